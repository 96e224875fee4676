"""The admissions of a commune: how many a year, in which cells, and each one's path.

Each admission runs from the applicant's introduction by a mass
organisation to official membership and the card: sympathizer listing, the
awareness course, application, introducers, background check, the cell's
resolution, the committee's, the decision, the ceremony, the new-member
course, the recognition review and decision.  Every time limit is read from
the parameters on the day of the act, and kept with a margin; the planted
mistakes (:mod:`~dangvien.synthetic._mistakes`) are the only exceptions.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

import attrs

from dangvien.dates import add_months
from dangvien.model import events as ev
from dangvien.model.org import CellKind
from dangvien.parameters import ADMISSION_AGE_MIN_YEARS, ADMISSION_DECISION_WD, CEREMONY_WD
from dangvien.synthetic import _law as law
from dangvien.synthetic._applicants import ROUTE_AGES, applicant, introducers, route, sourcing
from dangvien.synthetic._days import working_days_before
from dangvien.synthetic._errors import refused
from dangvien.synthetic._life import transfer_out
from dangvien.synthetic._mistakes import INTRODUCER_TAG, mistake_note, tags_of_year
from dangvien.synthetic._state import CellState, Item, Member, Vote

if TYPE_CHECKING:
    from dangvien.synthetic._commune import Commune

#: Members of the commune's party committee voting on an admission.
COMMITTEE_MEMBERS: Final = 15

# Windows (month, day) of the decisions: of an ordinary admission, the last
# year's, and those carrying (or preparing) a planted mistake.
_WINDOW: Final = ((1, 10), (8, 31))
_LAST_YEAR_END: Final = (10, 31)
_TAG_WINDOWS: Final = {
    "late_ceremony": ((5, 10), (6, 30)),
    INTRODUCER_TAG: ((5, 1), (6, 30)),
    "probationary_introducer": ((4, 15), (5, 31)),
}


def admissions(c: Commune) -> None:
    """Admit people year by year, planting the mistakes when asked."""
    p = c.profile
    rng = c.rng
    planted: set[str] = set()
    introducer: tuple[CellState, Member] | None = None
    for year in range(c.start - 1, c.end + 1):
        low, high = p.recognitions_per_year if year < p.plan_year else p.admissions_per_year
        count = rng.randint(low, high)
        tags = tags_of_year(year, p.plan_year, c.end) if c.mistakes else []
        count = max(count, len(tags))
        plans: list[tuple[CellState, date, str]] = []
        for i in range(count):
            tag = tags[i] if i < len(tags) else ""
            cell = c.weights.pick(rng, year, hamlet_only=bool(tag))
            if tag == "probationary_introducer" and introducer is not None:
                cell = introducer[0]
            if cell is None:
                continue
            window = _TAG_WINDOWS.get(tag)
            if window is None:
                window = (_WINDOW[0], _LAST_YEAR_END if year == c.end else _WINDOW[1])
            plans.append((cell, _decision_date(c, year, *window), tag))
        plans.sort(key=lambda t: t[1])
        for cell, when, tag in plans:
            override: Member | None = None
            if tag == "probationary_introducer":
                if introducer is None:
                    tag = ""
                else:
                    override = introducer[1]
            member = admit(c, cell, when, tag=tag, probationary_introducer=override)
            if member is None:
                continue
            if tag == INTRODUCER_TAG:
                introducer = (cell, member)
            planted.add(tag)
    if c.mistakes and not {"late_ceremony", "probationary_introducer", "under_age"} <= planted:
        raise refused("not_planted", commune=c.commune.name)


def _decision_date(c: Commune, year: int, low: tuple[int, int], high: tuple[int, int]) -> date:
    a, b = date(year, *low), date(year, *high)
    return c.working(a + timedelta(days=c.rng.randint(0, (b - a).days)))


@attrs.define(slots=True)
class _Dates:
    """The days of one admission, from the application to the ceremony."""

    application: date
    introduced: date
    resolution: date
    decision: date
    received: date
    ceremony: date


def _schedule(c: Commune, decision: date, tag: str, early: Member | None) -> _Dates:
    """The days of an admission decided on *decision*, inside every time limit but *tag*'s."""
    rng, cal = c.rng, c.cal
    limit = law.value(ADMISSION_DECISION_WD, decision)  # 60, then 45 from 1/7/2025
    resolution = working_days_before(cal, decision, rng.randint(12, min(45, limit)))
    application = c.working(resolution - timedelta(days=rng.randint(45, 200)))
    introduced = c.working(application + timedelta(days=rng.randint(0, 20)))
    if tag == "probationary_introducer" and early is not None:
        assert early.ceremony is not None
        # Introduced early in the year, while that member is still on probation.
        introduced = c.working(date(decision.year, 1, 8) + timedelta(days=rng.randint(0, 70)))
        assert early.ceremony < introduced < law.probation_end(early.ceremony)
        application = c.working(introduced - timedelta(days=rng.randint(0, 15)))
        resolution = cal.add_working_days(introduced, rng.randint(15, 30))
        decision = cal.add_working_days(resolution, rng.randint(15, 40))
    received = c.working(decision + timedelta(days=rng.randint(1, 5)))
    within = law.value(CEREMONY_WD, received)
    if tag == "late_ceremony":
        ceremony = cal.add_working_days(received, within + rng.randint(4, 10))
    else:
        ceremony = cal.add_working_days(received, rng.randint(3, within - 5))
    return _Dates(application, introduced, resolution, decision, received, ceremony)


