"""Cluster articles into stories incrementally: TF-IDF over words and over names, within a time window."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

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
TEXT_CHARS = 4000
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


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryArticle:
    id: str
    published: date | None
    text: str
    names: tuple[str, ...]  # actors and places of the article's events (and years it names), folded
    event_keys: tuple[str, ...] = ()  # "AID:RUS>AFG": what happened between whom


@dataclass(slots=True)
class StoryState:
    """What persists between builds: document frequencies (counts, so IDF follows the corpus) and the stories."""

    documents: int = 0
    df: Counter[str] = field(default_factory=Counter)
    # story id -> {"words": {term: weight}, "names": {term: weight}, "size": n, "start": iso, "end": iso,
    #              "year": the latest year of its articles (absent when none is known)}
    stories: dict[str, dict[str, object]] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        return json.dumps({"documents": self.documents, "df": self.df, "stories": self.stories}).encode()

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
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _similarity(words: dict[str, float], names: dict[str, float], story: dict[str, object]) -> float:
    text = _cosine(words, story["words"])  # type: ignore[arg-type]
    story_names: dict[str, float] = story["names"]  # type: ignore[assignment]
    if not names or not story_names:
        return text
    # Multiplied, not added: a shared city cannot carry a report of another shooting into the story.
    return text * ((1 - NAME_SHARE) + NAME_SHARE * _cosine(names, story_names))


def _year_of(article: StoryArticle) -> int | None:
    """The article's year: its publication's, else the latest year its lede names, else unknown."""
    if article.published is not None:
        return article.published.year
    years = [int(y) for y in _YEAR.findall(article.text[:LEDE_CHARS])]
    return max(years) if years else None


def _is_years_apart(year: int | None, story: dict[str, object]) -> bool:
    # Undated reports of happenings of one kind years apart share words and names; the years tell them apart.
    # (A dated article has the time window instead.)
    story_year = story.get("year")
    return year is not None and isinstance(story_year, int) and abs(year - story_year) >= YEAR_GAP


def _in_window(published: date | None, story: dict[str, object], window: timedelta) -> bool:
    if published is None or not story["end"]:
        return True
    start, end = date.fromisoformat(str(story["start"])), date.fromisoformat(str(story["end"]))
    return start - window <= published <= end + window


def assign_stories(
    new: Sequence[StoryArticle], state: StoryState, *, settings: StorySettings
) -> tuple[dict[str, str], StoryState]:
    """Story ids for new articles, and the updated state. Earlier builds' assignments never change.

    Articles are taken in (published, id) order, undated ones last, so the order of a batch does not matter;
    across builds the clustering is incremental, so it depends on which articles arrived first, like a
    newsroom's story list. An article joins the most similar story within the time window whose similarity
    (words and names, each a TF-IDF cosine to the story's centroid) reaches the threshold, else opens a story.
    Numbers in the text (tolls, magnitudes) count as names. An undated article has no window; instead it may
    not join a story whose latest year is ``YEAR_GAP`` or more from the latest year its lede names.
    Candidate stories share one of the article's names or heaviest words (an inverted index), so an article is
    compared with a handful of stories, not with every one: cost grows with the number of articles, not pairs.
    """
    index: dict[str, set[str]] = {}
    for story_id, story in state.stories.items():
        for part in ("words", "names"):
            for term in story[part]:  # type: ignore[attr-defined]
                index.setdefault(term, set()).add(story_id)
    out: dict[str, str] = {}
    window = timedelta(days=settings.window_days)
    for article in sorted(new, key=lambda a: (a.published or date.max, a.id)):
        word_terms, name_terms = _terms(article)
        state.documents += 1
        state.df.update(set(word_terms) | set(name_terms))
        words, names = _weights(word_terms, state), _weights(name_terms, state)
        year = _year_of(article)
        keys = [*sorted(words, key=lambda t: (-words[t], t))[:CANDIDATE_TERMS], *names]
        best, best_score = None, settings.threshold
        # A term held by very many stories finds no particular one; skipping it keeps the cost per article flat.
        postings = [index.get(t, set()) for t in keys]
        for story_id in sorted({s for p in postings if len(p) <= MAX_POSTINGS for s in p}):
            story = state.stories[story_id]
            if not _in_window(article.published, story, window):
                continue
            if article.published is None and _is_years_apart(year, story):
                continue
            score = _similarity(words, names, story)
            if score >= best_score:
                best, best_score = story_id, score
        if best is None:
            best = content_id("story", article.id)
            state.stories[best] = {"words": {}, "names": {}, "size": 0, "start": None, "end": None}
        story = state.stories[best]
        _absorb(story, words, names, article.published)
        if year is not None:
            story["year"] = max(year, int(story.get("year") or 0))  # type: ignore[call-overload]
        for part in ("words", "names"):
            for term in story[part]:  # type: ignore[attr-defined]
                index.setdefault(term, set()).add(best)
        out[article.id] = best
    return out, state


def _mean(centroid: dict[str, float], vec: dict[str, float], size: int, keep: int | None) -> dict[str, float]:
    merged = {t: (centroid.get(t, 0.0) * size + vec.get(t, 0.0)) / (size + 1) for t in set(centroid) | set(vec)}
    top = sorted(merged, key=lambda t: (-merged[t], t))[:keep]
    norm = math.sqrt(sum(merged[t] ** 2 for t in top)) or 1.0
    return {t: round(merged[t] / norm, 6) for t in top}


def _absorb(story: dict[str, object], words: dict[str, float], names: dict[str, float], published: date | None) -> None:
    size = int(story["size"])  # type: ignore[call-overload]
    story["words"] = _mean(story["words"], words, size, CENTROID_TERMS)  # type: ignore[arg-type]
    story["names"] = _mean(story["names"], names, size, CENTROID_TERMS)  # type: ignore[arg-type]
    story["size"] = size + 1
    if published:
        start, end = story["start"], story["end"]
        story["start"] = min(str(start), published.isoformat()) if start else published.isoformat()
        story["end"] = max(str(end), published.isoformat()) if end else published.isoformat()
