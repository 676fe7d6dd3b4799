"""Tests for the extract stage: main text, paragraph spans, ids, dates, outlets, language and skips."""

from __future__ import annotations

import json
import socket
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from newsledger.model import Article, RawDocument, Skip
from newsledger.settings import ExtractSettings, ReadSettings
from newsledger.stages import extract as extract_module
from newsledger.stages.extract import extract_article, outlet_from_url
from newsledger.stages.read import read_documents

DATA = Path(__file__).parent / "data" / "read"
SENTENCE = "The Westmoor harbour council voted on Monday to build a second ferry pier, ending a long dispute."
PAGE = (
    "<html><head><title>Pier vote | Gazette</title></head><body><nav><a href='/'>Home</a></nav>"
    f"<article><h1>Pier vote</h1><p>{SENTENCE}</p><p>{SENTENCE} The vote was close.</p></article></body></html>"
)


def extract(doc: RawDocument, **settings: Any) -> Article | Skip:
    return extract_article(doc, settings=ExtractSettings(**settings))


def article(doc: RawDocument, **settings: Any) -> Article:
    result = extract(doc, **settings)
    assert isinstance(result, Article), result
    return result


def text_doc(text: str, **fields: Any) -> RawDocument:
    return RawDocument(source="test.txt", path="test.txt", text=text, **fields)


def html_doc(html: str, **fields: Any) -> RawDocument:
    return RawDocument(source="test.html", path="test.html", html=html, **fields)


def read_one(path: Path) -> RawDocument:
    (doc,) = read_documents([str(path)], manifest=None, settings=ReadSettings())
    assert isinstance(doc, RawDocument)
    return doc


def test_extract_article_html_page_matches_expected_json() -> None:
    expected = json.loads((DATA / "article.expected.json").read_text(encoding="utf-8"))
    result = article(replace(read_one(DATA / "article.html"), url=expected["url"]))
    assert [p.quote(result.text) for p in result.paragraphs] == expected["paragraphs"]
    assert result.text == "\n\n".join(expected["paragraphs"])
    assert (result.url, result.title, result.published, result.outlet, result.language) == (
        expected["url"],
        expected["title"],
        date.fromisoformat(expected["published"]),
        expected["outlet"],
        expected["language"],
    )


def test_extract_article_html_main_text_excludes_nav_cookie_banner_and_comments() -> None:
    result = article(read_one(DATA / "article.html"))
    for boilerplate in ("cookie", "Subscribe", "Reader comments", "waste of money", "Copyright", "Local news"):
        assert boilerplate not in result.text
    assert "second ferry pier" in result.text


def test_extract_article_html_outlet_falls_back_to_site_name_without_url() -> None:
    assert article(read_one(DATA / "article.html")).outlet == "The Lantern Gazette"


def test_extract_article_given_metadata_wins_over_the_page() -> None:
    doc = replace(read_one(DATA / "article.html"), title="Given title", published=date(2024, 1, 2), outlet="Given")
    result = article(doc)
    assert (result.title, result.published, result.outlet) == ("Given title", date(2024, 1, 2), "Given")


def test_extract_article_html_saved_as_txt() -> None:
    result = article(read_one(DATA / "saved_page.txt"))
    assert result.title == "Lighthouse keeper retires after forty years"
    assert result.paragraphs[1].quote(result.text).startswith("Westmoor's lighthouse keeper, Tobias Fernlow")
    assert "Home" not in result.text


def test_extract_article_html_fragment_from_a_feed_is_extracted() -> None:
    result = article(html_doc(f"<p>{SENTENCE}</p><p>{SENTENCE} It was close.</p>"))
    assert result.text == f"{SENTENCE}\n\n{SENTENCE} It was close."


def test_extract_article_html_without_main_text_is_skipped() -> None:
    page = "<html><head><title>Empty</title></head><body><script>var a = 1;</script></body></html>"
    assert extract(html_doc(page)) == Skip(
        stage="extract", source="test.html", reason="not an article: no main text found in HTML"
    )


def test_extract_article_date_falls_back_to_htmldate_on_the_parsed_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []

    def fake_find_date(page: object, **kwargs: object) -> str:
        calls.append(page)
        return "2024-02-03"

    monkeypatch.setattr(extract_module, "find_date", fake_find_date)
    result = article(html_doc(PAGE))
    assert result.published == date(2024, 2, 3)
    # Never a string: htmldate fetches a string that looks like a URL.
    assert len(calls) == 1 and not isinstance(calls[0], str | bytes)


