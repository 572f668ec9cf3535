"""Unit tests of the shared Vietnamese search analysis (no Flask, no database)."""

from __future__ import annotations

import unicodedata

import pytest

from portal.search.abbreviations import (
    abbreviation_table,
    folded_words,
    parse_abbreviations,
)
from portal.search.analysis import (
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    Alternative,
    ParsedQuery,
    Token,
    abbreviation_expansions,
    analyze_query,
    bigrams,
    convert_typed_query,
    doc_number_terms,
    expand_abbreviations,
    find_doc_numbers,
    fold,
    has_diacritics,
    is_doc_number_query,
    repair,
    telex_to_vietnamese,
    tokenize,
    tone_key,
    vni_to_vietnamese,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def folded(text: str) -> list[str]:
    return [t.folded for t in tokenize(text) if t.kind == "word"]


# --- repair ---------------------------------------------------------------------------


def test_repair_composes_tone_typed_before_circumflex():
    assert unicodedata.normalize("NFC", "e\u0301\u0302") != "ế"  # NFC alone is not enough
    assert repair("e\u0301\u0302") == "ế"
    assert repair("Nghi\u0323 quye\u0301\u0302t") == "Nghị quyết"


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ("a\u0300\u0302", "ầ"),  # huyền before circumflex
        ("a\u0309\u0306", "ẳ"),  # hỏi before breve
        ("o\u0303\u031b", "ỡ"),  # ngã before horn
        ("u\u0300\u031b", "ừ"),
        ("e\u0323\u0302", "ệ"),  # nặng (below) with circumflex
        ("O\u0301\u0302", "Ố"),
    ],
)
def test_repair_moves_every_modifier_before_the_tone(broken, expected):
    assert repair(broken) == expected


def test_repair_turns_nfd_into_nfc():
    text = "Hội đồng nhân dân tỉnh Quảng Ngãi"
    assert nfd(text) != text
    assert repair(nfd(text)) == text


def test_repair_strips_controls_and_folds_whitespace():
    assert repair("  Kỳ\x00 họp\u200b\tthứ\n\n  ba\x7f  ") == "Kỳ họp thứ ba"
    assert repair("a\u00a0\u3000b") == "a b"
    assert repair("\x01\x02\x03") == ""
    assert repair("") == ""


def test_repair_output_has_no_control_or_format_characters():
    hostile = "".join(chr(c) for c in range(0x00, 0x250)) + "\ufeff\u200e\u202e\ud800"
    result = repair(hostile)
    bad = [ch for ch in result if unicodedata.category(ch) in ("Cc", "Cf", "Cs")]
    assert bad == []
    assert "  " not in result


# --- fold -----------------------------------------------------------------------------


def test_fold_maps_d_stroke_and_strips_diacritics():
    assert fold("Đông Kinh") == "dong kinh"
    assert fold("ngân sách") == fold("ngan sach") == "ngan sach"
    assert fold("ĐẦU TƯ XÂY DỰNG") == "dau tu xay dung"
    assert fold("Ủy ban nhân dân") == fold("Uỷ ban nhân dân") == "uy ban nhan dan"


def test_fold_handles_nfd_and_tone_first_input():
    assert fold(nfd("Hội đồng nhân dân")) == "hoi dong nhan dan"
    assert fold("quye\u0301\u0302t") == "quyet"


def test_has_diacritics():
    assert has_diacritics("ngân sách")
    assert has_diacritics("đ")
    assert not has_diacritics("ngan sach")
    assert not has_diacritics("HDND 2024")


# --- tone keys ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [("hòa", "hoà"), ("thủy", "thuỷ"), ("Uỷ", "Ủy"), ("khỏe", "khoẻ"), ("Hóa", "hoá")],
)
def test_tone_key_equates_old_and_new_tone_placement(old, new):
    assert tone_key(old) == tone_key(new)


