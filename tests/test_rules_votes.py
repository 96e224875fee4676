"""Votes and elections: committee thresholds, three failed votes, the base of an election."""

from datetime import date

from tests.common import (
    CELL,
    INTRODUCERS,
    assert_passes,
    assert_violation,
    dataset,
    official,
    person,
    probation,
    record,
    run,
)

from dangvien.findings import Severity
from dangvien.model import events as ev
from dangvien.rules import check

SECRETARY = ev.ElectedRole.SECRETARY
COMMITTEE = ev.ElectedRole.CELL_COMMITTEE
CONGRESS = date(2025, 6, 1)


# --- COMMITTEE-VOTE ---------------------------------------------------------------------


def with_committee_vote(votes: int, members: int):
    """Applicant P's grassroots-committee resolution of 1/9/2025 with *votes* of *members*."""
    events = [
        *probation(date(2025, 3, 1)),
        ev.CommitteeResolution(date=date(2025, 9, 1), votes_for=votes, members=members),
    ]
    return dataset(record(person("P"), *events))


def test_committee_resolution_below_two_thirds_of_its_members():
    """5 of 9 committee members: 5 < 2/3 × 9 = 6 (294-QĐ/TW 9.3.4)."""
    assert_violation(
        run(with_committee_vote(5, 9), "COMMITTEE-VOTE", as_of=date(2025, 9, 2)),
        "COMMITTEE-VOTE",
        document="294-QĐ/TW/2025",
        facts_={"votes": 5, "total": 9},
    )


def test_committee_resolution_with_two_thirds_passes():
    """6 of 9 is exactly two thirds."""
    assert_passes(
        with_committee_vote(6, 9), "COMMITTEE-VOTE", as_of=date(2025, 9, 2), reason="6 of 9"
    )


# --- RECOG-THREE-VOTES --------------------------------------------------------------------


def failed(on: date) -> ev.RecognitionResolution:
    """A cell vote on recognition that missed two thirds (1 of 3)."""
    return ev.RecognitionResolution(
        date=on, cell=CELL, votes_for=1, official_members=3, approved=False
    )


# Ceremony 1/3/2024: probation ends 1/3/2025; three failed votes in March–May 2025.
THREE_FAILED = [
    *probation(date(2024, 3, 1)),
    failed(date(2025, 3, 5)),
    failed(date(2025, 4, 5)),
    failed(date(2025, 5, 5)),
]


def test_three_failed_votes_send_the_case_up():
    """After the third failed vote (5/5/2025) the cell reports to the superior committee."""
    f = assert_violation(
        run(
            dataset(record(person("P"), *THREE_FAILED)), "RECOG-THREE-VOTES", as_of=date(2025, 6, 1)
        ),
        "RECOG-THREE-VOTES",
        severity=Severity.WARNING,
        on=date(2025, 5, 5),
        facts_={"limit": 3},
    )
    assert "cấp ủy cấp trên trực tiếp" in f.message_vi


def test_a_fourth_cell_vote_is_a_violation():
    """The cell votes again on 5/6/2025 after three failures: the case was no longer its own."""
    again = ev.RecognitionResolution(
        date=date(2025, 6, 5), cell=CELL, votes_for=3, official_members=3
    )
    found = run(
        dataset(record(person("P"), *THREE_FAILED, again)),
        "RECOG-THREE-VOTES",
        as_of=date(2025, 7, 1),
    )
    # Findings come in date order: the unreported third failure, then the fourth vote.
    assert [
        ("refer", Severity.WARNING, date(2025, 5, 5)),
        ("again", Severity.VIOLATION, date(2025, 6, 5)),
    ] == [(f.text.key.rsplit(".", 1)[1], f.severity, f.on) for f in found]


def test_a_decision_after_three_failed_votes_closes_the_case():
    """The competent committee decided on 20/6/2025."""
    decided = ev.RecognitionDecision(date=date(2025, 6, 20), official_from=date(2025, 3, 1))
    ds = dataset(record(person("P"), *THREE_FAILED, decided))
    assert_passes(ds, "RECOG-THREE-VOTES", as_of=date(2025, 7, 1), reason="competent committee")


def test_committee_failures_are_counted_apart_from_the_cell():
    """Cell approves; the grassroots committee fails three times (2 of 9): goes up."""
    cell_ok = ev.RecognitionResolution(
        date=date(2025, 3, 5), cell=CELL, votes_for=3, official_members=3
    )
    committee = [
        ev.CommitteeResolution(date=date(2025, m, 10), votes_for=2, members=9, approved=False)
        for m in (3, 4, 5)
    ]
    ds = dataset(record(person("P"), *probation(date(2024, 3, 1)), cell_ok, *committee))
    assert_violation(
        run(ds, "RECOG-THREE-VOTES", as_of=date(2025, 6, 1)),
        "RECOG-THREE-VOTES",
        severity=Severity.WARNING,
        on=date(2025, 5, 10),
    )


# --- elections --------------------------------------------------------------------------


def elected(role, votes: int, present: int, **kw) -> ev.Elected:
    """An election at the cell's congress of 1/6/2025."""
    return ev.Elected(date=CONGRESS, cell=CELL, role=role, present=present, votes_for=votes, **kw)


