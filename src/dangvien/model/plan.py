"""Multi-year development plans (kế hoạch bồi dưỡng, phát triển đảng viên).

A plan is transcribed as printed: its number may be blank (``Số -KH/ĐU``),
its legal bases carry the dates the plan printed (which may be wrong), its
targets name cells as the table printed them (``Tr. Mầm non``), and its own
stated totals are kept apart from the sums dangvien computes, so the two can
be compared (:mod:`dangvien.quotas`).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator

import attrs

from dangvien._text import nfc, nfc_optional, nfc_tuple

__all__ = [
    "AdmissionTarget",
    "CountBy",
    "IntroductionTarget",
    "LegalBasis",
    "Plan",
    "PlanPeriod",
    "TargetRange",
]


class CountBy(enum.Enum):
    """Which date places an admission in a year (tính kết nạp theo ngày nào)."""

    DECISION = "decision"
    """Ngày quyết định kết nạp: the admission decision (default; party age starts)."""
    CEREMONY = "ceremony"
    """Ngày lễ kết nạp: the admission ceremony (probation starts)."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return "ngày quyết định kết nạp" if self is CountBy.DECISION else "ngày lễ kết nạp"

    @property
    def label_en(self) -> str:
        """English label."""
        return "admission decision date" if self is CountBy.DECISION else "ceremony date"


def _non_negative(_inst: object, attr: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        msg = f"{attr.name} phải ≥ 0 / must be ≥ 0, got {value}"
        raise ValueError(msg)


@attrs.frozen
class PlanPeriod:
    """Plan period (giai đoạn), e.g. 2023–2025 "và những năm tiếp theo".

    Attributes:
        first_year: first year.
        last_year: last named year.
        open_ended: True for "and following years" (và những năm tiếp theo).

    """

    first_year: int
    last_year: int
    open_ended: bool = False

    def __attrs_post_init__(self) -> None:
        if self.last_year < self.first_year:
            msg = f"giai đoạn sai / bad period {self.first_year}–{self.last_year}"
            raise ValueError(msg)

    def years(self, until: int | None = None) -> Iterator[int]:
        """Yield the plan's years; an open-ended plan continues up to *until*.

        >>> list(PlanPeriod(2023, 2025, open_ended=True).years(until=2026))
        [2023, 2024, 2025, 2026]
        >>> list(PlanPeriod(2023, 2025).years(until=2026))
        [2023, 2024, 2025]
        """
        last = self.last_year
        if self.open_ended and until is not None:
            last = max(last, until)
        yield from range(self.first_year, last + 1)

    def covers(self, year: int) -> bool:
        """Return whether *year* is in the period (always after it if open-ended)."""
        return year >= self.first_year and (self.open_ended or year <= self.last_year)


@attrs.frozen
class TargetRange:
    """A range target such as "phấn đấu kết nạp từ 09 - 11" a year (chỉ tiêu cơ bản)."""

    low: int = attrs.field(validator=_non_negative)
    high: int = attrs.field(validator=_non_negative)

    def __attrs_post_init__(self) -> None:
        if self.high < self.low:
            msg = f"khoảng chỉ tiêu sai / bad range {self.low}–{self.high}"
            raise ValueError(msg)

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and self.low <= value <= self.high

    def __str__(self) -> str:
        return f"{self.low}–{self.high}"


@attrs.frozen
class LegalBasis:
    """A legal basis as the plan printed it (căn cứ).

    Attributes:
        ref: the document number as printed (``24-QĐ/TW``); None for the
            Charter or an unnumbered text.
        date: the date printed with it (possibly wrong).
        title: the title or description printed.
        issuer: the issuer printed.

    """

    ref: str | None = attrs.field(default=None, converter=nfc_optional)
    date: dt.date | None = None
    title: str = attrs.field(default="", converter=nfc)
    issuer: str | None = attrs.field(default=None, converter=nfc_optional)


@attrs.frozen
class AdmissionTarget:
    """Annual admission target of a cell (chỉ tiêu kết nạp đảng viên hằng năm).

    Attributes:
        cell: the cell as the plan's table printed it (``Tr. Mầm non``).
        annual: admissions targeted per year.
        year: the year this row is for; None means every year of the plan.
        note: the table's "Ghi chú" column.

    """

    cell: str = attrs.field(converter=nfc)
    annual: int = attrs.field(validator=_non_negative)
    year: int | None = None
    note: str | None = attrs.field(default=None, converter=nfc_optional)


@attrs.frozen
class IntroductionTarget:
    """Annual introduction quota of a mass organisation (số quần chúng giới thiệu hằng năm).

    Attributes:
        organization: the organisation as printed (``Hội LHPN xã``).
        annual: outstanding citizens to introduce per year.
        year: the year this row is for; None means every year.

    """

    organization: str = attrs.field(converter=nfc)
    annual: int = attrs.field(validator=_non_negative)
    year: int | None = None


@attrs.frozen
class Plan:
    """A committee's development plan (kế hoạch).

    Attributes:
        id: stable identifier in the dataset.
        number: document number as printed, possibly blank (``-KH/ĐU``).
        date: date of the plan.
        issuer: the issuing body (``Ban Thường vụ Đảng ủy xã Long Thành``).
        organization: id of the organisation the plan is for.
        title: the title.
        period: the plan period.
        legal_bases: the bases as printed.
        headline: the headline annual admission range, if stated.
        admission_targets: the table of per-cell annual targets.
        introduction_targets: the per-mass-organisation annual quotas.
        stated_admission_total: the table's own "Tổng", if printed.
        stated_introduction_total: the quota table's own total, if printed.
        signed_by: signatory, as printed.
        named_stagnant: the cells the plan's text names as not having admitted
            anyone for years, as printed (compared with the register).

    """

    id: str = attrs.field(converter=nfc)
    number: str = attrs.field(converter=nfc)
    date: dt.date
    issuer: str = attrs.field(converter=nfc)
    organization: str = attrs.field(converter=nfc)
    title: str = attrs.field(converter=nfc)
    period: PlanPeriod
    legal_bases: tuple[LegalBasis, ...] = ()
    headline: TargetRange | None = None
    admission_targets: tuple[AdmissionTarget, ...] = ()
    introduction_targets: tuple[IntroductionTarget, ...] = ()
    stated_admission_total: int | None = None
    stated_introduction_total: int | None = None
    signed_by: str | None = attrs.field(default=None, converter=nfc_optional)
    named_stagnant: tuple[str, ...] = attrs.field(default=(), converter=nfc_tuple)

    def admission_sum(self, year: int | None = None) -> int:
        """Sum of the per-cell targets for *year* (rows for every year included)."""
        return sum(t.annual for t in self.admission_targets if t.year in (None, year))

    def introduction_sum(self, year: int | None = None) -> int:
        """Sum of the mass-organisation quotas for *year* (rows for every year included)."""
        return sum(t.annual for t in self.introduction_targets if t.year in (None, year))
