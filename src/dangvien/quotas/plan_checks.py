"""Plan checks: a plan compared with itself, the organisation, the law and the register.

Every plan check is a rule of the one registry (:data:`dangvien.rules.REGISTRY`),
with scope ``plan`` and topic ``plan``: ``dangvien rules`` lists them,
``check --only PLAN-HEADLINE-SUM`` runs one, and they return the same
:class:`~dangvien.findings.Finding` values as the legal rules.  A plan is a
committee's document, not an act a regulation judges, so no plan check is a
``violation`` and most cite nothing; the checks of a plan's legal bases cite
the real document (provision ``ngày ký`` for a wrong date, ``hiệu lực`` for one
not in force).  They apply to plans of any date.

- ``warning``: the plan contradicts itself (a headline range against the sum
  of its table, a printed total against its rows, fewer introductions than
  admissions), names a unit or organisation that does not exist, leaves a
  unit without a target, cites a regulation with a wrong date or one no
  longer in force, plans less than the plan above allocates it, publishes
  figures that do not compute, or the register shows cells stagnating or a
  pipeline too thin for the year's target.
- ``info``: what cannot be verified or is worth knowing: a blank document
  number, a local document the register does not know (``07-ĐA/HU``),
  stagnant cells the plan's own account does not name, a unit planning more
  than it is allocated.

A plan's rows may name any unit below its organisation (districts, blocs,
communes, grassroots committees, cells); the checks speak of "chi bộ" only
for cells.  Checks that need the register (stagnant cells, the pipeline) say
nothing when the dataset has no register, nor for a plan whose table does
not address cells.

>>> from dangvien.model.org import Cell, Organization, OrgLevel
>>> from dangvien.model.plan import AdmissionTarget, LegalBasis, PlanPeriod, TargetRange
>>> from dangvien.model.register import Dataset
>>> from dangvien.rules import check
>>> org = Organization("x", "Đảng bộ xã X", OrgLevel.COMMUNE, cells=(Cell("a", "Văn Tràng"),))
>>> plan = Plan("kh", "-KH/ĐU", date(2023, 6, 8), "BTV", "x", "Kế hoạch",
...             PlanPeriod(2023, 2025, open_ended=True), headline=TargetRange(9, 11),
...             legal_bases=(LegalBasis("24-QĐ/TW", date(2022, 7, 30)),),
...             admission_targets=(AdmissionTarget("Văn Tràng", 21),))
>>> sorted(f.rule for f in check(Dataset(org, plans=(plan,)), as_of=date(2023, 6, 8),
...                              topics=["plan"]))
['PLAN-BASIS-DATE', 'PLAN-HEADLINE-SUM', 'PLAN-NUMBER-BLANK']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

import attrs

from dangvien._text import NameLookup
from dangvien.documents import (
    Citation,
    DocRefError,
    RefCheck,
    RefStatus,
    default_register,
    parse_ref,
)
from dangvien.findings import Severity
from dangvien.messages import Bilingual, Text
from dangvien.model.org import Organization, Unit
from dangvien.model.plan import CountBy, Plan, TargetRange
from dangvien.model.register import Dataset
from dangvien.quotas.claims import ClaimCheck, ClaimKind, claim_checks, document_name
from dangvien.quotas.fulfilment import Admission, Percent, admissions
from dangvien.quotas.levels import plan_sums
from dangvien.quotas.targets import (
    expand_introduction_targets,
    expand_targets,
    expand_unit_targets,
    plan_organization,
    plan_total,
    plan_years,
    resolve_unit,
)
from dangvien.rules._base import Evaluation, Rule, Run, Scope, rule

__all__ = [
    "DEFAULT_STAGNANT_YEARS",
    "StagnantCell",
    "YearSpan",
    "stagnant_cells",
]

#: Consecutive years without an admission that make a cell stagnant
#: ("nhiều năm liền không kết nạp được đảng viên"); an analysis default, not
#: a legal number (``Context.stagnant_years`` overrides it).
DEFAULT_STAGNANT_YEARS = 3

_W, _I = Severity.WARNING, Severity.INFO


@attrs.frozen
class YearSpan:
    """Years shown compressed into ranges: ``2023–2025, 2027``.

    >>> YearSpan((2027, 2023, 2024, 2025)).label_en
    '2023–2025, 2027'
    """

    years: tuple[int, ...]

    @property
    def label_vi(self) -> str:
        """The years as ranges."""
        parts: list[str] = []
        ys = sorted(set(self.years))
        i = 0
        while i < len(ys):
            j = i
            while j + 1 < len(ys) and ys[j + 1] == ys[j] + 1:
                j += 1
            parts.append(str(ys[i]) if i == j else f"{ys[i]}–{ys[j]}")
            i = j + 1
        return ", ".join(parts)

    @property
    def label_en(self) -> str:
        """The same in English (numbers read alike)."""
        return self.label_vi


def _plan_rule(id: str) -> Callable[[Callable[[Run], Iterable[Evaluation | None]]], Rule]:
    """Register a plan check: scope and topic ``plan``, no citation, any date."""
    return rule(id, topic="plan", scope=Scope.PLAN, citations=(), start=date.min)


def _name(plan: Plan) -> Text:
    return Text("plan.name", {"number": plan.number, "date": plan.date})


def _org(run: Run) -> Organization:
    """The organisation the plan is for (the whole tree when unknown), merged communes included."""
    return run.ctx.memo(run.subject, "org", lambda: plan_organization(run.ctx.dataset, run.plan))


def _what(run: Run) -> Text:
    """How a message names the plan's rows: "chi bộ" when only cells lie directly below."""
    cells = all(u.is_cell for u in _direct_units(run))
    return Text("plan.what.cell" if cells else "plan.what.unit")


