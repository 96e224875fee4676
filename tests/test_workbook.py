"""Excel workbooks and Vietnamese-header CSV: office lists in, the workbook out, every bad cell."""

import sys
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from dangvien import strategies as dst
from dangvien.errors import UsageError
from dangvien.io import load_dataset
from dangvien.io._headers import (
    EVENT_FIELDS,
    EVENT_HEADERS,
    IGNORED_HEADERS,
    MEMBER_HEADERS,
    STACKED_HEADERS,
    header_key,
    match_header,
)
from dangvien.io.workbook import (
    SHEET_EVENTS,
    SHEET_MEMBERS,
    a1,
    column_letter,
    read_member_list_csv,
    read_workbook,
    save_workbook,
)
from dangvien.model import (
    Cell,
    Dataset,
    EducationLevel,
    MassOrganization,
    MassOrgKind,
    Organization,
    OrgLevel,
    Person,
    Record,
    Sex,
)
from dangvien.model import events as ev

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "long-thanh"

ORG = Organization(
    "xa",
    "Đảng bộ xã Thử Nghiệm",
    OrgLevel.COMMUNE,
    cells=(
        Cell("cb05", "Vạn Tràng"),
        Cell("cb06", "Văn Tràng"),
        Cell("cb11", "Rú Đất"),
        Cell("cb14", "Trường mầm non", aliases=("Tr. Mầm non",)),
    ),
    mass_organizations=(MassOrganization("lhpn", "Hội LHPN xã", MassOrgKind.WOMEN),),
)


def workbook(path, *sheets, merges=()):
    """Write a workbook by hand: each sheet is (title, rows); merges are (sheet index, range)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(list(row))
    for index, cells in merges:
        wb.worksheets[index].merge_cells(cells)
    wb.save(path)
    return path


def lines(issues):
    """The issues as the user reads them, first line only (Vietnamese)."""
    return [str(i).split("\n")[0] for i in issues]


# --- locations ---------------------------------------------------------------------


def test_a1_references():
    """Column letters run A…Z, AA…; the A1 reference joins letter and row."""
    assert ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"] == [
        column_letter(n) for n in (1, 26, 27, 52, 53, 702, 703)
    ]
    assert "C7" == a1(7, 3)
    with pytest.raises(ValueError, match="start at 1"):
        column_letter(0)


# --- the round trip ------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The Long Thành example and its export as a workbook (written once)."""
    ds = load_dataset(EXAMPLE)
    path = tmp_path_factory.mktemp("example") / "long-thanh.xlsx"
    save_workbook(ds, path)
    return ds, path


def test_the_example_exported_as_a_workbook_loads_back_to_the_same_dataset(example):
    """Long Thành → save_workbook → read_workbook gives the same people, events and dataset."""
    ds, path = example
    result = read_workbook(path, ds.organization)
    assert [] == lines(result.issues)
    assert [r.person for r in ds.records] == list(result.people)
    assert {r.person.id: r.events for r in ds.records if r.events} == {
        pid: Record(ds.record(pid).person, events).events for pid, events in result.events.items()
    }
    assert ds == Dataset(ds.organization, ds.plans, result.records(), ds.data_as_of)


@st.composite
def datasets_with_every_event_type(draw):
    """Lawful datasets plus one arbitrary event of every type for their first person."""
    dataset = draw(dst.datasets(max_people=4))
    if not dataset.records:
        return dataset
    org = dataset.organization
    masses = [m.id for m in org.all_mass_organizations()] or None
    extra = [
        draw(dst.events(cls, cells=[c.id for c in org.all_cells()], mass_organizations=masses))
        for cls in ev.EVENT_TYPES.values()
        if cls is not ev.Introduced or masses
    ]
    first, *rest = dataset.records
    return Dataset(org, dataset.plans, (Record(first.person, first.events + tuple(extra)), *rest))


@settings(max_examples=15)
@given(dataset=datasets_with_every_event_type())
def test_any_dataset_round_trips_through_a_workbook(tmp_path_factory, dataset):
    """Every event type and every person field survive save_workbook then read_workbook."""
    path = tmp_path_factory.mktemp("round-trip") / "x.xlsx"
    save_workbook(dataset, path)
    result = read_workbook(path, dataset.organization)
    assert [] == lines(result.issues)
    assert dataset.records == result.records()


