"""Dataset files and the converter: lossless round trips and complete, precise error reports."""

import json
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import dangvien.io
from dangvien import strategies as dst
from dangvien.errors import DataError
from dangvien.io import (
    DatasetError,
    LoadIssue,
    configure_converter,
    load_dataset,
    make_converter,
    read_dataset,
    save_dataset,
)
from dangvien.messages import Text
from dangvien.model import (
    Cell,
    Dataset,
    Organization,
    Person,
    Plan,
    Record,
    Sex,
)
from dangvien.model import events as ev

BOM = b"\xef\xbb\xbf"

ORGANIZATION_TOML = """\
id = "long-thanh"
name = "Đảng bộ xã Long Thành"
level = "xã"

[[cells]]
id = "cb05"
name = "Vạn Tràng"

[[cells]]
id = "cb06"
name = "Văn Tràng"

[[cells]]
id = "cb11"
name = "Rú Đất"

[[cells]]
id = "cb14"
name = "Trường mầm non"
kind = "trường học"
aliases = ["Tr. Mầm non"]

[[mass_organizations]]
id = "lhpn"
name = "Hội LHPN xã"
kind = "Hội LHPN"
"""

PLANS_TOML = """\
[[plans]]
id = "kh-2023"
number = "-KH/ĐU"
date = 2023-06-08
issuer = "Ban Thường vụ Đảng ủy xã Long Thành"
organization = "long-thanh"
title = "Kế hoạch bồi dưỡng, phát triển đảng viên"
period = { first_year = 2023, last_year = 2025, open_ended = true }

[[plans.admission_targets]]
cell = "Tr. Mầm non"
annual = 2
"""

PEOPLE_HEADER = "id,full_name,birth_date,sex,cell\n"
EVENTS_HEADER = "person_id,date,type,cell,organization,votes_for,official_members\n"


