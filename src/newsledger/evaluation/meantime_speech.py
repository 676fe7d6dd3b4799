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
from newsledger.model import Attribution
from newsledger.pack import Pack, load_pack
from newsledger.settings import Settings

SPEECH = "SPEECH_COGNITIVE"
SPEAKER_ROLE = "arg0"


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
    mentions = tuple(sorted(found, key=lambda m: (m.start, m.end)))
    timed = timeml.read_document(path)
    published = timed.dct or timeml.dateline_date(timed.text)
    return SpeechDoc(path.stem, rebuilt.text, published, mentions)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(slots=True)
class SpeechResult:
    document: SpeechDoc
    found: tuple[Attribution, ...]


def score_results(results: Sequence[SpeechResult]) -> Figures:
    cues = cue_hits = verbs = verbs_found = 0
    sourced = speaker_gold = speaker_hits = 0
    for result in results:
        gold = result.document.mentions
        system = [a for a in result.found if a.cue is not None]
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


def format_errors(results: Sequence[SpeechResult], limit: int = 30) -> str:
    """Gold speakers the system missed or gave another source, with the sentence around the cue."""
    lines = ["gold speech mentions with a speaker we missed (cue | gold speaker | our sources there):"]
    for result in results:
        text = result.document.text
        for m in result.document.mentions:
            if m.speaker is None:
                continue
            ours = [a for a in result.found if a.cue and _overlaps((a.cue.start, a.cue.end), (m.start, m.end))]
            sources = [a.source.quote(text) for a in ours if a.source]
            if any(a.source and _overlaps((a.source.start, a.source.end), m.speaker) for a in ours):
                continue
            lines.append(f"  {text[m.start : m.end]!r} | {text[m.speaker[0] : m.speaker[1]]!r} | {sources}")
            if len(lines) > limit:
                return "\n".join(lines)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = scorer_parser(__doc__)
    parser.add_argument("--errors", action="store_true", help="list missed speakers")
    args = parser.parse_args(argv)

    def compute() -> tuple[dict[str, Figures], str]:
        results = run()
        return {"meantime_speech": score_results(results)}, format_errors(results) if args.errors else ""

    return print_scores(compute)


if __name__ == "__main__":
    sys.exit(main())
