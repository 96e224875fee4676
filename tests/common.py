"""Declarative helpers for the rule tests: small datasets and finding assertions.

Builders make tiny, lawful datasets around one cell (``CELL``) with three
official members (``I1``, ``I2``, ``I3``, transferred in on 1/1/2010, before
any rule's coverage) who introduce applicants and make the cell big enough.
Assertions name the rule and subject and return the finding, so a test goes
on to check its numbers.

Every expected value in the tests is computed by hand in a comment; the
helpers never compute an expected value with the code under test.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from dangvien.findings import Finding, Severity
from dangvien.model import events as ev
from dangvien.model.org import Cell, Organization, OrgLevel
from dangvien.model.people import EducationLevel, Person, Sex
from dangvien.model.register import Dataset, Record
from dangvien.parameters import Parameters
from dangvien.rules import REGISTRY, Evaluation, Scope, Status, check, context
from dangvien.rules._base import CellSubject, evaluate

__all__ = [
    "CELL",
    "INTRODUCERS",
    "OTHER_CELL",
    "admission",
    "assert_evaluation",
    "assert_no_finding",
    "assert_passes",
    "assert_violation",
    "dataset",
    "evaluations",
    "facts",
    "findings_for",
    "official",
    "person",
    "probation",
    "record",
    "run",
]

#: The cell every builder uses unless told otherwise.
CELL = "cb01"
#: A second cell, for introducers from elsewhere.
OTHER_CELL = "cb02"
#: The three official members of ``CELL`` the builders add to every dataset.
INTRODUCERS = ("I1", "I2", "I3")
_SINCE = date(2010, 1, 1)


# --- builders ---------------------------------------------------------------------


def person(
    pid: str = "P",
    birth: date = date(1995, 5, 5),
    *,
    education: EducationLevel = EducationLevel.UPPER_SECONDARY,
    cell: str | None = CELL,
    special_area: bool = False,
) -> Person:
    """A synthetic person (never a real one)."""
    return Person(
        id=pid,
        full_name=f"Người Thử Nghiệm {pid}",
        birth_date=birth,
        sex=Sex.FEMALE,
        education=education,
        cell=cell,
        special_area=special_area,
    )


def record(p: Person | str, *events: ev.Event) -> Record:
    """A record of *p* (a person or a person id) with *events*."""
    return Record(p if isinstance(p, Person) else person(p), events)


def official(pid: str, *, cell: str = CELL, since: date = _SINCE) -> Record:
    """An official member transferred into *cell* on *since* (1/1/2010 by default)."""
    return record(
        person(pid, date(1970, 1, 1), cell=cell),
        ev.TransferredIn(date=since, source="ngoài xã", cell=cell, probationary=False),
    )


def admission(
    meeting: date,
    *,
    cell: str = CELL,
    listed: date | None = None,
    course: date | None = None,
    application: date | None = None,
    introduced: date | None = None,
    introducers: Sequence[str] = INTRODUCERS[:2],
    org_introducer: ev.OrgIntroducer | None = None,
    votes: tuple[int, int] = (3, 3),
    decision: date | None = None,
    received: date | None = None,
    ceremony: date | None = None,
    with_course: bool = True,
    with_introducers: bool = True,
) -> list[ev.Event]:
    """A lawful admission procedure voted by the cell on *meeting*.

    Defaults, counted back from the meeting: the course 180 days before, the
    application and the introducers 60 days before, the listing 30 days
    before the earliest of those.  Vote 3 of 3 official members.  The
    decision (with its date of receipt) and the ceremony are added only when
    given.
    """
    course = course or meeting - timedelta(days=180)
    application = application or meeting - timedelta(days=60)
    introduced = introduced or meeting - timedelta(days=60)
    first = min(course, application, introduced) if with_course else min(application, introduced)
    events: list[ev.Event] = [
        ev.ListedSympathizer(date=listed or first - timedelta(days=30), cell=cell),
        ev.ApplicationFiled(date=application),
        ev.CellResolution(date=meeting, cell=cell, votes_for=votes[0], official_members=votes[1]),
    ]
    if with_course:
        events.append(ev.AwarenessCourse(date=course))
    if with_introducers:
        events.append(
            ev.IntroducersAssigned(
                date=introduced,
                introducers=tuple(introducers),
                org_introducer=org_introducer,
            )
        )
    if decision is not None:
        events.append(ev.AdmissionDecision(date=decision, received=received))
    if ceremony is not None:
        events.append(ev.AdmissionCeremony(date=ceremony, cell=cell))
    return events


def probation(
    ceremony: date,
    *,
    cell: str = CELL,
    review: date | None = None,
    votes: tuple[int, int] = (3, 3),
    recognised: date | None = None,
    official_from: date | None = None,
    new_member_course: date | None = None,
) -> list[ev.Event]:
    """A member's admission (decided 10 days before *ceremony*) and probation.

    The cell voted 5 weeks before the decision.  The review, recognition
    decision and new-member course are added only when given.
    """
    decision = ceremony - timedelta(days=10)
    events = admission(
        decision - timedelta(days=35),
        cell=cell,
        decision=decision,
        received=decision,
        ceremony=ceremony,
    )
    if new_member_course is not None:
        events.append(ev.NewMemberCourse(date=new_member_course))
    if review is not None:
        events.append(
            ev.RecognitionResolution(
                date=review, cell=cell, votes_for=votes[0], official_members=votes[1]
            )
        )
    if recognised is not None:
        events.append(ev.RecognitionDecision(date=recognised, official_from=official_from))
    return events


def dataset(
    *records: Record,
    cells: Iterable[str] = (CELL,),
    introducers: bool = True,
) -> Dataset:
    """A commune with *cells* and *records*, plus the three official members of ``CELL``."""
    extra = tuple(official(pid) for pid in INTRODUCERS) if introducers else ()
    org = Organization(
        "xa",
        "Đảng bộ xã Thử Nghiệm",
        OrgLevel.COMMUNE,
        cells=tuple(Cell(c, f"Chi bộ {c}") for c in cells),
    )
    return Dataset(organization=org, records=(*extra, *records))


# --- findings -----------------------------------------------------------------------


def facts(finding: Finding) -> dict[str, object]:
    """The finding's facts as a dict."""
    return dict(finding.facts)


