"""Plan targets per unit and per year (chỉ tiêu kết nạp theo đơn vị, theo năm).

A :class:`~dangvien.model.plan.Plan` keeps its target table as printed: unit
names as the table wrote them (``Tr. Mầm non``, ``Huyện Yên Thành``), one
row per unit, each row for every year of the plan unless it names a year.
:func:`expand_unit_targets` turns that table into one :class:`UnitTarget`
per unit per year, whatever the unit (district, bloc, commune, grassroots
committee, cell); :func:`expand_targets` keeps the rows naming cells, one
:class:`CellTarget` per cell per year:

- A printed name is resolved with :func:`resolve_unit` below the plan's
  organisation (:func:`plan_organization`, which includes the communes
  merged into it): exact match on NFC text with diacritics kept, against
  each unit's id, name and aliases.  ``Văn Tràng`` never matches ``Vạn
  Tràng``; an unresolved row keeps its printed text and no unit (the plan
  checks report it with a diacritic-aware suggestion).
- A row with a ``year`` replaces the every-year row of the same cell in that
  year; rows with the same cell and the same year specification are added
  (and reported by the plan checks as duplicates).
- An open-ended period ("2023 – 2025 và những năm tiếp theo") continues up
  to the year asked for.

The same holds for the mass organisations' introduction quotas
(:func:`expand_introduction_targets`), resolved with
:meth:`Organization.mass_organization`.

>>> from datetime import date
>>> from dangvien.model.org import Cell, Organization, OrgLevel
>>> from dangvien.model.plan import AdmissionTarget, Plan, PlanPeriod
>>> org = Organization("x", "Đảng bộ xã X", OrgLevel.COMMUNE,
...                    cells=(Cell("c1", "Văn Tràng"), Cell("c2", "Vạn Tràng")))
>>> plan = Plan("kh", "-KH/ĐU", date(2023, 6, 8), "BTV", "x", "Kế hoạch",
...             PlanPeriod(2023, 2025, open_ended=True),
...             admission_targets=(AdmissionTarget("Văn Tràng", 1),
...                                AdmissionTarget("Vạn Tràng", 2)))
>>> [(t.year, t.cell, t.target) for t in expand_targets(plan, org, until=2026)][-2:]
[(2026, 'c1', 1), (2026, 'c2', 2)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar, TypeVar

import attrs

from dangvien._text import NameLookup
from dangvien.model.org import Organization, Unit
from dangvien.model.plan import AdmissionTarget, IntroductionTarget, Plan, TargetRange
from dangvien.model.register import Dataset

__all__ = [
    "CellTarget",
    "IntroductionQuota",
    "UnitTarget",
    "expand_introduction_targets",
    "expand_targets",
    "expand_unit_targets",
    "plan_organization",
    "plan_total",
    "plan_years",
    "resolve_unit",
    "select_plan",
    "targets_by_cell",
    "top_plan",
    "with_predecessors",
]

RowT = TypeVar("RowT", AdmissionTarget, IntroductionTarget)


@attrs.frozen
class CellTarget:
    """The admission target of one cell in one year (chỉ tiêu kết nạp của một chi bộ trong năm).

    Attributes:
        plan: id of the plan.
        year: the year.
        printed: the cell as the plan's table printed it.
        cell: id of the cell the printed name resolves to; None when it
            matches no cell exactly.
        name: the cell's canonical name (the printed text when unresolved).
        target: admissions targeted that year (the low end of a range).
        rows: printed rows combined into this target (1 unless duplicated).
        bounds: the target as printed (exact, range or lower bound).

    """

    plan: str
    year: int
    printed: str
    cell: str | None
    name: str
    target: int
    rows: int = 1
    bounds: TargetRange | None = None


@attrs.frozen
class UnitTarget:
    """The admission target of one unit in one year (chỉ tiêu kết nạp của một đơn vị trong năm).

    Attributes:
        plan: id of the plan.
        year: the year.
        printed: the unit as the plan's table printed it.
        unit: the unit the printed name resolves to; None when it matches
            no unit exactly.
        name: the unit's canonical name (the printed text when unresolved).
        bounds: the target (exact, range or lower bound); the sum of the
            rows combined.
        rows: printed rows combined into this target (1 unless duplicated).

    """

    __json__: ClassVar[tuple[str, ...]] = ("target",)

    plan: str
    year: int
    printed: str
    unit: Unit | None
    name: str
    bounds: TargetRange
    rows: int = 1

    @property
    def target(self) -> int:
        """The number the percentage is measured against: the target's low end."""
        return self.bounds.low


