"""Attribution: who reports each stretch of an article (quotations, reported speech, "according to"), from the parse.

Four shapes are found, each with its content span and, where the text gives one, its source and cue:

- reported speech: a cue verb's clausal complement is the content and its subject the source ("officials said
  the militants had ...", "X told Y that ..."), also when the cue stands inside or after the clause ("..., police
  said"); "X accused Y of supplying ..." reports the of-phrase;
- what is announced, reported, denied or cited when no clause follows: the object ("the ministry announced a new
  arms deal", "..., citing the threat from drones");
- a relative pronoun or a noun a participle describes as the speaker ("a report ..., which said", "reports
  stating that"); a source the parse put on another line (a headline) is replaced by the noun phrase that opens
  the cue's line, and a content is kept to the cue's line;
- nested reports: "TASS quoted the general as saying ...": TASS reports the general's report, which is inside;
- "according to X" and adverbs without a named source ("reportedly");
- quotations: the words between quotation marks, spoken by the subject of a cue verb beside them in their sentence,
  in the sentence before when it ends with a colon, or by the speaker of the report just before them (a quotation
  that goes on in the next sentence or paragraph).

The stage is given a function that resolves a source phrase to an actor, so that a source is resolved exactly as
an event's participant is.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsledger.model import OUTLET_VOICE, ActorRef, Attribution, AttributionKind, Span
from newsledger.pack import Pack
from newsledger.stages.annotate import AnnotatedArticle
from newsledger.stages.arguments import phrase_bounds
from newsledger.stages.status import subject_of

# A source token in its sentence -> its evidence span (article offsets) and actor; None when it names no actor.
SourceResolver = Callable[[Token, SpacySpan, int], tuple[Span, ActorRef] | None]

# Opening and closing marks of a quotation: curly pairs, or straight double quotes taken two by two.
_QUOTATION = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
# A quotation of fewer words is a title or a scare quote ("termed an 'assassination'"), not speech.
MIN_QUOTE_WORDS = 3
CONTENT_DEPS = frozenset({"ccomp"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Relative pronouns ("which", "who", "that"), which stand for the noun their clause describes.
RELATIVE_TAGS = frozenset({"WDT", "WP"})
NOMINAL = frozenset({"NOUN", "PROPN"})
# What stands right before a cue that follows its quotation: "'...,' said the minister".
INVERSION_MARKS = frozenset({",", '"', "''", "”", "’"})


@dataclass(frozen=True, slots=True)
class AttributionCues:
    """The pack's attribution word lists (attribution.yaml)."""

    verbs: frozenset[str]
    quote_verbs: frozenset[str]
    nesting: frozenset[str]
    according: frozenset[str]
    adverbs: frozenset[str]
    nouns: frozenset[str]
    addressee_preps: frozenset[str]
    interview_nouns: frozenset[str]
    first_singular: frozenset[str]
    first_plural: frozenset[str]
    second: frozenset[str]
    unnamed_sources: frozenset[str]
    object_verbs: frozenset[str]

    @classmethod
    def of(cls, pack: Pack) -> AttributionCues:
        words = pack.attribution
        return cls(**{name: words.get(name, frozenset()) for name in cls.__slots__})


@dataclass(frozen=True, slots=True)
class _Found:
    """An attribution as found in one paragraph's parse; offsets are the paragraph's."""

    kind: AttributionKind
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: Token | None
    addressee: Token | None = None


def _bounds(token: Token) -> tuple[int, int]:
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)


def _token_bounds(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token.text)


def _children(token: Token, deps: set[str] | frozenset[str], words: frozenset[str] | None = None) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps and (words is None or c.lower_ in words)]


def _pobj(prep: Token) -> Token | None:
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def _addressee(cue: Token, cues: AttributionCues) -> Token | None:
    """Whom the source speaks to: "told TASS", "said to reporters", "said in an interview with RIA Novosti"."""
    told = _children(cue, {"dative", "dobj"})
    if told and cue.lemma_.lower() in {"tell", "inform", "brief"}:
        return told[0]
    for prep in _children(cue, {"prep", "dative"}):
        obj = _pobj(prep)
        if obj is None:
            continue
        if prep.lower_ in cues.addressee_preps and obj.pos_ in {"PROPN", "NOUN"}:
            return obj
        if obj.lemma_.lower() in cues.interview_nouns:
            inner = next((_pobj(p) for p in _children(obj, {"prep"}, cues.addressee_preps)), None)
            if inner is not None:
                return inner
    return None


