"""English complete on the portal of several councils (issue 15, item 3): the portal home, a current and an
ended council's home, the council comparison, portal-wide search and the open data page have no
Vietnamese outside elements marked lang="vi"; every council's footer links answer (a council with no
programme says so instead of a 404)."""

from __future__ import annotations

import re

import pytest

from portal.search.documents import iter_documents
from portal.search.registry import get_backend
from tests.councils.conftest import CITY, PROVINCE, WARD
from tests.public.test_english_pages import english

PORTAL_PAGES = [
    "/",
    f"/{PROVINCE}/",
    f"/{CITY}/",
    f"/{WARD}/",
    f"/{WARD}/resolutions",
    f"/{CITY}/budget",
    "/statistics/councils",
    "/search?q=h%E1%BB%99i+%C4%91%E1%BB%93ng",
    "/api/",
]


@pytest.mark.parametrize("path", PORTAL_PAGES)
def test_portal_pages_in_english_have_no_vietnamese_chrome(client, path):
    if path.startswith("/search?"):
        get_backend().rebuild(iter_documents())
    assert english(client, path) == []


@pytest.mark.parametrize("council", [PROVINCE, CITY, WARD])
def test_every_footer_link_of_every_council_answers(client, council):
    html = client.get(f"/{council}/").get_data(as_text=True)
    footer = html[html.index('<footer class="site-footer">') :]
    links = re.findall(r'<a href="(/[^"]*)"', footer)
    assert len(links) >= 3
    for href in links:
        assert client.get(href, follow_redirects=True).status_code == 200, href
    programme = client.get(f"/{PROVINCE}/programme?lang=en").get_data(as_text=True)
    assert "no yearly activity programme published" in programme
