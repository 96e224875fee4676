"""Discipline (kỷ luật đảng viên): forms allowed, who decides, limitation, introducers.

The forms are reprimand, warning, dismissal from posts (``Disciplined``) and
expulsion (``Expelled``); a probationary member can only be reprimanded or
warned, and one who no longer qualifies is removed from the list (xóa tên),
not expelled.  What a discipline does elsewhere:

- **recognition**: no text makes a reprimand or warning during probation a
  bar; the cell still votes on recognition when probation ends (case by
  case), so the probation deadlines keep running;
- **introducing**: an introducer disciplined before the cell's vote is
  replaced by another official member (294-QĐ/TW 3.2.2, ``INTRO-DISCIPLINED``);
- **badges**: a deferral of 6 to 12 months (``BADGE-DEFERRED``, ``BADGE-DUE``);
- **re-admission**: only expulsion (and removal) ends membership, so only
  they lead to re-admission (the ``READMIT-*`` rules).
"""

from __future__ import annotations

from collections.abc import Iterator

from dangvien.dates import add_months, full_months
from dangvien.findings import Severity
from dangvien.model import events as ev
from dangvien.model.stages import Stage
from dangvien.parameters import (
    CELL_DISCIPLINE_FORMS,
    DISCIPLINE_LIMITATION_REPRIMAND_MONTHS,
    DISCIPLINE_LIMITATION_WARNING_MONTHS,
    PROBATIONARY_DISCIPLINE_FORMS,
    Key,
)
from dangvien.rules._base import ENCODED_LAW_START, Evaluation, Remedy, RemedyKind, Run, rule
from dangvien.rules._common import cite, doc, meetings
from dangvien.rules._life import stage_before

__all__: list[str] = []

# The 2011 Charter's provisions apply from its adoption, as far as dangvien's
# coverage reaches back.
_CHARTER_START = max(doc("dieu-le-2011").effective, ENCODED_LAW_START)


def _discipline_acts(run: Run) -> Iterator[tuple[int, ev.Disciplined | ev.Expelled]]:
    for i, e in enumerate(run.record.events):
        if isinstance(e, ev.Disciplined | ev.Expelled) and run.covers(e.date):
            yield i, e


def _judge_form(
    run: Run, act: ev.Disciplined | ev.Expelled, forms: Key[tuple[ev.DisciplineForm, ...]]
) -> Evaluation | None:
    """Whether *act* is one of the *forms* allowed on its date; an expulsion never is."""
    allowed = run.ctx.value(forms, act.date)
    if isinstance(act, ev.Expelled):
        return run.fail("expelled", on=act.date, day=act.date, allowed=allowed)
    if act.form not in allowed:
        return run.fail("form", on=act.date, day=act.date, form=act.form, allowed=allowed)
    return run.ok("ok", day=act.date, form=act.form)


@rule(
    "DISC-PROB-FORMS",
    needs=(ev.Disciplined, ev.Expelled),
    topic="membership",
    key=PROBATIONARY_DISCIPLINE_FORMS,
    start=_CHARTER_START,
    citations=(cite("dieu-le-2011", "Điều 35, khoản 2"), cite("dieu-le-2011", "Điều 5, khoản 2")),
)
def disc_prob_forms(run: Run) -> Iterator[Evaluation | None]:
    """A probationary member may only be reprimanded or warned; one who no longer qualifies is removed, not expelled.

    The member's stage is the one on the day of the decision, as the
    register stood then.  Dismissal from posts or expulsion of a
    probationary member is a violation: the competent committee removes a
    probationary member who is no longer fit (xóa tên trong danh sách đảng
    viên dự bị).
    """  # noqa: E501
    found = False
    for i, act in _discipline_acts(run):
        stage = stage_before(run.record, i)
        if stage is not Stage.PROBATIONARY:
            continue
        found = True
        yield _judge_form(run, act, PROBATIONARY_DISCIPLINE_FORMS)
    if not found:
        yield run.na("none")


@rule(
    "DISC-CELL-AUTHORITY",
    needs=(ev.Disciplined, ev.Expelled),
    topic="membership",
    key=CELL_DISCIPLINE_FORMS,
    start=_CHARTER_START,
    citations=(cite("dieu-le-2011", "Điều 36, khoản 1"),),
)
def disc_cell_authority(run: Run) -> Iterator[Evaluation | None]:
    """A cell decides only a reprimand or a warning of its members.

    Dismissal from posts and expulsion are decided higher up (the grassroots
    committee, the superior committee or its inspection committee); a cell
    only proposes them.  Acts whose deciding body is not recorded are not
    judged.
    """
    found = False
    for _, act in _discipline_acts(run):
        if act.body is not ev.DecidingBody.CELL:
            continue
        found = True
        yield _judge_form(run, act, CELL_DISCIPLINE_FORMS)
    if not found:
        yield run.na("none")


