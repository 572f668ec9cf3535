"""Charts complete in English (issue 15, item 3): a chart's reading, notes, table caption and headings and the
words of its drawing are the page's own words, translated, not Vietnamese wrapped in lang="vi"; only the names
of the records it counts stay Vietnamese, marked inline. The interactive figure speaks English too."""

from __future__ import annotations

import json
import re

import pytest

from portal.services.chart_catalogue import BUILDERS
from tests.support.vietnamese_text import is_vietnamese_text, vietnamese_in_chart_words

CHART_PAGES = ("/statistics", "/budget", "/reception", "/voter-meetings")


def chart_pages(client) -> list[str]:
    """Every page with charts: each council's sections from the sitemap, its charts' own pages, and the
    comparison of councils."""
    sitemap = client.get("/sitemap-pages.xml").get_data(as_text=True)
    pages = [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    sections = [p for p in pages if p.endswith(CHART_PAGES)]
    assert len(sections) >= 4, sections
    charts = [f"{p}/charts/{name}" for p in sections if p.endswith("/statistics") for name in BUILDERS]
    return [*sections, *charts, "/statistics/councils"]


def test_chart_words_on_english_pages_are_english(client):
    assert_chart_words_are_english(client)


def assert_chart_words_are_english(client) -> None:
    failures = {}
    for path in chart_pages(client):
        resp = client.get(path + "?lang=en", follow_redirects=True)
        assert resp.status_code == 200, path
        if found := vietnamese_in_chart_words(resp.get_data(as_text=True)):
            failures[path] = found
    assert failures == {}


def test_the_chart_checker_finds_wrapped_vietnamese():
    html = (
        '<section class="chart"><p class="chart-reading" lang="vi">Chưa có số liệu.</p>'
        '<p class="note">Source: <span class="record" lang="vi">Thường trực HĐND</span></p>'
        '<details class="chart-table"><table><caption>Kỳ họp</caption><thead><tr><th>Session</th></tr></thead>'
        '<tbody><tr><th lang="vi">Ban Pháp chế</th></tr></tbody></table></details>'
        '<svg><text lang="vi">Ban Pháp chế</text><text lang="vi">Năm</text><text>Đơn thư</text></svg></section>'
    )
    assert vietnamese_in_chart_words(html) == [
        'reading: <p lang="vi">',
        "reading: Chưa có số liệu.",
        "caption: Kỳ họp",
        "svg: Đơn thư",
        "svg: Năm",
    ]


def _figure_words(figure: dict) -> list[str]:
    """The words a reader sees in a plotly figure: trace names, hover and value templates, axis titles and
    tick labels given as text, annotations, the title."""
    words = []
    for trace in figure.get("data", []):
        words += [trace.get("name") or "", trace.get("hovertemplate") or "", trace.get("texttemplate") or ""]
        words += [str(t) for t in trace.get("text") or [] if isinstance(t, str)]
        words += [str(c) for c in (trace.get("y") or []) + (trace.get("x") or []) if isinstance(c, str)]
    layout = figure.get("layout", {})
    words += [a.get("text") or "" for a in layout.get("annotations", [])]
    words.append(str(layout.get("meta", {}).get("title", "")))
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            words.append(str(axis.get("title", {}).get("text", "")))
    return [w for w in words if w]


@pytest.mark.parametrize("name", list(BUILDERS))
def test_the_interactive_figure_speaks_english(client, name):
    figure = client.get(f"/statistics/charts/{name}.json?lang=en", follow_redirects=True).get_json()
    separators = figure["layout"].get("separators")
    assert separators in (None, ".,"), separators  # 1,234.5 in English
    records = client.get(f"/statistics/charts/{name}.csv").get_data(as_text=True)
    foreign = [
        w
        for w in _figure_words(figure)
        if is_vietnamese_text(w) and not all(part in records for part in _record_parts(w))
    ]
    assert foreign == []


def _record_parts(word: str) -> list[str]:
    """A category name as drawn (broken into lines with <br>): the pieces of record content it holds."""
    return [p.strip(" :") for p in re.split(r"<br>|%\{[^}]*\}|<extra></extra>", word) if p.strip(" :")]


def test_the_vietnamese_figure_keeps_vietnamese_numbers(client):
    figure = json.loads(client.get("/statistics/charts/sessions.json?lang=vi", follow_redirects=True).data)
    assert figure["layout"]["separators"] == ",."


def test_the_csv_keeps_its_vietnamese_columns_whatever_the_page_s_language(client):
    """Open data stays stable: a chart's CSV is the same bytes from an English page as from a Vietnamese one."""
    for name in BUILDERS:
        english = client.get(f"/statistics/charts/{name}.csv?lang=en", follow_redirects=True).data
        vietnamese = client.get(f"/statistics/charts/{name}.csv?lang=vi", follow_redirects=True).data
        assert english == vietnamese, name
