"""Resolve actor and equipment text to the pack's canonical entries (aliases, metonymy, dated roles)."""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from newsledger.diskcache import cache_key, load_or_build
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
    # Word skeleton -> positions in person_skeletons of the names that hold it.
    person_by_word: dict[str, tuple[int, ...]]
    # The vowel shape of each name's last word, by position in person_skeletons (see _surname_shape).
    person_surnames: tuple[str, ...]
    # True when no person has a one-word name or alias: a lone word may then match a full name's last word.
    surname_fallback: bool
    multiword_aliases: tuple[str, ...]
    equipment_by_alias: dict[str, EquipmentEntry]
    equipment_by_id: dict[str, EquipmentEntry]
    titles: frozenset[str]
    group_nouns: frozenset[str]


@functools.lru_cache(maxsize=8)
def build_resolver(pack: Pack) -> Resolver:
    """The pack's alias indexes: read from the disk cache when the pack and this module are unchanged."""
    if not pack.digest:
        return _build_resolver(pack)
    key = cache_key([pack.digest, Path(__file__).read_bytes()])
    # The cached index points to the pack in memory and its entries (saved as positions, not copies).
    shared = (pack, *pack.actors, *pack.equipment)
    return load_or_build("resolver", key, lambda: _build_resolver(pack), Resolver, shared=shared)


def _build_resolver(pack: Pack) -> Resolver:
    by_alias: dict[str, list[ActorEntry]] = defaultdict(list)
    skeletons: list[tuple[tuple[str, ...], ActorEntry]] = []
    person_by_word: dict[str, list[int]] = defaultdict(list)
    surnames: list[str] = []
    # One person's dated roles repeat the same aliases: normalise and skeletonise each spelling once.
    keys: dict[str, str] = {}
    skeleton_of: dict[str, tuple[str, ...]] = {}
    word_skeletons: dict[str, str] = {}
    titles = pack.resolve_words.get("titles", frozenset())
    for actor in pack.actors:
        for alias in (actor.name, *actor.aliases):
            key = keys.get(alias)
            if key is None:
                key = keys[alias] = normalize_name(alias)
            entries = by_alias[key]
            if key and all(e is not actor for e in entries):
                entries.append(actor)
            if actor.kind == "person":
                skeleton = skeleton_of.get(key)
                if skeleton is None:
                    # Titles are stripped from mentions before this lookup, so from the names too ("Mullah Yaqoob").
                    skeleton = skeleton_of[key] = tuple(
                        word_skeletons.get(w) or word_skeletons.setdefault(w, _skeleton(w))
                        for w in _strip_titles(key.split(), titles)
                    )
                for word in set(skeleton):
                    person_by_word[word].append(len(skeletons))
                skeletons.append((skeleton, actor))
                surnames.append(_surname_shape(key.rsplit(" ", 1)[-1]))
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
        person_by_word={k: tuple(v) for k, v in person_by_word.items()},
        person_surnames=tuple(surnames),
        surname_fallback=all(len(skeleton) > 1 for skeleton, _ in skeletons),
        # Persons' names are matched by skeleton instead: spelling-close names of two people are often two people.
        multiword_aliases=tuple(
            sorted(k for k, v in by_alias.items() if " " in k and len(k) >= 8 and any(a.kind != "person" for a in v))
        ),
        equipment_by_alias=equipment,
        equipment_by_id={item.id: item for item in pack.equipment},
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


_VOWEL_CLASSES = str.maketrans({"i": "e", "y": "e", "u": "o"})


def _surname_shape(word: str) -> str:
    """The word with transliteration and close vowels folded (i/y/e, u/o): "Yaqoob" and "Yakub" agree."""
    for old, new in _TRANSLIT:
        word = word.replace(old, new)
    return _REPEAT.sub(r"\1", word.translate(_VOWEL_CLASSES))


