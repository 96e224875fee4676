"""The fulfilment report and ``dangvien report`` on the Long Thành example."""

from __future__ import annotations

import io
import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from dangvien.cli import EXIT_OK, EXIT_USAGE, main
from dangvien.io import load_dataset
from dangvien.model.org import Cell, Organization, OrgLevel
from dangvien.model.register import Dataset
from dangvien.output import dumps, to_json
from dangvien.report import Report, build_report, formats, render_text

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "long-thanh"
AS_OF = date(2025, 12, 31)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(EXAMPLE)


@pytest.fixture(scope="module")
def report(dataset: Dataset) -> Report:
    return build_report(dataset, as_of=AS_OF)


@pytest.fixture(scope="module")
def text(report: Report) -> str:
    return render_text(report)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out)
    return code, out.getvalue()


class TestBuild:
    def test_all_sixteen_cells_targets_sum_to_21(self, report: Report) -> None:
        """Every cell of the table is listed; the targets add up to 21."""
        assert 16 == len(report.rows)
        assert all(r.unit is not None and r.level.value == "chi bộ" for r in report.rows)
        assert 21 == report.target == sum(r.year.target or 0 for r in report.rows)

    def test_year_and_as_of(self, report: Report) -> None:
        """Year defaults to the as-of date's year; the header says where the as-of came from."""
        assert (2025, AS_OF, "given") == (report.year, report.as_of.date, report.as_of.source.value)

    def test_admissions_2025(self, report: Report) -> None:
        """The synthetic register has 6 admission decisions in 2025."""
        assert 6 == report.admitted

    def test_cumulative_spans_the_plan(self, report: Report) -> None:
        """Cumulative rows run 2023–2025: Điện Yên's target 2 × 3 = 6."""
        first = report.rows[0].cumulative
        assert first is not None
        assert (2023, 2025, 6) == (first.first_year, first.last_year, first.target)

    def test_levels_are_the_commune_and_its_cells(self, report: Report) -> None:
        """The commune first, against its own plan (21); its 16 cells against what the plan
        allocates them; no province or district row: the report is the commune's."""
        commune, *cells = report.levels
        assert ("long-thanh", 0, 21, None, "own_plan") == (
            commune.unit, commune.depth, commune.planned, commune.allocated,
            commune.target_from.value,
        )  # fmt: skip
        assert 16 == len(cells)
        assert all(c.level.value == "chi bộ" and c.depth == 1 for c in cells)
        assert 21 == sum(c.allocated or 0 for c in cells)
        assert {"kh-2023"} == {c.allocated_by for c in cells}

    def test_plan_findings_flag_the_printed_mistakes(self, report: Report) -> None:
        """Headline 9–11 vs 21, 16 vs 21 introductions, two misdated bases, stagnant cells."""
        rules = [f.rule for f in report.plan_findings]
        assert 1 == rules.count("PLAN-HEADLINE-SUM")
        assert 1 == rules.count("PLAN-INTRO-SHORT")
        assert 2 == rules.count("PLAN-BASIS-DATE")
        stagnant = {f.subject for f in report.plan_findings if f.rule == "PLAN-STAGNANT-CELLS"}
        assert {"cb02-giap-ngoi", "cb04-phu-tho", "cb06-van-trang", "cb09-phan-thanh",
                "cb10-bac-son", "cb11-ru-dat"} <= stagnant  # fmt: skip

    def test_rule_summary(self, report: Report) -> None:
        """The rule summary counts the three planted violations."""
        counts = {s.value: n for s, n in report.rules.counts.items()}
        assert 3 == counts["violation"]
        assert {"ADMIT-AGE-MIN", "CEREMONY-DEADLINE", "INTRO-OFFICIAL-ONLY"} <= set(
            report.rules.by_rule
        )
        assert sum(counts.values()) == len(report.rules.findings)

    def test_open_ended_year(self, dataset: Dataset) -> None:
        """2026 is after the named period; the plan's 'following years' still give 21."""
        r = build_report(dataset, year=2026, as_of=date(2026, 3, 1))
        assert (21, 0) == (r.target, r.admitted)

    def test_unknown_plan_id(self, dataset: Dataset) -> None:
        """An unknown plan id is misuse: KeyError."""
        with pytest.raises(KeyError):
            build_report(dataset, as_of=AS_OF, plan="nope")

    def test_without_plan(self) -> None:
        """A dataset without plans still reports cells, with no target and no plan checks."""
        org = Organization("x", "Đảng bộ xã X", OrgLevel.COMMUNE, cells=(Cell("a", "A"),))
        r = build_report(Dataset(org), as_of=AS_OF)
        assert (None, None, ()) == (r.plan, r.target, r.plan_findings)
        assert "Không có kế hoạch" in render_text(r)


