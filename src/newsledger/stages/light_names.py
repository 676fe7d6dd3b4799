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
# Lower-case particles inside names, hyphened to the next word: "al-Thani", "Port-au-Prince", "Fazl-ur-Rehman".
HYPHEN_PARTICLES = frozenset(
    {"al", "el", "ul", "ur", "ud", "ad", "as", "ash", "an", "ibn", "bin", "au", "de", "la", "du", "sur"}
)
LOCATIVES = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
# The last words of a facility's name ("Tower Bridge", "Madison Square"): a place of the event, not an actor.
FACILITY_HEADS = frozenset(
    {"street", "road", "avenue", "boulevard", "drive", "lane", "highway", "bridge", "stadium", "arena", "airport"}
)
PROPER_TAGS = frozenset({"NNP", "NNPS"})
# A name hyphened to a lower-case word is still one when it is a nationality or a place ("Iran-backed", "Sydney-based").
KEPT_IN_MODIFIER = frozenset({"NORP", "GPE", "LOC"})
# With cues (no recogniser anywhere): the words that make a name a place whatever the gazetteer says. A natural
# feature's last word ("Baltic Sea", "Fraser Valley") or first ("Lake Erie", "Mount Kenya") ...
FEATURE_HEADS = frozenset(
    {"sea", "ocean", "lake", "river", "valley", "mountains", "mountain", "island", "islands", "peninsula", "bay",
     "gulf", "coast", "desert", "delta", "strait", "straits", "plateau", "basin", "hills", "highlands", "creek"}
)  # fmt: skip
FEATURE_FIRSTS = frozenset({"lake", "mount", "mt.", "fort", "gulf", "cape", "isle"})
# ... the divisions a name ends in ("Crawford County") ...
DIVISION_HEADS = frozenset({"county", "province", "district", "region", "state", "prefecture", "governorate"})
# ... the noun after it when it modifies one ("the Innisfail area", "a Hammond resident", "Sydney-based") ...
PLACE_MODIFIED = frozenset(
    {"area", "areas", "resident", "residents", "slum", "slums", "suburb", "suburbs", "based", "outskirts"}
)  # fmt: skip
# ... and the nouns that take a place after "of" ("the village of Ranya", "the coast of Lake Erie").
PLACE_OF = frozenset(
    {"village", "villages", "town", "towns", "city", "cities", "province", "provinces", "district", "districts",
     "region", "regions", "state", "county", "island", "islands", "coast", "capital", "suburb", "suburbs",
     "outskirts", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "hills",
     "municipality", "community", "communities", "countries", "parts", "part", "area", "areas", "residents"}
)  # fmt: skip
# Prepositions after which a name the gazetteer knows is taken for a place ("7 from Suva", "sent to Lansing").
UNKNOWN_PLACE_PREPS = frozenset({"in", "near", "outside"})
PLACE_PREPS = LOCATIVES | frozenset({"from", "to", "into", "via", "towards", "toward", "around", "across"})
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
        and in a tagged doc a sentence's first word is a name when the tagger says it is a proper noun. Places are
        then read from the words around a name too (see ``_place_context`` and ``_listed_places``): the recogniser
        labelled "Lake Erie", "Marion, Ohio" or "the village of Ranya" a place without a gazetteer.
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
            if self._cues and "$" in token.text:
                i += 1  # "US$", "NZ$": a currency
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
            if (
                span is not None
                and self._cues
                and _modifies_with_hyphen(doc, end)
                and span.label_ not in KEPT_IN_MODIFIER
            ):
                span = None  # "Anti-government", "Kremlin-backed": part of a modifier, not a name
            if span is not None and self._cues and span.label_ == "ORG":
                first = _hyphened_names_before(doc, span.start)
                if first < span.start:  # "the NATO-Ukraine Commission": one body, not two actors and a name
                    found = [e for e in found if e.end <= first or e.start >= span.start]
                    span = SpacySpan(doc, first, span.end, label="ORG")
            if span is not None:
                found.append(span)
            i = end
        if self._cues:
            found = self._listed_places(doc, sorted(found, key=lambda e: e.start), {e.start for e in doc.ents})
        if len(found) != len(doc.ents) or self._cues:
            doc.ents = sorted(found, key=lambda e: e.start)
        return doc

    def _listed_places(self, doc: Doc, found: list[SpacySpan], given: set[int]) -> list[SpacySpan]:
        """A name the gazetteer knows listed with a place ("Suba, Migori, Homa Bay and Bunyala", "Manaoag,
        Pangasinan and Pandi") is a place too; the pack's names (``given``) keep their labels."""
        changed = True
        while changed:
            changed = False
            for n, ent in enumerate(found):
                if ent.label_ not in {"PERSON", "ORG"} or ent.start in given or not self.any_place(ent.text):
                    continue
                if len(ent) == 1 and ent[0].lower_ in self._surnames:
                    continue
                near = [found[m] for m in (n - 1, n + 1) if 0 <= m < len(found)]
                if any(o.label_ in {"GPE", "LOC"} and _listed(doc, ent, o) for o in near):
                    found[n] = SpacySpan(doc, ent.start, ent.end, label="GPE")
                    changed = True
        return found

    def _run_end(self, doc: Doc, start: int, taken: set[int]) -> int:
        end = start + 1
        while end < len(doc) and end not in taken and not doc[end].is_sent_start:
            word = doc[end]
            if word.lower_ in self.titles or self._cues and self._is_title(word):
                break  # "US President Donald Trump": the country, then the person
            if self._cues and word.lower_ in self.time_words and word.lower_ != "may":
                break  # "Quezon City Wednesday": the place, then the day
            if self._cues and word.lower_ == "of" and self._of_place(doc, start, end, taken):
                break  # "Janet Evans of Marion", "the Mayor of Boston": a place after the person
            if _is_capitalised(word):
                end += 1
            elif self._cues and _joins_with_hyphen(doc, end) and end + 1 not in taken:
                end += 2  # "Toscano-Quindelan", "Al-Azhar"
            elif self._cues and _particle_with_hyphen(doc, end) and end + 2 not in taken:
                end += 3  # "al-Thani", "Port-au-Prince"
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

    def _of_place(self, doc: Doc, start: int, of: int, taken: set[int]) -> bool:
        """The name after "of" at ``of`` is a place the gazetteer knows and what comes before is no organisation
        or feature of it ("Department of Defense", "Gulf of Mexico" stay whole)."""
        end = of + 1
        while end < len(doc) and end not in taken and _is_capitalised(doc[end]) and not doc[end].is_sent_start:
            end += 1
        left = doc[of - 1].lower_.rstrip(".")
        if end == of + 1 or left in self.org_heads or left in self.titles or left in FEATURE_HEADS | DIVISION_HEADS:
            return False
        return bool(self.any_place(doc[of + 1 : end].text))

    def _place_context(self, doc: Doc, start: int, end: int, words: Sequence[str]) -> str | None:
        """The label a name's own words or the words around it give a place (``LOC`` for a natural feature,
        ``GPE``), or None; used with cues only."""
        if any(w.rstrip(".") in self.org_heads for w in words):
            return None  # "Santa Ana Unified School District", "University of California, San Diego"
        if words[-1] in FEATURE_HEADS or len(words) > 1 and words[0] in FEATURE_FIRSTS:
            return "LOC"
        if len(words) > 1 and words[-1] in DIVISION_HEADS:
            return "GPE"
        text = doc[start:end].text
        single_person = len(words) == 1 and words[0] in self._surnames
        after = end + 1 if end + 1 < len(doc) and doc[end].text == "-" and not doc[end].whitespace_ else end
        if after < len(doc) and doc[after].lower_ in PLACE_MODIFIED and not single_person:
            return "GPE"
        before = doc[start - 1].lower_ if start > 0 else ""
        if before == "of" and start > 1 and doc[start - 2].lower_ in PLACE_OF and not single_person:
            return "GPE"
        known = self.any_place(text)
        if known and before in PLACE_PREPS and not single_person:
            return "GPE"
        # "began in Zorblatville": after "in", "near" or "outside", a name of words no dictionary holds is a place.
        if (
            before in UNKNOWN_PLACE_PREPS
            and not single_person
            and not _is_abbreviation(doc[start:end])
            and not any(w in self.dictionary for w in words)
        ):
            return "GPE"
        # "Marion, Ohio", "Greenlane, Auckland": a name before a comma and a country or division.
        if end + 1 < len(doc) and doc[end].text == "," and _is_capitalised(doc[end + 1]) and not single_person:
            last = end + 2
            while last < len(doc) and _is_capitalised(doc[last]) and last - end <= 4:
                last += 1
            outer = doc[end + 1 : last].text
            if (known or not doc[start].is_sent_start) and (self.large_place(outer) or self.city(outer)):
                return "GPE"
        return None

    def _name(self, doc: Doc, start: int, end: int) -> SpacySpan | None:
        # "I", and "It" or "In" at the head of a line the sentencizer did not split off, are no names.
        while start < end and (
            (doc[start].lower_ in self.skipped or self._cues and self._is_title(doc[start]))
            and not _is_abbreviation(doc[start : start + 1])
            or (doc[start].text if self._cues else doc[start].lower_) in JOINERS  # "Van" is a place
        ):
            start += 1
        if start >= end:
            return None
        # "Mr. Xi", "President Obama": a title right before the name makes it a person's.
        titled = self._cues and start > 0 and self._is_title(doc[start - 1])
        # A sentence's first word is capitalised whatever it is ("Police", "Officials"): alone, only a name known
        # as one counts, or (with cues) one the tagger takes for a proper noun ("Lopez said"), that has a title, or
        # that is the last name of one of the article's people.
        proper = self._cues and (
            titled
            or doc.has_annotation("TAG")
            and doc[start].tag_ in PROPER_TAGS
            or end - start == 1
            and doc[start].lower_ in self._surnames
        )
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
        if (
            self._cues
            and end - start == 1
            and doc.has_annotation("TAG")
            and doc[start].tag_ == "JJ"
            and words[0] in self.dictionary
            and words[0] not in self._surnames
        ):
            return None  # "Western criticism": an adjective, no name
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
        context = self._place_context(doc, start, end, words) if self._cues else None
        if context is not None:
            return SpacySpan(doc, start, end, label=context)
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
                while words and (words[0].rstrip(".") in self.titles or words[0] in self.common_words):
                    words.pop(0)  # "Dr.", and "A" or "The" opening a sentence ("A Brennton resident")
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


