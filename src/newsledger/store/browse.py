"""Read queries the web app and the briefs need: pages of events, an article's mentions, overview aggregates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from newsledger.store.ledger import EventFilter, Store, event_order, event_where


class EvidenceIndex:
    """Every evidence sentence, lower-cased, in an in-memory table: text search reads this narrow copy instead of
    cutting each sentence out of the articles' texts. Built once per open ledger (about a second per 100,000
    events); it does not follow later builds, so its owner rebuilds it when it reopens the ledger."""

    def __init__(self, store: Store) -> None:
        cursor = store.con.cursor()
        try:
            table = cursor.sql(
                "SELECT em.event_id, lower(substr(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start))"
                " AS sentence FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
                " JOIN articles a ON a.id = m.article_id"
            ).to_arrow_table()
        finally:
            cursor.close()
        self.con = duckdb.connect(":memory:")
        self.con.register("_evidence", table)
        self.con.execute("CREATE TABLE evidence AS SELECT * FROM _evidence")
        self.con.unregister("_evidence")

    def matching(self, text: str) -> list[str]:
        """Ids of the events one of whose evidence sentences contains ``text`` (any case)."""
        cursor = self.con.cursor()
        try:
            rows = cursor.execute(
                "SELECT DISTINCT event_id FROM evidence WHERE contains(sentence, ?)", [text.lower()]
            ).fetchall()
        finally:
            cursor.close()
        return [r[0] for r in rows]

    def close(self) -> None:
        self.con.close()


def events_page(
    store: Store, flt: EventFilter, *, offset: int, limit: int, index: EvidenceIndex | None = None
) -> tuple[list[dict[str, Any]], int]:
    """One page of the events a filter keeps, in its order, and how many it keeps in all."""
    text_ids = index.matching(flt.text) if index is not None and flt.text else None
    return store.events(flt, limit=limit, offset=offset, text_ids=text_ids), store.count_events(flt, text_ids=text_ids)


def iter_filtered_ids(store: Store, flt: EventFilter, *, limit: int, index: EvidenceIndex | None = None) -> list[str]:
    """The ids of at most ``limit`` events a filter keeps, in its order (downloads of a view)."""
    text_ids = index.matching(flt.text) if index is not None and flt.text else None
    where, params = event_where(flt, text_ids=text_ids)
    rows = store.rows(f"SELECT id FROM events{where}{event_order(flt)} LIMIT {int(limit)}", params)
    return [r["id"] for r in rows]


def events_by_id(store: Store, ids: Sequence[str]) -> list[dict[str, Any]]:
    """The events with these ids, in date order."""
    if not ids:
        return []
    return store.rows(
        "SELECT * FROM events WHERE id IN (SELECT unnest(?)) ORDER BY date_start NULLS LAST, id", [list(ids)]
    )


def distinct_values(store: Store, column: str) -> list[str]:
    """The values an event column takes, for the filter menus."""
    if column not in {"type", "status"}:
        raise ValueError(column)
    return [str(r["v"]) for r in store.rows(f"SELECT DISTINCT {column} AS v FROM events ORDER BY 1")]


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """One article with its text, story and copy group."""
    rows = store.rows(
        "SELECT a.id, a.path, a.url, a.original_url, a.outlet, a.published, a.title, a.language, a.text, a.copy_of,"
        " s.story_id FROM articles a LEFT JOIN article_stories s ON s.article_id = a.id WHERE a.id = ?",
        [article_id],
    )
    return rows[0] if rows else None


def article_mentions(store: Store, article_id: str) -> list[dict[str, Any]]:
    """An article's mentions in text order, each with the event that holds it."""
    return store.rows(
        "SELECT m.*, em.event_id FROM mentions m LEFT JOIN event_mentions em ON em.mention_id = m.id"
        " WHERE m.article_id = ? ORDER BY m.sentence_start, m.id",
        [article_id],
    )


