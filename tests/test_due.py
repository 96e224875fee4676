"""Acts falling due in a window (việc đến hạn): hand-computed limits, overdue flags.

The working days are counted by hand in the comments (see test_rules_timeline
for the 2025 calendar: Tết 27–31/1, Giỗ Tổ 7/4, 30/4–2/5 with Sat 26/4 worked).
"""

from datetime import date

from tests.common import CELL, admission, dataset, person, probation, record

from dangvien.findings import Severity
from dangvien.model import events as ev
from dangvien.rules import Act, due


def items_of(ds, start, end, as_of):
    """``due`` as (subject, act, due date, overdue) rows, in the order returned."""
    return [(i.subject, i.act, i.finding.due, i.overdue) for i in due(ds, start, end, as_of=as_of)]


# Decision received Mon 20/1/2025 → ceremony due Mon 10/3/2025 (30 WD over Tết).
WAITING_CEREMONY = record(
    person("A"),
    *admission(date(2025, 1, 2), decision=date(2025, 1, 20), received=date(2025, 1, 20)),
)
# Decision received Thu 2/1/2025 → 30 WD: 1 Fri 3/1; 2–6 6–10/1; 7–11 13–17/1;
# 12–16 20–24/1; (Tết 27–31/1) 17–21 3–7/2; 22–26 10–14/2; 27–30 17–20/2 → Thu 20/2/2025.
LATE_CEREMONY = record(
    person("G"),
    *admission(date(2024, 12, 2), decision=date(2025, 1, 2), received=date(2025, 1, 2)),
)
# Cell vote Mon 20/1/2025 → decision due Tue 22/4/2025 (60 WD), extended to Thu 5/6/2025.
WAITING_DECISION = record(person("D"), *admission(date(2025, 1, 20)))
# Ceremony 30/4/2024 → probation ends 30/4/2025 → review due Fri 13/6/2025.
ON_PROBATION = record(person("B"), *probation(date(2024, 4, 30)))
# Reviewed 13/6/2025 → decision due Fri 25/7/2025, extended to Tue 9/9/2025.
REVIEWED = record(person("C"), *probation(date(2024, 4, 30), review=date(2025, 6, 13)))


def test_ceremony_to_hold_is_listed_with_its_due_date():
    """The ceremony of A is due 10/3/2025; listed in March, upcoming, with A's name."""
    items = due(
        dataset(WAITING_CEREMONY), date(2025, 3, 1), date(2025, 3, 31), as_of=date(2025, 3, 1)
    )
    assert 1 == len(items)
    item = items[0]
    assert ("A", "Người Thử Nghiệm A") == (item.subject, item.name)
    assert (Act.CEREMONY, date(2025, 3, 10), False) == (
        item.act,
        item.due,
        item.overdue,
    )
    assert date(2025, 1, 20) == item.finding.facts["start"]
    assert ("CEREMONY-DEADLINE", Severity.UPCOMING) == (item.finding.rule, item.finding.severity)
    assert date(2025, 3, 10) == item.finding.due
    assert "232-QĐ/TW/2025" == item.finding.citation.document.key


def test_nothing_listed_outside_the_window():
    """The same ceremony is not listed in a February window (as of 1/2/2025)."""
    assert [] == items_of(
        dataset(WAITING_CEREMONY), date(2025, 2, 1), date(2025, 2, 28), date(2025, 2, 1)
    )


def test_admission_decision_is_listed_with_its_extension():
    """D's decision is due 22/4/2025, extendable to 5/6/2025."""
    items = due(
        dataset(WAITING_DECISION), date(2025, 4, 1), date(2025, 4, 30), as_of=date(2025, 4, 1)
    )
    assert [("D", Act.ADMISSION_DECISION, date(2025, 4, 22), False)] == [
        (i.subject, i.act, i.finding.due, i.overdue) for i in items
    ]
    assert date(2025, 6, 5) == items[0].finding.facts["ext"]
    assert "DECIDE-ADMIT-DEADLINE" == items[0].finding.rule


