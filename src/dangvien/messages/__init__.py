"""The message catalogue: every user-facing text, Vietnamese first, with English.

Texts live in the TOML files of this package (``rules.toml``, ``io.toml``,
``cli.toml``, ``report.toml``…), one table per message with a ``vi`` and an
``en`` template::

    [rule.ADMIT-AGE-MIN.fail]
    vi = "Chưa đủ {need} tuổi tại ngày họp chi bộ {day}"
    en = "Not yet {need} at the cell meeting on {day}"

The nested table names make the key (``rule.ADMIT-AGE-MIN.fail``).  Code
never formats user-facing text itself: it builds a :class:`Text` (a key and
typed facts: dates, numbers, enums, other texts) and renders it in the
reader's language when printing.  Facts are formatted by type, so a date is
``31/12/2025`` and a fraction ``2/3`` in both languages, an enum shows its
label in the language asked, and text from a data file shows invisible and
control characters as ``<U+200B>``.  A format spec selects a unit:
``{age:age}`` renders a number of months as ``17 tuổi 11 tháng`` /
``17 years 11 months``; ``{n:,}`` groups thousands (``2.371`` / ``2,371``);
``{act:cap}`` capitalises a value that opens a sentence; ``{q:approx}``
shows a fraction with its value to three decimals (``57/14 ≈ 4,071`` /
``57/14 ≈ 4.071``, a whole number alone) and ``{q:sqrt}`` the square root of
a fraction to three decimals.

>>> Text("rule.not_judged_before", {"start": date(2016, 7, 25),
...      "act": date(2010, 5, 1)}).en
'Not judged: the act of 01/05/2010 is before 25/07/2016, the start of the law this rule encodes'
"""

from __future__ import annotations

import enum
import functools
import math
import string
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from fractions import Fraction
from importlib import resources
from typing import Any, Final, Literal, Protocol, runtime_checkable

import attrs

__all__ = [
    "CATALOGUE",
    "LANGUAGES",
    "Bilingual",
    "Catalogue",
    "CatalogueEnum",
    "Labelled",
    "Language",
    "Message",
    "Text",
    "escape_invisible",
    "format_value",
    "placeholders",
    "render",
]

#: A language dangvien speaks.
Language = Literal["vi", "en"]
#: The languages, Vietnamese first.
LANGUAGES: Final[tuple[Language, ...]] = ("vi", "en")


@runtime_checkable
class Labelled(Protocol):
    """A value with a label in each language (most of dangvien's enums)."""

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""

    @property
    def label_en(self) -> str:
        """English label."""


class CatalogueEnum(enum.Enum):
    """An enum whose labels are catalogue entries ``enum.<Class>.<MEMBER>``.

    The member's name, not its value, keys the entry, so a value that is
    the office's own spelling (``"THCS"``) stays free to change apart from
    its labels.
    """

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return _enum_label(type(self).__name__, self.name, "vi")

    @property
    def label_en(self) -> str:
        """English label."""
        return _enum_label(type(self).__name__, self.name, "en")


@functools.cache
def _enum_label(cls: str, member: str, lang: Language) -> str:
    # Labels never change while the catalogue is loaded; tables print them per row.
    return Text(f"enum.{cls}.{member}").render(lang)


@attrs.frozen
class Bilingual:
    """A value that is already written in both languages (a document's title).

    >>> format_value(Bilingual("Điều lệ Đảng", "Party Charter"), "en")
    'Party Charter'
    """

    vi: str
    en: str

    @property
    def label_vi(self) -> str:
        """The Vietnamese text."""
        return self.vi

    @property
    def label_en(self) -> str:
        """The English text."""
        return self.en


