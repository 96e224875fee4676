"""Shared pieces of the rule topics: citations, meetings, date text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import attrs

from dangvien.documents import Citation, Confidence, KnownDocument, default_register
from dangvien.model import events as ev
from dangvien.model.stages import Stage
from dangvien.rules._base import Run
from dangvien.rules._facts import AdmissionCycle, admission_cycles

__all__ = ["Meeting", "cite", "d", "doc", "meetings", "regime_citations"]


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


def d(value: date | None) -> str:
    """Format a date as dd/mm/yyyy for messages."""
    return "?" if value is None else f"{value.day:02d}/{value.month:02d}/{value.year}"


@attrs.frozen
class Meeting:
    """A cell meeting that considers admission, real or hypothetical.

    Attributes:
        date: the meeting's date.
        cycle: the admission procedure it belongs to.
        hypothetical: True for "could they be admitted at a meeting on this
            date?" (explain mode, applicants without a resolution yet).
    """

    date: date
    cycle: AdmissionCycle
    hypothetical: bool = False


_OPEN = frozenset({Stage.OUTSTANDING, Stage.SYMPATHIZER, Stage.APPLICANT})


def _real_meetings(run: Run) -> list[Meeting]:
    """The person's real admission meetings (approved resolutions), shared by the rules."""
    record = run.record
    cycles = run.ctx.memo(record, "cycles", lambda: admission_cycles(record))
    return [Meeting(c.resolution.date, c) for c in cycles if c.resolution is not None]


def meetings(run: Run) -> Iterator[Meeting]:
    """Yield the admission meetings a rule judges for the run's person.

    Real ones are the approved cell resolutions in the rule's effective
    period.  When explaining, a person still in the pipeline on the as-of date
    is judged at a hypothetical meeting on that date.
    """
    record = run.record
    for m in run.ctx.memo(record, "meetings", lambda: _real_meetings(run)):
        if run.rule.applies_on(m.date):
            yield m
    on = run.ctx.as_of
    if run.explaining and record.stage_at(on) in _OPEN:
        cycle = AdmissionCycle(
            resolution=None,
            application=record.last(ev.ApplicationFiled, on),
            introducers=record.last(ev.IntroducersAssigned, on),
            course=record.last(ev.AwarenessCourse, on),
            decision=None,
            ceremony=None,
        )
        yield Meeting(on, cycle, hypothetical=True)
