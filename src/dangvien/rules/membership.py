"""Membership rules (sinh hoạt đảng): party age, badges, removal grounds, re-admission."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from dangvien.dates import full_months
from dangvien.documents import Confidence
from dangvien.findings import Severity
from dangvien.model import events as ev
from dangvien.model.register import Record
from dangvien.model.stages import MEMBER_STAGES, Stage
from dangvien.parameters import (
    BADGE_LEVELS_YEARS,
    READMISSION_MAX_TIMES,
    READMISSION_WAIT_AFTER_RECORD_MONTHS,
    READMISSION_WAIT_MONTHS,
    REMOVAL_MISSED_MONTHS,
)
from dangvien.rules._base import Evaluation, Run, rule
from dangvien.rules._common import cite, d, regime_citations

__all__ = ["party_age_months"]

# Stages that count towards party age once the first decision is signed.
_IN_PARTY = frozenset({Stage.ADMITTED, Stage.PROBATIONARY, Stage.OFFICIAL})


def party_age_months(record: Record, on: date) -> int | None:
    """Return the party age (tuổi đảng) on *on* in whole months, or None.

    Party age runs from the first admission decision, minus the time spent
    outside the Party, and is counted once the member is official (Charter
    Art. 5(4); 24-QĐ/TW 4.5).  Outside is every day after the first decision
    on which the person was neither admitted, probationary nor official:
    removed or expelled until the re-admission *decision* (applying again
    does not end the gap), transferred out until transferred back, and after
    death, so a deceased member keeps the party age of the day of death.
    The gaps are subtracted as days: the start is moved forward by their
    length, then whole months are counted.  None when the person was never
    official by *on* or no admission decision is recorded.
    """
    tl = record.timeline
    decisions = [e for e in record.of_type(ev.AdmissionDecision) if e.date <= on]
    if not decisions or tl.first_reached(Stage.OFFICIAL) is None:
        return None
    if tl.stage_at(on) not in MEMBER_STAGES and tl.stage_at(on) is not Stage.DECEASED:
        return None
    if not any(p.stage is Stage.OFFICIAL and p.start <= on for p in tl.periods):
        return None
    first = decisions[0].date
    gap = 0
    periods = tl.periods
    for i, p in enumerate(periods):
        if p.start > on or p.start < first or p.stage in _IN_PARTY:
            continue
        end = periods[i + 1].start if i + 1 < len(periods) else on
        gap += (min(end, on) - p.start).days
    start = first + timedelta(days=gap)
    return full_months(start, on) if start <= on else 0


@rule(
    "BADGE-PARTY-AGE",
    needs=(ev.BadgeAwarded,),
    title_vi="Huy hiệu Đảng theo tuổi đảng",
    title_en="Party badge by party age",
    topic="membership",
    key=BADGE_LEVELS_YEARS,
    start=date(2021, 9, 28),
    citations=(cite("01-HD/TW/2021", "mục 18.4"), cite("dieu-le-2011", "Điều 5, khoản 4")),
)
def badge_party_age(run: Run) -> Iterator[Evaluation | None]:
    """A badge of N years is awarded only at a party age of N years, at one of the set levels."""
    found = False
    for badge in run.record.of_type(ev.BadgeAwarded):
        if not run.rule.applies_on(badge.date):
            continue
        found = True
        levels = run.ctx.value(BADGE_LEVELS_YEARS, badge.date)
        age = party_age_months(run.record, badge.date)
        if badge.years not in levels:
            yield run.fail("Mốc huy hiệu {y} năm không có trong quy định ({levels})",
                           "No {y}-year badge level ({levels})", on=badge.date,
                           y=badge.years, levels=", ".join(map(str, levels)))  # fmt: skip
        elif age is None or age < badge.years * 12:
            yield run.fail(
                "Trao huy hiệu {y} năm ngày {day} khi tuổi đảng mới {age} tháng",
                "{y}-year badge awarded on {day} at a party age of {age} months",
                on=badge.date,
                y=badge.years,
                day=d(badge.date),
                age=age or 0,
            )
        else:
            yield run.ok("Tuổi đảng {age} tháng", "Party age {age} months", age=age)
    if not found:
        yield run.na("Chưa được trao huy hiệu", "No badge awarded")


@rule(
    "REMOVE-3M",
    needs=(ev.ActivityMissed,),
    title_vi="Bỏ sinh hoạt hoặc không đóng đảng phí 3 tháng trong năm: chi bộ xem xét xóa tên",
    title_en="Missing activities or dues 3 months in a year: the cell considers removal",
    topic="membership",
    key=REMOVAL_MISSED_MONTHS,
    citations=(cite("dieu-le-2011", "Điều 8, khoản 1"), *regime_citations("điểm 8.1")),
)
def remove_3m(run: Run) -> Iterator[Evaluation | None]:
    """A member who, without good reason, misses party activities or dues for 3 months in a year is proposed for removal.

    The sources do not say whether "a year" is a calendar year or any 12
    months, nor whether the months must be consecutive (open question Q9):
    dangvien counts distinct months in a calendar year, consecutive or not,
    and gives a warning (the cell must consider the case) unless the member
    was removed in that year or the next.
    """  # noqa: E501
    months: dict[int, set[int]] = defaultdict(set)
    for miss in run.record.of_type(ev.ActivityMissed):
        if run.rule.applies_on(miss.date):
            months[miss.date.year].add(miss.date.month)
    if not months:
        yield run.na("Không có tháng bỏ sinh hoạt", "No missed months")
        return
    removals = {r.date.year for r in run.record.of_type(ev.Removed)}
    for year, missed in sorted(months.items()):
        need = run.ctx.value(REMOVAL_MISSED_MONTHS, date(year, 12, 31))
        if len(missed) < need:
            yield run.ok("Năm {y}: {n} tháng", "{y}: {n} months", y=year, n=len(missed))
        elif year in removals or year + 1 in removals:
            yield run.ok("Năm {y}: {n} tháng, đã xóa tên", "{y}: {n} months, removed",
                         y=year, n=len(missed))  # fmt: skip
        else:
            yield run.fail(
                "Năm {y} bỏ sinh hoạt/không đóng đảng phí {n} tháng (tháng {list}): chi bộ "
                "phải xem xét, đề nghị xóa tên",
                "{n} months of missed activities or dues in {y} (months {list}): the cell "
                "must consider removal",
                on=date(year, max(missed), 1), severity=Severity.WARNING, y=year,
                n=len(missed), list=", ".join(map(str, sorted(missed))),
            )  # fmt: skip


def _readmissions(record: Record) -> list[tuple[ev.AdmissionDecision, ev.Event]]:
    """Pair each re-admission decision with the exit that preceded it."""
    pairs: list[tuple[ev.AdmissionDecision, ev.Event]] = []
    exit_event: ev.Event | None = None
    for e in record.events:
        if isinstance(e, ev.Removed | ev.Expelled):
            exit_event = e
        elif isinstance(e, ev.AdmissionDecision) and exit_event is not None:
            pairs.append((e, exit_event))
            exit_event = None
    return pairs


def _readmissions_of(run: Run) -> list[tuple[ev.AdmissionDecision, ev.Event]]:
    """:func:`_readmissions` of the run's person, computed once for the four rules."""
    record = run.record
    return run.ctx.memo(record, "readmissions", lambda: _readmissions(record))


