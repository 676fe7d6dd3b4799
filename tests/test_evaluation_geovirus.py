"""Tests for the GeoVirus scorer's arithmetic on hand-made gold and system toponyms (fictional names)."""

from __future__ import annotations

import math

import pytest

from newsledger.evaluation.geovirus import (
    MAX_ERROR_KM,
    GoldDocument,
    GoldToponym,
    auc,
    evaluate,
    haversine_km,
)
from newsledger.model import Place, Span, Toponym
from newsledger.pack import load_pack
from newsledger.stages.places import build_gazetteer

TEXT = "Fictional: cases in Alpha, Beta and Gamma were reported by Delta officials."


def _gold(name: str, lat: float, lon: float) -> GoldToponym:
    start = TEXT.index(name)
    return GoldToponym(start=start, end=start + len(name), text=name, lat=lat, lon=lon)


def _ours(name: str, lat: float | None, lon: float | None) -> Toponym:
    start = TEXT.index(name)
    place = Place(name=name, country="XXX", lat=lat, lon=lon, kind="city") if lat is not None else None
    return Toponym(span=Span(start=start, end=start + len(name)), text=name, place=place)


def test_haversine_km_one_degree_of_latitude_is_about_111_km() -> None:
    assert haversine_km(0.0, 0.0, 1.0, 0.0) == pytest.approx(111.19, abs=0.01)
    assert haversine_km(10.0, 20.0, 10.0, 20.0) == 0.0


def test_auc_is_zero_when_perfect_and_one_when_everything_is_missed() -> None:
    assert auc([0.0, 0.0, 0.0]) == 0.0
    assert auc([MAX_ERROR_KM] * 3) == pytest.approx(math.log(1 + MAX_ERROR_KM) / math.log(MAX_ERROR_KM))


def test_evaluate_counts_detection_and_accuracy_on_detected_toponyms() -> None:
    doc = GoldDocument(
        id="d1",
        text=TEXT,
        toponyms=(_gold("Alpha", 10.0, 10.0), _gold("Beta", 20.0, 20.0), _gold("Gamma", 30.0, 30.0)),
    )
    ours = [
        _ours("Alpha", 10.5, 10.0),  # about 56 km away: right
        _ours("Beta", 25.0, 20.0),  # about 556 km away: wrong
        _ours("Delta", 0.0, 0.0),  # no gold toponym there: spurious
    ]  # Gamma is missed
    result = evaluate([doc], [("d1", ours)], build_gazetteer(load_pack("security")))
    f = result.figures
    assert (f["detection_precision"], f["detection_recall"]) == (pytest.approx(2 / 3), pytest.approx(2 / 3))
    assert f["accuracy_161km"] == 0.5  # of the two detected
    assert f["accuracy_161km_all"] == pytest.approx(1 / 3)  # of all three gold toponyms
    assert [g.text for _, g in result.missed] == ["Gamma"]
    assert [t.text for _, t in result.spurious] == ["Delta"]


def test_evaluate_an_unresolved_span_gets_the_maximum_error() -> None:
    doc = GoldDocument(id="d1", text=TEXT, toponyms=(_gold("Alpha", 10.0, 10.0),))
    result = evaluate([doc], [("d1", [_ours("Alpha", None, None)])], build_gazetteer(load_pack("security")))
    assert result.resolved[0].error == MAX_ERROR_KM
    assert result.figures["accuracy_161km"] == 0.0
