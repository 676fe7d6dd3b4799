"""Tests for actor and equipment resolution: aliases, metonymy, group nouns, dated roles, transliteration."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.pack import load_pack
from newsledger.stages.resolve import build_resolver, normalize_name, resolve_actor, resolve_equipment
from tests.conftest import DATA

RESOLVER = build_resolver(load_pack(str(DATA / "pack")))


@pytest.mark.parametrize(
    ("text", "country", "actor_id"),
    [
        ("Moscow", "RUS", "RUS_GOV"),
        ("the Kremlin", "RUS", "RUS_GOV"),
        ("Russian", "RUS", "RUS"),
        ("Russian officials", "RUS", "RUS"),
        ("RUSSIA", "RUS", "RUS"),
    ],
)
def test_resolve_actor_aliases_and_metonymy(text: str, country: str, actor_id: str) -> None:
    ref = resolve_actor(text, resolver=RESOLVER, on=date(2025, 1, 1))
    assert (ref.country, ref.id, ref.text) == (country, actor_id, text)


def test_resolve_actor_capital_means_the_government_of_the_event_date() -> None:
    before = resolve_actor("Kabul", resolver=RESOLVER, on=date(2020, 5, 1))
    after = resolve_actor("Kabul", resolver=RESOLVER, on=date(2022, 5, 1))
    assert (before.id, after.id) == ("AFG_GOV", "AFG_TALIBAN_GOV")


@pytest.mark.parametrize(
    "text", ["Mullah Muhammad Yaqub", "Mullah Mohammad Yaqoob", "Mohammad Yaqub Mujahid", "Mullah Yakub"]
)
def test_resolve_actor_person_spelling_variants_map_to_one_person(text: str) -> None:
    ref = resolve_actor(text, resolver=RESOLVER, on=date(2024, 1, 1), kind_hint="PERSON")
    assert (ref.id, ref.country, ref.kind) == ("P_YAQOOB", "AFG", "person")


def test_resolve_actor_unknown_is_kept_as_written() -> None:
    ref = resolve_actor("Northern Logistics Brigade", resolver=RESOLVER, on=None, kind_hint="ORG")
    assert (ref.id, ref.name, ref.country, ref.kind) == (None, "Northern Logistics Brigade", None, "organisation")


def test_resolve_equipment_alias_and_plural() -> None:
    assert resolve_equipment("SA-22 Greyhound", resolver=RESOLVER).id == "PANTSIR_S1"
    assert resolve_equipment("Mi-17s", resolver=RESOLVER).id == "MI_17"
    unknown = resolve_equipment("Zeta-9 launchers", resolver=RESOLVER)
    assert (unknown.id, unknown.name) == (None, "Zeta-9 launchers")


def test_normalize_name_folds_case_accents_articles_and_possessives() -> None:
    assert normalize_name("The Kremlin’s") == "kremlin"
    assert normalize_name("Türkiye") == "turkiye"


def test_resolve_actor_fuzzy_match_needs_a_close_multiword_alias() -> None:
    assert resolve_actor("Islamic Emirat", resolver=RESOLVER, on=date(2024, 1, 1)).id == "AFG_TALIBAN_GOV"
    assert resolve_actor("Islamic Republic", resolver=RESOLVER, on=date(2024, 1, 1)).id is None


def test_resolve_equipment_named_ship_takes_its_category_from_the_hull_prefix() -> None:
    ship = resolve_equipment("HMS Ocean", resolver=RESOLVER)
    assert (ship.id, ship.name, ship.category) == (None, "HMS Ocean", "naval vessel")
    assert resolve_equipment("Ocean", resolver=RESOLVER).category is None
