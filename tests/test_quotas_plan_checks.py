"""Plan checks on the Long Thành plan as printed and on hand-built plans."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest

from dangvien.documents import RefStatus
from dangvien.findings import Finding, Severity
from dangvien.io import load_dataset
from dangvien.model import events as ev
from dangvien.model.org import Cell, Organization, OrgLevel
from dangvien.model.people import EducationLevel, Person, Sex
from dangvien.model.plan import (
    AdmissionTarget,
    IntroductionTarget,
    LegalBasis,
    Plan,
    PlanPeriod,
    TargetRange,
)
from dangvien.model.register import Dataset, Record
from dangvien.quotas.plan_checks import stagnant_cells
from dangvien.rules import REGISTRY, PlanSubject, Scope, context, evaluate


def check_plan(
    ds: Dataset,
    p: Plan,
    *,
    as_of: date | None = None,
    year: int | None = None,
    only: tuple[str, ...] | None = None,
) -> list[Finding]:
    """The plan checks of the registry on *p* (all, or *only* these ids)."""
    ctx = context(ds, as_of=as_of or p.date, year=year)
    chosen = [
        r for r in REGISTRY.values() if r.scope is Scope.PLAN and (only is None or r.id in only)
    ]
    return [
        e.finding
        for e in evaluate(chosen, ctx, PlanSubject(p), explaining=False)
        if e.finding is not None
    ]


_TOTALS = ("PLAN-HEADLINE-SUM", "PLAN-STATED-TOTAL", "PLAN-INTRO-SHORT")
_TABLE = ("PLAN-UNKNOWN-CELL", "PLAN-UNKNOWN-MASS-ORG", "PLAN-DUPLICATE-ROW", "PLAN-CELL-NO-TARGET")
_BASES = ("PLAN-BASIS-DATE", "PLAN-BASIS-NOT-IN-FORCE", "PLAN-BASIS-UNREGISTERED")
_STAGNANT = ("PLAN-STAGNANT-CELLS", "PLAN-STAGNANT-CLAIM", "PLAN-UNKNOWN-CELL")


def check_totals(p: Plan, org: Organization) -> list[Finding]:
    return check_plan(Dataset(org, plans=(p,)), p, only=_TOTALS)


def check_table(p: Plan, org: Organization) -> list[Finding]:
    return check_plan(Dataset(org, plans=(p,)), p, only=_TABLE)


def check_bases(p: Plan) -> list[Finding]:
    return check_plan(Dataset(ORG, plans=(p,)), p, only=_BASES)


def check_stagnant(ds: Dataset, p: Plan) -> list[Finding]:
    return check_plan(Dataset(ds.organization, plans=(p,), records=ds.records), p, only=_STAGNANT)


def check_feasibility(ds: Dataset, p: Plan, year: int, *, as_of: date) -> list[Finding]:
    return check_plan(ds, p, as_of=as_of, year=year, only=("PLAN-PIPELINE-SHORT",))


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "long-thanh"
SIX = ("Văn Tràng", "Phú Thọ", "Phan Thanh", "Bắc Sơn", "Giáp Ngói", "Rú Đất")


@pytest.fixture(scope="module")
def long_thanh() -> Dataset:
    return load_dataset(EXAMPLE)


@pytest.fixture(scope="module")
def lt_findings(long_thanh: Dataset) -> list[Finding]:
    return check_plan(long_thanh, long_thanh.plans[0], as_of=date(2025, 12, 31))


def rules(found: list[Finding], rule: str) -> list[Finding]:
    return [f for f in found if f.rule == rule]


ORG = Organization(
    "xa",
    "Đảng bộ xã Thử Nghiệm",
    OrgLevel.COMMUNE,
    cells=(Cell("c05", "Vạn Tràng"), Cell("c06", "Văn Tràng"), Cell("c11", "Rú Đất")),
)


def plan(
    *rows: AdmissionTarget,
    intro: tuple[IntroductionTarget, ...] = (),
    headline: TargetRange | None = None,
    stated: int | None = None,
    bases: tuple[LegalBasis, ...] = (),
    number: str = "12-KH/ĐU",
) -> Plan:
    return Plan(
        "kh",
        number,
        date(2023, 6, 8),
        "BTV",
        "xa",
        "Kế hoạch",
        PlanPeriod(2023, 2025, open_ended=True),
        legal_bases=bases,
        headline=headline,
        admission_targets=rows,
        introduction_targets=intro,
        stated_admission_total=stated,
    )


class TestLongThanh:
    def test_headline_against_table_names_both_numbers(self, lt_findings: list[Finding]) -> None:
        """9–11 a year against a table summing to 21: one warning whose text has 9–11 and 21."""
        (f,) = rules(lt_findings, "PLAN-HEADLINE-SUM")
        assert Severity.WARNING == f.severity
        assert "9–11" in f.message_vi
        assert "21" in f.message_vi
        assert "9–11" in f.message_en
        assert "21" in f.message_en
        assert {"low": 9, "high": 11, "total": 21}.items() <= dict(f.facts).items()

    def test_stated_total_agrees(self, lt_findings: list[Finding]) -> None:
        """The printed total 21 equals the rows' sum: no PLAN-STATED-TOTAL."""
        assert [] == rules(lt_findings, "PLAN-STATED-TOTAL")

    def test_introductions_short_of_admissions(self, lt_findings: list[Finding]) -> None:
        """5 + 5 + 4 + 2 = 16 introductions for 21 admissions: one warning, 5 short."""
        (f,) = rules(lt_findings, "PLAN-INTRO-SHORT")
        assert (16, 21) == (dict(f.facts)["introductions"], dict(f.facts)["admissions"])
        assert "16" in f.message_vi
        assert "21" in f.message_vi
        assert "thiếu 5" in f.message_vi

    def test_two_misdated_bases(self, lt_findings: list[Finding]) -> None:
        """24-QĐ/TW and 01-HD/TW printed with 2022 dates: both found, citing the 2021 documents."""
        found = rules(lt_findings, "PLAN-BASIS-DATE")
        assert ["24-QĐ/TW", "01-HD/TW"] == [dict(f.facts)["ref"] for f in found]
        assert [date(2021, 7, 30), date(2021, 9, 28)] == [dict(f.facts)["signed"] for f in found]
        assert [date(2022, 7, 30), date(2022, 9, 28)] == [dict(f.facts)["cited"] for f in found]
        for f in found:
            assert f.citation is not None
            assert "ngày ký" == f.citation.provision
            assert Severity.WARNING == f.severity
        assert "30/07/2022" in found[0].message_vi
        assert "30/07/2021" in found[0].message_vi

    def test_correct_bases_not_flagged(self, lt_findings: list[Finding]) -> None:
        """28-CT/TW and 05-QĐi/TW are cited with their real dates: no finding names them."""
        texts = " ".join(f.message_vi for f in lt_findings if f.rule.startswith("PLAN-BASIS"))
        assert "28-CT/TW" not in texts
        assert "05-QĐi/TW" not in texts
        assert [] == rules(lt_findings, "PLAN-BASIS-NOT-IN-FORCE")

    def test_local_document_is_information(self, lt_findings: list[Finding]) -> None:
        """07-ĐA/HU is unknown to the register: information, not an error."""
        (f,) = rules(lt_findings, "PLAN-BASIS-UNREGISTERED")
        assert (Severity.INFO, "07-ĐA/HU") == (f.severity, dict(f.facts)["ref"])

    def test_every_cell_resolves(self, lt_findings: list[Finding]) -> None:
        """All 16 printed names resolve (aliases included): no unknown or untargeted cell."""
        assert [] == rules(lt_findings, "PLAN-UNKNOWN-CELL")
        assert [] == rules(lt_findings, "PLAN-CELL-NO-TARGET")
        assert [] == rules(lt_findings, "PLAN-UNKNOWN-MASS-ORG")

    def test_blank_number(self, lt_findings: list[Finding]) -> None:
        """The plan's number is blank ('-KH/ĐU'): information."""
        (f,) = rules(lt_findings, "PLAN-NUMBER-BLANK")
        assert Severity.INFO == f.severity

    def test_six_stagnant_cells_found(self, long_thanh: Dataset) -> None:
        """No admission in 2020–2022 in the six cells the plan names (among others)."""
        found = stagnant_cells(long_thanh, 2023)
        names = {s.name for s in found}
        assert set(SIX) <= names
        assert {"Điện Yên", "Vạn Tràng", "Văn Trai", "Quang Trung"}.isdisjoint(names)

    def test_claim_compared(self, lt_findings: list[Finding]) -> None:
        """Every named cell is stagnant (no contradiction); unnamed stagnant cells are info."""
        claims = rules(lt_findings, "PLAN-STAGNANT-CLAIM")
        assert all(f.severity is Severity.INFO for f in claims)
        named = {
            "cb02-giap-ngoi",
            "cb04-phu-tho",
            "cb06-van-trang",
            "cb09-phan-thanh",
            "cb10-bac-son",
            "cb11-ru-dat",
        }
        assert named.isdisjoint(f.subject for f in claims)

    def test_register_check_agrees(self, long_thanh: Dataset) -> None:
        """The statuses come from DocumentRegister.check (two wrong dates)."""
        from dangvien.documents import default_register, parse_ref

        reg = default_register()
        p = long_thanh.plans[0]
        statuses = [
            reg.check(parse_ref(b.ref), b.date, p.date).status for b in p.legal_bases if b.ref
        ]
        assert 2 == statuses.count(RefStatus.WRONG_DATE)


