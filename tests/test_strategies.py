"""The published Hypothesis strategies: lawful histories, planted defects, consistent datasets."""

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from dangvien import strategies as dst
from dangvien._text import key
from dangvien.dates import add_months, full_months
from dangvien.io import read_dataset, save_dataset
from dangvien.model import (
    Cell,
    Dataset,
    Organization,
    OrgLevel,
    Person,
    Plan,
    Record,
    Sex,
    Stage,
    timeline,
)
from dangvien.model import events as ev

MASSES = ("doan", "lhpn")
INTRODUCERS = ("I1", "I2", "I3")


def _with_history(**options):
    """(person, history) pairs, the history drawn for the person."""
    return dst.people().flatmap(
        lambda p: dst.histories(
            p, mass_organizations=MASSES, introducers=INTRODUCERS, **options
        ).map(lambda h: (p, h))
    )


def _one(history, cls):
    (found,) = (e for e in history.events if type(e) is cls)
    return found


# --- valid histories ---------------------------------------------------------------


@given(_with_history())
def test_valid_histories_replay_without_problems_through_their_stages(pair):
    """A valid history replays with no TransitionProblem and passes through exactly its stages."""
    _, history = pair
    replay = timeline(history.events)
    assert () == replay.problems
    assert list(history.stages) == [p.stage for p in replay.periods]
    assert history.final_stage == replay.stage_at(date(9999, 12, 31))
    assert None is history.defect


@given(_with_history())
def test_valid_histories_keep_legal_timing(pair):
    """18 by full months at the vote, ceremony ≤ 20 days after, official = ceremony + 12 months."""
    person, history = pair
    kinds = {type(e) for e in history.events}
    if ev.CellResolution in kinds:
        vote = _one(history, ev.CellResolution)
        assert 18 * 12 <= full_months(person.birth_date, vote.date)
        assert 3 * vote.votes_for >= 2 * vote.official_members
    if ev.AdmissionCeremony in kinds:
        decision = _one(history, ev.AdmissionDecision)
        ceremony = _one(history, ev.AdmissionCeremony)
        assert decision.date < ceremony.date <= decision.date + timedelta(days=20)
    if ev.RecognitionDecision in kinds and ev.AdmissionCeremony in kinds:
        recognition = _one(history, ev.RecognitionDecision)
        ceremony = _one(history, ev.AdmissionCeremony)
        assert add_months(ceremony.date, 12) == recognition.official_from
        assert recognition.official_from < recognition.date
    if ev.CardIssued in kinds:
        assert _one(history, ev.RecognitionDecision).date < _one(history, ev.CardIssued).date


@given(_with_history())
def test_histories_name_only_the_given_references(pair):
    """Events name the person's cell, the given mass organisations and the given introducers."""
    person, history = pair
    for event in history.events:
        if hasattr(event, "cell"):
            assert (person.cell or "cb-thu-nghiem") == event.cell
        if isinstance(event, ev.Introduced):
            assert event.organization in MASSES
        if isinstance(event, ev.IntroducersAssigned):
            assert set(event.introducers) <= set(INTRODUCERS)


# --- invalid histories ---------------------------------------------------------------


@given(_with_history(valid=False, defects=[dst.Defect.OUT_OF_ORDER]))
def test_out_of_order_history_fails_first_at_the_moved_event(pair):
    """The first transition problem is a stage-changing event dated before its predecessor."""
    _, history = pair
    assert dst.Defect.OUT_OF_ORDER is history.defect
    first = timeline(history.events).problems[0]
    movable = (ev.ApplicationFiled, ev.CellResolution, ev.AdmissionDecision, ev.RecognitionDecision)
    assert isinstance(first.event, movable)
    assert first.stage not in first.allowed


@given(_with_history(valid=False, defects=[dst.Defect.CEREMONY_BEFORE_DECISION]))
def test_ceremony_before_decision_is_planted(pair):
    """The ceremony precedes the decision, and the replay refuses the ceremony first."""
    _, history = pair
    ceremony = _one(history, ev.AdmissionCeremony)
    assert ceremony.date < _one(history, ev.AdmissionDecision).date
    assert ceremony == timeline(history.events).problems[0].event


@given(_with_history(valid=False, defects=[dst.Defect.CARD_BEFORE_RECOGNITION]))
def test_card_before_recognition_is_planted(pair):
    """The card falls in probation: before official membership and the recognition decision."""
    _, history = pair
    card = _one(history, ev.CardIssued)
    recognition = _one(history, ev.RecognitionDecision)
    assert _one(history, ev.AdmissionCeremony).date < card.date < recognition.official_from
    assert () == timeline(history.events).problems


@given(_with_history(valid=False, defects=[dst.Defect.UNDER_AGE]))
def test_under_18_is_planted(pair):
    """The cell votes before the 18th birthday (full months), with no other order problem."""
    person, history = pair
    vote = _one(history, ev.CellResolution)
    assert full_months(person.birth_date, vote.date) < 18 * 12
    assert () == timeline(history.events).problems


@given(dst.people().flatmap(dst.invalid_histories))
def test_invalid_histories_are_pairs_with_their_defect(pair):
    """invalid_histories gives (events, defect) with a defect from the enum."""
    events, defect = pair
    assert isinstance(defect, dst.Defect)
    assert all(isinstance(e, ev.Event) for e in events)


# --- datasets and values ---------------------------------------------------------------


