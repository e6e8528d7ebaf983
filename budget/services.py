"""The one write path for the strategy's money: funding sources, allocations, expenditures and carry-overs.

The workspace's forms, the importer and the management commands save through these functions; the Django admin shows
these models read-only. Each function is atomic and first locks the budget lines it touches (`select_for_update`, in
the order of their keys so that two writers cannot deadlock), then checks what is still available: two editors
allocating the last euro of a line at the same moment are served one after the other, and the second is refused.

The rules, on every path:
- what is allocated on a line does not exceed what is available on it, unless an administrator says why;
- what is spent for a project on a line does not exceed what is allocated to it there;
- a carry-over moves what is neither allocated nor spent into the next year, once; undone, both years are as before.
Refusals are ValidationErrors keyed by the field they concern, in German.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from budget.models import Allocation, BudgetLine, CarryOver, Expenditure, FundingSource
from budget.selectors import LineState, line_state, pair_amounts
from strategy_portal.formatting import format_euro


def lock_lines(*pks: int | None) -> None:
    """Lock the budget lines `pks` (None is skipped) until the transaction ends."""
    keys = sorted({pk for pk in pks if pk is not None})
    if keys:
        list(BudgetLine.objects.select_for_update().filter(pk__in=keys).order_by("pk").values_list("pk"))


def refusal(field: str, message: str, code: str) -> ValidationError:
    """A refusal at `field` that keeps its code (a ValidationError made of a dict drops the code given beside it)."""
    return ValidationError({field: ValidationError(message, code=code)})


def _save(instance: FundingSource | Allocation | Expenditure | CarryOver, user: User | None) -> None:
    if user is not None:
        instance._history_user = user
    instance.save()


# Funding sources -----------------------------------------------------------------------------------------------------


@transaction.atomic
def save_budget_line(
    line: BudgetLine, *, write_sources: Callable[[BudgetLine], object] | None = None, user: User | None = None
) -> BudgetLine:
    """Save `line` and, through `write_sources(line)`, its funding sources (an inline formset's save, say). Refused if
    the sources then no longer cover what is allocated on the line and the line has less than before."""
    lock_lines(line.pk)
    before = line_state(line.pk) if line.pk else None
    line.full_clean()
    line.save()
    if write_sources is not None:
        write_sources(line)
        for source in line.sources.all():  # a new line's sources had no line to check against in their form
            source.clean()
    _check_sources_cover_allocations(line, before)
    return line


@transaction.atomic
def save_funding_source(source: FundingSource, *, user: User | None = None) -> FundingSource:
    """Create or change one funding source (the importer's path); refused like `save_budget_line`."""
    previous = FundingSource.objects.filter(pk=source.pk).values_list("budget_line_id", flat=True).first()
    lock_lines(source.budget_line_id, previous)
    befores = {pk: line_state(pk) for pk in {source.budget_line_id, previous} if pk is not None}
    source.full_clean()
    _save(source, user)
    for pk, before in befores.items():
        _check_sources_cover_allocations(BudgetLine.objects.get(pk=pk), before)
    return source


def _check_sources_cover_allocations(line: BudgetLine, before: LineState | None) -> None:
    after = line_state(line.pk)
    if after.over_allocated > 0 and (before is None or after.available < before.available):
        raise ValidationError(
            _(
                "%(allocated)s are allocated on this budget line: its funding sources may not fall below that "
                "(they now come to %(available)s available). Reduce the allocations first."
            )
            % {"allocated": format_euro(after.allocated), "available": format_euro(after.available)},
            code="below_allocated",
        )


# Allocations ---------------------------------------------------------------------------------------------------------


@transaction.atomic
def save_allocation(allocation: Allocation, *, may_exceed: bool = False, user: User | None = None) -> Allocation:
    """Create or change an allocation. Refused when it would allocate more than the line has left, unless
    `may_exceed` (an administrator) and `override_reason` says why; the reason stays while the allocation exceeds what
    the line has left. Refused when it would leave the project with less allocated on a line than it has spent there."""
    previous = (
        Allocation.objects.filter(pk=allocation.pk)
        .values("budget_line_id", "project_id", "amount", "override_reason")
        .first()
    )
    lock_lines(allocation.budget_line_id, previous and previous["budget_line_id"])
    allocation.full_clean()
    must_fit = (
        previous is None
        or previous["budget_line_id"] != allocation.budget_line_id
        or allocation.amount > previous["amount"]
        # Without its reason an allocation beyond what the line has left would be an exception nobody recorded.
        or (bool(previous["override_reason"].strip()) and not allocation.override_reason.strip())
    )
    if must_fit:
        _check_unallocated(allocation, may_exceed)
    _save(allocation, user)
    pairs = {(allocation.project_id, allocation.budget_line_id)}
    if previous is not None:
        pairs.add((previous["project_id"], previous["budget_line_id"]))
    for project_id, line_id in pairs:
        allocated, spent = pair_amounts(project_id, line_id)
        if spent > allocated:
            raise refusal(
                "amount",
                _(
                    "%(spent)s have already been spent for this project on this budget line: at least that much "
                    "must stay allocated to it there."
                )
                % {"spent": format_euro(spent)},
                "below_spent",
            )
    return allocation


def _check_unallocated(allocation: Allocation, may_exceed: bool) -> None:
    state = line_state(allocation.budget_line_id, excluding_allocation=allocation.pk)
    if allocation.amount <= state.unallocated:
        return
    remaining = {"remaining": format_euro(state.unallocated)}
    if not may_exceed:
        raise refusal(
            "amount",
            _(
                "Only %(remaining)s of this budget line are not yet allocated. Only an administrator may "
                "allocate more than is available."
            )
            % remaining,
            "over_allocated",
        )
    if not allocation.override_reason.strip():
        raise refusal(
            "override_reason",
            _("Only %(remaining)s of this budget line are not yet allocated: say why you allocate more.") % remaining,
            "over_allocated_without_reason",
        )


# Expenditures --------------------------------------------------------------------------------------------------------


@transaction.atomic
def save_expenditure(expenditure: Expenditure, *, user: User | None = None) -> Expenditure:
    """Create or change an expenditure; refused when the project would have spent more on the line than is allocated
    to it there."""
    previous = Expenditure.objects.filter(pk=expenditure.pk).values_list("budget_line_id", flat=True).first()
    lock_lines(expenditure.budget_line_id, previous)
    expenditure.full_clean()
    allocated, spent = pair_amounts(
        expenditure.project_id, expenditure.budget_line_id, excluding_expenditure=expenditure.pk
    )
    if spent + expenditure.amount > allocated:
        raise refusal(
            "amount",
            _(
                "Only %(left)s allocated to this project on this budget line are not yet spent: allocate more "
                "to it first."
            )
            % {"left": format_euro(max(allocated - spent, Decimal(0)))},
            "over_spent",
        )
    _save(expenditure, user)
    return expenditure


def save_entry(
    entry: BudgetLine | FundingSource | Allocation | Expenditure, *, may_exceed: bool = False, user: User | None = None
) -> None:
    """Save any of the money records through its own function above (restoring an earlier version, say)."""
    if isinstance(entry, Allocation):
        save_allocation(entry, may_exceed=may_exceed, user=user)
    elif isinstance(entry, Expenditure):
        save_expenditure(entry, user=user)
    elif isinstance(entry, FundingSource):
        save_funding_source(entry, user=user)
    else:
        save_budget_line(entry, user=user)


@transaction.atomic
def delete_entry(entry: BudgetLine | Allocation | Expenditure) -> None:
    """Delete a money record under the lock of its line; refused where an allocation would leave its project with
    more spent than allocated. (Lines with bookings or carry-overs are protected by their foreign keys.)"""
    line_id = entry.pk if isinstance(entry, BudgetLine) else entry.budget_line_id
    lock_lines(line_id)
    entry.delete()
    if isinstance(entry, Allocation):
        allocated, spent = pair_amounts(entry.project_id, entry.budget_line_id)
        if spent > allocated:
            raise ValidationError(
                _(
                    "%(spent)s have already been spent for this project on this budget line: the allocation cannot "
                    "be deleted, only reduced to that."
                )
                % {"spent": format_euro(spent)},
                code="below_spent",
            )


# Carry-overs ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CarryOverPlan:
    """What carrying `line` over would do: `amount`, what is neither allocated nor spent, moves into `target`;
    `kept`: what was allocated or spent, and stays."""

    line: BudgetLine
    target: BudgetLine
    amount: Decimal
    kept: Decimal


def plan_carry_over(line: BudgetLine) -> CarryOverPlan:
    """The carry-over of `line` into the next year, or a ValidationError saying why it is refused."""
    next_year = line.year + 1
    target = BudgetLine.objects.filter(
        strategy_id=line.strategy_id, year=next_year, budget_part=line.budget_part
    ).first()
    if target is None:
        raise ValidationError(_missing_line_message(line, next_year), code="no_next_line")
    if CarryOver.objects.active().filter(origin=line).exists():
        raise ValidationError(
            _("The unspent authorisation of %(year)s has already been carried into %(next_year)s.")
            % {"year": line.year, "next_year": next_year},
            code="already_carried",
        )
    state = line_state(line.pk)
    if state.carryable <= 0:
        raise ValidationError(
            _("Nothing of %(year)s is left unallocated and unspent: there is nothing to carry over.")
            % {"year": line.year},
            code="nothing_unspent",
        )
    return CarryOverPlan(line=line, target=target, amount=state.carryable, kept=state.available - state.carryable)


@transaction.atomic
def carry_over(*, line: BudgetLine, user: User | None = None) -> CarryOver:
    """Carry what is neither allocated nor spent of `line` into the next year's line of the same strategy and budget
    part (Ermächtigungsübertrag): `line`'s year has it less, the next year more. Refused (ValidationError) if nothing
    is left, the next year has no line yet, or the year has already been carried over. `user` is recorded in the
    carry-over's history."""
    lock_lines(
        line.pk,
        *BudgetLine.objects.filter(
            strategy_id=line.strategy_id, year=line.year + 1, budget_part=line.budget_part
        ).values_list("pk", flat=True),
    )
    plan = plan_carry_over(line)
    record, _created = record_carry_over(origin=line, target=plan.target, amount=plan.amount, user=user)
    return record


@transaction.atomic
def record_carry_over(
    *, origin: BudgetLine, target: BudgetLine, amount: Decimal, user: User | None = None
) -> tuple[CarryOver, bool]:
    """Record that `amount` of `origin`'s unspent authorisation moves into `target` (`carry_over`, and the importer
    with a document's figure). Returns the carry-over and whether it was created: `origin` already carried over into
    `target` with this very amount is left as it is. Refused (ValidationError) if `target` is not a later line of the
    same strategy and budget part, if `origin` has been carried over otherwise, or if `amount` is more than `origin`
    has neither allocated nor spent."""
    lock_lines(origin.pk, target.pk)
    _check_carry_over_target(origin, target)
    existing = CarryOver.objects.active().filter(origin=origin).select_related("target").first()
    if existing is not None:
        if existing.target_id == target.pk and existing.amount == amount:
            return existing, False
        message = _("%(amount)s of %(year)s have already been carried into %(target)s: undo that carry-over first.")
        values = {"amount": format_euro(existing.amount), "year": origin.year, "target": existing.target.year}
        raise refusal("amount", message % values, "already_carried")
    _check_carryable(origin, amount)
    record = CarryOver(origin=origin, target=target, amount=amount)
    record.full_clean()
    _save(record, user)
    return record, True


def _check_carry_over_target(origin: BudgetLine, target: BudgetLine) -> None:
    same_strategy_and_part = (target.strategy_id, target.budget_part) == (origin.strategy_id, origin.budget_part)
    if not same_strategy_and_part or target.year <= origin.year:
        message = _(
            "The unspent authorisation of %(year)s can only be carried into a later year's %(part)s budget line of "
            "the same strategy."
        ) % {"year": origin.year, "part": origin.get_budget_part_display()}
        raise refusal("target", message, "not_a_later_line")


def _check_carryable(origin: BudgetLine, amount: Decimal) -> None:
    if amount <= 0:
        message = _("There is nothing to carry over: the amount must be more than zero.")
        raise refusal("amount", message, "nothing_unspent")
    carryable = line_state(origin.pk).carryable
    if amount > carryable:
        message = _(
            "Only %(carryable)s of %(year)s are neither allocated nor spent: no more than that can be carried over."
        ) % {"carryable": format_euro(max(carryable, Decimal(0))), "year": origin.year}
        raise refusal("amount", message, "more_than_carryable")


@transaction.atomic
def undo_carry_over(record: CarryOver, *, user: User | None = None) -> CarryOver:
    """Undo a carry-over: both years are as before it, and the carry-over stays on record as undone. Refused once the
    next year has allocated, spent or carried on the money it brought."""
    lock_lines(record.origin_id, record.target_id)
    record.refresh_from_db()
    if record.undone_at is not None:
        raise ValidationError(_("This carry-over has already been undone."), code="already_undone")
    target = line_state(record.target_id)
    if target.available - record.amount < target.committed:
        raise ValidationError(
            _(
                "%(year)s has already allocated, spent or carried on %(committed)s of its %(available)s: without this "
                "carry-over it would have only %(left)s. Reduce the allocations of %(year)s first."
            )
            % {
                "year": record.target.year,
                "committed": format_euro(target.committed),
                "available": format_euro(target.available),
                "left": format_euro(target.available - record.amount),
            },
            code="carried_money_used",
        )
    record.undone_at = timezone.now()
    _save(record, user)
    return record


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
