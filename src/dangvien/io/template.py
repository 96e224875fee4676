"""A new, empty dataset to start from: ``organization.toml`` and an Excel template.

:func:`init_dataset` writes a directory that :func:`~dangvien.io.load_dataset`
reads as a valid empty dataset: an ``organization.toml`` skeleton (a commune
with the cells given) and the workbook ``danh-sach.xlsx``
(:data:`WORKBOOK_FILE`), written by
:func:`~dangvien.io.workbook.save_workbook` for the empty register.  Its
member list and event sheet carry a note on every header (Vietnamese and
English), a frozen header row, date-formatted date columns, text-formatted
text columns (card numbers keep their leading zeros) and drop-down lists
for the cells of the organisation, sex, education, yes/no columns, event
types and every other closed set of values.  An office fills it in and
loads it back without reading the documentation.

Stages are derived from events, never stored, so the template offers event
types (each moves a person between stages) rather than a stage column.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

import tomlkit

from dangvien._text import key, nfc
from dangvien.errors import UsageError
from dangvien.io.workbook import require_openpyxl, save_workbook
from dangvien.messages import Text
from dangvien.model.org import Cell, CellKind, Organization, OrgLevel
from dangvien.model.register import Dataset

__all__ = ["DEFAULT_NAME", "ORGANIZATION_FILE", "WORKBOOK_FILE", "init_dataset", "template_org"]

#: The workbook :func:`init_dataset` writes.
WORKBOOK_FILE: Final = "danh-sach.xlsx"
#: The organisation file of a dataset directory.
ORGANIZATION_FILE: Final = "organization.toml"
#: The organisation's name when none is given.
DEFAULT_NAME: Final = "Đảng bộ xã"


def template_org(name: str = DEFAULT_NAME, cells: Sequence[str] = ()) -> Organization:
    """Return the organisation a new dataset starts with: a commune and its cells.

    Cells get the ids ``cb01``, ``cb02``… in the order given, and the kind
    ``xóm`` (edit ``organization.toml`` for schools, health stations…).

    >>> [c.id for c in template_org("Đảng bộ xã Thử Nghiệm", ["Rú Đất", "Văn Tràng"]).cells]
    ['cb01', 'cb02']
    """
    return Organization(
        "xa",
        name,
        OrgLevel.COMMUNE,
        cells=tuple(Cell(f"cb{i:02d}", c, CellKind.HAMLET) for i, c in enumerate(cells, 1)),
    )


def init_dataset(
    directory: str | Path, *, name: str = DEFAULT_NAME, cells: Sequence[str] = ()
) -> Path:
    """Write a new, valid, empty dataset with an Excel template into *directory*.

    Args:
        directory: created if needed; it must not hold ``organization.toml``
            or ``danh-sach.xlsx`` already.
        name: the commune party committee's name (``Đảng bộ xã Long Thành``).
        cells: the names of its cells, offered as a drop-down list in the
            workbook.

    Returns:
        The path of the workbook.

    Raises:
        UsageError: when a file would be overwritten, when a cell name is
            blank or given twice (ignoring case), or when openpyxl is not
            installed.

    .. versionadded:: 0.2
    """
    require_openpyxl()
    root = Path(directory)
    for file in (ORGANIZATION_FILE, WORKBOOK_FILE):
        if (root / file).exists():
            text = Text("workbook.template.exists", {"path": str(root / file)})
            raise UsageError(text.vi, text.en)
    seen: set[str] = set()
    for cell in cells:
        if key(cell) in seen or not nfc(cell):
            text = Text("workbook.template.cell", {"name": cell})
            raise UsageError(text.vi, text.en)
        seen.add(key(cell))
    org = template_org(name, cells)
    root.mkdir(parents=True, exist_ok=True)
    (root / ORGANIZATION_FILE).write_text(_organization_toml(org), encoding="utf-8")
    workbook = root / WORKBOOK_FILE
    save_workbook(Dataset(org), workbook)
    return workbook


def _organization_toml(org: Organization) -> str:
    """The organisation as TOML an office can edit: a comment, then one ``[[cells]]`` per cell."""
    note = Text("workbook.template.organization")
    out = "".join(f"# {line}\n" for line in (note.vi, note.en))
    out += "\n" + tomlkit.dumps({"id": org.id, "name": org.name, "level": org.level.value})
    for cell in org.cells:
        out += "\n[[cells]]\n"
        out += tomlkit.dumps({"id": cell.id, "name": cell.name, "kind": cell.kind.value})
    return out
