"""Dated events of a person's history (sự kiện trong quá trình phấn đấu, sinh hoạt đảng).

Every event has the date of the act and, where the real act has one, its
document number (``doc_no``) and issuer.  The events form a tagged union: the
``TYPE`` class attribute is the tag used in files (column ``type`` of
``events.csv``).  :data:`EVENT_TYPES` maps tags to classes.

Outcomes that the law ties to numbers (was a vote's 2/3 reached?) are recorded
as the office recorded them (``approved``); the rules in :mod:`dangvien.rules`
check them against the numbers.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import ClassVar, TypeAlias, TypeVar

import attrs

from dangvien._text import nfc, nfc_optional, nfc_tuple
from dangvien.messages import Text

__all__ = [
    "EVENT_TYPES",
    "ActivityKind",
    "ActivityMissed",
    "AdmissionCeremony",
    "AdmissionDecision",
    "AnyEvent",
    "ApplicationFiled",
    "AwarenessCourse",
    "BackgroundCheck",
    "BadgeAwarded",
    "CardIssued",
    "CellResolution",
    "CommitteeResolution",
    "ConsentPurpose",
    "ContactLost",
    "ContactRestored",
    "DelistedSympathizer",
    "Died",
    "Event",
    "EventKind",
    "EventT",
    "Exempted",
    "Expelled",
    "ExpulsionGround",
    "Introduced",
    "IntroducersAssigned",
    "ListedSympathizer",
    "NewMemberCourse",
    "OrgIntroducer",
    "ProvincialConsent",
    "QualityRating",
    "Rating",
    "RecognitionDecision",
    "RecognitionResolution",
    "RecordCleared",
    "RemovalReason",
    "Removed",
    "TransferredIn",
    "TransferredOut",
]


@attrs.frozen(kw_only=True)
class Event:
    """Base of all events (sự kiện).

    Attributes:
        date: date of the act (ngày).
        doc_no: number of the document recording it (số văn bản), if any.
        issuer: who issued that document (cơ quan ban hành), if any.
        note: free text (ghi chú).

    """

    TYPE: ClassVar[str] = ""

    date: dt.date
    doc_no: str | None = attrs.field(default=None, converter=nfc_optional)
    issuer: str | None = attrs.field(default=None, converter=nfc_optional)
    note: str | None = attrs.field(default=None, converter=nfc_optional)

    @property
    def effective(self) -> dt.date:
        """Date from which the act has effect; the act's date unless stated."""
        return self.date

    @classmethod
    def event_kind(cls) -> EventKind:
        """The event type as a value with its title in each language."""
        return EventKind(cls)


@attrs.frozen(kw_only=True)
class Introduced(Event):
    """A mass organisation introduces an outstanding citizen (giới thiệu quần chúng ưu tú).

    Attributes:
        organization: id of the mass organisation (MTTQ, Đoàn, Hội…).

    """

    TYPE: ClassVar[str] = "introduced"
    organization: str = attrs.field(converter=nfc)


@attrs.frozen(kw_only=True)
class ListedSympathizer(Event):
    """The cell puts the person on its sympathizer list (đưa vào danh sách cảm tình Đảng)."""

    TYPE: ClassVar[str] = "listed"
    cell: str = attrs.field(converter=nfc)


@attrs.frozen(kw_only=True)
class DelistedSympathizer(Event):
    """The cell takes the person off its sympathizer list (đưa ra khỏi danh sách cảm tình Đảng)."""

    TYPE: ClassVar[str] = "delisted"
    cell: str = attrs.field(converter=nfc)


@attrs.frozen(kw_only=True)
class AwarenessCourse(Event):
    """Party-awareness course completed, certificate issued (lớp bồi dưỡng nhận thức về Đảng).

    ``date`` is the certificate's date, ``doc_no`` its number and ``issuer``
    the political centre (Trung tâm chính trị) that issued it.
    """

    TYPE: ClassVar[str] = "awareness_course"


@attrs.frozen(kw_only=True)
class ApplicationFiled(Event):
    """Application for admission filed, dossier opened (đơn xin vào Đảng, mẫu 1-KNĐ)."""

    TYPE: ClassVar[str] = "application"


@attrs.frozen(kw_only=True)
class BackgroundCheck(Event):
    """Personal-history verification concluded (thẩm tra, kết luận lý lịch)."""

    TYPE: ClassVar[str] = "background_check"