def test_tone_key_scheme():
    assert tone_key("hòa") == "hoa2"
    assert tone_key("hội") == "hooi5"
    assert tone_key("hỏi") == "hoi3"
    assert tone_key("ngân") == "ngaan"
    assert tone_key("sách") == "sach1"
    assert tone_key("đường") == "dduwowng2"
    assert tone_key("ngã") == "nga4"
    assert tone_key("Trăm") == "trawm"
    assert tone_key("ĐỀ") == "ddee2"


def test_tone_key_distinguishes_what_folding_merges():
    assert tone_key("hội") != tone_key("hỏi")
    assert fold("hội") == fold("hỏi")
    assert len({tone_key(w) for w in ["ma", "má", "mà", "mả", "mã", "mạ", "mơ", "mư"]}) == 8


def test_tone_key_repairs_first():
    assert tone_key(nfd("Hội")) == tone_key("hội")
    assert tone_key("e\u0301\u0302") == tone_key("ế") == "ee1"
    assert tone_key("hòa bình") == "hoa2 binh2"


# --- tokenize -------------------------------------------------------------------------


def test_tokenize_plain_text():
    tokens = tokenize("Hội đồng nhân dân tỉnh")
    assert [t.folded for t in tokens] == ["hoi", "dong", "nhan", "dan", "tinh"]
    assert [t.pos for t in tokens] == [0, 1, 2, 3, 4]
    assert tokens[0] == Token("Hội", "hoi", "hooi5", 0, 3, 0, "word", 0)


def test_tokenize_nfd_gives_the_same_syllables_as_nfc():
    text = "Hội đồng nhân dân"
    assert folded(nfd(text)) == folded(text) == ["hoi", "dong", "nhan", "dan"]
    assert [t.tonekey for t in tokenize(nfd(text))] == [t.tonekey for t in tokenize(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Hội đồng nhân dân tỉnh",
        nfd("Nghị quyết về ngân sách, Đông Kinh"),
        "Quye\u0301\u0302t nghi\u0323 ",
        "  Kỳ họp\x00thứ\u200bba ",
        "1107/TB-HĐND ngày 12/3",
    ],
)
def test_token_offsets_point_into_the_original(text):
    tokens = tokenize(text)
    assert tokens
    for token in tokens:
        assert text[token.start : token.end] == token.text


def test_tokenize_tone_first_input():
    text = "quye\u0301\u0302t"
    (token,) = tokenize(text)
    assert token.text == text
    assert token.folded == "quyet"
    assert token.tonekey == tone_key("quyết") == "quyeet1"


def test_tokenize_marks_document_numbers():
    text = "Thông báo 1107/TB-HĐND của Thường trực"
    tokens = tokenize(text)
    (docno,) = [t for t in tokens if t.kind == "docno"]
    assert docno.text == "1107/TB-HĐND"
    assert docno.folded == "1107/tb-hdnd"
    assert docno.tonekey == "1107/tb-hđnd"
    number = next(t for t in tokens if t.text == "1107")
    assert docno.pos == number.pos and docno.start == number.start
    assert [t.folded for t in tokens if t.kind == "word"][2:5] == ["1107", "tb", "hdnd"]


def test_tokenize_empty_and_symbols():
    assert tokenize("") == []
    assert tokenize(" ... --- /// ") == []
    assert folded("snake_case") == ["snake", "case"]


def test_clauses_grow_at_sentence_punctuation_but_not_in_numbers():
    tokens = tokenize("Kỳ họp thứ ba. Ngân sách 1.234 tỷ; kết thúc:\nhết")
    clause = {t.folded: t.clause for t in tokens}
    assert clause["ba"] == 0 and clause["ngan"] == 1
    assert clause["1234"] == clause["ty"] == 1  # "1.234" is one number
    assert clause["ket"] == 2 and clause["het"] == 3


# --- bigrams --------------------------------------------------------------------------


