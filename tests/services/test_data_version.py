"""Site-wide figures are cached per data version, and the version moves with every public change."""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import event, insert, select, update

from portal import create_app
from portal.extensions import db
from portal.models import Area, AuditEvent, Resolution, Session
from portal.records import PUBLIC_MODELS
from portal.services.data_version import bump_data_version, figure_cache, read_version
from portal.services.publishing import publish, save, withdraw
from tests.conftest import make_config

FOOTER = re.compile(r'Cổng thông tin cập nhật dữ liệu gần nhất ngày <time datetime="([^"]+)"')
LONG_AGO = datetime(2021, 1, 15, 8, 30)


@contextmanager
def counting(engine):
    """Count the SQL statements sent to the database inside the block."""
    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def age_everything() -> None:
    """Date every record's last change far back, so a publish today visibly moves the footer."""
    for model in PUBLIC_MODELS.values():
        db.session.execute(update(model).values(updated_at=LONG_AGO))
    db.session.commit()


def resolution_of_2021(slug: str = "nghi-quyet-thu-nghiem-2021") -> Resolution:
    session = db.session.scalar(select(Session).where(Session.number == 12))
    record = Resolution(
        slug=slug,
        council_id=session.council_id,
        title="Nghị quyết thử nghiệm của năm 2021",
        session_id=session.id,
        adopted_on=date(2021, 3, 2),
        topic="Phí, lệ phí",
        body_text="Điều 1. Nội dung thử nghiệm.",
    )
    save(record, None)
    return record


def year_options(html: str) -> set[str]:
    block = html.split('name="year"', 1)[1].split("</select>", 1)[0]
    return set(re.findall(r'<option value="(\d{4})"', block))


def test_a_publish_changes_the_footer_the_filter_choices_and_the_home_figures(app, client):
    age_everything()
    home = client.get("/").get_data(as_text=True)
    assert FOOTER.search(home).group(1) == "2021-01-15T08:30:00"
    assert "Nghị quyết thử nghiệm của năm 2021" not in home
    assert "2021" not in year_options(client.get("/resolutions").get_data(as_text=True))
    record = resolution_of_2021()
    assert FOOTER.search(client.get("/").get_data(as_text=True)).group(1) == "2021-01-15T08:30:00"  # a draft
    publish(record, None)
    home = client.get("/").get_data(as_text=True)
    assert FOOTER.search(home).group(1) == record.updated_at.isoformat(timespec="seconds")
    assert "Nghị quyết thử nghiệm của năm 2021" in home
    assert "2021" in year_options(client.get("/resolutions").get_data(as_text=True))
    withdraw(record, None, "Nhập nhầm")
    assert "2021" not in year_options(client.get("/resolutions").get_data(as_text=True))
    assert "Nghị quyết thử nghiệm của năm 2021" not in client.get("/").get_data(as_text=True)


def test_a_publish_through_one_worker_is_seen_by_another(app, client, tmp_path):
    """Two app instances on one database file stand for two gunicorn workers with their own caches."""
    other = create_app(make_config(tmp_path, tmp_path / "portal.db"))
    other_client = other.test_client()
    assert "2021" not in year_options(other_client.get("/resolutions").get_data(as_text=True))
    assert "2021" not in year_options(client.get("/resolutions").get_data(as_text=True))
    publish(resolution_of_2021(), None)
    assert "2021" in year_options(other_client.get("/resolutions").get_data(as_text=True))
    assert "Nghị quyết thử nghiệm của năm 2021" in other_client.get("/").get_data(as_text=True)
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def test_cached_figures_cost_one_statement_whatever_the_data(app, client):
    pages = ("/", "/resolutions", "/statistics", "/budget")
    for page in pages:
        client.get(page)
    with counting(db.engine) as before:
        for page in pages:
            client.get(page)
    for number in range(5):
        publish(resolution_of_2021(f"nghi-quyet-thu-nghiem-2021-{number}"), None)
    for page in pages:
        client.get(page)  # the first request after the change computes the figures again
    with counting(db.engine) as after:
        assert client.get("/").status_code == 200
    assert len(after) == 1 and "data_version" in after[0]  # the home page is all site-wide figures
    with counting(db.engine) as after:
        for page in pages[1:]:
            client.get(page)
    assert len(after) == len(before) - 1


def test_a_rollback_leaves_the_version_alone(app):
    start = read_version()
    record = db.session.scalar(select(Resolution).where(Resolution.status == "published"))
    record.title = record.title + " (sửa thử)"
    db.session.flush()
    assert read_version().number == start.number + 1  # bumped inside the transaction...
    db.session.rollback()
    assert read_version() == start  # ...and undone with it


def test_core_inserts_and_explicit_bumps_count(app):
    start = read_version().number
    db.session.execute(insert(Area).values(slug="xa-thu-nghiem", kind="commune", name="Thử Nghiệm"))
    db.session.execute(insert(Area).values(slug="xa-thu-nghiem-2", kind="commune", name="Thử Nghiệm Hai"))
    db.session.commit()
    assert read_version().number == start + 1  # once per transaction
    with db.engine.begin() as conn:
        bump_data_version(conn)
    bump_data_version(db.session)
    db.session.commit()
    assert read_version().number == start + 3


def test_writes_to_private_tables_do_not_move_the_version(app):
    start = read_version()
    db.session.add(AuditEvent(action="login", target="user:1", actor_label="thu@hdnd.example"))
    db.session.commit()
    assert read_version() == start


def test_the_seed_loader_moves_the_version(empty_app):
    from portal.importers.seed import load_seed

    start = read_version().number
    load_seed()
    assert read_version().number > start


def _bound_objects(value, seen=None) -> list:
    """ORM instances reachable from a cached value (lists, dicts, dataclasses, namespaces)."""
    seen = seen if seen is not None else set()
    if id(value) in seen or isinstance(value, (str, bytes, int, float, date, type(None))):
        return []
    seen.add(id(value))
    if hasattr(value, "_sa_instance_state"):
        return [value]
    if isinstance(value, dict):
        children = list(value.values())
    elif isinstance(value, (list, tuple, set)):
        children = list(value)
    else:
        children = [v for k, v in vars(value).items() if k != "figure"] if hasattr(value, "__dict__") else []
    return [found for child in children for found in _bound_objects(child, seen)]


def test_cached_figures_hold_no_orm_objects(app, client):
    for page in ("/", "/resolutions", "/petitions", "/supervision", "/documents", "/statistics", "/budget"):
        client.get(page)
    cached = figure_cache(app)._values
    assert {key[0] for key in cached} >= {"home_figures", "last_updated", "choices:sessions", "chart"}
    assert [key for key, (_, value) in cached.items() if _bound_objects(value)] == []
