"""The plan-fulfilment report (báo cáo thực hiện kế hoạch phát triển đảng viên).

:func:`build_report` gathers, for one year and one as-of date:

1. the plan's table beside each cell's admissions that year and over the
   plan's years so far, with the pipeline and the year-end forecast;
2. the totals rolled up the organisation tree (commune, district, province);
3. the mass organisations' introductions against their quotas;
4. the plan checks (:func:`dangvien.quotas.check_plan`);
5. the pipeline: candidates with their earliest admission day, conversion
   rates;
6. a summary of the rule findings (:func:`dangvien.rules.check`).

The result is a :class:`Report` value; :meth:`Report.to_json` gives a
JSON-ready dict and :meth:`Report.render_text` a text readable in an 80–100
column terminal, Vietnamese first (``lang="en"`` for English).  ``dangvien
report DATASET`` prints it.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from datetime import date
from fractions import Fraction
from typing import ClassVar

import attrs

from dangvien.dates import format_date_vn
from dangvien.errors import UnknownIdError
from dangvien.findings import Finding, Language, Severity, count_by_severity
from dangvien.messages import Text
from dangvien.model.plan import CountBy, Plan
from dangvien.model.register import Dataset
from dangvien.model.stages import Stage
from dangvien.parameters import Parameters
from dangvien.quotas.counting import CANDIDATE_STAGES, CellPipeline, stage_counts
from dangvien.quotas.forecasting import DEFAULT_HISTORY_YEARS, Forecast, forecast
from dangvien.quotas.fulfilment import (
    CellFulfilment,
    IntroductionFulfilment,
    OrgFulfilment,
    admissions,
    cumulative_fulfilment,
    format_decimal,
    format_percent,
    fulfilment_by_cell,
    introduction_fulfilment,
    percent,
    roll_up,
)
from dangvien.quotas.rates import Conversion, FunnelStep, conversion_rates, funnel
from dangvien.quotas.targets import plan_organization, select_plan
from dangvien.rules.eligibility import Candidate

__all__ = ["Report", "build_report"]

#: Width of the text rendering.
WIDTH = 100


@attrs.frozen(kw_only=True)
class Report:
    """A plan-fulfilment report for one year (báo cáo thực hiện kế hoạch).

    Attributes:
        organization: the name of the organisation reported on.
        plan: the plan measured against, if any.
        year: the year.
        as_of: the as-of date: events after it are not counted.
        count_by: which date places an admission in a year.
        cells: each cell's targets and admissions in *year*.
        cumulative: each cell's sums over the plan's years up to *year*.
        totals: the sums rolled up the organisation tree.
        introductions: each mass organisation's introductions in *year*.
        plan_findings: the plan checks' findings.
        pipeline: people per stage per cell on *as_of*.
        candidates: the people in the pipeline, earliest admission first.
        rates: conversion of each candidate stage to admission within a year.
        funnel: the sympathizers of the history years followed to membership.
        forecast: the year-end forecast.
        rule_counts: rule findings per severity (every severity present).
        rule_ids: rule findings per rule id.

    """

    __json__: ClassVar[tuple[str, ...]] = ("target", "admitted")

    organization: str
    plan: Plan | None
    year: int
    as_of: date
    count_by: CountBy
    cells: tuple[CellFulfilment, ...]
    cumulative: tuple[CellFulfilment, ...]
    totals: tuple[OrgFulfilment, ...]
    introductions: tuple[IntroductionFulfilment, ...]
    plan_findings: tuple[Finding, ...]
    pipeline: tuple[CellPipeline, ...]
    candidates: tuple[Candidate, ...]
    rates: tuple[Conversion, ...]
    funnel: tuple[FunnelStep, ...]
    forecast: Forecast
    rule_counts: tuple[tuple[Severity, int], ...]
    rule_ids: tuple[tuple[str, int], ...]

    @property
    def target(self) -> int | None:
        """The year's total target over the listed cells (None when none is set)."""
        ts = [c.target for c in self.cells if c.target is not None]
        return sum(ts) if ts else None

    @property
    def admitted(self) -> int:
        """The year's admissions over the listed cells."""
        return sum(c.admitted for c in self.cells)

    def render_text(self, lang: Language = "vi", width: int = WIDTH) -> str:
        """Render the report as text at most *width* columns wide (80–100 recommended)."""
        return _Renderer(self, lang, width).render()


