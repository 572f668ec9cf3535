"""Budget performance charts (SPEC §6.3): amounts, percentages of each base, and derived bases."""

from __future__ import annotations

import plotly.graph_objects as go

from portal.charts import TITLES
from portal.charts.base import YEAR, Chart, Column, Table, across, as_number, bar, point_marker, sources_of
from portal.charts.plot import Join, Lower, Msg, Num, Panel, Pct, Plot, Series, Text, Worded
from portal.charts.rows import BaseCheck, BudgetRow
from portal.charts.words import current, say
from portal.formatting import number
from portal.vocabulary import N_, VOCABULARY

LINES = {
    "revenue": N_("Thu ngân sách nhà nước"),
    "revenue_domestic_excl_land_lottery": N_("Thu nội địa (không kể tiền sử dụng đất, xổ số)"),
    "expenditure": N_("Chi ngân sách thành phố"),
}
# The lines' names on the interactive charts (plotly breaks lines at <br>).
SHORT_LINES = {
    "revenue": N_("Thu NSNN"),
    "revenue_domestic_excl_land_lottery": N_("Thu nội địa<br>(trừ tiền SDĐ, xổ số)"),
    "expenditure": N_("Chi ngân sách"),
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
DERIVED_NOTE = N_(
    "Dự toán tính ngược = số thực hiện ÷ tỷ lệ đạt; do cổng tính (≈), báo cáo không nêu trực tiếp."
)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _figure_name(r: BudgetRow) -> str:
    return say(
        Msg.of(
            N_("%(line)s<br>%(period)s"),
            line=SHORT_LINES.get(r.line, r.line),
            period=Lower(PERIODS.get(r.period, r.period)),
        )
    )


def budget_amounts(rows: list[BudgetRow]) -> Chart:
    """Amounts collected and spent: 11-month actual and full-year estimate, per line."""
    table = Table.of(
        N_("Số thực hiện ngân sách (triệu đồng)"),
        [
            Column("label", N_("Chỉ tiêu"), "text"),
            YEAR,
            Column("period", N_("Kỳ"), "text", read=lambda r: PERIODS.get(r.period, r.period)),
            Column("amount", N_("Số tiền (triệu đồng)")),
        ],
        rows,
    )
    lines = list(dict.fromkeys(r.line for r in rows))
    y = [say(SHORT_LINES.get(line, line)) for line in lines]
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
        period=Lower(PERIODS.get(r.period, r.period)),
    )


def _amounts_reading(rows: list[BudgetRow]) -> Text:
    parts: list[Text] = []
    for line in ("revenue", "expenditure"):
        by_period = {r.period: r.amount for r in rows if r.line == line}
        if by_period:
            amounts = tuple(
                Msg.of(N_("%(period)s %(amount)s"), period=Lower(PERIODS[p]), amount=Num(by_period[p]))
                for p in PERIODS
                if p in by_period
            )
            name = Lower(LINES[line]) if parts else LINES[line]
            parts.append(
                Msg.of(N_("%(line)s: %(amounts)s triệu đồng"), line=name, amounts=Join(amounts, ", "))
            )
    if not parts:
        return N_("Chưa có số liệu ngân sách.")
    return Join(tuple(parts), "; ", ".")


