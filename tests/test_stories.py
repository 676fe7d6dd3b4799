"""Tests for story clustering: similar but distinct happenings stay apart; batches join existing stories."""

from __future__ import annotations

from datetime import date, timedelta

from newsledger.settings import StorySettings
from newsledger.stages.stories import StoryArticle, StoryState, assign_stories

CFG = StorySettings()
# Fictional texts written for newsledger's tests.
DELIVERY = (
    "Northland handed over six transport helicopters to Southmark at the Velden air base, the defence ministry "
    "said, after crews finished conversion training. The aircraft will fly rescue and border missions."
)
DELIVERY_AGAIN = (
    "Six transport helicopters from Northland arrived at Velden air base in Southmark, where crews trained on "
    "them for rescue and border missions, the ministry said."
)
SHOOTING = (
    "Police in Harbour City said two men were wounded in a shooting outside a bar on Dock Street late on "
    "Friday; a suspect fled on foot and officers are searching the harbour district."
)


def _a(aid: str, text: str, day: date, names: tuple[str, ...]) -> StoryArticle:
    return StoryArticle(id=aid, published=day, text=text, names=names)


def test_assign_stories_two_reports_of_one_happening_share_a_story() -> None:
    arts = [
        _a("a", DELIVERY, date(2025, 3, 3), ("Northland", "Southmark", "Velden")),
        _a("b", DELIVERY_AGAIN, date(2025, 3, 4), ("Northland", "Southmark", "Velden")),
        _a("c", SHOOTING, date(2025, 3, 4), ("Harbour City",)),
    ]
    stories, _ = assign_stories(arts, StoryState(), settings=CFG)
    assert stories["a"] == stories["b"] != stories["c"]


def test_assign_stories_same_kind_of_happening_a_year_apart_stays_apart() -> None:
    arts = [
        _a("a", DELIVERY, date(2024, 3, 3), ("Northland", "Southmark", "Velden")),
        _a("b", DELIVERY_AGAIN, date(2025, 3, 4), ("Northland", "Southmark", "Velden")),
    ]
    stories, _ = assign_stories(arts, StoryState(), settings=CFG)
    assert stories["a"] != stories["b"]


def test_assign_stories_second_batch_joins_the_existing_story_through_saved_state() -> None:
    first, state = assign_stories(
        [_a("a", DELIVERY, date(2025, 3, 3), ("Northland", "Southmark"))], StoryState(), settings=CFG
    )
    restored = StoryState.from_bytes(state.to_bytes())
    second, _ = assign_stories(
        [_a("b", DELIVERY_AGAIN, date(2025, 3, 5), ("Northland", "Southmark"))], restored, settings=CFG
    )
    assert second["b"] == first["a"]


def test_assign_stories_order_of_a_batch_does_not_matter() -> None:
    arts = [
        _a("a", DELIVERY, date(2025, 3, 3), ("Northland",)),
        _a("b", DELIVERY_AGAIN, date(2025, 3, 4), ("Northland",)),
        _a("c", SHOOTING, date(2025, 3, 4), ("Harbour City",)),
    ]
    forward, _ = assign_stories(arts, StoryState(), settings=CFG)
    backward, _ = assign_stories(list(reversed(arts)), StoryState(), settings=CFG)
    assert forward == backward


# Fictional: two shootings in one city in one week, different streets, victims and suspects.
SHOOTING_OTHER = (
    "Harbour City police arrested a teenager after a woman was shot in the leg at a bus stop on Mill Road on "
    "Tuesday morning; detectives said the gun was found in a nearby garden."
)
SHOOTING_AGAIN = (
    "A suspect ran from Dock Street after two men were shot and wounded outside a bar in Harbour City on Friday "
    "night, police said, asking residents of the harbour district for video."
)


def test_assign_stories_two_shootings_in_one_city_in_one_week_stay_apart() -> None:
    arts = [
        _a("a", SHOOTING, date(2025, 3, 8), ("Harbour City", "Dock Street")),
        _a("b", SHOOTING_OTHER, date(2025, 3, 4), ("Harbour City", "Mill Road")),
        _a("c", SHOOTING_AGAIN, date(2025, 3, 8), ("Harbour City", "Dock Street")),
    ]
    stories, _ = assign_stories(arts, StoryState(), settings=CFG)
    assert stories["a"] == stories["c"] != stories["b"]


