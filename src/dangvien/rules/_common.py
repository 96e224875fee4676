"""Shared pieces of the rule topics: citations and the admission meetings judged."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import attrs

from dangvien.documents import Citation, Confidence, KnownDocument, default_register
from dangvien.model import events as ev
from dangvien.model.register import Record
from dangvien.model.stages import Stage
from dangvien.parameters import MISSING_STEPS_JUDGED
from dangvien.rules._base import Evaluation, Run
from dangvien.rules._facts import AdmissionCycle, admission_cycles

__all__ = [
    "OPEN_STAGES",
    "Meeting",
    "cite",
    "doc",
    "exit_before",
    "meetings",
    "missing_steps_judged",
    "ok_cited",
    "open_cycle",
    "regime_citations",
]


def doc(key: str) -> KnownDocument:
    """Return a known document by key."""
    return default_register().by_key(key)


def cite(key: str, provision: str, confidence: Confidence = Confidence.A) -> Citation:
    """Build a citation of a known document."""
    return Citation(doc(key), provision, confidence)


def regime_citations(
    provision: str, *, p29: str | None = None, c29: Confidence = Confidence.A
) -> tuple[Citation, ...]:
    """Cite *provision* of each implementing regulation since 29-QĐ/TW (2016).

    24-QĐ/TW, 232-QĐ/TW and 294-QĐ/TW number their points alike (``điểm
    4.2.1``); 29-QĐ/TW numbers them ``4.2a``: pass its number as *p29*.
    """
    return (
        cite("29-QĐ/TW/2016", p29 or provision, c29),
        cite("24-QĐ/TW/2021", provision),
        cite("232-QĐ/TW/2025", provision),
        cite("294-QĐ/TW/2025", provision),
    )


def ok_cited(run: Run, name: str, day: date, /, **facts: object) -> Evaluation | None:
    """A pass whose reason also names the provision in force on *day* (built only when explaining).

    *day* is the date of the act judged (the cell meeting, the decision…),
    so ``explain`` shows under which law each act was judged.
    """
    if not run.explaining:
        return None
    cite = run.rule.citation_on(run.ctx.params, day)
    return run.ok("rule.regimes.cited", reason=run.text(name, facts), cite=cite)


def missing_steps_judged(run: Run, day: date) -> bool:
    """Whether a step missing from the register on an act of *day* is a violation.

    Before 25/7/2016 registers are mostly transcribed from paper files and
    miss steps (introducers, certificates): the parameter
    ``register.missing_steps_judged`` (grade C, overridable) says that a
    step not recorded then is unknown, so the rule judges only what is
    recorded.
    """
    return run.ctx.value(MISSING_STEPS_JUDGED, day)


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
