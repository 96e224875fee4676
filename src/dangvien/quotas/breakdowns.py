"""New members broken down as the central forms do (đảng viên mới kết nạp, biểu 2-BTCTW).

Every annual report gives the year's admissions "of which" women, ethnic
minorities, religious followers, Youth Union members and re-admissions, then
by age band, occupation, general education and professional qualification,
and by ethnicity and religion (biểu 4-BTCTW).  :func:`admission_breakdown`
builds that table for one unit, :func:`breakdowns` for every unit of an
organisation (district, communes, and cells if asked), from the register:

- the admissions are those :func:`~dangvien.quotas.fulfilment.admissions`
  counts in the year, up to the as-of date, in the unit's cells
  (:meth:`~dangvien.model.org.Organization.cells_under`);
- ages are full years at the counted date (the decision's by default), in the
  bands of 2-BTCTW: 18–30, 31–35, 36–40, …, 56–60, over 60;
- a class the register does not record for someone (religion, Youth Union
  membership, occupation, qualification left blank) is counted as "not
  recorded", never guessed;
- an ethnic minority is any ethnicity but Kinh; a religious follower anyone
  whose religion is recorded and is not "không"; a re-admission an admission
  decision after an earlier one.

Without a register the tables are empty (total 0): a report's figures do not
say who was admitted.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from fractions import Fraction
from typing import ClassVar

import attrs

from dangvien.dates import full_years
from dangvien.messages import Text
from dangvien.model import events as ev
from dangvien.model.org import Organization, Unit
from dangvien.model.people import EducationLevel, Occupation, Qualification, Religion, Sex
from dangvien.model.plan import CountBy
from dangvien.model.register import Dataset, Record
from dangvien.quotas.fulfilment import Admission, admissions

__all__ = [
    "AGE_BANDS",
    "AgeBand",
    "Breakdown",
    "BreakdownRow",
    "Section",
    "admission_breakdown",
    "breakdowns",
]


class Section(enum.Enum):
    """A part of the breakdown table (phần của biểu)."""

    OF_WHICH = "of_which"
    """Trong đó: nữ, dân tộc thiểu số, tôn giáo, đoàn viên, kết nạp lại."""
    AGE = "age"
    """Tuổi đời."""
    OCCUPATION = "occupation"
    """Nghề nghiệp."""
    EDUCATION = "education"
    """Trình độ giáo dục phổ thông."""
    QUALIFICATION = "qualification"
    """Trình độ chuyên môn nghiệp vụ."""
    ETHNICITY = "ethnicity"
    """Dân tộc (biểu 4-BTCTW)."""
    RELIGION = "religion"
    """Tôn giáo (biểu 4-BTCTW)."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return Text(f"quotas.section.{self.value}").vi

    @property
    def label_en(self) -> str:
        """English label."""
        return Text(f"quotas.section.{self.value}").en


@attrs.frozen
class AgeBand:
    """An age band of the forms, in full years (nhóm tuổi): ``18–30``, ``trên 60``.

    Attributes:
        low: the youngest age in the band (None: below 18).
        high: the oldest (None: no upper end).

    """

    low: int | None
    high: int | None

    def __contains__(self, age: object) -> bool:
        return (
            isinstance(age, int)
            and (self.low is None or age >= self.low)
            and (self.high is None or age <= self.high)
        )

    @property
    def key(self) -> str:
        """A stable key: ``age:18-30``, ``age:61+``, ``age:<18``."""
        if self.low is None:
            return f"age:<{(self.high or 0) + 1}"
        return f"age:{self.low}+" if self.high is None else f"age:{self.low}-{self.high}"

    @property
    def text(self) -> Text:
        """The band's name as a catalogue text (``quotas.age.*``)."""
        if self.low is None:
            return Text("quotas.age.under", {"age": (self.high or 0) + 1})
        if self.high is None:
            return Text("quotas.age.over", {"age": self.low - 1})
        return Text("quotas.age.band", {"low": self.low, "high": self.high})

    @property
    def label_vi(self) -> str:
        """Vietnamese label: ``18–30 tuổi``, ``trên 60 tuổi``."""
        return self.text.vi

    @property
    def label_en(self) -> str:
        """English label: ``aged 18–30``, ``over 60``."""
        return self.text.en


#: The age bands of biểu 2-BTCTW, with one for anyone under 18 (who should not be there).
AGE_BANDS: tuple[AgeBand, ...] = (
    AgeBand(None, 17),
    AgeBand(18, 30),
    AgeBand(31, 35),
    AgeBand(36, 40),
    AgeBand(41, 45),
    AgeBand(46, 50),
    AgeBand(51, 55),
    AgeBand(56, 60),
    AgeBand(61, None),
)


