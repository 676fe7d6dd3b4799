"""Score a ledger built from the bundled sample corpus against the events a human coder expects in it.

Usage: python -m newsledger.evaluation.sample [--errors]

A ledger event matches an expected one when the types are equal, the source and target countries
agree wherever both sides give one, and the date ranges overlap; a ledger date of precision
'reported' (no time expression governed the event, so the range is only the publication date) and a
missing date on either side do not count against a match. Matching is one to one and maximal (an
augmenting-path bipartite matching), trying candidates with the same status first, so the status
accuracy on matched events is not lowered by an arbitrary pairing. Precision is matched / ledger
events, recall matched / expected events.

Place accuracy is over the matched events whose expected event names a place (``"place": {"name",
"country"}``; null where the text gives none): ``place_accuracy`` needs the ledger's location to have the
same name (compared folded, as the gazetteer compares names) and the same country, ``place_country_accuracy``
the same country only. A ledger event without a location counts as wrong. The place does not take part in
matching, so it cannot move precision or recall.

Stories: the expected file's ``stories`` lists the articles a careful reader groups (every other article stands
alone); the build's stories are scored against them with B-cubed (``story_b3_*``).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsledger.evaluation import Figures, prf, print_scores, scorer_parser
from newsledger.evaluation.partitions import max_assignment
from newsledger.stages.places import fold_place

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample"
EXPECTED_FILE = SAMPLE_DIR / "expected_events.json"
REPORTED = "reported"


@dataclass(frozen=True, slots=True, kw_only=True)
class Coded:
    """The fields matching looks at, from an expected event or a ledger event record."""

    id: str
    type: str
    status: str
    source_country: str | None
    target_country: str | None
    start: date | None
    end: date | None
    precision: str | None = None
    place_name: str | None = None
    place_country: str | None = None

    def describe(self) -> str:
        when = f"{self.start}..{self.end}" if self.start else "no date"
        return f"{self.id} {self.type} {self.status} {self.source_country}->{self.target_country} {when}"

    def describe_place(self) -> str:
        return f"{self.place_name} ({self.place_country})" if self.place_name or self.place_country else "no place"


@dataclass(frozen=True, slots=True)
class SampleRun:
    expected: list[Coded]
    ledger: list[Coded]
    pairs: list[tuple[Coded, Coded]]  # (expected, ledger)
    expected_stories: dict[str, str]  # article (path in the sample folder, "jsonl/wire_feed.jsonl:N") -> story
    stories: dict[str, str]  # the same articles -> the build's story ids

    @property
    def figures(self) -> Figures:
        from newsledger.evaluation.partitions import b_cubed

        p, r, f = b_cubed(self.expected_stories, self.stories)
        figures = score_pairs(self.expected, self.ledger, self.pairs)
        return figures | {"articles": len(self.stories), "story_b3_p": p, "story_b3_r": r, "story_b3_f1": f}


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def read_expected(path: Path = EXPECTED_FILE) -> list[Coded]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Coded(
            id=str(e["id"]),
            type=str(e["type"]),
            status=str(e["status"]),
            source_country=e.get("source_country"),
            target_country=e.get("target_country"),
            start=_day(e.get("date_start")),
            end=_day(e.get("date_end")),
            place_name=(e.get("place") or {}).get("name"),
            place_country=(e.get("place") or {}).get("country"),
        )
        for e in data["events"]
    ]


def read_expected_stories(articles: Sequence[str], path: Path = EXPECTED_FILE) -> dict[str, str]:
    """Each article's expected story: the listed group it belongs to, else its own."""
    groups = json.loads(path.read_text(encoding="utf-8")).get("stories", [])
    story = {article: f"story-{i}" for i, group in enumerate(groups) for article in group}
    return {article: story.get(article, article) for article in articles}


def sample_key(source: str) -> str:
    """An article's name in the expected file: its path in the sample folder, with a JSON-lines record's ":N"."""
    path, sep, line = source.rpartition(":") if source.rpartition(":")[2].isdigit() else (source, "", "")
    return Path(path).resolve().relative_to(SAMPLE_DIR).as_posix() + sep + line


def _country(actor: Mapping[str, Any] | None) -> str | None:
    return None if actor is None else actor.get("country")


def coded_record(record: Mapping[str, Any]) -> Coded:
    """A ledger event in the export contract's shape, reduced to the fields matching looks at."""
    when = record.get("date") or {}
    where = record.get("location") or {}
    return Coded(
        id=str(record["id"]),
        type=str(record["type"]),
        status=str(record["status"]),
        source_country=_country(record.get("source")),
        target_country=_country(record.get("target")),
        start=_day(when.get("start")),
        end=_day(when.get("end")),
        precision=when.get("precision"),
        place_name=where.get("name"),
        place_country=where.get("country"),
    )


def is_match(expected: Coded, ours: Coded) -> bool:
    if expected.type != ours.type:
        return False
    for want, got in ((expected.source_country, ours.source_country), (expected.target_country, ours.target_country)):
        if want and got and want != got:
            return False
    if ours.precision == REPORTED:
        return True
    if expected.start is None or expected.end is None or ours.start is None or ours.end is None:
        return True
    return expected.start <= ours.end and ours.start <= expected.end


