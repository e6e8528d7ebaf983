"""Progress control (reads only): the status reports and milestones that are due or overdue.

A status report counts for a reporting period (projects/periods.py) when its reporting date lies in it and the office
has not returned it for revision. Only the current and the previous period are chased; older gaps are not.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Case, DateField, Exists, F, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import TruncDate

from projects.models import Milestone, Project, ProjectQuerySet, Reminder, ReportingPeriod, StatusReport
from projects.periods import Period, current_period, period_containing, previous_period

# A status report is reminded of this long before its period ends; milestones due this soon are listed as due.
LEAD_TIME = datetime.timedelta(days=14)
COUNTING_STATES = (StatusReport.State.SUBMITTED, StatusReport.State.PUBLISHED)
FINISHED_STATUSES = (Project.Status.COMPLETED, Project.Status.DROPPED)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class Reminded(TypedDict):
    """The annotation of a row chased by the reminders: when its reminder was last sent (None: never)."""

    reminded_at: datetime.datetime | None


class ReportPeriods(TypedDict):
    """The annotations of `with_report_periods`."""

    period_start: datetime.date
    period_end: datetime.date
    previous_start: datetime.date
    previous_end: datetime.date
    has_current_report: bool
    has_previous_report: bool


if TYPE_CHECKING:
    PeriodsProject = WithAnnotations[Project, ReportPeriods]
    RemindedProject = WithAnnotations[Project, Reminded]


@dataclass(frozen=True)
class Deadline:
    """A row of the progress page: a status report of `period` or a `milestone`, due on `due_date`."""

    project: Project
    due_date: datetime.date
    overdue: bool
    period: Period | None = None
    milestone: Milestone | None = None
    reminded_at: datetime.datetime | None = None


def owing_reports(projects: ProjectQuerySet) -> ProjectQuerySet:
    """The projects that owe status reports: in implementation and not archived."""
    return projects.active().filter(status=Project.Status.IN_IMPLEMENTATION)


def _per_strategy_period(dates: dict[int, datetime.date]) -> Case:
    """An SQL expression choosing, for each project, the date in `dates` (keyed by months) of its strategy's period."""
    whens = [When(strategy__reporting_period_months=months, then=Value(day)) for months, day in dates.items()]
    return Case(*whens, output_field=DateField())


def with_report_periods(
    projects: ProjectQuerySet, today: datetime.date
) -> ProjectQuerySet[PeriodsProject, PeriodsProject]:
    """Annotate the bounds of each project's current and previous reporting period as of `today` (`period_start`,
    `period_end`, `previous_start`, `previous_end`) and whether a report counts for each (`has_current_report`,
    `has_previous_report`), in the same query: the period length differs by strategy."""
    current = {months: period_containing(today, months) for months in ReportingPeriod.values}
    previous = {months: previous_period(period) for months, period in current.items()}
    projects = projects.annotate(
        period_start=_per_strategy_period({months: period.start for months, period in current.items()}),
        period_end=_per_strategy_period({months: period.end for months, period in current.items()}),
        previous_start=_per_strategy_period({months: period.start for months, period in previous.items()}),
        previous_end=_per_strategy_period({months: period.end for months, period in previous.items()}),
    )
    counting = StatusReport.objects.filter(project=OuterRef("pk"), state__in=COUNTING_STATES)
    return projects.annotate(
        has_current_report=Exists(
            counting.filter(reported_on__range=(OuterRef("period_start"), OuterRef("period_end")))
        ),
        has_previous_report=Exists(
            counting.filter(reported_on__range=(OuterRef("previous_start"), OuterRef("previous_end")))
        ),
    )


def _report_reminder(kind: str, period_field: str) -> Subquery:
    """The time the reminder of `kind` for the period beginning on the annotation `period_field` was sent."""
    reminders = Reminder.objects.filter(
        kind=kind, project=OuterRef("pk"), milestone__isnull=True, period_start=OuterRef(period_field)
    )
    return Subquery(reminders.values("sent_at")[:1])