def _row_key(row: CellFulfilment) -> str:
    """A cell row's key: the cell id, or the printed name of an unresolved target."""
    return row.cell if row.cell is not None else "?" + (row.printed or row.name)


def build_report(
    dataset: Dataset,
    *,
    year: int | None = None,
    as_of: date | None = None,
    plan: Plan | str | None = None,
    count_by: CountBy = CountBy.DECISION,
    scale: bool = False,
    carry_over: bool = False,
    stagnant_years: int | None = None,
    history_years: int = DEFAULT_HISTORY_YEARS,
    params: Parameters | None = None,
) -> Report:
    """Build the fulfilment report of *year* as of *as_of*.

    Everything is computed on the dataset as known on the as-of date, with
    one context: the rule findings, the plan checks and the pipeline come
    from the same rules.

    Args:
        dataset: the dataset.
        year: the year (default: the as-of date's year).
        as_of: events after it are ignored (default: the dataset's own date,
            else today in Vietnam).
        plan: the plan or its id (default: the latest plan covering *year*,
            else the latest plan).
        count_by: which date places an admission in a year.
        scale: weight the forecast's candidates by conversion rates.
        carry_over: carry each cell's forecast shortfall into next year.
        stagnant_years: the stagnation window's length (default: 3).
        history_years: years of history for the conversion rates.
        params: the legal parameters.

    Raises:
        UnknownIdError: when *plan* is an id no plan has.

    """
    from dangvien.rules import REGISTRY, PlanSubject, Scope, context, evaluate, evaluations
    from dangvien.rules._context import resolve_as_of
    from dangvien.rules.eligibility import candidates

    as_of = resolve_as_of(dataset, as_of).date
    year = as_of.year if year is None else year
    ctx = context(
        dataset, as_of=as_of, params=params, year=year, count_by=count_by,
        stagnant_years=stagnant_years,
    )  # fmt: skip
    view = ctx.dataset
    if isinstance(plan, str):
        chosen = select_plan(view.plans, year, plan_id=plan)
        if chosen is None:
            raise UnknownIdError.from_text(Text("report.unknown_plan", {"plan": plan}))
    else:
        chosen = plan or select_plan(view.plans, year)
    org = view.organization if chosen is None else plan_organization(view, chosen)
    items = admissions(view, count_by=count_by, as_of=as_of)
    found = candidates(ctx, organization=org, include_admitted=count_by is CountBy.CEREMONY)
    cells = fulfilment_by_cell(view, year, plan=chosen, count_by=count_by, as_of=as_of, items=items)
    cumulative: tuple[CellFulfilment, ...] = ()
    plan_findings: list[Finding] = []
    if chosen is not None:
        cumulative = cumulative_fulfilment(view, chosen, year, count_by=count_by,
                                           as_of=as_of, items=items)  # fmt: skip
        plan_rules = [r for r in REGISTRY.values() if r.scope is Scope.PLAN]
        plan_findings = [
            e.finding
            for e in evaluate(plan_rules, ctx, PlanSubject(chosen), explaining=False)
            if e.finding is not None
        ]
    history = range(year - history_years, year)
    rates = conversion_rates(view, years=history, as_of=as_of)
    fc = forecast(view, year, plan=chosen, as_of=as_of, count_by=count_by, scale=scale,
                  carry_over=carry_over, history_years=history_years, params=params,
                  found=found, items=items)  # fmt: skip
    legal = [r for r in REGISTRY.values() if r.scope is not Scope.PLAN]
    rule_found = [e.finding for e in evaluations(ctx, legal, explaining=False) if e.finding]
    by_rule = Counter(f.rule for f in rule_found)
    return Report(
        organization=org.name,
        plan=chosen,
        year=year,
        as_of=as_of,
        count_by=count_by,
        cells=cells,
        cumulative=cumulative,
        totals=roll_up(cells, view.organization),
        introductions=introduction_fulfilment(view, year, plan=chosen, as_of=as_of),
        plan_findings=tuple(plan_findings),
        pipeline=stage_counts(view, as_of, organization=org),
        candidates=found,
        rates=tuple(rates.values()),
        funnel=funnel(view, years=history, as_of=as_of),
        forecast=fc,
        rule_counts=tuple(count_by_severity(rule_found).items()),
        rule_ids=tuple(sorted(by_rule.items())),
    )


