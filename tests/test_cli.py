"""End-to-end tests of the command line on the sample corpus and on bad input."""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from newsledger.cli import app

runner = CliRunner()
FICTION = "Fictional fixture written for newsledger's tests."
GOOD = (
    f"{FICTION}\n\nRussia delivered four Mi-17 helicopters to Afghanistan on 3 March 2025, the ministry said. "
    "The aircraft landed at the airport in the capital after a long flight."
)


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_events_jsonl_follows_export_contract(sample_ledger: Path) -> None:
    code, out, _ = _run("events", "--db", str(sample_ledger), "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records
    keys = {"id", "type", "mode", "status", "source", "target", "equipment", "quantity", "date", "location",
            "mentions", "sources", "conflicts"}  # fmt: skip
    for rec in records:
        assert keys <= rec.keys()
        assert set(rec["sources"]) == {"articles", "outlets", "independent"}
        for m in rec["mentions"]:
            assert {"article_id", "path", "url", "outlet", "published", "sentence", "spans"} <= m.keys()


def test_cli_export_every_span_quotes_its_article_text(sample_ledger: Path) -> None:
    _, articles_out, _ = _run("export", "--db", str(sample_ledger), "--what", "articles")
    texts = {a["id"]: a["text"] for a in map(json.loads, articles_out.splitlines())}
    _, events_out, _ = _run("export", "--db", str(sample_ledger))
    checked = 0
    for rec in map(json.loads, events_out.splitlines()):
        for m in rec["mentions"]:
            text = texts[m["article_id"]]
            s = m["sentence"]
            assert text[s["start"] : s["end"]] == s["text"]
            for name, spans in m["spans"].items():
                for span in [] if spans is None else spans if name == "equipment" else [spans]:
                    assert s["start"] <= span[0] < span[1] <= s["end"], (name, span)
                    checked += 1
    assert checked > 20


def test_cli_events_filters_by_type_status_and_dates(sample_ledger: Path) -> None:
    _, out, _ = _run(
        "events", "--db", str(sample_ledger), "--format", "jsonl", "--type", "aid", "--since", "2025-01-01"
    )
    recs = [json.loads(line) for line in out.splitlines()]
    assert recs and all(r["type"] == "AID" and r["date"]["end"] >= "2025-01-01" for r in recs)
    _, out, _ = _run("events", "--db", str(sample_ledger), "--format", "csv", "--status", "denied")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert all(r["status"] == "denied" for r in rows)


def test_cli_show_marks_each_field_of_each_mention(sample_ledger: Path) -> None:
    _, out, _ = _run("events", "--db", str(sample_ledger), "--format", "jsonl", "--min-sources", "2")
    rec = json.loads(out.splitlines()[0])
    code, shown, _ = _run("show", rec["id"][:8], "--db", str(sample_ledger))
    assert code == 0
    assert f"event {rec['id']}" in shown
    assert shown.count("trigger=") == len(rec["mentions"])


def test_cli_show_unknown_event_exits_1_with_message(sample_ledger: Path) -> None:
    code, _, err = _run("show", "nosuchevent", "--db", str(sample_ledger))
    assert code == 1
    assert "no event 'nosuchevent'" in err


def test_cli_build_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    db = str(tmp_path / "l.duckdb")
    assert _run("build", str(tmp_path / "a.txt"), "--db", db, "-q")[0] == 0
    _, first, _ = _run("export", "--db", db)
    code, summary, _ = _run("build", str(tmp_path / "a.txt"), "--db", db, "-q")
    _, second, _ = _run("export", "--db", db)
    assert code == 0
    assert "0 / 1" in summary  # articles added / already in ledger
    assert first == second


def test_cli_build_bad_inputs_are_skipped_with_reasons_and_batch_goes_on(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "binary.html").write_bytes(b"\x00\x01\x02\xff" * 100)
    (corpus / "big.txt").write_text("x" * 2000, encoding="utf-8")
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4")
    with gzip.open(corpus / "feed.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": GOOD.replace("four", "five"), "outlet": "feed.example"}) + "\n")
        handle.write("{not json\n")
    db = str(tmp_path / "l.duckdb")
    code, _, err = _run("build", str(corpus), "--db", db, "-q", "--set", "read.max_bytes=1500")
    assert code == 0
    assert "skipped" in err
    _, out, _ = _run("skips", "--db", db, "--format", "jsonl")
    skipped = {Path(s["source"]).name: s["reason"] for s in map(json.loads, out.splitlines())}
    assert set(skipped) == {"empty.txt", "binary.html", "big.txt", "notes.pdf", "feed.jsonl.gz:2"}
    _, out, _ = _run("export", "--db", db, "--what", "articles")
    assert len(out.splitlines()) == 2