def _source_of(cue: Token, cues: AttributionCues) -> Token | None:
    """The cue verb's speaker: its subject; in "quoted X as saying", X; in "X was quoted as saying", X."""
    head = cue.head
    if cue.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_.lower() in cues.nesting:
        nester = head.head
        return next(iter(_children(nester, {"dobj", "nsubjpass"})), None)
    subject = subject_of(cue)
    if subject is not None and subject.tag_ in RELATIVE_TAGS:
        # "a report ..., which said that ...": the relative pronoun stands for the noun its clause describes.
        clause = subject.head
        while clause.dep_ != "relcl" and clause.head.i != clause.i and clause.dep_ in {"conj", "xcomp"}:
            clause = clause.head
        named = clause.head
        # "released it on Monday, which said": a date is where the parse hung the clause, never a speaker.
        is_speaker = named.pos_ in NOMINAL and named.ent_type_ not in {"DATE", "TIME"}
        return named if clause.dep_ == "relcl" and is_speaker else None
    if subject is not None:
        return subject
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in NOMINAL:
        # "reports stating that ...", "a statement saying ...": the noun the participle describes speaks.
        return cue.head
    if cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.head.i != cue.i:
        # "Ryanair justified the order, saying ...": a participle's speaker is the subject of the clause it is on.
        return subject_of(cue.head)
    agent = next((_pobj(c) for c in cue.children if c.dep_ == "agent"), None)
    return agent


def _inverted_speaker(cue: Token) -> Token | None:
    """The speaker after a cue that follows its quotation ("'...,' said Uralsib analyst Chris Weafer commenting on
    ..."), where the parse did not make it the subject: the last word of the names and nouns right after the cue."""
    doc = cue.doc
    if cue.i == 0 or doc[cue.i - 1].text not in INVERSION_MARKS:
        return None
    i = cue.i + 1
    while i < len(doc) and doc[i].pos_ == "DET":
        i += 1
    last: Token | None = None
    while i < len(doc) and doc[i].pos_ in {"PROPN", "NOUN", "ADJ"}:
        last = doc[i] if doc[i].pos_ != "ADJ" else last
        i += 1
    return last


def _clause_without(head: Token, part: Token) -> tuple[int, int]:
    """The head's clause with ``part`` (a parenthetical cue or an "according to" phrase) cut off its edge."""
    tokens = [t for t in head.subtree if not t.is_punct]
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    p_start, p_end = _bounds(part)
    if p_start <= start:
        start = p_end
    else:
        # At the end, or in the middle ("X happened, police said, after ..."): the content is what comes before.
        end = p_start
    return start, end


