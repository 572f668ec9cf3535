"""URL converters: integer path parts bounded to what the database columns hold."""

from __future__ import annotations

import builtins

from werkzeug.routing import IntegerConverter, ValidationError

# Record ids are INTEGER columns: 32-bit on PostgreSQL (SQLite's 64-bit INTEGER holds more), so a
# larger number can name no record. Unbounded, it reached the database and failed there with
# OverflowError (SQLite) or "integer out of range" (PostgreSQL): a 500 instead of a 404.
MAX_PATH_INT = 2**31 - 1


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` that answers 404 for a number no database column can hold."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = None,  # noqa: A002
                 signed: bool = False) -> None:
        bounded = MAX_PATH_INT if max is None else builtins.min(max, MAX_PATH_INT)
        super().__init__(map, fixed_digits, min, bounded, signed)

    def to_python(self, value: str) -> int:
        if len(value.lstrip("-")) > len(str(MAX_PATH_INT)):  # never parse thousands of digits
            raise ValidationError()
        return super().to_python(value)


def register(app) -> None:
    """Make every `<int:...>` of the app bounded; call before any blueprint is registered."""
    app.url_map.converters["int"] = BoundedIntConverter
