"""A corpus of bad datasets, each with the exact report it must give.

Each ``tests/data/bad/<case>/`` is the tiny dataset (``tests/data/tiny``)
with one thing wrong, and ``expected.txt`` is ``str(DatasetError)`` for it:
the count, then every issue, Vietnamese then English.  A bad value in a
personal column (a birth date, a party card number) is masked in the
report, as :mod:`dangvien.privacy` masks every message about bad data: a
date keeps its year, a number its last four characters when it has eight;
the file, row, column and reason still point at the cell.  Such a case
also has ``revealed.txt``, the report read inside ``privacy.revealed()``,
with the value in full.  A case listing file
names in ``UNREADABLE`` has those files made unreadable before loading
(``chmod 000``, simulated when the tests run as root).
"""

import shutil
from pathlib import Path

import pytest
from tests.io_support import unreadable_paths

from dangvien import privacy
from dangvien.io import DatasetError, load_dataset

BAD = Path(__file__).resolve().parent / "data" / "bad"
CASES = sorted(p for p in BAD.iterdir() if p.is_dir())

#: The cases the corpus must cover at least.
REQUIRED = {
    "utf-16",
    "cp1258",
    "semicolon",
    "oversized-field",
    "duplicate-event",
    "case-only-id",
    "unknown-hamlet",
    "negative-total",
    "reversed-validity",
    "born-after-admission",
    "event-after-data-as-of",
    "unreadable-file",
    "impossible-birth-date",
    "short-card-number",
}

#: The cases whose bad value is personal data: masked, and revealed on request.
PERSONAL = {"born-after-admission", "impossible-birth-date", "short-card-number"}


def test_the_corpus_covers_every_required_case():
    """Every required kind of bad input has its case directory and expected report."""
    present = {p.name for p in CASES if (p / "expected.txt").is_file()}
    assert set() == REQUIRED - present


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_each_bad_dataset_gives_exactly_its_report(case, tmp_path, monkeypatch):
    """load_dataset refuses the case with exactly the report in its expected.txt."""
    target = tmp_path / case.name
    shutil.copytree(case, target)
    marker = target / "UNREADABLE"
    with unreadable_paths(monkeypatch) as make_unreadable:
        if marker.exists():
            for name in marker.read_text(encoding="utf-8").split():
                make_unreadable(target / name)
        with pytest.raises(DatasetError) as info:
            load_dataset(target)
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert expected == str(info.value) + "\n"
    if (case / "revealed.txt").is_file():
        with privacy.revealed():
            shown = str(info.value)
        assert (case / "revealed.txt").read_text(encoding="utf-8") == shown + "\n"


def test_personal_values_are_masked_in_the_report_and_revealed_on_request():
    """A bad birth date or card number: its year or last digits at most, in full when revealed."""
    have = {p.name for p in CASES if (p / "revealed.txt").is_file()}
    assert PERSONAL == have
    masked = (BAD / "impossible-birth-date" / "expected.txt").read_text(encoding="utf-8")
    revealed = (BAD / "impossible-birth-date" / "revealed.txt").read_text(encoding="utf-8")
    # 1985-02-29: 1985 is not a leap year; masked, only the year's digits stay.
    assert ('"1985-**-**"', '"1985-02-29"') == (
        masked.split(" = ")[1].split(":")[0],
        revealed.split(" = ")[1].split(":")[0],
    )
    # 1234567 has seven digits, fewer than eight: hidden entirely, in the value and the reason.
    card = (BAD / "short-card-number" / "expected.txt").read_text(encoding="utf-8")
    assert "1234567" not in card
    assert 'cột "card_no" = "*******": số thẻ đảng viên ******* phải' in card