def _direct_units(run: Run) -> tuple[Unit, ...]:
    """The units directly below the plan's organisation as it stood on the plan's date.

    A merged commune holds its predecessors' cells; a province after 30 June
    2025 holds its communes.
    """
    org, plan, ctx = _org(run), run.plan, run.ctx

    def compute() -> tuple[Unit, ...]:
        tree = ctx.shared(
            f"structure:{plan.date.isoformat()}",
            lambda: ctx.dataset.organization.structure_on(plan.date),
        )
        view = tree.find(org.id) or org
        return tuple(u for u in view.units() if u.parent == view.id)

    return ctx.memo(run.subject, "direct_units", compute)


def _admissions(run: Run) -> tuple[Admission, ...]:
    """Every admission of the register, counted once per context."""
    ctx = run.ctx
    return ctx.shared(
        f"admissions:{ctx.count_by.value}",
        lambda: admissions(ctx.dataset, count_by=ctx.count_by, as_of=ctx.as_of),
    )


def _named_years(plan: Plan) -> tuple[int, ...]:
    """The plan's named years, extended to any year a row names."""
    row_years = [r.year for r in plan.admission_targets if r.year is not None]
    row_years += [r.year for r in plan.introduction_targets if r.year is not None]
    return plan_years(plan, until=max(row_years, default=None))


def _sums_by_year(plan: Plan, org: Organization) -> dict[int, tuple[TargetRange, int]]:
    """``{year: (admission sum, introduction sum)}`` over the plan's named years."""
    years = _named_years(plan)
    adm: dict[int, TargetRange] = {y: TargetRange(0, 0) for y in years}
    intro = Counter[int]()
    for t in expand_unit_targets(plan, org, years=years):
        adm[t.year] = adm[t.year] + t.bounds
    for q in expand_introduction_targets(plan, org, years=years):
        intro[q.year] += q.target
    return {y: (adm[y], intro[y]) for y in years}


def _shown(bounds: TargetRange) -> int | TargetRange:
    """A target as a message fact: the number when exact, else the range or bound."""
    return bounds.low if bounds.exact else bounds


def _rows_of(plan: Plan, org: Organization) -> Text:
    """Say "theo chi bộ" when every resolved row names a cell, else "theo đơn vị"."""
    units = [resolve_unit(org, r.unit).match for r in plan.admission_targets]
    cells = all(u is None or u.is_cell for u in units)
    return Text("plan.rows.cells" if cells else "plan.rows.units")


def _group(values: dict[int, int]) -> dict[int, list[int]]:
    """Group years by value: ``{value: [years]}``."""
    out: dict[int, list[int]] = {}
    for y, v in values.items():
        out.setdefault(v, []).append(y)
    return out


def _hint(found: NameLookup[Any]) -> Text | str:
    """What to say after a failed exact lookup: a suggestion, the look-alikes, or nothing."""
    if found.suggestion is not None:
        return Text("plan.hint.did_you_mean", {"name": found.suggestion.name})
    if len(found.candidates) > 1:
        return Text("plan.hint.diacritics", {"names": found.candidates})
    return ""


# --- the plan's own numbers ---------------------------------------------------------


@_plan_rule("PLAN-UNKNOWN-ORG")
def plan_unknown_org(run: Run) -> Iterator[Evaluation | None]:
    """The plan names the organisation it is for; it must be in the dataset.

    When it is not, cells are looked up in the whole organisation tree.
    """
    plan = run.plan
    if run.ctx.dataset.organization.find(plan.organization) is None:
        yield run.fail(
            "fail",
            on=plan.date,
            severity=_W,
            plan=_name(plan),
            organization=plan.organization,
            root=run.ctx.dataset.organization.name,
        )
        return
    yield run.ok("ok", organization=plan.organization)


