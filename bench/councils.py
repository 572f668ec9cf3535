"""The portal of many councils against today's single-council list (issue 13; not a test).

Builds two SQLite databases from the starter data: the single-council site with N sample records in its
council (as the scale tests do), and the portal with a sample province of 60 councils holding N sample
records (``demo synthetic --councils 59``: a province and 59 communes, plus its sample district that
ended). Serves both in-process (page cache off, so every request renders) and times, interleaved round
by round on the same machine, the single-council site's /resolutions (the baseline) and the portal home,
a commune council's home, its resolutions list and /statistics/councils. Writes the medians and each
page's ratio to the baseline to bench/results/councils.json (the issue's bar: within 2x).

    python bench/councils.py [--size 25000] [--rounds 30] [--workdir /tmp/portal-bench-councils]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from config import DevelopmentConfig  # noqa: E402

OUT = Path(__file__).parent / "results" / "councils.json"
CITY = "hdnd-tp-lang-son"
COUNCILS = 60  # the sample province and 59 communes


def config(db_file: Path, **values) -> type:
    base = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_file}",
        "SEARCH_INDEX_DIR": str(db_file.parent / "search_index"),
        "UPLOAD_DIR": str(db_file.parent / "uploads"),
        "SEARCH_INDEXER": "off",
        "PAGE_CACHE_BYTES": 0,
        "RATELIMIT_ENABLED": False,
        "PORTAL_COUNCIL": None,
    }
    return type("BenchConfig", (DevelopmentConfig,), {**base, **values})


def build(db_file: Path, size: int, **generate) -> float:
    """Migrate, seed and add `size` sample records; return the seconds the sample records took."""
    from flask_migrate import upgrade

    from portal import create_app
    from portal.extensions import db
    from portal.importers import synthetic
    from portal.importers.seed import load_seed

    db_file.parent.mkdir(parents=True, exist_ok=True)
    db_file.unlink(missing_ok=True)
    app = create_app(config(db_file))
    with app.app_context():
        upgrade()
        load_seed()
        started = time.perf_counter()
        synthetic.generate(size, **generate)
        seconds = time.perf_counter() - started
        db.session.remove()
        db.engine.dispose()
    return seconds


def commune_slug(db_file: Path) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{db_file}")
    with engine.connect() as conn:
        slug = conn.execute(
            text(
                "SELECT slug FROM organizations WHERE kind = 'council' AND is_sample AND parent_id IS NOT NULL "
                "AND dissolved_on IS NULL ORDER BY id LIMIT 1"
            )  # fmt: skip
        ).scalar_one()
    engine.dispose()
    return slug


def measure(pages: dict[str, tuple[object, str]], rounds: int) -> dict[str, list[float]]:
    """Milliseconds of each page, one request of every page a round (so load changes hit all alike)."""
    times: dict[str, list[float]] = {name: [] for name in pages}
    for client, path in pages.values():
        for _ in range(2):  # warm-up: imports, templates, the per-version figure caches
            assert client.get(path).status_code == 200, path
    for _ in range(rounds):
        for name, (client, path) in pages.items():
            started = time.perf_counter()
            response = client.get(path)
            response.get_data()
            times[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, path
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=25_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/portal-bench-councils"))
    args = parser.parse_args()
    os.environ.setdefault("PORTAL_ENV", "development")
    single_db, portal_db = args.workdir / "single" / "portal.db", args.workdir / "portal" / "portal.db"
    built = {
        "single_council_seconds": round(build(single_db, args.size, into=CITY), 1),
        "portal_seconds": round(build(portal_db, args.size, councils=COUNCILS - 1), 1),
    }
    from portal import create_app

    single = create_app(config(single_db, PORTAL_COUNCIL=CITY)).test_client()
    portal = create_app(config(portal_db)).test_client()
    commune = commune_slug(portal_db)
    pages = {
        "baseline: single-council /resolutions": (single, "/resolutions"),
        "portal home /": (portal, "/"),
        "council home": (portal, f"/{commune}/"),
        "council list (resolutions)": (portal, f"/{commune}/resolutions"),
        "/statistics/councils": (portal, "/statistics/councils"),
    }
    times = measure(pages, args.rounds)
    medians = {name: statistics.median(values) for name, values in times.items()}
    baseline = medians["baseline: single-council /resolutions"]
    result = {
        "size": args.size,
        "councils": COUNCILS,
        "rounds": args.rounds,
        "how": "in-process Flask test client, page cache off, SQLite, pages interleaved round by round",
        "loadavg_1m": os.getloadavg()[0],
        "build": built,
        "pages": {
            name: {
                "path": pages[name][1],
                "median_ms": round(ms, 1),
                "ratio_to_baseline": round(ms / baseline, 2),
            }
            for name, ms in medians.items()
        },
    }
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for name, row in result["pages"].items():
        print(f"{name:<40} {row['median_ms']:8.1f} ms  x{row['ratio_to_baseline']}", flush=True)


if __name__ == "__main__":
    main()
