"""Merge mentions of one real-world event across articles into events, counting independent sources."""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypeVar

from newsledger.model import (
    ActorRef,
    Conflict,
    Event,
    EventDate,
    EventMention,
    Place,
    Precision,
    Sources,
    Status,
    content_id,
)
from newsledger.settings import MergeSettings
from newsledger.stages.resolve import normalize_name
from newsledger.stages.timex_tables import NUMBER_WORDS

T = TypeVar("T")

# A denial or a negation is a different claim from the thing denied; it never merges into it.
_STATUS_GROUP = {Status.DENIED: "denied", Status.NEGATED: "negated"}


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleInfo:
    id: str
    outlet: str | None
    published: date | None
    original: str  # the first article of its copy group, or itself
    # Outlets declared as one owner share this key (newsledger.outlets); by default the outlet itself.
    owner: str | None = None
    # The story the article belongs to: reports in one story may merge on compatibility alone.
    story: str | None = None


def _actor_key(actor: ActorRef | None) -> str | None:
    """Events are compared at the level of states: the Kremlin, the Russian army and Russia agree."""
    if actor is None:
        return None
    if actor.country:
        return f"country:{actor.country}"
    return actor.id or f"text:{normalize_name(actor.text)}"


def _is_named(actor: ActorRef | None) -> bool:
    """A participant that names someone (a dictionary actor or a named entity), not a class such as "police"."""
    return actor is not None and (actor.id is not None or actor.kind is not None)


def _anchor_key(actor: ActorRef | None) -> str | None:
    """The identity two reports must share to merge across stories: a state by its country, anyone else by their
    own id or name (two city police forces of one country are not one participant)."""
    if not _is_named(actor):
        return None
    assert actor is not None
    if actor.kind == "state" and actor.country:
        return f"country:{actor.country}"
    return actor.id or f"text:{normalize_name(actor.name or actor.text)}"


# Reports that it happened (asserted or alleged) agree with each other; a plan or a possibility does not.
_STATUS_CLASS = {
    Status.ASSERTED: "happened",
    Status.ALLEGED: "happened",
    Status.INTENDED: "planned",
    Status.POSSIBLE: "possible",
    Status.HYPOTHETICAL: "possible",
}


def _equipment_keys(m: EventMention) -> frozenset[str]:
    """Named designations only: a generic class ("helicopters") is compatible with any designation."""
    return frozenset(e.id or normalize_name(e.name) for e in m.equipment if not e.generic)


def _categories(m: EventMention) -> frozenset[str]:
    return frozenset(e.category for e in m.equipment if e.category)


def _window(m: EventMention, info: ArticleInfo, settings: MergeSettings) -> tuple[date, date] | None:
    """The dates the event may fall in; an undated report covers the window before publication."""
    if m.date is None:
        return None
    if m.date.precision is Precision.REPORTED:
        return m.date.start - timedelta(days=settings.window_days), m.date.end
    return m.date.start, m.date.end


class _Cluster:
    __slots__ = ("members", "start", "end", "blocks")

    def __init__(self) -> None:
        self.members: list[EventMention] = []
        self.start = date.max
        self.end = date.min
        self.blocks: set[tuple[str, ...]] = set()  # the keys of the blocks that hold it


def _actors_conflict(a: ActorRef | None, b: ActorRef | None, *, named_only: bool) -> bool:
    """Two reports name different participants in one role. Unnamed classes ("the victim", "a man") conflict only
    outside a story, where nothing else says the reports are about one happening, or when both count them and the
    counts differ ("26 Somali pirates", "23 Somali and Yemeni pirates")."""
    count_a, count_b = _headcount(a), _headcount(b)
    if count_a is not None and count_b is not None and count_a != count_b:
        return True  # whatever their country or class: two groups of different sizes
    if _ages_differ(a, b):
        return True  # "a 19-year-old man" and "a 42-year-old man": two people, however unnamed
    key_a, key_b = _actor_key(a), _actor_key(b)
    if not key_a or not key_b or key_a == key_b or _same_name(a, b):
        return False
    return not named_only or (_is_named(a) and _is_named(b))


