"""Lighthouse (mobile, simulated throttling) on the pages a citizen opens first: accessibility, best
practices and SEO score at least 95, and what the performance score rests on holds (nothing render-blocking,
no layout shift, no plotly.js during the load). The four scores and the figures behind the performance score
go to bench/results/lighthouse.json; the performance score itself is a timing and is recorded, not asserted.

Lighthouse scales the CPU time it observes by a slowdown multiplier, 4x by default, which its documentation
(docs/throttling.md, "Calibrating the CPU slowdown") says moves a high-end desktop (benchmarkIndex 1500-2000)
into the mid-tier mobile bracket, and tells a slower host to lower it (a low-end desktop, 1000-1500: 2x,
range 1-5). So the phone emulated is the same on every host: the first run uses the default and reports the
host's benchmarkIndex; on a host below 1500 (a shared 2-core machine under load measures 500-800) the
multiplier becomes 4 x index / 1500 (never above the default, never below 1), the first page is measured
again with it, and the other pages use it. Both runs of the first page are kept in the JSON."""

from __future__ import annotations

import json
import os
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.browser import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
RESULTS = ROOT / "bench" / "results" / "lighthouse.json"
PAGES = ["/", "/budget", "/statistics"]
DEFAULT_SLOWDOWN = 4.0
HIGH_END_DESKTOP = (
    1500  # the benchmarkIndex the default slowdown is meant for (Lighthouse docs/throttling.md)
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {
    "first-contentful-paint": "fcp_ms",
    "largest-contentful-paint": "lcp_ms",
    "total-blocking-time": "tbt_ms",
    "cumulative-layout-shift": "cls",
    "speed-index": "speed_index_ms",
}
# Lighthouse starts its own Chromium; the same flags as the suite's browser (no network beyond loopback).
CHROME_FLAGS = " ".join(flag for flag in CHROMIUM_ARGS if flag != "--disable-quic")

pytestmark = pytest.mark.xdist_group("lighthouse")


def calibrated_slowdown(benchmark_index: float) -> float:
    """The CPU slowdown that emulates the default's phone on this host (the default on a fast one)."""
    return round(max(1.0, min(DEFAULT_SLOWDOWN, DEFAULT_SLOWDOWN * benchmark_index / HIGH_END_DESKTOP)), 2)


def audit(url: str, out: Path, slowdown: float = DEFAULT_SLOWDOWN) -> dict:
    """One Lighthouse mobile run on `url`; the report as a dict."""
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--throttling.cpuSlowdownMultiplier={slowdown}",
        ],
        env=env,
        check=True,
        timeout=240,
        capture_output=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def summary(report: dict, seconds: float) -> dict:
    """The four scores (0-100), the performance metrics and what the run knew about the host."""
    audits = report["audits"]
    return {
        "scores": {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "metrics": {
            key: round(audits[name]["numericValue"], 3 if key == "cls" else None)
            for name, key in METRICS.items()
        },
        "long_tasks": [
            {"url": task["url"], "ms": round(task["duration"])}
            for task in audits["long-tasks"].get("details", {}).get("items", [])
        ],
        "render_blocking": [
            item["url"]
            for item in audits["render-blocking-resources"].get("details", {}).get("items", [])
            if not item["url"].endswith("/static/css/site.css")  # the one stylesheet (no inline CSS: the CSP)
        ],
        "requests": [item["url"] for item in audits["network-requests"]["details"]["items"]],
        "benchmark_index": report["environment"]["benchmarkIndex"],
        "cpu_slowdown": report["configSettings"]["throttling"]["cpuSlowdownMultiplier"],
        "load_average_1min": round(os.getloadavg()[0], 2),
        "run_seconds": round(seconds, 1),
    }


def test_lighthouse_mobile_checks_pass_and_scores_are_recorded(live_server, tmp_path):
    assert LIGHTHOUSE.exists(), "Lighthouse is installed by `npm ci` (package.json)"
    pages, calibration = {}, {}
    slowdown = DEFAULT_SLOWDOWN
    for path in PAGES:
        started = time.monotonic()
        report = audit(live_server + path, tmp_path / "report.json", slowdown)
        if not calibration:  # the first run measures the host
            calibration = summary(report, time.monotonic() - started)
            slowdown = calibrated_slowdown(report["environment"]["benchmarkIndex"])
            if slowdown != DEFAULT_SLOWDOWN:
                started = time.monotonic()
                report = audit(live_server + path, tmp_path / "report.json", slowdown)
        pages[path] = summary(report, time.monotonic() - started)
        version = report["lighthouseVersion"]
    RESULTS.write_text(
        json.dumps(
            {
                "tool": f"Lighthouse {version}, mobile form factor, simulated throttling (slow 4G)",
                "note": "benchmark_index is Lighthouse's measure of the host CPU at each run (higher is faster); "
                "below 1500 the CPU slowdown is calibrated to 4 x index / 1500 as Lighthouse's "
                "docs/throttling.md advises, so the emulated phone is the same on every host",
                "first_page_at_default_slowdown": calibration,
                "run_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "cpu_count": os.cpu_count(),
                "pages": pages,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    # Accessibility, best practices and SEO are checks of the page, the same on any host: asserted. The
    # performance score is a timing (simulated from the CPU time this run observed): like every speed
    # figure of the project it is written to bench/results and not asserted, because on a shared machine it
    # moves with the load (92-100 for the same page here). What it rests on and does not depend on the host
    # is asserted instead: nothing blocks rendering, nothing moves (CLS 0), no plotly.js during the load.
    below = {
        path: {name: score for name, score in page["scores"].items() if score < 95 and name != "performance"}
        for path, page in pages.items()
    }
    assert {path: low for path, low in below.items() if low} == {}, pages
    for path, page in pages.items():
        assert page["render_blocking"] == [], (path, page["render_blocking"])
        assert page["metrics"]["cls"] == 0, (path, page["metrics"])
        assert not any("plotly" in url for url in page["requests"]), path
