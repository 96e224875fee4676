"""Deadlines of the admission, recognition and transfer procedures (thời hạn).

One function computes every time limit of a person's history, once per
person and context; the timeline rules judge acts against it, and
:func:`dangvien.rules.due` lists what those rules find falling due.
Working days come from the :class:`~dangvien.calendar.WorkCalendar`, the day
of the act excluded.

Probation continues across a transfer of party activities: a probationary
member who transfers out and comes back still on probation keeps the end of
probation and the recognition review, and a probationary member transferred
in with the date of the admission ceremony is recognised by the receiving
organisation (06-HD/TW §3.10, §5.2b).  A member who transferred out for good
owes the sending organisation nothing more.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date

import attrs

from dangvien.dates import add_months
from dangvien.errors import NotCoveredError
from dangvien.messages import Text
from dangvien.model import events as ev
from dangvien.model.register import Record
from dangvien.parameters import (
    ABROAD_OFFICIAL_MIN_MONTHS,
    ADMISSION_DECISION_EXTENSION_WD,
    ADMISSION_DECISION_WD,
    CEREMONY_WD,
    PROBATION_MONTHS,
    RECOGNITION_DECISION_EXTENSION_WD,
    RECOGNITION_DECISION_WD,
    RECOGNITION_REVIEW_WD,
    TEMPORARY_STAY_MAX_MONTHS,
    TEMPORARY_STAY_MIN_MONTHS,
    TEMPORARY_STUDY_MAX_MONTHS,
    TRANSFER_OFFICIAL_WD,
    TRANSFER_PRESENT_WD,
    Key,
    default_parameters,
)
from dangvien.rules._base import Context
from dangvien.rules._facts import AdmissionCycle, admission_cycles

# The parameters a deadline is counted with; a deadline is computed only when
# its parameter has a value on the day it starts to run.
_LIMITS: tuple[Key[int], ...] = (
    ADMISSION_DECISION_WD,
    CEREMONY_WD,
    PROBATION_MONTHS,
    RECOGNITION_REVIEW_WD,
    RECOGNITION_DECISION_WD,
)


def _coverage_start() -> date:
    # A working-day limit runs at the earliest from the first day the law sets
    # one (25/7/2016); a review limit runs from the end of a probation, so the
    # ceremony it counts from may be up to the longest probation earlier.
    params = default_parameters()
    first = min(params.parameter(k).values[0].start for k in _LIMITS if k is not PROBATION_MONTHS)
    longest = max(v.value for v in params.parameter(PROBATION_MONTHS).values)
    return add_months(first, -longest)


#: The earliest event an act still owed can be counted from under the encoded
#: law (25/7/2015: a ceremony whose probation ends on 25/7/2016), for the
#: ``due`` pre-filter; the end of a probation still running is the exception
#: (see :func:`may_have_deadlines`).
COVERAGE_START = _coverage_start()

__all__ = [
    "COVERAGE_START",
    "Act",
    "Deadline",
    "StayKind",
    "deadlines",
    "may_have_deadlines",
    "stay_kind",
    "uncovered_limits",
]


class Act(enum.Enum):
    """The act a deadline is for (việc phải làm)."""

    ADMISSION_DECISION = "admission_decision"
    """Cấp ủy có thẩm quyền quyết định kết nạp."""
    CEREMONY = "ceremony"
    """Chi bộ tổ chức lễ kết nạp."""
    PROBATION_END = "probation_end"
    """Hết thời kỳ dự bị."""
    RECOGNITION_REVIEW = "recognition_review"
    """Chi bộ xét công nhận đảng viên chính thức."""
    RECOGNITION_DECISION = "recognition_decision"
    """Cấp ủy quyết định công nhận đảng viên chính thức."""
    CERTIFICATE_EXPIRY = "certificate_expiry"
    """Giấy chứng nhận lớp nhận thức về Đảng hết giá trị."""
    DOSSIER_STALE = "dossier_stale"
    """Hồ sơ kết nạp quá hạn chưa được chi bộ xét."""
    BADGE_AWARD = "badge_award"
    """Xét tặng, truy tặng huy hiệu Đảng vào dịp trao tặng."""
    OFFICIAL_TRANSFER = "official_transfer"
    """Làm thủ tục chuyển sinh hoạt đảng chính thức."""
    TRANSFER_PAPERS = "transfer_papers"
    """Xuất trình giấy giới thiệu sinh hoạt đảng nơi chuyển đến."""
    REMOVAL_NO_PAPERS = "removal_no_papers"
    """Xóa tên đảng viên không nộp hồ sơ chuyển sinh hoạt đảng."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return Text(f"act.{self.value}").vi

    @property
    def label_en(self) -> str:
        """English label."""
        return Text(f"act.{self.value}").en


