"""Text that is always valid Unicode: lone surrogates (from JSON escapes or undecodable file names) replaced."""

from __future__ import annotations

import os
import re

# A surrogate code point on its own is no character: UTF-8 cannot encode it, so a string holding one could not be
# stored, written to a terminal or exported. JSON allows it ("\ud800"), and Python maps undecodable bytes of file
# names to such code points.
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def without_surrogates(text: str) -> str:
    """The text with every lone surrogate replaced by U+FFFD; unchanged (the same object) when it has none."""
    return _SURROGATE.sub(REPLACEMENT, text) if _SURROGATE.search(text) else text


def shown_path(path: str) -> str:
    """A file name as valid text: bytes that are not UTF-8 become U+FFFD (the file is still opened by its name)."""
    if not _SURROGATE.search(path):
        return path
    return os.fsencode(path).decode("utf-8", "replace")
