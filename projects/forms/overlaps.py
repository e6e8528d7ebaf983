"""The form that records an overlap of a project (from the overlap check) as a synergy or a duplicate."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import ExternalInitiative, Project, ProjectLink
from strategy_portal.forms import SearchableSelect, VersionedForm

ALREADY_RECORDED = _("This overlap is already recorded.")


class ProjectLinkForm(VersionedForm):
    """The project is fixed by the page (`instance.project`); the other side is a project or an initiative of the
    same strategy."""

    class Meta:
        model = ProjectLink
        fields = ["linked_project", "external_initiative", "kind", "note"]
        widgets = {
            "linked_project": SearchableSelect,
            "external_initiative": SearchableSelect,
            "kind": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "linked_project": _("Choose either a project of the strategy or an external initiative."),
            "kind": _("A synergy: both gain from working together. A duplicate: the same work is done twice."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        project = self.instance.project
        # The fields as Django builds them for these model fields: a choice field and two selects of rows.
        kind = cast(forms.ChoiceField, self.fields["kind"])
        linked_project = cast(forms.ModelChoiceField, self.fields["linked_project"])
        external_initiative = cast(forms.ModelChoiceField, self.fields["external_initiative"])
        kind.choices = ProjectLink.Kind.choices  # a radio list needs no empty choice
        linked_project.queryset = Project.objects.filter(strategy_id=project.strategy_id).exclude(pk=project.pk)
        external_initiative.queryset = ExternalInitiative.objects.filter(strategy_id=project.strategy_id)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        # The unique constraints name the project, which is not a field of this form, so the form would skip them:
        # checked here, to say it at the field.
        recorded = ProjectLink.objects.filter(project_id=self.instance.project_id).exclude(pk=self.instance.pk)
        for name in ("linked_project", "external_initiative"):
            target = cleaned.get(name)
            if target is not None and recorded.filter(**{name: target}).exists():
                self.add_error(name, ALREADY_RECORDED)
        return cleaned
