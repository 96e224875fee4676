"""Facts of a member's life shared by the membership rules (computed once per person).

Periods of exemption and of temporary activity elsewhere, the stage a member
was in just before an act, the early-award allowance of a badge and the
deferral a discipline imposes.  Each law-bearing number is read from the
parameters with the date of the act judged.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import attrs

from dangvien.dates import add_months
from dangvien.errors import NotCoveredError
from dangvien.model import events as ev
from dangvien.model.register import Record
from dangvien.model.stages import Stage, timeline
from dangvien.parameters import (
    BADGE_DEFER_DISMISSAL_MONTHS,
    BADGE_DEFER_REPRIMAND_MONTHS,
    BADGE_DEFER_WARNING_MONTHS,
    BADGE_EARLY_ILL_LONG_MONTHS,
    BADGE_EARLY_ILL_MONTHS,
    BADGE_EARLY_LONG_FROM_YEARS,
    BADGE_EARLY_POSTHUMOUS_MONTHS,
    Key,
)
from dangvien.rules._base import Context

__all__ = [
    "Allowance",
    "Deferral",
    "Period",
    "allowance_basis",
    "allowance_months",
    "badge_allowance",
    "badge_deferral",
    "exempt_on",
    "exemption_periods",
    "on_temporary_activity",
    "stage_before",
    "temporary_periods",
]

#: (first day, first day no longer in the period; None while it lasts).
Period = tuple[date, date | None]

# Events that end any period of a member's life in the organisation.
_ENDS = (ev.Removed, ev.Expelled, ev.Died, ev.TransferredOut)


def _periods(record: Record, opens: type[ev.Event], closes: type[ev.Event]) -> tuple[Period, ...]:
    out: list[Period] = []
    start: date | None = None
    for e in record.events:
        if isinstance(e, opens) and start is None:
            start = e.date
        elif start is not None and isinstance(e, (closes, *_ENDS)):
            out.append((start, e.date))
            start = None
    if start is not None:
        out.append((start, None))
    return tuple(out)


def exemption_periods(record: Record) -> tuple[Period, ...]:
    """The periods the member was exempted from party work and activities.

    An exemption lasts from :class:`~dangvien.model.events.Exempted` until
    :class:`~dangvien.model.events.ExemptionEnded` or the member leaves.
    """
    return _periods(record, ev.Exempted, ev.ExemptionEnded)


def temporary_periods(record: Record) -> tuple[Period, ...]:
    """The periods the member was on temporary activity elsewhere (sinh hoạt tạm thời).

    From :class:`~dangvien.model.events.TemporaryTransferOut` until
    :class:`~dangvien.model.events.TemporaryTransferEnded` or the member
    leaves; the expected end (``until``) is only informative, since a
    temporary transfer may be extended.
    """
    return _periods(record, ev.TemporaryTransferOut, ev.TemporaryTransferEnded)


def _within(periods: tuple[Period, ...], day: date) -> bool:
    return any(start <= day and (end is None or day < end) for start, end in periods)


def _cached(
    ctx: Context, name: str, record: Record, build: Callable[[Record], tuple[Period, ...]]
) -> tuple[Period, ...]:
    # Shared per context and keyed by person: a vote's rule asks about every
    # member of a cell, not only the record it judges.
    table: dict[str, tuple[Period, ...]] = ctx.shared(name, dict)
    pid = record.person.id
    if pid not in table:
        table[pid] = build(record)
    return table[pid]


def exempt_on(ctx: Context, record: Record, day: date) -> bool:
    """Return whether *record*'s member was exempted on *day*."""
    return _within(_cached(ctx, "life.exemptions", record, exemption_periods), day)


def on_temporary_activity(ctx: Context, record: Record, day: date) -> bool:
    """Return whether *record*'s member was on temporary activity elsewhere on *day*."""
    return _within(_cached(ctx, "life.temporary", record, temporary_periods), day)