class OrgIntroducer(enum.Enum):
    """An organisation that introduces as one of the two introducers."""

    YOUTH_UNION = "bch_doan"
    """Ban Chấp hành Đoàn cơ sở (Youth Union executive committee)."""
    TRADE_UNION = "bch_cong_doan"
    """Ban Chấp hành Công đoàn cơ sở (trade-union executive committee)."""


@attrs.frozen(kw_only=True)
class IntroducersAssigned(Event):
    """Introducers sign their introductions (người giới thiệu, mẫu 3-KNĐ / 4-KNĐ).

    Attributes:
        introducers: ids of the introducing party members.
        org_introducer: the organisation introducing in place of one member.

    """

    TYPE: ClassVar[str] = "introducers"
    introducers: tuple[str, ...] = attrs.field(converter=nfc_tuple)
    org_introducer: OrgIntroducer | None = None


@attrs.frozen(kw_only=True)
class CellResolution(Event):
    """The cell's resolution proposing admission (nghị quyết chi bộ đề nghị kết nạp).

    Attributes:
        cell: the cell that voted.
        votes_for: official members who approved.
        official_members: all official members of the cell on that day.
        approved: the outcome the cell recorded.

    """

    TYPE: ClassVar[str] = "cell_resolution"
    cell: str = attrs.field(converter=nfc)
    votes_for: int
    official_members: int
    approved: bool = True


@attrs.frozen(kw_only=True)
class CommitteeResolution(Event):
    """The grassroots committee's resolution (nghị quyết đảng ủy cơ sở).

    Attributes:
        votes_for: committee members who approved, if recorded.
        members: all committee members, if recorded.
        approved: the outcome recorded.

    """

    TYPE: ClassVar[str] = "committee_resolution"
    votes_for: int | None = None
    members: int | None = None
    approved: bool = True


class ConsentPurpose(enum.Enum):
    """Why the provincial standing committee's prior written consent was needed."""

    OVER_60 = "over_60"
    """Admission of a person over 60 (kết nạp người trên 60 tuổi)."""
    READMISSION = "readmission"
    """Re-admission (kết nạp lại)."""


@attrs.frozen(kw_only=True)
class ProvincialConsent(Event):
    """Written consent of the provincial standing committee (ý kiến của BTV tỉnh ủy)."""

    TYPE: ClassVar[str] = "provincial_consent"
    purpose: ConsentPurpose


@attrs.frozen(kw_only=True)
class AdmissionDecision(Event):
    """Admission decision of the competent committee (quyết định kết nạp).

    Party age counts from this decision's date.  A decision after a removal
    or expulsion is a re-admission.

    Attributes:
        received: date the cell received the decision, if recorded; the
            ceremony's time limit runs from it.

    """

    TYPE: ClassVar[str] = "admission_decision"
    received: dt.date | None = None


@attrs.frozen(kw_only=True)
class AdmissionCeremony(Event):
    """Admission ceremony (lễ kết nạp); probation starts on this day."""

    TYPE: ClassVar[str] = "ceremony"
    cell: str = attrs.field(converter=nfc)


@attrs.frozen(kw_only=True)
class NewMemberCourse(Event):
    """New-member political course completed (lớp bồi dưỡng lý luận chính trị cho đảng viên mới)."""

    TYPE: ClassVar[str] = "new_member_course"


@attrs.frozen(kw_only=True)
class RecognitionResolution(Event):
    """The cell's resolution on official membership (nghị quyết chi bộ xét công nhận chính thức).

    Attributes:
        cell: the cell that voted.
        votes_for: official members who approved.
        official_members: all official members of the cell on that day.
        approved: the outcome recorded.

    """

    TYPE: ClassVar[str] = "recognition_resolution"
    cell: str = attrs.field(converter=nfc)
    votes_for: int
    official_members: int
    approved: bool = True


@attrs.frozen(kw_only=True)
class RecognitionDecision(Event):
    """Decision recognising official membership (quyết định công nhận đảng viên chính thức).

    Attributes:
        official_from: the day official membership starts as written in the
            decision; by law the day probation ends, even when the decision is
            late.  None when the decision's text was not recorded.

    """

    TYPE: ClassVar[str] = "recognition_decision"
    official_from: dt.date | None = None

    @property
    def effective(self) -> dt.date:
        """The stated start of official membership, else the decision date."""
        return self.official_from or self.date


