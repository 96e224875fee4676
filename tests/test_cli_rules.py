"""The command line: calendar, rules, check, due and explain on a tiny dataset."""

import json
from datetime import date
from io import StringIO

import pytest
from tests.common import admission, dataset, person, record

from dangvien.cli import EXIT_OK, EXIT_USAGE, EXIT_VIOLATIONS, main
from dangvien.io import save_dataset
from dangvien.rules import REGISTRY


def cli(*argv):
    """Run ``dangvien argv…``; return (exit status, output)."""
    out = StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


# An applicant born 10/3/2008 voted on 5/3/2026: five days short of 18.
UNDER_AGE = record(person("P", date(2008, 3, 10)), *admission(date(2026, 3, 5)))
# The same vote for someone of 30: lawful; the decision is pending (due 2/6/2026).
LAWFUL = record(person("Q", date(1996, 3, 10)), *admission(date(2026, 3, 5)))


@pytest.fixture
def under_age_dir(tmp_path):
    """A dataset directory with a violation."""
    save_dataset(dataset(UNDER_AGE, LAWFUL), tmp_path)
    return tmp_path


@pytest.fixture
def lawful_dir(tmp_path):
    """A dataset directory without violations."""
    save_dataset(dataset(LAWFUL), tmp_path)
    return tmp_path


# --- calendar --------------------------------------------------------------------------


def test_calendar_add_skips_new_year_and_the_swapped_friday():
    """5 WD after Thu 1/1/2026: 2/1 off, 3–4/1 weekend, so 5–9/1 and the 5th is Fri 9/1."""
    assert (EXIT_OK, "2026-01-09\n") == cli("calendar", "add", "2026-01-01", "5")


def test_calendar_add_reaches_the_make_up_saturday_and_reads_day_first_dates():
    """The 6th working day after 1/1/2026 is Sat 10/1; dd/mm/yyyy input works too."""
    assert (EXIT_OK, "2026-01-10\n") == cli("calendar", "add", "01/01/2026", "6")


def test_calendar_count_excludes_the_start_day():
    """(1/1/2026, 10/1/2026] holds 5–9/1 and Sat 10/1: six working days."""
    assert (EXIT_OK, "6\n") == cli("calendar", "count", "2026-01-01", "2026-01-10")
    assert (EXIT_OK, "0\n") == cli("calendar", "count", "2026-01-01", "2026-01-04")


def test_calendar_is_working():
    """Sat 10/1/2026 is worked, Fri 2/1/2026 is not."""
    assert (EXIT_OK, "có\n") == cli("calendar", "is-working", "2026-01-10")
    assert (EXIT_OK, "không\n") == cli("calendar", "is-working", "2026-01-02")


def test_calendar_outside_its_years_is_a_usage_error(capsys):
    """A date in 2040 is outside the default calendar: exit 2 with the reason on stderr."""
    assert (EXIT_USAGE, "") == cli("calendar", "add", "2040-01-01", "5", "--lang", "en")
    assert "outside the working-day calendar's years 2010–2035" in capsys.readouterr().err
    assert (EXIT_USAGE, "") == cli("calendar", "add", "2040-01-01", "5")
    assert "ngoài lịch ngày làm việc các năm 2010–2035" in capsys.readouterr().err


def test_impossible_date_is_rejected_by_the_parser(capsys):
    """31/02/2026 does not exist: argparse exits with status 2."""
    with pytest.raises(SystemExit) as exc:
        cli("calendar", "add", "31/02/2026", "5")
    assert 2 == exc.value.code
    assert "no such date" in capsys.readouterr().err


# --- rules ---------------------------------------------------------------------------------


def test_rules_json_lists_every_rule():
    """rules --format json lists all rules with topic, titles, citations and dates."""
    status, text = cli("rules", "--format", "json")
    rows = json.loads(text)
    assert EXIT_OK == status
    assert sorted(REGISTRY) == sorted(r["id"] for r in rows)
    by_id = {r["id"]: r for r in rows}
    age = by_id["ADMIT-AGE-MIN"]
    # From 23-QĐ/TW (31/10/2006), the earliest document the rule cites.
    assert ("admission", "2006-10-31", None, "A") == (
        age["topic"],
        age["start"],
        age["end"],
        age["confidence"],
    )
    assert "24-QĐ/TW ngày 30/7/2021, điểm 1.1.1" in [c["text"] for c in age["citations"]]
    legal = [r for r in rows if r["scope"] != "plan"]
    assert all(r["citations"] and r["title_vi"] and r["title_en"] for r in legal)
    assert all(r["title_vi"] and r["title_en"] for r in rows)


def test_rules_text_has_one_line_per_rule():
    """The text catalogue names each rule with its grade."""
    status, text = cli("rules")
    assert EXIT_OK == status
    assert len(REGISTRY) == len(text.splitlines())
    assert "ADMIT-APPLICATION        [B]" in text


# --- check ---------------------------------------------------------------------------------


