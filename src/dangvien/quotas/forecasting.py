"""Year-end forecast and re-apportionment (dự báo cuối năm, phân bổ lại chỉ tiêu).

**Forecast** (:func:`forecast`): a cell's year-end admissions are those
counted so far plus its *ready* candidates, whose earliest admission day
(:func:`~dangvien.rules.eligibility.earliest_admission`, the admission rules'
own answer) falls before 31 December with nothing left to do, each counted
as 1 or, with ``scale=True``, as the conversion rate of their current stage
to admission within one year over the :data:`DEFAULT_HISTORY_YEARS` years
before.  Candidates who could be admitted in the year once their remaining
steps are taken are counted apart (``possible``).  A forecast made on
31 December is the count.  The shortfall is the target minus the whole
admissions forecast (the forecast rounded down); with ``carry_over=True`` it
is added to the next year's target.

**Re-apportionment** (:func:`reapportion`): a commune total is shared over
the cells with :func:`~dangvien.quotas.allocation.allocate`, weighted by
official members, pipeline size or the plan's own targets, each cell capped
by what it can admit in the year at best (admitted so far plus every
candidate who could be admitted by 31 December).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction
from typing import ClassVar

import attrs

from dangvien.findings import Language
from dangvien.model.org import Organization
from dangvien.model.plan import CountBy, Plan
from dangvien.model.register import Dataset
from dangvien.model.stages import Stage
from dangvien.parameters import Parameters
from dangvien.quotas.allocation import Allocation, Method, allocate
from dangvien.quotas.counting import official_members, stage_counts
from dangvien.quotas.fulfilment import (
    DEFAULT_STYLE,
    Admission,
    PercentStyle,
    admission_counts,
    admissions,
    percent,
)
from dangvien.quotas.rates import Conversion, conversion_rates
from dangvien.quotas.targets import expand_targets, plan_organization, select_plan
from dangvien.rules._context import resolve_as_of
from dangvien.rules.eligibility import Candidate, candidates, pipeline_context

__all__ = [
    "DEFAULT_HISTORY_YEARS",
    "CellForecast",
    "Forecast",
    "WeightBy",
    "forecast",
    "reapportion",
]

#: Years of history the forecast's conversion rates are taken from (an
#: analysis choice, not a legal number).
DEFAULT_HISTORY_YEARS = 5


@attrs.frozen(kw_only=True)
class CellForecast:
    """A cell's year-end forecast (dự báo kết quả cuối năm của chi bộ).

    Attributes:
        cell: the cell's id.
        name: its name.
        year: the year forecast.
        target: its target; None when the plan sets none.
        admitted: admissions counted so far in the year.
        ready: candidates whose earliest admission day falls before
            31 December with nothing left to do.
        possible: candidates not blocked whose earliest day falls before
            31 December but who still have steps to take.
        expected: further admissions expected: ``ready`` unscaled, else the
            sum of their stages' conversion rates.
        next_target: the plan's target for the next year (None if the plan
            does not cover it or sets none).
        carried: the shortfall added to the next year (0 unless carried).

    """

    __json__: ClassVar[tuple[str, ...]] = ("forecast", "percent", "shortfall", "next_total")

    cell: str
    name: str
    year: int
    target: int | None
    admitted: int
    ready: int
    expected: Fraction
    possible: int = 0
    next_target: int | None = None
    carried: int = 0

    @property
    def forecast(self) -> Fraction:
        """Admissions expected by 31 December: ``admitted + expected``."""
        return self.admitted + self.expected

    @property
    def percent(self) -> Fraction | None:
        """The forecast as an exact percentage of the target (None without a target)."""
        return percent(self.forecast, self.target)

    @property
    def shortfall(self) -> int:
        """``target − ⌊forecast⌋`` when positive, else 0."""
        return max(0, (self.target or 0) - math.floor(self.forecast))

    @property
    def next_total(self) -> int | None:
        """The next year's target with the carried shortfall (None when neither exists)."""
        if self.next_target is None and not self.carried:
            return None
        return (self.next_target or 0) + self.carried

    def display(self, lang: Language = "vi", style: PercentStyle | None = None) -> str:
        """The forecast percentage in *style* (default one decimal, half up), or "no target"."""
        return (style or DEFAULT_STYLE).format(self.percent, lang)


