"""Names in the stretches that cannot hold an event, found without spaCy's entity recogniser.

The stretches the annotate stage does not parse are read only for their names: stories take every name and the
years dates name, toponyms take the places, and the events stage takes the last name of a sentence for a pronoun in
the next one. ``LightNames`` finds them from the words alone: the pack's actors and equipment (already labelled),
runs of capitalised words, and years. A run is labelled by what it names: a nationality (``NORP``), a place the
gazetteer knows as a country, division or continent, or a place after "in" or "at" (``GPE``), a name that ends in
an organisation's noun or is an abbreviation in capitals (``ORG``), a month or weekday (``DATE``), else a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

# Words that join the capitalised words of one name: "Department of Defense", "Abu Bakr al Baghdadi".
JOINERS = frozenset({"of", "de", "del", "da", "al", "bin", "van", "von", "&"})
LOCATIVES = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
# The last words of a facility's name ("Tower Bridge", "Madison Square"): a place of the event, not an actor.
FACILITY_HEADS = frozenset(
    {"street", "road", "avenue", "boulevard", "drive", "lane", "highway", "bridge", "stadium", "arena", "airport"}
)
PROPER_TAGS = frozenset({"NNP", "NNPS"})
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


class LightNames:
    """Label the names of a light stretch (a doc with rule-based sentences and the pack's names as entities).

    ``large_place(text)`` tells whether a name is a country, division or continent; ``city(text)`` whether it is a
    large city ("Denver"); ``any_place(text)`` whether the gazetteer knows it at all; ``is_nationality(text)``
    whether it is a nationality word ("Canadian").
    """

    def __init__(
        self,
        *,
        large_place: Callable[[str], bool],
        any_place: Callable[[str], bool],
        city: Callable[[str], bool],
        is_nationality: Callable[[str], bool],
        org_heads: frozenset[str],
        time_words: frozenset[str],
        common_words: frozenset[str],
        titles: frozenset[str],
        dictionary: frozenset[str],
    ) -> None:
        self.large_place = large_place
        self.any_place = any_place
        self.city = city
        self.is_nationality = is_nationality
        self.org_heads = org_heads
        self.time_words = time_words
        self.common_words = common_words
        self.titles = titles
        self.dictionary = dictionary
        self.skipped = common_words | titles
        self._known: dict[str, str] = {}
        self._surnames: frozenset[str] = frozenset()
        self._cues = False

    def __call__(self, doc: Doc, known: dict[str, str] | None = None, surnames: frozenset[str] | None = None) -> Doc:
        """Label ``doc``'s names; ``known`` gives the labels the entity recogniser gave names of the same article
        elsewhere (lower-case text, and a person's surname alone), which win over the guesses from the words.

        ``surnames``, the last names of the article's people (see ``surnames``), is given when no recogniser ran
        anywhere in the article: its cues then stand in for the recogniser's labels. A title makes the name after it
        a person's ("Mr. Xi", "Dr. Collins"), a word alone is a person's only when it is one of these last names,
        and in a tagged doc a sentence's first word is a name when the tagger says it is a proper noun.
        """
        self._known = known or {}
        self._cues = surnames is not None
        self._surnames = surnames or frozenset()
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        found: list[SpacySpan] = list(doc.ents)
        i = 0
        while i < len(doc):
            token = doc[i]
            if i in taken:
                i += 1
                continue
            if _YEAR.match(token.text):
                found.append(SpacySpan(doc, i, i + 1, label="DATE"))
                i += 1
                continue
            if not _is_capitalised(token) or self._cues and _is_compound_modifier(token):
                i += 1
                continue
            end = self._run_end(doc, i, taken)
            span = self._name(doc, i, end)
            if span is not None and self._cues and _modifies_with_hyphen(doc, end) and span.label_ != "NORP":
                span = None  # "Anti-government", "Kremlin-backed": part of a modifier, not a name
            if span is not None:
                found.append(span)
            i = end
        if len(found) != len(doc.ents):
            doc.ents = sorted(found, key=lambda e: e.start)
        return doc

    def _run_end(self, doc: Doc, start: int, taken: set[int]) -> int:
        end = start + 1
        while end < len(doc) and end not in taken and not doc[end].is_sent_start:
            word = doc[end]
            if word.lower_ in self.titles or self._cues and self._is_title(word):
                break  # "US President Donald Trump": the country, then the person
            if _is_capitalised(word):
                end += 1
            elif self._cues and _joins_with_hyphen(doc, end) and end + 1 not in taken:
                end += 2  # "Toscano-Quindelan", "Al-Azhar"
            elif (
                word.lower_ in JOINERS
                and end + 1 < len(doc)
                and end + 1 not in taken
                and _is_capitalised(doc[end + 1])
                and not doc[end + 1].is_sent_start
            ):
                end += 2
            else:
                break
        return end

    def _name(self, doc: Doc, start: int, end: int) -> SpacySpan | None:
        # "I", and "It" or "In" at the head of a line the sentencizer did not split off, are no names.
        while start < end and (
            (doc[start].lower_ in self.skipped or self._cues and self._is_title(doc[start]))
            and not _is_abbreviation(doc[start : start + 1])
            or doc[start].lower_ in JOINERS
        ):
            start += 1
        if start >= end:
            return None
        # "Mr. Xi", "President Obama": a title right before the name makes it a person's.
        titled = self._cues and start > 0 and self._is_title(doc[start - 1])
        # A sentence's first word is capitalised whatever it is ("Police", "Officials"): alone, only a name known
        # as one counts, or (with cues) one the tagger takes for a proper noun ("Lopez said") or that has a title.
        proper = self._cues and (titled or doc.has_annotation("TAG") and doc[start].tag_ in PROPER_TAGS)
        if end - start == 1 and _opens_sentence(doc, start) and not self._is_known(doc[start].text) and not proper:
            return None
        words = [t.lower_ for t in doc[start:end]]
        label = self._known.get(doc[start:end].text.lower())
        if label is not None:
            return SpacySpan(doc, start, end, label=label)
        if all(w in self.time_words or self._cues and w.rstrip(".") in self.time_words for w in words):
            return SpacySpan(doc, start, end, label="DATE")
        text = doc[start:end].text
        if self.is_nationality(text):
            return SpacySpan(doc, start, end, label="NORP")
        before = doc[start - 1].lower_ if start > 0 else ""
        is_place = (
            self.large_place(text)
            or self.city(text)
            or (before in LOCATIVES or end - start > 1)
            and self.any_place(text)
        )
        if titled and not is_place:
            return SpacySpan(doc, start, end, label="PERSON")
        if is_place:
            return SpacySpan(doc, start, end, label="GPE")
        if self._cues and words[-1] in FACILITY_HEADS:
            return SpacySpan(doc, start, end, label="FAC")
        if words[-1] in self.org_heads or _is_abbreviation(doc[start:end]):
            return SpacySpan(doc, start, end, label="ORG")
        # One word is most often a surname; a name of two or three with a word the dictionary does not hold is a
        # person's ("Maria Lopez", "Elton Brand"); else it keeps all its words ("Geological Survey").
        unknown = words[0] not in self.dictionary or words[-1] not in self.dictionary
        if end - start == 1 and self._cues:
            # With the article's people known, a word alone is a person's when it is one of their last names, and
            # else most often a company's or a team's ("Google", "Intel").
            person = words[0] in self._surnames
        else:
            person = end - start == 1 or end - start <= 3 and (unknown or words[-1] in self._surnames)
        return SpacySpan(doc, start, end, label="PERSON" if person else "ORG")

    def _is_title(self, token: Token) -> bool:
        return token.lower_.rstrip(".") in self.titles

    def surnames(self, docs: Sequence[Doc]) -> frozenset[str]:
        """The last names of the people of an article (lower-case): the last word of a name after a title ("Dr.
        Collins", "Mr. Xi Jinping"), or of a name of two or three capitalised words that is no place, organisation
        or run of dictionary words ("Maria Lopez")."""
        out: set[str] = set()
        for doc in docs:
            taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
            i = 0
            while i < len(doc):
                if i in taken or not _is_capitalised(doc[i]):
                    i += 1
                    continue
                end = i + 1
                while end < len(doc) and end not in taken and _is_capitalised(doc[end]) and not doc[end].is_sent_start:
                    end += 1
                words = [t.lower_ for t in doc[i:end]]
                titled = self._is_title(doc[i]) or i > 0 and self._is_title(doc[i - 1])
                while words and words[0].rstrip(".") in self.titles:
                    words.pop(0)
                if words and (
                    titled
                    or 2 <= len(words) <= 3
                    and words[-1] not in self.org_heads
                    and (words[0] not in self.dictionary or words[-1] not in self.dictionary)
                    and not self.any_place(doc[end - len(words) : end].text)
                ):
                    out.add(words[-1])
                i = end
        return frozenset(out)

    def _is_known(self, text: str) -> bool:
        return text.lower() in self._known or self.large_place(text) or self.city(text) or self.is_nationality(text)


def known_labels(ents: Sequence[SpacySpan]) -> dict[str, str]:
    """Names the entity recogniser labelled, by lower-case text, with a person's surname alone: what ``LightNames``
    copies onto the same names in the stretches it labels."""
    out: dict[str, str] = {}
    for ent in ents:
        if ent.label_ in NAME_LABELS:
            out.setdefault(ent.text.lower(), ent.label_)
            if ent.label_ == "PERSON" and len(ent) > 1:
                out.setdefault(ent[-1].lower_, "PERSON")
    return out


def _is_capitalised(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _is_compound_modifier(token: Token) -> bool:
    """One token of capitalised words joined by a hyphen to a lower-case one: "U.S.-led", "Iran-backed"."""
    last = token.text.rsplit("-", 1)
    return len(last) == 2 and last[1][:1].islower()


def _joins_with_hyphen(doc: Doc, i: int) -> bool:
    """The token at ``i`` is a hyphen without spaces between two capitalised words."""
    return (
        doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and i + 1 < len(doc)
        and _is_capitalised(doc[i + 1])
    )


def _modifies_with_hyphen(doc: Doc, end: int) -> bool:
    """The words before ``end`` are joined by a hyphen to a lower-case word: "Anti-government", "Kremlin-backed"."""
    return (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].islower()
    )


def _is_abbreviation(words: Sequence[Token] | SpacySpan) -> bool:
    return len(words) == 1 and words[0].text.replace(".", "").isupper() and len(words[0].text) > 1


def _opens_sentence(doc: Doc, i: int) -> bool:
    """The word at ``i`` is the first of its sentence or line, or of a quotation or an aside in it."""
    while i > 0 and not doc[i].is_sent_start:
        before = doc[i - 1]
        if not (before.is_space or before.is_quote or before.text in {"(", "-", "—", ":", "|", "•"}):
            return False
        i -= 1
    return True
