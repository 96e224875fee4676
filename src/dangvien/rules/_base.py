"""The rule framework: rule units, their registry, and evaluations.

A rule is a small function decorated with :func:`rule`, which records its id,
Vietnamese and English titles, topic, legal basis, effective period and
confidence in a :class:`Rule` and adds it to :data:`REGISTRY`.  The function
receives a :class:`Run` (the context, the subject and helpers) and yields
:class:`Evaluation` values: pass, fail, not applicable or pending.

``check`` keeps only the evaluations that carry a :class:`Finding`;
``explain`` keeps them all.  Reasons for passes are formatted only when
explaining, which keeps a province-size check fast.
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any, TypeVar

import attrs

from dangvien.calendar import WorkCalendar
from dangvien.documents import Citation, Confidence
from dangvien.findings import Finding, Severity
from dangvien.model.events import Event
from dangvien.model.org import Cell
from dangvien.model.register import Dataset, Record
from dangvien.parameters import Key, Parameters
from dangvien.rules._facts import CellRoster

__all__ = [
    "REGISTRY",
    "CellSubject",
    "Context",
    "Evaluation",
    "Rule",
    "Run",
    "Scope",
    "Status",
    "rule",
]

T = TypeVar("T")


class Status(enum.Enum):
    """Outcome of one rule on one subject (kết quả)."""

    PASS = "pass"
    """Đạt."""
    FAIL = "fail"
    """Không đạt (a violation or warning finding)."""
    NOT_APPLICABLE = "not_applicable"
    """Không áp dụng."""
    PENDING = "pending"
    """Chưa đến hạn / sắp đến hạn (an upcoming act)."""


class Scope(enum.Enum):
    """What a rule judges."""

    PERSON = "person"
    CELL = "cell"


@attrs.frozen
class CellSubject:
    """A cell with the records it manages, the subject of organisation rules."""

    cell: Cell
    records: tuple[Record, ...]


@attrs.frozen
class Evaluation:
    """One rule's verdict on one subject, with its reason (đánh giá).

    Attributes:
        rule: the rule id.
        status: pass, fail, not applicable or pending.
        subject: person or cell id.
        reason_vi: why, in Vietnamese.
        reason_en: why, in English.
        finding: the finding, for fail and pending.
    """

    rule: str
    status: Status
    subject: str
    reason_vi: str
    reason_en: str
    finding: Finding | None = None


@attrs.frozen(eq=False)
class Rule:
    """A rule unit (quy tắc): metadata and the function that evaluates it.

    Attributes:
        id: stable id, e.g. ``ADMIT-AGE-MIN``.
        title_vi: Vietnamese title.
        title_en: English title.
        topic: ``admission``, ``timeline``, ``membership`` or ``organization``.
        scope: person or cell.
        citations: the provisions it rests on, across regimes.
        key: the parameter whose dated citation findings use, if any.
        start: first day the rule applies to acts.
        end: first day it no longer applies, if any.
        confidence: the weakest grade of its basis.
        func: the evaluating function.
        doc: its documentation (the function's docstring).
        needs: the event classes the rule judges, if it judges only some: a
            check skips a person with no such event dated on or after
            ``start`` (a cheap pre-filter; explaining never skips).  None
            means the rule looks at the whole history.
    """

    id: str
    title_vi: str
    title_en: str
    topic: str
    scope: Scope
    citations: tuple[Citation, ...]
    key: Key[Any] | None
    start: date
    end: date | None
    confidence: Confidence
    func: Callable[[Run], Iterable[Evaluation | None]]
    doc: str
    needs: frozenset[type[Event]] | None = None

    def applies_on(self, on: date) -> bool:
        """Return whether the rule applies to an act dated *on*."""
        return self.start <= on and (self.end is None or on < self.end)

    def citation_on(self, params: Parameters, on: date) -> Citation:
        """Return the citation in force on *on*: the key's, else the latest static one."""
        if self.key is not None:
            try:
                return params.at(self.key, on).citation
            except LookupError:
                pass
        in_force = [c for c in self.citations if c.document.effective <= on]
        return (in_force or list(self.citations))[-1]


#: Every rule, by id, in registration order.
REGISTRY: dict[str, Rule] = {}

_Func = Callable[["Run"], Iterable["Evaluation | None"]]


def rule(
    id: str,
    *,
    title_vi: str,
    title_en: str,
    topic: str,
    citations: Iterable[Citation],
    key: Key[Any] | None = None,
    start: date = date(2016, 7, 25),
    end: date | None = None,
    confidence: Confidence = Confidence.A,
    scope: Scope = Scope.PERSON,
    needs: Iterable[type[Event]] | None = None,
) -> Callable[[_Func], Rule]:
    """Register the decorated function as a rule unit.

    *needs* lists the event classes (exact classes) without which, dated on
    or after *start*, the rule has nothing to judge for a person: see
    :attr:`Rule.needs`.
    """

    def wrap(func: _Func) -> Rule:
        if id in REGISTRY:
            msg = f"rule {id} registered twice"
            raise ValueError(msg)
        r = Rule(
            id=id,
            title_vi=title_vi,
            title_en=title_en,
            topic=topic,
            scope=scope,
            citations=tuple(citations),
            key=key,
            start=start,
            end=end,
            confidence=confidence,
            func=func,
            doc=inspect.cleandoc(func.__doc__ or ""),
            needs=None if needs is None else frozenset(needs),
        )
        REGISTRY[id] = r
        return r

    return wrap


@attrs.define
class Context:
    """Everything a check depends on: pure data and the as-of date.

    Attributes:
        dataset: the organisation, plans and register.
        as_of: the date of the check ("today" unless given).
        params: the legal parameters.
        calendar: the working-day calendar.
    """

    dataset: Dataset
    as_of: date
    params: Parameters
    calendar: WorkCalendar
    _roster: CellRoster | None = attrs.field(default=None, init=False)
    # Per-person facts shared by several rules; one slot suffices because the
    # engine evaluates all rules of one person before moving on.
    _memo_for: Record | None = attrs.field(default=None, init=False)
    _memo: dict[str, Any] = attrs.field(factory=dict, init=False)
    # Parameter values by (key name, date): rules ask the same few questions
    # for every person of a province.
    _values: dict[tuple[str, date], Any] = attrs.field(factory=dict, init=False)

    def value(self, key: Key[T], on: date) -> T:
        """Return a parameter's value in force on *on*."""
        k = (key.name, on)
        try:
            return self._values[k]  # type: ignore[no-any-return]
        except KeyError:
            found = self._values[k] = self.params.value(key, on)
            return found

    def record(self, person_id: str) -> Record | None:
        """Return a person's record from the dataset."""
        return self.dataset.record(person_id)

    def memo(self, record: Record, name: str, factory: Callable[[], T]) -> T:
        """Return *factory()* computed once per (record, name) while *record* is current."""
        if self._memo_for is not record:
            self._memo_for = record
            self._memo = {}
        if name not in self._memo:
            self._memo[name] = factory()
        return self._memo[name]  # type: ignore[no-any-return]

    def roster(self) -> CellRoster:
        """Return the official members per cell over time (built on first use)."""
        if self._roster is None:
            self._roster = CellRoster(self.dataset)
        return self._roster


class Run:
    """One rule applied to one subject: the helpers a rule function uses.

    Attributes:
        rule: the rule.
        ctx: the context.
        subject: a :class:`Record` or a :class:`CellSubject`.
        explaining: True when passes and non-applicability must be explained.
    """

    __slots__ = ("ctx", "explaining", "rule", "subject", "subject_id")

    def __init__(self, rule: Rule, ctx: Context, subject: Record | CellSubject, *,
                 explaining: bool) -> None:  # fmt: skip
        self.rule = rule
        self.ctx = ctx
        self.subject = subject
        self.explaining = explaining
        self.subject_id = subject.person.id if isinstance(subject, Record) else subject.cell.id

    @property
    def record(self) -> Record:
        """The person's record (person-scope rules)."""
        assert isinstance(self.subject, Record)
        return self.subject

    @property
    def cell(self) -> CellSubject:
        """The cell subject (cell-scope rules)."""
        assert isinstance(self.subject, CellSubject)
        return self.subject

    def ok(self, vi: str, en: str, /, **facts: object) -> Evaluation | None:
        """A pass; its reason is formatted only when explaining."""
        if not self.explaining:
            return None
        return Evaluation(self.rule.id, Status.PASS, self.subject_id,
                          vi.format(**facts), en.format(**facts))  # fmt: skip

    def na(self, vi: str, en: str, /, **facts: object) -> Evaluation | None:
        """Not applicable; its reason is formatted only when explaining."""
        if not self.explaining:
            return None
        return Evaluation(self.rule.id, Status.NOT_APPLICABLE, self.subject_id,
                          vi.format(**facts), en.format(**facts))  # fmt: skip

    def fail(
        self,
        vi: str,
        en: str,
        /,
        *,
        on: date,
        severity: Severity = Severity.VIOLATION,
        due: date | None = None,
        confidence: Confidence | None = None,
        cite_on: date | None = None,
        **facts: object,
    ) -> Evaluation:
        """A failure: a finding citing the basis in force on *cite_on* (default *on*).

        Pass *cite_on* when the number applied was read on another day than
        the act judged (a late act is judged on its own date, but its time
        limit is the one in force when the limit started to run): the
        citation must name the provision whose value was applied.
        """
        return self._finding(Status.FAIL, vi, en, on, severity, due, confidence, facts,
                             cite_on)  # fmt: skip

    def pending(self, vi: str, en: str, /, *, on: date, due: date, **facts: object) -> Evaluation:
        """An act falling due on *due* (an upcoming finding)."""
        return self._finding(Status.PENDING, vi, en, on, Severity.UPCOMING, due, None, facts)

    def _finding(
        self,
        status: Status,
        vi: str,
        en: str,
        on: date,
        severity: Severity,
        due: date | None,
        confidence: Confidence | None,
        facts: Mapping[str, object],
        cite_on: date | None = None,
    ) -> Evaluation:
        citation = self.rule.citation_on(self.ctx.params, cite_on or on)
        conf = confidence or _weakest(citation.confidence, self.rule.confidence)
        msg_vi, msg_en = vi.format(**facts), en.format(**facts)
        finding = Finding(
            rule=self.rule.id,
            severity=severity,
            subject=self.subject_id,
            message_vi=msg_vi,
            message_en=msg_en,
            citation=citation,
            confidence=conf,
            on=on,
            due=due,
            facts=facts,
        )
        return Evaluation(self.rule.id, status, self.subject_id, msg_vi, msg_en, finding)


def _out_of_coverage(run: Run, exc: Exception) -> Evaluation:
    finding = Finding(
        rule=run.rule.id,
        severity=Severity.WARNING,
        subject=run.subject_id,
        message_vi=f"Không đánh giá được quy tắc này: {exc}",
        message_en=f"This rule could not be judged: {exc}",
        citation=run.rule.citations[0] if run.rule.citations else None,
        confidence=run.rule.confidence,
    )
    return Evaluation(run.rule.id, Status.FAIL, run.subject_id, finding.message_vi,
                      finding.message_en, finding)  # fmt: skip


def _weakest(a: Confidence, b: Confidence) -> Confidence:
    return max(a, b, key=lambda c: c.value)


def evaluate(
    rules: Iterable[Rule], ctx: Context, subject: Record | CellSubject, *, explaining: bool
) -> Iterator[Evaluation]:
    """Run *rules* on *subject*, yielding their evaluations (None dropped).

    A person rule judges only acts dated on or after its start, so when not
    explaining it is skipped for a person with no event of the kinds it
    judges (:attr:`Rule.needs`, else any event) dated that late: most
    members of a province were admitted long before the encoded regimes,
    and their recent events (badges, deaths) concern one or two rules.
    """
    latest: dict[type[Event], date] | None = None
    # The event classes dated on or after a rule start, per distinct start.
    recent: dict[date, set[type[Event]]] = {}
    if not explaining and isinstance(subject, Record):
        if not subject.events:
            return
        # Events are sorted by date: the last one of each class is its latest.
        latest = {type(e): e.date for e in subject.events}
    for r in rules:
        if latest is not None:
            kinds = recent.get(r.start)
            if kinds is None:
                kinds = recent[r.start] = {t for t, d in latest.items() if d >= r.start}
            if not kinds or (r.needs is not None and r.needs.isdisjoint(kinds)):
                continue
        run = Run(r, ctx, subject, explaining=explaining)
        try:
            # Materialise so that a failure midway is reported once, cleanly.
            results = [e for e in r.func(run) if e is not None]
        except (LookupError, ValueError) as exc:
            # A date outside the encoded law or calendar: the data cannot be
            # judged by this rule; say so instead of raising.
            results = [_out_of_coverage(run, exc)]
        yield from results
