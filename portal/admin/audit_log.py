"""The audit log page: logins, failed logins, publishing, uploads, imports, user changes."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_babel import gettext
from sqlalchemy import distinct, select

from portal import vocabulary as vocab
from portal.admin import bp
from portal.admin.access import audit_scope, requires
from portal.extensions import db
from portal.models import AuditEvent
from portal.services.listing import FilterError, paginate, parse_page


@bp.get("/audit")
@requires("publisher")
def audit_log():
    actor = request.args.get("actor", "").strip()[:254]
    action = request.args.get("action", "").strip()[:40]
    q = select(AuditEvent).where(audit_scope()).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if actor:
        q = q.where(AuditEvent.actor_label == actor)
    if action:
        q = q.where(AuditEvent.action == action)
    try:
        page = paginate(q, parse_page(request.args.get("page")), 50)
    except FilterError as exc:
        abort(400, exc.translated(gettext))
    actors = db.session.scalars(
        select(distinct(AuditEvent.actor_label))
        .where(AuditEvent.actor_label.is_not(None), audit_scope())
        .order_by(AuditEvent.actor_label)
    ).all()
    return render_template(
        "admin/audit.html", page=page, actor=actor, action=action, actors=actors, actions=vocab.ACTION_LABELS
    )
