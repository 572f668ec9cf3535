"""Every figure of the starter data against the 2020 report, one assertion per figure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from portal.models import (
    ActivityCount,
    BudgetFigure,
    Commitment,
    Document,
    LetterStats,
    Membership,
    PetitionOutcome,
    Questioning,
    ReceptionDay,
    ReceptionStats,
    Resolution,
    Session,
    Supervision,
    VoterMeetingRound,
)


def by_key(db, model, key):
    record = db.session.scalar(select(model).where(model.source_key == key))
    assert record is not None, f"missing {model.__name__} {key}"
    return record


FIGURES = [
    # Sessions (Phần I, I.1)
    (Session, "session-11", "start_date", date(2019, 12, 17)),
    (Session, "session-11", "end_date", date(2019, 12, 18)),
    (Session, "session-11", "duration_days", Decimal("2")),
    (Session, "session-11", "questions_count", 2),
    (Session, "session-11", "questioned_members_count", 2),
    (Session, "session-11", "items_clarified_in_hall", 12),
    (Session, "session-11", "resolutions_count", 7),
    (Session, "session-12", "kind", "extraordinary"),
    (Session, "session-12", "format", "online"),
    (Session, "session-12", "start_date", date(2020, 5, 6)),
    (Session, "session-12", "duration_days", Decimal("0.5")),
    (Session, "session-12", "resolutions_count", 4),
    (Session, "session-13", "start_date", date(2020, 7, 28)),
    (Session, "session-13", "end_date", date(2020, 7, 29)),
    (Session, "session-13", "delegates_spoke", 19),
    (Session, "session-13", "items_raised", 48),
    (Session, "session-13", "items_clarified_in_groups", 34),
    (Session, "session-13", "items_clarified_in_hall", 14),
    (Session, "session-13", "resolutions_count", 16),
    (Session, "session-14", "start_date", None),
    # Activity counted without items
    (ActivityCount, "ac-tt-hop-2020", "count", 16),
    (ActivityCount, "ac-chat-van-2020", "count", 5),
    (ActivityCount, "ac-chat-van-2020", "agencies_count", 4),
    (ActivityCount, "ac-giai-trinh-2020", "count", 70),
    (ActivityCount, "ac-tt-giam-sat-2020", "count", 4),
    (ActivityCount, "ac-tt-giam-sat-2020", "agencies_count", 4),
    (ActivityCount, "ac-ban-giam-sat-2020", "count", 8),
    (ActivityCount, "ac-ban-giam-sat-2020", "agencies_count", 11),
    (ActivityCount, "ac-kiem-tra-2020", "count", 5),
    (ActivityCount, "ac-kiem-tra-2020", "agencies_count", 15),
    (ActivityCount, "ac-phuong-xa-giam-sat-2020", "count", 64),
    (ActivityCount, "ac-phuong-xa-giam-sat-2020", "planned", 68),
    # Voter meeting rounds (Phần I, I.4.1)
    (VoterMeetingRound, "txct-sau-11", "voters_attending", 766),
    (VoterMeetingRound, "txct-truoc-13", "voters_attending", 877),
    (VoterMeetingRound, "txct-sau-13", "voters_attending", 356),
    (VoterMeetingRound, "txct-truoc-14", "voters_attending", 855),
    (VoterMeetingRound, "txct-sau-11", "voters_speaking", 43),
    (VoterMeetingRound, "txct-truoc-13", "voters_speaking", 73),
    (VoterMeetingRound, "txct-sau-13", "voters_speaking", 26),
    (VoterMeetingRound, "txct-truoc-14", "voters_speaking", 55),
    (VoterMeetingRound, "txct-sau-11", "items_raised", 73),
    (VoterMeetingRound, "txct-truoc-13", "items_raised", 154),
    (VoterMeetingRound, "txct-sau-13", "items_raised", 59),
    (VoterMeetingRound, "txct-truoc-14", "items_raised", 79),
    (VoterMeetingRound, "txct-sau-11", "items_aggregated", 5),
    (VoterMeetingRound, "txct-truoc-13", "items_aggregated", 32),
    (VoterMeetingRound, "txct-sau-13", "items_aggregated", 20),
    (VoterMeetingRound, "txct-truoc-14", "items_aggregated", 25),
    (VoterMeetingRound, "txct-sau-11", "to_province", 1),
    (VoterMeetingRound, "txct-sau-11", "to_city", 4),
    (VoterMeetingRound, "txct-truoc-13", "to_province", 6),
    (VoterMeetingRound, "txct-truoc-13", "to_city", 26),
    (VoterMeetingRound, "txct-sau-13", "to_province", 1),
    (VoterMeetingRound, "txct-sau-13", "to_city", 19),
    (VoterMeetingRound, "txct-sau-13", "points_total", 8),
    (VoterMeetingRound, "txct-sau-13", "points_held_in_person", 4),
    (VoterMeetingRound, "txct-truoc-14", "items_answered_on_site", 54),
    (VoterMeetingRound, "txct-sau-11", "start_date", date(2019, 12, 30)),
    (VoterMeetingRound, "txct-sau-11", "end_date", date(2020, 1, 8)),
    (VoterMeetingRound, "txct-truoc-13", "start_date", date(2020, 6, 2)),
    (VoterMeetingRound, "txct-truoc-13", "end_date", date(2020, 6, 12)),
    (VoterMeetingRound, "txct-truoc-14", "start_date", date(2020, 11, 6)),
    (VoterMeetingRound, "txct-truoc-14", "end_date", date(2020, 11, 17)),
    # Petition outcomes after session 13 (1020/BC-UBND)
    (PetitionOutcome, "kq-1020-bc-ubnd", "resolved", 26),
    (PetitionOutcome, "kq-1020-bc-ubnd", "in_progress", 17),
    (PetitionOutcome, "kq-1020-bc-ubnd", "scheduled", 2),
    (PetitionOutcome, "kq-1020-bc-ubnd", "reported_on", date(2020, 11, 27)),
    # Reception (Phần I, I.4.2; II.1)
    (ReceptionStats, "tcd-chu-tich-2020", "sessions_held", 4),
    (ReceptionStats, "tcd-chu-tich-2020", "sessions_planned", 4),
    (ReceptionStats, "tcd-chu-tich-2020", "citizens", 28),
    (ReceptionStats, "tcd-dinh-ky-ubnd-2020", "citizens", 209),
    (ReceptionStats, "tcd-dinh-ky-ubnd-2020", "items", 257),
    (ReceptionStats, "tcd-dinh-ky-ubnd-2020", "answered_directly", 110),
    (ReceptionStats, "tcd-dinh-ky-ubnd-2020", "forwarded", 147),
    (ReceptionStats, "tcd-phuong-xa-2020", "citizens", 296),
    # Letters (Phần I, I.4.3; II.1)
    (LetterStats, "don-tt-hdnd-2020", "received", 11),
    (LetterStats, "don-ubnd-tp-2020", "received", 564),
    (LetterStats, "don-ubnd-tp-2020", "complaints", 49),
    (LetterStats, "don-ubnd-tp-2020", "denunciations", 5),
    (LetterStats, "don-ubnd-tp-2020", "requests", 510),
    (LetterStats, "don-ubnd-tp-2020", "previous_year_received", 543),
    (LetterStats, "don-ubnd-tp-2020", "resolved", 550),
    (LetterStats, "don-ubnd-tp-2020", "resolved_complaints", 47),
    (LetterStats, "don-ubnd-tp-2020", "resolved_denunciations", 5),
    (LetterStats, "don-ubnd-tp-2020", "resolved_requests", 498),
    (LetterStats, "don-ubnd-tp-2020", "reported_rate_pct", Decimal("97.5")),
    (LetterStats, "don-ubnd-tp-2020", "previous_year_rate_pct", Decimal("98.5")),
    (LetterStats, "don-ubnd-tp-2020", "above_plan_pct_points", Decimal("1.5")),
    (LetterStats, "don-hdnd-phuong-xa-2020", "received", 26),
    (LetterStats, "don-ubnd-phuong-xa-2020", "received", 171),
    (LetterStats, "don-ubnd-phuong-xa-2020", "resolved", 167),
    (LetterStats, "don-ubnd-phuong-xa-2020", "in_progress", 4),
    # Budget (Phần I, I.3.2)
    (BudgetFigure, "ns-thu-11t-2020", "amount_million_vnd", Decimal("390463")),
    (BudgetFigure, "ns-thu-11t-2020", "pct_of_province_estimate", Decimal("93.2")),
    (BudgetFigure, "ns-thu-11t-2020", "pct_of_council_estimate", Decimal("88.7")),
    (BudgetFigure, "ns-thu-11t-2020", "pct_of_same_period_last_year", Decimal("87.9")),
    (BudgetFigure, "ns-thu-noi-dia-11t-2020", "amount_million_vnd", Decimal("228974")),
    (BudgetFigure, "ns-thu-noi-dia-11t-2020", "pct_of_province_estimate", Decimal("76.1")),
    (BudgetFigure, "ns-thu-noi-dia-11t-2020", "pct_of_council_estimate", Decimal("75.3")),
    (BudgetFigure, "ns-thu-uoc-2020", "amount_million_vnd", Decimal("440000")),
    (BudgetFigure, "ns-thu-uoc-2020", "pct_of_province_estimate", Decimal("105")),
    (BudgetFigure, "ns-thu-uoc-2020", "pct_of_council_estimate", Decimal("100")),
    (BudgetFigure, "ns-chi-11t-2020", "amount_million_vnd", Decimal("472408")),
    (BudgetFigure, "ns-chi-11t-2020", "pct_of_province_estimate", Decimal("85.6")),
    (BudgetFigure, "ns-chi-11t-2020", "pct_of_council_estimate", Decimal("84.7")),
    (BudgetFigure, "ns-chi-11t-2020", "pct_of_same_period_last_year", Decimal("80.5")),
    (BudgetFigure, "ns-chi-11t-2020", "council_estimate_wording", "dự toán thành phố giao đầu năm"),
    (BudgetFigure, "ns-chi-uoc-2020", "amount_million_vnd", Decimal("656800")),
    (BudgetFigure, "ns-chi-uoc-2020", "pct_of_province_estimate", Decimal("119.1")),
    (BudgetFigure, "ns-chi-uoc-2020", "pct_of_council_estimate", Decimal("96.7")),
    (BudgetFigure, "ns-chi-uoc-2020", "pct_of_same_period_last_year", Decimal("97.6")),
    # Documents cited by number
    (Document, "doc-1107-tb-hdnd", "number", "1107/TB-HĐND"),
    (Document, "doc-1107-tb-hdnd", "issued_on", date(2020, 11, 2)),
    (Document, "doc-113-bc-ubnd", "number", "113/BC-UBND"),
    (Document, "doc-113-bc-ubnd", "issued_on", date(2020, 2, 18)),
    (Document, "doc-1020-bc-ubnd", "number", "1020/BC-UBND"),
    (Document, "doc-1020-bc-ubnd", "issued_on", date(2020, 11, 27)),
    (Document, "doc-45-ct-tw", "number", "45-CT/TW"),
    (Document, "doc-45-ct-tw", "issued_on", date(2020, 6, 20)),
]


@pytest.mark.parametrize(
    ("model", "key", "field", "expected"), FIGURES, ids=[f"{k}.{f}" for _, k, f, _ in FIGURES]
)
def test_figure_matches_report(db, model, key, field, expected):
    assert getattr(by_key(db, model, key), field) == expected


def test_budget_implied_bases_follow_from_the_report(db):
    revenue = by_key(db, BudgetFigure, "ns-thu-11t-2020")
    revenue_year = by_key(db, BudgetFigure, "ns-thu-uoc-2020")
    spent = by_key(db, BudgetFigure, "ns-chi-11t-2020")
    spent_year = by_key(db, BudgetFigure, "ns-chi-uoc-2020")
    assert revenue.implied_base("province_estimate") == Decimal("418952")
    assert revenue_year.implied_base("province_estimate") == Decimal("419048")
    assert spent.implied_base("council_estimate") == Decimal("557743")
    assert spent_year.implied_base("council_estimate") == Decimal("679214")


def test_letters_rate_recomputes_to_the_reported_rate(db):
    letters = by_key(db, LetterStats, "don-ubnd-tp-2020")
    assert letters.computed_rate_pct == Decimal("97.5")
    assert letters.complaints + letters.denunciations + letters.requests == letters.received


def test_outcome_counts_cover_the_city_petitions_of_both_session_13_rounds(db):
    outcome = by_key(db, PetitionOutcome, "kq-1020-bc-ubnd")
    assert outcome.total == 45
    assert sum(r.to_city for r in outcome.rounds) == 45
    assert outcome.source_document.number == "1020/BC-UBND"


def test_round_after_13_lists_its_four_in_person_points(db):
    names = {a.name for a in by_key(db, VoterMeetingRound, "txct-sau-13").in_person_areas}
    assert names == {"Hoàng Văn Thụ", "Tam Thanh", "Vĩnh Trại", "Mai Pha"}


def test_session_12_has_exactly_the_four_named_resolutions(db):
    session = by_key(db, Session, "session-12")
    titles = [r.title for r in session.resolutions]
    assert len(titles) == session.resolutions_count == 4
    assert any("quy hoạch xây dựng thành phố Lạng Sơn đến năm 2030" in t for t in titles)
    assert all(r.number is None for r in session.resolutions), "the report gives no numbers"


def test_unlisted_resolutions_stay_counts(db):
    assert db.session.scalar(select(Resolution).where(Resolution.session.has(number=11))) is None
    assert by_key(db, Session, "session-11").resolutions_count == 7


def test_committee_supervisions_are_the_eight_listed_over_eleven_agencies(db):
    committees = db.session.scalars(
        select(Supervision).where(
            Supervision.source_key.in_(
                [
                    "gs-pc-vstp",
                    "gs-pc-thads",
                    "gs-pc-cchc",
                    "gs-ktxh-tet",
                    "gs-ktxh-dich-ta-lon",
                    "gs-ktxh-ntm",
                    "gs-ktxh-trat-tu-do-thi",
                    "gs-ktxh-quang-cao",
                ]
            )
        )
    ).all()
    assert len(committees) == 8
    agencies = sum(len(s.targets) or s.targets_count for s in committees)
    assert agencies == by_key(db, ActivityCount, "ac-ban-giam-sat-2020").agencies_count == 11


def test_footnote_one_personnel_changes(db):
    ended = db.session.scalars(select(Membership).where(Membership.end_reason == "miễn nhiệm")).all()
    started = db.session.scalars(select(Membership).where(Membership.start_reason == "bầu bổ sung")).all()
    assert len(ended) == 9
    assert len(started) == 7
    assert {m.person.name for m in started} >= {"Nguyễn Văn Hạnh", "Hoàng Thị Huyền", "Nguyễn Lệ Thùy"}
    assert all(m.end_session.number == 13 for m in ended)


def test_questioning_at_session_11(db):
    topics = [q.topic for q in db.session.scalars(select(Questioning)).all()]
    assert len(topics) == 2
    assert "Công tác xây dựng nông thôn mới" in topics


def test_reception_days_of_the_chairman(db):
    days = sorted(d.on for d in db.session.scalars(select(ReceptionDay)).all())
    assert days == [date(2020, 3, 2), date(2020, 5, 4), date(2020, 8, 3), date(2020, 11, 2)]


def test_programme_2021_has_ten_commitments(db):
    commitments = db.session.scalars(select(Commitment).order_by(Commitment.number)).all()
    assert [c.number for c in commitments] == list(range(1, 11))
    assert "45-CT/TW" in commitments[0].text


def test_report_is_a_published_document_with_full_text(db):
    report = by_key(db, Document, "doc-bao-cao-2020")
    assert report.status == "published"
    assert "CHƯƠNG TRÌNH HOẠT ĐỘNG NĂM 2021" in report.body_text
    assert "Phạm Đức Huân" in report.body_text


def test_every_public_seed_record_is_published_with_a_source_section(db):
    from portal.records import PUBLIC_MODELS

    for model in PUBLIC_MODELS.values():
        for record in db.session.scalars(select(model)).all():
            assert record.status == "published"
            assert record.source_section, f"{model.__name__} {record.source_key} has no section"
