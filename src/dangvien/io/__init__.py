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

__all__ = [
    "EVENT_COLUMNS",
    "MAX_CELL_CHARS",
    "MAX_COUNT",
    "PEOPLE_COLUMNS",
    "DatasetError",
    "LoadIssue",
    "LoadResult",
    "configure_converter",
    "load_dataset",
    "make_converter",
    "read_dataset",
    "save_dataset",
]
