"""Typed SQLAlchemy models, one module per aggregate; importing this registers them all."""

from portal.models.account import (
    AuditEvent,
    IdempotencyKey,
    ImportRun,
    RateLimitCounter,
    Revision,
    SearchOutbox,
    User,
    UserCouncil,
)
from portal.models.base import Base
from portal.models.budget import BudgetFigure
from portal.models.document import Attachment, Document
from portal.models.organization import (
    Area,
    AreaOtherName,
    Membership,
    Organization,
    Person,
    Term,
    organization_successors,
)
from portal.models.petition import Petition, PetitionOutcome, PetitionStatusChange, VoterMeetingRound
from portal.models.programme import Commitment, CommitmentUpdate
from portal.models.reception import LetterStats, ReceptionDay, ReceptionStats
from portal.models.resolution import Resolution, ResolutionLink
from portal.models.session import ActivityCount, Questioning, Session
from portal.models.site import DataVersion
from portal.models.supervision import Recommendation, RecommendationUpdate, Supervision

__all__ = [
    "ActivityCount",
    "Area",
    "AreaOtherName",
    "Attachment",
    "AuditEvent",
    "Base",
    "BudgetFigure",
    "Commitment",
    "CommitmentUpdate",
    "DataVersion",
    "Document",
    "IdempotencyKey",
    "ImportRun",
    "LetterStats",
    "Membership",
    "Organization",
    "Person",
    "Petition",
    "PetitionOutcome",
    "PetitionStatusChange",
    "Questioning",
    "RateLimitCounter",
    "ReceptionDay",
    "ReceptionStats",
    "Recommendation",
    "RecommendationUpdate",
    "Resolution",
    "ResolutionLink",
    "Revision",
    "SearchOutbox",
    "Session",
    "Supervision",
    "Term",
    "User",
    "UserCouncil",
    "VoterMeetingRound",
    "organization_successors",
]
