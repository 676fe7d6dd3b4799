"""Tests for the MEANTIME speech check: how cues and speakers are matched and counted."""

from __future__ import annotations

from newsledger.evaluation.meantime_speech import SpeechDoc, SpeechMention, SpeechResult, score_results
from newsledger.model import Attribution, AttributionKind, Span

# Fictional text written for this test.
TEXT = "The ministry said the jets arrived. Analysts expect more deliveries, a spokesman noted."


def _at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def _attribution(cue: str, source: str | None) -> Attribution:
    return Attribution(
        kind=AttributionKind.INDIRECT,
        content=Span(start=0, end=5),
        cue=Span(start=_at(cue)[0], end=_at(cue)[1]),
        source=Span(start=_at(source)[0], end=_at(source)[1]) if source else None,
    )


def test_score_results_needs_both_cue_and_speaker_to_overlap() -> None:
    gold = (
        SpeechMention(*_at("said"), "VERB", _at("The ministry")),
        SpeechMention(*_at("expect"), "VERB", _at("Analysts")),
        SpeechMention(*_at("noted"), "VERB", None),
    )
    doc = SpeechDoc("d", TEXT, None, gold, len(TEXT))
    found = (
        _attribution("said", "ministry"),  # right cue, right speaker
        _attribution("expect", "spokesman"),  # right cue, wrong speaker
        _attribution("arrived", "jets"),  # no speech event here
    )
    figures = score_results([SpeechResult(doc, found)])
    assert figures["cue_precision"] == 2 / 3
    assert figures["cue_recall"] == 2 / 3
    assert figures["speaker_precision"] == 1 / 3
    assert figures["speaker_recall"] == 1 / 2


def test_score_results_counts_only_the_annotated_sentences() -> None:
    # MEANTIME annotates a document's first sentences only: a report after them is neither right nor wrong.
    end = TEXT.index("Analysts")
    gold = (SpeechMention(*_at("said"), "VERB", _at("The ministry")),)
    doc = SpeechDoc("d", TEXT, None, gold, end)
    found = (_attribution("said", "ministry"), _attribution("noted", "spokesman"))
    figures = score_results([SpeechResult(doc, found)])
    assert figures["system_cues"] == 1
    assert figures["cue_precision"] == 1.0
    assert figures["speaker_precision"] == 1.0
    assert figures["speaker_recall"] == 1.0
