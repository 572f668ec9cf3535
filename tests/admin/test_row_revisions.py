"""Child rows in their parent's history: a supervision's recommendations (and follow-up) in its revision
snapshot, edited, removed while a draft, withdrawn once published, restored with the parent; a round's
petitions in the round's history; changes told in words a clerk reads."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.models import AuditEvent, Organization, Recommendation, Revision, SearchOutbox, Supervision
from portal.services import publishing
from portal.services.recommendations import add_recommendation
from tests.admin.support import idempotency_from
from tests.admin.test_htmx_forms import HX, count, section


def words(html: str) -> str:
    """The text a reader sees: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" :", ":")


def latest_revision(supervision) -> Revision:
    return _db.session.scalar(
        select(Revision)
        .where(Revision.record_type == "supervision", Revision.record_id == supervision.id)
        .order_by(Revision.id.desc())
    )


def fresh_rows(supervision) -> list[Recommendation]:
    _db.session.expire_all()
    return _db.session.get(Supervision, supervision.id).recommendations


@pytest.fixture
def supervision(app) -> Supervision:
    """The published supervision of Quảng Lạc from the starter data, with its two recommendations."""
    return _db.session.scalar(select(Supervision).join(Recommendation).order_by(Supervision.id))


@pytest.fixture
def draft_supervision(app, supervision) -> Supervision:
    draft = Supervision(
        body_id=supervision.body_id,
        kind="thematic",
        subject="Giám sát thử nghiệm bản nháp",
        year=2021,
        slug="giam-sat-thu-nghiem-ban-nhap",
        status="draft",
    )
    publishing.save(draft, None, "Tạo để kiểm thử")
    return draft


def add_row(client, supervision, text: str, due: str = "") -> None:
    rows = section(
        client.get(f"/admin/supervisions/{supervision.id}").get_data(as_text=True), "recommendations"
    )
    resp = client.post(
        f"/admin/supervisions/{supervision.id}/recommendations",
        headers=HX,
        data={
            "idempotency_token": idempotency_from(rows),
            "text": text,
            "addressee_id": str(supervision.body_id),
            "status": "open",
            "due": due,
        },
    )
    assert resp.status_code == 200, resp.get_data(as_text=True)[:1000]


def edit_row(client, recommendation: Recommendation, **changes):
    url = f"/admin/recommendations/{recommendation.id}/edit"
    page = client.get(url).get_data(as_text=True)
    data = {
        "idempotency_token": idempotency_from(page),
        "text": recommendation.text,
        "addressee_id": str(recommendation.addressee_id or ""),
        "status": recommendation.status,
        "due": recommendation.due.isoformat() if recommendation.due else "",
        **changes,
    }
    return client.post(url, data=data)


def withdraw_row(client, recommendation: Recommendation, reason: str):
    url = f"/admin/recommendations/{recommendation.id}/withdraw"
    page = client.get(url).get_data(as_text=True)
    return client.post(url, data={"idempotency_token": idempotency_from(page), "reason": reason})


def test_recommendations_and_their_follow_up_are_in_the_supervisions_snapshot(publisher_client, supervision):
    add_row(publisher_client, supervision, "Đề nghị UBND phường nạo vét kênh mương nội đồng.", "2021-06-30")
    third = fresh_rows(supervision)[-1]
    url = f"/admin/recommendations/{third.id}/update"
    page = publisher_client.get(url).get_data(as_text=True)
    assert (
        publisher_client.post(
            url,
            data={
                "idempotency_token": idempotency_from(page),
                "on": "2021-03-15",
                "status": "in_progress",
                "text": "Đã nạo vét 2 km.",
            },
        ).status_code
        == 302
    )
    rows = latest_revision(supervision).snapshot["recommendations"]
    assert [r["text"][:20] for r in rows] == [r.text[:20] for r in fresh_rows(supervision)]
    assert (rows[2]["addressee_id"], rows[2]["status"], rows[2]["due"]) == (
        supervision.body_id,
        "in_progress",
        "2021-06-30",
    )
    assert [(u["on"], u["status"], u["text"]) for u in rows[2]["updates"]] == [
        ("2021-03-15", "in_progress", "Đã nạo vét 2 km.")
    ]


