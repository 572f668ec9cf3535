"""Search documents that embed another record's name or slug, re-queued when that record changes.

A round's document holds its session's name, a petition its agency's name and its session's slug, a
person their organisations' names... Renaming the session must re-index those documents too, or the
index keeps the old name (``flask search check`` reports them stale).
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session as OrmSession

from portal import models as m
from portal.models.petition import round_in_person_areas
from portal.models.supervision import supervision_targets

# Changed record type -> (the attributes others embed, [(dependent type, query of dependent ids)]).
DEPENDENTS = {
    m.Session: (
        ("name", "slug"),
        [
            (
                m.VoterMeetingRound,
                lambda i: select(m.VoterMeetingRound.id).where(m.VoterMeetingRound.session_id == i),
            ),
            (m.Resolution, lambda i: select(m.Resolution.id).where(m.Resolution.session_id == i)),
            (
                m.Petition,
                lambda i: select(m.Petition.id)
                .join(m.VoterMeetingRound, m.Petition.round_id == m.VoterMeetingRound.id)
                .where(m.VoterMeetingRound.session_id == i),
            ),
        ],
    ),
    m.VoterMeetingRound: (
        ("session_id", "session"),
        [
            (m.Petition, lambda i: select(m.Petition.id).where(m.Petition.round_id == i)),
        ],
    ),
    m.Organization: (
        ("name", "slug", "area_id", "area"),
        [
            (m.Petition, lambda i: select(m.Petition.id).where(m.Petition.responsible_agency_id == i)),
            (m.Resolution, lambda i: select(m.Resolution.id).where(m.Resolution.council_id == i)),
            (m.Session, lambda i: select(m.Session.id).where(m.Session.council_id == i)),
            (
                m.VoterMeetingRound,
                lambda i: select(m.VoterMeetingRound.id).where(m.VoterMeetingRound.council_id == i),
            ),
            (m.Document, lambda i: select(m.Document.id).where(m.Document.issuer_id == i)),
            (m.Supervision, lambda i: select(m.Supervision.id).where(m.Supervision.body_id == i)),
            (
                m.Supervision,
                lambda i: select(supervision_targets.c.supervision_id).where(
                    supervision_targets.c.organization_id == i
                ),
            ),
            (m.Person, lambda i: select(m.Membership.person_id).where(m.Membership.organization_id == i)),
            (m.Commitment, lambda i: select(m.Commitment.id).where(m.Commitment.council_id == i)),
            (m.ReceptionStats, lambda i: select(m.ReceptionStats.id).where(m.ReceptionStats.body_id == i)),
            (m.LetterStats, lambda i: select(m.LetterStats.id).where(m.LetterStats.body_id == i)),
        ],
    ),
    m.Area: (
        ("name", "slug", "kind", "other_names"),
        [
            (m.Petition, lambda i: select(m.Petition.id).where(m.Petition.area_id == i)),
            (
                m.VoterMeetingRound,
                lambda i: select(round_in_person_areas.c.round_id).where(
                    round_in_person_areas.c.area_id == i
                ),
            ),
            (m.Organization, lambda i: select(m.Organization.id).where(m.Organization.area_id == i)),
            (
                m.Supervision,
                lambda i: select(supervision_targets.c.supervision_id)
                .join(m.Organization, m.Organization.id == supervision_targets.c.organization_id)
                .where(m.Organization.area_id == i),
            ),
        ],
    ),
}


def _council_records(session: OrmSession, council: m.Organization) -> Iterator[tuple[str, int]]:
    """Every indexed record of a council whose slug changed: each document holds it as its council facet."""
    from portal.records import searchable

    with session.no_autoflush:
        for model in {declared.model for declared in searchable()}:
            for record_id in session.scalars(select(model.id).where(model.council_id == council.id)):
                yield model.public_type, record_id


def dependents(session: OrmSession) -> Iterator[tuple[str, int]]:
    """Yield (record type, id) of every document embedding what this flush changes."""
    for obj in session.dirty:
        if (
            isinstance(obj, m.Organization)
            and obj.id is not None
            and obj.kind == "council"
            and inspect(obj).attrs["slug"].history.has_changes()
        ):
            yield from _council_records(session, obj)
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
