"""DataFrames and plots of fulfilment, pipeline and findings (bảng dữ liệu và biểu đồ).

An optional extra: it needs polars and matplotlib, installed with
``pip install 'dangvien[notebook]'``.  They are imported when a function is
called, never when dangvien is imported, and a missing one raises an
:class:`ImportError` naming the extra.

Every function accepts either a :class:`~dangvien.report.Report` or the
rows it holds; the frames of any level (:func:`unit_fulfilment_frame`,
:func:`levels_frame`, :func:`subtotals_frame`, :func:`plan_sums_frame`,
:func:`rate_frame`, :func:`claims_frame`, :func:`breakdown_frame`,
:func:`counts_frame`) take the values of :mod:`dangvien.quotas`, and the
report's levels, subtotals, published figures and breakdowns.  Percentages
appear twice: ``percent`` rounded as a :class:`~dangvien.quotas.PercentStyle`
says (a report's own style, else half up to one decimal; a float, for
display and plots) and ``percent_exact`` (the exact fraction as text).

The plots build a :class:`matplotlib.figure.Figure` directly, without
``pyplot``: no GUI backend is touched (safe with Agg, on servers and in
tests) and nothing global is changed.  Save one with ``fig.savefig(path)``;
in Jupyter, ``%matplotlib inline`` displays it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from dangvien.findings import Finding, Language, Severity
from dangvien.messages import format_value, render
from dangvien.quotas.breakdowns import Breakdown
from dangvien.quotas.claims import ClaimCheck
from dangvien.quotas.counting import PIPELINE_STAGES, CellPipeline, OrgCounts
from dangvien.quotas.forecasting import CellForecast, Forecast
from dangvien.quotas.fulfilment import DEFAULT_STYLE, CellFulfilment, PercentStyle, round_half_up
from dangvien.quotas.levels import PlanFulfilment, PlanSum, Subtotal, UnitFulfilment
from dangvien.quotas.rate_targets import RateFulfilment
from dangvien.quotas.rates import FunnelStep
from dangvien.report import (
    CandidateRow,
    LevelRow,
    Pipeline,
    Report,
    RowForecast,
    Tally,
    UnitLevel,
    UnitRow,
)
from dangvien.rules.eligibility import Candidate

if TYPE_CHECKING:
    import polars as pl
    from matplotlib.figure import Figure

__all__ = [
    "breakdown_frame",
    "candidates_frame",
    "claims_frame",
    "counts_frame",
    "findings_frame",
    "forecast_frame",
    "fulfilment_frame",
    "funnel_frame",
    "levels_frame",
    "pipeline_frame",
    "plan_sums_frame",
    "plot_fulfilment",
    "plot_funnel",
    "rate_frame",
    "subtotals_frame",
    "unit_fulfilment_frame",
]

_EXTRA = (
    "dangvien.frames cần {name}: pip install 'dangvien[notebook]' / "
    "dangvien.frames needs {name}: pip install 'dangvien[notebook]'"
)


def _require(name: str) -> None:
    """Import *name* or raise an ImportError naming the extra to install."""
    try:
        importlib.import_module(name)
    except ImportError as exc:
        raise ImportError(_EXTRA.format(name=name)) from exc


def _figure(**kwargs: Any) -> Figure:
    _require("matplotlib")
    from matplotlib.figure import Figure

    return Figure(**kwargs)


def _pct(value: object, style: PercentStyle | None = None) -> float | None:
    if not isinstance(value, Fraction):
        return None
    return float((style or DEFAULT_STYLE).round(value))


def _exact(value: Fraction | None) -> str | None:
    return None if value is None else str(value)


def _style(source: object, style: PercentStyle | None) -> PercentStyle | None:
    """The style asked for, else the report's own."""
    if style is None and isinstance(source, Report):
        return source.style
    return style


# --- DataFrames -------------------------------------------------------------------------