class TestTotals:
    def test_stated_total_differs(self) -> None:
        """Rows 2 + 1 = 3 against a printed total of 4: a warning with both numbers."""
        p = plan(AdmissionTarget("Vạn Tràng", 2), AdmissionTarget("Văn Tràng", 1), stated=4)
        (f,) = rules(check_totals(p, ORG), "PLAN-STATED-TOTAL")
        assert (4, 3) == (dict(f.facts)["stated"], dict(f.facts)["rows"])

    def test_headline_within_range_is_silent(self) -> None:
        """A table sum of 3 inside a 2–4 headline gives nothing."""
        p = plan(
            AdmissionTarget("Vạn Tràng", 2),
            AdmissionTarget("Văn Tràng", 1),
            headline=TargetRange(2, 4),
        )
        assert [] == check_totals(p, ORG)

    def test_headline_per_year_groups(self) -> None:
        """A 2024 override to 5 (sum 6) breaks a 1–3 headline only in 2024."""
        p = plan(
            AdmissionTarget("Vạn Tràng", 2),
            AdmissionTarget("Vạn Tràng", 5, year=2024),
            AdmissionTarget("Văn Tràng", 1),
            headline=TargetRange(1, 3),
        )
        (f,) = rules(check_totals(p, ORG), "PLAN-HEADLINE-SUM")
        assert (6, (2024,)) == (dict(f.facts)["total"], dict(f.facts)["years"].years)

    def test_enough_introductions_silent(self) -> None:
        """3 introductions for 3 admissions: no PLAN-INTRO-SHORT."""
        p = plan(AdmissionTarget("Vạn Tràng", 3), intro=(IntroductionTarget("Đoàn", 3),))
        assert [] == rules(check_totals(p, ORG), "PLAN-INTRO-SHORT")


