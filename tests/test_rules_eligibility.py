"""Eligibility judged once: the pipeline asks the admission rules themselves.

Dates are worked out by hand in the comments (months by the Civil Code
month-end rule: 29/2 + 18 years is 28/2).
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

import dangvien
from dangvien.model import events as ev
from dangvien.model.org import Cell, Organization, OrgLevel
from dangvien.model.people import EducationLevel, Person, Sex
from dangvien.model.register import Dataset, Record
from dangvien.model.stages import Stage
from dangvien.rules import RemedyKind, Status, context, explain
from dangvien.rules.eligibility import admissibility, admissible, candidates, earliest_admission

ORG = Organization(
    "xa",
    "Đảng bộ xã Thử Nghiệm",
    OrgLevel.COMMUNE,
    cells=(Cell("a", "Chi bộ A"), Cell("b", "Chi bộ B")),
)


def person(
    pid: str,
    birth: date = date(1995, 5, 5),
    *,
    cell: str = "a",
    education: EducationLevel = EducationLevel.UPPER_SECONDARY,
) -> Person:
    return Person(pid, f"Người Thử Nghiệm {pid}", birth, Sex.FEMALE, education=education, cell=cell)


def official(pid: str, cell: str = "a", since: date = date(2010, 1, 1)) -> Record:
    return Record(
        person(pid, date(1970, 1, 1), cell=cell),
        [ev.TransferredIn(date=since, source="ngoài xã", cell=cell)],
    )


def applicant(
    pid: str,
    *,
    birth: date = date(1995, 5, 5),
    cell: str = "a",
    course: date | None = date(2024, 1, 15),
    introducers: tuple[str, ...] = ("I1", "I2"),
    intro_date: date = date(2024, 2, 1),
    education: EducationLevel = EducationLevel.UPPER_SECONDARY,
) -> Record:
    events: list[ev.Event] = [
        ev.ListedSympathizer(date=date(2023, 10, 1), cell=cell),
        ev.ApplicationFiled(date=date(2024, 1, 20)),
    ]
    if course is not None:
        events.append(ev.AwarenessCourse(date=course))
    if introducers:
        events.append(ev.IntroducersAssigned(date=intro_date, introducers=introducers))
    return Record(person(pid, birth, cell=cell, education=education), events)


OFFICIALS = (official("I1"), official("I2"))


def ds(*records: Record) -> Dataset:
    return Dataset(ORG, records=(*OFFICIALS, *records))


def earliest(d: Dataset, pid: str, on: date):
    ctx = context(d, as_of=on)
    record = ctx.dataset.record(pid)
    assert record is not None
    return earliest_admission(ctx, record)


def todo(c) -> set[str]:
    return {e.rule for e in c.todo}


class TestEarliest:
    def test_minor_turns_eighteen(self) -> None:
        """Born 28/8/2007, as of 1/6/2025: the age rule waits to 28/8/2025, the 18th birthday."""
        d = ds(applicant("P", birth=date(2007, 8, 28)))
        c = earliest(d, "P", date(2025, 6, 1))
        assert c is not None
        assert date(2025, 8, 28) == c.earliest
        # The dossier of 20/1/2024 is over 12 months old by then: renew the introductions.
        assert {"DOSSIER-STALE"} == todo(c)
        at_as_of = admissibility(
            context(d, as_of=date(2025, 6, 1)), d.record("P"), date(2025, 6, 1)
        )
        (age,) = [e for e in at_as_of.failures if e.rule == "ADMIT-AGE-MIN"]
        assert (RemedyKind.WAIT, date(2025, 8, 28)) == (age.remedy.kind, age.remedy.on)

    def test_leap_day_birth(self) -> None:
        """Born 29/2/2008: 18 by full months on 28/2/2026."""
        c = earliest(ds(applicant("P", birth=date(2008, 2, 29))), "P", date(2025, 6, 1))
        assert c is not None
        assert date(2026, 2, 28) == c.earliest

    def test_adult_ready_today(self) -> None:
        """An adult applicant with course and two official introducers: ready on the as-of date."""
        c = earliest(ds(applicant("P")), "P", date(2024, 3, 1))
        assert c is not None
        assert (date(2024, 3, 1), (), False, True) == (c.earliest, c.todo, c.blocked, c.ready)

    def test_probationary_introducer_does_not_count(self) -> None:
        """A probationary introducer's introduction does not count: redo it once official."""
        # J: ceremony 1/6/2023, still probationary when introducing on 1/2/2024;
        # official 12 months after the ceremony, on 1/6/2024: the new introduction
        # cannot come before, so the earliest day moves there and the step is to do.
        j = Record(
            person("J", date(1990, 1, 1)),
            [
                ev.ListedSympathizer(date=date(2022, 6, 1), cell="a"),
                ev.ApplicationFiled(date=date(2023, 1, 5)),
                ev.CellResolution(date=date(2023, 4, 1), cell="a", votes_for=3, official_members=3),
                ev.AdmissionDecision(date=date(2023, 5, 1)),
                ev.AdmissionCeremony(date=date(2023, 6, 1), cell="a"),
            ],
        )
        d = ds(j, applicant("P", introducers=("I1", "J")))
        c = earliest(d, "P", date(2024, 3, 1))
        assert c is not None
        assert date(2024, 6, 1) == c.earliest
        assert {"INTRO-OFFICIAL-ONLY"} == todo(c)
        (e,) = c.todo
        assert (RemedyKind.TODO, date(2024, 6, 1)) == (e.remedy.kind, e.remedy.on)
        assert not c.ready

    def test_introducer_tenure(self) -> None:
        """Introducer K moved into cell a on 1/9/2023: introduce again from 1/9/2024."""
        k = official("K", since=date(2023, 9, 1))
        c = earliest(ds(k, applicant("P", introducers=("I1", "K"))), "P", date(2024, 3, 1))
        assert c is not None
        assert date(2024, 9, 1) == c.earliest
        assert {"INTRO-TENURE"} == todo(c)

    def test_education_blocks(self) -> None:
        """Primary education only, outside special areas: blocked, no earliest date."""
        c = earliest(ds(applicant("P", education=EducationLevel.PRIMARY)), "P", date(2024, 3, 1))
        assert c is not None
        assert c.blocked
        assert c.earliest is None
        assert "ADMIT-EDU-MIN" in {e.rule for e in c.evaluations if e.status is Status.FAIL}

    def test_missing_steps_are_todo(self) -> None:
        """No course and no introducers: to do, and no law times them, so the day stays."""
        c = earliest(ds(applicant("P", course=None, introducers=())), "P", date(2024, 3, 1))
        assert c is not None
        assert {"AWARE-REQUIRED", "INTRO-COUNT"} == todo(c)
        assert date(2024, 3, 1) == c.earliest
        assert not c.ready

    def test_expired_course_is_todo(self) -> None:
        """Course of 15/1/2019 valid 60 months, to 15/1/2024: expired on 1/3/2024."""
        c = earliest(ds(applicant("P", course=date(2019, 1, 15))), "P", date(2024, 3, 1))
        assert c is not None
        assert {"AWARE-VALIDITY"} == todo(c)

    def test_outstanding_citizen_needs_listing(self) -> None:
        """An introduced citizen must be listed, apply, take the course and get introducers."""
        r = Record(person("P"), [ev.Introduced(date=date(2024, 1, 10), organization="dtn")])
        c = earliest(ds(r), "P", date(2024, 3, 1))
        assert c is not None
        assert Stage.OUTSTANDING is c.stage
        assert {"ADMIT-APPLICATION", "AWARE-REQUIRED", "INTRO-COUNT"} == todo(c)
        assert (ev.ListedSympathizer.event_kind(),) == c.steps

    def test_proposed_is_ready(self) -> None:
        """Proposed by the cell on 1/2/2024: ready on the as-of date."""
        r = Record(
            person("P"),
            [
                ev.ListedSympathizer(date=date(2023, 6, 1), cell="a"),
                ev.ApplicationFiled(date=date(2023, 12, 1)),
                ev.CellResolution(date=date(2024, 2, 1), cell="a", votes_for=3, official_members=3),
            ],
        )
        c = earliest(ds(r), "P", date(2024, 3, 1))
        assert c is not None
        assert (Stage.PROPOSED, date(2024, 3, 1)) == (c.stage, c.earliest)

    def test_readmission_wait(self) -> None:
        """Removed 10/1/2023 for missed activities, applying again: 36 months, to 10/1/2026."""
        r = Record(
            person("P"),
            [
                ev.TransferredIn(date=date(2015, 1, 1), source="x", cell="a"),
                ev.Removed(date=date(2023, 1, 10), reason=ev.RemovalReason.MISSED_ACTIVITIES),
                ev.ApplicationFiled(date=date(2024, 1, 5)),
                ev.AwarenessCourse(date=date(2023, 11, 1)),
                ev.IntroducersAssigned(date=date(2024, 1, 20), introducers=("I1", "I2")),
            ],
        )
        c = earliest(ds(r), "P", date(2024, 3, 1))
        assert c is not None
        assert date(2026, 1, 10) == c.earliest

    def test_barred_readmission_is_blocked(self) -> None:
        """Removed for asking to leave: re-admission is barred, whatever the wait."""
        r = Record(
            person("P"),
            [
                ev.TransferredIn(date=date(2015, 1, 1), source="x", cell="a"),
                ev.Removed(date=date(2019, 1, 10), reason=ev.RemovalReason.REQUESTED),
                ev.ApplicationFiled(date=date(2024, 1, 5)),
            ],
        )
        c = earliest(ds(r), "P", date(2024, 3, 1))
        assert c is not None
        assert c.blocked

    def test_members_are_not_candidates(self) -> None:
        """An official member is not in the pipeline."""
        assert None is earliest(ds(), "I1", date(2024, 3, 1))

    def test_candidates_sorted_and_scoped(self) -> None:
        """Candidates sort by earliest date; organisation scope drops other cells."""
        d = ds(
            applicant("P1", birth=date(2007, 8, 28)),
            applicant("P2"),
            applicant("P3", cell="elsewhere"),
        )
        ctx = context(d, as_of=date(2025, 6, 1))
        assert ["P2", "P3", "P1"] == [c.person for c in candidates(ctx)]
        assert ["P2", "P1"] == [c.person for c in candidates(ctx, organization=ORG)]


