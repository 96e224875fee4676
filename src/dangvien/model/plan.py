"""Development plans and the reports on them (kế hoạch, báo cáo kết quả).

A plan is transcribed as printed: its number may be blank (``Số -KH/ĐU``),
its legal bases carry the dates the plan printed (which may be wrong), its
targets name units as the table printed them (``Tr. Mầm non``, ``Huyện Yên
Thành``, ``Khối Cơ quan``), and its own stated totals and figures are kept
apart from the sums dangvien computes, so the two can be compared
(:mod:`dangvien.quotas`).

A target is what the document printed: an exact number (``annual = 2``), a
range (``từ 09 – 11``), a lower bound (``từ 290 trở lên``, ``ít nhất 290``)
or a strict one (``trên 290``): a :class:`TargetRange`.  A plan may state only
its headline (the headline is then the target), give targets to any unit
below its organisation (districts, blocs, communes, grassroots committees,
cells), set rates (new members as a share of members; the share of hamlet
heads or branch leaders who are members), and carry the reports of results
up to a date that offices publish, with their own figures ("đạt 74,38%",
"4 đơn vị đạt trên 50%"), checked by the plan rules.

Percentages printed in a document are kept as the text printed
(``"74,38"``), so that their precision is known: :func:`read_decimal` reads
them exactly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import attrs

from dangvien._text import nfc, nfc_optional, nfc_tuple
from dangvien.errors import DataError
from dangvien.messages import CatalogueEnum, Text

__all__ = [
    "AdmissionTarget",
    "Claim",
    "CountBy",
    "IntroductionTarget",
    "LegalBasis",
    "Plan",
    "PlanPeriod",
    "RateMeasure",
    "RateTarget",
    "ResultReport",
    "Rounding",
    "TargetRange",
    "UnitResult",
    "read_decimal",
]


class CountBy(CatalogueEnum):
    """Which date places an admission in a year (tính kết nạp theo ngày nào)."""

    DECISION = "decision"
    """Ngày quyết định kết nạp: the admission decision (default; party age starts)."""
    CEREMONY = "ceremony"
    """Ngày lễ kết nạp: the admission ceremony (probation starts)."""


class Rounding(CatalogueEnum):
    """How a document rounds its percentages (cách làm tròn tỷ lệ).

    Offices differ: many round half up, some truncate (a published 45,09 %
    is 45,10 % rounded half up), spreadsheets round half to even.
    """

    HALF_UP = "half_up"
    """Làm tròn lên từ 5: 0,05 → 0,1 (the default)."""
    HALF_EVEN = "half_even"
    """Làm tròn về số chẵn: 0,25 → 0,2; 0,35 → 0,4."""
    TRUNCATE = "truncate"
    """Bỏ phần thừa (cắt bớt): 45,0943 → 45,09."""


def _refused(key: str, **facts: object) -> DataError:
    """The error for a value the model refuses, from the catalogue text *key*."""
    text = Text(key, facts)
    return DataError(text.vi, text.en)


_DECIMAL = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?|(\d+)\.(\d+)|(\d+)/(\d+)")


def read_decimal(text: str) -> tuple[Fraction, int]:
    """Read a number as a document prints it: exact value and decimals printed.

    A comma is the decimal separator and dots group thousands
    (``"74,38"``, ``"1.480"``, ``"2.000,5"``); without a comma a single dot
    followed by other than three digits is read as a decimal point
    (``"74.38"``); ``"250/3"`` is a fraction (0 decimals); a trailing ``%``
    is allowed.

    >>> read_decimal("74,38%")
    (Fraction(3719, 50), 2)
    >>> read_decimal("1.480"), read_decimal("45.1")
    ((Fraction(1480, 1), 0), (Fraction(451, 10), 1))

    Raises:
        DataError: (a ``ValueError``) with a Vietnamese and an English
            message, for other text.

    """
    raw = nfc(text).removesuffix("%").strip().replace(" ", "")
    m = _DECIMAL.fullmatch(raw)
    if m is None:
        raise _refused("model.plan.bad_number", text=text)
    if m[5] is not None:
        if int(m[6]) == 0:
            raise _refused("model.plan.zero_denominator", text=text)
        return Fraction(int(m[5]), int(m[6])), 0
    if m[3] is not None:
        return Fraction(f"{m[3]}.{m[4]}"), len(m[4])
    whole = m[1].replace(".", "")
    decimals = m[2] or ""
    value = Fraction(f"{whole}.{decimals}") if decimals else Fraction(int(whole))
    return value, len(decimals)


def _decimal_text(_inst: object, _attr: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        read_decimal(value)


def _non_negative(_inst: object, attr: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise _refused("model.non_negative", field=attr.name, value=value)


def _optional_non_negative(
    _inst: object, attr: attrs.Attribute[int | None], value: int | None
) -> None:
    if value is not None and value < 0:
        raise _refused("model.non_negative", field=attr.name, value=value)


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
            raise _refused("model.plan.bad_period", first=self.first_year, last=self.last_year)

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
    """A target as printed: exact, a range, or a lower bound (chỉ tiêu).

    - ``TargetRange(9, 11)``: "phấn đấu kết nạp từ 09 – 11";
    - ``TargetRange(2000, 2000)``: exactly 2 000 (:meth:`exactly`);
    - ``TargetRange(290)``: "từ 290 trở lên", "ít nhất 290" (no upper bound);
    - ``TargetRange(290, above=True)``: "trên 290", more than 290.

    The percentage of a target is measured against its ``low`` end (the
    least the document commits to); a target is met at ``low`` (above it
    for ``above``), whatever the upper end.

    Attributes:
        low: the lower end.
        high: the upper end; None when there is none.
        above: True for a strict lower bound ("trên N": more than N).

    """

    low: int = attrs.field(validator=_non_negative)
    high: int | None = attrs.field(default=None, validator=_optional_non_negative)
    above: bool = False

    def __attrs_post_init__(self) -> None:
        if self.high is not None and self.high < self.low:
            raise _refused("model.plan.bad_range", low=self.low, high=self.high)
        if self.above and self.high is not None:
            raise _refused("model.plan.above_with_high", low=self.low, high=self.high)

    @classmethod
    def exactly(cls, n: int) -> TargetRange:
        """The exact target *n*."""
        return cls(n, n)

    @property
    def exact(self) -> bool:
        """True when the target is one number."""
        return self.high == self.low

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, int):
            return False
        above_low = value > self.low if self.above else value >= self.low
        return above_low and (self.high is None or value <= self.high)

    def met_by(self, achieved: int | Fraction) -> bool:
        """Return whether *achieved* reaches the target (its low end; beyond it for ``above``)."""
        return achieved > self.low if self.above else achieved >= self.low

    def overlaps(self, other: TargetRange) -> bool:
        """Return whether some whole number satisfies both targets."""
        low = max(self.low + self.above, other.low + other.above)
        highs = [h for h in (self.high, other.high) if h is not None]
        return not highs or low <= min(highs)

    def __add__(self, other: TargetRange) -> TargetRange:
        """The sum of two targets: lows added, highs added (none if either has none)."""
        high = None if self.high is None or other.high is None else self.high + other.high
        return TargetRange(self.low + other.low, high, above=self.above or other.above)

    def __str__(self) -> str:
        if self.high is None:
            return f"> {self.low}" if self.above else f"≥ {self.low}"
        return f"{self.low}–{self.high}"

    @property
    def text(self) -> Text:
        """The target as a catalogue text (``target.range``, ``target.more_than``…).

        >>> TargetRange(2000, 2500).text.vi, TargetRange(290, above=True).text.en
        ('2.000–2.500', 'more than 290')
        """
        if self.above:
            return Text("target.more_than", {"low": self.low})
        if self.high is None:
            return Text("target.at_least", {"low": self.low})
        if self.exact:
            return Text("target.exact", {"low": self.low})
        return Text("target.range", {"low": self.low, "high": self.high})

    @property
    def label_vi(self) -> str:
        """As a Vietnamese document prints it: ``9–11``, ``2.000``, ``trên 290``."""
        return self.text.vi

    @property
    def label_en(self) -> str:
        """In English: ``9–11``, ``2,000``, ``more than 290``, ``at least 290``."""
        return self.text.en


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
    """Annual admission target of a unit (chỉ tiêu kết nạp đảng viên hằng năm).

    The unit is any organisation below the plan's (a district, a bloc, a
    commune, a grassroots committee) or a cell, named as the table printed
    it; its admissions are counted through the cells below it.  The target
    is ``annual`` (an exact number) or ``bounds`` (a range or a lower
    bound), not both.

    Older files name the unit with the key ``cell``; it is read as ``unit``.

    Attributes:
        unit: the unit as the plan's table printed it (``Tr. Mầm non``,
            ``Huyện Yên Thành``).
        annual: admissions targeted per year, exactly.
        year: the year this row is for; None means every year of the plan.
        note: the table's "Ghi chú" column.
        bounds: a range or lower bound instead of ``annual``
            (``{low = 9, high = 11}``, ``{low = 290, above = true}``).
        cell: the older name of ``unit`` (accepted on input, stored as
            ``unit``).

    .. versionchanged:: 0.2
       ``unit`` (formerly ``cell``), ``bounds``; ``annual`` may be left out
       when ``bounds`` is given.
    """

    unit: str = attrs.field(default="", converter=nfc)
    annual: int | None = attrs.field(default=None, validator=_optional_non_negative)
    year: int | None = None
    note: str | None = attrs.field(default=None, converter=nfc_optional)
    bounds: TargetRange | None = None
    cell: str | None = attrs.field(default=None, converter=nfc_optional)

    def __attrs_post_init__(self) -> None:
        if self.cell is not None:
            if self.unit and self.unit != self.cell:
                raise _refused("model.plan.unit_and_cell", unit=self.unit, cell=self.cell)
            object.__setattr__(self, "unit", self.cell)
            object.__setattr__(self, "cell", None)
        if not self.unit:
            raise _refused("model.plan.unit_missing")
        if (self.annual is None) == (self.bounds is None):
            raise _refused("model.plan.annual_or_bounds")

    @property
    def target(self) -> TargetRange:
        """The row's target: ``annual`` as an exact target, else ``bounds``."""
        if self.bounds is not None:
            return self.bounds
        assert self.annual is not None  # one of them is set (checked at creation)
        return TargetRange.exactly(self.annual)


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


