"""Reading and writing dataset directories, as ``docs/dataset-format.md`` describes them.

A dataset directory holds ``organization.toml`` (required), ``plans.toml``,
``people.csv`` and ``events.csv``.  Reading never stops at the first problem:
every bad value of every file becomes a :class:`~dangvien.io.LoadIssue`, and
nothing is dropped or coerced silently.

>>> import tempfile
>>> from datetime import date
>>> from dangvien.model import Cell, Dataset, Organization, OrgLevel, Person, Record, Sex
>>> org = Organization("x", "Đảng bộ xã Thử Nghiệm", OrgLevel.COMMUNE,
...                    cells=(Cell("c5", "Vạn Tràng"), Cell("c6", "Văn Tràng")))
>>> ds = Dataset(org, records=(Record(Person("P1", "Người Thử", date(2000, 1, 2), Sex.FEMALE,
...                                             cell="c5")),))
>>> with tempfile.TemporaryDirectory() as tmp:
...     save_dataset(ds, tmp)
...     load_dataset(tmp) == ds
True
"""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path
from typing import Final, Literal

from dangvien import _gc
from dangvien.io._atomic import replace_files
from dangvien.io._columnar import read_register
from dangvien.io._csv import (
    EventsRead,
    PeopleRead,
    read_events,
    read_people,
    render_events,
    render_people,
)
from dangvien.io._issues import DatasetError, LoadIssue, LoadResult
from dangvien.io._source import check_directory
from dangvien.io._toml import (
    check_organization,
    read_data_as_of,
    read_plans,
    read_toml,
    render_organization,
    render_plans,
    structure,
)
from dangvien.messages import Text
from dangvien.model.org import Organization
from dangvien.model.plan import Plan
from dangvien.model.register import Dataset, Record

__all__ = [
    "EVENTS_FILE",
    "ORGANIZATION_FILE",
    "PEOPLE_FILE",
    "PLANS_FILE",
    "Reader",
    "load_dataset",
    "read_dataset",
    "save_dataset",
]

ORGANIZATION_FILE: Final = "organization.toml"
PLANS_FILE: Final = "plans.toml"
PEOPLE_FILE: Final = "people.csv"
EVENTS_FILE: Final = "events.csv"
#: The directory of a register kept in partitions (see :mod:`dangvien.io.parts`).
PARTS_DIR: Final = "parts"
_FILES: Final = (ORGANIZATION_FILE, PLANS_FILE, PEOPLE_FILE, EVENTS_FILE)


def _read_organization(
    root: Path, issues: list[LoadIssue]
) -> tuple[Organization | None, date | None]:
    """Return the organisation tree and the date the data are as of (None when unusable)."""
    exists, data = read_toml(root / ORGANIZATION_FILE, issues)
    if not exists:
        reason = Text("io.file.required", {"directory": str(root)})
        issues.append(LoadIssue(ORGANIZATION_FILE, None, None, None, reason))
        return None, None
    if data is None:
        return None, None
    as_of = read_data_as_of(data, ORGANIZATION_FILE, issues)
    org = structure(data, Organization, ORGANIZATION_FILE, (), issues)
    if org is not None:
        check_organization(org, ORGANIZATION_FILE, issues)
    return org, as_of


def _born_after_events(people: PeopleRead, events: EventsRead, issues: list[LoadIssue]) -> None:
    """Report, at ``birth_date``, each person born after their earliest event; drop them.

    The issues join those of ``people.csv`` in row order.
    """
    found: list[LoadIssue] = []
    kept = []
    for person in people.people:
        first = events.earliest.get(person.id)
        if first is not None and person.birth_date > first[0]:
            day, row, tag = first
            reason = Text("io.people.born_after_event", {"tag": tag, "day": day, "row": row})
            row_ = people.rows[person.id]
            value = person.birth_date.isoformat()
            found.append(LoadIssue(PEOPLE_FILE, row_, "birth_date", value, reason))
            people.bad.add(person.id)
        else:
            kept.append(person)
    if not found:
        return
    people.people = kept
    at = [i for i, issue in enumerate(issues) if issue.file == PEOPLE_FILE]
    start = (
        at[0]
        if at
        else next((i for i, issue in enumerate(issues) if issue.file == EVENTS_FILE), len(issues))
    )
    end = at[-1] + 1 if at else start
    section = sorted([*issues[start:end], *found], key=_row_order)
    issues[start:end] = section


