"""The public site: anonymous, GET-only, cacheable."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from portal.public import home, search  # noqa: E402,F401