def write(tmp_path, people=PEOPLE_HEADER, events=None, *, org=ORGANIZATION_TOML, plans=None):
    """Write a small dataset by hand (never through the writer under test)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "organization.toml").write_text(org, encoding="utf-8")
    if plans is not None:
        (tmp_path / "plans.toml").write_text(plans, encoding="utf-8")
    (tmp_path / "people.csv").write_text(people, encoding="utf-8")
    if events is not None:
        (tmp_path / "events.csv").write_text(events, encoding="utf-8")
    return tmp_path


def where(issues):
    """(file, row, column, value) of each issue, the part a user acts on."""
    return [(i.file, i.row, i.column, i.value) for i in issues]


# --- the public surface ---------------------------------------------------------


def test_public_names_are_pinned():
    """The façade exports exactly these names, sorted."""
    expected = [
        "EVENT_COLUMNS",
        "MAX_CELL_CHARS",
        "MAX_COUNT",
        "PEOPLE_COLUMNS",
        "DatasetError",
        "LoadIssue",
        "LoadResult",
        "WorkbookResult",
        "configure_converter",
        "init_dataset",
        "load_dataset",
        "make_converter",
        "read_dataset",
        "read_member_list_csv",
        "read_workbook",
        "save_dataset",
        "save_workbook",
    ]
    assert expected == dangvien.io.__all__


# --- round trips ------------------------------------------------------------------


@st.composite
def datasets_with_every_event_type(draw):
    """Lawful datasets plus one arbitrary event of every type for someone in it.

    What the loader refuses is kept out (``dst.datasets`` draws only what it
    accepts): no added event is dated before its person's birth or repeated,
    and none after ``data_as_of`` when drawn.
    """
    dataset = draw(dst.datasets(max_people=4))
    org = dataset.organization
    records = list(dataset.records)
    if not records:
        return Dataset(org, dataset.plans)
    extra = [
        draw(
            dst.events(
                cls,
                cells=[c.id for c in org.all_cells()],
                mass_organizations=[m.id for m in org.all_mass_organizations()] or None,
            )
        )
        for cls in ev.EVENT_TYPES.values()
        if cls is not ev.Introduced or org.all_mass_organizations()
    ]
    first, *rest = records
    born = first.person.birth_date
    events = first.events + tuple(attrs.evolve(e, date=max(e.date, born)) for e in extra)
    records = [Record(first.person, tuple(dict.fromkeys(events))), *rest]
    last = max((e.date for r in records for e in r.events), default=None)
    as_of = draw(st.none() | st.just(last)) if last is not None else None
    return Dataset(org, dataset.plans, tuple(records), as_of)


@given(dataset=datasets_with_every_event_type(), bom=st.booleans())
def test_save_then_load_gives_an_equal_dataset(tmp_path_factory, dataset, bom):
    """Any consistent dataset written to a directory reads back equal, with or without BOM."""
    tmp = tmp_path_factory.mktemp("round-trip")
    save_dataset(dataset, tmp, bom=bom)
    result = read_dataset(tmp)
    assert [] == [str(i) for i in result.issues]
    assert dataset == result.dataset


CLASS_STRATEGIES = [
    (Person, dst.people()),
    (Cell, dst.cells()),
    (Organization, dst.organizations()),
    (Plan, dst.plans()),
    (Record, dst.records()),
    (Dataset, dst.datasets(max_people=3)),
    *((cls, dst.events(cls)) for cls in ev.EVENT_TYPES.values()),
]


@pytest.mark.parametrize(
    ("cls", "strategy"), CLASS_STRATEGIES, ids=[c.__name__ for c, _ in CLASS_STRATEGIES]
)
def test_structure_inverts_unstructure_for_every_model_class(cls, strategy):
    """structure(unstructure(x)) == x for every model class, also through JSON text."""
    conv = make_converter()

    @given(strategy)
    def check(value):
        assert value == conv.structure(conv.unstructure(value), cls)
        assert value == conv.structure(json.loads(json.dumps(conv.unstructure(value))), cls)

    check()


@given(dst.events())
def test_events_round_trip_as_the_tagged_union(event):
    """An event unstructured as Event carries its tag and structures back to its own class."""
    conv = make_converter()
    raw = conv.unstructure(event, ev.Event)
    assert event.TYPE == raw["type"]
    assert event == conv.structure(raw, ev.Event)
    assert event == conv.structure(raw, ev.AnyEvent)


def test_wire_forms():
    """Dates are ISO text (native with native_dates), enums their label, tuples lists."""
    cell = Cell("cb14", "Trường mầm non", aliases=("Tr. Mầm non",))
    person = Person("P1", "Thử Nghiệm An", date(2004, 2, 29), sex=Sex.FEMALE, cell="cb14")
    conv = make_converter()
    assert {"id": "cb14", "name": "Trường mầm non", "aliases": ["Tr. Mầm non"]} == (
        conv.unstructure(cell)
    )
    assert {
        "id": "P1",
        "full_name": "Thử Nghiệm An",
        "birth_date": "2004-02-29",
        "sex": "nữ",
        "cell": "cb14",
    } == conv.unstructure(person)
    assert date(2004, 2, 29) == make_converter(native_dates=True).unstructure(person)["birth_date"]


def test_configure_converter_mutates_only_the_given_converter():
    """configure_converter adds the hooks to a fresh converter; cattrs' global one is untouched."""
    import cattrs

    conv = cattrs.Converter()
    configure_converter(conv)
    assert "2023-06-08" == conv.unstructure(date(2023, 6, 8))
    assert date(2023, 6, 8) == cattrs.unstructure(date(2023, 6, 8))


def test_converter_accepts_dd_mm_yyyy_and_refuses_loose_types():
    """Day-first dates are read; "2" is not an int, 1 not a bool, a string not a list."""
    conv = make_converter()
    raw = {"type": "cell_resolution", "date": "8/6/2023", "cell": "cb05"}
    event = conv.structure({**raw, "votes_for": 3, "official_members": 4}, ev.Event)
    assert date(2023, 6, 8) == event.date
    for bad in ({"votes_for": "3"}, {"approved": 1}):
        with pytest.raises(Exception, match="While structuring"):
            conv.structure({**raw, "votes_for": 3, "official_members": 4, **bad}, ev.Event)
    with pytest.raises(Exception, match="While structuring"):
        conv.structure({"id": "c", "name": "n", "aliases": "Tr. Mầm non"}, Cell)


