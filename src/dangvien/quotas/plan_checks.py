"""Plan checks: a plan compared with itself, the organisation, the law and the register.

Each check returns :class:`~dangvien.findings.Finding` values, the shape rule
checks return, with Vietnamese and English messages carrying the numbers
that decided them (:data:`PLAN_CHECKS` lists them).

Severities: a plan is a committee's document, not an act a regulation
judges, so no plan check is a ``violation``.

- ``warning``: the plan contradicts itself (a headline range against the sum
  of its table, a printed total against its rows, fewer introductions than
  admissions), names a cell or organisation that does not exist, leaves a
  cell without a target, cites a regulation with a wrong date or one no
  longer in force, or the register shows cells stagnating or a pipeline too
  thin for the year's target.
- ``info``: what cannot be verified or is worth knowing: a blank document
  number, a local document the register does not know (``07-ĐA/HU``),
  stagnant cells the plan's own account does not name.

A finding about a cited document carries the :class:`~dangvien.documents.Citation`
of the real document (provision ``ngày ký`` for a wrong date, ``hiệu lực``
for one not in force); the others carry none.

>>> from dangvien.model.org import Cell, Organization, OrgLevel
>>> from dangvien.model.plan import AdmissionTarget, LegalBasis, PlanPeriod, TargetRange
>>> org = Organization("x", "Đảng bộ xã X", OrgLevel.COMMUNE, cells=(Cell("a", "Văn Tràng"),))
>>> plan = Plan("kh", "-KH/ĐU", date(2023, 6, 8), "BTV", "x", "Kế hoạch",
...             PlanPeriod(2023, 2025, open_ended=True), headline=TargetRange(9, 11),
...             legal_bases=(LegalBasis("24-QĐ/TW", date(2022, 7, 30)),),
...             admission_targets=(AdmissionTarget("Văn Tràng", 21),))
>>> [f.rule for f in check_plan(Dataset(org, plans=(plan,)), plan)]
['PLAN-NUMBER-BLANK', 'PLAN-HEADLINE-SUM', 'PLAN-BASIS-DATE', 'PLAN-STAGNANT-CELLS']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

import attrs

from dangvien.documents import (
    Citation,
    Confidence,
    DocRefError,
    DocumentRegister,
    RefStatus,
    default_register,
    parse_ref,
)
from dangvien.findings import Finding, Severity
from dangvien.model.org import Organization
from dangvien.model.plan import Plan
from dangvien.model.register import Dataset
from dangvien.parameters import Parameters
from dangvien.quotas.fulfilment import Admission, CountBy, admissions
from dangvien.quotas.pipeline import Candidate, forecast
from dangvien.quotas.targets import (
    expand_introduction_targets,
    expand_targets,
    plan_years,
)

__all__ = [
    "DEFAULT_STAGNANT_YEARS",
    "PLAN_CHECKS",
    "PlanCheck",
    "StagnantCell",
    "check_bases",
    "check_feasibility",
    "check_plan",
    "check_stagnant",
    "check_table",
    "check_totals",
    "stagnant_cells",
]

#: Consecutive years without an admission that make a cell stagnant
#: ("nhiều năm liền không kết nạp được đảng viên"); an analysis default.
DEFAULT_STAGNANT_YEARS = 3


@attrs.frozen
class PlanCheck:
    """A plan check's catalogue entry (mục kiểm tra kế hoạch).

    Attributes:
        id: the rule id of its findings.
        severity: the severity of its findings (the usual one when it varies).
        title_vi: Vietnamese title.
        title_en: English title.

    """

    id: str
    severity: Severity
    title_vi: str
    title_en: str


_W, _I = Severity.WARNING, Severity.INFO

#: Every plan check, by rule id.
PLAN_CHECKS: dict[str, PlanCheck] = {
    c.id: c
    for c in (
        PlanCheck("PLAN-NUMBER-BLANK", _I, "Kế hoạch chưa ghi số", "Plan number left blank"),
        PlanCheck("PLAN-UNKNOWN-ORG", _W, "Kế hoạch của tổ chức không có trong dữ liệu",
                  "Plan for an organisation not in the dataset"),
        PlanCheck("PLAN-HEADLINE-SUM", _W, "Chỉ tiêu cơ bản khác tổng bảng chỉ tiêu",
                  "Headline range disagrees with the table's sum"),
        PlanCheck("PLAN-STATED-TOTAL", _W, "Dòng tổng in trong bảng khác tổng các dòng",
                  "Printed total differs from the sum of the rows"),
        PlanCheck("PLAN-INTRO-SHORT", _W, "Số quần chúng giới thiệu ít hơn chỉ tiêu kết nạp",
                  "Fewer introductions planned than admissions targeted"),
        PlanCheck("PLAN-UNKNOWN-CELL", _W, "Chỉ tiêu ghi tên chi bộ không có",
                  "Target names an unknown cell"),
        PlanCheck("PLAN-UNKNOWN-MASS-ORG", _W, "Chỉ tiêu giới thiệu ghi tên đoàn thể không có",
                  "Introduction quota names an unknown organisation"),
        PlanCheck("PLAN-DUPLICATE-ROW", _W, "Một chi bộ/đoàn thể có nhiều dòng chỉ tiêu",
                  "Several target rows for one cell or organisation"),
        PlanCheck("PLAN-CELL-NO-TARGET", _W, "Chi bộ không được giao chỉ tiêu",
                  "Cell without a target row"),
        PlanCheck("PLAN-BASIS-DATE", _W, "Căn cứ ghi sai ngày ban hành",
                  "Legal basis cited with a wrong date"),
        PlanCheck("PLAN-BASIS-NOT-IN-FORCE", _W, "Căn cứ đã hết hiệu lực",
                  "Legal basis not in force on the plan's date"),
        PlanCheck("PLAN-BASIS-UNREGISTERED", _I, "Căn cứ không có trong sổ văn bản",
                  "Legal basis not in the document register"),
        PlanCheck("PLAN-STAGNANT-CELLS", _W, "Chi bộ nhiều năm liền không kết nạp được đảng viên",
                  "Cell without admissions for several years"),
        PlanCheck("PLAN-STAGNANT-CLAIM", _I, "Danh sách chi bộ không kết nạp được, so với dữ liệu",
                  "The plan's list of stagnant cells against the register"),
        PlanCheck("PLAN-PIPELINE-SHORT", _W, "Nguồn kết nạp không đủ cho chỉ tiêu năm",
                  "Pipeline too thin for the year's target"),
    )
}  # fmt: skip


def _d(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _years_text(years: Sequence[int]) -> str:
    """Compress years into ranges: ``2023–2025, 2027``."""
    parts: list[str] = []
    ys = sorted(set(years))
    i = 0
    while i < len(ys):
        j = i
        while j + 1 < len(ys) and ys[j + 1] == ys[j] + 1:
            j += 1
        parts.append(str(ys[i]) if i == j else f"{ys[i]}–{ys[j]}")
        i = j + 1
    return ", ".join(parts)


def _finding(
    rule: str,
    subject: str,
    vi: str,
    en: str,
    *,
    on: date | None,
    severity: Severity | None = None,
    citation: Citation | None = None,
    **facts: object,
) -> Finding:
    check = PLAN_CHECKS[rule]
    return Finding(
        rule=rule,
        severity=severity or check.severity,
        subject=subject,
        message_vi=vi,
        message_en=en,
        citation=citation,
        confidence=citation.confidence if citation is not None else Confidence.A,
        on=on,
        facts=facts,
    )


def _plan_name(plan: Plan) -> str:
    return f"Kế hoạch {plan.number} ngày {_d(plan.date)}"


def _named_years(plan: Plan) -> tuple[int, ...]:
    """The plan's named years, extended to any year a row names."""
    row_years = [r.year for r in plan.admission_targets if r.year is not None]
    row_years += [r.year for r in plan.introduction_targets if r.year is not None]
    return plan_years(plan, until=max(row_years, default=None))


