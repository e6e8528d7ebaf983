"""List filters: the workspace's projects and the strategy's structure (every list can be narrowed to one strategy,
?strategy=<id>), the project search other apps' filters use, and the public project list at /projekte/."""

from typing import Any, TypeVar

import django_filters
from django.db.models import F, Model, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.http import HttpRequest
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from projects.models import (
    ActionField,
    ExternalInitiative,
    Finding,
    Phase,
    Project,
    StatusReport,
    StrategicGoal,
    Strategy,
)

NO_REPORT = "none"  # ?ampel=none: the projects without a status report
# Larger numbers are no project number, and would overflow the database's integer.
MAX_NUMBER_DIGITS = 9

M = TypeVar("M", bound=Model)


def search_projects(queryset: QuerySet[Project], text: str) -> QuerySet[Project]:
    """A project number finds that project, other text searches the titles."""
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= MAX_NUMBER_DIGITS:
        return queryset.filter(number=int(text))
    return queryset.filter(title__icontains=text)


class ProjectSearchFilter(django_filters.CharFilter):
    """A text field instead of a select of every project (10,000 of them make a megabyte): number or title."""

    def __init__(self, field_name: str = "project", **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Project: number or title"))
        super().__init__(field_name=field_name, **kwargs)

    def filter(self, qs: QuerySet[M], value: str | None) -> QuerySet[M]:
        if not value or not value.strip():
            return qs
        projects = search_projects(Project.objects.all(), value)
        return qs.filter(**{f"{self.field_name}__in": projects})


class ProjectFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(label=_("Search"), method="filter_search")

    class Meta:
        model = Project
        fields = ["search", "action_field", "status", "kind", "visibility"]

    def filter_search(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))


# The strategy's structure --------------------------------------------------------------------------------------------


class SearchFilterSet(django_filters.FilterSet):
    """A free-text search over `search_fields`."""

    search = django_filters.CharFilter(label=_("Search"), method="filter_search")
    search_fields: tuple[str, ...] = ()

    def filter_search(self, queryset: QuerySet[M], name: str, value: str) -> QuerySet[M]:
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


# The public project list ---------------------------------------------------------------------------------------------


def featured_action_fields(request: HttpRequest) -> QuerySet[ActionField]:
    return ActionField.objects.filter(strategy__is_featured=True)


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Projects without a status report sort last either way; the number breaks ties, so pages never overlap."""

    def get_ordering_value(self, param: str) -> OrderBy:
        descending = param.startswith("-")
        field = F(self.param_map.get(param.lstrip("-"), param.lstrip("-")))
        return field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)

    def filter(self, qs: QuerySet[M], value: list[str] | None) -> QuerySet[M]:
        ordering = [self.get_ordering_value(param) for param in value or () if param]
        return qs.order_by(*ordering, "number") if ordering else qs


class PublicProjectFilter(django_filters.FilterSet):
    """The query parameters of /projekte/ are German and part of the contract: links to filtered lists are shared."""

    suche = django_filters.CharFilter(label=_("Search"), method="filter_text")
    handlungsfeld = django_filters.ModelChoiceFilter(
        label=capfirst(_("action field")),
        field_name="action_field",
        to_field_name="slug",
        queryset=featured_action_fields,
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(
        label=capfirst(_("status")), choices=Project.Status.choices, empty_label=_("All")
    )
    art = django_filters.ChoiceFilter(
        label=capfirst(_("kind of project")), field_name="kind", choices=Project.Kind.choices, empty_label=_("All")
    )
    ampel = django_filters.ChoiceFilter(
        label=capfirst(_("traffic light")),
        field_name="latest_traffic_light",
        choices=StatusReport.TrafficLight.choices,
        empty_label=_("All"),
        null_label=_("No status report yet"),
        null_value=NO_REPORT,
    )
    sortierung = NullsLastOrderingFilter(
        label=_("Sort by"),
        fields=(
            ("number", "nummer"),
            ("title", "titel"),
            ("status_rank", "status"),
            ("latest_report_date", "sachstand"),
        ),
        field_labels={
            "number": capfirst(_("number")),
            "title": capfirst(_("title")),
            "status_rank": capfirst(_("status")),
            "latest_report_date": _("Date of the newest status report"),
        },
        empty_label=None,
    )

    class Meta:
        model = Project
        fields: list[str] = []

    def filter_text(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))
