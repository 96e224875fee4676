"""The report as text for an 80–100 column terminal (báo cáo dạng văn bản).

Every word comes from the catalogue (``messages/report.toml``); numbers and
dates are formatted by :func:`dangvien.messages.format_value` and
:func:`dangvien.quotas.fulfilment.format_percent`, so ``--lang en`` is
English throughout.
"""

from __future__ import annotations

import textwrap
from fractions import Fraction
from typing import Any, Final

from dangvien.findings import Language, Severity
from dangvien.messages import format_value, render
from dangvien.quotas.counting import CANDIDATE_STAGES
from dangvien.quotas.fulfilment import format_decimal, format_percent
from dangvien.report.data import Report, Tally, UnitRow

__all__ = ["WIDTH", "render_text"]

#: Width of the text rendering (the widest; 80 is the narrowest recommended).
WIDTH: Final = 100


def render_text(report: Report, lang: Language = "vi", /, *, width: int = WIDTH) -> str:
    """Render *report* as text at most *width* columns wide (80–100 recommended)."""
    return _Layout(report, lang, width).render()


def percent_text(value: Fraction | None, lang: Language) -> str:
    """A percentage rounded half up (``28,6%``), or "—" without a target."""
    return render("report.no_value", lang) if value is None else format_percent(value, lang)


def number_text(value: Fraction, lang: Language) -> str:
    """A whole number as is, a fraction as ``≈2,4``."""
    if value.denominator == 1:
        return str(value.numerator)
    return render("report.approx", lang, value=format_decimal(value, lang))


def unit_name(row: UnitRow, lang: Language) -> str:
    """A row's name; an unknown unit's printed name is marked as such."""
    if row.unit is not None:
        return row.name
    return render("report.unresolved", lang, name=row.printed or row.name)


class _Layout:
    """Lay a report out as text."""

    def __init__(self, report: Report, lang: Language, width: int) -> None:
        self.r = report
        self.lang: Language = lang
        self.width = width
        self.lines: list[str] = []

    def t(self, key: str, **facts: Any) -> str:
        return render(f"report.{key}", self.lang, **facts)

    def pct(self, value: Fraction | None) -> str:
        return percent_text(value, self.lang)

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
        self.lines.extend(["", text, "─" * min(len(text), self.width)])

    def render(self) -> str:
        self.header()
        self.units()
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
        self.lines.append(r.organization.name)
        self.wrap(self.t("as_of", day=r.as_of.date, source=r.as_of.source, count_by=r.count_by))
        plan = r.plan
        if plan is None:
            self.lines.append(self.t("no_plan"))
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
                    high=plan.headline.high,
                    sum=self.opt(r.target),
                )
            )

    def trio(self, tally: Tally | None) -> str:
        if tally is None:
            return " " * 26
        return f"{self.opt(tally.target):>9}{tally.admitted:>9}{self.pct(tally.percent):>8}"

    def units(self) -> None:
        r = self.r
        self.heading(self.t("section.units"))
        names = [unit_name(row, self.lang) for row in r.rows]
        nw = max([len(self.t("col.unit")), len(self.t("total")), *map(len, names)]) + 1
        spans = [row.cumulative for row in r.rows if row.cumulative is not None]
        cum_head = ""
        if spans:
            cum_head = self.t("col.cumulative", first=spans[0].first_year, last=spans[0].last_year)
        # Inline cumulative columns need 100 columns; narrower, they get their own table.
        inline = bool(spans) and self.width >= WIDTH
        trio_head = (
            f"{self.t('col.target'):>9}{self.t('col.admitted'):>9}{self.t('col.percent'):>8}"
        )
        top = " " * (4 + nw) + f"{self.t('col.year', year=r.year):^26}"
        if inline:
            top += f"{cum_head:^26}"
        self.lines.append(top + f"{'':>7}{self.t('col.forecast'):^18}")
        head = f"{self.t('col.number'):>3} {self.t('col.unit'):<{nw}}" + trio_head
        head += trio_head if inline else ""
        head += f"{self.t('col.pool'):>7}{self.t('col.admitted'):>10}{self.t('col.percent'):>8}"
        self.lines.append(head)
        for i, (row, name) in enumerate(zip(r.rows, names, strict=True), 1):
            line = f"{i:>3} {name:<{nw}}" + self.trio(row.year)
            if inline:
                line += self.trio(row.cumulative)
            line += f"{row.pipeline.candidates if row.unit is not None else '':>7}"
            f = row.forecast
            if f is not None:
                line += f"{number_text(f.forecast, self.lang):>10}{self.pct(f.percent):>8}"
            self.lines.append(line)
        total = f"{'':>3} {self.t('total'):<{nw}}" + self.trio(self.year_total())
        if inline:
            total += self.trio(self.cumulative_total())
        total += f"{sum(row.pipeline.candidates for row in r.rows):>7}"
        fc = r.forecast
        total += f"{number_text(fc.forecast, self.lang):>10}{self.pct(fc.percent):>8}"
        self.lines.append(total)
        if spans and not inline:
            self.lines.extend(["", " " * (4 + nw) + f"{cum_head:^26}"])
            self.lines.append(f"{self.t('col.number'):>3} {self.t('col.unit'):<{nw}}" + trio_head)
            for i, (row, name) in enumerate(zip(r.rows, names, strict=True), 1):
                if row.cumulative is not None:
                    self.lines.append(f"{i:>3} {name:<{nw}}" + self.trio(row.cumulative))
            self.lines.append(
                f"{'':>3} {self.t('total'):<{nw}}" + self.trio(self.cumulative_total())
            )
        self.lines.append("")
        scaled = self.t("legend_scaled") if fc.scaled else ""
        self.wrap(self.t("legend", scaled=scaled))

    def year_total(self) -> Tally:
        r = self.r
        return Tally.of(r.year, r.year, r.target, r.admitted)

    def cumulative_total(self) -> Tally | None:
        rows = [row.cumulative for row in self.r.rows if row.cumulative is not None]
        if not rows:
            return None
        targets = [c.target for c in rows if c.target is not None]
        return Tally.of(
            rows[0].first_year,
            rows[0].last_year,
            sum(targets) if targets else None,
            sum(c.admitted for c in rows),
        )

    def totals(self) -> None:
        self.heading(self.t("section.totals"))
        for row in self.r.totals:
            label = "  " * row.depth + row.name
            y = row.year
            roll = self.t(
                "roll", target=self.opt(y.target), admitted=y.admitted, percent=self.pct(y.percent)
            )
            self.lines.append(f"{label:<40} {roll}")

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
        self.lines.append(f"{org:<{nw}}{quota:>9}{done:>15}{pct:>9}")
        for x in rows:
            self.lines.append(
                f"{x.name:<{nw}}{self.opt(x.target):>9}{x.introduced:>15}{self.pct(x.percent):>9}"
            )
        ts = [x.target for x in rows if x.target is not None]
        target_sum = sum(ts) if ts else None
        introduced = sum(x.introduced for x in rows if x.target is not None)
        total_pct = None if not target_sum else Fraction(introduced * 100, target_sum)
        self.lines.append(
            f"{self.t('total'):<{nw}}{self.opt(target_sum):>9}{introduced:>15}"
            f"{self.pct(total_pct):>9}"
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
            names = {row.unit: row.name for row in r.rows}
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
                shown = (
                    self.t("no_rate")
                    if rate.rate is None
                    else format_percent(rate.rate * 100, self.lang)
                )
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
                forecast=number_text(fc.forecast, self.lang),
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
