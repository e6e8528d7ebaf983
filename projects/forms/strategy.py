"""Forms of the strategy's structure: the strategy, its phases, goals, action fields (with their focus areas),
findings and external initiatives.

Every form of a strategy's child names the strategy as a field: a ModelForm checks a unique constraint only when all
its fields are in the form, so a second goal 1 in the same strategy is refused by validation, not by the database.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Max, Q
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from projects.models import ActionField, ExternalInitiative, Finding, FocusArea, Phase, StrategicGoal, Strategy
from strategy_portal.forms import (
    SearchableSelect,
    SearchableSelectMultiple,
    SlugFromTitleMixin,
    WebAddressField,
    date_widgets,
)

SLUG_HELP = _("Part of the web address; left empty, it is made from the title.")


class UniqueErrorAtFieldMixin:
    """Django reports a clash with a unique constraint over several fields ("strategic goal with this strategy and
    number already exists") above the form; show it at the field the editor has to change instead."""

    def _post_clean(self):
        super()._post_clean()
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

    def _clashing_field(self, error):
        if error.code != "unique_together" or not error.params:
            return None
        fields = [name for name in error.params.get("unique_check", ()) if name != "strategy" and name in self.fields]
        return fields[-1] if fields else None


class StrategyChildForm(UniqueErrorAtFieldMixin, forms.ModelForm):
    """A phase, goal, action field, finding or initiative. Once saved, it stays in its strategy: moving it would
    carry its links (goals, action fields, projects) into a strategy they do not belong to.

    `same_strategy_fields` name many-to-many fields whose entries must belong to the same strategy;
    `event_fields` name participation event fields, which offer no archived event unless it is already chosen."""

    same_strategy_fields = ()
    event_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["strategy"].disabled = True
            self.fields["strategy"].help_text = _("A saved entry stays in its strategy.")
            for name in self.same_strategy_fields:
                field = self.fields[name]
                field.queryset = field.queryset.filter(strategy=self.instance.strategy_id)
        for name in self.event_fields:
            field = self.fields[name]
            field.queryset = field.queryset.filter(Q(is_archived=False) | Q(pk__in=self.chosen_pks(name)))

    def chosen_pks(self, name):
        """The pks already chosen in the field `name` (a subquery, not a query of its own)."""
        if not self.instance.pk:
            return []
        if self.instance._meta.get_field(name).many_to_many:
            return getattr(self.instance, name).values("pk")
        return [getattr(self.instance, f"{name}_id")]

    def clean(self):
        cleaned = super().clean()
        strategy = cleaned.get("strategy")
        if strategy is None:
            return cleaned
        for name in self.same_strategy_fields:
            if any(item.strategy_id != strategy.pk for item in cleaned.get(name) or ()):
                self.add_error(name, _("Choose only entries of the strategy “%(strategy)s”.") % {"strategy": strategy})
        return cleaned


class StrategyForm(UniqueErrorAtFieldMixin, SlugFromTitleMixin, forms.ModelForm):
    class Meta:
        model = Strategy
        fields = [
            "title", "slug", "is_featured", "vision", "background", "process_objectives", "responsible_unit",
            "department", "council_decision_year", "started", "final_presentation", "first_budget_year",
            "last_budget_year", "annual_project_budget", "reporting_period_months", "staff_days_capacity",
        ]  # fmt: skip
        help_texts = {"slug": SLUG_HELP}

    def clean_process_objectives(self):
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

    def label_from_instance(self, goal):
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
    def clean(self):
        """A focus area that projects name is not removed: they would silently lose it."""
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and form.instance.projects.exists():
                raise ValidationError(
                    _("“%(focus_area)s” is named by projects and cannot be removed. Change those projects first."),
                    params={"focus_area": form.instance},
                )

    def save(self, commit=True):
        if commit:
            self.make_room()
        return super().save(commit)

    def make_room(self):
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


def focus_area_formset(can_delete):
    return inlineformset_factory(
        ActionField,
        FocusArea,
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
