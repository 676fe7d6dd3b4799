"""Story clustering on real news pages: the Scrapinghub benchmark's 181 pages built into a ledger, stories scored.

The pages (``../shared/data/scrapinghub_article_extraction_benchmark``) were collected in a few days of November
2019; several outlets report the same happenings beside many pages about other things. Their story labels were
annotated by hand for newsledger (``labels/scrapinghub_stories.csv``, definition and doubtful cases in
``labels/README.md``). The pages go through a whole build, as a user's would: the reader, extraction (text,
publication date), annotation, events and the story stage with default settings; the benchmark's url for each page
comes in through a manifest. B-cubed against the labels, beside the score of putting every page alone, which is
high here (0.906): a clustering must join pages without joining wrong ones to beat it. A page the build skips
counts as a story of its own.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from newsledger.evaluation import Figures, data_path, print_scores, scorer_parser
from newsledger.evaluation.partitions import b_cubed

DATA_SET = "scrapinghub_article_extraction_benchmark"
LABELS = Path(__file__).parent / "labels" / "scrapinghub_stories.csv"
SUFFIX = ".html.gz"


def read_labels(path: Path = LABELS) -> dict[str, str]:
    """Page id -> story; lines starting with "#" are comments."""
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {row["article_id"]: row["story"] for row in rows}


def build_stories(root: Path, ids: Sequence[str]) -> dict[str, str]:
    """Page id -> story id from a build of the pages into a fresh ledger."""
    from newsledger.pipeline import build_ledger
    from newsledger.store.ledger import Store

    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "manifest.csv"
        with manifest.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["path", "url"])
            for page in ids:
                writer.writerow([str(root / "html" / f"{page}{SUFFIX}"), truth.get(page, {}).get("url") or ""])
        db = Path(tmp) / "ledger.duckdb"
        build_ledger([str(root / "html" / f"{page}{SUFFIX}") for page in ids], db=db, manifest=str(manifest))
        with Store(db, read_only=True) as store:
            rows = store.con.execute(
                "SELECT a.path, s.story_id FROM articles a JOIN article_stories s ON s.article_id = a.id"
            ).fetchall()
    return {Path(path).name.removesuffix(SUFFIX): story for path, story in rows}


def score_stories(gold: Mapping[str, str], built: Mapping[str, str]) -> Figures:
    predicted = {page: built.get(page, f"skipped:{page}") for page in gold}
    p, r, f = b_cubed(gold, predicted)
    _, _, alone = b_cubed(gold, {page: page for page in gold})
    return {
        "documents": len(gold),
        "built": sum(1 for page in gold if page in built),
        "gold_stories": len(set(gold.values())),
        "predicted_stories": len(set(predicted.values())),
        "story_b3_p": p,
        "story_b3_r": r,
        "story_b3_f1": f,
        "alone_b3_f1": alone,
        "gain_over_alone": f - alone,
    }


def errors(gold: Mapping[str, str], built: Mapping[str, str]) -> str:
    """Pages joined that the labels keep apart, and pages of one labelled story left apart."""
    by_story: dict[str, list[str]] = {}
    for page, story in built.items():
        by_story.setdefault(story, []).append(page)
    lines = ["joined, labelled apart:"]
    for pages in by_story.values():
        if len({gold.get(p) for p in pages}) > 1:
            lines.append("  " + " + ".join(sorted(f"{gold.get(p)}" for p in pages)))
    lines.append("labelled together, left apart:")
    by_gold: dict[str, list[str]] = {}
    for page, story in gold.items():
        by_gold.setdefault(story, []).append(page)
    for story, pages in sorted(by_gold.items()):
        if len(pages) > 1 and len({built.get(p, p) for p in pages}) > 1:
            lines.append(f"  {story}: {len(pages)} pages in {len({built.get(p, p) for p in pages})} stories")
    return "\n".join(lines)


def score() -> Figures:
    root = data_path(DATA_SET)
    gold = read_labels()
    return score_stories(gold, build_stories(root, sorted(gold)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = scorer_parser(__doc__)
    parser.add_argument("--errors", action="store_true", help="list the pages joined or left apart wrongly")
    args = parser.parse_args(argv)

    def compute() -> tuple[dict[str, Figures], str]:
        root = data_path(DATA_SET)
        gold = read_labels()
        built = build_stories(root, sorted(gold))
        return {"web_stories": score_stories(gold, built)}, errors(gold, built) if args.errors else ""

    return print_scores(compute)


if __name__ == "__main__":
    sys.exit(main())
