"""SQLite connection settings: enforce foreign keys, wait for locks, write-ahead log."""

from __future__ import annotations

import functools
import sqlite3

from flask import Flask
from sqlalchemy import event

from portal.extensions import db


def _on_connect(busy_timeout_ms: int, dbapi_connection, connection_record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


def install(app: Flask) -> None:
    """Apply the settings to every SQLite connection of the app's engines (after db.init_app)."""
    with app.app_context():
        engines = list(db.engines.values())
    for engine in engines:
        if engine.dialect.name == "sqlite":
            event.listen(
                engine, "connect", functools.partial(_on_connect, app.config["SQLITE_BUSY_TIMEOUT_MS"])
            )
