"""Nonsense is refused at load, at the cell or key that holds it.

Each test changes one thing in a copy of the tiny dataset
(``tests/data/tiny``: 3 people on rows 2–4, 6 events on rows 2–7, data as of
31/12/2025) and names the file, row or key, column and value expected.
"""

from datetime import date

import pytest
from tests.io_support import copy_tiny

from dangvien.io import MAX_COUNT, load_dataset, read_dataset, save_dataset


@pytest.fixture
def tiny(tmp_path):
    """A fresh copy of the tiny dataset."""
    return copy_tiny(tmp_path / "tiny")


def edit(path, old, new):
    """Replace one text in a file, which must hold it."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path, text):
    """Append lines to a file."""
    with path.open("a", encoding="utf-8") as fh:
        fh.write(text)


def where(issues):
    """(file, row, column, value) of each issue."""
    return [(i.file, i.row, i.column, i.value) for i in issues]


# --- numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "row", "column", "value", "expected"),
    [
        (
            "stated_admission_total = 2",
            "stated_admission_total = -2",
            "plans[0].stated_admission_total",
            "stated_admission_total",
            "-2",
            "expected a number ≥ 0",
        ),
        (
            "annual = 1\n",
            "annual = -1\n",
            "plans[0].admission_targets[0].annual",
            "annual",
            "-1",
            "expected a number ≥ 0",
        ),
        (
            "annual = 1\n",
            "annual = 1000000000000\n",
            "plans[0].admission_targets[0].annual",
            "annual",
            "1000000000000",
            "implausibly large, at most 1,000,000",
        ),
        (
            "stated_admission_total = 2",
            "stated_admission_total = 1000000000000",
            "plans[0].stated_admission_total",
            "stated_admission_total",
            "1000000000000",
            "implausibly large, at most 1,000,000",
        ),
        (
            "stated_admission_total = 2",
            "stated_introduction_total = -5",
            "plans[0].stated_introduction_total",
            "stated_introduction_total",
            "-5",
            "expected a number ≥ 0",
        ),
    ],
    ids=["negative-total", "negative-target", "absurd-target", "absurd-total", "negative-intro"],
)
def test_negative_and_absurd_plan_numbers_are_refused(tiny, old, new, row, column, value, expected):
    """A negative or implausibly large total or target is one issue at its key."""
    edit(tiny / "plans.toml", old, new)
    result = read_dataset(tiny)
    assert [("plans.toml", row, column, value)] == where(result.issues)
    assert expected == result.issues[0].expected_en


def test_the_plausibility_bound_is_inclusive(tiny):
    """A target of exactly MAX_COUNT (a million) is accepted, one more is not."""
    assert 1_000_000 == MAX_COUNT
    edit(tiny / "plans.toml", "annual = 1\n", "annual = 1000000\n")
    assert 1_000_000 == load_dataset(tiny).plans[0].admission_targets[0].annual
    edit(tiny / "plans.toml", "annual = 1000000\n", "annual = 1000001\n")
    assert ["implausibly large, at most 1,000,000"] == [
        i.expected_en for i in read_dataset(tiny).issues
    ]


@pytest.mark.parametrize(
    ("votes", "expected"),
    [("-2", "expected a number ≥ 0"), ("1000000000000", "implausibly large, at most 1,000,000")],
)
def test_negative_and_absurd_counts_in_csv_are_refused(tiny, votes, expected):
    """A vote count in events.csv obeys the same bound: one issue at its cell."""
    edit(tiny / "events.csv", "cell_resolution,cb01,2,2", f"cell_resolution,cb01,{votes},2")
    result = read_dataset(tiny)
    assert [("events.csv", 6, "votes_for", votes)] == where(result.issues)
    assert expected == result.issues[0].expected_en


def test_thousands_of_digits_are_refused_without_converting_them(tiny):
    """A 5 000-digit number (beyond Python's int conversion limit) is an issue, not a crash."""
    huge = "9" * 5000
    edit(tiny / "events.csv", "cell_resolution,cb01,2,2", f"cell_resolution,cb01,{huge},2")
    edit(tiny / "plans.toml", "annual = 1\n", f"annual = {huge}\n")
    assert ["plans.toml", "events.csv"] == [i.file for i in read_dataset(tiny).issues]


# --- the organisation tree -------------------------------------------------------------


def test_validity_ending_before_it_starts_is_refused_anywhere_in_the_tree(tmp_path):
    """valid_from after valid_to, in a district two levels down, is reported at its key path."""
    org = """\
id = "tinh"
name = "Đảng bộ tỉnh Thử Nghiệm"
level = "tỉnh"

[[children]]
id = "huyen-a"
name = "Đảng bộ huyện A"
level = "huyện"
valid_from = 2010-01-01
valid_to = 2025-06-30

[[children]]
id = "huyen-b"
name = "Đảng bộ huyện B"
level = "huyện"
valid_from = 2025-07-01
valid_to = 2025-06-30
"""
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "organization.toml").write_text(org, encoding="utf-8")
    result = read_dataset(tmp_path)
    assert [("organization.toml", "children[1].valid_from", "valid_from", "2025-07-01")] == (
        where(result.issues)
    )
    assert "starts after it ends: valid_to = 30/06/2025" == result.issues[0].expected_en


