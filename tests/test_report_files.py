"""Reports out: `dangvien report --format xlsx|docx|html --output FILE` on the example."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from dangvien.cli import EXIT_BAD_DATA, EXIT_OK, EXIT_USAGE, main
from dangvien.errors import UsageError
from dangvien.io import load_dataset
from dangvien.report import Report, build_report, render

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "long-thanh"
STATIC = ROOT / "docs" / "_static"
AS_OF = ("--as-of", "2025-12-31")
# The plan's table, TT 1–16, as the example's organisation names the cells.
CELLS = [
    "Điện Yên", "Giáp Ngói", "Yên Mội", "Phú Thọ", "Vạn Tràng", "Văn Tràng", "Văn Trai",
    "Quang Trung", "Phan Thanh", "Bắc Sơn", "Rú Đất", "Trường THCS HTT", "Trường Tiểu học",
    "Trường mầm non", "Trạm Y tế", "Công an xã",
]  # fmt: skip
# The 2025 targets of the table, in the same order; they add up to 21.
TARGETS = [2, 2, 1, 1, 2, 1, 2, 1, 1, 1, 1, 2, 2, 2, 0, 0]


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(load_dataset(EXAMPLE), as_of=date(2025, 12, 31))


def write(tmp_path: Path, fmt: str, *extra: str) -> Path:
    path = tmp_path / f"r.{fmt}"
    code, out = run("report", str(EXAMPLE), *AS_OF, "--format", fmt, "--output", str(path), *extra)
    assert (EXIT_OK, "") == (code, out)
    return path


class TestWorkbook:
    def test_one_sheet_per_table_and_the_plan_table(self, tmp_path: Path) -> None:
        """A sheet per table (one per breakdown section; none for published figures, the plan
        states none); the first holds the 16 cells with their targets (sum 21) as numbers."""
        wb = openpyxl.load_workbook(write(tmp_path, "xlsx"))
        assert [
            "Kết nạp theo đơn vị", "Kết quả theo cấp", "Cộng theo nhóm", "Giới thiệu",
            "ĐV mới - trong đó", "ĐV mới - tuổi đời", "ĐV mới - nghề nghiệp",
            "ĐV mới - học vấn", "ĐV mới - chuyên môn", "ĐV mới - dân tộc", "ĐV mới - tôn giáo",
            "Nguồn kết nạp", "Người trong nguồn", "Phát hiện",
        ] == wb.sheetnames  # fmt: skip
        ws = wb.worksheets[0]
        head = [c.value for c in ws[5]]
        assert ("TT", "Đơn vị", "Chỉ tiêu năm 2025") == (head[0], head[1], head[4])
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=6, max_row=21)]
        assert CELLS == [r[1] for r in rows]
        assert TARGETS == [r[4] for r in rows]
        assert all(isinstance(r[4], int) for r in rows)
        total = [c.value for c in ws[22]]
        assert ("Cộng", 21, 6) == (total[1], total[4], total[5])

    def test_percent_and_date_cells_are_typed(self, tmp_path: Path) -> None:
        """Percentages are ratios rounded as the report prints them, formatted 0.0%; earliest
        days are dates formatted dd/mm/yyyy."""
        wb = openpyxl.load_workbook(write(tmp_path, "xlsx"))
        ws = wb.worksheets[0]
        total = ws.cell(row=22, column=7)
        # 6 of 21 = 28.5714…%, printed 28.6%: stored 0.286.
        assert (pytest.approx(0.286), "0.0%") == (total.value, total.number_format)
        people = wb["Người trong nguồn"]
        earliest = people.cell(row=6, column=5)
        naive = datetime(2025, 12, 31)  # noqa: DTZ001 (Excel dates are naive)
        assert (naive, "dd/mm/yyyy") == (earliest.value, earliest.number_format)

    def test_percentages_truncated_to_two_decimals(self, tmp_path: Path) -> None:
        """--decimals 2 --rounding truncate: 6 of 21 = 28.5714…% is stored truncated, 28.57%
        (0.2857), and shown 0.00% (a cell format alone rounds, it cannot truncate)."""
        wb = openpyxl.load_workbook(
            write(tmp_path, "xlsx", "--decimals", "2", "--rounding", "truncate")
        )
        total = wb.worksheets[0].cell(row=22, column=7)
        assert (pytest.approx(0.2857), "0.00%") == (total.value, total.number_format)

    def test_print_setup(self, tmp_path: Path) -> None:
        """Each sheet prints on A4 landscape, one page wide, the heading row repeated."""
        wb = openpyxl.load_workbook(write(tmp_path, "xlsx"))
        for ws in wb.worksheets:
            setup = ws.page_setup
            assert ("9", "landscape", 1, 0) == (
                str(setup.paperSize),
                setup.orientation,
                setup.fitToWidth,
                setup.fitToHeight,
            )
            assert "$5:$5" == ws.print_title_rows

    def test_english_workbook(self, tmp_path: Path) -> None:
        """--lang en: English sheet names and headings."""
        wb = openpyxl.load_workbook(write(tmp_path, "xlsx", "--lang", "en"))
        assert "Admissions by unit" == wb.sheetnames[0]
        assert "Unit" == wb.worksheets[0].cell(row=5, column=2).value


class TestWord:
    def test_party_format_header_and_signature(self, tmp_path: Path) -> None:
        """The 36-HD/VPTW parts: bodies, asterisk, number, date line, title, recipients, T/M."""
        doc = docx.Document(write(tmp_path, "docx"))
        left, right = doc.tables[0].rows[0].cells
        assert [
            "ĐẢNG BỘ TỈNH NGHỆ AN", "ĐẢNG ỦY XÃ LONG THÀNH", "*", "Số      -BC/ĐU"
        ] == [p.text for p in left.paragraphs]  # fmt: skip
        party, dated = right.paragraphs
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" == party.text
        assert all(r.bold and r.underline for r in party.runs)
        assert "Long Thành, ngày 31 tháng 12 năm 2025" == dated.text
        assert all(r.italic for r in dated.runs)
        texts = [p.text for p in doc.paragraphs]
        assert "BÁO CÁO" in texts
        assert "kết quả thực hiện kế hoạch phát triển đảng viên năm 2025" in texts
        closing = doc.tables[-1].rows[0].cells
        assert "Nơi nhận:" == closing[0].paragraphs[0].text
        assert "- Lưu VP ĐU." == closing[0].paragraphs[-1].text
        assert ["T/M ĐẢNG ỦY", "BÍ THƯ"] == [p.text for p in closing[1].paragraphs[:2]]

    def test_plan_table_with_16_cells(self, tmp_path: Path) -> None:
        """The body's first table lists the 16 cells with their 2025 targets, then the total."""
        doc = docx.Document(write(tmp_path, "docx"))
        table = doc.tables[1]
        rows = [[c.text for c in r.cells] for r in table.rows]
        assert ("TT", "Đơn vị", "Chỉ tiêu năm 2025") == tuple(rows[0][:3])
        assert CELLS == [r[1] for r in rows[1:17]]
        assert [str(t) for t in TARGETS] == [r[2] for r in rows[1:17]]
        assert ["Cộng", "21", "6", "28,6%"] == rows[17][1:5]

    def test_a4_times_new_roman(self, tmp_path: Path) -> None:
        """A4 portrait, Times New Roman 14 by default."""
        doc = docx.Document(write(tmp_path, "docx"))
        s = doc.sections[0]
        assert (210, 297) == (round(s.page_width.mm), round(s.page_height.mm))
        normal = doc.styles["Normal"].font
        assert ("Times New Roman", 14.0) == (normal.name, normal.size.pt)

    def test_options_fill_number_place_and_signer(self, report: Report) -> None:
        """Number, place, date and signer can be given (still editable text)."""
        data = render(report, "docx", number="12", place="Xã Thử", signer="Người Thử Nghiệm A")
        assert isinstance(data, bytes)
        doc = docx.Document(io.BytesIO(data))
        left, right = doc.tables[0].rows[0].cells
        assert "Số 12-BC/ĐU" == left.paragraphs[-1].text
        assert right.paragraphs[1].text.startswith("Xã Thử, ngày 31 tháng 12")
        assert "Người Thử Nghiệm A" == doc.tables[-1].rows[0].cells[1].paragraphs[-1].text


