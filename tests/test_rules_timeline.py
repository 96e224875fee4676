"""Time limits and order of acts: worked examples counted by hand over the 2024–2026 calendar.

Working days exclude the day of the act (Civil Code 2015, art. 147).  The
comments list the working days counted, week by week, from the official
schedules: Tết Ất Tỵ 27–31/1/2025, Giỗ Tổ 7/4/2025, 30/4–2/5/2025 with Saturday
26/4/2025 worked, 1–2/9/2025; 1–2/1/2026 with Saturday 10/1/2026 worked.
"""

from datetime import date
from fractions import Fraction

from tests.common import (
    admission,
    assert_evaluation,
    assert_no_finding,
    assert_passes,
    assert_violation,
    dataset,
    evaluations,
    person,
    probation,
    record,
    run,
)

from dangvien.documents import Citation, Confidence
from dangvien.findings import Severity
from dangvien.messages import Text
from dangvien.model import events as ev
from dangvien.model.stages import Stage
from dangvien.parameters import CEREMONY_WD, default_parameters
from dangvien.rules import Status, check


def ds_of(*events):
    """A dataset with person P having *events*."""
    return dataset(record(person("P"), *events))


# --- DECIDE-ADMIT-DEADLINE: 60 (+30) working days across Tết and Giỗ Tổ ----------------
#
# Cell resolution Mon 20/1/2025 (the first day of 232-QĐ/TW). Working days after it:
#   1–4    Tue 21 – Fri 24/1            (Sat 25 – Sun 2/2: weekend and Tết 27–31/1)
#   5–29   3/2 – 7/3, five full weeks
#   30     Mon 10/3
#   31–34  11–14/3;  35–39 17–21/3;  40–44 24–28/3;  45–49 31/3 – 4/4
#          (Mon 7/4 Giỗ Tổ off)
#   50–53  8–11/4;   54–58 14–18/4;  59 Mon 21/4;    60 Tue 22/4   ← limit
#   61–63  23–25/4;  64 Sat 26/4 (made up for 2/5); 65–66 28–29/4
#          (30/4, 1/5, 2/5 off; 3–4/5 weekend)
#   67–71  5–9/5;  72–76 12–16/5;  77–81 19–23/5;  82–86 26–30/5
#   87–90  2–5/6                                    ← Thu 5/6: limit with the extension
VOTE_2025 = date(2025, 1, 20)
DECIDE_DUE = date(2025, 4, 22)
DECIDE_EXTENDED = date(2025, 6, 5)


def test_admission_decision_pending_before_its_limit():
    """No decision yet on 1/4/2025: upcoming, due Tue 22/4/2025 (60 WD, over Tết and Giỗ Tổ)."""
    ds = ds_of(*admission(VOTE_2025))
    assert_violation(
        run(ds, "DECIDE-ADMIT-DEADLINE", as_of=date(2025, 4, 1)),
        "DECIDE-ADMIT-DEADLINE",
        severity=Severity.UPCOMING,
        on=VOTE_2025,
        due=DECIDE_DUE,
        document="232-QĐ/TW/2025",
    )


def test_admission_decision_on_the_60th_working_day_is_in_time():
    """A decision on 22/4/2025 is within the limit."""
    ds = ds_of(*admission(VOTE_2025, decision=DECIDE_DUE))
    assert_passes(ds, "DECIDE-ADMIT-DEADLINE", as_of=date(2025, 5, 1), reason="within 22/04/2025")


def test_admission_decision_inside_the_extension_is_a_warning():
    """A decision on 23/4/2025, one working day late, is inside the +30 WD extension."""
    ds = ds_of(*admission(VOTE_2025, decision=date(2025, 4, 23)))
    assert_violation(
        run(ds, "DECIDE-ADMIT-DEADLINE", as_of=date(2025, 5, 1)),
        "DECIDE-ADMIT-DEADLINE",
        severity=Severity.WARNING,
        on=date(2025, 4, 23),
        facts_={"late": 1, "ext": date(2025, 6, 5), "due_day": date(2025, 4, 22)},
    )


