"""Merge time and peak memory at growing numbers of event mentions (generated), to show how the cost grows.

Usage: python benchmarks/merge_scale.py [N ...]   (default 10000 100000)

Each size runs in a fresh process so that peak RSS belongs to that size alone. Mentions are drawn with a fixed
seed from ~N/4 underlying events (so an event has four reports on average, from different articles), over
five years, 16 types, 150 source and 150 target countries, with equipment, quantities, statuses and dates of
mixed precision, and a share of reports that name no source.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta

from newsledger.model import (
    ActorRef,
    EquipmentRef,
    EventDate,
    EventMention,
    EventType,
    MentionSpans,
    Precision,
    Span,
    Status,
)
from newsledger.settings import MergeSettings
from newsledger.stages.merge import ArticleInfo, keep_event_ids, merge_mentions

TYPES = list(EventType)
STATUSES = [Status.ASSERTED] * 6 + [Status.ALLEGED] * 2 + [Status.INTENDED, Status.DENIED, Status.NEGATED]
EQUIPMENT = [f"EQ{i}" for i in range(300)]


VOCABULARY = [sys.intern(f"w{i}") for i in range(5000)]


def generate(n: int, seed: int = 11) -> tuple[list[EventMention], dict[str, ArticleInfo]]:
    rng = random.Random(seed)
    countries = [f"C{i:03d}" for i in range(150)]
    start = date(2020, 1, 1)
    mentions: list[EventMention] = []
    infos: dict[str, ArticleInfo] = {}
    events = max(1, n // 4)
    for i in range(n):
        e = rng.randrange(events)
        erng = random.Random(e)  # the event's own facts, shared by its reports
        day = start + timedelta(days=erng.randrange(5 * 365))
        src, tgt = erng.choice(countries), erng.choice(countries)
        article = f"a{i // 3}"
        published = day + timedelta(days=rng.randrange(0, 4))
        # An article's story is that of the first event it reports: stories hold a few events' reports each.
        infos.setdefault(
            article,
            ArticleInfo(
                id=article,
                outlet=f"o{rng.randrange(500)}",
                published=published,
                original=article,
                story=f"s{e // 3}",
            ),
        )
        precision = rng.choice([Precision.DAY, Precision.DAY, Precision.MONTH, Precision.REPORTED])
        if precision is Precision.MONTH:
            d0 = day.replace(day=1)
            d1 = (d0 + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        elif precision is Precision.REPORTED:
            d0 = d1 = published
        else:
            d0 = d1 = day
        mentions.append(
            EventMention(
                id=f"m{i}",
                article_id=article,
                type=erng.choice(TYPES),
                mode=None,
                status=rng.choice(STATUSES),
                source=None if rng.random() < 0.15 else ActorRef(text=src, id=src, name=src, country=src),
                target=ActorRef(text=tgt, id=tgt, name=tgt, country=tgt),
                equipment=(EquipmentRef(text="x", id=erng.choice(EQUIPMENT), name="x", category=None),)
                if erng.random() < 0.5
                else (),
                quantity=erng.randrange(1, 50) if rng.random() < 0.9 else rng.randrange(1, 50),
                date=EventDate(start=d0, end=d1, precision=precision, text=None),
                location=None,
                sentence=Span(start=0, end=100),
                spans=MentionSpans(trigger=Span(start=0, end=5)),
                extractor="bench",
                # The event's own words plus the report's: sentences about one event resemble each other.
                words=tuple(sorted({*erng.sample(VOCABULARY, 6), *rng.sample(VOCABULARY, 6)})),
                # About one report in ten is boilerplate or generic and stays with its article.
                specific=rng.random() >= 0.1,
            )
        )
    return mentions, infos


def run_one(n: int) -> dict[str, float]:
    t = time.perf_counter()
    mentions, infos = generate(n)
    generated = time.perf_counter() - t
    t = time.perf_counter()
    events = merge_mentions(mentions, infos, settings=MergeSettings(), pack_version="bench")
    seconds = time.perf_counter() - t
    # A rebuild keeps the ids of the previous build: measured with every mention already held by an event.
    previous = {m: e.id for e in events for m in e.mention_ids}
    t = time.perf_counter()
    keep_event_ids(events, previous)
    keep = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "n": n, "generate_s": generated, "merge_s": seconds, "keep_ids_s": keep, "events": len(events), "peak_mib": peak
    }  # fmt: skip


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    print(f"{'mentions':>10} {'events':>9} {'merge s':>9} {'mentions/s':>11} {'keep ids s':>10} {'peak MiB':>9}")
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{n:>10,} {r['events']:>9,} {r['merge_s']:>9.1f} {n / r['merge_s']:>11,.0f} {r['keep_ids_s']:>10.1f}"
            f" {r['peak_mib']:>9.0f}"
        )


if __name__ == "__main__":
    main()