@given(dst.datasets())
def test_datasets_are_consistent(dataset):
    """Ids are unique, names unique after key(), and every reference exists."""
    org = dataset.organization
    cells = org.all_cells()
    masses = org.all_mass_organizations()
    assert len({o.id for o in org.walk()}) == len(list(org.walk()))
    for items in (cells, masses):
        keys = [key(n) for item in items for n in {item.id, *item.names}]
        assert len(set(keys)) == len(keys)
    ids = [r.person.id for r in dataset.records]
    assert len(set(ids)) == len(ids)
    cell_ids, mass_ids = {c.id for c in cells}, {m.id for m in masses}
    for record in dataset.records:
        assert record.person.cell in cell_ids
        for event in record.events:
            if hasattr(event, "cell"):
                assert event.cell in cell_ids
            if isinstance(event, ev.Introduced):
                assert event.organization in mass_ids
            if isinstance(event, ev.IntroducersAssigned):
                assert set(event.introducers) <= set(ids) - {record.person.id}
    for plan in dataset.plans:
        assert org.find(plan.organization) is not None


@given(dst.datasets(max_people=8, max_plans=3))
def test_datasets_round_trip_through_the_files_with_no_issue(tmp_path_factory, dataset):
    """Every drawn dataset is one the loader accepts: saved, read back with no issue, equal.

    The loader refuses a person's hamlet that the tree does not have, so people
    live in a hamlet of the drawn tree or none.
    """
    tmp = tmp_path_factory.mktemp("strategy-round-trip")
    save_dataset(dataset, tmp)
    result = read_dataset(tmp)
    assert [] == [str(i) for i in result.issues]
    assert dataset == result.dataset


@given(dst.datasets())
def test_people_live_in_hamlets_of_the_tree(dataset):
    """A person's hamlet is None or the id or name of a hamlet of the tree."""
    refs = {r for o in dataset.organization.walk() for h in o.hamlets for r in (h.id, h.name)}
    assert set() == {r.person.hamlet for r in dataset.records} - refs - {None}


@given(dst.people(hamlets=()))
def test_people_with_no_hamlets_given_live_in_none(person):
    """An empty sequence of hamlets means nobody has a hamlet."""
    assert None is person.hamlet


@given(dst.datasets())
def test_generated_text_is_nfc_and_trimmed(dataset):
    """Every string in a dataset is NFC, non-empty and without outer whitespace."""
    from dangvien.io import make_converter

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    for text in strings(make_converter().unstructure(dataset)):
        assert text == unicodedata.normalize("NFC", text).strip()
        assert text


@given(dst.people())
def test_people_have_synthetic_vietnamese_names(person):
    """Names start with the synthetic mark and carry Vietnamese diacritics."""
    assert person.full_name.startswith(dst.PERSON_MARK + " ")
    assert person.full_name != unicodedata.normalize("NFD", person.full_name)


@given(dst.organizations(max_depth=2))
def test_organization_levels_nest_properly(org):
    """A lone commune, or a province over districts or communes; communes hold the cells."""
    for node in org.walk():
        below = {child.level for child in node.children}
        expected = {
            OrgLevel.PROVINCE: [{OrgLevel.DISTRICT}, {OrgLevel.COMMUNE}],
            OrgLevel.DISTRICT: [{OrgLevel.COMMUNE}],
            OrgLevel.COMMUNE: [set()],
        }[node.level]
        assert below in expected
        assert bool(node.cells) == (node.level is OrgLevel.COMMUNE)


def test_bad_options_are_refused():
    """A tree deeper than province → district → commune, or no defect to plant, is refused."""
    person = Person("P", "P", date(2000, 1, 1), Sex.MALE)
    with pytest.raises(InvalidArgument):
        dst.organizations(max_depth=3)
    with pytest.raises(InvalidArgument):
        dst.histories(person, valid=False, defects=[])


@pytest.mark.parametrize(
    "cls",
    [Person, Cell, Organization, Plan, Record, Dataset, ev.Event, *ev.EVENT_TYPES.values()],
    ids=lambda c: c.__name__,
)
def test_setup_hook_registers_type_strategies(cls):
    """After the entry-point hook, st.from_type builds every registered model class."""
    dst._hypothesis_setup_hook()

    @given(st.from_type(cls))
    def check(value):
        assert isinstance(value, cls)

    check()


def test_module_imports_before_hypothesis():
    """Importing dangvien.strategies first works although Hypothesis then calls its hook."""
    import subprocess
    import sys

    code = "import dangvien.strategies, hypothesis.strategies as st, dangvien.model as m; "
    code += "print(type(st.from_type(m.Person).example()).__name__)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (0, "Person") == (done.returncode, done.stdout.strip()), done.stderr


def test_each_defect_names_a_registered_rule():
    """Defect.rule is the id of a rule in dangvien's registry."""
    from dangvien.rules import REGISTRY

    assert all(defect.rule in REGISTRY for defect in dst.Defect)


@given(_with_history(complete=True))
def test_complete_histories_reach_official_membership_with_a_card(pair):
    """complete=True follows the admission route to official membership and issues the card."""
    _, history = pair
    assert Stage.OFFICIAL in history.stages
    assert any(isinstance(e, ev.CardIssued) for e in history.events)


@given(dst.records(cell_ids=["cb-a", "cb-b"], valid=False))
def test_records_accept_cell_ids_and_invalid_histories(record):
    """records(cell_ids=…, valid=False) keep the person and every cell event in those cells."""
    assert record.person.cell in {"cb-a", "cb-b"}
    assert all(e.cell == record.person.cell for e in record.events if hasattr(e, "cell"))
