"""Published figures checked (kiểm tra số liệu công bố).

Plans recount their past results and reports publish theirs: "kết nạp được
1.480 đảng viên, đạt 74,38% chỉ tiêu", "4 đơn vị đạt trên 50%", "tổng chỉ
tiêu 2.000", "trên 290 đảng viên".  Each is transcribed as a
:class:`~dangvien.model.plan.Claim`; :func:`claim_checks` computes each
number and says whether the document's agrees.  The plan rules
``PLAN-CLAIM-COUNT``, ``PLAN-CLAIM-PERCENT``, ``PLAN-CLAIM-UNITS`` and
``PLAN-CLAIM-TARGET`` turn the disagreements into findings.

What is computed:

- **a count** ("kết nạp được N", "trên N"): the admissions of the unit
  (the whole organisation unless the claim names one) in the claim's years,
  up to the report's as-of date (a plan's claims: up to 31 December of the
  year, and not after the plan's date).  From the register when the dataset
  has one; for a report without a register, from the report's own table.
  A strict bound ("trên 290") agrees with any count above it.
- **a percentage** ("đạt 74,38%"): admissions over the target, the admissions
  being the claim's own count when it states one (the sentence's arithmetic),
  else the computed count.  It agrees when the exact percentage, rounded to
  the decimals printed, gives the printed value, by the document's rounding
  when known (``rounding``), else by any of half up, half to even and
  truncation.
- **units above a percentage** ("4 đơn vị đạt trên 50%"): among the units the
  plan's table gives a positive target for the year, those whose percentage
  is above the threshold (or at least it, ``inclusive``).
- **a target** ("tổng chỉ tiêu 2.000"): the table's sum for the unit and the
  years (a range agrees with any number inside it).

A figure that cannot be computed (no register and no table, no target) is
not judged: its check carries ``agrees=None``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from datetime import date
from fractions import Fraction

import attrs

from dangvien.messages import Text
from dangvien.model.org import Organization, Unit
from dangvien.model.plan import (
    Claim,
    CountBy,
    Plan,
    ResultReport,
    Rounding,
    TargetRange,
    read_decimal,
)
from dangvien.model.register import Dataset
from dangvien.quotas.fulfilment import Admission, Percent, admissions, round_decimal
from dangvien.quotas.levels import Source, report_result, report_total
from dangvien.quotas.targets import expand_unit_targets, plan_organization, plan_total, resolve_unit

__all__ = ["ClaimCheck", "ClaimKind", "claim_checks", "document_name"]


class ClaimKind(enum.Enum):
    """Which number of a claim is checked (loại số liệu)."""

    COUNT = "count"
    """Số kết nạp (a count, or a strict lower bound)."""
    PERCENT = "percent"
    """Tỷ lệ đạt chỉ tiêu (a percentage of the target)."""
    UNITS = "units"
    """Số đơn vị đạt trên một tỷ lệ (units above a percentage)."""
    TARGET = "target"
    """Tổng chỉ tiêu (a total of targets)."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return Text(f"quotas.claim_kind.{self.value}").vi

    @property
    def label_en(self) -> str:
        """English label."""
        return Text(f"quotas.claim_kind.{self.value}").en


@attrs.frozen(kw_only=True)
class ClaimCheck:
    """One published number against dangvien's (kiểm tra một số liệu công bố).

    Attributes:
        plan: id of the plan.
        where: the document stating it (the plan or one of its reports).
        claim: the claim as transcribed.
        kind: which of its numbers is checked.
        unit: the unit the claim is about (the plan's organisation when it
            names none).
        first_year: first year of the figure.
        year: last year of the figure.
        as_of: the day the figure runs to.
        stated: the number printed (a count, a number of units, a target or
            a :class:`~dangvien.quotas.fulfilment.Percent`).
        computed: dangvien's number (same kind); None when it cannot be
            computed.
        agrees: True or False; None when not computable.
        source: where the admissions counted come from.
        admitted: the admissions the percentage uses (percent and units).
        target: the target the percentage uses.

    """

    plan: str
    where: Text
    claim: Claim
    kind: ClaimKind
    unit: Unit
    first_year: int
    year: int
    as_of: date
    stated: int | Percent
    computed: int | Percent | None
    agrees: bool | None
    source: Source
    admitted: int | None = None
    target: int | None = None


