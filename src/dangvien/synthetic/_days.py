"""Working days for the generators: the calendar's, and weekdays beyond it."""

from __future__ import annotations

from datetime import date, timedelta

from dangvien.calendar import CalendarRangeError, WorkCalendar


def working(cal: WorkCalendar, d: date) -> date:
    """The first working day on or after *d* (Monday for a weekend outside the calendar)."""
    try:
        return cal.next_working_day(d)
    except CalendarRangeError:
        return weekday(d)


def weekday(d: date) -> date:
    """Move a Saturday or Sunday to the next Monday (for dates outside the calendar)."""
    return d + timedelta(days=(7 - d.weekday()) % 7) if d.weekday() >= 5 else d


def working_days_before(cal: WorkCalendar, day: date, n: int) -> date:
    """Return the working day *x* with exactly *n* working days in (x, day]."""
    x = day - timedelta(days=n * 7 // 5)
    while cal.count_working_days(x, day) < n:
        x -= timedelta(days=1)
    while cal.count_working_days(x, day) > n:
        x += timedelta(days=1)
    while not cal.is_working_day(x):  # same count one day earlier
        x -= timedelta(days=1)
    return x
