"""Uploaded files (documents of a project, participation event or meeting, attachments of a committee paper): what
an upload may be and the names it is stored and downloaded under.

An upload is accepted by what its bytes are (never by its name or the type the browser declares), up to
DOCUMENT_MAX_BYTES, and stored under a random name. A download is always an attachment with a sandboxing
Content-Security-Policy and nosniff (`file_download`), so no browser renders an uploaded file as a page of the
portal.
"""

import unicodedata
import uuid
from pathlib import PurePath
from urllib.parse import urlencode

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.models import Document, Project
from stakeholders.models import Meeting, ParticipationEvent

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
FileType = Document.FileType
# The extensions a file of each type may carry; the first is the one given to a file whose name lacks it.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    FileType.PDF: ("pdf",),
    FileType.DOCX: ("docx",),
    FileType.XLSX: ("xlsx",),
    FileType.PNG: ("png",),
    FileType.JPEG: ("jpg", "jpeg"),
    FileType.GIF: ("gif",),
    FileType.WEBP: ("webp",),
}
ACCEPT = ",".join(f".{extension}" for extensions in EXTENSIONS.values() for extension in extensions)
# The upload page names the parent in its query: ?projekt=3, ?beteiligung=5 or ?sitzung=7.
PARENT_PARAMETERS = {"projekt": "project", "beteiligung": "participation_event", "sitzung": "meeting"}
PARAMETER_OF_FIELD = {field: key for key, field in PARENT_PARAMETERS.items()}
PARAMETER_OF_MODEL: dict[type[Model], str] = {Project: "projekt", ParticipationEvent: "beteiligung", Meeting: "sitzung"}

TOO_LARGE_MESSAGE = gettext_lazy("The file is larger than %(limit)s. Please upload a smaller file.")
WRONG_TYPE_MESSAGE = gettext_lazy(
    "This file is not a PDF, Word (DOCX) or Excel (XLSX) document, nor a PNG, JPEG, GIF or WebP image. "
    "The type is read from the file's content, not from its name."
)


def max_bytes() -> int:
    return getattr(settings, "DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES)


def detect_type(upload: UploadedFile) -> str | None:
    """The MIME type the file's first bytes show, or None when they match no known type."""
    kind = filetype.guess(upload)
    return kind.mime if kind else None


def help_text() -> str:
    return _("PDF, Word (DOCX), Excel (XLSX) or an image (PNG, JPEG, GIF, WebP), at most %(limit)s.") % {
        "limit": filesizeformat(max_bytes())
    }


def check_upload(upload: UploadedFile) -> str:
    """The type of an upload the portal accepts, read from its content; ValidationError for a file too large or of
    another type."""
    if upload.size is not None and upload.size > max_bytes():
        raise ValidationError(TOO_LARGE_MESSAGE, code="too_large", params={"limit": filesizeformat(max_bytes())})
    content_type = detect_type(upload)
    if content_type not in FileType.values:
        raise ValidationError(WRONG_TYPE_MESSAGE, code="file_type")
    return content_type


def stored_name(content_type: str) -> str:
    """A random file name with the extension of the type: nothing on disk is named or guessable by the uploader."""
    return f"{uuid.uuid4().hex}.{EXTENSIONS.get(content_type, ('bin',))[0]}"


def attachment_name(original_name: str, content_type: str) -> str:
    """The uploader's file name without control characters, with the extension of the detected type appended where
    the name had another."""
    name = "".join(char for char in original_name if unicodedata.category(char)[0] != "C").strip() or "datei"
    extensions = EXTENSIONS.get(content_type)
    if not extensions or PurePath(name).suffix.lower().lstrip(".") in extensions:
        return name
    return f"{name}.{extensions[0]}"


def download_name(document: Document) -> str:
    return attachment_name(document.original_name, document.content_type)


def file_download(stored: FieldFile, filename: str, content_type: str, as_attachment: bool = True) -> FileResponse:
    """The stored file as an attachment (or, `as_attachment=False`, for the browser to show: the files are checked to
    be of the FileTypes); the headers keep any browser from running what is in it. Http404 when it is gone."""
    try:
        opened = stored.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(opened, as_attachment=as_attachment, filename=filename, content_type=content_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    patch_cache_control(response, private=True)
    return response


def upload_url(parent: Project | ParticipationEvent | Meeting) -> str:
    """The upload page for a document of `parent` (a project, participation event or meeting)."""
    query = urlencode({PARAMETER_OF_MODEL[type(parent)]: parent.pk})
    return f"{reverse('projects:document-create')}?{query}"
