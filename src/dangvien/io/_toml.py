"""``organization.toml`` and ``plans.toml``: structured by the converter, errors by key path.

cattrs' detailed validation collects every bad value of a tree; this module
walks the resulting exception groups and turns each leaf into a
:class:`~dangvien.io._issues.LoadIssue` whose row is the key path
(``plans[0].admission_targets[3].annual``).  A model validator that refuses
a table is traced back to its field by re-running the field validators.

Writing goes through tomlkit: the new values are merged into the file's
existing document (tables by key, arrays of tables by ``id`` or by index), so
comments, key order and layout survive a save; a value that did not change
keeps its text byte for byte.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs
import cattrs
import tomlkit
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from tomlkit.items import AoT, InlineTable, Item, Table

from dangvien._text import key
from dangvien.errors import DataError
from dangvien.io._issues import LoadIssue, Problem, model_text
from dangvien.io._source import FIX_TOML, Unreadable, decode, read_bytes
from dangvien.io._values import has_control
from dangvien.io.converter import make_converter
from dangvien.messages import Text
from dangvien.model.org import Cell, MassOrganization, Organization
from dangvien.model.plan import Plan

__all__ = [
    "DATA_AS_OF",
    "check_organization",
    "read_data_as_of",
    "read_plans",
    "read_toml",
    "render_organization",
    "render_path",
    "render_plans",
    "render_value",
    "structure",
]

#: The top-level key of ``organization.toml`` holding the date the data are as of.
DATA_AS_OF: Final = "data_as_of"

T = TypeVar("T")
Path_ = tuple[str | int, ...]


@cache
def reader() -> cattrs.Converter:
    """The converter used for reading (one per process, never cattrs' global one)."""
    return make_converter()


@cache
def writer() -> cattrs.Converter:
    """The converter used for writing TOML, with native dates, defaults left out."""
    return make_converter(native_dates=True)


@cache
def full_writer() -> cattrs.Converter:
    """The converter giving every attribute, defaults included (to compare with a file)."""
    return make_converter(native_dates=True, omit_defaults=False)


def render_path(path: Path_) -> str:
    """Return a key path as text: ``("plans", 0, "annual")`` → ``plans[0].annual``.

    >>> render_path(("plans", 0, "admission_targets", 3, "annual"))
    'plans[0].admission_targets[3].annual'
    """
    out = ""
    for segment in path:
        if isinstance(segment, int):
            out += f"[{segment}]"
        else:
            out += f".{segment}" if out else segment
    return out


def render_value(value: Any, *, inline: bool = False) -> str:
    """Return a TOML value as it reads in the file (strings bare unless nested).

    >>> render_value({"first_year": 2025, "open_ended": True, "note": "x"})
    '{first_year = 2025, open_ended = true, note = "x"}'
    """
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if inline else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        inner = ", ".join(f"{k} = {render_value(v, inline=True)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(render_value(v, inline=True) for v in value) + "]"
    return str(value)


def _lookup(data: Any, path: Path_) -> Any:
    for segment in path:
        try:
            data = data[segment]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def read_toml(path: Path, issues: list[LoadIssue]) -> tuple[bool, dict[str, Any] | None]:
    """Read and parse a TOML file, or report why it cannot be read.

    Returns:
        (whether the file exists, its tables or None when it is absent or
        cannot be read; the reason is then in *issues*).

    """
    try:
        data = read_bytes(path)
    except Unreadable as exc:
        issues.append(LoadIssue(path.name, None, None, None, exc.text))
        return True, None
    if data is None:
        return False, None
    text = decode(data, FIX_TOML)
    if isinstance(text, Text):
        issues.append(LoadIssue(path.name, None, None, None, text))
        return True, None
    try:
        return True, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason = Text("io.toml.syntax", {"detail": str(exc)})
    except RecursionError:
        reason = Text("io.toml.too_deep")
    except ValueError as exc:  # an integer of thousands of digits
        reason = Text("io.toml.syntax", {"detail": str(exc)})
    issues.append(LoadIssue(path.name, None, None, None, reason))
    return True, None


def _location(exc: BaseException) -> str | int | None:
    found: str | int | None = None
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            found = note.name
        elif isinstance(note, IterableValidationNote):
            found = note.index
    return found


def _leaves(exc: BaseException, path: Path_) -> Iterator[tuple[Path_, BaseException, Any]]:
    """Yield (key path, leaf exception, class refusing the whole table or None)."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        for sub in exc.exceptions:
            where = _location(sub)
            if where is None and not isinstance(sub, BaseExceptionGroup):
                yield path, sub, exc.cl if isinstance(exc, ClassValidationError) else None
            else:
                yield from _leaves(sub, path if where is None else (*path, where))
    elif isinstance(exc, BaseExceptionGroup):
        for member in exc.exceptions:
            yield from _leaves(member, path)
    else:
        yield path, exc, None


class _Report:
    def __init__(self, file: str, data: Any, base: Path_, issues: list[LoadIssue]) -> None:
        self.file, self.data, self.base, self.issues = file, data, base, issues

    def add(self, path: Path_, reason: Text, *, missing: bool = False) -> None:
        column = next((s for s in reversed(path) if isinstance(s, str)), None)
        value = None if missing else _lookup(self.data, path)
        self.issues.append(
            LoadIssue(
                self.file,
                render_path((*self.base, *path)) or None,
                column,
                None if value is None else render_value(value),
                reason,
            )
        )

    def leaf(self, path: Path_, exc: BaseException, cls: Any) -> None:
        if isinstance(exc, ForbiddenExtraKeysError):
            allowed = ", ".join(f.name for f in attrs.fields(exc.cl))
            for name in sorted(exc.extra_fields):
                self.add((*path, name), Text("io.toml.unknown_key", {"keys": allowed}))
        elif isinstance(exc, KeyError):
            self.add(path, Text("io.toml.missing_key"), missing=True)
        elif isinstance(exc, Problem):
            self.add(path, exc.text)
        elif cls is not None and attrs.has(cls) and self._blame_field(path, cls):
            return
        elif isinstance(exc, ValueError | TypeError):
            self.add(path, model_text(str(exc)))
        else:
            self.add(path, Text("io.value.invalid", {"detail": f"{type(exc).__name__}: {exc}"}))

    def _blame_field(self, path: Path_, cls: type) -> bool:
        """Re-run the field validators of a refused table; report those that fail."""
        table = _lookup(self.data, path)
        if not isinstance(table, Mapping):
            return False
        blamed = False
        for f in attrs.fields(cls):
            if f.validator is None or f.name not in table:
                continue
            try:
                value = reader().structure(table[f.name], f.type)
                if callable(f.converter):
                    value = f.converter(value)
                f.validator(None, f, value)
            except Exception as exc:
                self.add((*path, f.name), model_text(str(exc)))
                blamed = True
        return blamed


def structure(data: Any, cls: type[T], file: str, base: Path_, issues: list[LoadIssue]) -> T | None:
    """Structure *data* as *cls*; on failure report every problem and return None."""
    try:
        return reader().structure(data, cls)
    except Exception as exc:
        report = _Report(file, data, base, issues)
        for path, leaf, refused in _leaves(exc, ()):
            report.leaf(path, leaf, refused)
        return None


def _issue(file: str, path: Path_, value: str, reason: Text) -> LoadIssue:
    column = next((s for s in reversed(path) if isinstance(s, str)), None)
    return LoadIssue(file, render_path(path), column, value, reason)


def read_data_as_of(data: dict[str, Any], file: str, issues: list[LoadIssue]) -> date | None:
    """Take the top-level ``data_as_of`` out of *data* and return it (None if absent or bad).

    It is a TOML date or a text date (``31/12/2025``); a bad one is reported.
    """
    if DATA_AS_OF not in data:
        return None
    raw = data.pop(DATA_AS_OF)
    try:
        day: date = reader().structure(raw, date)
    except Problem as problem:
        issues.append(_issue(file, (DATA_AS_OF,), render_value(raw), problem.text))
        return None
    return day


def check_organization(org: Organization, file: str, issues: list[LoadIssue]) -> None:
    """Report duplicate ids, names that clash and validity periods that end before they start.

    Organisation ids must be unique in the tree.  The ids, names and aliases
    of cells must be unique after NFC and case folding (diacritics kept), so
    that every reference resolves to one cell; so must those of mass
    organisations.  An organisation's ``valid_from`` may not be after its
    ``valid_to``.
    """
    org_ids: dict[str, Path_] = {}
    # Per kind: key → (path of the owning item, its id, path of the name).
    owners: dict[str, dict[str, tuple[Path_, str, Path_]]] = {"cells": {}, "mass_organizations": {}}

    def claim(kind: str, label: Text, owner: tuple[Path_, str], text: str, path: Path_) -> None:
        table = owners[kind]
        k = key(text)
        held = table.get(k)
        if held is None:
            table[k] = (*owner, path)
        elif held[0] != owner[0]:
            facts = {"what": label, "other": held[1], "where": render_path(held[2])}
            issues.append(_issue(file, path, text, Text("io.toml.name_clash", facts)))

    def visit(node: Organization, path: Path_) -> None:
        if node.id in org_ids:
            where: str | Text = render_path(org_ids[node.id]) or Text("io.toml.root")
            reason = Text("io.toml.duplicate_organization", {"where": where})
            issues.append(_issue(file, (*path, "id"), node.id, reason))
        else:
            org_ids[node.id] = path
        start, end = node.valid_from, node.valid_to
        if start is not None and end is not None and start > end:
            reason = Text("io.toml.validity_reversed", {"end": end})
            issues.append(_issue(file, (*path, "valid_from"), start.isoformat(), reason))
        groups: tuple[tuple[str, Text, Sequence[Cell | MassOrganization]], ...] = (
            ("cells", Text("io.noun.cell"), node.cells),
            ("mass_organizations", Text("io.noun.mass_organization"), node.mass_organizations),
        )
        for kind, label, items in groups:
            for j, item in enumerate(items):
                here = (*path, kind, j)
                owner = (here, item.id)
                claim(kind, label, owner, item.id, (*here, "id"))
                claim(kind, label, owner, item.name, (*here, "name"))
                for k, alias in enumerate(item.aliases):
                    claim(kind, label, owner, alias, (*here, "aliases", k))
        for i, child in enumerate(node.children):
            visit(child, (*path, "children", i))

    visit(org, ())


def read_plans(
    data: dict[str, Any], file: str, org: Organization | None, issues: list[LoadIssue]
) -> list[Plan]:
    """Structure the ``[[plans]]`` of *data*, plan by plan, and check their ids and organisation."""
    for name in sorted(set(data) - {"plans"}):
        reason = Text("io.toml.plans_only")
        issues.append(LoadIssue(file, name, name, render_value(data[name]), reason))
    raw = data.get("plans", [])
    if not isinstance(raw, list):
        issues.append(_issue(file, ("plans",), render_value(raw), Text("io.toml.expected_plans")))
        return []
    plans: list[Plan] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw):
        plan = structure(item, Plan, file, ("plans", i), issues)
        if plan is None:
            continue
        if plan.id in seen:
            reason = Text("io.toml.duplicate_plan", {"index": seen[plan.id]})
            issues.append(_issue(file, ("plans", i, "id"), plan.id, reason))
            continue
        seen[plan.id] = i
        if org is not None and org.find(plan.organization) is None:
            reason = Text("io.toml.unknown_organization")
            issues.append(_issue(file, ("plans", i, "organization"), plan.organization, reason))
            continue
        plans.append(plan)
    return plans


# --- writing -------------------------------------------------------------------------


def _strip_none(value: Any) -> Any:
    """Drop None (TOML has no null) from unstructured data, recursively."""
    if isinstance(value, dict):
        return {k: _strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip_none(v) for v in value]
    return value


def _check_text(value: Any, file: str, path: Path_) -> None:
    """Refuse text that reading would refuse (control characters), naming its key path."""
    if isinstance(value, str):
        if has_control(value):
            where = f"{file}: {render_path(path)}"
            text = Text("io.save.control", {"where": where, "value": value})
            raise DataError(text.vi, text.en)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_text(v, file, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_text(v, file, (*path, i))


def _is_tables(value: Any) -> bool:
    """True for a non-empty list of tables (written as an array of tables)."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _is_inline(value: dict[str, Any]) -> bool:
    """True for a small table of plain values (``period = {first_year = 2023, …}``)."""
    return not any(isinstance(v, dict) or _is_tables(v) for v in value.values())


def _is_value(value: Any) -> bool:
    """True for what is written on one line: plain values, lists of them, inline tables."""
    if isinstance(value, dict):
        return _is_inline(value)
    return not _is_tables(value)


def _layout(value: dict[str, Any]) -> list[tuple[str, Any]]:
    """Order a table's entries as TOML needs them: one-line values first, then sub-tables."""
    lines = [(k, v) for k, v in value.items() if _is_value(v)]
    tables = [(k, v) for k, v in value.items() if isinstance(v, dict) and not _is_inline(v)]
    arrays = [(k, v) for k, v in value.items() if _is_tables(v)]
    return lines + tables + arrays


def _new_item(value: Any) -> Item:
    if isinstance(value, dict):
        if _is_inline(value):
            inline = tomlkit.inline_table()
            for k, v in value.items():
                inline.append(k, _new_item(v))
            return inline
        table = tomlkit.table()
        _fill(table, value)
        return table
    if _is_tables(value):
        array = tomlkit.aot()
        for v in value:
            table = tomlkit.table()
            _fill(table, v)
            array.append(table)
        return array
    item: Item = tomlkit.item(value)
    return item


def _fill(container: tomlkit.TOMLDocument | Table, value: dict[str, Any]) -> None:
    for k, v in _layout(value):
        container.add(k, _new_item(v))


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (``1`` is not ``true``, a date no datetime)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return bool(a == b)


def _is_dict(value: Any) -> bool:
    return isinstance(value, dict)


def _plain(item: Any) -> Any:
    return item.unwrap() if isinstance(item, Item) else item


def _merge(container: Any, lean: dict[str, Any], full: dict[str, Any]) -> None:
    """Merge new values into a tomlkit table, keeping what did not change as written.

    *full* has every attribute (defaults included); *lean* only those that
    differ from their default.  A key the file holds is kept when its value
    is the same (even a default written out), updated when it changed (its
    comment kept) and removed when the value is now absent; a key the file
    does not hold is added only when it is not a default.
    """
    for k in list(container.keys()):
        if k not in full:
            del container[k]
    for k, new in full.items():
        if k not in container:
            if k in lean:
                container[k] = _new_item(lean[k])
            continue
        old = container[k]
        if isinstance(new, dict) and isinstance(old, Table):
            _merge(old, lean.get(k, {}), new)
        elif isinstance(old, AoT) and isinstance(new, list) and all(_is_dict(v) for v in new):
            if not new and k not in lean:
                del container[k]
            else:
                _merge_tables(container, k, old, lean.get(k, []), new)
        elif isinstance(old, InlineTable) and isinstance(new, dict) and _is_inline(new):
            # Key by key, like a table: a field added to the model with its
            # default does not rewrite ``{ low = 9, high = 11 }`` as written.
            _merge(old, lean.get(k, {}), new)
        elif not _same(_plain(old), new):
            container[k] = _new_item(lean.get(k, new))


def _merge_tables(
    container: Any, k: str, old: AoT, lean: list[dict[str, Any]], full: list[dict[str, Any]]
) -> None:
    """Merge an array of tables: items matched by ``id`` when they all have one, else by index."""
    tables = list(old)
    by_id: dict[str, Table] = {}
    use_ids = all(isinstance(item.get("id"), str) for item in full)
    if use_ids:
        for table in tables:
            tid = _plain(table.get("id"))
            if isinstance(tid, str):
                by_id.setdefault(tid, table)
    merged: list[Table] = []
    for i, (lean_item, full_item) in enumerate(zip(lean, full, strict=True)):
        found = by_id.pop(full_item["id"], None) if use_ids else None
        if not use_ids and i < len(tables):
            found = tables[i]
        if found is None:
            found = tomlkit.table()
            _fill(found, lean_item)
        else:
            _merge(found, lean_item, full_item)
        merged.append(found)
    if len(merged) == len(tables) and all(a is b for a, b in zip(merged, tables, strict=True)):
        return
    array = tomlkit.aot()
    for table in merged:
        array.append(table)
    container[k] = array


def _document(existing: bytes | None) -> tomlkit.TOMLDocument | None:
    """Parse the file being replaced; None when there is none or it is not valid TOML."""
    if existing is None:
        return None
    try:
        return tomlkit.parse(existing.decode("utf-8"))
    except Exception:  # any unreadable old file is simply replaced
        return None


def _render(lean: dict[str, Any], full: dict[str, Any], existing: bytes | None, file: str) -> str:
    _check_text(lean, file, ())
    doc = _document(existing)
    if doc is None:
        doc = tomlkit.document()
        _fill(doc, lean)
    else:
        _merge(doc, lean, full)
    return tomlkit.dumps(doc)


def _with_data_as_of(data: dict[str, Any], data_as_of: date | None) -> dict[str, Any]:
    """Put ``data_as_of`` after the organisation's own plain values (id, name, level…)."""
    if data_as_of is None:
        return data
    out: dict[str, Any] = {}
    for k, v in data.items():
        if k == "level":
            out[k] = v
            out[DATA_AS_OF] = data_as_of
        else:
            out[k] = v
    out.setdefault(DATA_AS_OF, data_as_of)
    return out


def render_organization(
    org: Organization, data_as_of: date | None, existing: bytes | None = None
) -> str:
    """Return the text of ``organization.toml``, merged into *existing* when given.

    Raises:
        DataError: when a text holds control characters, which reading refuses.

    """
    lean = _with_data_as_of(writer().unstructure(org), data_as_of)
    full = _with_data_as_of(_strip_none(full_writer().unstructure(org)), data_as_of)
    return _render(lean, full, existing, "organization.toml")


def render_plans(plans: Sequence[Plan], existing: bytes | None = None) -> str:
    """Return the text of ``plans.toml`` (``[[plans]]`` tables), merged into *existing*.

    Raises:
        DataError: when a text holds control characters, which reading refuses.

    """
    lean = {"plans": [writer().unstructure(p) for p in plans]}
    full = {"plans": [_strip_none(full_writer().unstructure(p)) for p in plans]}
    return _render(lean, full, existing, "plans.toml")
