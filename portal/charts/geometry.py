"""Pure geometry for charts drawn on the server: text widths, scales, ticks and label placement.

The server cannot measure text, so widths are estimated from per-character advances of the site's sans-serif
fonts (Noto Sans, Segoe UI, Roboto, Arial), erring wide: a label given room by these numbers has it in the
browser too (tests/e2e checks the drawn boxes).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Advance widths in em, a little above the widest of the fonts the stylesheet names.
_NARROW = frozenset("iIjlf.,:;|!'’()[]t ")
_WIDE = frozenset("mwMW%@")
_CAPITAL = 0.7
_DIGIT = 0.58
_LETTER = 0.58


def char_width(char: str) -> float:
    """Estimated advance of one character in em."""
    if char in _NARROW:
        return 0.33
    if char in _WIDE:
        return 0.92
    if char.isdigit():
        return _DIGIT
    if char.isupper():
        return _CAPITAL
    return _LETTER


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in px of a line of text at a font size (bold about 6% wider)."""
    width = sum(char_width(c) for c in text) * size
    return width * 1.06 if bold else width


def greedy_lines(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Break text into lines at word boundaries, each as long as `fits` allows (a single long word stays
    whole)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and not fits(candidate):
            lines.append(line)
            line = word
        else:
            line = candidate
    return lines + [line] if line else lines


def wrap_text(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Break text into lines no wider than `width` at word boundaries (a single long word stays whole)."""
    return greedy_lines(text, lambda line: text_width(line, size, bold) <= width)


def nice_step(span: float, count: int) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) dividing `span` into about `count` parts."""
    if span <= 0 or count < 1:
        return 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power * (1 + 1e-9):
            return factor * power
    return 10 * power


def ticks(lo: float, hi: float, count: int) -> list[float]:
    """Round values from `lo` to `hi` (both included when round) about `count` steps apart."""
    step = nice_step(hi - lo, count)
    first = math.ceil(lo / step - 1e-9) * step
    values = []
    value = first
    while value <= hi + step * 1e-9:
        values.append(round(value, 10))
        value += step
    return values


@dataclass(frozen=True)
class Scale:
    """A linear map from data values (lo..hi) to pixels (start..end)."""

    lo: float
    hi: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        if self.hi == self.lo:
            return self.start
        return self.start + (float(value) - self.lo) * (self.end - self.start) / (self.hi - self.lo)


def fitting_ticks(
    scale: Scale, label: Callable[[float], str], size: float, gap: float = 10, most: int = 6
) -> list[float]:
    """The most ticks (up to `most`) whose centred labels neither touch each other nor leave the scale's
    pixels by more than half a label."""
    for count in range(most, 0, -1):
        values = ticks(scale.lo, scale.hi, count)
        spans = [_centred(scale(v), text_width(label(v), size)) for v in values]
        apart = all(b[0] - a[1] >= gap for a, b in zip(spans, spans[1:], strict=False))
        if apart:
            return values
    return [scale.lo]


def _centred(centre: float, width: float) -> tuple[float, float]:
    return centre - width / 2, centre + width / 2


@dataclass(frozen=True)
class Box:
    """A text's box: left, top, width, height in px."""

    x: float
    y: float
    w: float
    h: float

    def intersects(self, other: Box, slack: float = 0.0) -> bool:
        """Whether the two boxes overlap by more than `slack` px both ways."""
        dx = min(self.x + self.w, other.x + other.w) - max(self.x, other.x)
        dy = min(self.y + self.h, other.y + other.h) - max(self.y, other.y)
        return dx > slack and dy > slack


def collisions(boxes: Sequence[Box], slack: float = 0.0) -> list[tuple[int, int]]:
    """Index pairs of boxes that overlap."""
    return [
        (i, j) for i, a in enumerate(boxes) for j in range(i + 1, len(boxes)) if a.intersects(boxes[j], slack)
    ]


def spread(
    centres: Sequence[float], widths: Sequence[float], lo: float, hi: float, gap: float = 6
) -> list[float]:
    """Centres for labels wanted at `centres` (in increasing order) moved apart as little as needed so that
    no two are closer than `gap` and all stay within lo..hi (when they fit at all)."""
    placed: list[float] = []
    for centre, width in zip(centres, widths, strict=True):
        left = max(centre - width / 2, lo)
        if placed:
            previous_right = placed[-1] + widths[len(placed) - 1] / 2
            left = max(left, previous_right + gap)
        placed.append(left + width / 2)
    # Pushed past the right edge: shift back leftwards, keeping the gaps.
    limit = hi
    for i in range(len(placed) - 1, -1, -1):
        right = placed[i] + widths[i] / 2
        if right > limit:
            placed[i] -= right - limit
        limit = placed[i] - widths[i] / 2 - gap
    return placed


@dataclass(frozen=True)
class Placement:
    """Where a bar's value label goes: its anchor x, SVG text-anchor, and whether it sits inside the bar."""

    x: float
    anchor: str
    inside: bool


def bar_label(
    start: float, end: float, width: float, limit: float, avoid: Sequence[float] = (), pad: float = 4
) -> Placement:
    """Place the label of a bar running from `start` to `end` px: just past its end when that fits before
    `limit` and crosses no line at an `avoid` x; otherwise inside the bar's end if the bar is long enough;
    otherwise past the line it would have crossed."""
    outside = (end + pad, end + pad + width)
    crossed = [x for x in avoid if outside[0] - 1 <= x <= outside[1] + 1]
    if outside[1] <= limit and not crossed:
        return Placement(outside[0], "start", False)
    right = end - pad
    for x in avoid:
        if right - width - 1 <= x <= right + 1:
            right = min(right, x - pad)
    if right - width >= start + pad:
        return Placement(right, "end", True)
    after = max(crossed, default=end) + pad
    if after + width <= limit:
        return Placement(after, "start", False)
    return Placement(max(start, limit - width), "start", False)
