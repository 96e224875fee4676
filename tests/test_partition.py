"""Partitions by grassroots organisation give exactly the serial results.

The synthetic registers keep everyone in their commune, so the tests move
people between communes on purpose (their history names cells of two
communes) and give applicants introducers from another commune: the cases
where a commune is not judged on its own data alone.
"""

from __future__ import annotations

import functools
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from io import StringIO

import attrs
import pytest

from dangvien import partition as pt
from dangvien.cli import EXIT_USAGE, main
from dangvien.errors import UsageError
from dangvien.io import save_dataset
from dangvien.model import events as ev
from dangvien.model.org import Cell, Organization, OrgLevel
from dangvien.model.register import Dataset, Record
from dangvien.model.stages import Stage
from dangvien.report import build_report
from dangvien.rules import check, due
from dangvien.synthetic import generate_district, generate_province

AS_OF = date(2025, 12, 31)


@functools.cache
def _province() -> Dataset:
    return generate_province(communes=3, members=900, seed="partition", mistakes=True)


@functools.cache
def moved() -> Dataset:
    """The province with people moved between communes and introducers from elsewhere.

    - 15 official members of commune 1 now live in a cell of commune 2
      (``person.cell``) while their history names commune 1's cells;
    - 15 members of commune 2 are moved to commune 3 the same way;
    - every applicant of commune 3 with introducers gets, as first
      introducer, an official member of commune 1.
    """
    ds = _province()
    org = ds.organization
    keys = pt.cell_partitions(org)
    cells_of = {k: [c for c, kk in keys.items() if kk == k] for k in set(keys.values())}
    communes = sorted(cells_of)
    officials = {
        k: [
            r
            for r in ds.records
            if keys.get(r.person.cell or "") == k and r.stage_at(AS_OF) is Stage.OFFICIAL
        ]
        for k in communes
    }
    new: dict[str, Record] = {}
    for src, dst in ((communes[0], communes[1]), (communes[1], communes[2])):
        for r in officials[src][:15]:
            person = attrs.evolve(r.person, cell=cells_of[dst][0])
            new[r.person.id] = Record(person, r.events)
    outsider = officials[communes[0]][-1].person.id
    for r in ds.records:
        if keys.get(r.person.cell or "") != communes[2]:
            continue
        events = list(r.events)
        changed = False
        for i, e in enumerate(events):
            if isinstance(e, ev.IntroducersAssigned) and e.introducers:
                events[i] = attrs.evolve(e, introducers=(outsider, *e.introducers[1:]))
                changed = True
        if changed:
            new[r.person.id] = Record(r.person, tuple(events))
    records = tuple(new.get(r.person.id, r) for r in ds.records)
    return attrs.evolve(ds, records=records)


def test_the_moves_make_guests() -> None:
    """Each partition holds, as guests, the movers naming its cells and the outside introducers."""
    split = pt.partition(moved())
    # 3 communes, no one without a cell.
    assert 3 == len(split.partitions)
    assert len(moved()) == sum(p.home for p in split.partitions)
    assert all(p.guests for p in split.partitions)
    homes = [r.person.id for p in split.partitions for r in p.records]
    assert sorted(homes) == sorted(r.person.id for r in moved().records)


def test_partitioned_check_equals_the_serial_check() -> None:
    """Findings (and their order) are those of rules.check, with people moved between communes."""
    data = moved()
    assert check(data, as_of=AS_OF) == pt.check(data, as_of=AS_OF)