@attrs.frozen(kw_only=True)
class BreakdownRow:
    """One row of a breakdown (một dòng của biểu).

    Attributes:
        section: the part of the table.
        key: a stable key (``women``, ``age:18-30``, ``occupation:FARMER``,
            ``ethnicity:Tày``, ``religion:unknown``).
        label: its name, in both languages.
        count: how many of the admissions.
        total: the table's total (the share's denominator).
        unknown: for an "of which" row, how many the register does not say
            (religion or Youth Union membership left blank).

    """

    __json__: ClassVar[tuple[str, ...]] = ("share",)

    section: Section
    key: str
    label: Text
    count: int
    total: int
    unknown: int = 0

    @property
    def share(self) -> Fraction | None:
        """Exact ``count / total``; None for an empty table."""
        return Fraction(self.count, self.total) if self.total else None


@attrs.frozen(kw_only=True)
class Breakdown:
    """A unit's admissions of a year broken down (cơ cấu đảng viên mới kết nạp).

    Attributes:
        unit: the unit.
        year: the year.
        as_of: admissions up to this day.
        count_by: which date places an admission in a year.
        total: admissions counted.
        average_age: the mean age in full years (exact); None when empty.
        rows: the rows, section by section.

    """

    unit: Unit
    year: int
    as_of: date
    count_by: CountBy
    total: int
    average_age: Fraction | None
    rows: tuple[BreakdownRow, ...]

    def row(self, key: str) -> BreakdownRow | None:
        """Return the row with *key*, if any."""
        return next((r for r in self.rows if r.key == key), None)

    def count(self, key: str) -> int:
        """Return the count of the row *key* (0 when absent)."""
        row = self.row(key)
        return 0 if row is None else row.count

    def section(self, section: Section) -> tuple[BreakdownRow, ...]:
        """Return the rows of one section."""
        return tuple(r for r in self.rows if r.section is section)


@attrs.frozen
class _Admitted:
    """One admission with the facts the table needs."""

    cell: str | None
    age: int | None
    record: Record
    readmitted: bool


def _facts(dataset: Dataset, items: Iterable[Admission]) -> list[_Admitted]:
    out: list[_Admitted] = []
    for a in items:
        record = dataset.record(a.person)
        if record is None:
            continue
        birth = record.person.birth_date
        age = full_years(birth, a.date) if birth <= a.date else None
        earlier = any(d.date < a.decision for d in record.of_type(ev.AdmissionDecision))
        out.append(_Admitted(a.cell, age, record, earlier))
    return out


def _value(value: object) -> Text:
    return Text("quotas.breakdown.value", {"value": value})


def _table(
    unit: Unit, year: int, as_of: date, count_by: CountBy, found: Sequence[_Admitted]
) -> Breakdown:
    total = len(found)
    rows: list[BreakdownRow] = []

    def add(section: Section, key: str, label: Text, count: int, unknown: int = 0) -> None:
        rows.append(
            BreakdownRow(
                section=section, key=key, label=label, count=count, total=total, unknown=unknown
            )
        )

    people = [f.record.person for f in found]
    add(
        Section.OF_WHICH,
        "women",
        Text("quotas.breakdown.women"),
        sum(p.sex is Sex.FEMALE for p in people),
    )
    add(
        Section.OF_WHICH,
        "ethnic_minority",
        Text("quotas.breakdown.ethnic_minority"),
        sum(p.ethnic_minority for p in people),
    )
    add(
        Section.OF_WHICH,
        "religious",
        Text("quotas.breakdown.religious"),
        sum(p.religion is not None and p.religion.follower for p in people),
        sum(p.religion is None for p in people),
    )
    add(
        Section.OF_WHICH,
        "youth_union",
        Text("quotas.breakdown.youth_union"),
        sum(p.youth_union is True for p in people),
        sum(p.youth_union is None for p in people),
    )
    add(
        Section.OF_WHICH,
        "readmitted",
        Text("quotas.breakdown.readmitted"),
        sum(f.readmitted for f in found),
    )
    ages = [f.age for f in found if f.age is not None]
    for band in AGE_BANDS:
        n = sum(age in band for age in ages)
        if band.low is None and not n:
            continue  # nobody under 18: no row
        add(Section.AGE, band.key, _value(band), n)
    if len(ages) < total:
        add(Section.AGE, "age:unknown", Text("quotas.breakdown.unknown"), total - len(ages))
    occupations = Counter(p.occupation for p in people)
    for occ in Occupation:
        add(Section.OCCUPATION, f"occupation:{occ.name}", _value(occ), occupations[occ])
    add(
        Section.OCCUPATION,
        "occupation:unknown",
        Text("quotas.breakdown.unknown"),
        occupations[None],
    )
    education = Counter(p.education for p in people)
    for edu in EducationLevel:
        add(Section.EDUCATION, f"education:{edu.name}", _value(edu), education[edu])
    qualifications = Counter(p.qualification for p in people)
    for q in Qualification:
        add(Section.QUALIFICATION, f"qualification:{q.name}", _value(q), qualifications[q])
    add(
        Section.QUALIFICATION,
        "qualification:unknown",
        Text("quotas.breakdown.unknown"),
        qualifications[None],
    )
    ethnicities = Counter(p.ethnicity for p in people)
    for name, n in sorted(ethnicities.items(), key=lambda kv: (-kv[1], kv[0])):
        add(Section.ETHNICITY, f"ethnicity:{name}", _value(name), n)
    religions = Counter(p.religion for p in people)
    for rel in Religion:
        add(Section.RELIGION, f"religion:{rel.name}", _value(rel), religions[rel])
    add(Section.RELIGION, "religion:unknown", Text("quotas.breakdown.unknown"), religions[None])
    average = Fraction(sum(ages), len(ages)) if ages else None
    return Breakdown(
        unit=unit,
        year=year,
        as_of=as_of,
        count_by=count_by,
        total=total,
        average_age=average,
        rows=tuple(rows),
    )


