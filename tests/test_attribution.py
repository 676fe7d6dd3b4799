"""Tests for attribution (who reports what) and the status it gives, on fictional sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.coding import attribute_texts, code_texts, mention_record
from newsledger.model import OUTLET_VOICE, Attribution, AttributionKind, EventMention, Span
from newsledger.pack import load_pack
from newsledger.settings import Settings
from newsledger.stages.attribution import attribution_at, quotations
from newsledger.store.records import mention_from_row, mention_row

PACK = load_pack("security")
SETTINGS = Settings()
DAY = date(2025, 3, 10)


def _attributions(text: str) -> tuple[Attribution, ...]:
    [(_, found)] = list(attribute_texts([("t", text, DAY)], pack=PACK, settings=SETTINGS))
    return found


def _mentions(text: str) -> list[EventMention]:
    [(_, found)] = list(code_texts([("t", text, DAY)], pack=PACK, settings=SETTINGS))
    return found


def _quote(text: str, span: Span | None) -> str | None:
    return None if span is None else span.quote(text)


def test_quotations_need_three_words_and_pair_straight_marks() -> None:
    text = 'He called it an "outrage". "We will not give in to them," she said.'
    assert [text[s:e] for s, e in quotations(text)] == ["We will not give in to them,"]
    curly = "“Our pilots are ready for this,” the colonel said."
    assert [curly[s:e] for s, e in quotations(curly)] == ["Our pilots are ready for this,"]


def test_reported_speech_gives_source_cue_and_content() -> None:
    text = "Provincial officials in Helmand told Tolo News that Iran supplies the militants with rifles."
    [found] = _attributions(text)
    assert found.kind is AttributionKind.INDIRECT
    assert _quote(text, found.source) == "Provincial officials in Helmand"
    assert _quote(text, found.cue) == "told"
    assert _quote(text, found.content) == "that Iran supplies the militants with rifles"
    assert found.source_actor is not None and found.source_actor.country == "AFG"
    assert found.source_actor.sector == "government"


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ('"We have sent two battalions north," General Tomas Arvo said.', "Tomas Arvo",
         "We have sent two battalions north"),
        ('The colonel said: "Our crews finished the repairs in May."', "colonel",
         "Our crews finished the repairs in May"),
        ('"Our crews finished the repairs," said the colonel, "and the jets fly again."', "colonel",
         "Our crews finished the repairs"),
    ],
)  # fmt: skip
def test_direct_quotes_find_their_speaker_before_after_or_around(text: str, speaker: str, content: str) -> None:
    direct = [a for a in _attributions(text) if a.kind is AttributionKind.DIRECT]
    assert direct, text
    assert _quote(text, direct[0].source) == speaker
    assert _quote(text, direct[0].content) == content


def test_a_quotation_a_sentence_away_keeps_the_speaker_before_it() -> None:
    text = 'Deputy minister Lena Marsh spoke to reporters on Monday. "The radar sites will close by June."'
    quiet = [a for a in _attributions(text) if a.kind is AttributionKind.DIRECT]
    assert quiet == []  # "spoke to reporters" cites nobody's words: the quotation has no speaker to borrow
    text = 'Deputy minister Lena Marsh said the talks had ended.\n\n"The radar sites will close by June."'
    direct = [a for a in _attributions(text) if a.kind is AttributionKind.DIRECT]
    assert [_quote(text, a.source) for a in direct] == ["Lena Marsh"]


def test_nested_report_attributes_the_inner_content_to_the_quoted_party() -> None:
    text = "TASS quoted the general as saying that Russian instructors had trained Kazakh pilots."
    found = _attributions(text)
    assert [(_quote(text, a.source), _quote(text, a.cue)) for a in found] == [("TASS", "quoted"), ("general", "saying")]
    trained = text.index("trained")
    inner = attribution_at(Span(start=trained, end=trained + 7), found)
    assert _quote(text, inner.source) == "general"


def test_according_to_and_reportedly() -> None:
    text = "According to the ministry, Russia delivered four Mi-17 helicopters to Afghanistan."
    [found] = _attributions(text)
    assert found.kind is AttributionKind.ACCORDING_TO
    assert (_quote(text, found.cue), _quote(text, found.source)) == ("According to", "ministry")
    assert _quote(text, found.content) == "Russia delivered four Mi-17 helicopters to Afghanistan"
    text = "Russia reportedly delivered four Mi-17 helicopters to Afghanistan."
    [found] = _attributions(text)
    assert found.source is None and _quote(text, found.cue) == "reportedly"


def test_a_claim_by_officials_about_others_is_alleged() -> None:
    text = "Provincial officials in Helmand told Tolo News that Iran supplies the Taliban with weapons."
    [supply] = [m for m in _mentions(text) if m.type.value == "AID"]
    assert supply.status.value == "alleged"
    record = mention_record(supply)["attribution"]
    assert record["kind"] == "indirect"
    assert record["source"]["country"] == "AFG"
    assert text[slice(*record["spans"]["cue"])] == "told"


def test_the_outlets_own_voice_is_asserted_and_has_no_source() -> None:
    [supply] = _mentions("Russia delivered four Mi-17 helicopters to Afghanistan on Monday.")
    assert supply.status.value == "asserted"
    assert mention_record(supply)["attribution"] == {
        "source": None,
        "spans": {"source": None, "cue": None, "content": None},
        "kind": "outlet",
    }


def test_own_plans_in_an_interview_stay_intended_and_we_is_the_speakers_state() -> None:
    text = (
        '"We need air defence systems and we plan to buy them from you," Afghan Defence Minister '
        "Bismillah Khan Mohammadi told RIA Novosti in an interview."
    )
    [buy] = [m for m in _mentions(text) if text[m.spans.trigger.start : m.spans.trigger.end] == "buy"]
    assert buy.status.value == "intended"
    assert buy.target is not None and buy.target.country == "AFG"  # "we": the minister's government
    assert buy.source is not None and buy.source.name == "RIA Novosti"  # "you": whom he told
    assert buy.attribution.source_actor is not None and buy.attribution.source_actor.country == "AFG"


def test_a_denial_stays_denied_with_its_source() -> None:
    text = "Kabul has denied that it received weapons from Russia."
    [received] = _mentions(text)
    assert received.status.value == "denied"
    assert _quote(text, received.attribution.source) == "Kabul"


def test_i_outside_a_quotation_names_nobody() -> None:
    text = "I think the army attacked the village."
    for m in _mentions(text):
        assert m.source is None or m.source.name != "I"


def test_attribution_survives_the_store_round_trip() -> None:
    text = "Provincial officials in Helmand told Tolo News that Iran supplies the Taliban with weapons."
    [supply] = [m for m in _mentions(text) if m.type.value == "AID"]
    assert mention_from_row(mention_row(supply)).attribution == supply.attribution
    outlet = _mentions("Russia delivered four Mi-17 helicopters to Afghanistan on Monday.")[0]
    assert mention_from_row(mention_row(outlet)).attribution == OUTLET_VOICE
    row = mention_row(outlet) | {"attribution": None}  # a mention stored before attribution was recorded
    assert mention_from_row(row).attribution == OUTLET_VOICE


def _triples(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(_quote(text, a.source), _quote(text, a.cue), _quote(text, a.content)) for a in _attributions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative pronoun stands for the noun its clause describes
        ("The ministry issued a report, which said that the army had lost two helicopters.",
         [("report", "said", "that the army had lost two helicopters")]),
        # a participle on a noun: the noun speaks
        ("Officials pointed to reports stating that the rebels received rifles from abroad.",
         [("reports", "stating", "that the rebels received rifles from abroad")]),
        # what is announced, reported, denied or cited is the object when no clause follows
        ("The defence ministry announced a new arms deal with Serbia.",
         [("defence ministry", "announced", "a new arms deal with Serbia")]),
        ("The Valdorian navy ordered four radars from Ostland, citing the threat from drones.",
         [("Valdorian navy", "citing", "the threat from drones")]),
        # the addressee as object still leaves the parenthetical a report
        ("The convoy was attacked near the border, a spokesman told Reuters.",
         [("spokesman", "told", "The convoy was attacked near the border")]),
        # a participle with an object of its own reports nothing
        ("The new model is lighter, adding night vision to its features.", []),
    ],
)  # fmt: skip
def test_reported_speech_shapes_of_news(text: str, expected: list[tuple[str | None, str | None, str | None]]) -> None:
    assert _triples(text) == expected


def test_source_on_another_line_is_the_line_opening_phrase() -> None:
    # A headline line above is another sentence: its words never speak for the cue below.
    text = "Northwind posts record profit\nThe airline, Northwind, announced today that it will buy five jets."
    [found] = _attributions(text)
    assert _quote(text, found.source) == "airline, Northwind"
    assert _quote(text, found.content) == "that it will buy five jets"


def test_speaker_after_an_inverted_cue_the_parse_left_without_subject() -> None:
    text = '"It took too long for the money to reach the banks," said Ostland analyst Mira Vok commenting on the deal.'
    [found] = _attributions(text)
    assert found.kind is AttributionKind.DIRECT
    assert _quote(text, found.cue) == "said"
    assert found.source is not None and "Mira Vok" in _quote(text, found.source)
