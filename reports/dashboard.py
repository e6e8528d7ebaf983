"""The overview dashboard (/uebersicht/) for the committee and the office, and the reads it is made of.

Every read is one query however many projects, milestones or reports there are; the overdue lists are capped at the
most urgent DASHBOARD_ROWS, with their counts.
"""

from dataclasses import dataclass

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from budget.charts import bar_chart
from budget.selectors import budget_per_year
from projects.models import Milestone, Project, StatusReport, Strategy
from projects.selectors.progress import projects_with_report_overdue

# The overdue lists show the most urgent rows only; the progress control pages through all of them.
DASHBOARD_ROWS = 20


@dataclass(frozen=True)
class MatrixRow:
    action_field: object
    counts: list  # one per project status, in the order of Project.Status
    total: int


@dataclass(frozen=True)
class ProjectMatrix:
    statuses: list  # (value, label) of Project.Status
    rows: list
    totals: list
    total: int

    @property
    def empty_fields(self):
        return [row.action_field for row in self.rows if not row.total]


def project_matrix(strategy, projects):
    """Two queries: the strategy's action fields, and the projects counted per action field and status."""
    grouped = projects.filter(strategy=strategy).order_by().values("action_field", "status").annotate(count=Count("pk"))
    counts = {(entry["action_field"], entry["status"]): entry["count"] for entry in grouped}
    statuses = Project.Status.choices
    rows = []
    for field in strategy.action_fields.order_by("number"):
        row_counts = [counts.get((field.pk, status), 0) for status, _label in statuses]
        rows.append(MatrixRow(field, row_counts, sum(row_counts)))
    totals = [sum(column) for column in zip(*(row.counts for row in rows), strict=True)] if rows else []
    return ProjectMatrix(statuses, rows, totals, sum(totals))


@dataclass(frozen=True)
class TrafficLightCount:
    value: str  # "" for projects without a status report
    label: str
    count: int


def traffic_light_counts(strategy, projects):
    """One query: projects at green, amber and red by their newest status report; how many have none."""
    grouped = (
        projects.filter(strategy=strategy)
        .with_latest_report()
        .order_by()
        .values("latest_traffic_light")
        .annotate(count=Count("pk"))
    )
    counts = {entry["latest_traffic_light"] or "": entry["count"] for entry in grouped}
    result = [
        TrafficLightCount(value, label, counts.get(value, 0)) for value, label in StatusReport.TrafficLight.choices
    ]
    return [*result, TrafficLightCount("", _("no report yet"), counts.get("", 0))]


def overdue_milestones(strategy, projects, today):
    """One query: milestones past their due date and not done, with their project."""
    return (
        Milestone.objects.filter(
            project__in=projects.filter(strategy=strategy), done_on__isnull=True, due_date__lt=today
        )
        .select_related("project")
        .order_by("due_date", "project__number", "title", "pk")
    )


def overdue_reports(strategy, projects, today):
    """One query: projects in implementation without a status report for their previous reporting period."""
    return (
        projects_with_report_overdue(projects.filter(strategy=strategy), today)
        .with_latest_report()
        .select_related("action_field")
        .order_by(F("latest_report_date").asc(nulls_first=True), "number", "pk")
    )


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
