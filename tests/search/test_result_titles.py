"""Search results as people read them (issue 15, item 9): a long title is cut at a word boundary, never
mid-word ("…của HĐND theo q"), and a record's fields (title, topic, text) stay separate pieces of the
snippet instead of running into each other ("…năm 2050 Quy hoạch")."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Commitment


@pytest.fixture
def web(indexed_app):
    return indexed_app.test_client()


def hits(html: str) -> list[tuple[str, str]]:
    """(title, snippet HTML) of each result on a search page."""
    found = re.findall(
        r'<h2 class="hit-title" lang="vi"><a href="[^"]+">([^<]*)</a></h2>.*?(?:<p class="snippet" lang="vi">(.*?)</p>|</li>)',
        html,
        re.S,
    )
    return [(unescape(title), snippet) for title, snippet in found]


def test_long_titles_end_at_a_word_boundary(web):
    texts = [c.text for c in db.session.scalars(select(Commitment))]
    cut = []
    for query in (
        "gi%C3%A1m+s%C3%A1t+H%C4%90ND",
        "ti%E1%BA%BFp+c%C3%B4ng+d%C3%A2n",
        "k%E1%BB%B3+h%E1%BB%8Dp",
    ):
        for title, _snippet in hits(web.get(f"/search?q={query}").get_data(as_text=True)):
            if title.endswith(" …"):
                body = title.removesuffix(" …").split(". ", 1)[1]
                [text] = [t for t in texts if " ".join(t.split()).startswith(body)]
                following = " ".join(text.split())[len(body)]
                assert following == " ", (title, following)
                cut.append(title)
    assert cut, "no long title among the results: the test checks nothing"


def test_a_topic_is_its_own_piece_of_the_snippet(web):
    html = web.get("/search?q=quy+ho%E1%BA%A1ch+x%C3%A2y+d%E1%BB%B1ng").get_data(as_text=True)
    snippets = [snippet for _title, snippet in hits(html) if snippet]
    assert snippets
    text = " ".join(re.sub(r"<[^>]+>", "", s) for s in snippets)
    assert "2050 Quy hoạch" not in text and "2050 · Quy hoạch" in " ".join(text.split())
