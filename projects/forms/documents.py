"""The upload form of a document and the form that renames one (a stored file is never replaced)."""

import uuid
from pathlib import PurePath
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.models import Document
from projects.uploads import ACCEPT, EXTENSIONS, TOO_LARGE_MESSAGE, WRONG_TYPE_MESSAGE, FileType, detect_type, max_bytes


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["file", "title"]
        help_texts = {"title": gettext_lazy("Left empty, the file name is used.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["file"].widget.attrs["accept"] = ACCEPT
        self.fields["file"].help_text = _(
            "PDF, Word (DOCX), Excel (XLSX) or an image (PNG, JPEG, GIF, WebP), at most %(limit)s."
        ) % {"limit": filesizeformat(max_bytes())}

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise ValidationError(TOO_LARGE_MESSAGE, code="too_large", params={"limit": filesizeformat(max_bytes())})
        content_type = detect_type(upload)
        if content_type not in FileType.values:
            raise ValidationError(WRONG_TYPE_MESSAGE, code="file_type")
        self.instance.original_name = upload.name[:255]
        self.instance.content_type = content_type
        self.instance.size = upload.size
        # Stored under a random name with the right extension: nothing on disk is named or guessable by the uploader.
        upload.name = f"{uuid.uuid4().hex}.{EXTENSIONS[content_type][0]}"
        return upload

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("title") and cleaned.get("file"):
            cleaned["title"] = PurePath(self.instance.original_name).stem[:300]
        return cleaned


class DocumentTitleForm(forms.ModelForm):
    """A stored file is never replaced: a new version is a new upload."""

    class Meta:
        model = Document
        fields = ["title"]