class TestTable:
    def test_unknown_cell_with_unique_suggestion(self) -> None:
        """'Ru Dat' is no cell; the only accent-insensitive match 'Rú Đất' is suggested."""
        (f,) = rules(check_table(plan(AdmissionTarget("Ru Dat", 1)), ORG), "PLAN-UNKNOWN-CELL")
        assert "«Rú Đất»" in f.message_vi
        assert "did you mean “Rú Đất”" in f.message_en

    def test_unknown_cell_ambiguous_names_both(self) -> None:
        """'Van Trang' matches Vạn Tràng and Văn Tràng without diacritics: both named."""
        (f,) = rules(check_table(plan(AdmissionTarget("Van Trang", 1)), ORG), "PLAN-UNKNOWN-CELL")
        assert "Vạn Tràng" in f.message_vi
        assert "Văn Tràng" in f.message_vi

    def test_cells_without_target(self) -> None:
        """Only Vạn Tràng has a row: Văn Tràng and Rú Đất get PLAN-CELL-NO-TARGET."""
        found = rules(
            check_table(plan(AdmissionTarget("Vạn Tràng", 1)), ORG), "PLAN-CELL-NO-TARGET"
        )
        assert ["c06", "c11"] == [f.subject for f in found]

    def test_duplicate_rows(self) -> None:
        """Two rows for Rú Đất: PLAN-DUPLICATE-ROW with 2 rows."""
        p = plan(AdmissionTarget("Rú Đất", 1), AdmissionTarget("Rú Đất", 1))
        (f,) = rules(check_table(p, ORG), "PLAN-DUPLICATE-ROW")
        assert ("c11", 2) == (f.subject, dict(f.facts)["rows"])


class TestBases:
    def test_repealed_basis_not_in_force(self) -> None:
        """29-QĐ/TW of 25/7/2016 cited in 2023: replaced on 30/7/2021, not in force."""
        p = plan(bases=(LegalBasis("29-QĐ/TW", date(2016, 7, 25)),))
        (f,) = check_bases(p)
        assert "PLAN-BASIS-NOT-IN-FORCE" == f.rule
        assert f.citation is not None
        assert "hiệu lực" == f.citation.provision
        assert "24-QĐ/TW" in f.message_vi

    def test_unreadable_number(self) -> None:
        """A basis number that is not NUMBER-KIND/ISSUER is reported as unreadable info."""
        (f,) = check_bases(plan(bases=(LegalBasis("Nghị quyết số bảy"),)))
        assert ("PLAN-BASIS-UNREGISTERED", Severity.INFO) == (f.rule, f.severity)

    def test_unnumbered_basis_ignored(self) -> None:
        """The Charter (no number) is not checked."""
        assert [] == check_bases(plan(bases=(LegalBasis(title="Điều lệ Đảng"),)))


