"""Throughput of the build: articles/s per stage and end to end, and peak memory, on generated and real news.

Usage: python benchmarks/throughput.py [N] [--real] [--workers 1 2] [--parse-all]   (default: 200 generated articles)

Generated: N articles from fictional templates (actors, equipment, dates drawn at random with a fixed seed),
written as plain-text and HTML files. Real (--real, needs NEWSLEDGER_SHARED): the documents of the Gun Violence
Corpus and ECB+ as JSON lines and the HTML pages of the Scrapinghub extraction benchmark, read from the shared
data folder. Each corpus is built stage by stage with a timer around each stage, then end to end in a fresh
process for each worker count, whose own peak RSS and its largest worker's are reported, beside spaCy's full
parse (every component of the model) of the same extracted texts in one and in two processes.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
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


# Whether the builds parse only the sentences that can hold an event (the default) or every sentence (--parse-all).
CANDIDATES_ONLY = True
LIGHT_NAMES: bool | None = None  # None: the setting's default


def _annotate_changes() -> dict[str, bool]:
    changes = {"candidates_only": CANDIDATES_ONLY}
    if LIGHT_NAMES is not None:
        changes["light_names"] = LIGHT_NAMES
    return changes


def _settings_code() -> str:
    return (
        "from dataclasses import replace\n"
        "from newsledger.settings import Settings\n"
        f"settings = Settings(annotate=replace(Settings().annotate, **{_annotate_changes()!r}))\n"
    )


def by_stage(inputs: list[str], manifest: str | None, db: Path) -> tuple[dict[str, float], list[str]]:
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
    settings = replace(settings, annotate=replace(settings.annotate, **_annotate_changes()))
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
    docs = [d for d in read_documents(inputs, manifest=manifest, settings=settings.read) if isinstance(d, RawDocument)]
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
        run = store.start_run(inputs=inputs, extractor="bench", pack_version=pack.version, settings="{}")
        store.write_batch(run_id=run, articles=prints, mentions=mentions, skips=[])
        times["store write"] = time.perf_counter() - t
        t = time.perf_counter()
        refresh_events(store, settings=settings, pack=pack, report=BuildReport(run_id=run))
        times["copies + merge"] = time.perf_counter() - t
    print(f"  {len(articles)} articles, {len(mentions)} mentions")
    return times, [a.text for a in articles]


def _peak_code() -> str:
    # The child's own high-water mark: ru_maxrss survives exec on Linux, so a child would report this
    # benchmark's larger peak; /proc's VmHWM belongs to the child's address space alone. RUSAGE_CHILDREN gives
    # the largest of the child's own finished children: its worker processes.
    return (
        "import resource, sys, time\n"
        "def peak_mib():\n"
        "    try:\n"
        "        with open('/proc/self/status') as fh:\n"
        "            return next(int(x.split()[1]) for x in fh if x.startswith('VmHWM:')) / 1024\n"
        "    except (OSError, StopIteration):\n"
        "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "def workers_mib():\n"
        "    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    )


def end_to_end(inputs: list[str], manifest: str | None, db: Path, workers: int) -> tuple[float, float, float]:
    """Seconds, peak RSS (MiB) of the build process and of its largest worker, as a user runs the build."""
    code = (
        _peak_code() + _settings_code() + "from newsledger.pipeline import build_ledger\n"
        "t = time.perf_counter()\n"
        f"build_ledger({inputs!r}, db={str(db)!r}, manifest={manifest!r}, workers={workers}, settings=settings)\n"
        "print(time.perf_counter() - t, peak_mib(), workers_mib())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, peak, worker_peak = result.stdout.split()[-3:]
    return float(seconds), float(peak), float(worker_peak)


def full_parse(texts: list[str], processes: int) -> float:
    """Seconds spaCy's whole model (tagger, parser, NER, ...) takes over the texts, in a fresh process."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(texts, fh)
    code = (
        "import json, sys, time\n"
        "from newsledger.settings import Settings\n"
        "from newsledger.spacy_import import load_spacy\n"
        f"texts = json.load(open({fh.name!r}, encoding='utf-8'))\n"
        "nlp = load_spacy(Settings().annotate.model)\n"
        "t = time.perf_counter()\n"
        f"for _ in nlp.pipe(texts, batch_size=32, n_process={processes}): pass\n"
        "print(time.perf_counter() - t)\n"
    )
    try:
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    finally:
        Path(fh.name).unlink()
    return float(result.stdout.split()[-1])


