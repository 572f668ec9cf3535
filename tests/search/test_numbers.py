"""Numbers meet however they are written: digits, words, Roman numerals, separators, codes."""

from __future__ import annotations

import pytest

from portal.search.analysis import analyze_query, index_text, tokenize
from portal.search.numbers import normal_number, roman_value


def words(text):
    return [t.folded for t in tokenize(text) if t.kind == "word"]


def index_words(text):
    return words(index_text(text))


@pytest.mark.parametrize("typed", ["8.338,4", "8338,4", "8338.4", "8,338.4", "8338,40"])
def test_a_number_is_one_normal_term_whatever_its_separators(typed):
    assert words(typed) == ["8338.4"]


@pytest.mark.parametrize(("text", "expected"), [
    ("8.338,4ha", ["8338.4", "ha"]), ("6.269,7 ha", ["6269.7", "ha"]),
    ("390.463 triệu", ["390463", "trieu"]), ("05 năm", ["5", "nam"]),
    ("3.3.1. Công tác", ["3.3.1", "cong", "tac"]), ("năm 2019. Kỳ", ["nam", "2019", "ky"]),
])  # fmt: skip
def test_the_unit_is_a_separate_term(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize("typed", ["ĐT.746", "DT746", "đt 746", "ĐT-746"])
def test_letter_digit_codes_are_cut_the_same_way_on_both_sides(typed):
    assert words(typed) == ["dt", "746"]
    assert analyze_query(typed).bigrams in ([], ["dt_746"])


def test_roman_and_normal_number_helpers():
    assert [roman_value(r) for r in ("xx", "xiii", "xix", "iv", "xxi", "ha", "")] == [
        20,
        13,
        19,
        4,
        21,
        None,
        None,
    ]
    assert normal_number("1.107") == "1107" and normal_number("0012345") == "0012345"


@pytest.mark.parametrize(("text", "added"), [
    ("Kỳ họp thứ Mười một đã bế mạc", ["thu", "11", "hop", "11"]),
    ("Kỳ họp thứ Mười ba", ["thu", "13", "hop", "13"]),
    ("khóa XX, nhiệm kỳ 2016-2021", ["khoa", "20"]),
    ("kỳ họp thứ Nhất khoá XXI", ["thu", "1", "hop", "1", "khoa", "21"]),
    ("quý III/2019", ["quy", "3", "2019"]),
    ("hai mươi mốt người", ["21"]),
    ("một trăm linh năm hộ", ["105"]),
])  # fmt: skip
def test_spelled_and_roman_numbers_are_indexed_in_digits(text, added):
    assert index_words(text) == words(text) + added


@pytest.mark.parametrize("text", ["theo thứ tự ưu tiên", "năm 2020 có ba người", "Việt Nam",
                                  "thu ngân sách", "vi phạm", "CV số 5"])  # fmt: skip
def test_words_that_only_look_like_numbers_add_nothing(text):
    assert index_text(text) == text


def clauses(query):
    return [[alt.folded for alt in clause] for clause in analyze_query(query).must]


def test_queries_write_numbers_in_digits_after_a_counting_word():
    assert analyze_query("kỳ họp thứ XIII").bigrams == ["ky_hop", "hop_thu", "thu_13"]
    assert analyze_query("ky hop thu muoi mot").bigrams == ["ky_hop", "hop_thu", "thu_11"]
    assert analyze_query("khóa XX").bigrams == analyze_query("khoa 20").bigrams == ["khoa_20"]
    assert analyze_query("quý III/2019").bigrams == analyze_query("quy 3 2019").bigrams


def test_queries_offer_digits_beside_spelled_or_capital_roman_numbers():
    assert clauses("mười ba") == [[("muoi", "ba"), ("13",)]]
    assert clauses("Mười Ba") == [[("muoi", "ba"), ("13",)]]
    assert clauses("XIII") == [[("xiii",), ("13",)]]
    assert clauses("xi măng") == [[("xi",)], [("mang",)]]


@pytest.mark.parametrize(("typed", "term"), [
    ("kỳ họp thứ 11", "session:11"), ("ky hop 11", "session:11"), ("kỳ họp thứ Mười một", "session:11"),
    ("kỳ họp thứ XIII giữa năm", "session:13"), ("ky hop thu nhat", "session:1"),
])  # fmt: skip
def test_a_query_that_starts_by_naming_a_session_asks_for_that_session(typed, term):
    assert term in analyze_query(typed).docno_terms


@pytest.mark.parametrize("typed", [
    "thông báo nội dung kỳ họp thứ 14", "tiếp xúc cử tri sau kỳ họp 13", "kỳ họp bất thường", "kỳ họp thứ",
    "kỳ họp 0",
])  # fmt: skip
def test_a_query_naming_a_session_later_or_by_no_number_asks_for_no_session(typed):
    assert not [t for t in analyze_query(typed).docno_terms if t.startswith("session:")]
