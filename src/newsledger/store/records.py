"""Convert domain records to table rows and back; JSON columns hold the nested parts."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from newsledger.model import (
    OUTLET_VOICE,
    ActorRef,
    Article,
    Attribution,
    AttributionKind,
    Conflict,
    EquipmentRef,
    Event,
    EventDate,
    EventMention,
    EventType,
    MentionSpans,
    Place,
    Precision,
    Sources,
    Span,
    Status,
)


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def actor_dict(actor: ActorRef | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "name": actor.name,
        "id": actor.id,
        "country": actor.country,
        "text": actor.text,
        "kind": actor.kind,
        "sector": actor.sector,
        "org": actor.org,
        "role": actor.role,
    }


def actor_summary(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """An actor as the exports write it: canonical name, id, country, sector, and for a person the organisation and
    role held on the event date (read with .get: ledgers built before those were recorded lack them)."""
    if data is None:
        return None
    return {
        "name": data["name"],
        "id": data["id"],
        "country": data["country"],
        "sector": data.get("sector"),
        "org": data.get("org"),
        "role": data.get("role"),
    }


def _actor(data: dict[str, Any] | None) -> ActorRef | None:
    if data is None:
        return None
    return ActorRef(
        text=data["text"],
        id=data["id"],
        name=data["name"],
        country=data["country"],
        kind=data.get("kind"),
        sector=data.get("sector"),
        org=data.get("org"),
        role=data.get("role"),
    )


def equipment_list(items: tuple[EquipmentRef, ...]) -> list[dict[str, Any]]:
    return [{"name": e.name, "id": e.id, "category": e.category, "text": e.text, "generic": e.generic} for e in items]


def _equipment(data: list[dict[str, Any]]) -> tuple[EquipmentRef, ...]:
    return tuple(
        EquipmentRef(
            text=e["text"], id=e["id"], name=e["name"], category=e["category"], generic=e.get("generic", False)
        )
        for e in data
    )


def place_dict(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon, "kind": place.kind}


def _place(data: dict[str, Any] | None) -> Place | None:
    if data is None:
        return None
    # Records written before places had a kind have none.
    return Place(name=data["name"], country=data["country"], lat=data["lat"], lon=data["lon"], kind=data.get("kind"))


def _span(value: list[int] | None) -> Span | None:
    return None if value is None else Span(start=value[0], end=value[1])


def attribution_dict(a: Attribution) -> dict[str, Any]:
    """An attribution as stored: actors whole (with the text as written), spans as [start, end] or null."""
    return {
        "kind": a.kind.value,
        "source": actor_dict(a.source_actor),
        "addressee": actor_dict(a.addressee),
        "spans": {
            "source": a.source.as_list() if a.source else None,
            "cue": a.cue.as_list() if a.cue else None,
            "content": a.content.as_list() if a.content else None,
        },
    }


def attribution_summary(data: dict[str, Any], *, outlet: str | None = None) -> dict[str, Any]:
    """An attribution as the exports and ``code`` write it; the outlet's own voice names the outlet when known."""
    source = actor_summary(data["source"])
    if data["kind"] == AttributionKind.OUTLET.value and source is None and outlet:
        source = {"name": outlet, "id": None, "country": None, "sector": None, "org": None, "role": None}
    return {"source": source, "spans": data["spans"], "kind": data["kind"]}


def attribution_from_dict(data: dict[str, Any] | None) -> Attribution:
    if data is None:
        return OUTLET_VOICE
    spans = data.get("spans") or {}
    return Attribution(
        kind=AttributionKind(data["kind"]),
        content=_span(spans.get("content")),
        source=_span(spans.get("source")),
        cue=_span(spans.get("cue")),
        source_actor=_actor(data.get("source")),
        addressee=_actor(data.get("addressee")),
    )


def article_row(article: Article, *, fingerprint: bytes, run_id: str, names: Sequence[str] = ()) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "path": article.path,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published,
        "title": article.title,
        "language": article.language,
        "text": article.text,
        "paragraphs": _dump([p.as_list() for p in article.paragraphs]),
        "fingerprint": fingerprint,
        "copy_of": None,
        "run_id": run_id,
        "names": _dump(list(names)),
        "original_url": article.original_url,
    }


