"""Score event coding (PLOVER type, source and target country) on the PLOVER gold standard records (GSR).

Usage: python -m newsledger.evaluation.plover [--errors]

The GSR codes 322 sentences from the CAMEO manual with PLOVER v0.5b1 labels. Four of them were renamed
or merged before the 16 types newsledger codes; the CAMEO-to-PLOVER table shipped with the data
(CAMEO2PLOVER-2021.txt) gives the mapping:

    DEMAND -> REQUEST        CAMEO 10 "Demand" is PLOVER REQUEST
    DISAPPROVE -> ACCUSE     CAMEO 11 "Disapprove" is PLOVER ACCUSE, mode disapprove
    FIGHT -> ASSAULT         CAMEO 19 "Fight" is PLOVER ASSAULT (conventional military force)
    INVESTIGATE -> ACCUSE    CAMEO 09 "Investigate" is PLOVER ACCUSE, mode investigate

A record whose label has no equivalent among the 16 types is skipped and counted. Each sentence is
coded on its own (reference date from the record); the prediction is the event whose trigger matches
the earliest word of the gold ``eventText``, else the first event, else NONE, which is always wrong.
Country figures count records whose first gold source (target) actor has an ISO 3166 alpha-3 code.

The ledger keeps an announced act under its own type with status ``intended`` ("Russia will deliver jets"
is AID, intended); PLOVER codes the announcement itself, as AGREE for a cooperative act and THREATEN for a
hostile one (codebook: AGREE "agree to, offer or promise"; THREATEN "threaten ... with coercive or violent
action"). ``plover_type`` applies that projection before scoring; see its docstring.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newsledger.coding import code_texts
from newsledger.evaluation import Figures, data_path, print_scores, scorer_parser
from newsledger.model import EventMention, EventType, Status
from newsledger.pack import Pack, load_pack
from newsledger.settings import Settings

DATA_SET = "plover_gsr"
GSR_FILE = "gold_standard_records/PLOVER_GSR_CAMEO.txt"
# ISO 3166 alpha-3 codes; the GSR also uses IGO/NGO and a few non-ISO codes (JAP, ITL), which are not countries.
COUNTRIES_FILE = "ngec_actor_resolution/countries.csv"
LEGACY_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
NONE = "NONE"
# A shared stem of this many letters counts as the same word ("agreed" ~ "agreement", "exercises" ~ "exercise").
STEM = 5
# Statuses under which the text reports a commitment or an offer, not the act itself.
UNREALISED = frozenset({Status.INTENDED, Status.POSSIBLE, Status.HYPOTHETICAL})
# Announcing one of these acts is a threat (CAMEO 13 "Threaten": 131-133 sanctions, boycott, protest;
# 137-138 repression, force, attack).
HOSTILE = frozenset(
    {
        EventType.ASSAULT,
        EventType.COERCE,
        EventType.SANCTION,
        EventType.MOBILIZE,
        EventType.THREATEN,
        EventType.PROTEST,
    }
)
# Verbal acts that stay what they are when announced ("will demand", "plans to accuse").
VERBAL = frozenset({EventType.REQUEST, EventType.ACCUSE, EventType.REJECT})


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldRecord:
    id: str
    text: str
    day: date | None
    label: str  # as written in the GSR
    type: EventType
    event_text: str
    source_country: str | None
    target_country: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Prediction:
    gold: GoldRecord
    type: str  # an EventType value, or NONE
    trigger: str | None
    source_country: str | None
    target_country: str | None
    events: int


@dataclass(slots=True)
class PloverRun:
    predictions: list[Prediction]
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def figures(self) -> Figures:
        return score_predictions(self.predictions, skipped=sum(self.skipped.values()))


def map_label(label: str) -> EventType | None:
    """The 16-type equivalent of a GSR v0.5b1 label, or None when PLOVER's 16 types have none."""
    name = LEGACY_TYPES.get(label, label)
    return EventType(name) if name in EventType.__members__ else None


def read_countries(path: Path) -> frozenset[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["CCA3"].strip() for row in csv.DictReader(handle) if row.get("CCA3"))


def _first_code(actors: Any, countries: frozenset[str]) -> str | None:
    # Empty roles are written as null, "" or a stray word ("diplomatic") instead of a list.
    if not isinstance(actors, list) or not actors or not isinstance(actors[0], dict):
        return None
    code = str(actors[0].get("code") or "")
    return code if code in countries else None


