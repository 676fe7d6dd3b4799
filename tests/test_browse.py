"""The web's read queries: the wider event filter, the evidence index, and the shared read-only connection."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.errors import StoreError
from newsledger.store import browse
from newsledger.store.ledger import EventFilter, Store
from newsledger.web.shared import SharedLedger


def test_event_filter_text_search_with_index_equals_the_scan(sample_ledger: Path) -> None:
    with Store(sample_ledger, read_only=True) as store:
        index = browse.EvidenceIndex(store)
        try:
            for words in ("mi-17", "PANTSIR", "kabul airport", "denied", "no such words at all"):
                flt = EventFilter(text=words, sort="sources", descending=True)
                scanned = browse.events_page(store, flt, offset=0, limit=200)
                indexed = browse.events_page(store, flt, offset=0, limit=200, index=index)
                assert [r["id"] for r in indexed[0]] == [r["id"] for r in scanned[0]], words
                assert indexed[1] == scanned[1]
            assert browse.events_page(store, EventFilter(text="mi-17"), offset=0, limit=200)[1] > 0
        finally:
            index.close()


def test_event_filter_pages_partition_the_ordered_events(sample_ledger: Path) -> None:
    with Store(sample_ledger, read_only=True) as store:
        flt = EventFilter(sort="type")
        whole = [r["id"] for r in store.events(flt)]
        pages = [r["id"] for page in range(0, len(whole), 7) for r in store.events(flt, limit=7, offset=page)]
    assert pages == whole and len(whole) > 20


def test_event_filter_refuses_an_unknown_sort() -> None:
    with pytest.raises(ValueError, match="sort 'name' is not one of date, sources"):
        EventFilter(sort="name")


def test_outlet_counts_count_events_an_outlet_alone_reports(sample_ledger: Path) -> None:
    with Store(sample_ledger, read_only=True) as store:
        outlets = {r["outlet"]: r for r in browse.outlet_counts(store)}
        records = store.events()
        mentions = store.event_mentions([r["id"] for r in records])
    alone: dict[str, int] = {}
    for rows in mentions.values():
        names = {m["outlet"] or "(no outlet)" for m in rows}
        if len(names) == 1:
            name = names.pop()
            alone[name] = alone.get(name, 0) + 1
    assert {k: v["alone"] for k, v in outlets.items() if v["alone"]} == alone


def test_shared_ledger_lets_a_build_open_the_file_once_idle(sample_ledger: Path, tmp_path: Path) -> None:
    db = tmp_path / "ledger.duckdb"
    shutil.copy(sample_ledger, db)
    shared = SharedLedger(db, idle=0.3)
    try:
        with shared.open() as store:
            assert store.count_events() > 0
            # While a request holds the file, a writer cannot open it; it is told so, not left waiting.
            with pytest.raises(StoreError, match="cannot open the ledger"):
                Store(db)
        deadline = time.monotonic() + 10
        while True:
            try:
                Store(db).close()
                break
            except StoreError:
                assert time.monotonic() < deadline, "the shared connection was not released after the idle time"
                time.sleep(0.1)
        with shared.open() as store:  # opens again after the writer is gone
            assert store.count_events() > 0
    finally:
        shared.close()


def test_cli_serve_refuses_a_missing_ledger(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "none.duckdb: no ledger here; build one first with 'newsledger build PATH'" in " ".join(
        result.stderr.split()
    )