@_plan_rule("PLAN-NUMBER-BLANK")
def plan_number_blank(run: Run) -> Iterator[Evaluation | None]:
    """A plan printed without its document number (``Số -KH/ĐU``) is noted (information)."""
    plan = run.plan
    try:
        blank = parse_ref(plan.number).number is None
    except DocRefError:
        blank = not plan.number.strip()
    if blank:
        yield run.fail("fail", on=plan.date, severity=_I, plan=_name(plan), printed=plan.number)
        return
    yield run.ok("ok", printed=plan.number)


@_plan_rule("PLAN-HEADLINE-SUM")
def plan_headline_sum(run: Run) -> Iterator[Evaluation | None]:
    """The per-unit targets of each year must sum to a number in the headline range (``09 – 11`` against 21).

    Ranges and lower bounds add up as ranges; the sum agrees with the
    headline when its low end reaches the headline's and some number
    satisfies both.
    """  # noqa: E501
    plan = run.plan
    head = plan.headline
    if head is None or not plan.admission_targets:
        yield run.na("none")
        return
    org = _org(run)
    sums = _sums_by_year(plan, org)
    groups: dict[TargetRange, list[int]] = {}
    for y, (a, _) in sums.items():
        groups.setdefault(a, []).append(y)
    for total, years in groups.items():
        span = YearSpan(tuple(years))
        if total.overlaps(head) and total.low + total.above >= head.low + head.above:
            yield run.ok("ok", total=_shown(total), low=head.low, high=head.high, years=span)
            continue
        yield run.fail(
            "fail",
            on=plan.date,
            severity=_W,
            plan=_name(plan),
            low=head.low,
            high=head.high,
            headline=head,
            total=_shown(total),
            rows_of=_rows_of(plan, org),
            years=span,
        )


@_plan_rule("PLAN-STATED-TOTAL")
def plan_stated_total(run: Run) -> Iterator[Evaluation | None]:
    """A total printed under a table must equal the sum of its printed rows.

    The plan's target and introduction tables, and the results table of
    each report under the plan (its admissions per unit).
    """
    plan = run.plan
    judged = False
    tables: list[tuple[Text, int | None, int]] = [
        (
            Text("plan.table.admission"),
            plan.stated_admission_total,
            sum(t.target.low for t in plan.admission_targets),
        ),
        (
            Text("plan.table.introduction"),
            plan.stated_introduction_total,
            sum(t.annual for t in plan.introduction_targets),
        ),
    ]
    for report in plan.reports:
        if report.date > run.ctx.as_of:
            continue
        printed = [r.admitted for r in report.results if r.unit is not None]
        if printed and all(a is not None for a in printed):
            total = sum(a for a in printed if a is not None)
            tables.append(
                (
                    Text("plan.table.results", {"report": document_name(plan, report)}),
                    report.stated_total,
                    total,
                )
            )
    for which, stated, rows in tables:
        if stated is None:
            continue
        judged = True
        if stated == rows:
            yield run.ok("ok", table=which, stated=stated)
            continue
        yield run.fail(
            "fail",
            on=plan.date,
            severity=_W,
            plan=_name(plan),
            table=which,
            stated=stated,
            rows=rows,
        )
    if not judged:
        yield run.na("none")


@_plan_rule("PLAN-INTRO-SHORT")
def plan_intro_short(run: Run) -> Iterator[Evaluation | None]:
    """The mass organisations must introduce at least as many people a year as the table admits (each admission needs a source)."""  # noqa: E501
    plan = run.plan
    if not plan.introduction_targets:
        yield run.na("none")
        return
    short: dict[tuple[int, int], list[int]] = {}
    for y, (bounds, intro) in _sums_by_year(plan, _org(run)).items():
        adm = bounds.low + (1 if bounds.above else 0)
        if intro < adm:
            short.setdefault((intro, adm), []).append(y)
    for (intro, adm), years in short.items():
        yield run.fail(
            "fail",
            on=plan.date,
            severity=_W,
            plan=_name(plan),
            introductions=intro,
            admissions=adm,
            missing=adm - intro,
            years=YearSpan(tuple(years)),
        )
    if not short:
        yield run.ok("ok")


# --- the tables against the organisation ----------------------------------------------


