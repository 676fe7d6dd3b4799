"""Cross-document event coreference and story clustering scored on MEANTIME's cross-document event instances.

Usage: python -m newsledger.evaluation.meantime_xdoc [path-to-meantime]

MEANTIME (English, ``intra_cross-doc_annotation``): 120 Wikinews articles in four corpora (airbus, apple, gm,
stock). Every EVENT_MENTION refers (REFERS_TO) to an EVENT; an EVENT with an ``instance_id`` is a
cross-document instance from ``list_instances.csv``, one without is a document-local chain, and a mention that
refers to nothing is a singleton. All 2,699 mentions are scored, not a checked subset as in ECB+.

The method and the scoring are ECB+'s (``ecbplus``): the articles are clustered into stories by
``assign_stories`` over spaCy's names and the publication date (the DCT timex, else the dateline), and gold
mentions are clustered within predicted stories by ``newsledger.stages.coref.cluster_event_mentions`` (ours)
and by same head lemma (the baseline); MUC, B-cubed, CEAF-e and CoNLL F1 (their mean), overall and per corpus
(``airbus_ours_conll_f1``). Only 36 instances span documents, and the articles of one instance are often
years apart, so most of the score is within-document coreference.

The only gold grouping of documents is the corpus, a company followed over years rather than one happening:
``story_b3_*`` scores the predicted stories against the four corpora, where precision is the telling figure
(a story that mixes companies is wrong) and recall is bound to be low.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from newsledger.evaluation import Figures, MissingDataError, data_path, print_scores, scorer_parser, timeml
from newsledger.evaluation.ecbplus import (
    GoldDocument,
    gold_mentions,
    parse_documents,
    predict_stories,
    read_tokens,
    score_event_coref,
    score_stories,
)

DATA_SET = "meantime"
CORPUS_FIGURES = ("event_mentions", "ours_conll_f1", "lemma_conll_f1", "conll_gain")


def read_document(path: Path) -> GoldDocument:
    """One MEANTIME file; its corpus folder (``corpus_airbus``) gives the topic and the gold story."""
    root = ET.parse(path).getroot()
    name = path.stem
    index, words, sentences = read_tokens(root)
    markables = root.find("Markables")
    anchored: dict[str, tuple[int, ...]] = {}
    instances: dict[str, str] = {}
    for markable in markables if markables is not None else ():
        if markable.tag == "EVENT_MENTION":
            anchors = tuple(sorted(index[a.attrib["t_id"]] for a in markable.iter("token_anchor")))
            if anchors:
                anchored[markable.attrib["m_id"]] = anchors
        elif markable.tag == "EVENT":
            m_id = markable.attrib["m_id"]
            instances[m_id] = markable.get("instance_id") or f"{name}:{m_id}"
    cluster: dict[str, str] = {}
    for rel in root.iter("REFERS_TO"):
        target = rel.find("target")
        if target is None or target.attrib["m_id"] not in instances:
            continue  # an entity chain
        for src in rel.iter("source"):
            cluster[src.attrib["m_id"]] = instances[target.attrib["m_id"]]
    # The TempEval reader rebuilds the text with MEANTIME's spacing, which the dateline parser needs.
    timed = timeml.read_document(path)
    published = timed.dct or timeml.dateline_date(timed.text)
    topic = path.parent.name.removeprefix("corpus_")
    mentions = gold_mentions(name, anchored, sentences, cluster)
    return GoldDocument(
        name=name,
        topic=topic,
        story=topic,
        words=tuple(words),
        sentences=tuple(sentences),
        published=published,
        mentions=mentions,
    )


def corpus_files(path: Path) -> list[Path]:
    files = sorted((path / "intra_cross-doc_annotation").glob("corpus_*/*.xml"))
    if not files:
        raise MissingDataError(f"{path}: no MEANTIME documents under intra_cross-doc_annotation/corpus_*/")
    return files


def score_documents(docs: Sequence[GoldDocument]) -> Figures:
    parsed = parse_documents(docs)
    stories = predict_stories(parsed)
    mentions = [m for p in parsed for m in p.mentions]
    figures = score_stories(parsed, stories) | score_event_coref(mentions, stories)
    for corpus in sorted({p.doc.topic for p in parsed}):
        part = score_event_coref([m for p in parsed if p.doc.topic == corpus for m in p.mentions], stories)
        figures |= {f"{corpus}_{name}": part[name] for name in CORPUS_FIGURES}
    return figures


def score(path: Path | None = None) -> Figures:
    return score_documents([read_document(f) for f in corpus_files(path or data_path(DATA_SET))])


def main(argv: Sequence[str] | None = None) -> int:
    parser = scorer_parser(__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=None, help="the MEANTIME folder")
    args = parser.parse_args(argv)
    return print_scores(lambda: ({"meantime_xdoc": score(args.path)}, ""))


if __name__ == "__main__":
    sys.exit(main())
