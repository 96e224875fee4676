"""Stages derived from dated events through the one transition table."""

from datetime import date
from pathlib import Path

import pytest

from dangvien.model import events as ev
from dangvien.model.people import Person, Sex
from dangvien.model.register import Record
from dangvien.model.stages import TRANSITIONS, Stage, mermaid_diagram, timeline

CELL = "van-trai"


def admitted_history(ceremony: date) -> list[ev.Event]:
    """A lawful path from sympathizer to probationary member."""
    return [
        ev.ListedSympathizer(date=date(2022, 1, 10), cell=CELL),
        ev.AwarenessCourse(date=date(2022, 3, 1)),
        ev.ApplicationFiled(date=date(2022, 5, 2)),
        ev.IntroducersAssigned(date=date(2022, 5, 3), introducers=("A", "B")),
        ev.CellResolution(date=date(2022, 6, 6), cell=CELL, votes_for=10, official_members=12),
        ev.AdmissionDecision(date=date(2022, 7, 1), received=date(2022, 7, 4)),
        ev.AdmissionCeremony(date=ceremony, cell=CELL),
    ]


def test_stage_before_any_event_is_citizen():
    """With no events a person is a citizen (quần chúng)."""
    assert Stage.CITIZEN == timeline([]).stage_at(date(2020, 1, 1))


def test_stages_follow_the_pipeline():
    """Each act moves the person one stage on, on its own date."""
    t = timeline(admitted_history(date(2022, 7, 20)))
    assert Stage.SYMPATHIZER == t.stage_at(date(2022, 1, 10))
    assert Stage.APPLICANT == t.stage_at(date(2022, 6, 5))
    assert Stage.PROPOSED == t.stage_at(date(2022, 6, 6))
    assert Stage.ADMITTED == t.stage_at(date(2022, 7, 19))
    assert Stage.PROBATIONARY == t.stage_at(date(2022, 7, 20))
    assert () == t.problems


def test_official_membership_is_backdated_to_probation_end():
    """A late recognition decision still makes the member official from the end of probation."""
    events = [
        *admitted_history(date(2022, 7, 20)),
        ev.RecognitionResolution(
            date=date(2023, 8, 15), cell=CELL, votes_for=11, official_members=12
        ),
        ev.RecognitionDecision(date=date(2023, 9, 20), official_from=date(2023, 7, 20)),
    ]
    t = timeline(events)
    assert Stage.PROBATIONARY == t.stage_at(date(2023, 7, 19))
    assert Stage.OFFICIAL == t.stage_at(date(2023, 7, 20))
    assert date(2023, 7, 20) == t.memberships[0].official_from


def test_failed_vote_keeps_the_applicant_stage():
    """A cell resolution recorded as not approved does not propose the applicant."""
    vote = ev.CellResolution(
        date=date(2022, 6, 6), cell=CELL, votes_for=5, official_members=12, approved=False
    )
    events = [*admitted_history(date(2022, 7, 20))[:4], vote]
    assert Stage.APPLICANT == timeline(events).stage_at(date(2022, 12, 31))


def test_ceremony_without_decision_skips_the_missing_step():
    """A ceremony straight after the cell vote: reported as skipping a step, and applied."""
    events = admitted_history(date(2022, 7, 20))
    del events[5]  # the admission decision
    t = timeline(events)
    assert Stage.PROBATIONARY == t.stage_at(date(2022, 8, 1))
    assert 1 == len(t.problems)
    assert isinstance(t.problems[0].event, ev.AdmissionCeremony)
    assert (Stage.PROPOSED, True) == (t.problems[0].stage, t.problems[0].skipped)
    assert t.memberships[0].decision is None
    assert t.memberships[0].ceremony is events[5]


def test_a_member_list_row_makes_an_official_member():
    """Decision, ceremony, recognition (a wide member list): official, with one spell.

    Decision 5/1/2010 → admitted; ceremony 1/2/2010 → probationary; official from
    1/2/2011. Only the decision skips steps (no application, no cell vote).
    """
    decision = ev.AdmissionDecision(date=date(2010, 1, 5))
    ceremony = ev.AdmissionCeremony(date=date(2010, 2, 1), cell=CELL)
    recognition = ev.RecognitionDecision(date=date(2011, 2, 1), official_from=date(2011, 2, 1))
    t = timeline([decision, ceremony, recognition])
    assert [Stage.ADMITTED, Stage.PROBATIONARY, Stage.OFFICIAL] == [p.stage for p in t.periods]
    assert [(decision, True)] == [(p.event, p.skipped) for p in t.problems]
    (spell,) = t.memberships
    assert (decision, ceremony, date(2011, 2, 1)) == (
        spell.decision,
        spell.ceremony,
        spell.official_from,
    )


