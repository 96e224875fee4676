"""How many people stand at each stage, per cell; organisations counted (số lượng).

Each person's stage on a date comes from :meth:`Record.stage_at`, their
cell from :meth:`Record.cell_at`.  :func:`organization_counts` counts a
unit's grassroots organisations, cells and members from the listed tree and
the register, or, where a province or district lists neither, from the
counts its documents state (:class:`~dangvien.model.org.OrgStatistics`).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import ClassVar

import attrs

from dangvien.errors import UnknownIdError
from dangvien.messages import CatalogueEnum, Text
from dangvien.model.org import Organization, OrgLevel, OrgStatistics, Unit
from dangvien.model.register import Dataset
from dangvien.model.stages import Stage
from dangvien.rules.eligibility import CANDIDATE_STAGES

__all__ = [
    "CANDIDATE_STAGES",
    "MEMBER_STAGES",
    "PIPELINE_STAGES",
    "CellPipeline",
    "CountSource",
    "OrgCounts",
    "members_by_cell",
    "official_members",
    "organization_counts",
    "people_of",
    "stage_counts",
]

#: The stages of a party member (đảng viên): probationary and official.
MEMBER_STAGES: frozenset[Stage] = frozenset({Stage.PROBATIONARY, Stage.OFFICIAL})

#: Stages of the path from citizen to official member, in order.
PIPELINE_STAGES: tuple[Stage, ...] = (
    Stage.OUTSTANDING,
    Stage.SYMPATHIZER,
    Stage.APPLICANT,
    Stage.PROPOSED,
    Stage.ADMITTED,
    Stage.PROBATIONARY,
    Stage.OFFICIAL,
)


#: The rank of each stage along the path (citizen first).
STAGE_RANK = {s: i for i, s in enumerate((Stage.CITIZEN, *PIPELINE_STAGES))}


# --- stages per cell ----------------------------------------------------------


def people_of(dataset: Dataset, organization: Organization, on: date) -> Dataset:
    """The dataset with only the people managed by a cell of *organization* on *on*.

    What a report on part of the tree measures over its own people (the
    conversion rates and the cohort funnel): a person counts where their
    cell is on the as-of day, as the report's rule findings do.  The whole
    tree gives *dataset* itself.
    """
    if organization.id == dataset.organization.id:
        return dataset
    cells = {c.id for c in organization.all_cells()}
    return attrs.evolve(
        dataset, records=tuple(r for r in dataset.records if r.cell_at(on) in cells)
    )


@attrs.frozen(kw_only=True)
class CellPipeline:
    """People per stage in one cell on one day (nguồn kết nạp của chi bộ).

    Attributes:
        cell: the cell's id; None for people with no known cell.
        name: the cell's name; None for the row of people with no known cell.
        on: the day.
        counts: people per stage, for :data:`PIPELINE_STAGES` (zeros kept).

    """

    __json__: ClassVar[tuple[str, ...]] = ("candidates",)

    cell: str | None
    name: str | None
    on: date
    counts: tuple[tuple[Stage, int], ...]

    def count(self, stage: Stage) -> int:
        """Return how many people held *stage*."""
        return dict(self.counts).get(stage, 0)

    @property
    def candidates(self) -> int:
        """People who may still be admitted (outstanding … proposed)."""
        return sum(self.count(s) for s in CANDIDATE_STAGES)


def stage_counts(
    dataset: Dataset, on: date, *, organization: Organization | None = None
) -> tuple[CellPipeline, ...]:
    """Count people per stage per cell on *on*.

    Rows follow the cells of *organization* (default: the whole tree) in
    tree order; people managed by no cell of it get a last row with
    ``cell=None`` when there are any in a pipeline stage.
    """
    org = organization or dataset.organization
    cells = org.all_cells()
    known = {c.id for c in cells}
    counts: dict[str | None, Counter[Stage]] = {c.id: Counter() for c in cells}
    for record in dataset.records:
        stage = record.stage_at(on)
        if stage not in STAGE_RANK or stage is Stage.CITIZEN:
            continue
        cell = record.cell_at(on)
        counts.setdefault(cell if cell in known else None, Counter())[stage] += 1
    rows = [
        CellPipeline(
            cell=c.id,
            name=c.name,
            on=on,
            counts=tuple((s, counts[c.id][s]) for s in PIPELINE_STAGES),
        )
        for c in cells
    ]
    if None in counts and counts[None].total():
        rows.append(
            CellPipeline(
                cell=None,
                name=None,
                on=on,
                counts=tuple((s, counts[None][s]) for s in PIPELINE_STAGES),
            )
        )
    return tuple(rows)


def official_members(
    dataset: Dataset, on: date, *, organization: Organization | None = None
) -> dict[str, int]:
    """Return official members per cell id on *on* (every cell of the tree, zeros kept)."""
    org = organization or dataset.organization
    out = {c.id: 0 for c in org.all_cells()}
    for record in dataset.records:
        if record.stage_at(on) is Stage.OFFICIAL:
            cell = record.cell_at(on)
            if cell in out:
                out[cell] += 1
    return out


def members_by_cell(dataset: Dataset, on: date) -> Counter[str]:
    """Return party members (probationary and official) per cell id on *on*."""
    out: Counter[str] = Counter()
    for record in dataset.records:
        if record.stage_at(on) in MEMBER_STAGES:
            cell = record.cell_at(on)
            if cell is not None:
                out[cell] += 1
    return out


# --- organisations counted ----------------------------------------------------------


class CountSource(CatalogueEnum):
    """Where a count comes from (nguồn số liệu)."""

    LISTED = "listed"
    """Counted from the listed tree and the register."""
    STATED = "stated"
    """As a document stated it (:class:`~dangvien.model.org.OrgStatistics`)."""
    NONE = "none"
    """Unknown."""


@attrs.frozen(kw_only=True)
class OrgCounts:
    """A unit's organisations and members on a day (số tổ chức đảng, đảng viên).

    Attributes:
        unit: the unit.
        on: the day.
        grassroots: grassroots organisations below or at it (communes,
            grassroots committees, grassroots cells); None when unknown.
        cells: cells below it; None when unknown.
        members: party members (probationary and official); None when unknown.
        structure_source: where ``grassroots`` and ``cells`` come from.
        members_source: where ``members`` comes from.

    """

    unit: Unit
    on: date
    grassroots: int | None
    cells: int | None
    members: int | None
    structure_source: CountSource
    members_source: CountSource


def _stated(node: Organization, on: date) -> OrgStatistics | None:
    known = [s for s in node.statistics if s.on <= on]
    return max(known, key=lambda s: s.on) if known else None


def _grassroots(node: Organization) -> int:
    """Count the grassroots organisations at or below *node*.

    Communes and grassroots committees, and cells directly under a level
    above the grassroots (chi bộ cơ sở).
    """
    n = 0
    for o in node.walk():
        if o.level.grassroots:
            n += 1
        elif o.level is not OrgLevel.PARTIAL:
            n += len(o.cells)
    return n


def organization_counts(
    dataset: Dataset, on: date, *, organization: str | None = None
) -> tuple[OrgCounts, ...]:
    """Count the grassroots organisations, cells and members of each organisation on *on*.

    Every organisation at or below *organization* (default: the root) that
    existed on *on*, in the tree as it stood that day
    (:meth:`~dangvien.model.org.Organization.structure_on`: no district after
    30 June 2025, merged communes holding their predecessors' cells).
    Counts from the listed tree win; an organisation with no cell listed
    below it takes its stated counts (the latest
    :class:`~dangvien.model.org.OrgStatistics` dated on or before *on*).
    Members come from the register when there is one, else from the stated
    counts.

    Raises:
        KeyError: for an organisation id not in the tree on *on*.

    """
    view = dataset.organization.structure_on(on)
    top = view if organization is None else view.find(organization)
    if top is None:
        text = Text("error.quotas.unknown_organization", {"organization": organization})
        raise UnknownIdError.from_text(text)
    members = members_by_cell(dataset, on) if dataset.records else None
    out: list[OrgCounts] = []
    for node in top.walk():
        unit = view.unit_of(node.id)
        assert unit is not None
        stated = _stated(node, on)
        cells = node.all_cells()
        if cells:
            grassroots: int | None = _grassroots(node)
            n_cells: int | None = len(cells)
            structure = CountSource.LISTED
        elif stated is not None and (stated.cells is not None or stated.grassroots is not None):
            grassroots, n_cells, structure = stated.grassroots, stated.cells, CountSource.STATED
        else:
            grassroots, n_cells, structure = None, None, CountSource.NONE
        if members is not None and cells:
            n_members: int | None = sum(members[c.id] for c in cells)
            msource = CountSource.LISTED
        elif stated is not None and stated.members is not None:
            n_members, msource = stated.members, CountSource.STATED
        else:
            n_members, msource = None, CountSource.NONE
        out.append(
            OrgCounts(
                unit=unit,
                on=on,
                grassroots=grassroots,
                cells=n_cells,
                members=n_members,
                structure_source=structure,
                members_source=msource,
            )
        )
    return tuple(out)
