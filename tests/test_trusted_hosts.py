"""The Host header is not trusted: in production a wrong Host gets 400, and every absolute URL (API,
Link header, Atom, sitemap, calendar, search feed) is built on SERVER_NAME over https."""

from __future__ import annotations

import re

import pytest

from config import config_for
from portal import create_app
from portal.search import indexer

SITE = "hdnd.langson.example.vn"


@pytest.fixture
def production_app(app, tmp_path, monkeypatch):
    """The production configuration as config_for builds it from the environment, on the test data."""
    monkeypatch.setenv("SECRET_KEY", "s3cret-for-the-test")
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("SERVER_NAME", SITE)
    monkeypatch.delenv("TRUSTED_HOSTS", raising=False)
    monkeypatch.delenv("PREFERRED_URL_SCHEME", raising=False)
    config = type(
        "ProductionOnTestData",
        (config_for("production"),),
        {
            "SEARCH_INDEX_DIR": str(tmp_path / "search_index"),
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "SEARCH_INDEXER": "off",
            "RATELIMIT_STORAGE_URI": "memory://",
        },
    )
    production = create_app(config)
    with production.app_context():
        indexer.rebuild()
    return production


PAGES = [
    "/",
    "/api/v1/",
    "/api/v1/resolutions?per_page=1",
    "/feeds/resolutions.atom",
    "/sitemap.xml",
    "/robots.txt",
    "/sessions.ics",
    "/search.atom?q=ngân+sách",
]


@pytest.mark.parametrize("path", PAGES)
def test_a_foreign_host_gets_400(production_app, path):
    resp = production_app.test_client().get(path, headers={"Host": "evil.example"})
    assert resp.status_code == 400
    assert "evil.example" not in resp.get_data(as_text=True)


@pytest.mark.parametrize("path", PAGES[1:])
def test_absolute_urls_are_on_the_site_over_https(production_app, path):
    client = production_app.test_client()
    # TLS ends at the proxy: the app sees http. Without PORTAL_COUNCIL feeds are per council (a 301 first).
    resp = client.get(path, base_url=f"http://{SITE}", follow_redirects=True)
    assert resp.status_code == 200, path
    text = resp.get_data(as_text=True) + resp.headers.get("Link", "")
    urls = re.findall(r"(?:https?:)?//[A-Za-z0-9.\-:]+", text)
    site_urls = [u for u in urls if SITE in u]
    assert site_urls, (path, text[:300])
    assert all(u.startswith(f"https://{SITE}") for u in site_urls), (path, sorted(set(site_urls)))
    assert "localhost" not in text


def test_the_api_link_header_uses_the_site(production_app):
    resp = production_app.test_client().get("/api/v1/resolutions?per_page=1", base_url=f"http://{SITE}")
    assert resp.headers["Link"].startswith(f"<https://{SITE}/api/v1/resolutions?")


def test_production_requires_server_name(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s3cret")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@127.0.0.1/x")
    monkeypatch.delenv("SERVER_NAME", raising=False)
    with pytest.raises(RuntimeError, match="SERVER_NAME"):
        config_for("production")
    monkeypatch.setenv("SERVER_NAME", f"{SITE}:8443")
    monkeypatch.setenv("TRUSTED_HOSTS", f"{SITE}, www.{SITE}")
    config = config_for("production")
    assert config.PREFERRED_URL_SCHEME == "https"
    assert [SITE, f"www.{SITE}"] == config.TRUSTED_HOSTS


def test_development_and_tests_answer_any_host(client):
    resp = client.get("/api/v1/", headers={"Host": "127.0.0.1:5000"})
    assert resp.status_code == 200
    assert resp.get_json()["openapi"].startswith("http://127.0.0.1:5000/")
