"""Write the ledger's tables as Parquet, partitioned by month, for DuckDB, Spark or pandas users.

Each table is written by DuckDB's own COPY into ``DIR/<table>/month=YYYY-MM/*.parquet`` (hive partitioning);
rows without a date go under ``month=undated``. Actors and spans stay JSON text, as in the ledger, so that a
reader needs no schema of ours to load them; the ids join the tables as they do in the ledger.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from newsledger.errors import StoreError
from newsledger.store.ledger import Store

MONTH = "coalesce(strftime({col}, '%Y-%m'), 'undated')"

# One SELECT per table; each gives a `month` column to partition on.
QUERIES: dict[str, str] = {
    "events": f"""
        SELECT e.* EXCLUDE (run_id),
               (SELECT list(em.mention_id ORDER BY em.mention_id) FROM event_mentions em
                 WHERE em.event_id = e.id) AS mention_ids,
               {MONTH.format(col="coalesce(e.date_start, e.first_reported)")} AS month
        FROM events e
    """,
    "mentions": f"""
        SELECT m.* EXCLUDE (words), em.event_id, a.published,
               substr(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start) AS sentence,
               {MONTH.format(col="coalesce(a.published, m.date_start)")} AS month
        FROM mentions m
        JOIN articles a ON a.id = m.article_id
        LEFT JOIN event_mentions em ON em.mention_id = m.id
    """,
    "articles": f"""
        SELECT a.* EXCLUDE (fingerprint, paragraphs, names, run_id), s.story_id,
               {MONTH.format(col="a.published")} AS month
        FROM articles a
        LEFT JOIN article_stories s ON s.article_id = a.id
    """,
    "stories": f"""
        SELECT s.story_id AS id, count(*) AS articles,
               count(*) FILTER (WHERE a.copy_of IS NULL) AS originals,
               count(DISTINCT a.outlet) AS outlets,
               min(a.published) AS first_published, max(a.published) AS last_published,
               arg_min(a.title, coalesce(a.published, DATE '9999-12-31')) AS title,
               {MONTH.format(col="min(a.published)")} AS month
        FROM article_stories s JOIN articles a ON a.id = s.article_id
        GROUP BY s.story_id
    """,
}


def export_parquet(store: Store, out: Path) -> dict[str, int]:
    """Write events, mentions, articles and stories under ``out``; return the rows written per table.

    A table's folder is replaced as a whole, so re-running the export never leaves rows of an older one beside it.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{out}: cannot create the Parquet folder: {exc}; choose a writable --out") from exc
    written: dict[str, int] = {}
    for table, query in QUERIES.items():
        folder = out / table
        staging = out / f".{table}.partial"
        shutil.rmtree(staging, ignore_errors=True)
        count = store.con.execute(f"SELECT count(*) FROM ({query})").fetchone()
        written[table] = int(count[0]) if count else 0
        try:
            if written[table]:
                path = str(staging).replace("'", "''")
                store.con.execute(f"COPY ({query}) TO '{path}' (FORMAT parquet, PARTITION_BY (month))")
            else:
                staging.mkdir()
            shutil.rmtree(folder, ignore_errors=True)
            staging.rename(folder)
        except (OSError, duckdb.Error) as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise StoreError(f"{folder}: cannot write Parquet: {exc}") from exc
    return written
