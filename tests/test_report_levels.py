"""The report at every level: the plan it picks, each level's own target, flags, subtotals,
published figures, breakdowns and percentages as offices write them.

The tree: Đảng bộ tỉnh T → Đảng bộ huyện H → Xã Một (cells c11, c12), Xã Hai (c21) and a
school's grassroots committee G (cell g1).  The province has no plan.  The district's plan
kh-h allocates Xã Một 5, Xã Hai 2, the school "từ 1" (at least 1): 8 in all.  Xã Một's own
plan kh-x1 gives c11 3 and c12 1, 4 in all (below its 5: a PLAN-ALLOCATION warning); Xã
Hai's kh-x2 gives c21 2 (its allocation).  Admissions by decision date in 2024: c11 two
(10/3, 20/8), c12 one (5/5), c21 one (15/6); one in c11 in 2023 (1/7).  Everyone admitted
is a woman born 1/1/1995 (29 at each 2024 decision).  The district's year-end report of
31/12/2024 states "kết nạp được 5" (wrong: 4) and "đạt 50%" (right: 4/8).
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from tests.common import admission

from dangvien.cli import EXIT_OK, EXIT_USAGE, main
from dangvien.io import save_dataset
from dangvien.model.org import Cell, CellKind, Organization, OrgKind, OrgLevel
from dangvien.model.people import Person, Sex
from dangvien.model.plan import (
    AdmissionTarget,
    Claim,
    Plan,
    PlanPeriod,
    ResultReport,
    Rounding,
    TargetRange,
)
from dangvien.model.register import Dataset, Record
from dangvien.output import dumps
from dangvien.quotas import PercentStyle, Section, top_plan
from dangvien.report import Report, TargetFrom, build_report, render
from dangvien.rules import AsOf, AsOfSource

X1 = Organization("x1", "Đảng bộ xã Một", OrgLevel.COMMUNE, aliases=("Xã Một",),
                  cells=(Cell("c11", "Xóm Mười Một"), Cell("c12", "Xóm Mười Hai")))  # fmt: skip
X2 = Organization("x2", "Đảng bộ xã Hai", OrgLevel.COMMUNE, aliases=("Xã Hai",),
                  cells=(Cell("c21", "Xóm Hai Mốt"),))  # fmt: skip
G = Organization(
    "g", "Đảng bộ Trường THPT", OrgLevel.GRASSROOTS, kind=OrgKind.SCHOOL, aliases=("Trường THPT",),
    cells=(Cell("g1", "Chi bộ Giáo viên", CellKind.SCHOOL),),
)  # fmt: skip
H = Organization("h", "Đảng bộ huyện H", OrgLevel.DISTRICT, children=(X1, X2, G))
T = Organization("t", "Đảng bộ tỉnh T", OrgLevel.PROVINCE, children=(H,))
END = date(2024, 12, 31)


def admitted(pid: str, cell: str, decision: date) -> Record:
    events = admission(decision - timedelta(days=30), cell=cell, decision=decision,
                       ceremony=decision + timedelta(days=10))  # fmt: skip
    return Record(Person(pid, f"Người Thử Nghiệm {pid}", date(1995, 1, 1), Sex.FEMALE,
                         cell=cell), events)  # fmt: skip


RECORDS = (
    admitted("A1", "c11", date(2024, 3, 10)),
    admitted("A2", "c11", date(2024, 8, 20)),
    admitted("A3", "c12", date(2024, 5, 5)),
    admitted("A4", "c21", date(2024, 6, 15)),
    admitted("A0", "c11", date(2023, 7, 1)),
)


def plan(pid: str, org: str, *rows: AdmissionTarget, **kw: object) -> Plan:
    return Plan(pid, f"{pid}-KH", date(2024, 1, 10), "BTV", org, "Kế hoạch",
                PlanPeriod(2024, 2025), admission_targets=rows, **kw)  # type: ignore[arg-type]  # fmt: skip


YEAR_END = ResultReport(
    date=END, as_of=END, number="9-BC/HU", rounding=Rounding.HALF_UP,
    claims=(Claim("kết nạp được 5 đảng viên", admitted=5), Claim("đạt 50%", percent="50")),
)  # fmt: skip
DISTRICT = plan("kh-h", "h", AdmissionTarget("Xã Một", 5), AdmissionTarget("Xã Hai", 2),
                AdmissionTarget("Trường THPT", bounds=TargetRange(1)),
                reports=(YEAR_END,))  # fmt: skip
ONE = plan("kh-x1", "x1", AdmissionTarget("Xóm Mười Một", 3), AdmissionTarget("Xóm Mười Hai", 1))
TWO = plan("kh-x2", "x2", AdmissionTarget("Xóm Hai Mốt", 2))
DS = Dataset(T, plans=(DISTRICT, ONE, TWO), records=RECORDS, data_as_of=END)


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(DS)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("district")
    save_dataset(DS, path)
    return path


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


class TestAsOf:
    def test_the_datasets_own_date(self, report: Report) -> None:
        """No --as-of: the dataset's data_as_of (31/12/2024), said to be the dataset's own."""
        assert AsOf(END, AsOfSource.DATASET) == report.as_of
        assert 2024 == report.year

    def test_the_command_says_where_the_date_came_from(self, folder: Path) -> None:
        """The header names the dataset's date, or --as-of when given: never "as given"
        for a date the user did not give."""
        code, text = run("report", str(folder), "--lang", "en")
        assert EXIT_OK == code
        assert "Data as of 31/12/2024 (the dataset's own date)" in text
        code, text = run("report", str(folder), "--lang", "en", "--as-of", "2024-12-30")
        assert "Data as of 30/12/2024 (as given)" in text

    def test_today_without_a_date(self) -> None:
        """Neither --as-of nor data_as_of: today, and the report says so."""
        undated = Dataset(T, plans=(DISTRICT,), records=RECORDS)
        assert AsOfSource.TODAY == build_report(undated, year=2024).as_of.source


class TestPlanChoice:
    def test_nearest_level_with_a_plan(self, report: Report) -> None:
        """The province has no plan: the district's, one level down, not the latest (kh-x1
        and kh-x2 are dated the same day and are lower)."""
        assert ("kh-h", "h") == (report.plan.id if report.plan else None, report.organization.id)

    def test_the_roots_own_plan_first(self) -> None:
        """A province plan, dated before the district's, is still the one reported on."""
        province = Plan("kh-t", "1-KH/TU", date(2023, 12, 1), "BTV", "t", "Kế hoạch",
                        PlanPeriod(2024, 2025), headline=TargetRange(10))  # fmt: skip
        ds = Dataset(T, plans=(DISTRICT, ONE, TWO, province), records=RECORDS, data_as_of=END)
        r = build_report(ds)
        assert ("kh-t", "t") == (r.plan.id if r.plan else None, r.organization.id)
        assert province == top_plan(ds, 2024)

    def test_two_communes_and_no_district_plan(self) -> None:
        """Without the district's plan two communes each have one: no single plan, the
        report is the root's, its rows the units below it."""
        ds = Dataset(T, plans=(ONE, TWO), records=RECORDS, data_as_of=END)
        r = build_report(ds)
        assert (None, "t", ["h"]) == (r.plan, r.organization.id, [row.unit for row in r.rows])

    def test_org_reports_on_a_subtree(self) -> None:
        """--org x1: Xã Một's own plan; its cells as rows, its district above it."""
        r = build_report(DS, organization="x1")
        assert ("kh-x1", ["c11", "c12"]) == (r.plan.id if r.plan else None,
                                             [row.unit for row in r.rows])  # fmt: skip
        assert r.superior is not None
        assert "h" == r.superior.id
        assert ["x1", "c11", "c12"] == [row.unit for row in r.levels]

    def test_unknown_plan_names_the_nearest(self, folder: Path, capsys) -> None:
        """--plan kh-x3 exits 2 and names the plans closest first (difflib's ratio: kh-x2 and
        kh-x1 share 4 of 5 characters, kh-h 3)."""
        code, _ = run("report", str(folder), "--plan", "kh-x3", "--lang", "en")
        err = capsys.readouterr().err
        assert EXIT_USAGE == code
        assert "no plan “kh-x3”; nearest: kh-x2, kh-x1, kh-h" in err

    def test_unknown_org_names_the_nearest(self, folder: Path, capsys) -> None:
        """--org xa1 exits 2 and names x1; --org q, like nothing, lists the organisations."""
        code, _ = run("report", str(folder), "--org", "xa1", "--lang", "en")
        assert EXIT_USAGE == code
        assert "no party organisation “xa1”; nearest: x1" in capsys.readouterr().err
        code, _ = run("report", str(folder), "--org", "q", "--lang", "en")
        assert EXIT_USAGE == code
        assert "the organisations are: g, h, t, x1, x2" in capsys.readouterr().err

    def test_plan_of_another_org_is_refused(self, folder: Path, capsys) -> None:
        """--plan kh-x2 --org x1: the plan is Xã Hai's, exit 2."""
        code, _ = run("report", str(folder), "--plan", "kh-x2", "--org", "x1")
        assert EXIT_USAGE == code
        assert "kh-x2" in capsys.readouterr().err


