from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from budget.models import BudgetLine
from budget.services import carry_over
from projects.models import Strategy
from strategy_portal.formatting import format_euro


class Command(BaseCommand):
    help = "Carry a year's unspent budget authorisation into the next year (Ermächtigungsübertrag)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="the fiscal year whose unspent money is carried")
        parser.add_argument("--strategy", help="slug of the strategy (default: the featured one)")
        parser.add_argument(
            "--budget-part",
            choices=BudgetLine.BudgetPart.values,
            default=BudgetLine.BudgetPart.RESULTS,
            help="budget part of the line (default: ergebnishaushalt)",
        )

    def handle(self, *args: Any, year: int, strategy: str | None, budget_part: str, **options: Any) -> None:
        line = self.budget_line(year, strategy, budget_part)
        try:
            record = carry_over(line=line)
        except ValidationError as refusal:
            raise CommandError(" ".join(refusal.messages)) from refusal
        self.stdout.write(
            _("%(amount)s of unspent authorisation from %(year)s was carried into %(target)s.")
            % {"amount": format_euro(record.amount, cents=True), "year": year, "target": record.target}
        )

    def budget_line(self, year: int, slug: str | None, budget_part: str) -> BudgetLine:
        strategies = Strategy.objects.filter(slug=slug) if slug else Strategy.objects.filter(is_featured=True)
        strategy = strategies.first()
        if strategy is None:
            raise CommandError(_("No such strategy: %(slug)s") % {"slug": slug or _("(featured)")})
        line = strategy.budget_lines.filter(year=year, budget_part=budget_part).first()
        if line is None:
            raise CommandError(
                _("The strategy has no %(part)s budget line for %(year)s.")
                % {"part": BudgetLine.BudgetPart(budget_part).label, "year": year}
            )
        return line
