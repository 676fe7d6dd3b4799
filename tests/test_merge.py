"""Tests for merging mentions into events: blocking, conflicts, sources, order independence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.model import ActorRef, Event, EventMention, EventType, Place, Precision, Span, Status
from newsledger.settings import MergeSettings
from newsledger.stages.merge import keep_event_ids, link_denials, merge_mentions
from tests.conftest import actor, info, mention

RUS = actor("Russia", "RUS")
AFG = actor("Afghanistan", "AFG")
IRN = actor("Iran", "IRN")
CFG = MergeSettings()


def test_merge_mentions_same_delivery_two_outlets_is_one_event_with_two_independent_sources() -> None:
    ms = [
        mention("m1", "a1", source=RUS, target=AFG, equipment=("Mi-17",), quantity=4),
        mention("m2", "a2", source=RUS, target=AFG, equipment=("Mi-17",), quantity=4),
    ]
    infos = {"a1": info("a1", "one.example"), "a2": info("a2", "two.example")}
    [event] = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    assert event.mention_ids == ("m1", "m2")
    assert (event.sources.articles, event.sources.outlets, event.sources.independent) == (2, 2, 2)
    assert event.conflicts == ()
    assert event.quantity == 4


def test_merge_mentions_copy_counts_once_among_independent_sources() -> None:
    ms = [mention("m1", "a1", source=RUS, target=AFG), mention("m2", "a2", source=RUS, target=AFG)]
    infos = {"a1": info("a1", "wire.example"), "a2": info("a2", "paper.example", original="a1")}
    [event] = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    assert (event.sources.articles, event.sources.outlets, event.sources.independent) == (2, 2, 1)


def test_merge_mentions_disagreeing_quantity_is_kept_as_conflict() -> None:
    ms = [
        mention("m1", "a1", source=RUS, target=AFG, equipment=("Pantsir",), quantity=12),
        mention("m2", "a2", source=RUS, target=AFG, equipment=("Pantsir",), quantity=10),
    ]
    infos = {"a1": info("a1", "one.example"), "a2": info("a2", "two.example")}
    [event] = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    [conflict] = event.conflicts
    assert conflict.field == "quantity"
    assert conflict.values == (("10", ("m2",)), ("12", ("m1",)))


def test_merge_mentions_close_dates_with_same_equipment_merge_with_date_conflict() -> None:
    ms = [
        mention("m1", "a1", source=RUS, target=AFG, equipment=("Mi-17",), day=date(2025, 3, 3)),
        mention("m2", "a2", source=RUS, target=AFG, equipment=("Mi-17",), day=date(2025, 3, 4)),
    ]
    infos = {"a1": info("a1", "one.example"), "a2": info("a2", "two.example")}
    [event] = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    assert [c.field for c in event.conflicts] == ["date"]


def test_merge_mentions_distinct_deals_a_year_apart_stay_apart() -> None:
    ms = [
        mention("m1", "a1", source=RUS, target=AFG, day=date(2024, 3, 3)),
        mention("m2", "a2", source=RUS, target=AFG, day=date(2025, 3, 3)),
    ]
    infos = {"a1": info("a1", "one.example"), "a2": info("a2", "two.example")}
    assert len(merge_mentions(ms, infos, settings=CFG, pack_version="p")) == 2


def test_merge_mentions_different_targets_or_equipment_stay_apart() -> None:
    ms = [
        mention("m1", "a1", source=RUS, target=AFG, equipment=("Mi-17",)),
        mention("m2", "a2", source=RUS, target=IRN, equipment=("Mi-17",)),
        mention("m3", "a3", source=RUS, target=AFG, equipment=("Su-25",)),
    ]
    infos = {a: info(a, f"{a}.example") for a in ("a1", "a2", "a3")}
    assert len(merge_mentions(ms, infos, settings=CFG, pack_version="p")) == 3


def test_merge_mentions_denial_never_merges_into_the_claim() -> None:
    ms = [
        mention("m1", "a1", source=RUS, target=AFG, status=Status.ALLEGED),
        mention("m2", "a2", source=RUS, target=AFG, status=Status.DENIED),
    ]
    infos = {"a1": info("a1", "one.example"), "a2": info("a2", "two.example")}
    statuses = sorted(e.status for e in merge_mentions(ms, infos, settings=CFG, pack_version="p"))
    assert statuses == [Status.ALLEGED, Status.DENIED]


def test_merge_mentions_never_chains_through_a_third_mention() -> None:
    # m2 has no target so it agrees with both; m1 and m3 disagree, so they must not end in one event.
    ms = [
        mention("m1", "a1", source=RUS, target=AFG),
        mention("m2", "a2", source=RUS, target=None),
        mention("m3", "a3", source=RUS, target=IRN),
    ]
    infos = {a: info(a, f"{a}.example") for a in ("a1", "a2", "a3")}
    events = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    for e in events:
        assert not {"m1", "m3"} <= set(e.mention_ids)


@pytest.mark.parametrize("second_story", ["s1", "s2"])
def test_merge_mentions_report_dated_only_by_publication_joins_a_dated_one_only_in_the_same_story(
    second_story: str,
) -> None:
    # Nothing but the publication date places the second report: in the same story it joins the dated event
    # before its publication; in another story it is not known to be the same delivery and stays apart.
    ms = [
        mention("m1", "a1", source=RUS, target=AFG, day=date(2025, 3, 3)),
        mention("m2", "a2", source=RUS, target=AFG, day=date(2025, 3, 10), precision=Precision.REPORTED),
    ]
    infos = {
        "a1": info("a1", "one.example", story="s1"),
        "a2": info("a2", "two.example", published=date(2025, 3, 10), story=second_story),
    }
    events = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    if second_story == "s1":
        [event] = events
        assert event.date is not None and event.date.start == date(2025, 3, 3)
        assert event.date.precision is Precision.DAY
    else:
        assert sorted(e.mention_ids for e in events) == [("m1",), ("m2",)]
        assert all(e.sources.independent == 1 for e in events)


_pool = [
    mention(f"m{i}", f"a{i % 4}", type=t, source=s, target=g, equipment=e, day=d)
    for i, (t, s, g, e, d) in enumerate(
        [
            (EventType.AID, RUS, AFG, ("Mi-17",), date(2025, 3, 3)),
            (EventType.AID, RUS, AFG, ("Mi-17",), date(2025, 3, 4)),
            (EventType.AID, RUS, None, (), date(2025, 3, 3)),
            (EventType.AID, RUS, IRN, ("Su-25",), date(2025, 3, 3)),
            (EventType.AGREE, RUS, IRN, (), date(2025, 1, 1)),
            (EventType.AGREE, IRN, RUS, (), date(2025, 1, 2)),
            (EventType.AID, RUS, AFG, ("Su-25",), date(2025, 5, 3)),
            (EventType.CONSULT, AFG, RUS, (), None),
        ]
    )
]
_infos = {f"a{i}": info(f"a{i}", f"o{i % 2}.example") for i in range(4)}


@settings(max_examples=60, deadline=None)
@given(st.permutations(_pool), st.integers(min_value=1, max_value=len(_pool)))
def test_merge_mentions_is_order_independent_and_idempotent(order: list, n: int) -> None:
    subset = sorted(order[:n], key=lambda m: m.id)
    shuffled = [m for m in order if m in subset]
    first = merge_mentions(subset, _infos, settings=CFG, pack_version="p")
    again = merge_mentions(shuffled + shuffled, _infos, settings=CFG, pack_version="p")
    assert first == again
    assert sorted(mid for e in first for mid in e.mention_ids) == sorted(m.id for m in subset)


def test_link_denials_links_denial_to_claim_about_same_parties_both_by_source_and_recipient() -> None:
    ms = [
        mention("claim", "a1", source=IRN, target=AFG, status=Status.ALLEGED, day=date(2025, 1, 20)),
        mention("by_source", "a2", source=IRN, target=AFG, status=Status.DENIED, day=date(2025, 1, 28)),
        mention("by_recipient", "a3", source=AFG, target=None, status=Status.DENIED, day=date(2025, 1, 29)),
        mention("other_type", "a4", type=EventType.ACCUSE, source=IRN, status=Status.DENIED, day=date(2025, 1, 28)),
        mention("much_later", "a5", source=IRN, target=AFG, status=Status.DENIED, day=date(2026, 1, 28)),
    ]
    infos = {a: info(a, f"{a}.example") for a in ("a1", "a2", "a3", "a4", "a5")}
    events = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    by_mention = {e.mention_ids[0]: e.id for e in events}
    links = link_denials(events, settings=CFG)
    assert sorted(links) == sorted(
        [(by_mention["by_source"], by_mention["claim"]), (by_mention["by_recipient"], by_mention["claim"])]
    )


def test_merge_mentions_asserted_and_alleged_reports_do_not_conflict_but_a_plan_does() -> None:
    ms = [
        mention("m1", "a1", source=RUS, target=AFG, status=Status.ASSERTED),
        mention("m2", "a2", source=RUS, target=AFG, status=Status.ALLEGED),
    ]
    infos = {a: info(a, f"{a}.example") for a in ("a1", "a2", "a3")}
    [event] = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    assert event.conflicts == ()
    ms.append(mention("m3", "a3", source=RUS, target=AFG, status=Status.INTENDED))
    [event] = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    assert [c.field for c in event.conflicts] == ["status"]


def _ids_by_mention(events: list) -> dict[str, str]:
    return {m: e.id for e in events for m in e.mention_ids}


def test_keep_event_ids_an_earlier_report_arriving_later_keeps_the_event_id() -> None:
    late = mention("m2", "a2", source=RUS, target=AFG, equipment=("Mi-17",))
    first = merge_mentions([late], {"a2": info("a2", "two.example", date(2025, 3, 9))}, settings=CFG, pack_version="p")
    early = mention("m1", "a1", source=RUS, target=AFG, equipment=("Mi-17",))
    infos = {"a1": info("a1", "one.example", date(2025, 3, 4)), "a2": info("a2", "two.example", date(2025, 3, 9))}
    merged = merge_mentions([early, late], infos, settings=CFG, pack_version="p")
    assert merged[0].id != first[0].id  # the content id follows the earliest report ...
    [kept], retired = keep_event_ids(merged, _ids_by_mention(first))
    assert kept.id == first[0].id  # ... but the ledger keeps the id users may have cited
    assert kept.mention_ids == ("m1", "m2") and retired == {}


def test_keep_event_ids_without_a_previous_build_changes_nothing() -> None:
    ms = [mention("m1", "a1", source=RUS, target=AFG), mention("m2", "a2", source=IRN, target=AFG)]
    events = merge_mentions(ms, {"a1": info("a1", "x"), "a2": info("a2", "y")}, settings=CFG, pack_version="p")
    kept, retired = keep_event_ids(events, {})
    assert kept == events and retired == {}
    again, _ = keep_event_ids(kept, _ids_by_mention(kept))
    assert again == kept


def test_keep_event_ids_two_events_that_merge_keep_one_id_and_retire_the_other() -> None:
    events = [
        replace(merge_mentions([mention(m, a)], {a: info(a, a)}, settings=CFG, pack_version="p")[0], id=eid)
        for m, a, eid in (("m1", "a1", "old-1"), ("m2", "a2", "old-2"))
    ]
    infos = {a: info(a, o, story="s1") for a, o in (("a1", "x"), ("a2", "y"), ("a3", "z"))}
    merged = merge_mentions(
        [mention(m, a) for m, a in (("m1", "a1"), ("m2", "a2"), ("m3", "a3"))], infos, settings=CFG, pack_version="p"
    )
    [event], retired = keep_event_ids(merged, _ids_by_mention(events))
    assert event.id == "old-1"
    assert retired == {"old-2": "old-1"}


def test_keep_event_ids_an_event_that_splits_keeps_its_id_once() -> None:
    previous = {"m1": "old-1", "m2": "old-1", "m3": "old-1"}
    ms = [
        mention("m1", "a1", source=RUS, target=AFG),
        mention("m2", "a2", source=RUS, target=AFG),
        mention("m3", "a3", source=IRN, target=AFG),
    ]
    infos = {a: info(a, a) for a in ("a1", "a2", "a3")}
    kept, retired = keep_event_ids(merge_mentions(ms, infos, settings=CFG, pack_version="p"), previous)
    by_mentions = {e.mention_ids: e.id for e in kept}
    assert by_mentions[("m1", "m2")] == "old-1"  # the larger part keeps the id
    assert by_mentions[("m3",)] != "old-1"
    assert len({e.id for e in kept}) == 2 and retired == {}


def test_merge_mentions_joins_the_compatible_event_it_agrees_with_most() -> None:
    four = mention("m1", "a1", source=RUS, target=IRN, equipment=("Mi-17",), quantity=4)
    twelve = mention("m2", "a2", source=RUS, target=IRN, equipment=("Su-35",), quantity=12)
    # Names no equipment: compatible with both deliveries; its quantity says which one it reports.
    vague = mention("m3", "a3", source=RUS, target=IRN, quantity=4)
    infos = {a: info(a, f"{a}.example") for a in ("a1", "a2", "a3")}
    for order in ([four, twelve, vague], [twelve, four, vague], [vague, twelve, four]):
        events = merge_mentions(order, infos, settings=CFG, pack_version="p")
        assert sorted(e.mention_ids for e in events) == [("m1", "m3"), ("m2",)]


def test_merge_mentions_with_nothing_else_to_go_on_joins_the_event_whose_sentence_it_resembles() -> None:
    from dataclasses import replace as with_

    port = with_(mention("m1", "a1", source=RUS, target=IRN, equipment=("Mi-17",)),
                 words=("arrive", "bandar", "helicopter", "port", "ship", "unload"))  # fmt: skip
    air = with_(mention("m2", "a2", source=RUS, target=IRN, equipment=("Su-35",)),
                words=("air", "base", "fighter", "fly", "hamadan", "land"))  # fmt: skip
    vague = with_(mention("m3", "a3", source=RUS, target=IRN),
                  words=("arrive", "bandar", "port", "ship", "weapon"))  # fmt: skip
    infos = {a: info(a, f"{a}.example") for a in ("a1", "a2", "a3")}
    events = merge_mentions([port, air, vague], infos, settings=CFG, pack_version="p")
    assert sorted(e.mention_ids for e in events) == [("m1", "m3"), ("m2",)]


def _placed(m: EventMention, place: Place, *, stated: bool = True) -> EventMention:
    """The mention with a place its sentence states (a location span), or one from its paragraph (no span)."""
    span = Span(start=30, end=36) if stated else None
    return replace(m, location=place, spans=replace(m.spans, location=span))


AFGHANISTAN = Place(name="Afghanistan", country="AFG", kind="country")
HERAT = Place(name="Herat", country="AFG", lat=34.35, lon=62.2, kind="city")
KABUL = Place(name="Kabul", country="AFG", lat=34.53, lon=69.17, kind="city")


def test_merge_mentions_a_country_and_a_city_in_it_are_one_place_told_more_precisely() -> None:
    ms = [
        _placed(mention("m1", "a1", source=RUS, target=AFG, equipment=("Mi-17",)), AFGHANISTAN),
        _placed(mention("m2", "a2", source=RUS, target=AFG, equipment=("Mi-17",)), HERAT),
    ]
    infos = {"a1": info("a1", "one.example", date(2025, 3, 4)), "a2": info("a2", "two.example")}
    [event] = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    assert event.location == HERAT
    assert event.conflicts == ()


def test_merge_mentions_two_cities_block_the_merge_and_a_country_joins_the_first_report() -> None:
    ms = [
        _placed(mention("m1", "a1", source=RUS, target=AFG, equipment=("Mi-17",)), KABUL),
        _placed(mention("m2", "a2", source=RUS, target=AFG, equipment=("Mi-17",)), HERAT),
        _placed(mention("m3", "a3", source=RUS, target=AFG, equipment=("Mi-17",)), AFGHANISTAN),
    ]
    infos = {
        "a1": info("a1", "one.example", date(2025, 3, 4)),
        "a2": info("a2", "two.example"),
        "a3": info("a3", "three.example", date(2025, 3, 3)),
    }
    events = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    # Deliveries to Kabul and to Herat on one day are two deliveries; the report naming only the country fits both
    # and joins one of them, never both.
    assert sorted(sorted(e.mention_ids) for e in events) == [["m1", "m3"], ["m2"]]
    assert all(e.conflicts == () for e in events)
    assert next(e for e in events if "m1" in e.mention_ids).location == KABUL


GUNMAN = actor("a gunman")
VICTIM = actor("a 24-year-old man")


def test_merge_mentions_non_specific_mention_never_joins_another_article_nor_adds_a_source() -> None:
    # "Police are continuing to investigate" after two different shootings: the same words, no happening named.
    ms = [
        replace(mention("m1", "a1", type=EventType.ACCUSE, source=actor("police")), specific=False),
        replace(mention("m2", "a2", type=EventType.ACCUSE, source=actor("police")), specific=False),
    ]
    infos = {"a1": info("a1", "one.example", story="s1"), "a2": info("a2", "two.example", story="s1")}
    events = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    assert sorted(e.mention_ids for e in events) == [("m1",), ("m2",)]
    assert all(not e.specific and e.sources.independent == 1 for e in events)


def test_merge_mentions_non_specific_mention_joins_only_its_own_articles_event() -> None:
    ms = [
        mention("m1", "a1", type=EventType.ASSAULT, source=RUS, target=AFG),
        replace(mention("m2", "a1", type=EventType.ASSAULT, source=RUS, target=AFG), specific=False),
        mention("m3", "a2", type=EventType.ASSAULT, source=RUS, target=AFG),
        replace(mention("m4", "a3", type=EventType.ASSAULT, source=RUS, target=AFG), specific=False),
    ]
    infos = {a: info(a, f"{a}.example", story="s1") for a in ("a1", "a2", "a3")}
    events = {tuple(sorted(e.mention_ids)): e for e in merge_mentions(ms, infos, settings=CFG, pack_version="p")}
    assert set(events) == {("m1", "m2", "m3"), ("m4",)}
    assert events[("m1", "m2", "m3")].specific and events[("m1", "m2", "m3")].sources.independent == 2
    assert not events[("m4",)].specific and events[("m4",)].sources.independent == 1


def test_merge_mentions_same_story_joins_unnamed_participants_told_differently() -> None:
    ms = [
        mention("m1", "a1", type=EventType.ASSAULT, source=GUNMAN, target=VICTIM),
        mention("m2", "a2", type=EventType.ASSAULT, source=actor("the suspect"), target=VICTIM),
    ]
    infos = {"a1": info("a1", "one.example", story="s1"), "a2": info("a2", "two.example", story="s1")}
    [event] = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    assert event.sources.independent == 2


def test_merge_mentions_similar_reports_in_different_stories_without_anchors_stay_apart() -> None:
    # Two shootings in one week: both "a gunman shot a 24-year-old man", dated only by publication.
    ms = [
        mention("m1", "a1", type=EventType.ASSAULT, source=GUNMAN, target=VICTIM, precision=Precision.REPORTED),
        mention("m2", "a2", type=EventType.ASSAULT, source=GUNMAN, target=VICTIM, precision=Precision.REPORTED),
    ]
    infos = {"a1": info("a1", "one.example", story="s1"), "a2": info("a2", "two.example", story="s2")}
    events = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    assert len(events) == 2 and all(e.sources.independent == 1 for e in events)


def test_merge_mentions_strong_anchors_join_reports_across_stories() -> None:
    # Stories differ (say one outlet framed it as a diplomatic row), but the same named parties and the same
    # day say it is one strike.
    ms = [
        mention("m1", "a1", type=EventType.ASSAULT, source=RUS, target=actor("Ukraine", "UKR")),
        mention("m2", "a2", type=EventType.ASSAULT, source=RUS, target=actor("Ukraine", "UKR")),
    ]
    infos = {"a1": info("a1", "one.example", story="s1"), "a2": info("a2", "two.example", story="s2")}
    [event] = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    assert event.sources.independent == 2


def _merged_in_one_story(ms: list[EventMention]) -> list[Event]:
    """Merge mentions of articles a1 and a2, two outlets whose articles are in one story."""
    infos = {a: info(a, f"{a}.example", story="s1") for a in ("a1", "a2")}
    return merge_mentions(ms, infos, settings=CFG, pack_version="p")


def test_merge_mentions_conflicting_place_blocks_even_within_a_story() -> None:
    kharkiv = Place(name="Kharkiv", country="UKR", kind="city")
    odesa = Place(name="Odesa", country="UKR", kind="city")
    ms = [
        _placed(mention("m1", "a1", type=EventType.ASSAULT, source=RUS), kharkiv),
        _placed(mention("m2", "a2", type=EventType.ASSAULT, source=RUS), odesa),
    ]
    events = _merged_in_one_story(ms)
    assert sorted(e.mention_ids for e in events) == [("m1",), ("m2",)]


def test_merge_mentions_two_named_victims_block_even_within_a_story() -> None:
    ana = replace(actor("Ana Ruiz"), id=None, kind="person")
    ben = replace(actor("Ben Ode"), id=None, kind="person")
    ms = [
        mention("m1", "a1", type=EventType.ASSAULT, source=GUNMAN, target=ana),
        mention("m2", "a2", type=EventType.ASSAULT, source=GUNMAN, target=ben),
    ]
    events = _merged_in_one_story(ms)
    assert sorted(e.mention_ids for e in events) == [("m1",), ("m2",)]


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        ("26 Somali pirates", "23 Somali and Yemeni pirates", False),
        ("12 Somali and 11 Yemeni nationals", "23 Somali and Yemeni pirates", True),
        ("two gunmen", "three gunmen", False),
        ("two gunmen", "the two attackers", True),
        ("at least 20 fighters", "26 fighters", True),
        ("two men, aged 19 and 24", "two men", True),
        ("a gunman", "two gunmen", True),
    ],
)
def test_merge_mentions_different_counts_of_one_class_block_even_within_a_story(
    first: str, second: str, merged: bool
) -> None:
    # Two boardings by one navy in one story: the numbers of pirates captured say they are two happenings; an
    # approximate count, a single "a gunman" or ages after the count say nothing against one.
    navy = actor("Indian Navy", "IND")
    ms = [
        # The pirates' nationality resolves both to Somalia; the counts still tell them apart.
        mention("m1", "a1", type=EventType.COERCE, source=navy, target=actor(first, "SOM")),
        mention("m2", "a2", type=EventType.COERCE, source=navy, target=actor(second, "SOM")),
    ]
    events = _merged_in_one_story(ms)
    assert len(events) == (1 if merged else 2)


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        ("a 19-year-old man", "a 42-year-old man", False),
        ("the three-year-old", "a 7-year-old boy", False),
        ("a 6-month-old girl", "a 9-month-old baby", False),
        ("a 2-year-old girl", "a 3-year-old boy", False),
        ("a 19-year-old man", "the 19-year-old", True),
        ("a 19-year-old man", "the victim", True),
        ("a 2-year-old", "a 2-month-old", True),  # other units: nothing to compare
        ("two men, aged 19 and 24", "a 42-year-old man", True),  # several ages: none is the participant's
        ("the victim", "a 2-year-old girl", True),
    ],
)
def test_merge_mentions_different_ages_of_one_unnamed_victim_block_even_within_a_story(
    first: str, second: str, merged: bool
) -> None:
    # Two shootings in one city in one week fall into one story; the victims' ages tell them apart.
    ms = [
        mention("m1", "a1", type=EventType.ASSAULT, source=GUNMAN, target=actor(first)),
        mention("m2", "a2", type=EventType.ASSAULT, source=GUNMAN, target=actor(second)),
    ]
    events = _merged_in_one_story(ms)
    assert len(events) == (1 if merged else 2)


def test_merge_mentions_a_surname_alone_is_the_full_name_but_a_shared_surname_is_not() -> None:
    def person(name: str) -> ActorRef:
        return replace(actor(name), id=None, kind="person")

    ms = [
        mention("m1", "a1", type=EventType.ASSAULT, target=person("Maleki Parker"), source=GUNMAN),
        mention("m2", "a2", type=EventType.ASSAULT, target=person("Parker"), source=GUNMAN),
        mention("m3", "a3", type=EventType.ASSAULT, target=person("Hank Mata"), source=GUNMAN),
        mention("m4", "a4", type=EventType.ASSAULT, target=person("Mark Mata"), source=GUNMAN),
    ]
    infos = {a: info(a, f"{a}.example", story="s1") for a in ("a1", "a2", "a3", "a4")}
    events = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    groups = sorted(sorted(e.mention_ids) for e in events)
    assert ["m1", "m2"] in groups
    assert not any({"m3", "m4"} <= set(g) for g in groups)


def test_merge_mentions_a_place_from_the_paragraph_blocks_nothing_and_yields_to_a_stated_one() -> None:
    ms = [
        _placed(mention("m1", "a1", source=RUS, target=AFG, equipment=("Mi-17",)), KABUL, stated=False),
        _placed(mention("m2", "a2", source=RUS, target=AFG, equipment=("Mi-17",)), HERAT),
    ]
    infos = {"a1": info("a1", "one.example", date(2025, 3, 4)), "a2": info("a2", "two.example")}
    [event] = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    assert event.location == HERAT
    assert event.conflicts == ()


def _in_sentence(m: EventMention, start: int) -> EventMention:
    return replace(
        m,
        sentence=Span(start=start, end=start + 200),
        spans=replace(m.spans, trigger=Span(start=start + 10, end=start + 19)),
    )


def test_merge_mentions_a_recalled_happening_joins_another_story_only_on_anchors() -> None:
    # A report on Ben Ode's arrest recalls Ana Ruiz's arrest last month; its story is Ode's. The recalled arrest,
    # undated, must not join the reports of Ruiz's arrest (another story's happening), nor count as their source.
    ana = replace(actor("Ana Ruiz"), id=None, kind="person")
    ben = replace(actor("Ben Ode"), id=None, kind="person")
    police = actor("police")
    ms = [
        _in_sentence(mention("m1", "a1", type=EventType.COERCE, source=police, target=ben, day=None), 0),
        _in_sentence(mention("m2", "a1", type=EventType.COERCE, source=police, target=ana, day=None), 900),
        _in_sentence(mention("m3", "a2", type=EventType.COERCE, source=police, target=ben, day=None), 0),
        _in_sentence(mention("m4", "a3", type=EventType.COERCE, source=police, target=ana, day=None), 0),
    ]
    # One story holds all three (their words are alike); nothing else ties a1's second arrest to a3.
    infos = {a: info(a, f"{a}.example", story="s1") for a in ("a1", "a2", "a3")}
    events = sorted(e.mention_ids for e in merge_mentions(ms, infos, settings=CFG, pack_version="p"))
    assert events == [("m1", "m3"), ("m2",), ("m4",)]


def test_merge_mentions_a_recalled_happening_with_anchors_still_joins() -> None:
    # The same recall, dated by the text and naming the same person: strong anchors, so it is Ruiz's arrest.
    ana = replace(actor("Ana Ruiz"), id=None, kind="person")
    ben = replace(actor("Ben Ode"), id=None, kind="person")
    ms = [
        _in_sentence(mention("m1", "a1", type=EventType.COERCE, target=ben, day=date(2025, 3, 3)), 0),
        _in_sentence(mention("m2", "a1", type=EventType.COERCE, target=ana, day=date(2025, 2, 1)), 900),
        _in_sentence(mention("m4", "a3", type=EventType.COERCE, target=ana, day=date(2025, 2, 1)), 0),
    ]
    infos = {"a1": info("a1", "a1.example", story="s1"), "a3": info("a3", "a3.example", story="s2")}
    events = sorted(e.mention_ids for e in merge_mentions(ms, infos, settings=CFG, pack_version="p"))
    assert events == [("m1",), ("m2", "m4")]


def test_merge_mentions_a_later_mention_that_agrees_with_the_lede_stays_in_the_story() -> None:
    # "Police arrested Ben Ode ... Ode, 31, was arrested at his home": the same happening told again.
    ben = replace(actor("Ben Ode"), id=None, kind="person")
    ms = [
        _in_sentence(mention("m1", "a1", type=EventType.COERCE, target=ben, day=None), 0),
        _in_sentence(mention("m2", "a1", type=EventType.COERCE, target=replace(ben, text="Ode"), day=None), 900),
        _in_sentence(mention("m3", "a2", type=EventType.COERCE, target=actor("a 31-year-old man"), day=None), 0),
    ]
    infos = {a: info(a, f"{a}.example", story="s1") for a in ("a1", "a2")}
    [event] = merge_mentions(ms, infos, settings=CFG, pack_version="p")
    assert event.sources.independent == 2


def test_merge_mentions_a_later_mention_naming_another_state_stays_in_the_story() -> None:
    # "Afghan pilots were trained ... by Russian instructors": the coder may take either state as the doer, so
    # a state in the role is no sign of another happening; only persons and counts are.
    ms = [
        _in_sentence(mention("m1", "a1", source=AFG, day=None), 0),
        _in_sentence(mention("m2", "a1", source=RUS, day=None), 900),
        _in_sentence(mention("m3", "a2", source=RUS, day=None), 0),
    ]
    infos = {a: info(a, f"{a}.example", story="s1") for a in ("a1", "a2")}
    events = sorted(e.mention_ids for e in merge_mentions(ms, infos, settings=CFG, pack_version="p"))
    assert events == [("m1",), ("m2", "m3")]
