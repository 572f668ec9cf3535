"""Citizen reception and letter handling charts, year against year (SPEC §6.5)."""

from __future__ import annotations

from decimal import Decimal

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from portal.charts import TITLES
from portal.charts.base import (
    YEAR,
    Chart,
    Column,
    Table,
    across,
    as_number,
    bar,
    layout,
    series_columns,
    sources_of,
    wrap,
)
from portal.charts.plot import Join, Msg, Panel, Pct, Plot, Series, Text, one_panel
from portal.charts.rows import LetterRow, ReceptionRow
from portal.charts.words import say
from portal.vocabulary import N_

LETTER_MEASURES = (
    ("received", N_("Đơn tiếp nhận")),
    ("resolved", N_("Đã giải quyết")),
    ("rate", N_("Tỷ lệ giải quyết (%)")),
)
LETTER_PLOT_MEASURES = {
    "received": N_("Đơn tiếp nhận"),
    "resolved": N_("Đã giải quyết"),
    "rate": N_("Đã giải quyết / tiếp nhận"),
}


def _with_history(rows: list[LetterRow]) -> list[LetterRow]:
    return [r for r in rows if r.previous_year_received is not None or r.previous_year_rate_pct is not None]


def _year_values(r: LetterRow) -> dict[int, dict]:
    return {
        r.year - 1: {
            "received": r.previous_year_received,
            "resolved": None,
            "rate": r.previous_year_rate_pct,
        },
        r.year: {
            "received": r.received,
            "resolved": r.resolved,
            "rate": r.reported_rate_pct,
        },
    }


def letters(rows: list[LetterRow]) -> Chart:
    """Letters received and resolved and the resolution rate, against the previous year."""
    history = _with_history(rows)
    many = len({r.body for r in history}) > 1
    years = sorted({y for r in history for y in _year_values(r)})
    table_rows = []
    for r in history:
        values = _year_values(r)
        for key, label in LETTER_MEASURES:
            name = Msg.of(N_("%(measure)s — %(body)s"), measure=label, body=r.body) if many else label
            table_rows.append(
                {
                    "measure": name,
                    "key": key,
                    "body": r.body,
                    **{str(y): values.get(y, {}).get(key) for y in years},
                }
            )
    table = Table(
        caption=N_("Đơn thư: năm báo cáo so với năm trước"),
        columns=[Column("measure", N_("Chỉ tiêu"), "text")] + [Column(str(y), _year(y)) for y in years],
        rows=table_rows,
    )
    title = TITLES["letters"]
    # One panel above the other: side by side, a 375-px phone has no room for the category labels.
    figure = make_subplots(
        rows=2,
        cols=1,
        row_heights=[0.6, 0.4],
        vertical_spacing=0.2,
        subplot_titles=[say(N_("Số đơn")), say(N_("Tỷ lệ giải quyết"))],
    )
    for i, y in enumerate(years):
        counts = [row for row in table_rows if row["key"] != "rate"]
        rates = [row for row in table_rows if row["key"] == "rate"]
        figure.add_trace(
            bar(
                _year(y),
                [wrap(row["measure"], 14) for row in counts],
                [row[str(y)] for row in counts],
                i,
            ),
            row=1,
            col=1,
        )
        figure.add_trace(
            bar(
                _year(y),
                [wrap(say(row["measure"]).replace(" (%)", ""), 14) for row in rates],
                [as_number(row[str(y)]) for row in rates],
                i,
                percent=True,
                showlegend=False,
            ),
            row=2,
            col=1,
        )
    figure.update_layout(layout(title, barmode="group", height=620, margin=dict(l=8, r=12, t=48, b=8)))
    figure.update_yaxes(automargin=True, gridcolor="#d5dae1", rangemode="tozero")
    # Headroom above the tallest bar, so its outside label stays clear of the panel's title.
    tallest = max((row[str(y)] or 0 for row in table_rows if row["key"] != "rate" for y in years), default=0)
    figure.update_yaxes(tickformat=",d", range=[0, tallest * 1.25 or 1], row=1, col=1)
    figure.update_yaxes(ticksuffix="%", range=[0, 125], row=2, col=1)
    figure.update_annotations(font=dict(size=13))
    plot = _letters_plot(table_rows, years, many)
    return Chart("letters", title, _letters_reading(history), figure, table, sources_of(history), plot=plot)


def _year(year: int) -> Msg:
    return Msg.of(N_("Năm %(year)s"), year=str(year))


