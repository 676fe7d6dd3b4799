"""The web app and JSON API in process (Starlette's test client) on the sample ledger plus a hostile article."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from newsledger.errors import StoreError
from newsledger.store.ledger import Store
from newsledger.web.app import create_app, safe_url


@pytest.fixture(scope="module")
def client(web_ledger: Path) -> Iterator[TestClient]:
    with TestClient(create_app(web_ledger, warm_charts=False), raise_server_exceptions=False) as c:
        yield c


def _all_events(client: TestClient, **params: str) -> list[dict]:
    body = client.get("/api/events", params={"size": "200", **params}).json()
    assert body["total"] == len(body["events"])
    return body["events"]


def test_api_events_follow_the_export_contract_and_page(client: TestClient, web_ledger: Path) -> None:
    with Store(web_ledger, read_only=True) as store:
        total = store.count_events()
    first = client.get("/api/events", params={"size": "5"}).json()
    second = client.get("/api/events", params={"size": "5", "page": "2"}).json()
    assert first["total"] == second["total"] == total > 10
    assert len(first["events"]) == len(second["events"]) == 5
    assert not {e["id"] for e in first["events"]} & {e["id"] for e in second["events"]}
    for e in first["events"]:
        assert {"id", "type", "status", "source", "target", "equipment", "date", "location", "mentions", "sources",
                "conflicts"} <= e.keys()  # fmt: skip
        assert {"articles", "outlets", "independent"} == set(e["sources"])


def test_api_events_filters_keep_only_matching_events(client: TestClient) -> None:
    every = _all_events(client)
    aid = _all_events(client, type="aid", min_sources="2")
    assert aid and all(e["type"] == "AID" and e["sources"]["independent"] >= 2 for e in aid)
    assert len(aid) < len(every)
    disputed = _all_events(client, conflicts="1")
    assert disputed and all(e["conflicts"] for e in disputed)
    kaz = _all_events(client, country="kaz")
    assert kaz and all(
        "KAZ"
        in {
            (e["source"] or {}).get("country"),
            (e["target"] or {}).get("country"),
            (e["location"] or {}).get("country"),
        }
        for e in kaz
    )
    found = _all_events(client, q="pantsir")
    assert found and all(any("pantsir" in m["sentence"]["text"].lower() for m in e["mentions"]) for e in found)
    dated = _all_events(client, since="2025-03-01", until="2025-03-31")
    assert dated and all(e["date"]["end"] >= "2025-03-01" and e["date"]["start"] <= "2025-03-31" for e in dated)
    kabul = _all_events(client, place="kabul")
    assert kabul and all("kabul" in e["location"]["name"].lower() for e in kabul)


def test_api_events_sort_by_sources_descending(client: TestClient) -> None:
    events = _all_events(client, sort="sources", order="desc")
    counts = [e["sources"]["independent"] for e in events]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("size=500", "size", "size: '500' is not a whole number from 1 to 200"),
        ("page=0", "page", "page: '0' is not a whole number from 1 to 1000000"),
        ("since=2025-13-01", "since", "since: '2025-13-01' is not a date; expected YYYY-MM-DD"),
        ("type=PARTY", "type", "type: 'PARTY' is not one of AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, "
         "REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT"),
        ("sort=name", "sort", "sort: 'name' is not one of date, sources, articles, type, status, reported, id"),
        ("country=Russia", "country", "country: 'Russia' is not an ISO 3166 alpha-3 code such as RUS"),
        ("since=2025-03-02&until=2025-03-01", "until", "until: 2025-03-01 is before since (2025-03-02)"),
        ("colour=red", "colour", "colour: unknown parameter; expected one of type, status, actor, country, since, "
         "until, place, min_sources, conflicts, q, sort, order, page, size"),
    ],
)  # fmt: skip
def test_api_invalid_parameter_is_400_naming_it(client: TestClient, query: str, parameter: str, message: str) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 400
    assert response.json() == {"error": {"status": 400, "message": message, "parameter": parameter}}


def test_api_event_article_story_actor_and_brief(client: TestClient) -> None:
    event = _all_events(client, min_sources="2")[0]
    assert client.get(f"/api/events/{event['id'][:8]}").json()["id"] == event["id"]
    mention = event["mentions"][0]
    article = client.get(f"/api/articles/{mention['article_id']}").json()
    assert article["text"][mention["sentence"]["start"] : mention["sentence"]["end"]] == mention["sentence"]["text"]
    assert any(m["event_id"] == event["id"] for m in article["mentions"])
    story = client.get(f"/api/stories/{article['story']}").json()
    assert event["id"] in story["events"] and mention["article_id"] in {a["article_id"] for a in story["articles"]}
    actor = client.get("/api/actors/RUS").json()
    assert (
        actor["name"] == "Russia" and actor["events"] and {e["role"] for e in actor["events"]} <= {"source", "target"}
    )
    brief = client.get("/api/brief", params={"story": article["story"]}).json()
    assert brief["sentences"] and all(s["citations"] for s in brief["sentences"])
    numbers = {r["number"] for r in brief["references"]}
    assert {n for s in brief["sentences"] for n in s["citations"]} == numbers


def test_api_unknown_ids_are_404_json(client: TestClient) -> None:
    for path in ("/api/events/ffffffffffff", "/api/articles/nope", "/api/stories/zzzz", "/api/actors/XXX"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"]["message"].startswith("no ")
    response = client.get("/api/brief", params={"story": "a", "actor": "RUS"})
    assert response.json()["error"] == {
        "status": 400, "message": "story: give exactly one of story=ID or actor=ID", "parameter": "story"
    }  # fmt: skip


def test_api_openapi_lists_every_endpoint(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/stories/{story_id}",
        "/api/actors/{actor_id}", "/api/brief",
    }  # fmt: skip
    names = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {
        "type",
        "status",
        "actor",
        "country",
        "since",
        "until",
        "place",
        "min_sources",
        "conflicts",
        "q",
        "page",
    } <= names


def test_events_page_filters_live_in_the_url(client: TestClient) -> None:
    page = client.get("/events", params={"type": "AID", "min_sources": "2", "sort": "sources"}).text
    total = int(re.search(r'<span id="total">(\d+)</span>', page).group(1))  # type: ignore[union-attr]
    assert total == len(_all_events(client, type="AID", min_sources="2"))
    assert "<option selected>AID</option>" in page
    # The download links carry the same filter.
    assert "/events.csv?type=AID&amp;min_sources=2&amp;sort=sources" in page


def test_download_csv_and_jsonl_hold_the_filtered_view(client: TestClient) -> None:
    expected = {e["id"] for e in _all_events(client, status="negated")}
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv?status=negated").text)))
    assert {r["id"] for r in rows} == expected and all(r["status"] == "negated" for r in rows)
    response = client.get("/events.jsonl?status=negated")
    assert response.headers["content-disposition"] == 'attachment; filename="events.jsonl"'
    assert {json.loads(line)["id"] for line in response.text.splitlines()} == expected


def test_event_page_marks_each_field_of_each_mention(client: TestClient) -> None:
    event = _all_events(client, min_sources="2", conflicts="1")[0]
    page = client.get(f"/events/{event['id']}").text
    for m in event["mentions"]:
        s, e = m["spans"]["trigger"]
        trigger = m["sentence"]["text"][s - m["sentence"]["start"] : e - m["sentence"]["start"]]
        assert f'<mark class="span-trigger" title="trigger">{trigger}</mark>' in page
    assert "Reports disagree" in page and event["conflicts"][0]["field"] in page


def test_event_page_folds_the_mentions_of_copies_under_their_original(client: TestClient, web_ledger: Path) -> None:
    with Store(web_ledger, read_only=True) as store:
        copies = {a["id"]: a["copy_of"] for a in store.articles() if a["copy_of"]}
    assert copies
    for event in _all_events(client):
        articles = {m["article_id"] for m in event["mentions"]}
        folded = [m for m in event["mentions"] if copies.get(m["article_id"]) in articles]
        if folded:
            break
    else:
        pytest.fail("no event holds an article and its copy")
    page = client.get(f"/events/{event['id']}").text
    assert page.count('<article class="mention"') == len(event["mentions"]) - len(folded)
    blocks = re.findall(r'<details class="copies">(.*?)</details>', page, flags=re.S)
    assert blocks and sum(block.count("<li>") for block in blocks) == len(folded)


def test_pages_answer_for_every_kind_of_record(client: TestClient) -> None:
    event = _all_events(client, min_sources="2")[0]
    article_id = event["mentions"][0]["article_id"]
    story = client.get(f"/api/articles/{article_id}").json()["story"]
    for path in ("/", "/events", "/stories", "/actors", f"/events/{event['id']}", f"/articles/{article_id}",
                 f"/stories/{story}", "/actors/RUS", "/charts/weekly.svg", "/charts/map.svg",
                 f"/charts/story/{story}.svg", "/charts/actor/RUS.svg"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 200, path
    assert client.get("/charts/map.svg").text.startswith("<svg")


def test_hostile_article_is_escaped_and_links_are_http_only(client: TestClient) -> None:
    hostile = _all_events(client, q="afghanistan <script>")
    assert len(hostile) == 1
    # The hostile report joins the sample's handover of four Mi-17s: same parties, equipment and day.
    article_id = next(m["article_id"] for m in hostile[0]["mentions"] if "<script>" in m["sentence"]["text"])
    for path in (f"/articles/{article_id}", f"/events/{hostile[0]['id']}", "/events?q=%3Cscript%3E", "/"):
        page = client.get(path).text
        assert "<script" not in page.lower(), path
        assert not re.search(r"<[^>]+\son\w+=", page), path  # no event-handler attribute on any tag
        assert 'href="javascript:' not in page.lower(), path
    page = client.get(f"/articles/{article_id}").text
    assert "&lt;script&gt;document.title=" in page and "&lt;/textarea&gt;" in page


def test_every_response_carries_a_csp_without_inline_script(client: TestClient) -> None:
    for path in ("/", "/api/events", "/nope", "/charts/weekly.svg"):
        csp = client.get(path).headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp and "unsafe-inline" not in csp


def test_errors_are_pages_not_stack_traces(client: TestClient) -> None:
    response = client.get("/events?since=yesterday")
    assert response.status_code == 400
    assert "since: &#39;yesterday&#39; is not a date; expected YYYY-MM-DD" in response.text
    missing = client.get("/events/ffffffffffff")
    assert missing.status_code == 404 and "Traceback" not in missing.text


def test_safe_url_keeps_only_web_addresses() -> None:
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JaVaScRiPt:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url(None) is None


def test_create_app_refuses_a_missing_ledger(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no ledger here; build one first"):
        create_app(tmp_path / "none.duckdb")
