"""Which cells admit, and how often: the profile's quiet and favoured cells, the plan's targets."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from dangvien.model.org import CellKind, Organization
from dangvien.model.plan import Plan
from dangvien.synthetic._errors import refused
from dangvien.synthetic._profile import HistoryProfile
from dangvien.synthetic._state import CellState

# A hamlet cell admits twice as often as a school, four times as often as the others.
_KIND_WEIGHT: Mapping[CellKind, float] = {CellKind.HAMLET: 1.0, CellKind.SCHOOL: 0.5}
_OTHER_WEIGHT = 0.25


class CellWeights:
    """The weight of each cell in the draw of the cell admitting, by year."""

    def __init__(
        self,
        root: Organization,
        commune: Organization,
        cells: Sequence[CellState],
        profile: HistoryProfile,
        plans: Sequence[Plan],
    ) -> None:
        self.commune = commune
        self.cells = cells
        self.ids = {s.cell.id for s in cells}
        self.profile = profile
        self.quiet = {self._resolve(root, n) for n in profile.quiet_cells}
        self.favoured = {self._resolve(root, n) for n in profile.favoured_cells}
        self.targets = self._targets(root, plans)
        self._cache: dict[int, list[tuple[CellState, float]]] = {}

    def _resolve(self, root: Organization, name: str) -> str:
        cell = root.cell(name)
        if cell is None or cell.id not in self.ids:
            raise refused("no_cell", name=name, commune=self.commune.name)
        return cell.id

    def _targets(self, root: Organization, plans: Sequence[Plan]) -> dict[str, int] | None:
        """Per-cell targets of the first plan of the commune that has them."""
        for plan in plans:
            if plan.organization != self.commune.id or not plan.admission_targets:
                continue
            out: dict[str, int] = {}
            for t in plan.admission_targets:
                cell = root.cell(t.unit)
                if cell is not None and cell.id in self.ids and t.year is None:
                    out[cell.id] = out.get(cell.id, 0) + t.target.low
            return out
        return None

    def of_year(self, year: int) -> list[tuple[CellState, float]]:
        """The cells that may admit in *year*, with their weights."""
        cached = self._cache.get(year)
        if cached is not None:
            return cached
        out: list[tuple[CellState, float]] = []
        for cell in self.cells:
            cid, kind = cell.cell.id, cell.cell.kind
            if kind in self.profile.closed_kinds:
                continue
            if year < self.profile.plan_year:
                if cid in self.quiet:
                    continue
                w = _KIND_WEIGHT.get(kind, _OTHER_WEIGHT)
                if cid in self.favoured:
                    w *= 3
            elif self.targets is not None:
                w = float(self.targets.get(cid, 0))
            else:
                w = _KIND_WEIGHT.get(kind, _OTHER_WEIGHT)
            if w > 0:
                out.append((cell, w))
        self._cache[year] = out
        return out

    def pick(self, rng: random.Random, year: int, *, hamlet_only: bool = False) -> CellState | None:
        """Draw the cell of an admission in *year* (None when no cell may admit)."""
        weights = [
            (c, w)
            for c, w in self.of_year(year)
            if not hamlet_only or c.cell.kind is CellKind.HAMLET
        ]
        if not weights:
            return None
        return rng.choices([c for c, _ in weights], [w for _, w in weights])[0]
