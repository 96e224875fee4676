"""`dangvien due --format ics`: one calendar event per act due, stable across runs."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from dangvien.cli import EXIT_OK, EXIT_USAGE, main
from dangvien.io import load_dataset
from dangvien.render.ics import event_uid, render_ics
from dangvien.results import DueResult
from dangvien.rules import due, resolve_as_of

icalendar = pytest.importorskip("icalendar")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "long-thanh"
WINDOW = ("--from", "2026-01-01", "--to", "2026-12-31", "--as-of", "2025-12-31")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


def events(path: Path) -> list[object]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return list(cal.walk("VEVENT"))


@pytest.fixture(scope="module")
def result() -> DueResult:
    ds = load_dataset(EXAMPLE)
    as_of = resolve_as_of(ds, date(2025, 12, 31))
    items = due(ds, date(2026, 1, 1), date(2026, 12, 31), as_of=as_of.date)
    return DueResult(as_of, date(2026, 1, 1), date(2026, 12, 31), tuple(items))


def test_one_event_per_act_due(tmp_path: Path, result: DueResult) -> None:
    """The file parses into exactly one all-day event per act `due` lists, on its due date."""
    path = tmp_path / "due.ics"
    code, out = run("due", str(EXAMPLE), *WINDOW, "--format", "ics", "--output", str(path))
    assert (EXIT_OK, "") == (code, out)
    found = events(path)
    assert len(result.items) == len(found) > 0
    by_uid = {str(e["UID"]): e for e in found}
    assert len(found) == len(by_uid)  # UIDs are distinct
    for item in result.items:
        e = by_uid[event_uid(item)]
        assert item.due == e.decoded("DTSTART")
        assert item.due + timedelta(days=1) == e.decoded("DTEND")
        assert item.name in str(e["SUMMARY"])
        description = str(e["DESCRIPTION"])
        assert item.finding.message("vi") in description
        assert item.finding.citation is not None
        assert item.finding.citation.text in description


def test_uids_stable_across_runs(tmp_path: Path) -> None:
    """Two runs, even with another window start and language, give the same UIDs."""
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    run("due", str(EXAMPLE), *WINDOW, "--format", "ics", "--output", str(first))
    run(
        "due",
        str(EXAMPLE),
        "--from",
        "2025-06-01",
        "--to",
        "2026-12-31",
        "--as-of",
        "2025-12-31",
        "--format",
        "ics",
        "--lang",
        "en",
        "--output",
        str(second),
    )
    uids_a = {str(e["UID"]) for e in events(first)}
    uids_b = {str(e["UID"]) for e in events(second)}
    assert uids_a
    assert uids_a <= uids_b
    assert first.read_bytes() == run_again(tmp_path)


def run_again(tmp_path: Path) -> bytes:
    path = tmp_path / "again.ics"
    run("due", str(EXAMPLE), *WINDOW, "--format", "ics", "--output", str(path))
    return path.read_bytes()


def test_reminders_default_and_option(tmp_path: Path) -> None:
    """Reminders 7 and 1 days before (at 8:00) by default; --remind 3 gives one; 0 none."""
    path = tmp_path / "d.ics"
    run("due", str(EXAMPLE), *WINDOW, "--format", "ics", "--output", str(path))
    alarms = [a.decoded("TRIGGER") for a in events(path)[0].walk("VALARM")]
    # 7 days before 00:00, plus 8 hours: -(6 days 16 hours).
    assert [-timedelta(days=6, hours=16), -timedelta(hours=16)] == alarms
    run("due", str(EXAMPLE), *WINDOW, "--format", "ics", "--remind", "3", "--output", str(path))
    assert [-timedelta(days=2, hours=16)] == [
        a.decoded("TRIGGER") for a in events(path)[0].walk("VALARM")
    ]
    run("due", str(EXAMPLE), *WINDOW, "--format", "ics", "--remind", "0", "--output", str(path))
    assert [] == list(events(path)[0].walk("VALARM"))


def test_bad_remind_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--remind with a negative or non-number is refused by the parser (exit 2)."""
    with pytest.raises(SystemExit) as exc:
        main(["due", str(EXAMPLE), *WINDOW, "--format", "ics", "--remind", "x"])
    assert EXIT_USAGE == exc.value.code
    assert "--remind" in capsys.readouterr().err


def test_ics_to_stdout_needs_output() -> None:
    """The calendar is a file: without --output the command exits 2 with one message."""
    code, out = run("due", str(EXAMPLE), *WINDOW, "--format", "ics")
    assert (EXIT_USAGE, "") == (code, out)


def test_english_summary(result: DueResult) -> None:
    """--lang en writes English summaries (the act's English label)."""
    cal = icalendar.Calendar.from_ical(render_ics(result, "en"))
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert any(s.startswith("End of probation: Người Thử Nghiệm") for s in summaries)
    assert not any("hết thời kỳ" in s.lower() for s in summaries)
