"""Tests for the read stage: file types, folders, JSON feeds, gzip, manifests and the skips for bad input."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from newsledger.errors import ManifestError
from newsledger.model import RawDocument, Skip
from newsledger.settings import ReadSettings
from newsledger.stages import read as read_module
from newsledger.stages.read import read_documents

DATA = Path(__file__).parent / "data" / "read"
TEXT = "The Westmoor harbour council voted on Monday to build a second ferry pier, ending a long dispute."


def read(*paths: str | Path, manifest: str | Path | None = None, **settings: int) -> list[RawDocument | Skip]:
    return list(
        read_documents(
            [str(p) for p in paths],
            manifest=None if manifest is None else str(manifest),
            settings=ReadSettings(**settings),
        )
    )


def one(*paths: str | Path, **settings: int) -> RawDocument | Skip:
    (item,) = read(*paths, **settings)
    return item


def reasons(items: list[RawDocument | Skip]) -> dict[str, str]:
    return {i.source: i.reason for i in items if isinstance(i, Skip)}


def docs(items: list[RawDocument | Skip]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_read_documents_html_file_keeps_markup_and_path() -> None:
    doc = one(DATA / "article.html")
    assert isinstance(doc, RawDocument)
    assert (doc.source, doc.path, doc.text) == (str(DATA / "article.html"), str(DATA / "article.html"), None)
    assert doc.html is not None and "<article" in doc.html


def test_read_documents_txt_file_is_plain_text() -> None:
    doc = one(DATA / "article.txt")
    assert isinstance(doc, RawDocument)
    assert doc.html is None
    assert doc.text is not None and doc.text.startswith("FICTIONAL FIXTURE")


def test_read_documents_txt_file_holding_html_is_sniffed_as_html() -> None:
    doc = one(DATA / "saved_page.txt")
    assert isinstance(doc, RawDocument)
    assert doc.text is None and doc.html is not None and doc.html.startswith("<!DOCTYPE html>")


def test_read_documents_txt_with_many_tags_but_no_doctype_is_html(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("<div><p>One.</p><p>Two.</p><p>Three <a href='/x'>link</a>.</p></div>", encoding="utf-8")
    doc = one(page)
    assert isinstance(doc, RawDocument) and doc.html is not None


FRENCH = (
    "Le café de la Mairie à Westmoor a rouvert lundi après des travaux, a déclaré Hélène Müller, la gérante, "
    "qui a remercié les habitués pour leur patience et annoncé un concert sur la terrasse samedi prochain."
)


def test_read_documents_latin1_file_is_decoded(tmp_path: Path) -> None:
    # Written here rather than kept in tests/data: tools that assume UTF-8 tend to mangle a Latin-1 file.
    (tmp_path / "latin1.txt").write_bytes(FRENCH.encode("latin-1"))
    doc = one(tmp_path / "latin1.txt")
    assert isinstance(doc, RawDocument)
    assert doc.text == FRENCH


def test_read_documents_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode() + TEXT.encode())
    doc = one(path)
    assert isinstance(doc, RawDocument) and doc.text == TEXT


def test_read_documents_json_object_and_list(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"text": TEXT, "url": "https://a.example/x", "published": "2024-05-14"}))
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"html": "<p>Hello</p>", "title": "Hi"}, {"text": TEXT, "outlet": "Gazette"}]))
    items = read(single, many)
    assert [(d.source, d.path) for d in docs(items)] == [
        (str(single), None),
        (f"{many}:#0", None),
        (f"{many}:#1", None),
    ]
    first, second, third = docs(items)
    assert (first.text, first.url, first.published) == (TEXT, "https://a.example/x", date(2024, 5, 14))
    assert (second.html, second.title) == ("<p>Hello</p>", "Hi")
    assert third.outlet == "Gazette"


def test_read_documents_json_not_valid_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"text": ', encoding="utf-8")
    assert one(path) == Skip(stage="read", source=str(path), reason="not valid JSON (Expecting value at column 10)")


def test_read_documents_jsonl_bad_line_in_the_middle_keeps_the_others(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        [json.dumps({"text": TEXT, "title": "One"}), "{not json", "", json.dumps({"text": TEXT, "title": "Four"})],
    )
    items = read(path)
    assert [(d.source, d.path, d.title) for d in docs(items)] == [
        (f"{path}:1", None, "One"),
        (f"{path}:4", None, "Four"),
    ]
    assert reasons(items) == {
        f"{path}:2": f"{path}:2: not valid JSON (Expecting property name enclosed in double quotes at column 2)"
    }
    assert [i.source for i in items] == [f"{path}:1", f"{path}:2", f"{path}:4"]


def test_read_documents_jsonl_bad_records_have_precise_reasons(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            json.dumps({"url": "https://a.example"}),
            json.dumps([1, 2]),
            json.dumps({"text": 42}),
            json.dumps({"text": TEXT, "published": "14/31/2024"}),
            json.dumps({"text": "   ", "html": None}),
            json.dumps({"text": TEXT, "title": None, "published": ""}),
        ],
    )
    items = read(path)
    assert reasons(items) == {
        f"{path}:1": f"{path}:1: record has no 'text' or 'html'",
        f"{path}:2": f"{path}:2: expected a JSON object, got a list",
        f"{path}:3": f"{path}:3: 'text' is not a string (got a number)",
        f"{path}:4": f"{path}:4: 'published' is not a date ('14/31/2024'); expected YYYY-MM-DD",
        f"{path}:5": f"{path}:5: record has no 'text' or 'html'",
    }
    assert [(d.source, d.title, d.published) for d in docs(items)] == [(f"{path}:6", None, None)]


def test_read_documents_jsonl_accepts_iso_datetimes(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "feed.jsonl", [json.dumps({"text": TEXT, "published": "2024-05-14T23:10:00+02:00"})])
    doc = one(path)
    assert isinstance(doc, RawDocument) and doc.published == date(2024, 5, 14)


def test_read_documents_jsonl_line_over_max_bytes_is_skipped_alone(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "feed.jsonl", [json.dumps({"text": "x" * 5000}), json.dumps({"text": TEXT})])
    items = read(path, max_bytes=1000)
    assert reasons(items) == {f"{path}:1": f"{path}:1: record too large (over read.max_bytes, 1000)"}
    assert [d.source for d in docs(items)] == [f"{path}:2"]


def test_read_documents_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": TEXT}) + "\n{oops\n" + json.dumps({"html": "<p>x</p>"}) + "\n")
    items = read(path)
    assert [d.source for d in docs(items)] == [f"{path}:1", f"{path}:3"]
    assert list(reasons(items)) == [f"{path}:2"]


def test_read_documents_json_gz(tmp_path: Path) -> None:
    path = tmp_path / "feed.json.gz"
    path.write_bytes(gzip.compress(json.dumps([{"text": TEXT}]).encode()))
    assert [d.source for d in docs(read(path))] == [f"{path}:#0"]


def test_read_documents_gzip_bomb_is_skipped(tmp_path: Path) -> None:
    zeros = gzip.compress(b"\0" * 50_000_000, compresslevel=9)
    lines, single = tmp_path / "bomb.jsonl.gz", tmp_path / "bomb.json.gz"
    lines.write_bytes(zeros)
    single.write_bytes(zeros)
    limit = max(1_000_000, len(zeros) * 100)
    assert read(lines, single, max_bytes=1_000_000) == [
        Skip(
            stage="read",
            source=str(lines),
            reason=f"decompresses to more than {limit} bytes, over 100 times its compressed size "
            "(read.max_gzip_ratio); looks like a decompression bomb, the rest is not read",
        ),
        Skip(
            stage="read",
            source=str(single),
            reason="decompresses to more than 1000000 bytes (read.max_bytes); not read",
        ),
    ]


def test_read_documents_bad_gzip_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(b"not gzip at all")
    item = one(path)
    assert isinstance(item, Skip) and item.reason.startswith("not a valid gzip file (")


def test_read_documents_directory_recursion_is_sorted_and_skips_hidden(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for name in ["b.txt", "a.txt", "sub/z.txt", "sub/deeper/c.txt", "aa/d.txt", ".hidden.txt", ".git/e.txt"]:
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(TEXT, encoding="utf-8")
    items = read(corpus)
    assert [i.source for i in items] == [
        str(corpus / "a.txt"),
        str(corpus / "b.txt"),
        str(corpus / "aa" / "d.txt"),
        str(corpus / "sub" / "z.txt"),
        str(corpus / "sub" / "deeper" / "c.txt"),
    ]
    assert all(isinstance(i, RawDocument) for i in items)


def test_read_documents_directory_paths_are_joined_under_the_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    doc = one("corpus")
    assert isinstance(doc, RawDocument) and (doc.source, doc.path) == ("corpus/a.txt", "corpus/a.txt")


def test_read_documents_bad_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.html").write_text("  \n\n ", encoding="utf-8")
    (tmp_path / "binary.html").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "big.txt").write_text("x" * 2000, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "README").write_text(TEXT, encoding="utf-8")
    (tmp_path / "random.txt").write_bytes(bytes(range(128, 256)) * 4)
    (tmp_path / "blank.jsonl").write_text("\n\n", encoding="utf-8")
    (tmp_path / "archive.gz").write_bytes(gzip.compress(b"x"))
    missing = tmp_path / "missing.html"
    items = read(tmp_path, missing, max_bytes=1500)
    assert reasons(items) == {
        str(tmp_path / "README"): "unsupported file type (no extension)",
        str(tmp_path / "archive.gz"): "unsupported file type (.gz)",
        str(tmp_path / "blank.jsonl"): "empty file",
        str(tmp_path / "big.txt"): "file too large (2000 bytes; read.max_bytes is 1500)",
        str(tmp_path / "binary.html"): "binary file (contains NUL bytes)",
        str(tmp_path / "blank.html"): "empty file",
        str(tmp_path / "empty.txt"): "empty file",
        str(tmp_path / "notes.pdf"): "unsupported file type (.pdf)",
        str(tmp_path / "random.txt"): "cannot decode text: not UTF-8, and no other encoding fits",
        str(missing): "no such file or directory",
    }
    assert docs(items) == []


def test_read_documents_unsupported_type_says_what_is_expected(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf.gz").write_bytes(gzip.compress(b"%PDF"))
    assert one(tmp_path / "scan.pdf.gz") == Skip(
        stage="read",
        source=str(tmp_path / "scan.pdf.gz"),
        reason="unsupported file type (.pdf.gz)",
        detail="expected .html, .htm, .txt, .json or .jsonl, optionally .gz compressed",
    )


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_read_documents_permission_denied_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0)
    try:
        assert one(path) == Skip(stage="read", source=str(path), reason="permission denied")
    finally:
        path.chmod(0o644)


def test_read_documents_is_lazy(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "feed.jsonl", [json.dumps({"text": f"{TEXT} {n}"}) for n in range(50_000)])
    items = read_documents([str(path)], manifest=None, settings=ReadSettings())
    assert isinstance(items, Iterator)
    first = next(items)
    assert isinstance(first, RawDocument) and first.source == f"{path}:1"
    # Cut the file under the reader: a lazy reader sees at most what its buffer already held.
    with open(path, "r+b") as handle:
        handle.truncate(200)
    assert sum(1 for _ in items) < 1000


MANIFEST_HEADER = "path,url,outlet,published,title\n"


def test_read_documents_manifest_csv_overrides_metadata_relative_to_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "corpus" / "feed.jsonl").write_text(json.dumps({"text": TEXT, "outlet": "Inner", "title": "T"}) + "\n")
    (tmp_path / "manifest.csv").write_text(
        MANIFEST_HEADER
        + "corpus/a.txt,https://gazette.example/a,Lantern Gazette,2024-05-14,Pier approved\n"
        + "./corpus/feed.jsonl,,Wire,,\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    a, feed = docs(read(str(tmp_path / "corpus"), manifest="manifest.csv"))
    assert (a.url, a.outlet, a.published, a.title) == (
        "https://gazette.example/a",
        "Lantern Gazette",
        date(2024, 5, 14),
        "Pier approved",
    )
    # Metadata the manifest leaves empty stays as the record gave it; what the manifest gives wins.
    assert (feed.outlet, feed.title, feed.url) == ("Wire", "T", None)


def test_read_documents_manifest_paths_relative_to_its_own_folder_or_absolute(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "b.txt").write_text(TEXT, encoding="utf-8")
    manifest = corpus / "manifest.jsonl"
    rows = [{"path": "a.txt", "outlet": "Gazette A"}, {"path": str(corpus / "b.txt"), "published": "2024-01-02"}]
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    a, b = docs(read(corpus / "a.txt", corpus / "b.txt", manifest=manifest))
    assert (a.outlet, b.published) == ("Gazette A", date(2024, 1, 2))


def test_read_documents_manifest_wins_over_record_metadata_even_when_that_is_bad(tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", [json.dumps({"text": TEXT, "published": "soon"})])
    manifest = tmp_path / "m.csv"
    manifest.write_text(MANIFEST_HEADER + "feed.jsonl,,,2024-03-01,\n", encoding="utf-8")
    doc = one(feed, manifest=manifest)
    assert isinstance(doc, RawDocument) and doc.published == date(2024, 3, 1)


def test_read_documents_manifest_bad_rows_are_skipped_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        MANIFEST_HEADER
        + ",https://x.example,,,\n"
        + "a.txt,,,14/31/2024,\n"
        + "a.txt,,Gazette,,\n"
        + "a.txt,,Other,,\n",
        encoding="utf-8",
    )
    items = read(tmp_path / "a.txt", manifest=manifest)
    assert [i for i in items if isinstance(i, Skip)] == [
        Skip(stage="manifest", source=f"{manifest}:2", reason=f"{manifest} line 2: no 'path'"),
        Skip(
            stage="manifest",
            source=f"{manifest}:3",
            reason=f"{manifest} line 3: 'published' is not a date ('14/31/2024'); expected YYYY-MM-DD",
        ),
        Skip(
            stage="manifest",
            source=f"{manifest}:5",
            reason=f"{manifest} line 5: path 'a.txt' is already listed on line 4; this row is ignored",
        ),
    ]
    (doc,) = docs(items)
    assert doc.outlet == "Gazette"


def test_read_documents_manifest_jsonl_bad_line_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Fictional fixture written for newsledger's tests.", encoding="utf-8")
    manifest = write_jsonl(tmp_path / "m.jsonl", ['{"path": "a.txt"}', "{nope", "[1]"])
    assert reasons(read(manifest=manifest)) == {
        f"{manifest}:2": f"{manifest} line 2: not valid JSON (Expecting property name enclosed in double quotes "
        "at column 2)",
        f"{manifest}:3": f"{manifest} line 3: expected a JSON object, got a list",
    }


def test_read_documents_missing_manifest_raises_at_once(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    with pytest.raises(ManifestError) as info:
        read_documents([], manifest=str(missing), settings=ReadSettings())
    assert str(info.value) == (
        f"{missing}: cannot open the manifest (No such file or directory); check the path given to --manifest"
    )


def test_read_documents_manifest_without_path_column_raises(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,url\na.txt,https://x.example\n", encoding="utf-8")
    with pytest.raises(ManifestError) as info:
        read(manifest=manifest)
    assert str(info.value) == (
        f"{manifest}: no 'path' column; the first line must be a header such as path,url,outlet,published,title"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_read_documents_named_pipe_is_skipped_not_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "feed.jsonl"
    os.mkfifo(pipe)
    assert one(pipe) == Skip(stage="read", source=str(pipe), reason="not a regular file")


def test_read_documents_unreadable_file_is_skipped_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.html"
    path.write_text(TEXT, encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Root ignores file modes, so the refusal is simulated where the module opens files.
    monkeypatch.setattr(read_module, "open", refuse, raising=False)
    assert one(path) == Skip(stage="read", source=str(path), reason="permission denied")


def test_read_documents_manifest_rows_for_missing_files_and_folders_are_skips(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    manifest = write_jsonl(tmp_path / "m.jsonl", ['{"path": "gone.txt"}', '{"path": "folder"}', '{"path": "loop.txt"}'])
    assert reasons(read(manifest=manifest)) == {
        f"{manifest}:1": f"{manifest} line 1: 'gone.txt': no such file or directory",
        f"{manifest}:2": f"{manifest} line 2: 'folder': is a directory; a manifest row names one file",
        f"{manifest}:3": f"{manifest} line 3: 'loop.txt': cannot read (Too many levels of symbolic links)",
    }
