"""Annotate articles: sentences, entities (spaCy NER plus the pack's actors and equipment) and time expressions."""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from spacy.about import __version__ as spacy_version
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsledger.diskcache import cache_key, load_or_build
from newsledger.model import Article, Span, TimeExpression
from newsledger.pack import EQUIPMENT_OBJECT, Pack
from newsledger.settings import AnnotateSettings
from newsledger.spacy_import import load_spacy
from newsledger.stages.light_names import LightNames, known_labels
from newsledger.stages.tag_attributes import speed_up_attribute_ruler
from newsledger.stages.timex import find_time_expressions

EQUIPMENT_LABEL = "EQUIPMENT"
# Plural pronoun objects that can stand for equipment named earlier ("... delivered them").
EQUIPMENT_PRONOUNS = frozenset({"them", "these", "those"})
COORDINATORS = frozenset({"and", "or", "&"})
# Governments are named by their capitals and seats ("Kabul", "the Kremlin"), which are also places.
ACTOR_LABELS = {"state": "GPE", "government": "GPE", "person": "PERSON"}  # every other kind is an ORG
logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph's spaCy parse, or a stretch of one; token offsets plus ``offset`` index the article text.

    A stretch that cannot hold an event (``parsed`` False) has tokens, rule-based sentences and entities only: no
    tags, lemmas or dependencies.
    """

    offset: int
    doc: Doc
    parsed: bool = True


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    article: Article
    paragraphs: tuple[Paragraph, ...]
    timexes: tuple[TimeExpression, ...]

    def sentences(self) -> Iterator[Span]:
        for para in self.paragraphs:
            for sent in para.doc.sents:
                yield Span(start=para.offset + sent.start_char, end=para.offset + sent.end_char)


_ENTS = "newsledger.ents"


def doc_entities(doc: Doc) -> tuple[SpacySpan, ...]:
    """The parse's entities, made once and kept in its user data: ``doc.ents`` walks every token on each call."""
    found: tuple[SpacySpan, ...] | None = doc.user_data.get(_ENTS)
    if found is None:
        found = doc.user_data[_ENTS] = tuple(doc.ents)
    return found


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


def equipment_aliases(pack: Pack) -> dict[str, str]:
    """Every lower-case name, alias and their plural in "s" of the equipment catalogue, with the entry's id."""
    out: dict[str, str] = {}
    for item in pack.equipment:
        for alias in (item.name, *item.aliases):
            for form in (alias, alias + "s"):
                out.setdefault(form.lower(), item.id)
    return out


