"""Capture changed searchable records as outbox rows in the same transaction as the change.

After the transaction commits, the process's indexer is woken to drain the rows (see
:mod:`portal.search.indexer`); nothing is loaded inside ``after_commit``.
"""

from __future__ import annotations

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession

from portal.models import (
    Attachment,
    CommitmentUpdate,
    Membership,
    PetitionStatusChange,
    Recommendation,
    SearchOutbox,
)
from portal.models.base import PublicRecord
from portal.search import dependencies, indexer

_registered = False

# Child rows whose text is indexed with a parent record: child class -> parent attribute.
PARENTS = {
    Attachment: "document",
    Recommendation: "supervision",
    PetitionStatusChange: "petition",
    CommitmentUpdate: "commitment",
    Membership: "person",
}


def _changed(session: OrmSession):
    """Yield (public record, op) for every changed record and the parents of changed children."""
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if isinstance(obj, PublicRecord) and obj.public_type:
            yield obj, "delete" if obj in session.deleted else "upsert"
        elif type(obj) in PARENTS:
            with session.no_autoflush:
                parent = getattr(obj, PARENTS[type(obj)], None)
            if isinstance(parent, PublicRecord):
                yield parent, "upsert"


def _capture(session: OrmSession, flush_context, instances) -> None:
    pending = {}
    for obj, op in _changed(session):
        pending[(obj.public_type, id(obj))] = (obj, op)
    session.info.setdefault("outbox_objects", []).extend(pending.values())
    session.info.setdefault("outbox_keys", set()).update(dependencies.dependents(session))


def _write_rows(session: OrmSession, flush_context) -> None:
    captured = session.info.pop("outbox_objects", [])
    written = set()
    for obj, op in captured:
        if obj.id is not None:
            session.add(SearchOutbox(record_type=obj.public_type, record_id=obj.id, op=op))
            written.add((obj.public_type, obj.id))
            session.info["outbox_written"] = True
    # Documents embedding a changed name: re-checked by the indexer (indexed if public, else removed).
    for record_type, record_id in session.info.pop("outbox_keys", set()) - written:
        session.add(SearchOutbox(record_type=record_type, record_id=record_id, op="upsert"))
        session.info["outbox_written"] = True


def _wake_indexer(session: OrmSession) -> None:
    if session.info.pop("outbox_written", False) and has_app_context():
        found = indexer.indexer_for(current_app)
        if found is not None:
            found.wake()


def _forget(session: OrmSession) -> None:
    session.info.pop("outbox_written", None)
    session.info.pop("outbox_keys", None)


def register(app: Flask) -> None:
    """Install the flush and commit listeners once per process, and the app's indexer."""
    global _registered
    indexer.register(app)
    if _registered:
        return
    event.listen(OrmSession, "before_flush", _capture)
    event.listen(OrmSession, "after_flush_postexec", _write_rows)
    event.listen(OrmSession, "after_commit", _wake_indexer)
    event.listen(OrmSession, "after_rollback", _forget)
    _registered = True
