"""``people.csv`` and ``events.csv``: a hand-written fast path that reports every bad cell.

A province register has millions of event rows, so rows are streamed and not
structured through cattrs: each column gets a compiled parser from the
model's attrs fields, dates and references are parsed once per distinct
text, and every problem becomes a :class:`~dangvien.io._issues.LoadIssue`.
The columns are derived from the model, so a new event field is a new column
without any change here.

A file that cannot be read as a whole (an OS error, another encoding, ``;``
as the separator) is one issue and no rows: nothing is guessed, and rows that
depend on it are summarised in one issue instead of one per row.
"""

from __future__ import annotations

import contextlib
import csv
import enum
import io
import operator
import os
import re
import types
import typing
from array import array
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, Final

import attrs

from dangvien._text import key, nfc
from dangvien.errors import DataError
from dangvien.io._issues import LoadIssue, Problem, model_text
from dangvien.io._source import (
    FIX_CSV,
    SNIFF_BYTES,
    Unreadable,
    not_utf8,
    open_binary,
    os_reason,
    sniff,
)
from dangvien.io._values import (
    CONTROL,
    enum_parser,
    has_control,
    parse_bool,
    parse_date_text,
    parse_int,
)
from dangvien.messages import Text
from dangvien.model import events as ev
from dangvien.model.org import Organization
from dangvien.model.people import CARD_NO, DOSSIER_NO, Person
from dangvien.model.register import Record

__all__ = [
    "EVENT_COLUMNS",
    "MAX_CELL_CHARS",
    "PEOPLE_COLUMNS",
    "EventsRead",
    "PeopleRead",
    "read_events",
    "read_people",
    "render_events",
    "render_people",
]

#: The separator of person ids in the ``introducers`` column.
LIST_SEPARATOR: Final = ";"
_TRUE_TEXT, _FALSE_TEXT = "có", "không"

#: The longest cell dangvien reads.  A register's longest texts are notes of
#: a few hundred characters; a cell of more than ten thousand is almost always
#: a quote left open that swallowed the rows after it, or binary data.  Such a
#: cell is reported at its row and the rest of the file is read on.
MAX_CELL_CHARS: Final = 10_000

Parser = Callable[[str], Any]


@attrs.frozen
class _Field:
    """How one model attribute is read from a CSV cell."""

    name: str
    parse: Parser
    required: bool
    ref: str | None = None
    """``"cell"``, ``"mass_organization"`` or ``"hamlet"`` for a reference to the tree."""


def _split_ids(text: str) -> tuple[str, ...]:
    items = tuple(nfc(part) for part in text.split(LIST_SEPARATOR))
    if not all(items):
        raise Problem(Text("io.value.empty_id_in_list"))
    if has_control(text):
        raise Problem(CONTROL)
    return items


def _same(text: str) -> str:
    return text


def _parser_for(tp: Any) -> tuple[Parser, bool]:
    """Return (parser, optional) for a resolved attribute type."""
    optional = False
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        optional = len(args) < len(typing.get_args(tp))
        (tp,) = args
    if tp is date:
        return parse_date_text, optional
    if tp is bool:
        return parse_bool, optional
    if tp is int:
        return parse_int, optional
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return enum_parser(tp), optional
    if typing.get_origin(tp) is tuple:
        return _split_ids, optional
    if tp is str:
        return _same, optional
    msg = f"no CSV form for {tp!r}"  # pragma: no cover - the model has no other types
    raise TypeError(msg)  # pragma: no cover


def _number(pattern: re.Pattern[str], message: str) -> Parser:
    """A parser for a number of a fixed form: a mismatch is reported at its column.

    As the workbook reader does, rather than leaving it to the model's
    validator, whose message names no column and so could not be masked as
    the column's personal data (:mod:`dangvien.privacy`).
    """

    def parse(text: str) -> str:
        if not pattern.fullmatch(text):
            raise Problem(Text(message, {"value": text}))
        return text

    return parse


#: The people's numbers of a fixed form, read by their own parsers.
_NUMBERS: Final[dict[str, Parser]] = {
    "card_no": _number(CARD_NO, "workbook.person.card_no"),
    "dossier_no": _number(DOSSIER_NO, "workbook.person.dossier_no"),
}


