"""Gold token lists turned back into text for a build: one line per sentence, each token's character offsets kept.

The ECB+ and MEANTIME gold comes as tokens without the original spacing. The text a build reads is rebuilt with
one space between tokens except where English print has none: before closing punctuation and clitics (``,``
``)`` ``'s`` ``n't``), after opening brackets, quotes and currency signs, around a hyphen or slash between two
words (``year-old``, ``and/or``), a colon between two numbers (``5:46``), an apostrophe inside a word (``AMD’s``)
and the points of an initialism split into letters (``U.S.``). Every token keeps its exact characters, so
``text[start:end]`` quotes it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

_NO_SPACE_BEFORE = re.compile(
    r"^(?:[,.;:!?)\]}%]|\.\.\.|''|'|’|”|[’'](?:s|re|ve|ll|d|m)|n[’']t)$",
    re.IGNORECASE,
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "US$", "#", "£", "€", "``", "“", "‘"})
_CLITIC = re.compile(r"^(?:s|re|ve|ll|d|m|t)$", re.IGNORECASE)
_WORD_JOINERS = frozenset({"-", "/"})
_QUOTE = '"'


@dataclass(frozen=True, slots=True, kw_only=True)
class Detokenised:
    text: str
    offsets: tuple[tuple[int, int], ...]  # (start, end) of each token in ``text``, in token order

    def span(self, tokens: Sequence[int]) -> tuple[int, int]:
        """The characters from the first of the tokens to the end of the last (a gap inside is included)."""
        return min(self.offsets[t][0] for t in tokens), max(self.offsets[t][1] for t in tokens)


def detokenise(words: Sequence[str], sentences: Sequence[int]) -> Detokenised:
    """Text for the tokens ``words``, a new line wherever the sentence number (one per token) changes."""
    if len(words) != len(sentences):
        raise ValueError(f"{len(words)} tokens but {len(sentences)} sentence numbers; expected one per token")
    glued = [_is_glue(words, sentences, i) for i in range(len(words))]
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    position, quotes = 0, 0
    for i, word in enumerate(words):
        if i and sentences[i] != sentences[i - 1]:
            gap, quotes = "\n", 0
        elif i:
            gap = " "
            previous = words[i - 1]
            # An odd count of straight quotes so far means one is open: this one closes it.
            closing = word == _QUOTE and (quotes % 2 == 1 or _ends_sentence(sentences, i))
            opened = previous == _QUOTE and quotes % 2 == 1
            if (
                _NO_SPACE_BEFORE.match(word)
                or previous in _NO_SPACE_AFTER
                or glued[i]
                or glued[i - 1]
                or closing
                or opened
                or (previous == "’" and _CLITIC.match(word))
                or _is_initialism(words, sentences, i)
            ):
                gap = ""
        else:
            gap = ""
        if word == _QUOTE:
            quotes += 1
        parts.append(gap)
        position += len(gap)
        offsets.append((position, position + len(word)))
        parts.append(word)
        position += len(word)
    return Detokenised(text="".join(parts), offsets=tuple(offsets))


def _ends_sentence(sentences: Sequence[int], i: int) -> bool:
    return i + 1 == len(sentences) or sentences[i + 1] != sentences[i]


def _is_initialism(words: Sequence[str], sentences: Sequence[int], i: int) -> bool:
    """The next letter of an initialism split into letters and points ("U . S ." is written "U.S.")."""
    return (
        i >= 2
        and sentences[i - 2] == sentences[i]
        and words[i - 1] == "."
        and _is_capital(words[i - 2])
        and _is_capital(words[i])
    )


def _is_capital(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _is_glue(words: Sequence[str], sentences: Sequence[int], i: int) -> bool:
    """A hyphen or slash between two words, or a colon between two numbers, written without spaces."""
    if i == 0 or i + 1 == len(words) or not sentences[i - 1] == sentences[i] == sentences[i + 1]:
        return False
    before, after = words[i - 1], words[i + 1]
    if not before or not after:
        return False
    if words[i] in _WORD_JOINERS:
        return before[-1].isalnum() and after[0].isalnum()
    return words[i] == ":" and before.isdigit() and after.isdigit()


def read_tokens(root: ET.Element) -> tuple[dict[str, int], list[str], list[int]]:
    """A NAF-style document's tokens (ECB+, MEANTIME): their positions by t_id, their words, their sentence numbers."""
    index: dict[str, int] = {}
    words: list[str] = []
    sentences: list[int] = []
    for tok in root.iter("token"):
        index[tok.attrib["t_id"]] = len(words)
        words.append(tok.text or "")
        sentences.append(int(tok.attrib["sentence"]))
    return index, words, sentences
