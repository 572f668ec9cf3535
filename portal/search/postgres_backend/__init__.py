"""The PostgreSQL backend: the only package that writes SQL for search (schema, queries, backend)."""

from portal.search.postgres_backend.backend import PostgresBackend

__all__ = ["PostgresBackend"]
