"""Targets stated as percentages, measured (chỉ tiêu tỷ lệ).

A plan may set rates instead of, or beside, counts
(:class:`~dangvien.model.plan.RateTarget`):

- **new members as a share of members** ("kết nạp đảng viên mới đạt 3 – 4%
  tổng số đảng viên"): the year's admissions (up to the as-of date) over the
  party members, probationary and official, at the end of the year before.
  From the register when there is one; else from the latest report of the
  year (its row's ``admitted`` and ``members``) or the organisation's stated
  counts (:class:`~dangvien.model.org.OrgStatistics`).
- **the share of hamlet heads, or of mass-organisation branch leaders, who
  are members**: the register does not hold these offices, so the figures of
  the latest report of the year are used (``hamlet_heads`` and
  ``hamlet_heads_members``, ``branch_leaders`` and ``branch_leaders_members``).

A rate is met at its low end.  Percentages are exact fractions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from typing import ClassVar

import attrs

from dangvien.findings import Language
from dangvien.model.org import Organization, Unit
from dangvien.model.plan import CountBy, Plan, RateMeasure, RateTarget, read_decimal
from dangvien.model.register import Dataset
from dangvien.quotas.counting import members_by_cell
from dangvien.quotas.fulfilment import DEFAULT_STYLE, Admission, PercentStyle, admissions, percent
from dangvien.quotas.levels import (
    Source,
    admissions_by_unit,
    latest_report,
    report_result,
    report_total,
)
from dangvien.quotas.targets import plan_organization, resolve_unit

__all__ = ["RateFulfilment", "rate_fulfilment"]


@attrs.frozen(kw_only=True)
class RateFulfilment:
    """A rate target against the rate reached (kết quả chỉ tiêu tỷ lệ).

    Attributes:
        plan: id of the plan.
        year: the year.
        as_of: the day the figures run to.
        measure: what is measured.
        unit: the unit; None when the printed name matches no unit.
        name: the unit's name (the printed text when unresolved).
        printed: the name printed, if the row names a unit.
        low: the lowest percentage targeted (exact).
        high: the highest, for a range.
        numerator: admissions, or office holders who are members.
        denominator: members at the end of the year before, or office holders.
        source: where the figures come from.

    """

    __json__: ClassVar[tuple[str, ...]] = ("percent", "met")

    plan: str
    year: int
    as_of: date
    measure: RateMeasure
    unit: Unit | None
    name: str
    printed: str | None = None
    low: Fraction
    high: Fraction | None = None
    numerator: int | None
    denominator: int | None
    source: Source

    @property
    def percent(self) -> Fraction | None:
        """Exact ``100 × numerator / denominator``; None when either is unknown or 0."""
        return None if self.numerator is None else percent(self.numerator, self.denominator)

    @property
    def met(self) -> bool | None:
        """Whether the rate reaches the target's low end; None when unknown."""
        p = self.percent
        return None if p is None else p >= self.low

    def display(self, lang: Language = "vi", style: PercentStyle | None = None) -> str:
        """The rate reached in *style*, or "không giao chỉ tiêu" when unknown."""
        return (style or DEFAULT_STYLE).format(self.percent, lang)


def _rows(plan: Plan, year: int) -> list[RateTarget]:
    """The rate rows applying to *year*: a row for the year replaces the every-year row."""
    specific = {(r.measure, r.unit) for r in plan.rate_targets if r.year == year}
    return [
        r
        for r in plan.rate_targets
        if r.year == year or (r.year is None and (r.measure, r.unit) not in specific)
    ]


def _stated_members(org: Organization, unit: Unit, on: date) -> int | None:
    node = org.find(unit.id) if not unit.is_cell else None
    if node is None:
        return None
    known = [s for s in node.statistics if s.on <= on and s.members is not None]
    return max(known, key=lambda s: s.on).members if known else None


def rate_fulfilment(
    dataset: Dataset,
    plan: Plan,
    year: int,
    *,
    as_of: date,
    count_by: CountBy = CountBy.DECISION,
    items: Sequence[Admission] | None = None,
) -> tuple[RateFulfilment, ...]:
    """Measure each of *plan*'s rate targets for *year*, in the plan's order."""
    org = plan_organization(dataset, plan)
    own = org.unit_of(org.id)
    assert own is not None
    report = latest_report(plan, year, as_of)
    start = date(year - 1, 12, 31)
    counted: dict[tuple[bool, str], int] = {}
    members = None
    if dataset.records:
        found = admissions(dataset, count_by=count_by, as_of=as_of) if items is None else items
        counted = admissions_by_unit(org, [a for a in found if a.date <= as_of], year)
        members = members_by_cell(dataset, start)
    out: list[RateFulfilment] = []
    for row in _rows(plan, year):
        unit: Unit | None = own
        if row.unit is not None:
            unit = resolve_unit(org, row.unit).match
        low = read_decimal(row.low)[0]
        high = None if row.high is None else read_decimal(row.high)[0]
        num: int | None = None
        den: int | None = None
        source, day = Source.NONE, as_of
        result = None
        if report is not None and unit is not None:
            is_own = not unit.is_cell and unit.id == org.id
            result = report_result(report, org, None if is_own else unit)
        if unit is None:
            pass
        elif row.measure is RateMeasure.ADMISSIONS_PER_MEMBERS:
            if members is not None:
                cells = org.cells_under(unit.id, is_cell=unit.is_cell)
                num = counted.get((unit.is_cell, unit.id), 0)
                den = sum(members[c.id] for c in cells)
                source = Source.REGISTER
            elif report is not None:
                is_own = not unit.is_cell and unit.id == org.id
                if is_own:
                    num = report_total(report, org)
                elif result is not None:
                    num = result.admitted
                den = result.members if result is not None else None
                if den is None:
                    den = _stated_members(org, unit, start)
                source, day = Source.REPORT, report.as_of
        elif result is not None and report is not None:
            if row.measure is RateMeasure.HAMLET_HEADS:
                num, den = result.hamlet_heads_members, result.hamlet_heads
            else:
                num, den = result.branch_leaders_members, result.branch_leaders
            source, day = Source.REPORT, report.as_of
        out.append(
            RateFulfilment(
                plan=plan.id,
                year=year,
                as_of=day,
                measure=row.measure,
                unit=unit,
                name=(row.unit or "") if unit is None else unit.name,
                printed=row.unit,
                low=low,
                high=high,
                numerator=num,
                denominator=den,
                source=source,
            )
        )
    return tuple(out)
