"""Scores on the gold data in ../shared/data, held at or above the floors (at or below the ceilings) in floors.json.

Run with ``make eval`` (pytest -m eval -s) to see the tables. Raise a floor when a change earns it; never lower one
to go green.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from newsledger.evaluation import Figures, MissingDataError, format_table
from newsledger.evaluation.__main__ import SCORERS

pytestmark = pytest.mark.eval

BOUNDS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))
CASES = [
    (kind, data_set, figure, bound)
    for kind in ("floors", "ceilings")
    for data_set, figures in BOUNDS[kind].items()
    for figure, bound in figures.items()
]


class Scores:
    """Each data set scored at most once per module, on first use; a missing data set is a skip reason."""

    def __init__(self) -> None:
        self.figures: dict[str, Figures] = {}
        self.skips: dict[str, str] = {}

    def get(self, data_set: str) -> Figures:
        if data_set not in self.figures and data_set not in self.skips:
            try:
                self.figures[data_set] = SCORERS[data_set]()
                print(f"\n{format_table({data_set: self.figures[data_set]})}", file=sys.stderr)
            except MissingDataError as exc:
                self.skips[data_set] = f"{data_set}: gold data absent: {exc}"
            except ModuleNotFoundError as exc:
                # Only a stage of our own that is not written yet is a skip; anything else is a broken environment.
                if not (exc.name or "").startswith("newsledger."):
                    raise
                self.skips[data_set] = f"{data_set}: {exc.name} does not exist yet, so no ledger can be built"
        if data_set in self.skips:
            pytest.skip(self.skips[data_set])
        return self.figures[data_set]


@pytest.fixture(scope="module")
def scores() -> Scores:
    return Scores()


@pytest.mark.parametrize(("kind", "data_set", "figure", "bound"), CASES, ids=[f"{d}-{f}" for _, d, f, _ in CASES])
def test_score_holds_its_pinned_bound(scores: Scores, kind: str, data_set: str, figure: str, bound: float) -> None:
    value = scores.get(data_set)[figure]
    if kind == "floors":
        assert value >= bound, f"{data_set} {figure} = {value:.4f}, below its floor {bound}"
    else:
        assert value <= bound, f"{data_set} {figure} = {value:.4f}, above its ceiling {bound}"
