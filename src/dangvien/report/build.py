"""Build the report from one rule context (lập báo cáo).

:func:`build_report` gathers, for one year and one as-of date, everything a
:class:`~dangvien.report.data.Report` holds.  It makes ONE context
(:func:`dangvien.rules.context`) and asks it everything: the plan findings
come from the plan rules, the rule findings from the other rules, the
candidates from :func:`dangvien.rules.eligibility.candidates`, and the
counting and the forecast read the same dataset view, so no two parts of the
report can disagree about a person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction

from dangvien.errors import UnknownIdError
from dangvien.findings import Finding, count_by_severity
from dangvien.messages import Text
from dangvien.model.org import Organization
from dangvien.model.plan import CountBy, Plan
from dangvien.model.register import Dataset
from dangvien.model.stages import Stage
from dangvien.parameters import Parameters
from dangvien.quotas.counting import PIPELINE_STAGES, CellPipeline, stage_counts
from dangvien.quotas.forecasting import DEFAULT_HISTORY_YEARS, CellForecast, forecast
from dangvien.quotas.fulfilment import (
    CellFulfilment,
    admissions,
    cumulative_fulfilment,
    fulfilment_by_cell,
    introduction_fulfilment,
    percent,
)
from dangvien.quotas.rates import conversion_rates, funnel
from dangvien.quotas.targets import plan_organization, select_plan
from dangvien.report.data import (
    CandidateRow,
    ForecastSummary,
    IntroductionRow,
    Pipeline,
    Report,
    RowForecast,
    RuleSummary,
    Tally,
    Unit,
    UnitLevel,
    UnitRow,
)
from dangvien.rules import REGISTRY, PlanSubject, Scope, context, evaluate, resolve_as_of
from dangvien.rules import evaluations as evaluate_all
from dangvien.rules.eligibility import CANDIDATE_STAGES, Candidate, candidates

__all__ = ["build_report"]


def _row_key(row: CellFulfilment) -> str:
    """A cell row's key: the cell id, or the printed name of an unresolved target."""
    return row.cell if row.cell is not None else "?" + (row.printed or row.name)


def _tally(row: CellFulfilment) -> Tally:
    return Tally.of(row.first_year, row.last_year, row.target, row.admitted)


def _pipeline(counts: Mapping[Stage, int]) -> Pipeline:
    stages = {s: counts.get(s, 0) for s in PIPELINE_STAGES}
    return Pipeline(stages=stages, candidates=sum(stages[s] for s in CANDIDATE_STAGES))


def _of_cell(p: CellPipeline | None) -> Pipeline:
    return _pipeline({} if p is None else dict(p.counts))


def _row_forecast(f: CellForecast) -> RowForecast:
    return RowForecast(
        admitted=f.admitted,
        ready=f.ready,
        possible=f.possible,
        expected=f.expected,
        forecast=f.forecast,
        percent=f.percent,
        shortfall=f.shortfall,
        next_target=f.next_target,
        carried=f.carried,
        next_total=f.next_total,
    )


def _sum_optional(values: Iterable[int | None]) -> int | None:
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def _sum_tallies(tallies: list[Tally], first: int, last: int) -> Tally:
    return Tally.of(
        first, last, _sum_optional(t.target for t in tallies), sum(t.admitted for t in tallies)
    )


def _sum_forecasts(rows: list[RowForecast], target: int | None) -> RowForecast:
    admitted = sum(r.admitted for r in rows)
    expected = sum((r.expected for r in rows), Fraction(0))
    carried = sum(r.carried for r in rows)
    next_target = _sum_optional(r.next_target for r in rows)
    return RowForecast(
        admitted=admitted,
        ready=sum(r.ready for r in rows),
        possible=sum(r.possible for r in rows),
        expected=expected,
        forecast=admitted + expected,
        percent=percent(admitted + expected, target),
        shortfall=sum(r.shortfall for r in rows),
        next_target=next_target,
        carried=carried,
        next_total=None if next_target is None and not carried else (next_target or 0) + carried,
    )


