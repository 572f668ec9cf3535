"""Plain Vietnamese for citizens: record dates that say what they are, counts explained in words, section
references in the page's language, and budget gaps framed as questions."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import Document, Resolution, Session


def updated_line(html: str) -> str:
    found = re.search(r'<p class="updated">(.*?)</p>', html, re.S)
    return found.group(1) if found else ""


def test_a_record_never_corrected_shows_the_date_of_its_source_not_a_recent_update(app, client):
    # the 2020 report gives no date of its own: the figures are the source's, posted here on a date
    resolution = _db.session.scalar(select(Resolution).where(Resolution.status == "published"))
    line = updated_line(client.get(f"/resolutions/{resolution.slug}").get_data(as_text=True))
    assert line.startswith("Số liệu theo văn bản nguồn đã dẫn (văn bản không ghi ngày); đăng trên cổng ngày ")
    assert line.endswith(", chưa sửa đổi.")
    # a source with a date gives the figures' date
    resolution.source_document = _db.session.scalar(select(Document).where(Document.number == "1107/TB-HĐND"))
    _db.session.commit()
    resolution.published_at = resolution.updated_at  # as if published with that source, not corrected since
    _db.session.commit()
    line = updated_line(client.get(f"/resolutions/{resolution.slug}").get_data(as_text=True))
    assert line == "Số liệu theo văn bản ngày 2/11/2020."


def test_a_record_sourced_from_a_dated_report_gives_the_report_date(app, client):
    resolution = _db.session.scalar(select(Resolution).where(Resolution.status == "published"))
    resolution.source_document = _db.session.scalar(select(Document).where(Document.number == "113/BC-UBND"))
    _db.session.commit()
    resolution.published_at = resolution.updated_at
    _db.session.commit()
    html = client.get(f"/resolutions/{resolution.slug}").get_data(as_text=True)
    assert updated_line(html) == "Số liệu theo báo cáo ngày 18/2/2020."
    english = client.get(f"/resolutions/{resolution.slug}?lang=en").get_data(as_text=True)
    assert updated_line(english) == "Figures as of the report of 18 February 2020."


def test_the_footer_dates_the_portal_data_not_the_records(client):
    for page in ("/", "/resolutions", "/budget"):
        html = client.get(page).get_data(as_text=True)
        footer = html[html.index('<footer class="site-footer">') :]
        assert re.search(
            r'Cổng thông tin cập nhật dữ liệu gần nhất ngày <time datetime="[^"]+">\d{1,2}/\d{1,2}/\d{4}</time>\.',
            footer,
        )
        assert "Cập nhật lần cuối" not in html
    english = client.get("/?lang=en").get_data(as_text=True)
    assert re.search(
        r'The portal last updated its data on <time datetime="[^"]+">\d{1,2} [A-Z][a-z]+ \d{4}</time>\.',
        english,
    )


def test_the_programme_never_corrected_gives_its_source_not_an_update(client):
    html = client.get("/programme/2021").get_data(as_text=True)
    assert "Cập nhật lần cuối" not in html
    assert updated_line(html).startswith(("Số liệu theo", "Đăng trên cổng ngày"))


def test_a_record_corrected_after_publishing_says_when(app, client):
    resolution = _db.session.scalar(select(Resolution).where(Resolution.status == "published"))
    resolution.published_at = resolution.updated_at - timedelta(days=3)
    _db.session.commit()
    line = updated_line(client.get(f"/resolutions/{resolution.slug}").get_data(as_text=True))
    assert line.startswith("Cập nhật lần cuối:")


def test_a_session_whose_resolutions_are_only_counted_says_so_in_words(app, client):
    session = _db.session.scalar(select(Session).where(Session.number == 11))
    html = client.get(f"/sessions/{session.slug}").get_data(as_text=True)
    assert "Báo cáo chỉ nêu số lượng, chưa nêu tên từng nghị quyết." in html
    assert "0 nghị quyết" not in html


def test_section_references_read_in_the_page_language(client):
    vi = client.get("/voter-meetings/tiep-xuc-cu-tri-sau-ky-hop-thu-muoi-ba").get_data(as_text=True)
    en = client.get("/voter-meetings/tiep-xuc-cu-tri-sau-ky-hop-thu-muoi-ba?lang=en").get_data(as_text=True)
    assert ", Phần I" in vi and "mục Phần" not in vi
    assert ", Part I" in en and "Phần I" not in en.split("<main", 1)[1].split("</main>", 1)[0]


def test_a_budget_gap_lists_possible_reasons_as_questions_without_concluding(client):
    html = client.get("/budget").get_data(as_text=True)
    gap = html[html.index('class="budget-check is-gap"') :]
    gap = gap[: gap.index("</article>")]
    assert "Dự toán có được điều chỉnh, bổ sung trong năm không?" in gap
    assert "dự toán thành phố giao đầu năm" in gap and "cổng không kết luận" in gap
    assert "ngụ ý" not in html and "Cách báo cáo gọi căn cứ" not in html
