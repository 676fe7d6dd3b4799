"""Fuzz run: build a generated corpus of hostile inputs (tests/hostile.py) and report what happened to each.

Usage: python benchmarks/fuzz.py [MUTATED] [HUGE_LINE_MB]   (default 900 mutated articles, a 100 MB line)

Prints the number of inputs, how many became articles, the skips by reason (numbers and paths folded), crashes
(a non-zero exit or a traceback), hangs (no end within the time limit), the build's seconds and its peak RSS.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsledger.store.ledger import Store  # noqa: E402
from tests.hostile import generate_hostile_inputs  # noqa: E402

TIME_LIMIT = 1800


def main() -> None:
    mutated = int(sys.argv[1]) if len(sys.argv) > 1 else 900
    huge = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inputs"
        manifest = generate_hostile_inputs(folder, mutated=mutated, huge_line_mb=huge)
        inputs = [p for p in folder.iterdir() if not p.is_dir() or p.is_symlink()]
        rows = len(manifest.read_text(encoding="utf-8").splitlines()) - 1
        db = Path(tmp) / "fuzz.duckdb"
        command = [sys.executable, "-m", "newsledger.cli", "build", str(folder), "--manifest", str(manifest),
                   "--db", str(db), "-q"]  # fmt: skip
        started = time.perf_counter()
        crashes = hangs = 0
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIME_LIMIT)
            crashes = int(done.returncode != 0 or "Traceback" in done.stderr)
        except subprocess.TimeoutExpired:
            hangs = 1
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        with Store(db, read_only=True) as store:
            counts = store.counts()
            skips = store.skips()
    reasons = Counter(
        (s["stage"], re.sub(r"\d+", "N", re.sub(r"\S*/inputs/\S*?: |/\S+", "", s["reason"]))[:90]) for s in skips
    )
    print(f"inputs (files, links, FIFOs): {len(inputs)}, plus {rows} manifest rows")
    print(f"articles: {counts['articles']}, mentions: {counts['mentions']}, events: {counts['events']}")
    print(f"skips: {len(skips)} (every one with a reason: {all(s['reason'].strip() for s in skips)})")
    for (stage, reason), count in reasons.most_common():
        print(f"  {count:>5}  {stage:<9} {reason}")
    print(f"crashes: {crashes}, hangs: {hangs}, build: {seconds:.1f} s, peak RSS: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
