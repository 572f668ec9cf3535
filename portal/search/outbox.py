"""Capture changed searchable records as outbox rows in the same transaction as the change."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession

from portal.models import SearchOutbox
from portal.models.base import PublicRecord

_registered = False


def _capture(session: OrmSession, flush_context, instances) -> None:
    pending = {}
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if isinstance(obj, PublicRecord) and obj.public_type:
            op = "delete" if obj in session.deleted else "upsert"
            pending[(obj.public_type, id(obj))] = (obj, op)
    session.info.setdefault("outbox_objects", []).extend(pending.values())


def _write_rows(session: OrmSession, flush_context) -> None:
    captured = session.info.pop("outbox_objects", [])
    for obj, op in captured:
        if obj.id is not None:
            session.add(SearchOutbox(record_type=obj.public_type, record_id=obj.id, op=op))


def register(app: Flask) -> None:
    """Install the flush listeners once per process (they are attached to every ORM session)."""
    global _registered
    if _registered:
        return
    event.listen(OrmSession, "before_flush", _capture)
    event.listen(OrmSession, "after_flush_postexec", _write_rows)
    _registered = True
