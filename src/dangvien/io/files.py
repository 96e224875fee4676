"""Reading and writing dataset directories (see ``docs/dataset-format.md``).

Every problem in every file is collected as a :class:`LoadIssue` (file, row,
column, value, what was expected); nothing is dropped or coerced silently.
CSV rows are parsed by hand rather than through cattrs: a province register
has millions of event rows and per-row detailed validation would dominate.
"""

from __future__ import annotations

import csv
import enum
import io
import tomllib
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import cattrs
import tomli_w

from dangvien.dates import parse_date
from dangvien.io.converter import make_converter
from dangvien.model import events as ev
from dangvien.model.org import Organization
from dangvien.model.people import Person
from dangvien.model.plan import Plan
from dangvien.model.register import Dataset, Record

__all__ = [
    "DatasetError",
    "LoadIssue",
    "LoadResult",
    "load_dataset",
    "read_dataset",
    "save_dataset",
]

ORGANIZATION_FILE = "organization.toml"
PLANS_FILE = "plans.toml"
PEOPLE_FILE = "people.csv"
EVENTS_FILE = "events.csv"


@attrs.frozen
class LoadIssue:
    """One bad value in a dataset file (lỗi dữ liệu).

    Attributes:
        file: the file name.
        row: the CSV line number (the header is line 1), or the key path in a
            TOML file (``plans[0].admission_targets[3].annual``).
        column: the column or field.
        value: the value found, as text (None when missing).
        expected: what was expected, Vietnamese then English.
    """

    file: str
    row: int | str | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        what = "" if self.column is None else f' cột "{self.column}"'
        val = "" if self.value is None else f" = {self.value!r}"
        return f"{where}:{what}{val}: {self.expected}"


class DatasetError(ValueError):
    """A dataset has bad records; ``issues`` lists every one of them."""

    def __init__(self, issues: Iterable[LoadIssue]) -> None:
        self.issues = tuple(issues)
        lines = [str(i) for i in self.issues[:200]]
        if len(self.issues) > 200:
            lines.append(f"… và {len(self.issues) - 200} lỗi khác / and more")
        super().__init__(f"{len(self.issues)} lỗi / issues:\n" + "\n".join(lines))


@attrs.frozen
class LoadResult:
    """What :func:`read_dataset` returns: the dataset (None if unusable) and every issue."""

    dataset: Dataset | None
    issues: tuple[LoadIssue, ...]

    @property
    def ok(self) -> bool:
        """True when there is no issue."""
        return not self.issues


# --- value parsers for CSV cells ------------------------------------------

_TRUE = {"có", "co", "true", "1", "x", "yes"}
_FALSE = {"không", "khong", "false", "0", "no", ""}