_BARRED = {
    ev.RemovalReason.ABANDONED: ("tự ý bỏ sinh hoạt đảng", "abandoned party activities"),
    ev.RemovalReason.REQUESTED: ("xin ra khỏi Đảng", "asked to leave the Party"),
    ev.RemovalReason.DISUNITY: ("gây mất đoàn kết nghiêm trọng", "caused serious disunity"),
}


@rule(
    "READMIT-BAR",
    needs=(ev.AdmissionDecision,),
    title_vi="Những trường hợp không được kết nạp lại",
    title_en="People who may not be re-admitted",
    topic="membership",
    citations=regime_citations("điểm 3.5.2"),
)
def readmit_bar(run: Run) -> Iterator[Evaluation | None]:
    """Never re-admitted: those who left by abandoning activities, asking to leave (except for extreme family hardship), causing serious disunity, or who were convicted of corruption or a serious crime."""  # noqa: E501
    pairs = _readmissions_of(run)
    for decision, exit_event in pairs:
        if not run.rule.applies_on(decision.date):
            continue
        why: tuple[str, str] | None = None
        if isinstance(exit_event, ev.Removed):
            why = _BARRED.get(exit_event.reason)
        elif (
            isinstance(exit_event, ev.Expelled)
            and exit_event.ground is ev.ExpulsionGround.SERIOUS_CRIME
        ):
            why = ("bị kết án về tội tham nhũng hoặc tội nghiêm trọng trở lên",
                   "convicted of corruption or a serious crime")  # fmt: skip
        if why is None:
            yield run.ok("Lý do ra khỏi Đảng không thuộc diện cấm", "Exit ground not barred")
            continue
        yield run.fail(
            "Kết nạp lại ngày {day} người đã ra khỏi Đảng vì {why} (ngày {exit})",
            "Re-admitted on {day} after leaving because they {why_en} ({exit})",
            on=decision.date, day=d(decision.date), why=why[0], why_en=why[1],
            exit=d(exit_event.date),
        )  # fmt: skip
    if not pairs:
        yield run.na("Không có kết nạp lại", "No re-admission")