# First words of an approximate count or a bound ("at least", "more than", "up to"): such counts never conflict.
_APPROXIMATE = frozenset(
    {"about", "around", "almost", "nearly", "some", "over", "more", "at", "up", "roughly", "approximately", "under"}
)
_AGES = frozenset({"years", "year-old", "years-old", "year", "months"})
_COUNT_WORD = re.compile(r"[\w,.-]+")


# A stated age: "a 19-year-old man", "the three-year-old", "a twenty-four-year-old", "a 6-month-old girl".
_AGE = re.compile(r"(?<![\w-])(\d{1,3}|[a-z]+(?:-[a-z]+)?)[- ](year|month|week)s?[- ]old(?![\w-])")


def _ages_differ(a: ActorRef | None, b: ActorRef | None) -> bool:
    """Both participants state one age in the same unit and the ages differ. Reports of one person sometimes
    differ by a year; that costs a merge, while a year's slack would join a 2-year-old and a 3-year-old shot in one
    city in one month."""
    age_a, age_b = (_age_of(x.text) if x is not None else None for x in (a, b))
    return age_a is not None and age_b is not None and age_a[1] == age_b[1] and age_a[0] != age_b[0]


@functools.lru_cache(maxsize=65536)
def _age_of(text: str) -> tuple[int, str] | None:
    """The one age a phrase states, with its unit; None when it states none or several ("two men, 19 and 24")."""
    found = _AGE.findall(text.lower())
    if len(found) != 1:
        return None
    word, unit = found[0]
    if word.isdigit():
        return int(word), unit
    values = [NUMBER_WORDS.get(part) for part in word.split("-")]
    if any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None), unit


def _headcount(actor: ActorRef | None) -> int | None:
    """How many people (or things) a participant counts exactly, when its phrase opens with a count of two or more:
    "26 Somali pirates" 26; "12 Somali and 11 Yemeni nationals" 23; "at least 20 people", "a man" none."""
    return None if actor is None else _count_of(actor.text)


@functools.lru_cache(maxsize=65536)
def _count_of(text: str) -> int | None:
    words = _COUNT_WORD.findall(text.lower())
    if words and words[0] == "the":
        words = words[1:]
    if not words or words[0] in _APPROXIMATE:
        return None
    first = _count_value(words[0])
    if first is None:
        return None
    # Coordinated counts add up ("12 Somali and 11 Yemeni nationals"); numbers after it say something else
    # ("two men, aged 19 and 24").
    total = first
    for before, word, after in zip(words[1:], words[2:], words[3:], strict=False):
        value = _count_value(word)
        if before == "and" and value is not None and _count_value(after) is None and after not in _AGES:
            total += value
    return total if total >= 2 else None


def _count_value(word: str) -> int | None:
    digits = word.replace(",", "")
    if digits.isdigit():
        return int(digits)
    value = NUMBER_WORDS.get(word)
    return value if value is not None and value >= 2 else None


def _same_name(a: ActorRef | None, b: ActorRef | None) -> bool:
    """One unlisted name is the other told shorter: "Parker" and "Maleki Parker" (every word of the shorter name
    in the longer). A shared surname alone is not enough: "Hank Mata" and "Mark Mata" are father and son."""
    if a is None or b is None or a.id is not None or b.id is not None:
        return False
    words_a, words_b = set(normalize_name(a.name or a.text).split()), set(normalize_name(b.name or b.text).split())
    if not words_a or not words_b:
        return False
    return words_a <= words_b or words_b <= words_a


def _places_conflict(a: Place | None, b: Place | None) -> bool:
    """Different places, unless one may lie inside the other: a country and a place in it, or a city and a
    division of the same country (the gazetteer does not say which division a city is in)."""
    if a is None or b is None or normalize_name(a.name) == normalize_name(b.name):
        return False
    if a.country and b.country and a.country != b.country:
        return True
    return a.kind == b.kind


def _stories(mentions: Sequence[EventMention], infos: Mapping[str, ArticleInfo]) -> dict[str, str | None]:
    """Mention id -> the story whose happening the mention may report: its article's, unless its article tells it
    apart from the article's own happening of that type (``other_happenings``). Looked up once per comparison."""
    apart = other_happenings(mentions)
    return {m.id: None if m.id in apart else infos[m.article_id].story for m in mentions}