def member(pid: str, cell: str, decision: date) -> Record:
    events: list[ev.Event] = [
        ev.ListedSympathizer(date=decision - timedelta(days=200), cell=cell),
        ev.ApplicationFiled(date=decision - timedelta(days=100)),
        ev.CellResolution(
            date=decision - timedelta(days=30), cell=cell, votes_for=3, official_members=3
        ),
        ev.AdmissionDecision(date=decision),
        ev.AdmissionCeremony(date=decision + timedelta(days=15), cell=cell),
    ]
    return Record(
        Person(pid, f"Người Thử Nghiệm {pid}", date(1990, 1, 1), Sex.MALE, cell=cell), events
    )


class TestStagnant:
    def test_hand_built_stagnation(self) -> None:
        """Before 2023 (2020–2022): c05 admitted in 2021, c06 in 2019, c11 never."""
        ds = Dataset(
            ORG,
            records=(member("A", "c05", date(2021, 4, 1)), member("B", "c06", date(2019, 4, 1))),
        )
        found = stagnant_cells(ds, 2023)
        assert [("c06", date(2019, 4, 1)), ("c11", None)] == [
            (s.cell, s.last_admission) for s in found
        ]
        assert (2020, 2022) == (found[0].first_year, found[0].last_year)

    def test_window_length_is_a_parameter(self) -> None:
        """With 4 years (2019–2022) c06's 2019 admission counts: only c11 is stagnant."""
        ds = Dataset(
            ORG,
            records=(member("A", "c05", date(2021, 4, 1)), member("B", "c06", date(2019, 4, 1))),
        )
        assert ["c11"] == [s.cell for s in stagnant_cells(ds, 2023, years=4)]

    def test_claim_contradicted_is_warning(self) -> None:
        """The plan names Vạn Tràng, which admitted in 2021: a warning."""
        ds = Dataset(ORG, records=(member("A", "c05", date(2021, 4, 1)),))
        p = attrs.evolve(plan(), named_stagnant=("Vạn Tràng", "Van Trang"))
        found = check_stagnant(ds, p)
        claim = rules(found, "PLAN-STAGNANT-CLAIM")
        assert [("c05", Severity.WARNING)] == [
            (f.subject, f.severity) for f in claim if f.severity is Severity.WARNING
        ]
        assert 1 == len(rules(found, "PLAN-UNKNOWN-CELL"))

    def test_zero_target_cell_is_information(self) -> None:
        """A stagnant cell the plan sets a target of 0 is reported as information."""
        ds = Dataset(ORG, records=(member("A", "c06", date(2015, 4, 1)),))
        found = check_stagnant(ds, plan(AdmissionTarget("Rú Đất", 0)))
        sev = {f.subject: f.severity for f in found}
        assert (Severity.INFO, Severity.WARNING) == (sev["c11"], sev["c05"])


class TestFeasibility:
    def test_pipeline_short(self) -> None:
        """Target 2 for Rú Đất in 2024, one applicant ready: 1 short; the plan too."""
        p = plan(AdmissionTarget("Rú Đất", 2))
        applicant = Record(
            Person(
                "Q",
                "Người Thử Nghiệm Q",
                date(1995, 1, 1),
                Sex.FEMALE,
                education=EducationLevel.UPPER_SECONDARY,
                cell="c11",
            ),
            [
                ev.ListedSympathizer(date=date(2023, 9, 1), cell="c11"),
                ev.AwarenessCourse(date=date(2023, 10, 1)),
                ev.ApplicationFiled(date=date(2024, 1, 10)),
            ],
        )
        ds = Dataset(ORG, plans=(p,), records=(applicant,))
        found = check_feasibility(ds, p, 2024, as_of=date(2024, 3, 1))
        cell = [f for f in found if f.subject == "c11"]
        assert [(2, 0, 1)] == [
            (dict(f.facts)["target"], dict(f.facts)["admitted"], dict(f.facts)["ready"])
            for f in cell
        ]
        assert "kh" in {f.subject for f in found}

    def test_silent_after_year(self) -> None:
        """On 31 December or later the feasibility check says nothing."""
        p = plan(AdmissionTarget("Rú Đất", 2))
        ds = Dataset(ORG, plans=(p,))
        assert [] == check_feasibility(ds, p, 2024, as_of=date(2024, 12, 31))