@rule(
    "READMIT-WAIT",
    needs=(ev.AdmissionDecision,),
    title_vi="Thời gian ra khỏi Đảng trước khi xét kết nạp lại",
    title_en="Waiting time before re-admission",
    topic="membership",
    key=READMISSION_WAIT_MONTHS,
    citations=regime_citations("điểm 3.5.1"),
)
def readmit_wait(run: Run) -> Iterator[Evaluation | None]:
    """At least 36 months out of the Party, or 60 months after the record of a less serious crime is cleared, on the day the cell considers re-admission."""  # noqa: E501
    record = run.record
    found = False
    for decision, exit_event in _readmissions_of(run):
        res = record.last(ev.CellResolution, decision.date)
        on = res.date if res is not None else decision.date
        if not run.rule.applies_on(on):
            continue
        found = True
        need = run.ctx.value(READMISSION_WAIT_MONTHS, on)
        months = full_months(exit_event.date, on)
        if months < need:
            yield run.fail(
                "Xét kết nạp lại ngày {day} khi mới ra khỏi Đảng {m} tháng (cần {need})",
                "Re-admission considered on {day} only {m} months after leaving ({need} needed)",
                on=on,
                day=d(on),
                m=months,
                need=need,
            )
            continue
        if isinstance(exit_event, ev.Expelled) and (
            exit_event.ground is ev.ExpulsionGround.LESS_SERIOUS_CRIME
        ):
            cleared = record.last(ev.RecordCleared, on)
            need2 = run.ctx.value(READMISSION_WAIT_AFTER_RECORD_MONTHS, on)
            m2 = None if cleared is None else full_months(cleared.date, on)
            if m2 is None or m2 < need2:
                yield run.fail(
                    "Chưa đủ {need} tháng kể từ khi được xóa án tích ({m} tháng)",
                    "Not {need} months since the record was cleared ({m} months)",
                    on=on,
                    need=need2,
                    m="?" if m2 is None else m2,
                )
                continue
        yield run.ok("Đã ra khỏi Đảng {m} tháng", "{m} months out", m=months)
    if not found:
        yield run.na("Không có kết nạp lại", "No re-admission")


@rule(
    "READMIT-ONCE",
    needs=(ev.AdmissionDecision,),
    title_vi="Chỉ được kết nạp lại một lần",
    title_en="Re-admission only once",
    topic="membership",
    key=READMISSION_MAX_TIMES,
    citations=regime_citations("điểm 3.5.3"),
)
def readmit_once(run: Run) -> Iterator[Evaluation | None]:
    """A person may be re-admitted only once."""
    pairs = [p for p in _readmissions_of(run) if run.rule.applies_on(p[0].date)]
    if not pairs:
        yield run.na("Không có kết nạp lại", "No re-admission")
        return
    allowed = run.ctx.value(READMISSION_MAX_TIMES, pairs[-1][0].date)
    total = len(_readmissions_of(run))
    if total <= allowed:
        yield run.ok("Kết nạp lại {n} lần", "Re-admitted {n} time(s)", n=total)
        return
    yield run.fail("Kết nạp lại {n} lần, chỉ được {allowed} lần",
                   "Re-admitted {n} times; only {allowed} allowed",
                   on=pairs[-1][0].date, n=total, allowed=allowed)  # fmt: skip


@rule(
    "READMIT-CONSENT",
    needs=(ev.AdmissionDecision,),
    title_vi="Kết nạp lại phải có ý kiến đồng ý bằng văn bản của BTV tỉnh ủy",
    title_en="Re-admission needs the provincial standing committee's written consent",
    topic="membership",
    citations=regime_citations("điểm 3.5.1"),
)
def readmit_consent(run: Run) -> Iterator[Evaluation | None]:
    """Re-admission requires the provincial standing committee's written consent before the decision."""  # noqa: E501
    found = False
    for decision, exit_event in _readmissions_of(run):
        if not run.rule.applies_on(decision.date):
            continue
        found = True
        ok = [c for c in run.record.of_type(ev.ProvincialConsent)
              if c.purpose is ev.ConsentPurpose.READMISSION
              and exit_event.date <= c.date <= decision.date]  # fmt: skip
        if ok:
            yield run.ok("Có ý kiến BTV tỉnh ủy ngày {day}", "Consent of {day}",
                         day=d(ok[-1].date))  # fmt: skip
            continue
        yield run.fail(
            "Quyết định kết nạp lại ngày {day} không có ý kiến đồng ý của BTV tỉnh ủy trước đó",
            "Re-admission decided on {day} without the provincial standing committee's "
            "prior consent",
            on=decision.date,
            day=d(decision.date),
            confidence=Confidence.A,
        )
    if not found:
        yield run.na("Không có kết nạp lại", "No re-admission")
