"""The synthetic register: deterministic, consistent with the plan, lawful but for its mistakes."""

import importlib.util
import re
import shutil
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest

import dangvien
from dangvien.calendar import WorkCalendar
from dangvien.findings import Severity
from dangvien.io import load_dataset
from dangvien.model import Dataset, Organization, Plan, Stage
from dangvien.model import events as ev
from dangvien.rules._facts import CellRoster
from dangvien.synthetic import (
    MISTAKE_MARK,
    MISTAKE_RULES,
    NAME_PREFIX,
    HistoryProfile,
    generate_province,
    generate_register,
    planted_mistakes,
)

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "long-thanh"


def _make_example():
    """The example's script, which holds the Long Thành profile (not the library)."""
    spec = importlib.util.spec_from_file_location("make_example", REPO / "scripts/make_example.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE_EXAMPLE = _make_example()
END = date(2025, 12, 31)
SERIOUS = (Severity.VIOLATION, Severity.WARNING)


@pytest.fixture(scope="module")
def transcribed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Organization, tuple[Plan, ...]]:
    """The Long Thành organisation and plan, read from the TOML files only."""
    tmp = tmp_path_factory.mktemp("lt")
    for name in ("organization.toml", "plans.toml"):
        shutil.copyfile(EXAMPLE / name, tmp / name)
    ds = load_dataset(tmp)
    return ds.organization, ds.plans


def _generate(transcribed, seed=7, *, mistakes=True):
    org, plans = transcribed
    return generate_register(
        org, seed=seed, plans=plans, profile=MAKE_EXAMPLE.long_thanh_profile(), mistakes=mistakes
    )


@pytest.fixture(scope="module")
def register(transcribed) -> Dataset:
    """A Long Thành register with the three planted mistakes."""
    return _generate(transcribed)


def _serious(ds: Dataset) -> set[tuple[str, str]]:
    # The legal rules: the plan checks judge the transcribed plan, not the register.
    legal = ("admission", "timeline", "membership", "organization")
    found = dangvien.check(ds, as_of=END, topics=legal)
    return {(f.rule, f.subject) for f in found if f.severity in SERIOUS}


def _plus_months(d: date, n: int) -> date:
    """Civil Code month arithmetic, written out independently of dangvien.dates."""
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    m += 1
    last = (date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, m, min(d.day, last))


def test_same_seed_same_register(transcribed, register):
    """The same seed gives an identical dataset; another seed a different one."""
    assert register == _generate(transcribed)
    assert register != _generate(transcribed, seed=8)


def test_people_are_obviously_synthetic(register):
    """Names are 'Người Thử Nghiệm NNNN', ids LT-NNNN, unique, a few hundred of them."""
    ids = [r.person.id for r in register]
    assert len(ids) == len(set(ids))
    assert 200 <= len(ids) <= 500
    for r in register:
        assert re.fullmatch(r"LT-\d{4}", r.person.id)
        assert r.person.full_name == f"{NAME_PREFIX} {r.person.id[3:]}"


def test_three_to_five_recognitions_a_year_2019_2023(register):
    """The plan reports 3–5 recognitions of official membership a year before 2023."""
    per_year = Counter(e.date.year for r in register for e in r.of_type(ev.RecognitionDecision))
    assert all(3 <= per_year[y] <= 5 for y in range(2019, 2024)), per_year


def test_six_named_cells_admit_nobody_2019_2022(transcribed, register):
    """Văn Tràng, Phú Thọ, Phan Thanh, Bắc Sơn, Giáp Ngói, Rú Đất have no admission in 2019–2022."""
    org, _ = transcribed
    quiet = {org.cell(name).id for name in MAKE_EXAMPLE.LONG_THANH_QUIET_CELLS}
    assert len(quiet) == 6
    admitted = [
        (r.person.id, e.date)
        for r in register
        for e in r.events
        if isinstance(e, ev.AdmissionDecision | ev.AdmissionCeremony)
        and 2019 <= e.date.year <= 2022
        and r.cell_at(e.date) in quiet
    ]
    assert admitted == []


