"""Extract an article (main text with paragraph spans, title, date, outlet, language) from a raw document."""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
import warnings
from datetime import date
from typing import Any

from newsledger.model import Article, RawDocument, Skip, Span, content_id
from newsledger.settings import ExtractSettings

_BLANK = re.compile(r"\n[ \t]*\n")
_SPACES = re.compile(r"[ \t\u00a0]+")
_WS = re.compile(r"\s+")
for _name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def _clean_line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def split_paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines; with no blank line at all, one paragraph per non-empty line."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks = _BLANK.split(text) if _BLANK.search(text) else text.split("\n")
    paragraphs = []
    for block in blocks:
        joined = " ".join(_clean_line(line) for line in block.split("\n") if line.strip())
        if joined:
            paragraphs.append(joined)
    return paragraphs


def join_paragraphs(paragraphs: list[str]) -> tuple[str, tuple[Span, ...]]:
    spans = []
    pos = 0
    for para in paragraphs:
        spans.append(Span(start=pos, end=pos + len(para)))
        pos += len(para) + 2
    return "\n\n".join(paragraphs), tuple(spans)


def article_id(text: str) -> str:
    """Content hash of the text with case and white space folded, so the same story read twice is one article."""
    return content_id(_WS.sub(" ", text.casefold()).strip())


@functools.lru_cache(maxsize=1)
def _domain_extractor() -> Any:
    import tldextract

    # The bundled public-suffix snapshot; an empty URL list means no download is ever tried.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    parts = _domain_extractor()(url)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}".lower()
    # No public suffix (an intranet or .example host): the host name itself, without "www.".
    host = ".".join(p for p in (parts.subdomain, parts.domain) if p).lower()
    return host.removeprefix("www.") or None


def detect_language(text: str) -> str | None:
    sample = text[:2000]
    if not sample.strip():
        return None
    import py3langid

    # The model ships inside the package and is loaded once, on first use.
    lang, _score = py3langid.classify(sample)
    return str(lang)


def _from_html(html: str, url: str | None) -> tuple[list[str], dict[str, Any]] | None:
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            output_format="python",
        )
    if doc is None:
        return None
    data: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    return [p for p in (_clean_line(line) for line in text.split("\n")) if p], data


def _html_date(html: str, url: str | None) -> date | None:
    from htmldate import find_date

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # The HTML itself, never a bare URL: given only a URL, htmldate would try to download the page.
        found = find_date(html, url=url, extensive_search=False, original_date=True)
    try:
        return date.fromisoformat(found) if found else None
    except ValueError:
        return None


def _metadata_date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def extract_article(doc: RawDocument, *, settings: ExtractSettings) -> Article | Skip:
    """The article in a raw document, or the reason there is none."""
    title, published, outlet = doc.title, doc.published, doc.outlet
    if doc.html is not None:
        found = _from_html(doc.html, doc.url)
        if found is None:
            return Skip(stage="extract", source=doc.source, reason="not an article: no main text found in HTML")
        lines, meta = found
        paragraphs = split_paragraphs("\n\n".join(lines))
        title = title or _str(meta.get("title"))
        published = published or _metadata_date(meta.get("date")) or _html_date(doc.html, doc.url)
        outlet = outlet or outlet_from_url(doc.url or _str(meta.get("url"))) or _str(meta.get("sitename"))
    else:
        paragraphs = split_paragraphs(doc.text or "")
        outlet = outlet or outlet_from_url(doc.url)
    text, spans = join_paragraphs(paragraphs)
    if len(text) < settings.min_chars:
        return Skip(
            stage="extract",
            source=doc.source,
            reason=f"no article text found ({len(text)} characters after extraction; need {settings.min_chars})",
        )
    if len(text) > settings.max_chars:
        return Skip(
            stage="extract",
            source=doc.source,
            reason=f"article text over the limit ({len(text):,} characters > {settings.max_chars:,})",
        )
    return Article(
        id=article_id(text),
        source=doc.source,
        path=doc.path,
        url=doc.url,
        outlet=outlet,
        published=published,
        title=title,
        language=detect_language(text),
        text=text,
        paragraphs=spans,
    )


def _str(value: Any) -> str | None:
    return str(value).strip() or None if value else None
