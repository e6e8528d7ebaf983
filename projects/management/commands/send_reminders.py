import datetime
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.reminders import ReminderSummary, send_reminders


class Command(BaseCommand):
    help = (
        "Send the reminder e-mails for due and overdue status reports and overdue milestones. Run it daily: each "
        "reminder goes out once per reporting period, however often the command runs."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--date", help="act as of this day, YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, date: str | None = None, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            summary = send_reminders(today=parse_day(date) if date else timezone.localdate())
            for project in dict.fromkeys(summary.without_recipients):  # once per project, not per mail
                self.stdout.write(
                    self.style.WARNING(
                        _(
                            "No reminder for “%(project)s”: it has no e-mail address. Enter the responsible staff "
                            "member's address or assign a project lead."
                        )
                        % {"project": project}
                    )
                )
            for project, error in summary.failed:
                self.stderr.write(
                    _("The reminder for “%(project)s” could not be sent: %(error)s")
                    % {"project": project, "error": error}
                )
            self.stdout.write(summary_line(summary))
            if summary.failed:
                raise CommandError(_("Not every reminder could be sent; the next run tries again."))


def parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("“%(value)s” is not a date. Give it as YYYY-MM-DD, e.g. 2026-06-30.") % {"value": value}
        ) from None


def summary_line(summary: ReminderSummary) -> str:
    """„3 Erinnerungen versendet, 2 bereits versendet, 1 ohne Empfänger“."""
    parts = [
        ngettext("%(count)d reminder sent", "%(count)d reminders sent", summary.sent) % {"count": summary.sent},
        _("%(count)d already sent") % {"count": summary.already_sent},
        _("%(count)d without recipients") % {"count": len(summary.without_recipients)},
    ]
    if summary.failed:
        parts.append(_("%(count)d failed") % {"count": len(summary.failed)})
    return ", ".join(parts)
