"""Numbers as Vietnamese clerks type them: a dot groups thousands, a comma marks decimals."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^-?\d+([.,]\d+)?$")


class NumberError(ValueError):
    """Not a number a clerk meant; the message says how to write one."""


def parse_decimal(raw: str | int | float | Decimal) -> Decimal:
    """Read 390.463 as 390463, 93,2 as 93.2, 1.234,5 as 1234.5; plain 93.2 stays 93.2."""
    if isinstance(raw, (int, Decimal)):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    text = raw.strip().replace("\u00a0", "").replace(" ", "")
    if _GROUPED.match(text):
        text = text.replace(".", "").replace(",", ".")
    elif _PLAIN.match(text):
        text = text.replace(",", ".")
    else:
        raise NumberError(f"“{raw[:30]}” không phải là số (ví dụ đúng: 390.463 hoặc 93,2).")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise NumberError(f"“{raw[:30]}” không phải là số.") from exc


def parse_int(raw: str | int | float | Decimal) -> int:
    """Read a whole number (390.463 → 390463); refuse fractions."""
    value = parse_decimal(raw)
    if value != value.to_integral_value():
        raise NumberError(f"“{str(raw)[:30]}” phải là số nguyên.")
    return int(value)
