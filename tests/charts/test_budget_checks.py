"""Derived budget bases (SPEC §6.3): amount ÷ percentage, compared within a line, never decided."""

from decimal import Decimal

from portal.charts.rows import BudgetRow
from portal.services import budget, chart_queries


def _by(rows, line, period):
    return next(r for r in rows if r.line == line and r.period == period)


def _check(checks, line, basis):
    return next(c for c in checks if c.line == line and c.basis == basis)


def test_revenue_implies_one_consistent_province_estimate(app):
    rows = chart_queries.budget_rows()
    check = _check(budget.check_bases(rows), "revenue", "province_estimate")
    assert check.consistent
    assert [f.implied["province_estimate"] for f in check.figures] == [
        Decimal("418952"),
        Decimal("419048"),
    ]


def test_expenditure_implies_two_council_estimates_with_the_reports_wording(app):
    rows = chart_queries.budget_rows()
    check = _check(budget.check_bases(rows), "expenditure", "council_estimate")
    assert not check.consistent
    assert check.gap == Decimal("121471")
    implied = {
        f.period: (
            f.implied["council_estimate"],
            f.pct["council_estimate"],
            f.wording["council_estimate"],
        )
        for f in check.figures
    }
    assert implied["11_months"] == (
        Decimal("557743"),
        Decimal("84.7"),
        "dự toán thành phố giao đầu năm",
    )
    assert implied["full_year_estimate"] == (
        Decimal("679214"),
        Decimal("96.7"),
        "dự toán thành phố giao",
    )


def test_only_the_expenditure_council_estimate_disagrees(app):
    bad = [c for c in budget.check_bases(chart_queries.budget_rows()) if not c.consistent]
    assert [(c.line, c.basis) for c in bad] == [("expenditure", "council_estimate")]


def test_same_period_last_year_is_not_compared_across_periods(app):
    checks = budget.check_bases(chart_queries.budget_rows())
    assert all(c.basis != "same_period_last_year" for c in checks)
    expenditure = _by(chart_queries.budget_rows(), "expenditure", "11_months")
    assert expenditure.implied["same_period_last_year"] == Decimal("586842")


def _row(period, amount, pct):
    return BudgetRow(
        slug=period,
        year=2020,
        period=period,
        line="expenditure",
        label=period,
        amount=Decimal(amount),
        pct={"council_estimate": Decimal(pct)},
        wording={"council_estimate": None},
        implied={"council_estimate": Decimal(amount) * 100 / Decimal(pct)},
    )


def test_agreement_allows_the_rounding_of_the_printed_percentage():
    # 100 / 0.9 = 111.1 and 105 / 0.945 = 111.1: 94,5% printed as "95%" still agrees.
    checks = budget.check_bases([_row("11_months", "100", "90"), _row("full_year_estimate", "105", "95")])
    assert checks[0].consistent
    checks = budget.check_bases([_row("11_months", "100", "90.0"), _row("full_year_estimate", "110", "90.0")])
    assert not checks[0].consistent


def test_implied_range_widens_with_a_coarser_percentage():
    low, high = budget.implied_range(Decimal("440000"), Decimal("105"))
    assert low < Decimal("419048") < high
    assert high - low > Decimal("3000")
    low, high = budget.implied_range(Decimal("390463"), Decimal("93.2"))
    assert high - low < Decimal("500")
