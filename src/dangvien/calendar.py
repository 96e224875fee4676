"""Working days (ngày làm việc) of Vietnamese cán bộ, công chức, viên chức.

A working day is a Monday to Friday (40-hour week, Saturday and Sunday off:
Quyết định 188/1999/QĐ-TTg, so calendars start in 2000) that is not a day
off, plus the Saturdays worked in exchange for a day off (làm bù).  Days off
are:

* the public holidays of the Labour Code 2019 (art. 112) and the days off in
  lieu when one falls on a weekend (nghỉ bù), taken from the ``holidays``
  package (``holidays.country_holidays("VN")``), together with the
  swaps that package already knows (its ``weekend_workdays``);
* the government's day swaps (hoán đổi ngày làm việc), approved each year
  by the Prime Minister and announced by dispatches of the Government Office
  (công văn VPCP-KGVX).  dangvien keeps its own versioned table of them,
  :data:`DAY_SWAPS`, each entry with its reference and a ``confirmed`` flag;
  users add theirs with ``WorkCalendar(swaps=...)``.

Caveat: the ``holidays`` data lags the announcements by months (the 2025 and
2026 swaps first appeared in holidays 0.108; Fri 2/1/2026 off and Sat
10/1/2026 worked, dispatch 12729/VPCP-KGVX, is missing even in 0.109), and
an upgrade can change results silently.  That is why the swaps of the years
dangvien supports are repeated in :data:`DAY_SWAPS` even when ``holidays``
has them, and why years after the last announced schedule are estimates.
From 2026 ``holidays`` also lists 24 November (Ngày Văn hóa Việt Nam); no
enactment making it a day off was found, so it is a working day unless
``include_culture_day=True``.

Counting follows the Civil Code 2015 (art. 147): the day of the act is not
counted, so "within 30 working days of 1 March" ends on the 30th working day
strictly after 1 March.  A :class:`WorkCalendar` is built once for a range
of years; every query after that is O(1).

>>> cal = WorkCalendar.default()
>>> cal.add_working_days(date(2026, 1, 1), 5)  # 2/1 off, 3–4/1 weekend
datetime.date(2026, 1, 9)
>>> cal.count_working_days(date(2026, 1, 1), date(2026, 1, 10))  # Sat 10/1 worked
6
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from itertools import accumulate
from typing import Final

import attrs
import holidays

from dangvien.errors import NotCoveredError, UsageError
from dangvien.messages import Text

__all__ = [
    "CULTURE_DAY_FIRST_YEAR",
    "DAY_SWAPS",
    "DAY_SWAPS_VERSION",
    "FIRST_SUPPORTED_YEAR",
    "LAST_SUPPORTED_YEAR",
    "CalendarRangeError",
    "DaySwap",
    "WorkCalendar",
]

#: First year a calendar may start: the two-day weekend for state employees
#: dates from Quyết định 188/1999/QĐ-TTg (17/9/1999); earlier Saturdays were
#: working days, which this module does not model.
FIRST_SUPPORTED_YEAR: Final = 2000
#: Last year the ``holidays`` data for Vietnam covers.
LAST_SUPPORTED_YEAR: Final = 2100
#: First year ``holidays`` lists 24 November, Ngày Văn hóa Việt Nam
#: (following Resolution 80-NQ/TW); not enacted as a day off, see the module docs.
CULTURE_DAY_FIRST_YEAR: Final = 2026
#: The English name ``holidays`` gives that day ("(observed)" is appended
#: to the day off in lieu).
_CULTURE_DAY_NAME: Final = "Vietnam Cultural Day"

_SATURDAY: Final = 5


class CalendarRangeError(NotCoveredError):
    """A date falls outside the years a :class:`WorkCalendar` was built for."""


def _plain(value: date) -> date:
    """Return *value* as a plain :class:`datetime.date` (pendulum.Date included)."""
    if isinstance(value, datetime) or not isinstance(value, date):
        # A TypeError, as Python raises for a wrong type; worded like dangvien's errors.
        text = Text("error.calendar.not_a_date", {"value": value, "type": type(value).__name__})
        msg = f"{text.vi} / {text.en}"
        raise TypeError(msg)
    return date(value.year, value.month, value.day)


def _weekday_name(value: date) -> Text:
    return Text(f"error.weekday.{value.weekday()}")


def _check_day_off(_: DaySwap, attribute: attrs.Attribute[date], value: date) -> None:
    if value.weekday() >= _SATURDAY:
        facts = {"field": attribute.name, "day": value, "weekday": _weekday_name(value)}
        raise UsageError.from_text(Text("error.calendar.day_off_is_weekend", facts))


def _check_make_up(_: DaySwap, attribute: attrs.Attribute[date | None], value: date | None) -> None:
    if value is not None and value.weekday() < _SATURDAY:
        facts = {"field": attribute.name, "day": value, "weekday": _weekday_name(value)}
        raise UsageError.from_text(Text("error.calendar.make_up_is_weekday", facts))


def _optional_plain(value: date | None) -> date | None:
    return None if value is None else _plain(value)


@attrs.frozen
class DaySwap:
    """A government day swap (hoán đổi ngày làm việc).

    A weekday is given off, usually to join a holiday to a weekend, and
    usually made up by working a Saturday.

    Attributes:
        day_off: the weekday given off (Monday to Friday).
        make_up: the weekend day worked instead, or None when nothing is
            made up (a plain extra day off).
        reference: the document that decided it, or an honest note of where
            the swap was seen when the document was not found.
        note: what it was for.
        confirmed: True when the decision, or press reports of it, were
            found; False when it was seen only in secondary data such as the
            ``holidays`` package.

    >>> DaySwap(date(2026, 1, 2), date(2026, 1, 10), "Công văn 12729/VPCP-KGVX").make_up
    datetime.date(2026, 1, 10)
    """

    day_off: date = attrs.field(converter=_plain, validator=_check_day_off)
    make_up: date | None = attrs.field(converter=_optional_plain, validator=_check_make_up)
    reference: str = attrs.field(validator=attrs.validators.min_len(1))
    note: str = ""
    confirmed: bool = True


#: Version of :data:`DAY_SWAPS` (year and month of the last review against
#: the announcements).  Bump it whenever an entry is added or changed.
DAY_SWAPS_VERSION: Final = "2026.11"

#: The day swaps dangvien applies on top of ``holidays``.  Entries that
#: ``holidays`` (0.108 or later) already has are repeated so that results do
#: not depend on the installed release.
DAY_SWAPS: Final[tuple[DaySwap, ...]] = (
    DaySwap(
        date(2024, 4, 29),
        date(2024, 5, 4),
        "Công văn 2450/VPCP-KGVX ngày 12/4/2024",
        "Lễ 30/4–1/5/2024: nghỉ liền 27/4–1/5, nghỉ thứ Hai 29/4, làm bù thứ Bảy 4/5",
    ),
    DaySwap(
        date(2025, 5, 2),
        date(2025, 4, 26),
        "Lịch nghỉ lễ 30/4–1/5/2025 cho công chức, viên chức (TTXVN/VietnamPlus); "
        "số công văn chưa xác minh; có trong holidays từ 0.108",
        "Lễ 30/4–1/5/2025: nghỉ liền 30/4–4/5, nghỉ thứ Sáu 2/5, làm bù thứ Bảy 26/4",
    ),
    DaySwap(
        date(2026, 1, 2),
        date(2026, 1, 10),
        "Công văn 12729/VPCP-KGVX ngày 25/12/2025",
        "Tết Dương lịch 2026: nghỉ liền 1/1–4/1, nghỉ thứ Sáu 2/1, làm bù thứ Bảy 10/1 "
        "(không có trong holidays 0.109)",
    ),
    DaySwap(
        date(2026, 8, 31),
        date(2026, 8, 22),
        "Theo dữ liệu của holidays (từ 0.108); báo chí nêu kế hoạch nghỉ Quốc khánh 5 ngày "
        "29/8–2/9/2026; chưa tìm thấy công văn",
        "Quốc khánh 2026: nghỉ thứ Hai 31/8, làm bù thứ Bảy 22/8",
        confirmed=False,
    ),
)


def _to_swaps(values: Iterable[DaySwap]) -> tuple[DaySwap, ...]:
    return tuple(values)


def _to_dates(values: Iterable[date]) -> frozenset[date]:
    return frozenset(_plain(v) for v in values)


def _check_year(_: WorkCalendar, attribute: attrs.Attribute[int], value: int) -> None:
    if not FIRST_SUPPORTED_YEAR <= value <= LAST_SUPPORTED_YEAR:
        facts = {
            "field": attribute.name,
            "year": value,
            "first": FIRST_SUPPORTED_YEAR,
            "last": LAST_SUPPORTED_YEAR,
        }
        raise UsageError.from_text(Text("error.calendar.unsupported_year", facts))


def _day_status(
    first_year: int,
    last_year: int,
    swaps: Iterable[DaySwap],
    extra_days_off: frozenset[date],
    extra_working_days: frozenset[date],
    include_culture_day: bool,
) -> dict[date, bool]:
    """Return the dates whose status differs from "Monday–Friday works", or may.

    Later sources win: ``holidays``, then the swaps in order, then the extras.
    """
    public = holidays.country_holidays(
        "VN", years=range(first_year, last_year + 1), language="en_US"
    )
    status: dict[date, bool] = {}
    for day in public:
        names = public.get_list(day)
        if not include_culture_day and all(n.startswith(_CULTURE_DAY_NAME) for n in names):
            continue
        status[_plain(day)] = False
    for day in getattr(public, "weekend_workdays", ()):
        status[_plain(day)] = True
    if include_culture_day:
        # In case an installed ``holidays`` lacks it; its observed days come from there.
        for year in range(max(first_year, CULTURE_DAY_FIRST_YEAR), last_year + 1):
            status[date(year, 11, 24)] = False
    for swap in swaps:
        status[swap.day_off] = False
        if swap.make_up is not None:
            status[swap.make_up] = True
    status.update(dict.fromkeys(extra_days_off, False))
    status.update(dict.fromkeys(extra_working_days, True))
    return status


@attrs.frozen(repr=False)
class WorkCalendar:
    """Working days over a range of years (lịch ngày làm việc), O(1) per query.

    The calendar is immutable and built in the constructor: a sorted tuple
    of working-day ordinals and, for each day of the range, the number of
    working days up to it (its rank).  Build it once and share it;
    :meth:`default` returns a cached standard calendar.

    Precedence, later wins: Monday–Friday; the ``holidays`` days off and
    make-up days; :data:`DAY_SWAPS`, then *swaps* in order; *extra_days_off*;
    *extra_working_days*.  Dates outside the range are ignored when
    building, and rejected with :class:`CalendarRangeError` when queried.

    Args:
        first_year: first year covered (from 2000).
        last_year: last year covered (to 2100).
        swaps: swaps added after :data:`DAY_SWAPS` (local or newer decisions).
        extra_days_off: more days off (a local decision, a new holiday).
        extra_working_days: more working days; to cancel a swap, list its
            ``day_off`` here and its ``make_up`` in *extra_days_off*.
        include_culture_day: treat 24 November (from 2026) as a day off.

    Raises:
        ValueError: for years outside 2000–2100, *last_year* < *first_year*,
            or a date listed both as a day off and as a working day.
    """

    first_year: int = attrs.field(default=2010, validator=_check_year)
    last_year: int = attrs.field(default=2035, validator=_check_year)
    swaps: tuple[DaySwap, ...] = attrs.field(
        default=(),
        converter=_to_swaps,
        validator=attrs.validators.deep_iterable(attrs.validators.instance_of(DaySwap)),
        kw_only=True,
    )
    extra_days_off: frozenset[date] = attrs.field(
        factory=frozenset, converter=_to_dates, kw_only=True
    )
    extra_working_days: frozenset[date] = attrs.field(
        factory=frozenset, converter=_to_dates, kw_only=True
    )
    include_culture_day: bool = attrs.field(default=False, kw_only=True)
    # Built in __attrs_post_init__; day i of the range has ordinal _o0 + i.
    _o0: int = attrs.field(init=False, eq=False)
    _flags: bytes = attrs.field(init=False, eq=False)  # 1 for a working day
    _rank: tuple[int, ...] = attrs.field(init=False, eq=False)  # working days <= day i
    _working: tuple[int, ...] = attrs.field(init=False, eq=False)  # working-day ordinals
    _off: tuple[int, ...] = attrs.field(init=False, eq=False)  # non-working ordinals

    def __attrs_post_init__(self) -> None:
        if self.last_year < self.first_year:
            facts = {"last": self.last_year, "first": self.first_year}
            raise UsageError.from_text(Text("error.calendar.reversed_years", facts))
        clash = self.extra_days_off & self.extra_working_days
        if clash:
            days = tuple(sorted(clash))
            raise UsageError.from_text(Text("error.calendar.off_and_working", {"days": days}))
        status = _day_status(
            self.first_year,
            self.last_year,
            (*DAY_SWAPS, *self.swaps),
            self.extra_days_off,
            self.extra_working_days,
            self.include_culture_day,
        )
        o0 = date(self.first_year, 1, 1).toordinal()
        size = date(self.last_year, 12, 31).toordinal() - o0 + 1
        # date.fromordinal(1) is a Monday, so (ordinal - 1) % 7 is the weekday.
        flags = bytearray((o0 + i - 1) % 7 < _SATURDAY for i in range(size))
        for day, works in status.items():
            i = day.toordinal() - o0
            if 0 <= i < size:
                flags[i] = works
        set_ = object.__setattr__
        set_(self, "_o0", o0)
        set_(self, "_flags", bytes(flags))
        set_(self, "_rank", tuple(accumulate(flags)))
        set_(self, "_working", tuple(o0 + i for i in range(size) if flags[i]))
        set_(self, "_off", tuple(o0 + i for i in range(size) if not flags[i]))

    @classmethod
    def default(cls) -> WorkCalendar:
        """Return the standard calendar, 2010–2035 (built once and shared).

        >>> WorkCalendar.default() is WorkCalendar.default()
        True
        """
        return _default()

    def __repr__(self) -> str:
        parts = [f"{self.first_year}-{self.last_year}"]
        if self.swaps:
            parts.append(f"+{len(self.swaps)} swaps")
        if self.extra_days_off:
            parts.append(f"+{len(self.extra_days_off)} days off")
        if self.extra_working_days:
            parts.append(f"+{len(self.extra_working_days)} working days")
        if self.include_culture_day:
            parts.append("culture day off")
        return f"WorkCalendar({', '.join(parts)})"

    @property
    def first(self) -> date:
        """First date covered (1 January of *first_year*)."""
        return date(self.first_year, 1, 1)

    @property
    def last(self) -> date:
        """Last date covered (31 December of *last_year*)."""
        return date(self.last_year, 12, 31)

    def _index(self, day: date) -> int:
        i = day.toordinal() - self._o0
        if not 0 <= i < len(self._flags):
            text = Text(
                "law.calendar_outside",
                {"day": day, "first": self.first_year, "last": self.last_year},
            )
            raise CalendarRangeError(text.vi, text.en)
        return i

    def is_working_day(self, day: date) -> bool:
        """Return whether *day* is a working day (ngày làm việc).

        Raises:
            CalendarRangeError: when *day* is outside the calendar.

        >>> cal = WorkCalendar.default()
        >>> cal.is_working_day(date(2026, 1, 2)), cal.is_working_day(date(2026, 1, 10))
        (False, True)
        """
        return bool(self._flags[self._index(day)])

    def add_working_days(self, day: date, n: int) -> date:
        """Return the *n*-th working day strictly after *day* ("sau N ngày làm việc").

        The day of the act is not counted (Civil Code 2015, art. 147), so
        ``count_working_days(day, add_working_days(day, n)) == n``.  ``n == 0``
        returns *day* itself, working day or not.  *day* may be a day off.

        Args:
            day: the date of the act the period runs from.
            n: the number of working days, ``n >= 0``.

        Raises:
            ValueError: when *n* is negative.
            CalendarRangeError: when *day* or the result is outside the calendar.

        >>> WorkCalendar.default().add_working_days(date(2025, 4, 25), 1)  # Sat 26/4 worked
        datetime.date(2025, 4, 26)
        """
        if n < 0:
            raise UsageError.from_text(Text("error.calendar.negative_days", {"n": n}))
        i = self._index(day)
        if n == 0:
            return date.fromordinal(self._o0 + i)
        k = self._rank[i] + n - 1
        if k >= len(self._working):
            text = Text("law.calendar_beyond", {"n": n, "day": day, "last": self.last_year})
            raise CalendarRangeError(text.vi, text.en)
        return date.fromordinal(self._working[k])

    def count_working_days(self, start: date, end: date) -> int:
        """Return the number of working days in (start, end]: *start* excluded, *end* included.

        Antisymmetric: when *end* is before *start* the result is minus the
        count over (end, start], so counts over adjacent spans add up.

        Raises:
            CalendarRangeError: when a date is outside the calendar.

        >>> cal = WorkCalendar.default()
        >>> cal.count_working_days(date(2026, 1, 1), date(2026, 1, 10))
        6
        >>> cal.count_working_days(date(2026, 1, 10), date(2026, 1, 1))
        -6
        """
        return self._rank[self._index(end)] - self._rank[self._index(start)]

    def working_days_between(self, start: date, end: date) -> tuple[date, ...]:
        """Return the working days in (start, end], in order (empty when *end* <= *start*).

        Its length is ``count_working_days(start, end)`` when *end* >= *start*.

        Raises:
            CalendarRangeError: when a date is outside the calendar.

        >>> WorkCalendar.default().working_days_between(date(2026, 1, 1), date(2026, 1, 6))
        (datetime.date(2026, 1, 5), datetime.date(2026, 1, 6))
        """
        lo, hi = self._rank[self._index(start)], self._rank[self._index(end)]
        return tuple(date.fromordinal(o) for o in self._working[lo:hi])

    def next_working_day(self, day: date) -> date:
        """Return *day* if it is a working day, else the first working day after it.

        This is the roll-forward of the Civil Code 2015 (art. 148) for a
        period whose last day is a day off.

        Raises:
            CalendarRangeError: when *day* or the result is outside the calendar.

        >>> WorkCalendar.default().next_working_day(date(2026, 1, 1))
        datetime.date(2026, 1, 5)
        """
        i = self._index(day)
        if self._flags[i]:
            return date.fromordinal(self._o0 + i)
        return self.add_working_days(day, 1)

    def nonworking_dates(
        self, start: date | None = None, end: date | None = None
    ) -> tuple[date, ...]:
        """Return the non-working dates in [start, end], sorted (default: the whole range).

        For vectorised users: numpy or polars business-day functions given a
        seven-day week mask and these dates as holidays reproduce this
        calendar, make-up Saturdays included (a Monday–Friday mask cannot).

        Raises:
            CalendarRangeError: when a date is outside the calendar.

        >>> days = WorkCalendar.default().nonworking_dates(date(2026, 1, 1), date(2026, 1, 11))
        >>> [d.day for d in days]  # Sat 10/1 is worked
        [1, 2, 3, 4, 11]
        """
        lo = self._index(self.first if start is None else start)
        hi = self._index(self.last if end is None else end)
        # Non-working days among days 0..i: (i + 1) - rank[i].
        before = lo - self._rank[lo - 1] if lo else 0
        upto = hi + 1 - self._rank[hi]
        return tuple(date.fromordinal(o) for o in self._off[before:upto])


@cache
def _default() -> WorkCalendar:
    return WorkCalendar()
