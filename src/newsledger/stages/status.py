"""Status (modality) of an event predicate from the cues that govern it in the dependency tree."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsledger.model import ActorRef, Attribution, AttributionKind, Status
from newsledger.pack import Pack
from newsledger.stages.annotate import doc_entities
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
# Statuses whose verb, noun and adjective lists are looked up on heads and modifiers, nearest cue first.
CUE_ORDER = (Status.DENIED, Status.NEGATED, Status.INTENDED, Status.POSSIBLE, Status.ALLEGED)
# The parts of a reporter's noun phrase that name it: "India's Ministry of Defence", "the Kazakh ministry".
NAME_DEPS = frozenset({"compound", "amod", "poss", "prep", "pobj", "case", "npadvmod"})

# Sectors of actors that do not speak for their country's state: armed groups, the opposition, companies.
NON_STATE_SECTORS = frozenset({"rebel", "opposition", "business", "criminal", "civilian"})

DASHES = frozenset({"—", "–", "-", "--", ","})
_LINE_DASHES = DASHES - {","}


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusCue:
    """An event's status and the cue that decided it: its kind in cues.yaml (or a rule name) and its text."""

    status: Status
    kind: str
    text: str


ASSERTED_BY_DEFAULT = StatusCue(status=Status.ASSERTED, kind="none", text="")
# What the clause around a presupposed event noun may say without reaching it: it is still taken as known.
PRESUPPOSITION_HOLDS = frozenset({Status.ASSERTED, Status.ALLEGED, Status.NEGATED, Status.DENIED})


def _sentence_start(token: Token) -> Token:
    """The first token of the token's sentence, found by walking back (``token.sent`` walks the whole document)."""
    doc, i = token.doc, token.i
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
    return doc[i]


def is_dateline(token: Token, sentence: SpacySpan | None = None) -> bool:
    """A wire dateline's place ("KABUL —", "MOSCOW, April 2 (NWS) -") is not an actor of the sentence.

    ``sentence`` is the token's sentence when the caller has it: ``token.sent`` walks the whole document.
    """
    first = sentence[0] if sentence is not None else _sentence_start(token)
    doc = token.doc
    if not (first.text.isupper() and len(first.text) > 2 and first.i + 1 < len(doc)):
        return False
    # The place may be two or three words in capitals ("LITTLE ROCK, Ark. (KTHV) –", "NEW YORK —").
    end = first.i + 1
    while end < len(doc) and end - first.i < 3 and doc[end].is_alpha and doc[end].text.isupper():
        end += 1
    if end >= len(doc) or doc[end].text not in DASHES:
        return False
    return first.i <= token.i <= end or (token.text.isupper() and token.i - end < 3)


def _after_dateline(token: Token) -> Token | None:
    """The parser often makes a dateline's place the subject and the real subject its apposition
    ("ASTANA, Feb 11 (NWS) - Kazakhstan and Türkiye signed ..."): the apposition after the dateline's dash."""
    if not is_dateline(token):
        return None
    for child in token.children:
        if (
            child.dep_ == "appos"
            and child.i > token.i
            and any(t.text in _LINE_DASHES for t in token.doc[token.i + 1 : child.i])
        ):
            return child
    return None


def subject_of(token: Token) -> Token | None:
    """The active subject of a verb, inherited through control verbs, predicative adjectives and coordination."""
    seen = 0
    while seen < 6:
        found = [c for c in token.children if c.dep_ in {"nsubj", "csubj"}]
        subjects = [c for c in found if not is_dateline(c)] or [a for c in found if (a := _after_dateline(c))]
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
    """What the text asserts about the event whose predicate is ``token``."""
    return assess_status_detail(token, pack=pack, resolver=resolver, source=source).status


def assess_status_detail(token: Token, *, pack: Pack, resolver: Resolver, source: ActorRef | None = None) -> StatusCue:
    """The status of the event whose predicate is ``token``, with the cue that decided it.

    Cues count only where they govern the predicate: its own auxiliaries, negation, markers and modifiers,
    then the verbs, nouns and adjectives it is the complement of, climbing heads until a clause boundary.
    """
    cue = _climb(token, pack=pack, resolver=resolver, source=source)
    prep = _presupposing_prep(token, pack)
    if prep is not None and cue.status in PRESUPPOSITION_HOLDS and _own_cues(token, pack) is None:
        # "signed during a visit by a Turkish delegation, the ministry said": the visit is taken as known, and
        # neither the report nor a negation of the clause reaches it; a plan or a condition on it does.
        return StatusCue(status=Status.ASSERTED, kind="presupposed", text=prep)
    return cue


