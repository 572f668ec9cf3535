"""Bulk import of petitions, resolutions and budget figures (CSV or XLSX): upload, preview, commit.

The checked file waits between preview and commit under UPLOAD_DIR/imports, named by a random
token (never by the uploaded name) and tied to the clerk who uploaded it.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
from pathlib import Path
from typing import BinaryIO

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from portal.admin import bp
from portal.admin.access import can, requires
from portal.admin.forms import ImportCommitForm, ImportUploadForm
from portal.downloads import file_download
from portal.extensions import db
from portal.importers import bulk_import
from portal.models import VoterMeetingRound
from portal.services.publishing import ALREADY_DONE, PublishingError, run_once

KINDS = "<any('petitions', 'resolutions', 'budget'):kind>"
PENDING_NAME = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
OUT_OF_SCOPE_ROW = "thuộc HĐND mà bạn không được phân công"
RECORD_KIND = {"petitions": "petitions", "resolutions": "resolutions", "budget": "budget"}


def _check_scope(plan: bulk_import.Plan) -> None:
    """Refuse, row by row like any other error, rows of a council the clerk does not work for."""
    model, column = bulk_import.MODELS[plan.kind], "round" if plan.kind == "petitions" else "council"
    rounds = {}
    if plan.kind == "petitions":  # the councils of every round named, in one query
        wanted = {values.get("round_id") for values in plan.rows} - {None}
        rounds = dict(db.session.execute(select(VoterMeetingRound.id, VoterMeetingRound.council_id)
                                         .where(VoterMeetingRound.id.in_(wanted))).all())  # fmt: skip
    for values in plan.rows:
        record = model(**{k: v for k, v in values.items() if k != "row"})
        if plan.kind == "petitions" and record.council_id is None:
            record.council_id = rounds.get(values.get("round_id"))
        if not can("editor", record):
            plan.errors.append(bulk_import.RowError(values["row"], column, OUT_OF_SCOPE_ROW))


def _pending_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / "imports"


def _save_pending(kind: str, data: BinaryIO, filename: str) -> str:
    token = secrets.token_urlsafe(24)
    directory = _pending_dir()
    directory.mkdir(parents=True, exist_ok=True)
    data.seek(0)
    with (directory / f"{token}.data").open("wb") as out:
        shutil.copyfileobj(data, out)
    meta = {"kind": kind, "user": current_user.id, "filename": filename}
    (directory / f"{token}.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def _load_pending(kind: str, token: str) -> tuple[Path, str] | None:
    if not PENDING_NAME.match(token or ""):
        return None
    meta_path = _pending_dir() / f"{token}.json"
    if not meta_path.is_file():
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta["kind"] != kind or meta["user"] != current_user.id:
        return None
    return _pending_dir() / f"{token}.data", meta["filename"]


def _drop_pending(token: str) -> None:
    for suffix in (".data", ".json"):
        (_pending_dir() / f"{token}{suffix}").unlink(missing_ok=True)


def _index(status: int = 200, **ctx):
    ctx.setdefault("form", ImportUploadForm())
    return render_template(
        "admin/imports/index.html", columns=bulk_import.COLUMNS, labels=bulk_import.LABELS_VI, **ctx
    ), status


@bp.get("/imports")
@requires("editor")
def import_index():
    return _index()


@bp.get(f"/imports/{KINDS}/template.<any('csv', 'xlsx'):fmt>")
@requires("editor")
def import_template(kind: str, fmt: str):
    mimetype = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    )
    return file_download(bulk_import.template_bytes(kind, fmt), f"mau-nhap-{kind}.{fmt}", mimetype)


@bp.post(f"/imports/{KINDS}/preview")
@requires("editor")
def import_preview(kind: str):
    form = ImportUploadForm()
    upload = request.files.get("file")
    if not form.validate_on_submit() or upload is None or not upload.filename:
        return _index(422, form=form, kind=kind, file_error="Chưa chọn tệp CSV hoặc Excel.")
    # the upload's own file (werkzeug spools one past 500 KB to disk): read from there, not into memory
    data, filename = upload.stream, Path(upload.filename.replace("\\", "/")).name[:200]
    try:
        plan = bulk_import.plan_import(kind, data, filename)
    except bulk_import.ImportFileError as exc:
        return _index(422, form=form, kind=kind, file_error=str(exc))
    _check_scope(plan)
    if not plan.ok:
        return _index(422, form=form, kind=kind, plan=plan, filename=filename)
    commit_form = ImportCommitForm(formdata=None, pending=_save_pending(kind, data, filename))
    return render_template(
        "admin/imports/preview.html",
        kind=kind,
        plan=plan,
        filename=filename,
        columns=bulk_import.COLUMNS[kind],
        form=commit_form,
        labels=bulk_import.LABELS_VI,
    )


@bp.post(f"/imports/{KINDS}/commit")
@requires("editor")
def import_commit(kind: str):
    form = ImportCommitForm()
    pending = _load_pending(kind, form.pending.data) if form.validate_on_submit() else None
    if pending is None:
        return _index(422, kind=kind, file_error="Không tìm thấy tệp đã kiểm tra; hãy tải tệp lên lại.")
    path, filename = pending
    try:
        with path.open("rb") as data:
            plan = bulk_import.plan_import(
                kind, data, filename
            )  # the portal may have changed since the preview
    except FileNotFoundError:  # a second click's commit has just finished and dropped the file
        return _index(422, kind=kind, file_error="Không tìm thấy tệp đã kiểm tra; hãy tải tệp lên lại.")
    _check_scope(plan)
    if not plan.ok:
        return _index(422, kind=kind, plan=plan, filename=filename)
    try:
        result = run_once(
            form.idempotency_token.data,
            current_user,
            "import",
            f"import:{kind}",
            lambda: bulk_import.commit_import(plan, filename, current_user, request.remote_addr),
        )
    except PublishingError as exc:
        return _index(422, kind=kind, file_error=str(exc))
    _drop_pending(form.pending.data)
    if result is ALREADY_DONE:
        flash("Tệp này đã được nhập; không nhập lại lần nữa.", "info")
    else:
        flash(f"Đã nhập {result.created} {bulk_import.LABELS_VI[kind]} dưới dạng bản nháp.", "success")
    return redirect(url_for("admin.record_list", kind=RECORD_KIND[kind], status="draft"))
