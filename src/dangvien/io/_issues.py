"""Issues found while reading a dataset, and the error that carries them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Final

import attrs

from dangvien import privacy
from dangvien.errors import DataError
from dangvien.messages import Language, Text, escape_invisible
from dangvien.model.register import Dataset

__all__ = ["DatasetError", "LoadIssue", "LoadResult", "Problem", "model_text"]

#: How many issues ``str(DatasetError)`` spells out before summarising the rest.
_SHOWN: Final = 100
#: How many characters of a value an issue line shows (a runaway cell can hold
#: megabytes; its length is in the issue's reason).
_VALUE_SHOWN: Final = 120


class Problem(DataError):
    """A value that does not fit its field: what was expected, as a catalogue text.

    Raised by the value parsers and the converter's hooks; the readers turn it
    into a :class:`LoadIssue`.  ``str()`` is ``"<vi> / <en>"``.

    Args:
        text: what was expected.

    """

    def __init__(self, text: Text) -> None:
        super().__init__(text.vi, text.en)
        self.text = text

    @property
    def vi(self) -> str:
        """What was expected, in Vietnamese."""
        return self.message_vi

    @property
    def en(self) -> str:
        """What was expected, in English."""
        return self.message_en

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.text,))


@attrs.frozen
class _ModelWords:
    """A model validator's own message, one text per language (a Labelled fact)."""

    vi: str
    en: str

    @property
    def label_vi(self) -> str:
        """The Vietnamese text, invisible characters shown."""
        return escape_invisible(self.vi)

    @property
    def label_en(self) -> str:
        """The English text, invisible characters shown."""
        return escape_invisible(self.en)


def model_text(message: str) -> Text:
    """Wrap a model validator's ``"<vi> / <en>"`` message as a catalogue text.

    The model's classes raise plain ``ValueError`` with both languages in one
    string; a message without the separator is shown as an invalid value.

    >>> model_text("giai đoạn sai / bad period 2025–2024").en
    'bad period 2025–2024'
    """
    vi, sep, en = message.partition(" / ")
    if sep:
        return Text("io.value.model", {"words": _ModelWords(vi, en)})
    return Text("io.value.invalid", {"detail": message})


def _shown(text: str) -> str:
    """Return *text* for an issue line: invisible characters escaped, runaway text cut."""
    if len(text) > _VALUE_SHOWN:
        text = text[:_VALUE_SHOWN] + "…"
    return escape_invisible(text)


def _personal_column(issue: LoadIssue) -> privacy.Kind | None:
    """A CSV column named after a personal field (``birth_date``, ``card_no``…) is personal."""
    return None if issue.column is None else privacy.FIELDS.get(issue.column)


