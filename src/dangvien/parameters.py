"""Dated legal parameters (tham số pháp lý theo thời gian).

Every number with legal meaning (ages, months, working days, vote
fractions, waiting periods, certificate validity) is a :class:`Parameter`: a
history of values keyed by the day each took effect, each value with its
citation and confidence grade.  Rules read values with
``params.value(KEY, on=date_of_the_act)``.

Users adapt the law without forking: :meth:`Parameters.override` returns a new
set with an added value (a stricter local rule, a newer regulation)::

    params = default_parameters().override(
        AWARENESS_VALIDITY_MONTHS, 36, start=date(2026, 1, 1),
        citation=Citation(my_document, "điểm 2"),
    )

Values graded ``C`` are dangvien's documented assumptions where the sources
are silent or disagree; override them when your committee decides otherwise.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction
from functools import cache
from typing import Any, Generic, TypeVar, cast

import attrs

from dangvien.documents import Citation, Confidence, KnownDocument, default_register
from dangvien.errors import NotCoveredError
from dangvien.messages import Text
from dangvien.model.people import EducationLevel

__all__ = [
    "ADMISSION_AGE_MAX_YEARS",
    "ADMISSION_AGE_MIN_YEARS",
    "ADMISSION_DECISION_EXTENSION_WD",
    "ADMISSION_DECISION_WD",
    "ADMISSION_VOTE_FRACTION",
    "AWARENESS_VALIDITY_MONTHS",
    "BADGE_LEVELS_YEARS",
    "CELL_COMMITTEE_MIN_OFFICIAL",
    "CELL_MIN_OFFICIAL",
    "CEREMONY_WD",
    "DOSSIER_STALE_MONTHS",
    "EDUCATION_MIN",
    "INTRODUCER_COUNT",
    "INTRODUCER_TENURE_MONTHS",
    "PROBATION_MONTHS",
    "READMISSION_MAX_TIMES",
    "READMISSION_WAIT_AFTER_RECORD_MONTHS",
    "READMISSION_WAIT_MONTHS",
    "RECOGNITION_DECISION_EXTENSION_WD",
    "RECOGNITION_DECISION_WD",
    "RECOGNITION_REVIEW_WD",
    "RECOGNITION_VOTE_FRACTION",
    "REMOVAL_MISSED_MONTHS",
    "YOUTH_AGE_MAX_YEARS",
    "Key",
    "Parameter",
    "ParameterNotCovered",
    "ParameterValue",
    "Parameters",
    "default_parameters",
]

T = TypeVar("T")


class ParameterNotCovered(NotCoveredError):
    """No value of a parameter is in force on the date asked."""


@attrs.frozen
class Key(Generic[T]):
    """A typed parameter name: ``params.value(PROBATION_MONTHS, on)`` is an ``int``."""

    name: str
    title_vi: str
    title_en: str
    unit: str

    def __str__(self) -> str:
        return self.name


@attrs.frozen
class ParameterValue(Generic[T]):
    """One value of a parameter, in force from ``start`` (giá trị có hiệu lực từ ngày).

    Attributes:
        start: first day in force.
        value: the value.
        citation: the provision that sets it.
        confidence: how well it is established (A, B, C).
        note: why the value is what it is, for C grades especially.
    """

    start: date
    value: T
    citation: Citation
    confidence: Confidence = Confidence.A
    note: str = ""


@attrs.frozen
class Parameter(Generic[T]):
    """A parameter's history, oldest value first (lịch sử tham số).

    A value is in force from its start until the next value's start.
    """

    key: Key[T]
    values: tuple[ParameterValue[T], ...]

    def __attrs_post_init__(self) -> None:
        starts = [v.start for v in self.values]
        if not starts or starts != sorted(set(starts)):
            msg = f"{self.key.name}: values must have distinct starts in order"
            raise ValueError(msg)

    def at(self, on: date) -> ParameterValue[T]:
        """Return the value in force on *on*.

        Raises:
            ParameterNotCovered: before the first value.
        """
        i = bisect.bisect_right([v.start for v in self.values], on)
        if i == 0:
            text = Text(
                "law.parameter_not_covered",
                {"name": self.key.name, "on": on, "first": self.values[0].start},
            )
            raise ParameterNotCovered(text.vi, text.en)
        return self.values[i - 1]

    def with_value(self, value: ParameterValue[T]) -> Parameter[T]:
        """Return a copy where *value* replaces any value with the same start."""
        kept = [v for v in self.values if v.start != value.start]
        return Parameter(self.key, tuple(sorted([*kept, value], key=lambda v: v.start)))


class Parameters:
    """A set of parameter histories; immutable, overridable by copy.

    Look-ups are cached per (key, date) because a province check asks the
    same questions hundreds of thousands of times.
    """

    __slots__ = ("_cache", "_params")

    def __init__(self, params: Iterable[Parameter[Any]]) -> None:
        self._params: dict[str, Parameter[Any]] = {p.key.name: p for p in params}
        self._cache: dict[tuple[str, date], ParameterValue[Any]] = {}

    def __iter__(self) -> Any:
        return iter(self._params.values())

    def __len__(self) -> int:
        return len(self._params)

    def parameter(self, key: Key[T]) -> Parameter[T]:
        """Return the history of *key*."""
        return cast(Parameter[T], self._params[key.name])

    def at(self, key: Key[T], on: date) -> ParameterValue[T]:
        """Return the value of *key* in force on *on*, with its citation."""
        ck = (key.name, on)
        found = self._cache.get(ck)
        if found is None:
            found = self._params[key.name].at(on)
            self._cache[ck] = found
        return cast(ParameterValue[T], found)

    def value(self, key: Key[T], on: date) -> T:
        """Return the bare value of *key* in force on *on*."""
        return self.at(key, on).value

    def override(
        self,
        key: Key[T],
        value: T,
        *,
        start: date,
        citation: Citation,
        confidence: Confidence = Confidence.A,
        note: str = "",
    ) -> Parameters:
        """Return a new set where *key* takes *value* from *start* on.

        >>> from dangvien.documents import default_register
        >>> charter = default_register().by_key("dieu-le-2011")
        >>> p = default_parameters().override(
        ...     PROBATION_MONTHS, 18, start=date(2030, 1, 1),
        ...     citation=Citation(charter, "giả định / hypothetical"))
        >>> p.value(PROBATION_MONTHS, date(2029, 12, 31))
        12
        >>> p.value(PROBATION_MONTHS, date(2030, 1, 1))
        18
        """
        new = ParameterValue(start, value, citation, confidence, note)
        params = dict(self._params)
        params[key.name] = self.parameter(key).with_value(new)
        return Parameters(params.values())

    def as_mapping(self) -> Mapping[str, Parameter[Any]]:
        """Return the histories by name."""
        return dict(self._params)


# --- keys -----------------------------------------------------------------

ADMISSION_AGE_MIN_YEARS: Key[int] = Key(
    "admission.age_min_years",
    "Tuổi tối thiểu khi kết nạp (đủ, tính theo tháng)",
    "Minimum age at admission (full, counted in months)",
    "năm / years",
)
ADMISSION_AGE_MAX_YEARS: Key[int] = Key(
    "admission.age_max_years",
    "Tuổi tối đa khi kết nạp (tính theo tháng)",
    "Maximum age at admission (counted in months)",
    "năm / years",
)
EDUCATION_MIN: Key[EducationLevel] = Key(
    "admission.education_min",
    "Trình độ học vấn tối thiểu",
    "Minimum general education",
    "bậc học / level",
)
AWARENESS_VALIDITY_MONTHS: Key[int] = Key(
    "awareness.validity_months",
    "Thời hạn giá trị giấy chứng nhận lớp nhận thức về Đảng",
    "Validity of the party-awareness course certificate",
    "tháng / months",
)
INTRODUCER_COUNT: Key[int] = Key(
    "introducer.count", "Số người giới thiệu", "Number of introducers", "người / persons"
)
INTRODUCER_TENURE_MONTHS: Key[int] = Key(
    "introducer.tenure_months",
    "Thời gian người giới thiệu cùng công tác, sinh hoạt",
    "Time the introducer has worked or lived with the applicant",
    "tháng / months",
)
YOUTH_AGE_MAX_YEARS: Key[int] = Key(
    "introducer.youth_age_max_years",
    "Tuổi tối đa của tuổi thanh niên (tuổi Đoàn)",
    "Upper bound of youth age (Youth Union route)",
    "năm / years",
)
ADMISSION_VOTE_FRACTION: Key[Fraction] = Key(
    "vote.admission_fraction",
    "Tỷ lệ tán thành tối thiểu khi chi bộ xét kết nạp",
    "Minimum share of all official members approving an admission",
    "phần / fraction",
)
RECOGNITION_VOTE_FRACTION: Key[Fraction] = Key(
    "vote.recognition_fraction",
    "Tỷ lệ tán thành tối thiểu khi xét công nhận chính thức",
    "Minimum share of all official members approving recognition",
    "phần / fraction",
)
DOSSIER_STALE_MONTHS: Key[int] = Key(
    "dossier.stale_months",
    "Thời hạn hồ sơ kết nạp chưa được chi bộ xét",
    "Age after which an unvoted dossier must be renewed",
    "tháng / months",
)
ADMISSION_DECISION_WD: Key[int] = Key(
    "decision.admission_wd",
    "Thời hạn cấp ủy có thẩm quyền quyết định kết nạp",
    "Time limit for the competent committee's admission decision",
    "ngày làm việc / working days",
)
ADMISSION_DECISION_EXTENSION_WD: Key[int] = Key(
    "decision.admission_extension_wd",
    "Gia hạn tối đa quyết định kết nạp (trường hợp đặc biệt)",
    "Maximum extension of the admission decision",
    "ngày làm việc / working days",
)
CEREMONY_WD: Key[int] = Key(
    "ceremony.wd",
    "Thời hạn tổ chức lễ kết nạp kể từ khi nhận quyết định",
    "Time limit for the ceremony after receiving the decision",
    "ngày làm việc / working days",
)
PROBATION_MONTHS: Key[int] = Key(
    "probation.months", "Thời gian dự bị", "Length of probation", "tháng / months"
)
RECOGNITION_REVIEW_WD: Key[int] = Key(
    "recognition.review_wd",
    "Thời hạn chi bộ xét công nhận chính thức sau khi hết dự bị",
    "Time limit for the cell's recognition review after probation",
    "ngày làm việc / working days",
)
RECOGNITION_DECISION_WD: Key[int] = Key(
    "recognition.decision_wd",
    "Thời hạn cấp ủy quyết định công nhận chính thức",
    "Time limit for the recognition decision",
    "ngày làm việc / working days",
)
RECOGNITION_DECISION_EXTENSION_WD: Key[int] = Key(
    "recognition.decision_extension_wd",
    "Gia hạn tối đa quyết định công nhận chính thức",
    "Maximum extension of the recognition decision",
    "ngày làm việc / working days",
)
REMOVAL_MISSED_MONTHS: Key[int] = Key(
    "removal.missed_months_per_year",
    "Số tháng bỏ sinh hoạt hoặc không đóng đảng phí trong năm",
    "Months of missed activities or dues in a year that ground removal",
    "tháng / months",
)
READMISSION_WAIT_MONTHS: Key[int] = Key(
    "readmission.wait_months",
    "Thời gian ra khỏi Đảng tối thiểu trước khi xét kết nạp lại",
    "Minimum time out of the Party before re-admission",
    "tháng / months",
)
READMISSION_WAIT_AFTER_RECORD_MONTHS: Key[int] = Key(
    "readmission.wait_after_record_months",
    "Thời gian tối thiểu sau khi được xóa án tích",
    "Minimum time after a less serious conviction's record is cleared",
    "tháng / months",
)
READMISSION_MAX_TIMES: Key[int] = Key(
    "readmission.max_times",
    "Số lần được kết nạp lại tối đa",
    "Maximum number of re-admissions",
    "lần / times",
)
CELL_MIN_OFFICIAL: Key[int] = Key(
    "org.cell_min_official",
    "Số đảng viên chính thức tối thiểu của chi bộ",
    "Minimum official members of a cell",
    "người / persons",
)
CELL_COMMITTEE_MIN_OFFICIAL: Key[int] = Key(
    "org.cell_committee_min_official",
    "Số đảng viên chính thức để bầu chi ủy",
    "Official members from which a cell elects a cell committee",
    "người / persons",
)
BADGE_LEVELS_YEARS: Key[tuple[int, ...]] = Key(
    "badge.levels_years",
    "Các mốc tuổi đảng được tặng huy hiệu",
    "Party-age levels of the party badge",
    "năm / years",
)
# fmt: on


def _histories() -> tuple[Parameter[Any], ...]:
    reg = default_register().by_key
    charter = reg("dieu-le-2011")
    r29, r24, r232, r294 = (
        reg(k) for k in ("29-QĐ/TW/2016", "24-QĐ/TW/2021", "232-QĐ/TW/2025", "294-QĐ/TW/2025")
    )
    hd16, hd21 = reg("01-HD/TW/2016"), reg("01-HD/TW/2021")
    btc22 = reg("12-HD/BTCTW/2022")
    A, B, C = Confidence.A, Confidence.B, Confidence.C

    def by_regime(
        key: Key[T],
        value: T,
        provision: str,
        *,
        conf16: Confidence = A,
        conf294: Confidence = B,
        docs: tuple[KnownDocument, ...] = (r29, r24, r232, r294),
    ) -> Parameter[T]:
        # The same value under each implementing regulation; 294-QĐ/TW's
        # admission clauses are known from summaries only (grade B).
        confs = (conf16, A, A, conf294)
        return Parameter(
            key,
            tuple(
                ParameterValue(d.effective, value, Citation(d, provision, c), c)
                for d, c in zip(docs, confs, strict=True)
            ),
        )

    def const(
        key: Key[T],
        value: T,
        doc: KnownDocument,
        provision: str,
        conf: Confidence = A,
        note: str = "",
        start: date | None = None,
    ) -> Parameter[T]:
        # A Charter provision applies from the Charter's adoption; the rest
        # from the first encoded regime.
        first = start or (doc.effective if doc is charter else date(2016, 7, 25))
        return Parameter(
            key,
            (ParameterValue(first, value, Citation(doc, provision, conf), conf, note),),
        )

    return (
        by_regime(ADMISSION_AGE_MIN_YEARS, 18, "điểm 1.1"),
        by_regime(ADMISSION_AGE_MAX_YEARS, 60, "điểm 1.1", conf16=B),
        Parameter(EDUCATION_MIN, (
            ParameterValue(date(2016, 7, 25), EducationLevel.LOWER_SECONDARY_EQUIVALENT,
                           Citation(r29, "điểm 1.2 (tốt nghiệp THCS hoặc tương đương)", B), B),
            ParameterValue(date(2021, 7, 30), EducationLevel.LOWER_SECONDARY,
                           Citation(r24, "điểm 1.2.1", A), A),
            ParameterValue(date(2025, 1, 20), EducationLevel.LOWER_SECONDARY,
                           Citation(r232, "điểm 1.2.1", A), A),
            ParameterValue(date(2025, 7, 1), EducationLevel.LOWER_SECONDARY,
                           Citation(r294, "điểm 1.2.1", B), B),
        )),
        Parameter(AWARENESS_VALIDITY_MONTHS, (
            ParameterValue(date(2016, 7, 25), 60, Citation(hd16, "mục 3.1", B), B,
                           "Nguồn thứ cấp; chưa thấy điều khoản gốc / secondary sources only"),
            ParameterValue(date(2022, 1, 18), 60, Citation(btc22, "phần II", B), B,
                           "Nguồn thứ cấp; chưa thấy điều khoản gốc / secondary sources only"),
        )),
        const(INTRODUCER_COUNT, 2, charter, "Điều 4, khoản 1"),
        by_regime(INTRODUCER_TENURE_MONTHS, 12, "điểm 3.2.1", conf16=B),
        const(YOUTH_AGE_MAX_YEARS, 30, charter, "Điều 4, khoản 1 (tuổi thanh niên)", C,
              "Nguồn Đảng không định nghĩa tuổi thanh niên; lấy tuổi kết nạp đoàn viên 16–30 "
              "theo Điều lệ Đoàn / no party source defines youth age; Youth Union admits 16–30"),
        const(ADMISSION_VOTE_FRACTION, Fraction(2, 3), charter, "Điều 4, khoản 3"),
        const(RECOGNITION_VOTE_FRACTION, Fraction(2, 3), charter, "Điều 5, khoản 2"),
        Parameter(DOSSIER_STALE_MONTHS, (
            ParameterValue(date(2016, 7, 25), 12, Citation(hd16, "mục 3", B), B),
            ParameterValue(date(2021, 9, 28), 12, Citation(hd21, "mục 3", B), B),
        )),
        by_regime(ADMISSION_DECISION_WD, 60, "điểm 4.3.1"),
        by_regime(ADMISSION_DECISION_EXTENSION_WD, 30, "điểm 4.3.1"),
        by_regime(CEREMONY_WD, 30, "điểm 4.1"),
        const(PROBATION_MONTHS, 12, charter, "Điều 5, khoản 1"),
        by_regime(RECOGNITION_REVIEW_WD, 30, "điểm 4.2a", conf294=B),
        by_regime(RECOGNITION_DECISION_WD, 30, "điểm 4.3.1"),
        by_regime(RECOGNITION_DECISION_EXTENSION_WD, 30, "điểm 4.3.1"),
        const(REMOVAL_MISSED_MONTHS, 3, charter, "Điều 8, khoản 1"),
        by_regime(READMISSION_WAIT_MONTHS, 36, "điểm 3.5.1", conf16=B),
        by_regime(READMISSION_WAIT_AFTER_RECORD_MONTHS, 60, "điểm 3.5.1", conf16=B),
        by_regime(READMISSION_MAX_TIMES, 1, "điểm 3.5.3", conf16=B),
        const(CELL_MIN_OFFICIAL, 3, charter, "Điều 21, khoản 2"),
        const(CELL_COMMITTEE_MIN_OFFICIAL, 9, charter, "Điều 24, khoản 4"),
        const(BADGE_LEVELS_YEARS, (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90), hd21,
              "mục 18.4", start=date(2021, 9, 28)),
    )  # fmt: skip


@cache
def default_parameters() -> Parameters:
    """Return the parameters as dangvien encodes the law (built once)."""
    return Parameters(_histories())
