"""People who did not (yet) get in: sympathizers taken off the list, and the pipeline left open."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from dangvien.model import events as ev
from dangvien.model.org import MassOrgKind
from dangvien.synthetic._admissions import COMMITTEE_MEMBERS
from dangvien.synthetic._applicants import (
    ROUTE_AGES,
    applicant,
    introducers,
    introducing_org,
    newcomer,
    route,
    sourcing,
)
from dangvien.synthetic._state import Vote

if TYPE_CHECKING:
    from dangvien.synthetic._commune import Commune

#: Why a sympathizer is taken off the list: most leave to work elsewhere.
_LEFT: Final = "đi làm ăn xa"


def _scaled(c: Commune, low: int, high: int) -> int:
    return round(c.rng.randint(low, high) * c.profile.scale)


def _course_between(c: Commune, after: date, until: date, p: float) -> date | None:
    """The first course closing in (after, until], taken with probability *p*."""
    batch = next((b for b in c.awareness_batches if after < b <= until), None)
    return batch if batch is not None and c.rng.random() < p else None


def dropouts(c: Commune) -> None:
    """Sympathizers taken off the list, most because they left to work elsewhere."""
    rng = c.rng
    for year in range(c.start - 1, c.end):
        for _ in range(_scaled(c, 1, 2)):
            listed = c.working(date(year, 2, 1) + timedelta(days=rng.randint(0, 250)))
            pid, cell, by = newcomer(c, listed)
            delisted = c.working(listed + timedelta(days=rng.randint(120, 400)))
            course = _course_between(c, listed, delisted - timedelta(days=1), 0.5)
            c.add(
                pid,
                *sourcing(c, by, cell.cell.id, listed, course),
                ev.DelistedSympathizer(date=delisted, cell=cell.cell.id, note=_LEFT),
            )


def open_pipeline(c: Commune) -> None:
    """People still on the way at the end: introduced, listed, applying, proposed."""
    rng = c.rng
    year = c.end
    for _ in range(_scaled(c, 2, 4)):  # introduced, not yet listed
        on = c.working(date(year, 3, 1) + timedelta(days=rng.randint(0, 270)))
        pid, _cell, by = newcomer(c, on)
        org = introducing_org(c, by) or c.massorgs.get(MassOrgKind.FATHERLAND_FRONT)
        if org is not None:
            c.add(pid, ev.Introduced(date=on, organization=org))
    for _ in range(_scaled(c, 3, 5)):  # on the sympathizer list
        listed = c.working(date(year, 1, 10) + timedelta(days=rng.randint(0, 300)))
        pid, cell, by = newcomer(c, listed)
        course = _course_between(c, listed, c.end_date, 0.6)
        c.add(pid, *sourcing(c, by, cell.cell.id, listed, course))
    for proposed in [False] * _scaled(c, 2, 3) + [True] * _scaled(c, 1, 2):
        _open_application(c, proposed)


def _open_application(c: Commune, proposed: bool) -> None:
    """An application still open at the end; if *proposed*, the cell has voted."""
    rng = c.rng
    year = c.end
    resolution: date | None = None
    if proposed:  # so late that the decision is not due before the end
        resolution = c.working(date(year, 11, 3) + timedelta(days=rng.randint(0, 35)))
        application = c.working(resolution - timedelta(days=rng.randint(45, 150)))
    else:
        application = c.working(date(year, 6, 1) + timedelta(days=rng.randint(0, 180)))
    cell = rng.choice(c.hamlet_cells())
    introduced_on = c.working(application + timedelta(days=rng.randint(0, 20)))
    chosen = introducers(c, cell, introduced_on, resolution or c.end_date, 2)
    if chosen is None:
        return
    by = route(c)
    pid = applicant(c, by, c.birth(resolution or application, *ROUTE_AGES[by]), cell)
    course = max(b for b in c.awareness_batches if b <= application - timedelta(days=10))
    listed = c.working(course - timedelta(days=rng.randint(30, 150)))
    items = sourcing(c, by, cell.cell.id, listed, course)
    items.append(ev.ApplicationFiled(date=application))
    if introduced_on <= c.end_date:
        chosen_ids = tuple(m.pid for m in chosen)
        items.append(ev.IntroducersAssigned(date=introduced_on, introducers=chosen_ids))
    if resolution is not None:
        cid = cell.cell.id
        items.append(
            Vote(
                ev.CellResolution,
                resolution,
                cid,
                pid,
                c.doc(f"cell:{cid}", year, "NQ/CB"),
                f"Chi bộ {cell.cell.name}",
            )
        )
        committee = c.cal.add_working_days(resolution, rng.randint(5, 12))
        items.append(
            ev.CommitteeResolution(
                date=committee,
                issuer=c.committee,
                doc_no=c.doc("committee", year, "NQ/ĐU"),
                votes_for=COMMITTEE_MEMBERS - 1,
                members=COMMITTEE_MEMBERS,
            )
        )
    c.add(pid, *items)
