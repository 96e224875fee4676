"""Hypothesis strategies for dangvien's model (chiến lược sinh dữ liệu thử).

For downstream property tests of rule implementations::

    from hypothesis import given
    from dangvien import strategies as dst

    @given(dst.datasets())
    def test_my_report_never_crashes(dataset): ...

Strategies are plural nouns with keyword-only options.  Generated text is NFC
Vietnamese with diacritics and obviously synthetic ("Người Thử …"); it has no
control characters and no outer spaces, which the model strips, so that file
round trips are exact.

A *valid* history (:func:`histories`) follows the stage transitions and the
legal timing: the cell votes when the applicant is at least 18 by full months,
decisions and ceremonies fall well inside their working-day limits, and
official membership starts exactly 12 months after the ceremony.
:func:`invalid_histories` returns a history with one documented defect and
its :class:`Defect`, so tests can assert that the matching rule fires.

Installing dangvien registers these strategies with Hypothesis (entry point
``hypothesis``), so ``st.from_type(Person)`` works too.
"""

from __future__ import annotations

import enum
from datetime import date, timedelta

from hypothesis import strategies as st

from dangvien.dates import add_months
from dangvien.model import events as ev
from dangvien.model.org import (
    Cell,
    CellKind,
    Hamlet,
    MassOrganization,
    MassOrgKind,
    Organization,
    OrgLevel,
)
from dangvien.model.people import EducationLevel, Person, Sex
from dangvien.model.plan import AdmissionTarget, IntroductionTarget, Plan, PlanPeriod, TargetRange
from dangvien.model.register import Dataset, Record

__all__ = [
    "Defect",
    "cells",
    "datasets",
    "histories",
    "invalid_histories",
    "organizations",
    "people",
    "person_ids",
    "plans",
    "records",
    "vietnamese_names",
]

_SYLLABLES = (
    "An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng",
    "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nga", "Ngọc", "Phúc", "Quang",
    "Sơn", "Tâm", "Thảo", "Thủy", "Tiến", "Trang", "Tràng", "Trung", "Tuấn", "Vân",
    "Văn", "Vạn", "Xuân", "Yên", "Ánh", "Ượng", "Ỷ",
)  # fmt: skip

# Dates used by the valid histories: inside the encoded regimes and calendar.
_EARLIEST_START = date(2017, 1, 1)
_LATEST_START = date(2027, 12, 31)


def vietnamese_names(*, words: int = 2) -> st.SearchStrategy[str]:
    """Obviously synthetic NFC names with diacritics, e.g. ``Người Thử Vạn Tràng``."""
    return st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=words).map(
        lambda parts: "Người Thử " + " ".join(parts)
    )


def person_ids(*, prefix: str = "TN") -> st.SearchStrategy[str]:
    """Office-style ids: ASCII letters, a dash and digits (``TN-0042``)."""
    return st.integers(min_value=0, max_value=999_999).map(lambda n: f"{prefix}-{n:06d}")


@st.composite
def people(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    cell_ids: tuple[str, ...] = (),
    born_from: date = date(1940, 1, 1),
    born_to: date = date(2009, 12, 31),
) -> Person:
    """A :class:`Person`, managed by one of *cell_ids* when given."""
    return Person(
        id=draw(ids if ids is not None else person_ids()),
        full_name=draw(vietnamese_names()),
        birth_date=draw(st.dates(born_from, born_to)),
        sex=draw(st.sampled_from(Sex)),
        ethnicity=draw(st.sampled_from(("Kinh", "Thái", "Mường", "Tày"))),
        education=draw(st.sampled_from(EducationLevel)),
        hamlet=draw(st.none() | st.sampled_from(_SYLLABLES)),
        workplace=draw(st.none() | st.just("Hợp tác xã Thử Nghiệm")),
        cell=draw(st.sampled_from(cell_ids)) if cell_ids else None,
        special_area=draw(st.booleans()),
    )