class RateMeasure(CatalogueEnum):
    """What a rate target measures (chỉ tiêu tỷ lệ)."""

    ADMISSIONS_PER_MEMBERS = "kết nạp/đảng viên"
    """New members of the year as a share of the party members at its start
    ("tỷ lệ kết nạp đảng viên mới đạt 3–4% tổng số đảng viên")."""
    HAMLET_HEADS = "trưởng thôn là đảng viên"
    """Hamlet and residential-group heads who are members ("100% thôn, tổ dân phố
    có trưởng thôn là đảng viên")."""
    BRANCH_LEADERS = "chi hội trưởng là đảng viên"
    """Branch leaders of the mass organisations who are members."""


@attrs.frozen
class RateTarget:
    """A target stated as a percentage (chỉ tiêu tỷ lệ), e.g. "3 – 4% tổng số đảng viên".

    Attributes:
        measure: what is measured.
        low: the lowest percentage targeted, as printed (``"3"``, ``"3,5"``).
        high: the highest, for a range; None otherwise.
        unit: the unit as printed; None for the plan's whole organisation.
        year: the year this row is for; None means every year of the plan.
        note: a note.

    """

    measure: RateMeasure
    low: str = attrs.field(converter=nfc, validator=_decimal_text)
    high: str | None = attrs.field(default=None, converter=nfc_optional, validator=_decimal_text)
    unit: str | None = attrs.field(default=None, converter=nfc_optional)
    year: int | None = None
    note: str | None = attrs.field(default=None, converter=nfc_optional)

    def __attrs_post_init__(self) -> None:
        if self.high is not None and read_decimal(self.high)[0] < read_decimal(self.low)[0]:
            raise _refused("model.plan.bad_rate_range", low=self.low, high=self.high)


