"""Outlet ownership: outlets declared as one owner count as one independent source.

An owner table is a CSV with the columns ``outlet,owner`` (and optionally ``note``). ``outlet`` is a web domain
("ria.ru") or an outlet name as manifests give it ("RIA Novosti"); ``owner`` is any label shared by every outlet
of one owner. The domain pack may ship one (``outlets.csv``) and a user may add their own with
``--set merge.owners=PATH``; the user's rows win.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Mapping, Sequence
from pathlib import Path

from newsledger.errors import PackError

OWNERS_FILE = "outlets.csv"


def outlet_key(outlet: str) -> str:
    """The form outlets are compared in: case-folded, without "www." and surrounding space."""
    return outlet.strip().casefold().removeprefix("www.")


def read_owners(path: Path) -> dict[str, str]:
    """outlet key -> owner label, from one owner table; a malformed table is a PackError naming the line."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise PackError(f"{path}: cannot read the outlet owner table: {exc}") from exc
    owners: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        outlet, owner = (row.get("outlet") or "").strip(), (row.get("owner") or "").strip()
        if not outlet or not owner:
            raise PackError(f"{path} line {line}: needs an outlet and an owner (columns outlet,owner)")
        owners[outlet_key(outlet)] = owner
    return owners


@functools.lru_cache(maxsize=8)
def load_owners(pack_dir: Path, extra: str = "") -> Mapping[str, str]:
    """The pack's owner table (if any) overlaid with the user's (if given)."""
    owners: dict[str, str] = {}
    bundled = pack_dir / OWNERS_FILE
    if bundled.is_file():
        owners.update(read_owners(bundled))
    if extra:
        path = Path(extra)
        if not path.is_file():
            raise PackError(f"{path}: outlet owner table not found (set by merge.owners)")
        owners.update(read_owners(path))
    return owners


def owner_of(names: Sequence[str | None], owners: Mapping[str, str]) -> str | None:
    """The owner key of an outlet known by these names (domain first, then the name a manifest gives).

    The first name the owner table declares decides; an outlet nobody declared is its own owner (its first name).
    """
    keys = [outlet_key(n) for n in names if n and n.strip()]
    for key in keys:
        if key in owners:
            return f"owner:{owners[key].casefold()}"
    return keys[0] if keys else None