def _sums_by_year(plan: Plan, org: Organization) -> dict[int, tuple[int, int]]:
    """``{year: (admission sum, introduction sum)}`` over the plan's named years."""
    years = _named_years(plan)
    adm = Counter[int]()
    intro = Counter[int]()
    for t in expand_targets(plan, org, years=years):
        adm[t.year] += t.target
    for q in expand_introduction_targets(plan, org, years=years):
        intro[q.year] += q.target
    return {y: (adm[y], intro[y]) for y in years}


def _group(values: dict[int, int]) -> dict[int, list[int]]:
    """Group years by value: ``{value: [years]}``."""
    out: dict[int, list[int]] = {}
    for y, v in values.items():
        out.setdefault(v, []).append(y)
    return out


# --- totals -----------------------------------------------------------------------


def check_totals(plan: Plan, organization: Organization) -> list[Finding]:
    """Check the headline range, the printed totals and the introductions against the table.

    - ``PLAN-HEADLINE-SUM``: the per-cell targets of a year do not sum to a
      number in the headline range (``09 - 11`` against 21).
    - ``PLAN-STATED-TOTAL``: a printed total differs from the sum of the
      printed rows (admissions; introductions).
    - ``PLAN-INTRO-SHORT``: the mass organisations are to introduce fewer
      people a year than the table's admissions (each admission needs a
      source).
    """
    out: list[Finding] = []
    name, pid = _plan_name(plan), plan.id
    sums = _sums_by_year(plan, organization)
    if plan.headline is not None and plan.admission_targets:
        head = plan.headline
        for total, years in _group({y: a for y, (a, _) in sums.items()}).items():
            if total in head:
                continue
            span = _years_text(years)
            out.append(_finding(
                "PLAN-HEADLINE-SUM", pid,
                f"{name}: chỉ tiêu cơ bản {head.low}–{head.high} đảng viên mỗi năm, nhưng bảng "
                f"chỉ tiêu theo chi bộ cộng lại là {total} (năm {span})",
                f"{name}: the headline target is {head.low}–{head.high} admissions a year, but "
                f"the per-cell table sums to {total} ({span})",
                on=plan.date, headline_low=head.low, headline_high=head.high, table_sum=total,
                years=span,
            ))  # fmt: skip
    printed_adm = sum(t.annual for t in plan.admission_targets)
    if plan.stated_admission_total is not None and plan.stated_admission_total != printed_adm:
        stated = plan.stated_admission_total
        out.append(_finding(
            "PLAN-STATED-TOTAL", pid,
            f"{name}: dòng «Tổng» của bảng chỉ tiêu kết nạp ghi {stated}, nhưng các dòng cộng "
            f"lại là {printed_adm}",
            f"{name}: the admission table prints a total of {stated}, but its rows sum to "
            f"{printed_adm}",
            on=plan.date, stated=stated, rows_sum=printed_adm, table="admission",
        ))  # fmt: skip
    printed_intro = sum(t.annual for t in plan.introduction_targets)
    if (
        plan.stated_introduction_total is not None
        and plan.stated_introduction_total != printed_intro
    ):
        stated = plan.stated_introduction_total
        out.append(_finding(
            "PLAN-STATED-TOTAL", pid,
            f"{name}: bảng số quần chúng giới thiệu ghi tổng {stated}, nhưng các dòng cộng lại "
            f"là {printed_intro}",
            f"{name}: the introduction table prints a total of {stated}, but its rows sum to "
            f"{printed_intro}",
            on=plan.date, stated=stated, rows_sum=printed_intro, table="introduction",
        ))  # fmt: skip
    if plan.introduction_targets:
        short: dict[tuple[int, int], list[int]] = {}
        for y, (adm, intro) in sums.items():
            if intro < adm:
                short.setdefault((intro, adm), []).append(y)
        for (intro, adm), years in short.items():
            span = _years_text(years)
            out.append(_finding(
                "PLAN-INTRO-SHORT", pid,
                f"{name}: MTTQ và các đoàn thể chỉ phải giới thiệu {intro} quần chúng ưu tú mỗi "
                f"năm, ít hơn {adm} đảng viên phải kết nạp theo bảng chỉ tiêu (thiếu "
                f"{adm - intro}; năm {span})",
                f"{name}: the mass organisations are to introduce only {intro} outstanding "
                f"citizens a year, fewer than the {adm} admissions the table targets "
                f"({adm - intro} short; {span})",
                on=plan.date, introductions=intro, admissions=adm, years=span,
            ))  # fmt: skip
    return out


