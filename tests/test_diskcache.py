"""The disk cache of built indexes: built once, read back by later processes, rebuilt when stale or damaged."""

from __future__ import annotations

import logging
import pickle
from dataclasses import FrozenInstanceError, dataclass
from pathlib import Path

import pytest

from newsledger.diskcache import CACHE_ENV, cache_key, flat_pickle, load_or_build


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_load_or_build_builds_once_then_reads_the_saved_index(folder: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"kabul": 1}

    key = cache_key(["pack v1"])
    assert load_or_build("demo", key, build, dict) == {"kabul": 1}
    assert load_or_build("demo", key, build, dict) == {"kabul": 1}
    assert len(calls) == 1
    assert [p.name for p in folder.iterdir()] == [f"demo-{key}.pickle"]


def test_load_or_build_changed_inputs_give_a_new_key_and_a_new_build(folder: Path) -> None:
    assert cache_key(["pack v1"]) != cache_key(["pack v2"])
    # parts are length-prefixed: moving a boundary between parts changes the key
    assert cache_key(["ab", "c"]) != cache_key(["a", "bc"])
    load_or_build("demo", cache_key(["pack v1"]), lambda: {"v": 1}, dict)
    assert load_or_build("demo", cache_key(["pack v2"]), lambda: {"v": 2}, dict) == {"v": 2}


def test_load_or_build_damaged_or_foreign_file_is_built_again(folder: Path) -> None:
    key = cache_key(["x"])
    folder.mkdir(parents=True)
    (folder / f"demo-{key}.pickle").write_bytes(b"not a pickle")
    assert load_or_build("demo", key, lambda: {"fresh": True}, dict) == {"fresh": True}
    # a readable pickle of another type is not taken for the index
    assert load_or_build("demo", key, lambda: ["other"], list) == ["other"]
    assert load_or_build("demo", key, lambda: {"again": True}, dict) == {"again": True}


def test_load_or_build_unwritable_folder_builds_in_memory_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    with caplog.at_level(logging.WARNING, logger="newsledger.diskcache"):
        assert load_or_build("demo", "k", lambda: {"built": 1}, dict) == {"built": 1}
    assert "index not cached at" in caplog.text


@flat_pickle
@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    name: str
    aliases: tuple[str, ...] = ()


@flat_pickle
@dataclass(frozen=True, slots=True, kw_only=True)
class OneField:
    name: str


def test_flat_pickle_reads_back_equal_frozen_records() -> None:
    entries = [Entry(name="Kabul", aliases=("Kabol",)), Entry(name="Herat"), OneField(name="Mazar")]
    back = pickle.loads(pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == entries and [type(e) for e in back] == [Entry, Entry, OneField]
    with pytest.raises(FrozenInstanceError):
        back[0].name = "Kandahar"  # type: ignore[misc]


def test_load_or_build_shared_objects_are_read_back_as_the_given_ones(folder: Path) -> None:
    entries = (Entry(name="Kabul"), Entry(name="Herat"))
    key = cache_key(["shared"])
    index = {"kabul": entries[0], "herat": entries[1], "copy": Entry(name="Kabul")}
    load_or_build("demo", key, lambda: index, dict, shared=entries)
    again = (Entry(name="Kabul"), Entry(name="Herat"))  # the entries of a later process
    read = load_or_build("demo", key, lambda: {}, dict, shared=again)
    assert read == index
    assert read["kabul"] is again[0] and read["herat"] is again[1]
    assert read["copy"] is not again[0]  # an equal object that is not one of them is saved as itself


def test_pack_and_actor_index_read_back_from_the_cache_equal_the_built_ones(folder: Path) -> None:
    from dataclasses import fields

    from newsledger.pack import _load_pack_cached, _read_pack, pack_digest
    from newsledger.stages.resolve import _build_resolver, build_resolver

    _load_pack_cached.cache_clear()
    built = _load_pack_cached("security")  # read from the pack's files, then saved
    _load_pack_cached.cache_clear()
    cached = _load_pack_cached("security")  # read back from the cache folder
    assert cached is not built and built.digest == cached.digest == pack_digest(built.path)
    fresh = _read_pack(built.path)
    for f in fields(fresh):
        if f.name != "digest":
            assert getattr(cached, f.name) == getattr(fresh, f.name), f.name
    assert {p.name.split("-")[0] for p in folder.iterdir()} == {"pack"}

    build_resolver(cached)  # built and saved
    build_resolver.cache_clear()
    resolver = build_resolver(cached)  # read back: it holds the pack it was asked for
    assert resolver.pack is cached
    expected = _build_resolver(cached)
    for f in fields(expected):
        if f.name != "pack":
            assert getattr(resolver, f.name) == getattr(expected, f.name), f.name
    _load_pack_cached.cache_clear()
    build_resolver.cache_clear()


def test_pack_digest_changes_with_any_file_of_the_pack(tmp_path: Path) -> None:
    import shutil

    from newsledger.pack import PACKS_DIR, pack_digest

    copy = tmp_path / "pack"
    shutil.copytree(PACKS_DIR / "security", copy)
    before = pack_digest(copy)
    with (copy / "triggers.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n# an edit\n")
    assert pack_digest(copy) != before
