"""Imports cannot kill a web worker: oversized sheets and CSVs are refused before they are materialised."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from portal.extensions import db as _db
from portal.importers import bulk_reader
from portal.models import Resolution
from tests.admin.test_imports import ROUND, count, csv_bytes

MB = 1024 * 1024
CLEAR_REFS = Path("/proc/self/clear_refs")


def _status_kib(field: str) -> int:
    return int(re.search(rf"{field}:\s+(\d+)", Path("/proc/self/status").read_text()).group(1))


@contextmanager
def memory_growth():
    """Measure the peak growth of the process (RSS high-water mark) and of Python's allocations."""
    grown = {}
    CLEAR_REFS.write_text("5")  # resets VmHWM to the current RSS
    rss_before = _status_kib("VmRSS")
    tracemalloc.start()
    try:
        yield grown
    finally:
        grown["python"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        grown["rss"] = (_status_kib("VmHWM") - rss_before) * 1024


BOUNDARY = "----portal-import-test"


def multipart(data: bytes, name: str) -> bytes:
    """The request body as the browser sends it; built by the test before any measurement starts, and
    encoded here so that the test client spools nothing to a temporary file of its own (werkzeug's test
    client leaves that file open)."""
    return (
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )


def post(client, kind: str, body: bytes):
    return client.post(
        f"/admin/imports/{kind}/preview", data=body, content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )


def preview(client, kind: str, data: bytes, name: str):
    return post(client, kind, multipart(data, name))


def workbook_bytes(fill, *, dimension: str | None = None) -> bytes:
    """An XLSX made by openpyxl; `dimension` rewrites the sheet's declared <dimension ref>."""
    book = Workbook()
    fill(book.active)
    buffer = io.BytesIO()
    book.save(buffer)
    if dimension is None:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), body)
            dst.writestr(item, body)
    return out.getvalue()


def far_corner(sheet) -> None:
    sheet.append(["number", "title"])
    sheet["XFD1048576"] = "x"


def attack_workbook() -> bytes:
    """The attack: a tiny workbook declaring A1:XFD1048576, its one stray cell at XFD1048576."""
    data = workbook_bytes(far_corner)
    assert b'<dimension ref="A1:XFD1048576"/>' in zipfile.ZipFile(io.BytesIO(data)).read(
        "xl/worksheets/sheet1.xml"
    )
    return data


def test_the_far_corner_workbook_is_refused_without_eating_memory(editor_client):
    data = attack_workbook()
    assert len(data) < 8 * 1024
    body = multipart(data, "nghi-quyet.xlsx")
    with memory_growth() as grown:
        resp = post(editor_client, "resolutions", body)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "quá 5000 dòng" in html
    assert grown["rss"] < 50 * MB and grown["python"] < 50 * MB, grown


def test_a_lying_dimension_is_refused_by_the_real_extent(editor_client):
    data = workbook_bytes(far_corner, dimension="A1:B1")
    body = multipart(data, "nghi-quyet.xlsx")
    with memory_growth() as grown:
        resp = post(editor_client, "resolutions", body)
    assert resp.status_code == 422 and "quá 5000 dòng" in resp.get_data(as_text=True)
    assert grown["rss"] < 50 * MB and grown["python"] < 50 * MB, grown


def test_a_stray_cell_far_to_the_right_is_refused_by_its_column(editor_client):
    def wide(sheet):
        sheet.append(["number", "title"])
        sheet.append(["1/NQ-HĐND", "Nghị quyết thử"])
        sheet["XFD2"] = "x"

    for dimension in (None, "A1:B2"):  # declared, then hidden behind a small declared extent
        resp = preview(editor_client, "resolutions", workbook_bytes(wide, dimension=dimension), "nq.xlsx")
        assert resp.status_code == 422 and "quá 64 cột" in resp.get_data(as_text=True)


def test_a_million_row_sheet_is_refused_before_its_rows_are_built():
    def million(sheet):
        sheet.append(["number", "title"])
        for n in range(2, 12_000):
            sheet.append([f"{n}/NQ-HĐND", "Nghị quyết"])

    for dimension in (None, "A1:B2"):
        with pytest.raises(bulk_reader.ImportFileError, match="quá 5000 dòng"):
            bulk_reader.read_table(workbook_bytes(million, dimension=dimension), "nq.xlsx")


