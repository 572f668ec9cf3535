"""Template globals: navigation, last-updated line, full texts (Markdown or plain) for record bodies."""

from __future__ import annotations

import re

from flask import Flask, request, url_for
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from portal.records import NAVIGATION
from portal.services import queries

# breaks: a clerk who presses Enter between "Điều 1…" and "Điều 2…" sees two lines, as typed.
_markdown = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable("table")
_BLANK_LINES = re.compile(r"\n\s*\n")
_SUP = re.compile(r"<sup>(\d+)</sup>")
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def render_markdown(source: str | None) -> Markup:
    """Render trusted-format markdown with raw HTML disabled (footnote marks become superscripts)."""
    if not source:
        return Markup("")
    source = _SUP.sub(lambda m: m.group(1).translate(_SUPERSCRIPTS), source)
    return Markup(_markdown.render(source))


def render_plain(source: str | None) -> Markup:
    """Render plain text as paragraphs (blank lines) and line breaks (single newlines), escaped."""
    if not source:
        return Markup("")
    paragraphs = [p.strip("\n") for p in _BLANK_LINES.split(source.replace("\r\n", "\n")) if p.strip()]
    return Markup("\n").join(
        Markup("<p>%s</p>") % Markup("<br>\n").join(escape(line) for line in p.split("\n"))
        for p in paragraphs
    )


def render_body(source: str | None, body_format: str | None = "markdown") -> Markup:
    """Render a record's full text in its format: Markdown (the default) or plain text."""
    return render_plain(source) if body_format == "plain" else render_markdown(source)


def body_preview(form) -> Markup:
    """The admin form's body text rendered as the public page will show it."""
    body_format = form.body_format.data if "body_format" in form else "markdown"
    return render_body(form.body_text.data, body_format)


def navigation() -> list[tuple[str, str, bool]]:
    """(URL, label, current) of the site's sections, from portal/records."""
    return [(url_for(endpoint), label, request.endpoint == endpoint) for endpoint, label in NAVIGATION]


def html_lang() -> str:
    from portal import page_language

    return page_language()


def register(app: Flask) -> None:
    app.add_template_global(html_lang)
    app.add_template_filter(render_markdown, "markdown")
    app.add_template_filter(render_body, "body")
    app.add_template_global(body_preview)
    app.add_template_global(navigation)
    app.add_template_global(queries.last_updated)
    app.add_template_filter(queries.current_rows, "current_rows")
