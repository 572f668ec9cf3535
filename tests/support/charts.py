"""A chart's words as a Vietnamese page shows them, for tests that read its reading, notes and table."""

from __future__ import annotations

from dataclasses import replace

from portal.charts.base import Chart, Column, Table
from portal.charts.plot import Day, Join, Lower, Msg
from portal.charts.words import VIETNAMESE


def _text(value):
    return VIETNAMESE.text(value) if isinstance(value, str | Msg | Join | Lower | Day) else value


def in_vietnamese(chart: Chart) -> Chart:
    """The chart with its reading, notes, caption, column labels and text cells written out in Vietnamese."""
    table = Table(
        [Column(c.key, _text(c.label), c.kind, c.read) for c in chart.table.columns],
        [{k: _text(v) for k, v in row.items()} for row in chart.table.rows],
        _text(chart.table.caption),
    )
    notes = [_text(n) for n in chart.notes]
    return replace(chart, reading=_text(chart.reading), notes=notes, table=table)
