"""Tests for the re3d entity scorer: gold reading, label mapping, exact and relaxed matching, the figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.evaluation.re3d import (
    Mention,
    entity_type,
    gold_mentions,
    match_exact,
    match_relaxed,
    read_corpus,
    score_mentions,
)

EQUIPMENT = {"G_TANKS": "MilitaryPlatform", "G_ARTILLERY": "Weapon"}


def mention(start: int, end: int, kind: str, document: str = "d1") -> Mention:
    return Mention(document, start, end, kind, "x" * (end - start))


def test_gold_mentions_keep_the_most_confident_type_of_a_span() -> None:
    texts = {"d1": "Iraq sent tanks."}
    entities = [
        {"documentId": "d1", "begin": 0, "end": 4, "type": "Location", "confidence": 0},
        {"documentId": "d1", "begin": 0, "end": 4, "type": "Organisation", "confidence": 1},
        {"documentId": "d1", "begin": 10, "end": 15, "type": "MilitaryPlatform", "confidence": 0.9},
        {"documentId": "d1", "begin": 5, "end": 9, "type": "Temporal", "confidence": 1},
    ]
    assert gold_mentions(entities, texts) == [
        Mention("d1", 0, 4, "Organisation", "Iraq"),
        Mention("d1", 10, 15, "MilitaryPlatform", "tanks"),
    ]


def test_entity_type_maps_equipment_by_category_and_spacy_labels() -> None:
    assert entity_type("EQUIPMENT", "G_TANKS", EQUIPMENT) == "MilitaryPlatform"
    assert entity_type("EQUIPMENT", "G_ARTILLERY", EQUIPMENT) == "Weapon"
    assert entity_type("EQUIPMENT", "G_RADARS", EQUIPMENT) is None
    assert entity_type("FAC", "", EQUIPMENT) == "Location"
    assert entity_type("NORP", "", EQUIPMENT) is None
    assert entity_type("GPE", "IRQ", EQUIPMENT, is_adjective=True) is None


def test_match_exact_needs_the_same_offsets_and_type() -> None:
    gold = [mention(0, 5, "Weapon"), mention(10, 15, "Weapon")]
    predicted = [mention(0, 5, "Weapon"), mention(10, 15, "MilitaryPlatform"), mention(0, 5, "Weapon", "d2")]
    assert match_exact(gold, predicted) == [(gold[0], predicted[0])]


def test_match_relaxed_is_one_to_one_and_prefers_the_largest_overlap() -> None:
    gold = [mention(0, 10, "Weapon"), mention(4, 6, "Weapon")]
    predicted = [mention(3, 7, "Weapon")]
    assert match_relaxed(gold, predicted) == [(gold[0], predicted[0])]
    # Touching spans share no character.
    assert match_relaxed([mention(0, 5, "Weapon")], [mention(5, 9, "Weapon")]) == []


def test_score_mentions_per_type_micro_and_weapon_platform() -> None:
    gold = [mention(0, 7, "Weapon"), mention(10, 15, "MilitaryPlatform"), mention(20, 25, "Person")]
    predicted = [mention(2, 7, "Weapon"), mention(10, 15, "MilitaryPlatform"), mention(30, 35, "Location")]
    figures = score_mentions(gold, predicted)
    assert figures["gold_weapon"] == 1
    assert figures["weapon_exact_f1"] == 0.0
    assert figures["weapon_relaxed_f1"] == 1.0
    assert figures["weapon_platform_exact_f1"] == pytest.approx(0.5)
    assert figures["weapon_platform_f1"] == figures["weapon_platform_relaxed_f1"] == 1.0
    assert figures["micro_relaxed_precision"] == pytest.approx(2 / 3)
    assert figures["micro_relaxed_recall"] == pytest.approx(2 / 3)
    assert figures["location_exact_precision"] == 0.0


def test_read_corpus_reads_every_source_folder(tmp_path: Path) -> None:
    folder = tmp_path / "Fictional Source"
    folder.mkdir()
    document = {"_id": "d1", "title": "t", "text": "Rebels fired a mortar."}
    entity = {"documentId": "d1", "begin": 13, "end": 21, "type": "Weapon", "confidence": 1, "value": "a mortar"}
    (folder / "documents.json").write_text(json.dumps(document) + "\n", encoding="utf-8")
    (folder / "entities.json").write_text(json.dumps(entity) + "\n", encoding="utf-8")
    [doc] = read_corpus(tmp_path)
    assert doc.source == "Fictional Source"
    assert doc.gold == (Mention("d1", 13, 21, "Weapon", "a mortar"),)
