"""Cross-document evaluation through the product: gold documents built into a ledger, exported events scored.

Every cross-document score (GVC, ECB+, MEANTIME) goes through here, so what is measured is the merge that ships:
the documents become JSON lines, ``build_ledger`` builds them with default settings, and the scores read the
export (``iter_event_records``) and the stories the build assigned. Gold spans index the gold text; the article
text is that text after extraction (whitespace folded, NFC), so gold offsets are carried over by aligning the two
texts character by character outside whitespace.

Figures, over one pool of documents:
- merge purity: of the events whose mentions come from 2+ documents, the share whose documents all belong to one
  gold group (incident or sub-topic);
- false corroboration: of the events counted with 2+ independent sources, the share that joins documents of
  different gold groups;
- corroboration recall (strict): of the gold groups with 2+ documents, the share for which one event joins
  mentions from 2+ of the group's documents, those mentions overlapping the group's gold mentions;
- of the impure merged events, how many the gold chains leave unjudged (gold mentions in one group only: the other
  side's sentence was not annotated) and how many join different gold chains (a diagnostic, not a target);
- story B-cubed over documents, and CoNLL F1 (MUC, B-cubed, CEAF-e) of the events over the gold mentions: each
  gold mention takes the event whose trigger overlaps it most, or stays alone.
"""

from __future__ import annotations