def test_admission_decision_after_the_extension_is_a_violation():
    """A decision on Fri 6/6/2025 is 31 working days after 22/4/2025 (5/6 was the 30th)."""
    ds = ds_of(*admission(VOTE_2025, decision=date(2025, 6, 6)))
    assert_violation(
        run(ds, "DECIDE-ADMIT-DEADLINE", as_of=date(2025, 7, 1)),
        "DECIDE-ADMIT-DEADLINE",
        on=date(2025, 6, 6),
        facts_={"late": 31, "due_day": DECIDE_DUE},
    )


def test_admission_decision_missing_between_limit_and_extension_is_a_warning():
    """On 1/5/2025, past 22/4 but before 5/6, a missing decision may still be extended."""
    ds = ds_of(*admission(VOTE_2025))
    assert_violation(
        run(ds, "DECIDE-ADMIT-DEADLINE", as_of=date(2025, 5, 1)),
        "DECIDE-ADMIT-DEADLINE",
        severity=Severity.WARNING,
        due=DECIDE_EXTENDED,
        facts_={"ext": date(2025, 6, 5)},
    )


def test_admission_decision_missing_after_the_extension_is_overdue():
    """On 6/6/2025 the extended limit 5/6/2025 has passed: overdue."""
    ds = ds_of(*admission(VOTE_2025))
    assert_violation(
        run(ds, "DECIDE-ADMIT-DEADLINE", as_of=date(2025, 6, 6)),
        "DECIDE-ADMIT-DEADLINE",
        due=DECIDE_EXTENDED,
        message="Overdue",
    )


# --- CEREMONY-DEADLINE: 30 working days from receipt ----------------------------------
#
# Decision received Mon 20/1/2025: 1–4 21–24/1; Tết 27–31/1; 5–9 3–7/2; 10–14 10–14/2;
# 15–19 17–21/2; 20–24 24–28/2; 25–29 3–7/3; 30 Mon 10/3/2025.
RECEIVED_2025 = date(2025, 1, 20)
CEREMONY_DUE = date(2025, 3, 10)


def decided(received, ceremony=None, decision=None):
    """P voted on 2/1/2025, decided (on *decision*, default the receipt) and maybe admitted."""
    return ds_of(
        *admission(
            date(2025, 1, 2), decision=decision or received, received=received, ceremony=ceremony
        )
    )


def test_ceremony_on_the_30th_working_day_over_tet_is_in_time():
    """Ceremony on 10/3/2025, the 30th working day after receipt on 20/1/2025."""
    ds = decided(RECEIVED_2025, date(2025, 3, 10))
    assert_passes(ds, "CEREMONY-DEADLINE", as_of=date(2025, 4, 1), reason="within 10/03/2025")


def test_ceremony_one_working_day_late_over_tet():
    """Ceremony on Tue 11/3/2025 is one working day late."""
    ds = decided(RECEIVED_2025, date(2025, 3, 11))
    assert_violation(
        run(ds, "CEREMONY-DEADLINE", as_of=date(2025, 4, 1)),
        "CEREMONY-DEADLINE",
        on=date(2025, 3, 11),
        limit=CEREMONY_DUE,
        document="232-QĐ/TW/2025",
        facts_={
            "late": 1,
            "basis": Text("deadline.basis.decision_received"),
            "start": date(2025, 1, 20),
        },
    )


def test_ceremony_limit_runs_from_the_decision_when_receipt_is_unknown():
    """Decision Fri 17/1/2025, no receipt recorded: 30 WD end Fri 7/3/2025."""
    # 1–5 20–24/1; Tết 27–31/1; 6–10 3–7/2; 11–15 10–14/2; 16–20 17–21/2; 21–25 24–28/2;
    # 26–30 3–7/3.
    ds = ds_of(*admission(date(2025, 1, 2), decision=date(2025, 1, 17)))
    assert_violation(
        run(ds, "CEREMONY-DEADLINE", as_of=date(2025, 2, 1)),
        "CEREMONY-DEADLINE",
        severity=Severity.UPCOMING,
        due=date(2025, 3, 7),
        facts_={"basis": Text("deadline.basis.decision")},
    )


