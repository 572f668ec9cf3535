"""Declarative base, naming convention and the columns every public record shares."""

from __future__ import annotations

import textwrap
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

RECORD_STATUSES = ("draft", "published", "withdrawn")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def enum_check(column: str, values: tuple[str, ...], name: str | None = None) -> CheckConstraint:
    """A CHECK constraint keeping a text column inside a fixed vocabulary."""
    allowed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=name or f"{column}_enum")


def non_negative(*columns: str) -> list[CheckConstraint]:
    """CHECK constraints that counts are never negative (NULL means not reported)."""
    return [CheckConstraint(f"{c} IS NULL OR {c} >= 0", name=f"{c}_non_negative") for c in columns]


def when_known(left: str, operator: str, right: str, name: str) -> CheckConstraint:
    """A CHECK comparing two columns that holds while either is unknown (NULL: not reported)."""
    return CheckConstraint(f"{left} IS NULL OR {right} IS NULL OR {left} {operator} {right}", name=name)


def count_columns(*names: str) -> type:
    """A mixin with a nullable integer column per count a report gives (NULL: not reported), so each
    count is named once, in its model's tuple of counts (which also gives their non-negative checks)."""
    return type("CountColumns", (), {name: mapped_column(Integer) for name in names})


def alias(attribute: str) -> property:
    """A read-only property showing another attribute under the name every record type answers to."""
    return property(lambda self: getattr(self, attribute))


def year_of(date_attribute: str) -> property:
    """A read-only property: the year of a date attribute, None while the date is unknown."""
    return property(lambda self: day.year if (day := getattr(self, date_attribute)) else None)


def named_reference(cls, target: str, key: str):
    """The many-to-one relationship of a mixin's foreign key `key` to `target`, with the key named: the
    table may have other keys to the same table, and on the target's own table it points at another row."""
    if cls.__name__ == target:
        return relationship(target, foreign_keys=f"{target}.{key}", remote_side=f"{target}.id")
    return relationship(target, foreign_keys=f"{cls.__name__}.{key}")


# A publish writes published_at and updated_at a moment apart; only a later change counts as one.
CORRECTION_GRACE = timedelta(minutes=1)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, server_default=func.now()
    )


class Period:
    """A stretch of time whose ends may be unknown: a session, a voter meeting round, a membership, a
    name an area bore."""

    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    @staticmethod
    def ends_after_start() -> CheckConstraint:
        """The table's CHECK that the end, when known, does not come before the start."""
        return when_known("end_date", ">=", "start_date", "end_after_start")


class TimelineEntry(Timestamped):
    """A dated step in a record's follow-up (a petition's status, a recommendation's or a commitment's
    progress) with the document that reports it."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)  # first, as in the tables before
    on: Mapped[date] = mapped_column(Date)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))

    @declared_attr
    def document(cls):  # noqa: N805
        return relationship("Document")


class PublicRecord(Timestamped):
    """Columns of every record the public site shows: slug, workflow status, source, sample flag."""

    public_type: str = ""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="draft", server_default="draft")
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    source_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    source_section: Mapped[str | None] = mapped_column(String(300))
    is_sample: Mapped[bool] = mapped_column(default=False, server_default="0")

    @property
    def changed_after_publishing(self) -> bool:
        """Whether the record was edited after it was first published (a correction readers should see)."""
        return self.published_at is not None and self.updated_at - self.published_at > CORRECTION_GRACE

    @declared_attr
    def source_document_id(cls) -> Mapped[int | None]:  # noqa: N805
        return mapped_column(ForeignKey("documents.id", use_alter=True), index=True)

    @declared_attr
    def source_document(cls):  # noqa: N805
        return named_reference(cls, "Document", "source_document_id")

    # The columns a public list of this type is ordered by (services.list_specs); with the status they form
    # an index, so a page of the list, its total and a far page read the index instead of the table.
    list_order: tuple[str, ...] = ()
    constraints: tuple = ()  # the table's own CHECK and UNIQUE constraints, beside the status check

    @declared_attr.directive
    def __table_args__(cls):  # noqa: N805
        return (enum_check("status", RECORD_STATUSES), *cls.constraints, *cls.list_indexes())

    @classmethod
    def list_indexes(cls) -> tuple[Index, ...]:
        """Indexes every public table has: the published-only filter (with the id, which SQLite keeps in
        every index), the newest changes (feeds, last updated), and the list order when there is one."""
        table = cls.__tablename__
        indexes = [Index(f"ix_{table}_status", "status"), Index(f"ix_{table}_updated_at", "updated_at")]
        if cls.list_order:
            indexes.append(Index(f"ix_{table}_status_list_order", "status", *cls.list_order))
        return tuple(indexes)

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def is_public(self) -> bool:
        return self.status == "published"

    @property
    def is_withdrawn(self) -> bool:
        return self.status == "withdrawn"


class InCouncil:
    """A record type that had no council column before councils became the site's scope (SPEC §12):
    the council whose section shows it (for a council itself, its own id)."""

    @declared_attr
    def council_id(cls) -> Mapped[int | None]:  # noqa: N805
        return mapped_column(ForeignKey("organizations.id"), index=True)

    @declared_attr
    def council(cls):  # noqa: N805
        return named_reference(cls, "Organization", "council_id")


def shortened(text: str, width: int, placeholder: str = " …") -> str:
    """Return ``textwrap.shorten(text, width)`` (cut at a word boundary) reading only the start of
    a long text: a petition's text can run to pages, and the search rebuild asks every title."""
    head = text[: width * 2]
    if len(head) < len(text):
        if not text[len(head)].isspace():  # the cut fell inside a word: leave that word out
            head = head.rsplit(None, 1)[0]
        collapsed = " ".join(head.split())
        if len(collapsed) > width:  # a prefix of the whole text's collapsed words, longer than the cut
            return textwrap.shorten(collapsed, width=width, placeholder=placeholder)
    return textwrap.shorten(text, width=width, placeholder=placeholder)
