"""Which council a record belongs to, as the office sees it: the council's own `council_id`, or the
council reached through the record's round, its body or issuer (a committee or delegate group sits
under its council), its people's memberships, or (an area) the bodies of that ward or commune. A record that reaches no council (a document of the
executive, a party directive, a person with no membership) is shared: the province office keeps it."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, inspect, select
from sqlalchemy.orm.base import NO_VALUE

from portal.extensions import db
from portal.models import (
    ActivityCount,
    Area,
    Document,
    LetterStats,
    Membership,
    Organization,
    Person,
    Petition,
    PetitionOutcome,
    ReceptionStats,
    Supervision,
    VoterMeetingRound,
)
from portal.models.petition import outcome_rounds

# Records whose council is the council of an organisation they name.
THROUGH_BODY = {
    Supervision: "body_id",
    ReceptionStats: "body_id",
    LetterStats: "body_id",
    ActivityCount: "body_id",
    Document: "issuer_id",
}
MAX_DEPTH = 6  # councils > committees > ... : deeper chains are data errors, not councils


def organization_councils() -> dict[int, int | None]:
    """Every organisation's council (itself if it is one, else the nearest council above it)."""
    rows = db.session.execute(select(Organization.id, Organization.kind, Organization.parent_id)).all()
    kinds = {row.id: (row.kind, row.parent_id) for row in rows}
    found: dict[int, int | None] = {}
    for org_id in kinds:
        current, council = org_id, None
        for _ in range(MAX_DEPTH):
            if current is None or current not in kinds:
                break
            kind, parent = kinds[current]
            if kind == "council":
                council = current
                break
            current = parent
        found[org_id] = council
    return found


# What a record is attached to, in the order that decides its council: (relationship, its key column).
ATTACHED = (
    ("council", "council_id"),
    ("round", "round_id"),
    ("body", "body_id"),
    ("issuer", "issuer_id"),
    ("parent", "parent_id"),
    ("session", "session_id"),
)


def _attached_council(record) -> int | None:
    """The council of what a new record was attached to in memory (its round, body, issuer, parent or
    session), without loading anything: a new record's keys may not be set until the flush."""
    state = inspect(record)
    for name, key in ATTACHED:
        if name not in state.mapper.relationships:
            continue
        related = state.attrs[name].loaded_value
        if related is NO_VALUE or related is None or getattr(record, key, None) not in (None, related.id):
            continue
        if isinstance(related, Organization):
            found = related.id if related.kind == "council" else council_of(related)
        else:
            found = getattr(related, "council_id", None)
            found = found if found is not None else council_of(related)
        if found is not None:
            return found
    return None


def council_of(record) -> int | None:
    """The id of the council a record (saved or not) belongs to; None for a shared record.

    The one rule, for the office's permissions and for placing a new record in its council
    (services/councils.py): a new record belongs to the council of what it is attached to."""
    model = type(record)
    if model is Organization and record.kind == "council" and record.id is not None:
        return record.id
    if inspect(record).key is None:
        attached = _attached_council(record)
        if attached is not None:
            return attached
    if model is Organization:
        return organization_councils().get(record.parent_id) if record.parent_id else None
    if model is Petition:
        if record.council_id is not None:  # set from its round (an import reads the rounds at once)
            return record.council_id
        round_id = record.round_id or (record.round.id if record.round else None)
        if round_id is None:
            return None
        return db.session.scalar(select(VoterMeetingRound.council_id).where(VoterMeetingRound.id == round_id))
    if model in THROUGH_BODY:
        return organization_councils().get(getattr(record, THROUGH_BODY[model]))
    if model is Person:
        if record.id is None:
            return None
        orgs = db.session.scalars(select(Membership.organization_id).where(Membership.person_id == record.id))
        councils = organization_councils()
        return next((councils.get(o) for o in orgs if councils.get(o)), None)
    if model is PetitionOutcome:
        return next((r.council_id for r in record.rounds), None)
    if model is Area:
        orgs = db.session.scalars(select(Organization.id).where(Organization.area_id == record.id))
        councils = organization_councils()
        return next((councils[o] for o in orgs if councils.get(o)), None)
    return getattr(record, "council_id", None)


def in_councils(model, council_ids: list[int]) -> ColumnElement[bool]:
    """A WHERE clause keeping the rows of `model` that belong to one of these councils."""
    if not council_ids:
        return false()
    if hasattr(model, "council_id"):
        return model.council_id.in_(council_ids)
    if model is Petition:
        return model.round_id.in_(
            select(VoterMeetingRound.id).where(VoterMeetingRound.council_id.in_(council_ids))
        )
    if model is PetitionOutcome:
        return model.id.in_(
            select(outcome_rounds.c.outcome_id)
            .join(VoterMeetingRound, VoterMeetingRound.id == outcome_rounds.c.round_id)
            .where(VoterMeetingRound.council_id.in_(council_ids))
        )
    wanted = set(council_ids)
    orgs = [org for org, council in organization_councils().items() if council in wanted]
    if model is Organization:
        return model.id.in_(orgs)
    if model is Area:
        return model.id.in_(select(Organization.area_id).where(Organization.id.in_(orgs)))
    if model is Person:
        return model.id.in_(select(Membership.person_id).where(Membership.organization_id.in_(orgs)))
    return getattr(model, THROUGH_BODY[model]).in_(orgs)
