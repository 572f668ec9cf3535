"""Readiness of the search index, in words for /readyz."""

from __future__ import annotations

from flask import current_app

from portal.search.base import IndexUnavailable
from portal.search.registry import get_backend


def search_status() -> str:
    """Return "ok", or what is wrong with the search index (in Vietnamese)."""
    try:
        get_backend().verify()
    except IndexUnavailable as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - readiness reports, it never raises
        current_app.logger.warning("readyz search check failed: %s", exc)
        return "Không kiểm tra được chỉ mục tìm kiếm"
    return "ok"
