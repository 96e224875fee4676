"""What the simulation of a commune keeps about its cells and members."""

from __future__ import annotations

from datetime import date

import attrs

from dangvien.model import events as ev
from dangvien.model.org import Cell


@attrs.define(slots=True)
class Member:
    """A member of a cell during the simulation."""

    pid: str
    birth: date
    since: date
    official_from: date | None
    end: date | None = None
    exempt: date | None = None
    ceremony: date | None = None


@attrs.define(slots=True)
class Vote:
    """A resolution whose vote is counted once every membership is known."""

    cls: type[ev.CellResolution] | type[ev.RecognitionResolution]
    date: date
    cell: str
    subject: str
    doc_no: str
    issuer: str
    note: str | None = None


@attrs.define(slots=True)
class CellState:
    """A cell, the hamlet it stands for, and its members so far."""

    cell: Cell
    hamlet: str | None
    members: list[Member] = attrs.field(factory=list)

    def official_count(self, on: date, exclude: str = "") -> int:
        """Official members on *on*, counted as the register will show them."""
        n = 0
        for m in self.members:
            if (
                m.official_from is not None
                and m.official_from <= on
                and (m.end is None or m.end > on)
                and m.pid != exclude
            ):
                n += 1
        return n


#: An event of a history, or a vote still to count.
Item = ev.Event | Vote
