"""Documents attached to a project, participation event or meeting.

An upload is accepted by what its bytes are (never by its name or the type the browser declares), up to
DOCUMENT_MAX_BYTES, and stored under a random name. A download is always an attachment with a sandboxing
Content-Security-Policy and nosniff, so no browser renders an uploaded file as a page of the portal.
"""

import uuid
from functools import partial
from pathlib import PurePath
from urllib.parse import urlencode

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import BadRequest, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from projects.models import Document, Project
from stakeholders.models import Meeting, ParticipationEvent
from strategy_portal.workspace import (
    WORKSPACE_HOME,
    DeleteView,
    ObjectCreateView,
    ObjectDetailView,
    ObjectUpdateView,
    WorkspaceMixin,
    workspace_url,
)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
FileType = Document.FileType
# The extensions a file of each type may carry; the first is the one given to a file whose name lacks it.
EXTENSIONS = {
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
PARAMETER_OF_MODEL = {Project: "projekt", ParticipationEvent: "beteiligung", Meeting: "sitzung"}

TOO_LARGE_MESSAGE = gettext_lazy("The file is larger than %(limit)s. Please upload a smaller file.")
WRONG_TYPE_MESSAGE = gettext_lazy(
    "This file is not a PDF, Word (DOCX) or Excel (XLSX) document, nor a PNG, JPEG, GIF or WebP image. "
    "The type is read from the file's content, not from its name."
)


def max_bytes():
    return getattr(settings, "DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES)


def detect_type(upload):
    """The MIME type the file's first bytes show, or None when they match no known type."""
    kind = filetype.guess(upload)
    return kind.mime if kind else None


def download_name(document):
    """The uploader's file name, with the extension of the detected type appended where the name had another."""
    extensions = EXTENSIONS[document.content_type]
    if PurePath(document.original_name).suffix.lower().lstrip(".") in extensions:
        return document.original_name
    return f"{document.original_name}.{extensions[0]}"


def upload_url(parent):
    """The upload page for a document of `parent` (a project, participation event or meeting)."""
    query = urlencode({PARAMETER_OF_MODEL[type(parent)]: parent.pk})
    return f"{reverse('projects:document-create')}?{query}"


def optional_url(model_or_object, action):
    """A workspace page that may not exist (yet): the events' and meetings' pages live in another app."""
    try:
        return workspace_url(model_or_object, action)
    except NoReverseMatch:
        return None


def parent_url(document):
    """The page of the document's parent, else the workspace start page (reads the parent relation)."""
    return optional_url(document.get_parent(), "detail") or reverse(WORKSPACE_HOME)


def parent_crumbs(parent):
    crumbs = [
        (parent._meta.verbose_name_plural, optional_url(type(parent), "list")),
        (str(parent), optional_url(parent, "detail")),
    ]
    return [(label, url) for label, url in crumbs if url]


# Forms -------------------------------------------------------------------------------------------------------------


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["file", "title"]
        help_texts = {"title": gettext_lazy("Left empty, the file name is used.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["file"].widget.attrs["accept"] = ACCEPT
        self.fields["file"].help_text = _(
            "PDF, Word (DOCX), Excel (XLSX) or an image (PNG, JPEG, GIF, WebP), at most %(limit)s."
        ) % {"limit": filesizeformat(max_bytes())}

    def clean_file(self):
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

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("title") and cleaned.get("file"):
            cleaned["title"] = PurePath(self.instance.original_name).stem[:300]
        return cleaned


class DocumentTitleForm(forms.ModelForm):
    """A stored file is never replaced: a new version is a new upload."""

    class Meta:
        model = Document
        fields = ["title"]


# Views -------------------------------------------------------------------------------------------------------------


def parent_queryset(field, user):
    if field == "project":
        return Project.objects.visible_to(user)
    if field == "participation_event":
        return ParticipationEvent.objects.all()
    return Meeting.objects.select_related("body")


class DocumentCreateView(ObjectCreateView):
    """Upload a document to the project, event or meeting named in the query (?projekt=, ?beteiligung=, ?sitzung=)."""

    model = Document
    form_class = DocumentForm

    @cached_property
    def parent_field(self):
        given = [field for key, field in PARENT_PARAMETERS.items() if key in self.request.GET]
        if len(given) != 1:
            raise BadRequest("Name exactly one project, participation event or meeting.")
        return given[0]

    @cached_property
    def parent(self):
        pk = self.request.GET[PARAMETER_OF_FIELD[self.parent_field]]
        if not pk.isdigit():
            raise Http404
        return get_object_or_404(parent_queryset(self.parent_field, self.request.user), pk=pk)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Document(uploaded_by=self.request.user, **{self.parent_field: self.parent})
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = optional_url(self.parent, "detail") or reverse(WORKSPACE_HOME)
        return context

    def get_success_url(self):
        return optional_url(self.parent, "detail") or workspace_url(self.object, "detail")

    def get_breadcrumbs(self):
        return super().get_breadcrumbs()[:1] + parent_crumbs(self.parent) + [(_("New document"), None)]


class DocumentQuerysetMixin:
    def get_queryset(self):
        return Document.objects.select_related("uploaded_by", "project", "participation_event", "meeting__body")


class DocumentDetailView(DocumentQuerysetMixin, ObjectDetailView):
    model = Document
    template_name = "projects/document_detail.html"
    fields = ("title", "original_name", "content_type", "uploaded_by", "created")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parent = self.object.get_parent()
        context["rows"] += [(_("size"), filesizeformat(self.object.size)), (parent._meta.verbose_name, parent)]
        context.update(parent=parent, parent_url=optional_url(parent, "detail"))
        return context

    def get_breadcrumbs(self):
        return super().get_breadcrumbs()[:1] + parent_crumbs(self.object.get_parent()) + [(str(self.object), None)]


class DocumentUpdateView(DocumentQuerysetMixin, ObjectUpdateView):
    model = Document
    form_class = DocumentTitleForm


class DocumentDownloadView(WorkspaceMixin, View):
    """The stored file as an attachment of its detected type; the headers keep any browser from rendering it."""

    model = Document
    http_method_names = ["get", "head"]

    def get(self, request, pk):
        document = get_object_or_404(Document, pk=pk)
        try:
            stored = document.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        response = FileResponse(
            stored, as_attachment=True, filename=download_name(document), content_type=document.content_type
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
        patch_cache_control(response, private=True)
        return response


class DocumentDeleteView(DeleteView):
    """Administrators only: the row goes, and its file once the deletion is committed."""

    model = Document

    def perform(self):
        stored = self.object.file
        self.back_url = parent_url(self.object)
        super().perform()
        if self.object is None:
            transaction.on_commit(partial(stored.storage.delete, stored.name))

    def get_success_url(self):
        return self.back_url if self.object is None else super().get_success_url()
