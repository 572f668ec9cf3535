"""Draw a chart's Plot as an inline, accessible SVG on the server: the page is complete without JavaScript.

Categories run down the drawing, each with its label on its own line(s) above its bars, so long Vietnamese
labels never squeeze the bars on a phone. Every label is placed by portal.charts.geometry so that no two
texts overlap at the width drawn; the page draws a phone width and a wide one and shows the one that fits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from portal.charts.base import COLOURS
from portal.charts.geometry import Box, Scale, bar_label, fitting_ticks, spread, text_width, wrap_text
from portal.charts.plot import Panel, Plot, Text
from portal.charts.words import Words

WIDTHS = {"phone": 340, "wide": 720}
LABEL, VALUE, TICK, TITLE = 13, 12, 11, 13  # font sizes (px)
BAR, STACK, DOT_ROW = 15, 20, 20
INK, MUTED = "#1b1f24", "#4a5360"
SYMBOLS = ("circle", "diamond", "square", "triangle")
# White hatching over the fill, so a series is told apart by more than its colour.
PATTERNS = (
    None,
    '<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="#fff" stroke-width="1.4" stroke-opacity=".35"/>',
    '<circle cx="3" cy="3" r="1.2" fill="#fff" fill-opacity=".4"/>',
    '<path d="M0,0 L6,6 M6,0 L0,6" stroke="#fff" stroke-width="1.1" stroke-opacity=".35"/>',
    '<path d="M0,3 H6" stroke="#fff" stroke-width="1.4" stroke-opacity=".35"/>',
)


def _n(value: float) -> str:
    """A coordinate, short: whole pixels (the layout keeps a pixel or more between texts)."""
    return str(round(value))


# Text styles as classes of the stylesheet (site.css, .chart-svg): shorter than attributes on every text.
_SIZE_CLASS = {VALUE: "v", TICK: "t", LABEL: ""}
_FILL_CLASS = {"#ffffff": "w", MUTED: "m", INK: ""}
_ANCHOR_CLASS = {"start": "", "middle": "c", "end": "e"}
# Lines by kind, each kind one <path>: grid, value axis and dot guides under the marks; the reference line
# and the ticks joining a label to its segment over them.
_UNDER, _OVER = ("g", "a"), ("r", "k")


@dataclass
class Drawing:
    """An SVG being drawn: its marks, lines and texts, and every text's estimated box (the unit tests read
    them)."""

    width: int
    ident: str
    words: Words
    parts: list[str] = field(default_factory=list)  # bars and symbols
    texts: list[str] = field(default_factory=list)
    paths: dict[str, list[str]] = field(default_factory=dict)
    boxes: list[tuple[str, Box]] = field(default_factory=list)
    y: float = 0.0

    def text(self, x, y, content: str, size=LABEL, anchor="start", fill=INK, bold=False, vi=False):
        x, y = round(x), round(y)
        width = text_width(content, size, bold)
        left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        self.boxes.append((content, Box(left, y - 0.8 * size, width, size)))
        classes = " ".join(
            c for c in (_SIZE_CLASS[size], _FILL_CLASS[fill], _ANCHOR_CLASS[anchor], "b" if bold else "") if c
        )
        attrs = (
            f'x="{_n(x)}" y="{_n(y)}"'
            + (f' class="{classes}"' if classes else "")
            + (' lang="vi"' if vi else "")
        )
        self.texts.append(f"<text {attrs}>{escape(content)}</text>")

    def lines(self, text: Text, size=LABEL, bold=False, fill=INK) -> None:
        """A label wrapped to the drawing's width, a line at a time from the current height."""
        content, vi = self.words.say(text)
        for line in wrap_text(content, size, self.width - 2, bold):
            self.y += size + 4
            self.text(1, self.y - 3, line, size=size, bold=bold, fill=fill, vi=vi)

    def rect(self, x, y, w, h, series: int):
        series %= len(COLOURS)
        fill = f"url(#{self.ident}{series})" if PATTERNS[series % len(PATTERNS)] else COLOURS[series]
        self.parts.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(max(w, 0))}" height="{_n(h)}" fill="{fill}"/>'
        )

    def symbol(self, x, y, series: int, r=6.0):
        colour = COLOURS[series % len(COLOURS)]
        kind = SYMBOLS[series % len(SYMBOLS)]
        paint = f'fill="{colour}" stroke="#fff"'
        if kind == "circle":
            self.parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{r}" {paint}/>')
            return
        shapes = {
            "diamond": [(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
            "square": [(-r, -r), (r, -r), (r, r), (-r, r)],
            "triangle": [(0, -r - 1), (r + 1, r), (-r - 1, r)],
        }
        points = " ".join(f"{_n(x + dx)},{_n(y + dy)}" for dx, dy in shapes[kind])
        self.parts.append(f'<polygon points="{points}" {paint}/>')

    def line(self, x1, y1, x2, y2, kind="g"):
        segment = f"M{_n(x1)} {_n(y1)}" + (f"V{_n(y2)}" if x1 == x2 else f"L{_n(x2)} {_n(y2)}")
        self.paths.setdefault(kind, []).append(segment)

    def drawn_paths(self, kinds) -> str:
        return "".join(f'<path class="{k}" d="{"".join(self.paths[k])}"/>' for k in kinds if k in self.paths)

    def patterns(self) -> str:
        """Each hatched series' fill: its colour with white hatching over it."""
        return "".join(
            f'<pattern id="{self.ident}{i}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{colour}"/>{PATTERNS[i % len(PATTERNS)]}</pattern>'
            for i, colour in enumerate(COLOURS)
            if PATTERNS[i % len(PATTERNS)]
        )

    def svg(self) -> str:
        return self.drawn_paths(_UNDER) + "".join(self.parts) + self.drawn_paths(_OVER) + "".join(self.texts)


def draw(plot: Plot, width: int, ident: str, words: Words) -> Drawing:
    """Lay out and draw a plot at a width; the Drawing holds the SVG parts and the text boxes."""
    d = Drawing(width, ident, words)
    series = plot.panels[0].series if plot.panels else ()
    if plot.legend and series:
        _legend(d, series, plot.panels[0].kind)
    scales = _scales(plot, d)
    for panel in plot.panels:
        _panel(d, panel, scales[(panel.kind, panel.unit)])
    return d


def render(
    plot: Plot, width: int, ident: str, title: str, description: str, words: Words, variant: str = ""
) -> Markup:
    """The plot as one <svg role="img"> with its title and description, at a width in px."""
    d = draw(plot, width, ident, words)
    height = round(d.y + 6)
    head = (
        f'<svg class="chart-svg chart-svg-{variant or width}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{ident}-t {ident}-d" font-size="{LABEL}">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(description)}</desc>'
        f"<defs>{d.patterns()}</defs>"
    )
    return Markup(head + d.svg() + "</svg>")


def _legend(d: Drawing, series, kind: str) -> None:
    x, row_top = 0.0, d.y
    d.y += 4
    for i, s in enumerate(series):
        content, vi = d.words.say(s.name)
        room = 18 + text_width(content, VALUE)
        if x and x + room > d.width:
            x = 0.0
            d.y += 20
        if kind == "dots":
            d.symbol(x + 6, d.y + 8, i, r=5)
        else:
            d.rect(x, d.y + 2, 12, 12, i)
        d.text(x + 17, d.y + 12.5, content, size=VALUE, vi=vi)
        x += room + 14
    d.y = d.y + 22 if series else row_top


def _extent(panel: Panel) -> list[float]:
    if panel.kind == "stack":
        totals = [sum(float(s.values[i] or 0) for s in panel.series) for i in range(len(panel.categories))]
        return totals + ([panel.reference] if panel.reference else [])
    found = [float(v) for s in panel.series for v in s.values if v is not None]
    return found + ([panel.reference] if panel.reference else [])


def _scales(plot: Plot, d: Drawing) -> dict[tuple[str, str], Scale]:
    """One scale per kind and unit: panels that are compared share it."""
    keys = dict.fromkeys((p.kind, p.unit) for p in plot.panels)
    return {key: _scale([p for p in plot.panels if (p.kind, p.unit) == key], d) for key in keys}


def _scale(panels: list[Panel], d: Drawing) -> Scale:
    kind, unit = panels[0].kind, panels[0].unit
    values = [v for p in panels for v in _extent(p)] or [1.0]
    if kind == "dots":  # a dot plot compares close amounts: its scale spans them, not from zero
        lo, hi = min(values), max(values)
        pad = (hi - lo) * 0.06 or hi * 0.05 or 1
        return Scale(lo - pad, hi + pad, 10, d.width - 10)
    if unit == "percent":
        values.append(100.0)  # a rate reads against the whole
    labels = (
        [d.words.value(v, unit) for p in panels for s in p.series for v in s.values] if kind == "bars" else []
    )
    # Room on the right for a value label after the longest bar, and for half the last tick's label.
    room = max((text_width(label, VALUE) + 8 for label in labels), default=0.0)
    room = max(room, text_width(d.words.tick(max(values), unit), TICK) / 2 + 4)
    side = min((side_column(d, p) for p in panels), default=0.0)
    return Scale(0, max(values) or 1, side + 1, d.width - room)


def side_column(d: Drawing, panel: Panel) -> float:
    """The width of a column of category labels beside the bars, or 0 when they go above them: only a
    panel of single bars whose labels each fit on one line in at most 45% of the width."""
    if panel.kind != "bars" or len(panel.series) != 1 or panel.notes:
        return 0.0
    widest = max((text_width(d.words.say(c)[0], LABEL) for c in panel.categories), default=0.0)
    return widest + 8 if widest + 8 <= d.width * 0.45 else 0.0


def _panel(d: Drawing, panel: Panel, scale: Scale) -> None:
    if panel.title:
        d.y += 6
        d.lines(panel.title, TITLE, bold=True)
    top = d.y
    if panel.reference is not None:
        d.y += 16
    bands: list[tuple[float, float]] = []
    if panel.kind == "bars" and scale.start > 1:  # labels beside the bars
        for category in panel.categories:
            d.y += 3
            content, vi = d.words.say(category)
            d.text(1, d.y + BAR - 3, content, vi=vi)
            bands.append((d.y - 2, d.y + BAR + 2))
            _bars(d, panel, len(bands) - 1, scale)
        d.y += 4
        _axis(d, panel, scale, [(bands[0][0], bands[-1][1])] if bands else [], top)
        return
    for i, category in enumerate(panel.categories):
        d.y += 4
        d.lines(category)
        note = panel.notes[i] if i < len(panel.notes) else None
        if note:
            d.lines(note, VALUE, fill=MUTED)
        d.y += 3
        start = d.y
        {"bars": _bars, "stack": _stack, "dots": _dots}[panel.kind](d, panel, i, scale)
        bands.append((start - 2, d.y - 1))
        d.y += 6
    _axis(d, panel, scale, bands, top)


def _bars(d: Drawing, panel: Panel, i: int, scale: Scale) -> None:
    avoid = [scale(panel.reference)] if panel.reference is not None else []
    for s, series in enumerate(panel.series):
        value = series.values[i]
        end = scale(value or 0)
        if value is not None:
            d.rect(scale.start, d.y, end - scale.start, BAR, s)
        label = d.words.value(value, panel.unit)
        place = bar_label(scale.start, end, text_width(label, VALUE), d.width, avoid)
        fill = "#ffffff" if place.inside else INK
        d.text(place.x, d.y + BAR - 3, label, size=VALUE, anchor=place.anchor, fill=fill)
        d.y += BAR + 3


def _stack(d: Drawing, panel: Panel, i: int, scale: Scale) -> None:
    """One bar of stacked segments: a segment's number inside it when it fits, else in a row under the bar
    at the segment's place, moved apart from its neighbours, with a tick joining it to its segment."""
    x = scale.start
    outside = []
    for s, series in enumerate(panel.series):
        value = series.values[i]
        if not value:
            continue
        end = x + scale(float(value)) - scale(0)
        d.rect(x, d.y, end - x, STACK, s)
        label = d.words.value(value, panel.unit)
        width = text_width(label, VALUE)
        if width + 12 <= end - x:
            d.text((x + end) / 2, d.y + STACK - 5.5, label, size=VALUE, anchor="middle", fill="#ffffff")
        else:
            outside.append(((x + end) / 2, width, label))
        x = end
    d.y += STACK
    if outside:
        centres = spread([c for c, _, _ in outside], [w for _, w, _ in outside], 1, d.width - 1)
        for (segment, _, label), centre in zip(outside, centres, strict=True):
            d.line(segment, d.y, centre, d.y + 5, "k")
            d.text(centre, d.y + 5 + VALUE, label, size=VALUE, anchor="middle")
        d.y += VALUE + 7
    d.y += 2


def _dots(d: Drawing, panel: Panel, i: int, scale: Scale) -> None:
    """A row per series, so two close values never hide one another; the number beside its dot."""
    for s, series in enumerate(panel.series):
        value = series.values[i]
        centre = d.y + DOT_ROW / 2
        d.line(scale.start, centre, scale.end, centre)
        if value is not None:
            x = scale(value)
            d.symbol(x, centre, s)
            label = d.words.value(value, panel.unit)
            width = text_width(label, VALUE)
            if x + 10 + width <= d.width:
                d.text(x + 10, centre + 4, label, size=VALUE)
            else:
                d.text(x - 10, centre + 4, label, size=VALUE, anchor="end")
        d.y += DOT_ROW


def _axis(d: Drawing, panel: Panel, scale: Scale, bands: list[tuple[float, float]], top: float) -> None:
    """Grid lines across the bars (never through the category labels), tick labels below, the reference."""
    values = fitting_ticks(scale, lambda v: d.words.tick(v, panel.unit), TICK)
    for v in values:
        x = scale(v)
        for band_top, band_bottom in bands:
            d.line(x, band_top, x, band_bottom, "a" if v == 0 else "g")
        label = d.words.tick(v, panel.unit)
        half = text_width(label, TICK) / 2
        d.text(
            min(max(x, half + 1), d.width - half - 1), d.y + 11, label, size=TICK, anchor="middle", fill=MUTED
        )
    d.y += 16
    if panel.reference is not None:
        x = scale(panel.reference)
        for band_top, band_bottom in bands:
            d.line(x, band_top, x, band_bottom, "r")
        label = d.words.tick(panel.reference, panel.unit)
        width = text_width(label, TICK, bold=True)
        centre = min(max(x, width / 2 + 1), d.width - width / 2 - 1)
        d.text(centre, top + 12, label, size=TICK, anchor="middle", bold=True)
