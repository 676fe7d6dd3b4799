"""Find the place names of an article and resolve each to a gazetteer place, the article's other places as context.

Detection takes the parse's place entities (GPE, LOC, and facilities the gazetteer knows), leaves out nationality
words ("Canadian") and place names that only name something else ("West Nile virus"), and adds names the parse
labelled otherwise when the gazetteer knows them as a country, division or continent ("NSW", "US").

Resolution ranks each name's gazetteer entries by
- population (a division counts as a large city; a country or continent outranks any town of its name);
- the article's other places: a country that other, unambiguous names of the article lie in ("Santa Ana" in an
  article about California is the Californian city), more so the more of them;
- the place written right after it ("Pandi, Bulacan", "Kandahar, Afghanistan", "Santa Ana in California"): an entry
  inside that place wins;
- a kind word written with it: "Kandahar province" is the province, "Kandahar city" the city.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsledger.model import Place, Span, Toponym
from newsledger.pack import Pack
from newsledger.stages.annotate import AnnotatedArticle, doc_entities
from newsledger.stages.places import DIVISION_NOUNS, Candidate, Gazetteer, fold_place, own_name_wins

PLACE_ENTITY_LABELS = frozenset({"GPE", "LOC"})
# Labels the parse sometimes gives a place name; kept only when the gazetteer knows the name as a large place.
OTHER_LABELS = frozenset({"ORG", "NORP", "PERSON", "FAC"})
LARGE_KINDS = frozenset({"country", "division", "continent"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
# How far an entry may lie from the division written after it and still count as inside it.
CONTAINER_KM = 500.0
# Text between a name and the place that contains it: "Pandi, Bulacan", "Santa Ana in California".
_CONTAINER_GAP = re.compile(r"^\s*(,|in|,\s*in)\s*$")
_CITY_NOUNS = frozenset({"city", "town", "village"})


@dataclass(frozen=True, slots=True)
class _Found:
    span: Span
    text: str
    candidates: tuple[Candidate, ...]
    kind_word: str | None  # "province", "city": what the text says the place is


def _kind_word(text: str) -> str | None:
    words = fold_place(text).split()
    for word in (words[-1], words[0]) if words else ():
        if word in DIVISION_NOUNS:
            return "division"
        if word in _CITY_NOUNS:
            return "city"
    return None


def _is_large(candidates: Sequence[Candidate]) -> bool:
    return any(c.kind in LARGE_KINDS for c in candidates)


def _names_something_else(ent: SpacySpan, not_place_heads: frozenset[str]) -> bool:
    """A place name that is part of another name: "West Nile virus", "Reston ebolavirus"."""
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if after is not None and after.lower_ in not_place_heads:
        return True
    head = ent.root.head
    return head.i >= ent.end and ent.root.dep_ in {"compound", "amod", "nmod"} and head.lower_ in not_place_heads


def _is_name_part(token: Token) -> bool:
    return token.is_title or (token.text in {"-", "au", "de", "la", "el", "al"} and not token.whitespace_)


def _widened(ent: SpacySpan, gazetteer: Gazetteer) -> SpacySpan:
    """The entity with the name words around it when together they are a known name: the ruler may take "Ana" in
    "Santa Ana" for an acronym, or label "Mexico" in "New Mexico" and "America" in "North America" alone."""
    doc = ent.doc
    best = ent
    for start in range(ent.start, max(ent.start - 2, 0) - 1, -1):
        if start < ent.start and not (doc[start].is_title and doc[start].pos_ == "PROPN"):
            break
        for end in range(ent.end, min(ent.end + 4, len(doc)) + 1):
            if end > ent.end and not _is_name_part(doc[end - 1]):
                break
            if len(doc[start:end]) > len(best) and gazetteer.keys.get(fold_place(doc[start:end].text)):
                best = doc[start:end]
    return best


def _narrowed(ent: SpacySpan, gazetteer: Gazetteer) -> SpacySpan:
    """The longest leading part of an unknown name that is a known name of two words or more: "the Orange County
    Sanitation District". One word is too little: "West" of "West Africa" is a province of Cameroon."""
    first = ent.start + 1 if ent[0].lower_ == "the" else ent.start
    for end in range(ent.end - 1, first + 1, -1):
        part = ent.doc[first:end]
        if part[-1].is_title and gazetteer.candidates(part.text):
            return part
    return ent


