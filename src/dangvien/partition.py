"""Partitions of a register by grassroots organisation: all cores, bounded memory.

A commune's register is judged on its own.  Every rule reads one person's
history and, beyond it, only:

- the histories of the people it names (the introducers of an admission);
- the members of the cells it names (the cell roster: official members of a
  cell on a day; the cell's congress and committee for a vote).

So a register splits by grassroots organisation (commune, grassroots
committee; communes merged into one go together, and cells directly under a
level above the grassroots go with that level), each :class:`Partition`
holding its own people (*home*, judged there) and, as *guests* that are
read but not judged, the people from elsewhere it needs: those whose
history names one of its cells (moved between communes, transferred in or
out) and the introducers of its people.  A person is judged in exactly one
partition: the one of their cell (people with no known cell together, in a
last partition).  A plan is judged in the partition of its organisation
when all the cells it counts are there; a plan above the grassroots
(district, province) is judged on the whole dataset (:func:`check_plans`).

Each partition is judged with the same as-of date, parameters and calendar
as the whole, and :func:`merge_checks` / :func:`merge_due` put the parts
together in the order :func:`dangvien.rules.check` and
:func:`dangvien.rules.due` give, so the results are identical (a test
compares them on generated registers with people moving between communes).

The functions are plain (a partition in, values out, everything
picklable), so any engine can map them: :func:`check` and :func:`due` use a
process pool (``jobs``); the same two calls map over Dask, Ray or a
cluster's queue (``docs/benchmarks.md`` shows Dask).

A register too large for memory is kept in partitions on disk
(:mod:`dangvien.io.parts`, written by :func:`save_partitioned` or
``dangvien split``): :func:`open_partitions` reads its shared files, and
:func:`check_stored` and :func:`due_stored` read and judge one partition at
a time, each worker reading its own, so that memory is bounded by the
largest partition.

>>> from dangvien.synthetic import generate_province
>>> ds = generate_province(communes=2, members=120, seed=1)
>>> split = partition(ds)
>>> [p.key for p in split.partitions], sum(p.home for p in split.partitions) == len(ds)
(['tn001', 'tn002'], True)
>>> from dangvien.rules import check as check_whole
>>> day = date(2025, 12, 31)
>>> merge_checks(check_partition(p, as_of=day) for p in split.partitions) == check_whole(
...     ds, as_of=day)
True
"""

from __future__ import annotations

import csv
import functools
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import attrs

from dangvien import _pool
from dangvien._text import nfc
from dangvien.calendar import WorkCalendar
from dangvien.errors import UnknownIdError, UsageError
from dangvien.findings import Finding
from dangvien.io import DatasetError, LoadIssue
from dangvien.io._csv import read_people
from dangvien.io.files import PARTS_DIR, PEOPLE_FILE, Reader
from dangvien.io.parts import Head, duplicates, part_name, read_head, read_part, write_partitioned
from dangvien.messages import Text
from dangvien.model import events as ev
from dangvien.model.org import Cell, Organization
from dangvien.model.plan import CountBy, Plan
from dangvien.model.register import Dataset, Record
from dangvien.parameters import Parameters
from dangvien.rules import (
    DueItem,
    Evaluation,
    Rule,
    Scope,
    _due_items,
    context,
    evaluate,
    explain,
    resolve_as_of,
    rules,
)
from dangvien.rules._base import CellSubject, Context, PlanSubject

__all__ = [
    "CheckPart",
    "DuePart",
    "Partition",
    "Partitioned",
    "Stored",
    "cell_partitions",
    "check",
    "check_partition",
    "check_plans",
    "check_stored",
    "due",
    "due_partition",
    "due_stored",
    "explain_stored",
    "find_person",
    "map_partitions",
    "merge_checks",
    "merge_due",
    "open_partitions",
    "partition",
    "save_partitioned",
]

T = TypeVar("T")
R = TypeVar("R")

#: The key of the partition of people managed by no known cell.
NO_CELL = ""


# --- which partition a cell belongs to ----------------------------------------------


