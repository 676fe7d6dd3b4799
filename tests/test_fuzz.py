"""Hostile input, generated: over a thousand damaged inputs built in one real build (nothing crashes, nothing hangs,
every skip has a reason, memory stays bounded), and Hypothesis properties of read, extract, timex and export on
arbitrary bytes and text. The Hypothesis CI profile (tests/conftest.py) runs them derandomized."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import resource
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.export import csv_cell, json_line, write_csv
from newsledger.model import Article, RawDocument, Skip
from newsledger.settings import ExtractSettings, ReadSettings
from newsledger.stages.annotate import parse_chunks
from newsledger.stages.extract import extract_article
from newsledger.stages.read import read_documents
from newsledger.stages.timex import find_time_expressions
from newsledger.store.ledger import Store
from tests.hostile import generate_hostile_inputs

KINDS = [".txt", ".html", ".json", ".jsonl", ".txt.gz", ".jsonl.gz", ".html.gz", ".json.gz"]


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


@pytest.mark.slow
def test_fuzz_build_over_a_thousand_hostile_inputs_never_crashes_or_hangs(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    manifest = generate_hostile_inputs(folder, mutated=900)
    entries = [p for p in folder.iterdir() if not p.is_dir() or p.is_symlink()]
    assert len(entries) >= 1000
    db = tmp_path / "fuzz.duckdb"
    command = [sys.executable, "-m", "newsledger.cli", "build", str(folder), str(tmp_path / "absent"), "--db", str(db)]
    done = subprocess.run([*command, "--manifest", str(manifest), "-q"], capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    # The build ran in a child process; its peak resident memory is bounded by the inputs' limits, not their size.
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 2 * 1024 * 1024  # KiB: under 2 GiB

    with Store(db, read_only=True) as store:
        skips = store.skips()
        stored = list(store.articles())
        sources = [s["source"] for s in skips] + [
            r[0] for r in store.con.execute("SELECT source FROM articles").fetchall()
        ]
    assert all(s["reason"].strip() and s["stage"] for s in skips)
    # Every input file is an article or a skip, or (a feed) has records that are: "feed.jsonl:3", "list.json:#0".
    seen = {re.sub(r":#?\d+$", "", source) for source in sources}
    assert [str(p) for p in entries if str(p) not in seen] == []
    assert any("absent" in s["source"] and s["reason"] == "no such file or directory" for s in skips)
    reasons = " | ".join(s["reason"] for s in skips)
    for expected in ("decompression bomb", "record too large", "not a valid gzip file", "binary file",
                     "nested too deeply", "not a regular file", "Too many levels of symbolic links",
                     "no such file or directory", "is a directory; a manifest row names one file"):  # fmt: skip
        assert expected in reasons, expected
    for article in stored:
        assert not _has_surrogate(article["text"])
        article["text"].encode("utf-8")


# --- properties -----------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=3000), kind=st.sampled_from(KINDS))
def test_fuzz_read_any_bytes_gives_documents_or_skips_with_reasons(tmp_path_factory, data: bytes, kind: str) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    path = folder / f"input{kind}"
    path.write_bytes(gzip.compress(data) if kind.endswith(".gz") else data)
    for item in read_documents([str(path)], manifest=None, settings=ReadSettings(max_bytes=10_000)):
        if isinstance(item, Skip):
            assert item.reason.strip()
        else:
            assert isinstance(item, RawDocument)
            for text in (item.text, item.html, item.title, item.url, item.outlet):
                assert text is None or not _has_surrogate(text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["text", "html", "url", "title",
                                                                                 "published", "outlet"]), inner),
    max_leaves=8,
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(records=st.lists(json_values, min_size=1, max_size=4))
def test_fuzz_read_json_records_of_any_shape_are_documents_or_skips(tmp_path_factory, records: list[object]) -> None:
    path = tmp_path_factory.mktemp("json") / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    items = list(read_documents([str(path)], manifest=None, settings=ReadSettings()))
    assert items
    for item in items:
        if isinstance(item, Skip):
            assert item.reason.startswith(f"{path}:")
        else:
            assert (item.text or item.html) and not _has_surrogate(item.text or item.html or "")


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=2000), as_html=st.booleans())
def test_fuzz_extract_any_text_gives_an_article_whose_paragraphs_quote_it_or_a_skip(text: str, as_html: bool) -> None:
    doc = RawDocument(source="x", path=None, html=text if as_html else None, text=None if as_html else text)
    result = extract_article(doc, settings=ExtractSettings(min_chars=1))
    if isinstance(result, Skip):
        assert result.reason.strip()
        return
    assert isinstance(result, Article)
    result.text.encode("utf-8")
    for span in result.paragraphs:
        quoted = span.quote(result.text)
        assert quoted and quoted == quoted.strip()


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=400) | st.text(alphabet="0123456789 :/.-,", max_size=2000), day=st.dates())
def test_fuzz_timex_any_text_gives_spans_that_quote_it(text: str, day: date) -> None:
    for found in find_time_expressions(text, day):
        assert found.span.quote(text) == found.text
        if found.range_start is not None and found.range_end is not None:
            assert found.range_start <= found.range_end


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=3000), limit=st.integers(min_value=20, max_value=500))
def test_fuzz_parse_chunks_cover_a_paragraph_in_bounded_pieces(text: str, limit: int) -> None:
    from newsledger.model import Span

    pieces = list(parse_chunks(text, Span(start=0, end=len(text)), limit))
    assert all(0 < p.end - p.start <= limit for p in pieces)
    assert all(a.end <= b.start for a, b in zip(pieces, pieces[1:], strict=False))
    covered = {i for p in pieces for i in range(p.start, p.end)}
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())


@settings(max_examples=150, deadline=None)
@given(cells=st.lists(st.text() | st.integers() | st.none(), min_size=1, max_size=6))
def test_fuzz_export_csv_never_starts_a_formula_and_json_lines_stay_utf8(cells: list[object]) -> None:
    columns = [f"c{i}" for i in range(len(cells))]
    stream = io.StringIO()
    write_csv([dict(zip(columns, cells, strict=True))], columns, stream)
    stream.getvalue().encode("utf-8")
    [row] = list(csv.DictReader(io.StringIO(stream.getvalue(), newline="")))
    for cell, value in zip(cells, row.values(), strict=True):
        if isinstance(cell, str):  # text never starts a formula; a number is a value and is written as one
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
        else:
            assert value == ("" if cell is None else str(cell))
    for cell in cells:
        safe = csv_cell(cell)
        assert not isinstance(safe, str) or not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    line = json_line({"cells": cells})
    decoded = json.loads(line.encode("utf-8").decode("utf-8"))
    assert len(decoded["cells"]) == len(cells)
    assert line.endswith("\n") and "\n" not in line[:-1]
