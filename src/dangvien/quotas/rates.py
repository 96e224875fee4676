"""Conversion between stages of the pipeline (tỷ lệ chuyển giai đoạn).

The *cohort* of stage S in years Y₁…Y₂ is everyone whose timeline first
entered S during those years.  A member of the cohort *converted* when their
timeline reached ADMITTED or a later stage of the pipeline (probationary,
official) within K years of entering S, i.e. on or before
``add_months(entry, 12 * K)``.  Only entries whose whole K-year window has
passed on the as-of date are counted (no censored cohorts).  The rate is the
exact fraction ``converted / cohort`` (None for an empty cohort).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from fractions import Fraction
from typing import ClassVar

import attrs

from dangvien.dates import add_months
from dangvien.findings import Language
from dangvien.messages import render
from dangvien.model.register import Dataset, Record
from dangvien.model.stages import Stage
from dangvien.quotas.counting import CANDIDATE_STAGES, PIPELINE_STAGES, STAGE_RANK
from dangvien.quotas.fulfilment import DEFAULT_STYLE, PercentStyle

__all__ = ["Conversion", "FunnelStep", "conversion", "conversion_rates", "funnel"]


def _entry(record: Record, stage: Stage) -> date | None:
    """The day the person first entered *stage*."""
    return record.timeline.first_reached(stage)


def _reached(record: Record, stage: Stage, after: date, until: date) -> date | None:
    """The first day in [after, until] the person held *stage* or a later pipeline stage."""
    need = STAGE_RANK[stage]
    for p in record.timeline.periods:
        if after <= p.start <= until and STAGE_RANK.get(p.stage, -1) >= need:
            return p.start
    return None


@attrs.frozen(kw_only=True)
class Conversion:
    """The share of a stage's cohort that reached a later stage (tỷ lệ chuyển giai đoạn).

    Attributes:
        from_stage: the cohort's stage.
        to_stage: the stage to reach (or pass).
        within_years: the window, in years from each person's entry.
        first_year: first cohort year.
        last_year: last cohort year.
        cohort: people who entered ``from_stage`` in those years, with a
            complete window by the as-of date.
        converted: those who reached ``to_stage`` within the window.

    """

    __json__: ClassVar[tuple[str, ...]] = ("rate",)

    from_stage: Stage
    to_stage: Stage
    within_years: int
    first_year: int
    last_year: int
    cohort: int
    converted: int

    @property
    def rate(self) -> Fraction | None:
        """Exact ``converted / cohort``; None for an empty cohort."""
        return Fraction(self.converted, self.cohort) if self.cohort else None

    def display(self, lang: Language = "vi", style: PercentStyle | None = None) -> str:
        """The rate as a percentage in *style* (default: one decimal, half up), or "no data"."""
        if self.rate is None:
            return render("quotas.no_data", lang)
        return (style or DEFAULT_STYLE).format(self.rate * 100, lang)


def conversion(
    dataset: Dataset,
    from_stage: Stage,
    *,
    to_stage: Stage = Stage.ADMITTED,
    within_years: int = 1,
    years: Iterable[int],
    as_of: date,
) -> Conversion:
    """Measure the share of *from_stage*'s cohort that reached *to_stage* within K years.

    See the module docstring for the exact definition.

    Raises:
        ValueError: when *years* is empty or *to_stage* does not come after
            *from_stage* in :data:`PIPELINE_STAGES`.

    """
    wanted = sorted(set(years))
    if not wanted:
        msg = "cần ít nhất một năm / at least one cohort year is needed"
        raise ValueError(msg)
    if (
        from_stage not in STAGE_RANK
        or to_stage not in STAGE_RANK
        or STAGE_RANK[to_stage] <= STAGE_RANK[from_stage]
    ):
        msg = (
            f"{to_stage.name} không sau {from_stage.name} trong quy trình / "
            f"{to_stage.name} does not come after {from_stage.name} in the pipeline"
        )
        raise ValueError(msg)
    cohort = converted = 0
    for record in dataset.records:
        entry = _entry(record, from_stage)
        if entry is None or entry.year not in wanted:
            continue
        end = add_months(entry, 12 * within_years)
        if end > as_of:
            continue
        cohort += 1
        if _reached(record, to_stage, entry, end) is not None:
            converted += 1
    return Conversion(
        from_stage=from_stage,
        to_stage=to_stage,
        within_years=within_years,
        first_year=wanted[0],
        last_year=wanted[-1],
        cohort=cohort,
        converted=converted,
    )


def conversion_rates(
    dataset: Dataset, *, years: Iterable[int], as_of: date, within_years: int = 1
) -> dict[Stage, Conversion]:
    """Return each candidate stage's conversion to admission within *within_years*."""
    ys = tuple(years)
    return {
        s: conversion(dataset, s, within_years=within_years, years=ys, as_of=as_of)
        for s in CANDIDATE_STAGES
    }


@attrs.frozen
class FunnelStep:
    """One stage of a cohort funnel (phễu phát triển đảng viên).

    Attributes:
        stage: the stage.
        reached: cohort members who reached it (or a later stage).
        share: ``reached / cohort``, exactly; None for an empty cohort.

    """

    stage: Stage
    reached: int
    share: Fraction | None


def funnel(
    dataset: Dataset,
    *,
    years: Iterable[int],
    as_of: date,
    start: Stage = Stage.SYMPATHIZER,
) -> tuple[FunnelStep, ...]:
    """Follow everyone who entered *start* in *years* through the later stages up to *as_of*.

    The first step is the cohort itself; each later step counts the cohort
    members who reached that stage (or a later one) on or before *as_of*.
    """
    wanted = set(years)
    stages = PIPELINE_STAGES[PIPELINE_STAGES.index(start) :]
    reached = Counter[Stage]()
    cohort = 0
    for record in dataset.records:
        entry = _entry(record, start)
        if entry is None or entry.year not in wanted or entry > as_of:
            continue
        cohort += 1
        for s in stages:
            if _reached(record, s, entry, as_of) is not None:
                reached[s] += 1
    return tuple(
        FunnelStep(s, reached[s], Fraction(reached[s], cohort) if cohort else None) for s in stages
    )