def _fields(
    cls: type,
    skip: Iterable[str] = (),
    refs: dict[str, str] | None = None,
    parsers: dict[str, Parser] | None = None,
) -> list[_Field]:
    attrs.resolve_types(cls)
    out = []
    for f in attrs.fields(cls):
        if f.name in skip:
            continue
        parse, optional = _parser_for(f.type)
        parse = (parsers or {}).get(f.name, parse)
        required = not optional and f.default is attrs.NOTHING
        out.append(_Field(f.name, parse, required, (refs or {}).get(f.name)))
    return out


_EVENT_BASE: Final = ("person_id", "date", "type")
_EVENT_COMMON: Final = ("doc_no", "issuer", "note")
_EVENT_REFS: Final = {"cell": "cell", "organization": "mass_organization"}
_EVENT_FIELDS: Final = {
    tag: _fields(cls, skip=("date", *_EVENT_COMMON), refs=_EVENT_REFS)
    for tag, cls in ev.EVENT_TYPES.items()
}
_PEOPLE_FIELDS: Final = _fields(Person, refs={"cell": "cell", "hamlet": "hamlet"}, parsers=_NUMBERS)

#: The columns of ``events.csv`` in the order dangvien writes them: the
#: person, date, type and document columns, then each event type's own fields.
EVENT_COLUMNS: Final[tuple[str, ...]] = (
    *_EVENT_BASE,
    *_EVENT_COMMON,
    *dict.fromkeys(f.name for fields in _EVENT_FIELDS.values() for f in fields),
)
#: The columns of ``people.csv``, in the order of :class:`~dangvien.model.people.Person`.
PEOPLE_COLUMNS: Final[tuple[str, ...]] = tuple(f.name for f in _PEOPLE_FIELDS)
_PEOPLE_REQUIRED: Final = tuple(f.name for f in _PEOPLE_FIELDS if f.required)


# --- shared machinery ------------------------------------------------------------


@contextlib.contextmanager
def _field_size_limit(size: int) -> Iterator[None]:
    """Let the csv module read fields up to *size* characters (the file's size).

    The csv module stops a whole file at its first field longer than its
    limit (131 072 characters by default); dangvien reads every field and
    reports the long ones itself (:data:`MAX_CELL_CHARS`).  The limit is
    process-wide: it is raised for the read, never lowered, and put back.
    """
    old = csv.field_size_limit()
    if size >= old:
        csv.field_size_limit(size + 1)
    try:
        yield
    finally:
        if size >= old:
            csv.field_size_limit(old)