def cell_of_six(vote: ev.Elected):
    """Six official members: I1–I3, M4, M5 (exempted 2020), M6 (temporary elsewhere 2025).

    I1 is the one elected by *vote*.
    """
    i1 = record(person("I1", date(1970, 1, 1)), *official("I1").events, vote)
    m5 = record(
        person("M5", date(1950, 1, 1)), *official("M5").events, ev.Exempted(date=date(2020, 3, 2))
    )
    m6 = record(
        person("M6", date(1980, 1, 1)),
        *official("M6").events,
        ev.TemporaryTransferOut(date=date(2025, 1, 15), destination="Đảng bộ trường"),
    )
    return dataset(i1, official("I2"), official("I3"), official("M4"), m5, m6, introducers=False)


def test_a_vote_where_the_exempted_and_temporary_members_are_left_out():
    """Base 6 − 1 temporary − 1 exempted = 4: 3 votes are more than half (2)."""
    # Against all six official members 3 votes would be exactly half: not elected.
    ds = cell_of_six(elected(SECRETARY, votes=3, present=4, against=1))
    passes = assert_passes(ds, "ELECT-MAJORITY", "I1", as_of=date(2025, 6, 2))
    assert "base 4 = 6 official members − 1 on temporary activity elsewhere − 1 exempted" in (
        passes[0].reason_en
    )


def test_an_exempted_member_who_votes_counts_again():
    """The exempted member came and voted: base 5; 2 votes are not more than 2.5."""
    ds = cell_of_six(elected(SECRETARY, votes=2, present=5, exempted_present=1))
    f = assert_violation(
        run(ds, "ELECT-MAJORITY", as_of=date(2025, 6, 2)),
        "ELECT-MAJORITY",
        subject="I1",
        facts_={"base": 5, "votes": 2, "back": 1},
    )
    assert "+ 1 of those present and voting" in f.message_en


def test_the_office_recorded_base_wins():
    """Recorded base 6 (all official members): 3 votes are not more than half."""
    ds = cell_of_six(elected(SECRETARY, votes=3, present=4, base=6))
    f = assert_violation(
        run(ds, "ELECT-MAJORITY", as_of=date(2025, 6, 2)),
        "ELECT-MAJORITY",
        subject="I1",
        facts_={"base": 6},
    )
    assert "the base the office recorded" in f.message_en


def test_excused_members_are_left_out():
    """One member excused for the whole congress: base 4 − 1 = 3; 2 votes > 1.5."""
    ds = cell_of_six(elected(SECRETARY, votes=2, present=3, excused=1))
    assert_passes(ds, "ELECT-MAJORITY", "I1", as_of=date(2025, 6, 2), reason="base 3")


def cell_of_nine(*votes: tuple[str, ev.Elected]):
    """Nine official members I1–I3 and M4–M9; *votes* are (person, election) pairs."""
    pids = [*INTRODUCERS, *(f"M{i}" for i in range(4, 10))]
    extra: dict[str, list[ev.Event]] = {p: [] for p in pids}
    for pid, vote in votes:
        extra[pid].append(vote)
    records = [record(person(p, date(1970, 1, 1)), *official(p).events, *extra[p]) for p in pids]
    return dataset(*records, introducers=False)


def test_the_secretary_is_elected_from_the_cell_committee():
    """Nine members elect a committee of three (I1, I2, I3), then I1 secretary: 2 of 3 votes."""
    ds = cell_of_nine(
        ("I1", elected(COMMITTEE, 8, 9)),
        ("I2", elected(COMMITTEE, 7, 9)),
        ("I3", elected(COMMITTEE, 6, 9)),
        ("I1", elected(SECRETARY, 2, 3)),
    )
    assert_passes(ds, "ELECT-ORDER", "I1", as_of=date(2025, 6, 2), reason="from the committee")
    # The committee elects the secretary: base 3 members, 2 > 1.5.
    assert_passes(ds, "ELECT-MAJORITY", "I1", as_of=date(2025, 6, 2), reason="base 3")


def test_a_secretary_outside_the_committee_is_a_violation():
    """M4 was not elected to the committee of 1/6/2025 but is made secretary."""
    ds = cell_of_nine(
        ("I1", elected(COMMITTEE, 8, 9)),
        ("I2", elected(COMMITTEE, 7, 9)),
        ("I3", elected(COMMITTEE, 6, 9)),
        ("M4", elected(SECRETARY, 2, 3)),
    )
    assert_violation(
        run(ds, "ELECT-ORDER", as_of=date(2025, 6, 2)),
        "ELECT-ORDER",
        subject="M4",
        document="dieu-le-2011",
        facts_={"committee": CONGRESS},
    )


def test_a_secretary_without_a_committee_in_a_cell_of_nine():
    """No committee elected: the secretary's election is out of order."""
    ds = cell_of_nine(("I1", elected(SECRETARY, 6, 9)))
    found = check(ds, as_of=date(2025, 6, 2))
    assert_violation(found, "ELECT-ORDER", subject="I1", facts_={"need": 9})


def test_a_small_cell_elects_its_secretary_directly():
    """Six official members: no committee, the congress elects the secretary."""
    ds = cell_of_six(elected(SECRETARY, votes=3, present=4))
    assert_passes(ds, "ELECT-ORDER", "I1", as_of=date(2025, 6, 2), reason="elects directly")
