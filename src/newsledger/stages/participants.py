"""Find an event's participants in the parse around its trigger: who acts, and whom or what the act is aimed at."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsledger.model import EventType, Span
from newsledger.pack import Pack, TriggerRule
from newsledger.stages.annotate import doc_entities
from newsledger.stages.arguments import (
    PHRASE_PREPS,
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
from newsledger.stages.sentences import ParsedSentence
from newsledger.stages.status import PRONOUNS, is_dateline, subject_of

ACTOR_LABELS = frozenset({"GPE", "ORG", "PERSON", "NORP"})
# Entities a person phrase may be tagged as: its age ("the 24-year-old") or its number ("two men").
PERSON_PHRASE_LABELS = frozenset({"DATE", "CARDINAL"})
# Last come the proposer of a rejected offer ("an offer from Kabul", "a call by Minsk") and the place left
# ("withdraw troops from Lebanon").
TARGET_PREPS = ("to", "with", "against", "on", "for", "at", "into", "toward", "towards", "between", "from", "by")
NOUN_SOURCE_PREPS = ("by", "from")
NOUN_TARGET_PREPS = tuple(p for p in TARGET_PREPS if p not in NOUN_SOURCE_PREPS)
PATIENT_TARGET_PREPS = tuple(p for p in TARGET_PREPS if p != "for")
# Event types whose passive subject is the party the act was done to before any prepositional object.
_PATIENT_FIRST = frozenset({EventType.ASSAULT, EventType.COERCE})
# Possessives that say two or more parties share an event ("their meeting", "our talks").
SHARED_POSSESSIVES = frozenset({"their", "our"})
# Verbs of harm whose object is as often a thing as a person ("two towns were captured").
CAPTURING = frozenset({"capture"})
REFLEXIVES = frozenset({"himself", "herself", "themselves", "themself", "itself", "self", "oneself"})


def _fits(ent: SpacySpan, want: str) -> bool:
    """A name a pronoun of kind ``want`` may stand for: a person's for "he"/"she", a group's or state's else."""
    return ent.label_ == "PERSON" if want == "PERSON" else ent.label_ in {"ORG", "GPE", "NORP"}


@dataclass(frozen=True, slots=True)
class Argument:
    """An argument found in the parse: the evidence span and the text to resolve."""

    span: Span
    text: str
    label: str | None
    core: str | None = None  # the actor named inside a longer phrase ("Kazakhstan" in "Kazakhstan's air force")
    hints: tuple[str, ...] = ()  # states named around an unknown actor ("German" in "German minister X")
    person: bool = False  # a phrase headed by a person noun or an age ("a man", "the 24-year-old")
    individual: bool = False  # ... that picks out individuals: a number, an age, a possessive, a name inside
    thing: bool = False  # a building, place or vehicle aimed at ("a bus", "a military base"), not a party


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


