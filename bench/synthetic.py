"""Speed of ``flask demo synthetic`` (not a test): records/s on a fresh SQLite file, as a user runs it.

Per size: a temporary SQLite database with the starter data (``flask db upgrade``, ``flask seed``, not
timed), then ``flask --app wsgi demo synthetic --count N`` as a subprocess.  Its output is read as it
comes: the time until it reports the records written is the generation; the rest is the one index
rebuild.  Adds the figures (with the load average) to bench/results/synthetic.json under a label.

    python bench/synthetic.py [--sizes 10000,100000] [--label after] [--search-backend whoosh]
        [--app-dir DIR]   # another checkout, e.g. the code before a change, served by this venv
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).parent / "results" / "synthetic.json"


def _flask(app_dir: Path, env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=app_dir, env=env, check=True,
                   capture_output=True, timeout=600)  # fmt: skip


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a running process has used so far (its own threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(app_dir: Path, size: int, backend: str, generate_only: bool = False) -> dict:
    """Time one ``demo synthetic --count size`` on a fresh seeded SQLite file."""
    with tempfile.TemporaryDirectory(prefix="bench-synthetic-") as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/portal.db", "SEARCH_INDEX_DIR": f"{tmp}/index",
               "SEARCH_BACKEND": backend, "PORTAL_ENV": "development"}  # fmt: skip
        _flask(app_dir, env, "db", "upgrade")
        _flask(app_dir, env, "seed")
        load = os.getloadavg()
        started = time.perf_counter()
        generated_at, generate_cpu, cpu_before = None, None, _children_cpu()
        proc = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "demo", "synthetic", "--count",
                                 str(size)], cwd=app_dir, env=env, stdout=subprocess.PIPE, text=True)  # fmt: skip
        lines = []
        for line in proc.stdout:
            lines.append(line.rstrip())
            if generated_at is None and line.startswith("Đã tạo"):
                generated_at = time.perf_counter()
                generate_cpu = _cpu_seconds(proc.pid)
                if generate_only:
                    proc.kill()
                    break
        if proc.wait() != 0 and not generate_only:
            raise RuntimeError(f"demo synthetic failed ({proc.returncode})")
        total = time.perf_counter() - started
        command_cpu = _children_cpu() - cpu_before
        generated = (generated_at or time.perf_counter()) - started
        if generate_only:
            total = generated
        db_mb = os.path.getsize(f"{tmp}/portal.db") / 1e6
    # Wall times depend on what else shares the cores; CPU seconds (this process and its children) much less.
    return {"size": size, "search_backend": backend, "generate_s": round(generated, 1),
            "generate_records_per_s": round(size / generated, 1),
            "generate_cpu_s": round(generate_cpu, 1) if generate_cpu else None,
            "generate_records_per_cpu_s": round(size / generate_cpu, 1) if generate_cpu else None,
            "command_cpu_s": None if generate_only else round(command_cpu, 1),
            "index_rebuild_s": None if generate_only else round(total - generated, 1),
            "command_s": None if generate_only else round(total, 1),
            "command_records_per_s": None if generate_only else round(size / total, 1),
            "database_mb": round(db_mb, 1), "loadavg_before": [round(x, 2) for x in load],
            "loadavg_after": [round(x, 2) for x in os.getloadavg()], "output": lines}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--label", default="after")
    parser.add_argument("--search-backend", default="whoosh", choices=("whoosh", "tantivy"))
    parser.add_argument("--app-dir", type=Path, default=ROOT)
    parser.add_argument(
        "--generate-only",
        action="store_true",
        help="stop the command once it reports the records written (no index figures)",
    )
    args = parser.parse_args()
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {"runs": []}
    for size in (int(s) for s in args.sizes.split(",") if s):
        row = {"label": args.label, **measure(args.app_dir, size, args.search_backend, args.generate_only),
               "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}  # fmt: skip
        print(f"{args.label} {size:>7,} {args.search_backend}: generate {row['generate_s']} s "
              f"({row['generate_records_per_s']} records/s; {row['generate_cpu_s']} CPU s), index {row['index_rebuild_s']} s, "
              f"command {row['command_s']} s ({row['command_records_per_s']} records/s), "
              f"load {row['loadavg_before'][0]}", flush=True)  # fmt: skip
        results["runs"] = [
            r
            for r in results["runs"]
            if (r["label"], r["size"], r["search_backend"]) != (args.label, size, args.search_backend)
        ]
        results["runs"].append(row)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