def _unit_rows(rows: Iterable[UnitRow] | Iterable[CellFulfilment]) -> list[UnitRow]:
    """Report rows as they are; bare fulfilment rows as cell rows without the rest."""
    out: list[UnitRow] = []
    for r in rows:
        if isinstance(r, UnitRow):
            out.append(r)
            continue
        out.append(
            UnitRow(
                unit=r.cell, name=r.name, level=UnitLevel.CELL, printed=r.printed, parent=None,
                depth=0, year=Tally.of(r.first_year, r.last_year, r.target, r.admitted),
                cumulative=None, pipeline=Pipeline(stages={}, candidates=0), forecast=None,
            )
        )  # fmt: skip
    return out


def fulfilment_frame(
    source: Report | Iterable[UnitRow] | Iterable[CellFulfilment],
    *,
    style: PercentStyle | None = None,
) -> pl.DataFrame:
    """Return one row per unit: targets, admissions and percentages.

    From a report, the year's rows with the cumulative columns
    (``cum_target``, ``cum_admitted``, ``cum_percent``) beside them, rounded
    as the report prints them unless *style* says otherwise.
    """
    _require("polars")
    import polars as pl_

    style = _style(source, style)
    rows = _unit_rows(source.rows if isinstance(source, Report) else source)
    data = []
    for r in rows:
        y = r.year
        item: dict[str, object] = {
            "unit": r.unit,
            "name": r.name,
            "level": r.level.value,
            "printed": r.printed,
            "first_year": y.first_year,
            "last_year": y.last_year,
            "target": y.target,
            "admitted": y.admitted,
            "percent": _pct(y.percent, style),
            "percent_exact": None if y.percent is None else str(y.percent),
        }
        if isinstance(source, Report):
            c = r.cumulative
            item |= {
                "cum_target": None if c is None else c.target,
                "cum_admitted": None if c is None else c.admitted,
                "cum_percent": None if c is None else _pct(c.percent, style),
            }
        data.append(item)
    schema = {
        "unit": pl_.String, "name": pl_.String, "level": pl_.String, "printed": pl_.String,
        "first_year": pl_.Int64, "last_year": pl_.Int64, "target": pl_.Int64,
        "admitted": pl_.Int64, "percent": pl_.Float64, "percent_exact": pl_.String,
    }  # fmt: skip
    if isinstance(source, Report):
        schema |= {"cum_target": pl_.Int64, "cum_admitted": pl_.Int64, "cum_percent": pl_.Float64}
    return pl_.DataFrame(data, schema=schema)


def pipeline_frame(source: Report | Iterable[CellPipeline]) -> pl.DataFrame:
    """Return one row per unit: people per pipeline stage (columns named by stage)."""
    _require("polars")
    import polars as pl_

    schema = {"unit": pl_.String, "name": pl_.String, "on": pl_.Date}
    schema |= {s.name.lower(): pl_.Int64 for s in PIPELINE_STAGES}
    schema |= {"candidates": pl_.Int64}
    if isinstance(source, Report):
        on = source.as_of.date
        data = [
            {"unit": r.unit, "name": r.name, "on": on,
             **{s.name.lower(): r.pipeline.count(s) for s in PIPELINE_STAGES},
             "candidates": r.pipeline.candidates}
            for r in source.rows if r.unit is not None
        ]  # fmt: skip
    else:
        data = [
            {"unit": r.cell, "name": r.name, "on": r.on,
             **{s.name.lower(): r.count(s) for s in PIPELINE_STAGES}, "candidates": r.candidates}
            for r in source
        ]  # fmt: skip
    return pl_.DataFrame(data, schema=schema)


