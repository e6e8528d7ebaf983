"""The public project pages: the filterable list at /projekte/ and a project's page at /projekte/<slug>/.

Both show the projects of the featured strategy that `Project.objects.for_public(user)` lets the visitor see:
anonymous visitors published, non-archived ones; committee, editors and administrators internal ones too. Persons
never appear, only organisations with their roles.
"""

import datetime
from decimal import Decimal

import django_filters
from django.db.models import Case, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from projects.models import ActionField, Measurement, Project, StatusReport

NO_REPORT = "none"


def public_projects(user):
    """The featured strategy's projects the user may see on public pages, with their newest report's state."""
    return Project.objects.for_public(user).filter(strategy__is_featured=True).with_latest_report()


def status_rank():
    """The status in lifecycle order (idea first): sorting by status follows the process, not the alphabet."""
    whens = [When(status=status, then=Value(rank)) for rank, status in enumerate(Project.Status.values)]
    return Case(*whens, output_field=IntegerField())


def featured_action_fields(request):
    return ActionField.objects.filter(strategy__is_featured=True)


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Projects without a status report sort last either way; the number breaks ties, so pages never overlap."""

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        field = F(self.param_map.get(param.lstrip("-"), param.lstrip("-")))
        return field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)

    def filter(self, qs, value):
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
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))


class PublicProjectListView(FilterView):
    """Public: the featured strategy's projects, filterable, sortable, 25 a page."""

    filterset_class = PublicProjectFilter
    template_name = "projects/public_project_list.html"
    context_object_name = "projects"
    paginate_by = 25

    def get_queryset(self):
        return public_projects(self.request.user).select_related("action_field").annotate(status_rank=status_rank())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_filtered"] = any(value for key, value in self.request.GET.items() if key != "page")
        page = context["page_obj"]
        if page is not None:
            context["page_range"] = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        return context


class PublicProjectDetailView(DetailView):
    """Public: a project of the featured strategy with its current state, milestones, indicators and budget.
    Committee, editors and administrators also see every status report; everyone else only the newest one's
    traffic light and progress."""

    template_name = "projects/public_project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return public_projects(self.request.user).select_related("action_field", "lead_organisation")

    def get_context_data(self, **kwargs):
        project = self.object
        may_see_reports = self.request.user.has_perm("projects.view_all_projects")
        # Only what the office has published: a submitted or returned report is not yet the project's state.
        published_reports = project.status_reports.filter(state=StatusReport.State.PUBLISHED)
        return super().get_context_data(
            focus_areas=project.focus_areas.all(),
            partners=project.project_partners.select_related("organisation"),
            timeline=MilestoneTimeline(project.milestones.all(), timezone.localdate()),
            indicators=[IndicatorRow(indicator) for indicator in indicators_with_latest_measurement(project)],
            allocated=project.allocations.aggregate(total=Sum("amount"))["total"],
            status_reports=published_reports if may_see_reports else None,
            **kwargs,
        )


def indicators_with_latest_measurement(project):
    """The project's indicators, each annotated with its newest measurement's value and date, with all measurements
    for the sparkline (two queries)."""
    newest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-measured_on", "-pk")
    return project.indicators.annotate(
        latest_value=Subquery(newest.values("value")[:1]),
        latest_measured_on=Subquery(newest.values("measured_on")[:1]),
    ).prefetch_related("measurements")


class IndicatorRow:
    """An indicator with how far its newest measurement has come from the baseline towards the target."""

    def __init__(self, indicator):
        self.indicator = indicator
        self.share = self._share(indicator.baseline or Decimal(0), indicator.target, indicator.latest_value)
        self.bar_width = None if self.share is None else max(0, min(self.share, 100))

    @staticmethod
    def _share(baseline, target, actual):
        # Works for targets below the baseline too (fewer vacant positions, less energy used).
        if target is None or actual is None or target == baseline:
            return None
        return round((actual - baseline) / (target - baseline) * 100)


class MilestoneTimeline:
    """The milestones placed on a line from the earliest to the latest date (today included), for an SVG picture;
    each is done, open or overdue (open and due before today)."""

    WIDTH = 1000
    MARGIN = 24

    def __init__(self, milestones, today):
        self.today = today
        self.items = [self._item(milestone) for milestone in milestones]
        dates = [item["milestone"].due_date for item in self.items] + [today]
        self.start, self.end = min(dates), max(dates)
        for item in self.items:
            item["x"] = self.position(item["milestone"].due_date)
        self.today_x = self.position(today)
        self.axis_end = self.WIDTH - self.MARGIN
        # The "today" label stays inside the picture at either end.
        self.today_anchor = "start" if self.today_x < 80 else "end" if self.today_x > self.WIDTH - 80 else "middle"

    def _item(self, milestone):
        if milestone.done_on:
            state = "done"
        elif milestone.due_date < self.today:
            state = "overdue"
        else:
            state = "open"
        return {"milestone": milestone, "state": state}

    def position(self, day: datetime.date):
        span = max((self.end - self.start).days, 1)
        usable = self.WIDTH - 2 * self.MARGIN
        return round(self.MARGIN + (day - self.start).days / span * usable)

    def count(self, state):
        return sum(1 for item in self.items if item["state"] == state)

    @property
    def done_count(self):
        return self.count("done")

    @property
    def overdue_count(self):
        return self.count("overdue")

    @property
    def open_count(self):
        return self.count("open")
