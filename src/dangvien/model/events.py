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

from dangvien import privacy
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
    "DecidingBody",
    "DelistedSympathizer",
    "Died",
    "DisciplineForm",
    "Disciplined",
    "Elected",
    "ElectedRole",
    "Event",
    "EventKind",
    "EventT",
    "Exempted",
    "ExemptionEnded",
    "ExemptionReason",
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
    "Relocated",
    "RemovalReason",
    "Removed",
    "SeriousIllness",
    "TemporaryTransferEnded",
    "TemporaryTransferOut",
    "TransferNoticeReceived",
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
        card_no: the card number (số thẻ), if recorded; personal data,
            masked in reprs and JSON unless revealed (:mod:`dangvien.privacy`).

    """

    TYPE: ClassVar[str] = "card_issued"
    card_no: str | None = attrs.field(
        default=None,
        converter=nfc_optional,
        repr=privacy.masked_repr(privacy.Kind.CARD_NO),
        metadata=privacy.metadata(privacy.Kind.CARD_NO),
    )


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
        ceremony: for a probationary member arriving from elsewhere, the date
            of the admission ceremony in the transferred file (ngày vào Đảng):
            probation runs on from it and the receiving organisation
            recognises the member when it ends.

    """

    TYPE: ClassVar[str] = "transfer_in"
    source: str = attrs.field(converter=nfc)
    cell: str = attrs.field(converter=nfc)
    probationary: bool = False
    ceremony: dt.date | None = None


@attrs.frozen(kw_only=True)
class Exempted(Event):
    """Exemption from party activities and work (miễn công tác và sinh hoạt đảng).

    The exemption lasts until an :class:`ExemptionEnded` event, if any.

    Attributes:
        reason: why the member was exempted, if recorded.

    """

    TYPE: ClassVar[str] = "exempted"
    reason: ExemptionReason | None = None


class ActivityKind(enum.Enum):
    """What a member missed in a month."""

    MEETING = "meeting"
    """Party activities (sinh hoạt đảng)."""
    DUES = "dues"
    """Party dues (đảng phí)."""


@attrs.frozen(kw_only=True)
class ActivityMissed(Event):
    """A month of activities or dues missed (không sinh hoạt đảng, không đóng đảng phí).

    ``date`` is any day of the month missed.

    Attributes:
        kind: meetings or dues.
        valid_reason: True when the member gave a reason the cell accepted
            (có lý do chính đáng); such a month is not a ground for removal.

    """

    TYPE: ClassVar[str] = "missed"
    kind: ActivityKind
    valid_reason: bool = False


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
    """Expulsion, the heaviest discipline (khai trừ).

    The lighter forms are :class:`Disciplined` events.

    Attributes:
        ground: the ground, as far as re-admission depends on it.
        body: the body that decided it, if recorded.

    """

    TYPE: ClassVar[str] = "expelled"
    ground: ExpulsionGround = ExpulsionGround.OTHER
    body: DecidingBody | None = None


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


# --- Membership life: discipline, badges, transfers, exemption, elections ----------
# (one block, appended after the admission pipeline's events; none of these
# events changes the stage, see dangvien.model.stages.TRANSITIONS)


