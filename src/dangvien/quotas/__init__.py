"""Quotas: targets, allocation, fulfilment, plan checks and the pipeline (chỉ tiêu).

- :mod:`~dangvien.quotas.targets`: a plan's table expanded per cell per year.
- :mod:`~dangvien.quotas.allocation`: apportioning a total over cells.
- :mod:`~dangvien.quotas.fulfilment`: admissions and introductions counted
  against targets, exact percentages, roll-up through the tree.
- :mod:`~dangvien.quotas.plan_checks`: the plan checks, rules of the one
  registry (topic ``plan``).
- :mod:`~dangvien.quotas.counting`: people per stage per cell.
- :mod:`~dangvien.quotas.rates`: conversion between stages, funnels.
- :mod:`~dangvien.quotas.forecasting`: year-end forecast, re-apportionment.

Who could be admitted, and from when, is the admission rules' answer:
:mod:`dangvien.rules.eligibility`.

See ``docs/quotas.md``.
"""

from dangvien.quotas.allocation import (
    Allocation,
    AllocationError,
    FrozenMap,
    Method,
    Step,
    StepKind,
    Tie,
    allocate,
)
from dangvien.quotas.counting import PIPELINE_STAGES, CellPipeline, official_members, stage_counts
from dangvien.quotas.forecasting import (
    DEFAULT_HISTORY_YEARS,
    CellForecast,
    Forecast,
    WeightBy,
    forecast,
    reapportion,
)
from dangvien.quotas.fulfilment import (
    Admission,
    CellFulfilment,
    CountBy,
    Fulfilment,
    IntroductionFulfilment,
    OrgFulfilment,
    admission_counts,
    admissions,
    cumulative_fulfilment,
    format_decimal,
    format_percent,
    fulfilment_by_cell,
    introduction_counts,
    introduction_fulfilment,
    percent,
    roll_up,
    round_half_up,
)
from dangvien.quotas.plan_checks import (
    DEFAULT_STAGNANT_YEARS,
    StagnantCell,
    YearSpan,
    stagnant_cells,
)
from dangvien.quotas.rates import Conversion, FunnelStep, conversion, conversion_rates, funnel
from dangvien.quotas.targets import (
    CellTarget,
    IntroductionQuota,
    expand_introduction_targets,
    expand_targets,
    plan_organization,
    plan_years,
    select_plan,
    targets_by_cell,
)

__all__ = [
    "DEFAULT_HISTORY_YEARS",
    "DEFAULT_STAGNANT_YEARS",
    "PIPELINE_STAGES",
    "Admission",
    "Allocation",
    "AllocationError",
    "CellForecast",
    "CellFulfilment",
    "CellPipeline",
    "CellTarget",
    "Conversion",
    "CountBy",
    "Forecast",
    "FrozenMap",
    "Fulfilment",
    "FunnelStep",
    "IntroductionFulfilment",
    "IntroductionQuota",
    "Method",
    "OrgFulfilment",
    "StagnantCell",
    "Step",
    "StepKind",
    "Tie",
    "WeightBy",
    "YearSpan",
    "admission_counts",
    "admissions",
    "allocate",
    "conversion",
    "conversion_rates",
    "cumulative_fulfilment",
    "expand_introduction_targets",
    "expand_targets",
    "forecast",
    "format_decimal",
    "format_percent",
    "fulfilment_by_cell",
    "funnel",
    "introduction_counts",
    "introduction_fulfilment",
    "official_members",
    "percent",
    "plan_organization",
    "plan_years",
    "reapportion",
    "roll_up",
    "round_half_up",
    "select_plan",
    "stage_counts",
    "stagnant_cells",
    "targets_by_cell",
]