def test_extract_article_plain_text_paragraphs_are_blank_line_blocks() -> None:
    result = article(read_one(DATA / "article.txt"))
    assert [p.quote(result.text) for p in result.paragraphs] == [
        "FICTIONAL FIXTURE written for newsledger's tests: the outlet, people and events are invented.",
        "The Westmoor harbour council voted on Monday to build a second ferry pier, ending a dispute that had "
        "delayed the project for three years.",
        "Council leader Ada Brightwater said the pier would open in the spring.",
    ]
    assert result.title is None


def test_extract_article_plain_text_without_blank_lines_is_one_paragraph_per_line() -> None:
    result = article(text_doc(f"  {SENTENCE}  \r\n\r\n{SENTENCE}\t\tTwo.\r\n"), min_chars=1)
    assert result.text == f"{SENTENCE}\n\n{SENTENCE} Two."
    result = article(text_doc(f"{SENTENCE}\r\n{SENTENCE}\t\tTwo.\r\n"), min_chars=1)
    assert result.text == f"{SENTENCE}\n\n{SENTENCE} Two."


def test_extract_article_drops_byte_order_marks_anywhere_in_the_text() -> None:
    result = article(text_doc(f"\ufeff{SENTENCE}\n\n\ufeff\n\nCafe\ufeff\u0301 news."), min_chars=1)
    assert result.text == f"{SENTENCE}\n\nCafé news."


def test_extract_article_text_is_nfc_normalized() -> None:
    result = article(text_doc(f"Cafe\u0301 news. {SENTENCE}"))
    assert result.text.startswith("Café news.") and unicodedata.is_normalized("NFC", result.text)


paragraph = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]), min_size=1, max_size=40
).filter(lambda s: s.strip() != "")


@given(st.lists(paragraph, min_size=1, max_size=8))
def test_extract_article_plain_text_paragraph_spans_quote_the_text(paragraphs: list[str]) -> None:
    # A byte-order mark is dropped wherever it stands, so a paragraph of nothing else is no paragraph.
    expected = [q for p in paragraphs if (q := " ".join(unicodedata.normalize("NFC", p.replace("\ufeff", "")).split()))]
    assume(expected)
    result = extract(text_doc("\n\n".join(paragraphs)), min_chars=1)
    assert isinstance(result, Article)
    quotes = [span.quote(result.text) for span in result.paragraphs]
    assert quotes == expected
    assert result.text == "\n\n".join(quotes)


