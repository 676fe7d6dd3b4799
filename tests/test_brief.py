"""Cited briefs: every sentence cites, every quote is the stored text, words respect the status."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsledger.brief import actor_brief, brief_problems, render_html, render_markdown, story_brief, write_brief
from newsledger.cli import app
from newsledger.errors import NotFoundError
from newsledger.store.ledger import Store

runner = CliRunner()


def test_brief_every_sentence_of_every_brief_cites_and_every_quote_verifies(sample_ledger: Path) -> None:
    with Store(sample_ledger, read_only=True) as store:
        briefs = [story_brief(store, s["id"]) for s in store.stories()]
        briefs += [actor_brief(store, a["id"]) for a in store.actors() if a["id"]]
        texts = {a["id"]: a["text"] for a in store.articles()}
    sentences = [s for b in briefs for s in b.sentences]
    assert len(briefs) > 10 and len(sentences) > 50
    for brief in briefs:
        assert brief_problems(brief, texts) == [], brief.subject
        cited = {n for s in brief.sentences for n in s.citations}
        assert cited == {r.number for r in brief.references}, brief.subject


def test_brief_problems_catch_a_quote_that_is_not_the_stored_text(sample_ledger: Path) -> None:
    with Store(sample_ledger, read_only=True) as store:
        brief = actor_brief(store, "RUS")
        texts = {a["id"]: a["text"] for a in store.articles()}
    ref = brief.references[0]
    texts[ref.article_id] = texts[ref.article_id].replace(ref.quote, ref.quote.upper())
    assert brief_problems(brief, texts) == [
        f"reference [{ref.number}] does not quote article {ref.article_id} at {ref.start}:{ref.end}"
    ]


def _mention(mid: str, outlet: str, text: str, start: int = 0) -> dict[str, Any]:
    return {
        "mention_id": mid, "article_id": f"a-{mid}", "outlet": outlet, "published": "2025-03-04",
        "url": f"https://{outlet.lower().replace(' ', '')}.example/{mid}", "status": "asserted",
        "sentence": {"start": start, "end": start + len(text), "text": text}, "spans": {},
    }  # fmt: skip


def _event(eid: str, status: str, mentions: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    record = {
        "id": eid, "type": "AID", "status": status, "source": {"name": "Russia", "id": "RUS"},
        "target": {"name": "Afghanistan", "id": "AFG"},
        "equipment": [{"name": "Mi-17", "id": "MI17", "category": "helicopter"}],
        "quantity": None, "date": {"start": "2025-03-03", "end": "2025-03-03", "precision": "day", "text": "Monday"},
        "location": None, "mentions": mentions, "sources": {"articles": len(mentions), "outlets": len(mentions),
        "independent": len(mentions)}, "conflicts": [], "links": [],
    }  # fmt: skip
    return record | fields


def test_write_brief_states_status_sources_conflicts_and_denials() -> None:
    m1 = _mention("m1", "Kabul Post", "Russia handed over two Mi-17s on Monday.")
    m2 = _mention("m2", "Steppe Daily", "Russia delivered four Mi-17 helicopters on Monday.")
    m3 = _mention("m3", "Harbour Times", "Moscow denied it had sent any Mi-17s.")
    claim = _event(
        "e1", "asserted", [m1, m2], quantity=2,
        conflicts=[{"field": "quantity",
                    "values": [{"value": "2", "mentions": ["m1"]}, {"value": "4", "mentions": ["m2"]}]}],
        links=[{"event": "e2", "relation": "denied_by"}],
    )  # fmt: skip
    denial = _event("e2", "denied", [m3], links=[{"event": "e1", "relation": "denies"}])
    plan = _event("e3", "intended", [_mention("m4", "Kabul Post", "Russia plans to send more Mi-17s.")],
                  date={"start": "2025-04-07", "end": "2025-04-07", "precision": "day", "text": None})  # fmt: skip
    may = {"start": "2025-05-01", "end": "2025-05-31", "precision": "month", "text": "May"}
    alleged = _event("e4", "alleged", [_mention("m5", "Harbour Times", "Russia reportedly sent Mi-17s.")], date=may)
    brief = write_brief([plan, claim, denial, alleged], title="Mi-17s", subject="test")
    lines = [s.plain() for s in brief.sentences]
    assert lines == [
        "Russia supplied two Mi-17 to Afghanistan on 3 March 2025 (two independent sources)[1][2].",
        "Outlets disagree on the quantity: two [1] or four [2].",
        "This claim was denied: that Russia supplied Mi-17 to Afghanistan on 3 March 2025 was denied"
        " (one independent source)[3].",
        "Russia planned to supply Mi-17 to Afghanistan on 7 April 2025 (one independent source)[4].",
        "Russia is alleged by Harbour Times to have supplied Mi-17 to Afghanistan in May 2025"
        " (one independent source)[5].",
    ]
    assert [r.quote for r in brief.references][:3] == [
        m1["sentence"]["text"],
        m2["sentence"]["text"],
        m3["sentence"]["text"],
    ]


def test_write_brief_tells_the_claim_a_denial_answers_after_it() -> None:
    claim = _event("e1", "asserted", [_mention("m1", "Kabul Post", "Russia sent Mi-17s on Monday.")],
                   links=[{"event": "e2", "relation": "denied_by"}])  # fmt: skip
    denial = _event("e2", "denied", [_mention("m2", "Harbour Times", "Moscow denied sending Mi-17s.")],
                    links=[{"event": "e1", "relation": "denies"}])  # fmt: skip
    brief = write_brief([denial], title="t", subject="s", companions=[claim])
    assert [s.plain() for s in brief.sentences] == [
        "That Russia supplied Mi-17 to Afghanistan on 3 March 2025 was denied (one independent source)[1].",
        "The claim this denies: Russia supplied Mi-17 to Afghanistan on 3 March 2025 (one independent source)[2].",
    ]


def test_write_brief_tells_like_events_in_one_sentence() -> None:
    first = _event("e1", "asserted", [_mention("m1", "Kabul Post", "Russia sent Mi-17s on Monday.")])
    second = _event("e2", "asserted", [_mention("m2", "Kabul Post", "Russia sent more Mi-17s.")],
                    date={"start": "2025-04-10", "end": "2025-04-10", "precision": "day", "text": None})  # fmt: skip
    brief = write_brief([second, first], title="t", subject="s")
    assert [s.plain() for s in brief.sentences] == [
        "Russia supplied Mi-17 to Afghanistan on two occasions (on 3 March 2025; on 10 April 2025)"
        " (each with at least one independent source)[1][2]."
    ]


def test_render_html_escapes_ledger_text_and_drops_non_web_links() -> None:
    hostile = _mention("m1", "<script>x()</script>", "Russia sent <img src=x onerror=alert(1)> Mi-17s.")
    hostile["url"] = "javascript:alert(1)"
    brief = write_brief([_event("e1", "asserted", [hostile])], title="<b>t</b>", subject="s")
    page = render_html(brief)
    assert "<script>" not in page and "<img" not in page and "javascript:" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<h1>&lt;b&gt;t&lt;/b&gt;</h1>" in page
    assert '<a href="#ref-1" class="cite">[1]</a>' in page


def test_render_markdown_lists_references_with_outlet_date_url_and_quote() -> None:
    m = _mention("m1", "Kabul Post", "Russia sent Mi-17s on Monday.")
    text = render_markdown(write_brief([_event("e1", "asserted", [m])], title="Mi-17s", subject="s"))
    assert text.startswith("# Mi-17s\n")
    assert "[1] Kabul Post, 2025-03-04, https://kabulpost.example/m1: \u201cRussia sent Mi-17s on Monday.\u201d" in text


def test_brief_window_keeps_only_events_in_it(sample_ledger: Path) -> None:
    with Store(sample_ledger, read_only=True) as store:
        whole = actor_brief(store, "RUS")
        april = actor_brief(store, "RUS", since=date(2025, 4, 1))
        rows = {r["id"]: r for r in store.actor_events("RUS")}
    kept = {e for s in april.sentences for e in s.event_ids}
    assert kept and len(april.sentences) < len(whole.sentences)
    # A linked denial told after its claim may lie outside the window; every event of the actor's own is inside.
    assert all(rows[e]["date_end"].isoformat() >= "2025-04-01" for e in kept if e in rows)


def test_brief_unknown_story_is_an_error_naming_it(sample_ledger: Path) -> None:
    with Store(sample_ledger, read_only=True) as store, pytest.raises(NotFoundError) as exc:
        story_brief(store, "zzzz")
    assert str(exc.value) == (
        "no story 'zzzz' in the ledger (or the prefix is ambiguous); list them with 'newsledger stories'"
    )


def test_cli_brief_writes_markdown_and_html(sample_ledger: Path) -> None:
    result = runner.invoke(app, ["brief", "--db", str(sample_ledger), "--actor", "KAZ"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# Kazakhstan\n") and "## References" in result.stdout
    html = runner.invoke(app, ["brief", "--db", str(sample_ledger), "--actor", "KAZ", "--format", "html"])
    assert html.exit_code == 0 and html.stdout.startswith("<!doctype html>")
    both = runner.invoke(app, ["brief", "--db", str(sample_ledger), "--actor", "KAZ", "--story", "x"])
    assert both.exit_code == 2 and "give exactly one of --story ID or --actor ID" in both.stderr