class TestEveryLevel:
    def test_the_plans_rows_are_its_units(self, report: Report) -> None:
        """Xã Một 3 of 5 (60%), Xã Hai 1 of 2 (50%), the school 0 of "từ 1" (0%); the whole
        district 4 of 8 (50%)."""
        got = [(r.unit, r.year.target, r.year.admitted, r.year.percent) for r in report.rows]
        assert [("x1", 5, 3, 60), ("x2", 2, 1, 50), ("g", 1, 0, 0)] == got
        assert (8, 4, 50) == (report.target, report.admitted, report.percent)

    def test_cumulative_runs_over_the_plans_years(self, report: Report) -> None:
        """The plan starts in 2024: cumulative 2024–2024, the 2023 admission left out."""
        c = report.rows[0].cumulative
        assert c is not None
        assert (2024, 2024, 5, 3) == (c.first_year, c.last_year, c.target, c.admitted)

    def test_each_level_has_its_own_target(self, report: Report) -> None:
        """District 4/8 (own plan); Xã Một 3 against its own 4 (75%), allocated 5; its cells
        2/3 and 1/1 (allocated by kh-x1); Xã Hai 1/2; the school 0 of its allocation 1;
        its cell g1 no target."""
        got = [
            (r.unit, r.allocated, r.planned, r.target, r.target_from, r.admitted, r.percent)
            for r in report.levels
        ]
        own, alloc, none = TargetFrom.OWN_PLAN, TargetFrom.ALLOCATION, TargetFrom.NONE
        assert [
            ("h", None, 8, 8, own, 4, 50),
            ("x1", 5, 4, 4, own, 3, 75),
            ("c11", 3, None, 3, alloc, 2, Fraction(200, 3)),
            ("c12", 1, None, 1, alloc, 1, 100),
            ("x2", 2, 2, 2, own, 1, 50),
            ("c21", 2, None, 2, alloc, 1, 50),
            ("g", 1, None, 1, alloc, 0, 0),
            ("g1", None, None, None, none, 0, None),
        ] == got
        assert ["kh-h", "kh-x1", "kh-x1"] == [r.allocated_by for r in report.levels[1:4]]

    def test_the_commune_below_its_allocation_is_flagged(self, report: Report) -> None:
        """Only Xã Một carries a PLAN-ALLOCATION finding: its 4 are 1 short of the 5 given."""
        flagged = {r.unit: [(f.rule, f.severity.value, f.subject) for f in r.findings]
                   for r in report.levels if r.findings}  # fmt: skip
        assert {"x1": [("PLAN-ALLOCATION", "warning", "kh-x1")]} == flagged

    def test_subtotals_by_level_and_kind(self, report: Report) -> None:
        """By level: the communes 5 + 2 = 7 with 3 + 1 = 4 admitted; the grassroots
        committee 1 with 0.  By kind: territorial 7/4, schools 1/0."""
        by_level = [(s.key, s.units, s.target, s.achieved)
                    for s in report.subtotals if s.by.value == "level"]  # fmt: skip
        assert [("COMMUNE", 2, 7, 4), ("GRASSROOTS", 1, 1, 0)] == by_level
        by_kind = [(s.key, s.target, s.achieved)
                   for s in report.subtotals if s.by.value == "kind"]  # fmt: skip
        assert [("TERRITORIAL", 7, 4), ("SCHOOL", 1, 0)] == by_kind

    def test_text_shows_every_level_and_the_flag(self, report: Report) -> None:
        """The levels table indents each level under its parent and marks Xã Một ▼."""
        text = render(report, "text", lang="en")
        assert "  Đảng bộ xã Một ▼" in text
        assert "    Xóm Mười Một" in text
        assert "2. Fulfilment at every level" in text


