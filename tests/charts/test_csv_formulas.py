"""Every CSV the site writes neutralises cells a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from portal.charts.export import table_csv
from portal.extensions import db as _db
from portal.importers import bulk_import
from portal.models import Session
from portal.services import chart_catalogue
from portal.services.publishing import save

FORMULAS = ["=1+1 Kỳ họp", "+1 Kỳ họp", "-1 Kỳ họp", "@SUM(A1) Kỳ họp", "\tKỳ họp", "\rKỳ họp"]


def cells(data: bytes) -> list[str]:
    assert data.startswith("\ufeff".encode())
    return [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for c in row]


@pytest.mark.parametrize("name", FORMULAS, ids=["equals", "plus", "minus", "at", "tab", "cr"])
def test_a_session_named_like_a_formula_comes_out_as_text_in_chart_csvs(app, client, name):
    session = _db.session.scalar(select(Session).where(Session.status == "published").order_by(Session.id))
    session.name = name
    save(session, None)
    for chart in ("sessions", "questioning"):
        found = cells(client.get(f"/statistics/charts/{chart}.csv").data)
        assert "'" + name in found, chart
        assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in found), chart
        assert not any(c.startswith("-") and not c[1:].replace(".", "").isdigit() for c in found), chart


def test_numbers_stay_numbers(app):
    table = chart_catalogue.build("budget_amounts").table
    found = cells(table_csv(table))
    assert any(c.replace(".", "").isdigit() for c in found) and not any(c.startswith("'") for c in found)


def test_import_templates_are_written_by_the_same_writer(app):
    data = bulk_import.template_bytes("petitions", "csv")
    assert data.startswith("\ufeff".encode()) and data.endswith(b"\r\n")
    assert cells(data)[0] == "round"
