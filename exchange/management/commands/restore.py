from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from exchange.backup import BackupError, restore_backup, verify_backup


class Command(BaseCommand):
    help = "Replace the whole database with a backup made by `manage.py backup` (asks for --yes)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("folder", help="the backup's folder (portal-backup-<time>)")
        parser.add_argument("--yes", action="store_true", help="really replace the database's content")

    def handle(self, *args: Any, folder: str, yes: bool, **options: Any) -> None:
        try:
            manifest = verify_backup(folder)
            if not yes:
                raise CommandError(
                    _(
                        "%(path)s is complete and intact. Restoring it replaces the whole content of the database; "
                        "nothing was changed. Run the command again with --yes to restore it."
                    )
                    % {"path": folder}
                )
            documents = restore_backup(folder, manifest)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Restored from %(path)s; the database gives the backed-up strategy documents (%(count)s).")
            % {"path": folder, "count": documents}
        )
