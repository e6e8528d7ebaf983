"""The budget tables as rows of typed cells, for the workspace's pages and their CSV and XLSX downloads: the
financing table (as the committee paper prints it), the money per project and a year's burn-down. The figures come
from budget.selectors, like the pages'; no queries here."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from budget.selectors import Burndown, FinancingTable, ProjectMoney, ProjectMoneyTable

# A table as strategy_portal/exports.py writes it: headers, and rows of typed cells.
Table = tuple[list[str], list[list[object]]]


def financing_rows(table: FinancingTable) -> Table:
    """Year, available (after carry-overs), required, shortfall, what was carried in and out, then the line's budget
    keys and texts; the sum row last (its carry-overs cancel out and are left empty)."""
    headers = [
        _("Year"),
        _("Available budget"),
        _("Required"),
        _("Shortfall"),
        _("Carried over from the previous year"),
        _("Carried over into the next year"),
        _("budget part"),
        _("product group / investment order"),
        _("department"),
        _("account label"),
        _("remarks"),
        _("coverage proposal"),
    ]
    rows: list[list[object]] = [
        [
            line.year,
            line.available_amount,
            line.required_amount,
            line.shortfall_amount,
            line.carried_in_amount,
            line.carried_out_amount,
            line.get_budget_part_display(),
            line.product_group,
            line.department,
            line.account_label,
            line.remark,
            line.coverage_proposal,
        ]
        for line in table.lines
    ]
    rows.append([_("Total"), table.available, table.required, table.shortfall, *[None] * 8])
    return headers, rows


def project_money_rows(table: ProjectMoneyTable) -> Table:
    headers = [
        _("number"),
        _("project"),
        _("allocated"),
        _("external funding approved"),
        _("external funding applied for"),
        _("spent"),
        _("left"),
    ]
    rows: list[list[object]] = [[row.project.number, row.project.title, *_project_amounts(row)] for row in table.rows]
    rows.append([None, _("Total"), *_project_amounts(table.total)])
    return headers, rows


def _project_amounts(row: ProjectMoney[Any]) -> list[Decimal]:
    return [row.allocated, row.external_approved, row.external_applied, row.spent, row.left]


def burndown_rows(table: Burndown) -> Table:
    headers = [_("Month"), _("Spent"), _("Spent to date"), _("Remaining")]
    rows: list[list[object]] = [[_("Available budget"), None, None, table.available]]
    rows += [list(row) for row in burndown_month_rows(table)]
    rows.append([_("Total"), table.spent, table.spent, table.remaining])
    return headers, rows


def burndown_month_rows(table: Burndown) -> list[tuple[str, Decimal, Decimal, Decimal]]:
    """(label, spent, spent to date, remaining) per row of the burn-down table and its export; the rows before and
    after the year only where money was booked so."""
    rows: list[tuple[str, Decimal, Decimal, Decimal]] = []
    if table.spent_before:
        before = _("Before %(year)s") % {"year": table.year}
        rows.append((before, table.spent_before, table.spent_before, table.available - table.spent_before))
    for month in table.months:
        rows.append((month_label(month.month), month.spent, month.spent_to_date, month.remaining))
    if table.spent_after:
        rows.append((_("After %(year)s") % {"year": table.year}, table.spent_after, table.spent, table.remaining))
    return rows


def month_label(day: datetime.date) -> str:
    """January 2025, in the active language."""
    return date_format(day, "YEAR_MONTH_FORMAT")
