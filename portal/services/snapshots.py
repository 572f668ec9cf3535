"""Turn a record into a JSON-safe snapshot for revisions, and back."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import inspect

SKIPPED = {"created_at", "updated_at"}


def to_json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(record) -> dict:
    """Return the record's column values as a JSON-safe dict."""
    mapper = inspect(record).mapper
    return {
        col.key: to_json_value(getattr(record, col.key))
        for col in mapper.column_attrs
        if col.key not in SKIPPED
    }


# The workflow state and identity of a record are not content: restoring an old version brings back
# its text and figures, never its status or URL.
NOT_RESTORED = {"id", "slug", "status", "published_at", "withdrawn_at", "withdrawn_reason", "source_key",
                "is_sample", *SKIPPED}


def from_json_value(column, value):
    if value is None:
        return None
    python_type = column.type.python_type
    if python_type is datetime:
        return datetime.fromisoformat(value)
    if python_type is date:
        return date.fromisoformat(value)
    if python_type is Decimal:
        return Decimal(value)
    return value


def apply_snapshot(record, values: dict) -> list[str]:
    """Set the record's content columns from a snapshot; return the names that changed."""
    mapper = inspect(record).mapper
    changed = []
    for col in mapper.column_attrs:
        if col.key in NOT_RESTORED or col.key not in values:
            continue
        value = from_json_value(col.columns[0], values[col.key])
        if getattr(record, col.key) != value:
            setattr(record, col.key, value)
            changed.append(col.key)
    return changed
