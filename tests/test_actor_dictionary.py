"""Tests for the actor dictionary builder: TABARI parsing, derived persons and aliases, dated role selection."""

from __future__ import annotations

import csv
import importlib.util
import shutil
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from newsledger.pack import load_pack
from newsledger.stages.resolve import build_resolver, resolve_actor
from tests.conftest import DATA


def _load_builder() -> ModuleType:
    path = Path(__file__).parents[1] / "tools" / "build_security_actors.py"
    spec = importlib.util.spec_from_file_location("build_security_actors", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


BUILDER = _load_builder()

# Fictional entries in the TABARI format of the Phoenix dictionaries, written for these tests.
COUNTRIES = """\
# header comment
ARNOR_  [ARN]
+ARNORIAN_
+FORNOST_
+WEATHERTOP_
+ARNOR_KINGDOM_

ARVEDUI_MALBETH_  # CountryInfo.txt
+MALBETH_
+PRESIDENT_MALBETH_
+MILITARY_
\t[ARNELI 900101-011222]
\t[ARNGOV >011222]
\t[ARNELI]
ARAGORN_ELESSAR_  # a curated person, and a spelling variant below
\t[ARNGOV 020101-091231]
ARAGORN_ELLESSAR_
\t[ARNGOV 020101-091231]
EARNUR_DUNADAN_
\t[ARNGOVMIL 19950101-20001231]
\t[ARNGOV 030101-0x0101]
ARNOR_RANGER_CORPS_
+RANGERS_
\t[ARNMIL]
"""
INTERNATIONAL = """\
COUNCIL_OF_THE_FREE_PEOPLES_ [IGOFPC]
+FREE_PEOPLES_COUNCIL_
+CFP_
MERCHANTS_OF_BREE_ [MNC]
"""
MILNONSTATE = """\
HILL_MEN_OF_RHUDAUR_(HMOR)_ [ARNREB] # comment
+RHUDAUR_HILLMEN_
"""


def _write_dictionaries(directory: Path) -> Path:
    for name, text in zip(BUILDER.PHOENIX_FILES, (COUNTRIES, INTERNATIONAL, MILNONSTATE), strict=True):
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def _curated() -> list[dict[str, str]]:
    row = BUILDER.row
    return [
        row("ARN", "Arnor", "state", "ARN", "government", ["Arnorian"]),
        row("ARN_GOV", "Government of Arnor", "government", "ARN", "government", ["Annuminas"], end="2010-12-31"),
        row("ARN_MIL", "Armed forces of Arnor", "military", "ARN", "military", ["Arnorian army"]),
        row("ARN_MOD", "Ministry of Defence of Arnor", "ministry", "ARN", "military", []),
        row("P_ELESSAR", "Aragorn Elessar", "person", "ARN", "government", [], org="ARN_GOV", role="king"),
    ]


def _filter() -> object:
    return BUILDER.Filter(
        generic={"military", "president", "council", "kingdom"},
        places={"fornost", "weathertop"},
        capitals={"ARN": {"fornost"}},
        titles={"president", "minister"},
        agent_words={"military", "minister"},
    )


def _derive(tmp_path: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    curated = _curated()
    derived = BUILDER.derive_phoenix(_write_dictionaries(tmp_path), curated, _filter())
    return curated, derived


def test_parse_tabari_reads_names_aliases_and_dated_roles(tmp_path: Path) -> None:
    entries = BUILDER.parse_tabari(_write_dictionaries(tmp_path) / BUILDER.PHOENIX_FILES[0])
    by_name = {e.name.strip(" _"): e for e in entries}
    malbeth = by_name["ARVEDUI_MALBETH"]
    assert malbeth.aliases == ["MALBETH_", "PRESIDENT_MALBETH_", "MILITARY_"]
    assert malbeth.roles == [
        ("ARNELI", date(1990, 1, 1), date(2001, 12, 22)),
        ("ARNGOV", date(2001, 12, 22), None),
        ("ARNELI", None, None),
    ]
    assert by_name["ARNOR"].roles == [("ARN", None, None)]
    # Eight-digit years are read as written; a malformed date drops its role line only.
    assert by_name["EARNUR_DUNADAN"].roles == [("ARNGOVMIL", date(1995, 1, 1), date(2000, 12, 31))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("011222", date(2001, 12, 22)), ("140630", date(2014, 6, 30)), ("150101", date(1915, 1, 1))],
)
def test_parse_cameo_date_pivots_two_digit_years_at_the_dictionary_year(text: str, expected: date) -> None:
    assert BUILDER.parse_cameo_date(text) == expected


def test_derive_phoenix_emits_a_row_per_dated_role_with_its_organ(tmp_path: Path) -> None:
    _, derived = _derive(tmp_path)
    rows = [(r["sector"], r["org"], r["role"], r["start"], r["end"]) for r in derived if r["id"] == "P_ARVEDUI_MALBETH"]
    # Dated roles first, the open role last; a role in a government ends with that government.
    assert rows == [
        ("elite", "ARN", "ARNELI", "1990-01-01", "2001-12-22"),
        ("government", "ARN_GOV", "ARNGOV", "2001-12-22", "2010-12-31"),
        ("elite", "ARN", "ARNELI", "", ""),
    ]
    earnur = [r for r in derived if r["id"] == "P_EARNUR_DUNADAN"]
    assert [(r["sector"], r["org"]) for r in earnur] == [("military", "ARN_MOD")]


def test_derive_phoenix_keeps_a_surname_and_drops_common_words(tmp_path: Path) -> None:
    _, derived = _derive(tmp_path)
    aliases = next(r["aliases"] for r in derived if r["id"] == "P_ARVEDUI_MALBETH").split("|")
    assert aliases == ["Malbeth"]  # "President Malbeth" loses its title and adds nothing


def test_derive_phoenix_lets_curated_entries_win(tmp_path: Path) -> None:
    _, derived = _derive(tmp_path)
    assert not [r for r in derived if r["name"].startswith("Aragorn")]


def test_derive_phoenix_emits_igos_and_armed_groups_but_not_companies(tmp_path: Path) -> None:
    _, derived = _derive(tmp_path)
    kinds = {r["name"]: (r["kind"], r["country"], r["sector"], r["aliases"]) for r in derived if r["kind"] != "person"}
    assert kinds == {
        "Arnor Ranger Corps": ("military", "ARN", "military", ""),
        "Council of the Free Peoples": ("igo", "", "igo", "Free Peoples Council"),
        "Hill Men of Rhudaur": ("armed_group", "ARN", "rebel", "Hmor|Rhudaur Hillmen"),
    }


def test_derive_phoenix_adds_only_the_capital_and_spellings_to_a_state(tmp_path: Path) -> None:
    curated, _ = _derive(tmp_path)
    assert curated[0]["aliases"].split("|") == ["Arnorian", "Fornost"]


def test_resolve_actor_picks_the_derived_role_valid_on_the_event_date(tmp_path: Path) -> None:
    curated, derived = _derive(tmp_path)
    pack_dir = tmp_path / "pack"
    shutil.copytree(DATA / "pack", pack_dir)
    with (pack_dir / "actors.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=BUILDER.FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(curated + derived)
    resolver = build_resolver(load_pack(str(pack_dir)))
    refs = [resolve_actor("Malbeth", resolver=resolver, on=day) for day in (date(1995, 5, 1), date(2005, 5, 1))]
    assert [(r.id, r.country, r.sector) for r in refs] == [
        ("P_ARVEDUI_MALBETH", "ARN", "elite"),
        ("P_ARVEDUI_MALBETH", "ARN", "government"),
    ]
    assert resolve_actor("the military", resolver=resolver, on=date(2005, 5, 1)).id is None
