"""Reading survives any file: OS errors, other encodings, separators and runaway cells.

Every such problem is one issue naming the file and what to do, never a
traceback, and the rows that depend on an unread file are counted in one
issue instead of one "no such person" per row.  The tiny dataset
(``tests/data/tiny``) has 3 people (rows 2–4 of people.csv: TN-0001,
TN-0002, TN-0003) and 6 events (rows 2–7 of events.csv: one each for
TN-0001 and TN-0002, four for TN-0003).
"""

import csv
import unicodedata

import pytest
from tests.io_support import copy_tiny, unreadable_paths

from dangvien.errors import DataError
from dangvien.io import DatasetError, load_dataset, read_dataset
from dangvien.io._issues import Problem

PEOPLE_UNREAD_EN = (
    "… and 6 row(s) that refer to people not loaded, because people.csv could not be read"
)
PEOPLE_UNREAD_VI = "… và 6 dòng tham chiếu người chưa đọc được, vì không đọc được people.csv"


@pytest.fixture
def unreadable(monkeypatch):
    """Make paths unreadable (chmod 000, simulated where root ignores it)."""
    with unreadable_paths(monkeypatch) as make:
        yield make


@pytest.fixture
def tiny(tmp_path):
    """A fresh copy of the tiny dataset."""
    return copy_tiny(tmp_path / "tiny")


def where(issues):
    """(file, row, column, value) of each issue, the part a user acts on."""
    return [(i.file, i.row, i.column, i.value) for i in issues]


def test_the_tiny_dataset_is_valid(tiny):
    """The dataset every case derives from loads cleanly: 3 people, 6 events."""
    dataset = load_dataset(tiny)
    assert 3 == len(dataset)
    assert 6 == sum(len(r.events) for r in dataset)


# --- the exception family --------------------------------------------------------


def test_dataset_error_and_problem_are_data_errors():
    """DatasetError and the parsers' Problem are DataErrors and still ValueErrors."""
    assert issubclass(DatasetError, DataError)
    assert issubclass(DatasetError, ValueError)
    assert issubclass(Problem, DataError)
    assert issubclass(Problem, ValueError)


# --- the file system -------------------------------------------------------------------


def test_unreadable_people_file_is_one_issue_and_one_summary(tiny, unreadable):
    """chmod 000 on people.csv: the file and the OS's reason, then the 6 event rows counted."""
    unreadable(tiny / "people.csv")
    result = read_dataset(tiny)
    assert [("people.csv", None, None, None), ("events.csv", None, None, None)] == where(
        result.issues
    )
    denied, summary = result.issues
    assert (
        "no permission to read the file (Permission denied): "
        "give the user running dangvien read access"
    ) == denied.expected_en
    assert "không có quyền đọc tệp (Permission denied)" in denied.expected
    assert PEOPLE_UNREAD_EN == summary.expected_en
    assert PEOPLE_UNREAD_VI == summary.expected


@pytest.mark.parametrize("name", ["organization.toml", "plans.toml", "events.csv"])
def test_each_unreadable_file_is_an_issue(tiny, unreadable, name):
    """Whichever file cannot be opened, load_dataset raises DatasetError naming it."""
    unreadable(tiny / name)
    with pytest.raises(DatasetError) as info:
        load_dataset(tiny)
    assert [(name, None, None, None)] == where(info.value.issues)
    assert "Permission denied" in info.value.issues[0].expected_en


def test_unreadable_directory_is_an_issue(tiny, unreadable):
    """chmod 000 on the dataset directory: one issue naming it, not a PermissionError."""
    unreadable(tiny)
    result = read_dataset(tiny)
    assert [(str(tiny), None, None, None)] == where(result.issues)
    assert (
        "no permission to read the directory (Permission denied): "
        "give the user running dangvien read access"
    ) == result.issues[0].expected_en
    assert result.dataset is None


def test_a_directory_where_a_file_should_be(tiny):
    """people.csv being a directory is said so; its dependants are counted once."""
    (tiny / "people.csv").unlink()
    (tiny / "people.csv").mkdir()
    result = read_dataset(tiny)
    assert [("people.csv", None, None, None), ("events.csv", None, None, None)] == where(
        result.issues
    )
    assert "this is a directory, expected a file" == result.issues[0].expected_en


def test_a_file_given_as_the_dataset(tiny):
    """Reading a file as a dataset directory is an issue, not NotADirectoryError."""
    result = read_dataset(tiny / "people.csv")
    assert "this is a file, not a dataset directory" == result.issues[0].expected_en