def test_the_exported_workbook_has_the_two_sheets_an_office_expects(example):
    """A wide list with one row per person and a long sheet with one row per event."""
    _, path = example
    wb = openpyxl.load_workbook(path)
    members, events = wb[SHEET_MEMBERS], wb[SHEET_EVENTS]
    # 293 people and 2377 events (the example's README), one header row each.
    assert 293 + 1 == members.max_row
    assert 2377 + 1 == events.max_row
    header = [c.value for c in members[1]]
    assert ["Mã", "Họ và tên", "Ngày sinh", "Giới tính"] == header[:4]
    assert ["Mã", "Ngày", "Loại sự kiện"] == [c.value for c in events[1]][:3]
    # LT-0001 (first row) is in cell cb01-dien-yen, written by its name.
    assert "LT-0001" == members["A2"].value
    assert "Điện Yên" == members.cell(2, header.index("Chi bộ") + 1).value


def test_text_that_looks_like_a_formula_or_has_leading_zeros_round_trips(tmp_path):
    """A name starting with '=' stays text; a card number keeps its leading zero."""
    person = Person(
        "=1+1", "=Người Thử", date(1990, 1, 2), Sex.MALE, card_no="00012345", hamlet="007"
    )
    ds = Dataset(ORG, records=(Record(person, (ev.ApplicationFiled(date=date(2024, 1, 2)),)),))
    path = tmp_path / "x.xlsx"
    save_workbook(ds, path)
    result = read_workbook(path, ORG)
    assert [] == lines(result.issues)
    assert ds.records == result.records()


def test_a_control_character_cannot_be_written(tmp_path):
    """A workbook cannot hold a control character: refused with both texts, nothing half-done."""
    from dangvien.errors import DataError

    person = Person("P1", "Người\x01Thử", date(1990, 1, 2), Sex.MALE)
    with pytest.raises(DataError, match="control character"):
        save_workbook(Dataset(ORG, records=(Record(person),)), tmp_path / "x.xlsx")


# --- the wide list, field by field -------------------------------------------------------

HEADER = (
    "Mã",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Chi bộ",
    "Trình độ GDPT",
    "Số thẻ đảng viên",
)


def test_a_wide_row_becomes_a_person_and_dated_events(tmp_path):
    """Decision, ceremony (in the row's cell) and official date become three events."""
    path = workbook(
        tmp_path / "ds.xlsx",
        (
            "Danh sách",
            [
                (*HEADER, "Ngày quyết định kết nạp", "Ngày vào Đảng", "Ngày chính thức"),
                (
                    "P1",
                    "Người Thử Một",
                    "5/3/1985",
                    "Nữ",
                    "Rú Đất",
                    "9/12",
                    "01234567",
                    "02/05/2012",
                    "20.05.2012",
                    "20-5-2013",
                ),
            ],
        ),
    )
    result = read_workbook(path, ORG)
    assert [] == lines(result.issues)
    expected = Person(
        "P1",
        "Người Thử Một",
        date(1985, 3, 5),
        Sex.FEMALE,
        education=EducationLevel.LOWER_SECONDARY,
        cell="cb11",
        card_no="01234567",
    )
    assert (expected,) == result.people
    assert (
        ev.AdmissionDecision(date=date(2012, 5, 2)),
        ev.AdmissionCeremony(date=date(2012, 5, 20), cell="cb11"),
        ev.RecognitionDecision(
            date=date(2013, 5, 20),
            official_from=date(2013, 5, 20),
            note="Danh sách chỉ ghi ngày chính thức; chưa rõ ngày ra quyết định công nhận",
        ),
    ) == result.events["P1"]


@pytest.mark.parametrize(
    ("written", "level"),
    [
        ("12/12", EducationLevel.UPPER_SECONDARY),
        ("10/10", EducationLevel.UPPER_SECONDARY),
        ("9/12", EducationLevel.LOWER_SECONDARY),
        ("7/10", EducationLevel.LOWER_SECONDARY),
        ("5/12", EducationLevel.PRIMARY),
        ("thcs", EducationLevel.LOWER_SECONDARY),
        ("Tiểu học", EducationLevel.PRIMARY),
        ("tương đương THCS", EducationLevel.LOWER_SECONDARY_EQUIVALENT),
    ],
)
def test_education_grade_notation_and_labels(tmp_path, written, level):
    """The lý lịch's grade/system notation and the labels, in any case."""
    path = workbook(
        tmp_path / "ds.xlsx",
        (
            "DS",
            [
                ("Họ và tên", "Ngày sinh", "Giới tính", "Văn hóa"),
                ("Người Thử", "01/01/1990", "nam", written),
            ],
        ),
    )
    result = read_workbook(path, ORG)
    assert [] == lines(result.issues)
    assert level == result.people[0].education


