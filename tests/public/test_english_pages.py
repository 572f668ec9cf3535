"""English complete (issue 15, item 3): every public page type in English has no Vietnamese outside elements
marked lang="vi" (record content stays Vietnamese and is marked so; quoted words and abbreviations aside)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Petition, VoterMeetingRound
from portal.search.documents import iter_documents
from portal.search.registry import get_backend
from portal.services import publishing
from portal.services.chart_catalogue import BUILDERS
from tests.public.test_routes import PAGES, starter_urls
from tests.support.vietnamese_text import vietnamese_outside_lang_vi

SECTION_PAGES = [
    *PAGES,
    "/budget",
    "/statistics",
    *(f"/statistics/charts/{name}" for name in BUILDERS),
    "/search",
    "/search?q=ng%C3%A2n+s%C3%A1ch",
    "/search?q=zzzzqqq",
    "/resolutions?year=abc",
    "/khong-co-trang-nay",
    "/api/",
]


def english(client, path: str) -> list[str]:
    resp = client.get(path + ("&" if "?" in path else "?") + "lang=en", follow_redirects=True)
    assert resp.status_code in (200, 400, 404), (path, resp.status_code)
    html = resp.get_data(as_text=True)
    assert '<html lang="en">' in html, path
    return vietnamese_outside_lang_vi(html)


@pytest.mark.parametrize("path", SECTION_PAGES)
def test_section_pages_in_english_have_no_vietnamese_chrome(client, path):
    if path.startswith("/search?"):
        get_backend().rebuild(iter_documents())
    assert english(client, path) == []


def test_every_record_page_and_its_history_in_english_has_no_vietnamese_chrome(app, client):
    round_ = db.session.scalar(select(VoterMeetingRound).order_by(VoterMeetingRound.id).limit(1))
    petition = Petition(
        round=round_,
        text="Đề nghị sửa đường vào khu dân cư",
        level="city",
        slug="kn-en",
        petition_status="in_progress",
        voter_accepted="unknown",
    )
    publishing.save(petition, None, None)
    publishing.publish(petition, None)
    urls = [*starter_urls(app), f"/petitions/{petition.id}", f"/petitions/{petition.id}/history"]
    urls += [u + "/history" for u in urls if u.startswith(("/resolutions/", "/sessions/", "/documents/"))][:6]
    failures = {url: found for url in urls if (found := english(client, url))}
    assert failures == {}


def test_the_checker_finds_vietnamese_chrome():
    html = (
        '<html lang="en"><body><h1>Sessions</h1><p>Tìm kiếm</p><p lang="vi">Kỳ họp thứ Mười ba</p>'
        '<p>Search for “ngân sách” in HĐND documents of Lạng Sơn</p><nav aria-label="Đường dẫn"></nav>'
    )
    assert vietnamese_outside_lang_vi(html) == ["Tìm kiếm", "@aria-labelĐường dẫn"]


def test_a_record_s_session_is_labelled_in_the_singular(client):
    resolution = "/resolutions/nghi-quyet-ve-viec-dieu-chinh-ke-hoach-dau-tu-cong-trung-han-05-nam-2016-2020"
    round_ = "/voter-meetings/tiep-xuc-cu-tri-sau-ky-hop-thu-muoi-ba"
    for page in (resolution, round_):
        assert "<dt>Session</dt>" in client.get(page + "?lang=en").get_data(as_text=True)
        assert "<dt>Kỳ họp</dt>" in client.get(page + "?lang=vi").get_data(as_text=True)
