"""Working days of cán bộ, công chức: holidays, swaps, counting and range limits."""

from datetime import date, timedelta

import attrs
import holidays
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvien.calendar import (
    DAY_SWAPS,
    CalendarRangeError,
    DaySwap,
    WorkCalendar,
)
from dangvien.dates import add_months
from dangvien.errors import NotCoveredError

CAL = WorkCalendar.default()
# Leave room after the start for n up to MAX_N working days inside 2010–2035.
STARTS = st.dates(min_value=date(2010, 1, 1), max_value=date(2034, 12, 31))
MAX_N = 200
NS = st.integers(min_value=0, max_value=MAX_N)


def year_days(cal, year):
    """Every date of a year."""
    start = date(year, 1, 1)
    return [start + timedelta(days=i) for i in range((date(year, 12, 31) - start).days + 1)]


def weekday_days_off(cal, year):
    """The Monday–Friday dates that are not working days."""
    return {d for d in year_days(cal, year) if d.weekday() < 5 and not cal.is_working_day(d)}


def weekend_working_days(cal, year):
    """The Saturdays and Sundays that are working days."""
    return {d for d in year_days(cal, year) if d.weekday() >= 5 and cal.is_working_day(d)}


# --- known days -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 1), False),  # Tết Dương lịch
        (date(2026, 1, 2), False),  # Fri, swapped (12729/VPCP-KGVX), missing in holidays
        (date(2026, 1, 10), True),  # Sat, made up for 2/1
        (date(2026, 1, 5), True),
        (date(2024, 4, 29), False),  # Mon, swapped (2450/VPCP-KGVX)
        (date(2024, 5, 4), True),  # Sat, made up for 29/4
        (date(2025, 5, 2), False),  # Fri, swapped
        (date(2025, 4, 26), True),  # Sat, made up for 2/5
        (date(2026, 8, 31), False),  # Mon, swapped
        (date(2026, 8, 22), True),  # Sat, made up for 31/8
        (date(2025, 1, 27), False),  # Tết Ất Tỵ, 28 tháng Chạp
        (date(2025, 1, 31), False),  # Tết Ất Tỵ, mùng 3
        (date(2025, 2, 3), True),
        (date(2026, 11, 24), True),  # Ngày Văn hóa Việt Nam: unverified, off only on request
        (date(2026, 1, 11), False),  # Sunday
    ],
)
def test_known_days(day, expected):
    """Public holidays, government swaps and make-up Saturdays on the default calendar."""
    assert expected == CAL.is_working_day(day)


def test_2023_days_off_match_the_official_schedule():
    """2023: 2/1 in lieu, Tết 20–26/1, 1–3/5, 1/9 and 4/9 (2/9 was a Saturday)."""
    expected = {
        date(2023, 1, 2),
        *(date(2023, 1, d) for d in (20, 23, 24, 25, 26)),
        date(2023, 5, 1),
        date(2023, 5, 2),
        date(2023, 5, 3),
        date(2023, 9, 1),
        date(2023, 9, 4),
    }
    assert expected == weekday_days_off(CAL, 2023)
    assert set() == weekend_working_days(CAL, 2023)
    # 260 weekdays (2023 starts on a Sunday: 52 weeks + 1 day) - 11 days off.
    assert 249 == CAL.count_working_days(date(2022, 12, 31), date(2023, 12, 31))


def test_2024_days_off_match_the_official_schedule():
    """2024: 1/1, Tết 8–14/2, Giỗ Tổ 18/4, 29/4–1/5 with Sat 4/5 worked, 2–3/9."""
    expected = {
        date(2024, 1, 1),
        *(date(2024, 2, d) for d in (8, 9, 12, 13, 14)),
        date(2024, 4, 18),
        date(2024, 4, 29),
        date(2024, 4, 30),
        date(2024, 5, 1),
        date(2024, 9, 2),
        date(2024, 9, 3),
    }
    assert expected == weekday_days_off(CAL, 2024)
    assert {date(2024, 5, 4)} == weekend_working_days(CAL, 2024)
    # 262 weekdays (leap year from a Monday: 52 weeks + Mon, Tue) - 12 + 1 Saturday.
    assert 251 == CAL.count_working_days(date(2023, 12, 31), date(2024, 12, 31))


