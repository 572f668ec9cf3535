"""Open data: read-only, versioned JSON and CSV at /api/v1, and its documentation page at /api/."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
docs_bp = Blueprint("api_docs", __name__, url_prefix="/api")

from portal.api import councils, docs, history, http, search, views  # noqa: E402,F401

http.register(bp)
views.register(bp)
history.register(bp)
docs.register(docs_bp)
