"""Timeline rules (thời hạn và trình tự): time limits and the order of acts.

Time limits in working days are counted by the
:class:`~dangvien.calendar.WorkCalendar` with the day of the act excluded;
months follow the Civil Code month-end rule.  An act not yet done is
*pending* (an upcoming finding) until its limit passes, then overdue.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from dangvien.dates import add_months
from dangvien.documents import Citation, Confidence, Series
from dangvien.findings import Severity
from dangvien.model import events as ev
from dangvien.model.events import EventKind
from dangvien.model.stages import Stage, timeline
from dangvien.parameters import (
    ADMISSION_DECISION_WD,
    CEREMONY_WD,
    PROBATION_MONTHS,
    RECOGNITION_DECISION_WD,
    RECOGNITION_REVIEW_WD,
    RECOGNITION_VOTE_FRACTION,
)
from dangvien.rules._base import Evaluation, Run, rule
from dangvien.rules._common import cite, missing_steps_judged, ok_cited, regime_citations
from dangvien.rules.deadlines import Act, deadlines, uncovered_limits

__all__: list[str] = []


def _judge(run: Run, act: Act) -> Iterator[Evaluation | None]:
    """Judge every deadline of *act* in the run's record.

    An act done in time passes; done late is a violation (a warning inside
    a permitted extension); not yet done is pending until its limit, then a
    warning inside the extension, then overdue.  Only acts still owed carry
    a due date.  The limit is the one in force on the day it started to run
    (``dl.start``), and a limit that started before the rule's law existed
    is not judged.
    """
    as_of = run.ctx.as_of
    found = False
    for dl in deadlines(run.ctx, run.record):
        if dl.act is not act or not run.covers(dl.start):
            continue
        found = True
        facts: dict[str, Any] = {
            "act": act,
            "start": dl.start,
            "due_day": dl.due,
            "ext": dl.extended,
            "basis": dl.basis,
        }
        if dl.done is not None:
            if dl.done <= dl.due:
                yield ok_cited(run, "rule.timeline.on_time", dl.start, done=dl.done, **facts)
                continue
            late = run.ctx.calendar.count_working_days(dl.due, dl.done)
            if dl.extended is not None and dl.done <= dl.extended:
                yield run.fail(
                    "rule.timeline.in_extension",
                    on=dl.done,
                    cite_on=dl.start,
                    severity=Severity.WARNING,
                    done=dl.done,
                    late=late,
                    **facts,
                )
                continue
            yield run.fail(
                "rule.timeline.late", on=dl.done, cite_on=dl.start, done=dl.done, late=late, **facts
            )
            continue
        if as_of <= dl.due:
            yield run.pending(
                "rule.timeline.pending", on=dl.known_on, due=dl.due, cite_on=dl.start, **facts
            )
            continue
        if dl.extended is not None and as_of <= dl.extended:
            yield run.fail(
                "rule.timeline.extension_open",
                on=dl.known_on,
                cite_on=dl.start,
                severity=Severity.WARNING,
                due=dl.extended,
                **facts,
            )
            continue
        last = dl.extended or dl.due
        yield run.fail(
            "rule.timeline.overdue", on=dl.known_on, cite_on=dl.start, due=last, last=last, **facts
        )
    if not found and run.explaining:
        # Limits that would have run from before the law set any: say so.
        for other, day in uncovered_limits(run.ctx, run.record):
            if other is act:
                run.covers(day)
    if not found:
        yield run.na("rule.common.no_time_limit")


@rule(
    "DECIDE-ADMIT-DEADLINE",
    needs=(ev.CellResolution,),
    topic="timeline",
    lists_due=True,
    key=ADMISSION_DECISION_WD,
    citations=regime_citations("điểm 4.3.1"),
)
def decide_admit_deadline(run: Run) -> Iterator[Evaluation | None]:
    """The competent committee decides within 60 working days of the cell resolution (45 from 1/7/2025).

    In special cases the limit may be extended, with a reason, by up to 30
    working days (15 from 1/7/2025): a decision inside the extension is a
    warning.  The limit is the one in force on the day of the cell's
    resolution: 294-QĐ/TW (4.3.1) for a resolution from 1/7/2025.  No time
    limit of 23-QĐ/TW or 45-QĐ/TW was found, so a resolution before
    25/7/2016 is not judged.
    """  # noqa: E501
    return _judge(run, Act.ADMISSION_DECISION)


@rule(
    "CEREMONY-DEADLINE",
    needs=(ev.CellResolution,),
    topic="timeline",
    lists_due=True,
    key=CEREMONY_WD,
    citations=regime_citations("điểm 4.1"),
)
def ceremony_deadline(run: Run) -> Iterator[Evaluation | None]:
    """The cell holds the admission ceremony within 30 working days of receiving the decision.

    The limit runs from the day the cell received the decision
    (``received``); when that was not recorded, from the decision's date.
    No time limit before 29-QĐ/TW (25/7/2016) was found: earlier ones are
    not judged.
    """
    return _judge(run, Act.CEREMONY)


@rule(
    "OFF-REVIEW-DEADLINE",
    # A probationary member transferred in has no ceremony in the register.
    needs=(ev.AdmissionCeremony, ev.RecognitionResolution, ev.TransferredIn),
    topic="timeline",
    lists_due=True,
    key=RECOGNITION_REVIEW_WD,
    citations=regime_citations("điểm 4.2.1", p29="điểm 4.2a"),
)
def off_review_deadline(run: Run) -> Iterator[Evaluation | None]:
    """The cell considers official membership within 30 working days after the 12 months end.

    The limit runs from the end of probation, so a probation that began
    before 25/7/2016 but ended after it is judged under 29-QĐ/TW.
    """
    yield from _judge(run, Act.RECOGNITION_REVIEW)
    for res in run.record.of_type(ev.RecognitionResolution):
        ceremony = run.record.last(ev.AdmissionCeremony, res.date)
        if ceremony is None or not run.covers(res.date):
            continue
        end = add_months(ceremony.date, run.ctx.value(PROBATION_MONTHS, ceremony.date))
        if res.date < end:
            yield run.fail("early", on=res.date, day=res.date, end=end)


@rule(
    "OFF-DECIDE-DEADLINE",
    needs=(ev.RecognitionResolution,),
    topic="timeline",
    lists_due=True,
    key=RECOGNITION_DECISION_WD,
    citations=regime_citations("điểm 4.3.1"),
)
def off_decide_deadline(run: Run) -> Iterator[Evaluation | None]:
    """The competent committee decides on recognition within 30 working days (+30 with reason; +15 from 1/7/2025).

    The limit is the one in force on the day of the cell's resolution.
    """  # noqa: E501
    return _judge(run, Act.RECOGNITION_DECISION)


@rule(
    "OFF-EFFECTIVE",
    needs=(ev.AdmissionCeremony, ev.TransferredIn),
    topic="timeline",
    lists_due=True,
    key=PROBATION_MONTHS,
    citations=(
        cite("dieu-le-2006", "Điều 5, khoản 1", Confidence.B),
        cite("dieu-le-2011", "Điều 5, khoản 1"),
        *regime_citations("điểm 4.2.2", p29="điểm 4.2b"),
    ),
)
def off_effective(run: Run) -> Iterator[Evaluation | None]:
    """Probation lasts 12 months from the ceremony; a qualified member is official from the day it ends, even when the review or decision is late.

    A recognition decision stating an earlier start shortens the probation
    the Charters (2006, 2011) set; one stating a later start is contrary to
    29-QĐ/TW (4.2b) and its successors, so it is judged only for decisions
    from 25/7/2016.  The act judged is the decision, so the law of the
    decision's date applies.  For a member still on probation, the end of
    probation is listed as falling due.
    """  # noqa: E501
    found = False
    record = run.record
    for dec in record.of_type(ev.RecognitionDecision):
        ceremony = record.last(ev.AdmissionCeremony, dec.date)
        if ceremony is None or not run.covers(dec.date):
            continue
        found = True
        months = run.ctx.value(PROBATION_MONTHS, ceremony.date)
        end = add_months(ceremony.date, months)
        if dec.official_from is None or dec.official_from == end:
            yield ok_cited(run, "ok", dec.date, end=end)
            continue
        citation: Citation | None = None
        if dec.official_from > end:
            citation = _regulation_in_force(run, dec.date)
            if citation is None:
                yield run.na(
                    "rule.regimes.later_start_before_2016",
                    day=dec.date,
                    stated=dec.official_from,
                    end=end,
                )
                continue
        yield run.fail(
            "fail",
            on=dec.date,
            cite_on=ceremony.date,
            citation=citation,
            day=dec.date,
            stated=dec.official_from,
            end=end,
            ceremony=ceremony.date,
            months=months,
        )
    for dl in deadlines(run.ctx, record):
        if dl.act is Act.PROBATION_END and dl.done is None and run.ctx.as_of <= dl.due:
            if not run.covers(dl.start):
                continue
            found = True
            yield run.pending("ends", on=dl.start, due=dl.due, end=dl.due, ceremony=dl.start)
    if not found:
        yield run.na("none")


def _regulation_in_force(run: Run, day: date) -> Citation | None:
    """The rule's citation of the implementing regulation in force on *day*, if it cites one."""
    found = [
        c
        for c in run.rule.citations
        if c.document.series is Series.CHARTER_RULES and c.document.in_force(day)
    ]
    return found[-1] if found else None


