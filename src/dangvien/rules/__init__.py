"""Rule checks: eligibility, time limits, membership and organisation, each cited.

>>> sorted(REGISTRY)[:3]
['ADMIT-AGE-MAX', 'ADMIT-AGE-MIN', 'ADMIT-APPLICATION']

Everything here is a pure function of the dataset, the as-of date, the
parameters and the calendar.  The as-of date defaults to the dataset's own
date (``data_as_of``), else to today in Asia/Ho_Chi_Minh
(:func:`resolve_as_of`); the dataset is judged as known on that date, so
nothing dated later is judged or counted.  ``check``, ``explain``, ``due``,
the pipeline and the report all evaluate the same rules through one engine
(:func:`~dangvien.rules._base.evaluate`), so they cannot disagree.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from datetime import date

import attrs

from dangvien.calendar import WorkCalendar
from dangvien.errors import UnknownIdError, UsageError
from dangvien.findings import Finding, Severity
from dangvien.messages import Text
from dangvien.model.register import Dataset, Record
from dangvien.parameters import Parameters
from dangvien.rules import (
    admission,
    badges,
    discipline,
    membership,
    organization,
    partyage,
    timeline,
    transfers,
    votes,
)
from dangvien.rules._base import (
    ENCODED_LAW_START,
    REGISTRY,
    CellSubject,
    Context,
    Evaluation,
    PlanSubject,
    Remedy,
    RemedyKind,
    Rule,
    Run,
    Scope,
    Status,
    evaluate,
    rule,
)
from dangvien.rules._context import AsOf, AsOfSource, context, resolve_as_of
from dangvien.rules.deadlines import (
    COVERAGE_START,
    RULE_ACTS,
    Act,
    Deadline,
    deadlines,
    may_have_deadlines,
)
from dangvien.rules.membership import party_age_months
from dangvien.rules.partyage import Gap, PartyAge, party_age

__all__ = [
    "COVERAGE_START",
    "ENCODED_LAW_START",
    "REGISTRY",
    "Act",
    "AsOf",
    "AsOfSource",
    "CellSubject",
    "Context",
    "Deadline",
    "DueItem",
    "Evaluation",
    "Gap",
    "PartyAge",
    "PlanSubject",
    "Remedy",
    "RemedyKind",
    "Rule",
    "Run",
    "Scope",
    "Status",
    "check",
    "context",
    "deadlines",
    "due",
    "evaluate",
    "explain",
    "party_age",
    "party_age_months",
    "resolve_as_of",
    "rule",
    "rules",
]

# The topic modules register their rules on import.
_TOPICS = (
    admission,
    timeline,
    membership,
    partyage,
    organization,
    badges,
    discipline,
    transfers,
    votes,
)


def rules(*, topics: Iterable[str] | None = None, ids: Iterable[str] | None = None) -> list[Rule]:
    """Return the registered rules, optionally filtered by topic or id.

    Raises:
        UnknownIdError: for an id or topic that no rule has, naming the
            nearest ids (a typo must not make a check pass).

    """
    wanted_topics = None if topics is None else set(topics)
    wanted_ids = None if ids is None else set(ids)
    if wanted_ids is not None:
        unknown = sorted(wanted_ids - REGISTRY.keys())
        if unknown:
            near = sorted({m for u in unknown for m in difflib.get_close_matches(u, REGISTRY)})
            raise UnknownIdError.from_text(
                Text("rule.unknown_ids", {"ids": tuple(unknown), "near": tuple(near)})
            )
    if wanted_topics is not None:
        known = {r.topic for r in REGISTRY.values()}
        unknown = sorted(wanted_topics - known)
        if unknown:
            raise UnknownIdError.from_text(
                Text(
                    "rule.unknown_topics", {"topics": tuple(unknown), "known": tuple(sorted(known))}
                )
            )
    return [
        r
        for r in REGISTRY.values()
        if (wanted_topics is None or r.topic in wanted_topics)
        and (wanted_ids is None or r.id in wanted_ids)
    ]


def _cell_subjects(dataset: Dataset) -> list[CellSubject]:
    by_cell: dict[str, list[Record]] = {c.id: [] for c in dataset.organization.all_cells()}
    for record in dataset.records:
        cell = record.person.cell
        if cell in by_cell:
            by_cell[cell].append(record)
    return [CellSubject(c, tuple(by_cell[c.id])) for c in dataset.organization.all_cells()]


def evaluations(
    ctx: Context, selected: Iterable[Rule], *, explaining: bool, person: str | None = None
) -> Iterator[Evaluation]:
    """Evaluate *selected* rules over the context's dataset (or one person), scope by scope."""
    chosen = list(selected)
    person_rules = [r for r in chosen if r.scope is Scope.PERSON]
    records = ctx.dataset.records if person is None else (ctx.dataset.record(person),)
    if person_rules:
        for record in records:
            if record is not None:
                yield from evaluate(person_rules, ctx, record, explaining=explaining)
    if person is not None:
        return
    cell_rules = [r for r in chosen if r.scope is Scope.CELL]
    if cell_rules:
        for subject in _cell_subjects(ctx.dataset):
            yield from evaluate(cell_rules, ctx, subject, explaining=explaining)
    plan_rules = [r for r in chosen if r.scope is Scope.PLAN]
    if plan_rules:
        for plan in ctx.dataset.plans:
            yield from evaluate(plan_rules, ctx, PlanSubject(plan), explaining=explaining)


