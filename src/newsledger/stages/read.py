"""Read stage: turn the input paths (files, folders, JSON feeds) and an optional manifest into raw documents."""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
import stat
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BufferedReader
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from newsledger.errors import ManifestError
from newsledger.model import RawDocument, Skip
from newsledger.settings import ReadSettings
from newsledger.unicode_text import shown_path, without_surrogates

_KINDS = {".html": "html", ".htm": "html", ".txt": "txt", ".json": "json", ".jsonl": "jsonl"}
_EXPECTED = "expected .html, .htm, .txt, .json or .jsonl, optionally .gz compressed"
_BLOCK = 1 << 16  # JSON lines are read in blocks this big: fast, and lazy enough to stream a growing feed
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Tags that plain prose practically never contains; a handful of them means a page saved as .txt.
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|p|span|a|br|script|style|meta|link|table|tr|td|ul|ol|li|h[1-6]|article|section"
    r"|header|footer|nav|main|title|img|figure)\b[^>]*>",
    re.IGNORECASE,
)


_Stream = gzip.GzipFile | BufferedReader


@dataclass(frozen=True, slots=True, kw_only=True)
class _Meta:
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None

    def over(self, inner: _Meta) -> _Meta:
        """These values wherever set, else the inner ones: the manifest wins over what the file says."""
        return _Meta(
            url=self.url or inner.url,
            title=self.title or inner.title,
            outlet=self.outlet or inner.outlet,
            published=self.published or inner.published,
        )


class _BadField(ValueError):
    """A metadata value of the wrong shape; its message is the reason text."""


@dataclass(slots=True)
class _Manifest:
    by_cwd: dict[Path, _Meta]
    by_dir: dict[Path, _Meta]
    skips: list[Skip]

    def lookup(self, path: str) -> _Meta | None:
        resolved = _resolved(path)
        return self.by_cwd.get(resolved) or self.by_dir.get(resolved)


def read_documents(
    paths: Sequence[str], *, manifest: str | None, settings: ReadSettings
) -> Iterator[RawDocument | Skip]:
    """Yield one RawDocument per readable input (per record for JSON feeds) and one Skip per rejected input.

    Directories are walked recursively in name order, hidden entries left out. Bad inputs become skips and the
    batch goes on; only a manifest that cannot be read at all raises ManifestError, and it does so at once,
    before the first document is read.
    """
    loaded = load_manifest(manifest) if manifest is not None else None
    return _read_all(paths, loaded, settings)


def _read_all(paths: Sequence[str], manifest: _Manifest | None, settings: ReadSettings) -> Iterator[RawDocument | Skip]:
    if manifest is not None:
        yield from manifest.skips
    for given in paths:
        try:
            mode = os.stat(given).st_mode
        except OSError as exc:
            yield _skip(given, _os_reason(exc))
            continue
        files = _walk(given) if stat.S_ISDIR(mode) else iter([given])
        for item in files:
            if isinstance(item, Skip):
                yield item
                continue
            meta = manifest.lookup(item) if manifest is not None else None
            yield from _read_file(item, meta, settings)


def _resolved(path: str | Path) -> Path:
    # Path.resolve raises on a symlink loop; realpath stops at the loop and returns a path all the same.
    return Path(os.path.realpath(path))


def _walk(root: str) -> Iterator[str | Skip]:
    """Files under root: each directory's files in name order, then its subdirectories in name order."""
    stack = [root]
    seen: set[tuple[int, int]] = set()
    while stack:
        directory = stack.pop()
        try:
            info = os.stat(directory)
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            yield _skip(directory, _os_reason(exc))
            continue
        # Symlinked directories are followed, so remember where we have been to survive a link loop.
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = os.path.join(directory, entry.name)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(path)
            else:
                yield path
        stack.extend(reversed(subdirs))


