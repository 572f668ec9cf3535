"""Every abbreviation of the dictionary works both ways and says where it is used; place
prefixes before a name are read in full (issue 14, Deliver 5)."""

from __future__ import annotations

import pytest

from portal.search.abbreviations import ABBREVIATIONS_FILE, folded_words, parse_abbreviations
from portal.search.analysis import analyze_query, index_text, tokenize
from portal.search.segment import is_syllable

LINES = [
    line
    for line in ABBREVIATIONS_FILE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
ENTRIES = [(line, *parse_abbreviations([line])[0]) for line in LINES]


def alternatives(query):
    return {alt.folded for clause in analyze_query(query).must for alt in clause}


def test_the_dictionary_has_at_least_80_entries():
    assert len(ENTRIES) == len(LINES) >= 80


@pytest.mark.parametrize(("line", "short", "full"), ENTRIES, ids=[e[1] for e in ENTRIES])
def test_each_abbreviation_works_both_ways_and_names_its_use(line, short, full):
    source = line.partition("#")[2].strip()
    assert source.startswith(("báo cáo 2020:", "e.g.")) and '"' in source, line
    joined = "".join(folded_words(short))
    assert not is_syllable(joined), f"{short} is also a syllable: it would expand everywhere"
    assert folded_words(full) in alternatives(short)
    assert (joined,) in alternatives(full) or folded_words(short) in alternatives(full)
    # The index gets the other form: a record with only one of them is found by both.
    assert index_text(f"Về {full}.") != f"Về {full}."
    assert f"\n{full}" in index_text(f"Về {short}.")


@pytest.mark.parametrize(("typed", "full"), [
    ("P. Đông Kinh", "phường Đông Kinh"), ("X.Quảng Lạc", "xã Quảng Lạc"),
    ("Q. Ba Đình", "quận Ba Đình"), ("H. Cao Lộc", "huyện Cao Lộc"),
    ("TT. Đồng Đăng", "thị trấn Đồng Đăng"),
])  # fmt: skip
def test_place_prefixes_before_a_name_are_read_in_full(typed, full):
    assert analyze_query(typed).text == full
    assert index_text(f"Cử tri {typed} phản ánh").endswith(full)


@pytest.mark.parametrize("typed", ["TX Bỉm Sơn", "TP Lạng Sơn"])
def test_town_and_city_prefixes_are_abbreviations(typed):
    first = [alt.folded for alt in analyze_query(typed).must[0]]
    assert ("thi", "xa") in first or ("thanh", "pho") in first


@pytest.mark.parametrize("text", ["điểm a. Thủy lợi", "Q. ba", "khoản b. Hỗ trợ"])
def test_a_letter_that_is_no_place_prefix_stays(text):
    assert analyze_query(text).text == text
    assert [t.folded for t in tokenize(index_text(text))] == [t.folded for t in tokenize(text)]