import bisect
import json
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsledger.evaluation import Figures
from newsledger.evaluation.partitions import b_cubed, coref_figures


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldSpan:
    start: int
    end: int
    chain: str  # mentions with one chain are one event


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldDoc:
    key: str
    text: str
    group: str  # the gold story: an incident, a sub-topic
    title: str | None = None
    url: str | None = None
    published: date | None = None
    mentions: tuple[GoldSpan, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SystemMention:
    doc: str
    start: int  # trigger offsets in the gold document's text
    end: int
    event: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Built:
    """What a build made of the gold documents: stories per document and the exported events."""

    stories: dict[str, str]  # doc key -> story id ("skipped:<key>" when the build kept no article)
    events: list[dict[str, Any]]
    docs_of_event: dict[str, frozenset[str]]  # event id -> the documents whose articles it has mentions from
    mentions: list[SystemMention]


def align(gold: str, article: str) -> list[int]:
    """Article offset for each gold offset (and one past the end): characters matched in order, whitespace
    skipped on both sides, so folded spaces and dropped control characters do not shift later spans."""
    out: list[int] = []
    j = 0
    for ch in gold:
        if not ch.isspace():
            while j < len(article) and article[j].isspace():
                j += 1
        out.append(j)
        if not ch.isspace() and j < len(article) and article[j] == ch:
            j += 1
    out.append(j)
    return out


def build_documents(docs: Sequence[GoldDoc]) -> Built:
    """Build the documents into a fresh ledger as a user would (one JSON-lines input) and read back the export."""
    from newsledger.export import iter_event_records
    from newsledger.model import Article, RawDocument
    from newsledger.pipeline import build_ledger
    from newsledger.settings import Settings
    from newsledger.stages.extract import extract_article
    from newsledger.store.ledger import Store

    settings = Settings()
    article_of: dict[str, str] = {}
    offsets: dict[str, list[int]] = {}
    for doc in docs:
        # The extraction the build runs, to learn each document's article id and its text for the offset map.
        found = extract_article(
            RawDocument(source=doc.key, path=None, text=doc.text, url=doc.url, published=doc.published),
            settings=settings.extract,
        )
        if isinstance(found, Article):
            article_of[doc.key] = found.id
            offsets[doc.key] = align(doc.text, found.text)
    docs_of_article: dict[str, set[str]] = defaultdict(set)
    for key, article in article_of.items():
        docs_of_article[article].add(key)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "documents.jsonl"
        with source.open("w", encoding="utf-8") as fh:
            for doc in docs:
                record = {"text": doc.text, "title": doc.title, "url": doc.url}
                if doc.published:
                    record["published"] = doc.published.isoformat()
                fh.write(json.dumps({k: v for k, v in record.items() if v is not None}) + "\n")
        db = Path(tmp) / "ledger.duckdb"
        build_ledger([str(source)], db=db, settings=settings)
        with Store(db, read_only=True) as store:
            events = list(iter_event_records(store))
            story_rows = store.con.execute("SELECT article_id, story_id FROM article_stories").fetchall()
    story_of_article = dict(story_rows)
    stories = {d.key: story_of_article.get(article_of.get(d.key, ""), f"skipped:{d.key}") for d in docs}
    docs_of_event: dict[str, frozenset[str]] = {}
    mentions: list[SystemMention] = []
    inverse = {key: _inverse(offsets[key]) for key in offsets}
    for event in events:
        keys: set[str] = set()
        for m in event["mentions"]:
            for key in sorted(docs_of_article.get(m["article_id"], ())):
                keys.add(key)
                start, end = m["spans"]["trigger"]
                back = inverse[key]
                mentions.append(SystemMention(doc=key, start=back(start), end=back(end), event=event["id"]))
        docs_of_event[event["id"]] = frozenset(keys)
    return Built(stories=stories, events=events, docs_of_event=docs_of_event, mentions=mentions)


def _inverse(forward: list[int]) -> Callable[[int], int]:
    """Gold offset of an article offset: the first gold offset that maps at or past it."""

    def back(offset: int) -> int:
        return bisect.bisect_left(forward, offset)

    return back


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(docs: Sequence[GoldDoc], built: Built) -> dict[tuple[str, int], SystemMention]:
    """Each gold mention (doc, index) -> the system mention whose trigger overlaps it most."""
    by_doc: dict[str, list[SystemMention]] = defaultdict(list)
    for m in built.mentions:
        by_doc[m.doc].append(m)
    out: dict[tuple[str, int], SystemMention] = {}
    for doc in docs:
        for i, g in enumerate(doc.mentions):
            best = max(by_doc[doc.key], key=lambda m: _overlap((g.start, g.end), (m.start, m.end)), default=None)
            if best is not None and _overlap((g.start, g.end), (best.start, best.end)) > 0:
                out[(doc.key, i)] = best
    return out


def score_build(docs: Sequence[GoldDoc], built: Built) -> Figures:
    """Merge purity, false corroboration, corroboration recall, story B-cubed and CoNLL F1 over the gold chains."""
    group = {d.key: d.group for d in docs}
    multi = [e for e in built.events if len(built.docs_of_event[e["id"]]) >= 2]
    pure = [e for e in multi if len({group[k] for k in built.docs_of_event[e["id"]]}) == 1]
    corroborated = [e for e in built.events if e["sources"]["independent"] >= 2]
    false = [e for e in corroborated if len({group[k] for k in built.docs_of_event[e["id"]]}) > 1]
    matched = _match(docs, built)
    gold_events: dict[str, set[tuple[str, str]]] = defaultdict(set)  # event id -> (group, doc) with a gold overlap
    for (key, _), m in matched.items():
        gold_events[m.event].add((group[key], key))
    size: dict[str, int] = defaultdict(int)
    for d in docs:
        size[d.group] += 1
    covered = [g for g, n in size.items() if n >= 2]
    recalled = {g for pairs in gold_events.values() for g in _groups_joined(pairs)}
    story_p, story_r, story_f = b_cubed(group, built.stories)
    figures: Figures = {
        "documents": len(docs),
        "events": len(built.events),
        "specific_events": sum(1 for e in built.events if e.get("specific", True)),
        "merged_events": len(multi),
        "merge_purity": len(pure) / len(multi) if multi else 1.0,
        "corroborated_events": len(corroborated),
        "false_corroboration": len(false) / len(corroborated) if corroborated else 0.0,
        "groups_2plus": len(covered),
        "corroboration_recall": len([g for g in covered if g in recalled]) / len(covered) if covered else 0.0,
        "story_b3_p": story_p,
        "story_b3_r": story_r,
        "story_b3_f1": story_f,
        "gold_stories": len(size),
        "stories": len(set(built.stories.values())),
    }
    chains = {(d.key, i): g.chain for d in docs for i, g in enumerate(d.mentions)}
    gold_chains: dict[str, set[tuple[str, str]]] = defaultdict(set)  # event id -> (group, chain) of its gold overlaps
    for (key, i), m in matched.items():
        gold_chains[m.event].add((group[key], chains[(key, i)]))
    pure_ids = {e["id"] for e in pure}
    impure = [e["id"] for e in multi if e["id"] not in pure_ids]
    # What the gold annotation says of the impure events: a sentence that the annotators left out on one side
    # (it may report the other group's happening: a follow-up recalling it) leaves the join unjudged by the gold
    # chains; otherwise they say one chain (the gold itself joins the groups) or different chains.
    unjudged = {i for i in impure if len({g for g, _ in gold_chains[i]}) < 2}
    different = [i for i in impure if i not in unjudged and len({c for _, c in gold_chains[i]}) > 1]
    figures["impure_gold_unjudged"] = len(unjudged)
    figures["impure_gold_different_chains"] = len(different)
    response = {k: matched[k].event if k in matched else f"alone:{k[0]}:{k[1]}" for k in chains}
    return figures | coref_figures("event", chains, response)


def _groups_joined(pairs: Iterable[tuple[str, str]]) -> set[str]:
    docs: dict[str, set[str]] = defaultdict(set)
    for g, key in pairs:
        docs[g].add(key)
    return {g for g, keys in docs.items() if len(keys) >= 2}


def false_joins(docs: Sequence[GoldDoc], built: Built, *, limit: int = 40) -> str:
    """The events that join documents of different gold groups, with their evidence sentences."""
    group = {d.key: d.group for d in docs}
    lines = ["events joining different gold groups:"]
    for e in built.events:
        keys = built.docs_of_event[e["id"]]
        if len({group[k] for k in keys}) < 2:
            continue
        lines.append(f"  {e['id']} {e['type']} {e['status']} independent={e['sources']['independent']}")
        for m in e["mentions"][:4]:
            lines.append(f"    [{m['outlet']} {m['published']}] {m['sentence']['text'][:160]}")
        if len(lines) > limit * 5:
            break
    return "\n".join(lines)


def score_documents(docs: Sequence[GoldDoc], *, details: bool = False) -> tuple[Figures, str]:
    """Build the documents as one pool and score the build; with ``details``, the events that join gold groups."""
    built = build_documents(docs)
    return score_build(docs, built), false_joins(docs, built) if details else ""
