"""Tests for rule-based event extraction: types, roles, status scope, equipment, quantity, time, evidence."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.model import Article, EventMention, Precision, Span, Status
from newsledger.pack import load_pack
from newsledger.settings import AnnotateSettings
from newsledger.stages.annotate import annotate_articles
from newsledger.stages.events import extract_events
from tests.conftest import DATA

PACK = load_pack(str(DATA / "pack"))
PUBLISHED = date(2025, 3, 10)  # a Monday


def _extract(text: str, published: date | None = PUBLISHED) -> list[EventMention]:
    paragraphs = []
    pos = 0
    for part in text.split("\n\n"):
        paragraphs.append(Span(start=pos, end=pos + len(part)))
        pos += len(part) + 2
    article = Article(
        id="a1", source="test", path=None, url=None, outlet=None, published=published, title=None,
        language="en", text=text, paragraphs=tuple(paragraphs),
    )  # fmt: skip
    [annotated] = annotate_articles([article], pack=PACK, settings=AnnotateSettings())
    return list(extract_events(annotated, pack=PACK))


def _one(text: str) -> EventMention:
    found = _extract(text)
    assert len(found) == 1, [(m.type, text[m.spans.trigger.start : m.spans.trigger.end]) for m in found]
    return found[0]


def test_extract_events_delivery_has_roles_equipment_quantity_and_spans() -> None:
    text = "Russia delivered 12 Pantsir-S1 systems to Iran on 3 March."
    m = _one(text)
    assert (m.type.value, m.mode, m.status) == ("AID", "military", Status.ASSERTED)
    assert m.source is not None and m.source.country == "RUS"
    assert m.target is not None and m.target.country == "IRN"
    assert [e.id for e in m.equipment] == ["PANTSIR_S1"]
    assert m.quantity == 12
    assert m.date is not None and (m.date.start, m.date.end, m.date.precision) == (
        date(2025, 3, 3), date(2025, 3, 3), Precision.DAY,
    )  # fmt: skip
    quoted = {name: text[s.start : s.end] for name, s in [
        ("trigger", m.spans.trigger), ("source", m.spans.source), ("target", m.spans.target),
        ("quantity", m.spans.quantity), ("date", m.spans.date),
    ] if s is not None}  # fmt: skip
    assert quoted == {"trigger": "delivered", "source": "Russia", "target": "Iran", "quantity": "12", "date": "3 March"}
    assert text[m.spans.equipment[0].start : m.spans.equipment[0].end] == "Pantsir-S1"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Moscow denies arming the Taliban.", Status.DENIED),
        ("Officials said Russia supplied weapons to Iran.", Status.ALLEGED),
        ("Russia said it had supplied weapons to Iran.", Status.ASSERTED),
        ("Russia reportedly supplied weapons to Iran.", Status.ALLEGED),
        ("Russia did not deliver the helicopters to Iran.", Status.NEGATED),
        ("If Russia delivered Pantsir-S1 systems to Iran, the region would change.", Status.HYPOTHETICAL),
        ("Russia would deliver helicopters to Iran.", Status.HYPOTHETICAL),
        ("Russia plans to deliver helicopters to Iran.", Status.INTENDED),
        ("Russia will deliver helicopters to Iran.", Status.INTENDED),
        ("Russia will not deliver helicopters to Iran.", Status.NEGATED),
        ("Russia may deliver helicopters to Iran.", Status.POSSIBLE),
        ("Russia is ready to supply helicopters to Iran.", Status.POSSIBLE),
    ],
)
def test_extract_events_status_follows_the_cue_that_governs_the_trigger(text: str, status: Status) -> None:
    found = [m for m in _extract(text) if m.type.value == "AID"]
    assert [m.status for m in found] == [status]


def test_extract_events_negation_elsewhere_in_sentence_does_not_negate_the_event() -> None:
    m = _one("Russia delivered helicopters to Iran, although the ministry would not comment.")
    assert m.status is Status.ASSERTED


def test_extract_events_recipient_subject_swaps_roles() -> None:
    m = _one("Afghanistan received 12 Mi-17 helicopters from Russia on 3 March.")
    assert (m.source and m.source.country, m.target and m.target.country) == ("RUS", "AFG")
    assert m.quantity == 12


def test_extract_events_partner_of_agreement_is_the_target() -> None:
    m = _one("Russia signed an agreement with Afghanistan last year.")
    assert m.type.value == "AGREE"
    assert (m.source and m.source.country, m.target and m.target.country) == ("RUS", "AFG")
    assert m.date is not None and (m.date.start, m.date.end, m.date.precision) == (
        date(2024, 1, 1), date(2024, 12, 31), Precision.YEAR,
    )  # fmt: skip


def test_extract_events_without_time_expression_gets_reported_publication_date() -> None:
    m = _one("Russia supplied weapons to Iran.")
    assert m.date is not None
    assert (m.date.start, m.date.end, m.date.precision) == (PUBLISHED, PUBLISHED, Precision.REPORTED)
    assert m.spans.date is None


def test_extract_events_without_publication_date_makes_up_no_date() -> None:
    [m] = _extract("Russia supplied weapons to Iran.", published=None)
    assert m.date is None


def test_extract_events_date_is_the_one_governing_the_trigger_not_the_first_in_sentence() -> None:
    text = "On Friday, officials recalled that Russia delivered helicopters to Iran in 2019."
    found = [m for m in _extract(text) if m.type.value == "AID"]
    assert [m.date.text if m.date else None for m in found] == ["2019"]


@pytest.mark.parametrize(
    ("text", "when"),
    [
        # the day of the statement is not the day of the shooting: without another date, it is the day reported on
        ("A man was shot in the head, deputies said Sunday in a news release.", (date(2025, 3, 9), Precision.REPORTED)),
        ("A man was shot on Saturday night, police said Monday.", (date(2025, 3, 8), Precision.DAY)),
        ("Officials said on Sunday that Russia had delivered two helicopters.", (date(2025, 3, 9), Precision.REPORTED)),
        ("Russia delivered two helicopters to Mali on Monday, officials said.", (date(2025, 3, 10), Precision.DAY)),
    ],
)
def test_extract_events_a_date_on_a_verb_of_saying_dates_the_statement_not_the_event(
    text: str, when: tuple[date, Precision]
) -> None:
    [m] = [m for m in _extract_security_all(text) if m.type.value in {"ASSAULT", "AID"}]
    assert m.date is not None and (m.date.start, m.date.precision) == when


def test_extract_events_person_alias_spelling_variant_resolves_with_dated_role() -> None:
    m = _one("Mullah Muhammad Yaqub met Russian officials in Kabul on Monday.")
    assert m.type.value == "CONSULT"
    assert m.source is not None and m.source.id == "P_YAQOOB" and m.source.country == "AFG"
    assert m.target is not None and m.target.country == "RUS"
    assert m.location is not None and (m.location.name, m.location.country) == ("Kabul", "AFG")


def test_extract_events_pronoun_points_back_to_actor_earlier_in_paragraph() -> None:
    text = "Iran has expanded its fleet. Last year it received two Mi-17 helicopters from Russia."
    [m] = _extract(text)
    assert m.target is not None and m.target.country == "IRN"
    assert m.spans.target is not None and text[m.spans.target.start : m.spans.target.end] == "it"


def test_extract_events_phrase_trigger_matches_particle() -> None:
    m = _one("Iran shot down a drone over the border on Sunday.")
    assert m.type.value == "ASSAULT"


def test_extract_events_sentence_without_trigger_gives_nothing() -> None:
    assert _extract("The weather in Kabul was mild on Sunday.") == []


def test_extract_events_actor_named_in_subject_phrase_after_preposition() -> None:
    m = _one("Security forces in Iran tortured dozens of prisoners last week.")
    assert m.type.value == "ASSAULT"
    assert m.source is not None and m.source.country == "IRN"


def test_extract_events_unnamed_group_actor_is_kept_as_written() -> None:
    text = "Hundreds of miners demonstrated and protested in the capital on Monday."
    m = _one(text)
    assert m.type.value == "PROTEST"
    assert m.source is not None and m.source.id is None and m.source.country is None
    assert m.spans.source is not None and text[m.spans.source.start : m.spans.source.end] == "miners"


def test_extract_events_group_noun_pointing_back_is_no_actor() -> None:
    assert _extract("The two ministers met on Monday.") == []


def test_extract_events_verbal_protest_with_clause_is_accuse() -> None:
    m = _one("Students protested that the police had beaten them.")
    assert m.type.value == "ACCUSE"


def test_extract_events_refusal_to_act_is_a_reject_event() -> None:
    found = _extract("Iran refused to release the detained sailors.")
    assert [(m.type.value, m.source and m.source.country) for m in found] == [("REJECT", "IRN")]


def test_extract_events_statement_of_what_another_must_do_is_a_request() -> None:
    found = [m for m in _extract("Russia said Iran must stop the tests.") if m.type.value == "REQUEST"]
    assert [(m.source and m.source.country, m.target and m.target.country) for m in found] == [("RUS", "IRN")]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Russian troops demolished houses near Kabul.", "COERCE"),
        ("Russian troops demolished a radar near Kabul.", "ASSAULT"),
    ],
)
def test_extract_events_destroying_property_is_coerce_not_assault(text: str, event_type: str) -> None:
    assert _one(text).type.value == event_type


def test_extract_events_object_behind_quantity_noun_matches_trigger_objects() -> None:
    m = _one("Russia provided 500 tons of food to Afghanistan.")
    assert (m.type.value, m.mode) == ("AID", "humanitarian")
    assert m.target is not None and m.target.country == "AFG"


def test_extract_events_passive_subject_is_the_target() -> None:
    m = _one("Three Afghan soldiers were killed by Iranian troops on Sunday.")
    assert (m.source and m.source.country, m.target and m.target.country) == ("IRN", "AFG")


def test_extract_events_unknown_person_takes_country_from_nationality() -> None:
    m = _one("Afghan envoy Karim Dostzada met Russian officials in Kabul.")
    assert m.source is not None and m.source.id is None and m.source.country == "AFG"


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Russia will deliver helicopters to Iran.", "AGREE"),
        ("Russia delivered helicopters to Iran.", "AID"),
        ("Iran will shoot down any drone over its territory.", "THREATEN"),
        ("Russia will not deliver helicopters to Iran.", "REJECT"),
    ],
)
def test_plover_type_codes_announced_acts_as_plover_does(text: str, plover: str) -> None:
    from newsledger.evaluation.plover import plover_type

    assert plover_type(_one(text)).value == plover


def test_extract_events_target_of_announced_act_comes_from_the_complement() -> None:
    m = _one("Iran threatened to cut off gas to Afghanistan.")
    assert (m.type.value, m.target and m.target.country) == ("THREATEN", "AFG")


def test_extract_events_demand_is_made_of_the_subject_of_its_that_clause() -> None:
    found = [m for m in _extract("Russia demanded that Iran release the sailors.") if m.type.value == "REQUEST"]
    assert [(m.source and m.source.country, m.target and m.target.country) for m in found] == [("RUS", "IRN")]


def test_extract_events_relative_pronoun_stands_for_its_noun() -> None:
    found = [m for m in _extract("Afghanistan, which bought helicopters from Russia, expanded its fleet.")]
    assert [(m.type.value, m.source and m.source.country, m.target and m.target.country) for m in found] == [
        ("AID", "RUS", "AFG")
    ]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Iran lifted the ban on opposition newspapers.", "CONCEDE"),
        ("Iran lifted the state of emergency in the north.", "RETREAT"),
    ],
)
def test_extract_events_easing_bans_is_concede_easing_emergency_is_retreat(text: str, event_type: str) -> None:
    assert _one(text).type.value == event_type


def test_extract_events_adverbial_participle_shares_the_main_subject() -> None:
    found = [m for m in _extract("Iranian police fired on the crowd, killing three Afghan protesters.")]
    assert [(m.type.value, m.source and m.source.country) for m in found] == [("ASSAULT", "IRN")]


def test_extract_events_location_resolves_in_the_gazetteer_with_coordinates() -> None:
    found = [m for m in _extract("Iran shot down a drone over Kandahar on Sunday.") if m.type.value == "ASSAULT"]
    [m] = found
    assert m.location is not None
    assert (m.location.country, m.location.lat is not None, m.location.lon is not None) == ("AFG", True, True)


def _extract_security_all(text: str) -> list[EventMention]:
    pack = load_pack("security")
    article = Article(
        id="a1", source="test", path=None, url=None, outlet=None, published=PUBLISHED, title=None,
        language="en", text=text, paragraphs=(Span(start=0, end=len(text)),),
    )  # fmt: skip
    [annotated] = annotate_articles([article], pack=pack, settings=AnnotateSettings())
    return list(extract_events(annotated, pack=pack))


def _extract_security(text: str) -> list[EventMention]:
    """Deliveries found with the bundled security pack, whose transfer verbs need an equipment object."""
    return [m for m in _extract_security_all(text) if m.type.value == "AID"]


def test_extract_events_pronoun_object_stands_for_equipment_named_before() -> None:
    text = "Iran ordered 12 Pantsir-S1 systems in 2023. Russia delivered them to Iran on 3 March."
    [delivery] = _extract_security(text)
    assert delivery.source is not None and delivery.source.country == "RUS"
    assert delivery.target is not None and delivery.target.country == "IRN"  # "them" is what moved, not who got it
    assert [e.id for e in delivery.equipment] == ["PANTSIR_S1"]
    # Evidence stays inside the sentence: the pronoun, and no quantity quoted from the sentence before.
    [span] = delivery.spans.equipment
    assert text[span.start : span.end] == "them"
    assert delivery.quantity is None


def test_extract_events_pronoun_object_in_the_same_sentence_keeps_quantity() -> None:
    text = "Four Mi-17 helicopters landed in Astana on 3 March after Russia delivered them to Kazakhstan."
    [delivery] = _extract_security(text)
    assert [e.id for e in delivery.equipment] == ["MI17"] and delivery.quantity == 4
    assert delivery.target is not None and delivery.target.country == "KAZ"


def test_extract_events_pronoun_object_without_equipment_before_is_no_delivery() -> None:
    assert _extract_security("The refugees were tired. Officials delivered them to a camp.") == []


@pytest.mark.parametrize(
    ("text", "type_", "place"),
    [
        # on the recipient's phrase, not the trigger's
        ("Russia delivered four Mi-17 helicopters to the Afghan army at Kabul airport on 3 March.", "AID", "Kabul"),
        # on the verb above a noun trigger
        (
            "Kazakhstan and Turkey signed an agreement on military cooperation in Astana on Tuesday.",
            "SUPPORT",
            "Astana",
        ),
        # a city that is the destination
        ("Afghanistan's defence minister paid a visit to Moscow in February.", "CONSULT", "Moscow"),
    ],
)
def test_extract_events_location_is_where_the_event_happened(text: str, type_: str, place: str) -> None:
    [m] = [m for m in _extract_security_all(text) if m.type.value == type_]
    assert m.location is not None and m.location.name == place
    assert m.spans.location is not None and text[m.spans.location.start : m.spans.location.end].startswith(place)


def test_extract_events_a_country_that_is_the_recipient_is_not_the_location() -> None:
    [m] = _extract_security("Russia delivered four Mi-17 helicopters to Afghanistan on 3 March.")
    assert m.location is None


def test_extract_events_equipment_split_from_a_list_keeps_its_catalogue_entry() -> None:
    text = "Russia delivered attack and transport helicopters to Iran on 3 March."
    [m] = _extract_security(text)
    assert sorted(text[s.start : s.end] for s in m.spans.equipment) == ["attack", "transport helicopters"]
    # "attack" is not a catalogue alias as written; the annotator matched it as "attack helicopters".
    assert [(e.id, e.name) for e in m.equipment] == [("G_HELICOPTERS", "helicopters")]


# Participants beyond the dictionary: people named by a noun. The sentences are fictional, written for these tests.
def _roles(text: str, type_: str = "ASSAULT") -> list[tuple[str, str | None, str | None]]:
    """(trigger, source, target) as quoted from the text, for the mentions of one type."""
    found = [m for m in _extract_security_all(text) if m.type.value == type_]

    def quote(span: Span | None) -> str | None:
        return text[span.start : span.end] if span is not None else None

    return [
        (text[m.spans.trigger.start : m.spans.trigger.end], quote(m.spans.source), quote(m.spans.target)) for m in found
    ]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # a subject with an age, an object with a possessive
        (
            "Police said a 19-year-old man shot his neighbour in Dayton on Friday.",
            [("shot", "19-year-old man", "his neighbour")],
        ),
        # conjoined participles share the passive subject
        ("A man was shot and killed Saturday night.", [("shot", None, "man"), ("killed", None, "man")]),
        ("Gunmen attacked a police checkpoint.", [("attacked", "Gunmen", "police checkpoint")]),
        ("His wife and son were killed.", [("killed", None, "His wife")]),
        ("A man was shot by police.", [("shot", "police", "man")]),
        ("The man was shot by police.", [("shot", "police", "man")]),
        ("A man shot his wife.", [("shot", "man", "his wife")]),
        ("Two men were wounded on Sunday.", [("wounded", None, "Two men")]),
        ("One of the victims was shot in the leg.", [("shot", None, "One of the victims")]),
        # an age as the head of its phrase, with and without a person noun
        ("The 24-year-old was shot in the chest.", [("shot", None, "24-year-old")]),
        ("The 24-year-old victim was shot in the chest.", [("shot", None, "24-year-old victim")]),
        # a headline's passive without its auxiliary, and the noun of the same event beside it
        ("Teen killed in overnight shooting", [("killed", None, "Teen"), ("shooting", None, "Teen")]),
        # the one left dead after a shooting, the one a shooting is of
        ("A man is dead after a shooting in Millbrook.", [("shooting", None, "man")]),
        ("The shooting of a 16-year-old girl shocked the neighbourhood.", [("shooting", None, "16-year-old girl")]),
        (
            "Kenneth Marsh was charged with the shooting death of a 20-year-old man.",
            [("shooting", None, "20-year-old man")],
        ),
        # a passive after a preposition was done to the subject of the verb it hangs on
        ("The boy died after being shot.", [("shot", None, "boy")]),
        ("The woman died after being stabbed by her husband.", [("stabbed", "her husband", "woman")]),
        # a death or an injury from a weapon is the attack seen from the one harmed, told by the weapon word; a
        # death of illness is none
        ("The two children died of gunshot wounds.", [("gunshot", None, "two children")]),
        ("A Woodville man died Sunday from a gunshot wound to his chest.", [("gunshot", None, "Woodville man")]),
        ("The teenager succumbed to his gunshot wounds.", [("gunshot", None, "teenager")]),
        ("His daughter sustained a gunshot wound to the head.", [("gunshot", None, "His daughter")]),
        ("His grandfather died of cancer last year.", []),
        ("The man was shot and later died of his wounds.", [("shot", None, "man")]),
        # murder and stabbing are assaults, verb and noun
        ("A man stabbed his brother on Sunday.", [("stabbed", "man", "his brother")]),
        ("A teenager was murdered in his home.", [("murdered", None, "teenager")]),
        # those who investigate, condemn or arrest after an act did not do it
        ("Police are investigating the murder of a 30-year-old woman.", [("murder", None, "30-year-old woman")]),
        ("Detectives are investigating the killing of a man.", [("killing", None, "man")]),
        ("Police arrested a man after the stabbing of a woman.", [("stabbing", None, "woman")]),
        # a clause on the act that tells whom it harmed, even when the parser hangs it on the place
        ("Police are investigating a shooting that left a man dead.", [("shooting", None, "man")]),
        (
            "Police are investigating a shooting at a bar that sent 4 people to the hospital on Sunday.",
            [("shooting", None, "4 people")],
        ),
        ("Police are investigating a shooting at a bar that opened last year.", []),
    ],
)
def test_extract_events_person_phrases_are_participants(
    text: str, roles: list[tuple[str, str | None, str | None]]
) -> None:
    assert _roles(text) == roles


def test_extract_events_person_participant_is_kept_as_written_without_an_id() -> None:
    [m] = _extract_security_all("Police said a 19-year-old man shot his neighbour in Dayton on Friday.")
    assert m.source is not None and (m.source.text, m.source.id, m.source.kind) == ("19-year-old man", None, None)
    assert m.target is not None and (m.target.text, m.target.id, m.target.kind) == ("his neighbour", None, None)


def test_extract_events_place_in_a_person_phrase_is_where_they_are_from_not_who_they_are() -> None:
    [m] = _extract_security_all("A Dayton man was killed on Friday.")
    assert m.target is not None and (m.target.text, m.target.id, m.target.kind) == ("Dayton man", None, None)


def test_extract_events_nationality_in_a_person_phrase_gives_the_country() -> None:
    [m] = _extract_security_all("Israeli troops killed a Palestinian man.")
    assert m.target is not None and (m.target.text, m.target.id, m.target.country) == ("Palestinian man", None, "PSE")


def test_extract_events_reflexive_object_is_the_subject() -> None:
    text = "Police said a 15-year-old boy accidentally shot himself."
    assert _roles(text) == [("shot", "15-year-old boy", "himself")]
    [m] = _extract_security_all(text)
    assert m.target is not None and m.target.text == "15-year-old boy"


def test_extract_events_pronoun_points_back_to_a_person_phrase_of_its_sex() -> None:
    text = "Residents said a woman was found shot in her car. She had been shot twice."
    assert _roles(text) == [("shot", None, "woman"), ("shot", None, "She")]
    assert [m.target.text for m in _extract_security_all(text) if m.target] == ["woman", "woman"]


@pytest.mark.parametrize(
    ("text", "type_", "kept"),
    [
        # violence against a person is an event even when the person is not identified
        ("A man was shot on Friday.", "ASSAULT", True),
        # so is an arrest, of anyone: whether it can corroborate is the specificity rule's to say
        ("A 19-year-old man was arrested on Friday.", "COERCE", True),
        ("A man was arrested on Friday.", "COERCE", True),
        ("Protesters were arrested on Friday.", "COERCE", True),
        # for other acts the target alone must pick out individuals
        ("Delegations were received on Friday.", "CONSULT", False),
    ],
)
def test_extract_events_unnamed_target_alone_must_be_a_person_it_identifies_or_harmed(
    text: str, type_: str, kept: bool
) -> None:
    assert bool(_roles(text, type_)) is kept


def test_extract_events_a_wire_dateline_is_not_the_subject_its_apposition_is() -> None:
    # The parser makes "ASTANA" the subject and the real subject its apposition; the parties must survive.
    text = "ASTANA, Feb 11 (NWS) - Kazakhstan and Türkiye signed an agreement on defence cooperation on Tuesday."
    article = Article(
        id="a1", source="test", path=None, url=None, outlet=None, published=date(2025, 2, 11), title=None,
        language="en", text=text, paragraphs=(Span(start=0, end=len(text)),),
    )  # fmt: skip
    security = load_pack("security")
    [annotated] = annotate_articles([article], pack=security, settings=AnnotateSettings())
    [m] = [m for m in extract_events(annotated, pack=security) if text[m.spans.trigger.start :].startswith("signed")]
    assert m.source is not None and m.source.country == "KAZ"
    assert m.target is not None and m.target.country == "TUR"


# The event's place: its clause, then its sentence, then its paragraph and the dateline. The sentences are fictional,
# written for these tests.
def _extract_paragraphs(text: str) -> list[EventMention]:
    pack = load_pack("security")
    paragraphs, pos = [], 0
    for part in text.split("\n\n"):
        paragraphs.append(Span(start=pos, end=pos + len(part)))
        pos += len(part) + 2
    article = Article(
        id="a1", source="test", path=None, url=None, outlet=None, published=PUBLISHED, title=None,
        language="en", text=text, paragraphs=tuple(paragraphs),
    )  # fmt: skip
    [annotated] = annotate_articles([article], pack=pack, settings=AnnotateSettings())
    return list(extract_events(annotated, pack=pack))


def _assaults(text: str) -> list[EventMention]:
    return [m for m in _extract_paragraphs(text) if m.type.value == "ASSAULT"]


def test_extract_events_place_of_the_clause_counts_a_province() -> None:
    text = "Gunmen attacked a police checkpoint in Kandahar province on Friday."
    [m] = _assaults(text)
    assert m.location is not None and (m.location.name, m.location.country, m.location.kind) == (
        "Kandahar", "AFG", "division",
    )  # fmt: skip
    assert m.spans.location is not None and text[m.spans.location.start : m.spans.location.end] == "Kandahar province"


def test_extract_events_place_of_another_clauses_event_is_never_taken() -> None:
    text = "Officials who met in Moscow on Monday said gunmen attacked a checkpoint in Helmand on Sunday."
    found = {m.type.value: m for m in _extract_paragraphs(text)}
    assert found["CONSULT"].location is not None and found["CONSULT"].location.name == "Moscow"
    assert found["ASSAULT"].location is not None and found["ASSAULT"].location.name == "Helmand"
    [attack] = _assaults("Officials who met in Moscow on Monday said gunmen attacked a police checkpoint.")
    assert attack.location is None


def test_extract_events_place_of_the_sentence_when_the_clause_has_none() -> None:
    text = "In Helmand, a provincial official said on Monday that gunmen attacked a police checkpoint."
    [m] = _assaults(text)
    assert m.location is not None and (m.location.name, m.location.country) == ("Helmand", "AFG")
    assert m.spans.location is not None and text[m.spans.location.start : m.spans.location.end] == "Helmand"


def test_extract_events_place_of_the_paragraph_then_of_the_dateline() -> None:
    text = (
        "Gunmen attacked a police checkpoint in Kandahar province on Friday. "
        "Two policemen were killed when the attackers opened fire, officials said."
    )
    later = [m for m in _assaults(text) if m.sentence.start > 0]
    assert later and all(m.location is not None and m.location.name == "Kandahar" for m in later)
    # The place comes from before the sentence, so the mention quotes no location span.
    assert all(m.spans.location is None for m in later)
    dated = "Fictional fixture.\n\nKHOST — Gunmen attacked a police checkpoint on Sunday, officials said."
    [m] = _assaults(dated)
    assert m.location is not None and (m.location.name, m.location.country) == ("Khost", "AFG")


def _quoted_roles(m: EventMention, text: str) -> tuple[str, str | None, str | None, str | None]:
    def quote(span: Span | None) -> str | None:
        return text[span.start : span.end] if span is not None else None

    return (quote(m.spans.trigger) or "", quote(m.spans.source), quote(m.spans.target), quote(m.spans.location))


def test_extract_events_one_happening_told_twice_shares_its_place() -> None:
    # A participle that tells an attack's outcome, and a killing in an attack: one happening, one place.
    text = "Gunmen attacked a police checkpoint in Kandahar province on Sunday, killing two policemen."
    got = {_quoted_roles(m, text) for m in _assaults(text)}
    assert got == {
        ("attacked", "Gunmen", "police checkpoint", "Kandahar province"),
        ("killing", "Gunmen", "two policemen", "Kandahar province"),
    }
    text = "Two soldiers were killed in an attack in Syria last week."
    assert {_quoted_roles(m, text)[3] for m in _assaults(text)} == {"Syria"}
    # Two happenings in one sentence still keep their own places.
    text = "Officials who met in Moscow on Monday said gunmen attacked a police checkpoint."
    assert [m.location for m in _assaults(text)] == [None]


def test_extract_events_place_named_after_its_kind_and_through() -> None:
    text = "Kurdish rebels attacked a police station in the city of Adana on Friday."
    [m] = _assaults(text)
    assert m.location is not None and (m.location.name, m.location.country) == ("Adana", "TUR")
    [march] = [m for m in _extract_paragraphs("Thousands of protesters marched through Tokyo on Saturday.")]
    assert march.type.value == "PROTEST" and march.location is not None and march.location.name == "Tokyo"


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # a light verb brings the event noun in: the noun is the event, the verb's subject its source
        (
            "The Taliban launched an assault on a military base in Balkh province.",
            ("assault", "Taliban", "military base", "Balkh province"),
        ),
        # a building or vehicle that violence is aimed at is its target when nobody is
        ("Militants attacked a bus near Mandera on Monday.", ("attacked", "Militants", "bus", "Mandera")),
    ],
)
def test_extract_events_roles_of_light_verbs_facilities_and_people(
    text: str, roles: tuple[str, str | None, str | None, str | None]
) -> None:
    found = [_quoted_roles(m, text) for m in _extract_paragraphs(text)]
    assert found == [roles]


def test_extract_events_possessor_of_an_arrest_is_the_one_arrested() -> None:
    text = "The opposition leader's arrest in Moscow on Sunday drew protests."
    [m] = [m for m in _extract_paragraphs(text) if m.type.value == "COERCE"]
    assert _quoted_roles(m, text)[1:3] == (None, "opposition leader")
    # an offence before the noun says what it was for, and one who has or faces an arrest undergoes it
    for text in ("Jackson had a previous DUI arrest in Mandera.", "Jackson faces a drug arrest in Mandera."):
        [m] = [m for m in _extract_paragraphs(text) if m.type.value == "COERCE"]
        assert _quoted_roles(m, text)[1:3] == (None, "Jackson")
    text = "Police made a drug arrest in Mandera on Friday."
    [m] = [m for m in _extract_paragraphs(text) if m.type.value == "COERCE"]
    assert _quoted_roles(m, text)[1:3] == ("Police", None)
    # a visit is not violence: the base visited is no target
    visit = "The minister visited a military base in Balkh province on Monday."
    assert all(m.spans.target is None for m in _extract_paragraphs(visit))


def test_extract_events_unknown_name_keeps_the_country_it_was_introduced_with() -> None:
    text = (
        "FICTIONAL fixture. The minister spoke in an interview with the Russian news agency Volga Press.\n\n"
        "\u201cWe plan to buy helicopters from you,\u201d the minister told Volga Press."
    )
    [m] = [m for m in _extract_paragraphs(text) if m.type.value == "AID"]
    assert m.source is not None and m.source.country == "RUS"


@pytest.mark.parametrize(
    "text",
    [
        # a headline's passive without its auxiliary: the one arrested, not the arrester
        "Chargers' Jackson arrested on suspicion of DUI",
        # the charge after "for" is not a party; the passive subject is the one arrested
        "Jackson was arrested for DUI on Tuesday.",
    ],
)
def test_extract_events_the_one_arrested_is_the_target(text: str) -> None:
    assert _roles(text, "COERCE") == [("arrested", None, "Jackson")]


def test_code_texts_a_pronoun_opening_a_paragraph_stands_for_a_name_in_the_one_before() -> None:
    from newsledger.coding import code_texts
    from newsledger.settings import Settings

    # Fictional text written for this test.
    text = "Chargers receiver Vincent Jackson failed a sobriety test.\n\nHe was arrested early Tuesday for DUI."
    [(_, [mention])] = code_texts([("x", text, None)], pack=load_pack("security"), settings=Settings())
    assert mention.target is not None and mention.target.name == "Vincent Jackson"
    # The evidence stays in the event's own sentence: the pronoun.
    assert mention.spans.target is not None and text[mention.spans.target.start : mention.spans.target.end] == "He"


# Towns before event nouns, meeting places and shared possessives. The sentences are fictional, written
# for these tests.
def test_extract_events_town_before_an_event_noun_is_its_place_not_its_source() -> None:
    text = "The Mandera shooting left five officers dead on Thursday."
    [m] = _assaults(text)
    assert m.source is None
    assert m.location is not None and (m.location.name, m.location.country) == ("Mandera", "KEN")
    # a state before the noun is a party
    text = "Turkish airstrikes hit rebel positions on Monday."
    assert [_quoted_roles(m, text)[1] for m in _assaults(text)] == ["Turkish"]


def test_extract_events_place_of_a_meeting_is_no_party_to_it() -> None:
    text = "Senator Kell arrived for a breakfast meeting at Sylvia's Restaurant on Monday."
    [m] = [m for m in _extract_paragraphs(text) if m.type.value == "CONSULT"]
    assert _quoted_roles(m, text)[:3] == ("meeting", "Kell", None)
    # nor is what it is about, nor a town visited, which is where it was
    text = "Norway's meeting on Ukraine took place in Kabul on Monday."
    [m] = [m for m in _extract_paragraphs(text) if m.type.value == "CONSULT"]
    assert _quoted_roles(m, text) == ("meeting", "Norway", None, "Kabul")
    text = "President Rell plans to visit Kabul on Tuesday."
    [m] = [m for m in _extract_paragraphs(text) if m.type.value == "CONSULT"]
    assert _quoted_roles(m, text) == ("visit", "Rell", None, "Kabul")
    # a capital that acts stands for its government
    text = "Kabul hosted a round of peace talks on Monday."
    [m] = [m for m in _extract_paragraphs(text) if m.type.value == "CONSULT"]
    assert _quoted_roles(m, text)[1] == "Kabul"


def test_extract_events_their_meeting_has_both_parties() -> None:
    text = "President Rell and Prime Minister Osk arrived for their meeting in Oslo on Monday."
    [m] = [m for m in _extract_paragraphs(text) if m.type.value == "CONSULT"]
    assert _quoted_roles(m, text) == ("meeting", "Rell", "Osk", "Oslo")


@pytest.mark.parametrize(
    ("text", "type_", "kept"),
    [
        ("The woman fought back tears as she described her son on Monday.", "ASSAULT", False),
        ("The coalition vowed to fight drug trafficking on Monday.", "ASSAULT", False),
        ("The rebels fought government troops near Mandera on Monday.", "ASSAULT", True),
        ("A federal judge struck down the city rules for protesters on Thursday.", "ASSAULT", False),
        ("A drone struck a convoy near Mandera on Monday.", "ASSAULT", True),
        ("Allied states will not march in lockstep with their neighbour.", "PROTEST", False),
        ("Thousands of students marched in Mandera on Monday.", "PROTEST", True),
        ("The two men refused to talk about what had happened.", "CONSULT", False),
        ("President Rell talked with Prime Minister Osk on Monday.", "CONSULT", True),
        ("President Rell and Prime Minister Osk talked on Monday.", "CONSULT", True),
        # what one meets that is nobody to meet with
        ("The new rifles meet the requirements of the army.", "CONSULT", False),
        ("The plan is meeting with the approval of the council.", "CONSULT", False),
        ("President Rell will meet the leaders of the opposition on Monday.", "CONSULT", True),
        # a protest lodged by a state, and a rival's attacks, are words: no demonstration, no violence
        ("Norway lodged a diplomatic protest with Kenya on Monday.", "PROTEST", False),
        ("Students staged a protest in Mandera on Monday.", "PROTEST", True),
        ("Senator Kell faced withering attacks from his rivals on Monday.", "ASSAULT", False),
        ("Gunmen carried out attacks on two villages near Mandera on Monday.", "ASSAULT", True),
    ],
)
def test_extract_events_other_senses_of_trigger_words_are_no_events(text: str, type_: str, kept: bool) -> None:
    assert (type_ in {m.type.value for m in _extract_paragraphs(text)}) is kept


def test_extract_events_outcome_has_the_date_of_the_act_it_tells() -> None:
    text = "A drone struck a house near Mandera on Saturday, killing two men."
    found = {_quoted_roles(m, text)[0]: m for m in _assaults(text)}
    assert set(found) == {"struck", "killing"}
    assert all(m.date is not None and m.date.text == "Saturday" for m in found.values())


def test_extract_events_happening_the_headline_states_is_asserted() -> None:
    text = (
        "Gunmen kill two policemen at Mandera checkpoint\n\n"
        "FICTIONAL fixture. Gunmen attacked a police checkpoint near Mandera on Sunday, killing two policemen, "
        "a police spokesman said."
    )
    statuses = {_quoted_roles(m, text)[0]: m.status for m in _assaults(text)}
    assert statuses == {"kill": Status.ASSERTED, "attacked": Status.ASSERTED, "killing": Status.ASSERTED}
    # without the headline, the spokesman's claim is alleged
    body = text.split("\n\n")[1]
    assert {m.status for m in _assaults(body)} == {Status.ALLEGED}


def test_extract_events_campaign_rally_is_a_meeting_not_a_protest() -> None:
    # Fictional sentences written for this test: a candidate meets supporters; no one protests.
    text = "Senator Kell spoke to supporters at a campaign rally in Mandera on Monday."
    assert {m.type.value for m in _extract_paragraphs(text)} == {"CONSULT"}
    text = "Thousands of students joined a rally against the new tax in Mandera on Monday."
    assert "PROTEST" in {m.type.value for m in _extract_paragraphs(text)}


def test_extract_events_a_happening_during_protests_named_after_a_town_took_place_there() -> None:
    # Fictional sentences written for this test.
    text = "Police detained two students during the Nairobi protests on Friday."
    [m] = [m for m in _extract_paragraphs(text) if m.type.value == "COERCE"]
    assert _quoted_roles(m, text) == ("detained", "Police", "two students", "Nairobi")
    # the police who detain people during protests are not the protesters
    text = "Police detained two students during protests in Mandera on Friday."
    assert all(m.spans.source is None for m in _extract_paragraphs(text) if m.type.value == "PROTEST")
    # those detained in a passive clause are
    text = "Two students were detained during protests in Mandera on Friday."
    assert [_quoted_roles(m, text)[1] for m in _extract_paragraphs(text) if m.type.value == "PROTEST"] == [
        "Two students"
    ]
