"""Timeline rules (thời hạn và trình tự): time limits and the order of acts.

Time limits in working days are counted by the
:class:`~dangvien.calendar.WorkCalendar` with the day of the act excluded;
months follow the Civil Code month-end rule.  An act not yet done is
*pending* (an upcoming finding) until its limit passes, then overdue.
"""

from __future__ import annotations

from collections.abc import Iterator

from dangvien.dates import add_months
from dangvien.documents import Confidence
from dangvien.findings import Severity
from dangvien.model import events as ev
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
from dangvien.rules._common import cite, d, regime_citations
from dangvien.rules.deadlines import Act, deadlines

__all__: list[str] = []


def _judge(run: Run, act: Act) -> Iterator[Evaluation | None]:
    """Judge every deadline of *act* in the run's record."""
    as_of = run.ctx.as_of
    act_vi, act_en = act.label_vi, act.label_en
    found = False
    for dl in deadlines(run.ctx, run.record):
        if dl.act is not act or not run.rule.applies_on(dl.start):
            continue
        found = True
        start, due_s = d(dl.start), d(dl.due)
        if dl.done is not None:
            if dl.done <= dl.due:
                yield run.ok(
                    "{act} ngày {done}, trong hạn {due_s}",
                    "{act_en} on {done}, within {due_s}",
                    act=act_vi,
                    act_en=act_en,
                    done=d(dl.done),
                    due_s=due_s,
                )
                continue
            late = run.ctx.calendar.count_working_days(dl.due, dl.done)
            if dl.extended is not None and dl.done <= dl.extended:
                yield run.fail(
                    "{act} ngày {done}, quá hạn {due_s} ({late} ngày làm việc) nhưng trong "
                    "thời gian được kéo dài đến {ext}: cần có lý do",
                    "{act_en} on {done}, {late} working days after {due_s}, within the "
                    "extension to {ext}: a reason is required",
                    on=dl.done,
                    cite_on=dl.start,
                    severity=Severity.WARNING,
                    act=act_vi,
                    act_en=act_en,
                    done=d(dl.done),
                    due_s=due_s,
                    late=late,
                    ext=d(dl.extended),
                )
                continue
            yield run.fail(
                "{act} ngày {done}, muộn {late} ngày làm việc so với hạn {due_s} "
                "(tính từ {basis} ngày {start})",
                "{act_en} on {done}, {late} working days after the limit {due_s} "
                "(counted from {start})",
                on=dl.done,
                cite_on=dl.start,
                due=dl.due,
                act=act_vi,
                act_en=act_en,
                done=d(dl.done),
                due_s=due_s,
                late=late,
                basis=dl.basis,
                start=start,
            )
            continue
        if as_of <= dl.due:
            yield run.pending(
                "{act} phải xong chậm nhất ngày {due_s} (tính từ {basis} ngày {start})",
                "{act_en} due by {due_s} (counted from {start})",
                on=dl.start,
                due=dl.due,
                act=act_vi,
                act_en=act_en,
                due_s=due_s,
                basis=dl.basis,
                start=start,
            )
            continue
        if dl.extended is not None and as_of <= dl.extended:
            yield run.fail(
                "Quá hạn {due_s} chưa có {act}; được kéo dài tối đa đến {ext} nếu có lý do",
                "{act_en} not done by {due_s}; may be extended with reason to {ext}",
                on=dl.start,
                severity=Severity.WARNING,
                due=dl.extended,
                act=act_vi,
                act_en=act_en,
                due_s=due_s,
                ext=d(dl.extended),
            )
            continue
        last = dl.extended or dl.due
        yield run.fail(
            "Quá hạn: chưa có {act}, hạn cuối {last} (tính từ {basis} ngày {start})",
            "Overdue: no {act_en}; the limit was {last} (counted from {start})",
            on=dl.start,
            due=last,
            act=act_vi,
            act_en=act_en,
            last=d(last),
            basis=dl.basis,
            start=start,
        )
    if not found:
        yield run.na("Không có thời hạn nào để xét", "No time limit to judge")


@rule(
    "DECIDE-ADMIT-DEADLINE",
    needs=(ev.CellResolution,),
    title_vi="Cấp ủy có thẩm quyền quyết định kết nạp trong 60 ngày làm việc",
    title_en="Admission decided within 60 working days of the cell resolution",
    topic="timeline",
    key=ADMISSION_DECISION_WD,
    citations=regime_citations("điểm 4.3.1"),
)
def decide_admit_deadline(run: Run) -> Iterator[Evaluation | None]:
    """The competent committee decides within 60 working days of the cell resolution.

    In special cases the limit may be extended by up to 30 working days, with
    a reason: a decision inside the extension is a warning.
    """
    return _judge(run, Act.ADMISSION_DECISION)


@rule(
    "CEREMONY-DEADLINE",
    needs=(ev.CellResolution,),
    title_vi="Tổ chức lễ kết nạp trong 30 ngày làm việc kể từ khi nhận quyết định",
    title_en="Ceremony within 30 working days of receiving the decision",
    topic="timeline",
    key=CEREMONY_WD,
    citations=regime_citations("điểm 4.1"),
)
def ceremony_deadline(run: Run) -> Iterator[Evaluation | None]:
    """The cell holds the admission ceremony within 30 working days of receiving the decision.

    The limit runs from the day the cell received the decision
    (``received``); when that was not recorded, from the decision's date.
    """
    return _judge(run, Act.CEREMONY)


