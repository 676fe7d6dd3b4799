"""Extract event mentions from annotated articles with the pack's trigger rules and the dependency parse."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsledger.model import (
    ActorRef,
    EquipmentRef,
    EventDate,
    EventMention,
    EventType,
    MentionSpans,
    Place,
    Precision,
    Span,
    TimeExpression,
    TimexType,
    content_id,
)
from newsledger.pack import EQUIPMENT_OBJECT, Pack, TriggerRule
from newsledger.stages.annotate import EQUIPMENT_LABEL, AnnotatedArticle
from newsledger.stages.arguments import (
    NUMBER_WORDS,
    PHRASE_PREPS,
    SCALE_WORDS,
    TARGET_PHRASE_PREPS,
    first_conjunct,
    identifies_individuals,
    is_age,
    is_anaphoric,
    is_group_head,
    is_harmed,
    is_person_head,
    passive_patients,
    phrase_bounds,
    phrase_modifiers,
)
from newsledger.stages.places import build_gazetteer, resolve_place
from newsledger.stages.resolve import Resolver, build_resolver, resolve_actor, resolve_equipment
from newsledger.stages.specificity import Participant, is_specific
from newsledger.stages.status import PRONOUNS, assess_status, is_dateline, subject_of

EXTRACTOR = "rules.v3"  # v3: unnamed people as participants, passives and reflexives; v2: phrase-internal actors
ACTOR_LABELS = frozenset({"GPE", "ORG", "PERSON", "NORP"})
# Entities a person phrase may be tagged as: its age ("the 24-year-old") or its number ("two men").
PERSON_PHRASE_LABELS = frozenset({"DATE", "CARDINAL"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "over", "across", "into", "from"})
# The prepositions whose object is where an event happened, most telling first ("from" is where things came from).
PLACE_PREP_ORDER = ("at", "in", "near", "outside", "inside", "over", "across", "into")
# Dependencies that link a trigger noun to the verb or noun it belongs to ("cooperation" <- "on" <- "agreement").
CHAIN_DEPS = frozenset({"dobj", "pobj", "prep", "nsubjpass", "compound"})
# Prepositions that attach an event's recipient or partner, whose own phrase may say where ("to the army at X").
ARGUMENT_PREPS = frozenset({"to", "with", "for"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ"})
MAX_SENTENCE_WORDS = 60
# Plural pronoun objects that can stand for equipment named earlier ("... delivered them").
EQUIPMENT_PRONOUNS = frozenset({"them", "these", "those"})
# Last come the proposer of a rejected offer ("an offer from Kabul", "a call by Minsk") and the place left
# ("withdraw troops from Lebanon").
TARGET_PREPS = ("to", "with", "against", "on", "for", "at", "into", "toward", "towards", "between", "from", "by")
NOUN_SOURCE_PREPS = ("by", "from")
NOUN_TARGET_PREPS = tuple(p for p in TARGET_PREPS if p not in NOUN_SOURCE_PREPS)
REFLEXIVES = frozenset({"himself", "herself", "themselves", "themself", "itself", "self", "oneself"})


@dataclass(frozen=True, slots=True)
class _Arg:
    """An argument found in the parse: the evidence span and the text to resolve."""

    span: Span
    text: str
    label: str | None
    core: str | None = None  # the actor named inside a longer phrase ("Kazakhstan" in "Kazakhstan's air force")
    hints: tuple[str, ...] = ()  # states named around an unknown actor ("German" in "German minister X")
    person: bool = False  # a phrase headed by a person noun or an age ("a man", "the 24-year-old")
    individual: bool = False  # ... that picks out individuals: a number, an age, a possessive, a name inside


@functools.lru_cache(maxsize=8)
def _trigger_index(pack: Pack) -> dict[tuple[str, str], tuple[TriggerRule, ...]]:
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


class _Sentence:
    """Per-sentence helpers over one spaCy sentence whose offsets are shifted into the article text."""

    def __init__(
        self, sent: SpacySpan, offset: int, ents: dict[int, SpacySpan], before: Sequence[SpacySpan] = ()
    ) -> None:
        self.sent = sent
        self.offset = offset
        self.ents = ents
        self.before = before  # the paragraph's earlier sentences, nearest last

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


def _object_tokens(token: Token, pos: str, partitives: frozenset[str] = frozenset()) -> list[Token]:
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


def complement_clause(token: Token, rule: TriggerRule) -> Token | None:
    """The clause a complement-conditioned trigger governs, or None when the rule's condition fails."""
    if rule.complement == "infinitive":
        return next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}), None)
    if rule.complement == "clause":
        # a noun's "that"-clause ("its demand that Israel ease ...") is parsed as acl
        return next(
            (
                c
                for c in token.children
                if c.dep_ == "ccomp"
                or (c.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))
            ),
            None,
        )
    if rule.complement_aux is not None:
        for clause in (c for c in token.children if c.dep_ == "ccomp"):
            if any(a.dep_ == "aux" and a.lower_ in rule.complement_aux for a in clause.children):
                return clause
    return None


