"""The web app: pages over a read-only ledger (Starlette, Jinja2 with autoescape), the JSON API, charts as SVG.

Each request opens the ledger read-only and closes it before answering, so a build on the same file waits only
for requests in flight, never for the life of the server.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import threading
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsledger.brief import actor_brief, story_brief
from newsledger.errors import NotFoundError, QueryError, StoreError
from newsledger.export import EVENT_CSV_COLUMNS, event_csv_row, event_record
from newsledger.model import EventType, Status
from newsledger.store import browse
from newsledger.store.browse import EvidenceIndex
from newsledger.store.ledger import EVENT_SORTS, Store
from newsledger.web import api, charts
from newsledger.web.marks import article_pieces, mention_pieces
from newsledger.web.query import EventQuery, check_known, found, parse_event_query, parse_window
from newsledger.web.shared import SharedLedger

HERE = Path(__file__).parent
MAX_DOWNLOAD = 100_000
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
log = logging.getLogger("newsledger.web")


def safe_url(url: object) -> str | None:
    """A link target only when it is an http(s) address: article metadata is untrusted."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, undefined=jinja2.StrictUndefined
    )
    env.filters["safe_url"] = safe_url
    env.filters["short"] = lambda value, n=10: str(value or "")[:n]
    return env


class SecurityHeaders:
    """Adds the Content-Security-Policy (no script at all) and related headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


@contextmanager
def ledger(request: Request) -> Iterator[Store]:
    shared: SharedLedger = request.app.state.ledger
    with shared.open() as store:
        yield store


def search_index(request: Request, query: EventQuery) -> EvidenceIndex | None:
    """The evidence index when the query searches text (call inside ``ledger``)."""
    shared: SharedLedger = request.app.state.ledger
    return shared.index() if query.filter.text else None


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    env: jinja2.Environment = request.app.state.templates
    body = env.get_template(template).render(request=request, db=Path(request.app.state.db).name, **context)
    return HTMLResponse(body, status_code=status_code)


def _json_list(raw: str | None) -> list[Any]:
    return list(json.loads(raw)) if raw else []


def event_view(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event row as the events table shows it."""
    location = json.loads(row["location"]) if row["location"] else None
    return {
        "id": row["id"],
        "type": row["type"],
        "status": row["status"],
        "source": row["source_name"],
        "source_country": row["source_country"],
        "target": row["target_name"],
        "target_country": row["target_country"],
        "equipment": ", ".join(e["name"] for e in _json_list(row["equipment"])),
        "quantity": row["quantity"],
        "date": row["date_start"],
        "date_end": row["date_end"],
        "precision": row["date_precision"],
        "place": location["name"] if location else None,
        "independent": row["independent"],
        "articles": row["articles"],
        "conflicts": row["conflicts"] not in (None, "[]"),
    }


# --- pages ---------------------------------------------------------------------------------------------------
def overview(request: Request) -> Response:
    check_known(request.query_params, ())
    with ledger(request) as store:
        totals = browse.totals(store)
        by_type = store.count_by("type")
    outlets = _cached(request, "outlets", browse.outlet_counts)
    return page(request, "overview.html", totals=totals, outlets=outlets, by_type=by_type)


