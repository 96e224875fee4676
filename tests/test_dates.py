"""Dates of the regulations: Civil Code month arithmetic, full months and years, parsing."""

import calendar
from datetime import UTC, date, datetime, timedelta

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvien.dates import (
    add_months,
    days_in_month,
    format_date_vn,
    full_months,
    full_years,
    parse_date,
    today_vn,
)

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
MONTHS = st.integers(min_value=-1200, max_value=1200)


# --- add_months ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("anchor", "months", "expected"),
    [
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2023, 3, 31), 1, date(2023, 4, 30)),
        (date(2023, 6, 8), 0, date(2023, 6, 8)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 1, 15), -1, date(2023, 12, 15)),
        (date(2023, 12, 31), 2, date(2024, 2, 29)),
        (date(2005, 8, 31), 216, date(2023, 8, 31)),
    ],
)
def test_add_months_hand_computed(anchor, months, expected):
    """Adding months keeps the day, or falls on the last day of a shorter month."""
    assert expected == add_months(anchor, months)


def test_add_months_is_not_associative():
    """One month twice from 31/1 is 28/3, two months is 31/3: always count from the anchor."""
    assert date(2023, 3, 28) == add_months(add_months(date(2023, 1, 31), 1), 1)
    assert date(2023, 3, 31) == add_months(date(2023, 1, 31), 2)


def test_add_months_returns_a_plain_date_for_pendulum_input():
    """A pendulum.Date anchor gives a plain datetime.date back."""
    result = add_months(pendulum.date(2024, 1, 31), 1)
    assert date is type(result)
    assert date(2024, 2, 29) == result


def test_add_months_outside_years_1_to_9999_raises():
    """Leaving the representable years is a ValueError with both dates' context."""
    with pytest.raises(ValueError, match="outside years 1–9999"):
        add_months(date(9999, 12, 1), 1)


@given(DATES, MONTHS)
@settings(max_examples=300)
def test_add_months_day_is_clamped_anchor_day(anchor, months):
    """The result lies exactly `months` months away, on min(anchor day, month length)."""
    result = add_months(anchor, months)
    assert anchor.year * 12 + anchor.month + months == result.year * 12 + result.month
    assert min(anchor.day, days_in_month(result.year, result.month)) == result.day


@given(DATES, MONTHS)
@settings(max_examples=300)
def test_add_months_is_strictly_increasing_in_months(anchor, months):
    """One more month always gives a later date."""
    assert add_months(anchor, months) < add_months(anchor, months + 1)


def test_days_in_month_follows_gregorian_leap_years():
    """February has 29 days in 2000 and 2024, 28 in 1900, 2023 and 2100."""
    assert [29, 29, 28, 28, 28] == [days_in_month(y, 2) for y in (2000, 2024, 1900, 2023, 2100)]


# --- full_months / full_years -------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # 32 years 11 months; pendulum's in_months() says 396.
        (date(1990, 6, 8), date(2023, 6, 7), 395),
        (date(1990, 6, 8), date(2023, 6, 8), 396),
        (date(2023, 1, 31), date(2023, 2, 27), 0),
        (date(2023, 1, 31), date(2023, 2, 28), 1),
        # Clamp: 29/2 is the anniversary of 31/1; "raw - (end.day < start.day)" gives 0.
        (date(2024, 1, 31), date(2024, 2, 29), 1),
        (date(2023, 3, 31), date(2023, 4, 29), 0),
        (date(2023, 3, 31), date(2023, 4, 30), 1),
        (date(2023, 6, 8), date(2023, 6, 8), 0),
        # Born 31/8/2005. On 28/2/2024: raw = 18*12 + 6 = 222 months; February 2024 has
        # 29 days, so the anniversary day is min(31, 29) = 29 and 28 < 29: 221 months.
        (date(2005, 8, 31), date(2024, 2, 28), 221),
        (date(2005, 8, 31), date(2024, 2, 29), 222),
        (date(2005, 8, 31), date(2023, 8, 30), 215),
        (date(2005, 8, 31), date(2023, 8, 31), 216),
    ],
)
def test_full_months_hand_computed(start, end, expected):
    """Full months (đủ tháng) is the largest n with add_months(start, n) <= end."""
    assert expected == full_months(start, end)


@pytest.mark.parametrize(
    ("birth", "on", "expected"),
    [
        (date(2005, 8, 31), date(2023, 8, 30), 17),
        (date(2005, 8, 31), date(2023, 8, 31), 18),
        # 221 months on 28/2/2024: still 18 full years (18 years 5 months).
        (date(2005, 8, 31), date(2024, 2, 28), 18),
        # Born on 29 February: đủ 18 tuổi on 28/2 of a common year.
        (date(2008, 2, 29), date(2026, 2, 27), 17),
        (date(2008, 2, 29), date(2026, 2, 28), 18),
        (date(1990, 6, 8), date(2023, 6, 7), 32),
    ],
)
def test_full_years_hand_computed(birth, on, expected):
    """Full years (đủ tuổi) are whole months divided by twelve."""
    assert expected == full_years(birth, on)


def test_full_months_end_before_start_raises():
    """A negative span is a data error, reported with both dates."""
    with pytest.raises(ValueError, match="07/06/2023 is before start 08/06/2023"):
        full_months(date(2023, 6, 8), date(2023, 6, 7))


