from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Greatest, Round
from django.utils.translation import gettext_lazy as _

from strategy_portal.db import TimestampedModel, money_field, non_negative, not_before
from strategy_portal.formatting import format_euro

MONEY = models.DecimalField(max_digits=14, decimal_places=2)
ZERO = models.Value(Decimal("0.00"), output_field=MONEY)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise, WithAnnotations


class LineAmounts(TypedDict):
    """The annotations of `BudgetLineQuerySet.with_amounts`."""

    granted_amount: Decimal
    carried_in_amount: Decimal
    carried_out_amount: Decimal
    carried_out_year: int | None
    authorised_amount: Decimal
    available_amount: Decimal
    shortfall_amount: Decimal


def sum_of_amounts(queryset: models.QuerySet[Any], field: str) -> Coalesce:
    """The sum of the amounts of `queryset`'s rows whose `field` is the outer query's row, 0.00 without any. A
    correlated subquery per sum: summing over joins would count each source once per carry-over, each allocation once
    per expenditure, and so on."""
    total = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(total=Sum("amount"))
    return Coalesce(Subquery(total.values("total"), output_field=MONEY), ZERO, output_field=MONEY)


class BudgetLineQuerySet(models.QuerySet["BudgetLine"]):
    def with_amounts(self) -> BudgetLineQuerySet[AmountedLine]:
        """Annotate what the line's year has, counting every euro once:

        - `granted_amount`: the sum of the line's funding sources (plan, grants, carry-in from before the strategy);
        - `carried_in_amount` / `carried_out_amount`: carried over into it from an earlier year of the strategy, and
          out of it into a later one (`carried_out_year`);
        - `authorised_amount`: granted + carried in, the year's authorisation before what it carried out;
        - `available_amount`: granted + carried in − carried out;
        - `shortfall_amount` (Mehrbedarf): what the year requires beyond its own grants. A carry-over moves money
          with the work it was granted for, so it changes neither year's shortfall.

        Rounded to the cent in the database: SQLite computes through float (69966.93 − 60503.44 = 9463.48999…)."""
        carry_overs = CarryOver.objects.active()
        return self.annotate(
            granted_amount=sum_of_amounts(FundingSource.objects.all(), "budget_line"),
            carried_in_amount=sum_of_amounts(carry_overs, "target"),
            carried_out_amount=sum_of_amounts(carry_overs, "origin"),
            carried_out_year=Subquery(carry_overs.filter(origin=OuterRef("pk")).values("target__year")[:1]),
        ).annotate(
            authorised_amount=Round(F("granted_amount") + F("carried_in_amount"), 2, output_field=MONEY),
            available_amount=Round(
                F("granted_amount") + F("carried_in_amount") - F("carried_out_amount"), 2, output_field=MONEY
            ),
            shortfall_amount=Round(Greatest(F("required_amount") - F("granted_amount"), ZERO), 2, output_field=MONEY),
        )


