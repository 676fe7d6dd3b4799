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