def test_bigrams_of_adjacent_syllables():
    assert bigrams(tokenize("Hội đồng nhân dân")) == [
        "hoi_dong",
        "dong_nhan",
        "nhan_dan",
    ]


def test_bigrams_do_not_cross_sentences_or_use_docno_tokens():
    assert bigrams(tokenize("tái định cư. Dân sinh")) == [
        "tai_dinh",
        "dinh_cu",
        "dan_sinh",
    ]
    assert bigrams(tokenize("theo 45-CT/TW")) == ["theo_45", "45_ct", "ct_tw"]
    assert bigrams([]) == []


# --- abbreviations --------------------------------------------------------------------

REQUIRED_ABBREVIATIONS = {
    "HĐND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "TXCT": "tiếp xúc cử tri",
    "NTM": "nông thôn mới",
    "GPMB": "giải phóng mặt bằng",
    "KT-XH": "kinh tế - xã hội",
    "VKSND": "Viện kiểm sát nhân dân",
    "TAND": "Tòa án nhân dân",
    "ĐTXD": "đầu tư xây dựng",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "QLDA": "quản lý dự án",
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "GCNQSD": "giấy chứng nhận quyền sử dụng",
    "VH TT": "văn hóa thông tin",
    "TP": "thành phố",
    "ĐBQH": "đại biểu Quốc hội",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
}


@pytest.mark.parametrize(("short", "full"), REQUIRED_ABBREVIATIONS.items())
def test_abbreviation_file_has_both_directions(short, full):
    table = abbreviation_table()
    assert folded_words(full) in {folded_words(form) for form in table[folded_words(short)]}
    assert folded_words(short) in {folded_words(form) for form in table[folded_words(full)]}


def test_abbreviations_match_any_spelling():
    table = abbreviation_table()
    assert table[("hdnd",)] == table[folded_words("HĐND")] == table[folded_words("HDND")]
    assert table[("ktxh",)] == table[("kt", "xh")]
    assert table[("vhtt",)] == table[("vh", "tt")]


def test_parse_abbreviations_skips_comments_and_junk():
    lines = [
        "# comment",
        "",
        "HĐND = Hội đồng  nhân dân # trailing",
        "no equals",
        "= x",
        "Y =",
    ]
    assert parse_abbreviations(lines) == [("HĐND", "Hội đồng nhân dân")]


def test_expand_abbreviations_appends_full_forms():
    text = "Kỳ họp thứ 5 HĐND tỉnh"
    expanded = expand_abbreviations(text)
    assert expanded.startswith(text)
    assert "hoi dong nhan dan" in fold(expanded[len(text) :])


def test_expand_abbreviations_appends_abbreviations_for_full_forms():
    expanded = expand_abbreviations("Báo cáo của Ủy ban nhân dân về kinh tế - xã hội")
    added = expanded.splitlines()[1:]
    assert "UBND" in added and "KT-XH" in added
    assert "ubnd_ve" not in bigrams(tokenize(expanded))


def test_expand_abbreviations_works_folded_and_nested():
    assert "UBND" in abbreviation_expansions("uy ban nhan dan xa")
    found = abbreviation_expansions("Ủy ban Mặt trận Tổ quốc Việt Nam")
    assert {"MTTQ", "MTTQVN", "UBMTTQ", "UBMTTQVN"} <= set(found)


def test_expand_abbreviations_leaves_plain_text_alone():
    text = "Ngân sách năm 2024 tăng"
    assert expand_abbreviations(text) == text
    assert abbreviation_expansions("hdn dnd") == []


def test_expansion_bigrams_stay_on_their_own_line():
    text = "họp HĐND"
    grams = bigrams(tokenize(expand_abbreviations(text)))
    assert "hdnd_hoi" not in grams and "hoi_dong" in grams


# --- document numbers -----------------------------------------------------------------


