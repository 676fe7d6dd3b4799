"""Answer times of the web app over a generated ledger: the events page, /api/events, text search and the overview.

Usage: python benchmarks/web_speed.py [EVENTS] [--db PATH] [--requests N]   (default 100000 events, 40 requests)

Generates a ledger of EVENTS events (two mentions each on average, three mentions per article, stories of a few
articles, a tenth of events with a quantity conflict) through the Store's own batched writes, serves it with
`newsledger serve` in a separate process, and times real HTTP requests over loopback. Prints p50 / p95 / max per
kind of request. The ledger is kept at --db (default /tmp/newsledger-web-bench-EVENTS.duckdb) and reused.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

from newsledger.model import (
    ActorRef,
    Article,
    Conflict,
    EquipmentRef,
    Event,
    EventDate,
    EventMention,
    EventType,
    MentionSpans,
    Place,
    Precision,
    Sources,
    Span,
    Status,
    content_id,
)
from newsledger.store.ledger import Store

COUNTRIES = [
    ("RUS", "Russia"), ("IRN", "Iran"), ("AFG", "Afghanistan"), ("KAZ", "Kazakhstan"), ("TUR", "Turkey"),
    ("IND", "India"), ("CHN", "China"), ("USA", "United States"), ("FRA", "France"), ("DEU", "Germany"),
    ("UKR", "Ukraine"), ("PAK", "Pakistan"), ("EGY", "Egypt"), ("BRA", "Brazil"), ("NGA", "Nigeria"),
    ("IDN", "Indonesia"), ("MEX", "Mexico"), ("ZAF", "South Africa"), ("KOR", "South Korea"), ("JPN", "Japan"),
]  # fmt: skip
CITIES = [
    ("Kabul", "AFG", 34.53, 69.17), ("Astana", "KAZ", 51.17, 71.45), ("Tehran", "IRN", 35.69, 51.39),
    ("Moscow", "RUS", 55.76, 37.62), ("New Delhi", "IND", 28.61, 77.21), ("Ankara", "TUR", 39.93, 32.86),
    ("Cairo", "EGY", 30.04, 31.24), ("Lagos", "NGA", 6.45, 3.39), ("Jakarta", "IDN", -6.2, 106.85),
    ("Brasilia", "BRA", -15.79, -47.88), ("Kyiv", "UKR", 50.45, 30.52), ("Islamabad", "PAK", 33.68, 73.05),
]  # fmt: skip
EQUIPMENT = ["Mi-17", "Mi-24", "Pantsir-S1", "Bayraktar TB2", "T-72", "Su-30", "S-400", "BTR-82"]
OUTLETS = [f"Outlet {i}" for i in range(60)]
TYPES = list(EventType)
STATUSES = [Status.ASSERTED] * 6 + [Status.ALLEGED, Status.INTENDED, Status.DENIED, Status.NEGATED]


def _sentence(rng: random.Random, fields: dict[str, object]) -> tuple[str, dict[str, Span | tuple[Span, ...]]]:
    """A sentence reporting the event, and the offsets of its fields in it."""
    parts: list[tuple[str, str | None]] = [
        (str(fields["source"]), "source"), (" ", None), (rng.choice(["delivered", "sent", "handed over"]), "trigger"),
        (" ", None), (str(fields["quantity"]), "quantity"), (" ", None), (str(fields["equipment"]), "equipment"),
        (" to ", None), (str(fields["target"]), "target"), (" in ", None), (str(fields["place"]), "location"),
        (" on ", None), (str(fields["day"]), "date"), (", officials said. ", None),
    ]  # fmt: skip
    text, spans, at = "", {}, 0
    for chunk, name in parts:
        if name:
            spans[name] = Span(start=at, end=at + len(chunk))
        text += chunk
        at += len(chunk)
    return text, spans


def generate(path: Path, n_events: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = date(2022, 1, 1)
    events: list[Event] = []
    pending: list[tuple[EventMention, str]] = []  # (mention, its sentence), packed three to an article
    for e in range(n_events):
        (src, src_name), (tgt, tgt_name) = rng.sample(COUNTRIES, 2)
        city, city_cc, lat, lon = rng.choice(CITIES)
        day = start + timedelta(days=rng.randrange(3 * 365))
        equipment = rng.choice(EQUIPMENT)
        quantity = rng.randrange(2, 30)
        status = rng.choice(STATUSES)
        etype = rng.choice(TYPES)
        fields = {"source": src_name, "target": tgt_name, "equipment": equipment, "quantity": quantity,
                  "place": city, "day": f"{day.day} {day:%B %Y}"}  # fmt: skip
        mention_ids = []
        for k in range(rng.choice([1, 2, 2, 3])):
            text, spans = _sentence(rng, fields)
            mid = content_id("bench", str(e), str(k))
            mention = EventMention(
                id=mid, article_id="", type=etype, mode="military", status=status,
                source=ActorRef(text=src_name, id=src, name=src_name, country=src, kind="state"),
                target=ActorRef(text=tgt_name, id=tgt, name=tgt_name, country=tgt, kind="state"),
                equipment=(EquipmentRef(text=equipment, id=equipment.upper(), name=equipment, category="system"),),
                quantity=quantity, date=EventDate(start=day, end=day, precision=Precision.DAY, text=str(fields["day"])),
                location=Place(name=city, country=city_cc, lat=lat, lon=lon, kind="city"),
                sentence=Span(start=0, end=len(text)),
                spans=MentionSpans(trigger=spans["trigger"], source=spans["source"], target=spans["target"],  # type: ignore[arg-type]
                                   equipment=(spans["equipment"],), quantity=spans["quantity"],  # type: ignore[arg-type]
                                   date=spans["date"], location=spans["location"]),  # type: ignore[arg-type]
                extractor="bench",
            )  # fmt: skip
            pending.append((mention, text))
            mention_ids.append(mid)
        conflicts: tuple[Conflict, ...] = ()
        if len(mention_ids) > 1 and rng.random() < 0.1:
            conflicts = (
                Conflict(
                    field="quantity",
                    values=((str(quantity), (mention_ids[0],)), (str(quantity + 2), (mention_ids[1],))),
                ),
            )
        n = len(mention_ids)
        events.append(
            Event(
                id=content_id("bench-event", str(e)), type=etype, mode="military", status=status,
                source=pending[-1][0].source, target=pending[-1][0].target, equipment=pending[-1][0].equipment,
                quantity=quantity, date=pending[-1][0].date, location=pending[-1][0].location,
                mention_ids=tuple(mention_ids), sources=Sources(articles=n, outlets=n, independent=n),
                conflicts=conflicts, extractor="bench", pack_version="bench",
            )
        )  # fmt: skip
    rng.shuffle(pending)
    with Store(path) as store:
        run_id = store.start_run(inputs=["generated"], extractor="bench", pack_version="bench", settings="{}")
        stories: dict[str, str] = {}
        batch_articles: list[tuple[Article, bytes]] = []
        batch_mentions: list[EventMention] = []
        for i in range(0, len(pending), 3):
            group = pending[i : i + 3]
            aid = content_id("bench-article", str(i))
            text = "Generated article for the web benchmark.\n\n"
            mentions = []
            for mention, sentence in group:
                offset = len(text)
                text += sentence
                mentions.append(_shift(mention, aid, offset))
            published = min(m.date.start for m in mentions if m.date) + timedelta(days=1)
            article = Article(id=aid, source=f"bench/{aid}", path=None, url=f"https://bench.example/{aid}",
                              outlet=OUTLETS[(i // 3) % len(OUTLETS)], published=published, title=f"Generated {aid}",
                              language="en", text=text, paragraphs=(Span(start=0, end=len(text)),))  # fmt: skip
            batch_articles.append((article, b""))
            batch_mentions += mentions
            stories[aid] = content_id("bench-story", str((i // 3) // 4))
            if len(batch_articles) >= 5000:
                store.write_batch(run_id=run_id, articles=batch_articles, mentions=batch_mentions, skips=[])
                batch_articles, batch_mentions = [], []
        store.write_batch(run_id=run_id, articles=batch_articles, mentions=batch_mentions, skips=[])
        store.replace_events(events, run_id=run_id)
        store.save_stories(stories, b"")
        store.finish_run(run_id, status="done", counts={"events": len(events)})


def _shift(m: EventMention, article_id: str, offset: int) -> EventMention:
    s = m.spans
    return EventMention(
        id=m.id, article_id=article_id, type=m.type, mode=m.mode, status=m.status, source=m.source, target=m.target,
        equipment=m.equipment, quantity=m.quantity, date=m.date, location=m.location,
        sentence=m.sentence.shifted(offset), extractor=m.extractor,
        spans=MentionSpans(trigger=s.trigger.shifted(offset), source=s.source.shifted(offset) if s.source else None,
                           target=s.target.shifted(offset) if s.target else None,
                           equipment=tuple(x.shifted(offset) for x in s.equipment),
                           quantity=s.quantity.shifted(offset) if s.quantity else None,
                           date=s.date.shifted(offset) if s.date else None,
                           location=s.location.shifted(offset) if s.location else None),
    )  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(port: int, path: str) -> tuple[float, int, int]:
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    start = time.perf_counter()
    con.request("GET", quote(path, safe="/?&=+"))
    response = con.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed, response.status, len(body)


def _wait(port: int) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(port, "/static/style.css")
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit("the server did not start within 60 s") from None
            time.sleep(0.2)


def _report(label: str, times: list[float]) -> None:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(f"{label:<58} p50 {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   max {ms[-1]:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", nargs="?", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    db = args.db or Path(f"/tmp/newsledger-web-bench-{args.events}.duckdb")
    if not db.exists():
        began = time.perf_counter()
        generate(db, args.events)
        print(f"generated {args.events:,} events into {db} in {time.perf_counter() - began:.1f} s")
    with Store(db, read_only=True) as store:
        counts = store.counts()
    print(f"ledger: {counts['events']:,} events, {counts['mentions']:,} mentions, {counts['articles']:,} articles")
    port = _free_port()
    command = [sys.executable, "-m", "newsledger.cli", "serve", "--db", str(db), "--port", str(port)]
    env = os.environ | {"PYTHONWARNINGS": "ignore"}
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL, env=env)
    try:
        _wait(port)
        rng = random.Random(3)
        # The server prepares the overview in the background as it starts (the chart engine, the aggregates).
        overview = ("/", "/charts/weekly.svg", "/charts/map.svg")
        cold = sum(_get(port, path)[0] for path in overview)
        print(f"overview (page, weekly chart, map) at once after the server starts: {cold * 1000:.0f} ms")
        server.terminate()
        server.wait(timeout=10)
        server = subprocess.Popen(command, stderr=subprocess.DEVNULL, env=env)
        _wait(port)
        time.sleep(5)
        first = sum(_get(port, path)[0] for path in overview)
        print(
            f"first overview 5 s after the server starts (prepared in the background meanwhile): {first * 1000:.0f} ms"
        )
        first_search = _get(port, "/events?q=kabul")[0]
        print(f"first text search 5 s after the start (its index was built meanwhile): {first_search * 1000:.0f} ms")
        kinds = {
            "/events (first page, no filter)": lambda: "/events",
            "/events (filters: type, country, since, min sources; page)": lambda: (
                f"/events?type={rng.choice(TYPES).value}&country={rng.choice(COUNTRIES)[0]}&since=2023-01-01"
                f"&min_sources=2&page={rng.randrange(1, 3)}"
            ),
            "/events (sorted by sources, deep page)": lambda: (
                f"/events?sort=sources&order=desc&page={rng.randrange(1, 2000)}"
            ),
            "/events (conflicts only, place)": lambda: f"/events?conflicts=1&place={rng.choice(CITIES)[0].split()[-1]}",
            "/events?q= (text search in evidence)": lambda: (
                f"/events?q={rng.choice(EQUIPMENT)}+to+{rng.choice(COUNTRIES)[1]}"
            ),
            "/api/events (filters, 50 events with mentions)": lambda: (
                f"/api/events?status=asserted&actor={rng.choice(COUNTRIES)[0]}&page={rng.randrange(1, 20)}"
            ),
            "/api/events?q= (text search)": lambda: f"/api/events?q={rng.choice(CITIES)[0]}+on+{rng.randrange(1, 28)}",
            "overview: / + weekly chart + map (cached)": None,
        }
        for label, make in kinds.items():
            times = []
            for _ in range(args.requests):
                if make is None:
                    times.append(sum(_get(port, p)[0] for p in ("/", "/charts/weekly.svg", "/charts/map.svg")))
                    continue
                elapsed, status, _size = _get(port, make())
                if status != 200:
                    raise SystemExit(f"{label}: HTTP {status}")
                times.append(elapsed)
            _report(label, times)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
