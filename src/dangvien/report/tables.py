"""The report's tables, typed and labelled, for the file formats (các bảng của báo cáo).

The workbook, the Word report and the web page show the same tables; this
module builds them once from a :class:`~dangvien.report.data.Report`, with
headings from the catalogue and cells that keep their types (whole numbers,
exact percentages, dates, text), so each format lays them out its own way:
numbers as numbers and dates as dates in a workbook, formatted text in a
document.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from typing import Any

import attrs

from dangvien.findings import Finding, Language
from dangvien.messages import format_value, render
from dangvien.model.stages import Stage
from dangvien.quotas.counting import PIPELINE_STAGES
from dangvien.report.data import Report, UnitRow
from dangvien.report.text import number_text, percent_text, unit_name

__all__ = ["Cell", "Column", "Kind", "Table", "format_cell", "tables"]

#: A table cell's value: a number, an exact percentage, a date, text or nothing.
Cell = int | Fraction | date | str | None


class Kind(enum.Enum):
    """What a column holds, which decides how a format shows it."""

    TEXT = "text"
    INT = "int"
    NUMBER = "number"  # a count that may be fractional (a scaled forecast)
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
        key: its name (``units``, ``totals``, ``introductions``, ``pipeline``,
            ``candidates``, ``findings``).
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


def format_cell(value: Cell, kind: Kind, lang: Language) -> str:
    """A cell as text: percentages rounded half up (``28,6%``), "—" for nothing."""
    if value is None:
        return render("report.no_value", lang) if kind in (Kind.PERCENT, Kind.INT) else ""
    if kind is Kind.PERCENT and isinstance(value, Fraction | int):
        return percent_text(Fraction(value), lang)
    if kind is Kind.NUMBER and isinstance(value, Fraction | int):
        return number_text(Fraction(value), lang)
    return format_value(value, lang)


class _Builder:
    def __init__(self, report: Report, lang: Language) -> None:
        self.r = report
        self.lang: Language = lang

    def t(self, key: str, **facts: Any) -> str:
        return render(f"report.{key}", self.lang, **facts)

    def col(self, key: str, kind: Kind, brief: bool = True, **facts: Any) -> Column:
        return Column(self.t(f"col.{key}", **facts), kind, brief)

    def span(self) -> tuple[int, int] | None:
        for row in self.r.rows:
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
        org = r.row(r.organization.id)
        total = None
        if org is not None:
            total = self.unit_cells(None, org, span)
            total = ("", self.t("total"), *total[2:])
        return Table(
            key="units",
            title=self.t("table.units", year=year),
            sheet=self.t("sheet.units"),
            columns=tuple(cols),
            rows=tuple(rows),
            total=total,
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

    def totals(self) -> Table:
        cols = (
            self.col("unit", Kind.TEXT),
            self.col("level", Kind.TEXT),
            self.col("target", Kind.INT),
            self.col("admitted", Kind.INT),
            self.col("percent", Kind.PERCENT),
            self.col("pool", Kind.INT),
            self.col("forecast", Kind.NUMBER),
        )
        rows = tuple(
            (
                "   " * row.depth + row.name,
                format_value(row.level, self.lang),
                row.year.target,
                row.year.admitted,
                row.year.percent,
                row.pipeline.candidates,
                None if row.forecast is None else row.forecast.forecast,
            )
            for row in self.r.totals
        )
        return Table(
            key="totals",
            title=self.t("table.totals"),
            sheet=self.t("sheet.totals"),
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
        org = self.r.row(self.r.organization.id)
        total: tuple[Cell, ...] | None = None
        if org is not None:
            p = org.pipeline
            total = (self.t("total"), *(p.count(s) for s in stages), p.candidates)
        return Table(
            key="pipeline",
            title=self.t("table.pipeline", day=self.r.as_of.date),
            sheet=self.t("sheet.pipeline"),
            columns=cols,
            rows=tuple(rows),
            total=total,
        )

    def candidates(self) -> Table:
        names = {row.unit: row.name for row in self.r.rows}
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
    """The report's tables: units, totals, introductions, pipeline, candidates, findings."""
    b = _Builder(report, lang)
    return (b.units(), b.totals(), b.introductions(), b.pipeline(), b.candidates(), b.findings())