class EquipmentConjuncts:
    """Fix the ruler's equipment matches inside words and names and in coordinations that share one head noun.

    A match that starts inside a hyphenated word is part of another word ("anti-**tank** and anti-aircraft
    missiles", "Counter-**IED** training") and is dropped, and so is a class noun inside a name ("Field
    **Artillery** Regiment"), which the NER then labels. A conjunct whose head noun is elided is the
    equipment the shared head makes of it: in "attack, bomber, fighter and remotely piloted aircraft" or
    "artillery and mortar systems" each conjunct is its own mention when the conjunct plus the head of the
    last one ("fighter aircraft", "artillery systems") is in the catalogue.
    """

    def __init__(self, aliases: dict[str, str], names: dict[str, str], generic: frozenset[str]) -> None:
        self.aliases = aliases  # lower-case alias -> entry id
        self.names = names  # entry id -> lower-case canonical name
        self.generic = generic

    def __call__(self, doc: Doc) -> Doc:
        ents = []
        for ent in doc.ents:
            if ent.label_ == EQUIPMENT_LABEL and (
                _is_word_internal(doc, ent.start) or (ent.id_ in self.generic and _is_inside_name(doc, ent))
            ):
                for token in ent:
                    token.ent_id_ = ""
            else:
                ents.append(ent)
        owner = {i: e for e in ents for i in range(e.start, e.end)}
        added: list[SpacySpan] = []
        for ent in ents:
            if ent.label_ == EQUIPMENT_LABEL and ent.id_ != "NAMED_VESSEL":
                for span in self._elided_conjuncts(doc, ent, owner):
                    # Two lists can claim one conjunct ("A and B and C"); the first claim stands.
                    if not any(a.start < span.end and span.start < a.end for a in added):
                        added.append(span)
        if added:
            owned = {i for e in added for i in range(e.start, e.end)}
            kept = [e for e in ents if not owned.intersection(range(e.start, e.end))]
            ents = sorted([*kept, *added], key=lambda e: e.start)
        if len(ents) != len(doc.ents) or added:
            doc.ents = ents
        return doc

    def _elided_conjuncts(self, doc: Doc, ent: SpacySpan, owner: dict[int, SpacySpan]) -> list[SpacySpan]:
        """Conjuncts left of ``ent`` that stand for equipment with ``ent``'s head, nearest first."""
        heads = [doc[ent.end - n : ent.end].text.lower() for n in (1, 2) if n < len(ent)]
        # Then the class's own head noun: "fighters, bombers and airlifters" are all aircraft.
        heads.append(self.names.get(ent.id_, "").rsplit(" ", 1)[-1])
        out: list[SpacySpan] = []
        end = ent.start
        for is_first in (True, *([False] * 8)):
            start = _conjunct_start(doc, end, is_first=is_first)
            if start is None:
                break
            known = owner.get(start)
            if known is not None and known.label_ == EQUIPMENT_LABEL and known.end == start + 1:
                end = known.start  # a conjunct the catalogue names already; the list goes on
                continue
            found = self._conjunct(doc, start, heads)
            if found is None:
                break
            first, entry = found
            # A conjunct that runs into some other entity ("the Air Force and ...") is not ours to split.
            if any(i in owner and not _is_within(owner[i], first, start + 1) for i in range(first, start + 1)):
                break
            out.append(SpacySpan(doc, first, start + 1, label=EQUIPMENT_LABEL, span_id=entry))
            end = first
        return out

    def _conjunct(self, doc: Doc, last: int, heads: Sequence[str]) -> tuple[int, str] | None:
        """The widest conjunct of up to three words ending at ``last`` that makes a catalogue name with a head."""
        found = None
        for width in (1, 2, 3):
            first = last - width + 1
            if first < 0 or doc[first].text in {",", ";", "(", ")"} or doc[first].lower_ in COORDINATORS:
                break
            if doc[first].is_punct:
                continue
            written = doc[first : last + 1].text.lower()
            forms = {written, (doc[first:last].text_with_ws + doc[last].lemma_).lower()}
            entry = next((self.aliases[f"{w} {h}"] for h in heads for w in forms if f"{w} {h}" in self.aliases), None)
            if entry is not None:
                found = (first, entry)
        return found


def _is_within(ent: SpacySpan, start: int, end: int) -> bool:
    return start <= ent.start and ent.end <= end


def _is_word_internal(doc: Doc, start: int) -> bool:
    """The token at ``start`` follows a hyphen that joins it to the word before: "anti-|tank"."""
    return (
        start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_
    )


def _is_inside_name(doc: Doc, ent: SpacySpan) -> bool:
    """A class noun in title case between capitalised words is part of a name ("321st Field Artillery Regiment")."""
    if not all(t.is_title for t in ent) or ent.start == 0 or ent.end >= len(doc):
        return False
    before, after = doc[ent.start - 1], doc[ent.end]
    return before.is_title and after.is_title and after.pos_ == "PROPN" and not before.is_sent_start


def _conjunct_start(doc: Doc, end: int, *, is_first: bool) -> int | None:
    """The last token of the conjunct before the separator that ends at ``end``, or None when there is none.

    The separator next to the final conjunct holds a coordinator (", and" or "and"); those further left are
    commas.
    """
    i = end - 1
    if i >= 0 and doc[i].lower_ in COORDINATORS:
        if not is_first:
            return None
        i -= 1
        if i >= 0 and doc[i].text == ",":
            i -= 1
        return i if i >= 0 else None
    if i >= 0 and doc[i].text == "," and not is_first:
        return i - 1 if i >= 1 else None
    return None


