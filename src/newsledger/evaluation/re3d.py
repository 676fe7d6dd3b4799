"""Score the annotate stage's entities on re3d (Dstl, Syria/Iraq conflict): weapons, platforms, people, groups, places.

Usage: python -m newsledger.evaluation.re3d [path-to-re3d] [--errors]

re3d has one folder per source (only the openly licensed ones are kept), each with mongoexport JSON lines:
``documents.json`` and ``entities.json``, whose ``begin``/``end`` are character offsets into the document text
(kept as they are). One span can carry several types with different crowd confidences; the gold type of a span
is its most confident one. Five of re3d's fourteen types are scored: Weapon, MilitaryPlatform, Person,
Organisation and Location.

Each document is split into lines and every non-empty line parsed separately, as the annotate stage parses
paragraphs, with ``load_nlp`` (spaCy plus the security pack's entity ruler). Our labels map to re3d's types:

- EQUIPMENT by the catalogue entry's category, following re3d's definitions: a MilitaryPlatform is "a military
  ship, aeroplane, land vehicle or system or platform onto which weapons might be mounted" (aircraft of every
  role, helicopters, drones, naval vessels, armoured vehicles); a Weapon is "a weapon" (missiles, rockets,
  artillery, small arms, ammunition and explosives, MANPADS, anti-tank and air defence missiles, chemical and
  nuclear weapons, loitering munitions). re3d tags "other military hardware" as a Weapon, so the catalogue's
  "military equipment" counts as one. Radars, jammers, night sights, radios, body armour and spare parts carry
  no weapon and are no platform, so they are not scored.
- PERSON -> Person, ORG -> Organisation, GPE/LOC/FAC -> Location. NORP is not an Organisation: re3d has a
  Nationality type of its own ("description of nationality, religious or ethnic identity"), which is not scored;
  so neither is a one-word GPE tagged as an adjective ("Iraqi" is an alias of the state actor Iraq in the pack).

Matching is one to one within a type. Exact: same offsets. Relaxed: overlapping characters, the pairs with the
largest overlap taken first. Precision, recall and F1 per type; micro averages over the five types; and
``weapon_platform`` over Weapon and MilitaryPlatform together (each still needs its own type). The bare
``weapon_platform_f1`` is the relaxed one, because re3d's own spans disagree about determiners and owners ("a
VBIED" six times, "VBIED" five; "ISIL tanks", "the tanks"), which the catalogue cannot follow; the exact one is
reported beside it.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsledger.evaluation import Figures, MissingDataError, data_path, prf, print_scores, scorer_parser
from newsledger.pack import Pack, load_pack
from newsledger.settings import AnnotateSettings
from newsledger.stages.annotate import EQUIPMENT_LABEL, load_nlp
from newsledger.stages.resolve import build_resolver, resolve_equipment

DATA_SET = "re3d"
TYPES = ("Weapon", "MilitaryPlatform", "Person", "Organisation", "Location")
WEAPON_PLATFORM = ("Weapon", "MilitaryPlatform")
PLATFORM_CATEGORIES = frozenset(
    {
        "combat aircraft",
        "transport aircraft",
        "trainer aircraft",
        "combat trainer aircraft",
        "light attack aircraft",
        "airborne early warning aircraft",
        "tanker aircraft",
        "helicopter",
        "uav",
        "naval vessel",
        "armoured vehicle",
        "military vehicle",
    }
)
WEAPON_CATEGORIES = frozenset(
    {
        "missile",
        "rocket",
        "artillery",
        "small arms",
        "ammunition",
        "MANPADS",
        "anti-tank missile",
        "air defence system",
        "anti-aircraft gun",
        "loitering munition",
        "weapons",
        "weapons of mass destruction",
        "military equipment",
    }
)
SPACY_TYPES = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Location", "LOC": "Location", "FAC": "Location"}


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity in one document: ``text`` is the document's ``text[start:end]``."""

    document: str
    start: int
    end: int
    type: str
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    source: str  # the source folder, e.g. "CENTCOM"
    text: str
    gold: tuple[Mention, ...]


