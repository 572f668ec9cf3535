"""Budget performance charts (SPEC §6.3): amounts, percentages of each base, and derived bases."""

from __future__ import annotations

import plotly.graph_objects as go

from portal.charts import TITLES
from portal.charts.base import YEAR, Chart, Column, Table, across, as_number, bar, point_marker, sources_of
from portal.charts.plot import Msg, Panel, Plot, Series
from portal.charts.rows import BaseCheck, BudgetRow
from portal.formatting import number, percent
from portal.vocabulary import N_, VOCABULARY

LINES = {
    "revenue": N_("Thu ngân sách nhà nước"),
    "revenue_domestic_excl_land_lottery": N_("Thu nội địa (không kể tiền sử dụng đất, xổ số)"),
    "expenditure": N_("Chi ngân sách thành phố"),
}
SHORT_LINES = {
    "revenue": "Thu NSNN",
    "revenue_domestic_excl_land_lottery": "Thu nội địa<br>(trừ tiền SDĐ, xổ số)",
    "expenditure": "Chi ngân sách",
}
# The lines' names on the server-drawn charts (one line of text each, in the page's language).
PLOT_LINES = {
    "revenue": N_("Thu NSNN"),
    "revenue_domestic_excl_land_lottery": N_("Thu nội địa (trừ tiền SDĐ, xổ số)"),
    "expenditure": N_("Chi ngân sách"),
}
PERIODS = VOCABULARY["budget_period"]
DERIVED_FROM = {
    "11_months": N_("Tính ngược từ số 11 tháng"),
    "full_year_estimate": N_("Tính ngược từ số ước cả năm"),
}
BASIS_LABELS = {
    "province_estimate": N_("Dự toán tỉnh giao"),
    "council_estimate": N_("Dự toán thành phố (HĐND) giao"),
    "same_period_last_year": N_("Cùng kỳ năm trước"),
}
SHORT_BASES = {
    "province_estimate": N_("dự toán tỉnh"),
    "council_estimate": N_("dự toán thành phố"),
    "same_period_last_year": N_("cùng kỳ"),
}
DERIVED_NOTE = "Dự toán tính ngược = số thực hiện ÷ tỷ lệ đạt; do cổng tính (≈), báo cáo không nêu trực tiếp."


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _figure_name(r: BudgetRow) -> str:
    return f"{SHORT_LINES.get(r.line, r.line)}<br>{PERIODS.get(r.period, r.period).lower()}"


def budget_amounts(rows: list[BudgetRow]) -> Chart:
    """Amounts collected and spent: 11-month actual and full-year estimate, per line."""
    table = Table.of(
        "Số thực hiện ngân sách (triệu đồng)",
        [
            Column("label", "Chỉ tiêu", "text"),
            YEAR,
            Column("period", "Kỳ", "text", read=lambda r: PERIODS.get(r.period, r.period)),
            Column("amount", "Số tiền (triệu đồng)"),
        ],
        rows,
    )
    lines = list(dict.fromkeys(r.line for r in rows))
    y = [SHORT_LINES.get(line, line) for line in lines]
    data = []
    for i, (period, period_label) in enumerate(PERIODS.items()):
        by_line = {r.line: as_number(r.amount) for r in rows if r.period == period}
        if by_line:
            data.append(
                bar(
                    period_label,
                    [by_line.get(line) for line in lines],
                    y,
                    i,
                    horizontal=True,
                )
            )
    title = TITLES["budget_amounts"]
    figure = go.Figure(
        layout=across(
            title, 180 + 90 * len(lines), dict(nticks=5), barmode="group", margin=dict(l=8, r=64, t=28, b=8)
        ),
        data=data,
    )
    plot = Plot(
        (
            Panel(
                tuple(PLOT_LINES.get(line, line) for line in lines),
                tuple(
                    Series(label, tuple(_amount(rows, line, period) for line in lines))
                    for period, label in PERIODS.items()
                    if any(r.period == period for r in rows)
                ),
            ),
        )
    )
    return Chart("budget_amounts", title, _amounts_reading(rows), figure, table, sources_of(rows), plot=plot)


def _amount(rows: list[BudgetRow], line: str, period: str):
    return next((as_number(r.amount) for r in rows if r.line == line and r.period == period), None)


