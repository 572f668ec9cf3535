"""Voter meeting funnel and petition outcome charts (SPEC §6.3 and §6.4)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from portal.charts import TITLES
from portal.charts.base import (
    Chart,
    Column,
    Table,
    bar,
    layout,
    marker,
    series_columns,
    sources_of,
    wrap,
)
from portal.charts.plot import Day, Join, Lower, Msg, Panel, Pct, Plot, Series, Text, one_panel
from portal.charts.rows import OutcomeRow, RoundRow
from portal.charts.words import current, say
from portal.formatting import number
from portal.vocabulary import N_, translate

FUNNEL_STAGES = (
    ("voters_attending", N_("Cử tri dự")),
    ("voters_speaking", N_("Cử tri phát biểu")),
    ("items_raised", N_("Ý kiến, kiến nghị")),
    ("items_answered_on_site", N_("Giải đáp tại hội nghị")),
    ("items_aggregated", N_("Tổng hợp gửi đi")),
    ("to_city", N_("Chuyển thành phố")),
    ("to_province", N_("Chuyển tỉnh")),
)
OUTCOME_STATUSES = (
    ("resolved", N_("Đã giải quyết")),
    ("explained", N_("Đã giải trình, thông tin")),
    ("in_progress", N_("Đang giải quyết")),
    ("scheduled", N_("Sẽ giải quyết")),
    ("unresolved", N_("Chưa giải quyết")),
)


def _period(r: RoundRow) -> Text:
    if r.start_date and r.end_date and r.start_date != r.end_date:
        return Msg.of(N_("%(start)s – %(end)s"), start=Day(r.start_date), end=Day(r.end_date))
    if r.start_date:
        return Day(r.start_date)
    return N_("Báo cáo không nêu ngày")


def points_label(held: int | None, total: int | None, in_person: int | None) -> Text:
    """Meeting points as the report counts them: "8/8", or "4/8 trực tiếp, 4 hình thức khác"."""
    if held is None:
        return "—"
    if in_person is None:
        return Msg.of(N_("%(held)s/%(total)s"), held=held, total=total)
    return Msg.of(
        N_("%(in_person)s/%(total)s trực tiếp, %(other)s hình thức khác"),
        in_person=in_person,
        total=total,
        other=held - in_person,
    )


def _round_title(r: RoundRow) -> Msg:
    if r.relation == "before":
        return Msg.of(N_("Trước kỳ họp %(number)s"), number=str(r.session_number))
    return Msg.of(N_("Sau kỳ họp %(number)s"), number=str(r.session_number))


def _points(r: RoundRow) -> Text:
    return points_label(r.points_held, r.points_total, r.points_held_in_person)


def voter_funnel(rows: list[RoundRow]) -> Chart:
    """For each round: voters attending → speaking → items raised → aggregated → forwarded."""
    table = Table.of(
        N_("Kết quả các đợt tiếp xúc cử tri"),
        [
            Column("round", N_("Đợt tiếp xúc"), "text", read=attrgetter("name")),
            Column("period", N_("Thời gian"), "text", read=_period),
            Column("points", N_("Điểm tiếp xúc"), "text", read=_points),
        ]
        + series_columns(FUNNEL_STAGES),
        rows,
    )
    title = TITLES["voter_funnel"]
    stages = [translate(label) for _, label in FUNNEL_STAGES]
    figure = make_subplots(
        rows=max(1, len(rows)),
        cols=1,
        vertical_spacing=0.32 / max(1, len(rows)),
        subplot_titles=[say(_round_title(r)) for r in rows] or [""],
    )
    for i, row in enumerate(table.rows):
        trace = bar(row["round"], [row[k] for k, _ in FUNNEL_STAGES], stages, i, horizontal=True)
        figure.add_trace(trace, row=i + 1, col=1)
    figure.update_layout(
        layout(
            title,
            height=120 + 240 * len(rows),
            showlegend=False,
            margin=dict(l=8, r=40, t=40, b=8),
        )
    )
    figure.update_yaxes(autorange="reversed", automargin=True)
    # One scale for every round, so a longer bar means more in any panel (room on the right for the labels).
    largest = max((v for row in table.rows for k, _ in FUNNEL_STAGES if (v := row[k]) is not None), default=1)
    figure.update_xaxes(range=[0, largest * 1.18], tickformat=",d", gridcolor="#d5dae1", automargin=True)
    figure.update_annotations(x=0, xanchor="left", font=dict(size=13))
    # One scale for every round (panels of the same unit share it), so a longer bar means more in any panel.
    stages = tuple(label for _, label in FUNNEL_STAGES)
    plot = Plot(
        tuple(
            Panel(
                stages,
                (Series(row["round"], tuple(row[k] for k, _ in FUNNEL_STAGES)),),
                title=_round_title(r),
            )
            for r, row in zip(rows, table.rows, strict=True)
        ),
        legend=False,
    )
    return Chart("voter_funnel", title, _funnel_reading(rows), figure, table, sources_of(rows), plot=plot)


def _funnel_reading(rows: list[RoundRow]) -> Text:
    if not rows:
        return N_("Chưa có đợt tiếp xúc cử tri nào được đăng.")

    def total(key: str) -> int:
        return sum(getattr(r, key) or 0 for r in rows)

    return Msg.of(
        N_(
            "Qua %(rounds)s đợt tiếp xúc, %(voters)s lượt cử tri dự, nêu %(items)s ý kiến, kiến nghị; "
            "%(aggregated)s kiến nghị được tổng hợp gửi các cấp giải quyết."
        ),
        rounds=len(rows),
        voters=total("voters_attending"),
        items=total("items_raised"),
        aggregated=total("items_aggregated"),
    )


def resolution_rate(row: OutcomeRow) -> Decimal | None:
    """Share of the counted petitions resolved, in percent to one decimal (computed, not reported)."""
    if not row.total or row.resolved is None:
        return None
    return (Decimal(row.resolved) * 100 / row.total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _outcome_label(row: OutcomeRow) -> Text:
    if not row.reported_on:
        return row.label
    return Msg.of(N_("%(label)s (báo cáo ngày %(date)s)"), label=row.label, date=Day(row.reported_on))


def petition_outcomes(rows: list[OutcomeRow]) -> Chart:
    """Outcomes per round as reported (and as tallied from listed petitions), with resolution rate."""
    statuses = [(k, label) for k, label in OUTCOME_STATUSES if any(getattr(r, k) for r in rows)]
    table = Table.of(
        N_("Kết quả giải quyết kiến nghị cử tri theo đợt"),
        [
            Column("outcome", N_("Đợt, nguồn số liệu"), "text", read=_outcome_label),
            Column("rounds", N_("Các đợt tiếp xúc"), "text", read=lambda r: Join(tuple(r.rounds), "; ")),
        ]
        + series_columns(statuses)
        + [
            Column("total", N_("Tổng")),
            Column("rate", N_("Tỷ lệ đã giải quyết (%), tính từ số liệu"), "percent", read=resolution_rate),
            Column(
                "forwarded", N_("Kiến nghị các đợt chuyển thành phố"), read=attrgetter("forwarded_to_city")
            ),
        ],
        rows,
    )
    x = [wrap(r.label, 26) for r in rows]
    title = TITLES["petition_outcomes"]
    figure = go.Figure(
        layout=layout(
            title,
            barmode="stack",
            height=460,
            margin=dict(l=8, r=12, t=48, b=8),
            uniformtext=dict(minsize=11, mode="hide"),
        )
    )
    lang = current().lang
    for i, (key, label) in enumerate(statuses):
        values = [row[key] for row in table.rows]
        figure.add_bar(
            name=translate(label),
            x=x,
            y=values,
            text=[number(v, 0, lang) if v else "" for v in values],
            textposition="inside",
            insidetextanchor="middle",
            textfont=dict(color="#ffffff"),
            marker=marker(i),
            hovertemplate=f"%{{x}}<br>{translate(label)}: %{{y:,}}<extra></extra>",
        )
    for label, row in zip(x, table.rows, strict=True):
        figure.add_annotation(
            x=label,
            y=row["total"],
            text=say(_total_note(row)),
            showarrow=False,
            yanchor="bottom",
            yshift=4,
            font=dict(size=12),
        )
    return Chart(
        "petition_outcomes",
        title,
        _outcome_reading(rows),
        figure,
        table,
        sources_of(rows),
        notes=[
            N_(
                "Tỷ lệ đã giải quyết = số đã giải quyết ÷ tổng số kiến nghị được báo cáo; "
                "đây là giá trị tính toán, báo cáo không nêu."
            )
        ],
        plot=one_panel(
            [r.label for r in rows],
            table.rows,
            statuses,
            kind="stack",
            notes=tuple(_total_note(r) for r in table.rows),
        ),
    )


def _total_note(row: dict) -> Msg:
    if row["rate"] is None:
        return Msg.of(N_("Tổng %(total)s"), total=row["total"])
    return Msg.of(N_("Tổng %(total)s · %(rate)s đã giải quyết"), total=row["total"], rate=Pct(row["rate"]))


def _outcome_reading(rows: list[OutcomeRow]) -> Text:
    reported = [r for r in rows if r.origin == "reported" and r.total]
    if not reported:
        return N_("Chưa có báo cáo kết quả giải quyết kiến nghị cử tri.")
    r = reported[-1]
    outcome: Text = Msg.of(
        N_("%(resolved)s trong %(total)s kiến nghị (%(rate)s) đã giải quyết xong"),
        resolved=r.resolved or 0,
        total=r.total,
        rate=Pct(resolution_rate(r)),
    )
    if r.source:
        outcome = Msg.of(N_("Theo %(source)s, %(outcome)s"), source=r.source.label, outcome=outcome)
    rest = tuple(
        Msg.of(N_("%(count)s %(status)s"), count=getattr(r, k), status=Lower(label))
        for k, label in OUTCOME_STATUSES[1:]
        if getattr(r, k)
    )
    return Join((outcome, Join(rest, ", ")) if rest else (outcome,), "; ", ".")