def test_admissions_2023_2025_fall_well_short_of_the_table(register):
    """From 2023, 4–8 admissions a year against the table's 21: fulfilment is partial."""
    per_year = Counter(e.date.year for r in register for e in r.of_type(ev.AdmissionDecision))
    assert all(4 <= per_year[y] <= 8 for y in (2023, 2024, 2025)), per_year


def test_pipeline_is_open_at_the_end(register):
    """At the end of 2025 there are sympathizers, applicants and probationary members."""
    stages = Counter(r.stage_at(END) for r in register)
    assert stages[Stage.SYMPATHIZER] > 0
    assert stages[Stage.APPLICANT] + stages[Stage.PROPOSED] > 0
    assert stages[Stage.PROBATIONARY] > 0
    assert max(r.last_date for r in register) <= END


def test_votes_count_every_official_member_and_cells_have_three(register):
    """Each vote records the cell's official members as the register shows them, never < 3."""
    roster = CellRoster(register)
    for r in register:
        for e in r.of_type(ev.CellResolution):
            if e.date.year < 2016:
                continue
            assert e.official_members >= 3
            assert e.official_members == roster.official_count(e.cell, e.date)
            assert 3 * e.votes_for >= 2 * e.official_members
        for e in r.of_type(ev.RecognitionResolution):
            assert e.official_members >= 3
            assert 3 * e.votes_for >= 2 * e.official_members
    for cell in register.organization.all_cells():
        assert roster.official_count(cell.id, END) >= 3


def test_exactly_the_three_planted_mistakes_are_found(register):
    """The checks find the three planted mistakes and nothing else serious."""
    planted = planted_mistakes(register)
    assert sorted(m.kind for m in planted) == sorted(MISTAKE_RULES)
    assert all(m.note.startswith(MISTAKE_MARK) for m in planted)
    assert {(m.rule, m.person_id) for m in planted} == _serious(register)


def test_without_mistakes_nothing_serious_is_found(transcribed):
    """With mistakes=False the register is lawful under every rule."""
    ds = _generate(transcribed, seed=11, mistakes=False)
    assert planted_mistakes(ds) == []
    assert _serious(ds) == set()


def _mistake(register, kind):
    return next(m for m in planted_mistakes(register) if m.kind == kind)


def test_late_ceremony_is_more_than_30_working_days_after_receipt(register):
    """Counted by hand (weekdays minus holidays), the ceremony is over 30 working days late."""
    m = _mistake(register, "late_ceremony")
    record = register.record(m.person_id)
    decision = record.of_type(ev.AdmissionDecision)[-1]
    ceremony = record.of_type(ev.AdmissionCeremony)[-1]
    assert ceremony.date == m.date
    assert decision.received is not None
    days = [
        decision.received + timedelta(days=i)
        for i in range(1, (ceremony.date - decision.received).days + 1)
    ]
    off = holidays.country_holidays("VN", years={d.year for d in days})
    by_hand = sum(1 for d in days if d.weekday() < 5 and d not in off)
    assert by_hand > 30
    assert WorkCalendar.default().count_working_days(decision.received, ceremony.date) == by_hand


def test_probationary_introducer_was_within_12_months_of_the_ceremony(register):
    """One introducer's ceremony was less than 12 months before the introduction."""
    m = _mistake(register, "probationary_introducer")
    intro = register.record(m.person_id).of_type(ev.IntroducersAssigned)[-1]
    assert intro.date == m.date
    on_probation = []
    for pid in intro.introducers:
        ceremony = register.record(pid).of_type(ev.AdmissionCeremony)
        if ceremony and ceremony[-1].date <= intro.date < _plus_months(ceremony[-1].date, 12):
            on_probation.append(pid)
    assert len(on_probation) == 1


