"""A published document's page links its attachments to the public download route."""

from __future__ import annotations

from portal.extensions import db as _db
from portal.services.attachments import add_attachment
from portal.services.publishing import withdraw
from tests.admin.pdfs import make_pdf

SLUG = "bao-cao-ket-qua-hoat-dong-nam-2020"


def test_document_page_links_each_attachment_with_name_size_and_type(app, client, report):
    small = add_attachment(report, "Báo cáo năm 2020.pdf", make_pdf(), None)
    large = add_attachment(report, "phu-luc.pdf", make_pdf(b"BT (Phu luc) Tj ET"), None)
    large.size = 2_500_000  # shown in MB with a decimal comma
    _db.session.commit()
    html = client.get(f"/documents/{SLUG}").get_data(as_text=True)
    href = f'href="/documents/{SLUG}/attachments/{small.id}"'
    assert href in html and "Báo cáo năm 2020.pdf</a>" in html
    assert f"(PDF, {-(-small.size // 1024)} KB," in html
    assert f'href="/documents/{SLUG}/attachments/{large.id}"' in html and "(PDF, 2,4 MB," in html
    download = client.get(f"/documents/{SLUG}/attachments/{small.id}")
    body = download.data
    download.close()
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert body.startswith(b"%PDF-")


def test_a_withdrawn_document_neither_lists_nor_serves_its_attachments(app, client, report):
    attachment = add_attachment(report, "bao-cao.pdf", make_pdf(), None)
    withdraw(report, None, "Thay bằng bản đính chính.")
    html = client.get(f"/documents/{SLUG}").get_data(as_text=True)
    assert f"/attachments/{attachment.id}" not in html
    assert client.get(f"/documents/{SLUG}/attachments/{attachment.id}").status_code == 404
