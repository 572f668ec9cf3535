"""Long and question-like queries: when every word together finds (almost) nothing, the
words of question phrasing do not count and at least 60% of the others must match (issue
14, Deliver 9), on every backend; the page says so."""

from __future__ import annotations

import pytest

from portal.search.analysis import analyze_query
from portal.search.query import execute
from portal.search.relax import _is_stop


def test_question_words_do_not_count():
    clauses = analyze_query("có bao nhiêu cử tri ở đâu như thế nào").must
    assert [c[0].folded for c in clauses if not _is_stop(c)] == [("cu",), ("tri",)]
    assert not _is_stop(analyze_query("đầu").must[0])  # đầu is not đâu


@pytest.mark.parametrize(("typed", "first", "kept"), [
    ("Kon Tum kiểm tra mô hình sản xuất", "supervision:13", (6, 8)),
    ("ai giám sát việc tặng quà Tết cho đối tượng chính sách", "supervision:6", (10, 10)),
])  # fmt: skip
def test_words_the_records_lack_are_dropped(backend, typed, first, kept):
    assert execute(backend, typed, correcting=False).result.total >= 0
    outcome = execute(backend, typed)
    assert outcome.matched == kept
    assert outcome.result.hits[0].key == first


def test_a_short_exact_query_is_not_relaxed(backend):
    outcome = execute(backend, "tiếp xúc cử tri trước kỳ họp thứ Mười bốn")
    assert outcome.matched is None and outcome.result.total


def test_the_page_says_how_many_words_match(indexed_app):
    html = (
        indexed_app.test_client()
        .get("/search?q=Kon+Tum+ki%E1%BB%83m+tra+m%C3%B4+h%C3%ACnh+s%E1%BA%A3n+xu%E1%BA%A5t")
        .get_data(as_text=True)
    )
    assert "Không có kết quả chứa đủ mọi từ" in html and "6/8 từ" in html
