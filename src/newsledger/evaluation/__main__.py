"""Print every evaluation score in one table: python -m newsledger.evaluation."""

from __future__ import annotations

import sys
from collections.abc import Callable

from newsledger.evaluation import (
    Figures,
    MissingDataError,
    copies,
    ecbplus,
    factuality,
    format_table,
    geovirus,
    gvc,
    m2e2,
    meantime_speech,
    meantime_xdoc,
    ngec,
    plover,
    re3d,
    sample,
    timeml,
    web_stories,
)

SCORERS: dict[str, Callable[[], Figures]] = {
    "plover": plover.score,
    "factuality_test": lambda: factuality.score("test"),
    "factuality_dev": lambda: factuality.score("dev"),
    "timeml": timeml.score,
    "sample": sample.score,
    "copies": copies.score,
    "re3d": re3d.score,
    "ngec": ngec.score,
    "ecbplus": ecbplus.score,
    "meantime_xdoc": meantime_xdoc.score,
    "web_stories": web_stories.score,
    "gvc_dev": lambda: gvc.score("dev"),
    "gvc_test": lambda: gvc.score("test"),
    "gvc_all": lambda: gvc.score("all"),
    "geovirus": geovirus.score,
    "m2e2": m2e2.score,
    "meantime_speech": meantime_speech.score,
}


def main(argv: list[str] | None = None) -> int:
    """Score every data set, or only those named on the command line."""
    names = sys.argv[1:] if argv is None else argv
    unknown = [n for n in names if n not in SCORERS]
    if unknown:
        print(f"unknown data set(s): {', '.join(unknown)}; known: {', '.join(SCORERS)}", file=sys.stderr)
        return 2
    rows: dict[str, Figures] = {}
    for name, scorer in SCORERS.items():
        if names and name not in names:
            continue
        try:
            rows[name] = scorer()
        except MissingDataError as exc:
            print(f"{name}: skipped: {exc}", file=sys.stderr)
        except ImportError as exc:
            # The sample ledger needs the whole pipeline; report a missing stage instead of failing every score.
            print(f"{name}: skipped: the pipeline cannot be imported ({exc})", file=sys.stderr)
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