def candidates_frame(source: Report | Iterable[CandidateRow] | Iterable[Candidate]) -> pl.DataFrame:
    """Return one row per person in the pipeline with their earliest admission day."""
    _require("polars")
    import polars as pl_

    rows: Sequence[CandidateRow | Candidate] = (
        source.candidates if isinstance(source, Report) else tuple(source)
    )
    schema = {
        "person": pl_.String, "name": pl_.String, "unit": pl_.String, "stage": pl_.String,
        "earliest": pl_.Date, "blocked": pl_.Boolean, "todo": pl_.String,
    }  # fmt: skip
    data = []
    for c in rows:
        if isinstance(c, CandidateRow):
            unit, todo = c.unit, [*c.todo, *(k.cls.TYPE for k in c.steps)]
        else:
            unit, todo = c.cell, [*(e.rule for e in c.todo), *(k.cls.TYPE for k in c.steps)]
        data.append(
            {"person": c.person, "name": c.name, "unit": unit, "stage": c.stage.name,
             "earliest": c.earliest, "blocked": c.blocked, "todo": ", ".join(todo)}
        )  # fmt: skip
    return pl_.DataFrame(data, schema=schema)


def forecast_frame(
    source: Report | Iterable[UnitRow] | Forecast | Iterable[CellForecast],
) -> pl.DataFrame:
    """Return one row per unit: target, admitted, ready candidates and the forecast."""
    _require("polars")
    import polars as pl_

    schema = {
        "unit": pl_.String, "name": pl_.String, "year": pl_.Int64, "target": pl_.Int64,
        "admitted": pl_.Int64, "ready": pl_.Int64, "forecast": pl_.Float64,
        "forecast_exact": pl_.String, "percent": pl_.Float64, "shortfall": pl_.Int64,
        "next_total": pl_.Int64,
    }  # fmt: skip
    items: Sequence[UnitRow | CellForecast]
    if isinstance(source, Report):
        items = source.rows
    elif isinstance(source, Forecast):
        items = source.cells
    else:
        items = tuple(source)
    data = []
    for r in items:
        f: RowForecast | CellForecast
        if isinstance(r, UnitRow):
            if r.forecast is None:
                continue
            f, unit, year, target = r.forecast, r.unit, r.year.last_year, r.year.target
        else:
            f, unit, year, target = r, r.cell, r.year, r.target
        data.append(
            {"unit": unit, "name": r.name, "year": year, "target": target,
             "admitted": f.admitted, "ready": f.ready,
             "forecast": float(round_half_up(f.forecast)), "forecast_exact": str(f.forecast),
             "percent": _pct(f.percent, _style(source, None)), "shortfall": f.shortfall,
             "next_total": f.next_total}
        )  # fmt: skip
    return pl_.DataFrame(data, schema=schema)


def funnel_frame(source: Report | Iterable[FunnelStep]) -> pl.DataFrame:
    """Return one row per funnel stage: people reached and share of the cohort."""
    _require("polars")
    import polars as pl_

    rows = source.funnel if isinstance(source, Report) else tuple(source)
    schema = {"stage": pl_.String, "label_vi": pl_.String, "label_en": pl_.String,
              "reached": pl_.Int64, "percent": pl_.Float64}  # fmt: skip
    data = [
        {"stage": f.stage.name, "label_vi": f.stage.value, "label_en": f.stage.label_en,
         "reached": f.reached,
         "percent": None if f.share is None else _pct(f.share * 100, _style(source, None))}
        for f in rows
    ]  # fmt: skip
    return pl_.DataFrame(data, schema=schema)


def findings_frame(source: Report | Iterable[Finding], lang: Language = "vi") -> pl.DataFrame:
    """Return one row per finding: rule, severity, subject, message, citation, dates.

    From a report, its plan checks' findings.
    """
    _require("polars")
    import polars as pl_

    rows = source.plan_findings if isinstance(source, Report) else tuple(source)
    schema = {
        "rule": pl_.String, "severity": pl_.String, "subject": pl_.String,
        "message": pl_.String, "citation": pl_.String, "confidence": pl_.String,
        "on": pl_.Date, "due": pl_.Date,
    }  # fmt: skip
    data = [
        {"rule": f.rule, "severity": f.severity.value, "subject": f.subject,
         "message": f.message(lang), "citation": None if f.citation is None else str(f.citation),
         "confidence": f.confidence.value, "on": f.on, "due": f.due}
        for f in rows
    ]  # fmt: skip
    return pl_.DataFrame(data, schema=schema)


