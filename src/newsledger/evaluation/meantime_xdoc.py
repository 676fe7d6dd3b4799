"""MEANTIME's four corpora built as one pool: stories and corroborated events scored against corpora and instances.

Usage: python -m newsledger.evaluation.meantime_xdoc [path-to-meantime] [--errors]

MEANTIME (English, ``intra_cross-doc_annotation``): 120 Wikinews articles in four corpora (airbus, apple, gm,
stock). All of them are built into one ledger, mixed, and the export is scored with
``newsledger.evaluation.corroboration``, the corpus being the gold group: story B-cubed, merge purity, false
corroboration, corroboration recall, and CoNLL F1 of the exported events against the gold event chains.

Each document's text is rebuilt from the gold tokens (``newsledger.evaluation.tokens``), one line per sentence:
the title, the dateline, then the body. The publication date is the DCT timex, else the date the dateline gives
(as ``newsledger.evaluation.timeml`` reads them). The articles are given without their URL: all are Wikinews, one
outlet, so no event could have two independent sources; without it each article is its own source, and false
corroboration counts the events that join articles of different corpora.

Every EVENT_MENTION refers (REFERS_TO) to an EVENT; an EVENT with an ``instance_id`` is a cross-document instance
from ``list_instances.csv``, one without is a document-local chain, and a mention that refers to nothing is a
singleton. All 2,699 mentions are scored, not a checked subset as in ECB+. Only 36 instances span documents, and
the articles of one instance are often years apart, so most of the event score is within-document coreference.

The corpus is a company followed over years rather than one happening, so in story B-cubed precision is the telling
figure (a story that mixes companies is wrong) and recall is bound to be low; for the same reason merge purity and
false corroboration are the figures to watch, and corroboration recall is not a target.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path

from newsledger.evaluation import Figures, MissingDataError, data_path, print_scores, scorer_parser, timeml
from newsledger.evaluation.corroboration import GoldDoc, GoldSpan, score_documents
from newsledger.evaluation.tokens import detokenise, read_tokens

DATA_SET = "meantime"


def read_document(path: Path) -> GoldDoc:
    """One MEANTIME file; its corpus folder (``corpus_airbus``) gives the gold group."""
    root = ET.parse(path).getroot()
    name = path.stem
    index, words, sentences = read_tokens(root)
    rebuilt = detokenise(words, sentences)
    markables = root.find("Markables")
    anchored: dict[str, list[int]] = {}
    instances: dict[str, str] = {}
    for markable in markables if markables is not None else ():
        if markable.tag == "EVENT_MENTION":
            anchors = sorted(index[a.attrib["t_id"]] for a in markable.iter("token_anchor"))
            if anchors:
                anchored[markable.attrib["m_id"]] = anchors
        elif markable.tag == "EVENT":
            m_id = markable.attrib["m_id"]
            instances[m_id] = markable.get("instance_id") or f"{name}:{m_id}"
    chain: dict[str, str] = {}
    for rel in root.iter("REFERS_TO"):
        target = rel.find("target")
        if target is None or target.attrib["m_id"] not in instances:
            continue  # an entity chain
        for src in rel.iter("source"):
            chain[src.attrib["m_id"]] = instances[target.attrib["m_id"]]
    mentions = []
    for m_id, anchors in anchored.items():
        start, end = rebuilt.span(anchors)
        mentions.append(GoldSpan(start=start, end=end, chain=chain.get(m_id, f"{name}:{m_id}")))
    # The TempEval reader's text has the dateline on its second line, as the dateline parser needs.
    timed = timeml.read_document(path)
    return GoldDoc(
        key=name,
        text=rebuilt.text,
        group=path.parent.name.removeprefix("corpus_"),
        published=timed.dct or timeml.dateline_date(timed.text),
        mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end))),
    )


def corpus_files(path: Path) -> list[Path]:
    files = sorted((path / "intra_cross-doc_annotation").glob("corpus_*/*.xml"))
    if not files:
        raise MissingDataError(f"{path}: no MEANTIME documents under intra_cross-doc_annotation/corpus_*/")
    return files


def read_corpus(path: Path) -> list[GoldDoc]:
    return [read_document(f) for f in corpus_files(path)]


def score(path: Path | None = None) -> Figures:
    return score_documents(read_corpus(path or data_path(DATA_SET)))[0]


def main(argv: Sequence[str] | None = None) -> int:
    parser = scorer_parser(__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=None, help="the MEANTIME folder")
    parser.add_argument("--errors", action="store_true", help="list the events that join different corpora")
    args = parser.parse_args(argv)

    def compute() -> tuple[Mapping[str, Figures], str]:
        figures, listing = score_documents(read_corpus(args.path or data_path(DATA_SET)), details=args.errors)
        return {"meantime_xdoc": figures}, listing

    return print_scores(compute)


if __name__ == "__main__":
    sys.exit(main())
