"""Who comes to a cell and how: the route, the person, the introduction and listing, introducers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from dangvien.dates import add_months
from dangvien.model import events as ev
from dangvien.model.org import MassOrgKind
from dangvien.model.people import EducationLevel, Sex
from dangvien.parameters import INTRODUCER_TENURE_MONTHS
from dangvien.synthetic import _law as law
from dangvien.synthetic._state import CellState, Item, Member

if TYPE_CHECKING:
    from dangvien.synthetic._commune import Commune

# How an applicant comes to the cell: who introduces them and how old they are.
ROUTE_AGES: Final[Mapping[str, tuple[int, int]]] = {
    "youth": (19, 27),  # Đoàn thanh niên
    "women": (28, 44),  # Hội LHPN
    "farmers": (30, 48),  # Hội Nông dân
    "veterans": (36, 50),  # Hội CCB
    "unit": (23, 38),  # teachers, health workers: sourced by their unit
}
_ROUTE_ORG: Final[Mapping[str, MassOrgKind]] = {
    "youth": MassOrgKind.YOUTH_UNION,
    "women": MassOrgKind.WOMEN,
    "farmers": MassOrgKind.FARMERS,
    "veterans": MassOrgKind.VETERANS,
}


def route(c: Commune) -> str:
    """The mass organisation a hamlet's applicant comes through."""
    r = c.rng.random()
    return "youth" if r < 0.55 else "women" if r < 0.75 else "farmers" if r < 0.92 else "veterans"


def introducing_org(c: Commune, by: str) -> str | None:
    """The id of the mass organisation introducing someone coming *by* that route, if any."""
    kind = _ROUTE_ORG.get(by)
    if kind is None:
        return None
    if c.rng.random() < 0.08:
        kind = MassOrgKind.FATHERLAND_FRONT
    return c.massorgs.get(kind)


def applicant(c: Commune, by: str, birth: date, cell: CellState) -> str:
    """Register a person coming *by* a route; return the id."""
    rng = c.rng
    sex = {"women": Sex.FEMALE, "veterans": Sex.MALE}.get(by, rng.choice((Sex.MALE, Sex.FEMALE)))
    education = EducationLevel.UPPER_SECONDARY
    if by in ("farmers", "women") and rng.random() < 0.3:
        education = EducationLevel.LOWER_SECONDARY
    return c.person(birth=birth, sex=sex, cell=cell, education=education)


def newcomer(c: Commune, on: date) -> tuple[str, CellState, str]:
    """Register a resident of a hamlet coming by a random route, of age on *on*."""
    cell = c.rng.choice(c.hamlet_cells())
    by = route(c)
    pid = applicant(c, by, c.birth(on, *ROUTE_AGES[by]), cell)
    return pid, cell, by


def sourcing(
    c: Commune, by: str, cell: str, listed: date, course: date | None = None
) -> list[Item]:
    """Introduction by a mass organisation, listing and, if given, the course."""
    items: list[Item] = []
    org = introducing_org(c, by)
    if org is not None:
        introduced = c.working(listed - timedelta(days=c.rng.randint(20, 90)))
        items.append(ev.Introduced(date=introduced, organization=org))
    items.append(ev.ListedSympathizer(date=listed, cell=cell))
    if course is not None:
        items.append(
            ev.AwarenessCourse(
                date=course,
                issuer=c.centre(course),
                doc_no=c.doc("course", course.year, "GCN/TTCT"),
            )
        )
    return items


def introducers(c: Commune, cell: CellState, on: date, until: date, k: int) -> list[Member] | None:
    """*k* members who may introduce on *on*, still members until *until* (None if too few).

    Official members of the cell for the tenure the law asks, neither
    exempted nor gone before *until*, and not very old.
    """
    cutoff = add_months(on, -law.value(INTRODUCER_TENURE_MONTHS, on))
    pool = [
        m
        for m in cell.members
        if m.official_from is not None
        and m.official_from <= cutoff
        and m.since <= cutoff
        and (m.end is None or m.end > until)
        and (m.exempt is None or m.exempt > until)
        and on.year - m.birth.year <= 72
    ]
    if len(pool) < k:
        return None
    return c.rng.sample(pool, k)