def _row_order(issue: LoadIssue) -> int:
    return issue.row if isinstance(issue.row, int) else 0


#: How ``people.csv`` and ``events.csv`` are read (see :func:`read_dataset`).
Reader = Literal["auto", "python"]


def read_dataset(directory: str | Path, *, reader: Reader = "auto") -> LoadResult:
    """Read a dataset directory and report every problem instead of raising.

    Args:
        directory: the dataset directory.
        reader: ``"auto"`` reads the CSV files by columns with polars when
            it is installed (``pip install "dangvien[fast]"``), several times
            faster, and row by row (the reference reader) whenever the
            columnar reader is not certain the files hold no problem, so
            every issue is reported as the reference reader reports it;
            ``"python"`` always reads row by row.  Both give equal datasets.

    Returns:
        The dataset (None when ``organization.toml`` is missing or unusable)
        and every issue of every file.  When there are issues, the dataset
        holds only what was read without a problem (see
        :class:`~dangvien.io.LoadResult`).

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       OS errors, other encodings and separators are issues; ``data_as_of``
       is read; implausible values, duplicates and impossible dates are
       refused; *reader*.
    """
    with _gc.paused():  # millions of objects without cycles: see dangvien._gc
        return _read_dataset(Path(directory), reader)


def _read_dataset(root: Path, reader: Reader) -> LoadResult:
    book: Path | None = None
    if root.suffix.lower() == ".xlsx":
        # A workbook given directly: its directory holds organization.toml.
        root, book = root.parent, root
    issues: list[LoadIssue] = []
    refused = check_directory(root)
    if refused is not None:
        return LoadResult(None, (LoadIssue(str(root), None, None, None, refused),))
    org, as_of = _read_organization(root, issues)
    plans: list[Plan] = []
    _, data = read_toml(root / PLANS_FILE, issues)
    if data is not None:
        plans = read_plans(data, PLANS_FILE, org, issues)
    if (root / PARTS_DIR).is_dir():
        # A register kept in partitions: every part's own people, in tree order.
        from dangvien.io.parts import read_all_parts  # parts builds on this module

        records = read_all_parts(root, org, as_of, issues, reader)
    elif book := book or _workbook_in(root, issues):
        records = _read_workbook(root, book, org, issues)
    else:
        records = read_records(root, org, as_of, issues, reader)
    if org is None:
        return LoadResult(None, tuple(issues))
    return LoadResult(Dataset(org, tuple(plans), records, as_of), tuple(issues))


def read_records(
    root: Path,
    org: Organization | None,
    as_of: date | None,
    issues: list[LoadIssue],
    reader: Reader = "auto",
) -> tuple[Record, ...]:
    """Read ``people.csv`` and ``events.csv`` of *root* into records; problems go to *issues*.

    The columnar reader is tried first (``reader="auto"``, and only when
    *issues* is still empty); the row reader reads whatever it is not sure of.
    """
    if reader == "auto" and not issues:
        fast = read_register(root / PEOPLE_FILE, root / EVENTS_FILE, org, as_of)
        if fast is not None:
            return fast
    people = read_people(root / PEOPLE_FILE, org, issues)
    events = read_events(root / EVENTS_FILE, org, people, as_of, issues)
    _born_after_events(people, events, issues)
    return tuple(Record(p, tuple(events.events.get(p.id, ()))) for p in people.people)


def _workbook_in(root: Path, issues: list[LoadIssue]) -> Path | None:
    """The one workbook of a dataset directory, if it holds one instead of the CSV files.

    Excel's lock files (``~$…``) are not workbooks.  Several workbooks, or a
    workbook beside ``people.csv``/``events.csv``, is one issue: dangvien
    does not guess which holds the register.
    """
    try:
        books = sorted(p for p in root.glob("*.xlsx") if not p.name.startswith("~$"))
    except OSError:
        return None  # the directory itself was checked; a race is the CSV readers' to report
    if not books:
        return None
    names = ", ".join(b.name for b in books)
    if len(books) > 1:
        issues.append(LoadIssue(str(root), None, None, names, Text("io.workbook.several")))
        return None
    beside = [f for f in (PEOPLE_FILE, EVENTS_FILE) if (root / f).exists()]
    if beside:
        issues.append(
            LoadIssue(
                str(root),
                None,
                None,
                names,
                Text("io.workbook.beside_csv", {"files": tuple(beside)}),
            )
        )
        return None
    return books[0]