# --- the table against the organisation --------------------------------------------


def _suggestion(lookup_candidates: tuple[str, ...], suggested: str | None) -> tuple[str, str]:
    """Suggestion text after a failed exact lookup (Vietnamese, English)."""
    if suggested is not None:
        return (f"; có phải «{suggested}»? (tên phải khớp đúng cả dấu)",
                f"; did you mean '{suggested}'? (names must match with diacritics)")  # fmt: skip
    if len(lookup_candidates) > 1:
        names = ", ".join(f"«{c}»" for c in lookup_candidates)
        names_en = ", ".join(f"'{c}'" for c in lookup_candidates)
        return (f"; bỏ dấu thì giống {names}: cần ghi đúng dấu",
                f"; without diacritics it matches {names_en}: write the diacritics")  # fmt: skip
    return ("", "")


def check_table(plan: Plan, organization: Organization) -> list[Finding]:
    """Check the target tables against the organisation's cells and mass organisations.

    - ``PLAN-UNKNOWN-CELL`` / ``PLAN-UNKNOWN-MASS-ORG``: a row names nothing
      that exists (exact match, diacritics kept), with a suggestion when
      only the diacritics differ.
    - ``PLAN-DUPLICATE-ROW``: several rows for the same cell and year
      specification (their targets are added).
    - ``PLAN-CELL-NO-TARGET``: a cell of the organisation has no row.
    """
    out: list[Finding] = []
    name, pid = _plan_name(plan), plan.id
    seen: Counter[tuple[str, int | None]] = Counter()
    for row in plan.admission_targets:
        found = organization.lookup_cell(row.cell)
        if found.match is None:
            sug = found.suggestion.name if found.suggestion is not None else None
            vi, en = _suggestion(found.candidates, sug)
            out.append(_finding(
                "PLAN-UNKNOWN-CELL", pid,
                f"{name}: chỉ tiêu {row.annual} cho «{row.cell}», không có chi bộ nào tên như "
                f"vậy trong {organization.name}{vi}",
                f"{name}: a target of {row.annual} for '{row.cell}', but no cell of "
                f"{organization.name} has that name{en}",
                on=plan.date, printed=row.cell, annual=row.annual, suggestion=sug,
            ))  # fmt: skip
        else:
            seen[(found.match.id, row.year)] += 1
    cells = {c.id: c for c in organization.all_cells()}
    for (cell_id, year), n in seen.items():
        if n > 1:
            label = cells[cell_id].name
            when = "mọi năm" if year is None else f"năm {year}"
            when_en = "every year" if year is None else str(year)
            out.append(_finding(
                "PLAN-DUPLICATE-ROW", cell_id,
                f"{name}: chi bộ {label} có {n} dòng chỉ tiêu ({when}); dangvien cộng lại",
                f"{name}: cell {label} has {n} target rows ({when_en}); dangvien adds them",
                on=plan.date, rows=n,
            ))  # fmt: skip
    targeted = {cell_id for cell_id, _ in seen}
    for cell in organization.all_cells():
        if cell.id not in targeted:
            out.append(_finding(
                "PLAN-CELL-NO-TARGET", cell.id,
                f"{name}: chi bộ {cell.name} không có dòng nào trong bảng chỉ tiêu kết nạp",
                f"{name}: cell {cell.name} has no row in the admission target table",
                on=plan.date,
            ))  # fmt: skip
    orgs_seen: Counter[tuple[str, int | None]] = Counter()
    for q in plan.introduction_targets:
        found_mo = organization.lookup_mass_organization(q.organization)
        if found_mo.match is None:
            sug = found_mo.suggestion.name if found_mo.suggestion is not None else None
            vi, en = _suggestion(found_mo.candidates, sug)
            out.append(_finding(
                "PLAN-UNKNOWN-MASS-ORG", pid,
                f"{name}: chỉ tiêu giới thiệu {q.annual} cho «{q.organization}», không có tổ "
                f"chức nào tên như vậy trong {organization.name}{vi}",
                f"{name}: an introduction quota of {q.annual} for '{q.organization}', but no "
                f"organisation of {organization.name} has that name{en}",
                on=plan.date, printed=q.organization, annual=q.annual, suggestion=sug,
            ))  # fmt: skip
        else:
            orgs_seen[(found_mo.match.id, q.year)] += 1
    for (mo_id, _year), n in orgs_seen.items():
        if n > 1:
            out.append(_finding(
                "PLAN-DUPLICATE-ROW", mo_id,
                f"{name}: {mo_id} có {n} dòng chỉ tiêu giới thiệu; dangvien cộng lại",
                f"{name}: {mo_id} has {n} introduction quota rows; dangvien adds them",
                on=plan.date, rows=n,
            ))  # fmt: skip
    return out