def test_2025_days_off_match_the_official_schedule():
    """2025: 1/1, Tết 27–31/1, Giỗ Tổ 7/4, 30/4–2/5 with Sat 26/4 worked, 1–2/9."""
    expected = {
        date(2025, 1, 1),
        *(date(2025, 1, d) for d in range(27, 32)),
        date(2025, 4, 7),
        date(2025, 4, 30),
        date(2025, 5, 1),
        date(2025, 5, 2),
        date(2025, 9, 1),
        date(2025, 9, 2),
    }
    assert expected == weekday_days_off(CAL, 2025)
    assert {date(2025, 4, 26)} == weekend_working_days(CAL, 2025)
    # 261 weekdays (from a Wednesday: 52 weeks + 1 day) - 12 + 1 Saturday.
    assert 250 == CAL.count_working_days(date(2024, 12, 31), date(2025, 12, 31))


def test_2026_days_off_match_the_official_schedule():
    """2026: 1–2/1 (Sat 10/1 worked), Tết 16–20/2, 27/4, 30/4–1/5, 31/8–2/9 (Sat 22/8 worked)."""
    expected = {
        date(2026, 1, 1),
        date(2026, 1, 2),
        *(date(2026, 2, d) for d in range(16, 21)),
        date(2026, 4, 27),
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 8, 31),
        date(2026, 9, 1),
        date(2026, 9, 2),
    }
    assert expected == weekday_days_off(CAL, 2026)
    assert {date(2026, 1, 10), date(2026, 8, 22)} == weekend_working_days(CAL, 2026)
    # 261 weekdays (from a Thursday: 52 weeks + 1 day) - 13 + 2 Saturdays.
    assert 250 == CAL.count_working_days(date(2025, 12, 31), date(2026, 12, 31))


def test_differences_from_holidays_are_only_the_known_ones():
    """Against holidays.VN, only the 2026 New Year swap and the culture days differ."""
    public = holidays.country_holidays("VN", years=range(2010, 2036))
    differ = {
        d
        for y in range(2010, 2036)
        for d in year_days(CAL, y)
        if CAL.is_working_day(d) != public.is_working_day(d)
    }
    known = {
        date(2026, 1, 2),
        date(2026, 1, 10),
        # Ngày Văn hóa Việt Nam and its days in lieu (Saturday/Sunday → Monday).
        *(date(y, 11, 24) for y in range(2026, 2036)),
        date(2029, 11, 26),
        date(2030, 11, 25),
        date(2035, 11, 26),
    }
    # A subset: a newer holidays release may catch up, but must not diverge elsewhere.
    assert set() == differ - known


def test_culture_day_toggle_adds_24_november_and_its_days_in_lieu():
    """include_culture_day=True makes 24/11 (from 2026) and its Monday in lieu days off."""
    cal = WorkCalendar(2025, 2035, include_culture_day=True)
    off = [d for d in cal.nonworking_dates() if d.month == 11 and d.weekday() < 5]
    expected = [
        *(date(y, 11, 24) for y in range(2026, 2029)),
        date(2029, 11, 26),  # 24/11/2029 is a Saturday
        date(2030, 11, 25),  # 24/11/2030 is a Sunday
        *(date(y, 11, 24) for y in range(2031, 2035)),
        date(2035, 11, 26),
    ]
    assert expected == off
    assert CAL.is_working_day(date(2029, 11, 26))
    assert CAL.is_working_day(date(2030, 11, 25))


def test_day_swaps_table_covers_2024_to_2026():
    """The library table holds the four swaps with their make-up Saturdays."""
    pairs = {(s.day_off, s.make_up) for s in DAY_SWAPS}
    expected = {
        (date(2024, 4, 29), date(2024, 5, 4)),
        (date(2025, 5, 2), date(2025, 4, 26)),
        (date(2026, 1, 2), date(2026, 1, 10)),
        (date(2026, 8, 31), date(2026, 8, 22)),
    }
    assert expected == pairs
    assert all(s.reference for s in DAY_SWAPS)


# --- counting -------------------------------------------------------------------


