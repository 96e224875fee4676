"""Vietnamese working days (ngày làm việc) for cán bộ, công chức.

A working day is Monday to Friday, minus the public holidays of the Labour
Code (taken from the ``holidays`` package, which also knows the observed
days and some make-up Saturdays), minus the government's extra days off,
plus its make-up working Saturdays (làm bù).  The extra swaps live in
:data:`DAY_SWAPS`, a versioned table owned by dangvien that cites each
decision, because the ``holidays`` data lags the government's announcements
by months (the 2 January 2026 swap is missing even in holidays 0.109) and an
upgrade may change results silently.  Users add their own swaps.

Counting follows the Civil Code 2015 (art. 147): the day of the act is
excluded, so "within 30 working days of 1 March" ends on the 30th working day
after 1 March.  A :class:`WorkCalendar` is built once per year range; every
query after that is O(1).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from itertools import accumulate

import attrs
import holidays

__all__ = ["DAY_SWAPS", "CalendarRangeError", "DaySwap", "WorkCalendar"]


class CalendarRangeError(ValueError):
    """A date falls outside the years a calendar was built for."""


@attrs.frozen
class DaySwap:
    """A government day swap (hoán đổi ngày nghỉ): a weekday off, often made up on a Saturday.

    Attributes:
        day_off: the weekday given off.
        make_up: the Saturday worked instead, if any.
        reference: the document that decided it.
        note: what it was for.
        confirmed: False for a swap seen only in secondary data.
    """

    day_off: date | None
    make_up: date | None
    reference: str
    note: str = ""
    confirmed: bool = True


#: The government's swaps that dangvien applies on top of ``holidays``.
#: Entries already known to ``holidays`` are repeated so that results do not
#: depend on which release is installed.
DAY_SWAPS: tuple[DaySwap, ...] = (
    DaySwap(date(2024, 4, 29), date(2024, 5, 4),
            "Bộ LĐTBXH, lịch nghỉ lễ 30/4–1/5/2024 (theo dữ liệu của holidays)",
            "Nghỉ thứ Hai 29/4, làm bù thứ Bảy 4/5/2024", confirmed=False),
    DaySwap(date(2025, 5, 2), date(2025, 4, 26),
            "Lịch nghỉ lễ 30/4–1/5/2025 (theo dữ liệu của holidays)",
            "Nghỉ thứ Sáu 2/5, làm bù thứ Bảy 26/4/2025", confirmed=False),
    DaySwap(date(2026, 1, 2), date(2026, 1, 10), "Công văn 12729/VPCP-KGVX",
            "Nghỉ thứ Sáu 2/1, làm bù thứ Bảy 10/1/2026 (thiếu trong holidays 0.109)"),
    DaySwap(date(2026, 8, 31), date(2026, 8, 22),
            "Lịch nghỉ Quốc khánh 2026 (theo dữ liệu của holidays)",
            "Nghỉ thứ Hai 31/8, làm bù thứ Bảy 22/8/2026", confirmed=False),
)  # fmt: skip

# Ngày Văn hóa Việt Nam (24/11), announced in Resolution 80-NQ/TW; no Labour
# Code amendment making it a day off was found, so it is off only on request.
_CULTURE_DAY = (11, 24)


class WorkCalendar:
    """Working days over a range of years, O(1) per query after the build.

    Args:
        first_year: first year covered.
        last_year: last year covered.
        swaps: swaps applied on top of ``holidays`` (default :data:`DAY_SWAPS`).
        extra_days_off: more days off (local decisions).
        extra_working_days: more working days (a Saturday or holiday worked).
        include_culture_day: treat 24 November (from 2026) as a day off.
    """

    __slots__ = ("_cum", "_first", "_last", "_o0", "_working")

    def __init__(
        self,
        first_year: int = 2010,
        last_year: int = 2035,
        *,
        swaps: Iterable[DaySwap] = DAY_SWAPS,
        extra_days_off: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        include_culture_day: bool = False,
    ) -> None:
        if last_year < first_year:
            msg = f"last_year {last_year} < first_year {first_year}"
            raise ValueError(msg)
        public = holidays.country_holidays("VN", years=range(first_year, last_year + 1))
        off = set(public.keys())
        worked = {d for d in getattr(public, "weekend_workdays", ()) if isinstance(d, date)}
        if not include_culture_day:
            off = {d for d in off if (d.month, d.day) != _CULTURE_DAY or d.year < 2026}
        for swap in swaps:
            if swap.day_off is not None:
                off.add(swap.day_off)
            if swap.make_up is not None:
                worked.add(swap.make_up)
        off |= set(extra_days_off)
        worked |= set(extra_working_days)
        off -= set(extra_working_days)
        self._first = date(first_year, 1, 1)
        self._last = date(last_year, 12, 31)
        self._o0 = self._first.toordinal()
        n = self._last.toordinal() - self._o0 + 1
        flags = bytearray(n)
        for i in range(n):
            day = date.fromordinal(self._o0 + i)
            flags[i] = day in worked or (day.weekday() < 5 and day not in off)
        # _cum[i] = working days on or before day i; _working lists their ordinals.
        self._cum = list(accumulate(flags))
        self._working = [self._o0 + i for i in range(n) if flags[i]]

    @classmethod
    def default(cls) -> WorkCalendar:
        """Return the standard calendar, 2010–2035 (built once, shared)."""
        return _default()

    def __repr__(self) -> str:
        return f"WorkCalendar({self._first.year}–{self._last.year})"

    @property
    def first(self) -> date:
        """First date covered."""
        return self._first

    @property
    def last(self) -> date:
        """Last date covered."""
        return self._last

    def _index(self, day: date) -> int:
        i = day.toordinal() - self._o0
        if i < 0 or i >= len(self._cum):
            msg = (
                f"ngày {day.isoformat()} ngoài lịch {self._first.year}–{self._last.year} / "
                f"{day.isoformat()} is outside the calendar's years "
                f"{self._first.year}–{self._last.year}"
            )
            raise CalendarRangeError(msg)
        return i

    def is_working_day(self, day: date) -> bool:
        """Return whether *day* is a working day.

        >>> cal = WorkCalendar.default()
        >>> cal.is_working_day(date(2026, 1, 2)), cal.is_working_day(date(2026, 1, 10))
        (False, True)
        """
        i = self._index(day)
        return self._cum[i] != (self._cum[i - 1] if i else 0)

    def count_working_days(self, start: date, end: date) -> int:
        """Return the working days in (start, end]; negative when *end* < *start*.

        >>> WorkCalendar.default().count_working_days(date(2026, 1, 1), date(2026, 1, 10))
        6
        """
        return self._cum[self._index(end)] - self._cum[self._index(start)]

    def add_working_days(self, start: date, n: int) -> date:
        """Return the *n*-th working day after *start* (before it, for negative *n*).

        The day of the act is excluded; ``n == 0`` returns *start*.

        >>> WorkCalendar.default().add_working_days(date(2026, 1, 1), 5)
        datetime.date(2026, 1, 9)
        """
        if n == 0:
            return start
        i = self._index(start)
        if n > 0:
            k = self._cum[i] + n - 1
        else:
            k = (self._cum[i - 1] if i else 0) + n
            if k < 0:
                self._index(start - timedelta(days=len(self._cum)))  # raises
        if k >= len(self._working):
            self._index(self._last + timedelta(days=1))  # raises
        return date.fromordinal(self._working[k])

    def next_working_day(self, day: date) -> date:
        """Return the first working day on or after *day*."""
        return day if self.is_working_day(day) else self.add_working_days(day, 1)

    def nonworking_dates(self, start: date | None = None, end: date | None = None) -> list[date]:
        """Return the non-working dates in [start, end] (default: the whole range).

        For vectorised users: numpy/polars business-day functions with a
        seven-day week mask and these dates as holidays reproduce this
        calendar, make-up Saturdays included.
        """
        lo = self._index(start or self._first)
        hi = self._index(end or self._last)
        out = []
        for i in range(lo, hi + 1):
            if self._cum[i] == (self._cum[i - 1] if i else 0):
                out.append(date.fromordinal(self._o0 + i))
        return out


@cache
def _default() -> WorkCalendar:
    return WorkCalendar()
