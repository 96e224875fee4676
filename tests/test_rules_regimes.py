"""Worked examples at each regime boundary: every act judged under the law of its date.

The regimes (see tests/test_regimes.py): 23-QĐ/TW from 31/10/2006 (with
03-HD/BTCTW from 29/12/2006), the 2011 Charter from 19/1/2011, 45-QĐ/TW from
1/11/2011 (01-HD/TW from 5/1/2012), 29-QĐ/TW from 25/7/2016, 24-QĐ/TW from
30/7/2021, 232-QĐ/TW from 20/1/2025, 06-HD/TW from 9/6/2025 and 294-QĐ/TW from
1/7/2025.  Working days are counted by hand, the day of the act excluded.
"""

from datetime import date

from tests.common import (
    admission,
    assert_evaluation,
    assert_no_finding,
    assert_violation,
    dataset,
    evaluations,
    official,
    person,
    probation,
    record,
    run,
)

from dangvien.documents import Confidence
from dangvien.findings import Severity
from dangvien.model import events as ev
from dangvien.model.people import EducationLevel
from dangvien.model.stages import Stage
from dangvien.rules import Act, Status, check, due, explain

ON = date(2026, 1, 5)


def old_cell(*records, introducers=("I1", "I2", "I3")):
    """A cell whose introducers have been official members since 1/1/2000."""
    members = [official(pid, since=date(2000, 1, 1)) for pid in introducers]
    return dataset(*members, *records, introducers=False)


# --- a member admitted in 2008, explained in 2026 -----------------------------------------

# Born 10/6/1985; the cell voted on 1/2/2008 (3 of 3); decision 12/3/2008, ceremony
# 22/3/2008, official from 22/3/2009 (recognised 2/4/2009), card 10/5/2009.
ADMITTED_2008 = [
    *admission(
        date(2008, 2, 1),
        decision=date(2008, 3, 12),
        received=date(2008, 3, 12),
        ceremony=date(2008, 3, 22),
    ),
    ev.RecognitionResolution(date=date(2009, 3, 25), cell="cb01", votes_for=3, official_members=3),
    ev.RecognitionDecision(date=date(2009, 4, 2), official_from=date(2009, 3, 22)),
    ev.CardIssued(date=date(2009, 5, 10)),
]


def test_explain_2008_member_judges_each_act_under_the_law_of_its_date():
    """Each rule's verdict names the law of the act's date, or says the law did not reach it."""
    ds = old_cell(record(person("P", date(1985, 6, 10)), *ADMITTED_2008))
    by_rule = {e.rule: e for e in explain(ds, "P", on=ON)}
    expected = {
        # The cell meeting of 1/2/2008: 23-QĐ/TW and the 2006 Charter.
        "ADMIT-AGE-MIN": (Status.PASS, "under 23-QĐ/TW ngày 31/10/2006, điểm 1.1a"),
        "ADMIT-EDU-MIN": (Status.PASS, "under 23-QĐ/TW ngày 31/10/2006, điểm 1.2a"),
        "INTRO-COUNT": (Status.PASS, "under Điều lệ Đảng ngày 25/4/2006, Điều 4, khoản 1"),
        "CHIBO-VOTE-ADMIT": (Status.PASS, "under Điều lệ Đảng ngày 25/4/2006, Điều 4, khoản 3"),
        # No time limit before 29-QĐ/TW was found: not judged, and said so.
        "DECIDE-ADMIT-DEADLINE": (Status.NOT_APPLICABLE, "01/02/2008 is before 25/07/2016"),
        "CEREMONY-DEADLINE": (Status.NOT_APPLICABLE, "12/03/2008 is before 25/07/2016"),
        "CARD-OFFICIAL-ONLY": (Status.NOT_APPLICABLE, "10/05/2009 is before 25/07/2016"),
        "AWARE-REQUIRED": (Status.NOT_APPLICABLE, "01/02/2008 is before 20/09/2016"),
        # The recognition decision of 2/4/2009: the 2006 Charter's 12 months.
        "OFF-EFFECTIVE": (Status.PASS, "under Điều lệ Đảng ngày 25/4/2006, Điều 5, khoản 1"),
        "OFF-VOTE": (Status.PASS, "under Điều lệ Đảng ngày 25/4/2006, Điều 5, khoản 2"),
        # Party age is counted today, under today's law: 17 y 9 m from 12/3/2008.
        "PARTY-AGE": (Status.PASS, "Party age 17 years 9 months on 05/01/2026"),
    }
    for rule_id, (status, words) in expected.items():
        e = by_rule[rule_id]
        assert (rule_id, status) == (rule_id, e.status), e.reason_en
        assert words in e.reason_en, (rule_id, e.reason_en)
    assert "294-QĐ/TW ngày 26/5/2025, điểm 4.5.1" in by_rule["PARTY-AGE"].reason_en


