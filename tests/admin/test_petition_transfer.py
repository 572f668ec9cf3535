"""Transfer of an ended council's open petitions to the unit that now answers them: a dated
"Chuyển giao" entry on each public timeline, the former body kept, a revision and an audit event."""

from __future__ import annotations

from datetime import date

import pytest
from flask import url_for
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.models import AuditEvent, Organization, Petition, PetitionStatusChange, Revision
from portal.services.publishing import publish, save
from tests.admin.support import idempotency_from

PAGE = "/admin/organizations/{}/transfer"


@pytest.fixture
def receiving_unit(app) -> Organization:
    unit = Organization(kind="executive", name="Ủy ban nhân dân phường Thử Nghiệm", slug="ubnd-phuong-thu")
    _db.session.add(unit)
    _db.session.commit()
    return unit


@pytest.fixture
def open_petitions(app, petition, city_council) -> list[Petition]:
    """The draft petition of the shared fixtures and a published one answered by the city's executive."""
    executive = _db.session.scalar(
        select(Organization).where(Organization.name == "Ủy ban nhân dân thành phố Lạng Sơn")
    )
    published = Petition(
        round=petition.round,
        text="Đề nghị sớm hoàn thành tuyến đường nội thị thử nghiệm.",
        level="city",
        petition_status="scheduled",
        voter_accepted="unknown",
        slug="kien-nghi-cong-bo",
        responsible_agency=executive,
    )
    save(published, None)
    publish(published, None)
    answered = Petition(
        round=petition.round, text="Kiến nghị đã giải quyết.", level="city", petition_status="resolved",
        voter_accepted="unknown", slug="kien-nghi-xong",
    )  # fmt: skip
    save(answered, None)
    return [petition, published]


def post_transfer(client, council_id: int, token: str | None = None, **fields):
    if token is None:
        token = idempotency_from(client.get(PAGE.format(council_id)).get_data(as_text=True))
    return client.post(PAGE.format(council_id), data={"idempotency_token": token, **fields})


def transfers() -> list[PetitionStatusChange]:
    _db.session.expire_all()
    return _db.session.scalars(
        select(PetitionStatusChange).where(PetitionStatusChange.kind == "transfer")
    ).all()


def test_a_publisher_transfers_the_open_petitions_of_the_ended_city_council(
    app, publisher_client, city_council, open_petitions, receiving_unit
):
    assert city_council.dissolved_on == date(2025, 7, 1)
    page = publisher_client.get(PAGE.format(city_council.id)).get_data(as_text=True)
    assert "2 kiến nghị đang chờ giải quyết" in page
    revisions = _db.session.scalar(select(func.count()).select_from(Revision))
    resp = post_transfer(
        publisher_client, city_council.id, to_agency_id=receiving_unit.id, on="2025-07-15", note="Theo sắp xếp đơn vị hành chính"
    )  # fmt: skip
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
    moved = transfers()
    assert sorted(c.petition_id for c in moved) == sorted(p.id for p in open_petitions)
    assert {(c.on, c.to_agency_id) for c in moved} == {(date(2025, 7, 15), receiving_unit.id)}
    assert {c.petition_id: c.from_agency.name if c.from_agency else None for c in moved} == {
        open_petitions[0].id: None,
        open_petitions[1].id: "Ủy ban nhân dân thành phố Lạng Sơn",
    }
    assert all(
        _db.session.get(Petition, p.id).responsible_agency_id == receiving_unit.id for p in open_petitions
    )
    assert _db.session.scalar(select(func.count()).select_from(Revision)) == revisions + 2
    events = _db.session.scalars(select(AuditEvent).where(AuditEvent.action == "petition_transfer")).all()
    assert len(events) == 2 and {e.council_id for e in events} == {city_council.id}

    page = publisher_client.get(PAGE.format(city_council.id)).get_data(as_text=True)
    assert "0 kiến nghị đang chờ giải quyết" in page  # transferred once: not offered again
    again = post_transfer(publisher_client, city_council.id, to_agency_id=receiving_unit.id, on="2025-08-01")
    assert again.status_code == 422 and "không còn kiến nghị nào" in again.get_data(as_text=True)
    assert len(transfers()) == 2

    with app.test_request_context():
        public = url_for("public.petition_detail", petition_id=open_petitions[1].id)
    html = app.test_client().get(public, follow_redirects=True).get_data(as_text=True)
    timeline = html.split('class="timeline"')[1].split("</ol>")[0]
    assert "15/7/2025" in timeline and "Chuyển giao" in timeline
    assert "từ Ủy ban nhân dân thành phố Lạng Sơn sang Ủy ban nhân dân phường Thử Nghiệm" in timeline


