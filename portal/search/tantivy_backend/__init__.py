"""The tantivy backend: the only package that imports tantivy (schema, queries, backend)."""

from portal.search.tantivy_backend.backend import TantivyBackend

__all__ = ["TantivyBackend"]
