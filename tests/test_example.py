"""The committed Long Thành example: transcribed as printed, register regenerable."""

import importlib.util
import unicodedata
from datetime import date
from pathlib import Path

import pytest

import dangvien
from dangvien.findings import Severity
from dangvien.io import load_dataset
from dangvien.model import CellKind, Dataset, MassOrgKind, OrgLevel
from dangvien.synthetic import planted_mistakes

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "long-thanh"
SCRIPT = EXAMPLE.parent.parent / "scripts" / "make_example.py"

TABLE = [
    ("Điện Yên", 2),
    ("Giáp Ngói", 2),
    ("Yên Mội", 1),
    ("Phú Thọ", 1),
    ("Vạn Tràng", 2),
    ("Văn Tràng", 1),
    ("Văn Trai", 2),
    ("Quang Trung", 1),
    ("Phan Thanh", 1),
    ("Bắc Sơn", 1),
    ("Rú Đất", 1),
    ("Tr. THCS HTT", 2),
    ("Tr. Tiểu học", 2),
    ("Tr. Mầm non", 2),
    ("Trạm Y tế", 0),
    ("CB Công an xã", 0),
]


@pytest.fixture(scope="module")
def example() -> Dataset:
    """The committed example, loaded through dangvien.io."""
    return load_dataset(EXAMPLE)


def _script():
    spec = importlib.util.spec_from_file_location("make_example", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_files_are_nfc_utf8():
    """Every file of the example is UTF-8 text in NFC."""
    for path in EXAMPLE.iterdir():
        text = path.read_text(encoding="utf-8-sig")
        assert unicodedata.is_normalized("NFC", text), path.name


def test_tree_province_district_commune(example):
    """Nghệ An → Yên Thành (to 30/6/2025) → Long Thành: 16 cells, hamlets, mass organisations."""
    root = example.organization
    assert (root.name, root.level) == ("Đảng bộ tỉnh Nghệ An", OrgLevel.PROVINCE)
    district = root.children[0]
    assert (district.name, district.valid_to) == ("Đảng bộ huyện Yên Thành", date(2025, 6, 30))
    commune = district.children[0]
    assert commune.name == "Đảng bộ xã Long Thành"
    assert len(commune.cells) == 16
    assert [c.id for c in commune.cells] == [root.cell(name).id for name, _ in TABLE]
    kinds = [c.kind for c in commune.cells]
    assert kinds == [CellKind.HAMLET] * 11 + [CellKind.SCHOOL] * 3 + [
        CellKind.HEALTH,
        CellKind.POLICE,
    ]
    assert len(commune.hamlets) == 11
    assert root.cell("Vạn Tràng") != root.cell("Văn Tràng")
    assert root.cell("Trường mầm non") == root.cell("Tr. Mầm non")
    assert {m.kind for m in commune.mass_organizations} == {
        MassOrgKind.FATHERLAND_FRONT,
        MassOrgKind.YOUTH_UNION,
        MassOrgKind.WOMEN,
        MassOrgKind.FARMERS,
        MassOrgKind.VETERANS,
    }


def test_plan_as_printed(example):
    """Blank number, headline 9–11, table summing to its stated 21, quotas 5, 5, 4, 2."""
    (plan,) = example.plans
    assert plan.number == "-KH/ĐU"
    assert plan.date == date(2023, 6, 8)
    assert (plan.period.first_year, plan.period.last_year, plan.period.open_ended) == (
        2023,
        2025,
        True,
    )
    assert (plan.headline.low, plan.headline.high) == (9, 11)
    assert [(t.unit, t.annual) for t in plan.admission_targets] == TABLE
    assert plan.admission_sum() == plan.stated_admission_total == 21
    assert [(t.organization, t.annual) for t in plan.introduction_targets] == [
        ("Đoàn thanh niên", 5),
        ("Hội LHPN xã", 5),
        ("Hội Nông dân", 4),
        ("Hội CCB", 2),
    ]
    org = example.organization
    assert all(org.cell(t.unit) is not None for t in plan.admission_targets)
    assert all(org.mass_organization(t.organization) for t in plan.introduction_targets)


def test_legal_bases_keep_the_printed_dates(example):
    """24-QĐ/TW and 01-HD/TW keep the printed 2022 dates; unnumbered texts have no ref."""
    bases = {b.ref: b.date for b in example.plans[0].legal_bases}
    assert bases == {
        None: None,
        "24-QĐ/TW": date(2022, 7, 30),
        "01-HD/TW": date(2022, 9, 28),
        "28-CT/TW": date(2019, 1, 21),
        "07-ĐA/HU": date(2023, 5, 30),
        "05-QĐi/TW": date(2018, 8, 28),
    }
    assert sum(b.ref is None for b in example.plans[0].legal_bases) == 3


def test_committed_register_equals_a_fresh_regeneration(tmp_path):
    """people.csv and events.csv are byte for byte what make_example.py writes now."""
    _script().regenerate(EXAMPLE, tmp_path)
    for name in ("people.csv", "events.csv"):
        assert (EXAMPLE / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_committed_register_shows_only_the_planted_mistakes(example):
    """Checked as of 31/12/2025 the register has exactly its three planted mistakes.

    The plan checks judge the transcribed plan (its own mistakes), not the register.
    """
    legal = ("admission", "timeline", "membership", "organization")
    serious = {
        (f.rule, f.subject)
        for f in dangvien.check(example, as_of=date(2025, 12, 31), topics=legal)
        if f.severity in (Severity.VIOLATION, Severity.WARNING)
    }
    planted = planted_mistakes(example)
    assert len(planted) == 3
    assert {(m.rule, m.person_id) for m in planted} == serious


def test_readme_names_the_planted_mistakes(example):
    """The example's README names each planted mistake's person and date."""
    text = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    for m in planted_mistakes(example):
        assert m.person_id in text
        assert m.date.strftime("%d/%m/%Y") in text
