"""Build the report from one rule context (lập báo cáo).

:func:`build_report` gathers, for one year and one as-of date, everything a
:class:`~dangvien.report.data.Report` holds.  It makes ONE context
(:func:`dangvien.rules.context`) and asks it everything: the plan findings
come from the plan rules, the rule findings from the other rules, the
candidates from :func:`dangvien.rules.eligibility.candidates`, and the
counting and the forecast read the same dataset view, so no two parts of the
report can disagree about a person.

Which plan: the one given, else :func:`~dangvien.quotas.top_plan` (the plan
of the organisation reported on, by default the root of the tree, in force
for the year; else the nearest level down where one organisation has one).
The figures at every level reuse :mod:`dangvien.quotas.levels` (each
organisation's own plan, each unit's allocation from the plan above), the
flags reuse the ``PLAN-ALLOCATION`` rule's findings, the published figures
:func:`~dangvien.quotas.claim_checks`, the breakdowns
:func:`~dangvien.quotas.breakdowns`.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from fractions import Fraction

import attrs

from dangvien.errors import UnknownIdError, UsageError
from dangvien.findings import Finding, count_by_severity
from dangvien.messages import Text
from dangvien.model.org import Organization
from dangvien.model.org import Unit as OrgUnit
from dangvien.model.plan import CountBy, Plan, TargetRange
from dangvien.model.register import Dataset
from dangvien.model.stages import Stage
from dangvien.parameters import Parameters
from dangvien.quotas.breakdowns import breakdowns
from dangvien.quotas.claims import claim_checks
from dangvien.quotas.counting import PIPELINE_STAGES, people_of, stage_counts
from dangvien.quotas.forecasting import DEFAULT_HISTORY_YEARS, CellForecast, forecast
from dangvien.quotas.fulfilment import (
    DEFAULT_STYLE,
    Admission,
    PercentStyle,
    admissions,
    introduction_fulfilment,
    percent,
)
from dangvien.quotas.levels import (
    GroupBy,
    PlanFulfilment,
    admissions_by_unit,
    fulfilment_by_level,
    plan_fulfilment,
    subtotals,
)
from dangvien.quotas.plan_checks import YearSpan
from dangvien.quotas.rates import conversion_rates, funnel
from dangvien.quotas.targets import (
    expand_unit_targets,
    plan_organization,
    plan_total,
    plan_years,
    top_plan,
    with_predecessors,
)
from dangvien.report.data import (
    CandidateRow,
    ForecastSummary,
    IntroductionRow,
    LevelRow,
    Pipeline,
    Report,
    RowForecast,
    RuleSummary,
    Tally,
    Unit,
    UnitLevel,
    UnitRow,
)
from dangvien.rules import REGISTRY, AsOf, PlanSubject, Scope, context, evaluate, resolve_as_of
from dangvien.rules import evaluations as evaluate_all
from dangvien.rules.eligibility import CANDIDATE_STAGES, Candidate, candidates

__all__ = ["build_report"]

#: The rule whose findings flag a plan that does not add up to its allocation.
ALLOCATION_RULE = "PLAN-ALLOCATION"

# A row's key: (is_cell, id) for a unit, ("?", printed) for a name matching none.
_Key = tuple[bool | str, str]


@attrs.frozen
class _Row:
    """A row of the plan's table: its key, unit (None if unresolved), names and target."""

    key: _Key
    unit: OrgUnit | None
    name: str
    printed: str | None
    target: int | None


def _key(unit: OrgUnit | None, printed: str | None, name: str) -> _Key:
    if unit is None:
        return ("?", printed or name)
    return (unit.is_cell, unit.id)


def _level(unit: OrgUnit) -> UnitLevel:
    if unit.is_cell or unit.level is None:
        return UnitLevel.CELL
    return UnitLevel.of(unit.level)


def _low(bounds: TargetRange | None) -> int | None:
    return None if bounds is None else bounds.low


def _pipeline(counts: Mapping[Stage, int]) -> Pipeline:
    stages = {s: counts.get(s, 0) for s in PIPELINE_STAGES}
    return Pipeline(stages=stages, candidates=sum(stages[s] for s in CANDIDATE_STAGES))


def _superior(root: Organization, org: Organization, on: date) -> Unit | None:
    """The nearest organisation above *org* that still exists on *on*."""
    for node in root.ancestors(org.id):
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