def test_30_working_days_across_tet_2025():
    """From Mon 20/1/2025, the 30th working day is Mon 10/3/2025 (Tết 27–31/1 skipped)."""
    # Counted by hand, day of the act excluded:
    #  1–4   Tue 21 – Fri 24/1        (25–26/1 weekend; 27–31/1 Tết; 1–2/2 weekend)
    #  5–9   Mon 3 – Fri 7/2
    # 10–14  Mon 10 – Fri 14/2
    # 15–19  Mon 17 – Fri 21/2
    # 20–24  Mon 24 – Fri 28/2
    # 25–29  Mon 3 – Fri 7/3
    # 30     Mon 10/3
    assert date(2025, 3, 10) == CAL.add_working_days(date(2025, 1, 20), 30)
    assert 30 == CAL.count_working_days(date(2025, 1, 20), date(2025, 3, 10))
    assert 29 == CAL.count_working_days(date(2025, 1, 20), date(2025, 3, 9))


def test_recognition_review_after_probation_ending_on_30_april():
    """Ceremony 30/4/2025: probation ends Thu 30/4/2026, 30 WD later is Fri 12/6/2026."""
    end = add_months(date(2025, 4, 30), 12)
    assert date(2026, 4, 30) == end
    # Fri 1/5 holiday, 2–3/5 weekend; 1–5 Mon 4 – Fri 8/5; 6–10 11–15/5; 11–15 18–22/5;
    # 16–20 25–29/5; 21–25 Mon 1 – Fri 5/6; 26–30 Mon 8 – Fri 12/6.
    assert date(2026, 6, 12) == CAL.add_working_days(end, 30)


def test_recognition_review_after_probation_ending_on_2_september():
    """Ceremony 2/9/2025: probation ends Wed 2/9/2026, 30 WD later is Wed 14/10/2026."""
    end = add_months(date(2025, 9, 2), 12)
    # 1–2 Thu 3 – Fri 4/9; 3–7 7–11/9; 8–12 14–18/9; 13–17 21–25/9;
    # 18–22 Mon 28/9 – Fri 2/10; 23–27 5–9/10; 28–30 Mon 12 – Wed 14/10.
    assert date(2026, 10, 14) == CAL.add_working_days(end, 30)


def test_new_year_2026_counts():
    """After Thu 1/1/2026: 2/1 off, weekend, then 5–9/1, and Sat 10/1 is the 6th."""
    assert date(2026, 1, 5) == CAL.add_working_days(date(2025, 12, 31), 1)
    assert date(2026, 1, 9) == CAL.add_working_days(date(2026, 1, 1), 5)
    assert date(2026, 1, 10) == CAL.add_working_days(date(2026, 1, 1), 6)
    assert 6 == CAL.count_working_days(date(2026, 1, 1), date(2026, 1, 10))
    assert -6 == CAL.count_working_days(date(2026, 1, 10), date(2026, 1, 1))
    assert 0 == CAL.count_working_days(date(2026, 1, 2), date(2026, 1, 4))


def test_add_zero_working_days_returns_the_day():
    """n = 0 is the day itself, even a day off."""
    assert date(2026, 1, 3) == CAL.add_working_days(date(2026, 1, 3), 0)


def test_add_negative_working_days_raises():
    """A negative count is rejected rather than silently counted backwards."""
    with pytest.raises(ValueError, match="n must be >= 0"):
        CAL.add_working_days(date(2026, 1, 3), -1)


def test_next_working_day_rolls_forward_only_from_days_off():
    """A working day is its own next working day; a day off rolls to the next one."""
    assert date(2026, 1, 5) == CAL.next_working_day(date(2026, 1, 1))
    assert date(2026, 1, 10) == CAL.next_working_day(date(2026, 1, 10))
    assert date(2025, 4, 26) == CAL.next_working_day(date(2025, 4, 26))


def test_working_days_between_lists_the_counted_days():
    """(start, end] as dates: Sat 10/1/2026 included, 2/1 excluded."""
    expected = tuple(date(2026, 1, d) for d in (5, 6, 7, 8, 9, 10))
    assert expected == CAL.working_days_between(date(2026, 1, 1), date(2026, 1, 11))
    assert () == CAL.working_days_between(date(2026, 1, 11), date(2026, 1, 1))


