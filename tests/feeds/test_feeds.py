"""Atom feeds: valid Atom, starter data in them, petition status changes as entries, no drafts."""

from __future__ import annotations

from datetime import date

import feedparser
import pytest

from portal.models import Resolution
from portal.services.publishing import withdraw
from tests.api.support import draft_resolution, one, published_petition

KINDS = ["resolutions", "sessions", "supervision", "petitions", "voter-meetings", "documents", "all"]
STARTER_TITLES = {
    "resolutions": "Nghị quyết về nhiệm vụ điều chỉnh quy hoạch xây dựng thành phố Lạng Sơn",
    "sessions": "Kỳ họp thứ Mười bốn HĐND thành phố khóa XX",
    "supervision": "Kiểm tra các mô hình sản xuất tại xã Quảng Lạc",
    "petitions": "Kết quả giải quyết kiến nghị cử tri tại và sau kỳ họp thứ Mười ba",
    "voter-meetings": "Tiếp xúc cử tri sau kỳ họp thứ Mười ba",
    "documents": "Thông báo về dự kiến nội dung kỳ họp thứ Mười bốn",
    "all": "Kỳ họp thứ Mười một HĐND thành phố khóa XX",
}


def parse(client, kind):
    resp = client.get(f"/feeds/{kind}.atom")
    assert resp.status_code == 200
    assert resp.mimetype == "application/atom+xml"
    feed = feedparser.parse(resp.get_data())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


@pytest.mark.parametrize("kind", KINDS)
def test_feed_is_valid_atom_with_starter_data(client, kind):
    feed = parse(client, kind)
    assert feed.feed.language == "vi"
    titles = [e.title for e in feed.entries]
    assert any(t.startswith(STARTER_TITLES[kind]) for t in titles), titles
    for entry in feed.entries:
        assert entry.id.startswith("tag:") and entry.link.startswith("http://localhost/") and entry.updated


def test_each_petition_status_change_is_an_entry(client, app):
    petition = published_petition(
        "Đề nghị nạo vét mương thoát nước khu Phai Luông",
        ((date(2020, 6, 20), "in_progress"), (date(2020, 11, 27), "resolved")),
    )
    entries = [e for e in parse(client, "petitions").entries if f"Kiến nghị số {petition.id} " in e.title]
    assert len(entries) == 2
    assert {e.title.split(":")[0] for e in entries} == {
        f"Kiến nghị số {petition.id} đang giải quyết",
        f"Kiến nghị số {petition.id} đã giải quyết",
    }
    assert all(e.link.endswith(f"/petitions/{petition.id}#status-{e.id.rsplit('/', 1)[1]}") for e in entries)


def test_drafts_are_not_in_feeds(client, app):
    draft = draft_resolution()
    for kind in ("resolutions", "all"):
        assert draft.title not in client.get(f"/feeds/{kind}.atom").get_data(as_text=True)


def test_withdrawn_record_is_a_tombstone_entry(client, app):
    record = one(Resolution, topic="Quy hoạch")
    withdraw(record, None, "Nhập nhầm")
    entries = [e for e in parse(client, "resolutions").entries if e.id.endswith(f"resolution/{record.id}")]
    assert len(entries) == 1
    assert entries[0].title.startswith("Đã rút:")
    assert "Lý do: Nhập nhầm" in entries[0].summary


def test_unknown_feed_is_404(client):
    assert client.get("/feeds/khong-co.atom").status_code == 404


def test_feed_conditional_get(client):
    first = client.get("/feeds/all.atom")
    assert client.get("/feeds/all.atom", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


def test_a_voter_round_entry_gives_its_dates_and_counts(client):
    feed = parse(client, "voter-meetings")
    entry = next(e for e in feed.entries if e.title == "Tiếp xúc cử tri sau kỳ họp thứ Mười một")
    assert "từ 30/12/2019 đến 8/1/2020" in entry.summary and "766 cử tri tham dự" in entry.summary
