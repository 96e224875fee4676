"""Party badges: who falls due at an award occasion, early and posthumous awards, deferral.

Party age runs from the admission decision in whole months (Civil Code
month-end rule); the award occasions are 3/2, 19/5, 2/9 and 7/11.  For the
3/2/2026 occasion the previous one is 7/11/2025: a member is listed when they
qualify by 3/2/2026 but did not by 7/11/2025.
"""

import json
from datetime import date, timedelta
from io import StringIO

from tests.common import (
    CELL,
    assert_evaluation,
    assert_passes,
    assert_violation,
    dataset,
    person,
    record,
    run,
)

from dangvien.cli import EXIT_OK, main
from dangvien.findings import Severity
from dangvien.io import save_dataset
from dangvien.model import events as ev
from dangvien.rules import Act, Status, due

O_3_2_2026 = date(2026, 2, 3)


def admitted(decision: date) -> list[ev.Event]:
    """An admission decided on *decision*, ceremony 14 days later, recognised a year on."""
    ceremony = decision + timedelta(days=14)
    official = ceremony.replace(year=ceremony.year + 1)
    return [
        ev.ListedSympathizer(date=decision - timedelta(days=300), cell=CELL),
        ev.ApplicationFiled(date=decision - timedelta(days=120)),
        ev.CellResolution(
            date=decision - timedelta(days=30), cell=CELL, votes_for=5, official_members=6
        ),
        ev.AdmissionDecision(date=decision),
        ev.AdmissionCeremony(date=ceremony, cell=CELL),
        ev.RecognitionDecision(date=official + timedelta(days=10), official_from=official),
    ]


def member(pid: str, decision: date, *extra: ev.Event, birth: date | None = None):
    """A member admitted by a decision of *decision*, with *extra* events."""
    born = birth or date(decision.year - 25, 1, 1)
    return record(person(pid, born), *admitted(decision), *extra)


# The commune of the 3/2/2026 list (hand-computed party ages on 7/11/2025 and 3/2/2026).
LIST_3_2_2026 = dataset(
    # A: 20/1/1996 → 357 months on 7/11/2025, 360 on 3/2/2026: 30 years on 20/1/2026.
    member("A", date(1996, 1, 20)),
    # B: 3/2/1986 → exactly 40 years (480 months) on the occasion itself.
    member("B", date(1986, 2, 3)),
    # C: 4/2/1986 → 479 months on 3/2/2026: reaches 40 the day after (19/5 list).
    member("C", date(1986, 2, 4)),
    # D: 1/11/1995 → 360 months on 7/11/2025 already: on the 7/11/2025 list.
    member("D", date(1995, 11, 1)),
    # F: 10/12/1995, died 15/1/2026 at 361 months (358 on 7/11/2025): posthumous 30.
    member("F", date(1995, 12, 10), ev.Died(date=date(2026, 1, 15))),
    # G: 1/6/1986, died 20/12/2025 at 474 months, 6 short of 40: early posthumous
    # award, up to 12 months since 24-QĐ/TW (death after 30/7/2021).
    member("G", date(1986, 6, 1), ev.Died(date=date(2025, 12, 20))),
    # I: 1/7/1996 → 355 months on 3/2/2026; seriously ill from 5/1/2026: 12 months early.
    member("I", date(1996, 7, 1), ev.SeriousIllness(date=date(2026, 1, 5))),
    # J: 1/12/1957 → 818 months; ill from 10/1/2026: 24 months early at the 70 level.
    member(
        "J", date(1957, 12, 1), ev.SeriousIllness(date=date(2026, 1, 10)), birth=date(1935, 1, 1)
    ),
    # K: 1/12/1995 → 30 years on 1/12/2025, but warned on 1/10/2025: 9 months of
    # deferral (294-QĐ/TW 28.3.1c) to 1/7/2026.
    member(
        "K",
        date(1995, 12, 1),
        ev.Disciplined(date=date(2025, 10, 1), form=ev.DisciplineForm.WARNING),
    ),
    # N: 15/12/1995, already awarded the 30-year badge on 15/1/2026.
    member("N", date(1995, 12, 15), ev.BadgeAwarded(date=date(2026, 1, 15), years=30)),
    # T: 20/12/1995, transferred out on 1/12/2025: the receiving organisation proposes.
    member(
        "T",
        date(1995, 12, 20),
        ev.TransferredOut(date=date(2025, 12, 1), destination="Đảng bộ phường khác"),
    ),
    # X: 25/12/1995 → 361 months; exempted from activities since 2020: still due.
    member("X", date(1995, 12, 25), ev.Exempted(date=date(2020, 3, 2))),
)


