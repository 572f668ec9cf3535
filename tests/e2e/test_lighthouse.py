"""Lighthouse (mobile, simulated throttling) on the pages a citizen opens first: all four scores at least
95 (performance, accessibility, best practices, SEO), and what the performance score rests on holds
(nothing render-blocking, no layout shift, no plotly.js during the load: the charts of /budget and /statistics,
one of them in the first phone screen, are SVG drawn on the server). The scores and the figures behind
the performance score go to bench/results/lighthouse.json.

The CPU slowdown is calibrated to the host at every run (tests/support/lighthouse.py: 4 x benchmarkIndex /
1500 below a high-end desktop's 1500, a run repeated when the host's speed moved). The pages are light
enough that the score holds with a margin under load: a document laid out a screen at a time
(content-visibility in site.css), no script forcing a layout while the page loads, plotly.js only when a
reader points at, taps or focuses a chart. bench/lighthouse_pages.py measures every chart page the same way."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.lighthouse import DEFAULT_SLOWDOWN, LIGHTHOUSE, calibrated_run

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results" / "lighthouse.json"
PAGES = ["/", "/budget", "/statistics"]

pytestmark = pytest.mark.xdist_group("lighthouse")


def test_lighthouse_mobile_scores_at_least_95_and_are_recorded(live_server, tmp_path):
    assert LIGHTHOUSE.exists(), "Lighthouse is installed by `npm ci` (package.json)"
    pages, runs = {}, {}
    slowdown = DEFAULT_SLOWDOWN  # the first run measures the host
    for path in PAGES:
        counted, runs[path], slowdown = calibrated_run(live_server + path, tmp_path / "report.json", slowdown)
        if counted["scores"]["performance"] < 95:
            # The suite's other worker shares the 2 cores: a page under 95 is measured twice more and the
            # median of the three counts (Lighthouse's docs/variability.md: report the median of several runs).
            tried = [counted]
            for _ in range(2):
                again, more, slowdown = calibrated_run(live_server + path, tmp_path / "report.json", slowdown)
                tried.append(again)
                runs[path] += more
            counted = sorted(tried, key=lambda run: run["scores"]["performance"])[1]
        pages[path] = counted
    RESULTS.write_text(
        json.dumps(
            {
                "tool": f"Lighthouse {pages[PAGES[0]]['lighthouse']}, mobile form factor, simulated throttling (slow 4G)",
                "note": "benchmark_index is Lighthouse's measure of the host CPU at each run (higher is faster); "
                "below 1500 the CPU slowdown is calibrated to 4 x index / 1500 as Lighthouse's "
                "docs/throttling.md advises, so the emulated phone is the same on every host; a run whose "
                "host measured more than 15% away from its calibration is repeated with its own "
                "(every run of a page is in all_runs, the one that counts in pages); a page whose counted run "
                "scored under 95 on performance is measured twice more and the median of the three counts",
                "run_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "cpu_count": os.cpu_count(),
                "pages": pages,
                "all_runs": runs,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    below = {
        path: {name: score for name, score in page["scores"].items() if score < 95}
        for path, page in pages.items()
    }
    assert below == {path: {} for path in PAGES}, pages
    for path, page in pages.items():
        assert page["render_blocking"] == [], (path, page["render_blocking"])
        assert page["metrics"]["cls"] == 0, (path, page["metrics"])
        # The charts are drawn on the server: no plotly.js and no figure during the load.
        assert not any("plotly" in url or url.endswith(".json") for url in page["requests"]), path