def _unknown(kind: str, wanted: str, known: Iterable[str]) -> UnknownIdError:
    """An unknown id refused, naming the known ids closest to it (else the first known ones)."""
    ids = sorted(set(known))
    near = difflib.get_close_matches(wanted, ids, n=5)
    if near:
        text = Text(f"report_levels.unknown_{kind}", {kind: wanted, "near": tuple(near)})
    else:
        shown = tuple(ids[:10]) + (("…",) if len(ids) > 10 else ())
        text = Text(f"report_levels.unknown_{kind}_known", {kind: wanted, "known": shown})
    return UnknownIdError(text.vi, text.en)


def _choose(
    view: Dataset, year: int, plan: Plan | str | None, organization: str | None
) -> tuple[Plan | None, Organization]:
    """The plan measured against and the organisation reported on."""
    root = view.organization
    node = root
    if organization is not None:
        found = root.find(organization)
        if found is None:
            raise _unknown("org", organization, (o.id for o in root.walk()))
        node = found
    if isinstance(plan, str):
        chosen = next((p for p in view.plans if p.id == plan), None)
        if chosen is None:
            raise _unknown("plan", plan, (p.id for p in view.plans))
    else:
        chosen = plan
    if chosen is None:
        chosen = top_plan(view, year, organization=organization)
    elif organization is not None and plan_organization(view, chosen).id != node.id:
        raise UsageError.from_text(
            Text(
                "report_levels.plan_elsewhere",
                {
                    "plan": chosen.id,
                    "org": organization,
                    "plan_org": plan_organization(view, chosen).name,
                },
            )
        )
    if chosen is not None:
        return chosen, plan_organization(view, chosen)
    return None, with_predecessors(root, node)


class _Counter:
    """Admissions per unit of the organisation, per year, counted once."""

    def __init__(self, org: Organization, items: Sequence[Admission]) -> None:
        self.org = org
        self.items = items
        self._years: dict[int, dict[tuple[bool, str], int]] = {}

    def year(self, year: int) -> dict[tuple[bool, str], int]:
        if year not in self._years:
            self._years[year] = admissions_by_unit(self.org, self.items, year)
        return self._years[year]

    def of(self, key: _Key, year: int) -> int:
        if key[0] == "?":
            return 0
        return self.year(year).get((bool(key[0]), key[1]), 0)


class _Builder:
    """Everything one report computes, from one context."""

    def __init__(
        self,
        view: Dataset,
        org: Organization,
        plan: Plan | None,
        year: int,
        day: date,
        count_by: CountBy,
        items: Sequence[Admission],
    ) -> None:
        self.view = view
        self.org = org
        self.plan = plan
        self.year = year
        self.day = day
        self.count_by = count_by
        self.items = items
        self.counter = _Counter(org, items)

    # --- the plan's rows -------------------------------------------------------

    def plan_rows(self) -> tuple[PlanFulfilment | None, list[_Row]]:
        """The plan measured at its level, and its rows.

        Without a plan, or for a plan stating only a headline, the units
        directly below the organisation, with no target of their own.
        """
        pf = None
        rows: list[_Row] = []
        if self.plan is not None:
            pf = plan_fulfilment(
                self.view,
                self.plan,
                self.year,
                as_of=self.day,
                count_by=self.count_by,
                items=self.items,
            )
            rows = [
                _Row(_key(r.unit, r.printed, r.name), r.unit, r.name, r.printed, r.target)
                for r in pf.rows
            ]
        if self.plan is None or not self.plan.admission_targets:
            rows = [
                _Row(_key(u, None, u.name), u, u.name, None, None)
                for u in self.org.units()
                if u.parent == self.org.id and self.org.cells_under(u.id, is_cell=u.is_cell)
            ]
        return pf, rows

    def span(self) -> tuple[int, ...]:
        """The plan's years up to the report's year."""
        if self.plan is None:
            return ()
        return tuple(y for y in plan_years(self.plan, self.year) if y <= self.year)

    def targets(self, year: int) -> dict[_Key, int]:
        """The plan's target (low end) per row key in *year*."""
        if self.plan is None:
            return {}
        out: dict[_Key, int] = {}
        for t in expand_unit_targets(self.plan, self.org, years=[year]):
            k = _key(t.unit, t.printed, t.name)
            out[k] = out.get(k, 0) + t.target
        return out

    def cumulative(self, key: _Key, targets: Sequence[Mapping[_Key, int]]) -> Tally | None:
        years = self.span()
        if not years:
            return None
        given = [t[key] for t in targets if key in t]
        admitted = sum(self.counter.of(key, y) for y in years)
        return Tally.of(years[0], years[-1], sum(given) if given else None, admitted)

    def total_cumulative(self) -> Tally | None:
        years = self.span()
        if not years or self.plan is None:
            return None
        totals = [plan_total(self.plan, self.org, y) for y in years]
        given = [t.low for t in totals if t is not None]
        admitted = sum(self.counter.of((False, self.org.id), y) for y in years)
        return Tally.of(years[0], years[-1], sum(given) if given else None, admitted)


