"""Tests for event rules drawn from the shapes of real news reports: bare counts of people harmed, places written
with the state or country that holds them, the body that meets. Every sentence here is fictional, written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.model import Span
from tests.coded import coded_mentions as _mentions


def _quote(text: str, span: Span | None) -> str | None:
    return text[span.start : span.end] if span is not None else None


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        ("Dozens have been arrested in Mandera and face prosecution.", "COERCE", "Dozens"),
        ("Several were detained after the march in Mandera on Friday.", "COERCE", "Several"),
        ("Two were killed when gunmen opened fire near Mandera on Friday.", "ASSAULT", "Two"),
        ("The blast killed three and wounded five near Mandera on Monday.", "ASSAULT", "three"),
        # a partitive tagged as an adjective still leads to the people it counts
        ("Many of the Kenyan officers have also been detained.", "COERCE", "Kenyan officers"),
        ("Civilians killed by the rebels near Mandera were buried on Friday.", "ASSAULT", "Civilians"),
    ],
)
def test_extract_events_a_bare_count_of_those_harmed_is_the_target(text: str, type_: str, target: str) -> None:
    found = _mentions(text, type_)
    assert found, text
    assert _quote(text, found[0].spans.target) == target


def test_extract_events_a_bare_count_that_receives_nothing_harmful_is_no_target() -> None:
    # "dozens" delivered are things, not people harmed
    text = "Russia delivered dozens to the Kenyan army on Friday."
    assert all(_quote(text, m.spans.target) != "dozens" for m in _mentions(text, "AID"))


@pytest.mark.parametrize(
    ("text", "type_", "place", "written"),
    [
        ("Students rallied against the new tax in Caracas, Venezuela, on Monday.", "PROTEST", "Caracas",
         "Caracas, Venezuela"),
        ("Police arrested two men in Dayton, Ohio, on Friday.", "COERCE", "Dayton", "Dayton, Ohio"),
        ("President Rell met party members in Grimmen, northern Germany, on Monday.", "CONSULT", "Grimmen",
         "Grimmen, northern Germany"),
        # a list of towns is no town with its country
        ("Police arrested two men in Moscow, Kandahar and Paris on Friday.", "COERCE", "Moscow", "Moscow"),
    ],
)  # fmt: skip
def test_extract_events_place_span_takes_the_state_or_country_written_after_the_town(
    text: str, type_: str, place: str, written: str
) -> None:
    [m] = _mentions(text, type_)
    assert m.location is not None and m.location.name == place
    assert _quote(text, m.spans.location) == written


def test_extract_events_the_body_that_meets_is_a_party_to_the_meeting() -> None:
    text = "A meeting of the NATO-Ukraine Commission was scheduled for Tuesday in Brussels."
    [m] = _mentions(text, "CONSULT")
    assert _quote(text, m.spans.source) == "NATO-Ukraine Commission"
    assert _quote(text, m.spans.location) == "Brussels"


@pytest.mark.parametrize(
    ("text", "type_", "source"),
    [
        ("Students joined a protest organized by the Mandera Teachers Union on Friday.", "PROTEST",
         "Mandera Teachers Union"),
        ("The protests have been led by farmers from Mandera since Monday.", "PROTEST", "farmers from Mandera"),
        ("The attack, claimed by the Taliban, killed two men near Mandera on Friday.", "ASSAULT", "Taliban"),
    ],
)  # fmt: skip
def test_extract_events_who_organises_leads_or_claims_a_happening_does_it(text: str, type_: str, source: str) -> None:
    # an attack that is the subject of "killed" is told by the verb, which takes the attack's source
    found = [m for m in _mentions(text, type_) if _quote(text, m.spans.trigger) in {"protest", "protests", "killed"}]
    assert [_quote(text, m.spans.source) for m in found] == [source]


def test_extract_events_a_party_after_an_arrest_noun_is_the_one_arrested() -> None:
    text = "Despite the arrest of several education officials in Mandera on Friday, the exam went ahead."
    [m] = _mentions(text, "COERCE")
    assert (_quote(text, m.spans.source), _quote(text, m.spans.target)) == (None, "several education officials")
    # "the delivery of helicopters" is what is delivered, not whom
    text = "Russia completed the delivery of helicopters to the Kenyan army on Friday."
    assert all(_quote(text, m.spans.target) != "helicopters" for m in _mentions(text, "AID"))


def test_extract_events_a_participle_before_a_noun_was_done_to_it() -> None:
    text = "Police officers led a detained woman out of the court in Mandera on Friday."
    [m] = _mentions(text, "COERCE")
    assert _quote(text, m.spans.target) == "detained woman"


def test_extract_events_people_counted_as_held_are_the_target() -> None:
    text = "The governor said more than 160 foreign fighters had been detained in Mandera during the week."
    [m] = _mentions(text, "COERCE")
    assert _quote(text, m.spans.target) == "more than 160 foreign fighters"
    # things are captured too: a count of towns is nobody held
    text = "Two towns were captured near Mandera on Monday."
    assert all(_quote(text, m.spans.target) != "Two towns" for m in _mentions(text, "COERCE"))


def test_extract_events_shot_dead_is_one_trigger() -> None:
    text = "The activist Kem Ley was shot dead in a coffee shop in Mandera on Sunday."
    [m] = _mentions(text, "ASSAULT")
    assert (_quote(text, m.spans.trigger), _quote(text, m.spans.target)) == ("shot dead", "Kem Ley")


def test_extract_events_what_happens_at_another_happening_happens_where_it_does() -> None:
    text = "Police arrested two students at a protest on Tuesday in the central city of Mandera."
    [m] = _mentions(text, "COERCE")
    assert m.location is not None and m.location.name == "Mandera"
    # a relative clause on an attack tells its outcome: the same place, and the attack is nobody's name
    text = "They blame the group for a deadly attack in Kabul in April that killed nearly 70 people."
    killed = [m for m in _mentions(text, "ASSAULT") if _quote(text, m.spans.trigger) == "killed"]
    assert [(_quote(text, m.spans.source), _quote(text, m.spans.location)) for m in killed] == [(None, "Kabul")]


def test_extract_events_police_who_detain_people_at_a_rally_are_not_the_protesters() -> None:
    text = "Police detained two students at a rally in Mandera on Friday."
    assert all(_quote(text, m.spans.source) != "Police" for m in _mentions(text, "PROTEST"))


def test_extract_events_an_outcome_joined_to_another_has_its_date() -> None:
    text = "Officials said a drone struck a house near Mandera on Saturday, killing two civilians and wounding three."
    dates = {_quote(text, m.spans.trigger): m.date for m in _mentions(text, "ASSAULT")}
    assert set(dates) == {"struck", "killing", "wounding"}
    assert {d.start if d is not None else None for d in dates.values()} == {date(2025, 3, 8)}


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        ("He is the second player this month to be arrested for DUI.", "COERCE", None),
        ("Two more were jailed for fraud in Mandera on Friday.", "COERCE", "Two"),
    ],
)
def test_extract_events_what_an_arrest_is_for_is_no_target(text: str, type_: str, target: str | None) -> None:
    # The charge ("for DUI", "for fraud") is not the one arrested: with nobody named the arrest has no target.
    assert [_quote(text, m.spans.target) for m in _mentions(text, type_)] in ([target], [])
    if target is not None:
        assert _mentions(text, type_)


def test_extract_events_a_bare_count_in_a_later_paragraph_is_quoted_from_its_own_place() -> None:
    first = "Police in Mandera said on Saturday that the night had been calm after a week of unrest in the county."
    second = "Two suspects were arrested on Monday in the killing of a herder near the town."
    text = f"{first}\n\n{second}"
    [arrest] = _mentions(text, "COERCE")
    assert _quote(text, arrest.spans.target) == "Two suspects"
    # the participant's words are the words its evidence quotes, not those at the same offset in its paragraph
    assert arrest.target is not None and arrest.target.text == "Two suspects"


@pytest.mark.parametrize(
    ("text", "type_", "role", "expected"),
    [
        ("LITTLE ROCK, Ark. (KXYZ) – Police arrested two men in Pine Bluff on Monday.", "COERCE", "source", "Police"),
        ("NEW YORK (AP) — Gunmen shot a shopkeeper in Brooklyn on Monday.", "ASSAULT", "source", "Gunmen"),
        ("SANTA FE, N.M. (KXYZ) – Two teens were arrested after a shooting.", "COERCE", "target", "Two teens"),
        ("FORT SMITH, Ark. (KXYZ) – A two-year-old is dead after an overnight shooting.", "ASSAULT", "target", None),
    ],
)
def test_extract_events_a_dateline_of_several_words_in_capitals_is_no_participant(
    text: str, type_: str, role: str, expected: str | None
) -> None:
    # The dateline's town is where the report was filed, never who acted or was harmed.
    assert all(_quote(text, getattr(m.spans, role)) in (expected, None) for m in _mentions(text, type_))
    assert expected is None or any(_quote(text, getattr(m.spans, role)) == expected for m in _mentions(text, type_))
