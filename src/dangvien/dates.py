"""Date arithmetic of the regulations (tính ngày, tháng, tuổi).

Months follow the Civil Code 2015 (art. 148): adding months lands on the
same day of the month, or on the month's last day when it has no such day.
"Full months" and "full age" (đủ tháng, đủ tuổi) are the largest whole
numbers that keep ``add_months(start, n) <= end``.  pendulum's month
differences disagree with that rule in about 1% of pairs, so they are not
used.  "Today" is today in Asia/Ho_Chi_Minh, whatever the server's zone.
"""

from __future__ import annotations

import calendar as _stdcal
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

__all__ = [
    "VN_TZ",
    "add_months",
    "format_date_vn",
    "full_months",
    "full_years",
    "parse_date",
    "today_vn",
]

#: The time zone of "today".
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_ISO = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_VN = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")


def add_months(start: date, months: int) -> date:
    """Return *start* plus *months* calendar months (Civil Code month-end rule).

    Always count from the anchor: adding 1 month twice is not adding 2.

    >>> add_months(date(2023, 1, 31), 1)
    datetime.date(2023, 2, 28)
    >>> add_months(date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    >>> add_months(date(2024, 2, 29), 12)
    datetime.date(2025, 2, 28)
    >>> add_months(date(2024, 3, 31), -1)
    datetime.date(2024, 2, 29)
    """
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    last = _stdcal.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(start.day, last))


def full_months(start: date, end: date) -> int:
    """Return the whole months from *start* to *end* (đủ tháng).

    The largest ``n`` with ``add_months(start, n) <= end``.

    >>> full_months(date(1990, 6, 8), date(2023, 6, 7))  # 32 years 11 months
    395
    >>> full_months(date(2024, 1, 31), date(2024, 2, 29))
    1

    Raises:
        ValueError: when *end* is before *start*.
    """
    if end < start:
        msg = f"end {end.isoformat()} is before start {start.isoformat()}"
        raise ValueError(msg)
    raw = (end.year - start.year) * 12 + (end.month - start.month)
    # The anniversary day this month, clamped to the month's length.
    anniversary = min(start.day, _stdcal.monthrange(end.year, end.month)[1])
    return raw - (1 if end.day < anniversary else 0)


def full_years(start: date, end: date) -> int:
    """Return the whole years from *start* to *end*, counted in months (đủ tuổi).

    >>> full_years(date(2006, 3, 15), date(2024, 3, 14))
    17
    >>> full_years(date(2006, 3, 15), date(2024, 3, 15))
    18
    """
    return full_months(start, end) // 12


def today_vn() -> date:
    """Return today's date in Vietnam (Asia/Ho_Chi_Minh)."""
    return datetime.now(VN_TZ).date()


def parse_date(text: str) -> date:
    """Parse an ISO date (``2023-06-08``) or a Vietnamese one (``08/06/2023``, ``8/6/2023``).

    A slash always means day first.

    >>> parse_date("08/6/2023")
    datetime.date(2023, 6, 8)
    >>> parse_date(" 2023-06-08 ")
    datetime.date(2023, 6, 8)

    Raises:
        ValueError: for any other text or an impossible date (31/02/2024).
    """
    s = text.strip()
    m = _ISO.match(s)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _VN.match(s)
        if not m:
            msg = (
                f"cần ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy, nhận {text!r} / "
                f"expected a date as YYYY-MM-DD or dd/mm/yyyy, got {text!r}"
            )
            raise ValueError(msg)
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    try:
        return date(y, mo, d)
    except ValueError:
        msg = f"ngày không tồn tại: {text!r} / no such date: {text!r}"
        raise ValueError(msg) from None


def format_date_vn(value: date) -> str:
    """Return *value* as ``dd/mm/yyyy``.

    >>> format_date_vn(date(2023, 6, 8))
    '08/06/2023'
    """
    return f"{value.day:02d}/{value.month:02d}/{value.year}"
