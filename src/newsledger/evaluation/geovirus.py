"""Score the toponym path (``newsledger places``) on GeoVirus: place names found and resolved in 229 news texts.

Usage: python -m newsledger.evaluation.geovirus [--errors]

GeoVirus (Gritta et al. 2018; ``../shared/data/geovirus``, see its FORMAT.md) holds 229 Wikinews texts on disease
outbreaks with 2,170 toponyms, each with its span and the point of its Wikipedia article. Each whole text goes
through ``newsledger.coding.place_texts``, the function behind ``newsledger places``, with no date.

Detection (geotagging), as the geoparsing papers count it: recall is the share of gold toponyms overlapped by one
of our spans, precision the share of our spans that overlap a gold toponym. GeoVirus leaves out demonyms and some
facilities and vague regions, so precision is approximate.

Resolution, on the gold toponyms we detected (as the literature reports it, so that detection misses do not count
twice): the great-circle error (haversine, R = 6,371 km) between the gold point and the point we gave the
overlapping span; an unresolved span, or one with no point, gets the maximum error, 20,039 km. ``accuracy_161km``
is the share with error under 161 km (100 miles), with the mean and median error and the AUC of the sorted log
errors (0 perfect, about 1 when nothing is resolved; the authors' formula). ``accuracy_161km_all`` counts missed
toponyms as wrong too (the end-to-end figure).

Beside it, on the same detected spans, the population-only baseline (``baseline_*``): each span resolved to the most
populous gazetteer entry whose name folds to the span's, whatever the article says around it.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsledger.evaluation import Figures, data_path, print_scores, scorer_parser
from newsledger.model import Place, Toponym
from newsledger.pack import Pack, load_pack
from newsledger.settings import Settings
from newsledger.stages.places import Gazetteer, build_gazetteer, fold_place

DATA_SET = "geovirus"
DOCUMENTS_FILE = "documents.jsonl"
EARTH_RADIUS_KM = 6371.0
MAX_ERROR_KM = 20039.0
CLOSE_KM = 161.0


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldDocument:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolved:
    """One detected gold toponym: our place for it and the population baseline's."""

    doc_id: str
    gold: GoldToponym
    ours: Toponym
    baseline: Place | None

    @property
    def error(self) -> float:
        return error_km(self.gold, self.ours.place)

    @property
    def baseline_error(self) -> float:
        return error_km(self.gold, self.baseline)


@dataclass(frozen=True, slots=True, kw_only=True)
class GeoVirusRun:
    resolved: tuple[Resolved, ...]
    missed: tuple[tuple[str, GoldToponym], ...]
    spurious: tuple[tuple[str, Toponym], ...]
    system_spans: int
    figures: Figures


def read_documents(path: Path) -> list[GoldDocument]:
    docs = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            toponyms = tuple(
                GoldToponym(start=t["start"], end=t["end"], text=t["text"], lat=float(t["lat"]), lon=float(t["lon"]))
                for t in row["toponyms"]
            )
            docs.append(GoldDocument(id=row["doc_id"], text=row["text"], toponyms=toponyms))
    return docs


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def error_km(gold: GoldToponym, place: Place | None) -> float:
    if place is None or place.lat is None or place.lon is None:
        return MAX_ERROR_KM
    return haversine_km(gold.lat, gold.lon, place.lat, place.lon)


def most_populous(name: str, gazetteer: Gazetteer) -> Place | None:
    """The baseline: the most populous entry the name folds to, whatever the context."""
    found = gazetteer.lookup(fold_place(name))
    return max(found, key=lambda c: c.population).place if found else None


def auc(errors: Sequence[float]) -> float:
    """Area under the sorted log-error curve, normalised to [0, 1] (Gritta et al.'s evaluation code)."""
    if len(errors) < 2:
        return 0.0
    logs = sorted(math.log(1 + e) for e in errors)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    return area / (math.log(MAX_ERROR_KM) * (len(logs) - 1))


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _resolution_figures(prefix: str, errors: Sequence[float]) -> Figures:
    if not errors:
        return {f"{prefix}accuracy_161km": 0.0}
    return {
        f"{prefix}accuracy_161km": sum(e < CLOSE_KM for e in errors) / len(errors),
        f"{prefix}mean_error_km": int(round(statistics.fmean(errors))),
        f"{prefix}median_error_km": int(round(statistics.median(errors))),
        f"{prefix}auc": auc(errors),
    }


