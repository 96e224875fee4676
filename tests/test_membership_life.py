"""Property tests of the membership life: lawful lives keep the membership rules quiet."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from tests.common import CELL, INTRODUCERS, dataset, person, probation, record

from dangvien import strategies as dst
from dangvien.findings import Severity
from dangvien.model import Record, Stage, timeline
from dangvien.model import events as ev
from dangvien.rules import check

# The rules of the membership life judged on a person's own acts.
LIFE_RULES = [
    "BADGE-PARTY-AGE",
    "BADGE-DEFERRED",
    "BADGE-45-TRANSITION",
    "DISC-PROB-FORMS",
    "DISC-CELL-AUTHORITY",
    "DISC-LIMITATION",
    "XFER-OFFICIAL-DEADLINE",
    "XFER-PRESENT",
    "XFER-NO-PAPERS",
    "EXEMPT-AGE",
    "REMOVE-3M",
    "RECOG-THREE-VOTES",
    "ELECT-MAJORITY",
    "ELECT-ORDER",
]
_JUDGED = {Severity.VIOLATION, Severity.WARNING}


def _official_lives():
    """(record, official from, life events) of members who end official, with their life."""

    def with_life(pair):
        person, history = pair
        (decision,) = (e for e in history.events if isinstance(e, ev.RecognitionDecision))
        start = decision.effective + timedelta(days=1)
        end = start + timedelta(days=3 * 365)
        return dst.life_events(start, end).map(lambda life: (person, history, life, end))

    return (
        dst.people(cell_ids=[CELL])
        .flatmap(
            lambda p: dst.histories(p, introducers=INTRODUCERS, complete=True).map(lambda h: (p, h))
        )
        .filter(lambda pair: pair[1].stages[-1] is Stage.OFFICIAL)
        .flatmap(with_life)
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(_official_lives())
def test_a_lawful_life_changes_no_stage_and_breaks_no_membership_rule(case):
    """Discipline, exemption, temporary activity, illness and few missed months are lawful."""
    who, history, life, end = case
    events = (*history.events, *life)
    assert [] == list(timeline(events).problems)
    assert history.stages[-1] == timeline(events).stage_at(end)
    found = check(dataset(Record(who, events)), as_of=end + timedelta(days=1), only=LIFE_RULES)
    assert [] == [
        (f.rule, f.message_en) for f in found if f.subject == who.id and f.severity in _JUDGED
    ]


@settings(max_examples=30, deadline=None)
@given(dst.life_events(date(2024, 3, 2), date(2025, 2, 28), probationary=True))
def test_a_probationary_members_lawful_discipline_is_accepted(life):
    """A probationary member's life drawn with probationary=True meets DISC-PROB-FORMS."""
    r = record(person("P"), *probation(date(2024, 3, 1)), *life)
    found = check(
        dataset(r), as_of=date(2025, 3, 1), only=["DISC-PROB-FORMS", "DISC-CELL-AUTHORITY"]
    )
    assert [] == [f for f in found if f.severity in _JUDGED]