def test_no_transfer_for_a_council_that_has_not_ended(app, publisher_client, ward_council, receiving_unit):
    page = publisher_client.get(PAGE.format(ward_council.id)).get_data(as_text=True)
    assert "chưa kết thúc hoạt động" in page and 'name="idempotency_token"' not in page  # no form offered
    resp = post_transfer(
        publisher_client,
        ward_council.id,
        "a-token-from-an-old-page",
        to_agency_id=receiving_unit.id,
        on="2025-07-15",
    )
    assert resp.status_code == 422
    assert "HĐND này chưa kết thúc hoạt động" in resp.get_data(as_text=True)
    assert transfers() == []


def test_no_transfer_dated_before_the_council_ended(
    app, publisher_client, city_council, open_petitions, receiving_unit
):
    resp = post_transfer(publisher_client, city_council.id, to_agency_id=receiving_unit.id, on="2025-06-30")
    assert resp.status_code == 422
    assert "Ngày chuyển giao không được trước ngày HĐND kết thúc hoạt động." in resp.get_data(as_text=True)
    assert transfers() == []


def test_no_transfer_without_rights_on_that_council(
    app, ward_admin_client, editor_client, city_council, open_petitions, receiving_unit
):
    for client in (ward_admin_client, editor_client):
        assert client.get(PAGE.format(city_council.id)).status_code == 403
        resp = client.post(
            PAGE.format(city_council.id), data={"to_agency_id": receiving_unit.id, "on": "2025-07-15"}
        )
        assert resp.status_code == 403
    assert transfers() == []


def test_the_office_names_several_councils_that_took_over(app, publisher_client, city_council, ward_council):
    # A district council's work went to several communes and wards: the office picks each one it has a
    # document for; the transfer form offers them first.
    second = Organization(kind="council", name="Hội đồng nhân dân xã Thử Nghiệm", slug="hdnd-xa-thu-nghiem",
                          status="published", is_sample=True)  # fmt: skip
    _db.session.add(second)
    _db.session.commit()
    edit = f"/admin/organizations/{city_council.id}/edit"
    page = publisher_client.get(edit).get_data(as_text=True)
    assert 'id="successors" multiple name="successors"' in page
    fields = {
        "idempotency_token": idempotency_from(page),
        "kind": "council",
        "name": city_council.name,
        "founded_on": "",
        "dissolved_on": "2025-07-01",
        "successors": [str(ward_council.id), str(second.id)],
    }
    response = publisher_client.post(edit, data=fields)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    _db.session.expire_all()
    assert {c.slug for c in _db.session.get(Organization, city_council.id).successors} == {
        "hdnd-phuong-thu-nghiem",
        "hdnd-xa-thu-nghiem",
    }
    page = publisher_client.get(PAGE.format(city_council.id)).get_data(as_text=True)
    assert "Cơ quan kế thừa: <strong>Hội đồng nhân dân phường Thử Nghiệm</strong>; " in page
    options = page.split('name="to_agency_id"')[1]
    assert options.index("Hội đồng nhân dân xã Thử Nghiệm") < options.index("Ủy ban nhân dân thành phố")
    shown = publisher_client.get(f"/admin/organizations/{city_council.id}").get_data(as_text=True)
    assert "Hội đồng nhân dân phường Thử Nghiệm; Hội đồng nhân dân xã Thử Nghiệm" in shown
    # The council cannot take over its own work.
    fields["idempotency_token"] = idempotency_from(publisher_client.get(edit).get_data(as_text=True))
    fields["successors"] = [str(city_council.id)]
    assert publisher_client.post(edit, data=fields).status_code == 422
