r"""Excel workbooks and Vietnamese-header CSV: the member lists offices keep, read and written.

:func:`read_workbook` reads an ``.xlsx`` workbook, :func:`read_member_list_csv`
a CSV file with Vietnamese headers; both return a :class:`WorkbookResult`
(people, events per person, issues).  :func:`save_workbook` writes a
dataset's register as a workbook that reads back to the same records.
openpyxl is needed for workbooks (``pip install "dangvien[excel]"``), not
for CSV.

Sheets
------

Every sheet is classified by its header row, found among the first 30 rows
(a title block may stand above it): a header with ``Loại sự kiện`` (and
``Mã`` or ``Ngày``) makes an **event sheet**, one with ``Họ và tên`` a
**member list**.  A workbook may hold several member lists (one per cell)
and several event sheets; ids are unique across all of them.  The sheet
``Danh mục`` (the drop-down lists dangvien writes) and the sheets named in
``ignore_sheets`` of the mapping file are read past; any other sheet with
content is reported.  Headers are matched as
:mod:`dangvien.io._headers` describes (diacritics, case and punctuation
ignored).  A header may span two rows: a group header over sub-columns
(``Ngày sinh`` over ``Nam`` | ``Nữ``, ``Trình độ`` over ``GDPT`` |
``LLCT``), merged or not; a row numbering the columns (``1``, ``(2)``…)
under the header is skipped.  Rows are numbered as Excel numbers them; a row
whose cells are all blank is skipped.

The member list, field by field
-------------------------------

One row is one :class:`~dangvien.model.people.Person`:

- ``id``: the ``Mã`` column; without one, the ``STT`` column; without
  either, ``<sheet>:<row>`` (``Danh sách:7``), which changes when rows move,
  so keep a ``Mã`` column when an event sheet refers to people.  A whole
  number (an STT) is its digits.
- ``full_name``, ``ethnicity`` (default ``Kinh``), ``hamlet``,
  ``workplace``: text, NFC.
- ``birth_date``: the ``Ngày sinh`` column, or the ``Nam`` / ``Nữ``
  sub-columns, which give the sex too (a ``Giới tính`` column, if present,
  must agree).
- ``sex``: ``nam`` / ``nữ`` in any case, with their diacritics.
- ``education``: a label (``THCS``, ``THPT``, ``tiểu học``…) or the grade
  notation of the lý lịch: ``12/12`` and ``10/10`` are THPT, ``9/12`` and
  ``7/10`` THCS, ``5/12`` and ``4/10`` tiểu học; a grade that ends no level
  (``11/12``) is reported.  Blank is THPT, as in ``people.csv``.
- ``cell``: a cell's id, name or alias, matched with every diacritic kept;
  a miss suggests the name that matches without diacritics.
- ``special_area``: ``có`` / ``không``.
- ``card_no`` (8 digits) and ``dossier_no``: text, so leading zeros
  survive; a number typed as a number is reported, never padded.

Three date columns become events:

- ``Ngày quyết định kết nạp`` → :class:`~dangvien.model.events.AdmissionDecision`
  on that date.
- ``Ngày vào Đảng`` / ``Ngày kết nạp`` → :class:`~dangvien.model.events.AdmissionCeremony`
  on that date, in the row's cell (a row without a cell is reported).
- ``Ngày chính thức`` → :class:`~dangvien.model.events.RecognitionDecision`
  with ``official_from`` that date.  The list does not give the decision's
  own date and dangvien does not invent one: the event is dated on
  ``official_from`` with a note saying the decision date is unknown.  Rules
  that judge when the recognition decision was taken therefore see it on
  the day official membership began, and find no cell resolution to count
  from unless the event sheet records one.

When the event sheet also records an event of that type for the person, the
list's date is a summary of it: it must equal one of those events' dates
(for ``Ngày chính thức``, their ``official_from``), and then adds nothing;
otherwise it is reported.  This is what makes :func:`save_workbook`'s
output, which fills those columns from the events, read back unchanged.

The event sheet
---------------

One row per event, the columns of ``events.csv`` under Vietnamese headers
(:data:`~dangvien.io._headers.EVENT_HEADERS`).  ``Loại sự kiện`` is the
event's Vietnamese title (``Lễ kết nạp đảng viên``, what dangvien writes) or
its tag (``ceremony``).  Columns that do not apply to a row's type must be
blank, as in ``events.csv``.

Values
------

Dates: a date cell (whatever format Excel shows it in: the stored serial is
unambiguous), an Excel serial number, or text ``dd/mm/yyyy`` (day first,
also with ``-`` or ``.``, leading zeros optional) or ``yyyy-mm-dd``.  A year
alone (``1948``, ``…/…/1948``) or a month and year is reported with the
full date to enter; dangvien never guesses one.  A date with a time, a
formula without a stored value, and text typed as a number are reported.

Each issue names the sheet, the Excel row, the column letter and header,
the value and what was expected, and its message starts with the A1
reference::

    danh-sach.xlsx[Danh sách]:7: cột "C (Ngày sinh)" = "31/02/1990": ô C7: không có ngày này
      (cell C7: no such date in the calendar)
"""

from __future__ import annotations

import csv
import enum
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from dangvien import privacy
from dangvien._text import key, nfc
from dangvien.errors import DataError, UsageError
from dangvien.io._headers import (
    BIRTH_FEMALE,
    BIRTH_MALE,
    EVENT_FIELDS,
    EVENT_HEADERS,
    IGNORE,
    MAPPING_FILE,
    MEMBER_FIELDS,
    MEMBER_HEADERS,
    HeaderMapping,
    Table,
    match_header,
    read_mapping,
)
from dangvien.io._issues import LoadIssue
from dangvien.messages import Text
from dangvien.model import events as ev
from dangvien.model.org import Organization
from dangvien.model.people import CARD_NO, DOSSIER_NO, EducationLevel, Person, Sex
from dangvien.model.register import Dataset, Record

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "HEADER_SCAN_ROWS",
    "SHEET_EVENTS",
    "SHEET_LISTS",
    "SHEET_MEMBERS",
    "SheetIssue",
    "WorkbookResult",
    "a1",
    "column_letter",
    "read_member_list_csv",
    "read_workbook",
    "require_openpyxl",
    "save_workbook",
    "sheet_issue",
]

#: The member list dangvien writes.
SHEET_MEMBERS: Final = "Danh sách"
#: The event sheet dangvien writes.
SHEET_EVENTS: Final = "Sự kiện"
#: The sheet of drop-down lists dangvien writes; read past.
SHEET_LISTS: Final = "Danh mục"
#: How many rows from the top are searched for the header row.
HEADER_SCAN_ROWS: Final = 30

_PAYLOAD: Final = ("date", "doc_no", "issuer", "note")
_PERSON_OPTIONAL: Final = (
    "ethnicity",
    "education",
    "hamlet",
    "workplace",
    "cell",
    "special_area",
    "card_no",
    "dossier_no",
)


# --- locations -------------------------------------------------------------------


