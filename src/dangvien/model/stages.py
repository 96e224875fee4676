"""Membership stages derived from events (giai đoạn phấn đấu và sinh hoạt đảng).

A stage is never stored: :func:`timeline` replays a person's events in date
order through :data:`TRANSITIONS`, the single declaration of which event may
move a person from which stage to which.  An event that is not allowed in the
current stage is reported as a :class:`TransitionProblem`, which the rules
turn into cited findings.  When the event comes *later* in the procedure
than the stage allows (a decision for someone whose application and cell
vote are not recorded, as in a member list transcribed from paper), it is
applied all the same: the register lacks steps, and the person still
reaches the stage it shows.  An event out of order the other way (a second
recognition) is not applied.

Official membership starts on the day stated in the recognition decision
(by law the day probation ends) even when the decision is signed later, so
the stage periods are back-dated accordingly.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from datetime import date

import attrs

from dangvien.messages import CatalogueEnum
from dangvien.model import events as ev

__all__ = [
    "MEMBER_STAGES",
    "TRANSITIONS",
    "MembershipPeriod",
    "Stage",
    "StagePeriod",
    "Timeline",
    "Transition",
    "TransitionProblem",
    "mermaid_diagram",
    "sort_events",
    "timeline",
]


class Stage(CatalogueEnum):
    """Stage of a person at a date (giai đoạn)."""

    CITIZEN = "quần chúng"
    OUTSTANDING = "quần chúng ưu tú"
    SYMPATHIZER = "cảm tình Đảng"
    APPLICANT = "đang làm thủ tục kết nạp"
    PROPOSED = "chi bộ đã đề nghị kết nạp"
    ADMITTED = "đã có quyết định kết nạp"
    PROBATIONARY = "đảng viên dự bị"
    OFFICIAL = "đảng viên chính thức"
    TRANSFERRED_OUT = "đã chuyển sinh hoạt đi"
    REMOVED = "đã bị xóa tên"
    EXPELLED = "đã bị khai trừ"
    DECEASED = "đã từ trần"


#: Stages in which a person is a party member.
MEMBER_STAGES = frozenset({Stage.PROBATIONARY, Stage.OFFICIAL})
_ALIVE = frozenset(Stage) - {Stage.DECEASED}
_OUT = frozenset({Stage.REMOVED, Stage.EXPELLED})


@attrs.frozen
class Transition:
    """What an event type does to the stage.

    Attributes:
        sources: stages in which the event is allowed.
        target: the stage after it; None keeps the stage (e.g. a failed vote).

    """

    sources: frozenset[Stage]
    target: Stage | None


#: The allowed stage transitions, declared once.  Event types missing here do
#: not change the stage (courses, cards, ratings…); rules check their context.
TRANSITIONS: dict[type[ev.Event], Transition] = {
    ev.Introduced: Transition(frozenset({Stage.CITIZEN}), Stage.OUTSTANDING),
    ev.ListedSympathizer: Transition(
        frozenset({Stage.CITIZEN, Stage.OUTSTANDING}), Stage.SYMPATHIZER
    ),
    ev.DelistedSympathizer: Transition(frozenset({Stage.SYMPATHIZER}), Stage.CITIZEN),
    # Re-admission starts with a new application after removal or expulsion.
    ev.ApplicationFiled: Transition(frozenset({Stage.SYMPATHIZER}) | _OUT, Stage.APPLICANT),
    ev.CellResolution: Transition(frozenset({Stage.APPLICANT}), Stage.PROPOSED),
    ev.AdmissionDecision: Transition(frozenset({Stage.PROPOSED}), Stage.ADMITTED),
    ev.AdmissionCeremony: Transition(frozenset({Stage.ADMITTED}), Stage.PROBATIONARY),
    ev.RecognitionDecision: Transition(frozenset({Stage.PROBATIONARY}), Stage.OFFICIAL),
    ev.TransferredOut: Transition(MEMBER_STAGES, Stage.TRANSFERRED_OUT),
    # The stage after a transfer in is given by the event (probationary or not).
    ev.TransferredIn: Transition(frozenset({Stage.CITIZEN, Stage.TRANSFERRED_OUT}), None),
    # A member in transit who never presents the transfer papers is removed by
    # the receiving committee (38-HD/BTCTW II.4.3.1d), so removal also ends a transfer.
    ev.Removed: Transition(MEMBER_STAGES | {Stage.TRANSFERRED_OUT}, Stage.REMOVED),
    ev.Expelled: Transition(MEMBER_STAGES, Stage.EXPELLED),
    ev.Died: Transition(_ALIVE, Stage.DECEASED),
    # The receiving committee's notice of an incoming transfer: for that
    # committee the member is in transit, transferred out of the sending unit
    # and not yet in (the papers bring them in with ``TransferredIn``).
    ev.TransferNoticeReceived: Transition(
        frozenset({Stage.CITIZEN, Stage.TRANSFERRED_OUT}), Stage.TRANSFERRED_OUT
    ),
}


def _target(event: ev.Event, current: Stage) -> Stage | None:
    if isinstance(event, ev.TransferredIn):
        return Stage.PROBATIONARY if event.probationary else Stage.OFFICIAL
    if isinstance(event, ev.CellResolution | ev.CommitteeResolution) and not event.approved:
        return None
    rule = TRANSITIONS.get(type(event))
    return None if rule is None else rule.target


_ORDER = {cls: i for i, cls in enumerate(ev.EVENT_TYPES.values())}


def sort_events(events: Iterable[ev.Event]) -> list[ev.Event]:
    """Sort events by date, then by their place in the pipeline (stable)."""
    return sorted(events, key=lambda e: (e.date, _ORDER.get(type(e), len(_ORDER))))


@attrs.frozen
class StagePeriod:
    """A stage held from ``start`` until the next period's start."""

    start: date
    stage: Stage


