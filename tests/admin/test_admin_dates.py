"""One date format in the council office too (issue 15, item 4): 6/5/2020, never 2020-12-18 or 06/05/2020."""

from __future__ import annotations

from tests.admin.test_admin_html_valid import record_pages
from tests.public.test_date_format import date_problems


def test_the_council_office_writes_dates_one_way(app, admin_client, petition):
    failures = {}
    for name, path in {**record_pages(), "dashboard": "/admin/", "audit": "/admin/audit"}.items():
        if name.endswith(("-new", "-edit")):
            continue  # forms: date inputs hold ISO dates by definition
        resp = admin_client.get(path)
        assert resp.status_code == 200, path
        if found := date_problems(resp.get_data(as_text=True), marked_content=True):
            failures[name] = found
    assert failures == {}
