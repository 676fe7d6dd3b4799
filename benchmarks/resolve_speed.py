"""Benchmark: load the actor resolver and the gazetteer, then resolve 10,000 actor mentions and 10,000 place names.

Usage: python benchmarks/resolve_speed.py [--n 10000] [--seed 7]

Mentions are drawn from the pack's own aliases and place names with case, diacritic and title variants, plus
unknown names (about one in ten), so that both hits and misses are timed. Targets: each index loads in under
2 s; 10,000 resolutions take under 1 s.
"""

from __future__ import annotations

import argparse
import random
import time
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date

from newsledger.pack import load_pack
from newsledger.stages.places import build_gazetteer, resolve_place
from newsledger.stages.resolve import build_resolver, resolve_actor

TITLES = ("President", "Defence Minister", "Gen.", "Mullah", "Foreign Minister", "spokesman")
UNKNOWN = ("Qwertz Brigade", "Zorblat", "Mr Ignatius Fumblewick", "the Vexilloid Front", "Blorptown")
ACCENTS = str.maketrans({"a": "á", "e": "é", "o": "ö", "u": "ü", "i": "ī"})


def _variant(name: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.2:
        return name.upper()
    if roll < 0.35:
        return name.lower()
    if roll < 0.5:
        return unicodedata.normalize("NFC", name.translate(ACCENTS))
    if roll < 0.6:
        return f"the {name}"
    return name


def actor_mentions(n: int, rng: random.Random) -> list[str]:
    pack = load_pack("security")
    names = [alias for actor in pack.actors for alias in (actor.name, *actor.aliases)]
    people = [a.name for a in pack.actors if a.kind == "person"]
    out = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.1:
            out.append(rng.choice(UNKNOWN))
        elif roll < 0.25 and people:
            out.append(f"{rng.choice(TITLES)} {rng.choice(people)}")
        else:
            out.append(_variant(rng.choice(names), rng))
    return out


def place_names(n: int, rng: random.Random) -> list[str]:
    gazetteer = build_gazetteer(load_pack("security"))
    keys = list(gazetteer.keys)
    out = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.1:
            out.append(rng.choice(UNKNOWN))
        else:
            name = rng.choice(gazetteer.lookup(rng.choice(keys))).place.name
            out.append(_variant(name, rng) + (" province" if roll > 0.95 else ""))
    return out


def timed(label: str, action: Callable[[], object]) -> float:
    """Run action once and print its wall time; the best of a few runs would hide a cold start."""
    start = time.perf_counter()
    action()
    elapsed = time.perf_counter() - start
    print(f"{label:<52} {elapsed:8.3f} s")
    return elapsed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=10_000, help="mentions and place names to resolve")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    loaded = timed("load pack (all files; actors.csv has most rows)", lambda: load_pack("security"))
    pack = load_pack("security")
    built = timed(f"build actor resolver index ({len(pack.actors):,} rows)", lambda: build_resolver(pack))
    print(f"{'actor index ready (load + build; target < 2 s)':<52} {loaded + built:8.3f} s")
    timed("build gazetteer (GeoNames + places.csv)", lambda: build_gazetteer(pack))
    resolver, gazetteer = build_resolver(pack), build_gazetteer(pack)
    mentions, places = actor_mentions(args.n, rng), place_names(args.n, rng)
    hits: list[int] = []
    timed(
        f"resolve {args.n:,} actor mentions (target < 1 s)",
        lambda: hits.append(sum(resolve_actor(m, resolver=resolver, on=None).id is not None for m in mentions)),
    )
    # As the pipeline calls it: with the event date and the sentence, which settle namesakes and dated roles.
    sentences = [f"{m} told the defence ministry on Tuesday that talks with officials would go on." for m in mentions]
    on = date(2019, 6, 1)
    timed(
        f"resolve {args.n:,} actor mentions with date and sentence",
        lambda: sum(
            resolve_actor(m, resolver=resolver, on=on, context=c).id is not None
            for m, c in zip(mentions, sentences, strict=True)
        ),
    )
    timed(
        f"resolve {args.n:,} place names",
        lambda: hits.append(sum(resolve_place(p, gazetteer=gazetteer) is not None for p in places)),
    )
    print(f"resolved: {hits[0]:,} of {args.n:,} actor mentions, {hits[1]:,} of {args.n:,} place names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
