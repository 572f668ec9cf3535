"""405 answers carry Allow (RFC 9110), and JSON escapes <, > and & so an echoed query stays inert."""

from __future__ import annotations

import pytest


def api_rules(app):
    return [r for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1") and "<" not in r.rule]


def test_every_api_operation_answers_405_with_allow(app, client):
    rules = api_rules(app)
    assert len(rules) > 5
    for rule in rules:
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            if method in rule.methods:
                continue
            resp = client.open(rule.rule, method=method)
            assert resp.status_code == 405, (method, rule.rule)
            allowed = {m.strip() for m in resp.headers.get("Allow", "").split(",") if m.strip()}
            assert allowed and allowed <= set(rule.methods) and "GET" in allowed, (rule.rule, allowed)
            assert resp.get_json()["error"]["code"] == 405


def test_a_405_page_outside_the_api_carries_allow_too(client):
    resp = client.delete("/")
    assert resp.status_code == 405 and "GET" in resp.headers["Allow"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/resolutions?%3Cscript%3Ealert(1)%3C/script%3E=1",
        "/api/v1/resolutions?year=%3Cscript%3E&a=1%26b",
    ],
)
def test_json_error_bodies_do_not_carry_raw_markup(client, url):
    resp = client.get(url)
    body = resp.get_data(as_text=True)
    assert 400 <= resp.status_code < 500 and resp.is_json
    assert "<" not in body and ">" not in body and "&" not in body
    resp.get_json()  # still valid JSON


def test_json_escapes_decode_back_to_the_text(app):
    assert app.json.dumps({"q": "<script>&"}) == '{"q": "\\u003cscript\\u003e\\u0026"}'
    assert app.json.loads(app.json.dumps({"q": "<script>&"})) == {"q": "<script>&"}