def test_find_doc_numbers_both_shapes():
    text = "Căn cứ 45-CT/TW, Thông báo 1107/TB-HĐND và Báo cáo 113/BC-UBND; 1020/BC-UBND."
    assert find_doc_numbers(text) == [
        "45-CT/TW",
        "1107/TB-HĐND",
        "113/BC-UBND",
        "1020/BC-UBND",
    ]


def test_find_doc_numbers_with_year_issuer_parts_and_nfd():
    assert find_doc_numbers("Nghị quyết 12/2023/NQ-HĐND") == ["12/2023/NQ-HĐND"]
    assert find_doc_numbers("QĐ 15/QĐ-UBND-VX") == ["15/QĐ-UBND-VX"]
    assert find_doc_numbers(nfd("số 12/NQ-HĐND")) == ["12/NQ-HĐND"]


def test_find_doc_numbers_ignores_dates_and_ratios():
    assert find_doc_numbers("ngày 12/3/2024, tỷ lệ 50/50, mã a1/B-C") == []


def test_doc_number_terms():
    terms = doc_number_terms("1107/TB-HĐND")
    assert terms[:2] == ["1107/tb-hđnd", "1107/tb-hdnd"]
    assert {"docno:1107", "docno:1107:tb", "1107"} <= set(terms)
    assert doc_number_terms("45-CT/TW") == ["45-ct/tw", "docno:45:ct", "docno:45", "45"]
    assert doc_number_terms("ngân sách") == []


def test_doc_number_found_three_ways():
    """A search typed with, without diacritics, or as a bare number meets an index term."""
    index_terms = set(doc_number_terms("1107/TB-HĐND"))
    for typed in ("1107/TB-HDND", "1107/TB-HĐND", "1107/tb-hđnd"):
        assert analyze_query(typed).docno_terms[0] in index_terms
    assert analyze_query("1107").docno_terms == ("docno:1107",)
    assert "docno:1107" in index_terms


@pytest.mark.parametrize("query", ["1107/TB-HĐND", "45-CT/TW", "1107", "số 1107", "1107/TB"])
def test_is_doc_number_query_true(query):
    assert is_doc_number_query(query)


@pytest.mark.parametrize("query", ["ngân sách", "báo cáo 113/BC-UBND", "", "HĐND", "12/3/2024"])
def test_is_doc_number_query_false(query):
    assert not is_doc_number_query(query)


# --- Telex / VNI ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("nghij", "nghị"),
        ("quyeets", "quyết"),
        ("ddaauf", "đầu"),
        ("tuw", "tư"),
        ("hoaf", "hòa"),
        ("dduowngf", "đường"),
        ("nguwowif", "người"),
        ("giaf", "già"),
        ("ngans", "ngán"),
        ("Ddaauf", "Đầu"),
        ("awn", "ăn"),
        # the tone key mid-word, as Unikey accepts it
        ("tieesp", "tiếp"),
        ("Hoafng", "Hoàng"),
        ("quarng", "quảng"),
        ("giari", "giải"),
        ("DDoofng", "Đồng"),
        ("Vixnh", "Vĩnh"),
        ("chuyeern", "chuyển"),
        ("asn", "án"),
        ("troofng", "trồng"),
    ],
)
def test_telex(typed, expected):
    assert telex_to_vietnamese(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("nghi5", "nghị"),
        ("quye6t1", "quyết"),
        ("d9a6u2", "đầu"),
        ("tu7", "tư"),
        ("hoa2", "hòa"),
    ],
)
def test_vni(typed, expected):
    assert vni_to_vietnamese(typed) == expected


@pytest.mark.parametrize(
    "word",
    [
        "ngan",
        "sach",
        "covid",
        "dong",
        "kinh",
        "the",
        "data",
        "so",
        "news",
        "was",
        "window",
        "catf",
        "virus",
        "karaoke",
        "internet",
        "test",
        "ngân",
        "hdnd",
        "",
        "x",
    ],
)
def test_telex_leaves_plain_words(word):
    assert telex_to_vietnamese(word) is None


