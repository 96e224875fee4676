"""Findings: what a check returns (kết quả kiểm tra).

A finding is a value, never an exception: rule id, severity, subject,
Vietnamese and English messages carrying the numbers that decided it, the
legal basis and its confidence grade, and a due date where one applies.
Rule checks and plan checks return the same shape.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Literal

import attrs

from dangvien.documents import Citation, Confidence

__all__ = ["Finding", "Language", "Severity", "count_by_severity"]

Language = Literal["vi", "en"]


class Severity(enum.Enum):
    """How serious a finding is (mức độ)."""

    VIOLATION = "violation"
    """Vi phạm: the data shows the rule was broken."""
    WARNING = "warning"
    """Cảnh báo: possibly wrong, unverifiable, or graded C."""
    UPCOMING = "upcoming"
    """Sắp đến hạn: an act falls due."""
    INFO = "info"
    """Thông tin: a duty that follows from the data, nothing wrong."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return _SEVERITY_VI[self]


_SEVERITY_VI = {
    Severity.VIOLATION: "vi phạm",
    Severity.WARNING: "cảnh báo",
    Severity.UPCOMING: "sắp đến hạn",
    Severity.INFO: "thông tin",
}


def _frozen_facts(value: Mapping[str, object] | None) -> tuple[tuple[str, object], ...]:
    if value is None:
        return ()
    return tuple(value.items())


@attrs.frozen
class Finding:
    """One result of a check (một phát hiện).

    Attributes:
        rule: the rule id, e.g. ``ADMIT-AGE-MIN``.
        severity: how serious.
        subject: who or what it is about (person id, cell id, plan id).
        message_vi: the Vietnamese message, with the deciding numbers.
        message_en: the English message.
        citation: the legal basis, if the finding rests on one.
        confidence: the grade of that basis.
        on: the date of the act judged, if any.
        due: the date an act falls due, if any.
        facts: the numbers and dates that decided it, as (name, value) pairs.
    """

    rule: str
    severity: Severity
    subject: str
    message_vi: str
    message_en: str
    citation: Citation | None = None
    confidence: Confidence = Confidence.A
    on: date | None = None
    due: date | None = None
    facts: tuple[tuple[str, object], ...] = attrs.field(default=(), converter=_frozen_facts)

    def message(self, lang: Language = "vi") -> str:
        """Return the message in *lang* (Vietnamese by default)."""
        return self.message_vi if lang == "vi" else self.message_en

    def to_json(self, lang: Language = "vi") -> dict[str, object]:
        """Return a JSON-ready dict with ``rule``, ``severity``, ``subject``, ``message`` etc."""
        out: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "subject": self.subject,
            "message": self.message(lang),
            "message_vi": self.message_vi,
            "message_en": self.message_en,
            "citation": None if self.citation is None else str(self.citation),
            "confidence": self.confidence.value,
        }
        if self.on is not None:
            out["on"] = self.on.isoformat()
        if self.due is not None:
            out["due"] = self.due.isoformat()
        if self.facts:
            out["facts"] = {k: _jsonable(v) for k, v in self.facts}
        return out


def _jsonable(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, int | str | bool | float) or value is None:
        return value
    return str(value)


def count_by_severity(findings: Iterable[Finding]) -> dict[Severity, int]:
    """Count findings per severity (every severity present, zero included)."""
    counts = dict.fromkeys(Severity, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts
