"""The public project pages: the filterable list at /projekte/ and a project's page at /projekte/<slug>/.

Both show the projects of the featured strategy that `Project.objects.for_public(user)` lets the visitor see:
anonymous visitors published, non-archived ones; committee, editors and administrators internal ones too. Persons
never appear, only organisations with their roles.
"""

from decimal import Decimal

from django.utils import timezone
from django.views.generic import DetailView
from django_filters.views import FilterView

from projects.filters import PublicProjectFilter
from projects.models import StatusReport
from projects.selectors.public import indicators_with_latest_measurement, public_projects, status_rank
from projects.timeline import MilestoneTimeline
from strategy_portal import publication
from strategy_portal.pagination import check_page_number, page_links


class PublicProjectListView(FilterView):
    """Public: the featured strategy's projects, filterable, sortable, 25 a page."""

    filterset_class = PublicProjectFilter
    template_name = "projects/public_project_list.html"
    context_object_name = "projects"
    paginate_by = 25

    def paginate_queryset(self, queryset, page_size):
        check_page_number(self.request)
        return super().paginate_queryset(queryset, page_size)

    def get_queryset(self):
        return public_projects(self.request.user).select_related("action_field").annotate(status_rank=status_rank())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_filtered"] = any(value for key, value in self.request.GET.items() if key != "page")
        if context["page_obj"] is not None:
            context["pages"] = page_links(self.request, context["page_obj"])
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
        may_see_reports = publication.may_read_status_reports(publication.audience_of(self.request.user))
        # Only what the office has published: a submitted or returned report is not yet the project's state.
        published_reports = project.status_reports.filter(state=StatusReport.State.PUBLISHED)
        return super().get_context_data(
            focus_areas=project.focus_areas.all(),
            partners=project.project_partners.select_related("organisation"),
            timeline=MilestoneTimeline(project.milestones.all(), timezone.localdate()),
            indicators=[IndicatorRow(indicator) for indicator in indicators_with_latest_measurement(project)],
            status_reports=published_reports if may_see_reports else None,
            **kwargs,
        )


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
