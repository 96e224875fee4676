"""Fulfilment at every level: stacked plans, reports without a register, subtotals, rates.

The district below has two communes and a school's grassroots committee; its
plan gives targets to the three, and each commune's plan to its cells.
Admissions in 2024 (decision dates): c11 two (10/3, 20/8), c12 one (5/5),
c21 one (15/6); nobody in g1.  One admission in c11 in 2023 (1/7).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.small_district import RECORDS, X1, X2, G, plan

from dangvien.model.org import Organization, OrgLevel, OrgStatistics
from dangvien.model.plan import (
    AdmissionTarget,
    Plan,
    PlanPeriod,
    RateMeasure,
    RateTarget,
    ResultReport,
    Rounding,
    TargetRange,
    UnitResult,
)
from dangvien.model.register import Dataset
from dangvien.quotas import (
    DEFAULT_STYLE,
    GroupBy,
    PercentStyle,
    Source,
    format_percent,
    fulfilment_by_level,
    plan_fulfilment,
    plan_sums,
    rate_fulfilment,
    round_decimal,
    run_rate,
    subtotals,
)

H = Organization(
    "h",
    "Đảng bộ huyện Thử Nghiệm",
    OrgLevel.DISTRICT,
    children=(X1, X2, G),
    statistics=(OrgStatistics(date(2023, 12, 31), members=200),),
)


DISTRICT = plan(
    "kh-h",
    "h",
    AdmissionTarget("Xã Một", 5),
    AdmissionTarget("Xã Hai", 2),
    AdmissionTarget("Trường THPT", bounds=TargetRange(1)),
)
# Commune one plans 3 + 1 = 4 (below its 5); commune two plans exactly 2.
ONE = plan("kh-x1", "x1", AdmissionTarget("Xóm Mười Một", 3), AdmissionTarget("Xóm Mười Hai", 1))
TWO = plan("kh-x2", "x2", AdmissionTarget("Xóm Hai Mốt", 2))
DS = Dataset(H, plans=(DISTRICT, ONE, TWO), records=RECORDS)
END = date(2024, 12, 31)


class TestPlanFulfilment:
    def test_district_rows_count_through_each_unit(self) -> None:
        """Xã Một: c11 2 + c12 1 = 3 of 5 (60%); Xã Hai 1 of 2 (50%); the school 0 of ≥ 1."""
        pf = plan_fulfilment(DS, DISTRICT, 2024, as_of=END)
        got = [(r.unit.id, r.target, r.achieved, r.percent) for r in pf.rows if r.unit]
        assert [
            ("x1", 5, 3, Fraction(60)),
            ("x2", 2, 1, Fraction(50)),
            ("g", 1, 0, Fraction(0)),
        ] == got
        assert Source.REGISTER == pf.source

    def test_district_total(self) -> None:
        """The district: target 5 + 2 + "từ 1" = "từ 8"; 4 admitted in 2024 (the 2023 one not)."""
        pf = plan_fulfilment(DS, DISTRICT, 2024, as_of=END)
        assert (TargetRange(8), 4) == (pf.total.bounds, pf.total.achieved)
        assert "50,0%" == pf.total.display()

    def test_cell_rows_of_a_commune(self) -> None:
        """Commune one: Xóm Mười Một 2 of 3, Xóm Mười Hai 1 of 1 (met)."""
        pf = plan_fulfilment(DS, ONE, 2024, as_of=END)
        assert [("c11", 3, 2, False), ("c12", 1, 1, True)] == [
            (r.unit.id, r.target, r.achieved, r.met) for r in pf.rows if r.unit
        ]

    def test_as_of_cuts_the_count(self) -> None:
        """As of 30/6/2024, Xã Một has 2 (10/3 and 5/5); the 20/8 admission is not counted."""
        pf = plan_fulfilment(DS, DISTRICT, 2024, as_of=date(2024, 6, 30))
        assert 2 == pf.rows[0].achieved

    def test_untargeted_and_unknown_units_listed(self) -> None:
        """A plan naming only Xã Một lists Xã Hai and the school without a target, then the
        misprinted "Xã Ba" without a unit."""
        p = plan("kh", "h", AdmissionTarget("Xã Một", 5), AdmissionTarget("Xã Ba", 1))
        pf = plan_fulfilment(Dataset(H, plans=(p,), records=RECORDS), p, 2024, as_of=END)
        assert [("x1", 5), ("x2", None), ("g", None), (None, 1)] == [
            (r.unit.id if r.unit else None, r.target) for r in pf.rows
        ]
        assert "Xã Ba" == pf.rows[-1].name

    def test_headline_only_plan_is_its_target(self) -> None:
        """A plan stating only "phấn đấu kết nạp 10": the district's target is 10, 4 done (40%)."""
        p = Plan(
            "kh",
            "1-KH",
            date(2024, 1, 10),
            "BTV",
            "h",
            "KH",
            PlanPeriod(2024, 2024),
            headline=TargetRange.exactly(10),
        )
        pf = plan_fulfilment(Dataset(H, plans=(p,), records=RECORDS), p, 2024, as_of=END)
        assert ((), 10, 4, Fraction(40)) == (
            pf.rows,
            pf.total.target,
            pf.total.achieved,
            pf.total.percent,
        )

    def test_any_year(self) -> None:
        """A year outside the plan (2010) has no targets and no admissions, and does not fail."""
        pf = plan_fulfilment(DS, DISTRICT, 2010, as_of=date(2010, 12, 31))
        assert all(r.bounds is None for r in pf.rows)
        assert (None, 0) == (pf.total.bounds, pf.total.achieved)


