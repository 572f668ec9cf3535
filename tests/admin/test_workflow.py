"""Draft → published → withdrawn, revisions, audit, restore, idempotent forms, petition statuses."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.models import (
    AuditEvent,
    Document,
    IdempotencyKey,
    Petition,
    PetitionStatusChange,
    Resolution,
    Revision,
    SearchOutbox,
)
from tests.admin.support import idempotency_from, login

SLUG = "bao-cao-ket-qua-hoat-dong-nam-2020"


def fresh(model, record_id):
    _db.session.expire_all()
    return _db.session.get(model, record_id)


def count(model, *where) -> int:
    _db.session.expire_all()
    return _db.session.scalar(select(func.count()).select_from(model).where(*where))


def create_draft_resolution(client, title="Nghị quyết thử nghiệm về chỉnh trang đô thị") -> int:
    page = client.get("/admin/resolutions/new").get_data(as_text=True)
    # The city council: the council whose site the test config serves (PORTAL_COUNCIL).
    council = re.search(r'<option value="(\d+)"[^>]*>Hội đồng nhân dân thành phố Lạng Sơn<', page).group(1)
    resp = client.post(
        "/admin/resolutions/new",
        data={
            "idempotency_token": idempotency_from(page),
            "council_id": council,
            "title": title,
            "number": "99/NQ-HĐND",
            "body_text": "Điều 1. Thông qua phương án ban đầu.",
        },
    )
    assert resp.status_code == 302, resp.get_data(as_text=True)[:3000]
    return int(resp.headers["Location"].rstrip("/").split("/")[-1])


def publish(client, record_id, kind="resolutions"):
    page = client.get(f"/admin/{kind}/{record_id}").get_data(as_text=True)
    token = idempotency_from(page)
    return client.post(f"/admin/{kind}/{record_id}/publish", data={"idempotency_token": token}), token


def test_editor_creates_a_draft_that_the_public_cannot_see(app, editor_client):
    record_id = create_draft_resolution(editor_client)
    resolution = fresh(Resolution, record_id)
    assert resolution.status == "draft" and resolution.slug.startswith("nghi-quyet-thu-nghiem")
    assert count(Revision, Revision.record_type == "resolution", Revision.record_id == record_id) == 1
    assert count(AuditEvent, AuditEvent.action == "create") == 1
    assert "Nghị quyết thử nghiệm" not in app.test_client().get("/").get_data(as_text=True)


def test_every_publish_leaves_a_revision_an_audit_event_and_an_outbox_row(
    app, editor_client, publisher_client
):
    record_id = create_draft_resolution(editor_client)
    before = count(Revision, Revision.record_id == record_id, Revision.record_type == "resolution")
    resp, _ = publish(publisher_client, record_id)
    assert resp.status_code == 302
    resolution = fresh(Resolution, record_id)
    assert resolution.status == "published" and resolution.published_at is not None
    revisions = _db.session.scalars(
        select(Revision)
        .where(Revision.record_type == "resolution", Revision.record_id == record_id)
        .order_by(Revision.id)
    ).all()
    assert len(revisions) == before + 1 and revisions[-1].snapshot["status"] == "published"
    assert revisions[-1].author.email == "publisher@hdnd.example"
    event = _db.session.scalar(select(AuditEvent).where(AuditEvent.action == "publish"))
    assert event.target == f"resolution:{resolution.slug}" and event.actor_label == "publisher@hdnd.example"
    assert (
        count(SearchOutbox, SearchOutbox.record_type == "resolution", SearchOutbox.record_id == record_id)
        >= 2
    )


def test_double_submitted_publish_publishes_once(app, editor_client, publisher_client):
    record_id = create_draft_resolution(editor_client)
    first, token = publish(publisher_client, record_id)
    second = publisher_client.post(
        f"/admin/resolutions/{record_id}/publish", data={"idempotency_token": token}
    )
    assert first.status_code == second.status_code == 302
    assert count(AuditEvent, AuditEvent.action == "publish") == 1
    assert count(Revision, Revision.record_id == record_id, Revision.note == "Xuất bản") == 1


def test_double_submitted_edit_saves_one_revision(app, publisher_client, report):
    page = publisher_client.get(f"/admin/documents/{report.id}/edit").get_data(as_text=True)
    token = idempotency_from(page)
    data = {
        "idempotency_token": token,
        "kind": "report",
        "title": "Tiêu đề sửa một lần",
        "body_format": "markdown",
        "body_text": report.body_text,
    }
    before = count(Revision, Revision.record_type == "document", Revision.record_id == report.id)
    assert publisher_client.post(f"/admin/documents/{report.id}/edit", data=data).status_code == 302
    assert publisher_client.post(f"/admin/documents/{report.id}/edit", data=data).status_code == 302
    assert count(Revision, Revision.record_type == "document", Revision.record_id == report.id) == before + 1
    assert count(IdempotencyKey) == 1


def test_double_submitted_create_makes_one_draft(app, editor_client):
    page = editor_client.get("/admin/people/new").get_data(as_text=True)
    data = {"idempotency_token": idempotency_from(page), "name": "Nguyễn Văn Thử"}
    for _ in range(2):
        assert editor_client.post("/admin/people/new", data=data).status_code == 302
    from portal.models import Person

    assert count(Person, Person.name == "Nguyễn Văn Thử") == 1


def test_publisher_without_second_factor_cannot_publish(app, users, editor_client):
    record_id = create_draft_resolution(editor_client)
    client = app.test_client()
    login(client, "moi@hdnd.example")  # password only, no second factor enrolled yet
    resp = client.post(f"/admin/resolutions/{record_id}/publish", data={"idempotency_token": "x" * 30})
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/admin/account/totp")
    assert fresh(Resolution, record_id).status == "draft"
    assert count(AuditEvent, AuditEvent.action == "publish") == 0


def test_editor_cannot_publish_or_edit_published(app, editor_client, report):
    assert (
        editor_client.post(
            f"/admin/documents/{report.id}/publish", data={"idempotency_token": "y" * 30}
        ).status_code
        == 403
    )
    assert editor_client.get(f"/admin/documents/{report.id}/edit").status_code == 403


def test_withdraw_needs_a_reason_and_leaves_a_tombstone(app, publisher_client, report):
    page = publisher_client.get(f"/admin/documents/{report.id}").get_data(as_text=True)
    token = idempotency_from(page)
    empty = publisher_client.post(
        f"/admin/documents/{report.id}/withdraw", data={"idempotency_token": token, "reason": "  "}
    )
    assert empty.status_code == 422 and "Vui lòng nhập lý do rút" in empty.get_data(as_text=True)
    resp = publisher_client.post(
        f"/admin/documents/{report.id}/withdraw",
        data={"idempotency_token": token, "reason": "Thay bằng bản đính chính."},
    )
    assert resp.status_code == 302
    document = fresh(Document, report.id)
    assert document.status == "withdrawn" and document.withdrawn_reason == "Thay bằng bản đính chính."
    public = app.test_client().get(f"/documents/{SLUG}")
    html = public.get_data(as_text=True)
    assert public.status_code == 200
    assert "đã được rút" in html and "Thay bằng bản đính chính." in html
    assert "Ngày ban hành" not in html  # the body is gone; the URL and the reason stay
    assert count(AuditEvent, AuditEvent.action == "withdraw") == 1


def test_restore_brings_back_the_old_text(app, publisher_client, report):
    original = report.title
    page = publisher_client.get(f"/admin/documents/{report.id}/edit").get_data(as_text=True)
    publisher_client.post(
        f"/admin/documents/{report.id}/edit",
        data={
            "idempotency_token": idempotency_from(page),
            "kind": "report",
            "title": "Tiêu đề bị sửa nhầm",
            "body_format": "markdown",
            "body_text": "Nội dung bị thay nhầm.",
        },
    )
    assert fresh(Document, report.id).title == "Tiêu đề bị sửa nhầm"
    first = _db.session.scalar(
        select(Revision)
        .where(Revision.record_type == "document", Revision.record_id == report.id)
        .order_by(Revision.id)
    )
    page = publisher_client.get(f"/admin/documents/{report.id}/revisions/{first.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<del>" in html and "Khôi phục phiên bản này" in html
    resp = publisher_client.post(
        f"/admin/documents/{report.id}/revisions/{first.id}/restore",
        data={"idempotency_token": idempotency_from(html)},
    )
    assert resp.status_code == 302
    document = fresh(Document, report.id)
    assert document.title == original and document.body_text == first.snapshot["body_text"]
    assert document.status == "published"
    latest = _db.session.scalar(
        select(Revision)
        .where(Revision.record_type == "document", Revision.record_id == report.id)
        .order_by(Revision.id.desc())
    )
    assert latest.note == f"Khôi phục phiên bản #{first.id}"
    assert count(AuditEvent, AuditEvent.action == "restore") == 1
    assert original in app.test_client().get(f"/documents/{SLUG}").get_data(as_text=True)


def test_revision_list_shows_who_and_when(publisher_client, report):
    html = publisher_client.get(f"/admin/documents/{report.id}/revisions").get_data(as_text=True)
    assert "Nạp dữ liệu khởi tạo" in html and "hệ thống" in html


def test_validation_messages_are_vietnamese(editor_client):
    page = editor_client.get("/admin/sessions/new").get_data(as_text=True)
    resp = editor_client.post(
        "/admin/sessions/new",
        data={
            "idempotency_token": idempotency_from(page),
            "number": "mười",
            "start_date": "2020-07-28",
            "end_date": "2020-07-01",
            "duration_days": "1,5",
        },
    )
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert "không phải là số" in html and "Vui lòng nhập tên kỳ họp" in html
    assert "Ngày kết thúc không được trước ngày bắt đầu" in html


def test_petition_status_change_adds_a_dated_timeline_entry(app, publisher_client, petition, report):
    page = publisher_client.get(f"/admin/petitions/{petition.id}/status").get_data(as_text=True)
    resp = publisher_client.post(
        f"/admin/petitions/{petition.id}/status",
        data={
            "idempotency_token": idempotency_from(page),
            "status": "resolved",
            "on": "2020-12-10",
            "document_id": str(report.id),
            "note": "Theo báo cáo trả lời",
            "response_text": "Đã sửa xong.",
        },
    )
    assert resp.status_code == 302
    changed = fresh(Petition, petition.id)
    assert changed.petition_status == "resolved" and changed.answered_on.isoformat() == "2020-12-10"
    assert changed.response_document_id == report.id and changed.response_text == "Đã sửa xong."
    entry = _db.session.scalar(
        select(PetitionStatusChange).where(PetitionStatusChange.petition_id == petition.id)
    )
    assert (
        entry.status == "resolved" and entry.on.isoformat() == "2020-12-10" and entry.document_id == report.id
    )
    assert count(AuditEvent, AuditEvent.action == "petition_status") == 1
    detail = publisher_client.get(f"/admin/petitions/{petition.id}").get_data(as_text=True)
    assert "Đã giải quyết" in detail and "10/12/2020" in detail


def test_bulk_status_update_for_a_round(app, publisher_client, petition):
    round_id = petition.round_id
    page = publisher_client.get(f"/admin/voter-meetings/{round_id}/petition-statuses").get_data(as_text=True)
    resp = publisher_client.post(
        f"/admin/voter-meetings/{round_id}/petition-statuses",
        data={
            "idempotency_token": idempotency_from(page),
            "on": "2020-11-30",
            f"status-{petition.id}": "scheduled",
        },
    )
    assert resp.status_code == 302
    assert fresh(Petition, petition.id).petition_status == "scheduled"
    assert count(PetitionStatusChange, PetitionStatusChange.petition_id == petition.id) == 1


def test_audit_log_filters_by_actor_and_action(app, publisher_client, editor_client):
    create_draft_resolution(editor_client)
    html = publisher_client.get("/admin/audit?action=create").get_data(as_text=True)
    assert "Tạo bản ghi" in html and "editor@hdnd.example" in html
    html = publisher_client.get("/admin/audit?actor=publisher@hdnd.example").get_data(as_text=True)
    assert "Đăng nhập" in html and "Tạo bản ghi</td>" not in html
    assert publisher_client.get("/admin/audit?page=abc").status_code == 400


def test_audit_log_pages_keep_the_filter(app, publisher_client):
    for n in range(55):
        _db.session.add(AuditEvent(action="import", target=f"imports:{n}", actor_label="clerk@hdnd.example"))
    _db.session.commit()
    first = publisher_client.get("/admin/audit?actor=clerk@hdnd.example").get_data(as_text=True)
    assert "Trang 1/2" in first and "← Trang trước" not in first
    assert 'href="/admin/audit?page=2&amp;actor=clerk@hdnd.example"' in first
    second = publisher_client.get("/admin/audit?actor=clerk@hdnd.example&page=2").get_data(as_text=True)
    assert "Trang 2/2" in second and "Trang sau →" not in second and second.count("imports:") == 5


def test_publisher_edit_of_a_published_record_is_a_revision_the_public_sees(app, publisher_client, report):
    before = count(Revision, Revision.record_type == "document", Revision.record_id == report.id)
    page = publisher_client.get(f"/admin/documents/{report.id}/edit").get_data(as_text=True)
    assert "thay đổi sẽ hiển thị ngay với công chúng" in page
    resp = publisher_client.post(
        f"/admin/documents/{report.id}/edit",
        data={
            "idempotency_token": idempotency_from(page),
            "kind": "report",
            "title": report.title,
            "body_format": "markdown",
            "body_text": "Nội dung đã đính chính số liệu thu ngân sách.",
            "note": "Ghi chú của chính văn bản",
            "revision_note": "Đính chính số liệu",
        },
    )
    assert resp.status_code == 302
    latest = _db.session.scalar(
        select(Revision)
        .where(Revision.record_type == "document", Revision.record_id == report.id)
        .order_by(Revision.id.desc())
    )
    assert count(Revision, Revision.record_type == "document", Revision.record_id == report.id) == before + 1
    assert latest.note == "Đính chính số liệu" and latest.author.email == "publisher@hdnd.example"
    assert latest.snapshot["body_text"] == "Nội dung đã đính chính số liệu thu ngân sách."
    document = fresh(Document, report.id)
    assert document.status == "published" and document.note == "Ghi chú của chính văn bản"
    assert count(AuditEvent, AuditEvent.action == "update", AuditEvent.target == f"document:{SLUG}") == 1
    public = app.test_client().get(f"/documents/{SLUG}").get_data(as_text=True)
    assert "Nội dung đã đính chính số liệu thu ngân sách." in public


def test_withdrawn_record_is_published_again_through_the_forms(app, publisher_client, report):
    page = publisher_client.get(f"/admin/documents/{report.id}").get_data(as_text=True)
    resp = publisher_client.post(
        f"/admin/documents/{report.id}/withdraw",
        data={"idempotency_token": idempotency_from(page), "reason": "Đang kiểm tra lại số liệu."},
    )
    assert resp.status_code == 302
    anonymous = app.test_client()
    assert "Đang kiểm tra lại số liệu." in anonymous.get(f"/documents/{SLUG}").get_data(as_text=True)
    page = publisher_client.get(f"/admin/documents/{report.id}").get_data(as_text=True)
    assert "Công bố lên cổng thông tin" in page and "Rút bản ghi</button>" not in page
    resp = publisher_client.post(
        f"/admin/documents/{report.id}/publish",
        data={"idempotency_token": idempotency_from(page), "note": "Đã kiểm tra xong"},
    )
    assert resp.status_code == 302
    document = fresh(Document, report.id)
    assert document.status == "published" and document.withdrawn_reason is None
    html = anonymous.get(f"/documents/{SLUG}").get_data(as_text=True)
    assert "Đang kiểm tra lại số liệu." not in html and "Ngày ban hành" in html
    notes = _db.session.scalars(
        select(Revision.note)
        .where(Revision.record_type == "document", Revision.record_id == report.id)
        .order_by(Revision.id)
    ).all()
    assert notes[-2:] == ["Rút: Đang kiểm tra lại số liệu.", "Đã kiểm tra xong"]
    assert count(AuditEvent, AuditEvent.action == "publish") == 1
