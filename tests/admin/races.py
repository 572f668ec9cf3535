"""Running two requests at the same moment against SQLite and PostgreSQL, as an attacker would."""

from __future__ import annotations

import itertools
import threading
from contextlib import contextmanager, suppress

import pyotp
from flask_migrate import upgrade
from sqlalchemy import event

from portal import create_app
from portal.extensions import db as _db
from portal.importers.seed import load_seed
from portal.services import accounts
from tests.admin.support import PASSWORD, FreshContextClient
from tests.conftest import make_config

_names = itertools.count()
WRITES = ("INSERT", "UPDATE", "DELETE")


def postgres_app(tmp_path, pg_server):
    """The seeded portal on a fresh PostgreSQL database (search indexing off, as in the SQLite tests)."""
    url = pg_server.create_database(f"portal_race_{next(_names)}")
    app = create_app(make_config(tmp_path, tmp_path / "unused.db", SQLALCHEMY_DATABASE_URI=url))
    with app.app_context():
        upgrade()
        load_seed()
        yield app
        _db.session.remove()
        _db.engine.dispose()


def publishers(app, count: int = 2) -> list:
    """`count` publishers with a second factor, created in the app's database."""
    made = []
    for n in range(count):
        user = accounts.create_user(f"race{n}@hdnd.example", "publisher", PASSWORD, f"Cán bộ {n}")
        user.totp_secret = pyotp.random_base32()
        made.append(user)
    _db.session.commit()
    app.test_client_class = FreshContextClient
    return made


@contextmanager
def writes_meet(parties: int = 2):
    """Hold each thread's first write until every party has reached its own, so that the requests
    have all read the same state before any of them writes: the window a concurrent attack aims for."""
    barrier = threading.Barrier(parties, timeout=10)
    held = set()

    def hold(conn, cursor, statement, params, context, executemany):
        me = threading.get_ident()
        if me not in held and statement.lstrip().upper().startswith(WRITES):
            held.add(me)
            with suppress(threading.BrokenBarrierError):  # a party that never writes: the others go on
                barrier.wait()

    event.listen(_db.engine, "before_cursor_execute", hold)
    try:
        yield
    finally:
        event.remove(_db.engine, "before_cursor_execute", hold)


def at_once(*calls) -> list:
    """Run the calls in threads started together; return their results (or exceptions) in order."""
    results: list = [None] * len(calls)

    def run(n, call):
        try:
            results[n] = call()
        except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
            results[n] = exc

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    with writes_meet(len(calls)):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    return results