class TestLevels:
    def test_every_plan_at_its_level(self) -> None:
        """The district's plan first, then each commune's: three plans, in tree order."""
        levels = fulfilment_by_level(DS, 2024, as_of=END)
        assert ["kh-h", "kh-x1", "kh-x2"] == [p.plan for p in levels]
        assert [OrgLevel.DISTRICT, OrgLevel.COMMUNE, OrgLevel.COMMUNE] == [
            p.organization.level for p in levels
        ]

    def test_later_plans_unknown_yet(self) -> None:
        """As of 5/1/2024 no plan is known (all dated 10/1/2024)."""
        assert () == fulfilment_by_level(DS, 2024, as_of=date(2024, 1, 5))


class TestWithoutRegister:
    REPORT = ResultReport(
        date=date(2024, 10, 5),
        as_of=date(2024, 9, 30),
        results=(UnitResult("Xã Một", 4), UnitResult("Xã Hai", 1)),
    )

    def test_report_figures_used(self) -> None:
        """No register: the report of 30/9 gives Xã Một 4 of 5 and Xã Hai 1 of 2; the school's
        figure is not printed (unknown); the total is the rows' sum, 5."""
        p = plan("kh", "h", *DISTRICT.admission_targets, reports=(self.REPORT,))
        pf = plan_fulfilment(Dataset(H, plans=(p,)), p, 2024, as_of=END)
        assert (Source.REPORT, date(2024, 9, 30)) == (pf.source, pf.as_of)
        assert [4, 1, None] == [r.achieved for r in pf.rows]
        assert 5 == pf.total.achieved

    def test_run_rate_to_the_year_end(self) -> None:
        """5 by 30/9/2024 (274 of 366 days) runs to 5 × 366 / 274 = 915/137 ≈ 6,7."""
        p = plan("kh", "h", *DISTRICT.admission_targets, reports=(self.REPORT,))
        pf = plan_fulfilment(Dataset(H, plans=(p,)), p, 2024, as_of=END)
        assert Fraction(915, 137) == pf.total.forecast

    def test_report_not_known_before_its_date(self) -> None:
        """As of 1/10/2024 the report of 5/10 is not known: no data at all."""
        p = plan("kh", "h", *DISTRICT.admission_targets, reports=(self.REPORT,))
        pf = plan_fulfilment(Dataset(H, plans=(p,)), p, 2024, as_of=date(2024, 10, 1))
        assert Source.NONE == pf.source
        assert all(r.achieved is None and r.percent is None for r in pf.rows)