class TestCatalogue:
    def test_every_rule_emitted_is_in_the_registry(self, lt_findings: list[Finding]) -> None:
        """Every plan check is a rule of the one registry, scope plan, with both titles."""
        plan_rules = {r.id for r in REGISTRY.values() if r.scope is Scope.PLAN}
        assert {f.rule for f in lt_findings} <= plan_rules
        for rid in plan_rules:
            assert REGISTRY[rid].title_vi
            assert REGISTRY[rid].title_en
            assert rid.startswith("PLAN-")

    def test_no_violation_severity(self, lt_findings: list[Finding]) -> None:
        """Plan checks never report violations (a plan is not an act a rule judges)."""
        assert all(f.severity is not Severity.VIOLATION for f in lt_findings)

    def test_unknown_organization(self) -> None:
        """A plan for an organisation id not in the tree gives PLAN-UNKNOWN-ORG."""
        p = Plan("kh", "1-KH/ĐU", date(2023, 6, 8), "BTV", "nowhere", "KH", PlanPeriod(2023, 2025))
        found = check_plan(Dataset(ORG, plans=(p,)), p)
        assert ["PLAN-UNKNOWN-ORG"] == [f.rule for f in found if f.rule == "PLAN-UNKNOWN-ORG"]


# --- units at every level ---------------------------------------------------------------

from dangvien.model.org import OrgKind  # noqa: E402
from dangvien.model.plan import (  # noqa: E402
    Claim,
    ResultReport,
    Rounding,
    UnitResult,
)


def _province() -> Organization:
    """18 districts (aliases "Huyện 01"…) and 4 blocs, no cells listed."""
    districts = tuple(
        Organization(
            f"h{i:02d}",
            f"Đảng bộ huyện Thử Nghiệm {i:02d}",
            OrgLevel.DISTRICT,
            aliases=(f"Huyện {i:02d}",),
        )
        for i in range(1, 19)
    )
    blocs = tuple(
        Organization(oid, name, OrgLevel.BLOC, kind=kind, aliases=(alias,))
        for oid, name, kind, alias in (
            ("kcq", "Đảng bộ Khối Cơ quan tỉnh", OrgKind.AGENCY, "Khối Cơ quan"),
            ("kdn", "Đảng bộ Khối Doanh nghiệp tỉnh", OrgKind.ENTERPRISE, "Khối Doanh nghiệp"),
            ("ca", "Đảng bộ Công an tỉnh", OrgKind.POLICE, "Công an tỉnh"),
            ("qs", "Đảng bộ Quân sự tỉnh", OrgKind.MILITARY, "Quân sự tỉnh"),
        )
    )
    return Organization(
        "t", "Đảng bộ tỉnh Thử Nghiệm", OrgLevel.PROVINCE, children=districts + blocs
    )


PROVINCE = _province()
# 18 districts × 100 + 60 + 40 + 30 + 20 = 1 950, against a headline of 2 000.
PROVINCE_ROWS = (
    *(AdmissionTarget(f"Huyện {i:02d}", 100) for i in range(1, 19)),
    AdmissionTarget("Khối Cơ quan", 60),
    AdmissionTarget("Khối Doanh nghiệp", 40),
    AdmissionTarget("Công an tỉnh", 30),
    AdmissionTarget("Quân sự tỉnh", 20),
)


def province_plan(**kw: object) -> Plan:
    return Plan(
        "kh-t",
        "10-KH/TU",
        date(2024, 1, 15),
        "BTV Tỉnh ủy",
        "t",
        "Kế hoạch",
        PlanPeriod(2024, 2024),
        headline=TargetRange.exactly(2000),
        admission_targets=PROVINCE_ROWS,
        stated_admission_total=1950,
        **kw,
    )  # type: ignore[arg-type]