@attrs.frozen(kw_only=True)
class CardIssued(Event):
    """Party card issued (phát thẻ đảng viên).

    Attributes:
        card_no: the card number (số thẻ), if recorded.

    """

    TYPE: ClassVar[str] = "card_issued"
    card_no: str | None = attrs.field(default=None, converter=nfc_optional)


@attrs.frozen(kw_only=True)
class TransferredOut(Event):
    """Transfer of party activity out of the organisation (chuyển sinh hoạt đảng đi).

    Attributes:
        destination: where the member went.

    """

    TYPE: ClassVar[str] = "transfer_out"
    destination: str = attrs.field(converter=nfc)


@attrs.frozen(kw_only=True)
class TransferredIn(Event):
    """Transfer of party activity into a cell (chuyển sinh hoạt đảng đến).

    Attributes:
        source: where the member came from.
        cell: the receiving cell.
        probationary: True for a probationary member, False for an official one.

    """

    TYPE: ClassVar[str] = "transfer_in"
    source: str = attrs.field(converter=nfc)
    cell: str = attrs.field(converter=nfc)
    probationary: bool = False


@attrs.frozen(kw_only=True)
class Exempted(Event):
    """Exemption from party activities and work (miễn công tác và sinh hoạt đảng)."""

    TYPE: ClassVar[str] = "exempted"


class ActivityKind(enum.Enum):
    """What a member missed in a month."""

    MEETING = "meeting"
    """Party activities (sinh hoạt đảng)."""
    DUES = "dues"
    """Party dues (đảng phí)."""


@attrs.frozen(kw_only=True)
class ActivityMissed(Event):
    """A month of activities or dues missed without reason (bỏ sinh hoạt, không đóng đảng phí).

    ``date`` is any day of the month missed.
    """

    TYPE: ClassVar[str] = "missed"
    kind: ActivityKind


class RemovalReason(enum.Enum):
    """Ground for striking a name off the rolls (lý do xóa tên)."""

    MISSED_ACTIVITIES = "missed_activities"
    """Bỏ sinh hoạt đảng hoặc không đóng đảng phí 3 tháng trong năm."""
    ABANDONED = "abandoned"
    """Tự ý bỏ sinh hoạt đảng (abandoned party activities)."""
    CARD_RETURNED = "card_returned"
    """Tự trả thẻ đảng viên hoặc tự hủy thẻ đảng viên."""
    NO_PROGRESS = "no_progress"
    """Giảm sút ý chí, không tiến bộ sau 12 tháng giáo dục."""
    BREACH_TWO_YEARS = "breach_two_years"
    """Hai năm liền vi phạm tư cách đảng viên."""
    POLITICAL_STANDARD = "political_standard"
    """Không còn đủ tiêu chuẩn chính trị."""
    PROBATION_FAILED = "probation_failed"
    """Không đủ tư cách trở thành đảng viên chính thức."""
    REQUESTED = "requested"
    """Xin ra khỏi Đảng."""
    REQUESTED_HARDSHIP = "requested_hardship"
    """Xin ra khỏi Đảng vì hoàn cảnh gia đình đặc biệt khó khăn."""
    DISUNITY = "disunity"
    """Gây mất đoàn kết nghiêm trọng."""
    OTHER = "other"
    """Lý do khác."""


@attrs.frozen(kw_only=True)
class Removed(Event):
    """Name struck off the rolls (xóa tên trong danh sách đảng viên)."""

    TYPE: ClassVar[str] = "removed"
    reason: RemovalReason


class ExpulsionGround(enum.Enum):
    """Ground of an expulsion, as far as re-admission depends on it."""

    SERIOUS_CRIME = "serious_crime"
    """Bị kết án về tội tham nhũng hoặc tội nghiêm trọng trở lên."""
    LESS_SERIOUS_CRIME = "less_serious_crime"
    """Bị kết án về tội ít nghiêm trọng."""
    OTHER = "other"
    """Khác."""


@attrs.frozen(kw_only=True)
class Expelled(Event):
    """Expulsion, a discipline (khai trừ)."""

    TYPE: ClassVar[str] = "expelled"
    ground: ExpulsionGround = ExpulsionGround.OTHER