class TestRunRate:
    def test_before_during_after(self) -> None:
        """Before 1 January: None; on 31 December: the count; on 1 July 2025 (182 of 365):
        91 × 365 / 182 = 182,5."""
        assert run_rate(3, date(2024, 12, 31), 2025) is None
        assert Fraction(3) == run_rate(3, date(2025, 12, 31), 2025)
        assert Fraction(365, 2) == run_rate(91, date(2025, 7, 1), 2025)

    @given(st.integers(0, 5000), st.dates(date(2024, 1, 1), date(2024, 12, 31)))
    def test_never_below_the_count(self, n: int, day: date) -> None:
        """A run rate is at least what is already achieved."""
        rate = run_rate(n, day, 2024)
        assert rate is not None
        assert rate >= n


class TestSubtotals:
    def test_by_level_and_kind(self) -> None:
        """Communes: 5 + 2 = 7, 3 + 1 = 4 done; the school (grassroots committee): ≥ 1, 0 done."""
        pf = plan_fulfilment(DS, DISTRICT, 2024, as_of=END)
        by_level = subtotals(pf.rows, H, GroupBy.LEVEL)
        assert [("COMMUNE", 7, 4), ("GRASSROOTS", 1, 0)] == [
            (s.key, s.target, s.achieved) for s in by_level
        ]
        by_kind = subtotals(pf.rows, H, GroupBy.KIND)
        assert ["TERRITORIAL", "SCHOOL"] == [s.key for s in by_kind]
        assert "cấp xã" == by_level[0].label.vi

    def test_unknown_achievement_makes_the_group_unknown(self) -> None:
        """With the report lacking the school's figure, its group's achievement is unknown."""
        p = plan("kh", "h", *DISTRICT.admission_targets, reports=(TestWithoutRegister.REPORT,))
        pf = plan_fulfilment(Dataset(H, plans=(p,)), p, 2024, as_of=END)
        groups = {s.key: s for s in subtotals(pf.rows, H, GroupBy.LEVEL)}
        assert (5, None) == (groups["COMMUNE"].achieved, groups["GRASSROOTS"].achieved)


class TestPlanSums:
    def test_lower_plans_against_allocations(self) -> None:
        """2024: Xã Một plans 4 against 5 (below); Xã Hai 2 against 2; the school has no plan."""
        sums = [s for s in plan_sums(DS, DISTRICT) if s.year == 2024]
        assert [("x1", 5, 4, True), ("x2", 2, 2, False), ("g", 1, None, False)] == [
            (s.unit.id, s.allocated.low, s.planned.low if s.planned else None, s.below)
            for s in sums
        ]
        assert [-1, 0, None] == [s.difference for s in sums]


class TestRates:
    def test_admission_rate_from_the_register(self) -> None:
        """Members on 31/12/2023: A0 (admitted 1/7/2023) is probationary: 1.  Admissions of
        2024: 4.  Rate 400% against a 3–4% target: met."""
        p = plan(
            "kh", "h", rate_targets=(RateTarget(RateMeasure.ADMISSIONS_PER_MEMBERS, "3", "4"),)
        )
        (r,) = rate_fulfilment(Dataset(H, plans=(p,), records=RECORDS), p, 2024, as_of=END)
        assert (4, 1, Fraction(400), True) == (r.numerator, r.denominator, r.percent, r.met)

    def test_rates_from_a_report(self) -> None:
        """No register: 5 admitted (the rows' sum) over the 200 members stated on 31/12/2023 is
        2,5%, below 3%; hamlet heads 45 of 50 members is 90%."""
        report = ResultReport(
            date=date(2024, 10, 5),
            as_of=date(2024, 9, 30),
            results=(
                UnitResult("Xã Một", 4),
                UnitResult("Xã Hai", 1, hamlet_heads=50, hamlet_heads_members=45),
            ),
        )
        p = plan(
            "kh",
            "h",
            reports=(report,),
            rate_targets=(
                RateTarget(RateMeasure.ADMISSIONS_PER_MEMBERS, "3"),
                RateTarget(RateMeasure.HAMLET_HEADS, "100", unit="Xã Hai"),
            ),
        )
        admission_rate, heads = rate_fulfilment(Dataset(H, plans=(p,)), p, 2024, as_of=END)
        assert (Fraction(5, 2), False) == (admission_rate.percent, admission_rate.met)
        assert ("2,5%", Fraction(90)) == (admission_rate.display(), heads.percent)


