"""Tests for the NGEC actor-resolution scorer: case selection, the adapter's codes and the figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.evaluation.ngec import (
    Case,
    Coding,
    NgecRun,
    build_coder,
    code_agent,
    read_agents,
    read_cases,
    read_ngec_terms,
)
from newsledger.pack import load_pack

CODER = build_coder(load_pack("security"))


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Kazakhstan", "KAZ", ""),
        ("Pakistani Army", "PAK", "MIL"),
        ("Kyiv police", "UKR", "COP"),
        ("Minsk police station", "BLR", "COP"),
        ("Chile's Defense Ministry", "CHL", "GOV"),
        ("Boko Haram gunmen", "NGA", "REB"),
        ("Sydney", "AUS", "CVL"),
        ("the International Court of Justice", "UNO", "JUD"),
        ("gunmen", "", "UAF"),
        ("FSB", "RUS", "SPY"),
        ("a Ukraine-based paramilitary group", "UKR", "PRM"),
        ("a former deputy prime minister", "", "ELI"),
        ("Iraqi experts", "IRQ", "EDU"),
        ("Sudan's displaced", "SDN", "REF"),
        ("Transnistria", "MDA", "PRE"),
        ("separatist region", "", "PRE"),
        ("Syrian farmland", "SYR", "UNK"),
        ("Egypt", "EGY", ""),
    ],
)
def test_code_agent_country_and_sector(text: str, country: str, sector: str) -> None:
    assert code_agent(CODER, text) == Coding(country=country, sector=sector)


def test_code_agent_context_gives_the_country() -> None:
    assert code_agent(CODER, "Defense Minister", "German") == Coding(country="DEU", sector="GOV")


def test_code_agent_acronym_without_dots() -> None:
    assert code_agent(CODER, "a US destroyer").country == "USA"


def test_read_agents_folds_patterns(tmp_path: Path) -> None:
    path = tmp_path / "agents.csv"
    path.write_text("pattern,code\nprime minister,GOV\nOmbudsman's Office,GOV\nanti-war protester,OPPCVL\n", "utf-8")
    assert read_agents(path) == {"prime minister": "GOV", "ombudsman office": "GOV", "anti war protester": "OPPCVL"}


def test_read_ngec_terms_expands_substitutions_and_plurals(tmp_path: Path) -> None:
    path = tmp_path / "PLOVER_agents.txt"
    lines = [
        "# comment",
        "!PERSON! = MAN, WOMAN",
        "POLICE!PERSON! [~COP]",
        "THIEF {THIEVES} [~CRM]",
        "PRIME_MINISTER [~GOV]",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert read_ngec_terms(path) == {"policeman", "policewoman", "thief", "thieves", "prime minister"}


def test_read_cases_keeps_offline_country_and_sector_cases(tmp_path: Path) -> None:
    lines = [
        {"test": "kept", "call": {"method": "agent_to_code", "args": ["Pakistani Army"], "kwargs": {}},
         "expectations": [{"field": "country", "op": "Eq", "expected": "PAK"},
                          {"field": "code_1", "op": "Eq", "expected": "MIL"}]},
        {"test": "wiki", "call": {"method": "agent_to_code", "args": ["Serbian Army"], "kwargs": {}},
         "expectations": [{"field": "wiki", "op": "Eq", "expected": "Serbian Army"}]},
        {"test": "name", "call": {"method": "agent_to_code", "args": ["Jane Doe"], "kwargs": {}},
         "expectations": [{"field": "country", "op": "Eq", "expected": "USA"}]},
        {"test": "null", "call": {"method": "agent_to_code", "args": [None], "kwargs": {}},
         "expectations": [{"field": "country", "op": "Eq", "expected": None}]},
    ]  # fmt: skip
    (tmp_path / "actor_resolution_cases.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    (tmp_path / "countries.csv").write_text("CCA2,Name,CCA3,Nationality\nPK,Pakistan,PAK,Pakistani\n", "utf-8")
    cases, excluded = read_cases(tmp_path, frozenset({"pakistani", "army"}))
    assert [c.test for c in cases] == ["kept"] and excluded == 3
    assert (cases[0].country, cases[0].sectors) == ("PAK", ("MIL",))


def test_ngec_run_figures_count_country_and_sector_separately() -> None:
    case = Case(test="t", method="agent_to_code", text="x", context="", on=None, country="PAK", sectors=("MIL",))
    only_country = Case(test="u", method="search_nat", text="y", context="", on=None, country="GBR", sectors=None)
    run = NgecRun([(case, Coding(country="PAK", sector="GOV")), (only_country, Coding(country="GBR", sector=""))], 2)
    assert run.figures == {
        "cases": 2, "excluded": 2, "country_cases": 2, "country_accuracy": 1.0, "sector_cases": 1,
        "sector_accuracy": 0.0,
    }  # fmt: skip
