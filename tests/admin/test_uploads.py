"""PDF attachments: refused by content, size and name; a hostile PDF is stopped by the child's limit."""

from __future__ import annotations

import io
import resource

from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import Attachment, AuditEvent, Document
from portal.services.attachments import extract_text
from tests.admin.pdfs import heavy_pdf, make_pdf
from tests.admin.support import idempotency_from


def upload(
    client,
    document_id: int,
    data: bytes,
    filename: str = "bao-cao.pdf",
    content_type: str = "application/pdf",
):
    page = client.get(f"/admin/documents/{document_id}/attachments").get_data(as_text=True)
    return client.post(
        f"/admin/documents/{document_id}/attachments",
        data={
            "idempotency_token": idempotency_from(page),
            "file": (io.BytesIO(data), filename, content_type),
        },
        content_type="multipart/form-data",
    )


def attachments_of(document_id: int) -> list[Attachment]:
    _db.session.expire_all()
    return _db.session.scalars(select(Attachment).where(Attachment.document_id == document_id)).all()


def test_a_real_pdf_is_stored_by_sha256_outside_static_and_its_text_extracted(app, publisher_client, report):
    data = make_pdf()
    resp = upload(publisher_client, report.id, data, "Báo cáo năm 2020.pdf")
    assert resp.status_code == 302
    [attachment] = attachments_of(report.id)
    assert attachment.filename == "Báo cáo năm 2020.pdf" and attachment.size == len(data)
    assert attachment.extracted_text == "Bao cao ket qua"
    stored = app.config["UPLOAD_DIR"] + f"/{attachment.sha256[:2]}/{attachment.sha256}"
    with open(stored, "rb") as handle:
        assert handle.read() == data
    assert "static" not in stored
    public = app.test_client().get(f"/documents/{report.slug}/attachments/{attachment.id}")
    assert public.status_code == 200 and public.data == data
    assert public.headers["Content-Type"] == "application/pdf"
    assert public.headers["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''B%C3%A1o" in public.headers["Content-Disposition"]
    public.close()
    assert _db.session.scalar(select(AuditEvent).where(AuditEvent.action == "upload")) is not None


def test_php_renamed_pdf_is_refused(publisher_client, report):
    resp = upload(publisher_client, report.id, b"<?php system($_GET['c']); ?>", "shell.pdf")
    assert resp.status_code == 422
    assert "không phải PDF" in resp.get_data(as_text=True)
    assert attachments_of(report.id) == []


def test_empty_file_is_refused(publisher_client, report):
    resp = upload(publisher_client, report.id, b"", "trong.pdf")
    assert resp.status_code == 422 and "Tệp rỗng" in resp.get_data(as_text=True)


def test_25_mb_file_is_refused_with_413(publisher_client, report):
    page = publisher_client.get(f"/admin/documents/{report.id}/attachments").get_data(as_text=True)
    boundary = "ranh-gioi-tep"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="idempotency_token"\r\n\r\n'
        f'{idempotency_from(page)}\r\n--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="lon.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
    ).encode()
    body = head + b"%PDF-1.4\n" + b"0" * (25 * 1024 * 1024) + f"\r\n--{boundary}--\r\n".encode()
    # a ready-made body, so the test client does not spool 25 MB through a temporary file
    resp = publisher_client.post(
        f"/admin/documents/{report.id}/attachments",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert resp.status_code == 413
    assert "vượt quá dung lượng cho phép (20 MB)" in resp.get_data(as_text=True)
    assert attachments_of(report.id) == []


def test_path_names_are_refused(publisher_client, report):
    for name in ("../../etc/passwd", "..\\..\\boot.ini", "/etc/passwd.pdf"):
        resp = upload(publisher_client, report.id, make_pdf(), name)
        assert resp.status_code == 422, name
        assert "Tên tệp không hợp lệ" in resp.get_data(as_text=True)
    assert attachments_of(report.id) == []


def test_pdf_header_with_garbage_is_refused_after_the_parse(publisher_client, report):
    resp = upload(publisher_client, report.id, b"%PDF-1.7\nthis is not a pdf at all", "gia.pdf")
    assert resp.status_code == 422 and "không đọc được" in resp.get_data(as_text=True)


def test_hostile_pdf_is_stopped_by_the_cpu_limit_and_the_server_keeps_answering(
    app, publisher_client, report
):
    app.config["PDF_EXTRACT_CPU_SECONDS"] = 1
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    resp = upload(publisher_client, report.id, heavy_pdf(), "treo-may.pdf")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = (children.ru_utime + children.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    )
    assert resp.status_code == 422
    assert "giới hạn thời gian và bộ nhớ" in resp.get_data(as_text=True)
    # the same file needs ~7 s of CPU to parse without the limit; the child got about one second
    assert child_cpu < 3, child_cpu  # CPU time, not wall time: a loaded machine cannot flake it
    assert attachments_of(report.id) == []
    assert app.test_client().get("/healthz").status_code == 200
    refused = _db.session.scalar(select(AuditEvent).where(AuditEvent.action == "upload_refused"))
    assert refused.detail["filename"] == "treo-may.pdf"


def test_the_same_file_parses_when_given_enough_cpu(app):
    # proves the refusal above comes from the limit, not from a broken file
    result = extract_text(heavy_pdf(operators=20_000), cpu_seconds=20, memory_mb=512)
    assert result.pages == 1 and result.text.startswith("x")


def test_memory_limit_applies_to_the_child(app):
    from portal.services.attachments import AttachmentError

    try:
        extract_text(make_pdf(), cpu_seconds=5, memory_mb=16)
    except AttachmentError as exc:
        assert "giới hạn" in str(exc) or "không đọc được" in str(exc)
    else:
        raise AssertionError("a 16 MB address-space limit should stop the interpreter")


def test_draft_documents_attachments_are_unreachable(app, publisher_client, report):
    upload(publisher_client, report.id, make_pdf(), "a.pdf")
    [attachment] = attachments_of(report.id)
    draft = Document(kind="report", title="Văn bản nháp", slug="van-ban-nhap", status="draft")
    _db.session.add(draft)
    _db.session.commit()
    other = Attachment(
        document=draft,
        filename="b.pdf",
        content_type="application/pdf",
        sha256=attachment.sha256,
        size=attachment.size,
    )
    _db.session.add(other)
    _db.session.commit()
    public = app.test_client()
    assert public.get(f"/documents/van-ban-nhap/attachments/{other.id}").status_code == 404
    # nor through a published document's URL
    assert public.get(f"/documents/{report.slug}/attachments/{other.id}").status_code == 404


def test_editor_cannot_attach_to_a_published_document(editor_client, report):
    resp = editor_client.post(
        f"/admin/documents/{report.id}/attachments",
        data={"idempotency_token": "t" * 30, "file": (io.BytesIO(make_pdf()), "a.pdf", "application/pdf")},
        content_type="multipart/form-data",
    )
    assert resp.status_code == 403
    assert "Tải lên tệp PDF" not in editor_client.get(f"/admin/documents/{report.id}/attachments").get_data(
        as_text=True
    )