@st.composite
def cells(draw: st.DrawFn, *, index: int | None = None) -> Cell:
    """A :class:`Cell` with a unique-looking id and a Vietnamese name."""
    n = draw(st.integers(0, 9999)) if index is None else index
    name = draw(st.sampled_from(_SYLLABLES)) + f" {n}"
    return Cell(
        id=f"cb{n:04d}",
        name=name,
        kind=draw(st.sampled_from(CellKind)),
        aliases=(f"CB {name}",) if draw(st.booleans()) else (),
    )


@st.composite
def organizations(draw: st.DrawFn, *, max_cells: int = 6, max_depth: int = 2) -> Organization:
    """An organisation tree: optional province and district above one commune with cells."""
    k = draw(st.integers(1, max_cells))
    commune_cells = tuple(draw(cells(index=i)) for i in range(k))
    masses = (
        MassOrganization("doan", "Đoàn thanh niên", MassOrgKind.YOUTH_UNION),
        MassOrganization("phu-nu", "Hội LHPN xã", MassOrgKind.WOMEN, aliases=("Hội Phụ nữ",)),
        MassOrganization("nong-dan", "Hội Nông dân", MassOrgKind.FARMERS),
    )
    commune = Organization(
        "xa-thu", "Đảng bộ xã Thử Nghiệm", OrgLevel.COMMUNE,
        cells=commune_cells,
        hamlets=tuple(Hamlet(f"xom-{c.id}", c.name) for c in commune_cells
                      if c.kind is CellKind.HAMLET),
        mass_organizations=masses,
    )  # fmt: skip
    depth = draw(st.integers(0, max_depth))
    if depth == 0:
        return commune
    if depth == 1:
        return Organization("tinh-thu", "Đảng bộ tỉnh Thử Nghiệm", OrgLevel.PROVINCE,
                            children=(commune,))  # fmt: skip
    district = Organization("huyen-thu", "Đảng bộ huyện Thử Nghiệm", OrgLevel.DISTRICT,
                            children=(commune,), valid_to=date(2025, 6, 30))  # fmt: skip
    return Organization("tinh-thu", "Đảng bộ tỉnh Thử Nghiệm", OrgLevel.PROVINCE,
                        children=(district,))  # fmt: skip


@st.composite
def plans(draw: st.DrawFn, *, organization: Organization) -> Plan:
    """A :class:`Plan` for *organization* whose targets name its cells (by name or alias)."""
    first = draw(st.integers(2019, 2026))
    rows = tuple(
        AdmissionTarget(draw(st.sampled_from(c.names)), draw(st.integers(0, 4)))
        for c in organization.all_cells()
    )
    quotas = tuple(
        IntroductionTarget(m.name, draw(st.integers(0, 6)))
        for m in organization.all_mass_organizations()
    )
    low = draw(st.integers(0, 20))
    return Plan(
        id=f"kh-{first}",
        number=draw(st.sampled_from(("-KH/ĐU", "12-KH/ĐU"))),
        date=draw(st.dates(date(first - 1, 1, 1), date(first, 12, 31))),
        issuer="Ban Thường vụ Đảng ủy xã Thử Nghiệm",
        organization=organization.id,
        title="Kế hoạch phát triển đảng viên (giả lập)",
        period=PlanPeriod(first, first + draw(st.integers(0, 4)), draw(st.booleans())),
        headline=TargetRange(low, low + draw(st.integers(0, 5))),
        admission_targets=rows,
        introduction_targets=quotas,
        stated_admission_total=draw(st.none() | st.just(sum(r.annual for r in rows))),
    )


class Defect(enum.Enum):
    """The deliberate defect of an invalid history, and the rule that should catch it."""

    UNDER_AGE = "ADMIT-AGE-MIN"
    """The cell votes before the applicant is 18 by full months."""
    CEREMONY_BEFORE_DECISION = "EVENT-ORDER"
    """The ceremony is held before the admission decision."""
    CARD_BEFORE_RECOGNITION = "CARD-OFFICIAL-ONLY"
    """The party card is issued during probation."""
    LATE_CEREMONY = "CEREMONY-DEADLINE"
    """The ceremony comes more than 30 working days after the decision is received."""


def _weekday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


