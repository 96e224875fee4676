"""The report's output formats, registered by name (định dạng đầu ra).

A format is a function ``(report, lang, **options) -> str | bytes`` with a
name, a file suffix and a media type.  :func:`render` looks the name up;
``dangvien report --format NAME`` offers every registered name.  A new
format plugs in here, in one place: add a :class:`Format` to the built-in
table (its renderer named as ``"module:function"``, imported only when
used, so optional libraries stay optional), or call :func:`register` from
your own code.

>>> sorted(formats())
['docx', 'html', 'json', 'text', 'xlsx']
>>> render_text = get_format("text").renderer()
>>> callable(render_text)
True
"""

from __future__ import annotations

import importlib
from typing import Any, Final, Protocol

import attrs

from dangvien.errors import UsageError
from dangvien.findings import Language
from dangvien.messages import Text
from dangvien.privacy import revealed
from dangvien.report.data import Report

__all__ = ["Format", "Renderer", "formats", "get_format", "register", "render"]


class Renderer(Protocol):
    """Lays a report out in one format and language."""

    def __call__(self, report: Report, lang: Language, /, **options: Any) -> str | bytes:
        """Return the report laid out (text, or the bytes of a file)."""


@attrs.frozen(kw_only=True)
class Format:
    """One output format of the report (một định dạng).

    Attributes:
        name: the name given to ``--format``.
        target: the renderer, or ``"module:function"`` to import it when
            first used.
        binary: True when the renderer returns bytes (a file).
        suffix: the usual file-name suffix.
        media_type: the HTTP media type.
        extra: the optional dependency group it needs, if any
            (``pip install 'dangvien[EXTRA]'``).
    """

    name: str
    target: Renderer | str
    binary: bool
    suffix: str
    media_type: str
    extra: str | None = None

    def renderer(self) -> Renderer:
        """Return the renderer, importing it if needed.

        Raises:
            UsageError: when the optional library it needs is not installed
                (the message names the extra to install).

        """
        if not isinstance(self.target, str):
            return self.target
        module, _, func = self.target.partition(":")
        try:
            loaded: Renderer = getattr(importlib.import_module(module), func)
        except ModuleNotFoundError as exc:
            if exc.name is None or exc.name.startswith("dangvien"):
                raise  # our own module missing is a bug, not a missing extra
            raise UsageError.from_text(
                Text(
                    "report.error.missing_extra",
                    {"format": self.name, "module": exc.name, "extra": self.extra or "?"},
                )
            ) from exc
        return loaded


_FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Register *fmt* (replacing a format of the same name); return it."""
    _FORMATS[fmt.name] = fmt
    return fmt


def formats() -> tuple[str, ...]:
    """The registered format names, in registration order."""
    return tuple(_FORMATS)


def get_format(name: str) -> Format:
    """Return the format called *name*.

    Raises:
        UsageError: when no format has that name.

    """
    try:
        return _FORMATS[name]
    except KeyError:
        raise UsageError.from_text(
            Text("report.error.unknown_format", {"format": name, "known": formats()})
        ) from None


def render(
    report: Report,
    fmt: str = "text",
    *,
    lang: Language = "vi",
    reveal: bool = False,
    **options: Any,
) -> str | bytes:
    """Lay *report* out in the format *fmt* and language *lang*.

    *options* go to the format's renderer (``width`` for text; ``place``,
    ``number``, ``issued_on``, ``signer`` for the Word report).  Personal
    data is masked unless *reveal* is true (:mod:`dangvien.privacy`); the
    report's tables name people by id and name only.

    Raises:
        UsageError: for an unknown format, or one whose optional library
            is missing.

    """
    renderer = get_format(fmt).renderer()
    with revealed(reveal):
        return renderer(report, lang, **options)


def _json(report: Report, lang: Language, /, **options: Any) -> str:
    from dangvien.output import dumps

    return dumps(report, lang=lang, **options) + "\n"


_BUILTIN: Final[tuple[Format, ...]] = (
    Format(
        name="text",
        target="dangvien.report.text:render_text",
        binary=False,
        suffix=".txt",
        media_type="text/plain; charset=utf-8",
    ),
    Format(name="json", target=_json, binary=False, suffix=".json", media_type="application/json"),
    Format(
        name="html",
        target="dangvien.report.html:render_html",
        binary=False,
        suffix=".html",
        media_type="text/html; charset=utf-8",
    ),
    Format(
        name="xlsx",
        target="dangvien.report.xlsx:render_xlsx",
        binary=True,
        suffix=".xlsx",
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        extra="excel",
    ),
    Format(
        name="docx",
        target="dangvien.report.docx:render_docx",
        binary=True,
        suffix=".docx",
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        extra="word",
    ),
)

for _fmt in _BUILTIN:
    register(_fmt)