def test_unknown_event_tag_names_the_type_field():
    """An unknown tag is reported at the `type` field, listing the known tags."""
    import cattrs

    with pytest.raises(cattrs.ClassValidationError) as info:
        make_converter().structure({"type": "death", "date": "2024-01-01"}, ev.Event)
    (problem,) = info.value.exceptions
    assert "ceremony" in str(problem)
    assert ["invalid value for type, expected str @ $.type"] == cattrs.transform_error(info.value)


# --- encodings and date forms ---------------------------------------------------------


@pytest.mark.parametrize("bom", [True, False])
def test_bom_is_a_writer_option(tmp_path, bom):
    """CSV files start with a BOM by default (Excel) and without one on request."""
    save_dataset(load_dataset(write(tmp_path / "in")), tmp_path / "out", bom=bom)
    for name in ("people.csv", "events.csv"):
        assert bom == (tmp_path / "out" / name).read_bytes().startswith(BOM)


@pytest.mark.parametrize("prefix", [b"", BOM])
def test_csv_is_read_with_or_without_bom(tmp_path, prefix):
    """A UTF-8 CSV file reads the same whether or not it starts with a BOM."""
    write(tmp_path)
    text = PEOPLE_HEADER + "P1,Thử Nghiệm Vạn,2004-01-02,nữ,Vạn Tràng\n"
    (tmp_path / "people.csv").write_bytes(prefix + text.encode("utf-8"))
    (person,) = (r.person for r in load_dataset(tmp_path).records)
    assert ("P1", "cb05") == (person.id, person.cell)


def test_day_first_and_toml_native_dates_are_accepted(tmp_path):
    """dd/mm/yyyy and d/m/yyyy in CSV, and TOML native or text dates, give the same dates."""
    write(
        tmp_path,
        PEOPLE_HEADER + "P1,A,08/06/2004,nữ,\nP2,B,8/6/2004,nam,\n",
        EVENTS_HEADER + "P1,31/12/2023,ceremony,Rú Đất,,,\n",
        plans=PLANS_TOML.replace("date = 2023-06-08", 'date = "8/6/2023"'),
    )
    dataset = load_dataset(tmp_path)
    assert [date(2004, 6, 8)] * 2 == [r.person.birth_date for r in dataset.records]
    assert date(2023, 12, 31) == dataset.records[0].events[0].date
    assert date(2023, 6, 8) == dataset.plans[0].date


# --- references ---------------------------------------------------------------------


def test_diacritics_decide_the_cell(tmp_path):
    """`Vạn Tràng` and `văn tràng` resolve to two different cells; an alias to its cell."""
    people = PEOPLE_HEADER + (
        "A,A,2004-01-01,nam,Vạn Tràng\n"
        "B,B,2004-01-01,nam,văn tràng\n"
        "C,C,2004-01-01,nam,Tr. Mầm non\n"
    )
    cells = [r.person.cell for r in load_dataset(write(tmp_path, people)).records]
    assert ["cb05", "cb06", "cb14"] == cells


def test_reference_without_diacritics_is_ambiguous_or_suggested(tmp_path):
    """`Van Trang` is ambiguous between the two cells; `Ru Dat` is refused with a suggestion."""
    people = PEOPLE_HEADER + (
        "A,A,2004-01-01,nam,Van Trang\nB,B,2004-01-01,nam,Ru Dat\nC,C,2004-01-01,nam,\n"
    )
    events = EVENTS_HEADER + "C,2023-01-01,introduced,,Hoi LHPN xa,,\n"
    ambiguous, suggested, mass = read_dataset(write(tmp_path, people, events)).issues
    assert [
        ("people.csv", 2, "cell", "Van Trang"),
        ("people.csv", 3, "cell", "Ru Dat"),
        ("events.csv", 2, "organization", "Hoi LHPN xa"),
    ] == where([ambiguous, suggested, mass])
    assert "ambiguous between 'Vạn Tràng' and 'Văn Tràng'" in ambiguous.expected_en
    assert "'Vạn Tràng' hay 'Văn Tràng'" in ambiguous.expected
    assert "did you mean 'Rú Đất'?" in suggested.expected_en
    assert "did you mean 'Hội LHPN xã'?" in mass.expected_en


def test_plan_targets_keep_the_printed_text(tmp_path):
    """A plan's target row keeps `Tr. Mầm non` as printed; it is not resolved to an id."""
    dataset = load_dataset(write(tmp_path, plans=PLANS_TOML))
    assert "Tr. Mầm non" == dataset.plans[0].admission_targets[0].unit


