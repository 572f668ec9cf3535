"""The glossary explains every abbreviation the pages use (issue 15, item 9): the test reads the text of
every section page, chart and starter record page, takes each upper-case abbreviation and looks for it
in the glossary page."""

from __future__ import annotations

import html
import re

from portal.public.glossary import is_abbreviation_like
from portal.services.chart_catalogue import BUILDERS
from tests.public.test_routes import PAGES, starter_urls

# A document number ("1107/TB-HĐND", "45-CT/TW") names its issuer by code, not as an abbreviation to explain.
DOCUMENT_NUMBER = re.compile(r"[\w.-]*\d[\w.-]*/[\w/.-]+")
TOKEN = re.compile(r"(?<![\w#])[A-ZĐ][A-ZĐ&-]*[A-ZĐ](?![\w])")
ROMAN = re.compile(r"[IVXLC]+")
# The site's own technical words and the language switch: not council abbreviations.
TECHNICAL = {"CSV", "JSON", "API", "EN", "VI", "PDF", "ICS", "OR"}


def page_text(client, url: str) -> str:
    body = client.get(url, follow_redirects=True).get_data(as_text=True)  # a person's URL leads to /people
    body = re.sub(
        r"<script(?![^>]*application/json)[^>]*>.*?</script>|<style.*?</style>", " ", body, flags=re.S
    )
    body = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), body)  # chart JSON
    return DOCUMENT_NUMBER.sub(" ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def abbreviations_in(text: str) -> set[str]:
    return {
        token
        for token in TOKEN.findall(text)
        if not ROMAN.fullmatch(token) and token not in TECHNICAL and is_abbreviation_like(token)
    }


def is_explained(abbreviation: str, explained: set[str]) -> bool:
    """In the glossary as written, or a pair (HĐND-UBND) whose parts are."""
    parts = abbreviation.split("-")
    return abbreviation in explained or (len(parts) > 1 and all(p in explained for p in parts))


def test_every_abbreviation_on_the_pages_is_in_the_glossary(app, client):
    urls = [
        *PAGES,
        "/budget",
        "/statistics",
        *(f"/statistics/charts/{name}" for name in BUILDERS),
        *starter_urls(app),
    ]
    used: dict[str, str] = {}
    for url in urls:
        for abbreviation in abbreviations_in(page_text(client, url)):
            used.setdefault(abbreviation, url)
    glossary = client.get("/glossary").get_data(as_text=True)
    explained = {html.unescape(a) for a in re.findall(r"<abbr>([^<]+)</abbr>", glossary)}
    explained |= set(re.findall(r'<span class="meta">\(([^)]+)\)', glossary))
    assert {"NSNN", "SDĐ", "GCNQSD", "HĐND", "UBND"} <= set(used)  # the examples are on the pages
    assert {a: url for a, url in used.items() if not is_explained(a, explained)} == {}


def test_the_extraction_skips_numbers_numerals_and_words_in_capitals():
    text = DOCUMENT_NUMBER.sub(" ", "Chỉ thị 45-CT/TW; khóa XX; III. ĐÁNH GIÁ CHUNG; tải CSV; cấp GCNQSD đất")
    assert abbreviations_in(text) == {"GCNQSD"}
