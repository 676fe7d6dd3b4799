"""Word tables for the time-expression recognizer: months, weekdays, numbers, units and cue words."""

from __future__ import annotations

import re


def _words(text: str) -> list[str]:
    return text.split()


MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# Full names are capitalized in news copy; requiring the capital keeps "may" and "march" the verbs out.
MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# Abbreviations only ever count next to a day or a year, where they cannot be anything else.
MONTH_ANY = MONTH_FULL[:-1] + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# TIMEX3 parts of the day.
DAY_PARTS: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
}

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

_SMALL = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
)
_TENS = _words("twenty thirty forty fifty sixty seventy eighty ninety")

NUMBER_WORDS: dict[str, int] = {word: n for n, word in enumerate(_SMALL)}
NUMBER_WORDS.update({word: 20 + 10 * n for n, word in enumerate(_TENS)})
NUMBER_WORDS.update({"a": 1, "an": 1, "one": 1, "single": 1, "hundred": 100, "a hundred": 100})
NUMBER_WORDS.update({"a couple of": 2, "a dozen": 12, "dozen": 12})

# Vague counts: TIMEX3 writes their number as X ("several years" -> PXY).
VAGUE_COUNTS = frozenset({"several", "many", "a few", "few", "some", "a number of", "numerous"})

_WORDS = sorted(NUMBER_WORDS, key=len, reverse=True)
NUMBER = (
    r"(?:\d+(?:\.\d+)?"
    rf"|(?:{'|'.join(_TENS)})[\s-](?:{'|'.join(_SMALL[1:10])})"
    r"|(?:" + "|".join(w for w in _WORDS if w not in ("a", "an")) + r")(?:\s+and\s+a\s+half)?"
    r"|an?)"
)
VAGUE = r"(?:" + "|".join(sorted(VAGUE_COUNTS, key=len, reverse=True)) + r")"

# unit -> (TIMEX3 letter, multiplier, whether it goes after the T)
UNITS: dict[str, tuple[str, int, bool]] = {
    "year": ("Y", 1, False),
    "yr": ("Y", 1, False),
    "month": ("M", 1, False),
    "week": ("W", 1, False),
    "fortnight": ("W", 2, False),
    "day": ("D", 1, False),
    "decade": ("Y", 10, False),
    "century": ("Y", 100, False),
    "quarter": ("Q", 1, False),
    "hour": ("H", 1, True),
    "minute": ("M", 1, True),
    "second": ("S", 1, True),
}
UNIT = r"(?:year|yr|month|week|fortnight|day|decade|centur(?:y|ie)|quarter|hour|minute|second)s?"

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "final": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
ORDINAL = r"(?:first|second|third|fourth|final|1st|2nd|3rd|4th)"

CENTURY_ORDINALS: dict[str, int] = {
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty first": 21,
}

# Words that make a following four-digit number a year ("in 2023", "since 1979").
YEAR_CUES = frozenset(
    _words(
        "in since by of until till from during year between before after around circa early late mid "
        "fiscal fy spring summer autumn fall winter through into"
    )
)
# Determiners before an adjectival year: "the 2008 season", "its 2007 results".
YEAR_DETERMINERS = frozenset(_words("the its his her their our this that a an"))
# Words joining two years: the second is a year when the first was ("between 2014 and 2016").
YEAR_JOINERS = frozenset({"and", "or", "to", "through", "-", "–"})

# A number followed by one of these counts things; it is never a year.
UNIT_NOUNS = frozenset(
    _words(
        "troops soldiers people persons men women children workers employees jobs staff residents "
        "civilians casualties deaths dead killed injured wounded victims refugees migrants prisoners "
        "votes voters seats members students patients cases units vehicles cars trucks tanks aircraft "
        "planes jets missiles rockets drones shells bombs rounds systems ships vessels boats weapons "
        "guns rifles km kilometres kilometers miles metres meters feet ft m kg tonnes tons pounds lbs "
        "barrels litres liters gallons dollars euros pounds yen yuan rupees points shares stores "
        "dealerships plants factories homes houses buildings hectares acres calories words pages "
        "copies items products sites locations branches hospitals schools villages towns cities "
        "times percent per cent %"
    )
)

