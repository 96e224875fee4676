"""Every form of target a plan prints, and the figures it publishes, as model values and TOML."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvien.io import load_dataset, read_dataset, save_dataset
from dangvien.model.org import Organization, OrgLevel
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
    read_decimal,
)
from dangvien.model.register import Dataset
from dangvien.quotas import format_decimal

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "long-thanh"


class TestTargetRange:
    def test_forms_and_labels(self) -> None:
        """Exact, range, at least, more than: as a Vietnamese and an English document print them."""
        cases = (
            (TargetRange.exactly(2000), "2.000", "2,000"),
            (TargetRange(9, 11), "9–11", "9–11"),
            (TargetRange(1500, 2500), "1.500–2.500", "1,500–2,500"),
            (TargetRange(290), "từ 290 trở lên", "at least 290"),
            (TargetRange(290, above=True), "trên 290", "more than 290"),
        )
        for target, vi, en in cases:
            assert (vi, en) == (target.label_vi, target.label_en)
            assert (vi, en) == (target.text.vi, target.text.en)

    def test_labels_of_plan_enums_come_from_the_catalogue(self) -> None:
        """Every member of the plan's enums has a Vietnamese and an English label."""
        from dangvien.model.plan import CountBy

        for cls in (CountBy, Rounding, RateMeasure):
            for member in cls:
                assert member.label_vi
                assert member.label_en
                assert member.label_vi != member.label_en
        assert "truncated" == Rounding.TRUNCATE.label_en

    def test_met_by(self) -> None:
        """ "Trên 290" is not met by 290 but by 291; "từ 290" by 290; a range by its low end."""
        assert not TargetRange(290, above=True).met_by(290)
        assert TargetRange(290, above=True).met_by(291)
        assert TargetRange(290).met_by(290)
        assert TargetRange(9, 11).met_by(12)

    def test_sum(self) -> None:
        """9–11 + 2 = 11–13; adding a lower bound leaves no upper end; strictness carries."""
        assert TargetRange(11, 13) == TargetRange(9, 11) + TargetRange.exactly(2)
        assert TargetRange(12) == TargetRange(9, 11) + TargetRange(3)
        assert TargetRange(12, above=True) == TargetRange(9, 11) + TargetRange(3, above=True)

    def test_contains_and_overlap(self) -> None:
        """21 is outside 9–11; "trên 20" and 21–25 overlap; "trên 20" and exactly 20 do not."""
        assert 21 not in TargetRange(9, 11)
        assert TargetRange(20, above=True).overlaps(TargetRange(21, 25))
        assert not TargetRange(20, above=True).overlaps(TargetRange.exactly(20))

    def test_bad_forms_refused(self) -> None:
        """A reversed range and a strict bound with an upper end are refused."""
        with pytest.raises(ValueError, match="bad range"):
            TargetRange(11, 9)
        with pytest.raises(ValueError, match="no upper end"):
            TargetRange(5, 9, above=True)


class TestAdmissionTarget:
    def test_cell_is_an_alias_of_unit(self) -> None:
        """An older row naming a cell reads as a row naming a unit; both spellings are equal."""
        old = AdmissionTarget(cell="Văn Tràng", annual=1)
        assert ("Văn Tràng", None) == (old.unit, old.cell)
        assert AdmissionTarget("Văn Tràng", 1) == old

    def test_exactly_one_form(self) -> None:
        """Neither annual nor bounds, or both, is refused; bounds give the target."""
        with pytest.raises(ValueError, match="exactly one"):
            AdmissionTarget("Huyện A")
        with pytest.raises(ValueError, match="exactly one"):
            AdmissionTarget("Huyện A", 3, bounds=TargetRange(3))
        assert TargetRange(40, 50) == AdmissionTarget("Khối", bounds=TargetRange(40, 50)).target

    def test_unit_and_cell_must_agree(self) -> None:
        """Giving both keys with different names is refused; a missing name too."""
        with pytest.raises(ValueError, match="give one key"):
            AdmissionTarget("A", 1, cell="B")
        with pytest.raises(ValueError, match="missing"):
            AdmissionTarget(annual=1)

    def test_plan_sum_counts_low_ends(self) -> None:
        """Rows 2, 40–50 and "trên 20" sum to 2 + 40 + 20 = 62."""
        rows = (
            AdmissionTarget("A", 2),
            AdmissionTarget("B", bounds=TargetRange(40, 50)),
            AdmissionTarget("C", bounds=TargetRange(20, above=True)),
        )
        p = Plan(
            "kh",
            "1-KH",
            date(2024, 1, 1),
            "BTV",
            "x",
            "KH",
            PlanPeriod(2024, 2024),
            admission_targets=rows,
        )
        assert 62 == p.admission_sum(2024)


class TestDecimals:
    def test_read_as_printed(self) -> None:
        """A decimal comma, thousands dots, a decimal point, a fraction, a percent sign."""
        assert (Fraction(3719, 50), 2) == read_decimal("74,38%")
        assert (Fraction(1480), 0) == read_decimal("1.480")
        assert (Fraction(20005, 10), 1) == read_decimal("2.000,5")
        assert (Fraction(451, 10), 1) == read_decimal("45.1")
        assert (Fraction(250, 3), 0) == read_decimal("250/3")

    @pytest.mark.parametrize("text", ["", "abc", "7,4,3", "1/0", "12%%"])
    def test_unreadable(self, text: str) -> None:
        """Text that is no number is refused, in both languages."""
        with pytest.raises(ValueError, match=r"cannot read|zero denominator"):
            read_decimal(text)

    @given(st.integers(0, 10**6), st.integers(0, 2))
    def test_printed_decimal_reads_back(self, hundredths: int, places: int) -> None:
        """What format_decimal prints, read_decimal reads back to the rounded value."""
        value = Fraction(hundredths, 100)
        printed = format_decimal(value, "vi", places)
        got, got_places = read_decimal(printed)
        assert places == got_places or (places == 0 and got_places == 0)
        assert abs(got - value) <= Fraction(1, 2 * 10**places)