def cell_partitions(organization: Organization) -> dict[str, str]:
    """Return the partition key of every cell: its grassroots organisation's id.

    A cell under a grassroots organisation (commune, grassroots committee,
    or a partial committee below one) belongs to it; a cell directly under a
    higher level (a grassroots cell, *chi bộ cơ sở*) to that level's own
    partition.  Organisations merged into one (``merged_from``) share the
    partition of the one they were merged into, since its plans and the
    cells' histories run on across the merge.

    >>> from dangvien.model import Cell, Organization, OrgLevel
    >>> a = Organization("a", "Đảng bộ xã A", OrgLevel.COMMUNE, cells=(Cell("ca", "Xóm A"),))
    >>> n = Organization("n", "Đảng bộ xã N", OrgLevel.COMMUNE, cells=(Cell("cn", "Xóm N"),),
    ...                  merged_from=("a",))
    >>> h = Organization("h", "Đảng bộ huyện", OrgLevel.DISTRICT, children=(a, n),
    ...                  cells=(Cell("cq", "Chi bộ Cơ quan"),))
    >>> cell_partitions(h)
    {'cq': 'h', 'ca': 'n', 'cn': 'n'}
    """
    owner: dict[str, str] = {}  # organisation id -> partition key (before merges)

    def visit(node: Organization, above: str | None) -> None:
        # *above*: the grassroots organisation this node is in, if any.
        here = node.id if above is None and node.level.grassroots else above
        if here is not None:
            owner[node.id] = here
        elif node.cells:
            owner[node.id] = node.id  # a higher level's own cells
        for child in node.children:
            visit(child, here)

    visit(organization, None)
    # Merges: union the partitions of an organisation and those merged into it.
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for node in organization.walk():
        if node.id not in owner:
            continue
        for pid in node.merged_from:
            if pid in owner:
                a, b = find(owner[pid]), find(owner[node.id])
                if a != b:
                    parent[a] = b
    out: dict[str, str] = {}
    for org, cell in organization.iter_cells():
        key = owner.get(org.id)
        out[cell.id] = find(key) if key is not None else org.id
    return out


# --- partitions ----------------------------------------------------------------------


@attrs.frozen
class Partition:
    """One grassroots organisation's share of a register.

    Attributes:
        key: the partition's key (its grassroots organisation's id; ``""``
            for the people with no known cell).
        dataset: the whole organisation tree and every plan, with the
            partition's records: its own people first, then its guests.
        home: how many of the records are its own (judged here); the
            records after them are guests, read by the rules but not judged.
        cells: the ids of its own cells (judged here), in tree order.
        plans: the indices, in ``dataset.plans``, of the plans judged here.
    """

    key: str
    dataset: Dataset
    home: int
    cells: tuple[str, ...] = ()
    plans: tuple[int, ...] = ()

    @property
    def records(self) -> tuple[Record, ...]:
        """The partition's own records (judged here)."""
        return self.dataset.records[: self.home]

    @property
    def guests(self) -> tuple[Record, ...]:
        """The records read but judged elsewhere."""
        return self.dataset.records[self.home :]


@attrs.frozen
class Partitioned:
    """A register split into partitions.

    Attributes:
        partitions: the partitions, in the order of the organisation tree
            (``""``, people with no known cell, last).
        plans: the indices of the plans judged on the whole dataset (above
            the grassroots, or counting cells of several partitions).
    """

    partitions: tuple[Partition, ...]
    plans: tuple[int, ...] = ()


def _named(record: Record) -> tuple[set[str], tuple[str, ...]]:
    """The cells a history names (the person's own included) and the introducers it names."""
    cells = {record.person.cell} if record.person.cell else set()
    introducers: tuple[str, ...] = ()
    for e in record.events:
        c = getattr(e, "cell", None)
        if isinstance(c, str):
            cells.add(c)
        if type(e) is ev.IntroducersAssigned:
            introducers += e.introducers
    return cells, introducers


def _plan_keys(dataset: Dataset, keys: dict[str, str]) -> list[str | None]:
    """The partition judging each plan, or None for the whole dataset."""
    out: list[str | None] = []
    for plan in dataset.plans:
        node = dataset.organization.find(plan.organization)
        owners = {keys.get(c.id) for c in dataset.organization.cells_under(plan.organization)}
        local = None
        if node is not None and node is not dataset.organization and len(owners) == 1:
            (local,) = owners
        out.append(local)
    return out


