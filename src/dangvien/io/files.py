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

from pathlib import Path
from typing import Final

from dangvien.io._csv import read_events, read_people, write_events, write_people
from dangvien.io._issues import DatasetError, LoadIssue, LoadResult
from dangvien.io._toml import (
    check_organization,
    read_plans,
    read_toml,
    structure,
    write_plans,
    write_toml,
)
from dangvien.model import events as ev
from dangvien.model.org import Organization
from dangvien.model.people import Person
from dangvien.model.plan import Plan
from dangvien.model.register import Dataset, Record

__all__ = [
    "EVENTS_FILE",
    "ORGANIZATION_FILE",
    "PEOPLE_FILE",
    "PLANS_FILE",
    "load_dataset",
    "read_dataset",
    "save_dataset",
]

ORGANIZATION_FILE: Final = "organization.toml"
PLANS_FILE: Final = "plans.toml"
PEOPLE_FILE: Final = "people.csv"
EVENTS_FILE: Final = "events.csv"


def _read_organization(root: Path, issues: list[LoadIssue]) -> Organization | None:
    path = root / ORGANIZATION_FILE
    if not path.is_file():
        issues.append(
            LoadIssue(
                ORGANIZATION_FILE,
                None,
                None,
                None,
                f"thiếu tệp bắt buộc trong {root}",
                f"required file missing in {root}",
            )
        )
        return None
    data = read_toml(path, issues)
    if data is None:
        return None
    org = structure(data, Organization, ORGANIZATION_FILE, (), issues)
    if org is not None:
        check_organization(org, ORGANIZATION_FILE, issues)
    return org


def read_dataset(directory: str | Path) -> LoadResult:
    """Read a dataset directory and report every problem instead of raising.

    Args:
        directory: the dataset directory.

    Returns:
        The dataset (None when ``organization.toml`` is missing or unusable)
        and every issue of every file.  When there are issues, the dataset
        holds only what was read without a problem (see
        :class:`~dangvien.io.LoadResult`).

    .. versionadded:: 0.1
    """
    root = Path(directory)
    issues: list[LoadIssue] = []
    if not root.is_dir():
        issues.append(
            LoadIssue(str(root), None, None, None, "không có thư mục này", "no such directory")
        )
        return LoadResult(None, tuple(issues))
    org = _read_organization(root, issues)
    plans: list[Plan] = []
    if (root / PLANS_FILE).is_file():
        data = read_toml(root / PLANS_FILE, issues)
        if data is not None:
            plans = read_plans(data, PLANS_FILE, org, issues)
    people: list[Person] = []
    known: dict[str, int] = {}
    if (root / PEOPLE_FILE).is_file():
        people, known = read_people(root / PEOPLE_FILE, org, issues)
    events: dict[str, list[ev.Event]] = {}
    if (root / EVENTS_FILE).is_file():
        events = read_events(root / EVENTS_FILE, org, known, issues)
    if org is None:
        return LoadResult(None, tuple(issues))
    records = tuple(Record(p, tuple(events.get(p.id, ()))) for p in people)
    return LoadResult(Dataset(org, tuple(plans), records), tuple(issues))


def load_dataset(directory: str | Path) -> Dataset:
    """Read a dataset directory; refuse it if anything in it is wrong.

    Args:
        directory: the dataset directory.

    Raises:
        DatasetError: carrying every issue found (a ``ValueError``), when
            there is at least one; ``str()`` lists them.

    .. versionadded:: 0.1
    """
    result = read_dataset(directory)
    if result.dataset is None or result.issues:
        raise DatasetError(result.issues)
    return result.dataset


def save_dataset(dataset: Dataset, directory: str | Path, *, bom: bool = True) -> None:
    """Write *dataset* into *directory* (created if needed), all four files.

    Every file is written, even an empty ``plans.toml``, so that saving over
    an older dataset leaves nothing stale behind.

    Args:
        dataset: what to write.
        directory: where; existing files of the format are replaced.
        bom: start the CSV files with a UTF-8 byte-order mark, which Excel
            needs to recognise UTF-8 (the default); tools that dislike it
            can pass False.  Reading accepts both.

    Raises:
        ValueError: when a value cannot be represented (an introducer id
            that is empty or contains ``;``).

    .. versionadded:: 0.1
    """
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    write_toml(root / ORGANIZATION_FILE, dataset.organization)
    write_plans(root / PLANS_FILE, dataset.plans)
    write_people(root / PEOPLE_FILE, dataset.records, bom=bom)
    write_events(root / EVENTS_FILE, dataset.records, bom=bom)
