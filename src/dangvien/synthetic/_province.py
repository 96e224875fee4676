"""A synthetic province of many communes, for benchmarks: :func:`generate_province`."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Final

from dangvien._pool import fork_context, imap
from dangvien.calendar import WorkCalendar
from dangvien.io.parts import write_partitioned
from dangvien.model.org import (
    Cell,
    CellKind,
    Hamlet,
    MassOrganization,
    MassOrgKind,
    Organization,
    OrgLevel,
)
from dangvien.model.register import Dataset, Record
from dangvien.synthetic import _law as law
from dangvien.synthetic._commune import Commune
from dangvien.synthetic._errors import refused
from dangvien.synthetic._profile import HistoryProfile
from dangvien.synthetic._register import check_mistake_years, check_years

#: The cells of a generated commune besides its hamlets: (name, kind).
_UNIT_CELLS: Final = (
    ("Trường mầm non", CellKind.SCHOOL),
    ("Trường Tiểu học", CellKind.SCHOOL),
    ("Trường THCS", CellKind.SCHOOL),
    ("Trạm Y tế", CellKind.HEALTH),
    ("Công an xã", CellKind.POLICE),
)

#: The five mass organisations of a generated commune: (id suffix, name, kind).
MASS_ORGS: Final = (
    ("mttq", "Mặt trận Tổ quốc", MassOrgKind.FATHERLAND_FRONT),
    ("doan", "Đoàn thanh niên", MassOrgKind.YOUTH_UNION),
    ("lhpn", "Hội LHPN", MassOrgKind.WOMEN),
    ("nong-dan", "Hội Nông dân", MassOrgKind.FARMERS),
    ("ccb", "Hội CCB", MassOrgKind.VETERANS),
)

_PER_DISTRICT: Final = 10


def mass_organizations(commune_id: str, tag: str) -> tuple[MassOrganization, ...]:
    """The five mass organisations of the commune *commune_id* called *tag*."""
    return tuple(
        MassOrganization(f"{commune_id}-{suffix}", f"{name} xã {tag}", kind)
        for suffix, name, kind in MASS_ORGS
    )


def _commune(cid: str, tag: str, size: float) -> Organization:
    """A commune of *size* people: hamlet cells of about 45 members, the unit cells."""
    hamlet_cells = max(3, round(size * 0.85 / 45))
    cells: list[Cell] = []
    hamlets: list[Hamlet] = []
    for h in range(1, hamlet_cells + 1):
        hid = f"{cid}-x{h:02d}"
        hamlets.append(Hamlet(hid, f"Xóm {h:02d} xã {tag}"))
        cells.append(Cell(f"{cid}-cb{h:02d}", f"Xóm {h:02d} xã {tag}", CellKind.HAMLET, hamlet=hid))
    for u, (name, kind) in enumerate(_UNIT_CELLS, start=hamlet_cells + 1):
        cells.append(Cell(f"{cid}-cb{u:02d}", f"{name} xã {tag}", kind))
    return Organization(
        cid,
        f"Đảng bộ xã {tag}",
        OrgLevel.COMMUNE,
        cells=tuple(cells),
        hamlets=tuple(hamlets),
        mass_organizations=mass_organizations(cid, tag),
    )


def _province_tree(
    rng: random.Random, communes: int, people_per_commune: float
) -> tuple[Organization, list[tuple[Organization, float]]]:
    """Build a synthetic province → districts → communes → cells tree."""
    spread = [rng.uniform(0.8, 1.2) for _ in range(communes)]
    mean = sum(spread) / communes  # the sizes add up to communes * people_per_commune
    districts: list[Organization] = []
    sized: list[tuple[Organization, float]] = []
    k = 0
    for dnum in range(1, (communes + _PER_DISTRICT - 1) // _PER_DISTRICT + 1):
        children: list[Organization] = []
        for _ in range(min(_PER_DISTRICT, communes - k)):
            k += 1
            size = people_per_commune * spread[k - 1] / mean
            org = _commune(f"tn{k:03d}", f"Thử Nghiệm {k:03d}", size)
            children.append(org)
            sized.append((org, size))
        districts.append(
            Organization(
                f"tn-h{dnum:02d}",
                f"Đảng bộ huyện Thử Nghiệm {dnum:02d}",
                OrgLevel.DISTRICT,
                children=tuple(children),
                valid_to=law.districts_end(),
            )
        )
    root = Organization(
        "tn", "Đảng bộ tỉnh Thử Nghiệm", OrgLevel.PROVINCE, children=tuple(districts)
    )
    # The communes as they sit in the final tree (the same objects).
    placed = {o.id: o for o in root.walk()}
    return root, [(placed[o.id], size) for o, size in sized]


def _profile(commune: Organization, size: float) -> HistoryProfile:
    """The shape of the history of a commune of *size* people (300 is the default shape)."""
    hamlet_cells = sum(1 for c in commune.cells if c.kind is CellKind.HAMLET)
    factor = size / 300
    # About 81 % of the people are members at the start; the rest join or try.
    per_hamlet = max(6, round((size * 0.81 - 25) / hamlet_cells))
    return HistoryProfile(
        recognitions_per_year=(max(1, round(3 * factor)), max(1, round(5 * factor))),
        admissions_per_year=(max(1, round(4 * factor)), max(1, round(8 * factor))),
        hamlet_members=(round(per_hamlet * 0.75), round(per_hamlet * 1.25)),
        scale=factor,
        removals=max(0, round(factor / 2)),
    )


def generate_province(
    *,
    communes: int = 130,
    members: int = 250_000,
    seed: int | str,
    start: int = 2019,
    end: int = 2025,
    mistakes: bool = False,
    calendar: WorkCalendar | None = None,
) -> Dataset:
    """Generate an obviously synthetic province: its tree and every commune's register.

    The tree is *Đảng bộ tỉnh Thử Nghiệm* → districts of ten communes
    (ending 30 June 2025) → *communes* communes, each with hamlet cells of
    about 40 members, three school cells, a health and a police cell, and the
    five mass organisations.  Each commune's history follows
    :func:`~dangvien.synthetic.generate_register`'s logic with a profile
    scaled to its size.

    Args:
        communes: number of communes.
        members: approximate number of people in the register (most of them
            party members); each commune gets about ``members / communes``.
        seed: the seed; each commune gets its own generator derived from it.
        start: first year of the history.
        end: last year of the history.
        mistakes: plant the three mistakes in the first commune.
        calendar: the working-day calendar (default: the standard one).

    Returns:
        The dataset (no plans), as of 31 December of *end*.  Person ids read
        ``TN001-0001``.

    Raises:
        UsageError: (a ``ValueError``) for fewer than one commune or member,
            or bad years.

    """
    if communes < 1 or members < communes:
        raise refused("province_size", communes=communes, members=members)
    cal = calendar or WorkCalendar.default()
    check_years(start, end, cal)
    if mistakes:
        check_mistake_years(start, end, HistoryProfile().plan_year)
    root, registers = _communes(communes, members, seed, start, end, mistakes, cal)
    records = [r for _, part in registers for r in part]
    return Dataset(organization=root, records=tuple(records), data_as_of=date(end, 12, 31))


def _communes(
    communes: int,
    members: int,
    seed: int | str,
    start: int,
    end: int,
    mistakes: bool,
    cal: WorkCalendar,
    jobs: int = 1,
) -> tuple[Organization, Iterator[tuple[Organization, list[Record]]]]:
    """The province's tree, and each commune's register generated only when asked.

    Each commune has its own generator, seeded in order from *seed*, so
    *jobs* processes give the same registers as one.
    """
    rng = random.Random(seed)
    root, sized = _province_tree(rng, communes, members / communes)
    seeds = [rng.getrandbits(64) for _ in sized]
    tasks = [(i, c.id, size, s) for i, ((c, size), s) in enumerate(zip(sized, seeds, strict=True))]
    placed = {commune.id: commune for commune, _ in sized}

    def registers() -> Iterator[tuple[Organization, list[Record]]]:
        # The tree goes to each worker once, not with every commune.
        made = imap(
            _commune_register,
            tasks,
            jobs,
            fork_context(),
            root=root,
            start=start,
            end=end,
            mistakes=mistakes,
            cal=cal,
        )
        for task, records in zip(tasks, made, strict=True):
            yield placed[task[1]], records

    return root, registers()


def _commune_register(
    task: tuple[int, str, float, int],
    *,
    root: Organization,
    start: int,
    end: int,
    mistakes: bool,
    cal: WorkCalendar,
) -> list[Record]:
    """The register of one commune of the province *root*: (index, id, size, seed)."""
    i, cid, size, seed = task
    commune = root.find(cid)
    assert commune is not None  # the tasks name the tree's communes
    sim = Commune(
        root,
        commune,
        rng=random.Random(seed),
        start=start,
        end=end,
        profile=_profile(commune, size),
        plans=(),
        mistakes=mistakes and i == 0,
        id_prefix=commune.id.upper(),
        name_tag=f"{commune.id.upper()}-",
        calendar=cal,
    )
    return sim.run()


def write_province(
    directory: str | Path,
    *,
    communes: int = 130,
    members: int = 250_000,
    seed: int | str,
    start: int = 2019,
    end: int = 2025,
    calendar: WorkCalendar | None = None,
    jobs: int = 1,
) -> int:
    """Generate :func:`generate_province`'s province into *directory*, kept in partitions.

    The same people as :func:`generate_province` with the same arguments,
    written commune by commune (:mod:`dangvien.io.parts`) as each is
    generated, so that a register of any size (a nation's five and a half
    million) is made with the memory of one commune.  *jobs* processes
    generate communes side by side (the same people).  Returns the number
    of people written.

    Raises:
        UsageError: as :func:`generate_province`, or when *directory* is in
            use (see :func:`dangvien.io.parts.write_partitioned`).
    """
    if communes < 1 or members < communes:
        raise refused("province_size", communes=communes, members=members)
    cal = calendar or WorkCalendar.default()
    check_years(start, end, cal)
    root, registers = _communes(communes, members, seed, start, end, False, cal, jobs)
    count = 0

    def parts() -> Iterator[tuple[str, list[Record], tuple[Record, ...]]]:
        nonlocal count
        for commune, records in registers:
            count += len(records)
            yield commune.id, records, ()

    write_partitioned(directory, root, (), date(end, 12, 31), parts())
    return count
