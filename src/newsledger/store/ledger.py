"""The ledger database: one DuckDB file, ordered migrations, batched Arrow writes, and the queries."""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from newsledger.errors import LedgerBusyError, StoreError
from newsledger.faults import fault_point
from newsledger.model import Article, Event, EventMention, Skip
from newsledger.store.lock import WriteLock, describe, read_holder
from newsledger.store.records import article_row, event_row, mention_from_row, mention_row

V = "VARCHAR"
TABLES: dict[str, dict[str, str]] = {
    "runs": {
        "id": V, "started_at": "TIMESTAMP", "finished_at": "TIMESTAMP", "status": V, "inputs": V,
        "documents": "INTEGER", "articles_new": "INTEGER", "articles_seen": "INTEGER", "skipped": "INTEGER",
        "mentions_new": "INTEGER", "events": "INTEGER", "extractor": V, "pack_version": V, "settings": V,
    },
    "articles": {
        "id": V, "source": V, "path": V, "url": V, "outlet": V, "published": "DATE", "title": V, "language": V,
        "text": V, "paragraphs": V, "fingerprint": "BLOB", "copy_of": V, "run_id": V, "names": V, "original_url": V,
    },
    "skips": {"source": V, "stage": V, "reason": V, "detail": V, "run_id": V},
    "mentions": {
        "id": V, "article_id": V, "type": V, "mode": V, "status": V, "source": V, "target": V, "equipment": V,
        "quantity": "BIGINT", "date_start": "DATE", "date_end": "DATE", "date_precision": V, "date_text": V,
        "location": V, "sentence_start": "INTEGER", "sentence_end": "INTEGER", "spans": V, "extractor": V,
        "words": V, "specific": "BOOLEAN", "attribution": V,
    },
    "events": {
        "id": V, "type": V, "mode": V, "status": V, "source": V, "target": V, "source_name": V,
        "source_country": V, "target_name": V, "target_country": V, "equipment": V, "quantity": "BIGINT",
        "date_start": "DATE", "date_end": "DATE", "date_precision": V, "date_text": V, "location": V,
        "articles": "INTEGER", "outlets": "INTEGER", "independent": "INTEGER", "conflicts": V, "extractor": V,
        "pack_version": V, "first_reported": "DATE", "last_reported": "DATE", "run_id": V, "specific": "BOOLEAN",
    },
    "event_mentions": {"event_id": V, "mention_id": V},
    "event_links": {"event_id": V, "other_id": V, "relation": V},
    "article_stories": {"article_id": V, "story_id": V},
    "story_state": {"name": V, "state": "BLOB"},
    # Ids of events that merged into another in a later build, so an id cited from an older ledger still resolves.
    "event_aliases": {"old_id": V, "event_id": V},
}  # fmt: skip
KEYS = {
    "runs": "id",
    "articles": "id",
    "skips": "source, stage",
    "mentions": "id",
    "events": "id",
    "event_mentions": "mention_id",
    "event_links": "event_id, other_id, relation",
    "article_stories": "article_id",
    "story_state": "name",
    "event_aliases": "old_id",
}
ARROW_TYPES = {
    V: pa.string(),
    "TIMESTAMP": pa.timestamp("us"),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DATE": pa.date32(),
    "BLOB": pa.binary(),
    "BOOLEAN": pa.bool_(),
}


def table_of(table: str, rows: Sequence[dict[str, Any]]) -> pa.Table:
    """Rows of one ledger table as an Arrow table with the ledger's column types."""
    schema = pa.schema([(name, ARROW_TYPES[kind]) for name, kind in TABLES[table].items()])
    return pa.Table.from_pylist(list(rows), schema=schema)


def batch_tables(
    *,
    run_id: str,
    articles: Sequence[tuple[Article, bytes]],
    mentions: Sequence[EventMention],
    names: Mapping[str, Sequence[str]],
) -> tuple[pa.Table, pa.Table]:
    """A batch's articles (with fingerprints and story names) and mentions as the ledger's Arrow tables; pure, so a
    worker process or a cluster node can make them and the one writer store them as they are."""
    rows = [article_row(a, fingerprint=f, run_id=run_id, names=names.get(a.id, ())) for a, f in articles]
    return table_of("articles", rows), table_of("mentions", [mention_row(m) for m in mentions])


