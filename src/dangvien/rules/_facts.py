"""Facts derived from the register that several rules share (computed once per context)."""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import date

import attrs

from dangvien.model import events as ev
from dangvien.model.register import Dataset, Record
from dangvien.model.stages import Stage

__all__ = ["AdmissionCycle", "CellRoster", "admission_cycles"]


@attrs.frozen
class AdmissionCycle:
    """The events of one admission procedure, ending with its cell resolution.

    Attributes:
        resolution: the approved cell resolution the procedure led to, or
            None while still in progress.
        application: the latest application before it.
        introducers: the latest introducers event before it.
        course: the latest awareness-course certificate before it.
        decision: the admission decision after it, if any.
        ceremony: the ceremony after the decision, if any.
    """

    resolution: ev.CellResolution | None
    application: ev.ApplicationFiled | None
    introducers: ev.IntroducersAssigned | None
    course: ev.AwarenessCourse | None
    decision: ev.AdmissionDecision | None
    ceremony: ev.AdmissionCeremony | None


def admission_cycles(record: Record) -> list[AdmissionCycle]:
    """Split a history into admission procedures (first admission, re-admissions).

    Each approved cell resolution closes a cycle; the decision and ceremony
    that follow it (before the next resolution) belong to it.
    """
    cycles: list[AdmissionCycle] = []
    app: ev.ApplicationFiled | None = None
    intro: ev.IntroducersAssigned | None = None
    course: ev.AwarenessCourse | None = None
    current: AdmissionCycle | None = None
    for e in record.events:
        if isinstance(e, ev.ApplicationFiled):
            app = e
        elif isinstance(e, ev.IntroducersAssigned):
            intro = e
        elif isinstance(e, ev.AwarenessCourse):
            course = e
        elif isinstance(e, ev.CellResolution) and e.approved:
            if current is not None:
                cycles.append(current)
            current = AdmissionCycle(e, app, intro, course, None, None)
        elif isinstance(e, ev.AdmissionDecision) and current is not None and not current.decision:
            current = attrs.evolve(current, decision=e)
        elif (
            isinstance(e, ev.AdmissionCeremony)
            and current is not None
            and current.decision is not None
            and current.ceremony is None
        ):
            current = attrs.evolve(current, ceremony=e)
    if current is not None:
        cycles.append(current)
    return cycles


class CellRoster:
    """Official members per cell over time, for votes and cell-size rules.

    A member counts in the cell named by their latest cell-bearing event at
    the start of official membership (ceremony, transfer in); moves between
    cells of one commune without such an event are not seen.
    """

    def __init__(self, dataset: Dataset) -> None:
        starts: dict[str, list[date]] = defaultdict(list)
        ends: dict[str, list[date]] = defaultdict(list)
        # An index of official-member intervals per cell: a count on a day is
        # two bisections (spells started minus spells ended by then).
        for record in dataset.records:
            for start, end in record.timeline.official_spans:
                cell = record.cell_at(start)
                if cell is None:
                    continue
                starts[cell].append(start)
                if end is not None:
                    ends[cell].append(end)
        self._starts = {c: sorted(v) for c, v in starts.items()}
        self._ends = {c: sorted(v) for c, v in ends.items()}

    def official_count(self, cell: str, on: date) -> int:
        """Return how many official members *cell* had on *on*."""
        started = bisect.bisect_right(self._starts.get(cell, []), on)
        ended = bisect.bisect_right(self._ends.get(cell, []), on)
        return started - ended

    def is_official(self, record: Record, on: date) -> bool:
        """Return whether *record* was an official member on *on*."""
        return record.stage_at(on) is Stage.OFFICIAL
