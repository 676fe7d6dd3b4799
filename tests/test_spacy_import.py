"""spaCy imported without its command line: the stand-in for ``spacy.cli`` and the real package behind it."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_importing_spacy_after_newsledger_skips_its_command_line() -> None:
    code = (
        "import sys, newsledger, spacy\n"
        "from spacy.tokens import Doc\n"
        "print('requests' in sys.modules, 'spacy.cli.download' in sys.modules, callable(spacy.info))\n"
    )
    assert _run(code) == "False False True"


def test_spacy_command_line_is_imported_when_asked_for() -> None:
    code = (
        "import newsledger, spacy\n"
        "from spacy.cli import download\n"
        "print(callable(download), spacy.cli.download is download, 'about' in spacy.info(markdown=True).lower())\n"
    )
    assert _run(code).splitlines()[-1] == "True True True"


def test_registries_find_the_same_entry_points_selected_once_by_group() -> None:
    code = (
        "import importlib.metadata, newsledger, spacy, catalogue\n"
        "points = catalogue.AVAILABLE_ENTRY_POINTS\n"
        "groups = ['spacy_factories', 'spacy_languages', 'thinc_layers', 'no_such_group']\n"
        "every = importlib.metadata.entry_points()\n"
        "same = all(list(points.select(group=g)) == list(every.select(group=g)) for g in groups)\n"
        "print(type(points).__name__, same, points.select(group='spacy_factories') is "
        "points.select(group='spacy_factories'), spacy.blank('en').lang)\n"
    )
    assert _run(code) == "_EntryPointGroups True True en"