class _Bad(Exception):
    """A cell value that does not parse; carries the expectation text."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


def _parse_bool(text: str) -> bool:
    t = text.strip().casefold()
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False
    raise _Bad("cần có/không (true/false) / expected yes or no")


def _parse_int(text: str) -> int:
    t = text.strip()
    if not t.isascii() or not t.lstrip("-").isdigit():
        raise _Bad("cần số nguyên / expected a whole number")
    return int(t)


def _parse_date(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise _Bad(str(exc)) from None


def _enum_parser(cls: type[enum.Enum]) -> Callable[[str], Any]:
    values = {str(m.value).casefold(): m for m in cls}

    def parse(text: str) -> Any:
        found = values.get(text.strip().casefold())
        if found is None:
            allowed = ", ".join(str(m.value) for m in cls)
            raise _Bad(f"cần một trong / expected one of: {allowed}")
        return found

    return parse


def _fmt(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return ";".join(str(v) for v in value)
    return str(value)


def _field_parser(tp: Any) -> tuple[Callable[[str], Any], bool]:
    """Return (parser, optional) for an attrs field type."""
    optional = False
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in args:
        optional = True
        tp = next(a for a in args if a is not type(None))
    if tp is date:
        return _parse_date, optional
    if tp is bool:
        return _parse_bool, optional
    if tp is int:
        return _parse_int, optional
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_parser(tp), optional
    if typing.get_origin(tp) is tuple:
        return (lambda t: tuple(p.strip() for p in t.split(";") if p.strip())), optional
    return (lambda t: t), optional


_BASE_COLUMNS = ("person_id", "date", "type", "doc_no", "issuer", "note")
_BASE_FIELDS = {"date", "doc_no", "issuer", "note"}


def _event_specs() -> dict[str, list[tuple[str, Callable[[str], Any], bool, bool]]]:
    """Per event tag: (field, parser, optional, has_default) for its own fields."""
    specs: dict[str, list[tuple[str, Callable[[str], Any], bool, bool]]] = {}
    for tag, cls in ev.EVENT_TYPES.items():
        attrs.resolve_types(cls)
        rows = []
        for f in attrs.fields(cls):
            if f.name in _BASE_FIELDS:
                continue
            parser, optional = _field_parser(f.type)
            rows.append((f.name, parser, optional, f.default is not attrs.NOTHING))
        specs[tag] = rows
    return specs


_SPECS = _event_specs()
#: Columns of events.csv, in order.
EVENT_COLUMNS: tuple[str, ...] = _BASE_COLUMNS + tuple(
    dict.fromkeys(name for rows in _SPECS.values() for name, *_ in rows)
)
PEOPLE_COLUMNS: tuple[str, ...] = tuple(f.name for f in attrs.fields(Person))
_PEOPLE_REQUIRED = ("id", "full_name", "birth_date", "sex")


# --- reading ---------------------------------------------------------------


def _read_csv(
    path: Path, issues: list[LoadIssue]
) -> tuple[list[str], Iterator[tuple[int, list[str]]]] | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        issues.append(
            LoadIssue(
                path.name, None, None, None, f"tệp không phải UTF-8 / not UTF-8 ({exc.reason})"
            )
        )
        return None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return [], iter(())
    return [h.strip() for h in header], ((reader.line_num, row) for row in reader)


def _toml(path: Path, issues: list[LoadIssue]) -> dict[str, Any] | None:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        issues.append(LoadIssue(path.name, None, None, None, f"TOML sai cú pháp / bad TOML: {exc}"))
        return None
    except UnicodeDecodeError as exc:
        issues.append(
            LoadIssue(path.name, None, None, None, f"không phải UTF-8 / not UTF-8: {exc}")
        )
        return None


def _walk_errors(exc: BaseException, path: str) -> Iterator[tuple[str, BaseException]]:
    if isinstance(exc, cattrs.ClassValidationError | cattrs.IterableValidationError):
        for sub in exc.exceptions:
            notes = getattr(sub, "__notes__", [])
            step = ""
            for note in notes:
                name = getattr(note, "name", None)
                index = getattr(note, "index", None)
                if name is not None:
                    step = f".{name}"
                elif index is not None:
                    step = f"[{index}]"
            yield from _walk_errors(sub, path + step)
    elif isinstance(exc, ExceptionGroup):
        for sub in exc.exceptions:
            yield from _walk_errors(sub, path)
    else:
        yield path, exc


def _lookup(data: Any, path: str) -> Any:
    import re

    for name, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", path):
        try:
            data = data[name] if name else data[int(index)]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _structure_toml(
    conv: cattrs.Converter, data: Any, cls: type[Any], file: str, root: str, issues: list[LoadIssue]
) -> Any:
    try:
        return conv.structure(data, cls)
    except Exception as exc:
        for path, sub in _walk_errors(exc, root):
            field = path.rsplit(".", 1)[-1] if "." in path else path
            if isinstance(sub, cattrs.ForbiddenExtraKeysError):
                for k in sorted(sub.extra_fields):
                    issues.append(
                        LoadIssue(
                            file,
                            path or "$",
                            k,
                            None,
                            "trường không có trong định dạng / unknown field",
                        )
                    )
                continue
            if isinstance(sub, KeyError):
                issues.append(
                    LoadIssue(
                        file, path, field, None, "thiếu trường bắt buộc / required field missing"
                    )
                )
                continue
            value = _lookup(data, path[len(root) :]) if path.startswith(root) else None
            issues.append(
                LoadIssue(file, path, field, None if value is None else str(value), _expected(sub))
            )
        return None


def _expected(exc: BaseException) -> str:
    if isinstance(exc, ValueError) and "/" in str(exc):
        return str(exc)
    if isinstance(exc, ValueError | TypeError):
        return f"giá trị không hợp lệ / invalid value ({exc})"
    return f"{type(exc).__name__}: {exc}"


def _read_people(path: Path, org: Organization | None, issues: list[LoadIssue]) -> list[Person]:
    parsed = _read_csv(path, issues)
    if parsed is None:
        return []
    header, rows = parsed
    name = path.name
    for col in header:
        if col not in PEOPLE_COLUMNS:
            issues.append(
                LoadIssue(
                    name,
                    1,
                    col,
                    None,
                    f"cột không có trong định dạng / unknown column; "
                    f"expected: {', '.join(PEOPLE_COLUMNS)}",
                )
            )
    for col in _PEOPLE_REQUIRED:
        if col not in header:
            issues.append(LoadIssue(name, 1, col, None, "thiếu cột bắt buộc / missing column"))
    if any(c not in header for c in _PEOPLE_REQUIRED):
        return []
    attrs.resolve_types(Person)
    parsers = {f.name: _field_parser(f.type)[0] for f in attrs.fields(Person)}
    people: list[Person] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            issues.append(
                LoadIssue(
                    name,
                    line,
                    None,
                    None,
                    f"cần {len(header)} cột, có {len(row)} / expected "
                    f"{len(header)} cells, got {len(row)}",
                )
            )
            continue
        values: dict[str, Any] = {}
        ok = True
        for col, raw in zip(header, row, strict=True):
            if col not in parsers:
                continue
            text = raw.strip()
            if not text:
                if col in _PEOPLE_REQUIRED:
                    issues.append(LoadIssue(name, line, col, raw, "bắt buộc / required"))
                    ok = False
                continue
            if col == "cell" and org is not None:
                cell = _resolve_cell(org, text, name, line, col, issues)
                if cell is None:
                    ok = False
                    continue
                values[col] = cell
                continue
            try:
                values[col] = parsers[col](text)
            except _Bad as bad:
                issues.append(LoadIssue(name, line, col, raw, bad.expected))
                ok = False
        if not ok:
            continue
        pid = values["id"]
        if pid in seen:
            issues.append(
                LoadIssue(
                    name,
                    line,
                    "id",
                    pid,
                    f"mã trùng với dòng {seen[pid]} / duplicate of line {seen[pid]}",
                )
            )
            continue
        seen[pid] = line
        try:
            people.append(Person(**values))
        except (TypeError, ValueError) as exc:
            issues.append(LoadIssue(name, line, None, None, str(exc)))
    return people


def _resolve_cell(
    org: Organization, text: str, file: str, line: int, col: str, issues: list[LoadIssue]
) -> str | None:
    found = org.lookup_cell(text)
    if found.match is not None:
        return found.match.id
    if found.suggestion is not None:
        hint = f"; có phải {found.suggestion.name!r}? / did you mean {found.suggestion.name!r}?"
    elif found.ambiguous:
        names = " / ".join(found.candidates)
        hint = (
            f"; có nhiều chi bộ khớp, ghi đúng dấu hoặc dùng mã: {names} / "
            f"ambiguous between {names}: write the diacritics or use the cell id"
        )
    else:
        hint = ""
    issues.append(LoadIssue(file, line, col, text, f"không có chi bộ này / no such cell{hint}"))
    return None


def _resolve_massorg(
    org: Organization, text: str, file: str, line: int, col: str, issues: list[LoadIssue]
) -> str | None:
    found = org.lookup_mass_organization(text)
    if found.match is not None:
        return found.match.id
    hint = ""
    if found.suggestion is not None:
        hint = f"; có phải {found.suggestion.name!r}? / did you mean {found.suggestion.name!r}?"
    elif found.ambiguous:
        hint = " / ambiguous between " + " / ".join(found.candidates)
    issues.append(
        LoadIssue(file, line, col, text, f"không có tổ chức này / no such mass organisation{hint}")
    )
    return None


def _read_events(
    path: Path, org: Organization | None, people: set[str], issues: list[LoadIssue]
) -> dict[str, list[ev.Event]]:
    parsed = _read_csv(path, issues)
    out: dict[str, list[ev.Event]] = {}
    if parsed is None:
        return out
    header, rows = parsed
    name = path.name
    for col in header:
        if col not in EVENT_COLUMNS:
            issues.append(
                LoadIssue(name, 1, col, None, "cột không có trong định dạng / unknown column")
            )
    for col in ("person_id", "date", "type"):
        if col not in header:
            issues.append(LoadIssue(name, 1, col, None, "thiếu cột bắt buộc / missing column"))
    if any(c not in header for c in ("person_id", "date", "type")):
        return out
    pos = {c: i for i, c in enumerate(header)}
    known = set(EVENT_COLUMNS)
    tags = ", ".join(ev.EVENT_TYPES)
    for line, row in rows:
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            issues.append(
                LoadIssue(
                    name,
                    line,
                    None,
                    None,
                    f"cần {len(header)} cột, có {len(row)} / expected "
                    f"{len(header)} cells, got {len(row)}",
                )
            )
            continue
        cell = {c: row[i].strip() for c, i in pos.items() if c in known}
        ok = True
        pid, tag = cell["person_id"], cell["type"]
        if pid not in people:
            issues.append(
                LoadIssue(
                    name, line, "person_id", pid, "không có trong people.csv / not in people.csv"
                )
            )
            ok = False
        spec = _SPECS.get(tag)
        if spec is None:
            issues.append(
                LoadIssue(name, line, "type", tag, f"cần một trong / expected one of: {tags}")
            )
            continue
        values: dict[str, Any] = {}
        try:
            values["date"] = _parse_date(cell["date"])
        except _Bad as bad:
            issues.append(LoadIssue(name, line, "date", cell["date"], bad.expected))
            ok = False
        for col in ("doc_no", "issuer", "note"):
            if cell.get(col):
                values[col] = cell[col]
        own = {field for field, *_ in spec}
        for col, text in cell.items():
            if text and col not in own and col not in _BASE_COLUMNS:
                issues.append(
                    LoadIssue(
                        name,
                        line,
                        col,
                        text,
                        f"cột này không dùng cho sự kiện {tag!r} / not used by {tag!r} events",
                    )
                )
                ok = False
        for field, parser, optional, has_default in spec:
            text = cell.get(field, "")
            if not text:
                if not (optional or has_default):
                    issues.append(
                        LoadIssue(
                            name,
                            line,
                            field,
                            None,
                            f"bắt buộc với sự kiện {tag!r} / required for {tag!r}",
                        )
                    )
                    ok = False
                continue
            if field == "cell" and org is not None:
                resolved = _resolve_cell(org, text, name, line, field, issues)
                ok = ok and resolved is not None
                values[field] = resolved
                continue
            if field == "organization" and org is not None:
                resolved = _resolve_massorg(org, text, name, line, field, issues)
                ok = ok and resolved is not None
                values[field] = resolved
                continue
            try:
                values[field] = parser(text)
            except _Bad as bad:
                issues.append(LoadIssue(name, line, field, text, bad.expected))
                ok = False
        if not ok:
            continue
        try:
            event = ev.EVENT_TYPES[tag](**values)
        except (TypeError, ValueError) as exc:
            issues.append(LoadIssue(name, line, None, None, str(exc)))
            continue
        out.setdefault(pid, []).append(event)
    return out


def _check_unique_ids(org: Organization, issues: list[LoadIssue]) -> None:
    """Ids must be unique across the tree; names may repeat across communes."""
    seen: dict[str, str] = {}
    kinds = (
        [("organization", o.id) for o in org.walk()]
        + [("cell", c.id) for c in org.all_cells()]
        + [("mass_organization", m.id) for m in org.all_mass_organizations()]
    )
    for kind, ident in kinds:
        k = f"{kind}:{ident}"
        if k in seen:
            issues.append(
                LoadIssue(ORGANIZATION_FILE, None, "id", ident, "mã bị trùng / duplicate id")
            )
        seen[k] = ident


def read_dataset(directory: str | Path) -> LoadResult:
    """Read a dataset directory, collecting every issue instead of raising.

    Raises:
        FileNotFoundError: when *directory* or its ``organization.toml`` is missing.
    """
    root = Path(directory)
    if not (root / ORGANIZATION_FILE).is_file():
        msg = f"không thấy {root / ORGANIZATION_FILE} / no {ORGANIZATION_FILE} in {root}"
        raise FileNotFoundError(msg)
    issues: list[LoadIssue] = []
    conv = make_converter()
    raw_org = _toml(root / ORGANIZATION_FILE, issues)
    org = None
    if raw_org is not None:
        org = _structure_toml(conv, raw_org, Organization, ORGANIZATION_FILE, "", issues)
    if org is not None:
        _check_unique_ids(org, issues)
    plans: list[Plan] = []
    if (root / PLANS_FILE).is_file():
        raw_plans = _toml(root / PLANS_FILE, issues)
        if raw_plans is not None:
            extra = sorted(set(raw_plans) - {"plans"})
            for k in extra:
                issues.append(
                    LoadIssue(
                        PLANS_FILE, "$", k, None, "chỉ có bảng [[plans]] / only [[plans]] tables"
                    )
                )
            for i, item in enumerate(raw_plans.get("plans", [])):
                plan = _structure_toml(conv, item, Plan, PLANS_FILE, f"plans[{i}]", issues)
                if plan is not None:
                    plans.append(plan)
    people: list[Person] = []
    if (root / PEOPLE_FILE).is_file():
        people = _read_people(root / PEOPLE_FILE, org, issues)
    events: dict[str, list[ev.Event]] = {}
    if (root / EVENTS_FILE).is_file():
        events = _read_events(root / EVENTS_FILE, org, {p.id for p in people}, issues)
    if org is None:
        return LoadResult(None, tuple(issues))
    records = tuple(Record(p, tuple(events.get(p.id, ()))) for p in people)
    return LoadResult(Dataset(org, tuple(plans), records), tuple(issues))


def load_dataset(directory: str | Path) -> Dataset:
    """Read a dataset directory.

    Raises:
        DatasetError: listing every bad record, when there is any.
        FileNotFoundError: when the directory has no ``organization.toml``.
    """
    result = read_dataset(directory)
    if result.issues or result.dataset is None:
        raise DatasetError(result.issues)
    return result.dataset


# --- writing ---------------------------------------------------------------


def save_dataset(dataset: Dataset, directory: str | Path, *, bom: bool = True) -> None:
    """Write *dataset* to *directory* (created if needed) in the documented format.

    CSV files are written with a UTF-8 byte-order mark by default, because
    offices open them in Excel; pass ``bom=False`` for tools that dislike it.
    """
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    conv = make_converter(native_dates=True)
    (root / ORGANIZATION_FILE).write_text(
        tomli_w.dumps(conv.unstructure(dataset.organization)), encoding="utf-8"
    )
    if dataset.plans:
        plans = {"plans": [conv.unstructure(p) for p in dataset.plans]}
        (root / PLANS_FILE).write_text(tomli_w.dumps(plans), encoding="utf-8")
    encoding = "utf-8-sig" if bom else "utf-8"
    with (root / PEOPLE_FILE).open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(PEOPLE_COLUMNS)
        for r in dataset.records:
            w.writerow([_fmt(getattr(r.person, c)) for c in PEOPLE_COLUMNS])
    with (root / EVENTS_FILE).open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(EVENT_COLUMNS)
        for r in dataset.records:
            for e in r.events:
                row = dict.fromkeys(EVENT_COLUMNS, "")
                row["person_id"] = r.person.id
                row["type"] = e.TYPE
                for f in attrs.fields(type(e)):
                    row[f.name] = _fmt(getattr(e, f.name))
                w.writerow(row.values())