# Columns that later migrations add: a ledger of schema 1 had none of them, and migration 1 creates its tables
# without them, so every ledger, fresh or upgraded, reaches its columns through the same ordered steps.
ADDED_LATER = {
    "mentions": ("words", "specific", "attribution"),
    "articles": ("names", "original_url"),
    "events": ("specific",),
}


def _create(table: str) -> str:
    later = ADDED_LATER.get(table, ())
    cols = ", ".join(f"{name} {kind}" for name, kind in TABLES[table].items() if name not in later)
    return f"CREATE TABLE IF NOT EXISTS {table} ({cols}, PRIMARY KEY ({KEYS[table]}))"


def _add_column(table: str, column: str) -> str:
    return f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {TABLES[table][column]}"


# Ordered migrations; each runs once and is recorded in the migrations table.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1,
        tuple(_create(t) for t in TABLES if t not in {"event_links", "article_stories", "story_state", "event_aliases"})
        + ("CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id)",),
    ),
    (2, (_create("event_links"),)),
    (3, (_create("article_stories"), _create("story_state"))),
    (4, (_create("event_aliases"),)),
    (5, (_add_column("mentions", "words"),)),
    # The names an article's entities give its story (JSON list); articles stored before have none.
    (6, (_add_column("articles", "names"),)),
    # The page an archived copy holds (archives.original_url); articles stored before have none recorded.
    (7, (_add_column("articles", "original_url"),)),
    # Whether a mention (an event) identifies one happening; rows stored before count as specific, as they did.
    (8, (_add_column("mentions", "specific"), _add_column("events", "specific"))),
    # Who reports each mention (JSON); mentions stored before have none recorded.
    (9, (_add_column("mentions", "attribution"),)),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


def apply_migrations(con: duckdb.DuckDBPyConnection, *, upto: int = SCHEMA_VERSION) -> None:
    """Run the migrations not yet recorded, up to version ``upto``, each in its own transaction."""
    con.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
    done = {r[0] for r in con.execute("SELECT version FROM migrations").fetchall()}
    for version, statements in MIGRATIONS:
        if version in done or version > upto:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for sql in statements:
                con.execute(sql)
            con.execute("INSERT INTO migrations VALUES (?, ?)", [version, _now()])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