@_plan_rule("PLAN-UNKNOWN-CELL")
def plan_unknown_cell(run: Run) -> Iterator[Evaluation | None]:
    """Every unit the plan names must exist below its organisation: each row of the target table, each cell its text names as stagnant, and the units of its rate targets, its reports' tables and its published figures.

    A unit is a cell or an organisation (a district, a bloc, a commune, a
    grassroots committee).  Names match exactly after NFC, case and spaces,
    diacritics kept; a suggestion is given when only the diacritics differ.
    """  # noqa: E501
    plan, org = run.plan, _org(run)
    what = _what(run)
    bad = False
    for row in plan.admission_targets:
        found = resolve_unit(org, row.unit)
        if found.match is not None:
            continue
        bad = True
        yield run.fail(
            "row",
            on=plan.date,
            severity=_W,
            plan=_name(plan),
            printed=row.unit,
            annual=_shown(row.target),
            what=what,
            root=org.name,
            hint=_hint(found),
        )
    for text in plan.named_stagnant:
        found_cell = org.lookup_cell(text)
        if found_cell.match is not None:
            continue
        bad = True
        yield run.fail(
            "named",
            on=plan.date,
            severity=_W,
            plan=_name(plan),
            printed=text,
            hint=_hint(found_cell),
        )
    others: list[tuple[Text, str]] = [
        (Text("plan.table.rates"), r.unit) for r in plan.rate_targets if r.unit is not None
    ]
    others += [
        (Text("plan.table.claims", {"where": _name(plan)}), c.unit)
        for c in plan.claims
        if c.unit is not None
    ]
    for report in plan.reports:
        where = document_name(plan, report)
        others += [
            (Text("plan.table.results", {"report": where}), r.unit)
            for r in report.results
            if r.unit is not None
        ]
        others += [
            (Text("plan.table.claims", {"where": where}), c.unit)
            for c in report.claims
            if c.unit is not None
        ]
    for table, printed in others:
        found = resolve_unit(org, printed)
        if found.match is not None:
            continue
        bad = True
        yield run.fail(
            "other",
            on=plan.date,
            severity=_W,
            plan=_name(plan),
            table=table,
            printed=printed,
            what=what,
            root=org.name,
            hint=_hint(found),
        )
    if not bad:
        yield run.ok("ok")


@_plan_rule("PLAN-UNKNOWN-MASS-ORG")
def plan_unknown_mass_org(run: Run) -> Iterator[Evaluation | None]:
    """Every row of the introduction table must name a mass organisation of the organisation."""
    plan, org = run.plan, _org(run)
    bad = False
    for q in plan.introduction_targets:
        found = org.lookup_mass_organization(q.organization)
        if found.match is not None:
            continue
        bad = True
        yield run.fail(
            "fail",
            on=plan.date,
            severity=_W,
            plan=_name(plan),
            printed=q.organization,
            annual=q.annual,
            root=org.name,
            hint=_hint(found),
        )
    if not bad:
        yield run.ok("ok")


@_plan_rule("PLAN-DUPLICATE-ROW")
def plan_duplicate_row(run: Run) -> Iterator[Evaluation | None]:
    """One unit or mass organisation should have one row per year specification; dangvien adds several."""  # noqa: E501
    plan, org = run.plan, _org(run)
    seen: Counter[tuple[bool, str, int | None]] = Counter()
    units: dict[tuple[bool, str], Unit] = {}
    for row in plan.admission_targets:
        found = resolve_unit(org, row.unit).match
        if found is not None:
            seen[(found.is_cell, found.id, row.year)] += 1
            units[(found.is_cell, found.id)] = found
    dup = False
    for (is_cell, unit_id, year), n in seen.items():
        if n > 1:
            dup = True
            yield run.fail(
                "cell",
                on=plan.date,
                severity=_W,
                subject=unit_id,
                plan=_name(plan),
                unit=units[(is_cell, unit_id)],
                name=units[(is_cell, unit_id)].name,
                rows=n,
                when=Text("plan.every_year") if year is None else Text("plan.year", {"year": year}),
            )
    orgs_seen: Counter[tuple[str, int | None]] = Counter()
    for q in plan.introduction_targets:
        found_mo = org.lookup_mass_organization(q.organization)
        if found_mo.match is not None:
            orgs_seen[(found_mo.match.id, q.year)] += 1
    for (mo_id, _year), n in orgs_seen.items():
        if n > 1:
            dup = True
            yield run.fail(
                "mass_org",
                on=plan.date,
                severity=_W,
                subject=mo_id,
                plan=_name(plan),
                name=mo_id,
                rows=n,
            )
    if not dup:
        yield run.ok("ok")