# Nouns that make a facility ("Kabul airport", "Bagram air base") or a division ("Herat province") of the place
# named before them, with the label of the whole.
PLACE_HEADS = (
    (("air", "base"), "FAC"),
    (("naval", "base"), "FAC"),
    (("airport",), "FAC"),
    (("airfield",), "FAC"),
    (("airbase",), "FAC"),
    (("base",), "FAC"),
    (("province",), "GPE"),
    (("district",), "GPE"),
    (("governorate",), "GPE"),
    (("oblast",), "GPE"),
    (("region",), "GPE"),
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def extend_place_heads(doc: Doc) -> Doc:
    """Extend a place to the facility or division it names ("at Kabul airport", "in Herat province").

    The ruler labels "Kabul" alone (a seat of government) and the NER may take "Herat" for a nationality; the
    prepositional object is then "airport" or "province", outside every place entity, and the event's place is
    lost.
    """
    ents = list(doc.ents)
    changed = False
    for n, ent in enumerate(ents):
        if ent.label_ not in PLACE_LABELS and not (ent.label_ == "NORP" and len(ent) == 1 and ent[0].pos_ == "PROPN"):
            continue
        for words, label in PLACE_HEADS:
            end = ent.end + len(words)
            if end > len(doc) or tuple(t.lower_ for t in doc[ent.end : end]) != words:
                continue
            if n + 1 < len(ents) and ents[n + 1].start < end:
                break
            # Only a place that modifies the noun: not "Kabul, base of ..." or "Russia region[al] ...".
            if ent[-1].head.i in range(ent.end, end):
                for token in ent:
                    token.ent_id_ = ""
                ents[n] = SpacySpan(doc, ent.start, end, label=label)
                changed = True
            break
    if changed:
        doc.ents = ents
    return doc


Language.component("place_heads", func=extend_place_heads)


# The equipment catalogue's tables by key, like the phrase indexes: spaCy type-checks every entry of a config
# (seconds for ~30,000 aliases), and the factory's config holds only the key.
_EQUIPMENT_TABLES: dict[str, tuple[dict[str, str], dict[str, str], frozenset[str]]] = {}


@Language.factory("equipment_conjuncts", default_config={"key": ""})
def make_equipment_conjuncts(nlp: Language, name: str, key: str) -> EquipmentConjuncts:
    return EquipmentConjuncts(*_EQUIPMENT_TABLES[key])


# One pack name or alias as the tokenizer splits it, lower-cased, with its entity label and catalogue id.
Phrase = tuple[tuple[str, ...], str, str]


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """The pack's names and aliases by their first lower-case token; built once and kept in the disk cache."""

    by_first: dict[str, tuple[Phrase, ...]]
    ship_prefixes: tuple[str, ...]


def _phrase_index(nlp: Language, pack: Pack) -> str:
    """The key under which the pack's phrase index is loaded (from the disk cache, or built and saved)."""
    patterns = _ruler_patterns(pack)
    phrases = [p for p in patterns if isinstance(p["pattern"], str)]
    key = cache_key(
        [
            spacy_version,
            f"{nlp.meta.get('name')}-{nlp.meta.get('version')}",
            Path(__file__).read_bytes(),
            json.dumps(patterns, sort_keys=True, ensure_ascii=False),
        ]
    )

    def build() -> PhraseIndex:
        # Tokenizing ~30,000 aliases makes a lexeme for each new word: seconds of start-up, paid on the first run.
        by_first: dict[str, list[Phrase]] = {}
        tokenizer = cast(Tokenizer, nlp.tokenizer)
        for pattern, doc in zip(phrases, tokenizer.pipe(p["pattern"] for p in phrases), strict=True):
            words = tuple(t.lower_ for t in doc)
            if words:
                by_first.setdefault(words[0], []).append((words, pattern["label"], pattern["id"]))
        return PhraseIndex(
            by_first={k: tuple(v) for k, v in by_first.items()},
            ship_prefixes=tuple(sorted(p.upper() for p in pack.resolve_words.get("ship_prefixes", ()))),
        )

    _PHRASE_INDEXES[key] = load_or_build("phrases", key, build, PhraseIndex)
    return key


class PackPhrases:
    """Label the pack's actors and equipment wherever their names occur, matched on lower-case tokens.

    What spaCy's entity ruler did with phrase patterns on LOWER, overwriting entities, without its start-up: the
    longest match wins, then the earliest; a match whose first or last token another already took is dropped.
    Named vessels are a hull prefix in capitals followed by capitalised words ("HMS Ocean", "USS Mahan").
    """

    def __init__(self, index: PhraseIndex) -> None:
        self.index = index
        self.ship_prefixes = frozenset(index.ship_prefixes)

    def __call__(self, doc: Doc) -> Doc:
        lowers = [t.lower_ for t in doc]
        found: list[tuple[int, int, int, str, str]] = []  # (length, start, order, label, id)
        order = 0
        for i, word in enumerate(lowers):
            for words, label, entry in self.index.by_first.get(word, ()):
                if tuple(lowers[i : i + len(words)]) == words:
                    found.append((len(words), i, order, label, entry))
                    order += 1
            if doc[i].text in self.ship_prefixes:
                end = i + 1
                while end < len(doc) and doc[end].is_title:
                    end += 1
                    found.append((end - i, i, order, EQUIPMENT_LABEL, "NAMED_VESSEL"))
                    order += 1
        if not found:
            return doc
        found.sort(key=lambda m: (-m[0], m[1], m[2]))
        entities = list(doc.ents)
        new: list[SpacySpan] = []
        taken: set[int] = set()
        for length, start, _, label, entry in found:
            end = start + length
            if start in taken or end - 1 in taken:
                continue
            new.append(SpacySpan(doc, start, end, label=label, span_id=entry))
            entities = [e for e in entities if not (e.start < end and e.end > start)]
            taken.update(range(start, end))
        doc.ents = entities + new
        return doc


# Indexes by cache key: spaCy's config holds the key, a string, and the factory finds the index here.
_PHRASE_INDEXES: dict[str, PhraseIndex] = {}


@Language.factory("pack_phrases", default_config={"key": ""})
def make_pack_phrases(nlp: Language, name: str, key: str) -> PackPhrases:
    return PackPhrases(_PHRASE_INDEXES[key])


def load_nlp(model: str, pack: Pack, *, ner: bool = True) -> Language:
    """spaCy with a component that labels the pack's actors and equipment (loaded once per pack); without its
    entity recogniser when ``ner`` is False (the annotate stage then finds names with ``LightNames``)."""
    return _load_nlp(model, pack, ner)


@functools.lru_cache(maxsize=4)
def _load_nlp(model: str, pack: Pack, ner: bool) -> Language:
    nlp = load_spacy(model, ner=ner)
    speed_up_attribute_ruler(nlp)
    key = _phrase_index(nlp, pack)
    nlp.add_pipe("pack_phrases", name="entity_ruler", before="ner" if ner else None, config={"key": key})
    _EQUIPMENT_TABLES[key] = (
        equipment_aliases(pack),
        {item.id: item.name.lower() for item in pack.equipment},
        frozenset(item.id for item in pack.equipment if item.generic),
    )
    nlp.add_pipe("equipment_conjuncts", after="entity_ruler", config={"key": key})
    if ner:
        nlp.add_pipe("place_heads", after="ner")
    return nlp


@dataclass(frozen=True, slots=True)
class _Needs:
    """What a sentence must hold besides a trigger's first lemma for the rule to have a chance there."""

    rest: frozenset[str]  # the phrase's other lemmas ("hand over")
    aux: frozenset[str] | None  # one of these auxiliaries in the complement ("said Iran must ...")
    objects: frozenset[str] | None  # one of these object lemmas, or equipment when ``equipment``
    equipment: bool


class TriggerWords:
    """Which sentences can hold an event of the pack, guessed from their words without a tagger or a parser.

    A word's possible lemmas are the word itself, its listed irregular lemmas ("sent" -> "send") and what the
    suffix rules of the model's own lemmatizer make of it for nouns, verbs and adjectives ("shootings" ->
    "shooting", "supplied" -> "supply"): the lemmatizer picks one of these. A sentence is a candidate when, for
    some trigger rule, it holds a word that may be the rule's lemma and what else the rule asks for: the other
    lemmas of a phrase trigger, one of its complement auxiliaries, one of its object lemmas (or, for equipment
    objects, a name from the equipment catalogue or a pronoun that can stand for one). Every test errs towards
    yes, so a sentence where the full parse finds a trigger is a candidate.
    """

    _CACHE_LIMIT = 200_000

    def __init__(
        self,
        needs: dict[str, tuple[_Needs, ...]],
        rules: Sequence[tuple[str, str]],
        exceptions: dict[str, frozenset[str]],
    ) -> None:
        self.needs = needs
        self.first = frozenset(needs)
        self.rules = tuple(rules)
        self.exceptions = exceptions
        self._seen: dict[str, frozenset[str]] = {}

    @classmethod
    def of(cls, nlp: Language, pack: Pack) -> TriggerWords:
        needs: dict[str, list[_Needs]] = {}
        for rule in pack.triggers:
            objects = rule.objects
            needs.setdefault(rule.lemma[0], []).append(
                _Needs(
                    rest=frozenset(rule.lemma[1:]),
                    aux=rule.complement_aux,
                    objects=frozenset(o.lower() for o in objects) if objects is not None else None,
                    equipment=objects is not None and EQUIPMENT_OBJECT in objects,
                )
            )
        rules: list[tuple[str, str]] = []
        exceptions: dict[str, set[str]] = {}
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None) if "lemmatizer" in nlp.pipe_names else None
        if lookups is not None:
            for pos in ("noun", "verb", "adj"):
                if lookups.has_table("lemma_rules"):
                    rules += [(old, new) for old, new in lookups.get_table("lemma_rules").get(pos, [])]
                if lookups.has_table("lemma_exc"):
                    for form, found in lookups.get_table("lemma_exc").get(pos, {}).items():
                        exceptions.setdefault(form, set()).update(f.lower() for f in found)
        return cls({k: tuple(v) for k, v in needs.items()}, rules, {k: frozenset(v) for k, v in exceptions.items()})

    def lemmas_of(self, word: str) -> frozenset[str]:
        """The lemmas the lower-case ``word`` may have."""
        known = self._seen.get(word)
        if known is None:
            forms = {word, *self.exceptions.get(word, ())}
            forms.update(word[: len(word) - len(old)] + new for old, new in self.rules if word.endswith(old))
            known = frozenset(forms)
            if len(self._seen) >= self._CACHE_LIMIT:
                self._seen.clear()
            self._seen[word] = known
        return known

    def may_hold_event(self, sent: SpacySpan) -> bool:
        """Whether the sentence can hold a trigger of the pack (its entities are the pack's names)."""
        lowers = {t.lower_ for t in sent}
        lemmas = lowers.union(*(self.lemmas_of(w) for w in lowers))
        firsts = lemmas & self.first
        if not firsts:
            return False
        equipment = bool(lowers & EQUIPMENT_PRONOUNS) or any(e.label_ == EQUIPMENT_LABEL for e in sent.ents)
        return any(
            need.rest <= lemmas
            and (need.aux is None or not need.aux.isdisjoint(lowers))
            and (need.objects is None or not need.objects.isdisjoint(lemmas) or (need.equipment and equipment))
            for first in firsts
            for need in self.needs[first]
        )


