"""Uploaded files (documents of a project, participation event or meeting): what an upload may be and the names it
is stored and downloaded under.

An upload is accepted by what its bytes are (never by its name or the type the browser declares), up to
DOCUMENT_MAX_BYTES, and stored under a random name. A download is always an attachment with a sandboxing
Content-Security-Policy and nosniff (views/documents.py), so no browser renders an uploaded file as a page of the
portal.
"""

from pathlib import PurePath
from urllib.parse import urlencode

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model
from django.urls import reverse
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


def download_name(document: Document) -> str:
    """The uploader's file name, with the extension of the detected type appended where the name had another."""
    extensions = EXTENSIONS[document.content_type]
    if PurePath(document.original_name).suffix.lower().lstrip(".") in extensions:
        return document.original_name
    return f"{document.original_name}.{extensions[0]}"


def upload_url(parent: Project | ParticipationEvent | Meeting) -> str:
    """The upload page for a document of `parent` (a project, participation event or meeting)."""
    query = urlencode({PARAMETER_OF_MODEL[type(parent)]: parent.pk})
    return f"{reverse('projects:document-create')}?{query}"
