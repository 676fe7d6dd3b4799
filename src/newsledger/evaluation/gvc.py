"""Corroboration on real local news: the Gun Violence Corpus's dev and test splits built into ledgers and scored.

GVC (``../shared/data/gvc``) holds local-news articles about shootings in the USA, several outlets per incident and
many similar incidents in the same weeks: the trap of joining two shootings because both say "a man was shot".
Each split is one pool, built as a user would (the articles as JSON lines with their Wayback Machine URLs and
publication dates) and scored through the export with ``newsledger.evaluation.corroboration``: merge purity,
false corroboration, corroboration recall (strict), story B-cubed against the incidents, and CoNLL F1 of the
events against GVC's event-mention chains. ``all`` builds dev and test as one pool (152 articles, 71 incidents, as
FORMAT.md's dev+test baselines do): twice the incidents in the same months, so more shootings of one town and week
meet, the harder case of a denser news stream.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from newsledger.evaluation import Figures, data_path, print_scores, scorer_parser
from newsledger.evaluation.corroboration import GoldDoc, GoldSpan, score_documents

DATA_SET = "gvc"
SPLITS = ("dev", "test", "all")


def read_split(path: Path, split: str) -> list[GoldDoc]:
    """The documents of one split; ``all`` is dev and test as one pool."""
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if split != "all" and row["split"] != split:
                continue
            docs.append(
                GoldDoc(
                    key=row["doc_id"],
                    text=row["text"],
                    group=row["incident"],
                    title=row.get("title"),
                    url=row.get("url"),
                    published=date.fromisoformat(row["published"]) if row.get("published") else None,
                    mentions=tuple(GoldSpan(start=m["start"], end=m["end"], chain=m["chain"]) for m in row["mentions"]),
                )
            )
    return docs


def score_split(split: str, *, details: bool = False) -> tuple[Figures, str]:
    return score_documents(read_split(data_path(DATA_SET) / "documents.jsonl", split), details=details)


def score(split: str = "test") -> Figures:
    return score_split(split)[0]


def main(argv: Sequence[str] | None = None) -> int:
    parser = scorer_parser(__doc__)
    parser.add_argument(
        "--split",
        choices=SPLITS,
        nargs="*",
        default=["dev", "test"],
        help="splits to score (all: dev and test as one pool)",
    )
    parser.add_argument("--errors", action="store_true", help="list the events that join different incidents")
    args = parser.parse_args(argv)

    def compute() -> tuple[dict[str, Figures], str]:
        tables, listings = {}, []
        for split in args.split:
            tables[f"gvc_{split}"], listing = score_split(split, details=args.errors)
            if listing:
                listings.append(f"gvc_{split} {listing}")
        return tables, "\n".join(listings)

    return print_scores(compute)


if __name__ == "__main__":
    sys.exit(main())
