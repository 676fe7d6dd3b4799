"""Find the actor inside an argument noun phrase of an event predicate.

An event's subject or object is often a longer noun phrase that names its actor somewhere inside it:
"Russia's air force", "security forces in Guinea", "the Asia-Pacific forum (APEC)", "officials of the
ministry". These helpers walk the phrase's own modifiers (never into relative or other clauses) to find
that actor, and recognise a phrase headed by a group noun ("officials", "protesters") or a person noun ("a
19-year-old man", "his neighbour") as an actor even when nothing in it resolves: the actor is then kept as written.
They also find the one a verb of harm was done to where the parser hides the passive ("Teen killed in shooting").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from newsledger.stages.status import subject_of

# Modifiers that stay inside the noun phrase and may name its actor.
PHRASE_DEPS = frozenset({"compound", "amod", "poss", "appos", "nmod", "npadvmod"})
# "forces in Guinea", "officials of the ministry", "students from Jakarta": the actor after a preposition.
PHRASE_PREPS = frozenset({"of", "in", "from", "at", "throughout", "across"})
# A recipient's complement names a place or an owner more often than the recipient ("a training ground of
# the air force", "an agreement in Astana"): only "of"/"from" + a state stands for it ("refugees from Liberia").
TARGET_PHRASE_PREPS = frozenset({"of", "from"})
MAX_DEPTH = 3


def phrase_modifiers(head: Token, *, preps: frozenset[str] = PHRASE_PREPS) -> Iterator[tuple[bool, Token]]:
    """Tokens inside the noun phrase headed by ``head``, nearest first, each with whether the walk reached
    it through a preposition ("Guinea" in "forces in Guinea") rather than a modifier before the head."""
    frontier: list[tuple[bool, Token]] = [(False, head)]
    for _ in range(MAX_DEPTH):
        nxt: list[tuple[bool, Token]] = []
        for via, tok in frontier:
            for child in tok.children:
                if child.dep_ in PHRASE_DEPS:
                    nxt.append((via, child))
                elif child.dep_ == "prep" and child.lower_ in preps:
                    nxt.extend((True, g) for g in child.children if g.dep_ == "pobj")
        yield from nxt
        frontier = nxt


def phrase_bounds(head: Token) -> tuple[int, int]:
    """Character bounds of the head noun with its left modifiers ("the Kurdish rebel fighters")."""
    left = [t for t in head.lefts if t.dep_ in {"compound", "amod", "nmod", "poss", "nummod"}]
    if is_age(head):
        # "the 24-year-old": the age's own words hang on "old" as an adverbial noun
        left += [t for t in head.lefts if t.dep_ == "npadvmod"]
    start_tok = min([head, *left], key=lambda t: t.i)
    # a possessive's own words ("Iraq's interim government") come along
    start = min(t.idx for t in start_tok.subtree) if start_tok.i != head.i else head.idx
    return start, head.idx + len(head.text)


def is_group_head(token: Token, group_nouns: frozenset[str]) -> bool:
    """A noun phrase headed by a group or role noun can stand as an actor without a name."""
    return token.pos_ in {"NOUN", "PROPN"} and (token.lower_ in group_nouns or token.lemma_.lower() in group_nouns)


# Units of an age given as a compound adjective ("a 19-year-old", "a six-month-old girl").
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
_TEENS = "seventeen eighteen nineteen twenty"
# Number words of counts in event arguments ("four helicopters", "two men").
NUMBER_WORDS = {w: i for i, w in enumerate(f"{_UNITS} {_TEENS}".split())}
NUMBER_WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
NUMBER_WORDS |= {"dozen": 12}
SCALE_WORDS = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
AGE_UNITS = frozenset({"year", "years", "month", "months", "week", "weeks", "day", "days"})


def is_age(token: Token) -> bool:
    """'old' in "a 19-year-old (man)": an age, which as the head of a phrase stands for a person."""
    return token.lower_ == "old" and any(
        c.lower_ in AGE_UNITS and any(g.like_num for g in c.subtree) for c in token.lefts if c.dep_ == "npadvmod"
    )


def is_person_head(token: Token, person_nouns: frozenset[str]) -> bool:
    """A noun phrase headed by a person noun ("a man", "his neighbour", "two teenagers") or by an age ("the
    24-year-old") stands for people whom no dictionary names."""
    if is_age(token):
        return True
    # a headline capitalises the noun and the parser may take it for a name ("Man Shot In The Head")
    return token.pos_ in {"NOUN", "PROPN"} and (token.lower_ in person_nouns or token.lemma_.lower() in person_nouns)


def identifies_individuals(token: Token) -> bool:
    """A person phrase that picks out individuals rather than a class: a number ("two men", "a man, 19,"), an age
    ("a 19-year-old man", "the 24-year-old"), a possessive ("his neighbour", "the store's owner") or a name
    inside ("a Dayton man")."""
    if is_age(token):
        return True
    for child in token.children:
        if (child.dep_ == "nummod" and child.like_num) or child.dep_ == "poss" or is_age(child):
            return True
        if child.dep_ in {"compound", "amod", "appos", "nmod"} and child.pos_ == "PROPN":
            return True
        if child.dep_ == "appos" and child.like_num:
            return True
    return False


# Determiners that make a bare group noun refer back to an actor named earlier ("the minister", "their armies").
ANAPHORIC_DETS = frozenset({"the", "this", "these", "that", "those", "both", "such"})


def is_anaphoric(token: Token) -> bool:
    """A group noun that points back to actors named earlier: "the (two) ministers", "their armies",
    "officials of both countries". It adds no actor of its own; coding it would duplicate the event of the
    actor named before. A phrase that names something ("the Kenyan rebels") is never anaphoric.
    """
    kids = list(token.children)
    if any(c.pos_ == "PROPN" for c in kids if c.dep_ in {"amod", "compound", "appos"}):
        return False
    if any(
        # a bare count is indefinite ("500,000 workers stopped work"); only a determiner points back
        (c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS) or (c.dep_ == "poss" and c.pos_ == "PRON")
        for c in kids
    ):
        return not any(c.dep_ in {"amod", "compound"} for c in kids)
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and is_anaphoric(g) for g in c.children)
        for c in kids
    )