class _Labelled(enum.Enum):
    """An enum whose labels live in the catalogue as ``enum.<ClassName>.<value>``."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return Text(f"enum.{type(self).__name__}.{self.value}").vi

    @property
    def label_en(self) -> str:
        """English label."""
        return Text(f"enum.{type(self).__name__}.{self.value}").en


class DisciplineForm(_Labelled):
    """A disciplinary form short of expulsion (hình thức kỷ luật).

    Expulsion (khai trừ) is the :class:`Expelled` event.
    """

    REPRIMAND = "reprimand"
    """Khiển trách."""
    WARNING = "warning"
    """Cảnh cáo."""
    DISMISSAL = "dismissal"
    """Cách chức (only for a member holding a post)."""


class DecidingBody(_Labelled):
    """The body that decided a discipline (cấp quyết định kỷ luật)."""

    CELL = "cell"
    """Chi bộ."""
    GRASSROOTS_COMMITTEE = "grassroots_committee"
    """Đảng ủy cơ sở (cấp ủy cơ sở)."""
    SUPERIOR_COMMITTEE = "superior_committee"
    """Cấp ủy cấp trên (its standing committee)."""
    INSPECTION_COMMITTEE = "inspection_committee"
    """Ủy ban kiểm tra cấp trên."""
    OTHER = "other"
    """Cấp khác."""


@attrs.frozen(kw_only=True)
class Disciplined(Event):
    """Party discipline short of expulsion (kỷ luật đảng viên: khiển trách, cảnh cáo, cách chức).

    ``date`` is the date of the decision (for a cell, the announced vote).

    Attributes:
        form: reprimand, warning or dismissal from posts.
        body: the body that decided it, if recorded.
        violation: the day from which the limitation period runs (the
            violation, or the latest violation that restarted the period),
            if recorded.
        no_limitation: True for a violation to which no limitation period
            applies (internal politics; defence, security or foreign affairs
            harming the national interest; unlawful diplomas).

    """

    TYPE: ClassVar[str] = "disciplined"
    form: DisciplineForm
    body: DecidingBody | None = None
    violation: dt.date | None = None
    no_limitation: bool = False


class ExemptionReason(_Labelled):
    """Why a member was exempted from party work and activities (lý do miễn)."""

    AGE_HEALTH = "age_health"
    """Tuổi cao, sức yếu."""
    TREATMENT = "treatment"
    """Điều trị bệnh dài ngày hoặc ở xa."""
    ABROAD = "abroad"
    """Ra nước ngoài một mình hoặc vì việc riêng."""
    MOBILE_WORK = "mobile_work"
    """Làm việc lưu động, không ổn định, xa nơi sinh hoạt."""
    AWAITING_RETIREMENT = "awaiting_retirement"
    """Chờ nghỉ hưu."""
    MATERNITY = "maternity"
    """Nghỉ thai sản."""
    OTHER = "other"
    """Lý do khác."""


@attrs.frozen(kw_only=True)
class ExemptionEnded(Event):
    """End of an exemption: the member takes up party work and activities again (thôi miễn)."""

    TYPE: ClassVar[str] = "exemption_ended"


@attrs.frozen(kw_only=True)
class SeriousIllness(Event):
    """Certification that the member is seriously ill (xác nhận đảng viên bị bệnh nặng).

    An early badge may be considered from this day.
    """

    TYPE: ClassVar[str] = "serious_illness"


@attrs.frozen(kw_only=True)
class Relocated(Event):
    """A move that calls for a transfer of party activities (thay đổi nơi công tác, cư trú).

    ``date`` is the day the decision (posting, retirement, study…) takes
    effect, or the day of the move.

    Attributes:
        months: the expected length of the stay in months; None for a
            lasting move (chuyển công tác, nghỉ hưu, thay đổi nơi cư trú lâu dài).
        abroad: True for a stay abroad.
        study: True for full-time study.

    """

    TYPE: ClassVar[str] = "relocated"
    months: int | None = None
    abroad: bool = False
    study: bool = False


@attrs.frozen(kw_only=True)
class TemporaryTransferOut(Event):
    """Temporary transfer of party activities elsewhere (giới thiệu sinh hoạt đảng tạm thời).

    The member stays on the official organisation's rolls, pays dues and
    attends meetings at the temporary place until
    :class:`TemporaryTransferEnded`.

    Attributes:
        destination: the organisation of temporary activity.
        until: the expected end, if stated.

    """

    TYPE: ClassVar[str] = "temporary_out"
    destination: str = attrs.field(converter=nfc)
    until: dt.date | None = None


@attrs.frozen(kw_only=True)
class TemporaryTransferEnded(Event):
    """The member is back from temporary activity elsewhere (kết thúc sinh hoạt tạm thời)."""

    TYPE: ClassVar[str] = "temporary_back"


@attrs.frozen(kw_only=True)
class TransferNoticeReceived(Event):
    """The receiving committee got notice of an official transfer (nhận phiếu báo chuyển sinh hoạt).

    Recorded on the incoming member's record before the
    :class:`TransferredIn` that follows when the papers are presented.

    Attributes:
        source: where the member comes from.
        introduced_on: the date of the introduction (ngày giới thiệu chuyển
            đi) on the notice, if stated.

    """

    TYPE: ClassVar[str] = "transfer_notice"
    source: str = attrs.field(converter=nfc)
    introduced_on: dt.date | None = None


class ElectedRole(_Labelled):
    """A post elected in a cell (chức danh được bầu ở chi bộ)."""

    CELL_COMMITTEE = "cell_committee"
    """Chi ủy viên (elected by the cell's congress)."""
    SECRETARY = "secretary"
    """Bí thư chi bộ."""
    DEPUTY_SECRETARY = "deputy_secretary"
    """Phó bí thư chi bộ."""


@attrs.frozen(kw_only=True)
class Elected(Event):
    """An election in a cell, recorded on the elected member (bầu cử trong chi bộ).

    The vote is recorded as counted: who was present, the votes for and
    against.  The base against which more than half is measured (số thành
    viên) is computed by the rule from the register unless ``base`` gives
    the office's own count.

    Attributes:
        cell: the cell whose congress (or committee) voted.
        role: cell committee member, secretary or deputy secretary.
        present: members present and voting.
        votes_for: votes for the member.
        against: votes against, if recorded.
        base: the base as the office counted it, if recorded.
        exempted_present: exempted members and members on temporary
            activity elsewhere who attended and voted (they count).
        excused: official members left out of the base although on the
            rolls: absent throughout with a reason the convening committee
            accepted, or suspended, prosecuted or detained.

    """

    TYPE: ClassVar[str] = "elected"
    cell: str = attrs.field(converter=nfc)
    role: ElectedRole
    present: int
    votes_for: int
    against: int | None = None
    base: int | None = None
    exempted_present: int = 0
    excused: int = 0


# --- end of the membership-life block ---------------------------------------------------


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
    # membership life
    | Disciplined
    | ExemptionEnded
    | SeriousIllness
    | Relocated
    | TemporaryTransferOut
    | TemporaryTransferEnded
    | TransferNoticeReceived
    | Elected
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
        # membership life
        Disciplined,
        ExemptionEnded,
        SeriousIllness,
        Relocated,
        TemporaryTransferOut,
        TemporaryTransferEnded,
        TransferNoticeReceived,
        Elected,
    )
}
