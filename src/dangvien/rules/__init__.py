"""Rule checks: eligibility, time limits, membership and organisation, each cited.

>>> sorted(REGISTRY)[:3]
['ADMIT-AGE-MAX', 'ADMIT-AGE-MIN', 'ADMIT-EDU-MIN']

Everything here is a pure function of the dataset, the as-of date, the
parameters and the calendar.  ``as_of`` defaults to today in
Asia/Ho_Chi_Minh.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import attrs

from dangvien.calendar import WorkCalendar
from dangvien.dates import format_date_vn, today_vn
from dangvien.findings import Finding, Severity
from dangvien.model.register import Dataset
from dangvien.parameters import Parameters, default_parameters
from dangvien.rules import admission, membership, organization, timeline
from dangvien.rules._base import (
    REGISTRY,
    CellSubject,
    Context,
    Evaluation,
    Rule,
    Run,
    Scope,
    Status,
    evaluate,
    rule,
)
from dangvien.rules.deadlines import (
    COVERAGE_START,
    EXPIRIES,
    Act,
    Deadline,
    deadlines,
    may_have_deadlines,
)
from dangvien.rules.membership import party_age_months

__all__ = [
    "COVERAGE_START",
    "REGISTRY",
    "Act",
    "CellSubject",
    "Context",
    "Deadline",
    "DueItem",
    "Evaluation",
    "Rule",
    "Run",
    "Scope",
    "Status",
    "check",
    "context",
    "deadlines",
    "due",
    "explain",
    "party_age_months",
    "rule",
    "rules",
]

# The topic modules register their rules on import.
_TOPICS = (admission, timeline, membership, organization)


def rules(*, topics: Iterable[str] | None = None, ids: Iterable[str] | None = None) -> list[Rule]:
    """Return the registered rules, optionally filtered by topic or id."""
    wanted_topics = None if topics is None else set(topics)
    wanted_ids = None if ids is None else set(ids)
    return [
        r
        for r in REGISTRY.values()
        if (wanted_topics is None or r.topic in wanted_topics)
        and (wanted_ids is None or r.id in wanted_ids)
    ]


def context(
    dataset: Dataset,
    *,
    as_of: date | None = None,
    params: Parameters | None = None,
    calendar: WorkCalendar | None = None,
) -> Context:
    """Build the context of a check (defaults: today in Vietnam, the encoded law)."""
    return Context(
        dataset=dataset,
        as_of=as_of or today_vn(),
        params=params or default_parameters(),
        calendar=calendar or WorkCalendar.default(),
    )


def _cell_subjects(dataset: Dataset) -> list[CellSubject]:
    by_cell: dict[str, list[object]] = {c.id: [] for c in dataset.organization.all_cells()}
    for record in dataset.records:
        cell = record.person.cell
        if cell in by_cell:
            by_cell[cell].append(record)
    return [
        CellSubject(c, tuple(by_cell[c.id]))  # type: ignore[arg-type]
        for c in dataset.organization.all_cells()
    ]


def _evaluations(
    ctx: Context, selected: list[Rule], *, explaining: bool, person: str | None = None
) -> Iterator[Evaluation]:
    person_rules = [r for r in selected if r.scope is Scope.PERSON]
    cell_rules = [r for r in selected if r.scope is Scope.CELL]
    records = ctx.dataset.records if person is None else (ctx.dataset.record(person),)
    for record in records:
        if record is not None:
            yield from evaluate(person_rules, ctx, record, explaining=explaining)
    if person is None and cell_rules:
        for subject in _cell_subjects(ctx.dataset):
            yield from evaluate(cell_rules, ctx, subject, explaining=explaining)


def check(
    dataset: Dataset,
    *,
    as_of: date | None = None,
    params: Parameters | None = None,
    calendar: WorkCalendar | None = None,
    only: Iterable[str] | None = None,
) -> list[Finding]:
    """Run every rule (or those in *only*) over the dataset and return the findings.

    Findings are sorted by subject, then date.  Nothing is raised for bad
    data: a broken rule is a finding.
    """
    ctx = context(dataset, as_of=as_of, params=params, calendar=calendar)
    selected = rules(ids=only)
    found = [
        e.finding for e in _evaluations(ctx, selected, explaining=False) if e.finding is not None
    ]
    return sorted(found, key=lambda f: (f.subject, f.on or date.min, f.rule))


def explain(
    dataset: Dataset,
    person_id: str,
    *,
    on: date | None = None,
    params: Parameters | None = None,
    calendar: WorkCalendar | None = None,
) -> list[Evaluation]:
    """Return pass / fail / not-applicable / pending for every person rule, with reasons.

    *on* is the date judged: for a person still in the pipeline, "could they
    be admitted at a cell meeting on this date?".

    Raises:
        KeyError: when *person_id* is not in the dataset.
    """
    if dataset.record(person_id) is None:
        msg = f"không có người {person_id!r} / no person {person_id!r}"
        raise KeyError(msg)
    ctx = context(dataset, as_of=on, params=params, calendar=calendar)
    person_rules = [r for r in REGISTRY.values() if r.scope is Scope.PERSON]
    return list(_evaluations(ctx, person_rules, explaining=True, person=person_id))


@attrs.frozen
class DueItem:
    """An act that falls due in a window (việc đến hạn).

    Attributes:
        subject: the person's id.
        name: the person's name.
        deadline: the time limit.
        overdue: True when it was not done in time by the as-of date.
        finding: the same as a finding (upcoming or violation).
    """

    subject: str
    name: str
    deadline: Deadline
    overdue: bool
    finding: Finding


def due(
    dataset: Dataset,
    start: date,
    end: date,
    *,
    as_of: date | None = None,
    params: Parameters | None = None,
    calendar: WorkCalendar | None = None,
) -> list[DueItem]:
    """List the acts falling due between *start* and *end* (inclusive), and those overdue.

    An act is listed when it is not done as of *as_of* (default: today) and
    its limit falls in the window, or when its limit passed before *as_of*
    without it being done (flagged overdue, a violation).  An act past its
    limit but inside a permitted extension is listed too, as a warning due
    on the extended limit (not overdue yet).  Expiries
    (:data:`~dangvien.rules.deadlines.EXPIRIES`) are not acts: the end of a
    probation is listed only in the window, and a certificate or dossier of
    a person still in the pipeline that has already run out is flagged
    overdue as a warning (renew it before the cell votes).  Sorted by due date.
    """
    ctx = context(dataset, as_of=as_of, params=params, calendar=calendar)
    out: list[DueItem] = []
    for record in dataset.records:
        if not may_have_deadlines(record):
            continue  # e.g. acts before the coverage, or only badges and ratings since
        for dl in deadlines(ctx, record):
            if dl.done is not None and dl.done <= ctx.as_of:
                continue
            late = ctx.as_of > dl.due
            overdue = ctx.as_of > (dl.extended or dl.due)
            if late and dl.act is Act.PROBATION_END:
                continue  # the recognition review's own limit takes over
            if not late and not start <= dl.due <= end:
                continue
            r = REGISTRY[dl.rule]
            run = Run(r, ctx, record, explaining=False)
            last = dl.extended or dl.due
            if overdue and dl.act in EXPIRIES:
                ev = run.fail(
                    "Đã hết hạn: {act} ngày {due_s} (tính từ {basis} ngày {start})",
                    "Expired: {act_en} on {due_s} (counted from {start})",
                    on=dl.start, due=last, severity=Severity.WARNING,
                    due_s=format_date_vn(last), act=dl.act.label_vi,
                    act_en=dl.act.label_en, basis=dl.basis, start=format_date_vn(dl.start),
                )  # fmt: skip
            elif overdue:
                ev = run.fail(
                    "Quá hạn: {act} (hạn {due_s}, tính từ {basis} ngày {start})",
                    "Overdue: {act_en} (limit {due_s}, counted from {start})",
                    on=dl.start, due=last, due_s=format_date_vn(last),
                    act=dl.act.label_vi,
                    act_en=dl.act.label_en, basis=dl.basis, start=format_date_vn(dl.start),
                )  # fmt: skip
            elif late:
                ev = run.fail(
                    "Quá hạn {due_s} chưa có {act}; được kéo dài tối đa đến {ext} nếu có lý do",
                    "{act_en} not done by {due_s}; may be extended with reason to {ext}",
                    on=dl.start, severity=Severity.WARNING, due=last,
                    due_s=format_date_vn(dl.due), ext=format_date_vn(last), act=dl.act.label_vi,
                    act_en=dl.act.label_en,
                )  # fmt: skip
            else:
                ev = run.pending(
                    "{act}: hạn {due_s} (tính từ {basis} ngày {start})",
                    "{act_en}: due {due_s} (counted from {start})",
                    on=dl.start, due=dl.due, due_s=format_date_vn(dl.due), act=dl.act.label_vi,
                    act_en=dl.act.label_en,
                    basis=dl.basis, start=format_date_vn(dl.start),
                )  # fmt: skip
            assert ev.finding is not None
            out.append(DueItem(record.person.id, record.person.full_name, dl, overdue,
                               ev.finding))  # fmt: skip
    return sorted(out, key=lambda i: (i.finding.due or i.deadline.due, i.subject))