def events(request: Request) -> Response:
    query = parse_event_query(request.query_params)
    with ledger(request) as store:
        index = search_index(request, query)
        rows, total = browse.events_page(store, query.filter, offset=query.offset, limit=query.size, index=index)
    pages = max(1, -(-total // query.size))
    return page(
        request,
        "events.html",
        query=query,
        rows=[event_view(r) for r in rows],
        total=total,
        pages=pages,
        types=[t.value for t in EventType],
        statuses=[s.value for s in Status],
        sorts=list(EVENT_SORTS),
    )


def _download_records(request: Request, query: EventQuery) -> Iterator[dict[str, Any]]:
    with ledger(request) as store:
        ids = browse.iter_filtered_ids(store, query.filter, limit=MAX_DOWNLOAD, index=search_index(request, query))
        for i in range(0, len(ids), 500):
            part = browse.events_by_id(store, ids[i : i + 500])
            order = {event_id: n for n, event_id in enumerate(ids[i : i + 500])}
            part.sort(key=lambda r: order[r["id"]])
            chunk = [r["id"] for r in part]
            mentions, links = store.event_mentions(chunk), store.event_links(chunk)
            for row in part:
                yield event_record(row, mentions.get(row["id"], []), links.get(row["id"], []))


def download(request: Request) -> Response:
    """The current view of the events (every page, at most MAX_DOWNLOAD events) as CSV or JSON lines."""
    fmt = request.path_params["fmt"]
    if fmt not in {"csv", "jsonl"}:
        raise NotFoundError(f"no download as {fmt!r}; the events download as events.csv or events.jsonl")
    query = parse_event_query(request.query_params)
    with ledger(request):
        pass  # fail here, with a page, when the ledger cannot be opened; the stream opens its own connection

    def lines() -> Iterator[str]:
        records = _download_records(request, query)
        if fmt == "jsonl":
            for record in records:
                yield json.dumps(record, ensure_ascii=False) + "\n"
            return
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(EVENT_CSV_COLUMNS))
        writer.writeheader()
        for n, record in enumerate(records):
            writer.writerow(event_csv_row(record))
            if n % 200 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    media = "application/x-ndjson" if fmt == "jsonl" else "text/csv; charset=utf-8"
    disposition = f'attachment; filename="events.{fmt}"'
    return StreamingResponse(lines(), media_type=media, headers={"content-disposition": disposition})


def _group_copies(mentions: list[dict[str, Any]], origins: dict[str, str | None]) -> list[dict[str, Any]]:
    """Mentions with copies of another mention's article folded under it."""
    by_article = {m["article_id"]: m for m in mentions}
    shown: list[dict[str, Any]] = []
    copies: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        origin = origins.get(m["article_id"])
        if origin and origin in by_article and origin != m["article_id"]:
            copies.setdefault(origin, []).append(m)
        else:
            shown.append(m)
    out = []
    for m in shown:
        # An article's copies fold under its first mention only.
        out.append({"mention": m, "pieces": mention_pieces(m), "copies": copies.pop(m["article_id"], [])})
    return out


def event(request: Request) -> Response:
    check_known(request.query_params, ())
    asked = request.path_params["event_id"]
    with ledger(request) as store:
        row = found(store.event(asked), "event", asked, by_prefix=True)
        ids = [row["id"]]
        record = event_record(row, store.event_mentions(ids).get(ids[0], []), store.event_links(ids).get(ids[0], []))
        origins = browse.copy_origins(store, [m["article_id"] for m in record["mentions"]])
        linked = {
            r["id"]: event_view(r) for r in browse.events_by_id(store, [link["event"] for link in record["links"]])
        }
    merged_from = None if row["id"].startswith(asked) else asked
    by_mention = {m["mention_id"]: m for m in record["mentions"]}
    conflicts = [
        {
            "field": c["field"],
            "values": [
                {
                    "value": v["value"],
                    "mentions": [
                        {"mention": by_mention[mid], "pieces": mention_pieces(by_mention[mid])}
                        for mid in v["mentions"]
                        if mid in by_mention
                    ],
                }
                for v in c["values"]
            ],
        }
        for c in record["conflicts"]
    ]
    return page(
        request,
        "event.html",
        e=record,
        view=event_view(row),
        mentions=_group_copies(record["mentions"], origins),
        conflicts=conflicts,
        linked=linked,
        merged_from=merged_from,
    )


def article(request: Request) -> Response:
    check_known(request.query_params, ())
    article_id = request.path_params["article_id"]
    with ledger(request) as store:
        row = found(browse.article(store, article_id), "article", article_id)
        mentions = browse.article_mentions(store, article_id)
        copies = browse.article_copies(store, article_id)
    return page(
        request,
        "article.html",
        a=row,
        pieces=article_pieces(row["text"] or "", mentions),
        mentions=mentions,
        copies=copies,
        events=sorted({m["event_id"] for m in mentions if m["event_id"]}),
    )


def stories(request: Request) -> Response:
    check_known(request.query_params, ())
    with ledger(request) as store:
        rows = browse.story_list(store)
    return page(request, "stories.html", stories=rows)


def _story(store: Store, asked: str) -> dict[str, Any]:
    full = found(browse.story_id_for(store, asked), "story", asked, by_prefix=True)
    return store.stories(full)[0]


def story(request: Request) -> Response:
    since, until = parse_window(request.query_params)
    check_known(request.query_params, ("since", "until"))
    with ledger(request) as store:
        row = _story(store, request.path_params["story_id"])
        rows = browse.events_by_id(store, list(row["events"] or []))
        brief = story_brief(store, row["id"], since=since, until=until)
    return page(request, "story.html", s=row, rows=[event_view(r) for r in rows], brief=brief, since=since, until=until)


def actors(request: Request) -> Response:
    check_known(request.query_params, ())
    with ledger(request) as store:
        rows = store.actors()[:1000]
    return page(request, "actors.html", actors=rows)


def actor(request: Request) -> Response:
    since, until = parse_window(request.query_params)
    check_known(request.query_params, ("since", "until"))
    actor_id = request.path_params["actor_id"]
    with ledger(request) as store:
        listed = found(next(iter(store.actors(actor_id)), None), "actor", actor_id)
        rows = store.actor_events(actor_id)
        brief = actor_brief(store, actor_id, since=since, until=until) if listed["id"] else None
    counterparts: Counter[tuple[str, str | None]] = Counter()
    for r in rows:
        raw = r["target"] if r["role"] == "source" else r["source"]
        other = json.loads(raw) if raw else None
        if other:
            counterparts[(other["name"], other.get("id"))] += 1
    views = [event_view(r) | {"role": r["role"]} for r in rows]
    return page(
        request,
        "actor.html",
        a=listed,
        rows=views,
        counterparts=counterparts.most_common(20),
        brief=brief,
        since=since,
        until=until,
    )


# --- charts --------------------------------------------------------------------------------------------------
def _cached_in(state: Any, key: str, build: Any) -> Any:
    """What ``build(store)`` returns, kept while the ledger file is unchanged (aggregates over the whole ledger)."""
    stat = Path(state.db).stat()
    stamp = (key, stat.st_mtime_ns, stat.st_size)
    cache: dict[tuple[str, int, int], Any] = state.cache
    if stamp not in cache:
        shared: SharedLedger = state.ledger
        with shared.open() as store:
            value = build(store)
        if len(cache) > 256:
            cache.clear()
        cache[stamp] = value
    return cache[stamp]


def _cached(request: Request, key: str, build: Any) -> Any:
    return _cached_in(request.app.state, key, build)


def _svg(request: Request, key: str, build: Any) -> Response:
    """A chart's SVG, kept while the ledger file is unchanged."""
    svg = _cached(request, f"svg:{key}", lambda store: charts.render_svg(build(store)))
    return Response(svg, media_type="image/svg+xml")


def _weekly(store: Store) -> dict[str, Any]:
    return charts.weekly_chart(browse.weekly_counts(store))


def _map(store: Store) -> dict[str, Any]:
    return charts.place_map(browse.place_counts(store))


def weekly_svg(request: Request) -> Response:
    return _svg(request, "weekly", _weekly)


def map_svg(request: Request) -> Response:
    return _svg(request, "map", _map)


def prepare_overview(state: Any) -> None:
    """Start the chart engine, compute the overview's aggregates and build the text-search index, so that the first
    visitor does not wait for them."""
    try:
        charts.warm_up()
        _cached_in(state, "outlets", browse.outlet_counts)
        _cached_in(state, "svg:weekly", lambda store: charts.render_svg(_weekly(store)))
        _cached_in(state, "svg:map", lambda store: charts.render_svg(_map(store)))
        shared: SharedLedger = state.ledger
        with shared.open():
            shared.index()  # the first text search then need not build it
    except Exception:  # the pages compute what is missing themselves; this only saves the first visitor a wait
        log.warning("could not prepare the overview in advance", exc_info=True)


def story_svg(request: Request) -> Response:
    asked = request.path_params["story_id"]

    def build(store: Store) -> dict[str, Any]:
        rows = browse.events_by_id(store, list(_story(store, asked)["events"] or []))
        return charts.timeline_chart(rows, color="status", title="event date")

    return _svg(request, f"story:{asked}", build)


def actor_svg(request: Request) -> Response:
    actor_id = request.path_params["actor_id"]

    def build(store: Store) -> dict[str, Any]:
        return charts.timeline_chart(store.actor_events(actor_id), color="role", title="event date")

    return _svg(request, f"actor:{actor_id}", build)


# --- errors --------------------------------------------------------------------------------------------------
def _error(request: Request, status: int, message: str, parameter: str | None = None) -> Response:
    if request.url.path.startswith("/api/"):
        body: dict[str, Any] = {"error": {"status": status, "message": message}}
        if parameter:
            body["error"]["parameter"] = parameter
        return JSONResponse(body, status_code=status)
    return page(request, "error.html", status_code=status, status=status, message=message)


async def on_query_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, QueryError)
    return _error(request, 400, str(exc), exc.parameter)


