"""Which backend serves this app: one instance per process, chosen by ``SEARCH_BACKEND``."""

from __future__ import annotations

import importlib

from flask import Flask, current_app

from portal.search.answers import MAX_ANSWERS, AnswerCache
from portal.search.base import SearchBackend

# name -> "module:class"; a new engine adds one line and one module.
BACKENDS = {
    "whoosh": "portal.search.whoosh_backend:WhooshBackend",
    "tantivy": "portal.search.tantivy_backend:TantivyBackend",
    "postgres": "portal.search.postgres_backend:PostgresBackend",
}


def make_backend(
    name: str,
    index_dir: str,
    time_limit: float = 3.0,
    database_url: str | None = None,
    **options,
) -> SearchBackend:
    """Create a backend by name (``ValueError`` for an unknown one).

    A backend that keeps its index in the database (``needs_database``) gets the app's
    database URL; any engine gets its engine-specific options (:func:`options_for`)."""
    if name not in BACKENDS:
        raise ValueError(f"SEARCH_BACKEND không hợp lệ: {name!r} ({', '.join(BACKENDS)})")
    module_name, _, class_name = BACKENDS[name].partition(":")
    backend_class = getattr(importlib.import_module(module_name), class_name)
    if getattr(backend_class, "needs_database", False):
        return backend_class(index_dir, time_limit=time_limit, database_url=database_url, **options)
    return backend_class(index_dir, time_limit=time_limit, **options)


def options_for(name: str, config) -> dict:
    """Return the engine-specific settings of one engine present in an app's config."""
    if name == "postgres" and config.get("SEARCH_PG_RANKING"):
        return {"ranking": config["SEARCH_PG_RANKING"]}
    if name == "tantivy" and config.get("SEARCH_TANTIVY_FACETS_IN_THREAD_FROM") is not None:
        return {"facets_in_thread_from": int(config["SEARCH_TANTIVY_FACETS_IN_THREAD_FROM"])}
    return {}


def get_backend(app: Flask | None = None) -> SearchBackend:
    """Return this process's backend for the app, created on first use."""
    app = app or current_app._get_current_object()
    backend = app.extensions.get("search_backend")
    if backend is None:
        backend = make_backend(
            app.config.get("SEARCH_BACKEND", "whoosh"),
            app.config["SEARCH_INDEX_DIR"],
            float(app.config.get("SEARCH_TIME_LIMIT", 3.0)),
            app.config.get("SQLALCHEMY_DATABASE_URI"),
            **options_for(app.config.get("SEARCH_BACKEND", "whoosh"), app.config),
        )
        backend.answers = AnswerCache(int(app.config.get("SEARCH_ANSWER_CACHE", MAX_ANSWERS)))
        app.extensions["search_backend"] = backend
    return backend