def _json_lines(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise MissingDataError(
                        f"{path} line {number}: not JSON ({exc}); expected mongoexport lines"
                    ) from exc


def gold_mentions(entities: Iterable[Mapping[str, object]], texts: Mapping[str, str]) -> list[Mention]:
    """The most confident type of each annotated span, kept when it is one of the scored types."""
    best: dict[tuple[str, int, int], tuple[float, str]] = {}
    for entity in entities:
        document = str(entity["documentId"])
        begin, end = entity["begin"], entity["end"]
        if document not in texts or not isinstance(begin, int) or not isinstance(end, int):
            continue
        confidence = entity.get("confidence", 1)
        key = (document, begin, end)
        candidate = (float(confidence) if isinstance(confidence, int | float) else 0.0, str(entity["type"]))
        if key not in best or candidate[0] > best[key][0]:
            best[key] = candidate
    return [
        Mention(doc, begin, end, kind, texts[doc][begin:end])
        for (doc, begin, end), (_, kind) in sorted(best.items())
        if kind in TYPES
    ]


def read_corpus(root: Path) -> list[Document]:
    """Every document of every source folder under ``root``, with its gold mentions."""
    folders = sorted(p for p in root.iterdir() if (p / "documents.json").is_file())
    if not folders:
        raise MissingDataError(f"{root}: no source folder with a documents.json; expected the re3d data set")
    documents: list[Document] = []
    for folder in folders:
        texts = {str(d["_id"]): str(d["text"]) for d in _json_lines(folder / "documents.json")}
        entities = _json_lines(folder / "entities.json") if (folder / "entities.json").is_file() else iter(())
        by_document: dict[str, list[Mention]] = defaultdict(list)
        for mention in gold_mentions(entities, texts):
            by_document[mention.document].append(mention)
        documents.extend(
            Document(id=i, source=folder.name, text=t, gold=tuple(by_document[i])) for i, t in sorted(texts.items())
        )
    return documents


def equipment_types(pack: Pack) -> dict[str, str]:
    """re3d's type for each catalogue entry id whose category is a weapon or a platform."""
    out: dict[str, str] = {}
    for item in pack.equipment:
        kind = category_type(item.category)
        if kind:
            out[item.id] = kind
    return out


def category_type(category: str | None) -> str | None:
    if category in PLATFORM_CATEGORIES:
        return "MilitaryPlatform"
    if category in WEAPON_CATEGORIES:
        return "Weapon"
    return None


def entity_type(label: str, entry_id: str, equipment: Mapping[str, str], *, is_adjective: bool = False) -> str | None:
    """re3d's type for one of our entities, or None when re3d's scored types have no counterpart."""
    if label == EQUIPMENT_LABEL:
        return equipment.get(entry_id)
    # The pack's actor aliases include demonyms ("Iraqi"), which the ruler labels GPE; re3d calls them Nationality.
    if is_adjective and label == "GPE":
        return None
    return SPACY_TYPES.get(label)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            yield offset, line
        offset += len(line) + 1


def predict_mentions(documents: Sequence[Document], *, pack: Pack, settings: AnnotateSettings) -> list[Mention]:
    nlp = load_nlp(settings.model, pack)
    equipment = equipment_types(pack)
    resolver = build_resolver(pack)
    lines = [(doc, offset, line) for doc in documents for offset, line in _lines(doc.text)]
    out: list[Mention] = []
    parsed = nlp.pipe((line for _, _, line in lines), batch_size=settings.batch_size)
    for (doc, offset, _), parse in zip(lines, parsed, strict=True):
        for ent in parse.ents:
            is_adjective = len(ent) == 1 and ent[0].tag_ == "JJ"
            kind = entity_type(ent.label_, ent.ent_id_, equipment, is_adjective=is_adjective)
            if kind is None and ent.label_ == EQUIPMENT_LABEL:
                # Not a catalogue entry (a named ship): the category the resolver gives it decides.
                kind = category_type(resolve_equipment(ent.text, resolver=resolver).category)
            if kind is not None:
                start, end = offset + ent.start_char, offset + ent.end_char
                out.append(Mention(doc.id, start, end, kind, doc.text[start:end]))
    return out


def match_exact(gold: Sequence[Mention], predicted: Sequence[Mention]) -> list[tuple[Mention, Mention]]:
    """Pairs with the same document, offsets and type (each mention in at most one pair)."""
    wanted = {(g.document, g.start, g.end, g.type): g for g in gold}
    pairs = []
    for p in predicted:
        g = wanted.pop((p.document, p.start, p.end, p.type), None)
        if g is not None:
            pairs.append((g, p))
    return pairs


def match_relaxed(gold: Sequence[Mention], predicted: Sequence[Mention]) -> list[tuple[Mention, Mention]]:
    """One-to-one pairs of the same type whose characters overlap, the largest overlaps first."""
    by_key: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for p in predicted:
        by_key[(p.document, p.type)].append(p)
    candidates = [
        (min(g.end, p.end) - max(g.start, p.start), gi, pi, g, p)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(by_key.get((g.document, g.type), ()))
        if min(g.end, p.end) > max(g.start, p.start)
    ]
    # Ties broken by position so that the pairing, and so every figure, is the same on every run.
    candidates.sort(key=lambda c: (-c[0], c[3].start, c[4].start, c[1], c[2]))
    used_gold: set[int] = set()
    used_predicted: set[tuple[str, str, int]] = set()
    pairs = []
    for _, gi, pi, g, p in candidates:
        if gi not in used_gold and (p.document, p.type, pi) not in used_predicted:
            used_gold.add(gi)
            used_predicted.add((p.document, p.type, pi))
            pairs.append((g, p))
    return pairs


def _counts(
    gold: Sequence[Mention],
    predicted: Sequence[Mention],
    pairs: Sequence[tuple[Mention, Mention]],
    types: Iterable[str],
) -> tuple[int, int, int]:
    kinds = set(types)
    return (
        sum(1 for g, _ in pairs if g.type in kinds),
        sum(1 for p in predicted if p.type in kinds),
        sum(1 for g in gold if g.type in kinds),
    )


def score_mentions(gold: Sequence[Mention], predicted: Sequence[Mention]) -> Figures:
    """Gold counts; precision, recall and F1 per type, micro over the types, and over weapons plus platforms."""
    figures: Figures = {f"gold_{kind.lower()}": sum(1 for g in gold if g.type == kind) for kind in TYPES}
    groups = {kind.lower(): (kind,) for kind in TYPES} | {"micro": TYPES, "weapon_platform": WEAPON_PLATFORM}
    for mode, pairs in (("exact", match_exact(gold, predicted)), ("relaxed", match_relaxed(gold, predicted))):
        for name, kinds in groups.items():
            p, r, f = prf(*_counts(gold, predicted, pairs, kinds))
            figures |= {f"{name}_{mode}_precision": p, f"{name}_{mode}_recall": r, f"{name}_{mode}_f1": f}
    figures["weapon_platform_f1"] = figures["weapon_platform_relaxed_f1"]
    return figures


@dataclass(frozen=True, slots=True)
class Re3dRun:
    documents: tuple[Document, ...]
    predicted: tuple[Mention, ...]
    figures: Figures


def run(root: Path | None = None, *, pack: Pack | None = None, settings: AnnotateSettings | None = None) -> Re3dRun:
    documents = read_corpus(root if root is not None else data_path(DATA_SET))
    predicted = predict_mentions(documents, pack=pack or load_pack("security"), settings=settings or AnnotateSettings())
    gold = [g for d in documents for g in d.gold]
    return Re3dRun(tuple(documents), tuple(predicted), {"documents": len(documents), **score_mentions(gold, predicted)})


def score() -> Figures:
    return run().figures


def format_errors(result: Re3dRun, types: Sequence[str] = WEAPON_PLATFORM, limit: int = 40) -> str:
    """Misses, false alarms and boundary disagreements per type, most frequent strings first."""
    gold = [g for d in result.documents for g in d.gold]
    exact = {id(g) for g, _ in match_exact(gold, result.predicted)}
    relaxed = match_relaxed(gold, result.predicted)
    matched_gold = {id(g) for g, _ in relaxed}
    matched_predicted = {id(p) for _, p in relaxed}
    lines: list[str] = []
    for kind in types:
        missed = Counter(g.text for g in gold if g.type == kind and id(g) not in matched_gold)
        spurious = Counter(p.text for p in result.predicted if p.type == kind and id(p) not in matched_predicted)
        bounds = Counter(f"{g.text!r} ~ {p.text!r}" for g, p in relaxed if g.type == kind and id(g) not in exact)
        for title, counts in (("missed", missed), ("false alarm", spurious), ("boundary", bounds)):
            lines.append(f"\n{kind} {title} ({sum(counts.values())}):")
            lines.extend(f"  {n:3d}  {text}" for text, n in counts.most_common(limit))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = scorer_parser(__doc__)
    parser.add_argument("path", nargs="?", type=Path, help="the re3d folder (default: shared data)")
    parser.add_argument("--errors", action="store_true", help="list misses, false alarms and boundary differences")
    parser.add_argument("--types", nargs="+", choices=TYPES, default=list(WEAPON_PLATFORM), help="types for --errors")
    args = parser.parse_args(argv)

    def compute() -> tuple[dict[str, Figures], str]:
        result = run(args.path)
        return {DATA_SET: result.figures}, format_errors(result, args.types) if args.errors else ""

    return print_scores(compute)


if __name__ == "__main__":
    sys.exit(main())
