"""The columnar reader gives the reference reader's datasets, and steps aside at any doubt.

``read_dataset(reader="auto")`` reads ``people.csv`` and ``events.csv`` with
polars (:mod:`dangvien.io._columnar`) and falls back to the row-by-row
reader whenever a file may hold something to report.  These tests hold it
to that contract: equal datasets on generated registers (and the fast path
really taken), equal reports on the whole bad-input corpus, and a fallback
on each kind of oddity polars would read differently from the csv module.
"""

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from tests.io_support import TINY

from dangvien import strategies as dst
from dangvien.io import read_dataset, save_dataset
from dangvien.io._columnar import available, read_register
from dangvien.io.files import EVENTS_FILE, PEOPLE_FILE
from dangvien.model import Dataset
from dangvien.synthetic import generate_province

pytestmark = pytest.mark.skipif(not available(), reason="polars is not installed")

BAD = Path(__file__).resolve().parent / "data" / "bad"


def _fast(root: Path) -> object:
    """What the columnar reader alone makes of *root* (None: it steps aside)."""
    loaded = read_dataset(root, reader="python")
    assert loaded.dataset is not None
    org = loaded.dataset.organization
    return read_register(root / PEOPLE_FILE, root / EVENTS_FILE, org, loaded.dataset.data_as_of)


def test_a_generated_province_reads_the_same_both_ways(tmp_path):
    """Two communes of the synthetic province: both readers give equal datasets."""
    data = generate_province(communes=2, members=300, seed=4)
    save_dataset(data, tmp_path)
    reference = read_dataset(tmp_path, reader="python")
    fast = read_dataset(tmp_path)
    assert () == reference.issues
    assert () == fast.issues
    assert reference.dataset == fast.dataset
    # The fast path was taken, not the fallback: its records are those records.
    assert reference.dataset is not None
    assert reference.dataset.records == _fast(tmp_path)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=dst.datasets(max_people=6))
def test_generated_datasets_read_the_same_both_ways(tmp_path_factory, data: Dataset):
    """Any consistent dataset written and read back: both readers give equal results."""
    root = tmp_path_factory.mktemp("columnar")
    save_dataset(data, root)
    reference = read_dataset(root, reader="python")
    fast = read_dataset(root)
    assert reference.issues == fast.issues
    assert reference.dataset == fast.dataset


# A case whose files test_io_corpus makes unreadable is well-formed as stored:
# it has nothing for either reader to disagree on.
READABLE_CASES = sorted(p for p in BAD.iterdir() if p.is_dir() and not (p / "UNREADABLE").exists())


@pytest.mark.parametrize("case", READABLE_CASES, ids=lambda p: p.name)
def test_the_bad_corpus_reports_the_same_both_ways(case, tmp_path):
    """Every bad dataset of the corpus gives the same issues through either reader."""
    target = tmp_path / case.name
    shutil.copytree(case, target)
    reference = read_dataset(target, reader="python")
    assert reference.issues  # a bad case is bad
    assert reference.issues == read_dataset(target).issues


def _tiny_with(tmp_path: Path, name: str, change) -> Path:
    root = tmp_path / "tiny"
    shutil.copytree(TINY, root)
    path = root / name
    path.write_bytes(change(path.read_bytes()))
    return root


def test_the_tiny_dataset_takes_the_fast_path(tmp_path):
    """The untouched tiny dataset is read by columns (so the cases below test the fallback)."""
    root = _tiny_with(tmp_path, PEOPLE_FILE, lambda b: b)
    assert _fast(root) is not None


ODDITIES = {
    # The csv module skips a blank row silently; polars would too, or not.
    "blank row": (EVENTS_FILE, lambda b: b.replace(b"\n", b"\n\n", 1)),
    # A short row: polars pads it with nulls.
    "short row": (PEOPLE_FILE, lambda b: b.rstrip(b"\n").rsplit(b",", 1)[0] + b"\n"),
    # A quote inside an unquoted field: read leniently by csv, differently by polars.
    "stray quote": (PEOPLE_FILE, lambda b: b.replace(b"Ng", b'N"g', 1)),
    # A bare carriage return ends a line for csv, not for polars.
    "bare CR": (EVENTS_FILE, lambda b: b.replace(b"\n", b"\r", 1)),
    # A value in a column of another type (transfer_in has no votes_for).
    "another type's column": (
        EVENTS_FILE,
        lambda b: b.replace(b"transfer_in,cb01,,", b"transfer_in,cb01,3,", 1),
    ),
    # The same event twice: reported row by row.
    "duplicate event": (EVENTS_FILE, lambda b: b.rstrip(b"\n") + b"\n" + b.splitlines()[-1]),
}


@pytest.mark.parametrize("name", sorted(ODDITIES))
def test_an_oddity_sends_the_files_to_the_reference_reader(tmp_path, name):
    """Files polars could read differently from the csv module go to the reference reader."""
    file, change = ODDITIES[name]
    root = _tiny_with(tmp_path, file, change)
    assert _fast(root) is None
    assert read_dataset(root, reader="python").issues == read_dataset(root).issues


def test_a_dated_event_after_the_data_date_is_refused_by_both(tmp_path):
    """An event after data_as_of: the columnar reader steps aside, the issue is reported."""
    root = _tiny_with(tmp_path, PEOPLE_FILE, lambda b: b)
    loaded = read_dataset(root, reader="python")
    assert loaded.dataset is not None
    assert loaded.dataset.data_as_of is not None
    late = loaded.dataset.data_as_of.replace(year=loaded.dataset.data_as_of.year + 1)
    assert late > date(2000, 1, 1)
    org = loaded.dataset.organization
    people = root / PEOPLE_FILE
    events = root / EVENTS_FILE
    assert read_register(people, events, org, late) is not None
    assert read_register(people, events, org, date(1900, 1, 1)) is None
