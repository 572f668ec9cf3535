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
