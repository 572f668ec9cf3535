"""False-positive check of the forgiving search (issue 14): a correct query's top ten must not
change.  Not a test: it compares two versions of the code on the same database.

    python bench/search_false_positives.py --db DB --out top10-before.json   # old checkout (cwd)
    python bench/search_false_positives.py --db DB --out top10-after.json --compare top10-before.json

The database (starter data plus ``--synthetic`` records of the benchmark corpus) is made
once when missing and then read by both versions.  The code imported is the one of the
current directory, so run it from each checkout.  Queries: those of
tests/search/test_backends.py (AGREEMENT_QUERIES) and of bench/search_bench.py, on Whoosh.
With --compare it prints the queries whose top ten changed and writes
bench/results/search-false-positives.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))

QUERIES = [
    "ngân sách", "ngan sach", "hội đồng nhân dân", "HĐND", "UBND", "TXCT", "thành phố",
    "kế hoạch đầu tư công", '"trật tự đô thị"', "trat tu do thi", "giám sát -covid",
    "karaoke OR covid", "1107/TB-HĐND", "1107", "45-CT/TW", "hoà giải", "thuỷ lợi",
    "quyết toán", "cử tri phường", "nghị quyết", "đông kinh", "chợ", "vỉa hè",
    "giải phóng mặt bằng", "xử lý", "thoát nước", "nghij quyeets",
    "đất", "thoát", "trường", "giải phóng", "tái định", "cử tri", '"giải phóng mặt bằng"',
    '"nông thôn mới"', '"quyền sử dụng đất"', "1107/TB-HDND", "10020/NQ-HĐND",
]  # fmt: skip
RESULTS = Path(__file__).resolve().parent / "results" / "search-false-positives.json"


def database(path: Path, synthetic: int):
    """Return an app on the database at path (made with the starter data and synthetic records)."""
    from config import TestConfig
    from portal import create_app

    values = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SEARCH_INDEXER": "off",
              "SEARCH_INDEX_DIR": str(path.parent / "unused")}  # fmt: skip
    app = create_app(type("FalsePositiveConfig", (TestConfig,), values))
    if not path.exists():
        from flask_migrate import upgrade

        from portal.importers.seed import load_seed
        from portal.importers.synthetic import generate

        with app.app_context():
            upgrade()
            load_seed()
            generate(synthetic, seed=14)
    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--synthetic", type=int, default=3000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    app = database(args.db.resolve(), args.synthetic)
    from portal.search.documents import iter_documents
    from portal.search.query import execute
    from portal.search.registry import make_backend

    with app.app_context():
        docs = list(iter_documents())
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_backend("whoosh", tmp)
        engine.rebuild(docs)
        top = {q: [hit.key for hit in execute(engine, q).result.hits] for q in QUERIES}
        # The retries alone (same index): with the corrections off, as the code before them.
        try:
            exact = {q: [h.key for h in execute(engine, q, correcting=False).result.hits]
                     for q in QUERIES}  # fmt: skip
        except TypeError:  # a checkout without corrections
            exact = top
        engine.close()
    retried = [q for q in QUERIES if exact[q] != top[q]]
    args.out.write_text(json.dumps(top, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        changed = {q: {"before": before[q], "after": top[q]} for q in QUERIES if before[q] != top[q]}
        same_set = [q for q in changed if set(before[q]) == set(top[q])]
        first = [q for q in changed if before[q][:1] != top[q][:1]]
        report = {"documents": len(docs), "queries": len(QUERIES),
                  "top10_changed_by_the_corrections": retried,
                  "top10_changed_since_before": len(changed), "first_hit_changed": first,
                  "same_records_other_order": same_set, "details": changed}  # fmt: skip
        RESULTS.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(
            f"{len(docs)} documents, {len(QUERIES)} queries; top ten changed by the corrections:"
            f" {len(retried)} {retried}; since before: {len(changed)} (first hit: {first})"
        )
        for q, found in changed.items():
            print(f"  {q}: {found['before']} -> {found['after']}")


if __name__ == "__main__":
    main()
