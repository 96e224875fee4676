"""``organization.toml`` and ``plans.toml``: structured by the converter, errors by key path.

cattrs' detailed validation collects every bad value of a tree; this module
walks the resulting exception groups and turns each leaf into a
:class:`~dangvien.io._issues.LoadIssue` whose row is the key path
(``plans[0].admission_targets[3].annual``).  A model validator that refuses
a table is traced back to its field by re-running the field validators.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import attrs
import cattrs
import tomli_w
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from dangvien._text import key
from dangvien.io._issues import LoadIssue, Problem
from dangvien.io.converter import make_converter
from dangvien.model.org import Cell, MassOrganization, Organization
from dangvien.model.plan import Plan

__all__ = [
    "check_organization",
    "read_plans",
    "read_toml",
    "render_path",
    "render_value",
    "structure",
    "write_plans",
    "write_toml",
]

T = TypeVar("T")
Path_ = tuple[str | int, ...]


@cache
def reader() -> cattrs.Converter:
    """The converter used for reading (one per process, never cattrs' global one)."""
    return make_converter()


@cache
def writer() -> cattrs.Converter:
    """The converter used for writing TOML, with native dates."""
    return make_converter(native_dates=True)


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


def read_toml(path: Path, issues: list[LoadIssue]) -> dict[str, Any] | None:
    """Parse a TOML file, or report why it cannot be parsed."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        issues.append(
            LoadIssue(
                path.name, None, None, None, f"TOML sai cú pháp: {exc}", f"invalid TOML: {exc}"
            )
        )
    except UnicodeDecodeError as exc:
        issues.append(
            LoadIssue(
                path.name,
                None,
                None,
                None,
                f"tệp không phải văn bản UTF-8 (byte {exc.start})",
                f"the file is not UTF-8 text (byte {exc.start})",
            )
        )
    return None


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


def _split(message: str) -> tuple[str, str]:
    vi, sep, en = message.partition(" / ")
    if sep:
        return vi, en
    return f"giá trị không hợp lệ: {message}", f"invalid value: {message}"


class _Report:
    def __init__(self, file: str, data: Any, base: Path_, issues: list[LoadIssue]) -> None:
        self.file, self.data, self.base, self.issues = file, data, base, issues

    def add(self, path: Path_, expected: tuple[str, str], *, missing: bool = False) -> None:
        column = next((s for s in reversed(path) if isinstance(s, str)), None)
        value = None if missing else _lookup(self.data, path)
        self.issues.append(
            LoadIssue(
                self.file,
                render_path((*self.base, *path)) or None,
                column,
                None if value is None else render_value(value),
                *expected,
            )
        )

    def leaf(self, path: Path_, exc: BaseException, cls: Any) -> None:
        if isinstance(exc, ForbiddenExtraKeysError):
            allowed = ", ".join(f.name for f in attrs.fields(exc.cl))
            for name in sorted(exc.extra_fields):
                self.add(
                    (*path, name),
                    (
                        f"khóa không có trong định dạng; các khóa: {allowed}",
                        f"unknown key; the keys are: {allowed}",
                    ),
                )
        elif isinstance(exc, KeyError):
            self.add(path, ("thiếu khóa bắt buộc", "required key missing"), missing=True)
        elif isinstance(exc, Problem):
            self.add(path, (exc.vi, exc.en))
        elif cls is not None and attrs.has(cls) and self._blame_field(path, cls):
            return
        elif isinstance(exc, ValueError | TypeError):
            self.add(path, _split(str(exc)))
        else:
            self.add(path, _split(f"{type(exc).__name__}: {exc}"))

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
                self.add((*path, f.name), _split(str(exc)))
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


def _issue(file: str, path: Path_, value: str, expected: tuple[str, str]) -> LoadIssue:
    column = next((s for s in reversed(path) if isinstance(s, str)), None)
    return LoadIssue(file, render_path(path), column, value, *expected)


def check_organization(org: Organization, file: str, issues: list[LoadIssue]) -> None:
    """Report duplicate ids, and cell or mass-organisation names that clash.

    Organisation ids must be unique in the tree.  The ids, names and aliases
    of cells must be unique after NFC and case folding (diacritics kept), so
    that every reference resolves to one cell; so must those of mass
    organisations.
    """
    org_ids: dict[str, Path_] = {}
    # Per kind: key → (path of the owning item, its id, path of the name).
    owners: dict[str, dict[str, tuple[Path_, str, Path_]]] = {"cells": {}, "mass_organizations": {}}

    def claim(
        kind: str, label: tuple[str, str], owner: tuple[Path_, str], text: str, path: Path_
    ) -> None:
        table = owners[kind]
        k = key(text)
        held = table.get(k)
        if held is None:
            table[k] = (*owner, path)
        elif held[0] != owner[0]:
            where = render_path(held[2])
            issues.append(
                _issue(
                    file,
                    path,
                    text,
                    (
                        f"trùng với {label[0]} {held[1]!r} ({where}) khi không phân biệt hoa "
                        "thường; mã, tên và tên khác phải khác nhau",
                        f"clashes with {label[1]} {held[1]!r} ({where}) ignoring case; "
                        "ids, names and aliases must be unique",
                    ),
                )
            )

    def visit(node: Organization, path: Path_) -> None:
        if node.id in org_ids:
            where = render_path(org_ids[node.id]) or "gốc / root"
            issues.append(
                _issue(
                    file,
                    (*path, "id"),
                    node.id,
                    (f"mã trùng với tổ chức ở {where}", f"duplicate id, also at {where}"),
                )
            )
        else:
            org_ids[node.id] = path
        groups: tuple[tuple[str, tuple[str, str], Sequence[Cell | MassOrganization]], ...] = (
            ("cells", ("chi bộ", "cell"), node.cells),
            ("mass_organizations", ("tổ chức", "mass organisation"), node.mass_organizations),
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
        issues.append(
            LoadIssue(
                file,
                name,
                name,
                render_value(data[name]),
                "khóa không có trong định dạng; chỉ có bảng [[plans]]",
                "unknown key; the file holds only [[plans]] tables",
            )
        )
    raw = data.get("plans", [])
    if not isinstance(raw, list):
        issues.append(
            _issue(file, ("plans",), render_value(raw), ("cần [[plans]]", "expected [[plans]]"))
        )
        return []
    plans: list[Plan] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw):
        plan = structure(item, Plan, file, ("plans", i), issues)
        if plan is None:
            continue
        if plan.id in seen:
            issues.append(
                _issue(
                    file,
                    ("plans", i, "id"),
                    plan.id,
                    (
                        f"mã trùng với plans[{seen[plan.id]}]",
                        f"duplicate id of plans[{seen[plan.id]}]",
                    ),
                )
            )
            continue
        seen[plan.id] = i
        if org is not None and org.find(plan.organization) is None:
            issues.append(
                _issue(
                    file,
                    ("plans", i, "organization"),
                    plan.organization,
                    (
                        "không có tổ chức đảng mã này trong organization.toml",
                        "no party organisation with this id in organization.toml",
                    ),
                )
            )
            continue
        plans.append(plan)
    return plans


def write_toml(path: Path, value: Any, unstructure_as: Any = None) -> None:
    """Write *value* as TOML (dates native, defaults omitted)."""
    data = writer().unstructure(value, unstructure_as=unstructure_as)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


def write_plans(path: Path, plans: Sequence[Plan]) -> None:
    """Write ``plans.toml`` as ``[[plans]]`` tables."""
    data = {"plans": [writer().unstructure(p) for p in plans]}
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