@functools.lru_cache(maxsize=4)
def _trigger_words(model: str, pack: Pack, ner: bool = True) -> TriggerWords:
    return TriggerWords.of(load_nlp(model, pack, ner=ner), pack)


def _dictionary(nlp: Language) -> frozenset[str]:
    """The lower-case nouns, verbs and adjectives of the model's lemmatizer tables (WordNet's words)."""
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None) if "lemmatizer" in nlp.pipe_names else None
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(w for words in lookups.get_table("lemma_index").values() for w in words if w.islower())


# A city this populous is named as a place more often than as anything else ("Denver", "Toronto").
LARGE_CITY = 200_000


@functools.lru_cache(maxsize=4)
def _light_names(model: str, pack: Pack, ner: bool = True) -> LightNames:
    from newsledger.stages.places import build_gazetteer, fold_place

    gazetteer = build_gazetteer(pack)
    large = frozenset({"country", "division", "continent"})
    return LightNames(
        large_place=lambda text: any(c.kind in large for c in gazetteer.candidates(text)),
        any_place=lambda text: bool(gazetteer.candidates(text)),
        city=lambda text: any(c.population >= LARGE_CITY for c in gazetteer.candidates(text)),
        is_nationality=lambda text: fold_place(text) in gazetteer.demonyms,
        org_heads=pack.resolve_words.get("organisation_heads", frozenset()),
        time_words=pack.resolve_words.get("time_words", frozenset()),
        common_words=frozenset(load_nlp(model, pack, ner=ner).Defaults.stop_words),
        titles=pack.resolve_words.get("titles", frozenset()),
        dictionary=_dictionary(load_nlp(model, pack, ner=ner)),
    )


