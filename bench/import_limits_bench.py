"""How long the import reader takes to refuse the attack files of issue 16 (and to read a good file of
5,000 rows, the baseline), and the peak Python memory of each; writes bench/results/import_limits.json.

Run: .venv/bin/python -m bench.import_limits_bench
"""

from __future__ import annotations

import io
import json
import os
import time
import tracemalloc
import zipfile
from pathlib import Path

from openpyxl import Workbook

from portal.importers import bulk_reader

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


def _measure(name: str, data: bytes, filename: str) -> dict:
    started = time.perf_counter()
    outcome = _read(data, filename)
    seconds = time.perf_counter() - started
    tracemalloc.start()  # a second pass: tracing slows Python several times over
    _read(data, filename)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "file": name,
        "bytes": len(data),
        "seconds": round(seconds, 3),
        "python_peak_mb": round(peak / MB, 1),
        "outcome": outcome,
    }


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
    results = [_measure(*case) for case in cases]
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