@pytest.mark.parametrize("word", ["covid19", "2024", "h5n1", "a11", "nghi", "d9x", "ngân5", ""])
def test_vni_leaves_non_vni_words(word):
    assert vni_to_vietnamese(word) is None


def test_convert_typed_query():
    assert convert_typed_query("nghij quyeets") == "nghị quyết"
    assert convert_typed_query("tieesp coong daan") == "tiếp công dân"
    assert convert_typed_query("ddaauf tuw") == "đầu tư"
    assert convert_typed_query("nghi5 quye6t1") == "nghị quyết"
    assert convert_typed_query("ngan sach ddaauf tuw -hoaf") == "ngan sach đầu tư -hòa"


def test_convert_typed_query_leaves_plain_queries_and_protected_words():
    for query in [
        "ngan sach",
        "covid the data so",
        "ngân sách",
        "",
        "HDND TW",
        "45-CT/TW",
    ]:
        assert convert_typed_query(query) is None
    assert convert_typed_query("45-CT/TW nghij") == "45-CT/TW nghị"
    assert convert_typed_query("sach OR tuw") == "sach OR tư"


# --- analyze_query --------------------------------------------------------------------


def alt(*words: str, keys: tuple[str, ...] | None = None, source: str = "word") -> Alternative:
    return Alternative(tuple(words), tuple(words) if keys is None else keys, source)


def test_plain_words_are_and_clauses_with_a_run():
    parsed = analyze_query("nha van hoa")
    assert parsed.must == ((alt("nha"),), (alt("van"),), (alt("hoa"),))
    assert parsed.runs == (("nha", "van", "hoa"),)
    assert parsed.bigrams == ["nha_van", "van_hoa"]
    assert not parsed.has_diacritics and not parsed.is_empty


def test_diacritics_give_tone_keys_and_fold_like_plain():
    parsed = analyze_query("ngân sách")
    assert parsed.has_diacritics
    assert [c[0].folded for c in parsed.must] == [c[0].folded for c in analyze_query("ngan sach").must]
    assert [c[0].tonekeys for c in parsed.must] == [("ngaan",), ("sach1",)]


def test_nfd_and_tone_first_queries():
    assert analyze_query(nfd("Hội đồng")).must == analyze_query("Hội đồng").must
    assert analyze_query("quye\u0301\u0302t").must[0][0].tonekeys == ("quyeet1",)


def test_quoted_phrase_and_unbalanced_quote():
    parsed = analyze_query('"đầu tư công" tỉnh')
    assert parsed.phrases == (("dau", "tu", "cong"),)
    assert parsed.must[0][0] == alt(
        "dau", "tu", "cong", keys=("ddaau2", "tuw", "coong"), source="phrase"
    )  # then its abbreviation, ĐTC
    assert analyze_query('"đầu tư công').phrases == (("dau", "tu", "cong"),)
    assert analyze_query("“đầu tư”").phrases == (("dau", "tu"),)


def test_exclusions():
    parsed = analyze_query('ngân sách -covid -"đầu tư"')
    assert [c[0].folded for c in parsed.excluded] == [("covid",), ("dau", "tu")]
    assert len(parsed.must) == 2
    only_excluded = analyze_query("-covid")
    assert only_excluded.is_empty and only_excluded.excluded


def test_or_makes_alternatives():
    parsed = analyze_query("ngân sách OR thu chi")
    assert [[a.folded for a in clause] for clause in parsed.must] == [
        [("ngan",)],
        [("sach",), ("thu",)],
        [("chi",)],
    ]
    assert parsed.runs == ()
    lowercase = analyze_query("a or b")
    assert len(lowercase.must) == 3


def test_abbreviation_in_query_expands_to_full_form():
    parsed = analyze_query("hdnd tỉnh")
    first = parsed.must[0]
    assert alt("hdnd") in first
    assert Alternative(("hoi", "dong", "nhan", "dan"), (), "abbreviation") in first
    assert parsed.must[1][0].folded == ("tinh",)