class _Sheet:
    """One CSV file being read: its name, header positions and the issue list.

    A problem that makes the whole file unreadable (:attr:`fatal`) is found
    while opening, sniffing the first bytes, reading the header or decoding
    any later line; the readers then drop every row and issue of the file
    and report only that problem (:meth:`finish`).
    """

    def __init__(self, path: Path, issues: list[LoadIssue]) -> None:
        self.path = path
        self.name = path.name
        self.issues = issues
        self.start = len(issues)
        self.columns: dict[str, int] = {}
        self.names: list[str] = []
        self.unnamed: list[int] = []
        self.width = 0
        self.fatal: Text | None = None
        #: Rows already reported as a whole (a runaway cell): readers skip them.
        self.bad_rows: set[int] = set()
        self.absent = False
        self.empty = False
        self.chars = 0
        self._fh: BinaryIO | None = None
        self._stack = contextlib.ExitStack()
        try:
            self._fh = open_binary(path)
        except Unreadable as exc:
            self.fatal = exc.text
        if self._fh is None:
            self.absent = self.fatal is None
            self.rows: Iterator[tuple[int, list[str]]] = iter(())
            return
        self._stack.enter_context(self._fh)
        try:
            head = self._fh.read(SNIFF_BYTES)
            size = os.fstat(self._fh.fileno()).st_size
            self._fh.seek(0)
        except OSError as exc:
            self.fatal = os_reason(exc)
            self.rows = iter(())
            return
        self.fatal = sniff(head, FIX_CSV)
        if self.fatal is not None:
            self.rows = iter(())
            return
        self._stack.enter_context(_field_size_limit(max(size, len(head))))
        #: (row number, cells) of every row; the header comes first.
        self.rows = self._read(self._fh)

    def close(self) -> None:
        """Close the file and put the csv module's field limit back."""
        close = getattr(self.rows, "close", None)
        if close is not None:
            close()
        self._stack.close()

    def __enter__(self) -> _Sheet:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def unread(self) -> bool:
        """True when no row of the file could be read (absent files excepted)."""
        return self.fatal is not None or self.empty

    def finish(self) -> bool:
        """Report a fatal problem alone (dropping the file's other issues); return whether any."""
        if self.fatal is None:
            return False
        del self.issues[self.start :]
        self.issues.append(LoadIssue(self.name, None, None, None, self.fatal))
        return True

    def issue(self, row: int | None, column: str | None, value: str | None, reason: Text) -> None:
        self.issues.append(LoadIssue(self.name, row, column, value, reason))

    def _lines(self, text: typing.TextIO) -> Iterator[str]:
        for line in text:
            self.chars += len(line)
            yield line

    def _read(self, fh: BinaryIO) -> Iterator[tuple[int, list[str]]]:
        """Yield (row number, cells); the header is row 1.

        Row numbers count records, as a spreadsheet does, so a quoted cell
        spanning several lines is still one row.  A row with a cell longer
        than :data:`MAX_CELL_CHARS` is reported and put in :attr:`bad_rows`,
        its long cells blanked, so that a reader can still tell whose row it is.
        """
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
        reader = csv.reader(self._lines(text))
        n, last = 0, 0
        try:
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    n += 1
                    last = self.chars
                    self.issue(n, None, None, Text("io.csv.malformed", {"detail": str(exc)}))
                    continue
                n += 1
                size, last = self.chars - last, self.chars
                if size > MAX_CELL_CHARS and n > 1 and self._oversized(n, row):
                    self.bad_rows.add(n)
                    row = [cell if len(cell) <= MAX_CELL_CHARS else "" for cell in row]
                yield n, row
        except UnicodeDecodeError:
            fh.seek(0)
            self.fatal = not_utf8(fh, FIX_CSV)
        except OSError as exc:
            self.fatal = os_reason(exc)
        finally:
            text.detach()

    def _oversized(self, n: int, row: list[str]) -> bool:
        found = False
        for j, cell in enumerate(row):
            if len(cell) > MAX_CELL_CHARS:
                name = self.names[j] if j < len(self.names) and self.names[j] else f"#{j + 1}"
                limit = {"length": len(cell), "limit": MAX_CELL_CHARS}
                self.issue(n, name, cell, Text("io.csv.oversized", limit))
                found = True
        return found

    def header(self, allowed: tuple[str, ...]) -> list[str] | None:
        """Return the header row, or None (reported) when the file has none or is unreadable.

        A header that is one cell holding the expected column names separated
        by ``;`` (Excel in a Vietnamese locale) makes the file unreadable:
        the fix is to save it again, not to guess.
        """
        first = next(self.rows, None)
        if first is None:
            if self.fatal is None and not self.absent:
                self.empty = True
                self.issue(1, None, None, Text("io.csv.empty"))
            return None
        header = first[1]
        if len(header) == 1 and ";" in header[0]:
            names = [nfc(n) for n in next(csv.reader([header[0]], delimiter=";"))]
            known = [n for n in names if n]
            if len(known) >= 2 and all(n in allowed for n in known):
                self.fatal = Text("io.csv.separator")
                return None
        return header

    def read_header(
        self, header: list[str], allowed: tuple[str, ...], required: tuple[str, ...]
    ) -> None:
        self.width = len(header)
        listed = ", ".join(allowed)
        for j, raw in enumerate(header):
            name = nfc(raw)
            self.names.append(name)
            if not name:
                self.unnamed.append(j)
            elif name not in allowed:
                self.issue(1, name, None, Text("io.csv.unknown_column", {"columns": listed}))
            elif name in self.columns:
                self.issue(1, name, None, Text("io.csv.duplicate_column"))
            else:
                self.columns[name] = j
        for name in required:
            if name not in self.columns:
                self.issue(1, name, None, Text("io.csv.missing_column"))

    def fits(self, n: int, row: list[str]) -> bool:
        """Return whether *row* is a data row; report a ragged or stray one.

        A row whose cells are all blank (spreadsheets leave them behind) holds
        nothing and is skipped.
        """
        if not any(row) or not "".join(row).strip():
            return False
        if len(row) != self.width:
            facts = {"cells": len(row), "width": self.width}
            self.issue(n, None, None, Text("io.csv.ragged", facts))
            return False
        return True

    def stray(self, n: int, row: list[str]) -> bool:
        """Report values in columns without a name; return whether there was one."""
        found = False
        for j in self.unnamed:
            if row[j].strip():
                self.issue(n, f"#{j + 1}", row[j], Text("io.csv.stray"))
                found = True
        return found


