"""The command line: parse, call one library function, format. Results go to stdout, logs to stderr."""

from __future__ import annotations

import errno
import json
import os
import signal
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsledger import __version__
from newsledger.errors import NewsledgerError
from newsledger.export import (
    EVENT_CSV_COLUMNS,
    actor_record,
    article_record,
    event_csv_row,
    event_record,
    iter_event_records,
    json_line,
    story_record,
    write_csv,
    write_jsonl,
)
from newsledger.settings import load_settings

if TYPE_CHECKING:  # the store (DuckDB, Arrow) is imported where it is used: 'newsledger code' starts without it
    from newsledger.store.ledger import EventFilter, Store

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    help="Build and query a sourced ledger of events.",
)
out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[Path, typer.Option("--db", help="Ledger database file.")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")]
ConfigOption = Annotated[Path | None, typer.Option(help="Settings TOML file.")]
SetOption = Annotated[list[str] | None, typer.Option("--set", help="Override a setting: KEY=VALUE.")]
RecordsArgument = Annotated[str, typer.Argument(help="JSON lines {id, text, date?}, or - for standard input.")]
DEFAULT_DB = Path("ledger.duckdb")
STORY_COLUMNS = ("id", "title", "articles", "events")
ACTOR_COLUMNS = ("id", "name", "kind", "country", "sector", "aliases", "mentions")


def _fail(message: str) -> None:
    err.print(Text(f"error: {message}", style="bold red"))
    raise typer.Exit(1)


def _parse_date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"{name} {value!r} is not a date; expected YYYY-MM-DD")
    return None


# A write failed for want of space: a full disk, a quota, a file size limit (EFBIG).
_NO_SPACE = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


def _open(db: Path) -> Store:
    from newsledger.store.ledger import Store

    return Store(db, read_only=True)


@app.command()
def build(
    paths: Annotated[list[str] | None, typer.Argument(help="Files and directories to read.")] = None,
    db: DbOption = DEFAULT_DB,
    manifest: Annotated[str | None, typer.Option(help="JSONL or CSV with path and url/outlet/published/title.")] = None,
    sample: Annotated[bool, typer.Option("--sample", help="Build from the bundled sample corpus.")] = False,
    config: ConfigOption = None,
    set_: SetOption = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar.")] = False,
    workers: Annotated[
        int | None, typer.Option(help="Processes that annotate articles (default: the machine's cores).", min=1)
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(help="Run the per-article work on a Dask cluster: a scheduler address, or local:N workers."),
    ] = None,
) -> None:
    """Read articles and add their events to the ledger.

    Example: newsledger build corpus/ --manifest corpus/manifest.csv --db ledger.duckdb
    """
    from newsledger.pipeline import build_ledger, sample_inputs

    inputs = list(paths or [])
    if sample:
        sample_paths, sample_manifest = sample_inputs()
        inputs += sample_paths
        manifest = manifest or sample_manifest
    if not inputs:
        err.print("error: give files or directories to read, or --sample")
        raise typer.Exit(2)
    # SIGTERM (a scheduler, 'kill', a shutting-down laptop) ends a build as Ctrl-C does: the batch in progress
    # is rolled back, the run is recorded as interrupted, and the next build resumes.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        settings = load_settings(config, set_)
        workers = workers or os.cpu_count() or 1
        show_bar = not quiet and err.is_terminal
        if show_bar:
            from rich.progress import Progress

            with Progress(console=err, transient=True) as bar:
                task = bar.add_task("reading", total=None)
                report = build_ledger(
                    inputs,
                    db=db,
                    manifest=manifest,
                    settings=settings,
                    progress=lambda _s, n: bar.advance(task, n),
                    workers=workers,
                    dask=dask,
                )
        else:
            report = build_ledger(inputs, db=db, manifest=manifest, settings=settings, workers=workers, dask=dask)
    except NewsledgerError as exc:
        _fail(str(exc))
    except OSError as exc:
        if exc.errno not in _NO_SPACE:
            raise
        where = f" writing {exc.filename}" if exc.filename else ""
        _fail(
            f"the disk is full or a file size limit was reached{where} ({exc.strerror}); {db} keeps every batch "
            "committed before; free some space, then run the same build again to resume"
        )
    except KeyboardInterrupt:
        err.print(
            f"interrupted: {db} keeps every finished batch and records this run as interrupted; "
            "run the same build again to resume"
        )
        raise typer.Exit(130) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    _print_summary(db, report.counts() | {"copies": report.copies})
    if report.skipped:
        err.print(
            Text(
                f"warning: {report.skipped} input(s) skipped; see 'newsledger skips --db {db}'",
                style="yellow",
            )
        )


