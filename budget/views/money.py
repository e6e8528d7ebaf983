"""The workspace's tables of a strategy's money: the money per project and a year's burn-down (with its chart)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from budget.charts import burndown_chart
from budget.models import Allocation, BudgetLine, Expenditure
from budget.selectors import (
    ProjectMoneyTable,
    burndown,
    money_rows,
    project_money_queryset,
    project_money_total,
)
from budget.tables import burndown_month_rows
from projects.models import Strategy
from strategy_portal.pagination import paginate
from strategy_portal.workspace import WORKSPACE_HOME, WorkspaceMixin


def chosen_strategy(request):
    """`?strategy=` names the strategy, else the featured one (None if there is none)."""
    pk = request.GET.get("strategy", "")
    if pk.isdigit():
        return get_object_or_404(Strategy, pk=pk)
    return Strategy.objects.filter(is_featured=True).first()


class StrategyMoneyView(WorkspaceMixin, TemplateView):
    """A budget table of one strategy, with the strategy choice and its CSV/XLSX links. `model` and `action` name
    the permission (see WorkspaceMixin)."""

    title = ""

    def get_breadcrumbs(self):
        return [
            (_("Workspace"), reverse(WORKSPACE_HOME)),
            (BudgetLine._meta.verbose_name_plural, reverse("budget:budgetline-list")),
            (self.title, None),
        ]

    def get_context_data(self, **kwargs):
        strategy = chosen_strategy(self.request)
        context = super().get_context_data(
            strategy=strategy, strategies=Strategy.objects.order_by("title"), title=self.title, **kwargs
        )
        if strategy is not None:
            context.update(self.get_table_context(strategy))
        return context


class ProjectMoneyView(StrategyMoneyView):
    """Per project: allocated, external funding approved and applied for, spent and left; with totals."""

    model = Allocation
    action = "view"
    template_name = "budget/project_money.html"

    @property
    def title(self):
        return _("Money per project")

    def get_table_context(self, strategy):
        """A page of the projects (the table would grow with the strategy), with the totals of all of them."""
        pages = paginate(self.request, project_money_queryset(strategy), per_page=50, anchor="project-money")
        return {
            "pages": pages,
            "table": ProjectMoneyTable(money_rows(pages.rows), project_money_total(strategy)),
            "years": list(strategy.budget_years),
            "can_add_external": self.request.user.has_perm("budget.add_externalfunding"),
        }


class BurndownView(StrategyMoneyView):
    """One fiscal year: what is available and allocated, and per month what was spent and what remains."""

    model = Expenditure
    action = "view"
    template_name = "budget/burndown.html"

    @property
    def title(self):
        return _("Spending in %(year)s") % {"year": self.kwargs["year"]}

    def get_table_context(self, strategy):
        year = self.kwargs["year"]
        table = burndown(strategy, year)
        return {
            "year": year,
            "table": table,
            "years": list(strategy.budget_years),
            "month_rows": burndown_month_rows(table),
            "chart": burndown_chart(table),
        }
