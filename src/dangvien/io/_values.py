"""Parsers of single values written as text, shared by the CSV readers and the converter.

Each parser takes text already in NFC without outer whitespace and returns the
value, or raises :class:`~dangvien.io._issues.Problem` saying what was
expected.  Nothing is guessed: a slash date is always day first, booleans are
a closed list of words, enum labels must match a value (ignoring case only).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Final, TypeVar

from dangvien._text import key
from dangvien.dates import parse_date
from dangvien.io._issues import Problem
from dangvien.messages import Text

__all__ = [
    "BAD_BOOL",
    "BAD_DATE",
    "BAD_INT",
    "CONTROL",
    "MAX_COUNT",
    "NO_SUCH_DATE",
    "check_count",
    "enum_expected",
    "enum_parser",
    "has_control",
    "parse_bool",
    "parse_date_text",
    "parse_int",
]

E = TypeVar("E", bound=enum.Enum)

_DATE_SHAPE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")
_INT: Final = re.compile(r"-?[0-9]+")

#: The largest number a dataset may hold (a target, a total, a vote, a year).
#: The whole Communist Party of Vietnam admits about 200 000 members a year
#: and has about 5.6 million; no committee's plan, target, total or vote can
#: exceed a million, and every year of a register is far below it.  A bigger
#: number is a typing accident (a phone number, a date without separators, an
#: extra row of zeros) that would make every ratio and sum meaningless.
MAX_COUNT: Final = 1_000_000

#: What each parser expects.
BAD_DATE: Final = Text("io.value.bad_date")
NO_SUCH_DATE: Final = Text("io.value.no_such_date")
BAD_INT: Final = Text("io.value.bad_int")
BAD_BOOL: Final = Text("io.value.bad_bool")
CONTROL: Final = Text("io.value.control")
_NEGATIVE: Final = Text("io.value.negative")
_IMPLAUSIBLE: Final = Text("io.value.implausible", {"limit": MAX_COUNT})

_TRUE: Final = frozenset({"có", "true", "1"})
_FALSE: Final = frozenset({"không", "false", "0"})
#: Line breaks and tabs may stand in free text (a note over several lines).
_ALLOWED_CONTROL: Final = frozenset("\t\n\r")


def has_control(text: str) -> bool:
    r"""Return whether *text* holds a control character other than a tab or a line break.

    Such characters (NUL, escape, the C1 range) never belong in a register;
    they come from binary garbage or a broken export.

    >>> has_control("Ghi chú\ndòng hai"), has_control("A\x00B")
    (False, True)
    """
    if text.isprintable():
        return False
    return any(unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROL for ch in text)


def parse_date_text(text: str) -> date:
    """Parse ``YYYY-MM-DD`` or day-first ``dd/mm/yyyy`` (``8/6/2023`` too).

    >>> parse_date_text("8/6/2023")
    datetime.date(2023, 6, 8)
    >>> parse_date_text("31/02/2024")
    Traceback (most recent call last):
    ...
    dangvien.io._issues.Problem: không có ngày này trong lịch / no such date in the calendar
    """
    if not _DATE_SHAPE.fullmatch(text):
        raise Problem(BAD_DATE)
    try:
        return parse_date(text)
    except ValueError:
        raise Problem(NO_SUCH_DATE) from None


def check_count(value: int) -> int:
    """Return *value* if it is a plausible count or year: 0 to :data:`MAX_COUNT`.

    >>> check_count(21)
    21
    >>> check_count(10**12)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dangvien.io._issues.Problem: lớn quá mức hợp lý, tối đa 1.000.000 / implausibly large, ...
    """
    if value < 0:
        raise Problem(_NEGATIVE)
    if value > MAX_COUNT:
        raise Problem(_IMPLAUSIBLE)
    return value


def parse_int(text: str) -> int:
    """Parse a whole number written with ASCII digits, 0 to :data:`MAX_COUNT`.

    >>> parse_int("021")
    21
    >>> parse_int("-3")
    Traceback (most recent call last):
    ...
    dangvien.io._issues.Problem: cần số ≥ 0 / expected a number ≥ 0
    """
    if not _INT.fullmatch(text):
        raise Problem(BAD_INT)
    digits = text.lstrip("-").lstrip("0")
    if len(digits) > len(str(MAX_COUNT)):  # never convert thousands of digits
        raise Problem(_NEGATIVE if text.startswith("-") else _IMPLAUSIBLE)
    return check_count(int(text))


def parse_bool(text: str) -> bool:
    """Parse ``có``/``không`` (also ``true``/``false``, ``1``/``0``), ignoring case.

    >>> parse_bool("Có"), parse_bool("false")
    (True, False)
    """
    folded = text.casefold()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise Problem(BAD_BOOL)


def enum_parser(cls: type[E]) -> Callable[[str], E]:
    """Return a parser of *cls*'s values (its labels), matched after NFC and case folding.

    >>> from dangvien.model.people import Sex
    >>> enum_parser(Sex)("Nữ")
    <Sex.FEMALE: 'nữ'>
    """
    labels = {key(str(member.value)): member for member in cls}
    expected = enum_expected(cls)

    def parse(text: str) -> E:
        found = labels.get(key(text))
        if found is None:
            raise Problem(expected)
        return found

    return parse


def enum_expected(cls: type[enum.Enum]) -> Text:
    """Return what a value of *cls* must be, listing the labels."""
    return Text("io.value.enum", {"labels": ", ".join(str(member.value) for member in cls)})