def _read_file(path: str, manifest_meta: _Meta | None, settings: ReadSettings) -> Iterator[RawDocument | Skip]:
    name = os.path.basename(path).lower()
    is_gzip = name.endswith(".gz")
    stem = name[:-3] if is_gzip else name
    ext = os.path.splitext(stem)[1]
    kind = _KINDS.get(ext)
    if kind is None:
        shown = ext + (".gz" if is_gzip else "") or "no extension"
        yield _skip(path, f"unsupported file type ({shown})", _EXPECTED)
        return
    try:
        info = os.stat(path)
    except OSError as exc:
        yield _skip(path, _os_reason(exc))
        return
    if not stat.S_ISREG(info.st_mode):
        # A named pipe or a device would block or never end.
        yield _skip(path, "not a regular file")
        return
    size = info.st_size
    if size == 0:
        yield _skip(path, "empty file")
        return
    if kind == "jsonl":
        # Streamed record by record, so max_bytes bounds each line rather than the whole feed.
        yield from _read_jsonl(path, size, is_gzip, manifest_meta, settings)
        return
    if size > settings.max_bytes:
        yield _skip(path, f"file too large ({size} bytes; read.max_bytes is {settings.max_bytes})")
        return
    data = _read_bytes(path, is_gzip, settings.max_bytes)
    if isinstance(data, str):
        yield _skip(path, data)
        return
    if kind == "json":
        yield from _read_json(path, data, manifest_meta)
        return
    if b"\x00" in data and not data.startswith(_UTF16_BOMS):
        yield _skip(path, "binary file (contains NUL bytes)")
        return
    text = _decode(data)
    if text is None:
        yield _skip(path, "cannot decode text: not UTF-8, and no other encoding fits")
        return
    if not text.strip():
        yield _skip(path, "empty file")
        return
    meta = manifest_meta or _Meta()
    if kind == "html" or _looks_like_html(text):
        yield _document(path, path, meta, html=text)
    else:
        yield _document(path, path, meta, text=text)


def _read_bytes(path: str, is_gzip: bool, limit: int) -> bytes | str:
    """The file's bytes, at most limit of them once decompressed; a str is the reason it cannot be read."""
    try:
        with open(path, "rb") as raw:
            if not is_gzip:
                data = raw.read(limit + 1)
            else:
                try:
                    with gzip.GzipFile(fileobj=raw) as unzipped:
                        data = unzipped.read(limit + 1)
                except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
                    return f"not a valid gzip file ({exc})"
    except OSError as exc:
        return _os_reason(exc)
    if len(data) > limit:
        if not is_gzip:  # it grew after we looked at its size
            return f"file too large (over {limit} bytes; read.max_bytes is {limit})"
        return f"decompresses to more than {limit} bytes (read.max_bytes); not read"
    if not data:
        return "empty file"
    return data


def _decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 by its BOM, else a detected charset; None when nothing fits cleanly."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return len(_HTML_TAG.findall(text, 0, 20_000)) >= 5


def _read_json(path: str, data: bytes, manifest_meta: _Meta | None) -> Iterator[RawDocument | Skip]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield _skip(path, "not valid UTF-8 (JSON must be UTF-8)")
        return
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield _skip(path, f"not valid JSON ({_json_error(exc)})")
        return
    if isinstance(value, dict):
        yield _record(value, path, manifest_meta)
    elif isinstance(value, list):
        if not value:
            yield _skip(path, "no records (an empty JSON list)")
        for index, item in enumerate(value):
            yield _record(item, f"{path}:#{index}", manifest_meta)
    else:
        yield _skip(path, f"expected a JSON object or a list of objects, got {_json_type(value)}")


def _read_jsonl(
    path: str, size: int, is_gzip: bool, manifest_meta: _Meta | None, settings: ReadSettings
) -> Iterator[RawDocument | Skip]:
    # A gzip stream has no trustworthy size up front: past this many bytes it is treated as a bomb.
    budget = max(settings.max_bytes, size * settings.max_gzip_ratio) if is_gzip else None
    has_records = False
    try:
        with open(path, "rb") as raw:
            stream: _Stream = gzip.GzipFile(fileobj=raw) if is_gzip else raw
            with stream:
                for number, line in _lines(stream, settings.max_bytes, budget):
                    where = f"{path}:{number}"
                    if line is None:
                        yield _skip(where, f"{where}: record too large (over read.max_bytes, {settings.max_bytes})")
                        continue
                    if number == 1:
                        line = line.removeprefix(b"\xef\xbb\xbf")
                    if not line.strip():
                        continue
                    has_records = True
                    yield _parse_line(line, where, manifest_meta)
                if not has_records:
                    yield _skip(path, "empty file")
    except _Bomb as exc:
        yield _skip(
            path,
            f"decompresses to more than {exc.limit} bytes, over {settings.max_gzip_ratio} times its compressed "
            f"size (read.max_gzip_ratio); looks like a decompression bomb, the rest is not read",
        )
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        yield _skip(path, f"not a valid gzip file ({exc}); the rest is not read")
    except OSError as exc:
        yield _skip(path, _os_reason(exc))