@attrs.frozen(kw_only=True)
class Forecast:
    """A year-end forecast of every cell (dự báo cuối năm).

    Attributes:
        year: the year.
        as_of: the as-of date.
        count_by: which date places an admission in a year.
        scaled: True when candidates count at their stage's conversion rate.
        carry_over: True when shortfalls were carried into the next year.
        rates: the conversion rates used (empty when unscaled).
        cells: one row per cell.

    """

    __json__: ClassVar[tuple[str, ...]] = ("target", "admitted", "total", "shortfall")

    year: int
    as_of: date
    count_by: CountBy
    scaled: bool
    carry_over: bool
    rates: tuple[Conversion, ...]
    cells: tuple[CellForecast, ...]

    @property
    def target(self) -> int | None:
        """The sum of the cells' targets (None when no cell has one)."""
        ts = [c.target for c in self.cells if c.target is not None]
        return sum(ts) if ts else None

    @property
    def admitted(self) -> int:
        """Admissions counted so far."""
        return sum(c.admitted for c in self.cells)

    @property
    def total(self) -> Fraction:
        """The forecast total."""
        return sum((c.forecast for c in self.cells), Fraction(0))

    @property
    def shortfall(self) -> int:
        """The sum of the cells' shortfalls."""
        return sum(c.shortfall for c in self.cells)


def forecast(
    dataset: Dataset,
    year: int,
    *,
    plan: Plan | None = None,
    organization: Organization | None = None,
    as_of: date | None = None,
    count_by: CountBy = CountBy.DECISION,
    scale: bool = False,
    carry_over: bool = False,
    within_years: int = 1,
    history_years: int = DEFAULT_HISTORY_YEARS,
    params: Parameters | None = None,
    found: Iterable[Candidate] | None = None,
    items: Iterable[Admission] | None = None,
) -> Forecast:
    """Forecast each cell's admissions by 31 December of *year*.

    Args:
        dataset: the dataset.
        year: the year.
        plan: the plan giving the targets (default: the latest covering
            *year*); its organisation's cells are forecast.
        organization: forecast these cells instead (an organisation of
            the tree, whole or without a plan of its own).
        as_of: the as-of date (default: today in Vietnam).  Admissions are
            counted up to it and candidates taken as they stand on it.
        count_by: which date places an admission in a year.
        scale: count each ready candidate at their stage's conversion rate
            to admission within *within_years* years, measured over the
            *history_years* years before *year* (at 1 when that stage has no
            history).
        carry_over: add each cell's shortfall to its next year's target.
        within_years: the conversion window for scaling.
        history_years: how many years of history the rates use.
        params: the legal parameters.
        found: precomputed :func:`candidates` on *as_of*.
        items: precomputed :func:`~dangvien.quotas.fulfilment.admissions`.

    Returns:
        The forecast; made on or after 31 December it equals the count.

    """
    as_of = resolve_as_of(dataset, as_of).date
    if organization is None:
        plan = plan or select_plan(dataset.plans, year)
    org = organization or (
        dataset.organization if plan is None else plan_organization(dataset, plan)
    )
    year_end = date(year, 12, 31)
    got = admissions(dataset, count_by=count_by, as_of=as_of) if items is None else tuple(items)
    counts = admission_counts(got, [year])
    pool = (
        candidates(
            pipeline_context(dataset, as_of, params=params),
            organization=org,
            include_admitted=count_by is CountBy.CEREMONY,
        )
        if found is None
        else tuple(found)
    )
    rates: dict[Stage, Conversion] = {}
    if scale:
        history = range(year - history_years, year)
        rates = conversion_rates(dataset, years=history, as_of=as_of, within_years=within_years)
    ready: dict[str | None, list[Candidate]] = {}
    possible: dict[str | None, list[Candidate]] = {}
    for c in pool:
        if c.ready_before(year_end):
            ready.setdefault(c.cell, []).append(c)
        elif c.earliest is not None and c.earliest < year_end:
            possible.setdefault(c.cell, []).append(c)

    def weight(c: Candidate) -> Fraction:
        rate = rates[c.stage].rate if c.stage in rates else None
        return Fraction(1) if rate is None else rate

    this = {} if plan is None else _targets(plan, org, year)
    nxt = {} if plan is None else _targets(plan, org, year + 1)
    rows: list[CellForecast] = []
    for cell in org.all_cells():
        mine = ready.get(cell.id, [])
        row = CellForecast(
            cell=cell.id,
            name=cell.name,
            year=year,
            target=this.get(cell.id),
            admitted=counts[(cell.id, year)],
            ready=len(mine),
            possible=len(possible.get(cell.id, [])),
            # Unscaled, only the ready count; scaled, everyone who could make it
            # counts at their stage's rate, which already prices the steps left.
            expected=sum(
                (weight(c) for c in (mine + possible.get(cell.id, []) if scale else mine)),
                Fraction(0),
            ),
            next_target=nxt.get(cell.id),
        )
        if carry_over:
            row = attrs.evolve(row, carried=row.shortfall)
        rows.append(row)
    return Forecast(
        year=year,
        as_of=as_of,
        count_by=count_by,
        scaled=scale,
        carry_over=carry_over,
        rates=tuple(rates.values()),
        cells=tuple(rows),
    )