_SENTENCIZER = Sentencizer()
# What a stretch that cannot hold an event skips: tagging, parsing and lemmas. The pack's names and spaCy's entity
# recogniser (which has its own token vectors) still run, since places and stories read every entity.
_PARSE_ONLY = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


def parse_plan(doc: Doc, words: TriggerWords, context: int) -> list[tuple[int, int, bool]]:
    """The stretches of a tokenized piece, whose entities are the pack's names, as (start char, end char, parse).

    Runs of rule-based sentences that can hold an event, each with the ``context`` sentences before it, are parsed;
    the runs between them are not. The stretches cover the piece in order; the whitespace between two belongs to
    the first, as a sentence of the whole piece's parse ends with it.
    """
    sents = list(_SENTENCIZER(doc).sents)
    keep = [False] * len(sents)
    for n, sent in enumerate(sents):
        if words.may_hold_event(sent):
            first = max(0, n - context)
            keep[first : n + 1] = [True] * (n + 1 - first)
    plan: list[tuple[int, int, bool]] = []
    text = doc.text
    for sent, parse in zip(sents, keep, strict=True):
        start = sent.start_char
        while start < len(text) and text[start].isspace():
            start += 1
        if start >= sent.end_char:
            continue  # whitespace alone: it stays with the stretch before
        if plan and plan[-1][2] == parse:
            continue
        if plan:
            plan[-1] = (plan[-1][0], start, plan[-1][2])
        plan.append((start, len(text), parse))
    return plan


