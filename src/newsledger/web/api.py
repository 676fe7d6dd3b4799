"""The JSON API under /api/: the export contract's shapes, paged events, briefs, and the OpenAPI schema."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from dataclasses import asdict
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from newsledger import __version__
from newsledger.brief import Brief, actor_brief, story_brief
from newsledger.errors import QueryError
from newsledger.export import actor_record, article_record, event_record, story_record
from newsledger.store import browse
from newsledger.store.ledger import EVENT_SORTS, Store
from newsledger.web.marks import FIELDS
from newsledger.web.query import MAX_PAGE_SIZE, check_known, found, parse_event_query, parse_window
from newsledger.web.shared import SharedLedger


def _ledger(request: Request) -> AbstractContextManager[Store]:
    shared: SharedLedger = request.app.state.ledger
    return shared.open()


def _records(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    mentions, links = store.event_mentions(ids), store.event_links(ids)
    return [event_record(r, mentions.get(r["id"], []), links.get(r["id"], [])) for r in rows]


def events(request: Request) -> Response:
    query = parse_event_query(request.query_params)
    with _ledger(request) as store:
        index = request.app.state.ledger.index() if query.filter.text else None
        rows, total = browse.events_page(store, query.filter, offset=query.offset, limit=query.size, index=index)
        records = _records(store, rows)
    return JSONResponse({"total": total, "page": query.page, "size": query.size, "events": records})


def event(request: Request) -> Response:
    check_known(request.query_params, ())
    asked = request.path_params["event_id"]
    with _ledger(request) as store:
        row = found(store.event(asked), "event", asked, by_prefix=True)
        record = _records(store, [row])[0]
    return JSONResponse(record)


def article(request: Request) -> Response:
    check_known(request.query_params, ())
    article_id = request.path_params["article_id"]
    with _ledger(request) as store:
        row = found(browse.article(store, article_id), "article", article_id)
        mentions = browse.article_mentions(store, article_id)
    record = article_record(row) | {
        "story": row["story_id"],
        "mentions": [
            {
                "mention_id": m["id"],
                "event_id": m["event_id"],
                "type": m["type"],
                "status": m["status"],
                "sentence": {"start": m["sentence_start"], "end": m["sentence_end"]},
                "spans": _spans(m["spans"]),
            }
            for m in mentions
        ],
    }
    return JSONResponse(record)


def _spans(raw: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(raw)
    return data


def story(request: Request) -> Response:
    check_known(request.query_params, ())
    asked = request.path_params["story_id"]
    with _ledger(request) as store:
        full = found(browse.story_id_for(store, asked), "story", asked, by_prefix=True)
        record = story_record(store.stories(full)[0])
    return JSONResponse(record)


def actor(request: Request) -> Response:
    check_known(request.query_params, ())
    actor_id = request.path_params["actor_id"]
    with _ledger(request) as store:
        listed = found(next(iter(store.actors(actor_id)), None), "actor", actor_id)
        rows = store.actor_events(actor_id)
    events = [{"id": r["id"], "role": r["role"]} for r in rows]
    return JSONResponse(actor_record(listed) | {"events": events})


def brief_record(brief: Brief) -> dict[str, Any]:
    return {
        "title": brief.title,
        "subject": brief.subject,
        "sentences": [
            {"text": s.plain(), "citations": list(s.citations), "events": list(s.event_ids)} for s in brief.sentences
        ],
        "references": [asdict(r) for r in brief.references],
    }


def brief(request: Request) -> Response:
    check_known(request.query_params, ("story", "actor", "since", "until"))
    story_id, actor_id = request.query_params.get("story"), request.query_params.get("actor")
    if bool(story_id) == bool(actor_id):
        raise QueryError("story", "give exactly one of story=ID or actor=ID")
    since, until = parse_window(request.query_params)
    with _ledger(request) as store:
        if story_id:
            result = story_brief(store, story_id, since=since, until=until)
        else:
            result = actor_brief(store, str(actor_id), since=since, until=until)
    return JSONResponse(brief_record(result))


def openapi(request: Request) -> Response:
    return JSONResponse(openapi_schema())


def _param(name: str, description: str, schema: dict[str, Any], where: str = "query") -> dict[str, Any]:
    return {"name": name, "in": where, "required": where == "path", "description": description, "schema": schema}


def _get(summary: str, params: list[dict[str, Any]], ref: str) -> dict[str, Any]:
    error = {"$ref": "#/components/schemas/Error"}
    return {
        "get": {
            "summary": summary,
            "parameters": params,
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": ref}}}},
                "400": {"description": "A parameter is malformed", "content": {"application/json": {"schema": error}}},
                "404": {"description": "No such record", "content": {"application/json": {"schema": error}}},
            },
        }
    }


def openapi_schema() -> dict[str, Any]:
    """The API's OpenAPI 3.1 description; the shapes are those of the export contract (README)."""
    string, date = {"type": "string"}, {"type": "string", "format": "date"}
    nullable_string = {"type": ["string", "null"]}
    filters = [
        _param("type", "PLOVER event type, e.g. AID", string),
        _param("status", "asserted, intended, possible, alleged, denied, negated or hypothetical", string),
        _param("actor", "part of an actor's name or id, or an ISO alpha-3 country code", string),
        _param("country", "ISO alpha-3 code of a participant's or the place's country", string),
        _param("since", "events ending on or after this date", date),
        _param("until", "events starting on or before this date", date),
        _param("place", "part of the place's name, or its country code", string),
        _param("min_sources", "at least this many independent sources", {"type": "integer", "minimum": 0}),
        _param("conflicts", "1: only events whose reports disagree", {"type": "string", "enum": ["0", "1"]}),
        _param("q", "words one of the event's evidence sentences contains", string),
        _param("sort", "order of the events", {"type": "string", "enum": list(EVENT_SORTS)}),
        _param("order", "asc or desc", {"type": "string", "enum": ["asc", "desc"]}),
        _param("page", "page number, from 1", {"type": "integer", "minimum": 1}),
        _param(
            "size",
            f"events per page, at most {MAX_PAGE_SIZE}",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
        ),
    ]
    span = {"type": ["array", "null"], "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}
    actor = {
        "type": ["object", "null"],
        "properties": {k: nullable_string for k in ("name", "id", "country", "sector", "org", "role")},
    }
    mention = {
        "type": "object",
        "properties": {
            "mention_id": string,
            "article_id": string,
            "path": nullable_string,
            "url": nullable_string,
            "original_url": nullable_string,
            "outlet": nullable_string,
            "published": nullable_string,
            "sentence": {
                "type": "object",
                "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}, "text": string},
            },
            "spans": {
                "type": "object",
                "properties": {f: span for f in FIELDS if f != "equipment"}
                | {"equipment": {"type": "array", "items": span}},
            },
        },
    }
    event = {
        "type": "object",
        "required": ["id", "type", "status", "mentions", "sources", "conflicts"],
        "properties": {
            "id": string,
            "type": string,
            "mode": nullable_string,
            "status": string,
            "specific": {"type": "boolean"},
            "source": actor,
            "target": actor,
            "equipment": {
                "type": "array",
                "items": {"type": "object", "properties": {k: nullable_string for k in ("name", "id", "category")}},
            },
            "quantity": {"type": ["integer", "null"]},
            "date": {
                "type": ["object", "null"],
                "properties": {k: nullable_string for k in ("start", "end", "precision", "text")},
            },
            "location": {"type": ["object", "null"]},
            "mentions": {"type": "array", "items": mention},
            "sources": {
                "type": "object",
                "properties": {k: {"type": "integer"} for k in ("articles", "outlets", "independent")},
            },
            "conflicts": {"type": "array", "items": {"type": "object"}},
            "links": {
                "type": "array",
                "items": {"type": "object", "properties": {"event": string, "relation": string}},
            },
        },
    }
    schemas = {
        "Error": {
            "type": "object",
            "properties": {
                "error": {
                    "type": "object",
                    "properties": {"status": {"type": "integer"}, "message": string, "parameter": string},
                }
            },
        },
        "Event": event,
        "EventPage": {
            "type": "object",
            "properties": {
                "total": {"type": "integer"},
                "page": {"type": "integer"},
                "size": {"type": "integer"},
                "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
            },
        },
        "Article": {
            "type": "object",
            "properties": {
                "id": string,
                "text": string,
                "url": nullable_string,
                "outlet": nullable_string,
                "published": nullable_string,
                "copy_of": nullable_string,
                "story": nullable_string,
                "mentions": {"type": "array", "items": {"type": "object"}},
            },
        },
        "Story": {
            "type": "object",
            "properties": {
                "id": string,
                "title": nullable_string,
                "articles": {"type": "array", "items": {"type": "object"}},
                "events": {"type": "array", "items": string},
            },
        },
        "Actor": {
            "type": "object",
            "properties": {
                "id": nullable_string,
                "name": string,
                "aliases": {"type": "array", "items": string},
                "events": {"type": "array", "items": {"type": "object"}},
            },
        },
        "Brief": {
            "type": "object",
            "properties": {
                "title": string,
                "subject": string,
                "sentences": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "text": string,
                            "citations": {"type": "array", "items": {"type": "integer"}},
                            "events": {"type": "array", "items": string},
                        },
                    },
                },
                "references": {"type": "array", "items": {"type": "object"}},
            },
        },
    }
    ref = "#/components/schemas/"
    window = [
        _param("since", "events ending on or after this date", date),
        _param("until", "events starting on or before this date", date),
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "newsledger",
            "version": __version__,
            "description": "Read-only access to a newsledger ledger.",
        },
        "paths": {
            "/api/events": _get("Events, filtered and paged", filters, ref + "EventPage"),
            "/api/events/{event_id}": _get(
                "One event (id or unique prefix) with its evidence",
                [_param("event_id", "event id", string, "path")],
                ref + "Event",
            ),
            "/api/articles/{article_id}": _get(
                "One article: its text and its mentions",
                [_param("article_id", "article id", string, "path")],
                ref + "Article",
            ),
            "/api/stories/{story_id}": _get(
                "One story: its articles and events",
                [_param("story_id", "story id or unique prefix", string, "path")],
                ref + "Story",
            ),
            "/api/actors/{actor_id}": _get(
                "One actor and its events with its role",
                [_param("actor_id", "actor id", string, "path")],
                ref + "Actor",
            ),
            "/api/brief": _get(
                "A cited brief of a story or an actor",
                [_param("story", "story id", string), _param("actor", "actor id", string), *window],
                ref + "Brief",
            ),
        },
        "components": {"schemas": schemas},
    }


def routes() -> list[BaseRoute]:
    return [
        Route("/events", events),
        Route("/events/{event_id}", event),
        Route("/articles/{article_id}", article),
        Route("/stories/{story_id}", story),
        Route("/actors/{actor_id:path}", actor),
        Route("/brief", brief),
        Route("/openapi.json", openapi),
    ]
