"""Tests for the ECB+ scorer: coreference metrics, detokenised offsets, the reader, a tiny pool built and scored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.evaluation.corroboration import GoldDoc, GoldSpan, score_documents
from newsledger.evaluation.ecbplus import read_corpus, read_document
from newsledger.evaluation.partitions import _max_assignment, b_cubed, ceaf_e, coref_figures, muc
from newsledger.evaluation.tokens import detokenise

ECBPLUS = Path(__file__).parent / "data" / "ecbplus"

# key {a,b,c} {d,e}; response {a,b} {c,d,e}
KEY = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_muc_counts_links_across_partitions() -> None:
    # Vilain et al.'s example: key {A,B,C,D}; response {A,B} {C,D}: recall (4-2)/3, precision 2/2.
    p, r, f = muc({"A": "k", "B": "k", "C": "k", "D": "k"}, {"A": "1", "B": "1", "C": "2", "D": "2"})
    assert (p, r) == (1.0, pytest.approx(2 / 3))
    assert f == pytest.approx(0.8)


def test_muc_ignores_singletons() -> None:
    assert muc({"a": "1", "b": "2"}, {"a": "1", "b": "2"})[:2] == (0.0, 0.0)


def test_b_cubed_averages_per_item_overlap() -> None:
    p, r, f = b_cubed(KEY, RESPONSE)
    assert p == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)


def test_ceaf_e_aligns_clusters_one_to_one() -> None:
    # phi4({a,b,c},{a,b}) = 0.8 and phi4({d,e},{c,d,e}) = 0.8; two clusters each side.
    p, r, f = ceaf_e(KEY, RESPONSE)
    assert (p, r, f) == (pytest.approx(0.8), pytest.approx(0.8), pytest.approx(0.8))


def test_max_assignment_beats_greedy() -> None:
    assert _max_assignment([[0.9, 0.8], [0.8, 0.0]]) == pytest.approx(1.6)


def test_coref_figures_perfect_response_scores_one() -> None:
    figures = coref_figures("x", KEY, {k: v + "!" for k, v in KEY.items()})
    assert figures["x_conll_f1"] == pytest.approx(1.0)


def test_detokenise_spaces_tokens_as_print_does() -> None:
    words = ["``", "The", "U", ".", "S", ".", "firm", "'s", "34", "-", "year", "-", "old", "chief", ",", "''"]
    words += ["he", "said", "at", "5", ":", "46", "(", "local", ")", ".", "It", "did", "n't", "end"]
    sentences = [0] * 26 + [1] * 4
    assert detokenise(words, sentences).text == (
        "``The U.S. firm's 34-year-old chief,'' he said at 5:46 (local).\nIt didn't end"
    )


def test_detokenise_pairs_straight_quotes_and_keeps_a_dash_spaced() -> None:
    words = ["He", "said", '"', "we", "left", '"', "and", "--", "later", "--", '"', "gone", '"']
    assert detokenise(words, [0] * len(words)).text == 'He said "we left" and -- later -- "gone"'


_WORDS = st.text(st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=6)


@given(st.lists(st.tuples(_WORDS, st.booleans()), min_size=1, max_size=40))
def test_detokenise_offsets_quote_every_token(tokens: list[tuple[str, bool]]) -> None:
    words = [w for w, _ in tokens]
    sentences = [sum(new for _, new in tokens[: i + 1]) for i in range(len(tokens))]
    rebuilt = detokenise(words, sentences)
    assert [rebuilt.text[s:e] for s, e in rebuilt.offsets] == words
    assert rebuilt.text.count("\n") == len(set(sentences)) - 1


def test_read_document_drops_the_url_line_and_keeps_checked_mentions() -> None:
    checked = {("99_1ecbplus", 2), ("99_1ecbplus", 3)}
    doc = read_document(ECBPLUS / "ECB+" / "99" / "99_1ecbplus.xml", checked)
    assert (doc.key, doc.group, doc.url, doc.published) == (
        "99_1ecbplus",
        "99ecbplus",
        "http://www.north-times.example/2011/08/04/warehouse-fire",
        date(2011, 8, 4),
    )
    assert doc.text.splitlines() == [
        "Fire guts Northvale warehouse",
        "``The fire destroyed the U.S. company's warehouse,'' officials said on Thursday at 5:46 p.m.",
        "Police arrested a 34-year-old man after the fire.",
    ]
    # "guts" (sentence 1) was not checked for coreference; "The fire" spans two tokens.
    assert [(doc.text[m.start : m.end], m.chain) for m in doc.mentions] == [
        ("The fire", "99_1ecbplus:11"),
        ("destroyed", "ACT99fire"),
        ("arrested", "99_1ecbplus:3"),
        ("fire", "99_1ecbplus:11"),
    ]


def test_read_document_without_checked_sentences_keeps_every_event_mention() -> None:
    doc = read_document(ECBPLUS / "ECB+" / "99" / "99_1ecbplus.xml")
    assert [doc.text[m.start : m.end] for m in doc.mentions][:2] == ["guts", "The fire"]


def test_read_corpus_takes_the_checked_sentences_from_the_csv() -> None:
    docs = read_corpus(ECBPLUS)
    assert [(d.key, d.group, d.url, d.published) for d in docs] == [
        ("99_1ecbplus", "99ecbplus", "http://www.north-times.example/2011/08/04/warehouse-fire", date(2011, 8, 4)),
        ("99_2ecb", "99ecb", None, None),
    ]
    ecb = docs[1]
    assert [(ecb.text[m.start : m.end], m.chain) for m in ecb.mentions] == [
        ("hit", "ACT99storm"),
        ("said", "99_2ecb:3"),
    ]


_HEADER = "FICTIONAL FIXTURE written for newsledger's tests: the places, people and events are invented.\n"


def _doc(key: str, group: str, text: str, outlet: str, day: int, trigger: str) -> GoldDoc:
    start = text.index(trigger)
    return GoldDoc(
        key=key,
        text=_HEADER + text,
        group=group,
        url=f"https://{outlet}.example/2024/05/{day:02d}/{key}",
        published=date(2024, 5, day),
        mentions=(GoldSpan(start=len(_HEADER) + start, end=len(_HEADER) + start + len(trigger), chain=group),),
    )


def test_score_documents_builds_a_pool_and_scores_its_stories() -> None:
    docs = [
        _doc(
            "raid-a",
            "raid",
            "Police arrested three men in Northvale on Tuesday after a raid on a warehouse.\n"
            "The men are accused of smuggling rifles.",
            "north-times",
            7,
            "arrested",
        ),
        _doc(
            "raid-b",
            "raid",
            "Three men were arrested in Northvale on Tuesday when police raided a warehouse, officials said.",
            "south-herald",
            8,
            "arrested",
        ),
        _doc(
            "convoy-a",
            "convoy",
            "Rebels attacked an army convoy near Eastport on Friday, killing two soldiers.\n"
            "The army said it would send more troops.",
            "north-times",
            10,
            "attacked",
        ),
        _doc(
            "convoy-b",
            "convoy",
            "Two soldiers were killed when rebels attacked a convoy near Eastport on Friday, the army said.",
            "east-gazette",
            11,
            "attacked",
        ),
    ]
    figures, listing = score_documents(docs, details=True)
    assert (figures["documents"], figures["gold_stories"]) == (4, 2)
    assert 1 <= figures["stories"] <= 4
    for name in ("merge_purity", "false_corroboration", "corroboration_recall", "story_b3_f1", "event_conll_f1"):
        assert 0.0 <= figures[name] <= 1.0, name
    assert listing.startswith("events joining different gold groups:")