def _listed(doc: Doc, a: SpacySpan, b: SpacySpan) -> bool:
    """Only a comma, "and" or "or" stand between the two names."""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = [t.lower_ for t in doc[first.end : second.start]]
    return bool(between) and all(w in {",", "and", "or"} for w in between) and len(between) <= 2


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


def _hyphened_names_before(doc: Doc, start: int) -> int:
    """Where the names hyphened together right before ``start`` begin ("NATO-Ukraine" before "Commission"), or
    ``start`` when there are none."""
    first = start
    while (
        first >= 3
        and _is_capitalised(doc[first - 1])
        and doc[first - 2].text == "-"
        and not doc[first - 3].whitespace_
        and not doc[first - 2].whitespace_
        and _is_capitalised(doc[first - 3])
    ):
        first -= 2
    return first - 1 if first < start else start


def _particle_with_hyphen(doc: Doc, i: int) -> bool:
    """The token at ``i`` is a lower-case particle of a name hyphened to a capitalised word: "al-Thani", "au-Prince"."""
    return (
        doc[i].text in HYPHEN_PARTICLES
        and i + 2 < len(doc)
        and doc[i + 1].text == "-"
        and not doc[i].whitespace_
        and not doc[i + 1].whitespace_
        and _is_capitalised(doc[i + 2])
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
