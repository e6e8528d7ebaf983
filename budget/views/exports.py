"""CSV and XLSX of the budget tables: the financing table (as the committee paper prints it), the money per project
and a year's burn-down. The figures come from budget.selectors, like the pages'."""

from django.http import Http404
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.views import View

from budget.models import Allocation, BudgetLine, Expenditure
from budget.money_views import burndown_month_rows, chosen_strategy
from budget.selectors import burndown, financing_table, project_money
from projects.models import Strategy
from strategy_portal.exports import table_response
from strategy_portal.workspace import WorkspaceMixin

# Tables: (headers, rows) of typed cells ------------------------------------------------------------------------------


def financing_rows(table):
    """Year, available, required, shortfall, then the line's budget keys and texts; the sum row last."""
    headers = [
        _("Year"),
        _("Available budget"),
        _("Required"),
        _("Shortfall"),
        _("budget part"),
        _("product group / investment order"),
        _("department"),
        _("account label"),
        _("remarks"),
        _("coverage proposal"),
    ]
    rows = [
        [
            line.year,
            line.available_amount,
            line.required_amount,
            line.shortfall_amount,
            line.get_budget_part_display(),
            line.product_group,
            line.department,
            line.account_label,
            line.remark,
            line.coverage_proposal,
        ]
        for line in table.lines
    ]
    rows.append([_("Total"), table.available, table.required, table.shortfall, *[None] * 6])
    return headers, rows


def project_money_rows(table):
    headers = [
        _("number"),
        _("project"),
        _("allocated"),
        _("external funding approved"),
        _("external funding applied for"),
        _("spent"),
        _("left"),
    ]
    rows = [[row.project.number, row.project.title, *_project_amounts(row)] for row in table.rows]
    rows.append([None, _("Total"), *_project_amounts(table.total)])
    return headers, rows


def _project_amounts(row):
    return [row.allocated, row.external_approved, row.external_applied, row.spent, row.left]


def burndown_rows(table):
    headers = [_("Month"), _("Spent"), _("Spent to date"), _("Remaining")]
    rows = [[_("Available budget"), None, None, table.available]]
    rows += [list(row) for row in burndown_month_rows(table)]
    rows.append([_("Total"), table.spent, table.spent, table.remaining])
    return headers, rows


def export(format, name, strategy, table_rows, *suffix):
    headers, rows = table_rows
    headers = [capfirst(str(header)) for header in headers]
    filename = "-".join(str(part) for part in (slugify(name), strategy.slug, *suffix))
    return table_response(filename, headers, rows, format=format)


# Views --------------------------------------------------------------------------------------------------------------


class PublicFinancesExportView(View):
    """Public, like /finanzen/: the featured strategy's financing table."""

    def get(self, request, format):
        strategy = Strategy.objects.filter(is_featured=True).first()
        if strategy is None:
            raise Http404("No strategy has been published yet.")
        return export(format, _("financing"), strategy, financing_rows(financing_table(strategy)))


class StrategyExportView(WorkspaceMixin, View):
    """A budget table of the strategy named by `?strategy=` (else the featured one) in the workspace."""

    def get(self, request, format, **kwargs):
        strategy = chosen_strategy(request)
        if strategy is None:
            raise Http404("No strategy given and none is featured.")
        return self.export(format, strategy)


class FinancingExportView(StrategyExportView):
    model = BudgetLine
    action = "view"

    def export(self, format, strategy):
        return export(format, _("financing"), strategy, financing_rows(financing_table(strategy)))


class ProjectMoneyExportView(StrategyExportView):
    model = Allocation
    action = "view"

    def export(self, format, strategy):
        return export(format, _("money per project"), strategy, project_money_rows(project_money(strategy)))


class BurndownExportView(StrategyExportView):
    model = Expenditure
    action = "view"

    def export(self, format, strategy):
        year = self.kwargs["year"]
        return export(format, _("spending"), strategy, burndown_rows(burndown(strategy, year)), year)
