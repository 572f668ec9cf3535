"""Property-based tests of the API against its own OpenAPI document (schemathesis 4)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi import checks as openapi_checks

MAX_EXAMPLES = 10

# Passed explicitly: schemathesis 4.1.4 registers the OpenAPI checks only when their module is
# imported, and call_and_validate() alone would then run nothing but not_a_server_error.
CHECKS = [
    not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_headers_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.negative_data_rejection,
    openapi_checks.positive_data_acceptance,
]


@pytest.fixture
def api_schema(app):
    from portal.search import indexer

    indexer.rebuild()  # /api/v1/search answers 503 until the index exists
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_conforms_to_the_document(case):
    # The WSGI transport does not decode compressed bodies; ask for them as they are.
    case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})
