"""The workspace pages of budget lines with their funding sources. Carrying a line over: views/carry_over.py."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from budget import services
from budget.filters import BudgetLineFilter
from budget.forms import BudgetLineForm, FundingSourceFormSet, FundingSourceFormSetWithoutDelete
from budget.models import BudgetLine, CarryOver
from budget.selectors import financing_table, total_amount
from projects.models import Strategy
from strategy_portal.formatting import format_euro
from strategy_portal.pagination import paginate
from strategy_portal.workspace import ObjectDetailView, ObjectFormView, ObjectListView


class BudgetLineListView(ObjectListView):
    """The lines with their available amount and shortfall, and the financing table's sums for one strategy."""

    model = BudgetLine
    # A grouped query ignores Meta.ordering: order explicitly, or pages would overlap.
    queryset = BudgetLine.objects.with_amounts().order_by("strategy", "year", "budget_part")
    filterset_class = BudgetLineFilter
    template_name = "budget/budgetline_list.html"
    columns = ("year", "budget_part", "account_label", "required_amount")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        strategy = self.totals_strategy()
        if strategy is not None:
            context.update(totals_strategy=strategy, totals=financing_table(strategy))
        return context

    def totals_strategy(self):
        """The strategy chosen in the filter, else the featured one."""
        if self.filterset.is_valid() and self.filterset.form.cleaned_data.get("strategy"):
            return self.filterset.form.cleaned_data["strategy"]
        return Strategy.objects.filter(is_featured=True).first()


class BudgetLineDetailView(ObjectDetailView):
    model = BudgetLine
    queryset = BudgetLine.objects.with_amounts().select_related("strategy")
    template_name = "budget/budgetline_detail.html"
    fields = (
        "strategy", "year", "budget_part", "product_group", "department", "account_label", "required_amount",
        "remark", "coverage_proposal",
    )  # fmt: skip

    def get_context_data(self, **kwargs):
        line = self.object
        # A line can fund hundreds of projects: its bookings are shown a page at a time, their totals summed by the
        # database over all of them.
        allocations = line.allocations.select_related("project").order_by("project__number", "pk")
        expenditures = line.expenditures.select_related("project").order_by("-spent_on", "pk")
        carry_overs = CarryOver.objects.filter(Q(origin=line) | Q(target=line)).select_related("origin", "target")
        records = list(carry_overs.order_by("created", "pk"))
        context = super().get_context_data(
            sources=line.sources.all(),
            carry_over_records=records,
            carry_overs_in=[record for record in records if record.target_id == line.pk and not record.undone_at],
            carry_overs_out=[record for record in records if record.origin_id == line.pk and not record.undone_at],
            allocations=paginate(self.request, allocations, param="zuweisungen", anchor="allocations-heading"),
            allocated=total_amount(line.allocations),
            expenditures=paginate(self.request, expenditures, param="ausgaben", anchor="expenditures-heading"),
            spent=total_amount(line.expenditures),
            can_allocate=self.request.user.has_perm("budget.add_allocation"),
            can_spend=self.request.user.has_perm("budget.add_expenditure"),
            **kwargs,
        )
        context["rows"] += [
            (_("available"), format_euro(line.available_amount, cents=True)),
            (_("shortfall"), format_euro(line.shortfall_amount, cents=True)),
        ]
        return context


class BudgetLineFormView(ObjectFormView):
    """Create or edit a line with its funding sources; a new line starts in the featured strategy."""

    model = BudgetLine
    form_class = BudgetLineForm

    @property
    def inlines(self):
        """Removing a funding source needs the permission to delete sources."""
        if self.request.user.has_perm("budget.delete_fundingsource"):
            return (FundingSourceFormSet,)
        return (FundingSourceFormSetWithoutDelete,)

    def save(self, form):
        """Through the budget services: the line is locked, and its sources may not fall below its allocations."""
        (sources,) = self.formsets
        return services.save_budget_line(form.instance, write_sources=lambda line: _save_formset(sources, line))

    def get_initial(self):
        if self.creating:
            return {"strategy": Strategy.objects.filter(is_featured=True).first()}
        return super().get_initial()


def _save_formset(formset, line):
    formset.instance = line
    formset.save()
