import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stakeholders.models import Body, Meeting, Organisation, ParticipationEvent, Person
from strategy_portal.forms import SearchableSelect


def search_filter():
    return django_filters.CharFilter(label=_("Search"), method="filter_search")


class OrganisationFilter(django_filters.FilterSet):
    search = search_filter()

    class Meta:
        model = Organisation
        fields = ["search", "category", "is_sponsor"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))


class PersonFilter(django_filters.FilterSet):
    search = search_filter()
    organisation = django_filters.ModelChoiceFilter(
        label=_("organisation"), queryset=Organisation.objects.all(), widget=SearchableSelect
    )

    class Meta:
        model = Person
        fields = ["search", "organisation", "public_figure"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(public_function__icontains=value))


class BodyFilter(django_filters.FilterSet):
    search = search_filter()

    class Meta:
        model = Body
        fields = ["search", "kind"]

    def filter_search(self, queryset, name, value):
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

    def filter_search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(description__icontains=value) | Q(outcomes__icontains=value)
        )
