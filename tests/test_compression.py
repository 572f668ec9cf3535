"""Responses are compressed for clients that ask, and decode to the same content."""

import gzip
import json


def test_api_json_is_gzipped_on_request_and_decodes_to_the_same_data(client):
    plain = client.get("/api/v1/sessions").get_json()
    packed = client.get("/api/v1/sessions", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert json.loads(gzip.decompress(packed.get_data())) == plain


def test_vendored_htmx_is_compressed(client):
    resp = client.get("/static/vendor/htmx/htmx-2.0.11.min.js", headers={"Accept-Encoding": "gzip"})
    assert resp.headers["Content-Encoding"] == "gzip"
    assert len(resp.get_data()) < 25_000
    resp.close()


def test_csv_stays_uncompressed_and_streamed(client):
    resp = client.get("/api/v1/sessions?format=csv", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in resp.headers
    assert resp.get_data().startswith("\ufeff".encode())
