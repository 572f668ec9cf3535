"""``flask --app wsgi demo synthetic --councils N --count M`` run as a user types it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]


def flask(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, f"flask {' '.join(args)} exited {done.returncode}:\n{done.stderr[-4000:]}"
    return done.stdout


def test_demo_synthetic_builds_a_sample_province_of_commune_councils(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SEARCH_", "PORTAL_"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'portal.db'}", SEARCH_INDEX_DIR=str(tmp_path / "index"),
               PORTAL_ENV="development", UPLOAD_DIR=str(tmp_path / "uploads"))  # fmt: skip
    flask(env, "db", "upgrade")
    flask(env, "seed")
    out = flask(env, "demo", "synthetic", "--councils", "4", "--count", "500")
    assert "Đã tạo 500 bản ghi mẫu (is_sample) của một tỉnh mẫu, chia cho 4 HĐND xã mẫu." in out
    engine = create_engine(env["DATABASE_URL"])
    with engine.connect() as conn:
        councils = conn.execute(
            text("SELECT id, parent_id, is_sample FROM organizations WHERE kind = 'council'")
        ).all()
        sample = {row.id for row in councils if row.is_sample}
        per_council = dict(conn.execute(text(
            "SELECT council_id, count(*) FROM sessions WHERE is_sample GROUP BY council_id")).all())  # fmt: skip
        real_with_samples = conn.execute(text(
            "SELECT count(*) FROM resolutions r JOIN organizations o ON o.id = r.council_id "
            "WHERE r.is_sample AND NOT o.is_sample")).scalar()  # fmt: skip
    engine.dispose()
    # the seed's two real councils; a sample province, its 4 communes and the district that ended
    assert len(councils) == 2 + 6 and len(sample) == 6
    assert len(per_council) == 4 and set(per_council) <= sample
    assert real_with_samples == 0
    bad = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "demo", "synthetic", "--councils", "-1"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