def projects_with_report_due(
    projects: ProjectQuerySet, today: datetime.date
) -> ProjectQuerySet[RemindedProject, RemindedProject]:
    """One query: projects without a counting report for their current period, with `reminded_at`."""
    return (
        with_report_periods(owing_reports(projects), today)
        .filter(has_current_report=False)
        .annotate(reminded_at=_report_reminder(Reminder.Kind.REPORT_DUE, "period_start"))
        .select_related("strategy", "responsible_person")
        .order_by("period_end", "strategy__title", "number", "pk")
    )


def projects_with_report_overdue(
    projects: ProjectQuerySet, today: datetime.date
) -> ProjectQuerySet[RemindedProject, RemindedProject]:
    """One query: projects without a counting report for their previous period that existed before it ended (a
    project created later owed nothing for it), with `reminded_at`."""
    return (
        with_report_periods(owing_reports(projects), today)
        .alias(created_on=TruncDate("created"))
        .filter(has_previous_report=False, created_on__lte=F("previous_end"))
        .annotate(reminded_at=_report_reminder(Reminder.Kind.REPORT_OVERDUE, "previous_start"))
        .select_related("strategy", "responsible_person")
        .order_by("previous_end", "strategy__title", "number", "pk")
    )


def due_reports(projects: ProjectQuerySet, today: datetime.date) -> list[Deadline]:
    """One query: a Deadline per project whose status report of the current period is still missing."""
    return report_rows(projects_with_report_due(projects, today), today, overdue=False)


def overdue_reports(projects: ProjectQuerySet, today: datetime.date) -> list[Deadline]:
    """One query: a Deadline per project whose status report of the previous period never came."""
    return report_rows(projects_with_report_overdue(projects, today), today, overdue=True)


def report_rows(
    projects: Iterable[WithAnnotations[Project, Reminded]], today: datetime.date, *, overdue: bool
) -> list[Deadline]:
    """A Deadline per project of `projects_with_report_due` or `..._overdue` (or a page of them); no query."""
    rows = []
    for project in projects:
        period = current_period(project, today)
        if overdue:
            period = previous_period(period)
        rows.append(Deadline(project, period.end, overdue, period, reminded_at=project.reminded_at))
    return rows


def open_milestones(projects: ProjectQuerySet) -> QuerySet[WithAnnotations[Milestone, Reminded]]:
    """Milestones not done, of projects that are neither archived nor completed or dropped, with their project."""
    live = projects.active().exclude(status__in=FINISHED_STATUSES)
    last_reminder = Reminder.objects.filter(kind=Reminder.Kind.MILESTONE_OVERDUE, milestone=OuterRef("pk"))
    return (
        Milestone.objects.filter(project__in=live, done_on__isnull=True)
        .annotate(reminded_at=Subquery(last_reminder.order_by("-sent_at").values("sent_at")[:1]))
        .select_related("project__strategy", "project__responsible_person")
        .order_by("due_date", "project__number", "title", "pk")
    )


def milestones_overdue(
    projects: ProjectQuerySet, today: datetime.date
) -> QuerySet[WithAnnotations[Milestone, Reminded]]:
    """Open milestones past their due date (a queryset, to page through)."""
    return open_milestones(projects).filter(due_date__lt=today)


def milestones_due(projects: ProjectQuerySet, today: datetime.date) -> QuerySet[WithAnnotations[Milestone, Reminded]]:
    """Open milestones due today or in the next 14 days (a queryset, to page through)."""
    return open_milestones(projects).filter(due_date__range=(today, today + LEAD_TIME))


def overdue_milestones(projects: ProjectQuerySet, today: datetime.date) -> list[Deadline]:
    """One query: open milestones past their due date."""
    return milestone_rows(milestones_overdue(projects, today), overdue=True)


def due_milestones(projects: ProjectQuerySet, today: datetime.date) -> list[Deadline]:
    """One query: open milestones due today or in the next 14 days."""
    return milestone_rows(milestones_due(projects, today), overdue=False)


def milestone_rows(milestones: Iterable[WithAnnotations[Milestone, Reminded]], *, overdue: bool) -> list[Deadline]:
    return [_milestone_row(milestone, overdue) for milestone in milestones]


def _milestone_row(milestone: WithAnnotations[Milestone, Reminded], overdue: bool) -> Deadline:
    return Deadline(
        milestone.project, milestone.due_date, overdue, milestone=milestone, reminded_at=milestone.reminded_at
    )
