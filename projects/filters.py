import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models import Project

# Larger numbers are no project number, and would overflow the database's integer.
MAX_NUMBER_DIGITS = 9


def search_projects(queryset, text):
    """A project number finds that project, other text searches the titles."""
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= MAX_NUMBER_DIGITS:
        return queryset.filter(number=int(text))
    return queryset.filter(title__icontains=text)


class ProjectSearchFilter(django_filters.CharFilter):
    """A text field instead of a select of every project (10,000 of them make a megabyte): number or title."""

    def __init__(self, field_name="project", **kwargs):
        kwargs.setdefault("label", _("Project: number or title"))
        super().__init__(field_name=field_name, **kwargs)

    def filter(self, qs, value):
        if not value or not value.strip():
            return qs
        projects = search_projects(Project.objects.all(), value)
        return qs.filter(**{f"{self.field_name}__in": projects})


class ProjectFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(label=_("Search"), method="filter_search")

    class Meta:
        model = Project
        fields = ["search", "action_field", "status", "kind", "visibility"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))
