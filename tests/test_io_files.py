"""Dataset files: lossless round trip and complete, precise error reports."""

from datetime import date

import pytest

from dangvien.io import DatasetError, LoadIssue, load_dataset, read_dataset, save_dataset
from dangvien.model import (
    AdmissionTarget,
    Cell,
    CellKind,
    Dataset,
    IntroductionTarget,
    LegalBasis,
    MassOrganization,
    MassOrgKind,
    Organization,
    OrgLevel,
    Person,
    Plan,
    PlanPeriod,
    Record,
    Sex,
    TargetRange,
)
from dangvien.model import events as ev

ORG = Organization(
    "long-thanh",
    "Đảng bộ xã Long Thành",
    OrgLevel.COMMUNE,
    cells=(
        Cell("van-trang-1", "Vạn Tràng"),
        Cell("van-trang-2", "Văn Tràng"),
        Cell("ru-dat", "Rú Đất"),
        Cell("mam-non", "Trường mầm non", CellKind.SCHOOL, aliases=("Tr. Mầm non",)),
    ),
    mass_organizations=(MassOrganization("doan", "Đoàn thanh niên", MassOrgKind.YOUTH_UNION),),
)
PLAN = Plan(
    "kh-2023", "-KH/ĐU", date(2023, 6, 8), "Ban Thường vụ Đảng ủy xã", "long-thanh",
    "Kế hoạch", PlanPeriod(2023, 2025, open_ended=True),
    legal_bases=(LegalBasis("24-QĐ/TW", date(2022, 7, 30), "thi hành Điều lệ Đảng"),
                 LegalBasis(None, None, "Điều lệ Đảng")),
    headline=TargetRange(9, 11),
    admission_targets=(AdmissionTarget("Tr. Mầm non", 2), AdmissionTarget("Rú Đất", 1, year=2024)),
    introduction_targets=(IntroductionTarget("Đoàn thanh niên", 5),),
    stated_admission_total=21,
)  # fmt: skip


def _dataset() -> Dataset:
    person = Person("LT-1", "Người Thử Một", date(2004, 2, 29), Sex.FEMALE, hamlet="Rú Đất",
                    cell="ru-dat", special_area=True)  # fmt: skip
    events = (
        ev.Introduced(date=date(2022, 1, 3), organization="doan"),
        ev.ListedSympathizer(date=date(2022, 2, 1), cell="ru-dat", doc_no="05-NQ/CB"),
        ev.IntroducersAssigned(date=date(2022, 9, 1), introducers=("LT-2",),
                               org_introducer=ev.OrgIntroducer.YOUTH_UNION),
        ev.CellResolution(date=date(2022, 10, 3), cell="ru-dat", votes_for=2,
                          official_members=4, approved=False, note="không đạt 2/3"),
        ev.AdmissionDecision(date=date(2023, 1, 5), received=date(2023, 1, 9)),
    )  # fmt: skip
    other = Person("LT-2", "Người Thử Hai", date(1970, 12, 31), Sex.MALE, cell="mam-non")
    return Dataset(ORG, (PLAN,), (Record(person, events), Record(other, ())))


