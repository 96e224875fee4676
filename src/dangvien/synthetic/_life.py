"""What happens to members: exemption in old age, death, transfers, removal, badges."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from dangvien.dates import add_months
from dangvien.model import events as ev
from dangvien.model.org import CellKind
from dangvien.model.people import Sex
from dangvien.parameters import REMOVAL_MISSED_MONTHS
from dangvien.synthetic import _law as law
from dangvien.synthetic._state import CellState, Member

if TYPE_CHECKING:
    from dangvien.synthetic._commune import Commune

#: Where members transferred out go, and where those transferred in come from.
ELSEWHERE: Final = "Đảng bộ xã khác (giả lập)"


def fates(c: Commune) -> None:
    """Exemptions and deaths of the older hamlet members, then transfers and removals."""
    rng = c.rng
    first = date(c.start - 2, 1, 1)
    for cell in c.cells:
        if cell.cell.kind is not CellKind.HAMLET:
            continue
        for m in list(cell.members):
            age = first.year - m.birth.year
            if age >= 78 and rng.random() < 0.5:
                exempt = c.working(
                    add_months(m.birth, 12 * 75) + timedelta(days=rng.randint(30, 900))
                )
                if exempt <= c.end_date:
                    m.exempt = exempt
                    c.add(m.pid, ev.Exempted(date=exempt, issuer=f"Chi bộ {cell.cell.name}"))
            for year in range(first.year, c.end + 1):
                p = 0.0035 * max(0, year - m.birth.year - 62)
                if rng.random() < p and _may_leave(cell):
                    died = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
                    if m.exempt is not None and died <= m.exempt:
                        died = m.exempt + timedelta(days=rng.randint(10, 200))
                    if died <= c.end_date:
                        m.end = died
                        c.add(m.pid, ev.Died(date=died))
                    break
    _transfers_out(c, first)
    _removals(c)
    _transfers_in(c, first)


def _may_leave(cell: CellState) -> bool:
    """Whether a member may leave: the cell keeps more than six."""
    staying = sum(1 for m in cell.members if m.end is None)
    return staying > 6


def _transfers_out(c: Commune, first: date) -> None:
    rng = c.rng
    hamlets = [s for s in c.cells if s.cell.kind is CellKind.HAMLET]
    count = round(rng.uniform(0.5, 1.5) * c.profile.scale * (c.end - first.year + 1) / 2)
    for _ in range(count):
        if not hamlets:
            break
        cell = rng.choice(hamlets)
        on = c.working(first + timedelta(days=rng.randint(0, (c.end_date - first).days - 30)))
        movable = [
            m
            for m in cell.members
            if m.end is None and on.year - m.birth.year < 58 and m.exempt is None
        ]
        if not movable or not _may_leave(cell):
            continue
        transfer_out(c, rng.choice(movable), on)


def transfer_out(c: Commune, m: Member, on: date) -> None:
    """*m* leaves for another commune on *on*."""
    m.end = on
    c.add(m.pid, ev.TransferredOut(date=on, destination=ELSEWHERE, issuer=c.committee))


def _removals(c: Commune) -> None:
    """Members struck off for missing the activities the law counts, in one year."""
    rng = c.rng
    year = min(c.end, c.start + 2)
    hamlets = [s for s in c.cells if s.cell.kind is CellKind.HAMLET]
    months = law.value(REMOVAL_MISSED_MONTHS, date(year, 1, 1))
    for _ in range(c.profile.removals):
        if not hamlets:
            return
        cell = rng.choice(hamlets)
        candidates = [
            m
            for m in cell.members
            if m.end is None and m.exempt is None and 28 <= year - m.birth.year <= 55
        ]
        if not candidates or not _may_leave(cell):
            continue
        m = rng.choice(candidates)
        first_month = rng.randint(2, 6)
        missed = [
            ev.ActivityMissed(date=date(year, first_month + i, 15), kind=ev.ActivityKind.MEETING)
            for i in range(months)
        ]
        removed = c.working(
            date(year, first_month + months, 1) + timedelta(days=rng.randint(20, 80))
        )
        issuer, suffix = c.deciding(removed)
        m.end = removed
        c.add(
            m.pid,
            *missed,
            ev.Removed(
                date=removed,
                reason=ev.RemovalReason.MISSED_ACTIVITIES,
                issuer=issuer,
                doc_no=c.doc("removal", removed.year, suffix),
            ),
        )


def _transfers_in(c: Commune, first: date) -> None:
    """Officials arriving at the schools and the health station; some colleagues leave."""
    rng = c.rng
    units = [s for s in c.cells if s.cell.kind in (CellKind.SCHOOL, CellKind.HEALTH)]
    count = max(1, round(2 * c.profile.scale))
    for _ in range(count):
        if not units:
            return
        cell = rng.choice(units)
        on = c.working(first + timedelta(days=rng.randint(150, 3 * 365)))
        if on > c.end_date:
            continue
        birth = c.birth(on, 24, 45)
        pid = c.person(birth=birth, sex=rng.choice((Sex.MALE, Sex.FEMALE)), cell=cell)
        c.add(
            pid,
            ev.TransferredIn(
                date=on,
                source=ELSEWHERE,
                cell=cell.cell.id,
                probationary=False,
                issuer=c.committee,
            ),
        )
        cell.members.append(Member(pid, birth, since=on, official_from=on))
        # A colleague leaves for another post some months later.
        later = c.working(on + timedelta(days=rng.randint(60, 400)))
        movable = [
            m
            for m in cell.members
            if m.end is None
            and m.official_from is not None
            and m.official_from < on
            and later.year - m.birth.year < 58
        ]
        if later <= c.end_date and movable and rng.random() < 0.6:
            transfer_out(c, rng.choice(movable), later)


def badges(c: Commune) -> None:
    """The badges of the years of membership the law rewards, on the next occasion."""
    first = date(c.start, 1, 1)
    for cell in c.cells:
        for m in cell.members:
            events = c.items[m.pid]
            decision = next((e for e in events if isinstance(e, ev.AdmissionDecision)), None)
            if decision is None:
                continue
            for years in c.badge_levels:
                if not c.start - 1 <= decision.date.year + years <= c.end:
                    continue
                due = add_months(decision.date, 12 * years)
                award = law.next_anniversary(due)
                if award < first or award > c.end_date:
                    continue
                if m.end is not None and award >= m.end:
                    continue
                c.add(
                    m.pid,
                    ev.BadgeAwarded(
                        date=award,
                        years=years,
                        issuer=f"Ban Thường vụ Tỉnh ủy {c.province_short}"
                        if c.province_short
                        else None,
                    ),
                )
