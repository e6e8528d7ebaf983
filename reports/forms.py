"""The committee paper's form in the workspace, with its consultations and attachments as inline formsets."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = cast(forms.ModelChoiceField, self.fields["meeting"])  # a select of rows, as ModelForm builds it
        meeting.queryset = cast(QuerySet, meeting.queryset).select_related("body")


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
