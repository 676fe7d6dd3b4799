"""Time and memory of story clustering at 1k, 10k and 50k generated articles: growth should be near-linear."""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from collections.abc import Sequence
from datetime import date, timedelta

from newsledger.settings import StorySettings
from newsledger.stages.stories import StoryArticle, StoryState, assign_stories

KINDS = ("shooting", "earthquake", "arms deal", "election", "strike", "flood", "summit", "arrest")
COMMON = ["police", "report", "city", "people", "local", "region", "officials", "week", "news", "statement"]


def generate(n: int, seed: int = 7) -> list[StoryArticle]:
    """n reports of n/5 happenings spread over two years: each happening has its own names and rare words."""
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    happenings = []
    for h in range(max(n // 5, 1)):
        kind = rng.choice(KINDS)
        names = (f"Person{h}", f"Town{rng.randrange(n // 20 + 1)}", f"Group{rng.randrange(n // 10 + 1)}")
        words = [kind, *(f"word{rng.randrange(20 * n)}" for _ in range(8))]
        happenings.append((start + timedelta(days=rng.randrange(730)), names, words))
    out = []
    for i in range(n):
        day, names, words = happenings[rng.randrange(len(happenings))]
        text = " ".join(rng.choice(words + COMMON) for _ in range(80))
        out.append(StoryArticle(id=f"a{i}", published=day + timedelta(days=rng.randrange(3)), text=text, names=names))
    return out


def measure(n: int) -> tuple[float, float, int]:
    articles = generate(n)
    tracemalloc.start()
    began = time.perf_counter()
    assigned, _ = assign_stories(articles, StoryState(), settings=StorySettings(threshold=0.15))
    seconds = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 2**20, len(set(assigned.values()))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("sizes", type=int, nargs="*", default=[1_000, 10_000, 50_000])
    args = parser.parse_args(argv)
    print(f"{'articles':>8}  {'seconds':>8}  {'us/article':>10}  {'peak MiB':>8}  {'stories':>7}")
    for n in args.sizes:
        seconds, mib, stories = measure(n)
        print(f"{n:>8}  {seconds:>8.2f}  {seconds / n * 1e6:>10.0f}  {mib:>8.1f}  {stories:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
