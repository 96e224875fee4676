"""Legal regimes: which Charter, regulation and guidance are in force on a date (chế độ áp dụng).

A regime is a period in which one Party Charter, one implementing regulation
(quy định thi hành Điều lệ) and one guidance (hướng dẫn) are in force.  The
regimes are **derived from the document register**
(:data:`dangvien.documents.KNOWN_DOCUMENTS`): a new regime starts on every
day one of those documents takes effect or ends, so no date is written
twice.  The regime is chosen by the date of the act judged (a cell meeting,
a decision), never by today.

Two kinds of period carry a note, and the weaker grade of an assumption:

- a regulation applied under a later Charter (from the 2011 Charter on
  19/1/2011 to 45-QĐ/TW on 1/11/2011, 23-QĐ/TW applied where not contrary:
  grade C);
- a guidance written for another regulation than the one in force: the
  2012 guidance beside 29-QĐ/TW until the 2016 guidance (grade C), or
  06-HD/TW, which took effect on signing (9/6/2025) and so guided for three
  weeks while 232-QĐ/TW was still the regulation (294-QĐ/TW took effect on
  1/7/2025).

>>> [r.key for r in REGIMES][-3:]
['232-QĐ/TW + 01-HD/TW (2021)', '232-QĐ/TW + 06-HD/TW (2025)', '294-QĐ/TW + 06-HD/TW (2025)']
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import attrs

from dangvien.documents import (
    Confidence,
    DocumentRegister,
    KnownDocument,
    Series,
    default_register,
)
from dangvien.errors import NotCoveredError
from dangvien.messages import Text

__all__ = ["REGIMES", "Regime", "RegimeNotCovered", "derive_regimes", "regime_at"]


class RegimeNotCovered(NotCoveredError):
    """A date falls before the first regime dangvien encodes."""


@attrs.frozen
class Regime:
    """A period with one Charter, one implementing regulation and one guidance in force.

    Attributes:
        key: a readable id, e.g. ``"29-QĐ/TW + 01-HD/TW (2016)"``.
        start: first day in force (a document's effective or end date).
        end: first day no longer in force (None: still in force).
        charter: the Party Charter in force.
        regulation: the implementing regulation applied (quy định thi hành Điều lệ).
        guidance: the guidance in force (hướng dẫn), if any yet.
        confidence: A when each document is the one written for the others;
            C when one is applied by assumption (see ``notes``).
        notes: why the period is special, if it is.
    """

    key: str
    start: date
    end: date | None
    charter: KnownDocument
    regulation: KnownDocument
    guidance: KnownDocument | None
    confidence: Confidence = Confidence.A
    notes: tuple[Text, ...] = ()

    def covers(self, on: date) -> bool:
        """Return whether *on* falls in this regime."""
        return self.start <= on and (self.end is None or on < self.end)

    @property
    def documents(self) -> tuple[KnownDocument, ...]:
        """The Charter, the regulation and the guidance (if any), in that order."""
        docs = (self.charter, self.regulation, self.guidance)
        return tuple(d for d in docs if d is not None)


def _name(doc: KnownDocument) -> str:
    return str(doc.ref) if doc.ref is not None else doc.title_vi


def _regime(
    start: date,
    end: date | None,
    charter: KnownDocument,
    regulation: KnownDocument,
    guidance: KnownDocument | None,
) -> Regime:
    parts = [_name(regulation)]
    notes: list[Text] = []
    conf = Confidence.A
    if regulation.implements != charter.key:
        # The regulation of an earlier Charter, applied where not contrary.
        parts.insert(0, f"{charter.title_vi} {charter.signed.year}")
        notes.append(Text("law.regime.earlier_regulation", {"regulation": _name(regulation)}))
        conf = Confidence.C
    if guidance is None:
        notes.append(Text("law.regime.no_guidance", {}))
    else:
        parts.append(f"{_name(guidance)} ({guidance.signed.year})")
        written_for = guidance.implements
        if written_for is not None and written_for != regulation.key:
            later = guidance.signed >= regulation.signed
            notes.append(
                Text(
                    "law.regime.guidance_ahead" if later else "law.regime.guidance_left_over",
                    {"guidance": _name(guidance), "regulation": _name(regulation)},
                )
            )
            if not later:
                conf = Confidence.C
    return Regime(" + ".join(parts), start, end, charter, regulation, guidance, conf, tuple(notes))


def derive_regimes(register: DocumentRegister) -> tuple[Regime, ...]:
    """Cut time into regimes at every date a Charter, regulation or guidance starts or ends.

    The first regime starts with the first implementing regulation of the
    register; consecutive periods with the same three documents are one.
    """
    series = (Series.CHARTER, Series.CHARTER_RULES, Series.CHARTER_GUIDE)
    docs = [d for d in register.documents if d.series in series]
    rules = [d for d in docs if d.series is Series.CHARTER_RULES]
    if not rules:
        return ()
    first = min(d.effective for d in rules)
    cuts = sorted(
        {d.effective for d in docs if d.effective >= first}
        | {d.ended for d in docs if d.ended is not None and d.ended >= first}
    )

    def periods() -> Iterator[tuple[date, date | None, tuple[KnownDocument | None, ...]]]:
        for i, start in enumerate(cuts):
            end = cuts[i + 1] if i + 1 < len(cuts) else None
            yield start, end, tuple(register.in_force(s, start) for s in series)

    out: list[tuple[date, date | None, tuple[KnownDocument | None, ...]]] = []
    for start, end, found in periods():
        if out and out[-1][2] == found:
            out[-1] = (out[-1][0], end, found)
        else:
            out.append((start, end, found))
    regimes = []
    for start, end, (charter, regulation, guidance) in out:
        if charter is None or regulation is None:
            continue  # nothing to apply (a gap in the register)
        regimes.append(_regime(start, end, charter, regulation, guidance))
    return tuple(regimes)


#: The regimes dangvien encodes, oldest first (derived from the register).
REGIMES: tuple[Regime, ...] = derive_regimes(default_register())


def regime_at(on: date) -> Regime:
    """Return the regime in force on *on*.

    >>> regime_at(date(2008, 3, 1)).key
    '23-QĐ/TW + 03-HD/BTCTW (2006)'
    >>> regime_at(date(2016, 7, 24)).key, regime_at(date(2016, 7, 25)).key
    ('45-QĐ/TW + 01-HD/TW (2012)', '29-QĐ/TW + 01-HD/TW (2012)')
    >>> regime_at(date(2025, 6, 30)).key, regime_at(date(2025, 7, 1)).key
    ('232-QĐ/TW + 06-HD/TW (2025)', '294-QĐ/TW + 06-HD/TW (2025)')

    Raises:
        RegimeNotCovered: before 31 October 2006 (23-QĐ/TW).
    """
    for regime in REGIMES:
        if regime.covers(on):
            return regime
    text = Text("law.regime_not_covered", {"on": on, "first": REGIMES[0].start})
    raise RegimeNotCovered(text.vi, text.en)
