"""Regional spelling confusions are searched as the index spells them; absent topics get no
suggestion (issue 14, Deliver 2 and 3), on every backend; the page and the API say so."""

from __future__ import annotations

import pytest

from portal.search.correct import confusion_variants
from portal.search.query import execute

ABSENT = ["cháy rừng", "hiến máu", "bóng đá", "Kon Tum", "Ninh Thuận", "tiêm chủng", "lũ lụt",
          "kon tum", "đường sắt cao tốc", "du lịch biển"]  # fmt: skip


@pytest.mark.parametrize(("typed", "variants"), [
    ("sử", {"xử"}), ("chường", {"trường"}), ("zải", {"giải", "dải", "rải"}), ("fòng", {"phòng"}),
    ("nợn", {"lợn"}), ("sảng", {"sản", "sãng"}), ("quãng", {"quảng"}), ("hoac", {"hoach"}),
    ("Sử", {"Xử"}), ("hàn", {"hành", "hàng"}),
])  # fmt: skip
def test_confusion_variants_keep_the_readers_diacritics(typed, variants):
    assert variants <= set(confusion_variants(typed))


@pytest.mark.parametrize(("typed", "corrected", "first"), [
    ("chật tự đô thị", "trật tự đô thị", "supervision:9"),
    ("zải ngân", "giải ngân", "supervision:12"),
    ("fòng chống dịch", "phòng chống dịch", "supervision:11"),
    ("sử lý đơn của công dân", "xử lý đơn của công dân", "commitment:7"),
    ("quy hoac xây dựng", "quy hoach xây dựng", "resolution:4"),
])  # fmt: skip
def test_a_confused_spelling_is_searched_as_the_index_spells_it(backend, typed, corrected, first):
    outcome = execute(backend, typed, per_page=20)
    assert outcome.searched_instead == corrected and outcome.correction == "spelling"
    assert first in [hit.key for hit in outcome.result.hits][:3]
    exact = execute(backend, typed, correcting=False)
    assert exact.searched_instead is None and exact.parsed.text == typed


@pytest.mark.parametrize("typed", ABSENT)
def test_an_absent_topic_gets_no_suggestion(backend, typed):
    outcome = execute(backend, typed)
    assert outcome.suggestion is None and outcome.searched_instead is None, outcome.suggestion


@pytest.mark.parametrize("typed", ["ngân sách", "giải phóng mặt bằng", "trật tự đô thị", "xử lý"])
def test_a_correct_query_is_not_corrected(backend, typed):
    outcome = execute(backend, typed)
    assert outcome.searched_instead is None and outcome.suggestion is None


@pytest.fixture
def web(indexed_app):
    return indexed_app.test_client()


def test_the_page_shows_the_corrected_results_with_a_link_to_the_exact_search(web):
    html = web.get("/search?q=ch%E1%BA%ADt+t%E1%BB%B1+%C4%91%C3%B4+th%E1%BB%8B").get_data(
        as_text=True)  # fmt: skip
    assert "Đang hiển thị kết quả cho “<strong>trật tự đô thị</strong>”" in html
    assert "Tìm chính xác “chật tự đô thị”" in html and "exact=1" in html
    exact = web.get("/search?q=ch%E1%BA%ADt+t%E1%BB%B1+%C4%91%C3%B4+th%E1%BB%8B&exact=1")
    assert "Đang hiển thị kết quả cho" not in exact.get_data(as_text=True)


def test_the_api_names_the_corrected_and_the_original_query(web):
    body = web.get("/api/v1/search?q=z%E1%BA%A3i+ng%C3%A2n").get_json()
    assert body["corrected"] == "giải ngân" and body["original"] == "zải ngân"
    assert body["total"] > 0
    plain = web.get("/api/v1/search?q=gi%E1%BA%A3i+ng%C3%A2n").get_json()
    assert plain["corrected"] is None and plain["original"] is None
    spec = web.get("/api/v1/openapi.json").get_json()
    schema = spec["paths"]["/api/v1/search"]["get"]["responses"]["200"]["content"][
        "application/json"]["schema"]  # fmt: skip
    assert {"corrected", "original"} <= set(schema["properties"])
