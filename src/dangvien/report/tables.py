"""The report's tables, typed and labelled, for every format (các bảng của báo cáo).

The text, the workbook, the Word report and the web page show the same
tables; this module builds them once from a
:class:`~dangvien.report.data.Report`, with headings from the catalogue and
cells that keep their types (whole numbers, exact percentages, dates, text),
so each format lays them out its own way: numbers as numbers and dates as
dates in a workbook, formatted text in a document.  Percentages are printed
as the report's :class:`~dangvien.quotas.PercentStyle` says
(:func:`format_cell`).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from typing import Any

import attrs

from dangvien.findings import Finding, Language, Severity
from dangvien.messages import Text, format_value, render
from dangvien.model.stages import Stage
from dangvien.quotas.breakdowns import Breakdown, Section
from dangvien.quotas.claims import ClaimCheck, ClaimKind
from dangvien.quotas.counting import PIPELINE_STAGES
from dangvien.quotas.fulfilment import DEFAULT_STYLE, PercentStyle
from dangvien.report.data import LevelRow, Report, UnitRow

__all__ = [
    "Cell",
    "Column",
    "Kind",
    "Table",
    "breakdown_tables",
    "claim_figures",
    "claim_verdict",
    "format_cell",
    "level_mark",
    "number_text",
    "percent_text",
    "tables",
    "unit_name",
]

#: A table cell's value: a number, an exact percentage, a date, text or nothing.
Cell = int | Fraction | date | str | None


class Kind(enum.Enum):
    """What a column holds, which decides how a format shows it."""

    TEXT = "text"
    INT = "int"
    NUMBER = "number"  # a count that may be fractional (a scaled forecast)
    DECIMAL = "decimal"  # a mean, shown with the report's decimals (an average age)
    PERCENT = "percent"  # an exact percentage (Fraction, 0–100+), None without a target
    DATE = "date"


@attrs.frozen
class Column:
    """A column: its heading, what it holds, and whether a short table keeps it.

    Attributes:
        label: the heading, in the report's language.
        kind: what its cells hold.
        brief: kept in the short version of the table (the Word report).
    """

    label: str
    kind: Kind
    brief: bool = True


@attrs.frozen
class Table:
    """One table of the report.

    Attributes:
        key: its name (``units``, ``levels``, ``subtotals``,
            ``introductions``, ``claims``, ``breakdown_<section>``,
            ``pipeline``, ``candidates``, ``findings``).
        title: its title, in the report's language.
        sheet: a short name (a workbook sheet's, at most 31 characters).
        columns: the columns.
        rows: the rows, one value per column.
        total: the total row, if the table has one.
    """

    key: str
    title: str
    sheet: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None

    def brief(self) -> Table:
        """The table with only its brief columns."""
        keep = [i for i, c in enumerate(self.columns) if c.brief]

        def pick(row: Sequence[Cell]) -> tuple[Cell, ...]:
            return tuple(row[i] for i in keep)

        return attrs.evolve(
            self,
            columns=tuple(self.columns[i] for i in keep),
            rows=tuple(pick(r) for r in self.rows),
            total=None if self.total is None else pick(self.total),
        )


def percent_text(
    value: Fraction | None, lang: Language, style: PercentStyle = DEFAULT_STYLE
) -> str:
    """A percentage as *style* prints it (``28,6%``), or "—" without a target."""
    return render("report.no_value", lang) if value is None else style.format(value, lang)


def number_text(value: Fraction, lang: Language, style: PercentStyle = DEFAULT_STYLE) -> str:
    """A whole number as is, a fraction as ``≈2,4`` (rounded as *style* says)."""
    if value.denominator == 1:
        return str(value.numerator)
    return render("report.approx", lang, value=style.number(value, lang))


def unit_name(row: UnitRow, lang: Language) -> str:
    """A row's name; an unknown unit's printed name is marked as such."""
    if row.unit is not None:
        return row.name
    return render("report.unresolved", lang, name=row.printed or row.name)


def format_cell(
    value: Cell, kind: Kind, lang: Language, style: PercentStyle = DEFAULT_STYLE
) -> str:
    """A cell as text: percentages as *style* prints them (``28,6%``), "—" for nothing."""
    if value is None:
        return render("report.no_value", lang) if kind in (Kind.PERCENT, Kind.INT) else ""
    if kind is Kind.PERCENT and isinstance(value, Fraction | int):
        return percent_text(Fraction(value), lang, style)
    if kind is Kind.NUMBER and isinstance(value, Fraction | int):
        return number_text(Fraction(value), lang, style)
    if kind is Kind.DECIMAL and isinstance(value, Fraction | int):
        return style.number(Fraction(value), lang)
    return format_value(value, lang)


def level_mark(row: LevelRow, lang: Language) -> str:
    """The mark of a unit whose plan does not add up (``▼`` a warning, ``▲`` information)."""
    if not row.findings:
        return ""
    worst = min(row.findings, key=lambda f: list(Severity).index(f.severity)).severity
    key = "warning" if worst in (Severity.VIOLATION, Severity.WARNING) else "info"
    return render(f"report_levels.mark.{key}", lang)


def claim_verdict(check: ClaimCheck) -> Text:
    """Whether a published figure agrees, as a catalogue text."""
    key = {True: "agrees", False: "disagrees", None: "unknown"}[check.agrees]
    return Text(f"report_levels.verdict.{key}")


def claim_figures(check: ClaimCheck, lang: Language) -> tuple[str, str | None]:
    """A published figure and dangvien's, as printed (``trên 76``, ``72,97%``); None: unknown.

    Percentages keep the document's own decimals and rounding, so that like
    is compared with like.
    """
    stated = format_value(check.stated, lang)
    if check.kind is ClaimKind.COUNT and check.claim.above:
        stated = render("report_levels.claim_above", lang, n=check.stated)
    return stated, None if check.computed is None else format_value(check.computed, lang)


def breakdown_tables(report: Report, lang: Language = "vi") -> tuple[Table, ...]:
    """One table per section of the breakdowns: a row per unit, a column per class.

    Classes nobody in any table belongs to are left out, except in the
    "of which" and age sections, whose columns are fixed; the JSON keeps
    every class.
    """
    tables_: list[Table] = []
    found = report.breakdowns
    if not found:
        return ()
    for section in Section:
        sample = found[0].section(section)
        keys = [r.key for r in sample]
        labels = {r.key: r.label for r in sample}
        for b in found[1:]:
            for r in b.section(section):
                if r.key not in labels:
                    keys.append(r.key)
                    labels[r.key] = r.label
        if section not in (Section.OF_WHICH, Section.AGE):
            keys = [k for k in keys if any(b.count(k) for b in found)]
        cols = [
            Column(render("report_levels.col.unit", lang), Kind.TEXT),
            Column(render("report_levels.col.unit_id", lang), Kind.TEXT, brief=False),
            Column(render("report_levels.col.total_admitted", lang), Kind.INT),
        ]
        values: list[list[Cell]] = [[b.unit.name, b.unit.id, b.total] for b in found]
        for k in keys:
            cols.append(Column(_cap(labels[k].render(lang)), Kind.INT))
            for v, b in zip(values, found, strict=True):
                v.append(b.count(k))
            unknown = [_unknown(b, k) for b in found]
            if section is Section.OF_WHICH and any(unknown):
                label = render("report_levels.col.unknown_of", lang, label=labels[k])
                cols.append(Column(_cap(label), Kind.INT))
                for v, n in zip(values, unknown, strict=True):
                    v.append(n)
        if section is Section.AGE:
            cols.append(Column(render("report_levels.col.average_age", lang), Kind.DECIMAL))
            for v, b in zip(values, found, strict=True):
                v.append(b.average_age)
        tables_.append(
            Table(
                key=f"breakdown_{section.value}",
                title=render("report_levels.table.breakdown", lang, year=report.year,
                             section=section),
                sheet=render(f"report_levels.sheet.breakdown.{section.value}", lang),
                columns=tuple(cols),
                rows=tuple(tuple(v) for v in values),
            )
        )  # fmt: skip
    return tuple(tables_)


def _unknown(b: Breakdown, key: str) -> int:
    row = b.row(key)
    return 0 if row is None else row.unknown


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Builder:
    def __init__(self, report: Report, lang: Language) -> None:
        self.r = report
        self.lang: Language = lang

    def t(self, key: str, **facts: Any) -> str:
        return render(f"report.{key}", self.lang, **facts)

    def lt(self, key: str, **facts: Any) -> str:
        return render(f"report_levels.{key}", self.lang, **facts)

    def col(self, key: str, kind: Kind, brief: bool = True, **facts: Any) -> Column:
        return Column(self.t(f"col.{key}", **facts), kind, brief)

    def lcol(self, key: str, kind: Kind, brief: bool = True, **facts: Any) -> Column:
        return Column(self.lt(f"col.{key}", **facts), kind, brief)

    def span(self) -> tuple[int, int] | None:
        for row in (*self.r.rows, self.r.total):
            if row.cumulative is not None:
                return (row.cumulative.first_year, row.cumulative.last_year)
        return None

    def units(self) -> Table:
        r, year, span = self.r, self.r.year, self.span()
        cols = [
            self.col("number", Kind.INT),
            self.col("unit", Kind.TEXT),
            self.col("unit_id", Kind.TEXT, brief=False),
            self.col("level", Kind.TEXT, brief=False),
            self.col("target_year", Kind.INT, year=year),
            self.col("admitted_year", Kind.INT, year=year),
            self.col("percent_year", Kind.PERCENT, year=year),
        ]
        if span is not None:
            cols += [
                self.col("target_cum", Kind.INT, first=span[0], last=span[1]),
                self.col("admitted_cum", Kind.INT, first=span[0], last=span[1]),
                self.col("percent_cum", Kind.PERCENT, first=span[0], last=span[1]),
            ]
        cols += [
            self.col("pool", Kind.INT),
            self.col("forecast", Kind.NUMBER),
            self.col("forecast_percent", Kind.PERCENT, brief=False),
            self.col("shortfall", Kind.INT, brief=False),
        ]
        rows = [self.unit_cells(i, row, span) for i, row in enumerate(r.rows, 1)]
        total = self.unit_cells(None, r.total, span)
        return Table(
            key="units",
            title=self.t("table.units", year=year),
            sheet=self.t("sheet.units"),
            columns=tuple(cols),
            rows=tuple(rows),
            total=("", self.t("total"), *total[2:]),
        )

    def unit_cells(
        self, number: int | None, row: UnitRow, span: tuple[int, int] | None
    ) -> tuple[Cell, ...]:
        y, c, f = row.year, row.cumulative, row.forecast
        cells: list[Cell] = [
            number,
            unit_name(row, self.lang),
            row.unit,
            format_value(row.level, self.lang),
            y.target,
            y.admitted,
            y.percent,
        ]
        if span is not None:
            cells += [None, None, None] if c is None else [c.target, c.admitted, c.percent]
        pool = row.pipeline.candidates if row.unit is not None else None
        cells += [pool] + (
            [None, None, None] if f is None else [f.forecast, f.percent, f.shortfall]
        )
        return tuple(cells)

    def levels(self) -> Table:
        cols = (
            self.lcol("unit", Kind.TEXT),
            self.lcol("unit_id", Kind.TEXT, brief=False),
            self.lcol("level", Kind.TEXT),
            self.lcol("allocated", Kind.INT),
            self.lcol("allocated_by", Kind.TEXT, brief=False),
            self.lcol("planned", Kind.INT),
            self.lcol("plan", Kind.TEXT, brief=False),
            self.lcol("target_from", Kind.TEXT, brief=False),
            self.lcol("admitted", Kind.INT),
            self.lcol("percent", Kind.PERCENT),
            self.lcol("flag", Kind.TEXT),
            self.lcol("finding", Kind.TEXT, brief=False),
        )
        rows = tuple(
            (
                "   " * row.depth + row.name,
                row.unit,
                format_value(row.level, self.lang),
                row.allocated,
                row.allocated_by,
                row.planned,
                row.plan,
                format_value(row.target_from, self.lang),
                row.admitted,
                row.percent,
                level_mark(row, self.lang),
                "\n".join(f.message(self.lang) for f in row.findings),
            )
            for row in self.r.levels
        )
        return Table(
            key="levels",
            title=self.lt("table.levels", year=self.r.year),
            sheet=self.lt("sheet.levels"),
            columns=cols,
            rows=rows,
        )

    def subtotals(self) -> Table:
        cols = (
            self.lcol("by", Kind.TEXT),
            self.lcol("group", Kind.TEXT),
            self.lcol("units", Kind.INT),
            self.lcol("target", Kind.INT),
            self.lcol("admitted", Kind.INT),
            self.lcol("percent", Kind.PERCENT),
        )
        rows = tuple(
            (format_value(s.by, self.lang), s.label.render(self.lang), s.units, s.target,
             s.achieved, s.percent)
            for s in self.r.subtotals
        )  # fmt: skip
        return Table(
            key="subtotals",
            title=self.lt("table.subtotals"),
            sheet=self.lt("sheet.subtotals"),
            columns=cols,
            rows=rows,
        )

    def claims(self) -> Table:
        cols = (
            self.lcol("document", Kind.TEXT),
            self.lcol("claim", Kind.TEXT),
            self.lcol("unit", Kind.TEXT),
            self.lcol("claim_kind", Kind.TEXT),
            self.lcol("stated", Kind.TEXT),
            self.lcol("computed", Kind.TEXT),
            self.lcol("verdict", Kind.TEXT),
        )
        rows = tuple(
            (
                c.where.render(self.lang),
                c.claim.text,
                c.unit.name,
                format_value(c.kind, self.lang),
                *claim_figures(c, self.lang),
                claim_verdict(c).render(self.lang),
            )
            for c in self.r.claims
        )
        return Table(
            key="claims",
            title=self.lt("table.claims"),
            sheet=self.lt("sheet.claims"),
            columns=cols,
            rows=rows,
        )

    def introductions(self) -> Table:
        rows = self.r.introductions
        cols = (
            self.col("organization", Kind.TEXT),
            self.col("quota", Kind.INT),
            self.col("introduced", Kind.INT),
            self.col("percent", Kind.PERCENT),
        )
        targets = [x.target for x in rows if x.target is not None]
        target = sum(targets) if targets else None
        done = sum(x.introduced for x in rows if x.target is not None)
        total: tuple[Cell, ...] = (
            self.t("total"),
            target,
            done,
            None if not target else Fraction(done * 100, target),
        )
        return Table(
            key="introductions",
            title=self.t("table.introductions", year=self.r.year),
            sheet=self.t("sheet.introductions"),
            columns=cols,
            rows=tuple((x.name, x.target, x.introduced, x.percent) for x in rows),
            total=total if rows else None,
        )

    def pipeline(self) -> Table:
        stages: tuple[Stage, ...] = PIPELINE_STAGES
        cols = (
            self.col("unit", Kind.TEXT),
            *(Column(format_value(s, self.lang), Kind.INT) for s in stages),
            self.col("pool", Kind.INT),
        )
        rows: list[tuple[Cell, ...]] = [
            (row.name, *(row.pipeline.count(s) for s in stages), row.pipeline.candidates)
            for row in self.r.rows
            if row.unit is not None
        ]
        if self.r.unplaced is not None:
            p = self.r.unplaced
            rows.append((self.t("unplaced"), *(p.count(s) for s in stages), p.candidates))
        p = self.r.total.pipeline
        total: tuple[Cell, ...] = (self.t("total"), *(p.count(s) for s in stages), p.candidates)
        return Table(
            key="pipeline",
            title=self.t("table.pipeline", day=self.r.as_of.date),
            sheet=self.t("sheet.pipeline"),
            columns=cols,
            rows=tuple(rows),
            total=total,
        )

    def candidates(self) -> Table:
        names: dict[str | None, str] = {row.unit: row.name for row in self.r.levels}
        cols = (
            self.col("person", Kind.TEXT),
            self.col("name", Kind.TEXT),
            self.col("unit", Kind.TEXT),
            self.col("stage", Kind.TEXT),
            self.col("earliest", Kind.DATE),
            self.col("blocked", Kind.TEXT, brief=False),
            self.col("todo", Kind.TEXT),
        )
        rows = tuple(
            (
                c.person,
                c.name,
                names.get(c.unit, c.unit or self.t("unplaced")),
                format_value(c.stage, self.lang),
                c.earliest,
                format_value(c.blocked, self.lang),
                ", ".join([*c.todo, *(format_value(s, self.lang) for s in c.steps)]),
            )
            for c in self.r.candidates
        )
        return Table(
            key="candidates",
            title=self.t("table.candidates"),
            sheet=self.t("sheet.candidates"),
            columns=cols,
            rows=rows,
        )

    def finding_cells(self, f: Finding, kind: str) -> tuple[Cell, ...]:
        return (
            self.t(f"kind.{kind}"),
            f.severity.label(self.lang),
            f.rule,
            f.subject,
            f.message(self.lang),
            None if f.citation is None else f.citation.text,
            f.confidence.value,
            f.on,
            f.due,
        )

    def findings(self) -> Table:
        cols = (
            self.col("kind", Kind.TEXT),
            self.col("severity", Kind.TEXT),
            self.col("rule", Kind.TEXT),
            self.col("subject", Kind.TEXT),
            self.col("message", Kind.TEXT),
            self.col("basis", Kind.TEXT),
            self.col("grade", Kind.TEXT),
            self.col("on", Kind.DATE),
            self.col("due", Kind.DATE),
        )
        rows = [self.finding_cells(f, "plan") for f in self.r.plan_findings]
        rows += [self.finding_cells(f, "rule") for f in self.r.rules.findings]
        return Table(
            key="findings",
            title=self.t("table.findings"),
            sheet=self.t("sheet.findings"),
            columns=cols,
            rows=tuple(rows),
        )


def tables(report: Report, lang: Language = "vi") -> tuple[Table, ...]:
    """The report's tables, in the report's order.

    Units, levels, subtotals, introductions, claims, one breakdown table per
    section, pipeline, candidates, findings.
    """
    b = _Builder(report, lang)
    return (
        b.units(),
        b.levels(),
        b.subtotals(),
        b.introductions(),
        b.claims(),
        *breakdown_tables(report, lang),
        b.pipeline(),
        b.candidates(),
        b.findings(),
    )
