import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models import Project


class ProjectFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(label=_("Search"), method="filter_search")

    class Meta:
        model = Project
        fields = ["search", "action_field", "status", "kind", "visibility"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))