# --- any level ----------------------------------------------------------------------


def _plan_rows(
    source: PlanFulfilment | Iterable[PlanFulfilment] | Iterable[UnitFulfilment],
) -> list[tuple[UnitFulfilment, bool]]:
    if isinstance(source, PlanFulfilment):
        return [(r, False) for r in source.rows] + [(source.total, True)]
    out: list[tuple[UnitFulfilment, bool]] = []
    for item in source:
        if isinstance(item, PlanFulfilment):
            out.extend([(r, False) for r in item.rows] + [(item.total, True)])
        else:
            out.append((item, False))
    return out


def unit_fulfilment_frame(
    source: PlanFulfilment | Iterable[PlanFulfilment] | Iterable[UnitFulfilment],
    *,
    style: PercentStyle | None = None,
) -> pl.DataFrame:
    """Return one row per unit: its target, what it achieved, percentages and run rate.

    From plans (:func:`~dangvien.quotas.plan_fulfilment`,
    :func:`~dangvien.quotas.fulfilment_by_level`), each plan's rows then its
    organisation's total (``total`` true); ``level`` is the organisation's
    level, or ``chi bộ`` for a cell; ``target`` is the low end of the target
    (``target_high`` its upper end, ``target_above`` for "trên N").
    """
    _require("polars")
    import polars as pl_

    schema = {
        "plan": pl_.String, "year": pl_.Int64, "as_of": pl_.Date, "unit": pl_.String,
        "name": pl_.String, "printed": pl_.String, "is_cell": pl_.Boolean, "level": pl_.String,
        "kind": pl_.String, "total": pl_.Boolean, "target": pl_.Int64,
        "target_high": pl_.Int64, "target_above": pl_.Boolean, "achieved": pl_.Int64,
        "percent": pl_.Float64, "percent_exact": pl_.String, "met": pl_.Boolean,
        "forecast": pl_.Float64, "forecast_percent": pl_.Float64, "source": pl_.String,
    }  # fmt: skip
    data = []
    for r, total in _plan_rows(source):
        u = r.unit
        level = (
            None if u is None else ("chi bộ" if u.is_cell else u.level.value if u.level else None)
        )
        kind = (
            None
            if u is None
            else (u.cell_kind.value if u.cell_kind else u.kind.value if u.kind else None)
        )
        data.append({
            "plan": r.plan, "year": r.year, "as_of": r.as_of, "unit": None if u is None else u.id,
            "name": r.name, "printed": r.printed, "is_cell": None if u is None else u.is_cell,
            "level": level, "kind": kind, "total": total, "target": r.target,
            "target_high": None if r.bounds is None else r.bounds.high,
            "target_above": None if r.bounds is None else r.bounds.above,
            "achieved": r.achieved, "percent": _pct(r.percent, style),
            "percent_exact": _exact(r.percent), "met": r.met,
            "forecast": None if r.forecast is None else float(r.forecast),
            "forecast_percent": _pct(r.forecast_percent, style), "source": r.source.value,
        })  # fmt: skip
    return pl_.DataFrame(data, schema=schema)


def subtotals_frame(
    rows: Report | Iterable[Subtotal], *, lang: Language = "vi", style: PercentStyle | None = None
) -> pl.DataFrame:
    """Return one row per group of :func:`~dangvien.quotas.subtotals`, labelled in *lang*.

    From a report, its plan's rows summed by level, by bloc and by kind.
    """
    _require("polars")
    import polars as pl_

    style = _style(rows, style)
    if isinstance(rows, Report):
        rows = rows.subtotals
    schema = {
        "by": pl_.String, "key": pl_.String, "label": pl_.String, "units": pl_.Int64,
        "target": pl_.Int64, "achieved": pl_.Int64, "percent": pl_.Float64,
        "percent_exact": pl_.String,
    }  # fmt: skip
    data = [
        {"by": s.by.value, "key": s.key, "label": s.label.render(lang), "units": s.units,
         "target": s.target, "achieved": s.achieved, "percent": _pct(s.percent, style),
         "percent_exact": _exact(s.percent)}
        for s in rows
    ]  # fmt: skip
    return pl_.DataFrame(data, schema=schema)


