"""What a chart drawn on the server shows (portal.charts.svg draws it): panels of categories, each with a
value per series, and the words as message ids so the page's language chooses them at drawing time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

Value = int | float | Decimal | None


@dataclass(frozen=True)
class Pct:
    """A parameter of a message shown as a percentage (98,5%)."""

    value: Value


@dataclass(frozen=True)
class Worded:
    """A parameter a Vietnamese page gives in the report's own words (a session's ordinal name "thứ Mười ba",
    a base as the report words it) and a page in another language in the portal's (its number, its label)."""

    report: Text
    portal: Text


@dataclass(frozen=True)
class Num:
    """A parameter of a message shown as a number to `places` decimals (a rounded amount: 390.463)."""

    value: Value
    places: int = 0


@dataclass(frozen=True)
class Day:
    """A parameter of a message shown as a date (2/6/2020, or 2 June 2020 in English)."""

    value: date


@dataclass(frozen=True)
class Msg:
    """A message id with parameters, translated and formatted when drawn (numbers the page's way)."""

    msgid: str
    params: dict = field(default_factory=dict)

    @classmethod
    def of(cls, msgid: str, **params) -> Msg:
        return cls(msgid, params)


@dataclass(frozen=True)
class Join:
    """Texts written one after another, `sep` between them (a reading's clauses)."""

    parts: tuple
    sep: str = "; "
    end: str = ""


@dataclass(frozen=True)
class Lower:
    """A text with its first letter made small, for the middle of a sentence."""

    text: object


# A plain str is a message id too: translated when the catalogue has it, else record content kept as is.
Text = str | Msg | Join | Lower | Day


@dataclass(frozen=True)
class Series:
    name: Text
    values: tuple[Value, ...]


@dataclass(frozen=True)
class Panel:
    """Categories down the page, each with one value per series.

    `kind`: "bars" (grouped), "stack" (the series stacked in one bar) or "dots" (one dot per series on a
    scale that need not start at zero). `unit`: "count", "percent" or "approx" (≈ derived amounts).
    `reference` draws a labelled line at that value (100%). `notes` add a line under a category's label.
    """

    categories: tuple[Text, ...]
    series: tuple[Series, ...]
    kind: str = "bars"
    unit: str = "count"
    title: Text | None = None
    reference: float | None = None
    notes: tuple[Text | None, ...] = ()


@dataclass(frozen=True)
class Plot:
    """A chart's panels; panels with the same unit share one scale, so equal lengths mean equal values."""

    panels: tuple[Panel, ...]
    legend: bool = True

    @property
    def empty(self) -> bool:
        """Whether there is no value to draw at all (a council with no figures yet)."""
        return not any(v is not None for p in self.panels for s in p.series for v in s.values)


def values_of(rows: list[dict], key: str) -> tuple[Value, ...]:
    """One series' values from table rows."""
    return tuple(row.get(key) for row in rows)


def panel_of(categories, rows: list[dict], series, **options) -> Panel:
    """A panel of categories with a series per (table key, label), leaving out series with no value."""
    drawn = [Series(label, values_of(rows, key)) for key, label in series]
    drawn = [s for s in drawn if any(v is not None for v in s.values)]
    return Panel(tuple(categories), tuple(drawn), **options)


def one_panel(categories, rows: list[dict], series, **options) -> Plot:
    """A plot of one panel (see panel_of)."""
    return Plot((panel_of(categories, rows, series, **options),))