def check(
    dataset: Dataset,
    *,
    as_of: date | None = None,
    params: Parameters | None = None,
    calendar: WorkCalendar | None = None,
    only: Iterable[str] | None = None,
    topics: Iterable[str] | None = None,
    year: int | None = None,
) -> list[Finding]:
    """Run every rule (or those in *only* / *topics*) and return the findings.

    The dataset is judged as known on the as-of date (see
    :func:`resolve_as_of`).  Findings are sorted by subject, then date.
    Nothing is raised for bad data; a rule that meets a date outside its
    law does not apply.

    Raises:
        UnknownIdError: when *only* names a rule that does not exist.

    """
    selected = rules(ids=only, topics=topics)
    ctx = context(dataset, as_of=as_of, params=params, calendar=calendar, year=year)
    found = [
        e.finding for e in evaluations(ctx, selected, explaining=False) if e.finding is not None
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

    *on* is the date judged (default: as for :func:`resolve_as_of`): the
    history is taken as known on that day, and for a person still in the
    pipeline the admission rules answer "could they be admitted at a cell
    meeting on this day?".

    Raises:
        UnknownIdError: when *person_id* is not in the dataset.

    """
    if dataset.record(person_id) is None:
        raise UnknownIdError.from_text(Text("rule.unknown_person", {"pid": person_id}))
    day = resolve_as_of(dataset, on).date
    ctx = context(dataset, as_of=day, params=params, calendar=calendar, meeting_on=day)
    person_rules = [r for r in REGISTRY.values() if r.scope is Scope.PERSON]
    return list(evaluations(ctx, person_rules, explaining=True, person=person_id))


@attrs.frozen
class DueItem:
    """An act that falls due in a window (việc đến hạn).

    Attributes:
        subject: the person's id.
        name: the person's name.
        act: what falls due.
        due: its last lawful day (with any permitted extension once the
            limit itself has passed).
        overdue: True when it was not done by the as-of date and its last
            lawful day has passed.
        finding: the rule's finding (upcoming, warning or violation).
    """

    subject: str
    name: str
    act: Act
    due: date
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

    The items are the findings of the deadline-listing rules
    (:attr:`~dangvien.rules._base.Rule.lists_due`) that carry a due date:
    acts still owed.  An act is listed when its last lawful day falls in the
    window, or when that day passed before the as-of date without the act
    (flagged overdue).  An act past its limit but inside a permitted
    extension is a warning due on the extended limit; an expired
    certificate or stale dossier of a person still in the pipeline is an
    overdue warning (renew it before the cell votes).  Badges are listed for
    each award occasion in the window, for every member of the register:
    those who first qualify for a level at that occasion (``BADGE-DUE``).
    Sorted by due date.

    Raises:
        UsageError: when *start* is after *end*.

    """
    if start > end:
        raise UsageError.from_text(Text("rule.reversed_window", {"start": start, "end": end}))
    ctx = context(dataset, as_of=as_of, params=params, calendar=calendar)
    ctx.window = (start, end)
    out = _due_items(ctx, ctx.dataset.records, start, end)
    return sorted(out, key=lambda i: (i.due, i.subject, i.act.value))


def _due_items(ctx: Context, records: Iterable[Record], start: date, end: date) -> list[DueItem]:
    """The items of :func:`due` for *records* (in their order; a partition's own people)."""
    listing = [r for r in REGISTRY.values() if r.lists_due]
    # Rules about acts still to come for every member (badges) ask everyone.
    prospective = [r for r in listing if r.prospective]
    out: list[DueItem] = []
    for record in records:
        # Without a recent deadline source only the prospective rules can
        # list anything (e.g. acts before the coverage, or only ratings since).
        chosen = listing if may_have_deadlines(record, ctx.as_of) else prospective
        for e in evaluate(chosen, ctx, record, explaining=False):
            f = e.finding
            if f is None or f.due is None:
                continue
            overdue = ctx.as_of > f.due
            # Upcoming acts are listed in their window; anything already late
            # (an extension running, an expired certificate, an overdue act)
            # is listed whatever the window.
            if f.severity is Severity.UPCOMING and not start <= f.due <= end:
                continue
            out.append(
                DueItem(
                    record.person.id, record.person.full_name, RULE_ACTS[f.rule], f.due, overdue, f
                )
            )
    return out


# Plan checks are rules of the same registry; they build on the quotas, which
# build on the rules above, so they register last.
from dangvien.quotas import plan_checks  # noqa: E402

_PLAN_CHECKS = plan_checks
