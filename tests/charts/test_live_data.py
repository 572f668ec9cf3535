"""No number is typed into a chart: a record saved through the service layer changes the figure."""

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from portal.models import BudgetFigure, Petition, Resolution, Session, VoterMeetingRound
from portal.services import chart_catalogue
from portal.services.publishing import save
from tests.charts.test_figures import series
from tests.support.charts import in_vietnamese


def built(name: str):
    return in_vietnamese(chart_catalogue.build(name))


def _session(db, number):
    return db.session.scalar(select(Session).where(Session.number == number))


def _resolution(db, status):
    session = _session(db, 14)
    return Resolution(
        slug=f"nq-14-{status}",
        council_id=session.council_id,
        session_id=session.id,
        title="Nghị quyết về dự toán ngân sách năm 2021",
        adopted_on=date(2020, 12, 18),
        status=status,
    )


def test_a_published_resolution_changes_the_sessions_chart(db):
    save(_resolution(db, "published"), None)
    chart = built("sessions")
    assert series(chart, "Có trang riêng trên cổng") == [0, 4, 0, 1]
    assert series(chart, "Nghị quyết thông qua") == [7, 4, 16, 1]


def test_a_draft_resolution_changes_nothing(db):
    save(_resolution(db, "draft"), None)
    assert series(built("sessions"), "Có trang riêng trên cổng") == [0, 4, 0, 0]


def test_a_published_petition_adds_its_round_to_the_outcome_chart(db):
    round_ = db.session.scalar(
        select(VoterMeetingRound)
        .where(VoterMeetingRound.relation == "before")
        .order_by(VoterMeetingRound.id.desc())
    )
    save(
        Petition(
            slug="kien-nghi-mau-1",
            round_id=round_.id,
            text="Đề nghị sửa đường",
            level="city",
            petition_status="resolved",
            status="published",
        ),
        None,
    )
    chart = built("petition_outcomes")
    assert series(chart, "Đã giải quyết") == [26, 1]
    assert chart.table.rows[1]["rounds"] == round_.name
    assert series(chart, "Đang giải quyết") == [17, 0]


def test_a_withdrawn_budget_figure_leaves_the_budget_charts(db):
    figure = db.session.scalar(
        select(BudgetFigure).where(
            BudgetFigure.line == "expenditure",
            BudgetFigure.period == "full_year_estimate",
        )
    )
    figure.status = "withdrawn"
    save(figure, None)
    assert series(built("budget_amounts"), "Ước cả năm") == [440000, None, None]
    assert "Không khớp" not in str(built("budget_bases").table.rows)


def test_a_new_budget_figure_is_checked_against_the_others(db):
    save(
        BudgetFigure(
            slug="ns-thu-noi-dia-uoc-2020",
            year=2020,
            period="full_year_estimate",
            line="revenue_domestic_excl_land_lottery",
            label="Thu nội địa ước cả năm (mẫu)",
            amount_million_vnd=Decimal("310000"),
            pct_of_province_estimate=Decimal("103"),
            is_sample=True,
            status="published",
        ),
        None,
    )
    chart = built("budget_bases")
    bases = [row["base"] for row in chart.table.rows]
    assert "Thu nội địa (không kể tiền sử dụng đất, xổ số) — dự toán tỉnh giao" in bases
    full_year = next(t for t in chart.figure.data if t.name == "Suy ra từ số ước cả năm")
    by_base = dict(zip(full_year.y, full_year.x, strict=True))
    assert by_base["Thu nội địa<br>(trừ tiền SDĐ, xổ số)<br>dự toán tỉnh"] == 300971