def column_letter(col: int) -> str:
    """Return the letters of the 1-based column *col*.

    >>> column_letter(1), column_letter(26), column_letter(27), column_letter(703)
    ('A', 'Z', 'AA', 'AAA')
    """
    if col < 1:
        msg = f"column numbers start at 1, got {col}"
        raise ValueError(msg)
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def a1(row: int, col: int) -> str:
    """Return the A1 reference of the 1-based *row* and *col*.

    >>> a1(7, 3)
    'C7'
    """
    return f"{column_letter(col)}{row}"


@attrs.frozen(repr=False)
class SheetIssue(LoadIssue):
    """A :class:`~dangvien.io.LoadIssue` in a sheet: its column is a column (cột), not a key.

    ``file`` is ``<file name>[<sheet>]`` for a workbook, the file name for a
    CSV file; ``row`` the row as Excel numbers it; ``column`` the letter and
    the header, ``C (Ngày sinh)``.
    """

    @property
    def tabular(self) -> bool:
        """A sheet's columns are columns."""
        return True


def sheet_issue(
    file: str,
    row: int | None,
    col: int | None,
    header: str | None,
    value: str | None,
    reason: Text,
    field: str | None = None,
) -> SheetIssue:
    """Build the issue of one cell, column or sheet; the only place issues are made here.

    Args:
        file: the file label, ``danh-sach.xlsx[Danh sách]``.
        row: the Excel row, or None for the whole sheet.
        col: the 1-based column, or None when the issue has no column.
        header: the column's header as written (a field name when the
            column is missing).
        value: the cell's value as shown, or None.
        reason: what was expected; prefixed with the A1 reference when
            both *row* and *col* are known.
        field: the column's field; a personal one's value is masked in
            messages (:data:`dangvien.privacy.FIELDS`).

    """
    if row is not None and col is not None:
        reason = Text("workbook.at", {"ref": a1(row, col), "what": reason})
    if col is not None:
        column: str | None = f"{column_letter(col)} ({header or ''})"
    else:
        column = header
    personal = privacy.FIELDS.get(field or header or "")
    return SheetIssue(file, row, column, value, reason, personal=personal)


# --- the result ----------------------------------------------------------------------


@attrs.frozen
class WorkbookResult:
    """What :func:`read_workbook` and :func:`read_member_list_csv` return.

    Attributes:
        people: the people read without a problem, in sheet and row order.
        events: their events by person id, the event sheet's first.
        issues: every problem found.

    """

    people: tuple[Person, ...]
    events: Mapping[str, tuple[ev.Event, ...]]
    issues: tuple[LoadIssue, ...]

    @property
    def ok(self) -> bool:
        """True when there is no issue."""
        return not self.issues

    def records(self) -> tuple[Record, ...]:
        """Return one :class:`~dangvien.model.register.Record` per person."""
        return tuple(Record(p, self.events.get(p.id, ())) for p in self.people)


def require_openpyxl() -> types.ModuleType:
    """Import openpyxl, or tell the user how to install it.

    Raises:
        UsageError: when openpyxl is not installed.

    """
    try:
        import openpyxl
    except ImportError:
        text = Text("workbook.install")
        raise UsageError(text.vi, text.en) from None
    return openpyxl


# --- grids: a sheet or a CSV file as rows of typed values ------------------------------


@attrs.frozen
class _Formula:
    """A formula cell: its text and the value Excel stored (None when never computed)."""

    text: str
    cached: object