def test_a_workbook_that_unpacks_past_the_limit_is_refused_unread():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b" " * (bulk_reader.MAX_XLSX_UNPACKED_BYTES + 1))
    assert len(out.getvalue()) < 100 * 1024
    with pytest.raises(bulk_reader.ImportFileError, match="giải nén vượt quá"):
        bulk_reader.read_table(out.getvalue(), "bom.xlsx")


def test_a_csv_of_blank_lines_is_refused_while_reading(editor_client):
    body = multipart(b"number,title\n" + b"\n" * (19 * MB), "nghi-quyet.csv")
    with memory_growth() as grown:
        resp = post(editor_client, "resolutions", body)
    assert resp.status_code == 422 and "quá 5000 dòng" in resp.get_data(as_text=True)
    # the upload is read from werkzeug's spooled file on disk, never whole into the worker (it was 36 MB)
    assert grown["rss"] < 10 * MB and grown["python"] < 10 * MB, grown


@pytest.mark.parametrize(
    "body, message",
    [
        (b"number,title\n" + b"," * (5 * MB), "quá dài"),
        (b"number,title\n" + b"a," * 200 + b"\n", "quá 64 cột"),
        (b'number,title\n"' + (b"x" * 1000 + b"\n") * 200, "lỗi định dạng"),
        (b"number,title\n" + b"1,a\n" * (bulk_reader.MAX_ROWS + 1), "quá 5000 dòng"),
    ],
    ids=["long-line", "wide-row", "open-quote", "too-many-rows"],
)
def test_malformed_or_oversized_csv_gets_a_vietnamese_message(editor_client, body, message):
    resp = preview(editor_client, "resolutions", body, "nghi-quyet.csv")
    assert resp.status_code == 422 and message in resp.get_data(as_text=True)


def test_a_file_at_the_limits_still_imports(editor_client):
    from portal.models import Petition

    lines = ["round,text,level,status"] + [f"{ROUND},Kiến nghị số {n},city,in_progress" for n in range(30)]
    data = csv_bytes(*lines[:1], *([""] * 40), *lines[1:])  # blank lines are skipped, not counted
    resp = preview(editor_client, "petitions", data, "kien-nghi.csv")
    assert resp.status_code == 200 and "hợp lệ: 30" in resp.get_data(as_text=True)
    assert count(Petition) == 0


def _checked_statements(app, client, kind: str, data: bytes, name: str):
    from tests.support.statements import capture

    with capture(_db.engine) as captured:
        resp = preview(client, kind, data, name)
    return resp, len(captured)


@pytest.mark.parametrize("kind", ["petitions", "resolutions"])
def test_checking_a_file_costs_the_same_statements_at_any_size(app, editor_client, kind):
    """A 5,000-row file was checked with a table read per looked-up cell and a query per number,
    and compared each number with every row before it: minutes for one preview."""
    existing = _db.session.scalars(
        select(Resolution).where(Resolution.session_id.is_not(None)).limit(1)
    ).one()
    existing.number = "99/NQ-HĐND"  # the starter resolutions carry no number
    _db.session.commit()
    number, session = existing.number, existing.session.slug

    def lines(n: int) -> bytes:
        if kind == "petitions":
            rows = [f"{ROUND},Kiến nghị số {i},city,in_progress,UBND thành phố" for i in range(n)]
            return csv_bytes("round,text,level,status,agency", *rows)
        rows = [f"{i}/NQ-THỬ,Nghị quyết thử số {i},{session}" for i in range(n)]
        return csv_bytes("number,title,session", f"{number},Trùng số,{session}", *rows)

    small, small_count = _checked_statements(app, editor_client, kind, lines(5), "a.csv")
    large, large_count = _checked_statements(app, editor_client, kind, lines(1000), "a.csv")
    for resp in (small, large):
        html = resp.get_data(as_text=True)
        if kind == "petitions":
            assert resp.status_code == 200 and "không tìm thấy" not in html, html[-2000:]
        else:
            assert (
                resp.status_code == 422 and "Dòng 2" in html and "số nghị quyết này đã có trên cổng" in html
            )
            assert html.count("số nghị quyết này đã có") == 1
    assert large_count == small_count, (small_count, large_count)
