"""CSV and XLSX of the workspace's budget tables: the financing table, the money per project and a year's burn-down
(the rows: budget/tables.py). The public financing table's download: views/public.py."""

from django.http import Http404
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.views import View

from budget.models import Allocation, BudgetLine, Expenditure
from budget.selectors import burndown, financing_table, project_money
from budget.tables import burndown_rows, financing_rows, project_money_rows
from budget.views.money import chosen_strategy
from strategy_portal.exports import table_response
from strategy_portal.workspace import WorkspaceMixin


def export(format, name, strategy, table_rows, *suffix):
    headers, rows = table_rows
    headers = [capfirst(str(header)) for header in headers]
    filename = "-".join(str(part) for part in (slugify(name), strategy.slug, *suffix))
    return table_response(filename, headers, rows, format=format)


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
