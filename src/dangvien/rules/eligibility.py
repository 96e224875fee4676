"""Who could be admitted, and from when (ai có thể kết nạp, từ ngày nào).

Eligibility is judged once, by the admission rules themselves: the rules
marked :attr:`~dangvien.rules._base.Rule.eligibility` (age, education,
application, certificate, introducers, dossier, re-admission) are asked, at a
hypothetical cell meeting on a day, whether the person could be admitted.
``check`` and ``explain`` run the same units at the real meetings, so the
pipeline, the forecast, the report, ``check`` and ``explain`` cannot
disagree.

:func:`admissibility` answers for one day.  :func:`earliest_admission`
searches the earliest day from what is still to do: every failure carries a
:class:`~dangvien.rules._base.Remedy`.

- *wait*: the passing of time meets it from a known day (turning 18, the
  re-admission wait): the search moves to that day;
- *to do*: a step to take (an application, introducers, the course, the
  provincial consent, a renewed introduction); when the law times the step
  (an introducer who becomes official, twelve months together), it cannot be
  done before a known day and the search moves there too; otherwise the step
  is listed and assumed done by the day found;
- *blocked*: the data rule it out (education below the minimum outside the
  special areas, a barred re-admission): no earliest day.

A warning (a special area's education, an introducer from another cell) does
not block; it is listed with the rest.  Steps of the stage model that no
rule times (being put on the sympathizer list) are listed as steps to take.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import attrs

from dangvien.calendar import WorkCalendar
from dangvien.errors import UnknownIdError
from dangvien.findings import Severity
from dangvien.messages import Text
from dangvien.model import events as ev
from dangvien.model.org import Organization
from dangvien.model.register import Dataset, Record
from dangvien.model.stages import TRANSITIONS, Stage
from dangvien.parameters import Parameters
from dangvien.rules._base import REGISTRY, Context, Evaluation, RemedyKind, Status, evaluate
from dangvien.rules._common import OPEN_STAGES
from dangvien.rules._context import context

__all__ = [
    "CANDIDATE_STAGES",
    "Admissibility",
    "Candidate",
    "admissibility",
    "admissible",
    "candidates",
    "earliest_admission",
    "eligibility_rules",
    "pipeline_context",
]

#: Stages of people who may still be admitted (nguồn kết nạp).
CANDIDATE_STAGES: tuple[Stage, ...] = (
    Stage.OUTSTANDING,
    Stage.SYMPATHIZER,
    Stage.APPLICANT,
    Stage.PROPOSED,
)

# The search moves forward at most this many times: each move is to a later
# day some rule names, and a person has only a handful of timed conditions.
_MAX_STEPS = 32


def eligibility_rules() -> list[str]:
    """Return the ids of the rules judged for admissibility, in registry order."""
    return [r.id for r in REGISTRY.values() if r.eligibility]


@attrs.frozen
class Admissibility:
    """The admission rules' answer for one person at a meeting on one day.

    Attributes:
        person: the person's id.
        on: the meeting day asked about.
        evaluations: every eligibility rule's evaluation at that meeting.
    """

    __json__: ClassVar[tuple[str, ...]] = ("admissible",)

    person: str
    on: date
    evaluations: tuple[Evaluation, ...]

    @property
    def failures(self) -> tuple[Evaluation, ...]:
        """The failed conditions that bar admission (violations, not warnings)."""
        return tuple(
            e
            for e in self.evaluations
            if e.status is Status.FAIL
            and e.finding is not None
            and e.finding.severity is Severity.VIOLATION
        )

    @property
    def admissible(self) -> bool:
        """True when no admission rule fails at a meeting on :attr:`on`."""
        return not self.failures


def admissibility(ctx: Context, record: Record, day: date) -> Admissibility:
    """Ask every eligibility rule about a meeting on *day*, with the facts known on ``ctx.as_of``.

    The person must be in the pipeline (outstanding, sympathizer or
    applicant) on the as-of date; otherwise no meeting is judged and every
    rule is not applicable.
    """
    asked = Context(
        dataset=ctx.dataset,
        as_of=ctx.as_of,
        params=ctx.params,
        calendar=ctx.calendar,
        meeting_on=day,
        only_meeting=True,
        year=ctx.year,
    )
    selected = [r for r in REGISTRY.values() if r.eligibility]
    found = tuple(evaluate(selected, asked, record, explaining=True))
    return Admissibility(record.person.id, day, found)


@attrs.frozen(kw_only=True)
class Candidate:
    """A person in the pipeline with their earliest possible admission (người trong nguồn).

    Attributes:
        person: the person's id.
        name: their full name.
        cell: the cell managing them on the as-of date.
        stage: their stage on the as-of date.
        on: the as-of date.
        earliest: the earliest day the cell may vote on the admission; None
            when a condition is blocked.  For someone the cell has already
            proposed, the as-of date.
        evaluations: the eligibility rules' evaluations at a meeting on
            :attr:`earliest` (on the as-of date when blocked).
        steps: steps of the procedure no rule times, still to take (for
            example being put on the sympathizer list).
    """

    person: str
    name: str
    cell: str | None
    stage: Stage
    on: date
    earliest: date | None
    evaluations: tuple[Evaluation, ...] = ()
    steps: tuple[ev.EventKind, ...] = ()

    @property
    def blocked(self) -> bool:
        """True when a condition cannot be met according to the data."""
        return self.earliest is None

    @property
    def todo(self) -> tuple[Evaluation, ...]:
        """Failed conditions that are steps still to take (to do)."""
        return tuple(
            e
            for e in self.evaluations
            if e.status is Status.FAIL and e.remedy is not None and e.remedy.kind is RemedyKind.TODO
        )

    @property
    def warnings(self) -> tuple[Evaluation, ...]:
        """Conditions to verify (warnings), which do not bar admission."""
        return tuple(
            e
            for e in self.evaluations
            if e.finding is not None and e.finding.severity is Severity.WARNING
        )

    @property
    def ready(self) -> bool:
        """True when nothing is left to do and nothing blocks."""
        return not self.blocked and not self.todo and not self.steps

    def ready_before(self, day: date) -> bool:
        """Return whether the person is :attr:`ready` and the earliest day falls before *day*."""
        return self.ready and self.earliest is not None and self.earliest < day


def _steps(stage: Stage) -> tuple[ev.EventKind, ...]:
    """Stage-model steps to reach an applicant from *stage*, besides the application.

    Derived from :data:`~dangvien.model.stages.TRANSITIONS`; the application
    itself is a condition the ``ADMIT-APPLICATION`` rule judges.
    """
    out: list[ev.EventKind] = []
    current = stage
    for _ in range(len(TRANSITIONS)):
        if current is Stage.APPLICANT:
            break
        step = next(
            (
                cls
                for cls, t in TRANSITIONS.items()
                if current in t.sources
                and t.target is not None
                and t.target is not Stage.CITIZEN
                and _closer(t.target, current)
            ),
            None,
        )
        if step is None:
            break
        current = TRANSITIONS[step].target  # type: ignore[assignment]
        if step is not ev.ApplicationFiled:
            out.append(ev.EventKind(step))
    return tuple(out)


_PATH = (Stage.OUTSTANDING, Stage.SYMPATHIZER, Stage.APPLICANT)


def _closer(target: Stage, current: Stage) -> bool:
    """Whether *target* is further along the path to applicant than *current*."""
    if target not in _PATH:
        return False
    return current not in _PATH or _PATH.index(target) > _PATH.index(current)


def earliest_admission(
    ctx: Context, record: Record, *, include_admitted: bool = False
) -> Candidate | None:
    """Find a pipeline member's earliest possible admission (ngày sớm nhất có thể kết nạp).

    Starting at the as-of date, ask :func:`admissibility`; while a failed
    condition names a later day (wait, or a timed step), move to the latest
    such day and ask again.  The answer is the first day no condition bars
    admission except untimed steps still to take.

    Args:
        ctx: the context (its dataset as known on its as-of date).
        record: the person's record, from ``ctx.dataset``.
        include_admitted: also return people whose admission is decided but
            whose ceremony is not held (for counting by ceremony date).

    Returns:
        The candidate, or None when the person is not in the pipeline.

    """
    stage = record.stage_at(ctx.as_of)
    wanted = (*CANDIDATE_STAGES, Stage.ADMITTED) if include_admitted else CANDIDATE_STAGES
    if stage not in wanted:
        return None
    person = record.person
    common = {
        "person": person.id,
        "name": person.full_name,
        "cell": record.cell_at(ctx.as_of),
        "stage": stage,
        "on": ctx.as_of,
    }
    if stage not in OPEN_STAGES:
        # Proposed or admitted: the cell has voted; nothing is left to judge.
        return Candidate(earliest=ctx.as_of, **common)  # type: ignore[arg-type]
    day = ctx.as_of
    answer = admissibility(ctx, record, day)
    for _ in range(_MAX_STEPS):
        failures = answer.failures
        if any(e.remedy is None or e.remedy.kind is RemedyKind.BLOCKED for e in failures):
            return Candidate(
                earliest=None,
                evaluations=answer.evaluations,
                steps=_steps(stage),
                **common,  # type: ignore[arg-type]
            )
        later = [
            e.remedy.on
            for e in failures
            if e.remedy is not None and e.remedy.on is not None and e.remedy.on > day
        ]
        if not later:
            break
        day = max(later)
        answer = admissibility(ctx, record, day)
    return Candidate(
        earliest=day,
        evaluations=answer.evaluations,
        steps=_steps(stage),
        **common,  # type: ignore[arg-type]
    )


def candidates(
    ctx: Context,
    *,
    organization: Organization | None = None,
    include_admitted: bool = False,
) -> tuple[Candidate, ...]:
    """Return everyone in the pipeline on the as-of date with their earliest admission day.

    Limited to the cells of *organization* when given (people with no cell
    are then left out).  Sorted by earliest day (blocked last), then id.
    """
    cells = None if organization is None else {c.id for c in organization.all_cells()}
    out: list[Candidate] = []
    for record in ctx.dataset.records:
        found = earliest_admission(ctx, record, include_admitted=include_admitted)
        if found is None or (cells is not None and found.cell not in cells):
            continue
        out.append(found)
    return tuple(sorted(out, key=lambda c: (c.earliest is None, c.earliest or ctx.as_of, c.person)))


def pipeline_context(
    dataset: Dataset,
    on: date,
    *,
    params: Parameters | None = None,
    calendar: WorkCalendar | None = None,
) -> Context:
    """The context the pipeline uses: *dataset* as known on *on*."""
    return context(dataset, as_of=on, params=params, calendar=calendar)


def admissible(
    dataset: Dataset, person_id: str, day: date, *, as_of: date | None = None
) -> Admissibility:
    """Could *person_id* be admitted at a cell meeting on *day*, with the facts known on *as_of*?

    *as_of* defaults to *day*.

    Raises:
        UnknownIdError: when the person is not in the dataset.

    """
    ctx = pipeline_context(dataset, as_of or day)
    record = ctx.dataset.record(person_id)
    if record is None:
        raise UnknownIdError.from_text(Text("rule.unknown_person", {"pid": person_id}))
    return admissibility(ctx, record, day)
