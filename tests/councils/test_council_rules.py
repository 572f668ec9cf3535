"""Rules of the portal of several councils: one rule says which council a record belongs to (for the
office's permissions and for placing a new record), a council's home names the year of its own figures,
and a database holding a single council keeps the short addresses without PORTAL_COUNCIL."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from portal import create_app
from portal.extensions import db
from portal.models import BudgetFigure, Organization, Session, Supervision, Term
from portal.services.office_scope import council_of
from tests.conftest import make_config
from tests.councils.conftest import CITY, MULTI, WARD, published


def test_a_new_record_belongs_to_the_council_of_what_it_is_attached_to(app, ward):
    council = db.session.get(Organization, ward["ward"])
    committee = published(Organization(), kind="committee", name="Ban mẫu (dữ liệu thử nghiệm)",
                          slug="ban-mau-thu-nghiem", parent=council)  # fmt: skip
    attached = published(Supervision(), body=committee, kind="thematic", subject="Giám sát mẫu", year=2025,
                         slug="giam-sat-mau-gan")  # fmt: skip
    # The office asks before the save (nothing has a key yet); the save places it by the same rule.
    assert council_of(attached) == ward["ward"]
    db.session.add_all([committee, attached])
    db.session.commit()
    assert committee.council_id == attached.council_id == council_of(attached) == ward["ward"]
    # A record given only the key of its body, as the office's form gives it, lands in the same council.
    by_key = published(Supervision(), body_id=committee.id, kind="regular", subject="Giám sát mẫu 2",
                       year=2025, slug="giam-sat-mau-khoa")  # fmt: skip
    db.session.add(by_key)
    db.session.commit()
    assert by_key.council_id == ward["ward"]


def test_a_council_home_names_the_year_of_its_own_figures(client, ward):
    assert "Số liệu chính năm 2020" in client.get(f"/{CITY}/").get_data(as_text=True)
    page = client.get(f"/{WARD}/").get_data(as_text=True)
    assert "Số liệu chính năm 2020" not in page and "chưa có số liệu chính" in page
    db.session.add(published(BudgetFigure(), council_id=ward["ward"], year=2025, period="11_months",
                             line="revenue", label="Thu ngân sách mẫu (dữ liệu thử nghiệm)",
                             amount_million_vnd=Decimal("1234.5"), slug="ngan-sach-mau-2025"))  # fmt: skip
    db.session.commit()
    page = client.get(f"/{WARD}/").get_data(as_text=True)
    assert "Số liệu chính năm 2025" in page and "Số liệu chính năm 2020" not in page


def test_a_database_with_one_council_keeps_the_short_addresses(tmp_path, template_dbs):
    db_file = tmp_path / "one.db"
    shutil.copy(template_dbs["empty"], db_file)
    app = create_app(make_config(tmp_path, db_file, **MULTI))  # no PORTAL_COUNCIL
    with app.app_context():
        council = published(Organization(), kind="council", slug="hdnd-xa-mot-thu-nghiem",
                            name="Hội đồng nhân dân xã Một (dữ liệu thử nghiệm)")  # fmt: skip
        term = Term(slug="khoa-mot", council=council, name="khóa mẫu", start_year=2021, end_year=2026)
        db.session.add(published(Session(), council=council, term=term, number=1, ordinal_name="thứ Nhất",
                                 name="Kỳ họp thứ Nhất (dữ liệu thử nghiệm)", kind="regular",
                                 start_date=date(2025, 8, 1), slug="ky-hop-mot"))  # fmt: skip
        db.session.commit()
        client = app.test_client()
        home = client.get("/").get_data(as_text=True)
        # `/` is that council's home, not the portal of councils, and its links stay short.
        assert "Hội đồng nhân dân xã Một (dữ liệu thử nghiệm)" in home and 'id="h-archive"' not in home
        assert 'href="/sessions"' in home and "hdnd-xa-mot-thu-nghiem/sessions" not in home
        listed = client.get("/sessions")
        assert listed.status_code == 200 and 'href="/sessions/ky-hop-mot"' in listed.get_data(as_text=True)
        assert client.get("/sessions/ky-hop-mot").status_code == 200
        assert db.session.scalar(select(Session.council_id)) == council.id
        db.session.remove()
        db.engine.dispose()
