"""Dated legal parameters: values, boundaries, citations and overrides."""

from datetime import date
from fractions import Fraction

import pytest

from dangvien import parameters as p
from dangvien.documents import Citation, Confidence, default_register
from dangvien.model.people import EducationLevel
from dangvien.parameters import (
    Parameter,
    ParameterNotCovered,
    Parameters,
    ParameterValue,
    default_parameters,
)

PARAMS = default_parameters()
CHARTER = default_register().by_key("dieu-le-2011")
ON = date(2026, 1, 5)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (p.ADMISSION_AGE_MIN_YEARS, 18),
        (p.ADMISSION_AGE_MAX_YEARS, 60),
        (p.EDUCATION_MIN, EducationLevel.LOWER_SECONDARY),
        (p.AWARENESS_VALIDITY_MONTHS, 60),
        (p.INTRODUCER_COUNT, 2),
        (p.INTRODUCER_TENURE_MONTHS, 12),
        (p.YOUTH_AGE_MAX_YEARS, 30),
        (p.ADMISSION_VOTE_FRACTION, Fraction(2, 3)),
        (p.RECOGNITION_VOTE_FRACTION, Fraction(2, 3)),
        (p.DOSSIER_STALE_MONTHS, 12),
        # 294-QĐ/TW 4.3.1, in force from 1/7/2025: 45 working days, extension 15.
        (p.ADMISSION_DECISION_WD, 45),
        (p.ADMISSION_DECISION_EXTENSION_WD, 15),
        (p.CEREMONY_WD, 30),
        (p.PROBATION_MONTHS, 12),
        (p.RECOGNITION_REVIEW_WD, 30),
        (p.RECOGNITION_DECISION_WD, 30),
        (p.RECOGNITION_DECISION_EXTENSION_WD, 15),
        (p.REMOVAL_MISSED_MONTHS, 3),
        (p.READMISSION_WAIT_MONTHS, 36),
        (p.READMISSION_WAIT_AFTER_RECORD_MONTHS, 60),
        (p.READMISSION_MAX_TIMES, 1),
        (p.CELL_MIN_OFFICIAL, 3),
        (p.CELL_COMMITTEE_MIN_OFFICIAL, 9),
        (p.BADGE_LEVELS_YEARS, (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)),
        (p.EDUCATION_MIN_SPECIAL_AREA, EducationLevel.PRIMARY),
        (p.MISSING_STEPS_JUDGED, True),
        (p.PARTY_AGE_FROM, p.PartyAgeStart.DECISION_SIGNED),
        (p.PARTY_AGE_NOT_COUNTED, tuple(p.PartyAgeGap)),
    ],
)
def test_values_in_force_match_the_rules_reference(key, expected):
    """The values in force in 2026, as in the rules reference and the law notes' corrections."""
    assert expected == PARAMS.value(key, ON)


def test_every_key_is_in_the_default_set():
    """Each exported key has a history in default_parameters()."""
    keys = [getattr(p, name) for name in p.__all__ if isinstance(getattr(p, name), p.Key)]
    # 28 for admission, recognition and party age, 25 for the membership life
    # (badges, discipline, transfers, exemption, votes).
    assert 28 + 25 == len(keys)
    assert {k.name for k in keys} == set(PARAMS.as_mapping())
    assert 28 + 25 == len(PARAMS)


def test_education_changes_on_30_july_2021():
    """'Or equivalent' (29-QĐ/TW) until 29/7/2021, THCS (24-QĐ/TW) from 30/7/2021."""
    assert EducationLevel.LOWER_SECONDARY_EQUIVALENT == PARAMS.value(
        p.EDUCATION_MIN, date(2021, 7, 29)
    )
    assert EducationLevel.LOWER_SECONDARY == PARAMS.value(p.EDUCATION_MIN, date(2021, 7, 30))


@pytest.mark.parametrize(
    ("on", "document", "grade"),
    [
        (date(2016, 7, 25), "29-QĐ/TW/2016", Confidence.A),
        (date(2021, 7, 29), "29-QĐ/TW/2016", Confidence.A),
        (date(2021, 7, 30), "24-QĐ/TW/2021", Confidence.A),
        (date(2025, 1, 19), "24-QĐ/TW/2021", Confidence.A),
        (date(2025, 1, 20), "232-QĐ/TW/2025", Confidence.A),
        (date(2025, 6, 30), "232-QĐ/TW/2025", Confidence.A),
        # 294-QĐ/TW's full text was read (law notes, log 11): grade A.
        (date(2025, 7, 1), "294-QĐ/TW/2025", Confidence.A),
    ],
)
def test_ceremony_limit_is_cited_from_the_regulation_in_force(on, document, grade):
    """The same 30 WD, cited from each implementing regulation in turn."""
    value = PARAMS.at(p.CEREMONY_WD, on)
    assert (30, document, "điểm 4.1", grade) == (
        value.value,
        value.citation.document.key,
        value.citation.provision,
        value.confidence,
    )


