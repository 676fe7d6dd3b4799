"""Tests for the export contract's records: URLs as given beside the original page an archived copy holds."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest

from newsledger.export import article_record, csv_cell, json_line, story_record, write_csv

WAYBACK = "https://web.archive.org/web/20160530191334/http://fox59.com/2014/06/15/x/"


def _row(**fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": "a1", "path": None, "url": WAYBACK, "original_url": None, "outlet": "fox59.com",
        "published": date(2014, 6, 15), "title": "t", "language": "en", "text": "x", "copy_of": None,
    }  # fmt: skip
    return row | fields


def test_article_record_keeps_the_url_as_given_and_adds_the_original() -> None:
    record = article_record(_row(original_url="https://www.bbc.co.uk/news/x", url="https://archive.ph/AbCd1"))
    assert (record["url"], record["original_url"]) == ("https://archive.ph/AbCd1", "https://www.bbc.co.uk/news/x")


def test_article_record_of_a_ledger_stored_before_original_urls_unwraps_the_url() -> None:
    assert article_record(_row())["original_url"] == "http://fox59.com/2014/06/15/x/"
    assert article_record(_row(url="https://archive.ph/AbCd1"))["original_url"] is None


def test_story_record_articles_carry_url_and_original_url() -> None:
    article = {
        "article_id": "a1", "path": None, "url": WAYBACK, "original_url": None, "outlet": "fox59.com",
        "published": None, "copy_of": None,
    }  # fmt: skip
    [record] = story_record({"id": "s1", "title": "t", "articles": [article], "events": []})["articles"]
    assert (record["url"], record["original_url"]) == (WAYBACK, "http://fox59.com/2014/06/15/x/")


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("http://example.invalid","x")', "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"],
)
def test_csv_cell_neutralises_what_a_spreadsheet_would_run_as_a_formula(cell: str) -> None:
    assert csv_cell(cell) == "'" + cell


def test_csv_cell_leaves_text_and_numbers_as_they_are() -> None:
    assert [csv_cell(v) for v in ("Russia", "a=b", "", -3, 2.5, None, True)] == [
        "Russia",
        "a=b",
        "",
        -3,
        2.5,
        None,
        True,
    ]


def test_write_csv_round_trips_through_a_reader_with_every_formula_cell_quoted() -> None:
    rows = [{"id": "e1", "title": "=cmd|' /C calc'!A0", "n": -4, "extra": "not a column"}, {"id": "e2", "title": "ok"}]
    stream = io.StringIO()
    write_csv(rows, ("id", "title", "n"), stream)
    read_back = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert read_back == [
        {"id": "e1", "title": "'=cmd|' /C calc'!A0", "n": "-4"},
        {"id": "e2", "title": "ok", "n": ""},
    ]


def test_json_line_is_valid_utf8_even_with_a_lone_surrogate() -> None:
    line = json_line({"text": "caf\u00e9 \ud800 end", "n": 1})
    data = line.encode("utf-8")  # would raise UnicodeEncodeError on a lone surrogate
    assert json.loads(data.decode("utf-8")) == {"text": "caf\u00e9 \ufffd end", "n": 1}
    assert "café" in line  # non-ASCII kept, not escaped
