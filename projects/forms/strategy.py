"""Forms of the strategy's structure: the strategy, its phases, goals, action fields (with their focus areas),
findings and external initiatives.

Every form of a strategy's child names the strategy as a field: a ModelForm checks a unique constraint only when all
its fields are in the form, so a second goal 1 in the same strategy is refused by validation, not by the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Max, Q, QuerySet
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.forms.utils import ErrorDict
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from projects.models import ActionField, ExternalInitiative, Finding, FocusArea, Phase, StrategicGoal, Strategy
from strategy_portal.db import model_field
from strategy_portal.forms import (
    SearchableSelect,
    SearchableSelectMultiple,
    SlugFromTitleMixin,
    VersionedForm,
    WebAddressField,
    date_widgets,
)

if TYPE_CHECKING:
    # What the mixins expect of the form class they are mixed into.
    _ModelForm = forms.ModelForm
else:
    _ModelForm = object

SLUG_HELP = _("Part of the web address; left empty, it is made from the title.")


class UniqueErrorAtFieldMixin(_ModelForm):
    """Django reports a clash with a unique constraint over several fields ("strategic goal with this strategy and
    number already exists") above the form; show it at the field the editor has to change instead."""

    _errors: ErrorDict  # Django's, filled by full_clean() before it calls _post_clean()

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # django-stubs leaves out this hook of full_clean()
        errors = self._errors.get(NON_FIELD_ERRORS)
        if not errors:
            return
        kept = []
        for error in errors.as_data():
            field = self._clashing_field(error)
            if field is None:
                kept.append(error)
            else:
                self._errors.setdefault(field, self.error_class(renderer=self.renderer)).append(error)
                self.cleaned_data.pop(field, None)
        if kept:
            self._errors[NON_FIELD_ERRORS] = self.error_class(kept, error_class="nonfield", renderer=self.renderer)
        else:
            del self._errors[NON_FIELD_ERRORS]

    def _clashing_field(self, error: ValidationError) -> str | None:
        if error.code != "unique_together" or not error.params:
            return None
        fields = [name for name in error.params.get("unique_check", ()) if name != "strategy" and name in self.fields]
        return fields[-1] if fields else None


class StrategyChildForm(UniqueErrorAtFieldMixin, VersionedForm):
    """A phase, goal, action field, finding or initiative. Once saved, it stays in its strategy: moving it would
    carry its links (goals, action fields, projects) into a strategy they do not belong to.

    `same_strategy_fields` name many-to-many fields whose entries must belong to the same strategy;
    `event_fields` name participation event fields, which offer no archived event unless it is already chosen."""

    same_strategy_fields: tuple[str, ...] = ()
    event_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["strategy"].disabled = True
            self.fields["strategy"].help_text = _("A saved entry stays in its strategy.")
            for name in self.same_strategy_fields:
                field = self.rows_field(name)
                field.queryset = cast(QuerySet, field.queryset).filter(strategy=self.instance.strategy_id)
        for name in self.event_fields:
            field = self.rows_field(name)
            field.queryset = cast(QuerySet, field.queryset).filter(
                Q(is_archived=False) | Q(pk__in=self.chosen_pks(name))
            )

    def rows_field(self, name: str) -> forms.ModelChoiceField[Any]:
        return cast(forms.ModelChoiceField, self.fields[name])  # a select of rows, as ModelForm builds it

    def chosen_pks(self, name: str) -> QuerySet[Any, dict[str, Any]] | list[int | None]:
        """The pks already chosen in the field `name` (a subquery, not a query of its own)."""
        if not self.instance.pk:
            return []
        if model_field(self.instance, name).many_to_many:
            return getattr(self.instance, name).values("pk")
        return [getattr(self.instance, f"{name}_id")]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        strategy = cleaned.get("strategy")
        if strategy is None:
            return cleaned
        for name in self.same_strategy_fields:
            if any(item.strategy_id != strategy.pk for item in cleaned.get(name) or ()):
                self.add_error(name, _("Choose only entries of the strategy “%(strategy)s”.") % {"strategy": strategy})
        return cleaned


class StrategyForm(UniqueErrorAtFieldMixin, SlugFromTitleMixin, VersionedForm):
    class Meta:
        model = Strategy
        fields = [
            "title", "slug", "is_featured", "vision", "background", "process_objectives", "responsible_unit",
            "department", "council_decision_year", "started", "final_presentation", "first_budget_year",
            "last_budget_year", "annual_project_budget", "reporting_period_months", "staff_days_capacity",
        ]  # fmt: skip
        help_texts = {"slug": SLUG_HELP}

    def clean_process_objectives(self) -> str:
        """One objective per line, without empty lines or stray spaces."""
        lines = self.cleaned_data["process_objectives"].splitlines()
        return "\n".join(line.strip() for line in lines if line.strip())


class PhaseForm(StrategyChildForm):
    event_fields = ("participation_events",)

    class Meta:
        model = Phase
        fields = [
            "strategy", "number", "title", "description", "status", "start_date", "end_date", "participation_events",
        ]  # fmt: skip
        widgets = {**date_widgets("start_date", "end_date"), "participation_events": SearchableSelectMultiple}


class StrategicGoalForm(StrategyChildForm):
    class Meta:
        model = StrategicGoal
        fields = ["strategy", "number", "statement", "description"]
        widgets = {"number": forms.NumberInput(attrs={"min": 1})}


class GoalChoiceField(forms.ModelMultipleChoiceField):
    """Goals by number and wording: "Strategisches Ziel 2" alone does not say which goal is meant."""

    def label_from_instance(self, goal: StrategicGoal) -> str:
        return f"{goal.number}. {Truncator(goal.statement).chars(90)}"


class ActionFieldForm(SlugFromTitleMixin, StrategyChildForm):
    slug_source = "short_title"
    same_strategy_fields = ("goals",)
    event_fields = ("participation_events",)

    class Meta:
        model = ActionField
        fields = [
            "strategy", "number", "title", "short_title", "slug", "description", "goals", "participation_events",
        ]  # fmt: skip
        field_classes = {"goals": GoalChoiceField}
        widgets = {"goals": SearchableSelectMultiple, "participation_events": SearchableSelectMultiple}
        help_texts = {"slug": _("Part of the web address; left empty, it is made from the short title.")}


class FocusAreaBaseFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        """A focus area that projects name is not removed: they would silently lose it."""
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and form.instance.projects.exists():
                raise ValidationError(
                    _("“%(focus_area)s” is named by projects and cannot be removed. Change those projects first."),
                    params={"focus_area": form.instance},
                )

    def save(self, commit: bool = True) -> list[FocusArea]:
        if commit:
            self.make_room()
        return super().save(commit)

    def make_room(self) -> None:
        """Rows are saved one by one, so two focus areas trading numbers (1 ↔ 2), or one taking the number of a
        removed one, would clash with the unique number midway. Park those rows above every number in use first;
        each then gets its final number (and its history entry) when the formset saves it."""
        moving = [form for form in self.initial_forms if form in self.deleted_forms or "number" in form.changed_data]
        if not moving:
            return
        submitted = [form.cleaned_data.get("number") or 0 for form in self.forms if form.cleaned_data]
        highest = self.get_queryset().aggregate(highest=Max("number"))["highest"] or 0
        parking = max([highest, *submitted]) + 1
        for offset, form in enumerate(moving):
            FocusArea.objects.filter(pk=form.instance.pk).update(number=parking + offset)


def focus_area_formset(can_delete: bool) -> type[BaseInlineFormSet[FocusArea, ActionField, Any]]:
    return inlineformset_factory(
        ActionField,
        FocusArea,
        form=VersionedForm,
        formset=FocusAreaBaseFormSet,
        fields=["number", "title"],
        widgets={"number": forms.NumberInput(attrs={"min": 1})},
        extra=1,
        can_delete=can_delete,
    )


# Removing a focus area needs the permission to delete focus areas (editors have none, see accounts/roles.py).
FocusAreaFormSet = focus_area_formset(can_delete=True)
FocusAreaFormSetWithoutDelete = focus_area_formset(can_delete=False)


class FindingForm(StrategyChildForm):
    same_strategy_fields = ("action_fields",)
    event_fields = ("event",)

    class Meta:
        model = Finding
        fields = [
            "strategy", "number", "statement", "figure", "figure_qualifier", "figure_unit", "event", "action_fields",
        ]  # fmt: skip
        widgets = {"event": SearchableSelect, "action_fields": SearchableSelectMultiple}
        help_texts = {"figure_unit": _("E.g. “%” or “Unternehmen”.")}


class ExternalInitiativeForm(StrategyChildForm):
    same_strategy_fields = ("action_fields",)

    class Meta:
        model = ExternalInitiative
        fields = ["strategy", "title", "level", "responsible", "description", "url", "action_fields"]
        field_classes = {"url": WebAddressField}
        widgets = {"action_fields": SearchableSelectMultiple}