#: The act each deadline-listing rule's findings are about.
RULE_ACTS: dict[str, Act] = {
    "DECIDE-ADMIT-DEADLINE": Act.ADMISSION_DECISION,
    "CEREMONY-DEADLINE": Act.CEREMONY,
    "OFF-EFFECTIVE": Act.PROBATION_END,
    "OFF-REVIEW-DEADLINE": Act.RECOGNITION_REVIEW,
    "OFF-DECIDE-DEADLINE": Act.RECOGNITION_DECISION,
    "AWARE-VALIDITY": Act.CERTIFICATE_EXPIRY,
    "DOSSIER-STALE": Act.DOSSIER_STALE,
    "BADGE-DUE": Act.BADGE_AWARD,
    "XFER-OFFICIAL-DEADLINE": Act.OFFICIAL_TRANSFER,
    "XFER-PRESENT": Act.TRANSFER_PAPERS,
    "XFER-NO-PAPERS": Act.REMOVAL_NO_PAPERS,
}


@attrs.frozen
class Deadline:
    """A time limit in one person's history.

    Attributes:
        act: what must be done.
        rule: the id of the rule that sets the limit.
        start: the date the limit runs from (the day itself excluded).
        due: the last lawful day.
        extended: the last day with the permitted extension, if any.
        done: the date the act was done, if it was.
        basis: what the limit is counted from (a catalogue text).
        source: the date of the recorded act the limit follows from (the
            start itself, except for the recognition review, which runs from
            the end of probation and follows from the ceremony).
    """

    act: Act
    rule: str
    start: date
    due: date
    extended: date | None = None
    done: date | None = None
    basis: Text = attrs.field(factory=lambda: Text("deadline.basis.none"))
    source: date | None = None

    @property
    def known_on(self) -> date:
        """The date of the recorded act this limit follows from."""
        return self.start if self.source is None else self.source


def deadlines(ctx: Context, record: Record) -> tuple[Deadline, ...]:
    """Return every deadline of *record*'s admission, recognition and transfer procedures.

    Computed once per person and context.
    """
    return ctx.memo(record, "deadlines", lambda: tuple(_deadlines(ctx, record)))


# The events every deadline is counted from, directly or through its procedure
# (a decision and a ceremony need a cell resolution, the review a ceremony), and
# the events of the pipeline whose expiry falls due.
_SOURCES = (
    ev.CellResolution,
    ev.AdmissionCeremony,
    ev.AwarenessCourse,
    ev.ApplicationFiled,
    ev.TransferredIn,
    ev.Relocated,
    ev.TransferNoticeReceived,
)


def may_have_deadlines(record: Record, as_of: date | None = None) -> bool:
    """Return whether *record* has an event a deadline could run from (a cheap pre-filter).

    False means no deadline rule lists anything falling due for the person:
    no cell resolution, ceremony, certificate, application, transfer in,
    move or transfer notice dated on or after :data:`COVERAGE_START`, nor
    (given *as_of*) a ceremony whose probation may still be running on
    *as_of*.  (Badges fall due for every member: :func:`dangvien.rules.due`
    asks the prospective rules about everyone.)
    """
    floor = COVERAGE_START
    if as_of is not None:
        longest = max(v.value for v in default_parameters().parameter(PROBATION_MONTHS).values)
        floor = min(floor, add_months(as_of, -longest))
    for e in reversed(record.events):
        if e.date < floor:
            return False
        if isinstance(e, _SOURCES):
            return True
    return False


# Events after which nothing more is owed for the person's current procedure.
_EXITS = (ev.Removed, ev.Expelled, ev.Died, ev.TransferredOut)
_FINAL = (ev.Removed, ev.Expelled, ev.Died)


