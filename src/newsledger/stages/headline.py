"""The headline of an article, and the status of the happenings it states in the outlet's own voice."""

from __future__ import annotations

from dataclasses import replace

from newsledger.model import ActorRef, Article, AttributionKind, EventMention, Span, Status

# A headline is one short line.
HEADLINE_WORDS = 20


def headline_span(article: Article) -> Span | None:
    """The article's headline: its first paragraph when that is its title, or one short line with no final stop
    ("Gunmen kill two policemen at Kandahar checkpoint")."""
    if len(article.paragraphs) < 2:
        return None
    first = article.paragraphs[0]
    text = first.quote(article.text).strip()
    title = (article.title or "").strip()
    is_title = bool(title) and text == title
    is_line = "\n" not in text and len(text.split()) <= HEADLINE_WORDS and text[-1:] not in {".", "!", "?", ":"}
    return first if text and (is_title or is_line) else None


def stated_by_the_headline(mentions: list[EventMention], headline: Span | None) -> list[EventMention]:
    """A happening the headline states in the outlet's own voice is asserted, though the body cites a source
    for it: "Gunmen kill two policemen at checkpoint" over "Gunmen attacked a checkpoint ..., the police said".
    The body's mention is of the same happening when it has the headline's type and shares a party."""
    if headline is None:
        return mentions
    stated = [
        m
        for m in mentions
        if headline.start <= m.spans.trigger.start < headline.end
        and m.status is Status.ASSERTED
        and m.attribution.kind is AttributionKind.OUTLET
    ]
    if not stated:
        return mentions
    out = []
    for m in mentions:
        if (
            m.status is Status.ALLEGED
            and m.attribution.kind is not AttributionKind.OUTLET
            and any(h.type is m.type and _share_a_party(h, m) for h in stated)
        ):
            m = replace(m, status=Status.ASSERTED)
        out.append(m)
    return out


def _party_key(actor: ActorRef | None) -> str | None:
    if actor is None:
        return None
    return actor.id or actor.name.lower()


def _share_a_party(a: EventMention, b: EventMention) -> bool:
    keys = {_party_key(a.source), _party_key(a.target)} - {None}
    return bool(keys & {_party_key(b.source), _party_key(b.target)})
