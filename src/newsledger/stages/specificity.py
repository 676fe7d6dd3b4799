"""Whether an event mention identifies one happening, the condition for it to corroborate another report.

A mention is specific when it is not procedural boilerplate, not a generic or habitual statement, not
hypothetical, and it has an anchor that picks out one happening: a participant the text names or identifies, a
named equipment designation, or its own date together with a place. The word lists come from the domain pack
(``specificity.yaml``); the rule itself is general.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsledger.model import ActorRef, EquipmentRef, EventDate, Place, Precision, Status
from newsledger.pack import Pack
from newsledger.stages.arguments import NUMBER_WORDS
from newsledger.stages.participants import ACTOR_LABELS

# Dates that narrow an event to one happening; a year or a decade does not.
_NARROW = frozenset({Precision.DAY, Precision.WEEK, Precision.PART_OF_MONTH})
_AGE = re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b", re.IGNORECASE)
_COUNTS = frozenset(NUMBER_WORDS) - {"zero"} | {"both", "dozens", "hundreds"}
_POSSESSIVE = re.compile(r"^(?:his|her|their|its|my|our|your)\b|\w['\u2019]s\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    """An event argument as the extractor found it: the words, the entity label (None for a common noun phrase)
    and what it resolved to."""

    text: str
    label: str | None
    ref: ActorRef | None
    individual: bool = False  # the parse found a number, an age, a possessive or a name inside the phrase
    thing: bool = False  # an unnamed building, place or vehicle that an act is aimed at ("a bus")


# (source, target), each possibly absent.
Participants = tuple[Participant | None, Participant | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class SpecificityCues:
    procedural_triggers: frozenset[str]
    procedural_phrases: tuple[str, ...]
    frequency: frozenset[str]
    class_nouns: frozenset[str] = frozenset()
    background: frozenset[str] = frozenset()
    natural_causes: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=8)
def specificity_cues(pack: Pack) -> SpecificityCues:
    words = pack.specificity
    return SpecificityCues(
        procedural_triggers=words.get("procedural_triggers", frozenset()),
        procedural_phrases=tuple(sorted(words.get("procedural_phrases", frozenset()))),
        frequency=words.get("frequency", frozenset()),
        class_nouns=words.get("class_nouns", frozenset()),
        background=words.get("background_modifiers", frozenset()),
        natural_causes=words.get("natural_causes", frozenset()),
    )


def is_identified(participant: Participant, cues: SpecificityCues) -> bool:
    """A participant the text names (an entity or a dictionary actor) or picks out as individuals: a singular
    ("a man", "the victim", "his neighbour"), a counted group ("four people", "two men"), an age ("a 19-year-old").
    A class identifies nobody: a bare plural ("gunmen", "children"), a collective ("police", "the authorities")."""
    if participant.ref is not None and participant.ref.id is not None:
        return True
    if participant.label in ACTOR_LABELS or participant.individual:
        return True
    if participant.thing:
        # "attacked a bus": many happenings have one; it says what was hit, not which happening this is.
        return False
    text = participant.text
    if _AGE.search(text) or _POSSESSIVE.search(text):
        return True
    words = [w for w in re.findall(r"[\w'-]+", text.casefold()) if w]
    if not words:
        return False
    first, head = words[0], words[-1]
    if first.isdigit() or first in _COUNTS:
        return True
    if head in cues.class_nouns or first in cues.class_nouns:
        return False
    # A head noun in the plural ("gunmen", "the officers") speaks of a group, not of individuals the text tells;
    # a singular one is one person or thing, with or without the determiner the phrase may have lost ("man").
    return not (head.endswith("men") or (head.endswith("s") and not head.endswith("ss")))


def is_procedural(trigger: Token, sentence: str, participants: Participants, cues: SpecificityCues) -> bool:
    """Routine that follows any incident: appeals for information, "police are investigating", "officers
    responded". A procedural verb is boilerplate unless its object is someone the text identifies."""
    folded = " ".join(sentence.casefold().split())
    if any(phrase in folded for phrase in cues.procedural_phrases):
        return True
    if trigger.lemma_.lower() not in cues.procedural_triggers:
        return False
    target = participants[1]
    return target is None or not is_identified(target, cues)


