"""Cluster articles into stories incrementally: TF-IDF over words and over names, within a time window."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import repeat
from operator import mul

from newsledger.model import content_id
from newsledger.settings import StorySettings

_WORD = re.compile(r"[^\W\d_][\w'-]{3,}")
# Function words carry no story; the list is short because IDF already discounts common words.
_STOP_WORDS = (
    "that this with from have been were will would said says their there they which about after before "
    "also into more than over other some such what when where while these those them then only being could "
    "should told according officials official minister ministry government"
)
_STOP = frozenset(_STOP_WORDS.split())
NAME_SHARE = 0.5  # weight of the names' cosine against the words': who and where tell happenings of one kind apart
CENTROID_TERMS = 120  # words kept per story; the tail of a centroid is noise and costs index entries
CANDIDATE_TERMS = 20  # an article looks up stories through its heaviest words and all its names
# The lede and first paragraphs name the happening; the tail is background.
TEXT_CHARS = 3500
# Stories a term may lead to and still be used to find candidates.
MAX_POSTINGS = 100
# Counts, tolls, magnitudes and ages tell two happenings of one kind apart like names do; years are left to
# the year check, and one-digit numbers say little.
_NUMBER = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?![\w]|[.,]\d)")
_YEAR = re.compile(r"(?<![\d.,/-])(19[5-9]\d|20[0-4]\d)(?![\d.,/-]\d)")
# Years apart at which an undated article and a story are about different happenings (a report names the
# current year and earlier ones; one year of slack lets a story run over new year).
YEAR_GAP = 2
# An undated report's year is the latest its lede names: the dateline's; later text recalls earlier happenings.
LEDE_CHARS = 400
# The share of the threshold a follow-up needs to join the story whose window holds the day it dates its
# happening to (``_recalls_story``).
RECALLED_BAR = 0.85


# Entity labels whose names tell one happening from another of its kind: who, where, what (spaCy's labels and
# the pack's equipment).
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "EQUIPMENT"}
)
TIME_LABELS = frozenset({"DATE", "TIME"})
# An article's story names: enough to identify the happening, not a list of every name in a long text.
MAX_NAMES = 40


def name_keys(text: str, label: str) -> tuple[str, ...]:
    """Story names for an entity: its folded words; a person by surname, which is what reports share after the
    first full mention; a date by the years it names ("year:2019"); nothing for other labels."""
    if label in TIME_LABELS:
        return tuple(f"year:{y}" for y in _YEAR.findall(text))
    words = [w for w in re.findall(r"[\w.&-]+", text.lower()) if w not in {"the", "'s"}]
    if label not in NAME_LABELS or not words:
        return ()
    return (words[-1] if label == "PERSON" else " ".join(words),)


def story_names(entities: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The distinct story names of (text, label) entities, in order of first mention, at most ``MAX_NAMES``."""
    return tuple(dict.fromkeys(k for text, label in entities for k in name_keys(text, label)))[:MAX_NAMES]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryArticle:
    id: str
    published: date | None
    text: str
    names: tuple[str, ...]  # actors and places of the article's events (and years it names), folded
    event_keys: tuple[str, ...] = ()  # "AID:RUS>AFG": what happened between whom
    event_days: tuple[date, ...] = ()  # the days its events happened on, as the text states them


@dataclass(slots=True)
class StoryState:
    """What persists between builds: document frequencies (counts, so IDF follows the corpus) and the stories."""

    documents: int = 0
    df: Counter[str] = field(default_factory=Counter)
    # story id -> {"words": {term: weight}, "names": {term: weight}, "size": n, "start": iso, "end": iso,
    #              "year", "first_year": the latest and earliest years of its articles (absent when none is known)}
    stories: dict[str, dict[str, object]] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        # Sorted keys: the same state gives the same bytes whatever order (and hash seed) built it.
        return json.dumps(
            {"documents": self.documents, "df": self.df, "stories": self.stories}, sort_keys=True
        ).encode()

    @classmethod
    def from_bytes(cls, data: bytes | None) -> StoryState:
        if not data:
            return cls()
        raw = json.loads(data)
        stories = raw["stories"]
        for story in stories.values():
            # States saved before names had their own vector kept one "centroid" with names marked by "@".
            if "centroid" in story:
                old = story.pop("centroid")
                story["words"] = {t: w for t, w in old.items() if not t.startswith("@")}
                story["names"] = {t: w for t, w in old.items() if t.startswith("@")}
        return cls(documents=raw["documents"], df=Counter(raw["df"]), stories=stories)


