"""Bulk import: every bad row named, nothing imported until all rows are good, all-or-nothing commit."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.models import AuditEvent, BudgetFigure, ImportRun, Petition, Resolution
from tests.admin.support import idempotency_from

ROUND = "tiep-xuc-cu-tri-sau-ky-hop-thu-muoi-mot"


def count(model, *where) -> int:
    _db.session.expire_all()
    return _db.session.scalar(select(func.count()).select_from(model).where(*where))


def csv_bytes(*lines: str) -> bytes:
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def preview(client, kind: str, data: bytes, name: str = "kien-nghi.csv"):
    return client.post(
        f"/admin/imports/{kind}/preview",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def commit(client, kind: str, preview_html: str):
    pending = preview_html.split('name="pending" type="hidden" value="')[1].split('"')[0]
    return client.post(
        f"/admin/imports/{kind}/commit",
        data={"pending": pending, "idempotency_token": idempotency_from(preview_html)},
    )


GOOD_PETITIONS = csv_bytes(
    "round,area,text,level,agency,status,due_by",
    f"{ROUND},Đông Kinh,Đề nghị lắp đèn chiếu sáng ngõ 12,Thành phố,UBND thành phố,Đang giải quyết,30/6/2021",
    f"{ROUND},mai pha,Đề nghị nạo vét kênh mương thủy lợi,city,,resolved,",
)


def test_one_bad_row_imports_nothing_and_names_the_row(editor_client):
    data = csv_bytes(
        "round,area,text,level,agency,status,due_by",
        f"{ROUND},Đông Kinh,Kiến nghị hợp lệ thứ nhất,city,,in_progress,",
        f"{ROUND},Đông Kinh,Kiến nghị có tình trạng sai,city,,xong rồi,",
        f"{ROUND},Đông Kinh,Kiến nghị hợp lệ thứ ba,city,,in_progress,31/02/2021",
    )
    resp = preview(editor_client, "petitions", data)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422
    assert "chưa nhập dòng nào" in html
    assert "Dòng 3" in html and "status" in html and "phải là một trong" in html
    assert "Dòng 4" in html and "due_by" in html and "ngày không hợp lệ" in html
    assert "Dòng 2" not in html
    assert count(Petition) == 0 and count(ImportRun) == 0


def test_missing_required_cell_and_unknown_round_are_reported(editor_client):
    data = csv_bytes("round,text,level,status", "đợt không có,,city,resolved")
    html = preview(editor_client, "petitions", data).get_data(as_text=True)
    assert "không tìm thấy đợt tiếp xúc" in html and "bắt buộc, không được để trống" in html


def test_good_csv_previews_then_imports_all_rows_as_drafts(app, editor_client):
    resp = preview(editor_client, "petitions", GOOD_PETITIONS)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "hợp lệ: 2" in html
    assert count(Petition) == 0  # the preview writes nothing
    done = commit(editor_client, "petitions", html)
    assert done.status_code == 302 and done.headers["Location"].endswith("/admin/petitions/?status=draft")
    petitions = _db.session.scalars(select(Petition).order_by(Petition.id)).all()
    assert [p.status for p in petitions] == ["draft", "draft"]
    assert petitions[0].petition_status == "in_progress" and petitions[0].area.name == "Đông Kinh"
    assert petitions[0].responsible_agency.short_name == "UBND thành phố"
    assert petitions[0].due_by.isoformat() == "2021-06-30" and petitions[1].petition_status == "resolved"
    run = _db.session.scalar(select(ImportRun))
    assert run.kind == "petitions" and run.created == 2 and run.source_name == "kien-nghi.csv"
    event = _db.session.scalar(select(AuditEvent).where(AuditEvent.action == "import"))
    assert event.detail["rows"] == 2
    # the same commit form sent again imports nothing more
    assert commit(editor_client, "petitions", html).status_code in (302, 422)
    assert count(Petition) == 2


def test_xlsx_resolutions_with_a_duplicate_number_are_refused(editor_client):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["number", "title", "adopted_on", "session", "topic", "validity"])
    sheet.append(
        [
            "21/NQ-HĐND",
            "Về kế hoạch đầu tư công",
            "15/12/2020",
            "ky-hop-thu-muoi-bon-khoa-xx",
            "Đầu tư",
            "in_force",
        ]
    )
    sheet.append(["21/NQ-HĐND", "Về dự toán ngân sách", "15/12/2020", "ky-hop-thu-muoi-bon-khoa-xx", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    html = preview(editor_client, "resolutions", buffer.getvalue(), "nq.xlsx").get_data(as_text=True)
    assert "Dòng 3" in html and "số nghị quyết này đã có ở dòng 2" in html
    assert count(Resolution, Resolution.number == "21/NQ-HĐND") == 0


def test_budget_numbers_in_vietnamese_style(editor_client):
    data = csv_bytes(
        "year,period,line,label,amount_million_vnd,pct_of_province_estimate",
        '2021,11 tháng,revenue,Tổng thu thử nghiệm,"390.463","93,2"',
    )
    html = preview(editor_client, "budget", data, "ns.csv").get_data(as_text=True)
    assert commit(editor_client, "budget", html).status_code == 302
    figure = _db.session.scalar(select(BudgetFigure).where(BudgetFigure.label == "Tổng thu thử nghiệm"))
    assert figure.amount_million_vnd == 390463 and str(figure.pct_of_province_estimate) == "93.20"
    assert figure.status == "draft" and figure.council_id is not None


def test_templates_download_with_the_right_columns(editor_client):
    csv_resp = editor_client.get("/admin/imports/petitions/template.csv")
    assert csv_resp.data.decode("utf-8-sig").startswith("round,area,text,level")
    xlsx = editor_client.get("/admin/imports/budget/template.xlsx")
    book = load_workbook(io.BytesIO(xlsx.data))
    assert [c.value for c in book["Dữ liệu"][1]][:3] == ["year", "period", "line"]
    assert "Hướng dẫn" in book.sheetnames


def test_not_utf8_csv_gets_a_clear_message(editor_client):
    resp = preview(editor_client, "petitions", "round,text\nđợt,chữ".encode("utf-16"))
    assert resp.status_code == 422 and "UTF-8" in resp.get_data(as_text=True)


def test_commit_with_someone_elses_or_forged_pending_token_is_refused(editor_client):
    resp = editor_client.post(
        "/admin/imports/petitions/commit", data={"pending": "../../etc/passwd", "idempotency_token": "z" * 30}
    )
    assert resp.status_code == 422 and count(Petition) == 0
