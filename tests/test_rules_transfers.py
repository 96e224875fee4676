"""Transfers of party activities, exemption and missed activities.

Working days in 2026 (WorkCalendar): 30/4 and 1/5 off, Giỗ Tổ observed Mon
27/4; no holiday from 4/5 to 27/7.  From Wed 1/4/2026, 30 WD: 2–3/4 (2),
6–10/4 (7), 13–17/4 (12), 20–24/4 (17), (27/4 off) 28–29/4 (19), (30/4–1/5
off) 4–8/5 (24), 11–15/5 (29), Mon 18/5 (30).
"""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.common import (
    CELL,
    assert_evaluation,
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
from dangvien.model.people import Person, Sex
from dangvien.rules import Act, Status, check, due

# Ceremony Wed 1/4/2025 → probation ends Wed 1/4/2026 → review due Mon 18/5/2026.
CEREMONY = date(2025, 4, 1)
END = date(2026, 4, 1)
REVIEW_DUE = date(2026, 5, 18)
OUT = ev.TransferredOut(date=date(2025, 10, 1), destination="Chi bộ xóm khác")
BACK = ev.TransferredIn(
    date=date(2025, 11, 3), source="Chi bộ xóm khác", cell=CELL, probationary=True
)


def probation_items(ds, as_of=date(2026, 3, 1)):
    """(act, due) of P listed in March–May 2026."""
    return [
        (i.act, i.due)
        for i in due(ds, date(2026, 3, 1), date(2026, 5, 31), as_of=as_of)
        if i.subject == "P"
    ]


# --- probation across a transfer ---------------------------------------------------------


def test_probation_continues_across_a_transfer_out_and_back_in():
    """Out 1/10/2025, back on probation 3/11/2025: the end (1/4/2026) and review stay due."""
    ds = dataset(record(person("P"), *probation(CEREMONY), OUT, BACK))
    assert [(Act.PROBATION_END, END), (Act.RECOGNITION_REVIEW, REVIEW_DUE)] == probation_items(ds)


def test_check_keeps_the_review_of_a_member_who_came_back():
    """On 1/6/2026 the review is overdue (due 18/5/2026) although the member moved meanwhile."""
    ds = dataset(record(person("P"), *probation(CEREMONY), OUT, BACK))
    assert_violation(
        run(ds, "OFF-REVIEW-DEADLINE", as_of=date(2026, 6, 1)),
        "OFF-REVIEW-DEADLINE",
        due=REVIEW_DUE,
    )


def test_a_probationary_member_transferred_in_is_recognised_by_the_receiving_cell():
    """Arrived 3/11/2025 with the ceremony of 1/4/2025 on the papers: same dates are due."""
    arrived = ev.TransferredIn(
        date=date(2025, 11, 3),
        source="Đảng bộ xã khác",
        cell=CELL,
        probationary=True,
        ceremony=CEREMONY,
    )
    ds = dataset(record(person("P"), arrived))
    assert [(Act.PROBATION_END, END), (Act.RECOGNITION_REVIEW, REVIEW_DUE)] == probation_items(ds)


def test_a_member_who_left_for_good_owes_the_sending_cell_nothing():
    """Transferred out on 1/10/2025 and not back: the receiving organisation recognises."""
    ds = dataset(record(person("P"), *probation(CEREMONY), OUT))
    assert [] == probation_items(ds)


def test_a_member_who_came_back_official_was_recognised_elsewhere():
    """Back on 1/5/2026 as an official member: nothing is owed here for the probation."""
    back = ev.TransferredIn(date=date(2026, 5, 4), source="Chi bộ xóm khác", cell=CELL)
    ds = dataset(record(person("P"), *probation(CEREMONY), OUT, back))
    assert [] == probation_items(ds, as_of=date(2026, 5, 5))


@settings(max_examples=40, deadline=None)
@given(out=st.integers(1, 300), away=st.integers(0, 60))
def test_a_round_trip_never_loses_the_probation(out, away):
    """Property: whenever the member leaves and comes back on probation, the review is listed."""
    leave = date.fromordinal(CEREMONY.toordinal() + out)
    back = date.fromordinal(leave.toordinal() + away)
    events = [
        *probation(CEREMONY),
        ev.TransferredOut(date=leave, destination="Chi bộ khác"),
        ev.TransferredIn(date=back, source="Chi bộ khác", cell=CELL, probationary=True),
    ]
    rows = probation_items(dataset(record(person("P"), *events)), as_of=date(2026, 3, 1))
    assert (Act.RECOGNITION_REVIEW, REVIEW_DUE) in rows


# --- XFER-OFFICIAL-DEADLINE ---------------------------------------------------------------


def moved(*extra: ev.Event, months: int | None = None, abroad: bool = False):
    """Official member P who moves on Mon 4/5/2026 (60 WD: Mon 27/7/2026)."""
    move = ev.Relocated(date=date(2026, 5, 4), months=months, abroad=abroad)
    return dataset(record(person("P"), *official("P").events, move, *extra))


def test_official_transfer_is_due_within_60_working_days():
    """4/5/2026 + 60 WD: May 5–29 (19), June (41), July 1–24 (59), Mon 27/7 (60)."""
    items = due(moved(), date(2026, 7, 1), date(2026, 7, 31), as_of=date(2026, 5, 5))
    assert [("P", Act.OFFICIAL_TRANSFER, date(2026, 7, 27))] == [
        (i.subject, i.act, i.due) for i in items
    ]
    assert "294-QĐ/TW/2025" == items[0].finding.citation.document.key


def test_official_transfer_five_working_days_late():
    """Transferred on 3/8/2026: 28–31/7 and 3/8 are 5 WD after the limit."""
    late = ev.TransferredOut(date=date(2026, 8, 3), destination="Đảng bộ phường khác")
    assert_violation(
        run(moved(late), "XFER-OFFICIAL-DEADLINE", as_of=date(2026, 8, 10)),
        "XFER-OFFICIAL-DEADLINE",
        limit=date(2026, 7, 27),
        facts_={"late": 5},
    )


def test_official_transfer_in_time_passes():
    """Transferred on 20/7/2026, before 27/7/2026."""
    ok = ev.TransferredOut(date=date(2026, 7, 20), destination="Đảng bộ phường khác")
    assert_passes(moved(ok), "XFER-OFFICIAL-DEADLINE", as_of=date(2026, 8, 10))


def test_a_six_month_stay_calls_for_a_temporary_transfer():
    """6 months (3 to under 12): temporary, no time limit encoded, nothing falls due."""
    ds = moved(months=6)
    assert [] == due(ds, date(2026, 5, 1), date(2026, 12, 31), as_of=date(2026, 5, 5))
    e = assert_evaluation(
        ds, "XFER-OFFICIAL-DEADLINE", Status.NOT_APPLICABLE, as_of=date(2026, 5, 5)
    )
    assert "sinh hoạt đảng tạm thời" in e.reason_vi


def test_a_stay_of_twelve_months_is_official():
    """12 months is no longer 'under a year': official transfer due 27/7/2026."""
    items = due(moved(months=12), date(2026, 7, 1), date(2026, 7, 31), as_of=date(2026, 5, 5))
    assert [Act.OFFICIAL_TRANSFER] == [i.act for i in items]


def test_two_years_abroad_goes_through_the_foreign_affairs_party_committee():
    """24 months abroad: official transfer abroad, no time limit encoded."""
    e = assert_evaluation(
        moved(months=24, abroad=True),
        "XFER-OFFICIAL-DEADLINE",
        Status.NOT_APPLICABLE,
        as_of=date(2026, 5, 5),
    )
    assert "Ministry of Foreign Affairs" in e.reason_en


# --- XFER-PRESENT and XFER-NO-PAPERS ----------------------------------------------------------


def incoming(*extra: ev.Event, notice: date = date(2026, 5, 10), introduced=date(2026, 5, 4)):
    """Q, announced by a notice of *notice* (introduced on *introduced*), then *extra*."""
    note = ev.TransferNoticeReceived(
        date=notice, source="Đảng bộ xã khác", introduced_on=introduced
    )
    return dataset(record(person("Q"), note, *extra))


def arrival(on: date) -> ev.TransferredIn:
    """Q presents the papers on *on*."""
    return ev.TransferredIn(date=on, source="Đảng bộ xã khác", cell=CELL)


def test_papers_due_30_working_days_after_the_introduction():
    """Introduced Mon 4/5/2026: May 5–29 (19), June 1–12 (29), Mon 15/6 (30)."""
    items = due(incoming(), date(2026, 6, 1), date(2026, 6, 30), as_of=date(2026, 5, 11))
    assert [("Q", Act.TRANSFER_PAPERS, date(2026, 6, 15))] == [
        (i.subject, i.act, i.due) for i in items
    ]


def test_papers_one_working_day_late():
    """Presented Tue 16/6/2026: one working day after 15/6 (294-QĐ/TW 6.3.1c)."""
    assert_violation(
        run(incoming(arrival(date(2026, 6, 16))), "XFER-PRESENT", as_of=date(2026, 6, 20)),
        "XFER-PRESENT",
        subject="Q",
        limit=date(2026, 6, 15),
        document="294-QĐ/TW/2025",
        facts_={"late": 1},
    )


def test_without_the_introduction_date_the_limit_runs_from_the_notice():
    """Notice of Sun 10/5/2026, no introduction date: 30 WD end Fri 19/6/2026."""
    # From 10/5: 11–15/5 (5), 18–22/5 (10), 25–29/5 (15), 1–5/6 (20), 8–12/6 (25), 15–19/6 (30).
    ds = incoming(introduced=None)
    items = due(ds, date(2026, 6, 1), date(2026, 6, 30), as_of=date(2026, 5, 11))
    assert [date(2026, 6, 19)] == [i.due for i in items if i.act is Act.TRANSFER_PAPERS]


def test_no_papers_three_months_after_the_notice_means_removal():
    """Notice 10/5/2026, nothing by 10/8/2026: warning, removal for abandoning activities."""
    f = assert_violation(
        run(incoming(), "XFER-NO-PAPERS", as_of=date(2026, 8, 11)),
        "XFER-NO-PAPERS",
        subject="Q",
        severity=Severity.WARNING,
        due=date(2026, 8, 10),
        document="38-HD/BTCTW/2025",
    )
    assert "tự ý bỏ sinh hoạt đảng" in f.message_vi


def test_no_papers_is_pending_until_the_three_months_end():
    """On 1/8/2026 the papers (due 15/6) are overdue and the removal date 10/8/2026 is upcoming."""
    items = due(incoming(), date(2026, 8, 1), date(2026, 8, 31), as_of=date(2026, 8, 1))
    assert [
        (Act.TRANSFER_PAPERS, date(2026, 6, 15), True),
        (Act.REMOVAL_NO_PAPERS, date(2026, 8, 10), False),
    ] == [(i.act, i.due, i.overdue) for i in items]


def test_three_months_from_the_last_day_of_november():
    """Notice 30/11/2024 (the 2022 guidance, grade C): three months end on 28/2/2025."""
    ds = incoming(notice=date(2024, 11, 30), introduced=date(2024, 11, 28))
    f = assert_violation(
        run(ds, "XFER-NO-PAPERS", as_of=date(2025, 3, 1)),
        "XFER-NO-PAPERS",
        subject="Q",
        severity=Severity.WARNING,
        due=date(2025, 2, 28),
    )
    assert "12-HD/BTCTW/2022" == f.citation.document.key
    assert "C" == f.confidence.value


def test_removing_a_member_in_transit_is_lawful():
    """Removed on 20/8/2026 for abandoning activities: no order problem, nothing owed."""
    removal = ev.Removed(date=date(2026, 8, 20), reason=ev.RemovalReason.ABANDONED)
    ds = incoming(removal)
    found = check(ds, as_of=date(2026, 9, 1))
    assert_no_finding(found, "EVENT-ORDER", "Q")
    assert_no_finding(found, "XFER-NO-PAPERS", "Q")
    assert_no_finding(found, "XFER-PRESENT", "Q")


def test_papers_presented_close_the_case():
    """Presented on 1/6/2026: in time, and no removal."""
    ds = incoming(arrival(date(2026, 6, 1)))
    assert_passes(ds, "XFER-PRESENT", "Q", as_of=date(2026, 9, 1))
    assert_passes(ds, "XFER-NO-PAPERS", "Q", as_of=date(2026, 9, 1), reason="filed")


# --- exemption ---------------------------------------------------------------------------------


def exempted(birth: date, sex: Sex, on: date):
    """A member born *birth* exempted for old age and weak health on *on*."""
    p = Person("P", "Người Thử Nghiệm P", birth, sex, cell=CELL)
    e = ev.Exempted(date=on, reason=ev.ExemptionReason.AGE_HEALTH)
    return dataset(record(p, *official("P").events, e))


def test_a_man_exempted_for_old_age_before_sixty_is_a_warning():
    """Born 1/1/1960, exempted 1/6/2019 at 59 y 5 m (713 months < 720): 27-HD/BTCTW §1.1."""
    assert_violation(
        run(
            exempted(date(1960, 1, 1), Sex.MALE, date(2019, 6, 1)),
            "EXEMPT-AGE",
            as_of=date(2019, 7, 1),
        ),
        "EXEMPT-AGE",
        severity=Severity.WARNING,
        document="27-HD/BTCTW/2009",
        facts_={"age": 713, "need": 60},
    )


def test_a_woman_of_fifty_five_may_be_exempted_for_old_age():
    """Born 1/1/1964, exempted 1/6/2019 at 55 y 5 m (665 ≥ 660)."""
    ds = exempted(date(1964, 1, 1), Sex.FEMALE, date(2019, 6, 1))
    assert_passes(ds, "EXEMPT-AGE", as_of=date(2019, 7, 1), reason="55 years 5 months")


def test_no_age_figure_since_38_hd_btctw():
    """From 29/9/2025 old age needs a medical certificate, not an age: 50 is not judged."""
    ds = exempted(date(1975, 1, 1), Sex.MALE, date(2025, 10, 1))
    assert_passes(ds, "EXEMPT-AGE", as_of=date(2025, 11, 1), reason="medical certificate")


# --- REMOVE-3M honours reasons, exemption and temporary activity -------------------------------


def missed(*months: int, kind=ev.ActivityKind.MEETING, valid=False, year=2025):
    """A month of *kind* missed on the 10th of each of *months*."""
    return [
        ev.ActivityMissed(date=date(year, m, 10), kind=kind, valid_reason=valid) for m in months
    ]


def member(*extra: ev.Event):
    """Official member P (since 1/1/2010) with *extra* events."""
    return dataset(record(person("P"), *official("P").events, *extra))


def test_a_month_with_a_good_reason_does_not_count():
    """Jan and Jun without reason, Mar with one: 2 months, no removal (the 3rd is excused)."""
    ds = member(*missed(1, 6), *missed(3, valid=True))
    passes = assert_passes(ds, "REMOVE-3M", as_of=date(2025, 7, 1))
    assert [
        "2025: 1 months not counted (good reason, exemption or temporary activity "
        "elsewhere; months 3)",
        "2025: 2 months",
    ] == [e.reason_en for e in passes]


def test_meetings_missed_while_exempted_do_not_count_but_dues_do():
    """Exempted 1/2/2025: meetings of Mar–May are not counted; dues of Jun–Aug are: 3 months."""
    ds = member(
        ev.Exempted(date=date(2025, 2, 1)),
        *missed(3, 4, 5),
        *missed(6, 7, 8, kind=ev.ActivityKind.DUES),
    )
    assert_violation(
        run(ds, "REMOVE-3M", as_of=date(2025, 9, 1)),
        "REMOVE-3M",
        severity=Severity.WARNING,
        facts_={"n": 3, "months": (6, 7, 8)},
    )


def test_meetings_missed_after_the_exemption_ended_count():
    """Exempted 1/2/2025 to 1/4/2025: March excused, April–June count (3 months)."""
    ds = member(
        ev.Exempted(date=date(2025, 2, 1)),
        ev.ExemptionEnded(date=date(2025, 4, 1)),
        *missed(3, 4, 5, 6),
    )
    assert_violation(
        run(ds, "REMOVE-3M", as_of=date(2025, 7, 1)),
        "REMOVE-3M",
        severity=Severity.WARNING,
        facts_={"months": (4, 5, 6)},
    )


def test_meetings_missed_on_temporary_activity_elsewhere_do_not_count():
    """On temporary activity from 15/1/2025 to 31/5/2025: Feb–Apr meetings are not missed here."""
    ds = member(
        ev.TemporaryTransferOut(date=date(2025, 1, 15), destination="Đảng bộ trường"),
        ev.TemporaryTransferEnded(date=date(2025, 5, 31)),
        *missed(2, 3, 4),
    )
    assert_passes(ds, "REMOVE-3M", as_of=date(2025, 7, 1), reason="3 months not counted")