def _letters_plot(table_rows: list[dict], years: list[int], many: bool) -> Plot:
    """Two panels, counts and rates, each with a bar per year (a year's series in both)."""

    def category(row: dict):
        measure = LETTER_PLOT_MEASURES[row["key"]]
        return Msg.of(N_("%(measure)s — %(body)s"), measure=measure, body=row["body"]) if many else measure

    panels = []
    for title, unit, chosen in (
        (N_("Số đơn"), "count", [r for r in table_rows if r["key"] != "rate"]),
        (N_("Tỷ lệ giải quyết"), "percent", [r for r in table_rows if r["key"] == "rate"]),
    ):
        series = tuple(Series(_year(y), tuple(as_number(r[str(y)]) for r in chosen)) for y in years)
        panels.append(Panel(tuple(category(r) for r in chosen), series, unit=unit, title=title))
    return Plot(tuple(panels))


def _change(up: str, down: str, diff: Decimal | int) -> Text:
    if diff == 0:
        return N_("không đổi")
    return Msg.of(up if diff > 0 else down, amount=abs(diff))


def _letters_reading(history: list[LetterRow]) -> Text:
    if not history:
        return N_("Chưa có số liệu đơn thư để so sánh với năm trước.")
    r = history[-1]
    parts: list[Text] = []
    if r.reported_rate_pct is not None and r.previous_year_rate_pct is not None:
        diff = (Decimal(r.reported_rate_pct) - Decimal(r.previous_year_rate_pct)).normalize()
        parts.append(
            Msg.of(
                N_(
                    "Tỷ lệ giải quyết đơn thư năm %(year)s %(change)s so với %(previous_year)s "
                    "(%(rate)s so với %(previous_rate)s)"
                ),
                year=str(r.year),
                previous_year=str(r.year - 1),
                change=_change(
                    N_("tăng %(amount)s điểm phần trăm"), N_("giảm %(amount)s điểm phần trăm"), diff
                ),
                rate=Pct(r.reported_rate_pct),
                previous_rate=Pct(r.previous_year_rate_pct),
            )
        )
    if r.received is not None and r.previous_year_received is not None:
        diff = r.received - r.previous_year_received
        parts.append(
            Msg.of(
                N_("số đơn tiếp nhận %(change)s (%(received)s so với %(previous)s)"),
                change=_change(N_("tăng %(amount)s đơn"), N_("giảm %(amount)s đơn"), diff),
                received=r.received,
                previous=r.previous_year_received,
            )
        )
    return Join(tuple(parts), "; ", ".")


RECEPTION_SERIES = (
    ("citizens", N_("Lượt công dân")),
    ("items", N_("Nội dung, vụ việc")),
    ("answered_directly", N_("Trả lời trực tiếp")),
    ("forwarded", N_("Chuyển giải quyết")),
    ("sessions_held", N_("Buổi tiếp")),
)


def reception(rows: list[ReceptionRow]) -> Chart:
    """Citizens received, items raised and how they were handled, per kind of reception."""
    table = Table.of(
        N_("Tiếp công dân"),
        [Column("label", N_("Hình thức tiếp công dân"), "text"), YEAR]
        + series_columns(RECEPTION_SERIES)
        + [Column("sessions_planned", N_("Buổi tiếp theo kế hoạch"))],
        rows,
    )
    y = [wrap(r.label, 26) for r in rows]
    series = [(k, label) for k, label in RECEPTION_SERIES if any(row[k] is not None for row in table.rows)]
    title = TITLES["reception"]
    figure = go.Figure(
        layout=across(title, 160 + 150 * len(rows), barmode="group", margin=dict(l=8, r=36, t=28, b=8)),
        data=[
            bar(label, [row[k] for row in table.rows], y, i, horizontal=True)
            for i, (k, label) in enumerate(series)
        ],
    )
    plot = one_panel([r.label for r in rows], table.rows, series)
    return Chart("reception", title, _reception_reading(rows), figure, table, sources_of(rows), plot=plot)


def _reception_reading(rows: list[ReceptionRow]) -> Text:
    with_items = [r for r in rows if r.items]
    if not rows:
        return N_("Chưa có số liệu tiếp công dân.")
    if not with_items:
        return Msg.of(
            N_("%(kind)s: %(citizens)s lượt công dân."), kind=rows[0].label, citizens=rows[0].citizens
        )
    r = max(with_items, key=lambda row: row.items)
    return Msg.of(
        N_(
            "%(kind)s: %(citizens)s lượt công dân với %(items)s nội dung, %(answered)s được trả lời trực tiếp, "
            "%(forwarded)s chuyển cơ quan có thẩm quyền giải quyết."
        ),
        kind=r.label,
        citizens=r.citizens,
        items=r.items,
        answered=r.answered_directly,
        forwarded=r.forwarded,
    )
