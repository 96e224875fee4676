"""The report as one self-contained web page (báo cáo dạng trang web).

One HTML file with its style inline and two charts drawn by this module as
inline SVG (targets, admissions and forecast per unit; the pipeline funnel):
no script, no font, no image to fetch, so the page opens offline, reads on a
phone (tables scroll sideways inside their own box) and prints on A4.  Every
word comes from the catalogue; every value from data is HTML-escaped.

Written with the standard library: the page is a handful of tables and two
charts, and :func:`html.escape` is all the templating it needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any, Final

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
    unit_name,
)

__all__ = ["fulfilment_svg", "funnel_svg", "render_html"]

_CSS: Final = """
:root { --red: #b2182b; --blue: #2166ac; --grey: #d9d9d9; --ink: #1a1a1a; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial,
       sans-serif; color: var(--ink); background: #fff; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.35rem; margin: .2rem 0 .4rem; color: var(--red); }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid var(--red);
     padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
.meta { margin: .15rem 0; }
.org { font-weight: 600; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: .4rem 0; }
table { border-collapse: collapse; font-size: .9rem; min-width: 100%; }
th, td { border: 1px solid #bbb; padding: .25rem .45rem; vertical-align: top; }
th { background: #f2dcdb; text-align: center; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 700; background: #fafafa; }
figure { margin: .6rem 0; }
figure svg { width: 100%; height: auto; max-width: 46rem; display: block; }
figcaption { font-size: .9rem; color: #444; }
.legend, footer { font-size: .85rem; color: #444; }
ul.findings { padding-left: 1.1rem; }
ul.findings li, ul.claims li { margin: .3rem 0; }
ul.claims li.disagrees { color: var(--red); font-weight: 600; }
.sev { font-size: .8rem; font-weight: 700; padding: 0 .3rem; border-radius: .2rem;
       background: #eee; }
.sev.violation { background: var(--red); color: #fff; }
.sev.warning { background: #f4a582; }
.basis { display: block; font-size: .85rem; color: #555; }
@media (max-width: 40rem) { body { font-size: 15px; } main { padding: .6rem; } }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .scroll { overflow: visible; }
  table { font-size: 9pt; }
  h2 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
}
"""

# Chart geometry, in SVG user units.
_LABEL_W: Final = 170
_PLOT_W: Final = 330
_ROW_H: Final = 24
_TOP: Final = 34
_COLOURS: Final = {"target": "#d9d9d9", "admitted": "#b2182b", "forecast": "#2166ac"}


def _n(x: float) -> str:
    """A coordinate with at most one decimal."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _nice_max(value: float) -> int:
    """A round axis maximum at or above *value*."""
    top = max(1, int(-(-value // 1)))
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if top <= step * 5:
            return int(-(-top // step) * step)
    return top


def fulfilment_svg(report: Report, lang: Language = "vi") -> str:
    """Targets (grey), admissions (red) and the year-end forecast (blue) per unit, as SVG."""
    rows = report.rows
    top = _nice_max(
        max(
            [
                0,
                *(r.year.target or 0 for r in rows),
                *(r.year.admitted for r in rows),
                *(float(r.forecast.forecast) for r in rows if r.forecast is not None),
            ]
        )
    )
    step = max(1, top // 5)
    scale = _PLOT_W / top
    height = _TOP + _ROW_H * len(rows) + 24
    width = _LABEL_W + _PLOT_W + 20
    title = render("report.chart.fulfilment", lang, year=report.year)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-fulfilment-title" font-family="system-ui, Arial, sans-serif" '
        f'font-size="13">',
        f'<title id="chart-fulfilment-title">{escape(title)}</title>',
    ]
    legend_x = _LABEL_W
    for key, label in (
        ("target", render("report.chart.legend_target", lang)),
        ("admitted", render("report.chart.legend_admitted", lang)),
        ("forecast", render("report.chart.legend_forecast", lang)),
    ):
        colour = _COLOURS[key]
        if key == "forecast":
            out.append(f'<path d="M{legend_x + 5} 6 l5 5 -5 5 -5 -5z" fill="{colour}"/>')
        else:
            out.append(f'<rect x="{legend_x}" y="6" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{legend_x + 14}" y="15">{escape(label)}</text>')
        legend_x += 14 + 8 * len(label) + 16
    x0 = _LABEL_W
    base = _TOP + _ROW_H * len(rows)
    for tick in range(0, top + 1, step):
        x = x0 + tick * scale
        out.append(
            f'<line x1="{_n(x)}" y1="{_TOP - 4}" x2="{_n(x)}" y2="{base}" stroke="#eee"/>'
            f'<text x="{_n(x)}" y="{base + 14}" text-anchor="middle" fill="#555">{tick}</text>'
        )
    for i, row in enumerate(rows):
        y = _TOP + i * _ROW_H
        name = unit_name(row, lang)
        out.append(f'<text x="{_LABEL_W - 6}" y="{y + 15}" text-anchor="end">{escape(name)}</text>')
        target = row.year.target or 0
        out.append(
            f'<rect x="{x0}" y="{y + 3}" width="{_n(target * scale)}" height="{_ROW_H - 6}" '
            f'fill="{_COLOURS["target"]}" stroke="#888" stroke-width=".5"/>'
        )
        out.append(
            f'<rect x="{x0}" y="{y + 7}" width="{_n(row.year.admitted * scale)}" '
            f'height="{_ROW_H - 14}" fill="{_COLOURS["admitted"]}"/>'
        )
        if row.forecast is not None:
            fx = x0 + float(row.forecast.forecast) * scale
            out.append(
                f'<path d="M{_n(fx)} {y + 5} l6 6 -6 6 -6 -6z" fill="{_COLOURS["forecast"]}"/>'
            )
    out.append(f'<line x1="{x0}" y1="{_TOP - 4}" x2="{x0}" y2="{base}" stroke="#555"/>')
    out.append("</svg>")
    return "".join(out)


def funnel_svg(report: Report, lang: Language = "vi") -> str:
    """The pipeline funnel: people of the history years reaching each stage, as SVG."""
    steps = report.funnel
    first, last = report.history
    if not steps or not steps[0].reached:
        title = render("report.chart.funnel_empty", lang)
    else:
        title = render("report.chart.funnel", lang, first=first, last=last)
    width = _LABEL_W + _PLOT_W + 90
    height = 8 + 26 * len(steps) + 8
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-funnel-title" font-family="system-ui, Arial, sans-serif" '
        f'font-size="13">',
        f'<title id="chart-funnel-title">{escape(title)}</title>',
    ]
    most = max((s.reached for s in steps), default=0) or 1
    centre = _LABEL_W + _PLOT_W / 2
    for i, s in enumerate(steps):
        y = 8 + 26 * i
        w = _PLOT_W * s.reached / most
        label = format_value(s.stage, lang)
        share = "" if s.share is None else f" ({percent_text(s.share * 100, lang, report.style)})"
        out.append(
            f'<text x="{_LABEL_W - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{_n(centre - w / 2)}" y="{y}" width="{_n(w)}" height="20" '
            f'fill="{_COLOURS["admitted"]}"/>'
            f'<text x="{_n(centre + max(w / 2, 0) + 6)}" y="{y + 15}">'
            f"{s.reached}{escape(share)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _table(table: Table, lang: Language, style: PercentStyle = DEFAULT_STYLE) -> str:
    if not table.rows:
        return ""
    head = "".join(f'<th scope="col">{escape(c.label)}</th>' for c in table.columns)

    def row(cells: Iterable[Any], css: str = "") -> str:
        tds = []
        for value, col in zip(cells, table.columns, strict=True):
            text = escape(format_cell(value, col.kind, lang, style))
            cls = "" if col.kind is Kind.TEXT else ' class="n"'
            tds.append(f"<td{cls}>{text}</td>")
        return f"<tr{css}>{''.join(tds)}</tr>"

    body = "".join(row(r) for r in table.rows)
    if table.total is not None:
        body += row(table.total, ' class="total"')
    return (
        f'<h3>{escape(table.title)}</h3><div class="scroll"><table><thead><tr>{head}</tr>'
        f"</thead><tbody>{body}</tbody></table></div>"
    )


def render_html(report: Report, lang: Language = "vi", /) -> str:
    """Return *report* as a self-contained HTML page (inline style and SVG, no script)."""
    from dangvien import __version__

    def t(key: str, **facts: Any) -> str:
        return escape(render(f"report.{key}", lang, **facts))

    parts = {tb.key: tb for tb in tables(report, lang)}
    r = report
    head = [
        f"<h1>{t('title', year=r.year)}</h1>",
        f'<p class="meta org">{escape(r.organization.name)}</p>',
        f'<p class="meta">'
        f"{t('as_of', day=r.as_of.date, source=r.as_of.source, count_by=r.count_by)}</p>",
    ]
    if not r.counted:
        head.append(f'<p class="meta warn">{t("not_counted")}</p>')
    plan = r.plan
    if plan is None:
        head.append(f'<p class="meta">{t("no_plan", year=r.year)}</p>')
    else:
        p = plan.period
        key = "period.open" if p.open_ended else "period.closed"
        period = render(f"report.{key}", lang, first=p.first_year, last=p.last_year)
        head.append(
            f'<p class="meta">'
            f"{t('plan', number=plan.number, day=plan.date, issuer=plan.issuer, period=period)}"
            f"</p>"
        )
        if plan.headline is not None:
            total = render("report.no_value", lang) if r.target is None else r.target
            head.append(
                f'<p class="meta">'
                f"{t('headline', low=plan.headline.low, high=plan.headline.high, sum=total)}</p>"
            )
    fc = r.forecast
    style = r.style
    scaled = render("report.legend_scaled", lang) if fc.scaled else ""
    number = 0
    levels_legend = render(
        "report_levels.legend.levels",
        lang,
        below=render("report_levels.mark.warning", lang),
        above=render("report_levels.mark.info", lang),
    )

    def h2(title: str) -> str:
        nonlocal number
        number += 1
        return f"<h2>{escape(render('report_levels.numbered', lang, n=number, title=title))}</h2>"

    def table(key: str, *, brief: bool = False) -> str:
        tb = parts[key]
        return _table(tb.brief() if brief else tb, lang, style)

    body = [
        f"<section>{h2(render('report.section.units', lang))}",
        f"<figure>{fulfilment_svg(r, lang)}<figcaption>"
        f"{t('chart.fulfilment', year=r.year)}</figcaption></figure>",
        table("units", brief=True),
        f'<p class="legend">{t("legend", scaled=scaled, style=style)}</p></section>',
        f"<section>{h2(render('report_levels.section.levels', lang))}",
        table("levels"),
        f'<p class="legend">{escape(levels_legend)}</p>',
        table("subtotals"),
        "</section>",
    ]
    if r.introductions:
        body.append(
            f"<section>{h2(render('report.section.introductions', lang))}"
            f"{table('introductions')}</section>"
        )
    body.append(f"<section>{h2(render('report.section.plan_checks', lang))}")
    body.append(_findings(r, lang))
    body.append("</section>")
    if r.claims:
        items = []
        for c in r.claims:
            stated, computed = claim_figures(c, lang)
            text = render(
                "report_levels.claim",
                lang,
                where=c.where,
                text=c.claim.text,
                stated=stated,
                computed=render("report.no_value", lang) if computed is None else computed,
                verdict=claim_verdict(c),
            )
            css = {True: "agrees", False: "disagrees", None: "unknown"}[c.agrees]
            items.append(f'<li class="{css}">{escape(text)}</li>')
        body.append(
            f"<section>{h2(render('report_levels.section.claims', lang))}"
            f'<ul class="claims">{"".join(items)}</ul></section>'
        )
    if r.breakdowns and r.breakdowns[0].total:
        body.append(
            f"<section>{h2(render('report_levels.section.breakdowns', lang, year=r.year))}"
            + "".join(table(k) for k in parts if k.startswith("breakdown_"))
            + "</section>"
        )
    first, last = r.history
    caption = (
        t("chart.funnel", first=first, last=last)
        if r.funnel and r.funnel[0].reached
        else t("chart.funnel_empty")
    )
    body += [
        f"<section>{h2(render('report.section.pipeline', lang, day=r.as_of.date))}",
        f"<figure>{funnel_svg(r, lang)}<figcaption>{caption}</figcaption></figure>",
        table("pipeline"),
        table("candidates"),
        "</section>",
        f"<section>{h2(render('report.section.forecast', lang, year=r.year))}<p>",
        t(
            "forecast_total",
            forecast=number_text(fc.forecast, lang, style),
            target=render("report.no_value", lang) if fc.target is None else fc.target,
            percent=percent_text(fc.percent, lang, style),
            admitted=fc.admitted,
            short=fc.shortfall,
        ),
        "</p></section>",
        f"<section>{h2(render('report.section.rules', lang, day=r.as_of.date))}<p>",
        escape(", ".join(f"{n} {s.label(lang)}" for s, n in r.rules.counts.items())),
        "</p>",
        table("findings"),
        "</section>",
    ]
    title = render("report.title", lang, year=r.year)
    return (
        f'<!DOCTYPE html>\n<html lang="{t("html.lang")}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} — {escape(r.organization.name)}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n<main>\n<header>{''.join(head)}</header>\n"
        + "\n".join(body)
        + f"\n<footer><p>{t('html.generated', version=__version__)}</p></footer>\n"
        "</main>\n</body>\n</html>\n"
    )


def _findings(report: Report, lang: Language) -> str:
    found = report.plan_findings
    if not found:
        return f"<p>{escape(render('report.none', lang))}</p>"
    order = {s: i for i, s in enumerate(Severity)}
    items = []
    for f in sorted(found, key=lambda f: order[f.severity]):
        basis = ""
        if f.citation is not None:
            text = render("report.basis", lang, citation=f.citation.text)
            basis = f'<span class="basis">{escape(text)}</span>'
        items.append(
            f'<li><span class="sev {f.severity.value}">{escape(f.severity.label(lang))}</span> '
            f"<code>{escape(f.rule)}</code>: {escape(f.message(lang))}{basis}</li>"
        )
    return f'<ul class="findings">{"".join(items)}</ul>'