def _forecast(
    cells: Iterable[CellForecast], target: int | None, next_target: int | None, carry: bool
) -> RowForecast:
    """A unit's forecast: its cells' forecasts added, against the unit's own target."""
    rows = list(cells)
    admitted = sum(c.admitted for c in rows)
    expected = sum((c.expected for c in rows), Fraction(0))
    total = admitted + expected
    shortfall = max(0, (target or 0) - math.floor(total))
    carried = shortfall if carry else 0
    return RowForecast(
        admitted=admitted,
        ready=sum(c.ready for c in rows),
        possible=sum(c.possible for c in rows),
        expected=expected,
        forecast=total,
        percent=percent(total, target),
        shortfall=shortfall,
        next_target=next_target,
        carried=carried,
        next_total=None if next_target is None and not carried else (next_target or 0) + carried,
    )


def _covers(finding: Finding, year: int) -> bool:
    years = dict(finding.text.facts).get("years")
    return not isinstance(years, YearSpan) or year in years.years


def _levels(
    b: _Builder, levels: Sequence[PlanFulfilment], flags: Mapping[str, tuple[Finding, ...]]
) -> tuple[LevelRow, ...]:
    """Every unit of the organisation against its own target, in tree order."""
    allocated: dict[tuple[bool, str], tuple[int, str]] = {}
    own: dict[str, PlanFulfilment] = {}
    for pf in levels:  # top down: a nearer plan's allocation replaces a farther one's
        own[pf.organization.id] = pf
        for r in pf.rows:
            if r.unit is not None and r.bounds is not None:
                allocated[(r.unit.is_cell, r.unit.id)] = (r.bounds.low, pf.plan)
    counted = b.counter.year(b.year)
    out: list[LevelRow] = []
    for u in b.org.units():
        key = (u.is_cell, u.id)
        mine = None if u.is_cell else own.get(u.id)
        given = allocated.get(key)
        out.append(
            LevelRow(
                unit=u.id,
                name=u.name,
                level=_level(u),
                parent=u.parent,
                depth=u.depth,
                allocated=None if given is None else given[0],
                allocated_by=None if given is None else given[1],
                planned=None if mine is None else _low(mine.total.bounds),
                plan=None if mine is None else mine.plan,
                admitted=counted.get(key, 0),
                findings=() if mine is None else flags.get(mine.plan, ()),
            )
        )
    return tuple(out)