def test_nonworking_dates_partition_the_range():
    """Non-working dates plus working days cover every day of the calendar once."""
    off = CAL.nonworking_dates()
    total = (CAL.last - CAL.first).days + 1
    working = CAL.count_working_days(CAL.first, CAL.last) + CAL.is_working_day(CAL.first)
    assert total == len(off) + working
    assert list(off) == sorted(set(off))
    assert not any(CAL.is_working_day(d) for d in off)


# --- construction and extension -------------------------------------------------


def test_user_extras_override_the_library():
    """Extra days off and working days win over holidays and the swap table."""
    cal = WorkCalendar(
        2026,
        2026,
        extra_days_off=[date(2026, 3, 2)],
        extra_working_days=[date(2026, 1, 2), date(2026, 3, 7)],
    )
    assert not cal.is_working_day(date(2026, 3, 2))
    assert cal.is_working_day(date(2026, 1, 2))
    assert cal.is_working_day(date(2026, 3, 7))


def test_user_swaps_are_added_to_the_library_table():
    """A user swap applies on top of DAY_SWAPS, which stays in force."""
    swap = DaySwap(date(2027, 4, 29), date(2027, 4, 24), "Công văn giả định", confirmed=False)
    cal = WorkCalendar(2026, 2027, swaps=[swap])
    assert not cal.is_working_day(date(2027, 4, 29))
    assert cal.is_working_day(date(2027, 4, 24))
    assert not cal.is_working_day(date(2026, 1, 2))


def test_a_date_both_off_and_working_is_rejected():
    """Listing the same date in both extras is ambiguous, so it raises."""
    with pytest.raises(ValueError, match="02/03/2026"):
        WorkCalendar(
            2026,
            2026,
            extra_days_off=[date(2026, 3, 2)],
            extra_working_days=[date(2026, 3, 2)],
        )


@pytest.mark.parametrize(("first", "last"), [(1999, 2005), (2010, 2101), (2030, 2020)])
def test_unsupported_year_ranges_raise(first, last):
    """Years before the two-day weekend, after the holidays data, or reversed, are refused."""
    with pytest.raises(ValueError, match="year"):
        WorkCalendar(first, last)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"day_off": date(2026, 1, 3), "make_up": None}, "weekend day, already off"),
        ({"day_off": date(2026, 1, 2), "make_up": date(2026, 1, 9)}, "is a weekday"),
    ],
)
def test_day_swap_rejects_impossible_swaps(kwargs, match):
    """The day off must be a weekday and the make-up day a weekend day."""
    with pytest.raises(ValueError, match=match):
        DaySwap(reference="x", **kwargs)


def test_day_swap_needs_a_reference():
    """A swap without a reference is refused."""
    with pytest.raises(ValueError, match="reference"):
        DaySwap(date(2026, 1, 2), date(2026, 1, 10), "")


def test_day_swap_stores_plain_dates():
    """pendulum dates are stored as plain datetime.date values."""
    swap = DaySwap(pendulum.date(2026, 1, 2), pendulum.date(2026, 1, 10), "12729/VPCP-KGVX")
    assert (date, date) == (type(swap.day_off), type(swap.make_up))


