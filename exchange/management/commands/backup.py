from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from exchange.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write a backup (database dump, strategy documents, manifest) into a new folder under DIRECTORY."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("directory", help="folder that receives the new portal-backup-<time> folder")

    def handle(self, *args: Any, directory: str, **options: Any) -> None:
        try:
            folder = create_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("Backup written to %(path)s.") % {"path": folder})
