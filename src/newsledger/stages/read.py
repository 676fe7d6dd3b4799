"""Read inputs (files, directories, JSON lines, a manifest) into raw documents, skipping bad input with a reason."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsledger.errors import ManifestError
from newsledger.model import RawDocument, Skip
from newsledger.settings import ReadSettings

HTML_SUFFIXES = {".html", ".htm"}
TEXT_SUFFIXES = {".txt"}
JSON_SUFFIXES = {".json", ".jsonl"}
META_FIELDS = ("url", "outlet", "published", "title")


@dataclass(frozen=True, slots=True)
class _Meta:
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    title: str | None = None


def parse_published(value: object) -> date | None:
    """YYYY-MM-DD or an ISO date-time; raises ValueError otherwise."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10]) if len(text) == 10 else datetime.fromisoformat(text).date()
    except ValueError as exc:
        raise ValueError(f"'published' is not a date ({text!r}); expected YYYY-MM-DD") from exc


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _resolved(path: str | Path) -> str:
    return os.path.normcase(os.path.abspath(os.path.realpath(path)))


def read_manifest(path: str) -> tuple[dict[str, _Meta], list[Skip]]:
    """Metadata by resolved file path; a bad row is a skip, a manifest that cannot be read is an error."""
    manifest = Path(path)
    try:
        raw = manifest.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: cannot read the manifest: {exc}") from exc
    rows: list[tuple[int, Any]] = []
    skips: list[Skip] = []
    if manifest.suffix.lower() == ".csv":
        rows = list(enumerate(csv.DictReader(io.StringIO(raw)), start=2))
    else:
        for number, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rows.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                skips.append(
                    Skip(
                        stage="manifest",
                        source=f"{path}:{number}",
                        reason=f"{manifest.name} line {number}: not valid JSON ({exc.msg})",
                    )
                )
    out: dict[str, _Meta] = {}
    for number, row in rows:
        where = f"{manifest.name} line {number}"
        if not isinstance(row, dict) or not _str_or_none(row.get("path")):
            skips.append(Skip(stage="manifest", source=f"{path}:{number}", reason=f"{where}: no 'path'"))
            continue
        try:
            published = parse_published(row.get("published"))
        except ValueError as exc:
            skips.append(Skip(stage="manifest", source=f"{path}:{number}", reason=f"{where}: {exc}"))
            continue
        meta = _Meta(
            url=_str_or_none(row.get("url")),
            outlet=_str_or_none(row.get("outlet")),
            published=published,
            title=_str_or_none(row.get("title")),
        )
        given = str(row["path"]).strip()
        # A manifest path may be relative to the working directory or to the manifest itself.
        for candidate in {given, str(manifest.parent / given)}:
            out.setdefault(_resolved(candidate), meta)
    return out, skips


def _walk(path: str) -> Iterator[str]:
    """Files under a directory in sorted order; hidden files and folders are passed over."""
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def _suffixes(path: str) -> tuple[str, bool]:
    lower = path.lower()
    compressed = lower.endswith(".gz")
    if compressed:
        lower = lower[:-3]
    return os.path.splitext(lower)[1], compressed