def _lookup_person(resolver: Resolver, words: list[str], on: date | None) -> ActorEntry | None:
    """Match a person's name by transliteration skeleton; the mention's words must all occur in order.

    The mention must end with the name's last word, and keep the surname's vowels in place, close vowels folded
    ("Local" is not "Lacalle", "Jamal Reed" not "Jamal Karimi Rad"). A lone word matches only names the pack gives
    as a lone word (a surname alias, or title and surname):
    among thousands of full names, some surname is spelt like almost any English word ("Reagan", "region"). Only
    a pack that gives no lone names at all falls back to the last word of full names. A mention that fits people
    of different names on the date is left unresolved: a guess between namesakes is more often wrong than right.
    """
    wanted = tuple(_skeleton(w) for w in words)
    if not wanted or sum(len(w) for w in words) < 5:
        return None
    postings = [resolver.person_by_word.get(w, ()) for w in set(wanted)]
    if not all(postings):
        return None
    shape = _surname_shape(words[-1])
    found: dict[int, ActorEntry] = {}
    for i in min(postings, key=len):
        skeleton, actor = resolver.person_skeletons[i]
        if skeleton[-1] != wanted[-1]:
            continue
        # The surname keeps its vowels in place (close vowels folded): the consonants alone fit too many names
        # ("Jamal Reed" is not "Jamal Karimi Rad", "Mohammed Mamoun" not "Muhammad Mumuni").
        if resolver.person_surnames[i] != shape or (
            len(words) == 1 and len(skeleton) != 1 and not resolver.surname_fallback
        ):
            continue
        it = iter(skeleton)
        if all(any(w == s for s in it) for w in wanted):
            found.setdefault(id(actor), actor)
    candidates = [a for a in found.values() if a.is_valid_on(on)] or list(found.values())
    if len({a.name for a in candidates}) != 1:
        return None
    return candidates[0]


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
        # The dictionary row picked is the role valid on the event date: a person maps to that organisation.
        org=actor.org,
        role=actor.role,
    )


def resolve_actor(
    text: str,
    *,
    resolver: Resolver,
    on: date | None,
    kind_hint: str | None = None,
    context: str | None = None,
) -> ActorRef:
    """The canonical actor for text as of the date ``on``; unknown actors are kept as written.

    When the name fits several entries (namesakes, or one person's dated roles), a title in ``text`` decides first,
    then validity on ``on``, then the role, organisation or country that ``context`` (the sentence) names.
    """
    key = normalize_name(text)
    actor = _lookup(resolver, key, on)
    matched = key if actor is not None else None
    words = key.split()
    # Words after the state's name that say who in the state acts ("military officials"): they give the sector.
    tail: list[str] = []
    if actor is None and words:
        titled = _strip_titles(words, resolver.titles)
        stripped = titled
        # "Russian officials", "Afghan authorities": the group noun stands for the state named before it.
        while len(stripped) > 1 and stripped[-1] in resolver.group_nouns:
            stripped = stripped[:-1]
        tail = titled[len(stripped) :]
        actor = _lookup(resolver, " ".join(stripped), on)
        matched = " ".join(stripped) if actor is not None else None
        if actor is None:
            split = _split_state_agent(resolver, titled, on)
            if split is not None:
                actor, tail = split
        # "Defense Minister" alone names an office, not a person called "Minister".
        is_office = all(w in resolver.titles for w in words)
        # "Local officials" is a group, not a person called Local: no person lookup once a group noun went.
        if actor is None and kind_hint in {"PERSON", None} and len(stripped) >= 1 and not is_office and not tail:
            actor = _lookup_person(resolver, stripped, on)
        if actor is None and len(stripped) >= 2:
            actor = _lookup_fuzzy(resolver, " ".join(stripped), on)
    if actor is None:
        # An actor no dictionary names still has a sector when its words say who acts ("police", "rebels").
        sector = _agent_sector(resolver, words) if words and kind_hint is None else None
        return ActorRef(text=text, id=None, name=text, country=None, kind=_guess_kind(kind_hint), sector=sector)
    # A bare name without a sentence has nothing to choose by but the date, which the lookup has used.
    if context or matched != key:
        actor = _choose_by_context(resolver, actor, matched, text=text, context=context, on=on)
    ref = _to_ref(text, actor, resolver)
    sector = _agent_sector(resolver, tail) if actor.kind == "state" and tail else None
    return replace(ref, sector=sector) if sector else ref


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


