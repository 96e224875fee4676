"""Discipline: the forms for probationary members, the cell's authority, limitation, introducers."""

from datetime import date

from tests.common import (
    admission,
    assert_no_finding,
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
from dangvien.rules import Act, check, due

WARNING = ev.DisciplineForm.WARNING
REPRIMAND = ev.DisciplineForm.REPRIMAND
DISMISSAL = ev.DisciplineForm.DISMISSAL

# Ceremony 1/3/2024: probation ends 1/3/2025.
PROBATIONARY = probation(date(2024, 3, 1))


def on_probation(*extra: ev.Event):
    """A dataset with one probationary member P (ceremony 1/3/2024) and *extra* events."""
    return dataset(record(person("P"), *PROBATIONARY, *extra))


# --- a member disciplined during probation -------------------------------------------


def test_a_warned_probationary_member_is_still_reviewed_at_the_end_of_probation():
    """Warned on 2/9/2024: lawful; the end of probation (1/3/2025) and the review stay due."""
    # Ceremony Fri 1/3/2024 + 12 months = Sat 1/3/2025; the review is due 30 WD later:
    # 3–7/3 (5), 10–14/3 (10), 17–21/3 (15), 24–28/3 (20), 31/3–4/4 (25), (Mon 7/4
    # Giỗ Tổ) 8–11/4 (29), Mon 14/4 (30).
    ds = on_probation(
        ev.Disciplined(date=date(2024, 9, 2), form=WARNING, body=ev.DecidingBody.CELL)
    )
    assert_passes(ds, "DISC-PROB-FORMS", as_of=date(2024, 10, 1), reason="Warning")
    rows = [
        (i.act, i.due) for i in due(ds, date(2025, 2, 1), date(2025, 4, 30), as_of=date(2025, 2, 1))
    ]
    assert [
        (Act.PROBATION_END, date(2025, 3, 1)),
        (Act.RECOGNITION_REVIEW, date(2025, 4, 14)),
    ] == rows


def test_expelling_a_probationary_member_is_a_violation():
    """Expelled on 1/10/2024 while on probation: remove from the list instead (Charter Art. 35)."""
    ds = on_probation(ev.Expelled(date=date(2024, 10, 1)))
    f = assert_violation(
        run(ds, "DISC-PROB-FORMS", as_of=date(2024, 11, 1)),
        "DISC-PROB-FORMS",
        on=date(2024, 10, 1),
        document="dieu-le-2011",
        facts_={"day": date(2024, 10, 1)},
    )
    assert "xóa tên" in f.message_vi
    assert "reprimand, warning" in f.message_en


def test_dismissal_of_a_probationary_member_is_a_violation():
    """Only reprimand and warning for probationary members."""
    ds = on_probation(ev.Disciplined(date=date(2024, 10, 1), form=DISMISSAL))
    assert_violation(
        run(ds, "DISC-PROB-FORMS", as_of=date(2024, 11, 1)),
        "DISC-PROB-FORMS",
        facts_={"form": DISMISSAL},
    )


def test_expelling_an_official_member_is_not_this_rules_business():
    """Official since 1/1/2010 (I1): expulsion is a form for official members."""
    expelled = record(person("E"), *official("E").events, ev.Expelled(date=date(2024, 10, 1)))
    assert_no_finding(check(dataset(expelled), as_of=date(2024, 11, 1)), "DISC-PROB-FORMS", "E")


def test_the_stage_is_the_one_on_the_day_before_a_back_dated_recognition():
    """Recognised on 20/3/2025 from 1/3/2025; expelled on 10/3/2025 as a probationary member."""
    ds = on_probation(
        ev.Expelled(date=date(2025, 3, 10)),
        ev.RecognitionDecision(date=date(2025, 3, 20), official_from=date(2025, 3, 1)),
    )
    assert_violation(run(ds, "DISC-PROB-FORMS", as_of=date(2025, 4, 1)), "DISC-PROB-FORMS")


# --- DISC-CELL-AUTHORITY -----------------------------------------------------------------


def member_disciplined(*acts: ev.Event):
    """An official member (since 1/1/2010) with discipline *acts*."""
    return dataset(record(person("P"), *official("P").events, *acts))


def test_a_cell_may_warn():
    """A warning decided by the cell (Charter Art. 36(1))."""
    ds = member_disciplined(
        ev.Disciplined(date=date(2023, 5, 4), form=WARNING, body=ev.DecidingBody.CELL)
    )
    assert_passes(ds, "DISC-CELL-AUTHORITY", as_of=date(2023, 6, 1), reason="The cell decided")


def test_a_cell_may_not_dismiss_from_posts():
    """Dismissal from posts is decided higher up."""
    ds = member_disciplined(
        ev.Disciplined(date=date(2023, 5, 4), form=DISMISSAL, body=ev.DecidingBody.CELL)
    )
    f = assert_violation(
        run(ds, "DISC-CELL-AUTHORITY", as_of=date(2023, 6, 1)),
        "DISC-CELL-AUTHORITY",
        document="dieu-le-2011",
    )
    assert "Điều 36, khoản 1" == f.citation.provision


def test_a_cell_may_not_expel():
    """A cell proposes expulsion; it does not decide it."""
    ds = member_disciplined(ev.Expelled(date=date(2023, 5, 4), body=ev.DecidingBody.CELL))
    assert_violation(
        run(ds, "DISC-CELL-AUTHORITY", as_of=date(2023, 6, 1)),
        "DISC-CELL-AUTHORITY",
        message="proposes expulsion",
    )


def test_expulsion_by_the_inspection_committee_is_not_judged_by_the_cell_rule():
    """Decided by the superior inspection committee: nothing to say."""
    ds = member_disciplined(
        ev.Expelled(date=date(2023, 5, 4), body=ev.DecidingBody.INSPECTION_COMMITTEE)
    )
    assert [] == run(ds, "DISC-CELL-AUTHORITY", as_of=date(2023, 6, 1))


# --- DISC-LIMITATION ------------------------------------------------------------------------


def test_reprimand_after_five_years_under_102_is_a_violation():
    """Violation 1/2/2016, reprimand 1/3/2021: the 60 months ended 1/2/2021 (102-QĐ/TW Art. 3)."""
    ds = member_disciplined(
        ev.Disciplined(date=date(2021, 3, 1), form=REPRIMAND, violation=date(2016, 2, 1))
    )
    assert_violation(
        run(ds, "DISC-LIMITATION", as_of=date(2021, 4, 1)),
        "DISC-LIMITATION",
        document="102-QĐ/TW/2017",
        facts_={"last": date(2021, 2, 1), "limit": 60},
    )


def test_warning_after_ten_years_under_69_is_a_warning():
    """Violation 1/1/2013, warning 1/3/2023: past 120 months, but 69-QĐ/TW counts to the conclusion."""  # noqa: E501
    ds = member_disciplined(
        ev.Disciplined(date=date(2023, 3, 1), form=WARNING, violation=date(2013, 1, 1))
    )
    assert_violation(
        run(ds, "DISC-LIMITATION", as_of=date(2023, 4, 1)),
        "DISC-LIMITATION",
        severity=Severity.WARNING,
        document="69-QĐ/TW/2022",
        facts_={"last": date(2023, 1, 1), "limit": 120},
    )


def test_limitation_ends_on_the_month_end():
    """Violation 31/3/2018: 60 months end on 31/3/2023 (within), so 1/4/2023 is late."""
    within = member_disciplined(
        ev.Disciplined(date=date(2023, 3, 31), form=REPRIMAND, violation=date(2018, 3, 31))
    )
    assert_passes(within, "DISC-LIMITATION", as_of=date(2023, 5, 1), reason="within the 60-month")
    late = member_disciplined(
        ev.Disciplined(date=date(2023, 4, 1), form=REPRIMAND, violation=date(2018, 3, 31))
    )
    assert_violation(
        run(late, "DISC-LIMITATION", as_of=date(2023, 5, 1)),
        "DISC-LIMITATION",
        severity=Severity.WARNING,
        facts_={"last": date(2023, 3, 31)},
    )


def test_violations_without_limitation():
    """A violation marked as having no limitation (e.g. internal politics) is never too old."""
    old = ev.Disciplined(
        date=date(2023, 3, 1), form=WARNING, violation=date(2001, 1, 1), no_limitation=True
    )
    ds = member_disciplined(old)
    assert_passes(ds, "DISC-LIMITATION", as_of=date(2023, 4, 1), reason="no limitation")


# --- INTRO-DISCIPLINED ------------------------------------------------------------------------


def intro_case(discipline: date | None, meeting: date = date(2025, 9, 1)):
    """Applicant P introduced by I1 and I2 60 days before *meeting*; I1 disciplined on *discipline*."""  # noqa: E501
    extra = [] if discipline is None else [ev.Disciplined(date=discipline, form=REPRIMAND)]
    i1 = record(person("I1", date(1970, 1, 1)), *official("I1").events, *extra)
    applicant = record(person("P", date(1995, 5, 5)), *admission(meeting))
    return dataset(applicant, i1, official("I2"), official("I3"), introducers=False)


def test_introducer_disciplined_before_the_vote_is_replaced():
    """Introduced 3/7/2025, I1 reprimanded 15/8/2025, cell vote 1/9/2025 (294-QĐ/TW 3.2.2)."""
    # 1/9/2025 − 60 days = 3/7/2025.
    f = assert_violation(
        run(intro_case(date(2025, 8, 15)), "INTRO-DISCIPLINED", as_of=date(2025, 9, 2)),
        "INTRO-DISCIPLINED",
        severity=Severity.WARNING,
        document="294-QĐ/TW/2025",
        facts_={"pid": "I1", "introduced": date(2025, 7, 3), "disciplined": date(2025, 8, 15)},
    )
    assert "phân công đảng viên chính thức khác" in f.message_vi


def test_introducer_disciplined_before_introducing_is_not_barred():
    """A reprimand before the introduction does not bar introducing (no text found)."""
    assert_passes(intro_case(date(2025, 6, 1)), "INTRO-DISCIPLINED", as_of=date(2025, 9, 2))


def test_introducers_before_294_are_not_judged():
    """A vote on 1/6/2025 falls before 294-QĐ/TW (1/7/2025)."""
    ds = intro_case(date(2025, 5, 1), meeting=date(2025, 6, 1))
    assert [] == run(ds, "INTRO-DISCIPLINED", as_of=date(2025, 6, 2))


def test_a_new_introduction_after_the_discipline_replaces_the_introducer():
    """The cell assigned I2 and I3 on 20/8/2025, after I1's reprimand of 15/8/2025."""
    ds = intro_case(date(2025, 8, 15))
    p = ds.record("P")
    again = ev.IntroducersAssigned(date=date(2025, 8, 20), introducers=("I2", "I3"))
    ds2 = dataset(
        record(p.person, *p.events, again),
        *[r for r in ds.records if r is not p],
        introducers=False,
    )
    assert_passes(ds2, "INTRO-DISCIPLINED", as_of=date(2025, 9, 2))


def test_discipline_rules_cite_the_law_of_the_decision_day():
    """Decision of 1/3/2021 cites 102-QĐ/TW; the same on 1/3/2023 cites 69-QĐ/TW (above)."""
    ds = member_disciplined(
        ev.Disciplined(date=date(2021, 3, 1), form=REPRIMAND, violation=date(2015, 1, 1))
    )
    found = run(ds, "DISC-LIMITATION", as_of=date(2021, 4, 1))
    assert ["102-QĐ/TW/2017"] == [f.citation.document.key for f in found]