def test_the_2008_member_has_no_finding():
    """Lawful under the law of 2008: check finds nothing about P."""
    ds = old_cell(record(person("P", date(1985, 6, 10)), *ADMITTED_2008))
    assert [] == [f for f in check(ds, as_of=ON) if f.subject == "P"]


def test_a_2008_vote_below_two_thirds_violates_the_2006_charter():
    """1 of 3 official members approving on 1/2/2008 is below 2/3 (2): cited to the 2006 Charter."""
    events = admission(date(2008, 2, 1), votes=(1, 3))
    ds = old_cell(record(person("P", date(1985, 6, 10)), *events))
    f = assert_violation(
        run(ds, "CHIBO-VOTE-ADMIT", as_of=ON), "CHIBO-VOTE-ADMIT", document="dieu-le-2006"
    )
    assert ("Điều 4, khoản 3", Confidence.B) == (f.citation.provision, f.confidence)


# --- month-end birthdays under 23-QĐ/TW -----------------------------------------------------


def test_born_29_february_is_18_on_28_february_2010():
    """Born 29/2/1992: 18 on 28/2/2010 (no 29th in 2010; month-end rule), under 23-QĐ/TW."""
    ds = old_cell(record(person("P", date(1992, 2, 29)), *admission(date(2010, 2, 28))))
    e = assert_evaluation(ds, "ADMIT-AGE-MIN", Status.PASS, as_of=date(2010, 4, 1))
    assert "18 years 0 months" in e.reason_en
    assert "23-QĐ/TW ngày 31/10/2006, điểm 1.1a" in e.reason_en


def test_born_29_february_is_not_18_on_27_february_2010():
    """One day short at a meeting on 27/2/2010: a violation of 23-QĐ/TW 1.1a."""
    ds = old_cell(record(person("P", date(1992, 2, 29)), *admission(date(2010, 2, 27))))
    f = assert_violation(
        run(ds, "ADMIT-AGE-MIN", as_of=date(2010, 4, 1)),
        "ADMIT-AGE-MIN",
        document="23-QĐ/TW/2006",
        facts_={"reached": date(2010, 2, 28), "short": 1, "age": 17 * 12 + 11},
    )
    assert Confidence.A == f.confidence


# --- a 2012 admission under 45-QĐ/TW ---------------------------------------------------------


def test_a_2012_applicant_with_primary_school_fails_under_45_qd_tw_grade_c():
    """Primary school at a meeting on 15/5/2012: below 'THCS or equivalent' (assumed, C)."""
    p = person("P", date(1980, 1, 1), education=EducationLevel.PRIMARY)
    ds = old_cell(record(p, *admission(date(2012, 5, 15))))
    f = assert_violation(
        run(ds, "ADMIT-EDU-MIN", as_of=ON),
        "ADMIT-EDU-MIN",
        document="45-QĐ/TW/2011",
        facts_={"need": EducationLevel.LOWER_SECONDARY_EQUIVALENT},
    )
    assert Confidence.C == f.confidence


