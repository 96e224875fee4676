"""DataFrames and plots (the optional ``notebook`` extra)."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

pl = pytest.importorskip("polars")
pytest.importorskip("matplotlib")

from dangvien import frames  # noqa: E402
from dangvien.io import load_dataset  # noqa: E402
from dangvien.report import Report, build_report  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "long-thanh"


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(load_dataset(EXAMPLE), as_of=date(2025, 9, 30), scale=True)


class TestFrames:
    def test_fulfilment_frame(self, report: Report) -> None:
        """One row per unit with targets, admissions, percentages and cumulative columns."""
        df = frames.fulfilment_frame(report)
        assert (16, 13) == df.shape
        assert {
            "unit",
            "name",
            "level",
            "target",
            "admitted",
            "percent",
            "percent_exact",
            "cum_target",
            "cum_admitted",
            "cum_percent",
        } <= set(df.columns)
        assert 21 == df["target"].sum()
        assert report.admitted == df["admitted"].sum()

    def test_fulfilment_frame_from_rows(self, report: Report) -> None:
        """Rows alone give the frame without cumulative columns."""
        df = frames.fulfilment_frame(report.rows)
        assert "cum_target" not in df.columns
        assert 16 == df.height

    def test_zero_target_is_null(self, report: Report) -> None:
        """Cells with target 0 have a null percentage."""
        df = frames.fulfilment_frame(report).filter(pl.col("target") == 0)
        assert 2 == df.height
        assert 2 == df["percent"].null_count()

    def test_pipeline_frame(self, report: Report) -> None:
        """One column per pipeline stage plus candidates; candidates sum to the report's."""
        df = frames.pipeline_frame(report)
        assert {"outstanding", "sympathizer", "applicant", "proposed", "official"} <= set(
            df.columns
        )
        assert sum(r.pipeline.candidates for r in report.rows) == df["candidates"].sum()

    def test_candidates_forecast_funnel(self, report: Report) -> None:
        """Candidates, forecast and funnel frames have one row per item."""
        assert len(report.candidates) == frames.candidates_frame(report).height
        assert 16 == frames.forecast_frame(report).height
        assert 16 == frames.forecast_frame(report.rows).height
        assert len(report.funnel) == frames.funnel_frame(report).height

    def test_findings_frame(self, report: Report) -> None:
        """Plan findings as rows; the English message when asked."""
        df = frames.findings_frame(report, lang="en")
        assert len(report.plan_findings) == df.height
        row = df.filter(pl.col("rule") == "PLAN-HEADLINE-SUM").row(0, named=True)
        assert "the headline target is 9–11" in row["message"]

    def test_empty_findings_keep_schema(self) -> None:
        """No findings: an empty frame with the columns."""
        df = frames.findings_frame([])
        assert (0, "rule") == (df.height, df.columns[0])


class TestPlots:
    def test_plot_fulfilment(self, report: Report) -> None:
        """A Figure with one Axes, one tick per cell, saved as PNG."""
        fig = frames.plot_fulfilment(report)
        (ax,) = fig.axes
        assert 16 == len(ax.get_yticks())
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        assert buf.getvalue().startswith(b"\x89PNG")

    def test_plot_funnel(self, report: Report) -> None:
        """A Figure with one bar per funnel stage."""
        fig = frames.plot_funnel(report, lang="en")
        (ax,) = fig.axes
        assert len(report.funnel) == len(ax.patches)