@rule(
    "OFF-VOTE",
    needs=(ev.RecognitionResolution,),
    topic="timeline",
    key=RECOGNITION_VOTE_FRACTION,
    citations=(
        cite("dieu-le-2006", "Điều 5, khoản 2", Confidence.B),
        cite("dieu-le-2011", "Điều 5, khoản 2"),
    ),
)
def off_vote(run: Run) -> Iterator[Evaluation | None]:
    """An approved recognition resolution needs at least 2/3 of all official members of the cell."""
    found = False
    for res in run.record.of_type(ev.RecognitionResolution):
        if not res.approved or not run.covers(res.date):
            continue
        found = True
        frac = run.ctx.value(RECOGNITION_VOTE_FRACTION, res.date)
        if res.votes_for >= frac * res.official_members:
            yield ok_cited(run, "ok", res.date, votes=res.votes_for, total=res.official_members)
            continue
        yield run.fail(
            "fail",
            on=res.date,
            day=res.date,
            votes=res.votes_for,
            total=res.official_members,
            frac=frac,
        )
    if not found:
        yield run.na("none")


@rule(
    "CARD-OFFICIAL-ONLY",
    needs=(ev.CardIssued,),
    topic="timeline",
    citations=regime_citations("điểm 6.1.1", p29="điểm 6.1a"),
)
def card_official_only(run: Run) -> Iterator[Evaluation | None]:
    """A party card is issued only to an official member.

    Judged from 29-QĐ/TW (6.1a): the earlier texts on cards were not seen.
    The member must be official on the card's date as the register stood
    that day: official membership is back-dated to the end of probation, but
    a card handed over before the recognition decision was signed is still
    premature.
    """
    found = False
    record = run.record
    events = record.events
    for i, card in enumerate(events):
        if not isinstance(card, ev.CardIssued) or not run.covers(card.date):
            continue
        found = True
        stage = record.stage_at(card.date)
        if _known_later(events, i):
            # The register up to the card itself: a later-signed recognition
            # back-dated over the card, or a same-day act sorted after it,
            # must not change what the member was when the card was handed.
            stage = timeline(events[: i + 1], presorted=True).stage_at(card.date)
        if stage is Stage.OFFICIAL:
            yield ok_cited(run, "ok", card.date, day=card.date)
            continue
        yield run.fail("fail", on=card.date, day=card.date, stage=stage)
    if not found:
        yield run.na("none")