def test_under_age_applicant_is_a_few_days_short_of_18(register):
    """At the cell meeting the applicant is 17 years 11 full months old, turning 18 within days."""
    m = _mistake(register, "under_age")
    record = register.record(m.person_id)
    meeting = record.of_type(ev.CellResolution)[-1].date
    assert meeting == m.date
    eighteenth = _plus_months(record.person.birth_date, 18 * 12)
    assert 0 < (eighteenth - meeting).days <= 10
    assert _plus_months(record.person.birth_date, 18 * 12 - 1) <= meeting


def test_mistakes_need_a_year_after_the_plan(transcribed):
    """Planting needs the plan year and the next one in range."""
    org, _ = transcribed
    with pytest.raises(ValueError, match="end"):
        generate_register(org, seed=1, end=2023, profile=HistoryProfile(), mistakes=True)


def test_small_province_is_synthetic_deterministic_and_lawful():
    """A small generated province has its communes, unique ids and only its planted mistakes."""
    ds = generate_province(communes=3, members=1500, seed=3, mistakes=True)
    assert ds == generate_province(communes=3, members=1500, seed=3, mistakes=True)
    communes = [o for o in ds.organization.walk() if o.cells]
    assert len(communes) == 3
    assert all("Thử Nghiệm" in o.name for o in ds.organization.walk())
    ids = [r.person.id for r in ds]
    assert len(ids) == len(set(ids))
    assert 1350 <= len(ids) <= 1650
    assert {(m.rule, m.person_id) for m in planted_mistakes(ds)} == _serious(ds)


def test_mistake_notes_state_the_law_in_both_languages(register):
    """Each note reads "<mark> [<tag>]: <Vietnamese> (synthetic mistake: <English>)".

    The numbers are the law's: 30 working days for the ceremony (29-QĐ/TW and
    after), 18 years for admission.
    """
    notes = {m.kind: m.note for m in planted_mistakes(register)}
    assert notes["late_ceremony"] == (
        "giả lập: lỗi cố ý [late_ceremony]: lễ kết nạp muộn hơn 30 ngày làm việc kể từ khi "
        "chi bộ nhận quyết định (synthetic mistake: ceremony later than 30 working days "
        "after receipt)"
    )
    assert notes["under_age"] == (
        "giả lập: lỗi cố ý [under_age]: chưa đủ 18 tuổi tính theo tháng vào ngày chi bộ họp "
        "xét kết nạp (synthetic mistake: a few days short of 18 by full months at the cell "
        "meeting)"
    )
    assert notes["probationary_introducer"].endswith(
        "(synthetic mistake: an introducer was still probationary)"
    )


def test_the_first_years_come_from_the_law():
    """The first history year and the last abbreviated admission follow from 29-QĐ/TW.

    29-QĐ/TW took effect on 25/7/2016: the procedures behind the first
    recognitions (two years before the start) must fall after it, so the
    start is 2016 + 3 = 2019; members admitted up to the end of 2016 - 2 =
    2014 get abbreviated histories.
    """
    from dangvien.synthetic import _law

    assert 2019 == _law.FIRST_START
    assert date(2014, 12, 31) == _law.OLD_ADMISSION_LAST


@pytest.mark.parametrize(
    ("call", "english"),
    [
        (lambda org: generate_register(org, seed=1, start=2018), "need 2019 ≤ start ≤ end"),
        (lambda org: generate_register(org, seed=1, commune="nowhere"), "no organisation"),
        (
            lambda org: generate_register(
                org, seed=1, profile=HistoryProfile(quiet_cells=("Không Có",))
            ),
            "no cell “Không Có”",
        ),
        (lambda org: generate_province(communes=0, seed=1), "need ≥ 1 commune"),
    ],
)
def test_refusals_are_usage_errors_in_both_languages(transcribed, call, english):
    """What a generator cannot do is a UsageError (a ValueError) with a Vietnamese message too."""
    from dangvien.errors import UsageError

    org, _ = transcribed
    with pytest.raises(UsageError) as caught:
        call(org)
    assert english in caught.value.message("en")
    assert caught.value.message("vi") != caught.value.message("en")