def _birth(c: Commune, by: str, resolution: date, tag: str) -> date:
    """The applicant's birth: of the route's ages, or just short of the minimum for *tag*."""
    if tag == "under_age":
        # Turns the minimum age (by full months) a few days after the cell meeting.
        turns = resolution + timedelta(days=c.rng.randint(2, 6))
        while turns.day > 28:  # keep the day of month: no month-end clamping
            turns += timedelta(days=1)
        return add_months(turns, -law.adult_months())
    return c.birth(resolution, *ROUTE_AGES[by])


def admit(
    c: Commune,
    cell: CellState,
    decision: date,
    *,
    tag: str = "",
    probationary_introducer: Member | None = None,
) -> Member | None:
    """Generate one person's path from introduction to official membership.

    Returns the new member, or None when the cell has too few members who
    may introduce.
    """
    rng = c.rng
    cid = cell.cell.id
    days = _schedule(c, decision, tag, probationary_introducer)
    decision, resolution = days.decision, days.resolution
    # Who the applicant is.
    by = "unit" if cell.cell.kind is not CellKind.HAMLET else route(c)
    if tag in ("under_age", "probationary_introducer", INTRODUCER_TAG):
        by = "youth"
    birth = _birth(c, by, resolution, tag)
    # Introducers: two official members, or the Youth Union executive and one.
    youth_org = by == "youth" and (tag == "under_age" or rng.random() < 0.5)
    if tag == "probationary_introducer":
        youth_org = False
    if tag == "probationary_introducer" and probationary_introducer is not None:
        others = introducers(c, cell, days.introduced, days.ceremony, 1)
        chosen = None if others is None else [probationary_introducer, *others]
    else:
        chosen = introducers(c, cell, days.introduced, days.ceremony, 1 if youth_org else 2)
    if chosen is None:
        return None
    course = max(b for b in c.awareness_batches if b <= days.application - timedelta(days=10))
    listed = c.working(course - timedelta(days=rng.randint(30, 150)))
    if tag == INTRODUCER_TAG:
        # Listed long enough before introducing someone next year.
        listed = c.working(decision - timedelta(days=rng.randint(500, 580)))
        course = max(
            b for b in c.awareness_batches if listed < b <= days.application - timedelta(days=10)
        )
    pid = applicant(c, by, birth, cell)
    items = sourcing(c, by, cid, listed, course)
    items.append(ev.ApplicationFiled(date=days.application))
    intro_note = None
    if tag == "probationary_introducer":
        intro_note = mistake_note("probationary_introducer")
    items.append(
        ev.IntroducersAssigned(
            date=days.introduced,
            introducers=tuple(m.pid for m in chosen),
            org_introducer=ev.OrgIntroducer.YOUTH_UNION if youth_org else None,
            note=intro_note,
        )
    )
    check_day = c.working(days.introduced + timedelta(days=rng.randint(7, 20)))
    if check_day < resolution:
        items.append(ev.BackgroundCheck(date=check_day, issuer=c.committee))
    age_note = None
    if tag == "under_age":
        age_note = mistake_note("under_age", age=law.value(ADMISSION_AGE_MIN_YEARS, resolution))
    items.append(
        Vote(
            ev.CellResolution,
            resolution,
            cid,
            pid,
            c.doc(f"cell:{cid}", resolution.year, "NQ/CB"),
            f"Chi bộ {cell.cell.name}",
            age_note,
        )
    )
    items += _decided(c, cid, days, tag)
    official, recognised = _recognised(c, cell, pid, days.ceremony, items)
    c.add(pid, *items)
    member = Member(pid, birth, since=listed, official_from=official, ceremony=days.ceremony)
    cell.members.append(member)
    if official is not None and not tag and rng.random() < 0.06:
        leaves = c.working(recognised + timedelta(days=rng.randint(120, 900)))
        if leaves <= c.end_date:
            transfer_out(c, member, leaves)
    return member