def _leading_place(ent: SpacySpan, gazetteer: Gazetteer) -> SpacySpan | None:
    """A country or division that opens an organisation's name: "U.S." in "U.S. Department of Agriculture"."""
    for end in range(min(ent.end - 1, ent.start + 3), ent.start, -1):
        part = ent.doc[ent.start : end]
        is_name = part[-1].is_title or part[-1].is_upper
        if is_name and _is_large(gazetteer.candidates(part.text)) and fold_place(part.text) not in gazetteer.demonyms:
            return part
    return None


def _is_nationality(text: str, candidates: Sequence[Candidate], gazetteer: Gazetteer) -> bool:
    """ "Canadian", "South African", "the Turkish government": a nationality word, not a place; "Dominican
    Republic" and "British Columbia" are places."""
    if _is_large(candidates):
        return False
    words = fold_place(text).split()
    return any(" ".join(words[:n]) in gazetteer.demonyms for n in range(1, len(words) + 1))


def detect(annotated: AnnotatedArticle, *, gazetteer: Gazetteer, pack: Pack) -> list[_Found]:
    """The article's place names with their gazetteer entries, in text order."""
    not_place_heads = pack.resolve_words.get("not_place_heads", frozenset())
    found: list[_Found] = []
    for para in annotated.paragraphs:
        for raw in doc_entities(para.doc):
            if raw.label_ not in PLACE_ENTITY_LABELS and raw.label_ not in OTHER_LABELS:
                continue
            ent: SpacySpan | None = _widened(raw, gazetteer)
            assert ent is not None
            doc = raw.doc
            # A name the parser took for an organisation followed by "district" or "province" names a division.
            divided = raw.end < len(doc) and doc[raw.end].lower_ in DIVISION_NOUNS and ent.end == raw.end
            if divided:
                ent = doc[raw.start : raw.end + 1]
            candidates = gazetteer.candidates(ent.text)
            if not candidates and raw.label_ in PLACE_ENTITY_LABELS:
                ent = _narrowed(ent, gazetteer)
                candidates = gazetteer.candidates(ent.text)
            # A name the gazetteer knows after "in" or "at" is a place whatever the label ("shot in Dayton").
            is_locative = raw.root.dep_ == "pobj" and raw.root.head.lower_ in LOCATIVE_PREPS and bool(candidates)
            is_known = is_locative or divided or _is_large(candidates) or raw.label_ == "FAC" and bool(candidates)
            if raw.label_ in OTHER_LABELS and not is_known:
                ent = _leading_place(raw, gazetteer) if raw.label_ == "ORG" else None
                if ent is None:
                    continue
                candidates = gazetteer.candidates(ent.text)
            if _is_nationality(ent.text, candidates, gazetteer) or _names_something_else(ent, not_place_heads):
                continue
            span = Span(start=para.offset + ent.start_char, end=para.offset + ent.end_char)
            if found and found[-1].span.end > span.start:
                continue  # widened over the next entity, which is then part of this name
            found.append(_Found(span=span, text=ent.text, candidates=candidates, kind_word=_kind_word(ent.text)))
    return found


def _distance_km(a: Place, b: Place) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl = math.radians(b.lon - a.lon)
    cos = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, cos)))


