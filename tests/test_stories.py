"""Tests for story clustering: similar but distinct happenings stay apart; batches join existing stories."""

from __future__ import annotations

from datetime import date

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