def test_partitioned_check_would_differ_without_guests(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guests matter: judging each commune on its own people alone changes the findings."""
    data = moved()
    split = pt.partition(data)
    alone = [
        attrs.evolve(p, dataset=attrs.evolve(p.dataset, records=p.records))
        for p in split.partitions
    ]
    found = pt.merge_checks(pt.check_partition(p, as_of=AS_OF) for p in alone)
    assert check(data, as_of=AS_OF) != found


def test_partitioned_check_on_processes_equals_the_serial_check() -> None:
    """With two processes the findings are the same, in the same order."""
    data = moved()
    assert check(data, as_of=AS_OF) == pt.check(data, as_of=AS_OF, jobs=2)


def test_any_executor_maps_the_partitions() -> None:
    """A plain executor (here threads; Dask's or Ray's the same way) gives the same findings."""
    data = moved()
    split = pt.partition(data)
    with ThreadPoolExecutor(2) as pool:
        parts = pt.map_partitions(pt.check_partition, split.partitions, executor=pool, as_of=AS_OF)
    rest = pt.check_plans(data, split.plans, as_of=AS_OF)
    assert check(data, as_of=AS_OF) == pt.merge_checks([*parts, rest])


def test_partitioned_due_equals_the_serial_due() -> None:
    """Acts falling due are those of rules.due, in the same order."""
    data = moved()
    window = (date(2026, 1, 1), date(2026, 6, 30))
    expected = due(data, *window, as_of=AS_OF)
    assert expected  # badges and deadlines fall due
    assert expected == pt.due(data, *window, as_of=AS_OF)
    assert expected == pt.due(data, *window, as_of=AS_OF, jobs=2)


def test_plans_at_two_levels() -> None:
    """Commune plans are judged in their commune, the district's on the whole; findings equal."""
    data = generate_district(seed=3, communes=20, end=2024)
    split = pt.partition(data)
    local = [i for p in split.partitions for i in p.plans]
    assert local  # both kinds
    assert split.plans
    assert sorted([*local, *split.plans]) == list(range(len(data.plans)))
    for day in (date(2024, 6, 30), date(2024, 12, 31)):
        assert check(data, as_of=day) == pt.check(data, as_of=day)


def test_cells_of_merged_communes_share_a_partition() -> None:
    """Communes merged into one are one partition; a level's own cells are another."""
    a = Organization(
        "a",
        "Đảng bộ xã A",
        OrgLevel.COMMUNE,
        cells=(Cell("ca", "Xóm A"),),
        valid_to=date(2025, 6, 30),
    )
    b = Organization("b", "Đảng bộ xã B", OrgLevel.COMMUNE, cells=(Cell("cb", "Xóm B"),))
    n = Organization(
        "n",
        "Đảng bộ xã N",
        OrgLevel.COMMUNE,
        cells=(Cell("cn", "Xóm N"),),
        valid_from=date(2025, 7, 1),
        merged_from=("a",),
    )
    root = Organization(
        "t",
        "Đảng bộ tỉnh",
        OrgLevel.PROVINCE,
        children=(a, b, n),
        cells=(Cell("cq", "Chi bộ Cơ quan"),),
    )
    assert {"cq": "t", "ca": "n", "cb": "b", "cn": "n"} == pt.cell_partitions(root)


def test_people_without_a_known_cell_are_a_partition_of_their_own() -> None:
    """A person managed by no cell of the tree is judged once, in the last partition."""
    ds = _province()
    lost = Record(attrs.evolve(ds.records[0].person, id="LOST-1", cell=None), ds.records[0].events)
    data = attrs.evolve(ds, records=(*ds.records, lost))
    split = pt.partition(data)
    assert "" == split.partitions[-1].key
    assert ("LOST-1",) == tuple(r.person.id for r in split.partitions[-1].records)
    assert check(data, as_of=AS_OF) == pt.check(data, as_of=AS_OF)


def test_jobs_below_one_is_refused() -> None:
    """--jobs 0 is a usage error, not a silent serial run."""
    with pytest.raises(UsageError):
        pt.check(_province(), jobs=0)


# --- the command line and the report ------------------------------------------------


@pytest.fixture(scope="module")
def moved_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The province with people moved between communes, written as a dataset directory."""
    root = tmp_path_factory.mktemp("moved")
    save_dataset(attrs.evolve(moved(), data_as_of=AS_OF), root)
    return str(root)


def _cli(*argv: str) -> tuple[int, str]:
    out = StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


@pytest.mark.parametrize(
    "command",
    [
        ("check", "--format", "json"),
        ("due", "--from", "2026-01-01", "--to", "2026-06-30", "--format", "json"),
        ("report", "--format", "json", "--year", "2025"),
    ],
    ids=["check", "due", "report"],
)
def test_jobs_on_the_command_line_give_the_serial_output(
    moved_dir: str, command: tuple[str, ...]
) -> None:
    """check, due and report with --jobs 2 print exactly what --jobs 1 prints."""
    name, *options = command
    serial = _cli(name, moved_dir, *options)
    assert serial[1]  # something to compare
    assert serial == _cli(name, moved_dir, *options, "--jobs", "2")


def test_the_report_on_processes_equals_the_serial_report() -> None:
    """build_report(jobs=2) is the same report, its rule findings in the same order."""
    data = moved()
    serial = build_report(data, as_of=AS_OF)
    assert serial.rules.findings  # findings to compare
    assert serial == build_report(data, as_of=AS_OF, jobs=2)


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_below_one_is_refused_on_the_command_line(moved_dir: str, jobs: str) -> None:
    """--jobs 0, negative or not a number: a usage error before any work."""
    with pytest.raises(SystemExit) as exc:
        _cli("check", moved_dir, "--jobs", jobs)
    assert EXIT_USAGE == exc.value.code