@rule(
    "OFF-REVIEW-DEADLINE",
    needs=(ev.AdmissionCeremony, ev.RecognitionResolution),
    title_vi="Chi bộ xét công nhận chính thức trong 30 ngày làm việc sau khi hết dự bị",
    title_en="Recognition review within 30 working days after probation",
    topic="timeline",
    key=RECOGNITION_REVIEW_WD,
    citations=regime_citations("điểm 4.2a"),
)
def off_review_deadline(run: Run) -> Iterator[Evaluation | None]:
    """The cell considers official membership within 30 working days after the 12 months end."""
    yield from _judge(run, Act.RECOGNITION_REVIEW)
    for res in run.record.of_type(ev.RecognitionResolution):
        ceremony = run.record.last(ev.AdmissionCeremony, res.date)
        if ceremony is None or not run.rule.applies_on(res.date):
            continue
        end = add_months(ceremony.date, run.ctx.value(PROBATION_MONTHS, ceremony.date))
        if res.date < end:
            yield run.fail(
                "Chi bộ xét công nhận ngày {day}, trước khi hết thời kỳ dự bị ({end})",
                "Recognition reviewed on {day}, before probation ended ({end})",
                on=res.date,
                day=d(res.date),
                end=d(end),
            )


@rule(
    "OFF-DECIDE-DEADLINE",
    needs=(ev.RecognitionResolution,),
    title_vi="Cấp ủy quyết định công nhận chính thức trong 30 ngày làm việc",
    title_en="Recognition decided within 30 working days of the cell resolution",
    topic="timeline",
    key=RECOGNITION_DECISION_WD,
    citations=regime_citations("điểm 4.3.1"),
)
def off_decide_deadline(run: Run) -> Iterator[Evaluation | None]:
    """The competent committee decides on recognition within 30 working days (+30 with reason)."""
    return _judge(run, Act.RECOGNITION_DECISION)


@rule(
    "OFF-EFFECTIVE",
    needs=(ev.AdmissionCeremony,),
    title_vi="Đảng viên chính thức kể từ ngày hết 12 tháng dự bị",
    title_en="Official from the day the 12 months of probation end",
    topic="timeline",
    key=PROBATION_MONTHS,
    citations=(cite("dieu-le-2011", "Điều 5, khoản 1"), *regime_citations("điểm 4.2b")),
)
def off_effective(run: Run) -> Iterator[Evaluation | None]:
    """Probation lasts 12 months from the ceremony; a qualified member is official from the day it ends, even when the review or decision is late.

    A recognition decision stating another start date is a violation.
    """  # noqa: E501
    found = False
    for dec in run.record.of_type(ev.RecognitionDecision):
        ceremony = run.record.last(ev.AdmissionCeremony, dec.date)
        if ceremony is None or not run.rule.applies_on(ceremony.date):
            continue
        found = True
        end = add_months(ceremony.date, run.ctx.value(PROBATION_MONTHS, ceremony.date))
        if dec.official_from is None or dec.official_from == end:
            yield run.ok("Chính thức từ {end}", "Official from {end}", end=d(end))
            continue
        yield run.fail(
            "Quyết định ngày {day} ghi chính thức từ {stated}; đúng ra từ {end} "
            "(lễ kết nạp {cer} + 12 tháng)",
            "The decision of {day} states official from {stated}; it should be {end} "
            "(ceremony {cer} + 12 months)",
            on=dec.date, day=d(dec.date), stated=d(dec.official_from), end=d(end),
            cer=d(ceremony.date),
        )  # fmt: skip
    if not found:
        yield run.na("Chưa có quyết định công nhận chính thức", "No recognition decision")


@rule(
    "OFF-VOTE",
    needs=(ev.RecognitionResolution,),
    title_vi="Chi bộ biểu quyết công nhận chính thức: ít nhất 2/3 tán thành",
    title_en="Recognition vote: at least 2/3 of all official members approve",
    topic="timeline",
    key=RECOGNITION_VOTE_FRACTION,
    citations=(cite("dieu-le-2011", "Điều 5, khoản 2"),),
)
def off_vote(run: Run) -> Iterator[Evaluation | None]:
    """An approved recognition resolution needs at least 2/3 of all official members of the cell."""
    found = False
    for res in run.record.of_type(ev.RecognitionResolution):
        if not res.approved or not run.rule.applies_on(res.date):
            continue
        found = True
        frac = run.ctx.value(RECOGNITION_VOTE_FRACTION, res.date)
        if res.votes_for >= frac * res.official_members:
            yield run.ok("{v}/{t} tán thành", "{v}/{t} approved",
                         v=res.votes_for, t=res.official_members)  # fmt: skip
            continue
        yield run.fail(
            "Nghị quyết công nhận ngày {day}: {v}/{t} tán thành, dưới {frac}",
            "Recognition resolution of {day}: {v}/{t} approved, below {frac}",
            on=res.date, day=d(res.date), v=res.votes_for, t=res.official_members,
            frac=str(frac),
        )  # fmt: skip
    if not found:
        yield run.na("Chưa có nghị quyết công nhận", "No recognition resolution")


