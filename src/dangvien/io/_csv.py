"""``people.csv`` and ``events.csv``: a hand-written fast path that reports every bad cell.

A province register has millions of event rows, so rows are not structured
through cattrs: each column gets a compiled parser from the model's attrs
fields, dates and references are parsed once per distinct text, and every
problem becomes a :class:`~dangvien.io._issues.LoadIssue`.  The columns are
derived from the model, so a new event field is a new column without any
change here.
"""

from __future__ import annotations

import csv
import enum
import operator
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, Final

import attrs

from dangvien._text import nfc
from dangvien.io._issues import LoadIssue, Problem
from dangvien.io._values import enum_parser, parse_bool, parse_date_text, parse_int
from dangvien.model import events as ev
from dangvien.model.org import Organization
from dangvien.model.people import Person
from dangvien.model.register import Record

__all__ = [
    "EVENT_COLUMNS",
    "PEOPLE_COLUMNS",
    "read_events",
    "read_people",
    "write_events",
    "write_people",
]

#: The separator of person ids in the ``introducers`` column.
LIST_SEPARATOR: Final = ";"
_TRUE_TEXT, _FALSE_TEXT = "có", "không"

Parser = Callable[[str], Any]


@attrs.frozen
class _Field:
    """How one model attribute is read from a CSV cell."""

    name: str
    parse: Parser
    required: bool
    ref: str | None = None
    """``"cell"`` or ``"mass_organization"`` for a reference resolved through the tree."""


def _split_ids(text: str) -> tuple[str, ...]:
    items = tuple(nfc(part) for part in text.split(LIST_SEPARATOR))
    if not all(items):
        raise Problem(
            "có mã người trống giữa các dấu ';'", "an empty person id between ';' separators"
        )
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


def _fields(
    cls: type, skip: Iterable[str] = (), refs: dict[str, str] | None = None
) -> list[_Field]:
    attrs.resolve_types(cls)
    out = []
    for f in attrs.fields(cls):
        if f.name in skip:
            continue
        parse, optional = _parser_for(f.type)
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
_PEOPLE_FIELDS: Final = _fields(Person, refs={"cell": "cell"})

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


class _Sheet:
    """One CSV file being read: its name, header positions and the issue list."""

    def __init__(self, path: Path, issues: list[LoadIssue]) -> None:
        self.path = path
        self.name = path.name
        self.issues = issues
        self.columns: dict[str, int] = {}
        self.unnamed: list[int] = []
        self.width = 0
        self.failed = False
        #: (row number, cells) of every row; the header comes first.
        self.rows = self._read()

    def issue(
        self, row: int | None, column: str | None, value: str | None, expected: tuple[str, str]
    ) -> None:
        self.issues.append(LoadIssue(self.name, row, column, value, *expected))

    def _read(self) -> Iterator[tuple[int, list[str]]]:
        """Yield (row number, cells) after the header; the header is row 1.

        Row numbers count records, as a spreadsheet does, so a quoted cell
        spanning several lines is still one row.
        """
        n = 0
        try:
            with self.path.open(encoding="utf-8-sig", newline="") as fh:
                for n, row in enumerate(csv.reader(fh), start=1):
                    yield n, row
        except UnicodeDecodeError:
            self.failed = True
            line = _first_bad_line(self.path)
            self.issue(
                None,
                None,
                None,
                (
                    f"tệp không phải văn bản UTF-8 (dòng {line} của tệp); lưu lại dạng CSV UTF-8",
                    f"the file is not UTF-8 text (line {line} of the file); save it as CSV UTF-8",
                ),
            )
        except csv.Error as exc:
            self.failed = True
            self.issue(n + 1, None, None, (f"CSV sai cú pháp: {exc}", f"malformed CSV: {exc}"))

    def header(self) -> list[str] | None:
        """Return the header row, or None (reported) when the file has none."""
        first = next(self.rows, None)
        if first is None:
            if not self.failed:
                self.issue(
                    1, None, None, ("tệp trống, thiếu dòng tiêu đề", "empty file, no header")
                )
            return None
        return first[1]

    def read_header(
        self, header: list[str], allowed: tuple[str, ...], required: tuple[str, ...]
    ) -> None:
        self.width = len(header)
        listed = ", ".join(allowed)
        for j, raw in enumerate(header):
            name = nfc(raw)
            if not name:
                self.unnamed.append(j)
            elif name not in allowed:
                self.issue(
                    1,
                    name,
                    None,
                    (
                        f"cột không có trong định dạng; các cột: {listed}",
                        f"unknown column; the columns are: {listed}",
                    ),
                )
            elif name in self.columns:
                self.issue(1, name, None, ("cột bị lặp lại", "duplicate column"))
            else:
                self.columns[name] = j
        for name in required:
            if name not in self.columns:
                self.issue(1, name, None, ("thiếu cột bắt buộc", "required column missing"))

    def fits(self, n: int, row: list[str]) -> bool:
        """Return whether *row* is a data row; report a ragged or stray one.

        A row whose cells are all blank (spreadsheets leave them behind) holds
        nothing and is skipped.
        """
        if not any(row) or not "".join(row).strip():
            return False
        if len(row) != self.width:
            self.issue(
                n,
                None,
                None,
                (
                    f"dòng có {len(row)} ô, tiêu đề có {self.width} cột",
                    f"the row has {len(row)} cells, the header {self.width} columns",
                ),
            )
            return False
        return True

    def stray(self, n: int, row: list[str]) -> bool:
        """Report values in columns without a name; return whether there was one."""
        found = False
        for j in self.unnamed:
            if row[j].strip():
                self.issue(
                    n,
                    f"#{j + 1}",
                    row[j],
                    ("ô có giá trị trong cột không tên", "a value in a column without a name"),
                )
                found = True
        return found