def document_name(plan: Plan, report: ResultReport | None = None) -> Text:
    """The name a finding gives the plan, or one of its reports."""
    if report is None:
        return Text("plan.name", {"number": plan.number, "date": plan.date})
    if report.number:
        return Text("quotas.report.name", {"number": report.number, "date": report.date})
    return Text("quotas.report.unnumbered", {"date": report.date})


@attrs.frozen
class _Scope:
    """What one document's claims are computed against."""

    dataset: Dataset
    plan: Plan
    org: Organization
    report: ResultReport | None
    items: Sequence[Admission]
    as_of: date

    def years(self, claim: Claim) -> tuple[int, int]:
        last = claim.year
        if last is None:
            last = self.report.year if self.report else self.plan.period.first_year - 1
        return (claim.first_year if claim.first_year is not None else last), last

    def until(self, last: int) -> date:
        end = min(date(last, 12, 31), self.as_of)
        if self.report is not None:
            return min(end, self.report.as_of)
        return min(end, self.plan.date)

    def counted(self, unit: Unit, first: int, last: int, until: date) -> tuple[int | None, Source]:
        """Admissions of *unit* in first…last up to *until*, and where they come from."""
        if self.dataset.records:
            cells = {c.id for c in self.org.cells_under(unit.id, is_cell=unit.is_cell)}
            n = sum(
                1 for a in self.items
                if a.cell in cells and first <= a.year <= last and a.date <= until
            )  # fmt: skip
            return n, Source.REGISTER
        report = self.report
        if report is not None and first == last == report.year and report.results:
            if not unit.is_cell and unit.id == self.org.id:
                return report_total(report, self.org), Source.REPORT
            row = report_result(report, self.org, unit)
            if row is not None:
                return row.admitted, Source.REPORT
        return None, Source.NONE

    def target(self, unit: Unit, first: int, last: int) -> TargetRange | None:
        """The plan's target for *unit* summed over first…last; None if a year has none."""
        total: TargetRange | None = None
        for y in range(first, last + 1):
            if not unit.is_cell and unit.id == self.org.id:
                t = plan_total(self.plan, self.org, y)
            else:
                found = [
                    r.bounds for r in expand_unit_targets(self.plan, self.org, years=[y])
                    if r.unit is not None and (r.unit.is_cell, r.unit.id) == (unit.is_cell, unit.id)
                ]  # fmt: skip
                t = found[0] if found else None
            if t is None:
                return None
            total = t if total is None else total + t
        return total

    def rounding(self) -> Rounding | None:
        if self.report is not None and self.report.rounding is not None:
            return self.report.rounding
        return self.plan.rounding


def _percent_agrees(
    exact: Fraction, value: Fraction, places: int, rounding: Rounding | None
) -> tuple[bool, Rounding]:
    """Whether *exact* prints as *value*; the rounding that matched (or the one shown)."""
    modes = [rounding] if rounding is not None else list(Rounding)
    for mode in modes:
        if round_decimal(exact, places, mode) == value:
            return True, mode
    return False, modes[0]