def _totals(
    root: Organization, rows: tuple[UnitRow, ...], year: int, span: tuple[int, int] | None
) -> tuple[UnitRow, ...]:
    """Sum the unit rows up the tree: every organisation node, root first."""
    by_unit = {r.unit: r for r in rows if r.unit is not None}
    out: list[UnitRow] = []

    def visit(node: Organization, depth: int, parent: str | None) -> None:
        below = [by_unit[c.id] for _, c in node.iter_cells() if c.id in by_unit]
        year_tally = _sum_tallies([r.year for r in below], year, year)
        cumulative = None
        if span is not None:
            cum = [r.cumulative for r in below if r.cumulative is not None]
            cumulative = _sum_tallies(cum, *span)
        stages: Counter[Stage] = Counter()
        for r in below:
            stages.update(r.pipeline.stages)
        forecasts = [r.forecast for r in below if r.forecast is not None]
        out.append(
            UnitRow(
                unit=node.id,
                name=node.name,
                level=UnitLevel.of(node.level),
                printed=None,
                parent=parent,
                depth=depth,
                year=year_tally,
                cumulative=cumulative,
                pipeline=_pipeline(stages),
                forecast=_sum_forecasts(forecasts, year_tally.target) if forecasts else None,
            )
        )
        for child in node.children:
            visit(child, depth + 1, node.id)

    visit(root, 0, None)
    return tuple(out)


def _path(root: Organization, target: str) -> list[Organization]:
    """The organisations from *root* down to the one with id *target* (empty if absent)."""
    if root.id == target:
        return [root]
    for child in root.children:
        below = _path(child, target)
        if below:
            return [root, *below]
    return []


def _superior(root: Organization, org: Organization, on: date) -> Unit | None:
    """The nearest organisation above *org* that still exists on *on*."""
    for node in reversed(_path(root, org.id)[:-1]):
        if node.valid_to is None or node.valid_to >= on:
            return Unit(id=node.id, name=node.name, level=UnitLevel.of(node.level))
    return None


def _candidate_row(c: Candidate) -> CandidateRow:
    return CandidateRow(
        person=c.person,
        name=c.name,
        unit=c.cell,
        stage=c.stage,
        earliest=c.earliest,
        blocked=c.blocked,
        ready=c.ready,
        todo=tuple(e.rule for e in c.todo),
        warnings=tuple(e.rule for e in c.warnings),
        steps=c.steps,
    )