def plan_sums_frame(rows: Iterable[PlanSum]) -> pl.DataFrame:
    """Return one row per unit and year: its allocation against its own plan's target."""
    _require("polars")
    import polars as pl_

    schema = {
        "plan": pl_.String, "year": pl_.Int64, "unit": pl_.String, "name": pl_.String,
        "allocated": pl_.Int64, "lower_plan": pl_.String, "planned": pl_.Int64,
        "difference": pl_.Int64, "below": pl_.Boolean, "above": pl_.Boolean,
    }  # fmt: skip
    data = [
        {"plan": s.plan, "year": s.year, "unit": s.unit.id, "name": s.unit.name,
         "allocated": s.allocated.low, "lower_plan": s.lower_plan,
         "planned": None if s.planned is None else s.planned.low, "difference": s.difference,
         "below": s.below, "above": s.above}
        for s in rows
    ]  # fmt: skip
    return pl_.DataFrame(data, schema=schema)


def rate_frame(
    rows: Iterable[RateFulfilment], *, style: PercentStyle | None = None
) -> pl.DataFrame:
    """Return one row per rate target: the rate targeted, its figures and the rate reached."""
    _require("polars")
    import polars as pl_

    schema = {
        "plan": pl_.String, "year": pl_.Int64, "as_of": pl_.Date, "measure": pl_.String,
        "unit": pl_.String, "name": pl_.String, "low": pl_.Float64, "high": pl_.Float64,
        "numerator": pl_.Int64, "denominator": pl_.Int64, "percent": pl_.Float64,
        "percent_exact": pl_.String, "met": pl_.Boolean, "source": pl_.String,
    }  # fmt: skip
    data = [
        {"plan": r.plan, "year": r.year, "as_of": r.as_of, "measure": r.measure.name,
         "unit": None if r.unit is None else r.unit.id, "name": r.name, "low": float(r.low),
         "high": None if r.high is None else float(r.high), "numerator": r.numerator,
         "denominator": r.denominator, "percent": _pct(r.percent, style),
         "percent_exact": _exact(r.percent), "met": r.met, "source": r.source.value}
        for r in rows
    ]  # fmt: skip
    return pl_.DataFrame(data, schema=schema)


def breakdown_frame(
    source: Report | Breakdown | Iterable[Breakdown],
    *,
    lang: Language = "vi",
    style: PercentStyle | None = None,
) -> pl.DataFrame:
    """Return the breakdown tables in long form: one row per unit and category.

    From a report, its tables: the organisation's, then each unit's its
    plan names.

    Columns: the unit, the section (``of_which``, ``age``, ``occupation``…),
    the category's key and label in *lang*, its count, how many are not
    recorded (for "of which" rows), the unit's total and the share as a
    percentage.  Pivot it for a table per unit::

        df.filter(pl.col("section") == "age").pivot("label", index="name", values="count")
    """
    _require("polars")
    import polars as pl_

    style = _style(source, style)
    if isinstance(source, Report):
        tables = list(source.breakdowns)
    else:
        tables = [source] if isinstance(source, Breakdown) else list(source)
    schema = {
        "unit": pl_.String, "name": pl_.String, "year": pl_.Int64, "section": pl_.String,
        "key": pl_.String, "label": pl_.String, "count": pl_.Int64, "unknown": pl_.Int64,
        "total": pl_.Int64, "percent": pl_.Float64, "percent_exact": pl_.String,
    }  # fmt: skip
    data = [
        {"unit": b.unit.id, "name": b.unit.name, "year": b.year, "section": r.section.value,
         "key": r.key, "label": r.label.render(lang), "count": r.count, "unknown": r.unknown,
         "total": r.total, "percent": None if r.share is None else _pct(r.share * 100, style),
         "percent_exact": None if r.share is None else str(r.share * 100)}
        for b in tables
        for r in b.rows
    ]  # fmt: skip
    return pl_.DataFrame(data, schema=schema)