def annotate_articles(
    articles: Iterable[Article], *, pack: Pack, settings: AnnotateSettings
) -> Iterator[AnnotatedArticle]:
    """Parse each paragraph separately so that no entity or sentence runs across a paragraph break.

    With ``settings.candidates_only``, only the sentences that can hold an event and the context before them are
    tagged and parsed (see ``parse_plan``); every sentence still gets the pack's names and the entity recogniser.
    """
    nlp = load_nlp(settings.model, pack, ner=settings.ner)
    words = _trigger_words(settings.model, pack, settings.ner) if settings.candidates_only else None
    light = settings.candidates_only and settings.light_names or not settings.ner
    names = _light_names(settings.model, pack, settings.ner) if light else None
    for article in articles:
        pieces = [c for p in article.paragraphs for c in parse_chunks(article.text, p, settings.max_parse_chars)]
        texts = [_breakable(article.text[c.start : c.end]) for c in pieces]
        if words is None:
            docs = list(nlp.pipe((mark_line_starts(nlp.make_doc(t)) for t in texts), batch_size=settings.batch_size))
            if not settings.ner:
                light_names = cast(LightNames, names)
                surnames = light_names.surnames(docs)
                docs = [extend_place_heads(light_names(d, surnames=surnames)) for d in docs]
            paragraphs = tuple(Paragraph(offset=c.start, doc=d) for c, d in zip(pieces, docs, strict=True))
            reach = [c.end for c in pieces]
        else:
            paragraphs, reach = _annotate_stretches(nlp, pieces, texts, words, names, settings)
        # Only the parsed sentences are read for dates; the text after a piece's last one is left out.
        timexes = tuple(
            t
            for piece, end in zip(pieces, reach, strict=True)
            if end > piece.start
            for t in _shift_timexes(
                find_time_expressions(article.text[piece.start : end], article.published), piece.start
            )
        )
        yield AnnotatedArticle(article=article, paragraphs=paragraphs, timexes=timexes)


