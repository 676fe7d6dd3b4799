"""Tests for the MEANTIME cross-document scorer: the reader's gold clusters, topic and publication date."""

from __future__ import annotations

from pathlib import Path

from newsledger.evaluation.meantime_xdoc import read_document

# Fictional text written for newsledger's tests, in MEANTIME's layout.
DOC = """<?xml version="1.0" ?><Document doc_id="7" doc_name="7_Example" lang="en" url="http://example.org">
<token number="0" sentence="0" t_id="1">Acme</token>
<token number="1" sentence="0" t_id="2">buys</token>
<token number="2" sentence="0" t_id="3">Widgetco</token>
<token number="3" sentence="1" t_id="4">March</token>
<token number="4" sentence="1" t_id="5">2</token>
<token number="5" sentence="1" t_id="6">,</token>
<token number="6" sentence="1" t_id="7">2009</token>
<token number="7" sentence="2" t_id="8">The</token>
<token number="8" sentence="2" t_id="9">purchase</token>
<token number="9" sentence="2" t_id="10">was</token>
<token number="10" sentence="2" t_id="11">announced</token>
<token number="11" sentence="2" t_id="12">after</token>
<token number="12" sentence="2" t_id="13">talks</token>
<Markables>
<EVENT_MENTION m_id="1" pred="buy"><token_anchor t_id="2"/></EVENT_MENTION>
<EVENT_MENTION m_id="2" pred="purchase"><token_anchor t_id="9"/></EVENT_MENTION>
<EVENT_MENTION m_id="3" pred="announce"><token_anchor t_id="11"/></EVENT_MENTION>
<EVENT_MENTION m_id="4"><token_anchor t_id="13"/></EVENT_MENTION>
<ENTITY_MENTION m_id="5"><token_anchor t_id="1"/></ENTITY_MENTION>
<TIMEX3 m_id="6" functionInDocument="CREATION_TIME" type="DATE" value="2009-03-02">
<token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/><token_anchor t_id="7"/>
</TIMEX3>
<EVENT m_id="10" class="OTHER" instance_id="OTH123" TAG_DESCRIPTOR="buy"/>
<EVENT m_id="11" class="SPEECH_COGNITIVE" TAG_DESCRIPTOR="announce"/>
<ENTITY m_id="12" ent_type="ORG" instance_id="ORG9" TAG_DESCRIPTOR="Acme"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="3"/><target m_id="11"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="5"/><target m_id="12"/></REFERS_TO>
</Relations>
</Document>
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "corpus_acme" / "7_Example.xml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


def test_read_document_takes_instances_local_chains_and_singletons(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, DOC))
    assert (doc.name, doc.topic, doc.story, str(doc.published)) == ("7_Example", "acme", "acme", "2009-03-02")
    assert [(m.key, m.tokens, m.cluster) for m in doc.mentions] == [
        ("7_Example:1", (1,), "OTH123"),
        ("7_Example:2", (8,), "OTH123"),
        ("7_Example:3", (10,), "7_Example:11"),
        ("7_Example:4", (12,), "7_Example:4"),
    ]
    assert [m.sentence for m in doc.mentions] == [0, 2, 2, 2]


def test_read_document_without_creation_time_takes_the_dateline(tmp_path: Path) -> None:
    no_dct = DOC.replace('functionInDocument="CREATION_TIME"', 'functionInDocument="NONE"')
    assert str(read_document(_write(tmp_path, no_dct)).published) == "2009-03-02"