class TestPercentStyle:
    def test_precision_and_rounding(self) -> None:
        """45,095 %: half up 45,10; half even 45,10; truncated 45,09; 0 decimals 45."""
        x = Fraction(45095, 1000)
        assert "45,10%" == format_percent(x, places=2)
        assert "45,10%" == format_percent(x, places=2, rounding=Rounding.HALF_EVEN)
        assert "45,09%" == format_percent(x, places=2, rounding=Rounding.TRUNCATE)
        assert "45%" == format_percent(x, places=0)
        assert "45.09%" == PercentStyle(2, Rounding.TRUNCATE).format(x, "en")

    def test_default_documented(self) -> None:
        """The default is one decimal, half up, and says so in both languages."""
        assert (1, Rounding.HALF_UP) == (DEFAULT_STYLE.places, DEFAULT_STYLE.rounding)
        assert "làm tròn nửa lên đến 1 chữ số thập phân" == DEFAULT_STYLE.label_vi
        assert "rounded half up to 1 decimal" == DEFAULT_STYLE.label_en

    def test_three_decimals_refused(self) -> None:
        """Offices print 0, 1 or 2 decimals."""
        with pytest.raises(ValueError, match="places must be 0, 1 or 2"):
            PercentStyle(3)

    @given(st.fractions(min_value=0, max_value=1000), st.integers(0, 2))
    def test_rounding_modes_bracket_the_value(self, x: Fraction, places: int) -> None:
        """Truncation never exceeds the value; the rounded values are within half a unit;
        half to even and half up differ only on a tie."""
        unit = Fraction(1, 10**places)
        t = round_decimal(x, places, Rounding.TRUNCATE)
        up = round_decimal(x, places, Rounding.HALF_UP)
        even = round_decimal(x, places, Rounding.HALF_EVEN)
        assert t <= x < t + unit
        assert abs(up - x) <= unit / 2
        assert abs(even - x) <= unit / 2
        assert up == even or abs(up - x) == unit / 2


def test_values_write_to_json() -> None:
    """Every value of the level functions goes through the one JSON path: targets as
    {low, high, above}, units as objects, exact percentages as fractions."""
    from dangvien.output import to_json
    from dangvien.quotas import organization_counts

    pf = plan_fulfilment(DS, DISTRICT, 2024, as_of=END)
    row = to_json(pf.rows[0])
    assert ({"low": 5, "high": 5, "above": False}, "x1", "60") == (
        row["bounds"],
        row["unit"]["id"],
        row["percent"],
    )
    groups = to_json(subtotals(pf.rows, H, GroupBy.KIND))
    assert "loại hình địa phương" == groups[0]["label"]["vi"]
    assert [2024, 2025] == sorted({s["year"] for s in to_json(plan_sums(DS, DISTRICT))})
    assert "listed" == to_json(organization_counts(DS, END))[0]["structure_source"]


@given(st.data())
def test_a_unit_counts_what_its_parts_count(data: st.DataObject) -> None:
    """For any tree and admissions, an organisation's count is the sum of its own cells'
    and its child organisations' counts, and the root counts every admission in a cell."""
    from dangvien.quotas import Admission, admissions_by_unit
    from dangvien.strategies import organizations

    tree = data.draw(organizations())
    cells = [c.id for c in tree.all_cells()]
    picks = data.draw(st.lists(st.sampled_from(cells), max_size=30))
    items = [
        Admission(person=f"P{i}", cell=c, date=date(2024, 5, 1), decision=date(2024, 5, 1))
        for i, c in enumerate(picks)
    ]
    counts = admissions_by_unit(tree, items, 2024)
    for node in tree.walk():
        parts = sum(counts[(True, c.id)] for c in node.cells) + sum(
            counts[(False, k.id)] for k in node.children
        )
        assert counts[(False, node.id)] == parts
    assert len(picks) == counts[(False, tree.id)]
