"""iCalendar: all sessions and one session, parsed with icalendar."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar

from portal.models import Session
from portal.services.publishing import withdraw
from tests.api.support import one


def events(resp):
    assert resp.status_code == 200
    assert resp.mimetype == "text/calendar"
    return list(Calendar.from_ical(resp.get_data()).walk("VEVENT"))


def test_sessions_calendar_has_every_dated_published_session(client):
    found = {str(e["SUMMARY"]): e for e in events(client.get("/sessions.ics"))}
    # Session 14 has no dates in the report, so it cannot be placed on a calendar.
    assert set(found) == {
        "Kỳ họp thứ Mười một HĐND thành phố khóa XX",
        "Kỳ họp thứ Mười hai (bất thường) HĐND thành phố khóa XX",
        "Kỳ họp thứ Mười ba HĐND thành phố khóa XX",
    }
    thirteen = found["Kỳ họp thứ Mười ba HĐND thành phố khóa XX"]
    assert thirteen["DTSTART"].dt == date(2020, 7, 28)
    assert thirteen["DTEND"].dt == date(2020, 7, 30)  # exclusive end: the session ran 28–29/7
    assert str(thirteen["URL"]).endswith("/sessions/ky-hop-thu-muoi-ba-khoa-xx")


def test_one_session_calendar(client):
    found = events(client.get("/sessions/ky-hop-thu-muoi-hai-khoa-xx.ics"))
    assert len(found) == 1 and found[0]["DTSTART"].dt == date(2020, 5, 6)


def test_session_calendar_404s(client, app):
    assert client.get("/sessions/khong-co.ics").status_code == 404
    assert client.get("/sessions/ky-hop-thu-muoi-bon-khoa-xx.ics").status_code == 404  # no date
    withdraw(one(Session, number=13), None, "Nhập nhầm")
    assert client.get("/sessions/ky-hop-thu-muoi-ba-khoa-xx.ics").status_code == 404
    assert len(events(client.get("/sessions.ics"))) == 2


def test_ics_route_wins_over_a_session_page_route(app):
    """The public pages' /sessions/<slug> must not swallow /sessions/<slug>.ics."""
    if "public.session_detail" not in app.view_functions:
        app.add_url_rule("/sessions/<slug>", "public.session_detail", lambda slug: slug)
    adapter = app.url_map.bind("localhost")
    assert adapter.match("/sessions/ky-hop.ics")[0] == "feeds.session_calendar"
    assert adapter.match("/sessions/ky-hop")[0] == "public.session_detail"
