"""Copy detection scored on near-copies generated from real news text (MEANTIME): pairwise precision and recall.

Every MEANTIME article is an original. For half of them (fixed seed) a copy is made the way syndication and
re-publication change a wire story: a new headline, the last paragraphs trimmed, paragraphs reordered, a sentence
added, in random combinations of two or three. The corpus's four topics hold many articles about the same
happening, so the originals are hard negatives: two reports of one event are not copies of each other.

Gold pairs are (original, copy); predicted pairs are every pair inside one predicted copy group.
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import combinations

from newsledger.evaluation import Figures, data_path, prf, print_scores, scorer_parser
from newsledger.evaluation.timeml import DATA_SET, corpus_files, read_document
from newsledger.settings import DedupeSettings
from newsledger.stages.dedupe import find_copy_groups, fingerprint_text

SEED = 2024
ADDED = (
    "The report could not be independently verified.",
    "Additional reporting by our correspondent.",
    "This story has been updated with further details.",
    "Officials did not respond to requests for comment on Monday.",
)


def _make_copy(paragraphs: list[str], rng: random.Random) -> list[str]:
    edits = rng.sample(["headline", "trim", "reorder", "add"], k=rng.choice([2, 3]))
    body = paragraphs[1:]
    headline = paragraphs[0]
    if "trim" in edits and len(body) > 4:
        body = body[: max(3, int(len(body) * rng.uniform(0.6, 0.8)))]
    if "reorder" in edits and len(body) > 3:
        # Editors move blocks, not single words: swap two adjacent paragraphs after the lede.
        i = rng.randrange(1, len(body) - 1)
        body[i], body[i + 1] = body[i + 1], body[i]
    if "add" in edits:
        body.insert(rng.randrange(1, len(body) + 1), rng.choice(ADDED))
    if "headline" in edits:
        headline = f"UPDATE: {' '.join(reversed(headline.split()[:8]))}"
    return [headline, *body]


def corpus(seed: int = SEED) -> tuple[list[tuple[str, str, date | None]], set[tuple[str, str]]]:
    """(id, text, published) for every original and generated copy, and the gold (original, copy) pairs."""
    rng = random.Random(seed)
    items: list[tuple[str, str, date | None]] = []
    gold: set[tuple[str, str]] = set()
    for path in corpus_files(data_path(DATA_SET)):
        doc = read_document(path)
        paragraphs = [p for p in doc.text.split("\n") if p.strip()]
        items.append((doc.name, "\n\n".join(paragraphs), doc.dct))
        if rng.random() < 0.5 and len(paragraphs) >= 4:
            copy_id = f"{doc.name}#copy"
            published = doc.dct + timedelta(days=1) if doc.dct else None
            items.append((copy_id, "\n\n".join(_make_copy(paragraphs, rng)), published))
            gold.add((doc.name, copy_id))
    return items, gold


def score_pairs(groups: dict[str, str], gold: set[tuple[str, str]]) -> Figures:
    members: dict[str, list[str]] = defaultdict(list)
    for article, original in groups.items():
        members[original].append(article)
    predicted = {tuple(sorted(pair)) for group in members.values() for pair in combinations(sorted(group), 2)}
    wanted = {tuple(sorted(pair)) for pair in gold}
    correct = len(predicted & wanted)
    p, r, f = prf(correct, len(predicted), len(wanted))
    return {"pairs_gold": len(wanted), "pairs_predicted": len(predicted), "precision": p, "recall": r, "f1": f}


def score(settings: DedupeSettings | None = None) -> Figures:
    settings = settings or DedupeSettings()
    items, gold = corpus()
    prints = [fingerprint_text(i, text, day, settings=settings) for i, text, day in items]
    figures = score_pairs(find_copy_groups(prints, settings=settings), gold)
    return {"articles": len(items), **figures}


def main(argv: Sequence[str] | None = None) -> int:
    scorer_parser(__doc__).parse_args(argv)
    return print_scores(lambda: ({"copies": score()}, ""))


if __name__ == "__main__":
    sys.exit(main())
