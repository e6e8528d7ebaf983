"""Writes of the strategy's money that touch more than one row; keyword-only and atomic."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from budget.models import BudgetLine, FundingSource
from budget.selectors import unspent_amount

# Stored data, in the language of the budget office's other records (the seed's purposes are German too).
CARRY_OVER_PURPOSE = "Übertrag nicht verbrauchter Ermächtigung aus %(year)s"


@dataclass(frozen=True)
class CarryOver:
    """What carrying `line` over would do: `amount` of its unspent authorisation becomes a source of `target`."""

    line: BudgetLine
    target: BudgetLine
    amount: Decimal


def plan_carry_over(line: BudgetLine, *, lock: bool = False) -> CarryOver:
    """The carry-over of `line` into the next year, or a ValidationError saying why it is refused (reads the next
    year's line, its carried-over sources and the unspent amount: four queries)."""
    next_year = line.year + 1
    targets = BudgetLine.objects.filter(strategy_id=line.strategy_id, year=next_year, budget_part=line.budget_part)
    target = (targets.select_for_update() if lock else targets).first()
    if target is None:
        raise ValidationError(_missing_line_message(line, next_year), code="no_next_line")
    if target.sources.filter(kind=FundingSource.Kind.CARRY_OVER, origin_year=line.year).exists():
        raise ValidationError(
            _("The unspent authorisation of %(year)s has already been carried into %(next_year)s.")
            % {"year": line.year, "next_year": next_year},
            code="already_carried",
        )
    amount = unspent_amount(line)
    if amount <= 0:
        raise ValidationError(
            _("Nothing of %(year)s is left unspent: there is nothing to carry over.") % {"year": line.year},
            code="nothing_unspent",
        )
    return CarryOver(line=line, target=target, amount=amount)


@transaction.atomic
def carry_over(*, line: BudgetLine, user: User | None = None) -> FundingSource:
    """Carry the unspent authorisation of `line` into the next year's line of the same strategy and budget part as
    an Ermächtigungsübertrag; refused (ValidationError) if nothing is unspent, the next year has no line yet, or the
    year has already been carried over. `user` is recorded in the new source's history. Returns the new source."""
    # Lock the next year's line so that two carry-overs of the same year cannot both pass the check.
    plan = plan_carry_over(line, lock=True)
    source = FundingSource(
        budget_line=plan.target,
        kind=FundingSource.Kind.CARRY_OVER,
        origin_year=line.year,
        amount=plan.amount,
        purpose=CARRY_OVER_PURPOSE % {"year": line.year},
    )
    source.full_clean()
    source._history_user = user
    source.save()
    return source


def _missing_line_message(line: BudgetLine, next_year: int) -> str:
    """Which line must be created first, and whether the strategy's budget years must be extended for it (reads the
    line's strategy unless it was loaded with it)."""
    strategy = line.strategy
    if next_year not in strategy.budget_years:
        return _(
            "There is no budget line for %(year)s: it lies after the strategy's budget years (%(first)s–%(last)s). "
            "Extend them and create the %(part)s line for %(year)s first, then carry over."
        ) % {
            "year": next_year,
            "first": strategy.first_budget_year,
            "last": strategy.last_budget_year,
            "part": line.get_budget_part_display(),
        }
    return _("There is no %(part)s budget line for %(year)s yet: create it first, then carry over.") % {
        "part": line.get_budget_part_display(),
        "year": next_year,
    }
