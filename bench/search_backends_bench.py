"""Benchmark of the search engines side by side (not a test): Whoosh, tantivy, PostgreSQL
with GIN (bounded window) and with RUM, and SQLite FTS5 as the baseline, on the same
synthetic corpus, the same queries, the same machine, in one run.

Per engine and size: build docs/s (from documents already read from the database) and index
size; p50/p95 of one-term, two-term, phrase, document-number and filtered queries, each with
ten snippets and facet counts over every match (backend level: ``query.execute``, the same
call the site makes before its published-only re-check); one-document update to searchable
(p50/p95 of 20); and quality: a fixed set of queries whose correct answer is a planted
document (NFD and tone-first text, old tone placement, no diacritics, abbreviations both
ways, document numbers three ways, Telex), scored as first hit and top-ten.

    python bench/search_backends_bench.py [--sizes 10000 100000] [--engines ...]
        [--repeat 10] [--workdir DIR]   # DIR/<size>/portal.db is reused when present

Writes bench/results/search_backends.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_quality import PLANTED, QUALITY  # noqa: E402
from fts5_baseline import Fts5Baseline  # noqa: E402
from search_bench import QUERIES, percentile  # noqa: E402

from config import TestConfig  # noqa: E402
from portal import create_app  # noqa: E402
from portal.search.answers import AnswerCache  # noqa: E402
from portal.search.base import SearchDocument  # noqa: E402
from portal.search.documents import iter_documents  # noqa: E402
from portal.search.query import execute  # noqa: E402
from portal.search.registry import make_backend  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "search_backends.json"
ENGINES = ("whoosh", "tantivy", "pg-gin", "pg-rum", "fts5")
TARGETS_100K = {"tantivy": {"p95_ms": 20, "phrase_p95_ms": 60, "build_docs_s": 2000},
                "pg": {"p95_ms": 150}, "publish_p95_ms": 1000}  # fmt: skip


def load_documents(base: Path, size: int) -> list[SearchDocument]:
    """Read (creating first if needed) the corpus of one size: starter data + synthetic."""
    db_file = base / str(size) / "portal.db"
    db_file.parent.mkdir(parents=True, exist_ok=True)
    values = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_file}", "SEARCH_INDEXER": "off",
              "SEARCH_INDEX_DIR": str(db_file.parent / "unused")}  # fmt: skip
    app = create_app(type("BenchConfig", (TestConfig,), values))
    with app.app_context():
        if not db_file.exists() or db_file.stat().st_size < 100_000:
            from flask_migrate import upgrade

            from portal.importers.seed import load_seed
            from portal.importers.synthetic import generate

            upgrade(directory=str(ROOT / "portal" / "migrations"))
            load_seed()
            generate(size, seed=size)
        return [*iter_documents(), *PLANTED]


class Engine:
    """One engine behind a common face: build, query, update, size."""

    def __init__(self, name: str, workdir: Path, pg_url: str | None) -> None:
        self.name, self.dir = name, workdir / name
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        if name == "fts5":
            self.backend = Fts5Baseline(self.dir / "fts.db")
        elif name.startswith("pg-"):
            self.backend = make_backend("postgres", str(self.dir), database_url=pg_url,
                                        ranking="rum" if name == "pg-rum" else "window")  # fmt: skip
        else:
            self.backend = make_backend(name, str(self.dir))
        if name != "fts5":  # what a search costs, not a kept answer (portal/search/answers.py)
            self.backend.answers = AnswerCache(0)

    def query(self, text: str, filters: dict | None = None) -> tuple[int, list[str], bool]:
        """Return (total, first ten keys, timed out) of a query, with snippets and facets."""
        if self.name == "fts5":
            total, hits, _ = self.backend.search(text, filters)
            return total, [key for key, _ in hits], False
        result = execute(self.backend, text, filters or {}).result
        return result.total, [hit.key for hit in result.hits], result.timed_out

    def size(self) -> int:
        if self.name == "fts5":
            return self.backend.size()
        if self.name.startswith("pg-"):
            with self.backend.engine.connect() as conn:
                from sqlalchemy import text

                return conn.scalar(text("SELECT pg_total_relation_size('search_documents')"
                                        " + pg_total_relation_size('search_words')"))  # fmt: skip
        return sum(p.stat().st_size for p in self.dir.rglob("*") if p.is_file())

    def close(self) -> None:
        self.backend.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def time_classes(engine: Engine, repeat: int) -> tuple[dict, int]:
    out, timed_out = {}, 0
    for name, queries in QUERIES.items():
        items = [q if isinstance(q, tuple) else (q, {}) for q in queries]
        for text, filters in items:  # warm
            engine.query(text, filters)
        timings = []
        for _ in range(repeat):
            for text, filters in items:
                started = time.perf_counter()
                timed_out += engine.query(text, filters)[2]
                timings.append((time.perf_counter() - started) * 1000)
        out[name] = {"p50": round(percentile(timings, 50), 1),
                     "p95": round(percentile(timings, 95), 1)}  # fmt: skip
    return out, timed_out


def update_latency(engine: Engine, rounds: int = 20) -> dict:
    """Time one new document from the write call until a query finds it."""
    timings = []
    for n in range(rounds):
        marker = f"benchmarkers{n}x{time.time_ns() % 10**6}"
        doc = SearchDocument(key=f"resolution:{990_500 + n}", type="resolution", id=990_500 + n,
                             slug=marker, title=f"Nghị quyết {marker}",
                             text=f"Nghị quyết {marker}\nVề chiếu sáng đô thị.",
                             date="2021-01-01", facets={"type": "resolution", "year": "2021"},
                             version="bench")  # fmt: skip
        started = time.perf_counter()
        engine.backend.index([doc])
        while not engine.query(marker)[1]:
            time.sleep(0.002)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "p50": round(percentile(timings, 50), 1),
        "p95": round(percentile(timings, 95), 1),
    }


def quality(engine: Engine) -> dict:
    first = top10 = 0
    misses = []
    for text, expected in QUALITY:
        keys = engine.query(text)[1]
        first += bool(keys) and keys[0] == expected
        top10 += expected in keys
        if not keys or keys[0] != expected:
            misses.append(text)
    return {"first": first, "top10": top10, "of": len(QUALITY), "missed_first": misses}


def measure(name: str, docs: list, workdir: Path, pg_url: str | None, repeat: int) -> dict:
    engine = Engine(name, workdir, pg_url)
    try:
        started = time.perf_counter()
        engine.backend.rebuild(docs)
        seconds = time.perf_counter() - started
        figures = {"build_docs_per_second": round(len(docs) / seconds),
                   "build_seconds": round(seconds, 1), "index_mb": round(engine.size() / 2**20, 1)}  # fmt: skip
        figures["queries_ms"], figures["timed_out"] = time_classes(engine, repeat)
        figures["update_to_searchable_ms"] = update_latency(engine)
        figures["quality"] = quality(engine)
        figures["load_average"] = round(os.getloadavg()[0], 1)
        return figures
    finally:
        engine.close()


def table(results: dict) -> str:
    classes = list(QUERIES)
    head = "| size | engine | " + " | ".join(f"{c} p50/p95" for c in classes)
    lines = [head + " | build docs/s | index MB | update p50/p95 | quality first/top10 |",
             "|---" * (len(classes) + 6) + "|"]  # fmt: skip
    for size, engines in results["sizes"].items():
        for name, f in engines.items():
            cells = [f"{f['queries_ms'][c]['p50']}/{f['queries_ms'][c]['p95']}" for c in classes]
            up, q = f["update_to_searchable_ms"], f["quality"]
            lines.append(f"| {size} | {name} | " + " | ".join(cells) +
                         f" | {f['build_docs_per_second']} | {f['index_mb']} | {up['p50']}/{up['p95']}"
                         f" | {q['first']}/{q['top10']} of {q['of']} |")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--results", type=Path, default=RESULTS, help="JSON file (merged into)")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="search-backends-"))
    results = {"machine_cores": os.cpu_count(), "sizes": {}}
    if args.results.exists():
        results = json.loads(args.results.read_text(encoding="utf-8"))
    server = None
    if any(e.startswith("pg-") for e in args.engines):
        from tests.support import postgres

        server = postgres.start()
    try:
        for size in sorted(args.sizes):
            started = time.perf_counter()
            docs = load_documents(workdir, size)
            print(f"{size}: {len(docs)} documents read in {time.perf_counter() - started:.0f} s",
                  file=sys.stderr)  # fmt: skip
            for name in args.engines:
                url = (
                    server.create_database(f"bench_{name.replace('-', '_')}")
                    if server and name.startswith("pg-")
                    else None
                )
                figures = measure(name, docs, workdir / str(size), url, args.repeat)
                results["sizes"].setdefault(str(size), {})[name] = figures
                args.results.parent.mkdir(parents=True, exist_ok=True)
                args.results.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")  # fmt: skip
                print(
                    f"{size} {name}: {json.dumps(figures, ensure_ascii=False)}",
                    file=sys.stderr,
                )
    finally:
        if server is not None:
            postgres.stop(server)
    print(table(results))


if __name__ == "__main__":
    main()