# --- bad input: every problem reported, exactly where it is -------------------------------


def test_every_bad_people_value_is_reported(tmp_path):
    """Each bad cell of people.csv is one issue with its row, column and value; good rows load."""
    people = (
        "id,full_name,birth_date,sex,cell,special_area,phone\n"
        "A,Người A,31/02/2004,nữ,Rú Đất,không,\n"  # no 31 February
        "B,Người B,2004-01-01,male,Rú Đất,không,\n"  # not a sex label
        "C,,2004-01-01,nam,Rú Đất,có lẽ,\n"  # name missing, not a yes/no
        "A,Người A2,2004-01-01,nam,,,\n"  # duplicate id
        "D,Người D,8/6/2004,nam,Tr. Mầm non,,\n"
        ",,,,,,\n"  # blank row: skipped
        "E,Người E,2004-01-01\n"  # too few cells
    )
    result = read_dataset(write(tmp_path, people))
    assert [
        ("people.csv", 1, "phone", None),
        ("people.csv", 2, "birth_date", "31/02/2004"),
        ("people.csv", 3, "sex", "male"),
        ("people.csv", 4, "full_name", None),
        ("people.csv", 4, "special_area", "có lẽ"),
        ("people.csv", 5, "id", "A"),
        ("people.csv", 8, None, None),
    ] == where(result.issues)
    unknown, bad_date, bad_sex, _, bad_bool, duplicate, ragged = result.issues
    assert "unknown column" in unknown.expected_en
    assert "no such date in the calendar" == bad_date.expected_en
    assert "cần một trong: nam, nữ" == bad_sex.expected
    assert "expected có or không" in bad_bool.expected_en
    assert "first on row 2" in duplicate.expected_en
    assert "the row has 3 cells, the header 7 columns" == ragged.expected_en
    assert ["D"] == [r.person.id for r in result.dataset.records]


def test_every_bad_event_value_is_reported(tmp_path):
    """Unknown person and type, bad values, missing and inapplicable fields: all reported."""
    people = PEOPLE_HEADER + "A,A,2004-01-01,nam,\n"
    events = (
        "person_id,date,type,cell,organization,votes_for,official_members,introducers,kind\n"
        "Z,2023-01-01,application,,,,,,\n"  # no such person
        "A,2023-01-01,applied,,,,,,\n"  # no such type
        "A,31/02/2024,application,,,,,,\n"  # no such date
        "A,2023-02-01,cell_resolution,Rú Đất,,hai,4,,\n"  # not a number
        "A,2023-03-01,cell_resolution,Rú Đất,,,3,,\n"  # votes_for missing
        "A,2023-04-01,application,Rú Đất,,,,,\n"  # a cell on an application
        "A,2023-05-01,introducers,,,,,A;;B,\n"  # empty id between separators
        "A,2023-06-01,missed,,,,,,both\n"  # not a kind
        "A,2023-07-01,ceremony,Vạn Tràng,,,,,\n"
    )
    result = read_dataset(write(tmp_path, people, events))
    assert [
        ("events.csv", 2, "person_id", "Z"),
        ("events.csv", 3, "type", "applied"),
        ("events.csv", 4, "date", "31/02/2024"),
        ("events.csv", 5, "votes_for", "hai"),
        ("events.csv", 6, "votes_for", None),
        ("events.csv", 7, "cell", "Rú Đất"),
        ("events.csv", 8, "introducers", "A;;B"),
        ("events.csv", 9, "kind", "both"),
    ] == where(result.issues)
    messages = [i.expected_en for i in result.issues]
    assert "no such person in people.csv" == messages[0]
    assert "ceremony" in messages[1]
    assert "required for 'cell_resolution' events" == messages[4]
    assert "not used by 'application' events" in messages[5]
    assert "expected one of: meeting, dues" == messages[7]
    (record,) = result.dataset.records
    assert (ev.AdmissionCeremony(date=date(2023, 7, 1), cell="cb05"),) == record.events


