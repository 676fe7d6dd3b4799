"""Cited briefs: a short text about a story or an actor, written from the ledger, every sentence citing its reports.

No language model: each sentence is composed from an event's fields (or a group of like events), in words that
respect its status, with the number of independent sources; conflicts are stated with each side's citation and a
denial follows the claim it denies. A citation [n] points to one mention; the reference list quotes its sentence,
which is the article's stored text at the mention's offsets.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsledger.errors import NotFoundError
from newsledger.export import event_record
from newsledger.store.browse import article_texts, events_by_id, story_id_for
from newsledger.store.ledger import Store

# PLOVER type -> (base form, past, past participle, preposition before the target ("" for a direct object)).
VERBS: dict[str, tuple[str, str, str, str]] = {
    "AGREE": ("reach an agreement", "reached an agreement", "reached an agreement", "with"),
    "CONSULT": ("meet", "met", "met", "with"),
    "SUPPORT": ("support", "supported", "supported", ""),
    "CONCEDE": ("make concessions", "made concessions", "made concessions", "to"),
    "COOPERATE": ("cooperate", "cooperated", "cooperated", "with"),
    "AID": ("give aid", "gave aid", "given aid", "to"),
    "RETREAT": ("withdraw", "withdrew", "withdrawn", "from"),
    "REQUEST": ("make a request", "made a request", "made a request", "to"),
    "ACCUSE": ("accuse", "accused", "accused", ""),
    "REJECT": ("reject", "rejected", "rejected", ""),
    "THREATEN": ("threaten", "threatened", "threatened", ""),
    "PROTEST": ("protest", "protested", "protested", "against"),
    "SANCTION": ("sanction", "sanctioned", "sanctioned", ""),
    "MOBILIZE": ("mobilize", "mobilized", "mobilized", "against"),
    "COERCE": ("coerce", "coerced", "coerced", ""),
    "ASSAULT": ("attack", "attacked", "attacked", ""),
}
# Aid that names equipment reads as a supply of that equipment.
SUPPLY = ("supply", "supplied", "supplied", "to")
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
MAX_CITATIONS = 8


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    """One cited mention: where it was published and the sentence it quotes (text[start:end] of the article)."""

    number: int
    mention_id: str
    article_id: str
    outlet: str | None
    published: str | None
    url: str | None
    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """A run of sentence text followed by the citations it rests on."""

    text: str
    citations: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefSentence:
    segments: tuple[Segment, ...]
    event_ids: tuple[str, ...]

    @property
    def citations(self) -> tuple[int, ...]:
        return tuple(n for s in self.segments for n in s.citations)

    def plain(self) -> str:
        return "".join(s.text + "".join(f"[{n}]" for n in s.citations) for s in self.segments)


@dataclass(frozen=True, slots=True, kw_only=True)
class Brief:
    title: str
    subject: str  # "story ID" or "actor ID"
    sentences: tuple[BriefSentence, ...]
    references: tuple[Reference, ...]


class _Citations:
    """Numbers mentions in order of first citation."""

    def __init__(self) -> None:
        # Keyed by the quoted sentence: two mentions in one sentence are one reference.
        self.refs: dict[tuple[str, int, int], Reference] = {}

    def cite(self, mentions: Sequence[dict[str, Any]]) -> tuple[int, ...]:
        numbers: list[int] = []
        for m in mentions:
            sentence = m["sentence"]
            key = (m["article_id"], sentence["start"], sentence["end"])
            ref = self.refs.get(key)
            if ref is None:
                ref = Reference(
                    number=len(self.refs) + 1,
                    mention_id=m["mention_id"],
                    article_id=m["article_id"],
                    outlet=m["outlet"],
                    published=m["published"],
                    url=m["url"] if _is_web_address(m["url"]) else None,
                    start=sentence["start"],
                    end=sentence["end"],
                    quote=sentence["text"],
                )
                self.refs[key] = ref
            if ref.number not in numbers:
                numbers.append(ref.number)
            if len(numbers) == MAX_CITATIONS:
                break
        return tuple(numbers)


def _is_web_address(url: str | None) -> bool:
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def _number(value: str) -> str:
    return NUMBER_WORDS[int(value)] if value.isdigit() and int(value) < len(NUMBER_WORDS) else value


def _day(iso_day: str) -> str:
    d = date.fromisoformat(iso_day)
    return f"{d.day} {d:%B %Y}"


def _when(event_date: dict[str, Any] | None) -> str:
    if not event_date:
        return ""
    start, end, precision = event_date["start"], event_date["end"], event_date["precision"]
    if precision == "reported":
        return ""  # no time expression: the publication date is no claim about the event
    if start == end:
        return f" on {_day(start)}"
    first = date.fromisoformat(start)
    if precision == "month":
        return f" in {first:%B %Y}"
    if precision == "year":
        return f" in {first.year}"
    if precision == "week":
        return f" in the week of {_day(start)}"
    return f" between {_day(start)} and {_day(end)}"


def _party(actor: dict[str, Any] | None, fallback: str) -> str:
    return str(actor["name"]) if actor and actor.get("name") else fallback


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _outlets(record: dict[str, Any]) -> str:
    names = sorted({m["outlet"] for m in record["mentions"] if m["outlet"]})
    return _join(names) if names else "reports"


def _core(record: dict[str, Any], when: str = "") -> str:
    """The event told in words that respect its status, with ``when`` (its date in words) where it belongs."""
    equipment = [e["name"] for e in record["equipment"]]
    base, past, participle, prep = VERBS.get(record["type"], ("act", "acted", "acted", "towards"))
    thing = ""
    if equipment and record["type"] == "AID":
        base, past, participle, prep = SUPPLY
        quantity = f"{_number(str(record['quantity']))} " if record["quantity"] else ""
        thing = " " + quantity + _join(equipment)
    elif equipment:
        thing = " involving " + _join(equipment)
    source = _party(record["source"], "an unnamed party")
    target = record["target"]
    obj = f" {prep} {target['name']}".replace("  ", " ") if target and target.get("name") else ""
    # Supplied equipment comes before its recipient ("supplied four Mi-17 to Afghanistan").
    tail = f"{thing}{obj}" if thing and record["type"] == "AID" else f"{obj}{thing}"
    place = (f" in {record['location']['name']}" if record["location"] else "") + when
    status = record["status"]
    if status == "intended":
        text = f"{source} planned to {base}{tail}{place}"
    elif status == "possible":
        text = f"{source} may {base}{tail}{place}"
    elif status == "alleged":
        text = f"{source} is alleged by {_outlets(record)} to have {participle}{tail}{place}"
    elif status == "denied":
        text = f"that {source} {past}{tail}{place} was denied"
    elif status == "negated":
        text = f"{source} did not {base}{tail}{place}"
    elif status == "hypothetical":
        text = f"{source} would {base}{tail}{place} under conditions the reports describe"
    else:
        text = f"{source} {past}{tail}{place}"
    return text[0].upper() + text[1:]


def _sources(records: Sequence[dict[str, Any]]) -> str:
    counts = [r["sources"]["independent"] for r in records]
    n = min(counts)
    noun = "source" if n == 1 else "sources"
    if len(records) == 1:
        return f" ({_number(str(n))} independent {noun})"
    return f" (each with at least {_number(str(n))} independent {noun})"


def _event_sentences(records: Sequence[dict[str, Any]], cites: _Citations) -> list[BriefSentence]:
    """The sentence for one event, or for like events told together, then any conflicts each event holds."""
    first = records[0]
    ids = tuple(r["id"] for r in records)
    if len(records) == 1:
        text = _core(first, _when(first["date"])) + _sources(records)
    else:
        days = [_when(r["date"]).strip() or "on a date not given" for r in records]
        text = f"{_core(first)} on {_number(str(len(records)))} occasions ({'; '.join(days)})" + _sources(records)
    mentions = [m for r in records for m in r["mentions"]]
    out = [
        BriefSentence(segments=(Segment(text=text, citations=cites.cite(mentions)), Segment(text=".")), event_ids=ids)
    ]
    for record in records:
        out += _conflict_sentences(record, cites)
    return out


def _conflict_sentences(record: dict[str, Any], cites: _Citations) -> list[BriefSentence]:
    by_id = {m["mention_id"]: m for m in record["mentions"]}
    out = []
    for conflict in record["conflicts"]:
        sides = []
        for value in conflict["values"]:
            cited = [by_id[mid] for mid in value["mentions"] if mid in by_id]
            if cited:
                label = _number(str(value["value"])) if conflict["field"] == "quantity" else str(value["value"])
                sides.append((label, cites.cite(cited)))
        if len(sides) < 2:
            continue
        segments = [Segment(text=f"Outlets disagree on the {conflict['field']}: {sides[0][0]} ", citations=sides[0][1])]
        for label, numbers in sides[1:]:
            segments.append(Segment(text=f" or {label} ", citations=numbers))
        segments.append(Segment(text="."))
        out.append(BriefSentence(segments=tuple(segments), event_ids=(record["id"],)))
    return out


def _like_key(record: dict[str, Any]) -> tuple[str, str] | None:
    """Events told by one sentence share this key; events with conflicts or links are told alone."""
    if record["conflicts"] or record.get("links"):
        return None
    return (_core(record), record["status"])


def write_brief(
    records: Sequence[dict[str, Any]],
    *,
    title: str,
    subject: str,
    companions: Sequence[dict[str, Any]] = (),
) -> Brief:
    """The brief of these events (export records with their ``links``), in date order.

    ``companions`` are linked events outside the set (a denial of a claim in the set): each is told right after the
    claim it answers, once.
    """
    cites = _Citations()
    by_id = {r["id"]: r for r in [*records, *companions]}
    told: set[str] = set()
    sentences: list[BriefSentence] = []
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    order: list[list[dict[str, Any]]] = []
    for record in sorted(records, key=lambda r: ((r["date"] or {}).get("start") or "9999", r["id"])):
        key = _like_key(record)
        if key is None:
            order.append([record])
        elif key in groups:
            groups[key].append(record)
        else:
            groups[key] = [record]
            order.append(groups[key])
    for group in order:
        if group[0]["id"] in told:
            continue
        told.update(r["id"] for r in group)
        sentences += _event_sentences(group, cites)
        for link in group[0].get("links", []):
            other = by_id.get(link["event"])
            if other is None or other["id"] in told:
                continue
            told.add(other["id"])
            answer = _event_sentences([other], cites)
            lead = {"denied_by": "This claim was denied: ", "denies": "The claim this denies: "}.get(link["relation"])
            if lead:
                first = answer[0]
                opening = first.segments[0]
                # Lower-case only the words this module starts sentences with, never a name.
                text = opening.text
                if text.startswith(("That ", "An unnamed")):
                    text = text[0].lower() + text[1:]
                lowered = Segment(text=text, citations=opening.citations)
                answer[0] = BriefSentence(
                    segments=(Segment(text=lead), lowered, *first.segments[1:]), event_ids=first.event_ids
                )
            sentences += answer
    return Brief(title=title, subject=subject, sentences=tuple(sentences), references=tuple(cites.refs.values()))


def _records(store: Store, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    mentions, links = store.event_mentions(ids), store.event_links(ids)
    return [event_record(r, mentions.get(r["id"], []), links.get(r["id"], [])) for r in rows]


def _in_window(row: dict[str, Any], since: date | None, until: date | None) -> bool:
    if since and (row["date_end"] is None or row["date_end"] < since):
        return False
    return not (until and (row["date_start"] is None or row["date_start"] > until))


def _brief_of(
    store: Store, rows: Sequence[dict[str, Any]], *, title: str, subject: str, since: date | None, until: date | None
) -> Brief:
    records = _records(store, [r for r in rows if _in_window(r, since, until)])
    inside = {r["id"] for r in records}
    linked = sorted({link["event"] for r in records for link in r["links"]} - inside)
    companions = _records(store, events_by_id(store, linked))
    return write_brief(records, title=title, subject=subject, companions=companions)


def story_brief(store: Store, story_id: str, *, since: date | None = None, until: date | None = None) -> Brief:
    """The brief of one story (id or unique prefix)."""
    full = story_id_for(store, story_id)
    if full is None:
        raise NotFoundError(
            f"no story {story_id!r} in the ledger (or the prefix is ambiguous); list them with 'newsledger stories'"
        )
    story = store.stories(full)[0]
    rows = events_by_id(store, list(story["events"] or []))
    return _brief_of(
        store, rows, title=story["title"] or f"Story {full}", subject=f"story {full}", since=since, until=until
    )


def actor_brief(store: Store, actor_id: str, *, since: date | None = None, until: date | None = None) -> Brief:
    """The brief of one actor's events."""
    found = store.actors(actor_id)
    if not found:
        raise NotFoundError(f"no actor {actor_id!r} in the ledger; list them with 'newsledger actors'")
    rows = store.actor_events(actor_id)
    return _brief_of(store, rows, title=str(found[0]["name"]), subject=f"actor {actor_id}", since=since, until=until)