def escape_invisible(text: str) -> str:
    r"""Show control, format and unusual space characters as ``<U+XXXX>``.

    Text read from an office's file is shown in messages as it is, except
    characters a reader could not see: zero-width spaces, byte-order marks,
    control characters, non-breaking and other unusual spaces.

    >>> escape_invisible("Văn\u200bTràng\t1")
    'Văn<U+200B>Tràng<U+0009>1'
    """
    if text.isprintable() and "\u00a0" not in text:
        return text
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] == "C" or cat in ("Zl", "Zp") or (cat == "Zs" and ch != " "):
            out.append(f"<U+{ord(ch):04X}>")
        else:
            out.append(ch)
    return "".join(out)


def _group(n: int, sep: str) -> str:
    text = f"{abs(n):,}".replace(",", sep)
    return f"-{text}" if n < 0 else text


def _decimal(x: float, lang: Language) -> str:
    """Three decimals, with a decimal comma in Vietnamese."""
    text = f"{x:.3f}"
    return text.replace(".", ",") if lang == "vi" else text


def format_value(value: object, lang: Language = "vi", spec: str = "") -> str:
    """Format one fact for a message in *lang*.

    >>> format_value(date(2026, 2, 28)), format_value(Fraction(2, 3))
    ('28/02/2026', '2/3')
    >>> format_value(215, "vi", "age"), format_value(215, "en", "age")
    ('17 tuổi 11 tháng', '17 years 11 months')
    >>> format_value(2371, "vi", ","), format_value(2371, "en", ",")
    ('2.371', '2,371')
    >>> format_value(Fraction(57, 14), "vi", "approx"), format_value(Fraction(2), "en", "approx")
    ('57/14 ≈ 4,071', '2')
    >>> format_value(Fraction(2), "en", "sqrt")
    '1.414'
    >>> format_value(True, "en"), format_value(None, "vi")
    ('yes', '?')
    """
    if value is None:
        return "?"
    if isinstance(value, Text):
        return value.render(lang)
    if spec == "age":
        months = int(value)  # type: ignore[call-overload]
        y, m = divmod(months, 12)
        return f"{y} tuổi {m} tháng" if lang == "vi" else f"{y} years {m} months"
    if isinstance(value, bool):
        return ("có" if value else "không") if lang == "vi" else ("yes" if value else "no")
    if isinstance(value, int) and spec == ",":
        return _group(value, "." if lang == "vi" else ",")
    if isinstance(value, date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if spec in ("approx", "sqrt") and isinstance(value, Fraction | int):
        x = Fraction(value)
        if spec == "sqrt":
            return _decimal(math.sqrt(x), lang)
        if x.denominator == 1:
            return str(x.numerator)
        return f"{x} ≈ {_decimal(float(x), lang)}"
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, Labelled) and not isinstance(value, str):
        return value.label_vi if lang == "vi" else value.label_en
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, str):
        return escape_invisible(value)
    if isinstance(value, tuple | list | frozenset | set):
        items = sorted(value, key=str) if isinstance(value, frozenset | set) else value
        return ", ".join(format_value(v, lang) for v in items)
    if spec:
        return format(value, spec)
    return str(value)


class _Formatter(string.Formatter):
    def __init__(self, lang: Language) -> None:
        self.lang: Language = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "cap":
            # The value opens a sentence: capitalise its first letter.
            text = format_value(value, self.lang)
            return text[:1].upper() + text[1:]
        return format_value(value, self.lang, format_spec)


_FORMATTERS: Final = {lang: _Formatter(lang) for lang in LANGUAGES}


def placeholders(template: str) -> frozenset[str]:
    """Return the fact names a template uses.

    >>> sorted(placeholders("{a} và {b:age}"))
    ['a', 'b']
    """
    return frozenset(
        name for _, name, _, _ in string.Formatter().parse(template) if name is not None
    )