def start_up(folder: Path) -> tuple[float, float]:
    """Seconds from starting a process to ``newsledger code``'s answer on one record, twice: the first run fills the
    disk cache of pack, indexes and phrase tables if it is empty; the second is what every later process pays."""
    record = folder / "one.jsonl"
    record.write_text(
        '{"id": "1", "text": "Russia sent two Mi-17 helicopters to Iran on Monday.", "date": "2025-03-04"}\n'
    )
    code = f"import sys\nfrom newsledger.cli import app\nsys.argv = ['newsledger', 'code', {str(record)!r}]\napp()\n"
    times = []
    for _ in range(2):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - t)
    return times[0], times[1]


def real_corpus(folder: Path) -> list[str]:
    """GVC and ECB+ documents as JSON lines, and the Scrapinghub HTML pages, from the shared data folder."""
    from newsledger.evaluation import data_path
    from newsledger.evaluation.ecbplus import CORPUS, read_corpus
    from newsledger.evaluation.gvc import DATA_SET as GVC

    gold = [json.loads(line) for line in (data_path(GVC) / "documents.jsonl").open(encoding="utf-8")]
    ecb = read_corpus(data_path("ecbplus") / CORPUS)
    with (folder / "news.jsonl").open("w", encoding="utf-8") as fh:
        for row in gold:
            fh.write(json.dumps({"text": row["text"], "title": row.get("title"), "published": row.get("published")}))
            fh.write("\n")
        for doc in ecb:
            fh.write(json.dumps({"text": doc.text, "published": doc.published and doc.published.isoformat()}) + "\n")
    pages = data_path("scrapinghub_article_extraction_benchmark") / "html"
    return [str(folder / "news.jsonl"), str(pages)]


def run(name: str, inputs: list[str], manifest: str | None, tmp: Path, workers: list[int]) -> None:
    print(f"newsledger throughput on {name}")
    times, texts = by_stage(inputs, manifest, tmp / f"{name[:4]}-stages.duckdb")
    n = len(texts)
    words = sum(len(t.split()) for t in texts) / max(n, 1)
    print(f"  ({n} articles kept, {words:.0f} words each on average)")
    for stage, secs in times.items():
        rate = f"{n / secs:10.1f} articles/s" if "(once)" not in stage else ""
        print(f"  {stage:38s} {secs:8.2f} s {rate}")
    for processes in (1, 2):
        secs = full_parse(texts, processes)
        print(f"  {f'spaCy full parse, {processes} process(es)':38s} {secs:8.2f} s {n / secs:10.1f} articles/s")
    for count in workers:
        seconds, peak, worker_peak = end_to_end(inputs, manifest, tmp / f"{name[:4]}-e2e-{count}.duckdb", count)
        label = f"end to end, {count} worker(s)"
        print(f"  {label:38s} {seconds:8.2f} s {n / seconds:10.1f} articles/s")
        print(f"  {'  peak memory: build / largest worker':38s} {peak:8.0f} MiB / {worker_peak:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=200, help="generated articles (0: none)")
    parser.add_argument("--real", action="store_true", help="also the real news of the shared data folder")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to build with")
    parser.add_argument("--parse-all", action="store_true", help="parse every sentence (annotate.candidates_only off)")
    parser.add_argument(
        "--light-names", choices=["on", "off"], help="annotate.light_names (default: the setting's default)"
    )
    args = parser.parse_args()
    global CANDIDATES_ONLY, LIGHT_NAMES
    CANDIDATES_ONLY = not args.parse_all
    LIGHT_NAMES = None if args.light_names is None else args.light_names == "on"
    print(f"annotate settings changed: {_annotate_changes()}")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        first, warm = start_up(base)
        print(f"start-up: 'newsledger code' on one record, first run {first:.2f} s, then {warm:.2f} s (cache warm)")
        if args.n:
            folder = base / "corpus"
            folder.mkdir()
            generate(args.n, folder)
            label = f"{args.n} generated articles (5 paragraphs, ~{len(FILLER.split()) * 5 + 100} words)"
            run(label, [str(folder)], str(base / "manifest.csv"), base, args.workers)
        if args.real:
            real = base / "real"
            real.mkdir()
            run("real news (GVC, ECB+, Scrapinghub pages)", real_corpus(real), None, base, args.workers)
        this = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory, stage-by-stage runs {this:5.0f} MiB (holds every parse of a corpus at once)")


if __name__ == "__main__":
    main()
