"""What every chart shares: the Chart bundle (figure, table, reading, sources) and the house layout."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import plotly.graph_objects as go

from portal.charts.geometry import greedy_lines
from portal.charts.plot import Plot, Text
from portal.charts.rows import SourceRef
from portal.charts.words import current, say
from portal.vocabulary import N_

# Dark enough for white text on bars and for marks on white (each ≥ 4.5:1 against #fff);
# every series also has its own pattern or symbol and a text label, so colour is never the only cue.
COLOURS = ("#0b4f8a", "#9b1c1c", "#1f6b3a", "#8a4b00", "#5b2a86", "#4a5360", "#005f73")
PATTERNS = ("", "/", ".", "x", "\\", "+", "-")
SYMBOLS = ("circle", "diamond", "square", "triangle-up", "x", "star")
FONT = "Noto Sans, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"


@dataclass(frozen=True)
class Column:
    key: str
    label: Text  # a message id: the page shows it translated, the CSV keeps it Vietnamese
    kind: str = "number"  # text | number | percent
    read: Callable | None = (
        None  # the cell's value from a chart row (Table.of); by default its attribute `key`
    )

    def value(self, row):
        """The cell of this column for a chart row; numbers JSON-friendly."""
        value = self.read(row) if self.read else getattr(row, self.key)
        return as_number(value) if self.kind == "number" else value


@dataclass
class Table:
    """The accessible table and the CSV of a chart: the same rows as its figure."""

    columns: list[Column]
    rows: list[dict]  # text cells: a record's words, or a message (plot.Msg) the page translates
    caption: Text = ""

    @classmethod
    def of(cls, caption: Text, columns: list[Column], rows: Iterable) -> Table:
        """The table of some chart rows: a line per row, each cell read from the row by its column."""
        return cls(columns, [{c.key: c.value(row) for c in columns} for row in rows], caption)


def series_columns(series: Iterable[tuple[str, str]]) -> list[Column]:
    """A number column for each (attribute, label) of a chart's series."""
    return [Column(key, label) for key, label in series]


YEAR = Column("year", N_("Năm"), "text", read=lambda row: str(row.year))


@dataclass
class Chart:
    name: str
    title: str
    reading: Text  # translated when shown (portal.charts.words), like the notes
    figure: go.Figure
    table: Table
    sources: list[SourceRef] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    plot: Plot | None = None  # the same numbers drawn on the server (portal.charts.svg)


def layout(title: str, height: int = 380, **extra) -> go.Layout:
    """The house layout: the page's number separators (1.234,5 or 1,234.5), no template weight, legend
    below, phone margins.

    The title is the page's heading above the figure, so the figure does not repeat it.
    """
    base = dict(
        template=go.layout.Template(),
        separators=",." if current().lang == "vi" else ".,",
        height=height,
        autosize=True,
        font=dict(family=FONT, size=13, color="#1b1f24"),
        meta=dict(title=say(title)),
        margin=dict(l=8, r=12, t=28, b=8),
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        legend=dict(
            orientation="h",
            x=0,
            xanchor="left",
            y=0,
            yanchor="bottom",
            yref="container",
        ),
        hoverlabel=dict(font=dict(family=FONT)),
        bargap=0.25,
        xaxis=dict(
            automargin=True,
            gridcolor="#d5dae1",
            linecolor="#4a5360",
            zerolinecolor="#4a5360",
        ),
        yaxis=dict(
            automargin=True,
            gridcolor="#d5dae1",
            linecolor="#4a5360",
            zerolinecolor="#4a5360",
            tickformat=",d",
        ),
    )
    base.update(extra)
    return go.Layout(**base)


def across(title: str, height: int, xaxis: dict | None = None, **extra) -> go.Layout:
    """The house layout for horizontal bars: categories down the side in reading order, whole numbers
    along the bottom (`xaxis` adds to or overrides that axis)."""
    x = dict(tickformat=",d", automargin=True, gridcolor="#d5dae1") | (xaxis or {})
    return layout(title, height, yaxis=dict(autorange="reversed", automargin=True), xaxis=x, **extra)


def marker(index: int) -> dict:
    """Fill colour with a white pattern drawn over it (overlay keeps the colour under the pattern)."""
    colour = COLOURS[index % len(COLOURS)]
    return dict(
        color=colour,
        pattern=dict(
            shape=PATTERNS[index % len(PATTERNS)],
            fillmode="overlay",
            fgcolor="#ffffff",
            fgopacity=0.6,
            size=8,
            solidity=0.25,
        ),
    )


def point_marker(index: int) -> dict:
    """A series' dots: its colour and its own symbol, outlined in white (the dot form of `marker`)."""
    return dict(
        color=COLOURS[index % len(COLOURS)],
        symbol=SYMBOLS[index % len(SYMBOLS)],
        size=13,
        line=dict(color="#ffffff", width=1),
    )


def bar(
    name: Text,
    x: list,
    y: list,
    index: int,
    horizontal: bool = False,
    percent: bool = False,
    **extra,
) -> go.Bar:
    """A bar series with its own colour, pattern and value labels (numbers the page's way); its name
    in the page's language when it is a message id."""
    name = say(name)
    value = "%{x}" if horizontal else "%{y}"
    fmt = ":.1~f" if percent else ":,"
    texttemplate = value[:-1] + fmt + "}" + ("%" if percent else "")
    category = "%{y}" if horizontal else "%{x}"
    return go.Bar(
        name=name,
        x=x,
        y=y,
        orientation="h" if horizontal else "v",
        marker=marker(index),
        texttemplate=texttemplate,
        textposition="outside",
        cliponaxis=False,
        textfont=dict(color="#1b1f24"),
        hovertemplate=f"{category}<br>{name}: {texttemplate}<extra></extra>",
        **extra,
    )


def as_number(value) -> int | float | None:
    """JSON-friendly number: Decimals become int when whole, float otherwise."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def sources_of(rows) -> list[SourceRef]:
    """The distinct source documents of some rows, each with the sections cited, in order."""
    sections: dict[str, list[str]] = {}
    refs: dict[str, SourceRef] = {}
    for row in rows:
        ref = row.source
        if ref is None:
            continue
        refs.setdefault(ref.slug, ref)
        cited = sections.setdefault(ref.slug, [])
        if ref.section and ref.section not in cited:
            cited.append(ref.section)
    return [SourceRef(slug, refs[slug].label, "; ".join(sections[slug]) or None) for slug in refs]


def wrap(text: Text, width: int = 24) -> str:
    """A category label in the page's language, broken into lines (plotly reads <br>) so it fits a phone."""
    return "<br>".join(greedy_lines(say(text), lambda line: len(line) <= width))
