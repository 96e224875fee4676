"""Party badges (Huy hiệu Đảng): who falls due at each award occasion, deferral, the 45-year level.

Badges are awarded at set levels of party age (30, 40, 45 … 90 years since
29-QĐ/TW), on the occasions the guidance names (3/2, 19/5, 2/9, 7/11), by the
provincial standing committee on the cell's proposal.  The commune office
sends up a list before each occasion: :func:`dangvien.rules.due` builds it
from ``BADGE-DUE``.  Which occasion a level falls on is not written in the
central texts: dangvien puts each member on the list of the first occasion
on or after the day they qualify (reaching the level, less any early
allowance, after any deferral), which is the reading of the Hanoi badge
procedure (21-HD/BTCTU, batches closing at each occasion).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import attrs

from dangvien.dates import full_months
from dangvien.documents import Confidence
from dangvien.errors import NotCoveredError
from dangvien.model import events as ev
from dangvien.model.register import Record
from dangvien.parameters import (
    BADGE_LEVELS_YEARS,
    BADGE_OCCASIONS,
    BADGE_TRANSITION_LEVELS,
    PARTY_AGE_FROM,
)
from dangvien.rules._base import Context, Evaluation, Run, rule
from dangvien.rules._common import cite, doc
from dangvien.rules._life import (
    Allowance,
    Deferral,
    allowance_basis,
    allowance_months,
    badge_deferral,
)
from dangvien.rules.membership import party_age_months

__all__ = ["Allowance", "BadgeCandidate", "award_occasions", "badge_candidates", "next_occasion"]

_START = doc("29-QĐ/TW/2016").effective
_CITATIONS = (
    cite("29-QĐ/TW/2016", "điểm 27.3a"),
    cite("01-HD/TW/2016", "mục 18", Confidence.C),
    cite("24-QĐ/TW/2021", "điểm 27.3.1"),
    cite("01-HD/TW/2021", "mục 18"),
    cite("232-QĐ/TW/2025", "điểm 27.3.1", Confidence.B),
    cite("06-HD/TW/2025", "mục 18"),
    cite("294-QĐ/TW/2025", "điểm 28.3.1"),
)


# --- award occasions ----------------------------------------------------------------


def _occasions_of(ctx: Context, year: int) -> tuple[date, ...]:
    def build() -> tuple[date, ...]:
        out = []
        try:
            days = ctx.value(BADGE_OCCASIONS, date(year, 12, 31))
        except NotCoveredError:
            return ()
        for month, day in days:
            on = date(year, month, day)
            try:
                ctx.value(BADGE_OCCASIONS, on)  # in force on the day itself
            except NotCoveredError:
                continue
            out.append(on)
        return tuple(sorted(out))

    return ctx.shared(f"badge.occasions.{year}", build)


def award_occasions(ctx: Context, start: date, end: date) -> tuple[date, ...]:
    """Return the badge award occasions from *start* to *end*, both included."""

    def build() -> tuple[date, ...]:
        years = range(start.year, end.year + 1)
        return tuple(d for y in years for d in _occasions_of(ctx, y) if start <= d <= end)

    return ctx.shared(f"badge.occasions.{start}.{end}", build)


def next_occasion(ctx: Context, on: date) -> date | None:
    """Return the first award occasion on or after *on*, if the law sets one."""
    found = award_occasions(ctx, on, date(on.year + 1, 12, 31))
    return found[0] if found else None


def _previous_occasion(ctx: Context, on: date) -> date | None:
    found = award_occasions(ctx, date(on.year - 1, 1, 1), on - timedelta(days=1))
    return found[-1] if found else None


# --- who qualifies on a day -----------------------------------------------------------


@attrs.frozen
class BadgeCandidate:
    """A member who qualifies for a badge level at an award occasion.

    Attributes:
        years: the level.
        occasion: the award occasion.
        age: the party age on the occasion (a deceased member's: at death),
            in months.
        reached: the day the party age reaches the level (not told before the
            encoded law of party age starts, 2006: then that day), or None when it
            never will (a member who died short of it).
        allowance: the early allowance applied (serious illness, death).
        deferred_until: the end of a discipline's deferral that kept the
            member off the previous occasion's list, if any.
    """

    years: int
    occasion: date
    age: int
    reached: date | None
    allowance: Allowance
    deferred_until: date | None = None


@attrs.frozen
class _Day:
    """What decides a member's badges on one day: party age, allowance basis, deferral."""

    age: int | None
    basis: tuple[ev.Died | None, ev.SeriousIllness | None]
    deferral: Deferral | None

    @classmethod
    def of(cls, ctx: Context, record: Record, on: date, *, special: bool = True) -> _Day:
        """The day's facts; without a death, illness or discipline (*special*) only the age."""
        if not special:
            return cls(party_age_months(record, on), (None, None), None)
        return cls(
            party_age_months(record, on),
            allowance_basis(record, on),
            badge_deferral(ctx, record, on),
        )

    def qualifies(self, ctx: Context, years: int, on: date) -> Allowance | None:
        """The allowance under which the member qualifies for *years* on *on*, else None.

        The allowance returned has the months actually used (none when the
        party age is reached); its ``died`` marks a posthumous award.
        """
        if self.age is None or self.deferral is not None:
            return None
        died, ill = self.basis
        if self.age >= years * 12:
            return Allowance(died=died)
        if died is None and ill is None:
            return None  # no early award without a death or a serious illness
        allowance = allowance_months(ctx, self.basis, years, on)
        return allowance if self.age + allowance.months >= years * 12 else None


def _reached(record: Record, months: int, before: date, after: date) -> date | None:
    """The first day the party age is *months*, searched between two days (bisection)."""
    lo, hi = before, after
    if (party_age_months(record, hi) or 0) < months:
        return None
    while (hi - lo).days > 1:
        mid = lo + timedelta(days=(hi - lo).days // 2)
        if (party_age_months(record, mid) or 0) >= months:
            hi = mid
        else:
            lo = mid
    return hi


# Events that can allow an early badge or defer one.
_SPECIAL = (ev.Died, ev.SeriousIllness, ev.Disciplined)


def badge_candidates(ctx: Context, record: Record, occasion: date) -> Iterator[BadgeCandidate]:
    """Yield the levels *record* first qualifies for at *occasion*.

    A level qualifies at an occasion when the member is a member (or died
    one) with the party age of the level by then, less the early allowance
    (serious illness, death), is not under a discipline's deferral, has not
    been awarded that level, and did not already qualify at the previous
    occasion.  Members who qualified earlier but were not awarded are not
    listed again (the register may lack old awards; list those by hand).
    """
    # One pass over the events (a province asks this of every member).
    first: date | None = None
    awarded: set[int] = set()
    special = False
    for e in record.events:
        if isinstance(e, ev.AdmissionDecision):
            first = first or e.date
        elif isinstance(e, ev.BadgeAwarded):
            awarded.add(e.years)
        elif isinstance(e, _SPECIAL):
            special = True
    if first is None or first > occasion:
        # No party age to count (transferred in without the decision), or none
        # yet on that occasion (admitted after it).
        return
    levels = ctx.value(BADGE_LEVELS_YEARS, occasion)
    # Party age never exceeds the months since the first decision: a member
    # short of every level not yet awarded, even with the largest early
    # allowance the record could give, is skipped before any timeline is built.
    bound = full_months(first, occasion)
    if special:
        basis = allowance_basis(record, occasion)
        bound += allowance_months(ctx, basis, levels[-1], occasion).months
    if not any(y * 12 <= bound for y in levels if y not in awarded):
        return
    now = _Day.of(ctx, record, occasion, special=special)
    if now.age is None or now.deferral is not None:
        return
    previous = _previous_occasion(ctx, occasion)
    # Party age grows at most by the time elapsed, so it was at least this on
    # the previous occasion: a plain member (no death, illness or discipline)
    # already that old then qualified then, without computing it.
    floor = None if previous is None or special else now.age - full_months(previous, occasion) - 1
    before: _Day | None = None
    for years in levels:
        if years in awarded:
            continue
        allowance = now.qualifies(ctx, years, occasion)
        if allowance is None:
            continue
        if floor is not None and floor >= years * 12:
            continue
        if previous is not None:
            before = before or _Day.of(ctx, record, previous, special=special)
            if before.qualifies(ctx, years, previous):
                continue
        deferral = None if before is None else before.deferral
        # Party age is nil before the first decision, and is counted only from the
        # day the encoded law says how (2006): search from the later of the two.
        counted = ctx.params.parameter(PARTY_AGE_FROM).values[0].start
        reached = _reached(
            record,
            years * 12,
            max(first - timedelta(days=1), counted),
            occasion + timedelta(days=800),
        )
        yield BadgeCandidate(
            years,
            occasion,
            now.age,
            reached,
            allowance,
            deferral.until if deferral is not None else None,
        )


# --- rules ------------------------------------------------------------------------------


def _judged_occasions(run: Run) -> tuple[date, ...]:
    ctx = run.ctx
    if ctx.window is not None:
        return award_occasions(ctx, *ctx.window)
    found = next_occasion(ctx, ctx.as_of)
    return () if found is None else (found,)


@rule(
    "BADGE-DUE",
    topic="membership",
    lists_due=True,
    prospective=True,
    key=BADGE_OCCASIONS,
    # The award occasions are the guidance's (01-HD/TW of 20/9/2016 on).
    start=doc("01-HD/TW/2016").effective,
    citations=_CITATIONS,
)
def badge_due(run: Run) -> Iterator[Evaluation | None]:
    """Members reaching a badge level are proposed for the next award occasion (3/2, 19/5, 2/9, 7/11).

    A member is listed for the first occasion on or after the day they
    qualify: the party age of the level reached (a deceased member: the age
    at death, posthumous award), less the early allowance (a seriously ill
    member certified by then: 12 months, 24 at 70–90 years from 24-QĐ/TW; a
    member who died from 30/7/2021: 12 months), once any discipline's
    deferral is over (29-QĐ/TW: warning 6 months, dismissal 12; from
    24-QĐ/TW: reprimand 6, warning 9, dismissal 12), and not yet awarded.
    ``due`` lists the occasions in its window; ``check`` and ``explain`` the
    next occasion from the as-of date.
    """  # noqa: E501
    for occasion in _judged_occasions(run):
        if not run.covers(occasion):
            continue
        found = False
        for c in badge_candidates(run.ctx, run.record, occasion):
            found = True
            a = c.allowance
            facts: dict[str, Any] = {
                "years": c.years,
                "occasion": occasion,
                "age": c.age,
                "reached": c.reached,
            }
            if a.died is not None:
                name = "posthumous" if a.months == 0 else "posthumous_early"
                facts |= {"died": a.died.date, "early": a.months}
            elif a.ill is not None and a.months:
                name, facts = "ill", facts | {"certified": a.ill.date, "early": a.months}
            elif c.deferred_until is not None:
                name, facts = "after_deferral", facts | {"until": c.deferred_until}
            else:
                name = "due"
            # Nothing is done yet: the finding follows from what is known on the
            # as-of date (the party age counted so far), cited for the occasion.
            known = min(occasion, run.ctx.as_of)
            yield run.pending(name, on=known, due=occasion, cite_on=occasion, **facts)
        if not found and run.explaining:
            deferral = badge_deferral(run.ctx, run.record, occasion)
            if party_age_months(run.record, occasion) is None:
                yield run.na("not_member", occasion=occasion)
            elif deferral is not None:
                d = deferral.discipline
                yield run.na(
                    "deferred", occasion=occasion, form=d.form, day=d.date, until=deferral.until
                )
            else:
                yield run.ok("none_due", occasion=occasion)
    if not run.skipped and not _judged_occasions(run):
        yield run.na("no_occasion")


@rule(
    "BADGE-DEFERRED",
    needs=(ev.BadgeAwarded,),
    topic="membership",
    start=_START,
    confidence=Confidence.B,
    citations=(
        cite("29-QĐ/TW/2016", "điểm 27.3a", Confidence.B),
        cite("24-QĐ/TW/2021", "điểm 27.3.1c", Confidence.B),
        cite("232-QĐ/TW/2025", "điểm 27.3.1c", Confidence.B),
        cite("294-QĐ/TW/2025", "điểm 28.3.1c"),
    ),
)
def badge_deferred(run: Run) -> Iterator[Evaluation | None]:
    """A disciplined member is not awarded a badge until the deferral after the discipline is over.

    29-QĐ/TW: 6 months after a warning, 12 after dismissal from posts, none
    after a reprimand.  24-QĐ/TW, 232-QĐ/TW and 294-QĐ/TW: 6 months after a
    reprimand, 9 after a warning, 12 after dismissal, provided the faults
    were corrected and the cell recognised it (that condition is not in the
    data).  The months of the law in force on the award's day apply.
    """
    found = False
    for badge in run.record.of_type(ev.BadgeAwarded):
        if not run.covers(badge.date):
            continue
        found = True
        deferral = badge_deferral(run.ctx, run.record, badge.date)
        if deferral is None:
            yield run.ok("ok", day=badge.date)
            continue
        d = deferral.discipline
        yield run.fail(
            "fail",
            on=badge.date,
            years=badge.years,
            day=badge.date,
            form=d.form,
            disciplined=d.date,
            months=deferral.months,
            until=deferral.until,
        )
    if not found:
        yield run.na("rule.BADGE-PARTY-AGE.none")


@rule(
    "BADGE-45-TRANSITION",
    needs=(ev.BadgeAwarded,),
    topic="membership",
    key=BADGE_TRANSITION_LEVELS,
    start=_START,
    # The transition belongs to 29-QĐ/TW: awards made under it end with it.
    end=doc("24-QĐ/TW/2021").effective,
    confidence=Confidence.B,
    citations=(cite("29-QĐ/TW/2016", "điểm 27.3a (hướng dẫn chuyển tiếp)", Confidence.B),),
)
def badge_45_transition(run: Run) -> Iterator[Evaluation | None]:
    """The 45-year badge, new in 29-QĐ/TW, is not for members who already had 50 years or a higher badge.

    The Central Organisation Commission's transition: members with 45 to
    under 50 years of party age (by month) on 25/7/2016 receive the 45-year
    badge, and members who died before 20/9/2016 having reached 45 years
    receive it posthumously; members who had 50 years or more on 25/7/2016,
    or who hold a higher badge, do not.
    """  # noqa: E501
    found = False
    record = run.record
    for badge in record.of_type(ev.BadgeAwarded):
        if not run.covers(badge.date):
            continue
        level, ceiling = run.ctx.value(BADGE_TRANSITION_LEVELS, badge.date)
        if badge.years != level:
            continue
        found = True
        start = run.ctx.params.parameter(BADGE_TRANSITION_LEVELS).values[0].start
        age = party_age_months(record, start)
        higher = [
            b for b in record.of_type(ev.BadgeAwarded) if b.years > level and b.date <= badge.date
        ]
        if higher:
            yield run.fail(
                "higher",
                on=badge.date,
                day=badge.date,
                level=level,
                years=higher[0].years,
                held=higher[0].date,
            )
        elif age is not None and age >= ceiling * 12:
            yield run.fail(
                "too_old",
                on=badge.date,
                day=badge.date,
                level=level,
                age=age,
                start=start,
                ceiling=ceiling,
            )
        else:
            yield run.ok("ok", day=badge.date, level=level)
    if not found:
        yield run.na("none")