@rule(
    "CARD-OFFICIAL-ONLY",
    needs=(ev.CardIssued,),
    title_vi="Chỉ phát thẻ đảng viên cho đảng viên chính thức",
    title_en="Party cards only for official members",
    topic="timeline",
    citations=(cite("29-QĐ/TW/2016", "điểm 6.1a"), cite("01-HD/TW/2021", "mục 7")),
)
def card_official_only(run: Run) -> Iterator[Evaluation | None]:
    """A party card is issued only to an official member.

    The member must be official on the card's date as the register stood
    that day: official membership is back-dated to the end of probation, but
    a card handed over before the recognition decision was signed is still
    premature.
    """
    found = False
    record = run.record
    events = record.events
    for i, card in enumerate(events):
        if not isinstance(card, ev.CardIssued) or not run.rule.applies_on(card.date):
            continue
        found = True
        stage = record.stage_at(card.date)
        if _known_later(events, i):
            # The register up to the card itself: a later-signed recognition
            # back-dated over the card, or a same-day act sorted after it,
            # must not change what the member was when the card was handed.
            stage = timeline(events[: i + 1], presorted=True).stage_at(card.date)
        if stage is Stage.OFFICIAL:
            yield run.ok("Phát thẻ ngày {day} khi đã chính thức", "Card on {day}, official",
                         day=d(card.date))  # fmt: skip
            continue
        yield run.fail(
            "Phát thẻ đảng viên ngày {day} khi đang là {stage}",
            "Party card issued on {day} to a {stage_en}",
            on=card.date,
            day=d(card.date),
            stage=stage.value,
            stage_en=stage.label_en,
        )
    if not found:
        yield run.na("Chưa phát thẻ", "No card issued")


def _known_later(events: tuple[ev.Event, ...], i: int) -> bool:
    """Whether an event after position *i* takes effect on or before ``events[i].date``."""
    day = events[i].date
    return any(e.effective <= day for e in events[i + 1 :])


@rule(
    "EVENT-ORDER",
    title_vi="Các bước kết nạp, công nhận, xóa tên diễn ra đúng trình tự",
    title_en="Admission, recognition and exit steps happen in lawful order",
    topic="timeline",
    citations=(cite("dieu-le-2011", "Điều 4, Điều 5"),),
)
def event_order(run: Run) -> Iterator[Evaluation | None]:
    """Each step is allowed only from the stages the procedure permits (see the stage diagram).

    For example a ceremony needs an admission decision, recognition needs a
    ceremony, and a removed person must apply again to be re-admitted.
    """
    problems = run.record.timeline.problems
    for p in problems:
        if not run.rule.applies_on(p.event.date):
            continue
        allowed = ", ".join(sorted(s.value for s in p.allowed))
        yield run.fail(
            "{event} ngày {day} không hợp lệ khi đang là {stage} (chỉ hợp lệ khi: {allowed})",
            "{event_en} on {day} is not allowed for a {stage_en}",
            on=p.event.date, event=p.event.TITLE_VI, event_en=type(p.event).__name__,
            day=d(p.event.date), stage=p.stage.value, stage_en=p.stage.label_en,
            allowed=allowed,
        )  # fmt: skip
    if not problems:
        yield run.ok("Trình tự hợp lệ", "Lawful order")


@rule(
    "PROB-COURSE",
    needs=(ev.RecognitionResolution,),
    title_vi="Đảng viên dự bị học lớp bồi dưỡng đảng viên mới",
    title_en="Probationary members attend the new-member course",
    topic="timeline",
    confidence=Confidence.B,
    citations=(cite("01-HD/TW/2021", "mục 4", Confidence.B),),
)
def prob_course(run: Run) -> Iterator[Evaluation | None]:
    """The new-member course certificate belongs in the recognition dossier.

    The consequence of missing it is not stated in the sources found, so a
    recognition without it is a warning, not a violation.
    """
    found = False
    for res in run.record.of_type(ev.RecognitionResolution):
        ceremony = run.record.last(ev.AdmissionCeremony, res.date)
        if ceremony is None or not run.rule.applies_on(res.date):
            continue
        found = True
        course = [c for c in run.record.of_type(ev.NewMemberCourse)
                  if ceremony.date <= c.date <= res.date]  # fmt: skip
        if course:
            yield run.ok("Đã học lớp đảng viên mới ngày {day}", "Course on {day}",
                         day=d(course[-1].date))  # fmt: skip
            continue
        yield run.fail(
            "Xét công nhận ngày {day} mà chưa có giấy chứng nhận lớp bồi dưỡng đảng viên mới",
            "Recognition reviewed on {day} without the new-member course certificate",
            on=res.date,
            severity=Severity.WARNING,
            day=d(res.date),
        )
    if not found:
        yield run.na("Chưa xét công nhận", "No recognition review")
