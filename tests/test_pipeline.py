"""Tests for the whole build: idempotent re-runs, resuming an interrupted build, copies and corroboration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.errors import InputError, SettingsError
from newsledger.export import article_record, iter_event_records, story_record
from newsledger.pipeline import build_ledger, sample_inputs
from newsledger.settings import load_settings
from newsledger.store.ledger import Store


def _snapshot(db: Path) -> list[str]:
    with Store(db, read_only=True) as store:
        return sorted(json.dumps(r, sort_keys=True, default=str) for r in iter_event_records(store))


class _Stop(Exception):
    pass


def test_build_ledger_interrupted_build_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    paths, manifest = sample_inputs()
    settings = load_settings(None, ["store.batch_articles=3"])
    clean = tmp_path / "clean.duckdb"
    build_ledger(paths, db=clean, manifest=manifest, settings=settings)

    resumed = tmp_path / "resumed.duckdb"
    calls = 0

    def stop_after_two_batches(_stage: str, _n: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_ledger(paths, db=resumed, manifest=manifest, settings=settings, progress=stop_after_two_batches)
    with Store(resumed, read_only=True) as store:
        partial = store.counts()
        assert 0 < partial["articles"] < 20
        assert store.last_run()["status"] == "interrupted"  # type: ignore[index]
    report = build_ledger(paths, db=resumed, manifest=manifest, settings=settings)
    assert report.articles_seen == partial["articles"]
    assert report.articles_new == 20 - partial["articles"]
    assert _snapshot(resumed) == _snapshot(clean)


def _tables(db: Path) -> dict[str, list[str]]:
    with Store(db, read_only=True) as store:
        return {
            "events": _snapshot(db),
            "articles": sorted(json.dumps(article_record(r), sort_keys=True) for r in store.articles()),
            "stories": sorted(json.dumps(story_record(r), sort_keys=True, default=str) for r in store.stories()),
        }


def test_build_ledger_with_worker_processes_equals_the_one_process_build(sample_ledger: Path, tmp_path: Path) -> None:
    paths, manifest = sample_inputs()
    settings = load_settings(None, ["store.batch_articles=3"])  # several batches in flight at once
    db = tmp_path / "workers.duckdb"
    report = build_ledger(paths, db=db, manifest=manifest, settings=settings, workers=2)
    assert (report.articles_new, report.articles_seen) == (20, 0)
    assert _tables(db) == _tables(sample_ledger)
    # a second build with workers skips every stored article, as one process does
    again = build_ledger(paths, db=db, manifest=manifest, settings=settings, workers=2)
    assert (again.articles_new, again.mentions_new, again.articles_seen) == (0, 0, 20)
    assert _tables(db) == _tables(sample_ledger)


def test_build_ledger_on_a_local_dask_cluster_equals_the_one_process_build(sample_ledger: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    paths, manifest = sample_inputs()
    settings = load_settings(None, ["store.batch_articles=4"])
    db = tmp_path / "dask.duckdb"
    report = build_ledger(paths, db=db, manifest=manifest, settings=settings, dask="local:2")
    assert (report.articles_new, report.articles_seen) == (20, 0)
    assert _tables(db) == _tables(sample_ledger)


def test_build_ledger_dask_address_that_is_not_a_cluster_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    paths, manifest = sample_inputs()
    with pytest.raises(SettingsError, match=r"--dask 'local:zero': expected local:N"):
        build_ledger(paths, db=tmp_path / "l.duckdb", manifest=manifest, dask="local:zero")


def test_build_ledger_rerun_adds_nothing_and_keeps_events(sample_ledger: Path, tmp_path: Path) -> None:
    paths, manifest = sample_inputs()
    before = _snapshot(sample_ledger)
    copy = tmp_path / "again.duckdb"
    copy.write_bytes(sample_ledger.read_bytes())
    report = build_ledger(paths, db=copy, manifest=manifest)
    assert (report.articles_new, report.mentions_new, report.articles_seen) == (0, 0, 20)
    assert _snapshot(copy) == before


def test_build_ledger_sample_corpus_groups_the_syndicated_copy(sample_ledger: Path) -> None:
    with Store(sample_ledger, read_only=True) as store:
        copies = [(a["path"], a["copy_of"]) for a in store.articles() if a["copy_of"]]
        originals = {a["id"]: a for a in store.articles()}
    assert len(copies) == 1
    path, original = copies[0]
    assert path.endswith("steppe_daily_turkiye_agreement.txt")
    assert originals[original]["url"].startswith("https://nwire.example/")


def test_build_ledger_sample_corpus_counts_a_copy_once(sample_ledger: Path) -> None:
    with Store(sample_ledger, read_only=True) as store:
        records = list(iter_event_records(store))
    copied = [r for r in records if r["sources"]["articles"] == 2 and r["sources"]["independent"] == 1]
    assert copied, "an event reported only by the wire story and its copy counts one independent source"
    corroborated = [r for r in records if r["sources"]["independent"] >= 2]
    assert corroborated
    for r in corroborated:
        outlets = {m["outlet"] for m in r["mentions"]}
        assert len(outlets) >= 2


def test_build_ledger_sample_corpus_keeps_disagreement_with_both_sides(sample_ledger: Path) -> None:
    with Store(sample_ledger, read_only=True) as store:
        records = list(iter_event_records(store))
    quantity_conflicts = [c for r in records for c in r["conflicts"] if c["field"] == "quantity"]
    assert quantity_conflicts
    for conflict in quantity_conflicts:
        assert len(conflict["values"]) >= 2
        assert all(v["mentions"] for v in conflict["values"])


def test_build_ledger_nothing_readable_raises_input_error_and_records_skips(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "empty.txt").write_text("")
    db = tmp_path / "l.duckdb"
    with pytest.raises(InputError, match="nothing could be read"):
        build_ledger([str(corpus)], db=db)
    with Store(db, read_only=True) as store:
        assert [s["reason"] for s in store.skips()] == ["empty file"]


def test_build_ledger_event_ids_survive_an_earlier_report_added_later(tmp_path: Path) -> None:
    from tests.test_outlets import STORIES

    (tmp_path / "north").mkdir()
    (tmp_path / "south").mkdir()
    (tmp_path / "north" / "a.txt").write_text(STORIES["north"], encoding="utf-8")
    (tmp_path / "south" / "a.txt").write_text(STORIES["south"], encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "path,url,outlet,published\n"
        "north/a.txt,https://north.example/1,North Times,2025-03-06\n"
        "south/a.txt,https://south.example/1,South Times,2025-03-04\n",
        encoding="utf-8",
    )

    def aid_events(db: Path) -> list[dict[str, object]]:
        with Store(db, read_only=True) as store:
            return [r for r in iter_event_records(store) if r["type"] == "AID"]

    db = tmp_path / "ledger.duckdb"
    build_ledger([str(tmp_path / "north")], db=db, manifest=str(manifest))
    [before] = aid_events(db)
    build_ledger([str(tmp_path / "north"), str(tmp_path / "south")], db=db, manifest=str(manifest))
    [after] = aid_events(db)
    assert len(after["mentions"]) == 2  # type: ignore[arg-type]
    assert after["id"] == before["id"]

    fresh = tmp_path / "fresh.duckdb"
    build_ledger([str(tmp_path / "north"), str(tmp_path / "south")], db=fresh, manifest=str(manifest))
    [clean] = aid_events(fresh)
    assert clean["id"] != before["id"]  # a clean build names the event after its earliest report
    with Store(fresh, read_only=True) as store:
        assert store.event(str(before["id"])) is None


def test_build_ledger_archived_copies_count_as_their_original_sites(tmp_path: Path) -> None:
    from tests.conftest import DATA

    db = tmp_path / "ledger.duckdb"
    build_ledger([str(DATA / "archives" / "snapshots.jsonl")], db=db)
    with Store(db, read_only=True) as store:
        articles = {a["original_url"]: a for a in store.articles()}
        [event] = [r for r in iter_event_records(store) if r["type"] == "AID"]
        exported = [article_record(a) for a in store.articles()]
        stories = [story_record(s) for s in store.stories()]
    north = "https://www.north-times.example/2025/03/04/helicopters-delivered/"
    south = "https://south-herald.example/world/kazakhstan-mi17"
    update = "http://north-times.example/2025/03/04/helicopters-delivered?utm_source=feed"
    assert {k: (a["outlet"], a["url"]) for k, a in articles.items()} == {
        north: ("north-times.example", f"http://web.archive.org/web/20250304120000/{north}"),
        update: ("north-times.example", f"https://web.archive.org/web/20250306081500id_/{update}"),
        south: ("south-herald.example", f"https://web.archive.org/web/20250305093000/{south}"),
    }
    # The two snapshots of one page are one article: the later one is a copy of the first, whatever their texts.
    assert articles[update]["copy_of"] == articles[north]["id"] and articles[north]["copy_of"] is None
    assert {(m["outlet"], m["url"], m["original_url"]) for m in event["mentions"]} == {
        (a["outlet"], a["url"], k) for k, a in articles.items()
    }
    for rows in (exported, [a for s in stories for a in s["articles"]]):
        assert {(a["url"], a["original_url"]) for a in rows} == {(a["url"], k) for k, a in articles.items()}
    # Before, every archived article was archive.org's: one outlet, one source, nothing corroborated.
    assert event["sources"] == {"articles": 3, "outlets": 2, "independent": 2}


def test_build_ledger_parsing_only_candidate_sentences_keeps_the_sample_ledger(
    sample_ledger: Path, tmp_path: Path
) -> None:
    # The sample ledger is built with the default, annotate.candidates_only; every event sentence of the sample
    # corpus is a candidate, so parsing every sentence finds the same events, articles and stories.
    paths, manifest = sample_inputs()
    db = tmp_path / "parse-all.duckdb"
    build_ledger(paths, db=db, manifest=manifest, settings=load_settings(None, ["annotate.candidates_only=false"]))
    assert _tables(db) == _tables(sample_ledger)
