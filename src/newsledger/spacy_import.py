"""Import spaCy without its command line.

``spacy/__init__.py`` imports ``spacy.cli.info`` for the ``spacy.info`` shortcut, and with it the whole command line
of spaCy (typer commands for training, packaging and downloads, ``requests``, ``weasel``): about a third of the
time spaCy takes to import, which every ``newsledger`` process pays and none uses. ``without_command_line`` puts a
stand-in for the ``spacy.cli`` package in ``sys.modules`` before spaCy is first imported. Its submodules still
import from spaCy's own files (``spacy.cli.download`` works), and reading any name of ``spacy.cli`` or calling
``spacy.info`` imports the real package in its place.

Once spaCy is imported that way, ``catalogue`` (spaCy's registries) keeps its entry points by group: it filters
every installed entry point on each registry lookup, about 190 times while a model loads (0.08 s of CPU here).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
from typing import Any

_STAND_IN = "newsledger stand-in"


def without_command_line() -> None:
    """Let spaCy's next first import skip ``spacy.cli``; does nothing once spaCy is imported or when it is absent."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        return
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return
    locations = [f"{root}/cli" for root in spec.submodule_search_locations]
    cli = types.ModuleType("spacy.cli", _STAND_IN)
    cli.__path__ = locations
    cli.__getattr__ = _real_attribute  # type: ignore[method-assign]
    info = types.ModuleType("spacy.cli.info", _STAND_IN)
    info.info = _real_info  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    sys.modules["spacy.cli"] = cli
    sys.modules["spacy.cli.info"] = info
    sys.meta_path.insert(0, _SpacyFinder(cli))


class _SpacyFinder(importlib.abc.MetaPathFinder):
    """Finds nothing itself; when spaCy is imported, makes the stand-in its ``cli`` attribute, as an import of the
    real package would."""

    def __init__(self, cli: types.ModuleType) -> None:
        self.cli = cli

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name != "spacy":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        loader = spec.loader if spec is not None else None
        if spec is None or loader is None or not hasattr(loader, "exec_module"):
            return spec
        run, cli = loader.exec_module, self.cli

        def exec_module(module: types.ModuleType) -> None:
            module.cli = cli  # type: ignore[attr-defined]
            run(module)
            _group_entry_points()

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


class _EntryPointGroups:
    """``catalogue``'s entry points, each group selected once (they are read once, when catalogue is imported)."""

    def __init__(self, points: Any) -> None:
        self.points = points
        self.groups: dict[str, Any] = {}

    def select(self, **params: Any) -> Any:
        if list(params) != ["group"]:
            return self.points.select(**params)
        group = params["group"]
        found = self.groups.get(group)
        if found is None:
            found = self.groups[group] = self.points.select(group=group)  # a tuple: shared safely
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self.points, name)


def _group_entry_points() -> None:
    catalogue = sys.modules.get("catalogue")
    points = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    if points is not None and hasattr(points, "select") and not isinstance(points, _EntryPointGroups):
        catalogue.AVAILABLE_ENTRY_POINTS = _EntryPointGroups(points)  # type: ignore[union-attr]


def _real() -> types.ModuleType:
    """The real ``spacy.cli``, imported in the stand-in's place."""
    for name in ("spacy.cli", "spacy.cli.info"):
        module = sys.modules.get(name)
        if module is not None and module.__doc__ == _STAND_IN:
            del sys.modules[name]
    real = importlib.import_module("spacy.cli")
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        spacy.cli = real  # type: ignore[attr-defined]
        spacy.info = real.info  # type: ignore[attr-defined]
    return real


def _real_attribute(name: str) -> Any:
    return getattr(_real(), name)


def _real_info(*args: Any, **kwargs: Any) -> Any:
    return _real().info(*args, **kwargs)
