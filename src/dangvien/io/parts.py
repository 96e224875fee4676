"""A register kept in partitions: one directory per grassroots organisation.

A province's or a nation's register need not be read whole.  Kept in
partitions, it is a dataset directory whose ``people.csv`` and
``events.csv`` are replaced by one directory per partition::

    organization.toml        the whole tree (and data_as_of), as usual
    plans.toml               every plan, as usual
    parts/<key>/people.csv   the partition's own people (judged there)
    parts/<key>/events.csv   and their events
    parts/<key>/guests/…     copies of people from elsewhere its rules read

``<key>`` is the id of the partition's grassroots organisation
(percent-encoded where an id holds characters a file name cannot), and
``@none`` the partition of people with no known cell.
:func:`dangvien.partition.save_partitioned` writes such a directory and
:func:`dangvien.partition.open_partitions` opens it to be judged one
partition at a time;
:func:`~dangvien.io.load_dataset` reads it whole (every partition's own
people, in the order of the tree).  The guests are copies written with
the partition: after editing a person's rows, write the partitions again.

>>> part_name("tn001"), part_name(""), part_name("a/b"), part_name("..")
('tn001', '@none', 'a%2Fb', '%2E.')
>>> [part_key(n) for n in ("tn001", "@none", "a%2Fb", "a b")]
['tn001', '', 'a/b', None]
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Final
from urllib.parse import quote, unquote

import attrs

from dangvien.errors import UsageError
from dangvien.io._atomic import sync_directory, write_synced
from dangvien.io._csv import read_people, render_events, render_people
from dangvien.io._issues import LoadIssue
from dangvien.io._source import check_directory
from dangvien.io._toml import read_plans, read_toml, render_organization, render_plans
from dangvien.io.files import (
    EVENTS_FILE,
    ORGANIZATION_FILE,
    PARTS_DIR,
    PEOPLE_FILE,
    PLANS_FILE,
    Reader,
    _csv_bytes,
    _read_organization,
    read_records,
)
from dangvien.messages import Text
from dangvien.model.org import Organization
from dangvien.model.plan import Plan
from dangvien.model.register import Record

__all__ = [
    "GUESTS_DIR",
    "NO_CELL_NAME",
    "PARTS_DIR",
    "Head",
    "PartRead",
    "duplicates",
    "is_partitioned",
    "part_key",
    "part_name",
    "read_all_parts",
    "read_head",
    "read_part",
    "write_partitioned",
]

#: The directory, inside a partition's, of the copies of people from elsewhere.
GUESTS_DIR: Final = "guests"
#: The directory name of the partition of people with no known cell (key ``""``).
NO_CELL_NAME: Final = "@none"


def part_name(key: str) -> str:
    """The directory name of the partition *key* (``@none`` for the key ``""``).

    Percent-encoded, so that any id is one plain path component: no
    separator, and a leading dot encoded (no ``..``, no hidden directory).
    """
    if key == "":
        return NO_CELL_NAME
    name = quote(key, safe="")
    return "%2E" + name[1:] if name.startswith(".") else name


def part_key(name: str) -> str | None:
    """The partition key a directory name stands for; None when it is not one we write."""
    if name == NO_CELL_NAME:
        return ""
    key = unquote(name)
    return key if key and part_name(key) == name else None


def is_partitioned(directory: str | Path) -> bool:
    """True when *directory* keeps its register in partitions (it has ``parts/``)."""
    return (Path(directory) / PARTS_DIR).is_dir()


@attrs.frozen
class Head:
    """What a partitioned register shares: its tree, plans, date and partitions.

    Attributes:
        organization: the organisation tree (None when unusable).
        plans: every plan.
        data_as_of: the date the data are as of, if stated.
        keys: the partitions found under ``parts/``, in the order of the
            tree (``""``, people with no known cell, last).
        issues: the problems of the shared files and of ``parts/`` itself.
    """

    organization: Organization | None
    plans: tuple[Plan, ...]
    data_as_of: date | None
    keys: tuple[str, ...]
    issues: tuple[LoadIssue, ...]


def read_head(directory: str | Path) -> Head:
    """Read the shared files of a partitioned register and list its partitions.

    Each directory under ``parts/`` must be named after an organisation of
    the tree (or be ``@none``); anything else there, and a ``people.csv`` or
    ``events.csv`` beside ``parts/``, is an issue.
    """
    root = Path(directory)
    refused = check_directory(root)
    if refused is not None:
        return Head(None, (), None, (), (LoadIssue(str(root), None, None, None, refused),))
    issues: list[LoadIssue] = []
    org, as_of = _read_organization(root, issues)
    plans: list[Plan] = []
    _, data = read_toml(root / PLANS_FILE, issues)
    if data is not None:
        plans = read_plans(data, PLANS_FILE, org, issues)
    keys = _list_parts(root, org, issues)
    return Head(org, tuple(plans), as_of, keys, tuple(issues))


def _list_parts(root: Path, org: Organization | None, issues: list[LoadIssue]) -> tuple[str, ...]:
    """The partitions under ``parts/``, in the order of the tree; problems go to *issues*."""
    beside = tuple(f for f in (PEOPLE_FILE, EVENTS_FILE) if (root / f).exists())
    if beside:
        issues.append(
            LoadIssue(str(root), None, None, None, Text("io.parts.beside", {"files": beside}))
        )
    try:
        names = sorted(os.listdir(root / PARTS_DIR))
    except OSError as exc:  # pragma: no cover - a race with the is_dir() that brought us here
        reason = Text("io.parts.unreadable", {"reason": exc.strerror or str(exc)})
        issues.append(LoadIssue(PARTS_DIR, None, None, None, reason))
        return ()
    order = {o.id: i for i, o in enumerate(org.walk())} if org is not None else {}
    keys: list[str] = []
    for name in names:
        key = part_key(name)
        where = f"{PARTS_DIR}/{name}"
        if not (root / PARTS_DIR / name).is_dir():
            issues.append(LoadIssue(where, None, None, name, Text("io.parts.not_a_directory")))
        elif key is None or (key and org is not None and key not in order):
            issues.append(LoadIssue(where, None, None, name, Text("io.parts.unknown")))
        else:
            keys.append(key)
    keys.sort(key=lambda k: (k == "", order.get(k, 0)))
    return tuple(keys)


@attrs.frozen
class PartRead:
    """What reading one partition gave.

    Attributes:
        key: the partition's key.
        home: its own people's records, in the order of its ``people.csv``.
        guests: the copies of people from elsewhere.
        issues: every problem of its files, named ``parts/<key>/people.csv``…
    """

    key: str
    home: tuple[Record, ...]
    guests: tuple[Record, ...]
    issues: tuple[LoadIssue, ...]


def _prefixed(issues: Iterable[LoadIssue], prefix: str) -> list[LoadIssue]:
    # The readers name a file by its name alone; in a partition it is a path.
    return [
        attrs.evolve(i, file=f"{prefix}/{i.file}") if i.file in (PEOPLE_FILE, EVENTS_FILE) else i
        for i in issues
    ]


def read_part(directory: str | Path, head: Head, key: str, *, reader: Reader = "auto") -> PartRead:
    """Read the partition *key* of the partitioned register *directory* (its head read first)."""
    base = f"{PARTS_DIR}/{part_name(key)}"
    root = Path(directory) / base
    if head.issues:
        reader = "python"  # as read_dataset: the columnar reader only on a sound head
    found: list[LoadIssue] = []
    home = read_records(root, head.organization, head.data_as_of, found, reader)
    issues = _prefixed(found, base)
    guests: tuple[Record, ...] = ()
    if (root / GUESTS_DIR).is_dir():
        found = []
        guests = read_records(root / GUESTS_DIR, head.organization, head.data_as_of, found, reader)
        issues += _prefixed(found, f"{base}/{GUESTS_DIR}")
    return PartRead(key, home, guests, tuple(issues))


def read_all_parts(
    root: Path,
    org: Organization | None,
    as_of: date | None,
    issues: list[LoadIssue],
    reader: Reader = "auto",
) -> tuple[Record, ...]:
    """Every partition's own people, in the order of the tree (for ``load_dataset``).

    *org* and *as_of* are those read from ``organization.toml``, whose issues
    (and those of ``plans.toml``) are already in *issues*; the issues of
    ``parts/`` are appended, then each partition's, then one issue per person
    who is one of the own people of two partitions.
    """
    keys = _list_parts(root, org, issues)
    head = Head(org, (), as_of, keys, tuple(issues))
    records: list[Record] = []
    seen: dict[str, str] = {}
    for key in head.keys:
        part = read_part(root, head, key, reader=reader)
        issues.extend(part.issues)
        issues.extend(duplicates(root, org, key, (r.person.id for r in part.home), seen))
        records.extend(part.home)
    return tuple(records)


def duplicates(
    root: Path, org: Organization | None, key: str, ids: Iterable[str], seen: dict[str, str]
) -> list[LoadIssue]:
    """An issue, at its row, for each of the partition *key*'s own people (*ids*) met before.

    *seen* maps each person id met so far to the directory name of the
    partition it was met in; *ids* are added to it.
    """
    name = part_name(key)
    twice = [pid for pid in ids if seen.setdefault(pid, name) != name]
    if not twice:
        return []
    where = f"{PARTS_DIR}/{name}/{PEOPLE_FILE}"
    rows = read_people(root / where, org, []).rows  # rare: rows only now
    out = []
    for pid in twice:
        reason = Text("io.parts.duplicate", {"other": f"{PARTS_DIR}/{seen[pid]}"})
        out.append(LoadIssue(where, rows.get(pid), "id", pid, reason))
    return out


def write_partitioned(
    directory: str | Path,
    organization: Organization,
    plans: Sequence[Plan],
    data_as_of: date | None,
    parts: Iterable[tuple[str, Sequence[Record], Sequence[Record]]],
    *,
    bom: bool = True,
) -> int:
    """Write a partitioned register, all of it or nothing; return how many partitions.

    *parts* gives ``(key, own records, guests)`` one partition at a time
    (a generator may build each only when asked, so the whole register is
    never held).  Everything is written into a new directory beside
    *directory*, each file synced, then renamed into place; a partitioned
    register already there is replaced (and kept if anything fails).

    Raises:
        UsageError: when *directory* exists and is not an empty directory or
            a partitioned register, or when two partitions' ids differ only
            in case (one directory on Windows and macOS); nothing is written.
        DataError: when a value cannot be written (see
            :func:`~dangvien.io.save_dataset`).
        OSError: when writing fails; *directory* is then as it was.
    """
    root = Path(directory)
    if root.exists() and not (root.is_dir() and (is_partitioned(root) or not any(root.iterdir()))):
        raise UsageError.from_text(Text("io.parts.occupied", {"directory": str(root)}))
    work = root.with_name(f".{root.name}.{uuid.uuid4().hex[:8]}.new")
    count = 0
    try:
        work.mkdir(parents=True)
        write_synced(
            work / ORGANIZATION_FILE, render_organization(organization, data_as_of).encode("utf-8")
        )
        write_synced(work / PLANS_FILE, render_plans(plans).encode("utf-8"))
        (work / PARTS_DIR).mkdir()
        folded: dict[str, str] = {}  # Windows and macOS do not tell A1 from a1
        for key, home, guests in parts:
            name = part_name(key)
            other = folded.setdefault(name.casefold(), key)
            if other != key:
                facts = {"key": key, "other": other}
                raise UsageError.from_text(Text("io.parts.case_clash", facts))
            base = work / PARTS_DIR / name
            base.mkdir()
            write_synced(base / PEOPLE_FILE, _csv_bytes(render_people(home), bom))
            write_synced(base / EVENTS_FILE, _csv_bytes(render_events(home), bom))
            if guests:
                away = base / GUESTS_DIR
                away.mkdir()
                write_synced(away / PEOPLE_FILE, _csv_bytes(render_people(guests), bom))
                write_synced(away / EVENTS_FILE, _csv_bytes(render_events(guests), bom))
            count += 1
        _swap(work, root)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return count


def _swap(new: Path, root: Path) -> None:
    """Put the directory *new* at *root*, replacing what is there (empty or partitioned)."""
    old = None
    if root.exists():
        old = root.with_name(f".{root.name}.{uuid.uuid4().hex[:8]}.old")
        root.rename(old)
    try:
        new.rename(root)
    except BaseException:
        if old is not None:
            old.rename(root)
        raise
    sync_directory(root.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
