from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from accounts import roles
from budget.filters import AllocationFilter, BudgetLineFilter, ExpenditureFilter
from budget.forms import (
    AllocationForm,
    BudgetLineForm,
    ExpenditureForm,
    FundingSourceFormSet,
    FundingSourceFormSetWithoutDelete,
)
from budget.models import MONEY, ZERO, Allocation, BudgetLine, Expenditure
from strategy_portal.formatting import format_euro
from budget.selectors import financing_table
from projects.models import Strategy
from strategy_portal.pagination import paginate
from strategy_portal.workspace import ObjectCreateView, ObjectDetailView, ObjectListView, ObjectUpdateView

# Budget lines -------------------------------------------------------------------------------------------------------


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
        context = super().get_context_data(
            sources=line.sources.all(),
            allocations=paginate(self.request, allocations, param="zuweisungen", anchor="allocations-heading"),
            allocated=total_amount(line.allocations),
            expenditures=paginate(self.request, expenditures, param="ausgaben", anchor="expenditures-heading"),
            spent=total_amount(line.expenditures),
            can_allocate=self.request.user.has_perm("budget.add_allocation"),
            can_spend=self.request.user.has_perm("budget.add_expenditure"),
            **kwargs,
        )
        context["rows"] += [
            (_("available"), format_euro(line.available_amount)),
            (_("shortfall"), format_euro(line.shortfall_amount)),
        ]
        return context


def total_amount(bookings):
    """One query: the sum of the bookings' amounts, 0.00 without any."""
    return bookings.aggregate(total=Coalesce(Sum("amount"), ZERO, output_field=MONEY))["total"]


class FundingSourcesMixin:
    """The line's funding sources as an inline formset; removing one needs the permission to delete sources."""

    form_class = BudgetLineForm

    @property
    def inlines(self):
        if self.request.user.has_perm("budget.delete_fundingsource"):
            return (FundingSourceFormSet,)
        return (FundingSourceFormSetWithoutDelete,)


class BudgetLineCreateView(FundingSourcesMixin, ObjectCreateView):
    model = BudgetLine

    def get_initial(self):
        return {"strategy": Strategy.objects.filter(is_featured=True).first()}


class BudgetLineUpdateView(FundingSourcesMixin, ObjectUpdateView):
    model = BudgetLine


# Allocations and expenditures ---------------------------------------------------------------------------------------

BOOKING_RELATIONS = ("project", "budget_line__strategy")


class BookingFormMixin:
    """Create and update of an allocation or expenditure; `?budget_line=` and `?project=` preselect the fields."""

    initial_from_query = ("budget_line", "project")


class AllocationFormMixin(BookingFormMixin):
    model = Allocation
    form_class = AllocationForm

    def get_form_kwargs(self):
        user = self.request.user
        may_override = user.is_superuser or user.groups.filter(name=roles.ADMIN).exists()
        return {**super().get_form_kwargs(), "may_override": may_override}


class AllocationListView(ObjectListView):
    model = Allocation
    queryset = Allocation.objects.select_related("project", "budget_line")
    filterset_class = AllocationFilter
    columns = ("project", "budget_line", "amount", "decided_on", "note")


class AllocationDetailView(ObjectDetailView):
    model = Allocation
    queryset = Allocation.objects.select_related(*BOOKING_RELATIONS)
    template_name = "budget/booking_detail.html"
    fields = ("project", "budget_line", "amount", "decided_on", "note", "override_reason")


class AllocationCreateView(AllocationFormMixin, ObjectCreateView):
    pass


class AllocationUpdateView(AllocationFormMixin, ObjectUpdateView):
    pass


class ExpenditureListView(ObjectListView):
    model = Expenditure
    queryset = Expenditure.objects.select_related("project", "budget_line")
    filterset_class = ExpenditureFilter
    columns = ("spent_on", "project", "budget_line", "amount", "purpose")


class ExpenditureDetailView(ObjectDetailView):
    model = Expenditure
    queryset = Expenditure.objects.select_related(*BOOKING_RELATIONS)
    template_name = "budget/booking_detail.html"
    fields = ("project", "budget_line", "spent_on", "amount", "purpose")


class ExpenditureCreateView(BookingFormMixin, ObjectCreateView):
    model = Expenditure
    form_class = ExpenditureForm


class ExpenditureUpdateView(BookingFormMixin, ObjectUpdateView):
    model = Expenditure
    form_class = ExpenditureForm
