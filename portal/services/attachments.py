"""PDF attachments: checked by content, text extracted in a limited child process, stored by SHA-256.

Nothing about an upload's name or declared type is trusted: the bytes must start with `%PDF-` and
parse with pypdf. The parse runs in a separate Python process with an RLIMIT_CPU and RLIMIT_AS
limit (and a wall-clock timeout), so a file that makes the parser loop or balloon kills only that
child; the upload is refused and the web worker keeps answering. Files are stored under UPLOAD_DIR
(outside static/) at a path made from their SHA-256, never from the uploaded name.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from portal.extensions import db
from portal.models import Attachment, Document, User
from portal.models.base import utcnow
from portal.services.publishing import audit_record

PDF_MAGIC = b"%PDF-"
EXTRACTOR = Path(__file__).with_name("pdf_extract.py")


class AttachmentError(ValueError):
    """An upload refused, with a message a clerk understands."""


@dataclass
class Extracted:
    pages: int
    text: str


def clean_filename(name: str | None) -> str:
    """Return the display name, refusing anything that looks like a path or hides characters."""
    name = unicodedata.normalize("NFC", (name or "").strip())
    if not name:
        raise AttachmentError("Tệp không có tên. Hãy chọn lại tệp PDF.")
    if "/" in name or "\\" in name or ".." in name or name.startswith("."):
        raise AttachmentError("Tên tệp không hợp lệ: không được chứa đường dẫn (/, \\ hoặc ..).")
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name) or len(name) > 200:
        raise AttachmentError("Tên tệp không hợp lệ: chứa ký tự điều khiển hoặc quá dài.")
    return name


def check_pdf_bytes(data: bytes) -> None:
    if not data:
        raise AttachmentError("Tệp rỗng (0 byte). Hãy chọn tệp PDF có nội dung.")
    if not data.startswith(PDF_MAGIC):
        raise AttachmentError(
            "Tệp không phải PDF: nội dung không bắt đầu bằng “%PDF-”. Chỉ nhận tệp PDF, bất kể tên tệp."
        )


def _limits(cpu_seconds: int, memory_bytes: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def extract_text(data: bytes, cpu_seconds: int | None = None, memory_mb: int | None = None) -> Extracted:
    """Parse the PDF and extract its text in a child process under CPU-time and memory limits."""
    cpu = cpu_seconds or current_app.config["PDF_EXTRACT_CPU_SECONDS"]
    memory = (memory_mb or current_app.config["PDF_EXTRACT_MEMORY_MB"]) * 1024 * 1024
    try:
        done = subprocess.run(
            [sys.executable, "-I", str(EXTRACTOR)],
            input=data,
            capture_output=True,
            timeout=cpu * 3 + 5,
            preexec_fn=_limits(cpu, memory),
            env={},
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise AttachmentError(LIMIT_MESSAGE) from exc
    if done.returncode < 0:
        current_app.logger.warning("PDF extractor killed by signal %s", -done.returncode)
        raise AttachmentError(LIMIT_MESSAGE)
    try:
        result = json.loads(done.stdout or b"{}")
    except ValueError as exc:
        raise AttachmentError(UNREADABLE) from exc
    if done.returncode != 0 or "error" in result:
        if result.get("error") == "encrypted":
            raise AttachmentError("Tệp PDF có mật khẩu. Hãy tải lên bản không đặt mật khẩu.")
        raise AttachmentError(UNREADABLE)
    return Extracted(pages=int(result.get("pages", 0)), text=result.get("text", ""))


LIMIT_MESSAGE = (
    "Không đọc được tệp PDF trong giới hạn thời gian và bộ nhớ cho phép (tệp có thể bị "
    "hỏng hoặc được tạo ra để làm treo máy chủ). Tệp không được lưu."
)
UNREADABLE = "Tệp có đuôi hoặc phần đầu giống PDF nhưng không đọc được như một tệp PDF. Tệp không được lưu."


def storage_path(sha256: str) -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / sha256[:2] / sha256


def _store(data: bytes, sha256: str) -> None:
    path = storage_path(sha256)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(tmp, 0o640)
    os.replace(tmp, path)


def add_attachment(
    document: Document, filename: str | None, data: bytes, actor: User | None, ip: str | None = None
) -> Attachment:
    """Check, extract, store and attach a PDF to a document; refusals are audited and raised."""
    try:
        name = clean_filename(filename)
        check_pdf_bytes(data)
        extracted = extract_text(data)
    except AttachmentError as exc:
        audit_record(
            "upload_refused",
            actor,
            document,
            {"filename": (filename or "")[:200], "size": len(data), "reason": str(exc)},
            ip=ip,
        )
        db.session.commit()
        raise
    sha256 = hashlib.sha256(data).hexdigest()
    _store(data, sha256)
    attachment = Attachment(
        document=document,
        filename=name,
        content_type="application/pdf",
        sha256=sha256,
        size=len(data),
        extracted_text=extracted.text,
    )
    db.session.add(attachment)
    document.updated_at = utcnow()  # the document's search entry now includes this text
    audit_record(
        "upload",
        actor,
        document,
        {"filename": name, "sha256": sha256, "size": len(data), "pages": extracted.pages},
        ip=ip,
    )
    db.session.commit()
    return attachment


def stored_file(attachment: Attachment) -> Path | None:
    """The path of the attachment's stored bytes, or None when the file is missing."""
    path = storage_path(attachment.sha256)
    return path if path.is_file() else None
