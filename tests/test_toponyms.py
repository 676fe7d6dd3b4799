"""Tests for the toponym stage: place names found in fictional texts and resolved in their article's context."""

from __future__ import annotations

from newsledger.coding import place_texts
from newsledger.model import Toponym
from newsledger.pack import load_pack
from newsledger.settings import Settings

PACK = load_pack("security")
FICTION = "Fictional fixture written for newsledger's tests."


def _places(text: str) -> list[Toponym]:
    ((_, found),) = place_texts([("t", text, None)], pack=PACK, settings=Settings())
    return found


def _by_text(found: list[Toponym]) -> dict[str, tuple[str | None, str | None, str | None]]:
    return {t.text: (t.place.name, t.place.country, t.place.kind) if t.place else (None, None, None) for t in found}


def test_find_toponyms_spans_quote_the_text() -> None:
    text = f"{FICTION}\n\nHealth officials in Nairobi, Kenya, said cases rose in Mombasa and in Kisumu."
    found = _places(text)
    assert [t.text for t in found] == ["Nairobi", "Kenya", "Mombasa", "Kisumu"]
    for t in found:
        assert text[t.span.start : t.span.end] == t.text
        assert t.place is not None and t.place.country == "KEN"


def test_find_toponyms_abbreviations_name_countries_and_divisions() -> None:
    found = _by_text(_places(f"{FICTION}\n\nThe US and the UK sent doctors to NSW last week."))
    assert found["US"][:2] == ("United States", "USA")
    assert found["UK"][:2] == ("United Kingdom", "GBR")
    assert found["NSW"] == ("New South Wales", "AUS", "division")


def test_find_toponyms_skips_nationality_words_and_virus_names() -> None:
    found = _by_text(
        _places(f"{FICTION}\n\nCanadian doctors treated West Nile virus patients in Toronto, a Kenyan nurse said.")
    )
    assert "Canadian" not in found and "Kenyan" not in found
    assert not any("Nile" in name for name in found)
    assert found["Toronto"][1] == "CAN"


def test_find_toponyms_the_place_written_after_a_name_contains_it() -> None:
    found = _by_text(_places(f"{FICTION}\n\nA clinic in Atlanta, Georgia, and one in Tbilisi, Georgia, closed."))
    assert found["Atlanta"][1] == "USA"
    # Both "Georgia" spans are listed in order: the state after Atlanta, the country after Tbilisi.
    places = [t for t in _places(f"{FICTION}\n\nA clinic in Atlanta, Georgia, and one in Tbilisi, Georgia, closed.")]
    georgias = [t.place for t in places if t.text == "Georgia"]
    assert [(p.country, p.kind) for p in georgias if p] == [("USA", "division"), ("GEO", "country")]


def test_find_toponyms_other_places_of_the_article_settle_an_ambiguous_name() -> None:
    us = _by_text(_places(f"{FICTION}\n\nFarms in Alabama, Texas and Iowa reported the disease; Georgia did too."))
    assert us["Georgia"] == ("Georgia", "USA", "division")
    caucasus = _by_text(_places(f"{FICTION}\n\nArmenia, Azerbaijan and Georgia closed their borders."))
    assert caucasus["Georgia"] == ("Georgia", "GEO", "country")


def test_find_toponyms_a_kind_word_picks_the_division() -> None:
    found = _by_text(_places(f"{FICTION}\n\nGunmen attacked a police checkpoint in Kandahar province on Friday."))
    assert found["Kandahar province"] == ("Kandahar", "AFG", "division")


def test_find_toponyms_unknown_place_is_listed_unresolved() -> None:
    found = _places(f"{FICTION}\n\nThe outbreak began in Zorblatville, officials said.")
    unknown = [t for t in found if "Zorblat" in t.text]
    assert unknown and unknown[0].place is None


def test_find_toponyms_an_unlisted_district_is_a_place_of_the_articles_country() -> None:
    text = f"{FICTION}\n\nKHOST — A drone fell near Qalandar Ghundai district in Afghanistan on Sunday."
    found = _by_text(_places(text))
    assert found["KHOST"] == ("Khost", "AFG", "division")
    assert found["Qalandar Ghundai district"] == ("Qalandar Ghundai", "AFG", None)


def test_find_toponyms_a_capital_named_alone_is_not_another_citys_old_name() -> None:
    text = f"{FICTION}\n\nA delegation of the movement visited Islamabad from Qatar late last month."
    assert _by_text(_places(text))["Islamabad"][1] == "PAK"