def test_before_the_first_value_raises_not_covered():
    """The ceremony limit has no value before 25/7/2016: a clear LookupError."""
    with pytest.raises(ParameterNotCovered, match=r"ceremony\.wd has no value on 24/07/2016"):
        PARAMS.value(p.CEREMONY_WD, date(2016, 7, 24))
    assert issubclass(ParameterNotCovered, LookupError)


def test_charter_values_apply_from_the_charter():
    """Probation (Charter Art. 5(1)) is 12 months from the 2006 Charter (25/4/2006) on."""
    assert 12 == PARAMS.value(p.PROBATION_MONTHS, date(2006, 4, 25))
    before = PARAMS.at(p.PROBATION_MONTHS, date(2011, 1, 18))
    after = PARAMS.at(p.PROBATION_MONTHS, date(2011, 1, 19))
    assert ("dieu-le-2006", Confidence.B) == (before.citation.document.key, before.confidence)
    assert ("dieu-le-2011", Confidence.A) == (after.citation.document.key, after.confidence)
    with pytest.raises(ParameterNotCovered):
        PARAMS.value(p.PROBATION_MONTHS, date(2006, 4, 24))


def test_override_takes_effect_from_its_start_only():
    """An 18-month probation from 1/1/2030: 12 on 31/12/2029, 18 from 1/1/2030."""
    cited = Citation(CHARTER, "giả định / hypothetical", Confidence.C)
    new = PARAMS.override(
        p.PROBATION_MONTHS,
        18,
        start=date(2030, 1, 1),
        citation=cited,
        confidence=Confidence.C,
        note="ví dụ / example",
    )
    assert 12 == new.value(p.PROBATION_MONTHS, date(2029, 12, 31))
    assert 18 == new.value(p.PROBATION_MONTHS, date(2030, 1, 1))
    found = new.at(p.PROBATION_MONTHS, date(2031, 1, 1))
    assert (cited, Confidence.C, "ví dụ / example") == (
        found.citation,
        found.confidence,
        found.note,
    )
    # The original set is unchanged, even after being queried.
    assert 12 == PARAMS.value(p.PROBATION_MONTHS, date(2031, 1, 1))
    assert new is not PARAMS


def test_override_with_an_existing_start_replaces_that_value():
    """Overriding at 1/7/2025 replaces 294-QĐ/TW's value rather than adding one."""
    cited = Citation(CHARTER, "giả định")
    new = PARAMS.override(p.CEREMONY_WD, 20, start=date(2025, 7, 1), citation=cited)
    values = new.parameter(p.CEREMONY_WD).values
    assert [date(2016, 7, 25), date(2021, 7, 30), date(2025, 1, 20), date(2025, 7, 1)] == [
        v.start for v in values
    ]
    assert 20 == new.value(p.CEREMONY_WD, date(2025, 7, 1))
    assert 30 == new.value(p.CEREMONY_WD, date(2025, 6, 30))


def test_override_before_the_first_value_extends_coverage():
    """An override starting in 2010 makes the value available from then."""
    new = PARAMS.override(
        p.CEREMONY_WD, 30, start=date(2010, 1, 1), citation=Citation(CHARTER, "giả định")
    )
    assert 30 == new.value(p.CEREMONY_WD, date(2012, 5, 5))


def test_parameter_values_must_be_in_order_with_distinct_starts():
    """A history out of order, duplicated or empty is refused."""
    cited = Citation(CHARTER, "x")
    a = ParameterValue(date(2020, 1, 1), 1, cited)
    b = ParameterValue(date(2021, 1, 1), 2, cited)
    assert 2 == Parameter(p.CEREMONY_WD, (a, b)).at(date(2021, 1, 1)).value
    for values in [(b, a), (a, a), ()]:
        with pytest.raises(ValueError, match="distinct starts in order"):
            Parameter(p.CEREMONY_WD, values)


def test_parameters_are_built_once_and_iterable():
    """default_parameters() is cached; iteration yields Parameter objects by key."""
    assert default_parameters() is PARAMS
    assert all(isinstance(x, Parameter) for x in PARAMS)
    assert isinstance(Parameters(list(PARAMS)).value(p.CEREMONY_WD, ON), int)


def test_units_are_catalogue_labels():
    """Every key's unit is a ParameterUnit whose labels split the old "vi / en" strings."""
    keys = [v for v in vars(p).values() if isinstance(v, p.Key)]
    assert keys
    for key in keys:
        assert isinstance(key.unit, p.ParameterUnit), key
        assert " / " not in key.unit.label_vi + key.unit.label_en, key
    # Was "ngày làm việc / working days".
    assert ("ngày làm việc", "working days") == (
        p.ParameterUnit.WORKING_DAYS.label_vi,
        p.ParameterUnit.WORKING_DAYS.label_en,
    )
    assert p.ParameterUnit.MONTHS is p.PROBATION_MONTHS.unit
