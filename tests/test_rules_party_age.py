"""PARTY-AGE: party age as cited law, worked out by hand.

Party age counts from the admission decision (its signing date; without it,
the joining date on the card), to the day asked or the day of death, less
expulsion, removal, lost contact and transfer gaps; exemption still counts.
Gaps are deducted in whole months, then days (Civil Code month-end rule).
"""

from datetime import date

import pytest
from tests.common import (
    CELL,
    assert_evaluation,
    dataset,
    person,
    probation,
    record,
    run,
)

import dangvien
from dangvien.documents import Confidence
from dangvien.model import events as ev
from dangvien.parameters import ParameterNotCovered, PartyAgeGap, PartyAgeStart
from dangvien.rules import Gap, Status, party_age, party_age_months

# Ceremony 22/3/2008, so the decision is of 12/3/2008 (the builder: 10 days before);
# official from 22/3/2009 (recognised 2/4/2009).
ADMITTED_2008 = probation(
    date(2008, 3, 22),
    review=date(2009, 3, 25),
    recognised=date(2009, 4, 2),
    official_from=date(2009, 3, 22),
)
ON = date(2026, 1, 5)


def member(*extra, pid="P"):
    """A member admitted in 2008 (born 1980), with *extra* events."""
    return record(person(pid, date(1980, 5, 5)), *ADMITTED_2008, *extra)


def test_2008_member_on_5_january_2026():
    """12/3/2008 → 5/1/2026 = 17 years 9 months = 213 months, under 294-QĐ/TW and 06-HD/TW."""
    # 12/3/2008 + 17 y = 12/3/2025; + 9 m = 12/12/2025 ≤ 5/1/2026 < 12/1/2026.
    age = party_age(member(), ON)
    assert age is not None
    assert (213, date(2008, 3, 12), ON, PartyAgeStart.DECISION_SIGNED, ()) == (
        age.months,
        age.since,
        age.until,
        age.start,
        age.gaps,
    )
    assert "294-QĐ/TW ngày 26/5/2025, điểm 4.5.1" == age.citation.text
    assert ["06-HD/TW ngày 9/6/2025, mục 5.3", "294-QĐ/TW ngày 26/5/2025, điểm 4.5.1"] == [
        c.text for c in age.basis
    ]
    assert (17, Confidence.A) == (age.years, age.confidence)


def test_party_age_is_the_same_through_the_package():
    """dangvien.party_age is the rules' function; party_age_months gives its months."""
    assert dangvien.party_age is party_age
    assert 213 == party_age_months(member(), ON)


def test_asked_under_23_qd_tw_the_2006_charter_counts_it():
    """On 1/6/2010: 2 years 2 months (26), from the date in the decision (Charter 2006, C)."""
    # 12/3/2008 + 26 m = 12/5/2010 ≤ 1/6/2010 < 12/6/2010.
    age = party_age(member(), date(2010, 6, 1))
    assert age is not None
    assert (26, PartyAgeStart.DECISION_DATE, "dieu-le-2006", Confidence.C) == (
        age.months,
        age.start,
        age.citation.document.key,
        age.confidence,
    )


@pytest.mark.parametrize(
    ("on", "document", "provision", "grade"),
    [
        # Before 29-QĐ/TW the gaps are an assumption on the 2011 Charter's words (C).
        (date(2016, 7, 24), "dieu-le-2011", "Điều 5, khoản 4", Confidence.C),
        (date(2016, 7, 25), "29-QĐ/TW/2016", "điểm 4.5a", Confidence.A),
        (date(2021, 7, 30), "24-QĐ/TW/2021", "điểm 4.5.1", Confidence.A),
        (date(2025, 6, 30), "232-QĐ/TW/2025", "điểm 4.5.1", Confidence.A),
        (date(2025, 7, 1), "294-QĐ/TW/2025", "điểm 4.5.1", Confidence.A),
    ],
)
def test_the_citation_is_the_one_in_force_on_the_day_asked(on, document, provision, grade):
    """Each regime boundary changes the provision cited, not the way the age is counted."""
    age = party_age(member(), on)
    assert age is not None
    assert (document, provision, grade) == (
        age.citation.document.key,
        age.citation.provision,
        age.citation.confidence,
    )


