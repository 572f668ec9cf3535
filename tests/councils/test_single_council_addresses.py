"""Today's addresses stay valid for ever: every URL of the single-council site's sitemap, asked of the
portal of several councils, answers 301 to the same page under its council, which answers 200."""

from __future__ import annotations

import re
import shutil

from portal import create_app
from portal.extensions import db
from tests.conftest import make_config
from tests.councils.conftest import CITY, PROVINCE
from tests.councils.test_council_open_data import sitemap_paths

PORTAL_WIDE = ("/statistics/councils", "/statistics/councils.csv")
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def heading(response) -> str:
    found = H1.search(response.get_data(as_text=True))
    return " ".join(found.group(1).split()) if found else ""


def single_council_site(tmp_path, template_dbs):
    """Today's site: the starter data on the short paths (PORTAL_COUNCIL set, as before councils)."""
    db_file = tmp_path / "single.db"
    shutil.copy(template_dbs["seeded"], db_file)
    return create_app(make_config(tmp_path, db_file))


def test_every_address_of_the_single_council_sitemap_moves_to_the_same_page(client, tmp_path, template_dbs):
    single = single_council_site(tmp_path, template_dbs)
    with single.app_context():
        old = single.test_client()
        paths = sitemap_paths(old)
        headings = {path: heading(old.get(path)) for path in paths}
        db.session.remove()
    assert len(paths) > 50 and all(not p.startswith(f"/{CITY}/") for p in paths)
    for path in paths:
        moved = client.get(path)
        if path == "/":  # `/` is now the portal's home, which links to the city council's section
            assert moved.status_code == 200 and f'href="/{CITY}/"' in moved.get_data(as_text=True)
            continue
        if path in PORTAL_WIDE:  # the councils compared: the same page for the whole portal
            assert moved.status_code == 200, path
            continue
        assert moved.status_code == 301, path
        target = moved.headers["Location"]
        # Every record of today's site is the city council's, except the province council's own page.
        council = PROVINCE if path == f"/organizations/{PROVINCE}" else CITY
        assert target == f"/{council}{path}", (path, target)
        page = client.get(target)
        assert page.status_code == 200, target
        assert heading(page) == headings[path], path


def test_a_councils_page_keeps_its_address_from_before_the_council_slugs(client, tmp_path, template_dbs):
    moved = client.get("/organizations/hoi-dong-nhan-dan-thanh-pho-lang-son")
    assert moved.status_code == 301 and moved.headers["Location"] == f"/{CITY}/organizations/{CITY}"
    with single_council_site(tmp_path, template_dbs).test_client() as single:
        moved = single.get("/organizations/hoi-dong-nhan-dan-tinh-lang-son")
        assert moved.status_code == 301 and moved.headers["Location"] == f"/organizations/{PROVINCE}"
