"""The public site: anonymous, GET-only, cacheable."""

from flask import Blueprint

from portal.public_urls import open_data_links, record_path

bp = Blueprint("public", __name__)

from portal.public import (  # noqa: E402,F401
    attachments,
    budget,
    council_statistics,
    glossary,
    history,
    home,
    language,
    people,
    petitions,
    programme,
    reception,
    record_pages,
    search,
    statistics,
)


@bp.app_template_global("term")
def term(group: str, value: str | None) -> str:
    """The translated label of a code value, for templates."""
    from portal.vocabulary import label

    return label(group, value)


@bp.app_template_global("record_url")
def _record_url(record, **kwargs):
    return record_path(record, **kwargs)


@bp.app_template_global("record_open_data")
def _record_open_data(record):
    return open_data_links(record)


@bp.app_template_global("list_open_data")
def _list_open_data(name: str, **filters):
    """The JSON, CSV and Atom links of an API list (by its name) that a section page shows whole."""
    from portal.public.lists import list_open_data_links
    from portal.records import lists

    return list_open_data_links(lists()[name].listing, filters)


@bp.app_template_filter("tr")
def translate(text: str) -> str:
    """Translate a message id held in a variable (navigation, filter labels), without formatting."""
    from portal.vocabulary import translate

    return translate(str(text))


@bp.before_app_request
def _fresh_locale() -> None:
    # Flask-Babel caches the locale on the app context, which a test (or a CLI command that issues
    # requests) can share between requests; each request chooses its language afresh.
    from flask_babel import refresh

    refresh()


@bp.after_request
def _vary_on_language(response):
    # The language comes from ?lang= or the cookie, so caches must key public pages on the cookie too.
    response.vary.add("Cookie")
    return response