def _plot_line(r: BudgetRow) -> Msg:
    return Msg.of(
        N_("%(line)s — %(period)s"),
        line=PLOT_LINES.get(r.line, r.line),
        period=PERIODS.get(r.period, r.period),
    )


def _amounts_reading(rows: list[BudgetRow]) -> str:
    parts = []
    for line in ("revenue", "expenditure"):
        by_period = {r.period: r.amount for r in rows if r.line == line}
        if by_period:
            text = ", ".join(
                f"{PERIODS[p].lower()} {number(by_period[p])}" for p in PERIODS if p in by_period
            )
            parts.append(f"{LINES[line]}: {text} triệu đồng")
    if not parts:
        return "Chưa có số liệu ngân sách."
    return "; ".join(parts[:1] + [lower_first(p) for p in parts[1:]]) + "."


def budget_percentages(rows: list[BudgetRow]) -> Chart:
    """Each figure as a percentage of the province's estimate, the council's, and last year."""
    bases = [b for b in BASIS_LABELS if any(r.pct.get(b) is not None for r in rows)]
    table = Table(
        caption="Tỷ lệ thực hiện so với dự toán và cùng kỳ (%), như báo cáo nêu",
        columns=[Column("figure", "Chỉ tiêu", "text")]
        + [Column(b, f"{BASIS_LABELS[b]} (%)", "percent") for b in bases],
        rows=[{"figure": f"{r.label}", **{b: r.pct.get(b) for b in bases}} for r in rows],
    )
    y = [_figure_name(r) for r in rows]
    title = TITLES["budget_percentages"]
    figure = go.Figure(
        layout=across(
            title,
            160 + 110 * len(rows),
            dict(tickformat=None, ticksuffix="%", rangemode="tozero"),
            barmode="group",
            margin=dict(l=8, r=56, t=28, b=8),
        ),
        data=[
            bar(
                BASIS_LABELS[b],
                [as_number(r.pct.get(b)) for r in rows],
                y,
                i,
                horizontal=True,
                percent=True,
            )
            for i, b in enumerate(bases)
        ],
    )
    figure.add_vline(
        x=100,
        line=dict(color="#1b1f24", dash="dash", width=1),
        annotation_text="100%",
        annotation_position="top",
    )
    plot = Plot(
        (
            Panel(
                tuple(_plot_line(r) for r in rows),
                tuple(Series(BASIS_LABELS[b], tuple(r.pct.get(b) for r in rows)) for b in bases),
                unit="percent",
                reference=100,
            ),
        )
    )
    return Chart(
        "budget_percentages",
        title,
        _percentages_reading(rows),
        figure,
        table,
        sources_of(rows),
        plot=plot,
    )


