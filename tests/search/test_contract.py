"""The contract every search backend keeps (SPEC §5), run against each engine in ENGINES.

Written against the backend interface and the backend-only query service, on the starter
data plus the tricky documents of ``corpus.py``.
"""

from __future__ import annotations

import unicodedata

import pytest

from portal.search.analysis import analyze_query
from portal.search.query import execute
from tests.search.corpus import doc


def keys(backend, q, **kwargs):
    return [hit.key for hit in execute(backend, q, **kwargs).result.hits]


def all_keys(backend, q, **kwargs):
    return set(keys(backend, q, per_page=100, **kwargs))


def test_without_diacritics_finds_the_same_as_with(backend):
    exact = all_keys(backend, "ngân sách")
    assert exact and all_keys(backend, "ngan sach") == exact
    assert all_keys(backend, "NGÂN SÁCH") == exact


def test_d_with_stroke_folds_to_d(backend):
    assert "organization" in {k.split(":")[0] for k in all_keys(backend, "dong kinh")}
    assert all_keys(backend, "dong kinh") == all_keys(backend, "Đông Kinh")


def test_nfd_and_tone_first_input_match_nfc(backend):
    nfc = all_keys(backend, "quyết toán")
    assert "document:9010" in nfc  # stored in NFD, found by NFC
    assert all_keys(backend, unicodedata.normalize("NFD", "quyết toán")) == nfc
    tone_first = "quye\u0301\u0302t toa\u0301n"  # tone typed before the circumflex
    assert all_keys(backend, tone_first) == nfc


@pytest.mark.parametrize(("old", "new"), [("hoà giải", "hòa giải"), ("thuỷ lợi", "thủy lợi")])
def test_old_and_new_tone_placement_are_one_word(backend, old, new):
    found = all_keys(backend, new)
    assert found and all_keys(backend, old) == found


def test_exact_diacritics_rank_first_without_losing_folded_matches(backend):
    assert keys(backend, "kế hoạch đầu tư công")[0] == "petition:9003"
    assert keys(backend, "ke hoach dau tu cong")[:2] != []
    assert {"petition:9003", "petition:9004"} <= all_keys(backend, "ke hoach dau tu cong")


@pytest.mark.parametrize(("short", "full"), [("UBND", "ủy ban nhân dân"), ("HĐND", "hội đồng nhân dân")])
def test_abbreviations_expand_both_ways(backend, short, full):
    by_short, by_full = all_keys(backend, short), all_keys(backend, full)
    assert by_short == by_full
    if short == "UBND":
        assert {"petition:9008", "petition:9009"} <= by_short


def test_txct_finds_voter_meetings_written_in_full(backend):
    assert any(k.startswith("voter_meeting_round:") for k in all_keys(backend, "TXCT"))


@pytest.mark.parametrize("typed", ["1107/TB-HĐND", "1107/TB-HDND", "1107/tb-hdnd", "1107"])
def test_document_numbers_three_ways_with_the_document_itself_first(backend, typed):
    hits = execute(backend, typed).result.hits
    assert hits and hits[0].type == "document" and hits[0].slug == "thong-bao-1107-tb-hdnd"
    assert len(hits) > 1  # documents that only mention it follow


def test_party_document_number_ranks_the_directive_first(backend):
    hits = execute(backend, "45-CT/TW").result.hits
    assert hits[0].slug == "chi-thi-45-ct-tw"


def test_quoted_phrase_needs_adjacent_words(backend):
    found = all_keys(backend, '"trật tự đô thị"')
    assert "petition:9006" in found and "petition:9007" not in found
    assert "petition:9007" in all_keys(backend, "trật tự đô thị")


def test_unquoted_words_rank_adjacent_matches_first(backend):
    ranked = keys(backend, "trat tu do thi", per_page=100)
    assert ranked.index("petition:9006") < ranked.index("petition:9007")


def test_exclusion_drops_documents(backend):
    with_covid = all_keys(backend, "giám sát covid")
    without = all_keys(backend, "giám sát -covid")
    assert with_covid and without and not (with_covid & without)


def test_or_matches_either(backend):
    either = all_keys(backend, "karaoke OR covid")
    assert all_keys(backend, "karaoke") | all_keys(backend, "covid") == either