def test_assign_stories_story_does_not_absorb_an_article_outside_its_window() -> None:
    first, state = assign_stories(
        [_a("a", DELIVERY, date(2025, 3, 3), ("Northland", "Southmark"))], StoryState(), settings=CFG
    )
    late = date(2025, 3, 3) + timedelta(days=CFG.window_days + 1)
    second, _ = assign_stories(
        [_a("b", DELIVERY_AGAIN, late, ("Northland", "Southmark"))],
        StoryState.from_bytes(state.to_bytes()),
        settings=CFG,
    )
    assert second["b"] != first["a"]


def test_assign_stories_a_follow_up_weeks_later_joins_the_story_of_the_day_it_dates() -> None:
    """A report three weeks on ("charged in the March 8 shooting") states the day of the happening: it joins that
    day's story; the same report without the date stays out, and so does one dating another day."""
    first, state = assign_stories(
        [_a("a", SHOOTING, date(2025, 3, 8), ("Harbour City", "Dock Street"))], StoryState(), settings=CFG
    )
    later = date(2025, 3, 29)
    follow_up = (
        "A man was charged on Friday in the March 8 shooting outside a bar on Dock Street in Harbour City that "
        "wounded two men, police said; he fled on foot that night and was found in the harbour district."
    )

    def joins(days: tuple[date, ...]) -> bool:
        art = StoryArticle(
            id="b", published=later, text=follow_up, names=("Harbour City", "Dock Street"), event_days=days
        )
        second, _ = assign_stories([art], StoryState.from_bytes(state.to_bytes()), settings=CFG)
        return second["b"] == first["a"]

    assert joins((date(2025, 3, 8),))
    assert not joins(())
    assert not joins((date(2025, 1, 2),))


def test_assign_stories_a_report_dating_its_happening_to_the_storys_day_joins_at_the_lower_bar() -> None:
    """Two days on, a report as far in words from the first as the follow-up above joins its story when both date
    their happening to one day, and stays out when it dates none or another day."""
    shooting = StoryArticle(
        id="a", published=date(2025, 3, 8), text=SHOOTING, names=("Harbour City", "Dock Street"),
        event_days=(date(2025, 3, 8),),
    )  # fmt: skip
    first, state = assign_stories([shooting], StoryState(), settings=CFG)
    report = (
        "A man was charged on Friday over gunfire near a pub in Harbour City; detectives said he ran away on foot "
        "and was caught near the docks days later, and a court will hear the case next month."
    )

    def joins(days: tuple[date, ...]) -> bool:
        art = StoryArticle(
            id="b", published=date(2025, 3, 10), text=report, names=("Harbour City", "Mill Lane"), event_days=days
        )
        second, _ = assign_stories([art], StoryState.from_bytes(state.to_bytes()), settings=CFG)
        return second["b"] == first["a"]

    assert joins((date(2025, 3, 8),))
    assert not joins(())
    assert not joins((date(2025, 3, 6),))


def test_assign_stories_event_keys_count_as_names() -> None:
    art = StoryArticle(id="a", published=date(2025, 3, 3), text=DELIVERY, names=(), event_keys=("AID:NOR>SOU",))
    _, state = assign_stories([art], StoryState(), settings=CFG)
    (story,) = state.stories.values()
    assert story["names"] == {"#AID:NOR>SOU": 1.0}


def test_story_state_from_bytes_reads_the_single_centroid_format() -> None:
    story = '{"centroid": {"word": 0.6, "@north": 0.8}, "size": 1, "start": null, "end": null}'
    old = f'{{"documents": 1, "df": {{"a": 1}}, "stories": {{"s": {story}}}}}'.encode()
    state = StoryState.from_bytes(old)
    assert state.stories["s"]["words"] == {"word": 0.6}
    assert state.stories["s"]["names"] == {"@north": 0.8}


