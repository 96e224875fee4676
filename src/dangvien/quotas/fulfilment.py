"""Plan fulfilment: admissions and introductions counted against targets (kết quả thực hiện).

Counting (đếm kết nạp):

- An admission is an :class:`~dangvien.model.events.AdmissionDecision`
  (quyết định kết nạp); a re-admission counts like a first admission.  By
  default it counts in the year of the decision's date, the day party age
  starts; :attr:`CountBy.CEREMONY` counts it in the year of the admission
  ceremony (lễ kết nạp) instead, and an admission whose ceremony is not held
  yet is then not counted.
- It counts for the cell that proposed it: the cell managing the person on
  the counted day (:meth:`~dangvien.model.register.Record.cell_at`, i.e. the
  approved cell resolution's cell for a decision, the ceremony's own cell for
  a ceremony).
- With an *as_of* date only events dated on or before it are counted.
- An introduction is an :class:`~dangvien.model.events.Introduced` event,
  counted for the mass organisation it names (by id, name or alias) in the
  year of its date.

Percentages (tỷ lệ đạt) are exact :class:`fractions.Fraction` values,
``100 * achieved / target``.  A target of 0 (or no target row) gives None,
shown as "không giao chỉ tiêu".  For display only they are rounded
(:func:`round_decimal`) as a :class:`PercentStyle` says: 0, 1 or 2 decimals,
half up, half to even or truncated; the default (:data:`DEFAULT_STYLE`) is
one decimal, half up.  They are printed with a decimal comma in Vietnamese
(``33,3%``) and a point in English (``33.3%``) by :func:`format_percent`, the
one function every output uses; the exact value is kept in every object and
in the JSON (``percent_exact``).

>>> f = Fulfilment(target=3, achieved=1)
>>> f.percent
Fraction(100, 3)
>>> f.display(), f.display("en")
('33,3%', '33.3%')
>>> Fulfilment(target=0, achieved=2).display()
'không giao chỉ tiêu'
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction
from typing import ClassVar

import attrs

from dangvien.findings import Language
from dangvien.messages import Text, render
from dangvien.model import events as ev
from dangvien.model.org import Organization
from dangvien.model.plan import CountBy, Plan, Rounding
from dangvien.model.register import Dataset
from dangvien.quotas.targets import (
    expand_introduction_targets,
    expand_targets,
    plan_organization,
    plan_years,
)

__all__ = [
    "DEFAULT_STYLE",
    "Admission",
    "CellFulfilment",
    "CountBy",
    "Fulfilment",
    "IntroductionFulfilment",
    "OrgFulfilment",
    "Percent",
    "PercentStyle",
    "Rounding",
    "admission_counts",
    "admissions",
    "cumulative_fulfilment",
    "format_decimal",
    "format_percent",
    "fulfilment_by_cell",
    "introduction_counts",
    "introduction_fulfilment",
    "percent",
    "roll_up",
    "round_decimal",
    "round_half_up",
]


def percent(achieved: int | Fraction, target: int | None) -> Fraction | None:
    """Return ``100 * achieved / target`` exactly; None for a target of 0 or None.

    >>> percent(1, 2), percent(3, 0)
    (Fraction(50, 1), None)
    """
    if not target:
        return None
    return Fraction(achieved) * 100 / target


def round_half_up(value: Fraction, places: int = 1) -> Fraction:
    """Round *value* half up (towards +∞ on a tie) to *places* decimals, exactly.

    >>> round_half_up(Fraction(200, 3)), round_half_up(Fraction(1, 20))
    (Fraction(667, 10), Fraction(1, 10))
    """
    scale = 10**places
    return Fraction(math.floor(value * scale + Fraction(1, 2)), scale)


def round_decimal(
    value: Fraction, places: int = 1, rounding: Rounding = Rounding.HALF_UP
) -> Fraction:
    """Round *value* to *places* decimals, exactly, as *rounding* says.

    >>> x = Fraction(45094, 1000)  # 45,094
    >>> [str(round_decimal(x, 2, r)) for r in Rounding]
    ['4509/100', '4509/100', '4509/100']
    >>> y = Fraction(45095, 1000)  # 45,095: a tie at two decimals
    >>> [float(round_decimal(y, 2, r)) for r in Rounding]
    [45.1, 45.1, 45.09]
    >>> float(round_decimal(Fraction(1, 4), 1, Rounding.HALF_EVEN))
    0.2
    """
    if places < 0:
        msg = f"places phải ≥ 0 / places must be ≥ 0, got {places}"
        raise ValueError(msg)
    if rounding is Rounding.HALF_UP:
        return round_half_up(value, places)
    scale = 10**places
    if rounding is Rounding.HALF_EVEN:
        return Fraction(round(value * scale), scale)
    return Fraction(math.trunc(value * scale), scale)


def format_decimal(
    value: Fraction,
    lang: Language = "vi",
    places: int = 1,
    rounding: Rounding = Rounding.HALF_UP,
) -> str:
    """Format a number rounded to *places* decimals, with a decimal comma in Vietnamese.

    >>> format_decimal(Fraction(17, 2)), format_decimal(Fraction(17, 2), "en", places=2)
    ('8,5', '8.50')
    >>> format_decimal(Fraction(-1, 3), places=2)
    '-0,33'
    """
    scaled = round_decimal(value, places, rounding) * 10**places
    sign = "-" if scaled < 0 else ""
    whole, frac = divmod(abs(int(scaled)), 10**places)
    if not places:
        return f"{sign}{whole}"
    return f"{sign}{whole}{render('quotas.decimal_point', lang)}{frac:0{places}d}"


def format_percent(
    value: Fraction | None,
    lang: Language = "vi",
    places: int = 1,
    rounding: Rounding = Rounding.HALF_UP,
) -> str:
    """Format a percentage as a report prints it; None reads "không giao chỉ tiêu".

    The one function every output formats a percentage with: *places*
    decimals (0, 1 or 2), rounded half up by default, half to even or
    truncated; a decimal comma in Vietnamese.

    >>> format_percent(Fraction(250, 3)), format_percent(Fraction(250, 3), "en")
    ('83,3%', '83.3%')
    >>> format_percent(Fraction(45095, 1000), places=2, rounding=Rounding.TRUNCATE)
    '45,09%'
    """
    if value is None:
        return render("quotas.no_target", lang)
    return render("quotas.percent", lang, value=format_decimal(value, lang, places, rounding))


@attrs.frozen
class PercentStyle:
    """How a report prints its percentages (cách ghi tỷ lệ): decimals and rounding.

    Chosen per report; :data:`DEFAULT_STYLE` is one decimal, rounded half up.

    >>> PercentStyle(2, Rounding.TRUNCATE).format(Fraction(45095, 1000))
    '45,09%'

    Attributes:
        places: decimals shown: 0, 1 or 2.
        rounding: half up, half to even, or truncated.

    """

    places: int = attrs.field(default=1)
    rounding: Rounding = Rounding.HALF_UP

    @places.validator
    def _check_places(self, _a: attrs.Attribute[int], value: int) -> None:
        if value not in (0, 1, 2):
            msg = f"số chữ số thập phân phải là 0, 1 hoặc 2 / places must be 0, 1 or 2, got {value}"
            raise ValueError(msg)

    def round(self, value: Fraction) -> Fraction:
        """Round *value* as this style prints it (exactly)."""
        return round_decimal(value, self.places, self.rounding)

    def format(self, value: Fraction | None, lang: Language = "vi") -> str:
        """Format a percentage in this style (:func:`format_percent`)."""
        return format_percent(value, lang, self.places, self.rounding)

    def number(self, value: Fraction, lang: Language = "vi") -> str:
        """Format a plain number in this style (:func:`format_decimal`)."""
        return format_decimal(value, lang, self.places, self.rounding)

    def of(self, value: Fraction) -> Percent:
        """Return *value* as a message fact printed in this style."""
        return Percent(value, self.places, self.rounding)

    @property
    def text(self) -> Text:
        """The legend of a table, as a catalogue text (``quotas.style.*``)."""
        key = "quotas.style.one" if self.places == 1 else "quotas.style.many"
        return Text(key, {"rounding": self.rounding, "places": self.places})

    @property
    def label_vi(self) -> str:
        """The legend of a table: ``làm tròn nửa lên đến 1 chữ số thập phân``."""
        return self.text.vi

    @property
    def label_en(self) -> str:
        """The legend in English: ``rounded half up to 1 decimal``."""
        return self.text.en


#: One decimal, rounded half up: what dangvien prints unless a report asks otherwise.
DEFAULT_STYLE = PercentStyle()


@attrs.frozen
class Percent:
    """A percentage as a fact of a message: the exact value and how to print it.

    >>> p = Percent(Fraction(7438, 100), places=2)
    >>> p.label_vi, p.label_en
    ('74,38%', '74.38%')

    Attributes:
        value: the exact percentage.
        places: decimals shown.
        rounding: how it is rounded for display.

    """

    value: Fraction
    places: int = 1
    rounding: Rounding = Rounding.HALF_UP

    @property
    def label_vi(self) -> str:
        """The percentage with a decimal comma."""
        return format_percent(self.value, "vi", self.places, self.rounding)

    @property
    def label_en(self) -> str:
        """The percentage with a decimal point."""
        return format_percent(self.value, "en", self.places, self.rounding)


@attrs.frozen(kw_only=True)
class Fulfilment:
    """Achievement against a target (kết quả thực hiện chỉ tiêu).

    Attributes:
        target: the target; None when no target was set (no row).
        achieved: what was achieved (admissions, introductions).

    """

    __json__: ClassVar[tuple[str, ...]] = ("percent", "met", "shortfall")

    target: int | None
    achieved: int

    @property
    def percent(self) -> Fraction | None:
        """Exact ``100 * achieved / target``; None without a positive target."""
        return percent(self.achieved, self.target)

    @property
    def ratio(self) -> Fraction | None:
        """Exact ``achieved / target``; None without a positive target."""
        return None if not self.target else Fraction(self.achieved, self.target)

    @property
    def met(self) -> bool | None:
        """Whether the target was reached; None without a positive target."""
        return None if not self.target else self.achieved >= self.target

    @property
    def shortfall(self) -> int:
        """How many are missing to reach the target (0 when met or no target)."""
        return max(0, (self.target or 0) - self.achieved)

    def display(self, lang: Language = "vi", style: PercentStyle | None = None) -> str:
        """The percentage in *style* (default one decimal, half up), or "không giao chỉ tiêu"."""
        return (style or DEFAULT_STYLE).format(self.percent, lang)


@attrs.frozen(kw_only=True)
class CellFulfilment(Fulfilment):
    """A cell's admissions against its target over a span of years (kết quả của chi bộ).

    Attributes:
        cell: the cell's id; None for a target row naming no known cell.
        name: the cell's canonical name (the printed text when unresolved).
        printed: the name the plan printed, if the plan has a row for it.
        first_year: first year counted.
        last_year: last year counted (equal to ``first_year`` for one year).

    """

    cell: str | None
    name: str
    printed: str | None = None
    first_year: int
    last_year: int

    @property
    def admitted(self) -> int:
        """Admissions counted (the same as ``achieved``)."""
        return self.achieved


@attrs.frozen(kw_only=True)
class OrgFulfilment(Fulfilment):
    """An organisation's totals, summed over the cells below it (tổng hợp theo cấp).

    Attributes:
        organization: the organisation's id.
        name: its name.
        level: its level (``tỉnh``, ``huyện``, ``xã``).
        depth: 0 for the root of the tree, 1 below it, …
        cells: how many cells are below it.

    """

    organization: str
    name: str
    level: str
    depth: int
    cells: int

    @property
    def admitted(self) -> int:
        """Admissions counted (the same as ``achieved``)."""
        return self.achieved


@attrs.frozen(kw_only=True)
class IntroductionFulfilment(Fulfilment):
    """A mass organisation's introductions against its quota (kết quả giới thiệu).

    Attributes:
        organization: the mass organisation's id; None when unresolved.
        name: its canonical name (the printed text when unresolved).
        printed: the name the plan printed, if any.
        year: the year.

    """

    organization: str | None
    name: str
    printed: str | None = None
    year: int

    @property
    def introduced(self) -> int:
        """Introductions counted (the same as ``achieved``)."""
        return self.achieved


@attrs.frozen
class Admission:
    """One admission as counted (một trường hợp kết nạp).

    Attributes:
        person: the person's id.
        cell: the cell it counts for; None when no cell is known.
        date: the counted date (decision or ceremony, per :class:`CountBy`).
        decision: the decision's date.
        ceremony: the ceremony's date, if held.

    """

    person: str
    cell: str | None
    date: dt.date
    decision: dt.date
    ceremony: dt.date | None = None

    @property
    def year(self) -> int:
        """The year it counts in."""
        return self.date.year


def admissions(
    dataset: Dataset, *, count_by: CountBy = CountBy.DECISION, as_of: date | None = None
) -> tuple[Admission, ...]:
    """List every admission in the register, dated per *count_by*, up to *as_of*.

    Each admission decision is one admission; with :attr:`CountBy.CEREMONY`
    it is dated by the first ceremony after it and left out while there is
    none.
    """
    out: list[Admission] = []
    for record in dataset.records:
        ceremonies = record.of_type(ev.AdmissionCeremony)
        decisions = record.of_type(ev.AdmissionDecision)
        for i, decision in enumerate(decisions):
            nxt = decisions[i + 1].date if i + 1 < len(decisions) else None
            after = (c for c in ceremonies if c.date >= decision.date)
            ceremony = next((c for c in after if nxt is None or c.date < nxt), None)
            if count_by is CountBy.DECISION:
                when, cell = decision.date, record.cell_at(decision.date)
            elif ceremony is not None:
                when, cell = ceremony.date, ceremony.cell
            else:
                continue
            if as_of is not None and when > as_of:
                continue
            out.append(
                Admission(
                    person=record.person.id,
                    cell=cell,
                    date=when,
                    decision=decision.date,
                    ceremony=None if ceremony is None else ceremony.date,
                )
            )
    return tuple(sorted(out, key=lambda a: (a.date, a.person)))


def admission_counts(
    items: Iterable[Admission], years: Iterable[int] | None = None
) -> Counter[tuple[str | None, int]]:
    """Count admissions per ``(cell id, year)``, optionally only in *years*."""
    wanted = None if years is None else set(years)
    return Counter((a.cell, a.year) for a in items if wanted is None or a.year in wanted)


def introduction_counts(
    dataset: Dataset, *, as_of: date | None = None
) -> Counter[tuple[str | None, int]]:
    """Count introductions per ``(mass organisation id, year)`` up to *as_of*.

    The organisation an event names is resolved by id, name or alias; an
    unknown one is counted under its text as written.
    """
    org = dataset.organization
    counts: Counter[tuple[str | None, int]] = Counter()
    for record in dataset.records:
        for e in record.of_type(ev.Introduced):
            if as_of is not None and e.date > as_of:
                continue
            mo = org.mass_organization(e.organization)
            counts[(e.organization if mo is None else mo.id, e.date.year)] += 1
    return counts


def _scope(dataset: Dataset, year: int, plan: Plan | None) -> tuple[Organization, list[Plan]]:
    """Return the organisation to tabulate and the plans whose targets apply."""
    if plan is not None:
        return plan_organization(dataset, plan), [plan]
    chosen: dict[str, Plan] = {}
    for p in dataset.plans:
        if p.period.covers(year):
            best = chosen.get(p.organization)
            if best is None or p.date > best.date:
                chosen[p.organization] = p
    return dataset.organization, list(chosen.values())


def fulfilment_by_cell(
    dataset: Dataset,
    year: int,
    *,
    plan: Plan | None = None,
    count_by: CountBy = CountBy.DECISION,
    as_of: date | None = None,
    items: Iterable[Admission] | None = None,
) -> tuple[CellFulfilment, ...]:
    """Tabulate each cell's admissions in *year* against its target.

    Args:
        dataset: the dataset.
        year: the year.
        plan: the plan whose targets apply; its organisation's cells are
            listed.  Without it, every cell of the tree is listed with the
            target of the latest plan covering *year* for its organisation.
        count_by: which date places an admission in a year.
        as_of: count only events on or before this date.
        items: precomputed :func:`admissions` (for speed), else computed.

    Returns:
        One row per cell in tree order (target None when the plan has no row
        for it), then one row per target naming no known cell.

    """
    org, plans = _scope(dataset, year, plan)
    found = admissions(dataset, count_by=count_by, as_of=as_of) if items is None else items
    counts = admission_counts(found, [year])
    rows: list[CellFulfilment] = []
    targets: dict[str, tuple[int, str]] = {}
    unresolved: list[CellFulfilment] = []
    for p in plans:
        for t in expand_targets(p, plan_organization(dataset, p), years=[year]):
            if t.cell is None:
                unresolved.append(
                    CellFulfilment(cell=None, name=t.name, printed=t.printed, first_year=year,
                                   last_year=year, target=t.target, achieved=0)
                )  # fmt: skip
            else:
                targets[t.cell] = (t.target, t.printed)
    for cell in org.all_cells():
        target, printed = targets.get(cell.id, (None, None))
        rows.append(
            CellFulfilment(cell=cell.id, name=cell.name, printed=printed, first_year=year,
                           last_year=year, target=target, achieved=counts[(cell.id, year)])
        )  # fmt: skip
    return (*rows, *unresolved)


def cumulative_fulfilment(
    dataset: Dataset,
    plan: Plan,
    through: int,
    *,
    count_by: CountBy = CountBy.DECISION,
    as_of: date | None = None,
    items: Iterable[Admission] | None = None,
) -> tuple[CellFulfilment, ...]:
    """Sum each cell's targets and admissions over the plan's years up to *through*.

    An open-ended plan continues up to *through*; a closed one stops at its
    last year.  A cell's cumulative target is None when it had no target in
    any of those years.
    """
    years = [y for y in plan_years(plan, through) if y <= through]
    if not years:
        return ()
    found = tuple(admissions(dataset, count_by=count_by, as_of=as_of) if items is None else items)
    groups: dict[str, list[CellFulfilment]] = {}
    for y in years:
        for row in fulfilment_by_cell(dataset, y, plan=plan, as_of=as_of, items=found):
            key = row.cell if row.cell is not None else "?" + (row.printed or row.name)
            groups.setdefault(key, []).append(row)
    out: list[CellFulfilment] = []
    for rows in groups.values():
        set_targets = [r.target for r in rows if r.target is not None]
        printed = next((r.printed for r in rows if r.printed is not None), None)
        out.append(
            attrs.evolve(
                rows[0],
                printed=printed,
                first_year=years[0],
                last_year=years[-1],
                target=sum(set_targets) if set_targets else None,
                achieved=sum(r.achieved for r in rows),
            )
        )
    return tuple(out)


def roll_up(
    rows: Iterable[CellFulfilment], organization: Organization
) -> tuple[OrgFulfilment, ...]:
    """Sum cell rows up the organisation tree (tổng hợp: xã, huyện, tỉnh).

    Every organisation node at or below *organization* gets the sum of the
    rows of the cells below it, in tree order.  Its target is None when no
    cell below it has one.  Rows of cells outside the tree (or unresolved)
    are left out.

    >>> from dangvien.model.org import Cell, OrgLevel
    >>> commune = Organization("x", "Xã X", OrgLevel.COMMUNE,
    ...                        cells=(Cell("a", "A"), Cell("b", "B")))
    >>> rows = [CellFulfilment(cell="a", name="A", first_year=2024, last_year=2024,
    ...                        target=2, achieved=1),
    ...         CellFulfilment(cell="b", name="B", first_year=2024, last_year=2024,
    ...                        target=None, achieved=1)]
    >>> total = roll_up(rows, commune)[0]
    >>> (total.target, total.achieved, total.display())
    (2, 2, '100,0%')
    """
    by_cell: dict[str, CellFulfilment] = {r.cell: r for r in rows if r.cell is not None}
    out: list[OrgFulfilment] = []

    def visit(node: Organization, depth: int) -> None:
        below = [by_cell[c.id] for _, c in node.iter_cells() if c.id in by_cell]
        targets = [r.target for r in below if r.target is not None]
        out.append(
            OrgFulfilment(
                organization=node.id,
                name=node.name,
                level=node.level.value,
                depth=depth,
                cells=len(below),
                target=sum(targets) if targets else None,
                achieved=sum(r.achieved for r in below),
            )
        )
        for child in node.children:
            visit(child, depth + 1)

    visit(organization, 0)
    return tuple(out)


def introduction_fulfilment(
    dataset: Dataset,
    year: int,
    *,
    plan: Plan | None = None,
    as_of: date | None = None,
    counts: Mapping[tuple[str | None, int], int] | None = None,
) -> tuple[IntroductionFulfilment, ...]:
    """Tabulate each mass organisation's introductions in *year* against its quota.

    Rows: every mass organisation of the plan's organisation (of the whole
    tree without a plan), in tree order, with its quota (None when the plan
    sets none); then quotas naming no known organisation; then organisations
    named by introductions but unknown to the tree.
    """
    org, plans = _scope(dataset, year, plan)
    found = introduction_counts(dataset, as_of=as_of) if counts is None else counts
    quotas: dict[str, tuple[int, str]] = {}
    unresolved: list[IntroductionFulfilment] = []
    for p in plans:
        for q in expand_introduction_targets(p, plan_organization(dataset, p), years=[year]):
            if q.organization is None:
                unresolved.append(
                    IntroductionFulfilment(organization=None, name=q.name, printed=q.printed,
                                           year=year, target=q.target, achieved=0)
                )  # fmt: skip
            else:
                quotas[q.organization] = (q.target, q.printed)
    rows: list[IntroductionFulfilment] = []
    known: set[str] = set()
    for mo in org.all_mass_organizations():
        known.add(mo.id)
        target, printed = quotas.get(mo.id, (None, None))
        rows.append(
            IntroductionFulfilment(organization=mo.id, name=mo.name, printed=printed, year=year,
                                   target=target, achieved=found.get((mo.id, year), 0))
        )  # fmt: skip
    all_known = {m.id for m in dataset.organization.all_mass_organizations()}
    strangers = sorted(k for (k, y) in found if y == year and k is not None and k not in all_known)
    extra = [
        IntroductionFulfilment(organization=None, name=k, year=year, target=None,
                               achieved=found[(k, year)])
        for k in strangers
    ]  # fmt: skip
    return (*rows, *unresolved, *extra)
