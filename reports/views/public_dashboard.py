"""The overview dashboard (/uebersicht/) for the committee and the office; its reads are in reports/selectors.py."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from budget.charts import bar_chart
from budget.selectors import budget_per_year
from projects.models import Project, Strategy
from reports.selectors import overdue_milestones, overdue_reports, project_matrix, traffic_light_counts

# The overdue lists show the most urgent rows only; the progress control pages through all of them.
DASHBOARD_ROWS = 20


def budget_chart(budget):
    return bar_chart(
        "budget-chart",
        _("Budget per year: available, required, allocated and spent"),
        [
            (_("Available budget"), "bar-available"),
            (_("Required"), "bar-required"),
            (_("Allocated"), "bar-allocated"),
            (_("Spent"), "bar-spent"),
        ],
        [(year.year, [year.available, year.required, year.allocated, year.spent]) for year in budget.years],
    )


class DashboardView(PermissionRequiredMixin, TemplateView):
    """Committee, editors, administrator: where the featured strategy stands, what is overdue, what the money does.

    Anonymous visitors are sent to the login; project leads (who see only their own projects) get 403.
    """

    permission_required = "projects.view_all_projects"
    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        strategy = Strategy.objects.filter(is_featured=True).first()
        if strategy is None:
            return context
        projects = Project.objects.for_public(self.request.user)  # internal ones too, never archived
        today = timezone.localdate()
        matrix = project_matrix(strategy, projects)
        milestones = overdue_milestones(strategy, projects, today)
        reports = overdue_reports(strategy, projects, today)
        budget = budget_per_year(strategy)
        return context | {
            "strategy": strategy,
            "today": today,
            "matrix": matrix,
            "empty_fields": matrix.empty_fields,
            "traffic_lights": traffic_light_counts(strategy, projects),
            "overdue_milestones": list(milestones[:DASHBOARD_ROWS]),
            "overdue_milestone_count": milestones.count(),
            "overdue_reports": list(reports[:DASHBOARD_ROWS]),
            "overdue_report_count": reports.count(),
            "dashboard_rows": DASHBOARD_ROWS,
            "budget": budget,
            "budget_chart": budget_chart(budget),
        }
