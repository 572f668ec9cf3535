"""Empty states that explain (issue 15, item 8): a section with no single records says what the report holds
instead and hides filters that cannot filter anything; a filter that matches nothing says so with a way
out; the per-agency view says what it will show once petitions are entered."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db
from portal.models import Petition, VoterMeetingRound
from portal.services import publishing


def test_petitions_without_single_petitions_explain_and_show_no_filters(client):
    page = client.get("/petitions").get_data(as_text=True)
    assert "Chưa có kiến nghị riêng lẻ nào được công bố" in page
    assert 'class="filters' not in page and "Lọc kết quả" not in page
    assert 'id="ket-qua-tong-hop"' in page  # what the report holds instead, on the same page


def test_the_agency_view_says_what_it_will_show(client):
    page = client.get("/petitions?view=agency").get_data(as_text=True)
    assert "Cách xem này sẽ liệt kê từng cơ quan chịu trách nhiệm trả lời" in page
    assert 'class="filters' not in page


def test_a_filter_that_matches_nothing_says_so_and_offers_the_whole_list(client):
    page = client.get("/resolutions?year=1999").get_data(as_text=True)
    assert "Không có nghị quyết nào khớp với bộ lọc đã chọn" in page
    assert '<a href="/resolutions">Bỏ lọc, xem toàn bộ danh sách</a>' in page
    assert 'class="filters' in page  # the filters stay, so the reader can change them


def test_a_filter_with_no_values_to_choose_is_left_out(client, app):
    round_ = db.session.scalar(select(VoterMeetingRound).order_by(VoterMeetingRound.id).limit(1))
    petition = Petition(
        round=round_,
        text="Đề nghị lắp đèn chiếu sáng ngõ 5",
        level="city",
        slug="kn-rong",
        petition_status="in_progress",
        voter_accepted="unknown",
    )
    publishing.save(petition, None, None)
    publishing.publish(petition, None)
    page = client.get("/petitions").get_data(as_text=True)
    assert 'class="filters' in page and 'name="status"' in page
    assert 'name="agency"' not in page  # no petition names an agency yet: the list would offer only "Tất cả"
    assert "Chưa có kiến nghị riêng lẻ nào" not in page