# Words before an expression that say the sentence looks ahead, so a bare month or weekday is the next one.
FUTURE_CUES = re.compile(
    r"(?:\b(?:will|won't|shall|should|going\s+to|upcoming|next)\b|'ll\b"
    r"|\b(?:plans?|planned|intends?|wants?|expects?|expected|aims?|hopes?|set|due|scheduled|slated)\s+(?:to|for)\b)",
    re.IGNORECASE,
)

# Adverbs and adjectives of frequency -> TIMEX3 SET value.
SET_WORDS: dict[str, str] = {
    "annually": "P1Y",
    "yearly": "P1Y",
    "annual": "P1Y",
    "monthly": "P1M",
    "weekly": "P1W",
    "daily": "P1D",
    "nightly": "P1D",
    "hourly": "PT1H",
    "quarterly": "P1Q",
    "biannual": "P6M",
    "biennial": "P2Y",
}

# Time zones whose offset is zero are written Z in TIMEX3.
UTC_ZONES = frozenset({"UTC", "GMT", "Z"})
TIME_ZONE = r"(?:UTC|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|EET|EEST|IST|JST|AEST|AEDT|Z)"

# Regions that look like numbers but are citations, money, versions, phones, ISBNs or counts.
NOT_DATES = re.compile(
    r"\[\s*\d+(?:\s*[,;–-]\s*\d+)*\s*\]"
    r"|(?:US|A|C|NZ|HK)?[$£€¥]\s?\d[\d,.]*"
    r"|\b[vV]?\d+(?:\.\d+){2,}\b|(?i:\bversion\s+\S+)"
    r"|\+?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"
    r"|(?i:ISBN(?:-1[03])?:?\s*[\dXx][\d\sXx-]{8,16}[\dXx])"
    r"|\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b"
)

# Words that hedge or bound a count and belong to the duration's extent ("nearly five months").
DURATION_MODIFIER = (
    r"(?:(?:about|around|some|nearly|almost|approximately|roughly|over|under|more\s+than|less\s+than"
    r"|at\s+least|at\s+most|up\s+to|just|only|another"
    r"|the\s+(?:past|last|next|first|coming|previous|following|final))\s+)"
)

# Vague references to the present, past and future (TIMEX3 PRESENT_REF, PAST_REF, FUTURE_REF).
REFERENCES: dict[str, str] = {
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "present": "PRESENT_REF",
    "the time being": "PRESENT_REF",
    "the moment": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "soon": "FUTURE_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the long term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the medium term": "FUTURE_REF",
}


def parse_count(word: str) -> float | None:
    """The value of a count in digits or words; None when the count is vague ("several")."""
    word = re.sub(r"\s+", " ", word.lower().replace("-", " ")).strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    half = word.endswith(" and a half")
    word = word.removesuffix(" and a half")
    if word in NUMBER_WORDS:
        base = float(NUMBER_WORDS[word])
    elif " " in word and all(part in NUMBER_WORDS for part in word.split(" ", 1)):
        tens, ones = word.split(" ", 1)
        base = float(NUMBER_WORDS[tens] + NUMBER_WORDS[ones])
    else:
        return None
    return base + 0.5 if half else base


def duration_value(count: float | None, unit: str) -> str:
    """A TIMEX3 duration: (3, "days") -> P3D, (2, "hours") -> PT2H, (None, "years") -> PXY."""
    unit = unit.lower().rstrip("s").replace("centurie", "century")
    letter, factor, is_clock = UNITS[unit]
    if count is None:
        amount = "X"
    else:
        scaled = count * factor
        amount = str(int(scaled)) if scaled == int(scaled) else f"{scaled:g}"
    return f"PT{amount}{letter}" if is_clock else f"P{amount}{letter}"


def full_year(digits: str) -> int:
    """A four-digit year from two or four digits."""
    year = int(digits)
    # Two-digit years: '07 is 2007 and '82 is 1982, the pivot most news archives use.
    if len(digits) == 2:
        return 2000 + year if year < 50 else 1900 + year
    return year
