"""A synthetic district with plans at two levels and a report: :func:`generate_district`."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Final

import attrs

from dangvien.calendar import WorkCalendar
from dangvien.model.org import (
    Cell,
    CellKind,
    Hamlet,
    Organization,
    OrgKind,
    OrgLevel,
    OrgStatistics,
)
from dangvien.model.plan import (
    AdmissionTarget,
    Plan,
    PlanPeriod,
    RateMeasure,
    RateTarget,
    TargetRange,
)
from dangvien.model.register import Dataset, Record
from dangvien.synthetic import _law as law
from dangvien.synthetic._classes import with_classes
from dangvien.synthetic._commune import Commune
from dangvien.synthetic._district_report import district_report
from dangvien.synthetic._errors import refused
from dangvien.synthetic._profile import HistoryProfile
from dangvien.synthetic._province import mass_organizations
from dangvien.synthetic._register import check_years

_TAG: Final = "Thử Nghiệm"
#: Fewest communes: every planned departure below needs its commune.
_MIN_COMMUNES: Final = 20
#: The report is of this year: the history must reach it.
_REPORT_YEAR: Final = 2024

# Communes whose plans do not follow the district's allocation, by number: below
# it (by how many), above it, with a headline only, with no plan, with a
# misprinted cell name, leaving a cell without a row.
_BELOW: Final = {3: 2, 8: 1, 14: 1}
_ABOVE: Final = {11: 1}
_HEADLINE_ONLY: Final = 6
_NO_PLAN: Final = 17
_MISPRINT: Final = 9
_NO_ROW: Final = 12
# Communes in the uplands, where most people are of an ethnic minority.
_UPLAND: Final = (18, 19, 20)

# The district's own units: the grassroots committee of its agencies, with its
# cells (id suffix, name), and the upper secondary school's cell.
_AGENCY_CELLS: Final = (
    ("vp", "Văn phòng HĐND-UBND"),
    ("tc", "Phòng Tài chính"),
    ("gd", "Phòng Giáo dục"),
)
# The communes' unit cells: (id suffix, name, kind).
_COMMUNE_UNITS: Final = (
    ("th", "Trường Tiểu học", CellKind.SCHOOL),
    ("yt", "Trạm Y tế", CellKind.HEALTH),
    ("ca", "Công an xã", CellKind.POLICE),
)

_PLAN_PERIOD: Final = PlanPeriod(2023, 2025)
_PLAN_TITLE: Final = "Kế hoạch phát triển đảng viên giai đoạn 2023 – 2025"


def _commune(rng: random.Random, k: int) -> Organization:
    """Commune number *k*: four to six hamlets, each a cell, and the unit cells."""
    tag = f"{_TAG} {k:02d}"
    cid = f"x{k:02d}"
    hamlets = [Hamlet(f"{cid}-t{h}", f"Thôn {h} {tag}") for h in range(1, rng.randint(4, 6) + 1)]
    cells = [
        Cell(f"{cid}-cb{h}", f"Thôn {h} {tag}", CellKind.HAMLET, hamlet=hm.id)
        for h, hm in enumerate(hamlets, start=1)
    ]
    cells += [Cell(f"{cid}-{s}", f"{name} {tag}", kind) for s, name, kind in _COMMUNE_UNITS]
    return Organization(
        cid,
        f"Đảng bộ xã {tag}",
        OrgLevel.COMMUNE,
        aliases=(f"Xã {tag}",),
        cells=tuple(cells),
        hamlets=tuple(hamlets),
        mass_organizations=mass_organizations(cid, tag),
    )


def _district_tree(rng: random.Random, communes: int) -> Organization:
    """Province → district (ending with the district level) → communes, a committee, a cell."""
    children = [_commune(rng, k) for k in range(1, communes + 1)]
    agency_cells = tuple(
        Cell(f"cqcq-{s}", f"Chi bộ {name} huyện {_TAG}", CellKind.AGENCY)
        for s, name in _AGENCY_CELLS
    )
    children.append(
        Organization(
            "cqcq",
            f"Đảng bộ Cơ quan Chính quyền huyện {_TAG}",
            OrgLevel.GRASSROOTS,
            kind=OrgKind.AGENCY,
            aliases=("Cơ quan Chính quyền",),
            cells=agency_cells,
        )
    )
    district = Organization(
        "huyen-tn",
        f"Đảng bộ huyện {_TAG}",
        OrgLevel.DISTRICT,
        aliases=(f"Huyện {_TAG}",),
        children=tuple(children),
        cells=(Cell("thpt", f"Chi bộ Trường THPT {_TAG}", CellKind.SCHOOL),),
        valid_to=law.districts_end(),
        statistics=(OrgStatistics(date(2022, 12, 31), grassroots=22),),
    )
    return Organization("tinh-tn", f"Đảng bộ tỉnh {_TAG}", OrgLevel.PROVINCE, children=(district,))


def _split(total: int, cells: Sequence[Cell]) -> dict[str, int]:
    """Share *total* over the hamlet cells and the school, one at a time, hamlets first."""
    takers = [c for c in cells if c.kind is CellKind.HAMLET] + [
        c for c in cells if c.kind is CellKind.SCHOOL
    ]
    out = {c.id: 0 for c in cells}
    for i in range(total):
        out[takers[i % len(takers)].id] += 1
    return out


def _commune_plan(k: int, node: Organization, allocated: int, plan_date: date) -> Plan | None:
    """Return the commune's own plan: its allocation shared over its cells.

    Some communes depart from it on purpose (see :func:`generate_district`).
    """
    if k == _NO_PLAN:
        return None
    common: dict[str, Any] = {
        "id": f"kh-{node.id}",
        "number": f"{10 + k}-KH/ĐU",
        "date": plan_date,
        "issuer": f"Ban Thường vụ Đảng ủy xã {_TAG} {k:02d}",
        "organization": node.id,
        "title": f"{_PLAN_TITLE} và những năm tiếp theo",
        "period": attrs.evolve(_PLAN_PERIOD, open_ended=True),
    }
    if k == _HEADLINE_ONLY:
        return Plan(**common, headline=TargetRange.exactly(allocated))
    total = allocated - _BELOW.get(k, 0) + _ABOVE.get(k, 0)
    shares = _split(total, node.cells)
    rows = []
    for c in node.cells:
        if k == _NO_ROW and c.kind is CellKind.HEALTH:
            continue  # the health station is left out of the table
        printed = c.name
        if k == _MISPRINT and c.id.endswith("-cb2"):
            printed = c.name.replace("Thôn", "Thon")  # a missing diacritic
        rows.append(AdmissionTarget(printed, shares[c.id]))
    return Plan(**common, admission_targets=tuple(rows), stated_admission_total=total)


def _district_plan(district: Organization, allocations: Mapping[str, int]) -> Plan:
    """The district's plan: each unit's allocation, a headline around their sum, a rate."""
    names = {o.id: o.aliases[0] for o in district.children}
    names[district.cells[0].id] = district.cells[0].name
    total = sum(allocations.values())
    return Plan(
        id="kh-huyen-tn",
        number="15-KH/HU",
        date=date(2023, 2, 20),
        issuer=f"Ban Thường vụ Huyện ủy {_TAG}",
        organization=district.id,
        title=_PLAN_TITLE,
        period=_PLAN_PERIOD,
        headline=TargetRange(total - 5, total + 5),
        admission_targets=tuple(AdmissionTarget(names[u], a) for u, a in allocations.items()),
        stated_admission_total=total,
        rate_targets=(RateTarget(RateMeasure.ADMISSIONS_PER_MEMBERS, "3", "4"),),
    )


def generate_district(
    *,
    seed: int | str,
    communes: int = 20,
    start: int = 2019,
    end: int = 2024,
    calendar: WorkCalendar | None = None,
) -> Dataset:
    """Generate an obviously synthetic district with plans at two levels and a report.

    The tree is *Đảng bộ tỉnh Thử Nghiệm* → *Đảng bộ huyện Thử Nghiệm*
    (ending 30 June 2025) → *communes* communes (four to six hamlet cells, a
    primary school, a health station and a police cell each, named uniquely:
    ``Thôn 2 Thử Nghiệm 07``), a grassroots committee of the district's
    agencies (three cells) and a grassroots cell, the district's upper
    secondary school.

    The district's plan (2023–2025) allocates each unit four to seven
    admissions a year (the committee three, the school two), with a headline
    range around their sum and a rate target of 3–4 % of members.  Each
    commune has a plan of its own sharing its allocation over its cells, but
    for a few that depart from it on purpose: communes 3, 8 and 14 plan less
    than allocated, 11 more, 6 states only its headline, 17 has no plan, 9
    misprints a cell's name and 12 leaves its health station out.  The
    district's nine-month report of 2024 publishes figures computed from the
    register, three of them wrong on purpose (the table's total, the number
    of units above 50 %, one commune's percentage rounded half up although
    the report truncates).

    Each unit's register follows :func:`~dangvien.synthetic.generate_register`'s
    logic, weighted by its plan; people carry the classes of the central forms
    (religion, Youth Union, occupation, qualification; upland communes mostly
    Thái and Mường), drawn from a generator of their own.

    Args:
        seed: the seed.
        communes: number of communes (at least 20, so that every departure
            has its commune).
        start: first year of the history.
        end: last year (the report is of 2024, so at least 2024).
        calendar: the working-day calendar.

    Returns:
        The dataset: the tree, the district's and the communes' plans, the
        register.  Person ids read ``X07-0001`` (the committee's ``CQCQ-…``,
        the school's ``THPT-…``).

    Raises:
        UsageError: (a ``ValueError``) for fewer than 20 communes, or years
            that do not fit.

    """
    if communes < _MIN_COMMUNES:
        raise refused("district_communes", need=_MIN_COMMUNES, communes=communes)
    if end < _REPORT_YEAR:
        raise refused("district_end", year=_REPORT_YEAR, end=end)
    cal = calendar or WorkCalendar.default()
    check_years(start, end, cal)
    rng = random.Random(seed)
    tree = _district_tree(rng, communes)
    district = tree.children[0]
    allocations: dict[str, int] = {}
    for node in district.children:
        allocations[node.id] = 3 if node.level is OrgLevel.GRASSROOTS else rng.randint(4, 7)
    allocations[district.cells[0].id] = 2
    commune_plans = [
        _commune_plan(k, node, allocations[node.id], date(2023, 3, 1) + timedelta(days=k))
        for k, node in enumerate(district.children[:communes], start=1)
    ]
    upper = _district_plan(district, allocations)
    plans = [upper, *(p for p in commune_plans if p is not None)]
    records: list[Record] = []
    for k, node in enumerate(district.children, start=1):
        a = allocations[node.id]
        profile = HistoryProfile(
            plan_year=_PLAN_PERIOD.first_year,
            recognitions_per_year=(1, 3),
            admissions_per_year=(max(1, a - 3), a) if k % 4 else (a - 1, a + 1),
            hamlet_members=(7, 11),
            school_members=(4, 6),
            small_members=(3, 4),
            scale=0.3,
            removals=0,
        )
        sim = Commune(
            tree,
            node,
            rng=random.Random(rng.getrandbits(64)),
            start=start,
            end=end,
            profile=profile,
            plans=plans,
            mistakes=False,
            id_prefix=node.id.upper(),
            name_tag=f"{node.id.upper()}-",
            calendar=cal,
        )
        records.extend(sim.run())
    school = Commune(
        tree,
        district,
        rng=random.Random(rng.getrandbits(64)),
        start=start,
        end=end,
        profile=HistoryProfile(
            recognitions_per_year=(1, 2),
            admissions_per_year=(1, 2),
            school_members=(8, 10),
            scale=0.3,
            removals=0,
        ),
        plans=plans,
        mistakes=False,
        id_prefix="THPT",
        name_tag="THPT-",
        calendar=cal,
    )
    records.extend(school.run())
    upland = {f"x{k:02d}" for k in _UPLAND}
    records = with_classes(records, tree, random.Random(f"{seed}:classes"), upland)
    report = district_report(tree, records, allocations)
    plans[0] = attrs.evolve(upper, reports=(report,))
    return Dataset(organization=tree, plans=tuple(plans), records=tuple(records))
