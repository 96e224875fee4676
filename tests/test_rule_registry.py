"""Meta-tests: every rule and parameter is complete, cited, tested and documented."""

import importlib.util
import inspect
import re
from datetime import date
from pathlib import Path

import attrs
import pytest

from dangvien.documents import Confidence
from dangvien.model.events import EVENT_TYPES
from dangvien.parameters import default_parameters
from dangvien.regimes import REGIMES
from dangvien.rules import REGISTRY, Scope, check, rules
from dangvien.synthetic import generate_province

ROOT = Path(__file__).resolve().parent.parent
RULES_PAGE = ROOT / "docs" / "rules.md"
GENERATOR = ROOT / "scripts" / "gen_rules_doc.py"
RULE_TESTS = [
    *sorted((ROOT / "tests").glob("test_rules_*.py")),
    ROOT / "tests" / "test_quotas_plan_checks.py",
]
IDS = sorted(REGISTRY)
KEYED = sorted(r.id for r in REGISTRY.values() if r.key is not None)
PARAMS = default_parameters()
TOPICS = ("admission", "timeline", "membership", "organization", "plan")
LEGAL = sorted(r.id for r in REGISTRY.values() if r.scope is not Scope.PLAN)


def _generator():
    spec = importlib.util.spec_from_file_location("gen_rules_doc", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_registry_holds_the_encoded_rules():
    """44 legal rules and 20 plan checks, ids upper-case with dashes.

    29 of the admission path and party age, 15 of the membership life
    (badges, discipline, transfers and exemption, votes and elections).
    """
    assert 29 + 15 == len(LEGAL)
    assert 20 == len(rules(topics=["plan"]))
    assert set(TOPICS) == {r.topic for r in REGISTRY.values()}
    assert all(r.scope is Scope.PLAN for r in rules(topics=["plan"]))
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)+", rid) for rid in IDS), IDS
    assert {"ORG-MIN-3", "CHIUY-9"} == {r.id for r in rules(topics=["organization"])}
    assert all(r.scope is Scope.CELL for r in rules(topics=["organization"]))


@pytest.mark.parametrize("rule_id", IDS)
def test_rule_metadata_is_complete(rule_id):
    """Id, both titles, a docstring; a legal rule has a citation and starts with its law."""
    r = REGISTRY[rule_id]
    assert rule_id == r.id
    assert r.title_vi.strip()
    assert r.title_en.strip()
    assert r.title_vi != r.title_en
    assert all(c.provision.strip() for c in r.citations)
    if r.scope is Scope.PLAN:
        # A plan is a committee's document: its checks apply at any date.
        assert date.min == r.start
    else:
        assert len(r.citations) >= 1
        # No earlier than the earliest document it cites (later only by choice).
        assert min(c.document.effective for c in r.citations) <= r.start
    assert r.end is None or r.start < r.end
    assert len(r.doc) > 20, r.doc
    assert r.doc == inspect.cleandoc(r.func.__doc__ or "")


@pytest.mark.parametrize("rule_id", KEYED)
def test_rule_parameter_exists_and_covers_its_start(rule_id):
    """A rule's parameter is in the default set and has a value from the rule's start."""
    r = REGISTRY[rule_id]
    assert r.key is not None
    assert r.key.name in PARAMS.as_mapping()
    assert PARAMS.parameter(r.key).values[0].start <= r.start


@pytest.mark.parametrize("rule_id", LEGAL)
def test_rule_citation_resolves_on_every_regime_start(rule_id):
    """citation_on gives a citation for each regime's first day (no gap in the basis)."""
    r = REGISTRY[rule_id]
    for regime in REGIMES:
        on = max(regime.start, r.start)
        assert r.citation_on(PARAMS, on).provision


@pytest.mark.parametrize("rule_id", IDS)
def test_every_rule_has_a_test(rule_id):
    """Each rule id appears, quoted, in a tests/test_rules_*.py file."""
    quoted = f'"{rule_id}"'
    assert any(quoted in p.read_text(encoding="utf-8") for p in RULE_TESTS), rule_id


@pytest.mark.parametrize("rule_id", IDS)
def test_every_rule_is_documented(rule_id):
    """docs/rules.md has a section for each rule with its titles."""
    page = RULES_PAGE.read_text(encoding="utf-8")
    r = REGISTRY[rule_id]
    assert f"### {rule_id}\n" in page
    assert r.title_vi in page
    assert r.title_en in page


def test_rules_page_is_up_to_date():
    """The committed docs/rules.md equals scripts/gen_rules_doc.py's render()."""
    expected = _generator().render()
    assert expected == RULES_PAGE.read_text(encoding="utf-8"), (
        "docs/rules.md is stale: run `python scripts/gen_rules_doc.py`"
    )


def test_every_parameter_value_is_cited():
    """Each value names a document in force on its start, and a provision."""
    for param in PARAMS:
        assert param.values, param.key.name
        for value in param.values:
            doc = value.citation.document
            assert doc.key, param.key.name
            assert value.citation.provision.strip(), param.key.name
            assert doc.in_force(value.start), (param.key.name, value.start, doc.key)


def test_c_graded_parameters_say_why():
    """A value graded C carries a note explaining the assumption."""
    graded_c = [(p.key.name, v) for p in PARAMS for v in p.values if v.confidence is Confidence.C]
    assert graded_c, "expected at least the youth-age assumption"
    for name, value in graded_c:
        assert len(value.note.strip()) > 20, name


def test_parameter_keys_have_titles_and_units():
    """Every parameter key has Vietnamese and English titles and a unit."""
    for param in PARAMS:
        key = param.key
        assert key.title_vi.strip()
        assert key.title_en.strip()
        assert key.unit.label_vi.strip()  # a catalogue label (an unknown key raises)
        assert key.unit.label_en.strip()
        assert str(key) == key.name


# --- the engine's pre-filter is invisible ----------------------------------------------


@pytest.mark.parametrize("rule_id", sorted(r.id for r in REGISTRY.values() if r.needs))
def test_needs_name_event_classes_of_the_model(rule_id):
    """A rule's pre-filter names event classes of EVENT_TYPES (exact classes)."""
    assert REGISTRY[rule_id].needs <= set(EVENT_TYPES.values())


def test_prefilter_does_not_change_the_findings(monkeypatch):
    """check() with the rules' event pre-filter equals check() with it switched off."""
    # A small synthetic province with the three planted mistakes, judged at two dates.
    dataset = generate_province(communes=2, members=1200, seed="prefilter", mistakes=True)
    fast = [check(dataset, as_of=on) for on in (date(2024, 6, 30), date(2025, 12, 31))]
    assert any(f.severity.value == "violation" for f in fast[1])
    for rid, r in list(REGISTRY.items()):
        monkeypatch.setitem(REGISTRY, rid, attrs.evolve(r, needs=None))
    slow = [check(dataset, as_of=on) for on in (date(2024, 6, 30), date(2025, 12, 31))]
    assert slow == fast
