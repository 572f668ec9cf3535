"""Budget performance figures as the report states them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, PublicRecord, alias, enum_check
from portal.models.reception import pct_check

BUDGET_PERIODS = ("11_months", "full_year_estimate")
BUDGET_LINES = ("revenue", "revenue_domestic_excl_land_lottery", "expenditure")
BASES = ("province_estimate", "council_estimate", "same_period_last_year")


class BudgetFigure(Base, PublicRecord):
    __tablename__ = "budget_figures"
    list_order = ("year", "id")  # its ListSpec in services.list_specs
    public_type = "budget_figure"

    council_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    year: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(24))
    line: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(300))
    amount_million_vnd: Mapped[Decimal] = mapped_column(Numeric(14, 1))
    pct_of_province_estimate: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    province_estimate_wording: Mapped[str | None] = mapped_column(String(200))
    pct_of_council_estimate: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    council_estimate_wording: Mapped[str | None] = mapped_column(String(200))
    pct_of_same_period_last_year: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    same_period_wording: Mapped[str | None] = mapped_column(String(200))
    quote: Mapped[str | None] = mapped_column(Text)

    constraints = (
        enum_check("period", BUDGET_PERIODS),
        enum_check("line", BUDGET_LINES),
        CheckConstraint("amount_million_vnd >= 0", name="amount_non_negative"),
        pct_check("pct_of_province_estimate"),
        pct_check("pct_of_council_estimate"),
        pct_check("pct_of_same_period_last_year"),
    )

    title = alias("label")

    def implied_base(self, basis: str) -> Decimal | None:
        """Derive the base a percentage implies: amount ÷ percentage, in million VND."""
        pct = getattr(self, f"pct_of_{basis}")
        if not pct:
            return None
        value = self.amount_million_vnd * 100 / pct
        return value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
