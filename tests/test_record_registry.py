"""The record registry (portal/records) is the one list of public types: every audience knows each
declared type, and none knows a type the registry lacks."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from flask import url_for

from portal import records
from portal.admin import registry as admin_registry
from portal.api import serializers
from portal.api.fields import Serializer
from portal.api.registry import RESOURCES
from portal.feeds.entries import FEEDS
from portal.feeds.sitemap import FILE_TYPES
from portal.models import Base
from portal.models.base import PublicRecord
from portal.public_urls import record_path
from portal.search import documents
from portal.search.query import facet_labels
from portal.services import list_specs, listing
from portal.vocabulary import VOCABULARY

TYPES = records.RECORD_TYPES


def constants(module, kind) -> list:
    return [value for value in vars(module).values() if isinstance(value, kind)]


def test_every_public_model_is_declared_once_under_its_own_key():
    public_models = {m.class_ for m in Base.registry.mappers if issubclass(m.class_, PublicRecord)}
    assert {t.model for t in TYPES} == public_models
    assert len({t.key for t in TYPES}) == len(TYPES)
    assert all(t.key == t.model.public_type for t in TYPES)
    assert {t.key: t.model for t in TYPES} == records.PUBLIC_MODELS


def test_every_pointer_leads_to_a_piece_of_the_same_model():
    for t in TYPES:
        assert t.listing is None or (
            isinstance(t.listing, listing.ListSpec) and t.listing.model is t.model
        ), t.key
        assert t.api is None or isinstance(t.api, Serializer), t.key
        assert t.indexed is None or (
            isinstance(t.indexed, documents.Indexed) and t.indexed.model is t.model
        ), t.key
        assert t.form is None or (isinstance(t.form, admin_registry.TypeSpec) and t.form.model is t.model), (
            t.key
        )
        assert t.status_vocabulary is None or t.status_vocabulary in VOCABULARY, t.key


@pytest.mark.parametrize(
    ("module", "kind", "attribute"),
    [
        (list_specs, listing.ListSpec, "listing"),
        (serializers, Serializer, "api"),
        (documents, documents.Indexed, "indexed"),
        (admin_registry, admin_registry.TypeSpec, "form"),
    ],
)
def test_no_audience_declares_a_piece_no_type_points_at(module, kind, attribute):
    declared = [getattr(t, attribute) for t in TYPES if getattr(t, attribute) is not None]
    assert sorted(map(id, constants(module, kind))) == sorted(map(id, declared))


def test_each_audience_table_holds_exactly_the_declared_types(app):
    assert {r.model for r in RESOURCES.values()} == {t.model for t in TYPES if t.list_spec and t.serializer}
    assert {s.model for s in admin_registry.TYPES} == {t.model for t in TYPES if t.admin}
    assert set(documents.indexed()) == {t.key for t in TYPES if t.search}
    assert set(FEEDS) == {t.feed for t in TYPES if t.feed}
    assert set(FILE_TYPES.values()) == {t.model for t in TYPES if t.own_page}
    labels = facet_labels({})
    assert set(labels["type"]) == {t.key for t in TYPES if t.search}
    for t in TYPES:
        if t.search and t.status_vocabulary:
            assert set(VOCABULARY[t.status_vocabulary]) <= set(labels["status"]), t.key


def test_every_type_is_served_where_it_is_declared(app, client):
    endpoints = set(app.view_functions)
    for t in TYPES:
        assert t.page in endpoints and (t.section is None or t.section in endpoints), t.key
        if t.list_spec and t.serializer:
            name = t.listing.name.replace("-", "_")
            assert {f"api.{name}_list", f"api.{name}_detail"} <= endpoints, t.key
            assert client.get(f"/api/v1/{t.listing.name}").status_code == 200, t.key
        if t.admin:
            assert client.get(f"/admin/{t.form.key}/").status_code in (302, 401), t.key  # login first
        if t.feed:
            assert client.get(f"/feeds/{t.feed}.atom").status_code == 200, t.key
        if t.sitemap:  # the route knows the name (a type without records has no file yet)
            assert app.url_map.bind("localhost").test(f"/sitemap-{t.sitemap}-1.xml"), t.key
    assert all(endpoint in endpoints for endpoint, _ in records.NAVIGATION)


def test_every_type_has_an_address_built_from_the_columns_it_declares(app):
    with app.test_request_context():
        for t in TYPES:
            stand_in = SimpleNamespace(public_type=t.key, id=7, slug="mau", year=2020, number=3)
            values = {name: getattr(stand_in, name) for name in ("id", *t.address_columns)}
            path = record_path(SimpleNamespace(public_type=t.key, **values))
            assert path.startswith(url_for(t.page, **t.address(stand_in)).split("#")[0]), t.key


def test_type_names_are_translated(app):
    with app.test_request_context(headers={"Cookie": "lang=en"}, query_string={"lang": "en"}):
        english = {t.key: t.title for t in TYPES}
    assert english["person"] == "People" and english["resolution"] == "Resolutions"
    assert all(english[t.key] != t.label for t in TYPES), english
