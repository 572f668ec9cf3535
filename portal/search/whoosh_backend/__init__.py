"""The Whoosh backend: the only package that imports whoosh (schema, queries, arrays, backend)."""

from portal.search.whoosh_backend.backend import WhooshBackend

__all__ = ["WhooshBackend"]