def is_generic(trigger: Token, participants: Participants, cues: SpecificityCues) -> bool:
    """A statement about a class, a habit or many happenings: a frequency word on the trigger ("police usually
    respond"), a present-tense trigger whose subject is a bare plural ("children unintentionally shoot people"), an
    event noun in the plural ("conducted 300,000 consultations", "a string of shootings"), or an imperative ("visit
    our site for a list")."""
    if trigger.tag_ == "NNS":
        return True
    if trigger.tag_ == "VB" and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in trigger.children):
        # A bare verb with no subject or auxiliary heading its clause tells the reader to do something.
        return trigger.dep_ == "ROOT"
    near = [c for c in trigger.children if c.dep_ in {"advmod", "npadvmod", "prep"}]
    for child in near:
        words = {t.lower_ for t in child.subtree}
        if child.lower_ in cues.frequency or words & {"every", "each"} and child.dep_ != "prep":
            return True
    if trigger.tag_ not in {"VBZ", "VBP"}:
        return False
    subject = next((c for c in trigger.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.tag_ not in {"NNS", "NNPS"} or subject.ent_type_:
        return False
    bare = not any(c.dep_ in {"det", "poss", "nummod", "compound", "amod"} for c in subject.children)
    source = participants[0]
    return bare and (source is None or not is_identified(source, cues))


def recalls_another(trigger: Token, cues: SpecificityCues) -> bool:
    """An event noun that recalls an earlier or another happening of its kind: "a previous DUI arrest", "another
    attack", "a similar shooting". (Adverbs on a verb, "had earlier agreed", only place the reported event in
    time, so they do not count.)"""
    return trigger.pos_ in {"NOUN", "PROPN"} and any(
        c.dep_ in {"amod", "det"} and c.lower_ in cues.background for c in trigger.children
    )


# How a natural cause reaches the trigger: as its subject, as the subject of the clause a participle hangs on
# ("An earthquake shook ..., killing 10 people"), or in a prepositional phrase ("killed in the flood").
_CAUSE_PREPS = frozenset({"in", "by", "during", "from"})


def natural_cause(trigger: Token, pack: Pack) -> bool:
    """The event's doer is a natural cause (an earthquake, a flood, a disease): nobody did it."""
    causes = specificity_cues(pack).natural_causes
    if not causes:
        return False

    clause: Token | None = trigger
    for _ in range(3):  # the trigger, and up to two clauses it hangs on as a participle or a conjunct
        if clause is None:
            break
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "csubj"}), None)
        if subject is not None:
            return _names_cause(subject, causes)  # a doer of its own: a cause, or someone who did it
        cause_phrases = (
            c for c in clause.children if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in _CAUSE_PREPS
        )
        if any(g.dep_ == "pobj" and _names_cause(g, causes) for c in cause_phrases for g in c.children):
            return True
        clause = clause.head if clause.dep_ in {"advcl", "conj", "xcomp", "acl"} else None
    return False


def opens_with_disaster(sent: SpacySpan, pack: Pack) -> bool:
    """A sentence at an article's head names a natural cause ("Strong earthquake jolts southern Iran", "Floods
    sweep the north"), not as a figure of speech ("a flood of refugees")."""
    causes = specificity_cues(pack).natural_causes

    def names_cause(t: Token) -> bool:
        if not _names_cause(t, causes):
            return False
        # A stretch that holds no event is not tagged: the word after tells the figure of speech there.
        if t.tag_ and t.pos_ not in {"NOUN", "PROPN"}:
            return False
        return t.i + 1 >= len(t.doc) or t.doc[t.i + 1].lower_ != "of"

    return any(names_cause(t) for t in sent)


def _names_cause(token: Token, causes: frozenset[str]) -> bool:
    return token.lower_ in causes or token.lemma_.lower() in causes


def is_specific(
    trigger: Token,
    *,
    sentence: str,
    status: Status,
    participants: Participants,
    equipment: tuple[EquipmentRef, ...],
    date: EventDate | None,
    place: Place | None,
    pack: Pack,
) -> bool:
    """The rule in full, as the module docstring states it."""
    cues = specificity_cues(pack)
    if status is Status.HYPOTHETICAL:
        return False
    present = [p for p in participants if p is not None]
    if is_procedural(trigger, sentence, participants, cues) or is_generic(trigger, participants, cues):
        return False
    if recalls_another(trigger, cues) and (date is None or date.precision not in _NARROW):
        return False  # "another attack on Tuesday" is still one happening; "a previous arrest" is none
    if any(is_identified(p, cues) for p in present):
        return True
    if any(not e.generic and e.id is not None for e in equipment):
        return True
    return date is not None and date.precision in _NARROW and place is not None
