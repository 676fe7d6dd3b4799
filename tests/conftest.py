"""Shared fixtures: small hand-made records and a built sample ledger."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from newsledger.model import (
    ActorRef,
    EquipmentRef,
    EventDate,
    EventMention,
    EventType,
    MentionSpans,
    Precision,
    Span,
    Status,
)
from newsledger.stages.merge import ArticleInfo

DATA = Path(__file__).parent / "data"

# CI (CI=true) runs Hypothesis derandomized and without the example database, so a red run is a real failure that
# the same command reproduces anywhere; locally every run draws new examples. HYPOTHESIS_PROFILE=ci picks CI's.
hypothesis_settings.register_profile(
    "ci", derandomize=True, database=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.register_profile("dev", print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


def actor(name: str, country: str | None = None, id: str | None = None) -> ActorRef:
    return ActorRef(text=name, id=id or country, name=name, country=country)


def mention(
    mid: str,
    article: str,
    *,
    type: EventType = EventType.AID,
    status: Status = Status.ASSERTED,
    source: ActorRef | None = None,
    target: ActorRef | None = None,
    equipment: tuple[str, ...] = (),
    quantity: int | None = None,
    day: date | None = date(2025, 3, 3),
    end: date | None = None,
    precision: Precision = Precision.DAY,
) -> EventMention:
    """A mention whose evidence spans are made up but valid (inside a 0..200 sentence)."""
    return EventMention(
        id=mid,
        article_id=article,
        type=type,
        mode="military",
        status=status,
        source=source,
        target=target,
        equipment=tuple(EquipmentRef(text=e, id=e.upper(), name=e, category="helicopter") for e in equipment),
        quantity=quantity,
        date=EventDate(start=day, end=end or day, precision=precision, text=None) if day else None,
        location=None,
        sentence=Span(start=0, end=200),
        spans=MentionSpans(trigger=Span(start=10, end=19)),
        extractor="test",
    )


def info(
    aid: str,
    outlet: str | None,
    published: date | None = date(2025, 3, 5),
    original: str | None = None,
    story: str | None = None,
) -> ArticleInfo:
    return ArticleInfo(id=aid, outlet=outlet, published=published, original=original or aid, story=story)


@pytest.fixture(scope="session")
def sample_ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bundled sample corpus built once into a ledger for the whole session."""
    from newsledger.pipeline import build_ledger, sample_inputs

    db = tmp_path_factory.mktemp("sample") / "ledger.duckdb"
    paths, manifest = sample_inputs()
    build_ledger(paths, db=db, manifest=manifest)
    yield db


@pytest.fixture(scope="session")
def web_ledger(sample_ledger: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample ledger plus one fictional article full of hostile markup (tests/data/web/hostile.jsonl)."""
    import shutil

    from newsledger.pipeline import build_ledger

    db = tmp_path_factory.mktemp("web") / "ledger.duckdb"
    shutil.copy(sample_ledger, db)
    build_ledger([str(DATA / "web" / "hostile.jsonl")], db=db)
    yield db
