"""The project form with its partners, milestones and indicators, and an indicator's measurements."""

from __future__ import annotations

from typing import Any, cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.db.models import Model, QuerySet
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from projects.models import Indicator, Measurement, Milestone, Project, ProjectPartner
from strategy_portal.forms import (
    SearchableSelect,
    SearchableSelectMultiple,
    SlugFromTitleMixin,
    VersionedForm,
    date_widgets,
)


class ProjectForm(SlugFromTitleMixin, VersionedForm):
    class Meta:
        model = Project
        fields = [
            "strategy", "number", "title", "slug", "summary", "description", "action_field", "focus_areas",
            "kind", "status", "lead_organisation", "responsible_person", "project_leads", "planned_start",
            "planned_end", "objectives", "staff_days_per_year", "required_amount", "priority_subject",
            "priority_resources", "priority_partners", "priority_note", "climate_impact", "climate_justification",
            "visibility",
        ]  # fmt: skip
        widgets = {
            **date_widgets("planned_start", "planned_end"),
            "lead_organisation": SearchableSelect,
            "responsible_person": SearchableSelect,
            "focus_areas": SearchableSelectMultiple,
            "project_leads": SearchableSelectMultiple,
        }
        help_texts = {"slug": _("Part of the web address; left empty, it is made from the title.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("Basic data"), Row(Column("strategy", css_class="col-md-6"), Column("number"), Column("slug")),
                     "title", "summary", "description"),
            Fieldset(_("Place in the strategy"), Row(Column("action_field"), Column("focus_areas")),
                     Row(Column("kind"), Column("status"))),
            Fieldset(_("Responsibility"), Row(Column("lead_organisation"), Column("responsible_person")),
                     "project_leads"),
            Fieldset(_("Planning and resources"), Row(Column("planned_start"), Column("planned_end"),
                     Column("staff_days_per_year"), Column("required_amount")), "objectives"),
            Fieldset(_("Priority assessment"), Row(Column("priority_subject"), Column("priority_resources"),
                     Column("priority_partners")), "priority_note"),
            Fieldset(_("KlimaCheck"), "climate_impact", "climate_justification"),
            Fieldset(_("Publication"), "visibility", "seen_version"),
        )  # fmt: skip
        for name, related in (("action_field", "strategy"), ("focus_areas", "action_field")):
            field = cast(forms.ModelChoiceField, self.fields[name])  # a select of rows, as ModelForm builds it
            field.queryset = cast(QuerySet, field.queryset).select_related(related)


def child_formset(
    model: type[Model],
    fields: list[str],
    widgets: dict[str, forms.Widget | type[forms.Widget]] | None = None,
    extra: int = 1,
) -> type[BaseInlineFormSet[Any, Project, Any]]:
    return inlineformset_factory(
        Project, model, form=VersionedForm, fields=fields, widgets=widgets or {}, extra=extra, can_delete=True
    )


PartnerFormSet = child_formset(ProjectPartner, ["organisation", "role"], {"organisation": SearchableSelect})
MilestoneFormSet = child_formset(
    Milestone,
    ["title", "due_date", "done_on", "note"],
    {**date_widgets("due_date", "done_on"), "note": forms.TextInput},
)
IndicatorFormSet = child_formset(
    Indicator, ["name", "unit", "baseline", "target", "target_date"], date_widgets("target_date")
)
MeasurementFormSet = inlineformset_factory(
    Indicator,
    Measurement,
    form=VersionedForm,
    fields=["measured_on", "value", "note"],
    widgets=date_widgets("measured_on"),
    extra=2,
)


class IndicatorForm(VersionedForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target", "target_date"]
        widgets = date_widgets("target_date")