def build_report(
    dataset: Dataset,
    *,
    year: int | None = None,
    as_of: date | None = None,
    plan: Plan | str | None = None,
    count_by: CountBy = CountBy.DECISION,
    scale: bool = False,
    carry_over: bool = False,
    stagnant_years: int | None = None,
    history_years: int = DEFAULT_HISTORY_YEARS,
    params: Parameters | None = None,
) -> Report:
    """Build the fulfilment report of *year* as of *as_of*.

    Everything is computed on the dataset as known on the as-of date, with
    one context: the rule findings, the plan checks and the pipeline come
    from the same rules.

    Args:
        dataset: the dataset.
        year: the year (default: the as-of date's year).
        as_of: events after it are ignored (default: the dataset's own date,
            else today in Vietnam; the report states which).
        plan: the plan or its id (default: the latest plan covering *year*,
            else the latest plan).
        count_by: which date places an admission in a year.
        scale: weight the forecast's candidates by conversion rates.
        carry_over: carry each cell's forecast shortfall into next year.
        stagnant_years: the stagnation window's length (default: 3).
        history_years: years of history for the conversion rates.
        params: the legal parameters.

    Raises:
        UnknownIdError: when *plan* is an id no plan has.

    """
    when = resolve_as_of(dataset, as_of)
    day = when.date
    year = day.year if year is None else year
    ctx = context(
        dataset, as_of=day, params=params, year=year, count_by=count_by,
        stagnant_years=stagnant_years,
    )  # fmt: skip
    view = ctx.dataset
    if isinstance(plan, str):
        chosen = select_plan(view.plans, year, plan_id=plan)
        if chosen is None:
            raise UnknownIdError.from_text(Text("report.unknown_plan", {"plan": plan}))
    else:
        chosen = plan or select_plan(view.plans, year)
    org = view.organization if chosen is None else plan_organization(view, chosen)
    items = admissions(view, count_by=count_by, as_of=day)
    found = candidates(ctx, organization=org, include_admitted=count_by is CountBy.CEREMONY)
    cells = fulfilment_by_cell(view, year, plan=chosen, count_by=count_by, as_of=day, items=items)
    cumulative: dict[str, CellFulfilment] = {}
    plan_findings: list[Finding] = []
    if chosen is not None:
        cum_rows = cumulative_fulfilment(view, chosen, year, count_by=count_by, as_of=day,
                                         items=items)  # fmt: skip
        cumulative = {_row_key(c): c for c in cum_rows}
        plan_rules = [r for r in REGISTRY.values() if r.scope is Scope.PLAN]
        plan_findings = [
            e.finding
            for e in evaluate(plan_rules, ctx, PlanSubject(chosen), explaining=False)
            if e.finding is not None
        ]
    history = range(year - history_years, year)
    rates = conversion_rates(view, years=history, as_of=day)
    fc = forecast(view, year, plan=chosen, as_of=day, count_by=count_by, scale=scale,
                  carry_over=carry_over, history_years=history_years, params=params,
                  found=found, items=items)  # fmt: skip
    pipes = {p.cell: p for p in stage_counts(view, day, organization=org)}
    forecasts = {f.cell: f for f in fc.cells}
    parents = {c.id: parent.id for parent, c in view.organization.iter_cells()}
    depth = {o.id: len(_path(view.organization, o.id)) - 1 for o in view.organization.walk()}
    rows: list[UnitRow] = []
    for c in cells:
        cum = cumulative.get(_row_key(c))
        parent = parents.get(c.cell) if c.cell is not None else None
        f = forecasts.get(c.cell) if c.cell is not None else None
        rows.append(
            UnitRow(
                unit=c.cell,
                name=c.name,
                level=UnitLevel.CELL,
                printed=c.printed,
                parent=parent if parent is not None else org.id,
                depth=depth.get(parent if parent is not None else org.id, 0) + 1,
                year=_tally(c),
                cumulative=None if cum is None else _tally(cum),
                pipeline=_of_cell(pipes.get(c.cell) if c.cell is not None else None),
                forecast=None if f is None else _row_forecast(f),
            )
        )
    span = None
    if cumulative:
        first = next(iter(cumulative.values()))
        span = (first.first_year, first.last_year)
    unplaced = pipes.get(None)
    legal = [r for r in REGISTRY.values() if r.scope is not Scope.PLAN]
    rule_found = [e.finding for e in evaluate_all(ctx, legal, explaining=False) if e.finding]
    by_rule = Counter(f.rule for f in rule_found)
    listed = sorted(rule_found, key=lambda f: (f.subject, f.on or date.min, f.rule))
    unit_rows = tuple(rows)
    return Report(
        as_of=when,
        organization=Unit(id=org.id, name=org.name, level=UnitLevel.of(org.level)),
        superior=_superior(view.organization, org, day),
        plan=chosen,
        year=year,
        count_by=count_by,
        rows=unit_rows,
        totals=_totals(view.organization, unit_rows, year, span),
        unplaced=None if unplaced is None else _of_cell(unplaced),
        introductions=tuple(
            IntroductionRow(
                organization=x.organization,
                name=x.name,
                printed=x.printed,
                target=x.target,
                introduced=x.introduced,
                percent=x.percent,
            )
            for x in introduction_fulfilment(view, year, plan=chosen, as_of=day)
        ),
        plan_findings=tuple(plan_findings),
        candidates=tuple(_candidate_row(c) for c in found),
        rates=tuple(rates.values()),
        funnel=funnel(view, years=history, as_of=day),
        history=(history.start, history.stop - 1),
        forecast=ForecastSummary(
            year=year,
            scaled=fc.scaled,
            carry_over=fc.carry_over,
            target=fc.target,
            admitted=fc.admitted,
            forecast=fc.total,
            percent=percent(fc.total, fc.target),
            shortfall=fc.shortfall,
        ),
        rules=RuleSummary(
            counts=count_by_severity(rule_found),
            by_rule=dict(sorted(by_rule.items())),
            findings=tuple(listed),
        ),
    )