def partition(dataset: Dataset) -> Partitioned:
    """Split *dataset* by grassroots organisation (see the module's introduction).

    A partition's guests are the people from elsewhere whose history names
    a cell the partition's rules ask about (its own cells and every cell its
    people's histories name) and the introducers of its people.  Records
    keep their register order: the partition's own people, then its guests.
    """
    keys = cell_partitions(dataset.organization)
    order = list(dict.fromkeys(keys.values()))
    records = dataset.records
    index = {r.person.id: i for i, r in enumerate(records)}
    home: dict[str, list[int]] = {k: [] for k in order}
    owner: list[str] = []
    named: list[tuple[set[str], tuple[str, ...]]] = []
    naming: dict[str, list[int]] = {}  # cell -> the records naming it
    for i, r in enumerate(records):
        key = keys.get(r.person.cell or "", NO_CELL)
        home.setdefault(key, []).append(i)
        owner.append(key)
        cells, introducers = _named(r)
        named.append((cells, introducers))
        for c in cells:
            naming.setdefault(c, []).append(i)
    # The cells each partition asks about: its own and those its people name.
    asked: dict[str, list[str]] = {}
    for c, k in keys.items():
        asked.setdefault(k, []).append(c)
    plan_keys = _plan_keys(dataset, keys)
    parts = []
    for key in home:
        mine = home[key]
        cells = set(asked.get(key, ()))
        wanted: set[int] = set()
        for i in mine:
            cells |= named[i][0]
            for pid in named[i][1]:
                j = index.get(pid)
                if j is not None and owner[j] != key:
                    wanted.add(j)
        for c in cells:
            wanted.update(j for j in naming.get(c, ()) if owner[j] != key)
        plans = tuple(i for i, k in enumerate(plan_keys) if k == key)
        if not mine and not plans and key not in asked:
            continue
        chosen = tuple(records[i] for i in (*mine, *sorted(wanted)))
        part = Dataset(dataset.organization, dataset.plans, chosen, dataset.data_as_of)
        parts.append(Partition(key, part, len(mine), tuple(asked.get(key, ())), plans))
    whole = tuple(i for i, k in enumerate(plan_keys) if k is None)
    return Partitioned(tuple(parts), whole)


# --- judging a partition -------------------------------------------------------------


@attrs.frozen
class CheckPart:
    """The findings of one partition (or of the plans judged on the whole).

    Attributes:
        key: the partition's key (``None`` for the plans judged on the whole).
        people: findings of the person rules about its own people.
        cells: findings of the cell rules about its cells.
        plans: per plan index, the findings of the plan checks.
    """

    key: str | None
    people: tuple[Finding, ...] = ()
    cells: tuple[Finding, ...] = ()
    plans: tuple[tuple[int, tuple[Finding, ...]], ...] = ()


def _findings(evaluations: Iterable[Any]) -> tuple[Finding, ...]:
    return tuple(e.finding for e in evaluations if e.finding is not None)


def _context(
    dataset: Dataset,
    as_of: date | None,
    params: Parameters | None,
    calendar: WorkCalendar | None,
    year: int | None = None,
    count_by: CountBy = CountBy.DECISION,
    stagnant_years: int | None = None,
) -> Context:
    # The whole's as-of date: a partition's own data_as_of is the same, but
    # "today" must not differ between processes.
    return context(
        dataset,
        as_of=as_of,
        params=params,
        calendar=calendar,
        year=year,
        count_by=count_by,
        stagnant_years=stagnant_years,
    )


# The cells of the last tree asked about, by id (one tree serves every partition).
_CELLS: dict[int, tuple[Organization, dict[str, Cell]]] = {}


def _cells_by_id(organization: Organization) -> dict[str, Cell]:
    held = _CELLS.get(id(organization))
    if held is None or held[0] is not organization:
        _CELLS.clear()
        held = _CELLS[id(organization)] = (
            organization,
            {c.id: c for c in organization.all_cells()},
        )
    return held[1]


def _partition_cells(part: Partition, records: Sequence[Record]) -> list[CellSubject]:
    """The partition's cells with their people (as :func:`dangvien.rules.check` builds them)."""
    known = _cells_by_id(part.dataset.organization)
    mine = [known[c] for c in part.cells]
    by_cell: dict[str, list[Record]] = {c.id: [] for c in mine}
    for record in records:
        cell = record.person.cell
        if cell in by_cell:
            by_cell[cell].append(record)
    return [CellSubject(c, tuple(by_cell[c.id])) for c in mine]