def test_decision_inside_its_extension_is_a_warning_not_overdue():
    """On 2/5/2025 D's decision is past 22/4 but inside the extension to 5/6/2025."""
    items = due(
        dataset(WAITING_DECISION), date(2025, 5, 1), date(2025, 5, 31), as_of=date(2025, 5, 2)
    )
    assert 1 == len(items)
    assert (False, Severity.WARNING, date(2025, 6, 5)) == (
        items[0].overdue,
        items[0].finding.severity,
        items[0].finding.due,
    )
    assert "05/06/2025" in items[0].finding.message_vi


def test_probation_ending_and_recognition_review_are_listed():
    """B's probation ends 30/4/2025 and the review is due 13/6/2025."""
    assert [
        ("B", Act.PROBATION_END, date(2025, 4, 30), False),
        ("B", Act.RECOGNITION_REVIEW, date(2025, 6, 13), False),
    ] == items_of(dataset(ON_PROBATION), date(2025, 4, 1), date(2025, 6, 30), date(2025, 4, 1))


def test_probation_that_has_ended_is_not_overdue():
    """On 5/5/2025 the probation has ended, the review (due 13/6) is not late: nothing in May."""
    assert [] == items_of(
        dataset(ON_PROBATION), date(2025, 5, 1), date(2025, 5, 31), date(2025, 5, 5)
    )


def test_recognition_decision_is_listed():
    """C was reviewed on 13/6/2025: the decision is due 25/7/2025 (+30 WD to 9/9/2025)."""
    items = due(dataset(REVIEWED), date(2025, 7, 1), date(2025, 7, 31), as_of=date(2025, 7, 1))
    assert [("C", Act.RECOGNITION_DECISION, date(2025, 7, 25), False)] == [
        (i.subject, i.act, i.finding.due, i.overdue) for i in items
    ]
    assert date(2025, 9, 9) == items[0].finding.facts["ext"]


def test_certificate_expiring_is_listed():
    """A sympathizer's certificate of 1/3/2021 expires on 1/3/2026 (60 months)."""
    r = record(
        person("E"),
        ev.ListedSympathizer(date=date(2021, 2, 1), cell=CELL),
        ev.AwarenessCourse(date=date(2021, 3, 1)),
    )
    items = due(dataset(r), date(2026, 1, 1), date(2026, 3, 31), as_of=date(2026, 1, 1))
    assert [("E", Act.CERTIFICATE_EXPIRY, date(2026, 3, 1), False)] == [
        (i.subject, i.act, i.finding.due, i.overdue) for i in items
    ]
    assert "AWARE-VALIDITY" == items[0].finding.rule


def test_dossier_going_stale_is_listed():
    """An application of 15/3/2025 not yet voted on goes stale on 15/3/2026 (12 months)."""
    r = record(
        person("F"),
        ev.ListedSympathizer(date=date(2025, 1, 1), cell=CELL),
        ev.AwarenessCourse(date=date(2025, 2, 1)),
        ev.ApplicationFiled(date=date(2025, 3, 15)),
    )
    assert [("F", Act.DOSSIER_STALE, date(2026, 3, 15), False)] == items_of(
        dataset(r), date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 1)
    )


def test_overdue_act_is_flagged_even_outside_the_window():
    """G's ceremony was due 20/2/2025: on 1/3/2025 it is overdue, a violation."""
    items = due(dataset(LATE_CEREMONY), date(2025, 3, 1), date(2025, 3, 31), as_of=date(2025, 3, 1))
    assert [("G", Act.CEREMONY, date(2025, 2, 20), True)] == [
        (i.subject, i.act, i.finding.due, i.overdue) for i in items
    ]
    assert Severity.VIOLATION == items[0].finding.severity
    assert "Overdue" in items[0].finding.message_en