def _prior(candidate: Candidate, key: str, kind_word: str | None) -> float:
    """What the name alone says: population, with countries and continents above any namesake town."""
    score = math.log10(candidate.population + 1)
    if candidate.kind in {"country", "continent"}:
        score += 3.0
    if kind_word is not None and candidate.kind == kind_word:
        score += 4.0
    # A name that is the entry's own rather than one of its alternates ("New Delhi" is not Delhi).
    if fold_place(candidate.place.name) == key:
        score += 0.5
    return score


def _inside(candidate: Candidate, container: Place) -> bool:
    if container.kind == "continent":
        return False
    if candidate.place.country != container.country or candidate.place == container:
        return False
    if container.kind == "country":
        return True
    distance = _distance_km(candidate.place, container)
    return distance is not None and distance <= CONTAINER_KM


def _score(c: Candidate, item: _Found, key: str, others: Counter[str]) -> float:
    value = _prior(c, key, item.kind_word)
    country = c.place.country
    if country and others[country] > 0:
        # The article's other places pull a division or country of the same name strongly ("Georgia" among
        # Alabama and Texas), a town less: "Paris" stays the French capital in a story about Texas.
        cap = 1.5 if c.kind == "city" else 4.5
        value += min(cap, 1.5 * others[country])
    return value


def _others(item: _Found, evidence: Counter[str], first: dict[str, Place | None]) -> Counter[str]:
    """What the rest of the article says: countries of its unambiguous names other than this one."""
    own = first.get(fold_place(item.text))
    others = evidence.copy()
    if own is not None and own.country and others[own.country] > 0:
        others[own.country] -= 1
    return others


def _best(
    item: _Found, *, evidence: Counter[str], container: Place | None, first: dict[str, Place | None]
) -> Place | None:
    if not item.candidates:
        return None
    key, others = fold_place(item.text), _others(item, evidence, first)

    def score(c: Candidate) -> float:
        inside = container is not None and _inside(c, container)
        return _score(c, item, key, others) + (6.0 if inside else 0.0)

    return _own_name(max(item.candidates, key=score), item.candidates, key).place


def _own_name(best: Candidate, candidates: Sequence[Candidate], key: str) -> Candidate:
    """A name that is one place's own and another's alternate, in one country, is the former's: GeoNames lists
    "New Delhi" among the names of Delhi, the larger city around it. So is a province's or a capital territory's
    own name in any country: "Islamabad" is Pakistan's capital, not Chattogram, whose old name it was."""
    if fold_place(best.place.name) == key:
        return best
    named = [c for c in candidates if fold_place(c.place.name) == key and own_name_wins(c, best)]
    return max(named, key=lambda c: c.population) if named else best


def _best_pair(
    item: _Found, outer: _Found, *, evidence: Counter[str], first: dict[str, Place | None]
) -> tuple[Place | None, Place | None]:
    """A name and the place written after it, chosen together: in "Atlanta, Georgia" the state, not the country."""
    if not item.candidates or not outer.candidates:
        return _best(item, evidence=evidence, container=None, first=first), _best(
            outer, evidence=evidence, container=None, first=first
        )
    key, others = fold_place(item.text), _others(item, evidence, first)
    outer_key, outer_others = fold_place(outer.text), _others(outer, evidence, first)
    inner_scores = [(c, _score(c, item, key, others)) for c in item.candidates]
    best: tuple[float, Place | None, Place | None] = (-math.inf, None, None)
    for o in outer.candidates:
        if o.kind == "city":
            continue
        base = _score(o, outer, outer_key, outer_others)
        for c, value in inner_scores:
            total = base + value + (6.0 if _inside(c, o.place) else 0.0)
            if total > best[0]:
                best = (total, c.place, o.place)
    if best[1] is None:
        return _best(item, evidence=evidence, container=None, first=first), _best(
            outer, evidence=evidence, container=None, first=first
        )
    return best[1], best[2]