def _decided(c: Commune, cid: str, days: _Dates, tag: str) -> list[Item]:
    """The committee's resolution, the decision and the ceremony."""
    rng, cal = c.rng, c.cal
    span = cal.count_working_days(days.resolution, days.decision)
    committee = cal.add_working_days(days.resolution, rng.randint(2, max(2, span - 3)))
    items: list[Item] = [
        ev.CommitteeResolution(
            date=committee,
            issuer=c.committee,
            doc_no=c.doc("committee", committee.year, "NQ/ĐU"),
            votes_for=COMMITTEE_MEMBERS - rng.randint(0, 2),
            members=COMMITTEE_MEMBERS,
        )
    ]
    issuer, suffix = c.deciding(days.decision)
    items.append(
        ev.AdmissionDecision(
            date=days.decision,
            received=days.received,
            issuer=issuer,
            doc_no=c.doc("decision", days.decision.year, suffix),
        )
    )
    late = None
    if tag == "late_ceremony":
        late = mistake_note("late_ceremony", days=law.value(CEREMONY_WD, days.received))
    items.append(ev.AdmissionCeremony(date=days.ceremony, cell=cid, note=late))
    return items


def _recognised(
    c: Commune, cell: CellState, pid: str, ceremony: date, items: list[Item]
) -> tuple[date | None, date]:
    """Add the new-member course, the recognition and the card to *items*.

    Returns the first day of official membership (None when recognised after
    the end) and the day of the recognition decision.
    """
    rng, cal = c.rng, c.cal
    cid = cell.cell.id
    course = min(b for b in c.new_member_batches if b >= ceremony + timedelta(days=30))
    items.append(
        ev.NewMemberCourse(
            date=course,
            issuer=c.centre(course),
            doc_no=c.doc("course", course.year, "GCN/TTCT"),
        )
    )
    probation_end = law.probation_end(ceremony)
    review = cal.add_working_days(probation_end, rng.randint(1, 18))
    recognised = cal.add_working_days(review, rng.randint(5, 22))
    items.append(
        Vote(
            ev.RecognitionResolution,
            review,
            cid,
            pid,
            c.doc(f"cell:{cid}", review.year, "NQ/CB"),
            f"Chi bộ {cell.cell.name}",
        )
    )
    issuer, suffix = c.deciding(recognised)
    items.append(
        ev.RecognitionDecision(
            date=recognised,
            official_from=probation_end,
            issuer=issuer,
            doc_no=c.doc("decision", recognised.year, suffix),
        )
    )
    card = c.working(recognised + timedelta(days=rng.randint(10, 50)))
    c.cards += 1
    items.append(ev.CardIssued(date=card, issuer=issuer, card_no=f"GL-{c.cards:06d}"))
    official = probation_end if recognised <= c.end_date else None
    return official, recognised
