"""The committee paper's form in the workspace, with its consultations and attachments as inline formsets."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, inlineformset_factory

from projects.uploads import ACCEPT, check_upload, help_text
from reports.models import CommitteePaper, Consultation, PaperAttachment
from strategy_portal.forms import VersionedForm, date_widgets


class CommitteePaperForm(VersionedForm):
    class Meta:
        model = CommitteePaper
        fields = [
            "strategy", "number", "kind", "title", "subtitle", "date", "meeting", "addressees", "decision_proposal",
            "climate_check_result", "climate_check_partial_results", "climate_check_reasoning", "introduction",
        ]  # fmt: skip
        widgets = date_widgets("date")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = cast(forms.ModelChoiceField, self.fields["meeting"])  # a select of rows, as ModelForm builds it
        meeting.queryset = cast(QuerySet, meeting.queryset).select_related("body")


ConsultationFormSet = inlineformset_factory(
    CommitteePaper,
    Consultation,
    form=VersionedForm,
    fields=["position", "body", "competence", "meeting_date", "is_public"],
    widgets=date_widgets("meeting_date"),
    extra=1,
    can_delete=True,
)


class PaperAttachmentForm(VersionedForm):
    """An attachment's file is checked as a project document is (projects/uploads.py): by content and size."""

    class Meta:
        model = PaperAttachment
        fields = ["number", "title", "file"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ACCEPT
        self.fields["file"].help_text = help_text()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if isinstance(upload, UploadedFile):
            self.instance.content_type = check_upload(upload)
            self.instance.original_name = upload.name[:255] if upload.name else ""
        elif not upload:  # cleared, or never given
            self.instance.content_type = self.instance.original_name = ""
        return upload


AttachmentFormSet: type[BaseInlineFormSet[PaperAttachment, CommitteePaper, Any]] = inlineformset_factory(
    CommitteePaper, PaperAttachment, form=PaperAttachmentForm, extra=1, can_delete=True
)
