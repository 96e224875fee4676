"""Findings: what a check returns (kết quả kiểm tra).

A finding is a value, never an exception: rule id, severity, subject, a
translatable text whose typed facts carry the numbers that decided it, the
legal basis and its confidence grade, the date of the act judged and, for an
act still owed, the date it falls due.  Rule checks and plan checks return
the same shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import attrs

from dangvien.documents import Citation, Confidence
from dangvien.messages import CatalogueEnum, Language, Text

__all__ = ["Finding", "Language", "Severity", "count_by_severity"]


class Severity(CatalogueEnum):
    """How serious a finding is (mức độ)."""

    VIOLATION = "violation"
    """Vi phạm: the data shows the rule was broken."""
    WARNING = "warning"
    """Cảnh báo: possibly wrong, unverifiable, or graded C."""
    UPCOMING = "upcoming"
    """Sắp đến hạn: an act falls due."""
    INFO = "info"
    """Thông tin: a duty that follows from the data, nothing wrong."""

    def label(self, lang: Language = "vi") -> str:
        """Return the label in *lang*."""
        return self.label_vi if lang == "vi" else self.label_en


@attrs.frozen
class Finding:
    """One result of a check (một phát hiện).

    Attributes:
        rule: the rule id, e.g. ``ADMIT-AGE-MIN``.
        severity: how serious.
        subject: who or what it is about (person id, cell id, plan id).
        text: the message: a catalogue key and the typed facts that decided
            it (dates, numbers, enums), rendered in the reader's language
            only when read.
        citation: the legal basis in force on the date of the act, if the
            finding rests on one.
        confidence: the grade of that basis.
        on: the date of the act judged, if any.
        due: for an act still owed (pending or overdue), the last lawful
            day; None for anything already done.

    .. versionchanged:: 0.2
       ``message_vi``, ``message_en`` and ``facts`` are read from ``text``.
    """

    rule: str
    severity: Severity
    subject: str
    text: Text
    citation: Citation | None = None
    confidence: Confidence = Confidence.A
    on: date | None = None
    due: date | None = None

    def message(self, lang: Language = "vi") -> str:
        """Return the message in *lang* (Vietnamese by default)."""
        return self.text.render(lang)

    @property
    def message_vi(self) -> str:
        """The message in Vietnamese."""
        return self.text.vi

    @property
    def message_en(self) -> str:
        """The message in English."""
        return self.text.en

    @property
    def facts(self) -> Mapping[str, object]:
        """The typed facts that decided the finding, by name."""
        return dict(self.text.facts)


def count_by_severity(findings: Iterable[Finding]) -> dict[Severity, int]:
    """Count findings per severity (every severity present, zero included)."""
    counts = dict.fromkeys(Severity, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts
