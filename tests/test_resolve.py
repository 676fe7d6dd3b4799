"""Tests for actor and equipment resolution: aliases, metonymy, group nouns, dated roles, transliteration."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from newsledger.pack import load_pack
from newsledger.stages.resolve import (
    Resolver,
    build_resolver,
    find_agent_words,
    head_agent,
    load_agent_words,
    normalize_name,
    resolve_actor,
    resolve_equipment,
    sector_of_code,
)
from tests.conftest import DATA

RESOLVER = build_resolver(load_pack(str(DATA / "pack")))
SECURITY = build_resolver(load_pack("security"))
SECURITY_AGENTS = load_agent_words(load_pack("security"))
# Fictional people for the context tests: one person with two dated roles, and two namesakes in two countries.
CONTEXT_ACTORS = """\
BLR,Belarus,state,BLR,government,Belarusian,,,,
RUS_MOD,Ministry of Defence of Russia,ministry,RUS,military,Russian Defence Ministry,,,,
RUS_SC,Security Council of Russia,government,RUS,government,Russian Security Council,,,,
P_ORLOV,Pavel Orlov,person,RUS,military,Orlov,RUS_MOD,defence minister,2010-01-01,2015-06-30
P_ORLOV_SC,Pavel Orlov,person,RUS,government,Orlov,RUS_SC,secretary of the Security Council,2015-07-01,
P_PETROV_RUS,Ivan Petrov,person,RUS,government,Petrov,RUS_GOV,foreign minister,,
P_PETROV_BLR,Ivan Petrov,person,BLR,government,Petrov,,foreign minister,,
"""
AGENTS = "pattern,code\nofficial,GOV\nmilitary official,MIL\ndefence minister,GOVMIL\ngeneral,MIL\n"


def build_context_resolver(tmp_path: Path) -> Resolver:
    """The test pack plus CONTEXT_ACTORS and a few agent words."""
    folder = tmp_path / "pack"
    shutil.copytree(DATA / "pack", folder)
    with (folder / "actors.csv").open("a", encoding="utf-8") as handle:
        handle.write(CONTEXT_ACTORS)
    (folder / "agents.csv").write_text(AGENTS, encoding="utf-8")
    return build_resolver(load_pack(str(folder)))


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


@pytest.mark.parametrize("text", ["Jamal Reed", "Jamal Road", "Mohammed Mamoun"])
def test_resolve_actor_a_name_with_the_consonants_of_a_listed_person_but_other_vowels_stays_unresolved(
    text: str,
) -> None:
    # "Jamal Reed" has the consonants of the listed "Jamal Karimi Rad" (an Iranian judge), "Mohammed Mamoun" those
    # of "Muhammad Mumuni" (a Ghanaian minister): a local man arrested in Ohio is neither.
    ref = resolve_actor(text, resolver=SECURITY, on=date(2016, 1, 1), kind_hint="PERSON")
    assert (ref.id, ref.country) == (None, None)


def test_resolve_actor_unknown_is_kept_as_written() -> None:
    ref = resolve_actor("Northern Logistics Brigade", resolver=RESOLVER, on=None, kind_hint="ORG")
    assert (ref.id, ref.name, ref.country, ref.kind) == (None, "Northern Logistics Brigade", None, "organisation")


def test_resolve_actor_unnamed_group_takes_its_sector_from_the_agent_words() -> None:
    found = {text: resolve_actor(text, resolver=SECURITY, on=None) for text in ("police", "rebels", "soldiers")}
    assert {text: (ref.id, ref.sector) for text, ref in found.items()} == {
        "police": (None, "police"),
        "rebels": (None, "rebel"),
        "soldiers": (None, "military"),
    }
    # A name the parser marked as a person is not read for agent words.
    assert resolve_actor("Carl Police", resolver=SECURITY, on=None, kind_hint="PERSON").sector is None


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


def test_resolve_actor_title_and_name_give_the_person_of_the_role() -> None:
    ref = resolve_actor("Defence Minister Mohammad Yaqub", resolver=SECURITY, on=date(2022, 3, 1))
    assert (ref.id, ref.country, ref.kind, ref.sector) == ("P_YAQOOB", "AFG", "person", "military")
    # A person maps to the organisation and role they held on the event date.
    assert (ref.org, ref.role) == ("AFG_TALIBAN_MOD", "defence minister")


@pytest.mark.parametrize(("on", "actor_id"), [(date(2012, 5, 1), "P_ORLOV"), (date(2020, 5, 1), "P_ORLOV_SC")])
def test_resolve_actor_person_with_two_dated_roles_resolves_by_date(tmp_path: Path, on: date, actor_id: str) -> None:
    assert resolve_actor("Pavel Orlov", resolver=build_context_resolver(tmp_path), on=on).id == actor_id


def test_resolve_actor_title_in_the_mention_outweighs_the_date(tmp_path: Path) -> None:
    resolver = build_context_resolver(tmp_path)
    ref = resolve_actor("Defence Minister Pavel Orlov", resolver=resolver, on=date(2020, 5, 1))
    assert (ref.id, ref.sector) == ("P_ORLOV", "military")


@pytest.mark.parametrize(
    ("sentence", "actor_id"),
    [
        ("Orlov, the defence minister, signed the contract.", "P_ORLOV"),
        ("Security Council secretary Orlov met the delegation.", "P_ORLOV_SC"),
    ],
)
def test_resolve_actor_role_named_in_the_sentence_picks_the_entry(tmp_path: Path, sentence: str, actor_id: str) -> None:
    assert resolve_actor("Orlov", resolver=build_context_resolver(tmp_path), on=None, context=sentence).id == actor_id


def test_resolve_actor_country_named_in_the_sentence_picks_the_namesake(tmp_path: Path) -> None:
    resolver = build_context_resolver(tmp_path)
    sentence = "Belarusian foreign minister Ivan Petrov arrived in Tehran."
    assert resolve_actor("Ivan Petrov", resolver=resolver, on=None, context=sentence).country == "BLR"
    assert resolve_actor("Ivan Petrov", resolver=resolver, on=None).country == "RUS"


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Iranian military officials", "IRN", "military"),
        ("Iran's defence minister", "IRN", "military"),
        ("Iranian officials", "IRN", "government"),
        ("Russian forces", "RUS", "military"),
    ],
)
def test_resolve_actor_state_and_agent_words_give_the_state_and_sector(text: str, country: str, sector: str) -> None:
    ref = resolve_actor(text, resolver=SECURITY, on=date(2024, 1, 1))
    assert (ref.id, ref.country, ref.kind, ref.sector, ref.text) == (country, country, "state", sector, text)


def test_resolve_actor_state_before_unknown_words_stays_unresolved() -> None:
    assert resolve_actor("Iranian drone factory", resolver=SECURITY, on=None).id is None


def test_resolve_actor_office_without_a_name_is_not_a_person() -> None:
    assert resolve_actor("Defense Minister", resolver=SECURITY, on=None, kind_hint="PERSON").id is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a paramilitary group", "PRM"),
        ("a former deputy defence minister", "ELI"),
        ("retired vice president", "ELI"),
        ("senate hopeful", "PTY"),
        ("foreign military intelligence agency", "SPYMIL"),
    ],
)
def test_head_agent_prefers_the_specific_head_word(text: str, code: str) -> None:
    words = normalize_name(text).split()
    head = head_agent(find_agent_words(SECURITY_AGENTS, words), words)
    assert head is not None and head[2] == code


def test_sector_of_code_files_defence_ministries_as_military() -> None:
    assert (sector_of_code("GOVMIL"), sector_of_code("GOV"), sector_of_code("SPYMIL")) == (
        "military",
        "government",
        "intelligence",
    )
