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


# Fictional text, written for this test: the second and third sentences can hold events of the pack and are parsed.
PARSED_TEXT = (
    "Dr. Elena Varga of the Riverside Youth Council spoke in Denver on Monday. Russia sent two helicopters to "
    "Varga's council, Mr. Osei said. Northgate Freight Company shipped them; Varga said Google paid."
)


def test_light_names_without_the_recogniser_label_the_names_of_parsed_sentences() -> None:
    article = replace(_article(), text=PARSED_TEXT, paragraphs=(Span(start=0, end=len(PARSED_TEXT)),))
    settings = AnnotateSettings(candidates_only=True, ner=False)
    (annotated,) = annotate_articles([article], pack=load_pack("security"), settings=settings)
    assert any(p.parsed for p in annotated.paragraphs)
    names = [(e.text, e.label_) for p in annotated.paragraphs for e in doc_entities(p.doc)]
    assert names == [
        ("Elena Varga", "PERSON"),  # after a title
        ("Riverside Youth Council", "ORG"),
        ("Denver", "GPE"),
        ("Monday", "DATE"),
        ("Russia", "GPE"),  # the pack's actor
        ("helicopters", "EQUIPMENT"),
        ("Varga", "PERSON"),  # the last name of a person of the article
        ("Osei", "PERSON"),  # after "Mr."
        ("Northgate Freight Company", "ORG"),  # ends in an organisation's noun
        ("Varga", "PERSON"),
        ("Google", "ORG"),  # one word that is no person's last name in the article
    ]


def test_light_names_without_the_recogniser_do_not_load_it() -> None:
    from newsledger.stages.annotate import load_nlp

    nlp = load_nlp(AnnotateSettings().model, load_pack("security"), ner=False)
    assert "ner" not in nlp.pipe_names
    assert "ner" in load_nlp(AnnotateSettings().model, load_pack("security")).pipe_names


# Fictional text, written for this test: every sentence is parsed (as `newsledger places` does), no recogniser.
PLACES_TEXT = (
    "Health officials in Zorblatville said on Wednesday that cases were found in the village of Quennick, near "
    "Lake Orvell and in Harlow County. A Brennton resident and two Sydney-based nurses were treated. Ilse Marrow of "
    "Denver, Colorado said the Quell River had flooded. Western criticism of the plan grew, Marrow said."
)


def test_light_names_without_the_recogniser_find_places_from_the_words_around_them() -> None:
    article = replace(_article(), text=PLACES_TEXT, paragraphs=(Span(start=0, end=len(PLACES_TEXT)),))
    settings = AnnotateSettings(candidates_only=False, ner=False)
    (annotated,) = annotate_articles([article], pack=load_pack("security"), settings=settings)
    names = dict((e.text, e.label_) for p in annotated.paragraphs for e in doc_entities(p.doc))
    assert names["Zorblatville"] == "GPE"  # after "in", though no gazetteer knows it
    assert names["Quennick"] == "GPE"  # "the village of ..."
    assert names["Lake Orvell"] == "LOC"  # a natural feature, by its first word
    assert names["Harlow County"] == "GPE"  # a division, by its last
    assert names["Brennton"] == "GPE"  # "a ... resident"
    assert names["Sydney"] == "GPE"  # "Sydney-based": a place, though it modifies a word
    assert names["Ilse Marrow"] == "PERSON"  # "of Denver" is where she is from, not part of her name
    assert names["Denver"] == "GPE"
    assert names["Colorado"] == "GPE"
    assert names["Quell River"] == "LOC"
    assert "Western" not in names  # an adjective opening a sentence
    assert names["Marrow"] == "PERSON"  # her last name
