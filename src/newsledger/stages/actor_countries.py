"""The country of an actor no dictionary entry names: from a state in its phrase, a place, or its introduction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsledger.stages.annotate import AnnotatedArticle, doc_entities
from newsledger.stages.arguments import phrase_modifiers
from newsledger.stages.participants import Argument
from newsledger.stages.places import Gazetteer, resolve_place
from newsledger.stages.resolve import Resolver, resolve_actor

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def country_hint(texts: Iterable[str], *, resolver: Resolver, on: date | None) -> str | None:
    """The country of the first state named (as a name or a nationality) in one of the texts."""
    for text in texts:
        words = text.replace("'s", "").split()
        for size in (2, 1):
            for i in range(len(words) - size + 1):
                chunk = " ".join(words[i : i + size])
                if not chunk[:1].isupper():
                    continue
                ref = resolve_actor(chunk, resolver=resolver, on=on, kind_hint="NORP")
                if ref.id is not None and ref.kind == "state" and ref.country:
                    return ref.country
    return None


def place_hint(arg: Argument, *, gazetteer: Gazetteer) -> str | None:
    """The country of a place named in the argument's phrase ("officials in Helmand", "a Dayton man")."""
    names = [*arg.hints, *([arg.core] if arg.core and arg.label in PLACE_LABELS else [])]
    for name in names:
        place = resolve_place(name, gazetteer=gazetteer)
        if place is not None and place.country:
            return place.country
    return None


def introduced_countries(
    annotated: AnnotatedArticle,
    *,
    ents_of: Callable[[Doc], dict[int, SpacySpan]],
    resolver: Resolver,
    on: date | None,
) -> dict[str, str]:
    """The country each organisation or person name of the article is introduced with, the first time a
    nationality or state stands in its phrase: "the Russian news agency Volga Press", "Volga Press, a Russian
    agency". Later bare mentions of the name have it too."""
    found: dict[str, str] = {}
    for para in annotated.paragraphs:
        ents = ents_of(para.doc)
        for ent in doc_entities(para.doc):
            key = ent.text.lower()
            if ent.label_ not in {"ORG", "PERSON"} or key in found:
                continue
            hints = [
                inner.text
                for _, mod in phrase_modifiers(ent.root)
                if (inner := ents.get(mod.i)) is not None and inner.label_ in {"GPE", "NORP"} and inner != ent
            ]
            country = country_hint(hints, resolver=resolver, on=on) if hints else None
            if country is not None:
                found[key] = country
    return found
