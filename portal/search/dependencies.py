"""Search documents that embed another record's name or slug, re-queued when that record changes.

A round's document holds its session's name, a petition its agency's name and its session's slug, a
person their organisations' names... Renaming the session must re-index those documents too, or the
index keeps the old name (``flask search check`` reports them stale).
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session as OrmSession

from portal.models import (
    Area,
    Commitment,
    Document,
    Membership,
    Organization,
    Person,
    Petition,
    Resolution,
    Session,
    Supervision,
    VoterMeetingRound,
)
from portal.models.petition import round_in_person_areas
from portal.models.supervision import supervision_targets

# Changed record type -> (the attributes others embed, [(dependent type, query of dependent ids)]).
DEPENDENTS = {
    Session: (
        ("name", "slug"),
        [
            (
                VoterMeetingRound,
                lambda i: select(VoterMeetingRound.id).where(VoterMeetingRound.session_id == i),
            ),
            (Resolution, lambda i: select(Resolution.id).where(Resolution.session_id == i)),
            (
                Petition,
                lambda i: select(Petition.id)
                .join(VoterMeetingRound, Petition.round_id == VoterMeetingRound.id)
                .where(VoterMeetingRound.session_id == i),
            ),
        ],
    ),
    VoterMeetingRound: (
        ("session_id", "session"),
        [
            (Petition, lambda i: select(Petition.id).where(Petition.round_id == i)),
        ],
    ),
    Organization: (
        ("name", "slug", "area_id", "area"),
        [
            (Petition, lambda i: select(Petition.id).where(Petition.responsible_agency_id == i)),
            (Resolution, lambda i: select(Resolution.id).where(Resolution.council_id == i)),
            (Session, lambda i: select(Session.id).where(Session.council_id == i)),
            (
                VoterMeetingRound,
                lambda i: select(VoterMeetingRound.id).where(VoterMeetingRound.council_id == i),
            ),
            (Document, lambda i: select(Document.id).where(Document.issuer_id == i)),
            (Supervision, lambda i: select(Supervision.id).where(Supervision.body_id == i)),
            (
                Supervision,
                lambda i: select(supervision_targets.c.supervision_id).where(
                    supervision_targets.c.organization_id == i
                ),
            ),
            (Person, lambda i: select(Membership.person_id).where(Membership.organization_id == i)),
            (Commitment, lambda i: select(Commitment.id).where(Commitment.council_id == i)),
        ],
    ),
    Area: (
        ("name", "slug", "kind", "other_names"),
        [
            (Petition, lambda i: select(Petition.id).where(Petition.area_id == i)),
            (
                VoterMeetingRound,
                lambda i: select(round_in_person_areas.c.round_id).where(
                    round_in_person_areas.c.area_id == i
                ),
            ),
            (Organization, lambda i: select(Organization.id).where(Organization.area_id == i)),
            (
                Supervision,
                lambda i: select(supervision_targets.c.supervision_id)
                .join(Organization, Organization.id == supervision_targets.c.organization_id)
                .where(Organization.area_id == i),
            ),
        ],
    ),
}


def dependents(session: OrmSession) -> Iterator[tuple[str, int]]:
    """Yield (record type, id) of every document embedding what this flush changes."""
    for obj in session.dirty:
        spec = DEPENDENTS.get(type(obj))
        if spec is None or obj.id is None:
            continue
        watched, queries = spec
        state = inspect(obj)
        if not any(state.attrs[name].history.has_changes() for name in watched):
            continue
        with session.no_autoflush:
            for model, query in queries:
                for record_id in session.scalars(query(obj.id)):
                    yield model.public_type, record_id
