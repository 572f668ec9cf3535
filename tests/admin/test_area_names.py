"""Other names of a ward or commune: entered by the office with dates, shown with the current name on
the public pages that show the area, and in the API (Popolo other_names)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import Area, AreaOtherName, AuditEvent, Petition
from portal.services.publishing import publish, save
from tests.admin.support import idempotency_from

OLD_NAME = "Phường Thử Nghiệm Cũ"


@pytest.fixture
def dong_kinh(app) -> Area:
    return _db.session.scalar(select(Area).where(Area.name == "Đông Kinh"))


@pytest.fixture
def petition_in_dong_kinh(app, dong_kinh, petition) -> Petition:
    petition.area = dong_kinh
    save(petition, None)
    publish(petition, None)
    return petition


def add_name(client, area: Area, **fields):
    page = client.get(f"/admin/areas/{area.id}/names").get_data(as_text=True)
    return client.post(
        f"/admin/areas/{area.id}/names", data={"idempotency_token": idempotency_from(page), **fields}
    )


def test_an_other_name_shows_beside_the_current_one_with_its_dates(
    app, publisher_client, dong_kinh, petition_in_dong_kinh, city_council
):
    resp = add_name(
        publisher_client,
        dong_kinh,
        name=OLD_NAME,
        start_date="2010-01-01",
        end_date="2025-06-30",
        note="Nghị quyết 1672/NQ-UBTVQH15",
    )
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
    assert OLD_NAME in publisher_client.get("/admin/areas/").get_data(as_text=True)
    event = _db.session.scalar(select(AuditEvent).where(AuditEvent.action == "area_name_add"))
    assert event.council_id == city_council.id  # the ward's delegate group is the city council's

    page = app.test_client().get(f"/petitions/{petition_in_dong_kinh.id}", follow_redirects=True)
    html = page.get_data(as_text=True)
    assert f'Phường Đông Kinh <span class="other-names">(tên khác: {OLD_NAME}, 1/1/2010 – 30/6/2025)' in html

    api = (
        app.test_client()
        .get(f"/api/v1/petitions/{petition_in_dong_kinh.id}", follow_redirects=True)
        .get_json()
    )
    assert api["area_other_names"] == [
        {
            "name": OLD_NAME,
            "start_date": "2010-01-01",
            "end_date": "2025-06-30",
            "note": "Nghị quyết 1672/NQ-UBTVQH15",
        }
    ]


def test_an_other_name_is_checked(app, publisher_client, dong_kinh):
    ended_first = add_name(
        publisher_client, dong_kinh, name=OLD_NAME, start_date="2025-07-01", end_date="2020-01-01"
    )
    assert ended_first.status_code == 422
    assert "Ngày kết thúc không được trước ngày bắt đầu." in ended_first.get_data(as_text=True)
    same = add_name(publisher_client, dong_kinh, name="phường đông kinh")
    assert same.status_code == 422 and "Phường, xã này đã có tên “phường đông kinh”." in same.get_data(
        as_text=True
    )
    assert _db.session.scalars(select(AreaOtherName)).all() == []


def test_a_clerk_of_another_council_cannot_rename_the_citys_wards(app, ward_admin_client, dong_kinh):
    listed = ward_admin_client.get("/admin/areas/").get_data(as_text=True)
    assert "Phường Đông Kinh" not in listed
    assert (
        ward_admin_client.post(f"/admin/areas/{dong_kinh.id}/names", data={"name": OLD_NAME}).status_code
        == 403
    )
    assert _db.session.scalars(select(AreaOtherName)).all() == []
