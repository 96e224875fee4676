"""Fulfilment at every level: any unit's target against what it achieved (kết quả theo cấp).

A plan gives targets to units below its organisation: districts, blocs,
communes, grassroots committees, cells (:func:`~dangvien.quotas.targets.expand_unit_targets`).
This module measures each of them, whichever level the plan is at:

- **What a unit achieved** is counted through its cells
  (:meth:`~dangvien.model.org.Organization.cells_under`, merged communes
  included): the admissions of the register (:class:`Source.REGISTER`),
  counted as :mod:`dangvien.quotas.fulfilment` counts them.  Without a
  register, the latest report of results under the plan up to the as-of date
  gives the figures it printed (:class:`Source.REPORT`); without either the
  achievement is unknown (None) and nothing is judged.
- **Each plan is judged at its level** (:func:`plan_fulfilment`); with plans
  at several levels in one dataset (a district's plan giving targets to its
  communes, each commune's plan giving targets to its cells),
  :func:`fulfilment_by_level` measures every one of them, top down.
- **Run rate.** Figures up to a day in the year are extended to 31 December
  at the same pace (:func:`run_rate`): 1 480 admissions by 30 September are
  ≈ 1 978 by the year's end.
- **Subtotals** (:func:`subtotals`) group a plan's rows by level, by bloc
  (the bloc a unit belongs to, or the territorial units) and by kind.
- **Plans one level down** (:func:`plan_sums`): the target a plan gives a
  unit against the unit's own plan, the comparison behind ``PLAN-ALLOCATION``.

>>> from datetime import date
>>> from dangvien.model.org import Cell, Organization, OrgLevel
>>> from dangvien.model.plan import AdmissionTarget, Plan, PlanPeriod
>>> from dangvien.model.register import Dataset
>>> district = Organization("h", "Đảng bộ huyện Thử Nghiệm", OrgLevel.DISTRICT, children=(
...     Organization("x1", "Đảng bộ xã Một", OrgLevel.COMMUNE, aliases=("Xã Một",),
...                  cells=(Cell("c1", "Xóm Một"),)),))
>>> plan = Plan("kh-h", "05-KH/HU", date(2024, 1, 10), "BTV Huyện ủy", "h", "Kế hoạch",
...             PlanPeriod(2024, 2024), admission_targets=(AdmissionTarget("Xã Một", 4),))
>>> pf = plan_fulfilment(Dataset(district, plans=(plan,)), plan, 2024, as_of=date(2024, 6, 30))
>>> [(r.name, r.target, r.achieved, r.source.value) for r in pf.rows]
[('Đảng bộ xã Một', 4, None, 'none')]
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from fractions import Fraction
from typing import ClassVar

import attrs

from dangvien.findings import Language
from dangvien.messages import Text
from dangvien.model.org import CellKind, Organization, OrgKind, OrgLevel, Unit
from dangvien.model.plan import CountBy, Plan, ResultReport, TargetRange, UnitResult
from dangvien.model.register import Dataset
from dangvien.quotas.fulfilment import DEFAULT_STYLE, Admission, PercentStyle, admissions, percent
from dangvien.quotas.targets import (
    expand_unit_targets,
    plan_organization,
    plan_total,
    plan_years,
    resolve_unit,
    select_plan,
)

__all__ = [
    "GroupBy",
    "PlanFulfilment",
    "PlanSum",
    "Source",
    "Subtotal",
    "UnitFulfilment",
    "admissions_by_unit",
    "fulfilment_by_level",
    "latest_report",
    "plan_fulfilment",
    "plan_sums",
    "report_result",
    "report_total",
    "run_rate",
    "subtotals",
]


class Source(enum.Enum):
    """Where an achievement comes from (nguồn số liệu)."""

    REGISTER = "register"
    """Đếm từ danh sách người (the register)."""
    REPORT = "report"
    """Theo số liệu báo cáo (the figures a report printed)."""
    NONE = "none"
    """Không có số liệu (no data)."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return Text(f"quotas.source.{self.value}").vi

    @property
    def label_en(self) -> str:
        """English label."""
        return Text(f"quotas.source.{self.value}").en