def _unambiguous_country(item: _Found) -> str | None:
    """The country a name points to whatever the context: a country's own name, a division's whose name no country
    shares ("California"), or any name whose entries all lie in one country ("Nairobi")."""
    countries = {c.place.country for c in item.candidates}
    if len(countries) == 1:
        return next(iter(countries))
    key = fold_place(item.text)
    best = max(item.candidates, key=lambda c: _prior(c, key, item.kind_word), default=None)
    if best is None or best.kind == "city":
        return None
    if best.kind == "division" and any(c.kind == "country" for c in item.candidates):
        return None
    return best.place.country


def resolve(found: Sequence[_Found], text: str) -> list[Toponym]:
    """Resolve every name against the others: unambiguous names first, then the rest in their light."""
    evidence: Counter[str] = Counter()
    first: dict[str, Place | None] = {}
    for item in found:
        key = fold_place(item.text)
        if key in first:
            continue
        country = _unambiguous_country(item)
        first[key] = None
        if country:
            evidence[country] += 1
            first[key] = next(c.place for c in item.candidates if c.place.country == country)
    places: list[Place | None] = [None] * len(found)
    anchored = [False] * len(found)  # resolved within the place written after it
    # From the end, so that the outermost of "Pandi, Bulacan, Philippines" is settled first.
    for n in range(len(found) - 1, -1, -1):
        item = found[n]
        after = found[n + 1] if n + 1 < len(found) else None
        if after is None or not _CONTAINER_GAP.match(text[item.span.end : after.span.start]):
            places[n] = _best(item, evidence=evidence, container=None, first=first)
        elif anchored[n + 1]:
            places[n] = _best(item, evidence=evidence, container=places[n + 1], first=first)
            anchored[n] = True
        else:
            places[n], places[n + 1] = _best_pair(item, after, evidence=evidence, first=first)
            anchored[n] = True
    home = evidence.most_common(1)[0][0] if evidence else None
    return [
        Toponym(span=f.span, text=f.text, place=p if p is not None else _unlisted(f, home))
        for f, p in zip(found, places, strict=True)
    ]


def _unlisted(item: _Found, home: str | None) -> Place | None:
    """A district or town no gazetteer lists ("Zazai Maidan district"): a place of the article's main country, with
    no point and no kind, when its own words say it is one."""
    if item.kind_word is None or home is None:
        return None
    words = [w for w in item.text.split() if fold_place(w) not in DIVISION_NOUNS | _CITY_NOUNS | {"the", "of"}]
    return Place(name=" ".join(words), country=home) if words else None


# "KABUL, Afghanistan (Reuters) -", "KHOST —", "ASTANA, Feb 11 (NWS) -": a place in capitals opening a paragraph.
_DATELINE = re.compile(r"^\s*([A-Z][A-Z'.\- ]*[A-Z])\s*(?:,\s*([A-Z][\w.' ]+?))?\s*(?:,|\(|—|–|-\s)")
DATELINE_PARAGRAPHS = 3


def dateline_place(annotated: AnnotatedArticle, *, gazetteer: Gazetteer) -> Place | None:
    """The place of the article's dateline, when one of its first paragraphs opens with one."""
    text = annotated.article.text
    for para in annotated.article.paragraphs[:DATELINE_PARAGRAPHS]:
        match = _DATELINE.match(text[para.start : para.end])
        if match is None:
            continue
        region = gazetteer.candidates(match[2]) if match[2] else ()
        container = max(region, key=lambda c: (c.kind != "city", c.population)).place if region else None
        item = _Found(
            span=Span(start=para.start + match.start(1), end=para.start + match.end(1)),
            text=match[1],
            candidates=gazetteer.candidates(match[1].title()),
            kind_word=None,
        )
        place = _best(item, evidence=Counter(), container=container, first={})
        if place is not None:
            return place
    return None


def find_toponyms(annotated: AnnotatedArticle, *, gazetteer: Gazetteer, pack: Pack) -> tuple[Toponym, ...]:
    """Every place name in the article, in text order, each with the place it most likely denotes."""
    return tuple(resolve(detect(annotated, gazetteer=gazetteer, pack=pack), annotated.article.text))