# Received Thu 27/11/2025: 1 Fri 28/11; 2–6 1–5/12; 7–11 8–12/12; 12–16 15–19/12;
# 17–21 22–26/12; 22–24 29–31/12; (1/1 holiday, Fri 2/1 swapped off, 3–4/1 weekend)
# 25–29 5–9/1; 30 Sat 10/1/2026, the make-up day.
RECEIVED_NOV = date(2025, 11, 27)
MAKE_UP_SATURDAY = date(2026, 1, 10)


def test_ceremony_due_on_the_make_up_saturday():
    """30 WD after 27/11/2025 end on Sat 10/1/2026 (2/1 off, 10/1 worked)."""
    ds = decided(RECEIVED_NOV)
    assert_violation(
        run(ds, "CEREMONY-DEADLINE", as_of=date(2026, 1, 5)),
        "CEREMONY-DEADLINE",
        severity=Severity.UPCOMING,
        due=MAKE_UP_SATURDAY,
        document="294-QĐ/TW/2025",
    )


def test_ceremony_on_the_make_up_saturday_is_in_time():
    """A ceremony on Sat 10/1/2026 is on the last lawful day."""
    ds = decided(RECEIVED_NOV, MAKE_UP_SATURDAY)
    assert_passes(ds, "CEREMONY-DEADLINE", as_of=date(2026, 2, 1), reason="within 10/01/2026")


def test_ceremony_on_the_monday_after_the_make_up_saturday_is_late():
    """Mon 12/1/2026 is one working day after the limit (Sun 11/1 is off)."""
    ds = decided(RECEIVED_NOV, date(2026, 1, 12))
    assert_violation(
        run(ds, "CEREMONY-DEADLINE", as_of=date(2026, 2, 1)),
        "CEREMONY-DEADLINE",
        facts_={"late": 1, "due_day": MAKE_UP_SATURDAY},
    )


HYPOTHETICAL = default_parameters()
SHORTER = HYPOTHETICAL.override(
    CEREMONY_WD,
    20,
    start=date(2026, 1, 1),
    citation=Citation(
        HYPOTHETICAL.at(CEREMONY_WD, date(2026, 1, 1)).citation.document,
        "giả định / hypothetical",
    ),
)


def test_override_of_the_ceremony_limit_applies_from_its_start_only():
    """20 WD from 1/1/2026: receipt 5/1/2026 → Fri 30/1; a ceremony on 2/2 is late."""
    # 1–4 6–9/1; 5 Sat 10/1; 6–10 12–16/1; 11–15 19–23/1; 16–20 26–30/1.
    # Under the default 30 WD: 21–25 2–6/2; 26–30 9–13/2, so 2/2 is in time.
    ds = decided(date(2026, 1, 5), date(2026, 2, 2))
    assert_passes(ds, "CEREMONY-DEADLINE", as_of=date(2026, 3, 1), reason="within 13/02/2026")
    f = assert_violation(
        run(ds, "CEREMONY-DEADLINE", as_of=date(2026, 3, 1), params=SHORTER),
        "CEREMONY-DEADLINE",
        facts_={"late": 1, "due_day": date(2026, 1, 30)},
    )
    assert "giả định / hypothetical" == f.citation.provision


def test_override_leaves_a_receipt_before_its_start_at_30_days():
    """Receipt on 31/12/2025 keeps 30 WD under the override: due Thu 12/2/2026."""
    # 1/1, 2/1 off; 1–5 5–9/1; 6 Sat 10/1; 7–11 12–16/1; 12–16 19–23/1; 17–21 26–30/1;
    # 22–26 2–6/2; 27–30 9–12/2.
    ds = decided(date(2025, 12, 31))
    assert_violation(
        run(ds, "CEREMONY-DEADLINE", as_of=date(2026, 1, 5), params=SHORTER),
        "CEREMONY-DEADLINE",
        severity=Severity.UPCOMING,
        due=date(2026, 2, 12),
    )


# --- OFF-REVIEW-DEADLINE: probation ending on a holiday --------------------------------
#
# Ceremony Tue 30/4/2024 → probation ends Wed 30/4/2025, itself a holiday.
# 30 WD after it: (1/5 holiday, Fri 2/5 swapped off, 3–4/5 weekend) 1–5 5–9/5;
# 6–10 12–16/5; 11–15 19–23/5; 16–20 26–30/5; 21–25 2–6/6; 26–30 9–13/6 → Fri 13/6/2025.
CEREMONY_2024 = date(2024, 4, 30)
PROBATION_END = date(2025, 4, 30)
REVIEW_DUE = date(2025, 6, 13)


def test_recognition_review_pending_after_a_probation_ending_on_a_holiday():
    """On 1/6/2025 the review is upcoming, due Fri 13/6/2025, under the law of 30/4/2025."""
    # The finding follows from the ceremony (the recorded act); the limit, counted
    # from the end of probation, is 232-QĐ/TW's.
    ds = ds_of(*probation(CEREMONY_2024))
    assert_violation(
        run(ds, "OFF-REVIEW-DEADLINE", as_of=date(2025, 6, 1)),
        "OFF-REVIEW-DEADLINE",
        severity=Severity.UPCOMING,
        on=CEREMONY_2024,
        due=REVIEW_DUE,
        document="232-QĐ/TW/2025",
    )


def test_recognition_review_on_the_30th_working_day_is_in_time():
    """A review on 13/6/2025 is in time."""
    ds = ds_of(*probation(CEREMONY_2024, review=REVIEW_DUE))
    assert_passes(ds, "OFF-REVIEW-DEADLINE", as_of=date(2025, 7, 1), reason="within 13/06/2025")


def test_recognition_review_one_working_day_late():
    """A review on Mon 16/6/2025 is one working day late."""
    ds = ds_of(*probation(CEREMONY_2024, review=date(2025, 6, 16)))
    assert_violation(
        run(ds, "OFF-REVIEW-DEADLINE", as_of=date(2025, 7, 1)),
        "OFF-REVIEW-DEADLINE",
        on=date(2025, 6, 16),
        limit=REVIEW_DUE,
        facts_={
            "late": 1,
            "basis": Text("deadline.basis.probation_end"),
            "start": date(2025, 4, 30),
        },
    )


def test_recognition_review_missing_after_the_limit_is_overdue():
    """No review by 16/6/2025: overdue (this limit has no extension)."""
    ds = ds_of(*probation(CEREMONY_2024))
    assert_violation(
        run(ds, "OFF-REVIEW-DEADLINE", as_of=date(2025, 6, 16)),
        "OFF-REVIEW-DEADLINE",
        due=REVIEW_DUE,
        facts_={"last": date(2025, 6, 13)},
    )


def test_recognition_review_before_probation_ends_is_a_violation():
    """Reviewing on 20/4/2025, before probation ends on 30/4/2025, is premature."""
    ds = ds_of(*probation(CEREMONY_2024, review=date(2025, 4, 20)))
    assert_violation(
        run(ds, "OFF-REVIEW-DEADLINE", as_of=date(2025, 5, 1)),
        "OFF-REVIEW-DEADLINE",
        on=date(2025, 4, 20),
        facts_={"end": date(2025, 4, 30), "day": date(2025, 4, 20)},
    )


# --- OFF-DECIDE-DEADLINE ---------------------------------------------------------------
#
# Review Fri 13/6/2025. 30 WD: 1–5 16–20/6; 6–10 23–27/6; 11–15 30/6–4/7; 16–20 7–11/7;
# 21–25 14–18/7; 26–30 21–25/7 → Fri 25/7/2025.  Extension to 60: 31–35 28/7–1/8;
# 36–40 4–8/8; 41–45 11–15/8; 46–50 18–22/8; 51–55 25–29/8; (1–2/9 holiday)
# 56–58 3–5/9; 59 Mon 8/9; 60 Tue 9/9/2025.


def test_recognition_decision_in_time():
    """A decision on 25/7/2025, the 30th working day after the review."""
    ds = ds_of(*probation(CEREMONY_2024, review=REVIEW_DUE, recognised=date(2025, 7, 25)))
    assert_passes(ds, "OFF-DECIDE-DEADLINE", as_of=date(2025, 8, 1), reason="within 25/07/2025")


def test_recognition_decision_inside_the_extension_is_a_warning():
    """A decision on Mon 28/7/2025 is one day late, inside the extension to 9/9/2025."""
    ds = ds_of(*probation(CEREMONY_2024, review=REVIEW_DUE, recognised=date(2025, 7, 28)))
    assert_violation(
        run(ds, "OFF-DECIDE-DEADLINE", as_of=date(2025, 8, 1)),
        "OFF-DECIDE-DEADLINE",
        severity=Severity.WARNING,
        facts_={"late": 1, "ext": date(2025, 9, 9)},
    )