def _fold(name: str) -> str:
    return "@" + " ".join(name.lower().split())


def _terms(article: StoryArticle) -> tuple[Counter[str], Counter[str]]:
    words = Counter(w for w in (m.lower() for m in _WORD.findall(article.text[:TEXT_CHARS])) if w not in _STOP)
    names = Counter(_fold(n) for n in article.names if n.strip())
    numbers = _NUMBER.findall(article.text[:TEXT_CHARS])
    names.update(f"%{n}" for n in numbers if len(n) > 1 and not _YEAR.fullmatch(n))
    names.update(f"#{k}" for k in article.event_keys)
    return words, names


def _weights(terms: Counter[str], state: StoryState) -> dict[str, float]:
    n = max(state.documents, 1)
    # Sublinear tf and smoothed IDF (+1), so that words every report shares still count while the corpus is small.
    vec = {t: (1 + math.log(c)) * (math.log((n + 1) / (state.df.get(t, 0) + 1)) + 1.0) for t, c in terms.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    # The same products summed in the same order as a generator over a.items(), in C: stories were a sixth of a
    # build's time.
    total: float = sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))
    return total


def _similarity(words: dict[str, float], names: dict[str, float], story: dict[str, object], bar: float = 0.0) -> float:
    """Words' cosine times the names' agreement; below ``bar`` on the words alone, the words' cosine (the names
    can only lower it: their factor is at most 1, give or take rounding)."""
    text = _cosine(words, story["words"])  # type: ignore[arg-type]
    story_names: dict[str, float] = story["names"]  # type: ignore[assignment]
    if not names or not story_names or text * (1 + 1e-9) < bar:
        return text
    return _with_names(text, _cosine(names, story_names))


def _with_names(text: float, names: float) -> float:
    # Multiplied, not added: a shared city cannot carry a report of another shooting into the story.
    return text * ((1 - NAME_SHARE) + NAME_SHARE * names)


def _year_of(article: StoryArticle) -> int | None:
    """The article's year: its publication's, else the latest year its lede names, else unknown."""
    if article.published is not None:
        return article.published.year
    years = [int(y) for y in _YEAR.findall(article.text[:LEDE_CHARS])]
    return max(years) if years else None


def _is_years_apart(year: int | None, story: dict[str, object]) -> bool:
    # Undated reports of happenings of one kind years apart share words and names; the years tell them apart.
    # (A dated article has the time window instead.) A story runs from the earliest to the latest year of its
    # articles; a report ``YEAR_GAP`` years before or after that span is about another happening.
    latest = story.get("year")
    if year is None or not isinstance(latest, int):
        return False
    earliest = story.get("first_year")
    earliest = earliest if isinstance(earliest, int) else latest
    return year <= earliest - YEAR_GAP or year >= latest + YEAR_GAP


def _in_window(published: date | None, story: dict[str, object], window: timedelta) -> bool:
    if published is None or not story["end"]:
        return True
    start, end = _day_of(story["start"]), _day_of(story["end"])
    return start - window <= published <= end + window