_LIMITS = {
    ev.DisciplineForm.REPRIMAND: DISCIPLINE_LIMITATION_REPRIMAND_MONTHS,
    ev.DisciplineForm.WARNING: DISCIPLINE_LIMITATION_WARNING_MONTHS,
    ev.DisciplineForm.DISMISSAL: DISCIPLINE_LIMITATION_WARNING_MONTHS,
}


@rule(
    "DISC-LIMITATION",
    needs=(ev.Disciplined,),
    topic="membership",
    key=DISCIPLINE_LIMITATION_REPRIMAND_MONTHS,
    start=doc("102-QĐ/TW/2017").effective,
    citations=(cite("102-QĐ/TW/2017", "Điều 3"), cite("69-QĐ/TW/2022", "Điều 4, khoản 2")),
)
def disc_limitation(run: Run) -> Iterator[Evaluation | None]:
    """A member is not disciplined once the limitation period has run: 5 years for a reprimand, 10 for a warning or dismissal.

    The period runs from the violation (``violation``, or the later
    violation that restarted it) to the decision; under 69-QĐ/TW it runs to
    the competent organisation's conclusion that discipline was warranted,
    which comes before the decision, so a decision past the period is then
    a warning.  Expulsion-level violations and those marked
    ``no_limitation`` (internal politics; defence, security and foreign
    affairs harming the national interest; unlawful diplomas) have no limit.
    The pause while a member is pregnant, nursing or seriously ill is not
    in the data and is not counted.
    """  # noqa: E501
    found = False
    for d in run.record.of_type(ev.Disciplined):
        if d.violation is None or not run.covers(d.date):
            continue
        found = True
        if d.no_limitation:
            yield run.ok("no_limit", day=d.date)
            continue
        limit = run.ctx.value(_LIMITS[d.form], d.date)
        last = add_months(d.violation, limit)
        months = full_months(d.violation, d.date)
        if d.date <= last:
            yield run.ok("ok", day=d.date, months=months, limit=limit)
            continue
        # 69-QĐ/TW counts to the conclusion, which the register does not hold.
        to_conclusion = d.date >= doc("69-QĐ/TW/2022").effective
        yield run.fail(
            "fail",
            on=d.date,
            severity=Severity.WARNING if to_conclusion else Severity.VIOLATION,
            day=d.date,
            form=d.form,
            violation=d.violation,
            last=last,
            limit=limit,
        )
    if not found:
        yield run.na("none")


_INTRO_TODO = Remedy(RemedyKind.TODO)


@rule(
    "INTRO-DISCIPLINED",
    needs=(ev.CellResolution,),
    topic="admission",
    eligibility=True,
    start=doc("294-QĐ/TW/2025").effective,
    citations=(cite("294-QĐ/TW/2025", "điểm 3.2.2"),),
)
def intro_disciplined(run: Run) -> Iterator[Evaluation | None]:
    """An introducer disciplined before the cell's vote is replaced by another official member.

    294-QĐ/TW 3.2.2: when an introducer transfers, is disciplined or for
    another reason cannot go on following and helping the applicant, the
    cell assigns another official member (who need not meet the 12-month
    condition).  A discipline of an introducer between the introductions
    and the cell's meeting, with no new introductions after it, is a
    warning: the cell judges whether the introducer can go on.  Nothing
    bars a member disciplined earlier from introducing.
    """
    found = False
    for m in meetings(run):
        intro = m.cycle.introducers
        if intro is None or intro.date > m.date:
            continue
        for pid in intro.introducers:
            other = run.ctx.record(pid)
            if other is None:
                continue
            found = True
            hit = [d for d in other.of_type(ev.Disciplined) if intro.date < d.date <= m.date]
            if not hit:
                yield run.ok("ok", pid=pid)
                continue
            yield run.fail(
                "fail",
                on=m.date,
                severity=Severity.WARNING,
                remedy=_INTRO_TODO,
                pid=pid,
                name=other.person.full_name,
                form=hit[-1].form,
                disciplined=hit[-1].date,
                introduced=intro.date,
                day=m.date,
            )
    if not found:
        yield run.na("rule.common.no_introducers")
