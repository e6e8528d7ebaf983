"""The reminder e-mails that the daily `send_reminders` command sends: 14 days before a reporting period ends, once
when its status report is overdue, and once per period for overdue milestones; each at most once per project, kind
and period, however often the command runs.
"""

import datetime
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from projects.models import Milestone, Project, Reminder
from projects.periods import Period, current_period
from projects.selectors.progress import LEAD_TIME, due_reports, overdue_milestones, overdue_reports
from stakeholders.models import Person

# A Reminder row's (kind, project, milestone or None, period start): what was sent once and is never sent again.
SentKey = tuple[str, int, int | None, datetime.date]


@dataclass
class ReminderSummary:
    sent: int = 0
    already_sent: int = 0
    without_recipients: list[Project] = field(default_factory=list)  # projects without any e-mail address
    failed: list[tuple[Project, OSError]] = field(default_factory=list)  # (project, error) whose mail failed


@dataclass(frozen=True)
class PendingReminder:
    """One e-mail to send: for a project, a kind and a period; for milestones, one Reminder row per milestone."""

    kind: str
    project: Project
    period: Period
    milestones: tuple[Milestone, ...] = ()

    def targets(self) -> tuple[Milestone | None, ...]:
        return self.milestones or (None,)

    def unsent_targets(self, sent: set[SentKey]) -> list[Milestone | None]:
        """The targets (a milestone, or None for a status report) whose Reminder key is not in `sent`."""
        return [
            target
            for target in self.targets()
            if (self.kind, self.project.pk, getattr(target, "pk", None), self.period.start) not in sent
        ]


def pending_reminders(today: datetime.date) -> list[PendingReminder]:
    """What the reminders of `today` are about: reports whose period ends within 14 days, reports of the previous
    period that never came, and overdue milestones, grouped into one e-mail per project and kind."""
    projects = Project.objects.all()
    reminders = [
        PendingReminder(Reminder.Kind.REPORT_DUE, row.project, row.period)
        for row in due_reports(projects, today)
        if row.period is not None and row.due_date - today <= LEAD_TIME  # a report's row has its period
    ]
    reminders += [
        PendingReminder(Reminder.Kind.REPORT_OVERDUE, row.project, row.period)
        for row in overdue_reports(projects, today)
        if row.period is not None
    ]
    rows = sorted(overdue_milestones(projects, today), key=lambda row: row.project.pk)
    for _project_pk, group in groupby(rows, key=lambda row: row.project.pk):
        group_rows = list(group)
        project = group_rows[0].project
        milestones = tuple(row.milestone for row in group_rows if row.milestone is not None)
        reminders.append(
            PendingReminder(Reminder.Kind.MILESTONE_OVERDUE, project, current_period(project, today), milestones)
        )
    return reminders


def recipients(project: Project) -> list[str]:
    """The responsible person's and the active project leads' e-mail addresses, each once, empty ones skipped; reads
    project.responsible_person and project.project_leads unless loaded."""
    people: list[Person | User] = [project.responsible_person] if project.responsible_person else []
    people += [user for user in project.project_leads.all() if user.is_active]
    addresses: dict[str, str] = {}
    for person in people:
        address = person.email.strip()
        if address:
            addresses.setdefault(address.lower(), address)
    return list(addresses.values())


def send_reminders(*, today: datetime.date) -> ReminderSummary:
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


def _sent_keys(pending: list[PendingReminder]) -> set[SentKey]:
    """The (kind, project, milestone, period start) of the reminders already sent for `pending`, in one query."""
    if not pending:
        return set()
    earliest = min(reminder.period.start for reminder in pending)
    project_ids = {reminder.project.pk for reminder in pending}
    rows = Reminder.objects.filter(project__in=project_ids, period_start__gte=earliest)
    return set(rows.values_list("kind", "project_id", "milestone_id", "period_start"))


def _try_to_send(
    reminder: PendingReminder, targets: list[Milestone | None], addresses: list[str], summary: ReminderSummary
) -> None:
    try:
        if _record_and_send(reminder, targets, addresses):
            summary.sent += 1
        else:
            summary.already_sent += 1
    except (smtplib.SMTPException, OSError) as error:
        summary.failed.append((reminder.project, error))


def _record_and_send(reminder: PendingReminder, targets: list[Milestone | None], addresses: list[str]) -> bool:
    """Record the reminder and send its mail in one transaction: if the mail fails, the record is rolled back. A row
    that a run on another server recorded meanwhile (unique constraint) is skipped. False when nothing was left."""
    with transaction.atomic():
        recorded = [target for target in targets if _record(reminder, target, addresses)]
        if not recorded:
            return False
        reminder_message(reminder, addresses, [m for m in recorded if m is not None]).send()
    return True


def _record(reminder: PendingReminder, milestone: Milestone | None, addresses: list[str]) -> bool:
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


def reminder_message(
    reminder: PendingReminder, addresses: list[str], milestones: Sequence[Milestone] = ()
) -> EmailMessage:
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


def _report_text(kind: str, values: dict[str, str]) -> tuple[str, list[str]]:
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


def _milestone_text(values: dict[str, str], milestones: Sequence[Milestone]) -> tuple[str, list[str]]:
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


def report_form_url(project: Project) -> str:
    return settings.PORTAL_URL.rstrip("/") + reverse("projects:statusreport-create", args=[project.pk])