def findings_for(
    findings: Iterable[Finding], rule: str, subject: str | None = None
) -> list[Finding]:
    """The findings of *rule* (about *subject*, if given)."""
    return [f for f in findings if f.rule == rule and (subject is None or f.subject == subject)]


def _show(findings: Iterable[Finding]) -> str:
    return (
        "\n".join(
            f"  {f.rule} {f.severity.value} {f.subject} {f.on}: {f.message_en}" for f in findings
        )
        or "  (none)"
    )


def assert_violation(
    findings: Sequence[Finding],
    rule: str,
    *,
    subject: str = "P",
    severity: Severity = Severity.VIOLATION,
    on: date | None = None,
    due: date | None = None,
    limit: date | None = None,
    document: str | None = None,
    facts_: Mapping[str, object] | None = None,
    message: str | None = None,
) -> Finding:
    """Assert exactly one finding of *rule* about *subject* with these properties; return it.

    *due* is the due date of an act still owed; *limit* the time limit an act
    done late missed (its ``due_day`` fact, as a done act owes nothing).
    *document* is the citation's document key (``"24-QĐ/TW/2021"``), *facts_*
    a subset of the finding's facts, *message* a substring of either message.
    """
    mine = findings_for(findings, rule, subject)
    assert 1 == len(mine), f"expected one {rule} finding about {subject}, got:\n{_show(findings)}"
    f = mine[0]
    assert severity == f.severity, _show(mine)
    if on is not None:
        assert on == f.on, _show(mine)
    if due is not None:
        assert due == f.due, _show(mine)
    if limit is not None:
        assert f.due is None, _show(mine)
        assert limit == facts(f).get("due_day"), _show(mine)
    if document is not None:
        assert f.citation is not None
        assert document == f.citation.document.key
    if facts_ is not None:
        got = facts(f)
        assert dict(facts_) == {k: got.get(k) for k in facts_}, got
    if message is not None:
        assert message in f.message_vi or message in f.message_en, (f.message_vi, f.message_en)
    return f


def assert_no_finding(findings: Sequence[Finding], rule: str, subject: str = "P") -> None:
    """Assert that *rule* found nothing about *subject*."""
    mine = findings_for(findings, rule, subject)
    assert [] == mine, _show(mine)


def evaluations(
    ds: Dataset, rule: str, subject: str = "P", *, as_of: date, params: Parameters | None = None
) -> list[Evaluation]:
    """Every evaluation of *rule* on *subject*, passes explained (person or cell)."""
    r = REGISTRY[rule]
    ctx = context(ds, as_of=as_of, params=params)
    if r.scope is Scope.CELL:
        cell = next(c for c in ds.organization.all_cells() if c.id == subject)
        target: Record | CellSubject = CellSubject(
            cell, tuple(x for x in ds.records if x.person.cell == subject)
        )
    else:
        found = ds.record(subject)
        assert found is not None
        target = found
    return list(evaluate([r], ctx, target, explaining=True))


def assert_evaluation(
    ds: Dataset,
    rule: str,
    status: Status,
    subject: str = "P",
    *,
    as_of: date,
    reason: str | None = None,
    params: Parameters | None = None,
) -> Evaluation:
    """Assert that *rule* gives exactly one evaluation of *subject*, with *status*; return it."""
    evs = evaluations(ds, rule, subject, as_of=as_of, params=params)
    assert 1 == len(evs), [(e.status, e.reason_en) for e in evs]
    e = evs[0]
    assert status == e.status, (e.status, e.reason_en)
    if reason is not None:
        assert reason in e.reason_vi or reason in e.reason_en, (e.reason_vi, e.reason_en)
    return e


def assert_passes(
    ds: Dataset,
    rule: str,
    subject: str = "P",
    *,
    as_of: date,
    reason: str | None = None,
    params: Parameters | None = None,
) -> list[Evaluation]:
    """Assert that *rule* finds nothing about *subject* and explains at least one pass.

    The explained pass (with *reason* in its text) is what an empty
    implementation could not produce.
    """
    assert_no_finding(check(ds, as_of=as_of, params=params, only=[rule]), rule, subject)
    evs = evaluations(ds, rule, subject, as_of=as_of, params=params)
    passes = [e for e in evs if e.status is Status.PASS]
    assert passes, [(e.status, e.reason_en) for e in evs]
    assert all(e.status in {Status.PASS, Status.NOT_APPLICABLE} for e in evs), [
        (e.status, e.reason_en) for e in evs
    ]
    if reason is not None:
        assert any(reason in e.reason_vi or reason in e.reason_en for e in passes), [
            e.reason_en for e in passes
        ]
    return passes


def run(ds: Dataset, rule: str, *, as_of: date, params: Parameters | None = None) -> list[Finding]:
    """``check`` restricted to *rule*."""
    return check(ds, as_of=as_of, params=params, only=[rule])
