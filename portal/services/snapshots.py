"""Turn a record into a JSON-safe snapshot for revisions, and back.

A record's child rows (a supervision's recommendations and their follow-up updates) are part of its
snapshot, so a change to a row leaves a revision of the record and a restore brings the rows back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import inspect

from portal.extensions import db
from portal.models import Recommendation, RecommendationUpdate
from portal.models.base import utcnow

SKIPPED = {"created_at", "updated_at"}


@dataclass(frozen=True)
class ChildRows:
    """A collection of rows kept in the parent's snapshot under `attribute`, with rows nested in each row."""

    attribute: str
    model: type
    parent_key: str
    nested: tuple[ChildRows, ...] = ()


CHILD_ROWS: dict[str, tuple[ChildRows, ...]] = {
    "supervision": (
        ChildRows(
            "recommendations",
            Recommendation,
            "supervision_id",
            (ChildRows("updates", RecommendationUpdate, "recommendation_id"),),
        ),
    ),
}


def child_rows_of(public_type: str) -> tuple[ChildRows, ...]:
    return CHILD_ROWS.get(public_type, ())


def to_json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _columns(obj, skipped: set[str]) -> dict:
    return {
        col.key: to_json_value(getattr(obj, col.key))
        for col in inspect(obj).mapper.column_attrs
        if col.key not in skipped
    }


def _rows(parent, child: ChildRows) -> list[dict]:
    rows = sorted(getattr(parent, child.attribute), key=lambda row: row.id)
    return [
        {**_columns(row, SKIPPED | {child.parent_key}), **{n.attribute: _rows(row, n) for n in child.nested}}
        for row in rows
    ]


def snapshot(record) -> dict:
    """Return the record's column values, and its child rows, as a JSON-safe dict."""
    values = _columns(record, SKIPPED)
    for child in child_rows_of(getattr(record, "public_type", "")):
        values[child.attribute] = _rows(record, child)
    return values


# The workflow state and identity of a record are not content: restoring an old version brings back
# its text and figures, never its status or URL.
NOT_RESTORED = {
    "id",
    "slug",
    "status",
    "published_at",
    "withdrawn_at",
    "withdrawn_reason",
    "source_key",
    "is_sample",
    *SKIPPED,
}
# A row's withdrawal is part of its parent's content (the public saw it), so a restore brings it back.
ROW_NOT_RESTORED = {"id", "source_key", *SKIPPED}


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


def _apply(obj, values: dict, not_restored: set[str]) -> list[str]:
    changed = []
    for col in inspect(obj).mapper.column_attrs:
        if col.key in not_restored or col.key not in values:
            continue
        value = from_json_value(col.columns[0], values[col.key])
        if getattr(obj, col.key) != value:
            setattr(obj, col.key, value)
            changed.append(col.key)
    return changed


def apply_snapshot(record, values: dict) -> list[str]:
    """Set the record's content columns from a snapshot; return the names that changed."""
    return _apply(record, values, NOT_RESTORED)


def restore_rows(record, values: dict, reason: str) -> list[str]:
    """Bring the record's child rows back to a snapshot; return the collections that changed.

    A row the snapshot lacks is deleted while the record is a draft, otherwise withdrawn with `reason`;
    a snapshot taken before rows were kept (no such key) leaves them as they are.
    """
    removable = record.is_draft
    return [
        child.attribute
        for child in child_rows_of(record.public_type)
        if child.attribute in values and _restore(record, child, values[child.attribute], reason, removable)
    ]


def _restore(parent, child: ChildRows, wanted: list[dict], reason: str, removable: bool) -> bool:
    collection = getattr(parent, child.attribute)
    current = {row.id: row for row in collection}
    changed = False
    for values in wanted:
        row = current.get(values["id"])
        if row is None:  # removed while the parent was a draft: brought back under its old id
            row = child.model(id=values["id"])
            collection.append(row)
            changed = True
        changed = bool(_apply(row, values, ROW_NOT_RESTORED | {child.parent_key})) or changed
        for nested in child.nested:
            changed = _restore(row, nested, values.get(nested.attribute, []), reason, removable) or changed
    kept = {values["id"] for values in wanted}
    for row_id, row in current.items():
        if row_id in kept:
            continue
        if removable:
            db.session.delete(row)  # before leaving the collection, which would otherwise null its key
            collection.remove(row)
        elif row.withdrawn_at is None:
            row.withdrawn_at, row.withdrawn_reason = utcnow(), reason
        else:
            continue
        changed = True
    return changed
