"""Every public page type in Chromium at desktop and phone width: axe-core finds no violation,
nothing scrolls sideways on a phone, and the Nu HTML Checker finds no error. Filters update the
list through htmx without a reload, change the URL, and the back button restores the page."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.extensions import db
from portal.models import Resolution
from portal.search.documents import iter_documents
from portal.search.registry import get_backend
from portal.services import publishing
from tests.e2e.conftest import DESKTOP, PHONE
from tests.support.live import app_on_copy, serve
from tests.support.petitions import make_petition

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

PAGE_TYPES = {
    "home": "/",
    "sessions": "/sessions",
    "session": "/sessions/ky-hop-thu-muoi-ba-khoa-xx",
    "resolutions": "/resolutions",
    "resolution": "/resolutions/nghi-quyet-ve-viec-dieu-chinh-ke-hoach-dau-tu-cong-trung-han-05-nam-2016-2020",
    "supervision-list": "/supervision",
    "supervision": "/supervision/kiem-tra-viec-giai-quyet-y-kien-kien-nghi-cua-cu-tri-tai-du-an-duong-khu-vuc-thu",
    "petitions": "/petitions",
    "petitions-by-agency": "/petitions?view=agency",
    "petition": "/petitions/{petition_id}",
    "voter-meetings": "/voter-meetings",
    "voter-meeting": "/voter-meetings/tiep-xuc-cu-tri-sau-ky-hop-thu-muoi-ba",
    "reception": "/reception",
    "documents": "/documents",
    "document": "/documents/bao-cao-ket-qua-hoat-dong-nam-2020",
    "people": "/people",
    "organization": "/organizations/hdnd-tp-lang-son",
    "programme": "/programme/2021",
    "glossary": "/glossary",
    "english": "/sessions?lang=en",
    "bad-filter": "/sessions?year=abc",
    "not-found": "/sessions/khong-ton-tai",
    "budget": "/budget",
    "budget-english": "/budget?lang=en",
    "statistics": "/statistics",
    "chart": "/statistics/charts/budget_bases",
    "search": "/search?q=ng%C3%A2n+s%C3%A1ch",
    "search-english": "/search?q=quy+hoach&lang=en",
    "search-nothing": "/search?q=zzqqxx",
    "history": "/resolutions/nghi-quyet-ve-viec-dieu-chinh-ke-hoach-dau-tu-cong-trung-han-05-nam-2016-2020/history",
    "filter-nothing": "/resolutions?year=1999",
    "open-data": "/api/",
    "open-data-english": "/api/?lang=en",
}
EXPECTED_STATUS = {"bad-filter": 400, "not-found": 404}


@pytest.fixture(scope="module")
def portal(tmp_path_factory, template_dbs):
    """The seeded portal plus one sample petition with a timeline, served on loopback."""
    app = app_on_copy(tmp_path_factory.mktemp("public-e2e"), template_dbs["seeded"])
    with app.app_context():
        petition = make_petition(
            "Đề nghị sửa chữa mặt đường và rãnh thoát nước (kiến nghị mẫu cho kiểm thử)",
            status="resolved",
            due_by=date(2020, 12, 31),
            answered_on=date(2020, 11, 27),
            response_key="doc-1020-bc-ubnd",
            history=(
                (date(2020, 6, 20), "in_progress", "Chuyển UBND thành phố", None),
                (date(2020, 11, 27), "resolved", "Đã sửa chữa xong", "doc-1020-bc-ubnd"),
            ),
        )
        petition_id = petition.id
        _correct_a_resolution()
        get_backend().rebuild(iter_documents())
        get_backend().close()
    paths = {name: path.format(petition_id=petition_id) for name, path in PAGE_TYPES.items()}
    with serve(app) as url:
        yield url, paths


def _correct_a_resolution() -> None:
    """Correct a published resolution a week after publishing, so its public history has an entry."""
    resolution = db.session.scalar(select(Resolution).where(Resolution.slug == PAGE_TYPES["resolution"][13:]))
    resolution.published_at -= timedelta(days=7)
    resolution.topic = "Đầu tư công trung hạn"
    publishing.save(resolution, None, "Sửa lĩnh vực theo bản chính")


def _axe_violations(page) -> list[dict]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target)})))",
        AXE_TAGS,
    )
    return result


def accessibility_problems(browser, base: str, paths: dict[str, str], viewport: dict, check=None) -> dict:
    """Visit every page at the viewport; return {page: axe violations and scroll width} for those that
    have a violation or scroll sideways (check(name, page) adds assertions of the caller's own)."""
    context = browser.new_context(viewport=viewport, locale="vi-VN", is_mobile=viewport is PHONE)
    page = context.new_page()
    problems = {}
    for name, path in paths.items():
        response = page.goto(base + path)
        assert response.status == EXPECTED_STATUS.get(name, 200), name
        page.wait_for_selector("main h1")
        if check is not None:
            check(name, page)
        violations = _axe_violations(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if violations or width > viewport["width"]:
            problems[name] = {"violations": violations, "scroll_width": width}
    context.close()
    return problems


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_type_is_accessible_and_fits(browser, portal, viewport):
    base, paths = portal
    problems = accessibility_problems(browser, base, paths, viewport)
    assert problems == {}, json.dumps(problems, ensure_ascii=False)


def test_filter_updates_list_without_reload_and_back_restores_page(page, portal):
    base, _ = portal
    page.goto(base + "/sessions")
    expect(page.locator("#results .card")).to_have_count(4)
    page.evaluate("window.__notReloaded = true")
    page.select_option("#loc-kind", "extraordinary")
    expect(page).to_have_url(base + "/sessions?kind=extraordinary")
    expect(page.locator("#results .card")).to_have_count(1)
    expect(page.locator("#results")).to_contain_text("Kỳ họp thứ Mười hai")
    assert page.evaluate("window.__notReloaded") is True

    page.go_back()
    expect(page).to_have_url(base + "/sessions")
    expect(page.locator("#results .card")).to_have_count(4)
    expect(page.locator("header.site-header")).to_be_visible()
    expect(page.locator("form.filters")).to_have_count(1)
    expect(page.locator("#loc-kind")).to_have_value("")


def test_pagination_links_swap_results_and_push_the_url(page, portal):
    base, _ = portal
    page.goto(base + "/supervision?page=99")
    expect(page.locator("#results")).to_contain_text("không có kết quả")
    page.get_by_role("link", name="Về trang đầu").click()
    expect(page).to_have_url(base + "/supervision")
    expect(page.locator("#results .record-list > li")).to_have_count(14)


def _save_pages(base: str, paths: dict[str, str], out: Path) -> None:
    for name, path in paths.items():
        try:
            body = urllib.request.urlopen(base + path).read()
        except urllib.error.HTTPError as exc:  # the 400 and 404 pages are page types too
            body = exc.read()
        (out / f"{name}.html").write_bytes(body)


def html_errors(directory: Path) -> list[tuple[str, str, str]]:
    """The Nu HTML checker's errors on every page saved in a directory: (file, message, extract)."""
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(directory)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    return [
        (Path(m.get("url", "")).name, m.get("message"), m.get("extract", "")[:80])
        for m in messages
        if m.get("type") == "error"
    ]


def test_nu_html_checker_finds_no_errors(portal, tmp_path):
    base, paths = portal
    _save_pages(base, paths, tmp_path)
    assert html_errors(tmp_path) == []
    assert len(list(tmp_path.glob("*.html"))) == len(PAGE_TYPES)
