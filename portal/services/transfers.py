"""Transfer (chuyển giao) of an ended council's open petitions to the unit that now answers them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models import Document, Organization, Petition, PetitionStatusChange, User, VoterMeetingRound
from portal.services.publishing import PublishingError, audit_record, record_revision

# Statuses of a petition still waiting for its answer: what a council that ended leaves open.
OPEN_STATUSES = ("in_progress", "scheduled", "unresolved")


def open_petitions(council: Organization) -> list[Petition]:
    """The council's petitions still waiting for an answer and not yet transferred (withdrawn ones
    excepted), oldest first."""
    transferred = select(PetitionStatusChange.id).where(
        PetitionStatusChange.petition_id == Petition.id, PetitionStatusChange.kind == "transfer"
    )
    return db.session.scalars(
        select(Petition)
        .join(VoterMeetingRound, VoterMeetingRound.id == Petition.round_id)
        .where(
            VoterMeetingRound.council_id == council.id,
            Petition.petition_status.in_(OPEN_STATUSES),
            Petition.withdrawn_at.is_(None),  # a withdrawn petition stays where it was
            ~transferred.exists(),
        )
        .options(selectinload(Petition.responsible_agency))
        .order_by(Petition.id)
    ).all()


def _check(council: Organization, to_agency: Organization | None, on: date | None) -> None:
    if council.kind != "council" or council.dissolved_on is None:
        raise PublishingError(
            "HĐND này chưa kết thúc hoạt động: chỉ chuyển giao kiến nghị của HĐND đã kết thúc "
            "(có ngày chấm dứt hoạt động)."
        )
    if to_agency is None:
        raise PublishingError("Chọn cơ quan, đơn vị nhận chuyển giao.")
    if to_agency.dissolved_on is not None:
        raise PublishingError(
            "Cơ quan nhận chuyển giao cũng đã chấm dứt hoạt động; hãy chọn cơ quan kế thừa."
        )
    if on is None:
        raise PublishingError("Cần ghi ngày chuyển giao.")
    if on < council.dissolved_on:
        raise PublishingError("Ngày chuyển giao không được trước ngày HĐND kết thúc hoạt động.")


def transfer_open_petitions(
    council: Organization,
    to_agency: Organization | None,
    on: date | None,
    actor: User | None,
    note: str | None = None,
    document: Document | None = None,
    commit: bool = True,
    ip: str | None = None,
) -> int:
    """Move every open petition of an ended council to `to_agency`: each gets a dated transfer entry on
    its timeline (the former body kept there), a revision and an audit event; one transaction."""
    _check(council, to_agency, on)
    petitions = open_petitions(council)
    if not petitions:
        raise PublishingError("HĐND này không còn kiến nghị nào đang chờ giải quyết để chuyển giao.")
    for petition in petitions:
        former = petition.responsible_agency
        db.session.add(
            PetitionStatusChange(
                petition=petition,
                on=on,
                status=petition.petition_status,
                kind="transfer",
                from_agency=former,
                to_agency=to_agency,
                note=note or None,
                document=document,
            )
        )
        petition.responsible_agency = to_agency
        record_revision(
            petition, actor, f"Chuyển giao sang {to_agency.name}" + (f" — {note}" if note else "")
        )
        detail = {"on": on.isoformat(), "from": former.name if former else None, "to": to_agency.name}
        audit_record("petition_transfer", actor, petition, detail, ip=ip)
    if commit:
        db.session.commit()
    return len(petitions)