def test_recognition_decision_after_the_extension_is_a_violation():
    """A decision on Wed 10/9/2025 is 31 WD late; the limit cited is 232-QĐ/TW's, where it ran."""
    # The review (13/6/2025) fell under 232-QĐ/TW, whose 30 WD were applied; the late
    # decision itself is dated under 294-QĐ/TW.
    ds = ds_of(*probation(CEREMONY_2024, review=REVIEW_DUE, recognised=date(2025, 9, 10)))
    assert_violation(
        run(ds, "OFF-DECIDE-DEADLINE", as_of=date(2025, 10, 1)),
        "OFF-DECIDE-DEADLINE",
        limit=date(2025, 7, 25),
        document="232-QĐ/TW/2025",
        facts_={"late": 31},
    )


# --- OFF-EFFECTIVE ----------------------------------------------------------------------


def test_official_from_the_end_of_probation_passes():
    """Official from 30/4/2025 = ceremony 30/4/2024 + 12 months."""
    ds = ds_of(
        *probation(
            CEREMONY_2024,
            review=REVIEW_DUE,
            recognised=date(2025, 7, 25),
            official_from=PROBATION_END,
        )
    )
    assert_passes(ds, "OFF-EFFECTIVE", as_of=date(2025, 8, 1), reason="Official from 30/04/2025")


def test_official_from_the_decision_date_is_a_violation():
    """A decision stating official from its own date (25/7/2025) instead of 30/4/2025."""
    # A later start is contrary to the regulation (294-QĐ/TW 4.2.2 on 25/7/2025), not
    # to the Charter's 12 months: the regulation is cited.
    ds = ds_of(
        *probation(
            CEREMONY_2024,
            review=REVIEW_DUE,
            recognised=date(2025, 7, 25),
            official_from=date(2025, 7, 25),
        )
    )
    assert_violation(
        run(ds, "OFF-EFFECTIVE", as_of=date(2025, 8, 1)),
        "OFF-EFFECTIVE",
        on=date(2025, 7, 25),
        document="294-QĐ/TW/2025",
        facts_={
            "stated": date(2025, 7, 25),
            "end": date(2025, 4, 30),
            "ceremony": date(2024, 4, 30),
        },
    )


def test_probation_from_29_february_ends_on_28_february():
    """Ceremony 29/2/2024: probation ends 28/2/2025 (no 29th); 1/3/2025 is wrong."""
    events = probation(
        date(2024, 2, 29),
        review=date(2025, 3, 3),
        recognised=date(2025, 3, 10),
        official_from=date(2025, 3, 1),
    )
    ds = ds_of(*events)
    assert_violation(
        run(ds, "OFF-EFFECTIVE", as_of=date(2025, 4, 1)),
        "OFF-EFFECTIVE",
        document="232-QĐ/TW/2025",
        facts_={"end": date(2025, 2, 28), "stated": date(2025, 3, 1)},
    )


def test_official_from_before_the_end_of_probation_cites_the_charter():
    """Stating 1/3/2025 for a probation ending 30/4/2025 shortens the Charter's 12 months."""
    ds = ds_of(
        *probation(
            CEREMONY_2024,
            review=REVIEW_DUE,
            recognised=date(2025, 7, 25),
            official_from=date(2025, 3, 1),
        )
    )
    f = assert_violation(
        run(ds, "OFF-EFFECTIVE", as_of=date(2025, 8, 1)), "OFF-EFFECTIVE", document="dieu-le-2011"
    )
    assert "Điều 5, khoản 1" == f.citation.provision


def test_a_later_official_date_before_29_qd_tw_is_not_judged():
    """Ceremony 10/3/2008, decision of 20/5/2009 stating official from 20/5/2009.

    Probation ended 10/3/2009 (10/3/2008 + 12 months); a later start broke no
    rule seen before 29-QĐ/TW (4.2b, 25/7/2016): not applicable, not a violation.
    """
    ds = ds_of(
        *probation(date(2008, 3, 10), recognised=date(2009, 5, 20), official_from=date(2009, 5, 20))
    )
    assert_no_finding(run(ds, "OFF-EFFECTIVE", as_of=date(2009, 6, 1)), "OFF-EFFECTIVE")
    e = assert_evaluation(ds, "OFF-EFFECTIVE", Status.NOT_APPLICABLE, as_of=date(2009, 6, 1))
    assert "after probation ended on 10/03/2009" in e.reason_en


