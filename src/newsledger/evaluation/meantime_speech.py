"""Check attribution on MEANTIME: speech and cognition events and their speakers, against ``newsledger attributions``.

Usage: python -m newsledger.evaluation.meantime_speech [--errors]

MEANTIME (English, ``intra_cross-doc_annotation``, 120 Wikinews articles) classes each event instance; those of class
SPEECH_COGNITIVE are reports ("said", "announced", "believes", "statement"), and a mention's HAS_PARTICIPANT with
PropBank role Arg0 is its speaker. Each document's text is rebuilt from the gold tokens as
``newsledger.evaluation.meantime_xdoc`` does, and coded with ``attribute_texts`` (the function behind ``newsledger
attributions``).

- cue precision: system cues that overlap a gold speech or cognition mention, over all system cues;
- cue recall: gold verb mentions of speech or cognition that some system cue overlaps, over all of them;
- speaker precision / recall / F1: a system attribution with a source counts when its cue overlaps a gold speech
  mention that has an Arg0 and its source overlaps that Arg0's span (one to one); precision is over the system
  attributions with a cue and a source, recall over the gold speech mentions that have an Arg0.

MEANTIME counts cognition ("expects", "believes") and event nouns ("the announcement") as SPEECH_COGNITIVE, and
leaves a speaker out when the sentence does not name one, so the figures check the shape of attribution on
real news, not the held-out political-news attribution corpus the issue names.

Only the sentences MEANTIME annotates in full are scored, on both sides: the title, the date line and the first four
sentences of the body (``ANNOTATED_SENTENCES``); and "according to X" is left out, since MEANTIME marks events
and a preposition is none. Before 2026-12-08 (issue 11, branch h11f) every system cue in the
document counted, so precision charged us for reports in sentences no annotator read: cue P/R 0.431/0.450, speaker
P/R/F1 0.223/0.453/0.299 on the old count. On the new count the same code scored cue P/R 0.947/0.450, speaker
P/R/F1 0.850/0.453/0.591; with issue 11's attribution rules of that branch (a relative pronoun or a participle on
a noun gives the speaker, a source across a line break is replaced by the noun phrase that opens the cue's line,
"announce", "report", "deny", "cite" ... take their object as content, an object that is no addressee makes a
parenthetical participle no report), cue P/R 0.980/0.530, speaker P/R/F1 0.901/0.564/0.694. The same code with
"according to" counted (as wrong): cue P 0.912, speaker P/R/F1 0.836/0.564/0.674; on the old count (every
sentence): cue P/R 0.281/0.530, speaker P/R/F1 0.260/0.564/0.356. Every gold speech mention stands in the fully
annotated sentences, so recall is the same on every count.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsledger.coding import attribute_texts
from newsledger.evaluation import Figures, data_path, prf, print_scores, scorer_parser, timeml
from newsledger.evaluation.meantime_xdoc import DATA_SET, corpus_files
from newsledger.evaluation.tokens import detokenise, read_tokens
from newsledger.model import Attribution, AttributionKind
from newsledger.pack import Pack, load_pack
from newsledger.settings import Settings

SPEECH = "SPEECH_COGNITIVE"
SPEAKER_ROLE = "arg0"
# MEANTIME annotates every event of a document's first sentences only: the title (sentence 0), the date line (1)
# and the first four sentences of the body (2-5). Later sentences carry only the few mentions that take part in
# cross-document chains (over the 120 documents: 447-512 event mentions in each of sentences 2-5, 83 in sentence 6).
ANNOTATED_SENTENCES = 6


@dataclass(frozen=True, slots=True)
class SpeechMention:
    start: int
    end: int
    pos: str
    speaker: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class SpeechDoc:
    key: str
    text: str
    published: date | None
    mentions: tuple[SpeechMention, ...]
    annotated_end: int  # offset where the fully annotated sentences end; nothing after it is scored


def read_document(path: Path) -> SpeechDoc:
    root = ET.parse(path).getroot()
    index, words, sentences = read_tokens(root)
    rebuilt = detokenise(words, sentences)
    spans: dict[str, tuple[int, int]] = {}
    pos: dict[str, str] = {}
    speech_events: set[str] = set()
    markables = root.find("Markables")
    for markable in markables if markables is not None else ():
        anchors = sorted(index[a.attrib["t_id"]] for a in markable.iter("token_anchor"))
        if anchors:
            spans[markable.attrib["m_id"]] = rebuilt.span(anchors)
        if markable.tag == "EVENT_MENTION":
            pos[markable.attrib["m_id"]] = markable.get("pos", "")
        elif markable.tag == "EVENT" and markable.get("class") == SPEECH:
            speech_events.add(markable.attrib["m_id"])
    speech_mentions: set[str] = set()
    for rel in root.iter("REFERS_TO"):
        target = rel.find("target")
        if target is not None and target.attrib["m_id"] in speech_events:
            speech_mentions.update(s.attrib["m_id"] for s in rel.iter("source"))
    speakers: dict[str, tuple[int, int]] = {}
    for rel in root.iter("HAS_PARTICIPANT"):
        source, target = rel.find("source"), rel.find("target")
        if source is None or target is None or (rel.get("sem_role") or "").lower() != SPEAKER_ROLE:
            continue
        if target.attrib["m_id"] in spans:
            speakers.setdefault(source.attrib["m_id"], spans[target.attrib["m_id"]])
    found = [SpeechMention(*spans[m], pos[m], speakers.get(m)) for m in speech_mentions if m in spans and m in pos]
    annotated = [
        end for (_, end), number in zip(rebuilt.offsets, sentences, strict=True) if number < ANNOTATED_SENTENCES
    ]
    annotated_end = max(annotated, default=0)
    mentions = tuple(sorted((m for m in found if m.start < annotated_end), key=lambda m: (m.start, m.end)))
    timed = timeml.read_document(path)
    published = timed.dct or timeml.dateline_date(timed.text)
    return SpeechDoc(path.stem, rebuilt.text, published, mentions, annotated_end)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(slots=True)
class SpeechResult:
    document: SpeechDoc
    found: tuple[Attribution, ...]


def scored(result: SpeechResult) -> list[Attribution]:
    """The system attributions with a cue inside the fully annotated sentences, but for "according to": a
    preposition is no event, so MEANTIME never marks it and it can be neither right nor wrong here."""
    end = result.document.annotated_end
    return [
        a
        for a in result.found
        if a.cue is not None and a.cue.start < end and a.kind is not AttributionKind.ACCORDING_TO
    ]


def score_results(results: Sequence[SpeechResult]) -> Figures:
    cues = cue_hits = verbs = verbs_found = 0
    sourced = speaker_gold = speaker_hits = 0
    for result in results:
        gold = result.document.mentions
        system = scored(result)
        cues += len(system)
        cue_hits += sum(
            1 for a in system if a.cue and any(_overlaps((a.cue.start, a.cue.end), (m.start, m.end)) for m in gold)
        )
        gold_verbs = [m for m in gold if m.pos == "VERB"]
        verbs += len(gold_verbs)
        verbs_found += sum(
            1
            for m in gold_verbs
            if any(a.cue and _overlaps((a.cue.start, a.cue.end), (m.start, m.end)) for a in system)
        )
        with_source = [a for a in system if a.source is not None]
        sourced += len(with_source)
        spoken = [m for m in gold if m.speaker is not None]
        speaker_gold += len(spoken)
        used: set[int] = set()
        for a in with_source:
            assert a.cue is not None and a.source is not None
            for i, m in enumerate(spoken):
                if i in used or m.speaker is None:
                    continue
                if _overlaps((a.cue.start, a.cue.end), (m.start, m.end)) and _overlaps(
                    (a.source.start, a.source.end), m.speaker
                ):
                    used.add(i)
                    speaker_hits += 1
                    break
    cue_p = cue_hits / cues if cues else 0.0
    cue_r = verbs_found / verbs if verbs else 0.0
    p, r, f = prf(speaker_hits, sourced, speaker_gold)
    return {
        "documents": len(results),
        "gold_speech_verbs": verbs,
        "gold_speakers": speaker_gold,
        "system_cues": cues,
        "cue_precision": cue_p,
        "cue_recall": cue_r,
        "speaker_precision": p,
        "speaker_recall": r,
        "speaker_f1": f,
    }


def run(path: Path | None = None, *, pack: Pack | None = None, settings: Settings | None = None) -> list[SpeechResult]:
    settings = settings or Settings()
    pack = pack or load_pack(settings.events.pack)
    documents = [read_document(f) for f in corpus_files(path or data_path(DATA_SET))]
    coded = attribute_texts(((d.key, d.text, d.published) for d in documents), pack=pack, settings=settings)
    return [SpeechResult(d, found) for d, (_, found) in zip(documents, coded, strict=True)]


def score(path: Path | None = None) -> Figures:
    return score_results(run(path))


def format_errors(results: Sequence[SpeechResult], limit: int = 40) -> str:
    """Gold speakers the system missed or gave another source, then system sources that match no gold speaker, each
    with the cue, in the fully annotated sentences."""
    missed = ["gold speech mentions with a speaker we missed (cue | gold speaker | our sources there):"]
    wrong = ["our sourced cues that meet no gold speaker (cue | our source | gold speaker there | sentence):"]
    for result in results:
        text = result.document.text
        ours = scored(result)
        for m in result.document.mentions:
            if m.speaker is None:
                continue
            here = [a for a in ours if a.cue and _overlaps((a.cue.start, a.cue.end), (m.start, m.end))]
            if any(a.source and _overlaps((a.source.start, a.source.end), m.speaker) for a in here):
                continue
            sources = [a.source.quote(text) for a in here if a.source]
            if len(missed) <= limit:
                missed.append(f"  {text[m.start : m.end]!r} | {text[m.speaker[0] : m.speaker[1]]!r} | {sources}")
        for a in ours:
            if a.cue is None or a.source is None:
                continue
            gold = [m for m in result.document.mentions if _overlaps((a.cue.start, a.cue.end), (m.start, m.end))]
            if any(m.speaker and _overlaps((a.source.start, a.source.end), m.speaker) for m in gold):
                continue
            speakers = [text[m.speaker[0] : m.speaker[1]] for m in gold if m.speaker]
            line_start = text.rfind("\n", 0, a.cue.start) + 1
            line_end = text.find("\n", a.cue.end)
            sentence = text[line_start : line_end if line_end >= 0 else len(text)][:160]
            if len(wrong) <= limit:
                wrong.append(f"  {a.cue.quote(text)!r} | {a.source.quote(text)!r} | {speakers} | {sentence}")
    return "\n".join(missed + wrong)


def main(argv: Sequence[str] | None = None) -> int:
    parser = scorer_parser(__doc__)
    parser.add_argument(
        "--errors", action="store_true", help="list missed speakers and sources that meet no gold speaker"
    )
    args = parser.parse_args(argv)

    def compute() -> tuple[dict[str, Figures], str]:
        results = run()
        return {"meantime_speech": score_results(results)}, format_errors(results) if args.errors else ""

    return print_scores(compute)


if __name__ == "__main__":
    sys.exit(main())
