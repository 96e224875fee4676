"""Dataset files: loaders with complete error reports, writers, the cattrs converter."""

from dangvien.io.converter import configure_converter, make_converter
from dangvien.io.files import (
    EVENT_COLUMNS,
    PEOPLE_COLUMNS,
    DatasetError,
    LoadIssue,
    LoadResult,
    load_dataset,
    read_dataset,
    save_dataset,
)

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
