"""Reading an import file (CSV or XLSX) into rows, within limits checked while it is read.

A file past the limits is refused before it is materialised: a sheet's rows (blank ones included) and
columns, a CSV's lines and line length, an XLSX's unpacked size. A 1.5 KB workbook can declare 16,384
columns by a million rows, or unpack to gigabytes; neither may cost a web worker more than a moment.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from openpyxl import load_workbook

MAX_ROWS = 5000
MAX_SHEET_ROWS = MAX_ROWS + 1
MAX_COLUMNS = 64
MAX_CSV_LINES = 50_000
MAX_CSV_LINE_CHARS = 128 * 1024
MAX_XLSX_UNPACKED_BYTES = 32 * 1024 * 1024
MAX_XLSX_PARTS = 200
TOO_MANY_ROWS = f"Tệp có quá {MAX_ROWS} dòng; hãy chia nhỏ."
TOO_MANY_COLUMNS = (
    f"Bảng có quá {MAX_COLUMNS} cột; hãy xoá các cột thừa hoặc chép dữ liệu sang một trang mới."
)


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message says why."""


def read_table(data: bytes | BinaryIO, filename: str) -> list[tuple[int, dict]]:
    """Return (row number, {column: value}) for every non-empty data row; row 1 is the header.

    `data` is the file's bytes or a seekable binary file (an upload spooled to disk is read from there,
    never held whole in the worker's memory)."""
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    stream.seek(0)
    magic = stream.read(4)
    stream.seek(0)
    if not magic:
        raise ImportFileError("Tệp rỗng.")
    rows = _xlsx_rows(stream) if magic == b"PK\x03\x04" else _csv_rows(stream)
    first = next(rows, None)
    if first is None:
        raise ImportFileError("Tệp không có dòng tiêu đề.")
    header = [str(h or "").strip().lower() for h in first]
    table = []
    for number, values in enumerate(rows, start=2):
        if all(v in (None, "") or str(v).strip() == "" for v in values):
            continue
        table.append((number, {h: v for h, v in zip(header, values, strict=False) if h}))
        if len(table) > MAX_ROWS:
            raise ImportFileError(TOO_MANY_ROWS)
    return table


def _csv_rows(stream: BinaryIO) -> Iterator[list]:
    # Decoded and split a line at a time: the whole text is never held, not even once.
    lines = _bounded_lines(_Unclosing(stream, encoding="utf-8-sig", newline=""))
    try:
        first = next(lines, "")
        delimiter = ";" if first.count(";") > first.count(",") else ","
        for row in csv.reader(itertools.chain([first], lines), delimiter=delimiter):
            if len(row) > MAX_COLUMNS:
                raise ImportFileError(TOO_MANY_COLUMNS)
            yield row
    except UnicodeDecodeError as exc:
        raise ImportFileError("Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: “CSV UTF-8”).") from exc
    except csv.Error as exc:
        raise ImportFileError("Tệp CSV bị lỗi định dạng (dấu ngoặc kép không khớp hoặc ô quá dài).") from exc


def _bounded_lines(stream: io.TextIOBase) -> Iterator[str]:
    """Yield the stream's lines, refusing too many or too long ones before the csv module builds rows."""
    for number in range(1, MAX_CSV_LINES + 2):
        line = stream.readline(MAX_CSV_LINE_CHARS + 1)
        if not line:
            return
        if number > MAX_CSV_LINES:
            raise ImportFileError(TOO_MANY_ROWS)
        if len(line) > MAX_CSV_LINE_CHARS:
            raise ImportFileError(f"Dòng {number} của tệp CSV quá dài.")
        yield line


_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="(\d{1,9})"')
_CELL_COLUMN = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})\d')


class _Unclosing(io.TextIOWrapper):
    """A text view of the caller's binary file that leaves the file open (it is the caller's to close)."""

    def __del__(self) -> None:
        with contextlib.suppress(ValueError):  # already detached
            self.detach()


def _check_xlsx_archive(stream: BinaryIO) -> None:
    """Refuse a workbook that would unpack past the limit, or whose sheets reach past the row or
    column limits, by scanning the raw sheet XML before openpyxl reads any of it."""
    try:
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_XLSX_PARTS or sum(p.file_size for p in parts) > MAX_XLSX_UNPACKED_BYTES:
                raise ImportFileError(
                    f"Tệp Excel khi giải nén vượt quá {MAX_XLSX_UNPACKED_BYTES // 2**20} MB; hãy chia nhỏ."
                )
            for part in parts:
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                    with archive.open(part) as stream:
                        _check_sheet_extent(stream)
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ImportFileError("Không đọc được tệp Excel (.xlsx).") from exc


def _check_sheet_extent(stream) -> None:
    """Count a sheet's rows and find its last row number and column in the raw XML, a chunk at a time."""
    rows = last_row = last_column = 0
    tail = b""
    while chunk := stream.read(1 << 20):
        text = tail + chunk
        cut = text.rfind(b">") + 1  # a tag cut in two by the chunk is read whole with the next chunk
        text, tail = text[:cut], text[cut:]
        rows += len(_ROW.findall(text))
        last_row = max([last_row, *(int(n) for n in _ROW_NUMBER.findall(text))])
        columns = set(_CELL_COLUMN.findall(text))
        if columns:
            widest = max(columns, key=lambda letters: (len(letters), letters))
            last_column = max(last_column, _column_number(widest))
        if max(rows, last_row) > MAX_SHEET_ROWS:
            raise ImportFileError(TOO_MANY_ROWS)
        if last_column > MAX_COLUMNS:
            raise ImportFileError(TOO_MANY_COLUMNS)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _xlsx_rows(stream: BinaryIO) -> Iterator[list]:
    _check_xlsx_archive(stream)
    try:
        stream.seek(0)
        workbook = load_workbook(stream, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise ImportFileError("Không đọc được tệp Excel (.xlsx).") from exc
    try:
        yield from _sheet_rows(sheet)
    except ImportFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - a malformed sheet part fails inside openpyxl's parser
        raise ImportFileError("Không đọc được tệp Excel (.xlsx).") from exc
    finally:
        workbook.close()


def _sheet_rows(sheet) -> Iterator[list]:
    """Stream a read-only sheet's rows, refusing a declared or real extent past the limits."""
    if (sheet.max_row or 0) > MAX_SHEET_ROWS:
        raise ImportFileError(TOO_MANY_ROWS)
    if (sheet.max_column or 0) > MAX_COLUMNS:
        raise ImportFileError(TOO_MANY_COLUMNS)
    # Without declared dimensions each row is as wide as its last real cell, so a cell the raw scan
    # could not place (one without a reference) is still seen and refused instead of padding every row.
    sheet.reset_dimensions()
    for number, row in enumerate(sheet.iter_rows(max_row=MAX_SHEET_ROWS + 1, values_only=True), start=1):
        if number > MAX_SHEET_ROWS:
            raise ImportFileError(TOO_MANY_ROWS)
        if len(row) > MAX_COLUMNS:
            raise ImportFileError(TOO_MANY_COLUMNS)
        yield list(row)
