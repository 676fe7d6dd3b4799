"""Kill test: a build killed with SIGKILL at points spread over every stage, then resumed, must equal an
uninterrupted build (the same articles, mentions, event ids, sources, copies, stories and skips).

Usage: python benchmarks/kill.py [N] [BATCH] [POINT,...]   (default 200 generated fictional articles, batches
of 20, the 23 points below)

Each point is a NEWSLEDGER_FAULT=point:n (newsledger.faults): the build kills itself the n-th time it passes the
point, so every stage is covered deterministically. Two more runs stop the build with SIGTERM and SIGINT, which
must end it with status 'interrupted'. Prints one row per point and the count of points that recovered.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsledger.store.ledger import Store  # noqa: E402
from tests.corpus import generate_articles  # noqa: E402


def points(n: int, batch: int) -> list[str]:
    batches = -(-n // batch)
    spread = sorted({1, max(1, batches // 3), max(1, 2 * batches // 3), batches})
    found = [f"read:{k}" for k in (1, n // 4, n // 2, n - 1)]
    found += [f"annotate:{k}" for k in (1, n // 3, 2 * n // 3, n)]
    found += [f"write:{k}" for k in spread] + [f"write:{batches}"] * (len(spread) < 4)
    found += ["copies:1", "stories:1", "merge:1", "finish:1"]
    found += [f"read:{k}" for k in (batch, batch + 1, 3 * n // 4)] + [f"annotate:{k}" for k in (batch, n // 2 + 1)]
    found += ["annotate:7:term", "annotate:7:int"]
    return list(dict.fromkeys(found))


def digests(db: Path) -> dict[str, str]:
    with Store(db, read_only=True) as store:
        return store.content_digests()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        manifest = generate_articles(base / "articles", n)

        def command(db: Path) -> list[str]:
            return [sys.executable, "-m", "newsledger.cli", "build", str(base / "articles"), "--manifest",
                    str(manifest), "--db", str(db), "--set", f"store.batch_articles={batch}", "-q"]  # fmt: skip

        started = time.perf_counter()
        subprocess.run(command(base / "clean.duckdb"), check=True, capture_output=True)
        print(f"{n} articles, batches of {batch}; uninterrupted build {time.perf_counter() - started:.1f} s")
        expected = digests(base / "clean.duckdb")
        print(f"{'point':<22} {'exit':>5} {'articles kept':>13} {'status':>12} {'resume s':>9}  equal")
        recovered = 0
        all_points = sys.argv[3].split(",") if len(sys.argv) > 3 else points(n, batch)
        for i, point in enumerate(all_points):
            db = base / f"k{i}.duckdb"
            env = os.environ | {"NEWSLEDGER_FAULT": point}
            # As from a terminal: a job started in the background of a shell inherits SIGINT ignored.
            stopped = subprocess.run(
                command(db), capture_output=True, text=True, env=env,
                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
            )  # fmt: skip
            with Store(db, read_only=True) as store:
                kept, run = store.counts()["articles"], store.last_run()
            status = run["status"] if run else "-"
            started = time.perf_counter()
            resumed = subprocess.run(command(db), capture_output=True, text=True)
            seconds = time.perf_counter() - started
            equal = resumed.returncode == 0 and digests(db) == expected
            expected_exit = -signal.SIGKILL if point.count(":") == 1 else 130
            ok = equal and stopped.returncode == expected_exit and (expected_exit == -9 or status == "interrupted")
            recovered += ok
            print(
                f"{point:<22} {stopped.returncode:>5} {kept:>13} {status:>12} {seconds:>9.1f}  {'yes' if ok else 'NO'}"
            )
            db.unlink()
        print(f"recovered to the uninterrupted ledger: {recovered} of {len(all_points)} points")
        if recovered != len(all_points):
            sys.exit(1)


if __name__ == "__main__":
    main()
