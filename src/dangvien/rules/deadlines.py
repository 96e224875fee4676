"""Deadlines of the admission and recognition procedure (thời hạn).

One function computes every time limit of a person's history, once per
person and context; the timeline rules judge acts against it, and
:func:`dangvien.rules.due` lists what those rules find falling due.
Working days come from the :class:`~dangvien.calendar.WorkCalendar`, the day
of the act excluded.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date

import attrs

from dangvien.dates import add_months
from dangvien.messages import Text
from dangvien.model import events as ev
from dangvien.model.register import Record
from dangvien.parameters import (
    ADMISSION_DECISION_EXTENSION_WD,
    ADMISSION_DECISION_WD,
    CEREMONY_WD,
    PROBATION_MONTHS,
    RECOGNITION_DECISION_EXTENSION_WD,
    RECOGNITION_DECISION_WD,
    RECOGNITION_REVIEW_WD,
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
    "deadlines",
    "may_have_deadlines",
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
    """Return every deadline of *record*'s admission and recognition procedures.

    Computed once per person and context.
    """
    return ctx.memo(record, "deadlines", lambda: tuple(_deadlines(ctx, record)))


# The events every deadline is counted from, directly or through its procedure
# (a decision and a ceremony need a cell resolution, the review a ceremony), and
# the events of the pipeline whose expiry falls due.
_SOURCES = (ev.CellResolution, ev.AdmissionCeremony, ev.AwarenessCourse, ev.ApplicationFiled)


def may_have_deadlines(record: Record, as_of: date | None = None) -> bool:
    """Return whether *record* has an event a deadline could run from (a cheap pre-filter).

    False means no rule lists anything falling due for the person: no cell
    resolution, ceremony, certificate or application dated on or after
    :data:`COVERAGE_START`, nor (given *as_of*) a ceremony whose probation
    may still be running on *as_of*.
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


def _deadlines(ctx: Context, record: Record) -> Iterator[Deadline]:
    """Every deadline, less those the person's exit made moot.

    An act not done is no longer owed when the person left (removal,
    expulsion, death, transfer out) between the day its limit started and
    its last lawful day (extension included); an act already overdue when
    the person left stays overdue.
    """
    exits = [e.date for e in record.events if isinstance(e, _EXITS)]
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
    ceremonies = record.of_type(ev.AdmissionCeremony)
    for i, ceremony in enumerate(ceremonies):
        if not _covers(ctx, PROBATION_MONTHS, ceremony.date):
            continue
        end = add_months(ceremony.date, value(PROBATION_MONTHS, ceremony.date))
        # This membership's events: from its ceremony to its exit, and never
        # into a later membership (a re-admission has its own review).
        nxt = ceremonies[i + 1].date if i + 1 < len(ceremonies) else None
        after = [
            e for e in record.events if e.date >= ceremony.date and (nxt is None or e.date < nxt)
        ]
        ended = next((e for e in after if isinstance(e, _EXITS)), None)
        if ended is not None:
            after = [e for e in after if e.date <= ended.date]
        review = next((e for e in after if isinstance(e, ev.RecognitionResolution)), None)
        decision = next((e for e in after if isinstance(e, ev.RecognitionDecision)), None)
        if ended is not None and ended.date < end and review is None:
            continue  # the probation ended otherwise; nothing falls due
        yield Deadline(
            Act.PROBATION_END,
            "OFF-EFFECTIVE",
            ceremony.date,
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
            source=ceremony.date,
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
