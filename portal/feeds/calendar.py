"""iCalendar views of the council's sessions: /sessions.ics for the newest 50, /sessions/<slug>.ics for one."""

from __future__ import annotations

from datetime import UTC, timedelta

from flask import Response, abort, current_app, request
from icalendar import Calendar, Event

from portal.extensions import db
from portal.feeds import bp
from portal.models import Session
from portal.public.council_scope import site_name
from portal.public_urls import absolute_url, record_path, site_host
from portal.services import queries

CALENDAR_SIZE = 50  # like the Atom feeds: a bounded number of items whatever the data


def calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//{current_app.config['SITE_NAME']}//Cổng thông tin công khai//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    return cal


def session_event(session: Session) -> Event:
    """An all-day event spanning the session's days (DTEND is exclusive in iCalendar)."""
    url = absolute_url(record_path(session))
    event = Event()
    event.add("uid", f"session-{session.id}@{site_host()}")
    event.add("dtstamp", session.updated_at.replace(tzinfo=UTC))
    event.add("last-modified", session.updated_at.replace(tzinfo=UTC))
    event.add("dtstart", session.start_date)
    event.add("dtend", (session.end_date or session.start_date) + timedelta(days=1))
    event.add("summary", session.name)
    event.add("description", "\n\n".join(p for p in (session.summary, url) if p))
    event.add("url", url)
    event.add("categories", ["Kỳ họp HĐND"])
    return event


def ics_response(cal: Calendar, filename: str) -> Response:
    response = Response(cal.to_ical(), mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/sessions.ics")
def sessions_calendar():
    cal = calendar(f"Kỳ họp — {site_name()}")
    # The newest sessions (a calendar client keeps the events it has seen), oldest first as before.
    newest = db.session.scalars(
        queries.published(Session)
        .where(Session.start_date.is_not(None))
        .order_by(Session.start_date.desc(), Session.id.desc())
        .limit(CALENDAR_SIZE)
    ).all()
    sessions = sorted(newest, key=lambda s: (s.start_date, s.id))
    for session in sessions:
        cal.add_component(session_event(session))
    return ics_response(cal, "ky-hop.ics")


@bp.get("/sessions/<slug>.ics")
def session_calendar(slug: str):
    session = db.session.scalar(queries.published(Session).where(Session.slug == slug[:200]))
    if session is None or session.start_date is None:
        abort(404)
    cal = calendar(session.name)
    cal.add_component(session_event(session))
    return ics_response(cal, f"{session.slug}.ics")