def test_check_exits_1_with_violations_and_reports_them_in_json(under_age_dir):
    """The under-age vote is a violation: exit 1, JSON findings with their fields."""
    status, text = cli("check", str(under_age_dir), "--as-of", "2026-03-31", "--format", "json")
    result = json.loads(text)
    findings = result["findings"]
    assert EXIT_VIOLATIONS == status
    assert {"date": "2026-03-31", "source": "given"} == result["as_of"]
    for f in findings:
        assert {"rule", "severity", "subject", "text", "citation"} <= set(f)
    age = [f for f in findings if f["rule"] == "ADMIT-AGE-MIN"]
    assert 1 == len(age)
    assert ("violation", "P", "294-QĐ/TW ngày 26/5/2025, điểm 1.1.1") == (
        age[0]["severity"],
        age[0]["subject"],
        age[0]["citation"]["text"],
    )
    assert 5 == age[0]["text"]["facts"]["short"]
    assert "thiếu 5 ngày" in age[0]["text"]["text"]


def test_check_json_gives_due_dates_of_pending_acts(under_age_dir):
    """The pending decision of 5/3/2026's vote is due 12/5/2026 (45 WD, Giỗ Tổ 27/4 and 30/4–1/5 off)."""  # noqa: E501
    # 294-QĐ/TW 4.3.1: 45 working days. After Thu 5/3/2026: 1 Fri 6/3; 2–6 9–13/3;
    # 7–11 16–20/3; 12–16 23–27/3; 17–21 30/3–3/4; 22–26 6–10/4; 27–31 13–17/4;
    # 32–36 20–24/4; (Mon 27/4 Giỗ Tổ) 37–38 28–29/4; (30/4, 1/5 off) 39–43 4–8/5;
    # 44–45 11–12/5.
    _, text = cli("check", str(under_age_dir), "--as-of", "2026-03-31", "--format", "json")
    pending = [f for f in json.loads(text)["findings"] if f["rule"] == "DECIDE-ADMIT-DEADLINE"]
    assert {("P", "upcoming", "2026-05-12"), ("Q", "upcoming", "2026-05-12")} == {
        (f["subject"], f["severity"], f["due"]) for f in pending
    }


def test_check_exits_0_without_violations(lawful_dir):
    """Only upcoming acts and information: exit 0."""
    status, text = cli("check", str(lawful_dir), "--as-of", "2026-03-31", "--format", "json")
    assert EXIT_OK == status
    findings = json.loads(text)["findings"]
    assert {"upcoming", "info"} >= {f["severity"] for f in findings}
    assert any(f["rule"] == "DECIDE-ADMIT-DEADLINE" for f in findings)


def test_check_only_and_english(under_age_dir):
    """--only restricts the rules; --lang en gives English messages."""
    status, text = cli(
        "check",
        str(under_age_dir),
        "--as-of",
        "2026-03-31",
        "--format",
        "json",
        "--lang",
        "en",
        "--only",
        "ADMIT-AGE-MIN",
    )
    findings = json.loads(text)["findings"]
    assert EXIT_VIOLATIONS == status
    assert ["ADMIT-AGE-MIN"] == [f["rule"] for f in findings]
    assert "5 days short" in findings[0]["text"]["text"]


def test_check_text_output_names_rule_and_basis(under_age_dir):
    """The text report shows severity, rule, subject, message and basis, then totals."""
    status, text = cli("check", str(under_age_dir), "--as-of", "2026-03-31")
    assert EXIT_VIOLATIONS == status
    line = next(ln for ln in text.splitlines() if "ADMIT-AGE-MIN" in ln)
    assert "vi phạm" in line
    assert "P:" in line
    assert "căn cứ: 294-QĐ/TW ngày 26/5/2025, điểm 1.1.1 (mức A)" in text
    assert "1 vi phạm" in text


# --- due and explain --------------------------------------------------------------------------


def test_due_lists_the_pending_decisions(under_age_dir):
    """Both decisions fall due on 12/5/2026 (45 WD) in a window to 30/6/2026."""
    status, text = cli(
        "due",
        str(under_age_dir),
        "--from",
        "2026-04-01",
        "--to",
        "2026-06-30",
        "--as-of",
        "2026-03-31",
        "--format",
        "json",
    )
    items = json.loads(text)["items"]
    assert EXIT_OK == status
    assert [
        ("P", "admission_decision", "2026-05-12", False),
        ("Q", "admission_decision", "2026-05-12", False),
    ] == [(i["subject"], i["act"], i["due"], i["overdue"]) for i in items]


def test_explain_shows_each_rule_for_one_person(under_age_dir):
    """explain lists pass/fail per rule; the age rule fails, the education rule passes."""
    status, text = cli("explain", str(under_age_dir), "P", "--on", "2026-03-31", "--format", "json")
    rows = {(r["rule"], r["status"]) for r in json.loads(text)["evaluations"]}
    assert EXIT_OK == status
    assert ("ADMIT-AGE-MIN", "fail") in rows
    assert ("ADMIT-EDU-MIN", "pass") in rows


def test_explain_unknown_person_is_a_usage_error(under_age_dir, capsys):
    """An id not in the dataset: exit 2."""
    assert EXIT_USAGE == cli("explain", str(under_age_dir), "NOBODY")[0]
    assert "NOBODY" in capsys.readouterr().err