def check_partition(
    part: Partition,
    *,
    as_of: date,
    only: Iterable[str] | None = None,
    topics: Iterable[str] | None = None,
    params: Parameters | None = None,
    calendar: WorkCalendar | None = None,
    year: int | None = None,
    count_by: CountBy = CountBy.DECISION,
    stagnant_years: int | None = None,
) -> CheckPart:
    """Judge one partition: its people, its cells and its plans.

    *as_of* is required: every partition of a register must be judged on
    the same day (resolve it once with :func:`dangvien.rules.resolve_as_of`).
    The other arguments are those of :func:`dangvien.rules.check`, and
    *count_by* and *stagnant_years* those of :func:`dangvien.rules.context`
    (a report's check).
    """
    selected = rules(ids=only, topics=topics)
    ctx = _context(part.dataset, as_of, params, calendar, year, count_by, stagnant_years)
    records = ctx.dataset.records[: part.home]
    person = [r for r in selected if r.scope is Scope.PERSON]
    people: list[Finding] = []
    if person:
        for record in records:
            people.extend(_findings(evaluate(person, ctx, record, explaining=False)))
    cell_rules = [r for r in selected if r.scope is Scope.CELL]
    cells: list[Finding] = []
    if cell_rules:
        for subject in _partition_cells(part, records):
            cells.extend(_findings(evaluate(cell_rules, ctx, subject, explaining=False)))
    plans = _judge_plans(ctx, part.dataset.plans, part.plans, selected)
    return CheckPart(part.key, tuple(people), tuple(cells), plans)


def _judge_plans(
    ctx: Context, all_plans: Sequence[Plan], indices: Iterable[int], selected: list[Rule]
) -> tuple[tuple[int, tuple[Finding, ...]], ...]:
    plan_rules = [r for r in selected if r.scope is Scope.PLAN]
    if not plan_rules:
        return ()
    # The context's plans are those dated by the as-of date: judge only those.
    known = {id(p) for p in ctx.dataset.plans}
    out = []
    for i in indices:
        plan = all_plans[i]
        if id(plan) not in known:
            continue
        found = _findings(evaluate(plan_rules, ctx, PlanSubject(plan), explaining=False))
        out.append((i, found))
    return tuple(out)


def check_plans(
    dataset: Dataset,
    plans: Iterable[int],
    *,
    as_of: date,
    only: Iterable[str] | None = None,
    topics: Iterable[str] | None = None,
    params: Parameters | None = None,
    calendar: WorkCalendar | None = None,
    year: int | None = None,
    count_by: CountBy = CountBy.DECISION,
    stagnant_years: int | None = None,
) -> CheckPart:
    """Judge the plans judged on the whole dataset (:attr:`Partitioned.plans`)."""
    selected = rules(ids=only, topics=topics)
    ctx = _context(dataset, as_of, params, calendar, year, count_by, stagnant_years)
    found = _judge_plans(ctx, dataset.plans, plans, selected)
    return CheckPart(None, plans=found)


def merge_checks(parts: Iterable[CheckPart]) -> list[Finding]:
    """Put the parts' findings together as :func:`dangvien.rules.check` returns them.

    The people's findings, then the cells', then the plans' in the order of
    the dataset's plans; sorted by subject, then date, then rule (a stable
    sort, so findings that tie keep their order, which is the serial one:
    they are about one subject, judged in one partition).
    """
    people: list[Finding] = []
    cells: list[Finding] = []
    plans: dict[int, tuple[Finding, ...]] = {}
    for part in parts:
        people.extend(part.people)
        cells.extend(part.cells)
        plans.update(part.plans)
    found = [*people, *cells, *(f for i in sorted(plans) for f in plans[i])]
    return sorted(found, key=lambda f: (f.subject, f.on or date.min, f.rule))


# --- due ---------------------------------------------------------------------------


@attrs.frozen
class DuePart:
    """The acts falling due for one partition's people."""

    key: str
    items: tuple[DueItem, ...]


def due_partition(
    part: Partition,
    start: date,
    end: date,
    *,
    as_of: date,
    params: Parameters | None = None,
    calendar: WorkCalendar | None = None,
) -> DuePart:
    """List the acts falling due for one partition's people (see :func:`dangvien.rules.due`)."""
    if start > end:
        raise UsageError.from_text(Text("rule.reversed_window", {"start": start, "end": end}))
    ctx = _context(part.dataset, as_of, params, calendar)
    ctx.window = (start, end)
    items = _due_items(ctx, ctx.dataset.records[: part.home], start, end)
    return DuePart(part.key, tuple(items))


def merge_due(parts: Iterable[DuePart]) -> list[DueItem]:
    """Put the parts' items together as :func:`dangvien.rules.due` returns them (by due date)."""
    items = [i for part in parts for i in part.items]
    return sorted(items, key=lambda i: (i.due, i.subject, i.act.value))


# --- all cores ---------------------------------------------------------------------


# The partitions a forked worker inherits, and the job's function and options.
_SHARED: dict[str, Any] = {}


