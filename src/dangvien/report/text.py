"""The report as text for an 80–100 column terminal (báo cáo dạng văn bản).

Every word comes from the catalogue (``messages/report.toml``,
``messages/report_levels.toml``); numbers and dates are formatted by
:func:`dangvien.messages.format_value`, percentages as the report's
:class:`~dangvien.quotas.PercentStyle` says (``--decimals``,
``--rounding``), so ``--lang en`` is English throughout and a report prints
its percentages the way its office does.  Sections are numbered in order;
those with nothing to show (no introductions, no published figures) are
left out.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from fractions import Fraction
from typing import Any, Final

import attrs

from dangvien.findings import Language, Severity
from dangvien.messages import format_value, render
from dangvien.quotas.breakdowns import Section
from dangvien.quotas.counting import CANDIDATE_STAGES
from dangvien.report.data import Report, Tally
from dangvien.report.tables import (
    Kind,
    Table,
    breakdown_tables,
    claim_figures,
    claim_verdict,
    format_cell,
    level_mark,
    number_text,
    percent_text,
    unit_name,
)

__all__ = ["WIDTH", "render_text"]

#: Width of the text rendering (the widest; 80 is the narrowest recommended).
WIDTH: Final = 100


def render_text(report: Report, lang: Language = "vi", /, *, width: int = WIDTH) -> str:
    """Render *report* as text at most *width* columns wide (80–100 recommended)."""
    return _Layout(report, lang, width).render()


class _Layout:
    """Lay a report out as text."""

    def __init__(self, report: Report, lang: Language, width: int) -> None:
        self.r = report
        self.lang: Language = lang
        self.width = width
        self.lines: list[str] = []
        self.number = 0
        # A percentage's column: "100,0%" in 8, wider with two decimals ("100,00%").
        self.pw = 7 + report.style.places

    def t(self, key: str, **facts: Any) -> str:
        return render(f"report.{key}", self.lang, **facts)

    def lt(self, key: str, **facts: Any) -> str:
        return render(f"report_levels.{key}", self.lang, **facts)

    def pct(self, value: Fraction | None) -> str:
        return percent_text(value, self.lang, self.r.style)

    def num(self, value: Fraction) -> str:
        return number_text(value, self.lang, self.r.style)

    def opt(self, value: int | None) -> str:
        return self.t("no_value") if value is None else str(value)

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
        self.number += 1
        title = self.lt("numbered", n=self.number, title=text)
        self.lines.extend(["", title, "─" * min(len(title), self.width)])

    def render(self) -> str:
        self.header()
        sections: tuple[Callable[[], None], ...] = (
            self.units,
            self.levels,
            self.introductions,
            self.plan_checks,
            self.claims,
            self.breakdowns,
            self.pipeline,
            self.forecast,
            self.rules,
        )
        for section in sections:
            section()
        return "\n".join(line.rstrip() for line in self.lines) + "\n"

    def header(self) -> None:
        r = self.r
        self.lines.append(self.t("title", year=r.year))
        self.lines.append(r.organization.name)
        self.wrap(self.t("as_of", day=r.as_of.date, source=r.as_of.source, count_by=r.count_by))
        if not r.counted:
            self.wrap(self.t("not_counted"))
        plan = r.plan
        if plan is None:
            self.lines.append(self.t("no_plan", year=self.r.year))
            return
        p = plan.period
        key = "period.open" if p.open_ended else "period.closed"
        period = self.t(key, first=p.first_year, last=p.last_year)
        self.wrap(
            self.t("plan", number=plan.number, day=plan.date, issuer=plan.issuer, period=period)
        )
        if plan.headline is not None:
            self.wrap(
                self.t(
                    "headline",
                    low=plan.headline.low,
                    high=self.opt(plan.headline.high),
                    sum=self.opt(r.table_sum),
                )
            )

    # --- 1. the plan's units --------------------------------------------------------

    def trio(self, tally: Tally | None) -> str:
        if tally is None:
            return " " * (18 + self.pw)
        pct = self.pct(tally.percent)
        return f"{self.opt(tally.target):>9}{tally.admitted:>9}{pct:>{self.pw}}"

    def units(self) -> None:
        r = self.r
        self.heading(self.t("section.units"))
        names = [unit_name(row, self.lang) for row in r.rows]
        nw = max([len(self.t("col.unit")), len(self.t("total")), *map(len, names)]) + 1
        spans = [row.cumulative for row in r.rows if row.cumulative is not None]
        cum_head = ""
        if spans:
            cum_head = self.t("col.cumulative", first=spans[0].first_year, last=spans[0].last_year)
        # Inline cumulative columns need room; narrower, they get their own table.
        pw, tw = self.pw, 18 + self.pw
        inline = bool(spans) and 4 + nw + 2 * tw + 17 + pw <= self.width
        trio_head = (
            f"{self.t('col.target'):>9}{self.t('col.admitted'):>9}{self.t('col.percent'):>{pw}}"
        )
        top = " " * (4 + nw) + f"{self.t('col.year', year=r.year):^{tw}}"
        if inline:
            top += f"{cum_head:^{tw}}"
        self.lines.append(top + f"{'':>7}{self.t('col.forecast'):^{10 + pw}}")
        head = f"{self.t('col.number'):>3} {self.t('col.unit'):<{nw}}" + trio_head
        head += trio_head if inline else ""
        head += f"{self.t('col.pool'):>7}{self.t('col.admitted'):>10}"
        head += f"{self.t('col.percent'):>{pw}}"
        self.lines.append(head)
        for i, (row, name) in enumerate(zip(r.rows, names, strict=True), 1):
            line = f"{i:>3} {name:<{nw}}" + self.trio(row.year)
            if inline:
                line += self.trio(row.cumulative)
            line += f"{row.pipeline.candidates if row.unit is not None else '':>7}"
            f = row.forecast
            if f is not None:
                line += f"{self.num(f.forecast):>10}{self.pct(f.percent):>{pw}}"
            self.lines.append(line)
        t = r.total
        total = f"{'':>3} {self.t('total'):<{nw}}" + self.trio(t.year)
        if inline:
            total += self.trio(t.cumulative)
        total += f"{t.pipeline.candidates:>7}"
        fc = r.forecast
        total += f"{self.num(fc.forecast):>10}{self.pct(fc.percent):>{pw}}"
        self.lines.append(total)
        if spans and not inline:
            self.lines.extend(["", " " * (4 + nw) + f"{cum_head:^{tw}}"])
            self.lines.append(f"{self.t('col.number'):>3} {self.t('col.unit'):<{nw}}" + trio_head)
            for i, (row, name) in enumerate(zip(r.rows, names, strict=True), 1):
                if row.cumulative is not None:
                    self.lines.append(f"{i:>3} {name:<{nw}}" + self.trio(row.cumulative))
            self.lines.append(f"{'':>3} {self.t('total'):<{nw}}" + self.trio(t.cumulative))
        self.lines.append("")
        scaled = self.t("legend_scaled") if fc.scaled else ""
        self.wrap(self.t("legend", scaled=scaled, style=r.style))

    # --- 2. every level ---------------------------------------------------------------

    def levels(self) -> None:
        r = self.r
        self.heading(self.lt("section.levels"))
        labels = [
            "  " * row.depth + row.name + (f" {m}" if (m := level_mark(row, self.lang)) else "")
            for row in r.levels
        ]
        unit, alloc, own, done, pct = (
            self.lt("col.unit"),
            self.lt("col.allocated"),
            self.lt("col.planned"),
            self.lt("col.admitted"),
            self.lt("col.percent"),
        )
        nw = max([len(unit), *map(len, labels)]) + 1
        widths = [max(len(h) + 1, 7) for h in (alloc, own, done)]
        pw = max(len(pct) + 1, self.pw + 1)
        head = f"{unit:<{nw}}" + "".join(
            f"{h:>{w}}" for h, w in zip((alloc, own, done), widths, strict=True)
        )
        self.lines.append(head + f"{pct:>{pw}}")
        for row, label in zip(r.levels, labels, strict=True):
            values = (self.opt(row.allocated), self.opt(row.planned), str(row.admitted))
            cells = "".join(f"{v:>{w}}" for v, w in zip(values, widths, strict=True))
            self.lines.append(f"{label:<{nw}}{cells}{self.pct(row.percent):>{pw}}")
        self.lines.append("")
        self.wrap(
            self.lt(
                "legend.levels",
                below=self.lt("mark.warning"),
                above=self.lt("mark.info"),
            )
        )
        shown = set(r.plan_findings)
        below = [f for row in r.levels for f in row.findings if f not in shown]
        if below:
            self.lines.append("")
            self.lines.append(self.lt("below_findings"))
            for f in below:
                label = f.severity.label(self.lang)
                self.wrap(f.message(self.lang), indent="    ", first=f"• [{label}] ")
        self.subtotals()

    def subtotals(self) -> None:
        r = self.r
        groups = [s for s in r.subtotals if sum(x.by is s.by for x in r.subtotals) > 1]
        if not groups or r.plan is None:
            return
        self.lines.append("")
        self.lines.append(self.lt("subtotals", number=r.plan.number))
        heads = (
            self.lt("col.group"),
            self.lt("col.units"),
            self.lt("col.target"),
            self.lt("col.admitted"),
            self.lt("col.percent"),
        )
        names = [s.label.render(self.lang) for s in groups]
        nw = max([len(heads[0]), *(len(n) + 2 for n in names)]) + 1
        ws = [max(len(h) + 1, 7) for h in heads[1:4]] + [max(len(heads[4]) + 1, self.pw + 1)]
        self.lines.append(
            "  "
            + f"{heads[0]:<{nw}}"
            + "".join(f"{h:>{w}}" for h, w in zip(heads[1:], ws, strict=True))
        )
        by = None
        for s, name in zip(groups, names, strict=True):
            if s.by is not by:
                by = s.by
                self.lines.append("  " + format_value(by, self.lang))
            values = (str(s.units), self.opt(s.target), self.opt(s.achieved), self.pct(s.percent))
            self.lines.append(
                "  "
                + f"{'  ' + name:<{nw}}"
                + "".join(f"{v:>{w}}" for v, w in zip(values, ws, strict=True))
            )

    # --- introductions, plan checks, published figures --------------------------------

    def introductions(self) -> None:
        rows = self.r.introductions
        if not rows:
            return
        self.heading(self.t("section.introductions"))
        org, quota, done, pct = (
            self.t("col.organization"),
            self.t("col.quota"),
            self.t("col.introduced"),
            self.t("col.percent"),
        )
        nw = max([len(org), len(self.t("total")), *(len(x.name) for x in rows)]) + 1
        pw = self.pw + 1
        self.lines.append(f"{org:<{nw}}{quota:>9}{done:>15}{pct:>{pw}}")
        for x in rows:
            self.lines.append(
                f"{x.name:<{nw}}{self.opt(x.target):>9}{x.introduced:>15}"
                f"{self.pct(x.percent):>{pw}}"
            )
        ts = [x.target for x in rows if x.target is not None]
        target_sum = sum(ts) if ts else None
        introduced = sum(x.introduced for x in rows if x.target is not None)
        total_pct = None if not target_sum else Fraction(introduced * 100, target_sum)
        self.lines.append(
            f"{self.t('total'):<{nw}}{self.opt(target_sum):>9}{introduced:>15}"
            f"{self.pct(total_pct):>{pw}}"
        )

    def plan_checks(self) -> None:
        self.heading(self.t("section.plan_checks"))
        found = self.r.plan_findings
        if not found:
            self.lines.append(self.t("none"))
            return
        order = {s: i for i, s in enumerate(Severity)}
        for f in sorted(found, key=lambda f: order[f.severity]):
            label = f.severity.label(self.lang)
            self.wrap(f.message(self.lang), indent="    ", first=f"• [{label}] {f.rule}: ")
            if f.citation is not None:
                self.wrap(self.t("basis", citation=f.citation.text), indent="    ")

    def claims(self) -> None:
        claims = self.r.claims
        if not claims:
            return
        self.heading(self.lt("section.claims"))
        for c in claims:
            stated, computed = claim_figures(c, self.lang)
            text = self.lt(
                "claim",
                where=c.where,
                text=c.claim.text,
                stated=stated,
                computed=self.t("no_value") if computed is None else computed,
                verdict=claim_verdict(c),
            )
            self.wrap(text, indent="    ", first="• ")
        self.lines.append("")
        self.wrap(
            self.lt(
                "claims_summary",
                agree=sum(c.agrees is True for c in claims),
                disagree=sum(c.agrees is False for c in claims),
                unknown=sum(c.agrees is None for c in claims),
            )
        )

    # --- breakdowns ------------------------------------------------------------------

    def breakdowns(self) -> None:
        r = self.r
        if not r.breakdowns:
            return
        self.heading(self.lt("section.breakdowns", year=r.year))
        top = r.breakdowns[0]
        if not r.counted:
            self.wrap(self.t("not_counted"))
            return
        if not top.total:
            self.lines.append(self.lt("breakdown.empty"))
            return
        for table, section in zip(breakdown_tables(r, self.lang), Section, strict=True):
            self.lines.append("")
            self.lines.append(format_value(section, self.lang).capitalize())
            if section not in (Section.OF_WHICH, Section.AGE):
                # By unit these run long: the whole organisation here, every unit in the files.
                table = attrs.evolve(table, rows=table.rows[:1])
            self.grid(table.brief())
            if section is Section.OF_WHICH:
                shares = ", ".join(
                    self.lt(
                        "breakdown.share",
                        label=row.label,
                        percent=self.pct(None if row.share is None else row.share * 100),
                    )
                    for row in top.section(section)
                )
                self.wrap(self.lt("breakdown.shares", name=top.unit.name, shares=shares))
        if len(r.breakdowns) > 1:
            self.lines.append("")
            self.wrap(self.lt("breakdown.more"))

    def grid(self, table: Table) -> None:
        """Lay a table out: headings wrapped over lines, columns split to fit the width."""
        cols = table.columns
        rows = [*table.rows, *([table.total] if table.total is not None else [])]
        cells = [
            [
                format_cell(v, c.kind, self.lang, self.r.style)
                for v, c in zip(row, cols, strict=True)
            ]
            for row in rows
        ]
        widths = []
        for j, c in enumerate(cols):
            longest = max((len(w) for w in c.label.split()), default=1)
            values = max((len(r[j]) for r in cells), default=1)
            widths.append(max(values, longest, 1 if j == 0 else 6))
        widths[0] = max(widths[0], len(cols[0].label))
        chunks: list[list[int]] = [[]]
        used = widths[0]
        for j in range(1, len(cols)):
            if chunks[-1] and used + 2 + widths[j] > self.width:
                chunks.append([])
                used = widths[0]
            chunks[-1].append(j)
            used += 2 + widths[j]
        for n, chunk in enumerate(chunks):
            if n:
                self.lines.append("")
            heads = {j: textwrap.wrap(cols[j].label, widths[j]) or [""] for j in chunk}
            height = max(len(h) for h in heads.values())
            for i in range(height):
                line = f"{(cols[0].label if i == height - 1 else ''):<{widths[0]}}"
                for j in chunk:
                    h = heads[j]
                    part = h[i - (height - len(h))] if i >= height - len(h) else ""
                    line += "  " + f"{part:>{widths[j]}}"
                self.lines.append(line)
            for r in cells:
                line = f"{r[0]:<{widths[0]}}"
                for j in chunk:
                    align = "<" if cols[j].kind is Kind.TEXT else ">"
                    line += "  " + f"{r[j]:{align}{widths[j]}}"
                self.lines.append(line)

    # --- pipeline, forecast, rules ----------------------------------------------------

    def pipeline(self) -> None:
        r = self.r
        self.heading(self.t("section.pipeline", day=r.as_of.date))
        rows = [(row.name, row.pipeline) for row in r.rows if row.pipeline.candidates]
        if r.unplaced is not None and r.unplaced.candidates:
            rows.append((self.t("unplaced"), r.unplaced))
        if not rows:
            self.lines.append(self.t("no_candidates"))
        else:
            nw = max([len(self.t("col.unit")), len(self.t("total")), *(len(n) for n, _ in rows)])
            nw += 1
            heads = [self.t(f"stage_short.{s.name.lower()}") for s in CANDIDATE_STAGES]
            self.lines.append(f"{self.t('col.unit'):<{nw}}" + "".join(f"{h:>10}" for h in heads))
            for name, p in rows:
                counts = "".join(f"{p.count(s):>10}" for s in CANDIDATE_STAGES)
                self.lines.append(f"{name:<{nw}}{counts}")
            sums = "".join(f"{sum(p.count(s) for _, p in rows):>10}" for s in CANDIDATE_STAGES)
            self.lines.append(f"{self.t('total'):<{nw}}{sums}")
            self.lines.append("")
            names: dict[str | None, str] = {row.unit: row.name for row in r.levels}
            for c in r.candidates:
                when = (
                    self.t("blocked") if c.earliest is None else self.t("earliest", day=c.earliest)
                )
                unit = names.get(c.unit, c.unit or self.t("unplaced"))
                text = self.t("candidate", person=c.person, unit=unit, stage=c.stage, when=when)
                todo = [*c.todo, *(format_value(s, self.lang) for s in c.steps)]
                if todo:
                    text += "; " + self.t("todo", steps=", ".join(todo))
                self.wrap(text, indent="    ", first="  ")
        if r.rates:
            first = r.rates[0]
            self.lines.append("")
            self.wrap(self.t("rates", first=first.first_year, last=first.last_year))
            for rate in r.rates:
                stage = format_value(rate.from_stage, self.lang)
                shown = rate.display(self.lang, r.style)
                self.lines.append(f"  {stage:<28}{rate.converted:>4}/{rate.cohort:<4}{shown:>10}")
        if r.funnel and r.funnel[0].reached:
            steps = " → ".join(f"{f.reached} {format_value(f.stage, self.lang)}" for f in r.funnel)
            self.lines.append("")
            first_year, last_year = r.history
            self.wrap(self.t("funnel", first=first_year, last=last_year, steps=steps))

    def forecast(self) -> None:
        r = self.r
        fc = r.forecast
        self.heading(self.t("section.forecast", year=r.year))
        self.wrap(
            self.t(
                "forecast_total",
                forecast=self.num(fc.forecast),
                target=self.opt(fc.target),
                percent=self.pct(fc.percent),
                admitted=fc.admitted,
                short=fc.shortfall,
            )
        )
        if fc.carry_over:
            parts = [
                f"{row.name} {row.forecast.next_total}"
                for row in r.rows
                if row.forecast is not None and row.forecast.next_total is not None
            ]
            self.wrap(self.t("carry", next=r.year + 1, units=", ".join(parts)))

    def rules(self) -> None:
        r = self.r
        self.heading(self.t("section.rules", day=r.as_of.date))
        counts = ", ".join(f"{n} {s.label(self.lang)}" for s, n in r.rules.counts.items())
        self.wrap(counts)
        if r.rules.by_rule:
            self.wrap(", ".join(f"{rid} {n}" for rid, n in r.rules.by_rule.items()), indent="  ")