def test_calendar_is_immutable_hashable_and_cached():
    """Frozen, equal by its inputs, and default() returns one shared instance."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        CAL.first_year = 2000
    assert WorkCalendar() == CAL
    assert hash(WorkCalendar()) == hash(CAL)
    assert WorkCalendar.default() is CAL


def test_repr_is_short():
    """The repr names the years and any customisation, not the tables."""
    assert "WorkCalendar(2010-2035)" == repr(CAL)
    cal = WorkCalendar(2026, 2026, extra_days_off=[date(2026, 3, 2)], include_culture_day=True)
    assert "WorkCalendar(2026-2026, +1 days off, culture day off)" == repr(cal)


# --- range errors ---------------------------------------------------------------


@pytest.mark.parametrize("day", [date(2009, 12, 31), date(2036, 1, 1)])
def test_dates_outside_the_range_raise(day):
    """Queries outside 2010–2035 raise CalendarRangeError: the date is outside what is encoded."""
    match = "outside the working-day calendar's years 2010–2035"
    with pytest.raises(CalendarRangeError, match=match):
        CAL.is_working_day(day)
    assert issubclass(CalendarRangeError, NotCoveredError)


def test_result_past_the_range_raises():
    """Counting past 31/12/2035 raises instead of returning a wrong date."""
    with pytest.raises(CalendarRangeError, match="fall after 2035"):
        CAL.add_working_days(date(2035, 12, 20), 30)


# --- properties -----------------------------------------------------------------


@given(STARTS, NS)
@settings(max_examples=200)
def test_add_then_count_round_trips(start, n):
    """count_working_days(d, add_working_days(d, n)) == n."""
    assert n == CAL.count_working_days(start, CAL.add_working_days(start, n))


@given(STARTS, st.integers(min_value=1, max_value=MAX_N))
@settings(max_examples=200)
def test_result_is_a_later_working_day(start, n):
    """For n >= 1 the result is a working day strictly after the start."""
    result = CAL.add_working_days(start, n)
    assert start < result
    assert CAL.is_working_day(result)


@given(STARTS, st.integers(min_value=1, max_value=40))
@settings(max_examples=100)
def test_add_matches_a_day_by_day_walk(start, n):
    """The O(1) lookup equals walking forward day by day and counting working days."""
    day, left = start, n
    while left:
        day += timedelta(days=1)
        left -= CAL.is_working_day(day)
    assert day == CAL.add_working_days(start, n)


@given(STARTS, STARTS, NS, NS)
@settings(max_examples=200)
def test_add_is_monotonic(a, b, m, n):
    """A later start or a larger n never gives an earlier deadline."""
    (a, b), (m, n) = sorted((a, b)), sorted((m, n))
    assert CAL.add_working_days(a, n) <= CAL.add_working_days(b, n)
    assert CAL.add_working_days(a, m) <= CAL.add_working_days(a, n)


@given(STARTS, STARTS, STARTS)
@settings(max_examples=100)
def test_counts_over_adjacent_spans_add_up(a, b, c):
    """count(a, b) + count(b, c) == count(a, c), in any order."""
    assert CAL.count_working_days(a, c) == (
        CAL.count_working_days(a, b) + CAL.count_working_days(b, c)
    )


# --- swap table and flags ---------------------------------------------------------


def test_unconfirmed_swaps_are_flagged():
    """Only the 2026 Quốc khánh swap (seen in holidays, no dispatch found) is unconfirmed."""
    assert [date(2026, 8, 31)] == [s.day_off for s in DAY_SWAPS if not s.confirmed]


@pytest.mark.parametrize(
    ("day_off", "make_up"),
    [
        (date(2024, 4, 29), date(2024, 5, 4)),
        (date(2025, 5, 2), date(2025, 4, 26)),
        (date(2026, 1, 2), date(2026, 1, 10)),
        (date(2026, 8, 31), date(2026, 8, 22)),
    ],
)
def test_each_swap_moves_exactly_one_working_day(day_off, make_up):
    """A swap leaves the week's total unchanged: the day off out, the Saturday in."""
    assert day_off.weekday() < 5
    assert 5 == make_up.weekday()
    assert not CAL.is_working_day(day_off)
    assert CAL.is_working_day(make_up)
    # Without the library table, holidays 0.109 alone misses 2/1↔10/1/2026 only.
    plain = holidays.country_holidays("VN", years=day_off.year)
    if day_off != date(2026, 1, 2):
        assert not plain.is_working_day(day_off)
        assert plain.is_working_day(make_up)


def test_cancelling_a_swap_with_the_extras():
    """Listing the day off as working and the Saturday as off undoes the 2026 swap."""
    cal = WorkCalendar(
        2026,
        2026,
        extra_working_days=[date(2026, 1, 2)],
        extra_days_off=[date(2026, 1, 10)],
    )
    assert cal.is_working_day(date(2026, 1, 2))
    assert not cal.is_working_day(date(2026, 1, 10))
    # Fri 2/1 is now the 1st working day after 1/1, and Mon 5/1 the 2nd.
    assert date(2026, 1, 5) == cal.add_working_days(date(2026, 1, 1), 2)


