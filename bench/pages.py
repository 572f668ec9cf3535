"""Page throughput at province scale (not a test): the portal served as in production, driven by wrk.

For each database (SQLite, a private PostgreSQL) and size: a new database with the starter data plus
N sample records, built with the commands a user types (``flask db upgrade``, ``seed``,
``demo synthetic --count N``); gunicorn with 2 × cores workers in production config on 127.0.0.1;
wrk at 16 connections for a bounded time against a static file (the ceiling), the home page, a
detail page, a list page (first and 50th page), an API list, a chart page, the search page and the
search API.  Writes req/s, p50, p99, errors and the load average per page to bench/results/pages.json
and prints each page as a ratio to the static file.  Only loopback traffic.

    python bench/pages.py [--sizes 25000,100000] [--databases sqlite,postgres] [--duration 10]
        [--connections 16] [--workdir DIR] [--app-dir DIR] [--search-backend whoosh] [--output FILE]
        [--before-app-dir DIR]   # serve an older checkout too, on the same databases, for before/after
        [--build-only]           # build the databases now, measure later
        [--pg-port PORT]         # a PostgreSQL server kept running between runs (its databases reused)

A SQLite database already built in DIR/sqlite-<N>/ (its build.json beside it) is reused; PostgreSQL
is built anew each run.  Needs Debian's ``wrk`` (``apt-get install -y wrk``; ``make bench-pages``
installs it).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from tests.support import postgres  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "pages.json"
BUILD_TIMEOUT = 3 * 3600
READY_TIMEOUT = 120


def pages(detail_slug: str) -> list[tuple[str, str]]:
    """The pages measured, (name, path), the static file first (the ceiling)."""
    return [
        ("static file", "/static/css/site.css"),
        ("home", "/"),
        ("resolution detail", f"/resolutions/{detail_slug}"),
        ("list, page 1", "/resolutions"),
        ("list, page 50", "/resolutions?page=50"),
        ("API list", "/api/v1/resolutions"),
        ("chart page", "/statistics"),
        ("search page", "/search?q=ngan+sach"),
        ("search API", "/api/v1/search?q=giam+sat+thuc+pham"),
        # Every request a question not asked before in the run (two words of VARIED_WORDS): what a search
        # costs when no worker has its answer kept (portal/search/answers.py), the figure a cache cannot lift.
        ("search page, varied", "/search?q={q}"),
        ("search API, varied", "/api/v1/search?q={q}"),
    ]


# What citizens type, without diacritics; ordered pairs give 1,560 distinct questions.
VARIED_WORDS = (
    "ngan sach", "giao thong", "dat dai", "moi truong", "nuoc sach", "ve sinh", "y te", "truong hoc", "den bu",
    "mat bang", "cho", "duong", "chieu sang", "rac thai", "quy hoach", "dau tu", "kien nghi", "cu tri",
    "giam sat", "thuc pham", "an toan", "phuong", "xa", "ngap ung", "thoat nuoc", "cap nuoc", "dien",
    "lan chiem", "via he", "trat tu", "xay dung", "nha o", "tai dinh cu", "hoc phi", "benh vien", "bao hiem",
    "ho ngheo", "chinh sach", "thu tuc", "hanh chinh",
)  # fmt: skip


def varied_script(path: str) -> str:
    """A wrk Lua script that sends path with {q} replaced by a new pair of words on every request (each
    wrk thread starts at its own offset, so no two requests of a run ask the same question)."""
    words = ", ".join(f'"{w.replace(" ", "+")}"' for w in VARIED_WORDS)
    before, _, after = path.partition("{q}")
    return f"""
local words = {{{words}}}
local n, counter, threads = #words, 0, 0
-- setup runs in wrk's main state; "offset" becomes a global of each thread's own state
function setup(thread) thread:set("offset", threads * 800); threads = threads + 1 end
function request()
  counter = counter + 1
  local k = counter + (offset or 0)
  local i = k % n + 1
  local j = (math.floor(k / n) + i) % n + 1
  if j == i then j = j % n + 1 end
  return wrk.format("GET", "{before}" .. words[i] .. "+" .. words[j] .. "{after}")
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _flask(app_dir: Path, env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=app_dir, env=env,
                          capture_output=True, text=True, timeout=BUILD_TIMEOUT)  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout


def build(app_dir: Path, env: dict, size: int) -> dict:
    """Create the database as a user would; return the timings of the sample-data step."""
    _flask(app_dir, env, "db", "upgrade")
    _flask(app_dir, env, "seed")
    started, load = time.perf_counter(), os.getloadavg()[0]
    out = _flask(app_dir, env, "demo", "synthetic", "--count", str(size))
    seconds = time.perf_counter() - started
    print(out.strip(), flush=True)
    return {"size": size, "synthetic_seconds": round(seconds, 1),
            "synthetic_records_per_s": round(size / seconds, 1), "loadavg_1m_at_start": load}  # fmt: skip


def sample_slug(url: str) -> str:
    """A published sample resolution in the middle of the table (not the first, not the last)."""
    engine = create_engine(url)
    with engine.connect() as conn:
        slugs = conn.execute(text("SELECT slug FROM resolutions WHERE status = 'published' "
                                  "AND is_sample ORDER BY id")).scalars().all()  # fmt: skip
    engine.dispose()
    if not slugs:
        raise RuntimeError("no published sample resolution")
    return slugs[len(slugs) // 2]


class Server:
    """gunicorn serving the portal in production config on a loopback port."""

    def __init__(self, app_dir: Path, env: dict, workers: int, log: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        # Production trusts only its configured host (SERVER_NAME): here, the loopback address served.
        env = {**env, "SERVER_NAME": f"127.0.0.1:{self.port}", "PREFERRED_URL_SCHEME": "http"}
        self.log = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}",
             "--timeout", "120", "wsgi:app"],
            cwd=app_dir, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}); see {log}")
            try:
                if self.status("/healthz") == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not answer /healthz")

    def final_path(self, path: str) -> str:
        """The path a browser ends on (a portal of several councils answers a short path with a 301 to the
        council's page; wrk does not follow redirects, so the page itself is measured at its final path)."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=60) as response:
                response.read()
                final = urllib.parse.urlsplit(response.url)
        except urllib.error.HTTPError:
            return path
        return final.path + (f"?{final.query}" if final.query else "")

    def status(self, path: str) -> int:
        try:
            with urllib.request.urlopen(self.base + path, timeout=60) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _ms(value: str) -> float | None:
    """Milliseconds of a wrk duration; None when wrk had no sample (every request timed out)."""
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", value).groups()
    return round(float(number) * UNITS[unit], 2) or None


def parse_wrk(out: str) -> dict:
    """req/s, p50 and p99 (ms), non-2xx/3xx answers and socket errors from wrk --latency output."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_errors = dict(zip(("connect", "read", "write", "timeout"),
                             map(int, sockets.groups()) if sockets else (0, 0, 0, 0), strict=True))  # fmt: skip
    errors = (int(non2xx.group(1)) if non2xx else 0) + sum(socket_errors.values())
    return {"rps": float(rps.group(1)) if rps else 0.0, "p50_ms": _ms(p50.group(1)) if p50 else None,
            "p99_ms": _ms(p99.group(1)) if p99 else None, "errors": errors,
            "non_2xx_3xx": int(non2xx.group(1)) if non2xx else 0, "socket_errors": socket_errors}  # fmt: skip