def _run_shared(i: int) -> Any:
    func, parts, kwargs = _SHARED["job"]
    return func(parts[i], **kwargs)


def _map_fresh(func: Callable[..., R], parts: Sequence[T], jobs: int, **kwargs: Any) -> Iterator[R]:
    """:func:`map_partitions` on fresh workers (polars' threads do not survive a fork).

    *func* and *kwargs* (a register's tree may weigh megabytes) go to each
    worker once, when it starts; each task sends only its partition.  *func*
    is also given ``stop``, an event any call may set (a partition's files
    have issues: the others are still read, to report every issue, but
    judging them would be wasted).
    """
    # Each worker forks with the rules already imported.
    ctx = _pool.fresh_context(preload=["dangvien.partition"])
    stop = threading.Event() if jobs <= 1 or len(parts) <= 1 else ctx.Event()
    return _pool.imap(func, parts, jobs, ctx, stop=stop, **kwargs)


def map_partitions(
    func: Callable[..., R],
    parts: Sequence[T],
    *,
    jobs: int = 1,
    executor: Executor | None = None,
    **kwargs: Any,
) -> list[R]:
    """Return ``[func(p, **kwargs) for p in parts]``, on *jobs* processes.

    With ``jobs=1`` (and no *executor*) everything runs here.  Otherwise a
    process pool runs the calls; where processes are forked (Linux) the
    workers inherit *parts* and only the results travel back.  An
    *executor* given is used as it is (any :class:`concurrent.futures.Executor`).
    Results come back in the order of *parts*.
    """
    call = functools.partial(func, **kwargs)
    if executor is not None:
        return list(executor.map(call, parts))
    if jobs <= 1 or len(parts) <= 1:
        return [call(p) for p in parts]
    ctx = _pool.fork_context()
    workers = min(jobs, len(parts))
    if ctx.get_start_method() == "fork":
        _SHARED["job"] = (func, parts, kwargs)
        try:
            with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
                return list(pool.map(_run_shared, range(len(parts))))
        finally:
            _SHARED.pop("job", None)
    with ProcessPoolExecutor(workers, mp_context=ctx) as pool:  # pragma: no cover - no fork
        return list(pool.map(call, parts))


def _jobs(jobs: int) -> int:
    if jobs < 1:
        raise UsageError.from_text(Text("partition.bad_jobs", {"jobs": jobs}))
    return min(jobs, os.cpu_count() or 1) if jobs > 1 else 1


def _check_options(
    day: date,
    only: Iterable[str] | None,
    topics: Iterable[str] | None,
    params: Parameters | None,
    calendar: WorkCalendar | None,
    year: int | None,
    count_by: CountBy,
    stagnant_years: int | None,
) -> dict[str, Any]:
    """The keyword arguments of :func:`check_partition` and :func:`check_plans`."""
    return {
        "as_of": day,
        "only": only,
        "topics": topics,
        "params": params,
        "calendar": calendar,
        "year": year,
        "count_by": count_by,
        "stagnant_years": stagnant_years,
    }


def check(
    dataset: Dataset,
    *,
    jobs: int = 1,
    as_of: date | None = None,
    params: Parameters | None = None,
    calendar: WorkCalendar | None = None,
    only: Iterable[str] | None = None,
    topics: Iterable[str] | None = None,
    year: int | None = None,
    count_by: CountBy = CountBy.DECISION,
    stagnant_years: int | None = None,
) -> list[Finding]:
    """Return :func:`dangvien.rules.check`'s findings, judged partition by partition on *jobs* processes.

    Raises:
        UsageError: for *jobs* below 1.
        UnknownIdError: when *only* names a rule that does not exist.
    """  # noqa: E501
    n = _jobs(jobs)
    rules(ids=only, topics=topics)  # an unknown id is refused before any work
    day = resolve_as_of(dataset, as_of).date
    split = partition(dataset)
    options = _check_options(day, only, topics, params, calendar, year, count_by, stagnant_years)
    parts = map_partitions(check_partition, split.partitions, jobs=n, **options)
    rest = check_plans(dataset, split.plans, **options)
    return merge_checks([*parts, rest])


