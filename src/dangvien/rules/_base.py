"""The rule framework: rule units, their registry, the engine and evaluations.

A rule is a small function decorated with :func:`rule`, which records its
id, topic, legal basis, effective period and confidence in a :class:`Rule`
and adds it to :data:`REGISTRY`; its titles and messages live in the
message catalogue (``rule.<ID>.title``, ``rule.<ID>.<name>``).  The function
receives a :class:`Run` (the context, the subject and helpers) and yields
:class:`Evaluation` values: pass, fail, not applicable or pending.

The engine (:func:`evaluate`) owns three decisions so that no rule repeats
them:

- **As of one date.** The context holds the dataset as known on its as-of
  date (:meth:`~dangvien.model.register.Dataset.known_on`): nothing dated
  later is judged or counted.
- **The law's own period.** A rule asks :meth:`Run.covers` for the date of
  each act it judges; an act before the rule's start is not judged, and when
  explaining, the rule says so ("not judged: before 25/07/2016, the start of
  the law this rule encodes") instead of "nothing to judge".
- **Bugs stay bugs.** A :class:`~dangvien.errors.NotCoveredError` raised in a
  rule (a parameter or a calendar that does not reach the date) means the
  rule does not apply; any other exception propagates.

``check`` keeps only the evaluations that carry a :class:`Finding`;
``explain`` keeps them all.  Reasons for passes are built only when
explaining, which keeps a province-size check fast.
"""

from __future__ import annotations

import bisect
import enum
import inspect
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any, TypeVar

import attrs

from dangvien.calendar import WorkCalendar
from dangvien.documents import Citation, Confidence
from dangvien.errors import NotCoveredError
from dangvien.findings import Finding, Severity
from dangvien.messages import CATALOGUE, CatalogueEnum, Language, Text
from dangvien.model.events import Event
from dangvien.model.org import Cell
from dangvien.model.plan import CountBy, Plan
from dangvien.model.register import Dataset, Record
from dangvien.parameters import Key, Parameters
from dangvien.regimes import REGIMES
from dangvien.rules._facts import CellRoster

__all__ = [
    "ENCODED_LAW_START",
    "REGISTRY",
    "CellSubject",
    "Context",
    "Evaluation",
    "PlanSubject",
    "Remedy",
    "RemedyKind",
    "Rule",
    "Run",
    "Scope",
    "Status",
    "rule",
]

T = TypeVar("T")

#: The first day of the earliest regime dangvien encodes (derived from the
#: document register through the regimes).  A rule's own start is that of
#: the earliest document it cites (:func:`rule`).
ENCODED_LAW_START = REGIMES[0].start


class Status(CatalogueEnum):
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
    """One person's history."""
    CELL = "cell"
    """One cell with its members."""
    PLAN = "plan"
    """One development plan, against the organisation and the register."""


class RemedyKind(CatalogueEnum):
    """How a failed admission condition can be met (cách khắc phục)."""

    WAIT = "wait"
    """Chờ: met by the passing of time, from a known day."""
    TODO = "todo"
    """Cần làm: a step still to take (not before a known day, if the law times it)."""
    BLOCKED = "blocked"
    """Không thể: cannot be met according to the data."""


@attrs.frozen
class Remedy:
    """What makes a failed admission condition met, for the pipeline's search.

    Attributes:
        kind: wait, to do or blocked.
        on: the day from which waiting meets it (wait), or the earliest day
            the step may lawfully be taken (to do); None when no day is set.

    """

    kind: RemedyKind
    on: date | None = None


@attrs.frozen
class CellSubject:
    """A cell with the records it manages, the subject of organisation rules."""

    cell: Cell
    records: tuple[Record, ...]


@attrs.frozen
class PlanSubject:
    """A plan, the subject of plan checks."""

    plan: Plan


@attrs.frozen
class Evaluation:
    """One rule's verdict on one subject, with its reason (đánh giá).

    Attributes:
        rule: the rule id.
        status: pass, fail, not applicable or pending.
        subject: person, cell or plan id.
        text: why, as a translatable text with its facts.
        finding: the finding, for fail and pending.
        remedy: for a failed admission condition, how it can be met.

    .. versionchanged:: 0.2
       ``reason_vi`` and ``reason_en`` are rendered from ``text``.
    """

    rule: str
    status: Status
    subject: str
    text: Text
    finding: Finding | None = None
    remedy: Remedy | None = None

    def reason(self, lang: Language = "vi") -> str:
        """Return the reason in *lang*."""
        return self.text.render(lang)

    @property
    def reason_vi(self) -> str:
        """The reason in Vietnamese."""
        return self.text.vi

    @property
    def reason_en(self) -> str:
        """The reason in English."""
        return self.text.en


