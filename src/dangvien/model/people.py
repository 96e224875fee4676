"""People as an office keeps them (lý lịch trích ngang)."""

from __future__ import annotations

import enum
import re
from datetime import date
from typing import Final

import attrs

from dangvien._text import nfc, nfc_optional
from dangvien.messages import render

__all__ = ["CARD_NO", "DOSSIER_NO", "EducationLevel", "Person", "Sex"]

#: A party card number (số thẻ đảng viên): 8 ASCII digits, kept as text so
#: that leading zeros survive.
CARD_NO: Final = re.compile(r"[0-9]{8}")
#: A personal-record number (số lý lịch đảng viên): 6 ASCII digits and a
#: province code of 1–3 capital letters, before or after the digits, as in
#: the 9 boxes of the form (``NA012345``, ``012345HN``).
DOSSIER_NO: Final = re.compile(r"[A-ZĐ]{1,3}[0-9]{6}|[0-9]{6}[A-ZĐ]{1,3}")


class Sex(enum.Enum):
    """Sex (giới tính)."""

    MALE = "nam"
    FEMALE = "nữ"

    @property
    def label_vi(self) -> str:
        """Vietnamese label (the value)."""
        return self.value

    @property
    def label_en(self) -> str:
        """English label."""
        return "male" if self is Sex.MALE else "female"


class EducationLevel(enum.Enum):
    """Highest general-education level completed (trình độ giáo dục phổ thông).

    The members are ordered: compare with :meth:`at_least`.
    ``LOWER_SECONDARY_EQUIVALENT`` is the "or equivalent" (tương đương) of
    29-QĐ/TW (2016), e.g. a complementary-education certificate; 24-QĐ/TW
    (2021) dropped those words.
    """

    NONE = "không"
    PRIMARY = "tiểu học"
    LOWER_SECONDARY_EQUIVALENT = "tương đương THCS"
    LOWER_SECONDARY = "THCS"
    UPPER_SECONDARY = "THPT"

    @property
    def label_vi(self) -> str:
        """Vietnamese label (the value)."""
        return self.value

    @property
    def label_en(self) -> str:
        """English label."""
        return _EDU_EN[self]

    @property
    def rank(self) -> int:
        """Position in the order NONE < PRIMARY < equivalent < THCS < THPT."""
        return _EDU_ORDER.index(self)

    def at_least(self, other: EducationLevel) -> bool:
        """Return whether this level is *other* or higher."""
        return self.rank >= other.rank


_EDU_ORDER = list(EducationLevel)
_EDU_EN = {
    EducationLevel.NONE: "none",
    EducationLevel.PRIMARY: "primary",
    EducationLevel.LOWER_SECONDARY_EQUIVALENT: "lower secondary or equivalent",
    EducationLevel.LOWER_SECONDARY: "lower secondary (THCS)",
    EducationLevel.UPPER_SECONDARY: "upper secondary (THPT)",
}


@attrs.frozen
class Person:
    """A person in the register (quần chúng or đảng viên), without history.

    The history lives in dated events (:mod:`dangvien.model.events`), joined in
    a :class:`~dangvien.model.register.Record`.

    Attributes:
        id: the office's identifier (mã), unique in a dataset.
        full_name: họ và tên, NFC.
        birth_date: ngày sinh.
        sex: giới tính.
        ethnicity: dân tộc.
        education: trình độ giáo dục phổ thông.
        hamlet: xóm/thôn of residence, if any.
        workplace: nơi làm việc/học tập, if any.
        cell: id of the party cell that manages the person (chi bộ), if any.
        special_area: True if the person lives or works in a mountain, border,
            island, ethnic-minority or extremely difficult area, or is a
            fisherman at sea; lower education thresholds may apply
            (vùng đặc biệt khó khăn).
        card_no: the party card number (số thẻ đảng viên), 8 digits as text
            (:data:`CARD_NO`), if known.
        dossier_no: the personal-record number (số lý lịch đảng viên),
            :data:`DOSSIER_NO`, if known.

    .. versionchanged:: 0.2
       ``card_no`` and ``dossier_no``.
    """

    id: str = attrs.field(converter=nfc)
    full_name: str = attrs.field(converter=nfc)
    birth_date: date
    sex: Sex
    ethnicity: str = attrs.field(default="Kinh", converter=nfc)
    education: EducationLevel = EducationLevel.UPPER_SECONDARY
    hamlet: str | None = attrs.field(default=None, converter=nfc_optional)
    workplace: str | None = attrs.field(default=None, converter=nfc_optional)
    cell: str | None = attrs.field(default=None, converter=nfc_optional)
    special_area: bool = False
    card_no: str | None = attrs.field(default=None, converter=nfc_optional)
    dossier_no: str | None = attrs.field(default=None, converter=nfc_optional)

    @card_no.validator
    def _check_card_no(self, _a: attrs.Attribute[str | None], value: str | None) -> None:
        if value is not None and not CARD_NO.fullmatch(value):
            raise ValueError(_both("workbook.person.card_no", value))

    @dossier_no.validator
    def _check_dossier_no(self, _a: attrs.Attribute[str | None], value: str | None) -> None:
        if value is not None and not DOSSIER_NO.fullmatch(value):
            raise ValueError(_both("workbook.person.dossier_no", value))

    @id.validator
    def _check_id(self, _a: attrs.Attribute[str], value: str) -> None:
        if not value:
            msg = "mã người không được trống / person id must not be empty"
            raise ValueError(msg)


def _both(key: str, value: str) -> str:
    """Return the message *key* as ``"<vi> / <en>"``, the form of the model's errors."""
    return f"{render(key, 'vi', value=value)} / {render(key, 'en', value=value)}"