def listed(ds, start, end, as_of):
    """``due`` restricted to badges: (subject, due, years, message name) rows."""
    return [
        (i.subject, i.due, i.finding.facts["years"], i.finding.text.key.rsplit(".", 1)[1])
        for i in due(ds, start, end, as_of=as_of)
        if i.act is Act.BADGE_AWARD
    ]


def test_the_3_2_2026_list():
    """Seven members fall due on 3/2/2026: normal, posthumous, early (illness, death)."""
    assert [
        ("A", O_3_2_2026, 30, "due"),
        ("B", O_3_2_2026, 40, "due"),
        ("F", O_3_2_2026, 30, "posthumous"),
        ("G", O_3_2_2026, 40, "posthumous_early"),
        ("I", O_3_2_2026, 30, "ill"),
        ("J", O_3_2_2026, 70, "ill"),
        ("X", O_3_2_2026, 30, "due"),
    ] == listed(LIST_3_2_2026, date(2026, 1, 1), O_3_2_2026, date(2026, 1, 20))


def test_the_list_items_carry_the_numbers():
    """A reaches 30 on 20/1/2026 (360 months on the day); G died 474 months old, 12 allowed."""
    items = {
        i.subject: i
        for i in due(LIST_3_2_2026, date(2026, 1, 1), O_3_2_2026, as_of=date(2026, 1, 20))
    }
    a = items["A"].finding
    assert (Severity.UPCOMING, O_3_2_2026, False) == (a.severity, a.due, items["A"].overdue)
    assert {"years": 30, "occasion": O_3_2_2026, "age": 360, "reached": date(2026, 1, 20)} == {
        k: a.facts[k] for k in ("years", "occasion", "age", "reached")
    }
    # The occasions are those of the guidance in force on 3/2/2026.
    assert ("06-HD/TW/2025", "mục 18.4") == (a.citation.document.key, a.citation.provision)
    g = items["G"].finding.facts
    assert (474, 12, date(2025, 12, 20), None) == (g["age"], g["early"], g["died"], g["reached"])
    j = items["J"].finding.facts
    # 1/12/1957 + 70 years = 1/12/2027; ill certified 10/1/2026.
    assert (818, 24, date(2027, 12, 1), date(2026, 1, 10)) == (
        j["age"],
        j["early"],
        j["reached"],
        j["certified"],
    )
    assert "30 năm tuổi đảng" in items["A"].finding.message_vi


def test_the_list_is_for_the_occasion_whatever_the_as_of_date():
    """Asked on 27/11/2026, the 3/2/2026 list is the same, each item flagged overdue."""
    items = due(LIST_3_2_2026, date(2026, 1, 1), O_3_2_2026, as_of=date(2026, 11, 27))
    badge = [i for i in items if i.act is Act.BADGE_AWARD]
    # F and G died before 27/11/2026 in both cases; nothing was awarded since.
    assert ["A", "B", "F", "G", "I", "J", "X"] == [i.subject for i in badge]
    assert all(i.overdue for i in badge)


def test_a_level_reached_the_day_after_the_occasion_waits_for_the_next():
    """C reaches 40 on 4/2/2026: listed for 19/5/2026 (with D's 30 already past)."""
    rows = listed(LIST_3_2_2026, date(2026, 2, 4), date(2026, 5, 19), date(2026, 2, 4))
    assert [("C", date(2026, 5, 19), 40, "due")] == rows


def test_deferral_keeps_a_warned_member_off_until_it_ends():
    """K, warned 1/10/2025, is deferred to 1/7/2026: listed for 2/9/2026, not before."""
    # 1/10/2025 + 9 months = 1/7/2026: after 19/5/2026, before 2/9/2026.
    rows = listed(LIST_3_2_2026, date(2026, 2, 4), date(2026, 9, 2), date(2026, 2, 4))
    assert ("K", date(2026, 9, 2), 30, "after_deferral") in rows
    assert [] == [r for r in rows if r[0] == "K" and r[1] < date(2026, 9, 2)]