@attrs.frozen
class _Bad:
    """A cell's text that does not parse: what was expected."""

    reason: Text


#: A field placed under a header: (column index or -1, field, cache of parsed texts).
_Placed = tuple[int, _Field, dict[str, Any] | None]
#: A blank cell.
_EMPTY: Final = object()
_MISSING: Final = object()


class _Cells:
    """Parses cells, once per distinct text of a column (dates, numbers, labels, references).

    Free-text columns are not cached: their text goes to the model as written,
    whose converters normalise it to NFC; only control characters are refused.
    """

    def __init__(self, org: Organization | None) -> None:
        self.org = org
        # One cache per column *and parser*: two event types may give one
        # column name different meanings (``reason`` of an exemption and of a
        # removal are two lists of values).
        self.caches: dict[tuple[str, Parser, str | None], dict[str, Any]] = {}

    def place(self, fields: Iterable[_Field], columns: dict[str, int]) -> list[_Placed]:
        """Return (column index or -1, field, cache) for *fields* under a header."""
        placed = []
        for field in fields:
            cache = None
            if field.parse is not _same or field.ref is not None:
                cache = self.caches.setdefault((field.name, field.parse, field.ref), {})
            placed.append((columns.get(field.name, -1), field, cache))
        return placed

    def value(self, field: _Field, raw: str, cache: dict[str, Any] | None) -> Any:
        """Return the parsed value, :data:`_EMPTY`, or a :class:`_Bad`."""
        if cache is None:
            return _free_text(raw)
        found = cache.get(raw, _MISSING)
        if found is _MISSING:
            found = cache[raw] = self._parse(field, raw)
        return found

    def _parse(self, field: _Field, raw: str) -> Any:
        text = nfc(raw)
        if not text:
            return _EMPTY
        if field.ref is not None:
            return self._resolve(field.ref, text)
        try:
            return field.parse(text)
        except Problem as problem:
            return _Bad(problem.text)

    def _resolve(self, kind: str, text: str) -> str | _Bad:
        if self.org is None:
            return text  # organization.toml is unusable: nothing to resolve against
        if kind == "hamlet":
            hamlet = self.org.lookup_hamlet(text)
            if hamlet.match is not None:
                return text  # kept as written: an id or a name of a hamlet
            what = Text("io.noun.hamlet")
            suggestion = None if hamlet.suggestion is None else hamlet.suggestion.name
            candidates = hamlet.candidates
        elif kind == "cell":
            cell = self.org.lookup_cell(text)
            if cell.match is not None:
                return cell.match.id
            what = Text("io.noun.cell")
            suggestion = None if cell.suggestion is None else cell.suggestion.name
            candidates = cell.candidates
        else:
            mass = self.org.lookup_mass_organization(text)
            if mass.match is not None:
                return mass.match.id
            what = Text("io.noun.mass_organization")
            suggestion = None if mass.suggestion is None else mass.suggestion.name
            candidates = mass.candidates
        return _unresolved(what, suggestion, candidates)

    def fill(
        self,
        sheet: _Sheet,
        n: int,
        row: list[str],
        fields: list[_Placed],
        values: dict[str, Any],
        context: str = "",
    ) -> bool:
        """Parse *fields* of *row* into *values*; report and return False on any problem."""
        ok = True
        for j, field, cache in fields:
            if j < 0:
                got = _EMPTY
            elif cache is None:  # free text, inline for speed: see _free_text
                got = row[j]
                if not got or got.isspace():
                    got = _EMPTY
                elif not got.isprintable() and has_control(got):
                    got = _Bad(CONTROL)
            else:
                raw = row[j]
                got = cache.get(raw, _MISSING)
                if got is _MISSING:
                    got = cache[raw] = self._parse(field, raw)
            if got is _EMPTY:
                # A column every row needs is reported once, at the header, when absent.
                if field.required and (j >= 0 or context):
                    sheet.issue(n, field.name, None, _required(context))
                ok = ok and not field.required
            elif isinstance(got, _Bad):
                sheet.issue(n, field.name, row[j], got.reason)
                ok = False
            else:
                values[field.name] = got
        return ok