@attrs.define
class _Grid:
    file: str
    title: str
    rows: list[tuple[int, list[object]]]
    merged: list[tuple[int, int, int, int]] = attrs.field(factory=list)
    epoch: datetime | None = None

    def by_number(self) -> dict[int, list[object]]:
        return dict(self.rows)

    def expanded(self) -> dict[tuple[int, int], object]:
        """(row, 1-based col) → the value of the merged range covering it."""
        rows = self.by_number()
        out: dict[tuple[int, int], object] = {}
        for r0, c0, r1, c1 in self.merged:
            top = rows.get(r0, [])
            value = top[c0 - 1] if c0 - 1 < len(top) else None
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    out[r, c] = value
        return out


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: object) -> str | None:
    """The value of a cell as a user reads it."""
    if isinstance(value, _Formula):
        return value.text
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        shown = f"{value.day:02d}/{value.month:02d}/{value.year}"
        return shown if value.time() == time() else f"{shown} {value:%H:%M:%S}"
    if isinstance(value, date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _workbook_grids(path: Path, issues: list[LoadIssue]) -> list[_Grid] | None:
    openpyxl = require_openpyxl()
    try:
        wb = openpyxl.load_workbook(path, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign file
        text = Text("workbook.file.unreadable", {"error": f"{type(exc).__name__}: {exc}"})
        issues.append(sheet_issue(path.name, None, None, None, None, text))
        return None
    cached: Workbook | None = None
    grids = []
    for ws in wb.worksheets:
        rows: list[tuple[int, list[object]]] = []
        for cells in ws.iter_rows():
            values: list[object] = []
            for cell in cells:
                value = cell.value
                if cell.data_type == "f" or type(value).__name__ in (
                    "ArrayFormula",
                    "DataTableFormula",
                ):
                    if cached is None:
                        cached = openpyxl.load_workbook(path, data_only=True)
                    formula = str(getattr(value, "text", None) or value)
                    value = _Formula(formula, cached[ws.title][cell.coordinate].value)
                values.append(value)
            if cells:
                rows.append((cells[0].row, values))
        merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        grids.append(_Grid(f"{path.name}[{ws.title}]", ws.title, rows, merged, wb.epoch))
    return grids


def _csv_grid(path: Path, issues: list[LoadIssue]) -> _Grid | None:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows: list[tuple[int, list[object]]] = [
                (n, list(row)) for n, row in enumerate(csv.reader(fh), start=1)
            ]
    except UnicodeDecodeError:
        issues.append(sheet_issue(path.name, None, None, None, None, Text("workbook.file.utf8")))
        return None
    except csv.Error as exc:
        text = Text("workbook.file.unreadable", {"error": str(exc)})
        issues.append(sheet_issue(path.name, None, None, None, None, text))
        return None
    return _Grid(path.name, path.stem, rows)


# --- headers -------------------------------------------------------------------------


@attrs.frozen
class _Column:
    col: int  # 1-based
    header: str
    field: str | None


@attrs.frozen
class _Layout:
    table: Table
    header_row: int
    data: list[tuple[int, list[object]]]
    columns: tuple[_Column, ...]


_COLUMN_NUMBER: Final = re.compile(r"\(?\s*([0-9]{1,2})\s*\)?")


def _text_of(value: object) -> str:
    if isinstance(value, str):
        return " ".join(nfc(value).split())
    return "" if value is None else (_shown(value) or "")


def _numbering(values: Sequence[object]) -> bool:
    """Whether a row only numbers the columns: ``1 2 3…`` or ``(1) (2)…``."""
    numbers = []
    for j, v in enumerate(values):
        if _blank(v):
            continue
        if isinstance(v, int) and not isinstance(v, bool):
            numbers.append(v - j)
        elif m := _COLUMN_NUMBER.fullmatch(_text_of(v)):
            numbers.append(int(m[1]) - j)
        else:
            return False
    # Numbered columns: each number is its column's position (plus one offset).
    return len(numbers) >= 2 and len(set(numbers)) == 1


def _detect(
    grid: _Grid, mapping: HeaderMapping | None
) -> tuple[int, Table, list[str], dict[tuple[int, int], object]] | None:
    """Find the header row: (index in grid.rows, table, header texts, merged values)."""
    merged = grid.expanded()
    for i, (n, values) in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        texts = [_text_of(merged.get((n, j + 1), v)) for j, v in enumerate(values)]
        events = {match_header(t, "events", mapping).field for t in texts if t}
        if "type" in events and ({"person_id", "date"} & events):
            return i, "events", texts, merged
        members = {match_header(t, "member_list", mapping).field for t in texts if t}
        if "full_name" in members:
            return i, "member_list", texts, merged
    return None


def _layout(grid: _Grid, mapping: HeaderMapping | None, issues: list[LoadIssue]) -> _Layout | None:
    found = _detect(grid, mapping)
    if found is None:
        return None
    i, table, top, merged = found
    n = grid.rows[i][0]
    anchor = "full_name" if table == "member_list" else "type"
    anchor_col = next(
        j for j, t in enumerate(top) if t and match_header(t, table, mapping).field == anchor
    )
    width = max((len(v) for _, v in grid.rows), default=0)
    top = top + [""] * (width - len(top))
    sub: list[str] | None = None
    data_from = i + 1
    if data_from < len(grid.rows) and grid.rows[data_from][0] == n + 1:
        values = grid.rows[data_from][1]
        below = [_text_of(merged.get((n + 1, j + 1), v)) for j, v in enumerate(values)]
        below += [""] * (width - len(below))
        if _is_sub_header(grid, n, top, below, anchor_col, table, mapping):
            sub = below
            data_from += 1
    if data_from < len(grid.rows) and _numbering(grid.rows[data_from][1]):
        data_from += 1
    columns = _columns(top, sub, table, mapping)
    _check_columns(grid, n, table, columns, mapping, issues)
    return _Layout(table, n, grid.rows[data_from:], tuple(columns))


def _is_sub_header(
    grid: _Grid,
    n: int,
    top: list[str],
    below: list[str],
    anchor: int,
    table: Table,
    mapping: HeaderMapping | None,
) -> bool:
    """Whether row *n* + 1 holds sub-headers of row *n* (a two-row header)."""
    if below[anchor] and below[anchor] != top[anchor]:
        return False  # a data row: it has a name (or an event type)
    filled = [(j, t) for j, t in enumerate(below) if t and t != top[j]]
    if not filled or _numbering(below):
        return False
    if any(r0 == n and (r1 > n or c1 > c0) for r0, c0, r1, c1 in grid.merged):
        return True
    # Unmerged, a group header stands over a blank header cell on its right.
    if not any(not top[j] and t for j, t in filled):
        return False
    group = _groups(top, below)
    return all(
        match_header(f"{group[j]} {t}", table, mapping).field is not None
        or match_header(t, table, mapping).field is not None
        for j, t in filled
    )


def _groups(top: list[str], below: list[str]) -> list[str]:
    """The group header over each column: a blank top cell continues the one on its left."""
    out = []
    current = ""
    for t, b in zip(top, below, strict=True):
        if t:
            current = t
        out.append(t or (current if b else ""))
    return out


def _columns(
    top: list[str], sub: list[str] | None, table: Table, mapping: HeaderMapping | None
) -> list[_Column]:
    columns = []
    groups = _groups(top, sub) if sub is not None else top
    for j in range(len(top)):
        s = sub[j] if sub is not None else ""
        g = groups[j]
        if s and s != g:
            header = f"{g} / {s}" if g else s
            m = match_header(f"{g} {s}", table, mapping) if g else match_header(s, table, mapping)
            if m.field is None and not m.stacked:
                m = match_header(s, table, mapping)
        else:
            header = g
            m = match_header(g, table, mapping)
        if not header:
            columns.append(_Column(j + 1, "", None))
        elif m.stacked:
            columns.append(_Column(j + 1, header, "stacked:" + " | ".join(m.stacked)))
        else:
            columns.append(_Column(j + 1, header, m.field))
    return columns


def _check_columns(
    grid: _Grid,
    n: int,
    table: Table,
    columns: list[_Column],
    mapping: HeaderMapping | None,
    issues: list[LoadIssue],
) -> None:
    seen: dict[str, _Column] = {}
    for c in columns:
        if not c.header:
            continue
        if c.field is None:
            text = Text("workbook.header.unknown", {"mapping": MAPPING_FILE})
            issues.append(sheet_issue(grid.file, n, c.col, c.header, None, text))
        elif c.field.startswith("stacked:"):
            text = Text("workbook.header.stacked", {"columns": c.field.removeprefix("stacked:")})
            issues.append(sheet_issue(grid.file, n, c.col, c.header, None, text))
        elif c.field != IGNORE:
            if c.field in seen:
                first = seen[c.field]
                text = Text("workbook.header.duplicate", {"column": column_letter(first.col)})
                issues.append(sheet_issue(grid.file, n, c.col, c.header, None, text))
            else:
                seen[c.field] = c
    fields = set(seen)
    required: list[tuple[str, tuple[str, ...]]]
    if table == "member_list":
        required = [
            ("full_name", ("full_name",)),
            ("birth_date", ("birth_date", BIRTH_MALE, BIRTH_FEMALE)),
            ("sex", ("sex", BIRTH_MALE, BIRTH_FEMALE)),
        ]
        headers = MEMBER_HEADERS
    else:
        required = [(f, (f,)) for f in ("person_id", "date", "type")]
        headers = EVENT_HEADERS
    for name, any_of in required:
        if not fields & set(any_of):
            text = Text("workbook.header.missing", {"header": headers[name][0]})
            issues.append(sheet_issue(grid.file, n, None, headers[name][0], None, text))


def _usable(layout: _Layout) -> bool:
    fields = {c.field for c in layout.columns}
    if layout.table == "member_list":
        return (
            "full_name" in fields
            and bool(fields & {"birth_date", BIRTH_MALE, BIRTH_FEMALE})
            and bool(fields & {"sex", BIRTH_MALE, BIRTH_FEMALE})
        )
    return {"person_id", "date", "type"} <= fields


def _unique_columns(layout: _Layout) -> dict[str, _Column]:
    out: dict[str, _Column] = {}
    for c in layout.columns:
        if c.field and c.field != IGNORE and not c.field.startswith("stacked:"):
            out.setdefault(c.field, c)
    return out


# --- values --------------------------------------------------------------------------


class _Bad(Exception):
    """A cell value that does not fit: *text* says what was expected."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.key)
        self.text = text


_EMPTY: Final = object()
_FULL_DATE: Final = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})")
_ISO_DATE: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_PLACEHOLDER: Final = r"[.…xX_\s0]*"
_YEAR_ONLY: Final = re.compile(rf"(?:{_PLACEHOLDER}[/.-]){{0,2}}\s*([0-9]{{4}})")
_MONTH_YEAR: Final = re.compile(rf"(?:{_PLACEHOLDER}[/.-])?\s*([0-9]{{1,2}})[/.-]([0-9]{{4}})")
_WHOLE: Final = re.compile(r"-?[0-9]+")
_GRADE: Final = re.compile(r"([0-9]{1,2})\s*/\s*(10|12)")
#: Grade notation of the lý lịch → the level it completes.
_GRADES: Final = {
    (12, 12): EducationLevel.UPPER_SECONDARY,
    (10, 10): EducationLevel.UPPER_SECONDARY,
    (9, 12): EducationLevel.LOWER_SECONDARY,
    (7, 10): EducationLevel.LOWER_SECONDARY,
    (5, 12): EducationLevel.PRIMARY,
    (4, 10): EducationLevel.PRIMARY,
}
_TRUE: Final = frozenset({"có", "true", "1"})
_FALSE: Final = frozenset({"không", "false", "0"})
#: Serials below this are years typed as numbers (1800–2200) or not dates at all.
_FIRST_SERIAL: Final = 2201
_LAST_SERIAL: Final = 2958465  # 31/12/9999


def _unwrap(raw: object) -> object:
    if isinstance(raw, _Formula):
        if raw.cached is None:
            raise _Bad(Text("workbook.value.formula", {"value": raw.text}))
        return raw.cached
    return raw


def _plain_text(raw: object) -> str:
    if isinstance(raw, str):
        return nfc(raw)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raise _Bad(Text("workbook.value.number_as_text", {"value": _shown(raw)}))
    raise _Bad(Text("workbook.value.text"))


def _id_text(raw: object) -> str:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return _plain_text(raw)


def _date_of(raw: object, source: str, epoch: datetime | None) -> date:
    if isinstance(raw, datetime):
        if raw.time() != time():
            raise _Bad(Text("workbook.value.time"))
        return raw.date()
    if isinstance(raw, date):
        return date(raw.year, raw.month, raw.day)
    src = Text(f"workbook.source.{source}")
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if float(raw).is_integer() and 1800 <= raw < _FIRST_SERIAL:
            raise _Bad(Text("workbook.value.year_only", {"year": str(int(raw)), "source": src}))
        if not float(raw).is_integer():
            raise _Bad(Text("workbook.value.time"))
        if not _FIRST_SERIAL <= raw <= _LAST_SERIAL or epoch is None:
            raise _Bad(Text("workbook.value.serial"))
        return _from_serial(int(raw), epoch)
    if not isinstance(raw, str):
        raise _Bad(Text("workbook.value.date"))
    text = raw.strip()
    if m := _FULL_DATE.fullmatch(text):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    elif m := _ISO_DATE.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _YEAR_ONLY.fullmatch(text):
        raise _Bad(Text("workbook.value.year_only", {"year": m[1], "source": src}))
    elif m := _MONTH_YEAR.fullmatch(text):
        raise _Bad(Text("workbook.value.month_year", {"year": m[2], "source": src}))
    else:
        raise _Bad(Text("workbook.value.date"))
    if day == 0 and month == 0:
        raise _Bad(Text("workbook.value.year_only", {"year": str(year), "source": src}))
    try:
        return date(year, month, day)
    except ValueError:
        raise _Bad(Text("workbook.value.no_such_day")) from None


def _from_serial(serial: int, epoch: datetime) -> date:
    """Excel's serial day number → date (the 1900 system counts a 29/2/1900 that never was)."""
    day = epoch.date() + timedelta(days=serial)
    if epoch.year == 1899 and serial < 61:  # pragma: no cover - below _FIRST_SERIAL
        day += timedelta(days=1)
    return day


def _whole(raw: object) -> int:
    if isinstance(raw, bool):
        raise _Bad(Text("workbook.value.whole"))
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and _WHOLE.fullmatch(raw.strip()):
        return int(raw.strip())
    raise _Bad(Text("workbook.value.whole"))


def _yes_no(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        folded = nfc(raw).casefold()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
    raise _Bad(Text("workbook.value.yes_no"))


def _labels(cls: type[enum.Enum]) -> str:
    return ", ".join(str(m.value) for m in cls)


def _label(cls: type[enum.Enum], raw: object) -> Any:
    if isinstance(raw, str):
        wanted = key(raw)
        for member in cls:
            if key(str(member.value)) == wanted:
                return member
    raise _Bad(Text("workbook.value.label", {"allowed": _labels(cls)}))


def _education(raw: object) -> EducationLevel:
    if isinstance(raw, str) and (m := _GRADE.fullmatch(raw.strip())):
        level = _GRADES.get((int(m[1]), int(m[2])))
        if level is None:
            allowed = _labels(EducationLevel)
            raise _Bad(Text("workbook.value.grade", {"value": raw.strip(), "allowed": allowed}))
        return level
    try:
        found: EducationLevel = _label(EducationLevel, raw)
    except _Bad:
        raise _Bad(Text("workbook.value.education", {"allowed": _labels(EducationLevel)})) from None
    return found


def _digits(raw: object, pattern: re.Pattern[str], message: str) -> str:
    text = _plain_text(raw)
    if not pattern.fullmatch(text):
        raise _Bad(Text(message, {"value": text}))
    return text


def _ids(raw: object) -> tuple[str, ...]:
    text = _id_text(raw)
    items = tuple(nfc(part) for part in text.split(";"))
    if not all(items):
        raise _Bad(Text("workbook.value.ids"))
    return items


class _Values:
    """Parses the cells of one grid against the organisation."""

    def __init__(self, grid: _Grid, org: Organization | None, issues: list[LoadIssue]) -> None:
        self.grid = grid
        self.org = org
        self.issues = issues

    def report(self, n: int, column: _Column | None, raw: object, text: Text) -> None:
        if column is None:
            self.issues.append(sheet_issue(self.grid.file, n, None, None, None, text))
        else:
            self.issues.append(
                sheet_issue(
                    self.grid.file, n, column.col, column.header, _shown(raw), text, column.field
                )
            )

    def reference(self, raw: object, kind: str) -> str:
        text = _plain_text(raw)
        if self.org is None:
            return text
        if kind == "cell":
            found = self.org.lookup_cell(text)
            if found.match is not None:
                return found.match.id
            suggestion = None if found.suggestion is None else found.suggestion.name
        else:
            mass = self.org.lookup_mass_organization(text)
            if mass.match is not None:
                return mass.match.id
            suggestion = None if mass.suggestion is None else mass.suggestion.name
            found = mass  # type: ignore[assignment]
        noun = Text(f"workbook.noun.{kind}")
        if suggestion is not None:
            raise _Bad(Text("workbook.value.ref_suggest", {"what": noun, "name": suggestion}))
        if len(found.candidates) > 1:
            names = " / ".join(found.candidates)
            raise _Bad(Text("workbook.value.ref_ambiguous", {"names": names}))
        raise _Bad(Text("workbook.value.ref_unknown", {"what": noun}))

    def parse(self, parser: Callable[[object], Any], raw: object) -> Any:
        raw = _unwrap(raw)
        if _blank(raw):
            return _EMPTY
        return parser(raw)


# --- the member list -------------------------------------------------------------------


@attrs.frozen
class _Placed:
    """A wide-list event with where it came from, for the agreement with the event sheet."""

    event: ev.Event
    file: str
    row: int
    column: _Column
    raw: object


def _member_parsers(values: _Values) -> dict[str, Callable[[object], Any]]:
    epoch = values.grid.epoch

    def on(source: str) -> Callable[[object], date]:
        return lambda raw: _date_of(raw, source, epoch)

    return {
        "id": _id_text,
        "serial": _id_text,
        "full_name": _plain_text,
        "birth_date": on("birth"),
        BIRTH_MALE: on("birth"),
        BIRTH_FEMALE: on("birth"),
        "sex": lambda raw: _label(Sex, raw),
        "ethnicity": _plain_text,
        "education": _education,
        "hamlet": _plain_text,
        "workplace": _plain_text,
        "cell": lambda raw: values.reference(raw, "cell"),
        "special_area": _yes_no,
        "admission_decision": on("admission_decision"),
        "ceremony": on("ceremony"),
        "official": on("official"),
        "card_no": lambda raw: _digits(raw, CARD_NO, "workbook.person.card_no"),
        "dossier_no": lambda raw: _digits(raw, DOSSIER_NO, "workbook.person.dossier_no"),
    }


class _Reader:
    """Reads grids into people and events, reporting every bad cell."""

    def __init__(self, org: Organization | None, mapping: HeaderMapping | None) -> None:
        self.org = org
        self.mapping = mapping
        self.issues: list[LoadIssue] = []
        self.people: list[Person] = []
        self.seen: dict[str, str] = {}  # person id → "file:row" of its first row
        self.wide: dict[str, list[_Placed]] = {}
        self.sheet_events: dict[str, list[ev.Event]] = {}
        self.pending_events: list[tuple[_Grid, _Layout]] = []

    def grid(self, grid: _Grid, *, named: bool) -> None:
        """Read one grid; *named* grids (workbook sheets) may be read past or unknown."""
        if named and (
            grid.title == SHEET_LISTS or (self.mapping and self.mapping.ignores_sheet(grid.title))
        ):
            return
        if all(all(_blank(v) for v in values) for _, values in grid.rows):
            return
        layout = _layout(grid, self.mapping, self.issues)
        if layout is None:
            text = Text(
                "workbook.sheet.unknown", {"rows": HEADER_SCAN_ROWS, "mapping": MAPPING_FILE}
            )
            self.issues.append(sheet_issue(grid.file, None, None, None, None, text))
            return
        if not _usable(layout):
            return
        if layout.table == "member_list":
            self.members(grid, layout)
        else:
            self.pending_events.append((grid, layout))

    def finish(self) -> WorkbookResult:
        for grid, layout in self.pending_events:
            self.events(grid, layout)
        events: dict[str, list[ev.Event]] = {}
        for pid, found in self.sheet_events.items():
            events.setdefault(pid, []).extend(found)
        for pid, placed in self.wide.items():
            mine = events.setdefault(pid, [])
            for p in placed:
                same = [e for e in self.sheet_events.get(pid, ()) if type(e) is type(p.event)]
                if not same and isinstance(p.event, ev.AdmissionCeremony) and not p.event.cell:
                    text = Text("workbook.value.ceremony_cell")
                    self.issues.append(
                        sheet_issue(
                            p.file, p.row, p.column.col, p.column.header, _shown(p.raw), text
                        )
                    )
                elif not same:
                    mine.append(p.event)
                elif not any(_same_act(e, p.event) for e in same):
                    dates = ", ".join(_shown(_act_day(e)) or "" for e in same)
                    title = Text("workbook.event_title", {"title": type(p.event).event_kind()})
                    text = Text("workbook.value.disagree", {"event": title, "dates": dates})
                    self.issues.append(
                        sheet_issue(
                            p.file, p.row, p.column.col, p.column.header, _shown(p.raw), text
                        )
                    )
        return WorkbookResult(
            tuple(self.people),
            {pid: tuple(found) for pid, found in events.items() if found},
            tuple(self.issues),
        )

    def members(self, grid: _Grid, layout: _Layout) -> None:
        values = _Values(grid, self.org, self.issues)
        parsers = _member_parsers(values)
        columns = _unique_columns(layout)
        blank_header = [c for c in layout.columns if not c.header]
        for n, row in layout.data:
            if all(_blank(v) for v in row):
                continue
            self.member_row(grid, values, parsers, columns, blank_header, n, row)

    def member_row(
        self,
        grid: _Grid,
        values: _Values,
        parsers: Mapping[str, Callable[[object], Any]],
        columns: Mapping[str, _Column],
        blank_header: Sequence[_Column],
        n: int,
        row: list[object],
    ) -> None:
        got: dict[str, Any] = {}
        failed: set[str] = set()
        ok = True

        def cell(c: _Column) -> object:
            return row[c.col - 1] if c.col - 1 < len(row) else None

        for c in blank_header:
            if not _blank(cell(c)):
                values.report(n, c, cell(c), Text("workbook.value.stray"))
                ok = False
        for field, c in columns.items():
            try:
                parsed = values.parse(parsers[field], cell(c))
            except _Bad as bad:
                values.report(n, c, cell(c), bad.text)
                ok = False
                failed.add(field)
                if field in ("id", "serial"):
                    got[field] = _EMPTY  # the row has an id column, however bad
                continue
            if parsed is not _EMPTY:
                got[field] = parsed

        def need(field: str, *alternatives: str) -> None:
            nonlocal ok
            ok = False
            if failed & {field, *alternatives}:
                return  # reported as a bad value already
            c = next((columns[f] for f in (field, *alternatives) if f in columns), None)
            if c is not None:
                values.report(n, c, None, Text("workbook.value.required"))

        # The id: Mã, else STT, else the sheet and row.
        id_field = "id" if "id" in columns else "serial" if "serial" in columns else None
        pid = got.get(id_field) if id_field else f"{grid.title}:{n}"
        if pid is None:
            need(id_field or "id")
        if "full_name" not in got:
            need("full_name")
        births = [f for f in ("birth_date", BIRTH_MALE, BIRTH_FEMALE) if f in got]
        if not births:
            need("birth_date", BIRTH_MALE, BIRTH_FEMALE)
        elif len(births) > 1:
            c = columns[births[1]]
            twice = ", ".join(column_letter(columns[f].col) for f in births)
            values.report(n, c, cell(c), Text("workbook.value.birth_twice", {"columns": twice}))
            ok = False
        sex = got.get("sex")
        by_column = {BIRTH_MALE: Sex.MALE, BIRTH_FEMALE: Sex.FEMALE}.get(
            births[0] if births else ""
        )
        if sex is not None and by_column is not None and sex is not by_column:
            c = columns["sex"]
            where = column_letter(columns[births[0]].col)
            values.report(n, c, cell(c), Text("workbook.value.sex_conflict", {"column": where}))
            ok = False
        elif sex is None and by_column is None and births:
            need("sex")
        if isinstance(pid, str) and pid:
            first = self.seen.get(pid)
            if first is not None:
                text = Text("workbook.value.duplicate_id", {"first": first})
                at = columns.get(id_field or "")
                values.report(n, at, cell(at) if at else pid, text)
                return
            self.seen[pid] = f"{grid.file}:{n}"
        if not ok or not isinstance(pid, str) or (sex or by_column) is None:
            return
        kwargs = {f: got[f] for f in _PERSON_OPTIONAL if f in got}
        try:
            person = Person(
                id=pid,
                full_name=got["full_name"],
                birth_date=got[births[0]],
                sex=sex or by_column,  # type: ignore[arg-type]  # one of them, checked above
                **kwargs,
            )
        except (TypeError, ValueError) as exc:
            values.report(n, None, None, _refused(exc))
            return
        self.people.append(person)
        placed = self.wide.setdefault(pid, [])
        for field, event in _wide_events(got):
            c = columns[field]
            placed.append(_Placed(event, grid.file, n, c, cell(c)))

    def events(self, grid: _Grid, layout: _Layout) -> None:
        values = _Values(grid, self.org, self.issues)
        columns = _unique_columns(layout)
        blank_header = [c for c in layout.columns if not c.header]
        epoch = grid.epoch
        event_date = _event_parsers(values, epoch)
        for n, row in layout.data:
            if all(_blank(v) for v in row):
                continue

            def cell(c: _Column, row: list[object] = row) -> object:
                return row[c.col - 1] if c.col - 1 < len(row) else None

            ok = True
            for c in blank_header:
                if not _blank(cell(c)):
                    values.report(n, c, cell(c), Text("workbook.value.stray"))
                    ok = False
            # The person.
            c = columns["person_id"]
            pid: str | None = None
            try:
                got = values.parse(_id_text, cell(c))
                if got is _EMPTY:
                    values.report(n, c, None, Text("workbook.value.required"))
                else:
                    pid = got
                    if pid not in self.seen:
                        values.report(n, c, cell(c), Text("workbook.value.person_unknown"))
            except _Bad as bad:
                values.report(n, c, cell(c), bad.text)
            ok = ok and pid is not None and pid in self.seen
            # The type decides which columns apply.
            c = columns["type"]
            try:
                cls = values.parse(_event_type, cell(c))
            except _Bad as bad:
                values.report(n, c, cell(c), bad.text)
                continue
            if cls is _EMPTY:
                values.report(n, c, None, Text("workbook.value.required"))
                continue
            title = Text("workbook.event_title", {"title": cls.event_kind()})
            own = _OWN_FIELDS[cls]
            kwargs: dict[str, Any] = {}
            for field, c in columns.items():
                if field in ("person_id", "type"):
                    continue
                raw = cell(c)
                if field not in own and field not in _PAYLOAD:
                    if not _blank(raw):
                        values.report(n, c, raw, Text("workbook.value.not_used", {"event": title}))
                        ok = False
                    continue
                try:
                    parsed = values.parse(event_date[_kind_of(cls, field)], raw)
                except _Bad as bad:
                    values.report(n, c, raw, bad.text)
                    ok = False
                    continue
                if parsed is not _EMPTY:
                    kwargs[field] = parsed
            for field in ("date", *own):
                if (
                    field not in kwargs
                    and _required(cls, field)
                    and _is_blank_cell(columns, field, row)
                ):
                    text = Text("workbook.value.required_for", {"event": title})
                    at = columns.get(field)
                    if at is None:
                        header = EVENT_HEADERS[field][0]
                        self.issues.append(sheet_issue(grid.file, n, None, header, None, text))
                    else:
                        values.report(n, at, None, text)
                    ok = False
            if not ok or pid is None:
                continue
            try:
                event = cls(**kwargs)
            except (TypeError, ValueError) as exc:
                values.report(n, None, None, _refused(exc))
                continue
            self.sheet_events.setdefault(pid, []).append(event)


@attrs.frozen
class _Both:
    """A text that exists in both languages already (a model validator's message)."""

    label_vi: str
    label_en: str


def _refused(exc: Exception) -> Text:
    vi, _, en = str(exc).partition(" / ")
    return Text("workbook.value.refused", {"reason": _Both(vi, en or vi)})


def _wide_events(got: Mapping[str, Any]) -> list[tuple[str, ev.Event]]:
    """The events of a member-list row: decision, ceremony, recognition."""
    out: list[tuple[str, ev.Event]] = []
    if "admission_decision" in got:
        out.append(("admission_decision", ev.AdmissionDecision(date=got["admission_decision"])))
    if "ceremony" in got:
        # Without a cell (checked when the event is used): cell "".
        ceremony = ev.AdmissionCeremony(date=got["ceremony"], cell=got.get("cell", ""))
        out.append(("ceremony", ceremony))
    if "official" in got:
        day = got["official"]
        note = Text("workbook.note.recognition_date_unknown").vi
        out.append(("official", ev.RecognitionDecision(date=day, official_from=day, note=note)))
    return out


def _act_day(event: ev.Event) -> date:
    """The day a member-list column shows for *event*."""
    if isinstance(event, ev.RecognitionDecision):
        return event.effective
    return event.date


def _same_act(sheet: ev.Event, wide: ev.Event) -> bool:
    return _act_day(sheet) == _act_day(wide)


# --- the event sheet -------------------------------------------------------------------


def _own_fields(cls: type[ev.Event]) -> tuple[str, ...]:
    return tuple(f.name for f in attrs.fields(cls) if f.name not in _PAYLOAD)


_OWN_FIELDS: Final = {cls: _own_fields(cls) for cls in ev.EVENT_TYPES.values()}
_BY_TITLE: Final = {key(cls.event_kind().label_vi): cls for cls in ev.EVENT_TYPES.values()}


def _event_type(raw: object) -> type[ev.Event]:
    if isinstance(raw, str):
        text = nfc(raw)
        found = ev.EVENT_TYPES.get(text) or _BY_TITLE.get(key(text))
        if found is not None:
            return found
    raise _Bad(Text("workbook.value.event_type"))


def _field_type(cls: type[ev.Event], name: str) -> Any:
    attrs.resolve_types(cls)
    tp = attrs.fields_dict(cls)[name].type
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        (tp,) = [a for a in typing.get_args(tp) if a is not type(None)]
    return tp


def _kind_of(cls: type[ev.Event], name: str) -> str:
    """How a field's cells are read: a parser name of :func:`_event_parsers`."""
    if name in ("cell", "organization"):
        return name
    if name == "introducers":
        return "ids"
    tp = _field_type(cls, name)
    if tp is date:
        return "date"
    if tp is bool:
        return "bool"
    if tp is int:
        return "int"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return f"enum:{tp.__name__}"
    return "text"


def _required(cls: type[ev.Event], name: str) -> bool:
    f = attrs.fields_dict(cls)[name]
    optional = typing.get_origin(_raw_type(cls, name)) in (typing.Union, types.UnionType)
    return f.default is attrs.NOTHING and not optional


def _raw_type(cls: type[ev.Event], name: str) -> Any:
    attrs.resolve_types(cls)
    return attrs.fields_dict(cls)[name].type


def _is_blank_cell(columns: Mapping[str, _Column], field: str, row: list[object]) -> bool:
    c = columns.get(field)
    if c is None:
        return True
    return _blank(_unwrap_quiet(row[c.col - 1] if c.col - 1 < len(row) else None))


def _unwrap_quiet(raw: object) -> object:
    return raw.cached if isinstance(raw, _Formula) else raw


def _event_enums() -> dict[str, type[enum.Enum]]:
    """Every enum an event field holds, by name (derived from the model)."""
    out: dict[str, type[enum.Enum]] = {}
    for cls in ev.EVENT_TYPES.values():
        for f in attrs.fields(cls):
            tp = _field_type(cls, f.name)
            if isinstance(tp, type) and issubclass(tp, enum.Enum):
                out[tp.__name__] = tp
    return out


_ENUMS: Final = _event_enums()


def _event_parsers(values: _Values, epoch: datetime | None) -> dict[str, Callable[[object], Any]]:
    parsers: dict[str, Callable[[object], Any]] = {
        "date": lambda raw: _date_of(raw, "event", epoch),
        "bool": _yes_no,
        "int": _whole,
        "text": _plain_text,
        "ids": _ids,
        "cell": lambda raw: values.reference(raw, "cell"),
        "organization": lambda raw: values.reference(raw, "mass_organization"),
    }
    for name, cls in _ENUMS.items():
        parsers[f"enum:{name}"] = _label_parser(cls)
    return parsers


def _label_parser(cls: type[enum.Enum]) -> Callable[[object], Any]:
    return lambda raw: _label(cls, raw)


# --- reading: the public functions -----------------------------------------------------


def _mapping(
    mapping: HeaderMapping | str | Path | None, issues: list[LoadIssue]
) -> HeaderMapping | None:
    if mapping is None or isinstance(mapping, HeaderMapping):
        return mapping
    found, problems = read_mapping(mapping)
    issues.extend(problems)
    return found


def read_workbook(
    path: str | Path,
    organization: Organization | None,
    *,
    mapping: HeaderMapping | str | Path | None = None,
) -> WorkbookResult:
    """Read an ``.xlsx`` workbook of member lists and event sheets; report every bad cell.

    Args:
        path: the workbook.
        organization: the organisation tree cells are resolved against
            (None when it is unusable: cells are then kept as written and
            not checked).
        mapping: the office's own headers: a :class:`HeaderMapping` or the
            path of a mapping file (``columns.toml``).

    Returns:
        The people and events read without a problem, and every issue.

    Raises:
        UsageError: when openpyxl is not installed.

    .. versionadded:: 0.2
    """
    require_openpyxl()
    path = Path(path)
    reader = _Reader(organization, None)
    reader.mapping = _mapping(mapping, reader.issues)
    if not path.is_file():
        text = Text("workbook.file.missing")
        reader.issues.append(sheet_issue(path.name, None, None, None, None, text))
        return reader.finish()
    grids = _workbook_grids(path, reader.issues)
    for grid in grids or ():
        reader.grid(grid, named=True)
    return reader.finish()


def read_member_list_csv(
    path: str | Path,
    organization: Organization | None,
    *,
    events: str | Path | None = None,
    mapping: HeaderMapping | str | Path | None = None,
) -> WorkbookResult:
    """Read a member list saved as CSV with Vietnamese headers (the wide layout).

    The file is read as :func:`read_workbook` reads a member-list sheet
    (UTF-8, with or without a byte-order mark; a title block, two-row
    headers and a column-number row are allowed).

    Args:
        path: the CSV member list.
        organization: the organisation tree cells are resolved against.
        events: an event sheet saved as CSV with Vietnamese (or
            ``events.csv``) headers, if any.
        mapping: the office's own headers, as for :func:`read_workbook`.

    Returns:
        The people and events read without a problem, and every issue.

    .. versionadded:: 0.2
    """
    reader = _Reader(organization, None)
    reader.mapping = _mapping(mapping, reader.issues)
    for file in (path, events):
        if file is None:
            continue
        file = Path(file)
        if not file.is_file():
            text = Text("workbook.file.missing")
            reader.issues.append(sheet_issue(file.name, None, None, None, None, text))
            continue
        grid = _csv_grid(file, reader.issues)
        if grid is not None:
            reader.grid(grid, named=False)
    return reader.finish()


# --- writing -------------------------------------------------------------------------


@attrs.frozen
class _Out:
    """A column dangvien writes: its field, header, how values are shown, and its width."""

    table: Table
    field: str
    kind: str
    width: int


#: The lists of the ``Danh mục`` sheet, by name, in column order.
_LIST_NAMES: Final = (
    "cell",
    "type",
    "sex",
    "education",
    "yes_no",
    "hamlet",
    "organization",
    *_ENUMS,
)

_MEMBER_KINDS: Final = {
    "birth_date": "date",
    "sex": "list:sex",
    "education": "list:education",
    "hamlet": "suggest:hamlet",
    "cell": "list:cell",
    "special_area": "list:yes_no",
    "admission_decision": "date",
    "ceremony": "date",
    "official": "date",
    "card_no": "card",
}
_WIDE: Final = {"full_name": 28, "workplace": 24, "note": 30, "type": 36, "issuer": 28}


def _event_kind(field: str) -> str:
    if field == "type":
        return "list:type"
    if field == "person_id":
        return "text"
    cls = next(c for c in ev.EVENT_TYPES.values() if field in attrs.fields_dict(c))
    kind = _kind_of(cls, field)
    if kind in ("cell", "organization"):
        return f"list:{kind}"
    if kind == "bool":
        return "list:yes_no"
    if kind.startswith("enum:"):
        return "list:" + kind.removeprefix("enum:")
    if kind == "ids":
        return "text"
    return kind


def _out_columns() -> tuple[tuple[_Out, ...], tuple[_Out, ...]]:
    members = tuple(
        _Out("member_list", f, _MEMBER_KINDS.get(f, "text"), _WIDE.get(f, 14))
        for f in MEMBER_FIELDS
    )
    events = tuple(_Out("events", f, _event_kind(f), _WIDE.get(f, 14)) for f in EVENT_FIELDS)
    return members, events


def _header(col: _Out) -> str:
    table = MEMBER_HEADERS if col.table == "member_list" else EVENT_HEADERS
    return table[col.field][0]


def _both(text: Text) -> str:
    return f"{text.vi}\n{text.en}"


def _cell_name(org: Organization, cell_id: str) -> str:
    """The cell's name when it reads back to the same cell, else its id."""
    cell = next((c for c in org.all_cells() if c.id == cell_id), None)
    if cell is not None:
        found = org.cell(cell.name)
        if found is not None and found.id == cell_id:
            return cell.name
    return cell_id


def _mass_name(org: Organization, mass_id: str) -> str:
    mass = next((m for m in org.all_mass_organizations() if m.id == mass_id), None)
    if mass is not None:
        found = org.mass_organization(mass.name)
        if found is not None and found.id == mass_id:
            return mass.name
    return mass_id


def _lists(org: Organization) -> dict[str, list[str]]:
    hamlets = [h.name for o in org.walk() for h in o.hamlets]
    lists: dict[str, list[str]] = {
        "cell": [_cell_name(org, c.id) for c in org.all_cells()],
        "type": [cls.event_kind().label_vi for cls in ev.EVENT_TYPES.values()],
        "sex": [str(s.value) for s in Sex],
        "education": [str(e.value) for e in EducationLevel],
        "yes_no": ["có", "không"],
        "hamlet": list(dict.fromkeys(hamlets)),
        "organization": [_mass_name(org, m.id) for m in org.all_mass_organizations()],
    }
    for name, cls in _ENUMS.items():
        lists[name] = [str(m.value) for m in cls]
    return lists


def _summary(record: Record, kind: type[ev.Event]) -> date | None:
    found = record.of_type(kind)
    return _act_day(found[-1]) if found else None


def _member_values(record: Record, org: Organization) -> dict[str, object]:
    p = record.person
    return {
        "id": p.id,
        "full_name": p.full_name,
        "birth_date": p.birth_date,
        "sex": p.sex.value,
        "ethnicity": p.ethnicity,
        "education": p.education.value,
        "hamlet": p.hamlet,
        "workplace": p.workplace,
        "cell": None if p.cell is None else _cell_name(org, p.cell),
        "special_area": "có" if p.special_area else "không",
        "admission_decision": _summary(record, ev.AdmissionDecision),
        "ceremony": _summary(record, ev.AdmissionCeremony),
        "official": _summary(record, ev.RecognitionDecision),
        "card_no": p.card_no,
        "dossier_no": p.dossier_no,
    }


def _event_values(pid: str, event: ev.Event, org: Organization) -> dict[str, object]:
    out: dict[str, object] = {"person_id": pid, "type": type(event).event_kind().label_vi}
    for name in attrs.fields_dict(type(event)):
        value = getattr(event, name)
        if value is None:
            continue
        if name == "cell":
            value = _cell_name(org, value)
        elif name == "organization":
            value = _mass_name(org, value)
        elif isinstance(value, bool):
            value = "có" if value else "không"
        elif isinstance(value, enum.Enum):
            value = value.value
        elif isinstance(value, tuple):
            value = ";".join(value)
        out[name] = value
    return out


def save_workbook(dataset: Dataset, path: str | Path) -> None:
    """Write *dataset*'s register as a workbook that :func:`read_workbook` reads back unchanged.

    The sheet ``Danh sách`` lists one person per row (the member-list
    columns, with the dates of the latest admission decision, ceremony and
    official membership as summaries); ``Sự kiện`` lists every event, one
    per row; the hidden ``Danh mục`` holds the drop-down lists.  Each header
    carries a note in Vietnamese and English, the header row is frozen,
    date columns show ``dd/mm/yyyy``, text columns are formatted as text
    (so that card numbers keep their leading zeros), and the columns with a
    closed set of values offer it as a drop-down list.  The organisation
    and the plans are not written: they stay in their TOML files.

    Args:
        dataset: what to write.
        path: the ``.xlsx`` file, replaced if it exists.

    Raises:
        UsageError: when openpyxl is not installed.
        DataError: when a text holds a character a workbook cannot store
            (a control character).

    .. versionadded:: 0.2
    """
    openpyxl = require_openpyxl()
    org = dataset.organization
    wb = openpyxl.Workbook()
    members = wb.active
    assert members is not None  # a new workbook has its first sheet
    members.title = SHEET_MEMBERS
    events = wb.create_sheet(SHEET_EVENTS)
    lists_sheet = wb.create_sheet(SHEET_LISTS)
    sources = _write_lists(lists_sheet, _lists(org))
    lists_sheet.sheet_state = "hidden"
    member_cols, event_cols = _out_columns()
    member_rows = [_member_values(r, org) for r in dataset.records]
    event_rows = [_event_values(r.person.id, e, org) for r in dataset.records for e in r.events]
    _write_sheet(members, member_cols, member_rows, sources)
    _write_sheet(events, event_cols, event_rows, sources)
    wb.save(Path(path))


def _write_lists(ws: Worksheet, lists: Mapping[str, list[str]]) -> dict[str, str]:
    """Write the lists in columns; return the validation source of each non-empty one."""
    sources = {}
    for j, name in enumerate(_LIST_NAMES, start=1):
        items = lists[name]
        ws.cell(1, j, name)
        for i, item in enumerate(items, start=2):
            _put(ws.cell(i, j), item)
        if items:
            letter = column_letter(j)
            sources[name] = f"'{SHEET_LISTS}'!${letter}$2:${letter}${len(items) + 1}"
    return sources


def _put(cell: Any, value: object) -> None:
    from openpyxl.utils.exceptions import IllegalCharacterError

    try:
        cell.value = value
    except IllegalCharacterError:
        text = Text("workbook.write.illegal", {"value": str(value)})
        raise DataError(text.vi, text.en) from None
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, never a formula


def _write_sheet(
    ws: Worksheet,
    columns: Sequence[_Out],
    rows: Iterable[Mapping[str, object]],
    sources: Mapping[str, str],
) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font

    rows = list(rows)
    last = max(1000, len(rows) + 500)
    bold = Font(bold=True)
    for j, col in enumerate(columns, start=1):
        letter = column_letter(j)
        head = ws.cell(1, j, _header(col))
        head.font = bold
        head.alignment = Alignment(wrap_text=True, vertical="top")
        note = _both(Text(f"workbook.column.{col.table}.{col.field}"))
        head.comment = Comment(note, "dangvien", width=320, height=160)
        dim = ws.column_dimensions[letter]
        dim.width = col.width
        dim.number_format = "DD/MM/YYYY" if col.kind == "date" else "@" if _is_text(col) else "0"
        _validate(ws, col, f"{letter}2:{letter}{last}", sources)
    fmt = {
        j: ws.column_dimensions[column_letter(j)].number_format for j in range(1, len(columns) + 1)
    }
    for i, values in enumerate(rows, start=2):
        for j, col in enumerate(columns, start=1):
            value = values.get(col.field)
            if value is None:
                continue
            cell = ws.cell(i, j)
            _put(cell, value)
            cell.number_format = fmt[j]
    ws.freeze_panes = "A2"


def _is_text(col: _Out) -> bool:
    return col.kind not in ("date", "int")


def _validate(ws: Worksheet, col: _Out, cells: str, sources: Mapping[str, str]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv: DataValidation | None = None
    kind, _, name = col.kind.partition(":")
    if kind in ("list", "suggest") and name in sources:
        strict = kind == "list"
        dv = DataValidation(
            type="list",
            formula1=f"={sources[name]}",
            allow_blank=True,
            showErrorMessage=strict,
            error=_both(Text("workbook.validation.list")),
            errorTitle="dangvien",
        )
    elif kind == "date":
        dv = DataValidation(
            type="date",
            operator="between",
            formula1="DATE(1900,1,1)",
            formula2="DATE(2100,12,31)",
            allow_blank=True,
            showErrorMessage=True,
            error=_both(Text("workbook.validation.date")),
            errorTitle="dangvien",
        )
    elif kind == "int":
        dv = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            error=_both(Text("workbook.validation.whole")),
            errorTitle="dangvien",
        )
    elif kind == "card":
        dv = DataValidation(
            type="textLength",
            operator="equal",
            formula1="8",
            allow_blank=True,
            showErrorMessage=True,
            error=_both(Text("workbook.validation.card")),
            errorTitle="dangvien",
        )
    if dv is not None:
        dv.add(cells)
        ws.add_data_validation(dv)
