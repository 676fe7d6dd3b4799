"""Tests for the ECB+ scorer: coreference metrics on hand-made examples, the document reader, derivation folding."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.evaluation.ecbplus import (
    _max_assignment,
    b_cubed,
    ceaf_e,
    coref_figures,
    muc,
    read_document,
)

# key {a,b,c} {d,e}; response {a,b} {c,d,e}
KEY = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_muc_counts_links_across_partitions() -> None:
    # Vilain et al.'s example: key {A,B,C,D}; response {A,B} {C,D}: recall (4-2)/3, precision 2/2.
    p, r, f = muc({"A": "k", "B": "k", "C": "k", "D": "k"}, {"A": "1", "B": "1", "C": "2", "D": "2"})
    assert (p, r) == (1.0, pytest.approx(2 / 3))
    assert f == pytest.approx(0.8)


def test_muc_ignores_singletons() -> None:
    assert muc({"a": "1", "b": "2"}, {"a": "1", "b": "2"})[:2] == (0.0, 0.0)


def test_b_cubed_averages_per_item_overlap() -> None:
    p, r, f = b_cubed(KEY, RESPONSE)
    assert p == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)


def test_ceaf_e_aligns_clusters_one_to_one() -> None:
    # phi4({a,b,c},{a,b}) = 0.8 and phi4({d,e},{c,d,e}) = 0.8; two clusters each side.
    p, r, f = ceaf_e(KEY, RESPONSE)
    assert (p, r, f) == (pytest.approx(0.8), pytest.approx(0.8), pytest.approx(0.8))


def test_max_assignment_beats_greedy() -> None:
    assert _max_assignment([[0.9, 0.8], [0.8, 0.0]]) == pytest.approx(1.6)


def test_coref_figures_perfect_response_scores_one() -> None:
    figures = coref_figures("x", KEY, {k: v + "!" for k, v in KEY.items()})
    assert figures["x_conll_f1"] == pytest.approx(1.0)


DOC = """<Document doc_name="99_1ecbplus.xml" doc_id="1">
<token t_id="1" sentence="0" number="0">http://x.com/2011/08/04/story</token>
<token t_id="2" sentence="1" number="0">Police</token>
<token t_id="3" sentence="1" number="1">arrested</token>
<token t_id="4" sentence="1" number="2">him</token>
<token t_id="5" sentence="1" number="3">after</token>
<token t_id="6" sentence="1" number="4">the</token>
<token t_id="7" sentence="1" number="5">arrest</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="7"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="3"><token_anchor t_id="2"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="4" instance_id="ACT1" TAG_DESCRIPTOR="t"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><target m_id="4"/></CROSS_DOC_COREF>
</Relations>
</Document>
"""


def test_read_document_takes_event_mentions_clusters_and_url_date(tmp_path: Path) -> None:
    path = tmp_path / "99_1ecbplus.xml"
    path.write_text(DOC, encoding="utf-8")
    doc = read_document(path)
    assert (doc.topic, doc.story, str(doc.published)) == ("99", "99ecbplus", "2011-08-04")
    assert [(m.m_id, m.tokens, m.cluster) for m in doc.mentions] == [("1", (2,), "ACT1"), ("2", (6,), "99_1ecbplus:2")]