@pytest.mark.parametrize("bom", [True, False])
def test_save_then_load_is_lossless(tmp_path, bom):
    """Writing a dataset and reading it back gives an equal dataset, with or without BOM."""
    dataset = _dataset()
    save_dataset(dataset, tmp_path, bom=bom)
    assert bom == (tmp_path / "people.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert dataset == load_dataset(tmp_path)


def _write(tmp_path, people: str, events: str = "person_id,date,type\n") -> None:
    save_dataset(Dataset(ORG, (PLAN,), ()), tmp_path)
    (tmp_path / "people.csv").write_text(people, encoding="utf-8")
    (tmp_path / "events.csv").write_text(events, encoding="utf-8")


def test_every_bad_people_row_is_reported(tmp_path):
    """Three bad values on three rows give three issues, each with file, row, column, value."""
    _write(
        tmp_path,
        "id,full_name,birth_date,sex,cell\n"
        "A,Người A,31/02/2004,nữ,Rú Đất\n"
        "B,Người B,2004-01-01,male,Rú Đất\n"
        "C,Người C,2004-01-01,nam,Van Trang\n"
        "D,Người D,8/6/2004,nam,Tr. Mầm non\n",
    )
    issues = read_dataset(tmp_path).issues
    assert [("people.csv", 2, "birth_date", "31/02/2004"), ("people.csv", 3, "sex", "male"),
            ("people.csv", 4, "cell", "Van Trang")] == [
        (i.file, i.row, i.column, i.value) for i in issues]  # fmt: skip
    assert "nam, nữ" in issues[1].expected
    assert "Vạn Tràng" in issues[2].expected
    assert "Văn Tràng" in issues[2].expected


def test_dd_mm_yyyy_and_alias_are_accepted(tmp_path):
    """A Vietnamese date and a printed alias load to the ISO date and the cell id."""
    _write(tmp_path, "id,full_name,birth_date,sex,cell\nD,Người D,8/6/2004,nam,Tr. Mầm non\n")
    person = load_dataset(tmp_path).records[0].person
    assert (date(2004, 6, 8), "mam-non") == (person.birth_date, person.cell)


def test_diacritics_decide_the_cell(tmp_path):
    """`Vạn Tràng` and `Văn Tràng` resolve to two different cells."""
    _write(tmp_path, "id,full_name,birth_date,sex,cell\n"
                     "A,A,2004-01-01,nam,Vạn Tràng\nB,B,2004-01-01,nam,văn tràng\n")  # fmt: skip
    cells = [r.person.cell for r in load_dataset(tmp_path).records]
    assert ["van-trang-1", "van-trang-2"] == cells


def test_unique_folded_name_is_suggested(tmp_path):
    """`Ru Dat` is refused but `Rú Đất` is suggested."""
    _write(tmp_path, "id,full_name,birth_date,sex,cell\nA,A,2004-01-01,nam,Ru Dat\n")
    (issue,) = read_dataset(tmp_path).issues
    assert "Rú Đất" in issue.expected


def test_event_rows_report_every_problem(tmp_path):
    """Unknown person, unknown type, bad int, missing required field and an inapplicable column are all reported."""  # noqa: E501
    _write(
        tmp_path,
        "id,full_name,birth_date,sex\nA,A,2004-01-01,nam\n",
        "person_id,date,type,cell,votes_for,official_members,organization\n"
        "Z,2023-01-01,application,,,,\n"
        "A,2023-01-01,applied,,,,\n"
        "A,2023-02-01,cell_resolution,Rú Đất,hai,4,\n"
        "A,2023-03-01,cell_resolution,Rú Đất,3,,\n"
        "A,2023-04-01,application,Rú Đất,,,\n"
        "A,2023-04-02,introduced,,,,Doan thanh nien\n",
    )
    got = [(i.row, i.column, i.value) for i in read_dataset(tmp_path).issues]
    assert [(2, "person_id", "Z"), (3, "type", "applied"), (4, "votes_for", "hai"),
            (5, "official_members", None), (6, "cell", "Rú Đất"),
            (7, "organization", "Doan thanh nien")] == got  # fmt: skip


def test_unknown_columns_and_duplicate_ids(tmp_path):
    """An unknown column and a duplicate id are reported, not ignored."""
    _write(
        tmp_path, "id,full_name,birth_date,sex,phone\nA,A,2004-01-01,nam,1\nA,B,2004-01-01,nam,2\n"
    )
    got = [(i.row, i.column) for i in read_dataset(tmp_path).issues]
    assert [(1, "phone"), (3, "id")] == got


def test_toml_errors_name_the_key_path(tmp_path):
    """A bad enum and an unknown key in plans.toml are reported with their key paths."""
    save_dataset(Dataset(ORG, (PLAN,), ()), tmp_path)
    text = (tmp_path / "plans.toml").read_text(encoding="utf-8")
    text = text.replace("annual = 2 }", 'annual = "hai", extra = 1 }', 1)
    (tmp_path / "plans.toml").write_text(text, encoding="utf-8")
    issues = read_dataset(tmp_path).issues
    assert {("plans[0].admission_targets[0]", "extra"),
            ("plans[0].admission_targets[0].annual", "annual")} == {
        (str(i.row), i.column) for i in issues}  # fmt: skip


def test_load_dataset_raises_with_all_issues(tmp_path):
    """load_dataset raises DatasetError carrying every issue; str() lists them."""
    _write(tmp_path, "id,full_name,birth_date,sex\nA,A,x,nam\nB,B,y,nam\n")
    with pytest.raises(DatasetError) as info:
        load_dataset(tmp_path)
    assert 2 == len(info.value.issues)
    assert all(isinstance(i, LoadIssue) for i in info.value.issues)
    assert "people.csv:3" in str(info.value)