def _presupposing_prep(token: Token, pack: Pack) -> str | None:
    """The preposition of time that takes the event noun ("during the visit"), if any."""
    if token.pos_ != "NOUN" or token.dep_ != "pobj" or token.head.dep_ != "prep":
        return None
    prep = token.head.lower_
    return prep if prep in pack.cue(Status.ASSERTED, "presupposing") else None


def _climb(token: Token, *, pack: Pack, resolver: Resolver, source: ActorRef | None) -> StatusCue:
    current, skip_own = token, False
    for _ in range(8):
        found = None if skip_own else _own_cues(current, pack)
        if found is not None:
            return found
        skip_own = False
        if current.dep_ not in CLIMB_DEPS or current.head.i == current.i:
            return ASSERTED_BY_DEFAULT
        # a nested event's cue must not leak from a coordinated clause with its own subject
        if current.dep_ == "conj" and _has_own_subject(current):
            return ASSERTED_BY_DEFAULT
        head = current.head
        lemma = _head_lemma(head)
        if current.dep_ == "nsubj" and head.pos_ in {"VERB", "AUX"} and lemma not in pack.cue(Status.DENIED, "verbs"):
            # A noun event that is the subject of a verb takes that verb's modality only when the verb says
            # whether it occurs ("the delivery did not happen"); "moves might not prevent" leaves "moves" alone.
            skip_own = current.pos_ == "NOUN" and lemma not in pack.cue(Status.ASSERTED, "occurrence")
            current = head
            continue
        if current.dep_ == "dobj" and _ends_object(head, pack):
            return StatusCue(status=Status.NEGATED, kind="ends", text=lemma)
        if current.dep_ == "prep" and current.lower_ == "to" and head.pos_ == "ADJ" and _has_pobj(current):
            # "due to the crisis", "owing to": a causal preposition, not the adjective's complement.
            current = head
            skip_own = True
            continue
        if lemma in pack.cue(Status.ASSERTED, "factive") and head.pos_ in {"VERB", "NOUN"}:
            # "revealed that he had undergone surgery": a factive head presupposes its complement.
            return StatusCue(status=Status.ASSERTED, kind="factive", text=lemma)
        cue = _lexical_cue(head, lemma, pack)
        if cue is not None:
            if cue.status is not Status.DENIED and _has_negation(head, pack):
                return _negated_over(head, cue, pack)
            return cue
        if lemma in pack.cue(Status.ALLEGED, "reporting") and head.pos_ == "VERB":
            return _reported(head, current, lemma, resolver=resolver, source=source)
        current = head
    return ASSERTED_BY_DEFAULT


def _own_cues(token: Token, pack: Pack) -> StatusCue | None:
    if _has_negation(token, pack):
        # Negation outranks a modal on the same predicate ("will not deliver" did not happen), except an
        # epistemic modal, which keeps the negation itself uncertain ("might not prevent").
        hedge = _aux(token, pack.cue(Status.POSSIBLE, "hedged_negation"))
        if hedge is not None:
            return StatusCue(status=Status.POSSIBLE, kind="aux", text=hedge)
        return StatusCue(status=Status.NEGATED, kind="words", text="not")
    for child in token.children:
        low = child.lower_
        if child.dep_ in {"aux", "auxpass"}:
            for status in (Status.HYPOTHETICAL, Status.POSSIBLE, Status.INTENDED):
                if low in pack.cue(status, "aux"):
                    if status is Status.HYPOTHETICAL and _is_reported_future(token, pack):
                        # "said that he would be on leave": the reported "will", shifted back a tense.
                        return StatusCue(status=Status.INTENDED, kind="aux", text=low)
                    return StatusCue(status=status, kind="aux", text=low)
        if child.dep_ == "mark" and low in pack.cue(Status.HYPOTHETICAL, "marks"):
            return StatusCue(status=Status.HYPOTHETICAL, kind="marks", text=low)
        if child.dep_ == "advmod" and low in pack.cue(Status.ALLEGED, "adverbs"):
            return StatusCue(status=Status.ALLEGED, kind="adverbs", text=low)
        if child.dep_ == "prep" and low == "according":
            return StatusCue(status=Status.ALLEGED, kind="phrases", text="according to")
        if child.dep_ in {"dobj", "nsubjpass"} and any(g.dep_ == "det" and g.lower_ == "no" for g in child.children):
            return StatusCue(status=Status.NEGATED, kind="words", text="no")
    if token.pos_ == "NOUN":
        return _modifier_cue(token, pack)
    return None


