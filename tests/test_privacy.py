"""Personal data masked by default and shown only when the caller asks (dangvien.privacy)."""

from __future__ import annotations

import json
import pickle
import threading
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvien import privacy
from dangvien.io import DatasetError, LoadIssue, load_dataset, read_dataset, save_dataset
from dangvien.messages import CATALOGUE, Text
from dangvien.model import Dataset, Organization, OrgLevel, Person, Record, Sex
from dangvien.model import events as ev
from dangvien.output import dumps, to_json
from dangvien.privacy import Kind, Personal, mask, revealed, shown


def person(**kw: object) -> Person:
    """A synthetic person born 17/05/1990 with the given numbers."""
    return Person("P1", "Người Thử Nghiệm Một", date(1990, 5, 17), Sex.FEMALE, **kw)  # type: ignore[arg-type]


# --- the masks, by hand ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        # A birth date keeps its year only, in the order offices write dates.
        (date(1990, 5, 17), Kind.BIRTH_DATE, "**/**/1990"),
        (date(2001, 1, 9), Kind.BIRTH_DATE, "**/**/2001"),
        # A card number, 8 digits: the last 4 stay, 8 - 4 = 4 stars.
        ("01234567", Kind.CARD_NO, "****4567"),
        # A record number, 6 digits and a province code, either side: 8 characters.
        ("NA012345", Kind.DOSSIER_NO, "****2345"),
        ("012345HN", Kind.DOSSIER_NO, "****45HN"),
        # Đ is a letter: "Đ000001" has 7 characters, fewer than 8: all hidden.
        ("Đ000001", Kind.DOSSIER_NO, "*******"),
        # A citizen-identity number, 12 digits: 12 - 4 = 8 stars.
        ("001090012345", Kind.ID_NO, "********2345"),
        # An old 9-digit identity card: 9 - 4 = 5 stars.
        ("123456789", Kind.ID_NO, "*****6789"),
        # A phone number, 10 digits; its spaces stay where they are.
        ("0912345678", Kind.PHONE, "******5678"),
        ("0912 345 678", Kind.PHONE, "**** **5 678"),
        ("+84 912 345 678", Kind.PHONE, "+** *** **5 678"),
        # A 7-digit card number (a lost leading zero): too short to show a tail.
        ("1234567", Kind.CARD_NO, "*******"),
        ("", Kind.CARD_NO, ""),
        # Text in a birth-date cell: every digit but a 4-digit year's is hidden.
        ("31/02/1990", Kind.BIRTH_DATE, "**/**/1990"),
        ("1990-02-31", Kind.BIRTH_DATE, "1990-**-**"),
        ("2/2/1990", Kind.BIRTH_DATE, "*/*/1990"),
        ("1990", Kind.BIRTH_DATE, "1990"),
        ("32874", Kind.BIRTH_DATE, "*****"),  # an Excel serial: not a year
        ("ngày 3 tháng 2 năm 1990", Kind.BIRTH_DATE, "ngày * tháng * năm 1990"),
    ],
)
def test_each_mask_by_hand(value: object, kind: Kind, expected: str) -> None:
    """Each kind's mask, worked out by hand."""
    assert expected == mask(value, kind)


def test_the_documented_examples_are_the_masks() -> None:
    """MASKS, which the documentation shows, are what mask() gives."""
    for kind, (value, masked) in privacy.MASKS.items():
        raw: object = value
        if kind is Kind.BIRTH_DATE:
            d, m, y = value.split("/")
            raw = date(int(y), int(m), int(d))
        assert masked == mask(raw, kind), kind


def test_the_birth_date_mask_is_in_the_catalogue() -> None:
    """The mask of a birth date is a catalogue text, the same in both languages."""
    message = CATALOGUE["privacy.mask.birth_date"]
    assert ("**/**/{year}", "**/**/{year}") == (message.vi, message.en)


def test_each_kind_has_a_name_in_both_languages() -> None:
    """A kind names itself in Vietnamese and English."""
    assert ("số thẻ đảng viên", "party card number") == (
        Kind.CARD_NO.label_vi,
        Kind.CARD_NO.label_en,
    )
    assert all(k.label_vi and k.label_en for k in Kind)