def brief_problems(brief: Brief, texts: dict[str, str]) -> list[str]:
    """What breaks a brief's promise: a sentence with no citation, a quote that is not the stored text."""
    problems = [f"sentence {i + 1} cites nothing" for i, s in enumerate(brief.sentences) if not s.citations]
    for ref in brief.references:
        text = texts.get(ref.article_id)
        if text is None or text[ref.start : ref.end] != ref.quote:
            problems.append(
                f"reference [{ref.number}] does not quote article {ref.article_id} at {ref.start}:{ref.end}"
            )
    return problems


def verify_brief(store: Store, brief: Brief) -> list[str]:
    """brief_problems against the ledger's stored article texts."""
    return brief_problems(brief, article_texts(store, [r.article_id for r in brief.references]))


def _reference_line(ref: Reference) -> str:
    where = ", ".join(x for x in (ref.outlet, ref.published, ref.url) if x)
    return f"{where}: \u201c{ref.quote.strip()}\u201d"


def render_markdown(brief: Brief) -> str:
    lines = [f"# {brief.title}", "", " ".join(s.plain() for s in brief.sentences) or "No events.", ""]
    if brief.references:
        lines += ["## References", ""]
        lines += [f"[{r.number}] {_reference_line(r)}" for r in brief.references]
    return "\n".join(lines) + "\n"


def render_html(brief: Brief) -> str:
    """A standalone HTML document; every text from the ledger is escaped, links are http(s) only."""
    esc = html.escape

    def sentence(s: BriefSentence) -> str:
        return "".join(
            esc(seg.text) + "".join(f'<a href="#ref-{n}" class="cite">[{n}]</a>' for n in seg.citations)
            for seg in s.segments
        )

    refs = []
    for r in brief.references:
        link = f' <a href="{esc(r.url)}" rel="noopener noreferrer">{esc(r.url)}</a>' if r.url else ""
        head = esc(", ".join(x for x in (r.outlet, r.published) if x))
        refs.append(f'<li id="ref-{r.number}" value="{r.number}">{head}{link}: <q>{esc(r.quote.strip())}</q></li>')
    body = " ".join(sentence(s) for s in brief.sentences) or "No events."
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(brief.title)}</title></head><body>\n<h1>{esc(brief.title)}</h1>\n<p>{body}</p>\n"
        f"<h2>References</h2>\n<ol>\n{chr(10).join(refs)}\n</ol>\n</body></html>\n"
    )
