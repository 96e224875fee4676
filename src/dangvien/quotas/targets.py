"""Plan targets per cell and per year (chỉ tiêu kết nạp theo chi bộ, theo năm).

A :class:`~dangvien.model.plan.Plan` keeps its target table as printed: cell
names as the table wrote them (``Tr. Mầm non``), one row per cell, each row
for every year of the plan unless it names a year.  :func:`expand_targets`
turns that table into one :class:`CellTarget` per cell per year:

- A printed name is resolved with :meth:`Organization.cell` on the plan's
  organisation: exact match on NFC text with diacritics kept, against the
  cell's id, name and aliases.  ``Văn Tràng`` never matches ``Vạn Tràng``;
  an unresolved row keeps its printed text and ``cell=None`` (the plan checks
  report it with a diacritic-aware suggestion).
- A row with a ``year`` replaces the every-year row of the same cell in that
  year; rows with the same cell and the same year specification are added
  (and reported by the plan checks as duplicates).
- An open-ended period ("2023 – 2025 và những năm tiếp theo") continues up
  to the year asked for.

The same holds for the mass organisations' introduction quotas
(:func:`expand_introduction_targets`), resolved with
:meth:`Organization.mass_organization`.

>>> from datetime import date
>>> from dangvien.model.org import Cell, Organization, OrgLevel
>>> from dangvien.model.plan import AdmissionTarget, Plan, PlanPeriod
>>> org = Organization("x", "Đảng bộ xã X", OrgLevel.COMMUNE,
...                    cells=(Cell("c1", "Văn Tràng"), Cell("c2", "Vạn Tràng")))
>>> plan = Plan("kh", "-KH/ĐU", date(2023, 6, 8), "BTV", "x", "Kế hoạch",
...             PlanPeriod(2023, 2025, open_ended=True),
...             admission_targets=(AdmissionTarget("Văn Tràng", 1),
...                                AdmissionTarget("Vạn Tràng", 2)))
>>> [(t.year, t.cell, t.target) for t in expand_targets(plan, org, until=2026)][-2:]
[(2026, 'c1', 1), (2026, 'c2', 2)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

import attrs

from dangvien.model.org import Organization
from dangvien.model.plan import AdmissionTarget, IntroductionTarget, Plan
from dangvien.model.register import Dataset

__all__ = [
    "CellTarget",
    "IntroductionQuota",
    "expand_introduction_targets",
    "expand_targets",
    "plan_organization",
    "plan_years",
    "select_plan",
    "targets_by_cell",
]

RowT = TypeVar("RowT", AdmissionTarget, IntroductionTarget)


@attrs.frozen
class CellTarget:
    """The admission target of one cell in one year (chỉ tiêu kết nạp của một chi bộ trong năm).

    Attributes:
        plan: id of the plan.
        year: the year.
        printed: the cell as the plan's table printed it.
        cell: id of the cell the printed name resolves to; None when it
            matches no cell exactly.
        name: the cell's canonical name (the printed text when unresolved).
        target: admissions targeted that year.
        rows: printed rows combined into this target (1 unless duplicated).

    """

    plan: str
    year: int
    printed: str
    cell: str | None
    name: str
    target: int
    rows: int = 1


@attrs.frozen
class IntroductionQuota:
    """A mass organisation's introduction quota in one year (số quần chúng phải giới thiệu).

    Attributes:
        plan: id of the plan.
        year: the year.
        printed: the organisation as printed (``Hội LHPN xã``).
        organization: id of the mass organisation; None when unresolved.
        name: its canonical name (the printed text when unresolved).
        target: outstanding citizens to introduce that year.
        rows: printed rows combined into this quota.

    """

    plan: str
    year: int
    printed: str
    organization: str | None
    name: str
    target: int
    rows: int = 1


def plan_organization(dataset: Dataset | Organization, plan: Plan) -> Organization:
    """Return the organisation node a plan is for (the tree's root if its id is unknown).

    The plan checks report an unknown organisation id (``PLAN-UNKNOWN-ORG``).
    """
    root = dataset.organization if isinstance(dataset, Dataset) else dataset
    return root.find(plan.organization) or root


def plan_years(plan: Plan, until: int | None = None) -> tuple[int, ...]:
    """Return the plan's years; an open-ended plan continues up to *until*.

    >>> from datetime import date
    >>> from dangvien.model.plan import PlanPeriod
    >>> p = Plan("kh", "-KH/ĐU", date(2023, 6, 8), "BTV", "x", "KH",
    ...          PlanPeriod(2023, 2025, open_ended=True))
    >>> plan_years(p, until=2026)
    (2023, 2024, 2025, 2026)
    """
    return tuple(plan.period.years(until=until))


def select_plan(
    plans: Iterable[Plan], year: int, *, plan_id: str | None = None, organization: str | None = None
) -> Plan | None:
    """Choose the plan to measure *year* against.

    With *plan_id*, that plan (None if absent).  Otherwise the plans whose
    period covers *year* (for *organization*, if given), the latest-dated
    first; when none covers it, the latest plan of all, so that a report
    still shows a plan whose period has ended.
    """
    pool = [p for p in plans if organization is None or p.organization == organization]
    if plan_id is not None:
        return next((p for p in pool if p.id == plan_id), None)
    covering = [p for p in pool if p.period.covers(year)]
    chosen = covering or pool
    return max(chosen, key=lambda p: p.date) if chosen else None


def _rows_for_year(
    rows: Sequence[RowT], key_of: dict[int, str], year: int
) -> dict[str, list[RowT]]:
    """Group the rows that apply to *year* by resolved key; year rows replace every-year rows."""
    specific: dict[str, list[RowT]] = {}
    general: dict[str, list[RowT]] = {}
    for i, row in enumerate(rows):
        k = key_of[i]
        if row.year == year:
            specific.setdefault(k, []).append(row)
        elif row.year is None:
            general.setdefault(k, []).append(row)
    merged = dict(general)
    merged.update(specific)
    # Keep the order of first appearance in the printed table.
    order = {key_of[i]: i for i in reversed(range(len(rows)))}
    return dict(sorted(merged.items(), key=lambda kv: order[kv[0]]))


def expand_targets(
    plan: Plan,
    organization: Organization,
    *,
    until: int | None = None,
    years: Iterable[int] | None = None,
) -> tuple[CellTarget, ...]:
    """Expand a plan's target table into one target per cell per year.

    Args:
        plan: the plan.
        organization: the organisation whose cells the printed names are
            resolved against (normally :func:`plan_organization`).
        until: the last year for an open-ended plan.
        years: the years wanted, instead of the plan's years (years the
            plan does not cover give no targets).

    Returns:
        Targets ordered by year, then by the table's order.

    """
    wanted = plan_years(plan, until) if years is None else tuple(years)
    rows = plan.admission_targets
    resolved = [organization.cell(r.cell) for r in rows]
    key_of = {i: (c.id if c is not None else "?" + rows[i].cell) for i, c in enumerate(resolved)}
    index = {key_of[i]: i for i in reversed(range(len(rows)))}
    out: list[CellTarget] = []
    for year in wanted:
        if not plan.period.covers(year):
            continue
        for k, group in _rows_for_year(rows, key_of, year).items():
            first = index[k]
            cell = resolved[first]
            out.append(
                CellTarget(
                    plan=plan.id,
                    year=year,
                    printed=group[0].cell,
                    cell=None if cell is None else cell.id,
                    name=group[0].cell if cell is None else cell.name,
                    target=sum(r.annual for r in group),
                    rows=len(group),
                )
            )
    return tuple(out)


def expand_introduction_targets(
    plan: Plan,
    organization: Organization,
    *,
    until: int | None = None,
    years: Iterable[int] | None = None,
) -> tuple[IntroductionQuota, ...]:
    """Expand the mass organisations' quotas into one quota per organisation per year.

    Printed names are resolved with :meth:`Organization.mass_organization`
    (exact, diacritics kept); the rest works as :func:`expand_targets`.
    """
    wanted = plan_years(plan, until) if years is None else tuple(years)
    rows = plan.introduction_targets
    resolved = [organization.mass_organization(r.organization) for r in rows]
    key_of = {
        i: (m.id if m is not None else "?" + rows[i].organization) for i, m in enumerate(resolved)
    }
    index = {key_of[i]: i for i in reversed(range(len(rows)))}
    out: list[IntroductionQuota] = []
    for year in wanted:
        if not plan.period.covers(year):
            continue
        for k, group in _rows_for_year(rows, key_of, year).items():
            mo = resolved[index[k]]
            out.append(
                IntroductionQuota(
                    plan=plan.id,
                    year=year,
                    printed=group[0].organization,
                    organization=None if mo is None else mo.id,
                    name=group[0].organization if mo is None else mo.name,
                    target=sum(r.annual for r in group),
                    rows=len(group),
                )
            )
    return tuple(out)


def targets_by_cell(targets: Iterable[CellTarget], year: int) -> dict[str, int]:
    """Return ``{cell id: target}`` for *year* (unresolved rows left out).

    >>> targets_by_cell([CellTarget("kh", 2024, "A", "a", "A", 2)], 2024)
    {'a': 2}
    """
    out: dict[str, int] = {}
    for t in targets:
        if t.year == year and t.cell is not None:
            out[t.cell] = out.get(t.cell, 0) + t.target
    return out
