"""The engines agree: prepared terms equal the tokenizer's, the same queries find the same
records on every backend, and PostgreSQL ranks correctly with RUM and with a bounded window."""

from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from portal.search import analysis, indexer
from portal.search.analysis import analyze_query
from portal.search.documents import iter_documents
from portal.search.postgres_backend.backend import ADVISORY_LOCK
from portal.search.postgres_backend.schema import META
from portal.search.prepared import prepare
from portal.search.query import execute
from portal.search.registry import make_backend, options_for
from portal.search.snippets import highlight_terms, snippet
from portal.search.tantivy_backend import parallel as tantivy_parallel
from portal.search.whoosh_backend import schema as whoosh_schema
from portal.search.whoosh_backend.backend import WhooshBackend
from tests.search.conftest import ENGINES, make_engine
from tests.search.corpus import EXTRA_DOCUMENTS

# Queries covering every query feature; all three engines must find the same records.
AGREEMENT_QUERIES = [
    "ngân sách", "ngan sach", "hội đồng nhân dân", "HĐND", "UBND", "TXCT", "thành phố",
    "kế hoạch đầu tư công", '"trật tự đô thị"', "trat tu do thi", "giám sát -covid",
    "karaoke OR covid", "1107/TB-HĐND", "1107", "45-CT/TW", "hoà giải", "thuỷ lợi",
    "quyết toán", "cử tri phường", "nghị quyết", "đông kinh", "chợ", "vỉa hè",
    "giải phóng mặt bằng", "xử lý", "thoát nước", "nghij quyeets",
]  # fmt: skip
FILTERED = [("thành phố", {"type": "organization"}), ("cử tri", {"status": "not_reported"}),
            ("thành phố", {"year": "2020", "body": "hdnd-tp-lang-son"})]  # fmt: skip


def reference_forms(doc):
    """The terms the Whoosh schema indexes, from analysis.tokenize."""
    tokens = analysis.tokenize(analysis.index_text(doc.text))
    words = [t for t in tokens if t.kind == "word"]
    return (
        collections.Counter(t.folded for t in tokens),
        [t.tonekey for t in words],
        analysis.bigrams(tokens),
    )


def title_terms(title):
    """The terms of the Whoosh title field."""
    return collections.Counter(t.folded for t in analysis.tokenize(analysis.index_text(title)))


TRICKY = [
    unicodedata.normalize("NFD", "Hội đồng nhân dân tỉnh. Ủy ban nhân dân"),
    "quye\u0301\u0302t toa\u0301n; HĐND\x00UBND và 1107/TB-HĐND, 45-CT/TW…",
    "Trật tự: đô thị.\nThông báo số 12/2023/NQ-HĐND-VX (UBND tỉnh) TXCT",
    "\u0301 lẻ \u200b dấu – “Hòa giải” ở cơ sở? Có! 3. Thủy lợi",
    "Kỳ họp thứ Mười một khóa XX; quý III/2019: 8.338,4ha ĐT.746, hai mươi mốt\x00thứ Nhất",
]


def test_prepared_terms_equal_the_tokenizer_terms(seed_documents):
    for doc in [*seed_documents, *EXTRA_DOCUMENTS]:
        prepared = prepare(doc.text, doc.title, doc.number)
        folded, tonekeys, bigrams = reference_forms(doc)
        assert collections.Counter(prepared.folded) == folded, doc.key
        assert prepared.tonekeys == tonekeys and prepared.bigrams == bigrams, doc.key
        assert collections.Counter(prepared.title) == title_terms(doc.title), doc.key
    for text_ in TRICKY:
        assert collections.Counter(prepare("", text_).title) == title_terms(text_), text_
        doc = EXTRA_DOCUMENTS[0].__class__(key="x:1", type="x", id=1, slug="x", title="",
                                           text=text_)  # fmt: skip
        prepared = prepare(doc.text, "")
        folded, tonekeys, bigrams = reference_forms(doc)
        assert collections.Counter(prepared.folded) == folded, text_
        assert prepared.tonekeys == tonekeys and prepared.bigrams == bigrams, text_