# --- people ---------------------------------------------------------------------------------


def test_ids_differing_only_in_case_are_one_person_twice(tiny):
    """'tn-0001' after 'TN-0001' (row 2) is refused at its row, naming the first."""
    append(tiny / "people.csv", "tn-0001,Người Thử Nghiệm Bốn,1990-03-15,nữ,,\n")
    result = read_dataset(tiny)
    assert [("people.csv", 5, "id", "tn-0001")] == where(result.issues)
    assert ("differs only in case from 'TN-0001' on row 2; one id per person") == result.issues[
        0
    ].expected_en


def test_ids_differing_by_a_diacritic_are_two_people(tiny):
    """'ĐV-0001' and 'DV-0001' are two ids: identity never strips diacritics."""
    append(tiny / "people.csv", "ĐV-0001,Người A,1990-03-15,nữ,,\n")
    append(tiny / "people.csv", "DV-0001,Người B,1990-03-15,nữ,,\n")
    assert 5 == len(load_dataset(tiny))


def test_a_hamlet_not_in_the_organisation_is_refused_with_a_suggestion(tiny):
    """'Ru Dat' is no hamlet; 'Rú Đất' is the one that matches without diacritics."""
    edit(tiny / "people.csv", "Rú Đất,cb01", "Ru Dat,cb01")
    result = read_dataset(tiny)
    assert ("people.csv", 4, "hamlet", "Ru Dat") == where(result.issues)[0]
    assert (
        "no such hamlet (names must match with their diacritics); did you mean 'Rú Đất'?"
    ) == result.issues[0].expected_en
    assert "không có xóm này (tên phải đúng cả dấu); có phải 'Rú Đất'?" == result.issues[0].expected


def test_a_hamlet_without_diacritics_may_be_ambiguous(tiny):
    """'Van Trang' could be 'Vạn Tràng' or 'Văn Tràng': the issue says so, guessing neither."""
    edit(tiny / "people.csv", "Rú Đất,cb01", "Van Trang,cb01")
    issue = read_dataset(tiny).issues[0]
    assert (
        "ambiguous between 'Vạn Tràng' and 'Văn Tràng': write the diacritics or use the id"
    ) == issue.expected_en
    assert "không rõ là 'Vạn Tràng' hay 'Văn Tràng': ghi đúng dấu hoặc dùng mã" == issue.expected


def test_a_hamlet_by_id_or_case_is_accepted_as_written(tiny):
    """A hamlet id ('xom03') or the name in other case is a hamlet; the text is kept."""
    edit(tiny / "people.csv", "Rú Đất,cb01", "xom03,cb01")
    edit(tiny / "people.csv", "Văn Tràng,Văn Tràng", "VĂN TRÀNG,Văn Tràng")
    hamlets = [r.person.hamlet for r in load_dataset(tiny)]
    assert ["Vạn Tràng", "VĂN TRÀNG", "xom03"] == hamlets


def test_a_birth_after_the_earliest_event_is_reported_once(tiny):
    """TN-0003 born 01/12/2024, after all 4 events: one issue naming the earliest, the listing."""
    edit(tiny / "people.csv", "2001-07-20", "2024-12-01")
    result = read_dataset(tiny)
    assert [("people.csv", 4, "birth_date", "2024-12-01")] == where(result.issues)
    assert (
        "born after the person's earliest event: 'listed' on 01/02/2024 (events.csv row 4)"
    ) == result.issues[0].expected_en
    assert ["TN-0001", "TN-0002"] == [r.person.id for r in result.dataset.records]