def test_serial_numbers_and_date_cells_are_dates(tmp_path):
    """A serial (45000 = 15/03/2023) and a date cell shown m/d/y both give the stored day."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS"
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Chi bộ", "Ngày vào Đảng"])
    ws.append(["Người Thử", datetime(1990, 12, 3), "nam", "cb05", 45000])  # noqa: DTZ001
    ws["B2"].number_format = "mm/dd/yyyy"  # a wrong locale shows 12/03/1990: still 3 December
    wb.save(tmp_path / "ds.xlsx")
    result = read_workbook(tmp_path / "ds.xlsx", ORG)
    assert [] == lines(result.issues)
    assert date(1990, 12, 3) == result.people[0].birth_date
    assert (ev.AdmissionCeremony(date=date(2023, 3, 15), cell="cb05"),) == result.events["DS:2"]


def test_ids_come_from_the_code_column_else_the_serial_else_the_row(tmp_path):
    """Mã wins; else STT (a number is its digits); else <sheet>:<row>."""
    path = workbook(
        tmp_path / "ds.xlsx",
        (
            "A",
            [("STT", "Họ và tên", "Ngày sinh", "Giới tính"), (1, "Người Một", "1/1/1990", "nam")],
        ),
        ("B", [("Họ và tên", "Ngày sinh", "Giới tính"), ("Người Hai", "1/1/1990", "nữ")]),
        (
            "C",
            [
                ("Mã", "STT", "Họ và tên", "Ngày sinh", "Giới tính"),
                ("ĐV-7", 1, "Người Ba", "1/1/1990", "nữ"),
            ],
        ),
    )
    result = read_workbook(path, ORG)
    assert [] == lines(result.issues)
    assert ["1", "B:2", "ĐV-7"] == [p.id for p in result.people]


# --- header variants --------------------------------------------------------------------


def test_headers_without_diacritics_in_capitals_with_extra_spaces(tmp_path):
    """HO VA TEN, 'ngay  sinh', 'GIOI   TINH', 'Chi bo' are the usual columns."""
    path = workbook(
        tmp_path / "ds.xlsx",
        (
            "DS",
            [
                ("  HO VA TEN ", "ngay  sinh", "GIỚI   TÍNH", "Chi bo", "Ton giao"),
                ("Người Thử", "01/01/1990", "nam", "Vạn Tràng", "Không"),
            ],
        ),
    )
    result = read_workbook(path, ORG)
    assert [] == lines(result.issues)
    assert [("DS:2", "cb05")] == [(p.id, p.cell) for p in result.people]


def test_a_title_block_a_two_row_merged_header_and_a_column_number_row(tmp_path):
    """H5: title above, 'Ngày sinh' merged over Nam | Nữ, 'Trình độ' over GDPT | LLCT, (1) (2)…

    Row 1–3 title block, 4–5 header, 6 column numbers, data from row 7.
    The date in the Nam or Nữ sub-column gives the sex.
    """
    rows = [
        ("ĐẢNG BỘ XÃ THỬ NGHIỆM", None, None, None, None, None, None, None),
        ("DANH SÁCH TRÍCH NGANG ĐẢNG VIÊN", None, None, None, None, None, None, None),
        (),
        ("STT", "Họ và tên", "Ngày sinh", None, "Trình độ", None, "Chi bộ", "Ghi chú"),
        (None, None, "Nam", "Nữ", "GDPT", "LLCT", None, None),
        ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"),
        (1, "Người Thử Một", "12/3/1980", None, "12/12", "Sơ cấp", "Văn Tràng", None),
        (2, "Người Thử Hai", None, "1.2.1990", "9/12", None, "Tr. Mầm non", "chuyển đến"),
    ]
    merges = [
        (0, "A1:H1"),
        (0, "A2:H2"),
        (0, "A4:A5"),
        (0, "B4:B5"),
        (0, "C4:D4"),
        (0, "E4:F4"),
        (0, "G4:G5"),
        (0, "H4:H5"),
    ]
    path = workbook(tmp_path / "ds.xlsx", ("Trích ngang", rows), merges=merges)
    result = read_workbook(path, ORG)
    assert [] == lines(result.issues)
    assert [
        Person("1", "Người Thử Một", date(1980, 3, 12), Sex.MALE, cell="cb06"),
        Person(
            "2",
            "Người Thử Hai",
            date(1990, 2, 1),
            Sex.FEMALE,
            education=EducationLevel.LOWER_SECONDARY,
            cell="cb14",
        ),
    ] == list(result.people)


def test_nam_nu_sub_columns_without_merged_cells(tmp_path):
    """The same two-row header typed without merging: the group header carries to the right."""
    rows = [
        ("Họ và tên", "Ngày tháng năm sinh", None, "Chi bộ"),
        (None, "Nam", "Nữ", None),
        ("Người Thử", None, "3/4/1995", "Rú Đất"),
    ]
    result = read_workbook(workbook(tmp_path / "ds.xlsx", ("DS", rows)), ORG)
    assert [] == lines(result.issues)
    assert [(date(1995, 4, 3), Sex.FEMALE)] == [(p.birth_date, p.sex) for p in result.people]


def test_a_mapping_file_names_an_office_s_own_columns(tmp_path):
    """columns.toml maps 'Ngày KN dự bị' to the ceremony, ignores 'Điện thoại' and a sheet."""
    (tmp_path / "columns.toml").write_text(
        'ignore_sheets = ["Tổng hợp"]\n\n[member_list]\n'
        '"Ngày KN dự bị" = "ceremony"\n"Điện thoại" = "ignore"\n',
        encoding="utf-8",
    )
    path = workbook(
        tmp_path / "ds.xlsx",
        (
            "DS",
            [
                (
                    "Mã",
                    "Họ và tên",
                    "Ngày sinh",
                    "Giới tính",
                    "Chi bộ",
                    "Ngày KN dự bị",
                    "Điện thoại",
                ),
                ("P1", "Người Thử", "1/1/1990", "nam", "Rú Đất", "2/9/2020", "0912345678"),
            ],
        ),
        ("Tổng hợp", [("Tổng số", 1)]),
    )
    without = read_workbook(path, ORG)
    assert [
        'ds.xlsx[DS]:1: cột "F (Ngày KN dự bị)": ô F1: tiêu đề cột không có trong danh sách '
        "được chấp nhận (xem docs/dataset-format.md); đổi tên cột, hoặc khai báo nó (hay ignore "
        "để bỏ qua) trong columns.toml",
        'ds.xlsx[DS]:1: cột "G (Điện thoại)": ô G1: tiêu đề cột không có trong danh sách được '
        "chấp nhận (xem docs/dataset-format.md); đổi tên cột, hoặc khai báo nó (hay ignore để "
        "bỏ qua) trong columns.toml",
        "ds.xlsx[Tổng hợp]: không nhận ra trang tính: 30 dòng đầu không có dòng tiêu đề với cột "
        "Họ và tên (danh sách) hoặc Loại sự kiện (sự kiện); xóa trang này hoặc ghi tên nó vào "
        "ignore_sheets trong columns.toml",
    ] == lines(without.issues)
    result = read_workbook(path, ORG, mapping=tmp_path / "columns.toml")
    assert [] == lines(result.issues)
    assert (ev.AdmissionCeremony(date=date(2020, 9, 2), cell="cb11"),) == result.events["P1"]


def test_a_bad_mapping_file_is_reported_by_key():
    """An unknown field and an unknown table are issues of columns.toml, with the allowed names."""
    from dangvien.io._headers import mapping_from

    mapping, issues = mapping_from({"member_list": {"Ngày KN": "ceremonie"}, "people": {}})
    assert {} == dict(mapping.member_list)
    assert [
        ("columns.toml", "member_list.Ngày KN", "Ngày KN", "ceremonie"),
        ("columns.toml", "people", "people", None),
    ] == [(i.file, i.row, i.column, i.value) for i in issues]
    assert "ceremony" in issues[0].expected_en


# --- bad cells: each once, with its A1 reference -------------------------------------------


def test_every_bad_cell_is_reported_with_its_a1_reference(tmp_path):
    """Wrong date, unknown cell, bad sex label, card typed as a number, year-only date.

    Each bad cell is one issue naming the sheet, the Excel row, the column
    letter and header, the value and what was expected; the good row loads.
    """
    rows = [
        ("DANH SÁCH ĐẢNG VIÊN",),
        (),
        (
            "Mã",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Chi bộ",
            "Số thẻ đảng viên",
            "Ngày vào Đảng",
        ),
        ("P1", "Người Một", "31/02/1990", "nam", "Vạn Tràng", None, None),
        ("P2", "Người Hai", "1/1/1990", "nam", "Van Trang", None, None),
        ("P3", "Người Ba", "1/1/1990", "Nu", "Rú Đất", None, None),
        ("P4", "Người Bốn", "1/1/1990", "nữ", "Ru Dat", 1234567, None),
        ("P5", "Người Năm", 1948, "nam", "Rú Đất", "01234567", "…/…/1975"),
        ("P6", "Người Sáu", "2/2/1990", "nữ", "Rú Đất", "00000001", "3/2/2015"),
    ]
    result = read_workbook(workbook(tmp_path / "danh-sach.xlsx", ("Danh sách", rows)), ORG)
    assert [
        'danh-sach.xlsx[Danh sách]:4: cột "C (Ngày sinh)" = "**/**/1990": '
        "ô C4: không có ngày này trong lịch",
        'danh-sach.xlsx[Danh sách]:5: cột "E (Chi bộ)" = "Van Trang": '
        "ô E5: không rõ là Vạn Tràng / Văn Tràng: ghi đúng dấu hoặc dùng mã",
        'danh-sach.xlsx[Danh sách]:6: cột "D (Giới tính)" = "Nu": '
        "ô D6: cần một trong: nam, nữ (đúng cả dấu, không phân biệt hoa thường)",
        'danh-sach.xlsx[Danh sách]:7: cột "E (Chi bộ)" = "Ru Dat": '
        "ô E7: không có chi bộ này (tên phải đúng cả dấu); có phải Rú Đất?",
        'danh-sach.xlsx[Danh sách]:7: cột "F (Số thẻ đảng viên)" = "*******": '
        "ô F7: ô là số ******* trong khi cần văn bản: Excel bỏ mất các số 0 ở đầu; định dạng "
        "ô là Text (Văn bản) rồi gõ lại đúng như giấy tờ",
        'danh-sach.xlsx[Danh sách]:8: cột "C (Ngày sinh)" = "1948": ô C8: chỉ ghi năm 1948: '
        "ghi đủ ngày, tháng, năm (dd/mm/yyyy) như trong lý lịch đảng viên hoặc giấy khai sinh; "
        "dangvien không tự đoán ngày",
        'danh-sach.xlsx[Danh sách]:8: cột "G (Ngày vào Đảng)" = "…/…/1975": ô G8: chỉ ghi năm '
        "1975: ghi đủ ngày, tháng, năm (dd/mm/yyyy) như trong biên bản lễ kết nạp; dangvien "
        "không tự đoán ngày",
    ] == lines(result.issues)
    assert "(cell C4: no such date in the calendar)" == str(result.issues[0]).split("\n")[1].strip()
    assert ["P6"] == [p.id for p in result.people]
    assert (ev.AdmissionCeremony(date=date(2015, 2, 3), cell="cb11"),) == result.events["P6"]


def test_row_level_problems_of_the_wide_list(tmp_path):
    """Missing name, duplicate id, two birth columns, sex against Nam/Nữ, ceremony without cell."""
    rows = [
        ("Mã", "Họ và tên", "Ngày sinh", None, "Giới tính", "Chi bộ", "Ngày vào Đảng"),
        (None, None, "Nam", "Nữ", None, None, None),
        ("P1", None, "1/1/1990", None, "nam", "Rú Đất", None),
        ("P2", "Người Hai", "1/1/1990", "2/2/1990", None, "Rú Đất", None),
        ("P3", "Người Ba", "1/1/1990", None, "nữ", "Rú Đất", None),
        ("P4", "Người Bốn", None, "1/1/1990", None, None, "5/5/2015"),
        ("P4", "Người Bốn Bis", None, "1/1/1990", None, None, None),
    ]
    result = read_workbook(workbook(tmp_path / "ds.xlsx", ("DS", rows)), ORG)
    assert [
        'ds.xlsx[DS]:3: cột "B (Họ và tên)": ô B3: bắt buộc, ô đang trống',
        'ds.xlsx[DS]:4: cột "D (Ngày sinh / Nữ)" = "*/*/1990": '
        "ô D4: ngày sinh ghi ở nhiều cột (C, D); chỉ giữ một",
        'ds.xlsx[DS]:5: cột "E (Giới tính)" = "nữ": '
        "ô E5: giới tính trái với cột C, nơi ghi ngày sinh",
        'ds.xlsx[DS]:7: cột "A (Mã)" = "P4": ô A7: mã trùng với dòng ds.xlsx[DS]:6',
        'ds.xlsx[DS]:6: cột "G (Ngày vào Đảng)" = "5/5/2015": '
        "ô G6: ngày vào Đảng cần chi bộ của người này (cột Chi bộ đang trống)",
    ] == lines(result.issues)


def test_the_event_sheet_reports_what_does_not_fit_its_type(tmp_path):
    """Unknown person, unknown type, a column the type does not use, a required field missing."""
    members = (
        "DS",
        [("Mã", "Họ và tên", "Ngày sinh", "Giới tính"), ("P1", "Người Một", "1/1/1990", "nam")],
    )
    events = (
        "Sự kiện",
        [
            ("Mã", "Ngày", "Loại sự kiện", "Chi bộ", "Số tán thành", "Số đảng viên chính thức"),
            ("P9", "1/2/2024", "application", None, None, None),
            ("P1", "1/2/2024", "Nộp đơn", None, None, None),
            ("P1", "1/3/2024", "Nộp đơn xin vào Đảng", "Rú Đất", None, None),
            ("P1", "1/4/2024", "Nghị quyết chi bộ đề nghị kết nạp", "Rú Đất", 9, None),
            ("P1", "1/5/2024", "nộp đơn xin vào đảng", None, None, None),
        ],
    )
    result = read_workbook(workbook(tmp_path / "ds.xlsx", members, events), ORG)
    assert [
        'ds.xlsx[Sự kiện]:2: cột "A (Mã)" = "P9": ô A2: không có người mã này trong danh sách',
        'ds.xlsx[Sự kiện]:3: cột "C (Loại sự kiện)" = "Nộp đơn": ô C3: cần loại sự kiện: tên '
        "tiếng Việt trong danh sách chọn (như Lễ kết nạp đảng viên) hoặc mã (như ceremony)",
        'ds.xlsx[Sự kiện]:4: cột "D (Chi bộ)" = "Rú Đất": ô D4: cột này không dùng cho sự '
        "kiện 'Nộp đơn xin vào Đảng', phải để trống",
        'ds.xlsx[Sự kiện]:5: cột "F (Số đảng viên chính thức)": ô F5: bắt buộc với sự kiện '
        "'Nghị quyết chi bộ đề nghị kết nạp'",
    ] == lines(result.issues)
    assert (ev.ApplicationFiled(date=date(2024, 5, 1)),) == result.events["P1"]


def test_the_list_and_the_event_sheet_must_agree(tmp_path):
    """A list date equal to the sheet's event adds nothing; a different one is reported."""
    members = (
        "DS",
        [
            (
                "Mã",
                "Họ và tên",
                "Ngày sinh",
                "Giới tính",
                "Chi bộ",
                "Ngày quyết định kết nạp",
                "Ngày chính thức",
            ),
            ("P1", "Người Một", "1/1/1990", "nam", "Rú Đất", "2/5/2012", "20/5/2013"),
            ("P2", "Người Hai", "1/1/1990", "nam", "Rú Đất", "3/5/2012", None),
        ],
    )
    events = (
        "Sự kiện",
        [
            ("Mã", "Ngày", "Loại sự kiện", "Số văn bản", "Chính thức từ ngày"),
            ("P1", "2/5/2012", "admission_decision", "12-QĐ/HU", None),
            ("P1", "2/6/2013", "recognition_decision", None, "20/5/2013"),
            ("P2", "2/5/2012", "admission_decision", None, None),
        ],
    )
    result = read_workbook(workbook(tmp_path / "ds.xlsx", members, events), ORG)
    assert [
        'ds.xlsx[DS]:3: cột "F (Ngày quyết định kết nạp)" = "3/5/2012": ô F3: trang Sự kiện '
        "ghi 'Quyết định kết nạp đảng viên' ngày 02/05/2012; ô này ghi ngày khác: sửa cho khớp"
    ] == lines(result.issues)
    assert (
        ev.AdmissionDecision(date=date(2012, 5, 2), doc_no="12-QĐ/HU"),
        ev.RecognitionDecision(date=date(2013, 6, 2), official_from=date(2013, 5, 20)),
    ) == result.events["P1"]


