from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce, Greatest, Round
from django.utils.translation import gettext_lazy as _

from strategy_portal.db import TimestampedModel, money_field, non_negative, not_before
from strategy_portal.formatting import format_euro

MONEY = models.DecimalField(max_digits=14, decimal_places=2)
ZERO = models.Value(Decimal("0.00"), output_field=MONEY)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class LineAmounts(TypedDict):
    """The annotations of `BudgetLineQuerySet.with_amounts`."""

    available_amount: Decimal
    shortfall_amount: Decimal


class BudgetLineQuerySet(models.QuerySet["BudgetLine"]):
    def with_amounts(self) -> BudgetLineQuerySet[AmountedLine]:
        """Annotate `available_amount` (the sum of the line's sources) and `shortfall_amount` (Mehrbedarf).

        Rounded to the cent in the database: SQLite computes through float (69966.93 − 60503.44 = 9463.48999…)."""
        return self.annotate(available_amount=Coalesce(Sum("sources__amount"), ZERO, output_field=MONEY)).annotate(
            shortfall_amount=Round(Greatest(F("required_amount") - F("available_amount"), ZERO), 2, output_field=MONEY)
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


def check_same_strategy(entry: Allocation | Expenditure) -> None:
    """An allocation or expenditure books a project on a budget line of the project's own strategy."""
    if entry.project_id and entry.budget_line_id and entry.project.strategy_id != entry.budget_line.strategy_id:
        raise ValidationError({"budget_line": _("The budget line belongs to another strategy than the project.")})