def test_a_row_edit_is_a_revision_told_in_words(publisher_client, supervision):
    second = fresh_rows(supervision)[1]
    assert edit_row(publisher_client, second, due="2021-06-30").status_code == 302
    resp = edit_row(publisher_client, fresh_rows(supervision)[1], due="2021-12-31")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("#recommendations")
    revision = latest_revision(supervision)
    assert revision.note == "Sửa kiến nghị 2" and revision.author.role == "publisher"
    assert count(AuditEvent, AuditEvent.action == "recommendation_edit") == 2
    diff = words(
        publisher_client.get(f"/admin/supervisions/{supervision.id}/revisions/{revision.id}").get_data(
            as_text=True
        )
    )
    assert "Sửa hạn xử lý của kiến nghị 2: 30/6/2021 → 31/12/2021" in diff
    add_row(publisher_client, supervision, "Đề nghị hỗ trợ kinh phí cải tạo đất bị ảnh hưởng.")
    history = words(
        publisher_client.get(f"/admin/supervisions/{supervision.id}/revisions").get_data(as_text=True)
    )
    assert "Thêm kiến nghị 3: “Đề nghị hỗ trợ kinh phí cải tạo đất bị ảnh hưởng.”" in history
    assert "Sửa hạn xử lý của kiến nghị 2: (trống) → 30/6/2021" in history
    public = publisher_client.application.test_client().get(f"/supervision/{supervision.slug}")
    assert "hạn 31/12/2021" in public.get_data(as_text=True)


def test_an_unchanged_edit_leaves_no_revision(publisher_client, supervision):
    before = count(Revision)
    resp = edit_row(publisher_client, fresh_rows(supervision)[0])
    assert resp.status_code == 302 and count(Revision) == before


def test_a_bad_row_edit_comes_back_with_vietnamese_messages(publisher_client, supervision):
    resp = edit_row(
        publisher_client, fresh_rows(supervision)[0], text="  ", addressee_id="999999", due="31/12"
    )
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert "Vui lòng nhập nội dung kiến nghị." in html and "Giá trị không có trong danh sách." in html
    assert "Ngày không hợp lệ" in html


def test_a_published_row_is_withdrawn_with_a_reason_never_deleted(app, publisher_client, supervision):
    first = fresh_rows(supervision)[0]
    text = first.text
    page = publisher_client.get(f"/admin/supervisions/{supervision.id}").get_data(as_text=True)
    assert f"/admin/recommendations/{first.id}/remove" not in page  # published: no delete button
    refused = publisher_client.post(
        f"/admin/recommendations/{first.id}/remove", data={"idempotency_token": idempotency_from(page)}
    )
    assert refused.status_code == 409 and "chỉ có thể rút kèm lý do" in refused.get_data(as_text=True)
    empty = withdraw_row(publisher_client, first, "  ")
    assert empty.status_code == 422 and "Vui lòng nhập lý do rút." in empty.get_data(as_text=True)
    assert withdraw_row(publisher_client, first, "Trùng với kiến nghị của Ban Kinh tế.").status_code == 302
    row = fresh_rows(supervision)[0]
    assert row.text == text and row.withdrawn_reason == "Trùng với kiến nghị của Ban Kinh tế."
    assert latest_revision(supervision).note == "Rút kiến nghị 1: Trùng với kiến nghị của Ban Kinh tế."
    assert (
        latest_revision(supervision).snapshot["recommendations"][0]["withdrawn_reason"]
        == row.withdrawn_reason
    )
    admin_page = words(publisher_client.get(f"/admin/supervisions/{supervision.id}").get_data(as_text=True))
    assert "Đã rút ngày" in admin_page and "Trùng với kiến nghị của Ban Kinh tế." in admin_page
    anonymous = app.test_client()
    public = anonymous.get(f"/supervision/{supervision.slug}").get_data(as_text=True)
    assert "Kiến nghị này đã được rút ngày" in public and "Trùng với kiến nghị của Ban Kinh tế." in public
    assert text not in public
    api = anonymous.get(f"/api/v1/supervisions/{supervision.slug}").get_json()
    assert api["recommendations_count"] == 1 and text not in str(api)
    again = withdraw_row(publisher_client, row, "Lần nữa.")
    assert again.status_code == 422 and "Kiến nghị này đã được rút" in again.get_data(as_text=True)
    edit = publisher_client.get(f"/admin/recommendations/{row.id}/edit", follow_redirects=True)
    assert "Kiến nghị này đã được rút nên không sửa được." in edit.get_data(as_text=True)