def test_a_transfer_in_after_recorded_acts_continues_the_spell():
    """Ceremony 10/5/2005 recorded, then a transfer in 2012: the way out was not recorded."""
    ceremony = ev.AdmissionCeremony(date=date(2005, 5, 10), cell=CELL)
    moved = ev.TransferredIn(date=date(2012, 1, 1), source="tỉnh khác", cell=CELL)
    t = timeline([ceremony, moved])
    assert Stage.OFFICIAL == t.stage_at(date(2012, 1, 1))
    assert [True, True] == [p.skipped for p in t.problems]
    (spell,) = t.memberships
    assert (ceremony, moved) == (spell.ceremony, spell.transfer_in)


def test_a_step_out_of_order_backwards_is_not_applied():
    """A second application while proposed by the cell is out of order, not a gap."""
    events = admitted_history(date(2022, 7, 20))[:5]
    again = ev.ApplicationFiled(date=date(2022, 7, 25))
    t = timeline([*events, again])
    assert Stage.PROPOSED == t.stage_at(date(2022, 8, 1))
    assert [(again, False)] == [(p.event, p.skipped) for p in t.problems]


def test_removal_then_readmission_gives_two_membership_periods():
    """A removed member who applies again and is admitted has two membership periods."""
    first = [
        ev.ListedSympathizer(date=date(2015, 1, 10), cell=CELL),
        ev.ApplicationFiled(date=date(2015, 5, 2)),
        ev.CellResolution(date=date(2015, 6, 6), cell=CELL, votes_for=10, official_members=12),
        ev.AdmissionDecision(date=date(2015, 7, 1)),
        ev.AdmissionCeremony(date=date(2015, 7, 20), cell=CELL),
        ev.RecognitionDecision(date=date(2016, 8, 1), official_from=date(2016, 7, 20)),
        ev.Removed(date=date(2019, 3, 1), reason=ev.RemovalReason.MISSED_ACTIVITIES),
    ]
    again = [
        ev.ProvincialConsent(date=date(2022, 4, 1), purpose=ev.ConsentPurpose.READMISSION),
        ev.ApplicationFiled(date=date(2022, 4, 5)),
        ev.CellResolution(date=date(2022, 5, 5), cell=CELL, votes_for=9, official_members=12),
        ev.AdmissionDecision(date=date(2022, 6, 1)),
        ev.AdmissionCeremony(date=date(2022, 6, 20), cell=CELL),
    ]
    t = timeline(first + again)
    assert () == t.problems
    assert Stage.REMOVED == t.stage_at(date(2020, 1, 1))
    assert Stage.PROBATIONARY == t.stage_at(date(2022, 7, 1))
    assert 2 == len(t.memberships)
    assert isinstance(t.memberships[0].end, ev.Removed)
    assert t.memberships[1].end is None
    assert date(2022, 6, 1) == t.memberships[1].decision.date


def test_record_sorts_events_and_caches_timeline():
    """A record keeps its events in date order whatever order they were given in."""
    person = Person("P1", "Người Thử", date(2000, 1, 1), Sex.FEMALE)
    events = admitted_history(date(2022, 7, 20))
    record = Record(person, tuple(reversed(events)))
    assert [e.date for e in events] == [e.date for e in record.events]
    assert record.timeline is record.timeline
    assert CELL == record.cell_at(date(2022, 8, 1))
    assert date(2022, 1, 10) == record.cell_since(date(2022, 8, 1))


def test_every_transition_target_is_reachable_from_citizen():
    """The transition table is connected: every stage but citizen is some event's target."""
    targets = {t.target for t in TRANSITIONS.values()} | {Stage.PROBATIONARY, Stage.OFFICIAL}
    assert set(Stage) - {Stage.CITIZEN} <= targets


def test_docs_diagram_is_generated_from_the_table():
    """The Mermaid diagram in docs/model.md equals the one generated from TRANSITIONS."""
    text = (Path(__file__).parents[1] / "docs" / "model.md").read_text(encoding="utf-8")
    assert mermaid_diagram() in text


@pytest.mark.parametrize("cls", list(TRANSITIONS))
def test_each_transition_event_has_a_tag_and_title(cls):
    """Events that move stages are documented with a file tag and a Vietnamese title."""
    assert cls.TYPE
    assert cls.event_kind().label_vi
    assert cls.event_kind().label_en