class _Bomb(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def _lines(stream: _Stream, limit: int, budget: int | None) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs of the lines with content; the line is None when it is longer than limit, and is
    then not kept. Read in blocks, not line by line: a stream of millions of empty lines (a bomb of newlines) costs
    one pass over its bytes, not a call per line."""
    number = 0
    total = 0
    pending = b""  # the start of a line whose end is in a later block
    dropping = False  # the current line is over the limit: the rest of it is read past, not kept
    while block := stream.read(_BLOCK):
        total += len(block)
        if budget is not None and total > budget:
            raise _Bomb(budget)
        parts = block.split(b"\n")
        for part in parts[:-1]:
            number += 1
            if dropping or len(pending) + len(part) > limit:
                yield number, None
            elif pending or part.strip():
                yield number, pending + part + b"\n"
            pending, dropping = b"", False
        last = parts[-1]
        if not dropping and len(pending) + len(last) > limit:
            pending, dropping = b"", True
        elif not dropping:
            pending += last
    if pending or dropping:
        yield number + 1, None if dropping else pending


def _parse_line(line: bytes, where: str, manifest_meta: _Meta | None) -> RawDocument | Skip:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return _skip(where, f"{where}: not valid UTF-8 (JSON lines must be UTF-8)")
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return _skip(where, f"{where}: not valid JSON ({_json_error(exc)})")
    return _record(value, where, manifest_meta)


def _record(value: Any, where: str, manifest_meta: _Meta | None) -> RawDocument | Skip:
    """A RawDocument from one JSON record ({"text" or "html", "url", "title", "outlet", "published"})."""
    if not isinstance(value, dict):
        return _skip(where, f"{where}: expected a JSON object, got {_json_type(value)}")
    try:
        text = _string_field(value, "text")
        html = _string_field(value, "html")
        if text is None and html is None:
            return _skip(where, f"{where}: record has no 'text' or 'html'")
        # Metadata the manifest gives is not checked here: the manifest wins, so a bad inner value does not matter.
        given = manifest_meta or _Meta()
        inner = _Meta(
            url=None if given.url else _string_field(value, "url"),
            title=None if given.title else _string_field(value, "title"),
            outlet=None if given.outlet else _string_field(value, "outlet"),
            published=None if given.published else _date_field(value.get("published")),
        )
    except _BadField as exc:
        return _skip(where, f"{where}: {exc}")
    return _document(where, None, given.over(inner), text=text, html=html)


def _string_field(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _BadField(f"'{name}' is not a string (got {_json_type(value)})")
    # JSON may escape a lone surrogate ("\\ud800"), which no UTF-8 store or export can hold.
    return without_surrogates(value) if value.strip() else None


def _date_field(value: Any) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        shown = repr(value) if isinstance(value, str) else json.dumps(value)
        raise _BadField(f"'published' is not a date ({shown}); expected YYYY-MM-DD")
    return parsed


def parse_date(value: str) -> date | None:
    """A date from YYYY-MM-DD or an ISO datetime (its own calendar day, whatever the time zone); else None."""
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def load_manifest(manifest: str) -> _Manifest:
    """Per-file metadata from a CSV or JSONL manifest; bad rows become skips, an unreadable file raises."""
    ext = os.path.splitext(manifest.lower())[1]
    if ext not in (".csv", ".jsonl"):
        raise ManifestError(f"{manifest}: unsupported manifest type ({ext or 'no extension'}); use .csv or .jsonl")
    try:
        with open(manifest, encoding="utf-8-sig", newline="") as handle:
            content = handle.read()
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{manifest}: the manifest is not UTF-8 text ({exc.reason}); save it as UTF-8") from exc
    except OSError as exc:
        raise ManifestError(
            f"{manifest}: cannot open the manifest ({exc.strerror or exc}); check the path given to --manifest"
        ) from exc
    rows = _csv_rows(manifest, content) if ext == ".csv" else _jsonl_rows(manifest, content)
    result = _Manifest(by_cwd={}, by_dir={}, skips=[])
    base = _resolved(manifest).parent
    first_line: dict[Path, int] = {}
    for number, row in rows:
        where = f"{manifest} line {number}"
        if isinstance(row, str):
            result.skips.append(_manifest_skip(manifest, number, f"{where}: {row}"))
            continue
        try:
            path, meta = _manifest_row(row)
        except _BadField as exc:
            result.skips.append(_manifest_skip(manifest, number, f"{where}: {exc}"))
            continue
        key = _resolved(path)
        if key in first_line:
            reason = f"{where}: path {path!r} is already listed on line {first_line[key]}; this row is ignored"
            result.skips.append(_manifest_skip(manifest, number, reason))
            continue
        first_line[key] = number
        result.by_cwd[key] = meta
        result.by_dir.setdefault(_resolved(base / path), meta)
        # A row is for one file: say so when its path (from here or from the manifest's folder) is none.
        problem = _not_a_file(key) and _not_a_file(_resolved(base / path))
        if problem:
            result.skips.append(_manifest_skip(manifest, number, f"{where}: {path!r}: {problem}"))
    return result


def _not_a_file(path: Path) -> str | None:
    """Why a manifest row's path names no file to read (missing, a directory, ...), or None when it does."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _os_reason(exc)
    if stat.S_ISDIR(mode):
        return "is a directory; a manifest row names one file"
    return None if stat.S_ISREG(mode) else "not a regular file"


def _csv_rows(manifest: str, content: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    reader = csv.reader(content.splitlines(keepends=True))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
    except csv.Error as exc:
        raise ManifestError(f"{manifest} line 1: cannot parse the CSV header ({exc})") from exc
    if "path" not in header:
        raise ManifestError(
            f"{manifest}: no 'path' column; the first line must be a header such as path,url,outlet,published,title"
        )
    rows: list[tuple[int, dict[str, Any] | str]] = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ManifestError(f"{manifest} line {start}: cannot parse the CSV ({exc})") from exc
        if not any(cell.strip() for cell in cells):
            continue
        rows.append((start, dict(zip(header, cells, strict=False))))
    return iter(rows)


def _jsonl_rows(manifest: str, content: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield number, f"not valid JSON ({_json_error(exc)})"
            continue
        if not isinstance(value, dict):
            yield number, f"expected a JSON object, got {_json_type(value)}"
            continue
        yield number, {str(k).strip().lower(): v for k, v in value.items()}


def _manifest_row(row: dict[str, Any]) -> tuple[str, _Meta]:
    path = row.get("path")
    if not isinstance(path, str) or not path.strip():
        raise _BadField("no 'path'")
    text = {name: _string_field(row, name) for name in ("url", "title", "outlet")}
    meta = _Meta(
        url=_strip(text["url"]),
        title=_strip(text["title"]),
        outlet=_strip(text["outlet"]),
        published=_date_field(row.get("published")),
    )
    return path.strip(), meta


def _strip(value: str | None) -> str | None:
    return value.strip() if value else None


def _manifest_skip(manifest: str, number: int, reason: str) -> Skip:
    return Skip(stage="manifest", source=shown_path(f"{manifest}:{number}"), reason=without_surrogates(reason))


def _document(
    source: str, path: str | None, meta: _Meta, *, text: str | None = None, html: str | None = None
) -> RawDocument:
    return RawDocument(
        source=shown_path(source),
        path=None if path is None else shown_path(path),
        text=None if text is None else without_surrogates(text),
        html=None if html is None else without_surrogates(html),
        url=meta.url,
        title=meta.title,
        outlet=meta.outlet,
        published=meta.published,
    )


def _skip(source: str, reason: str, detail: str = "") -> Skip:
    return Skip(stage="read", source=shown_path(source), reason=without_surrogates(reason), detail=detail)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read ({exc.strerror or exc})"


def _json_error(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}" if exc.lineno == 1 else f"{exc.msg} at line {exc.lineno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false", type(None): "null"}
    return names.get(type(value), "a number")
