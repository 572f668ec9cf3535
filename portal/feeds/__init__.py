"""Machine-readable views of the public site: Atom feeds, iCal calendars, the sitemap and robots.txt."""

from flask import Blueprint

bp = Blueprint("feeds", __name__)

from portal.feeds import atom, calendar, sitemap  # noqa: E402,F401
