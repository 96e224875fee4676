"""A corpus of bad datasets, each with the exact report it must give.

Each ``tests/data/bad/<case>/`` is the tiny dataset (``tests/data/tiny``)
with one thing wrong, and ``expected.txt`` is ``str(DatasetError)`` for it:
the count, then every issue, Vietnamese then English.  A case listing file
names in ``UNREADABLE`` has those files made unreadable before loading
(``chmod 000``, simulated when the tests run as root).
"""

import shutil
from pathlib import Path

import pytest
from tests.io_support import unreadable_paths

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
}


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