class TestPublishedFigures:
    def test_claims_checked(self, report: Report) -> None:
        """«kết nạp được 5»: dangvien counts 4, disagrees; «đạt 50%»: 4 of 8 = 50%, agrees."""
        got = [(c.claim.text, c.kind.value, c.computed, c.agrees) for c in report.claims]
        assert ("kết nạp được 5 đảng viên", "count", 4, False) == got[0]
        assert ("đạt 50%", "percent", True) == (got[1][0], got[1][1], got[1][3])

    def test_text_states_each_verdict(self, report: Report) -> None:
        """Each figure is printed beside dangvien's, with its verdict."""
        text = " ".join(str(render(report, "text", lang="vi")).split())
        assert "«kết nạp được 5 đảng viên»: ghi 5, dangvien tính được 4: KHÔNG KHỚP" in text
        assert "«đạt 50%»: ghi 50%, dangvien tính được 50%: khớp" in text


class TestBreakdowns:
    def test_the_district_and_each_unit(self, report: Report) -> None:
        """The district 4 (all women, all aged 18–30), then Xã Một 3, Xã Hai 1, the school 0."""
        got = [(b.unit.id, b.total, b.count("women"), b.count("age:18-30"))
               for b in report.breakdowns]  # fmt: skip
        assert [("h", 4, 4, 4), ("x1", 3, 3, 3), ("x2", 1, 1, 1), ("g", 0, 0, 0)] == got

    def test_in_every_format(self, report: Report) -> None:
        """Text prints the women's share (4 of 4 = 100,0%), the JSON the exact share, the web
        page and the workbook a table per section."""
        text = render(report, "text", lang="vi")
        assert "Cơ cấu đảng viên mới kết nạp năm 2024" in text
        assert "nữ 100,0%" in text
        data = json.loads(dumps(report))
        women = next(r for r in data["breakdowns"][0]["rows"] if r["key"] == "women")
        assert (4, "1") == (women["count"], women["share"])
        html = render(report, "html", lang="en")
        assert "New members in 2024: age" in html

    def test_frames(self, report: Report) -> None:
        """breakdown_frame and levels_frame take the report."""
        pytest.importorskip("polars")
        from dangvien import frames

        df = frames.breakdown_frame(report)
        assert {"h", "x1", "x2", "g"} == set(df["unit"])
        levels = frames.levels_frame(report)
        assert ["h", "x1", "c11"] == levels["unit"].to_list()[:3]
        assert "warning" == levels.filter(levels["unit"] == "x1")["flag"][0]