@attrs.frozen
class UnitResult:
    """One row of a report's results table (kết quả của một đơn vị).

    Attributes:
        unit: the unit as printed; None for the whole organisation.
        admitted: admissions up to the report's date in its year.
        members: party members at the start of the year, if printed.
        hamlet_heads: hamlet and residential-group heads, if printed.
        hamlet_heads_members: of whom party members.
        branch_leaders: mass-organisation branch leaders, if printed.
        branch_leaders_members: of whom party members.

    """

    unit: str | None = attrs.field(default=None, converter=nfc_optional)
    admitted: int | None = attrs.field(default=None, validator=_optional_non_negative)
    members: int | None = attrs.field(default=None, validator=_optional_non_negative)
    hamlet_heads: int | None = attrs.field(default=None, validator=_optional_non_negative)
    hamlet_heads_members: int | None = attrs.field(default=None, validator=_optional_non_negative)
    branch_leaders: int | None = attrs.field(default=None, validator=_optional_non_negative)
    branch_leaders_members: int | None = attrs.field(default=None, validator=_optional_non_negative)


@attrs.frozen
class Claim:
    """A figure a plan or report states about its own results (số liệu công bố).

    Transcribe each sentence's numbers; dangvien computes each and the plan
    rules flag those that disagree (``PLAN-CLAIM-*``).  A claim is about the
    whole organisation unless it names a unit, and about the report's year
    (a plan's: the year before its first) unless it names one;
    ``first_year`` makes it a span ("giai đoạn 2020–2022").

    Attributes:
        text: the sentence as printed, for reference.
        unit: the unit as printed; None for the whole organisation.
        year: the (last) year the figure is about.
        first_year: the first year, for a span of years.
        admitted: a count of admissions ("kết nạp được 1.480 đảng viên").
        above: the count is a strict lower bound ("trên 290 đảng viên").
        percent: the percentage of the target reached, as printed
            (``"74,38"`` for "đạt 74,38%").
        units: a number of units ("4 đơn vị").
        threshold: the percentage those units reached, as printed
            (``"50"`` for "đạt trên 50%").
        inclusive: the units reached the threshold or more ("từ 50% trở
            lên") rather than more than it ("trên 50%").
        target: a total of the targets ("tổng chỉ tiêu 2.000").

    """

    text: str = attrs.field(default="", converter=nfc)
    unit: str | None = attrs.field(default=None, converter=nfc_optional)
    year: int | None = None
    first_year: int | None = None
    admitted: int | None = attrs.field(default=None, validator=_optional_non_negative)
    above: bool = False
    percent: str | None = attrs.field(default=None, converter=nfc_optional, validator=_decimal_text)
    units: int | None = attrs.field(default=None, validator=_optional_non_negative)
    threshold: str | None = attrs.field(
        default=None, converter=nfc_optional, validator=_decimal_text
    )
    inclusive: bool = False
    target: int | None = attrs.field(default=None, validator=_optional_non_negative)

    def __attrs_post_init__(self) -> None:
        if (self.units is None) != (self.threshold is None):
            raise _refused("model.plan.units_with_threshold")
        if self.first_year is not None and self.year is not None and self.first_year > self.year:
            raise _refused("model.plan.bad_span", first=self.first_year, last=self.year)