def _modifier_cue(token: Token, pack: Pack) -> StatusCue | None:
    """An adjective or participle on a noun event: "the now-cancelled deal", "the alleged transfer"."""
    for child in token.children:
        if child.dep_ not in {"amod", "compound"} or child.i > token.i:
            continue
        for status in CUE_ORDER:
            # Only attributive cues: "open", "due" or "set" before a noun say nothing about the event.
            if {child.lower_, child.lemma_.lower()} & pack.cue(status, "modifiers"):
                return StatusCue(status=status, kind="modifiers", text=child.lower_)
    return None


def _lexical_cue(head: Token, lemma: str, pack: Pack) -> StatusCue | None:
    for status in CUE_ORDER:
        if lemma in pack.cue(status, "verbs"):
            return StatusCue(status=status, kind="verbs", text=lemma)
        if head.pos_ == "NOUN" and lemma in pack.cue(status, "nouns"):
            return StatusCue(status=status, kind="nouns", text=lemma)
        if head.pos_ == "ADJ" and lemma in pack.cue(status, "adjectives"):
            return StatusCue(status=status, kind="adjectives", text=lemma)
    return None


def _negated_over(head: Token, cue: StatusCue, pack: Pack) -> StatusCue:
    """A negated cue verb: "did not refuse to deliver" or "might not prevent a recession" leave it open."""
    if cue.status is Status.NEGATED or _aux(head, pack.cue(Status.POSSIBLE, "hedged_negation")) is not None:
        return StatusCue(status=Status.POSSIBLE, kind=cue.kind, text=cue.text)
    return StatusCue(status=Status.NEGATED, kind=cue.kind, text=cue.text)


def _reported(head: Token, clause: Token, lemma: str, *, resolver: Resolver, source: ActorRef | None) -> StatusCue:
    """A reporting verb: the report of a party to the event is its own account, anyone else's an allegation."""
    alleged = StatusCue(status=Status.ALLEGED, kind="reporting", text=lemma)
    own = StatusCue(status=Status.ASSERTED, kind="reporting", text=lemma)
    reporter = subject_of(head)
    if reporter is None:
        return alleged
    if reporter.lower_ in PRONOUNS:
        return own
    rep = resolve_actor(_phrase(reporter), resolver=resolver, on=None, context=head.sent.text)
    if source is not None and (
        (rep.id is not None and rep.id == source.id) or (rep.country is not None and rep.country == source.country)
    ):
        return own
    # A named institution of a country that takes part in the event ("the Kazakh Defence Ministry said
    # Chinese and Kazakh troops began an exercise") speaks for its own side.
    if rep.id is not None and rep.country is not None and rep.country in _party_countries(clause, resolver):
        return own
    return alleged


def _party_countries(clause: Token, resolver: Resolver) -> set[str]:
    """The countries whose state takes part in the clause. An armed group or a person of a country is not its
    state: officials of a country who say a foreign state arms a rebel group there are not speaking for a party."""
    countries = set()
    for ent in doc_entities(clause.doc):
        if clause.left_edge.i <= ent.start and ent.end <= clause.right_edge.i + 1:
            ref = resolve_actor(ent.text, resolver=resolver, on=None)
            if ref.country is not None and ref.sector not in NON_STATE_SECTORS:
                countries.add(ref.country)
    return countries