@attrs.frozen
class TransitionProblem:
    """An event not allowed in the stage the person was in.

    Attributes:
        event: the event.
        stage: the stage the person was in.
        allowed: the stages the event may follow.
        skipped: True when the event comes *later* in the procedure than the
            stage allows (an admission decision for a citizen: the register
            lacks the steps before it, as a member list transcribed from paper
            does). The event is then applied, so the person still reaches the
            stage the register shows; the gap is for ``EVENT-ORDER`` to judge.
            False for a step out of order the other way (a second
            recognition), which is not applied.
    """

    event: ev.Event
    stage: Stage
    allowed: frozenset[Stage]
    skipped: bool = False


@attrs.frozen
class MembershipPeriod:
    """One spell of membership, from admission to its end (thời gian là đảng viên).

    Attributes:
        decision: the admission decision (None for a member transferred in
            whose decision was not recorded).
        ceremony: the admission ceremony, if held.
        transfer_in: the transfer that brought the member in, if any.
        official_from: start of official membership, if recognised.
        end: the event that ended the spell (removal, expulsion, death,
            transfer out), if any.

    """

    decision: ev.AdmissionDecision | None
    ceremony: ev.AdmissionCeremony | None = None
    transfer_in: ev.TransferredIn | None = None
    official_from: date | None = None
    end: ev.Event | None = None


@attrs.frozen
class Timeline:
    """Stage history replayed from events."""

    periods: tuple[StagePeriod, ...]
    problems: tuple[TransitionProblem, ...]
    memberships: tuple[MembershipPeriod, ...]

    @functools.cached_property
    def starts(self) -> tuple[date, ...]:
        """The periods' start days, for bisection (computed once)."""
        return tuple(p.start for p in self.periods)

    def stage_at(self, on: date) -> Stage:
        """Return the stage held on *on* (CITIZEN before the first event)."""
        i = bisect.bisect_right(self.starts, on)
        return Stage.CITIZEN if i == 0 else self.periods[i - 1].stage

    def first_reached(self, stage: Stage) -> date | None:
        """Return the first day the person held *stage*, if ever."""
        return next((p.start for p in self.periods if p.stage is stage), None)

    @functools.cached_property
    def official_spans(self) -> tuple[tuple[date, date | None], ...]:
        """The spells of official membership: (first day, first day after, or None)."""
        periods = self.periods
        return tuple(
            (p.start, periods[i + 1].start if i + 1 < len(periods) else None)
            for i, p in enumerate(periods)
            if p.stage is Stage.OFFICIAL
        )


