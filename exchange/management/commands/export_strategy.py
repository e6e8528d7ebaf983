import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from exchange.document import export_document
from projects.models import Strategy
from strategy_portal.publication import Audience


class Command(BaseCommand):
    help = "Write a strategy as a strategy document with personal data (docs/strategy-document.md)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--strategy", help="slug of the strategy (default: the featured one)")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args: Any, strategy: str | None, output: str | None, **options: Any) -> None:
        strategies = Strategy.objects.filter(slug=strategy) if strategy else Strategy.objects.filter(is_featured=True)
        found = strategies.first()
        if found is None:
            raise CommandError(_("No such strategy: %(slug)s") % {"slug": strategy or _("(featured)")})
        # The operator's command: the full document, with the persons' personal data.
        text = json.dumps(export_document(found, audience=Audience.ADMIN), ensure_ascii=False, indent=2) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
