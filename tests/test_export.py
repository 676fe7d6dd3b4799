"""Tests for the export contract's records: URLs as given beside the original page an archived copy holds."""

from __future__ import annotations

from datetime import date
from typing import Any

from newsledger.export import article_record, story_record

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
