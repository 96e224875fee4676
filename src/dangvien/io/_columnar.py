"""``people.csv`` and ``events.csv`` read by columns with polars: the fast path of a load.

The reference reader (:mod:`dangvien.io._csv`) reads row by row and reports
every problem.  This reader reads both files with polars (``pip install
"dangvien[fast]"``), checks every value column by column (each distinct
text once, with the reference reader's own parsers), and builds the records
without going through the model's ``__init__`` for events, whose fields it
has already converted.  It is *optimistic*: it returns the records only
when it is certain that the reference reader would read the same files
without a single issue and build equal records; at the first doubt (any
value that does not parse, a ragged row, a quote out of place, a blank row,
a duplicate, an encoding problem…) it returns None, and the reference
reader reads the files and reports every issue exactly as it always did.
A test compares the two readers' datasets, and the whole bad-input corpus
goes through both.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from dangvien._text import key, nfc, nfc_optional, nfc_tuple
from dangvien.io._csv import (
    _DATE,
    _EMPTY,
    _EVENT_BASE,
    _EVENT_COMMON,
    _EVENT_FIELDS,
    _PEOPLE_FIELDS,
    _PEOPLE_REQUIRED,
    EVENT_COLUMNS,
    MAX_CELL_CHARS,
    PEOPLE_COLUMNS,
    _Bad,
    _Cells,
    _Field,
    _same,
)
from dangvien.io._source import FIX_CSV, SNIFF_BYTES, sniff
from dangvien.io._values import has_control
from dangvien.model import events as ev
from dangvien.model.org import Organization
from dangvien.model.people import Person
from dangvien.model.register import Record
from dangvien.model.stages import _ORDER

if TYPE_CHECKING:  # pragma: no cover
    import polars as pl

__all__ = ["available", "read_register"]

#: The converters the columnar reader applies itself (to each distinct text).
_CONVERTERS: Final[frozenset[Callable[..., Any]]] = frozenset({nfc, nfc_optional, nfc_tuple})


class _Doubt(Exception):
    """The reference reader must read these files: it may have something to report."""


def available() -> bool:
    """Return whether polars is installed (the columnar reader can run)."""
    try:
        import polars  # noqa: F401
    except ImportError:
        return False
    return True


def read_register(
    people: Path, events: Path, org: Organization | None, as_of: date | None
) -> tuple[Record, ...] | None:
    """Return the records of ``people.csv`` and ``events.csv``, or None to read them row by row.

    None when polars is not installed, when the organisation tree is
    unusable (references cannot be resolved), or when anything in the files
    is not certainly read without an issue by the reference reader.
    """
    if org is None:
        return None
    try:
        import polars
    except ImportError:
        return None
    try:
        return _Reader(polars, org, as_of).read(people, events)
    except (_Doubt, polars.exceptions.PolarsError):
        return None


# --- the files as bytes, then as a frame of strings ---------------------------------


def _quoted(data: bytes) -> tuple[int, int]:
    """Check that every quote is where RFC 4180 puts it; count line breaks and commas inside.

    A quoted field opens at the start of a field and closes at its end, a
    quote inside it is doubled.  The csv module reads other placements
    leniently, polars differently: those files go to the reference reader.
    """
    breaks = commas = 0
    i = data.find(b'"')
    while i >= 0:
        if i > 0 and data[i - 1] not in b",\n":
            raise _Doubt
        j = i + 1
        while True:
            j = data.find(b'"', j)
            if j < 0:
                raise _Doubt  # never closed
            if data[j + 1 : j + 2] == b'"':
                j += 2  # a doubled quote inside
                continue
            break
        if data[j + 1 : j + 2] not in (b",", b"\n", b"\r", b""):
            raise _Doubt
        breaks += data.count(b"\n", i, j)
        commas += data.count(b",", i, j)
        i = data.find(b'"', j + 1)
    return breaks, commas


def _bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError:
        raise _Doubt from None
    if sniff(data[:SNIFF_BYTES], FIX_CSV) is not None:
        raise _Doubt
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    # No row may be blank (the reference reader skips those silently), no
    # line may end in a bare carriage return, no byte be NUL.
    cr = data.count(b"\r")
    if (
        not data.strip()
        or b"\x00" in data
        or (cr and cr != data.count(b"\r\n"))
        or b"\n\n" in data
        or b"\n\r\n" in data
    ):
        raise _Doubt
    return data


def _text(px: Any, name: str) -> Any:
    """The column *name* as plain text (the frame's columns are categorical)."""
    return px.col(name).cast(px.String)


class _Reader:
    """Reads one dataset's two CSV files by columns (see the module's introduction)."""

    def __init__(self, polars: Any, org: Organization, as_of: date | None) -> None:
        self.pl = polars
        self.cells = _Cells(org)
        self.as_of = as_of
        self.caches: dict[tuple[str, Any, str | None], dict[str | None, Any]] = {}

    def frame(
        self, path: Path, allowed: tuple[str, ...], required: tuple[str, ...]
    ) -> pl.DataFrame:
        """Read a file as strings, once sure the reference reader would take its shape."""
        data = _bytes(path)
        end = data.find(b"\n")
        line = (data if end < 0 else data[:end]).rstrip(b"\r")
        try:
            names = line.decode("utf-8").split(",")
        except UnicodeDecodeError:
            raise _Doubt from None
        if (
            b'"' in line
            or len(set(names)) != len(names)
            or any(n != nfc(n) or n not in allowed for n in names)
            or any(r not in names for r in required)
        ):
            raise _Doubt  # the header has something to report
        records = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        commas = data.count(b",")
        if b'"' in data:
            breaks, inside = _quoted(data)
            records, commas = records - breaks, commas - inside
        # Every row has the header's width: polars pads short rows silently.
        if commas != (len(names) - 1) * records:
            raise _Doubt
        px = self.pl
        # Every column categorical: each distinct text stored once and each
        # cell a 4-byte code.  As plain strings, polars keeps a 16-byte view
        # for every cell, null or not: 1.5 GB for a province's events.csv
        # (2 million rows, 44 columns, most of them blank).
        schema = dict.fromkeys(names, px.Categorical)
        frame: pl.DataFrame = px.read_csv(data, has_header=True, schema=schema)
        if frame.height != records - 1 or frame.columns != names:
            raise _Doubt
        for name in names:
            distinct = frame.get_column(name).unique().to_list()
            if any(t is not None and len(t) > MAX_CELL_CHARS for t in distinct):
                raise _Doubt
        return frame

    # --- values, each distinct text parsed once -------------------------------------

    def parsed(self, field: _Field, texts: Iterable[str | None]) -> dict[str | None, Any]:
        """Map each distinct text of a column to its value (or _EMPTY), as the reference does."""
        cache = self.caches.setdefault((field.name, field.parse, field.ref), {})
        for text in texts:
            if text in cache:
                continue
            raw = text or ""
            if field.parse is _same and field.ref is None:
                # Free text goes to the model as written (its converter applies NFC).
                if not raw or raw.isspace():
                    value: Any = _EMPTY
                elif has_control(raw):
                    raise _Doubt
                else:
                    value = raw
            else:
                value = self.cells._parse(field, raw)
                if isinstance(value, _Bad):
                    raise _Doubt
            cache[text] = value
        return cache

    # --- people -----------------------------------------------------------------------

    def people(self, frame: pl.DataFrame) -> list[Person]:
        columns = {c: frame.get_column(c).to_list() for c in frame.columns}
        ids = [nfc(t or "") for t in columns["id"]]
        if not all(ids) or len(set(ids)) != len(ids):
            raise _Doubt
        if len({key(i) for i in ids}) != len(ids):
            raise _Doubt  # ids differing only in case or spaces
        rows: list[dict[str, Any]] = [{} for _ in ids]
        for field in _PEOPLE_FIELDS:
            texts = columns.get(field.name)
            if texts is None:
                continue  # an optional column left out: every row takes the default
            values = self.parsed(field, set(texts))
            name = field.name
            for row, text in zip(rows, texts, strict=True):
                value = values[text]
                if value is _EMPTY:
                    if field.required:
                        raise _Doubt
                    continue
                row[name] = value
        try:
            return [Person(**row) for row in rows]
        except (TypeError, ValueError):
            raise _Doubt from None  # a model validator refused a row

    # --- events -----------------------------------------------------------------------

    def events(self, frame: pl.DataFrame, people: list[Person]) -> list[tuple[ev.Event, ...]]:
        """Every person's events in :func:`~dangvien.model.stages.sort_events` order."""
        px = self.pl
        if not frame.height:
            return [() for _ in people]
        at = {p.id: i for i, p in enumerate(people)}
        # The person, the date and the type of each row: each distinct text once.
        persons: dict[str, int] = {}
        for text in frame.get_column("person_id").unique().to_list():
            pid = nfc(text or "")
            if pid not in at:
                raise _Doubt  # blank or unknown: reported row by row
            persons[text] = at[pid]
        dates = self.parsed(_DATE, frame.get_column("date").unique().to_list())
        days: dict[str, int] = {}
        for text, day in dates.items():
            if day is _EMPTY or (self.as_of is not None and day > self.as_of):
                raise _Doubt
            assert text is not None  # a blank date is _EMPTY
            days[text] = day.toordinal()
        tags: dict[str, str] = {}
        for text in frame.get_column("type").unique().to_list():
            tag = text if text in ev.EVENT_TYPES else nfc(text or "")
            if tag not in ev.EVENT_TYPES:
                raise _Doubt
            tags[text] = tag
        order = {tag: _ORDER[cls] for tag, cls in ev.EVENT_TYPES.items()}
        # Only the keys are sorted, not the frame of strings: a province's
        # events.csv is 2 million rows of 40 columns (memory, not just time).
        keys = (
            frame.select(
                _text(px, "person_id").replace_strict(persons, return_dtype=px.Int64).alias("__p"),
                _text(px, "date").replace_strict(days, return_dtype=px.Int64).alias("__d"),
                _text(px, "type").replace_strict(tags, return_dtype=px.String).alias("__t"),
            )
            .with_columns(px.col("__t").replace_strict(order, return_dtype=px.Int64).alias("__o"))
            .with_row_index("__row")
            # The order of a record: by date, then the pipeline, then the file.
            .sort(["__p", "__d", "__o", "__row"])
            .with_row_index("__pos")
        )
        # Nobody born after their first event (the sort puts it first).
        firsts = keys.group_by("__p").agg(px.col("__d").first())
        for p, first in firsts.iter_rows():
            if people[p].birth_date.toordinal() > first:
                raise _Doubt
        self.blank_elsewhere(frame, keys)
        built: list[Any] = [None] * frame.height
        for (tag,), rows in (
            keys.select("__t", "__row", "__pos").partition_by("__t", as_dict=True).items()
        ):
            self.build(str(tag), frame, rows, dates, built)
        # Equal events of one person (same date and type first) are reported.
        twins = keys.filter(px.struct("__p", "__d", "__t").is_duplicated())
        if twins.height:
            for (_p, _d, _t), group in twins.group_by(["__p", "__d", "__t"]):
                same = [built[i] for i in group.get_column("__pos").to_list()]
                if any(a == b for k, a in enumerate(same) for b in same[k + 1 :]):
                    raise _Doubt
        # Cut the sorted events into records.
        counts = dict(keys.group_by("__p").len().iter_rows())
        out: list[tuple[ev.Event, ...]] = []
        start = 0
        for p in range(len(people)):
            n = counts.get(p, 0)
            out.append(tuple(built[start : start + n]))
            start += n
        return out

    def blank_elsewhere(self, frame: pl.DataFrame, keys: pl.DataFrame) -> None:
        """A cell in a column of another type's must be blank (else: reported row by row)."""
        px = self.pl
        tag_of_row = keys.sort("__row").get_column("__t")
        for name in frame.columns:
            if name in _FIXED:
                continue
            mine = {t for t, fields in _OWN.items() if name in fields}
            filled = (
                px.DataFrame({"__t": tag_of_row, "v": frame.get_column(name)})
                .filter(px.col("v").is_not_null() & ~px.col("__t").is_in(list(mine)))
                .get_column("v")
                .unique()
                .to_list()
            )
            if any(text and not text.isspace() for text in filled):
                raise _Doubt

    def build(
        self,
        tag: str,
        frame: pl.DataFrame,
        rows: pl.DataFrame,
        dates: dict[str | None, Any],
        out: list[Any],
    ) -> None:
        """Build the events of one type into *out* at their sorted positions."""
        px = self.pl
        cls = ev.EVENT_TYPES[tag]
        own = {f.name: f for f in _EVENT_FIELDS[tag]}
        n = rows.height
        wanted = [f.name for f in attrs.fields(cls) if f.name in frame.columns]
        # Only this type's rows and columns, in the file's order of rows.
        sub = frame.select(px.col(wanted).gather(rows.get_column("__row")))
        values: list[list[Any]] = []
        for f in attrs.fields(cls):
            if f.name == "date":
                values.append([dates[t] for t in sub.get_column("date").to_list()])
                continue
            if f.name in sub.columns:
                column = sub.get_column(f.name)
                texts, distinct = column.to_list(), column.unique().to_list()
            else:
                texts, distinct = [None] * n, [None]
            if f.name in own:
                parsed = self.parsed(own[f.name], distinct)
                required = own[f.name].required
            else:  # doc_no, issuer, note: as written unless blank, no control characters
                parsed = self.common(f.name, distinct)
                required = False
            default = f.default
            convert = f.converter
            mapped: dict[str | None, Any] = {}
            for text in distinct:
                value = parsed[text]
                if value is _EMPTY:
                    if required:
                        raise _Doubt
                    value = default
                mapped[text] = value if convert is None else convert(value)
            values.append([mapped[t] for t in texts])
        make = _maker(cls)
        positions = rows.get_column("__pos").to_list()
        for pos, event in zip(positions, map(make, *values), strict=True):
            out[pos] = event

    def common(self, name: str, texts: Iterable[str | None]) -> dict[str | None, Any]:
        cache = self.caches.setdefault((name, None, None), {})
        for text in texts:
            if text in cache:
                continue
            if not text:
                cache[text] = _EMPTY
            elif has_control(text):
                raise _Doubt
            else:
                cache[text] = text
        return cache

    def read(self, people_path: Path, events_path: Path) -> tuple[Record, ...]:
        people = self.people(self.frame(people_path, PEOPLE_COLUMNS, _PEOPLE_REQUIRED))
        histories = self.events(self.frame(events_path, EVENT_COLUMNS, _EVENT_BASE), people)
        return tuple(map(Record._sorted, people, histories))


_FIXED: Final = frozenset({*_EVENT_BASE, *_EVENT_COMMON})
#: The columns of each event type's own fields.
_OWN: Final = {tag: frozenset(f.name for f in fields) for tag, fields in _EVENT_FIELDS.items()}


# --- building events without their __init__ ------------------------------------------

_MAKERS: dict[type[ev.Event], Callable[..., ev.Event]] = {}


def _maker(cls: type[ev.Event]) -> Callable[..., ev.Event]:
    """Return a function building *cls* from its fields' values, already converted.

    The model's ``__init__`` converts each value again and sets each slot
    through the frozen class's guard; the values here are already what the
    converters return, so the slots are set directly.  Used only for a class
    whose fields have no validator and only the text converters (the event
    classes); any other class is built through its ``__init__``.
    """
    found = _MAKERS.get(cls)
    if found is not None:
        return found
    fields = attrs.fields(cls)
    plain = (
        "__slots__" in cls.__dict__
        and not hasattr(cls, "__attrs_post_init__")
        and all(
            f.validator is None
            and f.init
            and not isinstance(f.default, attrs.Factory)  # type: ignore[arg-type]
            and (f.converter is None or f.converter in _CONVERTERS)
            for f in fields
        )
    )
    if not plain:
        names = [f.name for f in fields]

        def make(*values: Any) -> ev.Event:
            return cls(**dict(zip(names, values, strict=True)))

        _MAKERS[cls] = make
        return make
    args = ", ".join(f"v{i}" for i in range(len(fields)))
    body = "".join(f"    s{i}(o, v{i})\n" for i in range(len(fields)))
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    scope.update({f"s{i}": getattr(cls, f.name).__set__ for i, f in enumerate(fields)})
    # Generated like attrs' own __init__: one call per slot, no loop.
    exec(f"def make({args}):\n    o = new(cls)\n{body}    return o\n", scope)
    _MAKERS[cls] = scope["make"]
    return scope["make"]  # type: ignore[no-any-return]
