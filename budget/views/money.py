"""The workspace's view of the money per project: external funding, the per-project table and a year's burn-down."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from budget.external_forms import ExternalFundingFilter, ExternalFundingForm
from budget.models import Allocation, BudgetLine, Expenditure, ExternalFunding
from strategy_portal.formatting import format_euro
from budget.selectors import (
    ProjectMoneyTable,
    burndown,
    money_rows,
    project_money_queryset,
    project_money_total,
)
from projects.models import Strategy
from strategy_portal.pagination import paginate
from strategy_portal.workspace import (
    WORKSPACE_HOME,
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    WorkspaceMixin,
)

# External funding ---------------------------------------------------------------------------------------------------


class ExternalFundingListView(ObjectListView):
    model = ExternalFunding
    queryset = ExternalFunding.objects.select_related("project")
    filterset_class = ExternalFundingFilter
    columns = ("funder", "project", "kind", "amount", "status", "applied_on", "decided_on")


class ExternalFundingDetailView(ObjectDetailView):
    model = ExternalFunding
    queryset = ExternalFunding.objects.select_related("project", "organisation")
    fields = ("project", "kind", "funder", "organisation", "amount", "status", "applied_on", "decided_on", "note")


class ExternalFundingCreateView(ObjectCreateView):
    model = ExternalFunding
    form_class = ExternalFundingForm
    initial_from_query = ("project",)  # a link from the project's money


class ExternalFundingUpdateView(ObjectUpdateView):
    model = ExternalFunding
    form_class = ExternalFundingForm


# The strategy's money -----------------------------------------------------------------------------------------------


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


def burndown_month_rows(table):
    """(label, spent, spent to date, remaining) per row of the burn-down table and its export; the rows before and
    after the year only where money was booked so."""
    rows = []
    if table.spent_before:
        before = _("Before %(year)s") % {"year": table.year}
        rows.append((before, table.spent_before, table.spent_before, table.available - table.spent_before))
    for month in table.months:
        rows.append((month_label(month.month), month.spent, month.spent_to_date, month.remaining))
    if table.spent_after:
        rows.append((_("After %(year)s") % {"year": table.year}, table.spent_after, table.spent, table.remaining))
    return rows


def month_label(day):
    """January 2025, in the active language."""
    return date_format(day, "YEAR_MONTH_FORMAT")


# The burn-down chart ------------------------------------------------------------------------------------------------
# Geometry in SVG user units, computed with Decimal like the money it draws; the SVG scales to its container.

CHART_WIDTH = 560
CHART_HEIGHT = 280
PLOT_LEFT = 92  # room for the amounts on the value axis ("72.577 €")
PLOT_RIGHT = 16
PLOT_TOP = 40  # room for the legend
PLOT_BOTTOM = 32  # room for the month labels
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class ChartLine:
    label: str
    colour: str
    points: str  # "x,y x,y …" for <polyline>
    legend_x: int
    dashed: bool = False


@dataclass(frozen=True)
class AxisLabel:
    text: str
    x: Decimal
    y: Decimal


@dataclass(frozen=True)
class LineChart:
    chart_id: str
    title: str
    description: str
    lines: list
    x_labels: list
    y_labels: list
    grid: list  # y of each value label's grid line
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    plot_left: int = PLOT_LEFT
    plot_right: int = CHART_WIDTH - PLOT_RIGHT
    plot_bottom: int = CHART_HEIGHT - PLOT_BOTTOM


def burndown_chart(table):
    """Remaining and spent-to-date per month as two lines over the months, with the available amount as a level."""
    values = [month.remaining for month in table.months] + [month.spent_to_date for month in table.months]
    low = min([*values, Decimal(0)])
    high = max([*values, table.available, Decimal(0)])
    scale = _Scale(low, high if high > low else low + 1)
    months = table.months
    series = [
        (_("Remaining"), "#0d3b66", [month.remaining for month in months], False),
        (_("Spent to date"), "#6a3d9a", [month.spent_to_date for month in months], False),
        (_("Available budget"), "#6c757d", [table.available] * len(months), True),
    ]
    lines, legend_x = [], PLOT_LEFT
    for label, colour, amounts, dashed in series:
        points = " ".join(f"{scale.x(index)},{scale.y(amount)}" for index, amount in enumerate(amounts))
        lines.append(ChartLine(label, colour, points, legend_x, dashed))
        legend_x += 28 + len(label) * 8
    levels = _spaced(sorted({low, Decimal(0), table.available, high}), scale)
    return LineChart(
        chart_id=f"burndown-{table.year}",
        title=_("Remaining and spent money in %(year)s, per month") % {"year": table.year},
        description=_describe(table),
        lines=lines,
        x_labels=[
            AxisLabel(date_format(month.month, "M"), scale.x(i), CHART_HEIGHT - 10) for i, month in enumerate(months)
        ],
        y_labels=[AxisLabel(format_euro(level), PLOT_LEFT - 8, scale.y(level) + 5) for level in levels],
        grid=[scale.y(level) for level in levels],
    )


@dataclass(frozen=True)
class _Scale:
    low: Decimal
    high: Decimal

    def x(self, index):
        width = CHART_WIDTH - PLOT_LEFT - PLOT_RIGHT
        return _tenth(PLOT_LEFT + Decimal(width) * (2 * index + 1) / 24)  # the middle of the month's twelfth

    def y(self, amount):
        height = CHART_HEIGHT - PLOT_TOP - PLOT_BOTTOM
        return _tenth(PLOT_TOP + Decimal(height) * (self.high - amount) / (self.high - self.low))


def _spaced(levels, scale, gap=16):
    """The value axis' labels, leaving out one that would overlap the one below it."""
    kept = []
    for level in levels:
        if not kept or scale.y(kept[-1]) - scale.y(level) >= gap:
            kept.append(level)
    return kept


def _tenth(value):
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def _describe(table):
    """The chart in one sentence, for screen readers; the table next to it holds every month's figures."""
    return _(
        "Available %(available)s, spent by the end of the year %(spent)s, remaining %(remaining)s. The table "
        "“Spending per month” holds the figures of each month."
    ) % {
        "available": format_euro(table.available),
        "spent": format_euro(table.spent),
        "remaining": format_euro(table.remaining),
    }
