"""Membership rules (sinh hoạt đảng): party age, badges, removal grounds, re-admission."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from dangvien.documents import Confidence
from dangvien.findings import Severity
from dangvien.model import events as ev
from dangvien.model.register import Record
from dangvien.parameters import BADGE_LEVELS_YEARS, REMOVAL_MISSED_MONTHS, Parameters
from dangvien.rules._base import Evaluation, Run, rule
from dangvien.rules._common import cite, doc, ok_cited, regime_citations
from dangvien.rules._life import badge_allowance, exempt_on, on_temporary_activity
from dangvien.rules.partyage import party_age

__all__ = ["party_age_months"]


def party_age_months(record: Record, on: date, params: Parameters | None = None) -> int | None:
    """Return the party age (tuổi đảng) on *on* in whole months, or None.

    The months of :func:`dangvien.rules.partyage.party_age`, which also
    gives the day counted from, the gaps and the citation in force: from the
    first admission decision, less the time outside the Party (removal or
    expulsion until the re-admission decision, transfer gaps, lost contact),
    fixed on the day of death.  None when the person was not an official
    member on *on* or no admission decision or joining date is recorded.
    """
    found = party_age(record, on, params)
    return None if found is None else found.months


@rule(
    "BADGE-PARTY-AGE",
    needs=(ev.BadgeAwarded,),
    topic="membership",
    key=BADGE_LEVELS_YEARS,
    start=doc("29-QĐ/TW/2016").effective,
    citations=(
        cite("29-QĐ/TW/2016", "điểm 27.3a"),
        cite("24-QĐ/TW/2021", "điểm 27.3.1"),
        cite("232-QĐ/TW/2025", "điểm 27.3.1", Confidence.B),
        cite("294-QĐ/TW/2025", "điểm 28.3.1"),
        cite("dieu-le-2011", "Điều 5, khoản 4"),
    ),
)
def badge_party_age(run: Run) -> Iterator[Evaluation | None]:
    """A badge of N years is awarded only at a party age of N years, at one of the set levels.

    The 45-year level is new in 29-QĐ/TW (25/7/2016).  Early awards are
    allowed where the law of the award's day allows them: to a member
    certified seriously ill, up to 12 months early (24 months at the 70–90
    levels from 24-QĐ/TW); posthumously, up to 12 months early from
    24-QĐ/TW of 30/7/2021 for members who died from that day (none under
    29-QĐ/TW).  A deceased member's party age is that of the day of death.
    """
    found = False
    for badge in run.record.of_type(ev.BadgeAwarded):
        if not run.covers(badge.date):
            continue
        found = True
        levels = run.ctx.value(BADGE_LEVELS_YEARS, badge.date)
        age = party_age_months(run.record, badge.date, run.ctx.params)
        early = badge_allowance(run.ctx, run.record, badge.years, badge.date).months
        if badge.years not in levels:
            yield run.fail("level", on=badge.date, years=badge.years, levels=levels)
        elif age is None or age < badge.years * 12 - early:
            yield run.fail(
                "fail", on=badge.date, years=badge.years, day=badge.date, age=age or 0, early=early
            )
        elif age < badge.years * 12:
            yield run.ok("early", age=age, early=early)
        else:
            yield run.ok("ok", age=age)
    if not found:
        yield run.na("none")


@rule(
    "REMOVE-3M",
    needs=(ev.ActivityMissed,),
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

    A month missed with a reason the cell accepted (``valid_reason``) does
    not count.  Nor do meetings missed while the member was exempted from
    party work and activities or on temporary activity elsewhere: the member
    was not expected at the cell's meetings.  Dues still count in both
    cases: exempted members pay dues (27-HD/BTCTW §2), and a member on
    temporary activity pays them at the temporary cell (294-QĐ/TW 6.3.2c),
    so a missed month recorded for them is a real one (dangvien's reading).
    """  # noqa: E501
    months: dict[int, set[int]] = defaultdict(set)
    excused: dict[int, set[int]] = defaultdict(set)
    ctx, record = run.ctx, run.record
    for miss in record.of_type(ev.ActivityMissed):
        if not run.covers(miss.date):
            continue
        away = miss.kind is ev.ActivityKind.MEETING and (
            exempt_on(ctx, record, miss.date) or on_temporary_activity(ctx, record, miss.date)
        )
        if miss.valid_reason or away:
            excused[miss.date.year].add(miss.date.month)
        else:
            months[miss.date.year].add(miss.date.month)
    for year, set_aside in sorted(excused.items()):
        # A month both excused (a meeting) and not (the dues) counts.
        kept = set_aside - months.get(year, set())
        if kept:
            yield run.ok("excused", year=year, n=len(kept), months=tuple(sorted(kept)))
    if not months:
        if not excused:
            yield run.na("none")
        return
    removals = {r.date.year for r in run.record.of_type(ev.Removed)}
    for year, missed in sorted(months.items()):
        need = run.ctx.value(REMOVAL_MISSED_MONTHS, date(year, 12, 31))
        if len(missed) < need:
            yield run.ok("ok", year=year, n=len(missed))
        elif year in removals or year + 1 in removals:
            yield run.ok("removed", year=year, n=len(missed))
        else:
            yield run.fail(
                "fail",
                on=date(year, max(missed), 1),
                severity=Severity.WARNING,
                year=year,
                n=len(missed),
                months=tuple(sorted(missed)),
            )


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


@rule(
    "READMIT-CONSENT",
    needs=(ev.AdmissionDecision,),
    topic="membership",
    citations=(
        cite("45-QĐ/TW/2011", "điểm về kết nạp lại (nguồn trích đánh số 9.1–9.2)", Confidence.B),
        *regime_citations("điểm 3.5.1"),
    ),
)
def readmit_consent(run: Run) -> Iterator[Evaluation | None]:
    """Re-admission requires the provincial standing committee's written consent before the decision.

    From 45-QĐ/TW (1/11/2011, grade B); no such rule of 23-QĐ/TW was found.
    """  # noqa: E501
    found = False
    for decision, exit_event in _readmissions(run.record):
        if not run.covers(decision.date):
            continue
        found = True
        ok = [
            c
            for c in run.record.of_type(ev.ProvincialConsent)
            if c.purpose is ev.ConsentPurpose.READMISSION
            and exit_event.date <= c.date <= decision.date
        ]
        if ok:
            yield ok_cited(run, "ok", decision.date, day=ok[-1].date)
            continue
        yield run.fail("fail", on=decision.date, day=decision.date)
    if not found:
        yield run.na("rule.common.no_readmission")
