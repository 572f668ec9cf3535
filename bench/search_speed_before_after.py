"""Issue 14's speed check: ``make bench`` and ``make bench-backends`` with the code before the issue
and with this checkout, in one run on the same machine, alternating versions size by size (not a test).

    git worktree add --detach /tmp/pre14 e6a0860
    python bench/search_speed_before_after.py --old /tmp/pre14 [--sizes 10000 25000 100000]
        [--backend-sizes 10000 100000] [--engines whoosh tantivy pg-gin]

Each benchmark runs as its own process from each checkout (its own interpreter imports its own
``portal``), with a private temporary directory removed afterwards, and the answers cache of the
new code off in both scripts (bench/search_bench.py, bench/search_backends_bench.py), so a query
asked again costs a search. Per class it reports p95 new / p95 old; the issue allows 1.20.
Writes bench/results/search-speed-before-after.json under ``--label`` (a quiet rerun beside a loaded run).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "search-speed-before-after.json"
LIMIT = 1.20


def run_bench(code: Path, script: str, args: list[str], results: Path | None) -> dict:
    """Run one benchmark script of ``code`` and return the JSON it wrote."""
    scratch = Path(tempfile.mkdtemp(prefix="speed-"))
    scratch.chmod(0o711)  # the private PostgreSQL server runs as postgres inside it
    out = results or code / "bench" / "results" / "search.json"
    kept = out.read_bytes() if out.exists() else None  # the script merges into its file: start empty,
    out.unlink(missing_ok=True)  # read only this run, then put the file back as it was
    env = {**os.environ, "TMPDIR": str(scratch), "SEARCH_ANSWER_CACHE": "0", "PYTHONPATH": str(code)}
    command = [sys.executable, str(code / "bench" / script), *args]
    if results is not None:
        command += ["--results", str(results)]
    started = time.perf_counter()
    try:
        subprocess.run(command, cwd=code, env=env, check=True, stdout=subprocess.DEVNULL)
        found = json.loads(out.read_text(encoding="utf-8"))["sizes"]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if kept is not None:
            out.write_bytes(kept)
    print(f"  {code.name} {script} {' '.join(args)}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return found


def ratios(old: dict, new: dict) -> dict:
    """Return p95 new/old per query class."""
    return {name: round(new[name]["p95"] / old[name]["p95"], 2) for name in new if name in old}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--old", type=Path, required=True, help="a checkout of the code before issue 14")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 25_000, 100_000])
    parser.add_argument("--backend-sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--engines", nargs="+", default=["whoosh", "tantivy", "pg-gin"])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--label", default="run", help="the run's key in the results file (others are kept)")
    args = parser.parse_args()
    versions = {"before": args.old.resolve(), "after": ROOT}
    runs = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    report = runs.setdefault(args.label, {})
    report.update({"limit": LIMIT, "old_commit": _commit(versions["before"]), "new_commit": _commit(ROOT),
                   "load_average_start": os.getloadavg()[0]})  # fmt: skip
    site = report.setdefault("search_bench", {})
    for turn, size in enumerate(args.sizes):
        order = ["before", "after"] if turn % 2 == 0 else ["after", "before"]
        figures = {v: run_bench(versions[v], "search_bench.py", ["--sizes", str(size), "--repeat", str(args.repeat)],
                                None)[str(size)] for v in order}  # fmt: skip
        site[str(size)] = {**figures, "p95_ratio": ratios(figures["before"]["queries_ms"],
                                                          figures["after"]["queries_ms"])}  # fmt: skip
        _write(runs)
    engines = report.setdefault("search_backends_bench", {})
    for turn, size in enumerate(args.backend_sizes):
        order = ["after", "before"] if turn % 2 == 0 else ["before", "after"]
        figures = {}
        for version in order:
            out = Path(tempfile.mkdtemp(prefix="speed-json-")) / "backends.json"
            found = run_bench(
                versions[version],
                "search_backends_bench.py",
                ["--sizes", str(size), "--engines", *args.engines, "--repeat", str(args.repeat)],
                out,
            )
            figures[version] = found[str(size)]
            shutil.rmtree(out.parent, ignore_errors=True)
        engines[str(size)] = {name: {"before": figures["before"][name], "after": figures["after"][name],
                                     "p95_ratio": ratios(figures["before"][name]["queries_ms"],
                                                         figures["after"][name]["queries_ms"])}
                              for name in args.engines}  # fmt: skip
        _write(runs)
    report["load_average_end"] = os.getloadavg()[0]
    _write(runs)
    _print(report)


def _commit(code: Path) -> str:
    return subprocess.run(["git", "-C", str(code), "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()  # fmt: skip


def _write(report: dict) -> None:
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _print(report: dict) -> None:
    print(
        "| bench | size | engine | class | p95 before ms | p95 after ms | ratio |\n|---|---|---|---|---|---|---|"
    )
    for size, figures in report.get("search_bench", {}).items():
        for name, ratio in figures["p95_ratio"].items():
            before, after = (
                figures["before"]["queries_ms"][name]["p95"],
                figures["after"]["queries_ms"][name]["p95"],
            )
            print(f"| bench | {size} | whoosh | {name} | {before} | {after} | {ratio} |")
    for size, engines in report.get("search_backends_bench", {}).items():
        for engine, figures in engines.items():
            for name, ratio in figures["p95_ratio"].items():
                before, after = (
                    figures["before"]["queries_ms"][name]["p95"],
                    figures["after"]["queries_ms"][name]["p95"],
                )
                print(f"| bench-backends | {size} | {engine} | {name} | {before} | {after} | {ratio} |")


if __name__ == "__main__":
    main()
