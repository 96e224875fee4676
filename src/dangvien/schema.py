"""JSON Schemas of dangvien's results, derived from their attrs classes (lược đồ JSON).

:func:`json_schema` walks a result type (its attributes, and the computed
values it names in ``__json__``) with the wire forms of
:mod:`dangvien.output`, so the schema cannot drift from what the converter
writes.  The schemas of the main results are shipped in
``dangvien/schemas/<name>.schema.json`` (:data:`SHIPPED`); web services and
scripts validate against them, and a test keeps the files equal to
:func:`json_schema`'s output and validates real output against them.

Regenerate the files with ``python -m dangvien.schema``.

>>> from dangvien.findings import Finding
>>> s = json_schema(tuple[Finding, ...])
>>> s["type"], s["items"]["$ref"]
('array', '#/$defs/Finding')
>>> sorted(s["$defs"]["Finding"]["required"])[:3]
['citation', 'confidence', 'due']
"""

from __future__ import annotations

import enum
import json
import sys
import types
import typing
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs

from dangvien.messages import Text
from dangvien.model.events import AnyEvent, Event, EventKind

__all__ = ["SHIPPED", "json_schema", "shipped_schema", "write_schemas"]

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

_TEXT: Final[dict[str, Any]] = {
    "type": "object",
    "description": "A catalogue text: its key, the text in the language asked and in both "
    "languages, and the typed facts it shows.",
    "properties": {
        "key": {"type": "string"},
        "text": {"type": "string"},
        "vi": {"type": "string"},
        "en": {"type": "string"},
        "facts": {"type": "object"},
    },
    "required": ["key", "text", "vi", "en", "facts"],
    "additionalProperties": False,
}


class _Walker:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}
        self.owners: dict[str, type] = {}

    def schema(self, tp: Any) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if tp is Any or tp is object:
            return {}
        if tp is type(None):
            return {"type": "null"}
        if origin in (typing.Union, types.UnionType):
            return {"anyOf": [self.schema(a) for a in args]}
        if origin is typing.Literal:
            return {"enum": list(args)}
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.schema(args[0])}
            return {"type": "array", "prefixItems": [self.schema(a) for a in args], "items": False}
        if origin in (list, frozenset, set):
            return {"type": "array", "items": self.schema(args[0])}
        if origin in (dict, Mapping) or tp in (dict, Mapping):
            value = self.schema(args[1]) if args else {}
            out: dict[str, Any] = {"type": "object", "additionalProperties": value}
            if args and isinstance(args[0], type) and issubclass(args[0], enum.Enum):
                # Keys written by value, as the converter writes enums.
                out["propertyNames"] = {"enum": [m.value for m in args[0]]}
            return out
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is str:
            return {"type": "string"}
        if tp is date:
            return {"type": "string", "format": "date"}
        if tp is Fraction:
            return {"type": "string", "pattern": r"^-?[0-9]+(/[0-9]+)?$"}
        if tp is EventKind:
            return {"type": "string", "description": "an event type's tag"}
        if tp is Text:
            return self.ref("Text", lambda: dict(_TEXT))
        if tp is AnyEvent or (isinstance(tp, type) and issubclass(tp, Event)):
            return self.ref(
                "Event",
                lambda: {
                    "type": "object",
                    "description": "an event, tagged with its type as in events.csv",
                    "properties": {
                        "type": {"type": "string"},
                        "date": {"type": "string", "format": "date"},
                    },
                    "required": ["type", "date"],
                },
            )
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [m.value for m in tp]}
        if isinstance(tp, type) and attrs.has(tp):
            # Two classes may share a name (the report's Unit, the tree's Unit): the
            # second one met is named by its module too, never merged with the first.
            name = tp.__name__
            if self.owners.setdefault(name, tp) is not tp:
                name = f"{tp.__module__}.{tp.__name__}"
            return self.ref(name, lambda: self.attrs_schema(tp))
        msg = f"no JSON schema for {tp!r}"
        raise TypeError(msg)

    def ref(self, name: str, build: Any) -> dict[str, Any]:
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: classes may refer to themselves
            self.defs[name] = build()
        return {"$ref": f"#/$defs/{name}"}

    def attrs_schema(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        props: dict[str, Any] = {}
        for field in attrs.fields(cls):
            props[field.name] = self.schema(hints[field.name])
        for name in getattr(cls, "__json__", ()):
            prop = getattr(cls, name)
            fget = prop.fget if isinstance(prop, property) else prop
            props[name] = self.schema(typing.get_type_hints(fget)["return"])
        out: dict[str, Any] = {"type": "object"}
        doc = (cls.__doc__ or "").strip().splitlines()
        if doc:
            out["description"] = doc[0]
        out.update(properties=props, required=sorted(props), additionalProperties=False)
        return out


def json_schema(tp: Any, *, title: str | None = None) -> dict[str, Any]:
    """Return the JSON Schema of values of type *tp* as :mod:`dangvien.output` writes them."""
    walker = _Walker()
    root = walker.schema(tp)
    out: dict[str, Any] = {"$schema": _DIALECT}
    if title is not None:
        out["title"] = title
    out.update(root)
    if walker.defs:
        out["$defs"] = dict(sorted(walker.defs.items()))
    return out


def _shipped() -> dict[str, tuple[str, Any]]:
    from dangvien.findings import Finding
    from dangvien.report import Report
    from dangvien.rules import DueItem, Evaluation
    from dangvien.rules.eligibility import Admissibility, Candidate

    return {
        "admissibility": ("a person's eligibility at a meeting on a day", Admissibility),
        "findings": ("dangvien check --format json", tuple[Finding, ...]),
        "evaluations": ("dangvien explain --format json", tuple[Evaluation, ...]),
        "due": ("dangvien due --format json", tuple[DueItem, ...]),
        "candidates": ("the pipeline's candidates", tuple[Candidate, ...]),
        "report": ("dangvien report --format json", Report),
    }


#: The names of the shipped schemas (``dangvien/schemas/<name>.schema.json``).
SHIPPED: Final = ("admissibility", "candidates", "due", "evaluations", "findings", "report")


def shipped_schema(name: str) -> dict[str, Any]:
    """Return the shipped schema *name* (one of :data:`SHIPPED`) as read from the package."""
    text = resources.files("dangvien.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def render_schemas() -> dict[str, str]:
    """Return each shipped schema's file text, as generated now."""
    out = {}
    for name, (title, tp) in _shipped().items():
        out[name] = json.dumps(json_schema(tp, title=title), ensure_ascii=False, indent=2) + "\n"
    return out


def write_schemas(directory: Path) -> None:
    """Write every shipped schema into *directory* (the package's ``schemas`` folder)."""
    for name, text in render_schemas().items():
        (directory / f"{name}.schema.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    write_schemas(Path(__file__).resolve().parent / "schemas")
    sys.exit(0)
