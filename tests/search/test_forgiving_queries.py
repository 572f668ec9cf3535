"""Queries as citizens really type them (tests/search/data/forgiving_queries.tsv) find the
right starter-data record first or in the top three, on every backend.  A case whose class
does not work yet is a strict xfail with the reason in the data file."""

from __future__ import annotations

import pytest

from portal.search.query import execute
from tests.search.corpus import EXTRA_DOCUMENTS
from tests.search.forgiving import load_cases, passes

# The backend fixture also holds the contract's extra documents; the set is about the
# starter data's records, so those are left out of the ranking.
EXTRA = {doc.key for doc in EXTRA_DOCUMENTS}

CASES = [
    pytest.param(case, id=f"{case.kind}-{case.query}",
                 marks=[pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else [])
    for case in load_cases()
]  # fmt: skip


def test_the_set_covers_every_class_with_enough_queries():
    cases = load_cases()
    kinds = {case.kind for case in cases}
    assert len(cases) >= 60
    assert {"numbers", "telex", "split", "abbreviations", "spelling", "long", "dates"} <= kinds


@pytest.mark.parametrize("case", CASES)
def test_forgiving_query_finds_its_record(backend, case):
    hits = execute(backend, case.query, per_page=20).result.hits
    keys = [hit.key for hit in hits if hit.key not in EXTRA]
    assert passes(keys, case), (case.query, keys[:3])
