"""The workspace pages of the money booked on budget lines: allocations to projects and expenditures."""

from accounts import roles
from budget.filters import AllocationFilter, ExpenditureFilter
from budget.forms import AllocationForm, ExpenditureForm
from budget.models import Allocation, Expenditure
from strategy_portal.workspace import ObjectDetailView, ObjectFormView, ObjectListView

BOOKING_RELATIONS = ("project", "budget_line__strategy")
# A booking's create page opened from a budget line or a project (?budget_line=4&project=9) starts with them chosen.
BOOKING_QUERY_FIELDS = ("budget_line", "project")


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


class AllocationFormView(ObjectFormView):
    """Create or edit an allocation; an administrator may allocate more than the line has left, with a reason."""

    model = Allocation
    form_class = AllocationForm
    initial_from_query = BOOKING_QUERY_FIELDS

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "may_override": may_exceed_budget(self.request.user)}


def may_exceed_budget(user):
    """Only an administrator may allocate more than a line has left (and must say why)."""
    return user.is_superuser or user.groups.filter(name=roles.ADMIN).exists()


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


class ExpenditureFormView(ObjectFormView):
    model = Expenditure
    form_class = ExpenditureForm
    initial_from_query = BOOKING_QUERY_FIELDS
