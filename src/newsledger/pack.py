"""Load a domain pack (triggers, status cues, actors, equipment) from its data files into frozen records."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from newsledger.diskcache import cache_key, flat_pickle, load_or_build
from newsledger.errors import PackError
from newsledger.model import EventType, Status

PACKS_DIR = Path(__file__).parent / "packs"
ROLE_KINDS = ("normal", "recipient_subject", "with_partner", "patient_subject")
COMPLEMENT_KINDS = ("infinitive", "clause")
EQUIPMENT_OBJECT = "EQUIPMENT"


@flat_pickle
@dataclass(frozen=True, slots=True, kw_only=True)
class TriggerRule:
    lemma: tuple[str, ...]  # one lemma, or a phrase of lemmas
    pos: str  # VERB or NOUN
    type: EventType
    mode: str | None
    objects: frozenset[str] | None
    military_mode: str | None
    roles: str
    # "infinitive": counts only when the trigger governs a to-infinitive clause ("declined to attend");
    # "clause": only when it governs a finite clause ("protested that the police ...").
    complement: str | None = None
    # Counts only when the trigger's clausal complement carries one of these auxiliaries ("said Iran must
    # stop"); the complement's subject is then the target.
    complement_aux: frozenset[str] | None = None
    # Does not count when one of its objects is one of these: another sense of the word ("fought back tears",
    # "struck down the law").
    except_objects: frozenset[str] | None = None
    # Counts only with a partner: an object, a with- or to-phrase or a conjoined subject ("talked with X", "X and
    # Y talked"); alone it is speech ("they refused to talk about it").
    needs_partner: bool = False


@flat_pickle
@dataclass(frozen=True, slots=True, kw_only=True)
class ActorEntry:
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...]
    org: str | None
    role: str | None
    start: date | None
    end: date | None

    def is_valid_on(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@flat_pickle
@dataclass(frozen=True, slots=True, kw_only=True)
class EquipmentEntry:
    id: str
    name: str
    category: str
    origin: str | None
    aliases: tuple[str, ...]
    generic: bool


# Compared and hashed by identity: load_pack caches one instance per pack, and caches of derived indexes key on it.
@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Pack:
    name: str
    version: str
    path: Path
    triggers: tuple[TriggerRule, ...]
    cues: dict[Status, dict[str, frozenset[str]]]
    actors: tuple[ActorEntry, ...]
    equipment: tuple[EquipmentEntry, ...]
    # Word lists for actor resolution (titles to strip, group nouns like "officials").
    resolve_words: dict[str, frozenset[str]]
    # Word lists for telling a mention of one happening from boilerplate and generic statements.
    specificity: dict[str, frozenset[str]] = field(default_factory=dict)
    # Word lists for attribution: cue verbs, "according to", pronouns that stand for a quotation's speaker.
    attribution: dict[str, frozenset[str]] = field(default_factory=dict)
    # A digest of the pack's files and of the code that reads them ("" for a pack made in memory): the disk cache
    # keys the pack and the indexes built from it on this.
    digest: str = ""

    def cue(self, status: Status, kind: str) -> frozenset[str]:
        return self.cues.get(status, {}).get(kind, frozenset())


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PackError(f"{path}: cannot read pack file: {exc}") from exc
    except yaml.YAMLError as exc:
        raise PackError(f"{path}: not valid YAML: {exc}") from exc


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as exc:
        raise PackError(f"{path}: cannot read pack file: {exc}") from exc


def _parse_date(path: Path, line: int, value: str) -> date | None:
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise PackError(f"{path} line {line}: {value!r} is not a date; expected YYYY-MM-DD") from exc


def _split_aliases(value: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (value or "").split("|") if a.strip())


def _parse_trigger(path: Path, index: int, raw: Any) -> TriggerRule:
    where = f"{path} trigger #{index + 1}"
    if not isinstance(raw, dict) or "lemma" not in raw or "type" not in raw:
        raise PackError(f"{where}: needs at least 'lemma' and 'type'")
    try:
        event_type = EventType(str(raw["type"]).upper())
    except ValueError as exc:
        raise PackError(f"{where}: {raw['type']!r} is not a PLOVER event type") from exc
    pos = str(raw.get("pos", "VERB")).upper()
    if pos not in {"VERB", "NOUN"}:
        raise PackError(f"{where}: pos must be VERB or NOUN, not {pos!r}")
    roles = str(raw.get("roles") or "normal")
    if roles not in ROLE_KINDS:
        raise PackError(f"{where}: roles must be one of {', '.join(ROLE_KINDS)}, not {roles!r}")
    objects = raw.get("objects")
    complement = raw.get("complement") or None
    if complement is not None and complement not in COMPLEMENT_KINDS:
        raise PackError(f"{where}: complement must be one of {', '.join(COMPLEMENT_KINDS)}, not {complement!r}")
    complement_aux = raw.get("complement_aux")
    excepted = raw.get("except_objects")
    return TriggerRule(
        lemma=tuple(str(raw["lemma"]).lower().split()),
        pos=pos,
        type=event_type,
        mode=raw.get("mode") or None,
        objects=frozenset(str(o) if o == EQUIPMENT_OBJECT else str(o).lower() for o in objects) if objects else None,
        military_mode=raw.get("military_mode") or None,
        roles=roles,
        complement=complement,
        complement_aux=frozenset(str(a).lower() for a in complement_aux) if complement_aux else None,
        except_objects=frozenset(str(o).lower() for o in excepted) if excepted else None,
        needs_partner=bool(raw.get("needs_partner", False)),
    )


def _parse_cues(path: Path, raw: Any) -> dict[Status, dict[str, frozenset[str]]]:
    if not isinstance(raw, dict):
        raise PackError(f"{path}: expected a mapping of status to cue lists")
    cues: dict[Status, dict[str, frozenset[str]]] = {}
    for key, kinds in raw.items():
        try:
            status = Status(str(key).lower())
        except ValueError as exc:
            raise PackError(f"{path}: {key!r} is not a status") from exc
        if not isinstance(kinds, dict):
            raise PackError(f"{path}: cues for {key!r} must be a mapping like {{verbs: [...]}}")
        cues[status] = {str(k): frozenset(str(w).lower() for w in (v or [])) for k, v in kinds.items()}
    return cues


def _load_actors(file: Path) -> tuple[ActorEntry, ...]:
    """The actor dictionary: one entry per (actor, dated role); tens of thousands of rows, so kept lean."""
    actors: list[ActorEntry] = []
    # Many rows share a country, sector, kind or org: intern the strings so the index holds one copy of each.
    shared: dict[str, str] = {}

    def cell(row: dict[str, str], key: str) -> str | None:
        value = (row.get(key) or "").strip()
        return shared.setdefault(value, value) if value else None

    for line, row in enumerate(_read_csv(file), start=2):
        if not row.get("id") or not row.get("name"):
            raise PackError(f"{file} line {line}: needs an id and a name")
        actors.append(
            ActorEntry(
                id=row["id"].strip(),
                name=row["name"].strip(),
                kind=cell(row, "kind") or "unknown",
                country=cell(row, "country"),
                sector=cell(row, "sector"),
                aliases=_split_aliases(row.get("aliases")),
                org=cell(row, "org"),
                role=cell(row, "role"),
                start=_parse_date(file, line, row.get("start") or ""),
                end=_parse_date(file, line, row.get("end") or ""),
            )
        )
    return tuple(actors)


def load_pack(name_or_path: str) -> Pack:
    """Load a pack by bundled name ("security") or by directory path."""
    return _load_pack_cached(name_or_path)


@functools.lru_cache(maxsize=8)
def _load_pack_cached(name_or_path: str) -> Pack:
    path = Path(name_or_path)
    if not path.is_dir():
        path = PACKS_DIR / name_or_path
    if not path.is_dir():
        bundled = sorted(p.name for p in PACKS_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))
        raise PackError(f"no domain pack {name_or_path!r}; bundled packs: {', '.join(bundled)}")
    # Reading the YAML and CSV files takes a second or more; a later process reads the pack from the disk cache.
    digest = pack_digest(path)
    return load_or_build("pack", digest, lambda: replace(_read_pack(path), digest=digest), Pack)


def pack_digest(path: Path) -> str:
    """A digest of a pack folder's files (names and contents), its location and the code that reads it."""
    files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return cache_key(
        [
            str(path.resolve()),
            Path(__file__).read_bytes(),
            *(part for p in files for part in (p.relative_to(path).as_posix(), p.read_bytes())),
        ]
    )