def test_a_draft_supervisions_rows_are_removed_and_not_withdrawn(editor_client, draft_supervision):
    add_row(editor_client, draft_supervision, "Kiến nghị nhập nhầm vào bản nháp.")
    row_id = fresh_rows(draft_supervision)[0].id
    page = editor_client.get(f"/admin/supervisions/{draft_supervision.id}").get_data(as_text=True)
    assert f"/admin/recommendations/{row_id}/withdraw" not in page
    resp = editor_client.post(
        f"/admin/recommendations/{row_id}/remove",
        data={"idempotency_token": idempotency_from(section(page, "recommendations"))},
    )
    assert resp.status_code == 302
    assert fresh_rows(draft_supervision) == [] and count(Recommendation, Recommendation.id == row_id) == 0
    assert latest_revision(draft_supervision).note == "Xóa kiến nghị 1 (bản nháp)"
    history = words(
        editor_client.get(f"/admin/supervisions/{draft_supervision.id}/revisions").get_data(as_text=True)
    )
    assert "Xóa kiến nghị 1: “Kiến nghị nhập nhầm vào bản nháp.”" in history
    with pytest.raises(publishing.PublishingError, match="bản nháp"):
        from portal.services.recommendations import withdraw_recommendation

        add_recommendation(draft_supervision, None, "Một kiến nghị khác.")
        withdraw_recommendation(fresh_rows(draft_supervision)[0], None, "Không cần.")


def test_restore_brings_rows_back_across_an_added_an_edited_and_a_withdrawn_row(
    app, publisher_client, supervision
):
    first_version = latest_revision(supervision)
    one, two = fresh_rows(supervision)
    original = [(r.id, r.text, r.due, r.withdrawn_at) for r in (one, two)]
    add_row(publisher_client, supervision, "Kiến nghị thêm sau phiên bản đầu.", "2021-09-30")
    assert (
        edit_row(publisher_client, one, text="Nội dung kiến nghị 1 đã sửa.", due="2021-12-31").status_code
        == 302
    )
    assert withdraw_row(publisher_client, two, "Rút để kiểm thử khôi phục.").status_code == 302
    added = fresh_rows(supervision)[2]
    outbox_before = _db.session.scalar(select(func.max(SearchOutbox.id)))
    page = publisher_client.get(f"/admin/supervisions/{supervision.id}/revisions/{first_version.id}")
    against = words(page.get_data(as_text=True))
    # what changed since that version, as restoring it would undo
    assert (
        "Sửa nội dung của kiến nghị 1" in against
        and "Sửa hạn xử lý của kiến nghị 1: (trống) → 31/12/2021" in against
    )
    assert "Rút kiến nghị 2 (lý do: Rút để kiểm thử khôi phục.)" in against
    assert "Thêm kiến nghị 3: “Kiến nghị thêm sau phiên bản đầu.”" in against
    resp = publisher_client.post(
        f"/admin/supervisions/{supervision.id}/revisions/{first_version.id}/restore",
        data={"idempotency_token": idempotency_from(page.get_data(as_text=True))},
    )
    assert resp.status_code == 302
    one, two, three = fresh_rows(supervision)
    assert [(r.id, r.text, r.due, r.withdrawn_at) for r in (one, two)] == original
    assert three.id == added.id and three.text == "Kiến nghị thêm sau phiên bản đầu."  # kept, withdrawn
    assert three.withdrawn_reason == (
        f"Nội dung được khôi phục về một phiên bản trước (#{first_version.id}), khi chưa có mục này."
    )
    restored = latest_revision(supervision)
    assert restored.note == f"Khôi phục phiên bản #{first_version.id}"
    assert restored.snapshot["recommendations"][:2] == first_version.snapshot["recommendations"]
    event = _db.session.scalar(select(AuditEvent).where(AuditEvent.action == "restore"))
    assert "recommendations" in event.detail["fields"]
    assert (
        count(
            SearchOutbox,
            SearchOutbox.id > outbox_before,
            SearchOutbox.record_type == "supervision",
            SearchOutbox.record_id == supervision.id,
        )
        >= 1
    )
    diff = words(
        publisher_client.get(f"/admin/supervisions/{supervision.id}/revisions/{restored.id}").get_data(
            as_text=True
        )
    )
    assert "Rút kiến nghị 3" in diff and "Đưa trở lại kiến nghị 2" in diff
    assert "Sửa hạn xử lý của kiến nghị 1: 31/12/2021 → (trống)" in diff
    public = app.test_client().get(f"/supervision/{supervision.slug}").get_data(as_text=True)
    assert (
        original[0][1] in public
        and original[1][1] in public
        and "Kiến nghị thêm sau phiên bản đầu" not in public
    )