def _reported_speech(doc: Doc, cues: AttributionCues) -> Iterator[_Found]:
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"} and lemma in cues.verbs:
            content = next(iter(_children(tok, CONTENT_DEPS)), None)
            if content is None and lemma in {"accuse", "charge", "blame", "suspect"}:
                # "accused Tehran of supplying the rebels": what the accusation says is the of-phrase.
                content = next((p for p in _children(tok, {"prep"}, frozenset({"of", "for"})) if _pobj(p) or
                                any(g.dep_ == "pcomp" for g in p.children)), None)  # fmt: skip
            if lemma in cues.nesting:
                # "TASS quoted the general as saying ...": the quoted party and its words are the content.
                quoted = next(iter(_children(tok, {"dobj"})), None)
                as_phrase = next(iter(_children(tok, {"prep"}, frozenset({"as"}))), None)
                if quoted is not None and as_phrase is not None:
                    start = _bounds(quoted)[0]
                    yield _Found(AttributionKind.INDIRECT, (start, _bounds(as_phrase)[1]), _token_bounds(tok),
                                 subject_of(tok))  # fmt: skip
                    continue
            if content is None and lemma in cues.object_verbs:
                # "the ministry announced a new arms deal": what is announced is the object.
                content = next(iter(_children(tok, {"dobj"})), None)
            if content is not None:
                yield _Found(
                    AttributionKind.INDIRECT,
                    _bounds(content),
                    _token_bounds(tok),
                    _source_of(tok, cues),
                    _addressee(tok, cues),
                )
            elif (
                tok.dep_ in {"parataxis", "advcl"}
                and tok.head.pos_ in {"VERB", "AUX"}
                and tok.i > tok.head.i
                # "..., adding video playback to its features": a verb with its own object reports nothing here,
                # unless the object is whom it is told to ("..., a spokesman told Reuters").
                and (not (objects := _children(tok, {"dobj"})) or _addressee(tok, cues) in objects)
            ):
                # "The convoy was attacked, police said": the cue hangs on the clause it reports.
                source = _source_of(tok, cues)
                if source is not None:
                    yield _Found(
                        AttributionKind.INDIRECT,
                        _clause_without(tok.head, tok),
                        _token_bounds(tok),
                        source,
                        _addressee(tok, cues),
                    )
        elif tok.lower_ in cues.according and tok.dep_ == "prep":
            to = next(iter(_children(tok, {"prep"}, frozenset({"to"}))), None)
            source = _pobj(to) if to is not None else None
            if source is not None and tok.head.i != tok.i:
                cue = (tok.idx, to.idx + len(to.text)) if to is not None else _token_bounds(tok)
                head = tok.head
                # "according to X" on a noun ("the attack, according to police, ...") reports the noun's clause.
                while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
                    head = head.head
                yield _Found(AttributionKind.ACCORDING_TO, _clause_without(head, tok), cue, source)
        elif tok.lower_ in cues.adverbs and tok.dep_ == "advmod" and tok.head.i != tok.i:
            yield _Found(AttributionKind.INDIRECT, _clause_without(tok.head, tok), _token_bounds(tok), None)
        elif tok.pos_ == "NOUN" and lemma in cues.nouns:
            clause = next(
                (c for c in tok.children if c.dep_ in {"acl", "ccomp"} and any(m.lower_ == "that" for m in c.children)),
                None,
            )
            if clause is None:
                continue
            owner = next(iter(_children(tok, {"poss"})), None)
            if owner is None:
                owner = next((_pobj(p) for p in _children(tok, {"prep"}, frozenset({"by", "from"}))), None)
            yield _Found(AttributionKind.INDIRECT, _bounds(clause), _token_bounds(tok), owner)


