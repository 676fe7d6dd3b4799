"""Shape stored events and articles into the export contract (JSON lines and CSV)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from newsledger.archives import original_url
from newsledger.store.records import actor_summary, attribution_summary, is_specific_row, iso
from newsledger.unicode_text import without_surrogates

if TYPE_CHECKING:  # the store (DuckDB, Arrow) is imported where it is used: 'newsledger code' starts without it
    from newsledger.store.ledger import EventFilter, Store

EVENT_CSV_COLUMNS = (
    "id", "type", "mode", "status", "source_name", "source_id", "source_country", "target_name", "target_id",
    "target_country", "equipment", "quantity", "date_start", "date_end", "date_precision", "location",
    "articles", "outlets", "independent", "conflicts", "specific",
)  # fmt: skip


# A spreadsheet runs a cell that starts with one of these as a formula (or as the start of one, after a tab or
# a carriage return): article text is untrusted, so such a cell is written with a leading apostrophe, which
# spreadsheets show as text and do not display.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a string that would start a formula gets a leading apostrophe.

    Numbers are left as numbers (a negative quantity is a value, not a formula); strings are valid UTF-8.
    """
    if not isinstance(value, str):
        return value
    value = without_surrogates(value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def write_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], stream: TextIO) -> None:
    """A header and one row per mapping (only ``columns``, in that order), every cell made safe by csv_cell."""
    writer = csv.writer(stream)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(col)) for col in columns])


def json_line(record: Any) -> str:
    """One JSON line, always valid UTF-8: non-ASCII kept as it is, a lone surrogate replaced by U+FFFD."""
    return without_surrogates(json.dumps(record, ensure_ascii=False, default=str)) + "\n"


def write_jsonl(records: Iterable[Any], stream: TextIO) -> None:
    for record in records:
        stream.write(json_line(record))


def _actor(raw: str | None) -> dict[str, Any] | None:
    if not raw:
        return None
    return actor_summary(json.loads(raw))


def _original_url(row: dict[str, Any]) -> str | None:
    # Articles stored before original_url was recorded (migration 7) have it NULL; their url still tells.
    return row["original_url"] or original_url(row["url"])


def _mention(row: dict[str, Any]) -> dict[str, Any]:
    text: str = row["article_text"]
    start, end = row["sentence_start"], row["sentence_end"]
    return {
        "mention_id": row["id"],
        "article_id": row["article_id"],
        "path": row["path"],
        "url": row["url"],
        "original_url": _original_url(row),
        "outlet": row["outlet"],
        "published": iso(row["published"]),
        "status": row["status"],
        "specific": is_specific_row(row),
        "sentence": {"start": start, "end": end, "text": text[start:end]},
        "spans": json.loads(row["spans"]),
        # Mentions stored before attribution was recorded (migration 9) have none.
        "attribution": attribution_summary(json.loads(row["attribution"]), outlet=row["outlet"])
        if row.get("attribution")
        else None,
    }


def event_record(
    row: dict[str, Any], mentions: Sequence[dict[str, Any]], links: Sequence[dict[str, Any]] = ()
) -> dict[str, Any]:
    """One event in the export contract's shape; every span indexes its article's text."""
    date = None
    if row["date_start"] is not None:
        date = {
            "start": iso(row["date_start"]),
            "end": iso(row["date_end"]),
            "precision": row["date_precision"],
            "text": row["date_text"],
        }
    return {
        "id": row["id"],
        "type": row["type"],
        "mode": row["mode"],
        "status": row["status"],
        # Whether the event identifies one happening; a non-specific event never counts other articles as sources.
        "specific": is_specific_row(row),
        "source": _actor(row["source"]),
        "target": _actor(row["target"]),
        "equipment": [
            {"name": e["name"], "id": e["id"], "category": e["category"]} for e in json.loads(row["equipment"])
        ],
        "quantity": row["quantity"],
        "date": date,
        "location": json.loads(row["location"]) if row["location"] else None,
        "mentions": [_mention(m) for m in mentions],
        "sources": {
            "articles": row["articles"],
            "outlets": row["outlets"],
            "independent": row["independent"],
        },
        "conflicts": json.loads(row["conflicts"]),
        "links": list(links),
        "extractor": row["extractor"],
        "pack_version": row["pack_version"],
    }


def iter_event_records(store: Store, flt: EventFilter | None = None, chunk: int = 500) -> Iterator[dict[str, Any]]:
    from newsledger.store.ledger import EventFilter

    rows = store.events(flt or EventFilter())
    for i in range(0, len(rows), chunk):
        part = rows[i : i + chunk]
        ids = [r["id"] for r in part]
        mentions, links = store.event_mentions(ids), store.event_links(ids)
        for row in part:
            yield event_record(row, mentions.get(row["id"], []), links.get(row["id"], []))


def event_csv_row(record: dict[str, Any]) -> dict[str, Any]:
    source, target = record["source"] or {}, record["target"] or {}
    date = record["date"] or {}
    return {
        "id": record["id"],
        "type": record["type"],
        "mode": record["mode"],
        "status": record["status"],
        "source_name": source.get("name"),
        "source_id": source.get("id"),
        "source_country": source.get("country"),
        "target_name": target.get("name"),
        "target_id": target.get("id"),
        "target_country": target.get("country"),
        "equipment": "; ".join(e["name"] for e in record["equipment"]),
        "quantity": record["quantity"],
        "date_start": date.get("start"),
        "date_end": date.get("end"),
        "date_precision": date.get("precision"),
        "location": (record["location"] or {}).get("name"),
        "articles": record["sources"]["articles"],
        "outlets": record["sources"]["outlets"],
        "independent": record["sources"]["independent"],
        "conflicts": "; ".join(c["field"] for c in record["conflicts"]),
        "specific": record["specific"],
    }


def article_record(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "path": row["path"],
        "url": row["url"],
        "original_url": _original_url(row),
        "outlet": row["outlet"],
        "published": iso(row["published"]),
        "title": row["title"],
        "language": row["language"],
        "text": row["text"],
        "copy_of": row["copy_of"],
    }


def actor_record(row: dict[str, Any]) -> dict[str, Any]:
    """One actor as ``export --what actors`` writes it; unknown actors have a null id."""
    return {
        "id": row["id"],
        "name": row["name"],
        "kind": row["kind"],
        "country": row["country"],
        "sector": row["sector"],
        "aliases": list(row["aliases"]),
        "mentions": row["mentions"],
    }


def story_record(row: dict[str, Any]) -> dict[str, Any]:
    """One story as ``export --what stories`` writes it."""
    return {
        "id": row["id"],
        "title": row["title"],
        "articles": [
            {
                "article_id": a["article_id"],
                "path": a["path"],
                "url": a["url"],
                "original_url": _original_url(a),
                "outlet": a["outlet"],
                "published": iso(a["published"]),
                "copy_of": a["copy_of"],
            }
            for a in row["articles"]
        ],
        "events": list(row["events"] or []),
    }
