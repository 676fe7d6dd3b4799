"""Resolve actor and equipment text to the pack's canonical entries (aliases, metonymy, dated roles)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from newsledger.model import ActorRef, EquipmentRef
from newsledger.pack import ActorEntry, EquipmentEntry, Pack

_PUNCT = re.compile(r"[^\w\s-]")
_SPACE = re.compile(r"[\s_-]+")
_VOWELS = re.compile(r"[aeiouy]")
_REPEAT = re.compile(r"(.)\1+")
# Spelling variation that transliteration produces (q/k, ph/f, kh/k, w/v, j/dj) folds to one form.
_TRANSLIT = (("ph", "f"), ("kh", "k"), ("q", "k"), ("w", "v"), ("dj", "j"), ("ck", "k"), ("ff", "v"))


def normalize_name(text: str) -> str:
    """Case-, accent- and punctuation-folded form used for alias lookup."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = folded.replace("’", "'")
    folded = re.sub(r"'s\b", "", folded)
    folded = _PUNCT.sub(" ", folded)
    words = _SPACE.sub(" ", folded).strip().split(" ")
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _skeleton(word: str) -> str:
    for old, new in _TRANSLIT:
        word = word.replace(old, new)
    if word.endswith("off"):
        word = word[:-3] + "ov"
    head, rest = word[:1], word[1:]
    return _REPEAT.sub(r"\1", head + _VOWELS.sub("", rest))


@dataclass(frozen=True, slots=True)
class Resolver:
    """Alias indexes over one pack, built once per pack."""

    pack: Pack
    by_alias: dict[str, tuple[ActorEntry, ...]]
    by_id: dict[str, ActorEntry]
    person_skeletons: tuple[tuple[tuple[str, ...], ActorEntry], ...]
    multiword_aliases: tuple[str, ...]
    equipment_by_alias: dict[str, EquipmentEntry]
    titles: frozenset[str]
    group_nouns: frozenset[str]


@functools.lru_cache(maxsize=8)
def build_resolver(pack: Pack) -> Resolver:
    by_alias: dict[str, list[ActorEntry]] = defaultdict(list)
    skeletons: list[tuple[tuple[str, ...], ActorEntry]] = []
    for actor in pack.actors:
        for alias in (actor.name, *actor.aliases):
            key = normalize_name(alias)
            if key and actor not in by_alias[key]:
                by_alias[key].append(actor)
            if actor.kind == "person":
                skeletons.append((tuple(_skeleton(w) for w in key.split()), actor))
    equipment: dict[str, EquipmentEntry] = {}
    for item in pack.equipment:
        for alias in (item.name, *item.aliases):
            equipment.setdefault(normalize_name(alias), item)
    words = pack.resolve_words
    return Resolver(
        pack=pack,
        by_alias={k: tuple(v) for k, v in by_alias.items()},
        by_id={a.id: a for a in pack.actors},
        person_skeletons=tuple(skeletons),
        multiword_aliases=tuple(sorted(k for k in by_alias if " " in k and len(k) >= 8)),
        equipment_by_alias=equipment,
        titles=words.get("titles", frozenset()),
        group_nouns=words.get("group_nouns", frozenset()),
    )


def _pick(entries: tuple[ActorEntry, ...], on: date | None) -> ActorEntry:
    valid = [e for e in entries if e.is_valid_on(on)]
    return (valid or list(entries))[0]


def _strip_titles(words: list[str], titles: frozenset[str]) -> list[str]:
    while len(words) > 1 and words[0] in titles:
        words = words[1:]
    return words


def _lookup(resolver: Resolver, key: str, on: date | None) -> ActorEntry | None:
    entries = resolver.by_alias.get(key)
    return _pick(entries, on) if entries else None