@_plan_rule("PLAN-CELL-NO-TARGET")
def plan_cell_no_target(run: Run) -> Iterator[Evaluation | None]:
    """Every unit directly below the plan's organisation should have a row in the admission target table.

    The units are those of the organisation as it stood on the plan's date:
    a commune's cells (with those of the communes merged into it), a
    district's communes, a province's districts and blocs (its communes
    after 30 June 2025).  A row naming a unit further down covers the unit
    it lies in.
    """  # noqa: E501
    plan, org = run.plan, _org(run)
    if not plan.admission_targets:
        yield run.na("none")
        return
    root = run.ctx.dataset.organization
    covered: set[tuple[bool, str]] = set()
    for row in plan.admission_targets:
        found = resolve_unit(org, row.unit).match
        if found is None:
            continue
        covered.add((found.is_cell, found.id))
        parent = found.parent
        while parent is not None:
            covered.add((False, parent))
            above = root.parent_of(parent) or org.parent_of(parent)
            parent = None if above is None else above.id
    direct = _direct_units(run)
    missing = [u for u in direct if (u.is_cell, u.id) not in covered]
    for unit in missing:
        yield run.fail(
            "fail",
            on=plan.date,
            severity=_W,
            subject=unit.id,
            plan=_name(plan),
            unit=unit,
            name=unit.name,
        )
    if not missing:
        yield run.ok("ok")


# --- legal bases ----------------------------------------------------------------------


@attrs.frozen
class _Basis:
    printed: str
    ref: str
    cited: date | None


def _bases(run: Run) -> Iterator[tuple[_Basis, RefCheck | DocRefError]]:
    """Each numbered basis with the register's verdict (or the reference's parse error)."""
    reg = default_register()
    for basis in run.plan.legal_bases:
        if basis.ref is None:
            continue
        try:
            ref = parse_ref(basis.ref)
        except DocRefError as exc:
            yield _Basis(basis.ref, basis.ref, basis.date), exc
            continue
        yield _Basis(basis.ref, str(ref), basis.date), reg.check(ref, basis.date, run.plan.date)


@_plan_rule("PLAN-BASIS-DATE")
def plan_basis_date(run: Run) -> Iterator[Evaluation | None]:
    """A numbered legal basis must carry the date its document was signed (24-QĐ/TW is of 30/7/2021, not 2022)."""  # noqa: E501
    plan = run.plan
    for basis, result in _bases(run):
        if isinstance(result, DocRefError) or result.status is not RefStatus.WRONG_DATE:
            continue
        doc = result.document
        if doc is None:
            continue
        yield run.fail(
            "fail",
            on=plan.date,
            severity=_W,
            citation=Citation(doc, "ngày ký", doc.confidence),
            plan=_name(plan),
            ref=basis.ref,
            cited=basis.cited if basis.cited is not None else Text("plan.no_date"),
            title=Bilingual(doc.title_vi, doc.title_en),
            issuer=doc.issuer_vi,
            signed=doc.signed,
        )


@_plan_rule("PLAN-BASIS-NOT-IN-FORCE")
def plan_basis_not_in_force(run: Run) -> Iterator[Evaluation | None]:
    """A legal basis must be in force on the plan's date."""
    plan = run.plan
    reg = default_register()
    for _basis, result in _bases(run):
        if isinstance(result, DocRefError):
            continue
        doc = result.document
        if doc is None or doc.in_force(plan.date):
            continue
        if plan.date < doc.effective:
            state = Text("plan.not_yet_in_force", {"effective": doc.effective})
        else:
            after: Text | str = ""
            if doc.replaced_by is not None:
                after = Text("plan.replaced_by", {"doc": reg.by_key(doc.replaced_by).short()})
            state = Text("plan.no_longer_in_force", {"ended": doc.ended, "after": after})
        yield run.fail(
            "fail",
            on=plan.date,
            severity=_W,
            citation=Citation(doc, "hiệu lực", doc.confidence),
            plan=_name(plan),
            doc=doc.short(),
            state=state,
        )


@_plan_rule("PLAN-BASIS-UNREGISTERED")
def plan_basis_unregistered(run: Run) -> Iterator[Evaluation | None]:
    """A basis the document register does not know (a district's ``07-ĐA/HU``) is noted; its date and validity are not checked."""  # noqa: E501
    plan = run.plan
    for basis, result in _bases(run):
        if isinstance(result, DocRefError):
            yield run.fail(
                "unreadable", on=plan.date, severity=_I, plan=_name(plan), printed=basis.printed
            )
            continue
        if result.status is RefStatus.UNKNOWN or result.document is None:
            yield run.fail(
                "fail",
                on=plan.date,
                severity=_I,
                plan=_name(plan),
                ref=basis.ref,
                cited=basis.cited,
            )


# --- the register: stagnant cells ---------------------------------------------------


@attrs.frozen
class StagnantCell:
    """A cell that admitted nobody for consecutive years (chi bộ nhiều năm không kết nạp).

    Attributes:
        cell: the cell's id.
        name: its name.
        first_year: first year of the window.
        last_year: last year of the window.
        last_admission: the date of its latest admission before the window's
            end, if any.

    """

    cell: str
    name: str
    first_year: int
    last_year: int
    last_admission: date | None


