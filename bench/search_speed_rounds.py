"""Issue 14's speed check at one size, made to survive a shared machine (not a test).

``bench/search_speed_before_after.py`` runs each version's ``make bench-backends`` once, so one
busy minute on the machine decides a class's p95.  Here each version builds its own index once
(its own code, its own corpus, as its ``bench/search_backends_bench.py`` reads it), then the
versions' timings alternate for ``--rounds`` rounds, each round a fresh process of that version
timing the ``make bench-backends`` query classes (``execute``: snippets and facet counts over
every match, the answers cache off).  Per class it reports the median over rounds of each
version's p95, and their ratio (the issue allows 1.20), besides every round's figures.

    git worktree add --detach /tmp/pre14 e6a0860
    python bench/search_speed_rounds.py --old /tmp/pre14 [--size 100000] [--engine tantivy] [--rounds 6]

Writes bench/results/search-speed-rounds.json under ``--label`` (other labels are kept).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "search-speed-rounds.json"
LIMIT = 1.20
ENGINES = ("whoosh", "tantivy")  # the embedded engines: a version's own code builds them in a directory


def _version_code(code: Path) -> None:
    """Import ``portal`` and the bench helpers from a version's checkout."""
    sys.path[:0] = [str(code), str(code / "bench")]


def build(code: Path, scratch: Path, size: int, engine: str) -> dict:
    """Build one version's corpus and index of ``size`` documents in scratch (worker process)."""
    _version_code(code)
    from search_backends_bench import load_documents

    from portal.search.registry import make_backend

    started = time.perf_counter()
    docs = load_documents(scratch, size)
    read = time.perf_counter() - started
    started = time.perf_counter()
    make_backend(engine, str(scratch / "index")).rebuild(docs)
    return {"documents": len(docs), "read_seconds": round(read, 1),
            "build_seconds": round(time.perf_counter() - started, 1)}  # fmt: skip


def time_round(code: Path, scratch: Path, engine: str, repeat: int) -> dict:
    """Time every query class on one version's index (worker process): p50/p95 in ms."""
    _version_code(code)
    from search_bench import QUERIES, percentile

    from portal.search.query import execute
    from portal.search.registry import make_backend

    backend = make_backend(engine, str(scratch / "index"))
    try:
        from portal.search.answers import AnswerCache
    except ImportError:  # the code before issue 14 keeps no answers
        pass
    else:
        backend.answers = AnswerCache(0)
    out: dict = {"queries": QUERIES, "classes": {}}
    for name, queries in QUERIES.items():
        items = [q if isinstance(q, (tuple, list)) else (q, {}) for q in queries]
        for text, filters in items:  # warm
            execute(backend, text, filters)
        timings = []
        for _ in range(repeat):
            for text, filters in items:
                started = time.perf_counter()
                execute(backend, text, filters)
                timings.append((time.perf_counter() - started) * 1000)
        out["classes"][name] = {"p50": round(percentile(timings, 50), 1),
                                "p95": round(percentile(timings, 95), 1)}  # fmt: skip
    backend.close()
    return out


def _worker(args: argparse.Namespace) -> None:
    if args.worker == "build":
        found = build(args.code, args.scratch, args.size, args.engine)
    else:
        found = time_round(args.code, args.scratch, args.engine, args.repeat)
    print(json.dumps(found, ensure_ascii=False))


def _run(code: Path, scratch: Path, what: str, args: argparse.Namespace) -> dict:
    """Run a worker of one version and return what it printed."""
    env = {**os.environ, "TMPDIR": str(scratch), "SEARCH_ANSWER_CACHE": "0", "PYTHONPATH": str(code)}
    command = [sys.executable, __file__, "--worker", what, "--code", str(code), "--scratch", str(scratch),
               "--size", str(args.size), "--engine", args.engine, "--repeat", str(args.repeat)]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{what} with {code} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _commit(code: Path) -> str:
    return subprocess.run(["git", "-C", str(code), "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--old", type=Path, help="a checkout of the code before issue 14")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--engine", default="tantivy", choices=ENGINES)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--label", default="run", help="the run's key in the results file")
    parser.add_argument("--worker", choices=("build", "time"), help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--scratch", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args)
        return
    if args.old is None:
        parser.error("--old is required")
    versions = {"before": args.old.resolve(), "after": ROOT}
    scratch = {v: Path(tempfile.mkdtemp(prefix=f"rounds-{v}-")) for v in versions}
    try:
        report = {"limit": LIMIT, "size": args.size, "engine": args.engine, "rounds": args.rounds,
                  "repeat": args.repeat, "cores": os.cpu_count(), "load_average_start": os.getloadavg()[0],
                  "commits": {v: _commit(code) for v, code in versions.items()}}  # fmt: skip
        report["build"] = {v: _run(code, scratch[v], "build", args) for v, code in versions.items()}
        print(f"built: {json.dumps(report['build'])}", file=sys.stderr)
        rounds: dict[str, list] = {v: [] for v in versions}
        for turn in range(args.rounds):
            for version in ("before", "after") if turn % 2 == 0 else ("after", "before"):
                found = _run(versions[version], scratch[version], "time", args)
                rounds[version].append(found)
                print(f"round {turn + 1} {version}: {json.dumps(found['classes'])}", file=sys.stderr)
        if rounds["before"][0]["queries"] != rounds["after"][0]["queries"]:
            sys.exit("the two versions time different queries")
        report["rounds_p95"] = {v: [r["classes"] for r in found] for v, found in rounds.items()}
        report["median_p95"] = {
            v: {
                c: round(statistics.median(r["classes"][c]["p95"] for r in found), 1)
                for c in found[0]["classes"]
            }
            for v, found in rounds.items()
        }
        before, after = report["median_p95"]["before"], report["median_p95"]["after"]
        report["p95_ratio"] = {c: round(after[c] / before[c], 2) if before[c] else None for c in before}
        report["within_limit"] = all(r is not None and r <= LIMIT for r in report["p95_ratio"].values())
        report["load_average_end"] = os.getloadavg()[0]
    finally:
        for path in scratch.values():
            shutil.rmtree(path, ignore_errors=True)
    runs = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    runs[args.label] = report
    RESULTS.write_text(json.dumps(runs, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"| class | p95 before ms | p95 after ms | ratio |  (median of {args.rounds} rounds, "
          f"{args.engine}, {args.size} documents)\n|---|---|---|---|")  # fmt: skip
    for name, ratio in report["p95_ratio"].items():
        print(f"| {name} | {before[name]} | {after[name]} | {ratio} |")


if __name__ == "__main__":
    main()
