"""Parsers of single values written as text, shared by the CSV readers and the converter.

Each parser takes text already in NFC without outer whitespace and returns the
value, or raises :class:`~dangvien.io._issues.Problem` saying what was
expected.  Nothing is guessed: a slash date is always day first, booleans are
a closed list of words, enum labels must match a value (ignoring case only).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from datetime import date
from typing import Final, TypeVar

from dangvien._text import key
from dangvien.dates import parse_date
from dangvien.io._issues import Problem

__all__ = [
    "BAD_BOOL",
    "BAD_DATE",
    "BAD_INT",
    "NO_SUCH_DATE",
    "enum_expected",
    "enum_parser",
    "parse_bool",
    "parse_date_text",
    "parse_int",
]

E = TypeVar("E", bound=enum.Enum)

_DATE_SHAPE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}")
_INT: Final = re.compile(r"-?[0-9]+")

#: What each parser expects, (Vietnamese, English).
BAD_DATE: Final = (
    "cần ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy",
    "expected a date as YYYY-MM-DD or dd/mm/yyyy",
)
NO_SUCH_DATE: Final = ("không có ngày này trong lịch", "no such date in the calendar")
BAD_INT: Final = ("cần số nguyên (chữ số 0–9)", "expected a whole number (digits 0–9)")
BAD_BOOL: Final = (
    "cần có hoặc không (hoặc true/false, 1/0)",
    "expected có or không (or true/false, 1/0)",
)

_TRUE: Final = frozenset({"có", "true", "1"})
_FALSE: Final = frozenset({"không", "false", "0"})


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
        raise Problem(*BAD_DATE)
    try:
        return parse_date(text)
    except ValueError:
        raise Problem(*NO_SUCH_DATE) from None


def parse_int(text: str) -> int:
    """Parse a whole number written with ASCII digits.

    >>> parse_int("-3")
    -3
    """
    if not _INT.fullmatch(text):
        raise Problem(*BAD_INT)
    return int(text)


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
    raise Problem(*BAD_BOOL)


def enum_parser(cls: type[E]) -> Callable[[str], E]:
    """Return a parser of *cls*'s values (its labels), matched after NFC and case folding.

    >>> from dangvien.model.people import Sex
    >>> enum_parser(Sex)("Nữ")
    <Sex.FEMALE: 'nữ'>
    """
    labels = {key(str(member.value)): member for member in cls}

    def parse(text: str) -> E:
        found = labels.get(key(text))
        if found is None:
            raise Problem(*enum_expected(cls))
        return found

    return parse


def enum_expected(cls: type[enum.Enum]) -> tuple[str, str]:
    """Return what a value of *cls* must be, (Vietnamese, English), listing the labels."""
    allowed = ", ".join(str(member.value) for member in cls)
    return f"cần một trong: {allowed}", f"expected one of: {allowed}"
