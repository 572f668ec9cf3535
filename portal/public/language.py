"""Template filters for text that may be UI wording or record content, on pages in either language."""

from __future__ import annotations

from markupsafe import Markup, escape

from portal import page_language
from portal.charts import words
from portal.public import bp
from portal.vocabulary import has_vietnamese, translate


@bp.app_template_filter("tr_or_vi")
def translated_or_marked(text) -> Markup | str:
    """A label translated when the catalogue has it; otherwise record content (a session's or a body's
    name), marked lang="vi" on an English page so readers and screen readers know it is Vietnamese."""
    if text is None:
        return ""
    translated = translate(str(text))
    if translated != str(text) or page_language() == "vi" or not has_vietnamese(str(text)):
        return translated
    return Markup('<span lang="vi">{}</span>').format(escape(text))


@bp.app_template_filter("vi")
def vietnamese(text) -> Markup | str:
    """Record content (a title, a name, a quotation) marked lang="vi" on an English page."""
    if text is None or text == "":
        return ""
    if page_language() == "vi":
        return text
    return Markup('<span lang="vi">{}</span>').format(escape(text))


@bp.app_template_filter("lang_of")
def lang_attribute(text) -> Markup:
    """' lang="vi"' for an element whose (already translated) text is still Vietnamese, on an English page."""
    if text is None or page_language() == "vi" or not has_vietnamese(str(text)):
        return Markup("")
    return Markup(' lang="vi"')


@bp.app_template_filter("say")
def chart_words(text) -> Markup:
    """A chart's words (a message with its figures, a label, a record's name) in the page's language, the
    record names marked lang="vi" on an English page (portal.charts.words)."""
    return words.current().html(text)


@bp.app_template_filter("say_text")
def chart_words_plain(text) -> str:
    """A chart's words as plain text (a page's description)."""
    return words.current().text(text)