class TestFiguresAndRates:
    def test_rate_target_range_checked(self) -> None:
        """A rate range printed 4 – 3 is refused; '3' to '4,5' is kept as text."""
        with pytest.raises(ValueError, match="bad range"):
            RateTarget(RateMeasure.ADMISSIONS_PER_MEMBERS, "4", "3")
        assert "4,5" == RateTarget(RateMeasure.ADMISSIONS_PER_MEMBERS, "3", "4,5").high

    def test_claim_units_need_a_threshold(self) -> None:
        """'4 units' without the percentage they reached is refused; bad percent text too."""
        with pytest.raises(ValueError, match="go together"):
            Claim(units=4)
        with pytest.raises(ValueError, match="cannot read"):
            Claim(percent="bảy mươi")

    def test_report_figures_not_after_its_date(self) -> None:
        """A report whose figures run past its own date is refused."""
        with pytest.raises(ValueError, match="after the report's date"):
            ResultReport(date=date(2024, 9, 30), as_of=date(2024, 10, 1))
        assert 2024 == ResultReport(date=date(2024, 10, 5), as_of=date(2024, 9, 30)).year


PROVINCE_TOML = """
id = "t"
name = "Đảng bộ tỉnh Thử Nghiệm"
level = "tỉnh"

[[children]]
id = "h1"
name = "Đảng bộ huyện Thử Nghiệm"
level = "huyện"
aliases = ["Huyện TN"]
valid_to = 2025-06-30

[[children]]
id = "kcq"
name = "Đảng bộ Khối Cơ quan tỉnh"
level = "khối"
kind = "cơ quan"
aliases = ["Khối Cơ quan"]
statistics = [{on = 2023-12-31, members = 900, cells = 40}]
"""

PLANS_TOML = """
[[plans]]
id = "kh-t"
number = "10-KH/TU"
date = 2024-01-15
issuer = "Ban Thường vụ Tỉnh ủy"
organization = "t"
title = "Kế hoạch phát triển đảng viên năm 2024"
period = { first_year = 2024, last_year = 2024 }
headline = { low = 150, above = true }
rounding = "truncate"

[[plans.admission_targets]]
unit = "Huyện TN"
annual = 100

[[plans.admission_targets]]
unit = "Khối Cơ quan"
bounds = { low = 40, high = 50 }

[[plans.rate_targets]]
measure = "kết nạp/đảng viên"
low = "3"
high = "4,5"

[[plans.reports]]
number = "120-BC/TU"
date = 2024-10-05
as_of = 2024-09-30
stated_total = 130
results = [{unit = "Huyện TN", admitted = 80}, {unit = "Khối Cơ quan", admitted = 45}]
claims = [
  {text = "đạt 83,33%", percent = "83,33"},
  {text = "trên 120", admitted = 120, above = true},
]
"""


def test_province_plan_reads_and_round_trips(tmp_path: Path) -> None:
    """A province plan with a district, a bloc, every target form and a report reads as
    written, and saving then loading gives the same dataset."""
    (tmp_path / "organization.toml").write_text(PROVINCE_TOML, encoding="utf-8")
    (tmp_path / "plans.toml").write_text(PLANS_TOML, encoding="utf-8")
    result = read_dataset(tmp_path)
    assert [] == list(result.issues)
    ds = result.dataset
    assert ds is not None
    (plan,) = ds.plans
    assert TargetRange(150, above=True) == plan.headline
    assert Rounding.TRUNCATE == plan.rounding
    assert [TargetRange.exactly(100), TargetRange(40, 50)] == [
        t.target for t in plan.admission_targets
    ]
    first, second = plan.reports[0].claims[:2]
    assert ("83,33", 120, True) == (first.percent, second.admitted, second.above)
    out = tmp_path / "out"
    save_dataset(ds, out)
    assert ds == load_dataset(out)


def test_long_thanh_plan_still_reads_with_cell_keys() -> None:
    """The Long Thành plans.toml names cells with the key 'cell': all 16 rows read as units."""
    plan = load_dataset(EXAMPLE).plans[0]
    assert 16 == len(plan.admission_targets)
    assert "Tr. Mầm non" == plan.admission_targets[13].unit


def test_bad_target_form_reported_with_its_key(tmp_path: Path) -> None:
    """A row with both annual and bounds is reported at its key path, in both languages."""
    (tmp_path / "organization.toml").write_text(PROVINCE_TOML, encoding="utf-8")
    row = 'unit = "Huyện TN"\nannual = 100'
    bad = PLANS_TOML.replace(row, row + "\nbounds = { low = 1 }")
    (tmp_path / "plans.toml").write_text(bad, encoding="utf-8")
    result = read_dataset(tmp_path)
    assert result.dataset is not None
    assert () == result.dataset.plans  # the bad plan is left out, never half-read
    (issue,) = result.issues
    assert "plans[0].admission_targets[0]" == issue.row
    assert "exactly one of annual" in issue.expected_en


def test_dataset_without_register_is_valid() -> None:
    """A province tree and a plan without people or events make a dataset."""
    ds = Dataset(Organization("t", "Tỉnh", OrgLevel.PROVINCE))
    assert 0 == len(ds)
