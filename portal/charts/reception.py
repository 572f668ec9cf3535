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
from portal.charts.plot import Msg, Panel, Plot, Series, one_panel
from portal.charts.rows import LetterRow, ReceptionRow
from portal.formatting import number, percent, smart_number
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
            name = f"{label} — {r.body}" if many else label
            table_rows.append(
                {
                    "measure": name,
                    "key": key,
                    "body": r.body,
                    **{str(y): values.get(y, {}).get(key) for y in years},
                }
            )
    table = Table(
        caption="Đơn thư: năm báo cáo so với năm trước",
        columns=[Column("measure", "Chỉ tiêu", "text")] + [Column(str(y), f"Năm {y}") for y in years],
        rows=table_rows,
    )
    title = TITLES["letters"]
    # One panel above the other: side by side, a 375-px phone has no room for the category labels.
    figure = make_subplots(
        rows=2,
        cols=1,
        row_heights=[0.6, 0.4],
        vertical_spacing=0.2,
        subplot_titles=["Số đơn", "Tỷ lệ giải quyết"],
    )
    for i, y in enumerate(years):
        counts = [row for row in table_rows if row["key"] != "rate"]
        rates = [row for row in table_rows if row["key"] == "rate"]
        figure.add_trace(
            bar(
                f"Năm {y}",
                [wrap(row["measure"], 14) for row in counts],
                [row[str(y)] for row in counts],
                i,
            ),
            row=1,
            col=1,
        )
        figure.add_trace(
            bar(
                f"Năm {y}",
                [wrap(row["measure"].replace(" (%)", ""), 14) for row in rates],
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
        series = tuple(
            Series(Msg.of(N_("Năm %(year)s"), year=str(y)), tuple(as_number(r[str(y)]) for r in chosen))
            for y in years
        )
        panels.append(Panel(tuple(category(r) for r in chosen), series, unit=unit, title=title))
    return Plot(tuple(panels))


def _change(word_up: str, word_down: str, diff: Decimal | int, unit: str) -> str:
    word = word_up if diff > 0 else word_down
    return f"{word} {smart_number(abs(diff))}{unit}"


def _letters_reading(history: list[LetterRow]) -> str:
    if not history:
        return "Chưa có số liệu đơn thư để so sánh với năm trước."
    r = history[-1]
    parts = []
    if r.reported_rate_pct is not None and r.previous_year_rate_pct is not None:
        diff = Decimal(r.reported_rate_pct) - Decimal(r.previous_year_rate_pct)
        change = "không đổi" if diff == 0 else _change("tăng", "giảm", diff.normalize(), " điểm phần trăm")
        parts.append(
            f"Tỷ lệ giải quyết đơn thư năm {r.year} {change} so với {r.year - 1} "
            f"({percent(r.reported_rate_pct)} so với {percent(r.previous_year_rate_pct)})"
        )
    if r.received is not None and r.previous_year_received is not None:
        diff = r.received - r.previous_year_received
        change = "không đổi" if diff == 0 else _change("tăng", "giảm", diff, " đơn")
        parts.append(
            f"số đơn tiếp nhận {change} ({number(r.received)} so với {number(r.previous_year_received)})"
        )
    return "; ".join(parts) + "."


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
        "Tiếp công dân",
        [Column("label", "Hình thức tiếp công dân", "text"), YEAR]
        + series_columns(RECEPTION_SERIES)
        + [Column("sessions_planned", "Buổi tiếp theo kế hoạch")],
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


def _reception_reading(rows: list[ReceptionRow]) -> str:
    with_items = [r for r in rows if r.items]
    if not rows:
        return "Chưa có số liệu tiếp công dân."
    if not with_items:
        return f"{rows[0].label}: {number(rows[0].citizens)} lượt công dân."
    r = max(with_items, key=lambda row: row.items)
    return (
        f"{r.label}: {number(r.citizens)} lượt công dân với {number(r.items)} nội dung, "
        f"{number(r.answered_directly)} được trả lời trực tiếp, {number(r.forwarded)} chuyển "
        "cơ quan có thẩm quyền giải quyết."
    )