async def on_not_found(request: Request, exc: Exception) -> Response:
    return _error(request, 404, str(exc))


async def on_store_error(request: Request, exc: Exception) -> Response:
    # A build holding the file (DuckDB allows one writer and no readers beside it) lands here too.
    log.warning("ledger unavailable: %s", exc)
    return _error(request, 503, "the ledger cannot be read right now (a build may be writing it); try again shortly")


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = "no such page" if exc.status_code == 404 else str(exc.detail)
    return _error(request, exc.status_code, message)


async def on_crash(request: Request, exc: Exception) -> Response:
    log.exception("error answering %s", request.url.path)
    return _error(request, 500, "internal error; the server log has the details")


def create_app(db: str | Path, *, warm_charts: bool = True) -> ASGIApp:
    """The app over one ledger file, which must exist and be a ledger (checked now, read per request)."""
    path = Path(db)
    Store(path, read_only=True).close()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if warm_charts:
            # In the background: the server answers at once, and the overview is ready a second or two later.
            threading.Thread(
                target=prepare_overview, args=(app.state,), name="newsledger-overview", daemon=True
            ).start()
        yield
        app.state.ledger.close()

    routes = [
        Route("/", overview),
        Route("/events", events),
        Route("/events.{fmt}", download),
        Route("/events/{event_id}", event),
        Route("/articles/{article_id}", article),
        Route("/stories", stories),
        Route("/stories/{story_id}", story),
        Route("/actors", actors),
        Route("/actors/{actor_id:path}", actor),
        Route("/charts/weekly.svg", weekly_svg),
        Route("/charts/map.svg", map_svg),
        Route("/charts/story/{story_id}.svg", story_svg),
        Route("/charts/actor/{actor_id}.svg", actor_svg),
        Mount("/api", routes=api.routes()),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
        Route("/favicon.ico", lambda request: RedirectResponse("/static/favicon.svg")),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={
            QueryError: on_query_error,
            NotFoundError: on_not_found,
            StoreError: on_store_error,
            HTTPException: on_http_error,
            Exception: on_crash,
        },
    )
    app.state.db = str(path)
    app.state.ledger = SharedLedger(path)
    app.state.templates = _environment()
    app.state.cache = {}
    return SecurityHeaders(app)