def levels_frame(
    source: Report | Iterable[LevelRow], *, lang: Language = "vi", style: PercentStyle | None = None
) -> pl.DataFrame:
    """Return one row per organisation and cell at every level, against its own target.

    Columns: the unit, its level (in *lang*), parent and depth; ``allocated``
    (what the plan one level up gives it) and the plan giving it;
    ``planned`` (its own plan's target) and that plan; ``target`` (the own
    plan's, else the allocation) and where it comes from; admissions and
    percentages; ``flag`` the worst severity of the ``PLAN-ALLOCATION``
    findings about its plan (None without one).
    """
    _require("polars")
    import polars as pl_

    style = _style(source, style)
    rows = source.levels if isinstance(source, Report) else tuple(source)
    schema = {
        "unit": pl_.String, "name": pl_.String, "level": pl_.String, "parent": pl_.String,
        "depth": pl_.Int64, "allocated": pl_.Int64, "allocated_by": pl_.String,
        "planned": pl_.Int64, "plan": pl_.String, "target": pl_.Int64,
        "target_from": pl_.String, "admitted": pl_.Int64, "percent": pl_.Float64,
        "percent_exact": pl_.String, "flag": pl_.String,
    }  # fmt: skip
    order = {s: i for i, s in enumerate(Severity)}
    data = [
        {"unit": r.unit, "name": r.name, "level": format_value(r.level, lang),
         "parent": r.parent, "depth": r.depth, "allocated": r.allocated,
         "allocated_by": r.allocated_by, "planned": r.planned, "plan": r.plan,
         "target": r.target, "target_from": r.target_from.value, "admitted": r.admitted,
         "percent": _pct(r.percent, style), "percent_exact": _exact(r.percent),
         "flag": min((f.severity for f in r.findings), key=order.__getitem__).value
         if r.findings else None}
        for r in rows
    ]  # fmt: skip
    return pl_.DataFrame(data, schema=schema)


def claims_frame(source: Report | Iterable[ClaimCheck], *, lang: Language = "vi") -> pl.DataFrame:
    """Return one row per published figure: what the document states, what dangvien computes.

    ``stated`` and ``computed`` are the figures as the document prints them
    (a percentage with its own decimals and rounding), ``agrees`` True,
    False or None (not computable), ``document`` the plan or report in *lang*.
    """
    _require("polars")
    import polars as pl_

    rows = source.claims if isinstance(source, Report) else tuple(source)
    schema = {
        "plan": pl_.String, "document": pl_.String, "text": pl_.String, "kind": pl_.String,
        "unit": pl_.String, "first_year": pl_.Int64, "year": pl_.Int64, "as_of": pl_.Date,
        "stated": pl_.String, "computed": pl_.String, "agrees": pl_.Boolean,
        "source": pl_.String,
    }  # fmt: skip
    data = [
        {"plan": c.plan, "document": c.where.render(lang), "text": c.claim.text,
         "kind": c.kind.value, "unit": c.unit.id, "first_year": c.first_year, "year": c.year,
         "as_of": c.as_of, "stated": format_value(c.stated, lang),
         "computed": None if c.computed is None else format_value(c.computed, lang),
         "agrees": c.agrees, "source": c.source.value}
        for c in rows
    ]  # fmt: skip
    return pl_.DataFrame(data, schema=schema)


def counts_frame(rows: Iterable[OrgCounts]) -> pl.DataFrame:
    """Return one row per organisation: grassroots organisations, cells, members, sources."""
    _require("polars")
    import polars as pl_

    schema = {
        "unit": pl_.String, "name": pl_.String, "level": pl_.String, "on": pl_.Date,
        "grassroots": pl_.Int64, "cells": pl_.Int64, "members": pl_.Int64,
        "structure_source": pl_.String, "members_source": pl_.String,
    }  # fmt: skip
    data = [
        {"unit": c.unit.id, "name": c.unit.name,
         "level": None if c.unit.level is None else c.unit.level.value, "on": c.on,
         "grassroots": c.grassroots, "cells": c.cells, "members": c.members,
         "structure_source": c.structure_source.value, "members_source": c.members_source.value}
        for c in rows
    ]  # fmt: skip
    return pl_.DataFrame(data, schema=schema)