def _day_of(value: object) -> date:
    # Saved stories hold ISO strings; a refinement pass holds the dates it parsed once.
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def assign_stories(
    new: Sequence[StoryArticle], state: StoryState, *, settings: StorySettings
) -> tuple[dict[str, str], StoryState]:
    """Story ids for new articles, and the updated state. Earlier builds' assignments never change.

    The batch's words are counted into the document frequencies first, so every article of a build is weighed
    with the same IDF. Then articles are taken in (published, id) order, undated ones last, so the order of a
    batch does not matter; across builds the clustering is incremental, so it depends on which articles arrived
    first, like a newsroom's story list. An article joins the most similar story within the time window whose
    similarity (words and names, each a TF-IDF cosine to the story's centroid) reaches the threshold, else opens
    a story (at ``RECALLED_BAR`` of the threshold when it dates one of its events to a day an article of the story
    dates one of its own to). Numbers in the text (tolls, magnitudes) count as names. An undated article has no
    window; instead it may not join a story whose articles' years all lie ``YEAR_GAP`` or more before or after
    the latest year its lede names.
    That first pass sees only the articles before each one, so up to ``settings.refine_passes`` passes follow
    (``_refine``): each of the batch's articles moves to the story it is now most similar to, its own story
    scored without it, until no article moves.
    Candidate stories share one of the article's names or heaviest words (an inverted index), so an article is
    compared with a handful of stories, not with every one: cost grows with the number of articles, not pairs.
    """
    ordered = sorted(new, key=lambda a: (a.published or date.max, a.id))
    terms = [_terms(article) for article in ordered]
    for word_terms, name_terms in terms:
        state.documents += 1
        state.df.update(set(word_terms) | set(name_terms))
    before = {story_id: _Sums.of(story) for story_id, story in state.stories.items()}
    index = _Index()
    for story_id, story in state.stories.items():
        index.add(story_id, story)
    window = timedelta(days=settings.window_days)
    members: list[_Member] = []
    out: dict[str, str] = {}
    for article, (word_terms, name_terms) in zip(ordered, terms, strict=True):
        member = _Member(article, _weights(word_terms, state), _weights(name_terms, state))
        best = _best_story(member, index.candidates(member), state.stories, settings.threshold, window)
        if best is None:
            best = content_id("story", article.id)
            state.stories[best] = {"words": {}, "names": {}, "size": 0, "start": None, "end": None}
        story = state.stories[best]
        _absorb(story, member.words, member.names, article.published)
        if article.event_days:
            story["days"] = sorted({*story.get("days", ()), *(d.isoformat() for d in article.event_days)})  # type: ignore[misc]
        if member.year is not None:
            story["year"] = max(member.year, int(story.get("year") or member.year))  # type: ignore[call-overload]
            story["first_year"] = min(member.year, int(story.get("first_year") or member.year))  # type: ignore[call-overload]
        index.add(best, story)
        members.append(member)
        out[article.id] = best
    memo: dict[str, dict[str, float | None]] = {}
    changed: set[str] | None = None
    for _ in range(settings.refine_passes):
        changed = _refine(members, out, before, settings.threshold, window, memo, changed)
        if not changed:
            break
    state.stories = {k: v for k, v in state.stories.items() if k in before}
    for story_id, story in _rebuild(members, out, before).items():
        state.stories[story_id] = story
    return out, state


@dataclass(slots=True)
class _Member:
    """A new article with its weighted terms."""

    article: StoryArticle
    words: dict[str, float]
    names: dict[str, float]
    year: int | None = None

    def __post_init__(self) -> None:
        self.year = _year_of(self.article)


class _Index:
    """Term -> stories holding it, for finding an article's candidate stories."""

    def __init__(self) -> None:
        self.postings: dict[str, set[str]] = {}

    def add(self, story_id: str, story: dict[str, object]) -> None:
        for part in ("words", "names"):
            for term in story[part]:  # type: ignore[attr-defined]
                self.postings.setdefault(term, set()).add(story_id)

    def candidates(self, member: _Member) -> list[str]:
        words = member.words
        keys = [*sorted(words, key=lambda t: (-words[t], t))[:CANDIDATE_TERMS], *member.names]
        # A term held by very many stories finds no particular one; skipping it keeps the cost per article flat.
        postings = [self.postings.get(t, set()) for t in keys]
        return sorted({s for p in postings if len(p) <= MAX_POSTINGS for s in p})


def _bar(member: _Member, story: dict[str, object], window: timedelta, threshold: float) -> float | None:
    """The similarity the article needs to join the story, or None when it may not: within the time window the
    threshold; a follow-up that dates its happening inside the story's window (``_recalls_story``) needs
    ``RECALLED_BAR`` of it, since the date already says which happening it reports on."""
    if member.article.published is None and _is_years_apart(member.year, story):
        return None
    if _in_window(member.article.published, story, window):
        return threshold * RECALLED_BAR if _shares_day(member, story) else threshold
    return threshold * RECALLED_BAR if _recalls_story(member, story, window) else None


def _shares_day(member: _Member, story: dict[str, object]) -> bool:
    """The article dates one of its events to a day that an article of the story dates one of its own to."""
    days = story.get("days")
    return bool(days) and any(day.isoformat() in days for day in member.article.event_days)  # type: ignore[operator]


def _recalls_story(member: _Member, story: dict[str, object], window: timedelta) -> bool:
    """A follow-up weeks or months later ("charged in the Nov. 2 shooting", "the man wounded on November 2 died")
    dates the happening it reports on: a day its events happened on, before its own window, inside the story's."""
    published = member.article.published
    if published is None:
        return False
    return any(day < published - window and _in_window(day, story, window) for day in member.article.event_days)


def _best_story(
    member: _Member,
    candidates: Iterable[str],
    stories: dict[str, dict[str, object]],
    threshold: float,
    window: timedelta,
) -> str | None:
    best, best_score = None, 0.0
    for story_id in candidates:
        story = stories[story_id]
        bar = _bar(member, story, window, threshold)
        if bar is None:
            continue
        score = _similarity(member.words, member.names, story, bar)
        if score >= bar and score >= best_score:
            best, best_score = story_id, score
    return best


