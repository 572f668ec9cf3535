"""The only module that reads HX-* headers: full page or fragment from the same URL."""

from __future__ import annotations

from flask import Response, make_response, render_template
from htmx_flask import request


def is_partial() -> bool:
    """True for an htmx request that wants only the fragment (not a history restore)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def render_page_or_fragment(page: str, fragment: str, **context) -> Response:
    """Render the fragment for htmx, the full page otherwise; the response varies on HX-Request."""
    template = fragment if is_partial() else page
    response = make_response(render_template(template, **context))
    response.headers.add("Vary", "HX-Request")
    return response
