"""Tests for the time-expression stage: recognition, TIMEX3 values and ranges, and offsets."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.model import Precision, TimeExpression, TimexType
from newsledger.stages.timex import find_time_expressions

DCT = date(2024, 9, 14)  # a Saturday


def only(text: str, dct: date | None = DCT) -> TimeExpression:
    found = find_time_expressions(text, dct)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


def summary(text: str, dct: date | None = DCT) -> tuple[str, str, date | None, date | None, Precision | None]:
    t = only(text, dct)
    return t.text, t.value, t.range_start, t.range_end, t.precision


# -- months, years and parts of them ---------------------------------------------------------------


def test_month_without_year_is_latest_not_after_dct() -> None:
    assert summary("The talks broke down in August.") == (
        "August",
        "2024-08",
        date(2024, 8, 1),
        date(2024, 8, 31),
        Precision.MONTH,
    )


def test_month_later_than_dct_month_is_last_year() -> None:
    assert only("The plant closed in November.").value == "2023-11"


def test_month_never_copies_dct_day() -> None:
    t = only("in September", date(2024, 9, 14))
    assert (t.value, t.range_start, t.range_end) == ("2024-09", date(2024, 9, 1), date(2024, 9, 30))


def test_month_in_future_sentence_is_next_one() -> None:
    assert only("The election will be held in March.").value == "2025-03"


def test_month_may_as_verb_is_not_a_date() -> None:
    assert find_time_expressions("May the talks succeed.", DCT) == ()


def test_relative_year_last_this_next() -> None:
    assert summary("last year") == ("last year", "2023", date(2023, 1, 1), date(2023, 12, 31), Precision.YEAR)
    assert only("this year").value == "2024"
    assert only("next year").value == "2025"


def test_relative_month_and_week() -> None:
    assert summary("last month") == ("last month", "2024-08", date(2024, 8, 1), date(2024, 8, 31), Precision.MONTH)
    assert summary("next week") == ("next week", "2024-W38", date(2024, 9, 16), date(2024, 9, 22), Precision.WEEK)
    assert summary("last week")[1:4] == ("2024-W36", date(2024, 9, 2), date(2024, 9, 8))
    assert summary("this week")[1:4] == ("2024-W37", date(2024, 9, 9), date(2024, 9, 15))


def test_earlier_and_later_this_month() -> None:
    assert summary("earlier this month") == (
        "earlier this month",
        "2024-09",
        date(2024, 9, 1),
        DCT,
        Precision.PART_OF_MONTH,
    )
    assert summary("later this month")[2:] == (DCT, date(2024, 9, 30), Precision.PART_OF_MONTH)


def test_part_of_month_early_mid_late() -> None:
    assert summary("early September 2024") == (
        "early September 2024",
        "2024-09",
        date(2024, 9, 1),
        date(2024, 9, 10),
        Precision.PART_OF_MONTH,
    )
    assert summary("mid-September")[2:4] == (date(2024, 9, 11), date(2024, 9, 20))
    assert summary("late September")[2:4] == (date(2024, 9, 21), date(2024, 9, 30))


def test_part_of_year_early_mid_late() -> None:
    assert summary("early 2024") == ("early 2024", "2024", date(2024, 1, 1), date(2024, 4, 30), Precision.PART_OF_YEAR)
    assert summary("mid-2024")[2:4] == (date(2024, 5, 1), date(2024, 8, 31))
    assert summary("late 2024")[2:4] == (date(2024, 9, 1), date(2024, 12, 31))


@pytest.mark.parametrize(
    "text",
    ["14 September 2024", "September 14, 2024", "on 14 September", "Sept. 14", "2024-09-14", "14/09/2024"],
)
def test_full_date_common_formats(text: str) -> None:
    t = only(f"The strike happened {text}.")
    assert (t.value, t.range_start, t.range_end, t.precision) == ("2024-09-14", DCT, DCT, Precision.DAY)
    assert t.text == text.removeprefix("on ")


def test_numeric_date_ambiguous_takes_reading_nearest_dct() -> None:
    assert only("on 09/10/2024").value == "2024-09-10"
    assert only("on 09/10/2024", None).value == "2024-09-10"  # month first without a DCT


def test_half_year() -> None:
    assert summary("in the first half of 2009") == (
        "the first half of 2009",
        "2009-H1",
        date(2009, 1, 1),
        date(2009, 6, 30),
        Precision.PART_OF_YEAR,
    )


def test_season_name_in_proper_noun_is_not_a_date() -> None:
    assert find_time_expressions("The Summer Olympics opened.", DCT) == ()


def test_month_and_year() -> None:
    assert summary("in September 2023") == (
        "September 2023",
        "2023-09",
        date(2023, 9, 1),
        date(2023, 9, 30),
        Precision.MONTH,
    )


def test_year_after_cue_word() -> None:
    assert summary("It began in 2023.") == ("2023", "2023", date(2023, 1, 1), date(2023, 12, 31), Precision.YEAR)
    assert only("since 1979").value == "1979"


def test_historical_dates_keep_their_own_year() -> None:
    assert only("on 15 August 2021").value == "2021-08-15"
    assert only("the revolution in 1979").value == "1979"


def test_decades() -> None:
    assert summary("in the 1990s") == ("the 1990s", "199", date(1990, 1, 1), date(1999, 12, 31), Precision.DECADE)
    assert only("the 2010s").value == "201"


def test_century() -> None:
    assert summary("the 20th century")[1:] == ("19", date(1900, 1, 1), date(1999, 12, 31), Precision.CENTURY)


def test_seasons() -> None:
    assert summary("last summer") == ("last summer", "2024-SU", date(2024, 6, 1), date(2024, 8, 31), Precision.SEASON)
    assert summary("in spring 2023") == (
        "spring 2023",
        "2023-SP",
        date(2023, 3, 1),
        date(2023, 5, 31),
        Precision.SEASON,
    )


def test_quarters() -> None:
    expected = ("2024-Q3", date(2024, 7, 1), date(2024, 9, 30), Precision.QUARTER)
    assert summary("in the third quarter of 2024") == ("the third quarter of 2024", *expected)
    assert summary("Q3 2024") == ("Q3 2024", *expected)


# -- days ------------------------------------------------------------------------------------------


def test_weekday_is_latest_on_or_before_dct() -> None:
    assert summary("Officials met on Tuesday.") == (
        "Tuesday",
        "2024-09-10",
        date(2024, 9, 10),
        date(2024, 9, 10),
        Precision.DAY,
    )


def test_weekday_equal_to_dct_weekday_is_dct() -> None:
    assert only("on Saturday").value == "2024-09-14"


def test_next_weekday_is_following_one() -> None:
    assert summary("next Tuesday")[:2] == ("next Tuesday", "2024-09-17")


@pytest.mark.parametrize(
    ("text", "value"),
    [("yesterday", "2024-09-13"), ("today", "2024-09-14"), ("tomorrow", "2024-09-15")],
)
def test_day_words(text: str, value: str) -> None:
    t = only(text)
    assert (t.type, t.value, t.precision) == (TimexType.DATE, value, Precision.DAY)
    assert t.range_start == t.range_end == date.fromisoformat(value)


def test_tonight_and_this_morning_are_times_on_dct() -> None:
    assert (only("tonight").value, only("tonight").type) == ("2024-09-14TNI", TimexType.TIME)
    t = only("this morning")
    assert (t.value, t.range_start, t.precision) == ("2024-09-14TMO", DCT, Precision.DAY)


def test_now_is_present_ref_on_dct() -> None:
    for text in ("now", "currently"):
        assert summary(text) == (text, "PRESENT_REF", DCT, DCT, Precision.DAY)


def test_past_and_future_refs_have_no_range() -> None:
    assert summary("recently") == ("recently", "PAST_REF", None, None, None)
    assert summary("as happened in the past")[:2] == ("the past", "PAST_REF")
    assert summary("in the future")[:2] == ("the future", "FUTURE_REF")


def test_ago_is_a_date() -> None:
    assert summary("20 years ago") == ("20 years ago", "2004", date(2004, 1, 1), date(2004, 12, 31), Precision.YEAR)
    assert summary("three days ago")[1:] == ("2024-09-11", date(2024, 9, 11), date(2024, 9, 11), Precision.DAY)


# -- durations, sets, times ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("20 years", "20 years", "P20Y"),
        ("three days", "three days", "P3D"),
        ("Three days", "Three days", "P3D"),
        ("for two weeks", "two weeks", "P2W"),
        ("a decade", "a decade", "P10Y"),
        ("a six-month truce", "six-month", "P6M"),
        ("twenty-five years", "twenty-five years", "P25Y"),
        ("12-hour", "12-hour", "PT12H"),
    ],
)
def test_durations(text: str, span: str, value: str) -> None:
    assert summary(text) == (span, value, None, None, None)
    assert only(text).type is TimexType.DURATION


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("every year", "P1Y"),
        ("annually", "P1Y"),
        ("each month", "P1M"),
        ("weekly", "P1W"),
        ("$5 billion a year", "P1Y"),
    ],
)
def test_sets(text: str, value: str) -> None:
    t = only(text)
    assert (t.type, t.value, t.range_start, t.range_end) == (TimexType.SET, value, None, None)


def test_clock_times_anchor_to_dct() -> None:
    t = only("The blast came at 3 p.m.")
    assert (t.text, t.type, t.value, t.range_start, t.precision) == (
        "3 p.m.",
        TimexType.TIME,
        "2024-09-14T15:00",
        DCT,
        Precision.DAY,
    )
    assert only("15:00 GMT").value == "2024-09-14T15:00Z"


def test_clock_time_takes_day_of_its_sentence() -> None:
    found = find_time_expressions("On Tuesday the shelling began at 15:00.", DCT)
    assert [(t.text, t.value) for t in found] == [("Tuesday", "2024-09-10"), ("15:00", "2024-09-10T15:00")]


# -- no DCT -----------------------------------------------------------------------------------------


def test_no_dct_relative_values_have_x_and_no_range() -> None:
    assert summary("in August", None) == ("August", "XXXX-08", None, None, None)
    assert summary("on 6 June", None) == ("6 June", "XXXX-06-06", None, None, None)
    assert only("last year", None).value == "XXXX"


def test_no_dct_absolute_dates_keep_range() -> None:
    assert summary("on 14 September 2024", None)[1:] == ("2024-09-14", DCT, DCT, Precision.DAY)


# -- things that are not dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "as shown before [1, 2].",
        "see [12] and [2019]",
        "It cost $2024.",
        "2,024 troops crossed.",
        "300 missiles were fired.",
        "2023 soldiers were deployed.",
        "Install version 2.3.1 now",
        "Call (202) 555-2024 for details.",
        "ISBN 978-3-16-148410-0",
        "a 2000 km front",
    ],
)
def test_not_dates_citations_money_quantities(text: str) -> None:
    assert all(t.type is not TimexType.DATE or not t.value[:1].isdigit() for t in find_time_expressions(text, DCT))


def test_year_followed_by_unit_noun_is_not_year() -> None:
    assert find_time_expressions("They sent 2023 soldiers and 1999 tanks.", DCT) == ()


# -- invariants ------------------------------------------------------------------------------------------

FRAGMENTS = [
    "in August",
    "[1, 2]",
    "[12]",
    "2024",
    "on Tuesday",
    "last year",
    "three days ago",
    "$2024",
    "2,024 troops",
    "the 1990s",
    "early September 2024",
    "14/09/2024",
    "at 3 p.m.",
    "every week",
    "now",
    "-",
    ",",
    ".",
    "\n",
]


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(
        st.sampled_from(FRAGMENTS) | st.text(alphabet="0123456789 ,./-:[]$aAmpM'", max_size=12), max_size=12
    ),
    dct=st.none() | st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
)
def test_find_time_expressions_spans_quote_text_sorted_disjoint(parts: list[str], dct: date | None) -> None:
    text = " ".join(parts)
    found = find_time_expressions(text, dct)
    for t in found:
        assert text[t.span.start : t.span.end] == t.text != ""
        assert (t.range_start is None) == (t.range_end is None)
        if t.range_start is not None and t.range_end is not None:
            assert t.range_start <= t.range_end
        if t.type in (TimexType.DURATION, TimexType.SET):
            assert t.range_start is None
    for first, second in zip(found, found[1:], strict=False):
        assert first.span.end <= second.span.start