def due(
    dataset: Dataset,
    start: date,
    end: date,
    *,
    jobs: int = 1,
    as_of: date | None = None,
    params: Parameters | None = None,
    calendar: WorkCalendar | None = None,
) -> list[DueItem]:
    """Return :func:`dangvien.rules.due`'s items, listed partition by partition on *jobs* processes.

    Raises:
        UsageError: when *start* is after *end*, or for *jobs* below 1.
    """
    n = _jobs(jobs)
    if start > end:
        raise UsageError.from_text(Text("rule.reversed_window", {"start": start, "end": end}))
    day = resolve_as_of(dataset, as_of).date
    split = partition(dataset)
    options: dict[str, Any] = {"as_of": day, "params": params, "calendar": calendar}
    parts = map_partitions(due_partition, split.partitions, jobs=n, start=start, end=end, **options)
    return merge_due(parts)


# --- a register kept in partitions: streamed, one partition at a time ----------------


def save_partitioned(dataset: Dataset, directory: str | Path, *, bom: bool = True) -> int:
    """Write *dataset* as a register kept in partitions (:mod:`dangvien.io.parts`).

    Each partition of :func:`partition` becomes ``parts/<key>/`` with its
    own people and, under ``guests/``, the copies of the people from
    elsewhere it reads; the tree and the plans are written once.  Returns
    how many partitions were written.  All or nothing, as
    :func:`~dangvien.io.parts.write_partitioned`.
    """
    split = partition(dataset)
    return write_partitioned(
        directory,
        dataset.organization,
        dataset.plans,
        dataset.data_as_of,
        ((p.key, p.records, p.guests) for p in split.partitions),
        bom=bom,
    )


@attrs.frozen
class Stored:
    """A register kept in partitions, opened: its shared part read, its partitions not yet.

    Made by :func:`open_partitions`; :meth:`load` reads one partition, and
    :func:`check_stored` / :func:`due_stored` judge them one at a time.

    Attributes:
        directory: the register's directory.
        head: its shared files and the partitions found.
        reader: how the CSV files are read (see :func:`dangvien.io.read_dataset`).
        dataset: derived from *head*: the tree, the plans and ``data_as_of``,
            with no records (for the as-of date and the plans judged on the
            whole).
        keys: derived from the tree: each cell's partition key
            (:func:`cell_partitions`).

    Raises:
        DatasetError: when *head* has no usable organisation tree.
    """

    directory: Path
    head: Head
    reader: Reader = "auto"
    dataset: Dataset = attrs.field(init=False, repr=False, eq=False)
    keys: dict[str, str] = attrs.field(init=False, repr=False, eq=False)
    # Each partition's own cells (tree order) and the partition of each plan, found once.
    _cells: dict[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)
    _plan_keys: list[str | None] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        org = self.head.organization
        if org is None:
            raise DatasetError(self.head.issues)
        data = Dataset(org, self.head.plans, (), self.head.data_as_of)
        keys = cell_partitions(org)
        cells: dict[str, list[str]] = {}
        for _, c in org.iter_cells():
            cells.setdefault(keys[c.id], []).append(c.id)
        object.__setattr__(self, "dataset", data)
        object.__setattr__(self, "keys", keys)
        object.__setattr__(self, "_cells", {k: tuple(v) for k, v in cells.items()})
        object.__setattr__(self, "_plan_keys", _plan_keys(data, keys))

    @property
    def parts(self) -> tuple[str, ...]:
        """The partitions' keys, in the order of the tree."""
        return self.head.keys

    def plan_keys(self) -> list[str | None]:
        """The partition judging each plan, or None for the plans judged on the whole."""
        return list(self._plan_keys)

    def load(self, key: str) -> tuple[Partition, tuple[LoadIssue, ...]]:
        """Read the partition *key*: the partition and the issues of its files.

        Besides the issues of the files, each own person whose cell belongs
        to another partition is an issue (at the ``cell`` of their row).
        """
        read = read_part(self.directory, self.head, key, reader=self.reader)
        issues = list(read.issues)
        misplaced = [r for r in read.home if self.keys.get(r.person.cell or "", NO_CELL) != key]
        if misplaced:
            issues.extend(self._misplaced(key, misplaced))
        org = self.dataset.organization
        cells = self._cells.get(key, ())
        plans = tuple(i for i, k in enumerate(self._plan_keys) if k == key)
        data = Dataset(org, self.dataset.plans, (*read.home, *read.guests), self.dataset.data_as_of)
        return Partition(key, data, len(read.home), cells, plans), tuple(issues)

    def _misplaced(self, key: str, records: Sequence[Record]) -> list[LoadIssue]:
        path = self.directory / PARTS_DIR / part_name(key) / PEOPLE_FILE
        rows = read_people(path, self.dataset.organization, []).rows  # rare: rows only now
        where = f"{PARTS_DIR}/{part_name(key)}/{PEOPLE_FILE}"
        out = []
        for r in records:
            other = part_name(self.keys.get(r.person.cell or "", NO_CELL))
            reason = Text("partition.misplaced", {"person": r.person.id, "part": other})
            out.append(LoadIssue(where, rows.get(r.person.id), "cell", r.person.cell, reason))
        return out