def test_snippets_mark_every_spelling_from_the_original_text():
    original = unicodedata.normalize("NFD", "Quyết toán ngân sách") + " và QUYẾT TOÁN, quyết định"
    marked = snippet(original, {"quyet", "toan"})
    assert marked.count("<mark>") == 5 and "<mark>quyết</mark> định" in marked
    assert snippet("Số 1107/TB-HĐND ngày", {"1107/tb-hdnd"}).count("<mark>") == 1


@pytest.fixture(scope="module")
def engines(request, tmp_path_factory, seed_documents):
    """Every engine, PostgreSQL again ranked by RUM and by a 3-document window, same data."""
    built = {}
    for name in ENGINES:
        built[name] = make_engine(request, name, str(tmp_path_factory.mktemp(name)))
    built["postgres-rum"] = make_engine(request, "postgres-rum", str(tmp_path_factory.mktemp("pgr")))
    built["postgres-window"] = make_engine(
        request,
        "postgres",
        str(tmp_path_factory.mktemp("pgw")),
        ranking="window",
        window=3,
    )
    for engine in built.values():
        engine.rebuild([*seed_documents, *EXTRA_DOCUMENTS])
    yield built
    for engine in built.values():
        engine.close()


def everything(engine, q, **kwargs):
    outcome = execute(engine, q, per_page=1000, **kwargs)
    return outcome.result.total, {hit.key for hit in outcome.result.hits}


@pytest.mark.parametrize("q", AGREEMENT_QUERIES)
def test_every_engine_finds_the_same_records(engines, q):
    found = {name: everything(engine, q) for name, engine in engines.items()}
    assert found["whoosh"][0] > 0
    assert all(result == found["whoosh"] for result in found.values()), q
    # Orders differ below the top (BM25F, BM25 and ts_rank score differently), but each engine's first
    # hit is among every other's first three (near-ties, such as the budget lines that all say "ngân
    # sách" as often, may swap); the 3-document window is too narrow to promise that.
    tops = {
        name: [h.key for h in execute(engines[name], q).result.hits[:3]]
        for name in [*ENGINES, "postgres-rum"]
    }
    assert all(top[0] in other for top in tops.values() for other in tops.values()), (q, tops)


@pytest.mark.parametrize(("q", "filters"), FILTERED)
def test_every_engine_filters_and_counts_facets_alike(engines, q, filters):
    results = {name: execute(engine, q, filters=filters).result for name, engine in engines.items()}
    first = results["whoosh"]
    assert first.total
    for result in results.values():
        assert result.total == first.total and result.facets == first.facets


def test_postgres_ranks_in_the_rum_index_when_asked(engines):
    engine = engines["postgres-rum"]
    with engine.engine.connect() as conn:
        assert conn.scalar(text(f"SELECT value FROM {META} WHERE name = 'ranking'")) == "rum"
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(conn.scalars(text(
            "EXPLAIN SELECT key FROM search_documents WHERE terms @@ CAST('thanh' AS tsquery)"
            " ORDER BY terms <=> CAST('thanh' AS tsquery) LIMIT 10")))  # fmt: skip
    assert "Order By: (terms <=>" in plan


def test_postgres_window_ranks_a_bounded_window_without_losing_counts(engines):
    window, rum = engines["postgres-window"], engines["postgres-rum"]
    with window.engine.connect() as conn:
        assert conn.scalar(text(f"SELECT value FROM {META} WHERE name = 'ranking'")) == "window"
    for q in ["thành phố", "1107"]:
        narrow, full = execute(window, q).result, execute(rum, q).result
        assert (narrow.total, narrow.facets) == (full.total, full.facets)
    first, second = (execute(window, "thành phố", page=n).result.hits for n in (1, 2))
    assert len(first) == 10 and second and not {h.key for h in first} & {h.key for h in second}
    # the record whose own number was typed and those holding the words adjacently are
    # always candidates, and first
    assert execute(window, "trat tu do thi").result.hits[0].key == "petition:9006"
    assert execute(window, "1107").result.hits[0].slug == "thong-bao-1107-tb-hdnd"


