"""Merge mentions of one real-world event across articles into events, counting independent sources."""

from __future__ import annotations

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


def _actor_key(actor: ActorRef | None) -> str | None:
    """Events are compared at the level of states: the Kremlin, the Russian army and Russia agree."""
    if actor is None:
        return None
    if actor.country:
        return f"country:{actor.country}"
    return actor.id or f"text:{normalize_name(actor.text)}"


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
    __slots__ = ("members", "start", "end")

    def __init__(self) -> None:
        self.members: list[EventMention] = []
        self.start = date.max
        self.end = date.min


def _compatible(m: EventMention, cluster: _Cluster, infos: Mapping[str, ArticleInfo], settings: MergeSettings) -> bool:
    window = _window(m, infos[m.article_id], settings)
    target = _actor_key(m.target)
    equipment = _equipment_keys(m)
    for other in cluster.members:
        other_target = _actor_key(other.target)
        if target and other_target and target != other_target:
            return False
        other_equipment = _equipment_keys(other)
        shares_equipment = bool(equipment & other_equipment)
        if equipment and other_equipment and not shares_equipment:
            return False
        categories, other_categories = _categories(m), _categories(other)
        if categories and other_categories and not categories & other_categories:
            return False
        other_window = _window(other, infos[other.article_id], settings)
        if window and other_window:
            gap = max(window[0], other_window[0]) - min(window[1], other_window[1])
            # Ranges that overlap agree; close dates with the same equipment are one event whose date is disputed.
            if gap > timedelta(0) and not (shares_equipment and gap <= timedelta(days=settings.date_slack_days)):
                return False
    return True


def _agreement(m: EventMention, cluster: _Cluster) -> float:
    """How much more than compatible a mention is with a cluster: arguments that the two both give and share,
    and how alike the evidence sentences are (content-word Jaccard with the closest member, worth up to 3)."""
    equipment = _equipment_keys(m)
    target = _actor_key(m.target)
    score = 3.0 * max((_jaccard(m.words, o.words) for o in cluster.members), default=0.0)
    if equipment and any(equipment & _equipment_keys(o) for o in cluster.members):
        score += 4
    if target and any(_actor_key(o.target) == target for o in cluster.members):
        score += 2
    if m.quantity is not None and any(o.quantity == m.quantity for o in cluster.members):
        score += 2
    if m.location is not None and any(o.location and o.location.name == m.location.name for o in cluster.members):
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


def _block_key(m: EventMention, role: str) -> tuple[str, ...]:
    actor = m.source if role == "source" else m.target
    return (m.type.value, _STATUS_GROUP.get(m.status, "claim"), role, _actor_key(actor) or "")


def cluster_mentions(
    mentions: Sequence[EventMention], infos: Mapping[str, ArticleInfo], *, settings: MergeSettings
) -> list[list[EventMention]]:
    """Group mentions into events: blocked by type, status group and actor, then checked pairwise.

    Mentions that name their source are blocked by it; mentions without one ("helicopters were delivered to
    Kabul") are then blocked by their target and join a compatible cluster of that target, or form their own.
    A mention joins a cluster only when it agrees with every member, so two different events are never chained
    together through a third. The input is sorted first, which makes the result independent of input order.
    """
    unique = sorted({m.id: m for m in mentions}.values(), key=lambda x: _sort_key(x, infos))
    blocks: dict[tuple[str, ...], list[_Cluster]] = defaultdict(list)
    for m in (m for m in unique if m.source is not None):
        _place(m, blocks[_block_key(m, "source")], infos, settings)
    # Index the clusters by their members' targets so a source-less mention meets only candidates.
    by_target: dict[tuple[str, ...], list[_Cluster]] = defaultdict(list)
    for clusters in blocks.values():
        for cluster in clusters:
            keys = {_block_key(x, "target") for x in cluster.members if x.target is not None}
            for key in keys:
                by_target[key].append(cluster)
    for key in by_target:
        by_target[key].sort(key=lambda c: (c.end, c.members[0].id))
    loose: dict[tuple[str, ...], list[_Cluster]] = defaultdict(list)
    for m in (m for m in unique if m.source is None):
        key = _block_key(m, "target")
        candidates = by_target.get(key, []) + loose[key]
        if not _place(m, candidates, infos, settings, create=False):
            _place(m, loose[key], infos, settings)
    every = {id(c): c for group in (*blocks.values(), *loose.values()) for c in group}
    return [c.members for c in every.values()]


def _place(
    m: EventMention,
    clusters: list[_Cluster],
    infos: Mapping[str, ArticleInfo],
    settings: MergeSettings,
    *,
    create: bool = True,
) -> bool:
    """Add the mention to the compatible cluster it agrees with most, or a new one.

    Clusters are kept ordered by end date, so the backwards scan stops at the first cluster out of reach; among
    compatible clusters, ties in agreement go to the latest.
    """
    window = _window(m, infos[m.article_id], settings)
    reach = timedelta(days=settings.window_days)
    chosen = None
    best = -1.0
    for cluster in reversed(clusters):
        if window and cluster.end < window[0] - reach:
            break
        if _compatible(m, cluster, infos, settings):
            score = _agreement(m, cluster)
            if score > best:
                chosen, best = cluster, score
    if chosen is None:
        if not create:
            return False
        chosen = _Cluster()
        clusters.append(chosen)
    chosen.members.append(m)
    if window:
        chosen.start, chosen.end = min(chosen.start, window[0]), max(chosen.end, window[1])
    # Keep clusters ordered by their latest date so the backwards scan can stop early.
    clusters.sort(key=lambda c: (c.end, c.members[0].id))
    return True


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
_PLACE_RANK = {"city": 0, "division": 1, "country": 2}


def _place_rank(place: Place) -> int:
    return _PLACE_RANK.get(place.kind or "", 1)


def _event_place(members: Sequence[EventMention]) -> Place | None:
    """The most specific place the reports give (the earliest report's among equals): one report's "in Afghanistan"
    and another's "at the airport in Herat" place the event in Herat."""
    return min((m.location for m in members if m.location), key=_place_rank, default=None)


def _location_conflict(members: Sequence[EventMention]) -> Conflict | None:
    """Reports disagree on the place when they name different places, except a country named by one report
    and a place inside it named by another: that is the same place told more or less precisely."""
    detailed = {m.location.country for m in members if m.location and m.location.kind != "country"}

    def value(place: Place | None) -> str | None:
        if place is None or (place.kind == "country" and place.country in detailed):
            return None
        return place.name

    return _conflict("location", ((value(m.location), m.id) for m in members))


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