@attrs.frozen(eq=False)
class Rule:
    """A rule unit (quy tắc): metadata and the function that evaluates it.

    Attributes:
        id: stable id, e.g. ``ADMIT-AGE-MIN``.
        topic: ``admission``, ``timeline``, ``membership``, ``organization``
            or ``plan``.
        scope: person, cell or plan.
        citations: the provisions it rests on, across regimes.
        key: the parameter whose dated citation findings use, if any.
        start: first day the rule applies to acts: a date of the document
            register (by default the day the earliest document it cites took
            effect: a rule reaches back as far as its law does).
        end: first day it no longer applies, if any.
        confidence: the grade of the rule's own reading of its basis; a
            finding takes the weaker of this and its citation's grade (so a
            rule whose law became grade A on a day gives A findings from then).
        func: the evaluating function.
        doc: its documentation (the function's docstring).
        needs: the event classes the rule judges, if it judges only some: a
            check skips a person with no such event dated on or after
            ``start`` (a cheap pre-filter; explaining never skips).  None
            means the rule looks at the whole history.
        eligibility: True for a condition of admission judged at the cell's
            meeting: the pipeline asks these whether a person could be
            admitted on a day.
        lists_due: True when the rule's pending and overdue findings are
            acts falling due (:func:`dangvien.rules.due` lists them).
        prospective: True for a rule that judges acts still to come for
            every member (the next badge award): the engine does not skip a
            person for having no recent event.

    """

    id: str
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
    eligibility: bool = False
    lists_due: bool = False
    prospective: bool = False

    @property
    def title_vi(self) -> str:
        """Vietnamese title (from the catalogue)."""
        return CATALOGUE[f"rule.{self.id}.title"].vi

    @property
    def title_en(self) -> str:
        """English title (from the catalogue)."""
        return CATALOGUE[f"rule.{self.id}.title"].en

    def title(self, lang: Language = "vi") -> str:
        """Return the title in *lang*."""
        return self.title_vi if lang == "vi" else self.title_en

    def applies_on(self, on: date) -> bool:
        """Return whether the rule applies to an act dated *on*."""
        return self.start <= on and (self.end is None or on < self.end)

    def citation_on(self, params: Parameters, on: date) -> Citation:
        """Return the citation in force on *on*: the key's, else the latest static one in force.

        Among the static citations, one whose document is in force on *on*
        is preferred (the latest to take effect); failing that, the latest
        to have taken effect, then the first.

        Raises:
            IndexError: for a rule without citations (a plan check), which
                cites nothing.

        """
        if self.key is not None:
            try:
                return params.at(self.key, on).citation
            except NotCoveredError:
                pass
        cites = list(self.citations)
        in_force = [c for c in cites if c.document.in_force(on)]
        started = [c for c in cites if c.document.effective <= on]
        for found in (in_force, started):
            if found:
                return max(found, key=lambda c: c.document.effective)
        return cites[0]


#: Every rule, by id, in registration order.
REGISTRY: dict[str, Rule] = {}

_Func = Callable[["Run"], Iterable["Evaluation | None"]]