def mention_row(m: EventMention) -> dict[str, Any]:
    return {
        "id": m.id,
        "article_id": m.article_id,
        "type": m.type.value,
        "mode": m.mode,
        "status": m.status.value,
        "source": _dump(actor_dict(m.source)),
        "target": _dump(actor_dict(m.target)),
        "equipment": _dump(equipment_list(m.equipment)),
        "quantity": m.quantity,
        "date_start": m.date.start if m.date else None,
        "date_end": m.date.end if m.date else None,
        "date_precision": m.date.precision.value if m.date else None,
        "date_text": m.date.text if m.date else None,
        "location": _dump(place_dict(m.location)),
        "sentence_start": m.sentence.start,
        "sentence_end": m.sentence.end,
        "spans": _dump(m.spans.as_dict()),
        "extractor": m.extractor,
        "words": " ".join(m.words),
        "specific": m.specific,
        "attribution": _dump(attribution_dict(m.attribution)),
    }


def is_specific_row(row: dict[str, Any]) -> bool:
    """A stored mention's or event's ``specific``; rows stored before it was recorded (NULL) count as specific,
    as they did then."""
    return row.get("specific") is not False


def mention_from_row(row: dict[str, Any]) -> EventMention:
    spans = json.loads(row["spans"])
    event_date = None
    if row["date_start"] is not None:
        event_date = EventDate(
            start=row["date_start"],
            end=row["date_end"],
            precision=Precision(row["date_precision"]),
            text=row["date_text"],
        )
    trigger = _span(spans["trigger"])
    assert trigger is not None
    return EventMention(
        id=row["id"],
        article_id=row["article_id"],
        type=EventType(row["type"]),
        mode=row["mode"],
        status=Status(row["status"]),
        source=_actor(json.loads(row["source"]) if row["source"] else None),
        target=_actor(json.loads(row["target"]) if row["target"] else None),
        equipment=_equipment(json.loads(row["equipment"])),
        quantity=row["quantity"],
        date=event_date,
        location=_place(json.loads(row["location"]) if row["location"] else None),
        sentence=Span(start=row["sentence_start"], end=row["sentence_end"]),
        spans=MentionSpans(
            trigger=trigger,
            source=_span(spans.get("source")),
            target=_span(spans.get("target")),
            equipment=tuple(Span(start=s, end=e) for s, e in spans.get("equipment", [])),
            quantity=_span(spans.get("quantity")),
            date=_span(spans.get("date")),
            location=_span(spans.get("location")),
        ),
        extractor=row["extractor"],
        # Interned: a ledger's mentions share a small vocabulary, and merge holds every mention in memory.
        words=tuple(sys.intern(w) for w in (row.get("words") or "").split()),
        specific=is_specific_row(row),
        attribution=attribution_from_dict(json.loads(row["attribution"]) if row.get("attribution") else None),
    )


def conflicts_list(conflicts: tuple[Conflict, ...]) -> list[dict[str, Any]]:
    return [
        {"field": c.field, "values": [{"value": v, "mentions": list(ids)} for v, ids in c.values]} for c in conflicts
    ]


def event_row(e: Event, *, run_id: str) -> dict[str, Any]:
    return {
        "id": e.id,
        "type": e.type.value,
        "mode": e.mode,
        "status": e.status.value,
        "source": _dump(actor_dict(e.source)),
        "target": _dump(actor_dict(e.target)),
        "source_name": e.source.name if e.source else None,
        "source_country": e.source.country if e.source else None,
        "target_name": e.target.name if e.target else None,
        "target_country": e.target.country if e.target else None,
        "equipment": _dump(equipment_list(e.equipment)),
        "quantity": e.quantity,
        "date_start": e.date.start if e.date else None,
        "date_end": e.date.end if e.date else None,
        "date_precision": e.date.precision.value if e.date else None,
        "date_text": e.date.text if e.date else None,
        "location": _dump(place_dict(e.location)),
        "articles": e.sources.articles,
        "outlets": e.sources.outlets,
        "independent": e.sources.independent,
        "conflicts": _dump(conflicts_list(e.conflicts)),
        "extractor": e.extractor,
        "pack_version": e.pack_version,
        "first_reported": e.first_reported,
        "last_reported": e.last_reported,
        "run_id": run_id,
        "specific": e.specific,
    }


def sources_of(row: dict[str, Any]) -> Sources:
    return Sources(articles=row["articles"], outlets=row["outlets"], independent=row["independent"])


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
