"""WSGI entry point: gunicorn wsgi:app, flask --app wsgi."""

from portal import create_app

try:
    app = create_app()
except RuntimeError as exc:
    # A configuration error (missing SECRET_KEY or DATABASE_URL): say which, in one line.
    raise SystemExit(str(exc)) from None