def rule(
    id: str,
    *,
    topic: str,
    citations: Iterable[Citation],
    key: Key[Any] | None = None,
    start: date | None = None,
    end: date | None = None,
    confidence: Confidence = Confidence.A,
    scope: Scope = Scope.PERSON,
    needs: Iterable[type[Event]] | None = None,
    eligibility: bool = False,
    lists_due: bool = False,
    prospective: bool = False,
) -> Callable[[_Func], Rule]:
    """Register the decorated function as a rule unit.

    The rule's title is the catalogue message ``rule.<id>.title``.  Its
    *start* defaults to the day the earliest document of *citations* took
    effect (``date.min`` for a rule citing nothing), so that a rule reaches
    back exactly as far as its law; pass it only for a later start, which
    must also be a date of the document register.  *needs*
    lists the event classes (exact classes) without which, dated on or after
    *start*, the rule has nothing to judge for a person: see
    :attr:`Rule.needs`.

    Raises:
        ValueError: for an id registered twice or without a title (a bug).

    """

    def wrap(func: _Func) -> Rule:
        if id in REGISTRY:
            msg = f"rule {id} registered twice"
            raise ValueError(msg)
        if f"rule.{id}.title" not in CATALOGUE:
            msg = f"rule {id} has no title in the message catalogue"
            raise ValueError(msg)
        cited = tuple(citations)
        first = min((c.document.effective for c in cited), default=date.min)
        r = Rule(
            id=id,
            topic=topic,
            scope=scope,
            citations=cited,
            key=key,
            start=first if start is None else start,
            end=end,
            confidence=confidence,
            func=func,
            doc=inspect.cleandoc(func.__doc__ or ""),
            needs=None if needs is None else frozenset(needs),
            eligibility=eligibility,
            lists_due=lists_due,
            prospective=prospective,
        )
        REGISTRY[id] = r
        return r

    return wrap


@attrs.define
class Context:
    """Everything a check depends on: pure data and the as-of date.

    Attributes:
        dataset: the organisation, plans and register as known on *as_of*.
        as_of: the date of the check.
        params: the legal parameters.
        calendar: the working-day calendar.
        meeting_on: when set, admission rules also judge a hypothetical cell
            meeting on this day for each person still in the pipeline ("could
            they be admitted at a meeting on this day?").
        only_meeting: judge only that hypothetical meeting, not the real ones
            (the pipeline's question).
        year: the year plan checks judge (default: the as-of date's).
        count_by: which date places an admission in a year (plan checks).
        stagnant_years: how many years without admissions make a cell
            stagnant (plan checks; None: the analysis default).
        window: the window of :func:`dangvien.rules.due` (first and last
            day), while listing acts falling due; None otherwise.
    """

    dataset: Dataset
    as_of: date
    params: Parameters
    calendar: WorkCalendar
    meeting_on: date | None = None
    only_meeting: bool = False
    year: int | None = None
    count_by: CountBy = CountBy.DECISION
    stagnant_years: int | None = None
    window: tuple[date, date] | None = None
    _roster: CellRoster | None = attrs.field(default=None, init=False)
    # Per-person facts shared by several rules; one slot suffices because the
    # engine evaluates all rules of one person before moving on.
    _memo_for: object | None = attrs.field(default=None, init=False)
    _memo: dict[str, Any] = attrs.field(factory=dict, init=False)
    # Parameter values by (key name, date): rules ask the same few questions
    # for every person of a province.
    _values: dict[tuple[str, date], Any] = attrs.field(factory=dict, init=False)
    # Facts computed once per context for every subject (admission counts…).
    _shared: dict[str, Any] = attrs.field(factory=dict, init=False)
    # The engine's pre-filter of each list of person rules evaluated.
    _prefilters: dict[int, tuple[object, _Prefilter]] = attrs.field(factory=dict, init=False)

    @property
    def plan_year(self) -> int:
        """The year plan checks judge."""
        return self.as_of.year if self.year is None else self.year

    def value(self, key: Key[T], on: date) -> T:
        """Return a parameter's value in force on *on*.

        Raises:
            NotCoveredError: when the parameter has no value on *on*.

        """
        k = (key.name, on)
        try:
            return self._values[k]  # type: ignore[no-any-return]
        except KeyError:
            found = self._values[k] = self.params.value(key, on)
            return found

    def record(self, person_id: str) -> Record | None:
        """Return a person's record from the dataset."""
        return self.dataset.record(person_id)

    def memo(self, subject: object, name: str, factory: Callable[[], T]) -> T:
        """Return *factory()* computed once per (subject, name) while *subject* is current."""
        if self._memo_for is not subject:
            self._memo_for = subject
            self._memo = {}
        if name not in self._memo:
            self._memo[name] = factory()
        return self._memo[name]  # type: ignore[no-any-return]

    def shared(self, name: str, factory: Callable[[], T]) -> T:
        """Return *factory()* computed once for the whole context."""
        if name not in self._shared:
            self._shared[name] = factory()
        return self._shared[name]  # type: ignore[no-any-return]

    def _prefilter(self, rules: Iterable[Rule]) -> _Prefilter:
        """The pre-filter of *rules* (kept while the same list is evaluated again)."""
        held = self._prefilters.get(id(rules))
        if held is None or held[0] is not rules:
            held = self._prefilters[id(rules)] = (rules, _Prefilter(list(rules)))
        return held[1]

    def roster(self) -> CellRoster:
        """Return the official members per cell over time (built on first use)."""
        if self._roster is None:
            self._roster = CellRoster(self.dataset)
        return self._roster


