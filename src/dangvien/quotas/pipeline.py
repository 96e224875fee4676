"""The admission pipeline: stages, conversion, earliest dates, forecast (nguồn kết nạp).

**Stages per cell** (:func:`stage_counts`): each person's stage on a date comes
from :meth:`Record.stage_at`, their cell from :meth:`Record.cell_at`.

**Conversion** (:func:`conversion`, :func:`funnel`): the *cohort* of stage S
in years Y₁…Y₂ is everyone whose timeline first entered S during those
years.  A member of the cohort *converted* when their timeline reached
ADMITTED or a later stage of the pipeline (probationary, official) within
K years of entering S, i.e. on or before ``add_months(entry, 12 * K)``.
Only entries whose whole K-year window has passed on the as-of date are
counted (no censored cohorts).  The rate is the exact fraction
``converted / cohort`` (None for an empty cohort).

**Earliest admission date** (:func:`candidates`): for each person in the
pipeline (outstanding citizen, sympathizer, applicant, proposed by the cell),
the earliest day no *time-bound* legal condition prevents the cell from
voting on the admission.  It is the latest of the as-of date and:

- the day they turn the minimum age counted in full months
  (``add_months(birth, 12 * age)``, age read from
  :data:`~dangvien.parameters.ADMISSION_AGE_MIN_YEARS`);
- the day each assigned introducer became (or, still probationary, will
  become at the end of probation) an official member, and the day each has
  been in the applicant's cell for
  :data:`~dangvien.parameters.INTRODUCER_TENURE_MONTHS` full months, counted
  from :meth:`Record.cell_since` (an introducer from another cell is not
  judged: they may share a workplace);
- for a re-admission, :data:`~dangvien.parameters.READMISSION_WAIT_MONTHS`
  after the removal or expulsion.

Steps with no legal minimum duration (the awareness course, the
application, the background check, assigning introducers, the provincial
consent for applicants over the maximum age) are listed as *to do* and
assumed doable before that day; a course certificate that will have expired
by then (:data:`~dangvien.parameters.AWARENESS_VALIDITY_MONTHS`) is a course
to do again.  An education below
:data:`~dangvien.parameters.EDUCATION_MIN` (outside the special areas)
*blocks* the candidate: no earliest date.  Someone the cell has already
proposed is ready on the as-of date.  Nothing else is modelled (no
probation of sympathizers, no time between the cell's vote and the
decision).

**Forecast** (:func:`forecast`): a cell's year-end admissions are those
counted so far plus its candidates whose earliest date falls before
31 December (so a forecast made on 31 December is the count), each counted
as 1 or, with ``scale=True``, as the conversion rate of their current stage
to admission within one year over the :data:`DEFAULT_HISTORY_YEARS` years
before.  The shortfall is the target
minus the whole admissions forecast (the forecast rounded down); with
``carry_over=True`` it is added to the next year's target.

**Re-apportionment** (:func:`reapportion`): a commune total is shared over
the cells with :func:`~dangvien.quotas.allocation.allocate`, weighted by
official members, pipeline size or the plan's own targets, each cell capped
by what it can admit in the year (admitted so far plus candidates ready by
31 December).
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction

import attrs

from dangvien.dates import add_months, today_vn
from dangvien.findings import Language
from dangvien.model import events as ev
from dangvien.model.org import Organization
from dangvien.model.plan import Plan
from dangvien.model.register import Dataset, Record
from dangvien.model.stages import Stage
from dangvien.parameters import (
    ADMISSION_AGE_MAX_YEARS,
    ADMISSION_AGE_MIN_YEARS,
    AWARENESS_VALIDITY_MONTHS,
    EDUCATION_MIN,
    INTRODUCER_COUNT,
    INTRODUCER_TENURE_MONTHS,
    PROBATION_MONTHS,
    READMISSION_WAIT_MONTHS,
    Parameters,
    default_parameters,
)
from dangvien.quotas.allocation import Allocation, Method, allocate
from dangvien.quotas.fulfilment import (
    Admission,
    CountBy,
    admission_counts,
    admissions,
    format_percent,
    percent,
    round_half_up,
)
from dangvien.quotas.targets import expand_targets, plan_organization, select_plan

__all__ = [
    "CANDIDATE_STAGES",
    "DEFAULT_HISTORY_YEARS",
    "PIPELINE_STAGES",
    "Candidate",
    "CellForecast",
    "CellPipeline",
    "Condition",
    "ConditionState",
    "Conversion",
    "Forecast",
    "FunnelStep",
    "Requirement",
    "WeightBy",
    "candidates",
    "conversion",
    "conversion_rates",
    "earliest_admission",
    "forecast",
    "funnel",
    "official_members",
    "reapportion",
    "stage_counts",
]

#: Stages of people who may still be admitted (nguồn kết nạp).
CANDIDATE_STAGES: tuple[Stage, ...] = (
    Stage.OUTSTANDING,
    Stage.SYMPATHIZER,
    Stage.APPLICANT,
    Stage.PROPOSED,
)

#: Stages of the path from citizen to official member, in order.
PIPELINE_STAGES: tuple[Stage, ...] = (
    Stage.OUTSTANDING,
    Stage.SYMPATHIZER,
    Stage.APPLICANT,
    Stage.PROPOSED,
    Stage.ADMITTED,
    Stage.PROBATIONARY,
    Stage.OFFICIAL,
)

#: Years of history the forecast's conversion rates are taken from (an
#: analysis choice, not a legal number).
DEFAULT_HISTORY_YEARS = 5

_RANK = {s: i for i, s in enumerate((Stage.CITIZEN, *PIPELINE_STAGES))}


def _fmt(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# --- stages per cell ----------------------------------------------------------


@attrs.frozen(kw_only=True)
class CellPipeline:
    """People per stage in one cell on one day (nguồn kết nạp của chi bộ).

    Attributes:
        cell: the cell's id; None for people with no known cell.
        name: the cell's name.
        on: the day.
        counts: people per stage, for :data:`PIPELINE_STAGES` (zeros kept).

    """

    cell: str | None
    name: str
    on: date
    counts: tuple[tuple[Stage, int], ...]

    def count(self, stage: Stage) -> int:
        """Return how many people held *stage*."""
        return dict(self.counts).get(stage, 0)

    @property
    def candidates(self) -> int:
        """People who may still be admitted (outstanding … proposed)."""
        return sum(self.count(s) for s in CANDIDATE_STAGES)

    def to_json(self) -> dict[str, object]:
        """Return ``cell``, ``name``, ``on``, ``candidates`` and a count per stage name."""
        return {
            "cell": self.cell,
            "name": self.name,
            "on": self.on.isoformat(),
            "candidates": self.candidates,
            "stages": {s.name: n for s, n in self.counts},
        }


def stage_counts(
    dataset: Dataset, on: date, *, organization: Organization | None = None
) -> tuple[CellPipeline, ...]:
    """Count people per stage per cell on *on*.

    Rows follow the cells of *organization* (default: the whole tree) in
    tree order; people managed by no cell of it get a last row with
    ``cell=None`` when there are any in a pipeline stage.
    """
    org = organization or dataset.organization
    cells = org.all_cells()
    known = {c.id for c in cells}
    counts: dict[str | None, Counter[Stage]] = {c.id: Counter() for c in cells}
    for record in dataset.records:
        stage = record.stage_at(on)
        if stage not in _RANK or stage is Stage.CITIZEN:
            continue
        cell = record.cell_at(on)
        counts.setdefault(cell if cell in known else None, Counter())[stage] += 1
    rows = [
        CellPipeline(cell=c.id, name=c.name, on=on,
                     counts=tuple((s, counts[c.id][s]) for s in PIPELINE_STAGES))
        for c in cells
    ]  # fmt: skip
    if None in counts and counts[None].total():
        rows.append(
            CellPipeline(cell=None, name="(không rõ chi bộ)", on=on,
                         counts=tuple((s, counts[None][s]) for s in PIPELINE_STAGES))
        )  # fmt: skip
    return tuple(rows)


def official_members(
    dataset: Dataset, on: date, *, organization: Organization | None = None
) -> dict[str, int]:
    """Return official members per cell id on *on* (every cell of the tree, zeros kept)."""
    org = organization or dataset.organization
    out = {c.id: 0 for c in org.all_cells()}
    for record in dataset.records:
        if record.stage_at(on) is Stage.OFFICIAL:
            cell = record.cell_at(on)
            if cell in out:
                out[cell] += 1
    return out


# --- conversion ---------------------------------------------------------------


def _entry(record: Record, stage: Stage) -> date | None:
    """The day the person first entered *stage*."""
    return record.timeline.first_reached(stage)


def _reached(record: Record, stage: Stage, after: date, until: date) -> date | None:
    """The first day in [after, until] the person held *stage* or a later pipeline stage."""
    need = _RANK[stage]
    for p in record.timeline.periods:
        if after <= p.start <= until and _RANK.get(p.stage, -1) >= need:
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

    def display(self, lang: Language = "vi") -> str:
        """The rate as a percentage rounded half up, or "không có dữ liệu"."""
        if self.rate is None:
            return "không có dữ liệu" if lang == "vi" else "no data"
        return format_percent(self.rate * 100, lang)

    def to_json(self) -> dict[str, object]:
        """Return the counts, the exact rate and the rounded percentage."""
        rate = self.rate
        return {
            "from_stage": self.from_stage.name,
            "to_stage": self.to_stage.name,
            "within_years": self.within_years,
            "first_year": self.first_year,
            "last_year": self.last_year,
            "cohort": self.cohort,
            "converted": self.converted,
            "rate_exact": None if rate is None else str(rate),
            "percent": None if rate is None else float(round_half_up(rate * 100)),
        }


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
    if from_stage not in _RANK or to_stage not in _RANK or _RANK[to_stage] <= _RANK[from_stage]:
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


# --- earliest admission date ----------------------------------------------------


class Condition(enum.Enum):
    """A condition of admission the pipeline tracks (điều kiện kết nạp)."""

    AGE_MIN = "age_min"
    """Đủ tuổi tối thiểu (tính theo tháng)."""
    AGE_MAX = "age_max"
    """Quá tuổi tối đa: cần ý kiến Ban Thường vụ Tỉnh ủy."""
    EDUCATION = "education"
    """Trình độ học vấn tối thiểu."""
    AWARENESS_COURSE = "awareness_course"
    """Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng còn giá trị."""
    LISTED = "listed"
    """Được đưa vào danh sách cảm tình Đảng."""
    APPLICATION = "application"
    """Đơn xin vào Đảng, lý lịch."""
    INTRODUCERS = "introducers"
    """Đủ người giới thiệu."""
    INTRODUCER_OFFICIAL = "introducer_official"
    """Người giới thiệu là đảng viên chính thức."""
    INTRODUCER_TENURE = "introducer_tenure"
    """Người giới thiệu cùng sinh hoạt đủ thời gian."""
    READMISSION_WAIT = "readmission_wait"
    """Thời gian chờ trước khi kết nạp lại."""
    CELL_RESOLUTION = "cell_resolution"
    """Chi bộ đã có nghị quyết đề nghị kết nạp."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return _CONDITION_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """English label."""
        return _CONDITION_LABELS[self][1]


_CONDITION_LABELS = {
    Condition.AGE_MIN: ("đủ tuổi", "minimum age"),
    Condition.AGE_MAX: ("quá tuổi, cần ý kiến BTV tỉnh ủy", "over age, provincial consent"),
    Condition.EDUCATION: ("trình độ học vấn", "education"),
    Condition.AWARENESS_COURSE: ("lớp nhận thức về Đảng", "awareness course"),
    Condition.LISTED: ("vào danh sách cảm tình Đảng", "sympathizer list"),
    Condition.APPLICATION: ("đơn, lý lịch", "application and dossier"),
    Condition.INTRODUCERS: ("người giới thiệu", "introducers"),
    Condition.INTRODUCER_OFFICIAL: ("người giới thiệu là đảng viên chính thức",
                                    "introducers official"),
    Condition.INTRODUCER_TENURE: ("thời gian người giới thiệu cùng sinh hoạt",
                                  "introducers' tenure"),
    Condition.READMISSION_WAIT: ("thời gian chờ kết nạp lại", "re-admission wait"),
    Condition.CELL_RESOLUTION: ("nghị quyết chi bộ", "cell resolution"),
}  # fmt: skip


class ConditionState(enum.Enum):
    """Where a candidate stands on a condition (tình trạng điều kiện)."""

    MET = "met"
    """Đã đáp ứng on the as-of date."""
    WAIT = "wait"
    """Sẽ đáp ứng: time-bound, met from a known later day."""
    TODO = "todo"
    """Còn phải làm: a step with no legal minimum duration, still to do."""
    BLOCKED = "blocked"
    """Không đáp ứng được according to the data."""


@attrs.frozen
class Requirement:
    """One condition of a candidate's admission and where they stand (một điều kiện).

    Attributes:
        condition: the condition.
        state: met, wait, to do or blocked.
        date: the day from which it is met (met and wait), else None.
        detail_vi: the numbers, in Vietnamese.
        detail_en: the numbers, in English.

    """

    condition: Condition
    state: ConditionState
    date: dt.date | None
    detail_vi: str
    detail_en: str

    def to_json(self) -> dict[str, object]:
        """Return the condition, state, date and details."""
        return {
            "condition": self.condition.value,
            "state": self.state.value,
            "date": None if self.date is None else self.date.isoformat(),
            "detail_vi": self.detail_vi,
            "detail_en": self.detail_en,
        }


@attrs.frozen(kw_only=True)
class Candidate:
    """A person in the pipeline with their earliest possible admission (người trong nguồn).

    Attributes:
        person: the person's id.
        name: their full name.
        cell: the cell managing them on the as-of date.
        stage: their stage on the as-of date.
        on: the as-of date.
        requirements: the conditions tracked and where they stand.
        earliest: the earliest day the cell may vote on the admission (the
            latest of *on* and every met or awaited condition's day); None
            when a condition is blocked.

    """

    person: str
    name: str
    cell: str | None
    stage: Stage
    on: date
    requirements: tuple[Requirement, ...]
    earliest: date | None

    @property
    def blocked(self) -> bool:
        """True when a condition cannot be met according to the data."""
        return any(r.state is ConditionState.BLOCKED for r in self.requirements)

    @property
    def todo(self) -> tuple[Condition, ...]:
        """Steps still to do (no legal minimum duration)."""
        return tuple(r.condition for r in self.requirements if r.state is ConditionState.TODO)

    def ready_before(self, day: date) -> bool:
        """Return whether the earliest admission day falls before *day*."""
        return self.earliest is not None and self.earliest < day

    def to_json(self) -> dict[str, object]:
        """Return the person, cell, stage, earliest date and requirements."""
        return {
            "person": self.person,
            "name": self.name,
            "cell": self.cell,
            "stage": self.stage.name,
            "on": self.on.isoformat(),
            "earliest": None if self.earliest is None else self.earliest.isoformat(),
            "blocked": self.blocked,
            "todo": [c.value for c in self.todo],
            "requirements": [r.to_json() for r in self.requirements],
        }


def _req(
    condition: Condition, state: ConditionState, day: date | None, vi: str, en: str
) -> Requirement:
    return Requirement(condition, state, day, vi, en)


def _timed(condition: Condition, day: date, on: date, vi: str, en: str) -> Requirement:
    state = ConditionState.MET if day <= on else ConditionState.WAIT
    return Requirement(condition, state, day, vi, en)


def _official_from(other: Record, after: date, params: Parameters) -> date | None:
    """The day *other* is (or, on probation, will be) an official member, from *after* on."""
    for p in other.timeline.periods:
        if p.stage is Stage.OFFICIAL and p.start >= after:
            return p.start
    if other.stage_at(after) is Stage.PROBATIONARY and other.timeline.memberships:
        ceremony = other.timeline.memberships[-1].ceremony
        if ceremony is not None:
            return add_months(ceremony.date, params.value(PROBATION_MONTHS, ceremony.date))
    return None


def _introducer_requirements(
    record: Record, on: date, dataset: Dataset, params: Parameters
) -> list[Requirement]:
    C, S = Condition, ConditionState
    intro = record.last(ev.IntroducersAssigned, on)
    need = params.value(INTRODUCER_COUNT, on)
    if intro is None:
        return [_req(C.INTRODUCERS, S.TODO, None, f"chưa có người giới thiệu (cần {need})",
                     f"no introducers yet ({need} needed)")]  # fmt: skip
    have = len(set(intro.introducers)) + (1 if intro.org_introducer else 0)
    if have < need:
        return [_req(C.INTRODUCERS, S.TODO, None, f"có {have} người giới thiệu, cần {need}",
                     f"{have} introducers, {need} needed")]  # fmt: skip
    out = [_req(C.INTRODUCERS, S.MET, intro.date,
                f"{have} người giới thiệu ngày {_fmt(intro.date)}",
                f"{have} introducers on {_fmt(intro.date)}")]  # fmt: skip
    cell = record.cell_at(intro.date)
    tenure = params.value(INTRODUCER_TENURE_MONTHS, intro.date)
    for pid in intro.introducers:
        other = dataset.record(pid)
        if other is None:
            continue
        if other.stage_at(intro.date) is not Stage.OFFICIAL:
            official = _official_from(other, intro.date, params)
            if official is None:
                out.append(_req(C.INTRODUCER_OFFICIAL, S.TODO, None,
                                f"{pid} không phải đảng viên chính thức: cần người khác",
                                f"{pid} is not an official member: another is needed"))  # fmt: skip
            else:
                out.append(_timed(C.INTRODUCER_OFFICIAL, official, on,
                                  f"{pid} là đảng viên chính thức từ {_fmt(official)}",
                                  f"{pid} official from {_fmt(official)}"))  # fmt: skip
        if cell is None or other.cell_at(intro.date) != cell:
            continue
        since = other.cell_since(intro.date)
        if since is None:
            continue
        enough = add_months(since, tenure)
        if enough > intro.date:
            out.append(_timed(C.INTRODUCER_TENURE, enough, on,
                              f"{pid} sinh hoạt cùng chi bộ từ {_fmt(since)}: đủ {tenure} tháng "
                              f"ngày {_fmt(enough)}",
                              f"{pid} in the cell since {_fmt(since)}: {tenure} months on "
                              f"{_fmt(enough)}"))  # fmt: skip
    return out


def earliest_admission(
    record: Record,
    on: date,
    *,
    dataset: Dataset,
    params: Parameters | None = None,
    include_admitted: bool = False,
) -> Candidate | None:
    """Work out a pipeline member's earliest possible admission (ngày sớm nhất có thể kết nạp).

    Args:
        record: the person's record.
        on: the as-of date.
        dataset: the dataset (for the introducers' records).
        params: the legal parameters (default: as encoded).
        include_admitted: also return people whose admission is decided but
            whose ceremony is not held (for counting by ceremony date).

    Returns:
        The candidate, or None when the person is not in the pipeline on *on*.

    """
    params = params or default_parameters()
    stage = record.stage_at(on)
    wanted = (*CANDIDATE_STAGES, Stage.ADMITTED) if include_admitted else CANDIDATE_STAGES
    if stage not in wanted:
        return None
    person = record.person
    C, S = Condition, ConditionState
    reqs: list[Requirement] = []
    if stage in (Stage.PROPOSED, Stage.ADMITTED):
        res = record.last(ev.CellResolution, on)
        day = res.date if res is not None else on
        reqs.append(_req(C.CELL_RESOLUTION, S.MET, day, f"chi bộ đề nghị ngày {_fmt(day)}",
                         f"proposed by the cell on {_fmt(day)}"))  # fmt: skip
    else:
        age = params.value(ADMISSION_AGE_MIN_YEARS, on)
        turns = add_months(person.birth_date, 12 * age)
        reqs.append(_timed(C.AGE_MIN, turns, on, f"đủ {age} tuổi ngày {_fmt(turns)}",
                           f"turns {age} on {_fmt(turns)}"))  # fmt: skip
        limit = params.value(ADMISSION_AGE_MAX_YEARS, on)
        if on >= add_months(person.birth_date, 12 * limit + 1):
            consent = [c for c in record.of_type(ev.ProvincialConsent)
                       if c.purpose is ev.ConsentPurpose.OVER_60 and c.date <= on]  # fmt: skip
            if consent:
                reqs.append(_req(C.AGE_MAX, S.MET, consent[-1].date,
                                 f"trên {limit} tuổi, có ý kiến BTV tỉnh ủy",
                                 f"over {limit}, provincial consent given"))  # fmt: skip
            else:
                reqs.append(_req(C.AGE_MAX, S.TODO, None,
                                 f"trên {limit} tuổi: cần ý kiến BTV tỉnh ủy",
                                 f"over {limit}: provincial consent needed"))  # fmt: skip
        edu = params.value(EDUCATION_MIN, on)
        if person.education.at_least(edu):
            reqs.append(_req(C.EDUCATION, S.MET, None, f"trình độ {person.education.value}",
                             f"education {person.education.value}"))  # fmt: skip
        elif person.special_area:
            reqs.append(_req(C.EDUCATION, S.MET, None,
                             f"trình độ {person.education.value}, vùng đặc biệt khó khăn",
                             f"education {person.education.value}, special area"))  # fmt: skip
        else:
            reqs.append(_req(C.EDUCATION, S.BLOCKED, None,
                             f"trình độ {person.education.value}, dưới mức {edu.value}",
                             f"education {person.education.value}, below {edu.value}"))  # fmt: skip
        if stage is Stage.APPLICANT:
            app = record.last(ev.ApplicationFiled, on)
            day = app.date if app is not None else on
            reqs.append(_req(C.APPLICATION, S.MET, day, f"đơn ngày {_fmt(day)}",
                             f"application of {_fmt(day)}"))  # fmt: skip
            reqs.extend(_introducer_requirements(record, on, dataset, params))
        else:
            if stage is Stage.OUTSTANDING:
                reqs.append(_req(C.LISTED, S.TODO, None, "chưa vào danh sách cảm tình Đảng",
                                 "not yet on the sympathizer list"))  # fmt: skip
            reqs.append(_req(C.APPLICATION, S.TODO, None, "chưa nộp đơn xin vào Đảng",
                             "no application yet"))  # fmt: skip
            reqs.append(_req(C.INTRODUCERS, S.TODO, None, "chưa có người giới thiệu",
                             "no introducers yet"))  # fmt: skip
        exits = [e for e in record.events if isinstance(e, ev.Removed | ev.Expelled)
                 and e.date <= on]  # fmt: skip
        if exits:
            wait = params.value(READMISSION_WAIT_MONTHS, on)
            until = add_months(exits[-1].date, wait)
            reqs.append(_timed(C.READMISSION_WAIT, until, on,
                               f"kết nạp lại: đủ {wait} tháng ngày {_fmt(until)}",
                               f"re-admission: {wait} months on {_fmt(until)}"))  # fmt: skip
    timed = [r.date for r in reqs if r.state in (S.MET, S.WAIT) and r.date is not None]
    blocked = any(r.state is S.BLOCKED for r in reqs)
    earliest = None if blocked else max([on, *timed])
    if stage not in (Stage.PROPOSED, Stage.ADMITTED):
        reqs.append(_course_requirement(record, on, earliest, params))
    return Candidate(
        person=person.id,
        name=person.full_name,
        cell=record.cell_at(on),
        stage=stage,
        on=on,
        requirements=tuple(reqs),
        earliest=earliest,
    )


def _course_requirement(
    record: Record, on: date, earliest: date | None, params: Parameters
) -> Requirement:
    C, S = Condition, ConditionState
    course = record.last(ev.AwarenessCourse, on)
    if course is None:
        return _req(C.AWARENESS_COURSE, S.TODO, None, "chưa học lớp nhận thức về Đảng",
                    "awareness course not taken")  # fmt: skip
    months = params.value(AWARENESS_VALIDITY_MONTHS, course.date)
    expiry = add_months(course.date, months)
    if earliest is not None and expiry < earliest:
        return _req(C.AWARENESS_COURSE, S.TODO, None,
                    f"giấy chứng nhận ngày {_fmt(course.date)} hết giá trị ngày {_fmt(expiry)}: "
                    "cần học lại",
                    f"certificate of {_fmt(course.date)} expires on {_fmt(expiry)}: retake "
                    "the course")  # fmt: skip
    return _req(C.AWARENESS_COURSE, S.MET, course.date,
                f"giấy chứng nhận ngày {_fmt(course.date)}, còn giá trị đến {_fmt(expiry)}",
                f"certificate of {_fmt(course.date)}, valid until {_fmt(expiry)}")  # fmt: skip


def candidates(
    dataset: Dataset,
    on: date,
    *,
    params: Parameters | None = None,
    organization: Organization | None = None,
    include_admitted: bool = False,
) -> tuple[Candidate, ...]:
    """Return everyone in the pipeline on *on* with their earliest admission date.

    Limited to the cells of *organization* when given (people with no cell
    are then left out).  Sorted by earliest date (blocked last), then id.
    """
    params = params or default_parameters()
    cells = None if organization is None else {c.id for c in organization.all_cells()}
    out: list[Candidate] = []
    for record in dataset.records:
        found = earliest_admission(
            record, on, dataset=dataset, params=params, include_admitted=include_admitted
        )
        if found is None or (cells is not None and found.cell not in cells):
            continue
        out.append(found)
    return tuple(sorted(out, key=lambda c: (c.earliest is None, c.earliest or on, c.person)))


# --- forecast -------------------------------------------------------------------


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
            31 December.
        expected: further admissions expected: ``ready`` unscaled, else the
            sum of their stages' conversion rates.
        next_target: the plan's target for the next year (None if the plan
            does not cover it or sets none).
        carried: the shortfall added to the next year (0 unless carried).

    """

    cell: str
    name: str
    year: int
    target: int | None
    admitted: int
    ready: int
    expected: Fraction
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

    def display(self, lang: Language = "vi") -> str:
        """The forecast percentage rounded half up, or "không giao chỉ tiêu"."""
        return format_percent(self.percent, lang)

    def to_json(self) -> dict[str, object]:
        """Return the counts, the exact forecast and its percentage."""
        p = self.percent
        return {
            "cell": self.cell,
            "name": self.name,
            "year": self.year,
            "target": self.target,
            "admitted": self.admitted,
            "ready": self.ready,
            "expected_exact": str(self.expected),
            "forecast": float(round_half_up(self.forecast)),
            "forecast_exact": str(self.forecast),
            "percent": None if p is None else float(round_half_up(p)),
            "shortfall": self.shortfall,
            "next_target": self.next_target,
            "carried": self.carried,
            "next_total": self.next_total,
        }


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

    def to_json(self) -> dict[str, object]:
        """Return the settings, totals, rates and cells."""
        p = percent(self.total, self.target)
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "count_by": self.count_by.value,
            "scaled": self.scaled,
            "carry_over": self.carry_over,
            "target": self.target,
            "admitted": self.admitted,
            "forecast": float(round_half_up(self.total)),
            "forecast_exact": str(self.total),
            "percent": None if p is None else float(round_half_up(p)),
            "shortfall": self.shortfall,
            "rates": [r.to_json() for r in self.rates],
            "cells": [c.to_json() for c in self.cells],
        }


def forecast(
    dataset: Dataset,
    year: int,
    *,
    plan: Plan | None = None,
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
    as_of = as_of or today_vn()
    params = params or default_parameters()
    plan = plan or select_plan(dataset.plans, year)
    org = dataset.organization if plan is None else plan_organization(dataset, plan)
    year_end = date(year, 12, 31)
    got = admissions(dataset, count_by=count_by, as_of=as_of) if items is None else tuple(items)
    counts = admission_counts(got, [year])
    pool = (
        candidates(dataset, as_of, params=params, organization=org,
                   include_admitted=count_by is CountBy.CEREMONY)
        if found is None else tuple(found)
    )  # fmt: skip
    rates: dict[Stage, Conversion] = {}
    if scale:
        history = range(year - history_years, year)
        rates = conversion_rates(dataset, years=history, as_of=as_of, within_years=within_years)
    ready: dict[str | None, list[Candidate]] = {}
    for c in pool:
        if c.ready_before(year_end):
            ready.setdefault(c.cell, []).append(c)

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
            expected=sum((weight(c) for c in mine), Fraction(0)),
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
    each cell is capped by what it can admit in *year*: admissions counted so
    far plus candidates whose earliest admission day falls before
    31 December.  An unreachable total gives an allocation that is not
    :attr:`~dangvien.quotas.allocation.Allocation.feasible`.
    """
    as_of = as_of or today_vn()
    params = params or default_parameters()
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
        caps = {row.cell: row.admitted + row.ready for row in fc.cells}
    return allocate(total, w, method=method, minimum=minimum, maximum=maximum, caps=caps)
