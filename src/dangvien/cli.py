"""The ``dangvien`` command (also ``python -m dangvien``).

Sub-commands::

    dangvien show DATASET [--format text|json]
    dangvien check DATASET [--as-of DATE] [--format text|json] [--lang vi|en]
    dangvien explain DATASET PERSON [--on DATE]
    dangvien due DATASET --from DATE --to DATE [--as-of DATE]
    dangvien report DATASET [--year Y] [--as-of DATE] [--format text|json] [--lang vi|en]
    dangvien calendar add DATE N | count DATE DATE | is-working DATE
    dangvien rules [--format text|json]

Exit status: 0 success; 1 ``check`` found violations; 2 wrong usage;
3 the dataset has bad records (each one is printed).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TextIO

from dangvien.calendar import WorkCalendar
from dangvien.dates import format_date_vn, parse_date, today_vn
from dangvien.findings import Finding, Language, Severity, count_by_severity
from dangvien.io import DatasetError, load_dataset
from dangvien.model.register import Dataset
from dangvien.model.stages import Stage

__all__ = ["EXIT_BAD_DATA", "EXIT_OK", "EXIT_USAGE", "EXIT_VIOLATIONS", "main"]

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_USAGE = 2
EXIT_BAD_DATA = 3


def _date(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _json(obj: object, out: TextIO) -> None:
    json.dump(obj, out, ensure_ascii=False, indent=2)
    out.write("\n")


# --- show ---------------------------------------------------------------


def summarize(dataset: Dataset, on: date) -> dict[str, object]:
    """Return the summary ``dangvien show`` prints: organisation, plans, people per stage per cell."""  # noqa: E501
    org = dataset.organization
    per_cell: dict[str, dict[str, int]] = {c.id: {} for c in org.all_cells()}
    no_cell: dict[str, int] = {}
    for record in dataset.records:
        stage = record.stage_at(on).name
        cell = record.cell_at(on)
        bucket = per_cell.get(cell, no_cell) if cell is not None else no_cell
        bucket[stage] = bucket.get(stage, 0) + 1
    targets: dict[str, list[dict[str, object]]] = {c.id: [] for c in org.all_cells()}
    for plan in dataset.plans:
        for row in plan.admission_targets:
            target_cell = org.cell(row.cell)
            if target_cell is not None:
                targets[target_cell.id].append(
                    {"plan": plan.id, "annual": row.annual, "year": row.year}
                )
    plans = []
    for plan in dataset.plans:
        plans.append({
            "id": plan.id,
            "number": plan.number,
            "date": plan.date.isoformat(),
            "issuer": plan.issuer,
            "title": plan.title,
            "period": {"first_year": plan.period.first_year, "last_year": plan.period.last_year,
                       "open_ended": plan.period.open_ended},
            "headline": None if plan.headline is None
            else {"low": plan.headline.low, "high": plan.headline.high},
            "admission_targets": [{"cell": t.cell, "annual": t.annual, "year": t.year}
                                  for t in plan.admission_targets],
            "admission_target_sum": plan.admission_sum(),
            "stated_admission_total": plan.stated_admission_total,
            "introduction_targets": [{"organization": t.organization, "annual": t.annual,
                                      "year": t.year} for t in plan.introduction_targets],
            "introduction_target_sum": plan.introduction_sum(),
            "legal_bases": [{"ref": b.ref, "date": None if b.date is None else b.date.isoformat(),
                             "title": b.title} for b in plan.legal_bases],
        })  # fmt: skip
    return {
        "as_of": on.isoformat(),
        "organization": {
            "id": org.id,
            "name": org.name,
            "level": org.level.value,
            "organizations": [
                {"id": o.id, "name": o.name, "level": o.level.value} for o in org.walk()
            ],
            "cells": [
                {
                    "id": c.id,
                    "name": c.name,
                    "kind": c.kind.value,
                    "aliases": list(c.aliases),
                    "targets": targets[c.id],
                    "stages": per_cell[c.id],
                }
                for c in org.all_cells()
            ],
            "mass_organizations": [
                {"id": m.id, "name": m.name, "kind": m.kind.value}
                for m in org.all_mass_organizations()
            ],
        },
        "plans": plans,
        "people": len(dataset.records),
        "people_without_cell": no_cell,
    }


def _show_text(summary: dict[str, object], dataset: Dataset, out: TextIO) -> None:
    org = dataset.organization
    on = date.fromisoformat(str(summary["as_of"]))
    communes = [o for o in org.walk() if o.cells]
    title = communes[0].name if len(communes) == 1 else org.name
    out.write(f"{title} — {len(dataset.records)} người, ngày {format_date_vn(on)}\n\n")
    shown = [Stage.SYMPATHIZER, Stage.APPLICANT, Stage.PROPOSED, Stage.ADMITTED,
             Stage.PROBATIONARY, Stage.OFFICIAL]  # fmt: skip
    head = ["Chi bộ", "CT", "HS", "ĐN", "QĐ", "DB", "CT.ĐV"]
    out.write("Người theo giai đoạn và chi bộ (CT: cảm tình Đảng, HS: đang làm hồ sơ, "
              "ĐN: chi bộ đề nghị, QĐ: có quyết định, DB: dự bị, CT.ĐV: chính thức)\n")  # fmt: skip
    out.write(f"{head[0]:<28}" + "".join(f"{h:>7}" for h in head[1:]) + "\n")
    cells = summary["organization"]["cells"]  # type: ignore[index]
    for cell in cells:
        stages = cell["stages"]
        row = "".join(f"{stages.get(s.name, 0):>7}" for s in shown)
        out.write(f"{cell['name']:<28}{row}\n")
    for plan in dataset.plans:
        out.write(f"\nKế hoạch {plan.number} ngày {format_date_vn(plan.date)}: {plan.title}\n")
        if plan.headline is not None:
            out.write(f"  Chỉ tiêu cơ bản: {plan.headline} đảng viên/năm\n")
        n, total = len(plan.admission_targets), plan.admission_sum()
        out.write(f"  Bảng chỉ tiêu: {n} chi bộ, tổng {total}"
                  f" (văn bản ghi tổng: {plan.stated_admission_total})\n")  # fmt: skip
        quotas = ", ".join(f"{t.organization} {t.annual}" for t in plan.introduction_targets)
        out.write(f"  Giới thiệu quần chúng hằng năm: {quotas} (tổng {plan.introduction_sum()})\n")


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    dataset = load_dataset(args.dataset)
    on = args.as_of or today_vn()
    summary = summarize(dataset, on)
    if args.format == "json":
        _json(summary, out)
    else:
        _show_text(summary, dataset, out)
    return EXIT_OK


# --- check, explain, due, rules -------------------------------------------


def _finding_line(f: Finding, lang: Language) -> str:
    due = f" [hạn {format_date_vn(f.due)}]" if f.due else ""
    cite = f"\n      căn cứ: {f.citation} (mức {f.confidence.value})" if f.citation else ""
    return f"  {f.severity.label_vi:<12} {f.rule:<22} {f.subject}: {f.message(lang)}{due}{cite}"


def _print_findings(findings: Sequence[Finding], lang: Language, out: TextIO) -> None:
    for f in findings:
        out.write(_finding_line(f, lang) + "\n")
    counts = count_by_severity(findings)
    out.write("\nTổng: " + ", ".join(f"{n} {s.label_vi}" for s, n in counts.items()) + "\n")


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from dangvien.rules import check

    dataset = load_dataset(args.dataset)
    findings = check(dataset, as_of=args.as_of, only=args.only or None)
    if args.format == "json":
        _json([f.to_json(args.lang) for f in findings], out)
    else:
        _print_findings(findings, args.lang, out)
    violations = any(f.severity is Severity.VIOLATION for f in findings)
    return EXIT_VIOLATIONS if violations else EXIT_OK


def _cmd_explain(args: argparse.Namespace, out: TextIO) -> int:
    from dangvien.rules import explain

    dataset = load_dataset(args.dataset)
    try:
        evaluations = explain(dataset, args.person, on=args.on)
    except KeyError as exc:
        sys.stderr.write(f"dangvien: {exc.args[0]}\n")
        return EXIT_USAGE
    if args.format == "json":
        _json([{"rule": e.rule, "status": e.status.value,
                "reason": e.reason_vi if args.lang == "vi" else e.reason_en,
                "finding": None if e.finding is None else e.finding.to_json(args.lang)}
               for e in evaluations], out)  # fmt: skip
        return EXIT_OK
    for e in evaluations:
        reason = e.reason_vi if args.lang == "vi" else e.reason_en
        out.write(f"  {e.status.value:<15} {e.rule:<22} {reason}\n")
    return EXIT_OK


def _cmd_due(args: argparse.Namespace, out: TextIO) -> int:
    from dangvien.rules import due

    dataset = load_dataset(args.dataset)
    items = due(dataset, args.start, args.end, as_of=args.as_of)
    if args.format == "json":
        _json([{**i.finding.to_json(args.lang), "act": i.deadline.act.value,
                "overdue": i.overdue, "name": i.name} for i in items], out)  # fmt: skip
        return EXIT_OK
    for i in items:
        flag = "QUÁ HẠN" if i.overdue else "đến hạn"
        when = format_date_vn(i.finding.due) if i.finding.due else "?"
        out.write(f"  {when}  {flag:<8} {i.subject:<10} {i.name}: {i.finding.message(args.lang)}\n")
    out.write(f"\n{len(items)} việc ({sum(i.overdue for i in items)} quá hạn)\n")
    return EXIT_OK


def _cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    from dangvien.rules import REGISTRY

    rows = [{"id": r.id, "topic": r.topic, "title_vi": r.title_vi, "title_en": r.title_en,
             "citations": [str(c) for c in r.citations], "start": r.start.isoformat(),
             "end": None if r.end is None else r.end.isoformat(),
             "confidence": r.confidence.value} for r in REGISTRY.values()]  # fmt: skip
    if args.format == "json":
        _json(rows, out)
        return EXIT_OK
    for row in rows:
        out.write(f"{row['id']:<24} [{row['confidence']}] {row['title_vi']}\n")
    return EXIT_OK


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    import shutil

    from dangvien.quotas.fulfilment import CountBy
    from dangvien.report import WIDTH, build_report

    dataset = load_dataset(args.dataset)
    as_of = args.as_of or today_vn()
    try:
        report = build_report(
            dataset, year=args.year, as_of=as_of, plan=args.plan,
            count_by=CountBy(args.count_by), scale=args.scale, carry_over=args.carry_over,
        )  # fmt: skip
    except KeyError as exc:
        sys.stderr.write(f"dangvien: {exc.args[0]}\n")
        return EXIT_USAGE
    if args.format == "json":
        _json(report.to_json(args.lang), out)
        return EXIT_OK
    width = WIDTH
    if out is sys.stdout and out.isatty():
        # 80–100 columns: narrower terminals get the cumulative table apart.
        width = max(80, min(WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns))
    out.write(report.render_text(args.lang, width=width))
    return EXIT_OK


# --- calendar -------------------------------------------------------------


def _cmd_calendar(args: argparse.Namespace, out: TextIO) -> int:
    cal = WorkCalendar.default()
    if args.cal_cmd == "add":
        result = cal.add_working_days(args.date, args.n)
        out.write(f"{result.isoformat()}\n")
    elif args.cal_cmd == "count":
        out.write(f"{cal.count_working_days(args.start, args.end)}\n")
    else:
        out.write(("có" if cal.is_working_day(args.date) else "không") + "\n")
    return EXIT_OK


# --- parser ---------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``dangvien`` command."""
    p = argparse.ArgumentParser(
        prog="dangvien",
        description="Công tác phát triển đảng viên của đảng ủy xã / party-member development "
        "work of a commune party committee.",
    )
    sub = p.add_subparsers(dest="command", required=True)

    def dataset_cmd(name: str, help_: str) -> argparse.ArgumentParser:
        s = sub.add_parser(name, help=help_)
        s.add_argument("dataset", help="thư mục dữ liệu / dataset directory")
        s.add_argument("--format", choices=("text", "json"), default="text")
        s.add_argument("--lang", choices=("vi", "en"), default="vi")
        return s

    s = dataset_cmd("show", "tóm tắt dữ liệu / summarise a dataset")
    s.add_argument("--as-of", type=_date, help="ngày xem (mặc định: hôm nay)")
    s.set_defaults(func=_cmd_show)

    s = dataset_cmd("check", "kiểm tra theo quy định / check the rules")
    s.add_argument("--as-of", type=_date, help="ngày kiểm tra (mặc định: hôm nay)")
    s.add_argument("--only", nargs="*", metavar="RULE", help="chỉ các quy tắc này")
    s.set_defaults(func=_cmd_check)

    s = dataset_cmd("explain", "giải thích từng quy tắc cho một người / explain one person")
    s.add_argument("person", help="mã người / person id")
    s.add_argument("--on", type=_date, help="ngày xét (mặc định: hôm nay)")
    s.set_defaults(func=_cmd_explain)

    s = dataset_cmd("due", "việc đến hạn / acts falling due")
    s.add_argument("--from", dest="start", type=_date, required=True)
    s.add_argument("--to", dest="end", type=_date, required=True)
    s.add_argument("--as-of", type=_date, help="ngày xét quá hạn (mặc định: hôm nay)")
    s.set_defaults(func=_cmd_due)

    s = dataset_cmd("report", "báo cáo thực hiện kế hoạch / plan-fulfilment report")
    s.add_argument("--year", type=int, help="năm báo cáo (mặc định: năm của --as-of)")
    s.add_argument("--as-of", type=_date, help="số liệu đến ngày (mặc định: hôm nay)")
    s.add_argument("--plan", help="mã kế hoạch (mặc định: kế hoạch mới nhất có năm đó)")
    s.add_argument(
        "--count-by",
        choices=("decision", "ceremony"),
        default="decision",
        help="tính kết nạp theo ngày quyết định (mặc định) hay ngày lễ kết nạp",
    )
    s.add_argument(
        "--scale", action="store_true", help="dự báo theo tỷ lệ chuyển giai đoạn những năm trước"
    )
    s.add_argument("--carry-over", action="store_true", help="cộng phần thiếu vào chỉ tiêu năm sau")
    s.set_defaults(func=_cmd_report)

    s = sub.add_parser("rules", help="danh mục quy tắc / rule catalogue")
    s.add_argument("--format", choices=("text", "json"), default="text")
    s.set_defaults(func=_cmd_rules)

    cal = sub.add_parser("calendar", help="ngày làm việc / working days")
    cal_sub = cal.add_subparsers(dest="cal_cmd", required=True)
    c = cal_sub.add_parser("add", help="ngày làm việc thứ N sau DATE")
    c.add_argument("date", type=_date)
    c.add_argument("n", type=int)
    c = cal_sub.add_parser("count", help="số ngày làm việc trong (START, END]")
    c.add_argument("start", type=_date)
    c.add_argument("end", type=_date)
    c = cal_sub.add_parser("is-working", help="DATE có phải ngày làm việc?")
    c.add_argument("date", type=_date)
    cal.set_defaults(func=_cmd_calendar)
    return p


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command; return its exit status."""
    args = build_parser().parse_args(argv)
    stream = out or sys.stdout
    func: Callable[[argparse.Namespace, TextIO], int] = args.func
    try:
        return func(args, stream)
    except BrokenPipeError:
        # The reader (e.g. `head`) stopped early: not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    except DatasetError as exc:
        sys.stderr.write(f"dangvien: dữ liệu có lỗi / the dataset has errors\n{exc}\n")
        return EXIT_BAD_DATA
    except ValueError as exc:
        sys.stderr.write(f"dangvien: {exc}\n")
        return EXIT_USAGE
