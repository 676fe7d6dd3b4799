"""Tests for the DuckDB store: migrations, batched writes, round-trips, idempotent upserts, read-only errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.errors import StoreError
from newsledger.evaluation.sample import EXPECTED_FILE, sample_key
from newsledger.model import Article, EventType, Skip, Span, Status
from newsledger.store.ledger import ADDED_LATER, MIGRATIONS, TABLES, Store, apply_migrations
from tests.conftest import actor, mention

TEXT = "Fictional test text. Russia delivered helicopters to Iran on 3 March, officials said."


def _article(aid: str = "a1") -> Article:
    return Article(
        id=aid, source=f"{aid}.txt", path=f"{aid}.txt", url=None, outlet="x.example", published=date(2025, 3, 5),
        title="t", language="en", text=TEXT, paragraphs=(Span(start=0, end=len(TEXT)),),
    )  # fmt: skip


def test_store_migrations_run_once_and_reopen_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "l.duckdb"
    Store(db).close()
    with Store(db) as store:
        assert store.con.execute("SELECT count(*) FROM migrations").fetchone() == (len(MIGRATIONS),)


def test_store_read_only_on_missing_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store(tmp_path / "none.duckdb", read_only=True)
    assert (
        str(info.value) == f"{tmp_path / 'none.duckdb'}: no ledger here; build one first with 'newsledger build PATH'"
    )


def test_store_write_batch_twice_keeps_one_copy(tmp_path: Path) -> None:
    m = mention("m1", "a1", source=actor("Russia", "RUS"), target=actor("Iran", "IRN"), equipment=("Mi-17",))
    with Store(tmp_path / "l.duckdb") as store:
        run = store.start_run(inputs=["x"], extractor="t", pack_version="p", settings="{}")
        for _ in range(2):
            store.write_batch(run_id=run, articles=[(_article(), b"\x00" * 8)], mentions=[m], skips=[])
        assert store.counts()["articles"] == 1
        assert store.counts()["mentions"] == 1
        assert list(store.iter_mentions()) == [m]


def test_store_skip_is_replaced_not_duplicated_and_cleared_when_file_reads(tmp_path: Path) -> None:
    skip = Skip(stage="read", source="a1.txt", reason="empty file")
    with Store(tmp_path / "l.duckdb") as store:
        run = store.start_run(inputs=["x"], extractor="t", pack_version="p", settings="{}")
        store.write_batch(run_id=run, articles=[], mentions=[], skips=[skip])
        store.write_batch(run_id=run, articles=[], mentions=[], skips=[skip])
        assert [s["reason"] for s in store.skips()] == ["empty file"]
        store.write_batch(run_id=run, articles=[(_article(), b"")], mentions=[], skips=[])
        assert store.skips() == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    quantity=st.one_of(st.none(), st.integers(min_value=1, max_value=10**6)),
    status=st.sampled_from(list(Status)),
    type_=st.sampled_from(list(EventType)),
    equipment=st.lists(st.sampled_from(["Mi-17", "Su-25", "Pantsir"]), unique=True, max_size=3),
    target=st.one_of(st.none(), st.just(actor("Iran", "IRN")), st.just(actor("Unknown group"))),
)
def test_store_mention_round_trip_loses_nothing(tmp_path: Path, quantity, status, type_, equipment, target) -> None:
    m = mention(
        "m1", "a1", type=type_, status=status, source=actor("Russia", "RUS"), target=target,
        equipment=tuple(equipment), quantity=quantity,
    )  # fmt: skip
    db = tmp_path / f"rt-{abs(hash((quantity, status, type_, tuple(equipment), target)))}.duckdb"
    with Store(db) as store:
        run = store.start_run(inputs=[], extractor="t", pack_version="p", settings="{}")
        store.write_batch(run_id=run, articles=[(_article(), b"")], mentions=[m], skips=[])
        assert list(store.iter_mentions()) == [m]


def test_store_event_id_retired_by_a_merge_leads_to_the_event_that_took_it(tmp_path: Path) -> None:
    from dataclasses import replace

    from newsledger.settings import MergeSettings
    from newsledger.stages.merge import merge_mentions
    from tests.conftest import info

    m = mention("m1", "a1")
    [event] = merge_mentions([m], {"a1": info("a1", "x")}, settings=MergeSettings(), pack_version="p")
    with Store(tmp_path / "l.duckdb") as store:
        run = store.start_run(inputs=[], extractor="t", pack_version="p", settings="{}")
        store.write_batch(run_id=run, articles=[(_article(), b"\x00" * 8)], mentions=[m], skips=[])
        store.replace_events([replace(event, id="new-1")], run_id=run, retired={"old-1": "mid-1"})
        store.replace_events([replace(event, id="new-1")], run_id=run, retired={"mid-1": "new-1"})
        assert store.previous_event_ids() == {"m1": "new-1"}
        row = store.event("old-1")  # old-1 merged into mid-1, which merged into new-1
        assert row is not None and row["id"] == "new-1"
        assert store.event("unknown") is None
        store.replace_events([replace(event, id="new-2")], run_id=run, retired={"new-1": "old-1"})
        assert store.event("old-1") is None  # old-1 -> mid-1 -> new-1 -> old-1: a cycle ends, it does not loop


def test_store_upgrades_a_ledger_whose_mentions_lack_sentence_words(tmp_path: Path) -> None:
    from dataclasses import replace

    db = tmp_path / "l.duckdb"
    with Store(db) as store:  # made as a ledger of schema 4 was: no words column, migration 5 not applied
        store.con.execute("DROP INDEX mentions_article")
        store.con.execute("ALTER TABLE mentions DROP COLUMN words")
        store.con.execute("CREATE INDEX mentions_article ON mentions(article_id)")
        store.con.execute("DELETE FROM migrations WHERE version = 5")
    m = replace(mention("m1", "a1"), words=("deliver", "helicopter"))
    with Store(db) as store:
        run = store.start_run(inputs=[], extractor="t", pack_version="p", settings="{}")
        store.write_batch(run_id=run, articles=[(_article(), b"\x00" * 8)], mentions=[m], skips=[])
        assert list(store.iter_mentions()) == [m]


def test_store_upgrades_a_ledger_whose_articles_lack_story_names(tmp_path: Path) -> None:
    db = tmp_path / "l.duckdb"
    with Store(db) as store:  # made as a ledger of schema 5 was: no names column, migration 6 not applied
        run = store.start_run(inputs=[], extractor="t", pack_version="p", settings="{}")
        store.write_batch(run_id=run, articles=[(_article("old"), b"\x00" * 8)], mentions=[], skips=[])
        store.con.execute("ALTER TABLE articles DROP COLUMN names")
        store.con.execute("DELETE FROM migrations WHERE version = 6")
    with Store(db) as store:
        run = store.start_run(inputs=[], extractor="t", pack_version="p", settings="{}")
        store.write_batch(
            run_id=run, articles=[(_article("new"), b"\x00" * 8)], mentions=[], skips=[],
            names={"new": ("russia", "year:2025")},
        )  # fmt: skip
        rows = {r["id"]: r["names"] for r in store.unstoried_articles()}
        assert rows == {"old": None, "new": '["russia", "year:2025"]'}


def test_store_upgrades_a_ledger_whose_articles_lack_original_urls(tmp_path: Path) -> None:
    from dataclasses import replace

    db = tmp_path / "l.duckdb"
    wayback = "https://web.archive.org/web/2016/http://fox59.com/2014/06/15/x/"
    with Store(db) as store:  # made as a ledger of schema 6 was: no original_url column, migration 7 not applied
        run = store.start_run(inputs=[], extractor="t", pack_version="p", settings="{}")
        store.write_batch(
            run_id=run, articles=[(replace(_article("old"), url=wayback), b"\x00" * 8)], mentions=[], skips=[]
        )
        store.con.execute("ALTER TABLE articles DROP COLUMN original_url")
        store.con.execute("DELETE FROM migrations WHERE version = 7")
    new = replace(_article("new"), url=wayback, original_url="http://fox59.com/2014/06/15/x/")
    with Store(db) as store:
        run = store.start_run(inputs=[], extractor="t", pack_version="p", settings="{}")
        store.write_batch(run_id=run, articles=[(new, b"\x00" * 8)], mentions=[], skips=[])
        rows = {r["id"]: (r["url"], r["original_url"]) for r in store.articles()}
        assert rows == {"old": (wayback, None), "new": (wayback, "http://fox59.com/2014/06/15/x/")}
        assert {r["id"]: r["original_url"] for r in store.article_infos()} == {k: v[1] for k, v in rows.items()}


def _rows(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> list[str]:
    got = con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
    return sorted(json.dumps(list(r), default=repr) for r in got)


def test_store_opens_a_ledger_of_schema_1_and_migrates_without_loss(sample_ledger: Path, tmp_path: Path) -> None:
    """A ledger made by migration 1 alone, holding a whole build's rows, opens with the current code; every row
    is still there, and a build over it recognises every article and keeps every event id."""
    from newsledger.pipeline import build_ledger, sample_inputs

    old = tmp_path / "schema1.duckdb"
    con = duckdb.connect(str(old))
    apply_migrations(con, upto=1)
    tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
    assert sorted(tables) == ["articles", "event_mentions", "events", "mentions", "migrations", "runs", "skips"]
    columns = {t: [c for c in TABLES[t] if c not in ADDED_LATER.get(t, ())] for t in tables if t != "migrations"}
    con.execute(f"ATTACH '{sample_ledger}' AS src (READ_ONLY)")
    for table, cols in columns.items():
        con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(cols)} FROM src.{table}")
    con.execute("DETACH src")
    con.execute("INSERT INTO skips VALUES ('bad.txt', 'read', 'empty file', '', 'r1')")
    # Its fingerprints were made with another MinHash size (64 permutations): they cannot compare with new ones.
    for article_id, signature in con.execute("SELECT id, fingerprint FROM articles").fetchall():
        con.execute("UPDATE articles SET fingerprint = ? WHERE id = ?", [bytes(signature)[: 4 * 65], article_id])
    before = {t: _rows(con, t, cols) for t, cols in columns.items()}
    event_ids = [r[0] for r in con.execute("SELECT id FROM events").fetchall()]
    con.close()
    assert all(before.values()) and event_ids

    with Store(old) as store:
        after = {t: _rows(store.con, t, cols) for t, cols in columns.items()}
        versions = [r[0] for r in store.con.execute("SELECT version FROM migrations ORDER BY 1").fetchall()]
    assert after == before
    assert versions == [v for v, _ in MIGRATIONS]

    paths, manifest = sample_inputs()
    report = build_ledger(paths, db=old, manifest=manifest)
    assert (report.articles_new, report.mentions_new, report.articles_seen) == (0, 0, 20)
    with Store(old, read_only=True) as upgraded, Store(sample_ledger, read_only=True) as current:
        assert all(upgraded.event(e) is not None for e in event_ids)
        copies = {r["id"]: r["copy_of"] for r in current.articles()}
        assert {r["id"]: r["copy_of"] for r in upgraded.articles()} == copies
        assert any(copies.values())  # the sample's syndicated copy is found again with the new fingerprints

        # Articles stored before migration 6 have no story names, so their stories come from fewer names: they may
        # split what a fresh build joins, never join what it keeps apart, and keep every story a reader expects.
        def partition(store: Store) -> dict[str, frozenset[str]]:
            groups = [frozenset(a["article_id"] for a in s["articles"]) for s in store.stories()]
            return {article: group for group in groups for article in group}

        fresh, migrated = partition(current), partition(upgraded)
        assert fresh.keys() == migrated.keys()
        assert all(migrated[a] <= fresh[a] for a in migrated)
        source = {i: sample_key(src) for i, src in current.con.execute("SELECT id, source FROM articles").fetchall()}
        expected = json.loads(EXPECTED_FILE.read_text(encoding="utf-8"))["stories"]
        for story in expected:
            ids = {a for a, key in source.items() if key in story}
            assert len(ids) == len(story) and all(migrated[a] >= ids for a in ids), story