class BudgetLine(TimestampedModel):
    """One year's line of the strategy in the district budget. Its available amount is computed from its sources."""

    class BudgetPart(models.TextChoices):
        RESULTS = "ergebnishaushalt", _("results budget (Ergebnishaushalt)")
        FINANCIAL = "finanzhaushalt", _("financial budget (Finanzhaushalt)")

    strategy = models.ForeignKey(
        "projects.Strategy", models.PROTECT, verbose_name=_("strategy"), related_name="budget_lines"
    )
    year = models.PositiveSmallIntegerField(_("fiscal year"))
    budget_part = models.CharField(_("budget part"), max_length=20, choices=BudgetPart.choices)
    product_group = models.CharField(_("product group / investment order"), max_length=30, blank=True)
    department = models.CharField(_("department"), max_length=30, blank=True)
    account_label = models.CharField(_("account label"), max_length=300, blank=True)
    required_amount = money_field(_("required amount"))
    remark = models.TextField(_("remarks"), blank=True)
    coverage_proposal = models.TextField(_("coverage proposal"), blank=True)

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["strategy_id", "year", "budget_part"]
        permissions = [("carry_over_budgetline", _("Can carry unspent authorisation into the next year"))]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "year", "budget_part"],
                name="budgetline_one_per_year_and_part",
                violation_error_message=_("This strategy already has a budget line for this year and budget part."),
            ),
            non_negative("required_amount", "budgetline"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="budgetline_year_plausible",
                violation_error_message=_("The fiscal year must lie between 2000 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} – {self.get_budget_part_display()}"

    def clean(self) -> None:
        if self.strategy_id and self.year and self.year not in self.strategy.budget_years:
            raise ValidationError(
                {
                    "year": _("The year lies outside the strategy's budget years (%(first)s–%(last)s).")
                    % {"first": self.strategy.first_budget_year, "last": self.strategy.last_budget_year}
                }
            )
        if self.pk and self._moves_booked_money():
            raise ValidationError(
                {
                    "year": _(
                        "Money has already been allocated, spent or carried over on this line: its strategy, year "
                        "and budget part can no longer change."
                    )
                }
            )

    def _moves_booked_money(self) -> bool:
        """Whether the edit changes the strategy, year or budget part of a line that has bookings or carry-overs:
        their dates and years belong to the line's year."""
        stored = BudgetLine.objects.filter(pk=self.pk).values("strategy_id", "year", "budget_part").first()
        if stored is None or stored == {
            "strategy_id": self.strategy_id,
            "year": self.year,
            "budget_part": self.budget_part,
        }:
            return False
        return (
            self.allocations.exists()
            or self.expenditures.exists()
            or CarryOver.objects.filter(Q(origin=self) | Q(target=self)).exists()
        )


if TYPE_CHECKING:
    AmountedLine = WithAnnotations[BudgetLine, LineAmounts]


class FundingSource(TimestampedModel):
    class Kind(models.TextChoices):
        PLAN = "plan", _("planned appropriation (Planansatz)")
        CARRY_OVER = "carry_over", _("carried-over authorisation (Ermächtigungsübertrag)")
        GRANT = "grant", _("grant")
        PARTNER = "partner", _("partner co-financing")
        OTHER = "other", _("other")

    budget_line = models.ForeignKey(BudgetLine, models.CASCADE, verbose_name=_("budget line"), related_name="sources")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount = money_field(_("amount"))
    origin_year = models.PositiveSmallIntegerField(
        _("carried over from year"), null=True, blank=True, help_text=_("Only for carried-over authorisations.")
    )
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["budget_line_id", "pk"]  # as entered: the paper names the Planansatz first
        constraints = [
            non_negative("amount", "fundingsource"),
            models.CheckConstraint(
                condition=~Q(kind="carry_over") | Q(origin_year__isnull=False),
                name="fundingsource_carry_over_has_origin_year",
                violation_error_message=_("A carried-over authorisation needs the year it comes from."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {format_euro(self.amount, cents=True)}"

    def clean(self) -> None:
        if self.kind != self.Kind.CARRY_OVER or not self.origin_year or not self.budget_line_id:
            return
        line = self.budget_line
        if self.origin_year >= line.year:
            raise ValidationError(
                {
                    "origin_year": _("An authorisation can only be carried over from a year before %(year)s.")
                    % {"year": line.year}
                }
            )
        if BudgetLine.objects.filter(
            strategy_id=line.strategy_id, year=self.origin_year, budget_part=line.budget_part
        ).exists():
            # The euro would then be counted in both years: a carry-over between the strategy's own years is a
            # CarryOver, made with "Carry over" on the earlier year's line.
            raise ValidationError(
                {
                    "origin_year": _(
                        "The strategy has its own budget line for %(year)s: carry its unspent authorisation over "
                        "with “Carry over unspent authorisation” on that line, not as a funding source."
                    )
                    % {"year": self.origin_year}
                }
            )


class ExternalFunding(TimestampedModel):
    """Money for a project from outside the district budget: a grant or a partner's co-financing."""

    class Kind(models.TextChoices):
        GRANT = "grant", _("grant")
        PARTNER = "partner", _("partner co-financing")

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied for")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    project = models.ForeignKey(
        "projects.Project", models.PROTECT, verbose_name=_("project"), related_name="external_funding"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    funder = models.CharField(_("funder"), max_length=200, help_text=_("The funding programme or the partner."))
    organisation = models.ForeignKey(
        "stakeholders.Organisation",
        models.PROTECT,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        related_name="external_funding",
    )
    amount = money_field(_("amount"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPLIED)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("external funding")
        verbose_name_plural = _("external funding")
        ordering = ["project_id", "-applied_on", "pk"]
        constraints = [
            non_negative("amount", "externalfunding"),
            not_before(
                "decided_on", "applied_on", "externalfunding", _("The decision must not lie before the application.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funder}: {format_euro(self.amount, cents=True)} ({self.get_status_display()})"


class Allocation(TimestampedModel):
    """Part of a year's project budget assigned to a project."""

    budget_line = models.ForeignKey(
        BudgetLine, models.PROTECT, verbose_name=_("budget line"), related_name="allocations"
    )
    project = models.ForeignKey(
        "projects.Project", models.PROTECT, verbose_name=_("project"), related_name="allocations"
    )
    amount = money_field(_("amount"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    override_reason = models.TextField(
        _("reason for exceeding the available budget"),
        blank=True,
        help_text=_("Only an administrator may allocate more than is available, and must say why."),
    )

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["budget_line_id", "project_id"]
        constraints = [non_negative("amount", "allocation")]

    def __str__(self) -> str:
        return f"{self.project} – {self.budget_line.year}: {format_euro(self.amount, cents=True)}"

    def clean(self) -> None:
        check_same_strategy(self)
        check_in_year(self, "decided_on", _("The decision must be dated in the budget line's year %(year)s."))


class Expenditure(TimestampedModel):
    """Money actually spent on a project."""

    project = models.ForeignKey(
        "projects.Project", models.PROTECT, verbose_name=_("project"), related_name="expenditures"
    )
    budget_line = models.ForeignKey(
        BudgetLine, models.PROTECT, verbose_name=_("budget line"), related_name="expenditures"
    )
    spent_on = models.DateField(_("spent on"))
    amount = money_field(_("amount"))
    purpose = models.CharField(_("purpose"), max_length=300)

    class Meta:
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditures")
        ordering = ["-spent_on"]
        constraints = [non_negative("amount", "expenditure")]

    def __str__(self) -> str:
        return f"{self.spent_on:%d.%m.%Y}: {format_euro(self.amount, cents=True)} – {self.purpose}"

    def clean(self) -> None:
        check_same_strategy(self)
        check_in_year(self, "spent_on", _("The expenditure must be dated in the budget line's year %(year)s."))


def check_same_strategy(entry: Allocation | Expenditure) -> None:
    """An allocation or expenditure books a project on a budget line of the project's own strategy."""
    if entry.project_id and entry.budget_line_id and entry.project.strategy_id != entry.budget_line.strategy_id:
        raise ValidationError({"budget_line": _("The budget line belongs to another strategy than the project.")})


def check_in_year(entry: Allocation | Expenditure, field: str, message: StrOrPromise) -> None:
    """A booking's date lies in its budget line's fiscal year (an invoice of January is booked on January's year)."""
    date = getattr(entry, field)
    if date and entry.budget_line_id and date.year != entry.budget_line.year:
        raise ValidationError({field: message % {"year": entry.budget_line.year}})


class CarryOverQuerySet(models.QuerySet["CarryOver"]):
    def active(self) -> CarryOverQuerySet:
        """The carry-overs in force: not undone."""
        return self.filter(undone_at__isnull=True)


class CarryOver(TimestampedModel):
    """An Ermächtigungsübertrag: `amount` of the unspent authorisation of `origin`'s year moves into `target`'s
    (the next year's line of the same strategy and budget part). The euro exists once: `origin` has it less,
    `target` more. Undone, it stays on record (`undone_at`) and counts no more. Written by budget.services only."""

    origin = models.ForeignKey(
        BudgetLine, models.PROTECT, verbose_name=_("carried over from"), related_name="carry_overs_out"
    )
    target = models.ForeignKey(
        BudgetLine, models.PROTECT, verbose_name=_("carried into"), related_name="carry_overs_in"
    )
    amount = money_field(_("amount"))
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    objects = CarryOverQuerySet.as_manager()

    class Meta:
        verbose_name = _("carry-over")
        verbose_name_plural = _("carry-overs")
        ordering = ["origin__year", "pk"]
        constraints = [
            non_negative("amount", "carryover"),
            models.UniqueConstraint(
                fields=["origin"],
                condition=Q(undone_at__isnull=True),
                name="carryover_once_per_origin",
                violation_error_message=_("This year's unspent authorisation has already been carried over."),
            ),
            models.CheckConstraint(
                condition=~Q(origin=F("target")),
                name="carryover_into_another_line",
                violation_error_message=_("A line cannot be carried over into itself."),
            ),
        ]

    def __str__(self) -> str:
        return _("%(amount)s carried over from %(origin)s into %(target)s") % {
            "amount": format_euro(self.amount),
            "origin": self.origin.year,
            "target": self.target.year,
        }
