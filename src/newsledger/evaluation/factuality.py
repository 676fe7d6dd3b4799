"""Score event status (modality) against MEANTIME factuality on the unified −3..+3 scale (Stanovsky et al. 2017).

Usage: python -m newsledger.evaluation.factuality [--split test|dev|train] [--errors]

The unified corpus maps MEANTIME's certainty and polarity onto one scale: CERTAIN +3 / −3, PROBABLE
+1.5 / −1.5, POSSIBLE +0.75 / −0.75, UNDERSPECIFIED 0. Each status is given the value of the MEANTIME
category it stands for:

    asserted      +3     the writer presents the event as having happened (CERTAIN, POS)
    alleged       +1.5   someone else claims it and the writer does not vouch for it (PROBABLE, POS)
    intended      +0.75  an actor plans or commits to it; it has not happened yet (POSSIBLE, POS)
    possible      +0.75  it may happen or be happening (POSSIBLE, POS)
    hypothetical   0     a condition or counterfactual; no commitment either way (UNDERSPECIFIED)
    negated, denied −3   the writer, or a party the writer quotes, says it did not happen (CERTAIN, NEG)

Two statuses are projected by the cue that decided them (``assess_status_detail``), because the ledger and
MEANTIME draw their lines in different places. The MEANTIME annotation guidelines (Minard et al. 2016,
"factuality": attributes certainty, polarity and time) rate certainty apart from time, and rate an event
from the perspective of the source the text cites:

    intended by a future auxiliary only (will, shall; "would" reporting a future)   +3  CERTAIN, FUTURE
    alleged by a reporting verb or "according to" (the cited source states it)      +3  CERTAIN
    alleged by a hedge (reportedly, allegedly, accused of, claimed, alleged ...)   +1.5 PROBABLE

"plan to", "intend to", "seek to" keep intended's +0.75: the guidelines rate intentions POSSIBLE. The
ledger itself keeps a bare "will" intended and a report by a third party alleged, by design.

Three classes follow the same categories: gold > 1.5 (CERTAIN, POS) happened, gold < −1.5 (CERTAIN, NEG)
did not happen, anything between uncertain; a judgement's class is that of its projected value.

Each sentence's text is its tokens joined by single spaces; it is parsed by the extractor's pipeline
(load_nlp with the pack's entity ruler) and every gold predicate is aligned to the spaCy tokens covering
its characters (their syntactic root). The predicate's subject, resolved like an actor, stands in for
the event's source, as the extractor passes it when a reporting verb governs the event.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from newsledger.evaluation import Figures, data_path, print_scores, scorer_parser
from newsledger.model import ActorRef, Status
from newsledger.pack import Pack, load_pack
from newsledger.settings import Settings
from newsledger.stages.annotate import load_nlp
from newsledger.stages.resolve import Resolver, build_resolver, resolve_actor
from newsledger.stages.status import StatusCue, assess_status_detail, subject_of

DATA_SET = "meantime_factuality/meantime"
SPLITS = ("train", "dev", "test")
HAPPENED, NOT_HAPPENED, UNCERTAIN = "happened", "not happened", "uncertain"
STATUS_VALUE: dict[Status, float] = {
    Status.ASSERTED: 3.0,
    Status.ALLEGED: 1.5,
    Status.INTENDED: 0.75,
    Status.POSSIBLE: 0.75,
    Status.HYPOTHETICAL: 0.0,
    Status.NEGATED: -3.0,
    Status.DENIED: -3.0,
}
# CERTAIN is ±3 and PROBABLE ±1.5 on the unified scale; only CERTAIN counts as a committed fact.
CERTAIN_CUT = 1.5
# Cue kinds that make a status CERTAIN in MEANTIME's scheme (see the module docstring).
CERTAIN_CUES: dict[Status, frozenset[str]] = {
    Status.INTENDED: frozenset({"aux"}),
    Status.ALLEGED: frozenset({"reporting", "phrases"}),
}


def project(cue: StatusCue) -> float:
    """The MEANTIME value of a status, given the cue that decided it."""
    if cue.kind in CERTAIN_CUES.get(cue.status, frozenset()):
        return 3.0
    return STATUS_VALUE[cue.status]


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldSentence:
    words: tuple[str, ...]
    values: tuple[tuple[int, float], ...]  # (word index, factuality) for each annotated predicate

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def offsets(self) -> list[tuple[int, int]]:
        out, pos = [], 0
        for word in self.words:
            out.append((pos, pos + len(word)))
            pos += len(word) + 1
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Judgement:
    sentence: str
    word: str
    gold: float
    status: Status
    cue: StatusCue | None = None  # the cue that decided the status, when known; it selects the projection

    @property
    def value(self) -> float:
        return STATUS_VALUE[self.status] if self.cue is None else project(self.cue)


def gold_class(value: float) -> str:
    if value > CERTAIN_CUT:
        return HAPPENED
    if value < -CERTAIN_CUT:
        return NOT_HAPPENED
    return UNCERTAIN


def status_class(status: Status) -> str:
    if status is Status.ASSERTED:
        return HAPPENED
    if status in {Status.NEGATED, Status.DENIED}:
        return NOT_HAPPENED
    return UNCERTAIN


def read_conll(path: Path) -> list[GoldSentence]:
    """Sentences of a unified-factuality CoNLL file: idx, word, factuality (or _), then parse columns we ignore."""
    sentences: list[GoldSentence] = []
    words: list[str] = []
    values: list[tuple[int, float]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if words:
                sentences.append(GoldSentence(words=tuple(words), values=tuple(values)))
            words, values = [], []
            continue
        cols = line.split("\t")
        if cols[2] != "_":
            values.append((len(words), float(cols[2])))
        words.append(cols[1])
    return sentences


def predicate_token(doc: Doc, start: int, end: int) -> Token:
    """The spaCy token for a gold word: the root of the tokens covering its characters."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:  # unreachable when the text is the words joined by spaces; kept for other tokenisations
        return next(t for t in doc if t.idx <= start < t.idx + len(t.text))
    return span.root


