"""The publication date that a plain-text article prints in its first lines, when nothing else gives one.

Feeds and saved pages often carry the date as a line of their own above or below the headline: "December 16,
2008", "Updated: November 11, 2011 20:09 IST", "Published on: Fri, 11 Nov 2011 at 09:56 IST", "TNN Nov 12, 2011,
05.51AM IST MUMBAI:". Such a line is a full date (day, month and a four-digit year) with nothing else but times,
weekdays, time zones, words such as "updated" or "posted", and upper-case wire or place codes. A headline or a
sentence that names a date ("Remembering September 11, 2001", "On June 3, 2010, the army ...") is not such a
line, and a numeric date ("12/16/08") is left alone: its order of day and month is not known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from newsledger.stages.timex import month_number, safe_date
from newsledger.stages.timex_tables import MONTH_ANY, MONTHS, WEEKDAYS

# How far down the text a date line may stand, and how long it may be.
FIRST_LINES = 5
MAX_LINE_CHARS = 120

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_MONTH = r"(?P<month>" + MONTH_ANY + r")"
_DATES = (
    re.compile(_MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.IGNORECASE),
    re.compile(r"\b" + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE),
)
_TIME = re.compile(r"\b\d{1,2}(?:[:.]\s?\d\d){0,2}\s?(?:[ap]\.?m\.?)?(?=\W|$)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w.'’-]*")
# Words a date line may hold besides the date, with weekdays and months (also abbreviated).
_LINE_WORDS = frozenset(
    [
        "updated",
        "update",
        "published",
        "posted",
        "last",
        "modified",
        "on",
        "at",
        "by",
        "date",
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "hrs",
        "hours",
        "ist",
        "est",
        "edt",
        "cst",
        "cdt",
        "pst",
        "pdt",
        "mst",
        "mdt",
        "gmt",
        "bst",
        "cet",
        "cest",
        "utc",
        "et",
        "pt",
        "local",
        "time",
    ]
)
_WEEKDAY_WORDS = frozenset(WEEKDAYS) | frozenset(w[:3] for w in WEEKDAYS) | {"tues", "thur", "thurs"}


def published_in_text(lines: Sequence[str]) -> date | None:
    """The first date line among the text's first lines, as a date; None when there is none."""
    for line in lines[:FIRST_LINES]:
        if len(line) > MAX_LINE_CHARS:
            continue
        found = _date_line(line)
        if found is not None:
            return found
    return None


def _date_line(line: str) -> date | None:
    for pattern in _DATES:
        m = pattern.search(line)
        if m is None:
            continue
        day = safe_date(int(m["year"]), month_number(m["month"]), int(m["day"]))
        if day is None:
            continue
        rest = _TIME.sub(" ", line[: m.start()] + " " + line[m.end() :])
        if all(_line_word(word) for word in _WORD.findall(rest)):
            return day
    return None


def _line_word(word: str) -> bool:
    folded = word.casefold().rstrip(".:,")
    if folded in _LINE_WORDS or folded in _WEEKDAY_WORDS or folded in MONTHS:
        return True
    # An agency, a time zone or a dateline place in capitals ("TNN", "IST", "MUMBAI").
    return word.isupper()
