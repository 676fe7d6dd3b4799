"""Evaluation against public gold data in ../shared/data: finding the data, shared arithmetic and score tables."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from newsledger.errors import NewsledgerError

SHARED_ENV = "NEWSLEDGER_SHARED"

# A figure is a score (0..1 unless its name says otherwise) or a count; counts print without decimals.
Figures = dict[str, float | int]


class MissingDataError(NewsledgerError):
    """A gold data set the evaluation needs is not where the project keeps its shared data."""


def shared_data_dir() -> Path | None:
    """The ``data`` folder of the shared directory: $NEWSLEDGER_SHARED, else the nearest ``shared/data`` above us."""
    configured = os.environ.get(SHARED_ENV)
    if configured:
        root = Path(configured)
        return root / "data" if (root / "data").is_dir() else root
    # Installed copies live outside the checkout, so the working directory is searched as well.
    for start in (Path(__file__).resolve(), Path.cwd().resolve()):
        for parent in start.parents:
            if (parent / "shared" / "data").is_dir():
                return parent / "shared" / "data"
    return None


def data_path(name: str, data_dir: Path | None = None) -> Path:
    """The named data set (a folder or file under the shared data folder), or an error that says where to put it."""
    base = data_dir if data_dir is not None else shared_data_dir()
    if base is None:
        raise MissingDataError(
            f"no shared data folder for {name!r}: set {SHARED_ENV} to the directory that holds data/{name}"
        )
    path = base / name
    if not path.exists():
        raise MissingDataError(f"{path} does not exist; set {SHARED_ENV} to the directory that holds data/{name}")
    return path


def prf(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts; an empty denominator gives 0, not an error."""
    p = correct / system if system else 0.0
    r = correct / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def format_value(value: float | int) -> str:
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def format_table(rows: Mapping[str, Mapping[str, float | int]]) -> str:
    """One line per figure, grouped by data set: ``data set  figure  value``."""
    width = max((len(name) for name in rows), default=0)
    fig_width = max((len(fig) for figures in rows.values() for fig in figures), default=0)
    lines = [f"{'data set':<{width}}  {'figure':<{fig_width}}  value"]
    for name, figures in rows.items():
        for fig, value in figures.items():
            lines.append(f"{name:<{width}}  {fig:<{fig_width}}  {format_value(value):>7}")
    return "\n".join(lines)


def scorer_parser(doc: str | None) -> argparse.ArgumentParser:
    """The command line of one scorer, described by the first line of its module's docstring."""
    return argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)


def print_scores(compute: Callable[[], tuple[Mapping[str, Figures], str]]) -> int:
    """A scorer's main: print its tables, then any error listing; a missing data set is a message and status 1."""
    try:
        tables, details = compute()
    except MissingDataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(format_table(tables))
    if details:
        print(details)
    return 0
