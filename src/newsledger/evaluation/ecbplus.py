"""ECB+ built as one pool of documents: stories and corroborated events scored against its sub-topics and chains.

Every ECB+ topic holds two happenings of one kind (the ECB half and the ECB+ half: two earthquakes, two rehab
stays), the trap of joining two happenings because they read alike. All 982 documents of the 43 topics are built
into one ledger, mixed, with no topic given, and the export is scored with ``newsledger.evaluation.corroboration``:
story B-cubed against the 86 sub-topics (topic and half, ``36ecbplus``), merge purity, false corroboration and
corroboration recall with the sub-topic as the gold group, and CoNLL F1 of the exported events against the gold
event chains.

Each document's text is rebuilt from the gold tokens (``newsledger.evaluation.tokens``), one line per sentence.
ECB+ has no publication dates: the ECB+ half's first sentence is often the page URL, which becomes the document's
URL (so its outlet) and leaves the text, and a date in it (``/2011/08/04/``) becomes the publication date; the ECB
half has neither. Gold event mentions are the ACTION_* and NEG_ACTION_* markables in the sentences checked for
coreference (``ECBplus_coreference_sentences.csv``); a mention's chain is its cross-document instance, else its
document-local chain, else itself alone.
"""

from __future__ import annotations

import csv
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from newsledger.evaluation import Figures, MissingDataError, data_path, print_scores, scorer_parser
from newsledger.evaluation.corroboration import GoldDoc, GoldSpan, score_documents
from newsledger.evaluation.tokens import detokenise, read_tokens

DATA_SET = "ecbplus"
CORPUS = "ECB+_LREC2014"
EVENT_TAGS = ("ACTION_", "NEG_ACTION_")
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?!\d)")


def read_document(path: Path, checked: Collection[tuple[str, int]] | None = None) -> GoldDoc:
    """One ECB+ file; only the event mentions in ``checked`` (document, sentence) pairs are kept, when given."""
    root = ET.parse(path).getroot()
    name = path.name.removesuffix(".xml")
    index, words, sentences = read_tokens(root)
    first = "".join(w for w, s in zip(words, sentences, strict=True) if s == 0)
    url = first if first.startswith("http") else None
    kept = [i for i, s in enumerate(sentences) if not (url and s == 0)]
    rebuilt = detokenise([words[i] for i in kept], [sentences[i] for i in kept])
    position = {token: k for k, token in enumerate(kept)}
    anchored: dict[str, list[int]] = {}
    markables = root.find("Markables")
    for markable in markables if markables is not None else ():
        anchors = sorted(index[a.attrib["t_id"]] for a in markable.iter("token_anchor"))
        if anchors and markable.tag.startswith(EVENT_TAGS):
            anchored[markable.attrib["m_id"]] = anchors
    chain: dict[str, str] = {}
    # Cross-document instances win over document-local chains: a mention in both belongs to the instance.
    for rel in root.iter("INTRA_DOC_COREF"):
        target = rel.find("target")
        for src in rel.iter("source"):
            if target is not None:
                chain[src.attrib["m_id"]] = f"{name}:{target.attrib['m_id']}"
    for rel in root.iter("CROSS_DOC_COREF"):
        for src in rel.iter("source"):
            chain[src.attrib["m_id"]] = rel.attrib["note"]
    mentions = []
    for m_id, anchors in anchored.items():
        if checked is not None and (name, sentences[anchors[0]]) not in checked:
            continue
        if any(a not in position for a in anchors):
            continue  # in the URL line, which is not text
        start, end = rebuilt.span([position[a] for a in anchors])
        mentions.append(GoldSpan(start=start, end=end, chain=chain.get(m_id, f"{name}:{m_id}")))
    topic = name.split("_")[0]
    return GoldDoc(
        key=name,
        text=rebuilt.text,
        group=f"{topic}{'ecbplus' if name.endswith('ecbplus') else 'ecb'}",
        url=url,
        published=_url_date(url),
        mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end))),
    )


def _url_date(url: str | None) -> date | None:
    if not url or not (found := _URL_DATE.search(url)):
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def corpus_files(root: Path, topics: Iterable[int] | None = None) -> list[Path]:
    if not (root / "ECB+").is_dir():
        raise MissingDataError(f"{root}: no ECB+ folder of topics; expected {DATA_SET}/{CORPUS}/ECB+/<topic>/*.xml")
    wanted = None if topics is None else {str(t) for t in topics}
    folders = sorted((p for p in (root / "ECB+").iterdir() if p.is_dir()), key=lambda p: int(p.name))
    return [f for d in folders if wanted is None or d.name in wanted for f in sorted(d.glob("*.xml"))]


def checked_sentences(root: Path) -> set[tuple[str, int]]:
    """(document, sentence) pairs annotated for coreference; the usual ECB+ setting scores only these."""
    with (root / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as fh:
        return {(f"{r['Topic']}_{r['File']}", int(r["Sentence Number"])) for r in csv.DictReader(fh)}


def read_corpus(root: Path, topics: Iterable[int] | None = None) -> list[GoldDoc]:
    checked = checked_sentences(root)
    return [read_document(path, checked) for path in corpus_files(root, topics)]


def score(topics: Sequence[int] | None = None) -> Figures:
    return score_documents(read_corpus(data_path(DATA_SET) / CORPUS, topics))[0]


def main(argv: Sequence[str] | None = None) -> int:
    parser = scorer_parser(__doc__)
    parser.add_argument("--topics", type=int, nargs="*", help="only these topics (default: all 43)")
    parser.add_argument("--errors", action="store_true", help="list the events that join different sub-topics")
    args = parser.parse_args(argv)

    def compute() -> tuple[Mapping[str, Figures], str]:
        docs = read_corpus(data_path(DATA_SET) / CORPUS, args.topics or None)
        figures, listing = score_documents(docs, details=args.errors)
        return {DATA_SET: figures}, listing

    return print_scores(compute)


if __name__ == "__main__":
    sys.exit(main())
