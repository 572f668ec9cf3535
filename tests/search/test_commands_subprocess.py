"""The documented commands, run as a user types them, for every search backend, above the size at
which the rebuilds go parallel (tantivy's worker processes failed there with "Working outside of
application context")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from portal.search.tantivy_backend.parallel import PARALLEL_MIN_DOCS
from portal.search.whoosh_backend.backend import PARALLEL_REBUILD_FROM

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = 2_200  # sample records; with the starter data, more documents than either parallel threshold
SEARCH_SNIPPET = """
import json, sys
from wsgi import app
response = app.test_client().get("/api/v1/search", query_string={"q": sys.argv[1]})
print(json.dumps({"status": response.status_code, "body": response.get_json()}))
"""


def flask(env: dict, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, f"flask {' '.join(args)} exited {done.returncode}:\n{done.stderr[-4000:]}"
    return done


@pytest.mark.parametrize("backend", ["whoosh", "tantivy", "postgres"])
def test_seed_synthetic_rebuild_and_check_run_as_commands_and_find_a_sample_record(
    backend, tmp_path, request
):
    if backend == "postgres":
        url = request.getfixturevalue("pg_server").create_database(f"commands_{os.getpid()}")
    else:
        url = f"sqlite:///{tmp_path / 'portal.db'}"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SEARCH_", "PORTAL_"))}
    env.update(DATABASE_URL=url, SEARCH_INDEX_DIR=str(tmp_path / "search_index"), SEARCH_BACKEND=backend,
               PORTAL_ENV="development", UPLOAD_DIR=str(tmp_path / "uploads"))  # fmt: skip
    flask(env, "db", "upgrade")
    flask(env, "seed")
    made = flask(env, "demo", "synthetic", "--count", str(SAMPLES)).stdout
    assert f"Đã tạo {SAMPLES} bản ghi mẫu" in made
    # The command indexes each batch while it writes the next: its index already holds every published
    # record, the starter data included, at the version the database gives.
    assert "không có sai lệch" in flask(env, "search", "check").stdout
    streamed = int(made.split("Đã lập chỉ mục ")[1].split()[0])
    rebuilt = flask(env, "search", "rebuild").stdout
    indexed = int(rebuilt.split("Đã lập chỉ mục ")[1].split()[0])
    assert indexed == streamed
    assert indexed > max(PARALLEL_MIN_DOCS, PARALLEL_REBUILD_FROM)
    checked = flask(env, "search", "check").stdout
    assert "không có sai lệch" in checked

    engine = create_engine(url)
    with engine.connect() as conn:
        slug, number = conn.execute(text("SELECT slug, number FROM resolutions WHERE is_sample "
                                         "AND status = 'published' ORDER BY id DESC LIMIT 1")).one()  # fmt: skip
    engine.dispose()
    found = subprocess.run([sys.executable, "-c", SEARCH_SNIPPET, number], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=120)  # fmt: skip
    assert found.returncode == 0, found.stderr[-3000:]
    answer = json.loads(found.stdout.strip().splitlines()[-1])
    assert answer["status"] == 200
    assert slug in json.dumps(answer["body"]["results"][:3])
