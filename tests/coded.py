"""Text annotated and coded with the security pack, for tests of event rules."""

from __future__ import annotations

from datetime import date

from newsledger.coding import text_article
from newsledger.model import EventMention
from newsledger.pack import load_pack
from newsledger.settings import AnnotateSettings
from newsledger.stages.annotate import annotate_articles
from newsledger.stages.events import extract_events

PACK = load_pack("security")


def coded_mentions(text: str, type_: str) -> list[EventMention]:
    """The mentions of one type in the text, published on 10 March 2025, its paragraphs split at blank lines as
    ``newsledger code`` splits them."""
    article = text_article(text, date(2025, 3, 10), id="a1")
    [annotated] = annotate_articles([article], pack=PACK, settings=AnnotateSettings())
    return [m for m in extract_events(annotated, pack=PACK) if m.type.value == type_]
