"""Configuration: every environment variable the portal reads is read here, once."""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _hosts(name: str) -> list[str] | None:
    return [h.strip() for h in (_env(name) or "").split(",") if h.strip()] or None


class Config:
    """Settings shared by every environment."""

    SECRET_KEY = _env("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = _env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'instance' / 'portal.db'}")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # How long a SQLite write waits for another writer's lock before the request answers 503.
    SQLITE_BUSY_TIMEOUT_MS = int(_env("SQLITE_BUSY_TIMEOUT_MS", "10000"))
    SEARCH_BACKEND = _env("SEARCH_BACKEND", "whoosh")
    SEARCH_INDEX_DIR = _env("SEARCH_INDEX_DIR", str(BASE_DIR / "search_index"))
    # PostgreSQL search ranking: "window" (bounded candidate window), "rum" or "auto".
    SEARCH_PG_RANKING = _env("SEARCH_PG_RANKING", "window")
    # tantivy counts a search's facets in another thread, beside its page, when this many documents may
    # match (docs/SEARCH.md); 0: always, a number above the record count: never (hosts whose cores are busy).
    SEARCH_TANTIVY_FACETS_IN_THREAD_FROM = int(_env("SEARCH_TANTIVY_FACETS_IN_THREAD_FROM", "2000"))
    # thread: each web process drains the outbox in a background thread; worker/off: it does
    # not (run `flask search worker`, or drain explicitly as the tests do).
    SEARCH_INDEXER = _env("SEARCH_INDEXER", "thread")
    SEARCH_POLL_SECONDS = float(_env("SEARCH_POLL_SECONDS", "1.0"))
    SEARCH_TIME_LIMIT = float(_env("SEARCH_TIME_LIMIT", "3.0"))
    # Search answers kept per process until the index changes (portal/search/answers.py); 0 keeps none.
    SEARCH_ANSWER_CACHE = int(_env("SEARCH_ANSWER_CACHE", "512"))
    # Rendered anonymous pages kept per process until the data version moves (portal/page_cache.py);
    # 0 turns the page cache off.
    PAGE_CACHE_BYTES = int(_env("PAGE_CACHE_BYTES", str(32 << 20)))
    UPLOAD_DIR = _env("UPLOAD_DIR", str(BASE_DIR / "uploads"))
    MAX_CONTENT_LENGTH = int(_env("MAX_UPLOAD_MB", "20")) * 1024 * 1024
    HOST = _env("HOST", "127.0.0.1")
    PORT = int(_env("PORT", "5000"))
    PROXY_FIX_HOPS = int(_env("PROXY_FIX_HOPS", "0"))
    # The site's own host: absolute URLs (API, feeds, sitemap, Link headers) are built on SERVER_NAME and
    # PREFERRED_URL_SCHEME, and a request for any host outside TRUSTED_HOSTS is answered 400. Unset in
    # development and tests (any host); production requires SERVER_NAME and trusts only it by default.
    SERVER_NAME = _env("SERVER_NAME")
    PREFERRED_URL_SCHEME = _env("PREFERRED_URL_SCHEME", "http")
    TRUSTED_HOSTS = _hosts("TRUSTED_HOSTS")
    SITE_NAME = "Hội đồng nhân dân thành phố Lạng Sơn"
    # Councils (SPEC §12). With PORTAL_COUNCIL (a council's slug) the site is that one council's, on the
    # short paths (/resolutions/...). Without it the portal holds every council: /<council-slug>/... for
    # each, and the short paths of the single-council site answer 301 for ever - a record's to its
    # council's page, a list's to the section of PORTAL_LEGACY_COUNCIL (the council that site was).
    PORTAL_COUNCIL = _env("PORTAL_COUNCIL")
    PORTAL_LEGACY_COUNCIL = _env("PORTAL_LEGACY_COUNCIL", "hdnd-tp-lang-son")
    PORTAL_NAME = _env("PORTAL_NAME", "Hội đồng nhân dân tỉnh Lạng Sơn và các xã, phường")
    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    LANGUAGES = ("vi", "en")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = None
    # Admin sessions: the signed cookie itself expires, and an idle clerk is signed out.
    PERMANENT_SESSION_LIFETIME = int(_env("ADMIN_SESSION_HOURS", "8")) * 3600
    ADMIN_IDLE_MINUTES = int(_env("ADMIN_IDLE_MINUTES", "30"))
    # Login throttling, counted on failures only: per client address, per account from one address,
    # and a higher per-account ceiling whose wait grows (15 minutes, then a day) for guessing spread
    # over many addresses. The database holds the counters (shared by every gunicorn worker) unless
    # REDIS_URL is set.
    RATELIMIT_STORAGE_URI = _env("REDIS_URL", "portal-sql://")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_LIMIT_PER_IP = _env("LOGIN_LIMIT_PER_IP", "20 per 15 minutes")
    LOGIN_LIMIT_PER_ACCOUNT_ADDRESS = _env("LOGIN_LIMIT_PER_ACCOUNT_ADDRESS", "5 per 15 minutes")
    LOGIN_LIMIT_PER_ACCOUNT = _env("LOGIN_LIMIT_PER_ACCOUNT", "20 per 15 minutes;50 per day")
    # argon2id cost (argon2-cffi's defaults: 3 passes over 64 MiB, about 0.2 s here).
    ARGON2_TIME_COST = int(_env("ARGON2_TIME_COST", "3"))
    ARGON2_MEMORY_KIB = int(_env("ARGON2_MEMORY_KIB", "65536"))
    # Text extraction from uploaded PDFs runs in a child process under these limits.
    PDF_EXTRACT_CPU_SECONDS = int(_env("PDF_EXTRACT_CPU_SECONDS", "10"))
    PDF_EXTRACT_MEMORY_MB = int(_env("PDF_EXTRACT_MEMORY_MB", "512"))
    # Text responses and static assets compressed for phones on slow networks. CSV stays uncompressed and streamed.
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_STREAMS = True  # static files are streamed; CSV (text/csv) is not in the list and stays streamed
    COMPRESS_MIMETYPES = [
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/atom+xml",
        "application/xml",
        "text/xml",
        "text/calendar",
        "image/svg+xml",
    ]
    TESTING = False
    DEBUG = False


