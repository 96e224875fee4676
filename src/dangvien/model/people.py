"""People as an office keeps them (lý lịch trích ngang)."""

from __future__ import annotations

import enum
from datetime import date

import attrs

from dangvien._text import nfc, nfc_optional

__all__ = ["EducationLevel", "Person", "Sex"]


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

    @id.validator
    def _check_id(self, _a: attrs.Attribute[str], value: str) -> None:
        if not value:
            msg = "mã người không được trống / person id must not be empty"
            raise ValueError(msg)