def test_a_2012_special_area_applicant_with_primary_school_passes():
    """In a special area primary school is enough (as 23-QĐ/TW 1.2b; 45-QĐ/TW assumed alike)."""
    p = person("P", date(1980, 1, 1), education=EducationLevel.PRIMARY, special_area=True)
    ds = old_cell(record(p, *admission(date(2012, 5, 15))))
    assert_no_finding(run(ds, "ADMIT-EDU-MIN", as_of=ON), "ADMIT-EDU-MIN")


def test_a_2012_minor_is_judged_on_the_2011_charters_18_years():
    """Born 1/1/1995, voted 15/5/2012: 17 years 4 months, short of the Charter's 18 (grade B)."""
    ds = old_cell(record(person("P", date(1995, 1, 1)), *admission(date(2012, 5, 15))))
    f = assert_violation(
        run(ds, "ADMIT-AGE-MIN", as_of=ON), "ADMIT-AGE-MIN", document="dieu-le-2011"
    )
    assert ("Điều 1, khoản 2", Confidence.B) == (f.citation.provision, f.confidence)


def test_readmission_wait_is_judged_from_45_qd_tw():
    """Removed 1/3/2010, the cell considers re-admission on 1/2/2013: 35 months < 36 (B)."""
    # 1/3/2010 + 35 m = 1/2/2013 ≤ 1/2/2013 < 1/3/2013: 35 full months.
    first = probation(
        date(2001, 3, 10), recognised=date(2002, 3, 20), official_from=date(2002, 3, 10)
    )
    events = [
        *first,
        ev.Removed(date=date(2010, 3, 1), reason=ev.RemovalReason.MISSED_ACTIVITIES),
        *admission(date(2013, 2, 1))[1:],  # applying again: no second listing
    ]
    ds = old_cell(record(person("P", date(1975, 1, 1)), *events))
    f = assert_violation(
        run(ds, "READMIT-WAIT", as_of=ON),
        "READMIT-WAIT",
        document="45-QĐ/TW/2011",
        facts_={"months": 35, "need": 36},
    )
    assert Confidence.B == f.confidence


def test_a_2009_readmission_is_not_judged():
    """No re-admission wait of 23-QĐ/TW was found: a 2009 meeting is before the rule's law."""
    first = probation(
        date(2001, 3, 10), recognised=date(2002, 3, 20), official_from=date(2002, 3, 10)
    )
    events = [
        *first,
        ev.Removed(date=date(2008, 3, 1), reason=ev.RemovalReason.MISSED_ACTIVITIES),
        *admission(date(2009, 2, 1))[1:],
    ]
    ds = old_cell(record(person("P", date(1975, 1, 1)), *events))
    assert_no_finding(run(ds, "READMIT-WAIT", as_of=ON), "READMIT-WAIT")
    e = assert_evaluation(ds, "READMIT-WAIT", Status.NOT_APPLICABLE, as_of=ON)
    assert "01/02/2009 is before 01/11/2011" in e.reason_en


# --- an old register that misses steps ----------------------------------------------------


def test_introducers_not_recorded_in_2008_are_not_a_violation():
    """No introducers recorded for the 2008 meeting: 'not recorded'; in 2017 a violation."""
    old = old_cell(
        record(person("P", date(1985, 6, 10)), *admission(date(2008, 2, 1), with_introducers=False))
    )
    assert_no_finding(run(old, "INTRO-COUNT", as_of=ON), "INTRO-COUNT")
    e = assert_evaluation(old, "INTRO-COUNT", Status.NOT_APPLICABLE, as_of=ON)
    assert "the register does not record the introducers (on 01/02/2008)" in e.reason_en
    new = old_cell(
        record(person("P", date(1985, 6, 10)), *admission(date(2017, 2, 1), with_introducers=False))
    )
    assert_violation(run(new, "INTRO-COUNT", as_of=ON), "INTRO-COUNT", document="dieu-le-2011")