def test_assign_stories_undated_reports_whose_ledes_name_years_apart_stay_apart() -> None:
    arts = [
        StoryArticle(id="a", published=None, text=f"March 2019. {DELIVERY}", names=("Northland", "Southmark")),
        StoryArticle(id="b", published=None, text=f"May 2024. {DELIVERY_AGAIN}", names=("Northland", "Southmark")),
        StoryArticle(id="c", published=None, text=f"April 2019. {DELIVERY_AGAIN}", names=("Northland", "Southmark")),
    ]
    stories, state = assign_stories(arts, StoryState(), settings=CFG)
    assert stories["a"] == stories["c"] != stories["b"]
    assert state.stories[stories["b"]]["year"] == 2024


def test_assign_stories_numbers_count_as_names_years_do_not() -> None:
    art = StoryArticle(id="a", published=date(2025, 3, 3), text="In 2025 the 14 helicopters flew 6 missions.", names=())
    _, state = assign_stories([art], StoryState(), settings=CFG)
    (story,) = state.stories.values()
    assert set(story["names"]) == {"%14"}  # type: ignore[call-overload]


# Fictional: a first report of the helicopter handover that shares few words with the ministry's account, and a
# later report that uses both vocabularies.
HANDOVER_SHORT = (
    "Rotorcraft pilots from Southmark completed a conversion course on the Velden airfield apron and signed for "
    "the machines on Monday."
)
HANDOVER_BRIDGE = (
    "Northland handed over six transport helicopters to Southmark at the Velden air base; rotorcraft pilots "
    "completed a conversion course on the airfield apron and signed for the machines, the defence ministry said."
)


def test_assign_stories_an_early_report_joins_the_story_that_later_reports_built() -> None:
    names = ("Northland", "Southmark", "Velden")
    arts = [
        _a("a", DELIVERY, date(2025, 3, 3), names),
        _a("b", HANDOVER_SHORT, date(2025, 3, 4), ("Southmark", "Velden")),
        _a("c", HANDOVER_BRIDGE, date(2025, 3, 5), names),
        _a("d", SHOOTING, date(2025, 3, 5), ("Harbour City",)),
    ]
    single_pass, _ = assign_stories(arts, StoryState(), settings=StorySettings(refine_passes=0))
    # In one pass the short report is too unlike the first to join it, and the bridging report, closer to the
    # short one, joins that: the first report is left alone ...
    assert single_pass["a"] != single_pass["b"] == single_pass["c"]
    stories, state = assign_stories(arts, StoryState(), settings=CFG)
    # ... the refining passes move it into the story the later reports built.
    assert stories["a"] == stories["b"] == stories["c"] != stories["d"]
    assert state.stories[stories["a"]]["size"] == 3
    assert len(state.stories) == 2


def test_assign_stories_refining_never_moves_articles_of_earlier_builds() -> None:
    names = ("Northland", "Southmark", "Velden")
    first, state = assign_stories(
        [_a("b", HANDOVER_SHORT, date(2025, 3, 4), ("Southmark", "Velden"))], StoryState(), settings=CFG
    )
    second, state = assign_stories(
        [_a("a", DELIVERY, date(2025, 3, 3), names), _a("c", HANDOVER_BRIDGE, date(2025, 3, 5), names)],
        StoryState.from_bytes(state.to_bytes()),
        settings=CFG,
    )
    assert set(second) == {"a", "c"}
    assert first["b"] in state.stories
    assert sum(int(s["size"]) for s in state.stories.values()) == 3


def test_story_names_fold_entities_people_by_surname_dates_by_year() -> None:
    from newsledger.stages.stories import story_names

    entities = [
        ("Ivan Petrov", "PERSON"), ("the Velden Air Base", "FAC"), ("March 2019", "DATE"), ("Petrov", "PERSON"),
        ("six", "CARDINAL"), ("Mi-17", "EQUIPMENT"), ("2019 and 2020", "DATE"),
    ]  # fmt: skip
    assert story_names(entities) == ("petrov", "velden air base", "year:2019", "mi-17", "year:2020")
