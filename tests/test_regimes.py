"""The dates of the law in one table: regimes, parameter starts and rule starts.

Every regime boundary, parameter start and rule start must be a date of the
document register (a document's effective or end date), or ``date.min`` for
a plan check: the law's dates are written once, in ``KNOWN_DOCUMENTS``.  And
every citation a rule gives must be in force on the day it judges.
"""

import itertools
from datetime import date, timedelta

import pytest

from dangvien.documents import KNOWN_DOCUMENTS, Confidence, Series, default_register
from dangvien.parameters import (
    ADMISSION_DECISION_EXTENSION_WD,
    ADMISSION_DECISION_WD,
    CEREMONY_WD,
    RECOGNITION_DECISION_EXTENSION_WD,
    RECOGNITION_DECISION_WD,
    ParameterNotCovered,
    default_parameters,
)
from dangvien.regimes import REGIMES, RegimeNotCovered, derive_regimes, regime_at
from dangvien.rules import REGISTRY, Scope

REGISTER = default_register()
DATES = REGISTER.dates()
PARAMS = default_parameters()
LEGAL = sorted(r.id for r in REGISTRY.values() if r.scope is not Scope.PLAN)
#: Sampled to one year after the last regime starts.
HORIZON = REGIMES[-1].start + timedelta(days=366)


def test_every_regime_boundary_is_a_document_date():
    """Each regime starts and ends on a day a Charter, regulation or guidance starts or ends."""
    for regime in REGIMES:
        assert regime.start in DATES, regime.key
        assert regime.end is None or regime.end in DATES, regime.key


def test_regimes_tile_time_without_gap_or_overlap():
    """Each regime ends where the next begins; only the last is open."""
    for before, after in itertools.pairwise(REGIMES):
        assert before.end == after.start
    assert REGIMES[-1].end is None


def test_every_parameter_start_is_a_document_date():
    """No parameter value starts on a day the register does not know."""
    for param in PARAMS:
        for value in param.values:
            assert value.start in DATES, (param.key.name, value.start)


@pytest.mark.parametrize("rule_id", sorted(REGISTRY))
def test_every_rule_start_is_a_document_date(rule_id):
    """A rule starts on a document's effective date, a plan check at any date."""
    r = REGISTRY[rule_id]
    if r.scope is Scope.PLAN:
        assert date.min == r.start
        return
    assert r.start in DATES
    assert r.end is None or r.end in DATES


@pytest.mark.parametrize("rule_id", LEGAL)
def test_a_rule_reaches_back_to_its_earliest_cited_document(rule_id):
    """start = the day the earliest document it cites took effect (the badge rule excepted)."""
    r = REGISTRY[rule_id]
    earliest = min(c.document.effective for c in r.citations)
    if r.key is not None:
        # A rule starts when both its law and the number it reads exist.
        earliest = max(earliest, PARAMS.parameter(r.key).values[0].start)
    if rule_id == "BADGE-PARTY-AGE":
        # Cites the Charter for party age, but its levels start with 29-QĐ/TW (2016).
        assert REGISTER.by_key("29-QĐ/TW/2016").effective == r.start
    else:
        assert earliest == r.start


@pytest.mark.parametrize("rule_id", LEGAL)
def test_every_citation_is_in_force_on_the_day_judged(rule_id):
    """Sampled on every day from the rule's start: its citation's document is in force then."""
    r = REGISTRY[rule_id]
    day = r.start
    last = HORIZON if r.end is None else r.end - timedelta(days=1)
    while day <= last:
        citation = r.citation_on(PARAMS, day)
        assert citation.document.in_force(day), (rule_id, day, citation.text)
        day += timedelta(days=1)


