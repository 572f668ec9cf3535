"""Constraints live in the database: bad rows are refused even when no form checks them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.models import (
    BudgetFigure,
    Document,
    LetterStats,
    Organization,
    Resolution,
    Session,
    VoterMeetingRound,
)


def org(db, key="org-ubnd-tp"):
    return db.session.scalar(select(Organization).where(Organization.source_key == key))


def refused(db, record):
    db.session.add(record)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_negative_voter_count_is_refused(db):
    rnd = db.session.scalar(select(VoterMeetingRound))
    rnd.voters_attending = -1
    refused(db, rnd)


def test_speakers_cannot_exceed_attendance(db):
    rnd = db.session.scalar(select(VoterMeetingRound).where(VoterMeetingRound.source_key == "txct-sau-11"))
    rnd.voters_speaking = 767
    refused(db, rnd)


def test_duplicate_document_number_for_one_issuer_is_refused(db):
    refused(
        db,
        Document(
            slug="dup-113", kind="response_report", title="Trùng số", number="113/BC-UBND", issuer=org(db)
        ),
    )


def test_same_number_from_another_issuer_is_allowed(db):
    db.session.add(
        Document(
            slug="other-113",
            kind="report",
            title="Số trùng, cơ quan khác",
            number="113/BC-UBND",
            issuer=org(db, "org-tt-hdnd"),
        )
    )
    db.session.commit()


def test_duplicate_resolution_number_in_one_council_is_refused(db):
    council = org(db, "org-hdnd-tp")
    db.session.add(Resolution(slug="nq-a", council=council, number="12/NQ-HĐND", title="A"))
    db.session.commit()
    refused(db, Resolution(slug="nq-b", council=council, number="12/NQ-HĐND", title="B"))


def test_unknown_status_is_refused(db):
    doc = db.session.scalar(select(Document))
    doc.status = "deleted"
    refused(db, doc)


def test_unknown_session_kind_is_refused(db):
    session = db.session.scalar(select(Session))
    session.kind = "secret"
    refused(db, session)


def test_percentage_out_of_range_is_refused(db):
    figure = db.session.scalar(select(BudgetFigure))
    figure.pct_of_province_estimate = Decimal("-5")
    refused(db, figure)


def test_resolved_letters_cannot_exceed_received(db):
    letters = db.session.scalar(select(LetterStats).where(LetterStats.source_key == "don-ubnd-tp-2020"))
    letters.resolved = 565
    refused(db, letters)


def test_session_cannot_end_before_it_starts(db):
    session = db.session.scalar(select(Session).where(Session.number == 13))
    session.end_date = session.start_date.replace(day=1)
    refused(db, session)


def test_slug_is_unique(db):
    existing = db.session.scalar(select(Document))
    refused(db, Document(slug=existing.slug, kind="other", title="Trùng đường dẫn"))


def test_foreign_keys_are_enforced(db):
    refused(db, Resolution(slug="orphan", council_id=99999, title="Không có HĐND"))
