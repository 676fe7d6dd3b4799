"""One paragraph of text annotated and coded with the security pack, for tests of event rules."""

from __future__ import annotations

from datetime import date

from newsledger.model import Article, EventMention, Span
from newsledger.pack import load_pack
from newsledger.settings import AnnotateSettings
from newsledger.stages.annotate import annotate_articles
from newsledger.stages.events import extract_events

PACK = load_pack("security")


def coded_mentions(text: str, type_: str) -> list[EventMention]:
    """The mentions of one type that the text, as one paragraph published on 10 March 2025, holds."""
    article = Article(
        id="a1", source="test", path=None, url=None, outlet=None, published=date(2025, 3, 10), title=None,
        language="en", text=text, paragraphs=(Span(start=0, end=len(text)),),
    )  # fmt: skip
    [annotated] = annotate_articles([article], pack=PACK, settings=AnnotateSettings())
    return [m for m in extract_events(annotated, pack=PACK) if m.type.value == type_]
