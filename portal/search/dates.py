"""Dates in queries: "17/12/2019", "17-12-2019", "ngày 17 tháng 12", "tháng 12/2019".

A date the reader types is not free text (the words ``ngày``/``tháng``/``năm`` and the
digits need not stand in the record): it becomes one clause that a record satisfies when
its own date falls on it (the index holds ``date:2019-12-17``, ``date:2019-12`` and
``date:12-17`` for a record dated 17 December 2019, in the keyword field of its own
number) or when its text writes that date (``17/12/2019``, ``ngày 17 tháng 12 năm 2019``);
records dated on it are boosted like a record's own number, so they come first.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

PREFIX = "date:"
_DAY = r"(?:ng[aà]y\s+)"
_MONTH = r"(?:th[aá]ng\s+)"
_YEAR = r"(?:n[aă]m\s+)"
_SEP = r"\s*[/.-]\s*"
# Most specific first: a full date, then a day and month, then a month and year.
_PATTERNS = [
    # 17/12/2019, 17-12-2019, 17.12.2019, ngày 17/12/2019
    ("ymd", re.compile(rf"{_DAY}?(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<y>\d{{4}})", re.I)),
    # (ngày) 17 tháng 12 (năm 2019 | /2019)
    (
        "ymd",
        re.compile(
            rf"{_DAY}?(?P<d>\d{{1,2}})\s+{_MONTH}(?P<m>\d{{1,2}})"
            rf"(?:\s+{_YEAR}|{_SEP})(?P<y>\d{{4}})",
            re.I,
        ),
    ),  # fmt: skip
    ("md", re.compile(rf"{_DAY}(?P<d>\d{{1,2}})(?:\s+{_MONTH}|{_SEP})(?P<m>\d{{1,2}})", re.I)),
    # tháng 12/2019, tháng 12 năm 2019, tháng 12-2019
    ("ym", re.compile(rf"{_MONTH}(?P<m>\d{{1,2}})(?:\s+{_YEAR}|{_SEP})(?P<y>\d{{4}})", re.I)),
]
# A date never continues into more digits or letters (``17/12/2019/NQ`` is a number).
_AROUND = re.compile(r"[\w/]")


class QueryDate(NamedTuple):
    """A date typed in a query: where it stands, its index term and the ways text writes it."""

    start: int
    end: int
    term: str
    written: tuple[str, ...]


def date_terms(iso: str) -> list[str]:
    """Return the index terms of a record's ISO date (day, month, day of any year)."""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return []
    return [f"{PREFIX}{day.isoformat()}", f"{PREFIX}{day:%Y-%m}", f"{PREFIX}{day:%m-%d}"]


def _valid(kind: str, d: int, m: int, y: int) -> bool:
    try:
        date(y if "y" in kind else 2000, m, d if "d" in kind else 1)
    except ValueError:
        return False
    return 1900 <= y <= 2100 if "y" in kind else True


def _date(kind: str, match: re.Match[str]) -> QueryDate | None:
    """Return the query date of one match, or None if it is no calendar date."""
    groups = match.groupdict()
    d, m, y = (int(groups.get(name) or 0) for name in ("d", "m", "y"))
    if not _valid(kind, d, m, y):
        return None
    if kind == "ymd":
        term = f"{y:04}-{m:02}-{d:02}"
        written = (f"{d}/{m}/{y}", f"ngày {d} tháng {m} năm {y}")
    elif kind == "md":
        term, written = f"{m:02}-{d:02}", (f"{d}/{m}", f"ngày {d} tháng {m}")
    else:
        term, written = f"{y:04}-{m:02}", (f"{m}/{y}", f"tháng {m} năm {y}")
    return QueryDate(match.start(), match.end(), PREFIX + term, written)


def find_dates(text: str) -> list[QueryDate]:
    """Return the dates typed in a query, in order, none overlapping another."""
    found: list[QueryDate] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            if (start and _AROUND.match(text, start - 1)) or _AROUND.match(text, end):
                continue
            if (typed := _date(kind, match)) is not None:
                found.append(typed)
                taken.append((start, end))
    return sorted(found)


def without_dates(text: str, dates: list[QueryDate]) -> str:
    """Return text with the typed dates blanked out (offsets kept)."""
    for typed in dates:
        text = text[: typed.start] + " " * (typed.end - typed.start) + text[typed.end :]
    return text