@attrs.frozen(repr=False)
class LoadIssue:
    """One problem in a dataset's files (lỗi dữ liệu).

    Attributes:
        file: the file name (``events.csv``), or the directory for a problem
            with the directory itself.
        row: for a CSV file the row number as a spreadsheet shows it (the
            header is row 1); for a TOML file the key path
            (``plans[0].admission_targets[3].annual``); None for the whole file.
        column: the CSV column or the TOML key, if the problem has one.
        value: the text found, as written in the file; None when the value
            is missing (an empty cell, an absent key or column).
        reason: what was expected, a catalogue text (key ``io.…``) rendered
            in either language.
        personal: the kind of personal data the value is
            (:class:`~dangvien.privacy.Kind`), if any: the messages and the
            repr mask the value, and the reason's ``value`` fact, unless
            revealed (:func:`dangvien.privacy.revealed`).  By default, the
            kind of a column named after a personal field (``birth_date``,
            ``card_no``, ``dossier_no``); not compared.

    ``str()`` gives one readable report line, Vietnamese first, with
    invisible and control characters shown as ``<U+XXXX>``::

        events.csv:14: cột "date" = "31/02/2024": không có ngày này trong lịch
          (no such date in the calendar)

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       The reason is a :class:`~dangvien.messages.Text`; ``expected`` and
       ``expected_en`` render it.  ``personal``: personal data masked.
    """

    file: str
    row: int | str | None
    column: str | None
    value: str | None
    reason: Text
    personal: privacy.Kind | None = attrs.field(
        default=attrs.Factory(_personal_column, takes_self=True), eq=False, kw_only=True
    )

    @property
    def shown_value(self) -> str | None:
        """The value as a message shows it: masked when personal, unless revealed."""
        if self.personal is None:
            return self.value
        return privacy.shown(self.value, self.personal)  # type: ignore[no-any-return]

    @property
    def shown_reason(self) -> Text:
        """The reason with a personal ``value`` fact masked when rendered, unless revealed."""
        return privacy.guard(self.reason, self.personal)

    @property
    def expected(self) -> str:
        """What was expected, in Vietnamese."""
        return self.shown_reason.vi

    @property
    def expected_en(self) -> str:
        """What was expected, in English."""
        return self.shown_reason.en

    @property
    def tabular(self) -> bool:
        """True when the file is a table (CSV, a workbook's sheet): its columns are columns."""
        return self.file.endswith(".csv")

    def where(self, lang: Language = "vi") -> str:
        """Return the location and the value: ``events.csv:14: cột "date" = "31/02/2024"``."""
        place = _shown(self.file)
        if self.row is not None:
            place += f":{_shown(str(self.row))}"
        parts = [place]
        value = self.shown_value
        shown = None if value is None else json.dumps(_shown(value), ensure_ascii=False)
        if self.column is not None:
            noun = "io.report.column" if self.tabular else "io.report.key"
            what = Text(noun, {"name": self.column}).render(lang)
            parts.append(what if shown is None else f"{what} = {shown}")
        elif shown is not None:
            parts.append(shown)
        return ": ".join(parts)

    def message(self, lang: Language = "vi") -> str:
        """Return the issue as one line in *lang*: location, value, what was expected."""
        return f"{self.where(lang)}: {self.shown_reason.render(lang)}"

    def __str__(self) -> str:
        return f"{self.message('vi')}\n  ({self.expected_en})"

    def __repr__(self) -> str:
        fields = (self.file, self.row, self.column, self.shown_value, self.shown_reason)
        names = ("file", "row", "column", "value", "reason")
        inner = ", ".join(f"{n}={v!r}" for n, v in zip(names, fields, strict=True))
        return f"{type(self).__name__}({inner}, personal={self.personal!r})"


class DatasetError(DataError):
    """A dataset could not be read cleanly; ``issues`` lists every problem found.

    ``str()`` names how many issues there are and spells out the first
    hundred, one per :class:`LoadIssue`; :meth:`message` gives the same
    report in one language.

    Args:
        issues: the issues, at least one.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       A :class:`~dangvien.errors.DataError` (still a ``ValueError``).
    """

    def __init__(self, issues: Iterable[LoadIssue]) -> None:
        self.issues: tuple[LoadIssue, ...] = tuple(issues)
        super().__init__(self._report("vi"), self._report("en"))

    def _header(self, lang: Language) -> str:
        return Text("io.report.header", {"n": len(self.issues)}).render(lang)

    def _more(self, lang: Language) -> str | None:
        rest = len(self.issues) - _SHOWN
        return Text("io.report.more", {"n": rest}).render(lang) if rest > 0 else None

    def _report(self, lang: Language) -> str:
        lines = [self._header(lang) + ":"]
        lines += [issue.message(lang) for issue in self.issues[:_SHOWN]]
        more = self._more(lang)
        if more is not None:
            lines.append(more)
        return "\n".join(lines)

    def __str__(self) -> str:
        lines = [f"{self._header('vi')} / {self._header('en')}:"]
        lines += [str(issue) for issue in self.issues[:_SHOWN]]
        more = self._more("vi")
        if more is not None:
            lines.append(f"{more} / {self._more('en')}")
        return "\n".join(lines)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.issues,))


@attrs.frozen
class LoadResult:
    """What :func:`~dangvien.io.read_dataset` returns.

    Attributes:
        dataset: the dataset, or None when ``organization.toml`` is missing
            or unusable.  When there are issues it holds only the rows and
            tables that were read without a problem; every row left out is
            named in ``issues``, or counted in an issue that summarises the
            rows of people not loaded.
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