# --- legal bases -------------------------------------------------------------------


def check_bases(plan: Plan, register: DocumentRegister | None = None) -> list[Finding]:
    """Check each numbered legal basis against the document register on the plan's date.

    Uses :meth:`DocumentRegister.check`: a basis dated otherwise than every
    known version gives ``PLAN-BASIS-DATE`` (with the most recent version
    signed by the plan's date as the one meant), a basis replaced before the
    plan's date gives ``PLAN-BASIS-NOT-IN-FORCE``, and a number the register
    does not know (a district's ``07-ĐA/HU``) gives ``PLAN-BASIS-UNREGISTERED``
    (information only).  Bases without a number (the Charter, a congress
    resolution) are not checked.
    """
    reg = register or default_register()
    out: list[Finding] = []
    name, pid = _plan_name(plan), plan.id
    for basis in plan.legal_bases:
        if basis.ref is None:
            continue
        printed = basis.ref if basis.date is None else f"{basis.ref} ngày {_d(basis.date)}"
        try:
            ref = parse_ref(basis.ref)
        except DocRefError:
            out.append(_finding(
                "PLAN-BASIS-UNREGISTERED", pid,
                f"{name}: không đọc được số hiệu căn cứ «{basis.ref}»",
                f"{name}: cannot read the basis number '{basis.ref}'",
                on=plan.date, printed=basis.ref,
            ))  # fmt: skip
            continue
        result = reg.check(ref, basis.date, plan.date)
        doc = result.document
        if result.status is RefStatus.UNKNOWN or doc is None:
            out.append(_finding(
                "PLAN-BASIS-UNREGISTERED", pid,
                f"{name}: căn cứ {printed} không có trong sổ văn bản của dangvien nên không "
                "kiểm tra được ngày và hiệu lực (văn bản địa phương?)",
                f"{name}: the basis {printed} is not in dangvien's document register; its date "
                "and validity are not checked (a local document?)",
                on=plan.date, ref=str(ref), cited_date=basis.date,
            ))  # fmt: skip
            continue
        if result.status is RefStatus.WRONG_DATE:
            cited = "không ghi ngày" if basis.date is None else _d(basis.date)
            cited_en = "no date" if basis.date is None else _d(basis.date)
            out.append(_finding(
                "PLAN-BASIS-DATE", pid,
                f"{name} ghi {ref} ngày {cited}, nhưng {ref} «{doc.title_vi}» của {doc.issuer_vi} "
                f"ký ngày {_d(doc.signed)}",
                f"{name} cites {ref} of {cited_en}, but {ref} ({doc.title_en}) was signed on "
                f"{_d(doc.signed)}",
                on=plan.date, citation=Citation(doc, "ngày ký", doc.confidence),
                ref=str(ref), cited_date=basis.date, signed=doc.signed,
            ))  # fmt: skip
            if doc.in_force(plan.date):
                continue
        if not doc.in_force(plan.date):
            ended = "" if doc.ended is None else f" từ {_d(doc.ended)}"
            ended_en = "" if doc.ended is None else f" on {_d(doc.ended)}"
            after = ""
            after_en = ""
            if doc.replaced_by is not None:
                try:
                    new = reg.by_key(doc.replaced_by)
                    after, after_en = f", thay bằng {new.short()}", f", replaced by {new.short()}"
                except KeyError:
                    pass
            if plan.date < doc.effective:
                vi = f"chưa có hiệu lực (hiệu lực từ {_d(doc.effective)})"
                en = f"not yet in force (from {_d(doc.effective)})"
            else:
                vi, en = f"đã hết hiệu lực{ended}{after}", f"no longer in force{ended_en}{after_en}"
            out.append(_finding(
                "PLAN-BASIS-NOT-IN-FORCE", pid,
                f"{name} căn cứ {doc.short()}, văn bản này {vi} vào ngày kế hoạch",
                f"{name} rests on {doc.short()}, {en} on the plan's date",
                on=plan.date, citation=Citation(doc, "hiệu lực", doc.confidence),
                ref=str(ref), ended=doc.ended,
            ))  # fmt: skip
    return out


