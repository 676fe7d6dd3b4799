"""The model's attribute ruler (coarse POS, morphology and lemma exceptions from fine tags) without its matcher's cost.

spaCy's ``AttributeRuler`` runs a ``Matcher`` of ~180 patterns over every token: about as long as the parser takes.
Nearly all of its patterns look at one token's tag, lower-case form, dependency or whitespace, so their matches
depend on those four values alone and are looked up once per distinct combination. The few patterns of more than
one token (or with a regular expression) stay in a small ``Matcher``. Matches are applied in the ruler's own order
(pattern order, then position), so later patterns still win and every token ends up as the ruler leaves it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, cast

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

# What a one-token pattern may test for it to be looked up by the token's values; anything else goes to the matcher.
_KEYS = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})
Signature = tuple[str, str, str, bool]


_OPERATORS = frozenset({"IN", "NOT_IN", "REGEX"})


def _simple(spec: dict[str, Any]) -> bool:
    return set(spec) <= _KEYS and all(
        isinstance(v, str | bool) or (isinstance(v, dict) and len(v) == 1 and set(v) <= _OPERATORS)
        for v in spec.values()
    )


def _value(token: Signature, key: str) -> str | bool:
    tag, lower, dep, space = token
    values: dict[str, str | bool] = {"TAG": tag, "LOWER": lower, "DEP": dep, "IS_SPACE": space}
    return values[key]


def _matches(spec: dict[str, Any], token: Signature) -> bool:
    for key, want in spec.items():
        have = _value(token, key)
        if isinstance(want, dict):
            if "IN" in want and have not in want["IN"]:
                return False
            if "NOT_IN" in want and have in want["NOT_IN"]:
                return False
            if "REGEX" in want and not re.search(want["REGEX"], str(have)):
                return False
        elif have != want:
            return False
    return True


def _literal_words(spec: dict[str, Any]) -> frozenset[str] | None:
    """The words a pattern's LOWER test accepts when it lists them, else None."""
    want = spec.get("LOWER")
    if isinstance(want, str):
        return frozenset({want})
    if isinstance(want, dict) and "IN" in want:
        return frozenset(want["IN"])
    return None


class TagAttributes:
    """Set what the ruler would set: one lookup per distinct (tag, lower, dep, is_space), a matcher for the rest."""

    _CACHE_LIMIT = 200_000

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        # One-token patterns: those that test no word by the values they test (a few hundred combinations of tag,
        # dependency and whitespace), those that test literal words by each word, the rest one by one.
        self.unworded: list[tuple[int, tuple[dict[str, Any], ...]]] = []
        self.by_word: dict[str, list[tuple[int, tuple[dict[str, Any], ...]]]] = {}
        self.other: list[tuple[int, tuple[dict[str, Any], ...]]] = []
        self.matcher = Matcher(ruler.vocab)
        # The first tokens of the matcher's patterns: a doc where none occurs needs no matcher.
        self.starts: list[dict[str, Any]] = []
        self.always_match = False
        for n, entry in enumerate(ruler.patterns):
            alternatives = cast(list[list[dict[str, Any]]], entry["patterns"])
            if all(len(p) == 1 and _simple(p[0]) for p in alternatives):
                specs = tuple(p[0] for p in alternatives)
                words = [_literal_words(spec) for spec in specs]
                if all("LOWER" not in spec for spec in specs):
                    self.unworded.append((n, specs))
                elif all(w is not None for w in words):
                    for word in {w for ws in words if ws is not None for w in ws}:
                        self.by_word.setdefault(word, []).append((n, specs))
                else:
                    self.other.append((n, specs))
            else:
                self.matcher.add(str(n), cast(Any, alternatives))
                for p in alternatives:
                    if _simple(p[0]) and "OP" not in p[0]:
                        self.starts.append(p[0])
                    else:
                        self.always_match = True
        self._unworded: dict[tuple[str, str, bool], tuple[int, ...]] = {}
        self._seen: dict[Signature, tuple[tuple[int, ...], bool]] = {}

    def _single(self, token: Signature) -> tuple[tuple[int, ...], bool]:
        """The one-token patterns that match, in pattern order, and whether a longer pattern may start here."""
        found = self._seen.get(token)
        if found is None:
            tag, lower, dep, space = token
            plain = self._unworded.get((tag, dep, space))
            if plain is None:
                plain = self._unworded[(tag, dep, space)] = tuple(
                    n for n, specs in self.unworded if any(_matches(s, token) for s in specs)
                )
            worded = [
                n for n, specs in (*self.by_word.get(lower, ()), *self.other) if any(_matches(s, token) for s in specs)
            ]
            found = (tuple(sorted({*plain, *worded})), any(_matches(s, token) for s in self.starts))
            if len(self._seen) >= self._CACHE_LIMIT:
                self._seen.clear()
            self._seen[token] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        matches: list[tuple[int, int, int]] = []
        starts = self.always_match
        for t in doc:
            ns, begins = self._single((t.tag_, t.lower_, t.dep_, t.is_space))
            matches += [(n, t.i, t.i + 1) for n in ns]
            starts = starts or begins
        if starts:
            strings = doc.vocab.strings
            matches += [(int(strings[m]), s, e) for m, s, e in self.matcher(doc, allow_missing=True)]
        matches.sort()
        for n, start, end in matches:
            index = self.indices[n]
            token: Token = doc[start + index if index >= 0 else end + index]
            set_token_attrs(token, self.attrs[n])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


# The model's rulers by a key, as for the pack's indexes: spaCy's config holds the key, a string.
_RULERS: dict[str, AttributeRuler] = {}


@Language.factory("tag_attributes", default_config={"key": ""})
def make_tag_attributes(nlp: Language, name: str, key: str) -> TagAttributes:
    return TagAttributes(_RULERS[key])


def speed_up_attribute_ruler(nlp: Language) -> None:
    """Put ``TagAttributes`` in the place (and under the name) of the model's attribute ruler, if it has one."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return
    key = str(id(ruler))
    _RULERS[key] = ruler
    nlp.replace_pipe("attribute_ruler", "tag_attributes", config={"key": key})
