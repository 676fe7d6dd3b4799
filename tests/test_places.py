"""Tests for the offline gazetteer: folding, divisions, countries and disambiguation by country and population."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.diskcache import CACHE_ENV
from newsledger.errors import PackError
from newsledger.model import Place
from newsledger.pack import load_pack
from newsledger.stages.places import _read_pack_places, build_gazetteer, fold_place, resolve_place

GAZETTEER = build_gazetteer(load_pack("security"))


def test_resolve_place_kandahar_is_afghan_with_coordinates() -> None:
    place = resolve_place("Kandahar", gazetteer=GAZETTEER)
    # The province and its capital share the name; the bare name is taken as the province, the larger place.
    assert place is not None and (place.country, place.kind) == ("AFG", "division")
    assert place.lat is not None and 30 < place.lat < 33 and place.lon is not None and 64 < place.lon < 67


def test_resolve_place_prefers_the_given_countries() -> None:
    place = resolve_place("Kandahar", gazetteer=GAZETTEER, countries=("IND",))
    assert place is not None and place.country == "IND"


def test_resolve_place_first_level_division_from_the_pack() -> None:
    helmand = Place(name="Helmand", country="AFG", lat=31.3, lon=64.0, kind="division")
    assert resolve_place("Helmand", gazetteer=GAZETTEER) == helmand
    assert resolve_place("Helmand province", gazetteer=GAZETTEER) == resolve_place("Helmand", gazetteer=GAZETTEER)


@pytest.mark.parametrize(("name", "country"), [("Oruzgan", "AFG"), ("Deir al-Zour", "SYR"), ("Kharkov Oblast", "UKR")])
def test_resolve_place_division_alternate_spellings(name: str, country: str) -> None:
    place = resolve_place(name, gazetteer=GAZETTEER)
    assert place is not None and place.country == country


def test_resolve_place_unknown_name_is_none() -> None:
    assert resolve_place("Qwertzburg", gazetteer=GAZETTEER) is None
    assert resolve_place("", gazetteer=GAZETTEER) is None


def test_resolve_place_folds_diacritics_and_case() -> None:
    assert fold_place("Kandahār") == fold_place("KANDAHAR") == "kandahar"
    assert fold_place("Łódź") == "lodz"
    assert resolve_place("KANDAHĀR", gazetteer=GAZETTEER) == resolve_place("kandahar", gazetteer=GAZETTEER)


def test_resolve_place_country_name_gives_the_country() -> None:
    syria = resolve_place("Syria", gazetteer=GAZETTEER)
    assert syria is not None and (syria.country, syria.lat is not None, syria.kind) == ("SYR", True, "country")
    # Country names outrank same-named towns elsewhere.
    mexico = resolve_place("Mexico", gazetteer=GAZETTEER)
    assert mexico is not None and mexico.country == "MEX"


def test_resolve_place_short_codes_are_not_matched() -> None:
    # 'KDH' is a GeoNames alternate name of Kandahar; three-letter codes collide with ordinary abbreviations.
    assert resolve_place("KDH", gazetteer=GAZETTEER) is None


def test_read_pack_places_rejects_a_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_text("id,name,kind,country,lat,lon,aliases\nX,Somewhere,hamlet,AFG,1,2,\n", encoding="utf-8")
    with pytest.raises(PackError) as info:
        _read_pack_places(path)
    kinds = "continent, country, division, city"
    assert str(info.value) == f"{path} line 2: needs a name, a country (none for a continent), a kind in {kinds}"


def test_resolve_place_own_name_beats_an_alternate_name_in_the_same_country() -> None:
    # GeoNames gives "New Delhi" as an alternate name of Delhi, the larger city around it.
    place = resolve_place("New Delhi", gazetteer=GAZETTEER)
    assert place is not None and (place.name, place.country) == ("New Delhi", "IND")
    delhi = resolve_place("Delhi", gazetteer=GAZETTEER)
    assert delhi is not None and delhi.name == "Delhi"


def test_resolve_place_a_provinces_own_name_beats_a_towns_alternate_name_elsewhere() -> None:
    # GeoNames gives "Islamabad" as an old name of Chattogram (Bangladesh), a larger city than Pakistan's capital.
    place = resolve_place("Islamabad", gazetteer=GAZETTEER)
    assert place is not None and place.country == "PAK"
    # a town's own name does not beat a larger town elsewhere, nor a province a country's other name
    andrews = resolve_place("St. Andrews", gazetteer=GAZETTEER)
    assert andrews is not None and andrews.country == "GBR"
    zaire = resolve_place("Zaire", gazetteer=GAZETTEER)
    assert zaire is not None and (zaire.country, zaire.kind) == ("COD", "country")


def test_resolve_place_facility_resolves_to_its_place() -> None:
    assert resolve_place("Kabul airport", gazetteer=GAZETTEER) == resolve_place("Kabul", gazetteer=GAZETTEER)


def test_build_gazetteer_reads_the_disk_cache_keyed_by_the_packs_places(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from newsledger.stages import places

    pack_dir = tmp_path / "pack"
    shutil.copytree(load_pack("security").path, pack_dir)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    small = places.Gazetteer(
        rows=(("Qwertzburg", "XXX", 1.0, 2.0, "city", 5),), keys={"qwertzburg": (0,)}, countries={}
    )
    built: list[str] = []

    def fake_build(pack: object) -> places.Gazetteer:
        built.append("built")
        return small

    monkeypatch.setattr(places, "_build_gazetteer", fake_build)
    first = places.build_gazetteer.__wrapped__(load_pack(str(pack_dir)))
    again = places.build_gazetteer.__wrapped__(load_pack(str(pack_dir)))
    assert built == ["built"]  # the second process-level call read the cache file
    assert again == first and resolve_place("Qwertzburg", gazetteer=again) is not None
    # Another places.csv is another index.
    with (pack_dir / "places.csv").open("a", encoding="utf-8") as handle:
        handle.write("XX_NEW,Newplace,division,AFG,30.0,60.0,\n")
    places.build_gazetteer.__wrapped__(load_pack(str(pack_dir)))
    assert built == ["built", "built"]


def test_build_gazetteer_a_broken_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.stages import places

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    pack = load_pack("security")
    (tmp_path / f"{places.INDEX_FORMAT}-{places._cache_key(pack)}.pickle").write_bytes(b"not a pickle")
    small = places.Gazetteer(rows=(), keys={}, countries={})
    monkeypatch.setattr(places, "_build_gazetteer", lambda pack: small)
    assert places.build_gazetteer.__wrapped__(pack) == small


def test_resolve_place_every_country_and_first_level_division_has_a_point() -> None:
    assert all(p.lat is not None and p.lon is not None for p in GAZETTEER.countries.values())
    ontario = resolve_place("Ontario", gazetteer=GAZETTEER)
    assert ontario is not None and (ontario.country, ontario.kind) == ("CAN", "division")
    assert ontario.lat is not None and 40 < ontario.lat < 60
    queensland = resolve_place("Queensland", gazetteer=GAZETTEER)
    assert queensland is not None and (queensland.country, queensland.kind) == ("AUS", "division")


def test_resolve_place_abbreviations_and_continents() -> None:
    us = resolve_place("US", gazetteer=GAZETTEER)
    assert us is not None and (us.country, us.kind) == ("USA", "country")
    nsw = resolve_place("NSW", gazetteer=GAZETTEER)
    assert nsw is not None and (nsw.name, nsw.kind) == ("New South Wales", "division")
    africa = resolve_place("Africa", gazetteer=GAZETTEER)
    assert africa is not None and (africa.kind, africa.country) == ("continent", None)
