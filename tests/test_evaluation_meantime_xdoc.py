"""Tests for the MEANTIME cross-document scorer: the reader's text, gold chains, corpus and publication date."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from newsledger.evaluation.meantime_xdoc import read_corpus, read_document

MEANTIME = Path(__file__).parent / "data" / "meantime"
EXAMPLE = MEANTIME / "intra_cross-doc_annotation" / "corpus_acme" / "7_Example.xml"


def test_read_document_takes_instances_local_chains_and_singletons() -> None:
    doc = read_document(EXAMPLE)
    assert (doc.key, doc.group, doc.url, doc.published) == ("7_Example", "acme", None, date(2009, 3, 2))
    assert doc.text.splitlines() == [
        "Acme buys Widgetco",
        "March 2, 2009",
        "The purchase was announced after talks",
    ]
    assert [(doc.text[m.start : m.end], m.chain) for m in doc.mentions] == [
        ("buys", "OTH123"),
        ("purchase", "OTH123"),
        ("announced", "7_Example:11"),
        ("talks", "7_Example:4"),
    ]


def test_read_document_without_creation_time_takes_the_dateline(tmp_path: Path) -> None:
    path = tmp_path / "corpus_acme" / EXAMPLE.name
    path.parent.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    path.write_text(text.replace('functionInDocument="CREATION_TIME"', 'functionInDocument="NONE"'), encoding="utf-8")
    assert read_document(path).published == date(2009, 3, 2)


def test_read_corpus_reads_every_corpus_folder(tmp_path: Path) -> None:
    shutil.copytree(MEANTIME, tmp_path, dirs_exist_ok=True)
    other = tmp_path / "intra_cross-doc_annotation" / "corpus_zeta" / "8_Other.xml"
    other.parent.mkdir()
    shutil.copy(EXAMPLE, other)
    assert [(d.key, d.group) for d in read_corpus(tmp_path)] == [("7_Example", "acme"), ("8_Other", "zeta")]
