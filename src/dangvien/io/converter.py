"""The cattrs converter of dangvien's model (one module, in cattrs' preconf style).

:func:`make_converter` builds a configured :class:`cattrs.Converter`;
:func:`configure_converter` adds the same hooks to a converter you own.
dangvien never touches cattrs' global converter.

Wire forms (what :meth:`~cattrs.Converter.unstructure` produces and
:meth:`~cattrs.Converter.structure` accepts):

- ``datetime.date`` ↔ ISO text ``"2023-06-08"``.  On input also the
  day-first Vietnamese ``"08/06/2023"`` / ``"8/6/2023"`` and a native date
  (TOML's ``2023-06-08``); a datetime is refused.  With
  ``native_dates=True`` dates are unstructured as ``datetime.date`` objects,
  for formats that have a date type (TOML).
- enums ↔ their value, the label used in files (``"xã"``, ``"nữ"``,
  ``"bch_doan"``); on input matched after NFC and case folding.
- ``str``, ``int`` and ``bool`` fields accept only that JSON/TOML type:
  ``"2"`` is not an int, ``1`` is not a bool and ``5`` is not text.  Every
  int of the model is a count or a year, so it must lie between 0 and
  :data:`~dangvien.io._values.MAX_COUNT` (a million); text may not hold
  control characters other than tabs and line breaks.
- ``tuple[X, ...]`` ↔ list; on input only a list (a string is not a list).
- attrs classes ↔ tables (dicts) keyed by attribute name.  Unknown keys are
  refused on input (``forbid_extra_keys=True`` by default); on output
  attributes equal to their default are omitted (TOML has no null) unless
  the converter is made with ``omit_defaults=False``.
- events ↔ tables tagged with ``"type"``, the class's
  :attr:`~dangvien.model.events.Event.TYPE` (see
  :data:`~dangvien.model.events.EVENT_TYPES`): ``{"type": "ceremony",
  "date": "2023-09-20", "cell": "cb01"}``.  Structuring as
  :class:`~dangvien.model.events.Event` or
  :data:`~dangvien.model.events.AnyEvent` dispatches on the tag; structuring
  as a concrete class accepts its own tag or none.

Errors follow cattrs' detailed validation (``ClassValidationError`` groups
whose notes name the attribute or index, readable with
:func:`cattrs.transform_error`); a value that does not fit raises a
:class:`~dangvien.errors.DataError` (a ``ValueError``) whose text is
Vietnamese then English.

>>> from datetime import date
>>> from dangvien.model import events as ev
>>> conv = make_converter()
>>> conv.unstructure(ev.AdmissionCeremony(date=date(2023, 9, 20), cell="cb01"), ev.Event)
{'type': 'ceremony', 'date': '2023-09-20', 'cell': 'cb01'}
>>> conv.structure({"type": "ceremony", "date": "20/9/2023", "cell": "cb01"}, ev.Event)
AdmissionCeremony(date=datetime.date(2023, 9, 20), doc_no=None, issuer=None, note=None, cell='cb01')

.. versionadded:: 0.1
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)

from dangvien._text import nfc
from dangvien.io._issues import Problem
from dangvien.io._values import (
    BAD_DATE,
    CONTROL,
    check_count,
    enum_expected,
    enum_parser,
    has_control,
    parse_date_text,
)
from dangvien.messages import Text
from dangvien.model import events as ev
from dangvien.model.org import Cell, Hamlet, MassOrganization, Organization
from dangvien.model.people import Person
from dangvien.model.plan import (
    AdmissionTarget,
    IntroductionTarget,
    LegalBasis,
    Plan,
    PlanPeriod,
    TargetRange,
)
from dangvien.model.register import Dataset, Record

__all__ = ["configure_converter", "make_converter"]

#: Every attrs class of the model the converter may meet; their string
#: annotations are resolved once, when a converter is configured.
_MODEL_CLASSES: tuple[type, ...] = (
    Person,
    Cell,
    Hamlet,
    MassOrganization,
    Organization,
    PlanPeriod,
    TargetRange,
    LegalBasis,
    AdmissionTarget,
    IntroductionTarget,
    Plan,
    Record,
    Dataset,
    ev.Event,
    *ev.EVENT_TYPES.values(),
)

_TABLE = Text("io.value.table")
_LIST = Text("io.value.list")
_TEXT = Text("io.value.text")
_WHOLE = Text("io.value.whole")
_BOOL = Text("io.value.toml_bool")
_DATE_NOT_DATETIME = Text("io.value.date_not_datetime")


def _structure_str(value: Any, _type: Any) -> str:
    if not isinstance(value, str):
        raise Problem(_TEXT)
    if has_control(value):
        raise Problem(CONTROL)
    return value


def _structure_int(value: Any, _type: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Problem(_WHOLE)
    return check_count(value)


def _structure_bool(value: Any, _type: Any) -> bool:
    if not isinstance(value, bool):
        raise Problem(_BOOL)
    return value


def _structure_date(value: Any, _type: Any) -> date:
    if isinstance(value, datetime):
        raise Problem(_DATE_NOT_DATETIME)
    if isinstance(value, date):
        # A subclass such as pendulum.Date becomes a plain date.
        return date(value.year, value.month, value.day)
    if isinstance(value, str):
        return parse_date_text(nfc(value))
    raise Problem(BAD_DATE)


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    if not isinstance(value, str):
        # Every enum of the model has text values.
        raise Problem(enum_expected(cls))
    return enum_parser(cls)(nfc(value))


def _is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _is_homogeneous_tuple(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(conv: cattrs.Converter) -> Callable[[Any, Any], tuple[Any, ...]]:
    def structure(value: Any, t: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise Problem(_LIST)
        item = typing.get_args(t)[0]
        hook = conv.get_structure_hook(item)
        out: list[Any] = []
        errors: list[Exception] = []
        for i, element in enumerate(value):
            try:
                out.append(hook(element, item))
            except Exception as exc:
                exc.add_note(IterableValidationNote(f"Structuring {t} @ index {i}", i, item))
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {t}", errors, t)
        return tuple(out)

    return structure


def _attrs_structure_factory(conv: cattrs.Converter) -> Callable[[Any], Any]:
    """Wrap cattrs' generated hook so a non-table gets a readable error."""

    def factory(cls: Any) -> Callable[[Any, Any], Any]:
        generated = conv.gen_structure_attrs_fromdict(cls)

        def structure(value: Any, t: Any) -> Any:
            if not isinstance(value, Mapping):
                raise Problem(_TABLE)
            return generated(value, t)

        return structure

    return factory