def test_an_introducer_unknown_to_an_old_register_is_not_recorded():
    """In 2008 an introducer absent from the register is unknown, not a warning."""
    events = admission(date(2008, 2, 1), introducers=("I1", "X9"))
    ds = old_cell(record(person("P", date(1985, 6, 10)), *events))
    assert_no_finding(run(ds, "INTRO-OFFICIAL-ONLY", as_of=ON), "INTRO-OFFICIAL-ONLY")
    reasons = [e.reason_en for e in evaluations(ds, "INTRO-OFFICIAL-ONLY", as_of=ON)]
    assert any("the party history of introducer X9" in r for r in reasons), reasons


def test_a_history_starting_at_the_decision_is_not_an_order_violation_before_2016():
    """A 2008 record starting with the decision lacks earlier steps: not recorded.

    The same gap in 2017 is an EVENT-ORDER warning (the steps are judged
    missing from the register from 25/7/2016). Either way P is admitted.
    """
    old = old_cell(
        record(person("P", date(1985, 6, 10)), ev.AdmissionDecision(date=date(2008, 3, 12)))
    )
    assert_no_finding(run(old, "EVENT-ORDER", as_of=ON), "EVENT-ORDER")
    new = old_cell(
        record(person("P", date(1985, 6, 10)), ev.AdmissionDecision(date=date(2017, 3, 13)))
    )
    assert_violation(
        run(new, "EVENT-ORDER", as_of=ON),
        "EVENT-ORDER",
        on=date(2017, 3, 13),
        severity=Severity.WARNING,
    )
    assert Stage.ADMITTED == old.record("P").stage_at(date(2008, 3, 12))


# --- 24/7/2016 vs 25/7/2016: the first time limits --------------------------------------------


def test_a_decision_limit_starting_24_july_2016_is_not_judged():
    """Cell resolution 24/7/2016, decision 1/12/2016: no limit in the law of 24/7."""
    events = admission(date(2016, 7, 24), decision=date(2016, 12, 1))
    ds = old_cell(record(person("P", date(1985, 6, 10)), *events))
    assert_no_finding(run(ds, "DECIDE-ADMIT-DEADLINE", as_of=ON), "DECIDE-ADMIT-DEADLINE")
    e = assert_evaluation(ds, "DECIDE-ADMIT-DEADLINE", Status.NOT_APPLICABLE, as_of=ON)
    assert "24/07/2016 is before 25/07/2016" in e.reason_en


def test_a_decision_limit_starting_25_july_2016_is_29_qd_tw():
    """Resolution Mon 25/7/2016: 60 WD to 18/10/2016, +30 to 29/11/2016; 1/12/2016 is late."""
    # After Mon 25/7: 26–29/7 (4); 1–5/8 (9); 8–12/8 (14); 15–19/8 (19); 22–26/8 (24);
    # 29/8–1/9 (28); Fri 2/9 National Day off; 5–9/9 (33); 12–16/9 (38); 19–23/9 (43);
    # 26–30/9 (48); 3–7/10 (53); 10–14/10 (58); 17–18/10 (60) → Tue 18/10/2016.
    # 30 more: 19–21/10 (3); 24–28/10 (8); 31/10–4/11 (13); 7–11/11 (18); 14–18/11 (23);
    # 21–25/11 (28); 28–29/11 (30) → Tue 29/11/2016.
    events = admission(date(2016, 7, 25), decision=date(2016, 12, 1))
    ds = old_cell(record(person("P", date(1985, 6, 10)), *events))
    assert_violation(
        run(ds, "DECIDE-ADMIT-DEADLINE", as_of=ON),
        "DECIDE-ADMIT-DEADLINE",
        limit=date(2016, 10, 18),
        document="29-QĐ/TW/2016",
        facts_={"ext": date(2016, 11, 29), "late": 32},
    )


