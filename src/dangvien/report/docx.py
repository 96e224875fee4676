"""The report as a Word document in the party's format (báo cáo .docx theo thể thức của Đảng).

Laid out after Hướng dẫn 36-HD/VPTW (3/4/2018) on the format of party
documents: A4 portrait, Times New Roman; top right "ĐẢNG CỘNG SẢN VIỆT NAM"
(capitals 15, bold, underlined by a rule as long as the text) and under it
the place and date line in italics; top left the superior body (capitals 14),
the issuing body (capitals 14, bold), an asterisk, and the number
"Số …-BC/ĐU"; the type "BÁO CÁO" centred (capitals 16, bold) with its
summary line (bold) and a short rule; the body justified in 14 with the
report's tables; at the bottom left "Nơi nhận:" and its list, at the bottom
right "T/M ĐẢNG ỦY", "BÍ THƯ" and room for the signature.  Every part is
ordinary editable text: the office fills the number, checks the figures and
signs.  Needs the optional ``word`` extra (python-docx).

Options of :func:`render_docx`: ``place`` (default: the commune's name
without "Đảng bộ xã"), ``number`` (default blank, filled by the office),
``issued_on`` (default: the as-of date), ``signer`` (default blank).
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from dangvien.findings import Language, Severity
from dangvien.messages import format_value, render
from dangvien.quotas.fulfilment import DEFAULT_STYLE, PercentStyle
from dangvien.report.data import Report
from dangvien.report.tables import (
    Kind,
    Table,
    claim_figures,
    claim_verdict,
    format_cell,
    number_text,
    percent_text,
    tables,
)

__all__ = ["committee_name", "place_name", "render_docx"]

_FONT = "Times New Roman"
# Relative column widths by what a column holds.
_WEIGHTS = {
    Kind.TEXT: 3.0,
    Kind.INT: 1.3,
    Kind.NUMBER: 1.4,
    Kind.DECIMAL: 1.4,
    Kind.PERCENT: 1.7,
    Kind.DATE: 2.7,
}
# The words before a place's own name in an organisation's name (parsing only).
_BODY_PREFIXES = ("Đảng bộ ", "Đảng ủy ", "Đảng uỷ ", "Chi bộ ")
_LEVEL_WORDS = (
    "thị trấn ",
    "thị xã ",
    "thành phố ",
    "đặc khu ",
    "phường ",
    "huyện ",
    "quận ",
    "tỉnh ",
    "xã ",
)


def _strip_body(name: str) -> str:
    for prefix in _BODY_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def place_name(organization: str) -> str:
    """The place named by an organisation's name: ``Đảng bộ xã Long Thành`` → ``Long Thành``.

    >>> place_name("Đảng bộ xã Long Thành"), place_name("Đảng bộ thị trấn Yên Thành")
    ('Long Thành', 'Yên Thành')
    """
    rest = _strip_body(organization)
    for word in _LEVEL_WORDS:
        if rest.lower().startswith(word):
            return rest[len(word) :]
    return rest


def committee_name(organization: str, lang: Language = "vi") -> str:
    """The committee that issues the report: ``Đảng bộ xã X`` → ``Đảng ủy xã X``.

    >>> committee_name("Đảng bộ xã Long Thành")
    'Đảng ủy xã Long Thành'
    """
    return render("report.doc.committee", lang, place=_strip_body(organization))


def _font(run: Any, size: float, *, bold: bool = False, italic: bool = False) -> None:
    run.font.name = _FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    # Word picks the East Asian font for some Vietnamese letters: name it too.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), _FONT)


def _para(
    container: Any,
    text: str,
    size: float = 14,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: Any = None,
    after: float = 0,
    before: float = 0,
) -> Paragraph:
    p: Paragraph = container.add_paragraph()
    run = p.add_run(text)
    _font(run, size, bold=bold, italic=italic)
    run.font.underline = underline
    if align is not None:
        p.alignment = align
    fmt = p.paragraph_format
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(before)
    return p


def _no_borders(table: DocxTable) -> None:
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.find(qn("w:tblBorders"))
    if borders is not None:
        tbl_pr.remove(borders)


def _widths(table: DocxTable, widths: list[float]) -> None:
    """Fix the column widths (in cm): Word and LibreOffice read them from every cell."""
    table.autofit = False
    for j, w in enumerate(widths):
        table.columns[j].width = Cm(w)
        for cell in table.columns[j].cells:
            cell.width = Cm(w)


def _header(doc: Any, report: Report, lang: Language, place: str, number: str, day: date) -> None:
    grid = doc.add_table(rows=1, cols=2)
    _no_borders(grid)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(grid, [7.8, 8.7])
    left, right = grid.rows[0].cells
    left.paragraphs[0].text = ""
    centre = WD_ALIGN_PARAGRAPH.CENTER
    p = left.paragraphs[0]
    if report.superior is not None:
        _font(p.add_run(report.superior.name.upper()), 14)
        p.alignment = centre
        p = left.add_paragraph()
    _font(p.add_run(committee_name(report.organization.name, lang).upper()), 14, bold=True)
    p.alignment = centre
    _para(left, "*", 14, align=centre)
    _para(left, render("report.doc.number", lang, number=number), 14, align=centre)
    head = right.paragraphs[0]
    run = head.add_run(render("report.doc.party", lang))
    _font(run, 15, bold=True)
    run.font.underline = True  # the rule under it, as long as the text
    head.alignment = centre
    head.paragraph_format.space_after = Pt(6)
    line = render(
        "report.doc.place_date", lang, place=place, day=day.day, month=day.month, year=day.year
    )
    _para(right, line, 14, italic=True, align=centre)


def _table(doc: Any, table: Table, lang: Language, style: PercentStyle = DEFAULT_STYLE) -> None:
    if not table.rows:
        return
    _para(doc, table.title, 13, bold=True, before=6, after=3)
    rows = [*table.rows, *([table.total] if table.total is not None else [])]
    t = doc.add_table(rows=1 + len(rows), cols=len(table.columns))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Row by row: Table.cell(i, j) rebuilds the list of every cell on each call.
    docx_rows = t.rows
    for cell, col in zip(docx_rows[0].cells, table.columns, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(col.label)
        _font(run, 11, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, row in enumerate(rows, 1):
        last = table.total is not None and i == len(rows)
        cells = docx_rows[i].cells
        for cell, value, col in zip(cells, row, table.columns, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(format_cell(value, col.kind, lang, style))
            _font(run, 11, bold=last)
            if col.kind is not Kind.TEXT:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    # Text columns wide, number columns narrow, over the 16.5 cm between the margins.
    weights = [_WEIGHTS[c.kind] for c in table.columns]
    if table.key == "units":
        weights[0] = 1.0  # TT
    _widths(t, [16.5 * w / sum(weights) for w in weights])


def _body(doc: Any, report: Report, lang: Language) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    style = report.style
    number = 0

    def para(text: str, **kw: Any) -> Paragraph:
        p = _para(doc, text, 14, align=justify, after=4, **kw)
        p.paragraph_format.first_line_indent = Cm(1)
        return p

    def heading(title: str) -> None:
        nonlocal number
        number += 1
        text = render("report_levels.numbered", lang, n=number, title=title)
        _para(doc, text, 14, bold=True, before=6)

    def table(key: str) -> None:
        _table(doc, parts[key], lang, style)

    plan = report.plan
    if plan is not None:
        name = render("plan.name", lang, number=plan.number, date=plan.date)
        para(render("report.doc.basis", lang, plan=name, year=report.year, day=report.as_of.date))
    else:
        para(render("report.doc.basis_no_plan", lang, year=report.year, day=report.as_of.date))
    para(
        render(
            "report.as_of",
            lang,
            day=report.as_of.date,
            source=report.as_of.source,
            count_by=report.count_by,
        )
    )
    if not report.counted:
        para(render("report.not_counted", lang))
    fc = report.forecast
    para(
        render(
            "report.doc.summary",
            lang,
            year=report.year,
            admitted=report.admitted,
            target=render("report.no_value", lang) if report.target is None else report.target,
            percent=percent_text(report.percent, lang, style),
            forecast=number_text(fc.forecast, lang, style),
        )
    )
    parts = {t.key: t for t in tables(report, lang)}
    brief = {k: t.brief() for k, t in parts.items()}
    heading(render("report.section.units", lang))
    _table(doc, brief["units"], lang, style)
    heading(render("report_levels.section.levels", lang))
    _table(doc, brief["levels"], lang, style)
    table("subtotals")
    if report.introductions:
        heading(render("report.section.introductions", lang))
        table("introductions")
    heading(render("report.section.plan_checks", lang))
    if not report.plan_findings:
        para(render("report.none", lang))
    order = {s: i for i, s in enumerate(Severity)}
    for f in sorted(report.plan_findings, key=lambda f: order[f.severity]):
        para(f"- [{f.severity.label(lang)}] {f.message(lang)}")
    if report.claims:
        heading(render("report_levels.section.claims", lang))
        for c in report.claims:
            stated, computed = claim_figures(c, lang)
            para(
                "- "
                + render(
                    "report_levels.claim",
                    lang,
                    where=c.where,
                    text=c.claim.text,
                    stated=stated,
                    computed=render("report.no_value", lang) if computed is None else computed,
                    verdict=claim_verdict(c),
                )
            )
    if report.breakdowns and report.breakdowns[0].total:
        heading(render("report_levels.section.breakdowns", lang, year=report.year))
        for key in parts:
            if key.startswith("breakdown_"):
                _table(doc, brief[key], lang, style)
    heading(render("report.section.pipeline", lang, day=report.as_of.date))
    table("pipeline")
    _table(doc, brief["candidates"], lang, style)
    heading(render("report.section.forecast", lang, year=report.year))
    para(
        render(
            "report.forecast_total",
            lang,
            forecast=number_text(fc.forecast, lang, style),
            target=render("report.no_value", lang) if fc.target is None else fc.target,
            percent=percent_text(fc.percent, lang, style),
            admitted=fc.admitted,
            short=fc.shortfall,
        )
    )
    heading(render("report.section.rules", lang, day=report.as_of.date))
    counts = ", ".join(f"{n} {format_value(s, lang)}" for s, n in report.rules.counts.items())
    para(counts)


def _closing(doc: Any, report: Report, lang: Language, signer: str) -> None:
    grid = doc.add_table(rows=1, cols=2)
    _no_borders(grid)
    _widths(grid, [8.0, 8.5])
    left, right = grid.rows[0].cells
    p = left.paragraphs[0]
    run = p.add_run(render("report.doc.recipients", lang))
    _font(run, 14, bold=True, italic=True)
    run.font.underline = True
    superior = report.superior.name if report.superior is not None else ""
    if superior:
        _para(left, render("report.doc.recipient_superior", lang, superior=superior), 12)
    _para(left, render("report.doc.recipient_cells", lang), 12)
    _para(left, render("report.doc.recipient_archive", lang), 12)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    p = right.paragraphs[0]
    _font(p.add_run(render("report.doc.on_behalf", lang)), 14, bold=True)
    p.alignment = centre
    _para(right, render("report.doc.secretary", lang), 14, bold=True, align=centre)
    for _ in range(4):
        _para(right, "", 14)
    _para(right, signer, 14, bold=True, align=centre)


def render_docx(
    report: Report,
    lang: Language = "vi",
    /,
    *,
    place: str | None = None,
    number: str = "     ",
    issued_on: date | None = None,
    signer: str = "",
) -> bytes:
    """Return *report* as the bytes of a .docx document in the party's format.

    Args:
        report: the report.
        lang: the language of every fixed word.
        place: the place in the date line (default: from the organisation's name).
        number: the document number before ``-BC/ĐU`` (default blank, to fill in).
        issued_on: the date of the document (default: the as-of date).
        signer: the secretary's name under the signature (default blank).

    """
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    normal = doc.styles["Normal"]
    normal.font.name = _FONT
    normal.font.size = Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), _FONT)
    day = issued_on or report.as_of.date
    where = place if place is not None else place_name(report.organization.name)
    _header(doc, report, lang, where, number, day)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, render("report.doc.kind", lang), 16, bold=True, align=centre, before=18)
    _para(doc, render("report.doc.subject", lang, year=report.year), 14, bold=True, align=centre)
    _para(doc, "-----", 14, align=centre, after=12)
    _body(doc, report, lang)
    _para(doc, "", 14)
    _closing(doc, report, lang, signer)
    props = doc.core_properties
    props.title = render("report.title", lang, year=report.year)
    props.author = committee_name(report.organization.name, lang)
    # A fixed timestamp: the same report gives the same document.
    stamp = datetime(day.year, day.month, day.day, tzinfo=UTC)
    props.created = props.modified = stamp
    props.last_modified_by = "dangvien"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
