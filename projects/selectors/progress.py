"""Progress control: the reporting periods a project in implementation owes a status report for, the status reports
and milestones that are due or overdue, and the reminder e-mails that the daily `send_reminders` command sends.

Periods are calendar-aligned: with a quarterly period the quarters January–March, April–June, …; half-years; the
calendar year; or each month. A status report counts for a period when its reporting date lies in it and the office
has not returned it for revision. Only the current and the previous period are chased; older gaps are not.
"""

import datetime
import smtplib
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Case, DateField, Exists, F, OuterRef, Subquery, Value, When, prefetch_related_objects
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.models import Milestone, Project, Reminder, ReportingPeriod, StatusReport

ONE_DAY = datetime.timedelta(days=1)
# A status report is reminded of this long before its period ends; milestones due this soon are listed as due.
LEAD_TIME = datetime.timedelta(days=14)
COUNTING_STATES = (StatusReport.State.SUBMITTED, StatusReport.State.PUBLISHED)
FINISHED_STATUSES = (Project.Status.COMPLETED, Project.Status.DROPPED)

# Periods ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A calendar-aligned reporting period of `months` months (1, 3, 6 or 12) beginning on `start`."""

    start: datetime.date
    months: int

    @property
    def end(self):
        """The last day of the period: the day the status report is due."""
        month_index = self.start.month - 1 + self.months
        next_start = datetime.date(self.start.year + month_index // 12, month_index % 12 + 1, 1)
        return next_start - ONE_DAY

    def __contains__(self, day):
        return self.start <= day <= self.end

    def __str__(self):
        """As a German reader says it: „2. Quartal 2026“, „Januar 2026“, „1. Halbjahr 2026“, „2026“."""
        number = (self.start.month - 1) // self.months + 1
        if self.months == ReportingPeriod.MONTHLY:
            return date_format(self.start, "YEAR_MONTH_FORMAT")
        if self.months == ReportingPeriod.QUARTERLY:
            return _("%(number)s. quarter %(year)s") % {"number": number, "year": self.start.year}
        if self.months == ReportingPeriod.HALF_YEARLY:
            return _("%(number)s. half-year %(year)s") % {"number": number, "year": self.start.year}
        return str(self.start.year)


def period_containing(day, months):
    """The reporting period of `months` months (1, 3, 6 or 12) that `day` lies in."""
    if months not in ReportingPeriod.values:
        raise ValueError(f"A reporting period has 1, 3, 6 or 12 months, not {months}.")
    first_month = (day.month - 1) // months * months + 1
    return Period(datetime.date(day.year, first_month, 1), months)


def previous_period(period):
    return period_containing(period.start - ONE_DAY, period.months)


def current_period(project, today):
    """The reporting period of the project's strategy that `today` lies in; reads project.strategy."""
    return period_containing(today, project.strategy.reporting_period_months)


# Selectors ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A row of the progress page: a status report of `period` or a `milestone`, due on `due_date`."""

    project: Project
    due_date: datetime.date
    overdue: bool
    period: Period | None = None
    milestone: Milestone | None = None
    reminded_at: datetime.datetime | None = None


def owing_reports(projects):
    """The projects that owe status reports: in implementation and not archived."""
    return projects.active().filter(status=Project.Status.IN_IMPLEMENTATION)


def _per_strategy_period(dates):
    """An SQL expression choosing, for each project, the date in `dates` (keyed by months) of its strategy's period."""
    whens = [When(strategy__reporting_period_months=months, then=Value(day)) for months, day in dates.items()]
    return Case(*whens, output_field=DateField())


def with_report_periods(projects, today):
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


def _report_reminder(kind, period_field):
    """The time the reminder of `kind` for the period beginning on the annotation `period_field` was sent."""
    reminders = Reminder.objects.filter(
        kind=kind, project=OuterRef("pk"), milestone__isnull=True, period_start=OuterRef(period_field)
    )
    return Subquery(reminders.values("sent_at")[:1])


def projects_with_report_due(projects, today):
    """One query: projects without a counting report for their current period, with `reminded_at`."""
    return (
        with_report_periods(owing_reports(projects), today)
        .filter(has_current_report=False)
        .annotate(reminded_at=_report_reminder(Reminder.Kind.REPORT_DUE, "period_start"))
        .select_related("strategy", "responsible_person")
        .order_by("period_end", "strategy__title", "number", "pk")
    )


def projects_with_report_overdue(projects, today):
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


def due_reports(projects, today):
    """One query: a Deadline per project whose status report of the current period is still missing."""
    return report_rows(projects_with_report_due(projects, today), today, overdue=False)


def overdue_reports(projects, today):
    """One query: a Deadline per project whose status report of the previous period never came."""
    return report_rows(projects_with_report_overdue(projects, today), today, overdue=True)


def report_rows(projects, today, *, overdue):
    """A Deadline per project of `projects_with_report_due` or `..._overdue` (or a page of them); no query."""
    rows = []
    for project in projects:
        period = current_period(project, today)
        if overdue:
            period = previous_period(period)
        rows.append(Deadline(project, period.end, overdue, period, reminded_at=project.reminded_at))
    return rows


def open_milestones(projects):
    """Milestones not done, of projects that are neither archived nor completed or dropped, with their project."""
    live = projects.active().exclude(status__in=FINISHED_STATUSES)
    last_reminder = Reminder.objects.filter(kind=Reminder.Kind.MILESTONE_OVERDUE, milestone=OuterRef("pk"))
    return (
        Milestone.objects.filter(project__in=live, done_on__isnull=True)
        .annotate(reminded_at=Subquery(last_reminder.order_by("-sent_at").values("sent_at")[:1]))
        .select_related("project__strategy", "project__responsible_person")
        .order_by("due_date", "project__number", "title", "pk")
    )


def milestones_overdue(projects, today):
    """Open milestones past their due date (a queryset, to page through)."""
    return open_milestones(projects).filter(due_date__lt=today)


def milestones_due(projects, today):
    """Open milestones due today or in the next 14 days (a queryset, to page through)."""
    return open_milestones(projects).filter(due_date__range=(today, today + LEAD_TIME))


def overdue_milestones(projects, today):
    """One query: open milestones past their due date."""
    return milestone_rows(milestones_overdue(projects, today), overdue=True)


def due_milestones(projects, today):
    """One query: open milestones due today or in the next 14 days."""
    return milestone_rows(milestones_due(projects, today), overdue=False)


def milestone_rows(milestones, *, overdue):
    return [_milestone_row(milestone, overdue) for milestone in milestones]


def _milestone_row(milestone, overdue):
    return Deadline(
        milestone.project, milestone.due_date, overdue, milestone=milestone, reminded_at=milestone.reminded_at
    )


# Reminders ----------------------------------------------------------------------------------------------------------


@dataclass
class ReminderSummary:
    sent: int = 0
    already_sent: int = 0
    without_recipients: list = field(default_factory=list)  # projects without any e-mail address
    failed: list = field(default_factory=list)  # (project, error) whose mail could not be sent


@dataclass(frozen=True)
class PendingReminder:
    """One e-mail to send: for a project, a kind and a period; for milestones, one Reminder row per milestone."""

    kind: str
    project: Project
    period: Period
    milestones: tuple = ()

    def targets(self):
        return self.milestones or (None,)

    def unsent_targets(self, sent):
        """The targets (a milestone, or None for a status report) whose Reminder key is not in `sent`."""
        return [
            target
            for target in self.targets()
            if (self.kind, self.project.pk, getattr(target, "pk", None), self.period.start) not in sent
        ]


def pending_reminders(today):
    """What the reminders of `today` are about: reports whose period ends within 14 days, reports of the previous
    period that never came, and overdue milestones, grouped into one e-mail per project and kind."""
    projects = Project.objects.all()
    reminders = [
        PendingReminder(Reminder.Kind.REPORT_DUE, row.project, row.period)
        for row in due_reports(projects, today)
        if row.due_date - today <= LEAD_TIME
    ]
    reminders += [
        PendingReminder(Reminder.Kind.REPORT_OVERDUE, row.project, row.period)
        for row in overdue_reports(projects, today)
    ]
    rows = sorted(overdue_milestones(projects, today), key=lambda row: row.project.pk)
    for _project_pk, group in groupby(rows, key=lambda row: row.project.pk):
        group = list(group)
        project = group[0].project
        milestones = tuple(row.milestone for row in group)
        reminders.append(
            PendingReminder(Reminder.Kind.MILESTONE_OVERDUE, project, current_period(project, today), milestones)
        )
    return reminders


def recipients(project):
    """The responsible person's and the active project leads' e-mail addresses, each once, empty ones skipped; reads
    project.responsible_person and project.project_leads unless loaded."""
    people = [project.responsible_person] if project.responsible_person else []
    people += [user for user in project.project_leads.all() if user.is_active]
    addresses = {}
    for person in people:
        address = person.email.strip()
        if address:
            addresses.setdefault(address.lower(), address)
    return list(addresses.values())


def send_reminders(*, today):
    """Send the reminders of `today`: each at most once per project, kind and period (per milestone and period),
    however often this runs, also on two servers at once. A mail that fails leaves no record, so the next run
    retries it. Returns a ReminderSummary."""
    pending = pending_reminders(today)
    prefetch_related_objects([reminder.project for reminder in pending], "project_leads")
    sent = _sent_keys(pending)
    summary = ReminderSummary()
    for reminder in pending:
        addresses = recipients(reminder.project)
        targets = reminder.unsent_targets(sent)
        if not addresses:
            summary.without_recipients.append(reminder.project)
        elif not targets:
            summary.already_sent += 1
        else:
            _try_to_send(reminder, targets, addresses, summary)
    return summary


def _sent_keys(pending):
    """The (kind, project, milestone, period start) of the reminders already sent for `pending`, in one query."""
    if not pending:
        return set()
    earliest = min(reminder.period.start for reminder in pending)
    project_ids = {reminder.project.pk for reminder in pending}
    rows = Reminder.objects.filter(project__in=project_ids, period_start__gte=earliest)
    return set(rows.values_list("kind", "project_id", "milestone_id", "period_start"))


def _try_to_send(reminder, targets, addresses, summary):
    try:
        if _record_and_send(reminder, targets, addresses):
            summary.sent += 1
        else:
            summary.already_sent += 1
    except (smtplib.SMTPException, OSError) as error:
        summary.failed.append((reminder.project, error))


def _record_and_send(reminder, targets, addresses):
    """Record the reminder and send its mail in one transaction: if the mail fails, the record is rolled back. A row
    that a run on another server recorded meanwhile (unique constraint) is skipped. False when nothing was left."""
    with transaction.atomic():
        recorded = [target for target in targets if _record(reminder, target, addresses)]
        if not recorded:
            return False
        reminder_message(reminder, addresses, [m for m in recorded if m is not None]).send()
    return True


def _record(reminder, milestone, addresses):
    try:
        with transaction.atomic():  # a savepoint: PostgreSQL goes on after the violation
            Reminder.objects.create(
                kind=reminder.kind,
                project=reminder.project,
                milestone=milestone,
                period_start=reminder.period.start,
                recipients=", ".join(addresses),
            )
    except IntegrityError:
        return False
    return True


def reminder_message(reminder, addresses, milestones=()):
    """The German e-mail of a reminder, with a link to the project's status report form."""
    project = reminder.project
    with translation.override(settings.LANGUAGE_CODE):
        values = {"project": str(project), "period": str(reminder.period), "date": f"{reminder.period.end:%d.%m.%Y}"}
        if reminder.kind == Reminder.Kind.MILESTONE_OVERDUE:
            subject, lines = _milestone_text(values, milestones)
        else:
            subject, lines = _report_text(reminder.kind, values)
        body = [_("Good day,"), "", *lines, report_form_url(project), ""]
        body += [_("Kind regards"), project.strategy.responsible_unit, "", _("This message was sent automatically.")]
    return EmailMessage(subject, "\n".join(body) + "\n", to=addresses)


def _report_text(kind, values):
    if kind == Reminder.Kind.REPORT_DUE:
        subject = _("Status report due: %(project)s (%(period)s)") % values
        lines = [
            _("the status report on “%(project)s” for the reporting period %(period)s is due by %(date)s.") % values,
            _("Please enter it in the portal:"),
        ]
        return subject, lines
    subject = _("Status report overdue: %(project)s (%(period)s)") % values
    lines = [
        _(
            "the status report on “%(project)s” for the reporting period %(period)s was due on %(date)s and "
            "has not been received."
        )
        % values,
        _("Please enter it in the portal as soon as possible:"),
    ]
    return subject, lines


def _milestone_text(values, milestones):
    count = len(milestones)
    subject = ngettext("Milestone overdue: %(project)s", "Milestones overdue: %(project)s", count) % values
    lines = [
        ngettext(
            "this milestone of “%(project)s” is past its due date and not reported as done:",
            "these milestones of “%(project)s” are past their due date and not reported as done:",
            count,
        )
        % values
    ]
    lines += [
        _("– %(title)s (due on %(date)s)") % {"title": milestone.title, "date": f"{milestone.due_date:%d.%m.%Y}"}
        for milestone in milestones
    ]
    lines.append(_("Please report on them with a status report in the portal:"))
    return subject, lines


def report_form_url(project):
    return settings.PORTAL_URL.rstrip("/") + reverse("projects:statusreport-create", args=[project.pk])