@attrs.frozen
class Message:
    """One catalogue entry: a key and its templates (một thông điệp).

    Attributes:
        key: the dotted key, e.g. ``rule.ADMIT-AGE-MIN.fail``.
        vi: the Vietnamese template.
        en: the English template.

    """

    key: str
    vi: str
    en: str

    def template(self, lang: Language = "vi") -> str:
        """Return the template in *lang*."""
        return self.vi if lang == "vi" else self.en

    def render(self, lang: Language, facts: Mapping[str, object]) -> str:
        """Fill the template of *lang* with *facts*.

        Raises:
            KeyError: when the template names a fact not given (a bug).

        """
        return _FORMATTERS[lang].vformat(self.template(lang), (), facts)


def _flatten(table: Mapping[str, Any], prefix: str, source: str) -> Iterator[Message]:
    if "vi" in table or "en" in table:
        vi, en = table.get("vi"), table.get("en")
        if not isinstance(vi, str) or not isinstance(en, str) or not vi or not en:
            msg = f"{source}: message {prefix!r} needs non-empty 'vi' and 'en' texts"
            raise TypeError(msg)
        yield Message(prefix, vi, en)
        return
    for name, sub in table.items():
        if not isinstance(sub, dict):
            msg = f"{source}: {prefix}.{name} is not a table"
            raise TypeError(msg)
        yield from _flatten(sub, f"{prefix}.{name}" if prefix else name, source)


class Catalogue:
    """Messages by key (danh mục thông điệp).

    Build one with :meth:`load`; :data:`CATALOGUE` is dangvien's own.
    """

    __slots__ = ("_messages",)

    def __init__(self, messages: Iterable[Message]) -> None:
        self._messages: dict[str, Message] = {}
        for m in messages:
            if m.key in self._messages:
                msg = f"message {m.key!r} defined twice"
                raise ValueError(msg)
            self._messages[m.key] = m

    @classmethod
    def load(cls, package: str = __name__) -> Catalogue:
        """Read every ``*.toml`` file of *package*."""
        found: list[Message] = []
        for item in sorted(resources.files(package).iterdir(), key=lambda p: p.name):
            if item.name.endswith(".toml"):
                found.extend(_flatten(tomllib.loads(item.read_text("utf-8")), "", item.name))
        return cls(found)

    def __getitem__(self, key: str) -> Message:
        try:
            return self._messages[key]
        except KeyError:
            msg = f"no message {key!r} in the catalogue"
            raise KeyError(msg) from None

    def __contains__(self, key: object) -> bool:
        return key in self._messages

    def __iter__(self) -> Iterator[Message]:
        return iter(self._messages.values())

    def __len__(self) -> int:
        return len(self._messages)


#: dangvien's catalogue, read once at import.
CATALOGUE: Final = Catalogue.load()


def render(key: str, lang: Language = "vi", /, **facts: object) -> str:
    """Render the message *key* in *lang* with *facts*.

    >>> render("common.yes", "en")
    'yes'
    """
    return CATALOGUE[key].render(lang, facts)


def _facts(
    value: Mapping[str, object] | Iterable[tuple[str, object]],
) -> tuple[tuple[str, object], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(items)


@attrs.frozen
class Text:
    """A translatable text: a catalogue key and the typed facts it shows (văn bản).

    Rendered only when read (:meth:`render`, :attr:`vi`, :attr:`en`), so
    building findings for a province costs no formatting.

    Attributes:
        key: the catalogue key.
        facts: the facts as (name, value) pairs; values keep their types
            (dates, ints, fractions, enums, other texts).

    """

    key: str
    facts: tuple[tuple[str, object], ...] = attrs.field(default=(), converter=_facts)

    def render(self, lang: Language = "vi") -> str:
        """Return the text in *lang*."""
        return CATALOGUE[self.key].render(lang, dict(self.facts))

    @property
    def vi(self) -> str:
        """The text in Vietnamese."""
        return self.render("vi")

    @property
    def en(self) -> str:
        """The text in English."""
        return self.render("en")

    def fact(self, name: str) -> object:
        """Return the fact *name*.

        Raises:
            KeyError: when the text has no such fact.

        """
        for k, v in self.facts:
            if k == name:
                return v
        raise KeyError(name)
