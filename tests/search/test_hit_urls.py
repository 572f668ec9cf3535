"""Every search hit links to a page that shows its record: the anchor it names is on that page.

A person is listed on /people, a page at a time by name: their address (/people/<slug>) leads to the
page that shows them, at their line (`nguoi-<slug>`).
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from portal.extensions import db
from portal.models import Person
from portal.records import searchable
from portal.search import query
from portal.search.base import SearchHit
from portal.search.documents import iter_documents
from portal.search.indexer import rebuild
from portal.services import queries
from tests.support.petitions import make_petition


def land(client, url: str) -> tuple[str, str]:
    """Follow a hit's URL as a browser does; return (the page's HTML, the fragment it scrolls to)."""
    fragment = urlsplit(url).fragment
    resp = client.get(url)
    for _ in range(3):
        if resp.status_code not in (301, 302, 303, 307, 308):
            break
        target = resp.headers["Location"]
        fragment = urlsplit(target).fragment or fragment  # a Location's fragment replaces the URL's
        resp = client.get(target)
    assert resp.status_code == 200, url
    return resp.get_data(as_text=True), fragment


def hits_of_every_indexed_record() -> list[SearchHit]:
    return [
        SearchHit(doc.key, doc.type, doc.id, doc.slug, doc.title, doc.date, "", 1.0)
        for doc in iter_documents()
    ]


def test_the_url_of_every_search_hit_shows_its_record(indexed_app):
    client = indexed_app.test_client()
    make_petition("Đề nghị sửa đường Bà Triệu bị sụt lún")  # the report gives petitions as counts only
    hits = hits_of_every_indexed_record()
    items = [item for at in range(0, len(hits), 10) for item in query._published_items(hits[at : at + 10])]
    assert len(items) == len(hits) > 60
    assert {item.hit.type for item in items} == {t.key for t in searchable()}
    for item in items:
        page, fragment = land(client, item.url)
        if fragment:
            assert f'id="{fragment}"' in page, (item.hit.key, item.url)
        else:
            assert html.escape(item.hit.title, quote=False)[:60] in page, (item.hit.key, item.url)


def test_a_person_found_by_search_on_the_search_page_links_to_their_line(indexed_app):
    client = indexed_app.test_client()
    person = db.session.scalars(queries.published(Person).order_by(Person.name)).first()
    results = client.get("/search", query_string={"q": person.name, "type": "person"}).get_data(as_text=True)
    href = f'href="/people/{person.slug}"'
    assert href in results
    page, fragment = land(client, f"/people/{person.slug}")
    assert fragment == f"nguoi-{person.slug}" and f'id="{fragment}"' in page


def test_a_person_past_the_first_page_of_people_is_found_on_their_page(indexed_app):
    client = indexed_app.test_client()
    # "Zung ..." sorts after every starter name: the last of them are past the first 100 people.
    db.session.add_all(
        Person(name=f"Zung Thị Mẫu {n:03d}", slug=f"zung-thi-mau-{n:03d}", status="published", is_sample=True)
        for n in range(120)
    )
    db.session.commit()
    rebuild()
    hits = query.search(query.SearchRequest("Zung Thị Mẫu 119", {"type": "person"})).items
    last = next(item for item in hits if item.hit.slug == "zung-thi-mau-119")
    page, fragment = land(client, last.url)
    assert fragment == "nguoi-zung-thi-mau-119" and 'id="nguoi-zung-thi-mau-119"' in page
    assert "page=2" in client.get(last.url).headers["Location"]
