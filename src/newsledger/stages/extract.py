"""Extract stage: an article's main text, paragraph spans and metadata from a raw HTML page or plain text."""

from __future__ import annotations

import logging
import re
import unicodedata
import warnings
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from py3langid.langid import MODEL_FILE, LanguageIdentifier
from tldextract import TLDExtract
from trafilatura.settings import Document
from trafilatura.utils import load_html

from newsledger.archives import original_url
from newsledger.model import Article, RawDocument, Skip, Span, content_id
from newsledger.settings import ExtractSettings
from newsledger.stages.text_dates import published_in_text

# Pages that are not articles are expected here and become skips; the libraries' own log lines add nothing.
for _name in ("trafilatura", "htmldate"):
    if logging.getLogger(_name).level == logging.NOTSET:
        logging.getLogger(_name).setLevel(logging.ERROR)

_LANGUAGE_SAMPLE = 2000
_SPACES = re.compile(r"[^\S\n]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile("\r\n?|[\x0b\x85\u2028]")
_PARAGRAPH_BREAK = re.compile("[\x0c\u2029]")


@dataclass(frozen=True, slots=True, kw_only=True)
class _PageMeta:
    title: str | None = None
    url: str | None = None
    published: date | None = None
    sitename: str | None = None


def extract_article(doc: RawDocument, *, settings: ExtractSettings) -> Article | Skip:
    """The article in a raw document, or a Skip saying why there is none.

    Given metadata (from the manifest or a JSON record) wins over what the page says. Plain text is taken as
    it is; when a record has both, its text wins over its HTML, since a feed's text is already extracted.
    """
    if doc.text is not None and doc.text.strip():
        paragraphs = split_paragraphs(doc.text)
        # Plain text has no page metadata; a date line at its head ("Updated: November 11, 2011") is its date.
        page = _PageMeta(published=None if doc.published else published_in_text(paragraphs))
    else:
        found = _extract_html(doc.html or "", url=doc.url, has_date=doc.published is not None, fast=settings.fast)
        if found is None:
            return _skip(doc, "not an article: no main text found in HTML")
        paragraphs, page = found
    text, spans = join_paragraphs(paragraphs)
    if len(text) < settings.min_chars or not spans:
        return _skip(
            doc,
            f"no article text found ({len(text)} characters after extraction)",
            f"extract.min_chars is {settings.min_chars}",
        )
    if len(text) > settings.max_chars:
        return _skip(
            doc,
            f"article text too long ({len(text)} characters after extraction; extract.max_chars is "
            f"{settings.max_chars})",
        )
    url = doc.url or page.url
    # An archive's short address (archive.ph/AbCd1) does not say which page it holds; the page's own canonical
    # URL may. An archive is no outlet: with no original address, the outlet is the given one or unknown.
    original = original_url(url) or original_url(page.url)
    sitename = _clean(page.sitename) if original or not url else None
    return Article(
        id=content_id(" ".join(text.casefold().split())),
        source=doc.source,
        path=doc.path,
        url=url,
        original_url=original,
        outlet=_clean(doc.outlet) or _registered_domain(original) or sitename or outlet_from_url(original),
        published=doc.published or page.published,
        title=_clean(doc.title) or _clean(page.title),
        language=detect_language(text),
        text=text,
        paragraphs=spans,
    )


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: blocks between blank lines (wrapped lines joined), else one per non-empty line."""
    lines = [_clean_line(line) for line in _normalize(text).split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    start = 0
    while start < len(lines) and not lines[start]:
        start += 1
    lines = lines[start:]
    if "" not in lines:
        return lines
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line:
            block.append(line)
        elif block:
            paragraphs.append(" ".join(block))
            block = []
    return paragraphs


def join_paragraphs(paragraphs: list[str]) -> tuple[str, tuple[Span, ...]]:
    """The article text (paragraphs joined by a blank line) and each paragraph's span in it."""
    spans: list[Span] = []
    position = 0
    for paragraph in paragraphs:
        if spans:
            position += 2
        spans.append(Span(start=position, end=position + len(paragraph)))
        position += len(paragraph)
    return "\n\n".join(paragraphs), tuple(spans)


def outlet_from_url(url: str | None) -> str | None:
    """The registered domain of a URL ("bbc.co.uk"), or its host without "www." when it has no public suffix.

    An archived or cached copy is its original site's; an archive address that does not name the original has none.
    """
    url = original_url(url)
    if not url:
        return None
    parts = _domain_extractor()(url)
    domain = parts.top_domain_under_public_suffix
    if domain:
        return domain.lower()
    host = ".".join(p for p in (parts.subdomain, parts.domain) if p).lower()
    return host.removeprefix("www.") or None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, judged on its opening; None when undecided."""
    sample = text[:_LANGUAGE_SAMPLE]
    if not sample.strip():
        return None
    language, _ = _language_identifier().classify(sample)
    return str(language) if language and language != "und" else None


def _extract_html(html: str, *, url: str | None, has_date: bool, fast: bool) -> tuple[list[str], _PageMeta] | None:
    tree = _parse_html(html)
    if tree is None:
        return None
    # Library warnings about odd markup are not actionable for the user and must not reach pytest as errors.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = trafilatura.bare_extraction(
            tree,
            url=url,
            fast=fast,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
        )
        if not isinstance(found, Document) or not found.text:
            return None
        published = _iso_date(found.date)
        if published is None and not has_date:
            # trafilatura asked htmldate for the original date only; a last-modified date beats none at all.
            # The parsed tree, never a string: a string that looks like a URL would make htmldate fetch it.
            published = _iso_date(find_date(tree, url=url, original_date=False, extensive_search=True))
    paragraphs = [line for line in (_clean_line(part) for part in _normalize(found.text).split("\n")) if line]
    page_url = found.url if isinstance(found.url, str) and found.url.startswith(("http://", "https://")) else None
    return paragraphs, _PageMeta(title=found.title, url=page_url, published=published, sitename=found.sitename)


def _parse_html(html: str) -> HtmlElement | None:
    if not html.strip():
        return None
    # lxml rejects a lone fragment ("<p>...</p>") as not HTML; a JSON feed's html field is often just that.
    if "<html" not in html[:4096].lower():
        html = f"<html><body>{html}</body></html>"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tree: Any = load_html(html)
    return tree if isinstance(tree, HtmlElement) else None


def _normalize(text: str) -> str:
    # A byte-order mark (U+FEFF) is invisible wherever it stands, at the start of a file or inside text pasted
    # from several files; it and control characters go before NFC so that removing them cannot undo composition.
    text = _CONTROL.sub("", text.replace("\ufeff", ""))
    return unicodedata.normalize("NFC", _PARAGRAPH_BREAK.sub("\n\n", _LINE_BREAK.sub("\n", text)))


def _clean_line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = _clean_line(unicodedata.normalize("NFC", value).replace("\n", " "))
    return cleaned or None


def _registered_domain(url: str | None) -> str | None:
    if not url:
        return None
    return _domain_extractor()(url).top_domain_under_public_suffix.lower() or None


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@cache
def _domain_extractor() -> TLDExtract:
    # The public suffix list bundled with tldextract: no download, no cache files written.
    return TLDExtract(suffix_list_urls=(), cache_dir=None)


@cache
def _language_identifier() -> Any:
    return LanguageIdentifier.from_model_file(MODEL_FILE)


def _skip(doc: RawDocument, reason: str, detail: str = "") -> Skip:
    return Skip(stage="extract", source=doc.source, reason=reason, detail=detail)
