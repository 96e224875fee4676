"""The synthetic district example: regenerable, lawful, and its planned departures found.

Every number below comes from the generator's design (``generate_district``):
communes 3, 8 and 14 plan less than allocated, 11 more, 6 states only a
headline, 17 has no plan, 9 misprints a cell, 12 leaves its health station
out; the district's nine-month report is wrong in three places.
"""

from __future__ import annotations

import csv
import importlib.util
import io
from datetime import date
from pathlib import Path

import pytest

import dangvien
from dangvien.findings import Severity
from dangvien.io import load_dataset, read_dataset
from dangvien.model import Dataset, OrgLevel
from dangvien.quotas import (
    GroupBy,
    Source,
    breakdowns,
    fulfilment_by_level,
    plan_sums,
    subtotals,
)
from dangvien.report import UnitLevel, build_report
from dangvien.rules import AsOfSource

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "district"
SCRIPT = ROOT / "scripts" / "make_district.py"
AS_OF = date(2024, 12, 31)


@pytest.fixture(scope="module")
def district() -> Dataset:
    return load_dataset(EXAMPLE)


def _script():
    spec = importlib.util.spec_from_file_location("make_district", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_files_equal_a_fresh_generation() -> None:
    """The four files are byte for byte what make_district.py writes now."""
    assert 0 == _script()._check()


def test_small_on_disk_and_clean_to_read() -> None:
    """Under 3 MB in all, read without a single issue."""
    assert sum(p.stat().st_size for p in EXAMPLE.iterdir() if p.suffix in (".toml", ".csv")) < 3e6
    assert () == tuple(read_dataset(EXAMPLE).issues)


def test_tree(district: Dataset) -> None:
    """Province → district → 20 communes and a grassroots committee, and a grassroots cell."""
    (h,) = district.organization.children
    assert OrgLevel.DISTRICT == h.level
    levels = [c.level for c in h.children]
    assert (20, 1) == (levels.count(OrgLevel.COMMUNE), levels.count(OrgLevel.GRASSROOTS))
    assert 1 == len(h.cells)


def test_register_is_lawful(district: Dataset) -> None:
    """The register breaks no rule: no violation, and the only warnings are plan checks."""
    legal = ("admission", "timeline", "membership", "organization")
    found = dangvien.check(district, as_of=AS_OF, topics=legal)
    assert [] == [f for f in found if f.severity in (Severity.VIOLATION, Severity.WARNING)]


def test_planned_departures_found(district: Dataset) -> None:
    """Allocation: 3, 8, 14 below (warnings), 11 above (information); 9's misprint; 9's and
    12's cells without a row; the report's total, units and one percentage."""
    found = dangvien.check(district, as_of=AS_OF, topics=["plan"])
    alloc = sorted((f.subject, f.severity.value) for f in found if f.rule == "PLAN-ALLOCATION")
    assert [("kh-x03", "warning"), ("kh-x08", "warning"), ("kh-x11", "info"),
            ("kh-x14", "warning")] == alloc  # fmt: skip
    assert ["kh-x09"] == [f.subject for f in found if f.rule == "PLAN-UNKNOWN-CELL"]
    assert ["x09-cb2", "x12-yt"] == sorted(
        f.subject for f in found if f.rule == "PLAN-CELL-NO-TARGET"
    )
    claims = sorted(f.rule for f in found if f.rule.startswith(("PLAN-CLAIM", "PLAN-STATED")))
    assert ["PLAN-CLAIM-PERCENT", "PLAN-CLAIM-UNITS", "PLAN-STATED-TOTAL"] == claims
    assert [] == [f for f in found if f.rule == "PLAN-HEADLINE-SUM"]


def test_every_level_measured(district: Dataset) -> None:
    """The district's plan, then the 19 communes' plans (17 has none): 20 plans, from the
    register; the district's rows are its 22 units, their achievements add up to its own."""
    levels = fulfilment_by_level(district, 2024, as_of=AS_OF)
    assert 20 == len(levels)
    top = levels[0]
    assert ("kh-huyen-tn", Source.REGISTER, 22) == (top.plan, top.source, len(top.rows))
    assert top.total.achieved == sum(r.achieved or 0 for r in top.rows)
    assert all(p.organization.level is OrgLevel.COMMUNE for p in levels[1:])


def test_subtotals_cover_the_rows(district: Dataset) -> None:
    """By level: the grassroots cell (listed first, as the district's own cell), the communes,
    the grassroots committee; their targets add up to the total."""
    top = fulfilment_by_level(district, 2024, as_of=AS_OF)[0]
    groups = subtotals(top.rows, district.organization, GroupBy.LEVEL)
    assert ["cell", "COMMUNE", "GRASSROOTS"] == [g.key for g in groups]
    assert top.total.target == sum(g.target or 0 for g in groups)


def test_plan_sums(district: Dataset) -> None:
    """2024: three communes below their allocation, one above; commune 17 and the agencies'
    committee have no plan of their own (the grassroots cell has none: cells have no plans)."""
    sums = [s for s in plan_sums(district, district.plans[0]) if s.year == 2024]
    assert (3, 1, 2) == (sum(s.below for s in sums), sum(s.above for s in sums),
                         sum(s.lower_plan is None for s in sums))  # fmt: skip


def test_breakdowns_add_up(district: Dataset) -> None:
    """The district's 2024 admissions are the sum of its units'; some are women and some
    of ethnic minorities (the upland communes)."""
    tables = breakdowns(district, 2024, organization="huyen-tn")
    top, *below = tables
    assert (
        top.total
        == sum(b.total for b in below) + breakdowns(district, 2024, units=["thpt"])[0].total
    )
    assert top.count("women") > 0
    assert top.count("ethnic_minority") > 0


@pytest.mark.parametrize(("communes", "end"), [(19, 2024), (20, 2023)])
def test_generator_refuses_too_small_or_too_short(communes: int, end: int) -> None:
    """Fewer than 20 communes, or history ending before the 2024 report, is refused."""
    from dangvien.synthetic import generate_district

    with pytest.raises(ValueError, match="need"):
        generate_district(seed=1, communes=communes, end=end)


def test_report_shows_its_own_year_at_every_level(district: Dataset) -> None:
    """With no --as-of the report takes the example's own date (31/12/2025), whatever today
    is, and the district's plan (the province has none): 22 rows, a total of 111 (the table's
    sum), the district, its communes and their cells each against its own target, and the
    communes whose plans do not add up flagged: 3, 8 and 14 below (warnings), 11 above.

    The 2025 admissions are counted here from events.csv itself, not by dangvien: every
    ``admission_decision`` row dated 2025.
    """
    with (EXAMPLE / "events.csv").open(encoding="utf-8-sig", newline="") as f:
        decided = sum(
            1 for row in csv.DictReader(f)
            if row["type"] == "admission_decision" and row["date"].startswith("2025")
        )  # fmt: skip
    report = build_report(district)
    assert (date(2025, 12, 31), AsOfSource.DATASET, 2025) == (
        report.as_of.date, report.as_of.source, report.year,
    )  # fmt: skip
    assert ("kh-huyen-tn", 22, 111, decided) == (
        report.plan.id if report.plan else None, len(report.rows), report.target, report.admitted,
    )  # fmt: skip
    levels = {row.level for row in report.levels}
    assert {UnitLevel.DISTRICT, UnitLevel.COMMUNE, UnitLevel.CELL} <= levels
    flagged = {
        row.unit: [f.severity.value for f in row.findings] for row in report.levels if row.findings
    }
    assert {"x03": ["warning"], "x08": ["warning"], "x11": ["info"], "x14": ["warning"]} == flagged
    x03 = report.level("x03")
    assert x03 is not None
    # Commune 3: the district allocates 6 a year, its own plan 4; its target is its own.
    assert (6, 4, 4) == (x03.allocated, x03.planned, x03.target)


def test_report_text_in_the_chosen_style() -> None:
    """`dangvien report examples/district --decimals 2 --rounding truncate`: the district's
    85 of 111 is 76,576…%, printed 76,57% (half up it would be 76,58%; the default prints
    76,6%), the dataset's own date named, commune 3 marked ▼."""
    from dangvien.cli import main

    out = io.StringIO()
    assert 0 == main(["report", str(EXAMPLE), "--decimals", "2", "--rounding", "truncate"], out)
    text = out.getvalue()
    assert "(ngày số liệu của bộ dữ liệu)" in text
    assert "76,57%" in text
    assert "  Đảng bộ xã Thử Nghiệm 03 ▼" in text