def test_a_review_limit_runs_from_the_end_of_probation_not_the_ceremony():
    """Ceremony 29/2/2016 (under 45-QĐ/TW); probation ends 28/2/2017: judged under 29-QĐ/TW."""
    # 29/2/2016 + 12 months = 28/2/2017 (no 29th: month-end rule).  30 WD after Tue
    # 28/2/2017: 1–3/3 (3); 6–10/3 (8); 13–17/3 (13); 20–24/3 (18); 27–31/3 (23);
    # 3–5/4 (26); Thu 6/4 Giỗ Tổ off; 7/4 (27); 10–12/4 (30) → Wed 12/4/2017.
    late = probation(date(2016, 2, 29), review=date(2017, 4, 13))
    ds = old_cell(record(person("P", date(1985, 6, 10)), *late))
    assert_violation(
        run(ds, "OFF-REVIEW-DEADLINE", as_of=date(2017, 5, 1)),
        "OFF-REVIEW-DEADLINE",
        limit=date(2017, 4, 12),
        document="29-QĐ/TW/2016",
        facts_={"late": 1},
    )
    in_time = probation(date(2016, 2, 29), review=date(2017, 4, 12))
    ds = old_cell(record(person("P", date(1985, 6, 10)), *in_time))
    assert_no_finding(run(ds, "OFF-REVIEW-DEADLINE", as_of=date(2017, 5, 1)), "OFF-REVIEW-DEADLINE")


# --- 30/6/2025 vs 1/7/2025: 60 or 45 working days -------------------------------------------


def test_resolution_of_30_june_2025_has_60_working_days():
    """Resolution Mon 30/6/2025: 60 WD to Wed 24/9/2025; a decision on 10/9 is in time."""
    # After 30/6: 1–4/7 (4); 7–11/7 (9); 14–18/7 (14); 21–25/7 (19); 28/7–1/8 (24);
    # 4–8/8 (29); 11–15/8 (34); 18–22/8 (39); 25–29/8 (44); Mon 1/9, Tue 2/9 off;
    # 3–5/9 (47); 8–12/9 (52); 15–19/9 (57); 22–24/9 (60) → Wed 24/9/2025 (232-QĐ/TW).
    events = admission(date(2025, 6, 30), decision=date(2025, 9, 10))
    ds = old_cell(record(person("P", date(1995, 6, 10)), *events))
    e = assert_evaluation(ds, "DECIDE-ADMIT-DEADLINE", Status.PASS, as_of=date(2025, 10, 1))
    assert "24/09/2025" in e.reason_en
    assert "232-QĐ/TW ngày 20/1/2025, điểm 4.3.1" in e.reason_en


def test_resolution_of_1_july_2025_has_45_working_days():
    """Resolution Tue 1/7/2025: 45 WD to Thu 4/9/2025, +15 to Thu 25/9; 10/9 is in the extension."""
    # After 1/7: 2–4/7 (3); 7–11/7 (8); 14–18/7 (13); 21–25/7 (18); 28/7–1/8 (23);
    # 4–8/8 (28); 11–15/8 (33); 18–22/8 (38); 25–29/8 (43); 1–2/9 off; 3–4/9 (45)
    # → Thu 4/9/2025.  15 more: 5/9 (1); 8–12/9 (6); 15–19/9 (11); 22–25/9 (15) → 25/9.
    # 10/9 is 4 working days late (5, 8, 9, 10 September).
    events = admission(date(2025, 7, 1), decision=date(2025, 9, 10))
    ds = old_cell(record(person("P", date(1995, 6, 10)), *events))
    f = assert_violation(
        run(ds, "DECIDE-ADMIT-DEADLINE", as_of=date(2025, 10, 1)),
        "DECIDE-ADMIT-DEADLINE",
        severity=Severity.WARNING,
        limit=date(2025, 9, 4),
        document="294-QĐ/TW/2025",
        facts_={"ext": date(2025, 9, 25), "late": 4},
    )
    assert Confidence.A == f.confidence


