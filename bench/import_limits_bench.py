"""How long the import reader takes to refuse the attack files of issue 16 (and to read a good file of
5,000 rows, the baseline), and the peak Python memory of each; then the whole check of a preview (read,
parse, look-ups, duplicate numbers) for the largest files an upload allows (MAX_UPLOAD_MB), on the seeded
database; writes bench/results/import_limits.json.

Run: .venv/bin/python -m bench.import_limits_bench
"""

from __future__ import annotations

import base64
import io
import json
import os
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

from flask_migrate import upgrade
from openpyxl import Workbook

from portal import create_app
from portal.importers import bulk_import, bulk_reader
from portal.importers.seed import load_seed
from tests.conftest import make_config

MB = 1024 * 1024
RESULTS = Path(__file__).parent / "results" / "import_limits.json"


def _workbook(fill) -> bytes:
    book = Workbook(write_only=False)
    fill(book.active)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _far_corner(sheet) -> None:
    sheet.append(["number", "title"])
    sheet["XFD1048576"] = "x"


def _rows(count: int):
    def fill(sheet) -> None:
        sheet.append(["number", "title"])
        for n in range(count):
            sheet.append([f"{n}/NQ-HĐND", f"Nghị quyết số {n}"])

    return fill


def _undeclared(data: bytes) -> bytes:
    """The same workbook with its <dimension> removed, so only the real extent can refuse it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                start = body.find(b"<dimension")
                body = body[:start] + body[body.find(b"/>", start) + 2 :] if start >= 0 else body
            dst.writestr(item, body)
    return out.getvalue()


def _read(data: bytes, filename: str) -> str:
    try:
        return f"read {len(bulk_reader.read_table(data, filename))} rows"
    except bulk_reader.ImportFileError as exc:
        return f"refused: {exc}"


def _check(kind: str):
    def check(data: bytes, filename: str) -> str:
        try:
            plan = bulk_import.plan_import(kind, data, filename)
        except bulk_import.ImportFileError as exc:
            return f"refused: {exc}"
        return f"{len(plan.rows)} rows, {len(plan.errors)} errors" + (": refused" if not plan.ok else "")

    return check


def _random_text(chars: int) -> str:
    return base64.b64encode(os.urandom(chars * 3 // 4)).decode()


def _measure(name: str, data: bytes, filename: str, run=_read) -> dict:
    started = time.perf_counter()
    outcome = run(data, filename)
    seconds = time.perf_counter() - started
    tracemalloc.start()  # a second pass: tracing slows Python several times over
    run(data, filename)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "file": name,
        "bytes": len(data),
        "seconds": round(seconds, 3),
        "python_peak_mb": round(peak / MB, 1),
        "outcome": outcome,
    }


def _previews() -> list[dict]:
    """The whole check of a preview for files as large as an upload may be, on the seeded database."""
    limit = int(os.environ.get("MAX_UPLOAD_MB", "20")) * MB
    title_chars = 1990
    long_titles = (
        "number,title,session\n"
        + "".join(
            f"{n}/NQ-THỬ,{_random_text(title_chars)},ky-hop-thu-muoi-bon-khoa-xx\n" for n in range(5000)
        )
    ).encode()[:limit]
    petitions = (
        "round,text,level,status,agency,area\n"
        + "".join(
            f"tiep-xuc-cu-tri-sau-ky-hop-thu-muoi-mot,{_random_text(3900)},city,in_progress,UBND thành phố,\n"
            for _ in range(5000)
        )
    ).encode()[:limit]
    wide_sheet = _workbook(
        lambda sheet: [sheet.append(["number", "title"])]
        + [sheet.append([f"{n}/NQ", _random_text(title_chars)]) for n in range(5000)]
    )
    cases = [
        ("resolutions CSV of 5,000 near-limit titles", long_titles, "nq.csv", "resolutions"),
        ("petitions CSV of 5,000 texts of 3,900 characters", petitions, "kn.csv", "petitions"),
        ("resolutions XLSX of 5,000 titles of 1,990 characters", wide_sheet, "nq.xlsx", "resolutions"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(make_config(Path(tmp), Path(tmp) / "portal.db"))
        with app.app_context():
            upgrade()
            load_seed()
            return [
                {**_measure(f"preview: {name}", data, filename, _check(kind)), "kind": kind}
                for name, data, filename, kind in cases
            ]


def main() -> None:
    million = _workbook(_rows(20_000))  # refused at row 10,002 whatever follows
    cases = [
        (
            "good CSV, 5,000 rows (baseline)",
            ("number,title\n" + "".join(f"{n}/NQ-HĐND,Nghị quyết số {n}\n" for n in range(5000))).encode(),
            "nq.csv",
        ),
        ("XLSX declaring A1:XFD1048576, one cell at XFD1048576", _workbook(_far_corner), "nq.xlsx"),
        ("the same without its <dimension>", _undeclared(_workbook(_far_corner)), "nq.xlsx"),
        ("XLSX of 20,000 rows", million, "nq.xlsx"),
        ("XLSX of 20,000 rows without its <dimension>", _undeclared(million), "nq.xlsx"),
        ("CSV of 19 MB of blank lines", b"number,title\n" + b"\n" * (19 * MB), "nq.csv"),
        ("CSV of one 19 MB line of commas", b"number,title\n" + b"," * (19 * MB), "nq.csv"),
    ]
    results = [_measure(*case) for case in cases] + _previews()
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps({"load_average": os.getloadavg()[0], "results": results}, ensure_ascii=False, indent=2)
        + "\n",
        encoding="utf-8",
    )
    for row in results:
        print(
            f"{row['seconds']:7.3f} s {row['python_peak_mb']:7.1f} MB  {row['file']}: {row['outcome'][:60]}"
        )


if __name__ == "__main__":
    main()