class TestHtml:
    def test_self_contained_page(self, report: Report) -> None:
        """No script, nothing fetched; two inline SVG charts; the 16 cells in the table."""
        page = render(report, "html")
        assert isinstance(page, str)
        assert "<script" not in page
        assert not re.search(r'(src|href)="(https?:)?//', page)
        assert 2 == page.count("<svg ")
        assert '<meta name="viewport"' in page
        assert "@media print" in page
        for name in CELLS:
            assert f"<td>{name}</td>" in page

    def test_values_are_escaped(self, report: Report) -> None:
        """A unit name with markup is shown as text, not markup."""
        row = report.rows[0]
        import attrs

        odd = attrs.evolve(report, rows=(attrs.evolve(row, name="<b>X</b>"), *report.rows[1:]))
        page = render(odd, "html")
        assert isinstance(page, str)
        assert "<b>X</b>" not in page
        assert "&lt;b&gt;X&lt;/b&gt;" in page

    def test_english_page(self, report: Report) -> None:
        """--lang en: an English page (lang attribute and headings)."""
        page = render(report, "html", lang="en")
        assert isinstance(page, str)
        assert '<html lang="en">' in page
        assert "Targets and admissions by unit" in page


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def _headless(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [
            browser, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={profile}", *args,
        ],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip


def test_html_in_a_real_browser(tmp_path: Path) -> None:
    """Headless Chromium loads the page: its DOM holds the 16 cells; screenshots go to the docs."""
    browser = _chromium()
    if browser is None:
        pytest.skip(
            "chromium not installed (apt-get install chromium): no browser to load the page"
        )
    page = write(tmp_path, "html")
    url = page.as_uri()
    dom = _headless(browser, tmp_path / "profile-dom", "--dump-dom", url)
    assert 0 == dom.returncode, dom.stderr.decode(errors="replace")[-2000:]
    text = dom.stdout.decode()
    first_table = text[text.index("<table>") : text.index("</table>")]
    assert CELLS == re.findall(r"<tr><td class=\"n\">\d+</td><td>([^<]+)</td>", first_table)
    shots = {"long-thanh-report.png": "1000,2600", "long-thanh-report-phone.png": "390,1400"}
    for name, size in shots.items():
        shot = tmp_path / name
        done = _headless(
            browser, tmp_path / f"profile-{name}", f"--screenshot={shot}",
            f"--window-size={size}", "--hide-scrollbars", url,
        )  # fmt: skip
        assert 0 == done.returncode, done.stderr.decode(errors="replace")[-2000:]
        data = shot.read_bytes()
        assert data.startswith(b"\x89PNG")
        target = STATIC / name
        if not target.exists() or target.read_bytes() != data:
            STATIC.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


class TestCommand:
    def test_binary_format_needs_output(self) -> None:
        """A workbook or a Word file is never printed: without --output the command exits 2."""
        for fmt in ("xlsx", "docx"):
            code, out = run("report", str(EXAMPLE), *AS_OF, "--format", fmt)
            assert (EXIT_USAGE, "") == (code, out)

    def test_text_and_json_to_a_file(self, tmp_path: Path) -> None:
        """--output works for text and JSON too; nothing is printed."""
        for fmt in ("text", "json"):
            path = write(tmp_path, fmt)
            assert path.read_text("utf-8").strip()

    def test_unwritable_place_exits_3_with_one_message(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A missing directory: exit 3, one line naming the file, no traceback."""
        target = tmp_path / "missing" / "r.xlsx"
        code, _ = run("report", str(EXAMPLE), *AS_OF, "--format", "xlsx", "--output", str(target))
        err = capsys.readouterr().err
        assert EXIT_BAD_DATA == code
        assert 1 == len(err.strip().splitlines())
        assert str(target) in err
        assert "Traceback" not in err

    def test_atomic_replace_keeps_old_file_on_failure(self, tmp_path: Path) -> None:
        """Writing over a directory fails (exit 3) and leaves no temporary file behind."""
        target = tmp_path / "r.docx"
        target.mkdir()
        code, _ = run("report", str(EXAMPLE), *AS_OF, "--format", "docx", "--output", str(target))
        assert EXIT_BAD_DATA == code
        assert ["r.docx"] == sorted(p.name for p in tmp_path.iterdir())

    def test_atomic_replace_overwrites(self, tmp_path: Path) -> None:
        """An existing file is replaced whole; only the target remains in the directory."""
        target = tmp_path / "r.html"
        target.write_text("old", "utf-8")
        run("report", str(EXAMPLE), *AS_OF, "--format", "html", "--output", str(target))
        assert target.read_text("utf-8").startswith("<!DOCTYPE html>")
        assert ["r.html"] == sorted(p.name for p in tmp_path.iterdir())

    def test_missing_library_names_the_extra(
        self, report: Report, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without openpyxl, --format xlsx is refused naming dangvien[excel]."""
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        monkeypatch.delitem(sys.modules, "dangvien.report.xlsx", raising=False)
        with pytest.raises(UsageError, match=r"dangvien\[excel\]"):
            render(report, "xlsx")