def evaluate(
    docs: Sequence[GoldDocument], found: Iterable[tuple[str, list[Toponym]]], gazetteer: Gazetteer
) -> GeoVirusRun:
    by_id = {d.id: d for d in docs}
    resolved: list[Resolved] = []
    missed: list[tuple[str, GoldToponym]] = []
    spurious: list[tuple[str, Toponym]] = []
    system = matched_system = 0
    for doc_id, toponyms in found:
        doc = by_id[doc_id]
        system += len(toponyms)
        for t in toponyms:
            if any(_overlaps(t.span.start, t.span.end, g.start, g.end) for g in doc.toponyms):
                matched_system += 1
            else:
                spurious.append((doc_id, t))
        for gold in doc.toponyms:
            ours = next((t for t in toponyms if _overlaps(t.span.start, t.span.end, gold.start, gold.end)), None)
            if ours is None:
                missed.append((doc_id, gold))
            else:
                resolved.append(
                    Resolved(doc_id=doc_id, gold=gold, ours=ours, baseline=most_populous(ours.text, gazetteer))
                )
    gold_count = sum(len(d.toponyms) for d in docs)
    precision = matched_system / system if system else 0.0
    recall = len(resolved) / gold_count if gold_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    errors = [r.error for r in resolved]
    figures: Figures = {
        "documents": len(docs),
        "gold_toponyms": gold_count,
        "detection_precision": precision,
        "detection_recall": recall,
        "detection_f1": f1,
        **_resolution_figures("", errors),
        "accuracy_161km_all": sum(e < CLOSE_KM for e in errors) / gold_count if gold_count else 0.0,
        **_resolution_figures("baseline_", [r.baseline_error for r in resolved]),
    }
    return GeoVirusRun(
        resolved=tuple(resolved),
        missed=tuple(missed),
        spurious=tuple(spurious),
        system_spans=system,
        figures=figures,
    )


def run(data_dir: Path | None = None, *, pack: Pack | None = None, settings: Settings | None = None) -> GeoVirusRun:
    from newsledger.coding import place_texts

    settings = settings or Settings()
    pack = pack or load_pack(settings.events.pack)
    docs = read_documents(data_path(f"{DATA_SET}/{DOCUMENTS_FILE}", data_dir))
    found = place_texts(((d.id, d.text, None) for d in docs), pack=pack, settings=settings)
    return evaluate(docs, found, build_gazetteer(pack))


def score(data_dir: Path | None = None) -> Figures:
    return run(data_dir).figures


def format_errors(result: GeoVirusRun, *, top: int = 40) -> str:
    wrong = Counter(
        (r.gold.text, r.ours.place.name if r.ours.place else None, r.ours.place.country if r.ours.place else None)
        for r in result.resolved
        if r.error >= CLOSE_KM
    )
    lines = ["resolved 161 km or more from the gold point (gold text -> our place, country):"]
    lines += [f"  {n:3}  {text} -> {name} ({country})" for (text, name, country), n in wrong.most_common(top)]
    lines.append("missed gold toponyms:")
    lines += [f"  {n:3}  {text}" for text, n in Counter(g.text for _, g in result.missed).most_common(top)]
    lines.append("our spans on no gold toponym:")
    lines += [f"  {n:3}  {text}" for text, n in Counter(t.text for _, t in result.spurious).most_common(top)]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = scorer_parser(__doc__)
    parser.add_argument("--errors", action="store_true", help="list wrong resolutions, misses and spurious spans")
    args = parser.parse_args(argv)

    def compute() -> tuple[dict[str, Figures], str]:
        result = run()
        return {DATA_SET: result.figures}, format_errors(result) if args.errors else ""

    return print_scores(compute)


if __name__ == "__main__":
    sys.exit(main())