def test_every_parameter_citation_is_in_force_while_its_value_is():
    """A value's cited document is in force on each day the value is used.

    A parameter read only by rules that end (a transition) is used until they end.
    """
    readers: dict[str, list] = {}
    for r in REGISTRY.values():
        if r.key is not None:
            readers.setdefault(r.key.name, []).append(r)
    for param in PARAMS:
        values = param.values
        users = readers.get(param.key.name, [])
        horizon = HORIZON
        if users and all(r.end is not None for r in users):
            horizon = max(r.end for r in users) - timedelta(days=1)
        for i, value in enumerate(values):
            last = values[i + 1].start - timedelta(days=1) if i + 1 < len(values) else horizon
            doc = value.citation.document
            assert doc.in_force(value.start), (param.key.name, value.start, doc.key)
            assert doc.in_force(last), (param.key.name, last, doc.key)


# --- the regimes, worked out by hand from the register ------------------------------------

EXPECTED = [
    # (first day, last day, key, grade)
    (date(2006, 10, 31), date(2006, 12, 28), "23-QĐ/TW", "A"),
    (date(2006, 12, 29), date(2011, 1, 18), "23-QĐ/TW + 03-HD/BTCTW (2006)", "A"),
    # The 2011 Charter with no regulation of its own: 23-QĐ/TW where not contrary (C).
    (
        date(2011, 1, 19),
        date(2011, 10, 31),
        "Điều lệ Đảng 2011 + 23-QĐ/TW + 03-HD/BTCTW (2006)",
        "C",
    ),
    (date(2011, 11, 1), date(2012, 1, 4), "45-QĐ/TW + 03-HD/BTCTW (2006)", "C"),
    (date(2012, 1, 5), date(2016, 7, 24), "45-QĐ/TW + 01-HD/TW (2012)", "A"),
    (date(2016, 7, 25), date(2016, 9, 19), "29-QĐ/TW + 01-HD/TW (2012)", "C"),
    (date(2016, 9, 20), date(2021, 7, 29), "29-QĐ/TW + 01-HD/TW (2016)", "A"),
    (date(2021, 7, 30), date(2021, 9, 27), "24-QĐ/TW + 01-HD/TW (2016)", "C"),
    (date(2021, 9, 28), date(2025, 1, 19), "24-QĐ/TW + 01-HD/TW (2021)", "A"),
    (date(2025, 1, 20), date(2025, 6, 8), "232-QĐ/TW + 01-HD/TW (2021)", "C"),
    # 06-HD/TW took effect on signing (9/6/2025), three weeks before 294-QĐ/TW.
    (date(2025, 6, 9), date(2025, 6, 30), "232-QĐ/TW + 06-HD/TW (2025)", "A"),
    (date(2025, 7, 1), None, "294-QĐ/TW + 06-HD/TW (2025)", "A"),
]


def test_regimes_are_the_hand_listed_periods():
    """Twelve periods since 31/10/2006, each with its documents and grade."""
    got = [
        (r.start, None if r.end is None else r.end - timedelta(days=1), r.key, r.confidence.value)
        for r in REGIMES
    ]
    assert EXPECTED == got


@pytest.mark.parametrize(("first", "last", "key", "grade"), EXPECTED)
def test_regime_at_each_boundary(first, last, key, grade):
    """The first and last day of each period fall in it; the day before the first does not."""
    assert key == regime_at(first).key
    if last is not None:
        assert key == regime_at(last).key
        assert key != regime_at(last + timedelta(days=1)).key
    if first > REGIMES[0].start:
        assert key != regime_at(first - timedelta(days=1)).key


def test_before_23_qd_tw_no_regime():
    """30/10/2006 is before 23-QĐ/TW: no regime, a NotCoveredError naming the first day."""
    with pytest.raises(RegimeNotCovered, match="31/10/2006"):
        regime_at(date(2006, 10, 30))


def test_new_guidance_beside_the_old_regulation_says_so():
    """From 9/6 to 30/6/2025 06-HD/TW guided while 232-QĐ/TW was the regulation in force."""
    r = regime_at(date(2025, 6, 20))
    assert ("232-QĐ/TW/2025", "06-HD/TW/2025") == (r.regulation.key, r.guidance.key)
    assert "06-HD/TW took effect on signing, while 232-QĐ/TW was still in force" in r.notes[0].en
    assert "dieu-le-2011" == r.charter.key