def lookup_actor_words(
    resolver: Resolver, words: list[str], *, on: date | None, acronym: bool = False
) -> ActorEntry | None:
    """The pack actor whose alias is exactly these normalised words (or, for a capitalised acronym, its letters)."""
    key = " ".join(words)
    actor = _lookup(resolver, key, on)
    # "US", "UK" written without dots: the pack lists only the dotted forms, since "us" is also a pronoun.
    if actor is None and acronym and len(words) == 1 and 2 <= len(key) <= 4:
        actor = _lookup(resolver, " ".join(key), on)
    return actor


def _lookup_person(resolver: Resolver, words: list[str], on: date | None) -> ActorEntry | None:
    """Match a person's name by transliteration skeleton; the mention's words must all occur in order."""
    wanted = tuple(_skeleton(w) for w in words)
    if not wanted or sum(len(w) for w in words) < 5:
        return None
    found: list[ActorEntry] = []
    for skeleton, actor in resolver.person_skeletons:
        it = iter(skeleton)
        if all(any(w == s for s in it) for w in wanted) and actor not in found:
            found.append(actor)
    return _pick(tuple(found), on) if found else None


def _to_ref(text: str, actor: ActorEntry, resolver: Resolver) -> ActorRef:
    country = actor.country
    if country is None and actor.org and actor.org in resolver.by_id:
        country = resolver.by_id[actor.org].country
    return ActorRef(
        text=text,
        id=actor.id,
        name=actor.name,
        country=country,
        kind=actor.kind,
        sector=actor.sector,
    )


def resolve_actor(text: str, *, resolver: Resolver, on: date | None, kind_hint: str | None = None) -> ActorRef:
    """The canonical actor for text as of the date ``on``; unknown actors are kept as written."""
    key = normalize_name(text)
    actor = _lookup(resolver, key, on)
    words = key.split()
    if actor is None and words:
        stripped = _strip_titles(words, resolver.titles)
        # "Russian officials", "Afghan authorities": the group noun stands for the state named before it.
        while len(stripped) > 1 and stripped[-1] in resolver.group_nouns:
            stripped = stripped[:-1]
        actor = _lookup(resolver, " ".join(stripped), on)
        if actor is None and kind_hint in {"PERSON", None} and len(stripped) >= 1:
            actor = _lookup_person(resolver, stripped, on)
        if actor is None and len(stripped) >= 2:
            actor = _lookup_fuzzy(resolver, " ".join(stripped), on)
    if actor is None:
        return ActorRef(text=text, id=None, name=text, country=None, kind=_guess_kind(kind_hint))
    return _to_ref(text, actor, resolver)


NAVAL_CATEGORY = "naval vessel"
# Multi-word names only, and a high bar: a wrong merge of two actors is worse than an unresolved name.
FUZZY_MIN_SCORE = 92.0


def _lookup_fuzzy(resolver: Resolver, key: str, on: date | None) -> ActorEntry | None:
    """The alias closest in spelling ("Rosoboronexprot"), when it is close enough and unique."""
    from rapidfuzz import fuzz, process

    found = process.extract(key, resolver.multiword_aliases, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE, limit=2)
    if not found or (len(found) > 1 and found[1][1] == found[0][1]):
        return None
    return _lookup(resolver, found[0][0], on)


def _guess_kind(label: str | None) -> str | None:
    return {"PERSON": "person", "ORG": "organisation", "GPE": "state", "NORP": "group"}.get(label or "")


def resolve_equipment(text: str, *, resolver: Resolver) -> EquipmentRef:
    key = normalize_name(text)
    item = resolver.equipment_by_alias.get(key)
    if item is None and key.endswith("s"):
        item = resolver.equipment_by_alias.get(key[:-1])
    if item is None:
        # A named ship ("HMS Ocean") is not in the catalogue, but its hull prefix says what it is.
        first = key.split(" ", 1)[0]
        category = (
            NAVAL_CATEGORY if " " in key and first in resolver.pack.resolve_words.get("ship_prefixes", ()) else None
        )
        return EquipmentRef(text=text, id=None, name=text, category=category)
    return EquipmentRef(text=text, id=item.id, name=item.name, category=item.category or None, generic=item.generic)