@given(st.text(alphabet="0123456789ABCDEFGHNĐ -./", max_size=20))
def test_a_masked_number_keeps_its_length_and_at_most_four_characters(text: str) -> None:
    """A mask replaces characters one for one and shows at most the last four."""
    masked = privacy.mask_number(text)
    assert len(text) == len(masked)
    alnum = [c for c in masked if c.isalnum()]
    assert len(alnum) <= 4
    if len([c for c in text if c.isalnum()]) < 8:
        assert [] == alnum


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_a_masked_birth_date_shows_its_year_and_nothing_else(day: date) -> None:
    """**/**/yyyy for every date: neither the day nor the month shows."""
    assert f"**/**/{day.year}" == mask(day, Kind.BIRTH_DATE)


# --- revealing ---------------------------------------------------------------------------


def test_reveal_holds_inside_its_block_only() -> None:
    """revealed() shows values inside the block; before and after, they are masked."""
    assert "****4567" == shown("01234567", Kind.CARD_NO)
    with revealed():
        assert "01234567" == shown("01234567", Kind.CARD_NO)
        with revealed(False):  # a caller's own False flag does not hide again
            assert privacy.is_revealed()
    assert "****4567" == shown("01234567", Kind.CARD_NO)
    assert None is shown(None, Kind.CARD_NO)


def test_reveal_is_undone_when_the_block_raises() -> None:
    """An exception leaving the block still puts masking back."""
    with pytest.raises(RuntimeError), revealed():
        raise RuntimeError
    assert not privacy.is_revealed()


