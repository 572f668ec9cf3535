"""The API's resources, derived from the record registry: one per type with a list and a serializer.

Routes (views.py), the OpenAPI document (openapi.py), the docs page and the tests all read this
table; its entries come from portal/records, so a type declared there is routed, documented and
tested together.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.api.fields import Serializer
from portal.records import RECORD_TYPES, RecordType
from portal.services.listing import ListSpec


@dataclass(frozen=True)
class Resource:
    name: str  # the list's name: /api/v1/<name>
    spec: ListSpec
    serializer: Serializer
    title: str  # the API speaks Vietnamese, whatever the site's language
    description: str
    model: type

    @property
    def endpoint(self) -> str:
        return self.name.replace("-", "_")


def resource(t: RecordType) -> Resource:
    return Resource(t.listing.name, t.listing, t.api, t.label, t.api_description, t.model)


RESOURCES: dict[str, Resource] = {
    t.listing.name: resource(t) for t in RECORD_TYPES if t.list_spec and t.serializer
}