def quotations(text: str) -> list[tuple[int, int]]:
    """The spans inside quotation marks that hold speech (at least three words), in text order."""
    out = []
    for match in _QUOTATION.finditer(text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.span(group)
        if len(text[start:end].split()) >= MIN_QUOTE_WORDS:
            out.append((start, end))
    return out


class _Sentences:
    """One paragraph's sentences, listed once: ``doc.sents`` and ``token.sent`` walk the whole parse each time."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sents = list(doc.sents)
        self.chars = [s.start_char for s in self.sents]
        self.tokens = [s.start for s in self.sents]

    def at_char(self, char: int) -> SpacySpan | None:
        i = bisect.bisect_right(self.chars, char) - 1
        return self.sents[i] if i >= 0 and char < self.sents[i].end_char else None

    def of(self, token: Token) -> SpacySpan:
        return self.sents[max(0, bisect.bisect_right(self.tokens, token.i) - 1)]


def _quote_cue(sents: _Sentences, start: int, end: int, cues: AttributionCues) -> Token | None:
    """A cue verb beside the quotation in its sentences, nearest first; else one ending the sentence before with
    a colon ("The minister said:")."""
    doc = sents.doc
    first, last = sents.at_char(start), sents.at_char(max(start, end - 1))
    if first is None or last is None:
        return None
    window = [t for t in doc[first.start : last.end] if not (start - 1 <= t.idx < end + 1)]
    found = [t for t in window if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in cues.quote_verbs]
    if found:
        return min(found, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
    if first.start > 0:
        before = sents.of(doc[first.start - 1])
        if before.text.rstrip().endswith(":"):
            found = [t for t in before if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in cues.verbs]
            if found:
                return found[-1]
    return None


@dataclass(slots=True)
class _Speaker:
    """The last report's source, so that a quotation which goes on in the next sentence keeps its speaker."""

    span: Span | None
    actor: ActorRef | None
    addressee: ActorRef | None
    sentence_end: int  # article offset of the end of the sentence that held it


def find_attributions(
    annotated: AnnotatedArticle, *, cues: AttributionCues, resolve_source: SourceResolver
) -> tuple[Attribution, ...]:
    """Every attribution in the article, in text order, with spans into the article text."""
    out: list[Attribution] = []
    speaker: _Speaker | None = None
    text = annotated.article.text
    starts: list[int] = []
    for para in annotated.paragraphs:
        doc, offset = para.doc, para.offset
        reported = list(_reported_speech(doc, cues))
        quoted = quotations(doc.text)
        if not reported and not quoted and speaker is None:
            continue  # nothing attributed here, and no speaker whose quotation could go on
        sents = _Sentences(doc)
        starts += [offset + c for c in sents.chars]
        cue_of_quote: dict[tuple[int, int], Token | None] = {q: _quote_cue(sents, *q, cues) for q in quoted}
        quote_cues = {_token_bounds(c) for c in cue_of_quote.values() if c is not None}
        found: list[_Found] = []
        for item in reported:
            # "He said: '...'": the quotation is the direct form of the same report.
            if item.cue in quote_cues and any(s < item.content[1] and item.content[0] < e for s, e in quoted):
                continue
            found.append(item)
        for (start, end), cue in cue_of_quote.items():
            source = (_source_of(cue, cues) or _inverted_speaker(cue)) if cue is not None else None
            addressee = _addressee(cue, cues) if cue is not None else None
            found.append(
                _Found(AttributionKind.DIRECT, (start, end), _token_bounds(cue) if cue else None, source, addressee)
            )
        found.sort(key=lambda f: (f.content[0], -f.content[1]))
        # A headline or a line above is another sentence whatever the parse says: its words speak for no cue here.
        found = [_on_cue_line(item, sents) for item in found]
        for item in found:
            sent = sents.at_char(item.content[0]) or sents.sents[0]
            resolved = _resolve(item.source, resolve_source, sents, offset)
            told = _resolve(item.addressee, resolve_source, sents, offset)
            told_actor = told[1] if told else None
            source_span, actor = resolved if resolved else (None, None)
            if item.source is not None and resolved is None:
                if item.source.lower_ in PERSON_PRONOUNS and speaker is not None and speaker.actor is not None:
                    # "he said" with no name in the paragraph: the speaker of the report just before.
                    actor = speaker.actor
                start, end = phrase_bounds(item.source) if item.source.pos_ != "PRON" else _token_bounds(item.source)
                start = max(start, doc.text.rfind("\n", 0, item.source.idx) + 1)
                source_span = Span(start=offset + start, end=offset + end)
            content = _trimmed(doc.text, *item.content, offset)
            if item.kind is AttributionKind.DIRECT and item.cue is None:
                if speaker is None or speaker.sentence_end < _previous_sentence_start(starts, content.start):
                    continue
                source_span, actor, told_actor = speaker.span, speaker.actor, told_actor or speaker.addressee
            out.append(
                Attribution(
                    kind=item.kind,
                    content=content,
                    source=source_span,
                    cue=Span(start=offset + item.cue[0], end=offset + item.cue[1]) if item.cue else None,
                    source_actor=actor,
                    addressee=told_actor,
                )
            )
            if source_span is not None:
                speaker = _Speaker(source_span, actor, told_actor, offset + sent.end_char)
    _check(out, text)
    return tuple(sorted(out, key=lambda a: (a.content.start if a.content else 0, a.kind.value)))


_EDGE = " \t\n,;:.—–-"


def _on_cue_line(item: _Found, sents: _Sentences) -> _Found:
    """The item kept to its cue's line: a reported content cut at the line's edges, and a source on another line
    (or none, where the parse lost the subject) replaced by the noun phrase that opens the cue's sentence on its
    line ("General Motors Corporation (GM) announced"), or dropped."""
    if item.cue is None:
        return item
    doc = sents.doc
    text = doc.text
    line_start = text.rfind("\n", 0, item.cue[0]) + 1
    line_end = text.find("\n", item.cue[1])
    line_end = len(text) if line_end < 0 else line_end
    content = item.content
    if item.kind is not AttributionKind.DIRECT:
        content = (max(content[0], line_start), min(content[1], line_end))
        if content[0] >= content[1]:
            content = item.content
    source = item.source
    if (
        source is None
        and item.kind is AttributionKind.INDIRECT
        or (source is not None and not line_start <= source.idx < line_end)
    ):
        sentence = sents.at_char(item.cue[0])
        opening = max(line_start, sentence.start_char) if sentence is not None else line_start
        source = _opening_subject(doc, opening, item.cue[0])
    return _Found(item.kind, content, item.cue, source, item.addressee)


def _opening_subject(doc: Doc, line_start: int, cue_start: int) -> Token | None:
    """The head of the words that open a line before its first verb, when that verb is the cue or the cue is a
    participle after a comma (", citing ..."): the subject the parse lost across the line break."""
    opening: list[Token] = []
    cue: Token | None = None
    for tok in doc:
        if tok.idx < line_start:
            continue
        if tok.pos_ in {"VERB", "AUX"}:
            cue = tok
            break
        opening.append(tok)
    if cue is None or not opening:
        return None
    if cue.idx != cue_start:
        at_cue = next((t for t in doc if t.idx == cue_start), None)
        if at_cue is None or at_cue.tag_ != "VBG" or at_cue.i == 0 or doc[at_cue.i - 1].text != ",":
            return None
    inside = {t.i for t in opening}
    roots = [t for t in opening if t.head.i not in inside or t.head.i == t.i]
    return next((t for t in roots if t.pos_ in NOMINAL or t.pos_ == "PRON"), None)


def _trimmed(text: str, start: int, end: int, offset: int) -> Span:
    """The content without the punctuation and spaces at its edges (", Russia delivered ... ." -> "Russia ...")."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return Span(start=offset + start, end=offset + end)


def _previous_sentence_start(starts: Sequence[int], char: int) -> int:
    """The start of the sentence before the one holding ``char`` (across a paragraph break), given the article's
    sentence starts so far."""
    i = bisect.bisect_right(starts, char) - 1
    return starts[i - 1] if i >= 1 else 0


def _resolve(
    token: Token | None, resolve: SourceResolver, sents: _Sentences, offset: int
) -> tuple[Span, ActorRef] | None:
    if token is None:
        return None
    return resolve(token, sents.of(token), offset)


def _check(found: Sequence[Attribution], text: str) -> None:
    for item in found:
        for span in (item.content, item.source, item.cue):
            if span is not None and span.end > len(text):
                raise ValueError(f"attribution span [{span.start}, {span.end}) past the end of the text")


def attribution_at(span: Span, attributions: Sequence[Attribution]) -> Attribution:
    """The innermost attribution whose content holds ``span``; the outlet's own voice when none does."""
    holding = [
        a for a in attributions if a.content is not None and a.content.start <= span.start and span.end <= a.content.end
    ]
    if not holding:
        return OUTLET_VOICE
    return min(holding, key=lambda a: a.content.end - a.content.start if a.content else 0)


def quoted_pronoun_actor(
    span: Span,
    text: str,
    attributions: Sequence[Attribution],
    cues: AttributionCues,
    organisation: Callable[[ActorRef], ActorRef | None],
) -> tuple[bool, ActorRef | None]:
    """Whom a first- or second-person pronoun inside a quotation stands for.

    (False, None) when ``span`` is no such pronoun. "I", "me", "my" are the speaker; "we", "us", "our" the
    speaker's organisation on the date (``organisation``), or the speaker when it is an organisation itself;
    "you" is whom the speaker addresses, where the text says so. (True, None) when the text does not say.
    """
    word = text[span.start : span.end].lower()
    if word not in cues.first_singular | cues.first_plural | cues.second:
        return False, None
    quote = next(
        (
            a
            for a in attributions
            if a.kind is AttributionKind.DIRECT
            and a.content is not None
            and a.content.start <= span.start
            and span.end <= a.content.end
        ),
        None,
    )
    if quote is None:
        return True, None
    if word in cues.second:
        return True, quote.addressee
    if quote.source_actor is None:
        return True, None
    if word in cues.first_singular:
        return True, quote.source_actor
    return True, organisation(quote.source_actor)