# --- the register: stagnant cells -------------------------------------------------


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
    items: Iterable[Admission] | None = None,
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


def check_stagnant(
    dataset: Dataset,
    plan: Plan,
    *,
    before: int | None = None,
    years: int = DEFAULT_STAGNANT_YEARS,
    claimed: Iterable[str] | None = None,
    items: Iterable[Admission] | None = None,
    count_by: CountBy = CountBy.DECISION,
) -> list[Finding]:
    """Report the stagnant cells and compare them with the plan's own list, if given.

    Args:
        dataset: the dataset.
        plan: the plan.
        before: the window ends the year before this (default: the plan's
            first year, i.e. the situation the plan describes).
        years: the window's length.
        claimed: the cells the plan's text names as not admitting for years
            (as printed, e.g. ``["Văn Tràng", "Phú Thọ", …]``).
        items: precomputed admissions.
        count_by: which date places an admission in a year.

    Returns:
        ``PLAN-STAGNANT-CELLS`` for each stagnant cell (a warning; information
        only when the plan sets the cell a target of 0), and when
        *claimed* is given ``PLAN-STAGNANT-CLAIM``: information for a stagnant
        cell the plan does not name, a warning for a named cell that admitted
        in the window, and ``PLAN-UNKNOWN-CELL`` for a name matching no cell.

    """
    org = dataset.organization.find(plan.organization) or dataset.organization
    end = plan.period.first_year if before is None else before
    found = stagnant_cells(dataset, end, years=years, organization=org, items=items,
                           count_by=count_by)  # fmt: skip
    out: list[Finding] = []
    span = _years_text(range(end - years, end))
    first = plan.period.first_year
    zero = {t.cell for t in expand_targets(plan, org, years=[first]) if t.target == 0}
    for s in found:
        when = s.last_admission
        last = "chưa từng có" if when is None else f"lần gần nhất {_d(when)}"
        last_en = "never" if s.last_admission is None else f"last on {_d(s.last_admission)}"
        note = note_en = ""
        severity = None
        if s.cell in zero:
            severity = Severity.INFO
            note = f"; kế hoạch không giao chỉ tiêu năm {first}"
            note_en = f"; the plan sets it no target for {first}"
        out.append(_finding(
            "PLAN-STAGNANT-CELLS", s.cell,
            f"Chi bộ {s.name} không kết nạp được đảng viên nào trong {years} năm liền {span} "
            f"(kết nạp {last}){note}",
            f"Cell {s.name} admitted nobody in the {years} years {span} (admission: "
            f"{last_en}){note_en}",
            on=None, severity=severity, years=span, last_admission=s.last_admission,
        ))  # fmt: skip
    if claimed is None:
        return out
    name, pid = _plan_name(plan), plan.id
    stagnant_ids = {s.cell for s in found}
    named: set[str] = set()
    for text in claimed:
        lookup = org.lookup_cell(text)
        if lookup.match is None:
            sug = lookup.suggestion.name if lookup.suggestion is not None else None
            vi, en = _suggestion(lookup.candidates, sug)
            out.append(_finding(
                "PLAN-UNKNOWN-CELL", pid,
                f"{name} nêu chi bộ «{text}» nhiều năm không kết nạp được, nhưng không có chi "
                f"bộ nào tên như vậy{vi}",
                f"{name} names '{text}' as not admitting for years, but no cell has that "
                f"name{en}",
                on=plan.date, printed=text, suggestion=sug,
            ))  # fmt: skip
            continue
        cell = lookup.match
        named.add(cell.id)
        if cell.id not in stagnant_ids:
            out.append(_finding(
                "PLAN-STAGNANT-CLAIM", cell.id,
                f"{name} nêu chi bộ {cell.name} nhiều năm liền chưa kết nạp được đảng viên, "
                f"nhưng dữ liệu có kết nạp trong {span}",
                f"{name} names cell {cell.name} as not admitting for years, but the register "
                f"shows an admission in {span}",
                on=plan.date, severity=Severity.WARNING, years=span,
            ))  # fmt: skip
    for s in found:
        if s.cell not in named:
            out.append(_finding(
                "PLAN-STAGNANT-CLAIM", s.cell,
                f"Chi bộ {s.name} cũng không kết nạp được đảng viên nào trong {span} nhưng "
                f"{name} không nêu tên",
                f"Cell {s.name} also admitted nobody in {span}, but the plan does not name it",
                on=plan.date, years=span,
            ))  # fmt: skip
    return out


