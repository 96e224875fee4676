"""One output path: every result as JSON through one cattrs converter (đầu ra JSON).

Findings, evaluations, acts falling due, candidates, forecasts, allocations
and the report are all unstructured by :func:`make_output_converter`, which
starts from the dataset converter (:func:`dangvien.io.make_converter`), so a
value is written the same way in a dataset file and in a result.  Wire forms:

- ``datetime.date`` → ISO text ``"2025-12-31"``; enums → their value, the
  label used in files (``"đảng viên dự bị"``, ``"violation"``); events →
  tables tagged with ``"type"``.
- ``fractions.Fraction`` → exact text: ``"250/3"``, ``"2"`` for a whole number.
- :class:`~dangvien.messages.Text` → ``{"key", "text", "vi", "en", "facts"}``:
  the catalogue key, the text in the language asked and in both languages,
  and the typed facts (each written by these same rules).
- :class:`~dangvien.model.events.EventKind` → the event type's tag.
- an attrs class → an object of its attributes, every one present (``null``
  for an absent value), plus the computed values the class names in its
  ``__json__`` tuple (a fulfilment's ``percent``, a citation's ``text``).
- any other value with Vietnamese and English labels (an error, a year
  span) → ``{"vi", "en"}``.
- personal data (:mod:`dangvien.privacy`: a person's birth date, card and
  record numbers, a card's number; a :class:`~dangvien.privacy.Personal`
  fact) → masked text (``"**/**/1990"``, ``"****4567"``) unless revealed
  (``reveal=True`` or inside :func:`dangvien.privacy.revealed`); revealed, a
  birth date is ISO text as any date.

JSON Schemas of the main results ship in ``dangvien/schemas/`` (see
:mod:`dangvien.schema`); a test validates real output against them.

>>> from datetime import date
>>> from dangvien.findings import Finding, Severity
>>> from dangvien.messages import Text
>>> f = Finding("R", Severity.WARNING, "P1",
...             Text("rule.not_judged_before", {"act": date(2010, 5, 1),
...                                             "start": date(2016, 7, 25)}))
>>> out = to_json(f, lang="en")
>>> out["severity"], out["text"]["facts"]["start"], out["due"]
('warning', '2016-07-25', None)
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn

from dangvien import privacy
from dangvien.io.converter import configure_converter
from dangvien.messages import Labelled, Language, Text
from dangvien.model import events as ev
from dangvien.model.events import EventKind

__all__ = ["dumps", "make_output_converter", "to_json"]


def _fraction(value: Fraction) -> str:
    return str(value)


def _is_plain_attrs(t: Any) -> bool:
    return isinstance(t, type) and attrs.has(t)


def _masking(cls: Any, base: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    """Wrap *base* so that *cls*'s personal fields are masked unless revealed."""
    personal = privacy.personal_fields(cls)
    if not personal:
        return base

    def unstructure(obj: Any) -> dict[str, Any]:
        out = base(obj)
        if not privacy.is_revealed():
            for name, kind in personal.items():
                value = getattr(obj, name)
                out[name] = None if value is None else privacy.mask(value, kind)
        return out

    return unstructure


def _attrs_factory(conv: cattrs.Converter) -> Callable[[Any], Callable[[Any], Any]]:
    """Every attribute, plus the class's declared computed values (``__json__``)."""

    def factory(cls: Any) -> Callable[[Any], Any]:
        base = _masking(cls, make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=False))
        extra: tuple[str, ...] = getattr(cls, "__json__", ())
        if not extra:
            return base

        def unstructure(obj: Any) -> Any:
            out = base(obj)
            for name in extra:
                out[name] = conv.unstructure(getattr(obj, name))
            return out

        return unstructure

    return factory


def _is_personal_event(t: Any) -> bool:
    return (
        isinstance(t, type)
        and issubclass(t, ev.Event)
        and t in ev.EVENT_TYPES.values()
        and bool(privacy.personal_fields(t))
    )


def _personal_event_factory(conv: cattrs.Converter) -> Callable[[Any], Callable[[Any], Any]]:
    """An event with a personal field (a card issued), tagged as the dataset files tag it."""

    def factory(cls: Any) -> Callable[[Any], Any]:
        base = _masking(cls, conv.gen_unstructure_attrs_fromdict(cls))
        return lambda event: {"type": cls.TYPE, **base(event)}

    return factory


def make_output_converter(lang: Language = "vi") -> cattrs.Converter:
    """Return a converter that writes results as JSON-ready values in *lang*.

    *lang* decides the ``text`` of each :class:`~dangvien.messages.Text`;
    both languages are always written too.
    """
    conv = cattrs.Converter(omit_if_default=False)
    conv.register_unstructure_hook_factory(_is_plain_attrs, _attrs_factory(conv))
    # Registered after the generic attrs hook, so it wins for events (tagged),
    # enums (by value), dates (ISO) and tuples (lists), as in dataset files.
    configure_converter(conv)
    conv.register_unstructure_hook_factory(_is_personal_event, _personal_event_factory(conv))
    conv.register_unstructure_hook(Fraction, _fraction)
    conv.register_unstructure_hook(EventKind, lambda k: k.cls.TYPE)
    conv.register_unstructure_hook(privacy.Personal, privacy.Personal.text)

    def text(t: Text) -> dict[str, Any]:
        return {
            "key": t.key,
            "text": t.render(lang),
            "vi": t.vi,
            "en": t.en,
            "facts": {name: fact(value) for name, value in t.facts},
        }

    def fact(value: object) -> Any:
        if isinstance(value, Text):
            return text(value)
        if isinstance(value, privacy.Personal):
            return value.text()
        if isinstance(value, type):
            return getattr(value, "TYPE", value.__name__)
        if isinstance(value, tuple | list | frozenset | set):
            return [fact(v) for v in value]
        if (
            isinstance(value, Labelled)
            and not isinstance(value, enum.Enum)
            and not attrs.has(type(value))
        ):
            return {"vi": value.label_vi, "en": value.label_en}
        return conv.unstructure(value)

    conv.register_unstructure_hook(Text, text)
    return conv


_CONVERTERS: dict[str, cattrs.Converter] = {}


def to_json(
    obj: object, *, lang: Language = "vi", as_type: Any = None, reveal: bool = False
) -> Any:
    """Return *obj* as JSON-ready values (dicts, lists, text, numbers) in *lang*.

    *as_type* names the type to write *obj* as (``tuple[Finding, ...]`` for a
    list of findings), when its runtime class is not enough.  Personal data
    is masked unless *reveal* is true or the call is inside
    :func:`dangvien.privacy.revealed`.

    .. versionchanged:: 0.2
       *reveal*; personal data masked by default.
    """
    conv = _CONVERTERS.get(lang)
    if conv is None:
        conv = _CONVERTERS[lang] = make_output_converter(lang)
    with privacy.revealed(reveal):
        if as_type is None:
            return conv.unstructure(obj)
        return conv.unstructure(obj, unstructure_as=as_type)


def dumps(
    obj: object,
    *,
    lang: Language = "vi",
    as_type: Any = None,
    indent: int | None = 2,
    reveal: bool = False,
) -> str:
    """Return *obj* as JSON text (UTF-8 characters kept, not escaped).

    Personal data is masked unless *reveal* is true (see :func:`to_json`).
    """
    data = to_json(obj, lang=lang, as_type=as_type, reveal=reveal)
    return json.dumps(data, ensure_ascii=False, indent=indent)
