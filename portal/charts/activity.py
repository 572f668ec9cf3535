"""Sessions, questioning and supervision charts (SPEC §6.1 and §6.2)."""

from __future__ import annotations

from collections import Counter
from operator import attrgetter

import plotly.graph_objects as go

from portal.charts import TITLES
from portal.charts.base import (
    YEAR,
    Chart,
    Column,
    Table,
    across,
    bar,
    layout,
    series_columns,
    sources_of,
    wrap,
)
from portal.charts.plot import Msg, one_panel
from portal.charts.rows import ActivityRow, SessionRow, SupervisionRow
from portal.formatting import number
from portal.vocabulary import N_

SUPERVISION_KINDS = {
    "thematic": N_("Giám sát chuyên đề"),
    "regular": N_("Giám sát thường xuyên"),
    "in_session": N_("Giám sát tại kỳ họp"),
    "inspection": N_("Kiểm tra, khảo sát"),
}
SESSION_SERIES = (("resolutions", N_("Nghị quyết thông qua")), ("listed", N_("Có trang riêng trên cổng")))


def session_label(row: SessionRow) -> str:
    return f"Kỳ họp {row.number}" + ("<br>(bất thường)" if row.kind == "extraordinary" else "")


def session_category(row: SessionRow) -> Msg:
    """A session's name on the server-drawn chart, in the page's language."""
    if row.kind == "extraordinary":
        return Msg.of(N_("Kỳ họp %(number)s (bất thường)"), number=str(row.number))
    return Msg.of(N_("Kỳ họp %(number)s"), number=str(row.number))


def _resolutions(row: SessionRow) -> int | None:
    """The report's count, or the resolutions published one by one where it gives none."""
    if row.resolutions_reported is None:
        return row.resolutions_listed or None
    return max(row.resolutions_reported, row.resolutions_listed)


def _session_kind(row: SessionRow) -> str:
    return "Bất thường" if row.kind == "extraordinary" else "Thường lệ"


def sessions(rows: list[SessionRow]) -> Chart:
    """Resolutions adopted per session, and how many of them have their own page."""
    table = Table.of(
        "Số nghị quyết thông qua tại mỗi kỳ họp",
        [
            Column("session", "Kỳ họp", "text", read=attrgetter("name")),
            Column("kind", "Loại kỳ họp", "text", read=_session_kind),
            Column("resolutions", "Nghị quyết thông qua", read=_resolutions),
            Column("listed", "Nghị quyết có trang riêng trên cổng", read=attrgetter("resolutions_listed")),
        ],
        rows,
    )
    x = [session_label(r) for r in rows]
    title = TITLES["sessions"]
    figure = go.Figure(
        layout=layout(title, barmode="group"),
        data=[
            bar("Nghị quyết thông qua", x, [row["resolutions"] for row in table.rows], 0),
            bar("Có trang riêng trên cổng", x, [row["listed"] for row in table.rows], 1),
        ],
    )
    return Chart(
        "sessions",
        title,
        _sessions_reading(rows),
        figure,
        table,
        sources_of(rows),
        notes=_missing_counts(rows),
        plot=one_panel([session_category(r) for r in rows], table.rows, SESSION_SERIES),
    )


def _sessions_reading(rows: list[SessionRow]) -> str:
    counted = [(r, _resolutions(r)) for r in rows if _resolutions(r) is not None]
    if not counted:
        return "Chưa có số liệu nghị quyết theo kỳ họp."
    top, top_count = max(counted, key=lambda item: item[1])
    total = sum(count for _, count in counted)
    return (
        f"{len(counted)} kỳ họp có số liệu đã thông qua {number(total)} nghị quyết, "
        f"nhiều nhất là kỳ họp {top.ordinal_name} ({number(top_count)} nghị quyết)."
    )


def _missing_counts(rows: list[SessionRow]) -> list[str]:
    return [f"{r.name}: báo cáo chưa nêu số nghị quyết." for r in rows if _resolutions(r) is None]


QUESTIONING_SERIES = (
    ("items_raised", N_("Nội dung đại biểu nêu")),
    ("clarified_in_groups", N_("Giải trình, làm rõ tại tổ")),
    ("clarified_in_hall", N_("Giải trình, làm rõ tại hội trường")),
    ("questions", N_("Phiếu chất vấn")),
)


def _questioning_values(r: SessionRow) -> dict:
    questions = r.questions_reported
    if r.questionings_listed:
        questions = max(questions or 0, r.questionings_listed)
    return {
        "session": r.name,
        "items_raised": r.items_raised,
        "questions": questions,
        "clarified_in_groups": r.clarified_in_groups,
        "clarified_in_hall": r.clarified_in_hall,
    }


def questioning(rows: list[SessionRow], year_totals: list[ActivityRow]) -> Chart:
    """Questioning and clarified items per session; the report's yearly totals as notes."""
    values = [_questioning_values(r) for r in rows]
    kept = [
        (r, v)
        for r, v in zip(rows, values, strict=True)
        if any(v[key] is not None for key, _ in QUESTIONING_SERIES)
    ]
    table = Table(
        caption="Chất vấn và giải trình, làm rõ tại mỗi kỳ họp",
        columns=[Column("session", "Kỳ họp", "text")] + series_columns(QUESTIONING_SERIES),
        rows=[v for _, v in kept],
    )
    x = [session_label(r) for r, _ in kept]
    title = TITLES["questioning"]
    figure = go.Figure(
        layout=layout(title, barmode="group", height=420),
        data=[
            bar(label, x, [v[key] for _, v in kept], i) for i, (key, label) in enumerate(QUESTIONING_SERIES)
        ],
    )
    notes = [
        f"Cả năm {a.year}, báo cáo nêu tổng, không chia theo kỳ họp: "
        + (a.note or f"{a.label}: {number(a.count)}.")
        for a in year_totals
    ]
    notes += [
        f"{r.name}: báo cáo không nêu số liệu chất vấn, giải trình."
        for r, v in zip(rows, values, strict=True)
        if (r, v) not in kept
    ]
    return Chart(
        "questioning",
        title,
        _questioning_reading(kept),
        figure,
        table,
        sources_of(rows + year_totals),
        notes,
        plot=one_panel([session_category(r) for r, _ in kept], table.rows, QUESTIONING_SERIES),
    )