class TestJson:
    def test_rows_shape(self, report: Report) -> None:
        """Each row: unit id, name, level, and the year, cumulative, pipeline, forecast nested."""
        data = json.loads(dumps(report))
        assert 16 == len(data["rows"])
        first = data["rows"][0]
        assert {"unit", "name", "level", "printed", "parent", "depth", "year", "cumulative",
                "pipeline", "forecast"} == first.keys()  # fmt: skip
        year = first["year"]
        assert ("cb01-dien-yen", "chi bộ", 2025, 2, 0, "0") == (
            first["unit"], first["level"], year["last_year"], year["target"], year["admitted"],
            year["percent"],
        )  # fmt: skip
        # 2 admitted of a cumulative target 6: exactly 100/3 %.
        assert "100/3" == first["cumulative"]["percent"]
        assert 18 == first["pipeline"]["stages"]["đảng viên chính thức"]
        assert 2 == first["forecast"]["shortfall"]

    def test_zero_target_percent_is_null(self, report: Report) -> None:
        """Trạm Y tế (target 0) has percent null."""
        rows = {r["unit"]: r["year"] for r in to_json(report)["rows"]}
        assert (0, None) == (rows["cb15-tram-y-te"]["target"], rows["cb15-tram-y-te"]["percent"])

    def test_exact_percent(self, report: Report) -> None:
        """Total 6 of 21: exactly 200/7 % (the text shows 28,6%)."""
        data = to_json(report)
        assert (21, 6, "200/7") == (data["target"], data["admitted"], data["percent"])
        assert "28,6%" in render_text(report)

    def test_findings_are_finding_json(self, report: Report) -> None:
        """Plan findings carry rule, severity, subject, text and citation, in both languages."""
        found = to_json(report, lang="en")["plan_findings"]
        dated = [f for f in found if f["rule"] == "PLAN-BASIS-DATE"]
        assert 2 == len(dated)
        assert {"rule", "severity", "subject", "text", "citation", "confidence"} <= dated[0].keys()
        assert dated[0]["text"]["text"] == dated[0]["text"]["en"]
        assert dated[0]["citation"]["text"].startswith("24-QĐ/TW ngày 30/7/2021")

    def test_rule_findings_summary(self, report: Report) -> None:
        """Rule findings appear as counts per severity and per rule, as mappings."""
        data = to_json(report)["rules"]
        assert ["violation", "warning", "upcoming", "info"] == list(data["counts"])
        assert 1 == data["by_rule"]["ADMIT-AGE-MIN"]

    def test_header_states_as_of_and_source(self, report: Report) -> None:
        """The JSON header carries the as-of date, its source and the organisation."""
        data = to_json(report)
        assert {"date": "2025-12-31", "source": "given"} == data["as_of"]
        assert {"id": "long-thanh", "name": "Đảng bộ xã Long Thành", "level": "xã"} == data[
            "organization"
        ]
        # The district ended on 30/6/2025: the superior on 31/12/2025 is the province.
        assert "nghe-an" == data["superior"]["id"]

    def test_candidates_shape(self, report: Report) -> None:
        """Candidates: earliest day, blocked flag, rule ids still to do, untimed steps."""
        data = {c["person"]: c for c in to_json(report)["candidates"]}
        c = data["LT-0283"]
        assert ("2025-12-31", False, False) == (c["earliest"], c["blocked"], c["ready"])
        assert {"ADMIT-APPLICATION", "INTRO-COUNT"} <= set(c["todo"])
        assert [] != c["steps"]


class TestText:
    def test_width_at_most_100(self, text: str) -> None:
        """No line is wider than 100 columns."""
        assert max(len(line) for line in text.splitlines()) <= 100

    def test_narrow_width_80(self, report: Report) -> None:
        """At 80 columns the cumulative table moves apart and no line exceeds 80."""
        narrow = render_text(report, width=80)
        assert max(len(line) for line in narrow.splitlines()) <= 80
        assert "Lũy kế 2023–2025" in narrow

    def test_vietnamese_first_and_nfc(self, text: str) -> None:
        """The default text is Vietnamese and NFC."""
        assert text.startswith("BÁO CÁO THỰC HIỆN KẾ HOẠCH")
        assert unicodedata.normalize("NFC", text) == text

    def test_shows_the_plan_mistakes(self, text: str) -> None:
        """The text shows 9–11 vs 21, 16 introductions, both 2022 dates and the stagnant cells."""
        text = " ".join(text.split())  # undo the wrapping
        assert "9–11" in text
        assert "21" in text
        assert "giới thiệu 16 quần chúng" in text
        assert "30/07/2022" in text
        assert "28/09/2022" in text
        for name in ("Văn Tràng", "Phú Thọ", "Phan Thanh", "Bắc Sơn", "Giáp Ngói", "Rú Đất"):
            assert f"Chi bộ {name} không kết nạp" in text

    def test_every_cell_listed(self, report: Report, text: str) -> None:
        """Each cell's name appears in the table."""
        for r in report.rows:
            assert r.name in text

    def test_english(self, report: Report) -> None:
        """--lang en renders English headings and messages."""
        en = render_text(report, "en")
        assert en.startswith("PARTY-MEMBER DEVELOPMENT PLAN")
        assert "the headline target is 9–11" in en
        for word in ("Chỉ tiêu", "Kết nạp", "Nguồn", "Cộng", "sớm nhất", "còn phải", "Dự báo"):
            assert word not in en


