"""URLs: integer path parts bounded to what the database columns hold; the canonical scheme."""

from __future__ import annotations

import builtins

from werkzeug.routing import IntegerConverter, ValidationError

# Record ids are INTEGER columns: 32-bit on PostgreSQL (SQLite's 64-bit INTEGER holds more), so a
# larger number can name no record. Unbounded, it reached the database and failed there with
# OverflowError (SQLite) or "integer out of range" (PostgreSQL): a 500 instead of a 404.
MAX_PATH_INT = 2**31 - 1


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` that answers 404 for a number no database column can hold."""

    def __init__(
        self,
        map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = None,  # noqa: A002
        signed: bool = False,
    ) -> None:
        bounded = MAX_PATH_INT if max is None else builtins.min(max, MAX_PATH_INT)
        super().__init__(map, fixed_digits, min, bounded, signed)

    def to_python(self, value: str) -> int:
        if len(value.lstrip("-")) > len(str(MAX_PATH_INT)):  # never parse thousands of digits
            raise ValidationError()
        return super().to_python(value)


class CanonicalScheme:
    """WSGI middleware: every request is seen under the configured scheme, so url_for(_external=True)
    (on SERVER_NAME) gives the canonical https URL behind a TLS-terminating proxy too."""

    def __init__(self, wsgi_app, scheme: str) -> None:
        self.wsgi_app, self.scheme = wsgi_app, scheme

    def __call__(self, environ, start_response):
        environ["wsgi.url_scheme"] = self.scheme
        return self.wsgi_app(environ, start_response)


def register(app) -> None:
    """Make every `<int:...>` of the app bounded; call before any blueprint is registered. With
    SERVER_NAME configured, absolute URLs also take PREFERRED_URL_SCHEME."""
    app.url_map.converters["int"] = BoundedIntConverter
    if app.config.get("SERVER_NAME"):
        app.wsgi_app = CanonicalScheme(app.wsgi_app, app.config["PREFERRED_URL_SCHEME"])
