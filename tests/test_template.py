"""dangvien init: a valid empty dataset whose workbook guides the office and loads back."""

from datetime import date

import openpyxl
import pytest

from dangvien.errors import UsageError
from dangvien.io import load_dataset
from dangvien.io.template import ORGANIZATION_FILE, WORKBOOK_FILE, init_dataset
from dangvien.io.workbook import SHEET_EVENTS, SHEET_LISTS, SHEET_MEMBERS, read_workbook
from dangvien.model import (
    Cell,
    CellKind,
    Dataset,
    EducationLevel,
    Organization,
    OrgLevel,
    Person,
    Record,
    Sex,
)
from dangvien.model import events as ev

NAME = "Đảng bộ xã Thử Nghiệm"
CELLS = ("Rú Đất", "Văn Tràng", "Vạn Tràng")


@pytest.fixture
def template(tmp_path):
    """A new dataset in tmp_path/new with three synthetic cells."""
    init_dataset(tmp_path / "new", name=NAME, cells=CELLS)
    return tmp_path / "new"


def validations(ws):
    """{first cell of the range: (type, formula1)} of a sheet's data validations."""
    return {
        str(dv.sqref).split(":")[0]: (dv.type, dv.formula1)
        for dv in ws.data_validations.dataValidation
    }


def test_init_writes_a_valid_empty_dataset(template):
    """load_dataset reads the directory: the commune, its three cells (cb01…), nobody yet."""
    expected = Dataset(
        Organization(
            "xa",
            NAME,
            OrgLevel.COMMUNE,
            cells=(
                Cell("cb01", "Rú Đất", CellKind.HAMLET),
                Cell("cb02", "Văn Tràng", CellKind.HAMLET),
                Cell("cb03", "Vạn Tràng", CellKind.HAMLET),
            ),
        )
    )
    assert expected == load_dataset(template)
    assert ["danh-sach.xlsx", "organization.toml"] == sorted(p.name for p in template.iterdir())
    result = read_workbook(template / WORKBOOK_FILE, expected.organization)
    assert ((), {}, ()) == (result.people, dict(result.events), result.issues)


def test_the_workbook_offers_drop_down_lists_and_date_checks(template):
    """Cells, sex, education, yes/no, event types and enum fields are lists; dates are checked."""
    wb = openpyxl.load_workbook(template / WORKBOOK_FILE)
    assert [SHEET_MEMBERS, SHEET_EVENTS, SHEET_LISTS] == wb.sheetnames
    assert "hidden" == wb[SHEET_LISTS].sheet_state
    members = validations(wb[SHEET_MEMBERS])
    # Danh sách: C Ngày sinh, D Giới tính, F Trình độ GDPT, I Chi bộ, J Vùng ĐBKK,
    # K–M the three admission dates, N Số thẻ đảng viên (8 characters).
    assert {
        "C2": ("date", "DATE(1900,1,1)"),
        "D2": ("list", "='Danh mục'!$C$2:$C$3"),
        "F2": ("list", "='Danh mục'!$D$2:$D$6"),
        "I2": ("list", "='Danh mục'!$A$2:$A$4"),
        "J2": ("list", "='Danh mục'!$E$2:$E$3"),
        "K2": ("date", "DATE(1900,1,1)"),
        "L2": ("date", "DATE(1900,1,1)"),
        "M2": ("date", "DATE(1900,1,1)"),
        "N2": ("textLength", "8"),
    } == members
    lists = wb[SHEET_LISTS]
    assert ["Rú Đất", "Văn Tràng", "Vạn Tràng"] == [lists[f"A{i}"].value for i in (2, 3, 4)]
    assert ["nam", "nữ"] == [lists["C2"].value, lists["C3"].value]
    events = validations(wb[SHEET_EVENTS])
    # Sự kiện: C Loại sự kiện lists the 26 event titles (column B of Danh mục).
    # One row per event type, under a header row.
    last = 1 + len(ev.EVENT_TYPES)
    assert ("list", f"='Danh mục'!$B$2:$B${last}") == events["C2"]
    assert "Lễ kết nạp đảng viên" in [lists[f"B{i}"].value for i in range(2, 28)]
    assert ("date", "DATE(1900,1,1)") == events["B2"]
    # H Chi bộ, M Thông qua (có/không), Z Xếp loại (the four ratings).
    assert ("list", "='Danh mục'!$A$2:$A$4") == events["H2"]
    assert ("list", "='Danh mục'!$E$2:$E$3") == events["M2"]
    assert "whole" == events["K2"][0]


def test_headers_carry_notes_are_frozen_and_columns_are_formatted(template):
    """Every header has a bilingual note; row 1 is frozen; dates dd/mm/yyyy, card numbers text."""
    ws = openpyxl.load_workbook(template / WORKBOOK_FILE)[SHEET_MEMBERS]
    assert "A2" == ws.freeze_panes
    notes = [c.comment.text for c in ws[1]]
    assert 15 == len(notes)
    assert notes[2].startswith("Ngày sinh dd/mm/yyyy")
    assert "Birth date dd/mm/yyyy" in notes[2]
    assert "DD/MM/YYYY" == ws.column_dimensions["C"].number_format
    assert "@" == ws.column_dimensions["N"].number_format


def test_a_row_filled_in_loads_back(template):
    """An office fills one person and one event with openpyxl; the dataset reads them."""
    path = template / WORKBOOK_FILE
    wb = openpyxl.load_workbook(path)
    members, events = wb[SHEET_MEMBERS], wb[SHEET_EVENTS]
    for column, value in zip(
        "ABCDFIL",
        [
            "TN-01",
            "Người Thử Nghiệm Một",
            date(1995, 4, 30),
            "nữ",
            "9/12",
            "Vạn Tràng",
            date(2024, 9, 2),
        ],
        strict=True,
    ):
        members[f"{column}2"] = value
    members["N2"] = "00123456"
    events["A2"], events["B2"], events["C2"] = "TN-01", "15/01/2024", "Nộp đơn xin vào Đảng"
    wb.save(path)
    org = load_dataset(template).organization
    result = read_workbook(path, org)
    assert [] == [str(i) for i in result.issues]
    person = Person(
        "TN-01",
        "Người Thử Nghiệm Một",
        date(1995, 4, 30),
        Sex.FEMALE,
        education=EducationLevel.LOWER_SECONDARY,
        cell="cb03",
        card_no="00123456",
    )
    assert (
        Record(
            person,
            (
                ev.ApplicationFiled(date=date(2024, 1, 15)),
                ev.AdmissionCeremony(date=date(2024, 9, 2), cell="cb03"),
            ),
        ),
    ) == result.records()


def test_init_never_overwrites(template):
    """A second init in the same directory is refused; the files are unchanged."""
    before = (template / ORGANIZATION_FILE).read_bytes()
    with pytest.raises(UsageError, match="does not overwrite"):
        init_dataset(template, name="Khác")
    assert before == (template / ORGANIZATION_FILE).read_bytes()


def test_a_cell_named_twice_is_refused(tmp_path):
    """Two cells whose names differ only by case would make references ambiguous."""
    with pytest.raises(UsageError, match="given twice"):
        init_dataset(tmp_path, cells=["Rú Đất", "RÚ ĐẤT"])
    assert [] == list(tmp_path.iterdir())
