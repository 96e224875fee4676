"""Organisation rules: cell size thresholds judged on the as-of date."""

from datetime import date

import attrs
from tests.common import (
    CELL,
    assert_evaluation,
    assert_passes,
    assert_violation,
    dataset,
    official,
    person,
    probation,
    record,
    run,
)

from dangvien.findings import Severity
from dangvien.model import events as ev
from dangvien.rules import Status

AS_OF = date(2025, 6, 1)


def cell_of(n, *extra):
    """A dataset whose cell ``CELL`` has *n* official members (plus *extra* records)."""
    return dataset(*(official(f"M{i}") for i in range(n)), *extra, introducers=False)


def test_cell_with_two_official_members_is_below_the_minimum():
    """Two official members: fewer than the three of Charter Art. 21(2)."""
    ds = cell_of(2)
    assert_violation(
        run(ds, "ORG-MIN-3", as_of=AS_OF),
        "ORG-MIN-3",
        subject=CELL,
        on=AS_OF,
        document="dieu-le-2011",
        facts_={"n": 2, "need": 3, "day": date(2025, 6, 1)},
    )


def test_probationary_members_do_not_count():
    """Two official members and a probationary one: still two."""
    ds = cell_of(2, record(person("P"), *probation(date(2025, 1, 10))))
    assert_violation(run(ds, "ORG-MIN-3", as_of=AS_OF), "ORG-MIN-3", subject=CELL, facts_={"n": 2})


def test_a_removed_member_stops_counting():
    """Three official members, one removed on 1/3/2025: two remain on 1/6/2025."""
    removed = record(
        person("R"),
        *official("R").events,
        ev.Removed(date=date(2025, 3, 1), reason=ev.RemovalReason.MISSED_ACTIVITIES),
    )
    ds = cell_of(2, removed)
    assert_passes(ds, "ORG-MIN-3", CELL, as_of=date(2025, 2, 28), reason="3 official members")
    assert_violation(run(ds, "ORG-MIN-3", as_of=AS_OF), "ORG-MIN-3", subject=CELL, facts_={"n": 2})


def test_cell_with_three_official_members_passes():
    """Three official members meet the minimum."""
    assert_passes(cell_of(3), "ORG-MIN-3", CELL, as_of=AS_OF, reason="3 official members")


def test_nine_official_members_elect_a_cell_committee():
    """Nine official members: an information finding that the cell elects a chi ủy."""
    ds = cell_of(9)
    f = assert_violation(
        run(ds, "CHIUY-9", as_of=AS_OF),
        "CHIUY-9",
        subject=CELL,
        severity=Severity.INFO,
        document="dieu-le-2011",
        facts_={"n": 9},
    )
    assert "at most 7" in f.message_en


def test_eight_official_members_elect_a_secretary():
    """Eight official members: not applicable, the cell elects a secretary."""
    ds = cell_of(8)
    assert [] == run(ds, "CHIUY-9", as_of=AS_OF)
    assert_evaluation(
        ds, "CHIUY-9", Status.NOT_APPLICABLE, CELL, as_of=AS_OF, reason="elects a secretary"
    )


def test_no_register_no_cell_size_findings():
    """A dataset of plans alone has no members to count: neither rule judges its cells."""
    empty = attrs.evolve(cell_of(0), records=())
    for rule_id in ("ORG-MIN-3", "CHIUY-9"):
        assert_evaluation(
            empty, rule_id, Status.NOT_APPLICABLE, CELL, as_of=AS_OF, reason="no register"
        )
