"""Indexes built from a pack once and kept on disk, so that a new process reads them instead of building them.

Each index is a pickle named by its kind and a key: a digest of everything it is built from (the pack's files,
the versions of the packages and of the code that build it). A changed input gives a new key, so a stale index
is never read; a missing, unreadable or foreign file is built again. The folder is ``$NEWSLEDGER_CACHE``, else
``$XDG_CACHE_HOME/newsledger``, else ``~/.cache/newsledger``; when it cannot be written the index is built in
memory each time, with a warning.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

CACHE_ENV = "NEWSLEDGER_CACHE"
T = TypeVar("T")
logger = logging.getLogger(__name__)


def flat_pickle(cls: type[T]) -> type[T]:
    """Pickle a frozen, slotted dataclass as its field values, read back by a constructor made for the class.

    Such a class pickles through the ``__setstate__`` that ``dataclasses`` writes, which looks up the class's fields
    for every object it reads; an index of tens of thousands of entries then spends most of its load there.
    """
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    values = attrgetter(*names)

    def __reduce__(self: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return _restore, (cls, *values(self)) if len(names) > 1 else (cls, values(self))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


_BUILDERS: dict[type, Callable[..., Any]] = {}


def _restore(cls: type, *values: Any) -> Any:
    build = _BUILDERS.get(cls)
    if build is None:
        names = [f.name for f in fields(cls)]
        body = "".join(f" set(o, {n!r}, {n})\n" for n in names)
        code = f"def build({', '.join(names)}):\n o = new(cls)\n{body} return o\n"
        scope: dict[str, Any] = {"new": object.__new__, "set": object.__setattr__, "cls": cls}
        exec(code, scope)  # noqa: S102 - field names of our own dataclasses, as ``dataclasses`` itself does
        build = _BUILDERS[cls] = scope["build"]
    return build(*values)


def cache_dir() -> Path:
    """Where built indexes are kept: $NEWSLEDGER_CACHE, else $XDG_CACHE_HOME/newsledger, else ~/.cache/newsledger."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsledger"


def cache_key(parts: Iterable[str | bytes]) -> str:
    """A short digest of the inputs an index is built from."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:20]


def load_or_build(
    kind: str, key: str, build: Callable[[], T], expected: type[T], *, shared: Sequence[object] = ()
) -> T:
    """The index ``kind`` for ``key`` from the disk cache, or built by ``build`` and saved there.

    Objects of ``shared`` (the pack's entries an index points to) are saved as their position in it and read back
    as the objects of the ``shared`` given then, not as copies; ``key`` must then change whenever ``shared`` does.
    """
    path = cache_dir() / f"{kind}-{key}.pickle"
    # Indexes are many small objects that all live on; collecting while building or reading them only rescans them.
    enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            with path.open("rb") as handle:
                unpickler = pickle.Unpickler(handle)
                unpickler.persistent_load = lambda pid: shared[pid]  # type: ignore[method-assign]
                loaded = unpickler.load()
            if isinstance(loaded, expected):
                return loaded
        except (
            OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError, ImportError, IndexError
        ):  # fmt: skip
            pass  # no cache yet, or one written by other code: build anew
        built = build()
        _write(path, built, shared)
        return built
    finally:
        if enabled:
            gc.enable()


def _write(path: Path, value: object, shared: Sequence[object]) -> None:
    positions = {id(o): n for n, o in enumerate(shared)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        with partial.open("wb") as handle:
            pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.persistent_id = lambda obj: positions.get(id(obj))  # type: ignore[method-assign]
            pickler.dump(value)
        partial.replace(path)  # atomic: a concurrent reader sees the whole index or none
    except OSError as exc:
        logger.warning("index not cached at %s (%s); it will be built again next time", path, exc)