@attrs.frozen
class _Bad:
    """A cell's text that does not parse: what was expected, in Vietnamese and English."""

    vi: str
    en: str

    @property
    def expected(self) -> tuple[str, str]:
        """The pair (Vietnamese, English)."""
        return self.vi, self.en


#: A field placed under a header: (column index or -1, field, cache of parsed texts).
_Placed = tuple[int, _Field, dict[str, Any] | None]
#: A blank cell.
_EMPTY: Final = object()
_MISSING: Final = object()


class _Cells:
    """Parses cells, once per distinct text of a column (dates, numbers, labels, references).

    Free-text columns are not cached: their text goes to the model as written,
    whose converters normalise it to NFC.
    """

    def __init__(self, org: Organization | None) -> None:
        self.org = org
        self.caches: dict[str, dict[str, Any]] = {}

    def place(self, fields: Iterable[_Field], columns: dict[str, int]) -> list[_Placed]:
        """Return (column index or -1, field, cache) for *fields* under a header."""
        placed = []
        for field in fields:
            cache = None
            if field.parse is not _same or field.ref is not None:
                cache = self.caches.setdefault(field.name, {})
            placed.append((columns.get(field.name, -1), field, cache))
        return placed

    def value(self, field: _Field, raw: str, cache: dict[str, Any] | None) -> Any:
        """Return the parsed value, :data:`_EMPTY`, or a :class:`_Bad`."""
        if cache is None:
            return raw if raw and not raw.isspace() else _EMPTY
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
            return _Bad(problem.vi, problem.en)

    def _resolve(self, kind: str, text: str) -> str | _Bad:
        if self.org is None:
            return text  # organization.toml is unusable: nothing to resolve against
        if kind == "cell":
            cell = self.org.lookup_cell(text)
            if cell.match is not None:
                return cell.match.id
            what = ("chi bộ", "cell")
            suggestion = None if cell.suggestion is None else cell.suggestion.name
            candidates = cell.candidates
        else:
            mass = self.org.lookup_mass_organization(text)
            if mass.match is not None:
                return mass.match.id
            what = ("tổ chức", "mass organisation")
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
            elif cache is None:
                raw = row[j]
                got = raw if raw and not raw.isspace() else _EMPTY
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
                sheet.issue(n, field.name, row[j], got.expected)
                ok = False
            else:
                values[field.name] = got
        return ok