def timeline(events: Sequence[ev.Event], *, presorted: bool = False) -> Timeline:
    """Replay *events* through :data:`TRANSITIONS`.

    Pass ``presorted=True`` when *events* are already in :func:`sort_events`
    order (a :class:`~dangvien.model.register.Record` keeps them so).

    >>> from datetime import date
    >>> t = timeline([
    ...     ev.ListedSympathizer(date=date(2023, 1, 5), cell="Văn Trai"),
    ...     ev.ApplicationFiled(date=date(2023, 6, 1)),
    ...     ev.CellResolution(date=date(2023, 8, 1), cell="Văn Trai", votes_for=9,
    ...                       official_members=10),
    ...     ev.AdmissionDecision(date=date(2023, 9, 1)),
    ...     ev.AdmissionCeremony(date=date(2023, 9, 20), cell="Văn Trai"),
    ...     ev.RecognitionDecision(date=date(2024, 10, 15), official_from=date(2024, 9, 20)),
    ... ])
    >>> t.stage_at(date(2024, 9, 19)).name, t.stage_at(date(2024, 9, 20)).name
    ('PROBATIONARY', 'OFFICIAL')
    """
    # One pass, no intermediate objects: a province replays millions of
    # events.  Stage periods are kept as two lists until the end, and the
    # spell of membership being tracked as five local variables
    # (_track_membership states the same logic plainly; a test compares).
    stage = Stage.CITIZEN
    starts: list[date] = []
    stages: list[Stage] = []
    problems: list[TransitionProblem] = []
    memberships: list[MembershipPeriod] = []
    spell = False
    decision: ev.Event | None = None
    ceremony: ev.Event | None = None
    transfer_in: ev.Event | None = None
    official_from: date | None = None
    end: ev.Event | None = None
    transitions = TRANSITIONS
    for event in events if presorted else sort_events(events):
        cls = type(event)
        rule = transitions.get(cls)
        if rule is None:
            continue
        if stage not in rule.sources:
            skipped = _steps_missing(stage, rule.sources)
            problems.append(TransitionProblem(event, stage, rule.sources, skipped))
            if not skipped:
                continue
        target: Stage | None
        if cls is ev.TransferredIn:
            probationary = event.probationary  # type: ignore[attr-defined]
            target = Stage.PROBATIONARY if probationary else Stage.OFFICIAL
        elif cls is ev.CellResolution and not event.approved:  # type: ignore[attr-defined]
            continue
        else:
            target = rule.target
        if target is None:
            continue
        start = event.effective
        # Back-dated effect (official from the end of probation) must not
        # precede the previous period.
        if starts and start <= starts[-1]:
            start = starts[-1]
            stages[-1] = target
        else:
            starts.append(start)
            stages.append(target)
        stage = target
        # The spell of membership, as _track_membership.
        if cls is ev.AdmissionDecision:
            spell = True
            decision = event
            ceremony = transfer_in = official_from = end = None
        elif cls is ev.TransferredIn:
            if spell and end is not None:
                end = None  # back after a transfer out: the same membership
            elif spell:
                transfer_in = event  # acts recorded from before the transfer
            else:
                spell = True
                transfer_in = event
                decision = ceremony = official_from = end = None
        elif not spell:
            if cls is ev.AdmissionCeremony:
                spell = True
                ceremony = event
                decision = transfer_in = official_from = end = None
            elif cls is ev.RecognitionDecision:
                spell = True
                official_from = start
                decision = ceremony = transfer_in = end = None
        elif cls is ev.AdmissionCeremony:
            ceremony = event
        elif cls is ev.RecognitionDecision:
            official_from = start
        elif cls is ev.TransferredOut:
            end = event
        elif cls is ev.Removed or cls is ev.Expelled or cls is ev.Died:
            memberships.append(_spell(decision, ceremony, transfer_in, official_from, event))
            spell = False
    if spell:
        memberships.append(_spell(decision, ceremony, transfer_in, official_from, end))
    periods = tuple(map(StagePeriod, starts, stages))
    return Timeline(periods, tuple(problems), tuple(memberships))


