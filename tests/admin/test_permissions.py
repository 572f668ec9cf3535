"""The permission matrix: every admin route × anonymous / editor / publisher / admin / an administrator
of another council → exact status.

The records the matrix acts on are the city council's (the starter data); the last column is a clerk
with every role in a ward council but none in the city council: every route about one of the city
council's records answers 403, and the routes that list or create answer as for an administrator,
limited to the ward council (tests/admin/test_council_office.py checks what those lists show).

POSTs carry a valid CSRF token and an empty body, so an allowed role gets the form back with its
errors (422) and a refused role gets 403 before any form is read. Adding an admin route without a
row here fails `test_every_admin_route_is_in_the_matrix`.
"""

from __future__ import annotations

import pytest
from flask import url_for
from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import Area, Recommendation, Revision, VoterMeetingRound
from portal.services.attachments import add_attachment
from tests.admin.pdfs import make_pdf

ANON, EDITOR, PUBLISHER, ADMIN, OTHER_COUNCIL = range(5)
L = "login"  # a redirect to the login page

MATRIX: dict[tuple[str, str], tuple] = {
    ("admin.login", "GET"): (200, 302, 302, 302, 302),
    ("admin.login", "POST"): (422, 302, 302, 302, 302),
    ("admin.login_totp", "GET"): (302, 302, 302, 302, 302),
    ("admin.login_totp", "POST"): (302, 302, 302, 302, 302),
    ("admin.dashboard", "GET"): (L, 200, 200, 200, 200),
    ("admin.password_change", "GET"): (L, 200, 200, 200, 200),
    ("admin.password_change", "POST"): (L, 422, 422, 422, 422),
    ("admin.totp_enrol", "GET"): (L, 200, 200, 200, 200),
    ("admin.totp_enrol", "POST"): (L, 422, 200, 200, 200),
    ("admin.record_list", "GET"): (L, 200, 200, 200, 200),
    ("admin.record_new", "GET"): (L, 200, 200, 200, 200),
    ("admin.record_new", "POST"): (L, 422, 422, 422, 422),
    ("admin.record_detail", "GET"): (L, 200, 200, 200, 403),
    ("admin.record_edit", "GET"): (L, 403, 200, 200, 403),
    ("admin.record_edit", "POST"): (L, 403, 422, 422, 403),
    ("admin.record_publish", "POST"): (L, 403, 422, 422, 403),
    ("admin.record_withdraw", "POST"): (L, 403, 422, 422, 403),
    ("admin.revision_list", "GET"): (L, 200, 200, 200, 403),
    ("admin.revision_detail", "GET"): (L, 200, 200, 200, 403),
    ("admin.revision_restore", "POST"): (L, 403, 422, 422, 403),
    ("admin.attachments", "GET"): (L, 200, 200, 200, 403),
    ("admin.attachments", "POST"): (L, 403, 422, 422, 403),
    ("admin.attachment_download", "GET"): (L, 200, 200, 200, 403),
    ("admin.petition_status", "GET"): (L, 403, 200, 200, 403),
    ("admin.petition_status", "POST"): (L, 403, 422, 422, 403),
    ("admin.round_statuses", "GET"): (L, 403, 200, 200, 403),
    ("admin.round_statuses", "POST"): (L, 403, 422, 422, 403),
    ("admin.audit_log", "GET"): (L, 403, 200, 200, 200),
    ("admin.user_list", "GET"): (L, 403, 403, 200, 200),
    ("admin.user_new", "GET"): (L, 403, 403, 200, 200),
    ("admin.user_new", "POST"): (L, 403, 403, 422, 422),
    ("admin.user_edit", "GET"): (L, 403, 403, 200, 403),
    ("admin.user_edit", "POST"): (L, 403, 403, 422, 403),
    ("admin.import_index", "GET"): (L, 200, 200, 200, 200),
    ("admin.import_template", "GET"): (L, 200, 200, 200, 200),
    ("admin.import_preview", "POST"): (L, 422, 422, 422, 422),
    ("admin.import_commit", "POST"): (L, 422, 422, 422, 422),
    ("admin.logout", "POST"): (L, 302, 302, 302, 302),
    ("admin.record_validate", "POST"): (L, 422, 422, 422, 422),
    # the seeded supervision is published: follow-up on it is a publisher's act
    ("admin.recommendation_add", "POST"): (L, 403, 422, 422, 403),
    ("admin.recommendation_update", "GET"): (L, 403, 200, 200, 403),
    ("admin.recommendation_update", "POST"): (L, 403, 422, 422, 403),
    ("admin.recommendation_edit", "GET"): (L, 403, 200, 200, 403),
    ("admin.recommendation_edit", "POST"): (L, 403, 422, 422, 403),
    ("admin.recommendation_remove", "POST"): (L, 403, 422, 422, 403),
    # withdrawing a row the public has seen is a publisher's act, like withdrawing a record
    ("admin.recommendation_withdraw", "GET"): (L, 403, 200, 200, 403),
    ("admin.recommendation_withdraw", "POST"): (L, 403, 422, 422, 403),
    # checking one field of a row form never writes
    ("admin.row_validate", "POST"): (L, 422, 422, 422, 422),
    # a petition added to a round is a new draft: an editor's work
    ("admin.round_petition_add", "POST"): (L, 422, 422, 422, 403),
    # ... and removing a draft petition (never public) is one too
    ("admin.round_petition_remove", "POST"): (L, 422, 422, 422, 403),
    # publishing a round's drafts at once is a publisher's act
    ("admin.round_petitions_publish", "POST"): (L, 403, 422, 422, 403),
    # transferring an ended council's open petitions is a publisher's act in that council
    ("admin.council_transfer", "GET"): (L, 403, 200, 200, 403),
    ("admin.council_transfer", "POST"): (L, 403, 422, 422, 403),
    # every clerk sees their councils' wards and communes; adding a name the public sees is a publisher's act
    ("admin.area_list", "GET"): (L, 200, 200, 200, 200),
    ("admin.area_names", "GET"): (L, 403, 200, 200, 403),
    ("admin.area_names", "POST"): (L, 403, 422, 422, 403),
}


