"""Date arithmetic of the regulations (tính ngày, tháng, tuổi).

Every function takes and returns plain :class:`datetime.date` values; a
``pendulum.Date`` (a subclass) is accepted but never returned.

Months follow the Civil Code 2015 (Bộ luật Dân sự 2015, art. 148): a period
of months ends on the corresponding day of the last month or, when that
month has no such day, on its last day.  So 31 January + 1 month is
28 (or 29) February, and sums are always taken from the anchor date, because
month addition is not associative (31/1 + 1 month + 1 month is 28/3, while
31/1 + 2 months is 31/3).

"Đủ N tháng" (full months) and "đủ N tuổi" (full years of age) are the
largest whole numbers that keep ``add_months(start, n) <= end``.
pendulum's ``in_months()``/``in_years()`` disagree with that rule in about
1% of pairs (1990-06-08 to 2023-06-07 gives 396 months instead of 395), so
they are not used.

"Today" is today in Asia/Ho_Chi_Minh whatever the server's zone
(:func:`today_vn`).  Text dates are ISO (``2023-06-08``) or Vietnamese,
day first (``08/06/2023``, ``8/6/2023``): a slash never means month first.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

import pendulum

from dangvien.errors import DataError, UsageError
from dangvien.messages import Text

__all__ = [
    "VN_TIMEZONE",
    "add_months",
    "days_in_month",
    "format_date_vn",
    "full_months",
    "full_years",
    "parse_date",
    "today_vn",
]

#: The IANA zone that decides what "today" is.
VN_TIMEZONE: Final = "Asia/Ho_Chi_Minh"

# ASCII digits only: `\d` would also accept Thai, Arabic-Indic or full-width digits.
_ISO: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DAY_FIRST: Final = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_MONTH_LENGTHS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """Return the number of days in *month* of *year* (proleptic Gregorian).

    >>> days_in_month(2024, 2), days_in_month(2100, 2), days_in_month(2023, 4)
    (29, 28, 30)
    """
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_LENGTHS[month - 1]


def add_months(anchor: date, months: int) -> date:
    """Return *anchor* plus *months* calendar months (Civil Code 2015, art. 148).

    The result keeps the anchor's day of the month or, when the target month
    is shorter, falls on that month's last day.  *months* may be negative.
    Count every term from the same anchor: adding one month twice is not
    adding two months.

    Args:
        anchor: the date counted from (ngày làm mốc).
        months: the number of months to add; negative goes back.

    Returns:
        A plain :class:`datetime.date`.

    Raises:
        ValueError: when the result is outside years 1–9999.

    >>> add_months(date(2023, 1, 31), 1)
    datetime.date(2023, 2, 28)
    >>> add_months(date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    >>> add_months(date(2024, 2, 29), 12)
    datetime.date(2025, 2, 28)
    >>> add_months(date(2024, 3, 31), -1)
    datetime.date(2024, 2, 29)
    """
    year, month0 = divmod(anchor.year * 12 + anchor.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        facts = {"anchor": anchor, "months": months}
        raise UsageError.from_text(Text("error.dates.months_out_of_range", facts))
    return date(year, month0 + 1, min(anchor.day, days_in_month(year, month0 + 1)))


def full_months(start: date, end: date) -> int:
    """Return the number of full months from *start* to *end* (số tháng đủ, "đủ tháng").

    This is the largest ``n`` with ``add_months(start, n) <= end``: a month
    is full on its corresponding day, or on the last day of a month that has
    no corresponding day (a period from 31 January is one full month on
    28/29 February).

    Args:
        start: the first date (for an age: the birth date).
        end: the date the count is taken on.

    Returns:
        A non-negative number of months.

    Raises:
        ValueError: when *end* is before *start*: a negative duration is
            almost always a data error, so the caller must decide.

    >>> full_months(date(1990, 6, 8), date(2023, 6, 7))  # 32 years 11 months
    395
    >>> full_months(date(2024, 1, 31), date(2024, 2, 29))
    1
    """
    if end < start:
        raise UsageError.from_text(
            Text("error.dates.end_before_start", {"end": end, "start": start})
        )
    raw = (end.year - start.year) * 12 + end.month - start.month
    # The anniversary in end's month is start's day, clamped to that month's length.
    anniversary = min(start.day, days_in_month(end.year, end.month))
    return raw - 1 if end.day < anniversary else raw


def full_years(start: date, end: date) -> int:
    """Return the number of full years from *start* to *end* (số năm đủ, "đủ tuổi").

    Counted in whole months: ``full_months(start, end) // 12``.  Someone
    born on 29/2/2008 is "đủ 18 tuổi" on 28/2/2026, the last day of the
    month that has no 29th.

    Raises:
        ValueError: when *end* is before *start*.

    >>> full_years(date(2008, 2, 29), date(2026, 2, 27))
    17
    >>> full_years(date(2008, 2, 29), date(2026, 2, 28))
    18
    """
    return full_months(start, end) // 12


def today_vn() -> date:
    """Return today's date in Vietnam (Asia/Ho_Chi_Minh), as a plain date.

    Servers often run in UTC, where "today" changes seven hours late.
    """
    now = pendulum.now(VN_TIMEZONE)
    return date(now.year, now.month, now.day)


def parse_date(text: str) -> date:
    """Parse an ISO date or a day-first Vietnamese one.

    Accepted, after stripping surrounding whitespace: ``YYYY-MM-DD``, and
    ``dd/mm/yyyy`` with one- or two-digit day and month (``8/6/2023``).  A
    slash always means day first; there is no guessing.

    Args:
        text: the text to parse.

    Returns:
        A plain :class:`datetime.date`.

    Raises:
        ValueError: a :class:`~dangvien.errors.DataError` for any other shape
            (``2023/06/08``, ``8-6-2023``, two-digit years, non-ASCII digits) or
            an impossible date (``31/02/2024``).

    >>> parse_date("08/6/2023")
    datetime.date(2023, 6, 8)
    >>> parse_date(" 2023-06-08 ")
    datetime.date(2023, 6, 8)
    >>> parse_date("06/08/23")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dangvien.errors.DataError: cần ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy, nhận “06/08/23” / ...
    """
    s = text.strip()
    if m := _ISO.fullmatch(s):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _DAY_FIRST.fullmatch(s):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    else:
        raise DataError.from_text(Text("error.dates.bad_form", {"text": text}))
    try:
        return date(year, month, day)
    except ValueError:
        facts = {"text": text, "day": day, "month": month, "year": year}
        raise DataError.from_text(Text("error.dates.no_such_date", facts)) from None


def format_date_vn(value: date) -> str:
    """Return *value* as ``dd/mm/yyyy``, the form :func:`parse_date` reads back.

    >>> format_date_vn(date(2023, 6, 8))
    '08/06/2023'
    """
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
