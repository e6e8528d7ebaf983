"""The status report form (with the milestones it reports done) and the office's comment when it returns one."""

import datetime
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from projects.models import Milestone, MilestoneUpdate, StatusReport
from strategy_portal.forms import DateInput, VersionedForm, date_widgets

COMMENT_REQUIRED = _("Please say what the project lead should revise.")


class StatusReportForm(VersionedForm):
    """The report, and a "done on" date (with a note) for each open milestone of the project: a project lead reports
    the milestones completed with the report, and they reach the milestones when the office publishes it."""

    class Meta:
        model = StatusReport
        fields = ["reported_on", "traffic_light", "progress", "achieved", "next_steps", "risks"]
        widgets = {**date_widgets("reported_on"), "progress": forms.NumberInput(attrs={"min": 0, "max": 100})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
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
            "seen_version",
        )
        if self.milestones:
            self.helper.layout.append(self.milestone_fieldset())

    def add_milestone_fields(self, milestone: Milestone, update: MilestoneUpdate | None) -> None:
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

    def milestone_fieldset(self) -> Fieldset:
        intro = format_html(
            '<p class="form-text">{}</p>',
            _("Enter the date for each milestone the project has reached; it counts once the report is published."),
        )
        rows = [
            Row(Column(f"milestone_{m.pk}_done_on", css_class="col-md-5"), Column(f"milestone_{m.pk}_note"))
            for m in self.milestones
        ]
        return Fieldset(_("Milestones"), HTML(intro), *rows, css_class="card card-body mb-4")

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        today = timezone.localdate()
        for milestone in self.milestones:
            name = f"milestone_{milestone.pk}_done_on"
            if cleaned.get(name) and cleaned[name] > today:
                self.add_error(name, _("A milestone cannot be done on a day in the future."))
        return cleaned

    def milestone_updates(self) -> list[tuple[Milestone, datetime.date | None, str]]:
        """(milestone, done_on or None, note) for every milestone the form offered."""
        return [
            (m, self.cleaned_data.get(f"milestone_{m.pk}_done_on"), self.cleaned_data.get(f"milestone_{m.pk}_note", ""))
            for m in self.milestones
        ]


def reportable_milestones(report: StatusReport) -> tuple[list[Milestone], dict[int, MilestoneUpdate]]:
    """The milestones a report offers: the project's open ones and those this report already reports done, with the
    report's updates by milestone (two queries)."""
    updates: dict[int, MilestoneUpdate] = {}
    if report.pk is not None:
        updates = {update.milestone_id: update for update in report.milestone_updates.all()}
    milestones = Milestone.objects.filter(project=report.project_id).order_by("due_date", "title")
    return [m for m in milestones if m.done_on is None or m.pk in updates], updates


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the project lead revise?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": COMMENT_REQUIRED},
        help_text=_("The project lead receives this comment by e-mail and sees it with the report."),
    )
