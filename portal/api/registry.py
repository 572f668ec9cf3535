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
    record_type: RecordType

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def spec(self) -> ListSpec:
        return self.record_type.listing

    @property
    def serializer(self) -> Serializer:
        return self.record_type.api

    @property
    def title(self) -> str:
        return self.record_type.label  # the API speaks Vietnamese, whatever the site's language

    @property
    def description(self) -> str:
        return self.record_type.api_description

    @property
    def model(self) -> type:
        return self.record_type.model

    @property
    def endpoint(self) -> str:
        return self.name.replace("-", "_")


RESOURCES: dict[str, Resource] = {
    r.name: r for r in (Resource(t) for t in RECORD_TYPES if t.list_spec and t.serializer)
}