# Orders the events table can be read in: name -> SQL expression (a whitelist: names come from URLs).
EVENT_SORTS: dict[str, str] = {
    "date": "date_start",
    "sources": "independent",
    "articles": "articles",
    "type": "type",
    "status": "status",
    "reported": "first_reported",
    "id": "id",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    type: str | None = None
    status: str | None = None
    actor: str | None = None
    # ISO alpha-3 code of a participant's or the place's country.
    country: str | None = None
    since: date | None = None
    until: date | None = None
    # Part of the place's name (any case), or its country code.
    place: str | None = None
    min_sources: int | None = None
    conflicts_only: bool = False
    # Words that one of the event's evidence sentences contains (any case).
    text: str | None = None
    sort: str = "date"
    descending: bool = False

    def __post_init__(self) -> None:
        if self.sort not in EVENT_SORTS:
            raise ValueError(f"sort {self.sort!r} is not one of {', '.join(EVENT_SORTS)}")


def event_where(flt: EventFilter, *, text_ids: Sequence[str] | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause (or '') and its parameters selecting the events a filter keeps.

    ``text_ids``: the events whose evidence holds ``flt.text``, when an index found them already (browse.py).
    """
    where: list[str] = []
    params: list[Any] = []
    if flt.type:
        where.append("type = ?")
        params.append(flt.type.upper())
    if flt.status:
        where.append("status = ?")
        params.append(flt.status.lower())
    if flt.actor:
        like = f"%{flt.actor.lower()}%"
        code = flt.actor.upper()
        where.append("(lower(source) LIKE ? OR lower(target) LIKE ? OR source_country = ? OR target_country = ?)")
        params += [like, like, code, code]
    if flt.country:
        code = flt.country.upper()
        where.append("(source_country = ? OR target_country = ? OR json_extract_string(location, '$.country') = ?)")
        params += [code, code, code]
    if flt.since:
        where.append("date_end >= ?")
        params.append(flt.since)
    if flt.until:
        where.append("date_start <= ?")
        params.append(flt.until)
    if flt.place:
        where.append(
            "(contains(lower(json_extract_string(location, '$.name')), ?)"
            " OR json_extract_string(location, '$.country') = ?)"
        )
        params += [flt.place.lower(), flt.place.upper()]
    if flt.min_sources:
        where.append("independent >= ?")
        params.append(flt.min_sources)
    if flt.conflicts_only:
        where.append("conflicts <> '[]'")
    if flt.text and text_ids is not None:
        where.append("id IN (SELECT unnest(?))")
        params.append(list(text_ids))
    elif flt.text:
        # The quoted sentence is text[start:end] of its article; DuckDB's substr counts characters from 1.
        where.append(
            "id IN (SELECT em.event_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
            " JOIN articles a ON a.id = m.article_id"
            " WHERE contains(lower(substr(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start)), ?))"
        )
        params.append(flt.text.lower())
    return (" WHERE " + " AND ".join(where) if where else ""), params


def event_order(flt: EventFilter) -> str:
    direction = " DESC" if flt.descending else ""
    return f" ORDER BY {EVENT_SORTS[flt.sort]}{direction} NULLS LAST, id{direction}"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


_LOCK_PID = re.compile(r"\(PID (\d+)\)")
# What the operating system says when a write cannot be done, as DuckDB passes it on, and what to do about it.
_WRITE_FAILURES = (
    (("No space left", "File too large", "Disk quota"), "the disk is full or a file size limit was reached",
     "free some space (or raise the limit), then run the same command again"),
    (("Permission denied", "Read-only file system", "Operation not permitted"), "the file or its folder is read-only",
     "make the ledger file and its folder writable, or give another file with --db"),
)  # fmt: skip


def _write_failure(text: str) -> str | None:
    """A sentence on a failed write (what happened, what to do), or None when the error is not about writing."""
    for needles, what, todo in _WRITE_FAILURES:
        if any(n.lower() in text.lower() for n in needles):
            detail = text.splitlines()[0] if text else ""
            return f"{what} ({detail}); {todo}"
    return None


def _check_writable(path: Path) -> None:
    """Refuse at once, before any write, a ledger whose file or folder is marked read-only.

    The mode bits are read as well as access(): a file without write bits is read-only by its owner's choice
    even for root, whom access() lets write anything.
    """
    if path.exists() and (not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK)):
        raise StoreError(
            f"{path}: the ledger file is read-only; make it writable (chmod u+w {path}) or give another file "
            "with --db. Queries (events, show, export) read it as it is."
        )
    folder = path.parent if str(path.parent) else Path(".")
    if folder.is_dir() and (not folder.stat().st_mode & 0o222 or not os.access(folder, os.W_OK)):
        raise StoreError(
            f"{path}: the ledger's folder {folder} is read-only, and a build writes its journal ({path.name}.wal) "
            "and lock there; make the folder writable or give a file in another folder with --db"
        )


class Store:
    """Owns the DuckDB connection. One process writes; readers open read-only."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        """Open the ledger: to write (one process at a time, holding the write lock beside the file) or, with
        ``read_only``, to read. A ledger that a build is writing cannot be opened; this raises LedgerBusyError at
        once, naming the build, and never waits. ``newsledger serve`` and every query command open it read-only.
        """
        self.path = str(path)
        self._lock: WriteLock | None = None
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no ledger here; build one first with 'newsledger build PATH'")
        if not read_only:
            _check_writable(Path(self.path))
            lock = WriteLock(self.path)
            holder = lock.acquire()
            if holder is not None:
                raise LedgerBusyError(
                    f"{self.path}: another build is writing this ledger: {describe(holder)}; wait for it to finish "
                    "(or stop it) and run this command again"
                )
            self._lock = lock
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            self._release()
            raise self._open_error(exc, read_only=read_only) from exc
        try:
            if not read_only:
                self._migrate()
            elif not self._has_table("articles"):
                raise StoreError(f"{self.path}: not a newsledger ledger (no articles table)")
        except BaseException:
            self.con.close()
            self._release()
            raise

    def _open_error(self, exc: duckdb.Error, *, read_only: bool) -> StoreError:
        text = str(exc)
        if "Conflicting lock" in text:
            holder = read_holder(self.path)
            if holder is not None:
                return LedgerBusyError(
                    f"{self.path} is being written by build {describe(holder)}; try again when it finishes, "
                    "or query a copy of the file made before it started"
                )
            pid = _LOCK_PID.search(text)
            who = f"process {pid.group(1)}" if pid else "another process"
            doing = "read" if read_only else "written"
            return LedgerBusyError(
                f"{self.path} is held open by {who} (a query or 'newsledger serve'), so it cannot be {doing} now; "
                "stop that process or wait for it to finish, then run this command again"
            )
        failed = _write_failure(text)
        if failed is not None:
            return StoreError(f"{self.path}: cannot open the ledger: {failed}")
        return StoreError(f"{self.path}: cannot open the ledger: {exc}")

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def close(self) -> None:
        try:
            self.con.close()
        except duckdb.Error as exc:
            failed = _write_failure(str(exc))
            if failed is None:
                raise
            raise StoreError(f"{self.path}: could not finish writing the ledger: {failed}") from exc
        finally:
            self._release()

    def cursor(self) -> Store:
        """A Store over a new cursor of this connection, for one thread (the web app shares one connection)."""
        clone = object.__new__(Store)
        clone.path = self.path
        clone.con = self.con.cursor()
        clone._lock = None  # the write lock, if any, stays with the connection's owner
        return clone

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is None:
            self.close()
            return
        # An error is on its way already: closing must not replace it with a second one.
        with suppress(StoreError, duckdb.Error):
            self.close()

    # --- schema --------------------------------------------------------------------------------
    def _has_table(self, name: str) -> bool:
        row = self.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()
        return bool(row and row[0])

    def _migrate(self) -> None:
        apply_migrations(self.con)

    # --- writes --------------------------------------------------------------------------------
    @contextmanager
    def _transaction(self, point: str = "") -> Iterator[None]:
        """All or nothing: the statements inside commit together, or none of them is kept. ``point`` names the
        transaction for the kill tests (faults.fault_point), which stop the process just before it commits."""
        try:
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield
                if point:
                    fault_point(point)
                self.con.execute("COMMIT")
            except BaseException:
                # A failed write can leave the connection unusable, and then the rollback fails too; the ledger
                # on disk still holds only what earlier transactions committed.
                with suppress(duckdb.Error):
                    self.con.execute("ROLLBACK")
                raise
        except duckdb.Error as exc:
            failed = _write_failure(str(exc))
            if failed is None:
                raise
            raise StoreError(
                f"{self.path}: could not write to the ledger: {failed}; nothing of this write was kept, and the "
                "ledger holds what it held before it"
            ) from exc

    def _insert(self, table: str, rows: Sequence[dict[str, Any]], *, replace: bool = True) -> None:
        if rows:
            self._insert_table(table, table_of(table, rows), replace=replace)

    def _insert_table(self, table: str, batch: pa.Table, *, replace: bool = True) -> None:
        if not batch.num_rows:
            return
        verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
        self.con.register("_batch", batch)
        try:
            # By name: a column added by a migration stands last in an upgraded ledger, wherever TABLES lists it.
            self.con.execute(f"{verb} INTO {table} BY NAME SELECT * FROM _batch")
        finally:
            self.con.unregister("_batch")

    def start_run(self, *, inputs: Sequence[str], extractor: str, pack_version: str, settings: str) -> str:
        run_id = uuid.uuid4().hex[:12]
        row = {
            "id": run_id, "started_at": _now(), "finished_at": None, "status": "running",
            "inputs": json.dumps(list(inputs)), "documents": 0, "articles_new": 0, "articles_seen": 0,
            "skipped": 0, "mentions_new": 0, "events": 0, "extractor": extractor,
            "pack_version": pack_version, "settings": settings,
        }  # fmt: skip
        with self._transaction():
            self._insert("runs", [row])
        return run_id

    def finish_run(self, run_id: str, *, status: str, counts: dict[str, int]) -> None:
        sets = ", ".join(f"{k} = ?" for k in counts)
        with self._transaction():
            self.con.execute(
                f"UPDATE runs SET finished_at = ?, status = ?, {sets} WHERE id = ?",
                [_now(), status, *counts.values(), run_id],
            )

    def write_batch(
        self,
        *,
        run_id: str,
        articles: Sequence[tuple[Article, bytes]],
        mentions: Sequence[EventMention],
        skips: Sequence[Skip],
        names: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """Write one batch in one transaction, so an interrupted build leaves whole articles or none.
        ``names``: each article's story names (``stories.story_names``)."""
        tables = batch_tables(run_id=run_id, articles=articles, mentions=mentions, names=names or {})
        self.write_tables(run_id=run_id, articles=tables[0], mentions=tables[1], skips=skips)

    def write_tables(self, *, run_id: str, articles: pa.Table, mentions: pa.Table, skips: Sequence[Skip]) -> None:
        """Write a batch made elsewhere (``batch_tables``, in a worker process) in one transaction."""
        with self._transaction("write"):
            self._insert_table("articles", articles, replace=False)
            self._insert_table("mentions", mentions)
            # A file that now reads fine is no longer a skip (unless this batch records a new reason).
            sources = articles.column("source").to_pylist()
            if sources:
                self.con.execute("DELETE FROM skips WHERE source IN (SELECT unnest(?))", [sources])
            skip_rows = [
                {
                    "source": s.source,
                    "stage": s.stage,
                    "reason": s.reason,
                    "detail": s.detail,
                    "run_id": run_id,
                }
                for s in skips
            ]
            self._insert("skips", skip_rows)

    def set_fingerprints(self, signatures: Mapping[str, bytes]) -> None:
        """Replace the stored MinHash signatures of these articles, in one transaction."""
        if not signatures:
            return
        rows = pa.Table.from_pylist(
            [{"id": k, "fingerprint": v} for k, v in signatures.items()],
            schema=pa.schema([("id", pa.string()), ("fingerprint", pa.binary())]),
        )
        with self._transaction():
            self.con.register("_prints", rows)
            self.con.execute("UPDATE articles SET fingerprint = p.fingerprint FROM _prints p WHERE articles.id = p.id")
            self.con.unregister("_prints")

    def set_copies(self, originals: dict[str, str]) -> None:
        rows = [{"id": k, "copy_of": v} for k, v in originals.items() if k != v]
        with self._transaction("copies"):
            self.con.execute("UPDATE articles SET copy_of = NULL")
            if rows:
                self.con.register("_copies", pa.Table.from_pylist(rows))
                self.con.execute("UPDATE articles SET copy_of = c.copy_of FROM _copies c WHERE articles.id = c.id")
                self.con.unregister("_copies")

    def replace_events(
        self,
        events: Sequence[Event],
        *,
        run_id: str,
        denials: Sequence[tuple[str, str]] = (),
        retired: Mapping[str, str] | None = None,
    ) -> None:
        """Events are derived from all mentions; each build replaces them whole, in one transaction.

        ``denials`` are (denial, claim) pairs, stored in both directions so either side finds the other.
        ``retired`` maps ids of earlier events that merged into another to the event that holds them now.
        """
        links = [{"event_id": e.id, "mention_id": m} for e in events for m in e.mention_ids]
        relations = [{"event_id": d, "other_id": c, "relation": "denies"} for d, c in denials]
        relations += [{"event_id": c, "other_id": d, "relation": "denied_by"} for d, c in denials]
        with self._transaction("merge"):
            self.con.execute("DELETE FROM event_links")
            self.con.execute("DELETE FROM event_mentions")
            self.con.execute("DELETE FROM events")
            self._insert("events", [event_row(e, run_id=run_id) for e in events])
            self._insert("event_mentions", links)
            self._insert("event_links", relations)
            if retired:
                self.con.execute("DELETE FROM event_aliases WHERE old_id IN (SELECT unnest(?))", [list(retired)])
                self._insert("event_aliases", [{"old_id": o, "event_id": n} for o, n in sorted(retired.items())])

    # --- reads ---------------------------------------------------------------------------------
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read query as dicts; for the read modules of store/ (browse.py), which hold their SQL."""
        return self._dicts(sql, params)

    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def article_ids(self) -> set[str]:
        """Every stored article's id (a build's worker processes skip these)."""
        return {r[0] for r in self.con.execute("SELECT id FROM articles").fetchall()}

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(set(ids))
        if not wanted:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [wanted]).fetchall()
        return {r[0] for r in rows}

    def fingerprints(self) -> list[tuple[str, date | None, bytes]]:
        return [
            (r[0], r[1], r[2]) for r in self.con.execute("SELECT id, published, fingerprint FROM articles").fetchall()
        ]

    def article_texts(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        return self._dicts(
            "SELECT id, published, text FROM articles WHERE id IN (SELECT unnest(?)) ORDER BY id", [list(ids)]
        )

    def article_infos(self) -> list[dict[str, Any]]:
        return self._dicts(
            "SELECT a.id, a.url, a.original_url, a.outlet, a.published, a.copy_of, s.story_id "
            "FROM articles a LEFT JOIN article_stories s ON s.article_id = a.id"
        )

    def iter_mentions(self) -> Iterator[EventMention]:
        cur = self.con.execute(f"SELECT {', '.join(TABLES['mentions'])} FROM mentions ORDER BY id")
        names = list(TABLES["mentions"])
        while rows := cur.fetchmany(10_000):
            for row in rows:
                yield mention_from_row(dict(zip(names, row, strict=True)))

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "mentions", "events", "skips", "runs"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        row = self.con.execute("SELECT count(*) FROM articles WHERE copy_of IS NOT NULL").fetchone()
        out["copies"] = int(row[0]) if row else 0
        return out

    def count_by(self, column: str) -> list[tuple[str, int]]:
        if column not in {"type", "status"}:
            raise ValueError(column)
        rows = self.con.execute(f"SELECT {column}, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
        return [(str(r[0]), int(r[1])) for r in rows]

    def events(
        self,
        flt: EventFilter = EventFilter(),
        *,
        limit: int | None = None,
        offset: int = 0,
        text_ids: Sequence[str] | None = None,
    ) -> list[dict[str, Any]]:
        where, params = event_where(flt, text_ids=text_ids)
        order = event_order(flt)
        if not limit:
            return self._dicts("SELECT * FROM events" + where + order, params)
        # A page: order and cut the narrow ids first, then read the wide rows of that page only.
        page = f"SELECT id FROM events{where}{order} LIMIT {int(limit)} OFFSET {int(offset)}"
        return self._dicts(f"SELECT * FROM events WHERE id IN ({page}){order}", params)

    def count_events(self, flt: EventFilter = EventFilter(), *, text_ids: Sequence[str] | None = None) -> int:
        where, params = event_where(flt, text_ids=text_ids)
        row = self.con.execute("SELECT count(*) FROM events" + where, params).fetchone()
        return int(row[0]) if row else 0

    def previous_event_ids(self) -> dict[str, str]:
        """mention id -> the id of the event that holds it now (before a rebuild replaces the events)."""
        return {m: e for m, e in self.con.execute("SELECT mention_id, event_id FROM event_mentions").fetchall()}

    def event(self, event_id: str) -> dict[str, Any] | None:
        """The event with this id or unique id prefix; an id retired by a merge leads to the event that took it."""
        rows = self._dicts("SELECT * FROM events WHERE id = ? OR id LIKE ? ORDER BY id", [event_id, f"{event_id}%"])
        if len(rows) == 1 or (rows and rows[0]["id"] == event_id):
            return rows[0]
        if rows:
            return None
        seen = {event_id}
        current = event_id
        # Follow aliases (an event can merge again in a later build); the seen set stops a cycle.
        while row := self.con.execute("SELECT event_id FROM event_aliases WHERE old_id = ?", [current]).fetchone():
            current = str(row[0])
            if current in seen:
                return None
            seen.add(current)
            found = self._dicts("SELECT * FROM events WHERE id = ?", [current])
            if found:
                return found[0]
        return None

    def event_mentions(self, event_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """Each event's mentions with the article fields the export contract needs."""
        if not event_ids:
            return {}
        # Three narrow steps (links, mentions, articles by id) rather than one join, which scans every article's text.
        links = self.con.execute(
            "SELECT mention_id, event_id FROM event_mentions WHERE event_id IN (SELECT unnest(?))", [list(event_ids)]
        ).fetchall()
        if not links:
            return {}
        holder = dict(links)
        mentions = self._dicts(f"SELECT * FROM mentions WHERE id IN ({', '.join('?' * len(holder))})", list(holder))
        if not mentions:
            return {}
        article_ids = sorted({m["article_id"] for m in mentions})
        articles = {
            a["id"]: a
            for a in self._dicts(
                "SELECT id, path, url, original_url, outlet, published, text AS article_text FROM articles"
                f" WHERE id IN ({', '.join('?' * len(article_ids))})",
                article_ids,
            )
        }
        rows = [m | {k: v for k, v in articles[m["article_id"]].items() if k != "id"} for m in mentions]
        rows.sort(key=lambda r: (r["published"] is None, r["published"] or date.min, r["id"]))
        out: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            out.setdefault(holder[row["id"]], []).append(row)
        return out

    def event_links(self, event_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        if not event_ids:
            return {}
        rows = self._dicts(
            "SELECT event_id, other_id, relation FROM event_links WHERE event_id IN (SELECT unnest(?))"
            " ORDER BY event_id, relation, other_id",
            [list(event_ids)],
        )
        out: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            out.setdefault(row["event_id"], []).append({"event": row["other_id"], "relation": row["relation"]})
        return out

    def actors(self, actor_id: str | None = None) -> list[dict[str, Any]]:
        """Every actor seen in the mentions, with each surface form and its number of mentions.

        Unknown actors (no id in the pack) are keyed by their folded text, so one spelling is one row.
        """
        parts = [
            f"SELECT json_extract_string({col}, '$.id') AS id, json_extract_string({col}, '$.name') AS name, "
            f"json_extract_string({col}, '$.country') AS country, json_extract_string({col}, '$.kind') AS kind, "
            f"json_extract_string({col}, '$.sector') AS sector, json_extract_string({col}, '$.text') AS text "
            f"FROM mentions WHERE {col} IS NOT NULL"
            for col in ("source", "target")
        ]
        sql = f"""
            WITH refs AS ({" UNION ALL ".join(parts)})
            SELECT coalesce(id, '?' || lower(text)) AS key, any_value(id) AS id, any_value(name) AS name,
                   any_value(kind) AS kind, any_value(country) AS country, any_value(sector) AS sector,
                   list(DISTINCT text ORDER BY text) AS aliases, count(*) AS mentions
            FROM refs GROUP BY key
            {"HAVING key = ?" if actor_id else ""}
            ORDER BY mentions DESC, key
        """
        return self._dicts(sql, [actor_id] if actor_id else [])

    def actor_events(self, actor_id: str) -> list[dict[str, Any]]:
        """The events an actor took part in, in time order, with its role in each."""
        return self._dicts(
            """
            SELECT CASE WHEN json_extract_string(source, '$.id') = ? THEN 'source' ELSE 'target' END AS role, *
            FROM events
            WHERE json_extract_string(source, '$.id') = ? OR json_extract_string(target, '$.id') = ?
            ORDER BY date_start NULLS LAST, id
            """,
            [actor_id, actor_id, actor_id],
        )

    def unstoried_articles(self) -> list[dict[str, Any]]:
        """Articles not yet assigned to a story, oldest first, with the actors, places and days of their mentions."""
        return self._dicts(
            """
            SELECT a.id, a.published, a.title, a.text, a.names,
                   list(DISTINCT m.type || ':' || coalesce(json_extract_string(m.source, '$.country'), '?') || '>'
                        || coalesce(json_extract_string(m.target, '$.country'), '?')) AS event_keys,
                   list(DISTINCT x.name) FILTER (WHERE x.name IS NOT NULL) AS entities,
                   list(DISTINCT m.date_start) FILTER (WHERE m.date_precision = 'day') AS event_days
            FROM articles a
            LEFT JOIN mentions m ON m.article_id = a.id
            LEFT JOIN (
                SELECT article_id, json_extract_string(source, '$.name') AS name FROM mentions
                UNION ALL SELECT article_id, json_extract_string(target, '$.name') FROM mentions
                UNION ALL SELECT article_id, json_extract_string(location, '$.name') FROM mentions
            ) x ON x.article_id = a.id
            WHERE a.id NOT IN (SELECT article_id FROM article_stories)
            GROUP BY a.id, a.published, a.title, a.text, a.names
            ORDER BY a.published NULLS LAST, a.id
            """
        )

    def story_state(self) -> bytes | None:
        row = self.con.execute("SELECT state FROM story_state WHERE name = 'stories'").fetchone()
        return bytes(row[0]) if row else None

    def save_stories(self, assignments: dict[str, str], state: bytes) -> None:
        """New article-to-story assignments and the clustering state, in one transaction."""
        with self._transaction("stories"):
            self._insert("article_stories", [{"article_id": a, "story_id": s} for a, s in assignments.items()])
            self._insert("story_state", [{"name": "stories", "state": state}])

    def stories(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """Stories with their articles (in publication order) and the events those articles report."""
        where = "WHERE s.story_id = ?" if story_id else ""
        return self._dicts(
            f"""
            SELECT s.story_id AS id,
                   arg_min(a.title, coalesce(a.published, DATE '9999-12-31')) AS title,
                   min(a.published) AS first_published, max(a.published) AS last_published,
                   list(struct_pack(article_id := a.id, path := a.path, url := a.url,
                                    original_url := a.original_url, outlet := a.outlet,
                                    published := a.published, copy_of := a.copy_of)
                        ORDER BY a.published NULLS LAST, a.id) AS articles,
                   (SELECT list(DISTINCT em.event_id ORDER BY em.event_id) FROM event_mentions em
                      JOIN mentions m ON m.id = em.mention_id
                      JOIN article_stories s2 ON s2.article_id = m.article_id
                     WHERE s2.story_id = s.story_id) AS events
            FROM article_stories s JOIN articles a ON a.id = s.article_id
            {where}
            GROUP BY s.story_id
            ORDER BY first_published NULLS LAST, s.story_id
            """,
            [story_id] if story_id else [],
        )

    def skips(self) -> list[dict[str, Any]]:
        return self._dicts("SELECT source, stage, reason, detail, run_id FROM skips ORDER BY source, stage")

    def articles(self) -> Iterator[dict[str, Any]]:
        cur = self.con.execute(
            "SELECT id, path, url, original_url, outlet, published, title, language, text, copy_of"
            " FROM articles ORDER BY id"
        )
        names = [d[0] for d in cur.description or []]
        while rows := cur.fetchmany(1000):
            for row in rows:
                yield dict(zip(names, row, strict=True))

    def content_digests(self) -> dict[str, str]:
        """A SHA-256 of each table's rows in a canonical order, leaving out which run wrote them (``run_id``) and
        the runs table itself: two ledgers with equal digests hold the same articles, mentions, events, sources,
        copies, stories and skips, however many builds (or interrupted ones) it took to make them."""
        out = {}
        for table in TABLES:
            if table == "runs" or not self._has_table(table):
                continue
            names = [c for c in TABLES[table] if c != "run_id" and self._has_column(table, c)]
            cols = ", ".join(names)
            digest = hashlib.sha256()
            cur = self.con.execute(f"SELECT {cols} FROM {table} ORDER BY {cols}")
            while rows := cur.fetchmany(10_000):
                for row in rows:
                    digest.update(repr(row).encode("utf-8", "surrogatepass"))
            out[table] = digest.hexdigest()
        return out

    def _has_column(self, table: str, column: str) -> bool:
        row = self.con.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?", [table, column]
        ).fetchone()
        return bool(row and row[0])

    def last_run(self) -> dict[str, Any] | None:
        rows = self._dicts("SELECT * FROM runs ORDER BY started_at DESC LIMIT 1")
        return rows[0] if rows else None