def test_explain_says_why_a_deferred_member_is_not_listed():
    """For the next occasion (3/2/2026) K is deferred by the warning of 1/10/2025."""
    e = assert_evaluation(
        LIST_3_2_2026,
        "BADGE-DUE",
        Status.NOT_APPLICABLE,
        "K",
        as_of=date(2026, 1, 20),
        reason="01/07/2026",
    )
    assert "cảnh cáo" in e.reason_vi


def test_check_lists_the_next_occasion_as_upcoming():
    """check on 20/1/2026 gives A an upcoming BADGE-DUE for 3/2/2026."""
    f = assert_violation(
        run(LIST_3_2_2026, "BADGE-DUE", as_of=date(2026, 1, 20)),
        "BADGE-DUE",
        subject="A",
        severity=Severity.UPCOMING,
        due=O_3_2_2026,
    )
    assert 30 == f.facts["years"]


def test_month_end_leap_day_admission():
    """Decided 29/2/1996: 360 months on 28/2/2026 (no 29/2 in 2026), so the 19/5 list."""
    ds = dataset(member("E", date(1996, 2, 29)))
    assert [("E", date(2026, 5, 19), 30, "due")] == listed(
        ds, date(2026, 1, 1), date(2026, 5, 31), date(2026, 1, 1)
    )
    (item,) = due(ds, date(2026, 5, 1), date(2026, 5, 31), as_of=date(2026, 1, 1))
    assert date(2026, 2, 28) == item.finding.facts["reached"]


# Removed on 1/3/2004, re-admitted by a decision of 1/5/2008: the 1 522 days out
# move the start of party age from 1/3/1994 to 1/5/1998.
READMITTED = [
    *admitted(date(1994, 3, 1)),
    ev.Removed(date=date(2004, 3, 1), reason=ev.RemovalReason.MISSED_ACTIVITIES),
    ev.ApplicationFiled(date=date(2008, 3, 1)),
    ev.CellResolution(date=date(2008, 4, 1), cell=CELL, votes_for=5, official_members=6),
    ev.AdmissionDecision(date=date(2008, 5, 1)),
    ev.AdmissionCeremony(date=date(2008, 5, 15), cell=CELL),
    ev.RecognitionDecision(date=date(2009, 5, 20), official_from=date(2009, 5, 15)),
]


def test_a_badge_across_a_gap_in_membership():
    """Without the gap 30 years would be 1/3/2024; with it 1/5/2028: the 19/5/2028 list."""
    ds = dataset(record(person("L", date(1970, 1, 1)), *READMITTED))
    assert [] == listed(ds, date(2024, 1, 1), date(2024, 12, 31), date(2024, 1, 1))
    assert [("L", date(2028, 5, 19), 30, "due")] == listed(
        ds, date(2028, 2, 4), date(2028, 5, 19), date(2028, 2, 4)
    )


def test_cli_due_lists_the_3_2_2026_badges(tmp_path):
    """``dangvien due DATASET --from 2026-01-01 --to 2026-02-03`` lists the badge members."""
    save_dataset(LIST_3_2_2026, tmp_path)
    out = StringIO()
    status = main(
        [
            "due",
            str(tmp_path),
            "--from",
            "2026-01-01",
            "--to",
            "2026-02-03",
            "--as-of",
            "2026-01-20",
            "--format",
            "json",
        ],
        out=out,
    )
    assert EXIT_OK == status
    rows = [
        (i["subject"], i["due"])
        for i in json.loads(out.getvalue())["items"]
        if i["act"] == "badge_award"
    ]
    assert [(s, "2026-02-03") for s in ("A", "B", "F", "G", "I", "J", "X")] == rows
    text = StringIO()
    main(
        [
            "due",
            str(tmp_path),
            "--from",
            "2026-01-01",
            "--to",
            "2026-02-03",
            "--as-of",
            "2026-01-20",
        ],
        out=text,
    )
    assert "Huy hiệu 30 năm tuổi Đảng dịp 03/02/2026" in text.getvalue()


# --- BADGE-PARTY-AGE: early awards --------------------------------------------------


def test_early_posthumous_award_after_30_7_2021_passes():
    """Died 1/8/2021 at 473 months: the 40-year badge of 2/9/2021 is 7 months early (≤ 12)."""
    # 1/3/1982 → 1/8/2021 = 39 years 5 months = 473 months.
    ds = dataset(
        member(
            "P",
            date(1982, 3, 1),
            ev.Died(date=date(2021, 8, 1)),
            ev.BadgeAwarded(date=date(2021, 9, 2), years=40),
        )
    )
    assert_passes(ds, "BADGE-PARTY-AGE", as_of=date(2021, 10, 1), reason="up to 12 months")


