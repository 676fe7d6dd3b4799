"""Tests for outlet ownership: outlets declared as one owner count as one independent source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.errors import PackError
from newsledger.export import iter_event_records
from newsledger.outlets import load_owners, owner_of, read_owners
from newsledger.pack import load_pack
from newsledger.pipeline import build_ledger
from newsledger.settings import MergeSettings, load_settings
from newsledger.stages.merge import ArticleInfo, merge_mentions
from newsledger.store.ledger import Store
from tests.conftest import actor, mention

# Fictional articles written for this test: two outlets report one delivery in their own words.
STORIES = {
    "north": (
        "Fictional test article. The Ministry of Defence of Kazakhstan said on Monday that Russia delivered four "
        "Mi-17 helicopters to Kazakhstan on 3 March 2025 under a contract signed last year. Officials declined "
        "to say what the aircraft cost."
    ),
    "south": (
        "Fictional test article. Russia handed four Mi-17 transport helicopters over to Kazakhstan on 3 March "
        "2025, a spokesman for the Kazakh air force told reporters at an air base near Astana, adding that a "
        "second batch is expected in the autumn."
    ),
}


def _owners_csv(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "owners.csv"
    path.write_text("outlet,owner\n" + rows, encoding="utf-8")
    return path


def test_owner_of_matches_domain_or_name_case_insensitively(tmp_path: Path) -> None:
    owners = read_owners(_owners_csv(tmp_path, "www.north.example,Group A\nSouth Herald,Group A\n"))
    assert owner_of(("north.example", "North Times"), owners) == owner_of(("south.example", "south herald"), owners)
    assert owner_of(("east.example", "East Post"), owners) == "east.example"
    assert owner_of((None, "East Post"), owners) == "east post"
    assert owner_of((None, None), owners) is None


def test_read_owners_names_the_bad_line(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="line 3: needs an outlet and an owner"):
        read_owners(_owners_csv(tmp_path, "a.example,Group A\nb.example,\n"))


def test_load_owners_missing_user_table_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="not found"):
        load_owners(load_pack("security").path, str(tmp_path / "missing.csv"))


def test_bundled_owner_table_joins_state_media_of_one_group() -> None:
    owners = load_owners(load_pack("security").path)
    assert owner_of(("ria.ru",), owners) == owner_of(("sputniknews.com",), owners)
    assert owner_of(("ria.ru",), owners) != owner_of(("tass.ru",), owners)


def test_merge_counts_outlets_of_one_owner_once() -> None:
    rus, kaz = actor("Russia", "RUS"), actor("Kazakhstan", "KAZ")
    ms = [mention(f"m{i}", f"a{i}", source=rus, target=kaz, equipment=("Mi-17",)) for i in (1, 2, 3)]
    infos = {
        "a1": ArticleInfo(id="a1", outlet="north.example", published=None, original="a1", owner="owner:group a"),
        "a2": ArticleInfo(id="a2", outlet="south.example", published=None, original="a2", owner="owner:group a"),
        "a3": ArticleInfo(id="a3", outlet="east.example", published=None, original="a3", owner="east.example"),
    }
    [event] = merge_mentions(ms, infos, settings=MergeSettings(), pack_version="p")
    assert (event.sources.articles, event.sources.outlets, event.sources.independent) == (3, 3, 2)


def test_build_with_owner_table_counts_one_independent_source(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    rows = ["path,url,outlet,published"]
    for name, text in STORIES.items():
        (inputs / f"{name}.txt").write_text(text, encoding="utf-8")
        rows.append(f"in/{name}.txt,https://{name}.example/news/1,{name.title()} Times,2025-03-05")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")

    def independent(db: Path) -> int:
        with Store(db, read_only=True) as store:
            records = [r for r in iter_event_records(store) if r["type"] == "AID"]
        assert len(records) == 1, json.dumps(records, default=str)
        assert records[0]["sources"]["outlets"] == 2
        return int(records[0]["sources"]["independent"])

    apart = tmp_path / "apart.duckdb"
    build_ledger([str(inputs)], db=apart, manifest=str(manifest))
    assert independent(apart) == 2

    owners = _owners_csv(tmp_path, "north.example,Fictional Media Group\nSouth Times,Fictional Media Group\n")
    together = tmp_path / "together.duckdb"
    build_ledger(
        [str(inputs)], db=together, manifest=str(manifest), settings=load_settings(None, [f"merge.owners={owners}"])
    )
    assert independent(together) == 1