def _free_text(raw: str) -> Any:
    if not raw or raw.isspace():
        return _EMPTY
    if has_control(raw):
        return _Bad(CONTROL)
    return raw


def _unresolved(what: Text, suggestion: str | None, candidates: tuple[str, ...]) -> _Bad:
    if suggestion is not None:
        return _Bad(Text("io.ref.suggest", {"what": what, "name": suggestion}))
    if len(candidates) > 1:
        head = ", ".join(f"'{c}'" for c in candidates[:-1])
        names = Text("io.ref.alternatives", {"head": head, "last": f"'{candidates[-1]}'"})
        return _Bad(Text("io.ref.ambiguous", {"names": names}))
    if what.key == "io.noun.hamlet":
        return _Bad(Text("io.ref.unknown_hamlet"))
    return _Bad(Text("io.ref.unknown", {"what": what}))


def _required(context: str) -> Text:
    if context:
        return Text("io.value.required_for", {"tag": context})
    return Text("io.value.required")


def _construct(sheet: _Sheet, n: int, cls: Callable[..., Any], values: dict[str, Any]) -> Any:
    try:
        return cls(**values)
    except (TypeError, ValueError) as exc:  # a model validator refused the row
        sheet.issue(n, None, None, model_text(str(exc)))
        return None


# --- people.csv ------------------------------------------------------------------


@attrs.define
class PeopleRead:
    """What reading ``people.csv`` gave.

    Attributes:
        people: the people read without a problem.
        rows: every id seen (even on a bad row) with the row it was first seen on.
        bad: ids whose row had a problem: their events are not reported as
            "no such person", they are summarised.
        absent: the file does not exist.
        unread: the file exists but none of its rows could be read.

    """

    people: list[Person] = attrs.Factory(list)
    rows: dict[str, int] = attrs.Factory(dict)
    bad: set[str] = attrs.Factory(set)
    absent: bool = False
    unread: bool = False

    def suggestion(self, pid: str) -> str | None:
        """Return the id that differs from *pid* only in case, if there is one."""
        k = key(pid)
        return next((other for other in self.rows if key(other) == k), None)


def read_people(path: Path, org: Organization | None, issues: list[LoadIssue]) -> PeopleRead:
    """Read ``people.csv``; every problem is appended to *issues*."""
    out = PeopleRead()
    with _Sheet(path, issues) as sheet:
        _read_people(sheet, org, out)
    if sheet.finish() or sheet.unread:
        return PeopleRead(unread=True)
    out.absent = sheet.absent
    return out