def run_rate(achieved: int | Fraction, as_of: date, year: int) -> Fraction | None:
    """Extend *achieved* by *as_of* to 31 December of *year* at the same pace.

    ``achieved × days in the year / days elapsed`` (1 January to *as_of*,
    both counted).  On or after 31 December it is *achieved*; before the
    year starts, None.

    >>> run_rate(1480, date(2024, 9, 30), 2024)  # 274 of 366 days
    Fraction(270840, 137)
    >>> run_rate(6, date(2025, 12, 31), 2025), run_rate(6, date(2024, 12, 31), 2025)
    (Fraction(6, 1), None)
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    if as_of < start:
        return None
    if as_of >= end:
        return Fraction(achieved)
    elapsed = (as_of - start).days + 1
    return Fraction(achieved) * ((end - start).days + 1) / elapsed


@attrs.frozen(kw_only=True)
class UnitFulfilment:
    """One unit's target against what it achieved in a year (kết quả của một đơn vị).

    Attributes:
        plan: id of the plan giving the target.
        year: the year.
        as_of: the day the figures run to.
        unit: the unit; None for a printed name that matches no unit.
        name: the unit's canonical name (the printed text when unresolved).
        printed: the name the plan printed; None when the plan has no row
            for the unit (or for the organisation's own total).
        bounds: the target (exact, range, lower bound); None without one.
        achieved: admissions up to *as_of* in the year; None when unknown.
        source: where *achieved* comes from.

    """

    __json__: ClassVar[tuple[str, ...]] = (
        "target", "percent", "met", "shortfall", "forecast", "forecast_percent",
    )  # fmt: skip

    plan: str
    year: int
    as_of: date
    unit: Unit | None
    name: str
    printed: str | None = None
    bounds: TargetRange | None
    achieved: int | None
    source: Source

    @property
    def target(self) -> int | None:
        """The number percentages are measured against (the target's low end)."""
        return None if self.bounds is None else self.bounds.low

    @property
    def percent(self) -> Fraction | None:
        """Exact ``100 × achieved / target``; None without data or a positive target."""
        return None if self.achieved is None else percent(self.achieved, self.target)

    @property
    def met(self) -> bool | None:
        """Whether the target was reached; None without data or a positive target."""
        if self.achieved is None or self.bounds is None or not self.bounds.low:
            return None
        return self.bounds.met_by(self.achieved)

    @property
    def shortfall(self) -> int | None:
        """How many are missing to reach the target (0 when met); None when unknown."""
        if self.achieved is None or self.bounds is None:
            return None
        need = self.bounds.low + (1 if self.bounds.above else 0)
        return max(0, need - self.achieved)

    @property
    def forecast(self) -> Fraction | None:
        """The year-end run rate of *achieved* (:func:`run_rate`); None when unknown."""
        return None if self.achieved is None else run_rate(self.achieved, self.as_of, self.year)

    @property
    def forecast_percent(self) -> Fraction | None:
        """The forecast as an exact percentage of the target."""
        fc = self.forecast
        return None if fc is None else percent(fc, self.target)

    def display(self, lang: Language = "vi", style: PercentStyle | None = None) -> str:
        """The percentage in *style* (default one decimal, half up), or "không giao chỉ tiêu"."""
        return (style or DEFAULT_STYLE).format(self.percent, lang)


@attrs.frozen(kw_only=True)
class PlanFulfilment:
    """A plan measured at its own level (kết quả thực hiện một kế hoạch).

    Attributes:
        plan: id of the plan.
        number: its number as printed.
        date: its date.
        organization: the organisation the plan is for, as a unit.
        year: the year measured.
        as_of: the day the figures run to.
        count_by: which date places an admission in a year.
        source: where the achievements come from.
        headline: the plan's headline target, if stated.
        rows: one row per unit the table names (tree order), then the units
            directly below the organisation that the table leaves without a
            target, then the printed names matching no unit.
        total: the whole organisation: its target is the table's sum for the
            year (the headline when there is no table).

    """

    plan: str
    number: str
    date: dt.date
    organization: Unit
    year: int
    as_of: dt.date
    count_by: CountBy
    source: Source
    headline: TargetRange | None
    rows: tuple[UnitFulfilment, ...]
    total: UnitFulfilment


def admissions_by_unit(
    organization: Organization, items: Iterable[Admission], year: int
) -> dict[tuple[bool, str], int]:
    """Count *year*'s admissions per unit of *organization* (organisations and cells).

    Keys are ``(is_cell, id)``; an organisation counts the admissions of
    every cell :meth:`~dangvien.model.org.Organization.cells_under` gives.
    """
    per_cell = Counter(a.cell for a in items if a.year == year and a.cell is not None)
    out: dict[tuple[bool, str], int] = {}
    for unit in organization.units():
        cells = organization.cells_under(unit.id, is_cell=unit.is_cell)
        out[(unit.is_cell, unit.id)] = sum(per_cell[c.id] for c in cells)
    return out


def latest_report(plan: Plan, year: int, as_of: date) -> ResultReport | None:
    """Return the plan's latest report of results for *year* known on *as_of*."""
    known = [r for r in plan.reports if r.year == year and r.date <= as_of]
    return max(known, key=lambda r: (r.as_of, r.date)) if known else None


def report_result(
    report: ResultReport, organization: Organization, unit: Unit | None
) -> UnitResult | None:
    """Return the report's row for *unit* (None: the organisation's own row), if printed."""
    for row in report.results:
        if row.unit is None:
            if unit is None or (not unit.is_cell and unit.id == organization.id):
                return row
            continue
        found = resolve_unit(organization, row.unit).match
        if (
            unit is not None
            and found is not None
            and (found.is_cell, found.id)
            == (
                unit.is_cell,
                unit.id,
            )
        ):
            return row
    return None


def report_total(report: ResultReport, organization: Organization) -> int | None:
    """The admissions a report gives its whole organisation: its own row, else its rows' sum."""
    own = report_result(report, organization, None)
    if own is not None and own.admitted is not None:
        return own.admitted
    rows = [r.admitted for r in report.results if r.unit is not None]
    if rows and all(a is not None for a in rows):
        return sum(a for a in rows if a is not None)
    return None


def plan_fulfilment(
    dataset: Dataset,
    plan: Plan,
    year: int,
    *,
    as_of: date,
    count_by: CountBy = CountBy.DECISION,
    items: Sequence[Admission] | None = None,
) -> PlanFulfilment:
    """Measure *plan* in *year*, at its own level.

    Args:
        dataset: the dataset (as known on *as_of*, or it is cut there).
        plan: the plan.
        year: the year.
        as_of: count only admissions up to this day; a report is used only
            when dated on or before it.
        count_by: which date places an admission in a year.
        items: precomputed :func:`~dangvien.quotas.fulfilment.admissions`.

    Returns:
        The plan's rows and its organisation's total; achievements come from
        the register when the dataset has one, else from the latest report
        of the year, else they are unknown.

    """
    org = plan_organization(dataset, plan)
    own = org.unit_of(org.id)
    assert own is not None  # the root of its own tree
    targets = expand_unit_targets(plan, org, years=[year])
    report = None if dataset.records else latest_report(plan, year, as_of)
    if dataset.records:
        source, day = Source.REGISTER, as_of
        found = admissions(dataset, count_by=count_by, as_of=as_of) if items is None else items
        counted = admissions_by_unit(org, [a for a in found if a.date <= as_of], year)
    elif report is not None:
        source, day, counted = Source.REPORT, report.as_of, {}
    else:
        source, day, counted = Source.NONE, as_of, {}

    def achieved(unit: Unit | None) -> int | None:
        if source is Source.REGISTER:
            return None if unit is None else counted.get((unit.is_cell, unit.id), 0)
        if source is Source.REPORT and report is not None:
            if unit is not None and not unit.is_cell and unit.id == org.id:
                return report_total(report, org)
            row = None if unit is None else report_result(report, org, unit)
            return None if row is None else row.admitted
        return None

    def row(
        unit: Unit | None, name: str, printed: str | None, bounds: TargetRange | None
    ) -> UnitFulfilment:
        return UnitFulfilment(
            plan=plan.id, year=year, as_of=day, unit=unit, name=name, printed=printed,
            bounds=bounds, achieved=achieved(unit), source=source,
        )  # fmt: skip

    order = {(u.is_cell, u.id): i for i, u in enumerate(org.units())}
    resolved = [t for t in targets if t.unit is not None]
    resolved.sort(key=lambda t: order[(t.unit.is_cell, t.unit.id)] if t.unit else 0)
    rows = [row(t.unit, t.name, t.printed, t.bounds) for t in resolved]
    named = {(t.unit.is_cell, t.unit.id) for t in resolved if t.unit is not None}
    if plan.admission_targets:
        for unit in org.units():
            if unit.parent == org.id and (unit.is_cell, unit.id) not in named:
                if not unit.is_cell and not _has_cells(org, unit):
                    continue  # an empty node (a merged commune's shell) says nothing
                rows.append(row(unit, unit.name, None, None))
    rows.extend(row(None, t.name, t.printed, t.bounds) for t in targets if t.unit is None)
    total = row(own, org.name, None, plan_total(plan, org, year))
    return PlanFulfilment(
        plan=plan.id, number=plan.number, date=plan.date, organization=own, year=year,
        as_of=day, count_by=count_by, source=source, headline=plan.headline,
        rows=tuple(rows), total=total,
    )  # fmt: skip


def _has_cells(org: Organization, unit: Unit) -> bool:
    node = org.find(unit.id)
    return node is not None and bool(org.cells_under(unit.id))


def fulfilment_by_level(
    dataset: Dataset,
    year: int,
    *,
    as_of: date,
    count_by: CountBy = CountBy.DECISION,
    items: Sequence[Admission] | None = None,
) -> tuple[PlanFulfilment, ...]:
    """Measure every organisation's plan for *year*, top down (kết quả theo từng cấp).

    For each organisation of the tree with a plan covering *year* (its
    latest such plan), in tree order: a district's plan (targets per
    commune), then each commune's (targets per cell).  Plans dated after
    *as_of* are not known yet and are left out.
    """
    view = dataset.known_on(as_of)
    found = tuple(admissions(view, count_by=count_by, as_of=as_of) if items is None else items)
    out: list[PlanFulfilment] = []
    for node in view.organization.walk():
        plan = select_plan(
            [p for p in view.plans if p.period.covers(year)], year, organization=node.id
        )
        if plan is not None:
            out.append(
                plan_fulfilment(view, plan, year, as_of=as_of, count_by=count_by, items=found)
            )
    return tuple(out)


# --- subtotals --------------------------------------------------------------------


class GroupBy(enum.Enum):
    """How rows are grouped for subtotals (cộng theo nhóm)."""

    LEVEL = "level"
    """By level: districts, blocs, communes, grassroots committees, cells."""
    BLOC = "bloc"
    """By the bloc a unit belongs to (Khối cơ quan, Công an…), the rest territorial."""
    KIND = "kind"
    """By kind: the organisation's sector, or the cell's kind."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return Text(f"quotas.group_by.{self.value}").vi

    @property
    def label_en(self) -> str:
        """English label."""
        return Text(f"quotas.group_by.{self.value}").en


@attrs.frozen(kw_only=True)
class Subtotal:
    """The sum of a group of rows (cộng nhóm).

    Attributes:
        by: how the rows were grouped.
        key: the group's key (an enum value, or a bloc's id).
        label: the group's name.
        units: how many rows it sums.
        bounds: the sum of their targets (None when none has one).
        achieved: the sum of their achievements (None when one is unknown).

    """

    __json__: ClassVar[tuple[str, ...]] = ("target", "percent")

    by: GroupBy
    key: str
    label: Text
    units: int
    bounds: TargetRange | None
    achieved: int | None

    @property
    def target(self) -> int | None:
        """The sum of the targets' low ends."""
        return None if self.bounds is None else self.bounds.low

    @property
    def percent(self) -> Fraction | None:
        """Exact ``100 × achieved / target``."""
        return None if self.achieved is None else percent(self.achieved, self.target)

    def display(self, lang: Language = "vi", style: PercentStyle | None = None) -> str:
        """The percentage in *style*, or "không giao chỉ tiêu"."""
        return (style or DEFAULT_STYLE).format(self.percent, lang)


def _group_of(row: UnitFulfilment, root: Organization, by: GroupBy) -> tuple[str, Text]:
    unit = row.unit
    if unit is None:
        return "?", Text("quotas.group.unknown")
    if by is GroupBy.LEVEL:
        if unit.is_cell:
            return "cell", Text("quotas.group.cells")
        assert unit.level is not None
        return unit.level.name, Text("quotas.group.level", {"level": unit.level})
    if by is GroupBy.KIND:
        if unit.is_cell:
            kind = unit.cell_kind or CellKind.OTHER
            return f"cell:{kind.name}", Text("quotas.group.cell_kind", {"kind": kind})
        k = unit.kind or OrgKind.OTHER
        return k.name, Text("quotas.group.kind", {"kind": k})
    parent = unit.parent if unit.is_cell else unit.id
    chain = [] if parent is None else [root.find(parent), *root.ancestors(parent)]
    bloc = next((o for o in chain if o is not None and o.level is OrgLevel.BLOC), None)
    if bloc is not None:
        return bloc.id, Text("quotas.group.bloc", {"name": bloc.name})
    return OrgKind.TERRITORIAL.name, Text("quotas.group.territorial")


def subtotals(
    rows: Iterable[UnitFulfilment], organization: Organization, by: GroupBy = GroupBy.LEVEL
) -> tuple[Subtotal, ...]:
    """Sum *rows* by level, by bloc or by kind, groups in order of first appearance.

    *organization* is the tree the rows' units belong to (for the blocs
    above them).  A group's target is None when no row in it has one; its
    achievement is None when any row's is unknown.

    >>> from datetime import date
    >>> from dangvien.model.org import Cell, OrgLevel
    >>> t = Organization("t", "Tỉnh", OrgLevel.PROVINCE, children=(
    ...     Organization("h", "Huyện A", OrgLevel.DISTRICT),
    ...     Organization("k", "Khối Cơ quan", OrgLevel.BLOC, kind=OrgKind.AGENCY)))
    >>> rows = [UnitFulfilment(plan="p", year=2024, as_of=date(2024, 12, 31), unit=t.unit_of(u),
    ...                        name=u, bounds=TargetRange(n, n), achieved=a,
    ...                        source=Source.REPORT) for u, n, a in (("h", 100, 80), ("k", 50, 55))]
    >>> [(s.label.vi, s.target, s.achieved) for s in subtotals(rows, t, GroupBy.BLOC)]
    [('các đơn vị theo địa giới hành chính', 100, 80), ('Khối Cơ quan', 50, 55)]
    """
    groups: dict[str, tuple[Text, list[UnitFulfilment]]] = {}
    for row in rows:
        key, label = _group_of(row, organization, by)
        groups.setdefault(key, (label, []))[1].append(row)
    out: list[Subtotal] = []
    for key, (label, members) in groups.items():
        bounds = [r.bounds for r in members if r.bounds is not None]
        total: TargetRange | None = None
        for b in bounds:
            total = b if total is None else total + b
        achieved = [r.achieved for r in members]
        out.append(
            Subtotal(
                by=by, key=key, label=label, units=len(members), bounds=total,
                achieved=None if any(a is None for a in achieved)
                else sum(a for a in achieved if a is not None),
            )
        )  # fmt: skip
    return tuple(out)


# --- plans one level down -----------------------------------------------------------


@attrs.frozen(kw_only=True)
class PlanSum:
    """A unit's allocation from above against its own plan (chỉ tiêu giao và kế hoạch cấp dưới).

    Attributes:
        plan: id of the plan giving the allocation.
        year: the year.
        unit: the unit allocated to (an organisation).
        allocated: the target the plan gives it.
        lower_plan: id of the unit's own plan covering the year; None when
            it has none.
        planned: that plan's target for the whole unit (its table's sum,
            else its headline); None when it has none.

    """

    __json__: ClassVar[tuple[str, ...]] = ("below", "above", "difference")

    plan: str
    year: int
    unit: Unit
    allocated: TargetRange
    lower_plan: str | None
    planned: TargetRange | None

    @property
    def below(self) -> bool:
        """True when the unit plans less than it is allocated (its low end below)."""
        return self.planned is not None and self.planned.low < self.allocated.low

    @property
    def above(self) -> bool:
        """True when the unit plans more than the allocation's upper end (or its exact value)."""
        top = self.allocated.high
        return self.planned is not None and top is not None and self.planned.low > top

    @property
    def difference(self) -> int | None:
        """``planned − allocated`` on the low ends; None without a lower plan."""
        return None if self.planned is None else self.planned.low - self.allocated.low


def plan_sums(
    dataset: Dataset, plan: Plan, *, years: Iterable[int] | None = None
) -> tuple[PlanSum, ...]:
    """Compare each organisation *plan* gives a target to with its own plan (per year).

    For each row naming an organisation (not a cell) and each year (the
    plan's named years, or *years*), the unit's latest plan covering the
    year, if any, and its target for the whole unit.  Cells have no plans.
    """
    org = plan_organization(dataset, plan)
    wanted = plan_years(plan) if years is None else tuple(years)
    out: list[PlanSum] = []
    for t in expand_unit_targets(plan, org, years=wanted):
        if t.unit is None or t.unit.is_cell:
            continue
        unit = t.unit
        lower = select_plan(
            [p for p in dataset.plans if p.id != plan.id and p.period.covers(t.year)],
            t.year,
            organization=unit.id,
        )
        planned = None
        if lower is not None:
            planned = plan_total(lower, plan_organization(dataset, lower), t.year)
        out.append(
            PlanSum(
                plan=plan.id, year=t.year, unit=unit, allocated=t.bounds,
                lower_plan=None if lower is None else lower.id, planned=planned,
            )
        )  # fmt: skip
    return tuple(out)