def test_full_form_in_query_expands_to_abbreviation():
    parsed = analyze_query("hội đồng nhân dân tỉnh")
    first = parsed.must[0]
    assert first[0].folded == ("hoi", "dong", "nhan", "dan")
    assert first[0].tonekeys == ("hooi5", "ddoong2", "nhaan", "daan")
    assert Alternative(("hdnd",), (), "abbreviation") in first
    assert len(parsed.must) == 2


def test_abbreviation_spellings_give_the_same_query():
    forms = {analyze_query(q).must[0][1] for q in ("hdnd", "HĐND", "HDND")}
    assert len(forms) == 1
    assert analyze_query("ubnd OR hdnd").must[0][1].source == "abbreviation"
    assert analyze_query("-ubnd").excluded[0][1].folded == ("uy", "ban", "nhan", "dan")


def test_doc_number_query():
    parsed = analyze_query("1107/TB-HĐND")
    assert parsed.doc_numbers == ("1107/TB-HĐND",)
    assert parsed.must == (
        (
            Alternative(("1107/tb-hdnd",), ("1107/tb-hđnd",), "docno"),
            Alternative(("1107", "tb", "hdnd"), ("1107", "tb", "hddnd"), "phrase"),
        ),
    )
    assert parsed.docno_terms == ("1107/tb-hdnd",)
    assert analyze_query("thông báo 1107/TB-HĐND,").doc_numbers == ("1107/TB-HĐND",)


def test_converted_query_is_offered():
    assert analyze_query("nghij quyeets").converted == "nghị quyết"
    assert analyze_query("ngan sach").converted is None


def test_highlight_terms():
    assert analyze_query('hdnd "ngân sách"').highlight_terms == {
        "hdnd",
        "hoi",
        "dong",
        "nhan",
        "dan",
        "ngan",
        "sach",
    }


def test_caps_length_and_terms():
    long_query = analyze_query("ngân sách " * 2000)
    assert long_query.truncated
    assert len(long_query.text) <= MAX_QUERY_CHARS
    assert len(long_query.must) == MAX_QUERY_TERMS
    assert not analyze_query("ngân sách").truncated


HOSTILE = [
    "",
    " ",
    '"',
    '""',
    '"""',
    "-",
    "--",
    "- -",
    "*",
    "**",
    "?",
    "AND",
    "OR",
    "AND OR",
    "OR OR OR",
    "a OR",
    "OR b",
    "-OR",
    '-"',
    '-""',
    '"-"',
    "x" * 10_000,
    "ngân " * 5000,
    "\x00\x01\x02\x1b[31m",
    "\ud800\udfff",
    "\ufeff\u200b\u202e",
    "(a AND b) OR (c",
    "NOT a",
    "a:b title:x",
    "%s %d {0} ${x}",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\\",
    "\u0301\u0302",
    "1107/",
    "/TB-HĐND",
    "1107/TB-",
    "a" + "\u0301" * 500,
    "😀 🇻🇳",
    "\n\t\r",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_malformed_queries_never_raise(query):
    parsed = analyze_query(query)
    assert isinstance(parsed, ParsedQuery)
    assert len(parsed.text) <= MAX_QUERY_CHARS
    assert sum(len(c[0].folded) for c in parsed.must) <= MAX_QUERY_TERMS
    assert parsed.is_empty == (parsed.must == ())
    for clause in (*parsed.must, *parsed.excluded):
        assert clause and all(a.folded and all(a.folded) for a in clause)


@pytest.mark.parametrize("query", ["", '"', "-", "*", "AND OR", "OR", '-""', "\x00", "?", "\u0301"])
def test_queries_without_words_are_empty(query):
    assert analyze_query(query).is_empty


def test_non_string_query_is_empty():
    assert analyze_query(None).is_empty  # type: ignore[arg-type]
