"""The data version: one row whose counter changes in the same transaction as any public data."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class DataVersion(Base):
    """Site-wide figures and HTTP validators are keyed on this row, read once per request."""

    __tablename__ = "data_version"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, default=1)
    # With the counter, tells a database rebuilt from scratch (version 1 again) from the old one.
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
