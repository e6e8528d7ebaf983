"""Writes on projects that touch several rows or have side effects.

Partner reporting: a project lead's status report is submitted, and the office publishes it or returns it with a
comment. Only a published report is the project's state (`ProjectQuerySet.with_latest_report`), and only then do the
milestones it reports done reach the milestones.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from projects.models import Milestone, MilestoneUpdate, StatusReport
from strategy_portal.workspace import workspace_url

REVIEW_PERMISSION = "projects.review_statusreport"
State = StatusReport.State
# (milestone, done on or None, note): what a status report form says of a milestone (StatusReportForm).
MilestoneUpdates = Iterable[tuple[Milestone, datetime.date | None, str]]


def may_edit_report(user: User | AnonymousUser, report: StatusReport) -> bool:
    """The office edits every report; a project lead only one that is not published yet (a published report is the
    project's public state and changes only through the office). Visibility of the project is checked by the caller."""
    if user.has_perm(REVIEW_PERMISSION):
        return True
    return user.has_perm("projects.change_statusreport") and report.state in (State.SUBMITTED, State.RETURNED)


@transaction.atomic
def submit_report(*, report: StatusReport, milestone_updates: MilestoneUpdates, by: User) -> StatusReport:
    """Save a new or edited status report with the milestones it reports done.

    `milestone_updates`: (milestone, done_on, note) for each milestone the form offered; done_on None withdraws an
    earlier update of that milestone. A new report of a user who may review is published at once, anyone else's is
    submitted for review; a project lead who edits a returned report submits it again."""
    if report.pk is None:
        report.state = State.PUBLISHED if by.has_perm(REVIEW_PERMISSION) else State.SUBMITTED
    elif not may_edit_report(by, report):
        raise PermissionDenied(_("A published status report can only be changed by the office."))
    elif report.state == State.RETURNED and not by.has_perm(REVIEW_PERMISSION):
        report.state = State.SUBMITTED  # the comment stays visible until the next review
    report.save()
    _store_milestone_updates(report, milestone_updates)
    if report.state == State.PUBLISHED:
        _apply_milestone_updates(report)
    return report


def _store_milestone_updates(report: StatusReport, milestone_updates: MilestoneUpdates) -> None:
    for milestone, done_on, note in milestone_updates:
        if done_on is None:
            MilestoneUpdate.objects.filter(status_report=report, milestone=milestone).delete()
        else:
            MilestoneUpdate.objects.update_or_create(
                status_report=report, milestone=milestone, defaults={"done_on": done_on, "note": note}
            )


def _apply_milestone_updates(report: StatusReport) -> None:
    """Write the report's milestone updates to the milestones, each save a history entry naming the report."""
    reason = _("Reported done with the status report of %(date)s") % {
        "date": date_format(report.reported_on, "SHORT_DATE_FORMAT")
    }
    for update in report.milestone_updates.select_related("milestone"):
        milestone = update.milestone
        milestone.done_on = update.done_on
        if update.note:
            milestone.note = update.note
        milestone._change_reason = reason
        milestone.save(update_fields=["done_on", "note", "modified"])


def _locked_submitted(report: StatusReport) -> StatusReport:
    # Locked so that two reviewers cannot both decide; `of` because PostgreSQL locks no nullable outer join (author).
    report = StatusReport.objects.select_for_update(of=("self",)).select_related("project", "author").get(pk=report.pk)
    if report.state != State.SUBMITTED:
        raise ValidationError(
            _("This status report is not awaiting review (it is “%(state)s”).") % {"state": report.get_state_display()}
        )
    return report


def _record_review(report: StatusReport, by: User, state: str, comment: str) -> None:
    report.state = state
    report.review_comment = comment
    report.reviewed_by = by
    report.reviewed_at = timezone.now()
    report.save(update_fields=["state", "review_comment", "reviewed_by", "reviewed_at", "modified"])


@transaction.atomic
def publish_report(report: StatusReport, *, by: User) -> StatusReport:
    """Submitted → published: the report becomes the project's state and its milestone updates reach the milestones."""
    report = _locked_submitted(report)
    report._change_reason = _("Published")
    _record_review(report, by, State.PUBLISHED, "")
    _apply_milestone_updates(report)
    return report


@transaction.atomic
def return_report(report: StatusReport, *, by: User, comment: str | None, link_base: str | None = None) -> StatusReport:
    """Submitted → returned with the office's comment, which is e-mailed to the author (after the commit, so no mail
    goes out for a review that did not happen). `link_base` (the portal's address from the request) is used where
    settings.PORTAL_URL is not set."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Please say what the project lead should revise."))
    report = _locked_submitted(report)
    report._change_reason = _("Returned for revision")
    _record_review(report, by, State.RETURNED, comment)
    mail = _return_mail(report, by, link_base)
    if mail is not None:
        transaction.on_commit(lambda: send_mail(*mail, fail_silently=False))
    return report


def _return_mail(report: StatusReport, by: User, link_base: str | None) -> tuple[str, str, None, list[str]] | None:
    """(subject, body, sender, recipients) in the portal's language, or None if the author has no e-mail address."""
    author = report.author
    if author is None or not author.email:
        return None
    base = (getattr(settings, "PORTAL_URL", "") or link_base or "").rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "project": report.project,
            "date": date_format(report.reported_on, "SHORT_DATE_FORMAT"),
            "reviewer": by.get_full_name() or by.get_username(),
            "comment": report.review_comment,
            "link": base + workspace_url(report, "update"),
        }
        subject = _("Status report returned for revision: %(project)s") % context
        body = "\n\n".join(
            [
                _("Hello,"),
                _("%(reviewer)s has returned your status report of %(date)s on “%(project)s” for revision:") % context,
                context["comment"],
                _("Please revise the report and save it; it is then submitted for review again:")
                + "\n"
                + context["link"],
            ]
        )
    return subject, body, None, [author.email]