def test_every_tool_says_the_probationary_introduction_does_not_count() -> None:
    """check, explain and the pipeline cite the same rule and provision for one introduction."""
    j = Record(
        person("J", date(1990, 1, 1)),
        [
            ev.ListedSympathizer(date=date(2022, 6, 1), cell="a"),
            ev.ApplicationFiled(date=date(2023, 1, 5)),
            ev.CellResolution(date=date(2023, 4, 1), cell="a", votes_for=3, official_members=3),
            ev.AdmissionDecision(date=date(2023, 5, 1)),
            ev.AdmissionCeremony(date=date(2023, 6, 1), cell="a"),
        ],
    )
    p = applicant("P", introducers=("I1", "J"))
    # A real meeting on 1/3/2024 for Q with the same introduction, for check.
    q = Record(
        person("Q"),
        [
            *p.events,
            ev.CellResolution(date=date(2024, 3, 1), cell="a", votes_for=3, official_members=3),
        ],
    )
    d = ds(j, p, q)
    on = date(2024, 3, 10)
    checked = [f for f in dangvien.check(d, as_of=on) if f.rule == "INTRO-OFFICIAL-ONLY"]
    explained = [
        e
        for e in explain(d, "P", on=on)
        if e.rule == "INTRO-OFFICIAL-ONLY" and e.status is not Status.PASS
    ]
    piped = earliest(d, "P", on).todo
    assert ["Q"] == [f.subject for f in checked]
    assert [Status.FAIL] == [e.status for e in explained]
    assert ["INTRO-OFFICIAL-ONLY"] == [e.rule for e in piped]
    cited = {str(f.citation) for f in checked} | {str(e.finding.citation) for e in explained}
    cited |= {str(e.finding.citation) for e in piped}
    assert 1 == len(cited), cited
    assert "Điều 4, khoản 2" in cited.pop()


