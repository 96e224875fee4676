"""Personal data kept in its place (dữ liệu cá nhân).

A register holds numbers and dates that identify a person beyond what the
office's work needs to show: the birth date, the party card number, the
personal-record number, and, in many office lists, the citizen-identity
number and the phone number.  dangvien shows them **masked** wherever it
writes for a reader (reprs, messages about bad data, JSON results, frames,
report and calendar files) and in full only when the caller asks:

- ``dangvien --reveal …`` on the command line;
- ``reveal=True`` on a renderer or exporter (:func:`dangvien.output.dumps`,
  :func:`dangvien.render.ics.render_ics`, :func:`dangvien.report.render`,
  :func:`dangvien.frames.people_frame`);
- ``with revealed():`` around any code (reprs and messages included).

The masks are forms an office already knows (:data:`MASKS`):

- a birth date keeps its year: ``**/**/1990`` (the year is what ages and
  the statistical forms use; day and month are hidden);
- a number keeps its last four characters when it has eight or more:
  ``****3456`` (card number), ``****2345`` (``NA012345``, a record number),
  ``********9012`` (a 12-digit citizen-identity number); a shorter value (a
  mistyped number) is hidden entirely: ``*******``.  Separators stay, so
  ``0912 345 678`` reads ``**** **5 678``.

Never masked: the person's id and full name, which are how offices name
members and how every finding names its subject; the stage, the cell and
the dates of acts; the dates the law derives from a birth date (the day
an applicant turns 18, an age on a meeting's day), which are what the
office acts on.  The register itself (``save_dataset``,
``save_workbook``) is the office's own record: it is written in full,
never masked.  A bad value in a personal column is reported masked, as
every personal value is (the file, row, column and reason locate it);
``--reveal`` shows it.  See ``docs/privacy.md``.

Revealing is scoped, not global: :func:`revealed` sets a
:class:`contextvars.ContextVar`, so it holds inside its block, in the
current thread or asyncio task only; another thread, a new thread and any
code after the block see masked values.

>>> from datetime import date
>>> mask(date(1990, 5, 17), Kind.BIRTH_DATE), mask("01234567", Kind.CARD_NO)
('**/**/1990', '****4567')
>>> with revealed():
...     shown("01234567", Kind.CARD_NO)
'01234567'
>>> shown("01234567", Kind.CARD_NO)
'****4567'
"""

from __future__ import annotations

import contextlib
import enum
import re
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from datetime import date
from types import MappingProxyType
from typing import Any, Final

import attrs

from dangvien.messages import Text, render

__all__ = [
    "FIELDS",
    "MASKS",
    "METADATA_KEY",
    "Kind",
    "Personal",
    "guard",
    "is_revealed",
    "mask",
    "mask_birth_date",
    "mask_date_text",
    "mask_number",
    "masked_repr",
    "metadata",
    "personal_fields",
    "revealed",
    "shown",
]


class Kind(enum.Enum):
    """A kind of personal data, and how it is masked (loại dữ liệu cá nhân)."""

    BIRTH_DATE = "birth_date"
    """Ngày sinh: the year stays, ``**/**/1990``."""
    CARD_NO = "card_no"
    """Số thẻ đảng viên: the last four digits stay, ``****3456``."""
    DOSSIER_NO = "dossier_no"
    """Số lý lịch đảng viên: the last four characters stay, ``****2345``."""
    ID_NO = "id_no"
    """Số CCCD / CMND / định danh cá nhân: the last four digits stay."""
    PHONE = "phone"
    """Số điện thoại: the last four digits stay."""

    @property
    def label_vi(self) -> str:
        """Vietnamese name of the kind."""
        return render(f"privacy.kind.{self.value}", "vi")

    @property
    def label_en(self) -> str:
        """English name of the kind."""
        return render(f"privacy.kind.{self.value}", "en")


#: Field and column names (of ``people.csv``, ``events.csv`` and the member
#: list's fields) that hold personal data, with their kind.
FIELDS: Final[Mapping[str, Kind]] = MappingProxyType(
    {
        "birth_date": Kind.BIRTH_DATE,
        "birth_date_male": Kind.BIRTH_DATE,
        "birth_date_female": Kind.BIRTH_DATE,
        "card_no": Kind.CARD_NO,
        "dossier_no": Kind.DOSSIER_NO,
    }
)

