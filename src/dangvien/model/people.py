"""People as an office keeps them (lý lịch trích ngang).

Besides identity and the facts admission rules need (birth, education,
cell), a person may carry the classes the central statistical forms break
admissions down by (biểu 2-BTCTW, 4-BTCTW): religion, Youth Union
membership, occupation and professional qualification.  They are optional:
a register that does not record them leaves them blank, and the breakdown
tables count those people as "not recorded" rather than guessing.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

import attrs

from dangvien._text import key, nfc, nfc_optional
from dangvien.messages import CatalogueEnum, render

__all__ = [
    "CARD_NO",
    "DOSSIER_NO",
    "EducationLevel",
    "Occupation",
    "Person",
    "Qualification",
    "Religion",
    "Sex",
]

#: A party card number (số thẻ đảng viên): 8 ASCII digits, kept as text so
#: that leading zeros survive.
CARD_NO: Final = re.compile(r"[0-9]{8}")
#: A personal-record number (số lý lịch đảng viên): 6 ASCII digits and a
#: province code of 1–3 capital letters, before or after the digits, as in
#: the 9 boxes of the form (``NA012345``, ``012345HN``).
DOSSIER_NO: Final = re.compile(r"[A-ZĐ]{1,3}[0-9]{6}|[0-9]{6}[A-ZĐ]{1,3}")

#: The majority ethnic group; every other is an ethnic minority (dân tộc thiểu số).
MAJORITY_ETHNICITY = "Kinh"


class Sex(CatalogueEnum):
    """Sex (giới tính)."""

    MALE = "nam"
    FEMALE = "nữ"


class EducationLevel(CatalogueEnum):
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
    def rank(self) -> int:
        """Position in the order NONE < PRIMARY < equivalent < THCS < THPT."""
        return _EDU_ORDER.index(self)

    def at_least(self, other: EducationLevel) -> bool:
        """Return whether this level is *other* or higher."""
        return self.rank >= other.rank


_EDU_ORDER = list(EducationLevel)


class Religion(CatalogueEnum):
    """Religion (tôn giáo), as the register and the forms record it.

    ``NONE`` is "không" (no religion); a religion not listed is ``OTHER``.
    """

    NONE = "không"
    BUDDHISM = "Phật giáo"
    CATHOLIC = "Công giáo"
    PROTESTANT = "Tin lành"
    CAO_DAI = "Cao Đài"
    HOA_HAO = "Phật giáo Hòa Hảo"
    ISLAM = "Hồi giáo"
    OTHER = "khác"

    @property
    def follower(self) -> bool:
        """True for a religious follower (người theo tôn giáo)."""
        return self is not Religion.NONE


class Occupation(CatalogueEnum):
    """Occupation class of the central statistical forms (nghề nghiệp, biểu 2-BTCTW)."""

    STATE_OFFICIAL = "CB, CC nhà nước từ cấp huyện"
    """Cán bộ, công chức nhà nước từ cấp huyện trở lên."""
    PARTY_MASS_OFFICIAL = "CB, CC Đảng, MTTQ, đoàn thể từ cấp huyện"
    """Cán bộ, công chức Đảng, MTTQ, đoàn thể từ cấp huyện trở lên."""
    COMMUNE_OFFICIAL = "CB, CC, không chuyên trách cấp xã"
    """Cán bộ, công chức, người hoạt động không chuyên trách cấp xã."""
    HAMLET_PART_TIME = "không chuyên trách thôn, tổ dân phố"
    """Người hoạt động không chuyên trách ở thôn, tổ dân phố."""
    PUBLIC_EMPLOYEE = "viên chức sự nghiệp công lập"
    """Viên chức đơn vị sự nghiệp công lập."""
    PRIVATE_SERVICE = "lao động sự nghiệp ngoài công lập"
    """Người lao động đơn vị sự nghiệp ngoài công lập."""
    ENTERPRISE_MANAGER = "doanh nghiệp: lãnh đạo, quản lý"
    """Doanh nghiệp: lãnh đạo, quản lý."""
    ENTERPRISE_STAFF = "doanh nghiệp: nhân viên gián tiếp"
    """Doanh nghiệp: nhân viên gián tiếp."""
    WORKER = "doanh nghiệp: công nhân trực tiếp sản xuất"
    """Doanh nghiệp: công nhân trực tiếp sản xuất."""
    FARMER = "nông, lâm, ngư nghiệp"
    """Lao động nông, lâm, ngư nghiệp."""
    ARMED_FORCES = "quân đội, công an"
    """Sỹ quan, chiến sỹ quân đội và công an."""
    UNIVERSITY_STUDENT = "sinh viên"
    """Sinh viên."""
    PUPIL = "học sinh"
    """Học sinh."""
    OTHER = "khác"
    """Khác (hợp đồng, lao động tự do…)."""


class Qualification(CatalogueEnum):
    """Highest professional qualification (trình độ chuyên môn nghiệp vụ, biểu 2-BTCTW).

    The members are ordered from none to doctorate.
    """

    NONE = "chưa qua đào tạo"
    ELEMENTARY = "sơ cấp"
    INTERMEDIATE = "trung cấp"
    COLLEGE = "cao đẳng"
    UNIVERSITY = "đại học"
    MASTER = "thạc sĩ"
    DOCTORATE = "tiến sĩ"


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
        religion: tôn giáo, if recorded.
        youth_union: True for a member of the Hồ Chí Minh Communist Youth
            Union (đoàn viên), False for a non-member, None if not recorded.
        occupation: nghề nghiệp, as classed by the central forms, if recorded.
        qualification: trình độ chuyên môn nghiệp vụ, if recorded.

    .. versionchanged:: 0.2
       ``card_no``, ``dossier_no``, ``religion``, ``youth_union``,
       ``occupation``, ``qualification``.
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
    # The classes of the central statistical forms (2-BTCTW), all optional.
    religion: Religion | None = None
    youth_union: bool | None = None
    occupation: Occupation | None = None
    qualification: Qualification | None = None

    @card_no.validator
    def _check_card_no(self, _a: attrs.Attribute[str | None], value: str | None) -> None:
        if value is not None and not CARD_NO.fullmatch(value):
            raise ValueError(_both("workbook.person.card_no", value))

    @dossier_no.validator
    def _check_dossier_no(self, _a: attrs.Attribute[str | None], value: str | None) -> None:
        if value is not None and not DOSSIER_NO.fullmatch(value):
            raise ValueError(_both("workbook.person.dossier_no", value))

    @property
    def ethnic_minority(self) -> bool:
        """True for an ethnic minority (dân tộc thiểu số): any ethnicity but Kinh."""
        return key(self.ethnicity) != key(MAJORITY_ETHNICITY)

    @id.validator
    def _check_id(self, _a: attrs.Attribute[str], value: str) -> None:
        if not value:
            msg = "mã người không được trống / person id must not be empty"
            raise ValueError(msg)


def _both(key: str, value: str) -> str:
    """Return the message *key* as ``"<vi> / <en>"``, the form of the model's errors."""
    return f"{render(key, 'vi', value=value)} / {render(key, 'en', value=value)}"