@given(DATES, DATES)
@settings(max_examples=500)
def test_full_months_brackets_end(a, b):
    """add_months(start, k) <= end < add_months(start, k + 1) with k = full_months(start, end)."""
    start, end = min(a, b), max(a, b)
    k = full_months(start, end)
    assert add_months(start, k) <= end < add_months(start, k + 1)


@given(DATES, st.integers(min_value=0, max_value=1200))
@settings(max_examples=300)
def test_full_months_inverts_add_months(start, months):
    """full_months(start, add_months(start, k)) == k for every k >= 0."""
    assert months == full_months(start, add_months(start, months))


@given(DATES, DATES)
@settings(max_examples=300)
def test_full_years_brackets_end(a, b):
    """add_months(start, 12y) <= end < add_months(start, 12(y + 1)) with y = full_years."""
    start, end = min(a, b), max(a, b)
    years = full_years(start, end)
    assert full_months(start, end) // 12 == years
    assert add_months(start, 12 * years) <= end < add_months(start, 12 * (years + 1))


# --- today_vn -----------------------------------------------------------------


def test_today_vn_is_a_plain_date_at_utc_plus_7():
    """Today in Vietnam is the UTC date or the day after, as a plain date."""
    before = datetime.now(UTC).date()
    today = today_vn()
    after = datetime.now(UTC).date()
    assert date is type(today)
    assert today in {before, before + timedelta(days=1), after, after + timedelta(days=1)}


# --- parse_date / format_date_vn ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-06-08", date(2023, 6, 8)),
        ("08/06/2023", date(2023, 6, 8)),
        ("8/6/2023", date(2023, 6, 8)),
        ("08/6/2023", date(2023, 6, 8)),
        ("  29/02/2024\n", date(2024, 2, 29)),
        ("\t2024-02-29 ", date(2024, 2, 29)),
        ("12/01/2026", date(2026, 1, 12)),
    ],
)
def test_parse_date_accepts_iso_and_day_first(text, expected):
    """ISO and dd/mm/yyyy (one or two digits) parse; a slash always means day first."""
    assert expected == parse_date(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "2023/06/08",
        "8-6-2023",
        "08.06.2023",
        "8/6/23",
        "2023-6-8",
        "08/06/2023 10:00",
        "2023-06-08T00:00",
        "１２/01/2026",
        "٠٨/06/2023",
        "008/06/2023",
        "June 8, 2023",
    ],
)
def test_parse_date_rejects_other_shapes(text):
    """Anything but the two shapes (ASCII digits, four-digit year) is rejected."""
    with pytest.raises(ValueError, match="expected a date as YYYY-MM-DD or dd/mm/yyyy"):
        parse_date(text)


@pytest.mark.parametrize(
    "text", ["31/02/2024", "29/02/2023", "2023-13-01", "2024-13-01", "00/01/2023", "32/1/2024"]
)
def test_parse_date_rejects_impossible_dates(text):
    """A well-shaped text naming no real day is a ValueError, not a rolled-over date."""
    with pytest.raises(ValueError, match="no such date"):
        parse_date(text)


def test_format_date_vn_pads_day_month_and_year():
    """Day and month get two digits, the year four."""
    assert "08/06/2023" == format_date_vn(date(2023, 6, 8))
    assert "01/01/0999" == format_date_vn(date(999, 1, 1))


@given(st.dates())
def test_format_then_parse_round_trips(value):
    """parse_date reads back what format_date_vn and isoformat write."""
    assert value == parse_date(format_date_vn(value))
    assert value == parse_date(value.isoformat())


# --- a naive reference ----------------------------------------------------------


def naive_full_months(start, end):
    """Step one day at a time, counting the days a month completes (stdlib calendar only).

    A month completes on start's day of the month or, in a month too short
    for it, on that month's last day (Civil Code 2015, art. 148).
    """
    months, day = 0, start
    while day < end:
        day += timedelta(days=1)
        last = calendar.monthrange(day.year, day.month)[1]
        if day.day == min(start.day, last):
            months += 1
    return months


@given(DATES, st.integers(min_value=0, max_value=3 * 366))
@settings(max_examples=300)
def test_full_months_agrees_with_day_stepping(start, span):
    """full_months equals the naive day-by-day count over spans up to three years."""
    end = start + timedelta(days=span)
    assert naive_full_months(start, end) == full_months(start, end)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2008, 2, 29), date(2026, 2, 28), 216),
        (date(2008, 2, 29), date(2026, 2, 27), 215),
        (date(2007, 8, 31), date(2025, 8, 30), 215),
        (date(2024, 1, 30), date(2024, 2, 29), 1),
        (date(2024, 1, 31), date(2024, 3, 30), 1),
        (date(2024, 1, 31), date(2024, 3, 31), 2),
    ],
)
def test_naive_reference_on_month_ends(start, end, expected):
    """The reference itself, checked by hand on month-end cases."""
    # 29/2/2008 → 28/2/2026: 216 months (February 2026 ends on the 28th).
    # 31/1/2024: one month on 29/2 (last day), two on 31/3; 30/3 is still one.
    assert expected == naive_full_months(start, end)
    assert expected == full_months(start, end)