def _match_rule(
    token: Token, rules: tuple[TriggerRule, ...], sent: _Sentence, partitives: frozenset[str]
) -> TriggerRule | None:
    for rule in rules:
        if not _phrase_matches(token, rule):
            continue
        if (rule.complement or rule.complement_aux) and complement_clause(token, rule) is None:
            continue
        if rule.objects is None:
            return rule
        for obj in _object_tokens(token, rule.pos, partitives):
            if _lemma(obj) in rule.objects:
                return rule
            ent = sent.entity(obj) or sent.antecedent_equipment(obj)
            if EQUIPMENT_OBJECT in rule.objects and ent is not None and ent.label_ == EQUIPMENT_LABEL:
                return rule
    return None


def _passive_agent(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _prep_objects(token: Token, preps: Iterable[str]) -> Iterator[Token]:
    """Objects of the given prepositions on the token, then on its direct object.

    The parser often attaches "from Iran" or "with Afghanistan" to the object ("bought helicopters from Iran").
    """
    wanted = tuple(preps)
    holders = [token] + [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    # the parser labels a recipient's "to" as dative ("provided aid to Iran"), other prepositions as prep
    children = [c for h in holders for c in h.children if c.dep_ in {"prep", "dative"} and c.lower_ in wanted]
    children.sort(key=lambda c: wanted.index(c.lower_))
    for prep in children:
        for grand in prep.children:
            if grand.dep_ == "pobj":
                yield grand


class _Extractor:
    def __init__(self, annotated: AnnotatedArticle, pack: Pack) -> None:
        self.annotated = annotated
        self.article = annotated.article
        self.pack = pack
        self.resolver: Resolver = build_resolver(pack)
        self.gazetteer = build_gazetteer(pack)
        self.index = _trigger_index(pack)
        self.actor_nouns = pack.resolve_words.get("actor_nouns", frozenset())
        self.person_nouns = pack.resolve_words.get("person_nouns", frozenset())
        self.harm_verbs = pack.resolve_words.get("harm_verbs", frozenset())
        self.harm_states = pack.resolve_words.get("harm_states", frozenset())
        self.female_nouns = pack.resolve_words.get("female_nouns", frozenset())
        self.male_nouns = pack.resolve_words.get("male_nouns", frozenset())
        self.partitives = pack.resolve_words.get("partitives", frozenset())
        self.light_nouns = pack.resolve_words.get("light_nouns", frozenset())

    # --- arguments -------------------------------------------------------------------------
    def _actor_arg(self, token: Token | None, sent: _Sentence, doc: Doc, *, subject: bool = False) -> _Arg | None:
        if token is None or is_dateline(token, sent.sent):
            return None
        ent = sent.entity(token)
        if ent is not None and ent.label_ in ACTOR_LABELS:
            # "German Foreign Minister X", "the Kenyan opposition leader X": the nationality around a name.
            hints = tuple(
                inner.text
                for _, mod in phrase_modifiers(token)
                if (inner := sent.entity(mod)) is not None and inner.label_ in {"GPE", "NORP"} and inner != ent
            )
            return _Arg(sent.span_of(ent.start_char, ent.end_char), ent.text, ent.label_, hints=hints)
        if token.pos_ == "PRON" and token.lower_ in PRONOUNS:
            return self._antecedent(token, sent, doc)
        if token.tag_ in {"WDT", "WP"} and token.head.dep_ == "relcl":
            # "Kazakhstan, which buys ...": a relative pronoun stands for the noun its clause hangs on.
            return self._actor_arg(token.head.head, sent, doc, subject=subject)
        if token.pos_ in {"NOUN", "NUM", "PRON"} and (token.lemma_.lower() in self.partitives or token.like_num):
            # "thousands of students", "a group of rebels": the actor is the of-complement.
            inner_of = next(
                (
                    g
                    for c in token.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children
                    if g.dep_ == "pobj"
                ),
                None,
            )
            if inner_of is not None and token.like_num and is_person_head(inner_of, self.person_nouns):
                # "one of the victims": a count of people already reported picks out individuals.
                start, end = min(token.idx, phrase_bounds(inner_of)[0]), inner_of.idx + len(inner_of.text)
                return _Arg(sent.span_of(start, end), doc.text[start:end], None, person=True, individual=True)
            if inner_of is not None:
                return self._actor_arg(inner_of, sent, doc, subject=subject)
        if token.pos_ not in {"NOUN", "PROPN"} and not is_age(token):
            return None
        person = (ent is None or ent.label_ in PERSON_PHRASE_LABELS) and is_person_head(token, self.person_nouns)
        if person and not is_group_head(token, self.actor_nouns):
            # "a 19-year-old man", "his neighbour", "the victim", "a Dayton man": the person, whatever it names.
            return self._person_arg(token, sent, doc, subject=subject)
        # "Russian officials", "security forces in Guinea", "the forum (APEC)": the actor named inside the phrase.
        preps = PHRASE_PREPS if subject else TARGET_PHRASE_PREPS
        for via_prep, mod in phrase_modifiers(token, preps=preps):
            inner = sent.entity(mod)
            if via_prep and not subject and inner is not None and inner.label_ not in {"GPE", "NORP"}:
                continue
            if inner is not None and inner.label_ in ACTOR_LABELS and not is_dateline(mod, sent.sent):
                if mod.i < token.i:
                    start = min(inner.start_char, phrase_bounds(token)[0])
                    end = token.idx + len(token.text)
                else:
                    start, end = phrase_bounds(token)[0], inner.end_char
                return _Arg(sent.span_of(start, end), doc.text[start:end], inner.label_, inner.text)
        if person:
            # "two workers", "three students": members of a group, taken as people when no actor is named in them
            return self._person_arg(token, sent, doc, subject=subject)
        if ent is None and is_group_head(token, self.actor_nouns) and not is_anaphoric(token):
            # "protesters", "security forces": an actor that no dictionary names, kept as written.
            start, end = phrase_bounds(token)
            return _Arg(sent.span_of(start, end), doc.text[start:end], None)
        if (
            ent is None
            and not subject
            and any(c.dep_ == "compound" and is_group_head(c, self.actor_nouns) for c in token.children)
        ):
            # "attacked a police checkpoint", "fired on an army base": what belongs to a group stands for it.
            start, end = phrase_bounds(token)
            return _Arg(sent.span_of(start, end), doc.text[start:end], None)
        return None

    def _person_arg(self, token: Token, sent: _Sentence, doc: Doc, *, subject: bool) -> _Arg:
        """A phrase headed by a person noun, kept as written: people no dictionary names.

        Unlike "the ministers", "the victim" rarely restates a named actor: it is how local news goes on about
        someone it never names, so a definite person phrase counts too. A name inside says where they are from
        or whose they are ("a Dayton man", "Smith's wife"), not who they are; a state named there gives their
        country.
        """
        start, end = phrase_bounds(token)
        preps = PHRASE_PREPS if subject else TARGET_PHRASE_PREPS
        names = [e for _, m in phrase_modifiers(token, preps=preps) if (e := sent.entity(m)) is not None]
        hints = tuple(e.text for e in names if e.label_ in {"GPE", "NORP"})
        individual = any(e.label_ in ACTOR_LABELS for e in names) or identifies_individuals(token)
        span = sent.span_of(start, end)
        return _Arg(span, doc.text[start:end], None, hints=hints, person=True, individual=individual)

    def _antecedent(self, pronoun: Token, sent: _Sentence, doc: Doc) -> _Arg | None:
        """The nearest earlier actor in the paragraph whose kind fits the pronoun; evidence is the pronoun."""
        want = PRONOUNS[pronoun.lower_]
        # A pronoun never refers to a co-argument of its own verb ("Russians trained them" is not Russia).
        coargs = {c.i for c in pronoun.head.children} | {pronoun.head.i}
        candidates = [
            e for e in doc.ents if e.end <= pronoun.i and not (coargs & {t.i for t in e} | {e.root.head.i} & coargs)
        ]
        span = sent.span_of(pronoun.idx, pronoun.idx + len(pronoun.text))
        for ent in reversed(candidates):
            fits = ent.label_ == "PERSON" if want == "PERSON" else ent.label_ in {"ORG", "GPE", "NORP"}
            if fits:
                person = (
                    self._person_antecedent(pronoun, coargs, sent, doc, after=ent.end) if want == "PERSON" else None
                )
                return replace(person, span=span) if person else _Arg(span, ent.text, ent.label_)
        person = self._person_antecedent(pronoun, coargs, sent, doc, after=0) if want == "PERSON" else None
        return replace(person, span=span) if person else None

    def _person_antecedent(
        self, pronoun: Token, coargs: set[int], sent: _Sentence, doc: Doc, *, after: int
    ) -> _Arg | None:
        """The nearest person phrase after token ``after`` that a singular pronoun can stand for, of the pronoun's
        sex when the noun has one: "a 19-year-old man" for "he" in "... He was shot"."""
        other_sex = self.female_nouns if pronoun.lower_ in {"he", "him", "his"} else self.male_nouns
        for tok in reversed(doc[after : pronoun.i]):
            if tok.i in coargs or tok.head.i in coargs or tok.tag_ not in {"NN", "NNP", "JJ"}:
                continue
            if tok.lower_ in other_sex or not is_person_head(tok, self.person_nouns):
                continue
            if (ent := sent.entity(tok)) is None or ent.label_ in PERSON_PHRASE_LABELS:
                return self._actor_arg(tok, sent, doc)
        return None

    def _roles(self, token: Token, rule: TriggerRule, sent: _Sentence, doc: Doc) -> tuple[_Arg | None, _Arg | None]:
        if rule.pos == "NOUN" or (token.dep_ == "amod" and token.tag_ == "VBG"):
            # "the shooting death of X": a participle before a noun has the roles of a noun
            return self._noun_roles(token, sent, doc)
        subject = subject_of(token)
        patients = passive_patients(token, self.harm_verbs)
        agent = _passive_agent(token)
        if patients:
            # A passive's agent is only ever its by-phrase: in "police found the man shot" police shot no one.
            subject = None
            if agent is None:
                # "A man was shot and killed by police": conjoined participles share the agent.
                agent = next((a for c in token.conjuncts if c.tag_ == "VBN" and (a := _passive_agent(c))), None)
        first_verb = first_conjunct(token)
        if subject is None and first_verb.dep_ == "pcomp" and first_verb.tag_ == "VBG":
            # "X was charged with shooting Y", "X shot Y before killing himself": a gerund after a preposition
            # has the subject of the verb the preposition hangs on, active or passive.
            verb = first_verb.head.head
            subject = subject_of(verb) or next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is None and token.dep_ == "advcl" and token.tag_ == "VBG":
            # "Police opened fire, killing one and arresting 12": an adverbial participle shares the subject
            # of the clause it hangs on.
            subject = subject_of(token.head)
        if subject is None and token.dep_ == "acl" and token.tag_ == "VBD":
            # A finite past tense verb cannot be a reduced relative ("forces deployed there" is VBN): the
            # parser misattached a clause, and the noun it hangs on is its subject ("..., a group protested").
            subject = token.head
        first = agent if agent is not None else subject
        source = self._actor_arg(first, sent, doc, subject=True)
        if rule.complement_aux is not None:
            # "Britain said Libya must hand over the suspects": a demand on the complement's subject.
            clause = complement_clause(token, rule)
            return source, self._actor_arg(subject_of(clause) if clause is not None else None, sent, doc, subject=True)
        if rule.roles == "recipient_subject":
            giver = next((self._actor_arg(t, sent, doc) for t in _prep_objects(token, ("from",))), None)
            return giver, source
        if rule.roles == "with_partner":
            partner = next((self._actor_arg(t, sent, doc) for t in _prep_objects(token, ("with",))), None)
            if partner is None:
                partner = next((self._actor_arg(c, sent, doc) for c in token.children if c.dep_ == "dobj"), None)
            if partner is None:
                partner = self._conj_partner(first, sent, doc)
            return source, partner
        candidates = [
            c
            for c in token.children
            if c.dep_ == "dative"
            # "delivered them to X": a pronoun object that stands for equipment is what moved, not who got it
            or (c.dep_ == "dobj" and (rule.objects is None or sent.antecedent_equipment(c) is None))
        ]
        if not candidates and not patients and rule.objects is None:
            # "shot and killed his wife": conjoined verbs share the object that only the last one holds.
            candidates = [g for c in token.conjuncts if c.pos_ == "VERB" for g in c.children if g.dep_ == "dobj"]
        # "Three soldiers were killed (by rebels)": the passive subject is the one the act was done to. It comes
        # first for violence ("a man was shot at a party"), after a recipient for the rest ("... were sent to X").
        if rule.type is EventType.ASSAULT:
            candidates += patients + list(_prep_objects(token, TARGET_PREPS))
        else:
            candidates += list(_prep_objects(token, TARGET_PREPS)) + patients
        for clause in (c for c in token.children if c.dep_ in {"xcomp", "ccomp"}):
            # "threatened to cut off power to X", "promised to continue aid to X": the one the announced
            # act is aimed at; "demanded that X cancel the sale": the one the demand is made of.
            if clause.dep_ == "ccomp":
                candidates += [c for c in clause.children if c.dep_ == "nsubj"]
            candidates += [c for c in clause.children if c.dep_ in {"dative", "dobj"}]
            candidates += list(_prep_objects(clause, TARGET_PREPS))
        target = next((a for a in (self._target_arg(c, source, sent, doc) for c in candidates) if a is not None), None)
        if target is None:
            target = self._conj_partner(first, sent, doc)
        return source, target

    def _target_arg(self, token: Token, source: _Arg | None, sent: _Sentence, doc: Doc) -> _Arg | None:
        if token.lower_ in REFLEXIVES:
            # "shot himself": the one who acts is the one harmed; the evidence is the reflexive.
            span = sent.span_of(token.idx, token.idx + len(token.text))
            return replace(source, span=span) if source is not None else None
        return self._actor_arg(token, sent, doc)

    def _conj_partner(self, first: Token | None, sent: _Sentence, doc: Doc) -> _Arg | None:
        """'Russia and Afghanistan signed ...': the second party of a reciprocal event."""
        if first is None:
            return None
        for conj in first.conjuncts:
            arg = self._actor_arg(conj, sent, doc, subject=True)
            if arg is not None:
                return arg
        return None

    def _noun_roles(self, token: Token, sent: _Sentence, doc: Doc) -> tuple[_Arg | None, _Arg | None]:
        if token.dep_ == "compound" and token.head.lemma_.lower() in self.light_nouns:
            # "a mediation effort", "peace talks": the phrase's head carries the roles.
            token = token.head
        source = None
        for child in token.children:
            if child.dep_ in {"poss", "compound", "amod"}:
                source = self._actor_arg(child, sent, doc)
                if source is not None:
                    break
        if source is None:
            # "protests from Islamabad", "an offer by Kabul": the one who makes it
            source = next((self._actor_arg(t, sent, doc) for t in _prep_objects(token, NOUN_SOURCE_PREPS)), None)
        harmed = None
        if source is None and token.dep_ in {"dobj", "pobj", "attr"}:
            # "Russia completed the delivery of ...": the governing verb's subject.
            head = token.head.head if token.dep_ == "pobj" else token.head
            if head.pos_ in {"VERB", "AUX", "ADJ"}:
                patients = passive_patients(head, self.harm_verbs) if self._is_violent(head) else []
                if not patients and is_harmed(head, self.harm_states):
                    # "a man is dead after a shooting", "a girl died in the shooting", "was found dead after"
                    patients = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
                if patients:
                    # "two men were wounded in the shooting": the one harmed is the shooting's target.
                    harmed = self._actor_arg(patients[0], sent, doc)
                else:
                    # "forces were engaged in ethnic cleansing": a passive or adjectival head's subject also acts.
                    agent = subject_of(head) or next((c for c in head.children if c.dep_ == "nsubjpass"), None)
                    source = self._actor_arg(agent, sent, doc, subject=True)
        target = next(
            (a for a in (self._actor_arg(t, sent, doc) for t in _prep_objects(token, NOUN_TARGET_PREPS)) if a),
            harmed,
        )
        if target is None:
            # "the shooting of a 16-year-old girl", "the shooting death of Devin Anderson": the person an act is
            # of is the one it was done to (a thing is what it is about: "the delivery of helicopters").
            holders = [token, token.head] if token.dep_ in {"compound", "amod"} else [token]
            persons = (self._actor_arg(t, sent, doc) for h in holders for t in _prep_objects(h, ("of",)))
            target = next((a for a in persons if a is not None and (a.person or a.label == "PERSON")), None)
        return source, target

    def _is_violent(self, verb: Token) -> bool:
        """A verb that some trigger codes as violence ("wounded", "killed"), whose passive subject is harmed."""
        return any(r.type is EventType.ASSAULT for r in self.index.get((_lemma(verb), "VERB"), ()))

    def _equipment_tokens(self, token: Token, rule: TriggerRule) -> list[Token]:
        """Tokens in the trigger's own clause, outside its subject and nested clauses."""
        skip = {"nsubj", "csubj", "ccomp", "advcl", "relcl", "parataxis", "conj", "agent", "mark"}
        out: list[Token] = []
        stack = [c for c in token.children if c.dep_ not in skip]
        if rule.pos == "NOUN":
            stack = [c for c in token.children if c.dep_ not in {"relcl", "poss"}] + [token]
        while stack:
            tok = stack.pop()
            out.append(tok)
            if tok.i != token.i:
                stack.extend(c for c in tok.children if c.dep_ not in {"relcl", "ccomp", "advcl"})
        return out

    def _quantity(self, ent: SpacySpan, sent: _Sentence) -> tuple[int, Span] | None:
        root = ent.root
        numbers = [c for c in root.children if c.dep_ == "nummod"]
        if not numbers and ent.start > 0 and ent.doc[ent.start - 1].like_num:
            numbers = [ent.doc[ent.start - 1]]
        for num in numbers:
            tokens = [num] + [c for c in num.children if c.dep_ in {"compound", "quantmod"} and c.like_num]
            tokens.sort(key=lambda t: t.i)
            value = _parse_number(" ".join(t.lower_ for t in tokens))
            if value:
                start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
                return value, sent.span_of(start, end)
        return None

    def _date(
        self, token: Token, sent: _Sentence, doc: Doc, triggers: set[int]
    ) -> tuple[EventDate | None, Span | None]:
        best: tuple[int, TimeExpression] | None = None
        lo = sent.offset + sent.sent.start_char
        hi = sent.offset + sent.sent.end_char
        for timex in self.annotated.timexes:
            if (
                timex.range_start is None
                or timex.range_end is None
                or timex.type not in {TimexType.DATE, TimexType.TIME}
            ):
                continue
            if timex.span.start < lo or timex.span.end > hi:
                continue
            root = _root_of(doc, timex.span.start - sent.offset, timex.span.end - sent.offset)
            if root is None:
                continue
            distance = _tree_distance(root, token, triggers)
            if distance is not None and (best is None or distance < best[0]):
                best = (distance, timex)
        if best is not None:
            timex = best[1]
            assert timex.range_start is not None and timex.range_end is not None
            precision = timex.precision or Precision.DAY
            return EventDate(
                start=timex.range_start, end=timex.range_end, precision=precision, text=timex.text
            ), timex.span
        return self._reported_date(), None

    def _reported_date(self) -> EventDate | None:
        # No time expression: the publication day, marked as such; no date at all when that is unknown.
        day = self.article.published
        return EventDate(start=day, end=day, precision=Precision.REPORTED, text=None) if day else None

    def _location(
        self, token: Token, sent: _Sentence, taken: list[Span], parties: Sequence[ActorRef | None]
    ) -> tuple[Place, Span] | None:
        """Where the event happened: a place attached to the trigger, else to one of its arguments.

        A place in a prepositional phrase on the trigger ("met in Moscow") comes first, then one on the trigger's
        object or recipient ("delivered helicopters to the army at Kabul airport"). A town or city that is itself
        the recipient or the destination ("a visit to Moscow", "delivered to Kabul") is also where it happened;
        a country named as a party is not a location.
        """
        # The trigger, then the words it hangs from up to its verb: "signed an agreement on cooperation in Astana"
        # attaches the place to "signed", above the trigger "cooperation".
        holders = [token]
        head = token
        while head.dep_ in CHAIN_DEPS and head.head.i != head.i and len(holders) < 4:
            head = head.head
            if head.pos_ != "ADP":
                holders.append(head)
            if head.pos_ in {"VERB", "AUX"}:
                break
        arguments = [c for c in token.children if c.dep_ in {"dobj", "dative", "nsubjpass", "attr"}]
        arguments += [
            g for c in token.children if c.dep_ in {"prep", "dative"} and c.lower_ in ARGUMENT_PREPS for g in c.children
        ]
        # One level into an argument's own complement: "signed an agreement on cooperation in Astana".
        arguments += [g for a in list(arguments) for c in a.children if c.dep_ == "prep" for g in c.children]
        countries = [p.country for p in parties if p is not None and p.country]
        fallback: tuple[Place, Span] | None = None
        for holder in holders + arguments:
            for obj in _prep_objects(holder, PLACE_PREP_ORDER):
                found = self._place_at(obj, sent, countries)
                if found is None:
                    continue
                place, span = found
                if not any(span.start < t.end and t.start < span.end for t in taken):
                    return found
                # A party's span: a town ("to Kabul") still says where; a country ("to Afghanistan") does not.
                if fallback is None and place != self.gazetteer.countries.get(place.country or ""):
                    fallback = found
        if fallback is not None:
            return fallback
        for holder in holders:
            for obj in _prep_objects(holder, ("to",)):
                found = self._place_at(obj, sent, countries)
                if found is not None and found[0] != self.gazetteer.countries.get(found[0].country or ""):
                    return found
        return None

    def _place_at(self, obj: Token, sent: _Sentence, countries: Sequence[str]) -> tuple[Place, Span] | None:
        ent = sent.entity(obj)
        if ent is None or ent.label_ not in PLACE_LABELS:
            return None
        span = sent.span_of(ent.start_char, ent.end_char)
        # Ambiguous names ("Kandahar") resolve towards the countries of the event's own actors.
        place = resolve_place(ent.text, gazetteer=self.gazetteer, countries=countries)
        if place is None:
            ref = resolve_actor(ent.text, resolver=self.resolver, on=self.article.published)
            place = Place(name=ent.text, country=ref.country)
        return place, span

    # --- mentions ----------------------------------------------------------------------------
    def mentions(self) -> Iterator[EventMention]:
        for para in self.annotated.paragraphs:
            doc = para.doc
            ents = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
            sents = list(doc.sents)
            for n, sent_span in enumerate(sents):
                sent = _Sentence(sent_span, para.offset, ents, sents[max(0, n - 2) : n])
                yield from self._sentence_mentions(sent, doc)

    def _sentence_mentions(self, sent: _Sentence, doc: Doc) -> Iterator[EventMention]:
        found: list[tuple[Token, TriggerRule]] = []
        for token in sent.sent:
            pos = _pos(token)
            if (
                pos is None
                or (ent := sent.entity(token)) is not None
                and ent.label_ != EQUIPMENT_LABEL
                and pos == "NOUN"
            ):
                continue
            rules = self.index.get((_lemma(token), pos))
            if rules:
                rule = _match_rule(token, rules, sent, self.partitives)
                if rule is not None:
                    found.append((token, rule))
        trigger_ids = {t.i for t, _ in found}
        types_by_token = {t.i: r.type for t, r in found}
        for token, rule in found:
            # "signed an agreement": the noun repeats the verb's event.
            if rule.pos == "NOUN" and types_by_token.get(token.head.i) == rule.type and token.head.i != token.i:
                continue
            mention = self._mention(token, rule, sent, doc, trigger_ids)
            if mention is not None:
                yield mention

    def _mention(
        self, token: Token, rule: TriggerRule, sent: _Sentence, doc: Doc, triggers: set[int]
    ) -> EventMention | None:
        source_arg, target_arg = self._roles(token, rule, sent, doc)
        taken = [a.span for a in (source_arg, target_arg) if a is not None]
        equipment_ents = [
            e
            for e in sent.equipment_in(self._equipment_tokens(token, rule))
            if not any(
                sent.span_of(e.start_char, e.end_char).start < t.end
                and t.start < sent.span_of(e.start_char, e.end_char).end
                for t in taken
            )
        ]
        equipment_spans = [sent.span_of(e.start_char, e.end_char) for e in equipment_ents]
        quantity_ents = list(equipment_ents)
        if not equipment_ents and rule.objects is not None:
            # "Russia delivered them": the pronoun object's antecedent is what was delivered. Evidence stays in
            # the sentence: the antecedent's own span when it is there, else the pronoun (and no quantity).
            for pronoun in (t for t in _object_tokens(token, rule.pos, self.partitives) if t.pos_ == "PRON"):
                ent = sent.antecedent_equipment(pronoun)
                if ent is None:
                    continue
                equipment_ents = [ent]
                if ent.start >= sent.sent.start:
                    equipment_spans, quantity_ents = [sent.span_of(ent.start_char, ent.end_char)], [ent]
                else:
                    equipment_spans = [sent.span_of(pronoun.idx, pronoun.idx + len(pronoun.text))]
                break
        if source_arg is None and not equipment_ents and not _holds_alone(target_arg, rule):
            return None
        event_date, date_span = self._date(token, sent, doc, triggers)
        on = event_date.start if event_date else self.article.published
        # The sentence is context for resolution: a title or organisation named beside an ambiguous name.
        source = self._resolve(source_arg, on, sent.sent.text)
        target = self._resolve(target_arg, on, sent.sent.text)
        if source is not None and target is not None and source.id is not None and source.id == target.id:
            target, target_arg = None, None
        equipment = tuple(
            resolve_equipment(e.text, resolver=self.resolver, entry_id=e.id_ or None) for e in equipment_ents
        )
        quantity = next((q for q in (self._quantity(e, sent) for e in quantity_ents) if q), None)
        location = self._location(token, sent, taken, (source, target))
        mode = rule.military_mode if equipment and rule.military_mode else rule.mode
        trigger_span = sent.span_of(token.idx, token.idx + len(token.text))
        sentence = sent.span_of(sent.sent.start_char, sent.sent.end_char)
        status = assess_status(token, pack=self.pack, resolver=self.resolver, source=source)
        participants = (
            _participant(source_arg, source),
            _participant(target_arg, target),
        )
        return EventMention(
            id=content_id(self.article.id, str(trigger_span.start), str(trigger_span.end), rule.type.value),
            article_id=self.article.id,
            type=rule.type,
            mode=mode,
            status=status,
            source=source,
            target=target,
            equipment=_unique_equipment(equipment),
            quantity=quantity[0] if quantity else None,
            date=event_date,
            location=location[0] if location else None,
            sentence=sentence,
            spans=MentionSpans(
                trigger=trigger_span,
                source=source_arg.span if source_arg else None,
                target=target_arg.span if target_arg else None,
                equipment=tuple(equipment_spans),
                quantity=quantity[1] if quantity else None,
                date=date_span,
                location=location[1] if location else None,
            ),
            extractor=EXTRACTOR,
            words=sent.words,
            specific=is_specific(
                token,
                sentence=sent.sent.text,
                status=status,
                participants=participants,
                equipment=equipment,
                date=event_date,
                place=location[0] if location else None,
                pack=self.pack,
            ),
        )

    def _resolve(self, arg: _Arg | None, on: date | None, context: str | None = None) -> ActorRef | None:
        if arg is None:
            return None
        ref = resolve_actor(arg.text, resolver=self.resolver, on=on, kind_hint=arg.label, context=context)
        if ref.id is None and arg.core:
            core = resolve_actor(arg.core, resolver=self.resolver, on=on, kind_hint=arg.label, context=context)
            if core.id is not None:
                return replace(core, text=arg.text)
        if ref.country is None:
            # An unknown actor stays unknown, but a state named in or around it gives its country
            # ("Nigerian Union of Teachers", "Georgian President X").
            country = self._country_hint((*arg.hints, arg.text), on)
            if country is not None:
                return replace(ref, country=country)
        return ref

    def _country_hint(self, texts: Iterable[str], on: date | None) -> str | None:
        for text in texts:
            words = text.replace("'s", "").split()
            for size in (2, 1):
                for i in range(len(words) - size + 1):
                    chunk = " ".join(words[i : i + size])
                    if not chunk[:1].isupper():
                        continue
                    ref = resolve_actor(chunk, resolver=self.resolver, on=on, kind_hint="NORP")
                    if ref.id is not None and ref.kind == "state" and ref.country:
                        return ref.country
        return None


def _holds_alone(target: _Arg | None, rule: TriggerRule) -> bool:
    """Whether a target is enough to code an event on when nothing else is found.

    An unnamed group ("delegations") is an actor only as the one who acts; as the sole argument it is too weak.
    People whom the phrase picks out ("a 19-year-old man", "his wife", "two people") are enough, and so is any
    person ("a man was shot") as the victim of violence.
    """
    if target is None:
        return False
    if target.label is not None or target.individual:
        return True
    return target.person and rule.type is EventType.ASSAULT


def _participant(arg: _Arg | None, ref: ActorRef | None) -> Participant | None:
    if arg is None:
        return None
    return Participant(text=arg.text, label=arg.label, ref=ref, individual=arg.individual)


def _is_coargument(ent: SpacySpan, tokens: set[int]) -> bool:
    return ent.root.i in tokens or ent.root.head.i in tokens


def sentence_words(sent: SpacySpan) -> tuple[str, ...]:
    """The sentence's content-word lemmas (nouns, names, verbs, numbers), case-folded, unique and sorted."""
    words = {
        t.lemma_.casefold()
        for t in sent
        if t.pos_ in CONTENT_POS and not t.is_stop and t.lemma_.strip() and not any(c.isspace() for c in t.lemma_)
    }
    return tuple(sorted(words)[:MAX_SENTENCE_WORDS])


def _unique_equipment(items: tuple[EquipmentRef, ...]) -> tuple[EquipmentRef, ...]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.id or item.name.lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return tuple(out)


def _root_of(doc: Doc, start: int, end: int) -> Token | None:
    tokens = [t for t in doc if t.idx >= start and t.idx + len(t.text) <= end]
    for tok in tokens:
        if not (start <= tok.head.idx < end) or tok.head.i == tok.i:
            return tok
    return tokens[0] if tokens else None


def _tree_distance(node: Token, trigger: Token, triggers: set[int]) -> int | None:
    """Path length from a time expression to the trigger, or None when another event's trigger is closer."""
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
        if walk.i in triggers and walk.i != trigger.i:
            return None
        walk = walk.head
    if cur.i != trigger.i and cur.i in triggers and steps > 0:
        return None
    return up[cur.i] + steps


_NUM_CLEAN = re.compile(r"[,\s]")


def _parse_number(text: str) -> int | None:
    clean = _NUM_CLEAN.sub("", text)
    if clean.isdigit():
        value = int(clean)
        return value if 0 < value < 10_000_000 else None
    total, current = 0, 0
    for word in text.replace("-", " ").split():
        if word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word in SCALE_WORDS:
            current = max(current, 1) * SCALE_WORDS[word]
            total, current = total + current, 0
        elif word in {"a", "an", "and"}:
            continue
        elif _NUM_CLEAN.sub("", word).isdigit():
            current += int(_NUM_CLEAN.sub("", word))
        else:
            return None
    value = total + current
    return value if value > 0 else None


def extract_events(annotated: AnnotatedArticle, *, pack: Pack) -> tuple[EventMention, ...]:
    """Every event mention in one article, each with its evidence spans into the article text."""
    return tuple(_Extractor(annotated, pack).mentions())
