"""Issues found while reading a dataset, and the error that carries them."""

from __future__ import annotations

import json
from collections.abc import Iterable

import attrs

from dangvien.model.register import Dataset

__all__ = ["DatasetError", "LoadIssue", "LoadResult", "Problem"]

#: How many issues ``str(DatasetError)`` spells out before summarising the rest.
_SHOWN = 100


class Problem(ValueError):
    """A value that does not fit its field: what was expected, in Vietnamese and English.

    Raised by the value parsers and the converter's hooks; the readers turn it
    into a :class:`LoadIssue`.  ``str()`` is ``"<vi> / <en>"``.
    """

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(f"{vi} / {en}")
        self.vi = vi
        self.en = en


@attrs.frozen
class LoadIssue:
    """One problem in a dataset's files (lỗi dữ liệu).

    Attributes:
        file: the file name (``events.csv``).
        row: for a CSV file the row number as a spreadsheet shows it (the
            header is row 1); for a TOML file the key path
            (``plans[0].admission_targets[3].annual``); None for the whole file.
        column: the CSV column or the TOML key, if the problem has one.
        value: the text found, as written in the file; None when the value
            is missing (an empty cell, an absent key or column).
        expected: what was expected, in Vietnamese.
        expected_en: the same in English.

    ``str()`` gives one readable report line, Vietnamese first::

        events.csv:14: cột "date" = "31/02/2024": không có ngày này trong lịch
          (no such date in the calendar)

    .. versionadded:: 0.1
    """

    file: str
    row: int | str | None
    column: str | None
    value: str | None
    expected: str
    expected_en: str = ""

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        parts = [where]
        if self.column is not None:
            noun = "cột" if self.file.endswith(".csv") else "khóa"
            what = f'{noun} "{self.column}"'
            if self.value is not None:
                what += f" = {json.dumps(self.value, ensure_ascii=False)}"
            parts.append(what)
        elif self.value is not None:
            parts.append(json.dumps(self.value, ensure_ascii=False))
        parts.append(self.expected)
        text = ": ".join(parts)
        return f"{text}\n  ({self.expected_en})" if self.expected_en else text


class DatasetError(ValueError):
    """A dataset could not be read cleanly; ``issues`` lists every problem found.

    ``str()`` names how many issues there are and spells out the first
    hundred, one per :class:`LoadIssue`.

    .. versionadded:: 0.1
    """

    def __init__(self, issues: Iterable[LoadIssue]) -> None:
        self.issues: tuple[LoadIssue, ...] = tuple(issues)
        n = len(self.issues)
        lines = [f"{n} lỗi trong bộ dữ liệu / {n} issue(s) in the dataset:"]
        lines += [str(issue) for issue in self.issues[:_SHOWN]]
        if n > _SHOWN:
            rest = n - _SHOWN
            lines.append(f"… và {rest} lỗi khác / and {rest} more")
        super().__init__("\n".join(lines))


@attrs.frozen
class LoadResult:
    """What :func:`~dangvien.io.read_dataset` returns.

    Attributes:
        dataset: the dataset, or None when ``organization.toml`` is missing
            or unusable.  When there are issues it holds only the rows and
            tables that were read without a problem; every row left out is
            named in ``issues``.
        issues: every problem found, in file order (organisation, plans,
            people, events).

    .. versionadded:: 0.1
    """

    dataset: Dataset | None
    issues: tuple[LoadIssue, ...]

    @property
    def ok(self) -> bool:
        """True when a dataset was read and there is no issue at all."""
        return self.dataset is not None and not self.issues