def _read_people(sheet: _Sheet, org: Organization | None, out: PeopleRead) -> None:
    header = sheet.header(PEOPLE_COLUMNS)
    if header is None:
        return
    sheet.read_header(header, PEOPLE_COLUMNS, _PEOPLE_REQUIRED)
    if "id" not in sheet.columns:
        sheet.empty = True  # no row says who it is: none can be read
        return
    cells = _Cells(org)
    fields = cells.place(_PEOPLE_FIELDS, sheet.columns)
    id_col = sheet.columns["id"]
    seen = out.rows
    folded: dict[str, str] = {}
    for n, row in sheet.rows:
        pid = nfc(row[id_col]) if id_col < len(row) else ""
        if (sheet.bad_rows and n in sheet.bad_rows) or not sheet.fits(n, row):
            if pid and pid not in seen:
                seen[pid] = n  # its events are not "unknown" as well
                out.bad.add(pid)
            continue
        values: dict[str, Any] = {}
        ok = not (sheet.unnamed and sheet.stray(n, row))
        ok = cells.fill(sheet, n, row, fields, values) and ok
        if pid:
            if pid in seen:
                duplicate = Text("io.people.duplicate_id", {"row": seen[pid]})
                sheet.issue(n, "id", row[id_col], duplicate)
                continue
            seen[pid] = n
            k = key(pid)
            other = folded.setdefault(k, pid)
            if other != pid:
                clash = Text("io.people.case_clash", {"other": other, "row": seen[other]})
                sheet.issue(n, "id", row[id_col], clash)
                out.bad.add(pid)
                continue
        person = _construct(sheet, n, Person, values) if ok else None
        if person is None:
            if pid:
                out.bad.add(pid)
            continue
        out.people.append(person)