def _returns_on_probation(events: tuple[ev.Event, ...], i: int) -> bool:
    """Whether the member transferred out at ``events[i]`` came back still on probation.

    Probation then went on across the transfer: the transfer out is not an
    exit.  Coming back official means another organisation recognised the
    member, so the sending organisation owed nothing more.
    """
    for e in events[i + 1 :]:
        if isinstance(e, ev.TransferredIn):
            return e.probationary
        if isinstance(e, _FINAL):
            return False
    return False


def _is_exit(events: tuple[ev.Event, ...], i: int) -> bool:
    e = events[i]
    if isinstance(e, ev.TransferredOut):
        return not _returns_on_probation(events, i)
    return isinstance(e, _FINAL)


def _deadlines(ctx: Context, record: Record) -> Iterator[Deadline]:
    """Every deadline, less those the person's exit made moot.

    An act not done is no longer owed when the person left (removal,
    expulsion, death, transfer out for good) between the day its limit
    started and its last lawful day (extension included); an act already
    overdue when the person left stays overdue.  A transfer out followed by
    a transfer back in while still on probation is not an exit.
    """
    events = record.events
    exits = [e.date for i, e in enumerate(events) if _is_exit(events, i)]
    for dl in _all_deadlines(ctx, record):
        last = dl.extended or dl.due
        if dl.done is None and any(dl.start <= x <= last for x in exits):
            continue
        yield dl


_RECEIVED, _DECIDED = "deadline.basis.decision_received", "deadline.basis.decision"


def uncovered_limits(ctx: Context, record: Record) -> tuple[tuple[Act, date], ...]:
    """The acts whose time limit would have started on a day the encoded law sets none.

    Explaining uses them to say "not judged: before <the law's start>"
    rather than "no time limit": no limit of 23-QĐ/TW or 45-QĐ/TW was found,
    so none is computed before 29-QĐ/TW.
    """
    out: list[tuple[Act, date]] = []
    for cycle in ctx.memo(record, "cycles", lambda: admission_cycles(record)):
        res, dec = cycle.resolution, cycle.decision
        if res is not None and not _covers(ctx, ADMISSION_DECISION_WD, res.date):
            out.append((Act.ADMISSION_DECISION, res.date))
        if res is not None and dec is not None:
            received = dec.received or dec.date
            if not _covers(ctx, CEREMONY_WD, received):
                out.append((Act.CEREMONY, received))
    for ceremony in record.of_type(ev.AdmissionCeremony):
        if not _covers(ctx, PROBATION_MONTHS, ceremony.date):
            out.append((Act.PROBATION_END, ceremony.date))
            continue
        end = add_months(ceremony.date, ctx.value(PROBATION_MONTHS, ceremony.date))
        if not _covers(ctx, RECOGNITION_REVIEW_WD, end):
            out.append((Act.RECOGNITION_REVIEW, end))
    for review in record.of_type(ev.RecognitionResolution):
        if review.approved and not _covers(ctx, RECOGNITION_DECISION_WD, review.date):
            out.append((Act.RECOGNITION_DECISION, review.date))
    return tuple(out)


def _covers(ctx: Context, key: Key[int], day: date) -> bool:
    """Whether *key* has a value on *day*: a limit the law did not set is not computed."""
    return ctx.params.parameter(key).values[0].start <= day


def _all_deadlines(ctx: Context, record: Record) -> Iterator[Deadline]:
    cal, value = ctx.calendar, ctx.value
    for cycle in ctx.memo(record, "cycles", lambda: admission_cycles(record)):
        res = cycle.resolution
        if res is None:
            continue
        dec = cycle.decision
        if not _covers(ctx, ADMISSION_DECISION_WD, res.date):
            # No decision limit then, but the ceremony's may have started later.
            if dec is not None and _covers(ctx, CEREMONY_WD, dec.received or dec.date):
                yield _ceremony(ctx, cycle)
            continue
        n = value(ADMISSION_DECISION_WD, res.date)
        ext = value(ADMISSION_DECISION_EXTENSION_WD, res.date)
        yield Deadline(
            Act.ADMISSION_DECISION,
            "DECIDE-ADMIT-DEADLINE",
            res.date,
            cal.add_working_days(res.date, n),
            cal.add_working_days(res.date, n + ext),
            done=cycle.decision.date if cycle.decision else None,
            basis=Text("deadline.basis.cell_resolution"),
        )
        if dec is not None:
            yield _ceremony(ctx, cycle)
    yield from _probation_deadlines(ctx, record)
    yield from _transfer_deadlines(ctx, record)