def test_a_stacked_column_and_missing_required_columns_are_reported_at_the_header(tmp_path):
    """Mẫu 7-HSĐV's stacked 'Ngày vào Đảng, ngày chính thức' must be split; no Giới tính column."""
    rows = [
        ("Họ và tên", "Ngày sinh", "Ngày vào Đảng, ngày chính thức"),
        ("Người Một", "1/1/1990", "2/2/2012\n2/2/2013"),
    ]
    result = read_workbook(workbook(tmp_path / "ds.xlsx", ("DS", rows)), ORG)
    assert [
        'ds.xlsx[DS]:1: cột "C (Ngày vào Đảng, ngày chính thức)": ô C1: cột ghép nhiều giá trị '
        "trong một ô; tách thành các cột: Ngày vào Đảng | Ngày chính thức",
        'ds.xlsx[DS]:1: cột "Giới tính": thiếu cột bắt buộc Giới tính; không đọc được dòng '
        "nào của trang này",
    ] == lines(result.issues)
    assert () == result.people


def test_formulas_without_a_stored_value_are_reported(tmp_path):
    """A formula openpyxl wrote has no value stored: reported, not read as blank."""
    path = workbook(
        tmp_path / "ds.xlsx",
        ("DS", [("Họ và tên", "Ngày sinh", "Giới tính"), ("Người Một", "=DATE(1990,1,1)", "nam")]),
    )
    result = read_workbook(path, ORG)
    assert [
        'ds.xlsx[DS]:2: cột "B (Ngày sinh)" = "=DATE(1990,*,*)": ô B2: công thức '
        "=DATE(1990,*,*) chưa có giá trị lưu trong tệp: mở tệp bằng Excel rồi lưu lại"
    ] == lines(result.issues)