def _print_summary(db: Path, counts: dict[str, int]) -> None:
    from newsledger.store.ledger import EventFilter

    with _open(db) as store:
        totals = store.counts()
        by_type = store.count_by("type")
        by_status = store.count_by("status")
        multi = len(store.events(EventFilter(min_sources=2)))
    table = Table(title=f"newsledger: {db}", show_header=False)
    table.add_row("documents read", str(counts["documents"]))
    table.add_row("articles added / already in ledger", f"{counts['articles_new']} / {counts['articles_seen']}")
    table.add_row("skipped inputs", str(counts["skipped"]))
    table.add_row("event mentions added", str(counts["mentions_new"]))
    table.add_row("ledger: articles / copies", f"{totals['articles']} / {totals['copies']}")
    table.add_row("ledger: mentions / events", f"{totals['mentions']} / {totals['events']}")
    table.add_row("events with 2+ independent sources", str(multi))
    table.add_row("events by type", ", ".join(f"{t} {n}" for t, n in by_type))
    table.add_row("events by status", ", ".join(f"{t} {n}" for t, n in by_status))
    out.print(table)


def _event_filter(
    type_: str | None,
    status: str | None,
    actor: str | None,
    since: str | None,
    until: str | None,
    min_sources: int | None,
) -> EventFilter:
    from newsledger.store.ledger import EventFilter

    return EventFilter(
        type=type_,
        status=status,
        actor=actor,
        since=_parse_date(since, "--since"),
        until=_parse_date(until, "--until"),
        min_sources=min_sources,
    )


