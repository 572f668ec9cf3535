"""A clerk's XSS payloads in every text field of every type come out escaped everywhere they show.

Records are typed in through the office's own forms and published; then every public GET route that
exists (pages, API, feeds — read from app.url_map, so routes added by other parts of the portal are
covered when they are merged) is requested for every record, and no payload may come out live.
"""

from __future__ import annotations

import re

import pytest

from portal.admin.record_forms import REF_SOURCES
from portal.admin.registry import TYPES
from portal.vocabulary import LABELS
from tests.admin.support import idempotency_from

SCRIPT = '<script>alert("xss")</script>'
IMG = '"><img src=x onerror=alert(1)>'
LINK = "[bấm vào đây](javascript:alert(1))"
PAYLOAD = f"Nội dung {SCRIPT} {IMG} {LINK} javascript:alert(2)"
LIVE = [
    re.compile(re.escape(SCRIPT)),
    re.compile(r"<img src=x onerror", re.I),
    re.compile(r"""href=["']?\s*javascript:""", re.I),
]


def form_values(spec) -> dict[str, str]:
    values = {}
    for f in spec.fields:
        if f.kind in ("text", "textarea"):
            values[f.name] = PAYLOAD
        elif f.kind == "choice" and f.required:
            values[f.name] = next(iter(LABELS[f.vocabulary]))
        elif f.kind == "ref" and f.required:
            values[f.name] = str(REF_SOURCES[f.ref]()[0][0])
        elif f.kind == "int" and f.required:
            values[f.name] = {"year": "2099", "number": "77"}.get(f.name, "1")
        elif f.kind == "decimal" and f.required:
            values[f.name] = "1"
    if "body_format" in values:
        values["body_format"] = "markdown"  # the riskier rendering
    return values


def create_and_publish(client, spec) -> int:
    page = client.get(f"/admin/{spec.key}/new").get_data(as_text=True)
    resp = client.post(
        f"/admin/{spec.key}/new", data={"idempotency_token": idempotency_from(page), **form_values(spec)}
    )
    assert resp.status_code == 302, (spec.key, resp.get_data(as_text=True)[-3000:])
    record_id = int(resp.headers["Location"].rstrip("/").split("/")[-1])
    detail = client.get(f"/admin/{spec.key}/{record_id}").get_data(as_text=True)
    assert_escaped(detail, f"admin detail of {spec.key}")
    published = client.post(
        f"/admin/{spec.key}/{record_id}/publish", data={"idempotency_token": idempotency_from(detail)}
    )
    assert published.status_code == 302
    return record_id


def assert_escaped(body: str, where: str) -> None:
    for pattern in LIVE:
        assert not pattern.search(body), f"live payload {pattern.pattern!r} in {where}"


def public_get_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(("admin.", "static")) or "GET" not in rule.methods:
            continue
        yield rule


def urls_for(rule, records: list) -> list[str]:
    if not rule.arguments:
        return [rule.rule]
    if len(rule.arguments) != 1:
        return []
    (arg,) = rule.arguments
    urls = []
    for record in records:
        value = {"slug": record.slug, "id": record.id}.get(arg, record.slug)
        try:
            urls.append(rule.build({arg: value})[1])
        except Exception:  # noqa: BLE001 - a converter that does not take this value
            continue
    return urls


@pytest.fixture
def xss_records(app, publisher_client):
    from portal.extensions import db

    records = []
    for spec in TYPES:
        record_id = create_and_publish(publisher_client, spec)
        db.session.expire_all()
        records.append(db.session.get(spec.model, record_id))
    return records


def test_payloads_are_escaped_on_every_public_output(app, xss_records):
    client = app.test_client()
    checked = 0
    for rule in public_get_rules(app):
        for url in urls_for(rule, xss_records):
            resp = client.get(url)
            body = resp.get_data(as_text=True)
            resp.close()
            if resp.status_code != 200:
                continue
            checked += 1
            content_type = resp.headers.get("Content-Type", "")
            if "json" in content_type or "text/csv" in content_type:
                assert resp.headers["X-Content-Type-Options"] == "nosniff"
                continue  # JSON and CSV are data; with nosniff and their type no browser renders them as HTML
            assert_escaped(body, url)
    assert checked >= 2  # at least the home page and the document page exist already


def test_payload_text_still_reads_as_text(app, xss_records):
    document = next(r for r in xss_records if r.public_type == "document")
    html = app.test_client().get(f"/documents/{document.slug}").get_data(as_text=True)
    assert "&lt;script&gt;" in html  # shown to the reader as the characters the clerk typed


def test_admin_lists_escape_payloads(publisher_client, xss_records):
    for spec in TYPES:
        assert_escaped(publisher_client.get(f"/admin/{spec.key}/").get_data(as_text=True), spec.key)
    assert_escaped(publisher_client.get("/admin/audit").get_data(as_text=True), "audit")