def test_a_file_that_is_not_a_workbook_is_one_issue(tmp_path):
    """A CSV renamed .xlsx is reported, not raised."""
    path = tmp_path / "ds.xlsx"
    path.write_text("Họ và tên\n", encoding="utf-8")
    result = read_workbook(path, ORG)
    assert [("ds.xlsx", None)] == [(i.file, i.row) for i in result.issues]
    assert result.issues[0].expected_en.startswith("the file cannot be read")


def test_without_openpyxl_the_user_is_told_what_to_install(tmp_path, monkeypatch):
    """A missing optional dependency is a UsageError naming the extra."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(UsageError, match=r'pip install "dangvien\[excel\]"'):
        read_workbook(tmp_path / "ds.xlsx", ORG)


# --- CSV with Vietnamese headers -----------------------------------------------------


def test_a_member_list_csv_with_vietnamese_headers(tmp_path):
    """The wide layout as CSV (BOM, title line, two-row header), with a Vietnamese event CSV."""
    (tmp_path / "ds.csv").write_text(
        "\ufeffDANH SÁCH ĐẢNG VIÊN,,,,\n"
        "Mã,Họ và tên,Ngày sinh,,Chi bộ\n"
        ",,Nam,Nữ,\n"
        "P1,Người Một,05-03-1985,,Tr. Mầm non\n"
        "P2,Người Hai,,31/2/1990,Rú Đất\n",
        encoding="utf-8",
    )
    (tmp_path / "su-kien.csv").write_text(
        "Mã,Ngày,Loại sự kiện,Chi bộ\nP1,2/9/2020,Lễ kết nạp đảng viên,Tr. Mầm non\n",
        encoding="utf-8",
    )
    result = read_member_list_csv(tmp_path / "ds.csv", ORG, events=tmp_path / "su-kien.csv")
    assert [
        'ds.csv:5: cột "D (Ngày sinh / Nữ)" = "**/*/1990": ô D5: không có ngày này trong lịch'
    ] == lines(result.issues)
    assert (Person("P1", "Người Một", date(1985, 3, 5), Sex.MALE, cell="cb14"),) == result.people
    assert (ev.AdmissionCeremony(date=date(2020, 9, 2), cell="cb14"),) == result.events["P1"]


# --- the header tables -----------------------------------------------------------------


def test_every_accepted_header_means_one_field():
    """After header_key no two fields share a header, and none is also ignored or stacked."""
    for table, headers in (("member_list", MEMBER_HEADERS), ("events", EVENT_HEADERS)):
        owner: dict[str, str] = {}
        for field, names in headers.items():
            for name in names:
                k = header_key(name)
                assert owner.setdefault(k, field) == field, (table, name)
                assert field == match_header(name, table).field
        if table == "member_list":
            assert set() == set(owner) & {header_key(h) for h in IGNORED_HEADERS}
    assert set() == {header_key(h) for h in STACKED_HEADERS} & {
        header_key(n) for names in MEMBER_HEADERS.values() for n in names
    }
    assert set(EVENT_FIELDS) == set(EVENT_HEADERS)


def test_event_titles_are_unique_names_for_the_type_column():
    """The Vietnamese titles written in 'Loại sự kiện' tell the types apart."""
    from dangvien._text import key

    titles = [key(cls.event_kind().label_vi) for cls in ev.EVENT_TYPES.values()]
    assert len(ev.EVENT_TYPES) == len(set(titles))


# --- fuzz ------------------------------------------------------------------------------

_CELL_VALUES = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(-10, 3_000_000),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e7, max_value=1e7),
    st.booleans(),
    st.datetimes(datetime(1900, 3, 1), datetime(2100, 1, 1)),  # noqa: DTZ001 - Excel has no zones
    st.sampled_from(["nam", "nữ", "Rú Đất", "1948", "9/12", "31/02/2000", "1/1/1990", "=1"]),
)


@settings(max_examples=40)
@given(rows=st.lists(st.lists(_CELL_VALUES, min_size=9, max_size=9), max_size=4))
def test_random_cells_give_people_or_issues_never_an_exception(tmp_path_factory, rows):
    """Whatever the data rows hold, reading returns people or issues and raises nothing."""
    header = (
        "Mã",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Chi bộ",
        "Trình độ GDPT",
        "Số thẻ đảng viên",
        "Ngày vào Đảng",
        "Ngày chính thức",
    )
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        for j, value in enumerate(row, start=1):
            try:
                ws.cell(ws.max_row + (j == 1), j, value)
            except IllegalCharacterError:  # refused by openpyxl: leave the cell blank
                ws.cell(ws.max_row, j, None)
    path = tmp_path_factory.mktemp("fuzz") / "ds.xlsx"
    wb.save(path)
    result = read_workbook(path, ORG)
    filled = sum(
        1
        for r in ws.iter_rows(min_row=2, values_only=True)
        if any(v is not None and str(v).strip() for v in r)
    )
    assert filled <= len(result.people) + len({i.row for i in result.issues})
    for issue in result.issues:
        assert str(issue)


# --- the documentation ---------------------------------------------------------------


def test_the_dataset_format_page_lists_the_accepted_headers_of_the_code():
    """docs/dataset-format.md's header tables equal scripts/gen_headers_doc.py's render()."""
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "scripts" / "gen_headers_doc.py"
    spec = importlib.util.spec_from_file_location("gen_headers_doc", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = module.PAGE.read_text(encoding="utf-8")
    assert module.updated(page) == page, "stale: run `python scripts/gen_headers_doc.py`"
    assert "| `ceremony` | `Ngày vào Đảng`, `Ngày kết nạp`," in page


@pytest.mark.parametrize(
    "name", ["dangvien.io._headers", "dangvien.io.workbook", "dangvien.io.template"]
)
def test_public_names_resolve_and_are_documented(name):
    """Each module's __all__ names exist, and its classes and functions carry a docstring."""
    import importlib
    import inspect

    module = importlib.import_module(name)
    assert all(hasattr(module, item) for item in module.__all__)
    undocumented = [
        item
        for item in module.__all__
        if (inspect.isclass(obj := getattr(module, item)) or inspect.isfunction(obj))
        and not (obj.__doc__ or "").strip()
    ]
    assert [] == undocumented
