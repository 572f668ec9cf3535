"""The office per council: a clerk works in the councils they belong to, with a role in each; a
province-wide account (every account made before councils had their own office) works in all."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import AuditEvent, Resolution, Session, User
from portal.services.accounts import set_councils
from portal.services.publishing import save
from tests.admin.conftest import council_clerk, make_ward_council, seeded_city_council
from tests.admin.races import at_once
from tests.admin.support import PASSWORD, FreshContextClient, idempotency_from, login
from tests.admin.test_imports import GOOD_PETITIONS, preview


def new_resolution(client, council_id: int, title: str):
    page = client.get("/admin/resolutions/new").get_data(as_text=True)
    return client.post(
        "/admin/resolutions/new",
        data={
            "idempotency_token": idempotency_from(page),
            "council_id": str(council_id),
            "title": title,
            "body_text": "Điều 1. Nội dung thử.",
        },
    )


def signed_in(app, user: User):
    client = app.test_client()
    login(client, user.email, secret=user.totp_secret)
    return client


def test_a_clerk_lists_and_creates_only_in_their_council(app, ward_council, city_council, ward_admin_client):
    city_session = _db.session.scalar(select(Session).where(Session.council_id == city_council.id))
    sessions = ward_admin_client.get("/admin/sessions/").get_data(as_text=True)
    assert city_session.name not in sessions
    form = ward_admin_client.get("/admin/resolutions/new").get_data(as_text=True)
    choices = form.split('id="council_id"')[1].split("</select>")[0]
    assert ward_council.name in choices and city_council.name not in choices

    refused = new_resolution(ward_admin_client, city_council.id, "Nghị quyết gửi nhầm sang HĐND khác")
    assert refused.status_code == 422
    assert "Giá trị không có trong danh sách." in refused.get_data(as_text=True)
    made = new_resolution(ward_admin_client, ward_council.id, "Nghị quyết của phường thử nghiệm")
    assert made.status_code == 302
    listed = ward_admin_client.get("/admin/resolutions/").get_data(as_text=True)
    assert "Nghị quyết của phường thử nghiệm" in listed
    assert _db.session.scalar(select(Resolution.council_id).where(Resolution.title.like("%phường thử%"))) == (
        ward_council.id
    )


def test_a_province_wide_account_still_sees_every_council(app, ward_council, publisher_client):
    _db.session.add(Resolution(council=ward_council, title="Nghị quyết phường A", slug="nq-phuong-a"))
    _db.session.commit()
    listed = publisher_client.get("/admin/resolutions/").get_data(as_text=True)
    assert "Nghị quyết phường A" in listed and "Nghị quyết về" in listed  # the city's, from the starter data


def test_the_role_is_the_one_held_in_the_records_council(app, ward_council, city_council):
    """Publisher of the ward, editor of the city: may publish the ward's draft, not the city's."""
    clerk = council_clerk("hai.hdnd@hdnd.example", ward_council, "publisher")
    set_councils(clerk, {ward_council.id: "publisher", city_council.id: "editor"})
    _db.session.commit()
    ward_draft = Resolution(council=ward_council, title="Dự thảo của phường", slug="du-thao-phuong")
    city_draft = Resolution(council=city_council, title="Dự thảo của thành phố", slug="du-thao-tp")
    _db.session.add_all([ward_draft, city_draft])
    _db.session.commit()
    client = signed_in(app, clerk)
    city_page = client.get(f"/admin/resolutions/{city_draft.id}")
    assert city_page.status_code == 200  # an editor of the city reads its drafts...
    assert "Công bố lên cổng thông tin" not in city_page.get_data(
        as_text=True
    )  # ...and is offered no publish
    token = idempotency_from(client.get(f"/admin/resolutions/{ward_draft.id}").get_data(as_text=True))
    for record, expected in ((city_draft, 403), (ward_draft, 302)):
        resp = client.post(f"/admin/resolutions/{record.id}/publish", data={"idempotency_token": token})
        assert resp.status_code == expected, record.title
    _db.session.expire_all()
    assert (
        _db.session.get(Resolution, ward_draft.id).status,
        _db.session.get(Resolution, city_draft.id).status,
    ) == (
        "published",
        "draft",
    )


def test_the_audit_log_of_a_council_shows_its_own_events(
    app, ward_council, ward_admin_client, editor_client, city_council
):
    assert new_resolution(editor_client, city_council.id, "Nghị quyết của thành phố").status_code == 302
    assert new_resolution(ward_admin_client, ward_council.id, "Nghị quyết của phường").status_code == 302
    log = ward_admin_client.get("/admin/audit").get_data(as_text=True)
    assert "editor@hdnd.example" not in log and "quantri.phuong@hdnd.example" in log
    events = _db.session.scalars(select(AuditEvent).where(AuditEvent.action == "create")).all()
    assert sorted(e.council_id for e in events) == sorted([city_council.id, ward_council.id])


def test_an_import_into_another_councils_round_names_each_row(app, ward_admin_client, editor_client):
    resp = preview(ward_admin_client, "petitions", GOOD_PETITIONS)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert html.count("thuộc HĐND mà bạn không được phân công") == 2
    assert preview(editor_client, "petitions", GOOD_PETITIONS).status_code == 200


def test_a_council_admin_manages_only_its_councils_accounts(app, ward_council, ward_admin_client, users):
    listed = ward_admin_client.get("/admin/users/").get_data(as_text=True)
    assert "quantri.phuong@hdnd.example" in listed and "editor@hdnd.example" not in listed
    page = ward_admin_client.get("/admin/users/new").get_data(as_text=True)
    base = {"email": "bientap.phuong@hdnd.example", "name": "Biên tập phường", "role": "editor",
            "password": PASSWORD, "csrf_token": page.split('name="csrf_token" type="hidden" value="')[1][:200].split('"')[0]}  # fmt: skip
    refused = ward_admin_client.post("/admin/users/new", data=base)
    assert refused.status_code == 422 and "Chọn ít nhất một HĐND mà bạn quản trị." in refused.get_data(
        as_text=True
    )
    assert (
        ward_admin_client.post(
            "/admin/users/new", data={**base, "councils": str(ward_council.id)}
        ).status_code
        == 302
    )
    made = _db.session.scalar(select(User).where(User.email == "bientap.phuong@hdnd.example"))
    assert not made.province_wide and [(m.council_id, m.role) for m in made.councils] == [
        (ward_council.id, "editor")
    ]
    assert ward_admin_client.get(f"/admin/users/{users['admin'].id}").status_code == 403


def test_cli_creates_council_and_province_accounts(app, runner, ward_council, city_council, monkeypatch):
    monkeypatch.setenv("PORTAL_PASSWORD", PASSWORD)
    result = runner.invoke(
        args=[
            "users",
            "create",
            "a@hdnd.example",
            "--role",
            "publisher",
            "--council",
            ward_council.slug,
            "--council",
            f"{city_council.slug}:editor",
        ]  # fmt: skip
    )
    assert result.exit_code == 0, result.output
    assert "hdnd-phuong-thu-nghiem: Người duyệt đăng" in result.output
    for email, extra in (("b@hdnd.example", ["--council", "*"]), ("c@hdnd.example", [])):
        result = runner.invoke(args=["users", "create", email, "--role", "admin", *extra])
        assert result.exit_code == 0 and "toàn tỉnh" in result.output, result.output
    result = runner.invoke(
        args=["users", "create", "d@hdnd.example", "--role", "editor", "--council", "khong-co"]
    )
    assert result.exit_code != 0 and "Không tìm thấy HĐND có mã “khong-co”." in result.output
    _db.session.expire_all()
    users = {u.email: u for u in _db.session.scalars(select(User))}
    assert {m.council_id: m.role for m in users["a@hdnd.example"].councils} == {
        ward_council.id: "publisher",
        city_council.id: "editor",
    }
    assert not users["a@hdnd.example"].province_wide
    assert users["b@hdnd.example"].province_wide and users["c@hdnd.example"].province_wide
    assert "d@hdnd.example" not in users


def test_clerks_of_two_councils_publishing_at_once(race_app):
    """Each publishes their own council's draft at the same moment: both succeed, each event is filed
    under its council, and neither clerk could have published the other's draft (SQLite, PostgreSQL)."""
    race_app.test_client_class = FreshContextClient
    ward, city = make_ward_council(), seeded_city_council()
    drafts, clients = [], []
    for council, email in ((city, "tp@hdnd.example"), (ward, "phuong@hdnd.example")):
        draft = Resolution(
            council=council, title=f"Dự thảo của {council.short_name}", slug=f"dt-{council.id}"
        )
        save(draft, None)
        drafts.append(draft.id)
        clients.append(signed_in(race_app, council_clerk(email, council, "publisher")))
    for client, other in zip(clients, reversed(drafts), strict=True):
        assert client.get(f"/admin/resolutions/{other}").status_code == 403

    def publish(client, record_id):
        token = idempotency_from(client.get(f"/admin/resolutions/{record_id}").get_data(as_text=True))
        return lambda: client.post(
            f"/admin/resolutions/{record_id}/publish", data={"idempotency_token": token}
        )

    results = at_once(*(publish(c, d) for c, d in zip(clients, drafts, strict=True)))
    assert [getattr(r, "status_code", r) for r in results] == [302, 302]
    _db.session.expire_all()
    assert [_db.session.get(Resolution, d).status for d in drafts] == ["published", "published"]
    events = _db.session.execute(
        select(AuditEvent.actor_label, AuditEvent.council_id).where(AuditEvent.action == "publish")
    ).all()
    assert sorted(events) == sorted([("tp@hdnd.example", city.id), ("phuong@hdnd.example", ward.id)])


def test_the_header_names_the_clerks_own_councils_office(app, ward_council, ward_admin_client, admin_client):
    ward_page = ward_admin_client.get("/admin/").get_data(as_text=True)
    assert "Văn phòng Hội đồng nhân dân phường Thử Nghiệm</span>" in ward_page
    assert "Văn phòng Hội đồng nhân dân thành phố Lạng Sơn" not in ward_page
    # A province-wide account of this single-council site works for the site's own council.
    province = admin_client.get("/admin/").get_data(as_text=True)
    assert "Văn phòng Hội đồng nhân dân thành phố Lạng Sơn</span>" in province
