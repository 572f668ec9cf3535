"""The portal of many councils against today's single-council list (issue 13; not a test).

Builds two SQLite databases from the starter data: the single-council site with N sample records in its
council (as the scale tests do), and the portal with a sample province of C commune councils holding N
sample records (as ``flask demo synthetic --councils C --count N``: a province, C communes and its
sample district that ended), with its search index. Serves both in-process (page cache and search
answer cache off, so every request renders and searches) and times, interleaved round by round on the
same machine:

- the single-council site's /resolutions (the baseline) and the portal home, a commune council's home,
  its resolutions list and /statistics/councils (the issue's bar: each within 2x the baseline);
- the same search questions portal-wide (/search?q=) and with the council filter (&council=<commune>,
  what a council's own search box sends): p50 and p95 of each.

Writes the figures under the run's size in bench/results/councils.json (earlier sizes are kept).

    python bench/councils.py [--size 100000] [--councils 60] [--rounds 20] [--workdir DIR]
        [--build-only | --reuse]

--build-only builds the two databases (run it niced); --reuse measures databases built before (the
portal's may come from ``flask demo synthetic`` into DIR/portal/portal.db with its index beside it).
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
# Words and phrases of the sample records' council language (portal/importers/synthetic.py).
QUERIES = ("giải phóng mặt bằng", "nông thôn mới", "an toàn giao thông", "vệ sinh an toàn thực phẩm",
           "thoát nước", "tái định cư", "ngân sách", "Bà Triệu", "quy hoạch xây dựng", "rác thải")  # fmt: skip


def config(db_file: Path, **values) -> type:
    base = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_file}",
        "SEARCH_INDEX_DIR": str(db_file.parent / "search_index"),
        "UPLOAD_DIR": str(db_file.parent / "uploads"),
        "SEARCH_INDEXER": "off",
        "PAGE_CACHE_BYTES": 0,
        "RATELIMIT_ENABLED": False,
        "PORTAL_COUNCIL": None,
        "SEARCH_BACKEND": os.environ.get("SEARCH_BACKEND", "tantivy"),
        "SEARCH_ANSWER_CACHE": 0,
    }
    return type("BenchConfig", (DevelopmentConfig,), {**base, **values})


def build(db_file: Path, size: int, index: bool = False, **generate) -> float:
    """Migrate, seed and add `size` sample records (and index them); return the seconds that took."""
    from flask_migrate import upgrade

    from portal import create_app
    from portal.extensions import db
    from portal.importers import synthetic
    from portal.importers.seed import load_seed
    from portal.search import indexer

    db_file.parent.mkdir(parents=True, exist_ok=True)
    db_file.unlink(missing_ok=True)
    app = create_app(config(db_file))
    with app.app_context():
        upgrade()
        load_seed()
        started = time.perf_counter()
        synthetic.generate(size, **generate)
        if index:
            indexer.rebuild()
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


def measure(pages: dict[str, tuple[object, list[str]]], rounds: int) -> dict[str, list[float]]:
    """Milliseconds of each page (each of its paths), one request of every path a round (so load changes
    hit all alike)."""
    times: dict[str, list[float]] = {name: [] for name in pages}
    for client, paths in pages.values():
        for path in paths:
            for _ in range(2):  # warm-up: imports, templates, the per-version figure caches
                assert client.get(path).status_code == 200, path
    for _ in range(rounds):
        for name, (client, paths) in pages.items():
            for path in paths:
                started = time.perf_counter()
                response = client.get(path)
                response.get_data()
                times[name].append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, path
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def search_pages(portal, commune: str) -> dict[str, tuple[object, list[str]]]:
    from urllib.parse import quote_plus

    asked = [quote_plus(q) for q in QUERIES]
    return {
        "search portal-wide": (portal, [f"/search?q={q}" for q in asked]),
        "search with the council facet": (portal, [f"/search?q={q}&council={commune}" for q in asked]),
    }


def saved(result: dict) -> dict:
    """The results file with this run under its size (an earlier single-run file becomes its size's)."""
    runs = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
    if "size" in runs:
        runs = {str(runs["size"]): runs}
    runs[str(result["size"])] = result
    return dict(sorted(runs.items(), key=lambda item: int(item[0])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--councils", type=int, default=60, help="sample commune councils")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/portal-bench-councils"))
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--build-only", action="store_true")
    what.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("PORTAL_ENV", "development")
    single_db, portal_db = args.workdir / "single" / "portal.db", args.workdir / "portal" / "portal.db"
    built = None
    if not args.reuse:
        built = {
            "single_council_seconds": round(build(single_db, args.size, into=CITY), 1),
            "portal_seconds": round(build(portal_db, args.size, index=True, councils=args.councils), 1),
        }
        print(built, flush=True)
    if args.build_only:
        return
    from portal import create_app

    single = create_app(config(single_db, PORTAL_COUNCIL=CITY)).test_client()
    portal = create_app(config(portal_db)).test_client()
    commune = commune_slug(portal_db)
    pages = {
        "baseline: single-council /resolutions": (single, ["/resolutions"]),
        "portal home /": (portal, ["/"]),
        "council home": (portal, [f"/{commune}/"]),
        "council list (resolutions)": (portal, [f"/{commune}/resolutions"]),
        "/statistics/councils": (portal, ["/statistics/councils"]),
    }
    load_before = os.getloadavg()
    times = measure(pages, args.rounds)
    searches = measure(search_pages(portal, commune), args.rounds)
    medians = {name: statistics.median(values) for name, values in times.items()}
    baseline = medians["baseline: single-council /resolutions"]
    result = {
        "size": args.size,
        "councils": {"communes": args.councils, "with_province_and_ended_district": args.councils + 2},
        "rounds": args.rounds,
        "search_backend": config(portal_db).SEARCH_BACKEND,
        "how": "in-process Flask test client, page cache and search answer cache off, SQLite, pages "
        "interleaved round by round; search: the same questions each way, interleaved",
        "loadavg_1m_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "build": built or "reused (built before; portal: flask demo synthetic --councils C --count N)",
        "pages": {
            name: {
                "path": pages[name][1][0],
                "median_ms": round(ms, 1),
                "ratio_to_baseline": round(ms / baseline, 2),
            }
            for name, ms in medians.items()
        },
        "search": {
            "queries": list(QUERIES),
            "commune": commune,
            **{
                name: {"p50_ms": round(statistics.median(ms), 1), "p95_ms": round(p95(ms), 1)}
                for name, ms in searches.items()
            },
        },
    }
    OUT.write_text(json.dumps(saved(result), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for name, row in result["pages"].items():
        print(f"{name:<40} {row['median_ms']:8.1f} ms  x{row['ratio_to_baseline']}", flush=True)
    for name, row in result["search"].items():
        print(name, row, flush=True)


if __name__ == "__main__":
    main()