@st.composite
def histories(
    draw: st.DrawFn,
    person: Person,
    *,
    cell: str = "cb0000",
    introducers: tuple[str, str] = ("GT-1", "GT-2"),
    complete: bool = False,
) -> tuple[ev.Event, ...]:
    """A lawful history for *person*, cut after a random stage of the pipeline.

    The cell meeting falls after the 18th birthday by months and no earlier
    than 2017; every step is spaced well inside its legal limit.  A person
    without a lower-secondary diploma or over 60 stops before the cell vote.
    """
    adult = add_months(person.birth_date, 18 * 12)
    start = max(_EARLIEST_START, add_months(adult, -10))
    if start > _LATEST_START:
        return ()
    listed = draw(st.dates(start, min(_LATEST_START, start + timedelta(days=365))))
    steps: list[ev.Event] = [ev.ListedSympathizer(date=listed, cell=cell)]
    course = listed + timedelta(days=draw(st.integers(10, 90)))
    steps.append(ev.AwarenessCourse(date=course, issuer="Trung tâm Chính trị (giả lập)"))
    app = course + timedelta(days=draw(st.integers(5, 60)))
    steps.append(ev.ApplicationFiled(date=app))
    steps.append(ev.IntroducersAssigned(date=app + timedelta(days=1), introducers=introducers))
    meeting = _weekday(max(app + timedelta(days=draw(st.integers(14, 120))), adult))
    steps.append(ev.CellResolution(date=meeting, cell=cell, votes_for=draw(st.integers(7, 9)),
                                   official_members=9))  # fmt: skip
    decision = _weekday(meeting + timedelta(days=draw(st.integers(5, 40))))
    received = _weekday(decision + timedelta(days=draw(st.integers(0, 3))))
    steps.append(ev.AdmissionDecision(date=decision, received=received))
    ceremony = _weekday(received + timedelta(days=draw(st.integers(1, 25))))
    steps.append(ev.AdmissionCeremony(date=ceremony, cell=cell))
    steps.append(ev.NewMemberCourse(date=ceremony + timedelta(days=draw(st.integers(20, 200)))))
    end = add_months(ceremony, 12)
    review = _weekday(end + timedelta(days=draw(st.integers(1, 20))))
    steps.append(ev.RecognitionResolution(date=review, cell=cell, votes_for=8, official_members=9))
    signed = _weekday(review + timedelta(days=draw(st.integers(1, 25))))
    steps.append(ev.RecognitionDecision(date=signed, official_from=end))
    steps.append(ev.CardIssued(date=signed + timedelta(days=draw(st.integers(10, 60)))))
    # A person who may not be admitted (education, age over 60) stops before the vote.
    eligible = person.education.at_least(EducationLevel.LOWER_SECONDARY) and (
        meeting <= add_months(person.birth_date, 60 * 12)
    )
    last = len(steps) if eligible else 4
    keep = last if complete else draw(st.integers(1, last))
    return tuple(steps[:keep])