class DevelopmentConfig(Config):
    """Local development: a throwaway secret is acceptable here and only here."""

    SECRET_KEY = _env("SECRET_KEY", "dev-only-not-secret")
    DEBUG = False


class TestConfig(Config):
    """Tests: paths are overridden per test with tmp_path."""

    SECRET_KEY = "test-secret"
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    RATELIMIT_STORAGE_URI = "memory://"
    # Cheap hashes so the suite stays fast; the hash still is argon2id, verified the same way.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_KIB = 1024
    SEARCH_INDEXER = "off"
    # The single-council site of the starter data, on its short paths; tests/councils/ runs the portal
    # of several councils.
    PORTAL_COUNCIL = "hdnd-tp-lang-son"
    # Off unless a test turns it on (tests/public/test_page_cache.py): most tests change the data
    # behind the app's back (fixtures, frozen clocks) and must see every page rendered.
    PAGE_CACHE_BYTES = 0


class ProductionConfig(Config):
    """Production: refuses to start without a secret and a database."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True

    @classmethod
    def check(cls) -> None:
        for name in ("SECRET_KEY", "DATABASE_URL", "SERVER_NAME"):
            if not _env(name):
                raise RuntimeError(f"Thiếu biến môi trường {name}: cấu hình production không thể khởi động.")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestConfig,
    "production": ProductionConfig,
}


def config_for(name: str | None = None) -> type[Config]:
    """Return the configuration class named by PORTAL_ENV (default development)."""
    name = name or _env("PORTAL_ENV", "development")
    if name not in CONFIGS:
        raise RuntimeError(f"PORTAL_ENV không hợp lệ: {name!r} (development, testing, production)")
    cls = CONFIGS[name]
    if cls is ProductionConfig:
        ProductionConfig.check()
        cls = type(
            "ProductionConfigLoaded",
            (ProductionConfig,),
            {
                "SECRET_KEY": _env("SECRET_KEY"),
                "SQLALCHEMY_DATABASE_URI": _env("DATABASE_URL"),
                "SERVER_NAME": _env("SERVER_NAME"),
                "TRUSTED_HOSTS": _hosts("TRUSTED_HOSTS") or [_env("SERVER_NAME").split(":")[0]],
                "PREFERRED_URL_SCHEME": _env("PREFERRED_URL_SCHEME", "https"),
            },
        )
    return cls
