"""Petition pages: the report's aggregate outcomes with their source, the timeline, the agency view."""

from datetime import date

from portal.services.publishing import withdraw
from tests.support.petitions import make_petition


def test_petitions_page_shows_the_reported_outcome_counts_with_their_source(client):
    html = client.get("/petitions").get_data(as_text=True)
    assert "Kết quả giải quyết kiến nghị cử tri tại và sau kỳ họp thứ Mười ba" in html
    assert ">26<" in html and ">17<" in html and ">45<" in html
    assert 'href="/documents/bao-cao-1020-bc-ubnd">1020/BC-UBND</a>' in html
    assert "Chưa có kiến nghị riêng lẻ nào được công bố" in html


def test_petition_detail_shows_its_timeline_with_response_documents(app, client):
    petition = make_petition(
        "Sửa chữa rãnh thoát nước khu dân cư",
        status="resolved",
        answered_on=date(2020, 11, 27),
        response_key="doc-1020-bc-ubnd",
        due_by=date(2020, 12, 31),
        history=(
            (date(2020, 6, 20), "in_progress", "Chuyển UBND thành phố", None),
            (date(2020, 11, 27), "resolved", "Đã sửa xong", "doc-1020-bc-ubnd"),
        ),
    )
    html = client.get(f"/petitions/{petition.id}").get_data(as_text=True)
    assert "Sửa chữa rãnh thoát nước khu dân cư" in html
    assert html.index("Chuyển UBND thành phố") < html.index("Đã sửa xong")
    assert "Đã sửa xong" in html and "/documents/bao-cao-1020-bc-ubnd" in html
    assert "Dữ liệu mẫu" in html


def test_overdue_petition_is_flagged(app, client):
    petition = make_petition("Lắp biển báo giao thông", due_by=date(2020, 12, 31))
    assert "Quá hạn trả lời" in client.get(f"/petitions/{petition.id}").get_data(as_text=True)
    assert "Quá hạn" in client.get("/petitions").get_data(as_text=True)


def test_agency_view_states_counts_and_median_without_ranking(app, client):
    make_petition("Kiến nghị A", answered_on=date(2020, 7, 2), response_key="doc-1020-bc-ubnd")
    make_petition("Kiến nghị B", agency_key="org-ubnd-quang-lac", due_by=date(2020, 12, 1))
    html = client.get("/petitions?view=agency").get_data(as_text=True)
    assert "không xếp hạng" in html
    assert html.index("UBND xã Quảng Lạc") < html.index("Ủy ban nhân dân thành phố Lạng Sơn</a></th>")
    assert '<td class="num">20</td>' in html


def test_filters_narrow_petitions_and_unknown_agency_is_400(app, client):
    make_petition("Kiến nghị ở Quảng Lạc", agency_key="org-ubnd-quang-lac")
    make_petition("Kiến nghị ở thành phố")
    html = client.get("/petitions?agency=ubnd-xa-quang-lac").get_data(as_text=True)
    assert "Kiến nghị ở Quảng Lạc" in html and "Kiến nghị ở thành phố" not in html
    assert client.get("/petitions?agency=khong-co").status_code == 400


def test_withdrawn_petition_is_a_tombstone_and_draft_is_404(app, client):
    shown = make_petition("Kiến nghị sẽ bị rút")
    withdraw(shown, None, "Nhập trùng")
    html = client.get(f"/petitions/{shown.id}").get_data(as_text=True)
    assert "Nhập trùng" in html and "Kiến nghị sẽ bị rút" not in html
    draft = make_petition("Kiến nghị nháp", publish_it=False)
    assert client.get(f"/petitions/{draft.id}").status_code == 404
