"""Councils side by side (/statistics/councils): sessions held and resolutions of each council."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from portal.charts import TITLES
from portal.charts.base import Chart, Column, Table, across, bar, wrap
from portal.charts.plot import Join, Msg, Text, one_panel
from portal.vocabulary import N_

ROW_HEIGHT = 46  # per council: two bars and a two-line name


@dataclass(frozen=True)
class CouncilRow:
    name: str
    sessions: int | None
    resolutions: int | None


def councils_compared(rows: list[CouncilRow]) -> Chart:
    """Sessions and resolutions per council; a council with neither is named in a note, not drawn as 0."""
    known = [r for r in rows if r.sessions is not None or r.resolutions is not None]
    missing = [r.name for r in rows if r not in known]
    table = Table(
        caption=N_("Kỳ họp và nghị quyết của từng Hội đồng nhân dân"),
        columns=[
            Column("council", N_("Hội đồng nhân dân"), "text"),
            Column("sessions", N_("Kỳ họp")),
            Column("resolutions", N_("Nghị quyết")),
        ],  # fmt: skip
        rows=[{"council": r.name, "sessions": r.sessions, "resolutions": r.resolutions} for r in known],
    )
    y = [wrap(r.name, 28) for r in known]
    title = TITLES["councils"]
    series = (("sessions", N_("Kỳ họp")), ("resolutions", N_("Nghị quyết")))
    figure = go.Figure(
        layout=across(title, 120 + ROW_HEIGHT * max(len(known), 1), barmode="group"),
        data=[
            bar(label, [getattr(r, key) for r in known], y, i, horizontal=True)
            for i, (key, label) in enumerate(series)
        ],
    )
    notes: list[Text] = []
    if missing:
        notes.append(Msg.of(N_("Chưa có số liệu: %(councils)s."), councils=Join(tuple(missing), ", ")))
    # Each council's figures come from its own pages, linked cell by cell in the comparison table.
    notes.append(N_("Nguồn: trang của từng Hội đồng, dẫn ở từng ô của bảng So sánh các Hội đồng nhân dân."))
    plot = one_panel([r.name for r in known], table.rows, series)
    return Chart("councils", title, _reading(known), figure, table, [], notes, plot=plot)


def _reading(known: list[CouncilRow]) -> Text:
    if not known:
        return N_("Chưa Hội đồng nhân dân nào có số liệu kỳ họp, nghị quyết.")
    return Msg.of(
        N_(
            "%(councils)s Hội đồng nhân dân có số liệu: tổng cộng %(sessions)s kỳ họp, %(resolutions)s nghị quyết."
        ),
        councils=len(known),
        sessions=sum(r.sessions or 0 for r in known),
        resolutions=sum(r.resolutions or 0 for r in known),
    )
