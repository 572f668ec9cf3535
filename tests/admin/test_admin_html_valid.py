"""Every page a clerk uses in the council office is valid HTML by the Nu HTML Checker (one vnu run)."""

from __future__ import annotations

import io
import json
import subprocess
from datetime import date
from pathlib import Path

from sqlalchemy import select

from portal.admin.registry import TYPES
from portal.extensions import db as _db
from portal.models import Area, Recommendation, Revision, User, VoterMeetingRound
from portal.services.areas import add_other_name
from portal.services.publishing import save
from portal.services.recommendations import add_recommendation, edit_recommendation, withdraw_recommendation
from tests.admin.support import login, refresh_csrf
from tests.admin.test_imports import GOOD_PETITIONS, ROUND, csv_bytes

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def first(model, *where):
    return _db.session.scalar(select(model).where(*where).order_by(model.id).limit(1))


def record_pages() -> dict[str, str]:
    """List, new form, edit form and detail of every record kind the office edits."""
    pages = {}
    for spec in TYPES:
        record = first(spec.model)
        assert record is not None, f"no {spec.key} record to open"
        pages[f"{spec.key}-list"] = f"/admin/{spec.key}/"
        pages[f"{spec.key}-new"] = f"/admin/{spec.key}/new"
        pages[f"{spec.key}-edit"] = f"/admin/{spec.key}/{record.id}/edit"
        pages[f"{spec.key}-detail"] = f"/admin/{spec.key}/{record.id}"
    return pages


def history_pages(report, users) -> dict[str, str]:
    """A record's revision list and the diff of an edit against the seeded version."""
    report.title = "Báo cáo kết quả hoạt động năm 2020 (bản sửa)"
    save(report, _db.session.merge(users["publisher"]), "Sửa trích yếu")
    revision = _db.session.scalar(
        select(Revision)
        .where(Revision.record_type == "document", Revision.record_id == report.id)
        .order_by(Revision.id.desc())
    )
    base = f"/admin/documents/{report.id}"
    return {
        "revisions": f"{base}/revisions",
        "revision-diff": f"{base}/revisions/{revision.id}",
        "attachments": f"{base}/attachments",
    }


def row_section_pages(petition, users) -> dict[str, str]:
    """A supervision with its recommendations (one edited, one withdrawn), their forms and its history with
    the row changes; a round with its petitions and its history; status forms."""
    recommendation = first(Recommendation)
    supervision = recommendation.supervision
    publisher = _db.session.merge(users["publisher"])
    edit_recommendation(
        recommendation, publisher, recommendation.text, None, "in_progress", date(2021, 6, 30)
    )
    withdraw_recommendation(supervision.recommendations[1], publisher, "Trùng với kiến nghị khác.")
    add_recommendation(supervision, publisher, "Kiến nghị thêm để kiểm tra trang.", None, "open", None)
    revision = _db.session.scalar(
        select(Revision)
        .where(Revision.record_type == "supervision", Revision.record_id == supervision.id)
        .order_by(Revision.id)
    )
    round_ = _db.session.get(VoterMeetingRound, petition.round_id)
    base = f"/admin/supervisions/{supervision.id}"
    return {
        "supervision-with-recommendations": base,
        "supervision-history": f"{base}/revisions",
        "supervision-revision-diff": f"{base}/revisions/{revision.id}",
        "recommendation-edit": f"/admin/recommendations/{recommendation.id}/edit",
        "recommendation-withdraw": f"/admin/recommendations/{recommendation.id}/withdraw",
        "round-history": f"/admin/voter-meetings/{round_.id}/revisions",
        "recommendation-update": f"/admin/recommendations/{recommendation.id}/update",
        "round-with-petitions": f"/admin/voter-meetings/{round_.id}",
        "round-petition-statuses": f"/admin/voter-meetings/{round_.id}/petition-statuses",
        "petition-status": f"/admin/petitions/{petition.id}/status",
    }


def save_page(client, directory: Path, name: str, path: str, expected: int = 200) -> None:
    resp = client.get(path)
    assert resp.status_code == expected, (name, path, resp.status_code)
    (directory / f"{name}.html").write_text(resp.get_data(as_text=True), encoding="utf-8")


def save_response(directory: Path, name: str, resp, expected: int) -> None:
    assert resp.status_code == expected, (name, resp.status_code)
    (directory / f"{name}.html").write_text(resp.get_data(as_text=True), encoding="utf-8")


def save_form_pages(admin_client, directory: Path) -> None:
    """A record form sent back with errors, and the bulk-import previews (good and bad file)."""
    resp = admin_client.post("/admin/resolutions/new", data={})
    save_response(directory, "resolutions-new-errors", resp, 422)
    bad = csv_bytes(
        "round,area,text,level,agency,status,due_by", f"{ROUND},Đông Kinh,Kiến nghị,city,,xong rồi,"
    )
    for name, data, status in (("import-preview", GOOD_PETITIONS, 200), ("import-preview-errors", bad, 422)):
        resp = admin_client.post(
            "/admin/imports/petitions/preview",
            content_type="multipart/form-data",
            data={"file": (io.BytesIO(data), "kien-nghi.csv")},
        )
        save_response(directory, name, resp, status)


def save_sign_in_pages(app, users, directory: Path) -> None:
    anonymous = app.test_client()
    save_page(anonymous, directory, "login", "/admin/login")
    half = app.test_client()
    resp = login(half, users["publisher"].email)
    assert resp.headers["Location"].endswith("/admin/login/totp")
    save_page(half, directory, "login-totp", "/admin/login/totp")
    newcomer = app.test_client()
    login(newcomer, users["publisher_no_totp"].email)
    refresh_csrf(newcomer)
    save_page(newcomer, directory, "totp-enrol", "/admin/account/totp")


def run_vnu(directory: Path) -> list[tuple[str, str, str]]:
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(directory)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    return [
        (Path(m.get("url", "")).name, m.get("message"), m.get("extract", "")[:80])
        for m in messages
        if m.get("type") == "error"
    ]


def test_every_admin_page_is_valid_html(app, users, admin_client, report, petition, city_council, tmp_path):
    area = first(Area, Area.name == "Đông Kinh")
    add_other_name(area, "Phường Thử Nghiệm Cũ", date(2010, 1, 1), date(2025, 6, 30), None, "Kiểm tra trang")
    pages = {
        "council-transfer": f"/admin/organizations/{city_council.id}/transfer",
        "areas": "/admin/areas/",
        "area-names": f"/admin/areas/{area.id}/names",
        "dashboard": "/admin/",
        "audit": "/admin/audit",
        "users": "/admin/users/",
        "user-new": "/admin/users/new",
        "imports": "/admin/imports",
        "password": "/admin/account/password",
        "totp-enrolled": "/admin/account/totp",
        **record_pages(),
        **history_pages(report, users),
        **row_section_pages(petition, users),
    }
    editor = _db.session.scalar(select(User).where(User.email == users["editor"].email))
    pages["user-edit"] = f"/admin/users/{editor.id}"
    for name, path in pages.items():
        save_page(admin_client, tmp_path, name, path)
    save_page(admin_client, tmp_path, "not-found", "/admin/resolutions/999999", 404)
    save_form_pages(admin_client, tmp_path)
    resp = admin_client.post(pages["recommendation-edit"], data={"text": " ", "due": "31/12"})
    save_response(tmp_path, "recommendation-edit-errors", resp, 422)
    save_sign_in_pages(app, users, tmp_path)
    assert run_vnu(tmp_path) == []
    assert len(list(tmp_path.glob("*.html"))) == len(pages) + 8
