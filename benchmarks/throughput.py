"""Throughput of the build: articles/s per stage and end to end, and peak memory, on N generated articles.

Usage: python benchmarks/throughput.py [N]   (default 200)

The articles are generated from fictional templates (actors, equipment, dates drawn at random with a fixed
seed), written as plain-text and HTML files, then built twice: once stage by stage with a timer around each
stage, and once end to end through build_ledger in a child process whose peak RSS is reported.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

STATES = ["Russia", "Iran", "Afghanistan", "Kazakhstan", "India", "China", "Türkiye", "Pakistan", "Belarus"]
EQUIPMENT = ["Mi-17 helicopters", "Pantsir-S1 systems", "Su-25 aircraft", "Bayraktar TB2 drones", "T-72 tanks"]
SENTENCES = [
    "{a} delivered {n} {e} to {b} on {d}, the defence ministry said.",
    "Officials in {b} said {a} had supplied {e} last month.",
    "{a} denied reports that it had sent {e} to {b}.",
    "{b} plans to buy {n} {e} from {a} next year, according to a ministry statement.",
    "The defence ministers of {a} and {b} met in the capital on {d} to discuss maintenance of {e}.",
    "{a} accused {b} of violating the ceasefire near the border.",
    "Instructors from {a} trained {n} pilots from {b} to fly {e} in {y}.",
    "Analysts said such a transfer would change the regional balance.",
]
FILLER = (
    "The announcement followed weeks of speculation in local media. A spokesperson declined to give further "
    "details about the schedule. Regional observers said the move fitted a longer pattern of cooperation."
)


def generate(n: int, folder: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    for i in range(n):
        day = start + timedelta(days=rng.randrange(700))
        paras = [f"Generated fictional article {i} for the newsledger throughput benchmark."]
        for _ in range(5):
            a, b = rng.sample(STATES, 2)
            sent = rng.choice(SENTENCES).format(
                a=a, b=b, e=rng.choice(EQUIPMENT), n=rng.randint(2, 40), d=(day - timedelta(days=2)).strftime("%d %B"),
                y=day.year - 1,
            )  # fmt: skip
            paras.append(f"{sent} {FILLER}")
        body = "\n\n".join(paras)
        if i % 2:
            html_paras = "".join(f"<p>{p}</p>" for p in paras)
            (folder / f"a{i:06d}.html").write_text(
                f"<html><head><title>Article {i}</title>"
                f'<meta property="article:published_time" content="{day.isoformat()}"></head>'
                f"<body><nav><a href='/'>Home</a></nav><article><h1>Article {i}</h1>{html_paras}</article>"
                "<footer>Copyright</footer></body></html>",
                encoding="utf-8",
            )
        else:
            (folder / f"a{i:06d}.txt").write_text(f"Article {i}\n\n{body}\n", encoding="utf-8")
        with (folder.parent / "manifest.csv").open("a", encoding="utf-8") as handle:
            if i == 0:
                handle.write("path,published,outlet\n")
            suffix = "html" if i % 2 else "txt"
            handle.write(f"a{i:06d}.{suffix},{day.isoformat()},outlet{i % 9}.example\n")


def by_stage(folder: Path, db: Path) -> dict[str, float]:
    """Seconds spent in each stage, calling the stages as the pipeline does."""
    from newsledger.model import Article, RawDocument
    from newsledger.pack import load_pack
    from newsledger.pipeline import BuildReport, refresh_events
    from newsledger.settings import Settings
    from newsledger.stages.annotate import annotate_articles, load_nlp
    from newsledger.stages.dedupe import fingerprint_text
    from newsledger.stages.events import extract_events
    from newsledger.stages.extract import extract_article
    from newsledger.stages.places import build_gazetteer
    from newsledger.stages.read import read_documents
    from newsledger.stages.resolve import build_resolver
    from newsledger.store.ledger import Store

    settings = Settings()
    times: dict[str, float] = {}
    t = time.perf_counter()
    pack = load_pack(settings.events.pack)
    load_nlp(settings.annotate.model, pack)
    times["load pack + model (once)"] = time.perf_counter() - t
    # Built on first use and kept for the process: the events stage's one-time cost, not a per-article one.
    t = time.perf_counter()
    build_resolver(pack)
    build_gazetteer(pack)
    times["build actor index + gazetteer (once)"] = time.perf_counter() - t

    t = time.perf_counter()
    manifest = str(folder.parent / "manifest.csv")
    docs = [
        d
        for d in read_documents([str(folder)], manifest=manifest, settings=settings.read)
        if isinstance(d, RawDocument)
    ]
    times["read"] = time.perf_counter() - t
    t = time.perf_counter()
    articles = [a for a in (extract_article(d, settings=settings.extract) for d in docs) if isinstance(a, Article)]
    times["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    annotated = list(annotate_articles(articles, pack=pack, settings=settings.annotate))
    times["annotate (spaCy + timex)"] = time.perf_counter() - t
    t = time.perf_counter()
    mentions = [m for a in annotated for m in extract_events(a, pack=pack)]
    times["events"] = time.perf_counter() - t
    t = time.perf_counter()
    prints = [(a, fingerprint_text(a.id, a.text, a.published, settings=settings.dedupe).signature) for a in articles]
    times["fingerprint"] = time.perf_counter() - t
    t = time.perf_counter()
    with Store(db) as store:
        run = store.start_run(inputs=[str(folder)], extractor="bench", pack_version=pack.version, settings="{}")
        store.write_batch(run_id=run, articles=prints, mentions=mentions, skips=[])
        times["store write"] = time.perf_counter() - t
        t = time.perf_counter()
        refresh_events(store, settings=settings, pack=pack, report=BuildReport(run_id=run))
        times["copies + merge"] = time.perf_counter() - t
    print(f"  {len(articles)} articles, {len(mentions)} mentions")
    return times


def end_to_end(folder: Path, db: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of a whole build in a fresh process, as a user runs it."""
    # The child's own high-water mark: ru_maxrss survives exec on Linux, so a child would report this
    # benchmark's larger peak; /proc's VmHWM belongs to the child's address space alone.
    code = (
        "import resource, sys, time\n"
        "def peak_mib():\n"
        "    try:\n"
        "        with open('/proc/self/status') as fh:\n"
        "            return next(int(x.split()[1]) for x in fh if x.startswith('VmHWM:')) / 1024\n"
        "    except (OSError, StopIteration):\n"
        "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "from newsledger.pipeline import build_ledger\n"
        "t = time.perf_counter()\n"
        f"build_ledger([{str(folder)!r}], db={str(db)!r}, manifest={str(folder.parent / 'manifest.csv')!r})\n"
        "print(time.perf_counter() - t, peak_mib())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, peak = result.stdout.split()[-2:]
    return float(seconds), float(peak)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        generate(n, folder)
        print(f"newsledger throughput on {n} generated articles (5 paragraphs, ~{len(FILLER.split()) * 5 + 100} words)")
        for stage, secs in by_stage(folder, Path(tmp) / "stages.duckdb").items():
            rate = f"{n / secs:10.1f} articles/s" if "(once)" not in stage else ""
            print(f"  {stage:38s} {secs:8.2f} s {rate}")
        seconds, peak = end_to_end(folder, Path(tmp) / "e2e.duckdb")
        print(f"  {'end to end (fresh process)':38s} {seconds:8.2f} s {n / seconds:10.1f} articles/s")
        print(f"  {'peak memory (RSS)':38s} {peak:8.0f} MiB")
        this = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak memory, stage-by-stage run {this:5.0f} MiB (holds every parse at once)")


if __name__ == "__main__":
    main()
