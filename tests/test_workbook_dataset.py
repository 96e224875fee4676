"""A dataset directory may keep its register in a workbook instead of the CSV files."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from dangvien.cli import EXIT_BAD_DATA, EXIT_VIOLATIONS, main
from dangvien.io import DatasetError, load_dataset
from dangvien.io.workbook import save_workbook

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "long-thanh"


@pytest.fixture(scope="module")
def example():
    return load_dataset(EXAMPLE)


@pytest.fixture
def book_dir(tmp_path: Path, example) -> Path:
    """The example with its register as ``danh-sach.xlsx`` beside the TOML files."""
    for name in ("organization.toml", "plans.toml"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    save_workbook(example, tmp_path / "danh-sach.xlsx")
    return tmp_path


def test_a_directory_with_a_workbook_loads_the_same_dataset(book_dir: Path, example) -> None:
    """The directory and the workbook path both give the example's dataset."""
    assert example == load_dataset(book_dir)
    assert example == load_dataset(book_dir / "danh-sach.xlsx")


def test_every_command_reads_the_workbook(book_dir: Path) -> None:
    """`dangvien check` on the directory finds the example's planted violations (exit 1)."""
    out = io.StringIO()
    assert EXIT_VIOLATIONS == main(["check", str(book_dir), "--only", "ADMIT-AGE-MIN"], out=out)
    assert "ADMIT-AGE-MIN" in out.getvalue()


def test_excel_lock_files_are_not_workbooks(book_dir: Path, example) -> None:
    """An open workbook leaves ``~$danh-sach.xlsx`` beside it: ignored."""
    (book_dir / "~$danh-sach.xlsx").write_bytes(b"lock")
    assert example == load_dataset(book_dir)


def test_two_workbooks_are_one_issue(book_dir: Path) -> None:
    """Two workbooks: dangvien does not guess which is the register."""
    shutil.copy(book_dir / "danh-sach.xlsx", book_dir / "ban-sao.xlsx")
    with pytest.raises(DatasetError) as exc:
        load_dataset(book_dir)
    (issue,) = exc.value.issues
    assert "ban-sao.xlsx, danh-sach.xlsx" == issue.value
    assert "several .xlsx workbooks" in issue.expected_en


def test_a_workbook_beside_the_csv_files_is_one_issue(book_dir: Path, capsys) -> None:
    """A workbook and people.csv together: one issue naming both, exit 3 from a command."""
    shutil.copy(EXAMPLE / "people.csv", book_dir / "people.csv")
    with pytest.raises(DatasetError) as exc:
        load_dataset(book_dir)
    assert 1 == len(exc.value.issues)
    assert "people.csv" in exc.value.issues[0].expected_en
    assert EXIT_BAD_DATA == main(["show", str(book_dir)], out=io.StringIO())
