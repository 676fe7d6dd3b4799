"""What parsing only candidate sentences saves: annotate + events with annotate.candidates_only (or light_names, or
ner) on and off.

Usage: python benchmarks/candidates.py [--chunk 50] [--compare light_names|ner] [--limit N]   (needs NEWSLEDGER_SHARED)

The GVC documents, every other ECB+ document and the Scrapinghub pages (extracted) are shuffled with a fixed seed
and cut into chunks; each chunk is annotated and coded with both settings, in alternating order, in one process, so
that a machine whose load changes during the run weighs on both alike. Prints the seconds and event mentions of
each setting, and (comparing ``candidates_only``) the share of characters each corpus would have parsed, with 0, 1
and 2 sentences of context.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from dataclasses import replace

from newsledger.coding import text_article
from newsledger.evaluation import data_path
from newsledger.evaluation.ecbplus import CORPUS, read_corpus
from newsledger.evaluation.gvc import DATA_SET as GVC
from newsledger.model import Article, RawDocument
from newsledger.pack import load_pack
from newsledger.settings import Settings
from newsledger.stages.annotate import _trigger_words, annotate_articles, load_nlp, parse_plan
from newsledger.stages.events import extract_events
from newsledger.stages.extract import extract_article
from newsledger.stages.read import read_documents


def corpora(settings: Settings) -> dict[str, list[Article]]:
    gvc = [json.loads(line) for line in (data_path(GVC) / "documents.jsonl").open(encoding="utf-8")]
    ecb = read_corpus(data_path("ecbplus") / CORPUS)
    pages = data_path("scrapinghub_article_extraction_benchmark") / "html"
    docs = [
        d for d in read_documents([str(pages)], manifest=None, settings=settings.read) if isinstance(d, RawDocument)
    ]
    return {
        "GVC": [text_article(row["text"], None) for row in gvc],
        "ECB+ (every other)": [text_article(d.text, d.published) for d in ecb[::2]],
        "Scrapinghub": [
            a for a in (extract_article(d, settings=settings.extract) for d in docs) if isinstance(a, Article)
        ],
    }


def parsed_share(articles: list[Article], settings: Settings, context: int) -> float:
    pack = load_pack(settings.events.pack)
    nlp = load_nlp(settings.annotate.model, pack)
    words = _trigger_words(settings.annotate.model, pack)
    total = parsed = 0
    for article in articles:
        for para in article.paragraphs:
            doc = nlp.get_pipe("entity_ruler")(nlp.make_doc(article.text[para.start : para.end]))
            for start, end, parse in parse_plan(doc, words, context):
                total += end - start
                parsed += end - start if parse else 0
    return parsed / max(total, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunk", type=int, default=50, help="articles per chunk")
    parser.add_argument(
        "--compare",
        choices=["candidates_only", "light_names", "ner"],
        default="candidates_only",
        help="the annotate setting to time on and off (light_names, ner: with candidates_only on)",
    )
    parser.add_argument("--limit", type=int, default=0, help="time only the first N shuffled articles (0: all)")
    args = parser.parse_args()
    settings = Settings()
    pack = load_pack(settings.events.pack)
    by_corpus = corpora(settings)
    for name, articles in by_corpus.items() if args.compare == "candidates_only" else ():
        shares = ", ".join(f"{parsed_share(articles, settings, c):.0%}" for c in (0, 1, 2))
        print(
            f"{name}: {len(articles)} articles; share of characters parsed with 0, 1, 2 sentences of context: {shares}"
        )
    articles = [a for group in by_corpus.values() for a in group]
    random.Random(3).shuffle(articles)
    articles = articles[: args.limit or None]
    # Without the recogniser (the default) every name comes from LightNames: light_names is compared with it on.
    base = replace(settings.annotate, ner=True) if args.compare == "light_names" else settings.annotate
    for mode in (False, True):  # the models and indexes are loaded, built or read once, outside the timings
        warm = replace(base, candidates_only=True, **{args.compare: mode})
        for annotated in annotate_articles(articles[:1], pack=pack, settings=warm):
            extract_events(annotated, pack=pack)
    seconds = {True: 0.0, False: 0.0}
    cpu = {True: 0.0, False: 0.0}
    mentions = {True: 0, False: 0}
    for n, start in enumerate(range(0, len(articles), args.chunk)):
        chunk = articles[start : start + args.chunk]
        for mode in (True, False) if n % 2 else (False, True):
            annotate = replace(base, candidates_only=True, **{args.compare: mode})
            t, c = time.perf_counter(), time.process_time()
            found = sum(
                len(extract_events(a, pack=pack)) for a in annotate_articles(chunk, pack=pack, settings=annotate)
            )
            seconds[mode] += time.perf_counter() - t
            cpu[mode] += time.process_time() - c
            mentions[mode] += found
    for mode in (False, True):
        rate = len(articles) / seconds[mode]
        print(f"{args.compare}={mode!s:5}: annotate + events {seconds[mode]:7.1f} s ({cpu[mode]:.1f} s CPU), "
              f"{rate:5.1f} articles/s, {mentions[mode]} mentions")  # fmt: skip
    fast, slow = (True, False) if cpu[True] <= cpu[False] else (False, True)
    print(f"{args.compare}={fast} is {cpu[slow] / cpu[fast]:.2f}x faster in CPU time "
          f"({seconds[slow] / seconds[fast]:.2f}x wall) on {len(articles)} articles")  # fmt: skip


if __name__ == "__main__":
    main()
