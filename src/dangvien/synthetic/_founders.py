"""The members a commune's cells have at the start, admitted years before.

They were admitted before the register records every step
(:data:`~dangvien.synthetic._law.OLD_ADMISSION_LAST`), so their histories are
abbreviated as transcribed registers are: listing, application, the cell's
vote, decision, ceremony, recognition and card.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from dangvien.dates import add_months
from dangvien.model import events as ev
from dangvien.model.org import CellKind
from dangvien.model.people import EducationLevel, Sex
from dangvien.parameters import EDUCATION_MIN
from dangvien.synthetic import _law as law
from dangvien.synthetic._state import CellState, Member

if TYPE_CHECKING:
    from dangvien.synthetic._commune import Commune


def first_members(c: Commune) -> None:
    """Give every cell its members at the start."""
    for cell in c.cells:
        for _ in range(_size(c, cell)):
            _old_member(c, cell)


def _size(c: Commune, cell: CellState) -> int:
    p = c.profile
    low, high = {
        CellKind.HAMLET: p.hamlet_members,
        CellKind.SCHOOL: p.school_members,
    }.get(cell.cell.kind, p.small_members)
    return max(4, c.rng.randint(low, high))


def _old_member(c: Commune, cell: CellState) -> Member:
    rng = c.rng
    ref = date(c.start, 1, 1)
    kind = cell.cell.kind
    if kind is CellKind.HAMLET:
        band = rng.random()
        low, high = (26, 45) if band < 0.25 else (45, 65) if band < 0.6 else (65, 92)
    elif kind is CellKind.SCHOOL:
        low, high = 27, 57
    else:
        low, high = 27, 52
    birth = c.birth(ref, low, high)
    latest = min(law.OLD_ADMISSION_LAST, add_months(birth, 12 * 50))
    # Admitted at 19 years 1 month at the earliest: a year past the minimum age.
    first_age = law.adult_months() + 13
    earliest = add_months(birth, first_age)
    if earliest > latest:  # too young to have joined in time: make them older
        birth = c.birth(law.OLD_ADMISSION_LAST, 20, 28)
        earliest, latest = add_months(birth, first_age), law.OLD_ADMISSION_LAST
    span = (latest - earliest).days
    # Most joined in their twenties or thirties.
    offset = min(span, int(rng.triangular(0, min(span, 20 * 365), 6 * 365)))
    ceremony = c.working(earliest + timedelta(days=offset))
    male = kind in (CellKind.POLICE, CellKind.MILITARY) or rng.random() < (
        0.45 if kind is CellKind.SCHOOL else 0.7
    )
    education = EducationLevel.UPPER_SECONDARY
    if birth.year < 1965 and rng.random() < 0.4:
        education = rng.choice((EducationLevel.PRIMARY, EducationLevel.LOWER_SECONDARY))
    # Less schooling only where the law of the admission allowed it.
    floor = law.law_value(EDUCATION_MIN, ceremony)
    if floor is not None and not education.at_least(floor):
        education = EducationLevel.LOWER_SECONDARY
    pid = c.person(
        birth=birth, sex=Sex.MALE if male else Sex.FEMALE, cell=cell, education=education
    )
    cid = cell.cell.id
    decision = c.working(ceremony - timedelta(days=rng.randint(15, 30)))
    resolution = c.working(decision - timedelta(days=rng.randint(25, 50)))
    size = max(3, len(cell.members) + rng.randint(3, 12))
    official_from = law.probation_end(ceremony)
    recognised = c.working(official_from + timedelta(days=rng.randint(20, 60)))
    issuer, _ = c.deciding(decision)
    c.cards += 1
    listed = c.working(ceremony - timedelta(days=rng.randint(300, 700)))
    c.add(
        pid,
        ev.ListedSympathizer(date=listed, cell=cid),
        ev.ApplicationFiled(date=c.working(resolution - timedelta(days=rng.randint(60, 150)))),
        ev.CellResolution(
            date=resolution, cell=cid, votes_for=size - rng.randint(0, 1), official_members=size
        ),
        ev.AdmissionDecision(
            date=decision, issuer=issuer, received=decision + timedelta(days=rng.randint(1, 4))
        ),
        ev.AdmissionCeremony(date=ceremony, cell=cid),
        ev.RecognitionDecision(date=recognised, issuer=issuer, official_from=official_from),
        ev.CardIssued(
            date=c.working(recognised + timedelta(days=rng.randint(30, 120))),
            issuer=issuer,
            card_no=f"GL-{c.cards:06d}",
        ),
    )
    member = Member(pid, birth, since=listed, official_from=official_from, ceremony=ceremony)
    cell.members.append(member)
    return member