def _write_records(records: Any, fmt: str, columns: tuple[str, ...] | None = None) -> None:
    if fmt == "jsonl":
        write_jsonl(records, sys.stdout)
    elif fmt == "csv":
        write_csv(records, columns or (), sys.stdout)
    else:
        _fail(f"--format {fmt!r} is not one of table, jsonl, csv")


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. AID.")] = None,
    status: Annotated[str | None, typer.Option(help="asserted, intended, possible, alleged, denied, ...")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name, id or ISO country code.")] = None,
    since: Annotated[str | None, typer.Option(help="Events ending on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Events starting on or before this date.")] = None,
    min_sources: Annotated[int | None, typer.Option(help="At least this many independent sources.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """List events.

    Example: newsledger events --type AID --status asserted --actor RUS --since 2024-01-01
    """
    flt = _event_filter(type_, status, actor, since, until, min_sources)
    try:
        with _open(db) as store:
            if fmt == "table":
                _events_table(store.events(flt))
            elif fmt == "csv":
                _write_records((event_csv_row(r) for r in iter_event_records(store, flt)), fmt, EVENT_CSV_COLUMNS)
            else:
                _write_records(iter_event_records(store, flt), fmt)
    except NewsledgerError as exc:
        _fail(str(exc))


def _actor_cell(raw: str | None) -> str:
    if not raw:
        return ""
    data = json.loads(raw)
    return f"{data['name']} ({data['country']})" if data.get("country") else str(data["name"])


def _events_table(rows: list[dict[str, Any]]) -> None:
    table = Table(show_lines=False)
    for col in ("id", "type", "mode", "status", "source", "target", "equipment", "qty", "date", "src"):
        table.add_column(col, overflow="fold")
    for r in rows:
        equipment = ", ".join(e["name"] for e in json.loads(r["equipment"]))
        when = "" if r["date_start"] is None else f"{r['date_start']}..{r['date_end']} ({r['date_precision']})"
        table.add_row(
            *(
                Text(str(v))
                for v in (
                    r["id"][:10], r["type"], r["mode"] or "", r["status"], _actor_cell(r["source"]),
                    _actor_cell(r["target"]), equipment, r["quantity"] or "", when,
                    f"{r['independent']}/{r['articles']}" + (" !" if r["conflicts"] != "[]" else ""),
                )
            )
        )  # fmt: skip
    out.print(table)
    out.print(f"{len(rows)} event(s); src = independent sources / articles; ! = sources disagree")


def _marked_sentence(mention: dict[str, Any]) -> Text:
    """The sentence with each field's span highlighted and labelled; the text is never read as markup."""
    sentence = mention["sentence"]
    start = sentence["start"]
    text = Text(sentence["text"])
    styles = {"trigger": "bold magenta", "source": "bold green", "target": "bold cyan", "date": "yellow",
              "location": "blue", "quantity": "red", "equipment": "underline"}  # fmt: skip
    labels = []
    for name, spans in mention["spans"].items():
        if spans is None:
            continue
        for s, e in spans if name == "equipment" else [spans]:
            text.stylize(styles.get(name, "bold"), s - start, e - start)
            labels.append(f"{name}={sentence['text'][s - start : e - start]!r}")
    return text.append("\n    " + "; ".join(labels), style="dim")


@app.command()
def show(event_id: str, db: DbOption = DEFAULT_DB, fmt: FormatOption = "table") -> None:
    """Show one event and each mention's sentence with the fields' evidence marked.

    Example: newsledger show 3f2a9c --db ledger.duckdb
    """
    try:
        with _open(db) as store:
            row = store.event(event_id)
            if row is None:
                _fail(f"no event {event_id!r} in {db} (or the prefix is ambiguous); list them with 'newsledger events'")
            assert row is not None
            if not row["id"].startswith(event_id):
                err.print(f"note: event {event_id} merged into event {row['id']} in a later build")
            ids = [row["id"]]
            record = event_record(
                row, store.event_mentions(ids).get(ids[0], []), store.event_links(ids).get(ids[0], [])
            )
    except NewsledgerError as exc:
        _fail(str(exc))
    if fmt == "jsonl":
        _write_records([record], fmt)
        return
    out.print(
        Text(
            f"event {record['id']}  {record['type']}/{record['mode']}  status={record['status']}",
            style="bold",
        )
    )
    for key in ("source", "target", "equipment", "quantity", "date", "location", "sources", "conflicts", "links"):
        out.print(Text(f"  {key}: {json.dumps(record[key], ensure_ascii=False)}"))
    for m in record["mentions"]:
        out.print(Text(f"\n  [{m['outlet'] or '?'} {m['published'] or ''}] {m['path'] or m['url'] or m['article_id']}"))
        out.print(Text("    ").append(_marked_sentence(m)))


@app.command()
def conflicts(db: DbOption = DEFAULT_DB, fmt: FormatOption = "table") -> None:
    """List events whose reports disagree, with each side's sentences.

    Example: newsledger conflicts --db ledger.duckdb
    """
    try:
        with _open(db) as store:
            records = [r for r in iter_event_records(store) if r["conflicts"]]
    except NewsledgerError as exc:
        _fail(str(exc))
    if fmt != "table":
        _write_records(records, fmt, EVENT_CSV_COLUMNS)
        return
    for rec in records:
        head = f"event {rec['id']}  {rec['type']}  {_actor_text(rec['source'])} -> {_actor_text(rec['target'])}"
        out.print(Text(head, style="bold"))
        by_id = {m["mention_id"]: m for m in rec["mentions"]}
        for conflict in rec["conflicts"]:
            out.print(Text(f"  {conflict['field']}:"))
            for value in conflict["values"]:
                out.print(Text(f"    {value['value']}", style="yellow"))
                for mention in (by_id[mid] for mid in value["mentions"] if mid in by_id):
                    where = f"[{mention['outlet'] or '?'} {mention['published'] or ''}]"
                    out.print(Text(f"      {where} {mention['sentence']['text']}"))
    out.print(f"{len(records)} event(s) with disagreeing reports")


def _actor_text(actor: dict[str, Any] | None) -> str:
    return "?" if actor is None else str(actor["name"])


def _print_table(columns: tuple[str, ...], rows: Any) -> None:
    """A table of untrusted cells: each cell is plain text, never read as markup."""
    table = Table()
    for col in columns:
        table.add_column(col, overflow="fold")
    for cells in rows:
        table.add_row(*(Text("" if c is None else str(c)) for c in cells))
    out.print(table)


@app.command()
def actors(db: DbOption = DEFAULT_DB, fmt: FormatOption = "table") -> None:
    """List the actors seen in the ledger, with their surface forms and number of mentions.

    Example: newsledger actors --db ledger.duckdb
    """
    try:
        with _open(db) as store:
            rows = [actor_record(r) for r in store.actors()]
    except NewsledgerError as exc:
        _fail(str(exc))
    if fmt != "table":
        _write_records(rows, fmt, ACTOR_COLUMNS)
        return
    _print_table(
        ("id", "name", "kind", "country", "mentions", "written as"),
        ((r["id"], r["name"], r["kind"], r["country"], r["mentions"], "; ".join(r["aliases"])) for r in rows),
    )
    out.print(f"{len(rows)} actor(s)")


@app.command()
def actor(actor_id: str, db: DbOption = DEFAULT_DB, fmt: FormatOption = "table") -> None:
    """Show one actor and its events in time order, with its role in each.

    Example: newsledger actor RUS --db ledger.duckdb
    """
    try:
        with _open(db) as store:
            found = store.actors(actor_id)
            if not found:
                _fail(f"no actor {actor_id!r} in {db}; list them with 'newsledger actors'")
            rows = store.actor_events(actor_id)
    except NewsledgerError as exc:
        _fail(str(exc))
    record = actor_record(found[0])
    if fmt != "table":
        _write_records([record | {"events": [{"id": r["id"], "role": r["role"]} for r in rows]}], "jsonl")
        return
    out.print(Text(f"{record['name']} ({record['id']}, {record['kind']}, {record['country']})", style="bold"))
    out.print(Text(f"written as: {'; '.join(record['aliases'])}"))
    table = Table()
    for col in ("date", "role", "type", "status", "other party", "event"):
        table.add_column(col, overflow="fold")
    for r in rows:
        other = r["target"] if r["role"] == "source" else r["source"]
        when = "" if r["date_start"] is None else f"{r['date_start']}..{r['date_end']}"
        cells = (when, r["role"], r["type"], r["status"], _actor_cell(other), r["id"][:10])
        table.add_row(*(Text(str(c)) for c in cells))
    out.print(table)


@app.command()
def stories(db: DbOption = DEFAULT_DB, fmt: FormatOption = "table") -> None:
    """List stories: articles about one happening, clustered across outlets.

    Example: newsledger stories --db ledger.duckdb
    """
    try:
        with _open(db) as store:
            rows = [story_record(r) for r in store.stories()]
    except NewsledgerError as exc:
        _fail(str(exc))
    if fmt != "table":
        _write_records(rows, fmt, STORY_COLUMNS)
        return

    def story_cells(r: dict[str, Any]) -> tuple[object, ...]:
        days = [a["published"] for a in r["articles"] if a["published"]]
        outlets = {a["outlet"] for a in r["articles"]}
        return (r["id"][:10], min(days, default=""), max(days, default=""), len(r["articles"]), len(outlets),
                len(r["events"]), r["title"])  # fmt: skip

    _print_table(("id", "first", "last", "articles", "outlets", "events", "title"), (story_cells(r) for r in rows))
    out.print(f"{len(rows)} stories")


@app.command()
def story(story_id: str, db: DbOption = DEFAULT_DB, fmt: FormatOption = "table") -> None:
    """Show one story: its articles (copies marked) and the events they report.

    Example: newsledger story 4be1c2d0 --db ledger.duckdb
    """
    try:
        with _open(db) as store:
            matches = [r for r in store.stories() if r["id"].startswith(story_id)]
            if len(matches) != 1:
                _fail(
                    f"no story {story_id!r} in {db} (or the prefix is ambiguous); list them with 'newsledger stories'"
                )
            record = story_record(matches[0])
            events = {r["id"]: r for r in store.events() if r["id"] in set(record["events"])}
    except NewsledgerError as exc:
        _fail(str(exc))
    if fmt != "table":
        _write_records([record], "jsonl")
        return
    out.print(Text(f"story {record['id']}  {record['title'] or ''}", style="bold"))
    for a in record["articles"]:
        copy = f"  (copy of {a['copy_of'][:10]})" if a["copy_of"] else ""
        out.print(
            Text(f"  {a['published'] or '?'}  {a['outlet'] or '?'}  {a['path'] or a['url'] or a['article_id']}{copy}")
        )
    for event_id in record["events"]:
        e = events.get(event_id)
        if e is not None:
            parties = f"{_actor_cell(e['source']) or '?'} -> {_actor_cell(e['target']) or '?'}"
            out.print(Text(f"  event {event_id[:10]}  {e['type']} {e['status']}  {parties}"))


@app.command()
def skips(db: DbOption = DEFAULT_DB, fmt: FormatOption = "table") -> None:
    """List inputs that were skipped, with the reason.

    Example: newsledger skips --db ledger.duckdb --format csv
    """
    try:
        with _open(db) as store:
            rows = store.skips()
    except NewsledgerError as exc:
        _fail(str(exc))
    if fmt != "table":
        _write_records(rows, fmt, ("source", "stage", "reason", "detail", "run_id"))
        return
    _print_table(("source", "stage", "reason"), ((r["source"], r["stage"], r["reason"]) for r in rows))
    out.print(f"{len(rows)} skipped input(s)")


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    what: Annotated[str, typer.Option(help="events, articles, actors or stories.")] = "events",
    fmt: FormatOption = "jsonl",
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. AID.")] = None,
    status: Annotated[str | None, typer.Option(help="Status filter.")] = None,
    min_sources: Annotated[int | None, typer.Option(help="At least this many independent sources.")] = None,
    out: Annotated[Path | None, typer.Option(help="Folder for --format parquet.")] = None,
) -> None:
    """Write events (or articles) as JSON lines or CSV to stdout, or every table as Parquet into a folder.

    Example: newsledger export --db ledger.duckdb --format jsonl > events.jsonl
    Example: newsledger export --db ledger.duckdb --format parquet --out ledger-parquet
    """
    from newsledger.store.ledger import EventFilter

    if fmt == "parquet":
        _export_parquet(db, out)
        return
    if out is not None:
        _fail("--out is for --format parquet; jsonl and csv go to standard output")
    try:
        with _open(db) as store:
            if what == "events":
                records = iter_event_records(store, EventFilter(type=type_, status=status, min_sources=min_sources))
                if fmt == "csv":
                    _write_records((event_csv_row(r) for r in records), fmt, EVENT_CSV_COLUMNS)
                else:
                    _write_records(records, fmt)
            elif what == "actors":
                _write_records((actor_record(r) for r in store.actors()), fmt, ACTOR_COLUMNS)
            elif what == "stories":
                _write_records((story_record(r) for r in store.stories()), fmt, STORY_COLUMNS)
            elif what == "articles":
                columns = (
                    "id", "path", "url", "original_url", "outlet", "published", "title", "language", "text",
                    "copy_of",
                )  # fmt: skip
                _write_records((article_record(r) for r in store.articles()), fmt, columns)
            else:
                _fail(f"--what {what!r} is not one of events, articles, actors, stories")
    except NewsledgerError as exc:
        _fail(str(exc))


def _export_parquet(db: Path, out: Path | None) -> None:
    from newsledger.store.parquet import export_parquet

    if out is None:
        _fail("--format parquet writes a folder of files: give it with --out DIR")
        return
    try:
        with _open(db) as store:
            written = export_parquet(store, out)
    except NewsledgerError as exc:
        _fail(str(exc))
        return
    summary = ", ".join(f"{table} {rows:,}" for table, rows in written.items())
    err.print(Text(f"wrote {out}/{{{','.join(written)}}}/month=YYYY-MM/*.parquet: {summary}"))


def _read_input(file: str) -> str:
    if file == "-":
        return sys.stdin.read()
    try:
        return Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"{file}: cannot read: {exc}")
    return ""


ServerOption = Annotated[
    Path | None,
    typer.Option(help="Send the records to the coder listening on this socket ('newsledger coder') instead."),
]


def _code_records(
    command: str, file: str, fmt: str, config: Path | None, set_: list[str] | None, server: Path | None
) -> None:
    """What ``code``, ``places`` and ``attributions`` share: read the records, run (here or in a coder that stays
    up), write one JSON line per record."""
    if fmt != "jsonl":
        _fail(f"--format {fmt!r}: {command} writes jsonl only")
    if server is not None and (config is not None or set_):
        _fail("--config and --set are the coder's: give them to 'newsledger coder' when starting it")
    items, errors = _read_records(file)
    if server is not None:
        from newsledger.coder_server import request

        try:
            for line in request(server, command, items):
                sys.stdout.write(line)
        except NewsledgerError as exc:
            _fail(str(exc))
    else:
        from newsledger.coding import RECORD_COMMANDS
        from newsledger.pack import load_pack

        try:
            settings = load_settings(config, set_)
            pack = load_pack(settings.events.pack)
        except NewsledgerError as exc:
            _fail(str(exc))
        for record in RECORD_COMMANDS[command](items, pack, settings):
            sys.stdout.write(json_line(record))
    if errors and not items:
        raise typer.Exit(1)


def _read_records(file: str) -> tuple[list[tuple[str, str, date]], int]:
    """The (id, text, date) records of ``code``'s JSON-lines input; a bad line is a warning on stderr and counted."""
    items, errors = [], 0
    for number, line in enumerate(_read_input(file).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = record["text"]
            if not isinstance(text, str):
                raise TypeError("'text' is not a string")
            ref = date.fromisoformat(record["date"]) if record.get("date") else date.today()
            items.append((str(record.get("id", number)), text, ref))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            errors += 1
            err.print(Text(f"warning: line {number}: skipped, not a record with 'text' and an ISO 'date' ({exc})"))
    return items, errors


@app.command()
def code(
    file: RecordsArgument = "-",
    fmt: FormatOption = "jsonl",
    config: ConfigOption = None,
    set_: SetOption = None,
    server: ServerOption = None,
) -> None:
    """Code sentences or paragraphs into events, one output line per input line; spans index each text.

    Example: echo '{"id": "1", "text": "Russia sent two Mi-17s to Iran.", "date": "2025-03-04"}' | newsledger code -
    """
    _code_records("code", file, fmt, config, set_, server)


@app.command()
def places(
    file: RecordsArgument = "-",
    fmt: FormatOption = "jsonl",
    config: ConfigOption = None,
    set_: SetOption = None,
    server: ServerOption = None,
) -> None:
    """List every place name in each text, resolved to a place with its country, point and kind; spans index each
    text. Reads the same records as ``code``; a name the gazetteer does not know has null name and point.

    Example: echo '{"id": "1", "text": "Gunmen attacked a checkpoint in Kandahar province."}' | newsledger places -
    """
    _code_records("places", file, fmt, config, set_, server)


@app.command()
def attributions(
    file: RecordsArgument = "-",
    fmt: FormatOption = "jsonl",
    config: ConfigOption = None,
    set_: SetOption = None,
    server: ServerOption = None,
) -> None:
    """Who reports what: every quotation, reported statement and "according to" in each text, with or without an
    event inside; one output line per input line, spans index each text.

    Example: echo '{"id": "1", "text": "Officials said Iran sent drones."}' | newsledger attributions -
    """
    _code_records("attributions", file, fmt, config, set_, server)


@app.command()
def coder(
    socket_path: Annotated[Path, typer.Option("--socket", help="Unix socket to listen on (created mode 0600).")],
    config: ConfigOption = None,
    set_: SetOption = None,
) -> None:
    """Keep the pack and spaCy's model loaded and answer 'code', 'places' and 'attributions' run with --server,
    one request at a time, until Ctrl-C.

    Example: newsledger coder --socket /tmp/coder.sock &  then  newsledger code --server /tmp/coder.sock - < in.jsonl
    """
    from newsledger.coder_server import serve
    from newsledger.pack import load_pack

    try:
        settings = load_settings(config, set_)
        pack = load_pack(settings.events.pack)
    except NewsledgerError as exc:
        _fail(str(exc))
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        serve(socket_path, pack=pack, settings=settings, ready=lambda: err.print(Text(f"listening on {socket_path}")))
    except NewsledgerError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        err.print(Text("stopped"))


@app.command()
def timex(
    file: Annotated[str, typer.Argument(help="A UTF-8 text file, or - for standard input.")],
    dct: Annotated[str | None, typer.Option("--dct", help="Document creation date YYYY-MM-DD.")] = None,
    fmt: FormatOption = "jsonl",
) -> None:
    """List every time expression in a text with its TIMEX3 type, value and date range.

    Example: newsledger timex article.txt --dct 2024-09-14 --format jsonl
    """
    from newsledger.coding import timex_record
    from newsledger.stages.timex import find_time_expressions

    reference = _parse_date(dct, "--dct")
    records = [timex_record(t) for t in find_time_expressions(_read_input(file), reference)]
    if fmt == "table":
        table = Table()
        columns = ("start", "end", "text", "type", "value", "range_start", "range_end")
        for col in columns:
            table.add_column(col)
        for r in records:
            table.add_row(*(Text("" if r[c] is None else str(r[c])) for c in columns))
        out.print(table)
    else:
        _write_records(records, fmt, ("start", "end", "text", "type", "value", "range_start", "range_end", "precision"))


@app.command()
def brief(
    db: DbOption = DEFAULT_DB,
    story_id: Annotated[str | None, typer.Option("--story", help="Story id (or unique prefix).")] = None,
    actor_id: Annotated[str | None, typer.Option("--actor", help="Actor id, e.g. RUS.")] = None,
    since: Annotated[str | None, typer.Option(help="Only events ending on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Only events starting on or before this date.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown or html.")] = "markdown",
) -> None:
    """Write a cited brief of a story or an actor: every sentence cites the reports it rests on.

    Example: newsledger brief --actor RUS --since 2025-01-01 --format markdown
    """
    from newsledger.brief import actor_brief, render_html, render_markdown, story_brief

    if (story_id is None) == (actor_id is None):
        err.print("error: give exactly one of --story ID or --actor ID")
        raise typer.Exit(2)
    if fmt not in {"markdown", "html"}:
        _fail(f"--format {fmt!r} is not one of markdown, html")
    window = {"since": _parse_date(since, "--since"), "until": _parse_date(until, "--until")}
    try:
        with _open(db) as store:
            result = story_brief(store, story_id, **window) if story_id else actor_brief(store, str(actor_id), **window)
    except NewsledgerError as exc:
        _fail(str(exc))
    sys.stdout.write(render_html(result) if fmt == "html" else render_markdown(result))


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind; 127.0.0.1 keeps the app on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the ledger read-only in a browser, with a JSON API under /api/.

    Example: newsledger serve --db ledger.duckdb --port 8000
    """
    import uvicorn

    from newsledger.web.app import create_app

    try:
        web_app = create_app(db)
    except NewsledgerError as exc:
        _fail(str(exc))
    if host not in {"127.0.0.1", "localhost", "::1"}:
        err.print(Text(f"warning: serving on {host}: other machines can read this ledger", style="yellow"))
    err.print(f"serving {db} at http://{host}:{port}/ (Ctrl+C stops)")
    uvicorn.run(web_app, host=host, port=port, log_level="warning", server_header=False)


@app.command()
def version() -> None:
    """Print the version.

    Example: newsledger version
    """
    out.print(__version__)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