class TestPercentages:
    def test_default_one_decimal_half_up(self, report: Report) -> None:
        """c11: 2 of 3 = 66,666…% prints 66,7% (Vietnamese comma), 66.7% in English."""
        assert "66,7%" in render(report, "text", lang="vi")
        assert "66.7%" in render(report, "text", lang="en")

    @pytest.mark.parametrize(
        ("decimals", "rounding", "shown"),
        [("2", "half-up", "66,67%"), ("2", "truncate", "66,66%"), ("0", "half-even", "67%")],
    )
    def test_decimals_and_rounding(
        self, folder: Path, decimals: str, rounding: str, shown: str
    ) -> None:
        """--decimals and --rounding: 66,666…% is 66,67% half up, 66,66% truncated, 67% whole."""
        code, text = run("report", str(folder), "--decimals", decimals, "--rounding", rounding)
        assert EXIT_OK == code
        assert shown in text

    def test_json_keeps_exact_fractions(self, folder: Path) -> None:
        """Whatever the printing, the JSON holds 200/3 for c11 and states the style."""
        _, out = run("report", str(folder), "--format", "json", "--decimals", "2",
                        "--rounding", "truncate")  # fmt: skip
        data = json.loads(out)
        c11 = next(r for r in data["levels"] if r["unit"] == "c11")
        assert ("200/3", {"places": 2, "rounding": "truncate"}) == (c11["percent"], data["style"])

    def test_the_legend_states_the_style(self) -> None:
        """The units table's legend says how percentages are rounded."""
        r = build_report(DS, style=PercentStyle(2, Rounding.TRUNCATE))
        text = " ".join(str(render(r, "text", lang="en")).split())
        assert "Percentages truncated to 2 decimals." in text


def test_every_section_of_the_breakdown_in_the_workbook(report: Report, tmp_path: Path) -> None:
    """One sheet per breakdown section, a row per unit."""
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "r.xlsx"
    path.write_bytes(render(report, "xlsx", lang="vi"))  # type: ignore[arg-type]
    wb = openpyxl.load_workbook(path)
    assert 7 == sum(name.startswith("ĐV mới") for name in wb.sheetnames)
    ws = wb["ĐV mới - trong đó"]
    names = [ws.cell(row=r, column=1).value for r in range(6, 10)]
    assert ["Đảng bộ huyện H", "Đảng bộ xã Một", "Đảng bộ xã Hai", "Đảng bộ Trường THPT"] == names
    assert len(Section) == 7
