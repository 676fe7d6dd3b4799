"""Tests for the GVC scorer and the offset alignment that carries gold spans into built articles."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from newsledger.evaluation.corroboration import Built, GoldDoc, GoldSpan, SystemMention, align, score_build
from newsledger.evaluation.gvc import read_split


def test_align_carries_offsets_over_folded_whitespace() -> None:
    gold = "Shots  fired\n  at  the  bar"
    article = "Shots fired\n\nat the bar"
    forward = align(gold, article)
    start = gold.index("bar")
    assert article[forward[start] : forward[start + 3]] == "bar"
    assert article[forward[0] : forward[5]] == "Shots"


def test_read_split_keeps_one_split_with_its_mentions(tmp_path: Path) -> None:
    rows = [
        {"doc_id": "d1", "split": "dev", "incident": "1", "title": "T", "published": "2016-05-01",
         "url": "http://web.archive.org/web/2016/http://a.example/x", "text": "T\nA man was shot.",
         "mentions": [{"start": 12, "end": 16, "chain": "c1"}]},
        {"doc_id": "d2", "split": "test", "incident": "2", "title": "U", "published": None, "url": None,
         "text": "U\nNothing.", "mentions": []},
    ]  # fmt: skip
    path = tmp_path / "documents.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    [doc] = read_split(path, "dev")
    assert (doc.key, doc.group, doc.published) == ("d1", "1", date(2016, 5, 1))
    assert doc.text[doc.mentions[0].start : doc.mentions[0].end] == "shot"
    # "all" is both splits as one pool
    assert [d.key for d in read_split(path, "all")] == ["d1", "d2"]


def _doc(key: str, group: str) -> GoldDoc:
    return GoldDoc(key=key, text="x", group=group, mentions=(GoldSpan(start=0, end=1, chain=f"c{group}"),))


def _event(eid: str, independent: int) -> dict[str, object]:
    return {"id": eid, "specific": True, "sources": {"articles": 2, "outlets": 2, "independent": independent}}


def test_score_build_counts_a_join_of_two_incidents_as_impure_and_false_corroboration() -> None:
    docs = [_doc("a", "1"), _doc("b", "1"), _doc("c", "2")]
    built = Built(
        stories={"a": "s1", "b": "s1", "c": "s2"},
        events=[_event("e1", 2), _event("e2", 2)],
        docs_of_event={"e1": frozenset({"a", "b"}), "e2": frozenset({"b", "c"})},
        mentions=[
            SystemMention(doc="a", start=0, end=1, event="e1"),
            SystemMention(doc="b", start=0, end=1, event="e1"),
            SystemMention(doc="c", start=0, end=1, event="e2"),
        ],
    )
    figures = score_build(docs, built)
    assert figures["merged_events"] == 2 and figures["merge_purity"] == 0.5
    assert figures["false_corroboration"] == 0.5
    # Incident 1 has two documents whose gold mentions one event joins; incident 2 has one document only.
    assert figures["groups_2plus"] == 1 and figures["corroboration_recall"] == 1.0
    assert figures["story_b3_f1"] == 1.0
    # e2's join is unjudged by the gold chains: its gold overlap is in incident 2's document only.
    assert figures["impure_gold_unjudged"] == 1 and figures["impure_gold_different_chains"] == 0


def test_score_build_tells_impure_joins_of_two_gold_chains_from_unjudged_ones() -> None:
    docs = [_doc("a", "1"), _doc("b", "2"), _doc("c", "3")]
    built = Built(
        stories={"a": "s1", "b": "s1", "c": "s1"},
        events=[_event("e1", 2), _event("e2", 2)],
        docs_of_event={"e1": frozenset({"a", "b"}), "e2": frozenset({"a", "c"})},
        mentions=[
            SystemMention(doc="a", start=0, end=1, event="e1"),
            SystemMention(doc="b", start=0, end=1, event="e1"),
            SystemMention(doc="c", start=5, end=6, event="e2"),  # beside c's gold mention
        ],
    )
    figures = score_build(docs, built)
    assert figures["merge_purity"] == 0.0
    assert figures["impure_gold_different_chains"] == 1 and figures["impure_gold_unjudged"] == 1
