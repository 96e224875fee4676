"""Legal regimes: which implementing regulation is in force on a date (chế độ áp dụng).

The Party Charter of 2011 is applied through a regulation and a guidance
that changed four times in dangvien's coverage.  The regime is chosen by the
date of the act judged (a cell meeting, a decision), never by today.
"""

from __future__ import annotations

from datetime import date

import attrs

from dangvien.documents import KnownDocument, default_register
from dangvien.errors import NotCoveredError
from dangvien.messages import Text

__all__ = ["REGIMES", "Regime", "RegimeNotCovered", "regime_at"]


class RegimeNotCovered(NotCoveredError):
    """A date falls before the first regime dangvien encodes."""


@attrs.frozen
class Regime:
    """A period with one implementing regulation and guidance in force.

    Attributes:
        key: short id, e.g. ``"24-QĐ/TW"``.
        start: first day in force.
        end: first day no longer in force (None: still in force).
        regulation: the implementing regulation (quy định thi hành Điều lệ).
        guidance: the Secretariat guidance in force (hướng dẫn), if any.
    """

    key: str
    start: date
    end: date | None
    regulation: KnownDocument
    guidance: KnownDocument | None

    def covers(self, on: date) -> bool:
        """Return whether *on* falls in this regime."""
        return self.start <= on and (self.end is None or on < self.end)


def _regimes() -> tuple[Regime, ...]:
    reg = default_register().by_key
    return (
        Regime("29-QĐ/TW", date(2016, 7, 25), date(2021, 7, 30),
               reg("29-QĐ/TW/2016"), reg("01-HD/TW/2016")),
        Regime("24-QĐ/TW", date(2021, 7, 30), date(2025, 1, 20),
               reg("24-QĐ/TW/2021"), reg("01-HD/TW/2021")),
        # 01-HD/TW (2021) went on guiding 232-QĐ/TW until 06-HD/TW.
        Regime("232-QĐ/TW", date(2025, 1, 20), date(2025, 7, 1),
               reg("232-QĐ/TW/2025"), reg("01-HD/TW/2021")),
        Regime("294-QĐ/TW", date(2025, 7, 1), None,
               reg("294-QĐ/TW/2025"), reg("06-HD/TW/2025")),
    )  # fmt: skip


#: The regimes dangvien encodes, oldest first.
REGIMES: tuple[Regime, ...] = _regimes()


def regime_at(on: date) -> Regime:
    """Return the regime in force on *on*.

    >>> regime_at(date(2021, 7, 29)).key, regime_at(date(2021, 7, 30)).key
    ('29-QĐ/TW', '24-QĐ/TW')
    >>> regime_at(date(2025, 6, 30)).key, regime_at(date(2025, 7, 1)).key
    ('232-QĐ/TW', '294-QĐ/TW')

    Raises:
        RegimeNotCovered: before 25 July 2016.
    """
    for regime in REGIMES:
        if regime.covers(on):
            return regime
    text = Text("law.regime_not_covered", {"on": on, "first": REGIMES[0].start})
    raise RegimeNotCovered(text.vi, text.en)