@attrs.frozen
class IntroductionQuota:
    """A mass organisation's introduction quota in one year (số quần chúng phải giới thiệu).

    Attributes:
        plan: id of the plan.
        year: the year.
        printed: the organisation as printed (``Hội LHPN xã``).
        organization: id of the mass organisation; None when unresolved.
        name: its canonical name (the printed text when unresolved).
        target: outstanding citizens to introduce that year.
        rows: printed rows combined into this quota.

    """

    plan: str
    year: int
    printed: str
    organization: str | None
    name: str
    target: int
    rows: int = 1


def plan_organization(dataset: Dataset | Organization, plan: Plan) -> Organization:
    """Return the organisation node a plan is for (the tree's root if its id is unknown).

    When organisations were merged into it, or into one below it
    (``merged_from``), they are added under it, so that the plan's rows
    naming their cells resolve and their history counts: a cell's history
    follows it into the merged commune.  The plan checks report an unknown
    organisation id (``PLAN-UNKNOWN-ORG``).
    """
    root = dataset.organization if isinstance(dataset, Dataset) else dataset
    node = root.find(plan.organization) or root
    return with_predecessors(root, node)


def with_predecessors(root: Organization, node: Organization) -> Organization:
    """Return *node* with the organisations merged into it (or below it) added as children.

    The same object when nothing was merged.
    """
    inside = {o.id for o in node.walk()}
    extra: list[Organization] = []
    todo = [pid for o in node.walk() for pid in o.merged_from]
    while todo:
        pid = todo.pop(0)
        pred = root.find(pid)
        if pred is None or pred.id in inside:
            continue
        extra.append(pred)
        for o in pred.walk():
            inside.add(o.id)
            todo.extend(o.merged_from)
    if not extra:
        return node
    return attrs.evolve(node, children=(*node.children, *extra))


def resolve_unit(organization: Organization, printed: str) -> NameLookup[Unit]:
    """Look up a printed unit name below *organization* (exact, diacritics kept).

    Organisations and cells are searched together; when that fails, cells
    alone (a cell sharing its name with an organisation is still found by
    that name, as before units were looked up).  On failure the lookup
    carries a unique accent-insensitive suggestion or the look-alikes.
    """
    found = organization.lookup_unit(printed)
    if found.match is not None:
        return found
    cell = organization.cell(printed)
    if cell is not None:
        unit = organization.unit_of(cell.id, is_cell=True)
        if unit is not None:
            return NameLookup(query=printed, match=unit)
    return found


def plan_years(plan: Plan, until: int | None = None) -> tuple[int, ...]:
    """Return the plan's years; an open-ended plan continues up to *until*.

    >>> from datetime import date
    >>> from dangvien.model.plan import PlanPeriod
    >>> p = Plan("kh", "-KH/ĐU", date(2023, 6, 8), "BTV", "x", "KH",
    ...          PlanPeriod(2023, 2025, open_ended=True))
    >>> plan_years(p, until=2026)
    (2023, 2024, 2025, 2026)
    """
    return tuple(plan.period.years(until=until))


def select_plan(
    plans: Iterable[Plan], year: int, *, plan_id: str | None = None, organization: str | None = None
) -> Plan | None:
    """Choose the plan to measure *year* against.

    With *plan_id*, that plan (None if absent).  Otherwise the plans whose
    period covers *year* (for *organization*, if given), the latest-dated
    first; when none covers it, the latest plan of all, so that a report
    still shows a plan whose period has ended.
    """
    pool = [p for p in plans if organization is None or p.organization == organization]
    if plan_id is not None:
        return next((p for p in pool if p.id == plan_id), None)
    covering = [p for p in pool if p.period.covers(year)]
    chosen = covering or pool
    return max(chosen, key=lambda p: p.date) if chosen else None


def top_plan(dataset: Dataset, year: int, *, organization: str | None = None) -> Plan | None:
    """The plan a report of *year* measures by default (kế hoạch của cấp trên cùng).

    The plan of *organization* (default: the root of the tree) in force for
    *year*, its latest if it has several; when it has none, the nearest
    level down where exactly one organisation has one (a province entering
    only its communes' district: the district's plan).  When several
    organisations of that level have one and nothing above them does (two
    communes, their district without a plan), there is no plan for the
    whole: None.  Only when no plan of the part of the tree covers *year*
    are the plans whose period has ended considered, the same way, so that
    a report still shows its plan after the period.  A plan naming an
    organisation the tree does not hold counts as the root's
    (:func:`plan_organization` resolves it so).

    >>> from datetime import date
    >>> from dangvien.model.org import Organization, OrgLevel
    >>> from dangvien.model.plan import PlanPeriod
    >>> x = Organization("x", "Đảng bộ xã X", OrgLevel.COMMUNE)
    >>> h = Organization("h", "Đảng bộ huyện H", OrgLevel.DISTRICT, children=(x,))
    >>> t = Organization("t", "Đảng bộ tỉnh T", OrgLevel.PROVINCE, children=(h,))
    >>> kh = [Plan(i, "KH", date(2023, 1, 1), "BTV", o, "Kế hoạch", PlanPeriod(2023, 2025))
    ...       for i, o in (("kh-x", "x"), ("kh-h", "h"))]
    >>> top_plan(Dataset(t, plans=tuple(kh)), 2024).id
    'kh-h'
    >>> top_plan(Dataset(t, plans=tuple(kh)), 2024, organization="x").id
    'kh-x'
    """
    root = dataset.organization
    top = root if organization is None else root.find(organization)
    if top is None:
        return None
    top = with_predecessors(root, top)
    inside = {o.id for o in top.walk()}

    def org_of(plan: Plan) -> str:
        return plan.organization if root.find(plan.organization) is not None else root.id

    pool = [p for p in dataset.plans if org_of(p) in inside]
    covering = [p for p in pool if p.period.covers(year)]
    chosen = covering or pool
    holders = {org_of(p) for p in chosen}
    level = [top]
    while level:
        here = [o for o in level if o.id in holders]
        if len(here) > 1:
            return None
        if here:
            mine = [p for p in chosen if org_of(p) == here[0].id]
            return max(mine, key=lambda p: p.date)
        level = [c for o in level for c in o.children]
    return None


def _rows_for_year(
    rows: Sequence[RowT], key_of: dict[int, str], year: int
) -> dict[str, list[RowT]]:
    """Group the rows that apply to *year* by resolved key; year rows replace every-year rows."""
    specific: dict[str, list[RowT]] = {}
    general: dict[str, list[RowT]] = {}
    for i, row in enumerate(rows):
        k = key_of[i]
        if row.year == year:
            specific.setdefault(k, []).append(row)
        elif row.year is None:
            general.setdefault(k, []).append(row)
    merged = dict(general)
    merged.update(specific)
    # Keep the order of first appearance in the printed table.
    order = {key_of[i]: i for i in reversed(range(len(rows)))}
    return dict(sorted(merged.items(), key=lambda kv: order[kv[0]]))


def _sum(targets: Iterable[TargetRange]) -> TargetRange:
    total = TargetRange(0, 0)
    for t in targets:
        total = total + t
    return total


def expand_unit_targets(
    plan: Plan,
    organization: Organization,
    *,
    until: int | None = None,
    years: Iterable[int] | None = None,
) -> tuple[UnitTarget, ...]:
    """Expand a plan's target table into one target per unit per year.

    Args:
        plan: the plan.
        organization: the organisation below which the printed names are
            resolved (normally :func:`plan_organization`).
        until: the last year for an open-ended plan.
        years: the years wanted, instead of the plan's years (years the
            plan does not cover give no targets).

    Returns:
        Targets ordered by year, then by the table's order.

    """
    wanted = plan_years(plan, until) if years is None else tuple(years)
    rows = plan.admission_targets
    resolved = [resolve_unit(organization, r.unit).match for r in rows]
    key_of = {
        i: ("?" + rows[i].unit if u is None else ("c:" if u.is_cell else "o:") + u.id)
        for i, u in enumerate(resolved)
    }
    index = {key_of[i]: i for i in reversed(range(len(rows)))}
    out: list[UnitTarget] = []
    for year in wanted:
        if not plan.period.covers(year):
            continue
        for k, group in _rows_for_year(rows, key_of, year).items():
            unit = resolved[index[k]]
            out.append(
                UnitTarget(
                    plan=plan.id,
                    year=year,
                    printed=group[0].unit,
                    unit=unit,
                    name=group[0].unit if unit is None else unit.name,
                    bounds=_sum(r.target for r in group),
                    rows=len(group),
                )
            )
    return tuple(out)


