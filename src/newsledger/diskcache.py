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
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

CACHE_ENV = "NEWSLEDGER_CACHE"
T = TypeVar("T")
logger = logging.getLogger(__name__)


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


def load_or_build(kind: str, key: str, build: Callable[[], T], expected: type[T]) -> T:
    """The index ``kind`` for ``key`` from the disk cache, or built by ``build`` and saved there."""
    path = cache_dir() / f"{kind}-{key}.pickle"
    # Indexes are many small objects that all live on; collecting while building or reading them only rescans them.
    enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            with path.open("rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, expected):
                return loaded
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError, ImportError):
            pass  # no cache yet, or one written by other code: build anew
        built = build()
        _write(path, built)
        return built
    finally:
        if enabled:
            gc.enable()


def _write(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        with partial.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)  # atomic: a concurrent reader sees the whole index or none
    except OSError as exc:
        logger.warning("index not cached at %s (%s); it will be built again next time", path, exc)