def _source_of(token: Token, resolver: Resolver) -> ActorRef | None:
    subject = subject_of(token)
    if subject is None or subject.pos_ not in {"PROPN", "NOUN"}:
        return None
    return resolve_actor(subject.text, resolver=resolver, on=None)


def assess_sentences(sentences: Sequence[GoldSentence], *, pack: Pack, settings: Settings) -> list[Judgement]:
    nlp = load_nlp(settings.annotate.model, pack)
    resolver = build_resolver(pack)
    out: list[Judgement] = []
    docs = nlp.pipe((s.text for s in sentences), batch_size=settings.annotate.batch_size)
    for sentence, doc in zip(sentences, docs, strict=True):
        offsets = sentence.offsets()
        for index, gold in sentence.values:
            token = predicate_token(doc, *offsets[index])
            cue = assess_status_detail(token, pack=pack, resolver=resolver, source=_source_of(token, resolver))
            out.append(
                Judgement(sentence=sentence.text, word=sentence.words[index], gold=gold, status=cue.status, cue=cue)
            )
    return out


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson's r; 0 when either side is constant (r is undefined there, and 0 says 'no signal')."""
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def score_judgements(judgements: Sequence[Judgement]) -> Figures:
    n = len(judgements)
    if not n:
        return {"predicates": 0}
    gold = [j.gold for j in judgements]
    ours = [j.value for j in judgements]
    classes = Counter(gold_class(g) for g in gold)
    return {
        "predicates": n,
        "mae": sum(abs(g - o) for g, o in zip(gold, ours, strict=True)) / n,
        "pearson": pearson(gold, ours),
        "accuracy_3way": sum(gold_class(j.gold) == gold_class(j.value) for j in judgements) / n,
        "majority_baseline": classes.most_common(1)[0][1] / n,
    }


@dataclass(frozen=True, slots=True)
class FactualityRun:
    split: str
    judgements: list[Judgement]

    @property
    def figures(self) -> Figures:
        return score_judgements(self.judgements)


def run(
    split: str = "test", data_dir: Path | None = None, *, pack: Pack | None = None, settings: Settings | None = None
) -> FactualityRun:
    """Assess every gold predicate of one split (default data: the shared folder)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, not {split!r}")
    settings = settings or Settings()
    pack = pack or load_pack(settings.events.pack)
    sentences = read_conll(data_path(f"{DATA_SET}/{split}.conll", data_dir))
    return FactualityRun(split, assess_sentences(sentences, pack=pack, settings=settings))


def score(split: str = "test", data_dir: Path | None = None) -> Figures:
    return run(split, data_dir).figures


def _label(j: Judgement) -> str:
    return j.status.value if j.cue is None else f"{j.status.value}: {j.cue.kind}"


def format_errors(result: FactualityRun, *, examples: int = 4) -> str:
    pairs = Counter((gold_class(j.gold), gold_class(j.value), _label(j)) for j in result.judgements)
    lines = [f"{result.split}: gold class / ours (status) -> count"]
    for (gold, ours, status), count in sorted(pairs.items(), key=lambda kv: -kv[1]):
        mark = "" if gold == ours else "  ✗"
        lines.append(f"  {count:4}  {gold:12} {ours:12} ({status}){mark}")
        if gold != ours:
            cases = [
                j
                for j in result.judgements
                if (gold_class(j.gold), gold_class(j.value), _label(j)) == (gold, ours, status)
            ]
            for j in cases[:examples]:
                lines.append(f"          {j.word!r} gold={j.gold:+} in {j.sentence!r}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = scorer_parser(__doc__)
    parser.add_argument("--split", choices=SPLITS, action="append", help="default: test and dev")
    parser.add_argument("--errors", action="store_true", help="list disagreements with example sentences")
    args = parser.parse_args(argv)

    def compute() -> tuple[dict[str, Figures], str]:
        results = [run(split) for split in args.split or ("test", "dev")]
        details = "\n".join(format_errors(r) for r in results) if args.errors else ""
        return {f"factuality_{r.split}": r.figures for r in results}, details

    return print_scores(compute)


if __name__ == "__main__":
    sys.exit(main())
