"""Two publishers acting on one record at the same moment: exactly one wins, with one revision and one
audit event (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from flask import current_app
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.models import AuditEvent, Organization, Resolution, Revision
from portal.services.publishing import publish, save
from tests.admin.races import at_once, publishers
from tests.admin.support import idempotency_from, login


@pytest.fixture
def clients(race_app):
    made = []
    for user in publishers(race_app):
        client = race_app.test_client()
        login(client, user.email, secret=user.totp_secret)
        made.append(client)
    return made


def draft_resolution(status: str = "draft") -> Resolution:
    # The council whose site the test config serves (the records must be public there).
    council = _db.session.scalar(
        select(Organization).where(Organization.slug == current_app.config["PORTAL_COUNCIL"])
    )
    resolution = Resolution(
        council=council,
        title="Nghị quyết thử về chiếu sáng đô thị",
        slug="nq-dong-thoi",
        status="draft",
        body_text="Điều 1. Bản đầu.",
    )
    save(resolution, None)
    if status == "published":
        publish(resolution, None)
    return resolution


def revisions_of(record_id: int) -> int:
    _db.session.expire_all()
    return _db.session.scalar(
        select(func.count())
        .select_from(Revision)
        .where(Revision.record_type == "resolution", Revision.record_id == record_id)
    )


def events(action: str) -> int:
    return _db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action))


def post_form(client, page_url: str, action_url: str, **fields):
    """Read the form's tokens first (as the browser has the page open), then post when called."""
    token = idempotency_from(client.get(page_url).get_data(as_text=True))

    def submit():
        response = client.post(action_url, data={"idempotency_token": token, **fields})
        with client.session_transaction() as session:
            flashes = [message for _category, message in session.get("_flashes", [])]
        return response, flashes

    return submit


def test_two_publishers_publishing_one_draft_at_once(race_app, clients):
    record_id = draft_resolution().id
    before = revisions_of(record_id)
    page, action = f"/admin/resolutions/{record_id}", f"/admin/resolutions/{record_id}/publish"
    results = at_once(*(post_form(client, page, action) for client in clients))
    assert all(not isinstance(r, Exception) for r in results), results
    assert [response.status_code for response, _ in results] == [302, 302]
    flashes = sorted(flash for _, messages in results for flash in messages)
    assert flashes == ["Bản ghi đã được công bố.", "Đã công bố. Bản ghi hiển thị trên cổng thông tin."]
    assert revisions_of(record_id) == before + 1
    assert events("publish") == 1
    assert _db.session.get(Resolution, record_id).status == "published"


def test_two_publishers_withdrawing_one_record_at_once(race_app, clients):
    record_id = draft_resolution("published").id
    before, published = revisions_of(record_id), events("withdraw")
    page, action = f"/admin/resolutions/{record_id}", f"/admin/resolutions/{record_id}/withdraw"
    results = at_once(*(post_form(client, page, action, reason="Ban hành nhầm") for client in clients))
    assert all(not isinstance(r, Exception) for r in results), results
    assert [response.status_code for response, _ in results] == [302, 302]
    flashes = sorted(flash for _, messages in results for flash in messages)
    assert flashes == [
        "Chỉ có thể rút bản ghi đang được công bố.",
        "Đã rút bản ghi. Địa chỉ cũ hiển thị thông báo kèm lý do.",
    ]
    assert revisions_of(record_id) == before + 1
    assert events("withdraw") == published + 1


def test_two_publishers_restoring_one_revision_at_once(race_app, clients):
    resolution = draft_resolution()
    first = _db.session.scalar(
        select(Revision).where(Revision.record_type == "resolution", Revision.record_id == resolution.id)
    )
    resolution.body_text = "Điều 1. Bản sửa."
    save(resolution, None)
    before = revisions_of(resolution.id)
    base = f"/admin/resolutions/{resolution.id}/revisions/{first.id}"
    results = at_once(*(post_form(client, base, f"{base}/restore") for client in clients))
    assert all(not isinstance(r, Exception) for r in results), results
    assert [response.status_code for response, _ in results] == [302, 302]
    flashes = sorted(flash for _, messages in results for flash in messages)
    assert flashes == [
        f"Bản ghi đã có đúng nội dung của phiên bản #{first.id}; không cần khôi phục.",
        f"Đã khôi phục nội dung của phiên bản #{first.id}.",
    ]
    assert revisions_of(resolution.id) == before + 1
    assert events("restore") == 1
    assert _db.session.get(Resolution, resolution.id).body_text == "Điều 1. Bản đầu."