def test_a_birth_issue_keeps_the_row_order_of_people_csv(tiny):
    """A birth issue (row 3) found after reading the events sits before a row-4 issue."""
    edit(tiny / "people.csv", "1985-11-02", "2020-01-01")  # TN-0002, row 3
    edit(tiny / "people.csv", "nữ,Rú Đất", "x,Rú Đất")  # TN-0003, row 4
    rows = [(i.file, i.row) for i in read_dataset(tiny).issues]
    assert [("people.csv", 3), ("people.csv", 4), ("events.csv", None)] == rows


# --- events ---------------------------------------------------------------------------------


def test_the_same_event_twice_is_refused_at_the_duplicate(tiny):
    """A repeated application (row 8, as row 5) is reported with the row of the original."""
    append(tiny / "events.csv", "TN-0003,03/06/2024,application,,,,,\n")
    result = read_dataset(tiny)
    assert [("events.csv", 8, None, None)] == where(result.issues)
    assert ("the same event as row 5 (same person, date, type and cells)") == result.issues[
        0
    ].expected_en


def test_events_differing_in_any_cell_are_not_duplicates(tiny):
    """Two applications on one day with different notes are two events."""
    append(tiny / "events.csv", "TN-0003,2024-06-03,application,,,,,bản thứ hai\n")
    assert 7 == sum(len(r.events) for r in load_dataset(tiny))


def test_duplicates_are_reported_in_row_order_among_other_issues(tiny):
    """A duplicate at row 8 comes after a bad date at row 7 and before one at row 9."""
    edit(tiny / "events.csv", "TN-0003,2024-10-15", "TN-0003,2024-13-15")  # row 7
    append(
        tiny / "events.csv",
        "TN-0001,2015-05-10,transfer_in,cb01,,,Đảng bộ xã Khác,\nTN-0001,x,died,,,,,\n",
    )
    assert [7, 8, 9] == [i.row for i in read_dataset(tiny).issues]


# --- the date the data are as of ----------------------------------------------------------------


def test_data_as_of_is_read_from_organization_toml(tiny):
    """data_as_of = 2025-12-31 becomes Dataset.data_as_of; dd/mm/yyyy text is read too."""
    assert date(2025, 12, 31) == load_dataset(tiny).data_as_of
    edit(tiny / "organization.toml", "data_as_of = 2025-12-31", 'data_as_of = "30/11/2025"')
    assert date(2025, 11, 30) == load_dataset(tiny).data_as_of


def test_a_bad_data_as_of_is_refused_at_its_key(tiny):
    """A date that does not exist is an issue at the key data_as_of."""
    edit(tiny / "organization.toml", "data_as_of = 2025-12-31", 'data_as_of = "31/02/2025"')
    result = read_dataset(tiny)
    assert [("organization.toml", "data_as_of", "data_as_of", "31/02/2025")] == where(result.issues)
    assert "no such date in the calendar" == result.issues[0].expected_en


def test_an_event_after_the_data_as_of_date_is_refused(tiny):
    """An event of 05/01/2026 when the data are as of 31/12/2025 is an issue at its date."""
    append(tiny / "events.csv", "TN-0003,2026-01-05,ceremony,cb01,,,,\n")
    result = read_dataset(tiny)
    assert [("events.csv", 8, "date", "2026-01-05")] == where(result.issues)
    assert (
        "after the date the data are as of, 31/12/2025 (data_as_of in organization.toml)"
    ) == result.issues[0].expected_en


def test_an_event_on_the_data_as_of_date_is_accepted(tiny):
    """The as-of day itself is within the data."""
    append(tiny / "events.csv", "TN-0003,2025-12-31,ceremony,cb01,,,,\n")
    assert 7 == sum(len(r.events) for r in load_dataset(tiny))


def test_data_as_of_is_written_and_read_back(tiny, tmp_path):
    """save_dataset writes data_as_of as a TOML date after the organisation's level."""
    dataset = load_dataset(tiny)
    save_dataset(dataset, tmp_path / "out")
    text = (tmp_path / "out" / "organization.toml").read_text(encoding="utf-8")
    assert 'level = "xã"\ndata_as_of = 2025-12-31\n' in text
    assert dataset == load_dataset(tmp_path / "out")
