"""The fast paths give exactly what the plain statements of the same logic give.

Each optimised routine is compared with a reference written plainly (the
code it replaced, kept here or beside it) on arbitrary and generated data.
"""

from __future__ import annotations

import bisect
from datetime import date, timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

from dangvien import strategies as dst
from dangvien.model import events as ev
from dangvien.model.people import Person, Sex
from dangvien.model.register import Record
from dangvien.model.stages import (
    TRANSITIONS,
    MembershipPeriod,
    Stage,
    StagePeriod,
    Timeline,
    TransitionProblem,
    _steps_missing,
    _track_membership,
    sort_events,
    timeline,
)

# --- the reference replay (the code before the one-pass timeline) -------------------


def _reference_target(event: ev.Event) -> Stage | None:
    if isinstance(event, ev.TransferredIn):
        return Stage.PROBATIONARY if event.probationary else Stage.OFFICIAL
    if isinstance(event, ev.CellResolution | ev.CommitteeResolution) and not event.approved:
        return None
    rule = TRANSITIONS.get(type(event))
    return None if rule is None else rule.target


def reference_timeline(events: list[ev.Event]) -> Timeline:
    stage = Stage.CITIZEN
    periods: list[StagePeriod] = []
    problems: list[TransitionProblem] = []
    memberships: list[MembershipPeriod] = []
    current: MembershipPeriod | None = None
    for event in sort_events(events):
        rule = TRANSITIONS.get(type(event))
        if rule is None:
            continue
        if stage not in rule.sources:
            skipped = _steps_missing(stage, rule.sources)
            problems.append(TransitionProblem(event, stage, rule.sources, skipped))
            if not skipped:
                continue
        target = _reference_target(event)
        if target is None:
            continue
        start = event.effective
        if periods and start < periods[-1].start:
            start = periods[-1].start
        if periods and periods[-1].start == start:
            periods[-1] = StagePeriod(start, target)
        else:
            periods.append(StagePeriod(start, target))
        stage = target
        current = _track_membership(current, memberships, event, start)
    if current is not None:
        memberships.append(current)
    return Timeline(tuple(periods), tuple(problems), tuple(memberships))


def reference_cell_at(record: Record, on: date) -> str | None:
    cell: str | None = None
    for e in record.events:
        if e.date > on:
            break
        c = getattr(e, "cell", None)
        if isinstance(c, str):
            cell = c
    return cell or record.person.cell


def reference_cell_since(record: Record, on: date) -> date | None:
    cell: str | None = None
    since: date | None = None
    for e in record.events:
        if e.date > on:
            break
        c = getattr(e, "cell", None)
        if isinstance(c, str) and c != cell:
            cell, since = c, e.date
    return since


# --- arbitrary histories: any order, any outcome -----------------------------------

_STAGED = [*TRANSITIONS, ev.BadgeAwarded, ev.CardIssued]
_START = date(2000, 1, 1)


@st.composite
def _event(draw: st.DrawFn) -> ev.Event:
    cls = draw(st.sampled_from(_STAGED))
    event = draw(dst.events(cls, cells=["c1", "c2", "c3"]))
    # A few days over a few years, so that dates collide and order matters.
    day = _START + timedelta(days=draw(st.integers(0, 30)) * 61)
    if isinstance(event, ev.RecognitionDecision) and event.official_from is not None:
        # Back-dated recognitions, sometimes before earlier periods.
        back = timedelta(days=draw(st.integers(0, 400)))
        return attrs.evolve(event, date=day, official_from=day - back)
    return attrs.evolve(event, date=day)


@st.composite
def _life(draw: st.DrawFn) -> list[ev.Event]:
    """Mostly in procedure order: the spells of membership are exercised."""
    kinds = st.sampled_from(
        [
            ev.ListedSympathizer,
            ev.ApplicationFiled,
            ev.CellResolution,
            ev.AdmissionDecision,
            ev.AdmissionCeremony,
            ev.RecognitionDecision,
            ev.TransferredOut,
            ev.TransferredIn,
            ev.TransferNoticeReceived,
            ev.Removed,
            ev.Expelled,
            ev.Died,
        ]
    )
    out: list[ev.Event] = []
    day = _START
    for cls in draw(st.lists(kinds, max_size=12)):
        day += timedelta(days=draw(st.sampled_from([0, 30, 400])))
        event = draw(dst.events(cls, cells=["c1", "c2"]))
        if isinstance(event, ev.RecognitionDecision):
            event = attrs.evolve(event, official_from=None)
        out.append(attrs.evolve(event, date=day))
    return out


_HISTORIES = st.one_of(st.lists(_event(), max_size=14), _life())


@given(_HISTORIES)
def test_one_pass_timeline_equals_the_plain_replay(events: list[ev.Event]) -> None:
    """Periods, problems and spells of membership are those of the plain replay."""
    assert reference_timeline(events) == timeline(events)


@given(_HISTORIES)
def test_timeline_answers_equal_a_linear_search(events: list[ev.Event]) -> None:
    """stage_at bisects the cached starts; official_spans lists the official periods."""
    t = timeline(events)
    for k in range(32):
        on = _START + timedelta(days=k * 61 - 1)
        held = [p.stage for p in t.periods if p.start <= on]
        assert (held[-1] if held else Stage.CITIZEN) == t.stage_at(on)
    spans = [
        (p.start, t.periods[i + 1].start if i + 1 < len(t.periods) else None)
        for i, p in enumerate(t.periods)
        if p.stage is Stage.OFFICIAL
    ]
    assert tuple(spans) == t.official_spans
    assert list(t.starts) == sorted(t.starts)
    assert bisect.bisect_right(t.starts, date.max) == len(t.periods)


@given(_HISTORIES, st.sampled_from([None, "c9"]))
def test_cell_lookups_equal_a_linear_search(events: list[ev.Event], cell: str | None) -> None:
    """cell_at and cell_since bisect the runs of cell-naming events."""
    person = Person("P", "Người Thử Nghiệm P", date(1980, 1, 1), Sex.MALE, cell=cell)
    record = Record(person, events)
    for k in range(-1, 32):
        on = _START + timedelta(days=k * 61)
        assert reference_cell_at(record, on) == record.cell_at(on)
        assert reference_cell_since(record, on) == record.cell_since(on)
