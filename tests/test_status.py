"""Tests for event status: which cue governs a predicate, on fictional sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsledger.model import Status
from newsledger.pack import load_pack
from newsledger.settings import AnnotateSettings
from newsledger.stages.annotate import load_nlp
from newsledger.stages.resolve import build_resolver, resolve_actor
from newsledger.stages.status import StatusCue, assess_status, assess_status_detail
from tests.conftest import DATA

PACK = load_pack(str(DATA / "pack"))
RESOLVER = build_resolver(PACK)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp(AnnotateSettings().model, PACK)


def _status(nlp: Language, text: str, word: str, source: str | None = None) -> StatusCue:
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    actor = resolve_actor(source, resolver=RESOLVER, on=None) if source else None
    return assess_status_detail(token, pack=PACK, resolver=RESOLVER, source=actor)


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        # a factive head presupposes its complement, where a reporting verb would make it alleged
        ("Officials revealed that Russia had delivered helicopters to Iran.", "delivered", Status.ASSERTED),
        ("Officials said that Russia had delivered helicopters to Iran.", "delivered", Status.ALLEGED),
        # an epistemic modal keeps a negation open; a plain negation does not
        ("New sanctions might not prevent a wider war.", "prevent", Status.POSSIBLE),
        ("New sanctions might not prevent a wider war.", "war", Status.POSSIBLE),
        ("Russia did not prevent the delivery.", "prevent", Status.NEGATED),
        # a noun event that is the subject of a negated verb is not itself negated ...
        ("The new sanctions did not stop the fighting.", "sanctions", Status.ASSERTED),
        # ... unless the verb says whether the event took place
        ("The delivery did not happen.", "delivery", Status.NEGATED),
        ("The transfer would be a concern for Iran.", "transfer", Status.HYPOTHETICAL),
        # cancelled, halted and delayed events have not happened
        ("The cancelled delivery angered Iran.", "delivery", Status.NEGATED),
        ("Russia called off the delivery.", "delivery", Status.NEGATED),
        ("The delivery has been postponed.", "delivery", Status.NEGATED),
        ("Iran complained about the delay in delivery of the helicopters.", "delivery", Status.NEGATED),
        ("The strike brought production to an end.", "production", Status.NEGATED),
        # attributive cues on a noun event
        ("The alleged transfer angered Iran.", "transfer", Status.ALLEGED),
        ("The planned transfer angered Iran.", "transfer", Status.INTENDED),
        ("The possible transfer angered Iran.", "transfer", Status.POSSIBLE),
        # "due to" is a causal preposition, not the adjective "due" governing an intention
        ("Prices rose due to the blockade.", "blockade", Status.ASSERTED),
        ("Russia is due to deliver helicopters.", "deliver", Status.INTENDED),
        # a reported "would" is the future of the past, not a condition
        ("Russia said it would deliver helicopters to Iran.", "deliver", Status.INTENDED),
        ("Russia said it would deliver helicopters if Iran paid.", "deliver", Status.HYPOTHETICAL),
        # a preposition of time takes its event as known: neither the report nor a negation reaches it ...
        ("The deal was signed during a visit by a Turkish delegation, officials said.", "visit", Status.ASSERTED),
        ("Officials said the deal was signed during a visit by a Turkish delegation.", "visit", Status.ASSERTED),
        ("Officials said the deal was signed during a visit by a Turkish delegation.", "signed", Status.ALLEGED),
        ("Russia did not sign the deal during the visit.", "visit", Status.ASSERTED),
        # ... while a plan on the clause does, and the event's own cue stays
        ("Russia will sign the deal during the visit.", "visit", Status.INTENDED),
        ("Russia signed the deal during the planned visit.", "visit", Status.INTENDED),
    ],
)
def test_assess_status_follows_the_governing_cue(nlp: Language, text: str, word: str, status: Status) -> None:
    assert _status(nlp, text, word).status is status


def test_assess_status_detail_names_the_deciding_cue(nlp: Language) -> None:
    assert _status(nlp, "Russia will deliver helicopters.", "deliver") == StatusCue(
        status=Status.INTENDED, kind="aux", text="will"
    )
    assert _status(nlp, "Russia plans to deliver helicopters.", "deliver") == StatusCue(
        status=Status.INTENDED, kind="verbs", text="plan"
    )
    assert _status(nlp, "Russia reportedly delivered helicopters.", "delivered").kind == "adverbs"
    assert _status(nlp, "Russia delivered helicopters.", "delivered").kind == "none"


def test_assess_status_report_by_a_party_to_the_event_is_its_own_account(nlp: Language) -> None:
    text = "Tehran said Russia delivered helicopters to Iran."
    assert _status(nlp, text, "delivered", source="Russia").status is Status.ASSERTED
    # an unnamed reporter is someone else, whoever the event's parties are
    other = "Officials said Russia delivered helicopters to Iran."
    assert _status(nlp, other, "delivered", source="Russia").status is Status.ALLEGED


def test_assess_status_returns_the_status_of_the_detail(nlp: Language) -> None:
    doc = nlp("Russia may deliver helicopters.")
    token = next(t for t in doc if t.text == "deliver")
    assert assess_status(token, pack=PACK, resolver=RESOLVER) is Status.POSSIBLE
