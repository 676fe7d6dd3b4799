"""Extract event mentions from annotated articles with the pack's trigger rules and the dependency parse."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsledger.model import (
    ActorRef,
    Attribution,
    EquipmentRef,
    EventDate,
    EventMention,
    EventType,
    MentionSpans,
    Place,
    Precision,
    Span,
    Status,
    TimeExpression,
    TimexType,
    content_id,
)
from newsledger.pack import Pack, TriggerRule
from newsledger.stages.actor_countries import PLACE_LABELS, country_hint, introduced_countries, place_hint
from newsledger.stages.annotate import AnnotatedArticle, doc_entities
from newsledger.stages.arguments import NUMBER_WORDS, SCALE_WORDS, phrase_bounds
from newsledger.stages.attribution import AttributionCues, attribution_at, find_attributions, quoted_pronoun_actor
from newsledger.stages.clauses import governing_trigger, locatives, one_happening, root_of, tree_distance
from newsledger.stages.headline import headline_span, stated_by_the_headline
from newsledger.stages.participants import Argument, ParticipantFinder, prep_objects
from newsledger.stages.places import PLACE_KIND_NOUNS, build_gazetteer, resolve_place
from newsledger.stages.resolve import (
    Resolver,
    build_resolver,
    resolve_actor,
    resolve_equipment,
    sector_of_phrase,
)
from newsledger.stages.sentences import ParsedSentence
from newsledger.stages.specificity import Participant, is_specific, opens_with_disaster
from newsledger.stages.status import assess_status_detail, attributed_status, is_dateline
from newsledger.stages.toponyms import dateline_place, find_toponyms
from newsledger.stages.triggers import object_tokens, sentence_triggers, trigger_index

EXTRACTOR = "rules.v3"  # v3: unnamed people as participants, passives and reflexives; v2: phrase-internal actors
# The prepositions whose object is where an event happened, most telling first ("from" is where things came from).
PLACE_PREP_ORDER = (
    "at",
    "in",
    "near",
    "outside",
    "inside",
    "over",
    "across",
    "into",
    "through",
    "throughout",
    "around",
)
# Places small enough to say where an event happened when named before its noun ("the Dallas shooting").
LOCAL_PLACE_KINDS = frozenset({"city", "division"})
TOWN_LABELS = frozenset({"GPE", "LOC"})
# The outcome a verb of violence may take right after it, which makes one phrase of the act ("shot dead").
OUTCOME_WORDS = frozenset({"dead"})
# Words of direction between a town and the country that holds it ("Grimmen, northern Germany").
COMPASS_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"}
    | {"northeastern", "northwestern", "southeastern", "southwestern", "northeast", "northwest", "southeast"}
    | {"southwest"}
)
# A meeting at or in a place is held there: the place is no party to it.
MEETING_PLACE_PREPS = frozenset({"at", "in", "inside", "outside"})
# What a meeting is about: no party to it either.
TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})
# Sectors of sources that speak for a state: an unnamed ministry or official is of the dateline's country.
OFFICIAL_SECTORS = frozenset({"government", "military", "police", "intelligence", "legislature", "judiciary"})
DATELINE_PARAGRAPHS = 3
INSTITUTION_CACHE = 10_000
# Events whose target alone says that something happened to someone.
HARMFUL = frozenset({EventType.ASSAULT, EventType.COERCE})
# Sentences at the head of an article (a headline, a site's line, the lede) that say what it reports on.
LEDE_SENTENCES = 3
# Dependencies that link a trigger noun to the verb or noun it belongs to ("cooperation" <- "on" <- "agreement").
CHAIN_DEPS = frozenset({"dobj", "pobj", "prep", "nsubjpass", "compound"})
# Prepositions that attach an event's recipient or partner, whose own phrase may say where ("to the army at X").
ARGUMENT_PREPS = frozenset({"to", "with", "for"})
# Prepositions that put the clause's happening inside another one ("arrested during the protests", "killed in the
# Mosul campaign").
CO_OCCURRING_PREPS = ("during", "amid", "amidst", "in")
# Prepositions that put the trigger's happening at another one, whose place it shares ("shot at a protest in X").
HOST_PREPS = ("at", "during", "amid", "amidst")
# Prepositions that put a site in its town ("the army base in Kashmir", "the embassy at Manila").
SITE_PREPS = ("in", "at", "near", "outside")
# An event noun takes its target with "on" or "against" ("an attack on a checkpoint in Kandahar").
NOUN_ARGUMENT_PREPS = ARGUMENT_PREPS | {"on", "against"}


class _Extractor:
    def __init__(self, annotated: AnnotatedArticle, pack: Pack) -> None:
        self.annotated = annotated
        self.article = annotated.article
        self.pack = pack
        self.resolver: Resolver = build_resolver(pack)
        self.gazetteer = build_gazetteer(pack)
        self.index = trigger_index(pack)
        self.partitives = pack.resolve_words.get("partitives", frozenset())
        # A date on a verb of saying is the statement's ("deputies said Monday"), not the event's.
        self.speech = pack.cue(Status.ALLEGED, "reporting")
        self.participants = ParticipantFinder(pack, self.index)
        # Every place name of the article, resolved once with the whole article as context.
        self.toponyms = {
            (t.span.start, t.span.end): t for t in find_toponyms(annotated, gazetteer=self.gazetteer, pack=pack)
        }
        self.dateline = dateline_place(annotated, gazetteer=self.gazetteer)
        self.cues = AttributionCues.of(pack)
        self._ents: dict[int, dict[int, SpacySpan]] = {}
        self._sources: dict[tuple[str, str | None, str | None, tuple[str, ...]], ActorRef | None] = {}
        self.attributions = find_attributions(annotated, cues=self.cues, resolve_source=self._resolve_source)
        # Event types whose trigger a natural cause took in this article (``natural_cause``).
        self.natural_types: set[EventType] = set()

    @functools.cached_property
    def _introduced(self) -> dict[str, str]:
        return introduced_countries(
            self.annotated, ents_of=self._doc_ents, resolver=self.resolver, on=self.article.published
        )

    def _doc_ents(self, doc: Doc) -> dict[int, SpacySpan]:
        ents = self._ents.get(id(doc))
        if ents is None:
            ents = self._ents[id(doc)] = {i: ent for ent in doc_entities(doc) for i in range(ent.start, ent.end)}
        return ents

    def _resolve_source(self, token: Token, sent: SpacySpan, offset: int) -> tuple[Span, ActorRef] | None:
        """A report's source, found and resolved as an event's acting participant is."""
        parsed = ParsedSentence(sent, offset, self._doc_ents(token.doc))
        arg = self.participants.actor_argument(token, parsed, token.doc)
        if arg is None:
            if token.pos_ not in {"NOUN", "PROPN"}:
                return None
            # "the ministry", "a senior general": a source the participant rules leave out is still someone.
            start, end = phrase_bounds(token)
            arg = Argument(parsed.span_of(start, end), token.doc.text[start:end], None)
        # An article cites the same sources again and again ("the ministry said"): each is resolved once.
        key = (arg.text, arg.label, arg.core, arg.hints)
        if key not in self._sources:
            self._sources[key] = self._resolve(arg, self.article.published, sent.text)
        ref = self._sources[key]
        if ref is not None:
            ref = replace(ref, text=arg.text)
        country = self._dateline_country
        if ref is not None and ref.country is None and ref.sector in OFFICIAL_SECTORS and country is not None:
            # "KABUL — ..., the Ministry of Defence said": an official source of no named country is the dateline's.
            ref = replace(ref, country=country)
            state = self.gazetteer.countries.get(country)
            words = arg.text.split()
            name = " ".join(words[1:] if words[0].lower() == "the" else words)
            if state is not None:
                found = _state_institution(self.resolver, f"{name} of {state.name}", self.article.published)
                if found.id is not None and found.country == country:
                    ref = replace(found, text=arg.text)
        return (arg.span, ref) if ref is not None else None

    @functools.cached_property
    def _dateline_country(self) -> str | None:
        """The country of a wire dateline's place ("KABUL —", "MOSCOW, April 2 (NWS) -"), if the article has one."""
        # The headline and a byline may come first.
        starts = {p.start for p in self.article.paragraphs[:DATELINE_PARAGRAPHS]}
        for para in (p for p in self.annotated.paragraphs if p.offset in starts):
            first = next(iter(para.doc.sents), None)
            if first is not None and is_dateline(first[0], first):
                place = resolve_place(first[0].text, gazetteer=self.gazetteer)
                return place.country if place is not None else None
        return None

    def _organisation(self, speaker: ActorRef) -> ActorRef | None:
        """What "we" stands for in a speaker's quotation: the organisation a person held a role in on the date,
        the speaker when it is an organisation, and for an unnamed official, the state of their country."""
        if speaker.kind != "person" and speaker.id is not None:
            return speaker
        org = self.resolver.by_id.get(speaker.org or "")
        if org is not None:
            return resolve_actor(org.name, resolver=self.resolver, on=self.article.published)
        if speaker.id is None and speaker.country is not None:
            state = self.gazetteer.countries.get(speaker.country)
            name = state.name if state is not None else speaker.country
            return ActorRef(text=speaker.text, id=None, name=name, country=speaker.country, sector=speaker.sector)
        return None

    def _quoted(self, arg: Argument | None, ref: ActorRef | None) -> tuple[Argument | None, ActorRef | None]:
        """A first- or second-person pronoun in a quotation stands for the speaker, their organisation or whom they
        address; "I" or "you" with nobody to stand for is dropped."""
        if arg is None:
            return arg, ref
        is_pronoun, actor = quoted_pronoun_actor(
            arg.span, self.article.text, self.attributions, self.cues, self._organisation
        )
        if not is_pronoun:
            return arg, ref
        if actor is not None:
            return arg, replace(actor, text=arg.span.quote(self.article.text))
        word = arg.span.quote(self.article.text).lower()
        # An antecedent found for "we" stands; the bare pronoun names nobody.
        return (arg, ref) if word in self.cues.first_plural and arg.text.lower() != word else (None, None)

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

    def _quantity(self, ent: SpacySpan, sent: ParsedSentence) -> tuple[int, Span] | None:
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
        self, token: Token, sent: ParsedSentence, doc: Doc, triggers: set[int]
    ) -> tuple[EventDate | None, Span | None]:
        best: tuple[int, TimeExpression] | None = None
        said: tuple[int, TimeExpression] | None = None  # the nearest date of a statement that reports the event
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
            root = root_of(doc, timex.span.start - sent.offset, timex.span.end - sent.offset)
            if root is None:
                continue
            distance = tree_distance(root, token, triggers, self.speech)
            if distance is not None and (best is None or distance < best[0]):
                best = (distance, timex)
            elif (
                distance is None
                and (on_statement := tree_distance(root, token, triggers)) is not None
                and (said is None or on_statement < said[0])
            ):
                said = (on_statement, timex)
        if (
            best is None
            and token.head.i in triggers
            and token.tag_ == "VBG"
            and (token.dep_ == "advcl" or token.dep_ == "conj" and token.head.tag_ == "VBG")
        ):
            # "struck a house on Saturday, killing two (and wounding three)": the outcome has the date of the act it
            # tells, and an outcome joined to it the same date.
            return self._date(token.head, sent, doc, triggers)
        if best is not None:
            timex = best[1]
            assert timex.range_start is not None and timex.range_end is not None
            precision = timex.precision or Precision.DAY
            return EventDate(
                start=timex.range_start, end=timex.range_end, precision=precision, text=timex.text
            ), timex.span
        if said is not None and said[1].range_end is not None:
            # "A man was shot, police said Monday": the statement's day bounds the event from above, as a
            # publication day does.
            day = said[1].range_end
            return EventDate(start=day, end=day, precision=Precision.REPORTED, text=said[1].text), said[1].span
        return self._reported_date(), None

    def _weapon_of(self, token: Token, rule: TriggerRule) -> Token:
        """The object word by which a death or an injury counts as an attack (the rule's object), else the verb."""
        objects = rule.objects or frozenset()
        return next((o for o in object_tokens(token, rule.pos, self.partitives) if o.lemma_.lower() in objects), token)

    def _reported_date(self) -> EventDate | None:
        # No time expression: the publication day, marked as such; no date at all when that is unknown.
        day = self.article.published
        return EventDate(start=day, end=day, precision=Precision.REPORTED, text=None) if day else None

    def _wider_location(
        self, token: Token, sent: ParsedSentence, triggers: set[int]
    ) -> tuple[Place, Span | None] | None:
        """Where the event happened when its clause does not say: the sentence's place, else the paragraph's or the
        dateline's.

        A place in another event's clause is that event's, never this one's ("officials who met in Moscow said
        gunmen attacked a checkpoint": the attack is not in Moscow). A place from before the sentence has no span
        in it: the mention gives the place with no location span.
        """
        found = self._sentence_location(token, sent, triggers)
        if found is not None:
            return found
        place = self._paragraph_place(sent) or self.dateline
        return (place, None) if place is not None else None

    def _is_place(self, ent: SpacySpan, sent: ParsedSentence) -> bool:
        """A place entity, or a name the article's places hold whatever its label ("shot in Dayton")."""
        return ent.label_ in PLACE_LABELS or any(
            sent.offset + ent.start_char <= s and e <= sent.offset + ent.end_char for s, e in self.toponyms
        )

    def _sentence_location(self, token: Token, sent: ParsedSentence, triggers: set[int]) -> tuple[Place, Span] | None:
        """A place of the sentence outside every other event's clause, the nearest to the trigger first."""
        best: tuple[int, Place, Span] | None = None
        for ent in locatives(sent.sent, sent.ents, lambda e: self._is_place(e, sent), destinations=True):
            governor = governing_trigger(ent.root, triggers)
            if governor not in {None, token.i} and not one_happening(token, sent.sent.doc[governor]):
                continue
            found = self._place_at(ent.root, sent, ())
            if found is None or found[0].kind is None and found[0].country is None:
                continue
            # A town one travels to is where things happen ("agreed when he travelled to Moscow"); a country is not.
            if ent.root.head.lower_ == "to" and found[0].kind != "city":
                continue
            distance = abs(ent.root.i - token.i)
            if best is None or distance < best[0]:
                best = (distance, *found)
        return (best[1], best[2]) if best else None

    def _paragraph_place(self, sent: ParsedSentence) -> Place | None:
        """The place named last before the sentence in its paragraph: "Gunmen attacked a checkpoint in Kandahar
        province. Two policemen were killed." places the killing in Kandahar."""
        for previous in reversed(sent.before):
            for ent in reversed(locatives(previous, sent.ents, lambda e: self._is_place(e, sent))):
                known = self.toponyms.get((sent.offset + ent.start_char, sent.offset + ent.end_char))
                if known is not None and known.place is not None:
                    return known.place
        return None

    @staticmethod
    def _holders(token: Token) -> list[Token]:
        """The trigger, then the words it hangs from up to its verb."""
        holders = [token]
        head = token
        while head.dep_ in CHAIN_DEPS and head.head.i != head.i and len(holders) < 4:
            head = head.head
            if head.pos_ != "ADP":
                holders.append(head)
            if head.pos_ in {"VERB", "AUX"}:
                break
        return holders

    def _clause_location(
        self, token: Token, sent: ParsedSentence, taken: list[Span], parties: Sequence[ActorRef | None]
    ) -> tuple[Place, Span] | None:
        """A place attached to the trigger, else to one of its arguments.

        A place in a prepositional phrase on the trigger ("met in Moscow") comes first, then one on the trigger's
        object or recipient ("delivered helicopters to the army at Kabul airport"). A town or city that is itself
        the recipient or the destination ("a visit to Moscow", "delivered to Kabul") is also where it happened;
        a country named as a party is not a location.
        """
        # The trigger, then the words it hangs from up to its verb: "signed an agreement on cooperation in Astana"
        # attaches the place to "signed", above the trigger "cooperation".
        holders = self._holders(token)
        arguments = [c for c in token.children if c.dep_ in {"dobj", "dative", "nsubjpass", "attr"}]
        preps = NOUN_ARGUMENT_PREPS if token.pos_ == "NOUN" else ARGUMENT_PREPS
        arguments += [
            g for c in token.children if c.dep_ in {"prep", "dative"} and c.lower_ in preps for g in c.children
        ]
        # One level into an argument's own complement: "signed an agreement on cooperation in Astana".
        arguments += [g for a in list(arguments) for c in a.children if c.dep_ == "prep" for g in c.children]
        countries = [p.country for p in parties if p is not None and p.country]
        fallback: tuple[Place, Span] | None = None
        for holder in holders + arguments:
            here = [f for obj in prep_objects(holder, PLACE_PREP_ORDER) if (f := self._place_at(obj, sent, countries))]
            free = [f for f in here if not any(f[1].start < t.end and t.start < f[1].end for t in taken)]
            if free:
                return _most_specific(free)
            for candidate in here:
                place = candidate[0]
                # A party's span: a town ("to Kabul") still says where; a country ("to Afghanistan") does not.
                if fallback is None and place != self.gazetteer.countries.get(place.country or ""):
                    fallback = candidate
        if fallback is not None:
            return fallback
        for holder in holders:
            for obj in prep_objects(holder, ("to",)):
                found = self._place_at(obj, sent, countries)
                if found is not None and found[0] != self.gazetteer.countries.get(found[0].country or ""):
                    return found
        # "shot at a protest in Barquisimeto", "attacks in Tehran that killed 17": what happens at, during or as
        # part of another happening happens where it does.
        for host in self._hosts(token, holders):
            for obj in prep_objects(host, PLACE_PREP_ORDER):
                found = self._place_at(obj, sent, countries)
                if found is not None and found[0].kind is not None:
                    return found
        # "arrested several people during the New York protests": what happened during a happening named after its
        # town happened there too.
        for holder in holders:
            for obj in prep_objects(holder, CO_OCCURRING_PREPS):
                # the town as the preposition's object is the same phrase parsed apart ("during the Nairobi | protests")
                named = [obj] if obj.pos_ == "PROPN" else []
                named += [c for c in obj.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
                for word in named:
                    found = self._place_at(word, sent, countries)
                    if found is not None and found[0].kind in LOCAL_PLACE_KINDS:
                        return found
        return None

    def _hosts(self, token: Token, holders: list[Token]) -> list[Token]:
        """Event nouns the trigger's happening is part of: the object of "at" or "during" on the trigger or the
        words it hangs from ("shot at a protest"), and the noun a relative clause of the trigger describes ("the
        attacks ... that killed 17")."""
        hosts = [obj for holder in holders for obj in prep_objects(holder, HOST_PREPS)]
        if token.dep_ in {"relcl", "acl"}:
            hosts.append(token.head)
        return [h for h in hosts if h.pos_ == "NOUN" and (h.lemma_.lower(), "NOUN") in self.index]

    def _named_place(self, token: Token, rule: TriggerRule, sent: ParsedSentence) -> tuple[Place, Span] | None:
        """A town or a province named before an event noun ("the Dallas shooting", "the Brussels summit"). A country
        there is a party ("U.S. airstrikes"), and so is a name that is not a place ("Taliban attacks")."""
        if rule.pos != "NOUN":
            return None
        for child in token.children:
            if child.dep_ != "compound" or child.pos_ != "PROPN":
                continue
            found = self._place_at(child, sent, ())
            if found is not None and found[0].kind in LOCAL_PLACE_KINDS:
                return found
        return None

    def _is_where(
        self,
        arg: Argument,
        rule: TriggerRule,
        sent: ParsedSentence,
        named: tuple[Place, Span] | None,
        *,
        is_source: bool,
    ) -> bool:
        if named is not None and arg.span.start < named[1].end and named[1].start < arg.span.end:
            return True
        if rule.type is not EventType.CONSULT:
            return False
        # "visited Islamabad", "a visit to Kabul": a town one goes to meet in is where, not whom, one meets. As the
        # one who acts, a capital stands for its government ("Moscow hosted the talks").
        if not is_source and self._town(arg) is not None:
            return True
        lo = arg.span.start - sent.offset
        root = next((t for t in sent.sent if t.idx >= lo), None)
        if root is None:
            return False
        while root.head.i != root.i and arg.span.start <= sent.offset + root.head.idx < arg.span.end:
            root = root.head
        # "a meeting at the White House", "talks on Ukraine": where it is held and what it is about.
        return root.dep_ == "pobj" and root.head.lower_ in MEETING_PLACE_PREPS | TOPIC_PREPS

    def _town(self, arg: Argument) -> Place | None:
        """The town or province an argument names, if it is one."""
        known = self.toponyms.get((arg.span.start, arg.span.end))
        if arg.label not in TOWN_LABELS or known is None or known.place is None:
            return None
        return known.place if known.place.kind in LOCAL_PLACE_KINDS else None

    def _place_at(self, obj: Token, sent: ParsedSentence, countries: Sequence[str]) -> tuple[Place, Span] | None:
        ent = sent.entity(obj)
        if ent is None and obj.lower_ in PLACE_KIND_NOUNS and obj.is_lower:
            # "in the city of Adana", "in the province of Helmand": the place is the of-complement; in "the St.
            # Louis suburb", the name before the noun.
            named = next(prep_objects(obj, ("of",)), None)
            if named is None:
                named = next((c for c in obj.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
            ent = sent.entity(named) if named is not None else None
        if ent is None and obj.pos_ == "NOUN" and (obj.lemma_.lower(), "NOUN") not in self.index:
            return self._site_at(obj, sent, countries)
        if ent is None or not self._is_place(ent, sent):
            return None
        span = sent.span_of(ent.start_char, ent.end_char)
        # The name as the article's places resolved it; else towards the countries of the event's own actors.
        known = self.toponyms.get((span.start, span.end))
        if known is not None and known.place is not None:
            return known.place, self._with_container(ent, known.place, sent)
        place = resolve_place(ent.text, gazetteer=self.gazetteer, countries=countries)
        if place is None:
            ref = resolve_actor(ent.text, resolver=self.resolver, on=self.article.published)
            place = Place(name=ent.text, country=ref.country)
        return place, self._with_container(ent, place, sent)

    def _site_at(self, obj: Token, sent: ParsedSentence, countries: Sequence[str]) -> tuple[Place, Span] | None:
        """A site in a named town ("at the Indian army base in Kashmir", "outside a shopping complex in Bangkok"):
        the town is the place, and the evidence is the whole phrase from the site to the town."""
        # A site is a thing one can point at ("a hotel", "the embassy", "Abe's residence"), not "point-blank range".
        if not any(c.dep_ in {"det", "poss"} for c in obj.children):
            return None
        town = next(prep_objects(obj, SITE_PREPS), None)
        if town is None or sent.entity(town) is None:
            return None
        found = self._place_at(town, sent, countries)
        if found is None or found[0].kind is None:
            return None
        start = min(t.idx for t in obj.subtree if t.i <= obj.i and t.dep_ != "punct")
        return found[0], Span(start=sent.offset + start, end=found[1].end)

    def _with_container(self, ent: SpacySpan, place: Place, sent: ParsedSentence) -> Span:
        """The place as written: a town with the state or country after it that says which town it is ("in
        Caracas, Venezuela", "in Grimmen, northern Germany"); the name alone otherwise."""
        doc = ent.doc
        i = ent.end
        if place.country is None or place.kind == "country" or i >= len(doc) or doc[i].text != ",":
            return sent.span_of(ent.start_char, ent.end_char)
        i += 1
        while i < len(doc) and doc[i].lower_ in COMPASS_WORDS:
            i += 1
        after = sent.ents.get(i) if i < len(doc) else None
        if after is None or after.start != i or after.label_ not in TOWN_LABELS:
            return sent.span_of(ent.start_char, ent.end_char)
        start, end = sent.offset + after.start_char, sent.offset + after.end_char
        known = self.toponyms.get((start, end))
        container = known.place if known is not None else None
        if container is None or container.country != place.country or container.kind == "city":
            return sent.span_of(ent.start_char, ent.end_char)
        return sent.span_of(ent.start_char, after.end_char)

    # --- mentions ----------------------------------------------------------------------------
    def mentions(self) -> Iterator[EventMention]:
        found: list[EventMention] = []
        previous = None
        lede: list[SpacySpan] = []  # the article's first sentences: its headline and what it opens with
        for para in self.annotated.paragraphs:
            if len(lede) < LEDE_SENTENCES:
                lede += list(para.doc.sents)[: LEDE_SENTENCES - len(lede)]
            if not para.parsed:
                previous = para.doc  # no tags: no trigger can match there, but its names stay
                continue
            doc = para.doc
            ents = self._doc_ents(doc)
            sents = list(doc.sents)
            for n, sent_span in enumerate(sents):
                sent = ParsedSentence(sent_span, para.offset, ents, sents[max(0, n - 2) : n], previous)
                found.extend(self._sentence_mentions(sent, doc))
            previous = doc
        if any(opens_with_disaster(sent, self.pack) for sent in lede):
            # "Strong earthquake jolts southern Iran": the report is of the disaster, whatever verb told it.
            self.natural_types |= HARMFUL
        # In a report of an earthquake or a flood, deaths and injuries nobody is said to have caused ("Ten people
        # were killed and 50 hurt") are the disaster's toll, not attacks.
        kept = [m for m in found if m.source is not None or m.type not in self.natural_types]
        yield from stated_by_the_headline(kept, self._headline)

    @functools.cached_property
    def _headline(self) -> Span | None:
        return headline_span(self.article)

    def _sentence_mentions(self, sent: ParsedSentence, doc: Doc) -> Iterator[EventMention]:
        found, light, natural = sentence_triggers(sent, self.index, self.pack)
        self.natural_types |= natural
        types_by_token = {t.i: r.type for t, r in found}
        found = [(t, r) for t, r in found if t.i not in light]
        trigger_ids = {t.i for t, _ in found}
        for token, rule in found:
            # "signed an agreement": the noun repeats the verb's event.
            if (
                rule.pos == "NOUN"
                and token.head.i not in light
                and types_by_token.get(token.head.i) == rule.type
                and token.head.i != token.i
            ):
                continue
            mention = self._mention(token, rule, sent, doc, trigger_ids)
            if mention is not None:
                yield mention

    def _mention(
        self, token: Token, rule: TriggerRule, sent: ParsedSentence, doc: Doc, triggers: set[int]
    ) -> EventMention | None:
        source_arg, target_arg = self.participants.roles(token, rule, sent, doc)
        named_place = self._named_place(token, rule, sent)
        # "the Dallas shooting", "the Brussels summit": a town before an event noun says where, not who; so does
        # the place a meeting is at or in ("a meeting at Sylvia's Restaurant").
        if source_arg is not None and self._is_where(source_arg, rule, sent, named_place, is_source=True):
            source_arg = None
        if target_arg is not None and self._is_where(target_arg, rule, sent, named_place, is_source=False):
            # "visited Islamabad": the town visited is where the meeting was.
            town = self._town(target_arg) if rule.type is EventType.CONSULT else None
            named_place = named_place or (town, target_arg.span) if town is not None else named_place
            target_arg = None
        # "I" or "you" outside a quotation, or in one whose speaker is unknown, stands for nobody we can name.
        source_arg = self._quoted(source_arg, None)[0] if source_arg is not None else None
        target_arg = self._quoted(target_arg, None)[0] if target_arg is not None else None
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
            for pronoun in (t for t in object_tokens(token, rule.pos, self.partitives) if t.pos_ == "PRON"):
                ent = sent.antecedent_equipment(pronoun)
                if ent is None:
                    continue
                equipment_ents = [ent]
                if ent.start >= sent.sent.start:
                    equipment_spans, quantity_ents = [sent.span_of(ent.start_char, ent.end_char)], [ent]
                else:
                    equipment_spans = [sent.span_of(pronoun.idx, pronoun.idx + len(pronoun.text))]
                break
        has_no_participant = source_arg is None and not equipment_ents and not _holds_alone(target_arg, rule)
        event_date, date_span = self._date(token, sent, doc, triggers)
        # A named happening ("the shooting", "the blast") may stand without participants when dated or named after
        # its town ("the Dallas shooting"); a verb without any is a parse that lost them.
        if has_no_participant and (rule.pos != "NOUN" or not (_is_dated(event_date) or named_place is not None)):
            return None
        on = event_date.start if event_date else self.article.published
        # The sentence is context for resolution: a title or organisation named beside an ambiguous name.
        source_arg, source = self._quoted(source_arg, self._resolve(source_arg, on, sent.sent.text))
        target_arg, target = self._quoted(target_arg, self._resolve(target_arg, on, sent.sent.text))
        if source is not None and target is not None and source.id is not None and source.id == target.id:
            target, target_arg = None, None
        equipment = tuple(
            resolve_equipment(e.text, resolver=self.resolver, entry_id=e.id_ or None) for e in equipment_ents
        )
        quantity = next((q for q in (self._quantity(e, sent) for e in quantity_ents) if q), None)
        clause_location = named_place or self._clause_location(token, sent, taken, (source, target))
        wider = None if clause_location is not None else self._wider_location(token, sent, triggers)
        location = clause_location or wider
        if location is not None and location[0].country:
            # People and groups no dictionary names are of the country where the event happened.
            source, target = (_in_country(a, location[0].country) for a in (source, target))
        # Only a place the event's own clause names helps identify a happening that has nobody in it.
        own_place = clause_location[0] if clause_location is not None else None
        if has_no_participant and own_place is None:
            # An event nobody takes part in is kept only when the sentence says when and where it happened
            # ("the shooting happened at 2 a.m. Saturday in Dayton"): then it identifies one happening.
            return None
        mode = rule.military_mode if equipment and rule.military_mode else rule.mode
        named = self._weapon_of(token, rule) if rule.roles == "patient_subject" else token
        # "died of gunshot wounds", "sustained a gunshot wound": the weapon word names the attack.
        trigger_span = sent.span_of(named.idx, named.idx + len(named.text))
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if following is not None and following.head.i == token.i and following.lower_ in OUTCOME_WORDS:
            # "was shot dead": one act told by the verb and its outcome; the evidence is both words.
            trigger_span = sent.span_of(token.idx, following.idx + len(following.text))
        sentence = sent.span_of(sent.sent.start_char, sent.sent.end_char)
        attribution = attribution_at(trigger_span, self.attributions)
        cue = assess_status_detail(token, pack=self.pack, resolver=self.resolver, source=source)
        status = attributed_status(
            cue, attribution, source=source, target=target, group_nouns=self.cues.unnamed_sources
        )
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
                place=own_place,
                pack=self.pack,
            ),
            attribution=attribution,
        )

    def _resolve(self, arg: Argument | None, on: date | None, context: str | None = None) -> ActorRef | None:
        if arg is None:
            return None
        ref = resolve_actor(arg.text, resolver=self.resolver, on=on, kind_hint=arg.label, context=context)
        if ref.id is None and arg.core:
            core = resolve_actor(arg.core, resolver=self.resolver, on=on, kind_hint=arg.label, context=context)
            if core.id is not None:
                return replace(core, text=arg.text)
        if ref.country is None:
            # An unknown actor stays unknown, but a state named in or around it gives its country
            # ("Nigerian Union of Teachers", "Georgian President X"), and so does a place ("officials in Helmand",
            # "a Dayton man"), or the way the article first introduced the name ("the Russian news agency Volga
            # Press ... told Volga Press").
            country = (
                country_hint((*arg.hints, arg.text), resolver=self.resolver, on=on)
                or place_hint(arg, gazetteer=self.gazetteer)
                or self._introduced.get(arg.text.lower())
            )
            if country is not None:
                ref = replace(ref, country=country)
        if ref.id is None and ref.sector is None:
            # Named after a place or a state ("officials in Helmand"), an unknown actor's head noun still says
            # who it is.
            ref = replace(ref, sector=sector_of_phrase(arg.text, resolver=self.resolver))
        return ref


_INSTITUTIONS: dict[tuple[int, str, date | None], ActorRef] = {}


def _state_institution(resolver: Resolver, name: str, on: date | None) -> ActorRef:
    """ "Ministry of Defence of Afghanistan": looked up once per name and day, since the fuzzy lookup is slow and
    every article of a wire service names the same ministry."""
    key = (id(resolver), name, on)
    found = _INSTITUTIONS.get(key)
    if found is None:
        if len(_INSTITUTIONS) > INSTITUTION_CACHE:
            _INSTITUTIONS.clear()
        found = _INSTITUTIONS[key] = resolve_actor(name, resolver=resolver, on=on)
    return found


def _in_country(actor: ActorRef | None, country: str) -> ActorRef | None:
    if actor is None or actor.id is not None or actor.country is not None:
        return actor
    return replace(actor, country=country)


def _is_dated(event_date: EventDate | None) -> bool:
    return event_date is not None and event_date.precision in {Precision.DAY, Precision.WEEK}


def _holds_alone(target: Argument | None, rule: TriggerRule) -> bool:
    """Whether a target is enough to code an event on when nothing else is found.

    An unnamed group ("delegations") is an actor only as the one who acts; as the sole argument it is too weak.
    People whom the phrase picks out ("a 19-year-old man", "his wife", "two people") are enough, and so is any
    person ("a man was shot") as the victim of violence, and any group as the one harmed or held ("three soldiers
    were killed", "twenty protesters were arrested").
    """
    if target is None:
        return False
    if target.label is not None or target.individual:
        return True
    return rule.type in HARMFUL


def _participant(arg: Argument | None, ref: ActorRef | None) -> Participant | None:
    if arg is None:
        return None
    return Participant(text=arg.text, label=arg.label, ref=ref, individual=arg.individual, thing=arg.thing)


def _unique_equipment(items: tuple[EquipmentRef, ...]) -> tuple[EquipmentRef, ...]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.id or item.name.lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return tuple(out)


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


def extract_attributions(annotated: AnnotatedArticle, *, pack: Pack) -> tuple[Attribution, ...]:
    """Every attribution in one article (with or without an event inside), sources resolved as participants are."""
    return _Extractor(annotated, pack).attributions


def _most_specific(found: Sequence[tuple[Place, Span]]) -> tuple[Place, Span]:
    """The first place, or a town or province of the country it names that the same words give later: "In Japan,
    hundreds marched through Tokyo neighborhoods" happened in Tokyo."""
    first = found[0]
    if first[0].kind != "country":
        return first
    inner = (f for f in found[1:] if f[0].kind in LOCAL_PLACE_KINDS and f[0].country == first[0].country)
    return next(inner, first)