def match_events(
    expected: Sequence[Coded], ledger: Sequence[Coded], accept: Callable[[Coded, Coded], bool] = is_match
) -> list[tuple[Coded, Coded]]:
    """A maximum one-to-one matching of acceptable pairs and, among those, one with the most status agreements,
    then the most place agreements: where several ledger events could stand for one expected event (two
    deliveries of one month), the scorer reads them in the ledger's favour rather than in the order they came.
    An assignment of largest weight (``partitions.max_assignment``): a pair weighs 1,000, plus 10 when the
    statuses agree and 1 when the places do, so no number of agreements outweighs one more match."""
    weight = [
        [
            (1000 + 10 * (exp.status == ours.status) + (exp.place_name is not None and same_place(exp, ours)))
            if accept(exp, ours)
            else 0
            for ours in ledger
        ]
        for exp in expected
    ]
    return [(expected[i], ledger[j]) for i, j in max_assignment(weight) if weight[i][j] > 0]


def same_place(expected: Coded, ours: Coded) -> bool:
    """Same country, and the same name once folded (case, accents and a leading "the" aside)."""
    return (
        expected.place_country == ours.place_country
        and ours.place_name is not None
        and fold_place(expected.place_name or "") == fold_place(ours.place_name)
    )


def score_pairs(expected: Sequence[Coded], ledger: Sequence[Coded], pairs: Sequence[tuple[Coded, Coded]]) -> Figures:
    p, r, f = prf(len(pairs), len(ledger), len(expected))
    placed = [(e, o) for e, o in pairs if e.place_name]
    return {
        "expected": len(expected),
        "ledger": len(ledger),
        "matched": len(pairs),
        "precision": p,
        "recall": r,
        "f1": f,
        "status_accuracy": sum(e.status == o.status for e, o in pairs) / len(pairs) if pairs else 0.0,
        "place_matched": len(placed),
        "place_accuracy": sum(same_place(e, o) for e, o in placed) / len(placed) if placed else 0.0,
        "place_country_accuracy": (
            sum(e.place_country == o.place_country for e, o in placed) / len(placed) if placed else 0.0
        ),
    }


def build_sample_ledger(db: Path) -> tuple[list[Coded], dict[str, str]]:
    """Build a ledger from the sample corpus into ``db`` and read its events and article stories back."""
    # Imported here so that the other scorers work while the pipeline's stages are incomplete.
    from newsledger.export import iter_event_records
    from newsledger.pipeline import build_ledger, sample_inputs
    from newsledger.store.ledger import Store

    paths, manifest = sample_inputs()
    build_ledger(paths, db=db, manifest=manifest)
    with Store(db, read_only=True) as store:
        events = [coded_record(r) for r in iter_event_records(store)]
        rows = store.con.execute(
            "SELECT a.source, s.story_id FROM articles a JOIN article_stories s ON s.article_id = a.id"
        ).fetchall()
    return events, {sample_key(source): story for source, story in rows}


def run(expected_path: Path = EXPECTED_FILE) -> SampleRun:
    expected = read_expected(expected_path)
    with tempfile.TemporaryDirectory(prefix="newsledger-eval-") as tmp:
        ledger, stories = build_sample_ledger(Path(tmp) / "sample.duckdb")
    expected_stories = read_expected_stories(sorted(stories), expected_path)
    return SampleRun(expected, ledger, match_events(expected, ledger), expected_stories, stories)


def score() -> Figures:
    return run().figures


def format_errors(result: SampleRun) -> str:
    matched_expected = {e.id for e, _ in result.pairs}
    matched_ledger = {o.id for _, o in result.pairs}
    lines = ["missed (expected, no ledger event):"]
    lines += [f"  {e.describe()}" for e in result.expected if e.id not in matched_expected]
    lines.append("spurious (ledger event, nothing expected):")
    lines += [f"  {o.describe()}" for o in result.ledger if o.id not in matched_ledger]
    lines.append("status disagreements (expected / ours):")
    lines += [f"  {e.describe()}  /  {o.status}" for e, o in result.pairs if e.status != o.status]
    lines.append("place disagreements (expected / ours):")
    lines += [
        f"  {e.describe()}: {e.describe_place()}  /  {o.describe_place()}"
        for e, o in result.pairs
        if e.place_name and not same_place(e, o)
    ]
    lines.append("stories joined or split against the expected ones (articles per built story):")
    built: dict[str, list[str]] = {}
    for article, story in sorted(result.stories.items()):
        built.setdefault(story, []).append(article)
    for articles in built.values():
        expected = {result.expected_stories[a] for a in articles}
        whole = sorted(a for a, s in result.expected_stories.items() if s in expected)
        if len(expected) > 1 or whole != articles:
            lines.append(f"  {' + '.join(articles)}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = scorer_parser(__doc__)
    parser.add_argument("--errors", action="store_true", help="list missed and spurious events")
    args = parser.parse_args(argv)

    def compute() -> tuple[dict[str, Figures], str]:
        result = run()
        return {"sample": result.figures}, format_errors(result) if args.errors else ""

    return print_scores(compute)


if __name__ == "__main__":
    sys.exit(main())