# --- the pipeline's answer is the rules' answer ----------------------------------------


@st.composite
def pipelines(draw: st.DrawFn) -> tuple[Dataset, date]:
    """A cell with official members and a few applicants in various states."""
    on = draw(st.dates(date(2022, 1, 1), date(2026, 12, 31)))
    members = [official("I1"), official("I2"), official("K", since=on - timedelta(days=200))]
    people = []
    for i in range(draw(st.integers(1, 4))):
        birth = draw(st.dates(on - timedelta(days=365 * 70), on - timedelta(days=365 * 16)))
        edu = draw(st.sampled_from(list(EducationLevel)))
        events: list[ev.Event] = [ev.ListedSympathizer(date=on - timedelta(days=400), cell="a")]
        if draw(st.booleans()):
            events.append(ev.ApplicationFiled(date=on - timedelta(days=draw(st.integers(1, 500)))))
        if draw(st.booleans()):
            events.append(ev.AwarenessCourse(date=on - timedelta(days=draw(st.integers(1, 2200)))))
        if draw(st.booleans()):
            who = draw(st.sampled_from([("I1", "I2"), ("I1", "K"), ("I1",), ("I1", "ZZ")]))
            events.append(
                ev.IntroducersAssigned(
                    date=on - timedelta(days=draw(st.integers(1, 500))), introducers=who
                )
            )
        people.append(Record(person(f"P{i}", birth, education=edu), events))
    return Dataset(ORG, records=(*members, *people)), on


