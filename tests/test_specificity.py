"""Tests for telling mentions of one happening from boilerplate, generic and unanchored statements.

The sentences are fictional, written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.model import ActorRef, Article, EventMention, Span
from newsledger.pack import load_pack
from newsledger.settings import AnnotateSettings
from newsledger.stages.annotate import annotate_articles
from newsledger.stages.events import extract_events
from newsledger.stages.specificity import Participant, is_identified, specificity_cues

PACK = load_pack("security")


def _mentions(text: str) -> list[EventMention]:
    article = Article(
        id="a1", source="test", path=None, url=None, outlet=None, published=date(2025, 3, 10), title=None,
        language="en", text=text, paragraphs=(Span(start=0, end=len(text)),),
    )  # fmt: skip
    [annotated] = annotate_articles([article], pack=PACK, settings=AnnotateSettings())
    return list(extract_events(annotated, pack=PACK))


@pytest.mark.parametrize(
    ("text", "is_specific"),
    [
        ("Police are continuing to investigate the shooting.", False),
        ("Police ask anyone with information to call Crime Stoppers.", False),
        ("Militants usually attack police checkpoints at night.", False),
        ("Between 1998 and 2002, the Fish and Wildlife Service conducted 300,000 consultations.", False),
        ("For a partial list of the regulations, visit ProPublica.", False),
        ("Russia delivered two S-400 batteries to Turkey on Friday.", True),
        ("Police said Mark Mata shot his wife on Tuesday.", True),
        ("Gunmen attacked a police checkpoint in Kandahar province on Sunday.", True),
        # An event noun that recalls another happening of its kind picks out none, unless it has its own day.
        ("He was on probation for a previous arrest by Harbour City police, the court said.", False),
        ("Militants carried out another attack on a police checkpoint in Kandahar on Tuesday.", True),
        # a building or vehicle that was hit says what, not which happening
        ("Militants attacked a school.", False),
        ("Militants attacked a school in Mandera on Sunday.", True),
    ],
)
def test_extract_events_marks_whether_a_mention_identifies_one_happening(text: str, is_specific: bool) -> None:
    # Boilerplate and habitual statements still give mentions, kept with their article, but never specific ones.
    found = _mentions(text)
    assert found, text
    assert [m.specific for m in found] == [is_specific] * len(found)


def _p(text: str, label: str | None = None, id: str | None = None) -> Participant:
    return Participant(text=text, label=label, ref=ActorRef(text=text, id=id, name=text, country=None))


def test_is_identified_names_and_individuals_but_not_classes() -> None:
    cues = specificity_cues(PACK)
    for text, label, id in (
        ("Mark Mata", "PERSON", None),
        ("the Taliban", None, "TAL"),
        ("a 19-year-old man", None, None),
        ("his neighbour", None, None),
        ("the victim's brother", None, None),
        ("a teenage girl", None, None),
        ("the victim", None, None),
        ("Four people", None, None),
    ):
        assert is_identified(_p(text, label, id), cues), text
    for text in ("police", "the police", "gunmen", "the officers", "children", "people", "authorities"):
        assert not is_identified(_p(text), cues), text


def test_extract_events_a_named_happening_with_its_own_date_and_place_stands_without_participants() -> None:
    text = "HARTFORD, Conn. (WXYZ) — A 17-year-old was killed in an afternoon shooting in Hartford Saturday."
    shooting = [m for m in _mentions(text) if text[m.spans.trigger.start : m.spans.trigger.end] == "shooting"]
    assert len(shooting) == 1
    [m] = shooting
    assert m.source is None and m.target is None
    assert m.location is not None and m.location.name == "Hartford"
    assert m.specific


def test_extract_events_a_verb_without_participants_is_not_coded() -> None:
    # Without the rule this sentence gives a CONSULT mention with nobody meeting anybody.
    assert _mentions("The delegation met in Kabul on Saturday.") == []


@pytest.mark.parametrize(
    "text",
    [
        "An earthquake of magnitude 5.9 shook southern Iran on Sunday, flattening two villages and killing 10 people.",
        "Ten people were killed in the earthquake on Sunday.",
        "Three soldiers were killed in a flood near Kandahar on Monday.",
    ],
)
def test_extract_events_a_natural_cause_is_nobody_s_act(text: str) -> None:
    # Nobody did it: no assault, whatever the verb.
    assert [m.type.value for m in _mentions(text)] == []


def test_extract_events_an_act_after_a_disaster_is_still_an_act() -> None:
    found = _mentions("Rebels attacked the army base near Kandahar after the flood on Monday.")
    assert [m.type.value for m in found] == ["ASSAULT"]


def test_extract_events_a_disaster_report_s_toll_is_not_an_attack_but_a_named_attacker_is() -> None:
    text = (
        "An earthquake shook the island of Qeshm on Sunday, killing 10 people. Ten people were killed and "
        "50 were hurt, the governor said. Separately, gunmen shot a police officer in Bandar Abbas on Sunday."
    )
    found = _mentions(text)
    assert [(m.type.value, m.source and m.source.text) for m in found] == [("ASSAULT", "gunmen")]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        # the headline says what the report is of, though no trigger takes the earthquake as its doer
        ("Strong earthquake jolts southern Iran\nTen people were killed and 50 hurt on Sunday, state TV said.", []),
        # a figure of speech is no disaster, and a report that names no cause in its head keeps its attack
        ("A flood of refugees reaches the border\nTen people were killed in the camp on Sunday.", ["ASSAULT"]),
        ("Market reopens in Kandahar\nTen people were killed in the market on Sunday.", ["ASSAULT"]),
    ],
)
def test_extract_events_a_report_that_opens_with_a_disaster_counts_its_toll_not_an_attack(
    text: str, types: list[str]
) -> None:
    from newsledger.coding import text_article

    article = text_article(text.replace("\n", "\n\n"), date(2025, 3, 10))  # the headline is its own paragraph
    [annotated] = annotate_articles([article], pack=PACK, settings=AnnotateSettings())
    assert [m.type.value for m in extract_events(annotated, pack=PACK)] == types


def test_extract_events_an_accidental_shooting_still_has_a_shooting() -> None:
    found = _mentions("A 16-year-old student was shot and killed in an accident south of Yuma on Monday.")
    assert "ASSAULT" in [m.type.value for m in found]
