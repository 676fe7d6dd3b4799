"""Fictional articles generated for the fault, kill and fuzz tests (and their benchmarks): no real event is reported.

Each article is a plain-text file with a header line saying it is fictional; every fifth one is a syndicated
copy of the one before it under another outlet, so a build finds copies, merges mentions across articles and
clusters stories.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

HEADER = "Fictional article generated for newsledger's tests; no real event is reported."
_STATES = ["Russia", "Iran", "Afghanistan", "Kazakhstan", "India", "Pakistan", "Belarus", "Armenia"]
_EQUIPMENT = ["Mi-17 helicopters", "Su-25 aircraft", "T-72 tanks", "Pantsir-S1 systems"]
_SENTENCES = [
    "{a} delivered {n} {e} to {b} on {d}, the defence ministry of {b} said.",
    "{b} plans to buy {n} {e} from {a} next year, according to a statement.",
    "{a} denied reports that it had sent {e} to {b}.",
    "Instructors from {a} trained {n} pilots from {b} on {d}.",
    "The defence ministers of {a} and {b} met on {d} to discuss {e}.",
]
_FILLER = "Officials gave no further details. Observers said the step fitted a longer pattern of cooperation."


def generate_articles(folder: Path, count: int, *, seed: int = 11) -> Path:
    """Write ``count`` fictional articles (about 120 words each) into ``folder``; return the manifest written
    beside the folder (``folder.parent / "manifest.csv"``), which gives each its date and outlet."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    rows = ["path,published,outlet"]
    body = ""
    for i in range(count):
        day = start + timedelta(days=rng.randrange(300))
        if i % 5 == 4:
            outlet = f"wire{i % 3}.example"  # a syndicated copy of the previous article, another outlet
        else:
            outlet = f"outlet{i % 7}.example"
            paragraphs = []
            for _ in range(3):
                a, b = rng.sample(_STATES, 2)
                sentence = rng.choice(_SENTENCES).format(
                    a=a, b=b, e=rng.choice(_EQUIPMENT), n=rng.randint(2, 30), d=day.strftime("%d %B %Y")
                )
                paragraphs.append(f"{sentence} {_FILLER}")
            body = "\n\n".join(paragraphs)
        path = folder / f"a{i:05d}.txt"
        path.write_text(f"{HEADER}\n\nReport {i}\n\n{body}\n", encoding="utf-8")
        rows.append(f"{folder.name}/{path.name},{day.isoformat()},{outlet}")
    manifest = folder.parent / "manifest.csv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest
