"""The portal of several councils: each council's section shows its own records, a record is found at its
own council's address, the short paths of the single-council site answer 301, and a council that ended
says so on every page."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.models import Organization
from tests.councils.conftest import CITY, PROVINCE, WARD, published

CITY_RESOLUTION = "điều chỉnh kế hoạch đầu tư công trung hạn"
WARD_RESOLUTION = "Nghị quyết mẫu về chợ dân sinh"


def text(response) -> str:
    return response.get_data(as_text=True)


def test_each_council_section_lists_only_its_own_records(client):
    ward, city = text(client.get(f"/{WARD}/resolutions")), text(client.get(f"/{CITY}/resolutions"))
    assert WARD_RESOLUTION in ward and CITY_RESOLUTION not in ward
    assert CITY_RESOLUTION in city and WARD_RESOLUTION not in city
    sessions = text(client.get(f"/{WARD}/sessions"))
    assert "Kỳ họp thứ Nhất (dữ liệu thử nghiệm)" in sessions and "thứ Mười ba" not in sessions
    # The province council has no records in the data: its budget page shows none of the city's figures.
    assert "390.463" in text(client.get(f"/{CITY}/budget"))
    assert "390.463" not in text(client.get(f"/{PROVINCE}/budget"))


def test_links_inside_a_council_section_stay_in_it(client):
    page = text(client.get(f"/{WARD}/"))
    assert f'href="/{WARD}/resolutions"' in page and 'href="/resolutions"' not in page
    assert "Hội đồng nhân dân phường Mẫu Thử (dữ liệu thử nghiệm)" in page


def test_an_unknown_council_is_a_vietnamese_404(client):
    response = client.get("/hdnd-khong-co-that/resolutions")
    assert response.status_code == 404
    assert 'lang="vi"' in text(response) and "Traceback" not in text(response)


def test_a_record_under_another_councils_path_moves_to_its_own(client, ward):
    response = client.get(f"/{CITY}/resolutions/{ward['resolution']}")
    assert response.status_code == 301
    assert response.headers["Location"] == f"/{WARD}/resolutions/{ward['resolution']}"
    assert client.get(f"/{WARD}/resolutions/no-such-resolution").status_code == 404


def test_short_paths_answer_301_to_the_scoped_address(client, ward):
    listed = client.get("/resolutions?year=2020")
    assert listed.status_code == 301 and listed.headers["Location"] == f"/{CITY}/resolutions?year=2020"
    record = client.get(f"/petitions/{ward['petition']}")
    assert record.status_code == 301 and record.headers["Location"] == f"/{WARD}/petitions/{ward['petition']}"
    assert client.get(record.headers["Location"]).status_code == 200
    assert client.get("/resolutions/no-such-resolution").status_code == 404


def test_a_council_that_ended_says_so_on_every_page(client, ward):
    for path in (f"/{CITY}/", f"/{CITY}/petitions", f"/{CITY}/statistics"):
        page = text(client.get(path))
        assert "đã chấm dứt hoạt động từ ngày 1/7/2025" in page, path
        # The basis is the cited document, linked; the sources name no successor: the banner invents none.
        assert f'Căn cứ: <a href="/{CITY}/documents/nghi-quyet-1672-nq-ubtvqh15">1672/NQ-UBTVQH15</a>' in page
        assert "dữ liệu chưa ghi tên" in page
    assert "chấm dứt hoạt động" not in text(client.get(f"/{WARD}/resolutions"))


def test_the_banner_links_the_council_that_took_over(client, ward):
    # A sample council that ended, taken over by the sample ward council (fixture data only).
    # Its work went to two councils, as a district council's went to several communes and wards in 2025.
    province = db.session.scalar(select(Organization).where(Organization.slug == PROVINCE))
    old = published(
        Organization(),
        kind="council",
        slug="hdnd-xa-mau-cu-thu-nghiem",
        name="Hội đồng nhân dân xã Mẫu Cũ (dữ liệu thử nghiệm)",
        dissolved_on=date(2025, 7, 1),
        successors=[db.session.get(Organization, ward["ward"]), province],
    )
    db.session.add(old)
    db.session.commit()
    page = text(client.get("/hdnd-xa-mau-cu-thu-nghiem/"))
    assert "Hội đồng nhân dân xã Mẫu Cũ (dữ liệu thử nghiệm) đã chấm dứt hoạt động từ ngày 1/7/2025" in page
    both = (
        f'<a href="/{WARD}/">Hội đồng nhân dân phường Mẫu Thử (dữ liệu thử nghiệm)</a>; '
        f'<a href="/{PROVINCE}/">Hội đồng nhân dân tỉnh Lạng Sơn</a>'
    )
    assert both in page
    archive = text(client.get("/")).split('id="h-archive"')[1]
    assert both in archive
    api = {c["slug"]: c for c in client.get("/api/v1/councils").get_json()["items"]}
    assert [s["slug"] for s in api["hdnd-xa-mau-cu-thu-nghiem"]["successors"]] == [WARD, PROVINCE]
    assert [p["slug"] for p in api[WARD]["predecessors"]] == ["hdnd-xa-mau-cu-thu-nghiem"]


def test_the_portal_home_lists_councils_now_and_the_archive(client):
    page = text(client.get("/"))
    before_archive, archive = page.split('id="h-archive"')
    now, latest = before_archive.split('id="h-latest"')
    assert now.index("Hội đồng nhân dân tỉnh Lạng Sơn") < now.index("phường Mẫu Thử")  # province first
    assert f'href="/{PROVINCE}/"' in now and f'href="/{WARD}/"' in now and CITY not in now
    assert f'href="/{CITY}/"' in archive and "chấm dứt hoạt động từ 1/7/2025" in archive
    assert 'action="/search"' in page
    # The newest records of every council, each at its council's address.
    assert f'href="/{WARD}/resolutions/mau-nghi-quyet-cho-dan-sinh"' in latest
    assert f'href="/{CITY}/sessions/' in latest


def test_the_portal_home_finds_councils_by_name_typed_without_diacritics(client):
    found = text(client.get("/?q=lang+son"))
    listed = found.split('id="h-councils"')[1].split('id="h-latest"')[0]
    assert "2 Hội đồng có tên khớp với “lang son”" in listed
    assert (
        f'href="/{PROVINCE}/"' in listed and f'href="/{CITY}/"' in listed and f'href="/{WARD}/"' not in listed
    )
    assert 'value="lang son"' in listed  # the form keeps what was typed
    ward = text(client.get("/?q=MAU+thu")).split('id="h-latest"')[0]
    assert f'href="/{WARD}/"' in ward and f'href="/{PROVINCE}/"' not in ward
    none = text(client.get("/?q=xa+khong+co"))
    assert "Không có Hội đồng nhân dân nào có tên khớp" in none and "Traceback" not in none


def test_the_page_cache_keeps_councils_apart(tmp_path, councils_db):
    import shutil

    from portal import create_app
    from tests.conftest import make_config
    from tests.councils.conftest import MULTI

    db_file = tmp_path / "cached.db"
    shutil.copy(councils_db[0], db_file)
    app = create_app(make_config(tmp_path, db_file, PAGE_CACHE_BYTES=1 << 20, **MULTI))
    client = app.test_client()
    for _ in range(2):  # the second round is served from the cache
        assert WARD_RESOLUTION in text(client.get(f"/{WARD}/resolutions"))
        city = text(client.get(f"/{CITY}/resolutions"))
        assert CITY_RESOLUTION in city and WARD_RESOLUTION not in city
