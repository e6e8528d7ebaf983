"""Reads across relations for the overview dashboard (/uebersicht/) and the workspace home (/arbeitsbereich/).

Every dashboard read is one query however many projects, milestones or reports there are; the dashboard view caps the
overdue lists at its most urgent rows, with their counts.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from projects.models import ActionField, Milestone, Project, ProjectQuerySet, StatusReport, Strategy
from projects.selectors import progress

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from projects.models import ReportedProject


@dataclass(frozen=True)
class MatrixRow:
    action_field: ActionField
    counts: list[int]  # one per project status, in the order of Project.Status
    total: int


@dataclass(frozen=True)
class ProjectMatrix:
    statuses: Sequence[tuple[str, StrOrPromise]]  # (value, label) of Project.Status
    rows: list[MatrixRow]
    totals: list[int]
    total: int

    @property
    def empty_fields(self) -> list[ActionField]:
        return [row.action_field for row in self.rows if not row.total]


def project_matrix(strategy: Strategy, projects: ProjectQuerySet) -> ProjectMatrix:
    """Two queries: the strategy's action fields, and the projects counted per action field and status."""
    grouped = projects.filter(strategy=strategy).order_by().values("action_field", "status").annotate(count=Count("pk"))
    counts = {(entry["action_field"], entry["status"]): entry["count"] for entry in grouped}
    statuses = Project.Status.choices
    rows: list[MatrixRow] = []
    for field in strategy.action_fields.order_by("number"):
        row_counts = [counts.get((field.pk, status), 0) for status, _label in statuses]
        rows.append(MatrixRow(field, row_counts, sum(row_counts)))
    totals = [sum(column) for column in zip(*(row.counts for row in rows), strict=True)] if rows else []
    return ProjectMatrix(statuses, rows, totals, sum(totals))


@dataclass(frozen=True)
class TrafficLightCount:
    value: str  # "" for projects without a status report
    label: StrOrPromise
    count: int


def traffic_light_counts(strategy: Strategy, projects: ProjectQuerySet) -> list[TrafficLightCount]:
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


def overdue_milestones(strategy: Strategy, projects: ProjectQuerySet, today: datetime.date) -> QuerySet[Milestone]:
    """One query: milestones past their due date and not done, with their project."""
    return (
        Milestone.objects.filter(
            project__in=projects.filter(strategy=strategy), done_on__isnull=True, due_date__lt=today
        )
        .select_related("project")
        .order_by("due_date", "project__number", "title", "pk")
    )


def overdue_reports(
    strategy: Strategy, projects: ProjectQuerySet, today: datetime.date
) -> ProjectQuerySet[ReportedProject]:
    """One query: projects in implementation without a status report for their previous reporting period."""
    return (
        progress.projects_with_report_overdue(projects.filter(strategy=strategy), today)
        .with_latest_report()
        .select_related("action_field")
        .order_by(F("latest_report_date").asc(nulls_first=True), "number", "pk")
    )


# The workspace home -------------------------------------------------------------------------------------------


def review_context(user: User, visible: ProjectQuerySet) -> dict[str, Any]:
    """The office's queue of submitted status reports (count and the five waiting longest), and the reports returned
    to a project lead on their projects: three queries however many there are."""
    context: dict[str, Any] = {
        "returned_reports": StatusReport.objects.filter(
            state=StatusReport.State.RETURNED, project__in=visible.filter(project_leads=user)
        ).select_related("project")
    }
    if user.has_perm("projects.review_statusreport"):
        queue = StatusReport.objects.filter(state=StatusReport.State.SUBMITTED, project__in=visible)
        context["review_count"] = queue.count()
        context["review_queue"] = queue.select_related("project", "author").order_by("created", "pk")[:5]
    return context


# The status reports due on the home page: the most urgent overdue and due ones; the progress control lists all.
REPORTS_DUE_ROWS = 10


def reports_due_context(visible: ProjectQuerySet, today: datetime.date) -> dict[str, Any]:
    """Up to REPORTS_DUE_ROWS overdue and as many due status reports, and how many there are: four queries."""
    overdue = progress.projects_with_report_overdue(visible, today)
    due = progress.projects_with_report_due(visible, today)
    return {
        "reports_due": progress.report_rows(overdue[:REPORTS_DUE_ROWS], today, overdue=True)
        + progress.report_rows(due[:REPORTS_DUE_ROWS], today, overdue=False),
        "reports_due_count": overdue.count() + due.count(),
    }
