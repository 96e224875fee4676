"""Results as values, each stating the one date it describes (kết quả).

The functions of :mod:`dangvien.rules` return plain lists; the commands wrap
them in these envelopes, which carry the as-of date and where it came from,
so every output (text, JSON, files) says which day it describes.  All of
them are written to JSON by :mod:`dangvien.output` and described by the
shipped schemas (:mod:`dangvien.schema`).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import attrs

from dangvien.documents import Citation, Confidence
from dangvien.findings import Finding
from dangvien.model.org import CellKind, MassOrganization, OrgLevel
from dangvien.model.plan import Plan
from dangvien.model.register import Dataset
from dangvien.model.stages import Stage
from dangvien.rules import REGISTRY, AsOf, DueItem, Evaluation, Rule, resolve_as_of

__all__ = [
    "CellSummary",
    "CheckResult",
    "DueResult",
    "ExplainResult",
    "OrgSummary",
    "PlanSummary",
    "RuleInfo",
    "StageCount",
    "Summary",
    "TargetRow",
    "rule_catalogue",
    "summarize",
]


@attrs.frozen
class CheckResult:
    """What ``dangvien check`` found (kết quả kiểm tra).

    Attributes:
        as_of: the date the dataset was judged as known on.
        findings: the findings, by subject then date.
    """

    __json__: ClassVar[tuple[str, ...]] = ("violations",)

    as_of: AsOf
    findings: tuple[Finding, ...]

    @property
    def violations(self) -> int:
        """How many findings are violations."""
        return sum(f.severity.value == "violation" for f in self.findings)


@attrs.frozen
class ExplainResult:
    """Every rule's verdict on one person (giải thích).

    Attributes:
        as_of: the date judged.
        person: the person's id.
        name: their name.
        evaluations: pass, fail, not applicable or pending, rule by rule.
    """

    as_of: AsOf
    person: str
    name: str
    evaluations: tuple[Evaluation, ...]


@attrs.frozen
class DueResult:
    """Acts falling due in a window, and those overdue (việc đến hạn).

    Attributes:
        as_of: the date "overdue" is judged on.
        start: the window's first day.
        end: the window's last day.
        items: the acts, by due date.
    """

    __json__: ClassVar[tuple[str, ...]] = ("overdue",)

    as_of: AsOf
    start: date
    end: date
    items: tuple[DueItem, ...]

    @property
    def overdue(self) -> int:
        """How many acts are overdue."""
        return sum(i.overdue for i in self.items)


@attrs.frozen
class RuleInfo:
    """A rule's catalogue entry (mục danh mục quy tắc).

    Attributes:
        id: the rule id.
        topic: its topic.
        scope: what it judges (person, cell, plan).
        title_vi: Vietnamese title.
        title_en: English title.
        citations: the provisions it rests on, across regimes.
        start: first day it applies to acts (None: any date).
        end: first day it no longer applies, if any.
        confidence: the weakest grade of its basis.
        parameter: the dated parameter it reads, if any.
    """

    id: str
    topic: str
    scope: str
    title_vi: str
    title_en: str
    citations: tuple[Citation, ...]
    start: date | None
    end: date | None
    confidence: Confidence
    parameter: str | None

    @classmethod
    def of(cls, r: Rule) -> RuleInfo:
        """The entry of rule *r*."""
        return cls(
            id=r.id,
            topic=r.topic,
            scope=r.scope.value,
            title_vi=r.title_vi,
            title_en=r.title_en,
            citations=r.citations,
            start=None if r.start == date.min else r.start,
            end=r.end,
            confidence=r.confidence,
            parameter=None if r.key is None else r.key.name,
        )


def rule_catalogue() -> tuple[RuleInfo, ...]:
    """Every registered rule's entry, in registry order."""
    return tuple(RuleInfo.of(r) for r in REGISTRY.values())


@attrs.frozen
class StageCount:
    """How many people hold a stage."""

    stage: Stage
    count: int


@attrs.frozen
class TargetRow:
    """One plan row for a cell: its annual target, for every year or one year."""

    plan: str
    annual: int
    year: int | None


@attrs.frozen
class OrgSummary:
    """One organisation of the tree (tổ chức).

    Attributes:
        id: its id.
        name: its name.
        level: its level.
        depth: 0 for the root, 1 below it, …
        parent: the id of the organisation above it, if any.
    """

    id: str
    name: str
    level: OrgLevel
    depth: int
    parent: str | None