@settings(max_examples=40, deadline=None)
@given(pipelines(), st.integers(0, 800))
def test_pipeline_admissible_equals_explain(case, offset) -> None:
    """For every person and day D: pipeline "admissible on D" is explain's "no rule fails"."""
    d, on = case
    day = on + timedelta(days=offset)
    for record in d.records:
        if not record.person.id.startswith("P"):
            continue
        answer = admissible(d, record.person.id, day, as_of=on)
        # explain on D judges the same meeting with the facts known on D; with no
        # event between the as-of date and D, that is the same knowledge.
        explained = explain(d, record.person.id, on=day)
        failing = {
            e.rule
            for e in explained
            if e.status is Status.FAIL
            and e.finding is not None
            and e.finding.severity.value == "violation"
            and e.finding.on is not None
            and e.rule in {x.rule for x in answer.evaluations}
        }
        assert {e.rule for e in answer.failures} == failing


@settings(max_examples=40, deadline=None)
@given(pipelines())
def test_earliest_day_is_admissible_and_no_earlier_day_is(case) -> None:
    """The search's answer holds, and every day before it fails on a waited condition."""
    d, on = case
    ctx = context(d, as_of=on)
    for c in candidates(ctx):
        record = ctx.dataset.record(c.person)
        assert record is not None
        if c.earliest is None:
            continue
        at = admissibility(ctx, record, c.earliest)
        # Only untimed steps still to take may fail on the earliest day.
        assert all(
            e.remedy is not None
            and e.remedy.kind is RemedyKind.TODO
            and (e.remedy.on is None or e.remedy.on <= c.earliest)
            for e in at.failures
        )
        if c.earliest > on:
            before = admissibility(ctx, record, c.earliest - timedelta(days=1))
            assert any(
                e.remedy is not None and e.remedy.on is not None and e.remedy.on >= c.earliest
                for e in before.failures
            )
