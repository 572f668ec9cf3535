"""A real PostgreSQL server for the test session, started on loopback in a temporary directory."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass
class PostgresServer:
    host: str
    port: int
    datadir: str
    bindir: str

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@{self.host}:{self.port}/{dbname}"

    def create_database(self, name: str) -> str:
        self._psql(f'DROP DATABASE IF EXISTS "{name}"')
        self._psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def _psql(self, sql: str) -> None:
        subprocess.run(
            [
                os.path.join(self.bindir, "psql"),
                "-h",
                self.host,
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-v",
                "ON_ERROR_STOP=1",
                "-qc",
                sql,
            ],
            check=True,
            capture_output=True,
        )


def _bindir() -> str:
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not dirs:
        raise RuntimeError("PostgreSQL chưa được cài: chạy scripts/install-system-deps.sh")
    return dirs[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def start() -> PostgresServer:
    """Initialise a throwaway cluster and start it on 127.0.0.1 with trust authentication."""
    bindir = _bindir()
    datadir = tempfile.mkdtemp(prefix="portal-pg-")
    if os.geteuid() == 0:
        shutil.chown(datadir, "postgres", "postgres")
    subprocess.run(
        _as_postgres(
            [
                f"{bindir}/initdb",
                "-D",
                datadir,
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        check=True,
        capture_output=True,
    )
    port = _free_port()
    opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {datadir} -c fsync=off"
    subprocess.run(
        _as_postgres([f"{bindir}/pg_ctl", "-D", datadir, "-o", opts, "-l", f"{datadir}/log", "-w", "start"]),
        check=True,
        capture_output=True,
    )
    server = PostgresServer("127.0.0.1", port, datadir, bindir)
    for _ in range(100):
        try:
            server._psql("SELECT 1")
            return server
        except subprocess.CalledProcessError:
            time.sleep(0.1)
    raise RuntimeError("PostgreSQL không khởi động được")


def stop(server: PostgresServer) -> None:
    subprocess.run(
        _as_postgres([f"{server.bindir}/pg_ctl", "-D", server.datadir, "-m", "immediate", "stop"]),
        capture_output=True,
    )
    shutil.rmtree(server.datadir, ignore_errors=True)