def _read_pack(path: Path) -> Pack:
    meta = _load_yaml(path / "pack.yaml") or {}
    trig = _load_yaml(path / "triggers.yaml") or {}
    triggers = tuple(_parse_trigger(path / "triggers.yaml", i, r) for i, r in enumerate(trig.get("triggers", [])))
    cues = _parse_cues(path / "cues.yaml", _load_yaml(path / "cues.yaml") or {})

    actors = _load_actors(path / "actors.csv")
    equipment: list[EquipmentEntry] = []
    for line, row in enumerate(_read_csv(path / "equipment.csv"), start=2):
        if not row.get("id") or not row.get("name"):
            raise PackError(f"{path / 'equipment.csv'} line {line}: needs an id and a name")
        equipment.append(
            EquipmentEntry(
                id=row["id"].strip(),
                name=row["name"].strip(),
                category=(row.get("category") or "").strip(),
                origin=(row.get("origin") or "").strip() or None,
                aliases=_split_aliases(row.get("aliases")),
                generic=(row.get("generic") or "").strip().lower() == "true",
            )
        )
    words_file = path / "resolve.yaml"
    words = _load_yaml(words_file) if words_file.exists() else {}
    resolve_words = {str(k): frozenset(str(w).lower() for w in (v or [])) for k, v in (words or {}).items()}
    specificity_file = path / "specificity.yaml"
    raw = _load_yaml(specificity_file) if specificity_file.exists() else {}
    if not isinstance(raw, dict):
        raise PackError(f"{specificity_file}: expected a mapping of word lists like {{frequency: [...]}}")
    specificity = {str(k): frozenset(" ".join(str(w).lower().split()) for w in (v or [])) for k, v in raw.items()}
    attribution_file = path / "attribution.yaml"
    raw = _load_yaml(attribution_file) if attribution_file.exists() else {}
    if not isinstance(raw, dict):
        raise PackError(f"{attribution_file}: expected a mapping of word lists like {{verbs: [...]}}")
    attribution = {str(k): frozenset(str(w).lower() for w in (v or [])) for k, v in raw.items()}
    return Pack(
        resolve_words=resolve_words,
        specificity=specificity,
        attribution=attribution,
        name=str(meta.get("name", path.name)),
        version=str(meta.get("version", "unversioned")),
        path=path,
        triggers=triggers,
        cues=cues,
        actors=actors,
        equipment=tuple(equipment),
    )
