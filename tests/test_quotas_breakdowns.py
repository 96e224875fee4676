"""New members broken down as biểu 2-BTCTW does, at every level.

Admitted in 2024 (decision dates, ages in full years on that day):
- W1 in c11: woman, Tày, Buddhist, Youth Union member, farmer, 24 → 18–30;
- M1 in c11: man, Kinh, no religion, not in the Youth Union, teacher (public
  employee, university), 33 → 31–35;
- M2 in c21: man, Kinh, religion and Youth Union not recorded, 61 → over 60;
  admitted once before (2010) and re-admitted.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from tests.common import admission

from dangvien.model import events as ev
from dangvien.model.org import Cell, Organization, OrgLevel
from dangvien.model.people import Occupation, Person, Qualification, Religion, Sex
from dangvien.model.register import Dataset, Record
from dangvien.quotas import Section, admission_breakdown, breakdowns

X1 = Organization("x1", "Đảng bộ xã Một", OrgLevel.COMMUNE, cells=(Cell("c11", "Xóm Một"),))
X2 = Organization("x2", "Đảng bộ xã Hai", OrgLevel.COMMUNE, cells=(Cell("c21", "Xóm Hai"),))
H = Organization("h", "Đảng bộ huyện Thử Nghiệm", OrgLevel.DISTRICT, children=(X1, X2))


def rec(person: Person, decision: date, *before: ev.Event) -> Record:
    events = admission(
        decision - timedelta(days=30),
        cell=person.cell or "",
        decision=decision,
        ceremony=decision + timedelta(days=10),
    )
    return Record(person, (*before, *events))


W1 = Person(
    "W1",
    "Người Thử Nghiệm W1",
    date(2000, 1, 1),
    Sex.FEMALE,
    ethnicity="Tày",
    cell="c11",
    religion=Religion.BUDDHISM,
    youth_union=True,
    occupation=Occupation.FARMER,
)
M1 = Person(
    "M1",
    "Người Thử Nghiệm M1",
    date(1991, 1, 1),
    Sex.MALE,
    cell="c11",
    religion=Religion.NONE,
    youth_union=False,
    occupation=Occupation.PUBLIC_EMPLOYEE,
    qualification=Qualification.UNIVERSITY,
)
M2 = Person("M2", "Người Thử Nghiệm M2", date(1963, 1, 1), Sex.MALE, cell="c21")
EARLIER = (
    ev.AdmissionDecision(date=date(2010, 5, 1)),
    ev.AdmissionCeremony(date=date(2010, 5, 20), cell="c21"),
    ev.Removed(date=date(2015, 1, 1), reason=ev.RemovalReason.MISSED_ACTIVITIES),
)
DS = Dataset(
    H,
    records=(
        rec(W1, date(2024, 3, 1)),  # 24 years 2 months
        rec(M1, date(2024, 6, 1)),  # 33 years 5 months
        rec(M2, date(2024, 9, 1), *EARLIER),  # 61 years 8 months
    ),
)


class TestBreakdown:
    def test_of_which_rows(self) -> None:
        """Of 3: 1 woman, 1 ethnic minority, 1 religious follower (1 not recorded), 1 Youth
        Union member (1 not recorded), 1 re-admission."""
        b = admission_breakdown(DS, 2024)
        assert 3 == b.total
        got = {r.key: (r.count, r.unknown) for r in b.section(Section.OF_WHICH)}
        assert {
            "women": (1, 0),
            "ethnic_minority": (1, 0),
            "religious": (1, 1),
            "youth_union": (1, 1),
            "readmitted": (1, 0),
        } == got

    def test_age_bands_and_average(self) -> None:
        """24 → 18–30, 33 → 31–35, 61 → over 60; mean (24 + 33 + 61) / 3 = 118/3."""
        b = admission_breakdown(DS, 2024)
        assert (1, 1, 1, 0) == (
            b.count("age:18-30"),
            b.count("age:31-35"),
            b.count("age:61+"),
            b.count("age:36-40"),
        )
        assert Fraction(118, 3) == b.average_age
        assert b.row("age:<18") is None
        assert "trên 60 tuổi" == b.row("age:61+").label.vi

    def test_classes_not_recorded(self) -> None:
        """Occupation: a farmer, a public employee, one not recorded; qualification: one
        university, two not recorded."""
        b = admission_breakdown(DS, 2024)
        assert (1, 1, 1) == (
            b.count("occupation:FARMER"),
            b.count("occupation:PUBLIC_EMPLOYEE"),
            b.count("occupation:unknown"),
        )
        assert (1, 2) == (b.count("qualification:UNIVERSITY"), b.count("qualification:unknown"))
        assert "chưa ghi" == b.row("occupation:unknown").label.vi

    def test_ethnicity_and_religion(self) -> None:
        """Kinh 2 first, then Tày 1; Buddhism 1, none 1, not recorded 1; shares exact."""
        b = admission_breakdown(DS, 2024)
        assert [("ethnicity:Kinh", 2), ("ethnicity:Tày", 1)] == [
            (r.key, r.count) for r in b.section(Section.ETHNICITY)
        ]
        assert Fraction(2, 3) == b.row("ethnicity:Kinh").share
        assert (1, 1, 1) == (
            b.count("religion:BUDDHISM"),
            b.count("religion:NONE"),
            b.count("religion:unknown"),
        )

    def test_every_level(self) -> None:
        """District 3; Xã Một 2 (W1, M1); Xã Hai 1 (M2); with cells, Xóm Một 2 and Xóm Hai 1."""
        assert [("h", 3), ("x1", 2), ("x2", 1)] == [
            (b.unit.id, b.total) for b in breakdowns(DS, 2024)
        ]
        with_cells = breakdowns(DS, 2024, organization="x1", cells=True)
        assert [("x1", 2), ("c11", 2)] == [(b.unit.id, b.total) for b in with_cells]

    def test_as_of_and_other_years(self) -> None:
        """As of 30/6/2024 two are admitted; 2023 has none; shares of an empty table are None."""
        assert 2 == admission_breakdown(DS, 2024, as_of=date(2024, 6, 30)).total
        empty = admission_breakdown(DS, 2023)
        assert (0, None) == (empty.total, empty.row("women").share)

    def test_no_register_gives_empty_tables(self) -> None:
        """Without a register there is nobody to break down: totals 0, no guess."""
        assert 0 == admission_breakdown(Dataset(H), 2024).total

    def test_unknown_unit(self) -> None:
        """An id that is no unit is refused."""
        with pytest.raises(KeyError):
            admission_breakdown(DS, 2024, unit="nowhere")
