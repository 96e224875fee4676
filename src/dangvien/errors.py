"""The one family of exceptions dangvien raises (lỗi).

Exceptions are for misuse and for data that cannot be read; what a check
finds in a register is returned as :class:`~dangvien.findings.Finding`
values, never raised.  Every exception dangvien raises on purpose is a
:class:`DangvienError` with a Vietnamese and an English message:

- :class:`DataError`: a file or a value in it is bad (the command exits 3);
- :class:`UsageError`: the caller asked for something that cannot be done
  (an unknown person or rule id, a reversed date range; exit 2);
- :class:`NotCoveredError`: a date or a fact lies outside the law dangvien
  encodes (a parameter before its first value, a date outside the working
  calendar).  The rule engine turns this one, and only this one, into a
  "not applicable" result; any other exception inside a rule is a bug and
  propagates.

The classes also derive from the built-in exception a Python user would
expect (``ValueError``, ``KeyError``, ``LookupError``), so ``except
ValueError`` keeps working.

>>> try:
...     raise UsageError("không có người X", "no person X")
... except DangvienError as exc:
...     exc.message("en")
'no person X'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from dangvien.messages import Text

__all__ = [
    "DangvienError",
    "DataError",
    "NotCoveredError",
    "UnknownIdError",
    "UsageError",
]


class DangvienError(Exception):
    """Base of every exception dangvien raises on purpose.

    Args:
        vi: the message in Vietnamese.
        en: the same message in English.

    ``str()`` is ``"<vi> / <en>"``.

    .. versionadded:: 0.2
    """

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(f"{vi} / {en}")
        self.message_vi = vi
        self.message_en = en

    @classmethod
    def from_text(cls, text: Text) -> DangvienError:
        """Build the error from a catalogue text (rendered in both languages)."""
        return cls(text.vi, text.en)

    def message(self, lang: Literal["vi", "en"] = "vi") -> str:
        """Return the message in *lang* (Vietnamese by default)."""
        return self.message_vi if lang == "vi" else self.message_en

    @property
    def label_vi(self) -> str:
        """The Vietnamese message, so that an error can be a message's fact."""
        return self.message_vi

    @property
    def label_en(self) -> str:
        """The English message."""
        return self.message_en


class DataError(DangvienError, ValueError):
    """Data that cannot be used as given: a bad file, row or value.

    .. versionadded:: 0.2
    """


class UsageError(DangvienError, ValueError):
    """The caller asked for something that cannot be done (misuse).

    .. versionadded:: 0.2
    """


class UnknownIdError(UsageError, KeyError):
    """An id (person, rule, plan, cell) that the dataset or the registry does not know.

    .. versionadded:: 0.2
    """

    def __str__(self) -> str:
        # KeyError quotes its argument; a message reads better as it is.
        return f"{self.message_vi} / {self.message_en}"


class NotCoveredError(DangvienError, LookupError):
    """A date or fact outside the law or calendar dangvien encodes.

    The rule engine reports it as "not applicable", with this message.

    .. versionadded:: 0.2
    """
