"""Phone (375 px) and desktop (1280 px) screenshots, in Vietnamese and English, of the pages issue 15 names,
into docs/screenshots/issue-15/ as <page>-<width>-<lang>.png.

Builds the starter data into a scratch SQLite file with its search index, serves it on loopback and drives
Debian's Chromium. Each page is scrolled to its end first, so lazily loaded charts are fetched and drawn and
every part laid out, and pictured in a window as tall as the page.

    nice -n 19 .venv/bin/python scripts/screenshots_issue15.py [--only budget] [--into charts]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from portal.search import indexer  # noqa: E402
from tests.conftest import build_database  # noqa: E402
from tests.support.browser import launched  # noqa: E402
from tests.support.live import app_on_copy, serve  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "issue-15"
RESOLUTION = "nghi-quyet-ve-viec-dieu-chinh-ke-hoach-dau-tu-cong-trung-han-05-nam-2016-2020"
PAGES = {
    "home": "/",
    "budget": "/budget",
    "reception": "/reception",
    "petitions": "/petitions",
    "search": "/search?q=ngan+sach",
    "statistics": "/statistics",
    "voter-meetings": "/voter-meetings",
    "resolution": f"/resolutions/{RESOLUTION}",
    "resolution-history": f"/resolutions/{RESOLUTION}/history",
    "api": "/api/",
}
WIDTHS = {375: {"width": 375, "height": 812}, 1280: {"width": 1280, "height": 900}}
# Scroll a screen at a time to the end, waiting a frame between steps, so lazy charts load and draw.
SCROLL_THROUGH = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await frame();
  }
}"""


def shoot(base: str, names: list[str], out: Path) -> None:
    with sync_playwright() as playwright:
        browser = launched(playwright)
        for width, viewport in WIDTHS.items():
            for lang in ("vi", "en"):
                context = browser.new_context(viewport=viewport, locale="vi-VN", is_mobile=width < 480)
                page = context.new_page()
                for name in names:
                    path = PAGES[name]
                    joiner = "&" if "?" in path else "?"
                    page.goto(base + path + (f"{joiner}lang=en" if lang == "en" else ""))
                    page.wait_for_load_state("networkidle")
                    page.evaluate(SCROLL_THROUGH)
                    expect(page.locator(".chart-lazy")).to_have_count(0, timeout=30_000)  # fragments in
                    charts = page.locator(".chart-canvas")
                    for index in range(charts.count()):  # each chart drawn on the server, as SVG
                        charts.nth(index).evaluate("el => el.scrollIntoView()")  # its top on screen
                        expect(charts.nth(index).locator("svg").first).to_be_attached(timeout=30_000)
                    page.evaluate("scrollTo(0, 0)")
                    # A window as tall as the page: every part is on screen, so laid out and painted as a
                    # reader scrolling to it sees it (a full-page capture leaves content-visibility: auto
                    # parts below the screen unpainted).
                    height = page.evaluate("document.documentElement.scrollHeight")
                    page.set_viewport_size({"width": viewport["width"], "height": height})
                    page.screenshot(path=str(out / f"{name}-{width}-{lang}.png"))
                    page.set_viewport_size(viewport)
                    print(name, width, lang, flush=True)
                context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append", choices=sorted(PAGES), help="these pages only")
    parser.add_argument("--into", default="", help="a folder under docs/screenshots/issue-15/ (charts)")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    out = OUT / args.into
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="portal-screenshots-") as tmp:
        work = Path(tmp)
        (work / "site").mkdir()
        app = app_on_copy(work / "site", build_database(work, seed=True))
        with app.app_context():
            indexer.rebuild()
        with serve(app) as base:
            shoot(base, args.only or list(PAGES), out)
        with app.app_context():
            app.extensions["search_backend"].close()


if __name__ == "__main__":
    main()