def test_a_2008_decision_shortening_probation_violates_the_2006_charter():
    """Ceremony 10/3/2008: official from 10/2/2009 is a month short of the 12 months."""
    ds = ds_of(
        *probation(date(2008, 3, 10), recognised=date(2009, 3, 20), official_from=date(2009, 2, 10))
    )
    f = assert_violation(
        run(ds, "OFF-EFFECTIVE", as_of=date(2009, 6, 1)),
        "OFF-EFFECTIVE",
        document="dieu-le-2006",
        facts_={"end": date(2009, 3, 10), "stated": date(2009, 2, 10)},
    )
    assert Confidence.B == f.confidence


# --- OFF-VOTE ------------------------------------------------------------------------------


def test_recognition_vote_below_two_thirds():
    """7 of 12 official members approve the recognition: below 2/3 (8)."""
    ds = ds_of(*probation(CEREMONY_2024, review=REVIEW_DUE, votes=(7, 12)))
    assert_violation(
        run(ds, "OFF-VOTE", as_of=date(2025, 7, 1)),
        "OFF-VOTE",
        on=REVIEW_DUE,
        document="dieu-le-2011",
        facts_={"votes": 7, "total": 12, "frac": Fraction(2, 3)},
    )


def test_recognition_vote_at_two_thirds_passes():
    """8 of 12 reaches 2/3."""
    ds = ds_of(*probation(CEREMONY_2024, review=REVIEW_DUE, votes=(8, 12)))
    assert_passes(ds, "OFF-VOTE", as_of=date(2025, 7, 1), reason="8/12 approved")


# --- CARD-OFFICIAL-ONLY -------------------------------------------------------------------


def test_card_for_a_probationary_member_is_a_violation():
    """A card handed over on 3/3/2025, during probation (to 30/4/2025)."""
    card = ev.CardIssued(date=date(2025, 3, 3))
    ds = ds_of(*probation(CEREMONY_2024), card)
    assert_violation(
        run(ds, "CARD-OFFICIAL-ONLY", as_of=date(2025, 4, 1)),
        "CARD-OFFICIAL-ONLY",
        on=date(2025, 3, 3),
        document="232-QĐ/TW/2025",
        facts_={"stage": Stage.PROBATIONARY},
    )


def test_card_after_recognition_passes():
    """A card on 5/8/2025, after recognition (official from 30/4/2025)."""
    card = ev.CardIssued(date=date(2025, 8, 5))
    events = probation(
        CEREMONY_2024, review=REVIEW_DUE, recognised=date(2025, 7, 25), official_from=PROBATION_END
    )
    ds = ds_of(*events, card)
    assert_passes(ds, "CARD-OFFICIAL-ONLY", as_of=date(2025, 9, 1), reason="Card on 05/08/2025")


# --- EVENT-ORDER -----------------------------------------------------------------------------


def test_ceremony_without_a_decision_is_a_gap_in_the_register():
    """A ceremony straight after the cell vote: the decision is not recorded, a warning.

    The ceremony still makes P probationary (the register shows it was held);
    whether the decision was never taken or only never entered, the register
    cannot say, so from 2016 the gap is a warning to fill in from the dossier.
    """
    ds = ds_of(*admission(date(2023, 3, 1), ceremony=date(2023, 3, 20)))
    assert_violation(
        run(ds, "EVENT-ORDER", as_of=date(2023, 4, 1)),
        "EVENT-ORDER",
        severity=Severity.WARNING,
        on=date(2023, 3, 20),
        document="dieu-le-2011",
        facts_={"stage": Stage.PROPOSED, "event": ev.AdmissionCeremony.event_kind()},
        message="does not record the steps before",
    )
    assert Stage.PROBATIONARY == ds.record("P").stage_at(date(2023, 4, 1))


