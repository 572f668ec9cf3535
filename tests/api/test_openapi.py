"""The OpenAPI document covers every API route and describes what the routes answer."""

from __future__ import annotations

import jsonschema
import pytest

from portal.api.openapi import openapi_path
from portal.api.registry import RESOURCES
from portal.services.listing import FORMAT_FILTER_ALIAS


@pytest.fixture
def document(client):
    resp = client.get("/api/v1/openapi.json")
    assert resp.status_code == 200
    return resp.get_json()


def test_document_is_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"]


def test_every_route_of_the_api_blueprint_is_documented(app, document):
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("api.")]
    # lists, details, histories, index, openapi.json, search, councils
    assert len(rules) == 3 * len(RESOURCES) + 4
    for rule in rules:
        assert "GET" in rule.methods
        assert "get" in document["paths"][openapi_path(rule.rule)], rule.rule
    assert len(document["paths"]) == len(rules)


@pytest.mark.parametrize("name", list(RESOURCES))
def test_list_parameters_are_the_html_filters(document, name):
    parameters = {p["name"] for p in document["paths"][f"/api/v1/{name}"]["get"]["parameters"]}
    filters = {f.name for f in RESOURCES[name].spec.filters}
    alias = {FORMAT_FILTER_ALIAS} if "format" in filters else set()  # the sessions' format filter, for CSV
    assert parameters == {"page", "per_page", "format", "council"} | filters | alias


def test_enum_and_slug_filters_list_their_values(document):
    params = {p["name"]: p["schema"] for p in document["paths"]["/api/v1/supervisions"]["get"]["parameters"]}
    assert params["kind"]["enum"] == ["thematic", "regular", "in_session", "inspection"]
    assert "ban-phap-che-hdnd-thanh-pho" in params["body"]["enum"]
    assert params["year"] == {"type": "integer", "minimum": 1900, "maximum": 2100}


def test_the_sessions_format_parameter_serves_output_and_filter(document):
    params = [p for p in document["paths"]["/api/v1/sessions"]["get"]["parameters"] if p["name"] == "format"]
    assert len(params) == 1
    assert params[0]["schema"]["enum"] == ["json", "csv", "in_person", "online", "hybrid"]


@pytest.mark.parametrize("name", list(RESOURCES))
def test_responses_validate_against_the_documented_schemas(client, document, name):
    schemas = document["components"]["schemas"]
    item_schema = {**schemas[name.title().replace("-", "") + "Item"], "components": document["components"]}
    for item in client.get(f"/api/v1/{name}?per_page=100").get_json()["items"]:
        jsonschema.validate(item, item_schema, cls=jsonschema.Draft202012Validator)


def test_index_lists_every_resource(client):
    body = client.get("/api/v1/").get_json()
    assert [r["name"] for r in body["resources"]] == list(RESOURCES)
    assert body["openapi"].endswith("/api/v1/openapi.json")


def test_names_client_generators_use_are_ascii_with_the_vietnamese_beside_them(document):
    assert document["info"]["title"].isascii() and "Dữ liệu mở" in document["info"]["description"]
    tags = {t["name"]: t for t in document["tags"]}
    assert all(name.isascii() for name in tags)
    assert tags["resolutions"]["x-displayName"] == "Nghị quyết"
    for path in document["paths"].values():
        operation = path["get"]
        assert operation["operationId"].isascii() and set(operation["tags"]) <= set(tags)