def _unresolved(what: tuple[str, str], suggestion: str | None, candidates: tuple[str, ...]) -> _Bad:
    vi, en = what
    if suggestion is not None:
        return _Bad(
            f"không có {vi} này (tên phải đúng cả dấu); có phải {suggestion!r}?",
            f"no such {en} (names must match with their diacritics); did you mean {suggestion!r}?",
        )
    if len(candidates) > 1:
        quoted = [repr(c) for c in candidates]
        vi_list = ", ".join(quoted[:-1]) + " hay " + quoted[-1]
        en_list = ", ".join(quoted[:-1]) + " and " + quoted[-1]
        return _Bad(
            f"không rõ là {vi_list}: ghi đúng dấu hoặc dùng mã",
            f"ambiguous between {en_list}: write the diacritics or use the id",
        )
    return _Bad(
        f"không có {vi} này trong organization.toml (cần mã, tên hoặc tên khác)",
        f"no such {en} in organization.toml (expected an id, a name or an alias)",
    )


def _first_bad_line(path: Path) -> int:
    """Return the number of the first physical line that is not UTF-8."""
    with path.open("rb") as fh:
        for number, line in enumerate(fh, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return 0  # pragma: no cover - only called after a decoding error


def _required(context: str) -> tuple[str, str]:
    if context:
        return f"bắt buộc với sự kiện {context!r}", f"required for {context!r} events"
    return "bắt buộc", "required"


def _construct(sheet: _Sheet, n: int, cls: Callable[..., Any], values: dict[str, Any]) -> Any:
    try:
        return cls(**values)
    except (TypeError, ValueError) as exc:  # a model validator refused the row
        vi, _, en = str(exc).partition(" / ")
        sheet.issue(n, None, None, (vi, en or vi))
        return None


# --- people.csv ------------------------------------------------------------------


def read_people(
    path: Path, org: Organization | None, issues: list[LoadIssue]
) -> tuple[list[Person], dict[str, int]]:
    """Read ``people.csv``.

    Returns:
        The people read without a problem, and every id seen (even on a bad
        row) with the row it was first seen on, so that events of a person
        whose row is bad are not reported a second time.
    """
    sheet = _Sheet(path, issues)
    cells = _Cells(org)
    people: list[Person] = []
    seen: dict[str, int] = {}
    header = sheet.header()
    if header is None:
        return people, seen
    sheet.read_header(header, PEOPLE_COLUMNS, _PEOPLE_REQUIRED)
    fields = cells.place(_PEOPLE_FIELDS, sheet.columns)
    id_col = sheet.columns.get("id", -1)
    for n, row in sheet.rows:
        pid = nfc(row[id_col]) if 0 <= id_col < len(row) else ""
        if not sheet.fits(n, row):
            if pid:
                seen.setdefault(pid, n)  # its events are not "unknown" as well
            continue
        values: dict[str, Any] = {}
        ok = not (sheet.unnamed and sheet.stray(n, row))
        ok = cells.fill(sheet, n, row, fields, values) and ok
        if pid:
            if pid in seen:
                sheet.issue(
                    n,
                    "id",
                    row[id_col],
                    (f"mã trùng với dòng {seen[pid]}", f"duplicate id, first on row {seen[pid]}"),
                )
                continue
            seen[pid] = n
        if ok:
            person = _construct(sheet, n, Person, values)
            if person is not None:
                people.append(person)
    return people, seen


def write_people(path: Path, records: Iterable[Record], *, bom: bool) -> None:
    """Write ``people.csv`` (with a UTF-8 byte-order mark when *bom*)."""
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(PEOPLE_COLUMNS)
        writer.writerows(
            [_text(getattr(r.person, name)) for name in PEOPLE_COLUMNS] for r in records
        )


# --- events.csv ------------------------------------------------------------------


def read_events(
    path: Path,
    org: Organization | None,
    known: dict[str, int],
    issues: list[LoadIssue],
) -> dict[str, list[ev.Event]]:
    """Read ``events.csv`` into events per person id.

    Args:
        path: the file.
        org: the organisation tree references resolve against (None when
            it is unusable: references are then not checked).
        known: every person id of ``people.csv``.
        issues: where problems are appended.

    """
    sheet = _Sheet(path, issues)
    cells = _Cells(org)
    out: dict[str, list[ev.Event]] = {}
    header = sheet.header()
    if header is None:
        return out
    sheet.read_header(header, EVENT_COLUMNS, _EVENT_BASE)
    cols = sheet.columns
    if "type" not in cols:
        return out  # no row can be read without its type; reported at the header
    i_pid, i_date, i_type = cols.get("person_id", -1), cols.get("date", -1), cols["type"]
    # Without a person or a date no row makes an event; reported once, at the header.
    complete = i_pid >= 0 and i_date >= 0
    width = sheet.width
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
    date_cache = cells.caches.setdefault("date", {})
    pids: dict[str, str] = {}
    for n, row in sheet.rows:
        if (len(row) != width or not row[i_type]) and not sheet.fits(n, row):
            continue
        ok = complete and not (sheet.unnamed and sheet.stray(n, row))
        values: dict[str, Any] = {}
        # The person.
        pid = ""
        if i_pid >= 0:
            raw = row[i_pid]
            pid = pids.get(raw, "")
            if not pid:
                pid = pids[raw] = nfc(raw)
            if pid not in known:
                sheet.issue(n, "person_id", raw or None, _unknown_person(pid))
                ok = False
        # The date.
        if i_date >= 0:
            day = cells.value(_DATE, row[i_date], date_cache)
            if day is _EMPTY or isinstance(day, _Bad):
                bad = day.expected if isinstance(day, _Bad) else _required("")
                sheet.issue(n, "date", row[i_date] or None, bad)
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
            if row[j]:
                values[c] = row[j]
        if fetch is not None and any(fetch(row)[:-1]):
            for j, c in foreign:
                if row[j] and not row[j].isspace():
                    sheet.issue(n, c, row[j], _not_used(tag))
                    ok = False
        ok = cells.fill(sheet, n, row, fields, values, tag) and ok
        if ok:
            event = _construct(sheet, n, cls, values)
            if event is not None:
                out.setdefault(pid, []).append(event)
    return out


_DATE: Final = _Field("date", parse_date_text, required=True)
_EventPlan = tuple[
    str,
    type[ev.Event],
    list[_Placed],
    list[tuple[int, str]],
    Callable[[list[str]], tuple[str, ...]] | None,
]


def _unknown_person(pid: str) -> tuple[str, str]:
    if not pid:
        return _required("")
    return "không có người này trong people.csv", "no such person in people.csv"


def _not_used(tag: str) -> tuple[str, str]:
    return (
        f"cột này không dùng cho sự kiện {tag!r}, phải để trống",
        f"this column is not used by {tag!r} events and must be empty",
    )


def _tags() -> tuple[str, str]:
    tags = ", ".join(ev.EVENT_TYPES)
    return f"cần một loại sự kiện: {tags}", f"expected an event type: {tags}"


def _event_writers() -> dict[type[ev.Event], list[tuple[int, str]]]:
    pos = {c: i for i, c in enumerate(EVENT_COLUMNS)}
    return {
        cls: [(pos[f.name], f.name) for f in attrs.fields(cls)] for cls in ev.EVENT_TYPES.values()
    }


_WRITERS: Final = _event_writers()


def write_events(path: Path, records: Iterable[Record], *, bom: bool) -> None:
    """Write ``events.csv``, one row per event, person by person in record order."""
    width = len(EVENT_COLUMNS)
    i_pid, i_type = EVENT_COLUMNS.index("person_id"), EVENT_COLUMNS.index("type")
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(EVENT_COLUMNS)
        for record in records:
            pid = record.person.id
            rows = []
            for event in record.events:
                row = [""] * width
                row[i_pid] = pid
                row[i_type] = event.TYPE
                for j, name in _WRITERS[type(event)]:
                    row[j] = _text(getattr(event, name))
                rows.append(row)
            writer.writerows(rows)


# --- values to text --------------------------------------------------------------


def _ids_text(values: tuple[str, ...]) -> str:
    for value in values:
        if not value or LIST_SEPARATOR in value:
            msg = (
                f"mã người {value!r} không ghi được vào CSV (trống hoặc có dấu ';') / "
                f"person id {value!r} cannot be written to CSV (empty or contains ';')"
            )
            raise ValueError(msg)
    return LIST_SEPARATOR.join(values)


_FORMATS: Final[dict[type, Callable[[Any], str]]] = {
    str: _same,
    int: str,
    bool: lambda b: _TRUE_TEXT if b else _FALSE_TEXT,
    date: date.isoformat,
    type(None): lambda _: "",
    tuple: _ids_text,
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
