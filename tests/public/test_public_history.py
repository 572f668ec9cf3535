"""Corrections in public (issue 15, item 11): a record changed after publishing says so, links its history
page, and the history (page and API) shows each published version's date, the office's note and what
changed from what to what; drafts, editors and internal workflow never appear; withdrawn records keep it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.formatting import vndate
from portal.models import Petition, Resolution, Revision, Supervision, VoterMeetingRound
from portal.public.history import history_url
from portal.services import accounts, publishing
from portal.services.recommendations import add_recommendation, edit_recommendation
from tests.admin.support import PASSWORD

EMAIL = "bien-tap-vien@hdnd.example"


@pytest.fixture
def clerk(app):
    user = accounts.create_user(EMAIL, "publisher", PASSWORD, "Cán bộ biên tập")
    db.session.commit()
    return user


@pytest.fixture
def corrected(app, clerk) -> Resolution:
    """A starter resolution published a week ago, then corrected twice with a note."""
    resolution = db.session.scalar(
        select(Resolution).where(Resolution.status == "published").order_by(Resolution.id).limit(1)
    )
    resolution.published_at -= timedelta(days=7)
    resolution.title, old_title = resolution.title + " (đính chính)", resolution.title
    publishing.save(resolution, clerk, "Sửa trích yếu theo bản chính")
    resolution.topic = "Ngân sách"
    publishing.save(resolution, clerk, None)
    resolution.old_title = old_title
    return resolution


def test_a_corrected_record_says_how_many_times_and_links_its_history(client, corrected):
    page = client.get(f"/resolutions/{corrected.slug}").get_data(as_text=True)
    assert "Đã cập nhật 2 lần sau khi công bố" in page
    assert f'href="/resolutions/{corrected.slug}/history"' in page


def test_the_history_page_shows_each_version_with_date_note_and_before_after(client, corrected):
    resp = client.get(f"/resolutions/{corrected.slug}/history")
    assert resp.status_code == 200
    page = resp.get_data(as_text=True)
    assert "Công bố lần đầu" in page and page.count("Sửa sau khi công bố") == 2
    assert "Sửa trích yếu theo bản chính" in page  # the office's note
    assert corrected.old_title in page and "(đính chính)" in page  # from what to what
    assert "<strong>Lĩnh vực</strong>" in page and "Ngân sách" in page
    assert EMAIL not in page and "Cán bộ biên tập" not in page  # never who edited


def test_the_history_is_in_the_api(client, corrected):
    body = client.get(f"/api/v1/resolutions/{corrected.slug}/history").get_json()
    assert body["corrections"] == 2
    first, title_fix, topic_fix = body["versions"]
    assert first["event"] == "published" and title_fix["event"] == topic_fix["event"] == "corrected"
    assert title_fix["note"] == "Sửa trích yếu theo bản chính"
    change = title_fix["changes"][0]
    assert change["field"] == "Trích yếu" and change["before"] == corrected.old_title
    assert change["after"].endswith("(đính chính)")
    assert [c["field"] for c in topic_fix["changes"]] == ["Lĩnh vực"] and topic_fix["changes"][0][
        "after"
    ] == "Ngân sách"
    assert EMAIL not in str(body)


def test_drafts_before_publishing_never_appear(client, app, clerk):
    round_ = db.session.scalar(select(VoterMeetingRound).order_by(VoterMeetingRound.id).limit(1))
    petition = Petition(
        round=round_,
        text="Nội dung nháp đầu tiên chưa ai được thấy",
        level="city",
        petition_status="in_progress",
        voter_accepted="unknown",
        slug="kien-nghi-lich-su",
    )
    publishing.save(petition, clerk, "Ghi chú nội bộ lúc soạn")
    petition.text = "Đề nghị sửa đường vào khu dân cư"
    publishing.save(petition, clerk, None)
    publishing.publish(petition, clerk)
    page = client.get(f"/petitions/{petition.id}/history").get_data(as_text=True)
    body = client.get(f"/api/v1/petitions/{petition.id}/history").get_json()
    assert "nháp đầu tiên" not in page and "Ghi chú nội bộ" not in page
    assert [v["event"] for v in body["versions"]] == ["published"] and body["corrections"] == 0
    assert "chưa được sửa đổi kể từ khi công bố" in page


def test_a_withdrawn_record_keeps_its_history(client, corrected, clerk):
    publishing.withdraw(corrected, clerk, "Trùng với nghị quyết khác")
    page = client.get(f"/resolutions/{corrected.slug}/history").get_data(as_text=True)
    assert "Rút khỏi cổng" in page and "Trùng với nghị quyết khác" in page and corrected.old_title in page
    assert f"/resolutions/{corrected.slug}/history" in client.get(f"/resolutions/{corrected.slug}").get_data(
        as_text=True
    )
    body = client.get(f"/api/v1/resolutions/{corrected.slug}/history").get_json()
    assert body["versions"][-1]["event"] == "withdrawn"


def test_unknown_or_draft_records_have_no_history(client, app, clerk):
    assert client.get("/resolutions/khong-co/history").status_code == 404
    assert client.get("/petitions/999999/history").status_code == 404
    assert client.get("/api/v1/resolutions/khong-co/history").status_code == 404
    draft = Resolution(
        council_id=db.session.scalar(select(Resolution.council_id).limit(1)),
        title="Nghị quyết nháp",
        slug="nghi-quyet-nhap",
    )
    publishing.save(draft, clerk, None)
    assert client.get("/resolutions/nghi-quyet-nhap/history").status_code == 404


def test_a_supervision_history_names_versions_by_date_and_says_each_change_once(client, app, clerk):
    """Adding and editing a recommendation, then restoring: the public reads dates, not the office's revision
    numbers, and the notes the workflow writes itself ("Thêm kiến nghị 1: …") are not repeated above the
    change they name."""
    supervision = db.session.scalar(
        select(Supervision).where(Supervision.status == "published").order_by(Supervision.id).limit(1)
    )
    added = add_recommendation(supervision, clerk, "Đề nghị sửa chữa đường vào trường học")
    before_edit = db.session.scalar(
        select(Revision)
        .where(Revision.record_type == supervision.public_type, Revision.record_id == supervision.id)
        .order_by(Revision.id.desc())
        .limit(1)
    )
    edit_recommendation(added, clerk, "Đề nghị sửa chữa đường và cổng trường học", None, "open", None)
    publishing.restore(supervision, before_edit, clerk)
    with app.test_request_context():
        url = history_url(supervision)
    page = client.get(url).get_data(as_text=True)
    history = page[page.index('<article class="history">') : page.index("</article>")]
    assert re.search(r"#\d", history) is None, history  # no admin revision number
    notes = re.findall(r"Ghi chú của cơ quan: <span lang=\"vi\">([^<]*)<", history)
    # Adding and editing say what they did in the list of changes; only the restore and the seed keep a note.
    assert notes == [
        f"Khôi phục nội dung của phiên bản ngày {vndate(before_edit.at)}",
        "Nạp dữ liệu khởi tạo từ báo cáo năm 2020",
    ]
    assert "Thêm kiến nghị" in history and "Đề nghị sửa chữa đường vào trường học" in history
