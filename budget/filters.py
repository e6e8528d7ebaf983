import django_filters
from django.utils.translation import gettext_lazy as _

from budget.models import Allocation, BudgetLine, Expenditure
from projects.models import Project
from strategy_portal.forms import SearchableSelect


class BudgetLineFilter(django_filters.FilterSet):
    class Meta:
        model = BudgetLine
        fields = ["strategy", "year", "budget_part"]


class BookingFilter(django_filters.FilterSet):
    """Allocations and expenditures by the fiscal year of their budget line and by project."""

    year = django_filters.NumberFilter(field_name="budget_line__year", label=_("fiscal year"))
    project = django_filters.ModelChoiceFilter(
        queryset=Project.objects.all(), label=_("project"), widget=SearchableSelect
    )


class AllocationFilter(BookingFilter):
    class Meta:
        model = Allocation
        fields = ["year", "project"]


class ExpenditureFilter(BookingFilter):
    class Meta:
        model = Expenditure
        fields = ["year", "project"]