#: Each kind with an example of its mask, as the documentation shows them.
MASKS: Final[Mapping[Kind, tuple[str, str]]] = MappingProxyType(
    {
        Kind.BIRTH_DATE: ("17/05/1990", "**/**/1990"),
        Kind.CARD_NO: ("01234567", "****4567"),
        Kind.DOSSIER_NO: ("NA012345", "****2345"),
        Kind.ID_NO: ("001090012345", "********2345"),
        Kind.PHONE: ("0912345678", "******5678"),
    }
)

#: The attrs metadata key that marks a personal field (see :func:`metadata`).
METADATA_KEY: Final = "dangvien.personal"

#: A number shows its last characters only when it is at least this long.
_LONG_ENOUGH: Final = 8
_TAIL: Final = 4
_HIDDEN: Final = "*"
_YEAR: Final = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")

_REVEALED: Final[ContextVar[bool]] = ContextVar("dangvien_privacy_revealed", default=False)


# --- revealing -------------------------------------------------------------------------


def is_revealed() -> bool:
    """Return whether personal data is shown in full here (inside :func:`revealed`)."""
    return _REVEALED.get()


@contextlib.contextmanager
def revealed(reveal: bool = True) -> Iterator[None]:
    """Show personal data in full inside the ``with`` block (this thread or task only).

    Args:
        reveal: False changes nothing, so that a caller can pass its own
            flag through (``with revealed(args.reveal):``); it never hides
            what an enclosing block reveals.

    >>> with revealed():
    ...     is_revealed()
    True
    >>> is_revealed()
    False
    """
    if not reveal:
        yield
        return
    token = _REVEALED.set(True)
    try:
        yield
    finally:
        _REVEALED.reset(token)


# --- masks -----------------------------------------------------------------------------


def mask_birth_date(value: date) -> str:
    """Return a birth date with its day and month hidden: ``**/**/1990``.

    >>> mask_birth_date(date(2001, 1, 9))
    '**/**/2001'
    """
    return render("privacy.mask.birth_date", "vi", year=str(value.year))


def mask_date_text(text: str) -> str:
    """Return a date as written (a cell's text) with every digit hidden but the year's.

    A run of exactly four digits is a year and stays; other digits are hidden.

    >>> mask_date_text("31/02/1990"), mask_date_text("1990-02-31"), mask_date_text("32874")
    ('**/**/1990', '1990-**-**', '*****')
    """
    kept = {i for m in _YEAR.finditer(text) for i in range(m.start(), m.end())}
    return "".join(_HIDDEN if ch.isdigit() and i not in kept else ch for i, ch in enumerate(text))


def mask_number(text: str) -> str:
    """Return a number with all but its last four characters hidden.

    Letters and digits count as characters; separators (spaces, dots,
    dashes) stay where they are.  A value of fewer than eight characters is
    hidden entirely, since its last four would be most of it.

    >>> mask_number("01234567"), mask_number("0912 345 678"), mask_number("1234567")
    ('****4567', '**** **5 678', '*******')
    """
    positions = [i for i, ch in enumerate(text) if ch.isalnum()]
    kept = set(positions[-_TAIL:]) if len(positions) >= _LONG_ENOUGH else set()
    return "".join(_HIDDEN if ch.isalnum() and i not in kept else ch for i, ch in enumerate(text))


def mask(value: object, kind: Kind) -> str:
    """Return *value* masked as its *kind* is (:data:`MASKS`).

    A date is a birth date (``**/**/1990``); text of a birth date keeps only
    its year's digits; anything else is masked as a number.

    >>> mask("NA012345", Kind.DOSSIER_NO), mask("001090012345", Kind.ID_NO)
    ('****2345', '********2345')
    """
    if isinstance(value, date):
        return mask_birth_date(value)
    text = str(value)
    if kind is Kind.BIRTH_DATE:
        return mask_date_text(text)
    return mask_number(text)


