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

from portal.models.base import PublicRecord
from portal.public_urls import record_path
from portal.services import councils, queries

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
    get: Callable[[Any], Any] | None = None  # by default the object's attribute of the field's name
    description: str = ""
    nullable: bool = True
    enum: tuple[str, ...] | None = None

    def value(self, obj: Any) -> Any:
        return to_json_value(self.kind, self.get(obj) if self.get else getattr(obj, self.name))

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


# Fields every serializer builds the same way (portal/api/serializers.py).


def shown(record):
    """The related record if the public may see it (published or withdrawn), else None."""
    return record if record is not None and (not _has_workflow(record) or queries.shown(record)) else None


def _has_workflow(row) -> bool:
    return isinstance(row, PublicRecord)  # rows without a status of their own are as public as their parent


def rel_id(attr: str):
    return lambda o: (r.id if (r := shown(getattr(o, attr))) else None)


def rel_url(attr: str):
    return lambda o: (record_path(r) if (r := shown(getattr(o, attr))) else None)


def rel_name(attr: str):
    return lambda o: (r.name if (r := shown(getattr(o, attr))) else None)


def public_rows(attr: str):
    return lambda o: [r for r in getattr(o, attr) if not _has_workflow(r) or queries.public(r)]


def head(description: str) -> tuple[Field, ...]:
    return (
        Field("id", "integer", lambda o: o.id, "Mã số ổn định của bản ghi.", nullable=False),
        Field("slug", "string", lambda o: o.slug, "Định danh dùng trong đường dẫn.", nullable=False),
        Field("url", "string", record_path, f"Đường dẫn trang công khai của {description}.", nullable=False),
        Field("council", "string", council_slug, "HĐND mà bản ghi thuộc về (mã trong /api/v1/councils)."),
    )


def council_slug(record) -> str | None:
    council = councils.by_id(getattr(record, "council_id", None))
    return council.slug if council is not None else None


TAIL = (
    Field("source_document_id", "integer", rel_id("source_document"), "Văn bản nguồn (mã số)."),
    Field("source_document_url", "string", rel_url("source_document"), "Trang của văn bản nguồn."),
    Field("source_section", "string", lambda o: o.source_section, "Mục, trang trong văn bản nguồn."),
    Field(
        "is_sample",
        "boolean",
        lambda o: o.is_sample,
        "Dữ liệu mẫu (không phải số liệu thật).",
        nullable=False,
    ),
    Field("published_at", "date-time", lambda o: o.published_at, "Thời điểm công bố (UTC)."),
    Field("updated_at", "date-time", lambda o: o.updated_at, "Lần thay đổi cuối (UTC).", nullable=False),
)


def org_fields(attr: str, description: str) -> tuple[Field, ...]:
    return (
        Field("organization_id", "integer", rel_id(attr), description),
        Field("organization_name", "string", rel_name(attr), f"Tên: {description.lower()}"),
    )


def counts(*names: str) -> tuple[Field, ...]:
    return tuple(Field(n, "integer", (lambda o, n=n: getattr(o, n))) for n in names)