def _percentages_reading(rows: list[BudgetRow]) -> str:
    parts = []
    for r in rows:
        if r.period == "full_year_estimate" and r.pct.get("province_estimate") is not None:
            wording = r.wording.get("province_estimate") or "dự toán tỉnh giao"
            parts.append(
                f"{LINES.get(r.line, r.line).lower()} ước cả năm bằng "
                f"{percent(r.pct['province_estimate'])} {wording}"
            )
    if not parts:
        return "Chưa có số liệu ước thực hiện cả năm."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def budget_bases(rows: list[BudgetRow], checks: list[BaseCheck]) -> Chart:
    """The estimates each figure implies (derived), so disagreeing figures stand out."""
    compared = [(c, f) for c in checks for f in c.figures]
    table = Table(
        caption="Dự toán tính ngược từ số thực hiện và tỷ lệ đạt (≈, triệu đồng)",
        columns=[
            Column("base", "Khoản — căn cứ", "text"),
            Column("figure", "Số liệu", "text"),
            Column("wording", "Báo cáo ghi căn cứ là", "text"),
            Column("amount", "Số thực hiện"),
            Column("pct", "Tỷ lệ báo cáo (%)", "percent"),
            Column("implied", "Dự toán tính ngược (≈)"),
            Column("verdict", "Đối chiếu", "text"),
        ],
        rows=[
            {
                "base": f"{LINES.get(c.line, c.line)} — {lower_first(BASIS_LABELS[c.basis])}",
                "figure": f.label,
                "wording": f.wording.get(c.basis) or "",
                "amount": as_number(f.amount),
                "pct": f.pct[c.basis],
                "period": f.period,
                "implied": as_number(f.implied[c.basis]),
                "verdict": verdict(c),
            }
            for c, f in compared
        ],
    )
    title = TITLES["budget_bases"]
    categories = [f"{SHORT_LINES.get(c.line, c.line)}<br>{SHORT_BASES[c.basis]}" for c in checks]
    data = []
    for i, (period, period_label) in enumerate(PERIODS.items()):
        points = [
            (cat, f.implied[c.basis])
            for cat, c in zip(categories, checks, strict=True)
            for f in c.figures
            if f.period == period
        ]
        if points:
            data.append(_base_points(period_label, points, i, "top center" if i == 0 else "bottom center"))
    # Room either side of the outermost dots: their labels are centred on them and would otherwise run
    # into the category labels on a phone.
    values = [float(v) for trace in data for v in trace.x if v is not None]
    pad = (max(values) - min(values)) * 0.3 + max(values) * 0.02 if values else 0
    figure = go.Figure(
        layout=across(
            title,
            160 + 95 * max(1, len(checks)),
            dict(nticks=4, tickangle=0, range=[min(values) - pad, max(values) + pad] if values else None),
            margin=dict(l=8, r=32, t=28, b=8),
        ),
        data=data,
    )
    return Chart(
        "budget_bases",
        title,
        bases_reading(checks),
        figure,
        table,
        sources_of(rows),
        notes=[DERIVED_NOTE],
        plot=_bases_plot(checks),
    )


def _bases_plot(checks: list[BaseCheck]) -> Plot:
    """A row of dots per base: one dot per figure it is implied from (a row each, so none hides another)."""
    periods = [p for p in PERIODS if any(f.period == p for c in checks for f in c.figures)]
    categories = tuple(
        Msg.of(N_("%(line)s — %(basis)s"), line=PLOT_LINES.get(c.line, c.line), basis=SHORT_BASES[c.basis])
        for c in checks
    )
    series = tuple(
        Series(
            DERIVED_FROM.get(p, p),
            tuple(
                next((as_number(f.implied[c.basis]) for f in c.figures if f.period == p), None)
                for c in checks
            ),
        )
        for p in periods
    )
    return Plot((Panel(categories, series, kind="dots", unit="approx"),))


def _base_points(name: str, points: list[tuple], index: int, textposition: str) -> go.Scatter:
    values = [as_number(value) for _, value in points]
    return go.Scatter(
        name=f"Suy ra từ số {name.lower()}",
        x=values,
        y=[cat for cat, _ in points],
        mode="markers+text",
        marker=point_marker(index),
        text=[f"≈{number(v)}" for v in values],
        textposition=textposition,
        textfont=dict(color="#1b1f24", size=12),
        cliponaxis=False,
        hovertemplate="%{y}<br>≈%{x:,} triệu đồng (tính ngược)<extra></extra>",
    )


def verdict(check: BaseCheck) -> str:
    """Say whether the figures agree, without deciding which is right when they do not."""
    if check.consistent:
        return "Khớp nhau (chênh lệch trong phạm vi làm tròn tỷ lệ)"
    return f"Không khớp: chênh ≈{number(check.gap)} triệu đồng"


def bases_reading(checks: list[BaseCheck]) -> str:
    """One line on the disagreements, quoting the report's wording for each base."""
    bad = [c for c in checks if not c.consistent]
    if not checks:
        return "Chưa đủ số liệu để đối chiếu dự toán."
    if not bad:
        return "Tính ngược từ các số liệu của mỗi khoản đều ra cùng một mức dự toán (trong phạm vi làm tròn)."
    parts = []
    for c in bad:
        implied = " và ".join(
            f"≈{number(f.implied[c.basis])} triệu đồng (“{f.wording.get(c.basis) or ''}”)" for f in c.figures
        )
        parts.append(
            f"{LINES.get(c.line, c.line)} tính ngược ra các mức {lower_first(BASIS_LABELS[c.basis])} khác nhau: "
            f"{implied}, chênh ≈{number(c.gap)} triệu đồng"
        )
    return "; ".join(parts) + ". Cổng thông tin nêu đủ các số, không kết luận số nào đúng."