def _read_bytes(path: str, compressed: bool, limit: int) -> bytes | str:
    """The file's bytes, or the reason it cannot be read; decompression stops at the size limit."""
    try:
        size = os.path.getsize(path)
        if size == 0:
            return "empty file"
        if size > limit:
            return f"over the size limit ({size:,} bytes > {limit:,}; see read.max_bytes)"
        if not compressed:
            with open(path, "rb") as handle:
                return handle.read()
        with gzip.open(path, "rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            return f"over the size limit once decompressed (> {limit:,} bytes; see read.max_bytes)"
        return data if data else "empty file"
    except PermissionError:
        return "permission denied"
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        return f"unreadable: {exc}"


def decode_bytes(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), else the detected charset; None for binary or undecodable data."""
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    text = str(best)
    # Control characters other than whitespace mean the guess produced garbage.
    bad = sum(1 for c in text[:5000] if ord(c) < 32 and c not in "\n\r\t\f")
    return None if bad > 5 else text


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    tags = sum(head.count(t) for t in ("<p>", "<p ", "<div", "<body", "<head", "<br", "<a href", "<meta"))
    return tags >= 3


def _record(source: str, data: Any, meta: _Meta, settings: ReadSettings) -> RawDocument | Skip:
    if not isinstance(data, dict):
        return Skip(stage="read", source=source, reason="not a JSON object with 'text' or 'html'")
    text, html = data.get("text"), data.get("html")
    if not isinstance(text, str) or not text.strip():
        text = None
    if not isinstance(html, str) or not html.strip():
        html = None
    if text is None and html is None:
        return Skip(stage="read", source=source, reason="record has neither 'text' nor 'html'")
    if len(text or html or "") > settings.max_bytes:
        return Skip(
            stage="read", source=source, reason=f"record over the size limit ({settings.max_bytes:,} characters)"
        )
    try:
        published = meta.published or parse_published(data.get("published"))
    except ValueError as exc:
        return Skip(stage="read", source=source, reason=str(exc))
    return RawDocument(
        source=source,
        path=None,
        text=text if html is None else None,
        html=html,
        url=meta.url or _str_or_none(data.get("url")),
        title=meta.title or _str_or_none(data.get("title")),
        outlet=meta.outlet or _str_or_none(data.get("outlet")),
        published=published,
    )


def _json_records(
    path: str, text: str, suffix: str, meta: _Meta, settings: ReadSettings
) -> Iterator[RawDocument | Skip]:
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Skip(stage="read", source=path, reason=f"not valid JSON ({exc.msg} at line {exc.lineno})")
            return
        items = data if isinstance(data, list) else [data]
        for index, item in enumerate(items):
            yield _record(f"{path}:#{index}" if isinstance(data, list) else path, item, meta, settings)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skip(stage="read", source=source, reason=f"not valid JSON ({exc.msg})")
            continue
        yield _record(source, item, meta, settings)


def _read_file(path: str, meta: _Meta, settings: ReadSettings) -> Iterator[RawDocument | Skip]:
    suffix, compressed = _suffixes(path)
    if suffix not in HTML_SUFFIXES | TEXT_SUFFIXES | JSON_SUFFIXES:
        yield Skip(stage="read", source=path, reason=f"unsupported file type ({suffix or 'no extension'})")
        return
    data = _read_bytes(path, compressed, settings.max_bytes)
    if isinstance(data, str):
        yield Skip(stage="read", source=path, reason=data)
        return
    text = decode_bytes(data)
    if text is None:
        yield Skip(stage="read", source=path, reason="binary or undecodable content")
        return
    if not text.strip():
        yield Skip(stage="read", source=path, reason="empty file")
        return
    if suffix in JSON_SUFFIXES:
        yield from _json_records(path, text, suffix, meta, settings)
        return
    is_html = suffix in HTML_SUFFIXES or looks_like_html(text)
    yield RawDocument(
        source=path,
        path=path,
        html=text if is_html else None,
        text=None if is_html else text,
        url=meta.url,
        outlet=meta.outlet,
        published=meta.published,
        title=meta.title,
    )


def read_documents(
    paths: Sequence[str], *, manifest: str | None, settings: ReadSettings
) -> Iterator[RawDocument | Skip]:
    """Every document under the given paths, lazily, in a stable order; bad input becomes a Skip."""
    metas: dict[str, _Meta] = {}
    if manifest is not None:
        metas, skips = read_manifest(manifest)
        yield from skips
    for given in paths:
        if os.path.isdir(given):
            files: Iterator[str] = _walk(given)
        elif os.path.exists(given):
            files = iter([given])
        else:
            yield Skip(stage="read", source=given, reason="no such file or directory")
            continue
        for path in files:
            yield from _read_file(path, metas.get(_resolved(path), _Meta()), settings)
