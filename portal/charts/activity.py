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
from portal.charts.plot import Join, Msg, Text, Worded, one_panel
from portal.charts.rows import ActivityRow, SessionRow, SupervisionRow
from portal.charts.words import current
from portal.formatting import number
from portal.vocabulary import N_, VOCABULARY

SUPERVISION_KINDS = {
    "thematic": N_("Giám sát chuyên đề"),
    "regular": N_("Giám sát thường xuyên"),
    "in_session": N_("Giám sát tại kỳ họp"),
    "inspection": N_("Kiểm tra, khảo sát"),
}
SESSION_SERIES = (("resolutions", N_("Nghị quyết thông qua")), ("listed", N_("Có trang riêng trên cổng")))


def session_label(row: SessionRow) -> str:
    """A session's name under its bars on the interactive chart: "Kỳ họp 12<br>(bất thường)"."""
    return wrap(session_category(row), 12)


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
    return VOCABULARY["session_kind"].get(row.kind, row.kind)


def sessions(rows: list[SessionRow]) -> Chart:
    """Resolutions adopted per session, and how many of them have their own page."""
    table = Table.of(
        N_("Số nghị quyết thông qua tại mỗi kỳ họp"),
        [
            Column("session", N_("Kỳ họp"), "text", read=attrgetter("name")),
            Column("kind", N_("Loại kỳ họp"), "text", read=_session_kind),
            Column("resolutions", N_("Nghị quyết thông qua"), read=_resolutions),
            Column(
                "listed", N_("Nghị quyết có trang riêng trên cổng"), read=attrgetter("resolutions_listed")
            ),
        ],
        rows,
    )
    x = [session_label(r) for r in rows]
    title = TITLES["sessions"]
    figure = go.Figure(
        layout=layout(title, barmode="group"),
        data=[
            bar(label, x, [row[key] for row in table.rows], i)
            for i, (key, label) in enumerate(SESSION_SERIES)
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


def _sessions_reading(rows: list[SessionRow]) -> Text:
    counted = [(r, _resolutions(r)) for r in rows if _resolutions(r) is not None]
    if not counted:
        return N_("Chưa có số liệu nghị quyết theo kỳ họp.")
    top, top_count = max(counted, key=lambda item: item[1])
    total = sum(count for _, count in counted)
    return Msg.of(
        N_(
            "%(sessions)s kỳ họp có số liệu đã thông qua %(total)s nghị quyết, "
            "nhiều nhất là kỳ họp %(ordinal)s (%(top)s nghị quyết)."
        ),
        sessions=len(counted),
        total=total,
        ordinal=Worded(top.ordinal_name, str(top.number)),
        top=top_count,
    )


def _missing_counts(rows: list[SessionRow]) -> list[Text]:
    return [
        Msg.of(N_("%(session)s: báo cáo chưa nêu số nghị quyết."), session=r.name)
        for r in rows
        if _resolutions(r) is None
    ]


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
        caption=N_("Chất vấn và giải trình, làm rõ tại mỗi kỳ họp"),
        columns=[Column("session", N_("Kỳ họp"), "text")] + series_columns(QUESTIONING_SERIES),
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
    notes: list[Text] = [
        Msg.of(
            N_("Cả năm %(year)s, báo cáo nêu tổng, không chia theo kỳ họp: %(figure)s"),
            year=str(a.year),
            figure=a.note or Msg.of(N_("%(label)s: %(count)s."), label=a.label, count=a.count),
        )
        for a in year_totals
    ]
    notes += [
        Msg.of(N_("%(session)s: báo cáo không nêu số liệu chất vấn, giải trình."), session=r.name)
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


def _questioning_reading(kept: list[tuple[SessionRow, dict]]) -> Text:
    def clarified(v: dict) -> int:
        return (v["clarified_in_groups"] or 0) + (v["clarified_in_hall"] or 0)

    if not kept:
        return N_("Chưa có số liệu chất vấn, giải trình theo kỳ họp.")
    top, v = max(kept, key=lambda item: clarified(item[1]))
    return Msg.of(
        N_(
            "Kỳ họp %(ordinal)s có nhiều nội dung được giải trình, làm rõ nhất: "
            "%(total)s nội dung (%(groups)s tại tổ, %(hall)s tại hội trường)."
        ),
        ordinal=Worded(top.ordinal_name, str(top.number)),
        total=clarified(v),
        groups=v["clarified_in_groups"] or 0,
        hall=v["clarified_in_hall"] or 0,
    )


def supervision(rows: list[ActivityRow]) -> Chart:
    """Supervisions and inspections the report counts, by body, with agencies covered and plan."""
    table = Table.of(
        N_("Số cuộc giám sát, kiểm tra theo cơ quan (báo cáo nêu số lượng)"),
        [
            Column("label", N_("Hoạt động"), "text"),
            YEAR,
            Column("count", N_("Số cuộc")),
            Column("planned", N_("Theo kế hoạch")),
            Column(
                "agencies", N_("Cơ quan, đơn vị được giám sát, kiểm tra"), read=attrgetter("agencies_count")
            ),
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
        notes=[Msg.of(N_("%(activity)s: %(note)s"), activity=a.label, note=a.note) for a in rows if a.note],
        plot=one_panel([a.label for a in rows], table.rows, series),
    )


def _supervision_reading(rows: list[ActivityRow]) -> Text:
    city = [a for a in rows if a.scope == "city"]
    wards = [a for a in rows if a.scope != "city"]
    parts: list[Text] = []
    if city:
        parts.append(
            Msg.of(
                N_("HĐND thành phố báo cáo %(count)s cuộc giám sát, kiểm tra của Thường trực và các Ban"),
                count=sum(a.count for a in city),
            )
        )
    for a in wards:
        if a.planned:
            msgid = N_("HĐND các phường, xã thực hiện %(count)s trong %(planned)s cuộc theo kế hoạch")
        else:
            msgid = N_("HĐND các phường, xã thực hiện %(count)s")
        parts.append(Msg.of(msgid, count=a.count, planned=a.planned))
    return Join(tuple(parts), "; ", ".") if parts else N_("Chưa có số liệu giám sát.")


def supervision_listed(rows: list[SupervisionRow]) -> Chart:
    """The supervisions and inspections the portal lists one by one, by body and kind."""
    counts = Counter((r.body, r.kind) for r in rows)
    bodies = list(dict.fromkeys(r.body for r in rows))
    kinds = [k for k in SUPERVISION_KINDS if any(kind == k for _, kind in counts)]
    table = Table(
        caption=N_("Các cuộc giám sát, kiểm tra có trang riêng, theo cơ quan và hình thức"),
        columns=[Column("body", N_("Cơ quan"), "text")]
        + [Column(k, SUPERVISION_KINDS[k]) for k in kinds]
        + [Column("total", N_("Tổng"))],
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
        text=[number(v, 0, current().lang) if v else "" for v in values],
        textposition="inside",
        insidetextanchor="middle",
        textfont=dict(color="#ffffff"),
    )
    return trace


def _listed_reading(table: Table) -> Text:
    if not table.rows:
        return N_("Chưa có cuộc giám sát, kiểm tra nào được đăng.")
    top = max(table.rows, key=lambda row: row["total"])
    return Msg.of(
        N_("Cổng thông tin đăng %(total)s cuộc giám sát, kiểm tra; nhiều nhất là %(body)s (%(top)s cuộc)."),
        total=sum(row["total"] for row in table.rows),
        body=top["body"],
        top=top["total"],
    )