@dataclass(slots=True)
class _Sums:
    """A story as sums of its members' vectors (an earlier build's centroid counts as its size in members)."""

    words: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)
    size: int = 0
    start: str | None = None
    end: str | None = None
    # The years of its articles (an earlier build's story: its earliest and latest), for the year check.
    years: Counter[int] = field(default_factory=Counter)
    # The days its articles date their events to, for the shared-day bar.
    days: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, story: dict[str, object]) -> _Sums:
        size = int(story["size"])  # type: ignore[call-overload]
        words: dict[str, float] = story["words"]  # type: ignore[assignment]
        names: dict[str, float] = story["names"]  # type: ignore[assignment]
        year, first_year = story.get("year"), story.get("first_year")
        years = Counter(y for y in {year, first_year if isinstance(first_year, int) else year} if isinstance(y, int))
        return cls(
            words={t: w * size for t, w in words.items()},
            names={t: w * size for t, w in names.items()},
            size=size,
            start=story["start"],  # type: ignore[arg-type]
            end=story["end"],  # type: ignore[arg-type]
            years=years,
            days=Counter(story.get("days") or ()),  # type: ignore[call-overload]
        )

    def copy(self) -> _Sums:
        return _Sums(
            dict(self.words),
            dict(self.names),
            self.size,
            self.start,
            self.end,
            Counter(self.years),
            Counter(self.days),
        )

    def add(self, member: _Member) -> None:
        for sums, vec in ((self.words, member.words), (self.names, member.names)):
            for t, w in vec.items():
                sums[t] = sums.get(t, 0.0) + w
        self.size += 1
        if (published := member.article.published) is not None:
            day = published.isoformat()
            self.start = min(self.start, day) if self.start else day
            self.end = max(self.end, day) if self.end else day
        if member.year is not None:
            self.years[member.year] += 1
        self.days.update({d.isoformat() for d in member.article.event_days})

    def story(self, keep: int | None = None) -> dict[str, object]:
        story = {"words": _unit(self.words, keep), "names": _unit(self.names, keep), "size": self.size}
        return story | self.span()

    def span(self, without: _Member | None = None) -> dict[str, object]:
        """Publication dates, years and event days, optionally without one article's year and days (its own story
        scored without it)."""
        year = without.year if without is not None else None
        own = {d.isoformat() for d in without.article.event_days} if without is not None else set()
        years = [y for y, n in self.years.items() if n - (y == year) > 0]
        span: dict[str, object] = {"start": self.start, "end": self.end}
        if days := sorted(d for d, n in self.days.items() if n - (d in own) > 0):
            span["days"] = days
        return span | ({"year": max(years), "first_year": min(years)} if years else {})


def _unit(sums: dict[str, float], keep: int | None) -> dict[str, float]:
    top = sorted((t for t, w in sums.items() if w > 1e-9), key=lambda t: (-sums[t], t))[:keep]
    norm = math.sqrt(sum(sums[t] ** 2 for t in top)) or 1.0
    return {t: round(sums[t] / norm, 6) for t in top}


def _story_sums(members: Sequence[_Member], out: dict[str, str], before: dict[str, _Sums]) -> dict[str, _Sums]:
    sums: dict[str, _Sums] = {}
    for member in members:  # a story opened in a pass is "~" and its first article's id until _rebuild names it
        story_id = out[member.article.id]
        if story_id not in sums:
            sums[story_id] = before[story_id].copy() if story_id in before else _Sums()
        sums[story_id].add(member)
    return sums


def _sum_cosine(vec: dict[str, float], sums: dict[str, float], square: float, leave_out: bool) -> float:
    """Cosine of a unit vector with a story's summed vector (``square``: the sum's own dot product), optionally
    with the vector taken out of the sum."""
    dot = _cosine(vec, sums)
    if leave_out:
        own = sum(v * v for v in vec.values())
        dot, square = dot - own, square - 2 * dot + own
    return dot / math.sqrt(square) if square > 1e-12 else 0.0