@attrs.frozen(kw_only=True)
class RecordCleared(Event):
    """Criminal record cleared (được xóa án tích)."""

    TYPE: ClassVar[str] = "record_cleared"


@attrs.frozen(kw_only=True)
class Died(Event):
    """Death (từ trần)."""

    TYPE: ClassVar[str] = "died"


@attrs.frozen(kw_only=True)
class BadgeAwarded(Event):
    """Party badge awarded (trao huy hiệu Đảng).

    Attributes:
        years: the badge's party-age level (30, 40, 45…).

    """

    TYPE: ClassVar[str] = "badge"
    years: int


class Rating(enum.Enum):
    """Annual quality rating of a member (xếp loại chất lượng đảng viên)."""

    EXCELLENT = "hoàn thành xuất sắc nhiệm vụ"
    GOOD = "hoàn thành tốt nhiệm vụ"
    COMPLETED = "hoàn thành nhiệm vụ"
    NOT_COMPLETED = "không hoàn thành nhiệm vụ"


@attrs.frozen(kw_only=True)
class QualityRating(Event):
    """Annual quality rating (đánh giá, xếp loại chất lượng hằng năm).

    Attributes:
        year: the year rated.
        rating: the level.

    """

    TYPE: ClassVar[str] = "rating"
    year: int
    rating: Rating


# --- lost contact (party age: law-regimes) ---------------------------------------------


@attrs.frozen(kw_only=True)
class ContactLost(Event):
    """The member lost contact with the party organisation (mất liên lạc với tổ chức đảng).

    ``date`` is the first day without contact, as the organisation
    established it.  Until :class:`ContactRestored`, the time is not counted
    in party age (24-QĐ/TW 4.5.1; 294-QĐ/TW 4.5.1).
    """

    TYPE: ClassVar[str] = "contact_lost"


@attrs.frozen(kw_only=True)
class ContactRestored(Event):
    """Contact with the party organisation restored (liên lạc lại với tổ chức đảng)."""

    TYPE: ClassVar[str] = "contact_restored"


@attrs.frozen
class EventKind:
    """An event type, shown by its title (loại sự kiện).

    The titles live in the message catalogue (``event.<TYPE>``).

    >>> EventKind(AdmissionCeremony).label_en
    'Admission ceremony'
    """

    cls: type[Event]

    @property
    def label_vi(self) -> str:
        """Vietnamese title."""
        return Text(f"event.{self.cls.TYPE}").vi

    @property
    def label_en(self) -> str:
        """English title."""
        return Text(f"event.{self.cls.TYPE}").en


#: A type variable bound to :class:`Event`.
EventT = TypeVar("EventT", bound=Event)

AnyEvent: TypeAlias = (
    Introduced
    | ListedSympathizer
    | DelistedSympathizer
    | AwarenessCourse
    | ApplicationFiled
    | BackgroundCheck
    | IntroducersAssigned
    | CellResolution
    | CommitteeResolution
    | ProvincialConsent
    | AdmissionDecision
    | AdmissionCeremony
    | NewMemberCourse
    | RecognitionResolution
    | RecognitionDecision
    | CardIssued
    | TransferredOut
    | TransferredIn
    | Exempted
    | ActivityMissed
    | Removed
    | Expelled
    | RecordCleared
    | Died
    | BadgeAwarded
    | QualityRating
    # lost contact (party age: law-regimes)
    | ContactLost
    | ContactRestored
)

#: Tag (``type`` column) → event class, in the lawful order of the pipeline.
EVENT_TYPES: dict[str, type[Event]] = {
    cls.TYPE: cls
    for cls in (
        Introduced,
        ListedSympathizer,
        DelistedSympathizer,
        AwarenessCourse,
        ApplicationFiled,
        BackgroundCheck,
        IntroducersAssigned,
        CellResolution,
        CommitteeResolution,
        ProvincialConsent,
        AdmissionDecision,
        AdmissionCeremony,
        NewMemberCourse,
        RecognitionResolution,
        RecognitionDecision,
        CardIssued,
        TransferredOut,
        TransferredIn,
        Exempted,
        ActivityMissed,
        Removed,
        Expelled,
        RecordCleared,
        Died,
        BadgeAwarded,
        QualityRating,
        # lost contact (party age: law-regimes)
        ContactLost,
        ContactRestored,
    )
}