def _probation_starts(record: Record) -> list[tuple[date, date]]:
    """(ceremony date, first day of this membership's events) of each probation.

    A probation starts at an admission ceremony, or for a member transferred
    in on probation from elsewhere, at the ceremony date stated on the
    transfer (its events start with the transfer).  A transfer in that
    continues a probation already in the record starts nothing.
    """
    starts: list[tuple[date, date]] = []
    open_probation = False
    for e in record.events:
        if isinstance(e, ev.AdmissionCeremony):
            starts.append((e.date, e.date))
            open_probation = True
        elif isinstance(e, ev.TransferredIn):
            if e.probationary and e.ceremony is not None and not open_probation:
                starts.append((e.ceremony, e.date))
            open_probation = e.probationary
        elif isinstance(e, ev.RecognitionDecision | ev.Removed | ev.Expelled | ev.Died):
            open_probation = False
    return starts


def _ceremony(ctx: Context, cycle: AdmissionCycle) -> Deadline:
    dec = cycle.decision
    assert dec is not None
    received = dec.received or dec.date
    return Deadline(
        Act.CEREMONY,
        "CEREMONY-DEADLINE",
        received,
        ctx.calendar.add_working_days(received, ctx.value(CEREMONY_WD, received)),
        done=cycle.ceremony.date if cycle.ceremony else None,
        basis=Text(
            "deadline.basis.decision_received" if dec.received else "deadline.basis.decision"
        ),
    )


def _probation_deadlines(ctx: Context, record: Record) -> Iterator[Deadline]:
    cal, value = ctx.calendar, ctx.value
    starts = _probation_starts(record)
    events = record.events
    for i, (ceremony, first) in enumerate(starts):
        if not _covers(ctx, PROBATION_MONTHS, ceremony):
            continue
        end = add_months(ceremony, value(PROBATION_MONTHS, ceremony))
        # This membership's events: from its start to its exit, and never
        # into a later membership (a re-admission has its own review).
        nxt = starts[i + 1][1] if i + 1 < len(starts) else None
        after = [
            (j, e)
            for j, e in enumerate(events)
            if e.date >= first and (nxt is None or e.date < nxt)
        ]
        ended = next((e for j, e in after if _is_exit(events, j)), None)
        kept = [e for _, e in after if ended is None or e.date <= ended.date]
        review = next((e for e in kept if isinstance(e, ev.RecognitionResolution)), None)
        decision = next((e for e in kept if isinstance(e, ev.RecognitionDecision)), None)
        if ended is not None and ended.date < end and review is None:
            continue  # the probation ended otherwise; nothing falls due
        yield Deadline(
            Act.PROBATION_END,
            "OFF-EFFECTIVE",
            ceremony,
            end,
            done=end if decision else None,
            basis=Text("deadline.basis.ceremony"),
        )
        if not _covers(ctx, RECOGNITION_REVIEW_WD, end):
            continue  # no review limit in the law when the probation ended
        yield Deadline(
            Act.RECOGNITION_REVIEW,
            "OFF-REVIEW-DEADLINE",
            end,
            cal.add_working_days(end, value(RECOGNITION_REVIEW_WD, end)),
            done=review.date if review else None,
            basis=Text("deadline.basis.probation_end"),
            source=ceremony,
        )
        if (
            review is not None
            and review.approved
            and _covers(ctx, RECOGNITION_DECISION_WD, review.date)
        ):
            n = value(RECOGNITION_DECISION_WD, review.date)
            ext = value(RECOGNITION_DECISION_EXTENSION_WD, review.date)
            yield Deadline(
                Act.RECOGNITION_DECISION,
                "OFF-DECIDE-DEADLINE",
                review.date,
                cal.add_working_days(review.date, n),
                cal.add_working_days(review.date, n + ext),
                done=decision.date if decision else None,
                basis=Text("deadline.basis.recognition_resolution"),
            )


# --- transfers of party activities ------------------------------------------------


