from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from budget import services
from budget.models import Allocation, BudgetLine, BudgetLineQuerySet, CarryOver, Expenditure, FundingSource
from strategy_portal.admin_utils import VersionedAdmin, VersionedTabularInline, year_column
from strategy_portal.formatting import format_euro

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from budget.models import AmountedLine


def euro_column(field_name: str, description: StrOrPromise) -> Callable[[Model], str]:
    """A sortable list column showing a money field or annotation in euros."""

    @admin.display(description=description, ordering=field_name)
    def column(obj: Model) -> str:
        return format_euro(getattr(obj, field_name))

    return column


amount_column = euro_column("amount", _("amount"))
fiscal_year_column = year_column(BudgetLine, "year")


class ReadOnlyAdmin(admin.options.BaseModelAdmin):
    """Money is written only through budget.services (the workspace, the importer, the commands), which lock the
    budget line and check what it has left; the admin shows it and writes none of it."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class FundingSourceInline(ReadOnlyAdmin, VersionedTabularInline):
    model = FundingSource
    fields = ("kind", "amount", "origin_year", "purpose")
    extra = 0


@admin.register(BudgetLine)
class BudgetLineAdmin(VersionedAdmin):
    list_display = (
        fiscal_year_column,
        "budget_part",
        "product_group",
        "department",
        "account_label",
        euro_column("required_amount", _("required amount")),
        euro_column("available_amount", _("available")),
        euro_column("shortfall_amount", _("shortfall")),
    )
    list_display_links = (fiscal_year_column, "budget_part")
    list_filter = ("strategy", "year", "budget_part")
    search_fields = ("account_label", "product_group", "department", "remark")
    ordering = ("strategy", "year", "budget_part")
    fields = (
        "strategy",
        ("year", "budget_part"),
        ("product_group", "department"),
        "account_label",
        "required_amount",
        "remark",
        "coverage_proposal",
    )
    inlines = [FundingSourceInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AmountedLine]:
        lines = cast(BudgetLineQuerySet, super().get_queryset(request))  # of BudgetLine's manager
        return lines.with_amounts()

    def save_model(self, request: HttpRequest, obj: BudgetLine, form: object, change: bool) -> None:
        services.save_budget_line(obj, user=request.user)  # type: ignore[arg-type]  # a signed-in staff member


@admin.register(FundingSource)
class FundingSourceAdmin(ReadOnlyAdmin, VersionedAdmin):
    list_display = ("kind", "budget_line", amount_column, year_column(FundingSource, "origin_year"), "purpose")
    list_filter = ("kind", "budget_line__year", "budget_line__strategy")
    list_select_related = ("budget_line",)
    search_fields = ("purpose",)
    ordering = ("budget_line__year", "kind")


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyAdmin, VersionedAdmin):
    list_display = ("project", "budget_line", amount_column, "decided_on", "note")
    list_filter = ("budget_line__year", "budget_line__strategy")
    list_select_related = ("project", "budget_line")
    search_fields = ("project__title", "note", "override_reason")
    ordering = ("budget_line__year", "project")


@admin.register(Expenditure)
class ExpenditureAdmin(ReadOnlyAdmin, VersionedAdmin):
    list_display = ("spent_on", "project", "budget_line", amount_column, "purpose")
    list_filter = ("budget_line__year", "budget_line__strategy")
    list_select_related = ("project", "budget_line")
    search_fields = ("purpose", "project__title")
    ordering = ("-spent_on",)
    date_hierarchy = "spent_on"


@admin.register(CarryOver)
class CarryOverAdmin(ReadOnlyAdmin, VersionedAdmin):
    list_display = ("origin", "target", amount_column, "created", "undone_at")
    list_filter = ("origin__strategy", "origin__year")
    list_select_related = ("origin", "target")
