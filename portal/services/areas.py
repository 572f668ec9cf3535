"""Other names of wards and communes (Popolo `other_names`): what a place was called before or after
a reorganisation, with the dates, so its records are found and shown under both names."""

from __future__ import annotations

import unicodedata
from datetime import date

from portal.extensions import db
from portal.models import Area, AreaOtherName, Document, User
from portal.services.office_scope import council_of
from portal.services.publishing import PublishingError, audit


def add_other_name(
    area: Area,
    name: str,
    start_date: date | None,
    end_date: date | None,
    actor: User | None,
    note: str | None = None,
    source_document: Document | None = None,
    ip: str | None = None,
) -> AreaOtherName:
    """Record another name of the area with its dates; the area's records are re-indexed under it."""
    name = unicodedata.normalize("NFC", (name or "").strip())
    if not name:
        raise PublishingError("Vui lòng nhập tên khác của phường, xã.")
    if len(name) > 200:
        raise PublishingError("Tên quá dài (tối đa 200 ký tự).")
    if start_date and end_date and end_date < start_date:
        raise PublishingError("Ngày kết thúc không được trước ngày bắt đầu.")
    if name.casefold() in (n.casefold() for n in area.all_names):
        raise PublishingError(f"Phường, xã này đã có tên “{name}”.")
    other = AreaOtherName(
        name=name,
        start_date=start_date,
        end_date=end_date,
        note=(note or "").strip() or None,
        source_document=source_document,
    )
    area.other_names.append(other)  # the area's change re-queues the search documents naming it
    detail = {
        "name": name,
        "start": start_date and start_date.isoformat(),
        "end": end_date and end_date.isoformat(),
    }
    audit("area_name_add", actor, f"area:{area.slug}", detail, ip, council_of(area))
    db.session.commit()
    return other
