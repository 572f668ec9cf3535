"""Budget performance: the estimates a reported percentage implies, and whether they agree (SPEC §6.3).

Derived values are amount ÷ percentage. A percentage printed as 84,7% stands for anything from
84,65% to 84,75%, so two figures agree when the ranges of the bases they imply overlap; the site
shows a disagreement and the report's wording for each base, and does not decide which is right.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from portal.charts.rows import BaseCheck, BudgetRow, SourceRef
from portal.models import BudgetFigure
from portal.models.budget import BASES

# Estimates are set for the whole year, so every period's figure of a line must imply the same one.
# The same period of last year is a different base for each period and is not compared.
ANNUAL_BASES = ("province_estimate", "council_estimate")
WORDING_COLUMNS = {
    "province_estimate": "province_estimate_wording",
    "council_estimate": "council_estimate_wording",
    "same_period_last_year": "same_period_wording",
}


def implied_range(amount: Decimal, pct: Decimal) -> tuple[Decimal, Decimal]:
    """The bases consistent with a percentage given the precision it was printed with."""
    exponent = Decimal(pct).normalize().as_tuple().exponent
    half_unit = Decimal("0.5").scaleb(min(0, exponent))
    amount = Decimal(amount)
    return amount * 100 / (Decimal(pct) + half_unit), amount * 100 / (Decimal(pct) - half_unit)


def budget_row(figure: BudgetFigure, source: SourceRef | None = None) -> BudgetRow:
    """Turn a stored figure into a row carrying its percentages, wordings and implied bases."""
    pct = {b: getattr(figure, f"pct_of_{b}") for b in BASES}
    return BudgetRow(
        slug=figure.slug,
        year=figure.year,
        period=figure.period,
        line=figure.line,
        label=figure.label,
        amount=Decimal(figure.amount_million_vnd),
        pct={b: (Decimal(v).normalize() if v is not None else None) for b, v in pct.items()},
        wording={b: getattr(figure, WORDING_COLUMNS[b]) for b in BASES},
        implied={b: figure.implied_base(b) for b in BASES},
        quote=figure.quote,
        source=source,
    )


def _check(figures: list[BudgetRow], basis: str) -> BaseCheck:
    ranges = [implied_range(f.amount, f.pct[basis]) for f in figures]
    consistent = max(low for low, _ in ranges) <= min(high for _, high in ranges)
    values = [f.implied[basis] for f in figures]
    first = figures[0]
    return BaseCheck(
        year=first.year,
        line=first.line,
        basis=basis,
        figures=tuple(figures),
        consistent=consistent,
        gap=max(values) - min(values),
    )


def check_bases(rows: list[BudgetRow]) -> list[BaseCheck]:
    """Compare the estimates implied by every figure of a line and year, basis by basis."""
    groups: dict[tuple, list[BudgetRow]] = defaultdict(list)
    for row in rows:
        for basis in ANNUAL_BASES:
            if row.pct.get(basis):
                groups[(row.year, row.line, basis)].append(row)
    return [_check(figures, key[2]) for key, figures in groups.items() if len(figures) > 1]
