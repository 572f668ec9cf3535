"""Answers kept per index version: asked again, a question is answered from memory, and never once the
index changed, whichever process changed it (two backends on one index stand for two gunicorn workers)."""

from __future__ import annotations

import pytest

from portal.search.answers import AnswerCache
from portal.search.query import execute
from portal.search.registry import make_backend
from tests.search.corpus import doc

KEPT_ENGINES = ["whoosh", "tantivy"]  # the file-based engines; PostgreSQL answers are never kept


def road(number: int):
    return doc(f"petition:{number}", f"Đường giao thông nông thôn số {number}", "Cử tri đề nghị sửa đường.")


@pytest.fixture(params=KEPT_ENGINES)
def workers(request, tmp_path):
    """Two backends of one engine on one index directory: the worker that writes and the one that reads."""
    writer = make_backend(request.param, str(tmp_path))
    writer.rebuild([road(1), road(2)])
    reader = make_backend(request.param, str(tmp_path))
    yield writer, reader
    for backend in (writer, reader):
        backend.close()


def found(backend, q="đường giao thông"):
    outcome = execute(backend, q)
    return outcome.result.total, {hit.key for hit in outcome.result.hits}, outcome.result.facets


def test_the_same_question_is_answered_from_memory(workers):
    _, reader = workers
    first = found(reader)
    misses = reader.answers.misses
    assert found(reader) == first
    assert reader.answers.misses == misses and reader.answers.hits >= 1


def test_a_record_another_worker_adds_or_removes_is_seen_after_the_reader_refreshes(workers):
    writer, reader = workers
    assert found(reader)[:2] == (2, {"petition:1", "petition:2"})
    writer.index([road(3)])
    reader.invalidate()  # what the second of REFRESH_SECONDS does in a running worker
    total, keys, facets = found(reader)
    assert total == 3 and "petition:3" in keys and facets["type"] == {"petition": 3}
    writer.delete(["petition:1"])
    reader.invalidate()
    assert found(reader)[:2] == (2, {"petition:2", "petition:3"})


def test_the_writing_worker_sees_its_own_change_at_once(workers):
    writer, _ = workers
    assert found(writer)[0] == 2
    writer.index([road(4)])  # no wait: its own commit makes it look again
    assert found(writer)[0] == 3


def test_a_rebuild_swapped_in_is_a_new_version(workers):
    writer, reader = workers
    assert found(reader)[0] == 2
    writer.rebuild([road(7)])
    reader.invalidate()
    assert found(reader)[:2] == (1, {"petition:7"})


def test_the_cache_forgets_the_oldest_answers_past_its_bounds():
    cache = AnswerCache(max_answers=3, max_values=10)
    for n in range(5):
        cache.get_or_compute(n, lambda n=n: f"answer {n}", lambda _: 1)
    assert len(cache) == 3
    assert cache.get_or_compute(0, lambda: "computed again", lambda _: 1) == "computed again"
    # facet values count too: one answer with 9 values leaves room for nothing else
    cache.get_or_compute("broad", lambda: "broad", lambda _: 9)
    assert len(cache) == 1
    # an answer too large to keep, or one cut short (weight None), is returned and not kept
    assert cache.get_or_compute("huge", lambda: "huge", lambda _: 50) == "huge"
    assert cache.get_or_compute("partial", lambda: "partial", lambda _: None) == "partial"
    assert cache.get_or_compute("partial", lambda: "again", lambda _: None) == "again"
