"""The simulation of one commune: its state, the acts every topic shares, and the run.

:class:`Commune` holds what the simulation knows (the cells and their
members, the people and their events so far, the document counters) and the
small acts every part of the history uses: the next working day, a document
number, who decides, a new person.  The history itself is told by topic, in
order, by :meth:`Commune.run`: the founding members
(:mod:`~dangvien.synthetic._founders`), their lives
(:mod:`~dangvien.synthetic._life`), the admissions
(:mod:`~dangvien.synthetic._admissions`), the badges, and the people still
on the way (:mod:`~dangvien.synthetic._pending`).  One
:class:`random.Random` is drawn from in that order, so a seed gives one
register.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Final

from dangvien.calendar import WorkCalendar
from dangvien.dates import add_months
from dangvien.model import events as ev
from dangvien.model.org import CellKind, Organization, OrgLevel
from dangvien.model.people import EducationLevel, Person, Sex
from dangvien.model.plan import Plan
from dangvien.model.register import Record
from dangvien.parameters import (
    ADMISSION_VOTE_FRACTION,
    BADGE_LEVELS_YEARS,
    RECOGNITION_VOTE_FRACTION,
)
from dangvien.synthetic import _admissions, _founders, _life, _pending
from dangvien.synthetic import _law as law
from dangvien.synthetic._days import working
from dangvien.synthetic._errors import refused
from dangvien.synthetic._profile import HistoryProfile
from dangvien.synthetic._state import CellState, Item, Vote
from dangvien.synthetic._tree import path_to, short_name
from dangvien.synthetic._weights import CellWeights

#: Every synthetic person's name starts with this (người thử nghiệm: test person).
NAME_PREFIX: Final = "Người Thử Nghiệm"

# Courses close twice a year around these days (month, day).
_AWARENESS_COURSES: Final = ((4, 20), (10, 20))
_NEW_MEMBER_COURSES: Final = ((6, 15), (11, 25))


class Commune:
    """The register of one commune being generated (one :class:`random.Random`)."""

    def __init__(
        self,
        root: Organization,
        commune: Organization,
        *,
        rng: random.Random,
        start: int,
        end: int,
        profile: HistoryProfile,
        plans: Sequence[Plan],
        mistakes: bool,
        id_prefix: str,
        name_tag: str,
        calendar: WorkCalendar,
    ) -> None:
        if not commune.cells:
            raise refused("no_cells", commune=commune.name)
        self.rng = rng
        self.start = start
        self.end = end
        self.end_date = date(end, 12, 31)
        self.profile = profile
        self.mistakes = mistakes
        self.prefix = id_prefix
        self.name_tag = name_tag
        self.cal = calendar
        self.commune = commune
        path = path_to(root, commune)
        district = next((o for o in path if o.level is OrgLevel.DISTRICT), None)
        province = next((o for o in path if o.level is OrgLevel.PROVINCE), None)
        self.commune_short = short_name(commune)
        self.district_short = short_name(district) if district else None
        self.province_short = short_name(province) if province else None
        self.switch = (
            district.valid_to + timedelta(days=1)
            if district is not None and district.valid_to is not None
            else law.districts_end() + timedelta(days=1)
        )
        hamlets = {h.id: h.name for h in commune.hamlets}
        self.cells = [CellState(c, hamlets.get(c.hamlet or "", c.hamlet)) for c in commune.cells]
        self.by_id = {s.cell.id: s for s in self.cells}
        self.hamlet_names = [h.name for h in commune.hamlets] or [
            s.hamlet for s in self.cells if s.hamlet is not None
        ]
        self.massorgs = {m.kind: m.id for m in commune.mass_organizations}
        self.weights = CellWeights(root, commune, self.cells, profile, plans)
        self.people: list[Person] = []
        self.items: dict[str, list[Item]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        self.cards = 0
        self.badge_levels = law.value(BADGE_LEVELS_YEARS, self.end_date)
        # Courses from the year of the last abbreviated histories (or earlier)
        # to the year after the end.
        years = range(min(start - 3, law.OLD_ADMISSION_LAST.year), end + 2)
        self.awareness_batches = sorted(
            self._batch(y, m, d) for y in years for m, d in _AWARENESS_COURSES
        )
        self.new_member_batches = sorted(
            self._batch(y, m, d) for y in years for m, d in _NEW_MEMBER_COURSES
        )

    # -- acts every topic uses ------------------------------------------------------

    def _batch(self, year: int, month: int, day: int) -> date:
        """The closing day of a course held around *day*/*month* of *year*."""
        return self.working(date(year, month, day) + timedelta(days=self.rng.randint(-10, 10)))

    def working(self, d: date) -> date:
        """The first working day on or after *d* (Monday for a weekend outside the calendar)."""
        return working(self.cal, d)

    def doc(self, kind: str, year: int, suffix: str) -> str:
        """The next number of a document of *kind* in *year* (``123-NQ/CB``)."""
        key = (kind, year)
        n = self.counters.get(key)
        n = self.rng.randint(20, 300) if n is None else n + self.rng.randint(1, 9)
        self.counters[key] = n
        return f"{n}-{suffix}"

    def deciding(self, on: date) -> tuple[str, str]:
        """The committee deciding admissions on *on*, and its document suffix."""
        if on < self.switch and self.district_short is not None:
            return f"Ban Thường vụ Huyện ủy {self.district_short}", "QĐ/HU"
        return f"Ban Thường vụ Đảng ủy xã {self.commune_short}", "QĐ/ĐU"

    def centre(self, on: date) -> str:
        """The political centre issuing course certificates on *on*."""
        if on < self.switch and self.district_short is not None:
            return f"Trung tâm Chính trị huyện {self.district_short}"
        return f"Trung tâm Chính trị xã {self.commune_short}"

    @property
    def committee(self) -> str:
        """The commune's party committee, as an issuer."""
        return f"Đảng ủy xã {self.commune_short}"

    def person(
        self,
        *,
        birth: date,
        sex: Sex,
        cell: CellState,
        education: EducationLevel = EducationLevel.UPPER_SECONDARY,
    ) -> str:
        """Register a new person of *cell*; return the id."""
        n = len(self.people) + 1
        pid = f"{self.prefix}-{n:04d}"
        kind = cell.cell.kind
        hamlet = cell.hamlet if kind is CellKind.HAMLET else None
        if hamlet is None and self.hamlet_names:
            hamlet = self.rng.choice(self.hamlet_names)
        workplace = None if kind is CellKind.HAMLET else cell.cell.name
        self.people.append(
            Person(
                id=pid,
                full_name=f"{NAME_PREFIX} {self.name_tag}{n:04d}",
                birth_date=birth,
                sex=sex,
                education=education,
                hamlet=hamlet,
                workplace=workplace,
                cell=cell.cell.id,
            )
        )
        self.items[pid] = []
        return pid

    def add(self, pid: str, *events: Item) -> None:
        """Add *events* to the history of *pid*."""
        self.items[pid].extend(events)

    def birth(self, on: date, low: int, high: int) -> date:
        """A birth date making the person *low*–*high* full years old on *on*."""
        years = self.rng.randint(low, high)
        anniversary = add_months(on, -12 * years)
        # Between `years` and `years + 1` full years old on `on`.
        return anniversary - timedelta(days=self.rng.randint(1, 360))

    def hamlet_cells(self) -> list[CellState]:
        """The hamlet cells (every cell when there is none)."""
        return [c for c in self.cells if c.cell.kind is CellKind.HAMLET] or self.cells

    # -- the register ------------------------------------------------------------------

    def _vote(self, v: Vote) -> ev.Event:
        """The resolution of *v*, its vote counted on the members of that day."""
        n = self.by_id[v.cell].official_count(v.date, exclude=v.subject)
        key = ADMISSION_VOTE_FRACTION if v.cls is ev.CellResolution else RECOGNITION_VOTE_FRACTION
        need = math.ceil(law.value(key, v.date) * n)
        votes = max(need, n - self.rng.choice((0, 0, 0, 1, 1, 2)))
        return v.cls(
            date=v.date,
            cell=v.cell,
            votes_for=votes,
            official_members=n,
            doc_no=v.doc_no,
            issuer=v.issuer,
            note=v.note,
        )

    def run(self) -> list[Record]:
        """Generate the commune's people and histories."""
        _founders.first_members(self)
        _life.fates(self)
        _admissions.admissions(self)
        _life.badges(self)
        _pending.dropouts(self)
        _pending.open_pipeline(self)
        records: list[Record] = []
        for person in self.people:
            events = [
                self._vote(i) if isinstance(i, Vote) else i
                for i in self.items[person.id]
                if i.date <= self.end_date
            ]
            if events:
                records.append(Record(person, tuple(events)))
        return records
