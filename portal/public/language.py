"""Template filters for text that may be UI wording or record content, on pages in either language."""

from __future__ import annotations

from flask_babel import get_locale, gettext
from markupsafe import Markup, escape

from portal.public import bp


@bp.app_template_filter("tr_or_vi")
def translated_or_marked(text) -> Markup | str:
    """A label translated when the catalogue has it; otherwise record content (a session's or a body's
    name), marked lang="vi" on an English page so readers and screen readers know it is Vietnamese."""
    if text is None:
        return ""
    translated = gettext(str(text))
    if translated != str(text) or str(get_locale() or "vi") == "vi":
        return translated
    return Markup('<span lang="vi">{}</span>').format(escape(text))


@bp.app_template_filter("vi")
def vietnamese(text) -> Markup | str:
    """Record content (a title, a name, a quotation) marked lang="vi" on an English page."""
    if text is None or text == "":
        return ""
    if str(get_locale() or "vi") == "vi":
        return text
    return Markup('<span lang="vi">{}</span>').format(escape(text))