def test_reveal_in_one_thread_does_not_reveal_in_another() -> None:
    """Two threads at once: the one inside revealed() sees values, the other masks."""
    barrier = threading.Barrier(2, timeout=10)
    seen: dict[str, str] = {}

    def worker(name: str, reveal: bool) -> None:
        with revealed(reveal):
            barrier.wait()  # both are inside their block now
            seen[name] = repr(person(card_no="01234567"))
            barrier.wait()

    threads = [
        threading.Thread(target=worker, args=("shown", True)),
        threading.Thread(target=worker, args=("masked", False)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert "card_no='01234567'" in seen["shown"]
    assert "card_no='****4567'" in seen["masked"]
    assert "01234567" not in seen["masked"]


def test_a_new_thread_does_not_inherit_a_reveal() -> None:
    """A thread started inside revealed() starts masked (a fresh context)."""
    seen: list[bool] = []
    with revealed():
        t = threading.Thread(target=lambda: seen.append(privacy.is_revealed()))
        t.start()
        t.join()
    assert [False] == seen


# --- reprs -------------------------------------------------------------------------------


def test_a_person_s_repr_masks_birth_date_and_numbers() -> None:
    """repr(Person) hides the day and month of birth and all but 4 digits of the numbers."""
    p = person(card_no="01234567", dossier_no="NA012345")
    text = repr(p)
    assert "birth_date='**/**/1990'" in text
    assert "card_no='****4567'" in text
    assert "dossier_no='****2345'" in text
    for secret in ("1990, 5, 17", "01234567", "NA012345"):
        assert secret not in text
    # The id and name are how offices name members: never masked.
    assert "id='P1'" in text
    assert "full_name='Người Thử Nghiệm Một'" in text
    assert str(p) == text


def test_a_revealed_repr_is_the_usual_one() -> None:
    """Inside revealed() the repr shows the values as attrs writes them."""
    with revealed():
        text = repr(person(card_no="01234567"))
    assert "birth_date=datetime.date(1990, 5, 17)" in text
    assert "card_no='01234567'" in text


def test_attributes_hold_the_values() -> None:
    """Masking is for what is shown: the attributes are the data."""
    p = person(card_no="01234567", dossier_no="NA012345")
    assert (date(1990, 5, 17), "01234567", "NA012345") == (p.birth_date, p.card_no, p.dossier_no)


def test_records_datasets_and_card_events_mask_too() -> None:
    """A record, a dataset and a card-issued event embed masked values in their reprs."""
    card = ev.CardIssued(date=date(2020, 1, 1), card_no="01234567")
    record = Record(person(card_no="01234567"), (card,))
    ds = Dataset(Organization("x", "Đảng bộ xã Thử Nghiệm", OrgLevel.COMMUNE), records=(record,))
    for text in (repr(card), repr(record), repr(ds)):
        assert "01234567" not in text
        assert "date(1990, 5, 17)" not in text
    assert "card_no='****4567'" in repr(card)


def test_personal_fields_are_declared_on_the_model() -> None:
    """The model marks exactly these fields as personal."""
    assert {
        "birth_date": Kind.BIRTH_DATE,
        "card_no": Kind.CARD_NO,
        "dossier_no": Kind.DOSSIER_NO,
    } == privacy.personal_fields(Person)
    assert {"card_no": Kind.CARD_NO} == privacy.personal_fields(ev.CardIssued)
    assert {} == privacy.personal_fields(ev.AdmissionDecision)
    assert {} == privacy.personal_fields(int)


# --- messages ----------------------------------------------------------------------------


def test_a_personal_fact_renders_masked_where_it_is_read() -> None:
    """A text built outside revealed() shows the value when read inside it, and back."""
    text = Text("workbook.person.card_no", {"value": Personal("01234567", Kind.CARD_NO)})
    assert "số thẻ đảng viên ****4567 phải gồm đúng 8 chữ số" == text.vi
    with revealed():
        assert "party card number 01234567 must be exactly 8 digits" == text.en
    assert "party card number ****4567 must be exactly 8 digits" == text.en


def test_a_personal_fact_compares_pickles_and_reprs_masked() -> None:
    """Personal values compare by value and kind, survive pickling, and repr masked."""
    a = Personal("01234567", Kind.CARD_NO)
    assert Personal("01234567", Kind.CARD_NO) == a
    assert Personal("01234567", Kind.DOSSIER_NO) != a
    assert hash(Personal("01234567", Kind.CARD_NO)) == hash(a)
    assert a == pickle.loads(pickle.dumps(a))
    assert "01234567" not in repr(a)
    assert "****4567" == str(a)
    with revealed():
        assert "17/05/1990" == str(Personal(date(1990, 5, 17), Kind.BIRTH_DATE))


def test_guard_wraps_the_value_fact_at_any_depth_and_nothing_else() -> None:
    """guard() wraps each fact named value, in nested texts too; other facts stay."""
    inner = Text("workbook.person.card_no", {"value": "12345678"})
    text = Text("workbook.at", {"ref": "K5", "what": inner})
    guarded = privacy.guard(text, Kind.CARD_NO)
    assert "ô K5: số thẻ đảng viên ****5678 phải gồm đúng 8 chữ số" == guarded.vi
    assert "K5" == guarded.fact("ref")
    assert text is privacy.guard(text, None)


def test_a_model_error_masks_the_value_unless_revealed() -> None:
    """A bad card number is refused; the message masks it, revealed it names it."""
    with pytest.raises(ValueError, match="must be exactly 8 digits") as info:
        person(card_no="123456789")
    assert "party card number *****6789 must be exactly 8 digits" == str(info.value).split(" / ")[1]
    with revealed(), pytest.raises(ValueError, match="123456789"):
        person(card_no="123456789")
    with pytest.raises(ValueError, match=r"số lý lịch \*\*\*\*\*\*\* phải"):
        person(dossier_no="HN99887")


# --- load issues -------------------------------------------------------------------------


def test_a_load_issue_in_a_personal_column_masks_its_value() -> None:
    """A column named after a personal field masks the value, in messages and repr."""
    issue = LoadIssue("people.csv", 5, "birth_date", "31/02/1990", Text("io.value.no_such_date"))
    assert Kind.BIRTH_DATE is issue.personal
    assert 'people.csv:5: cột "birth_date" = "**/**/1990"' == issue.where("vi")
    assert "31/02/1990" not in repr(issue)
    assert "31/02/1990" not in str(issue)
    with revealed():
        assert 'people.csv:5: column "birth_date" = "31/02/1990"' == issue.where("en")
        assert "31/02/1990" in repr(issue)
    assert "31/02/1990" == issue.value  # the attribute is the data


def test_other_columns_are_not_masked() -> None:
    """A value in a column that is not personal data shows as it is."""
    issue = LoadIssue("events.csv", 3, "date", "31/02/2024", Text("io.value.no_such_date"))
    assert None is issue.personal
    assert 'events.csv:3: column "date" = "31/02/2024"' == issue.where("en")


def test_the_personal_kind_is_not_compared() -> None:
    """Two issues equal but for the kind compare equal (it is how they show, not what)."""
    reason = Text("io.value.no_such_date")
    plain = LoadIssue("people.csv", 5, "birth_date", "x", reason, personal=None)
    assert LoadIssue("people.csv", 5, "birth_date", "x", reason) == plain


def _register(tmp_path: Path, rows: str) -> Path:
    (tmp_path / "organization.toml").write_text(
        'id = "x"\nname = "Đảng bộ xã Thử Nghiệm"\nlevel = "xã"\n', encoding="utf-8"
    )
    (tmp_path / "people.csv").write_text(
        "id,full_name,birth_date,sex,card_no,dossier_no\n" + rows, encoding="utf-8"
    )
    return tmp_path


def test_a_dataset_error_masks_every_personal_value(tmp_path: Path) -> None:
    """Bad birth date, card and record numbers: reported on their rows, values masked."""
    root = _register(
        tmp_path,
        "P1,Người Thử Một,1990-02-31,nữ,,\n"
        "P2,Người Thử Hai,1991-03-04,nam,123456789,\n"
        "P3,Người Thử Ba,1992-05-06,nam,,HN99887\n",
    )
    with pytest.raises(DatasetError) as info:
        load_dataset(root)
    report = str(info.value)
    for secret in ("1990-02-31", "123456789", "HN99887"):
        assert secret not in report
    assert 'people.csv:2: cột "birth_date" = "1990-**-**"' in report
    assert "số thẻ đảng viên *****6789 phải gồm đúng 8 chữ số" in report
    # Read again inside revealed(): the same issues name the values.
    with revealed():
        messages = [i.message("en") for i in read_dataset(root).issues]
    assert any("1990-02-31" in m for m in messages)
    assert any("123456789" in m for m in messages)
    assert any("HN99887" in m for m in messages)


def test_issues_read_outside_reveal_show_values_when_rendered_inside(tmp_path: Path) -> None:
    """Issues render when read: the same issue masks outside revealed() and shows inside."""
    root = _register(tmp_path, "P1,Người Thử Một,1990-02-31,nữ,,\n")
    (issue,) = read_dataset(root).issues
    assert "1990-02-31" not in issue.message("vi")
    with revealed():
        assert "1990-02-31" in issue.message("vi")


# --- JSON --------------------------------------------------------------------------------


def test_json_of_a_person_masks_unless_revealed() -> None:
    """to_json masks the personal fields; reveal=True writes them as dataset files do."""
    p = person(card_no="01234567", dossier_no="NA012345")
    out = to_json(p)
    assert ("**/**/1990", "****4567", "****2345") == (
        out["birth_date"],
        out["card_no"],
        out["dossier_no"],
    )
    assert ("P1", "Người Thử Nghiệm Một") == (out["id"], out["full_name"])
    shown_ = to_json(p, reveal=True)
    assert ("1990-05-17", "01234567", "NA012345") == (
        shown_["birth_date"],
        shown_["card_no"],
        shown_["dossier_no"],
    )
    with revealed():
        assert shown_ == to_json(p)
    assert None is to_json(person())["card_no"]


def test_json_of_a_card_event_masks_its_number() -> None:
    """A card-issued event keeps its type tag; its number is masked unless revealed."""
    card = ev.CardIssued(date=date(2020, 1, 1), card_no="01234567")
    assert {"type": "card_issued", "date": "2020-01-01", "card_no": "****4567"}.items() <= (
        to_json(card).items()
    )
    assert "01234567" == json.loads(dumps(card, reveal=True))["card_no"]


def test_json_of_a_personal_fact_is_its_masked_text() -> None:
    """A Personal fact in a text is written as text, masked, in facts and in the text."""
    text = Text("workbook.person.card_no", {"value": Personal("01234567", Kind.CARD_NO)})
    out = to_json(text, lang="en")
    assert "****4567" == out["facts"]["value"]
    assert "01234567" not in json.dumps(out)
    assert "01234567" == to_json(text, reveal=True)["facts"]["value"]


def test_the_register_is_saved_in_full(tmp_path: Path) -> None:
    """save_dataset writes the register itself: nothing masked, nothing lost."""
    card = ev.CardIssued(date=date(2020, 1, 1), card_no="01234567")
    record = Record(person(card_no="01234567", dossier_no="NA012345"), (card,))
    ds = Dataset(Organization("x", "Đảng bộ xã Thử Nghiệm", OrgLevel.COMMUNE), records=(record,))
    save_dataset(ds, tmp_path)
    people = (tmp_path / "people.csv").read_text(encoding="utf-8-sig")
    assert "1990-05-17" in people
    assert "01234567" in people
    assert "NA012345" in people
    assert ds == load_dataset(tmp_path)
