"""List filters of the strategy's structure. Every list can be narrowed to one strategy (?strategy=<id>)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models import ActionField, ExternalInitiative, Finding, Phase, StrategicGoal, Strategy


class SearchFilterSet(django_filters.FilterSet):
    """A free-text search over `search_fields`."""

    search = django_filters.CharFilter(label=_("Search"), method="filter_search")
    search_fields = ()

    def filter_search(self, queryset, name, value):
        query = Q()
        for field in self.search_fields:
            query |= Q(**{f"{field}__icontains": value})
        return queryset.filter(query)


class StrategyFilter(SearchFilterSet):
    search_fields = ("title", "vision")

    class Meta:
        model = Strategy
        fields = ["search", "is_featured"]


class PhaseFilter(SearchFilterSet):
    search_fields = ("title", "description")

    class Meta:
        model = Phase
        fields = ["search", "strategy", "status"]


class StrategicGoalFilter(SearchFilterSet):
    search_fields = ("statement", "description")

    class Meta:
        model = StrategicGoal
        fields = ["search", "strategy"]


class ActionFieldFilter(SearchFilterSet):
    search_fields = ("title", "short_title", "description")

    class Meta:
        model = ActionField
        fields = ["search", "strategy", "goals"]


class FindingFilter(SearchFilterSet):
    search_fields = ("statement",)

    class Meta:
        model = Finding
        fields = ["search", "strategy", "event", "action_fields"]


class ExternalInitiativeFilter(SearchFilterSet):
    search_fields = ("title", "responsible", "description")

    class Meta:
        model = ExternalInitiative
        fields = ["search", "strategy", "level", "action_fields"]
