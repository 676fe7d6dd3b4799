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
from newsledger.stages.specificity import Participant, is_identified

PACK = load_pack("security")


def _mentions(text: str) -> list[EventMention]:
    article = Article(
        id="a1", source="test", path=None, url=None, outlet=None, published=date(2025, 3, 10), title=None,
        language="en", text=text, paragraphs=(Span(start=0, end=len(text)),),
    )  # fmt: skip
    [annotated] = annotate_articles([article], pack=PACK, settings=AnnotateSettings())
    return list(extract_events(annotated, pack=PACK))


@pytest.mark.parametrize(
    "text",
    [
        "Police are continuing to investigate the shooting.",
        "Police ask anyone with information to call Crime Stoppers.",
        "Militants usually attack police checkpoints at night.",
    ],
)
def test_extract_events_boilerplate_and_habitual_mentions_are_not_specific(text: str) -> None:
    found = _mentions(text)
    assert found, "the sentence should still give a mention, kept with its article"
    assert not any(m.specific for m in found)


@pytest.mark.parametrize(
    "text",
    [
        "Russia delivered two S-400 batteries to Turkey on Friday.",
        "Police said Mark Mata shot his wife on Tuesday.",
        "Gunmen attacked a police checkpoint in Kandahar province on Sunday.",
    ],
)
def test_extract_events_mentions_with_named_participants_or_date_and_place_are_specific(text: str) -> None:
    found = _mentions(text)
    assert found and all(m.specific for m in found)


def _p(text: str, label: str | None = None, id: str | None = None) -> Participant:
    return Participant(text=text, label=label, ref=ActorRef(text=text, id=id, name=text, country=None))


def test_is_identified_names_and_descriptions_of_individuals_but_not_classes() -> None:
    assert is_identified(_p("Mark Mata", "PERSON"))
    assert is_identified(_p("the Taliban", id="TAL"))
    assert is_identified(_p("a 19-year-old man"))
    assert is_identified(_p("his neighbour"))
    assert is_identified(_p("the victim's brother"))
    assert not is_identified(_p("police"))
    assert not is_identified(_p("gunmen"))
    assert not is_identified(_p("officers"))
