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
        assert {"unit", "name", "level", "target", "admitted", "percent", "percent_exact",
                "cum_target", "cum_admitted", "cum_percent"} <= set(df.columns)  # fmt: skip
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
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout.split()  # fmt: skip
        assert ["False", "False"] == out
