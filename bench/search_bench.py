"""Search benchmark (not a test): synthetic corpora of 10k and 25k records, warm searcher.

Per size: p50/p95 of one-term, two-term, phrase, document-number and filtered queries through
the full site path (parse, search, facets, snippets of ten hits, published-only re-check);
publish-to-searchable through the background indexer; rebuild docs/s.  Writes
bench/results/search.json and prints a table beside the SEARCH-FACTS baseline.

    python bench/search_bench.py [--sizes 10000 25000] [--repeat 40]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402

from config import TestConfig  # noqa: E402
from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.importers.seed import load_seed  # noqa: E402
from portal.importers.synthetic import generate  # noqa: E402
from portal.models import Organization, Resolution  # noqa: E402
from portal.search import indexer  # noqa: E402
from portal.search.query import SearchRequest, search  # noqa: E402
from portal.search.registry import get_backend  # noqa: E402
from portal.services.publishing import publish, save  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "search.json"
QUERIES = {
    "one_term": ["đất", "thoát", "chợ", "karaoke", "trường"],
    "two_terms": ["ngân sách", "giải phóng", "tái định", "cử tri", "vỉa hè"],
    "phrase": ['"giải phóng mặt bằng"', '"trật tự đô thị"', '"nông thôn mới"', '"quyền sử dụng đất"'],
    "doc_number": ["1107/TB-HĐND", "1107/TB-HDND", "1107", "45-CT/TW", "10020/NQ-HĐND"],
    "filtered": [("đất", {"type": "petition"}), ("ngân sách", {"year": "2020"}),
                 ("cử tri", {"type": "petition", "status": "resolved"}), ("thoát nước", {"type": "document"})],
}  # fmt: skip
# SEARCH-FACTS.md "Whoosh, bigrams, adjacent-first" at 10k (p50/p95 ms) and build docs/s at 100k.
BASELINE_10K = {"one_term": (13, 32), "two_terms": (9, 18), "phrase": (24, 68), "doc_number": (51, 97),
                "filtered": (21, 39)}  # fmt: skip
TARGET_P95 = {10_000: 40, 25_000: 150}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def make_app(base: Path, **overrides):
    # No kept answers (portal/search/answers.py): a query asked again would be a dictionary lookup,
    # and the figures are what a search costs.
    values = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{base / 'portal.db'}",
              "SEARCH_INDEX_DIR": str(base / "search_index"), "SEARCH_ANSWER_CACHE": 0, **overrides}  # fmt: skip
    return create_app(type("BenchConfig", (TestConfig,), values))


def time_queries(repeat: int) -> dict[str, dict[str, float]]:
    out = {}
    for name, queries in QUERIES.items():
        timings = []
        for text in queries:  # warm once
            q, filters = text if isinstance(text, tuple) else (text, {})
            search(SearchRequest(q, filters))
        for _ in range(repeat):
            for text in queries:
                q, filters = text if isinstance(text, tuple) else (text, {})
                started = time.perf_counter()
                page = search(SearchRequest(q, filters))
                timings.append((time.perf_counter() - started) * 1000)
                assert page.error is None
        out[name] = {
            "p50": round(percentile(timings, 50), 1),
            "p95": round(percentile(timings, 95), 1),
        }
    return out


def publish_latency(app, rounds: int) -> dict[str, float]:
    timings = []
    council = db.session.scalar(db.select(Organization).where(Organization.kind == "council"))
    for n in range(rounds):
        marker = f"benchmarker{n}x{int(time.time())}"
        resolution = Resolution(council=council, title=f"Nghị quyết đo thời gian {marker}", slug=marker)
        save(resolution, None, commit=False)
        started = time.perf_counter()
        publish(resolution, None)
        while not search(SearchRequest(marker)).items:
            time.sleep(0.005)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "p50": round(percentile(timings, 50)),
        "p95": round(percentile(timings, 95)),
    }


def profiled(name: str, size: int, work):
    """Run work under pyinstrument and write its call tree to bench/results/ (returns its value)."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.002)
    profiler.start()
    try:
        return work()
    finally:
        profiler.stop()
        path = RESULTS.parent / f"whoosh-profile-{name}-{size}.txt"
        path.write_text(profiler.output_text(color=False, unicode=True), encoding="utf-8")
        print(f"profile: {path}", file=sys.stderr)