def test_resolution_of_1_july_2025_decided_after_the_extension_is_late():
    """Decided Fri 26/9/2025, after the 15-WD extension (25/9): a violation."""
    events = admission(date(2025, 7, 1), decision=date(2025, 9, 26))
    ds = old_cell(record(person("P", date(1995, 6, 10)), *events))
    assert_violation(
        run(ds, "DECIDE-ADMIT-DEADLINE", as_of=date(2025, 10, 1)),
        "DECIDE-ADMIT-DEADLINE",
        limit=date(2025, 9, 4),
        facts_={"ext": date(2025, 9, 25)},
    )


def test_recognition_extension_is_15_working_days_from_1_july_2025():
    """Recognition resolution Tue 1/7/2025: 30 WD to Tue 12/8, +15 to Thu 4/9/2025."""
    # After 1/7: 2–4/7 (3); 7–11/7 (8); 14–18/7 (13); 21–25/7 (18); 28/7–1/8 (23);
    # 4–8/8 (28); 11–12/8 (30) → Tue 12/8.  15 more: 13–15/8 (3); 18–22/8 (8);
    # 25–29/8 (13); 1–2/9 off; 3–4/9 (15) → Thu 4/9/2025.  Decided 20/8: in the extension.
    events = probation(
        date(2024, 6, 20),
        review=date(2025, 7, 1),
        recognised=date(2025, 8, 20),
        official_from=date(2025, 6, 20),
    )
    ds = old_cell(record(person("P", date(1995, 6, 10)), *events))
    assert_violation(
        run(ds, "OFF-DECIDE-DEADLINE", as_of=date(2025, 10, 1)),
        "OFF-DECIDE-DEADLINE",
        severity=Severity.WARNING,
        limit=date(2025, 8, 12),
        document="294-QĐ/TW/2025",
        facts_={"ext": date(2025, 9, 4)},
    )


# --- 9/6/2025: the new guidance beside 232-QĐ/TW -----------------------------------------------


def test_between_9_and_30_june_2025_the_guidance_is_06_hd_tw_and_the_regulation_232():
    """A meeting on 20/6/2025: age cited to 232-QĐ/TW, certificate validity to 06-HD/TW."""
    # Certificate of 10/6/2020 + 60 months = 10/6/2025: expired at the meeting of 20/6/2025.
    ds = old_cell(
        record(
            person("P", date(2008, 1, 1)), *admission(date(2025, 6, 20), course=date(2020, 6, 10))
        )
    )
    found = check(ds, as_of=date(2025, 7, 1))
    age = assert_violation(found, "ADMIT-AGE-MIN", document="232-QĐ/TW/2025")
    cert = assert_violation(found, "AWARE-VALIDITY", document="06-HD/TW/2025")
    assert ("điểm 1.1.1", "mục 5.4b") == (age.citation.provision, cert.citation.provision)


def test_due_in_2009_lists_the_end_of_a_2008_probation():
    """As of 1/1/2009, the probation begun at the ceremony of 22/3/2008 ends on 22/3/2009."""
    # The 2006 Charter's 12 months: 22/3/2008 + 12 months = 22/3/2009.  No working-day
    # limit of that time is encoded, so nothing else falls due.
    events = admission(
        date(2008, 2, 1),
        decision=date(2008, 3, 12),
        received=date(2008, 3, 12),
        ceremony=date(2008, 3, 22),
    )
    ds = old_cell(record(person("P", date(1985, 6, 10)), *events))
    items = due(ds, date(2009, 1, 1), date(2009, 6, 30), as_of=date(2009, 1, 1))
    assert [("P", Act.PROBATION_END, date(2009, 3, 22))] == [
        (i.subject, i.act, i.due) for i in items
    ]
    assert "dieu-le-2006" == items[0].finding.citation.document.key