def test_filters_and_facet_counts(backend):
    everything = execute(backend, "thành phố", per_page=100).result
    types = everything.facets["type"]
    assert sum(types.values()) == everything.total
    for record_type, count in types.items():
        filtered = execute(backend, "thành phố", filters={"type": record_type}).result
        assert filtered.total == count
        assert {hit.type for hit in filtered.hits} == {record_type}
    assert execute(backend, "thành phố", filters={"year": "2020", "type": "supervision"}).result.total
    assert execute(backend, "thành phố", filters={"type": "nothing-like-this"}).result.total == 0


def test_area_and_session_facets(backend):
    result = execute(backend, "đầu tư công", filters={"area": "mai-pha"}).result
    assert [hit.key for hit in result.hits] == ["petition:9003"]
    sessions = execute(backend, "nghị quyết").result.facets["session"]
    assert "ky-hop-thu-muoi-hai-khoa-xx" in sessions


def test_sort_by_date_and_pagination(backend):
    dated = [h.date for h in execute(backend, "thành phố", sort="date", per_page=20).result.hits]
    assert [d for d in dated if d] == sorted([d for d in dated if d], reverse=True)
    first = keys(backend, "thành phố", page=1)
    second = keys(backend, "thành phố", page=2)
    assert len(first) == 10 and second and not set(first) & set(second)
    assert keys(backend, "thành phố", page=500) == []


def test_snippets_escape_html_and_mark_matches(backend):
    hit = execute(backend, "thoát nước").result.hits[0]
    assert hit.key == "petition:9005"
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "<mark>thoát</mark> <mark>nước</mark>" in hit.snippet
    nfd_hit = next(h for h in execute(backend, "quyết toán").result.hits if h.key == "document:9010")
    assert "<mark>" in nfd_hit.snippet


def test_snippets_mark_an_abbreviations_full_form_only_as_a_whole(backend):
    snippets = [hit.snippet for hit in execute(backend, "hdnd", per_page=50).result.hits]
    assert any("<mark>Hội</mark> <mark>đồng</mark> <mark>nhân</mark> <mark>dân</mark>" in s
               for s in snippets)  # fmt: skip
    assert any("hoạt động" in s for s in snippets)
    assert not any("<mark>động</mark>" in s.replace("<mark>đồng</mark>", "") and
                   "hoạt <mark>động</mark>" in s for s in snippets)  # fmt: skip


def test_suggestion_for_a_misspelt_word(backend):
    outcome = execute(backend, "ngan sachh")
    assert outcome.result.total == 0 and outcome.suggestion == "ngan sach"


@pytest.mark.parametrize("typed", ["nghij quyeets", "nghi5 quye6t1"])
def test_telex_and_vni_typing_is_converted(backend, typed):
    outcome = execute(backend, typed)
    assert outcome.searched_instead == "nghị quyết"
    assert outcome.result.total == len(all_keys(backend, "nghị quyết"))


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        '""',
        "AND OR",
        "OR",
        "-",
        "*",
        "x" * 10_000,
        "\x00\x07\u200b",
        "((",
        '-"a',
        "ệ" * 600,
    ],
)
def test_malformed_queries_never_raise(backend, typed):
    outcome = execute(backend, typed)
    assert outcome.result.total >= 0


def test_empty_query_matches_nothing(backend):
    assert backend.search(analyze_query("   ")).total == 0


def test_index_replace_and_delete(fresh_backend):
    fresh_backend.index([doc("petition:1", "Chiếu sáng ngõ phố", "Đèn đường hỏng.")])
    assert keys(fresh_backend, "chiếu sáng") == ["petition:1"]
    fresh_backend.index([doc("petition:1", "Thoát nước ngõ phố", "Cống tắc.")])
    assert keys(fresh_backend, "chiếu sáng") == [] and keys(fresh_backend, "cống") == ["petition:1"]
    assert fresh_backend.keys() == {"petition:1": "v-1"}
    fresh_backend.delete(["petition:1", "petition:404"])
    assert keys(fresh_backend, "cống") == [] and fresh_backend.count() == 0


def test_rebuild_replaces_everything(fresh_backend):
    fresh_backend.index([doc("petition:1", "Chiếu sáng", "Đèn.")])
    assert fresh_backend.rebuild([doc("petition:2", "Thoát nước", "Cống.")]) == 1
    assert set(fresh_backend.keys()) == {"petition:2"}
    fresh_backend.verify()
