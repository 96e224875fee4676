"""Synthetic registers (sổ đảng viên giả lập) for the example, tests and benchmarks.

Nothing here describes a real person.  People are called
``Người Thử Nghiệm 0001``, ids read ``LT-0001``, card numbers ``GL-000001``
(*giả lập*, synthetic) and the generated province, its districts, communes and
cells are called *Thử Nghiệm*.  Only the organisation a register is generated
for (for instance the transcribed Long Thành tree) may be real.

The histories are plausible and lawful under the rules dangvien checks: ages
18–60 by full months at the cell meeting, a THCS diploma, an awareness-course
certificate younger than 60 months, two introducers who have been official
members of the applicant's cell for at least 12 months (or the Youth Union
executive and one member for young applicants), a cell vote of at least 2/3 of
all official members, the decision within 45 working days (inside 60 before
1/7/2025), the ceremony within 30 working days of receiving the decision, the
new-member course, the recognition review and decision within 30 working days
each, official
membership from the ceremony plus 12 months (Civil Code month-end rule), the
card after recognition.  Working days come from
:meth:`dangvien.calendar.WorkCalendar.default`.

Members admitted before 2015 get abbreviated histories (listing, application,
cell vote, decision, ceremony, recognition, card), as registers transcribed
from paper files have: the rules judge what such a register records of acts
before 25 July 2016 and take a missing step for "not recorded"
(``register.missing_steps_judged``), so those histories stay lawful.  From
the day after the district's ``valid_to`` (1 July 2025) admissions are decided
by the commune's standing committee (AUTH-2025 of the rules reference, grade
C) and certificates come from a commune political centre (its section 3,
grade B); before, by the district's.

The only exceptions are the mistakes planted on purpose when ``mistakes=True``:
each is marked in its event's ``note`` with :data:`MISTAKE_MARK` and a tag
from :data:`MISTAKE_RULES`, and :func:`planted_mistakes` lists them back.

Everything is deterministic for a seed: each generator owns one
:class:`random.Random`, never the module-level one.

>>> from dangvien.model.org import Cell, Organization, OrgLevel
>>> commune = Organization("x", "Đảng bộ xã Thử Nghiệm", OrgLevel.COMMUNE,
...                        cells=(Cell("c1", "Xóm Một"), Cell("c2", "Xóm Hai")))
>>> a = generate_register(commune, seed=1, mistakes=False)
>>> b = generate_register(commune, seed=1, mistakes=False)
>>> a == b and len(a) > 20
True
>>> a.records[0].person.full_name
'Người Thử Nghiệm 0001'
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import Final, TypeVar

import attrs

from dangvien._text import fold
from dangvien.calendar import CalendarRangeError, WorkCalendar
from dangvien.dates import add_months
from dangvien.documents import default_register
from dangvien.model import events as ev
from dangvien.model.org import (
    Cell,
    CellKind,
    Hamlet,
    MassOrganization,
    MassOrgKind,
    Organization,
    OrgKind,
    OrgLevel,
    OrgStatistics,
)
from dangvien.model.people import (
    EducationLevel,
    Occupation,
    Person,
    Qualification,
    Religion,
    Sex,
)
from dangvien.model.plan import (
    AdmissionTarget,
    Claim,
    Plan,
    PlanPeriod,
    RateMeasure,
    RateTarget,
    ResultReport,
    Rounding,
    TargetRange,
    UnitResult,
)
from dangvien.model.register import Dataset, Record
from dangvien.parameters import (
    ADMISSION_AGE_MIN_YEARS,
    ADMISSION_DECISION_WD,
    ADMISSION_VOTE_FRACTION,
    BADGE_LEVELS_YEARS,
    BADGE_OCCASIONS,
    CEREMONY_WD,
    EDUCATION_MIN,
    INTRODUCER_TENURE_MONTHS,
    PROBATION_MONTHS,
    RECOGNITION_VOTE_FRACTION,
    Key,
    ParameterNotCovered,
    default_parameters,
)

T = TypeVar("T")

__all__ = [
    "LONG_THANH_FAVOURED_CELLS",
    "LONG_THANH_QUIET_CELLS",
    "MISTAKE_MARK",
    "MISTAKE_RULES",
    "NAME_PREFIX",
    "HistoryProfile",
    "PlantedMistake",
    "generate_district",
    "generate_province",
    "generate_register",
    "long_thanh_profile",
    "planted_mistakes",
]

#: Every synthetic person's name starts with this (người thử nghiệm: test person).
NAME_PREFIX: Final = "Người Thử Nghiệm"

#: Start of the ``note`` of an event that carries a planted mistake.
MISTAKE_MARK: Final = "giả lập: lỗi cố ý"

#: Planted mistake tag → the id of the rule that must find it.
MISTAKE_RULES: Final[Mapping[str, str]] = {
    "late_ceremony": "CEREMONY-DEADLINE",
    "probationary_introducer": "INTRO-OFFICIAL-ONLY",
    "under_age": "ADMIT-AGE-MIN",
}

_MISTAKE_TEXT: Final[Mapping[str, str]] = {
    "late_ceremony": (
        "lễ kết nạp muộn hơn 30 ngày làm việc kể từ khi chi bộ nhận quyết định "
        "(synthetic mistake: ceremony later than 30 working days after receipt)"
    ),
    "probationary_introducer": (
        "một người giới thiệu còn là đảng viên dự bị vào ngày giới thiệu "
        "(synthetic mistake: an introducer was still probationary)"
    ),
    "under_age": (
        "chưa đủ 18 tuổi tính theo tháng vào ngày chi bộ họp xét kết nạp "
        "(synthetic mistake: a few days short of 18 by full months at the cell meeting)"
    ),
}

_MISTAKE_TAG = re.compile(r"\[([a-z_]+)\]")

#: The six cells the Long Thành plan names as having admitted nobody for years
#: (section I.2.1 of the plan), as the plan prints them.
LONG_THANH_QUIET_CELLS: Final = (
    "Văn Tràng",
    "Phú Thọ",
    "Phan Thanh",
    "Bắc Sơn",
    "Giáp Ngói",
    "Rú Đất",
)

#: The cells the plan praises for their sourcing work (section I.1).
LONG_THANH_FAVOURED_CELLS: Final = (
    "Văn Trai",
    "Quang Trung",
    "Vạn Tràng",
    "Điện Yên",
    "Trạm Y tế",
    "Trường mầm non",
    "Trường Tiểu học",
)

# Every legal number (probation, votes, ages, time limits) is read from the
# dated parameters; the generator keeps every time limit well inside the law's.
# The badge award occasions (3/2, 19/5, 2/9, 7/11) as the law now sets them.
_BADGE_DAYS: Final = default_parameters().parameter(BADGE_OCCASIONS).values[-1].value
# Members admitted up to this day get abbreviated histories, as registers
# transcribed from paper files do: the rules judge only what such a register
# records for acts before 25/7/2016 (``register.missing_steps_judged``).
_OLD_ADMISSION_LAST: Final = date(2014, 12, 31)
_FIRST_START: Final = 2019

# How an applicant comes to the cell: who introduces them and how old they are.
_ROUTE_AGES: Final[Mapping[str, tuple[int, int]]] = {
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


@attrs.frozen
class HistoryProfile:
    """The shape of a synthetic commune history (khuôn mẫu lịch sử giả lập).

    Attributes:
        plan_year: first year of the development plan.  Before it the commune
            admits ``recognitions_per_year`` people a year, so as many are
            recognised official the year after; from it ``admissions_per_year``.
        recognitions_per_year: (low, high) admissions a year before ``plan_year``.
        admissions_per_year: (low, high) admissions a year from ``plan_year`` on.
        quiet_cells: cells (id, name or alias) that admit nobody before ``plan_year``.
        favoured_cells: cells admitting three times as often before ``plan_year``.
        closed_kinds: kinds of cell that never admit anybody here (a commune
            police cell's members are admitted through the police's own party
            organisation).
        hamlet_members: (low, high) official members of a hamlet cell at the start.
        school_members: the same for a school cell.
        small_members: the same for the other cells (health, police…).
        scale: multiplies the side flows: dropouts, the pipeline left open at
            the end, transfers.
        removals: members struck off for missing party activities.

    """

    plan_year: int = 2023
    recognitions_per_year: tuple[int, int] = (3, 5)
    admissions_per_year: tuple[int, int] = (4, 8)
    quiet_cells: tuple[str, ...] = ()
    favoured_cells: tuple[str, ...] = ()
    closed_kinds: frozenset[CellKind] = frozenset({CellKind.POLICE})
    hamlet_members: tuple[int, int] = (12, 24)
    school_members: tuple[int, int] = (5, 8)
    small_members: tuple[int, int] = (4, 6)
    scale: float = 1.0
    removals: int = 1


def long_thanh_profile() -> HistoryProfile:
    """Return the profile matching the Long Thành plan of 8 June 2023.

    Three to five recognitions a year before 2023 (section I.1 of the plan),
    no admission in the six cells the plan names (section I.2.1), more
    admissions in the cells it praises, and four to eight admissions a year
    from 2023: well below the table's 21.
    """
    return HistoryProfile(
        plan_year=2023,
        recognitions_per_year=(3, 5),
        admissions_per_year=(4, 8),
        quiet_cells=LONG_THANH_QUIET_CELLS,
        favoured_cells=LONG_THANH_FAVOURED_CELLS,
    )


@attrs.frozen
class PlantedMistake:
    """A mistake planted in a synthetic register on purpose (lỗi cố ý).

    Attributes:
        kind: the tag, a key of :data:`MISTAKE_RULES`.
        rule: the id of the rule that must find it.
        person_id: whose history carries it.
        date: the date of the event carrying it.
        event_type: that event's ``TYPE`` tag.
        note: the event's note.

    """

    kind: str
    rule: str
    person_id: str
    date: date
    event_type: str
    note: str


def planted_mistakes(dataset: Dataset) -> list[PlantedMistake]:
    """List the planted mistakes of *dataset*, read back from the events' notes.

    Sorted by date, then person id.
    """
    found: list[PlantedMistake] = []
    for record in dataset.records:
        for e in record.events:
            if e.note is None or not e.note.startswith(MISTAKE_MARK):
                continue
            m = _MISTAKE_TAG.search(e.note)
            if m is None or m[1] not in MISTAKE_RULES:
                continue
            found.append(
                PlantedMistake(m[1], MISTAKE_RULES[m[1]], record.person.id, e.date, e.TYPE, e.note)
            )
    return sorted(found, key=lambda p: (p.date, p.person_id))


def _mistake_note(kind: str) -> str:
    return f"{MISTAKE_MARK} [{kind}]: {_MISTAKE_TEXT[kind]}"


# --- names of organisations ----------------------------------------------------

_LEVEL_WORDS = re.compile(
    r"^(?:Đảng bộ|Đảng ủy|Đảng uỷ)\s+"
    r"(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn|đặc khu)\s+"
)


def _short_name(org: Organization) -> str:
    """``Đảng bộ xã Long Thành`` → ``Long Thành``."""
    return _LEVEL_WORDS.sub("", org.name) or org.name


def _initials(text: str) -> str:
    letters = "".join(word[0] for word in fold(text).split() if word[:1].isalpha())
    return letters.upper() or "X"


def _path_to(root: Organization, target: Organization) -> list[Organization]:
    """Return the organisations from *root* down to *target*, both included."""
    if root is target:
        return [root]
    for child in root.children:
        path = _path_to(child, target)
        if path:
            return [root, *path]
    return []


def _find_commune(root: Organization, commune: str | None) -> Organization:
    if commune is not None:
        found = root.find(commune)
        if found is None:
            msg = f"không có tổ chức {commune!r} / no organisation {commune!r}"
            raise ValueError(msg)
        return found
    with_cells = [o for o in root.walk() if o.cells]
    communes = [o for o in with_cells if o.level is OrgLevel.COMMUNE] or with_cells
    if len(communes) != 1:
        msg = (
            "cần chỉ rõ xã (commune=...) / name the commune: the tree has "
            f"{len(communes)} organisations with cells"
        )
        raise ValueError(msg)
    return communes[0]


# --- the simulation of one commune ------------------------------------------


@attrs.define(slots=True)
class _Member:
    """A member of a cell during the simulation."""

    pid: str
    birth: date
    since: date
    official_from: date | None
    end: date | None = None
    exempt: date | None = None
    ceremony: date | None = None


@attrs.define(slots=True)
class _Vote:
    """A resolution whose vote is counted once every membership is known."""

    cls: type[ev.CellResolution] | type[ev.RecognitionResolution]
    date: date
    cell: str
    subject: str
    doc_no: str
    issuer: str
    note: str | None = None


@attrs.define(slots=True)
class _CellState:
    cell: Cell
    hamlet: str | None
    members: list[_Member] = attrs.field(factory=list)

    def official_count(self, on: date, exclude: str = "") -> int:
        """Official members on *on*, counted as the register will show them."""
        n = 0
        for m in self.members:
            if (
                m.official_from is not None
                and m.official_from <= on
                and (m.end is None or m.end > on)
                and m.pid != exclude
            ):
                n += 1
        return n


_Item = ev.Event | _Vote


class _Commune:
    """Generate the register of one commune (one :class:`random.Random`)."""

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
            msg = f"{commune.name}: không có chi bộ / the commune has no cells"
            raise ValueError(msg)
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
        path = _path_to(root, commune)
        district = next((o for o in path if o.level is OrgLevel.DISTRICT), None)
        province = next((o for o in path if o.level is OrgLevel.PROVINCE), None)
        self.commune_short = _short_name(commune)
        self.district_short = _short_name(district) if district else None
        self.province_short = _short_name(province) if province else None
        self.switch = (
            district.valid_to + timedelta(days=1)
            if district is not None and district.valid_to is not None
            else _districts_end() + timedelta(days=1)
        )
        hamlets = {h.id: h.name for h in commune.hamlets}
        self.cells = [_CellState(c, hamlets.get(c.hamlet or "", c.hamlet)) for c in commune.cells]
        self.by_id = {s.cell.id: s for s in self.cells}
        self.hamlet_names = [h.name for h in commune.hamlets] or [
            s.hamlet for s in self.cells if s.hamlet is not None
        ]
        self.massorgs = {m.kind: m.id for m in commune.mass_organizations}
        self.quiet = {self._resolve(root, n) for n in profile.quiet_cells}
        self.favoured = {self._resolve(root, n) for n in profile.favoured_cells}
        self.targets = self._targets(root, plans)
        self.people: list[Person] = []
        self.items: dict[str, list[_Item]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        self.cards = 0
        self.weights: dict[int, list[tuple[_CellState, float]]] = {}
        self.badge_levels = default_parameters().value(BADGE_LEVELS_YEARS, date(end, 12, 31))
        years = range(min(start - 3, 2014), end + 2)
        self.awareness_batches = sorted(
            self._batch(y, m, d) for y in years for m, d in ((4, 20), (10, 20))
        )
        self.new_member_batches = sorted(
            self._batch(y, m, d) for y in years for m, d in ((6, 15), (11, 25))
        )

    # -- helpers --------------------------------------------------------------

    def _resolve(self, root: Organization, name: str) -> str:
        cell = root.cell(name)
        if cell is None or cell.id not in self.by_id:
            msg = f"không có chi bộ {name!r} trong {self.commune.name} / no cell {name!r}"
            raise ValueError(msg)
        return cell.id

    def _targets(self, root: Organization, plans: Sequence[Plan]) -> dict[str, int] | None:
        for plan in plans:
            if plan.organization != self.commune.id or not plan.admission_targets:
                continue
            out: dict[str, int] = {}
            for t in plan.admission_targets:
                cell = root.cell(t.unit)
                if cell is not None and cell.id in self.by_id and t.year is None:
                    out[cell.id] = out.get(cell.id, 0) + t.target.low
            return out
        return None

    def _batch(self, year: int, month: int, day: int) -> date:
        """The closing day of a course held around *day*/*month* of *year*."""
        return self._working(date(year, month, day) + timedelta(days=self.rng.randint(-10, 10)))

    def _working(self, d: date) -> date:
        """The first working day on or after *d* (Monday for a weekend outside the calendar)."""
        try:
            return self.cal.next_working_day(d)
        except CalendarRangeError:
            return _weekday(d)

    def _doc(self, kind: str, year: int, suffix: str) -> str:
        key = (kind, year)
        n = self.counters.get(key)
        n = self.rng.randint(20, 300) if n is None else n + self.rng.randint(1, 9)
        self.counters[key] = n
        return f"{n}-{suffix}"

    def _deciding(self, on: date) -> tuple[str, str]:
        """The committee deciding admissions on *on*, and its document suffix."""
        if on < self.switch and self.district_short is not None:
            return f"Ban Thường vụ Huyện ủy {self.district_short}", "QĐ/HU"
        return f"Ban Thường vụ Đảng ủy xã {self.commune_short}", "QĐ/ĐU"

    def _centre(self, on: date) -> str:
        """The political centre issuing course certificates on *on*."""
        if on < self.switch and self.district_short is not None:
            return f"Trung tâm Chính trị huyện {self.district_short}"
        return f"Trung tâm Chính trị xã {self.commune_short}"

    def _person(
        self,
        *,
        birth: date,
        sex: Sex,
        cell: _CellState,
        education: EducationLevel = EducationLevel.UPPER_SECONDARY,
    ) -> str:
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

    def _add(self, pid: str, *events: _Item) -> None:
        self.items[pid].extend(events)

    def _birth(self, on: date, low: int, high: int) -> date:
        """A birth date making the person *low*–*high* full years old on *on*."""
        years = self.rng.randint(low, high)
        anniversary = add_months(on, -12 * years)
        # Between `years` and `years + 1` full years old on `on`.
        return anniversary - timedelta(days=self.rng.randint(1, 360))

    # -- the members at the start -----------------------------------------------

    def _size(self, cell: _CellState) -> int:
        p = self.profile
        low, high = {
            CellKind.HAMLET: p.hamlet_members,
            CellKind.SCHOOL: p.school_members,
        }.get(cell.cell.kind, p.small_members)
        return max(4, self.rng.randint(low, high))

    def _old_member(self, cell: _CellState) -> _Member:
        rng = self.rng
        ref = date(self.start, 1, 1)
        kind = cell.cell.kind
        if kind is CellKind.HAMLET:
            band = rng.random()
            low, high = (26, 45) if band < 0.25 else (45, 65) if band < 0.6 else (65, 92)
        elif kind is CellKind.SCHOOL:
            low, high = 27, 57
        else:
            low, high = 27, 52
        birth = self._birth(ref, low, high)
        latest = min(_OLD_ADMISSION_LAST, add_months(birth, 12 * 50))
        # Admitted at 19 years 1 month at the earliest: a year past the minimum age.
        first_age = _adult_months() + 13
        earliest = add_months(birth, first_age)
        if earliest > latest:  # too young to have joined before 2015: make them older
            birth = self._birth(_OLD_ADMISSION_LAST, 20, 28)
            earliest, latest = add_months(birth, first_age), _OLD_ADMISSION_LAST
        span = (latest - earliest).days
        # Most joined in their twenties or thirties.
        offset = min(span, int(rng.triangular(0, min(span, 20 * 365), 6 * 365)))
        ceremony = self._working(earliest + timedelta(days=offset))
        male = kind in (CellKind.POLICE, CellKind.MILITARY) or rng.random() < (
            0.45 if kind is CellKind.SCHOOL else 0.7
        )
        education = EducationLevel.UPPER_SECONDARY
        if birth.year < 1965 and rng.random() < 0.4:
            education = rng.choice((EducationLevel.PRIMARY, EducationLevel.LOWER_SECONDARY))
        # Less schooling only where the law of the admission allowed it.
        floor = _law_value(EDUCATION_MIN, ceremony)
        if floor is not None and not education.at_least(floor):
            education = EducationLevel.LOWER_SECONDARY
        pid = self._person(
            birth=birth, sex=Sex.MALE if male else Sex.FEMALE, cell=cell, education=education
        )
        cid = cell.cell.id
        decision = self._working(ceremony - timedelta(days=rng.randint(15, 30)))
        resolution = self._working(decision - timedelta(days=rng.randint(25, 50)))
        size = max(3, len(cell.members) + rng.randint(3, 12))
        official_from = _probation_end(ceremony)
        recognised = self._working(official_from + timedelta(days=rng.randint(20, 60)))
        issuer, _ = self._deciding(decision)
        self.cards += 1
        listed = self._working(ceremony - timedelta(days=rng.randint(300, 700)))
        self._add(
            pid,
            ev.ListedSympathizer(date=listed, cell=cid),
            ev.ApplicationFiled(
                date=self._working(resolution - timedelta(days=rng.randint(60, 150)))
            ),
            ev.CellResolution(
                date=resolution, cell=cid, votes_for=size - rng.randint(0, 1), official_members=size
            ),
            ev.AdmissionDecision(
                date=decision, issuer=issuer, received=decision + timedelta(days=rng.randint(1, 4))
            ),
            ev.AdmissionCeremony(date=ceremony, cell=cid),
            ev.RecognitionDecision(date=recognised, issuer=issuer, official_from=official_from),
            ev.CardIssued(
                date=self._working(recognised + timedelta(days=rng.randint(30, 120))),
                issuer=issuer,
                card_no=f"GL-{self.cards:06d}",
            ),
        )
        member = _Member(pid, birth, since=listed, official_from=official_from, ceremony=ceremony)
        cell.members.append(member)
        return member

    def _first_members(self) -> None:
        for cell in self.cells:
            for _ in range(self._size(cell)):
                self._old_member(cell)

    # -- what happens to the members ------------------------------------------

    def _fates(self) -> None:
        rng = self.rng
        first = date(self.start - 2, 1, 1)
        for cell in self.cells:
            if cell.cell.kind is not CellKind.HAMLET:
                continue
            for m in list(cell.members):
                age = first.year - m.birth.year
                if age >= 78 and rng.random() < 0.5:
                    exempt = self._working(
                        add_months(m.birth, 12 * 75) + timedelta(days=rng.randint(30, 900))
                    )
                    if exempt <= self.end_date:
                        m.exempt = exempt
                        self._add(
                            m.pid, ev.Exempted(date=exempt, issuer=f"Chi bộ {cell.cell.name}")
                        )
                for year in range(first.year, self.end + 1):
                    p = 0.0035 * max(0, year - m.birth.year - 62)
                    if rng.random() < p and self._may_leave(cell):
                        died = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
                        if m.exempt is not None and died <= m.exempt:
                            died = m.exempt + timedelta(days=rng.randint(10, 200))
                        if died <= self.end_date:
                            m.end = died
                            self._add(m.pid, ev.Died(date=died))
                        break
        self._transfers_out(first)
        self._removals()
        self._transfers_in(first)

    def _may_leave(self, cell: _CellState) -> bool:
        staying = sum(1 for m in cell.members if m.end is None)
        return staying > 6

    def _transfers_out(self, first: date) -> None:
        rng = self.rng
        hamlets = [c for c in self.cells if c.cell.kind is CellKind.HAMLET]
        count = round(rng.uniform(0.5, 1.5) * self.profile.scale * (self.end - first.year + 1) / 2)
        for _ in range(count):
            if not hamlets:
                break
            cell = rng.choice(hamlets)
            on = self._working(
                first + timedelta(days=rng.randint(0, (self.end_date - first).days - 30))
            )
            movable = [
                m
                for m in cell.members
                if m.end is None and on.year - m.birth.year < 58 and m.exempt is None
            ]
            if not movable or not self._may_leave(cell):
                continue
            m = rng.choice(movable)
            self._transfer_out(m, on)

    def _transfer_out(self, m: _Member, on: date) -> None:
        m.end = on
        self._add(
            m.pid,
            ev.TransferredOut(
                date=on,
                destination="Đảng bộ xã khác (giả lập)",
                issuer=f"Đảng ủy xã {self.commune_short}",
            ),
        )

    def _removals(self) -> None:
        rng = self.rng
        year = min(self.end, self.start + 2)
        hamlets = [c for c in self.cells if c.cell.kind is CellKind.HAMLET]
        for _ in range(self.profile.removals):
            if not hamlets:
                return
            cell = rng.choice(hamlets)
            candidates = [
                m
                for m in cell.members
                if m.end is None and m.exempt is None and 28 <= year - m.birth.year <= 55
            ]
            if not candidates or not self._may_leave(cell):
                continue
            m = rng.choice(candidates)
            first_month = rng.randint(2, 6)
            missed = [
                ev.ActivityMissed(
                    date=date(year, first_month + i, 15), kind=ev.ActivityKind.MEETING
                )
                for i in range(3)
            ]
            removed = self._working(
                date(year, first_month + 3, 1) + timedelta(days=rng.randint(20, 80))
            )
            issuer, suffix = self._deciding(removed)
            m.end = removed
            self._add(
                m.pid,
                *missed,
                ev.Removed(
                    date=removed,
                    reason=ev.RemovalReason.MISSED_ACTIVITIES,
                    issuer=issuer,
                    doc_no=self._doc("removal", removed.year, suffix),
                ),
            )

    def _transfers_in(self, first: date) -> None:
        rng = self.rng
        units = [c for c in self.cells if c.cell.kind in (CellKind.SCHOOL, CellKind.HEALTH)]
        count = max(1, round(2 * self.profile.scale))
        for _ in range(count):
            if not units:
                return
            cell = rng.choice(units)
            on = self._working(first + timedelta(days=rng.randint(150, 3 * 365)))
            if on > self.end_date:
                continue
            birth = self._birth(on, 24, 45)
            pid = self._person(birth=birth, sex=rng.choice((Sex.MALE, Sex.FEMALE)), cell=cell)
            self._add(
                pid,
                ev.TransferredIn(
                    date=on,
                    source="Đảng bộ xã khác (giả lập)",
                    cell=cell.cell.id,
                    probationary=False,
                    issuer=f"Đảng ủy xã {self.commune_short}",
                ),
            )
            cell.members.append(_Member(pid, birth, since=on, official_from=on))
            # A colleague leaves for another post some months later.
            later = self._working(on + timedelta(days=rng.randint(60, 400)))
            movable = [
                m
                for m in cell.members
                if m.end is None
                and m.official_from is not None
                and m.official_from < on
                and later.year - m.birth.year < 58
            ]
            if later <= self.end_date and movable and rng.random() < 0.6:
                self._transfer_out(rng.choice(movable), later)

    def _badges(self) -> None:
        first = date(self.start, 1, 1)
        for cell in self.cells:
            for m in cell.members:
                events = self.items[m.pid]
                decision = next((e for e in events if isinstance(e, ev.AdmissionDecision)), None)
                if decision is None:
                    continue
                for years in self.badge_levels:
                    if not self.start - 1 <= decision.date.year + years <= self.end:
                        continue
                    due = add_months(decision.date, 12 * years)
                    award = _next_anniversary(due)
                    if award < first or award > self.end_date:
                        continue
                    if m.end is not None and award >= m.end:
                        continue
                    self._add(
                        m.pid,
                        ev.BadgeAwarded(
                            date=award,
                            years=years,
                            issuer=f"Ban Thường vụ Tỉnh ủy {self.province_short}"
                            if self.province_short
                            else None,
                        ),
                    )

    # -- admissions -------------------------------------------------------------

    def _weights(self, year: int) -> list[tuple[_CellState, float]]:
        cached = self.weights.get(year)
        if cached is not None:
            return cached
        out: list[tuple[_CellState, float]] = []
        for cell in self.cells:
            cid, kind = cell.cell.id, cell.cell.kind
            if kind in self.profile.closed_kinds:
                continue
            if year < self.profile.plan_year:
                if cid in self.quiet:
                    continue
                w = {CellKind.HAMLET: 1.0, CellKind.SCHOOL: 0.5}.get(kind, 0.25)
                if cid in self.favoured:
                    w *= 3
            elif self.targets is not None:
                w = float(self.targets.get(cid, 0))
            else:
                w = {CellKind.HAMLET: 1.0, CellKind.SCHOOL: 0.5}.get(kind, 0.25)
            if w > 0:
                out.append((cell, w))
        self.weights[year] = out
        return out

    def _pick_cell(self, year: int, *, hamlet_only: bool = False) -> _CellState | None:
        weights = [
            (c, w)
            for c, w in self._weights(year)
            if not hamlet_only or c.cell.kind is CellKind.HAMLET
        ]
        if not weights:
            return None
        return self.rng.choices([c for c, _ in weights], [w for _, w in weights])[0]

    def _decision_date(self, year: int, low: tuple[int, int], high: tuple[int, int]) -> date:
        a, b = date(year, *low), date(year, *high)
        return self._working(a + timedelta(days=self.rng.randint(0, (b - a).days)))

    def _admissions(self) -> None:
        p = self.profile
        rng = self.rng
        last_window = (10, 31)
        late_done = intro_done = age_done = False
        mistake_x: tuple[_CellState, _Member] | None = None
        for year in range(self.start - 1, self.end + 1):
            low, high = p.recognitions_per_year if year < p.plan_year else p.admissions_per_year
            count = rng.randint(low, high)
            plans: list[tuple[_CellState, date, str]] = []
            tags: list[str] = []
            if self.mistakes and year == p.plan_year:
                # One admission to serve as the too-early introducer next year,
                # and one whose ceremony comes late (no holidays in between).
                tags = ["introducer_x", "late_ceremony"]
            if self.mistakes and year == p.plan_year + 1:
                tags = ["probationary_introducer"]
            if self.mistakes and year == min(p.plan_year + 2, self.end):
                tags.append("under_age")
            count = max(count, len(tags))
            for i in range(count):
                tag = tags[i] if i < len(tags) else ""
                cell = self._pick_cell(year, hamlet_only=bool(tag))
                if tag == "probationary_introducer" and mistake_x is not None:
                    cell = mistake_x[0]
                if cell is None:
                    continue
                if tag == "late_ceremony":
                    when = self._decision_date(year, (5, 10), (6, 30))
                elif tag == "introducer_x":
                    when = self._decision_date(year, (5, 1), (6, 30))
                elif tag == "probationary_introducer":
                    when = self._decision_date(year, (4, 15), (5, 31))
                else:
                    end_window = last_window if year == self.end else (8, 31)
                    when = self._decision_date(year, (1, 10), end_window)
                plans.append((cell, when, tag))
            plans.sort(key=lambda t: t[1])
            for cell, when, tag in plans:
                override: _Member | None = None
                if tag == "probationary_introducer":
                    if mistake_x is None:
                        tag = ""
                    else:
                        override = mistake_x[1]
                member = self._admit(cell, when, tag=tag, probationary_introducer=override)
                if member is None:
                    continue
                if tag == "introducer_x":
                    mistake_x = (cell, member)
                late_done |= tag == "late_ceremony"
                intro_done |= tag == "probationary_introducer"
                age_done |= tag == "under_age"
        if self.mistakes and not (late_done and intro_done and age_done):
            msg = "không cài được đủ ba lỗi / could not plant the three mistakes"
            raise RuntimeError(msg)

    def _introducers(self, cell: _CellState, on: date, until: date, k: int) -> list[_Member] | None:
        cutoff = add_months(on, -_value(INTRODUCER_TENURE_MONTHS, on))
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
        return self.rng.sample(pool, k)

    def _admit(
        self,
        cell: _CellState,
        decision: date,
        *,
        tag: str = "",
        probationary_introducer: _Member | None = None,
    ) -> _Member | None:
        """Generate one person's path from introduction to official membership."""
        rng = self.rng
        cal = self.cal
        cid = cell.cell.id
        limit = _value(ADMISSION_DECISION_WD, decision)  # 60, then 45 from 1/7/2025
        resolution = _working_days_before(cal, decision, rng.randint(12, min(45, limit)))
        application = self._working(resolution - timedelta(days=rng.randint(45, 200)))
        introduced_on = self._working(application + timedelta(days=rng.randint(0, 20)))
        if tag == "probationary_introducer" and probationary_introducer is not None:
            x = probationary_introducer
            assert x.ceremony is not None
            # Introduced early in the year, while that member is still on probation.
            introduced_on = self._working(
                date(decision.year, 1, 8) + timedelta(days=rng.randint(0, 70))
            )
            assert x.ceremony < introduced_on < _probation_end(x.ceremony)
            application = self._working(introduced_on - timedelta(days=rng.randint(0, 15)))
            resolution = cal.add_working_days(introduced_on, rng.randint(15, 30))
            decision = cal.add_working_days(resolution, rng.randint(15, 40))
        received = self._working(decision + timedelta(days=rng.randint(1, 5)))
        within = _value(CEREMONY_WD, received)
        if tag == "late_ceremony":
            ceremony = cal.add_working_days(received, within + rng.randint(4, 10))
        else:
            ceremony = cal.add_working_days(received, rng.randint(3, within - 5))
        # Who the applicant is.
        route = "unit" if cell.cell.kind is not CellKind.HAMLET else self._route()
        if tag in ("under_age", "probationary_introducer", "introducer_x"):
            route = "youth"
        if tag == "under_age":
            # Turns 18 (by full months) a few days after the cell meeting.
            turns = resolution + timedelta(days=rng.randint(2, 6))
            while turns.day > 28:  # keep the day of month: no month-end clamping
                turns += timedelta(days=1)
            birth = add_months(turns, -_adult_months())
        else:
            birth = self._birth(resolution, *_ROUTE_AGES[route])
        # Introducers: two official members, or the Youth Union executive and one.
        youth_org = route == "youth" and (tag == "under_age" or rng.random() < 0.5)
        if tag == "probationary_introducer":
            youth_org = False
        need = 1 if youth_org else 2
        if tag == "probationary_introducer" and probationary_introducer is not None:
            others = self._introducers(cell, introduced_on, ceremony, 1)
            chosen = None if others is None else [probationary_introducer, *others]
        else:
            chosen = self._introducers(cell, introduced_on, ceremony, need)
        if chosen is None:
            return None
        course = max(b for b in self.awareness_batches if b <= application - timedelta(days=10))
        listed = self._working(course - timedelta(days=rng.randint(30, 150)))
        if tag == "introducer_x":
            # Listed long enough before introducing someone next year.
            listed = self._working(decision - timedelta(days=rng.randint(500, 580)))
            course = max(
                b for b in self.awareness_batches if listed < b <= application - timedelta(days=10)
            )
        pid = self._applicant(route, birth, cell)
        items = self._sourcing(route, cid, listed, course)
        items.append(ev.ApplicationFiled(date=application))
        intro_note = None
        if tag == "probationary_introducer":
            intro_note = _mistake_note("probationary_introducer")
        items.append(
            ev.IntroducersAssigned(
                date=introduced_on,
                introducers=tuple(m.pid for m in chosen),
                org_introducer=ev.OrgIntroducer.YOUTH_UNION if youth_org else None,
                note=intro_note,
            )
        )
        check_day = self._working(introduced_on + timedelta(days=rng.randint(7, 20)))
        if check_day < resolution:
            items.append(
                ev.BackgroundCheck(date=check_day, issuer=f"Đảng ủy xã {self.commune_short}")
            )
        items.append(
            _Vote(
                ev.CellResolution,
                resolution,
                cid,
                pid,
                self._doc(f"cell:{cid}", resolution.year, "NQ/CB"),
                f"Chi bộ {cell.cell.name}",
                _mistake_note("under_age") if tag == "under_age" else None,
            )
        )
        span = cal.count_working_days(resolution, decision)
        committee = cal.add_working_days(resolution, rng.randint(2, max(2, span - 3)))
        members = 15
        items.append(
            ev.CommitteeResolution(
                date=committee,
                issuer=f"Đảng ủy xã {self.commune_short}",
                doc_no=self._doc("committee", committee.year, "NQ/ĐU"),
                votes_for=members - rng.randint(0, 2),
                members=members,
            )
        )
        issuer, suffix = self._deciding(decision)
        items.append(
            ev.AdmissionDecision(
                date=decision,
                received=received,
                issuer=issuer,
                doc_no=self._doc("decision", decision.year, suffix),
            )
        )
        items.append(
            ev.AdmissionCeremony(
                date=ceremony,
                cell=cid,
                note=_mistake_note("late_ceremony") if tag == "late_ceremony" else None,
            )
        )
        course2 = min(b for b in self.new_member_batches if b >= ceremony + timedelta(days=30))
        items.append(
            ev.NewMemberCourse(
                date=course2,
                issuer=self._centre(course2),
                doc_no=self._doc("course", course2.year, "GCN/TTCT"),
            )
        )
        probation_end = _probation_end(ceremony)
        review = cal.add_working_days(probation_end, rng.randint(1, 18))
        recognised = cal.add_working_days(review, rng.randint(5, 22))
        items.append(
            _Vote(
                ev.RecognitionResolution,
                review,
                cid,
                pid,
                self._doc(f"cell:{cid}", review.year, "NQ/CB"),
                f"Chi bộ {cell.cell.name}",
            )
        )
        issuer2, suffix2 = self._deciding(recognised)
        items.append(
            ev.RecognitionDecision(
                date=recognised,
                official_from=probation_end,
                issuer=issuer2,
                doc_no=self._doc("decision", recognised.year, suffix2),
            )
        )
        card = self._working(recognised + timedelta(days=rng.randint(10, 50)))
        self.cards += 1
        items.append(ev.CardIssued(date=card, issuer=issuer2, card_no=f"GL-{self.cards:06d}"))
        self._add(pid, *items)
        official = probation_end if recognised <= self.end_date else None
        member = _Member(pid, birth, since=listed, official_from=official, ceremony=ceremony)
        cell.members.append(member)
        if official is not None and not tag and rng.random() < 0.06:
            leaves = self._working(recognised + timedelta(days=rng.randint(120, 900)))
            if leaves <= self.end_date:
                self._transfer_out(member, leaves)
        return member

    def _route(self) -> str:
        r = self.rng.random()
        return (
            "youth" if r < 0.55 else "women" if r < 0.75 else "farmers" if r < 0.92 else "veterans"
        )

    def _introducing_org(self, route: str) -> str | None:
        kind = _ROUTE_ORG.get(route)
        if kind is None:
            return None
        if self.rng.random() < 0.08:
            kind = MassOrgKind.FATHERLAND_FRONT
        return self.massorgs.get(kind)

    def _applicant(self, route: str, birth: date, cell: _CellState) -> str:
        """Register a person coming by *route*; return the id."""
        rng = self.rng
        sex = {"women": Sex.FEMALE, "veterans": Sex.MALE}.get(
            route, rng.choice((Sex.MALE, Sex.FEMALE))
        )
        education = EducationLevel.UPPER_SECONDARY
        if route in ("farmers", "women") and rng.random() < 0.3:
            education = EducationLevel.LOWER_SECONDARY
        return self._person(birth=birth, sex=sex, cell=cell, education=education)

    def _sourcing(
        self, route: str, cell: str, listed: date, course: date | None = None
    ) -> list[_Item]:
        """Introduction by a mass organisation, listing and, if given, the course."""
        items: list[_Item] = []
        org = self._introducing_org(route)
        if org is not None:
            introduced = self._working(listed - timedelta(days=self.rng.randint(20, 90)))
            items.append(ev.Introduced(date=introduced, organization=org))
        items.append(ev.ListedSympathizer(date=listed, cell=cell))
        if course is not None:
            items.append(
                ev.AwarenessCourse(
                    date=course,
                    issuer=self._centre(course),
                    doc_no=self._doc("course", course.year, "GCN/TTCT"),
                )
            )
        return items

    # -- people who did not (yet) get in ----------------------------------------

    def _hamlet_cells(self) -> list[_CellState]:
        return [c for c in self.cells if c.cell.kind is CellKind.HAMLET] or self.cells

    def _newcomer(self, on: date) -> tuple[str, _CellState, str]:
        """Register a resident of a hamlet coming by a random route, of age on *on*."""
        cell = self.rng.choice(self._hamlet_cells())
        route = self._route()
        pid = self._applicant(route, self._birth(on, *_ROUTE_AGES[route]), cell)
        return pid, cell, route

    def _scaled(self, low: int, high: int) -> int:
        return round(self.rng.randint(low, high) * self.profile.scale)

    def _course_between(self, after: date, until: date, p: float) -> date | None:
        """The first course closing in (after, until], taken with probability *p*."""
        batch = next((b for b in self.awareness_batches if after < b <= until), None)
        return batch if batch is not None and self.rng.random() < p else None

    def _dropouts(self) -> None:
        """Sympathizers taken off the list, most because they left to work elsewhere."""
        rng = self.rng
        for year in range(self.start - 1, self.end):
            for _ in range(self._scaled(1, 2)):
                listed = self._working(date(year, 2, 1) + timedelta(days=rng.randint(0, 250)))
                pid, cell, route = self._newcomer(listed)
                delisted = self._working(listed + timedelta(days=rng.randint(120, 400)))
                course = self._course_between(listed, delisted - timedelta(days=1), 0.5)
                self._add(
                    pid,
                    *self._sourcing(route, cell.cell.id, listed, course),
                    ev.DelistedSympathizer(date=delisted, cell=cell.cell.id, note="đi làm ăn xa"),
                )

    def _open_pipeline(self) -> None:
        """People still on the way at the end: introduced, listed, applying, proposed."""
        rng = self.rng
        year = self.end
        for _ in range(self._scaled(2, 4)):  # introduced, not yet listed
            on = self._working(date(year, 3, 1) + timedelta(days=rng.randint(0, 270)))
            pid, _cell, route = self._newcomer(on)
            org = self._introducing_org(route) or self.massorgs.get(MassOrgKind.FATHERLAND_FRONT)
            if org is not None:
                self._add(pid, ev.Introduced(date=on, organization=org))
        for _ in range(self._scaled(3, 5)):  # on the sympathizer list
            listed = self._working(date(year, 1, 10) + timedelta(days=rng.randint(0, 300)))
            pid, cell, route = self._newcomer(listed)
            course = self._course_between(listed, self.end_date, 0.6)
            self._add(pid, *self._sourcing(route, cell.cell.id, listed, course))
        for proposed in [False] * self._scaled(2, 3) + [True] * self._scaled(1, 2):
            self._open_application(proposed)

    def _open_application(self, proposed: bool) -> None:
        """An application still open at the end; if *proposed*, the cell has voted."""
        rng = self.rng
        year = self.end
        resolution: date | None = None
        if proposed:  # so late that the decision is not due before the end
            resolution = self._working(date(year, 11, 3) + timedelta(days=rng.randint(0, 35)))
            application = self._working(resolution - timedelta(days=rng.randint(45, 150)))
        else:
            application = self._working(date(year, 6, 1) + timedelta(days=rng.randint(0, 180)))
        cell = rng.choice(self._hamlet_cells())
        introduced_on = self._working(application + timedelta(days=rng.randint(0, 20)))
        chosen = self._introducers(cell, introduced_on, resolution or self.end_date, 2)
        if chosen is None:
            return
        route = self._route()
        pid = self._applicant(
            route, self._birth(resolution or application, *_ROUTE_AGES[route]), cell
        )
        course = max(b for b in self.awareness_batches if b <= application - timedelta(days=10))
        listed = self._working(course - timedelta(days=rng.randint(30, 150)))
        items = self._sourcing(route, cell.cell.id, listed, course)
        items.append(ev.ApplicationFiled(date=application))
        if introduced_on <= self.end_date:
            introducers = tuple(m.pid for m in chosen)
            items.append(ev.IntroducersAssigned(date=introduced_on, introducers=introducers))
        if resolution is not None:
            cid = cell.cell.id
            items.append(
                _Vote(
                    ev.CellResolution,
                    resolution,
                    cid,
                    pid,
                    self._doc(f"cell:{cid}", year, "NQ/CB"),
                    f"Chi bộ {cell.cell.name}",
                )
            )
            committee = self.cal.add_working_days(resolution, rng.randint(5, 12))
            items.append(
                ev.CommitteeResolution(
                    date=committee,
                    issuer=f"Đảng ủy xã {self.commune_short}",
                    doc_no=self._doc("committee", year, "NQ/ĐU"),
                    votes_for=14,
                    members=15,
                )
            )
        self._add(pid, *items)

    # -- the register -----------------------------------------------------------------

    def _vote(self, v: _Vote) -> ev.Event:
        n = self.by_id[v.cell].official_count(v.date, exclude=v.subject)
        key = ADMISSION_VOTE_FRACTION if v.cls is ev.CellResolution else RECOGNITION_VOTE_FRACTION
        need = math.ceil(_value(key, v.date) * n)
        votes = max(need, n - self.rng.choice((0, 0, 0, 1, 1, 2)))
        if v.cls is ev.CellResolution:
            return ev.CellResolution(
                date=v.date,
                cell=v.cell,
                votes_for=votes,
                official_members=n,
                doc_no=v.doc_no,
                issuer=v.issuer,
                note=v.note,
            )
        return ev.RecognitionResolution(
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
        self._first_members()
        self._fates()
        self._admissions()
        self._badges()
        self._dropouts()
        self._open_pipeline()
        records: list[Record] = []
        for person in self.people:
            events = [
                self._vote(i) if isinstance(i, _Vote) else i
                for i in self.items[person.id]
                if i.date <= self.end_date
            ]
            if events:
                records.append(Record(person, tuple(events)))
        return records


def _working_days_before(cal: WorkCalendar, day: date, n: int) -> date:
    """Return the working day *x* with exactly *n* working days in (x, day]."""
    x = day - timedelta(days=n * 7 // 5)
    while cal.count_working_days(x, day) < n:
        x -= timedelta(days=1)
    while cal.count_working_days(x, day) > n:
        x += timedelta(days=1)
    while not cal.is_working_day(x):  # same count one day earlier
        x -= timedelta(days=1)
    return x


def _weekday(d: date) -> date:
    """Move a Saturday or Sunday to the next Monday (for dates outside the calendar)."""
    return d + timedelta(days=(7 - d.weekday()) % 7) if d.weekday() >= 5 else d


def _next_anniversary(on: date) -> date:
    """The first badge-awarding anniversary (3/2, 19/5, 2/9, 7/11) on or after *on*."""
    for year in (on.year, on.year + 1):
        for month, day in _BADGE_DAYS:
            d = date(year, month, day)
            if d >= on:
                return d
    raise AssertionError  # pragma: no cover


def _check_years(start: int, end: int, calendar: WorkCalendar) -> None:
    # The procedures behind the first recognitions start about two years
    # before *start*; they must fall after 25 July 2016, when the time limits
    # the generator keeps start (29-QĐ/TW), so that their steps are complete.
    if not _FIRST_START <= start <= end:
        msg = (
            f"cần {_FIRST_START} ≤ start ≤ end / need {_FIRST_START} ≤ start ≤ end, "
            f"got {start}–{end}"
        )
        raise ValueError(msg)
    # Courses from three years before; recognitions of the last admissions
    # are computed (then cut) up to two years after.
    if date(start - 3, 1, 1) < calendar.first or date(end + 2, 12, 31) > calendar.last:
        msg = (
            f"lịch làm việc không phủ {start - 3}–{end + 2} / the working-day calendar "
            f"does not cover {start - 3}–{end + 2}"
        )
        raise ValueError(msg)


def _check_mistake_years(start: int, end: int, plan_year: int) -> None:
    if not start - 1 <= plan_year < end:
        msg = (
            f"cần start - 1 ≤ {plan_year} < end để cài lỗi / planting mistakes needs "
            f"start - 1 ≤ {plan_year} < end"
        )
        raise ValueError(msg)


def generate_register(
    organization: Organization,
    *,
    seed: int | str,
    start: int = 2019,
    end: int = 2025,
    plans: Sequence[Plan] = (),
    profile: HistoryProfile | None = None,
    mistakes: bool = False,
    commune: str | None = None,
    id_prefix: str | None = None,
    calendar: WorkCalendar | None = None,
) -> Dataset:
    """Generate an obviously synthetic register for one commune.

    Args:
        organization: the organisation tree (its root is kept in the dataset).
        seed: the seed of the generator's own :class:`random.Random`.
        start: first year the history must cover, 2019 or later: recognitions
            from this year on, so the procedures behind them start up to two
            years earlier, after 25 July 2016 (the first working-day limits,
            29-QĐ/TW).
        end: last year, at most the calendar's last year minus two; nothing is
            dated after 31 December of it, and no time limit has passed unmet
            on that day.
        plans: plans of the commune; the first with per-cell targets weights
            the cells' admissions from ``profile.plan_year`` on.
        profile: the shape of the history (default :class:`HistoryProfile`).
        mistakes: plant the three mistakes of :data:`MISTAKE_RULES` in the
            plan's first three years (needs ``start - 1 <= profile.plan_year``
            and ``end >= profile.plan_year + 1``).
        commune: id of the commune; needed only when the tree has several.
        id_prefix: prefix of person ids (default: the commune's initials,
            ``LT`` for Long Thành).
        calendar: the working-day calendar (default: the standard one).

    Returns:
        A dataset with *organization*, *plans* and the generated records,
        as of 31 December of *end* (``data_as_of``, written to
        ``organization.toml``); person ids run ``LT-0001``, ``LT-0002``…

    Raises:
        ValueError: for years outside 2019…the calendar's range, an unknown
            commune or cell name, or mistakes without a year to plant them.

    """
    cal = calendar or WorkCalendar.default()
    _check_years(start, end, cal)
    prof = profile or HistoryProfile()
    if mistakes:
        _check_mistake_years(start, end, prof.plan_year)
    target = _find_commune(organization, commune)
    prefix = id_prefix or _initials(_short_name(target))
    sim = _Commune(
        organization,
        target,
        rng=random.Random(seed),
        start=start,
        end=end,
        profile=prof,
        plans=plans,
        mistakes=mistakes,
        id_prefix=prefix,
        name_tag="",
        calendar=cal,
    )
    return Dataset(
        organization=organization,
        plans=tuple(plans),
        records=tuple(sim.run()),
        data_as_of=date(end, 12, 31),
    )


# --- a province ----------------------------------------------------------------------

_UNIT_CELLS: Final = (
    ("Trường mầm non", CellKind.SCHOOL),
    ("Trường Tiểu học", CellKind.SCHOOL),
    ("Trường THCS", CellKind.SCHOOL),
    ("Trạm Y tế", CellKind.HEALTH),
    ("Công an xã", CellKind.POLICE),
)

_MASS_ORGS: Final = (
    ("mttq", "Mặt trận Tổ quốc", MassOrgKind.FATHERLAND_FRONT),
    ("doan", "Đoàn thanh niên", MassOrgKind.YOUTH_UNION),
    ("lhpn", "Hội LHPN", MassOrgKind.WOMEN),
    ("nong-dan", "Hội Nông dân", MassOrgKind.FARMERS),
    ("ccb", "Hội CCB", MassOrgKind.VETERANS),
)


def _province_tree(
    rng: random.Random, communes: int, people_per_commune: float
) -> tuple[Organization, list[tuple[Organization, float]]]:
    """Build a synthetic province → districts → communes → cells tree."""
    per_district = 10
    spread = [rng.uniform(0.8, 1.2) for _ in range(communes)]
    mean = sum(spread) / communes  # the sizes add up to communes * people_per_commune
    districts: list[Organization] = []
    sized: list[tuple[Organization, float]] = []
    k = 0
    for dnum in range(1, (communes + per_district - 1) // per_district + 1):
        children: list[Organization] = []
        for _ in range(min(per_district, communes - k)):
            k += 1
            size = people_per_commune * spread[k - 1] / mean
            tag = f"Thử Nghiệm {k:03d}"
            cid = f"tn{k:03d}"
            hamlet_cells = max(3, round(size * 0.85 / 45))
            cells: list[Cell] = []
            hamlets: list[Hamlet] = []
            for h in range(1, hamlet_cells + 1):
                hid = f"{cid}-x{h:02d}"
                hamlets.append(Hamlet(hid, f"Xóm {h:02d} xã {tag}"))
                cells.append(
                    Cell(f"{cid}-cb{h:02d}", f"Xóm {h:02d} xã {tag}", CellKind.HAMLET, hamlet=hid)
                )
            for u, (name, kind) in enumerate(_UNIT_CELLS, start=hamlet_cells + 1):
                cells.append(Cell(f"{cid}-cb{u:02d}", f"{name} xã {tag}", kind))
            orgs = tuple(
                MassOrganization(f"{cid}-{suffix}", f"{name} xã {tag}", kind)
                for suffix, name, kind in _MASS_ORGS
            )
            org = Organization(
                cid,
                f"Đảng bộ xã {tag}",
                OrgLevel.COMMUNE,
                cells=tuple(cells),
                hamlets=tuple(hamlets),
                mass_organizations=orgs,
            )
            children.append(org)
            sized.append((org, size))
        districts.append(
            Organization(
                f"tn-h{dnum:02d}",
                f"Đảng bộ huyện Thử Nghiệm {dnum:02d}",
                OrgLevel.DISTRICT,
                children=tuple(children),
                valid_to=date(2025, 6, 30),
            )
        )
    root = Organization(
        "tn", "Đảng bộ tỉnh Thử Nghiệm", OrgLevel.PROVINCE, children=tuple(districts)
    )
    # The communes as they sit in the final tree (the same objects).
    placed = {o.id: o for o in root.walk()}
    return root, [(placed[o.id], size) for o, size in sized]


def generate_province(
    *,
    communes: int = 130,
    members: int = 250_000,
    seed: int | str,
    start: int = 2019,
    end: int = 2025,
    mistakes: bool = False,
    calendar: WorkCalendar | None = None,
) -> Dataset:
    """Generate an obviously synthetic province: its tree and every commune's register.

    The tree is *Đảng bộ tỉnh Thử Nghiệm* → districts of ten communes
    (ending 30 June 2025) → *communes* communes, each with hamlet cells of
    about 40 members, three school cells, a health and a police cell, and the
    five mass organisations.  Each commune's history follows
    :func:`generate_register`'s logic with a profile scaled to its size.

    Args:
        communes: number of communes.
        members: approximate number of people in the register (most of them
            party members); each commune gets about ``members / communes``.
        seed: the seed; each commune gets its own generator derived from it.
        start: first year of the history.
        end: last year of the history.
        mistakes: plant the three mistakes in the first commune.
        calendar: the working-day calendar (default: the standard one).

    Returns:
        The dataset (no plans), as of 31 December of *end*.  Person ids read
        ``TN001-0001``.

    Raises:
        ValueError: for fewer than one commune or member, or bad years.

    """
    if communes < 1 or members < communes:
        msg = "cần ít nhất 1 xã và 1 người mỗi xã / need ≥ 1 commune and ≥ 1 person per commune"
        raise ValueError(msg)
    cal = calendar or WorkCalendar.default()
    _check_years(start, end, cal)
    if mistakes:
        _check_mistake_years(start, end, HistoryProfile().plan_year)
    rng = random.Random(seed)
    root, sized = _province_tree(rng, communes, members / communes)
    records: list[Record] = []
    for i, (commune, size) in enumerate(sized):
        cells = commune.cells
        hamlet_cells = sum(1 for c in cells if c.kind is CellKind.HAMLET)
        factor = size / 300
        # About 81 % of the people are members at the start; the rest join or try.
        per_hamlet = max(6, round((size * 0.81 - 25) / hamlet_cells))
        profile = HistoryProfile(
            recognitions_per_year=(max(1, round(3 * factor)), max(1, round(5 * factor))),
            admissions_per_year=(max(1, round(4 * factor)), max(1, round(8 * factor))),
            hamlet_members=(round(per_hamlet * 0.75), round(per_hamlet * 1.25)),
            scale=factor,
            removals=max(0, round(factor / 2)),
        )
        sim = _Commune(
            root,
            commune,
            rng=random.Random(rng.getrandbits(64)),
            start=start,
            end=end,
            profile=profile,
            plans=(),
            mistakes=mistakes and i == 0,
            id_prefix=commune.id.upper(),
            name_tag=f"{commune.id.upper()}-",
            calendar=cal,
        )
        records.extend(sim.run())
    return Dataset(organization=root, records=tuple(records), data_as_of=date(end, 12, 31))


# --- a district ----------------------------------------------------------------------

_DISTRICT_TAG: Final = "Thử Nghiệm"
# Communes whose plans do not follow the district's allocation, by number: below
# it, above it, with a headline only, with no plan, with a misprinted cell name,
# leaving a cell without a row.
_BELOW: Final = {3: 2, 8: 1, 14: 1}
_ABOVE: Final = {11: 1}
_HEADLINE_ONLY: Final = 6
_NO_PLAN: Final = 17
_MISPRINT: Final = 9
_NO_ROW: Final = 12
# Communes in the uplands, where most people are of an ethnic minority.
_UPLAND: Final = (18, 19, 20)


def _district_tree(rng: random.Random, communes: int) -> Organization:
    """Province → district (ending 30/6/2025) → communes, a grassroots committee, a cell."""
    children: list[Organization] = []
    for k in range(1, communes + 1):
        tag = f"{_DISTRICT_TAG} {k:02d}"
        cid = f"x{k:02d}"
        hamlets = [
            Hamlet(f"{cid}-t{h}", f"Thôn {h} {tag}") for h in range(1, rng.randint(4, 6) + 1)
        ]
        cells = [
            Cell(f"{cid}-cb{h}", f"Thôn {h} {tag}", CellKind.HAMLET, hamlet=hm.id)
            for h, hm in enumerate(hamlets, start=1)
        ]
        cells += [
            Cell(f"{cid}-th", f"Trường Tiểu học {tag}", CellKind.SCHOOL),
            Cell(f"{cid}-yt", f"Trạm Y tế {tag}", CellKind.HEALTH),
            Cell(f"{cid}-ca", f"Công an xã {tag}", CellKind.POLICE),
        ]
        masses = tuple(
            MassOrganization(f"{cid}-{suffix}", f"{name} xã {tag}", kind)
            for suffix, name, kind in _MASS_ORGS
        )
        children.append(
            Organization(
                cid, f"Đảng bộ xã {tag}", OrgLevel.COMMUNE, aliases=(f"Xã {tag}",),
                cells=tuple(cells), hamlets=tuple(hamlets), mass_organizations=masses,
            )
        )  # fmt: skip
    agencies = Organization(
        "cqcq", f"Đảng bộ Cơ quan Chính quyền huyện {_DISTRICT_TAG}", OrgLevel.GRASSROOTS,
        kind=OrgKind.AGENCY, aliases=("Cơ quan Chính quyền",),
        cells=(
            Cell("cqcq-vp", f"Chi bộ Văn phòng HĐND-UBND huyện {_DISTRICT_TAG}", CellKind.AGENCY),
            Cell("cqcq-tc", f"Chi bộ Phòng Tài chính huyện {_DISTRICT_TAG}", CellKind.AGENCY),
            Cell("cqcq-gd", f"Chi bộ Phòng Giáo dục huyện {_DISTRICT_TAG}", CellKind.AGENCY),
        ),
    )  # fmt: skip
    children.append(agencies)
    district = Organization(
        "huyen-tn", f"Đảng bộ huyện {_DISTRICT_TAG}", OrgLevel.DISTRICT,
        aliases=(f"Huyện {_DISTRICT_TAG}",), children=tuple(children),
        cells=(Cell("thpt", f"Chi bộ Trường THPT {_DISTRICT_TAG}", CellKind.SCHOOL),),
        valid_to=date(2025, 6, 30),
        statistics=(OrgStatistics(date(2022, 12, 31), grassroots=22),),
    )  # fmt: skip
    return Organization(
        "tinh-tn", f"Đảng bộ tỉnh {_DISTRICT_TAG}", OrgLevel.PROVINCE, children=(district,)
    )


def _split(total: int, cells: Sequence[Cell]) -> dict[str, int]:
    """Share *total* over the hamlet cells and the school, one at a time, hamlets first."""
    takers = [c for c in cells if c.kind is CellKind.HAMLET] + [
        c for c in cells if c.kind is CellKind.SCHOOL
    ]
    out = {c.id: 0 for c in cells}
    for i in range(total):
        out[takers[i % len(takers)].id] += 1
    return out


def _commune_plan(k: int, node: Organization, allocated: int, plan_date: date) -> Plan | None:
    """Return the commune's own plan: its allocation shared over its cells.

    Some communes depart from it on purpose (see :func:`generate_district`).
    """
    if k == _NO_PLAN:
        return None
    tag = f"{_DISTRICT_TAG} {k:02d}"
    common = {
        "id": f"kh-{node.id}", "number": f"{10 + k}-KH/ĐU", "date": plan_date,
        "issuer": f"Ban Thường vụ Đảng ủy xã {tag}", "organization": node.id,
        "title": "Kế hoạch phát triển đảng viên giai đoạn 2023 – 2025 và những năm tiếp theo",
        "period": PlanPeriod(2023, 2025, open_ended=True),
    }  # fmt: skip
    if k == _HEADLINE_ONLY:
        return Plan(**common, headline=TargetRange.exactly(allocated))  # type: ignore[arg-type]
    total = allocated - _BELOW.get(k, 0) + _ABOVE.get(k, 0)
    shares = _split(total, node.cells)
    rows = []
    for c in node.cells:
        if k == _NO_ROW and c.kind is CellKind.HEALTH:
            continue  # the health station is left out of the table
        printed = c.name
        if k == _MISPRINT and c.id.endswith("-cb2"):
            printed = c.name.replace("Thôn", "Thon")  # a missing diacritic
        rows.append(AdmissionTarget(printed, shares[c.id]))
    return Plan(**common, admission_targets=tuple(rows), stated_admission_total=total)  # type: ignore[arg-type]


def _count(records: Sequence[Record], cells: set[str], first: date, last: date) -> int:
    """Admission decisions dated first…last in *cells* (the cell of the resolution before)."""
    n = 0
    for r in records:
        for e in r.of_type(ev.AdmissionDecision):
            if first <= e.date <= last and r.cell_at(e.date) in cells:
                n += 1
    return n


def _district_report(
    tree: Organization, plan: Plan, records: Sequence[Record], allocations: Mapping[str, int]
) -> ResultReport:
    """The district's nine-month report of 2024, its figures computed from *records*.

    Right: the count, the "trên" bound, the truncated percentage, the target total.
    Wrong on purpose: the table's printed total (one more than its rows), the number
    of units above 50 % (one more), and one commune's percentage rounded half up
    although the report truncates.
    """
    district = tree.children[0]
    first, last = date(2024, 1, 1), date(2024, 9, 30)
    rows: list[UnitResult] = []
    per_unit: dict[str, int] = {}
    for node in district.children:
        n = _count(records, {c.id for c in node.cells}, first, last)
        per_unit[node.id] = n
        rows.append(UnitResult(node.aliases[0], n))
    school = district.cells[0]
    per_unit[school.id] = _count(records, {school.id}, first, last)
    rows.append(UnitResult(school.name, per_unit[school.id]))
    total = sum(per_unit.values())
    target = sum(allocations.values())
    above = sum(1 for u, n in per_unit.items() if allocations[u] and n * 100 > 50 * allocations[u])
    pct = Fraction(total * 100, target)
    trunc = math.floor(pct * 100)
    claims = [
        Claim(f"9 tháng đầu năm 2024, toàn Đảng bộ kết nạp được {total} đảng viên",
              admitted=total),
        Claim(f"kết nạp trên {total - 5} đảng viên", admitted=total - 5, above=True),
        Claim(f"đạt {trunc // 100},{trunc % 100:02d}% chỉ tiêu năm",
              percent=f"{trunc // 100},{trunc % 100:02d}"),
        Claim(f"tổng chỉ tiêu năm 2024 là {target}", target=target, year=2024),
        Claim(f"{above + 1} đơn vị đạt trên 50% chỉ tiêu", units=above + 1, threshold="50"),
    ]  # fmt: skip
    for node in district.children:
        a, n = allocations[node.id], per_unit[node.id]
        exact = Fraction(n * 100, a) if a else None
        if exact is None or math.floor(exact * 100) == math.floor(exact * 100 + Fraction(1, 2)):
            continue
        up = math.floor(exact * 100 + Fraction(1, 2))
        claims.append(
            Claim(f"{node.aliases[0]} đạt {up // 100},{up % 100:02d}%", unit=node.aliases[0],
                  percent=f"{up // 100},{up % 100:02d}")
        )  # fmt: skip
        break
    return ResultReport(
        date=date(2024, 10, 8), as_of=last, number="85-BC/HU",
        title="Báo cáo kết quả công tác phát triển đảng viên 9 tháng đầu năm 2024",
        results=tuple(rows), stated_total=total + 1, claims=tuple(claims),
        rounding=Rounding.TRUNCATE,
    )  # fmt: skip


def _classes(records: Sequence[Record], tree: Organization, rng: random.Random) -> list[Record]:
    """Give each person the classes of the central forms, from a generator of its own.

    Religion, Youth Union membership (by age at admission or at the end),
    occupation and qualification follow the cell's kind; the upland communes are
    mostly Thái and Mường.  About one in twenty is left "not recorded".
    """
    parent = {c.id: o for o, c in tree.iter_cells()}
    kinds = {c.id: c.kind for c in tree.all_cells()}
    out: list[Record] = []
    for r in records:
        p = r.person
        kind = kinds.get(p.cell or "", CellKind.OTHER)
        commune = parent.get(p.cell or "")
        upland = commune is not None and any(commune.id == f"x{k:02d}" for k in _UPLAND)
        decision = r.last(ev.AdmissionDecision)
        on = decision.date if decision is not None else date(2024, 12, 31)
        age = on.year - p.birth_date.year
        unknown = rng.random() < 0.05
        religion = rng.choices(list(Religion)[:4], (88, 7, 4, 1))[0]
        youth = age <= 30 and rng.random() < 0.85
        if kind is CellKind.HAMLET:
            occupation = rng.choices(
                (Occupation.FARMER, Occupation.HAMLET_PART_TIME, Occupation.WORKER,
                 Occupation.OTHER, Occupation.COMMUNE_OFFICIAL),
                (60, 10, 12, 12, 6),
            )[0]  # fmt: skip
            qualification = rng.choices(
                (Qualification.NONE, Qualification.ELEMENTARY, Qualification.INTERMEDIATE,
                 Qualification.COLLEGE, Qualification.UNIVERSITY),
                (45, 20, 20, 5, 10),
            )[0]  # fmt: skip
        elif kind in (CellKind.SCHOOL, CellKind.HEALTH):
            occupation = Occupation.PUBLIC_EMPLOYEE
            qualification = rng.choice(
                (Qualification.COLLEGE, Qualification.UNIVERSITY, Qualification.MASTER)
            )
        elif kind in (CellKind.POLICE, CellKind.MILITARY):
            occupation = Occupation.ARMED_FORCES
            qualification = rng.choice((Qualification.INTERMEDIATE, Qualification.UNIVERSITY))
        else:
            occupation = Occupation.STATE_OFFICIAL
            qualification = rng.choice((Qualification.UNIVERSITY, Qualification.MASTER))
        ethnicity = p.ethnicity
        if upland:
            ethnicity = rng.choices(("Thái", "Mường", "Kinh"), (60, 25, 15))[0]
        person = attrs.evolve(
            p,
            ethnicity=ethnicity,
            religion=None if unknown else religion,
            youth_union=None if unknown else youth,
            occupation=None if unknown else occupation,
            qualification=None if unknown else qualification,
        )
        out.append(Record(person, r.events))
    return out


def generate_district(
    *,
    seed: int | str,
    communes: int = 20,
    start: int = 2019,
    end: int = 2024,
    calendar: WorkCalendar | None = None,
) -> Dataset:
    """Generate an obviously synthetic district with plans at two levels and a report.

    The tree is *Đảng bộ tỉnh Thử Nghiệm* → *Đảng bộ huyện Thử Nghiệm*
    (ending 30 June 2025) → *communes* communes (four to six hamlet cells, a
    primary school, a health station and a police cell each, named uniquely:
    ``Thôn 2 Thử Nghiệm 07``), a grassroots committee of the district's
    agencies (three cells) and a grassroots cell, the district's upper
    secondary school.

    The district's plan (2023–2025) allocates each unit four to seven
    admissions a year (the committee three, the school two), with a headline
    range around their sum and a rate target of 3–4 % of members.  Each
    commune has a plan of its own sharing its allocation over its cells, but
    for a few that depart from it on purpose: communes 3, 8 and 14 plan less
    than allocated, 11 more, 6 states only its headline, 17 has no plan, 9
    misprints a cell's name and 12 leaves its health station out.  The
    district's nine-month report of 2024 publishes figures computed from the
    register, three of them wrong on purpose (see ``_district_report``).

    Each unit's register follows :func:`generate_register`'s logic, weighted
    by its plan; people carry the classes of the central forms (religion,
    Youth Union, occupation, qualification; upland communes mostly Thái and
    Mường), drawn from a generator of their own.

    Args:
        seed: the seed.
        communes: number of communes (at least 17, so that every departure
            has its commune).
        start: first year of the history.
        end: last year (the report is of 2024, so at least 2024).
        calendar: the working-day calendar.

    Returns:
        The dataset: the tree, the district's and the communes' plans, the
        register.  Person ids read ``X07-0001`` (the committee's ``CQCQ-…``,
        the school's ``THPT-…``).

    Raises:
        ValueError: for fewer than 20 communes, or years that do not fit.

    """
    if communes < 20:
        msg = f"cần ít nhất 20 xã / need at least 20 communes, got {communes}"
        raise ValueError(msg)
    if end < 2024:
        msg = f"cần end ≥ 2024 / need end ≥ 2024, got {end}"
        raise ValueError(msg)
    cal = calendar or WorkCalendar.default()
    _check_years(start, end, cal)
    rng = random.Random(seed)
    tree = _district_tree(rng, communes)
    district = tree.children[0]
    allocations: dict[str, int] = {}
    for node in district.children:
        allocations[node.id] = 3 if node.level is OrgLevel.GRASSROOTS else rng.randint(4, 7)
    allocations[district.cells[0].id] = 2
    names = {**{o.id: o.aliases[0] for o in district.children}, district.cells[0].id:
             district.cells[0].name}  # fmt: skip
    total = sum(allocations.values())
    commune_plans = [
        _commune_plan(k, node, allocations[node.id], date(2023, 3, 1) + timedelta(days=k))
        for k, node in enumerate(district.children[:communes], start=1)
    ]
    upper = Plan(
        id="kh-huyen-tn", number="15-KH/HU", date=date(2023, 2, 20),
        issuer=f"Ban Thường vụ Huyện ủy {_DISTRICT_TAG}", organization=district.id,
        title="Kế hoạch phát triển đảng viên giai đoạn 2023 – 2025",
        period=PlanPeriod(2023, 2025), headline=TargetRange(total - 5, total + 5),
        admission_targets=tuple(AdmissionTarget(names[u], a) for u, a in allocations.items()),
        stated_admission_total=total,
        rate_targets=(RateTarget(RateMeasure.ADMISSIONS_PER_MEMBERS, "3", "4"),),
    )  # fmt: skip
    plans = [upper, *(p for p in commune_plans if p is not None)]
    records: list[Record] = []
    for k, node in enumerate(district.children, start=1):
        a = allocations[node.id]
        profile = HistoryProfile(
            plan_year=2023,
            recognitions_per_year=(1, 3),
            admissions_per_year=(max(1, a - 3), a) if k % 4 else (a - 1, a + 1),
            hamlet_members=(7, 11),
            school_members=(4, 6),
            small_members=(3, 4),
            scale=0.3,
            removals=0,
        )
        sim = _Commune(
            tree, node, rng=random.Random(rng.getrandbits(64)), start=start, end=end,
            profile=profile, plans=plans, mistakes=False, id_prefix=node.id.upper(),
            name_tag=f"{node.id.upper()}-", calendar=cal,
        )  # fmt: skip
        records.extend(sim.run())
    school = _Commune(
        tree, district, rng=random.Random(rng.getrandbits(64)), start=start, end=end,
        profile=HistoryProfile(recognitions_per_year=(1, 2), admissions_per_year=(1, 2),
                               school_members=(8, 10), scale=0.3, removals=0),
        plans=plans, mistakes=False, id_prefix="THPT", name_tag="THPT-", calendar=cal,
    )  # fmt: skip
    records.extend(school.run())
    records = _classes(records, tree, random.Random(f"{seed}:classes"))
    report = _district_report(tree, upper, records, allocations)
    plans[0] = attrs.evolve(upper, reports=(report,))
    return Dataset(organization=tree, plans=tuple(plans), records=tuple(records))


def _adult_months() -> int:
    """Minimum admission age in months as the law now stands (a dated, cited parameter)."""
    return default_parameters().parameter(ADMISSION_AGE_MIN_YEARS).values[-1].value * 12


def _value(key: Key[T], on: date) -> T:
    """The law's value on *on*, or its earliest for an older date (plausible, never judged)."""
    return default_parameters().value_or_first(key, on)


def _law_value(key: Key[T], on: date) -> T | None:
    """The law's value on *on*, or None before the law dangvien encodes."""
    try:
        return default_parameters().value(key, on)
    except ParameterNotCovered:
        return None


def _probation_end(ceremony: date) -> date:
    """The last day of probation: the ceremony plus the probation in force then."""
    return add_months(ceremony, _value(PROBATION_MONTHS, ceremony))


def _districts_end() -> date:
    """Last day of the district level: the eve of 294-QĐ/TW taking effect."""
    return default_register().by_key("294-QĐ/TW/2025").effective - timedelta(days=1)
