"""The cattrs converter of dangvien's files (one module, cattrs preconf style).

Wire forms:

- ``datetime.date`` ↔ ISO string ``YYYY-MM-DD``; on input also ``dd/mm/yyyy``
  and TOML's native dates;
- enums ↔ their value (the Vietnamese label, e.g. ``"xã"``, ``"nữ"``);
- tuples ↔ lists;
- attrs classes ↔ tables, with unknown keys refused on input and ``None``
  and default values omitted on output (TOML has no null);
- events ↔ tables tagged by ``type`` (the class's ``TYPE``).

Build a converter with :func:`make_converter`, or add the hooks to your own
with :func:`configure_converter`.  dangvien never mutates cattrs' global
converter.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn

from dangvien.dates import parse_date
from dangvien.model import events as ev
from dangvien.model.org import Organization
from dangvien.model.plan import Plan

__all__ = ["configure_converter", "make_converter", "structure_date"]


def structure_date(value: Any, _type: Any = date) -> date:
    """Turn an ISO or ``dd/mm/yyyy`` string (or a date) into a date.

    Raises:
        ValueError: for anything else.
    """
    if isinstance(value, datetime):
        msg = f"cần ngày, không phải ngày giờ / expected a date, not a datetime: {value!r}"
        raise ValueError(msg)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    msg = f"cần ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy / expected a date, got {value!r}"
    raise ValueError(msg)


def _structure_event(value: Any, _type: Any, conv: cattrs.Converter) -> ev.Event:
    if not isinstance(value, dict) or "type" not in value:
        msg = "sự kiện cần trường 'type' / an event needs a 'type' field"
        raise ValueError(msg)
    tag = value["type"]
    cls = ev.EVENT_TYPES.get(tag)
    if cls is None:
        msg = f"loại sự kiện không có: {tag!r} / unknown event type {tag!r}"
        raise ValueError(msg)
    rest = {k: v for k, v in value.items() if k != "type"}
    return conv.structure(rest, cls)


def configure_converter(conv: cattrs.Converter, *, native_dates: bool = False) -> None:
    """Add dangvien's hooks to *conv* (mutates it).

    With ``native_dates`` dates are left as ``datetime.date`` on output, for
    formats that have a date type (TOML); otherwise they become ISO strings.
    """
    conv.register_structure_hook(date, structure_date)
    if not native_dates:
        conv.register_unstructure_hook(date, lambda d: d.isoformat())
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum),
        lambda v, t: t(v),
    )
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda v: v.value
    )
    for cls in (*ev.EVENT_TYPES.values(), Organization, Plan):
        attrs.resolve_types(cls)
    conv.register_structure_hook(ev.Event, lambda v, t: _structure_event(v, t, conv))

    fns: dict[type[ev.Event], Any] = {}

    def unstructure_event(e: ev.Event) -> dict[str, Any]:
        cls = type(e)
        if cls not in fns:
            fns[cls] = make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
        return {"type": e.TYPE, **fns[cls](e)}

    conv.register_unstructure_hook(ev.Event, unstructure_event)


def make_converter(
    *, forbid_extra_keys: bool = True, native_dates: bool = False
) -> cattrs.Converter:
    """Return a new converter configured for dangvien (unknown keys refused by default)."""
    conv = cattrs.Converter(
        forbid_extra_keys=forbid_extra_keys, omit_if_default=True, detailed_validation=True
    )
    configure_converter(conv, native_dates=native_dates)
    return conv
