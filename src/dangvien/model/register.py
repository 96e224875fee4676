"""A person with their history, and a dataset: organisation, plans and register."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cached_property

import attrs

from dangvien.model import events as ev
from dangvien.model.org import Organization
from dangvien.model.people import Person
from dangvien.model.plan import Plan
from dangvien.model.stages import Stage, Timeline, sort_events, timeline

__all__ = ["Dataset", "Record"]


def _sorted_events(values: Iterable[ev.Event]) -> tuple[ev.Event, ...]:
    return tuple(sort_events(values))


@attrs.frozen
class Record:
    """A person and their dated history (hồ sơ một người).

    Attributes:
        person: the person.
        events: their events, kept sorted by date then pipeline order.

    """

    person: Person
    events: tuple[ev.Event, ...] = attrs.field(default=(), converter=_sorted_events)

    @classmethod
    def _sorted(cls, person: Person, events: tuple[ev.Event, ...]) -> Record:
        """A record whose *events* are already in :func:`sort_events` order (a fast reader's).

        Skips the converter's sort; the caller guarantees the order.
        """
        record = object.__new__(cls)
        object.__setattr__(record, "person", person)
        object.__setattr__(record, "events", events)
        return record

    @cached_property
    def timeline(self) -> Timeline:
        """The stage history replayed from the events (computed once)."""
        return timeline(self.events, presorted=True)

    def stage_at(self, on: date) -> Stage:
        """Return the person's stage on *on*, derived from the events."""
        return self.timeline.stage_at(on)

    @cached_property
    def _by_type(self) -> dict[type[ev.Event], tuple[ev.Event, ...]]:
        index: dict[type[ev.Event], list[ev.Event]] = {}
        for e in self.events:
            index.setdefault(type(e), []).append(e)
        return {k: tuple(v) for k, v in index.items()}

    def of_type(self, kind: type[ev.EventT]) -> tuple[ev.EventT, ...]:
        """Return the events of one type (subclasses included), in order."""
        if not kind.__subclasses__():
            # The index answers exact classes; one absent is none (no scan).
            return self._by_type.get(kind, ())  # type: ignore[return-value]
        return tuple(e for e in self.events if isinstance(e, kind))

    def known_on(self, day: date) -> Record:
        """Return the record as it was known on *day*: no event dated later.

        A decision received after *day* keeps its date but not its
        ``received`` date.  The same record is returned when nothing is
        dated later, so truncating a province costs little.

        >>> from dangvien.model.people import Sex
        >>> r = Record(Person("P", "Người Thử", date(1990, 1, 1), Sex.MALE),
        ...            (ev.ApplicationFiled(date=date(2024, 1, 5)),
        ...             ev.AdmissionDecision(date=date(2024, 6, 1),
        ...                                  received=date(2024, 6, 10))))
        >>> [type(e).__name__ for e in r.known_on(date(2024, 3, 1)).events]
        ['ApplicationFiled']
        >>> r.known_on(date(2024, 6, 5)).events[-1].received is None
        True
        >>> r.known_on(date(2025, 1, 1)) is r
        True
        """
        if (not self.events or self.events[-1].date <= day) and not any(
            _received_after(e, day) for e in self.events
        ):
            return self
        kept = [_forget_received(e, day) for e in self.events if e.date <= day]
        return Record(self.person, tuple(kept))

    @property
    def last_date(self) -> date | None:
        """Date of the latest event, if any."""
        return self.events[-1].date if self.events else None

    def last(self, kind: type[ev.EventT], before: date | None = None) -> ev.EventT | None:
        """Return the last event of *kind* dated on or before *before* (if given)."""
        found = [e for e in self.of_type(kind) if before is None or e.date <= before]
        return found[-1] if found else None

    @cached_property
    def _cell_runs(self) -> tuple[tuple[date, ...], tuple[str, ...]]:
        """The unbroken runs of events naming one cell: their first days and cells."""
        days: list[date] = []
        cells: list[str] = []
        last: str | None = None
        for e in self.events:
            c = getattr(e, "cell", None)
            if isinstance(c, str) and c != last:
                days.append(e.date)
                cells.append(c)
                last = c
        return tuple(days), tuple(cells)

    def cell_at(self, on: date) -> str | None:
        """Return the cell managing the person on *on*.

        That is the cell of the latest event naming one, else ``person.cell``.
        """
        days, cells = self._cell_runs
        i = bisect.bisect_right(days, on)
        return (cells[i - 1] if i else None) or self.person.cell

    def cell_since(self, on: date) -> date | None:
        """Return since when the person has been in their cell of *on*.

        That is the date of the first event of the latest unbroken run of
        events naming that cell; None when no event names a cell.
        """
        days, _ = self._cell_runs
        i = bisect.bisect_right(days, on)
        return days[i - 1] if i else None


def _received_after(event: ev.Event, day: date) -> bool:
    return isinstance(event, ev.AdmissionDecision) and (
        event.received is not None and event.received > day
    )


def _forget_received(event: ev.Event, day: date) -> ev.Event:
    if isinstance(event, ev.AdmissionDecision) and _received_after(event, day):
        return attrs.evolve(event, received=None)
    return event


@attrs.frozen
class Dataset:
    """Everything an office keeps: organisation, plans and register (bộ dữ liệu).

    Attributes:
        organization: the root of the organisation tree.
        plans: the development plans.
        records: the register, one record per person.
        data_as_of: the date the office extracted the data (số liệu đến
            ngày), if stated: commands judge the world as of this date
            unless told otherwise, and no event may be dated later.

    """

    organization: Organization
    plans: tuple[Plan, ...] = ()
    records: tuple[Record, ...] = ()
    data_as_of: date | None = None

    def known_on(self, day: date) -> Dataset:
        """Return the dataset as known on *day*: no event or plan dated later.

        Every judgement and count of dangvien is made on such a view, so
        nothing dated after the as-of date is judged or counted.
        """
        records = tuple(r.known_on(day) for r in self.records)
        plans = tuple(p for p in self.plans if p.date <= day)
        same = plans == self.plans and all(
            a is b for a, b in zip(records, self.records, strict=True)
        )
        if same:
            return self
        return Dataset(self.organization, plans, records, self.data_as_of)

    @cached_property
    def _by_id(self) -> dict[str, Record]:
        return {r.person.id: r for r in self.records}

    def record(self, person_id: str) -> Record | None:
        """Return the record of *person_id*, if present."""
        return self._by_id.get(person_id)

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)
