"""The forgiving-query set (``data/forgiving_queries.tsv``): queries as citizens type them,
each with the starter-data record that must come first or in the top three."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).with_name("data") / "forgiving_queries.tsv"


class Case(NamedTuple):
    """One query of the set; ``xfail`` gives the reason when the class does not work yet."""

    kind: str
    query: str
    expected: str
    within: int
    xfail: str = ""


def load_cases() -> list[Case]:
    """Return the cases of the data file, in order."""
    cases = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, query, expected, within, *rest = line.split("\t")
        cases.append(Case(kind, query, expected, int(within), rest[0] if rest else ""))
    return cases


def passes(keys: list[str], case: Case) -> bool:
    """Tell whether the expected record is within the case's first places."""
    return case.expected in keys[: case.within]
