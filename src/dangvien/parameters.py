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
import enum
from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction
from functools import cache
from typing import Any, Generic, TypeVar, cast

import attrs

from dangvien.documents import Citation, Confidence, KnownDocument, default_register
from dangvien.errors import NotCoveredError
from dangvien.messages import Text
from dangvien.model.events import DisciplineForm
from dangvien.model.people import EducationLevel

__all__ = [
    "ABROAD_OFFICIAL_MIN_MONTHS",
    "ADMISSION_AGE_MAX_YEARS",
    "ADMISSION_AGE_MIN_YEARS",
    "ADMISSION_DECISION_EXTENSION_WD",
    "ADMISSION_DECISION_WD",
    "ADMISSION_VOTE_FRACTION",
    "AWARENESS_VALIDITY_MONTHS",
    "BADGE_DEFER_DISMISSAL_MONTHS",
    "BADGE_DEFER_REPRIMAND_MONTHS",
    "BADGE_DEFER_WARNING_MONTHS",
    "BADGE_EARLY_ILL_LONG_MONTHS",
    "BADGE_EARLY_ILL_MONTHS",
    "BADGE_EARLY_LONG_FROM_YEARS",
    "BADGE_EARLY_POSTHUMOUS_MONTHS",
    "BADGE_LEVELS_YEARS",
    "BADGE_OCCASIONS",
    "BADGE_TRANSITION_LEVELS",
    "CELL_COMMITTEE_MIN_OFFICIAL",
    "CELL_DISCIPLINE_FORMS",
    "CELL_MIN_OFFICIAL",
    "CEREMONY_WD",
    "COMMITTEE_VOTE_FRACTION",
    "DISCIPLINE_LIMITATION_REPRIMAND_MONTHS",
    "DISCIPLINE_LIMITATION_WARNING_MONTHS",
    "DOSSIER_STALE_MONTHS",
    "EDUCATION_MIN",
    "EDUCATION_MIN_SPECIAL_AREA",
    "ELECTION_WIN_FRACTION",
    "EXEMPTION_AGE_MEN_YEARS",
    "EXEMPTION_AGE_WOMEN_YEARS",
    "INTRODUCER_COUNT",
    "INTRODUCER_TENURE_MONTHS",
    "MISSING_STEPS_JUDGED",
    "PARTY_AGE_FROM",
    "PARTY_AGE_NOT_COUNTED",
    "PROBATIONARY_DISCIPLINE_FORMS",
    "PROBATION_MONTHS",
    "READMISSION_MAX_TIMES",
    "READMISSION_WAIT_AFTER_RECORD_MONTHS",
    "READMISSION_WAIT_MONTHS",
    "RECOGNITION_DECISION_EXTENSION_WD",
    "RECOGNITION_DECISION_WD",
    "RECOGNITION_FAILED_VOTES",
    "RECOGNITION_REVIEW_WD",
    "RECOGNITION_VOTE_FRACTION",
    "REMOVAL_MISSED_MONTHS",
    "TEMPORARY_STAY_MAX_MONTHS",
    "TEMPORARY_STAY_MIN_MONTHS",
    "TEMPORARY_STUDY_MAX_MONTHS",
    "TRANSFER_NO_PAPERS_MONTHS",
    "TRANSFER_OFFICIAL_WD",
    "TRANSFER_PRESENT_WD",
    "YOUTH_AGE_MAX_YEARS",
    "Key",
    "Parameter",
    "ParameterNotCovered",
    "ParameterValue",
    "Parameters",
    "PartyAgeGap",
    "PartyAgeStart",
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

    def value_or_first(self, key: Key[T], on: date) -> T:
        """Return the value of *key* in force on *on*, or its first value for an earlier day.

        For generators of plausible old histories only: judging a date the
        law does not reach must raise (:meth:`value`), never guess.
        """
        param = self.parameter(key)
        return param.values[0].value if on < param.values[0].start else self.value(key, on)

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


class PartyAgeStart(enum.Enum):
    """The day party age counts from (tuổi đảng tính từ ngày nào)."""

    DECISION_DATE = "decision_date"
    """Ngày ghi trong quyết định kết nạp (the Charter's words)."""
    DECISION_SIGNED = "decision_signed"
    """Ngày ký quyết định kết nạp; without the decision, the joining date on the card."""
    CARD_DATE = "card_date"
    """Ngày vào Đảng ghi trong thẻ: used when no decision is recorded."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return Text(f"law.party_age_start.{self.value}").vi

    @property
    def label_en(self) -> str:
        """English label."""
        return Text(f"law.party_age_start.{self.value}").en


class PartyAgeGap(enum.Enum):
    """A period outside party life, not counted in party age (thời gian không tính tuổi đảng).

    Exemption from work and activities is not one: an exempted member's
    party age runs on.
    """

    EXPELLED = "expelled"
    """Thời gian bị khai trừ (until re-admission)."""
    REMOVED = "removed"
    """Thời gian bị xóa tên (until re-admission)."""
    LOST_CONTACT = "lost_contact"
    """Thời gian mất liên lạc với tổ chức đảng."""
    TRANSFER = "transfer"
    """Thời gian gián đoạn do chuyển sinh hoạt đảng."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return Text(f"law.party_age_gap.{self.value}").vi

    @property
    def label_en(self) -> str:
        """English label."""
        return Text(f"law.party_age_gap.{self.value}").en


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
EDUCATION_MIN_SPECIAL_AREA: Key[EducationLevel | None] = Key(
    "admission.education_min_special_area",
    "Trình độ học vấn tối thiểu ở miền núi, hải đảo, vùng đặc biệt khó khăn",
    "Minimum education in mountain, island and extremely difficult areas",
    "bậc học / level (không có: theo từng trường hợp / none: case by case)",
)
MISSING_STEPS_JUDGED: Key[bool] = Key(
    "register.missing_steps_judged",
    "Bước thiếu trong sổ (người giới thiệu, đơn…) được xét là vi phạm",
    "A step missing from the register (introducers, application…) is judged a violation",
    "có/không / yes/no",
)
PARTY_AGE_FROM: Key[PartyAgeStart] = Key(
    "party_age.from",
    "Tuổi đảng tính từ",
    "Party age counts from",
    "ngày / day",
)
PARTY_AGE_NOT_COUNTED: Key[tuple[PartyAgeGap, ...]] = Key(
    "party_age.not_counted",
    "Thời gian không tính tuổi đảng",
    "Periods not counted in party age",
    "loại thời gian / kinds of period",
)

# --- Membership life: badges, discipline, transfers, exemption, votes -----------------

BADGE_OCCASIONS: Key[tuple[tuple[int, int], ...]] = Key(
    "badge.occasions",
    "Các dịp trao tặng huy hiệu Đảng (tháng, ngày)",
    "Occasions of the party-badge awards (month, day)",
    "(tháng, ngày) / (month, day)",
)
BADGE_TRANSITION_LEVELS: Key[tuple[int, int]] = Key(
    "badge.transition_levels",
    "Mốc huy hiệu mới năm 2016 và tuổi đảng (năm) tại ngày 25/7/2016 từ đó không xét mốc ấy",
    "The level new in 2016, and the party age (years) on 25/7/2016 that excludes it",
    "năm / years",
)
BADGE_EARLY_ILL_MONTHS: Key[int] = Key(
    "badge.early_ill_months",
    "Thời gian xét tặng sớm tối đa cho đảng viên bệnh nặng",
    "Longest early award for a seriously ill member",
    "tháng / months",
)
BADGE_EARLY_LONG_FROM_YEARS: Key[int] = Key(
    "badge.early_long_from_years",
    "Mốc huy hiệu từ đó đảng viên bệnh nặng được xét tặng sớm dài hơn",
    "Badge level from which a seriously ill member may be awarded earlier still",
    "năm / years",
)
BADGE_EARLY_ILL_LONG_MONTHS: Key[int] = Key(
    "badge.early_ill_long_months",
    "Thời gian xét tặng sớm tối đa cho đảng viên bệnh nặng ở các mốc cao",
    "Longest early award for a seriously ill member at the high levels",
    "tháng / months",
)
BADGE_EARLY_POSTHUMOUS_MONTHS: Key[int] = Key(
    "badge.early_posthumous_months",
    "Thời gian truy tặng sớm tối đa cho đảng viên từ trần",
    "Longest early posthumous award",
    "tháng / months",
)
BADGE_DEFER_REPRIMAND_MONTHS: Key[int] = Key(
    "badge.defer_reprimand_months",
    "Thời gian chưa xét tặng huy hiệu sau kỷ luật khiển trách",
    "Badge deferral after a reprimand",
    "tháng / months",
)
BADGE_DEFER_WARNING_MONTHS: Key[int] = Key(
    "badge.defer_warning_months",
    "Thời gian chưa xét tặng huy hiệu sau kỷ luật cảnh cáo",
    "Badge deferral after a warning",
    "tháng / months",
)
BADGE_DEFER_DISMISSAL_MONTHS: Key[int] = Key(
    "badge.defer_dismissal_months",
    "Thời gian chưa xét tặng huy hiệu sau kỷ luật cách chức",
    "Badge deferral after dismissal from posts",
    "tháng / months",
)
PROBATIONARY_DISCIPLINE_FORMS: Key[tuple[DisciplineForm, ...]] = Key(
    "discipline.probationary_forms",
    "Hình thức kỷ luật đối với đảng viên dự bị",
    "Disciplinary forms for a probationary member",
    "hình thức / forms",
)
CELL_DISCIPLINE_FORMS: Key[tuple[DisciplineForm, ...]] = Key(
    "discipline.cell_forms",
    "Hình thức kỷ luật chi bộ được quyết định",
    "Disciplinary forms a cell may decide",
    "hình thức / forms",
)
DISCIPLINE_LIMITATION_REPRIMAND_MONTHS: Key[int] = Key(
    "discipline.limitation_reprimand_months",
    "Thời hiệu xử lý kỷ luật vi phạm đến mức khiển trách",
    "Limitation period for a violation warranting a reprimand",
    "tháng / months",
)
DISCIPLINE_LIMITATION_WARNING_MONTHS: Key[int] = Key(
    "discipline.limitation_warning_months",
    "Thời hiệu xử lý kỷ luật vi phạm đến mức cảnh cáo hoặc cách chức",
    "Limitation period for a violation warranting a warning or dismissal",
    "tháng / months",
)
TRANSFER_OFFICIAL_WD: Key[int] = Key(
    "transfer.official_wd",
    "Thời hạn làm thủ tục chuyển sinh hoạt đảng chính thức",
    "Time limit for an official transfer of party activities",
    "ngày làm việc / working days",
)
TRANSFER_PRESENT_WD: Key[int] = Key(
    "transfer.present_wd",
    "Thời hạn xuất trình giấy giới thiệu sinh hoạt đảng nơi chuyển đến",
    "Time limit to present the transfer papers at the receiving unit",
    "ngày làm việc / working days",
)
TRANSFER_NO_PAPERS_MONTHS: Key[int] = Key(
    "transfer.no_papers_months",
    "Thời gian không nộp hồ sơ chuyển sinh hoạt thì xóa tên",
    "Time without the transfer papers after which the member is removed",
    "tháng / months",
)
TEMPORARY_STAY_MIN_MONTHS: Key[int] = Key(
    "transfer.temporary_min_months",
    "Thời gian vắng tối thiểu phải sinh hoạt đảng tạm thời",
    "Shortest stay that calls for a temporary transfer",
    "tháng / months",
)
TEMPORARY_STAY_MAX_MONTHS: Key[int] = Key(
    "transfer.temporary_max_months",
    "Thời gian vắng (công tác, cư trú) từ đó phải chuyển sinh hoạt chính thức",
    "Stay (work, residence) from which the transfer is official",
    "tháng / months",
)
TEMPORARY_STUDY_MAX_MONTHS: Key[int] = Key(
    "transfer.temporary_study_max_months",
    "Thời gian đi học tối đa sinh hoạt đảng tạm thời",
    "Longest full-time study with a temporary transfer",
    "tháng / months",
)
ABROAD_OFFICIAL_MIN_MONTHS: Key[int] = Key(
    "transfer.abroad_official_min_months",
    "Thời gian ở nước ngoài từ đó chuyển sinh hoạt đảng chính thức",
    "Stay abroad from which the transfer is official",
    "tháng / months",
)
EXEMPTION_AGE_MEN_YEARS: Key[int | None] = Key(
    "exemption.age_men_years",
    "Tuổi cao được xét miễn công tác và sinh hoạt đảng (nam)",
    "Old age for exemption from party work and activities (men)",
    "năm / years",
)
EXEMPTION_AGE_WOMEN_YEARS: Key[int | None] = Key(
    "exemption.age_women_years",
    "Tuổi cao được xét miễn công tác và sinh hoạt đảng (nữ)",
    "Old age for exemption from party work and activities (women)",
    "năm / years",
)
COMMITTEE_VOTE_FRACTION: Key[Fraction] = Key(
    "vote.committee_fraction",
    "Tỷ lệ cấp ủy viên tán thành khi cấp ủy cơ sở xét kết nạp, công nhận chính thức",
    "Share of committee members approving an admission or recognition",
    "phần / fraction",
)
RECOGNITION_FAILED_VOTES: Key[int] = Key(
    "vote.recognition_failed_votes",
    "Số lần biểu quyết không đủ 2/3 thì báo cáo cấp ủy cấp trên",
    "Failed votes after which the case goes to the superior committee",
    "lần / votes",
)
ELECTION_WIN_FRACTION: Key[Fraction] = Key(
    "vote.election_win_fraction",
    "Tỷ lệ phiếu bầu phải vượt quá để trúng cử",
    "Share of the base a candidate's votes must exceed to be elected",
    "phần / fraction",
)
# fmt: on


def _histories() -> tuple[Parameter[Any], ...]:
    """Every parameter's history; each start is a date of the document register."""
    reg = default_register().by_key
    ch06, ch11 = reg("dieu-le-2006"), reg("dieu-le-2011")
    r23, r45, r29, r24, r232, r294 = (
        reg(k)
        for k in (
            "23-QĐ/TW/2006",
            "45-QĐ/TW/2011",
            "29-QĐ/TW/2016",
            "24-QĐ/TW/2021",
            "232-QĐ/TW/2025",
            "294-QĐ/TW/2025",
        )
    )
    hd16, hd21, hd25 = (reg(k) for k in ("01-HD/TW/2016", "01-HD/TW/2021", "06-HD/TW/2025"))
    A, B, C = Confidence.A, Confidence.B, Confidence.C

    def hist(key: Key[T], *values: ParameterValue[T]) -> Parameter[T]:
        return Parameter(key, values)

    def v(
        doc: KnownDocument,
        value: T,
        provision: str,
        conf: Confidence = A,
        note: str = "",
    ) -> ParameterValue[T]:
        # In force from the day the cited document takes effect.
        return ParameterValue(doc.effective, value, Citation(doc, provision, conf), conf, note)

    def since29(
        p29: str,
        p24: str,
        value: T,
        *,
        c29: Confidence = A,
        c24: Confidence = A,
        c232: Confidence = A,
        note24: str = "",
    ) -> tuple[ParameterValue[T], ...]:
        # The same value under each implementing regulation since 2016; 29-QĐ/TW
        # numbers its points 1.1a, 4.2a…, the later ones 1.1.1, 4.2.1…
        return (
            v(r29, value, p29, c29),
            v(r24, value, p24, c24, note24),
            v(r232, value, p24, c232),
            v(r294, value, p24),
        )

    def charter(
        key: Key[T], value: T, provision: str, conf06: Confidence = B, note06: str = _CHARTER06
    ) -> Parameter[T]:
        # A Charter provision, in both Charters dangvien encodes.
        return hist(key, v(ch06, value, provision, conf06, note06), v(ch11, value, provision))

    not_seen_45 = (
        "Chưa thấy nguyên văn 45-QĐ/TW; giả định giữ như 23-QĐ/TW (2006) và 29-QĐ/TW (2016), "
        "hai văn bản giống nhau ở điểm này / 45-QĐ/TW's wording not seen; assumed as in "
        "23-QĐ/TW (2006) and 29-QĐ/TW (2016), which agree on this point"
    )
    no_wd_24 = (
        "Chưa thấy nguyên văn điểm 4.3.1 của 24-QĐ/TW; giả định như 29-QĐ/TW và 232-QĐ/TW / "
        "24-QĐ/TW's point 4.3.1 not seen; presumed as in 29-QĐ/TW and 232-QĐ/TW"
    )
    by_analogy = (
        "Đánh số theo mục 5.4 của 06-HD/TW (cùng nội dung); nguồn thứ cấp / numbered after "
        "06-HD/TW's item 5.4 (same content); secondary sources"
    )
    all_gaps = tuple(PartyAgeGap)
    return (
        hist(
            ADMISSION_AGE_MIN_YEARS,
            v(r23, 18, "điểm 1.1a"),
            # From 45-QĐ/TW, whose wording was not seen: the Charter it implements.
            ParameterValue(
                r45.effective,
                18,
                Citation(ch11, "Điều 1, khoản 2", B),
                B,
                (
                    "Điều lệ 2011: từ mười tám tuổi trở lên; tính theo tháng như 23-QĐ/TW và "
                    "29-QĐ/TW (chưa thấy 45-QĐ/TW) / the 2011 Charter: 18 or older; counted in "
                    "months as in 23-QĐ/TW and 29-QĐ/TW (45-QĐ/TW not seen)"
                ),
            ),
            *since29("điểm 1.1a", "điểm 1.1.1", 18),
        ),
        hist(
            ADMISSION_AGE_MAX_YEARS,
            v(
                r23,
                60,
                "điểm 1.1b",
                A,
                (
                    "Không có tuổi tối đa; người trên 60 tuổi do cấp ủy trực thuộc Trung ương "
                    "quyết định (03-HD/BTCTW 1.1: BTV đồng ý bằng văn bản) / no maximum age; over "
                    "60 the committee directly under the Centre decides (03-HD/BTCTW 1.1: the "
                    "provincial standing committee's written consent)"
                ),
            ),
            v(r45, 60, "điểm 1.1 (chưa thấy nguyên văn)", C, not_seen_45),
            *since29("điểm 1.1a–b", "điểm 1.1.2", 60),
        ),
        hist(
            EDUCATION_MIN,
            v(r23, EducationLevel.LOWER_SECONDARY_EQUIVALENT, "điểm 1.2a"),
            v(
                r45,
                EducationLevel.LOWER_SECONDARY_EQUIVALENT,
                "điểm 1.2 (chưa thấy nguyên văn)",
                C,
                not_seen_45,
            ),
            v(r29, EducationLevel.LOWER_SECONDARY_EQUIVALENT, "điểm 1.2a"),
            v(r24, EducationLevel.LOWER_SECONDARY, "điểm 1.2.1"),
            v(r232, EducationLevel.LOWER_SECONDARY, "điểm 1.2.1"),
            v(r294, EducationLevel.LOWER_SECONDARY, "điểm 1.2.1"),
        ),
        hist(
            EDUCATION_MIN_SPECIAL_AREA,
            v(r23, EducationLevel.PRIMARY, "điểm 1.2b"),
            v(r45, EducationLevel.PRIMARY, "điểm 1.2 (chưa thấy nguyên văn)", C, not_seen_45),
            v(
                r29,
                None,
                "điểm 1.2b (theo hướng dẫn của Ban Bí thư)",
                A,
                (
                    "Đến khi có 01-HD/TW (20/9/2016): theo từng trường hợp / until the 2016 "
                    "guidance: case by case"
                ),
            ),
            v(
                hd16,
                EducationLevel.PRIMARY,
                "mục 1.2a",
                B,
                (
                    "Thấy phần đầu của điểm, cùng lời văn như 01-HD/TW (2021) / the start of the "
                    "point seen, worded as in 01-HD/TW (2021)"
                ),
            ),
            v(hd21, EducationLevel.PRIMARY, "mục 1.2a"),
            v(hd25, EducationLevel.PRIMARY, "mục 1.2a"),
        ),
        hist(
            AWARENESS_VALIDITY_MONTHS,
            v(hd16, 60, "mục 5.4", B, by_analogy),
            v(hd21, 60, "mục 5.4", B, by_analogy),
            v(hd25, 60, "mục 5.4b"),
        ),
        charter(INTRODUCER_COUNT, 2, "Điều 4, khoản 1"),
        hist(
            INTRODUCER_TENURE_MONTHS,
            v(ch06, 12, "Điều 4, khoản 2 (ít nhất một năm)", B, _CHARTER06),
            v(ch11, 12, "Điều 4, khoản 2 (ít nhất một năm)"),
            *since29("điểm 3.2", "điểm 3.2.1", 12, c29=B),
        ),
        hist(
            YOUTH_AGE_MAX_YEARS,
            *(
                v(
                    doc,
                    30,
                    "Điều 4, khoản 1 (tuổi thanh niên)",
                    C,
                    (
                        "Nguồn Đảng không định nghĩa tuổi thanh niên; lấy tuổi kết nạp đoàn viên "
                        "16–30 theo Điều lệ Đoàn / no party source defines youth age; Youth Union "
                        "admits 16–30"
                    ),
                )
                for doc in (ch06, ch11)
            ),
        ),
        charter(ADMISSION_VOTE_FRACTION, Fraction(2, 3), "Điều 4, khoản 3"),
        charter(RECOGNITION_VOTE_FRACTION, Fraction(2, 3), "Điều 5, khoản 2"),
        hist(
            DOSSIER_STALE_MONTHS,
            v(hd16, 12, "mục 5.4", B, by_analogy),
            v(hd21, 12, "mục 5.4", B, by_analogy),
            v(hd25, 12, "mục 5.4a"),
        ),
        hist(
            ADMISSION_DECISION_WD,
            *since29("điểm 4.3.1", "điểm 4.3.1", 60, c24=C, note24=no_wd_24)[:3],
            v(r294, 45, "điểm 4.3.1"),
        ),
        hist(
            ADMISSION_DECISION_EXTENSION_WD,
            *since29("điểm 4.3.1", "điểm 4.3.1", 30, c24=C, note24=no_wd_24)[:3],
            v(r294, 15, "điểm 4.3.1"),
        ),
        hist(CEREMONY_WD, *since29("điểm 4.1", "điểm 4.1", 30)),
        charter(PROBATION_MONTHS, 12, "Điều 5, khoản 1"),
        hist(RECOGNITION_REVIEW_WD, *since29("điểm 4.2a", "điểm 4.2.1", 30)),
        hist(
            RECOGNITION_DECISION_WD,
            *since29("điểm 4.3.1", "điểm 4.3.1", 30, c24=C, note24=no_wd_24),
        ),
        hist(
            RECOGNITION_DECISION_EXTENSION_WD,
            *since29("điểm 4.3.1", "điểm 4.3.1", 30, c24=C, note24=no_wd_24)[:3],
            v(r294, 15, "điểm 4.3.1"),
        ),
        hist(REMOVAL_MISSED_MONTHS, v(ch11, 3, "Điều 8, khoản 1")),
        hist(
            READMISSION_WAIT_MONTHS,
            v(r45, 36, _READMIT_45, B, _READMIT_45_NOTE),
            *since29("điểm 3.5.1", "điểm 3.5.1", 36),
        ),
        hist(
            READMISSION_WAIT_AFTER_RECORD_MONTHS,
            v(r45, 60, _READMIT_45, B, _READMIT_45_NOTE),
            *since29("điểm 3.5.1", "điểm 3.5.1", 60),
        ),
        hist(READMISSION_MAX_TIMES, *since29("điểm 3.5.3", "điểm 3.5.3", 1)),
        hist(CELL_MIN_OFFICIAL, v(ch11, 3, "Điều 21, khoản 2")),
        hist(CELL_COMMITTEE_MIN_OFFICIAL, v(ch11, 9, "Điều 24, khoản 4")),
        hist(
            MISSING_STEPS_JUDGED,
            *(
                v(
                    doc,
                    False,
                    _NOT_A_PROVISION,
                    C,
                    (
                        "Sổ đảng viên trước 25/7/2016 thường được chép lại từ hồ sơ giấy và thiếu "
                        "bước (người giới thiệu, giấy chứng nhận…): bước không ghi là không rõ, "
                        "không phải vi phạm; các quy tắc chỉ xét những gì được ghi / registers "
                        "before 25/7/2016 are mostly transcribed from paper files with steps "
                        "missing: a step not recorded is unknown, not a violation; rules judge "
                        "only what is recorded"
                    ),
                )
                for doc in (ch06, ch11)
            ),
            # From the day 29-QĐ/TW took effect; not a provision of it, so the
            # Charter (in force throughout) is the document named.
            ParameterValue(
                r29.effective,
                True,
                Citation(ch11, _NOT_A_PROVISION, C),
                C,
                (
                    "Từ 29-QĐ/TW (25/7/2016) sổ được coi là ghi đủ các bước: thiếu bước là vi phạm "
                    "/ from 29-QĐ/TW (25/7/2016) on the register is taken to record every step: a "
                    "missing one is a violation"
                ),
            ),
        ),
        hist(
            PARTY_AGE_FROM,
            v(
                ch06,
                PartyAgeStart.DECISION_DATE,
                "Điều 5, khoản 4",
                C,
                (
                    "Chưa thấy nguyên văn Điều lệ 2006; không thấy dấu hiệu thay đổi năm 2011 "
                    "(Q12) / the 2006 Charter's wording not seen; no sign of a change in 2011 "
                    "(Q12)"
                ),
            ),
            v(ch11, PartyAgeStart.DECISION_DATE, "Điều 5, khoản 4"),
            v(hd16, PartyAgeStart.DECISION_SIGNED, "mục 5.3"),
            v(hd21, PartyAgeStart.DECISION_SIGNED, "mục 5.3"),
            v(hd25, PartyAgeStart.DECISION_SIGNED, "mục 5.3"),
        ),
        hist(
            PARTY_AGE_NOT_COUNTED,
            v(ch06, all_gaps, "Điều 5, khoản 4", C, _GAPS_BEFORE_2016),
            v(ch11, all_gaps, "Điều 5, khoản 4", C, _GAPS_BEFORE_2016),
            *since29("điểm 4.5a", "điểm 4.5.1", all_gaps),
        ),
        *_membership_histories(),
    )


# --- Membership life: badges, discipline, transfers, exemption, votes -----------------


def _membership_histories() -> tuple[Parameter[Any], ...]:
    """The parameters of badges, discipline, transfers, exemption and votes."""
    reg = default_register().by_key
    charter = reg("dieu-le-2011")
    r29, r24, r232, r294 = (
        reg(k) for k in ("29-QĐ/TW/2016", "24-QĐ/TW/2021", "232-QĐ/TW/2025", "294-QĐ/TW/2025")
    )
    A, B, C = Confidence.A, Confidence.B, Confidence.C

    def hist(key: Key[T], *values: tuple[KnownDocument, T, str, Confidence, str]) -> Parameter[T]:
        # (document, value, provision, grade, note): each value from its document's start.
        return Parameter(
            key,
            tuple(
                ParameterValue(d.effective, v, Citation(d, prov, g), g, note)
                for d, v, prov, g, note in values
            ),
        )

    def regimes(
        key: Key[T],
        value: T,
        p16: str,
        p21: str,
        p25: str,
        *,
        g16: Confidence = A,
        g21: Confidence = A,
        g294: Confidence = A,
    ) -> Parameter[T]:
        # One value under 29-QĐ/TW, 24-QĐ/TW, 232-QĐ/TW (its wording presumed as 24's,
        # grade B) and 294-QĐ/TW, each citing its own point.
        return hist(
            key,
            (r29, value, p16, g16, ""),
            (r24, value, p21, g21, ""),
            (r232, value, p21, B, ""),
            (r294, value, p25, g294, ""),
        )

    levels = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
    occasions = ((2, 3), (5, 19), (9, 2), (11, 7))
    lenient = (DisciplineForm.REPRIMAND, DisciplineForm.WARNING)
    no_age = (
        "38-HD/BTCTW không nêu mốc tuổi: tuổi cao, sức yếu, có giấy xác nhận của cơ sở y "
        "tế / no age figure: old age and weak health with a medical certificate"
    )
    return (
        regimes(BADGE_LEVELS_YEARS, levels, "điểm 27.3a", "điểm 27.3.1a", "điểm 28.3.1a"),
        # From the 2016 guidance's own date (its wording not seen, grade C).
        hist(
            BADGE_OCCASIONS,
            (reg("01-HD/TW/2021"), occasions, "mục 18.4", A, ""),
            (reg("06-HD/TW/2025"), occasions, "mục 18.4", A, ""),
        ).with_value(
            ParameterValue(
                reg("01-HD/TW/2016").effective,
                occasions,
                Citation(reg("01-HD/TW/2016"), "mục 18 (trao tặng huy hiệu Đảng)", C),
                C,
                (
                    "Chưa thấy nguyên văn hướng dẫn 2016; các đợt trao 3/2, 2/9, 7/11 năm "
                    "2017–2018 có trên báo chí / the 2016 wording was not seen; batches on these "
                    "days in 2017–2018 are reported in the press"
                ),
            )
        ),
        hist(
            BADGE_TRANSITION_LEVELS,
            (r29, (45, 50), "điểm 27.3a (hướng dẫn chuyển tiếp của Ban Tổ chức Trung ương)", B, ""),
        ),
        regimes(BADGE_EARLY_ILL_MONTHS, 12, "điểm 27.3a", "điểm 27.3.1b", "điểm 28.3.1b"),
        hist(
            BADGE_EARLY_LONG_FROM_YEARS,
            (r24, 70, "điểm 27.3.1b", A, ""),
            (r232, 70, "điểm 27.3.1b", B, ""),
            (r294, 70, "điểm 28.3.1b", A, ""),
        ),
        hist(
            BADGE_EARLY_ILL_LONG_MONTHS,
            (r24, 24, "điểm 27.3.1b", A, ""),
            (r232, 24, "điểm 27.3.1b", B, ""),
            (r294, 24, "điểm 28.3.1b", A, ""),
        ),
        hist(
            BADGE_EARLY_POSTHUMOUS_MONTHS,
            (r29, 0, "điểm 27.3a (chỉ tặng sớm cho đảng viên bệnh nặng)", A, ""),
            (r24, 12, "điểm 27.3.1b", A, ""),
            (r232, 12, "điểm 27.3.1b", B, ""),
            (r294, 12, "điểm 28.3.1b", A, ""),
        ),
        # 29-QĐ/TW deferred from a warning up; 24-QĐ/TW added the reprimand.
        hist(
            BADGE_DEFER_REPRIMAND_MONTHS,
            (r29, 0, "điểm 27.3a", B, ""),
            (r24, 6, "điểm 27.3.1c", B, ""),
            (r232, 6, "điểm 27.3.1c", B, ""),
            (r294, 6, "điểm 28.3.1c", A, ""),
        ),
        hist(
            BADGE_DEFER_WARNING_MONTHS,
            (r29, 6, "điểm 27.3a", B, ""),
            (r24, 9, "điểm 27.3.1c", B, ""),
            (r232, 9, "điểm 27.3.1c", B, ""),
            (r294, 9, "điểm 28.3.1c", A, ""),
        ),
        regimes(
            BADGE_DEFER_DISMISSAL_MONTHS,
            12,
            "điểm 27.3a",
            "điểm 27.3.1c",
            "điểm 28.3.1c",
            g16=B,
            g21=B,
        ),
        hist(PROBATIONARY_DISCIPLINE_FORMS, (charter, lenient, "Điều 35, khoản 2", A, "")),
        hist(CELL_DISCIPLINE_FORMS, (charter, lenient, "Điều 36, khoản 1", A, "")),
        hist(
            DISCIPLINE_LIMITATION_REPRIMAND_MONTHS,
            (reg("102-QĐ/TW/2017"), 60, "Điều 3", A, ""),
            (reg("69-QĐ/TW/2022"), 60, "Điều 4, khoản 2", A, ""),
        ),
        hist(
            DISCIPLINE_LIMITATION_WARNING_MONTHS,
            (reg("102-QĐ/TW/2017"), 120, "Điều 3", A, ""),
            (reg("69-QĐ/TW/2022"), 120, "Điều 4, khoản 2", A, ""),
        ),
        regimes(TRANSFER_OFFICIAL_WD, 60, "điểm 6.3.1a", "điểm 6.3.1a", "điểm 6.3.1a"),
        regimes(TRANSFER_PRESENT_WD, 30, "điểm 6.3.1c", "điểm 6.3.1c", "điểm 6.3.1c"),
        hist(
            TRANSFER_NO_PAPERS_MONTHS,
            (reg("12-HD/BTCTW/2012"), 3, "mục II.4c", B, ""),
            (
                reg("09-HD/BTCTW/2017"),
                3,
                "phần chuyển sinh hoạt đảng",
                C,
                "Chưa thấy nguyên văn; giả định giữ như hướng dẫn 2012 và 2025 / wording not "
                "seen; assumed as in the 2012 and 2025 guidance",
            ),
            (
                reg("12-HD/BTCTW/2022"),
                3,
                "phần chuyển sinh hoạt đảng",
                C,
                "Chưa thấy nguyên văn; giả định giữ như hướng dẫn 2012 và 2025 / wording not "
                "seen; assumed as in the 2012 and 2025 guidance",
            ),
            (reg("38-HD/BTCTW/2025"), 3, "mục II.4.3.1d", A, ""),
        ),
        hist(
            TEMPORARY_STAY_MIN_MONTHS,
            (r24, 3, "điểm 6.3.2a", A, ""),
            (r232, 3, "điểm 6.3.2a", B, ""),
            (r294, 3, "điểm 6.3.2a", A, ""),
        ),
        hist(
            TEMPORARY_STAY_MAX_MONTHS,
            (r24, 12, "điểm 6.3.2a", A, ""),
            (r232, 12, "điểm 6.3.2a", B, ""),
            (r294, 12, "điểm 6.3.2a", A, ""),
        ),
        hist(
            TEMPORARY_STUDY_MAX_MONTHS,
            (r24, 24, "điểm 6.3.2a", A, ""),
            (r232, 24, "điểm 6.3.2a", B, ""),
            (r294, 24, "điểm 6.3.2a", A, ""),
        ),
        hist(
            ABROAD_OFFICIAL_MIN_MONTHS,
            (reg("01-HD/TW/2021"), 12, "mục 10.2", A, ""),
            (reg("06-HD/TW/2025"), 12, "mục 10.2.1b", A, ""),
        ),
        hist(
            EXEMPTION_AGE_MEN_YEARS,
            (reg("27-HD/BTCTW/2009"), 60, "mục 1.1", A, ""),
            (
                reg("12-HD/BTCTW/2022"),
                60,
                "phần IV, mục 1.1",
                C,
                "Nguồn địa phương không thống nhất: có nơi giữ mốc 60/55, có nơi chỉ cần giấy "
                "xác nhận y tế / local sources disagree: 60/55 kept, or a medical certificate "
                "only",
            ),
            (reg("38-HD/BTCTW/2025"), None, "phần IV, mục 1.1", A, no_age),
        ),
        hist(
            EXEMPTION_AGE_WOMEN_YEARS,
            (reg("27-HD/BTCTW/2009"), 55, "mục 1.1", A, ""),
            (
                reg("12-HD/BTCTW/2022"),
                55,
                "phần IV, mục 1.1",
                C,
                "Nguồn địa phương không thống nhất: có nơi giữ mốc 60/55, có nơi chỉ cần giấy "
                "xác nhận y tế / local sources disagree: 60/55 kept, or a medical certificate "
                "only",
            ),
            (reg("38-HD/BTCTW/2025"), None, "phần IV, mục 1.1", A, no_age),
        ),
        regimes(
            COMMITTEE_VOTE_FRACTION, Fraction(2, 3), "điểm 4.2c", "điểm 4.2.3", "điểm 9.3.4", g21=B
        ),
        regimes(RECOGNITION_FAILED_VOTES, 3, "điểm 4.2c", "điểm 4.2.3", "điểm 4.2.3", g21=B),
        hist(ELECTION_WIN_FRACTION, (charter, Fraction(1, 2), "Điều 12, khoản 3", A, "")),
    )


_CHARTER06 = (
    "Điều lệ 2011 giữ điều này; chưa thấy nguyên văn Điều lệ 2006 / the 2011 Charter kept this "
    "article; the 2006 wording was not seen"
)
_READMIT_45 = "điểm về kết nạp lại (nguồn trích đánh số 9.1–9.2)"
_READMIT_45_NOTE = (
    "Công an tỉnh Bắc Giang trích dẫn; cách đánh số của nguồn có thể sai / quoted by the Bắc "
    "Giang provincial police; the source's numbering may be wrong"
)
_NOT_A_PROVISION = "không phải điều khoản: giả định của dangvien về sổ sách"
_GAPS_BEFORE_2016 = (
    "Điều lệ chỉ nói tính từ quyết định kết nạp; giả định trừ các thời gian ngoài Đảng như "
    "29-QĐ/TW ghi sau này (chưa thấy 23-QĐ/TW, 45-QĐ/TW) / the Charter counts from the "
    "decision only; the periods outside the Party are assumed not counted, as 29-QĐ/TW later "
    "wrote (23-QĐ/TW and 45-QĐ/TW not seen)"
)


@cache
def default_parameters() -> Parameters:
    """Return the parameters as dangvien encodes the law (built once)."""
    return Parameters(_histories())