def test_a_deceased_members_age_is_fixed_on_the_day_of_death():
    """Decision 31/1/2000, died 28/2/2010: 121 months, asked in 2010 or in 2026."""
    # 31/1/2000 + 120 m = 31/1/2010; + 121 m = 28/2/2010 (February has no 31st: the
    # month-end rule), which is the day of death: 121.  Counting the days after death
    # as a gap moved the start to 2/3/2000 and gave 120 on 31/3/2010.
    events = probation(
        date(2000, 2, 10), recognised=date(2001, 2, 20), official_from=date(2001, 2, 10)
    )
    died = record(person("P", date(1975, 1, 1)), *events, ev.Died(date=date(2010, 2, 28)))
    for asked in (date(2010, 3, 31), date(2016, 7, 25), ON):
        age = party_age(died, asked)
        assert age is not None
        assert (121, date(2010, 2, 28), True) == (age.months, age.until, age.deceased)


# Admitted by a decision of 1/3/1994 (official 15/3/1995); removed on 15/1/2010;
# re-admitted by a decision of 20/3/2013, official from 1/4/2014.
READMITTED = [
    ev.ListedSympathizer(date=date(1993, 6, 1), cell=CELL),
    ev.ApplicationFiled(date=date(1993, 9, 1)),
    ev.CellResolution(date=date(1994, 2, 1), cell=CELL, votes_for=5, official_members=6),
    ev.AdmissionDecision(date=date(1994, 3, 1)),
    ev.AdmissionCeremony(date=date(1994, 3, 15), cell=CELL),
    ev.RecognitionDecision(date=date(1995, 3, 20), official_from=date(1995, 3, 15)),
    ev.Removed(date=date(2010, 1, 15), reason=ev.RemovalReason.MISSED_ACTIVITIES),
    ev.ApplicationFiled(date=date(2013, 1, 10)),
    ev.CellResolution(date=date(2013, 2, 20), cell=CELL, votes_for=5, official_members=6),
    ev.AdmissionDecision(date=date(2013, 3, 20)),
    ev.AdmissionCeremony(date=date(2013, 4, 1), cell=CELL),
    ev.RecognitionDecision(date=date(2014, 4, 10), official_from=date(2014, 4, 1)),
]


def test_a_readmitted_member_counts_from_the_first_decision_less_the_gap():
    """Out 15/1/2010 – 20/3/2013 (38 months 5 days): 343 months on 5/1/2026."""
    # 15/1/2010 + 38 m = 15/3/2013, + 5 days = 20/3/2013.  Start 1/3/1994 + 38 m =
    # 1/5/1997, + 5 days = 6/5/1997.  To 5/1/2026: 28 y = 6/5/2025, + 7 m = 6/12/2025:
    # 28 × 12 + 7 = 343.
    age = party_age(record(person("P", date(1970, 1, 1)), *READMITTED), ON)
    assert age is not None
    assert (343, date(1994, 3, 1)) == (age.months, age.since)
    assert (Gap(PartyAgeGap.REMOVED, date(2010, 1, 15), date(2013, 3, 20)),) == age.gaps


def test_no_party_age_during_the_second_probation():
    """On 1/1/2014 the re-admitted member is probationary again: not yet counted."""
    assert party_age(record(person("P", date(1970, 1, 1)), *READMITTED), date(2014, 1, 1)) is None


def test_lost_contact_is_not_counted():
    """Lost 1/6/2015, restored 1/9/2016: 15 months off; 213 − 15 = 198."""
    # Start 12/3/2008 + 15 m = 12/6/2009; to 5/1/2026: 16 y 6 m = 198.
    age = party_age(
        member(ev.ContactLost(date=date(2015, 6, 1)), ev.ContactRestored(date=date(2016, 9, 1))),
        ON,
    )
    assert age is not None
    assert 198 == age.months
    assert (Gap(PartyAgeGap.LOST_CONTACT, date(2015, 6, 1), date(2016, 9, 1)),) == age.gaps


def test_contact_still_lost_runs_to_the_day_asked():
    """Lost on 5/10/2025 and not restored: 3 months off on 5/1/2026 (213 − 3 = 210)."""
    # Start 12/3/2008 + 3 m = 12/6/2008; to 5/1/2026: 17 y 6 m = 210.
    age = party_age(member(ev.ContactLost(date=date(2025, 10, 5))), ON)
    assert age is not None
    assert 210 == age.months


def test_exemption_is_not_a_gap():
    """Exempted from work and activities on 1/1/2015: the party age runs on (213)."""
    ds = dataset(member(ev.Exempted(date=date(2015, 1, 1))))
    assert 213 == party_age_months(ds.records[-1], ON)
    e = assert_evaluation(ds, "PARTY-AGE", Status.PASS, as_of=ON)
    assert "time exempted from work and activities still counts" in e.reason_en


TRANSFER = [
    ev.TransferredOut(date=date(2018, 3, 1), destination="xã khác"),
    ev.TransferredIn(date=date(2018, 6, 1), source="xã khác", cell=CELL),
]


