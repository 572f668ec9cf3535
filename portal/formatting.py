"""Vietnamese number and date formatting: the one helper every page and chart uses."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from flask import Flask


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def number(value: int | float | Decimal | None, places: int = 0, lang: str = "vi") -> str:
    """Format a number the Vietnamese way: 390.463 and 93,2 (English: 390,463 and 93.2)."""
    if value is None:
        return "—"
    thousands, decimal_mark = (".", ",") if lang == "vi" else (",", ".")
    quantum = Decimal(1).scaleb(-places)
    d = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if d < 0 else ""
    whole, _, frac = f"{abs(d):f}".partition(".")
    text = _group(whole, thousands)
    return sign + text + (decimal_mark + frac if frac else "")


def smart_number(value: int | float | Decimal | None, lang: str = "vi") -> str:
    """Format with as many decimals as the value carries (at most two), none for whole numbers."""
    if value is None:
        return "—"
    d = Decimal(str(value)).normalize()
    places = max(0, min(2, -d.as_tuple().exponent))
    return number(d, places, lang)


def percent(value: int | float | Decimal | None, lang: str = "vi") -> str:
    """Format a percentage as the report does: 93,2%."""
    return "—" if value is None else smart_number(value, lang) + "%"


def vndate(value: date | datetime | None, lang: str = "vi") -> str:
    """Format a date as 28/7/2020 (no leading zeros, as Vietnamese documents write it)."""
    if value is None:
        return "—"
    if lang == "en":
        return value.strftime("%-d %B %Y")
    return f"{value.day}/{value.month}/{value.year}"


def vndatetime(value: datetime | None, lang: str = "vi") -> str:
    if value is None:
        return "—"
    return (
        f"{vndate(value, lang)} {value.hour:02d}:{value.minute:02d}"  # as the office's times: 28/7/2020 14:05
    )


# The words of a report's section references, for English pages; the numbering stays as written.
SECTION_WORDS_EN = (
    ("Mở đầu", "Introduction"),
    ("Chú thích", "Footnote"),
    ("Phụ lục", "Appendix"),
    ("Phần", "Part"),
    ("Mục", "Section"),
    ("mục", "section"),
)


def section_ref(value: str | None, lang: str = "vi") -> str:
    """A source's section reference ("Phần I, I.3.2") in the page's language ("Part I, I.3.2")."""
    if not value or lang != "en":
        return value or ""
    for vi, en in SECTION_WORDS_EN:
        value = value.replace(vi, en)
    return value


def register(app: Flask) -> None:
    from portal import page_language as lang

    app.add_template_filter(lambda v, p=0: number(v, p, lang()), "num")
    app.add_template_filter(lambda v: smart_number(v, lang()), "snum")
    app.add_template_filter(lambda v: percent(v, lang()), "pct")
    app.add_template_filter(lambda v: vndate(v, lang()), "vndate")
    app.add_template_filter(lambda v: vndatetime(v, lang()), "vndatetime")
    app.add_template_filter(lambda v: section_ref(v, lang()), "section_ref")
