"""Property tests of coding: every evidence span of every event quotes the coded text exactly."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.coding import code_texts, mention_record, text_article
from newsledger.pack import load_pack
from newsledger.settings import Settings

PACK = load_pack("security")
SETTINGS = Settings()
ACTORS = ["Russia", "Moscow", "the Kremlin", "Iran", "Afghan officials", "Kazakhstan's defence ministry", "it", "they"]
VERBS = ["delivered", "denied supplying", "plans to buy", "would send", "did not deliver", "signed a deal for"]
THINGS = ["12 Pantsir-S1 systems", "four Mi-17 helicopters", "weapons", "Bayraktar TB2 drones", "spare parts"]
WHEN = ["on Tuesday", "last year", "in early March 2024", "", "on 3 March", "[1, 2]"]
NOISE = ["", "  ", "\n\n", " — ", "“", "é"]

sentences = st.builds(
    lambda a, v, t, b, w, n: f"{a} {v} {t} to {b} {w}.{n}",
    st.sampled_from(ACTORS), st.sampled_from(VERBS), st.sampled_from(THINGS), st.sampled_from(ACTORS),
    st.sampled_from(WHEN), st.sampled_from(NOISE),
)  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sentences, min_size=1, max_size=4).map("".join), st.sampled_from(NOISE))
def test_code_texts_every_span_quotes_its_text(body: str, lead: str) -> None:
    text = lead + body
    [(_, mentions)] = list(code_texts([("x", text, date(2025, 3, 10))], pack=PACK, settings=SETTINGS))
    for m in mentions:
        record = mention_record(m)
        s_start, s_end = record["sentence"]
        assert 0 <= s_start < s_end <= len(text)
        for name, spans in record["spans"].items():
            for span in [] if spans is None else spans if name == "equipment" else [spans]:
                assert s_start <= span[0] < span[1] <= s_end
                quoted = text[span[0] : span[1]]
                assert quoted.strip() == quoted and quoted


def test_text_article_paragraph_spans_skip_blank_lines_and_keep_offsets() -> None:
    text = "\n\n  First paragraph here.  \n\n\nSecond one.\n"
    article = text_article(text, None)
    assert [text[p.start : p.end] for p in article.paragraphs] == ["First paragraph here.", "Second one."]