class StayKind(enum.Enum):
    """What a move calls for (hình thức chuyển sinh hoạt đảng theo thời gian vắng)."""

    NONE = "none"
    """Không phải chuyển sinh hoạt (vắng dưới mức tối thiểu)."""
    TEMPORARY = "temporary"
    """Sinh hoạt đảng tạm thời."""
    OFFICIAL = "official"
    """Chuyển sinh hoạt đảng chính thức."""
    OFFICIAL_ABROAD = "official_abroad"
    """Chuyển sinh hoạt đảng chính thức ra nước ngoài (qua Đảng ủy Bộ Ngoại giao)."""
    UNKNOWN = "unknown"
    """Không rõ: không có quy định được mã hóa cho trường hợp này vào ngày đó."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return Text(f"enum.StayKind.{self.value}").vi

    @property
    def label_en(self) -> str:
        """English label."""
        return Text(f"enum.StayKind.{self.value}").en


def stay_kind(ctx: Context, move: ev.Relocated) -> StayKind:
    """Return what *move* calls for under the law of its date.

    A lasting domestic move calls for an official transfer (29-QĐ/TW and
    successors, point 6.3.1a).  A stay of known length is temporary from 3
    months to under 12 (work, residence) or up to 24 (full-time study), and
    official beyond (24-QĐ/TW and successors, point 6.3.2a).  Abroad, 12
    months or more (or a lasting stay) is an official transfer through the
    Ministry of Foreign Affairs' Party Committee (01-HD/TW 2021 §10.2,
    06-HD/TW §10.2.1b).  Study beyond 24 months, shorter stays abroad and any
    stay of known length before the encoded values are :attr:`StayKind.UNKNOWN`.
    """
    value, on = ctx.value, move.date
    try:
        if move.abroad:
            if move.months is None or move.months >= value(ABROAD_OFFICIAL_MIN_MONTHS, on):
                return StayKind.OFFICIAL_ABROAD
            return StayKind.UNKNOWN
        if move.months is None:
            return StayKind.OFFICIAL
        if move.months < value(TEMPORARY_STAY_MIN_MONTHS, on):
            return StayKind.NONE
        if move.study:
            ok = move.months <= value(TEMPORARY_STUDY_MAX_MONTHS, on)
            return StayKind.TEMPORARY if ok else StayKind.UNKNOWN
        if move.months < value(TEMPORARY_STAY_MAX_MONTHS, on):
            return StayKind.TEMPORARY
        return StayKind.OFFICIAL
    except NotCoveredError:
        return StayKind.UNKNOWN


def _transfer_deadlines(ctx: Context, record: Record) -> Iterator[Deadline]:
    cal, value = ctx.calendar, ctx.value
    events = record.events
    for i, e in enumerate(events):
        if not _covers(ctx, TRANSFER_OFFICIAL_WD, e.date):
            continue
        if isinstance(e, ev.Relocated) and stay_kind(ctx, e) is StayKind.OFFICIAL:
            done = next((x.date for x in events[i + 1 :] if isinstance(x, ev.TransferredOut)), None)
            yield Deadline(
                Act.OFFICIAL_TRANSFER,
                "XFER-OFFICIAL-DEADLINE",
                e.date,
                cal.add_working_days(e.date, value(TRANSFER_OFFICIAL_WD, e.date)),
                done=done,
                basis=Text("deadline.basis.relocated"),
            )
        elif isinstance(e, ev.TransferNoticeReceived):
            # The papers are presented at the receiving cell within the limit
            # from the introduction (else from the notice, the latest it can be).
            closing = next(
                (x for x in events[i + 1 :] if isinstance(x, ev.TransferredIn | ev.Removed)),
                None,
            )
            if isinstance(closing, ev.Removed):
                continue  # removed for not presenting them: XFER-NO-PAPERS tells that story
            start = e.introduced_on or e.date
            yield Deadline(
                Act.TRANSFER_PAPERS,
                "XFER-PRESENT",
                start,
                cal.add_working_days(start, value(TRANSFER_PRESENT_WD, start)),
                done=closing.date if closing is not None else None,
                basis=Text(
                    "deadline.basis.introduced" if e.introduced_on else "deadline.basis.notice"
                ),
            )
