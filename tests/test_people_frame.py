"""A table of people carries only the columns asked for, personal ones masked (frames)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dangvien import privacy
from dangvien.errors import UsageError
from dangvien.io import load_dataset
from dangvien.model import Dataset, Organization, OrgLevel, Person, Record, Sex
from dangvien.model import events as ev

pl = pytest.importorskip("polars")

from dangvien.frames import PEOPLE_COLUMNS, people_frame  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "long-thanh"


def person(**kw: object) -> Person:
    """A synthetic person born 17/05/1990 with the given numbers."""
    return Person("P1", "Người Thử Nghiệm Một", date(1990, 5, 17), Sex.FEMALE, **kw)  # type: ignore[arg-type]


def test_a_people_frame_has_no_personal_column_unless_asked() -> None:
    """By default id, name, sex, birth year, cell and stage: nothing personal."""
    frame = people_frame(load_dataset(EXAMPLE))
    assert list(PEOPLE_COLUMNS) == frame.columns
    assert not set(frame.columns) & set(privacy.FIELDS)
    first = frame.row(0, named=True)
    # LT-0001, born 29/12/1987 (people.csv): the year shows, nothing else of the date.
    assert ("LT-0001", 1987, "OFFICIAL") == (first["id"], first["birth_year"], first["stage"])


def test_a_people_frame_masks_personal_columns_unless_revealed() -> None:
    """Asked for, birth_date is masked text; revealed, a date column."""
    card = ev.CardIssued(date=date(2020, 1, 1), card_no="01234567")
    record = Record(person(card_no="01234567"), (card,))
    ds = Dataset(
        Organization("x", "Đảng bộ xã Thử Nghiệm", OrgLevel.COMMUNE),
        records=(record,),
        data_as_of=date(2025, 12, 31),
    )
    masked = people_frame(ds, columns=("id", "birth_date", "card_no", "dossier_no", "age"))
    # Born 17/05/1990, on 31/12/2025: 35 whole years (the 35th birthday was 17/05/2025).
    assert [("P1", "**/**/1990", "****4567", None, 35)] == masked.rows()
    assert pl.String == masked.schema["birth_date"]
    full = people_frame(ds, columns=("birth_date", "card_no"), reveal=True)
    assert [(date(1990, 5, 17), "01234567")] == full.rows()
    assert pl.Date == full.schema["birth_date"]


def test_a_people_frame_refuses_an_unknown_column() -> None:
    """An unknown column is misuse: the message lists the known ones."""
    ds = Dataset(Organization("x", "X", OrgLevel.COMMUNE), data_as_of=date(2025, 1, 1))
    with pytest.raises(UsageError, match="no column phone; the columns are: id, full_name"):
        people_frame(ds, columns=("id", "phone"))


def test_a_people_frame_reveals_inside_a_revealed_block_only() -> None:
    """``with revealed():`` shows the card number; the same call after the block masks it."""
    record = Record(person(card_no="01234567"), ())
    ds = Dataset(
        Organization("x", "Đảng bộ xã Thử Nghiệm", OrgLevel.COMMUNE),
        records=(record,),
        data_as_of=date(2025, 12, 31),
    )
    with privacy.revealed():
        inside = people_frame(ds, columns=("card_no",)).item()
    assert ("01234567", "****4567") == (inside, people_frame(ds, columns=("card_no",)).item())
