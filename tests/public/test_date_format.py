"""One date format (issue 15, item 4): 6/5/2020 on Vietnamese pages (day and month without a leading zero),
6 May 2020 in English, on every public page (tests/admin/test_admin_dates.py: the council office); never 2020-12-18 or 01/7/2025 in
the portal's own words (a record's text quoting its source keeps the source's dates)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.public.test_english_pages import SECTION_PAGES
from tests.public.test_routes import starter_urls

VIETNAMESE_DATE = r"[1-9]\d?/[1-9]\d?/\d{4}"
TIME_TEXT = re.compile(rf"{VIETNAMESE_DATE}( [0-2]\d:[0-5]\d)?|[1-9]\d? [A-Z][a-z]+ \d{{4}}")
WRONG_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b0\d/\d{1,2}/\d{4}\b|\b\d{1,2}/0\d/\d{4}\b")
SKIPPED = {"script", "style", "code", "pre", "textarea", "title", "option"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class PortalWords(HTMLParser):
    """The page's own text (outside lang="vi" content, code and form values) and its <time> texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.text: list[str] = []
        self.times: list[str] = []
        self.in_time = False

    def handle_starttag(self, tag, attrs):
        lang = dict(attrs).get("lang")
        skip = (bool(self.stack) and self.stack[-1][1]) or tag in SKIPPED or (lang or "").startswith("vi")
        self.in_time = tag == "time"
        if tag == "time":
            self.times.append("")
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        self.in_time = False if tag == "time" else self.in_time
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if self.in_time:
            self.times[-1] += data
        if not (self.stack and self.stack[-1][1]):
            self.text.append(data)


def date_problems(html: str, marked_content: bool) -> list[str]:
    """<time> texts not in the portal's format; with `marked_content` (English pages, whose record content
    is marked lang="vi") also any ISO or zero-padded date in the page's own words."""
    words = PortalWords()
    words.feed(html)
    problems = [f"<time>{t}" for t in words.times if not TIME_TEXT.fullmatch(" ".join(t.split()))]
    if marked_content:
        problems += [m.group(0) for m in WRONG_DATE.finditer(" ".join(words.text))]
    return problems


def test_every_public_page_writes_dates_one_way(app, client):
    urls = [u for u in SECTION_PAGES if not u.startswith("/search")] + starter_urls(app)
    failures = {}
    for url in urls:
        for lang, marked in (("vi", False), ("en", True)):
            joiner = "&" if "?" in url else "?"
            html = client.get(f"{url}{joiner}lang={lang}", follow_redirects=True).get_data(as_text=True)
            if found := date_problems(html, marked):
                failures[f"{url} ({lang})"] = found
    assert failures == {}


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<p>Ngày <time datetime="2020-05-06">6/5/2020</time></p>', []),
        ('<p><time datetime="2020-05-06">06/05/2020</time></p>', ["<time>06/05/2020", "06/05/2020"]),
        ("<p>Từ ngày 01/7/2025</p>", ["01/7/2025"]),
        ("<p>Cập nhật 2020-12-18</p>", ["2020-12-18"]),
        ('<p lang="vi">Ngày 02/11/2020 (trích văn bản)</p><code>2020-07-28</code>', []),
    ],
)
def test_the_checker(html, found):
    assert date_problems(html, marked_content=True) == found