def _compatible(
    m: EventMention,
    cluster: _Cluster,
    infos: Mapping[str, ArticleInfo],
    settings: MergeSettings,
    stories: Mapping[str, str | None],
) -> bool:
    """No member contradicts the mention: participants, equipment, dates and place all agree or are silent."""
    window = _window(m, infos[m.article_id], settings)
    equipment = _equipment_keys(m)
    story = stories[m.id]
    for other in cluster.members:
        # Within one story, unnamed participants told differently ("the gunman", "a 24-year-old") may be one;
        # across stories any two different participants in a role are two happenings.
        same_story = story is not None and stories[other.id] == story
        loose = same_story or other.article_id == m.article_id
        if _actors_conflict(m.source, other.source, named_only=loose):
            return False
        if _actors_conflict(m.target, other.target, named_only=loose):
            return False
        if _places_conflict(_stated_place(m), _stated_place(other)):
            return False
        other_equipment = _equipment_keys(other)
        shares_equipment = bool(equipment & other_equipment)
        if equipment and other_equipment and not shares_equipment:
            return False
        categories, other_categories = _categories(m), _categories(other)
        if categories and other_categories and not categories & other_categories:
            return False
        other_window = _window(other, infos[other.article_id], settings)
        if window and other_window and not _dates_agree(window, other_window, shares_equipment, settings):
            return False
    return True


def _dates_agree(a: tuple[date, date], b: tuple[date, date], shares_equipment: bool, settings: MergeSettings) -> bool:
    """Ranges that overlap agree; close dates with the same equipment are one event whose date is disputed."""
    gap = max(a[0], b[0]) - min(a[1], b[1])
    return gap <= timedelta(0) or (shares_equipment and gap <= timedelta(days=settings.date_slack_days))


def _anchored(m: EventMention, other: EventMention, settings: MergeSettings) -> bool:
    """Strong anchors of one happening across stories: both reports date the event themselves (not by
    publication) to overlapping ranges (or, for the same equipment, ranges within the date slack), and they share
    a named participant in one role or an equipment designation; places are checked by compatibility."""
    if m.date is None or other.date is None or Precision.REPORTED in (m.date.precision, other.date.precision):
        return False
    shares_equipment = bool(_equipment_keys(m) & _equipment_keys(other))
    if not _dates_agree((m.date.start, m.date.end), (other.date.start, other.date.end), shares_equipment, settings):
        return False
    for mine, theirs in ((m.source, other.source), (m.target, other.target)):
        key = _anchor_key(mine)
        if key is not None and key == _anchor_key(theirs):
            return True
    return shares_equipment


def _linked(
    m: EventMention,
    cluster: _Cluster,
    infos: Mapping[str, ArticleInfo],
    settings: MergeSettings,
    stories: Mapping[str, str | None],
) -> bool:
    """Evidence that the mention reports the cluster's happening: a member from its own article, copy group or
    story, or a member that shares strong anchors with it."""
    info = infos[m.article_id]
    story = stories[m.id]
    for other in cluster.members:
        theirs = infos[other.article_id]
        if other.article_id == m.article_id or theirs.original == info.original:
            return True
        if story is not None and stories[other.id] == story:
            return True
        if _anchored(m, other, settings):
            return True
    return False


def _agreement(m: EventMention, cluster: _Cluster) -> float:
    """How much more than compatible a mention is with a cluster: arguments that the two both give and share,
    and how alike the evidence sentences are (content-word Jaccard with the closest member, worth up to 3)."""
    equipment = _equipment_keys(m)
    target = _actor_key(m.target)
    source = _actor_key(m.source)
    score = 3.0 * max((_jaccard(m.words, o.words) for o in cluster.members), default=0.0)
    if equipment and any(equipment & _equipment_keys(o) for o in cluster.members):
        score += 4
    if target and any(_actor_key(o.target) == target for o in cluster.members):
        score += 2
    if source and any(_actor_key(o.source) == source for o in cluster.members):
        score += 2
    if m.quantity is not None and any(o.quantity == m.quantity for o in cluster.members):
        score += 2
    place = _stated_place(m)
    if place is not None and any((p := _stated_place(o)) and p.name == place.name for o in cluster.members):
        score += 1
    if m.date is not None and m.date.precision is not Precision.REPORTED:
        span = (m.date.start, m.date.end)
        if any(o.date is not None and (o.date.start, o.date.end) == span for o in cluster.members):
            score += 1
    return score


