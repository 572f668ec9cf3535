"""What a list row of each public type reads from its relations, loaded with the rows.

A list page, an API list (JSON and CSV) and a feed show many records at once; each related
record they read would otherwise be one lazy load per row (N+1). Many-to-one relations are
joined into the row query (never an extra statement, whatever the data); collections come in
one batched `SELECT ... WHERE parent_id IN (...)` per relation and page. The statement count of
a page is then the same at 100 records and at 100,000 (tests/public/test_query_budget.py).
"""

from __future__ import annotations

from sqlalchemy.orm import joinedload, selectinload

from portal.models import (
    Commitment,
    CommitmentUpdate,
    Document,
    Membership,
    Organization,
    Person,
    Petition,
    PetitionStatusChange,
    Recommendation,
    Resolution,
    Session,
    Supervision,
    VoterMeetingRound,
)


def _source(model: type) -> tuple:
    return (joinedload(model.source_document),)


ROW_OPTIONS = {
    Session: lambda: (*_source(Session), joinedload(Session.council), joinedload(Session.term)),
    Resolution: lambda: (
        *_source(Resolution),
        joinedload(Resolution.session),
        joinedload(Resolution.council),
    ),
    Supervision: lambda: (
        *_source(Supervision),
        joinedload(Supervision.body),
        joinedload(Supervision.conclusion_document),
        selectinload(Supervision.targets),
        selectinload(Supervision.recommendations).joinedload(Recommendation.addressee),
    ),
    Petition: lambda: (
        *_source(Petition),
        joinedload(Petition.round),
        joinedload(Petition.area),
        joinedload(Petition.responsible_agency),
        joinedload(Petition.response_document),
        joinedload(Petition.re_raised_from),
        selectinload(Petition.status_history).joinedload(PetitionStatusChange.document),
    ),
    VoterMeetingRound: lambda: (
        *_source(VoterMeetingRound),
        joinedload(VoterMeetingRound.session),
        joinedload(VoterMeetingRound.council),
        joinedload(VoterMeetingRound.response_document),
    ),
    Document: lambda: (*_source(Document), joinedload(Document.issuer), selectinload(Document.attachments)),
    Organization: lambda: (
        *_source(Organization),
        joinedload(Organization.parent),
        selectinload(Organization.successors),
        selectinload(Organization.predecessors),
        joinedload(Organization.area),
        selectinload(Organization.memberships).joinedload(Membership.person),
    ),
    Person: lambda: (
        *_source(Person),
        selectinload(Person.memberships).options(
            joinedload(Membership.organization),
            joinedload(Membership.start_session),
            joinedload(Membership.end_session),
        ),
    ),
    Commitment: lambda: (
        *_source(Commitment),
        joinedload(Commitment.council),
        selectinload(Commitment.updates).joinedload(CommitmentUpdate.document),
    ),
}


def row_options(model: type) -> tuple:
    """Loader options for the relations a list row of this type reads (none for flat types)."""
    make = ROW_OPTIONS.get(model)
    if make is not None:
        return make()
    return (joinedload(model.source_document),) if hasattr(model, "source_document") else ()
