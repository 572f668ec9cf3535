"""Score of the forgiving-query set (tests/search/data/forgiving_queries.tsv) per class, on the
starter data, with Whoosh and tantivy (not a test; the test is tests/search/test_forgiving_queries.py).

    python bench/search_quality.py --label before|after

Prints the score per class and engine and writes it under the label into
bench/results/search-quality.json (other labels are kept).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portal import create_app  # noqa: E402
from portal.search.documents import iter_documents  # noqa: E402
from portal.search.query import execute  # noqa: E402
from portal.search.registry import make_backend  # noqa: E402
from tests.conftest import build_database, make_config  # noqa: E402
from tests.search.forgiving import load_cases, passes  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "search-quality.json"


def starter_documents(base: Path) -> list:
    """Return the search documents of the starter data (a fresh seeded SQLite file)."""
    db_file = build_database(base, seed=True)
    app = create_app(make_config(base, db_file))
    with app.app_context():
        return list(iter_documents())


def score(engine, cases) -> tuple[dict, list[str]]:
    """Return passed/total per class and the queries that failed."""
    by_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failed = []
    for case in cases:
        keys = [hit.key for hit in execute(engine, case.query).result.hits]
        ok = passes(keys, case)
        by_class[case.kind][0] += ok
        by_class[case.kind][1] += 1
        if not ok:
            failed.append(f"{case.kind}: {case.query} -> {keys[:3]}")
    total = [sum(v[0] for v in by_class.values()), sum(v[1] for v in by_class.values())]
    return {**{k: f"{a}/{b}" for k, (a, b) in by_class.items()}, "all": f"{total[0]}/{total[1]}"}, failed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", default="after")
    parser.add_argument("--engines", nargs="+", default=["whoosh", "tantivy"])
    args = parser.parse_args()
    cases = load_cases()
    with tempfile.TemporaryDirectory() as tmp:
        docs = starter_documents(Path(tmp))
        found = {}
        for name in args.engines:
            engine = make_backend(name, str(Path(tmp) / name))
            engine.rebuild(docs)
            found[name], failed = score(engine, cases)
            engine.close()
            print(name, json.dumps(found[name], ensure_ascii=False))
            for line in failed:
                print("   fail", line)
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results[args.label] = found
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