def stage_before(record: Record, index: int) -> Stage:
    """The member's stage on the day of ``record.events[index]``, before that act.

    Judged on the register as it stood then: a later decision back-dated
    over the act (a recognition effective from the end of probation) does
    not change what the member was when the act was taken.
    """
    events = record.events
    return timeline(events[:index], presorted=True).stage_at(events[index].date)


# --- badges ------------------------------------------------------------------------


@attrs.frozen
class Allowance:
    """How early a badge may be awarded on a day (xét tặng sớm).

    Attributes:
        months: how many months before the party age of the level.
        ill: the serious-illness certification that allows it, if any.
        died: the death that allows an early posthumous award, if any.
    """

    months: int = 0
    ill: ev.SeriousIllness | None = None
    died: ev.Died | None = None


def allowance_basis(record: Record, on: date) -> tuple[ev.Died | None, ev.SeriousIllness | None]:
    """The death, else the serious-illness certification, that may allow an early badge on *on*."""
    died = record.last(ev.Died, on)
    if died is not None:
        return died, None
    return None, record.last(ev.SeriousIllness, on)


def allowance_months(
    ctx: Context,
    basis: tuple[ev.Died | None, ev.SeriousIllness | None],
    years: int,
    on: date,
) -> Allowance:
    """The early-award allowance for a badge of *years* on *on*, given its :func:`allowance_basis`.

    A member who died may be awarded posthumously up to the months the law
    in force on the day of death allowed (none before 24-QĐ/TW of
    30/7/2021: the Hanoi reading that earlier deaths get no early
    posthumous award).  A living member certified seriously ill on or
    before *on* may be awarded up to 12 months early, 24 at the high levels
    (from 24-QĐ/TW), under the law of *on*.
    """
    died, ill = basis
    if died is not None:
        return Allowance(ctx.value(BADGE_EARLY_POSTHUMOUS_MONTHS, died.date), died=died)
    if ill is None:
        return Allowance()
    months = ctx.value(BADGE_EARLY_ILL_MONTHS, on)
    try:
        if years >= ctx.value(BADGE_EARLY_LONG_FROM_YEARS, on):
            months = ctx.value(BADGE_EARLY_ILL_LONG_MONTHS, on)
    except NotCoveredError:
        pass  # 29-QĐ/TW: one allowance for every level
    return Allowance(months, ill=ill)


def badge_allowance(ctx: Context, record: Record, years: int, on: date) -> Allowance:
    """The early-award allowance for a badge of *years* considered on *on* (see :func:`allowance_months`)."""  # noqa: E501
    return allowance_months(ctx, allowance_basis(record, on), years, on)


_DEFERRAL: dict[ev.DisciplineForm, Key[int]] = {
    ev.DisciplineForm.REPRIMAND: BADGE_DEFER_REPRIMAND_MONTHS,
    ev.DisciplineForm.WARNING: BADGE_DEFER_WARNING_MONTHS,
    ev.DisciplineForm.DISMISSAL: BADGE_DEFER_DISMISSAL_MONTHS,
}


@attrs.frozen
class Deferral:
    """A badge not yet considered because of a discipline (chưa xét tặng do kỷ luật).

    Attributes:
        discipline: the discipline.
        months: the months of deferral the law of the day considered sets.
        until: the first day the badge may be considered again.
    """

    discipline: ev.Disciplined
    months: int
    until: date


def badge_deferral(ctx: Context, record: Record, on: date) -> Deferral | None:
    """The discipline that still defers a badge considered on *on*, if any.

    The months of deferral are those of the law in force on *on*, counted
    from each discipline's date; the longest-running one is returned.  The
    condition that the faults were corrected and the cell recognised it is
    not in the data and is not judged.
    """
    found: Deferral | None = None
    for d in record.of_type(ev.Disciplined):
        if d.date > on:
            break
        months = ctx.value(_DEFERRAL[d.form], on)
        until = add_months(d.date, months)
        if on < until and (found is None or until > found.until):
            found = Deferral(d, months, until)
    return found