def stagnant_cells(
    dataset: Dataset,
    before: int,
    *,
    years: int = DEFAULT_STAGNANT_YEARS,
    organization: Organization | None = None,
    items: Sequence[Admission] | None = None,
    count_by: CountBy = CountBy.DECISION,
) -> tuple[StagnantCell, ...]:
    """Return the cells with no admission in the *years* calendar years before *before*.

    Admissions are counted as in :mod:`dangvien.quotas.fulfilment`.  With
    ``before=2023, years=3`` the window is 2020–2022.
    """
    org = organization or dataset.organization
    found = admissions(dataset, count_by=count_by) if items is None else tuple(items)
    first = before - years
    window = range(first, before)
    latest: dict[str | None, date] = {}
    busy: set[str | None] = set()
    for a in found:
        if a.year >= before:
            continue
        if a.year in window:
            busy.add(a.cell)
        if a.cell not in latest or a.date > latest[a.cell]:
            latest[a.cell] = a.date
    return tuple(
        StagnantCell(c.id, c.name, first, before - 1, latest.get(c.id))
        for c in org.all_cells()
        if c.id not in busy
    )


def _addressed_cells(run: Run) -> frozenset[str]:
    """The cells a plan answers for: those directly below its organisation, and those its rows name.

    A commune's plan answers for its cells; a district's plan for its own
    grassroots cells, not for the cells of its communes (their plans do).
    """

    def compute() -> frozenset[str]:
        org = _org(run)
        named = {
            u.id
            for r in run.plan.admission_targets
            if (u := resolve_unit(org, r.unit).match) is not None and u.is_cell
        }
        return frozenset({u.id for u in _direct_units(run) if u.is_cell} | named)

    return run.ctx.memo(run.subject, "addressed", compute)


def _addresses_cells(run: Run) -> bool:
    """True when the plan answers for some cell (:func:`_addressed_cells`)."""
    return bool(_addressed_cells(run))


def _stagnant(run: Run) -> tuple[tuple[StagnantCell, ...], int, int]:
    """The plan's stagnant cells (window ending the year before its first year), once per plan."""
    years = run.ctx.stagnant_years or DEFAULT_STAGNANT_YEARS
    end = run.plan.period.first_year

    def compute() -> tuple[StagnantCell, ...]:
        found = stagnant_cells(
            run.ctx.dataset,
            end,
            years=years,
            organization=_org(run),
            items=_admissions(run),
            count_by=run.ctx.count_by,
        )
        addressed = _addressed_cells(run)
        return tuple(c for c in found if c.cell in addressed)

    return run.ctx.memo(run.subject, "stagnant", compute), end, years


@_plan_rule("PLAN-STAGNANT-CELLS")
def plan_stagnant_cells(run: Run) -> Iterator[Evaluation | None]:
    """Cells that admitted nobody for several years before the plan (3 by default).

    The length is an analysis setting, not a legal number.

    A warning, or information when the plan sets the cell no target for its
    first year.  Needs a register: without one, nothing is said; nor for a
    plan whose table does not address cells (a district's or a province's:
    each commune's plan is judged on its own cells).
    """
    if not run.ctx.dataset.records:
        yield run.na("no_register")
        return
    if not _addresses_cells(run):
        yield run.na("not_cells")
        return
    plan = run.plan
    found, end, years = _stagnant(run)
    span = YearSpan(tuple(range(end - years, end)))
    first = plan.period.first_year
    zero = {t.cell for t in expand_targets(plan, _org(run), years=[first]) if t.target == 0}
    for s in found:
        yield run.fail(
            "zero" if s.cell in zero else "fail",
            on=plan.date,
            severity=_I if s.cell in zero else _W,
            subject=s.cell,
            name=s.name,
            years=years,
            span=span,
            last=s.last_admission if s.last_admission is not None else Text("plan.never"),
            first=first,
        )
    if not found:
        yield run.ok("ok", span=span)


@_plan_rule("PLAN-STAGNANT-CLAIM")
def plan_stagnant_claim(run: Run) -> Iterator[Evaluation | None]:
    """The cells the plan's text names as not admitting for years, against the register.

    A warning for a named cell that admitted in the window; information for a
    stagnant cell the plan does not name.  Only for plans that name such
    cells (``named_stagnant``), and only with a register.
    """
    plan = run.plan
    if not plan.named_stagnant or not run.ctx.dataset.records or not _addresses_cells(run):
        yield run.na("none")
        return
    org = _org(run)
    found, end, years = _stagnant(run)
    span = YearSpan(tuple(range(end - years, end)))
    stagnant_ids = {s.cell for s in found}
    named: set[str] = set()
    for text in plan.named_stagnant:
        lookup = org.lookup_cell(text)
        if lookup.match is None:
            continue  # PLAN-UNKNOWN-CELL reports it
        cell = lookup.match
        named.add(cell.id)
        if cell.id not in stagnant_ids:
            yield run.fail(
                "admitted",
                on=plan.date,
                severity=_W,
                subject=cell.id,
                plan=_name(plan),
                name=cell.name,
                span=span,
            )
    for s in found:
        if s.cell not in named:
            yield run.fail(
                "unnamed",
                on=plan.date,
                severity=_I,
                subject=s.cell,
                plan=_name(plan),
                name=s.name,
                span=span,
            )