def test_postgres_writers_on_every_host_share_one_lock(engines):
    one, other = (
        engines["postgres"],
        engines["postgres"].__class__("unused", database_url=engines["postgres"].url),
    )
    try:
        with one.exclusive(), other.engine.connect() as conn:
            assert conn.scalar(text(f"SELECT pg_try_advisory_lock({ADVISORY_LOCK})")) is False
        with other.engine.connect() as conn:
            assert conn.scalar(text(f"SELECT pg_try_advisory_lock({ADVISORY_LOCK})")) is True
    finally:
        other.close()


def test_tantivy_rebuild_analysing_in_worker_processes_finds_the_same(
    engines, seed_documents, tmp_path, monkeypatch
):
    monkeypatch.setattr(tantivy_parallel, "PARALLEL_MIN_DOCS", 10)
    parallel = make_backend("tantivy", str(tmp_path))
    try:
        assert parallel.rebuild([*seed_documents, *EXTRA_DOCUMENTS]) == engines["tantivy"].count()
        for q in AGREEMENT_QUERIES[:8]:
            assert everything(parallel, q) == everything(engines["tantivy"], q)
    finally:
        parallel.close()


def test_tantivy_counts_facets_in_a_thread_as_it_counts_them_inline(engines, monkeypatch):
    """Large matches have their facets counted in another thread beside the page: the same
    answers as counting after the page, also with several searches at once."""
    engine = engines["tantivy"]
    cases = [*((q, {}) for q in AGREEMENT_QUERIES), *FILTERED]

    def answers():
        found = [engine.search(analyze_query(q), filters) for q, filters in cases]  # no kept answers
        return [(r.total, [h.key for h in r.hits], r.facets) for r in found]

    monkeypatch.setattr(engine, "facets_in_thread_from", 10**9)
    inline = answers()
    monkeypatch.setattr(engine, "facets_in_thread_from", 0)
    assert answers() == inline
    assert any(total and facets["type"] for total, _, facets in inline)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        at_once = list(pool.map(lambda _: answers(), range(4)))
    assert all(found == inline for found in at_once)


def test_the_tantivy_facet_thread_setting_reaches_the_backend(tmp_path):
    config = {"SEARCH_TANTIVY_FACETS_IN_THREAD_FROM": "0", "SEARCH_PG_RANKING": "window"}
    engine = make_backend("tantivy", str(tmp_path), **options_for("tantivy", config))
    assert engine.facets_in_thread_from == 0
    assert make_backend("tantivy", str(tmp_path)).facets_in_thread_from == 2_000
    assert options_for("whoosh", config) == {}


def assert_whoosh_analysis_is_the_tokenizers(text_: str) -> None:
    """The Whoosh fields' one-pass analysis of text_ gives what tokenize(index_text())
    gives: the same folded terms at the same positions and offsets, tone keys, bigrams."""
    tokens = analysis.tokenize(analysis.index_text(text_))
    found = whoosh_schema.analyse(text_)
    assert found.places == [
        (t.folded, t.pos + whoosh_schema.CLAUSE_GAP * t.clause, t.start, t.end) for t in tokens
    ], text_
    assert found.tonekeys == [t.tonekey for t in tokens if t.kind == "word"], text_
    assert found.bigrams == analysis.bigrams(tokens), text_


def test_whoosh_analysis_gives_the_tokenizer_terms(seed_documents):
    """The Whoosh fields' one-pass analysis indexes what tokenize(index_text())
    gives: the same folded terms at the same positions and offsets, tone keys, bigrams."""
    texts = [doc.text for doc in [*seed_documents, *EXTRA_DOCUMENTS]]
    texts += [*TRICKY, "", "HĐND", "\x00UBND", "Ủy ban nhân dân. HĐND; MTTQ\n\nGPMB"]
    for text_ in texts:
        assert_whoosh_analysis_is_the_tokenizers(text_)


def test_whoosh_rebuild_in_parallel_processes_finds_the_same(engines, seed_documents, tmp_path):
    parallel = WhooshBackend(tmp_path, parallel_from=10, parallel_batch=5)
    try:
        assert parallel.rebuild([*seed_documents, *EXTRA_DOCUMENTS]) == engines["whoosh"].count()
        assert len(parallel.searcher().reader().leaf_readers()) > 1  # one segment per process
        assert parallel.keys() == engines["whoosh"].keys()
        for q in AGREEMENT_QUERIES:
            assert everything(parallel, q) == everything(engines["whoosh"], q), q
        for q, filters in FILTERED:
            assert (
                execute(parallel, q, filters).result.facets
                == execute(engines["whoosh"], q, filters).result.facets
            )
    finally:
        parallel.close()


