"""Where words stand in a sentence's parse relative to its event triggers: places that say where, one happening
told by two triggers, the trigger that governs a word, and the path from a time expression to a trigger."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

# Prepositions whose object may say where something happened.
PLACE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "over", "across", "into", "from", "through", "throughout", "around"}
)


def locatives(
    sent: SpacySpan, ents: dict[int, SpacySpan], is_place: Callable[[SpacySpan], bool], *, destinations: bool = False
) -> list[SpacySpan]:
    """The sentence's places that say where ("in Kandahar", "near the border at Torkham"), not who: "Russia" as a
    subject or "Afghanistan" as a recipient are parties. With ``destinations``, places after "to" as well."""
    preps = PLACE_PREPS - {"from", "into"} | ({"to"} if destinations else set())
    found = {e.start: e for i, e in ents.items() if sent.start <= i < sent.end and is_place(e)}
    return [
        e
        for _, e in sorted(found.items())
        if e.end <= sent.end and e.root.dep_ == "pobj" and e.root.head.lower_ in preps
    ]


# How a verb hangs on the verb of its clause when both tell one happening ("attacked ..., killing three").
SHARED_CLAUSE_DEPS = frozenset({"advcl", "conj", "xcomp"})


def one_happening(token: Token, other: Token) -> bool:
    """Two triggers that tell one happening and so share its place: a participle or a conjoined verb and the verb
    it hangs on ("attacked a checkpoint in Kandahar, killing three"), or a verb and the act in its prepositional
    phrase ("killed in an attack in Syria")."""
    for a, b in ((token, other), (other, token)):
        if a.head.i == b.i and a.i != b.i and a.dep_ in SHARED_CLAUSE_DEPS:
            return True
        if a.dep_ == "pobj" and a.head.dep_ == "prep" and a.head.head.i == b.i:
            return True
    return False


def governing_trigger(node: Token, triggers: set[int]) -> int | None:
    """The first trigger above ``node`` in the parse (itself included), or None when no trigger governs it."""
    cur = node
    while True:
        if cur.i in triggers:
            return cur.i
        if cur.head.i == cur.i:
            return None
        cur = cur.head


def root_of(doc: Doc, start: int, end: int) -> Token | None:
    tokens = [t for t in doc if t.idx >= start and t.idx + len(t.text) <= end]
    for tok in tokens:
        if not (start <= tok.head.idx < end) or tok.head.i == tok.i:
            return tok
    return tokens[0] if tokens else None


def tree_distance(node: Token, trigger: Token, triggers: set[int], speech: frozenset[str] = frozenset()) -> int | None:
    """Path length from a time expression to the trigger, or None when another event's trigger is closer, or when
    the expression hangs on a verb of saying (``speech`` lemmas) on the way: "X was shot, deputies said Monday"
    dates the statement, not the shooting."""
    up: dict[int, int] = {}
    cur, steps = node, 0
    while True:
        up[cur.i] = steps
        if cur.head.i == cur.i:
            break
        cur, steps = cur.head, steps + 1
    cur, steps = trigger, 0
    while cur.i not in up:
        if cur.head.i == cur.i:
            return None
        cur, steps = cur.head, steps + 1
    # The first trigger met on the way up from the time expression is the event it belongs to.
    walk = node
    while walk.i != cur.i:
        if walk.i != trigger.i and (walk.i in triggers or _says(walk, speech)):
            return None
        walk = walk.head
    if cur.i != trigger.i and (cur.i in triggers and steps > 0 or _says(cur, speech)):
        return None
    return up[cur.i] + steps


def _says(token: Token, speech: frozenset[str]) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in speech
