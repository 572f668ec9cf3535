"""Take desktop and phone screenshots of portal pages: python scripts/screenshot.py BASE_URL PATH... ."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def main(base: str, paths: list[str], out: Path = Path("screenshots")) -> None:
    out.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, viewport in (("desktop", {"width": 1280, "height": 900}),
                               ("phone", {"width": 375, "height": 812})):
            context = browser.new_context(viewport=viewport, locale="vi-VN")
            page = context.new_page()
            for path in paths:
                page.goto(base + path, wait_until="networkidle")
                slug = path.strip("/").replace("/", "_").replace("?", "_") or "home"
                page.screenshot(path=str(out / f"{slug}-{name}.png"), full_page=True)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
