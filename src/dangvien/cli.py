"""The ``dangvien`` command (also ``python -m dangvien``).

Sub-commands::

    dangvien show DATASET [--as-of DATE]
    dangvien check DATASET [--as-of DATE] [--only RULE ...]
    dangvien explain DATASET PERSON [--on DATE]
    dangvien due DATASET --from DATE --to DATE [--as-of DATE] [--format ics --output FILE]
    dangvien report DATASET [--year Y] [--as-of DATE] [--plan ID] [--org ID] ...
                            [--decimals 0|1|2] [--rounding half-up|half-even|truncate]
                            [--format text|json|html|xlsx|docx] [--output FILE]
    dangvien calendar add DATE N | count DATE DATE | is-working DATE
    dangvien rules
    dangvien init DIR [--name NAME] [--cell NAME ...]

Every dataset command takes ``--format text|json`` and ``--lang vi|en``
(help too: ``dangvien --lang en check --help``), and states the as-of date
it used: ``--as-of``, else the dataset's own date (``data_as_of``), else
today in Vietnam.  Personal data (birth dates, card and record numbers) is
masked in everything printed or written (``**/**/1990``, ``****4567``);
``--reveal``, before or after the command, shows it in full
(:mod:`dangvien.privacy`).

Exit status (:data:`EXIT_CODES`): 0 success; 1 ``check`` found violations;
2 wrong usage (an unknown person or rule, a reversed window, a date outside
the calendar); 3 the data could not be read (bad records, each printed with
its file, row and column; a file that cannot be opened); 4 an internal error
of dangvien (a bug: one line asks for a report, ``--debug`` shows the
traceback).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Final, TextIO

from dangvien import privacy
from dangvien.calendar import WorkCalendar
from dangvien.dates import parse_date
from dangvien.errors import DataError, NotCoveredError, UsageError
from dangvien.io import DatasetError, load_dataset
from dangvien.io.parts import is_partitioned
from dangvien.messages import Language, Text, render
from dangvien.model.register import Dataset

__all__ = [
    "EXIT_BAD_DATA",
    "EXIT_CODES",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_USAGE",
    "EXIT_VIOLATIONS",
    "build_parser",
    "main",
]

#: Success (for ``check``: no violation).
EXIT_OK: Final = 0
#: ``check`` found at least one violation.
EXIT_VIOLATIONS: Final = 1
#: Wrong usage (an unknown option, id or date, a reversed window).
EXIT_USAGE: Final = 2
#: The data could not be read (or a file opened or written).
EXIT_BAD_DATA: Final = 3
#: An internal error of dangvien (a bug).
EXIT_INTERNAL: Final = 4

#: Every exit status and what it means (the README's table).
EXIT_CODES: Final = {
    EXIT_OK: "success",
    EXIT_VIOLATIONS: "check found violations",
    EXIT_USAGE: "wrong usage",
    EXIT_BAD_DATA: "the data could not be read",
    EXIT_INTERNAL: "internal error (a bug of dangvien)",
}


def _date(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _load(args: argparse.Namespace) -> Dataset:
    return load_dataset(args.dataset)


def _write(text: str, out: TextIO) -> None:
    out.write(text if text.endswith("\n") else text + "\n")


def _json(obj: object, out: TextIO, lang: Language) -> None:
    from dangvien.output import dumps

    _write(dumps(obj, lang=lang), out)


# --- commands ----------------------------------------------------------------------


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    from dangvien.render.text import render_summary
    from dangvien.results import summarize

    summary = summarize(_load(args), args.as_of)
    if args.format == "json":
        _json(summary, out, args.lang)
    else:
        _write(render_summary(summary, args.lang), out)
    return EXIT_OK


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from dangvien.render.text import render_check
    from dangvien.results import CheckResult
    from dangvien.rules import check, resolve_as_of, rules

    rules(ids=args.only or None)  # an unknown id is refused before the data is read
    only = args.only or None
    if is_partitioned(args.dataset):  # streamed, one partition at a time
        from dangvien import partition

        stored = partition.open_partitions(args.dataset)
        as_of = resolve_as_of(stored.dataset, args.as_of)
        found = partition.check_stored(stored, jobs=args.jobs, as_of=as_of.date, only=only)
    else:
        dataset = _load(args)
        as_of = resolve_as_of(dataset, args.as_of)
        if args.jobs == 1:
            found = check(dataset, as_of=as_of.date, only=only)
        else:
            from dangvien import partition

            found = partition.check(dataset, jobs=args.jobs, as_of=as_of.date, only=only)
    result = CheckResult(as_of, tuple(found))
    if args.format == "json":
        _json(result, out, args.lang)
    else:
        _write(render_check(result, args.lang), out)
    return EXIT_VIOLATIONS if result.violations else EXIT_OK


def _cmd_explain(args: argparse.Namespace, out: TextIO) -> int:
    from dangvien.render.text import render_explain
    from dangvien.results import ExplainResult
    from dangvien.rules import explain, resolve_as_of

    if is_partitioned(args.dataset):  # only the person's partition is read
        from dangvien import partition

        stored = partition.open_partitions(args.dataset)
        as_of = resolve_as_of(stored.dataset, args.on)
        record, evaluations = partition.explain_stored(stored, args.person, on=as_of.date)
    else:
        dataset = _load(args)
        as_of = resolve_as_of(dataset, args.on)
        evaluations = explain(dataset, args.person, on=as_of.date)
        found = dataset.record(args.person)
        assert found is not None  # explain refused an unknown id
        record = found
    result = ExplainResult(as_of, args.person, record.person.full_name, tuple(evaluations))
    if args.format == "json":
        _json(result, out, args.lang)
    else:
        _write(render_explain(result, args.lang), out)
    return EXIT_OK


def _cmd_due(args: argparse.Namespace, out: TextIO) -> int:
    from dangvien.render.text import render_due
    from dangvien.results import DueResult
    from dangvien.rules import due, resolve_as_of

    if args.start > args.end:
        raise UsageError.from_text(
            Text("rule.reversed_window", {"start": args.start, "end": args.end})
        )
    if is_partitioned(args.dataset):  # streamed, one partition at a time
        from dangvien import partition

        stored = partition.open_partitions(args.dataset)
        dataset = stored.dataset
        as_of = resolve_as_of(dataset, args.as_of)
        items = partition.due_stored(stored, args.start, args.end, jobs=args.jobs, as_of=as_of.date)
    else:
        dataset = _load(args)
        as_of = resolve_as_of(dataset, args.as_of)
        if args.jobs == 1:
            items = due(dataset, args.start, args.end, as_of=as_of.date)
        else:
            from dangvien import partition

            items = partition.due(dataset, args.start, args.end, jobs=args.jobs, as_of=as_of.date)
    result = DueResult(as_of, args.start, args.end, tuple(items))
    data: str | bytes
    if args.format == "json":
        from dangvien.output import dumps

        data = dumps(result, lang=args.lang) + "\n"
    elif args.format == "ics":
        from dangvien.render.ics import render_ics

        communes = [o for o in dataset.organization.walk() if o.cells]
        name = communes[0].name if len(communes) == 1 else dataset.organization.name
        data = render_ics(result, args.lang, reminders=args.remind, calendar_name=name)
    else:
        data = render_due(result, args.lang)
    _emit(data, args, out)
    return EXIT_OK


def _reminders(text: str) -> tuple[int, ...]:
    """Parse ``--remind 7,1`` (``0`` alone: no reminder)."""
    try:
        days = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        days = (-1,)
    if not days or any(d < 0 for d in days):
        msg = " / ".join(
            render("report.error.bad_remind", lang, value=text) for lang in ("vi", "en")
        )
        raise argparse.ArgumentTypeError(msg)
    return tuple(sorted({d for d in days if d > 0}, reverse=True))


def _jobs(text: str) -> int:
    """Parse ``--jobs N`` (1 or more)."""
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        msg = " / ".join(render("partition.bad_jobs", lang, jobs=text) for lang in ("vi", "en"))
        raise argparse.ArgumentTypeError(msg)
    return jobs


def _emit(data: str | bytes, args: argparse.Namespace, out: TextIO) -> None:
    """Write a result to ``--output`` atomically, else print it (text only)."""
    if args.output is not None:
        from dangvien.render.files import write_atomic

        write_atomic(args.output, data)
    elif isinstance(data, bytes):
        raise UsageError.from_text(Text("report.error.needs_output", {"format": args.format}))
    else:
        _write(data, out)


def _cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    from dangvien.render.text import render_rules
    from dangvien.results import rule_catalogue

    catalogue = rule_catalogue()
    if args.format == "json":
        _json(catalogue, out, args.lang)
    else:
        _write(render_rules(catalogue, args.lang), out)
    return EXIT_OK


def _check_year(dataset: Dataset, year: int, as_of: date) -> None:
    """Refuse a report year after the as-of date or before anything the data holds."""
    if year > as_of.year:
        raise UsageError.from_text(Text("cli.report.future_year", {"year": year, "as_of": as_of}))
    years = [e.date.year for r in dataset.records for e in r.events[:1]]
    years += [p.period.first_year for p in dataset.plans]
    first = min(years, default=as_of.year)
    if year < first:
        raise UsageError.from_text(Text("cli.report.early_year", {"year": year, "first": first}))


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from dangvien.model.plan import CountBy, Rounding
    from dangvien.quotas.fulfilment import PercentStyle
    from dangvien.report import WIDTH, build_report, get_format, render
    from dangvien.rules import resolve_as_of

    fmt = get_format(args.format)
    if fmt.binary and args.output is None:
        # Refused before the data is read: a binary file never goes to a terminal.
        raise UsageError.from_text(Text("report.error.needs_output", {"format": args.format}))
    fmt.renderer()  # a missing optional library is refused before the work
    dataset = _load(args)
    as_of = resolve_as_of(dataset, args.as_of)
    year = as_of.date.year if args.year is None else args.year
    _check_year(dataset, year, as_of.date)
    report = build_report(
        dataset,
        year=year,
        as_of=as_of,  # with its source: given, the dataset's own date, or today
        plan=args.plan,
        organization=args.org,
        count_by=CountBy(args.count_by),
        scale=args.scale,
        carry_over=args.carry_over,
        style=PercentStyle(args.decimals, Rounding(args.rounding.replace("-", "_"))),
        jobs=args.jobs,
    )
    options: dict[str, Any] = {}
    if args.format == "text":
        width = WIDTH
        if args.output is None and out is sys.stdout and out.isatty():
            # 80–100 columns: narrower terminals get the cumulative table apart.
            width = max(80, min(WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns))
        options["width"] = width
    _emit(render(report, args.format, lang=args.lang, **options), args, out)
    return EXIT_OK


def _cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    from dangvien.io.template import DEFAULT_NAME, init_dataset

    workbook = init_dataset(args.directory, name=args.name or DEFAULT_NAME, cells=args.cell or ())
    _write(
        render("cli.init.done", args.lang, directory=args.directory, workbook=str(workbook)), out
    )
    return EXIT_OK


def _cmd_split(args: argparse.Namespace, out: TextIO) -> int:
    from dangvien.partition import save_partitioned

    count = save_partitioned(_load(args), args.output)
    _write(render("cli.split.done", args.lang, count=count, directory=args.output), out)
    return EXIT_OK


def _cmd_calendar(args: argparse.Namespace, out: TextIO) -> int:
    cal = WorkCalendar.default()
    if args.cal_cmd == "add":
        _write(cal.add_working_days(args.date, args.n).isoformat(), out)
    elif args.cal_cmd == "count":
        if args.start > args.end:
            raise UsageError.from_text(
                Text("rule.reversed_window", {"start": args.start, "end": args.end})
            )
        _write(str(cal.count_working_days(args.start, args.end)), out)
    else:
        yes = cal.is_working_day(args.date)
        _write(render("common.yes" if yes else "common.no", args.lang), out)
    return EXIT_OK


# --- parser --------------------------------------------------------------------------


def _h(key: str, lang: Language) -> str:
    return render(f"cli.help.{key}", lang)


def build_parser(lang: Language = "vi") -> argparse.ArgumentParser:
    """Return the argument parser of the ``dangvien`` command, its help in *lang*."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("vi", "en"), default=lang, help=_h("lang", lang))
    common.add_argument("--debug", action="store_true", help=_h("debug", lang))
    # SUPPRESS: a sub-command's default must not undo `dangvien --reveal show …`.
    common.add_argument(
        "--reveal", action="store_true", default=argparse.SUPPRESS, help=_h("reveal", lang)
    )
    p = argparse.ArgumentParser(prog="dangvien", description=_h("prog", lang), parents=[common])
    sub = p.add_subparsers(dest="command", required=True)

    def dataset_cmd(
        name: str, choices: tuple[str, ...] = ("text", "json")
    ) -> argparse.ArgumentParser:
        s = sub.add_parser(name, help=_h(name, lang), description=_h(name, lang), parents=[common])
        s.add_argument("dataset", help=_h("dataset", lang))
        s.add_argument("--format", choices=choices, default="text", help=_h("format", lang))
        return s

    s = dataset_cmd("show")
    s.add_argument("--as-of", type=_date, help=_h("as_of", lang))
    s.set_defaults(func=_cmd_show)

    s = dataset_cmd("check")
    s.add_argument("--as-of", type=_date, help=_h("as_of", lang))
    s.add_argument("--only", nargs="*", metavar="RULE", help=_h("only", lang))
    s.add_argument("--jobs", type=_jobs, default=1, metavar="N", help=_h("jobs", lang))
    s.set_defaults(func=_cmd_check)

    s = dataset_cmd("explain")
    s.add_argument("person", help=_h("person", lang))
    s.add_argument("--on", type=_date, help=_h("on", lang))
    s.set_defaults(func=_cmd_explain)

    s = dataset_cmd("due", ("text", "json", "ics"))
    s.add_argument("--from", dest="start", type=_date, required=True, help=_h("from", lang))
    s.add_argument("--to", dest="end", type=_date, required=True, help=_h("to", lang))
    s.add_argument("--as-of", type=_date, help=_h("as_of", lang))
    s.add_argument("--output", metavar="FILE", help=render("report.help.output", lang))
    s.add_argument(
        "--remind",
        type=_reminders,
        default=(7, 1),
        metavar="DAYS",
        help=render("report.help.remind", lang),
    )
    s.add_argument("--jobs", type=_jobs, default=1, metavar="N", help=_h("jobs", lang))
    s.set_defaults(func=_cmd_due)

    from dangvien.report import formats

    s = dataset_cmd("report", formats())
    s.add_argument("--output", metavar="FILE", help=render("report.help.output", lang))
    s.add_argument("--year", type=int, help=_h("year", lang))
    s.add_argument("--as-of", type=_date, help=_h("as_of", lang))
    s.add_argument("--plan", metavar="ID", help=render("report_levels.help.plan", lang))
    s.add_argument("--org", metavar="ID", help=render("report_levels.help.org", lang))
    s.add_argument(
        "--decimals",
        type=int,
        choices=(0, 1, 2),
        default=1,
        help=render("report_levels.help.decimals", lang),
    )
    s.add_argument(
        "--rounding",
        choices=("half-up", "half-even", "truncate"),
        default="half-up",
        help=render("report_levels.help.rounding", lang),
    )
    s.add_argument(
        "--count-by",
        choices=("decision", "ceremony"),
        default="decision",
        help=_h("count_by", lang),
    )
    s.add_argument("--scale", action="store_true", help=_h("scale", lang))
    s.add_argument("--carry-over", action="store_true", help=_h("carry_over", lang))
    s.add_argument("--jobs", type=_jobs, default=1, metavar="N", help=_h("jobs", lang))
    s.set_defaults(func=_cmd_report)

    s = sub.add_parser(
        "split", help=_h("split", lang), description=_h("split", lang), parents=[common]
    )
    s.add_argument("dataset", help=_h("dataset", lang))
    s.add_argument("output", metavar="OUTPUT", help=_h("split_output", lang))
    s.set_defaults(func=_cmd_split)

    s = sub.add_parser(
        "init", help=_h("init", lang), description=_h("init", lang), parents=[common]
    )
    s.add_argument("directory", help=_h("init_dir", lang))
    s.add_argument("--name", help=_h("init_name", lang))
    s.add_argument("--cell", action="append", metavar="NAME", help=_h("init_cell", lang))
    s.set_defaults(func=_cmd_init)

    s = sub.add_parser(
        "rules", help=_h("rules", lang), description=_h("rules", lang), parents=[common]
    )
    s.add_argument("--format", choices=("text", "json"), default="text", help=_h("format", lang))
    s.set_defaults(func=_cmd_rules)

    cal = sub.add_parser(
        "calendar", help=_h("calendar", lang), description=_h("calendar", lang), parents=[common]
    )
    cal_sub = cal.add_subparsers(dest="cal_cmd", required=True)
    c = cal_sub.add_parser("add", help=_h("cal_add", lang), parents=[common])
    c.add_argument("date", type=_date)
    c.add_argument("n", type=int)
    c = cal_sub.add_parser("count", help=_h("cal_count", lang), parents=[common])
    c.add_argument("start", type=_date)
    c.add_argument("end", type=_date)
    c = cal_sub.add_parser("is-working", help=_h("cal_is_working", lang), parents=[common])
    c.add_argument("date", type=_date)
    cal.set_defaults(func=_cmd_calendar)
    return p


