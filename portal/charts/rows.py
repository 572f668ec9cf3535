"""Plain rows the chart functions take: filled by portal.services.chart_queries, built by hand in tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import TypeVar

from portal.models.petition import PETITION_STATUSES, ROUND_COUNTS
from portal.models.reception import RECEPTION_COUNTS

R = TypeVar("R")


def from_record(cls: type[R], record: object, **given: object) -> R:
    """A row whose columns not `given` are copied from the record's attributes of the same name."""
    values = {f.name: given[f.name] if f.name in given else getattr(record, f.name) for f in fields(cls)
              if f.init}  # fmt: skip
    return cls(**values)


@dataclass(frozen=True)
class SourceRef:
    """The document a number comes from, with the place in it."""

    slug: str
    label: str
    section: str | None = None


@dataclass(frozen=True)
class ChartRow:
    """What every chart row carries: the document its numbers come from (given by name)."""

    source: SourceRef | None = field(default=None, kw_only=True)


def with_counts(*names: str) -> Callable[[type[R]], type[R]]:
    """Give a row class an `int | None` field (None: not reported) per count column of its model, after
    the fields it declares: the model's tuple of count columns is the one list of them."""

    def add(cls: type[R]) -> type[R]:
        cls.__annotations__ = {
            **cls.__dict__.get("__annotations__", {}),
            **dict.fromkeys(names, "int | None"),
        }
        return cls

    return add


@dataclass(frozen=True)
class BodyYearRow(ChartRow):
    """A figure the report gives per body, level and year (the models' BodyYearFigures)."""

    label: str
    body: str  # the body's short name
    scope: str
    year: int


@dataclass(frozen=True)
class SessionRow(ChartRow):
    number: int
    ordinal_name: str
    name: str
    kind: str
    start_date: date | None
    resolutions_reported: int | None
    resolutions_listed: int
    questions_reported: int | None
    questionings_listed: int
    delegates_spoke: int | None
    items_raised: int | None
    clarified_in_groups: int | None
    clarified_in_hall: int | None


@dataclass(frozen=True)
class ActivityRow(BodyYearRow):
    """A count the report gives without listing the items (ActivityCount)."""

    subject: str
    count: int
    planned: int | None = None
    agencies_count: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class SupervisionRow(ChartRow):
    """One supervision or inspection the report names (Supervision)."""

    body: str
    kind: str
    year: int
    subject: str
    targets_count: int


@dataclass(frozen=True)
@with_counts(*ROUND_COUNTS)
class RoundRow(ChartRow):
    name: str
    relation: str
    session_number: int
    start_date: date | None
    end_date: date | None


@dataclass(frozen=True)
@with_counts(*PETITION_STATUSES)
class OutcomeRow(ChartRow):
    """Petition outcomes for one or more rounds: reported aggregates or a tally of listed petitions."""

    label: str
    origin: str  # "reported" (PetitionOutcome) or "listed" (individual Petition records)
    rounds: tuple[str, ...]
    reported_on: date | None
    forwarded_to_city: int | None = field(default=None, kw_only=True)

    @property
    def total(self) -> int:
        return sum(getattr(self, status) or 0 for status in PETITION_STATUSES)


@dataclass(frozen=True)
class LetterRow(BodyYearRow):
    received: int | None
    resolved: int | None
    previous_year_received: int | None
    reported_rate_pct: Decimal | None
    previous_year_rate_pct: Decimal | None


@dataclass(frozen=True)
@with_counts(*RECEPTION_COUNTS)
class ReceptionRow(BodyYearRow):
    pass


@dataclass(frozen=True)
class BudgetRow:
    """A budget figure as reported, with the bases its percentages imply (derived)."""

    slug: str
    year: int
    period: str
    line: str
    label: str
    amount: Decimal
    pct: dict[str, Decimal | None]
    wording: dict[str, str | None]
    implied: dict[str, Decimal | None]
    quote: str | None = None
    source: SourceRef | None = None


@dataclass(frozen=True)
class BaseCheck:
    """Whether the figures of one budget line imply the same estimate (derived, not decided)."""

    year: int
    line: str
    basis: str
    figures: tuple[BudgetRow, ...]
    consistent: bool
    gap: Decimal | None
