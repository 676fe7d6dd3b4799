"""Cut a text into pieces at the evidence spans, so a template can mark each field without reading text as markup."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

FIELDS = ("trigger", "source", "target", "equipment", "quantity", "date", "location")


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    start: int
    end: int
    label: str
    event_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Piece:
    text: str
    labels: tuple[str, ...] = ()
    event_id: str | None = None

    @property
    def css(self) -> str:
        return " ".join(f"span-{label}" for label in self.labels)

    @property
    def title(self) -> str:
        return ", ".join(self.labels)


def span_marks(spans: dict[str, Any] | str, *, event_id: str | None = None) -> list[Mark]:
    """The marks of a mention's spans (the export's ``spans`` dict, or its stored JSON)."""
    data = json.loads(spans) if isinstance(spans, str) else spans
    marks = []
    for name in FIELDS:
        value = data.get(name)
        if not value:
            continue
        for start, end in value if name == "equipment" else [value]:
            marks.append(Mark(start=start, end=end, label=name, event_id=event_id))
    return marks


def cut(text: str, marks: Iterable[Mark], *, offset: int = 0) -> list[Piece]:
    """``text`` (which starts at ``offset`` in its article) in pieces, each with the labels of the marks covering it.

    Marks may overlap or nest; marks outside the text are clipped away.
    """
    inside = [m for m in marks if m.end > offset and m.start < offset + len(text) and m.end > m.start]
    cuts = {0, len(text)}
    for m in inside:
        cuts.add(max(m.start - offset, 0))
        cuts.add(min(m.end - offset, len(text)))
    bounds = sorted(cuts)
    pieces = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        covering = [m for m in inside if m.start - offset <= a and b <= m.end - offset]
        labels = tuple(sorted({m.label for m in covering}, key=_order))
        event = next((m.event_id for m in covering if m.event_id), None)
        pieces.append(Piece(text=text[a:b], labels=labels, event_id=event))
    return pieces


def _order(label: str) -> int:
    return FIELDS.index(label) if label in FIELDS else len(FIELDS)


def mention_pieces(mention: dict[str, Any]) -> list[Piece]:
    """A mention's sentence (export shape) cut at its spans."""
    sentence = mention["sentence"]
    return cut(sentence["text"], span_marks(mention["spans"]), offset=sentence["start"])


def article_pieces(text: str, mentions: Sequence[dict[str, Any]]) -> list[Piece]:
    """A whole article cut at the spans of its stored mentions, each piece knowing the event its mention joined."""
    marks = [mark for m in mentions for mark in span_marks(m["spans"], event_id=m.get("event_id"))]
    return cut(text, marks)