# --- feasibility -------------------------------------------------------------------


def check_feasibility(
    dataset: Dataset,
    plan: Plan,
    year: int,
    *,
    as_of: date,
    count_by: CountBy = CountBy.DECISION,
    params: Parameters | None = None,
    found: Iterable[Candidate] | None = None,
    items: Iterable[Admission] | None = None,
) -> list[Finding]:
    """Compare each cell's target for *year* with what its pipeline allows.

    A cell is short (``PLAN-PIPELINE-SHORT``) when its admissions so far plus
    its candidates whose earliest admission day falls before 31 December
    (:func:`~dangvien.quotas.pipeline.candidates`) are fewer than its target.
    One more finding, for the plan, when the whole organisation is short.
    Nothing is reported from 31 December on (the fulfilment table says it)
    or for a year the plan does not cover.
    """
    if as_of >= date(year, 12, 31) or not plan.period.covers(year):
        return []
    fc = forecast(dataset, year, plan=plan, as_of=as_of, count_by=count_by, params=params,
                  found=found, items=items)  # fmt: skip
    out: list[Finding] = []
    end = _d(date(year, 12, 31))
    for row in fc.cells:
        if not row.target:
            continue
        most = row.admitted + row.ready
        if most >= row.target:
            continue
        out.append(_finding(
            "PLAN-PIPELINE-SHORT", row.cell,
            f"Chi bộ {row.name}: chỉ tiêu năm {year} là {row.target}, đã kết nạp {row.admitted}, "
            f"nguồn có {row.ready} người có thể kết nạp trước {end}: thiếu ít nhất "
            f"{row.target - most}",
            f"Cell {row.name}: target {row.target} for {year}, {row.admitted} admitted, "
            f"{row.ready} candidates could be admitted by {end}: at least {row.target - most} "
            "short",
            on=as_of, target=row.target, admitted=row.admitted, ready=row.ready, year=year,
        ))  # fmt: skip
    target = fc.target or 0
    most = sum(r.admitted + r.ready for r in fc.cells)
    if target and most < target:
        out.append(_finding(
            "PLAN-PIPELINE-SHORT", plan.id,
            f"Toàn đảng bộ: chỉ tiêu năm {year} là {target}, đã kết nạp {fc.admitted}, tối đa "
            f"kết nạp được {most} trước {end} theo nguồn hiện có",
            f"Whole organisation: target {target} for {year}, {fc.admitted} admitted, at most "
            f"{most} possible by {end} from the current pipeline",
            on=as_of, target=target, admitted=fc.admitted, possible=most, year=year,
        ))  # fmt: skip
    return out


