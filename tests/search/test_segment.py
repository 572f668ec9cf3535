"""Words typed together are cut into Vietnamese syllables (issue 14, Deliver 4)."""

from __future__ import annotations

import pytest

from portal.search.analysis import analyze_query
from portal.search.segment import is_syllable, segmentations


def clauses(query):
    return [[alt.folded for alt in clause] for clause in analyze_query(query).must]


@pytest.mark.parametrize(("typed", "cut"), [
    ("nghiquyet", ("nghi", "quyet")), ("kyhop", ("ky", "hop")), ("ngansach", ("ngan", "sach")),
    ("hanhchinh", ("hanh", "chinh")), ("chauphi", ("chau", "phi")), ("xaydung", ("xay", "dung")),
    ("quyhoach", ("quy", "hoach")), ("antoan", ("an", "toan")), ("tiepcong", ("tiep", "cong")),
])  # fmt: skip
def test_words_typed_together_have_one_cut(typed, cut):
    assert segmentations(typed) == (cut,)


@pytest.mark.parametrize("word", ["nguoi", "quyet", "nghieng", "khuyen", "hoang", "giai"])
def test_a_syllable_is_not_cut(word):
    assert is_syllable(word) and segmentations(word) == ()


@pytest.mark.parametrize("word", ["karaoke", "covid", "hdnd", "ktxh", "abc"])
def test_words_that_are_no_syllables_and_cannot_be_cut_stay(word):
    assert segmentations(word) == ()


def test_a_word_typed_with_diacritics_becomes_its_syllables():
    assert clauses("kỳhọp bất thường") == [[("ky",)], [("hop",)], [("bat",)], [("thuong",)]]
    assert analyze_query("nghịquyết").bigrams == ["nghi_quyet"]
    assert analyze_query("nghịquyết").has_diacritics


def test_a_word_typed_without_diacritics_keeps_itself_beside_its_cuts():
    assert clauses("ngansach") == [[("ngansach",), ("ngan", "sach")]]
    assert clauses("thanhoa")[0][0] == ("thanhoa",) and ("than", "hoa") in clauses("thanhoa")[0]


@pytest.mark.parametrize("typed", ["coong daan", "XIII", "KTXH", "nghi5"])
def test_telex_capitals_and_vni_are_not_cut(typed):
    assert not any(alt.source == "split" for c in analyze_query(typed).must for alt in c)
