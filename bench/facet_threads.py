"""tantivy's facets counted in a thread beside the page, or inline: searches per second (not a test).

Several client threads search a tantivy index of ``--size`` documents (this checkout's own corpus, as
``bench/search_backends_bench.py`` reads it) with the one-term, two-term and phrase queries of
``make bench``, for ``--seconds`` each, alternating the two settings of ``facets_in_thread_from``
(0: every search's facets in a thread; above the record count: never) ``--rounds`` times per client
count.  Answers are not kept (``backend.search``).  Writes bench/results/facet-threads.json.

    python bench/facet_threads.py [--size 100000] [--clients 1 2 4] [--seconds 8] [--rounds 3]
        [--workdir DIR]   # DIR/<size>/portal.db and DIR/index are reused when present
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from search_backends_bench import load_documents  # noqa: E402
from search_bench import QUERIES  # noqa: E402

from portal.search.analysis import analyze_query  # noqa: E402
from portal.search.registry import make_backend  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "facet-threads.json"
SETTINGS = {"threaded": 0, "inline": 10**9}


def searches_per_second(backend, queries: list, clients: int, seconds: float) -> float:
    """Run ``clients`` threads searching in turn for ``seconds``; return searches per second."""
    done = [0] * clients
    stop = time.perf_counter() + seconds

    def work(client: int) -> None:
        turn = client
        while time.perf_counter() < stop:
            backend.search(queries[turn % len(queries)], {})
            done[client] += 1
            turn += 1

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return round(sum(done) / seconds, 1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="facet-threads-"))
    backend = make_backend("tantivy", str(workdir / "index"))
    if not (workdir / "index" / "tantivy" / "CURRENT").exists():
        backend.rebuild(load_documents(workdir, args.size))
    queries = [analyze_query(q) for name in ("one_term", "two_terms", "phrase") for q in QUERIES[name]]
    for query in queries:  # warm
        backend.search(query, {})
    report = {"documents": backend.count(), "cores": os.cpu_count(), "seconds": args.seconds,
              "load_average_start": os.getloadavg()[0], "clients": {}}  # fmt: skip
    for clients in args.clients:
        runs: dict[str, list[float]] = {name: [] for name in SETTINGS}
        for turn in range(args.rounds):
            for name in list(SETTINGS) if turn % 2 == 0 else list(SETTINGS)[::-1]:
                backend.facets_in_thread_from = SETTINGS[name]
                runs[name].append(searches_per_second(backend, queries, clients, args.seconds))
        medians = {name: statistics.median(found) for name, found in runs.items()}
        report["clients"][str(clients)] = {"searches_per_second": runs, "median": medians,
                                           "threaded_over_inline": round(medians["threaded"] / medians["inline"], 2)}  # fmt: skip
        print(f"{clients} client(s): {json.dumps(report['clients'][str(clients)])}", flush=True)
    report["load_average_end"] = os.getloadavg()[0]
    backend.close()
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
