"""Membership rules: party age and badges, removal grounds, re-admission."""

from datetime import date, timedelta

import pytest
from tests.common import (
    CELL,
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
from dangvien.parameters import ParameterNotCovered
from dangvien.rules import check, party_age_months

# --- party age and BADGE-PARTY-AGE ---------------------------------------------------

# Admitted by a decision of 1/3/1994, official from 15/3/1995.
MEMBER_1994 = [
    ev.ListedSympathizer(date=date(1993, 6, 1), cell=CELL),
    ev.ApplicationFiled(date=date(1993, 9, 1)),
    ev.CellResolution(date=date(1994, 2, 1), cell=CELL, votes_for=5, official_members=6),
    ev.AdmissionDecision(date=date(1994, 3, 1)),
    ev.AdmissionCeremony(date=date(1994, 3, 15), cell=CELL),
    ev.RecognitionDecision(date=date(1995, 3, 20), official_from=date(1995, 3, 15)),
]

# Removed on 1/3/2004, re-admitted by a decision of 1/5/2008.
READMITTED_2008 = [
    *MEMBER_1994,
    ev.Removed(date=date(2004, 3, 1), reason=ev.RemovalReason.MISSED_ACTIVITIES),
    ev.ApplicationFiled(date=date(2008, 3, 1)),
    ev.CellResolution(date=date(2008, 4, 1), cell=CELL, votes_for=5, official_members=6),
    ev.AdmissionDecision(date=date(2008, 5, 1)),
    ev.AdmissionCeremony(date=date(2008, 5, 15), cell=CELL),
    ev.RecognitionDecision(date=date(2009, 5, 20), official_from=date(2009, 5, 15)),
]


def member(*events, pid="P"):
    """A record of a member born in 1970."""
    return record(person(pid, date(1970, 1, 1)), *events)


def test_party_age_runs_from_the_admission_decision():
    """Decision 1/3/1994 → on 2/9/2024: 30 years 6 months = 366 months."""
    assert 366 == party_age_months(member(*MEMBER_1994), date(2024, 9, 2))


def test_party_age_of_a_readmitted_member_subtracts_the_whole_time_outside():
    """Out from removal 1/3/2004 to re-admission 1/5/2008: 1 522 days are not party age."""
    # 1/3/2004 → 1/3/2008 = 4 × 365 + 1 (29/2/2008) = 1 461 days; + March 31 + April 30
    # = 1 522 days.  1/3/1994 + 1 522 days = 1/3/1998 (+1 461, with 29/2/1996) + 61 days
    # = 1/5/1998.  From 1/5/1998 to 2/9/2024: 26 years 4 months = 316 months.
    assert 316 == party_age_months(member(*READMITTED_2008), date(2024, 9, 2))


def test_party_age_stops_at_death():
    """A member who died on 1/1/2020 keeps the party age of that day (25 y 10 m = 310)."""
    # 1/3/1994 → 1/1/2020: 25 years 10 months.
    died = member(*MEMBER_1994, ev.Died(date=date(2020, 1, 1)))
    assert 310 == party_age_months(died, date(2024, 9, 2))


def test_party_age_is_none_before_official_membership():
    """A probationary member (ceremony 15/3/1994, not yet recognised) has no party age."""
    assert party_age_months(member(*MEMBER_1994[:5]), date(2024, 12, 1)) is None


def test_party_age_before_the_encoded_law_is_not_covered():
    """Asked on 1/12/1994, before the 2006 Charter: the law of that day is not encoded."""
    with pytest.raises(ParameterNotCovered):
        party_age_months(member(*MEMBER_1994), date(1994, 12, 1))


def test_thirty_year_badge_at_thirty_years_six_months_passes():
    """A 30-year badge on 2/9/2024 at a party age of 366 months."""
    ds = dataset(member(*MEMBER_1994, ev.BadgeAwarded(date=date(2024, 9, 2), years=30)))
    assert_passes(ds, "BADGE-PARTY-AGE", as_of=date(2024, 10, 1), reason="Party age 366 months")


def test_thirty_year_badge_one_month_early_is_a_violation():
    """On 3/2/2024 the party age is 29 years 11 months (359 months)."""
    # 1/3/1994 → 1/2/2024 = 359 months; 3/2 is before 1/3/2024.
    ds = dataset(member(*MEMBER_1994, ev.BadgeAwarded(date=date(2024, 2, 3), years=30)))
    assert_violation(
        run(ds, "BADGE-PARTY-AGE", as_of=date(2024, 3, 1)),
        "BADGE-PARTY-AGE",
        on=date(2024, 2, 3),
        document="24-QĐ/TW/2021",
        facts_={"years": 30, "age": 359},
    )


def test_badge_for_a_readmitted_member_counts_without_the_gap():
    """The re-admitted member is 26 y 4 m on 2/9/2024: too young for a 30-year badge."""
    ds = dataset(member(*READMITTED_2008, ev.BadgeAwarded(date=date(2024, 9, 2), years=30)))
    assert_violation(
        run(ds, "BADGE-PARTY-AGE", as_of=date(2024, 10, 1)),
        "BADGE-PARTY-AGE",
        facts_={"age": 316},
    )


def test_badge_of_an_unknown_level_is_a_violation():
    """There is no 33-year badge (levels 30, 40, 45 … 90)."""
    ds = dataset(member(*MEMBER_1994, ev.BadgeAwarded(date=date(2024, 9, 2), years=33)))
    f = assert_violation(
        run(ds, "BADGE-PARTY-AGE", as_of=date(2024, 10, 1)), "BADGE-PARTY-AGE", facts_={"years": 33}
    )
    assert "30, 40, 45, 50" in f.message_vi


def test_badges_before_29_qd_tw_are_not_judged():
    """BADGE-PARTY-AGE starts with 29-QĐ/TW of 25/7/2016, which set the 12 levels."""
    ds = dataset(member(*MEMBER_1994, ev.BadgeAwarded(date=date(2016, 7, 24), years=45)))
    assert [] == run(ds, "BADGE-PARTY-AGE", as_of=date(2016, 8, 1))


def test_a_45_year_badge_in_2016_is_judged_under_29_qd_tw():
    """A 45-year badge on 2/9/2016 at a party age of 22 y 6 m is a violation citing 29-QĐ/TW."""
    # 1/3/1994 → 1/9/2016 = 22 years 6 months = 270 months; 540 needed.
    ds = dataset(member(*MEMBER_1994, ev.BadgeAwarded(date=date(2016, 9, 2), years=45)))
    assert_violation(
        run(ds, "BADGE-PARTY-AGE", as_of=date(2016, 10, 1)),
        "BADGE-PARTY-AGE",
        document="29-QĐ/TW/2016",
        facts_={"years": 45, "age": 270},
    )


# --- REMOVE-3M -------------------------------------------------------------------------


def missed(*months, year=2023, kind=ev.ActivityKind.MEETING):
    """A month of missed activities for each of *months*."""
    return [ev.ActivityMissed(date=date(year, m, 10), kind=kind) for m in months]


def test_three_missed_months_in_a_year_need_the_cells_consideration():
    """January, March and June 2023 (not consecutive) count: a warning to consider removal."""
    ds = dataset(record(person("P"), *official("X").events, *missed(1, 3, 6)))
    f = assert_violation(
        run(ds, "REMOVE-3M", as_of=date(2023, 7, 1)),
        "REMOVE-3M",
        severity=Severity.WARNING,
        on=date(2023, 6, 1),
        document="dieu-le-2011",
        facts_={"year": 2023, "n": 3, "months": (1, 3, 6)},
    )
    assert "Điều 8, khoản 1" == f.citation.provision


def test_dues_and_meetings_count_together():
    """Two months of missed dues and one of missed meetings make three months."""
    events = [*missed(2, 4, kind=ev.ActivityKind.DUES), *missed(9)]
    ds = dataset(record(person("P"), *official("X").events, *events))
    assert_violation(
        run(ds, "REMOVE-3M", as_of=date(2023, 12, 1)),
        "REMOVE-3M",
        severity=Severity.WARNING,
        facts_={"n": 3, "months": (2, 4, 9)},
    )


def test_two_missed_months_pass():
    """Two months in 2023 are below the three of the Charter."""
    ds = dataset(record(person("P"), *official("X").events, *missed(1, 3)))
    assert_passes(ds, "REMOVE-3M", as_of=date(2023, 7, 1), reason="2023: 2 months")


def test_months_across_new_year_are_counted_per_calendar_year():
    """Nov, Dec 2023 and Jan 2024: two and one, no year reaches three (Q9: calendar years)."""
    events = [*missed(11, 12), *missed(1, year=2024)]
    ds = dataset(record(person("P"), *official("X").events, *events))
    passes = assert_passes(ds, "REMOVE-3M", as_of=date(2024, 3, 1))
    assert ["2023: 2 months", "2024: 1 months"] == [e.reason_en for e in passes]


def test_three_missed_months_followed_by_removal_pass():
    """Once removed (here in 2024), the missed months of 2023 need nothing more."""
    removal = ev.Removed(date=date(2024, 2, 1), reason=ev.RemovalReason.MISSED_ACTIVITIES)
    ds = dataset(record(person("P"), *official("X").events, *missed(1, 3, 6), removal))
    assert_passes(ds, "REMOVE-3M", as_of=date(2024, 3, 1), reason="removed")


# --- re-admission -------------------------------------------------------------------------


def readmission(
    exit_event,
    *,
    vote=date(2022, 8, 1),
    consent=date(2022, 8, 20),
    decision=date(2022, 9, 1),
    extra=(),
):
    """A member admitted in 2017, out by *exit_event*, re-admitted by *decision*."""
    events = [
        *probation(
            date(2017, 3, 1),
            review=date(2018, 3, 5),
            recognised=date(2018, 3, 20),
            official_from=date(2018, 3, 1),
        ),
        exit_event,
        *extra,
        # A new dossier: course, application and introductions two months before the vote.
        ev.AwarenessCourse(date=vote - timedelta(days=60)),
        ev.ApplicationFiled(date=vote - timedelta(days=60)),
        ev.IntroducersAssigned(date=vote - timedelta(days=60), introducers=("I1", "I2")),
        ev.CellResolution(date=vote, cell=CELL, votes_for=3, official_members=3),
        ev.AdmissionDecision(date=decision, received=decision),
    ]
    if consent is not None:
        events.append(ev.ProvincialConsent(date=consent, purpose=ev.ConsentPurpose.READMISSION))
    return dataset(record(person("P", date(1990, 1, 1)), *events))


REMOVED_2019 = ev.Removed(date=date(2019, 6, 1), reason=ev.RemovalReason.MISSED_ACTIVITIES)


def test_readmission_after_38_months_out_passes():
    """Removed 1/6/2019, voted again 1/8/2022: 38 months out (≥ 36)."""
    ds = readmission(REMOVED_2019)
    assert_passes(ds, "READMIT-WAIT", as_of=date(2022, 10, 1), reason="38 months out")


def test_readmission_on_the_36th_month_passes():
    """Voted on 1/6/2022, exactly 36 months after the removal."""
    ds = readmission(REMOVED_2019, vote=date(2022, 6, 1), decision=date(2022, 7, 1))
    assert_passes(ds, "READMIT-WAIT", as_of=date(2022, 8, 1), reason="36 months out")


def test_readmission_after_35_months_is_too_early():
    """Voted on 31/5/2022, one day short of 36 months (35 full months)."""
    ds = readmission(REMOVED_2019, vote=date(2022, 5, 31), decision=date(2022, 7, 1))
    assert_violation(
        run(ds, "READMIT-WAIT", as_of=date(2022, 8, 1)),
        "READMIT-WAIT",
        on=date(2022, 5, 31),
        document="24-QĐ/TW/2021",
        facts_={"months": 35, "need": 36, "day": date(2022, 5, 31)},
    )


LESS_SERIOUS = ev.Expelled(date=date(2017, 12, 1), ground=ev.ExpulsionGround.LESS_SERIOUS_CRIME)


def test_less_serious_crime_needs_60_months_after_the_record_is_cleared():
    """Record cleared 1/1/2018, voted 1/8/2022: 55 months, 60 needed."""
    # 1/1/2018 → 1/8/2022 = 4 years 7 months = 55 months.  Out since 1/12/2017: 56 months.
    cleared = ev.RecordCleared(date=date(2018, 1, 1))
    ds = readmission(LESS_SERIOUS, extra=(cleared,))
    assert_violation(
        run(ds, "READMIT-WAIT", as_of=date(2022, 10, 1)),
        "READMIT-WAIT",
        facts_={"need": 60, "months": 55},
    )


def test_less_serious_crime_60_months_after_clearing_passes():
    """Record cleared 1/8/2017, voted 1/8/2022: 60 months."""
    expelled = ev.Expelled(date=date(2017, 6, 1), ground=ev.ExpulsionGround.LESS_SERIOUS_CRIME)
    ds = readmission(expelled, extra=(ev.RecordCleared(date=date(2017, 8, 1)),))
    assert_passes(ds, "READMIT-WAIT", as_of=date(2022, 10, 1), reason="62 months out")


@pytest.mark.parametrize(
    ("exit_event", "why"),
    [
        (
            ev.Removed(date=date(2019, 6, 1), reason=ev.RemovalReason.ABANDONED),
            "tự ý bỏ sinh hoạt đảng",
        ),
        (ev.Removed(date=date(2019, 6, 1), reason=ev.RemovalReason.REQUESTED), "xin ra khỏi Đảng"),
        (
            ev.Removed(date=date(2019, 6, 1), reason=ev.RemovalReason.DISUNITY),
            "gây mất đoàn kết nghiêm trọng",
        ),
        (
            ev.Expelled(date=date(2019, 6, 1), ground=ev.ExpulsionGround.SERIOUS_CRIME),
            "bị kết án về tội tham nhũng hoặc tội nghiêm trọng trở lên",
        ),
    ],
)
def test_barred_exits_cannot_be_readmitted(exit_event, why):
    """Abandoning, asking to leave, disunity and serious crimes bar re-admission.

    The act judged is the cell's meeting on 1/8/2022 (the condition is one of
    admission); the reason is named in the message.
    """
    ds = readmission(exit_event)
    assert_violation(
        run(ds, "READMIT-BAR", as_of=date(2022, 10, 1)),
        "READMIT-BAR",
        on=date(2022, 8, 1),
        document="24-QĐ/TW/2021",
        facts_={"exit": date(2019, 6, 1)},
        message=why,
    )


@pytest.mark.parametrize(
    "reason", [ev.RemovalReason.MISSED_ACTIVITIES, ev.RemovalReason.REQUESTED_HARDSHIP]
)
def test_other_exits_may_be_readmitted(reason):
    """Removal for missed activities, or leaving for family hardship, does not bar."""
    ds = readmission(ev.Removed(date=date(2019, 6, 1), reason=reason))
    assert_passes(ds, "READMIT-BAR", as_of=date(2022, 10, 1), reason="does not bar re-admission")


def test_readmission_without_provincial_consent_is_a_violation():
    """No written consent of the provincial standing committee before the decision."""
    ds = readmission(REMOVED_2019, consent=None)
    assert_violation(
        run(ds, "READMIT-CONSENT", as_of=date(2022, 10, 1)),
        "READMIT-CONSENT",
        on=date(2022, 9, 1),
        facts_={"day": date(2022, 9, 1)},
    )


def test_consent_after_the_decision_does_not_count():
    """Consent dated 2/9/2022, after the decision of 1/9/2022, is not prior consent."""
    ds = readmission(REMOVED_2019, consent=date(2022, 9, 2))
    assert_violation(run(ds, "READMIT-CONSENT", as_of=date(2022, 10, 1)), "READMIT-CONSENT")


def test_readmission_with_prior_consent_passes():
    """Consent of 20/8/2022 before the decision of 1/9/2022."""
    ds = readmission(REMOVED_2019)
    assert_passes(ds, "READMIT-CONSENT", as_of=date(2022, 10, 1), reason="consent of 20/08/2022")


def test_second_readmission_is_a_violation():
    """Re-admitted in 2022, removed again in 2023 and re-admitted in 2027: twice."""
    first = readmission(REMOVED_2019).records[-1]
    again = [
        ev.AdmissionCeremony(date=date(2022, 9, 10), cell=CELL),
        ev.Removed(date=date(2023, 1, 5), reason=ev.RemovalReason.MISSED_ACTIVITIES),
        ev.ApplicationFiled(date=date(2027, 1, 5)),
        ev.CellResolution(date=date(2027, 2, 1), cell=CELL, votes_for=3, official_members=3),
        ev.ProvincialConsent(date=date(2027, 2, 10), purpose=ev.ConsentPurpose.READMISSION),
        ev.AdmissionDecision(date=date(2027, 3, 1)),
    ]
    ds = dataset(record(first.person, *first.events, *again))
    assert_violation(
        run(ds, "READMIT-ONCE", as_of=date(2027, 4, 1)),
        "READMIT-ONCE",
        on=date(2027, 2, 1),
        document="294-QĐ/TW/2025",
        facts_={"n": 2, "allowed": 1},
    )


def test_first_readmission_passes():
    """One re-admission is allowed."""
    ds = readmission(REMOVED_2019)
    assert_passes(ds, "READMIT-ONCE", as_of=date(2022, 10, 1), reason="Re-admission number 1")


def test_a_lawful_readmission_has_no_violation():
    """Removed 2019, re-admitted 2022 with consent and a new procedure: no violation at all."""
    ds = readmission(REMOVED_2019)
    bad = [
        f
        for f in check(ds, as_of=date(2022, 9, 5))
        if f.severity is Severity.VIOLATION and f.subject == "P"
    ]
    assert [] == bad
