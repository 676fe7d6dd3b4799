"""Tests for the evaluation scorers' arithmetic and mappings, on tiny hand-made inputs (no shared data needed)."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsledger.evaluation import (
    MissingDataError,
    data_path,
    format_table,
    plover,
    prf,
    sample,
    shared_data_dir,
    timeml,
)
from newsledger.evaluation import factuality as fact
from newsledger.model import EventMention, EventType, MentionSpans, Span, Status
from tests.conftest import mention


def test_prf_counts_give_precision_recall_and_harmonic_mean() -> None:
    p, r, f = prf(3, 4, 6)
    assert (p, r) == (0.75, 0.5)
    assert f == pytest.approx(2 * 0.75 * 0.5 / 1.25)


def test_prf_empty_denominators_are_zero_not_errors() -> None:
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_shared_data_dir_env_override_accepts_the_shared_dir_or_its_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data" / "plover_gsr").mkdir(parents=True)
    monkeypatch.setenv("NEWSLEDGER_SHARED", str(tmp_path))
    assert shared_data_dir() == tmp_path / "data"
    assert data_path("plover_gsr") == tmp_path / "data" / "plover_gsr"
    monkeypatch.setenv("NEWSLEDGER_SHARED", str(tmp_path / "data"))
    assert shared_data_dir() == tmp_path / "data"


def test_data_path_missing_set_says_where_to_put_it(tmp_path: Path) -> None:
    with pytest.raises(MissingDataError, match=r"does not exist; set NEWSLEDGER_SHARED to the directory"):
        data_path("nowhere", tmp_path)


def test_format_table_prints_counts_without_decimals() -> None:
    table = format_table({"set": {"records": 3, "accuracy": 0.5}})
    assert "records" in table and " 3" in table and "0.500" in table


# --- PLOVER --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("DEMAND", EventType.REQUEST),
        ("DISAPPROVE", EventType.ACCUSE),
        ("FIGHT", EventType.ASSAULT),
        ("INVESTIGATE", EventType.ACCUSE),
        ("AGREE", EventType.AGREE),
        ("CRIME", None),
        ("DOCUMENT", None),
    ],
)
def test_map_label_v05_labels_onto_16_types(label: str, expected: EventType | None) -> None:
    assert plover.map_label(label) == expected


def test_read_records_skips_header_and_unmapped_labels_and_keeps_iso_countries(tmp_path: Path) -> None:
    records = [
        {"id": "doc", "event": "DOCUMENT", "eventText": "header"},
        {
            "id": "r1",
            "date": "2000-01-01",
            "event": "DEMAND",
            "eventText": "demanded",
            "text": "Fictional: Ruritania demanded aid from Japan.",
            "source": [{"actorText": "Ruritania", "code": "RUR"}, {"code": "USA"}],
            "target": [{"actorText": "Japan", "code": "JAP"}],
        },
        {"id": "r2", "event": "CRIME", "text": "Fictional: a theft.", "source": [{"code": "USA"}], "target": ""},
        {"id": "r3", "event": "FIGHT", "text": "Fictional: clashes.", "source": [{"code": "USA"}], "target": ""},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    got, skipped = plover.read_records(path, frozenset({"USA", "JPN"}))
    assert [r.id for r in got] == ["r1", "r3"]
    assert got[0].type is EventType.REQUEST and got[0].day == date(2000, 1, 1)
    # the first actor decides; RUR and the misspelled JAP are not ISO codes, so no gold country
    assert (got[0].source_country, got[0].target_country) == (None, None)
    assert (got[1].type, got[1].source_country, got[1].target_country) == (EventType.ASSAULT, "USA", None)
    assert skipped == {"CRIME": 1}


def _at(mid: str, start: int, end: int, type: EventType) -> EventMention:
    return replace(mention(mid, "a", type=type), spans=MentionSpans(trigger=Span(start=start, end=end)))


def test_choose_mention_prefers_the_earliest_gold_event_word() -> None:
    text = "Fictional: Ruritania agreed to provide aid."
    agree = _at("m1", text.index("agreed"), text.index("agreed") + 6, EventType.AGREE)
    aid = _at("m2", text.index("provide"), text.index("provide") + 7, EventType.AID)
    assert plover.choose_mention([aid, agree], text, "agreed to provide") is agree
    # a shared stem is the same word; with no gold word matched the first mention stands
    assert plover.choose_mention([aid, agree], text, "agreement") is agree
    assert plover.choose_mention([aid, agree], text, "pledged") is aid
    assert plover.choose_mention([], text, "agreed") is None


def test_macro_f1_averages_per_type_f1_over_types_seen() -> None:
    pairs = [("AID", "AID"), ("AID", "NONE"), ("AGREE", "AID"), ("AGREE", "AGREE")]
    # AID: tp 1, gold 2, pred 2 -> 0.5; AGREE: tp 1, gold 2, pred 1 -> 2/3; ASSAULT unseen -> left out
    assert plover.macro_f1(pairs, ["AID", "AGREE", "ASSAULT"]) == pytest.approx((0.5 + 2 / 3) / 2)


def test_score_predictions_counts_none_as_wrong_and_countries_only_where_gold_has_one() -> None:
    def gold(type: EventType, source: str | None, target: str | None) -> plover.GoldRecord:
        return plover.GoldRecord(
            id="g",
            text="t",
            day=None,
            label=type.value,
            type=type,
            event_text="",
            source_country=source,
            target_country=target,
        )

    preds = [
        plover.Prediction(
            gold=gold(EventType.AID, "RUS", "AFG"),
            type="AID",
            trigger="x",
            source_country="RUS",
            target_country=None,
            events=1,
        ),
        plover.Prediction(
            gold=gold(EventType.AGREE, None, "IRN"),
            type=plover.NONE,
            trigger=None,
            source_country=None,
            target_country=None,
            events=0,
        ),
    ]
    figures = plover.score_predictions(preds, skipped=2)
    assert figures["type_accuracy"] == 0.5 and figures["coverage"] == 0.5 and figures["skipped"] == 2
    assert (figures["source_records"], figures["source_country_accuracy"]) == (1, 1.0)
    assert (figures["target_records"], figures["target_country_accuracy"]) == (2, 0.0)


# --- factuality ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3.0, fact.HAPPENED),
        (1.5, fact.UNCERTAIN),
        (0.75, fact.UNCERTAIN),
        (0.0, fact.UNCERTAIN),
        (-0.75, fact.UNCERTAIN),
        (-1.5, fact.UNCERTAIN),
        (-3.0, fact.NOT_HAPPENED),
    ],
)
def test_gold_class_only_certain_values_are_facts(value: float, expected: str) -> None:
    assert fact.gold_class(value) == expected


def test_status_class_three_way_mapping() -> None:
    assert fact.status_class(Status.ASSERTED) == fact.HAPPENED
    assert fact.status_class(Status.NEGATED) == fact.status_class(Status.DENIED) == fact.NOT_HAPPENED
    for status in (Status.ALLEGED, Status.POSSIBLE, Status.INTENDED, Status.HYPOTHETICAL):
        assert fact.status_class(status) == fact.UNCERTAIN


@pytest.mark.parametrize("status", list(Status))
def test_status_values_fall_in_the_class_the_status_gives(status: Status) -> None:
    assert fact.gold_class(fact.STATUS_VALUE[status]) == fact.status_class(status)


def test_read_conll_keeps_words_and_annotated_predicates(tmp_path: Path) -> None:
    path = tmp_path / "x.conll"
    lines = ["0\tShips\t_\tNNS", "1\tsailed\t3.0\tVBD", "", "0\tNo\t_\tDT", "1\tlanding\t-3.0\tNN", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    first, second = fact.read_conll(path)
    assert first.words == ("Ships", "sailed") and first.values == ((1, 3.0),)
    assert first.text == "Ships sailed" and first.offsets() == [(0, 5), (6, 12)]
    assert second.values == ((1, -3.0),)


def test_pearson_known_values_and_constant_input() -> None:
    assert fact.pearson([1.0, 2.0, 3.0], [2.0, 4.0, 6.0]) == pytest.approx(1.0)
    assert fact.pearson([1.0, 2.0, 3.0], [3.0, 2.0, 1.0]) == pytest.approx(-1.0)
    assert fact.pearson([1.0, 2.0], [5.0, 5.0]) == 0.0


def test_score_judgements_mae_accuracy_and_majority_baseline() -> None:
    js = [
        fact.Judgement(sentence="s", word="a", gold=3.0, status=Status.ASSERTED),
        fact.Judgement(sentence="s", word="b", gold=3.0, status=Status.POSSIBLE),
        fact.Judgement(sentence="s", word="c", gold=3.0, status=Status.ASSERTED),
        fact.Judgement(sentence="s", word="d", gold=-3.0, status=Status.DENIED),
    ]
    figures = fact.score_judgements(js)
    assert figures["mae"] == pytest.approx((0 + 2.25 + 0 + 0) / 4)
    assert figures["accuracy_3way"] == 0.75
    assert figures["majority_baseline"] == 0.75
    assert not math.isnan(figures["pearson"])


# --- sample ledger -------------------------------------------------------------------------------


def _coded(
    id: str,
    type: str = "AID",
    status: str = "asserted",
    source: str | None = "RUS",
    target: str | None = "AFG",
    start: date | None = date(2025, 3, 3),
    end: date | None = date(2025, 3, 3),
    precision: str | None = None,
) -> sample.Coded:
    return sample.Coded(
        id=id,
        type=type,
        status=status,
        source_country=source,
        target_country=target,
        start=start,
        end=end,
        precision=precision,
    )


def test_is_match_type_countries_and_dates() -> None:
    exp = _coded("E1")
    assert sample.is_match(exp, _coded("x"))
    assert not sample.is_match(exp, _coded("x", type="AGREE"))
    assert not sample.is_match(exp, _coded("x", target="KAZ"))
    assert sample.is_match(exp, _coded("x", target=None))  # a missing country does not count against
    assert not sample.is_match(exp, _coded("x", start=date(2025, 3, 5), end=date(2025, 3, 6)))
    assert sample.is_match(exp, _coded("x", start=date(2025, 3, 5), end=date(2025, 3, 6), precision="reported"))
    assert sample.is_match(_coded("E7", start=None, end=None), _coded("x"))


def test_match_events_is_maximal_where_greedy_would_lose_a_pair() -> None:
    # E1 accepts both ledger events, E2 only the first: greedy E1->a leaves E2 unmatched.
    e1, e2 = _coded("E1"), _coded("E2")
    a, b = _coded("a"), _coded("b")
    accepted = {("E1", "a"), ("E1", "b"), ("E2", "a")}
    pairs = sample.match_events([e1, e2], [a, b], accept=lambda e, o: (e.id, o.id) in accepted)
    assert {(e.id, o.id) for e, o in pairs} == {("E1", "b"), ("E2", "a")}


def test_match_events_prefers_same_status_candidates() -> None:
    pairs = sample.match_events([_coded("E1")], [_coded("a", status="alleged"), _coded("b")])
    assert [(e.id, o.id) for e, o in pairs] == [("E1", "b")]


def test_match_events_keeps_status_agreements_where_the_order_would_re_pair_them() -> None:
    # E1 (alleged) and E2 (denied) both accept the alleged event a and the negated event b; E1 -> a, E2 -> b keeps
    # one agreement, where taking a for E2 first would leave none.
    e1, e2 = _coded("E1", status="alleged"), _coded("E2", status="denied")
    a, b = _coded("a", status="alleged"), _coded("b", status="negated")
    for ledger in ([a, b], [b, a]):
        for expected in ([e1, e2], [e2, e1]):
            pairs = sample.match_events(expected, ledger, accept=lambda e, o: True)
            assert {(e.id, o.id) for e, o in pairs} == {("E1", "a"), ("E2", "b")}


def test_match_events_matches_every_row_when_the_ledger_is_smaller() -> None:
    pairs = sample.match_events([_coded("E1"), _coded("E2")], [_coded("a")], accept=lambda e, o: e.id == "E2")
    assert [(e.id, o.id) for e, o in pairs] == [("E2", "a")]


def test_coded_record_reads_the_export_shape() -> None:
    record = {
        "id": "ev",
        "type": "AID",
        "status": "asserted",
        "source": {"name": "Russia", "id": "RUS", "country": "RUS"},
        "target": None,
        "date": {"start": "2025-03-03", "end": "2025-03-04", "precision": "day", "text": "on Monday"},
    }
    got = sample.coded_record(record)
    assert (got.source_country, got.target_country, got.start, got.end, got.precision) == (
        "RUS",
        None,
        date(2025, 3, 3),
        date(2025, 3, 4),
        "day",
    )


def test_score_pairs_precision_recall_and_status_accuracy() -> None:
    expected = [_coded("E1"), _coded("E2"), _coded("E3")]
    ledger = [_coded("a"), _coded("b", status="alleged")]
    figures = sample.score_pairs(expected, ledger, [(expected[0], ledger[0]), (expected[1], ledger[1])])
    assert (figures["precision"], figures["recall"], figures["status_accuracy"]) == (1.0, pytest.approx(2 / 3), 0.5)


def test_score_pairs_place_accuracy_over_matched_events_with_an_expected_place() -> None:
    kabul = replace(_coded("E1"), place_name="Kabul", place_country="AFG")
    herat = replace(_coded("E2"), place_name="Herat", place_country="AFG")
    moscow = replace(_coded("E3"), place_name="Moscow", place_country="RUS")
    unplaced = _coded("E4")
    ledger = [
        replace(_coded("a"), place_name="KABUL", place_country="AFG"),  # same name once folded
        replace(_coded("b"), place_name="Kandahar", place_country="AFG"),  # right country, wrong place
        _coded("c"),  # no location: wrong on both counts
        replace(_coded("d"), place_name="Paris", place_country="FRA"),  # nothing expected: not scored
    ]
    expected = [kabul, herat, moscow, unplaced]
    figures = sample.score_pairs(expected, ledger, list(zip(expected, ledger, strict=True)))
    assert (figures["place_matched"], figures["place_accuracy"], figures["place_country_accuracy"]) == (
        3,
        pytest.approx(1 / 3),
        pytest.approx(2 / 3),
    )


def test_read_expected_and_coded_record_read_places(tmp_path: Path) -> None:
    path = tmp_path / "expected.json"
    events = [
        {"id": "E1", "type": "AID", "status": "asserted", "place": {"name": "Kabul", "country": "AFG"}},
        {"id": "E2", "type": "AID", "status": "asserted", "place": None},
    ]
    path.write_text(json.dumps({"events": events}), encoding="utf-8")
    got = [(e.place_name, e.place_country) for e in sample.read_expected(path)]
    assert got == [("Kabul", "AFG"), (None, None)]
    record = {"id": "ev", "type": "AID", "status": "asserted", "location": {"name": "Kabul", "country": "AFG"}}
    assert (sample.coded_record(record).place_name, sample.coded_record(record).place_country) == ("Kabul", "AFG")


def test_expected_places_are_named_in_their_evidence_articles() -> None:
    # A place the coder gives must be written in one of the event's articles (the text gives it, we do not).
    data = json.loads(sample.EXPECTED_FILE.read_text(encoding="utf-8"))
    for event in data["events"]:
        assert "place" in event, f"{event['id']} has no place key; give null when the text names no place"
        if event["place"] is None:
            continue
        name, country = event["place"]["name"], event["place"]["country"]
        assert len(country) == 3 and country.isupper()
        texts = []
        for article in event["articles"]:
            path, _, line = article.partition(".jsonl:")
            if line:
                record = sample.SAMPLE_DIR.joinpath(path + ".jsonl").read_text(encoding="utf-8").splitlines()
                texts.append(json.dumps(json.loads(record[int(line) - 1]), ensure_ascii=False))
            else:
                texts.append(sample.SAMPLE_DIR.joinpath(article).read_text(encoding="utf-8"))
        first_word = name.split()[0]
        assert any(first_word.lower() in t.lower() for t in texts), f"{event['id']}: {name!r} not in its articles"


# --- TIMEX3 --------------------------------------------------------------------------------------


def test_timeml_match_strict_needs_same_offsets_relaxed_overlap() -> None:
    gold = (timeml.Gold(0, 10, "DATE", "2025-03-03"), timeml.Gold(20, 25, "DATE", "2025-03"))
    system = [(0, 10, "2025-03-03"), (21, 30, "2025-04")]
    assert len(timeml.match(gold, system, strict=True)) == 1
    pairs = timeml.match(gold, system, strict=False)
    assert [v for _, v in pairs] == ["2025-03-03", "2025-04"]


def test_timeml_parse_dct_reads_iso_and_day_first() -> None:
    assert timeml.parse_dct("2009-02-03") == date(2009, 2, 3)
    assert timeml.parse_dct("03-02-2009") == date(2009, 2, 3)
    assert timeml.parse_dct("sometime") is None


def test_timex_run_figures_value_f1_is_relaxed_f1_times_value_accuracy() -> None:
    figures = timeml.TimexRun(documents=1, gold=10, system=8, strict=6, relaxed=8, values=6).figures
    assert figures["relaxed_f1"] == pytest.approx(2 * 1.0 * 0.8 / 1.8)
    assert figures["value_f1"] == pytest.approx(figures["relaxed_f1"] * figures["value_accuracy"])


def test_read_expected_stories_groups_listed_articles_and_leaves_the_rest_alone(tmp_path: Path) -> None:
    path = tmp_path / "expected.json"
    path.write_text('{"events": [], "stories": [["txt/a.txt", "jsonl/feed.jsonl:2"]]}', encoding="utf-8")
    stories = sample.read_expected_stories(["txt/a.txt", "jsonl/feed.jsonl:2", "html/b.html"], path)
    assert stories["txt/a.txt"] == stories["jsonl/feed.jsonl:2"] != stories["html/b.html"]
    assert len(set(stories.values())) == 2


def test_sample_key_names_files_and_json_lines_records_as_the_expected_file_does() -> None:
    folder = sample.SAMPLE_DIR
    assert sample.sample_key(str(folder / "txt" / "a.txt")) == "txt/a.txt"
    assert sample.sample_key(f"{folder / 'jsonl' / 'wire_feed.jsonl'}:3") == "jsonl/wire_feed.jsonl:3"


def test_expected_stories_name_only_articles_of_the_sample() -> None:
    data = json.loads(sample.EXPECTED_FILE.read_text(encoding="utf-8"))
    listed = [a for group in data["stories"] for a in group]
    assert len(listed) == len(set(listed))
    for article in listed:
        path, _, line = article.partition(".jsonl:")
        if line:
            lines = (sample.SAMPLE_DIR / f"{path}.jsonl").read_text(encoding="utf-8").splitlines()
            assert 1 <= int(line) <= len(lines)
        else:
            assert (sample.SAMPLE_DIR / article).is_file()