def test_a_transfer_gap_is_not_counted():
    """Out 1/3/2018, back 1/6/2018: 3 months off, 210."""
    age = party_age(member(*TRANSFER), ON)
    assert age is not None
    assert (210, (Gap(PartyAgeGap.TRANSFER, date(2018, 3, 1), date(2018, 6, 1)),)) == (
        age.months,
        age.gaps,
    )


def test_overlapping_gaps_are_deducted_once():
    """Transfer 1/3–1/6/2018 and lost contact 1/4–1/7/2018: 4 months off in all, 209."""
    # The union is 1/3/2018 – 1/7/2018 = 4 months: 213 − 4 = 209.
    lost = [ev.ContactLost(date=date(2018, 4, 1)), ev.ContactRestored(date=date(2018, 7, 1))]
    age = party_age(member(*TRANSFER, *lost), ON)
    assert age is not None
    assert 209 == age.months
    assert {PartyAgeGap.TRANSFER, PartyAgeGap.LOST_CONTACT} == {g.kind for g in age.gaps}


def test_without_a_decision_the_card_date_counts_under_the_guidance():
    """Transferred in 2012 with only the 10/5/2005 ceremony recorded: the card's joining date."""
    # Under 06-HD/TW 5.3: 10/5/2005 → 5/1/2026 = 20 y 7 m = 247.  Under the 2011
    # Charter alone (asked 1/1/2015), the decision's date is needed: no party age.
    r = record(
        person("P", date(1980, 1, 1)),
        ev.AdmissionCeremony(date=date(2005, 5, 10), cell=CELL),
        ev.TransferredIn(date=date(2012, 1, 1), source="tỉnh khác", cell=CELL),
    )
    age = party_age(r, ON)
    assert age is not None
    assert (247, PartyAgeStart.CARD_DATE) == (age.months, age.start)
    assert party_age(r, date(2015, 1, 1)) is None


def test_no_party_age_for_a_probationary_or_removed_person():
    """Probationary on 1/1/2009; removed on 5/1/2026: neither has a party age."""
    assert party_age(member(), date(2009, 1, 1)) is None
    removed = member(ev.Removed(date=date(2020, 1, 1), reason=ev.RemovalReason.REQUESTED))
    assert party_age(removed, ON) is None


def test_before_the_encoded_law_the_question_is_not_covered():
    """Asked on 1/1/2005, before the 2006 Charter: a NotCoveredError, not a guess."""
    with pytest.raises(ParameterNotCovered):
        party_age(member(), date(2005, 1, 1))


# --- the rule in explain -----------------------------------------------------------------


def test_explain_states_the_age_with_its_citations():
    """PARTY-AGE passes with the age, the start, and 294-QĐ/TW 4.5.1 and 06-HD/TW 5.3."""
    e = assert_evaluation(dataset(member()), "PARTY-AGE", Status.PASS, as_of=ON)
    assert (
        "Party age 17 years 9 months on 05/01/2026, counted from 12/03/2008 (the day the "
        "admission decision was signed (without it, the joining date on the party card)); "
        "no period deducted (time exempted from work and activities still counts); under "
        "294-QĐ/TW ngày 26/5/2025, điểm 4.5.1; 06-HD/TW ngày 9/6/2025, mục 5.3"
    ) == e.reason_en
    assert e.reason_vi.startswith("Tuổi đảng 17 tuổi 9 tháng tính đến ngày 05/01/2026")


def test_explain_names_the_gaps_and_the_death():
    """A re-admitted member who died on 1/12/2025: the removal gap and the fixed age."""
    # 1/3/1994 less 38 m 5 d → 6/5/1997; to 1/12/2025: 28 y 6 m = 342.
    r = record(person("P", date(1970, 1, 1)), *READMITTED, ev.Died(date=date(2025, 12, 1)))
    e = assert_evaluation(dataset(r), "PARTY-AGE", Status.PASS, as_of=ON)
    assert "Died on 01/12/2025: party age stays 28 years 6 months" in e.reason_en
    assert "not counting time struck off from 15/01/2010 to 20/03/2013" in e.reason_en


def test_explain_says_why_there_is_none():
    """A probationary member: not applicable, with the Charter's reason."""
    e = assert_evaluation(
        dataset(member()), "PARTY-AGE", Status.NOT_APPLICABLE, as_of=date(2009, 1, 1)
    )
    assert "Not an official member on 01/01/2009" in e.reason_en


def test_check_never_reports_party_age():
    """PARTY-AGE informs explain only: check gives no finding."""
    assert [] == run(dataset(member()), "PARTY-AGE", as_of=ON)