def test_missing_people_file_is_one_issue(tiny):
    """Without people.csv the 6 event rows are one issue, not 6 "no such person"."""
    (tiny / "people.csv").unlink()
    result = read_dataset(tiny)
    assert [("events.csv", None, None, None)] == where(result.issues)
    assert "6 row(s) refer to people but there is no people.csv" == result.issues[0].expected_en


# --- encodings and separators ----------------------------------------------------------------

TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def windows_1258(text):
    """Encode as Windows-1258 writes Vietnamese: letters precomposed, tone marks combining."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and ch not in TONES:
            # A circumflex, breve or horn joins its letter, before any tone mark.
            tones = ""
            while out and out[-1] in TONES:
                tones = out.pop() + tones
            out[-1] = unicodedata.normalize("NFC", out[-1] + ch)
            out.extend(tones)
        else:
            out.append(ch)
    return "".join(out).encode("cp1258")


ENCODINGS = [
    # (encoder, the fix's text in English)
    (lambda t: t.encode("utf-16"), "the file is UTF-16 LE, not UTF-8: save as CSV UTF-8"),
    (lambda t: t.encode("utf-16-le"), "the file is UTF-16 LE, not UTF-8: save as CSV UTF-8"),
    (lambda t: t.encode("utf-16-be"), "the file is UTF-16 BE, not UTF-8: save as CSV UTF-8"),
    (lambda t: t.encode("utf-32"), "the file is UTF-32 LE, not UTF-8: save as CSV UTF-8"),
    # Line 2 "TN-0001,Người…": "ư" is 0xFD in Windows-1258.
    (
        windows_1258,
        "the file is not UTF-8 (line 2 of the file, byte 0xFD; perhaps Windows-1258, "
        "TCVN3 or VNI): save as CSV UTF-8",
    ),
]


@pytest.mark.parametrize(
    ("encode", "expected"),
    ENCODINGS,
    ids=["utf-16-bom", "utf-16-le", "utf-16-be", "utf-32", "windows-1258"],
)
def test_people_in_another_encoding_is_one_issue(tiny, encode, expected):
    """A people.csv not in UTF-8 is one issue with the fix, and one summary: nothing guessed."""
    text = (tiny / "people.csv").read_text(encoding="utf-8")
    (tiny / "people.csv").write_bytes(encode(text))
    result = read_dataset(tiny)
    assert [expected, PEOPLE_UNREAD_EN] == [i.expected_en for i in result.issues]
    assert () == result.dataset.records


def test_windows_1258_is_reported_in_vietnamese_with_the_fix(tiny):
    """The Vietnamese text names the line, the byte and 'lưu lại dưới dạng CSV UTF-8'."""
    text = (tiny / "people.csv").read_text(encoding="utf-8")
    (tiny / "people.csv").write_bytes(windows_1258(text))
    issue = read_dataset(tiny).issues[0]
    assert (
        "tệp không phải UTF-8 (dòng 2 của tệp, byte 0xFD; có thể là Windows-1258, TCVN3 hay VNI): "
        "lưu lại dưới dạng CSV UTF-8"
    ) == issue.expected


def test_a_late_bad_byte_discards_the_rows_before_it(tiny):
    """A bad byte on the last line makes the whole file unread: no row is half-trusted."""
    text = (tiny / "events.csv").read_bytes()
    (tiny / "events.csv").write_bytes(text + b"TN-0003,2024-11-01,ceremony,cb01,,,,L\xe0 l\xea\n")
    result = read_dataset(tiny)
    # 8 lines: the header, 6 events, then the bad one.
    assert [("events.csv", None, None, None)] == where(result.issues)
    assert "line 8 of the file, byte 0xE0" in result.issues[0].expected_en
    assert all(not r.events for r in result.dataset.records)


def test_toml_in_utf16_is_one_issue_and_a_utf8_bom_is_read(tiny):
    """plans.toml in UTF-16 is refused with the TOML fix; organization.toml with a BOM reads."""
    plans = (tiny / "plans.toml").read_text(encoding="utf-8")
    (tiny / "plans.toml").write_bytes(plans.encode("utf-16"))
    org = (tiny / "organization.toml").read_bytes()
    (tiny / "organization.toml").write_bytes(b"\xef\xbb\xbf" + org)
    result = read_dataset(tiny)
    assert [("plans.toml", None, None, None)] == where(result.issues)
    assert "the file is UTF-16 LE, not UTF-8: save as UTF-8 text" == result.issues[0].expected_en


def test_semicolon_separated_people_is_one_issue(tiny):
    """people.csv from Excel in a Vietnamese locale (';') is one issue with the fix."""
    text = (tiny / "people.csv").read_text(encoding="utf-8")
    (tiny / "people.csv").write_text(text.replace(",", ";"), encoding="utf-8")
    result = read_dataset(tiny)
    assert [
        "the separator is ;, use ,: save as CSV UTF-8 (comma delimited)",
        PEOPLE_UNREAD_EN,
    ] == [i.expected_en for i in result.issues]
    assert (
        "dấu phân cách là ; chứ không phải dấu phẩy: "
        "lưu lại dưới dạng CSV UTF-8 (phân cách bằng dấu phẩy)"
    ) == result.issues[0].expected


def test_semicolon_separated_events_is_one_issue(tiny):
    """events.csv with ';' gives one issue and no event, whatever its rows hold."""
    text = (tiny / "events.csv").read_text(encoding="utf-8")
    (tiny / "events.csv").write_text(text.replace(",", ";"), encoding="utf-8")
    result = read_dataset(tiny)
    assert [("events.csv", None, None, None)] == where(result.issues)


def test_a_semicolon_in_an_unknown_header_is_not_taken_for_a_separator(tiny):
    """A one-cell header 'a;b' of unknown names is an unknown column, not a separator."""
    (tiny / "events.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    result = read_dataset(tiny)
    assert [
        ("events.csv", 1, "a;b", None),
        ("events.csv", 1, "person_id", None),
        ("events.csv", 1, "date", None),
        ("events.csv", 1, "type", None),
    ] == where(result.issues)


# --- runaway cells ------------------------------------------------------------------------


def test_a_megabyte_field_is_reported_and_the_rest_is_read(tiny):
    """A 1 MB note on row 4 is one issue there; the 5 other events and 3 people load."""
    lines = (tiny / "events.csv").read_text(encoding="utf-8").splitlines()
    # Row 4 is TN-0003's listing; its note (the last column) gets a million characters.
    lines[3] = lines[3] + '"' + "x" * 1_000_000 + '"'
    (tiny / "events.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    limit = csv.field_size_limit()
    result = read_dataset(tiny)
    assert [("events.csv", 4, "note")] == [(i.file, i.row, i.column) for i in result.issues]
    assert (
        "a cell of 1,000,000 characters, at most 10,000: perhaps a quote left open"
    ) == result.issues[0].expected_en
    assert 5 == sum(len(r.events) for r in result.dataset.records)
    assert limit == csv.field_size_limit()  # the csv module's limit is put back


def test_a_runaway_cell_in_people_counts_the_persons_events_once(tiny):
    """TN-0003's row with a 200 000-character name: one issue, its 4 events one summary."""
    text = (tiny / "people.csv").read_text(encoding="utf-8")
    text = text.replace("Người Thử Nghiệm Ba", "Người " + "a" * 200_000)
    (tiny / "people.csv").write_text(text, encoding="utf-8")
    result = read_dataset(tiny)
    assert [("people.csv", 4, "full_name"), ("events.csv", None, None)] == [
        (i.file, i.row, i.column) for i in result.issues
    ]
    assert (
        "… and 4 row(s) that refer to people not loaded, "
        "because their rows in people.csv have errors"
    ) == result.issues[1].expected_en