def drive(server: Server, name: str, path: str, args) -> dict:
    """Warm the page in every worker (a short unrecorded wrk run: a worker's first search loads the
    index arrays, its first page fills its page cache), then run wrk for args.duration seconds."""
    script: list[str] = []
    asked = path
    if "{q}" not in path:
        path = server.final_path(path)
    if "{q}" in path:  # warmed up with one word, which is none of the run's questions (all are pairs)
        lua = args.workdir / "varied.lua"
        lua.write_text(varied_script(path), encoding="utf-8")
        script, path = ["-s", str(lua)], path.replace("{q}", "ngan+sach")
    status = server.status(path)
    subprocess.run(["wrk", "-t", "1", "-c", str(args.connections), "-d", "2s", server.base + path],
                   capture_output=True, timeout=90)  # fmt: skip
    load = os.getloadavg()
    done = subprocess.run(["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s",
                           "--latency", *script, server.base + path],
                          capture_output=True, text=True, timeout=args.duration + 60)  # fmt: skip
    row = {"page": name, "path": path, "asked": asked, "first_status": status, **parse_wrk(done.stdout),
           "loadavg_before": [round(x, 2) for x in load],
           "loadavg_after": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip
    if status >= 400:
        row["errors"] = max(row["errors"], 1)
    return row


def run_one(database: str, size: int, args, pg) -> dict:
    """Build (or reuse), serve and measure one database at one size."""
    cores = os.cpu_count() or 1
    work = args.workdir / f"{database}-{size}"
    if database == "postgres" and args.pg_port and (work / "build.json").exists():
        url = pg.url(f"bench_pages_{size}")  # built earlier on the server that is still running
    elif database == "postgres":
        shutil.rmtree(work, ignore_errors=True)
        url = pg.create_database(f"bench_pages_{size}")
    else:
        url = f"sqlite:///{work / 'portal.db'}"
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": url, "SEARCH_INDEX_DIR": str(work / "search_index"),
           "SEARCH_BACKEND": args.search_backend, "PORTAL_ENV": "production",
           "SECRET_KEY": "bench-only-" + os.urandom(8).hex(), "UPLOAD_DIR": str(work / "uploads")}  # fmt: skip
    build_file = work / "build.json"
    if build_file.exists() and (database == "sqlite" or args.pg_port):
        built = {**json.loads(build_file.read_text()), "reused": True}
        print(f"{database} {size}: reusing {work}", flush=True)
    else:
        print(f"{database} {size}: building (starter data + {size} sample records)…", flush=True)
        built = build(args.app_dir, {**env, "PORTAL_ENV": "development"}, size)
        build_file.write_text(json.dumps(built, indent=2))
    if args.build_only:
        return []
    slug = sample_slug(url)
    workers = 2 * cores
    codes = [("before", args.before_app_dir)] if args.before_app_dir else []
    runs = []
    for code, app_dir in [*codes, ("after" if codes else "current", args.app_dir)]:
        server = Server(app_dir, env, workers, work / f"gunicorn-{code}.log")
        try:
            rows = [drive(server, name, path, args) for name, path in pages(slug)]
        finally:
            server.stop()
        ceiling = rows[0]["rps"] or 1.0
        for row in rows:
            row["ratio_to_static"] = round(row["rps"] / ceiling, 4)
        runs.append({"database": database, "size": size, "code": code, "app_dir": str(app_dir),
                     "search_backend": args.search_backend, "cores": cores, "gunicorn_workers": workers,
                     "connections": args.connections, "duration_s": args.duration, "build": built,
                     "pages": rows})  # fmt: skip
    return runs


def show(run: dict) -> None:
    print(f"\n[{run['code']}] {run['database']} at {run['size']:,} sample records ({run['search_backend']} search, "
          f"{run['gunicorn_workers']} workers, {run['connections']} connections, {run['duration_s']} s each)")  # fmt: skip
    print(f"{'page':<20} {'req/s':>9} {'× static':>9} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}  load (1m)")
    for row in run["pages"]:
        print(f"{row['page']:<20} {row['rps']:>9.1f} {row['ratio_to_static']:>9.4f} {row['p50_ms'] or 0:>9.1f} "
              f"{row['p99_ms'] or 0:>9.1f} {row['errors']:>7}  {row['loadavg_before'][0]:.2f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="25000,100000")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page (at most 60)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--search-backend", default="whoosh", choices=("whoosh", "tantivy", "postgres"))
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "portal-bench-pages")
    parser.add_argument("--app-dir", type=Path, default=ROOT, help="checkout to build with and serve")
    parser.add_argument(
        "--before-app-dir",
        type=Path,
        default=None,
        help="also serve this checkout (the code before a change) on the same databases",
    )
    parser.add_argument(
        "--build-only",
        action="store_true",
        help="build the databases (SQLite; PostgreSQL too with --pg-port), measure nothing",
    )
    parser.add_argument(
        "--pg-port",
        type=int,
        default=None,
        help="use the PostgreSQL server already running on 127.0.0.1:PORT (trust auth) and "
        "reuse the databases built on it earlier",
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    args.duration = max(1, min(args.duration, 60))
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk (or make bench-pages)")
    sizes = [int(s) for s in args.sizes.split(",") if s]
    databases = [d for d in args.databases.split(",") if d]
    if args.build_only and not args.pg_port:
        databases = [d for d in databases if d == "sqlite"]
    if args.pg_port:  # a server the caller keeps running: its databases outlive this run
        pg = postgres.PostgresServer("127.0.0.1", args.pg_port, "", postgres._bindir())  # noqa: SLF001
    else:
        pg = postgres.start() if "postgres" in databases else None
    runs = []
    try:
        for database in databases:
            for size in sizes:
                for run in run_one(database, size, args, pg):
                    show(run)
                    runs.append(run)
                if args.build_only:
                    continue
                args.output.parent.mkdir(parents=True, exist_ok=True)
                args.output.write_text(json.dumps({"generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                                 time.gmtime()),
                                                   "runs": runs}, indent=2, ensure_ascii=False) + "\n")  # fmt: skip
    finally:
        if pg is not None and not args.pg_port:
            postgres.stop(pg)
    print(f"\nwrote {args.output}")


if __name__ == "__main__":
    main()
