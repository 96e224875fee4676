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
    title_vi="Chi bộ có ít nhất 3 đảng viên chính thức",
    title_en="A cell has at least 3 official members",
    topic="organization",
    key=CELL_MIN_OFFICIAL,
    scope=Scope.CELL,
    citations=(cite("dieu-le-2011", "Điều 21, khoản 2"),),
)
def org_min_3(run: Run) -> Iterator[Evaluation | None]:
    """A cell needs at least 3 official members; otherwise the superior committee attaches its members elsewhere."""  # noqa: E501
    on = run.ctx.as_of
    need = run.ctx.value(CELL_MIN_OFFICIAL, on)
    n = run.ctx.roster().official_count(run.cell.cell.id, on)
    if n >= need:
        yield run.ok("{n} đảng viên chính thức", "{n} official members", n=n)
        return
    yield run.fail(
        "Chi bộ {name} chỉ có {n} đảng viên chính thức ngày {day} (cần ít nhất {need})",
        "Cell {name} has only {n} official members on {day} (at least {need} needed)",
        on=on,
        name=run.cell.cell.name,
        n=n,
        need=need,
        day=on.strftime("%d/%m/%Y"),
    )


@rule(
    "CHIUY-9",
    title_vi="Chi bộ có từ 9 đảng viên chính thức bầu chi ủy",
    title_en="A cell with 9 or more official members elects a cell committee",
    topic="organization",
    key=CELL_COMMITTEE_MIN_OFFICIAL,
    scope=Scope.CELL,
    citations=(cite("dieu-le-2011", "Điều 24, khoản 4"),),
)
def chiuy_9(run: Run) -> Iterator[Evaluation | None]:
    """A cell with at least 9 official members elects a cell committee (chi ủy, at most 7); a smaller one elects a secretary."""  # noqa: E501
    on = run.ctx.as_of
    need = run.ctx.value(CELL_COMMITTEE_MIN_OFFICIAL, on)
    n = run.ctx.roster().official_count(run.cell.cell.id, on)
    if n < need:
        yield run.na("{n} đảng viên chính thức: bầu bí thư", "{n} official: elects a secretary",
                     n=n)  # fmt: skip
        return
    yield run.fail(
        "Chi bộ {name} có {n} đảng viên chính thức: bầu chi ủy (không quá 7)",
        "Cell {name} has {n} official members: it elects a cell committee (at most 7)",
        on=on,
        severity=Severity.INFO,
        name=run.cell.cell.name,
        n=n,
    )
