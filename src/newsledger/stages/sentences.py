"""A parsed sentence as the event stages see it: offsets into the article text, its entities, its paragraph."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsledger.model import Span
from newsledger.stages.annotate import EQUIPMENT_LABEL, EQUIPMENT_PRONOUNS

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ"})
MAX_SENTENCE_WORDS = 60


class ParsedSentence:
    """Per-sentence helpers over one spaCy sentence whose offsets are shifted into the article text."""

    def __init__(
        self,
        sent: SpacySpan,
        offset: int,
        ents: dict[int, SpacySpan],
        before: Sequence[SpacySpan] = (),
        previous: Doc | None = None,
    ) -> None:
        self.sent = sent
        self.offset = offset
        self.ents = ents
        self.before = before  # the paragraph's earlier sentences, nearest last
        # The stretch of text before the paragraph: a pronoun that opens a paragraph ("He was arrested on ...")
        # often stands for a name in the one before.
        self.previous = previous

    @functools.cached_property
    def words(self) -> tuple[str, ...]:
        """The sentence's content words, computed once for all the mentions it holds."""
        return sentence_words(self.sent)

    def span_of(self, start_char: int, end_char: int) -> Span:
        return Span(start=self.offset + start_char, end=self.offset + end_char)

    def entity(self, token: Token) -> SpacySpan | None:
        return self.ents.get(token.i)

    def antecedent_equipment(self, pronoun: Token) -> SpacySpan | None:
        """The equipment a plural pronoun object stands for ("delivered them"): the nearest named before it in
        the paragraph, at most two sentences back."""
        if pronoun.pos_ != "PRON" or pronoun.lower_ not in EQUIPMENT_PRONOUNS or pronoun.dep_ != "dobj":
            return None
        earliest = (self.before[0] if self.before else self.sent).start
        before = {e.start: e for i, e in self.ents.items() if earliest <= i < pronoun.i and e.end <= pronoun.i}
        return next((before[k] for k in sorted(before, reverse=True) if before[k].label_ == EQUIPMENT_LABEL), None)

    def equipment_in(self, tokens: Iterable[Token]) -> list[SpacySpan]:
        found: dict[int, SpacySpan] = {}
        for tok in tokens:
            ent = self.ents.get(tok.i)
            if ent is not None and ent.label_ == EQUIPMENT_LABEL:
                found[ent.start] = ent
        return [found[k] for k in sorted(found)]


def sentence_words(sent: SpacySpan) -> tuple[str, ...]:
    """The sentence's content-word lemmas (nouns, names, verbs, numbers), case-folded, unique and sorted."""
    words = {
        t.lemma_.casefold()
        for t in sent
        if t.pos_ in CONTENT_POS and not t.is_stop and t.lemma_.strip() and not any(c.isspace() for c in t.lemma_)
    }
    return tuple(sorted(words)[:MAX_SENTENCE_WORDS])
