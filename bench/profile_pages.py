"""Where a page's time goes (not a test): pyinstrument profiles of the pages bench/pages.py measures.

Runs the app in-process (production config, the page cache off so every request renders) on a database
bench/pages.py built, requests each page ``--repeat`` times after one warm-up, and writes one text
profile per page to bench/results/profiles/<database>-<size>-<page>.txt plus a summary of ms per request.

    python bench/profile_pages.py --database-url sqlite:////tmp/portal-bench-pages/sqlite-25000/portal.db \\
        --index-dir /tmp/portal-bench-pages/sqlite-25000/search_index --label sqlite-25000 [--repeat 30]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import pages  # noqa: E402  (bench/pages.py: the same pages)

OUT = Path(__file__).parent / "results" / "profiles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--index-dir", required=True)
    parser.add_argument("--label", required=True, help="e.g. sqlite-25000")
    parser.add_argument("--search-backend", default="whoosh")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    os.environ.update(
        PORTAL_ENV="production",
        SECRET_KEY="profile-only-" + os.urandom(8).hex(),
        DATABASE_URL=args.database_url,
        SERVER_NAME="127.0.0.1:5000",
        PAGE_CACHE_BYTES="0",
        SEARCH_INDEX_DIR=args.index_dir,
        SEARCH_BACKEND=args.search_backend,
        SEARCH_INDEXER="off",
    )
    from pyinstrument import Profiler
    from sqlalchemy import select

    from portal import create_app
    from portal.extensions import db
    from portal.models import Resolution

    app = create_app()
    with app.app_context():
        slug = db.session.scalar(
            select(Resolution.slug)
            .where(Resolution.is_sample.is_(True))
            .order_by(Resolution.id.desc())
            .limit(1)
        )
    client = app.test_client()
    OUT.mkdir(parents=True, exist_ok=True)
    summary = {}
    for name, path in pages(slug)[1:]:  # the static file is not the app's work
        path = path.replace("{q}", "ngan+sach+giao+thong")  # a varied page: one question of its kind
        client.get(path, base_url="http://127.0.0.1:5000")
        profiler = Profiler(interval=0.001)
        started = time.perf_counter()
        profiler.start()
        for _ in range(args.repeat):
            status = client.get(path, base_url="http://127.0.0.1:5000").status_code
        profiler.stop()
        ms = (time.perf_counter() - started) * 1000 / args.repeat
        summary[name] = {"path": path, "status": status, "ms_per_request_profiled": round(ms, 1)}
        file = OUT / f"{args.label}-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}.txt"
        file.write_text(profiler.output_text(unicode=False, color=False))
        print(f"{name:<20} {ms:8.1f} ms/request (profiled)  -> {file.relative_to(ROOT)}", flush=True)
    (OUT / f"{args.label}-summary.json").write_text(
        json.dumps(
            {
                "label": args.label,
                "repeat": args.repeat,
                "loadavg": os.getloadavg(),
                "pages": summary,
                "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
