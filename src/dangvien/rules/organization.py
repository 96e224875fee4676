"""Organisation rules (tổ chức cơ sở đảng): cell size thresholds, judged on the as-of date."""

from __future__ import annotations

from collections.abc import Iterator

from dangvien.findings import Severity
from dangvien.parameters import CELL_COMMITTEE_MIN_OFFICIAL, CELL_MIN_OFFICIAL
from dangvien.rules._base import Evaluation, Run, Scope, rule
from dangvien.rules._common import cite

__all__: list[str] = []


@rule(
    "ORG-MIN-3",
    topic="organization",
    key=CELL_MIN_OFFICIAL,
    scope=Scope.CELL,
    citations=(cite("dieu-le-2011", "Điều 21, khoản 2"),),
)
def org_min_3(run: Run) -> Iterator[Evaluation | None]:
    """A cell needs at least 3 official members; otherwise the superior committee attaches its members elsewhere.

    A dataset with no register (a district entering only its plans and the
    reported figures) has no members to count: not judged.
    """  # noqa: E501
    if not run.ctx.dataset.records:
        yield run.na("rule.common.no_register")
        return
    on = run.ctx.as_of
    need = run.ctx.value(CELL_MIN_OFFICIAL, on)
    n = run.ctx.roster().official_count(run.cell.cell.id, on)
    if n >= need:
        yield run.ok("ok", n=n)
        return
    yield run.fail("fail", on=on, name=run.cell.cell.name, n=n, need=need, day=on)


@rule(
    "CHIUY-9",
    topic="organization",
    key=CELL_COMMITTEE_MIN_OFFICIAL,
    scope=Scope.CELL,
    citations=(cite("dieu-le-2011", "Điều 24, khoản 4"),),
)
def chiuy_9(run: Run) -> Iterator[Evaluation | None]:
    """A cell with at least 9 official members elects a cell committee (chi ủy, at most 7); a smaller one elects a secretary."""  # noqa: E501
    if not run.ctx.dataset.records:
        yield run.na("rule.common.no_register")
        return
    on = run.ctx.as_of
    need = run.ctx.value(CELL_COMMITTEE_MIN_OFFICIAL, on)
    n = run.ctx.roster().official_count(run.cell.cell.id, on)
    if n < need:
        yield run.na("small", n=n)
        return
    yield run.fail("fail", on=on, severity=Severity.INFO, name=run.cell.cell.name, n=n)