def _annotate_stretches(
    nlp: Language,
    pieces: Sequence[Span],
    texts: Sequence[str],
    words: TriggerWords,
    names: LightNames | None,
    settings: AnnotateSettings,
) -> tuple[tuple[Paragraph, ...], list[int]]:
    """The pieces' stretches, parsed or light, in text order; and for each piece, the article offset where its last
    parsed stretch ends (the piece's start when it has none).

    Each piece is tokenized and given the pack's names once: the stretches are spans of that doc, not texts to
    tokenize again, and the rest of the pipeline runs on them.
    """
    parsed: list[tuple[int, Doc]] = []
    light: list[tuple[int, Doc]] = []
    reach: list[int] = []
    whole: list[Doc] = []
    for piece, text in zip(pieces, texts, strict=True):
        tokens = nlp.get_pipe("entity_ruler")(nlp.make_doc(text))
        whole.append(tokens)
        end_parsed = piece.start
        plan = parse_plan(tokens, words, settings.context_sentences)
        # A parsed stretch leaves its sentences to the parser; a light one keeps the rule-based ones.
        light_head: list[int | str] = list(cast(Any, tokens)._get_array_attrs())
        parsed_head = [a for a in light_head if a != SENT_START]
        arrays = {True: (parsed_head, tokens.to_array(parsed_head)), False: (light_head, tokens.to_array(light_head))}
        for start, end, parse in plan:
            span = tokens.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            head, array = arrays[parse]
            # The whole piece's token attributes, sliced (spaCy's stub does not list these arguments).
            doc: Doc = cast(Any, span).as_doc(array_head=head, array=array)
            (parsed if parse else light).append(
                (piece.start + span.start_char, mark_line_starts(doc) if parse else doc)
            )
            if parse:
                end_parsed = piece.start + end
        reach.append(end_parsed)
    # Disabled for these calls only (the model is shared by every thread of the process): the pack's names are
    # already on the tokens, and the light stretches skip tagging and parsing.
    docs = nlp.pipe((d for _, d in parsed), batch_size=settings.batch_size, disable=["entity_ruler"])
    surnames = names.surnames(whole) if names is not None and not settings.ner else None
    if not settings.ner:
        # No recogniser loaded: the names of the parsed stretches too come from their words, tags and parse.
        docs = (extend_place_heads(cast(LightNames, names)(d, surnames=surnames)) for d in docs)
    out = [Paragraph(offset=o, doc=d) for (o, _), d in zip(parsed, docs, strict=True)]
    known = known_labels([e for p in out for e in doc_entities(p.doc)]) if names is not None else {}
    if names is None:
        skip = [*_PARSE_ONLY, "entity_ruler"]
        docs = nlp.pipe((d for _, d in light), batch_size=settings.batch_size, disable=skip)
    else:
        # The names alone, found from the words (see ``LightNames``); no tagger, no recogniser.
        skip = [p for p in (*_PARSE_ONLY, "entity_ruler", "ner", "place_heads") if p in nlp.pipe_names]
        docs = (
            names(d, known, surnames)
            for d in nlp.pipe((d for _, d in light), batch_size=settings.batch_size, disable=skip)
        )
    out += [Paragraph(offset=o, doc=d, parsed=False) for (o, _), d in zip(light, docs, strict=True)]
    return tuple(sorted(out, key=lambda p: p.offset)), reach


# What a line that ends a sentence ends with, and what a line that opens one opens with.
_SENTENCE_END = frozenset(".!?:\"\u201d\u2019')")
_SENTENCE_OPENING = frozenset("\"\u201c\u2018'(")


def mark_line_starts(doc: Doc) -> Doc:
    """Start a sentence at a line that follows one ending a sentence ("... its inaction.\n\u201cThey ..."), which the
    parser sometimes runs together; wrapped lines, which end inside a sentence, are left to the parser."""
    for token in doc[2:]:
        newline, last = doc[token.i - 1], doc[token.i - 2]
        if not (newline.is_space and "\n" in newline.text) or last.text[-1:] not in _SENTENCE_END:
            continue
        if token.text[:1].isupper() or token.text[:1].isdigit() or token.text[:1] in _SENTENCE_OPENING:
            token.is_sent_start = True
    return doc


_BREAKS = (". ", "! ", "? ", "; ", ", ", " ")
# No word or address runs this long without a space; the tokenizer's time grows with the square of such a run
# ("<<<<...", a base64 blob), so a long one is broken up for the parser.
_LONG_RUN = re.compile(r"\S{200,}")
_RUN_STEP = 100


def _breakable(text: str) -> str:
    """The text as the parser sees it: every 100th character of a run of 200 or more without whitespace becomes a
    space. The length is the same, so every offset still indexes the article text."""

    def spaced(match: re.Match[str]) -> str:
        chars = list(match.group())
        chars[_RUN_STEP - 1 :: _RUN_STEP] = " " * len(chars[_RUN_STEP - 1 :: _RUN_STEP])
        return "".join(chars)

    return _LONG_RUN.sub(spaced, text)


def parse_chunks(text: str, paragraph: Span, limit: int) -> Iterator[Span]:
    """The paragraph in pieces of at most ``limit`` characters, each cut after a sentence end where there is one
    (else after a clause or a word, else anywhere), so the parser's time and memory stay bounded on a page that
    is one paragraph of a million characters. Ordinary paragraphs are one piece."""
    start, end = paragraph.start, paragraph.end
    while end - start > limit:
        window = text[start : start + limit]
        cut = next((window.rfind(b) + len(b) for b in _BREAKS if window.rfind(b) > limit // 2), limit)
        yield Span(start=start, end=start + cut)
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield Span(start=start, end=end)


def _shift_timexes(found: tuple[TimeExpression, ...], offset: int) -> Iterator[TimeExpression]:
    from dataclasses import replace

    for t in found:
        yield replace(t, span=t.span.shifted(offset))
