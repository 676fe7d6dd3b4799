"""Status (modality) of an event predicate from the cues that govern it in the dependency tree."""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.model import ActorRef, Status
from newsledger.pack import Pack
from newsledger.stages.resolve import Resolver, resolve_actor

# Relations along which a cue on the head governs the dependent event; clause boundaries stop the climb.
CLIMB_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "dobj",
        "pcomp",
        "pobj",
        "prep",
        "acl",
        "nsubj",
        "nsubjpass",
        "attr",
        "oprd",
        "acomp",
        "conj",
    }
)
PRONOUNS = {
    "he": "PERSON",
    "she": "PERSON",
    "him": "PERSON",
    "her": "PERSON",
    "his": "PERSON",
    "it": "ORG",
    "its": "ORG",
    "they": "ORG",
    "their": "ORG",
    "them": "ORG",
    "we": "ORG",
    "our": "ORG",
    "us": "ORG",
}


DASHES = frozenset({"—", "–", "-", "--", ","})


def is_dateline(token: Token) -> bool:
    """A wire dateline's place ("KABUL —", "MOSCOW, April 2 (NWS) -") is not an actor of the sentence."""
    sent = token.sent
    first = sent[0]
    if not (first.text.isupper() and len(first.text) > 2 and first.i + 1 < len(token.doc)):
        return False
    if token.doc[first.i + 1].text not in DASHES:
        return False
    return first.i <= token.i <= first.i + 1 or (token.text.isupper() and token.i - first.i < 4)


def subject_of(token: Token) -> Token | None:
    """The active subject of a verb, inherited through control verbs, predicative adjectives and coordination."""
    seen = 0
    while seen < 6:
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "csubj"} and not is_dateline(c)]
        if subjects:
            # The parser sometimes gives a verb two subjects; the one nearest the verb is the real one.
            return min(subjects, key=lambda c: abs(token.i - c.i))
        if token.dep_ in {"xcomp", "conj", "acl", "acomp"} and token.head.i != token.i:
            token = token.head
            seen += 1
            continue
        return None
    return None


def assess_status(token: Token, *, pack: Pack, resolver: Resolver, source: ActorRef | None = None) -> Status:
    """What the text asserts about the event whose predicate is ``token``.

    Cues count only where they govern the predicate: its own auxiliaries, negation and markers, then the
    verbs, nouns and adjectives it is the complement of, climbing heads until a clause boundary.
    """
    current = token
    for _ in range(8):
        found = _child_cues(current, pack)
        if found is not None:
            return found
        if current.dep_ not in CLIMB_DEPS or current.head.i == current.i:
            return Status.ASSERTED
        # a nested event's cue must not leak from a coordinated clause with its own subject
        if current.dep_ == "conj" and _has_own_subject(current):
            return Status.ASSERTED
        head = current.head
        lemma = head.lemma_.lower()
        if current.dep_ in {"nsubj"} and head.pos_ in {"VERB"} and lemma not in pack.cue(Status.DENIED, "verbs"):
            current = head
            continue
        for status in (Status.DENIED, Status.NEGATED, Status.INTENDED, Status.POSSIBLE, Status.ALLEGED):
            if (
                lemma in pack.cue(status, "verbs")
                or (head.pos_ == "NOUN" and lemma in pack.cue(status, "nouns"))
                or (head.pos_ == "ADJ" and lemma in pack.cue(status, "adjectives"))
            ):
                if status is not Status.DENIED and _has_negation(head, pack):
                    return Status.NEGATED
                return status
        if lemma in pack.cue(Status.ALLEGED, "reporting") and head.pos_ == "VERB":
            reporter = subject_of(head)
            if reporter is None or source is None:
                return Status.ALLEGED
            rep = resolve_actor(reporter.text, resolver=resolver, on=None)
            same = (rep.id is not None and rep.id == source.id) or (
                rep.country is not None and rep.country == source.country
            )
            return Status.ASSERTED if same or reporter.lower_ in PRONOUNS else Status.ALLEGED
        current = head
    return Status.ASSERTED


def _child_cues(token: Token, pack: Pack) -> Status | None:
    # Negation outranks a modal on the same predicate: "will not deliver" did not happen.
    if _has_negation(token, pack):
        return Status.NEGATED
    for child in token.children:
        low = child.lower_
        if child.dep_ in {"aux", "auxpass"}:
            for status in (Status.HYPOTHETICAL, Status.POSSIBLE, Status.INTENDED):
                if low in pack.cue(status, "aux"):
                    return status
        if child.dep_ == "mark" and low in pack.cue(Status.HYPOTHETICAL, "marks"):
            return Status.HYPOTHETICAL
        if child.dep_ == "advmod" and low in pack.cue(Status.ALLEGED, "adverbs"):
            return Status.ALLEGED
        if child.dep_ == "prep" and low == "according":
            return Status.ALLEGED
        if child.dep_ in {"dobj", "nsubjpass"} and any(g.dep_ == "det" and g.lower_ == "no" for g in child.children):
            return Status.NEGATED
    return None


def _has_negation(token: Token, pack: Pack) -> bool:
    return any(
        c.dep_ == "neg" or c.lower_ in pack.cue(Status.NEGATED, "words") and c.dep_ == "advmod" for c in token.children
    )


def _has_own_subject(token: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