def test_restore_is_one_transaction_with_its_revision_audit_event_and_outbox(
    app, users, supervision, monkeypatch
):
    first_version = latest_revision(supervision)
    publisher = _db.session.merge(users["publisher"])
    one = fresh_rows(supervision)[0]
    from portal.services.recommendations import edit_recommendation

    edit_recommendation(one, publisher, "Nội dung đã sửa trước khi khôi phục.", None, "open", None)
    revisions, outbox = count(Revision), count(SearchOutbox)

    def audit_fails(*args, **kwargs):
        raise RuntimeError("mất kết nối cơ sở dữ liệu")

    monkeypatch.setattr(publishing, "audit", audit_fails)
    with pytest.raises(RuntimeError):
        publishing.run_once(
            "khoi-phuc-loi",
            publisher,
            "restore",
            "supervision:x",
            lambda: publishing.restore(supervision, first_version, publisher, commit=False),
        )
    assert fresh_rows(supervision)[0].text == "Nội dung đã sửa trước khi khôi phục."
    assert (count(Revision), count(SearchOutbox)) == (revisions, outbox)


def test_restoring_a_draft_brings_back_a_removed_row_under_its_id_and_removes_a_later_one(
    editor_client, draft_supervision, users
):
    first = add_recommendation(draft_supervision, None, "Kiến nghị có từ đầu.")
    second = add_recommendation(draft_supervision, None, "Kiến nghị thứ hai, giữ nguyên.")
    first_id, second_id = first.id, second.id
    version = latest_revision(draft_supervision)
    from portal.services.recommendations import remove_recommendation

    remove_recommendation(first, None)
    later_id = add_recommendation(draft_supervision, None, "Kiến nghị thêm sau.").id
    publishing.restore(draft_supervision, version, _db.session.merge(users["publisher"]))
    rows = fresh_rows(draft_supervision)
    assert [(r.id, r.text) for r in rows] == [
        (first_id, "Kiến nghị có từ đầu."),
        (second_id, "Kiến nghị thứ hai, giữ nguyên."),
    ]
    assert (
        count(Recommendation, Recommendation.id == later_id) == 0
    )  # a draft's row is removed, not withdrawn


