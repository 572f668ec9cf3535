"""htmx in the council office: inline field validation, add-a-row for supervision recommendations and
for the petitions of a round, and the recommendation follow-up form."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.models import (
    AuditEvent,
    Petition,
    Recommendation,
    Revision,
    Supervision,
    VoterMeetingRound,
)
from tests.admin.support import csrf_from, idempotency_from

HX = {"HX-Request": "true"}


def count(model, *where) -> int:
    _db.session.expire_all()
    return _db.session.scalar(select(func.count()).select_from(model).where(*where))


def section(html: str, element_id: str) -> str:
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def supervision(app) -> Supervision:
    """A published supervision from the starter data that already has recommendations."""
    return _db.session.scalar(select(Supervision).join(Recommendation).order_by(Supervision.id))


@pytest.fixture
def round_(app) -> VoterMeetingRound:
    return _db.session.scalar(select(VoterMeetingRound).order_by(VoterMeetingRound.id))


def test_admin_layout_loads_htmx_and_sends_csrf_through_data_hx_headers(editor_client):
    html = editor_client.get("/admin/resolutions/new").get_data(as_text=True)
    assert "vendor/htmx/htmx-2.0.11.min.js" in html
    assert '"includeIndicatorStyles": false' in html
    assert 'data-hx-headers=\'{"X-CSRFToken": ' in html
    assert not re.search(r"\shx-[a-z]+=", html)  # only the data-hx-* spelling the HTML checker accepts
    assert "style=" not in html and "<script>" not in html


def test_each_record_field_is_validated_when_the_clerk_leaves_it(editor_client):
    html = editor_client.get("/admin/resolutions/new").get_data(as_text=True)
    assert 'id="title-field" data-hx-post="/admin/resolutions/fields/title/validate"' in html
    before = count(Revision)
    resp = editor_client.post(
        "/admin/resolutions/fields/title/validate",
        headers=HX,
        data={"idempotency_token": idempotency_from(html), "title": "   "},
    )
    body = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert body.lstrip().startswith('<div class="field has-error" id="title-field"') and "<html" not in body
    assert "Vui lòng nhập trích yếu." in body and 'aria-invalid="true"' in body
    # the other required fields are empty too, but only the field the clerk left is answered
    assert "hội đồng nhân dân" not in body.lower()
    ok = editor_client.post(
        "/admin/resolutions/fields/title/validate",
        headers=HX,
        data={"idempotency_token": idempotency_from(html), "title": "Về chỉnh trang đô thị"},
    )
    assert ok.status_code == 200 and "has-error" not in ok.get_data(as_text=True)
    assert "Về chỉnh trang đô thị</textarea>" in ok.get_data(as_text=True)
    assert count(Revision) == before  # validating never writes


def test_inline_validation_sees_other_fields_and_vietnamese_numbers(editor_client):
    token = idempotency_from(editor_client.get("/admin/sessions/new").get_data(as_text=True))
    dates = editor_client.post(
        "/admin/sessions/fields/end_date/validate",
        headers=HX,
        data={"idempotency_token": token, "start_date": "2020-07-28", "end_date": "2020-07-20"},
    )
    assert dates.status_code == 422 and "Ngày kết thúc không được trước ngày bắt đầu." in dates.get_data(
        as_text=True
    )
    number = editor_client.post(
        "/admin/budget/fields/amount_million_vnd/validate",
        headers=HX,
        data={"idempotency_token": token, "amount_million_vnd": "390.463"},
    )
    assert number.status_code == 200 and 'value="390.463"' in number.get_data(as_text=True)
    bad = editor_client.post(
        "/admin/budget/fields/amount_million_vnd/validate",
        headers=HX,
        data={"idempotency_token": token, "amount_million_vnd": "ba trăm"},
    )
    assert bad.status_code == 422 and 'class="error"' in bad.get_data(as_text=True)


def test_inline_validation_of_an_unknown_field_is_404(editor_client):
    assert (
        editor_client.post("/admin/resolutions/fields/password/validate", headers=HX, data={}).status_code
        == 404
    )


def test_publisher_adds_a_recommendation_row_with_a_revision_and_an_audit_event(
    app, publisher_client, supervision
):
    page = publisher_client.get(f"/admin/supervisions/{supervision.id}").get_data(as_text=True)
    rows = section(page, "recommendations")
    assert f'data-hx-post="/admin/supervisions/{supervision.id}/recommendations"' in rows
    assert 'data-hx-target="#recommendations"' in rows
    token = idempotency_from(rows)
    before = count(Recommendation, Recommendation.supervision_id == supervision.id)
    data = {
        "idempotency_token": token,
        "text": "Đề nghị UBND thành phố chỉ đạo khắc phục điểm ngập úng.",
        "addressee_id": str(supervision.body_id),
        "status": "open",
        "due": "2021-06-30",
    }
    resp = publisher_client.post(
        f"/admin/supervisions/{supervision.id}/recommendations", headers=HX, data=data
    )
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200, body[:2000]
    assert body.lstrip().startswith('<section id="recommendations"') and "<html" not in body
    assert "khắc phục điểm ngập úng" in body and "30/6/2021" in body and "Đã thêm kiến nghị" in body
    assert idempotency_from(body) != token  # the emptied form is ready for the next row
    assert count(Recommendation, Recommendation.supervision_id == supervision.id) == before + 1
    revision = _db.session.scalar(
        select(Revision)
        .where(Revision.record_type == "supervision", Revision.record_id == supervision.id)
        .order_by(Revision.id.desc())
    )
    assert (
        revision.note == f"Thêm kiến nghị {before + 1}: {data['text']}"
        and revision.author.role == "publisher"
    )
    assert count(AuditEvent, AuditEvent.action == "recommendation_add") == 1
    public = app.test_client().get(f"/supervision/{supervision.slug}").get_data(as_text=True)
    assert "khắc phục điểm ngập úng" in public
    again = publisher_client.post(
        f"/admin/supervisions/{supervision.id}/recommendations", headers=HX, data=data
    )
    assert again.status_code == 200 and "chỉ được thực hiện một lần" in again.get_data(as_text=True)
    assert count(Recommendation, Recommendation.supervision_id == supervision.id) == before + 1


def test_a_bad_recommendation_row_comes_back_with_its_errors(publisher_client, supervision):
    rows = section(
        publisher_client.get(f"/admin/supervisions/{supervision.id}").get_data(as_text=True),
        "recommendations",
    )
    before = count(Recommendation)
    resp = publisher_client.post(
        f"/admin/supervisions/{supervision.id}/recommendations",
        headers=HX,
        data={
            "idempotency_token": idempotency_from(rows),
            "text": " ",
            "addressee_id": "999999",
            "status": "open",
            "due": "30/6",
        },
    )
    body = resp.get_data(as_text=True)
    assert resp.status_code == 422 and body.lstrip().startswith('<section id="recommendations"')
    assert "Vui lòng nhập nội dung kiến nghị." in body and "Ngày không hợp lệ" in body
    assert count(Recommendation) == before
    # without htmx the same form answers the whole page with the errors
    plain = publisher_client.post(
        f"/admin/supervisions/{supervision.id}/recommendations",
        data={"idempotency_token": idempotency_from(rows), "text": "", "status": "open"},
    )
    assert plain.status_code == 422 and "<html" in plain.get_data(as_text=True)


def test_editor_cannot_add_recommendations_to_a_published_supervision(editor_client, supervision):
    page = editor_client.get(f"/admin/supervisions/{supervision.id}").get_data(as_text=True)
    assert "Thêm một kiến nghị" not in page
    resp = editor_client.post(
        f"/admin/supervisions/{supervision.id}/recommendations",
        data={"idempotency_token": "x" * 30, "text": "Không được thêm.", "status": "open"},
    )
    assert resp.status_code == 403


def test_recommendation_follow_up_is_recorded_with_its_document(app, publisher_client, supervision, report):
    recommendation = supervision.recommendations[0]
    url = f"/admin/recommendations/{recommendation.id}/update"
    page = publisher_client.get(url).get_data(as_text=True)
    assert "Ghi nhận kết quả thực hiện kiến nghị" in page
    bad = publisher_client.post(
        url, data={"idempotency_token": idempotency_from(page), "on": "", "status": "done"}
    )
    assert bad.status_code == 422 and "Vui lòng nhập ngày." in bad.get_data(as_text=True)
    resp = publisher_client.post(
        url,
        data={
            "idempotency_token": idempotency_from(page),
            "on": "2021-03-15",
            "status": "done",
            "text": "Đã nạo vét xong tuyến cống chính.",
            "document_id": str(report.id),
        },
    )
    assert resp.status_code == 302 and resp.headers["Location"].endswith("#recommendations")
    _db.session.expire_all()
    recommendation = _db.session.get(Recommendation, recommendation.id)
    update = recommendation.updates[-1]
    assert recommendation.status == "done"
    assert (update.on.isoformat(), update.text, update.document_id) == (
        "2021-03-15",
        "Đã nạo vét xong tuyến cống chính.",
        report.id,
    )
    assert count(AuditEvent, AuditEvent.action == "recommendation_update") == 1
    assert (
        count(
            Revision,
            Revision.record_type == "supervision",
            Revision.record_id == supervision.id,
            Revision.note == "Theo dõi kiến nghị 1: Đã thực hiện",
        )
        == 1
    )
    public = app.test_client().get(f"/supervision/{supervision.slug}").get_data(as_text=True)
    assert "Đã nạo vét xong tuyến cống chính." in public and "15/3/2021" in public


def test_editor_cannot_record_follow_up_on_a_published_supervision(editor_client, supervision):
    assert (
        editor_client.get(f"/admin/recommendations/{supervision.recommendations[0].id}/update").status_code
        == 403
    )


def test_unknown_recommendation_is_404(publisher_client):
    assert publisher_client.get("/admin/recommendations/999999/update").status_code == 404


def test_editor_adds_a_draft_petition_to_a_round(app, editor_client, round_):
    page = editor_client.get(f"/admin/voter-meetings/{round_.id}").get_data(as_text=True)
    rows = section(page, "round-petitions")
    assert 'data-hx-target="#round-petitions"' in rows
    area = rows.split('id="area_id"')[1].split('<option value="')[2].split('"')[0]
    text = "Cử tri đề nghị lắp đèn chiếu sáng ngõ 12 thử nghiệm."
    resp = editor_client.post(
        f"/admin/voter-meetings/{round_.id}/petitions",
        headers=HX,
        data={
            "idempotency_token": idempotency_from(rows),
            "text": text,
            "area_id": area,
            "level": "city",
            "petition_status": "in_progress",
            "due_by": "2021-05-31",
        },
    )
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200, body[:2000]
    assert body.lstrip().startswith('<section id="round-petitions"') and text in body and "Bản nháp" in body
    petition = _db.session.scalar(select(Petition).where(Petition.text == text))
    assert petition.round_id == round_.id and petition.status == "draft" and petition.area_id == int(area)
    assert count(Revision, Revision.record_type == "petition", Revision.record_id == petition.id) == 1
    assert (
        count(AuditEvent, AuditEvent.action == "create", AuditEvent.target == f"petition:{petition.slug}")
        == 1
    )
    anonymous = app.test_client()
    assert text not in anonymous.get("/petitions").get_data(as_text=True)
    assert anonymous.get(f"/petitions/{petition.id}").status_code == 404


def test_a_bad_petition_row_is_refused_with_its_errors(editor_client, round_):
    rows = section(
        editor_client.get(f"/admin/voter-meetings/{round_.id}").get_data(as_text=True), "round-petitions"
    )
    before = count(Petition)
    resp = editor_client.post(
        f"/admin/voter-meetings/{round_.id}/petitions",
        headers=HX,
        data={
            "idempotency_token": idempotency_from(rows),
            "text": "Có nội dung.",
            "area_id": "999999",
            "level": "city",
            "petition_status": "in_progress",
        },
    )
    assert resp.status_code == 422 and "Giá trị không có trong danh sách." in resp.get_data(as_text=True)
    empty = editor_client.post(
        f"/admin/voter-meetings/{round_.id}/petitions",
        headers=HX,
        data={
            "idempotency_token": idempotency_from(rows),
            "text": "",
            "level": "city",
            "petition_status": "in_progress",
        },
    )
    assert empty.status_code == 422 and "Vui lòng nhập nội dung kiến nghị." in empty.get_data(as_text=True)
    assert count(Petition) == before


def test_recommendation_and_follow_up_payloads_are_escaped_in_public(app, publisher_client, supervision):
    from tests.admin.test_xss import PAYLOAD, assert_escaped

    page = publisher_client.get(f"/admin/supervisions/{supervision.id}").get_data(as_text=True)
    resp = publisher_client.post(
        f"/admin/supervisions/{supervision.id}/recommendations",
        headers=HX,
        data={
            "idempotency_token": idempotency_from(section(page, "recommendations")),
            "text": PAYLOAD,
            "addressee_id": str(supervision.body_id),
            "status": "open",
            "due": "2021-06-30",
        },
    )
    assert resp.status_code == 200
    assert_escaped(resp.get_data(as_text=True), "admin recommendations section")
    _db.session.expire_all()
    recommendation = _db.session.get(type(supervision), supervision.id).recommendations[-1]
    url = f"/admin/recommendations/{recommendation.id}/update"
    form = publisher_client.get(url).get_data(as_text=True)
    done = publisher_client.post(
        url,
        data={
            "idempotency_token": idempotency_from(form),
            "on": "2021-03-15",
            "status": "in_progress",
            "text": PAYLOAD,
        },
    )
    assert done.status_code == 302
    public = app.test_client()
    for path in (f"/supervision/{supervision.slug}", "/feeds/supervision.atom", "/feeds/all.atom"):
        body = public.get(path).get_data(as_text=True)
        assert_escaped(body, path)
    assert "&lt;script&gt;" in public.get(f"/supervision/{supervision.slug}").get_data(as_text=True)


def test_publisher_publishes_every_draft_petition_of_a_round_at_once(
    app, editor_client, publisher_client, round_
):
    texts = [f"Cử tri đề nghị sửa cống thoát nước ngõ {n} thử nghiệm công bố cả đợt." for n in range(3)]
    for text in texts:
        rows = section(
            editor_client.get(f"/admin/voter-meetings/{round_.id}").get_data(as_text=True), "round-petitions"
        )
        assert (
            editor_client.post(
                f"/admin/voter-meetings/{round_.id}/petitions",
                headers=HX,
                data={
                    "idempotency_token": idempotency_from(rows),
                    "text": text,
                    "level": "city",
                    "petition_status": "in_progress",
                },
            ).status_code
            == 200
        )
    drafts = _db.session.scalars(select(Petition).where(Petition.text.in_(texts))).all()
    assert len(drafts) == 3 and {p.status for p in drafts} == {"draft"}
    url = f"/admin/voter-meetings/{round_.id}/petitions/publish"
    editor_rows = section(
        editor_client.get(f"/admin/voter-meetings/{round_.id}").get_data(as_text=True), "round-petitions"
    )
    assert url not in editor_rows  # an editor cannot publish
    assert (
        editor_client.post(
            url, data={"csrf_token": csrf_from(editor_rows), "idempotency_token": "x" * 20}
        ).status_code
        == 403
    )
    rows = section(
        publisher_client.get(f"/admin/voter-meetings/{round_.id}").get_data(as_text=True), "round-petitions"
    )
    assert "Công bố 3 kiến nghị nháp của đợt" in rows
    form = rows.split(f'action="{url}"')[1].split("</form>")[0]
    data = {"csrf_token": csrf_from(form), "idempotency_token": idempotency_from(form)}
    done = publisher_client.post(url, data=data)
    assert done.status_code == 302 and done.headers["Location"].endswith("#round-petitions")
    _db.session.expire_all()
    assert {p.status for p in _db.session.scalars(select(Petition).where(Petition.text.in_(texts)))} == {
        "published"
    }
    assert (
        count(
            AuditEvent,
            AuditEvent.action == "publish",
            AuditEvent.target.in_([f"petition:{p.slug}" for p in drafts]),
        )
        == 3
    )
    anonymous = app.test_client()
    assert anonymous.get(f"/petitions/{drafts[0].id}").status_code == 200
    revisions = count(Revision, Revision.record_type == "petition")
    again = publisher_client.post(url, data=data, follow_redirects=True).get_data(as_text=True)
    assert (
        "chỉ được thực hiện một lần" in again
        and count(Revision, Revision.record_type == "petition") == revisions
    )
    after = section(
        publisher_client.get(f"/admin/voter-meetings/{round_.id}").get_data(as_text=True), "round-petitions"
    )
    assert "kiến nghị nháp của đợt" not in after  # nothing left to publish: no button
