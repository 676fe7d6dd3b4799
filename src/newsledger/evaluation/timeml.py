"""Score find_time_expressions on MEANTIME (English Wikinews, TIMEX3 gold) the way TempEval-3 does.

Usage: python -m newsledger.evaluation.timeml [path-to-meantime] [--errors]

Each document's text is rebuilt from its tokens (one space between tokens, none before closing
punctuation or after opening brackets and currency signs) so that every gold TIMEX3 has character
offsets. The DCT timex (functionInDocument=CREATION_TIME) is left out of the gold, and any system
expression overlapping it is dropped; a document without a DCT timex takes the date its dateline
gives, and a DCT that is not an ISO date ("03-02-2009") is read day first. Gold TIMEX3s with no
tokens (implicit points) are not mentions and are left out. MEANTIME annotates TIMEX3 only in the
title, the dateline and the first four sentences of the body (token sentences 0-5; nothing later
carries one), so system expressions after sentence 5 are not scored.

Matching is one to one, gold in text order, each taking the first unmatched system expression that
overlaps it (relaxed) or has the same offsets (strict). For S system and G gold expressions:

    precision = matched / S,  recall = matched / G,  F1 = 2PR / (P + R)

Value F1 follows the TempEval-3 scorer's attribute F1: among the relaxed matches, count those whose
system value equals the gold value exactly (C); then value P = C / S, value R = C / G and value F1
is their harmonic mean, which equals relaxed F1 times value accuracy on the relaxed matches.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsledger.evaluation import Figures, MissingDataError, data_path, prf, print_scores, scorer_parser
from newsledger.stages.timex import find_time_expressions

DATA_SET = "meantime"
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]}%]|'s|'re|'ve|'ll|'d|'m|n't|’s)$", re.IGNORECASE)
ANNOTATED_SENTENCES = 5
_NO_SPACE_AFTER = {"(", "[", "{", "$", "US$", "#", "£", "€"}


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    text: str
    dct: date | None
    dct_span: tuple[int, int] | None
    annotated_end: int  # offset where the sentences that carry TIMEX3 annotation end
    gold: tuple[Gold, ...]


@dataclass(slots=True)
class TimexRun:
    """Counts over the corpus, and one line per error for ``--errors``."""

    documents: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    values: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def figures(self) -> Figures:
        out: Figures = {"documents": self.documents, "gold": self.gold, "system": self.system}
        for name, correct in (("strict", self.strict), ("relaxed", self.relaxed), ("value", self.values)):
            p, r, f = prf(correct, self.system, self.gold)
            out |= {f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f}
        out["value_accuracy"] = self.values / self.relaxed if self.relaxed else 0.0
        return out


def read_document(path: Path) -> Document:
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    position, previous, previous_sentence, quotes = 0, "", None, 0
    annotated_end = 0
    for token in root.iter("token"):
        word = token.text or ""
        sentence = token.get("sentence")
        if parts:
            if sentence != previous_sentence:
                gap = "\n"
            elif (
                _NO_SPACE_BEFORE.match(word) or previous in _NO_SPACE_AFTER or (quotes % 2 and '"' in (word, previous))
            ):
                gap = ""
            else:
                gap = " "
            parts.append(gap)
            position += len(gap)
        if word == '"':
            quotes += 1
        offsets[token.get("t_id", "")] = (position, position + len(word))
        parts.append(word)
        position += len(word)
        if int(sentence or 0) <= ANNOTATED_SENTENCES:
            annotated_end = position
        previous, previous_sentence = word, sentence
    text = "".join(parts)
    gold: list[Gold] = []
    dct: date | None = None
    dct_span: tuple[int, int] | None = None
    for timex in root.iter("TIMEX3"):
        spans = [offsets[a.get("t_id", "")] for a in timex.findall("token_anchor")]
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = parse_dct(timex.get("value", ""))
            dct_span = (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None
            continue
        if spans:
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            gold.append(Gold(start, end, timex.get("type", ""), timex.get("value", "")))
    gold.sort(key=lambda g: g.start)
    return Document(path.stem, text, dct, dct_span, annotated_end, tuple(gold))


def parse_dct(value: str) -> date | None:
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value):
        return date(int(m[3]), int(m[2]), int(m[1]))
    return None


def dateline_date(text: str) -> date | None:
    """The publication date a document without a DCT timex gives on its dateline (its second line)."""
    lines = text.split("\n")
    for timex in find_time_expressions(lines[1] if len(lines) > 1 else "", None):
        start: date | None = timex.range_start
        if timex.precision is not None and start == timex.range_end:
            return start
    return None


def match(gold: tuple[Gold, ...], system: list[tuple[int, int, str]], strict: bool) -> list[tuple[Gold, str]]:
    used: set[int] = set()
    pairs: list[tuple[Gold, str]] = []
    for g in gold:
        for i, (start, end, value) in enumerate(system):
            if i in used:
                continue
            hit = (start, end) == (g.start, g.end) if strict else start < g.end and g.start < end
            if hit:
                used.add(i)
                pairs.append((g, value))
                break
    return pairs


def corpus_files(path: Path) -> list[Path]:
    files = sorted((path / "intra_cross-doc_annotation").glob("*/*.xml"))
    if not files:
        raise MissingDataError(f"{path}: no MEANTIME documents under intra_cross-doc_annotation/")
    return files


def score_documents(documents: Sequence[Document], *, errors: bool = False) -> TimexRun:
    run = TimexRun(documents=len(documents))
    for doc in documents:
        dct = doc.dct or dateline_date(doc.text)
        found = find_time_expressions(doc.text, dct)
        system = [
            (t.span.start, t.span.end, t.value)
            for t in found
            if t.span.end <= doc.annotated_end
            and (doc.dct_span is None or t.span.end <= doc.dct_span[0] or t.span.start >= doc.dct_span[1])
        ]
        run.system += len(system)
        run.gold += len(doc.gold)
        run.strict += len(match(doc.gold, system, strict=True))
        pairs = match(doc.gold, system, strict=False)
        run.relaxed += len(pairs)
        run.values += sum(g.value == v for g, v in pairs)
        if errors:
            _collect_errors(run.errors, doc, system, pairs)
    return run


def _collect_errors(
    errors: Counter[str], doc: Document, system: list[tuple[int, int, str]], pairs: list[tuple[Gold, str]]
) -> None:
    matched = {(g.start, g.end) for g, _ in pairs}
    for g, v in pairs:
        if g.value != v:
            errors[f"VALUE  {doc.dct}  {doc.text[g.start : g.end]!r} gold={g.value} sys={v}"] += 1
    for g in doc.gold:
        if (g.start, g.end) not in matched:
            errors[f"MISS   {doc.dct}  {doc.text[g.start : g.end]!r} {g.type} {g.value}"] += 1
    for start, end, value in system:
        if not any(start < g.end and g.start < end for g in doc.gold):
            context = doc.text[max(0, start - 30) : end + 30].replace("\n", " ")
            errors[f"EXTRA  {doc.dct}  {doc.text[start:end]!r} {value}   …{context}…"] += 1


def run(path: Path | None = None, *, errors: bool = False) -> TimexRun:
    """Read the MEANTIME corpus (default: the shared data folder) and score it."""
    root = path if path is not None else data_path(DATA_SET)
    return score_documents([read_document(p) for p in corpus_files(root)], errors=errors)


def score(path: Path | None = None) -> Figures:
    return run(path).figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = scorer_parser(__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=None, help="the MEANTIME folder")
    parser.add_argument("--errors", action="store_true", help="list misses, spurious hits and wrong values")
    args = parser.parse_args(argv)

    def compute() -> tuple[dict[str, Figures], str]:
        result = run(args.path, errors=args.errors)
        return {"timeml": result.figures}, "\n".join(sorted(result.errors))

    return print_scores(compute)


if __name__ == "__main__":
    sys.exit(main())
