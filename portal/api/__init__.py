"""Open data: read-only, versioned JSON and CSV at /api/v1."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from portal.api import search  # noqa: E402,F401
