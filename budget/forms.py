"""The forms of budget lines (with their funding sources), allocations, expenditures and external funding."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory

from budget import services
from budget.models import Allocation, BudgetLine, Expenditure, ExternalFunding, FundingSource
from strategy_portal.forms import SearchableSelect, VersionedForm, date_widgets

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class BudgetLineForm(VersionedForm):
    class Meta:
        model = BudgetLine
        fields = [
            "strategy", "year", "budget_part", "product_group", "department", "account_label", "required_amount",
            "remark", "coverage_proposal",
        ]  # fmt: skip


def funding_source_formset(can_delete: bool) -> type[BaseInlineFormSet[FundingSource, BudgetLine, Any]]:
    return inlineformset_factory(
        BudgetLine,
        FundingSource,
        form=VersionedForm,
        fields=["kind", "amount", "origin_year", "purpose"],
        extra=2,  # the paper's lines have up to two sources (Planansatz + Ermächtigungsübertrag)
        can_delete=can_delete,
    )


# Removing a source is a delete: only who may delete funding sources gets the checkbox.
FundingSourceFormSet = funding_source_formset(can_delete=True)
FundingSourceFormSetWithoutDelete = funding_source_formset(can_delete=False)


class BudgetLineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: BudgetLine) -> str:
        return f"{obj} · {obj.strategy}"


BOOKING_WIDGETS: dict[str, forms.Widget | type[forms.Widget]] = {
    "project": SearchableSelect,
    "budget_line": SearchableSelect,
}


class BookingForm(VersionedForm):
    """An allocation or expenditure: a project booked on a budget line of its own strategy (see the models' clean)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        budget_line = cast(BudgetLineChoiceField, self.fields["budget_line"])  # Meta.field_classes
        budget_line.queryset = BudgetLine.objects.select_related("strategy")


class AllocationForm(BookingForm):
    """Allocations of a budget line may not exceed what is available on it, unless an administrator says why
    (checked by `services.save_allocation` when the form saves)."""

    class Meta:
        model = Allocation
        fields = ["budget_line", "project", "amount", "decided_on", "note", "override_reason"]
        field_classes = {"budget_line": BudgetLineChoiceField}
        widgets = {**BOOKING_WIDGETS, **date_widgets("decided_on")}

    def __init__(self, *args: Any, may_override: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.may_override = may_override
        if not may_override:
            # An editor's edit keeps an administrator's reason as it is.
            del self.fields["override_reason"]

    def save(self, commit: bool = True) -> Allocation:
        """Through the budget services, which lock the line and check what it has left (a ValidationError then)."""
        return services.save_allocation(self.instance, may_exceed=self.may_override)


class ExpenditureForm(BookingForm):
    class Meta:
        model = Expenditure
        fields = ["project", "budget_line", "spent_on", "amount", "purpose"]
        field_classes = {"budget_line": BudgetLineChoiceField}
        widgets = {**BOOKING_WIDGETS, **date_widgets("spent_on")}

    def save(self, commit: bool = True) -> Expenditure:
        """Through the budget services, which lock the line and check what the project has left on it."""
        return services.save_expenditure(self.instance)


# External funding of projects (grants, partners' co-financing) -------------------------------------------------------

# django-stubs types a constraint's message as optional; Django sets its default message where none is given.
DECIDED_BEFORE_APPLIED: StrOrPromise = next(  # type: ignore[assignment]
    constraint.violation_error_message
    for constraint in ExternalFunding._meta.constraints
    if constraint.name == "externalfunding_decided_on_not_before_applied_on"
)


class ExternalFundingForm(VersionedForm):
    class Meta:
        model = ExternalFunding
        fields = ["project", "kind", "funder", "organisation", "amount", "status", "applied_on", "decided_on", "note"]
        widgets = {
            "project": SearchableSelect,
            "organisation": SearchableSelect,
            **date_widgets("applied_on", "decided_on"),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        applied_on, decided_on = cleaned.get("applied_on"), cleaned.get("decided_on")
        # At the field rather than as the database rule's message above the form.
        if applied_on and decided_on and decided_on < applied_on:
            self.add_error("decided_on", DECIDED_BEFORE_APPLIED)
        return cleaned
