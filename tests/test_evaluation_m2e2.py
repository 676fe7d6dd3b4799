"""Tests for the M2E2 scorer: reading gold, slot mapping, trigger and argument matching, and a real coding run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.evaluation.m2e2 import (
    Argument,
    CodedEvent,
    Document,
    DocumentResult,
    argument_errors,
    code_documents,
    match_arguments,
    match_triggers,
    read_documents,
    score_results,
)
from newsledger.pack import load_pack
from newsledger.settings import Settings

# Fictional text written for this test.
TEXT = "Rebels attacked a police post in Sarvan on Monday.\nTwo trucks moved grain to the port."


def _write(tmp_path: Path) -> Path:
    record = {
        "doc_id": "FICTION_1",
        "published": "2025-03-04",
        "text": TEXT,
        "sentences": [
            {"sentence_id": "s0", "start": 0, "end": 50, "orig_start": 0},
            {"sentence_id": "s1", "start": 51, "end": len(TEXT), "orig_start": 60},
        ],
        "events": [
            {"type": "Conflict:Attack", "plover": "ASSAULT", "trigger": {"start": 7, "end": 15, "text": "attacked"},
             "arguments": [{"role": "Attacker", "start": 0, "end": 6, "text": "Rebels"},
                           {"role": "Target", "start": 25, "end": 29, "text": "post"},
                           {"role": "Place", "start": 33, "end": 39, "text": "Sarvan"},
                           {"role": "Instrument", "start": 0, "end": 1, "text": "R"}],
             "sentence_id": "s0", "crossmedia": False},
            {"type": "Movement:Transport", "plover": None, "trigger": {"start": 62, "end": 67, "text": "moved"},
             "arguments": [{"role": "Artifact", "start": 68, "end": 73, "text": "grain"}],
             "sentence_id": "s1", "crossmedia": False},
        ],
    }  # fmt: skip
    path = tmp_path / "documents.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def test_read_documents_maps_roles_to_slots_and_drops_unscored_roles(tmp_path: Path) -> None:
    [doc] = read_documents(_write(tmp_path))
    attack, transport = doc.gold
    assert attack.type == "ASSAULT" and attack.sentence == (0, 50)
    assert [(a.slot, a.text) for a in attack.arguments] == [
        ("source", "Rebels"),
        ("target", "post"),
        ("location", "Sarvan"),
    ]
    assert transport.type is None and transport.arguments == ()


def test_match_triggers_needs_overlap_and_type_and_is_one_to_one() -> None:
    gold = [CodedEvent("ASSAULT", 10, 18, "attacked", (0, 50)), CodedEvent("PROTEST", 30, 36, "rally", (0, 50))]
    system = [
        CodedEvent("ASSAULT", 12, 18, "tacked", (0, 50)),
        CodedEvent("ASSAULT", 10, 18, "attacked", (0, 50)),
        CodedEvent("CONSULT", 30, 36, "rally", (0, 50)),
    ]
    assert match_triggers(gold, system) == [(gold[0], system[0])]


def test_match_arguments_needs_the_same_slot() -> None:
    gold = CodedEvent(
        "CONSULT",
        0,
        3,
        "met",
        (0, 40),
        (Argument("participant", 5, 10, "Putin"), Argument("location", 20, 26, "Sochi")),
    )
    system = CodedEvent(
        "CONSULT", 0, 3, "met", (0, 40), (Argument("participant", 4, 10, "Putin"), Argument("source", 20, 26, "Sochi"))
    )
    assert match_arguments(gold, system) == [(gold.arguments[0], system.arguments[0])]


def test_score_results_feeding_gold_back_scores_one(tmp_path: Path) -> None:
    [doc] = read_documents(_write(tmp_path))
    scored = [g for g in doc.gold if g.type is not None]
    figures = score_results([DocumentResult(doc, scored, match_triggers(doc.gold, scored))])
    assert figures["trigger_f1"] == 1.0
    assert figures["source_f1"] == figures["target_f1"] == figures["location_f1"] == 1.0


def test_score_results_counts_arguments_of_missed_events_as_missed() -> None:
    gold = CodedEvent("ASSAULT", 0, 4, "shot", (0, 20), (Argument("target", 5, 8, "him"),))
    doc = Document("d", None, "x" * 20, (gold,))
    wrong = CodedEvent("PROTEST", 0, 4, "shot", (0, 20), (Argument("source", 10, 12, "it"),))
    figures = score_results([DocumentResult(doc, [wrong], match_triggers(doc.gold, [wrong]))])
    assert figures["trigger_f1"] == 0.0
    assert figures["target_recall"] == 0.0 and figures["source_precision"] == 0.0


def test_argument_errors_sorts_every_argument_into_one_category() -> None:
    gold = CodedEvent(
        "ASSAULT",
        0,
        4,
        "shot",
        (0, 60),
        (
            Argument("source", 10, 16, "Rebels"),
            Argument("target", 20, 24, "post"),
            Argument("location", 30, 36, "Sarvan"),
        ),
    )
    missed = CodedEvent("PROTEST", 40, 45, "rally", (0, 60), (Argument("location", 50, 55, "Jorin"),))
    ours = CodedEvent(
        "ASSAULT",
        0,
        4,
        "shot",
        (0, 60),
        (Argument("source", 10, 16, "Rebels"), Argument("target", 30, 36, "Sarvan"), Argument("location", 50, 55, "x")),
    )
    spurious = CodedEvent("COERCE", 56, 59, "arr", (0, 60), (Argument("target", 56, 59, "arr"),))
    doc = Document("d", None, "x" * 60, (gold, missed))
    counts = argument_errors([DocumentResult(doc, [ours, spurious], match_triggers(doc.gold, [ours, spurious]))])
    assert counts == {
        ("gold", "source", "correct"): 1,
        ("gold", "target", "wrong_span"): 1,
        ("gold", "location", "wrong_slot"): 1,
        ("gold", "location", "missed_trigger"): 1,
        ("system", "source", "correct"): 1,
        ("system", "target", "wrong_span"): 1,
        ("system", "location", "wrong_span"): 1,
        ("system", "target", "false_trigger"): 1,
    }


@pytest.mark.slow
def test_code_documents_runs_the_coder_and_ignores_events_on_unmapped_triggers(tmp_path: Path) -> None:
    documents = read_documents(_write(tmp_path))
    [result] = code_documents(documents, pack=load_pack("security"), settings=Settings())
    # "moved grain" is an unmapped Transport: whatever the coder makes of it is neither right nor wrong.
    assert all(not (62 <= e.start < 67) for e in result.system)
    [(gold, system)] = result.pairs
    assert system.trigger == "attacked"
    assert {a.slot: a.text for a in system.arguments}["source"] == "Rebels"
