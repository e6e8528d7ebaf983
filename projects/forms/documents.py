"""The upload form of a document and the form that renames one (a stored file is never replaced)."""

from pathlib import PurePath
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy

from projects.models import Document
from projects.uploads import ACCEPT, check_upload, help_text, stored_name
from strategy_portal.forms import VersionedForm


class DocumentForm(VersionedForm):
    class Meta:
        model = Document
        fields = ["file", "title"]
        help_texts = {"title": gettext_lazy("Left empty, the file name is used.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["file"].widget.attrs["accept"] = ACCEPT
        self.fields["file"].help_text = help_text()

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        content_type = check_upload(upload)
        self.instance.original_name = upload.name[:255]
        self.instance.content_type = content_type
        self.instance.size = upload.size
        upload.name = stored_name(content_type)
        return upload

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("title") and cleaned.get("file"):
            cleaned["title"] = PurePath(self.instance.original_name).stem[:300]
        return cleaned


class DocumentTitleForm(VersionedForm):
    """A stored file is never replaced: a new version is a new upload."""

    class Meta:
        model = Document
        fields = ["title"]