def test_readmission_without_a_new_application_is_out_of_order():
    """After removal a new cell vote needs a new application first."""
    events = [
        *probation(date(2018, 3, 1)),
        ev.Removed(date=date(2018, 9, 1), reason=ev.RemovalReason.MISSED_ACTIVITIES),
        ev.CellResolution(date=date(2022, 3, 1), cell="cb01", votes_for=3, official_members=3),
    ]
    ds = ds_of(*events)
    assert_violation(
        run(ds, "EVENT-ORDER", as_of=date(2022, 4, 1)),
        "EVENT-ORDER",
        on=date(2022, 3, 1),
        facts_={"stage": Stage.REMOVED},
    )


def test_lawful_order_passes():
    """A lawful path to official membership is in order."""
    ds = ds_of(
        *probation(
            CEREMONY_2024,
            review=REVIEW_DUE,
            recognised=date(2025, 7, 25),
            official_from=PROBATION_END,
        )
    )
    assert_passes(ds, "EVENT-ORDER", as_of=date(2025, 8, 1), reason="Lawful order")


def test_order_problems_before_the_coverage_are_not_judged():
    """A ceremony without decision in 2015 is before 25/7/2016: not judged."""
    ds = ds_of(*admission(date(2015, 3, 1), ceremony=date(2015, 3, 20)))
    assert_no_finding(check(ds, as_of=date(2023, 1, 1)), "EVENT-ORDER")
    evs = evaluations(ds, "EVENT-ORDER", as_of=date(2023, 1, 1))
    assert [] == [e for e in evs if e.status is Status.FAIL]


# --- PROB-COURSE -------------------------------------------------------------------------------


def test_recognition_without_the_new_member_course_is_a_warning():
    """No new-member course certificate before the review of 13/6/2025: a warning (06-HD/TW)."""
    ds = ds_of(*probation(CEREMONY_2024, review=REVIEW_DUE))
    f = assert_violation(
        run(ds, "PROB-COURSE", as_of=date(2025, 7, 1)),
        "PROB-COURSE",
        severity=Severity.WARNING,
        on=REVIEW_DUE,
        document="06-HD/TW/2025",
    )
    assert Confidence.A == f.confidence


def test_recognition_without_the_course_under_the_2021_guidance_is_grade_b():
    """A review on 3/3/2025, under 01-HD/TW (2021), known from secondary sources: grade B."""
    ds = ds_of(*probation(date(2024, 2, 29), review=date(2025, 3, 3)))
    f = assert_violation(
        run(ds, "PROB-COURSE", as_of=date(2025, 4, 1)),
        "PROB-COURSE",
        severity=Severity.WARNING,
        document="01-HD/TW/2021",
    )
    assert Confidence.B == f.confidence


def test_recognition_with_the_new_member_course_passes():
    """A certificate of 10/9/2024, during probation, satisfies PROB-COURSE."""
    ds = ds_of(*probation(CEREMONY_2024, review=REVIEW_DUE, new_member_course=date(2024, 9, 10)))
    assert_passes(
        ds, "PROB-COURSE", as_of=date(2025, 7, 1), reason="New-member course on 10/09/2024"
    )


def test_a_lawful_probation_has_no_violation_or_warning():
    """Ceremony, course, review, decision, card: no violation or warning at all."""
    events = probation(
        CEREMONY_2024,
        review=REVIEW_DUE,
        recognised=date(2025, 7, 25),
        official_from=PROBATION_END,
        new_member_course=date(2024, 9, 10),
    )
    ds = ds_of(*events, ev.CardIssued(date=date(2025, 8, 5)))
    bad = [
        f
        for f in check(ds, as_of=date(2025, 9, 1))
        if f.severity in {Severity.VIOLATION, Severity.WARNING}
    ]
    assert [] == bad


# --- exits end what is owed (regressions found by the lifecycle machine) -----------------


def test_death_after_the_vote_ends_the_decision_limit():
    """An applicant who dies on 3/2/2025, before the decision's 22/4/2025 limit, is owed nothing."""
    ds = ds_of(*admission(VOTE_2025), ev.Died(date=date(2025, 2, 3)))
    assert [] == run(ds, "DECIDE-ADMIT-DEADLINE", as_of=date(2025, 7, 1))