class TestOptional:
    def test_missing_polars_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without polars the error names the extra dangvien[notebook]."""
        monkeypatch.setitem(sys.modules, "polars", None)
        with pytest.raises(ImportError, match=r"dangvien\[notebook\]"):
            frames.findings_frame([])

    def test_import_is_lazy_and_pyplot_free(self) -> None:
        """Importing dangvien.frames imports no polars; plotting never imports pyplot."""
        code = (
            "import sys, dangvien.frames as f\n"
            "print('polars' in sys.modules)\n"
            "f.plot_funnel([])\n"
            "print('matplotlib.pyplot' in sys.modules)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
        assert ["False", "False"] == out


class TestLevelFrames:
    """The values of any level as DataFrames (the district of tests/test_quotas_levels.py)."""

    def test_unit_fulfilment_frame(self) -> None:
        """Three plans: 3 + 2 + 1 unit rows and a total each; the district's total row has
        target 8 and 4 achieved (50%)."""
        from tests.test_quotas_levels import DS, END

        from dangvien.quotas import fulfilment_by_level

        df = frames.unit_fulfilment_frame(fulfilment_by_level(DS, 2024, as_of=END))
        assert 9 == df.height
        total = df.filter(pl.col("total") & (pl.col("plan") == "kh-h")).row(0, named=True)
        assert (8, 4, 50.0, "50", "register") == (
            total["target"],
            total["achieved"],
            total["percent"],
            total["percent_exact"],
            total["source"],
        )
        cells = df.filter(pl.col("is_cell"))
        assert ["c11", "c12", "c21"] == cells["unit"].to_list()
        assert {"chi bộ"} == set(cells["level"].to_list())

    def test_percent_style_in_frames(self) -> None:
        """Xã Một 3 of 5 is 60%; with 2 of 3 for c11, 66,666…% truncated to 66.66."""
        from tests.test_quotas_levels import DS, END, ONE

        from dangvien.quotas import PercentStyle, Rounding, plan_fulfilment

        pf = plan_fulfilment(DS, ONE, 2024, as_of=END)
        df = frames.unit_fulfilment_frame(pf, style=PercentStyle(2, Rounding.TRUNCATE))
        assert 66.66 == df.filter(pl.col("unit") == "c11")["percent"].item()

    def test_subtotals_and_plan_sums_frames(self) -> None:
        """Subtotals by level: communes and the school; plan sums: Xã Một 1 below."""
        from tests.test_quotas_levels import DISTRICT, DS, END, H

        from dangvien.quotas import GroupBy, plan_fulfilment, plan_sums, subtotals

        pf = plan_fulfilment(DS, DISTRICT, 2024, as_of=END)
        df = frames.subtotals_frame(subtotals(pf.rows, H, GroupBy.LEVEL), lang="en")
        assert ["commune level", "grassroots committee level"] == df["label"].to_list()
        sums = frames.plan_sums_frame(plan_sums(DS, DISTRICT))
        first = sums.filter((pl.col("year") == 2024) & (pl.col("unit") == "x1")).row(0, named=True)
        assert (5, 4, -1, True) == (
            first["allocated"],
            first["planned"],
            first["difference"],
            first["below"],
        )

    def test_breakdown_frame(self) -> None:
        """Long form: each unit's rows; the district's women row counts 1 of 3 (33.3%)."""
        from tests.test_quotas_breakdowns import DS

        from dangvien.quotas import breakdowns

        df = frames.breakdown_frame(breakdowns(DS, 2024), lang="en")
        women = df.filter((pl.col("unit") == "h") & (pl.col("key") == "women")).row(0, named=True)
        assert ("women", 1, 3, 33.3) == (
            women["label"],
            women["count"],
            women["total"],
            women["percent"],
        )
        assert {"h", "x1", "x2"} == set(df["unit"].to_list())

    def test_rate_and_counts_frames(self) -> None:
        """A rate row and one counts row per organisation of the district."""
        from tests.test_quotas_levels import END, RECORDS, H, plan

        from dangvien.model.plan import RateMeasure, RateTarget
        from dangvien.model.register import Dataset
        from dangvien.quotas import organization_counts, rate_fulfilment

        p = plan("kh", "h", rate_targets=(RateTarget(RateMeasure.ADMISSIONS_PER_MEMBERS, "3"),))
        ds = Dataset(H, plans=(p,), records=RECORDS)
        rates = frames.rate_frame(rate_fulfilment(ds, p, 2024, as_of=END))
        assert (4, 1, True) == tuple(rates.select("numerator", "denominator", "met").row(0))
        counts = frames.counts_frame(organization_counts(ds, END))
        assert ["h", "x1", "x2", "g"] == counts["unit"].to_list()