def test_row_fields_are_validated_when_the_clerk_leaves_them(editor_client, publisher_client, supervision):
    page = publisher_client.get(f"/admin/supervisions/{supervision.id}").get_data(as_text=True)
    rows = section(page, "recommendations")
    assert 'id="text-field" data-hx-post="/admin/rows/recommendation/fields/text/validate"' in rows
    token = idempotency_from(rows)
    before = count(Revision)
    url = "/admin/rows/recommendation/fields/{}/validate"
    empty = editor_client.post(url.format("text"), headers=HX, data={"idempotency_token": token, "text": " "})
    body = empty.get_data(as_text=True)
    assert empty.status_code == 422 and "<html" not in body
    assert body.lstrip().startswith('<div class="field has-error" id="text-field"')
    assert "Vui lòng nhập nội dung kiến nghị." in body and 'aria-invalid="true"' in body
    unknown = editor_client.post(
        url.format("addressee_id"), headers=HX, data={"idempotency_token": token, "addressee_id": "999999"}
    )
    assert unknown.status_code == 422 and "Giá trị không có trong danh sách." in unknown.get_data(
        as_text=True
    )
    date = editor_client.post(
        url.format("due"), headers=HX, data={"idempotency_token": token, "due": "31/12"}
    )
    assert date.status_code == 422 and "Ngày không hợp lệ" in date.get_data(as_text=True)
    org = _db.session.scalar(select(Organization.id).order_by(Organization.id))
    ok = editor_client.post(
        url.format("addressee_id"),
        headers=HX,
        data={"idempotency_token": token, "text": "", "addressee_id": str(org)},
    )
    assert ok.status_code == 200 and "has-error" not in ok.get_data(
        as_text=True
    )  # only the left field counts
    reason = editor_client.post(
        "/admin/rows/row-withdrawal/fields/reason/validate",
        headers=HX,
        data={"idempotency_token": token, "reason": ""},
    )
    assert reason.status_code == 422 and "Vui lòng nhập lý do rút." in reason.get_data(as_text=True)
    follow = editor_client.post(
        "/admin/rows/recommendation-update/fields/on/validate",
        headers=HX,
        data={"idempotency_token": token, "on": ""},
    )
    assert follow.status_code == 422 and "Vui lòng nhập ngày." in follow.get_data(as_text=True)
    assert editor_client.post(url.format("idempotency_token"), headers=HX, data={}).status_code == 404
    assert (
        editor_client.post("/admin/rows/users/fields/email/validate", headers=HX, data={}).status_code == 404
    )
    assert count(Revision) == before  # validating never writes


def test_round_petition_fields_are_validated_inline_too(editor_client, petition):
    page = editor_client.get(f"/admin/voter-meetings/{petition.round_id}").get_data(as_text=True)
    rows = section(page, "round-petitions")
    assert 'data-hx-post="/admin/rows/round-petition/fields/area_id/validate"' in rows
    resp = editor_client.post(
        "/admin/rows/round-petition/fields/area_id/validate",
        headers=HX,
        data={"idempotency_token": idempotency_from(rows), "area_id": "999999"},
    )
    assert resp.status_code == 422 and "Giá trị không có trong danh sách." in resp.get_data(as_text=True)


def test_a_rounds_petitions_appear_in_its_history_as_added_changed_and_withdrawn(
    editor_client, publisher_client, petition
):
    round_id = petition.round_id
    page = editor_client.get(f"/admin/petitions/{petition.id}/edit").get_data(as_text=True)
    form = {
        "idempotency_token": idempotency_from(page),
        "round_id": str(round_id),
        "text": petition.text,
        "level": "city",
        "due_by": "2021-12-31",
    }
    assert editor_client.post(f"/admin/petitions/{petition.id}/edit", data=form).status_code == 302
    rows = section(
        publisher_client.get(f"/admin/voter-meetings/{round_id}").get_data(as_text=True), "round-petitions"
    )
    assert f"/admin/petitions/{petition.id}/edit" in rows
    publish = rows.split('petitions/publish"')[1].split("</form>")[0]
    assert (
        publisher_client.post(
            f"/admin/voter-meetings/{round_id}/petitions/publish",
            data={"idempotency_token": idempotency_from(publish)},
        ).status_code
        == 302
    )
    detail = publisher_client.get(f"/admin/petitions/{petition.id}").get_data(as_text=True)
    assert (
        publisher_client.post(
            f"/admin/petitions/{petition.id}/withdraw",
            data={
                "idempotency_token": idempotency_from(detail.split('id="withdraw"')[1]),
                "reason": "Trùng với kiến nghị đã tổng hợp.",
            },
        ).status_code
        == 302
    )
    history = words(
        publisher_client.get(f"/admin/voter-meetings/{round_id}/revisions").get_data(as_text=True)
    )
    assert "Thêm kiến nghị 1 vào đợt (bản nháp): “Đề nghị sửa chữa mặt đường thử nghiệm.”" in history
    assert "Sửa hạn trả lời của kiến nghị 1: 30/6/2021 → 31/12/2021" in history
    assert "Công bố kiến nghị 1" in history
    assert "Rút kiến nghị 1 (lý do: Trùng với kiến nghị đã tổng hợp.)" in history
    assert history.index("Rút kiến nghị 1") < history.index("Công bố kiến nghị 1")  # newest first
    assert "Nạp dữ liệu khởi tạo" in history  # the round's own versions are listed with its petitions'
    page = publisher_client.get(f"/admin/voter-meetings/{round_id}/revisions").get_data(as_text=True)
    assert f"/admin/petitions/{petition.id}/revisions/" in page  # each line links to the petition's own diff