def render_people(records: Iterable[Record]) -> str:
    """Return the text of ``people.csv``.

    Raises:
        DataError: when a value cannot be written (control characters).

    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(PEOPLE_COLUMNS)
    for r in records:
        row = [_text(getattr(r.person, name)) for name in PEOPLE_COLUMNS]
        _check_row(row, PEOPLE_COLUMNS, "people.csv", r.person.id)
        writer.writerow(row)
    return buffer.getvalue()


# --- events.csv ------------------------------------------------------------------


@attrs.define
class EventsRead:
    """What reading ``events.csv`` gave.

    Attributes:
        events: the events read without a problem, per person id.
        earliest: per person id, the (date, row, type) of their earliest
            event read.

    """

    events: dict[str, list[ev.Event]] = attrs.Factory(dict)
    earliest: dict[str, tuple[date, int, str]] = attrs.Factory(dict)


def read_events(
    path: Path,
    org: Organization | None,
    people: PeopleRead,
    as_of: date | None,
    issues: list[LoadIssue],
) -> EventsRead:
    """Read ``events.csv`` into events per person id.

    Args:
        path: the file.
        org: the organisation tree references resolve against (None when
            it is unusable: references are then not checked).
        people: what reading ``people.csv`` gave.
        as_of: the date the data are as of; no event may be dated later.
        issues: where problems are appended.

    """
    out = EventsRead()
    with _Sheet(path, issues) as sheet:
        _read_events(sheet, org, people, as_of, out)
    if sheet.finish():
        return EventsRead()
    return out


def _read_events(
    sheet: _Sheet,
    org: Organization | None,
    people: PeopleRead,
    as_of: date | None,
    out: EventsRead,
) -> None:
    header = sheet.header(EVENT_COLUMNS)
    if header is None:
        return
    sheet.read_header(header, EVENT_COLUMNS, _EVENT_BASE)
    cols = sheet.columns
    if "type" not in cols:
        return  # no row can be read without its type; reported at the header
    i_pid, i_date, i_type = cols.get("person_id", -1), cols.get("date", -1), cols["type"]
    # Without a person or a date no row makes an event; reported once, at the header.
    complete = i_pid >= 0 and i_date >= 0
    width = sheet.width
    cells = _Cells(org)
    common: list[tuple[int, str]] = [(cols[c], c) for c in _EVENT_COMMON if c in cols]
    fixed = {*_EVENT_BASE, *_EVENT_COMMON}
    plans: dict[str, _EventPlan] = {}
    for tag, own_fields in _EVENT_FIELDS.items():
        own = {f.name for f in own_fields}
        foreign = [(j, c) for c, j in cols.items() if c not in fixed and c not in own]
        # Fetches every inapplicable cell at once (a tuple even for one column).
        fetch: Callable[[list[str]], tuple[str, ...]] | None = None
        if foreign:
            fetch = operator.itemgetter(*(j for j, _ in foreign), -1)
        plans[tag] = (tag, ev.EVENT_TYPES[tag], cells.place(own_fields, cols), foreign, fetch)
    date_cache = cells.caches.setdefault((_DATE.name, _DATE.parse, _DATE.ref), {})
    pids: dict[str, str] = {}
    unloaded = people.absent or people.unread
    refs_unloaded = refs_bad = 0
    read: dict[str, list[ev.Event]] = {}
    rows_of: dict[str, array[int]] = {}
    for n, row in sheet.rows:
        if (len(row) != width or not row[i_type]) and not sheet.fits(n, row):
            continue
        if sheet.bad_rows and n in sheet.bad_rows:
            continue
        ok = complete and not (sheet.unnamed and sheet.stray(n, row))
        values: dict[str, Any] = {}
        # The person.
        pid = ""
        known = True
        if i_pid >= 0:
            raw = row[i_pid]
            pid = pids.get(raw, "")
            if not pid:
                pid = pids[raw] = nfc(raw)
            if not pid:
                sheet.issue(n, "person_id", raw or None, _required(""))
                ok = False
            elif unloaded:
                refs_unloaded += 1
                known = False
            elif pid in people.bad:
                refs_bad += 1
                known = False
            elif pid not in people.rows:
                sheet.issue(n, "person_id", raw, _unknown_person(people, pid))
                ok = False
        # The date.
        if i_date >= 0:
            day = cells.value(_DATE, row[i_date], date_cache)
            if day is _EMPTY or isinstance(day, _Bad):
                bad = day.reason if isinstance(day, _Bad) else _required("")
                sheet.issue(n, "date", row[i_date] or None, bad)
                ok = False
            elif as_of is not None and day > as_of:
                facts = {"as_of": as_of}
                sheet.issue(n, "date", row[i_date], Text("io.events.after_data_as_of", facts))
                ok = False
            else:
                values["date"] = day
        # The type decides which columns apply.
        raw_tag = row[i_type]
        plan = plans.get(raw_tag) or plans.get(nfc(raw_tag))
        if plan is None:
            bad = _tags() if raw_tag.strip() else _required("")
            sheet.issue(n, "type", raw_tag or None, bad)
            continue
        tag, cls, fields, foreign, fetch = plan
        for j, c in common:
            text = row[j]
            if text:
                if not text.isprintable() and has_control(text):
                    sheet.issue(n, c, text, CONTROL)
                    ok = False
                else:
                    values[c] = text
        if fetch is not None and any(fetch(row)[:-1]):
            for j, c in foreign:
                if row[j] and not row[j].isspace():
                    sheet.issue(n, c, row[j], _not_used(tag))
                    ok = False
        ok = cells.fill(sheet, n, row, fields, values, tag) and ok
        if not ok:
            continue
        event = _construct(sheet, n, cls, values)
        if event is None:
            continue
        if known:
            # The rows in arrays, which the garbage collector need not track.
            held = read.get(pid)
            if held is None:
                held = read[pid] = []
                rows_of[pid] = array("l")
            held.append(event)
            rows_of[pid].append(n)
    found = len(sheet.issues)
    for pid, events in read.items():
        rows = rows_of[pid]
        if len(events) == 1:
            out.events[pid] = events
            out.earliest[pid] = (events[0].date, rows[0], events[0].TYPE)
            continue
        dates = [e.date for e in events]
        first = dates.index(min(dates))
        out.earliest[pid] = (dates[first], rows[first], events[first].TYPE)
        # Only events of one date can be equal: most people have no two.
        unique = len(set(dates)) == len(dates)
        out.events[pid] = events if unique else _distinct(sheet, events, rows)
    if len(sheet.issues) > found:  # duplicates join the other issues in row order
        sheet.issues[sheet.start :] = sorted(sheet.issues[sheet.start :], key=_row)
    if refs_unloaded:
        key_ = "io.events.people_missing" if people.absent else "io.events.people_unread"
        sheet.issue(None, None, None, Text(key_, {"rows": refs_unloaded}))
    if refs_bad:
        sheet.issue(None, None, None, Text("io.events.people_bad_rows", {"rows": refs_bad}))


def _distinct(sheet: _Sheet, events: list[ev.Event], rows: array[int]) -> list[ev.Event]:
    """Return one person's events, reporting each repeated one at its row.

    Only events of the same date and type can be equal, so only those are
    compared in full.
    """
    kept: list[ev.Event] = []
    first: dict[tuple[date, str], list[tuple[int, ev.Event]]] = {}
    for n, event in zip(rows, events, strict=True):
        same = first.setdefault((event.date, event.TYPE), [])
        for m, other in same:
            if other == event:
                sheet.issue(n, None, None, Text("io.events.duplicate", {"row": m}))
                break
        else:
            same.append((n, event))
            kept.append(event)
    return kept


def _row(issue: LoadIssue) -> int:
    return issue.row if isinstance(issue.row, int) else 0


_DATE: Final = _Field("date", parse_date_text, required=True)
_EventPlan = tuple[
    str,
    type[ev.Event],
    list[_Placed],
    list[tuple[int, str]],
    Callable[[list[str]], tuple[str, ...]] | None,
]


def _unknown_person(people: PeopleRead, pid: str) -> Text:
    other = people.suggestion(pid)
    if other is not None:
        return Text("io.events.unknown_person_case", {"other": other})
    return Text("io.events.unknown_person")


def _not_used(tag: str) -> Text:
    return Text("io.value.not_used", {"tag": tag})


def _tags() -> Text:
    return Text("io.events.unknown_type", {"tags": ", ".join(ev.EVENT_TYPES)})


def _event_writers() -> dict[type[ev.Event], list[tuple[int, str]]]:
    pos = {c: i for i, c in enumerate(EVENT_COLUMNS)}
    return {
        cls: [(pos[f.name], f.name) for f in attrs.fields(cls)] for cls in ev.EVENT_TYPES.values()
    }


_WRITERS: Final = _event_writers()


def render_events(records: Iterable[Record]) -> str:
    """Return the text of ``events.csv``, one row per event, person by person in record order.

    Raises:
        DataError: when a value cannot be written (an introducer id that is
            empty or contains ``;``, control characters).

    """
    width = len(EVENT_COLUMNS)
    i_pid, i_type = EVENT_COLUMNS.index("person_id"), EVENT_COLUMNS.index("type")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EVENT_COLUMNS)
    for record in records:
        pid = record.person.id
        rows = []
        for event in record.events:
            row = [""] * width
            row[i_pid] = pid
            row[i_type] = event.TYPE
            for j, name in _WRITERS[type(event)]:
                value = getattr(event, name)
                row[j] = _ids_text(value, pid) if type(value) is tuple else _text(value)
            _check_row(row, EVENT_COLUMNS, "events.csv", pid)
            rows.append(row)
        writer.writerows(rows)
    return buffer.getvalue()


# --- values to text --------------------------------------------------------------


def _check_row(row: list[str], columns: tuple[str, ...], file: str, pid: str) -> None:
    """Refuse a row holding control characters, which reading would refuse."""
    if "".join(row).isprintable():
        return
    for name, cell in zip(columns, row, strict=True):
        if has_control(cell):
            where = f"{file}, {pid}, {name}"
            text = Text("io.save.control", {"where": where, "value": cell})
            raise DataError(text.vi, text.en)


def _ids_text(values: tuple[str, ...], pid: str) -> str:
    for value in values:
        if not value or LIST_SEPARATOR in value:
            text = Text("io.save.introducer_id", {"value": value, "person": pid})
            raise DataError(text.vi, text.en)
    return LIST_SEPARATOR.join(values)


_FORMATS: Final[dict[type, Callable[[Any], str]]] = {
    str: _same,
    int: str,
    bool: lambda b: _TRUE_TEXT if b else _FALSE_TEXT,
    date: date.isoformat,
    type(None): lambda _: "",
}


def _text(value: object) -> str:
    fmt = _FORMATS.get(type(value))
    if fmt is not None:
        return fmt(value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, date):  # a date subclass such as pendulum.Date
        return date.isoformat(value)
    msg = f"no CSV form for {value!r}"
    raise TypeError(msg)
