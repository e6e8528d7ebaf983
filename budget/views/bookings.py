"""The workspace pages of the money booked on budget lines: allocations to projects and expenditures."""

from accounts import roles
from budget.filters import AllocationFilter, ExpenditureFilter
from budget.forms import AllocationForm, ExpenditureForm
from budget.models import Allocation, Expenditure
from strategy_portal.workspace import ObjectCreateView, ObjectDetailView, ObjectListView, ObjectUpdateView

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
