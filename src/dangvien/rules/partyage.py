"""Party age (tuổi đảng) as cited law: the value with the provisions that count it.

Once official, a member's party age runs from the admission decision
(Charter 2011 Art. 5(4)); the Secretariat's guidance makes that the day the
decision was **signed**, and, when the decision is lost, the joining date
written on the party card (01-HD/TW 2016 and 2021, 06-HD/TW 2025, item 5.3).
Not counted are the periods outside party life (29-QĐ/TW 4.5a, then
24/232/294-QĐ/TW 4.5.1): expulsion and removal until re-admission, lost
contact with the party organisation, and gaps in transferring activities.
A re-admitted member counts from the first decision minus those gaps
(4.5.2).  Exemption from work and activities is not a gap.  Before
25/7/2016 the regulations' wording on gaps was not seen: the same periods
are assumed not counted (grade C).

Which provisions apply is read from the dated parameters ``party_age.from``
and ``party_age.not_counted`` on the day asked, so the value always comes
with the citation in force.  A deceased member's party age is fixed on the
day of death.

Gaps are deducted in whole months and then days (Civil Code month-end
rule): the start is moved forward by each gap's length.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

import attrs

from dangvien.dates import add_months, full_months
from dangvien.documents import Citation, Confidence
from dangvien.model import events as ev
from dangvien.model.register import Record
from dangvien.model.stages import Stage
from dangvien.parameters import (
    PARTY_AGE_FROM,
    PARTY_AGE_NOT_COUNTED,
    Parameters,
    PartyAgeGap,
    PartyAgeStart,
    default_parameters,
)
from dangvien.rules._base import Evaluation, Run, rule
from dangvien.rules._common import cite, regime_citations

__all__ = ["Gap", "PartyAge", "party_age"]

_IN_PARTY = frozenset({Stage.ADMITTED, Stage.PROBATIONARY, Stage.OFFICIAL})
_EXITS = {
    Stage.REMOVED: PartyAgeGap.REMOVED,
    Stage.EXPELLED: PartyAgeGap.EXPELLED,
    Stage.TRANSFERRED_OUT: PartyAgeGap.TRANSFER,
}


@attrs.frozen
class Gap:
    """A period not counted in party age (khoảng thời gian không tính tuổi đảng).

    Attributes:
        kind: expulsion, removal, lost contact or transfer.
        start: its first day.
        end: the day party life resumed (not itself in the gap), or the
            day the party age is counted to.
    """

    kind: PartyAgeGap
    start: date
    end: date


@attrs.frozen
class PartyAge:
    """A member's party age on a day, with the law that counts it (tuổi đảng).

    Attributes:
        months: the party age in whole months.
        since: the day it counts from (the first admission decision, or the
            joining date on the card).
        until: the day it is counted to: the day asked, or the day of death.
        start: what ``since`` is (the decision's date, its signing date, the card's date).
        gaps: the periods not counted, as the register shows them.
        citation: the provision on what party age counts (the regulation's
            point, or the Charter before 25/7/2016), in force on the day asked.
        basis: every provision applied: the start, then what is not counted.
        deceased: True when ``until`` is the day of death.
    """

    __json__ = ("years",)

    months: int
    since: date
    until: date
    start: PartyAgeStart
    gaps: tuple[Gap, ...]
    citation: Citation
    basis: tuple[Citation, ...]
    deceased: bool = False

    @property
    def years(self) -> int:
        """Whole years of party age."""
        return self.months // 12

    @property
    def confidence(self) -> Confidence:
        """The weakest grade of the provisions applied."""
        return max((c.confidence for c in self.basis), key=lambda c: c.value)


class _Missing(enum.Enum):
    """Why there is no party age."""

    NOT_MEMBER = "not_member"
    NOT_OFFICIAL = "not_official"
    NO_START = "no_start"


def party_age(record: Record, on: date, params: Parameters | None = None) -> PartyAge | None:
    """Return the party age of *record* on *on*, with its citation, or None.

    None when the person was not an official member on *on* (or on the day
    of death), or when the register records neither an admission decision
    nor a joining date.

    >>> from dangvien.model import Person, Sex
    >>> p = Person("P", "Người Thử Nghiệm P", date(1960, 1, 1), Sex.MALE)
    >>> r = Record(p, (
    ...     ev.ListedSympathizer(date=date(2007, 3, 1), cell="c"),
    ...     ev.ApplicationFiled(date=date(2007, 10, 1)),
    ...     ev.CellResolution(date=date(2008, 2, 1), cell="c", votes_for=5, official_members=6),
    ...     ev.AdmissionDecision(date=date(2008, 3, 12)),
    ...     ev.AdmissionCeremony(date=date(2008, 3, 26), cell="c"),
    ...     ev.RecognitionDecision(date=date(2009, 4, 2), official_from=date(2009, 3, 26)),
    ... ))
    >>> age = party_age(r, date(2026, 1, 5))
    >>> age.months, age.since, age.citation.text
    (213, datetime.date(2008, 3, 12), '294-QĐ/TW ngày 26/5/2025, điểm 4.5.1')

    Raises:
        ParameterNotCovered: for a day before the law dangvien encodes
            (25/4/2006).
    """
    found = _party_age(record, on, params or default_parameters())
    return found if isinstance(found, PartyAge) else None


def _party_age(record: Record, on: date, params: Parameters) -> PartyAge | _Missing:
    start_rule = params.at(PARTY_AGE_FROM, on)
    not_counted = params.at(PARTY_AGE_NOT_COUNTED, on)
    died = next((e.date for e in record.of_type(ev.Died) if e.date <= on), None)
    until = on if died is None else died
    tl = record.timeline
    # The stage held on the day counted to (for the deceased, the day before death).
    stage = tl.stage_at(until if died is None else until - timedelta(days=1))
    if stage is not Stage.OFFICIAL:
        return _Missing.NOT_OFFICIAL if stage in _IN_PARTY else _Missing.NOT_MEMBER
    decisions = [e.date for e in record.of_type(ev.AdmissionDecision) if e.date <= until]
    ceremonies = [e.date for e in record.of_type(ev.AdmissionCeremony) if e.date <= until]
    if decisions:
        since = decisions[0]
        how = start_rule.value
        if how is PartyAgeStart.CARD_DATE:
            how = PartyAgeStart.DECISION_SIGNED
    elif start_rule.value is PartyAgeStart.DECISION_SIGNED and ceremonies:
        # The card's joining date (ngày vào Đảng) is the ceremony's.
        since, how = ceremonies[0], PartyAgeStart.CARD_DATE
    else:
        return _Missing.NO_START
    kinds = frozenset(not_counted.value)
    gaps = tuple(_joined(g for g in _gaps(record, since, until) if g.kind in kinds))
    start = since
    for a, b in _merged(gaps):
        m = full_months(a, b)
        start = add_months(start, m) + timedelta(days=(b - add_months(a, m)).days)
    months = full_months(start, until) if start <= until else 0
    basis = tuple(dict.fromkeys((start_rule.citation, not_counted.citation)))
    return PartyAge(
        months=months,
        since=since,
        until=until,
        start=how,
        gaps=gaps,
        citation=not_counted.citation,
        basis=basis,
        deceased=died is not None,
    )


def _gaps(record: Record, since: date, until: date) -> Iterator[Gap]:
    """The periods outside party life between *since* and *until*, clipped to them."""
    periods = record.timeline.periods
    kind: PartyAgeGap | None = None
    for i, p in enumerate(periods):
        end = periods[i + 1].start if i + 1 < len(periods) else until
        if p.stage in _EXITS:
            kind = _EXITS[p.stage]
        elif p.stage in _IN_PARTY:
            kind = None
        # Applying again and the cell's vote after an exit stay outside the Party.
        if kind is None or p.stage is Stage.DECEASED or end <= since or p.start >= until:
            continue
        yield Gap(kind, max(p.start, since), min(end, until))
    if not record.of_type(ev.ContactLost):
        return  # the common case, answered by the record's index without a scan
    lost: date | None = None
    for e in record.events:
        if isinstance(e, ev.ContactLost) and lost is None:
            lost = e.date
        elif isinstance(e, ev.ContactRestored) and lost is not None:
            if e.date > since and lost < until:
                yield Gap(PartyAgeGap.LOST_CONTACT, max(lost, since), min(e.date, until))
            lost = None
    if lost is not None and lost < until:
        yield Gap(PartyAgeGap.LOST_CONTACT, max(lost, since), until)


def _joined(gaps: Iterable[Gap]) -> Iterator[Gap]:
    """Join a gap with the next of its kind that starts the day it ends (removed, then applying)."""
    held: Gap | None = None
    for g in gaps:
        if held is not None and held.kind is g.kind and held.end == g.start:
            held = attrs.evolve(held, end=g.end)
            continue
        if held is not None:
            yield held
        held = g
    if held is not None:
        yield held


def _merged(gaps: tuple[Gap, ...]) -> list[tuple[date, date]]:
    """The union of the gaps as disjoint periods, oldest first (overlaps deducted once)."""
    out: list[tuple[date, date]] = []
    for g in sorted(gaps, key=lambda g: (g.start, g.end)):
        if g.end <= g.start:
            continue
        if out and g.start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], g.end))
        else:
            out.append((g.start, g.end))
    return out


@rule(
    "PARTY-AGE",
    topic="membership",
    key=PARTY_AGE_NOT_COUNTED,
    citations=(
        cite("dieu-le-2006", "Điều 5, khoản 4", Confidence.C),
        cite("dieu-le-2011", "Điều 5, khoản 4"),
        *regime_citations("điểm 4.5.1", p29="điểm 4.5a"),
        cite("01-HD/TW/2016", "mục 5.3"),
        cite("01-HD/TW/2021", "mục 5.3"),
        cite("06-HD/TW/2025", "mục 5.3"),
    ),
)
def party_age_rule(run: Run) -> Iterator[Evaluation | None]:
    """States the party age on the day asked, with the provisions that count it (explain only).

    From the admission decision (its signing date; without it, the joining
    date on the card) to the day asked or the day of death, less expulsion,
    removal, lost contact and transfer gaps; exemption still counts.  The
    provisions are those in force on the day asked (parameters
    ``party_age.from`` and ``party_age.not_counted``).  This rule never
    gives a finding: ``check`` skips it.
    """
    if not run.explaining:
        return
    on = run.ctx.as_of
    if not run.covers(on):
        return
    found = _party_age(run.record, on, run.ctx.params)
    if found is _Missing.NOT_MEMBER:
        yield run.na("not_member", on=on, stage=run.record.stage_at(on))
        return
    if not isinstance(found, PartyAge):
        cited = run.ctx.params.at(PARTY_AGE_FROM, on).citation
        yield run.na(found.value, on=on, cite=cited)
        return
    gaps = (
        run.text(
            "gap_list",
            {"periods": tuple(run.text("gap", attrs.asdict(g, recurse=False)) for g in found.gaps)},
        )
        if found.gaps
        else run.text("no_gap", {})
    )
    # The regulation's point first, then the start's provision if another text.
    others = [c for c in found.basis if c.text != found.citation.text]
    basis = (
        run.text("basis2", {"cite": found.citation, "from_cite": others[0]})
        if others
        else run.text("basis1", {"cite": found.citation})
    )
    yield run.ok(
        "deceased" if found.deceased else "ok",
        age=found.months,
        until=found.until,
        since=found.since,
        how=found.start,
        gaps=gaps,
        basis=basis,
    )
