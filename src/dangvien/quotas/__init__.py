"""Quotas: targets, allocation, fulfilment, plan checks and the pipeline (chỉ tiêu).

- :mod:`~dangvien.quotas.targets`: a plan's table expanded per unit (or
  cell) per year.
- :mod:`~dangvien.quotas.allocation`: apportioning a total over cells.
- :mod:`~dangvien.quotas.fulfilment`: admissions and introductions counted
  against targets, exact percentages and how they are printed, roll-up
  through the tree.
- :mod:`~dangvien.quotas.levels`: any unit's target against its
  achievement, every plan at its level, subtotals, run rates, plans one
  level down.
- :mod:`~dangvien.quotas.rate_targets`: targets stated as percentages.
- :mod:`~dangvien.quotas.claims`: published figures computed and compared.
- :mod:`~dangvien.quotas.breakdowns`: new members broken down as in the
  central forms.
- :mod:`~dangvien.quotas.plan_checks`: the plan checks, rules of the one
  registry (topic ``plan``).
- :mod:`~dangvien.quotas.counting`: people per stage per cell; grassroots
  organisations, cells and members per organisation.
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
from dangvien.quotas.breakdowns import (
    AGE_BANDS,
    AgeBand,
    Breakdown,
    BreakdownRow,
    Section,
    admission_breakdown,
    breakdowns,
)
from dangvien.quotas.claims import ClaimCheck, ClaimKind, claim_checks, document_name
from dangvien.quotas.counting import (
    MEMBER_STAGES,
    PIPELINE_STAGES,
    CellPipeline,
    CountSource,
    OrgCounts,
    members_by_cell,
    official_members,
    organization_counts,
    stage_counts,
)
from dangvien.quotas.forecasting import (
    DEFAULT_HISTORY_YEARS,
    CellForecast,
    Forecast,
    WeightBy,
    forecast,
    reapportion,
)
from dangvien.quotas.fulfilment import (
    DEFAULT_STYLE,
    Admission,
    CellFulfilment,
    CountBy,
    Fulfilment,
    IntroductionFulfilment,
    OrgFulfilment,
    Percent,
    PercentStyle,
    Rounding,
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
    round_decimal,
    round_half_up,
)
from dangvien.quotas.levels import (
    GroupBy,
    PlanFulfilment,
    PlanSum,
    Source,
    Subtotal,
    UnitFulfilment,
    admissions_by_unit,
    fulfilment_by_level,
    latest_report,
    plan_fulfilment,
    plan_sums,
    report_result,
    report_total,
    run_rate,
    subtotals,
)
from dangvien.quotas.plan_checks import (
    DEFAULT_STAGNANT_YEARS,
    StagnantCell,
    YearSpan,
    stagnant_cells,
)
from dangvien.quotas.rate_targets import RateFulfilment, rate_fulfilment
from dangvien.quotas.rates import Conversion, FunnelStep, conversion, conversion_rates, funnel
from dangvien.quotas.targets import (
    CellTarget,
    IntroductionQuota,
    UnitTarget,
    expand_introduction_targets,
    expand_targets,
    expand_unit_targets,
    plan_organization,
    plan_total,
    plan_years,
    resolve_unit,
    select_plan,
    targets_by_cell,
    top_plan,
    with_predecessors,
)

__all__ = [
    "AGE_BANDS",
    "DEFAULT_HISTORY_YEARS",
    "DEFAULT_STAGNANT_YEARS",
    "DEFAULT_STYLE",
    "MEMBER_STAGES",
    "PIPELINE_STAGES",
    "Admission",
    "AgeBand",
    "Allocation",
    "AllocationError",
    "Breakdown",
    "BreakdownRow",
    "CellForecast",
    "CellFulfilment",
    "CellPipeline",
    "CellTarget",
    "ClaimCheck",
    "ClaimKind",
    "Conversion",
    "CountBy",
    "CountSource",
    "Forecast",
    "FrozenMap",
    "Fulfilment",
    "FunnelStep",
    "GroupBy",
    "IntroductionFulfilment",
    "IntroductionQuota",
    "Method",
    "OrgCounts",
    "OrgFulfilment",
    "Percent",
    "PercentStyle",
    "PlanFulfilment",
    "PlanSum",
    "RateFulfilment",
    "Rounding",
    "Section",
    "Source",
    "StagnantCell",
    "Step",
    "StepKind",
    "Subtotal",
    "Tie",
    "UnitFulfilment",
    "UnitTarget",
    "WeightBy",
    "YearSpan",
    "admission_breakdown",
    "admission_counts",
    "admissions",
    "admissions_by_unit",
    "allocate",
    "breakdowns",
    "claim_checks",
    "conversion",
    "conversion_rates",
    "cumulative_fulfilment",
    "document_name",
    "expand_introduction_targets",
    "expand_targets",
    "expand_unit_targets",
    "forecast",
    "format_decimal",
    "format_percent",
    "fulfilment_by_cell",
    "fulfilment_by_level",
    "funnel",
    "introduction_counts",
    "introduction_fulfilment",
    "latest_report",
    "members_by_cell",
    "official_members",
    "organization_counts",
    "percent",
    "plan_fulfilment",
    "plan_organization",
    "plan_sums",
    "plan_total",
    "plan_years",
    "rate_fulfilment",
    "reapportion",
    "report_result",
    "report_total",
    "resolve_unit",
    "roll_up",
    "round_decimal",
    "round_half_up",
    "run_rate",
    "select_plan",
    "stage_counts",
    "stagnant_cells",
    "subtotals",
    "targets_by_cell",
    "top_plan",
    "with_predecessors",
]