def test_culture_day_is_a_working_day_by_default():
    """24/11/2026 is a Tuesday and a working day unless include_culture_day=True."""
    assert CAL.is_working_day(date(2026, 11, 24))
    assert not WorkCalendar(2026, 2026, include_culture_day=True).is_working_day(date(2026, 11, 24))
    # Before 2026 there is no culture day, toggle or not.
    assert WorkCalendar(2025, 2025, include_culture_day=True).is_working_day(date(2025, 11, 24))


# --- more range errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: CAL.count_working_days(date(2009, 12, 31), date(2010, 1, 5)),
        lambda: CAL.count_working_days(date(2035, 12, 1), date(2036, 1, 2)),
        lambda: CAL.working_days_between(date(2009, 12, 1), date(2010, 1, 5)),
        lambda: CAL.nonworking_dates(date(2009, 12, 1), date(2010, 1, 5)),
        lambda: CAL.next_working_day(date(2036, 1, 1)),
        lambda: CAL.add_working_days(date(2009, 12, 31), 1),
    ],
)
def test_every_query_checks_the_range(call):
    """Counting, listing and rolling all refuse dates outside the calendar."""
    with pytest.raises(CalendarRangeError):
        call()


def test_next_working_day_past_the_last_year_raises():
    """A calendar ending on a day off cannot roll forward past its last year."""
    # 31/12/2034 is a Sunday: no working day follows it in a calendar ending in 2034.
    cal = WorkCalendar(2034, 2034)
    with pytest.raises(CalendarRangeError, match="fall after 2034"):
        cal.next_working_day(date(2034, 12, 31))


def test_calendar_rejects_non_dates():
    """A datetime is not a date for the calendar's inputs."""
    with pytest.raises(TypeError, match="expected a date"):
        WorkCalendar(2026, 2026, extra_days_off=[pendulum.datetime(2026, 3, 2)])


# --- vectorised use ------------------------------------------------------------------


def test_numpy_with_a_seven_day_mask_reproduces_the_calendar():
    """busday_offset with weekmask 1111111 and nonworking_dates() as holidays agrees."""
    np = pytest.importorskip("numpy")
    off = np.array([d.isoformat() for d in CAL.nonworking_dates()], dtype="datetime64[D]")
    starts = [date(2025, 1, 20), date(2025, 4, 30), date(2025, 11, 27), date(2026, 1, 1)]
    for start, n in [(s, n) for s in starts for n in (1, 5, 6, 30, 60)]:
        got = np.busday_offset(
            np.datetime64(start.isoformat()), n, roll="backward", weekmask="1111111", holidays=off
        )
        assert CAL.add_working_days(start, n) == got.astype(object)


def test_numpy_with_a_weekday_mask_misses_make_up_saturdays():
    """The naive Monday–Friday mask gets 6 WD after 1/1/2026 wrong (Sat 10/1 is worked)."""
    np = pytest.importorskip("numpy")
    off = np.array([d.isoformat() for d in CAL.nonworking_dates()], dtype="datetime64[D]")
    naive = np.busday_offset(np.datetime64("2026-01-01"), 6, roll="backward", holidays=off)
    assert date(2026, 1, 12) == naive.astype(object)
    assert date(2026, 1, 10) == CAL.add_working_days(date(2026, 1, 1), 6)


# --- more properties -------------------------------------------------------------


@given(STARTS, NS)
@settings(max_examples=200)
def test_working_days_between_lists_what_is_counted(start, n):
    """working_days_between(d, add(d, n)) has n working days, the last one the result."""
    end = CAL.add_working_days(start, n)
    days = CAL.working_days_between(start, end)
    assert n == len(days)
    assert all(CAL.is_working_day(d) for d in days)
    if n:
        assert end == days[-1]


@given(STARTS)
@settings(max_examples=200)
def test_next_working_day_is_the_first_working_day_on_or_after(day):
    """next_working_day(d) works, is >= d, and no working day lies in between."""
    nxt = CAL.next_working_day(day)
    assert CAL.is_working_day(nxt)
    assert day <= nxt
    assert CAL.count_working_days(day, nxt) == (0 if nxt == day else 1)
