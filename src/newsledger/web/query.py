"""Read URL query parameters into an event filter and a page; a bad value is a QueryError naming its parameter."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar
from urllib.parse import urlencode

from newsledger.errors import NotFoundError, QueryError
from newsledger.model import EventType, Status
from newsledger.store.ledger import EVENT_SORTS, EventFilter

T = TypeVar("T")

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
MAX_TEXT = 200
FILTER_PARAMETERS = (
    "type", "status", "actor", "country", "since", "until", "place", "min_sources", "conflicts", "q", "sort", "order",
)  # fmt: skip
PAGE_PARAMETERS = ("page", "size")
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True, slots=True, kw_only=True)
class EventQuery:
    """What a view of the events asks for: a filter and a page."""

    filter: EventFilter
    page: int = 1
    size: int = DEFAULT_PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def params(self, **changes: object) -> dict[str, str]:
        """The URL parameters that ask for this view again (with ``changes``), without the defaults."""
        flt = self.filter
        values: dict[str, object] = {
            "type": flt.type,
            "status": flt.status,
            "actor": flt.actor,
            "country": flt.country,
            "since": flt.since.isoformat() if flt.since else None,
            "until": flt.until.isoformat() if flt.until else None,
            "place": flt.place,
            "min_sources": flt.min_sources,
            "conflicts": "1" if flt.conflicts_only else None,
            "q": flt.text,
            "sort": None if flt.sort == "date" else flt.sort,
            "order": "desc" if flt.descending else None,
            "page": None if self.page == 1 else self.page,
            "size": None if self.size == DEFAULT_PAGE_SIZE else self.size,
        }
        values.update(changes)
        return {k: str(v) for k, v in values.items() if v is not None and v != ""}

    def url(self, path: str, **changes: object) -> str:
        params = self.params(**changes)
        return path + ("?" + urlencode(params) if params else "")

    def with_page(self, page: int) -> EventQuery:
        return replace(self, page=page)


def _text(params: Mapping[str, str], name: str) -> str | None:
    value = params.get(name, "").strip()
    if len(value) > MAX_TEXT:
        raise QueryError(name, f"at most {MAX_TEXT} characters, got {len(value)}")
    return value or None


def _date(params: Mapping[str, str], name: str) -> date | None:
    value = _text(params, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(name, f"{value!r} is not a date; expected YYYY-MM-DD") from None


def _int(params: Mapping[str, str], name: str, *, low: int, high: int, default: int | None) -> int | None:
    value = _text(params, name)
    if value is None:
        return default
    if not value.isdigit() or not low <= int(value) <= high:
        raise QueryError(name, f"{value!r} is not a whole number from {low} to {high}")
    return int(value)


def _choice(params: Mapping[str, str], name: str, choices: tuple[str, ...], *, fold: str = "lower") -> str | None:
    value = _text(params, name)
    if value is None:
        return None
    value = value.upper() if fold == "upper" else value.lower()
    if value not in choices:
        raise QueryError(name, f"{value!r} is not one of {', '.join(choices)}")
    return value


def found(row: T | None, kind: str, asked: str, *, by_prefix: bool = False) -> T:
    """The row a page or an API call asked for, or a 404 naming what was not found."""
    if row is None:
        ambiguous = " (or the id prefix is ambiguous)" if by_prefix else ""
        raise NotFoundError(f"no {kind} {asked!r} in the ledger{ambiguous}")
    return row


def check_known(params: Mapping[str, str], known: tuple[str, ...]) -> None:
    for name in params:
        if name not in known:
            raise QueryError(name, f"unknown parameter; expected one of {', '.join(known)}")


def parse_event_query(params: Mapping[str, str], *, extra: tuple[str, ...] = ()) -> EventQuery:
    """The filter and page the parameters ask for; every parameter is checked, unknown ones refused."""
    check_known(params, FILTER_PARAMETERS + PAGE_PARAMETERS + extra)
    conflicts = _text(params, "conflicts")
    if conflicts is not None and conflicts.lower() not in TRUE | FALSE:
        raise QueryError("conflicts", f"{conflicts!r} is not one of 1, 0, true, false")
    country = _text(params, "country")
    if country is not None and not (len(country) == 3 and country.isalpha()):
        raise QueryError("country", f"{country!r} is not an ISO 3166 alpha-3 code such as RUS")
    since, until = _date(params, "since"), _date(params, "until")
    if since and until and since > until:
        raise QueryError("until", f"{until} is before since ({since})")
    flt = EventFilter(
        type=_choice(params, "type", tuple(t.value for t in EventType), fold="upper"),
        status=_choice(params, "status", tuple(s.value for s in Status)),
        actor=_text(params, "actor"),
        country=country.upper() if country else None,
        since=since,
        until=until,
        place=_text(params, "place"),
        min_sources=_int(params, "min_sources", low=0, high=1_000_000, default=None),
        conflicts_only=conflicts is not None and conflicts.lower() in TRUE,
        text=_text(params, "q"),
        sort=_choice(params, "sort", tuple(EVENT_SORTS)) or "date",
        descending=(_choice(params, "order", ("asc", "desc")) or "asc") == "desc",
    )
    page = _int(params, "page", low=1, high=1_000_000, default=1) or 1
    size = _int(params, "size", low=1, high=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE) or DEFAULT_PAGE_SIZE
    return EventQuery(filter=flt, page=page, size=size)


def parse_window(params: Mapping[str, str]) -> tuple[date | None, date | None]:
    """A brief's since/until."""
    since, until = _date(params, "since"), _date(params, "until")
    if since and until and since > until:
        raise QueryError("until", f"{until} is before since ({since})")
    return since, until
