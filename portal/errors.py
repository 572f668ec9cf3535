"""Error pages: JSON under /api, a fragment for htmx, a full Vietnamese page otherwise."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

MESSAGES = {
    400: ("Yêu cầu không hợp lệ", "Địa chỉ hoặc dữ liệu gửi lên không đúng định dạng."),
    403: ("Không có quyền truy cập", "Bạn không có quyền xem trang này."),
    404: ("Không tìm thấy trang", "Trang bạn tìm không tồn tại hoặc đã được chuyển đi."),
    405: ("Phương thức không được hỗ trợ", "Trang này không nhận kiểu yêu cầu đó."),
    413: ("Tệp quá lớn", "Tệp gửi lên vượt quá dung lượng cho phép."),
    429: ("Quá nhiều yêu cầu", "Bạn đã thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại."),
    500: ("Lỗi máy chủ", "Đã có lỗi xảy ra. Chúng tôi đã ghi nhận và sẽ khắc phục."),
}


def render_error(code: int, detail: str | None = None):
    title, message = MESSAGES.get(code, (f"Lỗi {code}", detail or ""))
    message = detail or message
    if request.path.startswith("/api/"):
        return jsonify(error={"code": code, "message": message}), code
    template = "errors/_error.html" if request.headers.get("HX-Request") else "errors/error.html"
    return render_template(template, code=code, title=title, message=message), code


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        detail = exc.description if getattr(exc, "portal_message", False) else None
        return render_error(exc.code or 500, detail)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("Unhandled error", exc_info=exc)
        return render_error(InternalServerError.code)