def shown(value: Any, kind: Kind) -> Any:
    """Return *value* as a reader may see it here: itself when revealed, else masked.

    None stays None (nothing to hide).
    """
    if value is None or is_revealed():
        return value
    return mask(value, kind)


# --- personal values in messages -------------------------------------------------------


class Personal:
    """A personal value given as a message's fact: rendered masked unless revealed.

    Any :class:`~dangvien.messages.Text` may carry one; the text masks it
    when it is rendered (:func:`dangvien.messages.format_value` reads its
    labels), so whether it shows depends on where the text is read, not
    where it was built.

    Args:
        value: the value (a date, a number as text).
        kind: what it is.

    >>> t = Text("workbook.person.card_no", {"value": Personal("1234567", Kind.CARD_NO)})
    >>> t.en
    'party card number ******* must be exactly 8 digits'
    >>> with revealed():
    ...     t.en
    'party card number 1234567 must be exactly 8 digits'
    """

    __slots__ = ("kind", "value")

    def __init__(self, value: object, kind: Kind) -> None:
        self.value = value
        self.kind = kind

    def text(self) -> str:
        """Return the value as text, masked unless revealed (a date as dd/mm/yyyy)."""
        if not is_revealed():
            return mask(self.value, self.kind)
        if isinstance(self.value, date):
            return f"{self.value.day:02d}/{self.value.month:02d}/{self.value.year}"
        return str(self.value)

    @property
    def label_vi(self) -> str:
        """The value as a Vietnamese text shows it."""
        return self.text()

    @property
    def label_en(self) -> str:
        """The value as an English text shows it."""
        return self.text()

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"Personal({self.text()!r}, {self.kind})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Personal):
            return NotImplemented
        return (self.value, self.kind) == (other.value, other.kind)

    def __hash__(self) -> int:
        return hash((Personal, self.value, self.kind))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Personal, (self.value, self.kind))


def guard(text: Text, kind: Kind | None, *, fact: str = "value") -> Text:
    """Return *text* with its fact *fact* (in it or in a text it holds) made :class:`Personal`.

    Messages about a cell echo the cell's value as the fact ``value``; for a
    personal column that fact is wrapped so that it renders masked.  With no
    *kind* the text is returned as it is.

    >>> t = guard(Text("workbook.at", {"ref": "K5", "what": Text(
    ...     "workbook.person.card_no", {"value": "12345678"})}), Kind.CARD_NO)
    >>> t.en
    'cell K5: party card number ****5678 must be exactly 8 digits'
    """
    if kind is None:
        return text

    def one(name: str, value: object) -> object:
        if isinstance(value, Text):
            return guard(value, kind, fact=fact)
        if name == fact and value is not None and not isinstance(value, Personal):
            return Personal(value, kind)
        return value

    return Text(text.key, tuple((name, one(name, value)) for name, value in text.facts))


# --- personal attributes of model classes ----------------------------------------------


def metadata(kind: Kind) -> dict[str, Kind]:
    """Return the attrs ``metadata`` that marks a field as personal data of *kind*.

    JSON output (:mod:`dangvien.output`) masks such fields unless revealed::

        birth_date: date = attrs.field(
            repr=privacy.masked_repr(Kind.BIRTH_DATE), metadata=privacy.metadata(Kind.BIRTH_DATE)
        )
    """
    return {METADATA_KEY: kind}


def masked_repr(kind: Kind) -> Callable[[Any], str]:
    """Return an attrs field ``repr`` that masks the value unless revealed.

    >>> masked_repr(Kind.BIRTH_DATE)(date(1990, 5, 17))
    "'**/**/1990'"
    """

    def field_repr(value: Any) -> str:
        return repr(shown(value, kind))

    return field_repr


def personal_fields(cls: type) -> dict[str, Kind]:
    """Return the personal fields of the attrs class *cls* (by :func:`metadata`), by name.

    >>> from dangvien.model.people import Person
    >>> sorted(personal_fields(Person))
    ['birth_date', 'card_no', 'dossier_no']
    """
    if not attrs.has(cls):
        return {}
    return {
        f.name: f.metadata[METADATA_KEY] for f in attrs.fields(cls) if METADATA_KEY in f.metadata
    }
