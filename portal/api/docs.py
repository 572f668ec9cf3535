"""The human documentation page of the open data API (Vietnamese, English with ?lang=en), built from the registry."""

from __future__ import annotations

from flask import Blueprint, render_template

from portal.api.openapi import filter_schema
from portal.api.registry import RESOURCES
from portal.vocabulary import N_


def filters_of(resource) -> list[dict]:
    rows = []
    for f in resource.spec.filters:
        schema = filter_schema(f)
        values = schema.get("enum") or []
        rows.append(
            {
                "name": f.name,
                "label": f.label,
                "choices": values[:5],
                "more": max(0, len(values) - 5),
                "kind": N_("năm (số)") if schema["type"] == "integer" else N_("giá trị"),
            }
        )
    return rows


def docs():
    resources = [
        {"resource": r, "filters": filters_of(r), "columns": r.serializer.columns} for r in RESOURCES.values()
    ]
    return render_template("api/docs.html", resources=resources)


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/", "docs", docs)