def admin_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("admin."):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def test_every_admin_route_is_in_the_matrix(app):
    found = {(rule.endpoint, method) for rule, method in admin_rules(app)}
    assert found == set(MATRIX)


def test_every_admin_view_declares_its_role(app):
    for endpoint, view in app.view_functions.items():
        if endpoint.startswith("admin.") and endpoint not in ("admin.login", "admin.login_totp"):
            assert getattr(view, "required_role", None) in ("editor", "publisher", "admin"), endpoint


@pytest.fixture
def sample_args(app, users, report, petition, city_council):
    add_attachment(report, "bao-cao.pdf", make_pdf(), None)
    revision = _db.session.scalar(
        select(Revision).where(Revision.record_type == "document", Revision.record_id == report.id)
    )
    round_ = _db.session.scalar(select(VoterMeetingRound).order_by(VoterMeetingRound.id))
    base = {"kind": "documents", "record_id": report.id}
    recommendation = _db.session.scalar(select(Recommendation).order_by(Recommendation.id))
    assert recommendation.supervision.status == "published"
    return {
        "admin.revision_detail": {**base, "revision_id": revision.id},
        "admin.revision_restore": {**base, "revision_id": revision.id},
        "admin.attachment_download": {"attachment_id": report.attachments[0].id},
        "admin.petition_status": {"record_id": petition.id},
        "admin.round_statuses": {"record_id": round_.id},
        "admin.round_petition_add": {"record_id": round_.id},
        "admin.round_petitions_publish": {"record_id": round_.id},
        "admin.record_validate": {"kind": "documents", "name": "title"},
        "admin.recommendation_add": {"record_id": recommendation.supervision_id},
        "admin.recommendation_update": {"recommendation_id": recommendation.id},
        "admin.recommendation_edit": {"recommendation_id": recommendation.id},
        "admin.recommendation_remove": {"recommendation_id": recommendation.id},
        "admin.recommendation_withdraw": {"recommendation_id": recommendation.id},
        "admin.row_validate": {"form": "recommendation", "name": "text"},
        "admin.round_petition_remove": {"record_id": petition.round_id, "petition_id": petition.id},
        "admin.user_edit": {"user_id": users["editor"].id},
        "admin.council_transfer": {"record_id": city_council.id},
        "admin.area_names": {"area_id": _db.session.scalar(select(Area.id).where(Area.name == "Đông Kinh"))},
        "admin.import_template": {"kind": "petitions", "fmt": "csv"},
        "admin.import_preview": {"kind": "petitions"},
        "admin.import_commit": {"kind": "petitions"},
        "admin.record_list": {"kind": "documents"},
        "admin.record_new": {"kind": "documents"},
        "*": base,
    }


def build_url(app, rule, args) -> str:
    values = args.get(rule.endpoint, args["*"])
    with app.test_request_context():
        return url_for(rule.endpoint, **{k: v for k, v in values.items() if k in rule.arguments})


def check_role(app, client, who: int, args) -> list[str]:
    problems = []
    rules = sorted(admin_rules(app), key=lambda rm: rm[0].endpoint == "admin.logout")
    for rule, method in rules:
        expected = MATRIX[(rule.endpoint, method)][who]
        url = build_url(app, rule, args)
        resp = client.open(url, method=method, data={})
        status = resp.status_code
        resp.close()
        if expected == L:
            ok = status == 302 and "/admin/login" in resp.headers["Location"]
        else:
            ok = status == expected
        if not ok:
            problems.append(f"{method} {url}: expected {expected}, got {status}")
    return problems


def test_anonymous(app, anonymous_client, sample_args):
    assert check_role(app, anonymous_client, ANON, sample_args) == []


def test_editor(app, editor_client, sample_args):
    assert check_role(app, editor_client, EDITOR, sample_args) == []


def test_publisher(app, publisher_client, sample_args):
    assert check_role(app, publisher_client, PUBLISHER, sample_args) == []


def test_admin(app, admin_client, sample_args):
    assert check_role(app, admin_client, ADMIN, sample_args) == []


def test_clerk_of_another_council(app, ward_admin_client, sample_args):
    assert check_role(app, ward_admin_client, OTHER_COUNCIL, sample_args) == []


def test_editor_may_edit_drafts(app, editor_client, petition):
    assert editor_client.get(f"/admin/petitions/{petition.id}/edit").status_code == 200


def test_unknown_type_is_404(editor_client):
    assert editor_client.get("/admin/secrets/").status_code == 404