def test_the_2011_gap_applies_23_qd_tw_by_assumption():
    """Between the 2011 Charter (19/1/2011) and 45-QĐ/TW (1/11/2011): 23-QĐ/TW, grade C."""
    r = regime_at(date(2011, 6, 1))
    assert ("dieu-le-2011", "23-QĐ/TW/2006") == (r.charter.key, r.regulation.key)
    assert Confidence.C == r.confidence
    assert "23-QĐ/TW applies where not contrary" in r.notes[0].en


def test_regimes_follow_an_edited_register():
    """A register whose 294-QĐ/TW took effect on signing gives a regime from 26/5/2025."""
    import attrs

    from dangvien.documents import DocumentRegister

    docs = tuple(
        attrs.evolve(d, effective=d.signed)
        if d.key == "294-QĐ/TW/2025"
        else attrs.evolve(d, ended=d.replaced_by and date(2025, 5, 26))
        if d.key == "232-QĐ/TW/2025"
        else d
        for d in KNOWN_DOCUMENTS
    )
    regimes = derive_regimes(DocumentRegister(docs))
    starts = [r.start for r in regimes]
    assert date(2025, 5, 26) in starts
    assert date(2025, 7, 1) not in starts


def test_the_series_are_chains():
    """Each Charter, regulation and guidance ends the day its successor takes effect."""
    for doc in KNOWN_DOCUMENTS:
        chained = (Series.CHARTER, Series.CHARTER_RULES, Series.CHARTER_GUIDE)
        if doc.series in chained and doc.replaced_by is not None:
            nxt = REGISTER.by_key(doc.replaced_by)
            assert (doc.series, doc.ended) == (nxt.series, nxt.effective), doc.key


# --- worked boundaries of the time limits ---------------------------------------------------


def test_no_time_limit_before_29_qd_tw():
    """24/7/2016: no decision or ceremony limit in the encoded law; 25/7/2016: 60 and 30 WD."""
    for key in (ADMISSION_DECISION_WD, CEREMONY_WD):
        with pytest.raises(ParameterNotCovered, match="25/07/2016"):
            PARAMS.value(key, date(2016, 7, 24))
    assert (60, 30) == (
        PARAMS.value(ADMISSION_DECISION_WD, date(2016, 7, 25)),
        PARAMS.value(CEREMONY_WD, date(2016, 7, 25)),
    )


@pytest.mark.parametrize(
    ("on", "admit", "admit_ext", "recog", "recog_ext", "document"),
    [
        # 232-QĐ/TW 4.3.1 (and 06-HD/TW does not change it): 60 (+30) and 30 (+30).
        (date(2025, 6, 30), 60, 30, 30, 30, "232-QĐ/TW/2025"),
        # 294-QĐ/TW 4.3.1 from 1/7/2025: 45 (+15) and 30 (+15).
        (date(2025, 7, 1), 45, 15, 30, 15, "294-QĐ/TW/2025"),
    ],
)
def test_decision_limits_change_on_1_july_2025(on, admit, admit_ext, recog, recog_ext, document):
    """The law notes' correction: 294-QĐ/TW sets 45 WD for admission, +15 WD extensions."""
    assert (admit, admit_ext, recog, recog_ext) == tuple(
        PARAMS.value(k, on)
        for k in (
            ADMISSION_DECISION_WD,
            ADMISSION_DECISION_EXTENSION_WD,
            RECOGNITION_DECISION_WD,
            RECOGNITION_DECISION_EXTENSION_WD,
        )
    )
    cited = PARAMS.at(ADMISSION_DECISION_WD, on).citation
    assert (document, "điểm 4.3.1", Confidence.A) == (
        cited.document.key,
        cited.provision,
        cited.confidence,
    )