def test_done_acts_are_not_listed():
    """A ceremony held on 5/3/2025 is listed as of 1/3/2025, not as of 6/3/2025."""
    held = record(
        person("H"),
        *WAITING_CEREMONY.events,
        ev.AdmissionCeremony(date=date(2025, 3, 5), cell=CELL),
    )
    ds = dataset(held)
    assert [("H", Act.CEREMONY, date(2025, 3, 10), False)] == items_of(
        ds, date(2025, 3, 1), date(2025, 3, 31), date(2025, 3, 1)
    )
    assert [] == items_of(ds, date(2025, 3, 1), date(2025, 3, 31), date(2025, 3, 6))


def test_delisted_sympathizer_has_nothing_due():
    """A certificate of someone taken off the list is not 'overdue' years later."""
    r = record(
        person("X"),
        ev.ListedSympathizer(date=date(2018, 2, 1), cell=CELL),
        ev.AwarenessCourse(date=date(2018, 4, 12)),
        ev.DelistedSympathizer(date=date(2019, 2, 27), cell=CELL),
    )
    assert [] == items_of(dataset(r), date(2026, 1, 1), date(2026, 3, 31), date(2026, 1, 1))


def test_expired_certificate_of_a_sympathizer_is_a_warning():
    """Certificate of 1/6/2020 expired on 1/6/2025; the person is still a sympathizer."""
    r = record(
        person("E"),
        ev.ListedSympathizer(date=date(2020, 5, 1), cell=CELL),
        ev.AwarenessCourse(date=date(2020, 6, 1)),
    )
    items = due(dataset(r), date(2026, 1, 1), date(2026, 1, 31), as_of=date(2026, 1, 1))
    assert [("E", Act.CERTIFICATE_EXPIRY, date(2025, 6, 1), True)] == [
        (i.subject, i.act, i.finding.due, i.overdue) for i in items
    ]
    assert Severity.WARNING == items[0].finding.severity
    assert "expired on 01/06/2025: retake the course" in items[0].finding.message_en


def test_acts_before_the_coverage_are_not_listed():
    """A decision of 2015 without a ceremony is before 25/7/2016: nothing is computed."""
    r = record(person("O"), *admission(date(2015, 1, 5), decision=date(2015, 2, 2)))
    assert [] == items_of(dataset(r), date(2015, 1, 1), date(2026, 12, 31), date(2026, 1, 1))


def test_items_are_sorted_by_due_date():
    """Overdue G (20/2), then A (10/3), then D (22/4)."""
    ds = dataset(WAITING_DECISION, WAITING_CEREMONY, LATE_CEREMONY)
    assert [("G", date(2025, 2, 20)), ("A", date(2025, 3, 10)), ("D", date(2025, 4, 22))] == [
        (s, d) for s, _, d, _ in items_of(ds, date(2025, 3, 1), date(2025, 4, 30), date(2025, 3, 1))
    ]


def test_expiry_cites_the_text_whose_validity_it_applies():
    """A course of 21/4/2025 (under 01-HD/TW 2021) listed as of 1/1/2026 cites 06-HD/TW 2025.

    The 60 months are read on the as-of date (06-HD/TW of 9/6/2025 is then in
    force, mục 5.4b), so the finding cites that text, not the one in force on
    the day of the course; likewise the stale dossier of 15/5/2025 cites
    06-HD/TW, mục 5.4a.
    """
    r = record(
        person("E"),
        ev.ListedSympathizer(date=date(2025, 3, 1), cell=CELL),
        ev.AwarenessCourse(date=date(2025, 4, 21)),
        ev.ApplicationFiled(date=date(2025, 5, 15)),
    )
    items = due(dataset(r), date(2026, 1, 1), date(2030, 12, 31), as_of=date(2026, 1, 1))
    cited = {
        i.act: (i.due, i.finding.citation.document.key, i.finding.citation.provision) for i in items
    }
    assert (date(2030, 4, 21), "06-HD/TW/2025", "mục 5.4b") == cited[Act.CERTIFICATE_EXPIRY]
    assert (date(2026, 5, 15), "06-HD/TW/2025", "mục 5.4a") == cited[Act.DOSSIER_STALE]
