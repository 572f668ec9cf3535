"""The seed loader: idempotent, transactional, and precise about what is wrong."""

from __future__ import annotations

import pytest
import yaml
from sqlalchemy import func, select

from portal.importers.seed import SEED_FILE, SeedError, load_seed
from portal.models import Document, Revision, Session
from portal.records import PUBLIC_MODELS


def count_all(db) -> dict[str, int]:
    counts = {
        name: db.session.scalar(select(func.count()).select_from(m)) for name, m in PUBLIC_MODELS.items()
    }
    counts["revisions"] = db.session.scalar(select(func.count()).select_from(Revision))
    return counts


def write_variant(tmp_path, mutate) -> object:
    data = yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "seed.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / "bao-cao-hdnd-tp-lang-son-2020.md").write_text(
        (SEED_FILE.parent / "bao-cao-hdnd-tp-lang-son-2020.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return path


def test_second_load_changes_nothing(db):
    before = count_all(db)
    report = load_seed()
    assert report.changed == 0
    assert sum(report.unchanged.values()) == 140  # 139 records of the report and the basis of its end
    assert count_all(db) == before


def test_first_load_into_empty_database_creates_every_record(empty_app):
    from portal.extensions import db

    report = load_seed()
    assert report.created["sessions"] == 4
    assert report.created["commitments"] == 10
    assert db.session.scalar(select(func.count()).select_from(Revision)) > 100


def test_changed_figure_is_updated_with_a_revision(db, tmp_path):
    def mutate(data):
        for s in data["sessions"]:
            if s["key"] == "session-13":
                s["delegates_spoke"] = 20

    report = load_seed(write_variant(tmp_path, mutate))
    assert report.updated == {"sessions": 1}
    session = db.session.scalar(select(Session).where(Session.source_key == "session-13"))
    assert session.delegates_spoke == 20
    revs = db.session.scalars(
        select(Revision).where(Revision.record_type == "session", Revision.record_id == session.id)
    ).all()
    assert [r.snapshot["delegates_spoke"] for r in revs] == [19, 20]


def test_broken_record_loads_nothing_and_names_record_and_field(empty_app, tmp_path):
    from portal.extensions import db

    def mutate(data):
        data["commitments"][3]["number"] = "bốn"

    with pytest.raises(SeedError) as err:
        load_seed(write_variant(tmp_path, mutate))
    assert "ct-2021-4" in str(err.value)
    assert "'number'" in str(err.value)
    assert db.session.scalar(select(func.count()).select_from(Document)) == 0


def test_unknown_field_is_named(empty_app, tmp_path):
    def mutate(data):
        data["sessions"][0]["delegats_spoke"] = 3

    with pytest.raises(SeedError, match=r"session-11: trường không hợp lệ 'delegats_spoke'"):
        load_seed(write_variant(tmp_path, mutate))


def test_dangling_reference_is_named(empty_app, tmp_path):
    def mutate(data):
        data["sessions"][1]["term"] = "term-xxi"

    with pytest.raises(SeedError, match=r"session-12: trường 'term': không tìm thấy bản ghi 'term-xxi'"):
        load_seed(write_variant(tmp_path, mutate))


def test_constraint_violation_names_record_and_loads_nothing(empty_app, tmp_path):
    from portal.extensions import db

    def mutate(data):
        data["voter_meeting_rounds"][0]["voters_attending"] = -766

    with pytest.raises(SeedError, match="txct-sau-11"):
        load_seed(write_variant(tmp_path, mutate))
    assert db.session.scalar(select(func.count()).select_from(Session)) == 0


def test_cli_seed_reports_counts(runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0
    assert "tạo mới: 0" in result.output
    assert "không đổi: 140" in result.output