class Run:
    """One rule applied to one subject: the helpers a rule function uses.

    Message names without a dot are the rule's own (``"fail"`` is
    ``rule.<ID>.fail``); dotted names are full catalogue keys
    (``"rule.common.no_meeting"``).

    Attributes:
        rule: the rule.
        ctx: the context.
        subject: a :class:`Record`, :class:`CellSubject` or :class:`PlanSubject`.
        explaining: True when passes and non-applicability must be explained.
        subject_id: the person, cell or plan id.
        skipped: dates of acts the rule did not judge because its law did not
            cover them (see :meth:`covers`).
    """

    __slots__ = ("ctx", "explaining", "rule", "skipped", "subject", "subject_id")

    def __init__(
        self,
        rule: Rule,
        ctx: Context,
        subject: Record | CellSubject | PlanSubject,
        *,
        explaining: bool,
    ) -> None:
        self.rule = rule
        self.ctx = ctx
        self.subject = subject
        self.explaining = explaining
        self.skipped: list[date] = []
        if isinstance(subject, Record):
            self.subject_id = subject.person.id
        elif isinstance(subject, CellSubject):
            self.subject_id = subject.cell.id
        else:
            self.subject_id = subject.plan.id

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

    @property
    def plan(self) -> Plan:
        """The plan (plan-scope rules)."""
        assert isinstance(self.subject, PlanSubject)
        return self.subject.plan

    def covers(self, day: date) -> bool:
        """Return whether the rule's law covers an act dated *day*; remember it if not."""
        if self.rule.applies_on(day):
            return True
        self.skipped.append(day)
        return False

    def text(self, name: str, facts: dict[str, object]) -> Text:
        """Return the catalogue text *name* (the rule's own unless dotted) with *facts*."""
        key = name if "." in name else f"rule.{self.rule.id}.{name}"
        return Text(key, facts)

    def ok(self, name: str, /, **facts: object) -> Evaluation | None:
        """A pass; built only when explaining."""
        if not self.explaining:
            return None
        return Evaluation(self.rule.id, Status.PASS, self.subject_id, self.text(name, facts))

    def na(self, name: str, /, **facts: object) -> Evaluation | None:
        """Not applicable; built only when explaining."""
        if not self.explaining:
            return None
        return Evaluation(
            self.rule.id, Status.NOT_APPLICABLE, self.subject_id, self.text(name, facts)
        )

    def fail(
        self,
        name: str,
        /,
        *,
        on: date,
        severity: Severity = Severity.VIOLATION,
        due: date | None = None,
        confidence: Confidence | None = None,
        cite_on: date | None = None,
        remedy: Remedy | None = None,
        subject: str | None = None,
        citation: Citation | None = None,
        **facts: object,
    ) -> Evaluation:
        """A failure: a finding citing the basis in force on *cite_on* (default *on*).

        Pass *cite_on* when the number applied was read on another day than
        the act judged (a late act is judged on its own date, but its time
        limit is the one in force when the limit started to run): the
        citation must name the provision whose value was applied.  Pass
        *due* only for an act still owed; pass *remedy* for an admission
        condition (how the pipeline can meet it).  *subject* names another
        subject than the run's (a plan check about one of the plan's cells);
        *citation* replaces the rule's own (a plan check citing the document
        a plan misdated).
        """
        return self._finding(
            Status.FAIL,
            name,
            on,
            severity,
            due,
            confidence,
            facts,
            cite_on,
            remedy,
            subject,
            citation,
        )

    def pending(
        self, name: str, /, *, on: date, due: date, cite_on: date | None = None, **facts: object
    ) -> Evaluation:
        """An act falling due on *due* (an upcoming finding), citing the law of *cite_on*."""
        return self._finding(Status.PENDING, name, on, Severity.UPCOMING, due, None, facts, cite_on)

    def _finding(
        self,
        status: Status,
        name: str,
        on: date,
        severity: Severity,
        due: date | None,
        confidence: Confidence | None,
        facts: dict[str, object],
        cite_on: date | None = None,
        remedy: Remedy | None = None,
        subject: str | None = None,
        citation: Citation | None = None,
    ) -> Evaluation:
        if citation is None and self.rule.citations:
            citation = self.rule.citation_on(self.ctx.params, cite_on or on)
        base = self.rule.confidence if citation is None else citation.confidence
        conf = confidence or _weakest(base, self.rule.confidence)
        text = self.text(name, facts)
        who = subject or self.subject_id
        finding = Finding(
            rule=self.rule.id,
            severity=severity,
            subject=who,
            text=text,
            citation=citation,
            confidence=conf,
            on=on,
            due=due,
        )
        return Evaluation(self.rule.id, status, who, text, finding, remedy)


