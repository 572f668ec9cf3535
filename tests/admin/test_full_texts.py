"""Full texts keep the lines the clerk typed, in Markdown and in plain text, on the public pages and in
the office's preview."""

from __future__ import annotations

from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import Document, Resolution
from portal.templating import render_body

TEXT = "Điều 1. Thông qua kế hoạch.\nĐiều 2. Giao UBND thành phố tổ chức thực hiện.\n\nNghị quyết có hiệu lực <ngay>."


def test_plain_text_keeps_paragraphs_and_line_breaks_and_stays_escaped():
    html = str(render_body(TEXT, "plain"))
    assert html == (
        "<p>Điều 1. Thông qua kế hoạch.<br>\nĐiều 2. Giao UBND thành phố tổ chức thực hiện.</p>\n"
        "<p>Nghị quyết có hiệu lực &lt;ngay&gt;.</p>"
    )


def test_markdown_keeps_single_line_breaks():
    html = str(render_body(TEXT, "markdown"))
    assert "Điều 1. Thông qua kế hoạch.<br />\nĐiều 2." in html and html.count("<p>") == 2
    assert "<ngay>" not in html


def test_public_pages_show_the_lines_as_typed(app, client):
    resolution = _db.session.scalar(select(Resolution).where(Resolution.status == "published"))
    resolution.body_text = TEXT
    document = _db.session.scalar(select(Document).where(Document.status == "published"))
    document.body_text, document.body_format = TEXT, "plain"
    _db.session.commit()
    for url in (f"/resolutions/{resolution.slug}", f"/documents/{document.slug}"):
        html = client.get(url).get_data(as_text=True)
        assert "Thông qua kế hoạch.<br" in html, url
        assert "&lt;ngay&gt;" in html, url


def test_the_office_form_says_what_formatting_it_accepts_and_previews_it(editor_client):
    page = editor_client.get("/admin/documents/new").get_data(as_text=True)
    assert "Xuống dòng được giữ như khi gõ" in page and "không nhận mã HTML" in page
    assert "Xem trước" not in page  # nothing typed yet
    resp = editor_client.post(
        "/admin/documents/fields/body_text/validate",
        headers={"HX-Request": "true"},
        data={"body_text": "# Kết luận\nĐiều 1\nĐiều 2", "body_format": "markdown"},
    )
    body = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "Xem trước (như trên trang công khai)" in body
    assert "<h1>Kết luận</h1>" in body and "Điều 1<br />\nĐiều 2" in body
    plain = editor_client.post(
        "/admin/documents/fields/body_text/validate",
        headers={"HX-Request": "true"},
        data={"body_text": "# Kết luận\nĐiều 1", "body_format": "plain"},
    )
    assert "<p># Kết luận<br>\nĐiều 1</p>" in plain.get_data(as_text=True)
