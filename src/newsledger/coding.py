"""Code single sentences or paragraphs into events and time expressions, without a ledger (like PETRARCH)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from newsledger.model import Article, Attribution, EventMention, Span, TimeExpression, Toponym, content_id
from newsledger.pack import Pack
from newsledger.settings import Settings
from newsledger.stages.annotate import annotate_articles
from newsledger.stages.events import extract_attributions, extract_events
from newsledger.stages.places import build_gazetteer
from newsledger.stages.toponyms import find_toponyms
from newsledger.store.records import (
    actor_dict,
    actor_summary,
    attribution_dict,
    attribution_summary,
    equipment_list,
    iso,
    place_dict,
)

_BREAK = re.compile(r"\n[ \t]*\n")


def text_article(text: str, reference: date | None, *, id: str | None = None) -> Article:
    """An article made from bare text: paragraphs split at blank lines, offsets into ``text`` unchanged."""
    paragraphs = []
    pos = 0
    for match in [*_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            paragraphs.append(Span(start=pos + lead, end=pos + trail))
        if match:
            pos = match.end()
    return Article(
        id=id or content_id(text),
        source="code",
        path=None,
        url=None,
        outlet=None,
        published=reference,
        title=None,
        language="en",
        text=text,
        paragraphs=tuple(paragraphs),
    )


def code_texts(
    items: Iterable[tuple[str, str, date | None]], *, pack: Pack, settings: Settings
) -> Iterator[tuple[str, list[EventMention]]]:
    """(id, text, reference date) in, (id, mentions) out, in input order; spans index each text."""
    pending = [(item_id, text_article(text, ref, id=item_id)) for item_id, text, ref in items]
    annotated = annotate_articles((a for _, a in pending), pack=pack, settings=settings.annotate)
    for (item_id, _), ann in zip(pending, annotated, strict=True):
        yield item_id, list(extract_events(ann, pack=pack))


def place_texts(
    items: Iterable[tuple[str, str, date | None]], *, pack: Pack, settings: Settings
) -> Iterator[tuple[str, list[Toponym]]]:
    """(id, text, reference date) in, (id, toponyms) out, in input order; spans index each text."""
    pending = [(item_id, text_article(text, ref, id=item_id)) for item_id, text, ref in items]
    # Every place of the text is asked for: every sentence is parsed (the place rules read tags).
    whole = replace(settings.annotate, candidates_only=False)
    annotated = annotate_articles((a for _, a in pending), pack=pack, settings=whole)
    gazetteer = build_gazetteer(pack)
    for (item_id, _), ann in zip(pending, annotated, strict=True):
        yield item_id, list(find_toponyms(ann, gazetteer=gazetteer, pack=pack))


def toponym_record(t: Toponym) -> dict[str, Any]:
    """One place name: its span and text, and the place it resolved to (name, country and point null if none)."""
    place = t.place
    return {
        "start": t.span.start,
        "end": t.span.end,
        "text": t.text,
        "name": place.name if place else None,
        "country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "kind": place.kind if place else None,
    }


def attribute_texts(
    items: Iterable[tuple[str, str, date | None]], *, pack: Pack, settings: Settings
) -> Iterator[tuple[str, tuple[Attribution, ...]]]:
    """(id, text, reference date) in, (id, attributions) out, in input order; spans index each text."""
    pending = [(item_id, text_article(text, ref, id=item_id)) for item_id, text, ref in items]
    # Every attribution of the text is asked for, also of stretches that hold no event.
    whole = replace(settings.annotate, candidates_only=False)
    annotated = annotate_articles((a for _, a in pending), pack=pack, settings=whole)
    for (item_id, _), ann in zip(pending, annotated, strict=True):
        yield item_id, extract_attributions(ann, pack=pack)


def attribution_record(a: Attribution) -> dict[str, Any]:
    """One attribution as ``newsledger attributions`` writes it."""
    return {
        "kind": a.kind.value,
        "source": a.source.as_list() if a.source else None,
        "cue": a.cue.as_list() if a.cue else None,
        "content": a.content.as_list() if a.content else None,
        "source_actor": actor_summary(actor_dict(a.source_actor)),
    }


def mention_record(m: EventMention) -> dict[str, Any]:
    """One coded event in the export contract's field shapes, with spans relative to the coded text."""
    return {
        "type": m.type.value,
        "mode": m.mode,
        "status": m.status.value,
        "source": actor_summary(actor_dict(m.source)),
        "target": actor_summary(actor_dict(m.target)),
        "equipment": [{k: e[k] for k in ("name", "id", "category")} for e in equipment_list(m.equipment)],
        "quantity": m.quantity,
        "date": None
        if m.date is None
        else {
            "start": iso(m.date.start),
            "end": iso(m.date.end),
            "precision": m.date.precision.value,
            "text": m.date.text,
        },
        "location": place_dict(m.location),
        "sentence": m.sentence.as_list(),
        "spans": m.spans.as_dict(),
        "attribution": attribution_summary(attribution_dict(m.attribution)),
    }


def timex_record(t: TimeExpression) -> dict[str, Any]:
    return {
        "start": t.span.start,
        "end": t.span.end,
        "text": t.text,
        "type": t.type.value,
        "value": t.value,
        "range_start": iso(t.range_start),
        "range_end": iso(t.range_end),
        "precision": t.precision.value if t.precision else None,
    }


Records = Iterator[dict[str, Any]]


def code_records(items: Iterable[tuple[str, str, date | None]], pack: Pack, settings: Settings) -> Records:
    """``newsledger code``'s output lines: each record's events."""
    for item_id, mentions in code_texts(items, pack=pack, settings=settings):
        yield {"id": item_id, "events": [mention_record(m) for m in mentions]}


def place_records(items: Iterable[tuple[str, str, date | None]], pack: Pack, settings: Settings) -> Records:
    """``newsledger places``'s output lines: each record's toponyms, resolved."""
    for item_id, toponyms in place_texts(items, pack=pack, settings=settings):
        yield {"id": item_id, "places": [toponym_record(t) for t in toponyms]}


def attribution_records(items: Iterable[tuple[str, str, date | None]], pack: Pack, settings: Settings) -> Records:
    """``newsledger attributions``'s output lines: each record's attributions."""
    for item_id, found in attribute_texts(items, pack=pack, settings=settings):
        yield {"id": item_id, "attributions": [attribution_record(a) for a in found]}


# The commands that read (id, text, date) records and write one line per record; also what a coder server runs.
RECORD_COMMANDS = {"code": code_records, "places": place_records, "attributions": attribution_records}