class TestCommand:
    def test_text(self) -> None:
        """`dangvien report DATASET --as-of 2025-12-31` prints the report and exits 0."""
        code, out = run("report", str(EXAMPLE), "--as-of", "2025-12-31")
        assert EXIT_OK == code
        assert "PLAN-HEADLINE-SUM" in out
        assert "Văn Tràng" in out

    def test_json(self) -> None:
        """--format json prints the report's JSON with 16 cells for the given year."""
        code, out = run("report", str(EXAMPLE), "--as-of", "31/12/2025", "--year", "2024",
                        "--format", "json", "--lang", "en")  # fmt: skip
        data = json.loads(out)
        assert (EXIT_OK, 2024, 16) == (code, data["year"], len(data["rows"]))
        assert all(r["year"]["last_year"] == 2024 for r in data["rows"])

    def test_options(self) -> None:
        """--count-by ceremony, --scale and --carry-over are accepted."""
        code, out = run("report", str(EXAMPLE), "--as-of", "2025-09-30", "--count-by",
                        "ceremony", "--scale", "--carry-over", "--format", "json")  # fmt: skip
        data = json.loads(out)
        assert (EXIT_OK, "ceremony", True, True) == (
            code,
            data["count_by"],
            data["forecast"]["scaled"],
            data["forecast"]["carry_over"],
        )

    def test_as_of_stated_once(self) -> None:
        """The report's own header states the as-of date; the command adds no second line."""
        _, out = run("report", str(EXAMPLE), "--as-of", "2025-12-31")
        assert 1 == out.count("31/12/2025 (theo tham số --as-of)")
        assert out.startswith("BÁO CÁO THỰC HIỆN KẾ HOẠCH")

    def test_registry_lists_every_format(self) -> None:
        """The registry offers the five formats; text through it equals render_text."""
        assert {"text", "json", "html", "xlsx", "docx"} == set(formats())

    def test_unknown_plan_is_usage_error(self) -> None:
        """An unknown --plan exits 2."""
        code, _ = run("report", str(EXAMPLE), "--plan", "nope", "--as-of", "2025-12-31")
        assert EXIT_USAGE == code


class TestShape:
    def test_every_org_level_has_a_report_level(self) -> None:
        """Each organisation level maps to a report level (a new level must be added here too)."""
        from dangvien.report import UnitLevel

        assert [lvl.name for lvl in OrgLevel] == [UnitLevel.of(lvl).name for lvl in OrgLevel]

    def test_total_is_the_sum_of_the_rows(self, report: Report) -> None:
        """The commune's own row sums its unit rows: 21 targets, 6 admitted, 11 pool.

        By hand: the 16 targets 2+2+1+1+2+1+2+1+1+1+1+2+2+2+0+0 = 21; admissions
        Phú Thọ 2 + Vạn Tràng 2 + Phan Thanh 1 + Trường Tiểu học 1 = 6; pool
        Giáp Ngói 1 + Yên Mội 3 + Phú Thọ 1 + Văn Tràng 2 + Phan Thanh 2 + Rú Đất 2 = 11.
        """
        total = report.total
        assert ("long-thanh", 21, 6, 11) == (
            total.unit,
            total.year.target,
            total.year.admitted,
            total.pipeline.candidates,
        )
        assert total.forecast is not None
        assert sum(r.forecast.shortfall for r in report.rows if r.forecast) == (
            report.forecast.shortfall
        )
        assert {"long-thanh"} == {r.parent for r in report.rows}

    def test_row_lookup_by_unit(self, report: Report) -> None:
        """`Report.row(id)` finds a unit row or a total by id."""
        row = report.row("cb04-phu-tho")
        assert row is not None
        # Phú Thọ: 2 admitted against a target of 1, exactly 200 %.
        assert (1, 2, 200) == (row.year.target, row.year.admitted, row.year.percent)
        assert report.row("nope") is None
