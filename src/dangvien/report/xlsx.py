"""The report as an Excel workbook (báo cáo dạng bảng tính .xlsx).

One sheet per table (units, every level, subtotals, introductions,
published figures, each section of the new members' breakdown, pipeline,
candidates, findings), each with a title line, the as-of line, a bold
heading row and the rows.  Numbers are numbers, dates are dates formatted
``dd/mm/yyyy``; percentages are numbers rounded as the report's
:class:`~dangvien.quotas.PercentStyle` says (truncated, when the report
truncates: a cell format alone would round) and formatted with its
decimals (``0.0%``).  Every sheet is set up to print on A4 landscape, one
page wide, the heading repeated on every page.  Needs the optional
``excel`` extra (openpyxl).
"""

from __future__ import annotations

import io
from datetime import datetime
from fractions import Fraction
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from dangvien.findings import Language
from dangvien.messages import render
from dangvien.quotas.fulfilment import PercentStyle
from dangvien.report.data import Report
from dangvien.report.tables import Cell, Kind, Table, tables

__all__ = ["render_xlsx"]

_FORMATS = {
    Kind.INT: "0",
    Kind.NUMBER: "0.0",
    Kind.DATE: "dd/mm/yyyy",
}
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="F2DCDB")
# Sheet names may not contain these characters.
_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _decimals(places: int) -> str:
    return "0" if not places else "0." + "0" * places


def _value(value: Cell, kind: Kind, style: PercentStyle) -> Any:
    """A cell as Excel stores it: whole numbers as ints, percentages as rounded ratios."""
    if value is None:
        return None
    if kind is Kind.PERCENT and isinstance(value, Fraction | int):
        return float(style.round(Fraction(value)) / 100)
    if kind is Kind.DECIMAL and isinstance(value, Fraction | int):
        return float(style.round(Fraction(value)))
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else float(value)
    return value


def _sheet(ws: Worksheet, table: Table, header: list[str], style: PercentStyle) -> None:
    ws.title = table.sheet.translate(_FORBIDDEN)[:31]
    ncols = len(table.columns)
    ws.append([table.title])
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    for line in header:
        ws.append([line])
    ws.append([])
    ws.append([c.label for c in table.columns])
    head_row = ws.max_row
    for j in range(1, ncols + 1):
        cell = ws.cell(row=head_row, column=j)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    rows = list(table.rows)
    if table.total is not None:
        rows.append(table.total)
    for i, row in enumerate(rows):
        ws.append([_value(v, c.kind, style) for v, c in zip(row, table.columns, strict=True)])
        r = ws.max_row
        for j, col in enumerate(table.columns, 1):
            cell = ws.cell(row=r, column=j)
            cell.border = _BOX
            if col.kind in _FORMATS:
                cell.number_format = _FORMATS[col.kind]
            elif col.kind is Kind.PERCENT:
                cell.number_format = _decimals(style.places) + "%"
            elif col.kind is Kind.DECIMAL:
                cell.number_format = _decimals(style.places)
            if col.kind is Kind.TEXT:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if table.total is not None and i == len(rows) - 1:
                cell.font = Font(bold=True)
    for j, col in enumerate(table.columns, 1):
        values = [row[j - 1] for row in rows]
        longest = max(
            [len(col.label) // 2 + 1, *(len(str(v)) for v in values if isinstance(v, str))]
        )
        width = 12 if col.kind is Kind.DATE else min(max(8, longest + 2), 60)
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = f"A{head_row + 1}"
    # Print: A4 landscape, one page wide, the heading row on every page.
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{head_row}:{head_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    footer = ws.oddFooter
    if footer is not None:
        footer.center.text = "&P / &N"
    ws.print_area = f"A1:{get_column_letter(ncols)}{ws.max_row}"


def render_xlsx(report: Report, lang: Language = "vi", /) -> bytes:
    """Return *report* as the bytes of an .xlsx workbook, one sheet per table."""
    wb = Workbook()
    header = [
        report.organization.name,
        render(
            "report.as_of",
            lang,
            day=report.as_of.date,
            source=report.as_of.source,
            count_by=report.count_by,
        ),
    ]
    if not report.counted:
        header.append(render("report.not_counted", lang))
    first = True
    for table in tables(report, lang):
        if table.key == "claims" and not table.rows:
            continue  # a plan that publishes no figure of its own
        ws = wb.active if first else wb.create_sheet()
        assert isinstance(ws, Worksheet)
        first = False
        _sheet(ws, table, header, report.style)
    wb.properties.title = render("report.title", lang, year=report.year)
    wb.properties.creator = "dangvien"
    # A fixed timestamp: the same report gives the same file.
    created = report.as_of.date
    # openpyxl writes naive datetimes as UTC.
    wb.properties.created = datetime(created.year, created.month, created.day)  # noqa: DTZ001
    wb.properties.modified = wb.properties.created
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
