"""Vietnamese text helpers: NFC normalisation and diacritic-aware name matching.

Identity is decided on NFC text with every diacritic kept: ``Văn Tràng`` and
``Vạn Tràng`` are two different cells.  Stripping diacritics (``fold``) is used
only to *suggest* a match when an exact lookup failed, and only when the
suggestion is unique.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

import attrs

__all__ = ["NameIndex", "NameLookup", "fold", "key", "nfc", "nfc_optional", "nfc_tuple"]

_SPACE = re.compile(r"\s+")
T = TypeVar("T")


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC with outer whitespace removed.

    >>> nfc("Va\u0306n") == "Văn"
    True
    """
    return unicodedata.normalize("NFC", text).strip()


def nfc_optional(value: str | None) -> str | None:
    """NFC-normalise an optional text; blank text becomes None (attrs converter)."""
    return None if value is None else (nfc(value) or None)


def nfc_tuple(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """NFC-normalise each text of a sequence into a tuple (attrs converter)."""
    return tuple(nfc(v) for v in values)


def key(text: str) -> str:
    """Return the exact-match key of a name: NFC, case-folded, spaces collapsed.

    Diacritics are kept, so ``key("Văn Tràng") != key("Vạn Tràng")``.

    >>> key("  Chi bộ  VĂN Tràng ") == key("chi bộ văn tràng")
    True
    >>> key("Văn Tràng") == key("Vạn Tràng")
    False
    """
    return unicodedata.normalize("NFC", _SPACE.sub(" ", nfc(text)).casefold())


def fold(text: str) -> str:
    """Return *text* without diacritics, for suggestions only (never identity).

    ``đ``/``Đ`` fold to ``d``.

    >>> fold("Vạn Tràng")
    'van trang'
    >>> fold("Đảng ủy")
    'dang uy'
    """
    decomposed = unicodedata.normalize("NFD", key(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


@attrs.frozen
class NameLookup(Generic[T]):
    """Outcome of a name lookup (tra cứu tên).

    Attributes:
        query: the text looked up.
        match: the value found by an exact (diacritic-sensitive) match, if any.
        suggestion: a unique accent-insensitive candidate when there was no
            exact match.  It is a suggestion for the user, never a match.
        candidates: every accent-insensitive candidate's canonical name; more
            than one means the query is ambiguous.

    """

    query: str
    match: T | None
    suggestion: T | None = None
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        """True when several names differ from the query only by diacritics."""
        return self.match is None and len(self.candidates) > 1


class NameIndex(Generic[T]):
    """Index values by their names and aliases for diacritic-sensitive lookup.

    Args:
        entries: pairs of (value, names); the first name is the canonical one.

    Raises:
        ValueError: when two different values share a name (after NFC and
            case folding); that would make lookups ambiguous by construction.

    """

    def __init__(self, entries: Iterable[tuple[T, Iterable[str]]]) -> None:
        self._exact: dict[str, tuple[str, T]] = {}
        self._shared: dict[str, list[tuple[str, T]]] = {}
        # Folded names only serve suggestions after a failed lookup: built then.
        self._folded_: dict[str, list[tuple[str, T]]] | None = None
        self._named: list[tuple[str, str, T]] = []  # (name, canonical name, value)
        for value, names in entries:
            names = list(names)
            canonical = nfc(names[0]) if names else ""
            for name in names:
                self._named.append((name, canonical, value))
                k = key(name)
                if k in self._shared:
                    if all(v != value for _, v in self._shared[k]):
                        self._shared[k].append((canonical, value))
                elif k in self._exact and self._exact[k][1] != value:
                    # The same name in two places (a "Trạm Y tế" in every
                    # commune): it no longer identifies anything by itself.
                    self._shared[k] = [self._exact.pop(k), (canonical, value)]
                else:
                    self._exact[k] = (canonical, value)

    @property
    def _folded(self) -> dict[str, list[tuple[str, T]]]:
        if self._folded_ is None:
            folded: dict[str, list[tuple[str, T]]] = {}
            for name, canonical, value in self._named:
                bucket = folded.setdefault(fold(name), [])
                if all(v != value for _, v in bucket):
                    bucket.append((canonical, value))
            self._folded_ = folded
        return self._folded_

    def get(self, name: str) -> T | None:
        """Return the value whose name or alias equals *name* exactly, or None.

        None also when several values share that name.
        """
        hit = self._exact.get(key(name))
        return None if hit is None else hit[1]

    def lookup(self, name: str) -> NameLookup[T]:
        """Look *name* up exactly; on failure, suggest a unique folded match.

        >>> idx = NameIndex([(1, ["Văn Tràng"]), (2, ["Vạn Tràng"]), (3, ["Rú Đất"])])
        >>> idx.lookup("Vạn Tràng").match
        2
        >>> r = idx.lookup("Van Trang")
        >>> (r.match, r.suggestion, r.ambiguous)
        (None, None, True)
        >>> idx.lookup("Ru Dat").suggestion
        3
        """
        found = self.get(name)
        if found is not None:
            return NameLookup(query=name, match=found)
        shared = self._shared.get(key(name))
        if shared:
            return NameLookup(query=name, match=None, candidates=tuple(c for c, _ in shared))
        bucket = self._folded.get(fold(name), [])
        candidates = tuple(c for c, _ in bucket)
        suggestion = bucket[0][1] if len(bucket) == 1 else None
        return NameLookup(query=name, match=None, suggestion=suggestion, candidates=candidates)

    def as_mapping(self) -> Mapping[str, T]:
        """Return the exact-key mapping (keys are :func:`key` of each name)."""
        return {k: v for k, (_, v) in self._exact.items()}
