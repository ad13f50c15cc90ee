"""Fast JSON conversion of botbuilder schema models, equal to msrest's `Model.serialize()` for these models."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from msrest.serialization import Model, Serializer


def _plain(value: Any) -> Any:
    """An untyped ('object') value: models, enums and dates inside plain JSON."""
    if isinstance(value, Model):
        return to_json(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return Serializer.serialize_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _typed(value: Any, kind: Any) -> Any:
    """A value declared as `kind` in an attribute map."""
    if not isinstance(kind, str) or kind[:1].isupper():
        return to_json(value) if isinstance(value, Model) else _plain(value)
    if kind == "str":
        return value.value if isinstance(value, Enum) else str(value)
    if kind == "iso-8601":
        return Serializer.serialize_iso(value) if isinstance(value, datetime) else value
    if kind[:1] == "[":
        return [_typed(item, kind[1:-1]) for item in value]
    if kind[:1] == "{":
        return {key: _typed(item, kind[1:-1]) for key, item in value.items()}
    if kind == "bytearray":
        return Serializer.serialize_bytearray(value)
    if kind in ("bool", "int", "long", "float"):
        return value.value if isinstance(value, Enum) else value
    return _plain(value)


def to_json(model: Model) -> dict[str, Any]:
    """The REST (camelCase) JSON of a schema model, skipping unset attributes."""
    out: dict[str, Any] = {}
    for attr, spec in type(model)._attribute_map.items():
        value = getattr(model, attr, None)
        if value is None:
            continue
        key = spec["key"]
        if not key:
            out.update(_typed(value, spec["type"]))
        else:
            out[key] = _typed(value, spec["type"])
    return out
