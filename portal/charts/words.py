"""A chart's words in the page's language: message ids with parameters (plot.Msg), joined pieces, and the
names of records, which stay Vietnamese and, in HTML on a page that is not, are marked lang="vi" inline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import has_request_context
from markupsafe import Markup, escape

from portal.charts.plot import Day, Join, Lower, Msg, Num, Pct, Text, Worded
from portal.formatting import number, percent, smart_number, vndate
from portal.vocabulary import has_vietnamese, translate

RECORD = Markup('<span class="record" lang="vi">{}</span>')


@dataclass
class Words:
    """The page's language: how message ids are translated and numbers written."""

    lang: str = "vi"
    translate: Callable[[str], str] = str

    def say(self, text: Text) -> tuple[str, bool]:
        """The text in the page's language, and whether it stayed Vietnamese on a page that is not."""
        msgid = text.msgid if isinstance(text, Msg) else text if isinstance(text, str) else None
        translated = self.text(text)
        kept = self.lang != "vi" and msgid is not None and self.translate(msgid) == msgid
        return translated, kept and has_vietnamese(translated)

    def text(self, text: Text | None) -> str:
        """The text as plain words (an SVG label, a plotly name, a CSV cell)."""
        return self._render(text, html=False)

    def html(self, text: Text | None) -> Markup:
        """The text as HTML, the names of records marked lang="vi" on a page that is not Vietnamese."""
        return self._render(text, html=True)

    def _render(self, text, html: bool):
        if text is None:
            return ""
        if isinstance(text, Join):
            parts = [self._render(p, html) for p in text.parts]
            sep = self.translate(text.sep) if text.sep.strip() else text.sep  # " và " is a word
            if html:
                return Markup(escape(sep)).join(parts) + escape(text.end)
            return sep.join(parts) + text.end
        if isinstance(text, Lower):
            rendered = self._render(text.text, html)
            return rendered[:1].lower() + rendered[1:]
        if isinstance(text, Msg):
            template = self.translate(text.msgid)
            params = {k: self._param(v, html) for k, v in text.params.items()}
            return Markup(escape(template)) % params if html else template % params
        if isinstance(text, Day):
            return vndate(text.value, self.lang)
        if not isinstance(text, str):
            return str(text)
        translated = self.translate(text)
        if html and self.lang != "vi" and translated == text and has_vietnamese(text):
            return RECORD.format(text)
        return escape(translated) if html else translated

    def _param(self, value, html: bool):
        if isinstance(value, Pct):
            return percent(value.value, self.lang)
        if isinstance(value, Day):
            return vndate(value.value, self.lang)
        if isinstance(value, Num):
            return number(value.value, value.places, self.lang)
        if isinstance(value, Worded):
            return self._param(value.report if self.lang == "vi" else value.portal, html)
        if isinstance(value, str | Msg | Join | Lower):
            return self._render(value, html)
        return smart_number(value, self.lang)

    def value(self, value, unit: str) -> str:
        if value is None:
            return "—"
        if unit == "percent":
            return percent(value, self.lang)
        if unit == "approx":
            return "≈" + number(value, 0, self.lang)
        return smart_number(value, self.lang)

    def tick(self, value: float, unit: str) -> str:
        text = smart_number(round(value, 2), self.lang)
        return text + "%" if unit == "percent" else text


def current() -> Words:
    """The words of the page being built (Vietnamese outside a request: the chart functions' own tests)."""
    if not has_request_context():
        return Words()
    from portal import page_language

    return Words(page_language(), translate)


def say(text: Text) -> str:
    """A text in the page's language, as plain words (plotly's names, labels and hover text)."""
    return current().text(text)


VIETNAMESE = Words()
