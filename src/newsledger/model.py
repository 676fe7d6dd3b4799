"""Domain records shared by every stage: articles, spans, time expressions, mentions and events."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

# Records below have a field named ``date``; this alias keeps the type reachable inside them.
Day = date


class EventType(StrEnum):
    """The 16 PLOVER event types."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class Status(StrEnum):
    """What the text asserts about an event (its modality)."""

    ASSERTED = "asserted"
    INTENDED = "intended"
    POSSIBLE = "possible"
    ALLEGED = "alleged"
    DENIED = "denied"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"


class Precision(StrEnum):
    """How precisely a date range is known."""

    DAY = "day"
    WEEK = "week"
    PART_OF_MONTH = "part_of_month"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    PART_OF_YEAR = "part_of_year"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    # No time expression governs the event: the range is the publication date, not a claim.
    REPORTED = "reported"


class TimexType(StrEnum):
    """TIMEX3 types."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


def content_id(*parts: str, length: int = 16) -> str:
    """A stable identifier: the hash of the parts, so re-running upserts instead of duplicating."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """Character offsets into one article's text; the quoted text is always ``text[start:end]``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def quote(self, text: str) -> str:
        return text[self.start : self.end]

    def shifted(self, offset: int) -> Span:
        return Span(start=self.start + offset, end=self.end + offset)

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True, kw_only=True)
class Skip:
    """An input or record that a stage rejected, with the reason a person can act on."""

    stage: str
    source: str
    reason: str
    detail: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class RawDocument:
    """One input record before extraction: an HTML page, a text file or a JSON line."""

    source: str  # where it came from: the path as given, or "path:line" for JSON lines
    path: str | None  # the input path as given to build; None for records read from JSON lines
    html: str | None = None
    text: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None

    def __post_init__(self) -> None:
        if self.html is None and self.text is None:
            raise ValueError(f"{self.source}: a document needs html or text")


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """An article's main text and metadata; every offset in the ledger indexes ``text``."""

    id: str
    source: str
    path: str | None
    url: str | None
    outlet: str | None
    published: date | None
    title: str | None
    language: str | None
    text: str
    paragraphs: tuple[Span, ...]
    # The page an archived or cached copy holds (``url`` stays as given); None when no address names it.
    original_url: str | None = None

    def __post_init__(self) -> None:
        for para in self.paragraphs:
            if para.end > len(self.text):
                raise ValueError(f"{self.id}: paragraph span past the end of the text")


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeExpression:
    """A time expression found in text, normalized against a reference date."""

    span: Span
    text: str
    type: TimexType
    value: str  # TIMEX3 value: 2024-09, 2024-W37, P3D, PRESENT_REF, XXXX-06-06
    range_start: date | None = None  # the range the event extractor uses, when it is a date
    range_end: date | None = None
    precision: Precision | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EventDate:
    """The date range an event happened in, with its precision and the words that gave it."""

    start: date
    end: date
    precision: Precision
    text: str | None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"date range ends before it starts: {self.start} .. {self.end}")

    def overlaps(self, other: EventDate) -> bool:
        return self.start <= other.end and other.start <= self.end


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorRef:
    """An actor as written, and the canonical actor it resolved to (id None when unknown)."""

    text: str
    id: str | None
    name: str
    country: str | None  # ISO 3166 alpha-3
    kind: str | None = None
    sector: str | None = None
    # For a person: the organisation (actor id) and role they held on the event date.
    org: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EquipmentRef:
    """Equipment named in an event: a catalogue entry or a generic class."""

    text: str
    id: str | None
    name: str
    category: str | None
    generic: bool = False  # a class of unnamed equipment ("air defence systems"), not a designation


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None  # "country", "division" or "city" (the gazetteer's); None when not in it


class AttributionKind(StrEnum):
    """How a report is attributed: the outlet's own voice, a quote, a reported statement, "according to"."""

    OUTLET = "outlet"  # nobody else is cited: the outlet says it
    DIRECT = "direct"  # words in quotation marks, with their speaker
    INDIRECT = "indirect"  # "X said (that) ...", "X told Y ...", "reportedly ..."
    ACCORDING_TO = "according_to"