def _jaccard(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if not a or not b:
        return 0.0
    left, right = set(a), set(b)
    return len(left & right) / len(left | right)


def _sort_key(m: EventMention, infos: Mapping[str, ArticleInfo]) -> tuple[date, date, str]:
    info = infos[m.article_id]
    return (m.date.start if m.date else date.max, info.published or date.max, m.id)


def _block_keys(m: EventMention, info: ArticleInfo, story: str | None) -> list[tuple[str, ...]]:
    """The blocks a mention meets candidates in: its article, copy group and story, and each strong anchor."""
    kind = (m.type.value, _STATUS_GROUP.get(m.status, "claim"))
    if not m.specific:
        # A mention that identifies no happening stays with its own article: it may join the event of another
        # mention of that article, which adds no source, and never another article's mention.
        return [(*kind, "article", m.article_id)]
    keys: list[tuple[str, ...]] = [(*kind, "article", m.article_id), (*kind, "copies", info.original)]
    if story is not None:
        keys.append((*kind, "story", story))
    for role, actor in (("source", m.source), ("target", m.target)):
        anchor = _anchor_key(actor)
        if anchor is not None:
            keys.append((*kind, role, anchor))
    keys.extend((*kind, "equipment", e) for e in sorted(_equipment_keys(m)))
    return keys


def other_happenings(mentions: Iterable[EventMention]) -> frozenset[str]:
    """The mentions that their own article tells apart from its happening of that type.

    An article's first mention of a type that names a participant stands for the happening the article reports;
    a later mention of that type that names a different person in one role, or counts it differently
    ("Williams was arrested ... Vincent Jackson was arrested last month"), reports another happening: one that
    the article recalls. Being in the story says nothing about such a mention, so it joins other articles' events
    only on strong anchors, like a report of another story.
    """
    by_article: dict[tuple[str, str], list[EventMention]] = defaultdict(list)
    first: dict[str, int] = {}
    for m in mentions:
        by_article[(m.article_id, m.type.value)].append(m)
        first[m.article_id] = min(first.get(m.article_id, m.sentence.start), m.sentence.start)
    apart: set[str] = set()
    for (article, _), group in by_article.items():
        group.sort(key=lambda m: (m.sentence.start, m.spans.trigger.start, m.id))
        main = next((m for m in group if _is_named(m.source) or _is_named(m.target)), None)
        if main is None or main.sentence.start != first[article]:
            continue
        for m in group:
            if m.sentence.start <= main.sentence.start:
                continue
            if _tells_apart(m.source, main.source) or _tells_apart(m.target, main.target):
                apart.add(m.id)
    return frozenset(apart)


def _tells_apart(a: ActorRef | None, b: ActorRef | None) -> bool:
    """Two persons by different names, or two exact counts that differ. States and organisations do not tell
    happenings apart here: one report names the doer and the receiver of one happening in turn."""
    if a is None or b is None:
        return False
    count_a, count_b = _headcount(a), _headcount(b)
    if count_a is not None and count_b is not None:
        return count_a != count_b
    if a.kind != "person" or b.kind != "person" or _same_name(a, b):
        return False
    return _anchor_key(a) != _anchor_key(b)


def cluster_mentions(
    mentions: Sequence[EventMention], infos: Mapping[str, ArticleInfo], *, settings: MergeSettings
) -> list[list[EventMention]]:
    """Group mentions into events.

    A mention joins a cluster only when it is compatible with every member (so two different events are never
    chained together through a third) and linked to one of them: the same article, copy group or story, or
    strong anchors (``_anchored``). A mention that is not specific only meets clusters that hold a mention of
    its own article, so it never brings in another article nor counts as a source of its own.
    Candidates come from blocks keyed by type, status group and each link; the input is sorted first, which
    makes the result independent of input order.
    """
    unique = sorted({m.id: m for m in mentions}.values(), key=lambda x: _sort_key(x, infos))
    # Specific mentions first, so a non-specific mention never opens a cluster that a specific one could join.
    unique.sort(key=lambda m: not m.specific)
    stories = _stories(unique, infos)
    blocks: dict[tuple[str, ...], list[_Cluster]] = defaultdict(list)
    every: list[_Cluster] = []
    for m in unique:
        info = infos[m.article_id]
        keys = set(_block_keys(m, info, stories[m.id]))
        chosen = _choose(m, [blocks[k] for k in sorted(keys)], infos, settings, stories)
        if chosen is None:
            chosen = _Cluster()
            every.append(chosen)
        _add(m, chosen, infos, settings)
        for key in keys | chosen.blocks:
            _keep_ordered(blocks[key], chosen, is_new=key not in chosen.blocks)
        chosen.blocks |= keys
    return [c.members for c in every]


def _order(cluster: _Cluster) -> tuple[date, str]:
    return cluster.end, cluster.members[0].id


def _keep_ordered(block: list[_Cluster], cluster: _Cluster, *, is_new: bool) -> None:
    """Put the cluster in the block, or move it after its end date grew, keeping the block ordered by latest date
    so the backwards scan can stop early. Mentions come in date order, so the cluster stands near the end: a few
    steps, never a sort of the whole block."""
    if is_new:
        block.append(cluster)
        i = len(block) - 1
        while i > 0 and _order(block[i - 1]) > _order(block[i]):
            block[i - 1], block[i] = block[i], block[i - 1]
            i -= 1
        return
    i = next(n for n in range(len(block) - 1, -1, -1) if block[n] is cluster)
    while i + 1 < len(block) and _order(block[i + 1]) < _order(block[i]):
        block[i + 1], block[i] = block[i], block[i + 1]
        i += 1


def _choose(
    m: EventMention,
    candidate_blocks: list[list[_Cluster]],
    infos: Mapping[str, ArticleInfo],
    settings: MergeSettings,
    stories: Mapping[str, str | None],
) -> _Cluster | None:
    """The compatible, linked cluster the mention agrees with most (ties: the latest-ending, then the smallest
    first member id), or None. Each block is scanned backwards from its latest cluster and stops at the first
    cluster out of reach of the mention's dates."""
    window = _window(m, infos[m.article_id], settings)
    reach = timedelta(days=settings.window_days)
    seen: set[int] = set()
    chosen: _Cluster | None = None
    best: tuple[float, date, str] | None = None
    for block in candidate_blocks:
        for cluster in reversed(block):
            if window and cluster.end < window[0] - reach:
                break
            if id(cluster) in seen:
                continue
            seen.add(id(cluster))
            if not _linked(m, cluster, infos, settings, stories) or not _compatible(
                m, cluster, infos, settings, stories
            ):
                continue
            rank = (_agreement(m, cluster), cluster.end, cluster.members[0].id)
            if best is None or rank > best:
                chosen, best = cluster, rank
    return chosen


def _add(m: EventMention, cluster: _Cluster, infos: Mapping[str, ArticleInfo], settings: MergeSettings) -> None:
    cluster.members.append(m)
    window = _window(m, infos[m.article_id], settings)
    if window:
        cluster.start, cluster.end = min(cluster.start, window[0]), max(cluster.end, window[1])


def _majority(values: Iterable[tuple[T, str]]) -> T | None:
    """The most common value; ties go to the value of the earliest mention (values come in mention order)."""
    items = list(values)
    if not items:
        return None
    counts = Counter(v for v, _ in items)
    best = max(counts.values())
    return next(v for v, _ in items if counts[v] == best)


def _conflict(name: str, values: Iterable[tuple[str | None, str]]) -> Conflict | None:
    by_value: dict[str, list[str]] = defaultdict(list)
    for value, mention_id in values:
        if value is not None:
            by_value[value].append(mention_id)
    if len(by_value) < 2:
        return None
    return Conflict(field=name, values=tuple((v, tuple(ids)) for v, ids in sorted(by_value.items())))


def _date_conflict(members: Sequence[EventMention]) -> Conflict | None:
    dated = [(m.date, m.id) for m in members if m.date and m.date.precision is not Precision.REPORTED]
    for i, (a, _) in enumerate(dated):
        for b, _ in dated[i + 1 :]:
            if not a.overlaps(b):
                return _conflict("date", ((f"{d.start}..{d.end}", mid) for d, mid in dated))
    return None


def _status_conflict(members: Sequence[EventMention]) -> Conflict | None:
    """Only reports that disagree on whether it happened conflict; asserted and alleged both say it did."""
    classes = {_STATUS_CLASS.get(m.status) for m in members}
    if len(classes) < 2:
        return None
    return _conflict("status", ((m.status.value, m.id) for m in members))


# How specific a place is: a city or a division says more than the country it lies in. A place the gazetteer
# does not know (no kind) ranks with divisions.
_PLACE_RANK = {"city": 0, "division": 1, "country": 2, "continent": 3}


def _stated_place(m: EventMention) -> Place | None:
    """The place the mention's own sentence names; one taken from the paragraph or the dateline (no location span)
    neither blocks a merge nor counts as a disagreement."""
    return m.location if m.spans.location is not None else None


def _place_rank(place: Place) -> int:
    return _PLACE_RANK.get(place.kind or "", 1)


def _event_place(members: Sequence[EventMention]) -> Place | None:
    """The most specific place the reports give (the earliest report's among equals): one report's "in Afghanistan"
    and another's "at the airport in Herat" place the event in Herat. A place a sentence states wins over one
    taken from a paragraph or a dateline."""
    stated = [p for m in members if (p := _stated_place(m)) is not None]
    context = [m.location for m in members if m.location is not None]
    return min(stated or context, key=_place_rank, default=None)


def _location_conflict(members: Sequence[EventMention]) -> Conflict | None:
    """Reports disagree on the place when they name different places, except a country named by one report
    and a place inside it named by another: that is the same place told more or less precisely."""
    stated = {m.id: _stated_place(m) for m in members}
    detailed = {p.country for p in stated.values() if p and p.kind != "country"}

    def value(place: Place | None) -> str | None:
        if place is None or (place.kind == "country" and place.country in detailed):
            return None
        return place.name

    return _conflict("location", ((value(stated[m.id]), m.id) for m in members))


def _event_date(members: Sequence[EventMention]) -> EventDate | None:
    dated = [m.date for m in members if m.date is not None]
    precise = [d for d in dated if d.precision is not Precision.REPORTED]
    pool = precise or dated
    if not pool:
        return None
    # The narrowest range that the reports give is the most informative one.
    return min(pool, key=lambda d: ((d.end - d.start).days, d.start))


def build_event(members: Sequence[EventMention], infos: Mapping[str, ArticleInfo], *, pack_version: str) -> Event:
    members = sorted(members, key=lambda m: (infos[m.article_id].published or date.max, m.id))
    first = members[0]
    articles = {m.article_id for m in members}
    outlets = {infos[a].outlet or f"article:{a}" for a in articles}
    # A copy group counts once (by its original), and so do outlets declared as one owner.
    independent = {_source_key(infos, infos[a].original) for a in articles if a in infos}
    published = [p for p in (infos[a].published for a in articles) if p is not None]
    conflicts = [
        _conflict("quantity", ((str(m.quantity) if m.quantity else None, m.id) for m in members)),
        _date_conflict(members),
        _status_conflict(members),
        _conflict(
            "equipment",
            ((", ".join(sorted(e.name for e in m.equipment if not e.generic)) or None, m.id) for m in members),
        ),
        _location_conflict(members),
    ]
    status = _majority((m.status, m.id) for m in members) or first.status
    specific = any(m.specific for m in members)
    return Event(
        id=content_id("event", first.id),
        type=first.type,
        mode=_majority((m.mode, m.id) for m in members if m.mode),
        status=status,
        source=next((m.source for m in members if m.source and m.source.id), first.source),
        target=next((m.target for m in members if m.target and m.target.id), _first(m.target for m in members)),
        equipment=max((m.equipment for m in members), key=len),
        quantity=_majority((m.quantity, m.id) for m in members if m.quantity),
        date=_event_date(members),
        location=_event_place(members),
        mention_ids=tuple(m.id for m in members),
        sources=Sources(articles=len(articles), outlets=len(outlets), independent=len(independent)),
        conflicts=tuple(c for c in conflicts if c is not None),
        extractor=first.extractor,
        pack_version=pack_version,
        first_reported=min(published) if published else None,
        last_reported=max(published) if published else None,
        specific=specific,
    )


def keep_event_ids(events: Sequence[Event], previous: Mapping[str, str]) -> tuple[list[Event], dict[str, str]]:
    """Events keep the ids they had in the previous build, so ids cited from a ledger stay valid.

    ``previous`` maps mention ids to the event ids of the previous build. Each old id goes to the new event that
    holds most of its mentions (ties: the smaller new id), and each event takes at most one old id (its largest
    share). Events that inherit nothing keep their content id. Returns the renamed events and ``retired``: old ids
    no event kept, each pointing to the event that holds most of its mentions now (an old event that merged into
    another). The result depends only on its inputs, so a re-run with nothing new changes no id.
    """
    shares: Counter[tuple[str, str]] = Counter()
    for event in events:
        for mention_id in event.mention_ids:
            old = previous.get(mention_id)
            if old is not None:
                shares[(old, event.id)] += 1
    ranked = sorted(shares.items(), key=lambda item: (-item[1], item[0][0], item[0][1]))
    new_ids: dict[str, str] = {}
    taken: set[str] = set()
    for (old, new), _count in ranked:
        if new not in new_ids and old not in taken:
            new_ids[new] = old
            taken.add(old)
    used = set(new_ids.values())
    for event in sorted(events, key=lambda e: e.id):
        if event.id in new_ids:
            continue
        candidate, n = event.id, 0
        # A content id that an inherited id already occupies is rehashed until it is free.
        while candidate in used or candidate in taken:
            n += 1
            candidate = content_id("event", f"{event.id}:{n}")
        new_ids[event.id] = candidate
        used.add(candidate)
    retired: dict[str, str] = {}
    for (old, new), _count in ranked:
        if old not in taken and old not in retired and old not in used:
            retired[old] = new_ids[new]
    return [replace(e, id=new_ids[e.id]) for e in events], retired


def _source_key(infos: Mapping[str, ArticleInfo], article: str) -> str:
    info = infos.get(article)
    if info is None:
        return f"article:{article}"
    return info.owner or info.outlet or f"article:{article}"


def _first(values: Iterable[T | None]) -> T | None:
    return next((v for v in values if v is not None), None)


def merge_mentions(
    mentions: Sequence[EventMention],
    infos: Mapping[str, ArticleInfo],
    *,
    settings: MergeSettings,
    pack_version: str,
) -> list[Event]:
    """Events from all mentions; the same mentions give the same events whatever their order."""
    clusters = cluster_mentions(mentions, infos, settings=settings)
    events = [build_event(c, infos, pack_version=pack_version) for c in clusters]
    return sorted(events, key=lambda e: e.id)


_CLAIMS = frozenset({Status.ASSERTED, Status.ALLEGED, Status.INTENDED, Status.POSSIBLE})


def link_denials(events: Sequence[Event], *, settings: MergeSettings) -> list[tuple[str, str]]:
    """(denial, claim) pairs: a denied event answers the claims of the same type about the same parties.

    The denier may be the claimed source ("Tehran denies arming ...") or the claimed recipient ("the Taliban
    denied receiving ..."); the claim must date from before the denial, within the denial window.
    """
    by_actor: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in events:
        if e.status in _CLAIMS:
            for actor in (e.source, e.target):
                key = _actor_key(actor)
                if key:
                    by_actor[(e.type.value, key)].append(e)
    window = timedelta(days=settings.denial_window_days)
    links: set[tuple[str, str]] = set()
    for denial in events:
        if denial.status is not Status.DENIED:
            continue
        parties = [k for k in (_actor_key(denial.source), _actor_key(denial.target)) if k]
        for key in parties:
            for claim in by_actor.get((denial.type.value, key), []):
                claim_parties = {_actor_key(claim.source), _actor_key(claim.target)} - {None}
                if not set(parties) <= claim_parties:
                    continue
                if (
                    denial.date
                    and claim.date
                    and not (
                        claim.date.start - window <= denial.date.end and denial.date.start <= claim.date.end + window
                    )
                ):
                    continue
                links.add((denial.id, claim.id))
    return sorted(links)
