"""Time expressions: find TIMEX3 dates, times, durations and sets in text and resolve them against the DCT."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from newsledger.model import Precision, Span, TimeExpression, TimexType
from newsledger.stages import timex_tables as tables

DATE, TIME, DURATION, SET = TimexType.DATE, TimexType.TIME, TimexType.DURATION, TimexType.SET


@dataclass(frozen=True, slots=True)
class _Hit:
    """A candidate expression before overlaps are resolved."""

    start: int
    end: int
    type: TimexType
    value: str
    first: date | None = None
    last: date | None = None
    precision: Precision | None = None


@dataclass(frozen=True, slots=True)
class _Doc:
    text: str
    dct: date | None

    def word_before(self, pos: int) -> str:
        found = re.search(r"([\w'$£€¥#%-]+|[–-])\W{0,2}$", self.text[max(0, pos - 40) : pos])
        return found.group(1).lower() if found else ""

    def word_after(self, pos: int) -> str:
        found = re.match(r"[ \t]*([\w%]+|[–-])", self.text[pos : pos + 40])
        return found.group(1) if found else ""

    def is_future(self, pos: int) -> bool:
        # News narrates the past, so bare months and weekdays resolve backwards unless the sentence
        # before the expression looks ahead ("will meet on Friday", "is expected in October").
        start = max(self.text.rfind(c, 0, pos) for c in ".!?\n") + 1
        return tables.FUTURE_CUES.search(self.text[max(start, pos - 80) : pos]) is not None


_Handler = Callable[[re.Match[str], _Doc], "_Hit | None"]
_RULES: list[tuple[re.Pattern[str], _Handler]] = []


def _rule(pattern: str, flags: int = 0) -> Callable[[_Handler], _Handler]:
    def register(handler: _Handler) -> _Handler:
        _RULES.append((re.compile(pattern, flags), handler))
        return handler

    return register


# -- calendar arithmetic -------------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _season_bounds(year: int, code: str) -> tuple[date, date]:
    # Meteorological seasons, northern hemisphere; winter YYYY starts in December of YYYY.
    if code == "WI":
        return date(year, 12, 1), _month_end(year + 1, 2)
    first = {"SP": 3, "SU": 6, "FA": 9}[code]
    return date(year, first, 1), _month_end(year, first + 2)


def _season_of(day: date) -> tuple[int, str]:
    if day.month in (1, 2):
        return day.year - 1, "WI"
    return day.year, ("SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")[day.month - 3]


# -- hit builders ----------------------------------------------------------------------------------


def _day(m: re.Match[str], day: date | None, start: int | None = None, fallback: str = "XXXX-XX-XX") -> _Hit:
    begin = m.start() if start is None else start
    if day is None:
        return _Hit(begin, m.end(), DATE, fallback)
    return _Hit(begin, m.end(), DATE, day.isoformat(), day, day, Precision.DAY)


def _month(start: int, end: int, year: int | None, month: int) -> _Hit:
    if year is None:
        return _Hit(start, end, DATE, f"XXXX-{month:02d}")
    return _Hit(start, end, DATE, f"{year}-{month:02d}", date(year, month, 1), _month_end(year, month), Precision.MONTH)


def _year(start: int, end: int, year: int | None) -> _Hit:
    if year is None:
        return _Hit(start, end, DATE, "XXXX")
    return _Hit(start, end, DATE, str(year), date(year, 1, 1), date(year, 12, 31), Precision.YEAR)


def _week(start: int, end: int, day: date | None) -> _Hit:
    if day is None:
        return _Hit(start, end, DATE, "XXXX-WXX")
    monday = _week_start(day)
    return _Hit(start, end, DATE, _week_value(day), monday, monday + timedelta(days=6), Precision.WEEK)


def _quarter(start: int, end: int, year: int | None, quarter: int) -> _Hit:
    if year is None:
        return _Hit(start, end, DATE, f"XXXX-Q{quarter}")
    first = 3 * quarter - 2
    return _Hit(
        start,
        end,
        DATE,
        f"{year}-Q{quarter}",
        date(year, first, 1),
        _month_end(year, first + 2),
        Precision.QUARTER,
    )


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_day(month: int, day: int, dct: date, future: bool) -> date | None:
    """A day-and-month without a year: the closest such day to the DCT, the next one if looking ahead."""
    options = [d for y in (dct.year - 1, dct.year, dct.year + 1) if (d := safe_date(y, month, day))]
    if future:
        ahead = [d for d in options if d >= dct]
        if ahead:
            return min(ahead)
    return min(options, key=lambda d: (abs((d - dct).days), d > dct)) if options else None


def _month_year(month: int, dct: date | None, future: bool, shift: str = "") -> int | None:
    """The year of a bare month: the latest one not after the DCT month (news looks back)."""
    if dct is None:
        return None
    if shift == "last":
        return dct.year if month < dct.month else dct.year - 1
    if shift == "next":
        return dct.year if month > dct.month else dct.year + 1
    if shift == "this":
        return dct.year
    if future:
        return dct.year if month >= dct.month else dct.year + 1
    return dct.year if month <= dct.month else dct.year - 1


def month_number(name: str) -> int:
    return tables.MONTHS[name.lower().rstrip(".")]


# -- rules: absolute dates -------------------------------------------------------------------------

_YEAR4 = r"(?:1[89]\d\d|20\d\d)"
_DAY_SUFFIX = r"(?:st|nd|rd|th)?"
_WEEKDAY_PREFIX = rf"(?:{tables.WEEKDAY},?\s+)?"


@_rule(rf"(?<![\w./-])({_YEAR4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d))?(?![\w-])")
def _iso_date(m: re.Match[str], doc: _Doc) -> _Hit | None:
    day = safe_date(int(m[1]), int(m[2]), int(m[3]))
    if day is None:
        return None
    if m[4]:
        return _Hit(m.start(), m.end(), TIME, f"{day.isoformat()}T{m[4]}:{m[5]}", day, day, Precision.DAY)
    return _day(m, day)


@_rule(r"(?<![\w./-])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|\.\d)")
def _numeric_date(m: re.Match[str], doc: _Doc) -> _Hit | None:
    first, second, year = int(m[1]), int(m[3]), tables.full_year(m[4])
    if m[2] == "." and len(m[4]) == 2:
        return None  # "1.2.10" is more often a version or a section number than a date
    day_first = safe_date(year, second, first)
    month_first = safe_date(year, first, second) if m[2] == "/" else None
    if day_first and month_first and day_first != month_first:
        # Both readings are valid: take the one closer to the DCT (news dates are recent);
        # without a DCT, the month-first order of US and wire copy.
        if doc.dct is not None and abs((day_first - doc.dct).days) < abs((month_first - doc.dct).days):
            return _day(m, day_first)
        return _day(m, month_first)
    chosen = day_first or month_first
    return _day(m, chosen) if chosen else None


def _day_month(m: re.Match[str], doc: _Doc, month: int, day: int, year: str | None) -> _Hit | None:
    if year:
        return _day(m, safe_date(int(year), month, day))
    if day < 1 or day > 31:
        return None
    if doc.dct is None:
        return _Hit(m.start(), m.end(), DATE, f"XXXX-{month:02d}-{day:02d}")
    return _day(m, _nearest_day(month, day, doc.dct, doc.is_future(m.start())))


@_rule(
    rf"(?<![\w.,]){_WEEKDAY_PREFIX}(?:the\s+)?(\d{{1,2}}){_DAY_SUFFIX}\s+(?:of\s+)?({tables.MONTH_ANY})(?![\w])"
    rf"(?:,?\s+({_YEAR4})(?![\w]))?"
)
def _dmy(m: re.Match[str], doc: _Doc) -> _Hit | None:
    return _day_month(m, doc, month_number(m[2]), int(m[1]), m[3])


@_rule(
    rf"(?<!\w){_WEEKDAY_PREFIX}({tables.MONTH_ANY})\s+(\d{{1,2}}){_DAY_SUFFIX}(?![\w:.,]\d|\d)"
    rf"(?:,?\s+({_YEAR4})(?!\w))?"
)
def _mdy(m: re.Match[str], doc: _Doc) -> _Hit | None:
    return _day_month(m, doc, month_number(m[1]), int(m[2]), m[3])


@_rule(rf"(?<!\w)({tables.MONTH_ANY})(?:\s+of)?,?\s+(?:({_YEAR4})|(?i:(this|last|next)\s+year))(?![\w])")
def _month_with_year(m: re.Match[str], doc: _Doc) -> _Hit | None:
    if m[2]:
        year: int | None = int(m[2])
    else:
        year = None if doc.dct is None else doc.dct.year + {"last": -1, "next": 1}.get(m[3].lower(), 0)
    return _month(m.start(), m.end(), year, month_number(m[1]))


_PART_WORDS = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}
_PART_PREFIX = r"(?:(early|mid|late)[\s-]+|(?:the\s+)?(beginning|start|middle|end)\s+of\s+)"


@_rule(_PART_PREFIX + rf"({tables.MONTH_FULL})(?:,?\s+({_YEAR4}))?(?!\w)", re.IGNORECASE)
def _part_of_month(m: re.Match[str], doc: _Doc) -> _Hit | None:
    month = month_number(m[3])
    if not m[3][0].isupper():
        return None
    year = int(m[4]) if m[4] else _month_year(month, doc.dct, doc.is_future(m.start()))
    if year is None:
        return _Hit(m.start(), m.end(), DATE, f"XXXX-{month:02d}")
    part = _PART_WORDS[(m[1] or m[2]).lower()]
    first = date(year, month, (1, 11, 21)[part])
    last = date(year, month, 10) if part == 0 else date(year, month, 20) if part == 1 else _month_end(year, month)
    return _Hit(m.start(), m.end(), DATE, f"{year}-{month:02d}", first, last, Precision.PART_OF_MONTH)


@_rule(_PART_PREFIX + rf"(?:({_YEAR4})|(this|last|next|the)\s+year)(?![\w-])", re.IGNORECASE)
def _part_of_year(m: re.Match[str], doc: _Doc) -> _Hit | None:
    if m[3]:
        year: int | None = int(m[3])
    elif doc.dct is None:
        year = None
    else:
        year = doc.dct.year + {"last": -1, "next": 1}.get(m[4].lower(), 0)
    if year is None:
        return _Hit(m.start(), m.end(), DATE, "XXXX")
    part = _PART_WORDS[(m[1] or m[2]).lower()]
    first, last = ((1, 4), (5, 8), (9, 12))[part]
    return _Hit(
        m.start(), m.end(), DATE, str(year), date(year, first, 1), _month_end(year, last), Precision.PART_OF_YEAR
    )


@_rule(rf"(?:the\s+)?(first|second)\s+half\s+of\s+(?:({_YEAR4})|(this|last|next|the)\s+year)(?![\w-])", re.I)
def _half_year(m: re.Match[str], doc: _Doc) -> _Hit | None:
    if m[2]:
        year = int(m[2])
    elif doc.dct is None:
        return _Hit(m.start(), m.end(), DATE, "XXXX-H" + ("1" if m[1].lower() == "first" else "2"))
    else:
        year = doc.dct.year + {"last": -1, "next": 1}.get(m[3].lower(), 0)
    half = 1 if m[1].lower() == "first" else 2
    first, last = date(year, 6 * half - 5, 1), _month_end(year, 6 * half)
    return _Hit(m.start(), m.end(), DATE, f"{year}-H{half}", first, last, Precision.PART_OF_YEAR)


@_rule(rf"(?<![\w$£€¥#.,/'’-])({_YEAR4})(?![\w]|[.,]\d|[-–/]\d|%)")
def _bare_year(m: re.Match[str], doc: _Doc) -> _Hit | None:
    before = doc.word_before(m.start())
    after = doc.word_after(m.end())
    if after.lower() in tables.UNIT_NOUNS:
        return None
    is_cued = before in tables.YEAR_CUES
    if before in tables.YEAR_JOINERS:
        # "between 2014 and 2016": the second number is a year only when the first one was.
        is_cued = re.search(rf"{_YEAR4}\W*\w*\W*$", doc.text[max(0, m.start() - 14) : m.start()]) is not None
    # "the 2008 season", "the 2008 Beijing Olympics"; "WWDC 2005" ends a name of an event.
    is_adjective = before in tables.YEAR_DETERMINERS and bool(after)
    is_event_name = (
        not after and doc.text[max(0, m.start() - 40) : m.start()].rstrip(" ").rsplit(" ", 1)[-1][:1].isupper()
    )
    is_alone = not after or re.match(r"\s*(?:[.,;:)!?]|'s|’s)", doc.text[m.end() :]) is not None
    if not (is_cued or is_adjective or is_event_name or (is_alone and not before.isdigit())):
        return None
    return _year(m.start(), m.end(), int(m[1]))


@_rule(
    r"(?:the\s+)?(?:(early|mid|late)[\s-]+)?(?:(1[89]\d|20\d)0|['’](\d)0|(?<=the |and )(\d)0)['’]?s(?![\w'])",
    re.IGNORECASE,
)
def _decade(m: re.Match[str], doc: _Doc) -> _Hit | None:
    digit = int(m[3] or m[4] or 0)
    decade = int(m[2]) if m[2] else 190 + digit if digit >= 2 else 200 + digit
    first, last = date(decade * 10, 1, 1), date(decade * 10 + 9, 12, 31)
    return _Hit(m.start(), m.end(), DATE, str(decade), first, last, Precision.DECADE)


@_rule(r"(?<=\s)['’](\d\d)(?![\w'’])")
def _short_year(m: re.Match[str], doc: _Doc) -> _Hit | None:
    # "since '82": an apostrophe year needs a cue, or it is a closing quote after a number.
    if doc.word_before(m.start()) not in tables.YEAR_CUES:
        return None
    return _year(m.start(), m.end(), tables.full_year(m[1]))


@_rule(
    r"(?:the\s+)?(fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[\s-]first"
    r"|1[5-9]th|20th|21st)[\s-]century(?!\w)",
    re.IGNORECASE,
)
def _century(m: re.Match[str], doc: _Doc) -> _Hit | None:
    word = m[1].lower().replace("-", " ")
    ordinal = int(word[:2]) if word[:2].isdigit() else tables.CENTURY_ORDINALS[word]
    first = (ordinal - 1) * 100
    return _Hit(
        m.start(), m.end(), DATE, f"{ordinal - 1:02d}", date(first, 1, 1), date(first + 99, 12, 31), Precision.CENTURY
    )


# -- rules: calendar units relative to the DCT -------------------------------------------------------

_SHIFTS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1, "following": 1}


@_rule(
    r"(?:(last|this|next|past|coming)\s+)?(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(" + _YEAR4 + r"))?(?!\w)",
    re.IGNORECASE,
)
def _season(m: re.Match[str], doc: _Doc) -> _Hit | None:
    shift, code = (m[1] or "").lower(), tables.SEASONS[m[2].lower()]
    if m[2][0].isupper() and not (m[1] or m[3]) and doc.word_after(m.end())[:1].isupper():
        return None  # a name: "Summer Olympics", "Winter Palace"
    if m[2].lower() == "fall" and not (shift or m[3] or doc.word_before(m.start()) in ("in", "the", "this")):
        return None  # "fall" is a verb and a noun far more often than a season
    if m[3]:
        year: int | None = int(m[3])
    elif doc.dct is None:
        year = None
    else:
        now_year, now_code = _season_of(doc.dct)
        now_start = _season_bounds(now_year, now_code)[0]
        starts = [(y, _season_bounds(y, code)[0]) for y in range(doc.dct.year - 2, doc.dct.year + 2)]
        if shift in ("last", "past"):
            year = max(y for y, s in starts if s < now_start)
        elif shift in ("next", "coming"):
            year = min(y for y, s in starts if s > now_start)
        elif shift == "this" or doc.is_future(m.start()):
            year = min(y for y, s in starts if s >= now_start)
        else:
            year = max(y for y, s in starts if s <= now_start)
    if year is None:
        return _Hit(m.start(), m.end(), DATE, f"XXXX-{code}")
    first, last = _season_bounds(year, code)
    return _Hit(m.start(), m.end(), DATE, f"{year}-{code}", first, last, Precision.SEASON)


@_rule(
    rf"(?:the\s+)?(?:({tables.ORDINAL})|(this|last|next|current|previous|past))[\s-]+(?:fiscal\s+)?quarter(?!\w)"
    rf"(?:\s+of\s+(?:({_YEAR4})|(this|last|next|the)\s+year)|,?\s+({_YEAR4}))?",
    re.IGNORECASE,
)
def _named_quarter(m: re.Match[str], doc: _Doc) -> _Hit | None:
    if m[3] or m[5]:
        return _quarter(m.start(), m.end(), int(m[3] or m[5]), tables.ORDINALS[(m[1] or "first").lower()])
    if doc.dct is None:
        return _Hit(m.start(), m.end(), DATE, f"XXXX-Q{tables.ORDINALS.get((m[1] or '').lower(), 'X')}")
    current = (doc.dct.month - 1) // 3 + 1
    if m[4]:
        year = doc.dct.year + {"last": -1, "next": 1}.get(m[4].lower(), 0)
        return _quarter(m.start(), m.end(), year, tables.ORDINALS[(m[1] or "first").lower()])
    if m[2]:
        year, month = _add_months(doc.dct.year, doc.dct.month, 3 * _SHIFTS[m[2].lower()])
        return _quarter(m.start(), m.end(), year, (month - 1) // 3 + 1)
    quarter = tables.ORDINALS[m[1].lower()]
    # Results are reported after a quarter ends: a quarter later in the year than now is last year's.
    year = doc.dct.year if quarter <= current or doc.is_future(m.start()) else doc.dct.year - 1
    return _quarter(m.start(), m.end(), year, quarter)


@_rule(rf"(?<![\w-])(?:Q([1-4])(?:\s*({_YEAR4})|\s*['’/-](\d\d))?|({_YEAR4})\s*Q([1-4]))(?![\w-])")
def _short_quarter(m: re.Match[str], doc: _Doc) -> _Hit | None:
    quarter = int(m[1] or m[5])
    digits = m[2] or m[3] or m[4]
    year = tables.full_year(digits) if digits else doc.dct.year if doc.dct else None
    return _quarter(m.start(), m.end(), year, quarter)


@_rule(
    r"(?:(the)\s+)?(last|this|next|past|previous|coming|current|following)\s+(year|month|week|weekend|decade)(?!\w)",
    re.IGNORECASE,
)
def _relative_unit(m: re.Match[str], doc: _Doc) -> _Hit | None:
    shift, unit = m[2].lower(), m[3].lower()
    if m[1] and shift in ("last", "past", "coming", "next"):
        # "the past year", "the next month" measure a stretch of time rather than name a period.
        return _Hit(m.start(), m.end(), DURATION, "P1WE" if unit == "weekend" else tables.duration_value(1, unit))
    if unit == "decade":
        if doc.dct is None:
            return _Hit(m.start(), m.end(), DATE, "XXX")
        decade = doc.dct.year // 10 + _SHIFTS[shift]
        return _Hit(
            m.start(),
            m.end(),
            DATE,
            str(decade),
            date(decade * 10, 1, 1),
            date(decade * 10 + 9, 12, 31),
            Precision.DECADE,
        )
    return _shifted(m.start(), m.end(), doc.dct, unit, _SHIFTS[shift])


@_rule(r"(?<!\w)(?:the|that|this)\s+weekend(?!\w)", re.IGNORECASE)
def _the_weekend(m: re.Match[str], doc: _Doc) -> _Hit | None:
    if m[0].lower().startswith("this"):
        return _shifted(m.start(), m.end(), doc.dct, "weekend", 0)
    # "the weekend" in a report is the one just past: this week's if the DCT falls on it.
    shift = 0 if doc.dct is not None and doc.dct.weekday() >= 5 else -1
    return _shifted(m.start(), m.end(), doc.dct, "weekend", shift)


def _shifted(start: int, end: int, dct: date | None, unit: str, delta: int) -> _Hit:
    if unit == "year":
        return _year(start, end, None if dct is None else dct.year + delta)
    if unit == "month":
        if dct is None:
            return _Hit(start, end, DATE, "XXXX-XX")
        year, month = _add_months(dct.year, dct.month, delta)
        return _month(start, end, year, month)
    if dct is None:
        return _Hit(start, end, DATE, "XXXX-WXX-WE" if unit == "weekend" else "XXXX-WXX")
    day = dct + timedelta(weeks=delta)
    if unit == "week":
        return _week(start, end, day)
    saturday = _week_start(day) + timedelta(days=5)
    return _Hit(start, end, DATE, _week_value(day) + "-WE", saturday, saturday + timedelta(days=1), Precision.WEEK)


@_rule(r"(earlier|later)\s+this\s+(year|month|week)(?!\w)", re.IGNORECASE)
def _earlier_later(m: re.Match[str], doc: _Doc) -> _Hit | None:
    whole = _shifted(m.start(), m.end(), doc.dct, m[2].lower(), 0)
    if doc.dct is None or whole.first is None or whole.last is None:
        return whole
    first, last = (whole.first, doc.dct) if m[1].lower() == "earlier" else (doc.dct, whole.last)
    precision = {"year": Precision.PART_OF_YEAR, "month": Precision.PART_OF_MONTH}.get(m[2].lower(), Precision.WEEK)
    return _Hit(whole.start, whole.end, DATE, whole.value, first, last, precision)


@_rule(rf"(?<!\w)(?:((?i:last|next|this))\s+)?({tables.MONTH_FULL})(?![\w-])")
def _bare_month(m: re.Match[str], doc: _Doc) -> _Hit | None:
    before, after = doc.word_before(m.start()), doc.word_after(m.end())
    if m[2] == "May" and not m[1] and before not in tables.YEAR_CUES | tables.YEAR_JOINERS:
        return None  # the modal verb at the start of a sentence
    if not m[1] and after[:1].isupper() and before not in tables.YEAR_CUES:
        return None  # a name: "August Busch", "June Carter"
    month = month_number(m[2])
    year = _month_year(month, doc.dct, doc.is_future(m.start()), (m[1] or "").lower())
    return _month(m.start(), m.end(), year, month)


# -- rules: days and times of day ------------------------------------------------------------------


def _weekday_date(weekday: int, dct: date, shift: str, future: bool) -> date:
    back = (dct.weekday() - weekday) % 7
    ahead = (weekday - dct.weekday()) % 7
    if shift == "last":
        return dct - timedelta(days=back or 7)
    if shift in ("next", "coming"):
        return dct + timedelta(days=ahead or 7)
    if shift == "this":
        return _week_start(dct) + timedelta(days=weekday)
    return dct + timedelta(days=ahead) if future else dct - timedelta(days=back)


def _with_part(hit: _Hit, part: str | None, end: int) -> _Hit:
    """Add a part of the day ("Friday morning") to a day: a TIME on that day."""
    if not part:
        return hit
    code = tables.DAY_PARTS[part.lower()]
    return _Hit(hit.start, end, TIME, f"{hit.value}T{code}", hit.first, hit.last, hit.precision)


@_rule(
    rf"(?<!\w)(?:((?i:last|next|this|past|coming))\s+)?({tables.WEEKDAY})(?:\s+(morning|afternoon|evening|night))?(?![\w])"
)
def _weekday(m: re.Match[str], doc: _Doc) -> _Hit | None:
    weekday = tables.WEEKDAYS[m[2].lower()]
    if doc.dct is None:
        hit = _Hit(m.start(), m.end(2), DATE, f"XXXX-WXX-{weekday + 1}")
    else:
        day = _weekday_date(weekday, doc.dct, (m[1] or "").lower(), doc.is_future(m.start()))
        hit = _Hit(m.start(), m.end(2), DATE, day.isoformat(), day, day, Precision.DAY)
    return _with_part(hit, m[3], m.end())


@_rule(r"(?<!\w)(?:the\s+same\s+day|(?:the|that)\s+day)(?![\w-])", re.IGNORECASE)
def _that_day(m: re.Match[str], doc: _Doc) -> _Hit | None:
    # Resolved after selection, against the last day named before it (or the DCT).
    return _Hit(m.start(), m.end(), DATE, "ANAPHORIC_DAY")


_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


@_rule(
    r"(?:(earlier|later)\s+)?(today|tonight|yesterday|tomorrow)(?:\s+(morning|afternoon|evening|night))?(?![\w-])",
    re.IGNORECASE,
)
def _day_word(m: re.Match[str], doc: _Doc) -> _Hit | None:
    word = m[2].lower()
    day = None if doc.dct is None else doc.dct + timedelta(days=_DAY_OFFSETS[word])
    hit = _day(m, day)
    return _with_part(hit, m[3] or ("tonight" if word == "tonight" else None), m.end())


@_rule(r"(this|last)\s+(morning|afternoon|evening|night)(?!\w)", re.IGNORECASE)
def _this_morning(m: re.Match[str], doc: _Doc) -> _Hit | None:
    # "last night" is the night before the report; "last morning" is not English and is not matched.
    if m[1].lower() == "last" and m[2].lower() != "night":
        return None
    shift = -1 if m[1].lower() == "last" else 0
    day = None if doc.dct is None else doc.dct + timedelta(days=shift)
    return _with_part(_day(m, day), m[2], m.end())


_MERIDIEM = r"(?:a\.m\.?|p\.m\.?|am|pm)"
_ZONE = rf"(?:\s*\(?{tables.TIME_ZONE}(?:\s*[+-]\s*\d{{1,2}}(?::?\d\d)?)?\)?)"


@_rule(
    rf"(?<![\w:.])(\d{{1,2}})(?:[:.](\d\d))?\s*({_MERIDIEM})(?![\w]){_ZONE}?"
    rf"|(?<![\w:.])(\d{{1,2}}):(\d\d)(?![\w:]|\.\d)(?:\s*({_MERIDIEM})(?!\w))?{_ZONE}?"
    rf"|(?<![\w:.])([01]\d|2[0-3])([0-5]\d)\s*(?:hours|hrs|{_ZONE})(?!\w)"
    r"|(?<!\w)(noon|midday|midnight)(?!\w)",
    re.IGNORECASE,
)
def _clock_time(m: re.Match[str], doc: _Doc) -> _Hit | None:
    if m[9]:
        hour, minute = (24 if m[9].lower() == "midnight" else 12), 0
    else:
        hour = int(m[1] or m[4] or m[7])
        minute = int(m[2] or m[5] or m[8] or 0)
        meridiem = (m[3] or m[6] or "").lower()
        if hour > 23 or minute > 59 or (meridiem and not 1 <= hour <= 12):
            return None
        if meridiem.startswith("p") and hour < 12:
            hour += 12
        elif meridiem.startswith("a") and hour == 12:
            hour = 0
    # UTC and GMT are written Z; a zone with an offset ("GMT +8") is left out rather than guessed.
    zone = "Z" if re.search(r"\b(?:UTC|GMT)\b(?!\s*[+-])", m[0], re.IGNORECASE) else ""
    clock = f"T{hour:02d}:{minute:02d}{zone}"
    if doc.dct is None:
        return _Hit(m.start(), m.end(), TIME, "XXXX-XX-XX" + clock)
    return _Hit(m.start(), m.end(), TIME, doc.dct.isoformat() + clock, doc.dct, doc.dct, Precision.DAY)


# -- rules: references, durations and sets ---------------------------------------------------------


@_rule(
    r"(?<![\w-])(?:(?:very|more|as)\s+)?(now|currently|nowadays|recently|lately|soon|these days)(?![\w-])"
    r"|(?<=\b[Aa]t )(present|the moment)(?!\w)|(?<=\b[Ff]or )(the time being)(?!\w)"
    r"|(?:(?<=\bin )|(?<=\bof ))(the past|the (?:near )?future)(?![\w-])"
    r"|(?:(?<=\bin )|(?<=\bover )|(?<=\bfor ))(the (?:long|short|near|medium) term)(?![\w-])",
    re.IGNORECASE,
)
def _reference(m: re.Match[str], doc: _Doc) -> _Hit | None:
    phrase = next(g for g in m.groups() if g).lower()
    phrase = {"the long term": "the future", "the near term": "the future", "the medium term": "the future"}.get(
        phrase, phrase
    )
    if phrase == "soon" and m[0].lower().startswith("as "):
        return None  # "as soon as" is a conjunction
    value = tables.REFERENCES[phrase]
    if value == "PRESENT_REF" and doc.dct is not None:
        return _Hit(m.start(), m.end(), DATE, value, doc.dct, doc.dct, Precision.DAY)
    return _Hit(m.start(), m.end(), DATE, value)


_MODIFIER = tables.DURATION_MODIFIER


@_rule(rf"(?<![\w$£€¥.,-]){_MODIFIER}?({tables.NUMBER}|{tables.VAGUE})[\s-]+({tables.UNIT})\s+ago(?!\w)", re.I)
def _ago(m: re.Match[str], doc: _Doc) -> _Hit | None:
    count = tables.parse_count(m[1])
    unit = m[2].lower().rstrip("s").replace("centurie", "century")
    if count is None or doc.dct is None:
        return _Hit(m.start(), m.end(), DATE, "PAST_REF")
    n, dct = int(count), doc.dct
    if unit in ("year", "yr", "decade", "century"):
        years = n * tables.UNITS[unit][1]
        if unit == "decade":
            decade = (dct.year - years) // 10
            return _Hit(
                m.start(), m.end(), DATE, str(decade), date(decade * 10, 1, 1), date(decade * 10 + 9, 12, 31),
                Precision.DECADE,
            )  # fmt: skip
        return _year(m.start(), m.end(), dct.year - years)
    if unit == "month":
        year, month = _add_months(dct.year, dct.month, -n)
        return _month(m.start(), m.end(), year, month)
    days = {"week": 7, "fortnight": 14, "day": 1}.get(unit, 0) * n
    return _day(m, dct - timedelta(days=days))


@_rule(
    rf"(?<![\w$£€¥.,-]){_MODIFIER}?(?:({tables.NUMBER}|{tables.VAGUE})[\s-]+(?:(?:straight|consecutive|full|more|"
    rf"trading|working|business|calendar)\s+)?({tables.UNIT})(?:[\s-]+(?:long|old))?"
    rf"|(?:the\s+)?(years|decades|months|weeks)(?:-long)?|recent\s+(years|decades|months|weeks))(?![\w-])",
    re.IGNORECASE,
)
def _duration(m: re.Match[str], doc: _Doc) -> _Hit | None:
    if m[4]:
        return _Hit(m.start(), m.end(), DURATION, tables.duration_value(None, m[4]))
    if m[3]:
        # A bare plural ("for years") is a duration only after a preposition that measures time.
        if doc.word_before(m.start()) not in ("for", "over", "in", "within") and not m[0].endswith("-long"):
            return None
        if m[0].lower().startswith("the") and doc.word_before(m.start()) != "over":
            return None
        return _Hit(m.start(), m.end(), DURATION, tables.duration_value(None, m[3]))
    words = m[1].lower()
    count = None if words in tables.VAGUE_COUNTS else tables.parse_count(words)
    if count is None and words not in tables.VAGUE_COUNTS:
        return None
    unit = m[2].lower()
    if unit.startswith("second") and words in ("a", "an"):
        return None  # "a second time" counts occasions, not seconds
    is_bare = re.fullmatch(r"\S+[\s-]+quarters?", m[0]) is not None
    if unit.startswith("quarter") and (words in ("a", "an", "one") or (is_bare and doc.word_after(m.end()) == "of")):
        return None  # "a quarter of the staff", "three quarters of voters" are fractions
    if words in ("a", "an", "one") and doc.word_before(m.start()) in ("per", "every", "each"):
        return None
    if words in ("a", "an") and re.search(
        r"(?:\d|illion|thousand|times|twice|once|%)\W*$", doc.text[max(0, m.start() - 20) : m.start()]
    ):
        return None  # "$5 a year", "twice a day": the set rule reads these
    return _Hit(m.start(), m.end(), DURATION, tables.duration_value(count, m[2]))


@_rule(
    rf"(?:(?:every|each|per)\s+(?:(other)\s+|({tables.NUMBER})\s+)?|(?:once|twice|thrice|\w+\s+times)\s+(?:a|an|per|every)\s+)"
    r"(year|month|week|day|quarter|hour|minute|morning|evening|night|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?(?!\w)",
    re.IGNORECASE,
)
def _every(m: re.Match[str], doc: _Doc) -> _Hit | None:
    unit = m[3].lower()
    count = 2.0 if m[1] else tables.parse_count(m[2]) if m[2] else 1.0
    if unit in tables.WEEKDAYS:
        return _Hit(m.start(), m.end(), SET, f"XXXX-WXX-{tables.WEEKDAYS[unit] + 1}")
    if unit in tables.DAY_PARTS:
        return _Hit(m.start(), m.end(), SET, f"TXX{tables.DAY_PARTS[unit]}")
    return _Hit(m.start(), m.end(), SET, tables.duration_value(count, unit))


@_rule(r"(?<![\w-])(?:an?|per)\s+(year|month|week|day)(?!\w)", re.IGNORECASE)
def _rate(m: re.Match[str], doc: _Doc) -> _Hit | None:
    # "$5 billion a year", "10% a month": a rate after money or a count is a set.
    if not re.search(r"(?:\d|illion|thousand|percent|%)\W*$", doc.text[max(0, m.start() - 20) : m.start()]):
        return None
    return _Hit(m.start(), m.end(), SET, tables.duration_value(1, m[1]))


@_rule(r"(?<![\w-])(" + "|".join(tables.SET_WORDS) + r")(?![\w-])")
def _set_word(m: re.Match[str], doc: _Doc) -> _Hit | None:
    return _Hit(m.start(), m.end(), SET, tables.SET_WORDS[m[1]])


# -- assembling --------------------------------------------------------------------------------------


def _select(hits: list[_Hit], size: int) -> list[_Hit]:
    """The longest hits that do not overlap, in text order; on a tie the earlier rule wins."""
    chosen: list[_Hit] = []
    taken = bytearray(size)
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if not any(taken[hit.start : hit.end]):
            chosen.append(hit)
            taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
    return sorted(chosen, key=lambda h: h.start)


_CLOCK_VALUE = re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}T\d")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d$")


def _resolve_anaphora(hits: list[_Hit], dct: date | None) -> list[_Hit]:
    """ "the day", "that day": the last day named before it, else the DCT."""
    out: list[_Hit] = []
    last_day: _Hit | None = None
    for hit in hits:
        if hit.value == "ANAPHORIC_DAY":
            if last_day is not None:
                hit = _Hit(hit.start, hit.end, DATE, last_day.value, last_day.first, last_day.last, Precision.DAY)
            elif dct is not None:
                hit = _Hit(hit.start, hit.end, DATE, dct.isoformat(), dct, dct, Precision.DAY)
            else:
                hit = _Hit(hit.start, hit.end, DATE, "XXXX-XX-XX")
        elif _DAY_VALUE.match(hit.value):
            last_day = hit
        out.append(hit)
    return out


def _anchor_times(hits: list[_Hit], text: str) -> list[_Hit]:
    """Put a clock time on the day its sentence names ("3 p.m. Tuesday", "on Monday ... at 15:00")."""
    out: list[_Hit] = []
    skip = -1
    for index, hit in enumerate(hits):
        if index == skip:
            continue
        if hit.type is not TIME or not _CLOCK_VALUE.match(hit.value):
            out.append(hit)
            continue
        clock = hit.value[10:]
        days = [
            h
            for h in hits[max(0, index - 8) : index + 8]  # the sentence's neighbours
            if _DAY_VALUE.match(h.value)
            and not re.search(r"[.!?]\s", text[min(h.end, hit.start) : max(h.start, hit.end)])
        ]
        following = hits[index + 1] if index + 1 < len(hits) else None
        if following in days and following and re.fullmatch(r"\s+(?:on\s+)?", text[hit.end : following.start]):
            # "16:00 UTC today" is one expression: the clock on that day.
            out.append(
                _Hit(
                    hit.start,
                    following.end,
                    TIME,
                    following.value + clock,
                    following.first,
                    following.last,
                    Precision.DAY,
                )
            )
            skip = index + 1
        elif days:
            day = min(days, key=lambda h: abs(h.start - hit.start))
            out.append(_Hit(hit.start, hit.end, TIME, day.value + clock, day.first, day.last, Precision.DAY))
        else:
            out.append(hit)
    return out


def find_time_expressions(text: str, dct: date | None) -> tuple[TimeExpression, ...]:
    """Every time expression in text, in order, non-overlapping, normalized against the document
    creation date (publication date) dct."""
    doc = _Doc(text, dct)
    masked = bytearray(len(text))
    for m in tables.NOT_DATES.finditer(text):
        masked[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    hits: list[_Hit] = []
    for pattern, handler in _RULES:
        for match in pattern.finditer(text):
            hit = handler(match, doc)
            if hit is None or hit.start == hit.end:
                continue
            if any(masked[hit.start : hit.end]):
                continue
            hits.append(hit)
    selected = _anchor_times(_resolve_anaphora(_select(hits, len(text)), dct), text)
    return tuple(
        TimeExpression(
            span=Span(start=h.start, end=h.end),
            text=text[h.start : h.end],
            type=h.type,
            value=h.value,
            range_start=h.first,
            range_end=h.last,
            precision=h.precision,
        )
        for h in selected
    )