# --- feasibility ----------------------------------------------------------------------


@_plan_rule("PLAN-PIPELINE-SHORT")
def plan_pipeline_short(run: Run) -> Iterator[Evaluation | None]:
    """Each cell's target for the year against what its pipeline allows.

    A cell is short when its admissions so far plus every candidate who
    could be admitted before 31 December, steps still to take included (the
    admission rules' own answer, see :mod:`dangvien.rules.eligibility`), are
    fewer than its target: even the best case falls short.  One more
    finding, for the plan, when the whole organisation is short.  Nothing is
    said from 31 December on (the fulfilment table says it), for a year the
    plan does not cover, or without a register.
    """
    from dangvien.quotas.forecasting import forecast

    plan, ctx = run.plan, run.ctx
    year = ctx.plan_year
    if ctx.as_of >= date(year, 12, 31) or not plan.period.covers(year) or not ctx.dataset.records:
        yield run.na("none", year=year)
        return
    fc = ctx.memo(
        run.subject,
        "forecast",
        lambda: forecast(
            ctx.dataset,
            year,
            plan=plan,
            as_of=ctx.as_of,
            count_by=ctx.count_by,
            params=ctx.params,
            items=_admissions(run),
        ),
    )
    end = date(year, 12, 31)
    for row in fc.cells:
        if not row.target:
            continue
        most = row.admitted + row.ready + row.possible
        if most >= row.target:
            continue
        yield run.fail(
            "cell",
            on=ctx.as_of,
            severity=_W,
            subject=row.cell,
            name=row.name,
            year=year,
            target=row.target,
            admitted=row.admitted,
            ready=row.ready + row.possible,
            end=end,
            missing=row.target - most,
        )
    target = fc.target or 0
    most = sum(r.admitted + r.ready + r.possible for r in fc.cells)
    if target and most < target:
        yield run.fail(
            "total",
            on=ctx.as_of,
            severity=_W,
            year=year,
            target=target,
            admitted=fc.admitted,
            possible=most,
            end=end,
        )


# --- plans one level down ---------------------------------------------------------------


@_plan_rule("PLAN-ALLOCATION")
def plan_allocation(run: Run) -> Iterator[Evaluation | None]:
    """The plan of each unit the plan gives a target to, against that target (the plans one level down).

    For each organisation the table names (a district, a bloc, a commune)
    that has a plan of its own covering the year, that plan's target for the
    whole unit (its table's sum, else its headline) is compared with the
    allocation: below it is a warning (a commune planning fewer admissions
    than its district allocates it), above its upper end information.  When
    every such unit has a plan, their sum is compared with this plan's total
    too.  Years are the plan's named years.
    """  # noqa: E501
    plan = run.plan
    sums = plan_sums(run.ctx.dataset, plan, years=_named_years(plan))
    if not sums:
        yield run.na("none")
        return
    judged = False
    groups: dict[tuple[str, str, TargetRange, TargetRange], list[int]] = {}
    units: dict[str, Unit] = {}
    for s in sums:
        if s.lower_plan is None or s.planned is None:
            continue
        judged = True
        units[s.unit.id] = s.unit
        groups.setdefault((s.unit.id, s.lower_plan, s.allocated, s.planned), []).append(s.year)
    for (unit_id, lower, allocated, planned), years in groups.items():
        facts: dict[str, Any] = {
            "plan": _name(plan),
            "unit": units[unit_id],
            "lower": _lower_name(run, lower),
            "allocated": _shown(allocated),
            "planned": _shown(planned),
            "years": YearSpan(tuple(years)),
        }
        if planned.low < allocated.low:
            yield run.fail(
                "below",
                on=plan.date,
                severity=_W,
                subject=lower,
                missing=allocated.low - planned.low,
                **facts,
            )
        elif allocated.high is not None and planned.low > allocated.high:
            yield run.fail("above", on=plan.date, severity=_I, subject=lower, **facts)
        else:
            yield run.ok("ok", **facts)
    by_year: dict[int, list[TargetRange | None]] = {}
    for s in sums:
        by_year.setdefault(s.year, []).append(s.planned)
    org = _org(run)
    totals: dict[tuple[TargetRange, TargetRange], list[int]] = {}
    for year, planned_list in by_year.items():
        known = [t for t in planned_list if t is not None]
        if len(known) < len(planned_list):
            continue  # a unit without a plan: the sum would be partial
        planned_sum = TargetRange(0, 0)
        for t in known:
            planned_sum = planned_sum + t
        own = plan_total(plan, org, year)
        if own is not None and planned_sum.low < own.low:
            totals.setdefault((own, planned_sum), []).append(year)
    for (own, planned_sum), years in totals.items():
        yield run.fail(
            "total",
            on=plan.date,
            severity=_W,
            plan=_name(plan),
            total=_shown(own),
            planned=_shown(planned_sum),
            missing=own.low - planned_sum.low,
            years=YearSpan(tuple(years)),
        )
    if not judged:
        yield run.na("no_lower")


