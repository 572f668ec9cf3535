"""Publish-to-searchable latency through the outbox and the background indexer thread (Whoosh), the
figure tests/search/test_consistency.py used to assert; writes bench/results/publish_searchable.json.

Run: .venv/bin/python -m bench.publish_searchable_bench [ROUNDS]
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from portal import create_app
from portal.extensions import db
from portal.importers.seed import load_seed
from portal.search import indexer
from portal.search.query import execute
from portal.search.registry import get_backend
from tests.conftest import make_config
from tests.search.workers import new_resolution

RESULTS = Path(__file__).parent / "results" / "publish_searchable.json"


def _searchable_after(n: int) -> float:
    word = f"benchword{n:05d}x"
    started = time.monotonic()
    resolution = new_resolution(f"Nghị quyết đo độ trễ {word}")
    key = f"resolution:{resolution.id}"
    while key not in [h.key for h in execute(get_backend(), word, per_page=10).result.hits]:
        if time.monotonic() - started > 60:
            raise RuntimeError("not searchable after 60 s")
        time.sleep(0.005)
    return time.monotonic() - started


def main(rounds: int = 20) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        app = create_app(
            make_config(base, base / "portal.db", SEARCH_INDEXER="thread", SEARCH_POLL_SECONDS=0.2)
        )
        with app.app_context():
            upgrade()
            load_seed()
            indexer.rebuild()
            seconds = sorted(_searchable_after(n) for n in range(rounds))
            app.extensions["search_indexer"].stop()
            db.engine.dispose()
    result = {
        "rounds": rounds,
        "p50_s": round(statistics.median(seconds), 3),
        "p95_s": round(seconds[max(0, int(len(seconds) * 0.95) - 1)], 3),
        "max_s": round(seconds[-1], 3),
        "load_average": os.getloadavg()[0],
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(result)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