def attributed_status(
    cue: StatusCue,
    attribution: Attribution,
    *,
    source: ActorRef | None,
    target: ActorRef | None = None,
    group_nouns: frozenset[str] = frozenset(),
) -> Status:
    """The status once the report's attribution is known (the rule, with examples, is in the README).

    Only an event the syntax leaves asserted changes: one carried by a cited source (a quotation, "according to",
    "reportedly", a report a sentence away) is alleged, unless the source speaks for a party to the event (its
    own account), a factive head ("confirmed that") already vouches for it, or a preposition of time takes it as
    known ("during a visit by ..."). Intended, possible, denied and the rest stay.
    """
    if attribution.kind is AttributionKind.OUTLET:
        return cue.status
    if cue.status is Status.ALLEGED and (
        (cue.kind == "phrases" and attribution.kind is AttributionKind.ACCORDING_TO) or cue.kind == "reporting"
    ):
        # "according to X" is weighed like "X said", and both with the source as the attribution stage resolved it
        # (the dateline's ministry, a speaker named a sentence before): a party's own account stands.
        cue = ASSERTED_BY_DEFAULT
    if cue.status is not Status.ASSERTED:
        return cue.status
    if cue.kind in {"factive", "reporting", "presupposed"}:
        # The cue path already weighed the reporter: a factive head, or a party's own account.
        return cue.status
    reporter = attribution.source_actor
    # Unnamed people ("two Afghan officials", "diplomats") are someone else, whichever state they belong to.
    is_group = reporter is not None and bool(set(reporter.text.lower().split()) & group_nouns)
    if (
        reporter is not None
        and not is_group
        and any(p is not None and speaks_for(reporter, p) for p in (source, target))
    ):
        # A party's own account, the giver's or the receiver's ("..., the Afghan defence ministry said").
        return Status.ASSERTED
    return Status.ALLEGED


def speaks_for(reporter: ActorRef, actor: ActorRef) -> bool:
    """Whether a reporter gives its own account of what ``actor`` does: the same actor, its member or official,
    or the same country's state (a ministry speaking for the state's forces)."""
    if reporter.id is not None and reporter.id in {actor.id, actor.org}:
        return True
    if actor.id is not None and actor.id == reporter.org:
        return True
    # A reporter no dictionary names is someone else, whatever country it is of.
    return (
        reporter.id is not None
        and reporter.country is not None
        and reporter.country == actor.country
        and reporter.sector not in NON_STATE_SECTORS
        and actor.sector not in NON_STATE_SECTORS
    )


def _phrase(token: Token) -> str:
    """The naming part of a noun phrase, without determiners: "India's Ministry of Defence"."""
    words, todo = [], [token]
    while todo:
        word = todo.pop()
        words.append(word)
        todo.extend(c for c in word.children if c.dep_ in NAME_DEPS)
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i)).replace(" 's", "'s")


def _head_lemma(head: Token) -> str:
    """The head's lemma, or its phrasal verb ("call off") when the pack lists the verb with its particle."""
    particle = next((c.lower_ for c in head.children if c.dep_ == "prt"), None)
    lemma = head.lemma_.lower()
    return f"{lemma} {particle}" if particle else lemma


def _ends_object(head: Token, pack: Pack) -> bool:
    """ "bringing production to an end", "brought deliveries to a halt": the object no longer takes place."""
    ends = pack.cue(Status.NEGATED, "ends")
    return any(
        c.dep_ == "prep" and c.lower_ == "to" and any(o.lemma_.lower() in ends for o in c.children if o.dep_ == "pobj")
        for c in head.children
    )


def _is_reported_future(token: Token, pack: Pack) -> bool:
    """ "would" in a clause reported by a verb of saying, without a condition, is the future of the past."""
    if token.dep_ != "ccomp" or token.head.lemma_.lower() not in pack.cue(Status.ALLEGED, "reporting"):
        return False
    return not any(t.dep_ == "mark" and t.lower_ in pack.cue(Status.HYPOTHETICAL, "marks") for t in token.sent)


def _has_pobj(token: Token) -> bool:
    return any(c.dep_ == "pobj" for c in token.children)


def _aux(token: Token, words: frozenset[str]) -> str | None:
    return next((c.lower_ for c in token.children if c.dep_ == "aux" and c.lower_ in words), None)


def _has_negation(token: Token, pack: Pack) -> bool:
    return any(
        c.dep_ == "neg" or c.lower_ in pack.cue(Status.NEGATED, "words") and c.dep_ == "advmod" for c in token.children
    )


def _has_own_subject(token: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
