"""Dataset files: readers that report every problem, writers, and the cattrs converter.

- :func:`load_dataset` reads a dataset directory and raises
  :class:`DatasetError` (a ``ValueError``) listing every :class:`LoadIssue`;
  :func:`read_dataset` returns a :class:`LoadResult` instead of raising.
- :func:`save_dataset` writes one, CSV with a UTF-8 byte-order mark by default.
- :func:`make_converter` / :func:`configure_converter` give the cattrs
  converter of the model (dates as ISO text, enums by value, events tagged
  by ``type``).

The format is described in ``docs/dataset-format.md``.
"""

from dangvien.io._csv import EVENT_COLUMNS, PEOPLE_COLUMNS
from dangvien.io._issues import DatasetError, LoadIssue, LoadResult
from dangvien.io.converter import configure_converter, make_converter
from dangvien.io.files import load_dataset, read_dataset, save_dataset

__all__ = [
    "EVENT_COLUMNS",
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