def _language(argv: Sequence[str]) -> Language:
    """The language asked for on the command line (for the help), else $DANGVIEN_LANG."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        else:
            continue
        return "en" if value == "en" else "vi"
    return "en" if os.environ.get("DANGVIEN_LANG") == "en" else "vi"


def _error(key: str, lang: Language, **facts: object) -> None:
    sys.stderr.write("dangvien: " + render(key, lang, **facts) + "\n")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command; return its exit status (see :data:`EXIT_CODES`)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language(argv)
    args = build_parser(lang).parse_args(argv)
    lang = args.lang
    stream = out or sys.stdout
    # Everything the command prints or writes, errors included, masks
    # personal data unless --reveal was given.
    with privacy.revealed(getattr(args, "reveal", False)):
        return _run(args, stream, lang)


def _run(args: argparse.Namespace, stream: TextIO, lang: Language) -> int:
    func: Callable[[argparse.Namespace, TextIO], int] = args.func
    try:
        return func(args, stream)
    except BrokenPipeError:
        # The reader (e.g. `head`) stopped early: not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    except DatasetError as exc:
        _error("cli.error.dataset", lang)
        # In the language asked for; each issue escapes its own values, the
        # line breaks are ours.
        sys.stderr.write(exc.message(lang) + "\n")
        return EXIT_BAD_DATA
    except DataError as exc:
        _error("cli.error.data", lang, reason=exc)
        return EXIT_BAD_DATA
    except (UsageError, NotCoveredError) as exc:
        _error("cli.error.usage", lang, reason=exc)
        return EXIT_USAGE
    except OSError as exc:
        _error("cli.error.file", lang, name=exc.filename or "", reason=exc.strerror or str(exc))
        return EXIT_BAD_DATA
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of ours: say so in one line, details on request
        if args.debug:
            traceback.print_exc()
        _error("cli.error.internal", lang, kind=type(exc).__name__, reason=str(exc))
        return EXIT_INTERNAL