def test_no_early_posthumous_award_for_a_death_before_30_7_2021():
    """Died 25/7/2021 at 472 months: 29-QĐ/TW, in force that day, allowed no early award."""
    # 1/3/1982 → 25/7/2021 = 39 years 4 months = 472 months; the 40-year badge of
    # 2/9/2021 falls under 24-QĐ/TW, but the allowance is the law of the death's day.
    ds = dataset(
        member(
            "P",
            date(1982, 3, 1),
            ev.Died(date=date(2021, 7, 25)),
            ev.BadgeAwarded(date=date(2021, 9, 2), years=40),
        )
    )
    assert_violation(
        run(ds, "BADGE-PARTY-AGE", as_of=date(2021, 10, 1)),
        "BADGE-PARTY-AGE",
        facts_={"age": 472, "early": 0},
    )


def test_early_award_for_serious_illness_under_29_qd_tw():
    """Ill from 1/1/2019: 12 months early.  3/2/2019 is 13 months early, 19/5/2019 is 10."""
    # 1/3/1990 → 3/2/2019 = 347 months (+12 = 359 < 360); → 19/5/2019 = 350 (+12 ≥ 360).
    ill = ev.SeriousIllness(date=date(2019, 1, 1))
    early = dataset(
        member("P", date(1990, 3, 1), ill, ev.BadgeAwarded(date=date(2019, 2, 3), years=30))
    )
    assert_violation(
        run(early, "BADGE-PARTY-AGE", as_of=date(2019, 3, 1)),
        "BADGE-PARTY-AGE",
        document="29-QĐ/TW/2016",
        facts_={"age": 347, "early": 12},
    )
    in_time = dataset(
        member("P", date(1990, 3, 1), ill, ev.BadgeAwarded(date=date(2019, 5, 19), years=30))
    )
    assert_passes(in_time, "BADGE-PARTY-AGE", as_of=date(2019, 6, 1), reason="350 months")


def test_illness_allows_two_years_at_the_70_level_from_24_qd_tw():
    """1/12/1952 → 70 years on 1/12/2022; ill from 2021, awarded 2/9/2021: 15 months early."""
    # 1/12/1952 → 2/9/2021 = 68 years 9 months = 825 months; 825 + 24 = 849 ≥ 840.
    ds = dataset(
        member(
            "P",
            date(1952, 12, 1),
            ev.SeriousIllness(date=date(2021, 8, 20)),
            ev.BadgeAwarded(date=date(2021, 9, 2), years=70),
            birth=date(1930, 1, 1),
        )
    )
    assert_passes(ds, "BADGE-PARTY-AGE", as_of=date(2021, 10, 1), reason="up to 24 months")


# --- BADGE-DEFERRED --------------------------------------------------------------------


def test_reprimand_did_not_defer_under_29_qd_tw():
    """Reprimanded 1/1/2019, awarded 3/2/2019: 29-QĐ/TW deferred from a warning up."""
    ds = dataset(
        member(
            "P",
            date(1988, 1, 1),
            ev.Disciplined(date=date(2019, 1, 1), form=ev.DisciplineForm.REPRIMAND),
            ev.BadgeAwarded(date=date(2019, 2, 3), years=30),
        )
    )
    assert_passes(ds, "BADGE-DEFERRED", as_of=date(2019, 3, 1))


def test_warning_defers_six_months_under_29_qd_tw():
    """Warned 1/1/2019 → not before 1/7/2019: the 19/5/2019 award is a violation."""
    ds = dataset(
        member(
            "P",
            date(1988, 1, 1),
            ev.Disciplined(date=date(2019, 1, 1), form=ev.DisciplineForm.WARNING),
            ev.BadgeAwarded(date=date(2019, 5, 19), years=30),
        )
    )
    assert_violation(
        run(ds, "BADGE-DEFERRED", as_of=date(2019, 6, 1)),
        "BADGE-DEFERRED",
        document="29-QĐ/TW/2016",
        facts_={"months": 6, "until": date(2019, 7, 1)},
    )