def first_conjunct(token: Token) -> Token:
    """The first of coordinated verbs ("shot" in "shot and killed"), which holds their shared arguments."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _is_nominal(token: Token) -> bool:
    """A noun, a name, a number ("four shot") or an age ("the 2-year-old killed in ...")."""
    return token.pos_ in {"NOUN", "PROPN", "NUM"} or is_age(token)


def is_bare_passive(verb: Token, harm_verbs: frozenset[str]) -> bool:
    """A verb of harm with a noun subject, no auxiliary and no object: a headline's or a reduced relative's
    passive that the parser read as active ("Teen killed in shooting", "the man shot on Tuesday")."""
    if verb.lemma_.lower() not in harm_verbs or verb.tag_ not in {"VBD", "VBN"}:
        return False
    kids = [c for g in (verb, *verb.conjuncts) for c in g.children]
    if any(c.dep_ in {"aux", "auxpass", "dobj", "nsubjpass"} for c in kids):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children):
        return False  # "the gunman shot at officers"
    return any(c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN", "NUM"} for c in verb.children)


def passive_patients(token: Token, harm_verbs: frozenset[str]) -> list[Token]:
    """The one a passive verb was done to: its passive subject ("a man was shot"), shared with conjoined
    participles ("was shot and killed"), the noun a participle modifies ("the man shot on Tuesday", "a detained
    woman"), the
    object of a verb of finding ("a person was found shot") or the subject of a passive without its
    auxiliary ("Teen killed in shooting")."""
    own = [c for c in token.children if c.dep_ == "nsubjpass"]
    if own:
        return own
    base = first_conjunct(token)
    if is_bare_passive(base, harm_verbs):
        return [c for c in base.children if c.dep_ == "nsubj"]
    if token.tag_ != "VBN" or any(c.dep_ in {"nsubj", "dobj"} for c in token.children):
        return []
    if base.i != token.i and subject_of(token) is None:
        own = [c for c in base.children if c.dep_ == "nsubjpass"]
    # "the man shot on Tuesday", "a detained woman": the noun a participle modifies, after or before it
    if not own and base.tag_ == "VBN" and base.dep_ in {"acl", "amod"} and _is_nominal(base.head):
        own = [base.head]
    if not own and base.tag_ == "VBN" and base.dep_ in {"xcomp", "oprd"}:
        own = [c for c in base.head.children if c.dep_ in {"nsubjpass", "dobj"}]
    if not own and base.dep_ == "pcomp" and base.head.dep_ == "prep" and _has_child(base, "auxpass"):
        # "The boy died after being shot": a passive after a preposition was done to the subject of the verb
        # the preposition hangs on.
        own = [c for c in base.head.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return own


def _has_child(token: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in token.children)


def is_harmed(head: Token, harm_states: frozenset[str]) -> bool:
    """A predicate that leaves its subject harmed: "died", "is dead", "was found dead", "remains critical"."""
    words = [head] + [c for c in head.children if c.dep_ in {"acomp", "oprd"}]
    return any(w.lower_ in harm_states or w.lemma_.lower() in harm_states for w in words)
