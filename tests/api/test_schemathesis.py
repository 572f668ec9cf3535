"""Property-based tests of the API against its own OpenAPI document (schemathesis 4, every check)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS
from schemathesis.specs.openapi import checks as _openapi_checks  # noqa: F401  registers them

from tests.conftest import _app

MAX_EXAMPLES = 10

# Every check schemathesis has (--checks all): server errors, status codes, content types, headers,
# schemas, negative and positive data, unsupported methods (405 with Allow), and the rest.
ALL_CHECKS = CHECKS.get_all()


@pytest.fixture(scope="module")
def api_app(tmp_path_factory, template_dbs):
    """One seeded app with its index for every operation: the API only reads, so the operations can share
    it (a fresh copy and index per operation cost most of this module's time)."""
    yield from _app(tmp_path_factory.mktemp("schemathesis"), template_dbs["seeded"])


@pytest.fixture(scope="module")
def api_schema(api_app):
    from portal.search import indexer

    indexer.rebuild()  # /api/v1/search answers 503 until the index exists
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", api_app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_conforms_to_the_document(case):
    # The WSGI transport does not decode compressed bodies; ask for them as they are.
    case.call_and_validate(checks=ALL_CHECKS, headers={"Accept-Encoding": "identity"})
