from typing import Any, TypeVar

import django_filters
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from stakeholders.models import Body, Meeting, Organisation, ParticipationEvent, Person

M = TypeVar("M", bound=Model)


def search_organisations(queryset: QuerySet[Organisation], text: str) -> QuerySet[Organisation]:
    return queryset.filter(Q(name__icontains=text) | Q(short_name__icontains=text))


def search_persons(queryset: QuerySet[Person], text: str) -> QuerySet[Person]:
    return queryset.filter(name__icontains=text)


class OrganisationSearchFilter(django_filters.CharFilter):
    """A text field instead of a select of every organisation: its name or short name."""

    def __init__(self, field_name: str = "organisation", **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Organisation: name or short name"))
        super().__init__(field_name=field_name, **kwargs)

    def filter(self, qs: QuerySet[M], value: str | None) -> QuerySet[M]:
        if not value or not value.strip():
            return qs
        organisations = search_organisations(Organisation.objects.all(), value.strip())
        return qs.filter(**{f"{self.field_name}__in": organisations})


def search_filter() -> django_filters.CharFilter:
    return django_filters.CharFilter(label=_("Search"), method="filter_search")


class OrganisationFilter(django_filters.FilterSet):
    search = search_filter()

    class Meta:
        model = Organisation
        fields = ["search", "category", "is_sponsor"]

    def filter_search(self, queryset: QuerySet[Organisation], name: str, value: str) -> QuerySet[Organisation]:
        return search_organisations(queryset, value)


class PersonFilter(django_filters.FilterSet):
    search = search_filter()
    organisation = OrganisationSearchFilter()

    class Meta:
        model = Person
        fields = ["search", "organisation", "public_figure"]

    def filter_search(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        return queryset.filter(Q(name__icontains=value) | Q(public_function__icontains=value))


class BodyFilter(django_filters.FilterSet):
    search = search_filter()

    class Meta:
        model = Body
        fields = ["search", "kind"]

    def filter_search(self, queryset: QuerySet[Body], name: str, value: str) -> QuerySet[Body]:
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))


class MeetingFilter(django_filters.FilterSet):
    class Meta:
        model = Meeting
        fields = ["body", "is_public"]


class ParticipationEventFilter(django_filters.FilterSet):
    search = search_filter()

    class Meta:
        model = ParticipationEvent
        fields = ["search", "kind"]

    def filter_search(
        self, queryset: QuerySet[ParticipationEvent], name: str, value: str
    ) -> QuerySet[ParticipationEvent]:
        return queryset.filter(
            Q(title__icontains=value) | Q(description__icontains=value) | Q(outcomes__icontains=value)
        )