def _lower_name(run: Run, plan_id: str) -> Text:
    lower = next((p for p in run.ctx.dataset.plans if p.id == plan_id), None)
    return Text("plan.id", {"id": plan_id}) if lower is None else _name(lower)


# --- published figures ------------------------------------------------------------------


def _claims(run: Run) -> tuple[ClaimCheck, ...]:
    """Every published figure of the plan and its reports, computed once per plan."""
    ctx = run.ctx
    return ctx.memo(
        run.subject,
        "claims",
        lambda: claim_checks(
            ctx.dataset, run.plan, as_of=ctx.as_of, count_by=ctx.count_by, items=_admissions(run)
        ),
    )


def _quote(check: ClaimCheck) -> Text | str:
    text = check.claim.text
    return Text("plan.claim.quote", {"text": text}) if text else ""


def _claim_rule(run: Run, kind: ClaimKind) -> Iterator[Evaluation | None]:
    """Judge the figures of one kind: a warning for each that disagrees."""
    checks = [c for c in _claims(run) if c.kind is kind]
    if not checks:
        yield run.na("none")
        return
    for c in checks:
        facts: dict[str, Any] = {
            "where": c.where,
            "quote": _quote(c),
            "unit": c.unit,
            "years": YearSpan(tuple(range(c.first_year, c.year + 1))),
            "as_of": c.as_of,
            "stated": c.stated,
            "computed": c.computed,
            "source": c.source,
        }
        if kind is ClaimKind.COUNT and c.claim.above:
            facts["stated"] = TargetRange(c.claim.admitted or 0, above=True)
        if kind is ClaimKind.PERCENT:
            facts |= {"admitted": c.admitted, "target": c.target}
        if kind is ClaimKind.UNITS:
            facts["threshold"] = _threshold(c)
        if c.agrees is None:
            yield run.na("unknown", **facts)
        elif c.agrees:
            yield run.ok("ok", **facts)
        else:
            yield run.fail("fail", on=run.plan.date, severity=_W, **facts)


def _threshold(check: ClaimCheck) -> Text:
    from dangvien.model.plan import read_decimal

    assert check.claim.threshold is not None
    value, places = read_decimal(check.claim.threshold)
    key = "plan.claim.at_least" if check.claim.inclusive else "plan.claim.more_than"
    return Text(key, {"pct": Percent(value, places)})


@_plan_rule("PLAN-CLAIM-COUNT")
def plan_claim_count(run: Run) -> Iterator[Evaluation | None]:
    """A count of admissions the plan or a report publishes ("kết nạp được 1.480", "trên 290") must match the register, or the report's own table when there is no register."""  # noqa: E501
    yield from _claim_rule(run, ClaimKind.COUNT)


@_plan_rule("PLAN-CLAIM-PERCENT")
def plan_claim_percent(run: Run) -> Iterator[Evaluation | None]:
    """A published percentage of the target ("đạt 74,38%") must be the admissions over the target, rounded to the decimals printed (by the document's rounding when known, else half up, half to even or truncated)."""  # noqa: E501
    yield from _claim_rule(run, ClaimKind.PERCENT)


@_plan_rule("PLAN-CLAIM-UNITS")
def plan_claim_units(run: Run) -> Iterator[Evaluation | None]:
    """A published number of units above a percentage ("4 đơn vị đạt trên 50%") must match the units of the table whose percentage is above it."""  # noqa: E501
    yield from _claim_rule(run, ClaimKind.UNITS)


@_plan_rule("PLAN-CLAIM-TARGET")
def plan_claim_target(run: Run) -> Iterator[Evaluation | None]:
    """A published total of targets ("tổng chỉ tiêu 2.000") must match the sum of the plan's table for the unit and years."""  # noqa: E501
    yield from _claim_rule(run, ClaimKind.TARGET)