def build_report(
    dataset: Dataset,
    *,
    year: int | None = None,
    as_of: date | AsOf | None = None,
    plan: Plan | str | None = None,
    organization: str | None = None,
    count_by: CountBy = CountBy.DECISION,
    scale: bool = False,
    carry_over: bool = False,
    style: PercentStyle = DEFAULT_STYLE,
    stagnant_years: int | None = None,
    history_years: int = DEFAULT_HISTORY_YEARS,
    params: Parameters | None = None,
    jobs: int = 1,
) -> Report:
    """Build the fulfilment report of *year* as of *as_of*.

    Everything is computed on the dataset as known on the as-of date, with
    one context: the rule findings, the plan checks and the pipeline come
    from the same rules.

    Args:
        dataset: the dataset.
        year: the year (default: the as-of date's year).
        as_of: events after it are ignored (default: the dataset's own date,
            else today in Vietnam; the report states which).  An
            :class:`~dangvien.rules.AsOf` keeps the source it states.
        plan: the plan or its id (default: :func:`~dangvien.quotas.top_plan`,
            the plan of the organisation reported on in force for *year*,
            else the nearest level down where one organisation has one).
        organization: report on this organisation and the units below it
            (default: the plan's organisation, else the root of the tree).
        count_by: which date places an admission in a year.
        scale: weight the forecast's candidates by conversion rates.
        carry_over: carry each unit's forecast shortfall into next year.
        style: how percentages are printed (kept in the report for every
            format; the values stay exact).
        stagnant_years: the stagnation window's length (default: 3).
        history_years: years of history for the conversion rates.
        params: the legal parameters.
        jobs: processes judging the register's people and cells, partition
            by partition (:func:`dangvien.partition.check`); the report is
            the same whatever the number.

    Raises:
        UnknownIdError: when *plan* or *organization* is an id the dataset
            does not hold (the message names the nearest ids).
        UsageError: when *plan* is not the plan of *organization*, or
            *jobs* is below 1.

    .. versionchanged:: 0.2
       *jobs*.

    """
    when = as_of if isinstance(as_of, AsOf) else resolve_as_of(dataset, as_of)
    day = when.date
    year = day.year if year is None else year
    ctx = context(
        dataset,
        as_of=day,
        params=params,
        year=year,
        count_by=count_by,
        stagnant_years=stagnant_years,
    )
    view = ctx.dataset
    chosen, org = _choose(view, year, plan, organization)
    items = admissions(view, count_by=count_by, as_of=day)
    b = _Builder(view, org, chosen, year, day, count_by, items)
    found = candidates(ctx, organization=org, include_admitted=count_by is CountBy.CEREMONY)
    fc = forecast(
        view,
        year,
        plan=chosen,
        organization=org,
        as_of=day,
        count_by=count_by,
        scale=scale,
        carry_over=carry_over,
        history_years=history_years,
        params=params,
        found=found,
        items=items,
    )
    cell_fc = {c.cell: c for c in fc.cells}
    pipes = {p.cell: p for p in stage_counts(view, day)}
    whole = org.id == view.organization.id

    def cells_of(unit: OrgUnit) -> list[str]:
        return [c.id for c in org.cells_under(unit.id, is_cell=unit.is_cell)]

    def pipeline_of(cells: Sequence[str]) -> Pipeline:
        stages: Counter[Stage] = Counter()
        for c in cells:
            p = pipes.get(c)
            if p is not None:
                stages.update(dict(p.counts))
        return _pipeline(stages)

    pf, plan_rows = b.plan_rows()
    years = b.span()
    by_year = [b.targets(y) for y in years]
    next_targets = b.targets(year + 1)
    rows: list[UnitRow] = []
    for row in plan_rows:
        unit = row.unit
        cells = [] if unit is None else cells_of(unit)
        rows.append(
            UnitRow(
                unit=None if unit is None else unit.id,
                name=row.name,
                level=UnitLevel.CELL if unit is None else _level(unit),
                printed=row.printed,
                parent=org.id if unit is None else unit.parent,
                depth=1 if unit is None else unit.depth,
                year=Tally.of(year, year, row.target, b.counter.of(row.key, year)),
                cumulative=b.cumulative(row.key, by_year),
                pipeline=pipeline_of(cells),
                forecast=None
                if unit is None
                else _forecast(
                    (cell_fc[c] for c in cells if c in cell_fc),
                    row.target,
                    next_targets.get(row.key),
                    carry_over,
                ),
            )
        )
    own = org.unit_of(org.id)
    assert own is not None  # the root of its own tree
    total_target = _sum(r.year.target for r in rows) if pf is None else _low(pf.total.bounds)
    next_total = None if chosen is None else _low(plan_total(chosen, org, year + 1))
    total_forecast = _forecast(fc.cells, total_target, next_total, carry_over)
    total = UnitRow(
        unit=org.id,
        name=org.name,
        level=UnitLevel.of(org.level),
        printed=None,
        parent=None,
        depth=0,
        year=Tally.of(year, year, total_target, b.counter.of((False, org.id), year)),
        cumulative=b.total_cumulative(),
        pipeline=pipeline_of([c.id for c in org.all_cells()]),
        forecast=total_forecast,
    )
    # Every level: each organisation's own plan, the chosen one for the organisation itself.
    levels = [
        p
        for p in fulfilment_by_level(view, year, as_of=day, count_by=count_by, items=items)
        if p.organization.id != org.id
    ]
    if pf is not None:
        levels.append(pf)
    alloc_rule = REGISTRY[ALLOCATION_RULE]
    flags: dict[str, list[Finding]] = {}
    for p in levels:
        subject = next(x for x in view.plans if x.id == p.plan)
        for e in evaluate([alloc_rule], ctx, PlanSubject(subject), explaining=False):
            if e.finding is not None and _covers(e.finding, year):
                flags.setdefault(e.finding.subject, []).append(e.finding)
    level_rows = _levels(b, levels, {k: tuple(v) for k, v in flags.items()})
    plan_findings: list[Finding] = []
    if chosen is not None:
        plan_rules = [r for r in REGISTRY.values() if r.scope is Scope.PLAN]
        plan_findings = [
            e.finding
            for e in evaluate(plan_rules, ctx, PlanSubject(chosen), explaining=False)
            if e.finding is not None
        ]
    history = range(year - history_years, year)
    people = people_of(view, org, day)  # rates and funnel of the organisation's own people
    rates = conversion_rates(people, years=history, as_of=day)
    unplaced = pipes.get(None) if whole else None
    legal = [r for r in REGISTRY.values() if r.scope is not Scope.PLAN]
    rule_found: list[Finding]
    if jobs == 1:
        rule_found = [e.finding for e in evaluate_all(ctx, legal, explaining=False) if e.finding]
    else:
        from dangvien import partition

        rule_found = partition.check(
            dataset,
            jobs=jobs,
            as_of=day,
            params=params,
            only=[r.id for r in legal],
            year=year,
            count_by=count_by,
            stagnant_years=stagnant_years,
        )
    if not whole:
        rule_found = _inside(rule_found, view, org, day)
    by_rule = Counter(f.rule for f in rule_found)
    listed = sorted(rule_found, key=lambda f: (f.subject, f.on or date.min, f.rule))
    unit_rows = tuple(rows)
    table_units = [own, *(r.unit for r in plan_rows if r.unit is not None and r.unit != own)]
    mass_own = {m.id for m in org.mass_organizations}
    return Report(
        counted=bool(view.records),
        as_of=when,
        style=style,
        organization=Unit(id=org.id, name=org.name, level=UnitLevel.of(org.level)),
        superior=_superior(view.organization, org, day),
        plan=chosen,
        year=year,
        count_by=count_by,
        rows=unit_rows,
        total=total,
        levels=level_rows,
        subtotals=()
        if pf is None
        else tuple(s for by in GroupBy for s in subtotals(pf.rows, view.organization, by)),
        unplaced=None if unplaced is None else _pipeline(dict(unplaced.counts)),
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
            if x.target is not None or x.organization in mass_own or x.organization is None
        ),
        plan_findings=tuple(plan_findings),
        claims=()
        if chosen is None
        else claim_checks(view, chosen, as_of=day, count_by=count_by, items=items),
        breakdowns=breakdowns(
            view, year, units=table_units, as_of=day, count_by=count_by, items=items
        ),
        candidates=tuple(_candidate_row(c) for c in found),
        rates=tuple(rates.values()),
        funnel=funnel(people, years=history, as_of=day),
        history=(history.start, history.stop - 1),
        forecast=ForecastSummary(
            year=year,
            scaled=fc.scaled,
            carry_over=fc.carry_over,
            target=total.year.target,
            admitted=total.year.admitted,
            forecast=total_forecast.forecast,
            percent=total_forecast.percent,
            shortfall=sum(r.forecast.shortfall for r in unit_rows if r.forecast is not None),
        ),
        rules=RuleSummary(
            counts=count_by_severity(rule_found),
            by_rule=dict(sorted(by_rule.items())),
            findings=tuple(listed),
        ),
    )


def _sum(values: Iterable[int | None]) -> int | None:
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def _inside(found: Iterable[Finding], view: Dataset, org: Organization, day: date) -> list[Finding]:
    """The findings about people, cells and plans of *org* (a report on part of the tree)."""
    cells = {c.id for c in org.all_cells()}
    orgs = {o.id for o in org.walk()}
    plans = {p.id for p in view.plans if p.organization in orgs}
    out: list[Finding] = []
    for f in found:
        record = view.record(f.subject)
        if record is not None:
            if record.cell_at(day) in cells:
                out.append(f)
        elif f.subject in cells or f.subject in orgs or f.subject in plans:
            out.append(f)
    return out