# --- plots ------------------------------------------------------------------------------


def _l(key: str, lang: Language, **facts: object) -> str:
    return render(f"report_levels.plot.{key}", lang, **facts)


def plot_fulfilment(
    source: Report | Sequence[UnitRow] | Sequence[CellFulfilment],
    *,
    lang: Language = "vi",
    title: str | None = None,
) -> Figure:
    """Plot each unit's target beside its admissions (and, from a report, its forecast).

    Returns:
        A new :class:`~matplotlib.figure.Figure` (no pyplot state involved).

    """
    rows = _unit_rows(source.rows if isinstance(source, Report) else source)
    forecasts = {r.unit: float(r.forecast.forecast) for r in rows if r.forecast is not None}
    fig = _figure(figsize=(8, 0.38 * len(rows) + 1.6), layout="constrained")
    from matplotlib.ticker import MaxNLocator

    ax = fig.add_subplot()
    ys = list(range(len(rows)))[::-1]
    names = [r.name if r.unit is not None else f"{r.printed or r.name} (?)" for r in rows]
    targets = [r.year.target or 0 for r in rows]
    admitted = [r.year.admitted for r in rows]
    ax.barh(ys, targets, height=0.8, color="#d9d9d9", edgecolor="#7f7f7f",
            label=_l("target", lang))  # fmt: skip
    ax.barh(ys, admitted, height=0.45, color="#b2182b", label=_l("admitted", lang))
    if forecasts:
        fx = [forecasts.get(r.unit, 0.0) if r.unit is not None else 0.0 for r in rows]
        ax.scatter(fx, ys, marker="D", s=28, color="#2166ac", zorder=3,
                   label=_l("forecast", lang))  # fmt: skip
    ax.set_yticks(ys, names)
    ax.set_xlabel(_l("people", lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    year = rows[0].year.last_year if rows else ""
    default = _l("fulfil_title", lang, year=year)
    if isinstance(source, Report):
        default += f" — {source.organization.name}"
    ax.set_title(title or default, fontsize=11)
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(axis="x", color="#eeeeee")
    ax.set_axisbelow(True)
    return fig


def plot_funnel(
    source: Report | Sequence[FunnelStep],
    *,
    lang: Language = "vi",
    title: str | None = None,
    style: PercentStyle | None = None,
) -> Figure:
    """Plot a cohort funnel: people reaching each stage, centred bars with shares.

    Returns:
        A new :class:`~matplotlib.figure.Figure` (no pyplot state involved).

    """
    steps = list(source.funnel if isinstance(source, Report) else source)
    shown = _style(source, style) or DEFAULT_STYLE
    fig = _figure(figsize=(8, 0.5 * len(steps) + 1.4), layout="constrained")
    ax = fig.add_subplot()
    top = max((s.reached for s in steps), default=0) or 1
    ys = list(range(len(steps)))[::-1]
    widths = [s.reached for s in steps]
    lefts = [(top - w) / 2 for w in widths]
    ax.barh(ys, widths, left=lefts, height=0.75, color="#b2182b")
    for y, s, left in zip(ys, steps, lefts, strict=True):
        share = "" if s.share is None else f" ({shown.format(s.share * 100, lang)})"
        ax.text(left + s.reached / 2, y, f"{s.reached}{share}", ha="center", va="center",
                color="white" if s.reached > top * 0.25 else "black", fontsize=9)  # fmt: skip
    labels = [format_value(s.stage, lang) for s in steps]
    ax.set_yticks(ys, labels)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    default = _l("funnel_title", lang)
    if isinstance(source, Report):
        default += f" ({source.history[0]}–{source.history[1]})"
    ax.set_title(title or default, fontsize=11)
    return fig
