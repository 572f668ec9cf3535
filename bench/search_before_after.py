"""Issue 14, query by query: which queries of the forgiving set failed with the code before the
issue and succeed now, and what comes first in each (not a test; the test is
tests/search/test_forgiving_queries.py).

    python bench/search_before_after.py run --code DIR --out FILE [--engine whoosh]
    python bench/search_before_after.py compare BEFORE.json AFTER.json

``run`` imports the portal of DIR (a checkout of any version: make the old one with
``git worktree add --detach /tmp/pre14 e6a0860``), builds the starter data in a fresh SQLite
file, indexes it and answers every query of tests/search/data/forgiving_queries.tsv and the
absent topics of tests/search/test_corrections.py, keeping the first three hits, the
suggestion and what was searched instead.  ``compare`` writes
bench/results/search-before-after.json and prints, per class, the queries that failed before
and pass now with the first hit before and after.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
CASES = HERE / "tests" / "search" / "data" / "forgiving_queries.tsv"
RESULTS = HERE / "bench" / "results" / "search-before-after.json"
# Topics the starter data does not hold (tests/search/test_corrections.py): no suggestion is right.
ABSENT = ["cháy rừng", "hiến máu", "bóng đá", "Kon Tum", "Ninh Thuận", "tiêm chủng", "lũ lụt",
          "kon tum", "đường sắt cao tốc", "du lịch biển"]  # fmt: skip


def load_cases() -> list[dict]:
    """Return the forgiving set as dicts (read here so any checkout's code can be scored)."""
    cases = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, query, expected, within, *_ = line.split("\t")
            cases.append({"kind": kind, "query": query, "expected": expected, "within": int(within)})
    return cases


def run(code: Path, out: Path, engine_name: str) -> None:
    """Answer every query with the portal of ``code`` and write the answers to ``out``."""
    sys.path.insert(0, str(code))
    from portal import create_app
    from portal.search.documents import iter_documents
    from portal.search.query import execute
    from portal.search.registry import make_backend
    from tests.conftest import build_database, make_config

    answers = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        app = create_app(make_config(base, build_database(base, seed=True)))
        with app.app_context():
            docs = list(iter_documents())
        engine = make_backend(engine_name, str(base / engine_name))
        engine.rebuild(docs)
        for query in [case["query"] for case in load_cases()] + ABSENT:
            outcome = execute(engine, query)
            answers[query] = {
                "total": outcome.result.total,
                "top": [[hit.key, hit.title[:90]] for hit in outcome.result.hits[:3]],
                "suggestion": outcome.suggestion,
                "searched_instead": getattr(outcome, "searched_instead", None),
                "matched": getattr(outcome, "matched", None),
            }
        engine.close()
    out.write_text(json.dumps({"code": str(code), "engine": engine_name, "answers": answers},
                              ensure_ascii=False, indent=1) + "\n", encoding="utf-8")  # fmt: skip


def compare(before_file: Path, after_file: Path) -> None:
    """Print and write, per class, the queries that failed before and pass now."""
    before = json.loads(before_file.read_text(encoding="utf-8"))["answers"]
    after = json.loads(after_file.read_text(encoding="utf-8"))["answers"]
    rescued, scores = defaultdict(list), defaultdict(lambda: [0, 0, 0])
    for case in load_cases():
        query, kind = case["query"], case["kind"]
        passed = [case["expected"] in [key for key, _ in answer["top"][: case["within"]]]
                  for answer in (before[query], after[query])]  # fmt: skip
        scores[kind][0] += passed[0]
        scores[kind][1] += passed[1]
        scores[kind][2] += 1
        if passed[1] and not passed[0]:
            rescued[kind].append({"query": query, "expected": case["expected"], "before": before[query],
                                  "after": after[query]})  # fmt: skip
    absent = {query: {"before": before[query]["suggestion"], "after": after[query]["suggestion"]}
              for query in ABSENT}  # fmt: skip
    report = {"scores": {kind: f"{b}/{n} -> {a}/{n}" for kind, (b, a, n) in scores.items()},
              "rescued": rescued, "absent_topics_suggestion": absent}  # fmt: skip
    RESULTS.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for kind, found in rescued.items():
        print(f"{kind}: {scores[kind][0]}/{scores[kind][2]} -> {scores[kind][1]}/{scores[kind][2]}")
        for item in found[:3]:
            first = lambda answer: answer["top"][0] if answer["top"] else ["(nothing)", ""]  # noqa: E731
            print(f"  {item['query']!r}: before {first(item['before'])}, now {first(item['after'])}")
    print("absent topics, suggestion before -> now:")
    for query, pair in absent.items():
        print(f"  {query}: {pair['before']!r} -> {pair['after']!r}")


def main() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run")
    run_parser.add_argument("--code", type=Path, default=HERE)
    run_parser.add_argument("--out", type=Path, required=True)
    run_parser.add_argument("--engine", default="whoosh")
    compare_parser = commands.add_parser("compare")
    compare_parser.add_argument("before", type=Path)
    compare_parser.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "run":
        run(args.code.resolve(), args.out, args.engine)
    else:
        compare(args.before, args.after)


if __name__ == "__main__":
    main()
