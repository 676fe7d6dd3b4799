"""Tests for the web-page story scorer: the label file, skipped pages, the every-page-alone reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.evaluation.web_stories import LABELS, errors, read_labels, score_stories


def test_read_labels_gives_every_page_one_story_and_skips_comments() -> None:
    labels = read_labels()
    assert len(labels) == 181
    assert not any(page.startswith("#") for page in labels)
    assert len(set(labels.values())) == 150
    assert LABELS.read_text(encoding="utf-8").startswith("# ")


def test_read_labels_of_a_small_file(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text("# made for a test\narticle_id,story,note\np1,s1,\np2,s1,doubt\np3,s2,\n", encoding="utf-8")
    assert read_labels(path) == {"p1": "s1", "p2": "s1", "p3": "s2"}


def test_score_stories_counts_a_skipped_page_as_a_story_of_its_own() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    figures = score_stories(gold, {"a": "x", "b": "x"})
    assert (figures["built"], figures["predicted_stories"]) == (2, 2)
    assert figures["story_b3_f1"] == pytest.approx(1.0)
    # Alone: a and b each find half their story.
    assert figures["alone_b3_f1"] == pytest.approx(2 * 1 * (2 / 3) / (1 + 2 / 3))
    assert figures["gain_over_alone"] == pytest.approx(1.0 - figures["alone_b3_f1"])


def test_score_stories_joining_two_stories_costs_precision_and_errors_name_them() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    built = {"a": "x", "b": "x", "c": "x"}
    figures = score_stories(gold, built)
    assert figures["story_b3_r"] == pytest.approx(1.0)
    assert figures["story_b3_p"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert "1 + 1 + 2" in errors(gold, built)
    assert "1: 2 pages in 2 stories" in errors(gold, {"a": "x", "b": "y", "c": "z"})
