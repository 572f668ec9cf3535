"""Declarative flat serializers: one list of typed fields gives the JSON item, the CSV row and the schema.

A `Serializer` is a tuple of `Field`s (flat values, the same for JSON and CSV) plus optional
`Nested` lists shown only on the detail endpoint. The OpenAPI document is generated from the
same declarations, so the published schema cannot drift from what the API answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

# Field types and their JSON Schema (OpenAPI 3.1) form.
TYPES = {
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "string": {"type": "string"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "date-time": {"type": "string", "format": "date-time"},
}


def to_json_value(kind: str, value: Any) -> Any:
    """Convert a model value to its JSON form: ISO 8601 dates, numbers as numbers."""
    if value is None:
        return None
    if kind == "date-time" and isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat() + "Z"
    if kind == "date" and isinstance(value, date):
        return value.isoformat()
    if kind == "number":
        value = Decimal(str(value))
        return int(value) if value == value.to_integral_value() else float(value)
    if kind == "integer":
        return int(value)
    if kind == "boolean":
        return bool(value)
    return str(value)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    get: Callable[[Any], Any]
    description: str = ""
    nullable: bool = True
    enum: tuple[str, ...] | None = None

    def value(self, obj: Any) -> Any:
        return to_json_value(self.kind, self.get(obj))

    def schema(self) -> dict:
        schema = dict(TYPES[self.kind])
        if self.enum:
            schema["enum"] = list(self.enum) + ([None] if self.nullable else [])
        if self.nullable:
            schema["type"] = [schema["type"], "null"]
        if self.description:
            schema["description"] = self.description
        return schema


@dataclass(frozen=True)
class Nested:
    """A list of related rows shown on the detail endpoint only (CSV stays flat)."""

    name: str
    get: Callable[[Any], Iterable]
    fields: tuple[Field, ...]
    description: str = ""

    def value(self, obj: Any) -> list[dict]:
        return [{f.name: f.value(row) for f in self.fields} for row in self.get(obj)]

    def schema(self) -> dict:
        return {
            "type": "array",
            "description": self.description,
            "items": object_schema(self.fields),
        }


def object_schema(fields: Iterable[Field | Nested]) -> dict:
    fields = list(fields)
    return {
        "type": "object",
        "properties": {f.name: f.schema() for f in fields},
        "required": [f.name for f in fields],
        "additionalProperties": False,
    }


@dataclass(frozen=True)
class Serializer:
    fields: tuple[Field, ...]
    nested: tuple[Nested, ...] = field(default_factory=tuple)

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def row(self, obj: Any) -> dict:
        """The flat item: the same keys in a JSON list item and a CSV row."""
        return {f.name: f.value(obj) for f in self.fields}

    def detail(self, obj: Any) -> dict:
        item = self.row(obj)
        item.update({n.name: n.value(obj) for n in self.nested})
        return item

    def item_schema(self) -> dict:
        return object_schema(self.fields)

    def detail_schema(self) -> dict:
        return object_schema((*self.fields, *self.nested))