def resolve_equipment(text: str, *, resolver: Resolver, entry_id: str | None = None) -> EquipmentRef:
    """The catalogue entry for equipment as written; ``entry_id`` is the entry the annotator already matched
    (a list item such as "fighter" in "fighter and bomber aircraft" is not an alias as written)."""
    key = normalize_name(text)
    item = resolver.equipment_by_id.get(entry_id) if entry_id else None
    item = item or resolver.equipment_by_alias.get(key)
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


# --- agent words and context -------------------------------------------------------------------------------------

AGENTS_FILE = "agents.csv"
PARTICIPANTS_FILE = "participants.csv"
# PLOVER agent codes (the first three letters of an agents.csv code) in the pack's sectors.
_CODE_SECTORS = {
    "GOV": "government",
    "MIL": "military",
    **dict.fromkeys(("REB", "PRM", "UAF", "INS"), "rebel"),
    "IGO": "igo",
    **dict.fromkeys(("BUS", "MNC"), "business"),
    "SPY": "intelligence",
    "LEG": "legislature",
    "JUD": "judiciary",
    "COP": "police",
    "OPP": "opposition",
    "PTY": "party",
    "ELI": "elite",
    **dict.fromkeys(("CVL", "EDU", "MED", "REL", "NGO", "LAB", "JRN", "AGR", "REF", "SOC"), "civil"),
}
GENERIC_CODE = "UNK"
# "retired general", "former minister", "ex-minister": no longer in office (PLOVER's elites, ELI).
FORMER_WORDS = frozenset({"former", "retired", "ex"})
FORMER_CODE = "ELI"
FORMER_REACH = 3
_OFFICE_CODES = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
_ROLE_LINKS = frozenset({"of", "for", "in", "the", "and", "to", "on"})
_SPELLING = {"defense": "defence"}
CONTEXT_WINDOW = 6
MAX_AGENT_WORDS = 8
MAX_NAME_WORDS = 5


def read_agent_words(path: Path) -> dict[str, str]:
    """Agent words, folded like names ("anti-war protester" -> "anti war protester"), to PLOVER codes (GOVMIL)."""
    found: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = normalize_name(row["pattern"])
            if key:
                found.setdefault(key, row["code"].strip())
    return found


@functools.lru_cache(maxsize=8)
def load_agent_words(pack: Pack, *, participants: bool = True) -> Mapping[str, str]:
    """The pack's agent words (``agents.csv``) and, where they say nothing or only UNK, the curated head nouns of
    unnamed participants (``participants.csv``: "gunmen", "his neighbour", "a police checkpoint").
    None without the files."""
    words: dict[str, str] = {}
    for name in (AGENTS_FILE, PARTICIPANTS_FILE) if participants else (AGENTS_FILE,):
        path = pack.path / name
        if path.is_file():
            for key, code in read_agent_words(path).items():
                # PLOVER's generic code ("man" -> UNK) says no more than an unlisted word.
                if words.get(key, GENERIC_CODE) == GENERIC_CODE:
                    words[key] = code
    return words


def _singulars(word: str) -> list[str]:
    # The agent list has singular nouns and leaves regular plurals to the matcher.
    found = [word[:-3] + "y"] if word.endswith("ies") else []
    if word.endswith("es"):
        found.append(word[:-2])
    if word.endswith("s"):
        found.append(word[:-1])
    return found