def _targets(plan: Plan, org: Organization, year: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for t in expand_targets(plan, org, years=[year]):
        if t.cell is not None:
            out[t.cell] = out.get(t.cell, 0) + t.target
    return out


# --- re-apportionment --------------------------------------------------------------


class WeightBy(enum.Enum):
    """What a commune total is shared in proportion to (trọng số phân bổ)."""

    OFFICIAL_MEMBERS = "official_members"
    """Số đảng viên chính thức của chi bộ on the as-of date."""
    PIPELINE = "pipeline"
    """Số người trong nguồn kết nạp (ưu tú, cảm tình Đảng, làm hồ sơ, đã đề nghị)."""
    TARGETS = "targets"
    """Chỉ tiêu của kế hoạch cho năm đó."""


def reapportion(
    dataset: Dataset,
    total: int,
    year: int,
    *,
    weights: WeightBy | Mapping[str, int | Fraction] = WeightBy.OFFICIAL_MEMBERS,
    method: Method = Method.HAMILTON,
    plan: Plan | None = None,
    as_of: date | None = None,
    cap_by_pipeline: bool = True,
    minimum: Mapping[str, int] | int = 0,
    maximum: Mapping[str, int] | None = None,
    count_by: CountBy = CountBy.DECISION,
    params: Parameters | None = None,
) -> Allocation:
    """Share a commune total over its cells (phân bổ lại chỉ tiêu) with :func:`allocate`.

    The cells are those of the plan's organisation (default: the latest plan
    covering *year*; the whole tree without one).  With *cap_by_pipeline*,
    each cell is capped by what it can admit in *year* at best: admissions
    counted so far plus every candidate whose earliest admission day falls
    before 31 December, steps still to take included.  An unreachable total
    gives an allocation that is not
    :attr:`~dangvien.quotas.allocation.Allocation.feasible`.
    """
    as_of = resolve_as_of(dataset, as_of).date
    plan = plan or select_plan(dataset.plans, year)
    org = dataset.organization if plan is None else plan_organization(dataset, plan)
    cells = [c.id for c in org.all_cells()]
    w: dict[str, int | Fraction]
    if isinstance(weights, WeightBy):
        if weights is WeightBy.OFFICIAL_MEMBERS:
            members = official_members(dataset, as_of, organization=org)
            w = {c: members.get(c, 0) for c in cells}
        elif weights is WeightBy.PIPELINE:
            rows = {p.cell: p.candidates for p in stage_counts(dataset, as_of, organization=org)}
            w = {c: rows.get(c, 0) for c in cells}
        else:
            targets = {} if plan is None else _targets(plan, org, year)
            w = {c: targets.get(c, 0) for c in cells}
    else:
        w = {c: weights.get(c, 0) for c in cells}
    caps: dict[str, int] | None = None
    if cap_by_pipeline:
        fc = forecast(dataset, year, plan=plan, as_of=as_of, count_by=count_by, params=params)
        caps = {row.cell: row.admitted + row.ready + row.possible for row in fc.cells}
    return allocate(total, w, method=method, minimum=minimum, maximum=maximum, caps=caps)
