"""The starter data states the city council's end as an editorial note citing public reports that the
office can verify (the 2020 report cannot say it), and names no successor the sources do not name."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.models import Organization


def test_the_city_councils_end_cites_the_public_reports_not_the_2020_report(app):
    city = db.session.scalar(
        select(Organization).where(Organization.name == "Hội đồng nhân dân thành phố Lạng Sơn")
    )
    assert city.dissolved_on == date(2025, 7, 1)
    note = city.dissolution_note
    assert note.startswith("Ghi chú biên tập (báo cáo năm 2020 không nêu)")
    assert "vietnamnews.vn, bài 1720781" in note and "Nghị quyết 1672/NQ-UBTVQH15 năm 2025" in note
    assert city.source_section == "Phần I (HĐND thành phố); ngày kết thúc hoạt động: ghi chú biên tập"
    assert city.successors == []  # no source names one: the office enters it