@attrs.frozen
class ResultReport:
    """A report of results under a plan (báo cáo kết quả thực hiện), as printed.

    Attributes:
        number: the document number, as printed (``12-BC/HU``).
        date: the report's date.
        as_of: the day its figures run to (số liệu đến ngày).
        title: the title.
        results: its table of results per unit, if any.
        stated_total: the table's own total of admissions, if printed.
        claims: the figures its text states.
        rounding: how it rounds its percentages, if known (a percentage
            claim must then match that rounding; otherwise any).

    """

    date: dt.date
    as_of: dt.date
    number: str = attrs.field(default="", converter=nfc)
    title: str = attrs.field(default="", converter=nfc)
    results: tuple[UnitResult, ...] = ()
    stated_total: int | None = attrs.field(default=None, validator=_optional_non_negative)
    claims: tuple[Claim, ...] = ()
    rounding: Rounding | None = None

    def __attrs_post_init__(self) -> None:
        if self.as_of > self.date:
            raise _refused("model.plan.as_of_after_date", as_of=self.as_of, date=self.date)

    @property
    def year(self) -> int:
        """The year its figures are about (the as-of date's)."""
        return self.as_of.year


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
        headline: the headline annual admission target, if stated; without a
            table it is the organisation's target.
        admission_targets: the table of per-unit annual targets.
        introduction_targets: the per-mass-organisation annual quotas.
        stated_admission_total: the table's own "Tổng", if printed.
        stated_introduction_total: the quota table's own total, if printed.
        signed_by: signatory, as printed.
        named_stagnant: the cells the plan's text names as not having admitted
            anyone for years, as printed (compared with the register).
        rate_targets: targets stated as percentages.
        claims: the figures the plan's own account of past results states.
        reports: the reports of results under the plan.
        rounding: how the plan rounds its percentages, if known.

    .. versionchanged:: 0.2
       ``rate_targets``, ``claims``, ``reports``, ``rounding``; rows name
       any unit.
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
    rate_targets: tuple[RateTarget, ...] = ()
    claims: tuple[Claim, ...] = ()
    reports: tuple[ResultReport, ...] = ()
    rounding: Rounding | None = None

    def admission_sum(self, year: int | None = None) -> int:
        """Sum of the per-unit targets for *year* (rows for every year included).

        A range or lower bound counts its low end.
        """
        return sum(t.target.low for t in self.admission_targets if t.year in (None, year))

    def introduction_sum(self, year: int | None = None) -> int:
        """Sum of the mass-organisation quotas for *year* (rows for every year included)."""
        return sum(t.annual for t in self.introduction_targets if t.year in (None, year))
