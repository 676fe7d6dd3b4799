"""Tests for cross-document event coreference: lemma folding, synonyms, clustering within stories."""

from __future__ import annotations

import pytest

from newsledger.stages.coref import TriggerMention, cluster_by_lemma, cluster_event_mentions, fold_lemma


def _m(mid: str, article: str, lemma: str) -> TriggerMention:
    return TriggerMention(id=mid, article_id=article, lemma=lemma)


def test_fold_lemma_folds_derivations() -> None:
    assert fold_lemma("election") == fold_lemma("elect")
    assert fold_lemma("announcement") == fold_lemma("announce")
    assert fold_lemma("kill") != fold_lemma("elect")


def test_fold_lemma_folds_synonyms_of_one_happening() -> None:
    assert fold_lemma("quake") == fold_lemma("earthquake") == fold_lemma("temblor")
    assert fold_lemma("murder") == fold_lemma("kill")
    assert fold_lemma("acquisition") == fold_lemma("buy")
    assert fold_lemma("quake") != fold_lemma("kill")


def test_cluster_event_mentions_joins_synonyms_within_a_story_only() -> None:
    mentions = [_m("1", "a", "quake"), _m("2", "b", "earthquake"), _m("3", "c", "earthquake"), _m("4", "a", "say")]
    clusters = cluster_event_mentions(mentions, {"a": "s1", "b": "s1", "c": "s2"})
    assert clusters["1"] == clusters["2"] != clusters["3"]
    assert clusters["4"] != clusters["1"]


def test_cluster_by_lemma_keeps_synonyms_apart() -> None:
    clusters = cluster_by_lemma([_m("1", "a", "quake"), _m("2", "a", "earthquake")], {"a": "s"})
    assert clusters["1"] != clusters["2"]


def test_trigger_mention_rejects_an_empty_lemma() -> None:
    with pytest.raises(ValueError, match="trigger mention 'x' has an empty lemma"):
        _m("x", "a", "")


def test_cluster_event_mentions_relative_pronoun_joins_the_mention_before_it() -> None:
    mentions = [
        TriggerMention(id="1", article_id="a", lemma="earthquake", sentence=0, start=3),
        TriggerMention(id="2", article_id="a", lemma="which", sentence=0, start=5),
        TriggerMention(id="3", article_id="a", lemma="which", sentence=1, start=0),
    ]
    clusters = cluster_event_mentions(mentions, {"a": "s"})
    assert clusters["2"] == clusters["1"] != clusters["3"]


def test_cluster_event_mentions_keeps_each_article_saying_apart() -> None:
    mentions = [_m("1", "a", "say"), _m("2", "a", "say"), _m("3", "b", "say")]
    clusters = cluster_event_mentions(mentions, {"a": "s", "b": "s"})
    assert clusters["1"] == clusters["2"] != clusters["3"]
