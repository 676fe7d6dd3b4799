"""Names of the stretches that are not parsed, found from the words instead of spaCy's entity recogniser."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from newsledger.model import Article, Span
from newsledger.pack import load_pack
from newsledger.settings import AnnotateSettings
from newsledger.stages.annotate import annotate_articles, doc_entities
from newsledger.stages.stories import story_names

# Fictional text, written for this test: no sentence can hold an event of the pack, so none is parsed.
TEXT = (
    "Fictional test article.\n\n"
    "Toronto - The festival opened in Denver last week. Maria Lopez of the Riverside Youth Council said the music "
    "was loud. Police said the crowd was calm. Canadian fans came from Toronto in 2019, and I heard Lopez sing "
    "there on Monday."
)


def _article() -> Article:
    return Article(
        id="light", source="test", path=None, url=None, outlet=None, published=date(2025, 3, 4), title=None,
        language="en", text=TEXT, paragraphs=(Span(start=0, end=23), Span(start=25, end=len(TEXT))),
    )  # fmt: skip


def _names(settings: AnnotateSettings) -> list[tuple[str, str]]:
    (annotated,) = annotate_articles([_article()], pack=load_pack("security"), settings=settings)
    assert not any(p.parsed for p in annotated.paragraphs)
    return [(e.text, e.label_) for p in annotated.paragraphs for e in doc_entities(p.doc)]


def test_light_names_label_places_people_organisations_and_dates_from_the_words() -> None:
    names = _names(AnnotateSettings(candidates_only=True))
    assert names == [
        ("Toronto", "GPE"),  # a dateline: a large city, though it opens the line
        ("Denver", "GPE"),
        ("Maria Lopez", "PERSON"),
        ("Riverside Youth Council", "ORG"),  # ends in an organisation's noun
        ("Canadian", "GPE"),  # the pack lists it among the names of Canada
        ("Toronto", "GPE"),
        ("2019", "DATE"),
        ("Lopez", "PERSON"),
        ("Monday", "DATE"),
    ]  # "Police" opens a sentence, "I" is a pronoun: neither is a name


def test_light_names_give_the_story_names_the_entity_recogniser_gives() -> None:
    fast = story_names(_names(AnnotateSettings(candidates_only=True)))
    slow = story_names(_names(replace(AnnotateSettings(candidates_only=True), light_names=False)))
    assert set(fast) == set(slow)