def budget_percentages(rows: list[BudgetRow]) -> Chart:
    """Each figure as a percentage of the province's estimate, the council's, and last year."""
    bases = [b for b in BASIS_LABELS if any(r.pct.get(b) is not None for r in rows)]
    table = Table(
        caption=N_("Tỷ lệ thực hiện so với dự toán và cùng kỳ (%), như báo cáo nêu"),
        columns=[Column("figure", N_("Chỉ tiêu"), "text")]
        + [Column(b, Msg.of(N_("%(basis)s (%%)"), basis=BASIS_LABELS[b]), "percent") for b in bases],
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


def _percentages_reading(rows: list[BudgetRow]) -> Text:
    parts: list[Text] = []
    for r in rows:
        if r.period == "full_year_estimate" and r.pct.get("province_estimate") is not None:
            line = LINES.get(r.line, r.line)
            basis = Lower(BASIS_LABELS["province_estimate"])
            parts.append(
                Msg.of(
                    N_("%(line)s ước cả năm bằng %(rate)s %(wording)s"),
                    line=Lower(line) if parts else line,
                    rate=Pct(r.pct["province_estimate"]),
                    wording=Worded(r.wording.get("province_estimate") or basis, basis),
                )
            )
    if not parts:
        return N_("Chưa có số liệu ước thực hiện cả năm.")
    return Join(tuple(parts), "; ", ".")


def budget_bases(rows: list[BudgetRow], checks: list[BaseCheck]) -> Chart:
    """The estimates each figure implies (derived), so disagreeing figures stand out."""
    compared = [(c, f) for c in checks for f in c.figures]
    table = Table(
        caption=N_("Dự toán tính ngược từ số thực hiện và tỷ lệ đạt (≈, triệu đồng)"),
        columns=[
            Column("base", N_("Khoản — căn cứ"), "text"),
            Column("figure", N_("Số liệu"), "text"),
            Column("wording", N_("Báo cáo ghi căn cứ là"), "text"),
            Column("amount", N_("Số thực hiện")),
            Column("pct", N_("Tỷ lệ báo cáo (%)"), "percent"),
            Column("implied", N_("Dự toán tính ngược (≈)")),
            Column("verdict", N_("Đối chiếu"), "text"),
        ],
        rows=[
            {
                "base": Msg.of(
                    N_("%(line)s — %(basis)s"),
                    line=LINES.get(c.line, c.line),
                    basis=Lower(BASIS_LABELS[c.basis]),
                ),
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
    categories = [
        say(
            Msg.of(
                N_("%(line)s<br>%(basis)s"), line=SHORT_LINES.get(c.line, c.line), basis=SHORT_BASES[c.basis]
            )
        )
        for c in checks
    ]
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
    lang = current().lang
    return go.Scatter(
        name=say(Msg.of(N_("Suy ra từ số %(period)s"), period=Lower(name))),
        x=values,
        y=[cat for cat, _ in points],
        mode="markers+text",
        marker=point_marker(index),
        text=[f"≈{number(v, 0, lang)}" for v in values],
        textposition=textposition,
        textfont=dict(color="#1b1f24", size=12),
        cliponaxis=False,
        hovertemplate="%{y}<br>" + say(N_("≈%{x:,} triệu đồng (tính ngược)")) + "<extra></extra>",
    )


def verdict(check: BaseCheck) -> Text:
    """Say whether the figures agree, without deciding which is right when they do not."""
    if check.consistent:
        return N_("Khớp nhau (chênh lệch trong phạm vi làm tròn tỷ lệ)")
    return Msg.of(N_("Không khớp: chênh ≈%(gap)s triệu đồng"), gap=Num(check.gap))


def bases_reading(checks: list[BaseCheck]) -> Text:
    """One line on the disagreements, quoting the report's wording for each base."""
    bad = [c for c in checks if not c.consistent]
    if not checks:
        return N_("Chưa đủ số liệu để đối chiếu dự toán.")
    if not bad:
        return N_(
            "Tính ngược từ các số liệu của mỗi khoản đều ra cùng một mức dự toán (trong phạm vi làm tròn)."
        )
    parts = []
    for c in bad:
        implied = tuple(
            Msg.of(
                N_("≈%(amount)s triệu đồng (“%(wording)s”)"),
                amount=Num(f.implied[c.basis]),
                wording=f.wording.get(c.basis) or "",
            )
            for f in c.figures
        )
        parts.append(
            Msg.of(
                N_(
                    "%(line)s tính ngược ra các mức %(basis)s khác nhau: %(implied)s, chênh ≈%(gap)s triệu đồng"
                ),
                line=LINES.get(c.line, c.line),
                basis=Lower(BASIS_LABELS[c.basis]),
                implied=Join(implied, N_(" và ")),
                gap=Num(c.gap),
            )
        )
    return Join(
        (Join(tuple(parts), "; ", "."), N_("Cổng thông tin nêu đủ các số, không kết luận số nào đúng.")), " "
    )