def test_reprimand_defers_six_months_from_24_qd_tw():
    """Reprimanded 1/1/2022 → not before 1/7/2022: 19/5/2022 violates, 2/9/2022 passes."""
    disc = ev.Disciplined(date=date(2022, 1, 1), form=ev.DisciplineForm.REPRIMAND)
    early = dataset(
        member("P", date(1991, 1, 1), disc, ev.BadgeAwarded(date=date(2022, 5, 19), years=30))
    )
    assert_violation(
        run(early, "BADGE-DEFERRED", as_of=date(2022, 6, 1)),
        "BADGE-DEFERRED",
        document="24-QĐ/TW/2021",
        facts_={"months": 6},
    )
    later = dataset(
        member("P", date(1991, 1, 1), disc, ev.BadgeAwarded(date=date(2022, 9, 2), years=30))
    )
    assert_passes(later, "BADGE-DEFERRED", as_of=date(2022, 10, 1))


def test_dismissal_of_29_2_defers_to_the_end_of_february():
    """Dismissed 29/2/2024: 12 months end on 28/2/2025, so the 3/2/2025 award is early."""
    ds = dataset(
        member(
            "P",
            date(1994, 6, 1),
            ev.Disciplined(date=date(2024, 2, 29), form=ev.DisciplineForm.DISMISSAL),
            ev.BadgeAwarded(date=date(2025, 2, 3), years=30),
        )
    )
    assert_violation(
        run(ds, "BADGE-DEFERRED", as_of=date(2025, 3, 1)),
        "BADGE-DEFERRED",
        facts_={"months": 12, "until": date(2025, 2, 28)},
    )


# --- BADGE-45-TRANSITION ------------------------------------------------------------------


def test_45_year_badge_for_a_member_with_50_years_in_2016_is_a_violation():
    """Decided 1/3/1966: 604 months on 25/7/2016 (≥ 600), so no 45-year badge."""
    # 1/3/1966 → 1/7/2016 = 50 years 4 months = 604 months.
    ds = dataset(
        member(
            "P",
            date(1966, 3, 1),
            ev.BadgeAwarded(date=date(2016, 9, 2), years=45),
            birth=date(1940, 1, 1),
        )
    )
    assert_violation(
        run(ds, "BADGE-45-TRANSITION", as_of=date(2016, 10, 1)),
        "BADGE-45-TRANSITION",
        facts_={"age": 604, "ceiling": 50},
    )


def test_45_year_badge_in_the_transition_passes():
    """Decided 1/9/1970: 550 months on 25/7/2016, between 45 and 50 years."""
    ds = dataset(
        member(
            "P",
            date(1970, 9, 1),
            ev.BadgeAwarded(date=date(2016, 9, 2), years=45),
            birth=date(1945, 1, 1),
        )
    )
    assert_passes(ds, "BADGE-45-TRANSITION", as_of=date(2016, 10, 1))


def test_45_year_badge_after_a_higher_one_is_a_violation():
    """A 50-year badge of 3/2/2020, then a 45-year badge on 2/9/2020."""
    ds = dataset(
        member(
            "P",
            date(1970, 1, 1),
            ev.BadgeAwarded(date=date(2020, 2, 3), years=50),
            ev.BadgeAwarded(date=date(2020, 9, 2), years=45),
            birth=date(1945, 1, 1),
        )
    )
    assert_violation(
        run(ds, "BADGE-45-TRANSITION", as_of=date(2020, 10, 1)),
        "BADGE-45-TRANSITION",
        facts_={"years": 50},
    )


def test_explain_says_a_member_who_left_has_no_party_age_here():
    """T transferred out on 1/12/2025: nothing to propose here for 3/2/2026."""
    assert_evaluation(
        LIST_3_2_2026,
        "BADGE-DUE",
        Status.NOT_APPLICABLE,
        "T",
        as_of=date(2026, 1, 20),
        reason="no party age",
    )


def test_a_member_admitted_after_an_occasion_has_no_party_age_on_it():
    """A window reaching back before a member's admission lists nothing for those occasions."""
    # Decided 6/10/2025: no party age on 2/9/2025 (before the decision), nothing
    # anywhere near a level on 7/11/2025 or 3/2/2026.
    ds = dataset(member("Y", date(2025, 10, 6)))
    assert [] == listed(ds, date(2025, 6, 1), O_3_2_2026, date(2025, 12, 31))
