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

from spacy.tokens import Token

from newsledger.model import ActorRef, EquipmentRef, EventDate, Place, Precision, Status
from newsledger.pack import Pack

# Labels of named-entity participants: a person, an organisation, a place acting as a state, a nationality.
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Dates that narrow an event to one happening; a year or a decade does not.
_NARROW = frozenset({Precision.DAY, Precision.WEEK, Precision.PART_OF_MONTH})
_AGE = re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:his|her|their|its|my|our|your)\b|\w['\u2019]s\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    """An event argument as the extractor found it: the words, the entity label (None for a common noun phrase)
    and what it resolved to."""

    text: str
    label: str | None
    ref: ActorRef | None


# (source, target), each possibly absent.
Participants = tuple[Participant | None, Participant | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class SpecificityCues:
    procedural_triggers: frozenset[str]
    procedural_phrases: tuple[str, ...]
    frequency: frozenset[str]


@functools.lru_cache(maxsize=8)
def specificity_cues(pack: Pack) -> SpecificityCues:
    words = pack.specificity
    return SpecificityCues(
        procedural_triggers=words.get("procedural_triggers", frozenset()),
        procedural_phrases=tuple(sorted(words.get("procedural_phrases", frozenset()))),
        frequency=words.get("frequency", frozenset()),
    )


def is_identified(participant: Participant) -> bool:
    """A participant the text names (an entity or a dictionary actor) or identifies as individuals ("a
    19-year-old man", "his neighbour"); a bare class ("police", "gunmen", "children") identifies nobody."""
    if participant.ref is not None and participant.ref.id is not None:
        return True
    if participant.label in NAMED_LABELS:
        return True
    return bool(_AGE.search(participant.text) or _POSSESSIVE.search(participant.text))


def is_procedural(trigger: Token, sentence: str, participants: Participants, cues: SpecificityCues) -> bool:
    """Routine that follows any incident: appeals for information, "police are investigating", "officers
    responded". A procedural verb is boilerplate unless its object is someone the text identifies."""
    folded = " ".join(sentence.casefold().split())
    if any(phrase in folded for phrase in cues.procedural_phrases):
        return True
    if trigger.lemma_.lower() not in cues.procedural_triggers:
        return False
    target = participants[1]
    return target is None or not is_identified(target)


def is_generic(trigger: Token, participants: Participants, cues: SpecificityCues) -> bool:
    """A statement about a class or a habit ("children unintentionally shoot people", "police usually respond"):
    a frequency word on the trigger, or a present-tense trigger whose subject is a bare plural."""
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
    return bare and (source is None or not is_identified(source))


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
    if any(is_identified(p) for p in present):
        return True
    if any(not e.generic and e.id is not None for e in equipment):
        return True
    return date is not None and date.precision in _NARROW and place is not None
