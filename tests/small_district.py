"""A small district shared by the tests of levels and of the report at every level.

Two communes and a school's grassroots committee: Xã Một (cells c11, c12),
Xã Hai (c21) and the school G (g1).  Admissions by decision date: c11 two in
2024 (10/3, 20/8) and one in 2023 (1/7), c12 one (5/5/2024), c21 one
(15/6/2024), nobody in g1.  Everyone admitted is a woman born 1/1/1995,
admitted by a lawful procedure voted 30 days before the decision and with
the ceremony 10 days after it.  Each test module builds its own district
(and province) over these units.
"""

from __future__ import annotations

from datetime import date, timedelta

from tests.common import admission

from dangvien.model.org import Cell, CellKind, Organization, OrgKind, OrgLevel
from dangvien.model.people import Person, Sex
from dangvien.model.plan import AdmissionTarget, Plan, PlanPeriod
from dangvien.model.register import Record

X1 = Organization(
    "x1",
    "Đảng bộ xã Một",
    OrgLevel.COMMUNE,
    aliases=("Xã Một",),
    cells=(Cell("c11", "Xóm Mười Một"), Cell("c12", "Xóm Mười Hai")),
)
X2 = Organization(
    "x2",
    "Đảng bộ xã Hai",
    OrgLevel.COMMUNE,
    aliases=("Xã Hai",),
    cells=(Cell("c21", "Xóm Hai Mốt"),),
)
G = Organization(
    "g",
    "Đảng bộ Trường THPT",
    OrgLevel.GRASSROOTS,
    kind=OrgKind.SCHOOL,
    aliases=("Trường THPT",),
    cells=(Cell("g1", "Chi bộ Giáo viên", CellKind.SCHOOL),),
)


def admitted(pid: str, cell: str, decision: date) -> Record:
    events = admission(
        decision - timedelta(days=30),
        cell=cell,
        decision=decision,
        ceremony=decision + timedelta(days=10),
    )
    return Record(
        Person(pid, f"Người Thử Nghiệm {pid}", date(1995, 1, 1), Sex.FEMALE, cell=cell), events
    )


RECORDS = (
    admitted("A1", "c11", date(2024, 3, 10)),
    admitted("A2", "c11", date(2024, 8, 20)),
    admitted("A3", "c12", date(2024, 5, 5)),
    admitted("A4", "c21", date(2024, 6, 15)),
    admitted("A0", "c11", date(2023, 7, 1)),
)


def plan(pid: str, org: str, *rows: AdmissionTarget, **kw: object) -> Plan:
    return Plan(
        pid,
        f"{pid}-KH",
        date(2024, 1, 10),
        "BTV",
        org,
        "Kế hoạch",
        PlanPeriod(2024, 2025),
        admission_targets=rows,
        **kw,
    )  # type: ignore[arg-type]