def _tag_error(problem: Problem, cls: Any) -> ClassValidationError:
    problem.add_note(AttributeValidationNote("Structuring event @ attribute type", "type", str))
    return ClassValidationError("While structuring an event", [problem], cls)


def _unknown_tag(tag: object) -> Problem:
    tags = ", ".join(ev.EVENT_TYPES)
    return Problem(Text("io.toml.event_type_unknown", {"tag": str(tag), "tags": tags}))


def _event_hooks(
    conv: cattrs.Converter,
) -> tuple[Callable[[Any], Callable[[Any, Any], Any]], Callable[[Any], Callable[[Any], Any]]]:
    """Return (structure factory, unstructure factory) for events, tagged by ``type``."""

    def structure_factory(cls: Any) -> Callable[[Any, Any], Any]:
        if not _is_concrete_event(cls):  # the base class or AnyEvent

            def dispatch(value: Any, t: Any) -> Any:
                if not isinstance(value, Mapping):
                    raise Problem(_TABLE)
                if "type" not in value:
                    missing = Problem(Text("io.toml.event_type_missing"))
                    raise _tag_error(missing, t)
                tag = value["type"]
                target = ev.EVENT_TYPES.get(tag) if isinstance(tag, str) else None
                if target is None:
                    raise _tag_error(_unknown_tag(tag), t)
                return conv.structure(value, target)

            return dispatch

        generated = conv.gen_structure_attrs_fromdict(cls)

        def structure(value: Any, t: Any) -> Any:
            if not isinstance(value, Mapping):
                raise Problem(_TABLE)
            if "type" in value:
                if value["type"] != cls.TYPE:
                    wrong = Problem(
                        Text("io.toml.event_type_wrong", {"tag": cls.TYPE, "cls": cls.__name__})
                    )
                    raise _tag_error(wrong, t)
                value = {k: v for k, v in value.items() if k != "type"}
            return generated(value, t)

        return structure

    def unstructure_factory(cls: Any) -> Callable[[Any], Any]:
        if not _is_concrete_event(cls):
            return lambda event: conv.unstructure(event, unstructure_as=type(event))
        generated = conv.gen_unstructure_attrs_fromdict(cls)
        return lambda event: {"type": cls.TYPE, **generated(event)}

    return structure_factory, unstructure_factory


def _is_concrete_event(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, ev.Event) and t is not ev.Event


def _is_event_type(t: Any) -> bool:
    if t == ev.AnyEvent:
        return True
    return isinstance(t, type) and issubclass(t, ev.Event)


def configure_converter(conv: cattrs.Converter, *, native_dates: bool = False) -> None:
    """Add dangvien's hooks to *conv* (mutates it); see the module for the wire forms.

    Args:
        conv: the converter to configure.
        native_dates: unstructure dates as ``datetime.date`` (for TOML)
            rather than ISO text.

    .. versionadded:: 0.1
    """
    for cls in _MODEL_CLASSES:
        attrs.resolve_types(cls)
    # Later registrations win in cattrs' function dispatch: general first.
    conv.register_structure_hook_factory(attrs.has, _attrs_structure_factory(conv))
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(date, _structure_date)
    if not native_dates:
        conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook_func(_is_enum, _structure_enum)
    conv.register_unstructure_hook_func(_is_enum, lambda member: member.value)
    conv.register_structure_hook_func(_is_homogeneous_tuple, _tuple_hook(conv))
    conv.register_unstructure_hook_factory(
        _is_homogeneous_tuple,
        lambda t: _list_of(conv, typing.get_args(t)[0]),
    )
    structure_event, unstructure_event = _event_hooks(conv)
    conv.register_structure_hook_factory(_is_event_type, structure_event)
    conv.register_unstructure_hook_factory(_is_event_type, unstructure_event)


def _list_of(conv: cattrs.Converter, item: Any) -> Callable[[Any], list[Any]]:
    def unstructure(values: Any) -> list[Any]:
        hook = conv.get_unstructure_hook(item)
        return [hook(v) for v in values]

    return unstructure


def make_converter(
    *, forbid_extra_keys: bool = True, native_dates: bool = False, omit_defaults: bool = True
) -> cattrs.Converter:
    """Return a new converter for dangvien's model.

    Args:
        forbid_extra_keys: refuse unknown keys when structuring (default).
        native_dates: unstructure dates as ``datetime.date`` (for TOML).
        omit_defaults: leave out attributes equal to their default when
            unstructuring (default); False gives every attribute, None for
            an absent optional one.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       The *omit_defaults* argument.
    """
    conv = cattrs.Converter(
        forbid_extra_keys=forbid_extra_keys,
        omit_if_default=omit_defaults,
        detailed_validation=True,
    )
    configure_converter(conv, native_dates=native_dates)
    return conv