@attrs.frozen
class CellSummary:
    """A cell with its targets and people per stage (chi bộ).

    Attributes:
        id: its id.
        name: its name.
        kind: its kind.
        aliases: other names printed for it.
        organization: the id of the organisation it belongs to.
        targets: the plans' rows for it.
        stages: people per stage on the as-of date (stages held only).
    """

    id: str
    name: str
    kind: CellKind
    aliases: tuple[str, ...]
    organization: str
    targets: tuple[TargetRow, ...]
    stages: tuple[StageCount, ...]

    def count(self, stage: Stage) -> int:
        """How many people hold *stage*."""
        return next((s.count for s in self.stages if s.stage is stage), 0)


@attrs.frozen
class PlanSummary:
    """A plan as printed, with the sums dangvien computes beside its own totals."""

    __json__: ClassVar[tuple[str, ...]] = ("admission_target_sum", "introduction_target_sum")

    plan: Plan

    @property
    def admission_target_sum(self) -> int:
        """The sum of the per-cell rows (rows for every year)."""
        return self.plan.admission_sum()

    @property
    def introduction_target_sum(self) -> int:
        """The sum of the introduction quotas (rows for every year)."""
        return self.plan.introduction_sum()


@attrs.frozen
class Summary:
    """What ``dangvien show`` prints: organisation, plans, people per stage per cell.

    Attributes:
        as_of: the date the people are counted on.
        name: the organisation's name (the commune's when there is one).
        organizations: the tree, root first.
        cells: every cell with its targets and stages.
        mass_organizations: the mass organisations.
        plans: the plans.
        people: how many people the register holds.
        people_without_cell: people per stage whose cell is not in the tree.
    """

    as_of: AsOf
    name: str
    organizations: tuple[OrgSummary, ...]
    cells: tuple[CellSummary, ...]
    mass_organizations: tuple[MassOrganization, ...]
    plans: tuple[PlanSummary, ...]
    people: int
    people_without_cell: tuple[StageCount, ...]


def _stages(counts: dict[Stage, int]) -> tuple[StageCount, ...]:
    return tuple(StageCount(s, counts[s]) for s in Stage if counts.get(s))


def summarize(dataset: Dataset, as_of: date | None = None) -> Summary:
    """Summarise *dataset* as known on the as-of date (:func:`~dangvien.rules.resolve_as_of`)."""
    when = resolve_as_of(dataset, as_of)
    view = dataset.known_on(when.date)
    org = view.organization
    per_cell: dict[str, dict[Stage, int]] = {c.id: {} for c in org.all_cells()}
    no_cell: dict[Stage, int] = {}
    for record in view.records:
        stage = record.stage_at(when.date)
        cell = record.cell_at(when.date)
        bucket = per_cell.get(cell, no_cell) if cell is not None else no_cell
        bucket[stage] = bucket.get(stage, 0) + 1
    targets: dict[str, list[TargetRow]] = {c.id: [] for c in org.all_cells()}
    for plan in view.plans:
        for row in plan.admission_targets:
            found = org.cell(row.unit)
            if found is not None:
                targets[found.id].append(TargetRow(plan.id, row.target.low, row.year))
    trees: list[OrgSummary] = []

    def visit(node: object, depth: int, parent: str | None) -> None:
        from dangvien.model.org import Organization

        assert isinstance(node, Organization)
        trees.append(OrgSummary(node.id, node.name, node.level, depth, parent))
        for child in node.children:
            visit(child, depth + 1, node.id)

    visit(org, 0, None)
    cells = tuple(
        CellSummary(
            id=c.id,
            name=c.name,
            kind=c.kind,
            aliases=c.aliases,
            organization=parent.id,
            targets=tuple(targets[c.id]),
            stages=_stages(per_cell[c.id]),
        )
        for parent, c in org.iter_cells()
    )
    communes = [o for o in org.walk() if o.cells]
    name = communes[0].name if len(communes) == 1 else org.name
    return Summary(
        as_of=when,
        name=name,
        organizations=tuple(trees),
        cells=cells,
        mass_organizations=org.all_mass_organizations(),
        plans=tuple(PlanSummary(p) for p in view.plans),
        people=len(view.records),
        people_without_cell=_stages(no_cell),
    )