def article_copies(store: Store, article_id: str) -> list[dict[str, Any]]:
    """Articles that are copies of this one."""
    return store.rows(
        "SELECT id, outlet, published, url FROM articles WHERE copy_of = ? ORDER BY published NULLS LAST, id",
        [article_id],
    )


def article_texts(store: Store, ids: Sequence[str]) -> dict[str, str]:
    """The stored text of each article, to check quotes against."""
    if not ids:
        return {}
    rows = store.rows("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?))", [list(set(ids))])
    return {r["id"]: r["text"] for r in rows}


def story_id_for(store: Store, prefix: str) -> str | None:
    """The story with this id or unique id prefix."""
    rows = store.rows(
        "SELECT DISTINCT story_id FROM article_stories WHERE story_id = ? OR starts_with(story_id, ?)"
        " ORDER BY 1 LIMIT 2",
        [prefix, prefix],
    )
    if len(rows) == 1 or (rows and rows[0]["story_id"] == prefix):
        return str(rows[0]["story_id"])
    return None


def weekly_counts(store: Store) -> list[dict[str, Any]]:
    """Events per week (Monday of the event's start) and type."""
    return store.rows(
        "SELECT date_trunc('week', date_start) AS week, type, count(*) AS events FROM events"
        " WHERE date_start IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"
    )


def place_counts(store: Store, *, limit: int = 2000) -> list[dict[str, Any]]:
    """Places with coordinates and how many events happened there, most first."""
    return store.rows(
        f"""
        SELECT json_extract_string(location, '$.name') AS name, json_extract_string(location, '$.country') AS country,
               CAST(json_extract(location, '$.lat') AS DOUBLE) AS lat,
               CAST(json_extract(location, '$.lon') AS DOUBLE) AS lon,
               count(*) AS events
        FROM events WHERE location IS NOT NULL AND json_extract(location, '$.lat') IS NOT NULL
        GROUP BY 1, 2, 3, 4 ORDER BY events DESC, name LIMIT {int(limit)}
        """
    )


def outlet_counts(store: Store) -> list[dict[str, Any]]:
    """Each outlet: the events it reports, and how many of them no other outlet reports."""
    return store.rows(
        """
        WITH pairs AS (
            SELECT DISTINCT em.event_id, coalesce(a.outlet, '(no outlet)') AS outlet
            FROM event_mentions em JOIN mentions m ON m.id = em.mention_id JOIN articles a ON a.id = m.article_id
        ), per_event AS (SELECT event_id, count(*) AS outlets FROM pairs GROUP BY 1)
        SELECT p.outlet, count(*) AS events, count(*) FILTER (WHERE e.outlets = 1) AS alone
        FROM pairs p JOIN per_event e USING (event_id)
        GROUP BY 1 ORDER BY events DESC, outlet
        """
    )


def totals(store: Store) -> dict[str, int]:
    """How many events, articles, stories and actors the ledger holds."""
    counts = store.counts()
    row = store.rows("SELECT count(DISTINCT story_id) AS n FROM article_stories")
    return counts | {"stories": int(row[0]["n"]) if row else 0}


def story_list(store: Store, *, limit: int = 500) -> list[dict[str, Any]]:
    """Stories, newest first, with their article and outlet counts."""
    return store.rows(
        f"""
        SELECT s.story_id AS id, arg_min(a.title, coalesce(a.published, DATE '9999-12-31')) AS title,
               min(a.published) AS first_published, max(a.published) AS last_published,
               count(*) AS articles, count(DISTINCT a.outlet) AS outlets
        FROM article_stories s JOIN articles a ON a.id = s.article_id
        GROUP BY s.story_id ORDER BY last_published DESC NULLS LAST, s.story_id LIMIT {int(limit)}
        """
    )


def copy_origins(store: Store, article_ids: Sequence[str]) -> dict[str, str | None]:
    """Each article's original when it is a copy (None when it is not)."""
    if not article_ids:
        return {}
    rows = store.rows("SELECT id, copy_of FROM articles WHERE id IN (SELECT unnest(?))", [list(set(article_ids))])
    return {r["id"]: r["copy_of"] for r in rows}
