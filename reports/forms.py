"""The committee paper's form in the workspace, with its consultations and attachments as inline formsets."""

from django import forms
from django.forms import inlineformset_factory

from reports.models import CommitteePaper, Consultation, PaperAttachment
from strategy_portal.forms import date_widgets


class CommitteePaperForm(forms.ModelForm):
    class Meta:
        model = CommitteePaper
        fields = [
            "strategy", "number", "kind", "title", "subtitle", "meeting", "addressees", "decision_proposal",
            "climate_check_result", "climate_check_partial_results", "climate_check_reasoning", "introduction",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = self.fields["meeting"].queryset.select_related("body")


ConsultationFormSet = inlineformset_factory(
    CommitteePaper,
    Consultation,
    fields=["position", "body", "competence", "meeting_date", "is_public"],
    widgets=date_widgets("meeting_date"),
    extra=1,
    can_delete=True,
)
AttachmentFormSet = inlineformset_factory(
    CommitteePaper, PaperAttachment, fields=["number", "title", "file"], extra=1, can_delete=True
)
