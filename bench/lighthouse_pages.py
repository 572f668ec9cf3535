"""Lighthouse mobile on every chart page (issue 15, Deliver 6; not a test: the suite runs it on /, /budget
and /statistics only, tests/e2e/test_lighthouse.py).

Builds the starter data into a SQLite file and serves it twice on loopback, as the suite's browser tests do:
the single-council site (the short paths) and the portal of several councils (PORTAL_COUNCIL unset), whose
council pages carry the council's slug. Runs Lighthouse once per page (--runs N for more) with the CPU
slowdown calibrated to the host (tests/support/lighthouse.py) and writes each page's scores, the min and
median of the runs and what the time went to, to bench/results/lighthouse-chart-pages.json.

    nice -n 19 .venv/bin/python bench/lighthouse_pages.py [--runs 1] [--only /budget] [--serve]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portal import create_app  # noqa: E402
from tests.conftest import build_database, make_config  # noqa: E402
from tests.support import lighthouse  # noqa: E402
from tests.support.live import app_on_copy, serve  # noqa: E402

OUT = Path(__file__).parent / "results" / "lighthouse-chart-pages.json"
CITY = "hdnd-tp-lang-son"
# Every page that draws a chart (templates calling chart_scripts()), the home page and the pages issue 15
# names alongside them; one chart page per chart (/statistics/charts/<name>) for the charts' own addresses.
SITE_PAGES = [
    "/",
    "/statistics",
    "/budget",
    "/voter-meetings",
    "/reception",
    "/petitions",
    "/statistics/charts/sessions",
    "/statistics/charts/questioning",
    "/statistics/charts/supervision",
    "/statistics/charts/supervision_listed",
    "/statistics/charts/voter_funnel",
    "/statistics/charts/petition_outcomes",
    "/statistics/charts/letters",
    "/statistics/charts/reception",
    "/statistics/charts/budget_amounts",
    "/statistics/charts/budget_percentages",
    "/statistics/charts/budget_bases",
]
# The portal of several councils: its councils compared and the city council's chart pages.
PORTAL_PAGES = [
    "/statistics/councils",
    "/statistics/charts/councils",
    f"/{CITY}/",
    f"/{CITY}/statistics",
    f"/{CITY}/budget",
    f"/{CITY}/reception",
    f"/{CITY}/voter-meetings",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page")
    parser.add_argument("--only", action="append", help="measure only these paths (repeatable)")
    parser.add_argument("--serve", action="store_true", help="only serve both sites until interrupted")
    parser.add_argument("--out", type=Path, default=OUT, help="where the results go")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line a request would bury the scores
    with tempfile.TemporaryDirectory(prefix="portal-lighthouse-") as tmp, ExitStack() as stack:
        work = Path(tmp)
        (work / "single").mkdir()
        (work / "portal").mkdir()
        seeded = build_database(work, seed=True)
        site = stack.enter_context(serve(app_on_copy(work / "single", seeded)))
        shutil.copy(seeded, work / "portal" / "portal.db")  # the council routes are set up by create_app
        portal_app = create_app(
            make_config(work / "portal", work / "portal" / "portal.db", PORTAL_COUNCIL=None)
        )
        portal = stack.enter_context(serve(portal_app))
        if args.serve:
            print(f"single-council site {site}\nportal of councils {portal}", flush=True)
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                return
        pages = [(site, path) for path in SITE_PAGES] + [(portal, path) for path in PORTAL_PAGES]
        if args.only:
            pages = [(base, path) for base, path in pages if path in args.only]
        slowdown = lighthouse.DEFAULT_SLOWDOWN  # the first run measures the host
        # A run with --only updates those pages in the results file and keeps the others' last figures.
        old = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
        results = old.get("pages", {}) if args.only else {}
        for base, path in pages:
            runs, every = [], []
            try:
                for _ in range(args.runs):
                    counted, tried, slowdown = lighthouse.calibrated_run(
                        base + path, work / "report.json", slowdown
                    )
                    runs.append(counted)
                    every.extend(tried)
            except subprocess.CalledProcessError as error:  # one page failing does not lose the others
                results[path] = {"error": error.stderr.decode(errors="replace")[-500:]}
                print(path, "Lighthouse failed", flush=True)
                write(args.out, results)
                continue
            performance = [run["scores"]["performance"] for run in runs]
            results[path] = {
                "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "performance_min": min(performance),
                "performance_median": statistics.median(performance),
                "lowest_other": min(
                    score for run in runs for name, score in run["scores"].items() if name != "performance"
                ),
                "runs": runs,
                "runs_repeated_for_calibration": len(every) - len(runs),
            }
            print(path, performance, runs[-1]["scores"], runs[-1]["metrics"]["tbt_ms"], "ms TBT", flush=True)
            write(args.out, results)


def write(out: Path, results: dict) -> None:
    version = next((r["runs"][0]["lighthouse"] for r in results.values() if "runs" in r), "?")
    result = {
        "tool": f"Lighthouse {version}, mobile form factor, simulated throttling",
        "how": "starter data on SQLite, werkzeug on loopback; CPU slowdown 4 x benchmarkIndex / 1500 (max 4), "
        "a run repeated at its own calibration when the host's speed moved (tests/support/lighthouse.py)",
        "cpu_count": os.cpu_count(),
        "pages": results,
    }
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