class TestProvincePlan:
    def test_22_units_resolve_and_headline_flagged(self) -> None:
        """22 district and bloc rows resolve (no unknown unit), their sum 1 950 is checked
        against the headline 2 000 (a warning naming "theo đơn vị"), and nothing else is
        said: no cell, no register, no missing row."""
        p = province_plan()
        found = check_plan(Dataset(PROVINCE, plans=(p,)), p, as_of=date(2024, 12, 31))
        assert ["PLAN-HEADLINE-SUM"] == [f.rule for f in found]
        (f,) = found
        assert 1950 == dict(f.facts)["total"]
        assert "bảng chỉ tiêu theo đơn vị cộng lại là 1950" in f.message_vi
        assert "2.000" in f.message_vi

    def test_missing_bloc_row(self) -> None:
        """Without the police row, the police bloc has no target: PLAN-CELL-NO-TARGET names it,
        not as a cell."""
        p = attrs.evolve(
            province_plan(),
            admission_targets=PROVINCE_ROWS[:-2] + PROVINCE_ROWS[-1:],
            stated_admission_total=None,
        )
        (f,) = rules(check_table(p, PROVINCE), "PLAN-CELL-NO-TARGET")
        assert "ca" == f.subject
        assert "Đảng bộ Công an tỉnh không có dòng nào" in f.message_vi
        assert "chi bộ" not in f.message_vi

    def test_unknown_unit_worded_as_unit(self) -> None:
        """A row for "Huyen 03" (no diacritics) is no unit; the message says "chi bộ, đơn vị" and
        suggests the district whose alias is "Huyện 03"."""
        rows = (*PROVINCE_ROWS[:2], AdmissionTarget("Huyen 03", 100), *PROVINCE_ROWS[3:])
        p = attrs.evolve(province_plan(), admission_targets=rows)
        (f,) = rules(check_table(p, PROVINCE), "PLAN-UNKNOWN-CELL")
        assert "không có chi bộ, đơn vị nào tên như vậy" in f.message_vi
        assert "có phải «Đảng bộ huyện Thử Nghiệm 03»?" in f.message_vi


# A district with two communes, each with a plan of its own; the register has
# one admission in each commune's first cell in 2024.
D_X1 = Organization(
    "x1",
    "Đảng bộ xã Một",
    OrgLevel.COMMUNE,
    aliases=("Xã Một",),
    cells=(Cell("c11", "Xóm Một"), Cell("c12", "Xóm Hai")),
)
D_X2 = Organization(
    "x2", "Đảng bộ xã Hai", OrgLevel.COMMUNE, aliases=("Xã Hai",), cells=(Cell("c21", "Xóm Ba"),)
)
DISTRICT_ORG = Organization(
    "h", "Đảng bộ huyện Thử Nghiệm", OrgLevel.DISTRICT, children=(D_X1, D_X2)
)


def dplan(pid: str, org: str, *rows: AdmissionTarget, **kw: object) -> Plan:
    return Plan(
        pid,
        f"{pid}-KH",
        date(2024, 1, 10),
        "BTV",
        org,
        "Kế hoạch",
        PlanPeriod(2024, 2024),
        admission_targets=rows,
        **kw,
    )  # type: ignore[arg-type]


def admitted(pid: str, cell: str, decision: date) -> Record:
    return member(pid, cell, decision)


DISTRICT_RECORDS = (
    admitted("A1", "c11", date(2024, 3, 1)),
    admitted("A2", "c21", date(2024, 4, 1)),
)


class TestAllocation:
    def test_commune_below_its_allocation(self) -> None:
        """The district gives Xã Một 5 and Xã Hai 2; Xã Một plans 3 + 1 = 4: a warning on
        its plan (1 short); Xã Hai plans 3, above 2: information; the communes' plans add up
        to 4 + 3 = 7, equal to the district's 7: no total finding."""
        upper = dplan("kh-h", "h", AdmissionTarget("Xã Một", 5), AdmissionTarget("Xã Hai", 2))
        one = dplan("kh-x1", "x1", AdmissionTarget("Xóm Một", 3), AdmissionTarget("Xóm Hai", 1))
        two = dplan("kh-x2", "x2", AdmissionTarget("Xóm Ba", 3))
        ds = Dataset(DISTRICT_ORG, plans=(upper, one, two))
        found = check_plan(ds, upper, only=("PLAN-ALLOCATION",))
        assert [("kh-x1", Severity.WARNING, 1), ("kh-x2", Severity.INFO, None)] == [
            (f.subject, f.severity, dict(f.facts).get("missing")) for f in found
        ]
        assert "Đảng bộ xã Một" in found[0].message_vi
        assert "thấp hơn 5" in found[0].message_vi

    def test_lower_plans_sum_below_the_total(self) -> None:
        """Both communes plan 1 against 5 and 2: two warnings and a total one (2 < 7)."""
        upper = dplan("kh-h", "h", AdmissionTarget("Xã Một", 5), AdmissionTarget("Xã Hai", 2))
        one = dplan("kh-x1", "x1", AdmissionTarget("Xóm Một", 1))
        two = dplan("kh-x2", "x2", AdmissionTarget("Xóm Ba", 1))
        found = check_plan(
            Dataset(DISTRICT_ORG, plans=(upper, one, two)), upper, only=("PLAN-ALLOCATION",)
        )
        total = [f for f in found if f.subject == "kh-h"]
        assert [(7, 2, 5)] == [
            (dict(f.facts)["total"], dict(f.facts)["planned"], dict(f.facts)["missing"])
            for f in total
        ]

    def test_headline_only_lower_plan(self) -> None:
        """A commune plan with only a headline of 5 matches its allocation of 5: nothing said."""
        upper = dplan("kh-h", "h", AdmissionTarget("Xã Một", 5))
        one = Plan(
            "kh-x1",
            "1-KH",
            date(2024, 1, 10),
            "BTV",
            "x1",
            "KH",
            PlanPeriod(2024, 2024),
            headline=TargetRange.exactly(5),
        )
        assert [] == check_plan(
            Dataset(DISTRICT_ORG, plans=(upper, one)), upper, only=("PLAN-ALLOCATION",)
        )

    def test_no_stagnation_for_a_district_plan(self) -> None:
        """With a register, a district plan giving targets to communes says nothing about
        stagnant cells (each commune's plan does)."""
        upper = dplan("kh-h", "h", AdmissionTarget("Xã Một", 5), AdmissionTarget("Xã Hai", 2))
        ds = Dataset(DISTRICT_ORG, plans=(upper,), records=DISTRICT_RECORDS)
        found = check_plan(ds, upper, only=("PLAN-STAGNANT-CELLS", "PLAN-STAGNANT-CLAIM"))
        assert [] == found


