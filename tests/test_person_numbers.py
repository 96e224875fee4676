"""Party card and personal-record numbers: kept as text, validated, read and written in CSV."""

from datetime import date

import pytest

from dangvien.io import load_dataset, read_dataset, save_dataset
from dangvien.model import Dataset, Organization, OrgLevel, Person, Record, Sex
from dangvien.privacy import revealed


def person(**kw):
    """A synthetic person with the given numbers."""
    return Person("P1", "Người Thử Nghiệm Một", date(1990, 1, 2), Sex.FEMALE, **kw)


@pytest.mark.parametrize("card", ["01234567", "00000000", "99999999"])
def test_a_card_number_of_eight_digits_keeps_its_leading_zeros(card):
    """Eight ASCII digits are a card number, stored exactly as written."""
    assert card == person(card_no=card).card_no


@pytest.mark.parametrize(
    "card", ["1234567", "123456789", "1234 5678", "１２３４５６７８", "A1234567"]
)
def test_anything_else_is_not_a_card_number(card):
    """Seven or nine digits, a space, full-width digits or a letter are refused with both texts.

    The message names the value when personal data is revealed.
    """
    with revealed(), pytest.raises(ValueError, match="must be exactly 8 digits") as info:
        person(card_no=card)
    assert f"số thẻ đảng viên {card} phải gồm đúng 8 chữ số" == str(info.value).split(" / ")[0]


@pytest.mark.parametrize("dossier", ["NA012345", "012345HN", "Đ000001", "HNA123456"])
def test_a_dossier_number_is_six_digits_and_a_province_code(dossier):
    """6 digits with 1–3 capital letters before or after them (9 boxes at most)."""
    assert dossier == person(dossier_no=dossier).dossier_no


@pytest.mark.parametrize("dossier", ["012345", "na012345", "NA-012345", "ABCD012345", "NA01234"])
def test_other_dossier_numbers_are_refused(dossier):
    """No code, lower case, a dash, four letters or five digits are refused."""
    with pytest.raises(ValueError, match="personal-record number"):
        person(dossier_no=dossier)


def test_numbers_round_trip_through_people_csv(tmp_path):
    """people.csv has card_no and dossier_no columns; a leading zero survives the trip."""
    org = Organization("x", "Đảng bộ xã Thử Nghiệm", OrgLevel.COMMUNE)
    ds = Dataset(org, records=(Record(person(card_no="00123456", dossier_no="NA000123")),))
    save_dataset(ds, tmp_path)
    header = (tmp_path / "people.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert ",special_area,card_no,dossier_no," in header + ","
    assert ds == load_dataset(tmp_path)


def test_a_bad_card_number_in_people_csv_is_one_issue(tmp_path):
    """A seven-digit card number (a lost leading zero) is reported on its row and column.

    Not padded.  The message masks it (seven characters are too few to show
    the last four); revealed, the issue gives it in full.
    """
    (tmp_path / "organization.toml").write_text(
        'id = "x"\nname = "Đảng bộ xã Thử Nghiệm"\nlevel = "xã"\n', encoding="utf-8"
    )
    (tmp_path / "people.csv").write_text(
        "id,full_name,birth_date,sex,card_no\nP1,Người Thử,1990-01-02,nữ,1234567\n",
        encoding="utf-8",
    )
    result = read_dataset(tmp_path)
    assert ["party card number ******* must be exactly 8 digits"] == [
        i.expected_en for i in result.issues
    ]
    assert [("people.csv", 2, "card_no")] == [(i.file, i.row, i.column) for i in result.issues]
    with revealed():
        assert ['cột "card_no" = "1234567"'] == [str(i).split(": ")[1] for i in result.issues]