def test_missing_required_columns_are_reported_once(tmp_path):
    """A required column absent from the header is one issue at row 1, not one per row."""
    people = "id,full_name,sex\nA,A,nam\nB,B,nữ\n"
    events = "person_id,type\nA,died\n"
    result = read_dataset(write(tmp_path, people, events))
    assert [
        ("people.csv", 1, "birth_date", None),
        ("events.csv", 1, "date", None),
        ("events.csv", None, None, None),
    ] == where(result.issues)
    assert "required column missing" == result.issues[0].expected_en
    # A's row cannot be read without a birth date: its event is counted, not reported.
    assert (
        "… and 1 row(s) that refer to people not loaded, "
        "because their rows in people.csv have errors"
    ) == result.issues[2].expected_en


def test_toml_errors_name_the_key_path(tmp_path):
    """Bad values in TOML are reported with their key path, the value and what was expected."""
    org = (
        ORGANIZATION_TOML.replace('level = "xã"', 'level = "commune"')
        .replace('id = "cb11"', "id = 11")
        .replace('kind = "trường học"', 'kind = "trường học"\nphone = "0238"')
    )
    plans = (
        PLANS_TOML.replace("annual = 2", "annual = -2")
        + '\n[[plans.admission_targets]]\ncell = "Rú Đất"\nannual = "hai"\n'
        + '\n[[plans]]\nid = "kh-2"\nnumber = "x"\ndate = 2024-01-01\nissuer = "x"\n'
        + 'organization = "nowhere"\ntitle = "x"\n'
        + "period = { first_year = 2025, last_year = 2024 }\n"
    )
    result = read_dataset(write(tmp_path, org=org, plans=plans))
    assert [
        ("organization.toml", "level", "level", "commune"),
        ("organization.toml", "cells[2].id", "id", "11"),
        ("organization.toml", "cells[3].phone", "phone", "0238"),
        ("plans.toml", "plans[0].admission_targets[0].annual", "annual", "-2"),
        ("plans.toml", "plans[0].admission_targets[1].annual", "annual", "hai"),
        ("plans.toml", "plans[1].period", "period", "{first_year = 2025, last_year = 2024}"),
    ] == where(result.issues)
    assert result.dataset is None
    level, cell_id, unknown, negative, text, period = result.issues
    assert "expected one of: tỉnh, huyện, xã, khối, cơ sở, bộ phận" == level.expected_en
    assert "expected text" in cell_id.expected_en
    assert "unknown key" in unknown.expected_en
    assert "expected a number ≥ 0" == negative.expected_en
    assert "expected a whole number" == text.expected_en
    assert "bad period 2025–2024" == period.expected_en


def test_tree_clashes_and_plan_references_are_reported(tmp_path):
    """Names clashing after case folding, duplicate ids and unknown plan organisations."""
    org = ORGANIZATION_TOML + '\n[[cells]]\nid = "cb05"\nname = "RÚ ĐẤT"\n'
    plans = PLANS_TOML.replace('organization = "long-thanh"', 'organization = "xa-khac"')
    result = read_dataset(write(tmp_path, org=org, plans=plans))
    assert [
        ("organization.toml", "cells[4].id", "id", "cb05"),
        ("organization.toml", "cells[4].name", "name", "RÚ ĐẤT"),
        ("plans.toml", "plans[0].organization", "organization", "xa-khac"),
    ] == where(result.issues)
    assert "clashes with cell 'cb05' (cells[0].id)" in result.issues[0].expected_en


def test_all_files_are_checked_in_one_read(tmp_path):
    """One bad value in each file gives four issues: reading never stops at the first."""
    write(
        tmp_path,
        PEOPLE_HEADER + "A,A,2004-13-01,nam,\nB,B,2004-01-01,nam,\n",
        EVENTS_HEADER + "B,2024-01-01,died,Rú Đất,,,\n",
        org=ORGANIZATION_TOML.replace('kind = "Hội LHPN"', 'kind = "Hội Phụ nữ"'),
        plans=PLANS_TOML.replace("annual = 2", "annual = 2.5"),
    )
    assert ["organization.toml", "plans.toml", "people.csv", "events.csv"] == [
        i.file for i in read_dataset(tmp_path).issues
    ]


