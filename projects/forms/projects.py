from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row
from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from projects.models import (
    Indicator,
    Measurement,
    Milestone,
    MilestoneUpdate,
    Project,
    ProjectPartner,
    StatusReport,
)
from strategy_portal.forms import DateInput, SearchableSelect, SearchableSelectMultiple, date_widgets


class ProjectForm(forms.ModelForm):
    # The version the editor saw when the form was opened: a save against a newer version is refused.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

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

    def __init__(self, *args, **kwargs):
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
        self.fields["slug"].required = False
        self.fields["seen_version"].initial = self.instance.version
        self.fields["action_field"].queryset = self.fields["action_field"].queryset.select_related("strategy")
        self.fields["focus_areas"].queryset = self.fields["focus_areas"].queryset.select_related("action_field")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("title"):
            cleaned["slug"] = slugify(cleaned["title"])[:100]
            self.instance.slug = cleaned["slug"]
        return cleaned


def child_formset(model, fields, widgets=None, extra=1):
    return inlineformset_factory(Project, model, fields=fields, widgets=widgets or {}, extra=extra, can_delete=True)


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
    Indicator, Measurement, fields=["measured_on", "value", "note"], widgets=date_widgets("measured_on"), extra=2
)


class StatusReportForm(forms.ModelForm):
    """The report, and a "done on" date (with a note) for each open milestone of the project: a project lead reports
    the milestones completed with the report, and they reach the milestones when the office publishes it."""

    class Meta:
        model = StatusReport
        fields = ["reported_on", "traffic_light", "progress", "achieved", "next_steps", "risks"]
        widgets = {**date_widgets("reported_on"), "progress": forms.NumberInput(attrs={"min": 0, "max": 100})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.milestones, updates = reportable_milestones(self.instance)
        for milestone in self.milestones:
            self.add_milestone_fields(milestone, updates.get(milestone.pk))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's form tag carries the token
        self.helper.layout = Layout(
            HTML('{% include "projects/_review_comment.html" with report=form.instance %}'),
            Row(Column("reported_on"), Column("traffic_light"), Column("progress")),
            "achieved",
            "next_steps",
            "risks",
        )
        if self.milestones:
            self.helper.layout.append(self.milestone_fieldset())

    def add_milestone_fields(self, milestone, update):
        values = {"title": milestone.title, "date": date_format(milestone.due_date, "SHORT_DATE_FORMAT")}
        self.fields[f"milestone_{milestone.pk}_done_on"] = forms.DateField(
            label=_("%(title)s (due %(date)s): done on") % values,
            required=False,
            widget=DateInput,
            initial=update.done_on if update else None,
        )
        self.fields[f"milestone_{milestone.pk}_note"] = forms.CharField(
            label=_("Note on %(title)s") % values,
            required=False,
            max_length=MilestoneUpdate._meta.get_field("note").max_length,
            initial=update.note if update else "",
        )

    def milestone_fieldset(self):
        intro = format_html(
            '<p class="form-text">{}</p>',
            _("Enter the date for each milestone the project has reached; it counts once the report is published."),
        )
        rows = [
            Row(Column(f"milestone_{m.pk}_done_on", css_class="col-md-5"), Column(f"milestone_{m.pk}_note"))
            for m in self.milestones
        ]
        return Fieldset(_("Milestones"), HTML(intro), *rows, css_class="card card-body mb-4")

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for milestone in self.milestones:
            name = f"milestone_{milestone.pk}_done_on"
            if cleaned.get(name) and cleaned[name] > today:
                self.add_error(name, _("A milestone cannot be done on a day in the future."))
        return cleaned

    def milestone_updates(self):
        """(milestone, done_on or None, note) for every milestone the form offered."""
        return [
            (m, self.cleaned_data.get(f"milestone_{m.pk}_done_on"), self.cleaned_data.get(f"milestone_{m.pk}_note", ""))
            for m in self.milestones
        ]


def reportable_milestones(report):
    """The milestones a report offers: the project's open ones and those this report already reports done, with the
    report's updates by milestone (two queries)."""
    updates = {}
    if report.pk is not None:
        updates = {update.milestone_id: update for update in report.milestone_updates.all()}
    milestones = Milestone.objects.filter(project=report.project_id).order_by("due_date", "title")
    return [m for m in milestones if m.done_on is None or m.pk in updates], updates


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target", "target_date"]
        widgets = date_widgets("target_date")