def read_records(path: Path, countries: frozenset[str]) -> tuple[list[GoldRecord], Counter[str]]:
    """The coded sentences, and the labels skipped for having no 16-type equivalent (with counts)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    records: list[GoldRecord] = []
    skipped: Counter[str] = Counter()
    for item in raw:
        label = str(item.get("event", ""))
        if label == "DOCUMENT" or not item.get("text"):
            continue  # the file's documentation header, not a coded sentence
        event_type = map_label(label)
        if event_type is None:
            skipped[label] += 1
            continue
        records.append(
            GoldRecord(
                id=str(item["id"]),
                text=str(item["text"]),
                day=date.fromisoformat(item["date"]) if item.get("date") else None,
                label=label,
                type=event_type,
                event_text=str(item.get("eventText") or ""),
                source_country=_first_code(item.get("source"), countries),
                target_country=_first_code(item.get("target"), countries),
            )
        )
    return records, skipped


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    stem = min(STEM, len(a), len(b))
    return stem >= 3 and a[:stem] == b[:stem]


def plover_type(mention: EventMention) -> EventType:
    """The PLOVER type of a mention as the GSR codes it.

    An intended, possible or conditional act is coded as the announcement: a hostile act (assault,
    coercion, sanction, mobilisation) becomes THREATEN, any other material or cooperative act AGREE
    ("X will provide aid", "X is prepared to lift the ban"). Verbal acts keep their type. A negated
    cooperative act ("will not accept", "failed to reach agreement") is coded as its refusal, REJECT
    (codebook: "all rejections and refusals"). Asserted, alleged and denied events keep their own type.
    """
    if mention.type in VERBAL:
        return mention.type
    if mention.status is Status.NEGATED:
        return EventType.REJECT if mention.type not in HOSTILE else mention.type
    if mention.status not in UNREALISED:
        return mention.type
    return EventType.THREATEN if mention.type in HOSTILE else EventType.AGREE


def choose_mention(mentions: Sequence[EventMention], text: str, event_text: str) -> EventMention | None:
    """The mention whose trigger is the earliest gold event word; the first mention when none is."""
    if not mentions:
        return None
    gold_words = [w.strip(".,;:'\"()").lower() for w in event_text.split()]
    best: tuple[int, int] | None = None
    chosen = mentions[0]
    for order, mention in enumerate(mentions):
        trigger_words = mention.spans.trigger.quote(text).lower().split()
        for rank, word in enumerate(gold_words):
            if word and any(_same_word(word, t) for t in trigger_words):
                if best is None or (rank, order) < best:
                    best, chosen = (rank, order), mention
                break
    return chosen


def predict(records: Sequence[GoldRecord], *, pack: Pack, settings: Settings) -> list[Prediction]:
    coded = code_texts(((r.id, r.text, r.day) for r in records), pack=pack, settings=settings)
    out: list[Prediction] = []
    for record, (_, mentions) in zip(records, coded, strict=True):
        chosen = choose_mention(mentions, record.text, record.event_text)
        out.append(
            Prediction(
                gold=record,
                type=plover_type(chosen).value if chosen else NONE,
                trigger=chosen.spans.trigger.quote(record.text) if chosen else None,
                source_country=chosen.source.country if chosen and chosen.source else None,
                target_country=chosen.target.country if chosen and chosen.target else None,
                events=len(mentions),
            )
        )
    return out


def macro_f1(pairs: Iterable[tuple[str, str]], labels: Iterable[str]) -> float:
    """Mean F1 over the labels that occur as gold or prediction; a label seen in neither is left out."""
    tp: Counter[str] = Counter()
    gold_n: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    for gold, pred in pairs:
        gold_n[gold] += 1
        pred_n[pred] += 1
        tp[gold] += gold == pred
    scores = []
    for label in labels:
        if not gold_n[label] and not pred_n[label]:
            continue
        denominator = gold_n[label] + pred_n[label]
        scores.append(2 * tp[label] / denominator)
    return sum(scores) / len(scores) if scores else 0.0


def _accuracy(pairs: list[tuple[str | None, str | None]]) -> float:
    return sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0


def score_predictions(predictions: Sequence[Prediction], *, skipped: int = 0) -> Figures:
    types = [(p.gold.type.value, p.type) for p in predictions]
    sources = [(p.gold.source_country, p.source_country) for p in predictions if p.gold.source_country]
    targets = [(p.gold.target_country, p.target_country) for p in predictions if p.gold.target_country]
    n = len(predictions)
    return {
        "records": n,
        "skipped": skipped,
        "coverage": sum(p.events > 0 for p in predictions) / n if n else 0.0,
        "type_accuracy": sum(g == p for g, p in types) / n if n else 0.0,
        "type_macro_f1": macro_f1(types, [t.value for t in EventType]),
        "source_records": len(sources),
        "source_country_accuracy": _accuracy(list(sources)),
        "target_records": len(targets),
        "target_country_accuracy": _accuracy(list(targets)),
    }


def confusions(predictions: Iterable[Prediction]) -> Counter[tuple[str, str]]:
    return Counter((p.gold.type.value, p.type) for p in predictions if p.gold.type.value != p.type)


def run(data_dir: Path | None = None, *, pack: Pack | None = None, settings: Settings | None = None) -> PloverRun:
    """Code every GSR sentence and keep the predictions (default data: the shared folder)."""
    settings = settings or Settings()
    pack = pack or load_pack(settings.events.pack)
    gsr = data_path(f"{DATA_SET}/{GSR_FILE}", data_dir)
    countries = read_countries(data_path(COUNTRIES_FILE, data_dir))
    records, skipped = read_records(gsr, countries)
    return PloverRun(predict(records, pack=pack, settings=settings), skipped)


def score(data_dir: Path | None = None) -> Figures:
    return run(data_dir).figures


def format_errors(result: PloverRun, *, top: int = 15, examples: int = 3) -> str:
    lines = [f"skipped labels: {dict(result.skipped) or 'none'}", "most frequent confusions (gold -> ours):"]
    for (gold, pred), count in confusions(result.predictions).most_common(top):
        lines.append(f"  {count:3}  {gold} -> {pred}")
        cases = [p for p in result.predictions if p.gold.type.value == gold and p.type == pred][:examples]
        for p in cases:
            lines.append(f"         {p.gold.id}: {p.gold.text!r} gold={p.gold.event_text!r} ours={p.trigger!r}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = scorer_parser(__doc__)
    parser.add_argument("--errors", action="store_true", help="list confusions with example sentences")
    args = parser.parse_args(argv)

    def compute() -> tuple[dict[str, Figures], str]:
        result = run()
        return {"plover": result.figures}, format_errors(result, examples=3 if args.errors else 0)

    return print_scores(compute)


if __name__ == "__main__":
    sys.exit(main())
