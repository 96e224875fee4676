"""The report as a value, apart from any layout (dữ liệu của báo cáo).

A :class:`Report` is what every renderer reads and what JSON consumers get
(``dangvien report --format json``, schema ``report.schema.json``).  It is
shaped for them:

- one :class:`UnitRow` per unit the plan sets targets for (cells of a
  commune's plan, communes and blocs of a district's or a province's),
  keyed by the unit's id, with its name and level; the year's figures, the
  cumulative figures, the pipeline counts and the forecast are nested in
  the row, so no consumer joins parallel lists by id;
- :attr:`Report.total`: the same for the whole organisation reported on;
- :attr:`Report.levels`: every organisation and cell below it, each with
  its own target (its own plan's where it has one, else what the plan one
  level up allocates it) and the ``PLAN-ALLOCATION`` findings about its
  plan;
- the plan's rows summed by level, bloc and kind, its published figures
  checked, the year's new members broken down as the central forms do;
- counts per severity and per rule as mappings;
- candidates with their earliest day, a blocked flag, the rule ids still to
  do and the steps no rule times;
- the header states the as-of date and where it came from, and how
  percentages are printed (:class:`~dangvien.quotas.PercentStyle`); the
  JSON keeps them exact.

Rows name their level (:class:`UnitLevel`), so a plan that sets targets for
communes or districts instead of cells gives the same shape.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from typing import ClassVar

import attrs

from dangvien.findings import Finding, Severity
from dangvien.messages import Text
from dangvien.model.events import EventKind
from dangvien.model.org import OrgLevel
from dangvien.model.plan import CountBy, Plan
from dangvien.model.stages import Stage
from dangvien.quotas.breakdowns import Breakdown
from dangvien.quotas.claims import ClaimCheck
from dangvien.quotas.fulfilment import DEFAULT_STYLE, PercentStyle, percent
from dangvien.quotas.levels import Subtotal
from dangvien.quotas.rates import Conversion, FunnelStep
from dangvien.rules import AsOf

__all__ = [
    "CandidateRow",
    "ForecastSummary",
    "IntroductionRow",
    "LevelRow",
    "Pipeline",
    "Report",
    "RowForecast",
    "RuleSummary",
    "Tally",
    "TargetFrom",
    "Unit",
    "UnitLevel",
    "UnitRow",
]


class UnitLevel(enum.Enum):
    """The level of a unit in the report (cấp của đơn vị).

    The organisation levels of :class:`~dangvien.model.org.OrgLevel`, and the
    cell below them.
    """

    PROVINCE = "tỉnh"
    DISTRICT = "huyện"
    COMMUNE = "xã"
    BLOC = "khối"
    GRASSROOTS = "cơ sở"
    PARTIAL = "bộ phận"
    CELL = "chi bộ"

    @classmethod
    def of(cls, level: OrgLevel) -> UnitLevel:
        """The report level of an organisation level (same member name)."""
        return cls[level.name]

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return Text(f"report.level.{self.name.lower()}").vi

    @property
    def label_en(self) -> str:
        """English label."""
        return Text(f"report.level.{self.name.lower()}").en


@attrs.frozen(kw_only=True)
class Unit:
    """A unit named in the report: its id, name and level (đơn vị).

    Attributes:
        id: the unit's id in the dataset.
        name: its name.
        level: its level.
    """

    id: str
    name: str
    level: UnitLevel


@attrs.frozen(kw_only=True)
class Tally:
    """A target beside the admissions over a span of years (chỉ tiêu và kết quả).

    Attributes:
        first_year: the span's first year.
        last_year: its last year (the same for one year).
        target: the target; None when the plan sets none.
        admitted: the admissions counted.
        percent: ``100 · admitted / target`` exactly; None without a target
            or for a target of 0.
    """

    first_year: int
    last_year: int
    target: int | None
    admitted: int
    percent: Fraction | None

    @classmethod
    def of(cls, first_year: int, last_year: int, target: int | None, admitted: int) -> Tally:
        """Build a tally, computing the exact percentage."""
        return cls(
            first_year=first_year,
            last_year=last_year,
            target=target,
            admitted=admitted,
            percent=percent(admitted, target),
        )


@attrs.frozen(kw_only=True)
class Pipeline:
    """People per stage of the path to membership on the as-of date (nguồn kết nạp).

    Attributes:
        stages: people per stage, every stage from outstanding to official
            (zeros kept), in the order of the path.
        candidates: people who may still be admitted (outstanding, sympathizer,
            applicant, proposed by the cell).
    """

    stages: Mapping[Stage, int]
    candidates: int

    def count(self, stage: Stage) -> int:
        """How many people held *stage*."""
        return self.stages.get(stage, 0)


@attrs.frozen(kw_only=True)
class RowForecast:
    """A unit's year-end forecast (dự báo đến 31/12).

    Attributes:
        admitted: admissions counted so far in the year.
        ready: candidates whose earliest admission day falls before
            31 December with nothing left to do.
        possible: candidates not blocked who could make it once their
            remaining steps are taken.
        expected: further admissions expected (``ready``, or the candidates
            weighted by their stage's conversion rate when scaled).
        forecast: ``admitted + expected``.
        percent: the forecast as an exact percentage of the target.
        shortfall: what the units below target lack in all (each unit's
            ``target − ⌊forecast⌋`` when positive).
        next_target: the plan's target for the next year, if any.
        carried: the shortfall carried into the next year.
        next_total: the next year's target with the carried shortfall.
    """

    admitted: int
    ready: int
    possible: int
    expected: Fraction
    forecast: Fraction
    percent: Fraction | None
    shortfall: int
    next_target: int | None
    carried: int
    next_total: int | None


@attrs.frozen(kw_only=True)
class UnitRow:
    """One unit's line of the report (một dòng của bảng).

    Attributes:
        unit: the unit's id; None for a plan row naming no known unit.
        name: the unit's name (the printed name for an unknown one).
        level: the unit's level.
        printed: the name as the plan prints it, when it differs.
        parent: the id of the organisation above it.
        depth: 0 for the root of the tree, 1 below it, …
        year: the year's target and admissions.
        cumulative: the plan's years so far (None without a plan).
        pipeline: people per stage on the as-of date.
        forecast: the year-end forecast (None for an unknown unit).
    """

    unit: str | None
    name: str
    level: UnitLevel
    printed: str | None
    parent: str | None
    depth: int
    year: Tally
    cumulative: Tally | None
    pipeline: Pipeline
    forecast: RowForecast | None


class TargetFrom(enum.Enum):
    """Where a unit's own target comes from (chỉ tiêu lấy từ đâu)."""

    OWN_PLAN = "own_plan"
    """The unit's own plan: its table's sum, else its headline (kế hoạch của đơn vị)."""
    ALLOCATION = "allocation"
    """What the plan one level up allocates it (chỉ tiêu cấp trên giao)."""
    NONE = "none"
    """Neither: no target."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return Text(f"report_levels.target_from.{self.value}").vi

    @property
    def label_en(self) -> str:
        """English label."""
        return Text(f"report_levels.target_from.{self.value}").en


@attrs.frozen(kw_only=True)
class LevelRow:
    """One organisation or cell at its level, against its own target (kết quả theo cấp).

    Attributes:
        unit: the unit's id.
        name: its name.
        level: its level.
        parent: the id of the organisation above it (None for the
            organisation reported on).
        depth: 0 for the organisation reported on, 1 below it, …
        allocated: the target the nearest plan above gives it (the low end
            of a range); None when no plan above names it.
        allocated_by: the id of that plan.
        planned: its own plan's target for the whole unit (its table's sum,
            else its headline); None without a plan of its own (cells have
            none).
        plan: the id of its own plan.
        admitted: the year's admissions counted through its cells.
        findings: the ``PLAN-ALLOCATION`` findings about its own plan that
            cover the year: a plan below its allocation (a warning), above
            it (information), or plans one level down adding up to less
            than its own total.

    """

    __json__: ClassVar[tuple[str, ...]] = ("target", "target_from", "percent")

    unit: str
    name: str
    level: UnitLevel
    parent: str | None
    depth: int
    allocated: int | None
    allocated_by: str | None
    planned: int | None
    plan: str | None
    admitted: int
    findings: tuple[Finding, ...] = ()

    @property
    def target(self) -> int | None:
        """The unit's own target: its plan's, else its allocation, else None."""
        return self.planned if self.planned is not None else self.allocated

    @property
    def target_from(self) -> TargetFrom:
        """Where :attr:`target` comes from."""
        if self.planned is not None:
            return TargetFrom.OWN_PLAN
        return TargetFrom.NONE if self.allocated is None else TargetFrom.ALLOCATION

    @property
    def percent(self) -> Fraction | None:
        """Exact ``100 · admitted / target``; None without a positive target."""
        return percent(self.admitted, self.target)


@attrs.frozen(kw_only=True)
class IntroductionRow:
    """A mass organisation's introductions against its quota (giới thiệu quần chúng).

    Attributes:
        organization: its id; None for a plan row naming no known one.
        name: its name.
        printed: the name as the plan prints it, when it differs.
        target: its quota for the year; None when none is set.
        introduced: people it introduced in the year.
        percent: the exact percentage of the quota.
    """

    organization: str | None
    name: str
    printed: str | None
    target: int | None
    introduced: int
    percent: Fraction | None


@attrs.frozen(kw_only=True)
class CandidateRow:
    """A person in the pipeline and their earliest admission (người trong nguồn).

    Attributes:
        person: the person's id.
        name: their name.
        unit: the unit managing them on the as-of date.
        stage: their stage on the as-of date.
        earliest: the earliest day the cell may vote on the admission; None
            when blocked.
        blocked: True when a condition cannot be met according to the data.
        ready: True when nothing is left to do and nothing blocks.
        todo: the ids of the admission rules whose step is still to take.
        warnings: the ids of the rules whose condition is to verify.
        steps: steps of the procedure no rule times, still to take.
    """

    person: str
    name: str
    unit: str | None
    stage: Stage
    earliest: date | None
    blocked: bool
    ready: bool
    todo: tuple[str, ...]
    warnings: tuple[str, ...]
    steps: tuple[EventKind, ...]


@attrs.frozen(kw_only=True)
class ForecastSummary:
    """The year-end forecast over all units (dự báo chung).

    Attributes:
        year: the year forecast.
        scaled: candidates weighted by their stage's conversion rate.
        carry_over: shortfalls carried into the next year.
        target: the units' targets summed (None when none is set).
        admitted: admissions counted so far.
        forecast: the forecast total.
        percent: the forecast as an exact percentage of the target.
        shortfall: the units' shortfalls summed.
    """

    year: int
    scaled: bool
    carry_over: bool
    target: int | None
    admitted: int
    forecast: Fraction
    percent: Fraction | None
    shortfall: int


@attrs.frozen(kw_only=True)
class RuleSummary:
    """The rule checks' findings, counted (tổng hợp kiểm tra theo quy định).

    Attributes:
        counts: findings per severity (every severity, zeros kept).
        by_rule: findings per rule id, sorted by id.
        findings: the findings themselves, by subject, then date, then rule.
    """

    counts: Mapping[Severity, int]
    by_rule: Mapping[str, int]
    findings: tuple[Finding, ...]


@attrs.frozen(kw_only=True)
class Report:
    """A plan-fulfilment report for one year (báo cáo thực hiện kế hoạch).

    Attributes:
        as_of: the as-of date and where it came from; events after it are
            not counted.
        style: how percentages are printed (decimals and rounding); every
            value stays exact.
        organization: the organisation reported on (the plan's).
        superior: the organisation above it on the as-of date, if any.
        plan: the plan measured against, if any.
        year: the year.
        count_by: which date places an admission in a year.
        rows: one row per unit the plan names, in tree order, then the
            units directly below left without a target, then the printed
            names matching no unit.  Without a plan, the units directly
            below the organisation.
        total: the organisation's own row: the plan's target for the whole
            (its table's sum, else its headline) against every admission
            below it.
        levels: the organisation and every organisation and cell below it,
            in tree order, each against its own target.
        subtotals: the plan's rows summed by level, by bloc and by kind.
        unplaced: people in the pipeline managed by no cell of the tree
            (None when there are none, or when reporting on a part of it).
        introductions: each mass organisation's introductions in *year*:
            those of the organisation itself, those the plan gives a quota,
            and the quotas naming none.
        plan_findings: the plan checks' findings.
        claims: the figures the plan and its reports publish, computed and
            compared.
        breakdowns: the year's new members broken down, for the
            organisation and each unit the plan names.
        candidates: the people in the pipeline, earliest admission first.
        rates: conversion of each candidate stage to admission within a year.
        funnel: the sympathizers of the history years followed to membership.
        history: the first and last year the rates and the funnel cover.
        forecast: the year-end forecast over all units.
        rules: the rule checks' findings, counted.
        counted: False when the dataset has no register (a plan entered
            alone): admissions, the pipeline and the forecast are then not
            counted, and their zeros mean nothing; the published figures
            (``claims``) still are.
    """

    __json__: ClassVar[tuple[str, ...]] = ("target", "admitted", "percent")

    as_of: AsOf
    style: PercentStyle = DEFAULT_STYLE
    organization: Unit
    superior: Unit | None
    plan: Plan | None
    year: int
    count_by: CountBy
    rows: tuple[UnitRow, ...]
    total: UnitRow
    levels: tuple[LevelRow, ...]
    subtotals: tuple[Subtotal, ...]
    unplaced: Pipeline | None
    introductions: tuple[IntroductionRow, ...]
    plan_findings: tuple[Finding, ...]
    claims: tuple[ClaimCheck, ...]
    breakdowns: tuple[Breakdown, ...]
    candidates: tuple[CandidateRow, ...]
    rates: tuple[Conversion, ...]
    funnel: tuple[FunnelStep, ...]
    history: tuple[int, int]
    forecast: ForecastSummary
    rules: RuleSummary
    counted: bool = True

    @property
    def target(self) -> int | None:
        """The year's target for the whole organisation (None when none is set)."""
        return self.total.year.target

    @property
    def admitted(self) -> int:
        """The year's admissions in the whole organisation."""
        return self.total.year.admitted

    @property
    def percent(self) -> Fraction | None:
        """The year's admissions as an exact percentage of the target."""
        return percent(self.admitted, self.target)

    @property
    def table_sum(self) -> int | None:
        """The rows' targets added up (None when no row has one)."""
        ts = [r.year.target for r in self.rows if r.year.target is not None]
        return sum(ts) if ts else None

    def row(self, unit: str) -> UnitRow | None:
        """Return the row of *unit* (a unit row, or the organisation's total), if any."""
        return next((r for r in (*self.rows, self.total) if r.unit == unit), None)

    def level(self, unit: str) -> LevelRow | None:
        """Return the levels row of *unit* (an organisation or a cell), if any."""
        return next((r for r in self.levels if r.unit == unit), None)