# --- text rendering -------------------------------------------------------------------

_T: dict[str, tuple[str, str]] = {
    "title": ("BÁO CÁO THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN ĐẢNG VIÊN NĂM {year}",
              "PARTY-MEMBER DEVELOPMENT PLAN: FULFILMENT REPORT FOR {year}"),
    "as_of": ("Số liệu đến ngày {day}; kết nạp tính theo {count_by}.",
              "Data up to {day}; admissions counted by {count_by}."),
    "plan": ("Kế hoạch {number} ngày {day} của {issuer}, giai đoạn {period}.",
             "Plan {number} of {day} by {issuer}, period {period}."),
    "no_plan": ("Không có kế hoạch nào trong dữ liệu.", "The dataset has no plan."),
    "headline": ("Chỉ tiêu cơ bản: {low}–{high} đảng viên mỗi năm; bảng chỉ tiêu: {sum}.",
                 "Headline: {low}–{high} admissions a year; target table: {sum}."),
    "s1": ("1. Chỉ tiêu và kết quả kết nạp theo chi bộ", "1. Targets and admissions by cell"),
    "year_col": ("Năm {year}", "Year {year}"),
    "cum_col": ("Lũy kế {span}", "Cumulative {span}"),
    "fc_col": ("Dự báo 31/12", "Forecast 31/12"),
    "tt": ("TT", "#"),
    "cell": ("Chi bộ", "Cell"),
    "target": ("Chỉ tiêu", "Target"),
    "admitted": ("Kết nạp", "Admitted"),
    "pct": ("Đạt", "Done"),
    "source": ("Nguồn", "Pool"),
    "total": ("Cộng", "Total"),
    "unresolved": ("(không rõ)", "(unknown)"),
    "legend": ("— : không giao chỉ tiêu. Nguồn: số người trong nguồn kết nạp (ưu tú, cảm tình "
               "Đảng, làm hồ sơ, chi bộ đã đề nghị). Dự báo: đã kết nạp + người trong nguồn có "
               "thể kết nạp trước 31/12{scaled}. Tỷ lệ làm tròn nửa lên đến 1 chữ số thập phân.",
               "— : no target. Pool: people in the pipeline (outstanding, sympathizers, "
               "applicants, proposed by the cell). Forecast: admitted + candidates who could be "
               "admitted by 31/12{scaled}. Percentages rounded half up to one decimal."),
    "scaled": (", mỗi người tính theo tỷ lệ chuyển thành đảng viên của giai đoạn mình",
               ", each weighted by their stage's conversion rate"),
    "s2": ("2. Tổng hợp theo cấp", "2. Totals by level"),
    "roll": ("chỉ tiêu {target}, kết nạp {admitted}, đạt {pct}",
             "target {target}, admitted {admitted}, {pct}"),
    "s3": ("3. Giới thiệu quần chúng ưu tú của MTTQ và các đoàn thể",
           "3. Introductions by the Fatherland Front and mass organisations"),
    "org": ("Tổ chức", "Organisation"),
    "quota": ("Chỉ tiêu", "Quota"),
    "introduced": ("Đã giới thiệu", "Introduced"),
    "s4": ("4. Kiểm tra kế hoạch", "4. Plan checks"),
    "none": ("Không có phát hiện nào.", "Nothing found."),
    "basis": ("căn cứ", "basis"),
    "s5": ("5. Nguồn kết nạp ngày {day}", "5. Pipeline on {day}"),
    "earliest": ("sớm nhất {day}", "earliest {day}"),
    "blocked": ("không đủ điều kiện", "not eligible"),
    "todo": ("còn phải: {steps}", "still to do: {steps}"),
    "no_candidates": ("Không có ai trong nguồn kết nạp.", "Nobody in the pipeline."),
    "rates": ("Tỷ lệ được kết nạp trong 1 năm kể từ khi vào giai đoạn (năm {span}):",
              "Share admitted within 1 year of entering the stage ({span}):"),
    "funnel": ("Phễu: người vào danh sách cảm tình Đảng năm {span}, đến nay: {steps}.",
               "Funnel: people listed as sympathizers in {span}, so far: {steps}."),
    "s6": ("6. Dự báo đến 31/12/{year}", "6. Forecast to 31/12/{year}"),
    "fc_total": ("Dự báo kết nạp {fc} / chỉ tiêu {target} ({pct}); đã kết nạp {admitted}; "
                 "các chi bộ chưa đạt còn thiếu tổng cộng {short}.",
                 "Forecast {fc} admissions / target {target} ({pct}); {admitted} admitted; "
                 "the cells below target are {short} short in all."),
    "carry": ("Chỉ tiêu năm {next} có cộng phần thiếu: {cells}.",
              "Targets for {next} with the shortfall carried: {cells}."),
    "s7": ("7. Kiểm tra theo quy định (dangvien check) ngày {day}",
           "7. Rule checks (dangvien check) on {day}"),
}  # fmt: skip

