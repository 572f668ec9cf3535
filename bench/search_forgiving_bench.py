"""What the forgiving search costs (issue 14 benchmarks; not a test).

On the starter data plus ``--synthetic`` records of the benchmark corpus, per engine, warm:

* the query classes of bench/search_bench.py run with the corrections and retries on and
  off, alternately in the same run (noise on a shared machine hits both), so the cost of the
  forgiveness on queries that already worked is a ratio of p95s;
* the rescue class: the queries of tests/search/data/forgiving_queries.tsv (Telex, regional
  spelling, words typed together, long questions, dates), which go through the retries.

    python bench/search_forgiving_bench.py [--synthetic 10000] [--engines whoosh tantivy] [--repeat 10]

Writes bench/results/search-forgiving.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_bench import QUERIES, percentile  # noqa: E402
from search_false_positives import database  # noqa: E402

from tests.search.forgiving import load_cases  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "search-forgiving.json"


def _figures(timings: list[float]) -> dict[str, float]:
    return {"p50": round(percentile(timings, 50), 1), "p95": round(percentile(timings, 95), 1)}


def measure(engine, repeat: int) -> dict:
    """Return p50/p95 ms per class with the retries on and off, and of the rescue class."""
    from portal.search.query import execute

    out = {}
    for name, queries in QUERIES.items():
        on, off = [], []
        for _ in range(repeat + 1):
            for text in queries:
                q, filters = text if isinstance(text, tuple) else (text, {})
                for timings, correcting in ((on, True), (off, False)):
                    started = time.perf_counter()
                    execute(engine, q, filters, correcting=correcting)
                    timings.append((time.perf_counter() - started) * 1000)
        on, off = on[len(queries) :], off[len(queries) :]  # the first round warms
        forgiving, exact = _figures(on), _figures(off)
        out[name] = {"forgiving": forgiving, "exact": exact,
                     "p95_ratio": round(forgiving["p95"] / max(exact["p95"], 0.1), 2)}  # fmt: skip
    rescue = {}
    for case in load_cases():
        timings = []
        for _ in range(repeat + 1):
            started = time.perf_counter()
            execute(engine, case.query)
            timings.append((time.perf_counter() - started) * 1000)
        rescue.setdefault(case.kind, []).extend(timings[1:])
    out["rescue"] = {kind: _figures(timings) for kind, timings in rescue.items()}
    out["rescue"]["all"] = _figures([t for timings in rescue.values() for t in timings])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--synthetic", type=int, default=10_000)
    parser.add_argument("--engines", nargs="+", default=["whoosh", "tantivy"])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--db", type=Path, help="reuse (or make) the database at this path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = (args.db or Path(tmp) / "forgiving.db").resolve()
        app = database(path, args.synthetic)
        from portal.search.answers import AnswerCache
        from portal.search.documents import iter_documents
        from portal.search.registry import make_backend

        with app.app_context():
            docs = list(iter_documents())
        results = {"documents": len(docs), "repeat": args.repeat, "engines": {}}
        for name in args.engines:
            engine = make_backend(name, str(Path(tmp) / name))
            # What a search costs, not a kept answer (portal/search/answers.py).
            engine.answers = AnswerCache(0)
            engine.rebuild(docs)
            results["engines"][name] = measure(engine, args.repeat)
            engine.close()
            print(name, json.dumps(results["engines"][name], ensure_ascii=False), flush=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