def lookup_agent_code(agents: Mapping[str, str], words: Sequence[str]) -> str | None:
    """The code of exactly these words as an agent phrase, regular plurals folded ("military officials")."""
    if not words:
        return None
    code = agents.get(" ".join(words))
    for singular in _singulars(words[-1]) if code is None else ():
        code = agents.get(" ".join((*words[:-1], singular)))
        if code is not None:
            break
    return code


def find_agent_words(agents: Mapping[str, str], words: Sequence[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping agent phrases as (start, end, code), longest first from the left."""
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_AGENT_WORDS, len(words) - i), 0, -1):
            code = lookup_agent_code(agents, words[i : i + n])
            if code is not None:
                found.append((i, i + n, code))
                i += n
                break
        else:
            i += 1
    return found


def head_agent(matches: Sequence[tuple[int, int, str]], words: Sequence[str]) -> tuple[int, int, str] | None:
    """The agent phrase that says who acts: the longest, then the last (the head noun comes last in English).

    A generic word ("group") counts only when nothing more specific is there ("a paramilitary group" is
    paramilitary); an office after "former" or "retired" is a former official ("retired vice president").
    """
    specific = [m for m in matches if not m[2].startswith(GENERIC_CODE)] or list(matches)
    head = max(specific, key=lambda m: (m[1] - m[0], m[0]), default=None)
    if head is None or head[2][:3] not in _OFFICE_CODES:
        return head
    # "former" may stand a few modifiers before the office ("former deputy defence minister").
    code_at = {i: code for start, end, code in matches for i in range(start, end)}
    for i in range(head[0] - 1, max(head[0] - 1 - FORMER_REACH, -1), -1):
        if words[i] in FORMER_WORDS:
            return (i, head[1], FORMER_CODE)
        if code_at.get(i, "GOV")[:3] not in _OFFICE_CODES:
            break
    return head


def sector_of_code(code: str) -> str | None:
    """The pack's sector for a PLOVER agent code; defence ministries and ministers (GOVMIL) count as military."""
    if code.startswith("GOVMIL"):
        return "military"
    return _CODE_SECTORS.get(code[:3])


def sector_of_phrase(text: str, *, resolver: Resolver) -> str | None:
    """The sector a phrase's head agent word gives ("provincial officials in Helmand" -> government), or None."""
    return _agent_sector(resolver, normalize_name(text).split())


def _agent_sector(resolver: Resolver, words: Sequence[str]) -> str | None:
    matches = find_agent_words(load_agent_words(resolver.pack), words)
    head = head_agent(matches, words)
    return sector_of_code(head[2]) if head is not None else None


def _split_state_agent(resolver: Resolver, words: list[str], on: date | None) -> tuple[ActorEntry, list[str]] | None:
    """A state named first and agent words for the rest ("Iranian military officials", "Iran's defence minister")."""
    # PLOVER's words only: "Palestinian man" is a man of Palestine, not its state (the curated heads give sectors).
    agents = load_agent_words(resolver.pack, participants=False)
    for n in range(min(4, len(words) - 1), 0, -1):
        actor = _lookup(resolver, " ".join(words[:n]), on)
        if actor is None:
            continue
        rest = words[n:]
        matches = find_agent_words(agents, rest)
        covered = {i for start, end, _ in matches for i in range(start, end)}
        # Every word after the state must be part of an agent phrase or a group noun: "Iranian drone factory" is not
        # an actor of Iran's.
        if actor.kind != "state" or any(i not in covered and w not in resolver.group_nouns for i, w in enumerate(rest)):
            return None
        head = head_agent(matches, rest)
        return (actor, rest) if head is not None and sector_of_code(head[2]) else None
    return None


def _fold_words(text: str) -> list[str]:
    return [_SPELLING.get(w, w) for w in normalize_name(text).split()]


def _role_match(role: str | None, words: set[str]) -> tuple[bool, int]:
    """Whether the role's head word ("minister", "secretary" of "secretary of defense") is among the words, and
    how many more of its words are there than missing ("deputy prime minister" fits "Deputy Prime Minister" best)."""
    head, content = _role_words(role or "")
    if head not in words:
        return (False, 0)
    found = sum(w in words for w in content)
    return (True, found - (len(content) - found))


@functools.lru_cache(maxsize=4096)
def _role_words(role: str) -> tuple[str, tuple[str, ...]]:
    """The role's head word and its content words; no head for an empty role."""
    folded = _fold_words(role)
    if not folded:
        return ("", ())
    linked = next((i for i, w in enumerate(folded) if w in _ROLE_LINKS), len(folded))
    head = folded[linked - 1] if linked else folded[-1]
    return (head, tuple(w for w in folded if w not in _ROLE_LINKS))


def _actors_named_in(resolver: Resolver, text: str) -> set[str]:
    """The ids of the actors whose name or alias occurs in the text ("Russia's" names RUS, "Moscow" RUS_GOV)."""
    words = normalize_name(text).split()
    named: set[str] = set()
    for n in range(1, MAX_NAME_WORDS + 1):
        for i in range(len(words) - n + 1):
            named.update(e.id for e in resolver.by_alias.get(" ".join(words[i : i + n]), ()))
    return named


def _context_window(text: str, context: str) -> list[str]:
    """The words around the mention in its sentence ("Shoigu, the defence minister, said"); all if not found."""
    start = context.casefold().find(text.casefold()) if text else -1
    if start < 0:
        return _fold_words(context)
    before = _fold_words(context[:start])[-CONTEXT_WINDOW:]
    after = _fold_words(context[start + len(text) :])[:CONTEXT_WINDOW]
    return [*before, *after]


def _namesakes(resolver: Resolver, actor: ActorEntry, key: str | None) -> list[ActorEntry]:
    """Entries that fit the same name: those of the alias matched, and a person's other dated roles."""
    found: list[ActorEntry] = []
    keys = (key, normalize_name(actor.name) if actor.kind == "person" else None)
    for entry in (actor, *(e for k in keys if k for e in resolver.by_alias.get(k, ()))):
        if all(e is not entry for e in found) and (entry.kind == "person") == (actor.kind == "person"):
            found.append(entry)
    return found


def _choose_by_context(
    resolver: Resolver, actor: ActorEntry, key: str | None, *, text: str, context: str | None, on: date | None
) -> ActorEntry:
    """Among namesakes, the one whose title the mention carries, then the one valid on the date, then the one whose
    role, organisation or country the sentence names.

    A title counts as the entry's role ("Defence Minister Shoigu"), or as its sector when the role is only a code
    ("General X" prefers a military entry)."""
    candidates = _namesakes(resolver, actor, key)
    if len(candidates) < 2:
        return actor
    own = _fold_words(text)
    own_sector, own_words = _agent_sector(resolver, own), set(own)

    def by_mention(entry: ActorEntry) -> tuple[tuple[bool, int], bool, bool]:
        return (
            _role_match(entry.role, own_words),
            own_sector is not None and entry.sector == own_sector,
            entry.is_valid_on(on),
        )

    # Lists keep the first of equals: the entry the date alone picked comes first.
    ranks = [by_mention(e) for e in candidates]
    best = max(ranks)
    tied = [e for e, r in zip(candidates, ranks, strict=True) if r == best]
    if len(tied) == 1 or not context:
        return tied[0]
    # The sentence is read only to break a tie, which keeps resolution fast.
    near = _context_window(text, context)
    near_sector, near_words = _agent_sector(resolver, near), set(near)
    named = _actors_named_in(resolver, context)

    def by_sentence(entry: ActorEntry) -> tuple[tuple[bool, int], bool, bool, bool]:
        return (
            _role_match(entry.role, near_words),
            near_sector is not None and entry.sector == near_sector,
            entry.org in named,
            entry.country in named,
        )

    return max(tied, key=by_sentence)