def _checks(scope: _Scope, claim: Claim, where: Text) -> Iterable[ClaimCheck]:
    own = scope.org.unit_of(scope.org.id)
    assert own is not None
    unit = own
    if claim.unit is not None:
        found = resolve_unit(scope.org, claim.unit).match
        if found is None:
            return  # PLAN-UNKNOWN-CELL reports the name
        unit = found
    first, last = scope.years(claim)
    until = scope.until(last)
    counted, source = scope.counted(unit, first, last, until)

    def check(
        kind: ClaimKind,
        stated: int | Percent,
        computed: int | Percent | None,
        agrees: bool | None,
        admitted: int | None = None,
        target: int | None = None,
    ) -> ClaimCheck:
        return ClaimCheck(
            plan=scope.plan.id, where=where, claim=claim, kind=kind, unit=unit,
            first_year=first, year=last, as_of=until, stated=stated, computed=computed,
            agrees=agrees, source=source, admitted=admitted, target=target,
        )  # fmt: skip

    if claim.admitted is not None:
        agrees = None
        if counted is not None:
            agrees = counted > claim.admitted if claim.above else counted == claim.admitted
        yield check(ClaimKind.COUNT, claim.admitted, counted, agrees)
    target = scope.target(unit, first, last)
    if claim.percent is not None:
        value, places = read_decimal(claim.percent)
        basis = claim.admitted if claim.admitted is not None and not claim.above else counted
        wanted = scope.rounding()
        shown = wanted or Rounding.HALF_UP
        computed: Percent | None = None
        agrees = None
        if basis is not None and target is not None and target.low:
            exact = Fraction(basis * 100, target.low)
            agrees, shown = _percent_agrees(exact, value, places, wanted)
            computed = Percent(exact, places, shown)
        yield check(
            ClaimKind.PERCENT, Percent(value, places, shown), computed, agrees, basis,
            None if target is None else target.low,
        )  # fmt: skip
    if claim.target is not None:
        agrees = None
        if target is not None:
            agrees = target.low <= claim.target and (
                target.high is None or claim.target <= target.high
            )
        yield check(ClaimKind.TARGET, claim.target, None if target is None else target.low, agrees)
    if claim.units is not None and claim.threshold is not None:
        above = _units_above(scope, claim.threshold, claim.inclusive, first, last, until)
        agrees = None if above is None else above == claim.units
        yield check(ClaimKind.UNITS, claim.units, above, agrees)


def _units_above(
    scope: _Scope, threshold_text: str, inclusive: bool, first: int, last: int, until: date
) -> int | None:
    """How many of the plan's targeted units are above the threshold; None when unknown."""
    threshold, _places = read_decimal(threshold_text)
    rows = [
        r for r in expand_unit_targets(scope.plan, scope.org, years=[last])
        if r.unit is not None and r.bounds.low
    ]  # fmt: skip
    if not rows:
        return None
    above = 0
    for r in rows:
        assert r.unit is not None
        target = scope.target(r.unit, first, last)
        n, _ = scope.counted(r.unit, first, last, until)
        if n is None or target is None or not target.low:
            return None
        pct = Fraction(n * 100, target.low)
        if pct > threshold or (inclusive and pct == threshold):
            above += 1
    return above


def claim_checks(
    dataset: Dataset,
    plan: Plan,
    *,
    as_of: date,
    count_by: CountBy = CountBy.DECISION,
    items: Sequence[Admission] | None = None,
) -> tuple[ClaimCheck, ...]:
    """Check every figure *plan* and its reports (dated up to *as_of*) state about themselves.

    Returns:
        One check per number stated, in document order: the plan's claims,
        then each report's; a claim naming an unknown unit gives none.

    """
    org = plan_organization(dataset, plan)
    found = admissions(dataset, count_by=count_by, as_of=as_of) if items is None else items
    out: list[ClaimCheck] = []
    scope = _Scope(dataset, plan, org, None, found, as_of)
    for claim in plan.claims:
        out.extend(_checks(scope, claim, document_name(plan)))
    for report in plan.reports:
        if report.date > as_of:
            continue
        rscope = _Scope(dataset, plan, org, report, found, as_of)
        for claim in report.claims:
            out.extend(_checks(rscope, claim, document_name(plan, report)))
    return tuple(out)
