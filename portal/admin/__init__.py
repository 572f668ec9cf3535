"""The council office: login, roles, CSRF, never cached."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