def profile_queries(size: int) -> None:
    """Profile 20 runs of the two slowest query classes (warm)."""

    def run() -> None:
        for _ in range(20):
            for name in ("two_terms", "phrase"):
                for text in QUERIES[name]:
                    search(SearchRequest(text))

    profiled("queries", size, run)


def measure(base: Path, size: int, repeat: int, profile: bool = False) -> dict:
    # Generate and rebuild with no background indexer: otherwise it drains the generated
    # records' outbox one update at a time while the rebuild waits for the writer lock.
    quiet = make_app(base, SEARCH_INDEXER="off")
    with quiet.app_context():
        existing = db.session.scalar(db.select(db.func.count()).select_from(Resolution))
        started = time.perf_counter()
        missing = size - _sample_count()
        if missing > 0:
            generate(missing, seed=size)
        generated = time.perf_counter() - started
        started = time.perf_counter()
        docs = profiled("rebuild", size, indexer.rebuild) if profile else indexer.rebuild()
        rebuild_seconds = time.perf_counter() - started
        get_backend().close()
    app = make_app(base, SEARCH_INDEXER="thread", SEARCH_POLL_SECONDS=1.0)
    with app.app_context(), app.test_request_context():
        get_backend().searcher()
        if profile:
            profile_queries(size)
        result = {
            "documents": docs,
            "generate_seconds": round(generated, 1),
            "rebuild_docs_per_second": round(docs / rebuild_seconds),
            "queries_ms": time_queries(repeat),
            "publish_to_searchable_ms": publish_latency(app, 20),
            "resolutions_before": existing,
        }
        app.extensions["search_indexer"].stop()
    return result


def _sample_count() -> int:
    from portal.search.documents import indexed

    return sum(
        db.session.scalar(db.select(db.func.count()).select_from(spec.model).where(spec.model.is_sample))
        for spec in indexed().values()
    )


def table(results: dict) -> str:
    lines = [
        "| size | class | p50 ms | p95 ms | target p95 | SEARCH-FACTS 10k p50/p95 |",
        "|---|---|---|---|---|---|",
    ]
    for size, data in results["sizes"].items():
        for name, figures in data["queries_ms"].items():
            base = BASELINE_10K[name]
            lines.append(f"| {size} | {name} | {figures['p50']} | {figures['p95']} | "
                         f"{TARGET_P95.get(int(size), '–')} | {base[0]}/{base[1]} |")  # fmt: skip
        pub = data["publish_to_searchable_ms"]
        lines.append(f"| {size} | publish→searchable | {pub['p50']} | {pub['p95']} | 1000 | – |")
        lines.append(
            f"| {size} | rebuild docs/s | {data['rebuild_docs_per_second']} | | ≥ 250 | 143 (100k) |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 25_000])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--workdir", type=Path, help="reuse a database from an earlier run")
    parser.add_argument("--profile", action="store_true",
                        help="also write pyinstrument profiles of the rebuild and the slowest "
                             "query classes to bench/results/ (slows the rebuild figure)")  # fmt: skip
    args = parser.parse_args()
    base = args.workdir or Path(tempfile.mkdtemp(prefix="search-bench-"))
    if args.workdir is None:
        app = make_app(base, SEARCH_INDEXER="off")
        with app.app_context():
            upgrade(directory=str(Path(app.root_path) / "migrations"))
            load_seed()
    results = {"machine_cores": os.cpu_count(), "sizes": {}}
    if RESULTS.exists():
        results["sizes"] = json.loads(RESULTS.read_text(encoding="utf-8")).get("sizes", {})
    for size in sorted(args.sizes):
        results["sizes"][str(size)] = measure(base, size, args.repeat, args.profile)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{size}: done ({base})", file=sys.stderr)
    print(table(results))


if __name__ == "__main__":
    main()
