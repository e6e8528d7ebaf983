from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from exchange.document import DocumentError, import_document
from exchange.document.reading import read_document


class Command(BaseCommand):
    help = "Load a strategy document (docs/strategy-document.md) atomically; a second run changes nothing."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="path of the JSON strategy document")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        try:
            document = read_document(Path(file))
        except OSError as error:
            raise CommandError(_("%(file)s: cannot be read (%(error)s)") % {"file": file, "error": error}) from None
        except DocumentError as error:
            raise CommandError(_("%(error)s (nothing was imported)") % {"error": error}) from None
        try:
            result = import_document(document)
        except DocumentError as error:
            raise CommandError(
                _("%(file)s: %(error)s (nothing was imported)") % {"file": file, "error": error}
            ) from None
        self.stdout.write(
            _("%(file)s imported: %(created)s created, %(updated)s changed, %(unchanged)s unchanged.")
            % {"file": file, **vars(result)}
        )