def _read_workbook(
    root: Path, book: Path, org: Organization | None, issues: list[LoadIssue]
) -> tuple[Record, ...]:
    from dangvien.errors import UsageError
    from dangvien.io._headers import MAPPING_FILE
    from dangvien.io.workbook import read_workbook

    mapping = root / MAPPING_FILE
    try:
        result = read_workbook(book, org, mapping=mapping if mapping.exists() else None)
    except UsageError as exc:  # openpyxl is not installed
        issues.append(
            LoadIssue(book.name, None, None, None, Text("io.workbook.unreadable", {"reason": exc}))
        )
        return ()
    issues.extend(result.issues)
    return result.records()


def load_dataset(directory: str | Path, *, reader: Reader = "auto") -> Dataset:
    """Read a dataset directory; refuse it if anything in it is wrong.

    Args:
        directory: the dataset directory.
        reader: how the CSV files are read (see :func:`read_dataset`).

    Raises:
        DatasetError: carrying every issue found (a
            :class:`~dangvien.errors.DataError`, so a ``ValueError``), when
            there is at least one; ``str()`` lists them.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       *reader*.
    """
    result = read_dataset(directory, reader=reader)
    if result.dataset is None or result.issues:
        raise DatasetError(result.issues)
    return result.dataset


def _old_bytes(root: Path) -> dict[str, bytes | None]:
    old: dict[str, bytes | None] = {}
    for name in _FILES:
        try:
            old[name] = (root / name).read_bytes()
        except FileNotFoundError:
            old[name] = None
    return old


def _csv_bytes(text: str, bom: bool) -> bytes:
    data = text.encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


def save_dataset(dataset: Dataset, directory: str | Path, *, bom: bool = True) -> None:
    """Write *dataset* into *directory* (created if needed), all four files, or nothing.

    Everything is rendered and checked in memory first, so a value that
    cannot be written raises before any file is touched.  The TOML files are
    merged into the ones already in the directory: their comments, key order
    and layout stay, and an unchanged value keeps its text.  Then each file
    is written to a temporary file beside it, synced to the disk, and renamed
    over the old one; if any step fails, the files already replaced are put
    back from their old bytes, so after an exception the directory holds the
    old dataset byte for byte.  (A power loss between two renames can still
    leave some files new and some old: no file system renames several files
    at once.)

    Every file is written, even an empty ``plans.toml``, so that saving over
    an older dataset leaves nothing stale behind.

    Args:
        dataset: what to write.
        directory: where; existing files of the format are replaced.
        bom: start the CSV files with a UTF-8 byte-order mark, which Excel
            needs to recognise UTF-8 (the default); tools that dislike it
            can pass False.  Reading accepts both.

    Raises:
        DataError: when a value cannot be written so that it reads back (an
            introducer id that is empty or contains ``;``, text with control
            characters); nothing has been written then.
        OSError: when the directory cannot be read or written; the old
            files are then in place.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       Atomic, with rollback; TOML comments kept; ``data_as_of`` written.
    """
    root = Path(directory)
    old = _old_bytes(root) if root.is_dir() else dict.fromkeys(_FILES)
    new = {
        ORGANIZATION_FILE: render_organization(
            dataset.organization, dataset.data_as_of, old[ORGANIZATION_FILE]
        ).encode("utf-8"),
        PLANS_FILE: render_plans(dataset.plans, old[PLANS_FILE]).encode("utf-8"),
        PEOPLE_FILE: _csv_bytes(render_people(dataset.records), bom),
        EVENTS_FILE: _csv_bytes(render_events(dataset.records), bom),
    }
    root.mkdir(parents=True, exist_ok=True)
    replace_files(root, new, old)