def _known_later(events: tuple[ev.Event, ...], i: int) -> bool:
    """Whether an event after position *i* takes effect on or before ``events[i].date``."""
    day = events[i].date
    return any(e.effective <= day for e in events[i + 1 :])


@rule(
    "EVENT-ORDER",
    topic="timeline",
    citations=(
        cite("dieu-le-2006", "Điều 4, Điều 5", Confidence.B),
        cite("dieu-le-2011", "Điều 4, Điều 5"),
    ),
)
def event_order(run: Run) -> Iterator[Evaluation | None]:
    """Each step is allowed only from the stages the procedure permits (see the stage diagram).

    For example a ceremony needs an admission decision, recognition needs a
    ceremony, and a removed person must apply again to be re-admitted.
    A step that comes too early in the procedure (the register lacks the
    steps before it, as a member list transcribed from paper does) still
    moves the person on, so an imported member is a member; the gap is a
    warning from 25/7/2016 (``register.missing_steps_judged``, grade C,
    overridable) and not judged before.  A step out of order the other way
    (a second recognition, a ceremony after removal) is a violation.
    """
    problems = run.record.timeline.problems
    judged = False
    for p in problems:
        if not run.covers(p.event.date):
            continue
        if p.skipped:
            what = run.text("rule.regimes.step.earlier_steps", {"event": EventKind(type(p.event))})
            if not missing_steps_judged(run, p.event.date):
                yield run.na("rule.regimes.not_recorded", day=p.event.date, what=what)
                continue
            # Only the record is missing: the act itself may well have happened.
            judged = True
            yield run.fail(
                "not_recorded",
                on=p.event.date,
                severity=Severity.WARNING,
                event=EventKind(type(p.event)),
                day=p.event.date,
                stage=p.stage,
            )
            continue
        judged = True
        yield run.fail(
            "fail",
            on=p.event.date,
            event=EventKind(type(p.event)),
            day=p.event.date,
            stage=p.stage,
            allowed=tuple(sorted(p.allowed, key=list(Stage).index)),
        )
    if not judged and not run.skipped:
        yield run.ok("ok")


@rule(
    "PROB-COURSE",
    needs=(ev.RecognitionResolution,),
    topic="timeline",
    citations=(cite("01-HD/TW/2021", "mục 4", Confidence.B), cite("06-HD/TW/2025", "mục 4.1")),
)
def prob_course(run: Run) -> Iterator[Evaluation | None]:
    """The new-member course certificate belongs in the recognition dossier.

    06-HD/TW (4.1) lists it in the recognition file (grade A); 01-HD/TW
    (2021) is known from secondary sources (grade B) and no earlier text was
    found.  The consequence of missing it is not stated in the sources
    found, so a recognition without it is a warning, not a violation.
    """
    found = False
    for res in run.record.of_type(ev.RecognitionResolution):
        ceremony = run.record.last(ev.AdmissionCeremony, res.date)
        if ceremony is None or not run.covers(res.date):
            continue
        found = True
        course = [
            c for c in run.record.of_type(ev.NewMemberCourse) if ceremony.date <= c.date <= res.date
        ]
        if course:
            yield ok_cited(run, "ok", res.date, day=course[-1].date)
            continue
        yield run.fail("fail", on=res.date, severity=Severity.WARNING, day=res.date)
    if not found:
        yield run.na("none")