def test_cli_build_nothing_readable_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, _, err = _run("build", str(tmp_path), "--db", str(tmp_path / "l.duckdb"), "-q")
    assert code == 1
    assert "nothing could be read" in err


def test_cli_missing_ledger_exits_1_with_hint(tmp_path: Path) -> None:
    code, _, err = _run("events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1
    assert "build one first" in err


def test_cli_unknown_setting_exits_1_with_suggestion(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    code, _, err = _run("build", str(tmp_path), "--db", str(tmp_path / "l.duckdb"), "--set", "read.max_byte=9")
    assert code == 1
    assert "did you mean read.max_bytes?" in err


def test_cli_code_jsonl_spans_index_each_input_text() -> None:
    line = json.dumps({"id": "s1", "text": "Iran denied supplying drones to Russia.", "date": "2024-05-01"})
    result = runner.invoke(app, ["code", "-"], input=line + "\n")
    assert result.exit_code == 0
    [coded] = [json.loads(x) for x in result.stdout.splitlines()]
    assert coded["id"] == "s1"
    text = json.loads(line)["text"]
    for event in coded["events"]:
        s, e = event["spans"]["trigger"]
        assert text[s:e].lower().startswith("suppl")
        assert event["status"] == "denied"


def test_cli_attributions_lists_every_attribution_with_or_without_an_event() -> None:
    texts = [
        "Officials said the weather had been mild. Iran sent drones to Russia, according to the ministry.",
        "Nothing here is attributed.",
    ]
    lines = "".join(json.dumps({"id": f"a{i}", "text": t, "date": "2024-05-01"}) + "\n" for i, t in enumerate(texts))
    result = runner.invoke(app, ["attributions", "-"], input=lines + "not json\n")
    assert result.exit_code == 0
    first, second = [json.loads(x) for x in result.stdout.splitlines()]
    assert second == {"id": "a1", "attributions": []}
    quoted = [(texts[0][slice(*a["source"])], texts[0][slice(*a["cue"])], a["kind"]) for a in first["attributions"]]
    assert quoted == [("Officials", "said", "indirect"), ("ministry", "according to", "according_to")]
    assert first["attributions"][0]["source_actor"]["sector"] == "government"
    assert texts[0][slice(*first["attributions"][1]["content"])] == "Iran sent drones to Russia"
    assert "line 3: skipped" in result.stderr


def test_cli_timex_lists_expressions_with_values(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("The deal was signed in early September 2024 and delivered last year.", encoding="utf-8")
    result = runner.invoke(app, ["timex", str(path), "--dct", "2025-02-01"])
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert [(r["text"], r["value"], r["range_start"], r["range_end"]) for r in rows] == [
        ("early September 2024", "2024-09", "2024-09-01", "2024-09-10"),
        ("last year", "2024", "2024-01-01", "2024-12-31"),
    ]


def test_cli_console_script_runs_help_with_example() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsledger.cli", "build", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "Example: newsledger build" in result.stdout


def test_cli_conflicts_shows_each_side_with_its_sentence(sample_ledger: Path) -> None:
    code, out, _ = _run("conflicts", "--db", str(sample_ledger), "--format", "jsonl")
    assert code == 0
    records = [json.loads(x) for x in out.splitlines()]
    assert records and all(r["conflicts"] for r in records)
    code, table, _ = _run("conflicts", "--db", str(sample_ledger))
    assert code == 0
    first = records[0]
    for value in first["conflicts"][0]["values"]:
        [mention] = [m for m in first["mentions"] if m["mention_id"] == value["mentions"][0]]
        assert mention["sentence"]["text"][:40] in table.replace("\n      ", " ")


def test_cli_export_actors_lists_every_surface_form_with_mentions(sample_ledger: Path) -> None:
    code, out, _ = _run("export", "--db", str(sample_ledger), "--what", "actors")
    assert code == 0
    actors = {a["id"]: a for a in map(json.loads, out.splitlines()) if a["id"]}
    assert set(next(iter(actors.values()))) == {"id", "name", "kind", "country", "sector", "aliases", "mentions"}
    russia = actors["RUS"]
    assert russia["country"] == "RUS" and russia["mentions"] >= len(russia["aliases"]) >= 2
    _, events_out, _ = _run("export", "--db", str(sample_ledger))
    event_actor_ids = {
        party["id"]
        for rec in map(json.loads, events_out.splitlines())
        for party in (rec["source"], rec["target"])
        if party and party["id"]
    }
    assert event_actor_ids <= set(actors)


def test_cli_actor_shows_events_in_time_order_with_role(sample_ledger: Path) -> None:
    result = runner.invoke(app, ["actor", "RUS", "--db", str(sample_ledger), "--format", "jsonl"])
    assert result.exit_code == 0
    [record] = [json.loads(x) for x in result.stdout.splitlines()]
    assert record["events"] and {e["role"] for e in record["events"]} <= {"source", "target"}
    code, _, err = _run("actor", "NOBODY", "--db", str(sample_ledger))
    assert code == 1 and "no actor 'NOBODY'" in err


def test_cli_stories_put_the_syndicated_copy_with_its_original(sample_ledger: Path) -> None:
    code, out, _ = _run("export", "--db", str(sample_ledger), "--what", "stories")
    assert code == 0
    stories = [json.loads(x) for x in out.splitlines()]
    assert {"id", "title", "articles", "events"} <= set(stories[0])
    [with_copy] = [s for s in stories if any(a["copy_of"] for a in s["articles"])]
    ids = {a["article_id"] for a in with_copy["articles"]}
    assert all(a["copy_of"] in ids for a in with_copy["articles"] if a["copy_of"])
    assert sum(len(s["articles"]) for s in stories) == 20
    code, shown, _ = _run("story", with_copy["id"][:8], "--db", str(sample_ledger))
    assert code == 0 and "copy of" in shown


def test_cli_export_parquet_writes_every_table_by_month_and_agrees_with_jsonl(
    sample_ledger: Path, tmp_path: Path
) -> None:
    import duckdb

    out = tmp_path / "parquet"
    code, _, stderr = _run("export", "--db", str(sample_ledger), "--format", "parquet", "--out", str(out))
    assert code == 0, stderr
    con = duckdb.connect()

    def read(table: str) -> list[dict[str, object]]:
        cur = con.execute(f"SELECT * FROM read_parquet('{out}/{table}/*/*.parquet', hive_partitioning = true)")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    _, events_out, _ = _run("export", "--db", str(sample_ledger))
    events = {e["id"]: e for e in map(json.loads, events_out.splitlines())}
    rows = {r["id"]: r for r in read("events")}
    assert rows.keys() == events.keys()
    for event_id, row in rows.items():
        record = events[event_id]
        assert row["type"] == record["type"] and row["independent"] == record["sources"]["independent"]
        assert sorted(row["mention_ids"]) == sorted(m["mention_id"] for m in record["mentions"])
        # the partition is the month of the event's date, or of its first report when it has none
        day = (record["date"] or {}).get("start") or row["first_reported"].isoformat()
        assert row["month"] == day[:7]
    mentions = read("mentions")
    assert {m["id"] for m in mentions} == {m["mention_id"] for e in events.values() for m in e["mentions"]}
    for m in mentions:
        quoted = events[m["event_id"]]["mentions"]
        assert m["sentence"] == next(q["sentence"]["text"] for q in quoted if q["mention_id"] == m["id"])
    _, articles_out, _ = _run("export", "--db", str(sample_ledger), "--what", "articles")
    articles = {a["id"]: a for a in map(json.loads, articles_out.splitlines())}
    parquet_articles = read("articles")
    assert {a["id"] for a in parquet_articles} == articles.keys()
    assert all(a["text"] == articles[a["id"]]["text"] for a in parquet_articles)
    stories = read("stories")
    assert sum(s["articles"] for s in stories) == len(articles)
    # re-running replaces the folders: no row twice
    assert _run("export", "--db", str(sample_ledger), "--format", "parquet", "--out", str(out))[0] == 0
    assert len(read("events")) == len(rows)


def test_cli_export_parquet_needs_a_folder(sample_ledger: Path) -> None:
    code, _, stderr = _run("export", "--db", str(sample_ledger), "--format", "parquet")
    assert code == 1
    assert "--format parquet writes a folder of files: give it with --out DIR" in stderr


def test_cli_export_of_hostile_text_is_safe_csv_and_valid_utf8_jsonl(tmp_path: Path) -> None:
    # A JSON feed may escape a lone surrogate and may title a page with a spreadsheet formula.
    record = (
        '{"text": "%s \\ud800 broken.", "title": "=HYPERLINK(\\"http://evil.invalid\\")", "url": "http://a.example/1"}'
    )
    (tmp_path / "feed.jsonl").write_text(record % GOOD.replace("\n", " ") + "\n", encoding="utf-8")
    db = str(tmp_path / "l.duckdb")
    assert _run("build", str(tmp_path / "feed.jsonl"), "--db", db, "-q")[0] == 0
    code, out, _ = _run("export", "--db", db, "--what", "articles", "--format", "csv")
    assert code == 0
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row["title"] == '\'=HYPERLINK("http://evil.invalid")'
    code, out, _ = _run("export", "--db", db, "--what", "articles")
    [article] = [json.loads(line) for line in out.encode("utf-8").decode("utf-8").splitlines()]
    assert "\ufffd broken." in article["text"]


def test_cli_places_lists_every_toponym_resolved() -> None:
    text = f"{FICTION} Gunmen attacked a checkpoint in Kandahar province. Talks were held in Ottawa, Canada."
    line = json.dumps({"id": "p1", "text": text, "date": "2025-03-04"})
    result = runner.invoke(app, ["places", "-"], input=line + "\n" + "not json\n")
    assert result.exit_code == 0
    (record,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert record["id"] == "p1"
    keys = {"start", "end", "text", "name", "country", "lat", "lon", "kind"}
    assert all(set(p) == keys for p in record["places"])
    assert all(text[p["start"] : p["end"]] == p["text"] for p in record["places"])
    by_text = {p["text"]: p for p in record["places"]}
    assert (by_text["Kandahar province"]["country"], by_text["Kandahar province"]["kind"]) == ("AFG", "division")
    assert (by_text["Ottawa"]["country"], by_text["Ottawa"]["kind"]) == ("CAN", "city")
    assert by_text["Canada"]["kind"] == "country"
    assert "line 2: skipped" in result.stderr


def test_cli_places_with_no_readable_record_exits_1() -> None:
    result = runner.invoke(app, ["places", "-"], input="not json\n")
    assert result.exit_code == 1
    assert "line 1: skipped, not a record with 'text'" in result.stderr
