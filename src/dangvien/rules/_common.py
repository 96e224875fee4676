"""Shared pieces of the rule topics: citations and the admission meetings judged."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import attrs

from dangvien.documents import Citation, Confidence, KnownDocument, default_register
from dangvien.model import events as ev
from dangvien.model.register import Record
from dangvien.model.stages import Stage
from dangvien.rules._base import Run
from dangvien.rules._facts import AdmissionCycle, admission_cycles

__all__ = [
    "OPEN_STAGES",
    "Meeting",
    "cite",
    "doc",
    "exit_before",
    "meetings",
    "open_cycle",
    "regime_citations",
]


def doc(key: str) -> KnownDocument:
    """Return a known document by key."""
    return default_register().by_key(key)


def cite(key: str, provision: str, confidence: Confidence = Confidence.A) -> Citation:
    """Build a citation of a known document."""
    return Citation(doc(key), provision, confidence)


def regime_citations(provision: str, *, c294: Confidence = Confidence.B) -> tuple[Citation, ...]:
    """Cite *provision* of each implementing regulation since 2016."""
    return (
        cite("29-QĐ/TW/2016", provision),
        cite("24-QĐ/TW/2021", provision),
        cite("232-QĐ/TW/2025", provision),
        cite("294-QĐ/TW/2025", provision, c294),
    )


@attrs.frozen
class Meeting:
    """A cell meeting that considers admission, real or hypothetical.

    Attributes:
        date: the meeting's date.
        cycle: the admission procedure it belongs to.
        hypothetical: True for "could they be admitted at a meeting on this
            date?" (explain and the pipeline, for people still in the pipeline).
    """

    date: date
    cycle: AdmissionCycle
    hypothetical: bool = False


#: Stages of a person who may still come before the cell for admission.
OPEN_STAGES = frozenset({Stage.OUTSTANDING, Stage.SYMPATHIZER, Stage.APPLICANT})


def open_cycle(record: Record, as_of: date) -> AdmissionCycle:
    """The procedure in progress on *as_of*: the latest steps since the last exit or resolution."""
    floor = date.min
    for e in record.events:
        if isinstance(e, ev.Removed | ev.Expelled) or (
            isinstance(e, ev.CellResolution) and e.approved
        ):
            floor = e.date

    def latest(kind: type[ev.EventT]) -> ev.EventT | None:
        found = record.last(kind, as_of)
        return found if found is not None and found.date >= floor else None

    return AdmissionCycle(
        resolution=None,
        application=latest(ev.ApplicationFiled),
        introducers=latest(ev.IntroducersAssigned),
        course=record.last(ev.AwarenessCourse, as_of),
        decision=None,
        ceremony=None,
    )


def _real_meetings(run: Run) -> list[Meeting]:
    record = run.record
    cycles = run.ctx.memo(record, "cycles", lambda: admission_cycles(record))
    return [Meeting(c.resolution.date, c) for c in cycles if c.resolution is not None]


def meetings(run: Run) -> Iterator[Meeting]:
    """Yield the admission meetings a rule judges for the run's person.

    Real ones are the approved cell resolutions.  When the context names a
    meeting day (explain, the pipeline), a person still in the pipeline is
    also judged at a hypothetical meeting on that day; with
    ``only_meeting`` (the pipeline) only that one.  Meetings the rule's law
    does not cover are skipped through :meth:`Run.covers`.
    """
    record, ctx = run.record, run.ctx
    if not ctx.only_meeting:
        for m in ctx.memo(record, "meetings", lambda: _real_meetings(run)):
            if run.covers(m.date):
                yield m
    on = ctx.meeting_on
    if on is not None and record.stage_at(ctx.as_of) in OPEN_STAGES and run.covers(on):
        cycle = ctx.memo(record, "open_cycle", lambda: open_cycle(record, ctx.as_of))
        yield Meeting(on, cycle, hypothetical=True)


def exit_before(record: Record, day: date) -> ev.Removed | ev.Expelled | None:
    """The last removal or expulsion dated before *day*, if any (a re-admission's exit)."""
    found: ev.Removed | ev.Expelled | None = None
    for e in record.events:
        if e.date >= day:
            break
        if isinstance(e, ev.Removed | ev.Expelled):
            found = e
    return found