def test_load_dataset_raises_with_every_issue(tmp_path):
    """load_dataset raises DatasetError, a DataError and ValueError, listing every issue."""
    write(tmp_path, PEOPLE_HEADER + "A,A,x,nam,\nB,B,y,nam,\n")
    with pytest.raises(ValueError, match="2 issue") as info:
        load_dataset(tmp_path)
    assert isinstance(info.value, DatasetError)
    assert isinstance(info.value, DataError)
    assert [3, 2] == sorted((i.row for i in info.value.issues), reverse=True)
    assert 'people.csv:3: cột "birth_date" = "y"' in str(info.value)


def test_dataset_error_speaks_each_language_alone():
    """message("vi") and message("en") give the whole report in one language each."""
    issue = LoadIssue("people.csv", 3, "birth_date", "y", Text("io.value.bad_date"))
    error = DatasetError([issue])
    expected_vi = (
        "1 lỗi trong bộ dữ liệu:\n"
        'people.csv:3: cột "birth_date" = "y": cần ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy'
    )
    expected_en = (
        "1 issue(s) in the dataset:\n"
        'people.csv:3: column "birth_date" = "y": expected a date as YYYY-MM-DD or dd/mm/yyyy'
    )
    assert expected_vi == error.message("vi")
    assert expected_en == error.message("en")


def test_dataset_error_summarises_after_a_hundred_issues():
    """Of 102 issues, str() spells out 100 and counts the other 2."""
    issues = [LoadIssue("people.csv", n, "sex", "x", Text("io.value.required")) for n in range(102)]
    lines = str(DatasetError(issues)).splitlines()
    assert "102 lỗi trong bộ dữ liệu / 102 issue(s) in the dataset:" == lines[0]
    assert "… và 2 lỗi khác / and 2 more" == lines[-1]
    assert 1 + 2 * 100 + 1 == len(lines)  # header, two lines per issue, the summary


def test_issue_text_is_vietnamese_then_english():
    """str(issue) reads file:row: column = value: Vietnamese, then English in parentheses."""
    issue = LoadIssue("events.csv", 14, "date", "31/02/2024", Text("io.value.no_such_date"))
    expected = (
        'events.csv:14: cột "date" = "31/02/2024": không có ngày này trong lịch\n'
        "  (no such date in the calendar)"
    )
    assert expected == str(issue)
    assert "không có ngày này trong lịch" == issue.expected
    assert "no such date in the calendar" == issue.expected_en


def test_missing_directory_or_organization_is_an_issue_not_an_exception(tmp_path):
    """read_dataset never raises: a missing directory or organization.toml is an issue."""
    assert None is read_dataset(tmp_path / "nowhere").dataset
    result = read_dataset(tmp_path)
    assert [("organization.toml", None, None, None)] == where(result.issues)
    assert "required file missing" in result.issues[0].expected_en
    assert not result.ok


def test_unreadable_files_are_reported(tmp_path):
    """Invalid TOML and a CSV file that is not UTF-8 are issues, not crashes."""
    write(tmp_path, plans="[[plans]\n")
    (tmp_path / "people.csv").write_bytes(PEOPLE_HEADER.encode() + b"A,Nguy\xe3n,2004-01-01,nam,\n")
    assert ["plans.toml", "people.csv"] == [i.file for i in read_dataset(tmp_path).issues]


def test_saving_over_a_dataset_leaves_nothing_stale(tmp_path):
    """Saving a dataset without plans over one with plans removes the old plans."""
    write(tmp_path, plans=PLANS_TOML)
    dataset = load_dataset(tmp_path)
    save_dataset(Dataset(dataset.organization), tmp_path)
    assert () == load_dataset(tmp_path).plans


def test_introducer_ids_that_csv_cannot_hold_are_refused(tmp_path):
    """An introducer id containing ';' cannot be written: a DataError, and nothing is created."""
    org = load_dataset(write(tmp_path / "in")).organization
    person = Person("A", "A", date(2004, 1, 1), Sex.MALE)
    intro = ev.IntroducersAssigned(date=date(2024, 1, 1), introducers=("X;Y",))
    with pytest.raises(DataError, match="';'") as info:
        save_dataset(Dataset(org, (), (Record(person, (intro,)),)), tmp_path / "out")
    assert "introducer id 'X;Y' of A cannot be written" in info.value.message("en")
    assert not (tmp_path / "out").exists()