def _questioning_reading(kept: list[tuple[SessionRow, dict]]) -> str:
    def clarified(v: dict) -> int:
        return (v["clarified_in_groups"] or 0) + (v["clarified_in_hall"] or 0)

    if not kept:
        return "Chưa có số liệu chất vấn, giải trình theo kỳ họp."
    top, v = max(kept, key=lambda item: clarified(item[1]))
    return (
        f"Kỳ họp {top.ordinal_name} có nhiều nội dung được giải trình, làm rõ nhất: "
        f"{number(clarified(v))} nội dung ({number(v['clarified_in_groups'] or 0)} tại tổ, "
        f"{number(v['clarified_in_hall'] or 0)} tại hội trường)."
    )


def supervision(rows: list[ActivityRow]) -> Chart:
    """Supervisions and inspections the report counts, by body, with agencies covered and plan."""
    table = Table.of(
        "Số cuộc giám sát, kiểm tra theo cơ quan (báo cáo nêu số lượng)",
        [
            Column("label", "Hoạt động", "text"),
            YEAR,
            Column("count", "Số cuộc"),
            Column("planned", "Theo kế hoạch"),
            Column("agencies", "Cơ quan, đơn vị được giám sát, kiểm tra", read=attrgetter("agencies_count")),
        ],
        rows,
    )
    y = [wrap(a.label, 26) for a in rows]
    series = (
        ("count", N_("Số cuộc")),
        ("planned", N_("Theo kế hoạch")),
        ("agencies", N_("Cơ quan, đơn vị")),
    )
    title = TITLES["supervision"]
    figure = go.Figure(
        layout=across(title, 140 + 110 * len(rows), barmode="group"),
        data=[
            bar(label, [row[key] for row in table.rows], y, i, horizontal=True)
            for i, (key, label) in enumerate(series)
            if any(row[key] is not None for row in table.rows)
        ],
    )
    return Chart(
        "supervision",
        title,
        _supervision_reading(rows),
        figure,
        table,
        sources_of(rows),
        notes=[f"{a.label}: {a.note}" for a in rows if a.note],
        plot=one_panel([a.label for a in rows], table.rows, series),
    )


def _supervision_reading(rows: list[ActivityRow]) -> str:
    city = [a for a in rows if a.scope == "city"]
    wards = [a for a in rows if a.scope != "city"]
    parts = []
    if city:
        parts.append(
            f"HĐND thành phố báo cáo {number(sum(a.count for a in city))} cuộc giám sát, "
            "kiểm tra của Thường trực và các Ban"
        )
    for a in wards:
        planned = f" trong {number(a.planned)} cuộc theo kế hoạch" if a.planned else ""
        parts.append(f"HĐND các phường, xã thực hiện {number(a.count)}{planned}")
    return ("; ".join(parts) + ".") if parts else "Chưa có số liệu giám sát."


def supervision_listed(rows: list[SupervisionRow]) -> Chart:
    """The supervisions and inspections the portal lists one by one, by body and kind."""
    counts = Counter((r.body, r.kind) for r in rows)
    bodies = list(dict.fromkeys(r.body for r in rows))
    kinds = [k for k in SUPERVISION_KINDS if any(kind == k for _, kind in counts)]
    table = Table(
        caption="Các cuộc giám sát, kiểm tra có trang riêng, theo cơ quan và hình thức",
        columns=[Column("body", "Cơ quan", "text")]
        + [Column(k, SUPERVISION_KINDS[k]) for k in kinds]
        + [Column("total", "Tổng")],
        rows=[
            {
                "body": b,
                **{k: counts.get((b, k), 0) for k in kinds},
                "total": sum(counts.get((b, k), 0) for k in kinds),
            }
            for b in bodies
        ],
    )
    title = TITLES["supervision_listed"]
    figure = go.Figure(
        layout=across(title, 160 + 70 * len(bodies), dict(dtick=1), barmode="stack"),
        data=[
            _stack_bar(SUPERVISION_KINDS[k], [row[k] for row in table.rows], bodies, i)
            for i, k in enumerate(kinds)
        ],
    )
    return Chart(
        "supervision_listed",
        title,
        _listed_reading(table),
        figure,
        table,
        sources_of(rows),
        plot=one_panel(bodies, table.rows, [(k, SUPERVISION_KINDS[k]) for k in kinds], kind="stack"),
    )


def _stack_bar(name: str, values: list, categories: list, index: int) -> go.Bar:
    trace = bar(name, values, categories, index, horizontal=True)
    trace.update(
        texttemplate=None,
        text=[number(v) if v else "" for v in values],
        textposition="inside",
        insidetextanchor="middle",
        textfont=dict(color="#ffffff"),
    )
    return trace


def _listed_reading(table: Table) -> str:
    if not table.rows:
        return "Chưa có cuộc giám sát, kiểm tra nào được đăng."
    top = max(table.rows, key=lambda row: row["total"])
    total = sum(row["total"] for row in table.rows)
    return (
        f"Cổng thông tin đăng {number(total)} cuộc giám sát, kiểm tra; nhiều nhất là "
        f"{top['body']} ({number(top['total'])} cuộc)."
    )