def _weakest(a: Confidence, b: Confidence) -> Confidence:
    return max(a, b, key=lambda c: c.value)


def _not_applicable(run: Run, text: Text) -> Evaluation:
    return Evaluation(run.rule.id, Status.NOT_APPLICABLE, run.subject_id, text)


class _Prefilter:
    """Which of a list of person rules can judge something for a person (see :func:`evaluate`).

    A person's *signature* is, for each event class of their history, how
    many of the rules' distinct start days its latest event reaches: two
    people with the same signature run the same rules, and a province has
    only a few hundred signatures, so the rules to run are worked out once
    per signature instead of once per person and rule.
    """

    __slots__ = ("by_signature", "rules", "starts")

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.starts = sorted({r.start for r in rules})
        self.by_signature: dict[tuple[tuple[type[Event], int], ...], list[Rule]] = {}

    def select(self, events: tuple[Event, ...]) -> list[Rule]:
        """Return the rules to run for a person with *events* (sorted by date)."""
        # Events are sorted by date: the last one of each class is its latest.
        latest = {type(e): e.date for e in events}
        starts = self.starts
        signature = tuple([(t, bisect.bisect_right(starts, d)) for t, d in latest.items()])
        chosen = self.by_signature.get(signature)
        if chosen is None:
            chosen = self.by_signature[signature] = self._choose(dict(signature))
        return chosen

    def _choose(self, reached: dict[type[Event], int]) -> list[Rule]:
        chosen = []
        for r in self.rules:
            if not r.prospective:
                # The classes with an event dated on or after the rule's start.
                k = self.starts.index(r.start)
                kinds = {t for t, n in reached.items() if n > k}
                if not kinds or (r.needs is not None and r.needs.isdisjoint(kinds)):
                    continue
            chosen.append(r)
        return chosen


def evaluate(
    rules: Iterable[Rule],
    ctx: Context,
    subject: Record | CellSubject | PlanSubject,
    *,
    explaining: bool,
) -> Iterator[Evaluation]:
    """Run *rules* on *subject*, yielding their evaluations (None dropped).

    A person rule judges only acts dated on or after its start, so when not
    explaining it is skipped for a person with no event of the kinds it
    judges (:attr:`Rule.needs`, else any event) dated that late: most
    members of a province were admitted long before the encoded regimes,
    and their recent events (badges, deaths) concern one or two rules.

    Only :class:`~dangvien.errors.NotCoveredError` is caught (the rule does
    not apply); anything else raised by a rule is a bug and propagates.
    """
    hypothetical = ctx.meeting_on is not None
    if not explaining and not hypothetical and isinstance(subject, Record):
        if not subject.events:
            return
        rules = ctx._prefilter(rules).select(subject.events)
    for r in rules:
        run = Run(r, ctx, subject, explaining=explaining)
        try:
            # Materialise so that a rule's NotCoveredError midway is handled once.
            results = [e for e in r.func(run) if e is not None]
        except NotCoveredError as exc:
            results = []
            if explaining:
                results = [_not_applicable(run, Text("rule.not_covered", {"reason": exc}))]
        if explaining and run.skipped and all(e.status is Status.NOT_APPLICABLE for e in results):
            results = [
                _not_applicable(
                    run,
                    Text("rule.not_judged_before", {"act": max(run.skipped), "start": r.start}),
                )
            ]
        yield from results