def test_extract_article_id_is_the_same_for_the_same_text_in_two_files(tmp_path: Path) -> None:
    text = (DATA / "article.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("\n", "\r\n").upper(), encoding="utf-8")
    a, b = (article(read_one(tmp_path / name)) for name in ("a.txt", "b.txt"))
    assert a.id == b.id and a.source != b.source
    assert a.id != article(text_doc(text + " More.")).id


def test_extract_article_outlet_from_url_is_the_registered_domain() -> None:
    result = article(text_doc(SENTENCE, url="https://www.bbc.co.uk/news/x"))
    assert result.outlet == "bbc.co.uk"


def test_outlet_from_url_without_public_suffix_is_the_host() -> None:
    assert outlet_from_url("https://www.kabulpost.example/news/1") == "kabulpost.example"
    assert outlet_from_url(None) is None


WAYBACK = "http://web.archive.org/web/20160530191334/http://fox59.com/2014/06/15/pier-vote/"


def test_outlet_from_url_of_an_archived_copy_is_the_original_site() -> None:
    assert outlet_from_url(WAYBACK) == "fox59.com"
    assert outlet_from_url("https://archive.ph/2019.01.09-121502/https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert outlet_from_url("https://archive.ph/AbCd1") is None


def test_extract_article_archived_copy_keeps_its_url_and_counts_as_the_original_site() -> None:
    result = article(text_doc(SENTENCE, url=WAYBACK))
    assert (result.url, result.original_url, result.outlet) == (
        WAYBACK,
        "http://fox59.com/2014/06/15/pier-vote/",
        "fox59.com",
    )
    plain = article(text_doc(SENTENCE, url="https://www.bbc.co.uk/news/x"))
    assert plain.original_url == plain.url


def _archived_page(head: str) -> str:
    return PAGE.replace("<head>", f"<head><meta property='og:site_name' content='archive.ph'>{head}")


def test_extract_article_archive_short_form_takes_the_page_canonical_url_as_original() -> None:
    page = _archived_page("<link rel='canonical' href='https://www.bbc.co.uk/news/pier-vote'>")
    result = article(html_doc(page, url="https://archive.ph/AbCd1"))
    assert (result.url, result.original_url, result.outlet) == (
        "https://archive.ph/AbCd1",
        "https://www.bbc.co.uk/news/pier-vote",
        "bbc.co.uk",
    )


def test_extract_article_archive_short_form_without_original_has_no_outlet_but_the_given_one() -> None:
    page = _archived_page("<link rel='canonical' href='https://archive.ph/AbCd1'>")
    result = article(html_doc(page, url="https://archive.ph/AbCd1"))
    assert (result.original_url, result.outlet) == (None, None)
    assert article(text_doc(SENTENCE, url="https://archive.ph/AbCd1")).outlet is None
    named = article(text_doc(SENTENCE, url="https://archive.ph/AbCd1", outlet="Westmoor Gazette"))
    assert (named.original_url, named.outlet) == (None, "Westmoor Gazette")


def test_extract_article_uses_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    # Build the domain extractor afresh under the guard: loading the suffix list is when it could fetch.
    extract_module._domain_extractor.cache_clear()
    doc = replace(read_one(DATA / "article.html"), url="https://news.example.com/2024/05/14/pier")
    assert article(doc).outlet == "example.com"
    # A page whose whole content looks like a URL must not make any library fetch it.
    assert isinstance(extract(html_doc("https://example.com/2024/05/14/pier")), Skip)


def test_extract_article_language_is_detected() -> None:
    assert article(read_one(DATA / "article.txt")).language == "en"
    french = (
        "Le conseil du port de Westmoor a voté lundi la construction d'un second quai pour les ferries, "
        "mettant fin à un différend qui retardait le projet depuis trois ans."
    )
    assert article(text_doc(french)).language == "fr"


def test_extract_article_too_short_is_skipped() -> None:
    assert extract(text_doc("Short note.")) == Skip(
        stage="extract",
        source="test.txt",
        reason="no article text found (11 characters after extraction)",
        detail="extract.min_chars is 80",
    )


def test_extract_article_too_long_is_skipped() -> None:
    assert extract(text_doc(SENTENCE * 3), max_chars=100) == Skip(
        stage="extract",
        source="test.txt",
        reason="article text too long (291 characters after extraction; extract.max_chars is 100)",
    )


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Updated: November 11, 2011 20:09 IST", date(2011, 11, 11)),
        ("Published on: Fri, 11 Nov 2011 at 09:56 IST", date(2011, 11, 11)),
        ("DECEMBER 16, 2008", date(2008, 12, 16)),
        ("WIRE Nov 12, 2011, 05.51AM IST HARBOURTON:", date(2011, 11, 12)),
        ("on Tuesday, 16 December 2008 13:45.", date(2008, 12, 16)),
        # Not a date line: a headline or a sentence that names a date, a numeric date of unknown order, no year.
        ("Remembering September 11, 2001", None),
        ("On June 3, 2010, the council voted to build a pier.", None),
        ("12/06/08 1:22 pm", None),
        ("Harbourton, Nov 11 -", None),
    ],
)
def test_extract_article_plain_text_takes_its_date_from_a_date_line_at_its_head(
    head: str, expected: date | None
) -> None:
    # Fictional text written for this test.
    text = f"Westmoor council votes for second pier\n{head}\n{SENTENCE}\n{SENTENCE} The vote was close."
    result = article(RawDocument(source="t.txt", path=None, text=text))
    assert result.published == expected
    assert result.text.startswith("Westmoor council votes")  # the line stays in the text


def test_extract_article_given_date_wins_over_a_date_line() -> None:
    text = f"Pier vote\nUpdated: November 11, 2011\n{SENTENCE}"
    result = article(RawDocument(source="t.txt", path=None, text=text, published=date(2024, 1, 2)))
    assert result.published == date(2024, 1, 2)


def test_extract_article_a_date_line_below_the_first_lines_is_not_the_date() -> None:
    body = "\n".join(f"{SENTENCE} Line {n}." for n in range(6))
    result = article(RawDocument(source="t.txt", path=None, text=f"{body}\nDecember 16, 2008\n"))
    assert result.published is None