def _spell(
    decision: ev.Event | None,
    ceremony: ev.Event | None,
    transfer_in: ev.Event | None,
    official_from: date | None,
    end: ev.Event | None,
) -> MembershipPeriod:
    return MembershipPeriod(
        decision,  # type: ignore[arg-type]
        ceremony,  # type: ignore[arg-type]
        transfer_in,  # type: ignore[arg-type]
        official_from,
        end,
    )


#: The stages in the order of the procedure (exits last).
_PATH = {s: i for i, s in enumerate(Stage)}


def _steps_missing(stage: Stage, allowed: frozenset[Stage]) -> bool:
    """Whether *stage* comes before every stage the event follows on the way forward.

    The way forward leaves out the citizen (a transfer in of someone new to
    the register) and removal or expulsion (re-admission): a transfer in of
    a member whose transfer out is not recorded, or a decision for someone
    whose application and cell resolution are not, skips steps; a second
    application while proposed does not.
    """
    forward = allowed - _OUT - {Stage.CITIZEN}
    return bool(forward) and all(_PATH[stage] < _PATH[a] for a in forward)


def _track_membership(
    current: MembershipPeriod | None,
    done: list[MembershipPeriod],
    event: ev.Event,
    start: date,
) -> MembershipPeriod | None:
    """Return the spell of membership after *event*: the plain statement of it.

    :func:`timeline` inlines this logic; a test replays histories through both.
    """
    if isinstance(event, ev.AdmissionDecision):
        return MembershipPeriod(decision=event)
    if isinstance(event, ev.TransferredIn):
        if current is not None and current.end is not None:
            # Coming back after a transfer out continues the same membership.
            return attrs.evolve(current, end=None)
        if current is not None:
            # Acts recorded from before the transfer (its way out not recorded).
            return attrs.evolve(current, transfer_in=event)
        return MembershipPeriod(decision=None, transfer_in=event)
    if current is None:
        # A register that starts at the ceremony or the recognition (the
        # decision not recorded) still holds a spell of membership.
        if isinstance(event, ev.AdmissionCeremony):
            return MembershipPeriod(decision=None, ceremony=event)
        if isinstance(event, ev.RecognitionDecision):
            return MembershipPeriod(decision=None, official_from=start)
        return None
    if isinstance(event, ev.AdmissionCeremony):
        return attrs.evolve(current, ceremony=event)
    if isinstance(event, ev.RecognitionDecision):
        return attrs.evolve(current, official_from=start)
    if isinstance(event, ev.TransferredOut):
        return attrs.evolve(current, end=event)
    if isinstance(event, ev.Removed | ev.Expelled | ev.Died):
        done.append(attrs.evolve(current, end=event))
        return None
    return current


def mermaid_diagram() -> str:
    """Return the allowed transitions as a Mermaid state diagram."""
    lines = ["stateDiagram-v2", "    [*] --> CITIZEN"]
    for cls, rule in TRANSITIONS.items():
        if rule.sources == _ALIVE and rule.target is not None:
            # Allowed from every living stage: one edge keeps the diagram readable.
            lines.append(f"    ANY_LIVING_STAGE --> {rule.target.name}: {cls.TYPE}")
            continue
        targets = [Stage.PROBATIONARY, Stage.OFFICIAL] if cls is ev.TransferredIn else [rule.target]
        for source in sorted(rule.sources, key=lambda s: list(Stage).index(s)):
            for target in targets:
                if target is not None:
                    lines.append(f"    {source.name} --> {target.name}: {cls.TYPE}")
    return "\n".join(lines) + "\n"