def expand_targets(
    plan: Plan,
    organization: Organization,
    *,
    until: int | None = None,
    years: Iterable[int] | None = None,
) -> tuple[CellTarget, ...]:
    """Expand a plan's target table into one target per cell per year.

    Rows naming an organisation (a commune, a district, a bloc) are left
    out: see :func:`expand_unit_targets`.  Rows naming nothing known are
    kept with ``cell=None``.

    Args:
        plan: the plan.
        organization: the organisation whose cells the printed names are
            resolved against (normally :func:`plan_organization`).
        until: the last year for an open-ended plan.
        years: the years wanted, instead of the plan's years (years the
            plan does not cover give no targets).

    Returns:
        Targets ordered by year, then by the table's order.

    """
    return tuple(
        CellTarget(
            plan=t.plan,
            year=t.year,
            printed=t.printed,
            cell=None if t.unit is None else t.unit.id,
            name=t.name,
            target=t.target,
            rows=t.rows,
            bounds=t.bounds,
        )
        for t in expand_unit_targets(plan, organization, until=until, years=years)
        if t.unit is None or t.unit.is_cell
    )


def plan_total(plan: Plan, organization: Organization, year: int) -> TargetRange | None:
    """Return a plan's target for its whole organisation in *year*.

    The sum of the table's rows applying that year (ranges and bounds
    added), or, for a plan with no table, its headline (the headline is the
    target); None when the plan does not cover *year* or states neither.
    """
    if not plan.period.covers(year):
        return None
    if plan.admission_targets:
        rows = expand_unit_targets(plan, organization, years=[year])
        return _sum(t.bounds for t in rows) if rows else None
    return plan.headline


def expand_introduction_targets(
    plan: Plan,
    organization: Organization,
    *,
    until: int | None = None,
    years: Iterable[int] | None = None,
) -> tuple[IntroductionQuota, ...]:
    """Expand the mass organisations' quotas into one quota per organisation per year.

    Printed names are resolved with :meth:`Organization.mass_organization`
    (exact, diacritics kept); the rest works as :func:`expand_targets`.
    """
    wanted = plan_years(plan, until) if years is None else tuple(years)
    rows = plan.introduction_targets
    resolved = [organization.mass_organization(r.organization) for r in rows]
    key_of = {
        i: (m.id if m is not None else "?" + rows[i].organization) for i, m in enumerate(resolved)
    }
    index = {key_of[i]: i for i in reversed(range(len(rows)))}
    out: list[IntroductionQuota] = []
    for year in wanted:
        if not plan.period.covers(year):
            continue
        for k, group in _rows_for_year(rows, key_of, year).items():
            mo = resolved[index[k]]
            out.append(
                IntroductionQuota(
                    plan=plan.id,
                    year=year,
                    printed=group[0].organization,
                    organization=None if mo is None else mo.id,
                    name=group[0].organization if mo is None else mo.name,
                    target=sum(r.annual for r in group),
                    rows=len(group),
                )
            )
    return tuple(out)


def targets_by_cell(targets: Iterable[CellTarget], year: int) -> dict[str, int]:
    """Return ``{cell id: target}`` for *year* (unresolved rows left out).

    >>> targets_by_cell([CellTarget("kh", 2024, "A", "a", "A", 2)], 2024)
    {'a': 2}
    """
    out: dict[str, int] = {}
    for t in targets:
        if t.year == year and t.cell is not None:
            out[t.cell] = out.get(t.cell, 0) + t.target
    return out
