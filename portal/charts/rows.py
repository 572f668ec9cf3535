"""Plain rows the chart functions take: filled by portal.services.chart_queries, built by hand in tests."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import TypeVar

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
class SessionRow:
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
    source: SourceRef | None = None


@dataclass(frozen=True)
class ActivityRow:
    """A count the report gives without listing the items (ActivityCount)."""

    label: str
    body: str
    scope: str
    subject: str
    year: int
    count: int
    planned: int | None = None
    agencies_count: int | None = None
    note: str | None = None
    source: SourceRef | None = None


@dataclass(frozen=True)
class SupervisionRow:
    """One supervision or inspection the report names (Supervision)."""

    body: str
    kind: str
    year: int
    subject: str
    targets_count: int
    source: SourceRef | None = None


@dataclass(frozen=True)
class RoundRow:
    name: str
    relation: str
    session_number: int
    start_date: date | None
    end_date: date | None
    points_total: int | None
    points_held: int | None
    points_held_in_person: int | None
    voters_attending: int | None
    voters_speaking: int | None
    items_raised: int | None
    items_answered_on_site: int | None
    items_aggregated: int | None
    to_city: int | None
    to_province: int | None
    source: SourceRef | None = None


@dataclass(frozen=True)
class OutcomeRow:
    """Petition outcomes for one or more rounds: reported aggregates or a tally of listed petitions."""

    label: str
    origin: str  # "reported" (PetitionOutcome) or "listed" (individual Petition records)
    rounds: tuple[str, ...]
    reported_on: date | None
    resolved: int | None
    explained: int | None
    in_progress: int | None
    scheduled: int | None
    unresolved: int | None
    forwarded_to_city: int | None = None
    source: SourceRef | None = None

    @property
    def total(self) -> int:
        return sum(
            v or 0
            for v in (
                self.resolved,
                self.explained,
                self.in_progress,
                self.scheduled,
                self.unresolved,
            )
        )


@dataclass(frozen=True)
class LetterRow:
    label: str
    body: str
    scope: str
    year: int
    received: int | None
    resolved: int | None
    previous_year_received: int | None
    reported_rate_pct: Decimal | None
    previous_year_rate_pct: Decimal | None
    source: SourceRef | None = None


@dataclass(frozen=True)
class ReceptionRow:
    label: str
    body: str
    scope: str
    year: int
    sessions_held: int | None
    sessions_planned: int | None
    citizens: int | None
    items: int | None
    answered_directly: int | None
    forwarded: int | None
    source: SourceRef | None = None


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
