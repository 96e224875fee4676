"""How many people stand at each stage of the pipeline, per cell (nguồn kết nạp theo chi bộ).

Each person's stage on a date comes from :meth:`Record.stage_at`, their
cell from :meth:`Record.cell_at`.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import ClassVar

import attrs

from dangvien.model.org import Organization
from dangvien.model.register import Dataset
from dangvien.model.stages import Stage
from dangvien.rules.eligibility import CANDIDATE_STAGES

__all__ = [
    "CANDIDATE_STAGES",
    "PIPELINE_STAGES",
    "CellPipeline",
    "official_members",
    "stage_counts",
]

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


@attrs.frozen(kw_only=True)
class CellPipeline:
    """People per stage in one cell on one day (nguồn kết nạp của chi bộ).

    Attributes:
        cell: the cell's id; None for people with no known cell.
        name: the cell's name.
        on: the day.
        counts: people per stage, for :data:`PIPELINE_STAGES` (zeros kept).

    """

    __json__: ClassVar[tuple[str, ...]] = ("candidates",)

    cell: str | None
    name: str
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
        CellPipeline(cell=c.id, name=c.name, on=on,
                     counts=tuple((s, counts[c.id][s]) for s in PIPELINE_STAGES))
        for c in cells
    ]  # fmt: skip
    if None in counts and counts[None].total():
        rows.append(
            CellPipeline(cell=None, name="(không rõ chi bộ)", on=on,
                         counts=tuple((s, counts[None][s]) for s in PIPELINE_STAGES))
        )  # fmt: skip
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