_STAGE_SHORT = {
    Stage.OUTSTANDING: ("Ưu tú", "Outst."),
    Stage.SYMPATHIZER: ("Cảm tình", "Symp."),
    Stage.APPLICANT: ("Hồ sơ", "Appl."),
    Stage.PROPOSED: ("Đề nghị", "Prop."),
}


class _Renderer:
    """Lay a report out as text."""

    def __init__(self, report: Report, lang: Language, width: int) -> None:
        self.r = report
        self.lang = lang
        self.width = width
        self.lines: list[str] = []

    def t(self, key: str, **kw: object) -> str:
        vi, en = _T[key]
        return (vi if self.lang == "vi" else en).format(**kw)

    def pct(self, value: Fraction | None) -> str:
        return "—" if value is None else format_percent(value, self.lang)

    def wrap(self, text: str, indent: str = "", first: str | None = None) -> None:
        self.lines.extend(
            textwrap.wrap(
                text,
                width=self.width,
                initial_indent=indent if first is None else first,
                subsequent_indent=indent,
                break_on_hyphens=False,
            )
            or [""]
        )

    def heading(self, text: str) -> None:
        self.lines.extend(["", text, "─" * min(len(text), self.width)])

    def render(self) -> str:
        self.header()
        self.cells()
        self.totals()
        self.introductions()
        self.plan_checks()
        self.pipeline()
        self.forecast()
        self.rules()
        return "\n".join(line.rstrip() for line in self.lines) + "\n"

    def header(self) -> None:
        r = self.r
        self.lines.append(self.t("title", year=r.year))
        self.lines.append(r.organization)
        count_by = r.count_by.label_vi if self.lang == "vi" else r.count_by.label_en
        self.wrap(self.t("as_of", day=format_date_vn(r.as_of), count_by=count_by))
        plan = r.plan
        if plan is None:
            self.lines.append(self.t("no_plan"))
            return
        p = plan.period
        period = f"{p.first_year}–{p.last_year}"
        if p.open_ended:
            period += " và những năm tiếp theo" if self.lang == "vi" else " and following years"
        self.wrap(self.t("plan", number=plan.number, day=format_date_vn(plan.date),
                         issuer=plan.issuer, period=period))  # fmt: skip
        if plan.headline is not None:
            self.wrap(self.t("headline", low=plan.headline.low, high=plan.headline.high,
                             sum=r.target if r.target is not None else "—"))  # fmt: skip

    def cells(self) -> None:
        r = self.r
        self.heading(self.t("s1"))
        names = [self.cell_name(c) for c in r.cells]
        nw = max([len(self.t("cell")), len(self.t("total")), *map(len, names)]) + 1
        cum = {_row_key(c): c for c in r.cumulative}
        pipe = {p.cell: p for p in r.pipeline}
        fc = {f.cell: f for f in r.forecast.cells}
        span = ""
        if r.cumulative:
            first = r.cumulative[0]
            span = f"{first.first_year}–{first.last_year}"
        # Inline cumulative columns need 100 columns; narrower, they get their own table.
        inline = bool(r.cumulative) and self.width >= WIDTH
        trio_head = f"{self.t('target'):>9}{self.t('admitted'):>9}{self.t('pct'):>8}"
        top = " " * (4 + nw) + f"{self.t('year_col', year=r.year):^26}"
        if inline:
            top += f"{self.t('cum_col', span=span):^26}"
        self.lines.append(top + f"{'':>7}{self.t('fc_col'):^18}")
        head = f"{self.t('tt'):>3} {self.t('cell'):<{nw}}" + trio_head
        head += trio_head if inline else ""
        head += f"{self.t('source'):>7}{self.t('admitted'):>10}{self.t('pct'):>8}"
        self.lines.append(head)
        for i, (row, name) in enumerate(zip(r.cells, names, strict=True), 1):
            line = f"{i:>3} {name:<{nw}}" + self.trio(row.target, row.admitted)
            if inline:
                c = cum.get(_row_key(row))
                line += self.trio(c.target, c.admitted) if c is not None else " " * 26
            p = pipe.get(row.cell) if row.cell is not None else None
            line += f"{'' if p is None else p.candidates:>7}"
            f = fc.get(row.cell) if row.cell is not None else None
            if f is not None:
                line += f"{self.num(f.forecast):>10}{self.pct(f.percent):>8}"
            self.lines.append(line)
        total = f"{'':>3} {self.t('total'):<{nw}}" + self.trio(r.target, r.admitted)
        if inline:
            total += self.cum_total()
        total += f"{sum(p.candidates for p in r.pipeline):>7}"
        total += f"{self.num(r.forecast.total):>10}"
        total += f"{self.pct(percent(r.forecast.total, r.forecast.target)):>8}"
        self.lines.append(total)
        if r.cumulative and not inline:
            self.lines.extend(["", " " * (4 + nw) + f"{self.t('cum_col', span=span):^26}"])
            self.lines.append(f"{self.t('tt'):>3} {self.t('cell'):<{nw}}" + trio_head)
            for i, c in enumerate(r.cumulative, 1):
                line = f"{i:>3} {self.cell_name(c):<{nw}}" + self.trio(c.target, c.admitted)
                self.lines.append(line)
            self.lines.append(f"{'':>3} {self.t('total'):<{nw}}" + self.cum_total())
        self.lines.append("")
        scaled = self.t("scaled") if r.forecast.scaled else ""
        self.wrap(self.t("legend", scaled=scaled))

    def cell_name(self, row: CellFulfilment) -> str:
        if row.cell is not None:
            return row.name
        return f"{row.printed or row.name} {self.t('unresolved')}"

    def cum_total(self) -> str:
        rows = self.r.cumulative
        ts = [c.target for c in rows if c.target is not None]
        return self.trio(sum(ts) if ts else None, sum(c.admitted for c in rows))

    def num(self, value: Fraction) -> str:
        if value.denominator == 1:
            return str(value.numerator)
        return "≈" + format_decimal(value, self.lang)

    def trio(self, target: int | None, admitted: int) -> str:
        return (
            f"{'—' if target is None else target:>9}{admitted:>9}"
            f"{self.pct(percent(admitted, target)):>8}"
        )

    def totals(self) -> None:
        self.heading(self.t("s2"))
        for t in self.r.totals:
            label = "  " * t.depth + t.name
            target = "—" if t.target is None else t.target
            roll = self.t("roll", target=target, admitted=t.admitted, pct=self.pct(t.percent))
            self.lines.append(f"{label:<40} {roll}")

    def introductions(self) -> None:
        rows = self.r.introductions
        if not rows:
            return
        self.heading(self.t("s3"))
        nw = max([len(self.t("org")), len(self.t("total")), *(len(x.name) for x in rows)]) + 1
        self.lines.append(
            f"{self.t('org'):<{nw}}{self.t('quota'):>9}{self.t('introduced'):>15}{self.t('pct'):>9}"
        )
        for x in rows:
            target = "—" if x.target is None else str(x.target)
            self.lines.append(
                f"{x.name:<{nw}}{target:>9}{x.introduced:>15}{self.pct(x.percent):>9}"
            )
        ts = [x.target for x in rows if x.target is not None]
        target_sum = sum(ts) if ts else None
        done = sum(x.introduced for x in rows if x.target is not None)
        self.lines.append(
            f"{self.t('total'):<{nw}}{'—' if target_sum is None else target_sum:>9}"
            f"{done:>15}{self.pct(percent(done, target_sum)):>9}"
        )

    def plan_checks(self) -> None:
        self.heading(self.t("s4"))
        found = self.r.plan_findings
        if not found:
            self.lines.append(self.t("none"))
            return
        order = {s: i for i, s in enumerate(Severity)}
        for f in sorted(found, key=lambda f: order[f.severity]):
            label = f.severity.label_vi if self.lang == "vi" else f.severity.value
            self.wrap(f.message(self.lang), indent="    ", first=f"• [{label}] {f.rule}: ")
            if f.citation is not None:
                self.wrap(f"{self.t('basis')}: {f.citation}", indent="    ")

    def pipeline(self) -> None:
        r = self.r
        self.heading(self.t("s5", day=format_date_vn(r.as_of)))
        rows = [p for p in r.pipeline if p.candidates]
        if not rows:
            self.lines.append(self.t("no_candidates"))
        else:
            nw = max([len(self.t("cell")), len(self.t("total")), *(len(p.name) for p in rows)]) + 1
            k = 0 if self.lang == "vi" else 1
            self.lines.append(
                f"{self.t('cell'):<{nw}}"
                + "".join(f"{_STAGE_SHORT[s][k]:>10}" for s in CANDIDATE_STAGES)
            )
            for p in rows:
                self.lines.append(
                    f"{p.name:<{nw}}" + "".join(f"{p.count(s):>10}" for s in CANDIDATE_STAGES)
                )
            self.lines.append(
                f"{self.t('total'):<{nw}}"
                + "".join(f"{sum(p.count(s) for p in rows):>10}" for s in CANDIDATE_STAGES)
            )
            self.lines.append("")
            names = {p.cell: p.name for p in r.pipeline}
            for c in r.candidates:
                stage = c.stage.value if self.lang == "vi" else c.stage.label_en
                when = (
                    self.t("blocked") if c.earliest is None
                    else self.t("earliest", day=format_date_vn(c.earliest))
                )  # fmt: skip
                text = f"{c.person} ({names.get(c.cell, c.cell)}, {stage}): {when}"
                todo = [e.rule for e in c.todo] + [
                    s.label_vi if self.lang == "vi" else s.label_en for s in c.steps
                ]
                if todo:
                    text += "; " + self.t("todo", steps=", ".join(todo))
                self.wrap(text, indent="    ", first="  ")
        if r.rates:
            first = r.rates[0]
            self.lines.append("")
            self.wrap(self.t("rates", span=f"{first.first_year}–{first.last_year}"))
            for rate in r.rates:
                stage = rate.from_stage.value if self.lang == "vi" else rate.from_stage.label_en
                shown = rate.display(self.lang)
                self.lines.append(f"  {stage:<28}{rate.converted:>4}/{rate.cohort:<4}{shown:>10}")
        if r.funnel and r.funnel[0].reached:
            steps = " → ".join(
                f"{f.reached} {f.stage.value if self.lang == 'vi' else f.stage.label_en}"
                for f in r.funnel
            )
            self.lines.append("")
            self.wrap(self.t("funnel", span=self.history_span(), steps=steps))

    def history_span(self) -> str:
        rates = self.r.rates
        return f"{rates[0].first_year}–{rates[0].last_year}" if rates else ""

    def forecast(self) -> None:
        r = self.r
        fc = r.forecast
        self.heading(self.t("s6", year=r.year))
        target = fc.target
        shown = "—" if target is None else target
        pct = self.pct(percent(fc.total, target))
        self.wrap(self.t("fc_total", fc=self.num(fc.total), target=shown, pct=pct,
                         admitted=fc.admitted, short=fc.shortfall))  # fmt: skip
        if fc.carry_over:
            parts = [f"{c.name} {c.next_total}" for c in fc.cells if c.next_total is not None]
            self.wrap(self.t("carry", next=r.year + 1, cells=", ".join(parts)))

    def rules(self) -> None:
        r = self.r
        self.heading(self.t("s7", day=format_date_vn(r.as_of)))
        counts = ", ".join(
            f"{n} {s.label_vi if self.lang == 'vi' else s.value}" for s, n in r.rule_counts
        )
        self.wrap(counts)
        if r.rule_ids:
            self.wrap(", ".join(f"{rid} {n}" for rid, n in r.rule_ids), indent="  ")