def find_person(stored: Stored, person_id: str) -> str | None:
    """The key of the partition whose own people include *person_id*, or None.

    Only the ``id`` column of each partition's ``people.csv`` is read, until
    the person is found.
    """
    for key in stored.parts:
        path = stored.directory / PARTS_DIR / part_name(key) / PEOPLE_FILE
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                rows = csv.reader(fh)
                header = next(rows, [])
                if "id" not in header:
                    continue  # the partition's reading reports it
                at = header.index("id")
                if any(len(row) > at and nfc(row[at]) == person_id for row in rows):
                    return key
        except (OSError, UnicodeDecodeError, csv.Error):
            continue  # likewise
    return None


def explain_stored(
    stored: Stored,
    person_id: str,
    *,
    on: date | None = None,
    params: Parameters | None = None,
    calendar: WorkCalendar | None = None,
) -> tuple[Record, list[Evaluation]]:
    """:func:`dangvien.rules.explain` on a register kept in partitions: one partition read.

    Returns the person's record and the evaluations, which are those on
    the whole register (the person's partition holds everyone their rules
    read).

    Raises:
        UnknownIdError: when no partition holds *person_id*.
        DatasetError: when the partition holding them has issues.
    """
    key = find_person(stored, person_id)
    if key is None:
        raise UnknownIdError.from_text(Text("rule.unknown_person", {"pid": person_id}))
    part, issues = stored.load(key)
    if issues or stored.head.issues:
        raise DatasetError((*stored.head.issues, *issues))
    record = part.dataset.record(person_id)
    assert record is not None  # found in its people.csv, read without an issue
    found = explain(part.dataset, person_id, on=on, params=params, calendar=calendar)
    return record, found


def open_partitions(directory: str | Path, *, reader: Reader = "auto") -> Stored:
    """Open the register kept in partitions in *directory*, reading only its shared files.

    The issues of the shared files and of ``parts/`` (:attr:`Stored.head`)
    are reported with those of the partitions by :func:`check_stored` and
    :func:`due_stored`, so that one run names every problem.

    Raises:
        DatasetError: when ``organization.toml`` is missing or unusable.
    """
    return Stored(Path(directory), read_head(directory), reader)


@attrs.frozen
class _Judged:
    """What a worker sends back about one stored partition."""

    part: Any  # CheckPart | DuePart | None (None when its files have issues)
    issues: tuple[LoadIssue, ...]
    ids: tuple[str, ...]  # its own people, to find a person kept in two partitions


def _read_stored(stored: Stored, key: str, stop: Any) -> tuple[Partition | None, _Judged]:
    """Read a partition: itself to judge, or None once any partition had issues."""
    part, issues = stored.load(key)
    ids = tuple(r.person.id for r in part.records)
    if issues:
        stop.set()
    judge = not issues and not stored.head.issues and not stop.is_set()
    return (part if judge else None), _Judged(None, issues, ids)


def _check_stored_key(key: str, *, stored: Stored, stop: Any, **options: Any) -> _Judged:
    part, read = _read_stored(stored, key, stop)
    if part is None:
        return read
    return attrs.evolve(read, part=check_partition(part, **options))


def _due_stored_key(
    key: str, *, stored: Stored, stop: Any, start: date, end: date, **options: Any
) -> _Judged:
    part, read = _read_stored(stored, key, stop)
    if part is None:
        return read
    return attrs.evolve(read, part=due_partition(part, start, end, **options))


def _gather(stored: Stored, judged: Iterable[_Judged]) -> list[Any]:
    """The parts judged; raise DatasetError with every issue of every partition if any.

    A person kept in two partitions is reported at their row in the
    second; that is the root cause, so they are not also reported as
    misplaced there.
    """
    issues: list[LoadIssue] = list(stored.head.issues)
    seen: dict[str, str] = {}
    parts = []
    # Consumed as the workers send them, so that only the parts are kept.
    for key, j in zip(stored.parts, judged, strict=True):
        twice = duplicates(stored.directory, stored.dataset.organization, key, j.ids, seen)
        ids = {i.value for i in twice}
        issues.extend(i for i in j.issues if not _misplaced_one_of(i, ids))
        issues.extend(twice)
        parts.append(j.part)
    if issues:
        raise DatasetError(tuple(issues))
    return parts