def test_whoosh_past_its_time_limit_answers_unscored_instead_of_failing(engines):
    slow = WhooshBackend(engines["whoosh"].root, time_limit=0.0)  # a reader of the same index
    try:
        found = execute(slow, "thành phố").result
        assert found.timed_out and found.hits and found.total == everything(engines["whoosh"], "thành phố")[0]
        assert all(hit.score == 0.0 for hit in found.hits)
    finally:
        slow.close()


# Pieces of text: letters, marks, punctuation and whole words that trigger abbreviations
# and document numbers, so that random texts reach every branch of the analysis.
PIECES = [*"aăâeêioôơuưyđAĐH0123456789/-.:;!?… \n\t\"')”", "\u0300", "\u0301", "\u0303",
          "\u0309", "\u0323", "\u0302", "\u031b", "\x00", "\u200b", "ğ", "𝐀", "hòa", "hoà",
          "HĐND", "UBND", "hội đồng nhân dân", "Ủy ban nhân dân", "TXCT", "1107/TB-HĐND",
          "45-CT/TW", "12/2023/NQ-HĐND", "số ", "Nghị quyết "]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_whoosh_analysis_equals_the_tokenizer_on_any_text(text_):
    assert_whoosh_analysis_is_the_tokenizers(text_)


def test_whoosh_updates_never_merge_the_segments_of_a_rebuild(seed_documents, tmp_path):
    built = WhooshBackend(tmp_path, parallel_from=10, parallel_batch=5, segment_docs=20)
    try:
        built.rebuild(seed_documents)

        def segments():
            return {leaf.segment().segment_id(): leaf.doc_count_all()
                    for leaf, _ in built.searcher().reader().leaf_readers()}  # fmt: skip

        rebuilt = {name for name, count in segments().items() if count >= 10}
        assert len(rebuilt) >= 4
        for n in range(12):  # a dozen publishes, one commit each
            doc = seed_documents[n]
            built.index([dataclasses.replace(doc, text=f"{doc.text} kiểmtra{chr(97 + n)}")])
            built.invalidate()
            assert rebuilt <= set(segments())
        assert built.count() == len(seed_documents)
        assert everything(built, "kiểmtral") == (1, {seed_documents[11].key})
        assert everything(built, "kiểmtrad") == (1, {seed_documents[3].key})
    finally:
        built.close()


def test_snippets_mark_the_syllables_of_a_longer_word_only_inside_it():
    text = "Kết quả hoạt động của Hội đồng nhân dân;\nhướng dẫn của HĐND và hội\nđồng nhân dân"
    marked = snippet(text, highlight_terms(analyze_query("hdnd")))
    assert "<mark>Hội</mark> <mark>đồng</mark> <mark>nhân</mark> <mark>dân</mark>" in marked
    assert "<mark>HĐND</mark>" in marked and "<mark>" not in marked.split("HĐND")[1][7:]
    assert "hoạt động" in marked and "hướng dẫn" in marked  # not inside the word
    both = snippet(text, highlight_terms(analyze_query("hdnd động")))
    assert "hoạt <mark>động</mark>" in both  # asked for on its own: marked anywhere


def test_tantivy_parallel_rebuild_reads_the_database_documents_of_the_app(app, tmp_path, monkeypatch):
    """The rebuild from the database (``flask search rebuild``) in worker processes: the documents
    are read in the caller's app context, not in the pool's feeder thread."""
    monkeypatch.setattr(tantivy_parallel, "PARALLEL_MIN_DOCS", 10)
    backend = make_backend("tantivy", str(tmp_path / "tantivy-parallel"))
    try:
        expected = {doc.key: doc.version for doc in iter_documents()}
        assert len(expected) > 10
        assert indexer.rebuild(backend) == len(expected)
        assert backend.keys() == expected
    finally:
        backend.close()
