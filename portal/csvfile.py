"""The site's one CSV writer (API, chart tables, statistics, import templates).

UTF-8 with a BOM so Excel shows Vietnamese, CRLF line ends, numbers machine-readable (dot decimal, no
grouping), and text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) neutralised
with a leading apostrophe: a record named "=HYPERLINK(...)" must reach the reader as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

BOM = "\ufeff"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """Render one cell; formula-like text gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def line(values: Iterable[object]) -> str:
    """One CSV record (with its CRLF) of neutralised cells."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([cell(v) for v in values])
    return buffer.getvalue()


def document(header: Iterable[object], rows: Iterable[Iterable[object]]) -> bytes:
    """A whole CSV file: BOM, header, rows."""
    return (BOM + line(header) + "".join(line(row) for row in rows)).encode("utf-8")
