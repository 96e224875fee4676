"""Dataset files: readers that report every problem, writers, and the cattrs converter.

- :func:`load_dataset` reads a dataset directory and raises
  :class:`DatasetError` (a :class:`~dangvien.errors.DataError`, so a
  ``ValueError``) listing every :class:`LoadIssue`; :func:`read_dataset`
  returns a :class:`LoadResult` instead of raising.  Unreadable files,
  other encodings, ``;`` separators and implausible values are issues like
  any bad value, each reported once, at its root cause.
- :func:`save_dataset` writes one, all files or none: rendered and checked
  in memory, then each file replaced atomically, the old ones restored if a
  step fails; TOML comments and layout are kept.
- A dataset directory may keep its register in one ``.xlsx`` workbook
  (Vietnamese headers) instead of the CSV files; :func:`read_workbook`,
  :func:`read_member_list_csv` and :func:`save_workbook` read and write
  office member lists, :func:`init_dataset` starts a new dataset with an
  Excel template (``pip install "dangvien[excel]"``).
- :func:`make_converter` / :func:`configure_converter` give the cattrs
  converter of the model (dates as ISO text, enums by value, events tagged
  by ``type``).

The format is described in ``docs/dataset-format.md``.
"""

from dangvien.io._csv import EVENT_COLUMNS, MAX_CELL_CHARS, PEOPLE_COLUMNS
from dangvien.io._issues import DatasetError, LoadIssue, LoadResult
from dangvien.io._values import MAX_COUNT
from dangvien.io.converter import configure_converter, make_converter
from dangvien.io.files import load_dataset, read_dataset, save_dataset
from dangvien.io.template import init_dataset
from dangvien.io.workbook import (
    WorkbookResult,
    read_member_list_csv,
    read_workbook,
    save_workbook,
)

__all__ = [
    "EVENT_COLUMNS",
    "MAX_CELL_CHARS",
    "MAX_COUNT",
    "PEOPLE_COLUMNS",
    "DatasetError",
    "LoadIssue",
    "LoadResult",
    "WorkbookResult",
    "configure_converter",
    "init_dataset",
    "load_dataset",
    "make_converter",
    "read_dataset",
    "read_member_list_csv",
    "read_workbook",
    "save_dataset",
    "save_workbook",
]
