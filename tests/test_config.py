"""Configuration: production refuses to start without its secrets."""

from __future__ import annotations

import subprocess
import sys

import pytest

from config import ProductionConfig, config_for


def test_production_without_secret_key_names_it(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@127.0.0.1/x")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        config_for("production")


def test_production_without_database_url_names_it(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s3cret")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(RuntimeError, match="DATABASE_URL"):
        config_for("production")


def test_production_with_both_uses_them(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s3cret")
    monkeypatch.setenv("SERVER_NAME", "hdnd.langson.example.vn")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@127.0.0.1/x")
    cfg = config_for("production")
    assert issubclass(cfg, ProductionConfig)
    assert cfg.SECRET_KEY == "s3cret"
    assert cfg.SQLALCHEMY_DATABASE_URI.endswith("/x")
    assert cfg.SESSION_COOKIE_SECURE is True


def test_wsgi_import_fails_with_one_line_message_in_production(tmp_path):
    env = {"PORTAL_ENV": "production", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"],
        env=env,
        capture_output=True,
        text=True,
        cwd=str(__import__("pathlib").Path(__file__).parents[1]),
    )
    assert result.returncode != 0
    assert "Thiếu biến môi trường SECRET_KEY" in result.stderr


def test_unknown_environment_is_refused():
    with pytest.raises(RuntimeError, match="PORTAL_ENV"):
        config_for("staging")