def passive_agent(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def prep_objects(token: Token, preps: Iterable[str]) -> Iterator[Token]:
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


class ParticipantFinder:
    """The source and target of each trigger, read off the dependency parse with the pack's word lists."""

    def __init__(self, pack: Pack, index: Mapping[tuple[str, str], tuple[TriggerRule, ...]]) -> None:
        self.index = index  # the trigger rules by (lemma, pos): which verbs code violence
        self.actor_nouns = pack.resolve_words.get("actor_nouns", frozenset())
        self.person_nouns = pack.resolve_words.get("person_nouns", frozenset())
        self.harm_verbs = pack.resolve_words.get("harm_verbs", frozenset())
        self.harm_states = pack.resolve_words.get("harm_states", frozenset())
        self.female_nouns = pack.resolve_words.get("female_nouns", frozenset())
        self.male_nouns = pack.resolve_words.get("male_nouns", frozenset())
        self.partitives = pack.resolve_words.get("partitives", frozenset())
        self.people_counts = pack.resolve_words.get("people_counts", frozenset())
        self.doer_verbs = pack.resolve_words.get("doer_verbs", frozenset())
        self.light_nouns = pack.resolve_words.get("light_nouns", frozenset())
        self.observer_verbs = pack.resolve_words.get("observer_verbs", frozenset())
        self.sequence_preps = pack.resolve_words.get("sequence_preps", frozenset())
        self.harm_outcome_verbs = pack.resolve_words.get("harm_outcome_verbs", frozenset())
        self.harm_places = pack.resolve_words.get("harm_places", frozenset())
        self.receiving_verbs = pack.resolve_words.get("receiving_verbs", frozenset())
        self.attack_objects = pack.resolve_words.get("attack_objects", frozenset())
        self.patient_possessor_nouns = pack.resolve_words.get("patient_possessor_nouns", frozenset())
        self.circumstance_preps = pack.resolve_words.get("circumstance_preps", frozenset())
        self.offences = pack.resolve_words.get("offences", frozenset())
        self.undergoing_verbs = pack.resolve_words.get("undergoing_verbs", frozenset())
        # "I", "you": they stand for a quotation's speaker or addressee, which the attribution stage knows.
        words = pack.attribution
        self.deictic = words.get("first_singular", frozenset()) | words.get("second", frozenset())
        self.first_plural = words.get("first_plural", frozenset())

    def actor_argument(self, token: Token, sent: ParsedSentence, doc: Doc) -> Argument | None:
        """The actor a phrase headed by ``token`` names, as the subject of a clause ("officials", "the minister")."""
        return self._actor_arg(token, sent, doc, subject=True)

    def _actor_arg(
        self, token: Token | None, sent: ParsedSentence, doc: Doc, *, subject: bool = False
    ) -> Argument | None:
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
            return Argument(sent.span_of(ent.start_char, ent.end_char), ent.text, ent.label_, hints=hints)
        if token.pos_ == "PRON" and token.lower_ in self.deictic:
            return Argument(sent.span_of(token.idx, token.idx + len(token.text)), token.text, None)
        if token.pos_ == "PRON" and token.lower_ in PRONOUNS:
            found = self._antecedent(token, sent, doc)
            if found is None and token.lower_ in self.first_plural:
                # "we" with nobody named before it: a quotation's speaker may stand for it (attribution stage).
                return Argument(sent.span_of(token.idx, token.idx + len(token.text)), token.text, None)
            return found
        if token.tag_ in {"WDT", "WP"} and token.head.dep_ == "relcl":
            # "Kazakhstan, which buys ...": a relative pronoun stands for the noun its clause hangs on.
            return self._actor_arg(token.head.head, sent, doc, subject=subject)
        is_partitive = token.lemma_.lower() in self.partitives or token.lower_ in self.partitives
        # "many" and "most" are tagged adjectives, "some" and "all" determiners ("Many of the officers were ...")
        if token.pos_ in {"NOUN", "NUM", "PRON", "ADJ", "DET"} and (is_partitive or token.like_num):
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
                return Argument(sent.span_of(start, end), doc.text[start:end], None, person=True, individual=True)
            if inner_of is not None:
                return self._actor_arg(inner_of, sent, doc, subject=subject)
        if not subject and self._is_harmed_count(token):
            # "Dozens were arrested", "two were killed": a bare count of those harmed stands for people.
            start, end = phrase_bounds(token)
            return Argument(sent.span_of(start, end), doc.text[start:end], None, person=True, individual=token.like_num)
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
                return Argument(sent.span_of(start, end), doc.text[start:end], inner.label_, inner.text)
        if person:
            # "two workers", "three students": members of a group, taken as people when no actor is named in them
            return self._person_arg(token, sent, doc, subject=subject)
        if ent is None and is_group_head(token, self.actor_nouns) and not is_anaphoric(token):
            # "protesters", "security forces": an actor that no dictionary names, kept as written.
            start, end = phrase_bounds(token)
            return Argument(sent.span_of(start, end), doc.text[start:end], None)
        if (
            ent is None
            and not subject
            and any(c.dep_ == "compound" and is_group_head(c, self.actor_nouns) for c in token.children)
        ):
            # "attacked a police checkpoint", "fired on an army base": what belongs to a group stands for it.
            start, end = phrase_bounds(token)
            return Argument(sent.span_of(start, end), doc.text[start:end], None)
        if ent is None and not subject and token.pos_ == "NOUN" and self._is_harmed_count(token):
            # "160 foreign jihadists had been detained", "6,000 members of the judiciary": people counted as harmed.
            start, end = phrase_bounds(token)
            return Argument(sent.span_of(start, end), doc.text[start:end], None, person=True)
        return None

    def _is_harmed_count(self, token: Token) -> bool:
        """A count ("dozens", "two", "many") or a counted noun ("160 jihadists") as the one a verb of harm was done
        to: the subject of a passive ("Dozens were detained"), the object ("killed three") or the subject of a
        state of harm ("two died"). Things are
        captured ("two towns were captured"), so capturing is left out."""
        if any(c.dep_ == "nummod" and c.like_num for c in token.children):
            pass  # a counted noun, of any kind
        elif token.pos_ not in {"NOUN", "NUM", "PRON", "ADJ", "DET"} or not (
            token.like_num or token.lower_ in self.people_counts
        ):
            return False
        elif any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            return False  # "dozens of X": the of-complement says who
        if token.head.lemma_.lower() in CAPTURING:
            return False
        head = token.head
        if token.dep_ in {"nsubjpass", "dobj"}:
            # "Dozens were detained"; "the blast killed three and wounded five"
            return head.lemma_.lower() in self.harm_verbs
        return token.dep_ == "nsubj" and is_harmed(head, self.harm_states)

    def _person_arg(self, token: Token, sent: ParsedSentence, doc: Doc, *, subject: bool) -> Argument:
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
        return Argument(span, doc.text[start:end], None, hints=hints, person=True, individual=individual)

    def _antecedent(self, pronoun: Token, sent: ParsedSentence, doc: Doc) -> Argument | None:
        """The nearest earlier actor in the paragraph whose kind fits the pronoun; evidence is the pronoun."""
        want = PRONOUNS[pronoun.lower_]
        # A pronoun never refers to a co-argument of its own verb ("Russians trained them" is not Russia).
        coargs = {c.i for c in pronoun.head.children} | {pronoun.head.i}
        candidates = [
            e
            for e in doc_entities(doc)
            if e.end <= pronoun.i and not (coargs & {t.i for t in e} | {e.root.head.i} & coargs)
        ]
        span = sent.span_of(pronoun.idx, pronoun.idx + len(pronoun.text))
        for ent in reversed(candidates):
            if _fits(ent, want):
                person = (
                    self._person_antecedent(pronoun, coargs, sent, doc, after=ent.end) if want == "PERSON" else None
                )
                return replace(person, span=span) if person else Argument(span, ent.text, ent.label_)
        person = self._person_antecedent(pronoun, coargs, sent, doc, after=0) if want == "PERSON" else None
        if person is not None:
            return replace(person, span=span)
        if sent.previous is None:
            return None
        # Nothing before it in the paragraph: the last name of the kind in the text just before ("... Vincent
        # Jackson ...\nHe was arrested"), from the same rule; evidence is still the pronoun.
        last = next((e for e in reversed(doc_entities(sent.previous)) if _fits(e, want)), None)
        return Argument(span, last.text, last.label_) if last is not None else None

    def _person_antecedent(
        self, pronoun: Token, coargs: set[int], sent: ParsedSentence, doc: Doc, *, after: int
    ) -> Argument | None:
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

    def roles(
        self, token: Token, rule: TriggerRule, sent: ParsedSentence, doc: Doc
    ) -> tuple[Argument | None, Argument | None]:
        if rule.pos == "NOUN" or (token.dep_ == "amod" and token.tag_ == "VBG"):
            # "the shooting death of X": a participle before a noun has the roles of a noun
            source, target = self._noun_roles(token, sent, doc)
            if rule.type is EventType.CONSULT and source is None and target is None:
                # "a meeting of the NATO-Ukraine Commission", "a session of the council": the body that meets.
                source = next(
                    (a for a in (self._actor_arg(t, sent, doc) for t in prep_objects(token, ("of",))) if a), None
                )
            if target is None and rule.type is EventType.CONSULT:
                target = self._shared_partner(token, source, sent, doc)
            return source, target
        subject = subject_of(token)
        patients = passive_patients(token, self.harm_verbs)
        agent = passive_agent(token)
        if patients:
            # A passive's agent is only ever its by-phrase: in "police found the man shot" police shot no one.
            subject = None
            if agent is None:
                # "A man was shot and killed by police": conjoined participles share the agent.
                agent = next((a for c in token.conjuncts if c.tag_ == "VBN" and (a := passive_agent(c))), None)
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
        act = (
            first.head.head
            if first is not None and first.tag_ in {"WDT", "WP"} and first.head.dep_ == "relcl"
            else first
        )
        if act is not None and act.pos_ == "NOUN" and self._is_violent(act, "NOUN"):
            # "A Taliban attack killed two men", "an attack in Kabul that killed 70": who made the attack did it; the
            # attack itself is nobody.
            source = self._noun_roles(act, sent, doc)[0]
        else:
            source = self._actor_arg(first, sent, doc, subject=True)
        if source is None and patients:
            # "He was killed in a U.S. airstrike": who made the attack the harm came in did the harm.
            host = next((o for o in prep_objects(token, ("in",)) if self._is_violent(o, "NOUN")), None)
            if host is not None:
                source = self._noun_roles(host, sent, doc)[0]
        if rule.complement_aux is not None:
            # "Britain said Libya must hand over the suspects": a demand on the complement's subject.
            clause = complement_clause(token, rule)
            return source, self._actor_arg(subject_of(clause) if clause is not None else None, sent, doc, subject=True)
        if rule.roles == "recipient_subject":
            giver = next((self._actor_arg(t, sent, doc) for t in prep_objects(token, ("from",))), None)
            return giver, source
        if rule.roles == "patient_subject":
            # "The boy died of a gunshot wound", "she suffered gunshot wounds": the subject is the one harmed;
            # who fired is not in the clause.
            return None, source
        if rule.roles == "with_partner":
            partner = next((self._actor_arg(t, sent, doc) for t in prep_objects(token, ("with",))), None)
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
        # first for violence and coercion ("a man was shot at a party", "X was arrested for DUI": the charge is not
        # a party), after a recipient for the rest ("... were sent to X").
        if rule.type in _PATIENT_FIRST:
            # What violence or an arrest is "for" is its reason or charge ("to be arrested for DUI", "killed for
            # his views"), never the one it was done to.
            candidates += patients + list(prep_objects(token, PATIENT_TARGET_PREPS))
        else:
            candidates += list(prep_objects(token, TARGET_PREPS)) + patients
        for clause in (c for c in token.children if c.dep_ in {"xcomp", "ccomp"}):
            # "threatened to cut off power to X", "promised to continue aid to X": the one the announced
            # act is aimed at; "demanded that X cancel the sale": the one the demand is made of.
            if clause.dep_ == "ccomp":
                candidates += [c for c in clause.children if c.dep_ == "nsubj"]
            candidates += [c for c in clause.children if c.dep_ in {"dative", "dobj"}]
            candidates += list(prep_objects(clause, TARGET_PREPS))
        target = next((a for a in (self._target_arg(c, source, sent, doc) for c in candidates) if a is not None), None)
        if target is None:
            target = self._conj_partner(first, sent, doc)
        if target is None and rule.type is EventType.ASSAULT:
            target = next((a for a in (self._attacked_thing(c, sent, doc) for c in candidates) if a is not None), None)
        return source, target

    def _attacked_thing(self, token: Token, sent: ParsedSentence, doc: Doc) -> Argument | None:
        """A place, building or vehicle that violence is aimed at ("attacked a bus", "an assault on a military
        base"), kept as written; a named one ("the Marriott hotel") keeps its name in the phrase."""
        if token.pos_ not in {"NOUN", "PROPN"} or token.lemma_.lower() not in self.attack_objects:
            return None
        ent = sent.entity(token)
        if ent is not None and ent.label_ not in {"FAC", "ORG"}:
            return None
        start, end = phrase_bounds(token)
        label = ent.label_ if ent is not None else None
        return Argument(sent.span_of(start, end), doc.text[start:end], label, thing=ent is None)

    def _target_arg(self, token: Token, source: Argument | None, sent: ParsedSentence, doc: Doc) -> Argument | None:
        if token.lower_ in REFLEXIVES:
            # "shot himself": the one who acts is the one harmed; the evidence is the reflexive.
            span = sent.span_of(token.idx, token.idx + len(token.text))
            return replace(source, span=span) if source is not None else None
        return self._actor_arg(token, sent, doc)

    def _shared_partner(self, token: Token, source: Argument | None, sent: ParsedSentence, doc: Doc) -> Argument | None:
        """The other party of "their meeting": the second of the conjoined subjects of the clause ("X and Y arrived
        for their meeting") or the one the subject is with ("X shook hands with Y after their meeting")."""
        if not any(c.dep_ == "poss" and c.lower_ in SHARED_POSSESSIVES for c in token.children):
            return None
        verb = token.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        subject = subject_of(verb)
        partner = self._conj_partner(subject, sent, doc)
        if partner is None and subject is not None:
            partner = next((self._actor_arg(t, sent, doc) for t in prep_objects(verb, ("with",))), None)
        if partner is None or (source is not None and partner.span == source.span):
            return None
        return partner

    def _conj_partner(self, first: Token | None, sent: ParsedSentence, doc: Doc) -> Argument | None:
        """'Russia and Afghanistan signed ...': the second party of a reciprocal event."""
        if first is None:
            return None
        for conj in first.conjuncts:
            arg = self._actor_arg(conj, sent, doc, subject=True)
            if arg is not None:
                return arg
        return None

    def _noun_roles(self, token: Token, sent: ParsedSentence, doc: Doc) -> tuple[Argument | None, Argument | None]:
        if token.dep_ == "compound" and token.head.lemma_.lower() in self.light_nouns:
            # "a mediation effort", "peace talks": the phrase's head carries the roles.
            token = token.head
        source = None
        patient = None
        patient_noun = token.lemma_.lower() in self.patient_possessor_nouns
        for child in token.children:
            if child.dep_ == "poss" and patient_noun:
                # "his arrest", "Navalny's detention": the one it was done to.
                patient = self._actor_arg(child, sent, doc)
                continue
            if child.dep_ in {"compound", "amod"} and child.lower_ in self.offences and patient_noun:
                # "a DUI arrest", "drug arrests": what it was for, not who made it.
                continue
            if child.dep_ in {"poss", "compound", "amod"}:
                source = self._actor_arg(child, sent, doc)
                if source is not None:
                    break
        if source is None:
            # "protests from Islamabad", "an offer by Kabul": the one who makes it
            source = next((self._actor_arg(t, sent, doc) for t in prep_objects(token, NOUN_SOURCE_PREPS)), None)
        if source is None:
            # "a protest organized by the opposition", "the attack, claimed by the Taliban", "the protests have been
            # led by tribes": who organises, leads or claims a happening is who does it.
            source = self._actor_arg(self._doer(token), sent, doc, subject=True)
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
                elif token.dep_ == "dobj" and (
                    head.lemma_.lower() in self.receiving_verbs
                    or (patient_noun and head.lemma_.lower() in self.undergoing_verbs)
                ):
                    # "we are prepared to consider such requests": the one who considers is whom they are made to;
                    # "Jackson had a previous DUI arrest", "faces arrest": the one it is done to.
                    harmed = self._actor_arg(subject_of(head), sent, doc, subject=True)
                elif not self._only_observes(token, head):
                    # "forces were engaged in ethnic cleansing": a passive or adjectival head's subject also acts;
                    # not so for one who looks on or a phrase of time or circumstance ("detained dozens amid the
                    # protests").
                    agent = subject_of(head) or next((c for c in head.children if c.dep_ == "nsubjpass"), None)
                    source = self._actor_arg(agent, sent, doc, subject=True)
        if harmed is None:
            harmed = next((a for a in (self._actor_arg(t, sent, doc) for t in self._outcome_objects(token)) if a), None)
        target = next(
            (a for a in (self._actor_arg(t, sent, doc) for t in prep_objects(token, NOUN_TARGET_PREPS)) if a),
            harmed or patient,
        )
        if target is None and self._is_violent(token, "NOUN"):
            attacked = (self._attacked_thing(t, sent, doc) for t in prep_objects(token, ("on", "against", "at")))
            target = next((a for a in attacked if a is not None), None)
        if target is None:
            # "the shooting of a 16-year-old girl", "the shooting death of Devin Anderson": the person an act is
            # of is the one it was done to (a thing is what it is about: "the delivery of helicopters"); so is any
            # party after an arrest or a killing ("the arrest of several officials").
            holders = [token, token.head] if token.dep_ in {"compound", "amod"} else [token]
            persons = (self._actor_arg(t, sent, doc) for h in holders for t in prep_objects(h, ("of",)))
            target = next(
                (a for a in persons if a is not None and (a.person or a.label == "PERSON" or patient_noun)), None
            )
        return source, target

    def _doer(self, noun: Token) -> Token | None:
        """The by-phrase of a verb of organising or claiming on an event noun: "a protest organized by X", "the
        attack, claimed by X", "the protests have been led by X"."""
        verbs = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        if noun.dep_ == "nsubjpass":
            verbs.append(noun.head)
        for verb in verbs:
            if verb.lemma_.lower() in self.doer_verbs:
                agent = passive_agent(verb)
                if agent is not None:
                    return agent
        return None

    def _outcome_objects(self, noun: Token) -> Iterator[Token]:
        """The people a relative clause on the act says it harmed: "a shooting that left a man dead", "a shooting
        at a bar that sent 4 people to the hospital" (the parser often hangs the clause on the place's noun)."""
        nouns = [noun] + [g for c in noun.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        if noun.dep_ in {"dobj", "pobj", "attr", "nsubj", "nsubjpass"}:
            # "investigating a shooting at a bar that ...": the place's phrase hangs on the verb, beside the act
            nouns += [
                g
                for c in noun.head.children
                if c.dep_ == "prep" and c.i > noun.i
                for g in c.children
                if g.dep_ == "pobj"
            ]
        for holder in nouns:
            for clause in holder.children:
                if clause.dep_ != "relcl" or not self._tells_harm(clause):
                    continue
                yield from (c for c in clause.children if c.dep_ in {"dobj", "nsubjpass"})

    def _tells_harm(self, verb: Token) -> bool:
        if self._is_violent(verb):
            return True  # "a shooting that killed two"
        if verb.lemma_.lower() not in self.harm_outcome_verbs:
            return False
        states = (c for c in verb.children if c.dep_ in {"oprd", "acomp", "ccomp", "xcomp"})
        places = (g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj")
        return any(s.lemma_.lower() in self.harm_states or s.lower_ in self.harm_states for s in states) or any(
            p.lemma_.lower() in self.harm_places for p in places
        )

    def _only_observes(self, noun: Token, head: Token) -> bool:
        """The head verb's subject looks at the act ("police investigate the shooting") or the act only sets the
        time of the clause ("arrested a man after the stabbing"): that subject did not do it."""
        if head.lemma_.lower() in self.observer_verbs:
            return True
        preps = self.sequence_preps | self.circumstance_preps
        if noun.dep_ != "pobj":
            return False
        if noun.head.lower_ in preps:
            return True
        # "police detained two students during (at) the protests": who does the harm is not who protests.
        return (
            noun.head.lower_ in {"during", "at"}
            and head.lemma_.lower() in self.harm_verbs
            and any(c.dep_ == "nsubj" for c in head.children)
            and any(r.type is EventType.PROTEST for r in self.index.get((noun.lemma_.lower(), "NOUN"), ()))
        )

    def _is_violent(self, word: Token, pos: str = "VERB") -> bool:
        """A word that some trigger codes as violence: a verb ("wounded", "killed") whose passive subject is
        harmed, or a noun ("an assault on a base") whose object of "on" or "against" is the target."""
        return any(r.type is EventType.ASSAULT for r in self.index.get((word.lemma_.lower(), pos), ()))
