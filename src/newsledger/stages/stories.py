"""Cluster articles into stories incrementally: TF-IDF over names and content words, within a time window."""

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
NAME_WEIGHT = 3.0  # names of actors and places say more about which happening a report is about than words do
CENTROID_TERMS = 60


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryArticle:
    id: str
    published: date | None
    text: str
    names: tuple[str, ...]  # actors and places of the article's events, folded


@dataclass(slots=True)
class StoryState:
    """What persists between builds: document frequencies and each story's centroid and dates."""

    documents: int = 0
    df: Counter[str] = field(default_factory=Counter)
    stories: dict[str, dict[str, object]] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        return json.dumps({"documents": self.documents, "df": self.df, "stories": self.stories}).encode()

    @classmethod
    def from_bytes(cls, data: bytes | None) -> StoryState:
        if not data:
            return cls()
        raw = json.loads(data)
        return cls(documents=raw["documents"], df=Counter(raw["df"]), stories=raw["stories"])


def _terms(article: StoryArticle) -> dict[str, float]:
    words: dict[str, float] = dict(
        Counter(w for w in (m.lower() for m in _WORD.findall(article.text[:4000])) if w not in _STOP)
    )
    for name in article.names:
        key = f"@{name.lower()}"
        words[key] = words.get(key, 0.0) + NAME_WEIGHT
    return words


def _weights(terms: dict[str, float], state: StoryState) -> dict[str, float]:
    n = max(state.documents, 1)
    # Smoothed IDF (+1), so that words every report shares still count while the corpus is small.
    vec = {t: c * (math.log((n + 1) / (state.df.get(t, 0) + 1)) + 1.0) for t, c in terms.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def assign_stories(
    new: Sequence[StoryArticle], state: StoryState, *, settings: StorySettings
) -> tuple[dict[str, str], StoryState]:
    """Story ids for new articles, and the updated state. Earlier builds' assignments never change.

    Articles are taken in (published, id) order, so the order of a batch does not matter; across builds the
    clustering is incremental, so it depends on which articles arrived first, like a newsroom's story list.
    Candidate stories share at least one of the article's heaviest terms (an inverted index), so an article is
    compared with a handful of stories, not with every one.
    """
    index: dict[str, set[str]] = {}
    for story_id, story in state.stories.items():
        for term in story["centroid"]:  # type: ignore[attr-defined]
            index.setdefault(term, set()).add(story_id)
    out: dict[str, str] = {}
    window = timedelta(days=settings.window_days)
    for article in sorted(new, key=lambda a: (a.published or date.max, a.id)):
        terms = _terms(article)
        state.documents += 1
        state.df.update(set(terms))
        vec = _weights(terms, state)
        heavy = sorted(vec, key=lambda t: (-vec[t], t))[:20]
        candidates = sorted({s for t in heavy for s in index.get(t, ())})
        best, best_score = None, settings.threshold
        for story_id in candidates:
            story = state.stories[story_id]
            if article.published and story["end"]:
                end = date.fromisoformat(str(story["end"]))
                start = date.fromisoformat(str(story["start"]))
                if article.published > end + window or article.published < start - window:
                    continue
            score = _cosine(vec, story["centroid"])  # type: ignore[arg-type]
            if score >= best_score:
                best, best_score = story_id, score
        if best is None:
            best = content_id("story", article.id)
            state.stories[best] = {"centroid": {}, "size": 0, "start": None, "end": None}
        story = state.stories[best]
        _absorb(story, vec, article.published)
        for term in story["centroid"]:  # type: ignore[attr-defined]
            index.setdefault(term, set()).add(best)
        out[article.id] = best
    return out, state


def _absorb(story: dict[str, object], vec: dict[str, float], published: date | None) -> None:
    size = int(story["size"])  # type: ignore[call-overload]
    centroid: dict[str, float] = dict(story["centroid"])  # type: ignore[call-overload]
    merged = {t: (centroid.get(t, 0.0) * size + vec.get(t, 0.0)) / (size + 1) for t in set(centroid) | set(vec)}
    top = sorted(merged, key=lambda t: (-merged[t], t))[:CENTROID_TERMS]
    norm = math.sqrt(sum(merged[t] ** 2 for t in top)) or 1.0
    story["centroid"] = {t: merged[t] / norm for t in top}
    story["size"] = size + 1
    if published:
        start, end = story["start"], story["end"]
        story["start"] = min(str(start), published.isoformat()) if start else published.isoformat()
        story["end"] = max(str(end), published.isoformat()) if end else published.isoformat()
