"""A record is found by the old and the new name of its ward or commune (Area other names)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.models import Area, VoterMeetingRound
from portal.services.areas import add_other_name
from tests.search.test_dependencies import found, published_petition, settle


def test_a_petition_is_found_by_its_wards_old_name_once_the_office_records_it(indexed_app):
    area = db.session.scalar(select(Area).where(Area.name == "Đông Kinh"))
    round_ = db.session.scalar(select(VoterMeetingRound).where(VoterMeetingRound.status == "published"))
    petition = published_petition(round_, area=area)
    settle()
    key = f"petition:{petition.id}"
    assert key in found("Đông Kinh") and key not in found("Xuân Zqvxk")

    add_other_name(
        area, "Phường Xuân Zqvxk", date(2003, 1, 1), date(2025, 6, 30), None, "tên trước khi sắp xếp"
    )
    settle()  # the rename re-queued the petition, and `search check` finds nothing stale
    assert key in found("Xuân Zqvxk") and key in found("xuan zqvxk") and key in found("Đông Kinh")