# --- everything ----------------------------------------------------------------------


def check_plan(
    dataset: Dataset,
    plan: Plan,
    *,
    year: int | None = None,
    as_of: date | None = None,
    register: DocumentRegister | None = None,
    params: Parameters | None = None,
    count_by: CountBy = CountBy.DECISION,
    stagnant_years: int = DEFAULT_STAGNANT_YEARS,
    stagnant_before: int | None = None,
    claimed_stagnant: Iterable[str] | None = None,
    found: Iterable[Candidate] | None = None,
    items: Iterable[Admission] | None = None,
) -> list[Finding]:
    """Run every plan check (kiểm tra kế hoạch).

    Args:
        dataset: the dataset holding the organisation and the register.
        plan: the plan.
        year: with *as_of*, the year whose pipeline feasibility is checked.
        as_of: the as-of date of the feasibility check.
        register: the document register (default: the known documents).
        params: the legal parameters (for the pipeline).
        count_by: which date places an admission in a year.
        stagnant_years: the stagnation window's length.
        stagnant_before: the window ends the year before this (default:
            the plan's first year).
        claimed_stagnant: the cells the plan's text names as stagnant.
        found: precomputed candidates on *as_of*.
        items: precomputed admissions.

    Returns:
        The findings: the plan's own numbers, its tables, its legal bases,
        the stagnant cells, then the feasibility of *year*.

    """
    out: list[Finding] = []
    name = _plan_name(plan)
    org = dataset.organization.find(plan.organization)
    if org is None:
        out.append(_finding(
            "PLAN-UNKNOWN-ORG", plan.id,
            f"{name} dành cho tổ chức «{plan.organization}», không có trong dữ liệu; chi bộ được "
            f"tra trong toàn bộ {dataset.organization.name}",
            f"{name} is for organisation '{plan.organization}', which is not in the dataset; "
            f"cells are looked up in the whole of {dataset.organization.name}",
            on=plan.date, organization=plan.organization,
        ))  # fmt: skip
        org = dataset.organization
    try:
        blank = parse_ref(plan.number).number is None
    except DocRefError:
        blank = not plan.number.strip()
    if blank:
        out.append(_finding(
            "PLAN-NUMBER-BLANK", plan.id,
            f"{name}: chưa ghi số văn bản (in là «{plan.number}»)",
            f"{name}: the document number was left blank (printed '{plan.number}')",
            on=plan.date, printed=plan.number,
        ))  # fmt: skip
    got = admissions(dataset, count_by=count_by) if items is None else tuple(items)
    out.extend(check_totals(plan, org))
    out.extend(check_table(plan, org))
    out.extend(check_bases(plan, register))
    out.extend(check_stagnant(dataset, plan, before=stagnant_before, years=stagnant_years,
                              claimed=claimed_stagnant, items=got, count_by=count_by))  # fmt: skip
    if year is not None and as_of is not None:
        upto = [a for a in got if a.date <= as_of]
        out.extend(check_feasibility(dataset, plan, year, as_of=as_of, count_by=count_by,
                                     params=params, found=found, items=upto))  # fmt: skip
    return out
