"""Source documents (reports, notices, response reports) and their attachments."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, InCouncil, PublicRecord, Timestamped, enum_check, year_of

DOCUMENT_KINDS = ("report", "notice", "resolution", "directive", "response_report", "minutes", "other")


class Document(Base, PublicRecord, InCouncil):
    __tablename__ = "documents"
    list_order = ("issued_on", "id")  # its ListSpec in services.list_specs
    public_type = "document"

    number: Mapped[str | None] = mapped_column(String(60), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    issued_on: Mapped[date | None] = mapped_column(Date)
    issuer_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    body_text: Mapped[str | None] = mapped_column(Text)
    body_format: Mapped[str] = mapped_column(String(10), default="plain")
    note: Mapped[str | None] = mapped_column(Text)

    issuer = relationship("Organization", foreign_keys=[issuer_id])
    attachments: Mapped[list[Attachment]] = relationship(back_populates="document")

    constraints = (
        enum_check("kind", DOCUMENT_KINDS),
        UniqueConstraint("issuer_id", "number", name="uq_documents_issuer_number"),
    )

    year = year_of("issued_on")


class Attachment(Base, Timestamped):
    """A file stored by SHA-256 outside static/, with its extracted text for search."""

    __tablename__ = "attachments"
    __table_args__ = (
        CheckConstraint("size >= 0", name="size_non_negative"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        enum_check("content_type", ("application/pdf",)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    extracted_text: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="attachments")