def test_death_after_the_limit_leaves_the_act_overdue():
    """A death on 9/6/2025, after the extended limit 5/6/2025, does not excuse the delay."""
    ds = ds_of(*admission(VOTE_2025), ev.Died(date=date(2025, 6, 9)))
    assert_violation(
        run(ds, "DECIDE-ADMIT-DEADLINE", as_of=date(2025, 7, 1)),
        "DECIDE-ADMIT-DEADLINE",
        due=DECIDE_EXTENDED,
    )


def test_a_later_membership_does_not_answer_an_earlier_review():
    """Removed before the review of 2019, re-admitted in 2022: the 2023 review is not the 2019 one."""  # noqa: E501
    # Ceremony 1/3/2018 → probation ends 1/3/2019; removed 8/3/2019, inside the review window.
    # Second ceremony Mon 20/6/2022 → probation ends Tue 20/6/2023; 30 WD: 1–3 21–23/6;
    # 4–8 26–30/6; 9–13 3–7/7; 14–18 10–14/7; 19–23 17–21/7; 24–28 24–28/7; 29 31/7; 30 1/8.
    events = [
        *probation(date(2018, 3, 1)),
        ev.Removed(date=date(2019, 3, 8), reason=ev.RemovalReason.MISSED_ACTIVITIES),
        ev.AwarenessCourse(date=date(2022, 5, 2)),
        ev.ApplicationFiled(date=date(2022, 5, 2)),
        ev.IntroducersAssigned(date=date(2022, 5, 2), introducers=("I1", "I2")),
        ev.CellResolution(date=date(2022, 6, 1), cell="cb01", votes_for=3, official_members=3),
        ev.ProvincialConsent(date=date(2022, 6, 10), purpose=ev.ConsentPurpose.READMISSION),
        ev.AdmissionDecision(date=date(2022, 6, 15), received=date(2022, 6, 15)),
        ev.AdmissionCeremony(date=date(2022, 6, 20), cell="cb01"),
        ev.NewMemberCourse(date=date(2022, 9, 1)),
        ev.RecognitionResolution(
            date=date(2023, 6, 26), cell="cb01", votes_for=3, official_members=3
        ),
    ]
    ds = ds_of(*events)
    assert [] == run(ds, "OFF-REVIEW-DEADLINE", as_of=date(2023, 7, 1))
    passes = assert_passes(ds, "OFF-REVIEW-DEADLINE", as_of=date(2023, 7, 1))
    # The limit ran from the end of probation in 2023: 24-QĐ/TW 4.2.1 is cited.
    assert [
        "Chi bộ xét công nhận chính thức ngày 26/06/2023, trong hạn 01/08/2023"
        " (căn cứ 24-QĐ/TW ngày 30/7/2021, điểm 4.2.1)"
    ] == [e.reason_vi for e in passes]


def test_card_before_the_recognition_decision_is_premature():
    """A card on 20/6/2025, after probation ended (30/4) but before the decision (25/7)."""
    # Official membership is back-dated to 30/4/2025, yet nobody had recognised it on 20/6.
    card = ev.CardIssued(date=date(2025, 6, 20))
    events = probation(
        CEREMONY_2024, review=REVIEW_DUE, recognised=date(2025, 7, 25), official_from=PROBATION_END
    )
    ds = ds_of(*events, card)
    assert_violation(
        run(ds, "CARD-OFFICIAL-ONLY", as_of=date(2025, 8, 1)),
        "CARD-OFFICIAL-ONLY",
        on=date(2025, 6, 20),
        facts_={"stage": Stage.PROBATIONARY},
    )


def test_card_on_the_day_of_a_later_removal_was_lawful():
    """A card handed over in the morning of a day the member is later removed."""
    events = probation(
        CEREMONY_2024, review=REVIEW_DUE, recognised=date(2025, 7, 25), official_from=PROBATION_END
    )
    removal = ev.Removed(date=date(2025, 9, 3), reason=ev.RemovalReason.MISSED_ACTIVITIES)
    ds = ds_of(*events, ev.CardIssued(date=date(2025, 9, 3)), removal)
    assert_passes(ds, "CARD-OFFICIAL-ONLY", as_of=date(2025, 10, 1), reason="Card on 03/09/2025")
