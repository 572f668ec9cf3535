"""Error pages: JSON under /api, a fragment for htmx, a full Vietnamese page otherwise."""

from __future__ import annotations

from flask import Flask, jsonify, make_response, render_template, request
from flask.json.provider import DefaultJSONProvider
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

from portal.extensions import db

# Locked past the busy timeout, unreachable, out of pool connections: worth retrying shortly.
DATABASE_UNAVAILABLE = (OperationalError, PoolTimeout)
RETRY_AFTER_SECONDS = 30

MESSAGES = {
    400: ("Yêu cầu không hợp lệ", "Địa chỉ hoặc dữ liệu gửi lên không đúng định dạng."),
    403: ("Không có quyền truy cập", "Bạn không có quyền xem trang này."),
    404: ("Không tìm thấy trang", "Trang bạn tìm không tồn tại hoặc đã được chuyển đi."),
    405: ("Phương thức không được hỗ trợ", "Trang này không nhận kiểu yêu cầu đó."),
    413: ("Tệp quá lớn", "Tệp gửi lên vượt quá dung lượng cho phép."),
    429: ("Quá nhiều yêu cầu", "Bạn đã thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại."),
    500: ("Lỗi máy chủ", "Đã có lỗi xảy ra. Chúng tôi đã ghi nhận và sẽ khắc phục."),
    503: ("Hệ thống tạm thời bận", "Cơ sở dữ liệu đang bận hoặc tạm ngừng. Vui lòng thử lại sau ít phút."),
}
# The last resort when even the error page cannot be drawn (it may need the database for the user).
BARE_PAGE = (
    '<!doctype html><html lang="vi"><meta charset="utf-8"><title>{title}</title>'
    "<h1>{title}</h1><p>{message}</p></html>"
)


def render_error(code: int, detail: str | None = None):
    title, message = MESSAGES.get(code, (f"Lỗi {code}", detail or ""))
    message = detail or message
    if request.path.startswith("/api/"):
        return jsonify(error={"code": code, "message": message}), code
    template = "errors/_error.html" if request.headers.get("HX-Request") else "errors/error.html"
    return render_template(template, code=code, title=title, message=message), code


def _rolled_back_error(code: int):
    """Roll the request's session back (a failed flush leaves it unusable, and the error page may load
    the signed-in user), then draw the error page, or a bare one if that fails too."""
    db.session.rollback()
    try:
        return make_response(render_error(code))
    except Exception:  # noqa: BLE001 - the page itself needs what just failed
        db.session.rollback()
        title, message = MESSAGES[code]
        return make_response(BARE_PAGE.format(title=title, message=message), code)


def database_unavailable():
    """503 with Retry-After: the database is locked past its busy timeout or cannot be reached."""
    response = _rolled_back_error(503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


class PortalJSONProvider(DefaultJSONProvider):
    """JSON with <, > and & escaped as \\u003c, \\u003e, \\u0026: an error body echoing a query's
    "<script>" stays inert even if something renders it as HTML (defence in depth beside nosniff)."""

    _escapes = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})

    def dumps(self, obj, **kwargs) -> str:
        return super().dumps(obj, **kwargs).translate(self._escapes)


def register(app: Flask) -> None:
    app.json = PortalJSONProvider(app)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        original = getattr(exc, "original_exception", None)
        if isinstance(original, DATABASE_UNAVAILABLE):  # raised where no handler runs (after_request)
            app.logger.warning("Database unavailable: %s", original)
            return database_unavailable()
        if isinstance(exc, SecurityError):  # a Host outside TRUSTED_HOSTS: no URL can be built for it
            title, message = MESSAGES[400]
            return BARE_PAGE.format(title=title, message=message), 400
        detail = exc.description if getattr(exc, "portal_message", False) else None
        response = make_response(render_error(exc.code or 500, detail))
        for name, value in exc.get_headers():  # e.g. Allow on a 405 (RFC 9110 requires it)
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        if isinstance(exc, DATABASE_UNAVAILABLE):
            app.logger.warning("Database unavailable: %s", exc)
            return database_unavailable()
        app.logger.exception("Unhandled error", exc_info=exc)
        return _rolled_back_error(InternalServerError.code)