def _misplaced_one_of(issue: LoadIssue, ids: set[str | None]) -> bool:
    return issue.reason.key == "partition.misplaced" and dict(issue.reason.facts)["person"] in ids


def _whole_plans(stored: Stored, indices: Sequence[int]) -> Iterable[tuple[Dataset, list[int]]]:
    """For the plans judged on the whole: the records they count, scope by scope.

    A plan above the grassroots counts the people of the partitions holding
    its cells (with the people without a cell, as on the whole): those are
    read, one scope at a time, so memory is bounded by the largest such
    organisation, not by the register.
    """
    org = stored.dataset.organization
    scopes: dict[frozenset[str], list[int]] = {}
    for i in indices:
        plan = stored.dataset.plans[i]
        cells = org.cells_under(plan.organization)
        owners = {stored.keys[c.id] for c in cells if c.id in stored.keys}
        scopes.setdefault(frozenset({*owners, NO_CELL}), []).append(i)
    for keys, plans in scopes.items():
        records: dict[str, Record] = {}
        guests: list[Record] = []
        for key in stored.parts:
            if key in keys:
                part, _ = stored.load(key)  # its issues were reported with the partition
                records.update((r.person.id, r) for r in part.records)
                guests.extend(part.guests)
        for r in guests:
            records.setdefault(r.person.id, r)
        if not records:
            # No one in the plan's cells: it counts nothing either way, but
            # "no register at all" must not be concluded from that.
            records = _someone(stored)
        people = tuple(records.values())
        data = Dataset(org, stored.dataset.plans, people, stored.dataset.data_as_of)
        yield data, plans


def _someone(stored: Stored) -> dict[str, Record]:
    """One partition's own people, the first that has any (empty for an empty register)."""
    for key in stored.parts:
        part, _ = stored.load(key)
        if part.records:
            return {r.person.id: r for r in part.records}
    return {}


def check_stored(
    stored: Stored,
    *,
    jobs: int = 1,
    as_of: date | None = None,
    params: Parameters | None = None,
    calendar: WorkCalendar | None = None,
    only: Iterable[str] | None = None,
    topics: Iterable[str] | None = None,
    year: int | None = None,
    count_by: CountBy = CountBy.DECISION,
    stagnant_years: int | None = None,
) -> list[Finding]:
    """Return :func:`dangvien.rules.check`'s findings on a register kept in partitions.

    The partitions are read and judged one at a time (each of *jobs*
    processes holds one), so memory is bounded by the largest partition;
    the plans above the grassroots are then judged scope by scope, each on
    the partitions holding its cells.  The findings are those :func:`dangvien.rules.check`
    gives on the whole register, in the same order.

    Raises:
        DatasetError: with every issue of every partition, when there is one.
        UsageError: for *jobs* below 1.
        UnknownIdError: when *only* names a rule that does not exist.
    """
    n = _jobs(jobs)
    rules(ids=only, topics=topics)
    day = resolve_as_of(stored.dataset, as_of).date
    options = _check_options(day, only, topics, params, calendar, year, count_by, stagnant_years)
    judged = _map_fresh(_check_stored_key, stored.parts, n, stored=stored, **options)
    parts: list[CheckPart] = _gather(stored, judged)
    whole = [i for i, k in enumerate(stored.plan_keys()) if k is None]
    for data, plans in _whole_plans(stored, whole):
        parts.append(check_plans(data, plans, **options))
    return merge_checks(parts)


def due_stored(
    stored: Stored,
    start: date,
    end: date,
    *,
    jobs: int = 1,
    as_of: date | None = None,
    params: Parameters | None = None,
    calendar: WorkCalendar | None = None,
) -> list[DueItem]:
    """Return :func:`dangvien.rules.due`'s items on a register kept in partitions, streamed.

    Raises:
        DatasetError: with every issue of every partition, when there is one.
        UsageError: when *start* is after *end*, or for *jobs* below 1.
    """
    n = _jobs(jobs)
    if start > end:
        raise UsageError.from_text(Text("rule.reversed_window", {"start": start, "end": end}))
    day = resolve_as_of(stored.dataset, as_of).date
    options: dict[str, Any] = {"as_of": day, "params": params, "calendar": calendar}
    judged = _map_fresh(
        _due_stored_key, stored.parts, n, stored=stored, start=start, end=end, **options
    )
    return merge_due(_gather(stored, judged))
