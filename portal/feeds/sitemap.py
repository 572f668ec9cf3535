"""/sitemap.xml: a sitemap index of files of at most 50,000 URLs each; /robots.txt points at it.

The index names one file of section pages and, per record type with pages of its own, one file per
block of 50,000 ids (`/sitemap-resolutions-1.xml` holds ids 1-50,000). Blocks by id, not by
position, so a file's contents never shift when a record is published elsewhere, the index needs
only each table's highest id (read from the primary key), and every file reads one id range of the
primary key. Files are streamed: rows come in chunks (yield_per), never the whole list at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from urllib.parse import quote
from xml.sax.saxutils import escape

from flask import Response, abort, stream_with_context, url_for
from sqlalchemy import func, select

from portal.extensions import db
from portal.feeds import bp
from portal.models import BudgetFigure, Commitment, LetterStats, ReceptionStats
from portal.public_urls import record_path, site_root
from portal.records import record_type, with_own_page
from portal.services import councils, queries

URLS_PER_FILE = 50_000  # the sitemap protocol's limit per file
CHUNK = 1_000
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"

# Record types with pages of their own, by the name their sitemap files carry.
FILE_TYPES = {t.sitemap: t.model for t in with_own_page()}

# Pages that are not one record's page: (endpoint, models whose changes date them).
SECTION_PAGES = (
    ("public.home", ()),
    ("public.sessions", ()),
    ("public.resolutions", ()),
    ("public.supervision", ()),
    ("public.petitions", ()),
    ("public.voter_meetings", ()),
    ("public.documents", ()),
    ("public.people", ()),
    ("public.reception", (ReceptionStats, LetterStats)),
    ("public.budget", (BudgetFigure,)),
    ("public.statistics", ()),
)
# Pages of the whole portal, not of one council: the councils compared, as a page and as CSV.
PORTAL_PAGES = ("public.council_statistics", "public.council_statistics_csv")


def lastmod(moment) -> str | None:
    return moment.replace(microsecond=0).isoformat() + "+00:00" if moment else None


def newest(*models) -> object:
    dates = [queries.newest_change(m) for m in models]
    dates = [d for d in dates if d]
    return max(dates) if dates else queries.last_updated()


def section_urls() -> list[tuple[str, str | None]]:
    """(path, lastmod) of the section pages and each programme year."""
    if not councils.single_slug():
        return council_section_urls()
    urls = [
        (url_for(endpoint), lastmod(newest(*models) if models else queries.last_updated()))
        for endpoint, models in SECTION_PAGES
    ]
    urls += [(url_for(endpoint), None) for endpoint in PORTAL_PAGES]
    years = db.session.execute(
        queries.published_rows(Commitment, Commitment.year, func.max(Commitment.updated_at)).group_by(
            Commitment.year
        )
    )
    for year, changed in years:
        urls.append((url_for("public.programme", year=year), lastmod(changed)))
    return urls


def council_section_urls() -> list[tuple[str, str | None]]:
    """The portal of several councils: its home, then each council's section pages (without lastmod:
    one date per council and section would cost a statement each) and programme years."""
    urls = [(url_for("public.home", council=None), lastmod(queries.last_updated()))]
    urls += [(url_for(endpoint, council=None), None) for endpoint in PORTAL_PAGES]
    for council in councils.all_councils():
        urls += [(url_for(endpoint, council=council.slug), None) for endpoint, _ in SECTION_PAGES]
    years = db.session.execute(
        queries.published_rows(
            Commitment, Commitment.council_id, Commitment.year, func.max(Commitment.updated_at)
        ).group_by(Commitment.council_id, Commitment.year)
    )
    for council_id, year, changed in years:
        council = councils.by_id(council_id)
        if council is not None:
            urls.append((url_for("public.programme", year=year, council=council.slug), lastmod(changed)))
    return urls


def file_count(model) -> int:
    """How many id blocks a type's records span (the highest id comes from the primary key)."""
    highest = db.session.scalar(select(func.max(model.id))) or 0
    return -(-highest // URLS_PER_FILE)


def _path_maker(model):
    """A function (id, slug, council_id) -> path for a type, from one url_for call per council (not one
    per row)."""
    by_number = "slug" not in record_type(model.public_type).address_columns  # petitions
    paths: dict[int | None, str] = {}

    def template(council_id: int | None) -> str:
        if council_id not in paths:
            marker = {"id": 987654321} if by_number else {"slug": "0000sitemapmarker"}
            paths[council_id] = record_path(
                SimpleNamespace(public_type=model.public_type, council_id=council_id, **marker)
            )
        return paths[council_id]

    if by_number:
        return lambda record_id, slug, council_id: template(council_id).replace("987654321", str(record_id))
    return lambda record_id, slug, council_id: template(council_id).replace("0000sitemapmarker", quote(slug))


def record_urls(model, number: int) -> Iterator[tuple[str, str | None]]:
    """(path, lastmod) of the published records whose ids fall in block `number`, in id order."""
    path = _path_maker(model)
    low, high = (number - 1) * URLS_PER_FILE, number * URLS_PER_FILE
    rows = db.session.execute(
        queries.published_rows(model, model.id, model.slug, model.updated_at, model.council_id)
        .where(model.id > low, model.id <= high)
        .order_by(model.id)
        .execution_options(yield_per=CHUNK)
    )
    for record_id, slug, updated, council_id in rows:
        yield path(record_id, slug, council_id), lastmod(updated)


def urlset(urls) -> Iterator[str]:
    base = site_root()
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NS}">\n'
    lines = []
    for path, changed in urls:
        modified = f"<lastmod>{changed}</lastmod>" if changed else ""
        lines.append(f"  <url><loc>{escape(base + path)}</loc>{modified}</url>\n")
        if len(lines) == CHUNK:
            yield "".join(lines)
            lines = []
    yield "".join(lines) + "</urlset>\n"


def _xml(body) -> Response:
    return Response(body, mimetype="application/xml")  # ETag and Cache-Control: portal/http_cache.py


@bp.get("/sitemap.xml")
def sitemap():
    files = [url_for("feeds.sitemap_pages", _external=True)]
    for kind, model in FILE_TYPES.items():
        files += [
            url_for("feeds.sitemap_records", kind=kind, number=n, _external=True)
            for n in range(1, file_count(model) + 1)
        ]
    body = "".join(
        [
            f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NS}">\n',
            *(f"  <sitemap><loc>{escape(f)}</loc></sitemap>\n" for f in files),
            "</sitemapindex>\n",
        ]
    )
    return _xml(body)


@bp.get("/sitemap-pages.xml")
def sitemap_pages():
    return _xml("".join(urlset(section_urls())))


@bp.get("/sitemap-<any({}):kind>-<int:number>.xml".format(", ".join(f'"{k}"' for k in FILE_TYPES)))
def sitemap_records(kind: str, number: int):
    model = FILE_TYPES[kind]
    if not 1 <= number <= file_count(model):
        abort(404)
    return _xml(stream_with_context(urlset(record_urls(model, number))))


@bp.get("/robots.txt")
def robots():
    body = "\n".join(
        [
            "User-agent: *",
            "Allow: /",
            "Disallow: /admin/",
            f"Sitemap: {url_for('feeds.sitemap', _external=True)}",
            "",
        ]
    )
    return Response(body, mimetype="text/plain")
