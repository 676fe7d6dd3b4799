"""Find the event triggers of a parsed sentence: the pack's trigger rules, light verbs and natural causes."""

from __future__ import annotations

import functools
from collections import defaultdict

from spacy.tokens import Token

from newsledger.model import EventType
from newsledger.pack import EQUIPMENT_OBJECT, Pack, TriggerRule
from newsledger.stages.annotate import EQUIPMENT_LABEL
from newsledger.stages.participants import complement_clause
from newsledger.stages.sentences import ParsedSentence
from newsledger.stages.specificity import natural_cause

# Prepositions that attach whom one talks with ("talked with X", "spoke to Y").
PARTNER_PREPS = frozenset({"with", "to"})
TriggerIndex = dict[tuple[str, str], tuple[TriggerRule, ...]]


@functools.lru_cache(maxsize=8)
def trigger_index(pack: Pack) -> TriggerIndex:
    """The pack's trigger rules by first lemma and part of speech."""
    index: dict[tuple[str, str], list[TriggerRule]] = defaultdict(list)
    for rule in pack.triggers:
        index[(rule.lemma[0], rule.pos)].append(rule)
    return {k: tuple(v) for k, v in index.items()}


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _pos(token: Token) -> str | None:
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in {"aux", "auxpass"}):
        return "VERB"
    if token.pos_ == "NOUN":
        return "NOUN"
    return None


def _phrase_matches(token: Token, rule: TriggerRule) -> bool:
    """A phrase trigger ("shoot down", "hold talks") matches following tokens or the token's children."""
    rest = rule.lemma[1:]
    if not rest:
        return True
    doc = token.doc
    following = [_lemma(t) for t in doc[token.i + 1 : token.i + 1 + len(rest)]]
    if following == list(rest):
        return True
    children = {_lemma(c) for c in token.children}
    return all(word in children for word in rest)


def object_tokens(token: Token, pos: str, partitives: frozenset[str] = frozenset()) -> list[Token]:
    """The words a trigger's rule may require as its object, conjuncts included."""
    if pos == "VERB":
        objs = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}]
        objs += [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        # "25,000 tons of food aid", "part of a military aid programme": the object is the of-complement.
        objs += [
            g
            for o in list(objs)
            if o.lemma_.lower() in partitives or o.like_num
            for c in o.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        # "ended mediation efforts", "suspended arms shipments": a compound names what the object is about.
        objs += [c for o in list(objs) for c in o.children if c.dep_ == "compound"]
    else:
        objs = [c for c in token.children if c.dep_ in {"compound", "amod"}]
        objs += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return objs + [c for o in list(objs) for c in o.conjuncts]


def _has_excepted_object(token: Token, rule: TriggerRule, excepted: frozenset[str], partitives: frozenset[str]) -> bool:
    return any(_lemma(obj) in excepted for obj in object_tokens(token, rule.pos, partitives))


def _has_partner(token: Token) -> bool:
    """An object, a with- or to-phrase (the parser's dative too), or a conjoined subject ("X and Y talked")."""
    for child in token.children:
        if child.dep_ in {"dobj", "dative"}:
            return True
        if child.dep_ == "prep" and child.lower_ in PARTNER_PREPS and any(g.dep_ == "pobj" for g in child.children):
            return True
        if child.dep_ == "nsubj" and any(c.dep_ == "conj" for c in child.children):
            return True
    return False


def _match_rule(
    token: Token, rules: tuple[TriggerRule, ...], sent: ParsedSentence, partitives: frozenset[str]
) -> TriggerRule | None:
    for rule in rules:
        if not _phrase_matches(token, rule):
            continue
        if (rule.complement or rule.complement_aux) and complement_clause(token, rule) is None:
            continue
        if rule.except_objects is not None and _has_excepted_object(token, rule, rule.except_objects, partitives):
            continue
        if rule.needs_partner and not _has_partner(token):
            continue
        if rule.objects is None:
            return rule
        for obj in object_tokens(token, rule.pos, partitives):
            if _lemma(obj) in rule.objects:
                return rule
            ent = sent.entity(obj) or sent.antecedent_equipment(obj)
            if EQUIPMENT_OBJECT in rule.objects and ent is not None and ent.label_ == EQUIPMENT_LABEL:
                return rule
    return None


def sentence_triggers(
    sent: ParsedSentence, index: TriggerIndex, pack: Pack
) -> tuple[list[tuple[Token, TriggerRule]], set[int], set[EventType]]:
    """The sentence's triggers with their rules, in order; the light verbs among them ("launched" in "launched an
    attack": the noun is the event); and the event types a natural cause took ("an earthquake killed ten")."""
    partitives = pack.resolve_words.get("partitives", frozenset())
    light_verbs = pack.resolve_words.get("light_verbs", frozenset())
    found: list[tuple[Token, TriggerRule]] = []
    natural: set[EventType] = set()
    for token in sent.sent:
        pos = _pos(token)
        if pos is None or (ent := sent.entity(token)) is not None and ent.label_ != EQUIPMENT_LABEL and pos == "NOUN":
            continue
        rules = index.get((_lemma(token), pos))
        if rules:
            rule = _match_rule(token, rules, sent, partitives)
            if rule is None:
                continue
            if natural_cause(token, pack):
                # "An earthquake ... killing 10 people": nobody did it, so it is no political event.
                natural.add(rule.type)
            else:
                found.append((token, rule))
    types_by_token = {t.i: r.type for t, r in found}
    light = {
        t.i
        for t, r in found
        if r.pos == "VERB"
        and " ".join(r.lemma) in light_verbs
        and any(c.dep_ == "dobj" and types_by_token.get(c.i) == r.type for c in t.children)
    }
    return found, light, natural