def _refine(
    members: Sequence[_Member],
    out: dict[str, str],
    before: dict[str, _Sums],
    threshold: float,
    window: timedelta,
    memo: dict[str, dict[str, float | None]],
    changed: set[str] | None,
) -> set[str]:
    """One pass: every new article moves to its most similar story, scored with this pass's starting stories and
    its own story without it (stories of earlier builds keep their earlier members). Returns the stories that
    gained or lost an article (empty when nothing moved).

    ``memo`` keeps each article's score with each story it was compared with (None: it may not join), and
    ``changed`` names the stories the previous pass changed (None on the first pass): a story whose members did
    not change has the same sums, span and score, so only the changed ones are scored again."""
    sums = _story_sums(members, out, before)
    for story_id, s in before.items():
        sums.setdefault(story_id, s)
    squares = {k: (_cosine(s.words, s.words), _cosine(s.names, s.names)) for k, s in sums.items()}
    index = _Index()
    for story_id, s in sums.items():
        index.add(story_id, {"words": s.words, "names": s.names})
    # Every other article sees a story with all its members: its span is the same for all of them.
    spans = {story_id: _parsed(s.span()) for story_id, s in sums.items()}
    moves: dict[str, str] = {}
    for member in members:
        own_id = out[member.article.id]
        scores = memo.setdefault(member.article.id, {})
        best, best_score = None, 0.0
        # The own story first, the others in id order, and only a higher score moves: a pass is deterministic.
        for story_id in [own_id, *(c for c in index.candidates(member) if c != own_id)]:
            story = sums[story_id]
            is_own = story_id == own_id
            if is_own and story.size == 1:
                continue
            if changed is None or story_id in changed or story_id not in scores:
                scores[story_id] = _score(member, story, squares[story_id], spans, story_id, is_own, window, threshold)
            score = scores[story_id]
            if score is not None and (best is None or score > best_score):
                best, best_score = story_id, score
        if best is None:
            # Nothing is similar enough: the article is a story of its own (it may already be one).
            best = own_id if sums[own_id].size == 1 else f"~{member.article.id}"
        if best != own_id:
            moves[member.article.id] = best
    touched = {out[a] for a in moves} | set(moves.values())
    out.update(moves)
    return touched


def _score(
    member: _Member,
    story: _Sums,
    squares: tuple[float, float],
    spans: dict[str, dict[str, object]],
    story_id: str,
    is_own: bool,
    window: timedelta,
    threshold: float,
) -> float | None:
    """The article's similarity to a story of the pass (its own without it), or None when it may not join it."""
    bar = _bar(member, _parsed(story.span(member)) if is_own else spans[story_id], window, threshold)
    if bar is None:
        return None
    words_sq, names_sq = squares
    score = _sum_cosine(member.words, story.words, words_sq, is_own)
    if score * (1 + 1e-9) < bar:  # the names can only lower it (``_similarity``)
        return None
    if member.names and names_sq > 1e-12:
        score = _with_names(score, _sum_cosine(member.names, story.names, names_sq, is_own))
    return score if score >= bar else None


def _parsed(span: dict[str, object]) -> dict[str, object]:
    """The span with its publication days as dates, parsed once per pass rather than once per comparison."""
    return span | {k: _day_of(span[k]) for k in ("start", "end") if span[k]}


def _rebuild(members: Sequence[_Member], out: dict[str, str], before: dict[str, _Sums]) -> dict[str, dict[str, object]]:
    """The stories the batch touched, as saved state. A story opened in this build is named after its earliest
    article, so the id does not depend on which article opened it during the passes."""
    sums = _story_sums(members, out, before)
    rename: dict[str, str] = {}
    for member in members:  # in (published, id) order: the first seen is the earliest
        story_id = out[member.article.id]
        if story_id not in before and story_id not in rename:
            rename[story_id] = content_id("story", member.article.id)
    for member in members:
        out[member.article.id] = rename.get(out[member.article.id], out[member.article.id])
    return {rename.get(story_id, story_id): s.story(CENTROID_TERMS) for story_id, s in sums.items()}


def _mean(centroid: dict[str, float], vec: dict[str, float], size: int, keep: int | None) -> dict[str, float]:
    merged = {t: (centroid.get(t, 0.0) * size + vec.get(t, 0.0)) / (size + 1) for t in set(centroid) | set(vec)}
    return _unit(merged, keep)


def _absorb(story: dict[str, object], words: dict[str, float], names: dict[str, float], published: date | None) -> None:
    size = int(story["size"])  # type: ignore[call-overload]
    story["words"] = _mean(story["words"], words, size, CENTROID_TERMS)  # type: ignore[arg-type]
    story["names"] = _mean(story["names"], names, size, CENTROID_TERMS)  # type: ignore[arg-type]
    story["size"] = size + 1
    if published:
        start, end = story["start"], story["end"]
        story["start"] = min(str(start), published.isoformat()) if start else published.isoformat()
        story["end"] = max(str(end), published.isoformat()) if end else published.isoformat()
