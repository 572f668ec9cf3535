"""Drafts are absent from every public output: every public GET route in app.url_map (pages, API,
feeds, sitemap once merged), for list routes and for each draft's own slug or id."""

from __future__ import annotations

from portal.admin.registry import TYPES
from portal.extensions import db
from tests.admin.support import idempotency_from
from tests.admin.test_xss import form_values, public_get_rules, urls_for

MARKER = "Bảnnhápbímậtxyz"


def test_drafts_never_appear_publicly(app, editor_client):
    drafts = []
    for spec in TYPES:
        values = {
            k: (f"{MARKER} {k}" if v.startswith("Nội dung") else v) for k, v in form_values(spec).items()
        }
        page = editor_client.get(f"/admin/{spec.key}/new").get_data(as_text=True)
        resp = editor_client.post(
            f"/admin/{spec.key}/new", data={"idempotency_token": idempotency_from(page), **values}
        )
        assert resp.status_code == 302, spec.key
        drafts.append(db.session.get(spec.model, int(resp.headers["Location"].rstrip("/").split("/")[-1])))
    client = app.test_client()
    seen = 0
    for rule in public_get_rules(app):
        for url in urls_for(rule, drafts) if rule.arguments else [rule.rule]:
            resp = client.get(url)
            body = resp.get_data(as_text=True)
            resp.close()
            seen += 1
            assert MARKER not in body, url
            if rule.arguments:
                assert resp.status_code in (404, 400), (url, resp.status_code)
    assert seen > 0