def _unit(org: Organization, unit: Unit | str | None) -> Unit:
    if isinstance(unit, Unit):
        return unit
    found = org.unit_of(org.id if unit is None else unit)
    if found is None and unit is not None:
        found = org.unit_of(unit, is_cell=True)
    if found is None:
        msg = f"không có đơn vị {unit!r} / no unit {unit!r}"
        raise KeyError(msg)
    return found


def admission_breakdown(
    dataset: Dataset,
    year: int,
    *,
    unit: Unit | str | None = None,
    as_of: date | None = None,
    count_by: CountBy = CountBy.DECISION,
    items: Sequence[Admission] | None = None,
) -> Breakdown:
    """Break down *year*'s admissions of one unit (default: the whole tree).

    Args:
        dataset: the dataset.
        year: the year.
        unit: the unit, or an organisation's (else a cell's) id.
        as_of: count only admissions up to this day (default: 31 December).
        count_by: which date places an admission in a year.
        items: precomputed :func:`~dangvien.quotas.fulfilment.admissions`.

    Raises:
        KeyError: for an id that is no unit of the tree.

    """
    return breakdowns(dataset, year, units=[unit], as_of=as_of, count_by=count_by, items=items)[0]


def breakdowns(
    dataset: Dataset,
    year: int,
    *,
    organization: str | None = None,
    cells: bool = False,
    units: Iterable[Unit | str | None] | None = None,
    as_of: date | None = None,
    count_by: CountBy = CountBy.DECISION,
    items: Sequence[Admission] | None = None,
) -> tuple[Breakdown, ...]:
    """Break down *year*'s admissions of every unit of an organisation, in tree order.

    Args:
        dataset: the dataset.
        year: the year.
        organization: the organisation (default: the root); it and every
            organisation below it get a table.
        cells: give each cell a table too.
        units: these units instead (units or ids).
        as_of: count only admissions up to this day (default: 31 December).
        count_by: which date places an admission in a year.
        items: precomputed :func:`~dangvien.quotas.fulfilment.admissions`.

    """
    day = as_of or date(year, 12, 31)
    root = dataset.organization
    found = admissions(dataset, count_by=count_by, as_of=day) if items is None else items
    facts = _facts(dataset, [a for a in found if a.year == year and a.date <= day])
    if units is not None:
        chosen = [_unit(root, u) for u in units]
    else:
        top = root if organization is None else root.find(organization)
        if top is None:
            msg = f"không có tổ chức {organization!r} / no organisation {organization!r}"
            raise KeyError(msg)
        chosen = [u for u in top.units() if cells or not u.is_cell]
    out: list[Breakdown] = []
    for unit in chosen:
        ids = {c.id for c in root.cells_under(unit.id, is_cell=unit.is_cell)}
        mine = [f for f in facts if f.cell in ids]
        out.append(_table(unit, year, day, count_by, mine))
    return tuple(out)