def test_a_runaway_value_is_cut_in_the_report(tiny):
    """The issue line shows 120 characters of a runaway value, then an ellipsis."""
    lines = (tiny / "events.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3] + '"' + "x" * 20_000 + '"'
    (tiny / "events.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (issue,) = read_dataset(tiny).issues
    expected = 'events.csv:4: cột "note" = "' + "x" * 120 + '…": ô dài 20.000 ký tự'
    assert str(issue).startswith(expected)


# --- invisible characters ----------------------------------------------------------------


def test_invisible_characters_are_shown_escaped(tiny):
    """A zero-width space in a hamlet is shown as <U+200B> in the value and the report."""
    text = (tiny / "people.csv").read_text(encoding="utf-8")
    (tiny / "people.csv").write_text(text.replace("Rú Đất", "Rú\u200bĐất"), encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        load_dataset(tiny)
    assert "Rú\u200bĐất" == info.value.issues[0].value  # the value as written
    assert 'people.csv:4: cột "hamlet" = "Rú<U+200B>Đất": không có xóm này' in str(info.value)
    assert "\u200b" not in str(info.value)


def test_control_characters_in_text_are_refused_and_shown(tiny):
    """An escape character inside a name is refused and shown escaped, never raw."""
    text = (tiny / "people.csv").read_text(encoding="utf-8")
    (tiny / "people.csv").write_text(text.replace("Thử Nghiệm Hai", "Thử\x1bHai"), encoding="utf-8")
    issue = read_dataset(tiny).issues[0]
    assert ("people.csv", 3, "full_name") == (issue.file, issue.row, issue.column)
    assert "contains control characters (shown as <U+…>)" == issue.expected_en
    assert '"Người Thử<U+001B>Hai"' in str(issue)


def test_a_nul_byte_means_the_file_is_not_text(tiny):
    """A NUL byte (line 3) makes people.csv binary, not UTF-8 text: one issue and the fix."""
    text = (tiny / "people.csv").read_text(encoding="utf-8")
    (tiny / "people.csv").write_text(text.replace("Thử Nghiệm Hai", "Thử\x00Hai"), encoding="utf-8")
    issues = read_dataset(tiny).issues
    assert [
        "the file has a NUL byte (line 3 of the file), it is not UTF-8 text: save as CSV UTF-8",
        PEOPLE_UNREAD_EN,
    ] == [i.expected_en for i in issues]


# --- follow-on rows -------------------------------------------------------------------------


def test_a_bad_person_row_is_reported_once_and_its_events_counted(tiny):
    """TN-0003's bad birth date is one issue; its 4 events are one summary, not 4 issues."""
    text = (tiny / "people.csv").read_text(encoding="utf-8")
    (tiny / "people.csv").write_text(text.replace("2001-07-20", "20/13/2001"), encoding="utf-8")
    result = read_dataset(tiny)
    assert [("people.csv", 4, "birth_date", "20/13/2001"), ("events.csv", None, None, None)] == (
        where(result.issues)
    )
    assert (
        "… and 4 row(s) that refer to people not loaded, "
        "because their rows in people.csv have errors"
    ) == result.issues[1].expected_en
    assert ["TN-0001", "TN-0002"] == [r.person.id for r in result.dataset.records]


def test_an_unknown_person_is_one_issue_per_row_with_a_case_hint(tiny):
    """With people.csv read, an unknown id is reported at its row; 'tn-0001' suggests TN-0001."""
    with (tiny / "events.csv").open("a", encoding="utf-8") as fh:
        fh.write("tn-0001,2024-01-01,application,,,,,\nTN-9999,2024-01-01,application,,,,,\n")
    result = read_dataset(tiny)
    assert [
        ("events.csv", 8, "person_id", "tn-0001"),
        ("events.csv", 9, "person_id", "TN-9999"),
    ] == (where(result.issues))
    assert (
        "no such person in people.csv; did you mean 'TN-0001'? (ids are case-sensitive)"
    ) == result.issues[0].expected_en
    assert "no such person in people.csv" == result.issues[1].expected_en


def test_one_column_name_with_two_meanings_is_parsed_by_each_type(tiny):
    """``reason`` of an exemption and of a removal are two lists: each row reads its own.

    Both lists have ``other``; ``abroad`` is only an exemption reason.  Before,
    the first row's parse was reused for the other type's rows.
    """
    with open(tiny / "events.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    columns = [*rows[0], "reason"]
    base = dict.fromkeys(columns, "")
    rows = [base | r for r in rows]
    added = [
        base
        | {"person_id": "TN-0001", "date": "2024-01-05", "type": "exempted", "reason": "other"},
        base | {"person_id": "TN-0002", "date": "2024-02-05", "type": "removed", "reason": "other"},
    ]
    with open(tiny / "events.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns)
        writer.writeheader()
        writer.writerows([*rows, *added])
    ds = load_dataset(tiny)
    reasons = {
        type(e).__name__: e.reason for r in ds.records for e in r.events if hasattr(e, "reason")
    }
    assert {"Exempted": "ExemptionReason.OTHER", "Removed": "RemovalReason.OTHER"} == {
        k: f"{type(v).__name__}.{v.name}" for k, v in reasons.items()
    }
    # An exemption's reason is no removal reason, whatever came first.
    added[1]["reason"] = "abroad"
    added[0]["reason"] = "abroad"
    with open(tiny / "events.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns)
        writer.writeheader()
        writer.writerows([*rows, *added])
    result = read_dataset(tiny)
    assert [("events.csv", len(rows) + 3, "reason", "abroad")] == where(result.issues)