@dataclass(frozen=True, slots=True, kw_only=True)
class Attribution:
    """Who reports a stretch of an article's text: the source phrase, the cue that cites it and the content.

    Spans index the article text; the source may stand a sentence away from a direct quote. ``source`` is None
    when the text cites nobody by name ("reportedly") or, with kind ``outlet``, when the outlet speaks itself.
    ``addressee`` is whom the source spoke to ("told TASS"), which a "you" in a quote stands for.
    """

    kind: AttributionKind
    content: Span | None
    source: Span | None = None
    cue: Span | None = None
    source_actor: ActorRef | None = None
    addressee: ActorRef | None = None

    def __post_init__(self) -> None:
        if self.kind is not AttributionKind.OUTLET and self.content is None:
            raise ValueError(f"a {self.kind.value} attribution needs the span of its content")


OUTLET_VOICE = Attribution(kind=AttributionKind.OUTLET, content=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Toponym:
    """A place name in an article's text and the place it resolved to (None when the gazetteer has no entry)."""

    span: Span
    text: str
    place: Place | None

    def __post_init__(self) -> None:
        if len(self.text) != self.span.end - self.span.start:
            raise ValueError(f"toponym {self.text!r}: text and span [{self.span.start}, {self.span.end}) differ")


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionSpans:
    """Evidence for each field of a mention, as offsets into the article text."""

    trigger: Span
    source: Span | None = None
    target: Span | None = None
    equipment: tuple[Span, ...] = ()
    quantity: Span | None = None
    date: Span | None = None
    location: Span | None = None

    def all(self) -> tuple[Span, ...]:
        found = [self.trigger, self.source, self.target, self.quantity, self.date, self.location]
        return tuple(s for s in found if s is not None) + self.equipment

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"trigger": self.trigger.as_list()}
        for name in ("source", "target", "quantity", "date", "location"):
            span = getattr(self, name)
            out[name] = span.as_list() if span is not None else None
        out["equipment"] = [s.as_list() for s in self.equipment]
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class EventMention:
    """One event as one sentence of one article reports it."""

    id: str
    article_id: str
    type: EventType
    mode: str | None
    status: Status
    source: ActorRef | None
    target: ActorRef | None
    equipment: tuple[EquipmentRef, ...]
    quantity: int | None
    date: EventDate | None
    location: Place | None
    sentence: Span
    spans: MentionSpans
    extractor: str
    # Content-word lemmas of the evidence sentence, sorted: how alike two reports' sentences are, for merging.
    words: tuple[str, ...] = ()
    # Whether the mention identifies one happening (newsledger.stages.specificity); only specific mentions
    # join other articles' events and count as sources.
    specific: bool = True
    # Who reports the event: a cited source, or the outlet's own voice.
    attribution: Attribution = OUTLET_VOICE

    def __post_init__(self) -> None:
        for span in self.spans.all():
            if span.start < self.sentence.start or span.end > self.sentence.end:
                raise ValueError(f"mention {self.id}: evidence span outside its sentence")
        if self.quantity is not None and self.quantity <= 0:
            raise ValueError(f"mention {self.id}: quantity must be positive")


@dataclass(frozen=True, slots=True, kw_only=True)
class Conflict:
    """A field on which merged mentions disagree: each value with the mentions that give it."""

    field: str
    values: tuple[tuple[str, tuple[str, ...]], ...]  # (value as text, mention ids)


@dataclass(frozen=True, slots=True, kw_only=True)
class Sources:
    articles: int
    outlets: int
    independent: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One real-world event: the merged mentions and the values they agree on."""

    id: str
    type: EventType
    mode: str | None
    status: Status
    source: ActorRef | None
    target: ActorRef | None
    equipment: tuple[EquipmentRef, ...]
    quantity: int | None
    date: EventDate | None
    location: Place | None
    mention_ids: tuple[str, ...]
    sources: Sources
    conflicts: tuple[Conflict, ...]
    extractor: str
    pack_version: str
    first_reported: Day | None = None
    last_reported: Day | None = None
    # False when no mention identifies one happening: such an event holds one article's mentions only.
    specific: bool = True

    def __post_init__(self) -> None:
        if not self.mention_ids:
            raise ValueError(f"event {self.id} has no mentions")


@dataclass(frozen=True, slots=True, kw_only=True)
class RunReport:
    """What one build did, for the summary and the runs table."""

    run_id: str
    inputs: int = 0
    articles_new: int = 0
    articles_seen: int = 0
    skipped: int = 0
    mentions: int = 0
    events_total: int = 0
    events_new: int = 0
    skips: tuple[Skip, ...] = field(default=())