@st.composite
def invalid_histories(
    draw: st.DrawFn, person: Person, *, cell: str = "cb0000"
) -> tuple[tuple[ev.Event, ...], Defect]:
    """A complete history of *person* with one deliberate :class:`Defect`.

    *person* must meet the admission conditions (education, age under 60 by
    2027), so that the defect is the history's only violation.
    """
    adult = add_months(person.birth_date, 18 * 12)
    possible = [
        d
        for d in Defect
        if d is not Defect.UNDER_AGE or adult - timedelta(days=160) >= _EARLIEST_START
    ]
    defect = draw(st.sampled_from(possible))
    base = list(draw(histories(person, cell=cell, complete=True)))
    if len(base) < 11:
        msg = "invalid_histories needs a person who meets the admission conditions"
        raise ValueError(msg)
    by_type = {type(e): i for i, e in enumerate(base)}
    dec_i, cer_i = by_type[ev.AdmissionDecision], by_type[ev.AdmissionCeremony]
    if defect is Defect.UNDER_AGE:
        # A short, otherwise lawful dossier voted on a few days before the
        # 18th birthday by months.
        vote = add_months(person.birth_date, 18 * 12) - timedelta(days=draw(st.integers(1, 25)))
        base = [
            ev.ListedSympathizer(date=vote - timedelta(days=150), cell=cell),
            ev.AwarenessCourse(date=vote - timedelta(days=120)),
            ev.ApplicationFiled(date=vote - timedelta(days=60)),
            ev.IntroducersAssigned(date=vote - timedelta(days=59), introducers=("GT-1", "GT-2")),
            ev.CellResolution(date=vote, cell=cell, votes_for=8, official_members=9),
        ]
    elif defect is Defect.CEREMONY_BEFORE_DECISION:
        dec = base[dec_i]
        base[cer_i] = ev.AdmissionCeremony(date=dec.date - timedelta(days=1), cell=cell)
    elif defect is Defect.CARD_BEFORE_RECOGNITION:
        cer = base[cer_i]
        base.append(ev.CardIssued(date=cer.date + timedelta(days=30)))
    else:
        dec = base[dec_i]
        assert isinstance(dec, ev.AdmissionDecision)
        late = (dec.received or dec.date) + timedelta(days=draw(st.integers(60, 90)))
        base[cer_i] = ev.AdmissionCeremony(date=late, cell=cell)
        end = add_months(late, 12)
        base = [*base[: cer_i + 1],
            ev.RecognitionResolution(date=_weekday(end + timedelta(days=3)), cell=cell,
                                     votes_for=8, official_members=9),
            ev.RecognitionDecision(date=_weekday(end + timedelta(days=10)), official_from=end),
        ]  # fmt: skip
    return tuple(base), defect


@st.composite
def records(
    draw: st.DrawFn, *, cell_ids: tuple[str, ...] = ("cb0000",), valid: bool = True
) -> Record:
    """A :class:`Record`: a person and a (valid by default) history in one of *cell_ids*."""
    person = draw(people(cell_ids=cell_ids, born_from=date(1970, 1, 1), born_to=date(2008, 12, 31)))
    cell = person.cell or cell_ids[0]
    if valid:
        events = draw(histories(person, cell=cell))
    else:
        events = draw(invalid_histories(person, cell=cell))[0]
    return Record(person, events)


@st.composite
def datasets(draw: st.DrawFn, *, max_people: int = 8) -> Dataset:
    """A consistent :class:`Dataset`: unique ids, references to existing cells and people.

    Each cell gets nine long-standing official members (transferred in
    before the coverage) who serve as introducers.
    """
    org = draw(organizations())
    cell_list = org.all_cells()
    elders: list[Record] = []
    for c in cell_list:
        for k in range(9):
            pid = f"{c.id}-DV{k}"
            person = Person(pid, f"Người Thử Đảng Viên {k}", date(1960, 1, 1), Sex.MALE,
                            education=EducationLevel.UPPER_SECONDARY, cell=c.id)  # fmt: skip
            joined = ev.TransferredIn(date=date(2010, 1, 4), source="nơi khác (giả lập)", cell=c.id)
            elders.append(Record(person, (joined,)))
    ids = draw(st.lists(person_ids(), max_size=max_people, unique=True))
    records_: list[Record] = []
    for pid in ids:
        person = draw(people(ids=st.just(pid), cell_ids=tuple(c.id for c in cell_list),
                             born_from=date(1970, 1, 1), born_to=date(2008, 12, 31)))  # fmt: skip
        cell = person.cell or cell_list[0].id
        intro = (f"{cell}-DV0", f"{cell}-DV1")
        records_.append(Record(person, draw(histories(person, cell=cell, introducers=intro))))
    plan_list = tuple(draw(st.lists(plans(organization=org), max_size=1)))
    return Dataset(org, plan_list, tuple(elders + records_))


def _hypothesis_setup_hook() -> None:
    """Register dangvien's strategies for ``st.from_type`` (Hypothesis entry point)."""
    st.register_type_strategy(Person, people())
    st.register_type_strategy(Cell, cells())
    st.register_type_strategy(Organization, organizations())
    st.register_type_strategy(Record, records())
    st.register_type_strategy(Dataset, datasets())