def test_a_draft_petition_of_a_round_can_be_removed_a_published_one_cannot(
    editor_client, publisher_client, petition
):
    round_id, petition_id, slug = petition.round_id, petition.id, petition.slug
    rows = section(
        editor_client.get(f"/admin/voter-meetings/{round_id}").get_data(as_text=True), "round-petitions"
    )
    url = f"/admin/voter-meetings/{round_id}/petitions/{petition_id}/remove"
    assert f'action="{url}"' in rows
    resp = editor_client.post(url, data={"idempotency_token": idempotency_from(rows)})
    assert resp.status_code == 302 and resp.headers["Location"].endswith("#round-petitions")
    from portal.models import Petition

    assert count(Petition, Petition.id == petition_id) == 0
    assert count(Revision, Revision.record_type == "petition", Revision.record_id == petition_id) == 0
    assert (
        count(AuditEvent, AuditEvent.action == "petition_remove", AuditEvent.target == f"petition:{slug}")
        == 1
    )
    assert editor_client.post(url, data={"idempotency_token": "x" * 30}).status_code == 404
    _db.session.expunge_all()  # the removed petition's object is gone from the database
    published = Petition(
        round_id=round_id,
        text="Kiến nghị đã công bố.",
        level="city",
        slug="da-cong-bo",
        petition_status="in_progress",
        voter_accepted="unknown",
        status="draft",
    )
    publishing.save(published, None)
    publishing.publish(published, None)
    refused = publisher_client.post(
        f"/admin/voter-meetings/{round_id}/petitions/{published.id}/remove",
        data={"idempotency_token": "y" * 30},
    )
    assert refused.status_code == 409 and "chỉ có thể rút kèm lý do" in refused.get_data(as_text=True)
    assert count(Petition, Petition.id == published.id) == 1


class StatementCounter:
    """Counts the SQL statements the app sends while a page is served."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *args) -> None:
        self.count += 1


def statements_for(client, path: str) -> int:
    from sqlalchemy import event

    counter = StatementCounter()
    event.listen(_db.engine, "before_cursor_execute", counter)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(_db.engine, "before_cursor_execute", counter)
    return counter.count


def one_round_of_row_changes(supervision, publisher, n: int) -> None:
    """A row added, edited (addressee and due date), followed up and withdrawn: every kind of sentence."""
    from datetime import date

    from portal.services.recommendations import (
        edit_recommendation,
        record_recommendation_update,
        withdraw_recommendation,
    )

    other = _db.session.scalar(select(Organization).where(Organization.id != supervision.body_id).limit(1))
    row = add_recommendation(
        supervision, publisher, f"Kiến nghị đo số câu lệnh {n}.", supervision.body, "open", date(2021, 6, 30)
    )
    edit_recommendation(row, publisher, row.text, other, "open", date(2021, 12, 31))
    record_recommendation_update(row, publisher, date(2021, 3, 15), "in_progress", "Đang làm.")
    withdraw_recommendation(row, publisher, "Đo số câu lệnh.")


def test_the_rows_and_history_pages_cost_the_same_statements_at_any_size(
    publisher_client, supervision, users
):
    publisher = _db.session.merge(users["publisher"])
    one_round_of_row_changes(supervision, publisher, 0)
    pages = (f"/admin/supervisions/{supervision.id}", f"/admin/supervisions/{supervision.id}/revisions")
    small = [statements_for(publisher_client, path) for path in pages]
    for n in range(1, 6):
        one_round_of_row_changes(supervision, publisher, n)
    large = [statements_for(publisher_client, path) for path in pages]
    assert count(Recommendation, Recommendation.supervision_id == supervision.id) == 8
    assert large == small