def report(
    *claims: Claim,
    results: tuple[UnitResult, ...] = (),
    stated: int | None = None,
    rounding: Rounding | None = None,
) -> ResultReport:
    return ResultReport(
        date=date(2024, 10, 5),
        as_of=date(2024, 9, 30),
        number="12-BC/HU",
        results=results,
        stated_total=stated,
        claims=claims,
        rounding=rounding,
    )


CLAIMS = (
    "PLAN-CLAIM-COUNT",
    "PLAN-CLAIM-PERCENT",
    "PLAN-CLAIM-UNITS",
    "PLAN-CLAIM-TARGET",
    "PLAN-STATED-TOTAL",
)


def claims_found(p: Plan, records: tuple[Record, ...] = ()) -> list[Finding]:
    ds = Dataset(DISTRICT_ORG, plans=(p,), records=records)
    return check_plan(ds, p, as_of=date(2024, 12, 31), only=CLAIMS)


# The district's plan: Xã Một 3, Xã Hai 4 (total 7).
ROWS = (AdmissionTarget("Xã Một", 3), AdmissionTarget("Xã Hai", 4))


class TestPublishedFigures:
    def test_count_against_the_register(self) -> None:
        """The register has 2 admissions by 30/9/2024; the report says 3: a warning, 3 vs 2."""
        p = dplan("kh-h", "h", *ROWS, reports=(report(Claim("kết nạp 3", admitted=3)),))
        (f,) = claims_found(p, DISTRICT_RECORDS)
        assert ("PLAN-CLAIM-COUNT", 3, 2) == (
            f.rule,
            dict(f.facts)["stated"],
            dict(f.facts)["computed"],
        )
        assert "«kết nạp 3»" in f.message_vi

    def test_lower_bound_count(self) -> None:
        """ "Trên 1" agrees with 2 admissions; "trên 2" does not."""
        ok = dplan("kh-h", "h", *ROWS, reports=(report(Claim(admitted=1, above=True)),))
        bad = dplan("kh-h", "h", *ROWS, reports=(report(Claim(admitted=2, above=True)),))
        assert [] == claims_found(ok, DISTRICT_RECORDS)
        (f,) = claims_found(bad, DISTRICT_RECORDS)
        assert "kết nạp trên 2 đảng viên" in f.message_vi

    def test_percent_truncated_or_rounded(self) -> None:
        """2 of 7 is 28,5714…%: "28,57" (half up) agrees, "28,58" does not, "28,6" agrees;
        with the report's rounding set to truncation, "28,6" no longer agrees (28,5)."""

        def found(text: str, rounding: Rounding | None = None) -> list[Finding]:
            rep = report(Claim(percent=text), rounding=rounding)
            return claims_found(dplan("kh-h", "h", *ROWS, reports=(rep,)), DISTRICT_RECORDS)

        assert [] == found("28,57")
        assert [] == found("28,6")
        (f,) = found("28,58")
        shown = (dict(f.facts)["stated"].label_vi, dict(f.facts)["computed"].label_vi)
        assert ("PLAN-CLAIM-PERCENT", ("28,58%", "28,57%")) == (f.rule, shown)
        (g,) = found("28,6", Rounding.TRUNCATE)
        assert "28,5%" == dict(g.facts)["computed"].label_vi

    def test_percent_uses_the_sentence_count(self) -> None:
        """ "Kết nạp 5, đạt 74,38%" without a register: 5 of 7 is 71,43%: a warning; the count
        itself cannot be checked (no data): no count finding."""
        p = dplan("kh-h", "h", *ROWS, reports=(report(Claim(admitted=5, percent="74,38")),))
        (f,) = claims_found(p)
        assert ("PLAN-CLAIM-PERCENT", 5, 7) == (
            f.rule,
            dict(f.facts)["admitted"],
            dict(f.facts)["target"],
        )
        assert "71,43%" in f.message_vi

    def test_units_above_from_the_report_table(self) -> None:
        """No register; the report's table: Xã Một 3 of 3 (100%), Xã Hai 1 of 4 (25%).
        "2 đơn vị đạt trên 50%" is wrong (1); "1 đơn vị từ 100% trở lên" is right."""
        results = (UnitResult("Xã Một", 3), UnitResult("Xã Hai", 1))
        bad = dplan(
            "kh-h", "h", *ROWS, reports=(report(Claim(units=2, threshold="50"), results=results),)
        )
        (f,) = claims_found(bad)
        assert ("PLAN-CLAIM-UNITS", 2, 1) == (
            f.rule,
            dict(f.facts)["stated"],
            dict(f.facts)["computed"],
        )
        assert "trên 50%" in f.message_vi
        good = dplan(
            "kh-h",
            "h",
            *ROWS,
            reports=(report(Claim(units=1, threshold="100", inclusive=True), results=results),),
        )
        assert [] == claims_found(good)

    def test_target_total(self) -> None:
        """ "Tổng chỉ tiêu 8" against the table's 3 + 4 = 7: a warning."""
        p = dplan("kh-h", "h", *ROWS, claims=(Claim(target=8, year=2024),))
        (f,) = claims_found(p)
        assert ("PLAN-CLAIM-TARGET", 8, 7) == (
            f.rule,
            dict(f.facts)["stated"],
            dict(f.facts)["computed"],
        )

    def test_report_table_total(self) -> None:
        """The report's table prints a total of 5 for rows 3 + 1 = 4: PLAN-STATED-TOTAL."""
        results = (UnitResult("Xã Một", 3), UnitResult("Xã Hai", 1))
        p = dplan("kh-h", "h", *ROWS, reports=(report(results=results, stated=5),))
        (f,) = claims_found(p)
        assert ("PLAN-STATED-TOTAL", 5, 4) == (
            f.rule,
            dict(f.facts)["stated"],
            dict(f.facts)["rows"],
        )
        assert "bảng kết quả của Báo cáo 12-BC/HU" in f.message_vi

    def test_unknown_unit_in_a_report(self) -> None:
        """A report row for "Xã Bốn" names no unit: PLAN-UNKNOWN-CELL (other tables)."""
        p = dplan("kh-h", "h", *ROWS, reports=(report(results=(UnitResult("Xã Bốn", 1),)),))
        (f,) = rules(check_table(p, DISTRICT_ORG), "PLAN-UNKNOWN-CELL")
        assert "bảng kết quả của Báo cáo 12-BC/HU ngày 05/10/2024 ghi «Xã Bốn»" in f.message_vi

    def test_nothing_verifiable_says_nothing(self) -> None:
        """A count claimed without a register or a table: no finding (not judged)."""
        p = dplan("kh-h", "h", *ROWS, reports=(report(Claim(admitted=9)),))
        assert [] == claims_found(p)


class TestMergedCommune:
    def test_merged_commune_plan_counts_its_predecessors_cells(self) -> None:
        """Commune N (from 1/7/2025) absorbed A; its plan names A's cell "Xóm A1", which
        resolves; no row is missing (N's cells on its date are A's)."""
        a = Organization(
            "a",
            "Đảng bộ xã A",
            OrgLevel.COMMUNE,
            valid_to=date(2025, 6, 30),
            cells=(Cell("a1", "Xóm A1"),),
        )
        n = Organization(
            "n", "Đảng bộ xã Mới", OrgLevel.COMMUNE, valid_from=date(2025, 7, 1), merged_from=("a",)
        )
        root = Organization("t", "Tỉnh", OrgLevel.PROVINCE, children=(a, n))
        p = Plan(
            "kh-n",
            "1-KH/ĐU",
            date(2025, 8, 1),
            "BTV",
            "n",
            "KH",
            PlanPeriod(2025, 2025),
            admission_targets=(AdmissionTarget("Xóm A1", 2),),
        )
        assert [] == check_table(p, root)
