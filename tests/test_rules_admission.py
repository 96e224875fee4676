"""Admission rules judged at the cell meeting: worked examples from the regulations.

Every expected date, age and count is worked out by hand in the comments.
"""

from datetime import date
from fractions import Fraction

import pytest
from tests.common import (
    CELL,
    OTHER_CELL,
    admission,
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

from dangvien.documents import Citation, Confidence, KnownDocument, parse_ref
from dangvien.findings import Severity
from dangvien.model import events as ev
from dangvien.model.people import EducationLevel
from dangvien.model.stages import Stage
from dangvien.parameters import AWARENESS_VALIDITY_MONTHS, default_parameters
from dangvien.rules import Status, check

# A meeting well inside 24-QĐ/TW, used where the date does not matter.
MEETING = date(2023, 3, 1)


def applicant_ds(meeting=MEETING, birth=date(1995, 5, 5), *extra, person_kw=None, **kw):
    """A dataset whose person P was voted on by the cell on *meeting*."""
    p = person("P", birth, **(person_kw or {}))
    return dataset(record(p, *admission(meeting, **kw)), *extra)


# --- ADMIT-AGE-MIN: month-end birthdays -------------------------------------------


def test_born_29_february_is_not_18_on_27_february_2026():
    """Born 29/2/2008: at a meeting on 27/2/2026 she is 17 years 11 months, one day short."""
    # 29/2/2008 + 216 months: February 2026 has no 29th, so the month-end rule gives
    # 28/2/2026 (Civil Code art. 148). On 27/2 she is 215 full months old: 17 y 11 m.
    ds = applicant_ds(date(2026, 2, 27), date(2008, 2, 29))
    f = assert_violation(
        run(ds, "ADMIT-AGE-MIN", as_of=date(2026, 3, 1)),
        "ADMIT-AGE-MIN",
        on=date(2026, 2, 27),
        document="294-QĐ/TW/2025",
        facts_={"need": 18, "reached": date(2026, 2, 28), "short": 1, "age": 17 * 12 + 11},
    )
    assert "thiếu 1 ngày" in f.message_vi


def test_born_29_february_is_18_on_28_february_2026():
    """Born 29/2/2008: fully 18 on 28/2/2026, the last day of a February with no 29th."""
    ds = applicant_ds(date(2026, 2, 28), date(2008, 2, 29))
    assert_passes(ds, "ADMIT-AGE-MIN", as_of=date(2026, 3, 1), reason="18 tuổi 0 tháng")


def test_born_31_august_is_not_18_on_30_august():
    """Born 31/8/2007: at a meeting on 30/8/2025, one day short of 18."""
    # August has 31 days: the 18th birthday is 31/8/2025; 30/8 gives 215 months.
    ds = applicant_ds(date(2025, 8, 30), date(2007, 8, 31))
    assert_violation(
        run(ds, "ADMIT-AGE-MIN", as_of=date(2025, 9, 1)),
        "ADMIT-AGE-MIN",
        on=date(2025, 8, 30),
        facts_={"reached": date(2025, 8, 31), "short": 1, "age": 17 * 12 + 11},
    )


def test_born_31_august_is_18_on_31_august():
    """Born 31/8/2007: fully 18 at a meeting on 31/8/2025."""
    ds = applicant_ds(date(2025, 8, 31), date(2007, 8, 31))
    assert_passes(ds, "ADMIT-AGE-MIN", as_of=date(2025, 9, 1), reason="18 years 0 months")


def test_applicant_a_few_days_short_of_18():
    """Born 10/3/2008, voted on 5/3/2026: turns 18 on 10/3/2026, five days short."""
    # 6, 7, 8, 9, 10 March: 5 days from 5/3 to 10/3.
    ds = applicant_ds(date(2026, 3, 5), date(2008, 3, 10))
    f = assert_violation(
        run(ds, "ADMIT-AGE-MIN", as_of=date(2026, 3, 31)),
        "ADMIT-AGE-MIN",
        facts_={"short": 5, "reached": date(2026, 3, 10)},
        message="5 days short",
    )
    assert Severity.VIOLATION == f.severity


@pytest.mark.parametrize(
    ("meeting", "document", "provision", "grade"),
    [
        # 23-QĐ/TW 1.1a: "đủ 18 tuổi trở lên (tính theo tháng)".
        (date(2006, 10, 31), "23-QĐ/TW/2006", "điểm 1.1a", Confidence.A),
        (date(2008, 3, 1), "23-QĐ/TW/2006", "điểm 1.1a", Confidence.A),
        # The 2011 Charter without a regulation of its own: 23-QĐ/TW still cited.
        (date(2011, 10, 31), "23-QĐ/TW/2006", "điểm 1.1a", Confidence.A),
        # 45-QĐ/TW's wording not seen: the 2011 Charter's 18 years (grade B).
        (date(2011, 11, 1), "dieu-le-2011", "Điều 1, khoản 2", Confidence.B),
        (date(2016, 7, 24), "dieu-le-2011", "Điều 1, khoản 2", Confidence.B),
        (date(2016, 7, 25), "29-QĐ/TW/2016", "điểm 1.1a", Confidence.A),
        (date(2021, 7, 29), "29-QĐ/TW/2016", "điểm 1.1a", Confidence.A),
        (date(2021, 7, 30), "24-QĐ/TW/2021", "điểm 1.1.1", Confidence.A),
        (date(2025, 1, 19), "24-QĐ/TW/2021", "điểm 1.1.1", Confidence.A),
        (date(2025, 1, 20), "232-QĐ/TW/2025", "điểm 1.1.1", Confidence.A),
        (date(2025, 6, 30), "232-QĐ/TW/2025", "điểm 1.1.1", Confidence.A),
        # 294-QĐ/TW's full text was read (law notes, log 11): grade A.
        (date(2025, 7, 1), "294-QĐ/TW/2025", "điểm 1.1.1", Confidence.A),
        (date(2026, 1, 5), "294-QĐ/TW/2025", "điểm 1.1.1", Confidence.A),
    ],
)
def test_findings_cite_the_regulation_in_force_on_the_meeting_day(
    meeting, document, provision, grade
):
    """23-QĐ/TW from 31/10/2006, the Charter under 45-QĐ/TW, then 29, 24, 232 and 294-QĐ/TW."""
    # Born on 1 January 17 years before the meeting's year: 17 and some months old.
    ds = applicant_ds(meeting, date(meeting.year - 17, 1, 1))
    f = assert_violation(
        run(ds, "ADMIT-AGE-MIN", as_of=date(2026, 2, 1)),
        "ADMIT-AGE-MIN",
        on=meeting,
        document=document,
    )
    assert provision == f.citation.provision
    assert grade == f.confidence


def test_meetings_before_23_qd_tw_are_not_judged():
    """A 17-year-old voted on 30/10/2006, the eve of 23-QĐ/TW, is outside the encoded law."""
    meeting = date(2006, 10, 30)
    ds = dataset(
        record(
            person("P", date(1989, 1, 1)),
            *admission(
                meeting,
                decision=date(2006, 11, 20),
                received=date(2006, 11, 20),
                ceremony=date(2006, 12, 1),
            ),
        )
    )
    assert_no_finding(check(ds, as_of=date(2007, 1, 1)), "ADMIT-AGE-MIN")
    e = assert_evaluation(ds, "ADMIT-AGE-MIN", Status.NOT_APPLICABLE, as_of=date(2007, 1, 1))
    # The reason is the true one: the meeting is before the encoded law, not missing.
    assert "Not judged: the act of 30/10/2006 is before 31/10/2006" in e.reason_en
    assert "trước ngày 31/10/2006" in e.reason_vi


# --- ADMIT-AGE-MAX ------------------------------------------------------------------


def test_sixty_years_and_some_days_is_still_sixty_by_months():
    """Born 15/6/1965, voted 14/7/2025: 60 years 0 months (720 months), accepted."""
    # 15/6/1965 + 721 months = 15/7/2025 > 14/7/2025, so 720 full months.
    ds = applicant_ds(date(2025, 7, 14), date(1965, 6, 15))
    assert_passes(ds, "ADMIT-AGE-MAX", as_of=date(2025, 8, 1), reason="60 tuổi 0 tháng")


def test_sixty_years_one_month_needs_provincial_consent():
    """Born 15/6/1965, voted 15/7/2025 (60 y 1 m) without consent: a violation."""
    ds = applicant_ds(date(2025, 7, 15), date(1965, 6, 15))
    assert_violation(
        run(ds, "ADMIT-AGE-MAX", as_of=date(2025, 8, 1)),
        "ADMIT-AGE-MAX",
        on=date(2025, 7, 15),
        document="294-QĐ/TW/2025",
        facts_={"limit": 60, "age": 60 * 12 + 1},
    )


def test_over_sixty_with_prior_written_consent_passes():
    """Consent of the provincial standing committee before the decision makes it lawful."""
    meeting = date(2025, 7, 15)
    p = person("P", date(1965, 6, 15))
    consent = ev.ProvincialConsent(date=date(2025, 7, 25), purpose=ev.ConsentPurpose.OVER_60)
    events = admission(meeting, decision=date(2025, 8, 1), received=date(2025, 8, 1))
    ds = dataset(record(p, *events, consent))
    assert_passes(ds, "ADMIT-AGE-MAX", as_of=date(2025, 8, 5), reason="consent of 25/07/2025")


def test_consent_after_the_decision_does_not_count():
    """Consent dated after the admission decision is not 'prior' consent."""
    p = person("P", date(1965, 6, 15))
    consent = ev.ProvincialConsent(date=date(2025, 8, 4), purpose=ev.ConsentPurpose.OVER_60)
    events = admission(date(2025, 7, 15), decision=date(2025, 8, 1), received=date(2025, 8, 1))
    ds = dataset(record(p, *events, consent))
    assert_violation(run(ds, "ADMIT-AGE-MAX", as_of=date(2025, 8, 5)), "ADMIT-AGE-MAX")


# --- ADMIT-EDU-MIN: the "or equivalent" boundary ------------------------------------


def test_or_equivalent_accepted_on_29_july_2021():
    """Under 29-QĐ/TW (to 29/7/2021) a lower-secondary equivalent is enough."""
    ds = applicant_ds(
        date(2021, 7, 29), person_kw={"education": EducationLevel.LOWER_SECONDARY_EQUIVALENT}
    )
    assert_passes(ds, "ADMIT-EDU-MIN", as_of=date(2021, 8, 1), reason="cần tương đương THCS")


def test_or_equivalent_refused_from_30_july_2021():
    """24-QĐ/TW (from 30/7/2021) dropped 'or equivalent': the same person now fails."""
    ds = applicant_ds(
        date(2021, 7, 30), person_kw={"education": EducationLevel.LOWER_SECONDARY_EQUIVALENT}
    )
    f = assert_violation(
        run(ds, "ADMIT-EDU-MIN", as_of=date(2021, 8, 1)),
        "ADMIT-EDU-MIN",
        on=date(2021, 7, 30),
        document="24-QĐ/TW/2021",
        facts_={
            "have": EducationLevel.LOWER_SECONDARY_EQUIVALENT,
            "need": EducationLevel.LOWER_SECONDARY,
            "day": date(2021, 7, 30),
        },
    )
    assert "điểm 1.2.1" == f.citation.provision


def test_special_area_primary_school_passes():
    """In a special area primary school is the minimum (01-HD/TW 2021, 1.2a): a pass."""
    ds = applicant_ds(person_kw={"education": EducationLevel.PRIMARY, "special_area": True})
    assert_passes(ds, "ADMIT-EDU-MIN", as_of=date(2023, 4, 1), reason="minimum is primary")


def test_special_area_below_primary_is_a_violation_citing_the_guidance():
    """No schooling in a special area falls below the guidance's floor: it is cited."""
    ds = applicant_ds(person_kw={"education": EducationLevel.NONE, "special_area": True})
    f = assert_violation(
        run(ds, "ADMIT-EDU-MIN", as_of=date(2023, 4, 1)),
        "ADMIT-EDU-MIN",
        document="01-HD/TW/2021",
        facts_={"have": EducationLevel.NONE, "need": EducationLevel.PRIMARY},
    )
    assert "mục 1.2a" == f.citation.provision


def test_special_area_shortfall_before_the_2016_guidance_is_a_warning():
    """25/7–19/9/2016: 29-QĐ/TW leaves the floor to a guidance not yet issued: a warning."""
    ds = applicant_ds(
        date(2016, 8, 15), person_kw={"education": EducationLevel.PRIMARY, "special_area": True}
    )
    assert_violation(
        run(ds, "ADMIT-EDU-MIN", as_of=date(2016, 9, 1)),
        "ADMIT-EDU-MIN",
        severity=Severity.WARNING,
        document="29-QĐ/TW/2016",
        facts_={"have": EducationLevel.PRIMARY, "need": EducationLevel.LOWER_SECONDARY_EQUIVALENT},
    )


def test_2008_special_area_floor_is_23_qd_tw_primary():
    """23-QĐ/TW 1.2b itself sets primary school for remote areas: NONE fails, cited so."""
    ds = applicant_ds(
        date(2008, 3, 1), person_kw={"education": EducationLevel.NONE, "special_area": True}
    )
    f = assert_violation(
        run(ds, "ADMIT-EDU-MIN", as_of=date(2008, 4, 1)), "ADMIT-EDU-MIN", document="23-QĐ/TW/2006"
    )
    assert "điểm 1.2b" == f.citation.provision


def test_lower_secondary_diploma_passes():
    """A THCS diploma meets the minimum under every regime."""
    ds = applicant_ds(person_kw={"education": EducationLevel.LOWER_SECONDARY})
    assert_passes(ds, "ADMIT-EDU-MIN", as_of=date(2023, 4, 1), reason="Trình độ THCS")


# --- AWARE-REQUIRED / AWARE-VALIDITY --------------------------------------------------


def test_no_awareness_certificate_is_a_violation():
    """A vote without the awareness-course certificate violates AWARE-REQUIRED."""
    ds = applicant_ds(with_course=False)
    assert_violation(
        run(ds, "AWARE-REQUIRED", as_of=date(2023, 4, 1)),
        "AWARE-REQUIRED",
        on=MEETING,
        document="01-HD/TW/2021",
        facts_={"day": date(2023, 3, 1)},
    )


def test_certificate_after_the_meeting_does_not_count():
    """A certificate dated after the vote is not 'before the meeting'."""
    late = ev.AwarenessCourse(date=date(2023, 3, 6))
    ds = dataset(record(person("P"), *admission(MEETING, with_course=False), late))
    assert_violation(run(ds, "AWARE-REQUIRED", as_of=date(2023, 4, 1)), "AWARE-REQUIRED")


def test_certificate_before_the_meeting_passes():
    """A certificate before the vote satisfies AWARE-REQUIRED."""
    ds = applicant_ds(course=date(2022, 9, 1))
    assert_passes(ds, "AWARE-REQUIRED", as_of=date(2023, 4, 1), reason="Certificate of 01/09/2022")


def test_certificate_valid_on_the_last_day_of_60_months():
    """Certificate of 1/3/2018 is valid until 1/3/2023 (+60 months), a meeting that day passes."""
    ds = applicant_ds(date(2023, 3, 1), course=date(2018, 3, 1))
    assert_passes(ds, "AWARE-VALIDITY", as_of=date(2023, 4, 1), reason="Valid until 01/03/2023")


def test_certificate_expired_the_day_before_the_meeting():
    """Certificate of 1/3/2018 expired on 1/3/2023: a meeting on 2/3/2023 fails (grade B)."""
    ds = applicant_ds(date(2023, 3, 2), course=date(2018, 3, 1))
    f = assert_violation(
        run(ds, "AWARE-VALIDITY", as_of=date(2023, 4, 1)),
        "AWARE-VALIDITY",
        document="01-HD/TW/2021",
        facts_={"cert": date(2018, 3, 1), "expiry": date(2023, 3, 1), "months": 60},
    )
    assert Confidence.B == f.confidence


def test_certificate_validity_is_grade_a_from_06_hd_tw():
    """Certificate of 10/6/2020 + 60 months = 10/6/2025; a meeting on 11/6/2025 fails, grade A."""
    # 06-HD/TW (in force from 9/6/2025) 5.4b states the 60 months.
    ds = applicant_ds(date(2025, 6, 11), course=date(2020, 6, 10))
    f = assert_violation(
        run(ds, "AWARE-VALIDITY", as_of=date(2025, 7, 1)),
        "AWARE-VALIDITY",
        document="06-HD/TW/2025",
        facts_={"expiry": date(2025, 6, 10), "months": 60},
    )
    assert ("mục 5.4b", Confidence.A) == (f.citation.provision, f.confidence)


HYPOTHETICAL_GUIDE = KnownDocument(
    key="07-HD/ĐU/2025",
    ref=parse_ref("07-HD/ĐU"),
    title_vi="Hướng dẫn của Đảng ủy xã Thử Nghiệm (giả định)",
    title_en="Commune committee guidance (hypothetical)",
    issuer_vi="Đảng ủy xã Thử Nghiệm",
    signed=date(2025, 12, 1),
    effective=date(2026, 1, 1),
)
STRICTER = default_parameters().override(
    AWARENESS_VALIDITY_MONTHS,
    36,
    start=date(2026, 1, 1),
    citation=Citation(HYPOTHETICAL_GUIDE, "điểm 2"),
)


def test_override_does_not_change_verdicts_before_its_start():
    """A 36-month validity from 1/1/2026 leaves a meeting on 31/12/2025 under the 60 months."""
    # Certificate 1/6/2022: 60 months end 1/6/2027, so the meeting passes.
    ds = applicant_ds(date(2025, 12, 31), course=date(2022, 6, 1))
    assert_passes(
        ds,
        "AWARE-VALIDITY",
        as_of=date(2026, 1, 15),
        params=STRICTER,
        reason="Valid until 01/06/2027",
    )


def test_override_changes_the_verdict_from_its_start():
    """From 1/1/2026 the same certificate lasts 36 months, to 1/6/2025: expired on 2/1/2026."""
    ds = applicant_ds(date(2026, 1, 2), course=date(2022, 6, 1))
    assert_passes(ds, "AWARE-VALIDITY", as_of=date(2026, 1, 15), reason="01/06/2027")
    f = assert_violation(
        run(ds, "AWARE-VALIDITY", as_of=date(2026, 1, 15), params=STRICTER),
        "AWARE-VALIDITY",
        document="07-HD/ĐU/2025",
        facts_={"months": 36, "expiry": date(2025, 6, 1)},
    )
    assert "điểm 2" == f.citation.provision


# --- INTRO-COUNT / INTRO-OFFICIAL-ONLY / INTRO-TENURE ------------------------------


def test_one_introducer_is_not_enough():
    """One introducer where two are required."""
    ds = applicant_ds(introducers=("I1",))
    assert_violation(
        run(ds, "INTRO-COUNT", as_of=date(2023, 4, 1)),
        "INTRO-COUNT",
        document="dieu-le-2011",
        facts_={"have": 1, "need": 2},
    )


def test_the_same_introducer_twice_counts_once():
    """Listing one member twice does not make two introducers."""
    ds = applicant_ds(introducers=("I1", "I1"))
    assert_violation(
        run(ds, "INTRO-COUNT", as_of=date(2023, 4, 1)), "INTRO-COUNT", facts_={"have": 1}
    )


def test_missing_introducers_are_a_violation():
    """A vote with no introducers recorded."""
    ds = applicant_ds(with_introducers=False)
    assert_violation(
        run(ds, "INTRO-COUNT", as_of=date(2023, 4, 1)), "INTRO-COUNT", message="No introducers"
    )


def test_youth_union_and_one_member_make_two():
    """The Youth Union executive plus one official member are two introducers."""
    ds = applicant_ds(
        birth=date(2000, 1, 1), introducers=("I1",), org_introducer=ev.OrgIntroducer.YOUTH_UNION
    )
    assert_passes(ds, "INTRO-COUNT", as_of=date(2023, 4, 1), reason="2 introducers")


def test_youth_union_route_past_youth_age_is_a_grade_c_warning():
    """Born 1/1/1990, introduced by the Youth Union on 1/1/2021 at 31: a C-graded warning."""
    # 1/1/1990 → 1/1/2021 is 372 full months, past 30 years 11 months (371).
    ds = applicant_ds(
        date(2021, 3, 1),
        date(1990, 1, 1),
        introduced=date(2021, 1, 1),
        introducers=("I1",),
        org_introducer=ev.OrgIntroducer.YOUTH_UNION,
    )
    f = assert_violation(
        run(ds, "INTRO-COUNT", as_of=date(2021, 4, 1)),
        "INTRO-COUNT",
        severity=Severity.WARNING,
        on=date(2021, 1, 1),
        facts_={"limit": 30, "age": 31 * 12},
    )
    assert Confidence.C == f.confidence


def test_youth_union_route_at_30_years_11_months_passes():
    """Introduced on 31/12/2020, the day before 31 (371 months): still youth age."""
    ds = applicant_ds(
        date(2021, 3, 1),
        date(1990, 1, 1),
        introduced=date(2020, 12, 31),
        introducers=("I1",),
        org_introducer=ev.OrgIntroducer.YOUTH_UNION,
    )
    assert_passes(ds, "INTRO-COUNT", as_of=date(2021, 4, 1), reason="2 introducers")


def test_probationary_introducer_is_a_violation():
    """J, admitted on 1/9/2022, is still probationary when introducing on 30/12/2022."""
    # J's probation runs 1/9/2022 – 1/9/2023.
    j = record(person("J", date(1990, 1, 1)), *probation(date(2022, 9, 1)))
    ds = applicant_ds(
        MEETING, date(1995, 5, 5), j, introducers=("I1", "J"), introduced=date(2022, 12, 30)
    )
    assert_violation(
        run(ds, "INTRO-OFFICIAL-ONLY", as_of=date(2023, 4, 1)),
        "INTRO-OFFICIAL-ONLY",
        on=date(2022, 12, 30),
        document="dieu-le-2011",
        facts_={"pid": "J", "stage": Stage.PROBATIONARY, "day": date(2022, 12, 30)},
    )


def test_unknown_introducer_is_a_warning():
    """An introducer missing from the register cannot be verified: a warning."""
    ds = applicant_ds(introducers=("I1", "ZZ"))
    assert_violation(
        run(ds, "INTRO-OFFICIAL-ONLY", as_of=date(2023, 4, 1)),
        "INTRO-OFFICIAL-ONLY",
        severity=Severity.WARNING,
        facts_={"pid": "ZZ"},
    )


def test_official_introducers_pass():
    """Two official members introduce: both pass."""
    ds = applicant_ds()
    passes = assert_passes(ds, "INTRO-OFFICIAL-ONLY", as_of=date(2023, 4, 1))
    # Judged on the day of the introduction (60 days before the meeting of 1/3/2023, under
    # 24-QĐ/TW); the condition is the Charter's (Art. 4(2)), which is cited.
    cited = " (under Điều lệ Đảng ngày 19/1/2011, Điều 4, khoản 2)"
    assert [f"I1 is official{cited}", f"I2 is official{cited}"] == [e.reason_en for e in passes]


def test_introducer_six_months_in_the_cell_is_too_new():
    """K joined the cell on 1/9/2022; on 30/12/2022 that is 3 full months, not 12."""
    # 1/9/2022 → 1/12/2022 = 3 months; 30/12 < 1/1/2023, so 3.
    k = official("K", since=date(2022, 9, 1))
    ds = applicant_ds(
        MEETING, date(1995, 5, 5), k, introducers=("I1", "K"), introduced=date(2022, 12, 30)
    )
    assert_violation(
        run(ds, "INTRO-TENURE", as_of=date(2023, 4, 1)),
        "INTRO-TENURE",
        document="24-QĐ/TW/2021",
        facts_={"pid": "K", "months": 3, "need": 12, "since": date(2022, 9, 1)},
    )


def test_introducer_twelve_months_in_the_cell_passes():
    """K joined on 30/12/2021; on 30/12/2022 that is exactly 12 months."""
    k = official("K", since=date(2021, 12, 30))
    ds = applicant_ds(
        MEETING, date(1995, 5, 5), k, introducers=("I1", "K"), introduced=date(2022, 12, 30)
    )
    passes = assert_passes(ds, "INTRO-TENURE", as_of=date(2023, 4, 1))
    assert "K: 12 months in the cell (under 24-QĐ/TW ngày 30/7/2021, điểm 3.2.1)" in [
        e.reason_en for e in passes
    ]


def test_introducer_from_another_cell_is_a_warning():
    """An introducer of another cell may share a workplace: a warning, not a violation."""
    other = official("L", cell=OTHER_CELL)
    ds = applicant_ds(MEETING, date(1995, 5, 5), other, introducers=("I1", "L"))
    assert_violation(
        run(ds, "INTRO-TENURE", as_of=date(2023, 4, 1)),
        "INTRO-TENURE",
        severity=Severity.WARNING,
        facts_={"pid": "L", "theirs": OTHER_CELL, "cell": CELL},
    )


# --- CHIBO-VOTE-ADMIT ---------------------------------------------------------------


def test_seven_of_twelve_is_below_two_thirds():
    """2/3 of 12 official members is 8; 7 votes are not enough."""
    ds = applicant_ds(votes=(7, 12))
    assert_violation(
        run(ds, "CHIBO-VOTE-ADMIT", as_of=date(2023, 4, 1)),
        "CHIBO-VOTE-ADMIT",
        on=MEETING,
        document="dieu-le-2011",
        facts_={"votes": 7, "total": 12, "frac": Fraction(2, 3)},
    )


def test_eight_of_twelve_is_exactly_two_thirds():
    """8 of 12 reaches 2/3 exactly."""
    ds = applicant_ds(votes=(8, 12))
    assert_passes(ds, "CHIBO-VOTE-ADMIT", as_of=date(2023, 4, 1), reason="8/12 approved")


def test_recorded_denominator_below_the_register_is_a_warning():
    """2 of 3 recorded, but the register has 6 official members (2 < 4): a warning."""
    extra = [official(f"O{i}") for i in range(4, 7)]
    ds = applicant_ds(MEETING, date(1995, 5, 5), *extra, votes=(2, 3))
    assert_violation(
        run(ds, "CHIBO-VOTE-ADMIT", as_of=date(2023, 4, 1)),
        "CHIBO-VOTE-ADMIT",
        severity=Severity.WARNING,
        facts_={"total": 3, "roster": 6, "votes": 2},
    )


# --- DOSSIER-STALE ------------------------------------------------------------------


def test_dossier_voted_on_its_12_month_anniversary_is_in_time():
    """Application 1/3/2022, meeting 1/3/2023: exactly 12 months, not over."""
    ds = applicant_ds(date(2023, 3, 1), application=date(2022, 3, 1), introduced=date(2022, 3, 1))
    assert_passes(ds, "DOSSIER-STALE", as_of=date(2023, 4, 1), reason="within 12 months")


def test_dossier_over_12_months_without_new_introductions():
    """Application and introductions of 1/3/2022, meeting 2/3/2023: stale (grade B)."""
    ds = applicant_ds(date(2023, 3, 2), application=date(2022, 3, 1), introduced=date(2022, 3, 1))
    f = assert_violation(
        run(ds, "DOSSIER-STALE", as_of=date(2023, 4, 1)),
        "DOSSIER-STALE",
        on=date(2023, 3, 2),
        document="01-HD/TW/2021",
        facts_={"app": date(2022, 3, 1), "months": 12, "day": date(2023, 3, 2)},
    )
    assert Confidence.B == f.confidence


def test_dossier_over_12_months_with_renewed_introductions():
    """An old dossier whose introductions were redone on 1/2/2023 passes."""
    ds = applicant_ds(date(2023, 3, 2), application=date(2022, 3, 1), introduced=date(2023, 2, 1))
    assert_passes(ds, "DOSSIER-STALE", as_of=date(2023, 4, 1), reason="renewed on 01/02/2023")


# --- a lawful admission as a whole -------------------------------------------------


def test_a_lawful_admission_has_no_violation_or_warning():
    """A complete lawful procedure, ceremony included, yields no violation or warning at all."""
    events = admission(
        MEETING, decision=date(2023, 3, 20), received=date(2023, 3, 21), ceremony=date(2023, 4, 3)
    )
    ds = dataset(record(person("P"), *events))
    bad = [
        f
        for f in check(ds, as_of=date(2023, 5, 1))
        if f.severity in {Severity.VIOLATION, Severity.WARNING}
    ]
    assert [] == bad
