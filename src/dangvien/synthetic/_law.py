"""The law as the generators read it: dated parameters and the document register.

Every legal number a generator uses (ages, probation, votes, time limits,
badge levels and days, the end of the districts) comes from here, read from
:mod:`dangvien.parameters` or :mod:`dangvien.documents`; the generators keep
their own choices (how long a step takes) well inside those limits.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final, TypeVar

from dangvien.dates import add_months
from dangvien.documents import default_register
from dangvien.parameters import (
    ADMISSION_AGE_MIN_YEARS,
    ADMISSION_DECISION_WD,
    BADGE_OCCASIONS,
    MISSING_STEPS_JUDGED,
    PROBATION_MONTHS,
    Key,
    ParameterNotCovered,
    default_parameters,
)

T = TypeVar("T")


def current(key: Key[T]) -> T:
    """The parameter's value as the law now stands (its latest)."""
    return default_parameters().parameter(key).values[-1].value


def value(key: Key[T], on: date) -> T:
    """The law's value on *on*, or its earliest for an older date (plausible, never judged)."""
    return default_parameters().value_or_first(key, on)


def law_value(key: Key[T], on: date) -> T | None:
    """The law's value on *on*, or None before the law dangvien encodes."""
    try:
        return default_parameters().value(key, on)
    except ParameterNotCovered:
        return None


def adult_months() -> int:
    """Minimum admission age in months as the law now stands (a dated, cited parameter)."""
    return current(ADMISSION_AGE_MIN_YEARS) * 12


def probation_end(ceremony: date) -> date:
    """The last day of probation: the ceremony plus the probation in force then."""
    return add_months(ceremony, value(PROBATION_MONTHS, ceremony))


def districts_end() -> date:
    """Last day of the district level: the eve of 294-QĐ/TW taking effect."""
    return default_register().by_key("294-QĐ/TW/2025").effective - timedelta(days=1)


def _first_day(key: Key[bool]) -> date:
    """The first day *key* is true."""
    return next(v.start for v in default_parameters().parameter(key).values if v.value)


#: The day the register is taken to record every step (29-QĐ/TW, 25/7/2016):
#: members admitted up to the end of the year two years before get abbreviated
#: histories, as registers transcribed from paper files do.
OLD_ADMISSION_LAST: Final = date(_first_day(MISSING_STEPS_JUDGED).year - 2, 12, 31)

#: The first year a history may start: the procedures behind its first
#: recognitions start up to two years before, and must fall wholly after the
#: day the working-day time limits start (29-QĐ/TW), so that their steps are
#: complete.
FIRST_START: Final = default_parameters().parameter(ADMISSION_DECISION_WD).values[0].start.year + 3

# The badge award occasions (3/2, 19/5, 2/9, 7/11) as the law now sets them.
_BADGE_DAYS: Final = current(BADGE_OCCASIONS)


def next_anniversary(on: date) -> date:
    """The first badge-awarding occasion on or after *on*."""
    for year in (on.year, on.year + 1):
        for month, day in _BADGE_DAYS:
            d = date(year, month, day)
            if d >= on:
                return d
    raise AssertionError  # pragma: no cover
