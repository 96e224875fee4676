"""Plain-text renderers of the command's results, Vietnamese first (trình bày dạng văn bản).

Every word comes from the message catalogue; each renderer takes the
language and returns the text, ending with a newline.
"""

from __future__ import annotations

from collections.abc import Iterable

from dangvien.findings import Finding, Severity, count_by_severity
from dangvien.messages import Language, format_value, render
from dangvien.model.stages import Stage
from dangvien.results import CheckResult, DueResult, ExplainResult, RuleInfo, Summary
from dangvien.rules import AsOf

__all__ = [
    "as_of_line",
    "render_check",
    "render_due",
    "render_explain",
    "render_rules",
    "render_summary",
]


def as_of_line(as_of: AsOf, lang: Language) -> str:
    """The line that says which day a result describes, and why that day."""
    return render("cli.as_of", lang, day=as_of.date, source=as_of.source) + "\n"


def _finding_lines(f: Finding, lang: Language) -> list[str]:
    severity = f.severity.label(lang)
    line = f"  {severity:<12} {f.rule:<22} {f.subject}: {f.message(lang)}"
    if f.due is not None:
        line += " " + render("cli.due_tag", lang, due=f.due)
    lines = [line]
    if f.citation is not None:
        lines.append(
            "      " + render("cli.basis", lang, citation=f.citation.text, grade=f.confidence.value)
        )
    return lines


def _totals(findings: Iterable[Finding], lang: Language) -> str:
    counts = count_by_severity(findings)
    parts = ", ".join(f"{n} {s.label(lang)}" for s, n in counts.items())
    return render("cli.totals", lang, parts=parts) + "\n"


def render_check(result: CheckResult, lang: Language = "vi") -> str:
    """The findings of ``dangvien check``, one per line with its basis, then the totals."""
    out = [as_of_line(result.as_of, lang)]
    for f in result.findings:
        out.extend(line + "\n" for line in _finding_lines(f, lang))
    out.append("\n" + _totals(result.findings, lang))
    return "".join(out)


def render_explain(result: ExplainResult, lang: Language = "vi") -> str:
    """Every rule's verdict on one person."""
    out = [as_of_line(result.as_of, lang)]
    out.append(render("cli.explain.person", lang, pid=result.person, name=result.name) + "\n")
    for e in result.evaluations:
        status = format_value(e.status, lang)
        out.append(f"  {status:<15} {e.rule:<22} {e.reason(lang)}\n")
        if e.finding is not None and e.finding.citation is not None:
            basis = render(
                "cli.basis",
                lang,
                citation=e.finding.citation.text,
                grade=e.finding.confidence.value,
            )
            out.append(f"{'':>40}{basis}\n")
    return "".join(out)


def render_due(result: DueResult, lang: Language = "vi") -> str:
    """The acts falling due, by date, overdue ones flagged."""
    out = [as_of_line(result.as_of, lang)]
    out.append(render("cli.due.window", lang, start=result.start, end=result.end) + "\n")
    for i in result.items:
        flag = render("cli.due.overdue" if i.overdue else "cli.due.upcoming", lang)
        when = format_value(i.due, lang)
        out.append(f"  {when}  {flag:<10} {i.subject:<10} {i.name}: {i.finding.message(lang)}\n")
    out.append(
        "\n" + render("cli.due.count", lang, n=len(result.items), overdue=result.overdue) + "\n"
    )
    return "".join(out)


def render_rules(rules: Iterable[RuleInfo], lang: Language = "vi") -> str:
    """The rule catalogue, one line per rule with its grade."""
    return "".join(
        f"{r.id:<24} [{r.confidence.value}] {r.title_vi if lang == 'vi' else r.title_en}\n"
        for r in rules
    )


_SHOWN = (
    Stage.SYMPATHIZER,
    Stage.APPLICANT,
    Stage.PROPOSED,
    Stage.ADMITTED,
    Stage.PROBATIONARY,
    Stage.OFFICIAL,
)


def render_summary(summary: Summary, lang: Language = "vi") -> str:
    """The organisation, its plans and its people per stage per cell."""
    out = [
        render(
            "cli.show.title", lang, name=summary.name, people=summary.people, day=summary.as_of.date
        )
        + "\n",
        as_of_line(summary.as_of, lang),
        "\n",
    ]
    if not summary.cells:
        # A province or district listing no cells: its organisations, not an empty cell table.
        out.append(render("quotas.show.units", lang) + "\n")
        for o in summary.organizations:
            out.append(
                "  " * (o.depth + 1)
                + render("quotas.show.unit", lang, name=o.name, level=o.level)
                + "\n"
            )
        out.extend(_plans(summary, lang))
        return "".join(out)
    heads = [render(f"cli.show.col.{s.name.lower()}", lang) for s in _SHOWN]
    out.append(render("cli.show.legend", lang) + "\n")
    name_w = max([len(render("cli.show.cell", lang)), *(len(c.name) for c in summary.cells)]) + 2
    out.append(f"{render('cli.show.cell', lang):<{name_w}}" + "".join(f"{h:>7}" for h in heads))
    out.append("\n")
    for cell in summary.cells:
        row = "".join(f"{cell.count(s):>7}" for s in _SHOWN)
        out.append(f"{cell.name:<{name_w}}{row}\n")
    out.extend(_plans(summary, lang))
    return "".join(out)


def _plans(summary: Summary, lang: Language) -> list[str]:
    """The plans' lines of ``dangvien show``."""
    out: list[str] = []
    for ps in summary.plans:
        plan = ps.plan
        out.append(
            "\n"
            + render("cli.show.plan", lang, number=plan.number, date=plan.date, title=plan.title)
            + "\n"
        )
        if plan.headline is not None:
            # Any form of target: "9–11", "2.000", "trên 290", "từ 290 trở lên".
            out.append("  " + render("quotas.show.headline", lang, headline=plan.headline) + "\n")
        stated = plan.stated_admission_total
        if plan.admission_targets or stated is not None:  # a headline-only plan has no table
            key = "cli.show.table" if stated is not None else "cli.show.table_unstated"
            rows = len(plan.admission_targets)
            total = ps.admission_target_sum
            out.append("  " + render(key, lang, rows=rows, total=total, stated=stated) + "\n")
        if plan.introduction_targets:
            quotas = ", ".join(f"{t.organization} {t.annual}" for t in plan.introduction_targets)
            out.append(
                "  "
                + render("cli.show.quotas", lang, quotas=quotas, total=ps.introduction_target_sum)
                + "\n"
            )
    return out


def severity_order(findings: Iterable[Finding]) -> list[Finding]:
    """Findings ordered violation, warning, upcoming, info (stable within each)."""
    rank = {s: i for i, s in enumerate(Severity)}
    return sorted(findings, key=lambda f: rank[f.severity])
